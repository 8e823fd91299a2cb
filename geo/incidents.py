"""The incident schema: records, stable ids, validation and GeoDataFrames.

Field names follow ACLED wherever ACLED has the field (``event_date``,
``time_precision``, ``event_type``, ``sub_event_type``, ``actor1``,
``actor2``, ``admin1``, ``admin2``, ``location``, ``latitude``,
``longitude``, ``geo_precision``, ``source``, ``notes``, ``fatalities``),
with ACLED's codes:

``time_precision``  1 = day, 2 = week, 3 = month (4 = year, an extension
                    for historical references ACLED would not code)
``geo_precision``   1 = the town itself, 2 = near a town or a district,
                    3 = a province or larger

Extraction-specific fields: ``doc_id``, ``evidence``, ``char_start``,
``char_end``, ``confidence``, ``source_url``, plus provenance of the
coordinates (``place_id``, ``geocoder``).
"""

from __future__ import annotations

import hashlib
import logging
import math
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, fields
from typing import Any, Final

import geopandas as gpd
import numpy as np
import pandas as pd

from geo import settings
from geo.errors import SchemaError
from geo.geodesy import haversine_km

logger = logging.getLogger(__name__)

#: ACLED event types and their sub-event types (the political-violence part
#: of the ACLED codebook that this tool codes).
EVENT_TYPES: Final[dict[str, tuple[str, ...]]] = {
    "Battles": (
        "Armed clash",
        "Government regains territory",
        "Non-state actor overtakes territory",
    ),
    "Explosions/Remote violence": (
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    ),
    "Violence against civilians": (
        "Sexual violence",
        "Attack",
        "Abduction/forced disappearance",
    ),
    "Strategic developments": (
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Protests": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
}

TIME_PRECISION: Final[dict[int, str]] = {1: "day", 2: "week", 3: "month", 4: "year"}
GEO_PRECISION: Final[dict[int, str]] = {1: "town", 2: "near a town / district", 3: "province or larger"}

#: Column order of exports: ACLED's order first, then ours.
ACLED_COLUMNS: Final[tuple[str, ...]] = (
    "event_id",
    "event_date",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "inter1",
    "actor2",
    "inter2",
    "country",
    "admin1",
    "admin2",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
)


@dataclass(slots=True)
class Incident:
    """One incident record (see the module docstring for the codes).

    ``fatalities`` is ``None`` when the text gives no figure (blank, not 0);
    0 means the source says nobody died, or reports injuries only.
    ``latitude``/``longitude`` are ``None`` when the place is unresolved.
    """

    event_date: str
    time_precision: int
    event_type: str
    sub_event_type: str
    doc_id: str
    evidence: str
    char_start: int
    char_end: int
    actor1: str = ""
    actor2: str = ""
    inter1: int | None = None
    inter2: int | None = None
    country: str = ""
    country_code: str = ""
    admin1: str = ""
    admin2: str = ""
    location: str = ""
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    fatalities: int | None = None
    notes: str = ""
    source: str = ""
    source_url: str = ""
    confidence: float = 0.5
    reason: str = ""
    place_id: str = ""
    geocoder: str = ""
    event_id: str = field(default="")

    def __post_init__(self) -> None:
        if not self.event_id:
            self.event_id = make_event_id(self.doc_id, self.char_start, self.char_end, self.event_type)

    def to_dict(self) -> dict[str, Any]:
        """The record as a flat dict in :data:`COLUMNS` order."""
        d = asdict(self)
        return {c: d[c] for c in COLUMNS}


#: Every property of an incident, in export order.
COLUMNS: Final[tuple[str, ...]] = (
    *ACLED_COLUMNS,
    "country_code",
    "doc_id",
    "source_url",
    "evidence",
    "char_start",
    "char_end",
    "confidence",
    "reason",
    "place_id",
    "geocoder",
)


class Col:
    """The column names of the schema, for code that addresses a column (instead of a string literal).

    Examples
    --------
    >>> Col.ACTOR1, Col.EVENT_DATE
    ('actor1', 'event_date')
    """

    EVENT_ID: Final = "event_id"
    EVENT_DATE: Final = "event_date"
    TIME_PRECISION: Final = "time_precision"
    EVENT_TYPE: Final = "event_type"
    SUB_EVENT_TYPE: Final = "sub_event_type"
    ACTOR1: Final = "actor1"
    INTER1: Final = "inter1"
    ACTOR2: Final = "actor2"
    INTER2: Final = "inter2"
    COUNTRY: Final = "country"
    ADMIN1: Final = "admin1"
    ADMIN2: Final = "admin2"
    LOCATION: Final = "location"
    LATITUDE: Final = "latitude"
    LONGITUDE: Final = "longitude"
    GEO_PRECISION: Final = "geo_precision"
    SOURCE: Final = "source"
    NOTES: Final = "notes"
    FATALITIES: Final = "fatalities"
    COUNTRY_CODE: Final = "country_code"
    DOC_ID: Final = "doc_id"
    SOURCE_URL: Final = "source_url"
    EVIDENCE: Final = "evidence"
    CHAR_START: Final = "char_start"
    CHAR_END: Final = "char_end"
    CONFIDENCE: Final = "confidence"
    REASON: Final = "reason"
    PLACE_ID: Final = "place_id"
    GEOCODER: Final = "geocoder"


assert [v for k, v in vars(Col).items() if k.isupper()] == list(COLUMNS), "Col and COLUMNS disagree"

#: What a blank ``actor1`` is shown as in the map and the table; the data (and the downloads) stay blank.
UNIDENTIFIED_ACTOR: Final = "Unidentified"

_INT_COLUMNS: Final[tuple[str, ...]] = (
    "time_precision",
    "inter1",
    "inter2",
    "geo_precision",
    "fatalities",
    "char_start",
    "char_end",
)
_FLOAT_COLUMNS: Final[tuple[str, ...]] = ("latitude", "longitude", "confidence")

assert set(COLUMNS) == {f.name for f in fields(Incident)}, "schema and dataclass disagree"


def make_event_id(doc_id: str, char_start: int, char_end: int, kind: str) -> str:
    """A stable identifier: the same input gives the same id on every run.

    Parameters
    ----------
    doc_id
        The article's identifier.
    char_start, char_end
        The evidence span.
    kind
        Disambiguates several incidents read from one sentence.

    Returns
    -------
    str
        ``FIM-`` followed by 12 hex digits.

    Examples
    --------
    >>> make_event_id("004_x", 10, 99, "Battles")
    'FIM-54324e53df10'
    """
    digest = hashlib.sha1(f"{doc_id}|{char_start}|{char_end}|{kind}".encode()).hexdigest()
    return f"FIM-{digest[:12]}"


def incidents_to_gdf(incidents: Iterable[Incident | dict[str, Any]]) -> gpd.GeoDataFrame:
    """Assemble incident records into a GeoDataFrame (EPSG:4326).

    Parameters
    ----------
    incidents
        :class:`Incident` objects or dicts with the :data:`COLUMNS` keys.

    Returns
    -------
    geopandas.GeoDataFrame
        One row per incident, columns in :data:`COLUMNS` order, Point
        geometry ``(x=longitude, y=latitude)`` or ``None`` when unresolved;
        integer columns are nullable ``Int64``.
    """
    rows = [i.to_dict() if isinstance(i, Incident) else {c: i.get(c) for c in COLUMNS} for i in incidents]
    df = pd.DataFrame(rows, columns=list(COLUMNS))
    return normalise_frame(df)


def normalise_frame(df: pd.DataFrame) -> gpd.GeoDataFrame:
    """Coerce a frame with incident columns to the schema's dtypes.

    Parameters
    ----------
    df
        Incident rows (extra columns are dropped, missing ones added empty).

    Returns
    -------
    geopandas.GeoDataFrame
        Geometry rebuilt from ``latitude``/``longitude``.
    """
    df = df.reindex(columns=list(COLUMNS)).copy()
    for c in _INT_COLUMNS:
        df[c] = pd.to_numeric(df[c], errors="coerce").astype("Int64")
    for c in _FLOAT_COLUMNS:
        df[c] = pd.to_numeric(df[c], errors="coerce").astype("float64")
    for c in COLUMNS:
        if c not in _INT_COLUMNS and c not in _FLOAT_COLUMNS:
            df[c] = df[c].astype("string").fillna("").astype(object)
    lat = df["latitude"].to_numpy(dtype=float)
    lon = df["longitude"].to_numpy(dtype=float)
    # shapely and GeoJSON order is (x=lon, y=lat); a row without both coordinates has no geometry
    geometry = gpd.points_from_xy(lon, lat, crs=settings.CRS)
    geometry[np.isnan(lat) | np.isnan(lon)] = None
    return gpd.GeoDataFrame(df, geometry=geometry, crs=settings.CRS)


def validate_incidents(gdf: gpd.GeoDataFrame) -> None:
    """Check a frame against the schema; collect every problem, raise once.

    Parameters
    ----------
    gdf
        Incident GeoDataFrame.

    Raises
    ------
    SchemaError
        Listing each problem with the offending ``event_id``.
    """
    problems: list[str] = []
    missing = [c for c in COLUMNS if c not in gdf.columns]
    if missing:
        problems.append(f"missing columns: {missing}")
    else:
        if gdf["event_id"].duplicated().any():
            dups = sorted(set(gdf.loc[gdf["event_id"].duplicated(), "event_id"]))
            problems.append(f"duplicate event_id: {dups[:5]}")
        valid_types = set(EVENT_TYPES)
        for row in gdf.itertuples(index=False):
            eid = row.event_id
            try:
                pd.Timestamp(row.event_date)
            except (ValueError, TypeError):
                problems.append(f"{eid}: event_date {row.event_date!r} is not ISO")
            if row.time_precision not in TIME_PRECISION:
                problems.append(f"{eid}: time_precision {row.time_precision!r} not in 1-4")
            if row.event_type not in valid_types:
                problems.append(f"{eid}: unknown event_type {row.event_type!r}")
            elif row.sub_event_type not in EVENT_TYPES[row.event_type]:
                problems.append(f"{eid}: sub_event_type {row.sub_event_type!r} not in {row.event_type}")
            lat, lon = row.latitude, row.longitude
            if (lat is None or math.isnan(lat)) != (lon is None or math.isnan(lon)):
                problems.append(f"{eid}: only one of latitude/longitude is set")
            elif lat is not None and not math.isnan(lat):
                if not (-90 <= lat <= 90 and -180 <= lon <= 180):
                    problems.append(f"{eid}: coordinates out of range ({lat}, {lon})")
                if pd.isna(row.geo_precision) or row.geo_precision not in GEO_PRECISION:
                    problems.append(f"{eid}: geo_precision {row.geo_precision!r} not in 1-3")
            fat = row.fatalities
            if fat is not None and not pd.isna(fat) and fat < 0:
                problems.append(f"{eid}: negative fatalities {fat}")
    if problems:
        msg = f"{len(problems)} schema problem(s):\n  " + "\n  ".join(problems[:50])
        raise SchemaError(msg)


def dedupe_incidents(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Drop exact re-reads of the same incident (same ``event_id``).

    Reading the same article twice yields the same ids, so a rerun or a
    re-import changes nothing. Keeps the first occurrence.

    Parameters
    ----------
    gdf
        Incident GeoDataFrame.

    Returns
    -------
    geopandas.GeoDataFrame
    """
    return gdf.drop_duplicates(subset="event_id", keep="first").reset_index(drop=True)


def _interval(date: str, precision: int) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """The days an ACLED date with its time_precision may stand for (a day: ±1)."""
    try:
        day = pd.Timestamp(date)
    except (ValueError, TypeError):
        return None
    if precision <= 1:  # reports of a night-time event differ by a day
        return day - pd.Timedelta(days=1), day + pd.Timedelta(days=1)
    if precision == 2:
        return day - pd.Timedelta(days=6), day + pd.Timedelta(days=6)
    if precision == 3:
        return day.replace(day=1), day.replace(day=1) + pd.offsets.MonthEnd(0)
    return day.replace(month=1, day=1), day.replace(month=12, day=31)


def _months(span: tuple[pd.Timestamp, pd.Timestamp]) -> list[tuple[int, int]]:
    """The (year, month) pairs an interval touches."""
    out, (y, m) = [], (span[0].year, span[0].month)
    while (y, m) <= (span[1].year, span[1].month):
        out.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def _same_place(a: Any, b: Any, *, max_km: float) -> bool:
    if a.place_id and a.place_id == b.place_id:
        return True
    if a.geometry is None or b.geometry is None:
        return False
    if a.admin1 != b.admin1 and a.geo_precision == b.geo_precision == 3:
        return False
    return haversine_km(a.geometry.y, a.geometry.x, b.geometry.y, b.geometry.x) <= max_km


def merge_reports(gdf: gpd.GeoDataFrame, *, max_km: float = 60.0) -> gpd.GeoDataFrame:
    """Merge the reports of one incident by several articles into one record.

    The store keeps every report (one record per article, so rebuilding one
    article never loses another's); this function makes the analyst's view
    of them, and is pure: the same records always give the same result.

    Two records are the same incident when they come from different
    documents and have the same event type and sub-type, the same
    ``actor1``, compatible dates (their precision intervals overlap) and the
    same place (same gazetteer entry, or within ``max_km``). The most
    precise record is kept (day before month; town before province); it
    lists every source in ``source``/``source_url`` and the merged reports
    in ``notes``; ``fatalities`` is the most conservative known figure.

    Parameters
    ----------
    gdf
        Incidents, e.g. a build over many articles.
    max_km
        Largest distance between the two places.

    Returns
    -------
    geopandas.GeoDataFrame
        Fewer rows; the ``event_id`` of a kept record does not change.
    """
    if len(gdf) < 2:
        return gdf
    # only reports read from articles are merged: imported records (ACLED,
    # UCDP, CSV) come de-duplicated by their providers and have no text span
    from_text = (gdf["char_end"].fillna(0) > gdf["char_start"].fillna(0)) & (gdf["evidence"] != "")
    reports = gdf[from_text]
    order = reports.assign(_tp=reports["time_precision"].fillna(9), _gp=reports["geo_precision"].fillna(9)).sort_values(
        ["_tp", "_gp", "doc_id", "char_start"], kind="stable"
    )
    keep: list[int] = [int(i) for i in gdf.index[~from_text]]
    groups: dict[int, list[Any]] = {}
    # candidate heads by (type, sub-type, actor1, month): a report is only
    # compared with heads of the months its date may stand for
    buckets: dict[tuple[str, str, str, tuple[int, int]], list[int]] = {}
    for row in order.itertuples():
        span = _interval(row.event_date, int(row.time_precision))
        home = None
        months = _months(span) if span is not None else []
        seen: set[int] = set()
        for month in months:
            for k in buckets.get((row.event_type, row.sub_event_type, row.actor1, month), ()):
                if k in seen:
                    continue
                seen.add(k)
                head = groups[k][0]
                if any(r.doc_id == row.doc_id for r in groups[k]):
                    continue  # two incidents of one article are two incidents
                other = _interval(head.event_date, int(head.time_precision))
                if (
                    span is not None
                    and other is not None
                    and span[0] <= other[1]
                    and other[0] <= span[1]
                    and _same_place(head, row, max_km=max_km)
                ):
                    home = k
                    break
            if home is not None:
                break
        if home is None:
            keep.append(row.Index)
            groups[row.Index] = [row]
            for month in months:
                buckets.setdefault((row.event_type, row.sub_event_type, row.actor1, month), []).append(row.Index)
        else:
            groups[home].append(row)
    out = gdf.loc[keep].copy()
    for k, members in groups.items():
        if len(members) == 1:
            continue
        out.at[k, "source"] = "; ".join(dict.fromkeys(str(m.source) for m in members if m.source))
        out.at[k, "source_url"] = " ; ".join(dict.fromkeys(str(m.source_url) for m in members if m.source_url))
        known = [int(m.fatalities) for m in members if not pd.isna(m.fatalities)]
        if known:
            out.at[k, "fatalities"] = min(known)
        others = ", ".join(f"{m.doc_id} ({m.event_id})" for m in members[1:])
        note = f"also reported in {others}"
        out.at[k, "notes"] = "; ".join(x for x in (out.at[k, "notes"], note) if x)
    return out.sort_index()


def sort_incidents(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Order by date, document and position: a stable order for output."""
    return gdf.sort_values(["event_date", "doc_id", "char_start", "event_id"], kind="stable", ignore_index=True)
