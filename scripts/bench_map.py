"""Benchmark of the map at 100,000 incidents (not a test: it prints figures).

Run from the project root::

    python scripts/bench_map.py [--n 100000] [--runs 5] [--sessions 5] [--no-browser] [--json]

Reports:

* server time to filter the incidents and build the map page, median of
  ``--runs``: ``build_map`` and the rendering of its HTML page (what the app
  does when a view is not cached yet), for the whole set and for a typical
  filter (one actor, one year);
* the size of the map page and, in the running app, every byte the browser
  receives while the page loads (HTTP and WebSocket), and the requests that
  leave the app (there must be none);
* the time from picking one more actor in the sidebar (a rerun of the page) to
  the first painted marker of the new map, median of four picks;
* the time until markers are visible in headless Debian chromium, for the
  standalone map (``file://``) and for the running Streamlit app: the first
  load of a fresh server, then ``--sessions`` new sessions (each in a new
  browser context: an empty HTTP cache, as for a first visit). Two clocks:
  ``frame`` is when the page paints its first frame with a marker inside the
  map's view (recorded in the page, on ``requestAnimationFrame``, from the
  navigation start); ``seen`` is when Playwright, polling from outside, finds
  that marker visible (later: its checks wait for a busy page).

The data are synthetic (``python -m geo synth``), written to a temporary
GeoPackage that the app opens as its store (``FIM_STORE_PATH``).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.filters import IncidentFilter, filter_incidents  # noqa: E402
from geo.gazetteer import load_gazetteer  # noqa: E402
from geo.mapview import MAP_TITLE, build_map, install_assets, load_boundaries  # noqa: E402
from geo.store import GeoPackageStore  # noqa: E402
from geo.synth import synthesize  # noqa: E402
from scripts.headless import CHROMIUM, CHROMIUM_ARGS, serve_app  # noqa: E402

MARKERS = ".marker-cluster, path.fim-incident"

# In every frame: on each animation frame until then, look for a marker inside the viewport
# and keep the time (ms since the epoch) of the first frame that has one.
FIRST_MARKER_FRAME = """
(() => {
  const check = () => {
    for (const el of document.querySelectorAll(SELECTOR)) {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth) {
        window.__fimFirstMarker = performance.timeOrigin + performance.now();
        return;
      }
    }
    requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
})();
""".replace("SELECTOR", json.dumps(MARKERS))


def server_times(gdf, flt: IncidentFilter, runs: int, boundaries) -> tuple[float, float, int]:
    """Median seconds of filter + build_map, and of that plus rendering the page; its size in bytes."""
    build, total = [], []
    size = 0
    for _ in range(runs):
        t0 = time.perf_counter()
        shown = filter_incidents(gdf, flt)
        m = build_map(shown, boundaries=boundaries)
        t1 = time.perf_counter()
        size = len(m.get_root().render().encode("utf-8"))
        t2 = time.perf_counter()
        build.append(t1 - t0)
        total.append(t2 - t0)
    return statistics.median(build), statistics.median(total), size


def _visible(page, url: str, *, in_iframe: bool) -> tuple[float, float]:
    """Seconds from navigation to the first painted marker (in the page) and to Playwright seeing it."""
    page.add_init_script(FIRST_MARKER_FRAME)
    t = time.perf_counter()
    page.goto(url, wait_until="commit")
    scope = page
    if in_iframe:
        scope = page.wait_for_selector(f"iframe[title='{MAP_TITLE}']", timeout=120_000).content_frame()
    scope.locator(f"{MARKERS} >> visible=true").first.wait_for(timeout=120_000)
    seen = time.perf_counter() - t
    scope.wait_for_function("window.__fimFirstMarker !== undefined", timeout=30_000)
    painted = scope.evaluate("window.__fimFirstMarker")
    start = page.evaluate("performance.timeOrigin")  # navigation start of the top page
    return (painted - start) / 1000, seen


ACTORS = (
    "TTP: Tehreek-e-Taliban Pakistan",
    "Military Forces of Pakistan",
    "BLA: Baloch Liberation Army",
    "IS-K: Islamic State Khorasan Province",
)


def _filter_changes(browser, url: str, viewport: dict[str, int]) -> list[float]:
    """Seconds from picking one more actor in the sidebar to the new map's first painted marker."""
    page = browser.new_page(viewport=viewport)
    page.add_init_script(FIRST_MARKER_FRAME)
    page.goto(url)

    def painted_after(t0: float, timeout: float = 120.0) -> float:
        """Epoch ms of the first painted marker of a map document newer than ``t0``."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with contextlib.suppress(Exception):  # the map's iframe or document may be mid-replacement
                frame = page.query_selector(f"iframe[title='{MAP_TITLE}']").content_frame()
                value = frame.evaluate("window.__fimFirstMarker")
                if value and value > t0:
                    return value
            time.sleep(0.05)
        msg = f"no new map painted within {timeout:.0f} s"
        raise TimeoutError(msg)

    painted_after(0)
    page.wait_for_timeout(2000)  # the rest of the page
    box = page.get_by_test_id("stMultiSelect").filter(has_text="Actor (actor 1 or 2)")
    out = []
    for actor in ACTORS:
        t0 = page.evaluate("performance.timeOrigin + performance.now()")  # the clock of the painted time
        box.locator("input").click()
        box.locator("input").fill(actor)
        page.keyboard.press("Enter")
        page.keyboard.press("Escape")
        out.append((painted_after(t0) - t0) / 1000)
        page.wait_for_timeout(1500)
    page.close()
    return out


def browser_times(html_path: Path, store_path: Path, sessions: int) -> dict[str, float]:
    """Time to visible markers (standalone and in the app) and the app's page payload."""
    from playwright.sync_api import sync_playwright

    out: dict[str, float] = {}
    viewport = {"width": 1400, "height": 1000}
    with serve_app(store_path) as url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport=viewport)
        out["standalone_frame_s"], out["standalone_seen_s"] = _visible(page, html_path.as_uri(), in_iframe=False)
        page.close()

        received = {"http": 0, "ws": 0}
        outside: list[str] = []

        def on_response(resp) -> None:
            with contextlib.suppress(Exception):  # redirects and aborted requests have no body
                received["http"] += len(resp.body())

        def on_ws(ws) -> None:
            ws.on("framereceived", lambda payload: received.__setitem__("ws", received["ws"] + len(payload)))

        page = browser.new_page(viewport=viewport)
        page.on("response", on_response)
        page.on("websocket", on_ws)
        page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(url) else None)
        out["app_first_load_frame_s"], out["app_first_load_seen_s"] = _visible(page, url, in_iframe=True)
        page.wait_for_timeout(3000)  # let the rest of the page (table, charts) arrive
        out["app_payload_mb"] = (received["http"] + received["ws"]) / 1e6
        out["app_external_requests"] = len(outside)
        page.close()
        frames, seen = [], []
        for _ in range(sessions):
            page = browser.new_page(viewport=viewport)  # a new context: empty cache, new session
            f, s = _visible(page, url, in_iframe=True)
            frames.append(f)
            seen.append(s)
            page.wait_for_timeout(2000)
            page.screenshot(path=str(ROOT / "test-artifacts" / "bench-100k.png"))
            page.close()
        out["app_filter_change_frame_s"] = statistics.median(_filter_changes(browser, url, viewport))
        for label, values in (("frame", frames), ("seen", seen)):
            out[f"app_session_{label}_median_s"] = statistics.median(values)
            out[f"app_session_{label}_min_s"] = min(values)
            out[f"app_session_{label}_max_s"] = max(values)
        browser.close()
    return out


def main() -> None:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--sessions", type=int, default=5)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--no-browser", action="store_true")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()

    res: dict[str, float] = {"n": args.n}
    with tempfile.TemporaryDirectory(prefix="fim-bench-") as tmp_name:
        tmp = Path(tmp_name)
        t = time.perf_counter()
        gdf = synthesize(args.n, seed=args.seed, places=load_gazetteer())
        res["synthesize_s"] = time.perf_counter() - t
        store = GeoPackageStore(tmp / "synthetic.gpkg")
        store.write(gdf)
        t = time.perf_counter()
        gdf = store.read()
        res["store_read_s"] = time.perf_counter() - t
        boundaries = load_boundaries()

        everything = IncidentFilter()
        typical = IncidentFilter(
            start=dt.date(2024, 1, 1), end=dt.date(2024, 12, 31), actors=("TTP: Tehreek-e-Taliban Pakistan",)
        )
        for label, flt in (("all", everything), ("filtered", typical)):
            build, total, size = server_times(gdf, flt, args.runs, boundaries)
            res[f"server_build_{label}_s"] = build
            res[f"server_total_{label}_s"] = total
            res[f"map_page_{label}_mb"] = size / 1e6
            res[f"markers_{label}"] = len(filter_incidents(gdf, flt))

        install_assets(tmp / "vendor")
        html = build_map(gdf, boundaries=boundaries, asset_base="vendor").get_root().render()
        html_path = tmp / "map.html"
        html_path.write_text(html, encoding="utf-8")
        res["standalone_html_mb"] = len(html.encode("utf-8")) / 1e6

        if not args.no_browser and Path(CHROMIUM).exists():
            (ROOT / "test-artifacts").mkdir(exist_ok=True)
            res.update(browser_times(html_path, store.path, args.sessions))

    if args.json:
        print(json.dumps(res, indent=1))
        return
    for key, value in res.items():
        print(f"{key:32s} {value:,.3f}" if isinstance(value, float) else f"{key:32s} {value:,}")


if __name__ == "__main__":
    main()
