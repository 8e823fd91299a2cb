"""Shared fixtures: a tiny gazetteer, sample incidents and a temporary store.

Tests never touch the network and never depend on the build output in
``data/``; they build what they need from small fixtures here.
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pytest

from geo.gazetteer import Gazetteer, Place, load_gazetteer
from geo.incidents import Incident, incidents_to_gdf
from geo.store import GeoPackageStore

ROOT = Path(__file__).resolve().parent.parent
pytest_plugins = ["tests.pgfixtures"]  # the PostGIS server fixtures
XSS = '<img src=x onerror=alert(1)> and <script>alert("pwned")</script>'


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--run-network", action="store_true", help="run tests that need the internet")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--run-network"):
        return
    skip = pytest.mark.skip(reason="needs the internet; run with --run-network")
    for item in items:
        if "network" in item.keywords:
            item.add_marker(skip)


def _place(pid, name, ftype, cc, lat, lon, *, admin1="", admin2="", pop=0, aliases=()):
    return Place(pid, name, ftype, cc, admin1, admin2, lat, lon, pop, "test fixture", tuple(aliases))


@pytest.fixture(scope="session")
def tiny_places() -> list[Place]:
    """A hand-made border-region gazetteer (coordinates from GeoNames)."""
    return [
        _place("t:khost-town", "Khōst", "town", "AF", 33.33951, 69.92041, admin1="Khost", pop=96123),
        _place("t:khost-prov", "Khost", "province", "AF", 33.3678, 69.9083, admin1="Khost", aliases=["Khowst"]),
        _place("t:paktika", "Paktika", "province", "AF", 32.5178, 68.6774, admin1="Paktika", aliases=["Paktīkā"]),
        _place("t:kabul-town", "Kabul", "town", "AF", 34.52813, 69.17233, admin1="Kabul", pop=4434550),
        _place("t:kabul-prov", "Kabul", "province", "AF", 34.55, 69.2, admin1="Kabul"),
        _place(
            "t:dik-town",
            "Dera Ismail Khan",
            "town",
            "PK",
            31.83129,
            70.9017,
            admin1="Khyber Pakhtunkhwa",
            admin2="Dera Ismail Khan",
            pop=200000,
            aliases=["D.I. Khan", "DI Khan"],
        ),
        _place(
            "t:dik-dist",
            "Dera Ismail Khan",
            "district",
            "PK",
            31.839,
            70.593,
            admin1="Khyber Pakhtunkhwa",
            admin2="Dera Ismail Khan",
        ),
        _place("t:nw", "North Waziristan", "district", "PK", 32.89, 70.06, admin1="Khyber Pakhtunkhwa"),
        _place("t:kurram", "Kurram", "district", "PK", 33.67, 70.35, admin1="Khyber Pakhtunkhwa", aliases=["Kuram"]),
        _place("t:kurram-village", "Kurram", "village", "PK", 36.0, 72.0, admin1="Gilgit-Baltistan", pop=300),
        _place(
            "t:miranshah",
            "Miran Shah",
            "town",
            "PK",
            33.00059,
            70.07117,
            admin1="Khyber Pakhtunkhwa",
            pop=4131,
            aliases=["Miranshah", "Miram Shah"],
        ),
        _place(
            "t:kp",
            "Khyber Pakhtunkhwa",
            "province",
            "PK",
            34.5,
            72.0,
            admin1="Khyber Pakhtunkhwa",
            aliases=["KP", "KPK"],
        ),
        _place("t:pk", "Pakistan", "country", "PK", 30.0, 70.0),
        _place("t:kabul-iq", "Kabul", "town", "IL", 32.87, 35.2, pop=14095),
        _place("t:torkham", "Torkham", "crossing", "PK", 34.1389, 71.0903, admin1="Khyber Pakhtunkhwa"),
    ]


@pytest.fixture(scope="session")
def tiny_gazetteer(tiny_places) -> Gazetteer:
    return Gazetteer(tiny_places)


@pytest.fixture(scope="session")
def real_gazetteer() -> Gazetteer:
    """The shipped gazetteer (data/gazetteer.tsv)."""
    return load_gazetteer()


def make_incidents() -> list[Incident]:
    """Six incidents spanning actors, dates, precisions; one unresolved, one hostile."""
    base = {"doc_id": "fixture", "source": "fixture.txt", "source_url": "https://example.org/a"}
    return [
        Incident(
            event_date="2024-10-15",
            time_precision=3,
            event_type="Battles",
            sub_event_type="Armed clash",
            evidence="TTP militants attacked an outpost near Dera Ismail Khan, killing 10.",
            char_start=0,
            char_end=70,
            actor1="TTP: Tehreek-e-Taliban Pakistan",
            actor2="Military Forces of Pakistan",
            country="Pakistan",
            country_code="PK",
            admin1="Khyber Pakhtunkhwa",
            admin2="Dera Ismail Khan",
            location="Dera Ismail Khan",
            latitude=31.83129,
            longitude=70.9017,
            geo_precision=2,
            fatalities=10,
            **base,
        ),
        Incident(
            event_date="2024-12-24",
            time_precision=1,
            event_type="Explosions/Remote violence",
            sub_event_type="Air/drone strike",
            evidence="Pakistani aircraft bombarded Paktika, killing 46.",
            char_start=100,
            char_end=150,
            actor1="Military Forces of Pakistan",
            actor2="Civilians (Afghanistan)",
            country="Afghanistan",
            country_code="AF",
            admin1="Paktika",
            location="Paktika",
            latitude=32.5178,
            longitude=68.6774,
            geo_precision=3,
            fatalities=46,
            **base,
        ),
        Incident(
            event_date="2025-01-02",
            time_precision=1,
            event_type="Explosions/Remote violence",
            sub_event_type="Shelling/artillery/missile attack",
            evidence="Mortar attacks on villages in Khost.",
            char_start=200,
            char_end=240,
            actor1="Military Forces of Pakistan",
            country="Afghanistan",
            country_code="AF",
            admin1="Khost",
            location="Khost",
            latitude=33.3678,
            longitude=69.9083,
            geo_precision=3,
            **base,
        ),
        Incident(
            event_date="2025-10-09",
            time_precision=3,
            event_type="Explosions/Remote violence",
            sub_event_type="Air/drone strike",
            evidence="Pakistan struck Kabul.",
            char_start=300,
            char_end=320,
            actor1="Military Forces of Pakistan",
            actor2="TTP: Tehreek-e-Taliban Pakistan",
            country="Afghanistan",
            country_code="AF",
            admin1="Kabul",
            location="Kabul",
            latitude=34.52813,
            longitude=69.17233,
            geo_precision=1,
            **base,
        ),
        Incident(
            event_date="2025-10-01",
            time_precision=3,
            event_type="Battles",
            sub_event_type="Armed clash",
            evidence="The TTP killed 11 military personnel.",
            char_start=400,
            char_end=440,
            actor1="TTP: Tehreek-e-Taliban Pakistan",
            actor2="Military Forces of Pakistan",
            country="Pakistan",
            country_code="PK",
            fatalities=11,
            **base,
        ),
        Incident(
            event_date="2025-03-11",
            time_precision=1,
            event_type="Violence against civilians",
            sub_event_type="Abduction/forced disappearance",
            evidence=XSS,
            char_start=500,
            char_end=560,
            actor1=XSS,
            actor2="Civilians (Pakistan)",
            country="Pakistan",
            country_code="PK",
            admin1="Balochistan",
            location=XSS,
            latitude=29.5,
            longitude=67.5,
            geo_precision=3,
            notes=XSS,
            fatalities=0,
            **{**base, "source_url": "javascript:alert(1)"},
        ),
    ]


@pytest.fixture
def sample_gdf() -> gpd.GeoDataFrame:
    return incidents_to_gdf(make_incidents())


@pytest.fixture
def sample_store(tmp_path, sample_gdf) -> GeoPackageStore:
    store = GeoPackageStore(tmp_path / "incidents.gpkg")
    store.write(sample_gdf)
    return store


@pytest.fixture
def article_dir(tmp_path) -> Path:
    """Two small articles, one with front matter."""
    d = tmp_path / "articles"
    d.mkdir()
    (d / "a1.md").write_text(
        "---\nurl: https://example.org/khost\npublished: 2025-01-03\ntitle: Shelling in Khost\n"
        "source: Example News\n---\nPakistan launched mortar attacks on three villages in Khost province "
        "on 2 January 2025, officials said.\n",
        encoding="utf-8",
    )
    (d / "a2.txt").write_text("Nothing happened here. Officials met in Islamabad.\n", encoding="utf-8")
    return d
