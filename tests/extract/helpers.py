"""Helpers of the extraction tests: a small in-memory gazetteer and article builders."""

from __future__ import annotations

import datetime as dt

from geo import settings
from geo.articles import Article
from geo.extract import extract_incidents
from geo.gazetteer import Gazetteer
from geo.incidents import Incident
from tests.conftest import _place


def make_gazetteer() -> Gazetteer:
    """The places the extraction tests name, with real coordinates (rounded)."""
    return Gazetteer(
        [
            _place("t:pk", "Pakistan", "country", "PK", 30.0, 70.0),
            _place("t:af", "Afghanistan", "country", "AF", 34.0, 66.0),
            _place("t:kp", "Khyber Pakhtunkhwa", "province", "PK", 34.5, 72.0, aliases=("KP",)),
            _place("t:bal", "Balochistan", "province", "PK", 28.0, 66.0),
            _place("t:khost-p", "Khost", "province", "AF", 33.3, 69.9),
            _place("t:khost", "Khost", "town", "AF", 33.34, 69.92, admin1="Khost", pop=100_000),
            _place("t:paktika", "Paktika", "province", "AF", 32.4, 68.7),
            _place("t:kunar", "Kunar", "province", "AF", 34.9, 71.1),
            _place("t:quetta", "Quetta", "town", "PK", 30.18, 66.99, admin1="Balochistan", pop=1_000_000),
            _place("t:peshawar", "Peshawar", "town", "PK", 34.0, 71.57, admin1="Khyber Pakhtunkhwa", pop=1_900_000),
            _place("t:bannu", "Bannu", "town", "PK", 32.99, 70.6, admin1="Khyber Pakhtunkhwa", pop=50_000),
            _place("t:kabul", "Kabul", "town", "AF", 34.53, 69.17, admin1="Kabul", pop=3_000_000),
            _place("t:nwa", "North Waziristan", "district", "PK", 33.0, 70.07, admin1="Khyber Pakhtunkhwa"),
            _place(
                "t:mirali",
                "Mir Ali",
                "town",
                "PK",
                32.97,
                70.27,
                admin1="Khyber Pakhtunkhwa",
                admin2="North Waziristan",
            ),
            _place("t:bajaur", "Bajaur", "district", "PK", 34.78, 71.5, admin1="Khyber Pakhtunkhwa"),
            _place("t:lakki", "Lakki Marwat", "district", "PK", 32.6, 70.9, admin1="Khyber Pakhtunkhwa"),
            _place("t:chaman", "Chaman", "town", "PK", 30.92, 66.45, admin1="Balochistan"),
            _place("t:kurram", "Kurram", "district", "PK", 33.8, 70.1, admin1="Khyber Pakhtunkhwa"),
            _place("t:parachinar", "Parachinar", "town", "PK", 33.9, 70.1, admin1="Khyber Pakhtunkhwa"),
            _place("t:torkham", "Torkham", "crossing", "PK", 34.11, 71.08),
            _place(
                "t:border",
                "Afghanistan-Pakistan border",
                "border",
                "PK",
                32.0,
                69.3,
                aliases=("Durand Line", "Pak-Afghan border"),
            ),
            _place("t:kohat", "Kohat", "district", "PK", 33.37, 71.49, admin1="Khyber Pakhtunkhwa", admin2="Kohat"),
            _place("t:gwadar", "Gwadar", "district", "PK", 25.42, 62.53, admin1="Balochistan", admin2="Gwadar"),
            _place("t:pasni", "Pasni", "town", "PK", 25.26, 63.47, admin1="Balochistan", admin2="Gwadar"),
            _place("t:ormara", "Ormara", "town", "PK", 25.21, 64.64, admin1="Balochistan", admin2="Gwadar"),
            _place("t:kot", "Kot", "district", "AF", 34.14, 70.59, admin1="Nangarhar", admin2="Kot"),
            _place("t:march", "March", "village", "AF", 35.0, 65.0),
            _place("t:kolkata", "Kolkata", "town", "IN", 22.57, 88.36, pop=4_500_000),
            _place("t:khan", "Khan", "village", "PK", 31.0, 71.0),
        ]
    )


def article(text: str, *, published: dt.date | None = dt.date(2025, 5, 8), doc_id: str = "t") -> Article:
    return Article(doc_id=doc_id, text=text, source="Test News", url="https://example.org/a", published=published)


def run(gaz: Gazetteer, text: str, **kw: object) -> list[Incident]:
    return extract_incidents(article(text, **kw), gaz)  # type: ignore[arg-type]


def shown(gaz: Gazetteer, text: str, **kw: object) -> list[Incident]:
    """The records the map and exports show by default: those at or above the confidence threshold."""
    return [i for i in run(gaz, text, **kw) if i.confidence >= settings.CONFIDENCE_THRESHOLD]


def only(gaz: Gazetteer, text: str, **kw: object) -> Incident:
    found = run(gaz, text, **kw)
    assert len(found) == 1, [(i.sub_event_type, i.evidence) for i in found]
    return found[0]
