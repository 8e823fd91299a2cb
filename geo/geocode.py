"""geopy-compatible geocoders: offline by default, Nominatim opt-in.

* :class:`OfflineGeocoder` is a subclass of geopy's ``Geocoder`` answering
  from the :class:`~geo.gazetteer.Gazetteer`; it returns
  ``geopy.location.Location`` objects, so code written for geopy works
  offline. It never touches the network.
* :class:`CachedOnlineGeocoder` wraps any geopy geocoder (Nominatim by
  default, see :func:`nominatim`) with geopy's ``RateLimiter`` (one request
  per second, the OSMF policy), an on-disk JSON cache (a name is never asked
  twice) and error handling: a network failure is logged and reported, the
  query answers ``None`` and nothing else is lost.
* :class:`ChainGeocoder` asks the offline geocoder first and the online one
  only for names the gazetteer lacks.

Every answer can be turned into the flat record printed by
``python -m geo geocode`` with :func:`location_to_record`.

Examples
--------
>>> from geo.gazetteer import load_gazetteer
>>> geocoder = OfflineGeocoder(load_gazetteer())
>>> geocoder.geocode("Miram Shah").point
Point(33.00059, 70.07117, 0.0)
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from geopy.exc import GeocoderServiceError, GeopyError
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders.base import Geocoder
from geopy.location import Location

from geo import settings
from geo.admin import AdminLocator
from geo.atomic import atomic_path
from geo.errors import GeocoderRateLimited, GeocoderUnavailable, GeocodingError
from geo.gazetteer import FEATURE_TYPES, Gazetteer, Place, normalize

logger = logging.getLogger(__name__)

RECORD_FIELDS: tuple[str, ...] = (
    "query",
    "name",
    "lat",
    "lon",
    "feature_type",
    "country_code",
    "admin1",
    "admin2",
    "geo_precision",
    "source",
)


def place_to_location(place: Place) -> Location:
    """Wrap a gazetteer place as a geopy ``Location`` (raw = the place's fields)."""
    raw = asdict(place)
    raw["aliases"] = list(place.aliases)
    raw["geo_precision"] = place.geo_precision
    address = ", ".join(x for x in (place.name, place.admin2, place.admin1, place.country_code) if x)
    return Location(address, (place.lat, place.lon), raw)


class OfflineGeocoder(Geocoder):
    """A geopy geocoder answering from the offline gazetteer.

    Parameters
    ----------
    gazetteer
        The place index (pass it in; it is not global).
    country
        Preferred ISO2 code(s) when a name is ambiguous (ranks, not filters).

    Notes
    -----
    ``geocode`` takes geopy's usual ``exactly_one`` and also
    ``feature_type`` ("province", "district", "town"...), ``country_codes``
    (filter) and ``admin1`` (context). ``reverse`` is not offered: use the
    boundary layers for point-in-polygon.
    """

    def __init__(self, gazetteer: Gazetteer, *, country: str | Sequence[str] | None = None) -> None:
        super().__init__(user_agent=settings.USER_AGENT)
        self.gazetteer = gazetteer
        self.country = country

    def geocode(
        self,
        query: str,
        *,
        exactly_one: bool = True,
        feature_type: str | None = None,
        country_codes: str | Sequence[str] | None = None,
        admin1: str | None = None,
    ) -> Location | list[Location] | None:
        """Resolve a place name offline.

        Parameters
        ----------
        query
            A place name in any spelling (suffixes such as "District" become hints).
        exactly_one
            Return the best match only (geopy's default) or every match.
        feature_type
            Preferred feature type.
        country_codes
            Keep only places in these ISO2 countries.
        admin1
            Preferred province (context).

        Returns
        -------
        geopy.location.Location, list of Location, or None
        """
        if feature_type is not None and feature_type not in FEATURE_TYPES:
            msg = f"unknown feature_type {feature_type!r}; expected one of {sorted(FEATURE_TYPES)}"
            raise ValueError(msg)
        places = self.gazetteer.lookup(
            query, feature_type=feature_type, country=country_codes or self.country, admin1=admin1
        )
        if country_codes:
            allowed = {country_codes.upper()} if isinstance(country_codes, str) else {c.upper() for c in country_codes}
            places = [p for p in places if p.country_code in allowed]
        if not places:
            return None
        if exactly_one:
            return place_to_location(places[0])
        return [place_to_location(p) for p in places]


def nominatim(*, user_agent: str | None = None, timeout: float | None = None) -> Geocoder:
    """A geopy Nominatim geocoder with our user agent and timeout.

    Nominatim's usage policy requires an identifying user agent, at most one
    request per second and caching; :class:`CachedOnlineGeocoder` provides
    the last two.
    """
    from geopy.geocoders import Nominatim

    return Nominatim(
        user_agent=user_agent or settings.USER_AGENT,
        timeout=timeout if timeout is not None else settings.GEOCODE_TIMEOUT_S,
    )


class CachedOnlineGeocoder:
    """Rate-limited, cached access to an online geopy geocoder.

    Parameters
    ----------
    geocoder
        Any geopy geocoder; defaults to :func:`nominatim`.
    cache_path
        JSON file of past answers (``null`` for names the service did not
        know); defaults to ``settings.CACHE_DIR / "geocode_cache.json"``.
    min_delay_seconds
        Seconds between requests (1.0 for Nominatim).
    sleep
        Injected for tests (passed to geopy's ``RateLimiter``)...

    Attributes
    ----------
    errors
        Messages of the requests that failed (network down, quota...), so a
        caller can report them; failed names are not cached and are retried
        on the next run.
    """

    def __init__(
        self,
        geocoder: Geocoder | None = None,
        *,
        cache_path: str | Path | None = None,
        min_delay_seconds: float | None = None,
        country_codes: Sequence[str] | None = None,
    ) -> None:
        self.geocoder = geocoder if geocoder is not None else nominatim()
        self.cache_path = Path(cache_path) if cache_path is not None else settings.CACHE_DIR / "geocode_cache.json"
        delay = settings.GEOCODE_MIN_DELAY_S if min_delay_seconds is None else min_delay_seconds
        self.country_codes = list(country_codes or settings.REGION_COUNTRIES)
        self._limited: Callable[..., Any] = RateLimiter(
            self.geocoder.geocode,
            min_delay_seconds=delay,
            max_retries=1,
            error_wait_seconds=max(delay, 2.0),
            swallow_exceptions=False,
        )
        self._cache: dict[str, dict[str, Any] | None] | None = None
        self.errors: list[str] = []
        self.requests = 0

    def _load(self) -> dict[str, dict[str, Any] | None]:
        if self._cache is None:
            try:
                self._cache = json.loads(self.cache_path.read_text("utf-8"))
            except FileNotFoundError:
                self._cache = {}
            except (OSError, ValueError) as exc:
                logger.warning("ignoring unreadable geocode cache %s: %s", self.cache_path, exc)
                self._cache = {}
        return self._cache

    def _save(self) -> None:
        with atomic_path(self.cache_path) as tmp:
            tmp.write_text(json.dumps(self._load(), ensure_ascii=False, indent=0, sort_keys=True), "utf-8")

    def geocode(self, query: str) -> Location | None:
        """Resolve ``query`` online, from the cache when it was asked before.

        Returns ``None`` when the service does not know the name or cannot be
        reached; in the latter case the reason is appended to :attr:`errors`.
        """
        key = normalize(query)
        cache = self._load()
        if key in cache:
            hit = cache[key]
            return None if hit is None else Location(hit["address"], (hit["lat"], hit["lon"]), hit["raw"])
        try:
            self.requests += 1
            found = self._limited(query, exactly_one=True, country_codes=self.country_codes)
        except GeocoderServiceError as exc:
            err = _map_error(exc)
            self.errors.append(f"{query!r}: {err}")
            logger.warning("online geocoding of %r failed: %s", query, err)
            return None
        except GeopyError as exc:
            self.errors.append(f"{query!r}: {exc}")
            logger.warning("online geocoding of %r failed: %s", query, exc)
            return None
        cache[key] = (
            None
            if found is None
            else {"address": found.address, "lat": found.latitude, "lon": found.longitude, "raw": found.raw}
        )
        self._save()
        return found


def _map_error(exc: GeocoderServiceError) -> GeocodingError:
    """Translate geopy's exceptions into ours (with ``retry_after`` kept)."""
    from geopy.exc import GeocoderQuotaExceeded, GeocoderTimedOut
    from geopy.exc import GeocoderRateLimited as GeopyRateLimited
    from geopy.exc import GeocoderUnavailable as GeopyUnavailable

    if isinstance(exc, GeopyRateLimited):
        return GeocoderRateLimited(str(exc), retry_after=exc.retry_after)
    if isinstance(exc, GeocoderQuotaExceeded):
        return GeocoderRateLimited(str(exc))
    if isinstance(exc, (GeocoderTimedOut, GeopyUnavailable)):
        return GeocoderUnavailable(f"service unreachable ({exc}); are you offline?")
    return GeocodingError(str(exc))


class ChainGeocoder:
    """Offline first; an online geocoder only for names the gazetteer lacks.

    Parameters
    ----------
    offline
        The gazetteer geocoder.
    online
        Optional online fallback (e.g. :class:`CachedOnlineGeocoder`).
    """

    def __init__(self, offline: OfflineGeocoder, online: CachedOnlineGeocoder | None = None) -> None:
        self.offline = offline
        self.online = online

    def geocode(self, query: str, **kwargs: Any) -> Location | None:
        """Resolve ``query``: offline answer if any, else the online one."""
        found = self.offline.geocode(query, exactly_one=True, **kwargs)
        if found is not None or self.online is None:
            return found  # type: ignore[return-value]
        return self.online.geocode(query)


def location_to_record(query: str, location: Location | None, *, locator: AdminLocator | None = None) -> dict[str, Any]:
    """Flatten a geocoder answer to the record printed by ``python -m geo geocode``.

    Parameters
    ----------
    query
        What was asked.
    location
        The answer (``None`` when unresolved: lat/lon are then null).
    locator
        For answers of an online geocoder: point-in-polygon on the district
        layer gives ``admin1``/``admin2`` in the gazetteer's names.

    Returns
    -------
    dict
        Keys :data:`RECORD_FIELDS`.
    """
    rec: dict[str, Any] = dict.fromkeys(RECORD_FIELDS)
    rec["query"] = query
    if location is None:
        return rec
    raw = location.raw if isinstance(location.raw, dict) else {}
    if "place_id" in raw and "feature_type" in raw:  # one of ours
        rec.update(
            name=raw["name"],
            lat=location.latitude,
            lon=location.longitude,
            feature_type=raw["feature_type"],
            country_code=raw["country_code"],
            admin1=raw["admin1"] or None,
            admin2=raw["admin2"] or None,
            geo_precision=raw["geo_precision"],
            source=raw["place_id"],
        )
        return rec
    # an online answer (Nominatim's raw JSON)
    addr = raw.get("address", {}) if isinstance(raw.get("address"), dict) else {}
    ftype = raw.get("addresstype") or raw.get("type") or "place"
    rec.update(
        name=raw.get("name") or location.address.split(",")[0],
        lat=location.latitude,
        lon=location.longitude,
        feature_type=ftype,
        country_code=(addr.get("country_code") or "").upper() or None,
        admin1=addr.get("state"),
        admin2=addr.get("county") or addr.get("state_district"),
        geo_precision=FEATURE_TYPES.get(ftype, 2),
        source=f"nominatim:{raw.get('osm_type', '')}/{raw.get('osm_id', '')}",
    )
    found = locator.locate(location.latitude, location.longitude) if locator is not None else None
    if found is not None:
        rec["country_code"], rec["admin1"], rec["admin2"] = found
    return rec
