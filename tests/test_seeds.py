"""End to end on the seed articles: the incidents an analyst expects, in the right places."""

from __future__ import annotations

from pathlib import Path

import pytest

from geo import settings
from geo.articles import load_articles
from geo.evaluate import haversine_km
from geo.extract.records import EVIDENCE_JOINER
from geo.pipeline import extract_all, incidents_frame


@pytest.fixture(scope="module")
def seeds(real_gazetteer):
    articles = load_articles([settings.SEEDS_DIR])
    return articles, incidents_frame(extract_all(articles, real_gazetteer))


def _near(row, lat, lon, km):
    return row.geometry is not None and haversine_km(row.geometry.y, row.geometry.x, lat, lon) <= km


def _find(gdf, doc_prefix, date_prefix, predicate):
    rows = [r for r in gdf.itertuples() if r.doc_id.startswith(doc_prefix) and r.event_date.startswith(date_prefix)]
    return [r for r in rows if predicate(r)]


def test_paktika_airstrikes_24_december_2024(seeds):
    _, gdf = seeds
    hits = _find(gdf, "004", "2024-12-24", lambda r: _near(r, 32.39, 68.70, 100))
    assert hits, "Paktika airstrikes of 24 December 2024 not found"
    r = hits[0]
    assert r.sub_event_type == "Air/drone strike" and r.time_precision == 1
    assert r.fatalities == 46 and "Pakistan" in r.actor1 and r.geo_precision == 3


def test_ttp_attack_near_dera_ismail_khan_october_2024(seeds):
    _, gdf = seeds
    hits = _find(gdf, "004", "2024-10", lambda r: _near(r, 31.83, 70.90, 25))
    assert hits, "TTP attack near Dera Ismail Khan not found"
    r = hits[0]
    assert "TTP" in r.actor1 and r.fatalities == 10 and r.geo_precision == 2 and r.time_precision == 3


def test_khost_mortar_fire_2_january_2025(seeds):
    _, gdf = seeds
    hits = _find(gdf, "004", "2025-01-02", lambda r: _near(r, 33.34, 69.92, 80))
    assert hits, "Khost mortar fire of 2 January 2025 not found"
    assert hits[0].sub_event_type == "Shelling/artillery/missile attack"


def test_strikes_on_kabul(seeds):
    _, gdf = seeds
    hits = _find(gdf, "003", "2025-10", lambda r: _near(r, 34.53, 69.17, 25))
    assert hits, "strikes on Kabul not found"
    assert hits[0].sub_event_type == "Air/drone strike" and "Pakistan" in hits[0].actor1


def test_evidence_and_offsets_point_into_the_file(seeds):
    articles, gdf = seeds
    raw = {a.doc_id: Path(a.path).read_text(encoding="utf-8-sig") for a in articles}
    assert len(gdf) > 0
    for r in gdf.itertuples():
        text = raw[r.doc_id]
        assert text[r.char_start : r.char_end].strip() and r.evidence.strip()
        # every sentence of the evidence is the article's own (several are joined with " … ")
        for piece in r.evidence.split(EVIDENCE_JOINER):
            assert piece.strip() and piece in text, piece


def test_reruns_give_the_same_ids(seeds, real_gazetteer):
    articles, gdf = seeds
    again = incidents_frame(extract_all(articles, real_gazetteer))
    assert list(again["event_id"]) == list(gdf["event_id"])
