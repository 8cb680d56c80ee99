import json
import sys

from django.core.management.base import BaseCommand, CommandError

from catalog.exporting import lifecycle_as_parsed, lifecycles_for_export, parsed_as_dict
from catalog.spreadsheet import write_csv, write_xlsx
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
        parser.add_argument("--format", choices=["json", "xlsx", "csv"], default="json", help="output format")
        parser.add_argument("--jurisdiction", help="行政区域名称，例如 威海市 (default: all)")
        parser.add_argument("--lifecycle", choices=[kind for kind, _label in Lifecycle.Kind.choices])
        parser.add_argument("--output", "-o", help="write to this file instead of standard output")

    def handle(self, *args, format="json", jurisdiction=None, lifecycle=None, output=None, **options):
        if jurisdiction and not Jurisdiction.objects.filter(name=jurisdiction).exists():
            known = "、".join(Jurisdiction.objects.values_list("name", flat=True)) or "（数据库中没有清单）"
            raise CommandError(f"没有名为“{jurisdiction}”的行政区域。现有：{known}")
        entries = [
            (found.jurisdiction.name, lifecycle_as_parsed(found))
            for found in lifecycles_for_export(jurisdiction=jurisdiction, kind=lifecycle)
        ]
        if not entries:
            raise CommandError("没有符合条件的清单；请先运行 load_catalog 载入数据。")
        if format == "xlsx":
            self._write_xlsx(entries, output)
        elif format == "csv":
            # utf-8-sig so that Excel opens the CSV's Chinese text correctly.
            self._write_text(output, lambda stream: write_csv(entries, stream), encoding="utf-8-sig")
        else:
            lists = [parsed_as_dict(name, parsed) for name, parsed in entries]
            payload = lists[0] if lifecycle and len(lists) == 1 else lists
            self._write_text(
                output, lambda stream: stream.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
            )

    def _write_text(self, output, write, encoding="utf-8"):
        if output:
            with open(output, "w", encoding=encoding, newline="") as stream:
                write(stream)
            self.stderr.write(f"已写入 {output}")
        else:
            write(self.stdout)

    def _write_xlsx(self, entries, output):
        if output:
            write_xlsx(entries, output)
            self.stderr.write(f"已写入 {output}")
            return
        if sys.stdout.isatty():
            raise CommandError("xlsx 是二进制文件：请用 --output 文件名.xlsx，或重定向到文件（> catalog.xlsx）。")
        write_xlsx(entries, sys.stdout.buffer)
