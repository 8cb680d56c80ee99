"""PlainSelect renders what Django's own Select renders, without a template per option."""

import re

import pytest
from django import forms

from catalog.filters import SearchFilter
from catalog.models import SearchEntry
from portal.widgets import PlainSelect

CHOICES = [
    ("", "全部"),
    ("1", "市市场监管局"),
    ("2", 'A & B <"机构">'),
    ("群组", [("3", "子项一"), ("4", "子项二")]),
]


def _tags(html):
    """The markup without the whitespace Django's templates put between tags."""
    return re.sub(r">\s+<", "><", html.strip())


@pytest.mark.parametrize("value", ["", "2", "4", "not offered", None])
def test_plain_select_renders_the_same_markup_as_django_select(value):
    attrs = {"class": "app-search-filters__select", "id": "id_department", "aria-describedby": "hint"}
    django_html = forms.Select(choices=CHOICES).render("department", value, attrs=attrs)
    plain_html = PlainSelect(choices=CHOICES).render("department", value, attrs=attrs)
    assert _tags(plain_html) == _tags(django_html)


def test_plain_select_escapes_labels_and_marks_the_chosen_option():
    html = PlainSelect(choices=CHOICES).render("department", "2", attrs={"id": "x"})
    assert '<option value="2" selected>A &amp; B &lt;&quot;机构&quot;&gt;</option>' in html
    assert html.count(" selected") == 1


def test_every_search_filter_renders_with_plain_select():
    form = SearchFilter(data={}, queryset=SearchEntry.objects.none()).form
    assert form.fields
    assert {name: type(field.widget) for name, field in form.fields.items()} == dict.fromkeys(form.fields, PlainSelect)


@pytest.mark.django_db
def test_search_page_marks_the_chosen_filter(client):
    html = client.get("/search/", {"item_type": "行政许可"}).content.decode()
    assert '<select name="item_type" class="app-search-filters__select" id="id_item_type">' in html
    assert '<option value="行政许可" selected>行政许可</option>' in html
