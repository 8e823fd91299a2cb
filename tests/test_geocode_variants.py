"""Spellings of border-region places as the press and official lists write them.

``tests/data/variants_gold.csv`` was written from published pages (each row
cites the page where the spelling appears and the source of its point), not
from the variant rules. Towns, crossings and passes must resolve within 15 km,
districts within 60 km, provinces to the same province (by admin1).
"""

from __future__ import annotations

import csv
import math
from pathlib import Path

from geo.gazetteer import Gazetteer, normalize, translit_key

GOLD = Path(__file__).parent / "data" / "variants_gold.csv"


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def _same_province(a: str, b: str) -> bool:
    return translit_key(normalize(a)) == translit_key(normalize(b))


def score_variants(gaz: Gazetteer, path: Path = GOLD) -> tuple[int, int, list[str]]:
    """(hits, rows, failures) of ``python -m geo geocode`` semantics on the gold rows."""
    rows = list(csv.DictReader(path.open(encoding="utf-8", newline="")))
    hits, failures = 0, []
    for row in rows:
        res = gaz.explain(row["name"])
        place = res.place
        if place is None:
            failures.append(f"{row['name']!r}: {res.status}: {res.reason}")
            continue
        if row["kind"] == "province":
            ok = _same_province(place.admin1 or place.name, row["expected_place"])
            detail = f"admin1 {place.admin1!r}"
        else:
            dist = _km(float(row["lat"]), float(row["lon"]), place.lat, place.lon)
            ok = dist <= float(row["tolerance_km"])
            detail = f"{place.name} ({place.feature_type}) {dist:.0f} km away"
        if ok:
            hits += 1
        else:
            failures.append(f"{row['name']!r} -> {detail}, expected {row['expected_place']}")
    return hits, len(rows), failures


def test_gold_rows_are_complete_and_cited():
    rows = list(csv.DictReader(GOLD.open(encoding="utf-8", newline="")))
    assert len(rows) >= 60
    kinds = {r["kind"] for r in rows}
    assert {"province", "district", "town", "crossing", "pass"} <= kinds
    for r in rows:
        assert r["source"].startswith("spelling: ") and ("http" in r["source"] or "Wikipedia" in r["source"])
        if r["kind"] != "province":
            assert float(r["tolerance_km"]) in (15.0, 60.0)
            assert -90 <= float(r["lat"]) <= 90 and -180 <= float(r["lon"]) <= 180


def test_variants_resolve_within_tolerance(real_gazetteer):
    hits, total, failures = score_variants(real_gazetteer)
    assert hits / total >= 0.95, "\n".join(failures)
