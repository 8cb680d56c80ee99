from django.core.management.base import BaseCommand

from portal.caching import catalog_version_bump


class Command(BaseCommand):
    help = (
        "Start a new catalog version in the cache (REDIS_URL / CACHE_URL), so every cached public page is "
        "rebuilt on its next request. Writes nothing else. Admin changes, imports and load_catalog do this "
        "themselves; run it after deploying new templates or code, or after changing the catalog by SQL."
    )

    def handle(self, *args, **options):
        catalog_version_bump()
        self.stdout.write(self.style.SUCCESS("页面缓存已失效：下次请求时重新生成。"))
