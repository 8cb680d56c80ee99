import getpass
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from catalog.importing import LIFECYCLE_NAMES, catalog_import
from catalog.spreadsheet import SpreadsheetError, read_xlsx
from lifecycle.models import Jurisdiction, Lifecycle


class Command(BaseCommand):
    help = (
        "Import one lifecycle's list from an xlsx file laid out like the government's tables "
        "(序号 · 阶段 · 场景 · 事项名称 · 子项名称 · 事项类型 · 牵头部门 · 协同部门; merged or blank cells "
        "inherit from the row above). Prints the difference against the database; with --dry-run writes "
        "nothing, otherwise applies it in one transaction. A bad file changes nothing and exits non-zero."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the .xlsx file")
        parser.add_argument("--jurisdiction", required=True, help="行政区域名称，例如 威海市")
        parser.add_argument("--lifecycle", required=True, choices=[kind for kind, _label in Lifecycle.Kind.choices])
        parser.add_argument("--dry-run", action="store_true", help="only report the difference")

    def handle(self, *args, file, jurisdiction, lifecycle, dry_run=False, **options):
        found = Jurisdiction.objects.filter(name=jurisdiction).first()
        if found is None:
            known = "、".join(Jurisdiction.objects.values_list("name", flat=True)) or "（无）"
            raise CommandError(f"没有名为“{jurisdiction}”的行政区域。现有：{known}")
        try:
            parsed = read_xlsx(file, kind=lifecycle, name=LIFECYCLE_NAMES[lifecycle], jurisdiction_name=found.name)
        except SpreadsheetError as exc:
            for problem in exc.problems:
                self.stderr.write(str(problem))
            raise CommandError(f"导入失败：发现 {len(exc.problems)} 个问题，数据库未作任何修改。") from exc
        plan = catalog_import(
            jurisdiction=found,
            parsed=parsed,
            dry_run=dry_run,
            source_name=Path(file).name,
            user_name=getpass.getuser(),
        )
        self.stdout.write(plan.report())
        if dry_run:
            self.stdout.write("（试运行：未写入数据库）")
        elif plan.has_changes:
            self.stdout.write(self.style.SUCCESS("已导入。"))
