"""The embedded incident store and the export formats.

The store sits behind one small interface, :class:`IncidentStore`
(``read``/``write``/``exists``), so the same pipeline can later target
PostGIS. The default, :class:`GeoPackageStore`, is a single server-less
GeoPackage file (``data/incidents.gpkg``, layer ``incidents``), written
atomically (:func:`geo.atomic.atomic_path`): the new file is written next to
the old one and renamed over it, so an interrupted build leaves the previous
store intact, and the temporary files of a killed write are removed on the
next read or write.

Exports: :func:`to_geojson_bytes` (RFC 7946: WGS84 lon/lat, no ``crs``
member), :func:`to_csv_bytes` (ACLED column order) and
:func:`to_gpkg_bytes` (a GeoPackage in the store's format).
"""

from __future__ import annotations

import io
import json
import logging
import tempfile
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import geopandas as gpd
import pandas as pd

from geo import settings
from geo.atomic import atomic_path, remove_orphans
from geo.errors import StoreError
from geo.incidents import COLUMNS, normalise_frame

logger = logging.getLogger(__name__)

LAYER = "incidents"


@runtime_checkable
class IncidentStore(Protocol):
    """What the pipeline and the app need from a store."""

    def exists(self) -> bool:
        """Whether the store holds a written incident table."""
        ...

    def read(self) -> gpd.GeoDataFrame:
        """All incidents, in the schema of :mod:`geo.incidents`."""
        ...

    def write(self, gdf: gpd.GeoDataFrame) -> None:
        """Replace the stored incidents with ``gdf`` (atomically)."""
        ...


class GeoPackageStore:
    """An :class:`IncidentStore` in one GeoPackage file.

    Parameters
    ----------
    path
        The ``.gpkg`` file; defaults to :data:`geo.settings.STORE_PATH`.
    """

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path) if path is not None else settings.STORE_PATH

    def __repr__(self) -> str:
        return f"GeoPackageStore({str(self.path)!r})"

    def exists(self) -> bool:
        """Whether the GeoPackage file exists."""
        return self.path.is_file()

    def read(self) -> gpd.GeoDataFrame:
        """Read every incident.

        Raises
        ------
        StoreError
            The file is missing or is not a readable incident GeoPackage.
        """
        remove_orphans(self.path)  # leftovers of a write that was killed
        if not self.exists():
            msg = f"no incident store at {self.path}; build it with `python -m geo build`"
            raise StoreError(msg)
        try:
            gdf = gpd.read_file(self.path, layer=LAYER, use_arrow=True)
        except Exception as exc:  # pyogrio raises DataSourceError, DataLayerError...
            msg = f"cannot read the incident store {self.path}: {exc}"
            raise StoreError(msg) from exc
        return normalise_frame(pd.DataFrame(gdf.drop(columns="geometry", errors="ignore")))

    def write(self, gdf: gpd.GeoDataFrame) -> None:
        """Write all incidents atomically (replacing the previous store)."""
        frame = normalise_frame(pd.DataFrame(gdf.drop(columns="geometry", errors="ignore")))
        try:
            with atomic_path(self.path) as tmp:
                frame.to_file(tmp, layer=LAYER, driver="GPKG", engine="pyogrio")
        except OSError as exc:
            msg = f"cannot write the incident store {self.path}: {exc}"
            raise StoreError(msg) from exc
        except Exception as exc:  # GDAL write errors
            msg = f"cannot write the incident store {self.path}: {exc}"
            raise StoreError(msg) from exc
        logger.info("wrote %d incidents to %s", len(frame), self.path)


def _json_value(value: Any) -> Any:
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float) and value != value:  # NaN
        return None
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def to_feature_collection(gdf: gpd.GeoDataFrame) -> dict[str, Any]:
    """The incidents as an RFC 7946 FeatureCollection (a dict).

    Coordinates are ``[longitude, latitude]`` in WGS84; an unresolved place
    gives ``"geometry": null``; missing values are ``null`` (fatalities
    unknown is null, not 0). Properties follow :data:`geo.incidents.COLUMNS`.

    Parameters
    ----------
    gdf
        Incident GeoDataFrame (any CRS; reprojected to WGS84).

    Returns
    -------
    dict
    """
    if gdf.crs is not None and gdf.crs.to_epsg() != 4326:
        gdf = gdf.to_crs(settings.CRS)
    cols = [c for c in COLUMNS if c in gdf.columns]
    features = []
    for props, geom in zip(gdf[cols].to_dict("records"), gdf.geometry, strict=True):
        geometry = None
        if geom is not None and not geom.is_empty:
            geometry = {"type": "Point", "coordinates": [round(geom.x, 6), round(geom.y, 6)]}
        features.append(
            {
                "type": "Feature",
                "id": props.get("event_id"),
                "geometry": geometry,
                "properties": {k: _json_value(v) for k, v in props.items()},
            }
        )
    return {"type": "FeatureCollection", "features": features}


def to_geojson_bytes(gdf: gpd.GeoDataFrame) -> bytes:
    """The incidents as RFC 7946 GeoJSON, UTF-8 encoded (see :func:`to_feature_collection`)."""
    return json.dumps(to_feature_collection(gdf), ensure_ascii=False, indent=1).encode("utf-8")


def to_csv_bytes(gdf: gpd.GeoDataFrame) -> bytes:
    """The incidents as CSV in ACLED column order, then the extra columns."""
    cols = [c for c in COLUMNS if c in gdf.columns]
    buf = io.StringIO()
    pd.DataFrame(gdf[cols]).to_csv(buf, index=False)
    return buf.getvalue().encode("utf-8")


def to_parquet_bytes(gdf: gpd.GeoDataFrame) -> bytes:
    """The incidents as GeoParquet (WKB geometry, ``geo`` metadata, EPSG:4326), as bytes."""
    frame = normalise_frame(pd.DataFrame(gdf.drop(columns="geometry", errors="ignore")))
    buf = io.BytesIO()
    frame.to_parquet(buf, index=False)
    return buf.getvalue()


def read_incidents_file(path: str | Path) -> gpd.GeoDataFrame:
    """Read incidents exported as GeoJSON, GeoPackage, GeoParquet or CSV back into the schema."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".parquet", ".geoparquet"):
        gdf = gpd.read_parquet(path)
    elif suffix == ".csv":
        gdf = pd.read_csv(path, dtype=str, keep_default_na=False)
    else:
        gdf = gpd.read_file(path)
    frame = pd.DataFrame(gdf.drop(columns="geometry", errors="ignore"))
    frame = frame.replace({"": None}) if suffix == ".csv" else frame
    return normalise_frame(frame)


def merge_incidents(existing: gpd.GeoDataFrame, new: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Add ``new`` incidents to ``existing``; an ``event_id`` already stored is kept as it is.

    Re-adding the same input therefore changes nothing (ids are stable).
    """
    frames = [pd.DataFrame(f.drop(columns="geometry", errors="ignore")) for f in (existing, new) if len(f)]
    if not frames:
        return normalise_frame(pd.DataFrame(columns=list(COLUMNS)))
    merged = pd.concat(frames, ignore_index=True).drop_duplicates(subset="event_id", keep="first")
    return normalise_frame(merged.reset_index(drop=True))


def to_gpkg_bytes(gdf: gpd.GeoDataFrame) -> bytes:
    """The incidents as a GeoPackage file (bytes), written exactly as the store writes itself.

    Returns
    -------
    bytes
        The content of a ``.gpkg`` file readable by :class:`GeoPackageStore`,
        QGIS or ``geopandas.read_file``.

    Raises
    ------
    StoreError
        GDAL could not write the file.
    """
    with tempfile.TemporaryDirectory(prefix="fim-gpkg-") as tmp:
        store = GeoPackageStore(Path(tmp) / "incidents.gpkg")
        store.write(gdf)
        return store.path.read_bytes()
