from django.core.management.base import BaseCommand

from catalog.search import rebuild_search_index


class Command(BaseCommand):
    help = (
        "Rewrite the search index (catalog_searchentry) from the catalog in the database. load_catalog, "
        "imports and admin changes do this themselves; run it after changing the catalog any other way."
    )

    def handle(self, *args, **options):
        count = rebuild_search_index()
        self.stdout.write(self.style.SUCCESS(f"搜索索引已重建：{count} 条。"))
