"""Documented defaults of the ``geo`` package.

Functions take explicit keyword arguments and fall back to these values when
given ``None`` (the osmnx pattern), so tests pass paths instead of mutating
globals. Each path can be overridden with an environment variable, read once
at import time.

Attributes
----------
PROJECT_DIR
    Root of the checkout (the folder holding ``app.py``).
DATA_DIR
    Folder with the shipped reference data and the incident store
    (``FIM_DATA_DIR``).
SEEDS_DIR
    Folder of articles read by ``python -m geo build`` (``FIM_SEEDS_DIR``).
STORE_PATH
    The incident store, a GeoPackage (``FIM_STORE_PATH``).
GAZETTEER_PATH
    The offline gazetteer table built by ``python -m geo gazetteer build``.
SUPPLEMENT_PATH
    The curated alias and supplement table (cited coordinates).
ALTNAMES_PATH
    GeoNames alternate names of the region's towns (derived table).
ARTICLE_NUMBERS_PATH
    Dated article numbers of news sites, to estimate when an undated copy
    of a page was published (see :mod:`geo.urlnumbers`).
BOUNDARIES_DIR
    Simplified province, district and border layers derived from the
    public-domain sources (see ``data/README.md``).
CACHE_DIR
    On-disk cache of online geocoder answers (``FIM_CACHE_DIR``).
CRS
    Coordinate reference system of every GeoDataFrame: WGS84 lon/lat.
USER_AGENT
    User agent sent to online geocoders (Nominatim requires a custom one).
GEOCODE_MIN_DELAY_S
    Minimum delay between two online geocoder requests (Nominatim policy:
    at most one request per second).
GEOCODE_TIMEOUT_S
    Timeout of one online geocoder request.
REGION_COUNTRIES
    ISO2 codes covered fully by the gazetteer.
NEIGHBOUR_COUNTRIES
    ISO2 codes covered at province and city level.
REGION_BOUNDS
    (min_lon, min_lat, max_lon, max_lat) of the border region map and of the
    plausibility check on coordinates.
CONFIDENCE_THRESHOLD
    Records extracted from text with a lower ``confidence`` (background,
    statistics, forecasts, past events retold) are hidden by default in the
    app, its downloads and ``python -m geo extract``; the store keeps them.
"""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_DIR: Path = Path(__file__).resolve().parent.parent
DATA_DIR: Path = Path(os.environ.get("FIM_DATA_DIR", PROJECT_DIR / "data"))
SEEDS_DIR: Path = Path(os.environ.get("FIM_SEEDS_DIR", PROJECT_DIR / "seeds"))
STORE_PATH: Path = Path(os.environ.get("FIM_STORE_PATH", DATA_DIR / "incidents.gpkg"))
GAZETTEER_PATH: Path = DATA_DIR / "gazetteer.tsv"
SUPPLEMENT_PATH: Path = DATA_DIR / "gazetteer_supplement.csv"
ALTNAMES_PATH: Path = DATA_DIR / "geonames_altnames.tsv"
ARTICLE_NUMBERS_PATH: Path = DATA_DIR / "article_numbers.csv"
BOUNDARIES_DIR: Path = DATA_DIR / "boundaries"
CACHE_DIR: Path = Path(os.environ.get("FIM_CACHE_DIR", DATA_DIR / "cache"))

CRS: str = "EPSG:4326"
USER_AGENT: str = "frontier-incident-map/0.1 (+https://github.com/frontier-incident-map)"
GEOCODE_MIN_DELAY_S: float = 1.0
GEOCODE_TIMEOUT_S: float = 10.0

REGION_COUNTRIES: tuple[str, ...] = ("PK", "AF")
NEIGHBOUR_COUNTRIES: tuple[str, ...] = ("IR", "IN", "CN", "TJ", "UZ", "TM")
REGION_BOUNDS: tuple[float, float, float, float] = (60.0, 23.5, 78.0, 38.6)
CONFIDENCE_THRESHOLD: float = 0.5
