import json

from django.core.management.base import BaseCommand, CommandError

from catalog.exporting import lifecycle_as_dict, lifecycles_for_export
from lifecycle.models import Jurisdiction, Lifecycle


class Command(BaseCommand):
    help = (
        "Write the catalog to standard output. JSON: one object per lifecycle "
        "({jurisdiction, lifecycle, stages: [{number, name, scenarios: [{code, name, items: [...]}]}]}); "
        "with --lifecycle omitted, a list of every matching lifecycle. Reads the database, writes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["json"], default="json", help="output format (json)")
        parser.add_argument("--jurisdiction", help="行政区域名称，例如 威海市 (default: all)")
        parser.add_argument("--lifecycle", choices=[kind for kind, _label in Lifecycle.Kind.choices])

    def handle(self, *args, jurisdiction=None, lifecycle=None, **options):
        if jurisdiction and not Jurisdiction.objects.filter(name=jurisdiction).exists():
            known = "、".join(Jurisdiction.objects.values_list("name", flat=True)) or "（数据库中没有清单）"
            raise CommandError(f"没有名为“{jurisdiction}”的行政区域。现有：{known}")
        lifecycles = [
            lifecycle_as_dict(found) for found in lifecycles_for_export(jurisdiction=jurisdiction, kind=lifecycle)
        ]
        if not lifecycles:
            raise CommandError("没有符合条件的清单；请先运行 loaddata weihai 载入数据。")
        payload = lifecycles[0] if lifecycle and len(lifecycles) == 1 else lifecycles
        self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
