"""Each spelling rule of the gazetteer, tested on its own, and the explained resolution."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from geo.gazetteer import (
    Gazetteer,
    Place,
    _one_edit,
    normalize,
    skeleton_key,
    squash_initials,
    strip_qualifiers,
    translit_key,
)
from geo.gazetteer_build import (
    apply_variant_rules,
    initials_variants,
    izafe_variants,
    parenthesis_variants,
    persian_variants,
    split_district_variants,
)

ROOT = Path(__file__).resolve().parent.parent


def _p(pid, name, ftype, cc, lat, lon, *, admin1="", pop=0, aliases=()):
    return Place(pid, name, ftype, cc, admin1, "", lat, lon, pop, "test", tuple(aliases))


# ------------------------------------------------------------ query-side rules
@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("K-P", "kp"),
        ("K.P.", "kp"),
        ("D. G. Khan", "dg khan"),
        ("D.I. Khan", "di khan"),
        ("Mazar-i-Sharif", "mazar i sharif"),
    ],
)
def test_abbreviations_lose_their_dots_dashes_and_spaces(raw, key):
    assert squash_initials(normalize(raw)) == key


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("bannu cantt", ("bannu", "town")),
        ("quetta cantonment", ("quetta", "town")),
        ("fort lockhart", ("lockhart", None)),
        ("bara tehsil", ("bara", "tehsil")),
        ("landi kotal bazaar", ("landi kotal", "town")),
        ("bhera kalan", ("bhera", None)),
        ("tirah valley", ("tirah", None)),
        ("upper kohistan", ("kohistan", None)),
        ("upper lower dir", ("dir", None)),
        ("dir bala", ("dir", None)),
        ("eastern paktia province", ("paktia", "province")),
        ("lower district of south waziristan", ("south waziristan", "district")),
        ("fr kohat", ("kohat", "district")),
        ("tribal area adjoining bannu", ("bannu", "district")),
        ("peshawar saddar", ("peshawar", "town")),
        ("woluswali achin", ("achin", "district")),
        ("lowari top", ("lowari", "pass")),
        ("torkham post", ("torkham", None)),
        ("chaman border crossing point", ("chaman border", "crossing")),
    ],
)
def test_qualifiers_are_stripped(key, expected):
    assert expected in strip_qualifiers(key)


def test_qualifiers_leave_plain_names_alone():
    assert strip_qualifiers("north waziristan") == []  # a name's own words are not qualifiers
    assert strip_qualifiers("peshawar") == []
    assert strip_qualifiers("kabul nowhere") == []


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("baluchestan", "baluchistan"),  # -estan / -istan
        ("sistan o baluchestan", "sistan va baluchistan"),  # connectives
        ("dand aw patan", "dand patan"),  # Pashto 'aw' (and)
        ("qandahar", "kandahar"),  # q / k
        ("daikundi", "deykundi"),  # ai / ey
        ("orakzai", "aurakzai"),  # au / o
        ("nowshera", "naushera"),  # w after a vowel
        ("towr kham", "torkham"),  # and spaces
        ("parwan", "parvan"),  # w / v
        ("paktiya", "paktia"),  # y / i, doubled letters
        ("helmand", "hilmand"),  # e / i
        ("uruzgan", "oruzgan"),  # o / u
        ("mohmand", "momand"),  # silent h
        ("musa qaleh", "musa qala"),  # final -eh
        ("tagaw", "tagab"),  # final -aw
        ("nooristan", "nuristan"),  # doubled vowels
        ("kurram", "kuram"),  # doubled consonants
        ("badakhshan", "badakshan"),  # khsh / ksh
        ("lal por", "lalpur"),
    ],
)
def test_transliteration_key_joins_spellings(a, b):
    assert translit_key(a) == translit_key(b)


def test_transliteration_key_keeps_different_names_apart():
    assert translit_key("khost") != translit_key("kabul")
    assert translit_key("chaman") != translit_key("zaman")


def test_skeleton_key_joins_dropped_vowels_and_skips_short_names():
    assert skeleton_key("nangrahar") == skeleton_key("nangarhar")
    assert skeleton_key("jelalabad") == skeleton_key("jalalabad")
    assert skeleton_key("barawal") == ""  # four consonants: too many namesakes


@pytest.mark.parametrize(
    ("a", "b", "ok"),
    [
        ("turkham", "turkhan", True),
        ("kiberpakhtunkhva", "kiberpakhtunkhvan", True),
        ("abcdef", "abdcef", True),
        ("abcdef", "abcdef", False),
        ("abcdef", "abcxyz", False),
        ("abcdef", "abcdefgh", False),
    ],
)
def test_one_edit(a, b, ok):
    assert _one_edit(a, b) is ok


# ------------------------------------------------------------ build-side rules
def test_initials_that_are_police_ranks_are_no_variants():
    # "three personnel, including a DSP, were martyred": a deputy superintendent, not Dara-I-Sufi Payin
    assert initials_variants("Dara-I-Sufi Payin", "district", "AF", 0) == ["DS Payin"]
    assert initials_variants("Sar-e Pol", "province", "AF", 0) == []


def test_initials_variants():
    assert initials_variants("Dera Ghazi Khan", "town", "PK", 400_000) == ["DG Khan", "DGK"]
    assert initials_variants("Toba Tek Singh", "town", "PK", 10_000) == ["TT Singh"]
    assert initials_variants("Khyber Pakhtunkhwa", "province", "PK", 0) == ["KP"]
    assert initials_variants("Azad Jammu and Kashmir", "province", "PK", 0) == ["AJK"]
    assert initials_variants("Sistan and Baluchestan", "province", "IR", 0) == []  # not the region
    assert initials_variants("Landi Kotal", "town", "PK", 50_000) == []


def test_izafe_variants():
    assert izafe_variants("Sar-e Pol") == ["Sar-e Pol", "Sar-i-Pol", "Sari Pol", "Sare Pol", "Sar Pol"]
    assert izafe_variants("Nahr-i-Saraj")[-1] == "Nahr Saraj"
    assert izafe_variants("Peshawar") == []


def test_split_district_variants():
    assert split_district_variants("Upper Dir", "district") == ["Dir Upper", "Dir Bala"]
    assert split_district_variants("Lower Kohistan", "district") == ["Kohistan Lower", "Kohistan Payan"]
    assert split_district_variants("Upper Dir", "town") == []


def test_parenthesis_variants():
    assert parenthesis_variants("Ali Khail (Jaji)") == ["Ali Khail", "Jaji"]
    assert parenthesis_variants("Khost(Matun)") == ["Khost", "Matun"]
    assert parenthesis_variants("Khost") == []


def test_persian_variants():
    assert persian_variants("Chahar Asyab", "AF") == ["Char Asyab"]
    assert persian_variants("Chahar Asyab", "PK") == []


def test_apply_variant_rules_adds_only_new_spellings():
    place = _p("t:dgk", "Dera Ghazi Khan", "town", "PK", 30.05, 70.64, pop=400_000, aliases=["DG Khan"])
    (out,) = apply_variant_rules([place])
    assert out.variants == ("DGK",)
    assert out.aliases == ("DG Khan",)


# ------------------------------------------------------------ resolution
@pytest.fixture
def nawa_gazetteer() -> Gazetteer:
    return Gazetteer(
        [
            _p("t:nawa-hel", "Nawa-i-Barakzayi", "district", "AF", 31.36, 64.29, admin1="Helmand", aliases=["Nawa"]),
            _p("t:nawa-gha", "Nawa", "district", "AF", 32.33, 67.91, admin1="Ghazni"),
            _p("t:lashkargah", "Lashkar Gah", "town", "AF", 31.59, 64.37, admin1="Helmand", pop=200_000),
            _p("t:helmand", "Helmand", "province", "AF", 31.0, 64.0, admin1="Helmand"),
            _p("t:kalat-pk", "Kalat", "town", "PK", 29.03, 66.59, admin1="Balochistan", pop=30_000),
            _p("t:qalat-af", "Kalat", "town", "AF", 32.11, 66.91, admin1="Zabul", pop=30_000, aliases=["Qalat"]),
            _p("t:bombay", "Mumbai", "town", "IN", 19.07, 72.88, admin1="Maharashtra", pop=12_000_000),
        ]
    )


def test_other_places_of_the_article_pick_the_namesake(nawa_gazetteer):
    alone = nawa_gazetteer.explain("Nawa")
    assert alone.place.place_id == "t:nawa-gha"  # its own name wins without context
    (res,) = nawa_gazetteer.resolve(["Nawa"], context=["Lashkar Gah"])
    assert res.place.place_id == "t:nawa-hel"
    assert any("Lashkar Gah" in label for label, _ in res.candidates[0].parts)


def test_province_named_in_the_article_picks_the_namesake(nawa_gazetteer):
    (res,) = nawa_gazetteer.resolve(["Nawa"], context=["Helmand"])
    assert res.place.admin1 == "Helmand"
    assert "province the article names" in " ".join(label for label, _ in res.candidates[0].parts)


def test_ambiguity_and_unknown_and_outside_say_why(nawa_gazetteer):
    amb = nawa_gazetteer.explain("Kalat")
    assert amb.status == "ambiguous" and "Zabul" in amb.reason and "Balochistan" in amb.reason
    unknown = nawa_gazetteer.explain("Atlantis")
    assert unknown.place is None and unknown.status == "unknown" and "not in the gazetteer" in unknown.reason
    outside = nawa_gazetteer.explain("Mumbai", only_countries=["PK", "AF"])
    assert outside.place is None and outside.status == "outside" and "IN" in outside.reason


def test_every_rule_is_named(real_gazetteer):
    cases = {
        "Peshawar": "exact",
        "K-P": "abbreviation",
        "Bannu Cantt": "qualifier",
        "Sistan-o-Baluchestan": "transliteration",
        "Ningrahar": "skeleton",
        "Torkhan": "one letter off",
        "Qwertyuiop": "none",
    }
    for name, rule in cases.items():
        assert real_gazetteer.match(name).rule == rule, name


def test_fallback_rules_do_not_change_exact_answers(real_gazetteer):
    # exact names keep their answers: the fallbacks are asked only on a miss
    assert real_gazetteer.best("North Waziristan").name == "North Waziristan"
    assert real_gazetteer.best("Khyber Pass").feature_type == "pass"
    assert real_gazetteer.lookup("Kabul Nowhere") == []


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "geo", *args], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
    )


def test_cli_explain_and_why():
    res = _cli("geocode", "--explain", "Kalat", "--context", "Zabul")
    assert res.returncode == 0, res.stderr
    first = res.stdout.splitlines()[2]
    assert "AF, Zabul" in first, res.stdout  # Qalat of Zabul, not Kalat of Balochistan
    assert "in a province the article names (Zabul)" in res.stdout
    res = _cli("geocode", "--why", "K.P.", "Qwertyuiop")
    recs = [json.loads(line) for line in res.stdout.splitlines()]
    assert recs[0]["admin1"] == "Khyber Pakhtunkhwa" and recs[0]["status"] == "resolved"
    assert recs[1]["status"] == "unknown" and "not in the gazetteer" in recs[1]["reason"]
    res = _cli("geocode", "Qwertyuiop")
    assert "not in the gazetteer" in res.stderr


def test_spelling_tables_are_cached_and_a_bad_cache_is_ignored(tmp_path, tiny_places):
    from geo.gazetteer import load_gazetteer, write_gazetteer

    path = write_gazetteer(tiny_places, tmp_path / "g.tsv")
    cache = tmp_path / "cache"
    first = load_gazetteer(path, cache_dir=cache)
    (cached,) = cache.glob("spelling-*.marshal")
    second = load_gazetteer(path, cache_dir=cache)
    for name in ("Miran-Shah", "Khyber Pakhtunkhwan", "Kurram Agency", "Kabool"):
        assert first.match(name) == second.match(name)
    assert second.match("Khyber Pakhtunkhwan").rule == "one letter off"
    cached.write_bytes(b"not marshal data")
    third = load_gazetteer(path, cache_dir=cache)
    assert third.match("Khyber Pakhtunkhwan").rule == "one letter off"
    assert load_gazetteer(path, use_cache=False).best("KPK").place_id == "t:kp"


def test_fast_score_equals_the_explained_terms(real_gazetteer):
    for place in real_gazetteer.places[::37]:
        for kwargs in (
            {},
            {"feature_type": "district", "name_key": "kurram"},
            {"feature_type": "town", "countries": frozenset({"AF"}), "want_admin1": "helmand"},
        ):
            parts = real_gazetteer.score_parts(place, **kwargs)
            assert real_gazetteer.score(place, **kwargs) == pytest.approx(sum(v for _, v in parts))
