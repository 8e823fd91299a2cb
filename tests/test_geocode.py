from __future__ import annotations

import json

import pytest
from geopy.exc import GeocoderTimedOut, GeocoderUnavailable
from geopy.geocoders.base import Geocoder
from geopy.location import Location

from geo.geocode import (
    RECORD_FIELDS,
    CachedOnlineGeocoder,
    ChainGeocoder,
    OfflineGeocoder,
    location_to_record,
)


class FakeOnline(Geocoder):
    """Stands in for Nominatim at the method boundary (no network)."""

    def __init__(self, answers=None, error=None):
        super().__init__(user_agent="test")
        self.answers = answers or {}
        self.error = error
        self.calls: list[str] = []

    def geocode(self, query, *, exactly_one=True, country_codes=None):
        self.calls.append(query)
        if self.error is not None:
            raise self.error
        hit = self.answers.get(query)
        if hit is None:
            return None
        lat, lon = hit
        raw = {
            "name": query,
            "addresstype": "village",
            "osm_type": "node",
            "osm_id": 42,
            "address": {"country_code": "pk", "state": "Khyber Pakhtunkhwa", "county": "Khyber"},
        }
        return Location(f"{query}, Pakistan", (lat, lon), raw)


def test_offline_geocoder_is_a_geopy_geocoder(tiny_gazetteer):
    g = OfflineGeocoder(tiny_gazetteer)
    assert isinstance(g, Geocoder)
    loc = g.geocode("Miram Shah")
    assert isinstance(loc, Location)
    assert (loc.latitude, loc.longitude) == pytest.approx((33.00059, 70.07117))
    assert loc.raw["place_id"] == "t:miranshah" and loc.raw["geo_precision"] == 1
    assert g.geocode("Atlantis") is None
    every = g.geocode("Kabul", exactly_one=False)
    assert every[0].raw["country_code"] == "AF" and len(every) == 3
    assert g.geocode("Kabul", country_codes="IL").raw["place_id"] == "t:kabul-iq"
    with pytest.raises(ValueError, match="feature_type"):
        g.geocode("Kabul", feature_type="planet")


def test_record_fields(tiny_gazetteer):
    rec = location_to_record("D.I. Khan", OfflineGeocoder(tiny_gazetteer).geocode("D.I. Khan"))
    assert tuple(rec) == RECORD_FIELDS
    assert rec["name"] == "Dera Ismail Khan" and rec["country_code"] == "PK"
    assert rec["admin1"] == "Khyber Pakhtunkhwa" and rec["geo_precision"] == 1
    empty = location_to_record("nowhere", None)
    assert empty["query"] == "nowhere" and empty["lat"] is None and empty["lon"] is None


def test_online_answers_are_cached_and_asked_once(tmp_path):
    fake = FakeOnline({"Sra Kala": (34.0, 71.0)})
    online = CachedOnlineGeocoder(fake, cache_path=tmp_path / "c.json", min_delay_seconds=0)
    assert online.geocode("Sra Kala").latitude == 34.0
    assert online.geocode("sra  kala").latitude == 34.0  # normalised key
    assert online.geocode("Nowhere") is None
    assert online.geocode("Nowhere") is None  # misses are cached too
    assert fake.calls == ["Sra Kala", "Nowhere"]
    cache = json.loads((tmp_path / "c.json").read_text())
    assert set(cache) == {"sra kala", "nowhere"} and cache["nowhere"] is None
    # a new process reads the cache from disk and asks nothing
    fake2 = FakeOnline()
    again = CachedOnlineGeocoder(fake2, cache_path=tmp_path / "c.json", min_delay_seconds=0)
    rec = location_to_record("Sra Kala", again.geocode("Sra Kala"))
    assert fake2.calls == [] and rec["source"] == "nominatim:node/42" and rec["country_code"] == "PK"


@pytest.mark.parametrize("error", [GeocoderUnavailable("DNS failure"), GeocoderTimedOut("timed out")])
def test_network_failure_is_reported_not_raised(tmp_path, error):
    fake = FakeOnline(error=error)
    online = CachedOnlineGeocoder(fake, cache_path=tmp_path / "c.json", min_delay_seconds=0)
    assert online.geocode("Sra Kala") is None
    assert len(online.errors) == 1 and "offline" in online.errors[0]
    assert not (tmp_path / "c.json").exists()  # failures are not cached: retried next run


def test_rate_limiter_spaces_requests(tmp_path, monkeypatch):
    slept: list[float] = []
    monkeypatch.setattr("geopy.extra.rate_limiter.sleep", lambda s: slept.append(s))
    clock = iter([0.0, 0.0, 0.1, 0.1, 0.2, 0.2, 5.0, 5.0, 5.0, 5.0])
    monkeypatch.setattr("geopy.extra.rate_limiter.default_timer", lambda: next(clock))
    fake = FakeOnline({"a": (1, 1), "b": (2, 2)})
    online = CachedOnlineGeocoder(fake, cache_path=tmp_path / "c.json")  # default: 1 s
    online.geocode("a")
    online.geocode("b")
    assert slept and max(slept) == pytest.approx(1.0, abs=0.15)


def test_chain_prefers_offline(tiny_gazetteer, tmp_path):
    fake = FakeOnline({"Sra Kala": (34.0, 71.0), "Kabul": (0.0, 0.0)})
    chain = ChainGeocoder(
        OfflineGeocoder(tiny_gazetteer),
        CachedOnlineGeocoder(fake, cache_path=tmp_path / "c.json", min_delay_seconds=0),
    )
    assert chain.geocode("Kabul").latitude == pytest.approx(34.52813)
    assert chain.geocode("Sra Kala").latitude == 34.0
    assert fake.calls == ["Sra Kala"]
    assert ChainGeocoder(OfflineGeocoder(tiny_gazetteer)).geocode("Sra Kala") is None


def test_nominatim_has_our_user_agent():
    from geo import settings
    from geo.geocode import nominatim

    g = nominatim()
    assert g.headers["User-Agent"] == settings.USER_AGENT
    assert g.timeout == settings.GEOCODE_TIMEOUT_S


def test_online_answers_get_admin_names_from_the_district_polygons(tmp_path):
    from geo.admin import AdminLocator

    fake = FakeOnline({"Sra Kala": (33.0006, 70.0712)})  # a point in North Waziristan
    online = CachedOnlineGeocoder(fake, cache_path=tmp_path / "c.json", min_delay_seconds=0)
    rec = location_to_record("Sra Kala", online.geocode("Sra Kala"), locator=AdminLocator.from_dir())
    assert (rec["country_code"], rec["admin1"], rec["admin2"]) == ("PK", "Khyber Pakhtunkhwa", "North Waziristan")


@pytest.mark.network
def test_live_nominatim_smoke(tmp_path):
    online = CachedOnlineGeocoder(cache_path=tmp_path / "c.json")
    loc = online.geocode("Peshawar")
    assert loc is not None and 33.5 < loc.latitude < 34.5, online.errors
