"""Tests of the actor alias table (geo.actors)."""

from __future__ import annotations

import importlib.util
import os
import re
from pathlib import Path

import pytest

from geo import actors
from geo.actors import (
    _ACTOR_RE,
    ACTOR_KEYS,
    AFG_MILITARY,
    AFG_STATE,
    BLA,
    GENERIC_ARMED,
    ISK,
    PAK_MILITARY,
    TJP,
    TTP,
    US_MILITARY,
    canonical_actor,
    find_actors,
    resolve_generic,
)
from geo.dates import scan_words

# the project's scorer lives outside the repository (FIM_EVAL_DIR, default ../shared/eval)
EVAL_DIR = Path(os.environ.get("FIM_EVAL_DIR", Path(__file__).resolve().parents[2] / "shared" / "eval"))
SCORE_PY = EVAL_DIR / "score.py"


@pytest.mark.parametrize(
    ("name", "canonical"),
    [
        ("TTP", TTP),
        ("Tehreek-e-Taliban Pakistan", TTP),
        ("Tehrik-i-Taliban", TTP),
        ("the Pakistani Taliban", TTP),
        ("Fitna al-Khawarij", TTP),
        ("Balochistan Liberation Army", BLA),
        ("ISKP", ISK),
        ("Islamic State Khorasan", ISK),
        ("Daesh", ISK),
        ("Tehreek-e-Jihad Pakistan", TJP),
        ("the Afghan Taliban", AFG_MILITARY),
        ("Islamic Emirate", AFG_MILITARY),
        ("Afghan border forces", AFG_STATE),
        ("Afghan Defence Ministry", AFG_STATE),
        ("Pakistani security forces", PAK_MILITARY),
        ("Pakistan Army", PAK_MILITARY),
        ("Frontier Corps", PAK_MILITARY),
        ("ISPR", PAK_MILITARY),
        ("US forces", US_MILITARY),
        ("Tehrik-e-Jehad Pakistan", TJP),
        ("the Islamic State-Khorasan", ISK),
        ("an IS-claimed bombing", ISK),
        ("IS fighters", ISK),
        ("ISIS-KP", ISK),
        ("the Gul Bahadur faction", "Hafiz Gul Bahadur Group"),
        ("Hafiz Gul Bahadur group", "Hafiz Gul Bahadur Group"),
        ("Jamaatul Ahrar", "JuA: Jamaat-ul-Ahrar (TTP faction)"),
        ("Hizbul Ahrar", "HuA: Hizbul Ahrar (TTP faction)"),
        ("Lashkar-e-Islam", "LeI: Lashkar-e-Islam"),
        ("Lashkar-e-Jhangvi al-Alami", "LeJ: Lashkar-e-Jhangvi"),
        ("Balochistan Liberation Front", "BLF: Balochistan Liberation Front"),
        ("BRAS", "BRAS: Baloch Raaji Aajoi Sangar"),
        ("the Zainabiyoun Brigade", "Zainabiyoun Brigade"),
    ],
)
def test_aliases(name: str, canonical: str) -> None:
    actor = canonical_actor(name)
    assert actor is not None
    assert actor.name == canonical


def test_unknown_name() -> None:
    assert canonical_actor("the local football club") is None


def test_upper_case_is_only_an_actor_before_a_verb_or_noun() -> None:
    assert canonical_actor("THIS IS A HEADLINE") is None
    assert canonical_actor("the IS gunmen") is not None


def test_state_words_are_flagged() -> None:
    found = find_actors("Pakistan launched strikes while Kabul denied it.")
    assert [(m.text, m.is_state_word) for m in found] == [("Pakistan", True), ("Kabul", True)]


def test_generic_actors_take_the_event_country() -> None:
    gunmen = canonical_actor("unidentified gunmen")
    assert gunmen is not None
    assert resolve_generic(gunmen, "PK") == ("Unidentified Armed Group (Pakistan)", 3)
    troops = canonical_actor("soldiers")
    assert troops is not None
    assert resolve_generic(troops, "AF") == (AFG_MILITARY, 1)
    assert resolve_generic(troops, "PK") == (PAK_MILITARY, 1)


def test_foreign_state_forces_are_external() -> None:
    pak = canonical_actor("Pakistani aircraft")
    assert pak is not None
    assert resolve_generic(pak, "AF") == (PAK_MILITARY, 8)
    assert resolve_generic(pak, "PK") == (PAK_MILITARY, 1)


def test_taliban_before_2021_are_insurgents() -> None:
    tal = canonical_actor("Afghan Taliban")
    assert tal is not None
    name, inter = resolve_generic(tal, "AF", year=2009)
    assert inter == 2 and "Taliban" in name


def test_dispatch_keys_cover_every_alias() -> None:
    text = (
        "Unidentified gunmen, U.S. forces, ISIS-K, IS-K, ISKP, Fitna al-Khawarij, Frontier Corps, FC, CTD, "
        "Levies, the BLF, BLA, TJP, JuA, LeJ, LeT, JeM, Jaish al-Adl, IRGC, NATO, CIA, al-Qaeda, AQIS, "
        "Haqqani network, Hafiz Gul Bahadur group, Majeed Brigade, Islamic Emirate, IEA, Rawalpindi, "
        "Hizbul Ahrar, HuA, HGB, Gul Bahadur group, LeI, BRAS, Baloch Raaji Aajoi Sangar, Zainabiyoun, ISK, ISIL, "
        "IS-claimed, IS fighters, "
        "New Delhi, Washington, Tehran, Kabul, police officers, policemen, checkposts, servicemen, "
        "villagers, pilgrims, labourers, tribesmen, Chinese nationals, refugees, miscreants, separatists."
    )
    a = [(m.start(), m.end()) for m in _ACTOR_RE.finditer(text)]
    b = [(m.start(), m.end()) for m in scan_words(_ACTOR_RE, text, ACTOR_KEYS)]
    assert a == b
    assert len(a) > 40


def _score_rules():
    if not SCORE_PY.exists():
        pytest.skip("scorer not available")
    spec = importlib.util.spec_from_file_location("score", SCORE_PY)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.parametrize(
    ("name", "key"),
    [
        (actors.PAK_MILITARY, "PAK_STATE"),
        (actors.PAK_POLICE, "PAK_STATE"),
        (actors.AFG_MILITARY, "AFG_TALIBAN"),
        (actors.AFG_TALIBAN_INSURGENCY, "AFG_TALIBAN"),
        (actors.TTP, "TTP"),
        (actors.BLA, "BLA"),
        (actors.ISK, "ISK"),
        (actors.TJP, "TJP"),
        (actors.US_MILITARY, "US"),
        (actors.IND_MILITARY, "IND"),
    ],
)
def test_canonical_names_map_to_scorer_keys(name: str, key: str) -> None:
    score = _score_rules()
    assert score.canon_actor(name) == key


def test_patterns_compile_case_sensitive_acronyms() -> None:
    # "ttp" in lower case inside a word must not match; the acronym must
    assert not [m for m in find_actors("attpx and sttp") if m.actor.name == TTP]
    assert re.search("TTP", find_actors("the TTP said")[0].text)


def test_islamic_state_abbreviated_after_by_and_as_a_prefix() -> None:
    from geo.actors import find_actors

    for text in ("civilians were killed by an IS-planted bomb", "a cleric was killed by IS at a seminary"):
        assert [a.actor.name for a in find_actors(text)].count("IS-K: Islamic State Khorasan Province") == 1, text
    assert not [a for a in find_actors("The road is closed.") if a.actor.name.startswith("IS-K")]


def test_afghan_state_forces_by_year() -> None:
    from geo.actors import AFG_REPUBLIC_MILITARY

    forces = canonical_actor("Afghan forces")
    assert forces is not None
    assert resolve_generic(forces, "AF", year=2020) == (AFG_REPUBLIC_MILITARY, 1)
    assert resolve_generic(forces, "AF", year=2024) == (AFG_MILITARY, 1)
    assert resolve_generic(forces, "PK", year=2024) == (AFG_MILITARY, 8)
    taliban = canonical_actor("the Afghan Taliban")
    assert taliban is not None and resolve_generic(taliban, "AF", year=2020)[0].startswith("Afghan Taliban")


def test_elliptic_pair_of_forces() -> None:
    names = [a.actor.name for a in find_actors("Afghan and Pakistani forces engaged in a gun battle.")]
    assert names == [AFG_STATE, PAK_MILITARY]


def test_soldiers_of_the_caliphate_are_the_islamic_state() -> None:
    found = find_actors("an attack carried out by the soldiers of the caliphate in Daykundi province")
    assert [a.actor.name for a in found] == [ISK]


def test_the_afghan_armed_opposition_groups_are_named() -> None:
    found = find_actors("The NRF said its fighters attacked; the Afghanistan Freedom Front (AFF) claimed another raid.")
    nrf, aff = "NRF: National Resistance Front", "AFF: Afghanistan Freedom Front"
    assert [a.actor.name for a in found] == [nrf, aff, aff]


@pytest.mark.parametrize(
    "text",
    [
        "an unknown Afghan gunman crossed the border",
        "a lone gunman opened fire",
        "the assailant fled",
        "an attacker was killed",
        "unidentified persons opened fire",
        "masked men shot him",
    ],
)
def test_one_gunman_or_unnamed_persons_are_an_unidentified_armed_group(text: str) -> None:
    assert GENERIC_ARMED in [m.actor.name for m in find_actors(text)]
