"""How to start Debian's Chromium here: shared by the browser tests and bench/screenshots.py."""

import os

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# Headless as root, and no background traffic: this machine's network is closed, and
# Chromium's update and sync connections would only be refused.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
