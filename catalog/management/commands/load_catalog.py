import getpass

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from catalog.parsing.sources import WEIHAI_FIXTURE
from catalog.services import edition_record_initial_load
from lifecycle.models import Jurisdiction


class Command(BaseCommand):
    help = (
        "Load the Weihai catalog (fixtures/weihai.json) into an empty database and record it as the first "
        "edition. If the catalog is already there it is left alone, so staff edits are never overwritten; "
        "--force reloads it."
    )

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="reload even if the catalog exists (overwrites edits)")

    def handle(self, *args, force=False, **options):
        if Jurisdiction.objects.filter(slug="weihai").exists() and not force:
            self.stdout.write("威海市清单已在数据库中，未重新载入（如需覆盖请加 --force）。")
            return
        with transaction.atomic():
            call_command("loaddata", WEIHAI_FIXTURE, verbosity=0)
            # loaddata saves raw rows, which simple-history does not record: give every loaded
            # row its first version, so the first edit in the admin can be undone.
            call_command("populate_history", "--auto", verbosity=0)
            edition_record_initial_load(
                jurisdiction=Jurisdiction.objects.get(slug="weihai"),
                source_name=WEIHAI_FIXTURE,
                user_name=getpass.getuser(),
            )
        self.stdout.write(self.style.SUCCESS("已载入威海市企业、个人全生命周期事项清单。"))
