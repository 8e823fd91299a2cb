"""Take the README screenshot of the running app (headless Debian chromium).

Usage, from the project root, with the app running (``make run``)::

    python scripts/screenshot.py [--url http://localhost:8501] [--out docs/screenshot.png]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from geo.mapview import MAP_TITLE
from scripts.headless import CHROMIUM, CHROMIUM_ARGS


def main() -> None:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--url", default="http://localhost:8501")
    ap.add_argument("--out", default="docs/screenshot.png")
    ap.add_argument("--chromium", default=CHROMIUM)
    args = ap.parse_args()
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=args.chromium, headless=True, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1500, "height": 1050})
        page.goto(args.url, wait_until="domcontentloaded")
        frame = page.wait_for_selector(f"iframe[title='{MAP_TITLE}']", timeout=60_000).content_frame()
        frame.wait_for_selector("path.fim-incident", timeout=60_000)
        page.wait_for_timeout(1500)
        page.screenshot(path=args.out)
        browser.close()
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
