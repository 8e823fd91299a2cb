"""Filters behind the app's sidebar, testable without Streamlit.

All functions take the incident GeoDataFrame as an argument (never a global)
and return new objects.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import geopandas as gpd
import pandas as pd

TEXT_COLUMNS: tuple[str, ...] = ("notes", "evidence", "location", "actor1", "actor2", "admin1", "admin2")


@dataclass(frozen=True, slots=True)
class IncidentFilter:
    """A complete filter state; ``None`` or empty means "no constraint".

    Attributes
    ----------
    start, end
        Inclusive date range on ``event_date``.
    actors
        Keep incidents whose ``actor1`` **or** ``actor2`` is one of these.
    event_types
        ACLED event types.
    sub_event_types
        ACLED sub-event types.
    countries
        ISO2 codes.
    admin1
        Province names.
    admin2
        District names.
    min_fatalities
        Keep incidents with at least this many fatalities (unknown counts
        as not meeting a positive minimum).
    geo_precision
        Keep incidents whose ``geo_precision`` is one of these (1-3).
    text
        Case-insensitive substring searched in notes, evidence, location,
        actors and admin names.
    located_only
        Drop incidents without coordinates.
    min_confidence
        Keep incidents whose ``confidence`` is at least this (the incident
        decision of :mod:`geo.extract.decision`; imported records have 1.0).
    """

    start: dt.date | None = None
    end: dt.date | None = None
    actors: tuple[str, ...] = ()
    event_types: tuple[str, ...] = ()
    sub_event_types: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    admin1: tuple[str, ...] = ()
    admin2: tuple[str, ...] = ()
    min_fatalities: int = 0
    geo_precision: tuple[int, ...] = ()
    text: str = ""
    located_only: bool = False
    min_confidence: float = 0.0


def _dates(gdf: gpd.GeoDataFrame) -> pd.Series:
    return pd.to_datetime(gdf["event_date"], errors="coerce", format="mixed").dt.date


def _datetimes(gdf: gpd.GeoDataFrame) -> pd.Series:
    return pd.to_datetime(gdf["event_date"], errors="coerce", format="mixed")


def filter_incidents(gdf: gpd.GeoDataFrame, flt: IncidentFilter | None = None) -> gpd.GeoDataFrame:
    """Apply a filter state to incidents.

    Parameters
    ----------
    gdf
        Incident GeoDataFrame (schema of :mod:`geo.incidents`).
    flt
        The filter; ``None`` keeps everything.

    Returns
    -------
    geopandas.GeoDataFrame
        The matching rows, in their original order.

    Examples
    --------
    >>> from geo.incidents import Incident, incidents_to_gdf
    >>> gdf = incidents_to_gdf([
    ...     Incident("2024-12-24", 1, "Battles", "Armed clash", "doc", "...", 0, 3, actor1="A", actor2="B"),
    ...     Incident("2025-01-02", 1, "Battles", "Armed clash", "doc", "...", 9, 12, actor1="C"),
    ... ])
    >>> len(filter_incidents(gdf, IncidentFilter(actors=("B",))))
    1
    >>> len(filter_incidents(gdf, IncidentFilter(start=dt.date(2025, 1, 1))))
    1
    """
    if flt is None or gdf.empty:
        return gdf
    keep = pd.Series(True, index=gdf.index)
    if flt.start is not None or flt.end is not None:
        # ISO strings compare like dates: no per-row parsing (fast at 100,000 rows)
        dates = gdf["event_date"].astype(str).str.slice(0, 10)
        keep &= (dates.str.len() == 10).to_numpy()
        if flt.start is not None:
            keep &= (dates >= flt.start.isoformat()).to_numpy()
        if flt.end is not None:
            keep &= (dates <= flt.end.isoformat()).to_numpy()
    if flt.actors:
        wanted = set(flt.actors)
        keep &= gdf["actor1"].isin(wanted) | gdf["actor2"].isin(wanted)
    if flt.event_types:
        keep &= gdf["event_type"].isin(set(flt.event_types))
    if flt.sub_event_types:
        keep &= gdf["sub_event_type"].isin(set(flt.sub_event_types))
    if flt.countries:
        keep &= gdf["country_code"].isin(set(flt.countries))
    if flt.admin1:
        keep &= gdf["admin1"].isin(set(flt.admin1))
    if flt.admin2:
        keep &= gdf["admin2"].isin(set(flt.admin2))
    if flt.min_fatalities > 0:
        keep &= pd.to_numeric(gdf["fatalities"], errors="coerce").fillna(-1) >= flt.min_fatalities
    if flt.geo_precision:
        keep &= gdf["geo_precision"].isin(list(flt.geo_precision)).fillna(False).astype(bool)
    if flt.text.strip():
        pattern = re.escape(flt.text.strip())
        hit = pd.Series(False, index=gdf.index)
        for col in TEXT_COLUMNS:
            hit |= gdf[col].astype(str).str.contains(pattern, case=False, regex=True, na=False)
        keep &= hit
    if flt.located_only:
        keep &= gdf.geometry.notna() & ~gdf.geometry.is_empty
    if flt.min_confidence > 0:
        keep &= _confident(gdf, flt.min_confidence)
    return gdf[keep.astype(bool)]


def _confident(gdf: gpd.GeoDataFrame, min_confidence: float) -> pd.Series:
    """Whether each incident's ``confidence`` is at least ``min_confidence`` (a missing one counts as 1)."""
    return pd.to_numeric(gdf["confidence"], errors="coerce").fillna(1.0) >= min_confidence


def _options(values: pd.Series) -> list[str]:
    uniques = pd.unique(values.to_numpy(dtype=object))  # once per distinct value: fast at 100,000 rows
    return sorted({str(v) for v in uniques if isinstance(v, str) and v.strip()}, key=str.casefold)


def actor_options(gdf: gpd.GeoDataFrame) -> list[str]:
    """Every actor named as ``actor1`` or ``actor2``, sorted."""
    return _options(pd.concat([gdf["actor1"], gdf["actor2"]], ignore_index=True))


def event_type_options(gdf: gpd.GeoDataFrame) -> list[str]:
    """Every event type present, sorted."""
    return _options(gdf["event_type"])


def sub_event_type_options(gdf: gpd.GeoDataFrame, event_types: Iterable[str] = ()) -> list[str]:
    """Every sub-event type present (of the given event types, if any), sorted."""
    wanted = set(event_types)
    rows = gdf[gdf["event_type"].isin(wanted)] if wanted else gdf
    return _options(rows["sub_event_type"])


def country_options(gdf: gpd.GeoDataFrame) -> list[str]:
    """Every ISO2 country code present, sorted."""
    return _options(gdf["country_code"])


def admin1_options(gdf: gpd.GeoDataFrame, countries: Iterable[str] = ()) -> list[str]:
    """Every province present (in the given countries, if any), sorted."""
    wanted = set(countries)
    rows = gdf[gdf["country_code"].isin(wanted)] if wanted else gdf
    return _options(rows["admin1"])


def admin2_options(gdf: gpd.GeoDataFrame, admin1: Iterable[str] = ()) -> list[str]:
    """Every district present (in the given provinces, if any), sorted."""
    wanted = set(admin1)
    rows = gdf[gdf["admin1"].isin(wanted)] if wanted else gdf
    return _options(rows["admin2"])


def geo_precision_options(gdf: gpd.GeoDataFrame) -> list[int]:
    """Every ``geo_precision`` code present, sorted."""
    return sorted({int(v) for v in gdf["geo_precision"].dropna().unique()})


def date_bounds(gdf: gpd.GeoDataFrame, *, min_confidence: float = 0.0) -> tuple[dt.date, dt.date] | None:
    """Earliest and latest ``event_date``, or ``None`` without dated incidents.

    Parameters
    ----------
    gdf
        Incidents.
    min_confidence
        Only incidents the map shows at this setting count (those whose
        ``confidence`` is at least this; a missing confidence counts as 1, as
        in :func:`filter_incidents`): hidden background dated 2004 must not
        stretch the date widget back to 2004.
    """
    rows = gdf
    if min_confidence > 0 and "confidence" in gdf.columns:
        rows = gdf[_confident(gdf, min_confidence)]
    dates = _dates(rows).dropna()
    if dates.empty:
        return None
    return min(dates), max(dates)


def carry_date_range(
    picked: Sequence[dt.date], old: tuple[dt.date, dt.date], new: tuple[dt.date, dt.date]
) -> tuple[dt.date, dt.date]:
    """A date widget's range carried over when its span changes (e.g. hidden records shown).

    An end left at the old span's end stays open (moves to the new span's
    end); an end picked inside is kept, moved into the new span if outside
    it; a range wholly outside the new span becomes the whole span.

    Examples
    --------
    >>> d = dt.date.fromisoformat
    >>> carry_date_range([d("2024-10-15"), d("2025-10-09")], (d("2024-10-15"), d("2025-10-09")),
    ...                  (d("2004-01-01"), d("2025-10-09")))
    (datetime.date(2004, 1, 1), datetime.date(2025, 10, 9))
    >>> carry_date_range([d("2004-01-01"), d("2024-12-31")], (d("2004-01-01"), d("2025-10-09")),
    ...                  (d("2024-10-15"), d("2025-10-09")))
    (datetime.date(2024, 10, 15), datetime.date(2024, 12, 31))
    """
    lo, hi = new
    start = picked[0] if len(picked) > 0 else old[0]
    end = picked[1] if len(picked) > 1 else old[1]
    start = lo if start == old[0] else start
    end = hi if end == old[1] else end
    if start > hi or end < lo:
        return lo, hi
    return max(start, lo), min(end, hi)


#: Query-parameter name of each list field of :class:`IncidentFilter` (repeated keys in the URL).
_LIST_PARAMS: dict[str, str] = {
    "actors": "actor",
    "event_types": "type",
    "sub_event_types": "subtype",
    "countries": "country",
    "admin1": "province",
    "admin2": "district",
}
_DATES = "dates"


def filter_to_params(flt: IncidentFilter) -> dict[str, str | list[str]]:
    """The filter as URL query parameters (only the constraints that are set).

    The names and formats are those of the app's widgets bound to the URL
    (Streamlit's ``bind="query-params"``): the date range is the repeated
    key ``dates`` (ISO start, then end; ``""`` for an open end), lists are
    repeated keys (``?actor=A&actor=B``, so names containing commas
    survive), numbers are decimal strings.

    Parameters
    ----------
    flt
        A filter state.

    Returns
    -------
    dict
        ``{name: value or list of values}``, ready for ``st.query_params``.

    Examples
    --------
    >>> filter_to_params(IncidentFilter(start=dt.date(2025, 1, 1), actors=("A", "B"), min_fatalities=3))
    {'dates': ['2025-01-01', ''], 'actor': ['A', 'B'], 'min_fat': '3'}
    """
    out: dict[str, str | list[str]] = {}
    if flt.start is not None or flt.end is not None:
        out["dates"] = [d.isoformat() if d is not None else "" for d in (flt.start, flt.end)]
    for attr, key in _LIST_PARAMS.items():
        values = getattr(flt, attr)
        if values:
            out[key] = [str(v) for v in values]
    if flt.min_fatalities > 0:
        out["min_fat"] = str(flt.min_fatalities)
    if flt.geo_precision:
        out["precision"] = [str(v) for v in flt.geo_precision]
    if flt.text.strip():
        out["q"] = flt.text.strip()
    return out


def _iso_date(value: object) -> dt.date | None:
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def filter_from_params(params: Mapping[str, str | Sequence[str]]) -> IncidentFilter:
    """Read a filter back from URL query parameters; bad values are ignored.

    Parameters
    ----------
    params
        ``{name: value or list of values}`` (e.g. ``st.query_params.to_dict()``
        merged with ``get_all`` for the repeated keys).

    Returns
    -------
    IncidentFilter

    Examples
    --------
    >>> flt = filter_from_params({"dates": ["2025-01-01"], "actor": ["A", "B"], "min_fat": "x", "precision": "1"})
    >>> flt.start, flt.actors, flt.min_fatalities, flt.geo_precision
    (datetime.date(2025, 1, 1), ('A', 'B'), 0, (1,))
    """

    def many(key: str) -> tuple[str, ...]:
        value = params.get(key)
        if value is None:
            return ()
        values = [value] if isinstance(value, str) else list(value)
        return tuple(dict.fromkeys(v for v in values if isinstance(v, str) and v.strip()))

    def one(key: str) -> str | None:
        values = many(key)
        return values[-1] if values else None

    lists = {attr: many(key) for attr, key in _LIST_PARAMS.items()}
    try:
        min_fat = max(0, int(one("min_fat") or 0))
    except ValueError:
        min_fat = 0
    precision = tuple(int(v) for v in many("precision") if v.strip().isdigit())
    raw_dates = params.get(_DATES) or []
    dates = [raw_dates] if isinstance(raw_dates, str) else list(raw_dates)
    return IncidentFilter(
        start=_iso_date(dates[0]) if len(dates) > 0 else None,
        end=_iso_date(dates[1]) if len(dates) > 1 else None,
        min_fatalities=min_fat,
        geo_precision=precision,
        text=one("q") or "",
        **lists,
    )


def _values(params: Mapping[str, str | Sequence[str]], key: str) -> list[str]:
    value = params.get(key)
    if value is None:
        return []
    return [value] if isinstance(value, str) else [v for v in value if isinstance(v, str)]


def _shown(values: Sequence[str]) -> str:
    return ", ".join(repr(v) for v in values)


def _check_dates(
    raw: list[str], bounds: tuple[dt.date, dt.date] | None, warnings: list[str]
) -> tuple[dt.date | None, dt.date | None]:
    """The valid part of the ``dates`` parameter (see :func:`parse_filter_params`)."""
    if not any(v.strip() for v in raw):
        return None, None
    if bounds is None:
        warnings.append(f"dates {_shown(raw)}: the data holds no dated incidents; ignored")
        return None, None
    if len(raw) > 2:
        warnings.append(f"dates {_shown(raw[2:])}: a range has two dates (start, end); ignored")
    ends: list[dt.date | None] = []
    for value in [*raw, "", ""][:2]:
        text = value.strip()
        if not text:
            ends.append(None)
            continue
        try:
            ends.append(dt.date.fromisoformat(text) if len(text) == 10 else None)
        except ValueError:
            ends.append(None)
        if ends[-1] is None:
            warnings.append(f"dates {value!r}: not a date (YYYY-MM-DD); ignored")
    start, end = ends
    if start is not None and end is not None and start > end:
        warnings.append(f"dates {start.isoformat()!r} to {end.isoformat()!r} were reversed; swapped")
        start, end = end, start
    lo, hi = bounds
    if start is not None and start > hi:
        warnings.append(f"dates {start.isoformat()!r}: after the last incident ({hi.isoformat()}); ignored")
        start = None
    if end is not None and end < lo:
        warnings.append(f"dates {end.isoformat()!r}: before the first incident ({lo.isoformat()}); ignored")
        end = None
    # the date widget spans the data's dates: an earlier start or later end means the same range
    start = max(start, lo) if start is not None else (lo if end is not None else None)
    end = min(end, hi) if end is not None else None
    return start, end


def parse_filter_params(
    params: Mapping[str, str | Sequence[str]], gdf: gpd.GeoDataFrame, *, min_confidence: float = 0.0
) -> tuple[IncidentFilter, list[str]]:
    """Read a filter from a shared link, keeping its valid parts and saying what was ignored.

    Unlike :func:`filter_from_params`, every value is checked against the
    incidents the link is opened on: a name that is not in the data, a date
    that is not a date (``2024-99-99``), a number that is not a whole number
    >= 0 (``min_fat=abc``) is dropped with a warning naming it; the rest of
    the link still applies. A reversed date range is swapped (with a
    warning); a start before the first incident (an end after the last one)
    is moved to it, which keeps the same incidents.

    Parameters
    ----------
    params
        ``{name: value or list of values}`` with the names of
        :func:`filter_to_params` (e.g. from ``st.query_params``).
    gdf
        The incidents the filter applies to (their names and dates are the
        valid values).
    min_confidence
        The confidence the link shows records from (its low-confidence
        switch): the dates are checked against the dates of the records shown
        at it (:func:`date_bounds`), the span of the app's date widget.

    Returns
    -------
    tuple of (IncidentFilter, list of str)
        The filter of the valid parts, and one plain-text warning per
        ignored or corrected value (empty when the link is valid).

    Examples
    --------
    >>> from geo.incidents import Incident, incidents_to_gdf
    >>> gdf = incidents_to_gdf([
    ...     Incident("2024-12-24", 1, "Battles", "Armed clash", "doc", "...", 0, 3, actor1="A", fatalities=3),
    ...     Incident("2025-01-02", 1, "Battles", "Armed clash", "doc", "...", 9, 12, actor1="C"),
    ... ])
    >>> flt, warnings = parse_filter_params({"actor": ["A", "Nobody"], "min_fat": "abc"}, gdf)
    >>> flt.actors, flt.min_fatalities
    (('A',), 0)
    >>> warnings
    ["actor 'Nobody': not in the data; ignored", "min_fat 'abc': not a whole number >= 0; ignored"]
    """
    warnings: list[str] = []

    def known(key: str, options: Sequence[str]) -> tuple[str, ...]:
        values = list(dict.fromkeys(v for v in _values(params, key) if v.strip()))
        allowed = set(options)
        unknown = [v for v in values if v not in allowed]
        if unknown:
            warnings.append(f"{key} {_shown(unknown)}: not in the data; ignored")
        return tuple(v for v in values if v in allowed)

    start, end = _check_dates(_values(params, _DATES), date_bounds(gdf, min_confidence=min_confidence), warnings)
    actors = known("actor", actor_options(gdf))
    event_types = known("type", event_type_options(gdf))
    sub_event_types = known("subtype", sub_event_type_options(gdf, event_types))
    countries = known("country", country_options(gdf))
    admin1 = known("province", admin1_options(gdf, countries))
    admin2 = known("district", admin2_options(gdf, admin1))
    precision = known("precision", [str(p) for p in geo_precision_options(gdf)])
    min_fat = 0
    raw_min = [v for v in _values(params, "min_fat") if v.strip()]
    if raw_min:
        if re.fullmatch(r"\d{1,9}", raw_min[-1].strip()):
            min_fat = int(raw_min[-1])
        else:
            warnings.append(f"min_fat {raw_min[-1]!r}: not a whole number >= 0; ignored")
    texts = [v for v in _values(params, "q") if v.strip()]
    flt = IncidentFilter(
        start=start,
        end=end,
        actors=actors,
        event_types=event_types,
        sub_event_types=sub_event_types,
        countries=countries,
        admin1=admin1,
        admin2=admin2,
        min_fatalities=min_fat,
        geo_precision=tuple(int(p) for p in precision),
        text=texts[-1].strip() if texts else "",
    )
    return flt, warnings
