from django.core.management import call_command
from django.core.management.base import BaseCommand

from catalog.parsing.sources import WEIHAI_FIXTURE
from lifecycle.models import Jurisdiction


class Command(BaseCommand):
    help = (
        "Load the Weihai catalog (fixtures/weihai.json) into an empty database. If the catalog is "
        "already there it is left alone, so staff edits are never overwritten; --force reloads it."
    )

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="reload even if the catalog exists (overwrites edits)")

    def handle(self, *args, force=False, **options):
        if Jurisdiction.objects.filter(slug="weihai").exists() and not force:
            self.stdout.write("威海市清单已在数据库中，未重新载入（如需覆盖请加 --force）。")
            return
        call_command("loaddata", WEIHAI_FIXTURE, verbosity=0)
        self.stdout.write(self.style.SUCCESS("已载入威海市企业、个人全生命周期事项清单。"))
