"""GeoPackage vs PostGIS: server time per filter change and memory of the app process.

For each size, synthetic incidents (``geo.synth``) are written to a GeoPackage
and to a PostGIS database (a throwaway local server started by
``geo.pgserver``, or ``--url``). Then one fresh Python process per backend
plays the app's server side: it loads what the app loads (GeoPackage: the
whole store, merged, with districts assigned; PostGIS: only the option lists),
and for each filter change of a fixed sequence computes what the page shows
(``geo.appdata.memory_view`` / ``geo.appdata.sql_view``: figures, timeline,
actors, district choropleth, table) and renders the map page
(``geo.mapview.build_map``). Reported: the median and the slowest filter
change, the start-up time and the peak RSS of that process.

Usage: ``python scripts/bench_store.py [--sizes 10000 100000 1000000] [--url postgresql://...]``
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CHILD = r"""
import datetime as dt, json, statistics, sys, time
import geopandas as gpd
from geo import settings
from geo.filters import IncidentFilter
from geo.mapview import Choropleth, build_map, load_boundaries

backend, spec = sys.argv[1], sys.argv[2]
level = "admin2"
t0 = time.perf_counter()
boundaries = load_boundaries()
polygons = gpd.read_file(settings.BOUNDARIES_DIR / f"{level}.geojson")
if backend == "gpkg":
    from geo.aggregate import assign_areas
    from geo.appdata import memory_view
    from geo.filters import actor_options, date_bounds
    from geo.incidents import merge_reports
    from geo.store import GeoPackageStore

    gdf = merge_reports(GeoPackageStore(spec).read())
    areas = assign_areas(gdf, polygons)
    actors, bounds = actor_options(gdf), date_bounds(gdf)
else:
    import psycopg
    from geo import sqlfilters
    from geo.appdata import cells_layer, sql_view
    from geo.pgstore import PostGISStore

    store = PostGISStore(spec)
    with store.connect() as conn:
        opts = sqlfilters.options(conn)
        sqlfilters.load_areas(conn, level, polygons)
        sqlfilters.assign_areas(conn, level)
    actors, bounds = opts.actors, opts.date_bounds
startup = time.perf_counter() - t0
hi = bounds[1]
filters = [
    IncidentFilter(),
    IncidentFilter(start=hi - dt.timedelta(days=365)),
    IncidentFilter(actors=(actors[0],)),
    IncidentFilter(event_types=("Battles",)),
    IncidentFilter(admin1=("Khyber Pakhtunkhwa",)),
    IncidentFilter(min_fatalities=5),
    IncidentFilter(geo_precision=(1,)),
    IncidentFilter(text="Waziristan"),
    IncidentFilter(start=hi - dt.timedelta(days=180), event_types=("Explosions/Remote violence",), countries=("PK",)),
]
times = []
for flt in filters:
    t = time.perf_counter()
    if backend == "gpkg":
        view = memory_view(gdf, flt, areas=areas)
    else:
        with store.connect() as conn:
            view = sql_view(conn, flt, level=level)
    points = view.points if view.points is not None else view.table.iloc[:0]
    choropleth = Choropleth(level=level, measure="incidents", totals=view.totals.to_dict())
    fmap = build_map(points, boundaries=boundaries, choropleth=choropleth)
    if view.cells is not None:
        cells_layer(view.cells).add_to(fmap)
    page = fmap.get_root().render()
    times.append(time.perf_counter() - t)
# VmHWM: the peak RSS of this process image (ru_maxrss would carry the parent's over fork and exec)
status = open("/proc/self/status", encoding="ascii").read()
rss_mb = int(next(l.split()[1] for l in status.splitlines() if l.startswith("VmHWM:"))) / 1024
print(json.dumps({"startup": startup, "median": statistics.median(times), "max": max(times), "rss_mb": rss_mb,
                  "filters": len(times)}))
"""


def _child(backend: str, spec: str) -> dict:
    proc = subprocess.run(
        [sys.executable, "-c", CHILD, backend, spec], cwd=ROOT, capture_output=True, text=True, check=False
    )
    if proc.returncode != 0:
        raise SystemExit(f"{backend} child failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    p.add_argument("--url", default=None, help="an existing PostGIS database (default: a throwaway local server)")
    p.add_argument("--json", type=Path, default=None, help="also write the results here")
    args = p.parse_args()

    import psycopg

    from geo import pgserver
    from geo.gazetteer import load_gazetteer
    from geo.pgstore import PostGISStore
    from geo.store import GeoPackageStore
    from geo.synth import synthesize

    tmp = Path(tempfile.mkdtemp(prefix="fim-bench-"))
    tmp.chmod(0o755)  # the server's own user must reach its folder inside
    server = None
    base_url = args.url
    if base_url is None:
        server = pgserver.start(tmp / "pg")
        base_url = server.url
    places = load_gazetteer()
    rows = []
    try:
        for n in args.sizes:
            gdf = synthesize(n, seed=0, places=places)
            gpkg = tmp / f"synthetic-{n}.gpkg"
            t = time.perf_counter()
            GeoPackageStore(gpkg).write(gdf)
            gpkg_write = time.perf_counter() - t
            url = base_url
            if server is not None:
                name = f"bench_{n}"
                with psycopg.connect(server.url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
                    conn.execute(f"DROP DATABASE IF EXISTS {name}")
                    conn.execute(f"CREATE DATABASE {name}")
                url = server.url.rsplit("/", 1)[0] + "/" + name
            t = time.perf_counter()
            PostGISStore(url).write(gdf)
            pg_write = time.perf_counter() - t
            del gdf
            for backend, spec, write in (("GeoPackage", str(gpkg), gpkg_write), ("PostGIS", url, pg_write)):
                res = _child("gpkg" if backend == "GeoPackage" else "pg", spec)
                res.update(backend=backend, n=n, write=write)
                rows.append(res)
                print(
                    f"{n:>9,} {backend:<10} write {write:7.1f} s  start-up {res['startup']:6.1f} s  "
                    f"filter change median {res['median']:6.2f} s, max {res['max']:6.2f} s  "
                    f"peak RSS {res['rss_mb']:7.0f} MB",
                    flush=True,
                )
    finally:
        if server is not None:
            pgserver.stop(server.datadir)
        shutil.rmtree(tmp, ignore_errors=True)
    print()
    print(f"Benchmark of {dt.date.today().isoformat()}, {rows[0]['filters'] if rows else 0} filter changes each:")
    print()
    print(
        "| incidents | store | write (s) | app start-up (s) | filter change, median (s) | slowest (s) | peak RSS (MB) |"
    )
    print("|---:|---|---:|---:|---:|---:|---:|")
    for r in rows:
        print(
            f"| {r['n']:,} | {r['backend']} | {r['write']:.1f} | {r['startup']:.1f} | {r['median']:.2f} | "
            f"{r['max']:.2f} | {r['rss_mb']:.0f} |"
        )
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
