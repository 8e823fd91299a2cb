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

import functools
import html
import importlib.resources
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
from branca.element import CssLink, Element, JavascriptLink, MacroElement
from folium.elements import ElementAddToElement, JSCSSMixin
from folium.map import Layer
from jinja2 import Template

from geo import settings
from geo.incidents import UNIDENTIFIED_ACTOR, Col
from geo.mappayload import (
    EVIDENCE_BUDGET,
    PACK_ALPHABET,
    UNKNOWN_COLOUR,
    actor_colour,
    escape_text,
    incident_payload,
    pack_payload,
    payload_json,
)

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


#: Sequential classes of the choropleth (ColorBrewer YlOrRd, 5 classes).
CHOROPLETH_COLOURS: Final[tuple[str, ...]] = ("#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026")
ATTRIBUTION: Final = (
    "Boundaries: geoBoundaries (public domain), Natural Earth (public domain) | "
    "Places: GeoNames (CC BY 4.0) | Incidents: {incidents}"
)


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
        var {{ this.get_name() }} = fimIncidentLayer({{ this.payload_json }}, {{ this.options_json }});
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
        names = {html.unescape(payload["s"][int(i)]) for i in payload["colour"]}
        self.actors: list[str] = sorted(names - {""}, key=str.casefold)
        if "" in names:  # a blank actor 1: grey markers, "Unidentified" in popups and legend
            self.actors.append(UNIDENTIFIED_ACTOR)
        self.payload_json = payload_json(pack_payload(payload))  # serialised once, rendered as plain text
        self.clustered = self.count > cluster_threshold
        self.options_json = json.dumps(
            {
                "alphabet": PACK_ALPHABET,
                "unknown": UNKNOWN_COLOUR,
                "unidentified": escape_text(UNIDENTIFIED_ACTOR),
                "clustered": self.clustered,
            }
        )
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
        # the layer's code, once per page (a real file: linted and tested on its own)
        figure.header.add_child(_PlainText(f"<script>\n{incident_layer_js()}</script>"), name="fim_incident_layer")
        script = self._template.module.__dict__["script"]
        figure.script.add_child(_PlainText(script(self, kwargs)), name=self.get_name())
        for child in self._children.values():
            child.render(**kwargs)


#: The browser code of :class:`IncidentLayer`, shipped as package data in ``geo/assets``.
INCIDENT_LAYER_JS: Final = "assets/incident_layer.js"


@functools.cache
def incident_layer_js() -> str:
    """The JavaScript of the incident layer (``geo/assets/incident_layer.js``), read once.

    Examples
    --------
    >>> "function fimIncidentLayer(D, opts)" in incident_layer_js()
    True
    """
    return importlib.resources.files("geo").joinpath(INCIDENT_LAYER_JS).read_text(encoding="utf-8")


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
        area = "district" if self.level == Col.ADMIN2 else "province"
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

    area_label = "District" if choro.level == Col.ADMIN2 else "Province"
    parent_label = "Province" if choro.level == Col.ADMIN2 else "Country"
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
        f'background:{UNKNOWN_COLOUR if a == UNIDENTIFIED_ACTOR else actor_colour(a)};margin-right:5px"></span>'
        f"{escape_text(a)}</div>"
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
            layer = boundaries.admin2 if choropleth.level == Col.ADMIN2 else boundaries.admin1
            geojson, legend_extra = _choropleth_layer(layer, choropleth)
            geojson.add_to(m)
        if show_districts and (choropleth is None or choropleth.level != Col.ADMIN2):
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
