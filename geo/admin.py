"""Point-in-polygon lookup of ``admin1``/``admin2`` on the shipped district layer.

Used for coordinates that do not come from the gazetteer (online geocoder
answers, imported records), so every located record carries the same
province and district names as the gazetteer's.

Examples
--------
>>> loc = AdminLocator.from_dir()
>>> loc.locate(33.0006, 70.0712)  # Miran Shah
('PK', 'Khyber Pakhtunkhwa', 'North Waziristan')
>>> loc.locate(48.85, 2.35) is None
True
"""

from __future__ import annotations

import json
from pathlib import Path

import shapely
from shapely.geometry import shape

from geo import settings


class AdminLocator:
    """Find the district (and so province and country) containing a point.

    Parameters
    ----------
    features
        GeoJSON features with ``name``, ``admin1`` and ``country_code``
        properties (``data/boundaries/admin2.geojson``).
    """

    def __init__(self, features: list[dict]) -> None:
        self._props = [
            (f["properties"]["country_code"], f["properties"]["admin1"] or "", f["properties"]["name"])
            for f in features
        ]
        self._tree = shapely.STRtree([shape(f["geometry"]) for f in features])

    @classmethod
    def from_dir(cls, folder: str | Path | None = None) -> AdminLocator:
        """Load the district layer from ``folder`` (default: ``data/boundaries``)."""
        folder = Path(folder) if folder is not None else settings.BOUNDARIES_DIR
        data = json.loads((folder / "admin2.geojson").read_text("utf-8"))
        return cls(data["features"])

    def locate(self, lat: float, lon: float) -> tuple[str, str, str] | None:
        """``(country_code, admin1, admin2)`` of the point, or ``None`` outside the layer."""
        hits = self._tree.query(shapely.Point(lon, lat), predicate="intersects")
        if len(hits) == 0:
            return None
        return self._props[int(min(hits))]
