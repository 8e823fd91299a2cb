from __future__ import annotations

import fnmatch
import importlib.resources
import json
import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

from geo import settings
from geo.mappayload import actor_colour, escape_text, incident_payload, marker_radius, popup_html
from geo.mapview import (
    Choropleth,
    build_map,
    class_breaks,
    install_assets,
    load_boundaries,
)
from geo.synth import synthesize
from tests.conftest import XSS


@pytest.fixture(scope="module")
def boundaries():
    return load_boundaries()


def _render(m) -> str:
    return m.get_root().render()


def _urls(html: str) -> set[str]:
    return set(re.findall(r'<script src="([^"]+)"', html)) | set(re.findall(r'<link[^>]+href="([^"]+)"', html))


def test_one_marker_per_located_incident_offline(sample_gdf, boundaries):
    m = build_map(sample_gdf, boundaries=boundaries)
    html = _render(m)
    payload = incident_payload(sample_gdf)
    assert payload["n"] == sample_gdf.geometry.notna().sum() == 5
    assert "L.circleMarker(" in html and "fim-incident" in html
    assert "class='fim-count' data-count='5'" in html
    # offline: no CDN, only our asset base (heatmap JS included, no clustering at 5 markers)
    assert _urls(html) == {
        "app/static/vendor/leaflet/leaflet.js",
        "app/static/vendor/leaflet/leaflet.css",
        "app/static/vendor/heat/leaflet-heat.js",
    }
    assert "https://" not in re.sub(r"https:(//|\\/\\/)example\.org\\?/a", "", html)
    assert '"maxZoom": 18' in html
    # attribution for every source, on the map itself
    assert "geoBoundaries" in html and "Natural Earth" in html and "GeoNames (CC BY 4.0)" in html


def test_payload_is_compact_and_lon_lat_right(sample_gdf):
    p = incident_payload(sample_gdf)
    i = p["s"].index("Paktika")
    k = p["loc"].index(i)
    assert (p["lat"][k], p["lon"][k]) == (32.5178, 68.6774)
    assert p["fat"][k] == 46 and p["gp"][k] == 3
    assert p["fat"][p["loc"].index(p["s"].index("Khost"))] == -1  # unknown, not 0
    assert p["months"] == sorted(p["months"]) and len(p["mo"]) == 5
    # strings are stored once
    assert len(p["s"]) == len(set(p["s"]))


def test_many_incidents_are_clustered_with_local_assets(sample_gdf):
    big = sample_gdf.loc[sample_gdf.index.repeat(100)].reset_index(drop=True)
    html = _render(build_map(big, boundaries=None, cluster_threshold=50))
    assert "new Supercluster(" in html
    assert "app/static/vendor/supercluster/supercluster.min.js" in html
    assert "app/static/vendor/markercluster/MarkerCluster.Default.css" in html
    assert "cdnjs" not in html and "unpkg" not in html and "jsdelivr" not in html


def test_hostile_text_is_escaped_everywhere(sample_gdf, boundaries):
    html = _render(build_map(sample_gdf, boundaries=boundaries))
    assert "<img src=x onerror" not in html
    assert "<script>alert" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "javascript:alert" not in html  # only http(s) URLs become links


def test_template_syntax_in_articles_is_not_evaluated(sample_gdf):
    gdf = sample_gdf.copy()
    gdf.loc[gdf.index[0], "evidence"] = "{{ 7*7 }} and {% if true %}yes{% endif %}"
    gdf.loc[gdf.index[0], "actor1"] = "{{ this.__class__ }}"
    html = _render(build_map(gdf, boundaries=None))
    assert "{{" not in html.replace("{{'", "")
    assert "49" not in html.split("&#123;&#123; 7*7")[0][-5:]
    assert "&#123;&#123; 7*7 &#125;&#125;" in html
    assert escape_text("{x}") == "&#123;x&#125;"


def test_heatmap_choropleth_and_online_tiles(sample_gdf, boundaries):
    choro = Choropleth(level="admin1", measure="fatalities", totals={"AFG-ADM1-12653393B25794869": 46})
    html = _render(build_map(sample_gdf, boundaries=boundaries, heatmap=True, choropleth=choro))
    assert "L.heatLayer(" in html
    assert "Fatalities per province" in html  # layer name and legend
    assert "d3" not in _urls(html) and not any("d3" in u for u in _urls(html))  # no branca colormap
    assert "tile.openstreetmap.org" not in html
    online = _render(build_map(sample_gdf, boundaries=boundaries, online_tiles=True))
    assert "tile.openstreetmap.org" in online and "OpenStreetMap" in online


def test_choropleth_tooltips_are_escaped(sample_gdf):
    evil = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"shape_id": "X", "name": XSS, "admin1": "<b>p</b>"},
                "geometry": {"type": "Point", "coordinates": [70, 33]},
            }
        ],
    }
    from geo.mapview import Boundaries

    b = Boundaries(admin0=evil, admin1=evil, admin2=evil, border=evil)
    html = _render(build_map(sample_gdf, boundaries=b, choropleth=Choropleth("admin2", "incidents", {"X": 3})))
    assert "<img src=x" not in html and "<b>p</b>" not in html


def test_class_breaks_and_legend(sample_gdf, boundaries):
    assert class_breaks([1, 1, 1, 50]) == [1, 50]
    assert class_breaks([0, 0]) == []
    choro = Choropleth("admin2", "incidents", {"PAK-X": 5})
    assert choro.title == "Incidents per district"


def test_popup_content(sample_gdf):
    rec = sample_gdf[sample_gdf["location"] == "Paktika"].iloc[0].to_dict()
    html = popup_html(rec)
    assert "2024-12-24" in html and "Air/drone strike" in html and ">46<" not in html
    assert "Fatalities:</b> 46" in html
    assert 'href="https://example.org/a"' in html and 'rel="noopener noreferrer"' in html
    hostile = popup_html({"evidence": XSS, "actor1": XSS, "source_url": "javascript:alert(1)", "source": XSS})
    assert "<script>" not in hostile and "<img" not in hostile and "href" not in hostile


def test_colours_and_sizes():
    assert actor_colour("TTP") == actor_colour("TTP")
    assert actor_colour("") == "#6b6b6b"
    assert marker_radius(None) == marker_radius(0) == 5.0
    assert marker_radius(46) > marker_radius(10) > marker_radius(1)
    assert marker_radius(10**6) == 24.0


def test_install_assets_is_idempotent(tmp_path):
    out = install_assets(tmp_path / "vendor")
    js = out / "leaflet" / "leaflet.js"
    assert js.stat().st_size > 100_000
    assert (out / "heat" / "leaflet-heat.js").stat().st_size > 5_000
    assert (out / "supercluster" / "supercluster.min.js").stat().st_size > 5_000
    mtime = js.stat().st_mtime_ns
    install_assets(out)
    assert js.stat().st_mtime_ns == mtime


def test_large_map_stays_small_and_fast(boundaries):
    import time

    gdf = synthesize(20_000, seed=5)
    t = time.perf_counter()
    html = _render(build_map(gdf, boundaries=boundaries))
    elapsed = time.perf_counter() - t
    assert len(html) < 5_000_000  # about 100 bytes per incident plus the boundaries
    assert elapsed < 10  # generous: the benchmark reports the real figure
    assert "SYNTHETIC" in html
    payload = incident_payload(gdf)
    assert json.loads(json.dumps(payload))["n"] == 20_000


def test_evidence_budget_shortens_long_sentences(sample_gdf):
    gdf = sample_gdf.copy()
    gdf["evidence"] = [f"{i} " + "x" * 5000 for i in range(len(gdf))]
    p = incident_payload(gdf, evidence_budget=1000)
    assert all(len(p["s"][i]) <= 200 for i in p["ev"])
    assert all(p["s"][i].endswith("\u2026") for i in p["ev"])


# --- the incident layer's JavaScript: a real file in geo/assets, shipped as package data -------------

NODE = shutil.which("node") or shutil.which("nodejs")
needs_node = pytest.mark.skipif(NODE is None, reason="node is not installed: the JavaScript is not run")

# a stand-in for the few Leaflet calls the layer makes, to run it under node without a browser
_FAKE_LEAFLET = """
function Layer(opts) { this.options = opts || {}; this.handlers = {}; }
Layer.prototype.on = function (ev, fn) { this.handlers[ev] = fn; return this; };
Layer.prototype.addLayer = function (l) { this.layers.push(l); return this; };
Layer.prototype.clearLayers = function () { this.layers = []; return this; };
global.L = {
  featureGroup: function () { var g = new Layer(); g.layers = []; return g; },
  circleMarker: function (ll, opts) { var m = new Layer(opts); m.ll = ll; return m; },
};
"""


def _run_layer(gdf, *, tmp_path) -> dict:
    from geo.mappayload import PACK_ALPHABET, UNKNOWN_COLOUR, pack_payload, payload_json
    from geo.mapview import incident_layer_js

    opts = {"alphabet": PACK_ALPHABET, "unknown": UNKNOWN_COLOUR, "unidentified": "Unidentified", "clustered": False}
    script = tmp_path / "layer.js"
    script.write_text(
        _FAKE_LEAFLET
        + incident_layer_js()
        + f"\nvar g = fimIncidentLayer({payload_json(pack_payload(incident_payload(gdf)))}, {json.dumps(opts)});\n"
        + "var out = [];\n"
        + "for (var i = 0; i < g.fim.data.n; i++) {\n"
        + "  out.push({popup: g.fim.popup(i), tooltip: g.fim.tooltip(i), fill: g.layers[i].options.fillColor,"
        + " lat: g.fim.data.lat[i], fat: g.fim.data.fat[i]});\n"
        + "}\nconsole.log(JSON.stringify({shown: g.fim.shown, markers: out}));\n",
        encoding="utf-8",
    )
    res = subprocess.run([NODE, str(script)], capture_output=True, text=True, timeout=30, check=False)
    assert res.returncode == 0, res.stderr
    return json.loads(res.stdout)


@needs_node
def test_incident_layer_js_parses():
    from geo.mapview import INCIDENT_LAYER_JS

    path = Path(importlib.resources.files("geo").joinpath(INCIDENT_LAYER_JS))
    res = subprocess.run([NODE, "--check", str(path)], capture_output=True, text=True, timeout=30, check=False)
    assert res.returncode == 0, res.stderr


def test_rendered_map_carries_the_js_file_once(sample_gdf, boundaries):
    from geo.mapview import incident_layer_js

    html = _render(build_map(sample_gdf, boundaries=boundaries))
    assert incident_layer_js() in html
    assert html.count("function fimIncidentLayer(D, opts)") == 1
    assert re.search(r"var incident_layer_\w+ = fimIncidentLayer\(\{", html)
    assert '"unidentified": "Unidentified"' in html


def test_package_data_ships_the_assets():
    config = tomllib.loads((settings.PROJECT_DIR / "pyproject.toml").read_text(encoding="utf-8"))
    globs = config["tool"]["setuptools"]["package-data"]["geo"]
    assets = settings.PROJECT_DIR / "geo" / "assets"
    files = [p.relative_to(assets.parent).as_posix() for p in assets.rglob("*") if p.is_file()]
    assert "assets/incident_layer.js" in files
    missing = [f for f in files if not any(fnmatch.fnmatch(f, g) for g in globs)]
    assert missing == []


@needs_node
def test_the_layer_draws_every_incident_with_its_popup(sample_gdf, tmp_path):
    out = _run_layer(sample_gdf, tmp_path=tmp_path)
    located = sample_gdf[sample_gdf.geometry.notna()]
    assert out["shown"] == len(out["markers"]) == len(located) == 5
    by_place = {m["tooltip"].split(" | ")[-1]: m for m in out["markers"]}
    dik = by_place["Dera Ismail Khan"]
    assert "TTP: Tehreek-e-Taliban Pakistan vs Military Forces of Pakistan" in dik["popup"]
    assert dik["lat"] == pytest.approx(located.geometry.y.iloc[0], abs=1e-4)
    assert "<script>" not in "".join(m["popup"] + m["tooltip"] for m in out["markers"])  # escaped XSS row


@needs_node
def test_blank_actor1_shows_as_unidentified(sample_gdf, tmp_path, boundaries):
    gdf = sample_gdf.copy()
    gdf.loc[gdf.index[0], "actor1"] = ""  # Dera Ismail Khan: actor 2 stays
    gdf.loc[gdf.index[2], "actor1"] = None  # Khost: no actor 2 either
    markers = {m["tooltip"].split(" | ")[-1]: m for m in _run_layer(gdf, tmp_path=tmp_path)["markers"]}
    assert "<b>Actors:</b> Unidentified vs Military Forces of Pakistan<br>" in markers["Dera Ismail Khan"]["popup"]
    assert "<b>Actors:</b> Unidentified<br>" in markers["Khost"]["popup"]
    assert markers["Khost"]["tooltip"] == "2025-01-02 | Shelling/artillery/missile attack | Unidentified | Khost"
    assert markers["Khost"]["fill"] == "#6b6b6b"  # the grey of no actor
    html = _render(build_map(gdf, boundaries=boundaries))
    assert 'background:#6b6b6b;margin-right:5px"></span>Unidentified</div>' in html  # and in the legend


def test_server_popup_shows_a_blank_actor1_as_unidentified():
    assert "<b>Actors:</b> Unidentified vs B<br>" in popup_html({"actor1": "", "actor2": "B"})
    assert "<b>Actors:</b> Unidentified<br>" in popup_html({"actor1": None})
    assert "<b>Actors:</b> &lt;i&gt;A&lt;/i&gt;<br>" in popup_html({"actor1": "<i>A</i>"})


def test_payload_code_names_columns_through_the_schema():
    import ast

    from geo.incidents import COLUMNS

    for module in ("mappayload.py", "mapview.py"):
        tree = ast.parse((settings.PROJECT_DIR / "geo" / module).read_text(encoding="utf-8"))
        literals = {
            node.value
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in COLUMNS
        }
        # in mapview, admin1/admin2/country_code name the boundary layers' properties and the choropleth's
        # levels and measures (typing.Literal), not incident columns
        allowed = {"admin1", "admin2", "country_code", "fatalities"} if module == "mapview.py" else set()
        assert literals <= allowed, module
