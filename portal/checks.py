"""Deploy checks of our own: `manage.py check --deploy` warns when production would misbehave."""

from django.conf import settings
from django.core import checks
from django.core.cache.backends.memcached import BaseMemcachedCache
from django.core.cache.backends.redis import RedisCache
from django.utils.module_loading import import_string

# Caches every app server reads and writes alike; any other (local memory, files, dummy) is
# each process's own.
SHARED_CACHES = (RedisCache, BaseMemcachedCache)


@checks.register(checks.Tags.caches, deploy=True)
def check_page_cache_is_shared(app_configs, **kwargs):
    """The page cache and its catalog version must be shared, or an edit is not seen everywhere at once.

    Each gunicorn worker is a process: with a cache of its own, a staff edit starts a new
    catalog version in one worker only, and the others keep serving the old pages for up to
    PAGE_CACHE_SECONDS.
    """
    if not settings.PAGE_CACHE_SECONDS:
        return []
    backend = import_string(settings.CACHES["default"]["BACKEND"])
    if issubclass(backend, SHARED_CACHES):
        return []
    return [
        checks.Warning(
            f"页面缓存只在每个进程内有效（{settings.CACHES['default']['BACKEND']}）：后台修改后，"
            f"其他进程最长 {settings.PAGE_CACHE_SECONDS} 秒内仍显示旧页面。",
            hint="生产环境请设置 REDIS_URL（所有应用服务器共用一个 Redis），或设置 PAGE_CACHE_SECONDS=0 关闭页面缓存。",
            id="portal.W001",
        )
    ]
