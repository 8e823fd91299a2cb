"""Real browser: upload an article and a CSV in the running app; hostile text stays text."""

from __future__ import annotations

import pytest

from geo import settings
from scripts.headless import CHROMIUM, CHROMIUM_ARGS, serve_app
from tests.test_browser import (
    ARTIFACTS,
    _count,
    _map_frame,
    _open_popups,
    _require_browser,
    _table_count,
    _wait_for,
)

pytestmark = pytest.mark.browser

UPLOADED_ARTICLE = b"""---
title: "<script>alert('title')</script>"
url: "javascript:alert('url')"
published: 2025-05-06
source: "<img src=x onerror=alert('source')>"
---
On 5 May 2025, militants attacked a police station in Tank, killing three policemen
<img src=x onerror=alert('upload')> and <script>alert('upload-script')</script>, officials said.
"""

UPLOADED_CSV = (
    b"event_id_cnty,event_date,event_type,sub_event_type,actor1,latitude,longitude,geo_precision,notes,fatalities\n"
    b"PAKUP1,2025-05-07,Battles,Armed clash,TTP: Tehreek-e-Taliban Pakistan,32.30,69.57,1,"
    b"\"<img src=x onerror=alert('csv')> clash near Wana\",4\n"
    b"PAKUP2,not a date,Battles,Armed clash,TTP,32.3,69.5,1,bad row,1\n"
)


@pytest.fixture(scope="module")
def upload_url(tmp_path_factory, real_gazetteer):
    _require_browser()
    from geo.pipeline import build
    from geo.store import GeoPackageStore

    store = GeoPackageStore(tmp_path_factory.mktemp("upload") / "incidents.gpkg")
    build([settings.SEEDS_DIR], store=store, gazetteer=real_gazetteer)
    with serve_app(store.path, log_path=tmp_path_factory.mktemp("log") / "streamlit.log") as url:
        yield url, store


def test_uploaded_article_and_csv_are_added_and_shown_as_text(upload_url):
    from playwright.sync_api import sync_playwright

    url, store = upload_url
    before = len(store.read())
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        outside: list[str] = []
        page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(url) else None)
        page.goto(url, wait_until="domcontentloaded")
        page.get_by_text("Frontier Incident Map", exact=True).first.wait_for(timeout=60_000)
        markers_before = _count(_map_frame(page))
        table_before = _table_count(page)
        page.get_by_text("Add articles or records").click()
        page.locator("input[type=file]").set_input_files(
            [
                {"name": "uploaded.md", "mimeType": "text/markdown", "buffer": UPLOADED_ARTICLE},
                {"name": "records.csv", "mimeType": "text/csv", "buffer": UPLOADED_CSV},
            ]
        )
        page.get_by_text("uploaded.md").wait_for(timeout=30_000)
        page.get_by_role("button", name="Add to the incident store").click()
        report = page.locator("code").filter(has_text="records.csv")
        report.wait_for(timeout=60_000)
        text = report.inner_text()
        assert "articles read:  1" in text and "records.csv: acled, 2 rows, 1 stored, 1 rejected" in text
        # the rejected row is listed with its line and field
        page.get_by_text("1 rejected (file, line, field, reason):").wait_for(timeout=30_000)
        after = store.read()
        assert len(after) == before + 2
        _wait_for(lambda: _table_count(page) == table_before + 2, what="the table to grow by 2")
        frame = _map_frame(page)
        _wait_for(lambda: _count(frame) == markers_before + 2, what="two more markers")
        # open the popups of the uploaded records: their payloads are text
        for needle, payload in (
            ("police station in Tank", "<img src=x onerror=alert('upload')>"),
            ("clash near Wana", "<img src=x onerror=alert('csv')>"),
        ):
            _open_popups(frame, needle)
            popup = frame.locator(".leaflet-popup-content")
            popup.wait_for(timeout=10_000)
            assert payload in popup.inner_text()
            assert frame.locator(".leaflet-popup-content img, .leaflet-popup-content script").count() == 0
            frame.evaluate("() => document.querySelector('.leaflet-popup-close-button').click()")
            popup.wait_for(state="detached", timeout=10_000)
        # adding the same files again changes nothing
        page.get_by_role("button", name="Add to the incident store").click()
        page.wait_for_timeout(3000)
        assert sorted(store.read()["event_id"]) == sorted(after["event_id"])
        page.wait_for_timeout(500)
        assert dialogs == []
        assert outside == [], f"requests left the machine: {outside[:5]}"
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "upload.png"), full_page=False)
        browser.close()
