"""Context every public page needs: the display preference and the language switch. No queries."""

from django.conf import settings
from django.urls import reverse, translate_url
from django.utils import translation

# The elderly-mode (长辈版) cookie: "1" when on, absent when off. Kept to one plain name and
# value because a page cache will vary on it.
ELDERLY_COOKIE = "elderly"

# How each language names itself in the switch, its BCP 47 tag for lang and hreflang, and
# what the switch does, said in that language for the screen reader (not a translation).
LANGUAGE_SELF_NAMES = {
    "zh-hans": ("中文", "zh-Hans", "：用中文浏览本页"),
    "en": ("English", "en", ": view this page in English"),
}


def display(request):
    return {
        "elderly_mode": request.COOKIES.get(ELDERLY_COOKIE) == "1",
        "language_links": _language_links(request),
        "default_jurisdiction": settings.PORTAL_DEFAULT_JURISDICTION,
    }


def _language_links(request):
    """This page in each other language; the home page when this path has no counterpart (a 404)."""
    current = translation.get_language()
    path = request.get_full_path()
    links = []
    for code, _name in settings.LANGUAGES:
        if code == current:
            continue
        url = translate_url(path, code)
        if url == path:
            with translation.override(code):
                url = reverse("home")
        name, tag, hint = LANGUAGE_SELF_NAMES.get(code, (code, code, ""))
        links.append(
            {"name": name, "tag": tag, "hint": hint, "url": url, "absolute_url": request.build_absolute_uri(url)}
        )
    return links
