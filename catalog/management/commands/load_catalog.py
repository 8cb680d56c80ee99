import getpass

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from catalog.parsing.sources import CATALOG_FIXTURES
from catalog.search import rebuild_search_index
from catalog.services import edition_record_initial_load, history_record_baseline
from lifecycle.models import Jurisdiction
from portal.caching import catalog_version_bump


class Command(BaseCommand):
    help = (
        "Load the catalogs (fixtures/weihai.json: 威海市; fixtures/county.json: the county-level personal "
        "list) into the database, record each as a first edition, rebuild the search index and start a new "
        "page-cache version. A catalog already there is left alone, so staff edits are never overwritten; "
        "--force reloads it."
    )

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="reload even if the catalog exists (overwrites edits)")

    def handle(self, *args, force=False, **options):
        for slug, fixture in CATALOG_FIXTURES:
            if Jurisdiction.objects.filter(slug=slug).exists() and not force:
                self.stdout.write(f"{fixture}：已在数据库中，未重新载入（如需覆盖请加 --force）。")
                continue
            with transaction.atomic():
                call_command("loaddata", fixture, verbosity=0)
                jurisdiction = Jurisdiction.objects.get(slug=slug)
                history_record_baseline(jurisdiction=jurisdiction)
                edition_record_initial_load(jurisdiction=jurisdiction, source_name=fixture, user_name=getpass.getuser())
            self.stdout.write(self.style.SUCCESS(f"已载入{jurisdiction.name}的事项清单（{fixture}）。"))
        rebuild_search_index()
        catalog_version_bump()
