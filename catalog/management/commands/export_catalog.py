import sys

from django.core.management.base import BaseCommand, CommandError

from catalog.exporting import FORMATS, catalog_entries, export_as_bytes
from lifecycle.models import Jurisdiction, Lifecycle


class Command(BaseCommand):
    help = (
        "Write the catalog out. json (default): one object per lifecycle "
        "({jurisdiction, lifecycle, stages: [{number, name, scenarios: [{code, name, items: [...]}]}]}), "
        "a list when --lifecycle is omitted. xlsx: the government's table layout, a sheet per lifecycle, "
        "with merged cells (importable with import_catalog). csv: the same columns, every cell filled. "
        "Writes to standard output, or to --output FILE. Reads the database only."
    )

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=FORMATS, default="json", help="output format")
        parser.add_argument("--jurisdiction", help="行政区域名称，例如 威海市 (default: all)")
        parser.add_argument("--lifecycle", choices=[kind for kind, _label in Lifecycle.Kind.choices])
        parser.add_argument("--output", "-o", help="write to this file instead of standard output")

    def handle(self, *args, format="json", jurisdiction=None, lifecycle=None, output=None, **options):
        if jurisdiction and not Jurisdiction.objects.filter(name=jurisdiction).exists():
            known = "、".join(Jurisdiction.objects.values_list("name", flat=True)) or "（数据库中没有清单）"
            raise CommandError(f"没有名为“{jurisdiction}”的行政区域。现有：{known}")
        entries = catalog_entries(jurisdiction=jurisdiction, kind=lifecycle)
        if not entries:
            raise CommandError("没有符合条件的清单；请先运行 load_catalog 载入数据。")
        # The same bytes as the download page's (catalog.exporting).
        content = export_as_bytes(entries, format=format, single=bool(lifecycle))
        if output:
            with open(output, "wb") as stream:
                stream.write(content)
            self.stderr.write(f"已写入 {output}")
        elif format == "xlsx":
            if sys.stdout.isatty():
                raise CommandError("xlsx 是二进制文件：请用 --output 文件名.xlsx，或重定向到文件（> catalog.xlsx）。")
            sys.stdout.buffer.write(content)
        else:
            # Text on standard output: without the CSV's byte-order mark, which is for Excel.
            self.stdout.write(content.decode("utf-8-sig"), ending="")
