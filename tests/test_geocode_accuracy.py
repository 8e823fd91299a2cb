"""Accuracy of the shipped gazetteer on the cited reference list."""

from __future__ import annotations

from pathlib import Path

from geo.evaluate import geocode_accuracy, haversine_km

GOLD = Path(__file__).parent / "data" / "geocode_gold.csv"


def test_reference_list_is_large_and_varied():
    lines = GOLD.read_text(encoding="utf-8").splitlines()
    assert len(lines) - 1 >= 80


def test_accuracy_at_least_97_percent(real_gazetteer):
    score = geocode_accuracy(real_gazetteer, GOLD)
    assert score.total >= 80
    assert score.accuracy >= 0.97, "\n".join(score.failures)


def test_haversine():
    # Peshawar to Kabul is about 225 km as the crow flies
    assert 215 < haversine_km(34.008, 71.578, 34.528, 69.172) < 235
