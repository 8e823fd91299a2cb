"""Import structured records: ACLED and UCDP GED exports, and any CSV with a place column.

Every input row ends up either in the returned incidents or in the reject
list with its file, line, field and reason: nothing is dropped silently.

Formats (detected from the header, or forced with ``fmt=``):

``acled``    ACLED exports: the current 31-column format, older exports with
             ``data_id``/``iso3``, numeric or text ``inter`` codes, upper-case
             headers; dates ISO or "24 December 2024".
``ucdp``     UCDP GED CSV: ``where_prec`` → ``geo_precision``, ``date_prec``
             → ``time_precision``, ``best`` → ``fatalities``,
             ``type_of_violence`` → ACLED event types.
``generic``  any CSV whose rows carry a place name instead of coordinates
             (``place_column``) and a date (``date_column``); the places are
             geocoded (offline gazetteer first) and joined to the records;
             columns named like the schema (``actor1``, ``fatalities``...)
             are taken as they are.

Examples
--------
>>> parse_record_date("24 December 2024")
(datetime.date(2024, 12, 24), 1)
>>> parse_record_date("2024-12")
(datetime.date(2024, 12, 1), 3)
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import logging
import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

import geopandas as gpd

from geo import settings
from geo.admin import AdminLocator
from geo.articles import read_text_file
from geo.errors import InputError
from geo.incidents import EVENT_TYPES, Incident, incidents_to_gdf
from geo.rejects import Reject

logger = logging.getLogger(__name__)

#: Largest CSV accepted, in bytes.
MAX_CSV_BYTES: Final[int] = 512 * 1024 * 1024
FORMATS: Final[tuple[str, ...]] = ("acled", "ucdp", "generic")

ACLED_INTER: Final[dict[str, int]] = {
    "state forces": 1,
    "rebel group": 2,
    "rebel groups": 2,
    "political militia": 3,
    "political militias": 3,
    "identity militia": 4,
    "identity militias": 4,
    "rioters": 5,
    "protesters": 6,
    "civilians": 7,
    "external/other forces": 8,
    "other forces": 8,
}
#: UCDP ``type_of_violence`` → ACLED (event_type, sub_event_type).
UCDP_TYPES: Final[dict[str, tuple[str, str]]] = {
    "1": ("Battles", "Armed clash"),
    "2": ("Battles", "Armed clash"),
    "3": ("Violence against civilians", "Attack"),
}
#: UCDP ``where_prec`` → ACLED geo_precision (6 and 7: country / waters → not mapped).
UCDP_WHERE: Final[dict[str, int | None]] = {"1": 1, "2": 2, "3": 2, "4": 3, "5": 3, "6": None, "7": None}
#: UCDP ``date_prec`` → ACLED time_precision.
UCDP_DATE: Final[dict[str, int]] = {"1": 1, "2": 2, "3": 2, "4": 3, "5": 4}

_MONTHS = {m.lower(): i for i, m in enumerate(
    ["", "january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"]) if m}  # fmt: skip
_MONTHS |= {k[:3]: v for k, v in _MONTHS.items()} | {"sept": 9}
_DMY_TEXT = re.compile(r"^(\d{1,2})[\s\-/]+([A-Za-z]+)\.?[\s\-/,]+(\d{4})$")
_MDY_TEXT = re.compile(r"^([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$")
_NUMERIC = re.compile(r"^(\d{1,4})[/.\-](\d{1,2})[/.\-](\d{1,4})$")


@dataclass(slots=True)
class IngestResult:
    """Incidents read from one file, the rejected rows and counts."""

    path: str
    fmt: str
    rows: int = 0
    incidents: list[Incident] = field(default_factory=list)
    rejects: list[Reject] = field(default_factory=list)

    @property
    def stored(self) -> int:
        """Rows turned into incidents."""
        return len(self.incidents)

    def to_gdf(self) -> gpd.GeoDataFrame:
        """The incidents as a GeoDataFrame."""
        return incidents_to_gdf(self.incidents)


class _RowError(Exception):
    def __init__(self, fld: str, reason: str, value: Any = "") -> None:
        super().__init__(reason)
        self.field, self.reason, self.value = fld, reason, "" if value is None else str(value)[:120]


def parse_record_date(value: str, *, dayfirst: bool = True) -> tuple[dt.date, int]:
    """Parse a date cell; returns the date and its ACLED time_precision.

    Accepts ISO (``2024-12-24``, ``2024-12-24T10:00``), ``2024-12`` (month),
    ``2024`` (year), "24 December 2024", "24-Dec-2024", "December 24, 2024"
    and numeric ``24/12/2024`` (day first unless ``dayfirst=False``;
    ``2024/12/24`` is always year first).

    Raises
    ------
    ValueError
        The cell is not a date.
    """
    text = value.strip()
    if not text:
        msg = "empty date"
        raise ValueError(msg)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}(?:[T ].*)?", text):
        return dt.date.fromisoformat(text[:10]), 1
    if re.fullmatch(r"\d{4}-\d{1,2}", text):
        y, m = text.split("-")
        return dt.date(int(y), int(m), 1), 3
    if re.fullmatch(r"\d{4}", text):
        return dt.date(int(text), 1, 1), 4
    if m := _DMY_TEXT.match(text):
        d, mon, y = m.groups()
        return dt.date(int(y), _month(mon), int(d)), 1
    if m := _MDY_TEXT.match(text):
        mon, d, y = m.groups()
        return dt.date(int(y), _month(mon), int(d)), 1
    if m := _NUMERIC.match(text):
        a, b, c = m.groups()
        if len(a) == 4:
            return dt.date(int(a), int(b), int(c)), 1
        if len(c) != 4:
            msg = f"two-digit years are ambiguous: {text!r}"
            raise ValueError(msg)
        day, month = (int(a), int(b)) if dayfirst else (int(b), int(a))
        return dt.date(int(c), month, day), 1
    msg = f"not a date: {text!r}"
    raise ValueError(msg)


def _month(token: str) -> int:
    try:
        return _MONTHS[token.lower().rstrip(".")]
    except KeyError:
        msg = f"unknown month {token!r}"
        raise ValueError(msg) from None


def _open_csv(text: str, path: Path) -> tuple[list[str], Iterator[tuple[int, dict[str, str]]]]:
    """The lower-cased header and an iterator of ``(line, row)``.

    ``line`` is where the row starts in the file (quoted fields may span
    lines). A row with the wrong number of fields comes back as
    ``{"__error__": reason}``; broken quoting raises :class:`InputError`.
    """
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader)
    except StopIteration:
        msg = "no header row"
        raise InputError(msg, path=path, line=1) from None
    except csv.Error as exc:
        msg = f"malformed CSV header: {exc}"
        raise InputError(msg, path=path, line=1) from exc
    keys = [h.strip().lower() for h in header]
    if len(set(keys)) != len(keys) or not all(keys):
        msg = f"duplicate or empty column names in the header: {header}"
        raise InputError(msg, path=path, line=1)

    def rows() -> Iterator[tuple[int, dict[str, str]]]:
        line = reader.line_num + 1
        while True:
            start = line
            try:
                values = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                msg = f"malformed CSV (quoting): {exc}; rows from here on were not read"
                raise InputError(msg, path=path, line=start) from exc
            line = reader.line_num + 1
            if not any(v.strip() for v in values):
                continue
            if len(values) != len(keys):
                yield start, {"__error__": f"{len(values)} fields where the header has {len(keys)}"}
                continue
            yield start, dict(zip(keys, values, strict=True))

    return keys, rows()


def detect_format(columns: set[str]) -> str:
    """Guess ``acled``, ``ucdp`` or ``generic`` from lower-cased header names."""
    if {"event_date", "event_type", "actor1", "latitude", "longitude"} <= columns:
        return "acled"
    if {"type_of_violence", "where_prec", "date_prec", "best"} <= columns:
        return "ucdp"
    return "generic"


def _cell(row: dict[str, str], key: str) -> str:
    """The cell as written in the file (for the reject report: ``-5``, not ``-5.0``)."""
    return (row.get(key) or "").strip()


def _num(row: dict[str, str], key: str, *, required: bool = True) -> float | None:
    raw = (row.get(key) or "").strip()
    if not raw:
        if required:
            raise _RowError(key, "missing value")
        return None
    try:
        value = float(raw)
    except ValueError:
        raise _RowError(key, "not a number", raw) from None
    if math.isnan(value) or math.isinf(value):
        raise _RowError(key, "not a finite number", raw)
    return value


def _coords(row: dict[str, str], lat_key: str, lon_key: str) -> tuple[float, float]:
    lat, lon = _num(row, lat_key, required=True), _num(row, lon_key, required=True)
    if lat is None or lon is None:  # unreachable: required values raise
        raise _RowError(lat_key, "missing value")
    if not -90 <= lat <= 90:
        raise _RowError(lat_key, "latitude out of range -90..90", _cell(row, lat_key))
    if not -180 <= lon <= 180:
        raise _RowError(lon_key, "longitude out of range -180..180", _cell(row, lon_key))
    w, s, e, n = settings.REGION_BOUNDS
    if not (w <= lon <= e and s <= lat <= n):
        where = f"{_cell(row, lat_key)}, {_cell(row, lon_key)}"
        raise _RowError(lat_key, f"outside the region ({w}..{e} E, {s}..{n} N)", where)
    return lat, lon


def _fatalities(row: dict[str, str], key: str) -> int | None:
    value = _num(row, key, required=False)
    if value is None:
        return None
    if value < 0 or value != int(value):
        raise _RowError(key, "fatalities must be a whole number >= 0", _cell(row, key))
    return int(value)


def _inter(value: str) -> int | None:
    text = (value or "").strip().lower()
    if not text:
        return None
    if text.isdigit():
        code = int(text)
        return code if 0 <= code <= 8 else None
    return ACLED_INTER.get(text)


def _event_types(event_type: str, sub_event_type: str) -> tuple[str, str]:
    et = next((k for k in EVENT_TYPES if k.lower() == event_type.strip().lower()), None)
    if et is None:
        raise _RowError("event_type", f"not an ACLED event type; expected one of {list(EVENT_TYPES)}", event_type)
    sub = next((s for s in EVENT_TYPES[et] if s.lower() == sub_event_type.strip().lower()), None)
    if sub is None:
        raise _RowError("sub_event_type", f"not a sub-event type of {et}", sub_event_type)
    return et, sub


def _stable_id(prefix: str, *parts: str) -> str:
    return f"{prefix}-{hashlib.sha1('|'.join(parts).encode()).hexdigest()[:12]}"


def _acled(row: dict[str, str], *, source: str, line: int, locator: AdminLocator | None, **_: Any) -> Incident:
    try:
        date, precision = parse_record_date(row.get("event_date", ""), dayfirst=True)
    except ValueError as exc:
        raise _RowError("event_date", str(exc), row.get("event_date")) from None
    tp = row.get("time_precision", "").strip()
    if tp:
        if tp not in ("1", "2", "3"):
            raise _RowError("time_precision", "ACLED time_precision is 1, 2 or 3", tp)
        precision = int(tp)
    et, sub = _event_types(row.get("event_type", ""), row.get("sub_event_type", ""))
    lat, lon = _coords(row, "latitude", "longitude")
    gp = row.get("geo_precision", "").strip() or "2"
    if gp not in ("1", "2", "3"):
        raise _RowError("geo_precision", "ACLED geo_precision is 1, 2 or 3", gp)
    ident = (row.get("event_id_cnty") or row.get("data_id") or "").strip()
    if not ident:
        ident = _stable_id("row", source, str(line), *(row.get(k, "") for k in ("event_date", "location", "notes")))
    cc = _country_code(row, lat, lon, locator)
    admin1, admin2 = row.get("admin1", "").strip(), row.get("admin2", "").strip()
    return Incident(
        event_id=f"ACLED-{ident}",
        event_date=date.isoformat(),
        time_precision=precision,
        event_type=et,
        sub_event_type=sub,
        doc_id=source,
        evidence=row.get("notes", "").strip(),
        char_start=0,
        char_end=0,
        actor1=row.get("actor1", "").strip(),
        actor2=row.get("actor2", "").strip(),
        inter1=_inter(row.get("inter1", "")),
        inter2=_inter(row.get("inter2", "")),
        country=row.get("country", "").strip(),
        country_code=cc,
        admin1=admin1,
        admin2=admin2,
        location=row.get("location", "").strip(),
        latitude=lat,
        longitude=lon,
        geo_precision=int(gp),
        fatalities=_fatalities(row, "fatalities"),
        notes=row.get("notes", "").strip(),
        source=row.get("source", "").strip() or source,
        confidence=1.0,
        place_id="",
        geocoder="acled",
    )


#: ISO 3166-1 numeric (ACLED ``iso``), alpha-3 (older exports' ``iso3``) and English names
#: (``country``) of the region's countries → ISO2.
ISO_NUMERIC: Final[dict[str, str]] = {
    "586": "PK", "4": "AF", "364": "IR", "356": "IN", "156": "CN", "795": "TM", "860": "UZ", "762": "TJ",
}  # fmt: skip
ISO_ALPHA3: Final[dict[str, str]] = {
    "PAK": "PK", "AFG": "AF", "IRN": "IR", "IND": "IN", "CHN": "CN", "TKM": "TM", "UZB": "UZ", "TJK": "TJ",
}  # fmt: skip
COUNTRY_NAMES: Final[dict[str, str]] = {
    "PK": "Pakistan", "AF": "Afghanistan", "IR": "Iran", "IN": "India", "CN": "China",
    "TM": "Turkmenistan", "UZ": "Uzbekistan", "TJ": "Tajikistan",
}  # fmt: skip
_BY_NAME = {name.casefold(): cc for cc, name in COUNTRY_NAMES.items()}


def _country_code(row: dict[str, str], lat: float, lon: float, locator: AdminLocator | None) -> str:
    """ISO2 from the district polygons; near a border, outside the simplified polygons, from the row.

    The row's ``iso`` (numeric, e.g. 586), ``iso3`` (older exports, e.g.
    ``PAK``) or ``country`` name (e.g. Pakistan) is used in that order.
    """
    found = locator.locate(lat, lon) if locator is not None else None
    if found is not None:
        return found[0]
    iso = (row.get("iso") or "").strip().lstrip("0")
    iso = iso[:-2] if iso.endswith(".0") else iso  # 586.0 from a spreadsheet
    iso3 = (row.get("iso3") or "").strip().upper()
    name = (row.get("country") or "").strip().casefold()
    return ISO_NUMERIC.get(iso) or ISO_ALPHA3.get(iso3) or _BY_NAME.get(name, "")


def _ucdp(row: dict[str, str], *, source: str, line: int, locator: AdminLocator | None, **_: Any) -> Incident:
    tov = row.get("type_of_violence", "").strip()
    if tov not in UCDP_TYPES:
        raise _RowError("type_of_violence", "UCDP type_of_violence is 1, 2 or 3", tov)
    et, sub = UCDP_TYPES[tov]
    try:
        start, _ = parse_record_date(row.get("date_start", ""))
        end, _ = parse_record_date(row.get("date_end", "") or row.get("date_start", ""))
    except ValueError as exc:
        raise _RowError("date_start", str(exc), row.get("date_start")) from None
    dp = row.get("date_prec", "").strip()
    if dp not in UCDP_DATE:
        raise _RowError("date_prec", "UCDP date_prec is 1-5", dp)
    precision = UCDP_DATE[dp]
    if precision == 4 and (start.year, start.month) == (end.year, end.month):
        precision = 3
    wp = row.get("where_prec", "").strip()
    if wp not in UCDP_WHERE:
        raise _RowError("where_prec", "UCDP where_prec is 1-7", wp)
    geo_precision = UCDP_WHERE[wp]
    lat, lon = _coords(row, "latitude", "longitude")
    if geo_precision is None:  # country-wide or at sea: not a place on the map
        lat_v: float | None = None
        lon_v: float | None = None
    else:
        lat_v, lon_v = lat, lon
    ident = (row.get("id") or "").strip() or _stable_id("row", source, str(line))
    cc = _country_code(row, lat, lon, locator)
    side_a, side_b = row.get("side_a", "").strip(), row.get("side_b", "").strip()
    return Incident(
        event_id=f"UCDP-{ident}",
        event_date=start.isoformat(),
        time_precision=precision,
        event_type=et,
        sub_event_type=sub,
        doc_id=source,
        evidence=(row.get("source_headline") or row.get("source_article") or "").strip(),
        char_start=0,
        char_end=0,
        actor1=side_a,
        actor2=side_b,
        country=row.get("country", "").strip(),
        country_code=cc,
        admin1=(row.get("adm_1") or "").split(" province")[0].strip(),
        admin2=(row.get("adm_2") or "").split(" district")[0].strip(),
        location=(row.get("where_coordinates") or "").strip(),
        latitude=lat_v,
        longitude=lon_v,
        geo_precision=geo_precision,
        fatalities=_fatalities(row, "best"),
        notes=f"UCDP GED {row.get('conflict_name', '').strip()}; dyad {row.get('dyad_name', '').strip()}".strip(),
        source=(row.get("source_office") or row.get("source_original") or "UCDP GED").strip(),
        confidence=1.0,
        geocoder="ucdp",
    )


@dataclass(frozen=True, slots=True)
class GenericColumns:
    """Column names of a generic CSV (lower-case; ``None`` when absent)."""

    place: str
    date: str
    actor1: str | None = "actor1"
    actor2: str | None = "actor2"
    event_type: str | None = "event_type"
    sub_event_type: str | None = "sub_event_type"
    fatalities: str | None = "fatalities"
    notes: str | None = "notes"
    source: str | None = "source"
    country: str | None = None
    dayfirst: bool = True
    default_event_type: tuple[str, str] = ("Strategic developments", "Other")


def _generic(
    row: dict[str, str],
    *,
    source: str,
    cols: GenericColumns,
    geocode: Callable[[str, str | None], dict[str, Any]],
    **_: Any,
) -> Incident:
    place = (row.get(cols.place) or "").strip()
    if not place:
        raise _RowError(cols.place, "empty place name")
    try:
        date, precision = parse_record_date(row.get(cols.date, ""), dayfirst=cols.dayfirst)
    except ValueError as exc:
        raise _RowError(cols.date, str(exc), row.get(cols.date)) from None
    country_hint = (row.get(cols.country) or "").strip() if cols.country else None
    rec = geocode(place, country_hint or None)
    if rec["lat"] is None:
        raise _RowError(cols.place, "unknown place: not in the gazetteer (try --online)", place)
    w, s, e, n = settings.REGION_BOUNDS
    if not (w <= rec["lon"] <= e and s <= rec["lat"] <= n):
        raise _RowError(cols.place, "place resolves outside the region", f"{place} -> {rec['name']}")
    et_raw = (row.get(cols.event_type) or "").strip() if cols.event_type else ""
    sub_raw = (row.get(cols.sub_event_type) or "").strip() if cols.sub_event_type else ""
    notes = (row.get(cols.notes) or "").strip() if cols.notes else ""
    if et_raw:
        et, sub = _event_types(et_raw, sub_raw)
    else:
        et, sub = cols.default_event_type
        notes = "; ".join(x for x in (notes, "event type not given in the source") if x)
    fat = _fatalities(row, cols.fatalities) if cols.fatalities and cols.fatalities in row else None
    get = lambda key: (row.get(key) or "").strip() if key else ""  # noqa: E731
    return Incident(
        event_id=_stable_id("CSV", source, *(f"{k}={v}" for k, v in sorted(row.items()))),
        event_date=date.isoformat(),
        time_precision=precision,
        event_type=et,
        sub_event_type=sub,
        doc_id=source,
        evidence=notes,
        char_start=0,
        char_end=0,
        actor1=get(cols.actor1),
        actor2=get(cols.actor2),
        country_code=rec["country_code"] or "",
        admin1=rec["admin1"] or "",
        admin2=rec["admin2"] or "",
        location=rec["name"] or place,
        latitude=rec["lat"],
        longitude=rec["lon"],
        geo_precision=int(rec["geo_precision"] or 2),
        fatalities=fat,
        notes=notes,
        source=get(cols.source) or source,
        confidence=1.0,
        place_id=str(rec["source"] or ""),
        geocoder="nominatim" if str(rec["source"] or "").startswith("nominatim") else "gazetteer",
    )


def ingest_csv(
    path: str | Path,
    *,
    fmt: str = "auto",
    columns: GenericColumns | None = None,
    geocode: Callable[[str, str | None], dict[str, Any]] | None = None,
    locator: AdminLocator | None = None,
    max_bytes: int = MAX_CSV_BYTES,
) -> IngestResult:
    """Read one CSV file into incidents and rejects.

    Parameters
    ----------
    path
        The CSV (UTF-8, header row).
    fmt
        ``auto`` (detect from the header), ``acled``, ``ucdp`` or ``generic``.
    columns
        Column names for ``generic`` files (the place and date columns are required).
    geocode
        ``geocode(place, country_hint) -> record`` (see
        :func:`geo.geocode.location_to_record`) for ``generic`` files.
    locator
        Point-in-polygon for ``country_code`` of ACLED/UCDP rows.
    max_bytes
        Files larger than this are refused.

    Returns
    -------
    IngestResult

    Raises
    ------
    InputError
        The file as a whole cannot be read (empty, binary, too large, not
        UTF-8, no header, broken quoting); row problems are rejects instead.
    """
    path = Path(path)
    text = read_text_file(path, max_bytes=max_bytes)
    keys, rows = _open_csv(text, path)
    header = set(keys)
    kind = detect_format(header) if fmt == "auto" else fmt
    if kind not in FORMATS:
        msg = f"unknown format {fmt!r}; expected auto or one of {FORMATS}"
        raise InputError(msg, path=path)
    if kind == "generic":
        if columns is None or geocode is None:
            msg = (
                "not an ACLED or UCDP export: give the place and date columns "
                "(python -m geo ingest FILE --place-column NAME --date-column NAME)"
            )
            raise InputError(msg, path=path, line=1)
        missing = [c for c in (columns.place, columns.date) if c not in header]
        if missing:
            msg = f"column(s) {missing} not in the header {keys}"
            raise InputError(msg, path=path, line=1)
    reader = {"acled": _acled, "ucdp": _ucdp, "generic": _generic}[kind]
    result = IngestResult(path=str(path), fmt=kind)
    source = path.name
    for line, row in rows:
        result.rows += 1
        if "__error__" in row:
            result.rejects.append(Reject(source, line, "", row["__error__"]))
            continue
        try:
            inc = reader(row, source=source, line=line, locator=locator, cols=columns, geocode=geocode)
        except _RowError as exc:
            result.rejects.append(Reject(source, line, exc.field, exc.reason, exc.value))
            continue
        if not inc.country and inc.country_code:
            inc.country = COUNTRY_NAMES.get(inc.country_code, "")
        result.incidents.append(inc)
    logger.info("%s: %d rows, %d stored, %d rejected", path, result.rows, result.stored, len(result.rejects))
    return result
