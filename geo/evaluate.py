"""Accuracy measures used by the tests and the benchmark scripts.

:func:`geocode_accuracy` judges a gazetteer against a reference list
(``tests/data/geocode_gold.csv``): towns, villages and crossings must be
within 15 km of the reference point, districts, passes, valleys and regions
within 60 km, provinces must resolve to a province with the same admin1.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from geo.gazetteer import Gazetteer
from geo.geodesy import haversine_km

__all__ = ["TOLERANCE_KM", "GeocodeScore", "geocode_accuracy", "haversine_km"]

TOLERANCE_KM = {"town": 15.0, "district": 60.0}


@dataclass(slots=True)
class GeocodeScore:
    """Outcome of :func:`geocode_accuracy`."""

    total: int = 0
    correct: int = 0
    failures: list[str] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        """Share of correct answers (0-1)."""
        return self.correct / self.total if self.total else 0.0


def geocode_accuracy(gazetteer: Gazetteer, gold_path: str | Path) -> GeocodeScore:
    """Score the gazetteer's best answer for each query of a reference list.

    Parameters
    ----------
    gazetteer
        The place index under test.
    gold_path
        CSV with ``query, feature_type (town|district|province), admin1, lat, lon``.

    Returns
    -------
    GeocodeScore
    """
    score = GeocodeScore()
    with Path(gold_path).open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            score.total += 1
            place = gazetteer.best(row["query"])
            kind = row["feature_type"]
            if place is None:
                score.failures.append(f"{row['query']!r}: not found")
                continue
            if kind == "province":
                good = place.feature_type == "province" and place.admin1 == row["admin1"]
                detail = f"{place.name} ({place.feature_type}, {place.admin1})"
            else:
                dist = haversine_km(float(row["lat"]), float(row["lon"]), place.lat, place.lon)
                good = dist <= TOLERANCE_KM.get(kind, 60.0)
                detail = f"{place.name} ({place.feature_type}) {dist:.1f} km away"
            if good:
                score.correct += 1
            else:
                score.failures.append(f"{row['query']!r} ({kind}): got {detail}")
    return score
