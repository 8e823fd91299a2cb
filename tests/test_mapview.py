from __future__ import annotations

import re

import pytest

from geo.mapview import actor_colour, build_map, install_assets, load_boundaries, marker_radius, popup_html
from tests.conftest import XSS


@pytest.fixture(scope="module")
def boundaries():
    return load_boundaries()


def _render(m) -> str:
    return m.get_root().render()


def test_one_marker_per_located_incident(sample_gdf, boundaries):
    html = _render(build_map(sample_gdf, boundaries=boundaries))
    assert html.count("L.circleMarker(") == sample_gdf.geometry.notna().sum() == 5
    # offline: no CDN, only our asset base
    urls = set(re.findall(r'<script src="([^"]+)"', html)) | set(re.findall(r'<link[^>]+href="([^"]+)"', html))
    assert urls == {
        "/app/static/vendor/leaflet/leaflet.js",
        "/app/static/vendor/jquery/jquery.min.js",
        "/app/static/vendor/leaflet/leaflet.css",
    }
    assert "https://" not in re.sub(r"https://example\.org/a", "", html)
    assert '"maxZoom": 18' in html


def test_many_incidents_are_clustered_with_local_assets(sample_gdf):
    big = sample_gdf.loc[sample_gdf.index.repeat(100)].reset_index(drop=True)
    html = _render(build_map(big, boundaries=None, cluster_threshold=50))
    assert "L.markerClusterGroup(" in html
    assert "/app/static/vendor/markercluster/leaflet.markercluster.js" in html
    assert "cdnjs" not in html


def test_hostile_text_is_escaped_everywhere(sample_gdf, boundaries):
    html = _render(build_map(sample_gdf, boundaries=boundaries))
    assert "<img src=x onerror" not in html
    assert "<script>alert" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "javascript:alert" not in html  # only http(s) URLs become links


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
    mtime = js.stat().st_mtime_ns
    install_assets(out)
    assert js.stat().st_mtime_ns == mtime
