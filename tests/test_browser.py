"""Real-browser tests: the running Streamlit app in headless Debian chromium.

Playwright drives the system's ``/usr/bin/chromium`` (never a downloaded
browser). ``make test`` installs chromium when it is missing; when it is
absent these tests skip, unless ``FIM_REQUIRE_BROWSER=1`` (set by CI) makes
that a failure.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from geo import settings

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("FIM_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = settings.PROJECT_DIR / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _require_browser() -> None:
    if Path(CHROMIUM).exists():
        return
    msg = f"chromium not found at {CHROMIUM} (make test installs it with apt-get)"
    if os.environ.get("FIM_REQUIRE_BROWSER") == "1":
        pytest.fail(msg)
    pytest.skip(msg)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


HOSTILE_ARTICLE = """---
title: "<script>alert('title')</script>"
url: "javascript:alert('url')"
published: 2025-03-04
source: "<img src=x onerror=alert('source')>"
---
On 3 March 2025, militants attacked a police checkpoint in Bannu, killing two policemen
<img src=x onerror=alert('img')> and <script>alert('script')</script>, officials said.
"""


@pytest.fixture(scope="module")
def built_store(tmp_path_factory, real_gazetteer):
    """The store as `python -m geo build` makes it: the seeds plus a hostile article."""
    from geo.pipeline import build
    from geo.store import GeoPackageStore

    tmp = tmp_path_factory.mktemp("corpus")
    (tmp / "hostile.md").write_text(HOSTILE_ARTICLE, encoding="utf-8")
    store = GeoPackageStore(tmp / "incidents.gpkg")
    gdf, _ = build([settings.SEEDS_DIR, tmp], store=store, gazetteer=real_gazetteer)
    return store, gdf


@pytest.fixture(scope="module")
def app_url(tmp_path_factory, built_store):
    _require_browser()
    store = built_store[0].path
    port = _free_port()
    env = {**os.environ, "FIM_STORE_PATH": str(store)}
    log = (tmp_path_factory.mktemp("log") / "streamlit.log").open("w")
    proc = subprocess.Popen(
        [
            sys.executable, "-m", "streamlit", "run", "app.py",
            "--server.port", str(port), "--server.address", "127.0.0.1", "--server.headless", "true",
        ],
        cwd=settings.PROJECT_DIR, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    break
        except OSError:
            time.sleep(0.3)
    else:
        proc.kill()
        pytest.fail("streamlit did not start within 60 s")
    yield url
    proc.terminate()
    proc.wait(timeout=20)
    log.close()


@pytest.fixture(scope="module")
def browser():
    _require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


def test_map_with_markers_offline_and_hostile_text_inert(app_url, browser, built_store):
    _, gdf = built_store
    located = int(gdf.geometry.notna().sum())
    assert located >= 5 and (gdf["doc_id"] == "hostile").any()
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(app_url) else None)
    page.goto(app_url, wait_until="domcontentloaded")
    page.get_by_text("Frontier Incident Map", exact=True).first.wait_for(timeout=60_000)
    frame_el = page.wait_for_selector("iframe[title*='st_folium'], iframe[src*='streamlit_folium']", timeout=60_000)
    frame = frame_el.content_frame()
    frame.wait_for_selector(".leaflet-container", timeout=30_000)
    frame.wait_for_selector("path.fim-incident", timeout=30_000)
    # one marker per located incident
    assert frame.locator("path.fim-incident").count() == located
    # the province and district outlines and the border are drawn without any tile server
    assert frame.locator("path.leaflet-interactive").count() > located + 100
    # open the popup of the hostile article's incident: its payloads show as text
    frame.evaluate(
        "() => { for (const k in window) { const o = window[k];"
        " if (o && o instanceof L.CircleMarker && (o.getPopup()?.getContent()?.textContent || '').includes('onerror'))"
        " { o.openPopup(); } } }"
    )
    popup = frame.locator(".leaflet-popup-content")
    popup.wait_for(timeout=10_000)
    text = popup.inner_text()
    assert "<img src=x onerror=alert('img')>" in text and "<script>alert('script')</script>" in text
    assert "<img src=x onerror=alert('source')>" in text  # the outlet name, as text
    assert frame.locator(".leaflet-popup-content img, .leaflet-popup-content script").count() == 0
    assert frame.locator(".leaflet-popup-content a").count() == 0  # javascript: URL is not a link
    page.wait_for_timeout(500)
    assert dialogs == []
    assert outside == [], f"requests left the machine: {outside[:5]}"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "app.png"), full_page=False)
    page.close()
