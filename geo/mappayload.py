"""What the map sends to the browser: escaped text, marker styles and the packed incident array.

Pure functions of the incident GeoDataFrame, kept apart from the map's
assembly (:mod:`geo.mapview`) so they can be tested (and measured) without
folium: :func:`incident_payload` turns the located incidents into compact
column-wise lists with one table of HTML-escaped strings,
:func:`pack_payload` packs those lists into one fixed-width string the
browser decodes (``geo/assets/incident_layer.js``), :func:`popup_html` is
the same popup built on the server. Column names come from
:class:`geo.incidents.Col`.

Untrusted text: everything that comes from an article (evidence, actors,
location, notes, URLs) is HTML-escaped here, before it reaches a popup or
a tooltip, and only ``http(s)`` URLs become links.
"""

from __future__ import annotations

import hashlib
import html
import json
import math
from typing import Any, Final

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.incidents import UNIDENTIFIED_ACTOR, Col

#: Colour-blind-friendly palette (Okabe-Ito + Tol), cycled by actor name.
PALETTE: tuple[str, ...] = (
    "#D55E00",
    "#0072B2",
    "#009E73",
    "#CC79A7",
    "#E69F00",
    "#56B4E9",
    "#882255",
    "#117733",
    "#332288",
    "#AA4499",
    "#44AA99",
    "#999933",
)
UNKNOWN_COLOUR = "#6b6b6b"


def actor_colour(actor: str) -> str:
    """A stable colour for an actor name (same name, same colour, every run)."""
    if not actor:
        return UNKNOWN_COLOUR
    digest = int(hashlib.md5(actor.encode("utf-8"), usedforsecurity=False).hexdigest(), 16)
    return PALETTE[digest % len(PALETTE)]


def marker_radius(fatalities: Any) -> float:
    """Marker radius in pixels: grows with the square root of fatalities."""
    try:
        n = float(fatalities)
    except (TypeError, ValueError):
        return 5.0
    if math.isnan(n) or n <= 0:
        return 5.0
    return min(5.0 + 2.2 * math.sqrt(n), 24.0)


def escape_text(text: str) -> str:
    """HTML-escape untrusted text, braces included.

    Besides ``& < > " '``, ``{`` and ``}`` become character references:
    branca compiles the rendered script of a map element once more as a
    Jinja template, so ``{{ ... }}`` coming from an article must never reach
    it verbatim (it would be evaluated on the server).

    Examples
    --------
    >>> escape_text("<b>{{ 7*7 }}</b>")
    '&lt;b&gt;&#123;&#123; 7*7 &#125;&#125;&lt;/b&gt;'
    """
    return html.escape(text, quote=True).replace("{", "&#123;").replace("}", "&#125;")


def _esc(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    text = str(value)
    return "" if text in ("<NA>", "nan") else escape_text(text)


def _safe_url(url: str) -> str | None:
    url = (url or "").strip()
    return url if url.lower().startswith(("http://", "https://")) else None


def popup_html(row: dict[str, Any]) -> str:
    """The popup of one incident; every value is escaped.

    Parameters
    ----------
    row
        An incident record (schema of :mod:`geo.incidents`).

    Returns
    -------
    str
        HTML made only of our own tags around escaped text.
    """
    fat = _esc(row.get(Col.FATALITIES)) or "unknown"
    actor1 = _esc(row.get(Col.ACTOR1)) or UNIDENTIFIED_ACTOR
    actors = " vs ".join(x for x in (actor1, _esc(row.get(Col.ACTOR2))) if x)
    place = ", ".join(x for x in (_esc(row.get(Col.LOCATION)), _esc(row.get(Col.ADMIN1))) if x)
    url = _safe_url(str(row.get(Col.SOURCE_URL) or ""))
    source = _esc(row.get(Col.SOURCE))
    if url:
        source = (
            f'<a href="{escape_text(url)}" target="_blank" rel="noopener noreferrer">{source or escape_text(url)}</a>'
        )
    return (
        '<div class="fim-popup" style="min-width:260px;max-width:380px;font:13px/1.35 sans-serif">'
        f"<b>{_esc(row.get(Col.EVENT_DATE))}</b> &middot; {_esc(row.get(Col.SUB_EVENT_TYPE))}"
        f" <small>({_esc(row.get(Col.EVENT_TYPE))})</small><br>"
        f"<b>Actors:</b> {actors}<br>"
        f"<b>Place:</b> {place} <small>(geo_precision {_esc(row.get(Col.GEO_PRECISION))})</small><br>"
        f"<b>Fatalities:</b> {fat}<br>"
        f'<blockquote style="margin:6px 0;padding-left:6px;border-left:3px solid #bbb">'
        f"{_esc(row.get(Col.EVIDENCE))}</blockquote>"
        f"<b>Source:</b> {source}<br><small>{_esc(row.get(Col.EVENT_ID))}</small></div>"
    )


#: Text columns sent to the browser, dictionary-encoded in one string table.
PAYLOAD_TEXT: Final[dict[str, str]] = {
    "date": Col.EVENT_DATE,
    "a1": Col.ACTOR1,
    "a2": Col.ACTOR2,
    "et": Col.EVENT_TYPE,
    "se": Col.SUB_EVENT_TYPE,
    "loc": Col.LOCATION,
    "adm": Col.ADMIN1,
    "ev": Col.EVIDENCE,
    "src": Col.SOURCE,
    "url": Col.SOURCE_URL,
    "id": Col.EVENT_ID,
}
#: Upper bound of the evidence text embedded in the map (characters, all
#: distinct sentences together); above it each sentence is shortened.
EVIDENCE_BUDGET: Final = 4_000_000
EVIDENCE_MIN_CHARS: Final = 80
EVIDENCE_MAX_CHARS: Final = 600
#: Above this many incidents the popups leave out the event id (100,000 distinct
#: ids would be a third of the page); the table and the downloads keep them.
EVENT_ID_LIMIT: Final = 20_000


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: max(limit - 1, 1)].rstrip() + "\u2026"


def _located(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    if gdf.empty:
        return gdf
    return gdf[gdf.geometry.notna() & ~gdf.geometry.is_empty]


def incident_payload(gdf: gpd.GeoDataFrame, *, evidence_budget: int = EVIDENCE_BUDGET) -> dict[str, Any]:
    """The located incidents as the compact, escaped array the browser draws.

    Column-wise lists, one entry per located incident: ``lat``, ``lon``
    (rounded to 5 decimals, about 1 m), ``fat`` (fatalities, ``-1`` when
    unknown), ``gp`` (geo_precision, ``0`` when unknown) and, for each key of
    :data:`PAYLOAD_TEXT`, an index into ``s``, the table of distinct strings.
    Every string in ``s`` is HTML-escaped (the browser inserts them into its
    own markup), URLs other than ``http(s)`` are blanked, and evidence
    sentences are shortened when together they exceed ``evidence_budget``
    characters; above :data:`EVENT_ID_LIMIT` incidents the ``id`` column
    points to the empty string. ``colour`` maps the string index of each ``actor1`` to its
    marker colour and ``months`` lists the ``YYYY-MM`` of the time slider,
    with ``mo`` the month index of each incident.

    Parameters
    ----------
    gdf
        Incidents; rows without geometry are left out.
    evidence_budget
        Characters of evidence text allowed in the payload.

    Returns
    -------
    dict
        JSON-serialisable.

    Examples
    --------
    >>> from geo.incidents import Incident, incidents_to_gdf
    >>> gdf = incidents_to_gdf([Incident("2025-01-02", 1, "Battles", "Armed clash", "d", "<b>x</b>", 0, 9,
    ...                                  latitude=33.0, longitude=70.0, actor1="A")])
    >>> p = incident_payload(gdf)
    >>> p["n"], p["lat"], p["s"][p["ev"][0]], p["months"], p["mo"]
    (1, [33.0], '&lt;b&gt;x&lt;/b&gt;', ['2025-01'], [0])
    """
    located = _located(gdf)
    n = len(located)
    table: dict[str, int] = {}
    out: dict[str, Any] = {"n": n}
    out["lat"] = np.round(located.geometry.y.to_numpy(float), 5).tolist() if n else []
    out["lon"] = np.round(located.geometry.x.to_numpy(float), 5).tolist() if n else []
    fat = pd.to_numeric(located[Col.FATALITIES], errors="coerce") if n else pd.Series([], dtype=float)
    out["fat"] = fat.fillna(-1).astype("int64").tolist()
    gp = pd.to_numeric(located[Col.GEO_PRECISION], errors="coerce") if n else pd.Series([], dtype=float)
    out["gp"] = gp.fillna(0).astype("int64").tolist()
    for key, col in PAYLOAD_TEXT.items():
        values = located[col].astype("string").fillna("") if n else pd.Series([], dtype="string")
        if key == "id" and n > EVENT_ID_LIMIT:
            values = pd.Series("", index=located.index, dtype="string")
        codes, uniques = pd.factorize(values, sort=False)
        uniq = [str(u) for u in uniques]
        if key == "url":
            uniq = [u if _safe_url(u) else "" for u in uniq]
        elif key == "ev":
            total = sum(len(u) for u in uniq)
            limit = EVIDENCE_MAX_CHARS
            if total > evidence_budget:
                limit = max(EVIDENCE_MIN_CHARS, min(EVIDENCE_MAX_CHARS, evidence_budget // max(len(uniq), 1)))
            uniq = [_clip(u, limit) for u in uniq]
        ids = np.array([table.setdefault(escape_text(u), len(table)) for u in uniq], dtype="int64")
        out[key] = ids[codes].tolist() if len(codes) else []
    out["s"] = list(table)
    inverse = {i: v for v, i in table.items()}
    out["colour"] = {
        str(i): actor_colour(html.unescape(inverse[i])) for i in sorted(set(out["a1"]))
    }  # keys: string index of actor1
    dates = located[Col.EVENT_DATE].astype("string").fillna("").str.slice(0, 7) if n else pd.Series([], dtype="string")
    month_codes, months = pd.factorize(dates, sort=True)
    out["months"] = [str(m) for m in months]
    out["mo"] = month_codes.tolist()
    return out


#: Digits of the packed rows (URL-safe base 64: JSON- and HTML-safe, no braces).
PACK_ALPHABET: Final = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"
#: Integer columns of :func:`incident_payload` that are packed, in order.
PACKED_COLUMNS: Final[tuple[str, ...]] = ("lat", "lon", "fat", "gp", "mo", *PAYLOAD_TEXT)
COORD_SCALE: Final = 10_000  # 1e-4 degrees, about 11 m: the four decimals of ACLED coordinates


def pack_payload(payload: dict[str, Any]) -> dict[str, Any]:
    """Pack the per-incident columns of a payload into one fixed-width string.

    Each incident becomes one row of base-64 digits. Each column is stored as
    the difference from its smallest value (``base``), as wide as the largest
    difference needs: the string indices of one column are close together
    (:func:`incident_payload` adds them column by column), so event types or
    actors take one digit. Coordinates are integers in 1e-4 degrees from
    ``lat0``/``lon0``; fatalities are stored plus one (0: unknown). About a
    quarter of the size of the JSON lists, decoded in the browser in a few
    milliseconds.

    Parameters
    ----------
    payload
        From :func:`incident_payload`.

    Returns
    -------
    dict
        ``n``, ``rows`` (the packed string), ``cols`` (``[name, offset,
        width, base]``), ``row`` (characters per incident), ``lat0``, ``lon0``,
        ``scale`` and the unpacked keys ``s``, ``colour``, ``months``.

    Examples
    --------
    >>> from geo.incidents import Incident, incidents_to_gdf
    >>> gdf = incidents_to_gdf([Incident("2025-01-02", 1, "Battles", "Armed clash", "d", "e", 0, 9,
    ...                                  latitude=33.0, longitude=70.5, fatalities=3)])
    >>> packed = pack_payload(incident_payload(gdf))
    >>> packed["n"], packed["lat0"], packed["lon0"], packed["row"] == len(packed["rows"])
    (1, 33.0, 70.0, True)
    """
    n = int(payload["n"])
    lat = np.asarray(payload["lat"], dtype=float)
    lon = np.asarray(payload["lon"], dtype=float)
    lat0 = float(np.floor(lat.min())) if n else 0.0
    lon0 = float(np.floor(lon.min())) if n else 0.0
    values: dict[str, np.ndarray] = {
        "lat": np.round((lat - lat0) * COORD_SCALE).astype(np.int64),
        "lon": np.round((lon - lon0) * COORD_SCALE).astype(np.int64),
        "fat": np.asarray(payload["fat"], dtype=np.int64) + 1,
    }
    for key in PACKED_COLUMNS:
        values.setdefault(key, np.asarray(payload[key], dtype=np.int64))
    cols: list[list[Any]] = []
    digits: list[np.ndarray] = []
    offset = 0
    for key in PACKED_COLUMNS:
        v = np.clip(values[key], 0, None)
        base = int(v.min()) if n else 0
        v = v - base
        top = int(v.max()) if n else 0
        width = 1
        while top >= 64**width:
            width += 1
        for j in range(width):
            digits.append((v // 64 ** (width - 1 - j)) % 64)
        cols.append([key, offset, width, base])
        offset += width
    alphabet = np.frombuffer(PACK_ALPHABET.encode("ascii"), dtype=np.uint8)
    table = np.stack(digits, axis=1) if n else np.zeros((0, offset), dtype=np.int64)
    rows = alphabet[table].tobytes().decode("ascii")
    return {
        "n": n,
        "rows": rows,
        "row": offset,
        "cols": cols,
        "lat0": lat0,
        "lon0": lon0,
        "scale": COORD_SCALE,
        "s": payload["s"],
        "colour": payload["colour"],
        "months": payload["months"],
    }


def payload_json(payload: dict[str, Any]) -> str:
    """The payload as compact JSON that is safe inside a ``<script>`` element."""
    # every string is HTML-escaped, so "<" (and "</script>") cannot occur; ensure_ascii keeps
    # U+2028/2029 out of the script as well
    return json.dumps(payload, separators=(",", ":"), ensure_ascii=True)
