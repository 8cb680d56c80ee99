"""reverse(), remembered: the URL of a catalog page, built once per process and language.

A page links every item, stage, scenario and department it shows, and Django's reverse()
costs 15–20 µs a URL (matching the pattern, quoting the arguments): 20–90 URLs, about a
millisecond, on every page built, a fifth of a scenario page's template time. A URL depends only
on the name, the arguments, the active language (the /en/ prefix), the script prefix and the
URLconf, so those are the key. The catalog's URLs number a few thousand; the cache is bounded
anyway, and cleared whenever a setting changes (the tests override ROOT_URLCONF and languages).
"""

from functools import lru_cache

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language


def cached_reverse(viewname, *args):
    """reverse(viewname, args=args), from memory after the first time in this process."""
    return _reverse(viewname, args, get_language(), get_script_prefix(), get_urlconf())


@lru_cache(maxsize=16384)
def _reverse(viewname, args, language, script_prefix, urlconf):
    # The language, script prefix and URLconf are the current thread's: reverse() reads them itself.
    return reverse(viewname, args=args, urlconf=urlconf)


@receiver(setting_changed)
def _forget_urls(**kwargs):
    _reverse.cache_clear()
