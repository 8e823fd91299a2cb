"""The Dask build on a real LocalCluster gives exactly the serial build."""

from __future__ import annotations

import pandas as pd
import pytest
from distributed import LocalCluster

from geo.articles import iter_article_paths, load_articles
from geo.distributed import dask_client, distributed_build, distributed_extract, worker_gazetteer
from geo.gazetteer import load_gazetteer
from geo.pipeline import build
from geo.store import GeoPackageStore
from tests.conftest import ROOT

PATHS = [ROOT / "seeds", ROOT / "tests" / "devset" / "articles"]
N_ARTICLES = len(list(iter_article_paths(PATHS)))


def _plain(gdf) -> pd.DataFrame:
    return pd.DataFrame(gdf.drop(columns="geometry")).reset_index(drop=True)


@pytest.fixture(scope="module")
def serial(tmp_path_factory):
    store = GeoPackageStore(tmp_path_factory.mktemp("serial") / "incidents.gpkg")
    build(PATHS, store=store, gazetteer=load_gazetteer())
    return store.read()


def test_two_local_workers_give_the_serial_build(serial, tmp_path):
    store = GeoPackageStore(tmp_path / "incidents.gpkg")
    gdf, summary = distributed_build(PATHS, store=store, workers=2, partition_size=3)
    assert summary.articles_read == N_ARTICLES
    assert summary.incidents == len(serial) == len(gdf)
    pd.testing.assert_frame_equal(_plain(store.read()), _plain(serial))
    assert "514_thecorrespondent-spike-in-violence" in summary.undated  # a dev text with no date at all


def test_existing_scheduler_and_gazetteer_loaded_once_per_worker(serial, tmp_path):
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        store = GeoPackageStore(tmp_path / "incidents.gpkg")
        distributed_build(PATHS, store=store, scheduler=cluster.scheduler_address, partition_size=2)
        pd.testing.assert_frame_equal(_plain(store.read()), _plain(serial))
        with dask_client(scheduler=cluster.scheduler_address) as client:
            results, n_parts = distributed_extract(PATHS, client=client, partition_size=1)
            assert n_parts == N_ARTICLES
            # the partitions come back in the serial build's article order
            assert [d for r in results for d in r.doc_ids] == [a.doc_id for a in load_articles(PATHS)]
            # every worker parsed the gazetteer once, across two builds and all their tasks
            loads = client.run(lambda: worker_gazetteer.cache_info().misses)
    assert sorted(loads.values()) == [1, 1]


def test_cli_workers_option(serial, tmp_path, capsys):
    from geo import cli

    gpkg = tmp_path / "incidents.gpkg"
    assert cli.main(["build", *map(str, PATHS), "--store", str(gpkg), "--workers", "2"]) == 0
    assert f"articles read:  {N_ARTICLES}" in capsys.readouterr().out
    pd.testing.assert_frame_equal(_plain(GeoPackageStore(gpkg).read()), _plain(serial))
    assert cli.main(["build", str(PATHS[0]), "--workers", "2", "--online", "--store", str(gpkg)]) == 2
