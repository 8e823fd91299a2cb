from __future__ import annotations

import pytest

from geo.errors import GazetteerError, InputError
from geo.gazetteer import Gazetteer, load_gazetteer, normalize, split_type_hint, write_gazetteer


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("Paktīkā", "paktika"),
        ("D.I. Khan", "d i khan"),
        ("Khyber-Pakhtunkhwa", "khyber pakhtunkhwa"),
        ("  KHŌST  ", "khost"),
        ("Afghanistan\u2019s", "afghanistans"),
    ],
)
def test_normalize(raw, key):
    assert normalize(raw) == key


def test_split_type_hint():
    assert split_type_hint("kurram district") == ("kurram", "district")
    assert split_type_hint("kurram agency") == ("kurram", "district")
    assert split_type_hint("the province of khost") == ("khost", "province")
    assert split_type_hint("khost") == ("khost", None)


def test_spelling_variants_resolve(tiny_gazetteer):
    for name in ("Miranshah", "Miram Shah", "miran shah", "MIRAN-SHAH"):
        assert tiny_gazetteer.best(name).place_id == "t:miranshah"
    assert tiny_gazetteer.best("Paktīkā").place_id == "t:paktika"
    assert tiny_gazetteer.best("D.I. Khan").place_id == "t:dik-town"


def test_city_or_province_by_context(tiny_gazetteer):
    # a big city wins without context, the suffix or an explicit type picks the province
    assert tiny_gazetteer.best("Kabul").place_id == "t:kabul-town"
    assert tiny_gazetteer.best("Kabul Province").place_id == "t:kabul-prov"
    assert tiny_gazetteer.best("province of Khost").place_id == "t:khost-prov"
    assert tiny_gazetteer.best("Khost", feature_type="province").place_id == "t:khost-prov"
    assert tiny_gazetteer.best("Khost city").place_id == "t:khost-town"


def test_region_and_type_priors(tiny_gazetteer):
    # the district beats a small village elsewhere; the region beats the namesake abroad
    assert tiny_gazetteer.best("Kurram").place_id == "t:kurram"
    assert tiny_gazetteer.best("Kurram District").place_id == "t:kurram"
    kabuls = tiny_gazetteer.lookup("Kabul")
    assert kabuls[-1].country_code == "IL"
    assert tiny_gazetteer.best("Kabul", country="IL").place_id == "t:kabul-iq"


def test_unknown_name(tiny_gazetteer):
    assert tiny_gazetteer.best("Atlantis") is None
    assert tiny_gazetteer.lookup("") == []


def test_find_mentions_longest_first_and_capitalised(tiny_gazetteer):
    text = "Clashes in North Waziristan and near D.I. Khan; khost (lower case) is ignored, Khost Province not."
    found = tiny_gazetteer.find_mentions(text)
    assert [m.text for m in found] == ["North Waziristan", "D.I. Khan", "Khost Province"]
    assert found[2].type_hint == "province"
    assert found[2].best.place_id == "t:khost-prov"
    for m in found:
        assert text[m.start : m.end] == m.text


def test_roundtrip_tsv(tmp_path, tiny_places):
    path = write_gazetteer(tiny_places, tmp_path / "g.tsv")
    gaz = load_gazetteer(path)
    assert len(gaz) == len(tiny_places)
    assert gaz.best("Miram Shah") == Gazetteer(tiny_places).best("Miram Shah")


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(GazetteerError, match="gazetteer build"):
        load_gazetteer(tmp_path / "nope.tsv")


def test_bad_row_names_line_and_field(tmp_path, tiny_places):
    path = write_gazetteer(tiny_places[:2], tmp_path / "g.tsv")
    lines = path.read_text().splitlines()
    cols = lines[2].split("\t")
    cols[7] = "north"
    lines[2] = "\t".join(cols)
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(InputError) as info:
        load_gazetteer(path)
    assert info.value.line == 3 and info.value.field == "lat"


def test_shipped_gazetteer_covers_the_region(real_gazetteer):
    types = {(p.country_code, p.feature_type) for p in real_gazetteer}
    for need in [("PK", "province"), ("AF", "province"), ("PK", "district"), ("AF", "district"), ("PK", "town")]:
        assert need in types
    # districts carry admin1 from the polygons; towns carry admin1/admin2
    wana = real_gazetteer.best("Wana")
    assert (wana.country_code, wana.admin1) == ("PK", "Khyber Pakhtunkhwa")
    assert real_gazetteer.best("Paktika").feature_type == "province"
    border = real_gazetteer.best("Afghanistan-Pakistan border")
    assert border is not None and border.feature_type == "border"


def test_comma_context_picks_the_province(tiny_gazetteer, real_gazetteer):
    assert tiny_gazetteer.best("Kurram, Khyber Pakhtunkhwa").place_id == "t:kurram"
    assert tiny_gazetteer.best("Kurram, Gilgit").place_id == "t:kurram"  # unknown context: name alone
    bajaur = real_gazetteer.best("Bajaur, Khyber Pakhtunkhwa")
    assert (bajaur.name, bajaur.feature_type) == ("Bajaur", "district")
    assert real_gazetteer.best("Khost, Afghanistan").country_code == "AF"


def test_own_name_beats_an_alias(real_gazetteer):
    # "Alborz" is a province of Iran and an alternate name of the town Alvand
    assert real_gazetteer.best("Alborz").feature_type == "province"


def test_geonames_alternate_names_are_merged(real_gazetteer):
    for variant in ("Datakhel", "Timurgara", "Fort Sandeman"):
        assert real_gazetteer.best(variant) is not None, variant
    assert real_gazetteer.best("Fort Sandeman").name == "Zhob"


def test_district_seat_beats_its_district_and_strict_type_words(real_gazetteer):
    hangu = real_gazetteer.best("Hangu")  # a town of 36k people, seat of Hangu district
    assert (hangu.feature_type, hangu.admin2) == ("town", "Hangu")
    # a village elsewhere named like a district does not become its seat
    assert real_gazetteer.best("Kurram").feature_type == "district"
    # "X Pass" is a pass or nothing, never the district called X
    assert real_gazetteer.best("Nawa Pass") is None
    assert real_gazetteer.best("Khyber Pass").feature_type == "pass"


def test_points_get_the_geonames_district_when_it_fits(real_gazetteer):
    assert real_gazetteer.best("Bannu").admin2 == "Bannu"  # PIP alone says North Waziristan
    assert real_gazetteer.best("Angoor Adda").admin1 == "Khyber Pakhtunkhwa"  # just outside every polygon


def test_afghan_districts_take_the_province_most_sources_agree_on(real_gazetteer):
    # by the 2007 province polygons alone these fall in Kapisa and Parwan; Natural Earth and GeoNames say otherwise
    for name in ("Rukha", "Unaba", "Dara", "Shutul"):
        assert real_gazetteer.best(name, feature_type="district", country="AF").admin1 == "Panjshir", name
    assert real_gazetteer.best("Mahmudi Raqi", feature_type="district").admin1 == "Kapisa"  # the province's seat
    assert real_gazetteer.best("Bazarak", feature_type="district").admin1 == "Panjshir"  # unchanged


def test_afghan_districts_carry_the_geonames_transliteration(real_gazetteer):
    # geoBoundaries "Chapa Dara", GeoNames "Chapah Darah": one district of Kunar
    place = real_gazetteer.best("Chapah Darah")
    assert (place.name, place.feature_type, place.admin1) == ("Chapa Dara", "district", "Kunar")
    place = real_gazetteer.best("Ghurian District")  # GeoNames "Ghōryān": the district, not its seat
    assert (place.name, place.feature_type) == ("Ghoryan", "district")


def test_border_towns_the_press_names_are_found_at_home(real_gazetteer):
    # without these rows "Wari" was a town in Maharashtra and "Bisham" unknown
    for name, admin1 in (("Wari", "Khyber Pakhtunkhwa"), ("Bisham", "Khyber Pakhtunkhwa"), ("Rakhni", "Balochistan")):
        place = real_gazetteer.best(name)
        assert (place.country_code, place.admin1) == ("PK", admin1), (name, place)


def test_the_afghan_and_the_pakistani_capital_are_their_capitals():
    gaz = load_gazetteer()
    text = "a suicide attack in the Afghan capital; a protest in the Pakistani capital"
    assert [(m.text, m.best.name) for m in gaz.find_mentions(text)] == [
        ("Afghan capital", "Kabul"),
        ("Pakistani capital", "Islamabad"),
    ]


def test_a_district_spelled_another_way_is_found_before_the_word_district():
    gaz = load_gazetteer()
    text = "raided police outposts in the Kamdish district of eastern Nuristan province"
    assert [(m.best.name, m.best.feature_type) for m in gaz.find_mentions(text)] == [
        ("Kamdesh", "district"),
        ("Nuristan", "province"),
    ]
    assert gaz.find_mentions("the Farsh area of Ghani Khail district") == []  # a town's spelling is not a district


def test_countries_are_found_by_their_common_name(real_gazetteer) -> None:
    # GeoNames spells Iran "Iran, Islamic Republic of"; the press writes "Iran"
    for name, code in [("Iran", "IR"), ("Islamic Republic of Iran", "IR"), ("India", "IN"), ("Tajikistan", "TJ")]:
        assert [p.country_code for p in real_gazetteer.lookup(name) if p.feature_type == "country"] == [code], name
    assert [m.text for m in real_gazetteer.find_mentions("The gunman who attacked a shrine in Iran was arrested.")] == [
        "Iran"
    ]


def test_the_first_name_of_a_pair_told_elliptically_is_a_mention(real_gazetteer) -> None:
    text = "soldiers were martyred in the North and South Waziristan districts; posts in Upper and Lower Dir"
    found = [(m.text, m.best.name, m.best.feature_type) for m in real_gazetteer.find_mentions(text)]
    assert found == [
        ("North", "North Waziristan", "district"),
        ("South Waziristan districts", "South Waziristan", "district"),
        ("Upper", "Upper Dir", "district"),  # typed like the second name: two districts
        ("Lower Dir", "Lower Dir", "district"),
    ]
    # one direction word twice names nothing new; a direction word alone is no place
    assert [m.text for m in real_gazetteer.find_mentions("in North and North Waziristan")] == ["North Waziristan"]
    assert real_gazetteer.find_mentions("moving north and south of the river") == []
