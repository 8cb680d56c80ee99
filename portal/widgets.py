"""Form widgets that render without a template per option."""

from django import forms
from django.utils.html import format_html, format_html_join


def _attributes(attrs):
    """HTML attributes as Django's django/forms/widgets/attrs.html writes them, in the same order."""
    return format_html_join(
        "",
        "{}",
        (
            (format_html(" {}", name) if value is True else format_html(' {}="{}"', name, str(value)),)
            for name, value in attrs.items()
            if value is not False
        ),
    )


class PlainSelect(forms.Select):
    """A <select> rendered in Python, with the same markup as Django's Select.

    Django renders every <option> through two template includes (option and attrs); the search
    page's filters offer about 110 options, which cost about 8 ms of every search that way
    (bench/load.sh). Same context (get_context, optgroups), so selection and escaping behave as
    in Django's own widget; tests/test_widgets.py compares the two.
    """

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        groups = []
        for group_name, options, _index in widget["optgroups"]:
            rendered = format_html_join(
                "",
                '<option value="{}"{}>{}</option>',
                ((str(option["value"]), _attributes(option["attrs"]), option["label"]) for option in options),
            )
            if group_name:
                rendered = format_html('<optgroup label="{}">{}</optgroup>', group_name, rendered)
            groups.append(rendered)
        options = format_html_join("", "{}", ((group,) for group in groups))
        return format_html('<select name="{}"{}>{}</select>', widget["name"], _attributes(widget["attrs"]), options)
