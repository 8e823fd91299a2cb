"""Throughput of the build: serial, and on a Dask LocalCluster of 1 and 2 worker processes.

The corpus is the seed and dev-set articles copied ``--copies`` times under
new names (so every copy is a distinct document). Each run builds a fresh
GeoPackage; the distributed results are checked against the serial one.
Reported: articles per second of the whole build (cluster start included)
and of the extraction tasks alone (the sum of the task times divided by the
workers, i.e. what a long build approaches).

Usage: ``python scripts/bench_distributed.py [--copies 40] [--workers 1 2]``
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--copies", type=int, default=40)
    p.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = p.parse_args()

    import pandas as pd

    from geo.distributed import dask_client, distributed_build, distributed_extract
    from geo.gazetteer import load_gazetteer
    from geo.pipeline import build
    from geo.store import GeoPackageStore

    tmp = Path(tempfile.mkdtemp(prefix="fim-dask-bench-"))
    try:
        corpus = tmp / "articles"
        corpus.mkdir()
        sources = sorted((ROOT / "seeds").glob("*")) + sorted((ROOT / "tests" / "devset" / "articles").glob("*"))
        sources = [s for s in sources if s.is_file() and s.suffix in (".txt", ".md", ".html", ".htm")]
        for k in range(args.copies):
            for src in sources:
                shutil.copy(src, corpus / f"{src.stem}-c{k:03d}{src.suffix}")
        n = len(list(corpus.iterdir()))
        t = time.perf_counter()
        serial_store = GeoPackageStore(tmp / "serial.gpkg")
        build([corpus], store=serial_store, gazetteer=load_gazetteer())
        serial = time.perf_counter() - t
        print(f"{n} articles; serial build: {serial:.1f} s, {n / serial:.1f} articles/s")
        expected = pd.DataFrame(serial_store.read().drop(columns="geometry"))
        for workers in args.workers:
            store = GeoPackageStore(tmp / f"w{workers}.gpkg")
            t = time.perf_counter()
            distributed_build([corpus], store=store, workers=workers)
            total = time.perf_counter() - t
            same = expected.equals(pd.DataFrame(store.read().drop(columns="geometry")))
            with dask_client(workers=workers) as client:
                t = time.perf_counter()
                results, parts = distributed_extract([corpus], client=client)
                wall = time.perf_counter() - t
            task = sum(r.seconds for r in results) / workers
            print(
                f"--workers {workers}: build {total:.1f} s ({n / total:.1f} articles/s, cluster start included), "
                f"extraction on a running cluster {wall:.1f} s ({n / wall:.1f} articles/s, {parts} tasks, "
                f"task time per worker {task:.1f} s); identical to serial: {same}"
            )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
