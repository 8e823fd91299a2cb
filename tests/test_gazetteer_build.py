from __future__ import annotations

import pytest

from geo.errors import GazetteerError, InputError
from geo.gazetteer import Gazetteer
from geo.gazetteer_build import build_gazetteer, read_supplement

HEADER = "name,aliases,feature_type,country_code,lat,lon,source\n"


def _write(tmp_path, body: str):
    path = tmp_path / "supp.csv"
    path.write_text(HEADER + body, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("row", "line", "field"),
    [
        ("X,,planet,PK,1,1,src\n", 2, "feature_type"),
        ("X,,town,PK,1,,src\n", 2, "lat"),
        ("X,,town,PK,north,1,src\n", 2, "lat"),
        ("X,,town,PK,95,1,src\n", 2, "lat"),
        ("X,,town,PK,30,70,\n", 2, "source"),
        (",,town,PK,30,70,src\n", 2, "name"),
    ],
)
def test_supplement_errors_name_line_and_field(tmp_path, row, line, field):
    path = _write(tmp_path, "Ok,,town,PK,30,70,src\n" + row)
    with pytest.raises(InputError) as info:
        read_supplement(path)
    assert info.value.line == line + 1 and info.value.field == field


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Gazetteer:
    tmp = tmp_path_factory.mktemp("supp")
    path = tmp / "supp.csv"
    path.write_text(
        HEADER
        + "Testcrossing,Test Gate,crossing,PK,34.1,71.1,cited test source\n"
        + "Miran Shah,Miramshah-Test,town,PK,,,alias test\n"
        + "Nowhere Town,Alias Of Nothing,town,PK,,,alias with no target\n"
        + "Faraway,,town,FR,45,3,not in the requested countries\n",
        encoding="utf-8",
    )
    return Gazetteer(build_gazetteer(["PK", "AF"], supplement_path=path))


def test_build_adds_curated_places_and_aliases(built):
    cross = built.best("Test Gate")
    assert cross.place_id == "curated:pk-testcrossing" and cross.feature_type == "crossing"
    assert cross.admin1 == "Khyber Pakhtunkhwa"  # point-in-polygon on the district layer
    assert built.best("Miramshah-Test").name == "Miran Shah"
    assert built.best("Alias Of Nothing") is None
    assert built.best("Faraway") is None


def test_build_has_every_admin_level(built):
    kinds = {(p.country_code, p.feature_type) for p in built}
    assert {("PK", "province"), ("AF", "district"), ("PK", "town"), ("AF", "country"), ("PK", "border")} <= kinds
    districts = [p for p in built if p.feature_type == "district"]
    assert len(districts) == 524 and all(p.admin1 for p in districts)
    assert len({p.place_id for p in built}) == len(built)


def test_unknown_country_code():
    with pytest.raises(GazetteerError, match="XX"):
        build_gazetteer(["XX"])
