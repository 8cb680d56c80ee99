"""Read the wrk outputs bench/load.sh wrote (bench/out/load/SETUP--PAGE.txt) and print one table.

    .venv/bin/python bench/load_report.py [bench/out/load]

Ratios: each run's req/s over the static ceiling (nginx serving the saved item page) and over
the floor (the minimal Django view answering the same bytes under gunicorn, no cache). The
rungs (bench/urls.py) show what a page costs before it shows any data: a 50-item template
page, one query, the portal's empty base page.
"""

import re
import sys
from pathlib import Path

SETUPS = [
    ("gunicorn", "gunicorn direct, no cache"),
    ("gunicorn-redis", "gunicorn direct, Redis page cache"),
    ("nginx", "through nginx (micro-cache)"),
]
PAGES = ["home", "scenario", "item", "department", "search"]
RUNGS = [
    ("reference", "reference page (50 items, template)"),
    ("one-query", "minimal view + one query"),
    ("empty-page", "portal base template, empty body"),
]
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def parse(path):
    """req/s, p50 and p99 in ms, socket errors, non-2xx/3xx responses and requests of one wrk run."""
    text = path.read_text()

    def latency(percent):
        value, unit = re.search(rf"^\s+{percent}%\s+([\d.]+)(us|ms|s)\s*$", text, re.M).groups()
        return float(value) * UNITS[unit]

    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1)),
        "p50": latency(50),
        "p99": latency(99),
        "errors": sum(int(n) for n in errors.groups()) if errors else 0,
        "non_2xx": int(non_2xx.group(1)) if non_2xx else 0,
        "requests": int(re.search(r"(\d+) requests in", text).group(1)),
    }


def main(folder):
    runs = {path.stem: parse(path) for path in sorted(folder.glob("*.txt"))}
    ceiling = runs.get("nginx--static-item")
    floor = runs.get("gunicorn--minimal-view")
    reference = runs.get("gunicorn--reference")
    header = f"{'set-up':<36}{'page':<14}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}{'non-2xx':>9}"
    header += f"{'× static':>10}{'× minimal':>11}{'× reference':>13}"
    print(header)
    print("-" * len(header))

    def line(label, page, run):
        ratio_ceiling = f"{run['rps'] / ceiling['rps']:.3f}" if ceiling and ceiling["rps"] else "-"
        ratio_floor = f"{run['rps'] / floor['rps']:.2f}" if floor and floor["rps"] else "-"
        ratio_reference = f"{run['rps'] / reference['rps']:.2f}" if reference and reference["rps"] else "-"
        print(
            f"{label:<36}{page:<14}{run['rps']:>9.0f}{run['p50']:>9.2f}{run['p99']:>9.2f}"
            f"{run['errors']:>8}{run['non_2xx']:>9}{ratio_ceiling:>10}{ratio_floor:>11}{ratio_reference:>13}"
        )

    for setup, label in SETUPS:
        for page in PAGES:
            run = runs.get(f"{setup}--{page}")
            if run:
                line(label, page, run)
    if floor:
        line("minimal Django view (the floor)", "item bytes", floor)
    for rung, label in RUNGS:
        run = runs.get(f"gunicorn--{rung}")
        if run:
            line(label, "-", run)
    if ceiling:
        line("nginx static file (the ceiling)", "item.html", ceiling)
    total_errors = sum(run["errors"] + run["non_2xx"] for run in runs.values())
    requests = sum(run["requests"] for run in runs.values())
    print(f"\n{len(runs)} runs, {requests} requests; errors + non-2xx: {total_errors}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent / "out" / "load")
