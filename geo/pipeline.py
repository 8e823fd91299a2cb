"""The build: articles -> incidents -> geocoded GeoDataFrame -> store.

Extraction is a pure per-document function (:func:`geo.extract.extract_incidents`),
so :func:`extract_all` can later be mapped over partitions of a large corpus
(Dask bag, multiprocessing) without change.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd

from geo.admin import AdminLocator
from geo.articles import Article, load_articles
from geo.errors import ArticleError
from geo.extract import COUNTRY_ONLY_NOTE, extract_incidents
from geo.gazetteer import Gazetteer
from geo.geocode import CachedOnlineGeocoder, location_to_record
from geo.incidents import (
    Incident,
    dedupe_incidents,
    incidents_to_gdf,
    merge_reports,
    sort_incidents,
    validate_incidents,
)
from geo.rejects import Reject
from geo.store import IncidentStore, merge_incidents

logger = logging.getLogger(__name__)

#: ``progress(done, total, label)``: called after each article.
Progress = Callable[[int, int, str], None]


@dataclass(slots=True)
class BuildSummary:
    """What a build did, for the CLI summary and the app."""

    articles_read: int = 0
    words: int = 0
    incidents: int = 0
    merged: int = 0
    geocoded: int = 0
    unresolved: int = 0
    seconds: float = 0.0
    rejects: list[Reject] = field(default_factory=list)
    geocoder_errors: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        """Human-readable summary lines."""
        out = [
            f"articles read:  {self.articles_read} ({self.words:,} words)",
            f"incidents:      {self.incidents} ({self.merged} after merging reports of the same incident)",
            f"geocoded:       {self.geocoded}",
            f"unresolved:     {self.unresolved}",
            f"rejected files: {len(self.rejects)}",
            f"time:           {self.seconds:.2f} s",
        ]
        out += [f"  rejected: {r}" for r in self.rejects]
        out += [f"  geocoder: {e}" for e in self.geocoder_errors]
        return out


def extract_all(
    articles: Sequence[Article],
    gazetteer: Gazetteer,
    *,
    online: CachedOnlineGeocoder | None = None,
    progress: Progress | None = None,
    nlp: object | None = None,
) -> list[Incident]:
    """Extract the incidents of every article; optionally geocode leftovers online.

    Parameters
    ----------
    articles
        Parsed articles.
    gazetteer
        The offline place index.
    online
        Opt-in online geocoder for locations the gazetteer could not resolve.
    progress
        Callback after each article.
    nlp
        Optional spaCy pipeline (see :mod:`geo.nlp`).

    Returns
    -------
    list of Incident
    """
    out: list[Incident] = []
    total = len(articles)
    for n, article in enumerate(articles, start=1):
        out.extend(extract_incidents(article, gazetteer, nlp=nlp))
        if progress is not None:
            progress(n, total, article.doc_id)
    if online is not None:
        locator = AdminLocator.from_dir()
        for inc in out:
            if inc.latitude is None and inc.location and COUNTRY_ONLY_NOTE not in inc.notes:
                rec = location_to_record(inc.location, online.geocode(inc.location), locator=locator)
                if rec["lat"] is not None:
                    inc.latitude, inc.longitude = rec["lat"], rec["lon"]
                    inc.admin1 = inc.admin1 or (rec["admin1"] or "")
                    inc.admin2 = inc.admin2 or (rec["admin2"] or "")
                    inc.geo_precision = inc.geo_precision or int(rec["geo_precision"] or 2)
                    inc.geocoder, inc.place_id = "nominatim", str(rec["source"])
    return out


def incidents_frame(incidents: Iterable[Incident]) -> gpd.GeoDataFrame:
    """Assemble, de-duplicate, sort and validate incidents."""
    gdf = sort_incidents(dedupe_incidents(incidents_to_gdf(incidents)))
    validate_incidents(gdf)
    return gdf


def build(
    paths: Iterable[str | Path],
    *,
    store: IncidentStore,
    gazetteer: Gazetteer,
    online: CachedOnlineGeocoder | None = None,
    progress: Progress | None = None,
    fresh: bool = False,
    nlp: object | None = None,
) -> tuple[gpd.GeoDataFrame, BuildSummary]:
    """Read articles, extract and geocode incidents, update the store.

    Unreadable files are listed in ``summary.rejects`` with the reason; the
    others are processed. The incidents of the articles read replace those
    the store held for the same documents; other records (other articles,
    imported CSVs) are kept, unless ``fresh``. The store file is replaced
    atomically and only when everything succeeded. Rerunning on the same
    input gives the same store (stable ids).

    Parameters
    ----------
    paths
        Article files and/or folders.
    store
        Where to write.
    gazetteer
        The offline place index.
    online
        Opt-in online geocoder.
    progress
        Callback after each article.
    fresh
        Start from an empty store instead of updating it.
    nlp
        Optional spaCy pipeline (see :mod:`geo.nlp`).

    Returns
    -------
    tuple of (GeoDataFrame, BuildSummary)
        The incidents of these articles, and the summary.
    """
    t0 = time.perf_counter()
    errors: list[ArticleError] = []
    articles = load_articles(paths, errors=errors)
    incidents = extract_all(articles, gazetteer, online=online, progress=progress, nlp=nlp)
    gdf = incidents_frame(incidents)
    if fresh or not store.exists():
        store.write(gdf)
    else:
        update_store(store, gdf, replace_docs={a.doc_id for a in articles})
    resolved = int(gdf.geometry.notna().sum())
    summary = BuildSummary(
        articles_read=len(articles),
        words=sum(a.word_count for a in articles),
        incidents=len(gdf),
        merged=len(merge_reports(gdf)),
        geocoded=resolved,
        unresolved=len(gdf) - resolved,
        seconds=time.perf_counter() - t0,
        rejects=[Reject.from_error(e) for e in errors],
        geocoder_errors=list(online.errors) if online is not None else [],
    )
    return gdf, summary


def update_store(store: IncidentStore, gdf: gpd.GeoDataFrame, *, replace_docs: set[str]) -> gpd.GeoDataFrame:
    """Write ``gdf`` into the store in place of the records of ``replace_docs``.

    Records of other documents stay; an ``event_id`` already stored keeps
    its stored version (re-adding the same input changes nothing).

    Returns
    -------
    geopandas.GeoDataFrame
        Everything now in the store.
    """
    existing = store.read() if store.exists() else gdf.iloc[:0]
    kept = existing[~existing["doc_id"].isin(replace_docs)]
    merged = sort_incidents(merge_incidents(kept, gdf))
    validate_incidents(merged)
    store.write(merged)
    return merged
