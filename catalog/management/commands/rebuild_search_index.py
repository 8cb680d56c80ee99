from django.core.management.base import BaseCommand

from catalog.search import rebuild_search_index
from portal.caching import catalog_version_bump


class Command(BaseCommand):
    help = (
        "Rewrite the search index (catalog_searchentry) from the catalog in the database, and start a new "
        "page-cache version so cached search pages are rebuilt. load_catalog, imports and admin changes "
        "rebuild the index themselves; run this after changing the catalog any other way."
    )

    def handle(self, *args, **options):
        count = rebuild_search_index()
        catalog_version_bump()
        self.stdout.write(self.style.SUCCESS(f"搜索索引已重建：{count} 条。"))
