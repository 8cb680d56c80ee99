"""Time import_catalog on the full catalog, on a throw-away SQLite database (or DATABASE_URL).

    .venv/bin/python bench/import_time.py

Prints, for each lifecycle of 威海市: the time to import the exported spreadsheet into an
empty lifecycle, to re-import it unchanged (dry-run report only), and to apply one rename.
"""

import os
import sys
import tempfile
import time
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
workdir = tempfile.mkdtemp(prefix="portal-bench-")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir}/bench.sqlite3")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
os.environ.setdefault("DEBUG", "0")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from openpyxl import load_workbook  # noqa: E402

from lifecycle.models import Lifecycle  # noqa: E402


def timed(label, function):
    start = time.perf_counter()
    function()
    elapsed = time.perf_counter() - start
    print(f"  {label:<38} {elapsed * 1000:8.0f} ms")
    return elapsed


def main():
    quiet = {"stdout": StringIO(), "stderr": StringIO()}
    call_command("migrate", verbosity=0)
    call_command("load_catalog", **quiet)
    path = Path(workdir) / "weihai.xlsx"
    call_command("export_catalog", "--format", "xlsx", "--jurisdiction", "威海市", "--output", str(path), **quiet)
    print(f"database: {os.environ['DATABASE_URL'].split('@')[-1]}")
    for kind in ("enterprise", "personal"):
        print(f"{kind}:")

        def run(*extra, file=path, kind=kind):
            call_command("import_catalog", str(file), "--jurisdiction", "威海市", "--lifecycle", kind, *extra, **quiet)

        Lifecycle.objects.filter(jurisdiction__slug="weihai", kind=kind).delete()
        timed("import into an empty lifecycle", run)
        timed("re-import unchanged, --dry-run", lambda run=run: run("--dry-run"))
        timed("re-import unchanged", run)
        renamed = Path(workdir) / f"renamed-{kind}.xlsx"
        workbook = load_workbook(path)
        sheet = workbook[{"enterprise": "企业全生命周期", "personal": "个人全生命周期"}[kind]]
        sheet["D2"] = f"{sheet['D2'].value}（改）"
        workbook.save(renamed)
        timed("import with one renamed item", lambda run=run, renamed=renamed: run(file=renamed))


if __name__ == "__main__":
    main()
