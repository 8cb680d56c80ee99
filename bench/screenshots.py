"""Screenshots of every page type, to look at: 360 px and 1280 px wide, normal and elderly mode.

    .venv/bin/python bench/screenshots.py [--base-url http://127.0.0.1:8000] [--out bench/out/screenshots]

Without --base-url it builds a throw-away SQLite database in a temporary directory (migrate,
load_catalog: the real Weihai catalog), serves it with runserver on a free local port using
the test settings (DEBUG off, so 404 is the site's own page), and stops the server when done.
Writes PNGs named <page>-<width>-<mode>.png (mode: normal, elderly, en) plus
scenario-print.png, the scenario page as printed. Needs Debian's chromium (CHROMIUM to
override /usr/bin/chromium) and fonts-noto-cjk.
"""

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser.chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

PAGES = {
    "home": "/",
    "jurisdiction": "/weihai/",
    "lifecycle": "/weihai/enterprise/",
    "stage": "/weihai/enterprise/stages/1/",
    "scenario": "/weihai/enterprise/scenarios/1.1/",
    "item": "/weihai/enterprise/items/1/",
    "departments": "/weihai/departments/",
    "department": "/weihai/departments/市市场监管局/",
    "search": "/search/?q=社保",
    "compare": "/weihai/personal/compare/county/",
    "404": "/weihai/no-such-page/",
}
WIDTHS = (360, 1280)
# (mode, elderly cookie, language prefix)
MODES = (("normal", False, ""), ("elderly", True, ""), ("en", False, "/en"))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", help="a running portal; default: start one on the real catalog")
    parser.add_argument("--out", default=str(ROOT / "bench" / "out" / "screenshots"), help="output directory")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    if args.base_url:
        take_screenshots(args.base_url.rstrip("/"), out)
        return
    with tempfile.TemporaryDirectory() as tmp:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "portal.settings.test",
            "DATABASE_URL": f"sqlite:///{tmp}/screenshots.sqlite3",
        }
        manage = [sys.executable, str(ROOT / "manage.py")]
        subprocess.run([*manage, "migrate", "--noinput", "-v0"], env=env, check=True, cwd=ROOT)
        subprocess.run([*manage, "load_catalog"], env=env, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
        port = free_port()
        server = subprocess.Popen(
            [*manage, "runserver", "--noreload", f"127.0.0.1:{port}"],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            base_url = f"http://127.0.0.1:{port}"
            wait_for(base_url)
            take_screenshots(base_url, out)
        finally:
            server.terminate()
            server.wait(timeout=10)


def take_screenshots(base_url, out):
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for mode, elderly, prefix in MODES:
            for width in WIDTHS:
                context = browser.new_context(viewport={"width": width, "height": 800}, device_scale_factor=1)
                if elderly:
                    context.add_cookies([{"name": "elderly", "value": "1", "url": base_url}])
                page = context.new_page()
                for name, path in PAGES.items():
                    page.goto(base_url + prefix + path)
                    target = out / f"{name}-{width}-{mode}.png"
                    page.screenshot(path=str(target), full_page=True)
                    print(target.relative_to(ROOT) if target.is_relative_to(ROOT) else target)
                context.close()
        context = browser.new_context(viewport={"width": 794, "height": 1123})
        page = context.new_page()
        page.goto(base_url + PAGES["scenario"])
        page.emulate_media(media="print")
        target = out / "scenario-print.png"
        page.screenshot(path=str(target), full_page=True)
        print(target.relative_to(ROOT) if target.is_relative_to(ROOT) else target)
        browser.close()


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url, timeout=30):
    deadline = time.monotonic() + timeout
    while True:
        try:
            urllib.request.urlopen(url, timeout=2)  # noqa: S310 - a local server this script started
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


if __name__ == "__main__":
    main()
