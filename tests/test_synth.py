from __future__ import annotations

import pytest

from geo.cli import main
from geo.errors import InputError
from geo.incidents import COLUMNS, validate_incidents
from geo.store import GeoPackageStore
from geo.synth import is_synthetic, synthesize


@pytest.fixture(scope="module")
def synth(real_gazetteer):
    return synthesize(5_000, seed=7, places=real_gazetteer)


def test_valid_marked_and_deterministic(synth, real_gazetteer):
    validate_incidents(synth)
    assert list(synth.columns[:-1]) == list(COLUMNS)
    assert set(synth["source"]) == {"synthetic"} and set(synth["notes"]) == {"SYNTHETIC"}
    assert synth["evidence"].str.startswith("SYNTHETIC:").all()
    assert is_synthetic(synth)
    again = synthesize(5_000, seed=7, places=real_gazetteer)
    assert again["event_id"].tolist() == synth["event_id"].tolist()
    assert again["latitude"].tolist() == synth["latitude"].tolist()
    assert synthesize(50, seed=8)["event_id"].tolist() != synthesize(50, seed=7)["event_id"].tolist()


def test_realistic_distribution(synth):
    share = synth["admin1"].value_counts(normalize=True)
    assert share.index[0] == "Khyber Pakhtunkhwa" and share.iloc[0] > 0.25
    assert share["Balochistan"] > 0.1
    east_af = synth["admin1"].isin(["Nangarhar", "Kunar", "Khost", "Paktika", "Paktia"]).mean()
    assert east_af > 0.1
    assert synth["country_code"].value_counts(normalize=True)["PK"] > 0.5
    ex_fata = synth["admin2"].isin(["North Waziristan", "South Waziristan", "Bajaur", "Khyber", "Kurram"]).mean()
    assert ex_fata > 0.08
    assert synth["actor1"].value_counts().index[0] in ("TTP: Tehreek-e-Taliban Pakistan", "Military Forces of Pakistan")
    fat = synth["fatalities"].dropna().astype(int)
    assert fat.median() <= 1 < fat.mean() and fat.max() > 20  # skewed
    assert 0.02 < synth["fatalities"].isna().mean() < 0.1  # some unknown (blank, not 0)
    dates = synth["event_date"]
    assert dates.min() >= "2022-01-01" and dates.max() <= "2025-12-31"
    assert (dates >= "2025-01-01").sum() > (dates < "2023-01-01").sum()  # rising trend
    assert set(synth["geo_precision"].dropna().astype(int)) <= {1, 2, 3}


def test_points_inside_their_district(synth):
    import geopandas as gpd

    from geo import settings

    districts = gpd.read_file(settings.BOUNDARIES_DIR / "admin2.geojson")
    sample = synth.sample(300, random_state=1)
    at_random = sample[sample["location"] == sample["admin2"]]  # not snapped to a town
    joined = gpd.sjoin(at_random, districts[["name", "geometry"]], predicate="within")
    assert (joined["name"] == joined["admin2"]).mean() > 0.95


def test_negative_n_is_an_input_error():
    with pytest.raises(InputError):
        synthesize(-1)
    assert len(synthesize(0)) == 0


def test_cli_synth_writes_a_store(tmp_path, capsys):
    out = tmp_path / "s.gpkg"
    assert main(["synth", "--n", "120", "--seed", "3", "--out", str(out), "--no-towns"]) == 0
    assert "120 SYNTHETIC incidents" in capsys.readouterr().out
    gdf = GeoPackageStore(out).read()
    assert len(gdf) == 120 and set(gdf["source"]) == {"synthetic"}
