"""The build: articles -> incidents -> geocoded GeoDataFrame -> store.

Extraction is a pure per-document function (:func:`geo.extract.extract_incidents`),
so :func:`extract_all` can later be mapped over partitions of a large corpus
(Dask bag, multiprocessing) without change.
"""

from __future__ import annotations

import datetime as dt
import logging
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd

from geo.admin import AdminLocator
from geo.articles import Article, load_articles
from geo.errors import ArticleError, InputError
from geo.extract import COUNTRY_ONLY_NOTE, extract_incidents, undatable
from geo.gazetteer import Gazetteer
from geo.geocode import CachedOnlineGeocoder, ChainGeocoder, OfflineGeocoder, location_to_record
from geo.incidents import (
    Incident,
    dedupe_incidents,
    incidents_to_gdf,
    merge_reports,
    sort_incidents,
    validate_incidents,
)
from geo.ingest import GenericColumns, ingest_csv
from geo.rejects import Reject
from geo.store import IncidentStore, merge_incidents
from geo.urlnumbers import ArticleNumbers, load_article_numbers

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
    #: articles that gave no incident because nothing dates them (no publication date, no year in the text)
    undated: list[str] = field(default_factory=list)

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
        if self.undated:
            out.append(
                f"undated:        {len(self.undated)} (articles with no incident: no publication date and no year "
                "in the text; give them a published: date)"
            )
        out += [f"  rejected: {r}" for r in self.rejects]
        out += [f"  undated: {d}" for d in self.undated]
        out += [f"  geocoder: {e}" for e in self.geocoder_errors]
        return out


def undated_articles(
    articles: Iterable[Article], incidents: Iterable[Incident], *, numbers: ArticleNumbers | None = None
) -> list[str]:
    """The ``doc_id`` of every article that gave no incident because nothing dates it (see :func:`undatable`).

    ``numbers`` (default: the shipped table) dates pages by their URL's article number, as :func:`extract_all` does.
    """
    numbers = numbers if numbers is not None else load_article_numbers()
    with_incidents = {inc.doc_id for inc in incidents}
    return [a.doc_id for a in articles if a.doc_id not in with_incidents and undatable(a, numbers=numbers)]


def extract_all(
    articles: Sequence[Article],
    gazetteer: Gazetteer,
    *,
    online: CachedOnlineGeocoder | None = None,
    progress: Progress | None = None,
    nlp: object | None = None,
    today: dt.date | None = None,
    numbers: ArticleNumbers | None = None,
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
    today
        Upper bound of years inferred from weekdays in undated pages
        (default: the current date).
    numbers
        Dated article numbers that date pages without a date of their own
        (default: the shipped table, :func:`geo.urlnumbers.load_article_numbers`).

    Returns
    -------
    list of Incident
    """
    today = today or dt.date.today()
    numbers = numbers if numbers is not None else load_article_numbers()
    out: list[Incident] = []
    total = len(articles)
    for n, article in enumerate(articles, start=1):
        out.extend(extract_incidents(article, gazetteer, nlp=nlp, today=today, numbers=numbers))
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
    summary = store_build(
        store,
        gdf,
        fresh=fresh,
        doc_ids={a.doc_id for a in articles},
        articles_read=len(articles),
        words=sum(a.word_count for a in articles),
        started=t0,
        rejects=[Reject.from_error(e) for e in errors],
        geocoder_errors=list(online.errors) if online is not None else [],
        undated=undated_articles(articles, incidents),
    )
    return gdf, summary


def store_build(
    store: IncidentStore,
    gdf: gpd.GeoDataFrame,
    *,
    fresh: bool,
    doc_ids: set[str],
    articles_read: int,
    words: int,
    started: float,
    rejects: list[Reject],
    geocoder_errors: list[str] | None = None,
    undated: Sequence[str] = (),
) -> BuildSummary:
    """Write a build's incidents to the store and summarise it (shared by the serial and distributed builds).

    Parameters
    ----------
    store
        Where to write: replaced when ``fresh`` or new, else updated document by document.
    gdf
        The incidents of the documents read.
    fresh
        Start from an empty store.
    doc_ids
        The documents read: their old records are replaced.
    articles_read, words
        Articles and words read, for the summary.
    started
        ``time.perf_counter()`` at the start of the build.
    rejects, geocoder_errors
        Files that could not be read; failures of the online geocoder.
    undated
        Articles that gave no incident because nothing dates them.

    Returns
    -------
    BuildSummary
    """
    if fresh or not store.exists():
        store.write(gdf)
    else:
        update_store(store, gdf, replace_docs=doc_ids)
    resolved = int(gdf.geometry.notna().sum())
    return BuildSummary(
        articles_read=articles_read,
        words=words,
        incidents=len(gdf),
        merged=len(merge_reports(gdf)),
        geocoded=resolved,
        unresolved=len(gdf) - resolved,
        seconds=time.perf_counter() - started,
        rejects=rejects,
        geocoder_errors=geocoder_errors or [],
        undated=list(undated),
    )


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


def place_geocoder(
    gazetteer: Gazetteer, *, online: CachedOnlineGeocoder | None = None, locator: AdminLocator | None = None
) -> Callable[[str, str | None], dict]:
    """``geocode(place, country) -> record`` for generic CSV imports.

    The offline gazetteer answers first, the online geocoder (if given) only
    for names it lacks; ``country`` (ISO2), when the row gives one, restricts
    the answer to that country.
    """
    chain = ChainGeocoder(OfflineGeocoder(gazetteer), online)
    locator = locator if locator is not None else AdminLocator.from_dir()

    def geocode(place: str, country: str | None) -> dict:
        kwargs = {"country_codes": country.upper()} if country else {}
        return location_to_record(place, chain.geocode(place, **kwargs), locator=locator)

    return geocode


@dataclass(slots=True)
class ImportSummary:
    """What an import of CSV files did."""

    files: list[str] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)
    rows: int = 0
    stored: int = 0
    total: int = 0
    rejects: list[Reject] = field(default_factory=list)


def import_records(
    paths: Sequence[str | Path],
    *,
    store: IncidentStore,
    fmt: str = "auto",
    columns: GenericColumns | None = None,
    geocode: Callable[[str, str | None], dict] | None = None,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportSummary:
    """Import ACLED / UCDP GED / generic CSV files into the store.

    A file that cannot be read becomes a whole-file reject; the records of
    the others replace what the store held from files of the same name (so
    importing the same file twice changes nothing).

    Parameters
    ----------
    paths
        CSV files.
    store
        The store to update (untouched with ``dry_run``).
    fmt
        ``auto``, ``acled``, ``ucdp`` or ``generic``.
    columns, geocode
        For generic files (see :func:`geo.ingest.ingest_csv`, :func:`place_geocoder`).
    dry_run
        Check and report only.
    progress
        Callback after each file.

    Returns
    -------
    ImportSummary
    """
    locator = AdminLocator.from_dir()
    summary = ImportSummary()
    incidents: list[Incident] = []
    for n, path in enumerate(paths, start=1):
        name = Path(path).name
        try:
            result = ingest_csv(path, fmt=fmt, columns=columns, geocode=geocode, locator=locator)
        except InputError as exc:
            summary.rejects.append(Reject.from_error(exc, prefix="file not read: "))
            summary.lines.append(f"{name}: not read: {exc.reason}")
        else:
            summary.files.append(name)
            summary.rows += result.rows
            summary.stored += result.stored
            summary.rejects.extend(result.rejects)
            incidents.extend(result.incidents)
            summary.lines.append(
                f"{name}: {result.fmt}, {result.rows} rows, {result.stored} stored, {len(result.rejects)} rejected"
            )
        if progress is not None:
            progress(n, len(paths), name)
    if summary.files and not dry_run:
        summary.total = len(update_store(store, incidents_to_gdf(incidents), replace_docs=set(summary.files)))
    return summary


#: Suffixes :func:`add_files` reads as structured records; the rest are articles.
RECORD_SUFFIXES: tuple[str, ...] = (".csv",)


def add_files(
    files: Sequence[tuple[str, bytes]],
    *,
    store: IncidentStore,
    gazetteer: Gazetteer,
    columns: GenericColumns | None = None,
    progress: Progress | None = None,
) -> tuple[BuildSummary | None, ImportSummary | None]:
    """Add uploaded files (name, content) to the store: articles and CSV records.

    The files are written to a private temporary folder under their base
    name only (no path from the upload is used), then read exactly as the
    command line reads them: articles through :func:`build`, CSV files
    through :func:`import_records`. Adding the same files again changes
    nothing.

    Parameters
    ----------
    files
        ``(file name, bytes)`` pairs, e.g. from an upload widget.
    store
        The store to update.
    gazetteer
        The offline place index.
    columns
        Place and date columns of generic CSV files, if any.
    progress
        Callback after each file.

    Returns
    -------
    tuple of (BuildSummary or None, ImportSummary or None)
        ``None`` where no file of that kind was given.
    """
    with tempfile.TemporaryDirectory(prefix="fim-upload-") as tmp:
        folder = Path(tmp)
        articles: list[Path] = []
        records: list[Path] = []
        for name, data in files:
            safe = Path(name).name.strip() or "upload.txt"
            path = folder / safe
            path.write_bytes(data)
            (records if path.suffix.lower() in RECORD_SUFFIXES else articles).append(path)
        total = len(articles) + len(records)
        build_summary = import_summary = None
        if articles:
            _, build_summary = build(articles, store=store, gazetteer=gazetteer, progress=progress)
        if records:
            offset = len(articles)

            def step(done: int, _total: int, label: str) -> None:
                if progress is not None:
                    progress(offset + done, total, label)

            geocode = place_geocoder(gazetteer) if columns is not None else None
            import_summary = import_records(records, store=store, columns=columns, geocode=geocode, progress=step)
    return build_summary, import_summary
