"""Language tags for templates. They read only the active language, so they work in 500.html too."""

from django import template
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from portal.context_processors import LANGUAGE_SELF_NAMES

register = template.Library()

# The language the catalog data is written in, whatever the interface language.
DATA_LANGUAGE = "zh-hans"


@register.simple_tag
def html_lang():
    """The active language as a BCP 47 tag for <html lang>: zh-Hans, en."""
    code = translation.get_language() or DATA_LANGUAGE
    return LANGUAGE_SELF_NAMES.get(code, (code, code, ""))[1]


@register.simple_tag
def data_lang():
    """` lang="zh-Hans"` on an element holding catalog data when the interface is in another language.

    Screen readers then read the Chinese names in Chinese on English pages (WCAG 3.1.2);
    on Chinese pages the attribute would only repeat <html lang>, so it is left out.
    """
    if translation.get_language() == DATA_LANGUAGE:
        return ""
    return mark_safe(f' lang="{LANGUAGE_SELF_NAMES[DATA_LANGUAGE][1]}"')


@register.simple_tag
def data_text(value):
    """Catalog text inline among interface text: wrapped in a zh-Hans span on pages in another language."""
    if translation.get_language() == DATA_LANGUAGE:
        return value
    return format_html('<span lang="{}">{}</span>', LANGUAGE_SELF_NAMES[DATA_LANGUAGE][1], value)
