"""The build on a Dask cluster: ``python -m geo build ... --workers N`` or ``--scheduler URL``.

The article files are listed on the client in the order of the serial build
(:func:`geo.articles.iter_article_paths`) and cut into partitions; each
partition is one task that reads its articles and runs the per-document
extraction (:func:`geo.pipeline.extract_all`, which maps the pure
:func:`geo.extract.extract_incidents` over them) with the gazetteer of its
worker process: :class:`GazetteerPlugin` loads it once per worker when the
worker joins, and :func:`worker_gazetteer` caches it per process. The
results come back in partition order and go through the same code as the
serial build (:func:`geo.pipeline.incidents_frame`,
:func:`geo.pipeline.update_store`), so the store ends up identical.

``workers=N`` starts a :class:`distributed.LocalCluster` of N single-threaded
processes (extraction is pure Python: threads would share one interpreter
lock); ``scheduler="tcp://host:8786"`` uses a running cluster, whose workers
need this project installed and the article files at the same paths (a
shared file system).
"""

from __future__ import annotations

import contextlib
import functools
import logging
import math
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import geopandas as gpd
from distributed import Client, LocalCluster
from distributed.diagnostics.plugin import WorkerPlugin

from geo import settings
from geo.articles import iter_article_paths, load_articles
from geo.errors import ArticleError, IncidentMapError
from geo.gazetteer import Gazetteer, load_gazetteer
from geo.incidents import Incident
from geo.pipeline import BuildSummary, extract_all, incidents_frame, store_build, undated_articles
from geo.rejects import Reject
from geo.store import IncidentStore

logger = logging.getLogger(__name__)

#: Tasks per worker thread when the partition size is automatic (load balance vs overhead).
TASKS_PER_THREAD = 4


class ClusterError(IncidentMapError, RuntimeError):
    """The Dask cluster could not be started or reached, or a task failed."""


@functools.lru_cache(maxsize=2)
def worker_gazetteer(path: str) -> Gazetteer:
    """The gazetteer of ``path``, loaded once per process."""
    logger.info("loading the gazetteer %s in this worker", path)
    return load_gazetteer(path)


class GazetteerPlugin(WorkerPlugin):
    """Load the gazetteer when a worker starts (also on workers that join later).

    Parameters
    ----------
    path
        The gazetteer TSV, at the same path on every worker.
    """

    name = "fim-gazetteer"

    def __init__(self, path: str) -> None:
        self.path = path

    def setup(self, worker: Any) -> None:  # noqa: ARG002 - the WorkerPlugin signature
        """Warm the per-process cache."""
        worker_gazetteer(self.path)


@dataclass(slots=True)
class PartitionResult:
    """What one partition of articles gave."""

    incidents: list[Incident] = field(default_factory=list)
    doc_ids: list[str] = field(default_factory=list)
    words: int = 0
    rejects: list[Reject] = field(default_factory=list)
    seconds: float = 0.0
    undated: list[str] = field(default_factory=list)


def extract_partition(paths: Sequence[str], gazetteer_path: str) -> PartitionResult:
    """Read and extract one partition of article files (runs on a worker).

    Parameters
    ----------
    paths
        Article files, in build order.
    gazetteer_path
        The gazetteer TSV (loaded once per worker process).

    Returns
    -------
    PartitionResult
    """
    t0 = time.perf_counter()
    errors: list[ArticleError] = []
    articles = load_articles(paths, errors=errors)
    incidents = extract_all(articles, worker_gazetteer(gazetteer_path))
    return PartitionResult(
        incidents=incidents,
        doc_ids=[a.doc_id for a in articles],
        words=sum(a.word_count for a in articles),
        rejects=[Reject.from_error(e) for e in errors],
        seconds=time.perf_counter() - t0,
        undated=undated_articles(articles, incidents),
    )


def partitions(items: Sequence[str], size: int) -> list[list[str]]:
    """Cut ``items`` into consecutive lists of at most ``size``.

    Examples
    --------
    >>> partitions(["a", "b", "c"], 2)
    [['a', 'b'], ['c']]
    """
    size = max(1, size)
    return [list(items[i : i + size]) for i in range(0, len(items), size)]


@contextlib.contextmanager
def dask_client(*, workers: int = 0, scheduler: str | None = None) -> Iterator[Client]:
    """A client of a new local cluster of ``workers`` processes, or of ``scheduler``.

    Raises
    ------
    ClusterError
        The cluster cannot be started or reached.
    """
    if not logger.isEnabledFor(logging.INFO):  # Dask logs every worker's start and stop at INFO
        logging.getLogger("distributed").setLevel(logging.WARNING)
    try:
        if scheduler:
            client = Client(scheduler, timeout="20s")
            cluster = None
        else:
            cluster = LocalCluster(
                n_workers=max(1, workers),
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                scheduler_kwargs={"dashboard": False},
                silence_logs=logging.WARNING,
            )
            client = Client(cluster)
    except (OSError, TimeoutError) as exc:
        msg = f"cannot start or reach the Dask cluster ({scheduler or f'{workers} local workers'}): {exc}"
        raise ClusterError(msg) from exc
    try:
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def distributed_extract(
    paths: Iterable[str | Path],
    *,
    client: Client,
    gazetteer_path: str | Path | None = None,
    partition_size: int | None = None,
) -> tuple[list[PartitionResult], int]:
    """Extract the incidents of every article under ``paths`` on the cluster of ``client``.

    Parameters
    ----------
    paths
        Article files and/or folders (listed here, read on the workers).
    client
        A Dask client.
    gazetteer_path
        The gazetteer TSV (default :data:`geo.settings.GAZETTEER_PATH`).
    partition_size
        Articles per task; default: about :data:`TASKS_PER_THREAD` tasks per
        worker thread.

    Returns
    -------
    tuple of (list of PartitionResult, int)
        The results in build order and the number of partitions.

    Raises
    ------
    ClusterError
        A task failed for a reason other than an unreadable article.
    """
    files = [str(p) for p in iter_article_paths(paths)]
    gaz = str(Path(gazetteer_path or settings.GAZETTEER_PATH).resolve())
    load_gazetteer(gaz)  # fail early, with the usual message, when the gazetteer is missing
    client.register_plugin(GazetteerPlugin(gaz))
    threads = max(1, sum(client.nthreads().values()))
    size = partition_size or max(1, math.ceil(len(files) / (threads * TASKS_PER_THREAD)))
    parts = partitions(files, size)
    futures = client.map(extract_partition, parts, gazetteer_path=gaz, pure=False)
    try:
        results = client.gather(futures)
    except IncidentMapError:
        raise
    except Exception as exc:
        msg = f"a build task failed on the cluster: {exc}"
        raise ClusterError(msg) from exc
    return list(results), len(parts)


def distributed_build(
    paths: Iterable[str | Path],
    *,
    store: IncidentStore,
    gazetteer_path: str | Path | None = None,
    workers: int = 0,
    scheduler: str | None = None,
    fresh: bool = False,
    partition_size: int | None = None,
) -> tuple[gpd.GeoDataFrame, BuildSummary]:
    """:func:`geo.pipeline.build` with the extraction on a Dask cluster.

    Parameters
    ----------
    paths
        Article files and/or folders.
    store
        Where to write (by the same code as the serial build).
    gazetteer_path
        The gazetteer TSV, readable at this path by every worker.
    workers
        Size of a new local cluster (processes), when ``scheduler`` is not given.
    scheduler
        Address of a running scheduler, e.g. ``tcp://host:8786``.
    fresh
        Start from an empty store instead of updating it.
    partition_size
        Articles per task (default: automatic).

    Returns
    -------
    tuple of (GeoDataFrame, BuildSummary)
        As :func:`geo.pipeline.build`.
    """
    t0 = time.perf_counter()
    with dask_client(workers=workers, scheduler=scheduler) as client:
        results, n_parts = distributed_extract(
            paths, client=client, gazetteer_path=gazetteer_path, partition_size=partition_size
        )
    incidents = [inc for r in results for inc in r.incidents]
    doc_ids = {d for r in results for d in r.doc_ids}
    gdf = incidents_frame(incidents)
    summary = store_build(
        store,
        gdf,
        fresh=fresh,
        doc_ids=doc_ids,
        articles_read=sum(len(r.doc_ids) for r in results),
        words=sum(r.words for r in results),
        started=t0,
        rejects=[rej for r in results for rej in r.rejects],
        undated=[d for r in results for d in r.undated],
    )
    logger.info("distributed build: %d articles in %d partitions", summary.articles_read, n_parts)
    return gdf, summary
