"""Real-browser tests: the running Streamlit app in headless Debian chromium.

Playwright drives the system's ``/usr/bin/chromium`` (never a downloaded
browser). ``make test`` installs chromium when it is missing; when it is
absent these tests skip, unless ``FIM_REQUIRE_BROWSER=1`` (set by CI) makes
that a failure.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from geo import settings
from geo.mappayload import PAYLOAD_TEXT
from geo.mapview import MAP_TITLE
from scripts.headless import CHROMIUM, CHROMIUM_ARGS, serve_app

pytestmark = pytest.mark.browser

ARTIFACTS = settings.PROJECT_DIR / "test-artifacts"


def _require_browser() -> None:
    if Path(CHROMIUM).exists():
        return
    msg = f"chromium not found at {CHROMIUM} (make test installs it with apt-get)"
    if os.environ.get("FIM_REQUIRE_BROWSER") == "1":
        pytest.fail(msg)
    pytest.skip(msg)


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
    """The store as `python -m geo build` makes it (seeds plus a hostile article), and the app's view of it."""
    from geo.incidents import merge_reports
    from geo.pipeline import build
    from geo.store import GeoPackageStore

    tmp = tmp_path_factory.mktemp("corpus")
    (tmp / "hostile.md").write_text(HOSTILE_ARTICLE, encoding="utf-8")
    store = GeoPackageStore(tmp / "incidents.gpkg")
    gdf, _ = build([settings.SEEDS_DIR, tmp], store=store, gazetteer=real_gazetteer)
    return store, merge_reports(gdf)  # the app shows one record per incident


@pytest.fixture(scope="module")
def app_url(tmp_path_factory, built_store):
    _require_browser()
    with serve_app(built_store[0].path, log_path=tmp_path_factory.mktemp("log") / "streamlit.log") as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    _require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


TTP = "TTP: Tehreek-e-Taliban Pakistan"
PAYLOAD_KEYS = list(PAYLOAD_TEXT)


def _map_frame(page):
    frame_el = page.wait_for_selector(f"iframe[title='{MAP_TITLE}']", timeout=60_000)
    frame = frame_el.content_frame()
    frame.wait_for_selector(".leaflet-container", timeout=30_000)
    return frame


# the map's incident layer (folium picks its variable name): the ``fim`` object holding the decoded data
_INCIDENT_LAYER_JS = (
    "(() => { for (const k in window) { let o; try { o = window[k]; } catch (e) { continue; }"
    " if (o && o.fim && o.fim.data) { return o.fim; } } return null; })()"
)


def _open_popups(frame, needle: str) -> None:
    """Open the popup of the incidents whose evidence contains ``needle`` (popups are built on demand)."""
    frame.evaluate(
        "(needle) => { const fim = " + _INCIDENT_LAYER_JS + ", D = fim.data;"
        " for (let i = 0; i < D.n; i++) { if (D.s[D.ev[i]].includes(needle)) { fim.open(i); } } }",
        needle,
    )


def _count(frame) -> int:
    el = frame.wait_for_selector(".fim-count", timeout=30_000)
    return int(el.get_attribute("data-count"))


def _frame_count(page) -> int:
    return _count(_map_frame(page))


def _table_count(page) -> int:
    heading = page.get_by_text(re.compile(r"^Filtered incidents \(\d[\d,]*\)$")).first
    heading.wait_for(timeout=30_000)
    return int(re.search(r"\((\d[\d,]*)\)", heading.inner_text()).group(1).replace(",", ""))


def _wait_for(predicate, *, timeout: float = 30.0, what: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if predicate():
                return
        except Exception:  # the page may be mid-rerun
            pass
        time.sleep(0.25)
    pytest.fail(f"timed out waiting for {what}")


@pytest.fixture
def page(browser, app_url):
    page = browser.new_page(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(app_url) else None)
    yield page
    assert outside == [], f"requests left the machine: {outside[:5]}"
    page.close()


def test_map_with_markers_offline_and_hostile_text_inert(app_url, page, built_store):
    _, gdf = built_store
    shown = gdf[gdf["confidence"] >= settings.CONFIDENCE_THRESHOLD]  # the default view hides background records
    located = int(shown.geometry.notna().sum())
    assert located >= 5 and (gdf["doc_id"] == "hostile").any()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(app_url, wait_until="domcontentloaded")
    page.get_by_text("Frontier Incident Map", exact=True).first.wait_for(timeout=60_000)
    frame = _map_frame(page)
    frame.wait_for_selector("path.fim-incident", timeout=30_000)
    # one marker per located incident (few incidents: not clustered)
    assert frame.locator("path.fim-incident").count() == located == _count(frame)
    # the province and district outlines and the border are drawn without any tile server
    assert frame.locator("path.leaflet-interactive").count() > located + 100
    assert frame.locator(".leaflet-tile").count() == 0
    # attribution of every source on the map
    attribution = frame.locator(".leaflet-control-attribution").inner_text()
    assert "geoBoundaries" in attribution and "GeoNames" in attribution and "Natural Earth" in attribution
    # the legend box covers neither the attribution line nor the scale bar
    boxes = frame.evaluate(
        "() => ['.fim-legend', '.leaflet-control-attribution', '.leaflet-control-scale']"
        ".map(s => document.querySelector(s).getBoundingClientRect().toJSON())"
    )
    legend = boxes[0]
    for other in boxes[1:]:
        apart = (
            legend["right"] <= other["left"]
            or other["right"] <= legend["left"]
            or legend["bottom"] <= other["top"]
            or other["bottom"] <= legend["top"]
        )
        assert apart, (legend, other)
    # open the popup of the hostile article's incident (built on demand): its payloads show as text
    _open_popups(frame, "onerror")
    popup = frame.locator(".leaflet-popup-content")
    popup.wait_for(timeout=10_000)
    text = popup.inner_text()
    assert "<img src=x onerror=alert('img')>" in text and "<script>alert('script')</script>" in text
    assert "<img src=x onerror=alert('source')>" in text  # the outlet name, as text
    assert frame.locator(".leaflet-popup-content img, .leaflet-popup-content script").count() == 0
    assert frame.locator(".leaflet-popup-content a").count() == 0  # javascript: URL is not a link
    # a real click on a marker opens its popup too
    frame.evaluate("() => document.querySelector('.leaflet-popup-close-button').click()")
    frame.locator(".leaflet-popup-content").wait_for(state="detached", timeout=10_000)
    frame.locator("path.fim-incident").first.dispatch_event("click")
    frame.locator(".leaflet-popup-content blockquote").wait_for(timeout=10_000)
    page.wait_for_timeout(500)
    assert dialogs == []
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "app.png"), full_page=False)


def test_filters_change_markers_table_url_and_downloads(app_url, page, built_store):
    from geo.filters import filter_from_params, filter_incidents

    _, gdf = built_store
    gdf = gdf[gdf["confidence"] >= settings.CONFIDENCE_THRESHOLD]  # the default view: no background records
    page.goto(app_url, wait_until="domcontentloaded")
    frame = _map_frame(page)
    frame.wait_for_selector("path.fim-incident", timeout=30_000)
    total_markers = _count(frame)
    assert total_markers == int(gdf.geometry.notna().sum())
    assert _table_count(page) == len(gdf)

    # a rerun that leaves the map's view alone (the timeline's week/month switch) keeps the map
    # as it is (zoom, pan, open popup); a filter change below draws a new one
    frame.evaluate("window.__fimKept = true")
    page.get_by_test_id("stRadio").get_by_text("week", exact=True).click()
    _wait_for(lambda: "freq=week" in page.url, what="the timeline period in the URL")
    page.wait_for_timeout(1000)
    assert _map_frame(page).evaluate("window.__fimKept === true")

    # actor filter, through the widget
    box = page.get_by_test_id("stMultiSelect").filter(has_text="Actor (actor 1 or 2)")
    box.locator("input").click()
    box.locator("input").fill("TTP: Tehreek")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    expected = filter_incidents(gdf, filter_from_params({"actor": TTP}))
    _wait_for(lambda: _table_count(page) == len(expected), what="the actor-filtered table")
    _wait_for(lambda: _frame_count(page) == int(expected.geometry.notna().sum()), what="fewer markers")
    assert _frame_count(page) < total_markers
    assert _map_frame(page).evaluate("window.__fimKept === undefined")  # a new map for the new filter
    _wait_for(lambda: "actor=" in page.url, what="the actor in the URL")

    # date filter, through the widget (a later start typed into the range input)
    dates = sorted(expected["event_date"])
    start = dt.date.fromisoformat(dates[len(dates) // 2])
    page.get_by_role("spinbutton", name="year, Date range start date").click()
    page.keyboard.type(f"{start:%Y%m%d}")  # year, month, day: the fields advance by themselves
    page.get_by_text("Frontier Incident Map", exact=True).first.click()  # blur commits the date
    _wait_for(lambda: "dates=" in page.url, what="the date range in the URL")
    params = urllib.parse.parse_qs(urllib.parse.urlparse(page.url).query)
    assert params["dates"][0] == start.isoformat() and params["actor"] == [TTP]
    expected = filter_incidents(gdf, filter_from_params(params))
    _wait_for(lambda: _table_count(page) == len(expected), what="the date-filtered table")
    _wait_for(lambda: _frame_count(page) == int(expected.geometry.notna().sum()), what="date-filtered markers")

    # the downloaded GeoJSON is exactly the filtered set
    with page.expect_download(timeout=30_000) as dl:
        page.get_by_test_id("stDownloadButton").filter(has_text="Download GeoJSON").locator("button").click()
    fc = json.loads(Path(dl.value.path()).read_text("utf-8"))
    assert {f["properties"]["event_id"] for f in fc["features"]} == set(expected["event_id"])

    # a reload of the URL restores the view
    url = page.url
    page.reload(wait_until="domcontentloaded")
    _wait_for(lambda: _table_count(page) == len(expected), what="the restored table")
    _wait_for(lambda: _frame_count(page) == int(expected.geometry.notna().sum()), what="the restored markers")
    assert page.get_by_test_id("stMultiSelect").filter(has_text=TTP).count() == 1
    assert page.url == url
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "app-filtered.png"), full_page=True)


def test_layers_heatmap_and_choropleth_from_url(app_url, page):
    page.goto(f"{app_url}/?heat=true&choro=Provinces&measure=fatalities", wait_until="domcontentloaded")
    frame = _map_frame(page)
    frame.wait_for_selector("canvas.leaflet-heatmap-layer", state="attached", timeout=30_000)
    assert frame.get_by_text("Fatalities per province").count() >= 1
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "app-layers.png"), full_page=False)


def test_packed_payload_decodes_in_the_browser(browser, tmp_path):
    """The browser's unpacking of the packed rows gives back every column of the payload."""
    from geo.mappayload import incident_payload
    from geo.mapview import build_map, install_assets
    from geo.synth import synthesize

    gdf = synthesize(3000, seed=7)
    gdf.loc[gdf.index[:40], "fatalities"] = None  # unknown stays unknown (-1), not 0
    expected = incident_payload(gdf)
    install_assets(tmp_path / "vendor")
    html = build_map(gdf, boundaries=None, asset_base="vendor").get_root().render()
    (tmp_path / "map.html").write_text(html, encoding="utf-8")
    page = browser.new_page()
    page.goto((tmp_path / "map.html").as_uri())
    page.wait_for_selector(".marker-cluster", timeout=30_000)
    got = page.evaluate(
        "(keys) => { const D = " + _INCIDENT_LAYER_JS + ".data, out = {n: D.n, s: D.s};"
        " for (const c of keys) { out[c] = Array.from(D[c]); } return out; }",
        ["lat", "lon", "fat", "gp", "mo", *PAYLOAD_KEYS],
    )
    page.close()
    assert got["n"] == expected["n"] == 3000
    for axis in ("lat", "lon"):  # 1e-4 degrees
        assert max(abs(a - b) for a, b in zip(got[axis], expected[axis], strict=True)) < 0.6e-4
    for key in ("fat", "gp", "mo"):
        assert got[key] == expected[key], key
    assert -1 in got["fat"]
    for key in PAYLOAD_KEYS:  # the same string for every incident
        assert [got["s"][i] for i in got[key]] == [expected["s"][i] for i in expected[key]], key


def test_map_behind_a_path_prefix(browser, built_store, tmp_path):
    """Behind a proxy (``server.baseUrlPath``) the map still finds its local assets."""
    with serve_app(built_store[0].path, log_path=tmp_path / "streamlit.log", base_path="incident-map") as url:
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        bad: list[str] = []
        page.on("response", lambda r: bad.append(f"{r.status} {r.url}") if r.status >= 400 else None)
        page.goto(url, wait_until="domcontentloaded")
        frame = _map_frame(page)
        frame.locator("path.fim-incident >> visible=true").first.wait_for(timeout=30_000)
        assert frame.evaluate("typeof L !== 'undefined' && typeof L.heatLayer === 'function'")
        page.close()
    assert bad == []
