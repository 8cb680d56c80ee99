from django.core.management.base import BaseCommand, CommandError

from catalog.parsing.records import SourceFormatError
from catalog.parsing.sources import FIXTURE_DIR, generated_fixtures


class Command(BaseCommand):
    help = (
        "Parse the source documents in fixtures/source/ and write the Django fixtures in fixtures/ "
        "(weihai.json). With --check, write nothing and fail if a committed fixture differs."
    )

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="compare with the committed fixtures only")

    def handle(self, *args, check=False, **options):
        try:
            fixtures = generated_fixtures()
        except SourceFormatError as exc:
            raise CommandError(f"无法解析源文件：{exc}") from exc
        stale = []
        for name, text in fixtures.items():
            path = FIXTURE_DIR / name
            current = path.read_text(encoding="utf-8") if path.exists() else None
            if current == text:
                self.stdout.write(f"{name}: 已是最新")
                continue
            if check:
                stale.append(name)
                continue
            path.write_text(text, encoding="utf-8")
            self.stdout.write(self.style.SUCCESS(f"{name}: 已写入"))
        if stale:
            raise CommandError(f"与源文件不一致，请运行 build_fixtures：{', '.join(stale)}")
