"""The folium map of the border region: offline, escaped, fast at 100,000 incidents.

Offline: folium's CDN links are replaced by local copies of Leaflet and
Leaflet.markercluster's stylesheets taken from the ``xstatic-*`` packages,
of Leaflet.heat shipped inside the folium wheel and of Supercluster (npm, ISC,
kept in ``geo/assets``) (:func:`install_assets` copies
them into ``static/vendor`` for Streamlit's static file serving); the basemap
is drawn from the shipped boundary layers (``tiles=None``), so no tile server
is needed. OpenStreetMap tiles are an opt-in (``online_tiles=True``).

Large sets: the incidents travel once, as one compact column-wise JSON array
with a shared table of (escaped) strings (:func:`incident_payload`); the
browser builds the circle markers from it, clusters them above
``cluster_threshold`` (Supercluster: only the clusters in view are drawn), feeds the
same array to the heatmap, and builds a popup only when a marker is clicked.
A month slider with a play button filters markers and heatmap in the browser
(no rerun of the page).

Untrusted text: everything that comes from an article (evidence, actors,
location, notes, URLs) is HTML-escaped before it reaches a popup or a
tooltip (folium does not escape by default), and only ``http(s)`` URLs
become links.
"""

from __future__ import annotations

import hashlib
import html
import json
import logging
import math
import shutil
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from typing import Any, Final, Literal

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
from branca.element import CssLink, Element, JavascriptLink, MacroElement
from folium.elements import ElementAddToElement, JSCSSMixin
from folium.map import Layer
from jinja2 import Template

from geo import settings

logger = logging.getLogger(__name__)

#: Local assets: name -> (xstatic package, file inside its data folder).
ASSETS: dict[str, tuple[str, str]] = {
    "leaflet/leaflet.js": ("xstatic.pkg.leaflet", "leaflet.js"),
    "leaflet/leaflet.css": ("xstatic.pkg.leaflet", "leaflet.css"),
    "leaflet/images/layers.png": ("xstatic.pkg.leaflet", "images/layers.png"),
    "leaflet/images/layers-2x.png": ("xstatic.pkg.leaflet", "images/layers-2x.png"),
    "leaflet/images/marker-icon.png": ("xstatic.pkg.leaflet", "images/marker-icon.png"),
    "leaflet/images/marker-icon-2x.png": ("xstatic.pkg.leaflet", "images/marker-icon-2x.png"),
    "leaflet/images/marker-shadow.png": ("xstatic.pkg.leaflet", "images/marker-shadow.png"),
    "markercluster/MarkerCluster.css": ("xstatic.pkg.leaflet_markercluster", "MarkerCluster.css"),
    "markercluster/MarkerCluster.Default.css": (
        "xstatic.pkg.leaflet_markercluster",
        "MarkerCluster.Default.css",
    ),
    # Leaflet.heat (BSD-2, V. Agafonkin), as shipped inside the folium wheel
    "heat/leaflet-heat.js": ("folium", "templates/leaflet_heat.min.js"),
    # Supercluster 8.0.1 with KDBush (ISC, Mapbox), from the npm package; kept in geo/assets
    "supercluster/supercluster.min.js": ("geo", "assets/supercluster/supercluster.min.js"),
}

#: The map's accessible name (the title of the iframe that shows it in the app).
MAP_TITLE: Final = "Map of the filtered incidents"

#: Where Streamlit serves ``static/vendor`` (``enableStaticServing``), relative to the app's
#: page: the app shows the map in an ``srcdoc`` iframe, which resolves it against the page's
#: address, so it also holds behind a path prefix (``server.baseUrlPath``).
STREAMLIT_ASSET_BASE = "app/static/vendor"

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
MAP_BOUNDS = [[27.0, 61.0], [37.6, 75.5]]  # [[south, west], [north, east]]: the border region


def install_assets(dest: str | Path) -> Path:
    """Copy the Leaflet assets from the xstatic packages into ``dest``.

    Idempotent: files already present with the same size are kept.

    Parameters
    ----------
    dest
        Target folder (for Streamlit: ``static/vendor`` next to ``app.py``).

    Returns
    -------
    pathlib.Path
        ``dest``.
    """
    dest = Path(dest)
    for rel, (module, name) in ASSETS.items():
        mod = import_module(module)
        base = getattr(mod, "BASE_DIR", None) or Path(str(mod.__file__)).parent
        src = Path(base) / name
        target = dest / rel
        if target.exists() and target.stat().st_size == src.stat().st_size:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, target)
    return dest


def _use_local_assets(m: folium.Map, base: str) -> None:
    """Point a map at local assets instead of CDNs."""
    m.default_js = [("leaflet", f"{base}/leaflet/leaflet.js")]
    m.default_css = [("leaflet_css", f"{base}/leaflet/leaflet.css")]


@dataclass(frozen=True, slots=True)
class Boundaries:
    """The boundary layers drawn as the offline basemap (GeoJSON dicts)."""

    admin0: dict[str, Any]
    admin1: dict[str, Any]
    admin2: dict[str, Any]
    border: dict[str, Any]


def load_boundaries(folder: str | Path | None = None) -> Boundaries:
    """Read the four boundary layers shipped in ``data/boundaries``."""
    folder = Path(folder) if folder is not None else settings.BOUNDARIES_DIR
    layers = {
        name: json.loads((folder / f"{name}.geojson").read_text("utf-8"))
        for name in ("admin0", "admin1", "admin2", "border")
    }
    return Boundaries(**layers)


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
    fat = _esc(row.get("fatalities")) or "unknown"
    actors = " vs ".join(x for x in (_esc(row.get("actor1")), _esc(row.get("actor2"))) if x) or "unknown"
    place = ", ".join(x for x in (_esc(row.get("location")), _esc(row.get("admin1"))) if x)
    url = _safe_url(str(row.get("source_url") or ""))
    source = _esc(row.get("source"))
    if url:
        source = (
            f'<a href="{escape_text(url)}" target="_blank" rel="noopener noreferrer">{source or escape_text(url)}</a>'
        )
    return (
        '<div class="fim-popup" style="min-width:260px;max-width:380px;font:13px/1.35 sans-serif">'
        f"<b>{_esc(row.get('event_date'))}</b> &middot; {_esc(row.get('sub_event_type'))}"
        f" <small>({_esc(row.get('event_type'))})</small><br>"
        f"<b>Actors:</b> {actors}<br>"
        f"<b>Place:</b> {place} <small>(geo_precision {_esc(row.get('geo_precision'))})</small><br>"
        f"<b>Fatalities:</b> {fat}<br>"
        f'<blockquote style="margin:6px 0;padding-left:6px;border-left:3px solid #bbb">'
        f"{_esc(row.get('evidence'))}</blockquote>"
        f"<b>Source:</b> {source}<br><small>{_esc(row.get('event_id'))}</small></div>"
    )


#: Text columns sent to the browser, dictionary-encoded in one string table.
PAYLOAD_TEXT: Final[dict[str, str]] = {
    "date": "event_date",
    "a1": "actor1",
    "a2": "actor2",
    "et": "event_type",
    "se": "sub_event_type",
    "loc": "location",
    "adm": "admin1",
    "ev": "evidence",
    "src": "source",
    "url": "source_url",
    "id": "event_id",
}
#: Upper bound of the evidence text embedded in the map (characters, all
#: distinct sentences together); above it each sentence is shortened.
EVIDENCE_BUDGET: Final = 4_000_000
EVIDENCE_MIN_CHARS: Final = 80
EVIDENCE_MAX_CHARS: Final = 600
#: Above this many incidents the popups leave out the event id (100,000 distinct
#: ids would be a third of the page); the table and the downloads keep them.
EVENT_ID_LIMIT: Final = 20_000

#: Sequential classes of the choropleth (ColorBrewer YlOrRd, 5 classes).
CHOROPLETH_COLOURS: Final[tuple[str, ...]] = ("#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026")
ATTRIBUTION: Final = (
    "Boundaries: geoBoundaries (public domain), Natural Earth (public domain) | "
    "Places: GeoNames (CC BY 4.0) | Incidents: {incidents}"
)


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
    fat = pd.to_numeric(located["fatalities"], errors="coerce") if n else pd.Series([], dtype=float)
    out["fat"] = fat.fillna(-1).astype("int64").tolist()
    gp = pd.to_numeric(located["geo_precision"], errors="coerce") if n else pd.Series([], dtype=float)
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
    dates = located["event_date"].astype("string").fillna("").str.slice(0, 7) if n else pd.Series([], dtype="string")
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


def _payload_json(payload: dict[str, Any]) -> str:
    # every string is HTML-escaped, so "<" (and "</script>") cannot occur; ensure_ascii keeps
    # U+2028/2029 out of the script as well
    return json.dumps(payload, separators=(",", ":"), ensure_ascii=True)


class IncidentLayer(JSCSSMixin, Layer):
    """The incidents, drawn in the browser from :func:`incident_payload`.

    Circle markers (class ``fim-incident``) sized by fatalities and coloured
    by actor 1; clustered in the browser (Supercluster, drawn per view) above
    ``cluster_threshold`` markers; popups built on click from escaped strings.

    Parameters
    ----------
    gdf
        Incidents.
    name
        Name in the layer control.
    cluster_threshold
        Cluster when there are more located incidents than this.
    asset_base
        URL prefix of the local assets.
    evidence_budget
        See :func:`incident_payload`.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = (function () {
          var D = {{ this.payload_json }};
          (function unpack() {  // the packed rows -> one typed array per column
            var A = "{{ this.alphabet }}", V = new Int8Array(128), R = D.rows, W = D.row, n = D.n;
            for (var a = 0; a < A.length; a++) { V[A.charCodeAt(a)] = a; }
            D.cols.forEach(function (c) {
              var name = c[0], off = c[1], w = c[2], base = c[3], out = new Int32Array(n);
              for (var i = 0, p = off; i < n; i++, p += W) {
                var v = 0;
                for (var j = 0; j < w; j++) { v = v * 64 + V[R.charCodeAt(p + j)]; }
                out[i] = v + base;
              }
              D[name] = out;
            });
            var lat = new Float64Array(n), lon = new Float64Array(n);
            for (var i = 0; i < n; i++) {
              lat[i] = D.lat0 + D.lat[i] / D.scale; lon[i] = D.lon0 + D.lon[i] / D.scale; D.fat[i] -= 1;
            }
            D.lat = lat; D.lon = lon; D.rows = null;
          })();
          var S = D.s, n = D.n, markers = new Array(n);
          function radius(f) { return f > 0 ? Math.min(5 + 2.2 * Math.sqrt(f), 24) : 5; }
          function marker(i) {  // made when first drawn: a view shows a few hundred of 100,000
            var m = markers[i];
            if (!m) {
              m = markers[i] = L.circleMarker([D.lat[i], D.lon[i]], {
                radius: radius(D.fat[i]), color: "#222222", weight: 1, fill: true,
                fillColor: D.colour[D.a1[i]] || "{{ this.unknown }}", fillOpacity: 0.85,
                className: "fim-incident", fimIdx: i
              });
            }
            return m;
          }
          function line(label, value) { return value ? "<b>" + label + ":</b> " + value + "<br>" : ""; }
          function popup(i) {
            var actors = [S[D.a1[i]], S[D.a2[i]]].filter(Boolean).join(" vs ") || "unknown";
            var place = [S[D.loc[i]], S[D.adm[i]]].filter(Boolean).join(", ");
            var src = S[D.src[i]], url = S[D.url[i]];
            if (url) {
              src = '<a href="' + url + '" target="_blank" rel="noopener noreferrer">' + (src || url) + "</a>";
            }
            return '<div class="fim-popup" style="min-width:260px;max-width:380px;font:13px/1.35 sans-serif">' +
              "<b>" + S[D.date[i]] + "</b> &middot; " + S[D.se[i]] + " <small>(" + S[D.et[i]] + ")</small><br>" +
              line("Actors", actors) +
              "<b>Place:</b> " + place + " <small>(geo_precision " + (D.gp[i] || "") + ")</small><br>" +
              "<b>Fatalities:</b> " + (D.fat[i] >= 0 ? D.fat[i] : "unknown") + "<br>" +
              '<blockquote style="margin:6px 0;padding-left:6px;border-left:3px solid #bbb">' +
              S[D.ev[i]] + "</blockquote>" + line("Source", src) + "<small>" + S[D.id[i]] + "</small></div>";
          }
          function tooltip(i) {
            return [S[D.date[i]], S[D.se[i]], S[D.loc[i]]].filter(Boolean).join(" | ");
          }
          var group = L.featureGroup();
          group.fim = {data: D, marker: marker, popup: popup, shown: n, clustered: {{ this.clustered|tojson }}};
          {% if this.clustered %}
          // Supercluster: a k-d tree per zoom level, built in a fraction of a second for 100,000 points;
          // only the clusters and markers inside the view are drawn, after every move
          var index = null;
          function load(idx) {
            var m = idx === null ? n : idx.length, pts = new Array(m);
            for (var k = 0; k < m; k++) {
              var i = idx === null ? k : idx[k];
              pts[k] = {type: "Feature", properties: {i: i},
                        geometry: {type: "Point", coordinates: [D.lon[i], D.lat[i]]}};
            }
            index = new Supercluster({radius: 60, maxZoom: 15, minPoints: 3}).load(pts);
          }
          function clusterIcon(count) {
            var size = count < 100 ? "small" : count < 1000 ? "medium" : "large";
            return L.divIcon({html: "<div><span>" + count.toLocaleString("en") + "</span></div>",
                              className: "marker-cluster marker-cluster-" + size, iconSize: L.point(40, 40)});
          }
          function zoomIn(e) {
            var z = Math.min(index.getClusterExpansionZoom(e.target.fimCluster), 18);
            group._map.setView(e.target.getLatLng(), z);
          }
          function update() {
            var map = group._map;
            if (!map || !index) { return; }
            var b = map.getBounds().pad(0.2), z = Math.round(map.getZoom());
            var items = index.getClusters([b.getWest(), b.getSouth(), b.getEast(), b.getNorth()], z);
            group.clearLayers();
            for (var k = 0; k < items.length; k++) {
              var f = items[k], c = f.geometry.coordinates;
              if (f.properties.cluster) {
                var cm = L.marker([c[1], c[0]], {icon: clusterIcon(f.properties.point_count)});
                cm.fimCluster = f.properties.cluster_id;
                cm.on("click", zoomIn);
                group.addLayer(cm);
              } else {
                group.addLayer(marker(f.properties.i));
              }
            }
          }
          var onMap = null;
          group.on("add", function () { onMap = group._map; onMap.on("moveend", update); update(); });
          group.on("remove", function () { if (onMap) { onMap.off("moveend", update); onMap = null; } });
          group.fim.show = function (idx) {
            load(idx);
            group.fim.shown = idx === null ? n : idx.length;
            update();
          };
          {% else %}
          group.fim.show = function (idx) {
            group.clearLayers();
            var m = idx === null ? n : idx.length;
            for (var k = 0; k < m; k++) { group.addLayer(marker(idx === null ? k : idx[k])); }
            group.fim.shown = m;
          };
          {% endif %}
          group.fim.show(null);
          function target(e) {
            var l = e.propagatedFrom || e.layer;
            return l && l.options && l.options.fimIdx !== undefined ? l : null;
          }
          group.fim.open = function (i) {
            var map = group._map;
            if (!map) { return; }
            L.popup({maxWidth: 400}).setLatLng([D.lat[i], D.lon[i]]).setContent(popup(i)).openOn(map);
          };
          group.on("click", function (e) {
            var l = target(e);
            if (l) { group.fim.open(l.options.fimIdx); }
          });
          group.on("mouseover", function (e) {
            var l = target(e);
            if (l && !l.getTooltip()) { l.bindTooltip(tooltip(l.options.fimIdx)).openTooltip(); }
          });
          return group;
        })();
        {% endmacro %}
        """
    )

    def __init__(
        self,
        gdf: gpd.GeoDataFrame,
        *,
        name: str = "Incidents",
        cluster_threshold: int = 400,
        asset_base: str = STREAMLIT_ASSET_BASE,
        evidence_budget: int = EVIDENCE_BUDGET,
    ) -> None:
        super().__init__(name=name, overlay=True, control=True, show=True)
        self._name = "IncidentLayer"
        payload = incident_payload(gdf, evidence_budget=evidence_budget)
        self.count = int(payload["n"])
        self.months: list[str] = payload["months"]
        self.actors: list[str] = sorted(
            {html.unescape(payload["s"][int(i)]) for i in payload["colour"]} - {""}, key=str.casefold
        )
        self.payload_json = _payload_json(pack_payload(payload))  # serialised once, rendered as plain text
        self.alphabet = PACK_ALPHABET
        self.clustered = self.count > cluster_threshold
        self.unknown = UNKNOWN_COLOUR
        self.default_js = []
        self.default_css = []
        if self.clustered:
            self.default_js = [("supercluster", f"{asset_base}/supercluster/supercluster.min.js")]
            self.default_css = [  # the cluster icons use markercluster's stylesheet
                ("markerclustercss", f"{asset_base}/markercluster/MarkerCluster.css"),
                ("markerclusterdefaultcss", f"{asset_base}/markercluster/MarkerCluster.Default.css"),
            ]

    def render(self, **kwargs: Any) -> None:
        """Render like folium does, but add the (large) script as plain text.

        branca would compile the rendered script once more as a Jinja template,
        which takes seconds at 100,000 incidents (and is what
        :func:`escape_text` guards against).
        """
        figure = self.get_root()
        for name, url in self.default_js:
            figure.header.add_child(JavascriptLink(url), name=name)
        for name, url in self.default_css:
            figure.header.add_child(CssLink(url), name=name)
        if self.show:
            self.add_child(
                ElementAddToElement(element_name=self.get_name(), element_parent_name=self._parent.get_name()),
                name=self.get_name() + "_add",
            )
        script = self._template.module.__dict__["script"]
        figure.script.add_child(_PlainText(script(self, kwargs)), name=self.get_name())
        for child in self._children.values():
            child.render(**kwargs)


class _PlainText(Element):
    """Text added to a figure as is (not compiled as a template)."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self._text = text

    def render(self, **kwargs: Any) -> str:  # noqa: ARG002 - branca's signature
        return self._text


class IncidentHeatLayer(JSCSSMixin, Layer):
    """A heatmap (Leaflet.heat, served locally) of an :class:`IncidentLayer`'s data.

    Shares the incidents' array (no second copy in the page) and follows the
    time slider.

    Parameters
    ----------
    incidents
        The marker layer whose data is drawn.
    name
        Name in the layer control.
    show
        Shown on opening.
    asset_base
        URL prefix of the local assets.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = (function () {
          var D = {{ this.source }}.fim.data;
          function points(idx) {
            var out = [], i;
            if (idx === null) { for (i = 0; i < D.n; i++) { out.push([D.lat[i], D.lon[i], 1]); } }
            else { for (var k = 0; k < idx.length; k++) { i = idx[k]; out.push([D.lat[i], D.lon[i], 1]); } }
            return out;
          }
          var heat = L.heatLayer(points(null), {radius: 14, blur: 16, maxZoom: 10, minOpacity: 0.3});
          heat.fimShow = function (idx) { heat.setLatLngs(points(idx)); };
          {{ this.source }}.fim.heat = heat;
          return heat;
        })();
        {% endmacro %}
        """
    )

    def __init__(
        self,
        incidents: IncidentLayer,
        *,
        name: str = "Heatmap (incident density)",
        show: bool = False,
        asset_base: str = STREAMLIT_ASSET_BASE,
    ) -> None:
        super().__init__(name=name, overlay=True, control=True, show=show)
        self._name = "IncidentHeatLayer"
        self.source = incidents.get_name()
        self.default_js = [("leaflet_heat", f"{asset_base}/heat/leaflet-heat.js")]
        self.default_css = []


class TimeSlider(MacroElement):
    """A month slider with a play button that filters markers and heatmap in the browser.

    Parameters
    ----------
    incidents
        The marker layer to filter (its heat layer follows).
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
          var group = {{ this.source }}, D = group.fim.data, months = D.months;
          var byMonth = months.map(function () { return []; });
          for (var i = 0; i < D.n; i++) { byMonth[D.mo[i]].push(i); }
          var ctl = L.control({position: "topleft"});
          ctl.onAdd = function () {
            var div = L.DomUtil.create("div", "fim-time leaflet-bar");
            div.style.cssText = "background:rgba(255,255,255,.94);padding:5px 8px;font:12px/1.3 sans-serif;" +
              "display:flex;align-items:center;gap:6px";
            var play = L.DomUtil.create("button", "fim-play", div);
            play.type = "button"; play.textContent = "\u25b6"; play.title = "Play through the months";
            play.style.cssText = "width:26px;height:22px;cursor:pointer";
            var slider = L.DomUtil.create("input", "fim-month", div);
            slider.type = "range"; slider.min = 0; slider.max = months.length; slider.step = 1;
            slider.value = months.length; slider.style.width = "170px";
            slider.title = "Month shown (rightmost: all months)";
            var label = L.DomUtil.create("span", "fim-month-label", div);
            label.style.minWidth = "120px";
            L.DomEvent.disableClickPropagation(div);
            L.DomEvent.disableScrollPropagation(div);
            function apply() {
              var v = +slider.value, idx = v >= months.length ? null : byMonth[v];
              group.fim.show(idx);
              if (group.fim.heat) { group.fim.heat.fimShow(idx); }
              label.textContent = (idx === null ? "all months" : months[v]) + " \u00b7 " +
                group.fim.shown.toLocaleString("en") + " shown";
              var counts = document.querySelectorAll(".fim-count");
              for (var c = 0; c < counts.length; c++) {
                counts[c].textContent = group.fim.shown.toLocaleString("en");
                counts[c].setAttribute("data-count", group.fim.shown);
              }
            }
            var timer = null;
            function stop() { clearInterval(timer); timer = null; play.textContent = "\u25b6"; }
            play.onclick = function () {
              if (timer) { stop(); return; }
              if (+slider.value >= months.length) { slider.value = 0; apply(); }
              play.textContent = "\u275a\u275a";
              timer = setInterval(function () {
                if (+slider.value >= months.length - 1) { slider.value = months.length; apply(); stop(); return; }
                slider.value = +slider.value + 1; apply();
              }, 900);
            };
            slider.oninput = function () { stop(); apply(); };
            label.textContent = "all months \u00b7 " + D.n.toLocaleString("en") + " shown";
            return div;
          };
          if (months.length > 1) { ctl.addTo({{ this._parent.get_name() }}); }
        })();
        {% endmacro %}
        """
    )

    def __init__(self, incidents: IncidentLayer) -> None:
        super().__init__()
        self._name = "TimeSlider"
        self.source = incidents.get_name()


class _Attribution(MacroElement):
    """Adds the data sources to Leaflet's attribution control (our own escaped text)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this._parent.get_name() }}.attributionControl.addAttribution({{ this.text|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, text: str) -> None:
        super().__init__()
        self._name = "Attribution"
        self.text = escape_text(text)


class _Legend(MacroElement):
    """A fixed legend box (our own HTML; every name escaped)."""

    _template = Template(
        """
        {% macro html(this, kwargs) %}
        <div class="fim-legend" style="position:absolute;z-index:9999;bottom:46px;left:10px;
             background:rgba(255,255,255,.92);padding:6px 8px;border-radius:4px;
             font:11px/1.35 sans-serif;box-shadow:0 1px 4px rgba(0,0,0,.3);max-width:240px;
             max-height:45%;overflow:auto">
          {{ this.body }}
        </div>
        {% endmacro %}
        """
    )

    def __init__(self, body: str) -> None:
        super().__init__()
        self._name = "Legend"
        self.body = body


@dataclass(frozen=True, slots=True)
class Choropleth:
    """Totals per area for the choropleth layer.

    Attributes
    ----------
    level
        ``"admin1"`` (provinces) or ``"admin2"`` (districts).
    measure
        ``"incidents"`` or ``"fatalities"``.
    totals
        ``{shape_id: total}`` (see :func:`geo.aggregate.totals_by_area`).
    """

    level: Literal["admin1", "admin2"]
    measure: Literal["incidents", "fatalities"]
    totals: dict[str, int]

    @property
    def title(self) -> str:
        """E.g. ``"Incidents per district"``."""
        area = "district" if self.level == "admin2" else "province"
        return f"{self.measure.capitalize()} per {area}"


def class_breaks(values: list[int] | np.ndarray, *, k: int = 5) -> list[int]:
    """Upper bounds of up to ``k`` classes of positive totals (quantiles, rounded).

    Examples
    --------
    >>> class_breaks([1, 2, 3, 4, 5, 6, 7, 8, 9, 100])
    [3, 5, 7, 9, 100]
    >>> class_breaks([3, 3, 3])
    [3]
    >>> class_breaks([])
    []
    """
    arr = np.asarray([v for v in values if v > 0], dtype=float)
    if arr.size == 0:
        return []
    qs = np.quantile(arr, np.linspace(0, 1, k + 1)[1:], method="higher")
    return sorted({math.ceil(q) for q in qs})


def _class_colour(value: int, breaks: list[int]) -> str | None:
    if value <= 0 or not breaks:
        return None
    for i, b in enumerate(breaks):
        if value <= b:
            # spread few classes over the whole ramp
            pos = round(i * (len(CHOROPLETH_COLOURS) - 1) / max(len(breaks) - 1, 1)) if len(breaks) > 1 else 2
            return CHOROPLETH_COLOURS[pos]
    return CHOROPLETH_COLOURS[-1]


def _choropleth_layer(layer: dict[str, Any], choro: Choropleth) -> tuple[folium.GeoJson, str]:
    breaks = class_breaks(list(choro.totals.values()))
    features = []
    for f in layer["features"]:
        props = f["properties"]
        value = int(choro.totals.get(str(props.get("shape_id")), 0))
        area = escape_text(str(props.get("name", "")))
        parent = escape_text(str(props.get("admin1", "") or props.get("country_code", "")))
        features.append(
            {
                "type": "Feature",
                "geometry": f["geometry"],
                "properties": {
                    "name": area,
                    "parent": parent,
                    "value": f"{value:,}",
                    "colour": _class_colour(value, breaks),
                },
            }
        )
    fc = {"type": "FeatureCollection", "features": features}

    def style(feature: dict[str, Any]) -> dict[str, Any]:
        colour = feature["properties"]["colour"]
        if colour is None:
            return {"fillColor": "#ffffff", "fillOpacity": 0.0, "color": "#9a9385", "weight": 0.5}
        return {"fillColor": colour, "fillOpacity": 0.72, "color": "#7d7667", "weight": 0.6}

    area_label = "District" if choro.level == "admin2" else "Province"
    parent_label = "Province" if choro.level == "admin2" else "Country"
    geojson = folium.GeoJson(
        fc,
        name=choro.title,
        style_function=style,
        highlight_function=lambda _f: {"weight": 2, "color": "#222222"},
        tooltip=folium.GeoJsonTooltip(
            fields=["name", "parent", "value"], aliases=[area_label, parent_label, choro.measure.capitalize()]
        ),
        overlay=True,
        show=True,
    )
    lo = 1
    rows = []
    for i, b in enumerate(breaks):
        colour = _class_colour(b, breaks)
        label = f"{lo:,}" if lo == b else f"{lo:,}\u2013{b:,}"
        rows.append(
            f'<div><span style="display:inline-block;width:14px;height:10px;background:{colour};'
            f'border:1px solid #999;margin-right:5px"></span>{label}</div>'
        )
        lo = b + 1
        del i
    legend = f"<div style='margin-top:5px'><b>{escape_text(choro.title)}</b>{''.join(rows) or '<div>none</div>'}</div>"
    return geojson, legend


def _legend_html(actors: list[str], *, count: int, extra: str = "", note: str = "") -> str:
    rows = "".join(
        f'<div><span style="display:inline-block;width:10px;height:10px;border-radius:50%;'
        f'background:{actor_colour(a)};margin-right:5px"></span>{escape_text(a)}</div>'
        for a in actors[:8]
    )
    more = f"<div>&hellip; and {len(actors) - 8} more</div>" if len(actors) > 8 else ""
    note_html = f"<div style='color:#a00;font-weight:bold'>{escape_text(note)}</div>" if note else ""
    return (
        f"{note_html}<div><b><span class='fim-count' data-count='{count}'>{count:,}</span></b> incidents on the map"
        "</div><b>Incidents by actor 1</b>"
        + rows
        + more
        + extra
        + "<div style='margin-top:4px;color:#555'>Marker size: fatalities. Red dashes: PK&ndash;AF border. "
        "Sources: see the attribution line.</div>"
    )


def build_map(
    gdf: gpd.GeoDataFrame,
    *,
    boundaries: Boundaries | None = None,
    asset_base: str = STREAMLIT_ASSET_BASE,
    cluster_threshold: int = 400,
    show_districts: bool = True,
    heatmap: bool = False,
    choropleth: Choropleth | None = None,
    online_tiles: bool = False,
    time_slider: bool = True,
    note: str = "",
    incidents_source: str = "read from news reports",
    evidence_budget: int = EVIDENCE_BUDGET,
) -> folium.Map:
    """Build the incident map.

    Parameters
    ----------
    gdf
        Incidents (already filtered); rows without geometry are skipped.
    boundaries
        Basemap layers; ``None`` draws markers only.
    asset_base
        URL prefix of the local Leaflet assets (see :func:`install_assets`).
    cluster_threshold
        Above this many located incidents markers are clustered.
    show_districts
        Draw district outlines (province outlines and the border always).
    heatmap
        Show the heatmap layer on opening (it is always in the layer
        control).
    choropleth
        Totals per province or district to shade (needs ``boundaries``).
    online_tiles
        Add OpenStreetMap tiles underneath (needs the internet; off by
        default, the boundary basemap works offline).
    time_slider
        Add the month slider with its play button.
    note
        A warning line at the top of the legend (e.g. "SYNTHETIC DATA").
    incidents_source
        Where the incidents come from, for the attribution line.
    evidence_budget
        See :func:`incident_payload`.

    Returns
    -------
    folium.Map
        Display-only: ``m.get_root().render()`` is a complete HTML page
        (the app shows it with ``st.iframe``), ``m.save(path)`` writes it.
    """
    m = folium.Map(
        location=[31.5, 68.5],
        zoom_start=6,
        tiles=None,
        maxZoom=18,  # MarkerCluster needs it when there is no tile layer
        min_zoom=4,
        control_scale=True,
        prefer_canvas=False,
        font_size="0.75rem",  # Leaflet's own 12px (folium's 1rem makes the attribution line wrap)
    )
    m.get_root().header.add_child(
        folium.Element(
            "<style>.leaflet-container{background:#dfe9f2 !important}"
            # the attribution line stays clear of the legend box at the bottom left
            ".leaflet-control-attribution{max-width:calc(100% - 280px)}</style>"
        )
    )
    attribution = ATTRIBUTION.format(incidents=incidents_source)
    if online_tiles:
        folium.TileLayer("OpenStreetMap", name="OpenStreetMap (online)", max_zoom=18, control=False).add_to(m)
    legend_extra = ""
    if boundaries is not None:
        folium.GeoJson(
            boundaries.admin0,
            name="Countries",
            style_function=lambda _f: {
                "fillColor": "#f5f3ee",
                "fillOpacity": 0.0 if online_tiles else 1.0,
                "color": "#8a8a8a",
                "weight": 1,
            },
            control=False,
        ).add_to(m)
        if choropleth is not None:
            layer = boundaries.admin2 if choropleth.level == "admin2" else boundaries.admin1
            geojson, legend_extra = _choropleth_layer(layer, choropleth)
            geojson.add_to(m)
        if show_districts and (choropleth is None or choropleth.level != "admin2"):
            folium.GeoJson(
                _escaped_layer(boundaries.admin2, ("name", "admin1")),
                name="Districts",
                style_function=lambda _f: {"fill": False, "color": "#b9b4a8", "weight": 0.6},
                tooltip=folium.GeoJsonTooltip(fields=["name", "admin1"], aliases=["District", "Province"]),
            ).add_to(m)
        folium.GeoJson(
            boundaries.admin1,
            name="Provinces",
            style_function=lambda _f: {"fill": False, "color": "#7d7667", "weight": 1.4},
        ).add_to(m)
        folium.GeoJson(
            boundaries.border,
            name="Pakistan-Afghanistan border",
            style_function=lambda _f: {"color": "#b2182b", "weight": 2.5, "dashArray": "6 4"},
        ).add_to(m)

    incidents = IncidentLayer(
        gdf, cluster_threshold=cluster_threshold, asset_base=asset_base, evidence_budget=evidence_budget
    )
    incidents.add_to(m)
    IncidentHeatLayer(incidents, show=heatmap, asset_base=asset_base).add_to(m)
    if time_slider:
        m.add_child(TimeSlider(incidents))
    m.add_child(_Legend(_legend_html(incidents.actors, count=incidents.count, extra=legend_extra, note=note)))
    m.add_child(_Attribution(attribution))
    folium.LayerControl(collapsed=False).add_to(m)
    m.fit_bounds(MAP_BOUNDS)
    _use_local_assets(m, asset_base)
    logger.debug("map with %d incidents (clustered: %s)", incidents.count, incidents.clustered)
    return m


def _escaped_layer(layer: dict[str, Any], fields: tuple[str, ...]) -> dict[str, Any]:
    """A copy of a boundary layer whose tooltip fields are HTML-escaped."""
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": f["geometry"],
                "properties": {k: escape_text(str(f["properties"].get(k, "") or "")) for k in fields},
            }
            for f in layer["features"]
        ],
    }
