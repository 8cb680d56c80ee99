"""{% page_url %}: {% url %} with positional arguments, from portal.reversing's memory."""

from django import template

from portal.reversing import cached_reverse

register = template.Library()


@register.simple_tag
def page_url(viewname, *args):
    """The URL of `viewname` with `args`, as {% url viewname arg1 arg2 %} writes it (escaped)."""
    return cached_reverse(viewname, *args)
