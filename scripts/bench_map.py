"""Benchmark of the map at 100,000 incidents (not a test: it prints figures).

Run from the project root::

    python scripts/bench_map.py [--n 100000] [--runs 5] [--no-browser] [--json]

Reports:

* server time to filter the incidents and build the map, median of
  ``--runs``: ``build_map`` plus the rendering that ``st_folium`` does on every
  rerun (the HTML, header and script strings sent to the browser), for the
  whole set and for a typical filter (one actor, one year);
* the size of the rendered map (standalone HTML) and, in the running app,
  every byte the browser receives while the page loads (HTTP and WebSocket);
* the time until markers are visible in headless Debian chromium, for the
  standalone map (``file://``) and for the running Streamlit app (first load
  of a fresh server, then the median of three new sessions with warm caches).

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
from geo.mapview import build_map, install_assets, load_boundaries  # noqa: E402
from geo.store import GeoPackageStore  # noqa: E402
from geo.synth import synthesize  # noqa: E402
from scripts.headless import CHROMIUM, CHROMIUM_ARGS, serve_app  # noqa: E402

MARKERS = ".marker-cluster, path.fim-incident"


def _st_folium_render(m) -> int:
    """What st_folium computes from the map on every rerun; returns the bytes it sends."""
    import streamlit_folium as sf  # noqa: TID251 - measuring the component's own preparation

    m.render()  # the app calls st_folium(..., render=False): one render pass
    html = sf._get_html(m)
    header = sf._get_header(m)
    script = sf._get_map_string(m)
    sf.generate_js_hash(script, "incident_map", False)
    return len(html) + len(header) + len(script)


def server_times(gdf, flt: IncidentFilter, runs: int, boundaries) -> tuple[float, float, int]:
    """Median seconds of filter + build_map, and of filter + build_map + st_folium preparation."""
    build, total = [], []
    size = 0
    for _ in range(runs):
        t0 = time.perf_counter()
        shown = filter_incidents(gdf, flt)
        m = build_map(shown, boundaries=boundaries)
        t1 = time.perf_counter()
        size = _st_folium_render(m)
        t2 = time.perf_counter()
        build.append(t1 - t0)
        total.append(t2 - t0)
    return statistics.median(build), statistics.median(total), size


def _visible_seconds(page, url: str, *, in_iframe: bool) -> float:
    t = time.perf_counter()
    page.goto(url, wait_until="commit")
    scope = page
    if in_iframe:
        scope = page.wait_for_selector("iframe[title*='st_folium']", timeout=120_000).content_frame()
    # the first visible marker or cluster (off-screen markers exist but are not visible)
    scope.locator(f"{MARKERS} >> visible=true").first.wait_for(timeout=120_000)
    return time.perf_counter() - t


def browser_times(html_path: Path, store_path: Path) -> dict[str, float]:
    """Time to visible markers (standalone and in the app) and the app's page payload."""
    from playwright.sync_api import sync_playwright

    out: dict[str, float] = {}
    with serve_app(store_path) as url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        out["standalone_visible_s"] = _visible_seconds(page, html_path.as_uri(), in_iframe=False)
        page.close()

        received = {"http": 0, "ws": 0}
        outside: list[str] = []

        def on_response(resp) -> None:
            with contextlib.suppress(Exception):  # redirects and aborted requests have no body
                received["http"] += len(resp.body())

        def on_ws(ws) -> None:
            ws.on("framereceived", lambda payload: received.__setitem__("ws", received["ws"] + len(payload)))

        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.on("response", on_response)
        page.on("websocket", on_ws)
        page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(url) else None)
        out["app_first_load_visible_s"] = _visible_seconds(page, url, in_iframe=True)
        page.wait_for_timeout(3000)  # let the rest of the page (table, charts) arrive
        out["app_payload_mb"] = (received["http"] + received["ws"]) / 1e6
        out["app_external_requests"] = len(outside)
        page.close()
        warm = []
        for _ in range(3):
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            warm.append(_visible_seconds(page, url, in_iframe=True))
            page.wait_for_timeout(2000)
            page.screenshot(path=str(ROOT / "test-artifacts" / "bench-100k.png"))
            page.close()
        out["app_warm_visible_s"] = statistics.median(warm)
        browser.close()
    return out


def main() -> None:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=5)
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
            res[f"st_folium_payload_{label}_mb"] = size / 1e6
            res[f"markers_{label}"] = len(filter_incidents(gdf, flt))

        install_assets(tmp / "vendor")
        html = build_map(gdf, boundaries=boundaries, asset_base="vendor").get_root().render()
        html_path = tmp / "map.html"
        html_path.write_text(html, encoding="utf-8")
        res["standalone_html_mb"] = len(html.encode("utf-8")) / 1e6

        if not args.no_browser and Path(CHROMIUM).exists():
            (ROOT / "test-artifacts").mkdir(exist_ok=True)
            res.update(browser_times(html_path, store.path))

    if args.json:
        print(json.dumps(res, indent=1))
        return
    for key, value in res.items():
        print(f"{key:32s} {value:,.3f}" if isinstance(value, float) else f"{key:32s} {value:,}")


if __name__ == "__main__":
    main()
