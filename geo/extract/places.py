"""Places of an incident: locative mentions, reference points and the chosen location."""

from __future__ import annotations

import calendar
import itertools
import logging
import math
import re
from typing import Final

from geo.actors import (
    ActorMention,
)
from geo.extract.actors import is_agent
from geo.extract.model import Context, in_range
from geo.gazetteer import Gazetteer, Place, PlaceMention, normalize

logger = logging.getLogger(__name__)


# ----------------------------------------------------------------- places
TYPE_RANK: Final[dict[str, int]] = {
    "village": 1,
    "town": 1,
    "city": 1,
    "site": 1,
    "crossing": 2,
    "tehsil": 2,
    "district": 3,
    "pass": 4,
    "valley": 4,
    "province": 5,
    "region": 6,
    "border": 7,
    "country": 8,
}
#: An unknown place named before its district ("in Daraban, Dera Ismail Khan District", "In Tirah, Khyber",
#: "the general area of Hassan Khel, Peshawar District"): the district is where the event is, near its place.
_UNKNOWN_PLACE_COMMA: Final[str] = (
    r"\b(?i:in|at|near|(?:area|areas|village|locality|vicinity|outskirts)\s+of)\s+(?:the\s+)?"
    r"(?:[A-Z][\w'’-]*\s+){0,2}[A-Z][\w'’-]*,\s+"
)
#: How far a town may lie from the point of the district written with it ("Makeen, South Waziristan District")
#: and still be in it: a district of the region is up to about 100 km across, and simplified lines misplace a few.
_TOWN_IN_DISTRICT_KM: Final[float] = 100.0
_LOCATIVE_BEFORE: Final[re.Pattern[str]] = re.compile(
    # "two more were martyred general area Tank": the army's wording, without "in"
    r"(?:\b(?i:in|at|near|on|upon|inside|into|across|within|around|outside|over|along|between|and|towards?|"
    r"general\s+area|"
    r"(?:province|district|city|town|village|vicinity|outskirts|suburbs?|area|areas|parts?|region|tehsil|university|"
    r"valley|capital|sub-?division|limits|jurisdiction|bazaar|market|neighbou?rhood|locality|(?-i:PD))"
    # "in PD4 of Kabul city", "in police district 11 of Kabul"
    r"(?:\s?\d{1,2})?(?:\s*\([^)]{1,30}\))?\s+of|close\s+to|adjacent\s+to|bordering|hit|hitting|struck|striking|bombed|bombarded|shelled|"
    r"rocked|rocking|shook|shaking|jolted|"
    r"targeted|targeting|attacked|raided|stormed|pounded|including|included|includes|such\s+as)\s+(?:the\s+)?"
    r"(?:(?:[a-z][\w-]*|[A-Z][\w-]*(?:'s|’s)|Upper|Lower|North|South|East|West|Central|Northern|Southern|Eastern|"
    r"Western|District|Tehsil)\s+){0,3}"
    r"|(?:'s|’s)\s+(?:[a-z][\w-]*\s+){0,2}"
    rf"|{_UNKNOWN_PLACE_COMMA})$"
    # the place column of a table row, after its date: "15 February Balkh Province 30 Unknown ..."
    r"|^\W{0,3}(?:\d{1,2}(?:\s*[–-]\s*\d{1,2})?\s+[A-Z][a-z]+|[A-Z][a-z]+\s+\d{1,2}(?:\s*[–-]\s*\d{1,2})?)\s+$"
)
_UNKNOWN_BEFORE: Final[re.Pattern[str]] = re.compile(_UNKNOWN_PLACE_COMMA + "$")
_NEAR_BEFORE: Final[re.Pattern[str]] = re.compile(
    r"\b(?:near|vicinity\s+of|outskirts\s+of|close\s+to|adjacent\s+to|around|outside|suburbs?\s+of|area\s+of|"
    r"parts?\s+of|bordering)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,2}$",
    re.IGNORECASE,
)
_ORIGIN_BEFORE: Final[re.Pattern[str]] = re.compile(
    r"\b(?:from|based|base|bases|hideouts?|sanctuar\w+|refuge|fled|belonging\s+to|hailing|native|resident\s+of|"
    r"coordinated|operating|operate|harbou?r\w*|shelter\w*|havens?|for|with|to|against)\s+(?:in\s+|across\s+|inside\s+|"
    r"from\s+|the\s+)?(?:[\w'’-]+\s+){0,2}$",
    re.IGNORECASE,
)
#: "kidnapped from Khyber Pakhtunkhwa’s Bannu district": where the abduction took place, not an origin.
_TAKEN_FROM: Final[re.Pattern[str]] = re.compile(
    r"\b(?:kidnapped|abducted|taken\s+hostage|seized|picked\s+up|whisked\s+away)\s+from\s+(?:the\s+)?"
    r"(?:[\w'’-]+\s+){0,3}$",
    re.IGNORECASE,
)
#: Between two items of a list of places.
_LIST_JOIN: Final[re.Pattern[str]] = re.compile(r"\s*(?:,|and|&|,\s*and)\s*")
#: A relative clause that describes an actor, not the event: ", which is separate from ... in X".
#: What dead or arrested militants did before, up to the end of the text searched: "were involved in recent firing
#: and attacks on security forces in District Kech", "remained actively involved in numerous terrorist activities
#: including recent target killings of police in Tank", "were responsible for recent bombings at ... Kabul".
PAST_OF_THE_DEAD: Final[re.Pattern[str]] = re.compile(
    r"\b(?:were|was|remained|had\s+been|have\s+been|has\s+been)\s+(?:\w+\s+){0,2}?(?:involved\s+in|responsible\s+for)"
    r"\s+(?:[\w-]+\s+){0,3}?(?:recent|numerous|several|many|various|multiple|a\s+number\s+of|a\s+series\s+of|"
    r"different|past|previous|earlier)\b[^;:.]*$",
    re.IGNORECASE,
)
_RELATIVE_CLAUSE: Final[re.Pattern[str]] = re.compile(
    r",\s+(?:which|who)\s+(?:is|are|was|were|has|have|had)\s+(?!(?:been\s+)?(?:killed|attacked|hit|targeted|injured))"
    r"[^,;:.]*$"
    # the past of the dead: "terrorists ... who were involved in different security incidents in District Awaran"
    r"|\b(?:who|which|that)\s+(?:were|was|had\s+been|have\s+been|has\s+been)\s+involved\s+in\b[^;:.]*$"
    # ... also without the relative pronoun
    r"|" + PAST_OF_THE_DEAD.pattern,
    re.IGNORECASE,
)
#: A strike on hideouts, camps or bases: the place after them is where it fell, not an origin.
_STRUCK_TARGET: Final[re.Pattern[str]] = re.compile(
    r"\b(?:air[\s-]?|drone\s+)?(?:strikes?|struck|striking|targeted|targeting|bombed|bombing|hit|hitting|raided|raids?|"
    r"attacks?\s+on|shelled)\s+"
    r"(?:on\s+)?(?:[\w'’-]+\s+){0,4}?(?:hideouts?|camps?|bases?|positions?|sanctuar\w+|havens?)\s+"
    r"(?:in|inside|across)\s+(?:[\w'’-]+\s+){0,2}$",
    re.IGNORECASE,
)
#: After a place: it is where the source speaks from ("the government in Kabul said").
#: ("... an operation in KP's Karak district, said the military": a comma closes the reported clause, whose place it is)
_REPORTER_PLACE_AFTER: Final[re.Pattern[str]] = re.compile(
    r"\s+(?:(?:also|later)\s+)?(?:said|says|reported|stated|told|announced|confirmed)\b", re.IGNORECASE
)
#: After a place that is the subject of the event: "Kurram district saw one of the deadliest attacks", "was rocked by".
_SUBJECT_PLACE_AFTER: Final[re.Pattern[str]] = re.compile(
    r"(?:\s+(?:district|city|town|province|tehsil|valley|area|region))?\s*,?\s+(?:once\s+again\s+|again\s+)?"
    r"(?:saw|witnessed|suffered|experienced|(?:was|were|has\s+been|have\s+been)\s+(?:rocked|hit|shaken|struck|jolted))\b",
    re.IGNORECASE,
)
#: Before the first of two places: the area between them ("between central Daykundi and Ghor provinces").
_BETWEEN_BEFORE: Final[re.Pattern[str]] = re.compile(
    r"\bbetween\s+(?:(?:the|central|northern|southern|eastern|western|north|south|east|west)\s+)*$", re.IGNORECASE
)
#: After a place: the event named by it ("2022 Lahore bombing", "Kech District attack", "the Kabul airport attack").
_EVENT_NAME_AFTER: Final[re.Pattern[str]] = re.compile(
    r"(?:\s+(?i:district|city|province|valley))?(?:\s+and\s+[A-Z][\w'’-]+)?(?:\s+[a-z]+)?\s+(?i:bombings?|blasts?|attacks?|raids?|massacres?|"
    r"explosions?|shootings?|ambush(?:es)?|sieges?|air\s?strikes?|killings?|clash(?:es)?)\b"
)
#: After a place: a capitalised word continuing the name.
_NEXT_CAPITAL: Final[re.Pattern[str]] = re.compile(r"[ \t]+([A-Z][a-z][\w-]*)")
#: Capitalised words after a place that name a part of it, not a longer place name.
_FACILITY_WORDS: Final[frozenset[str]] = frozenset(
    {
        "police",
        "press",
        "club",
        "high",
        "court",
        "cantonment",
        "cantt",
        "road",
        "bazaar",
        "market",
        "airport",
        "university",
        "hospital",
        "jail",
        "prison",
        "station",
        "camp",
        "fort",
        "highway",
        "motorway",
        "chowk",
        "gate",
        "bridge",
        "dam",
        "mosque",
        "masjid",
        "madrassa",
        "division",
        "range",
        "region",
        "valley",
        "agency",
        "levies",
        "city",
        "town",
        "village",
        "district",
        "districts",
        "province",
        "provinces",
        "tehsil",
        "area",
        "sector",
        "crossing",
        "border",
        "pass",
        "central",
        "north",
        "south",
        "east",
        "west",
        "upper",
        "lower",
        "chief",
        "deputy",
        "commissioner",
        "circle",
        "zone",
        "headquarters",
    }
)
#: After a town: the incident is in its area, not in the town itself ("the Bagan area", "Bannu's Hoid area").
_AREA_AFTER: Final[re.Pattern[str]] = re.compile(
    r"(?:\s+(?:area|areas|region|vicinity|outskirts|suburbs?)\b"
    r"|(?:'s|’s)\s+(?:[A-Z][\w-]*\s+){1,3}(?:area|village|locality|neighbou?rhood|region|bazaar|town)\b)"
)
#: A named locality: "the Domel area", "the Moski village", "Sabakzai area", "Saryab Road".
_LOCALITY: Final[re.Pattern[str]] = re.compile(
    r"\b((?-i:[A-Z][\w'’-]+)(?:\s+(?-i:[A-Z][\w'’-]+)){0,2})\s+(?:area|village|locality|neighbou?rhood|bazaar|"
    r"highway|mohalla|tehsil|union\s+council)\b",
    re.IGNORECASE,
)


_MONTH_WORDS: Final[frozenset[str]] = frozenset(name.lower() for name in calendar.month_name[1:])


def _unknown_locality(ctx: Context, start: int, end: int) -> bool:
    """Whether a span names a locality the gazetteer does not know ("in the Domel area")."""
    known = in_range(ctx.mentions, ctx.mention_starts, start, end)
    for m in _LOCALITY.finditer(ctx.text, start, end):
        if not any(k.start < m.end(1) and m.start(1) < k.end for k in known):
            return True
    return False


_HINT_AFTER: Final[re.Pattern[str]] = re.compile(
    r"^\s+(province|district|agency|city|town|village|valley|tehsil|subdivision|pass|crossing)\b", re.IGNORECASE
)
_HINT_BEFORE: Final[re.Pattern[str]] = re.compile(r"\b(province|district|city|town|village)\s+of\s+$", re.IGNORECASE)
_HINT_TYPES: Final[dict[str, str]] = {
    "province": "province",
    "district": "district",
    "agency": "district",
    "city": "town",
    "town": "town",
    "village": "village",
    "valley": "valley",
    "tehsil": "tehsil",
    "subdivision": "tehsil",
    "pass": "pass",
    "crossing": "crossing",
}
#: A place name used as a modifier: "China-built", "Pakistan-based", "Kabul-backed".
_MADE_IN: Final[re.Pattern[str]] = re.compile(
    r"-(?:built|based|backed|funded|made|sponsored|led|run|born|bound|linked|trained|supported|controlled)\b",
    re.IGNORECASE,
)
#: After a country: the name of a joint project ("the China-Pakistan Economic Corridor"), not the scene.
_COUNTRY_IN_NAME: Final[re.Pattern[str]] = re.compile(
    r"-[A-Z]\w+\s+(?:[A-Z]\w+\s+)?(?:Economic\s+)?(?:Corridor|Friendship|Highway|Railway|Pipeline|Agreement|Treaty|"
    r"Commission|Council|Forum|Summit|Chamber)\b"
)
_DEMONYMS: Final[frozenset[str]] = frozenset(
    [
        "pakistani",
        "pakistanis",
        "afghan",
        "afghans",
        "afghani",
        "chinese",
        "indian",
        "indians",
        "iranian",
        "iranians",
        "american",
        "americans",
        "baloch",
        "baluch",
        "pashtun",
        "pashtuns",
        "punjabi",
        "sindhi",
        "tajik",
        "uzbek",
        "hazara",
        "waziri",
        "mehsud",
        "wazir",
    ]
)
_NAME_WORDS: Final[frozenset[str]] = frozenset(
    [
        "north",
        "south",
        "east",
        "west",
        "upper",
        "lower",
        "central",
        "greater",
        "old",
        "new",
        "northern",
        "southern",
        "eastern",
        "western",
        "the",
    ]
)
#: A type word written before the name, after a locative: "in District Kech", "at Tehsil Mir Ali".
_TYPE_BEFORE_NAME: Final[re.Pattern[str]] = re.compile(r"\b(?i:in|at|near|of|and)\s+(?:District|Tehsil)\s+$")
_BORDER_RE: Final[re.Pattern[str]] = re.compile(
    r"\b(?:Pakistan(?:'s|’s)\s+(?:western|north[\s-]?western|porous|\w+)?\s*border|Afghanistan(?:'s|’s)\s+"
    r"(?:eastern|south[\s-]?eastern|southern)\s+border|(?:Durand\s+Line"
    r"|the\s+border(?!\s+(?:with|between)\s+(?:Iran|India|China))))"
)
_BORDER_NAMES: Final[tuple[str, ...]] = ("Afghanistan-Pakistan border", "Durand Line", "Pakistan-Afghanistan border")


def nlp_places(nlp: object, text: str, mentions: list[PlaceMention]) -> list[tuple[int, int, str]]:
    """Place names a spaCy pipeline finds outside the gazetteer (unresolved)."""
    try:
        parsed = nlp(text)  # type: ignore[operator]
    except Exception:
        logger.warning("the nlp pipeline failed; continuing without it", exc_info=True)
        return []
    known = [(m.start, m.end) for m in mentions]
    out: list[tuple[int, int, str]] = []
    for ent in getattr(parsed, "ents", ()):
        if getattr(ent, "label_", "") not in ("GPE", "LOC", "FAC"):
            continue
        s, e = int(ent.start_char), int(ent.end_char)
        if any(s < ke and ks < e for ks, ke in known):
            continue
        if ent.text.lower() in _DEMONYMS:
            continue
        out.append((s, e, ent.text))
    return out


def find_border_place(gazetteer: Gazetteer) -> Place | None:
    """The gazetteer entry of the Afghanistan-Pakistan border line, if there is one."""
    for name in _BORDER_NAMES:
        for p in gazetteer.lookup(name):
            if p.feature_type == "border":
                return p
    return None


def dominant_country(mentions: list[PlaceMention]) -> str:
    """The country (PK or AF) most places of the article lie in; PK when none."""
    counts: dict[str, int] = {}
    for m in mentions:
        cc = m.best.country_code
        if cc in ("PK", "AF"):
            counts[cc] = counts.get(cc, 0) + 1
    if not counts:
        return "PK"
    return max(counts, key=lambda c: (counts[c], c == "PK"))


#: Words that name a place as the neighbour: "areas bordering Afghanistan", "near the border with Pakistan".
_NEIGHBOUR: Final[str] = r"\b(?:bordering|borders|adjoining|neighbou?ring|(?:border|frontier)\s+with)\s+"
_NEIGHBOUR_OF: Final[re.Pattern[str]] = re.compile(_NEIGHBOUR + r"(Afghanistan|Pakistan)\b")
_NEIGHBOUR_BEFORE: Final[re.Pattern[str]] = re.compile(_NEIGHBOUR + r"(?:the\s+)?$")


def country_hint(seg: str, actor2: ActorMention | None) -> str:
    """The country a span implies when it names no place (by its target or a country word)."""
    if actor2 is not None and actor2.actor.country:
        return actor2.actor.country
    across = _NEIGHBOUR_OF.search(seg)
    if across:
        # "the country's mountainous northern areas bordering Afghanistan": the other side of that border
        return "PK" if across.group(1).startswith("Afghan") else "AF"
    if re.search(r"\bPakistan(?:i|'s|’s)?\b", seg) and not re.search(r"\bAfghan", seg):
        return "PK"
    if re.search(r"\bAfghan(?:istan)?(?:'s|’s)?\b", seg) and not re.search(r"\bPakistan", seg):
        return "AF"
    return ""


def _place_candidates(ctx: Context, start: int, end: int) -> list[tuple[int, int, str, Place | None, int]]:
    """(start, end, text, place, flags) of locative place mentions; flags: 1 near, 2 demoted."""
    text = ctx.text
    out: list[tuple[int, int, str, Place | None, int]] = []
    blocked = [(d.start, d.end) for d in ctx.dates if start <= d.start < end]
    blocked += [
        (a.start, a.end)
        for a in in_range(ctx.actors, ctx.actor_starts, start, end)
        if not a.is_state_word or is_agent(ctx, a)
    ]
    for bm in _BORDER_RE.finditer(text, start, end):
        before = text[max(start, bm.start() - 40) : bm.start()]
        weak = _ORIGIN_BEFORE.search(before) or not (
            _LOCATIVE_BEFORE.search(before) or bm.group().startswith("Pakistan")
        )
        if weak and not re.search(r"\b(?:on|near|along|at|across|beyond)\s+$", before):
            continue
        if bm.group().lower() == "the border" and not any(m.best.feature_type == "border" for m in ctx.mentions):
            continue
        flags = 1 if _NEAR_BEFORE.search(before) else 0
        out.append((bm.start(), bm.end(), bm.group(), ctx.border_place, flags))
        blocked.append((bm.start(), bm.end()))
    origin_end = -1  # the end of the last place read as an origin ("hailed from Mandi Bahauddin")
    for m in in_range(ctx.mentions, ctx.mention_starts, start, end):
        if any(m.start < be and bs < m.end for bs, be in blocked):
            continue
        if m.text.lower() in _DEMONYMS:
            continue
        if m.best.feature_type == "country" and _NEIGHBOUR_BEFORE.search(text[max(start, m.start - 30) : m.start]):
            continue  # "areas bordering Afghanistan": the neighbour, not the scene
        if _MADE_IN.match(text, m.end):
            continue  # "the China-built Confucius Institute", "Iran-backed": a modifier, not a place
        if m.best.feature_type == "country" and _COUNTRY_IN_NAME.match(text, m.end):
            continue  # "on the China-Pakistan Economic Corridor (CPEC) route": a project's name
        before = text[max(start, m.start - 45) : m.start]
        prev_word = before.split()[-1] if before.split() else ""
        if (
            prev_word[:1].isupper()
            and prev_word.lower() not in _NAME_WORDS
            and not prev_word.endswith(("'s", "’s"))
            and not re.search(r"[,.;:]$", prev_word)
            and prev_word.lower() not in ("in", "on", "at", "near")
            and prev_word.lower() not in _MONTH_WORDS  # "15 February Balkh Province": a table row's date
            # the army's wording: "in three IBOs in District Kech, Panjgur and Zhob", "in Tehsil Mir Ali"
            and not _TYPE_BEFORE_NAME.search(before)
        ):
            continue  # part of a person or organisation name ("Imran Khan")
        struck = _STRUCK_TARGET.search(text[max(start, m.start - 100) : m.start])  # "airstrikes on hideouts in Khost"
        if (
            _ORIGIN_BEFORE.search(before)
            and not struck
            and not _TAKEN_FROM.search(before)
            and not re.search(r"\b(?:in|near|at|on|and)\s+$|,\s+$", before[-8:])
        ):
            origin_end = m.end
            continue
        if origin_end >= 0 and _LIST_JOIN.fullmatch(text[origin_end : m.start]):
            origin_end = m.end  # "they hailed from Mandi Bahauddin, Gujranwala, Wazirabad": origins, all of them
            continue
        listed = bool(out) and bool(_LIST_JOIN.fullmatch(text[out[-1][1] : m.start]))  # "in Kabul, Khost and ..."
        if (
            not listed
            and not _LOCATIVE_BEFORE.search(before)
            and not _SUBJECT_PLACE_AFTER.match(text, m.end)
            and not (m.best.feature_type != "country" and _EVENT_NAME_AFTER.match(text, m.end))
        ):
            continue
        if _RELATIVE_CLAUSE.search(text[max(start, m.start - 160) : m.start]):
            continue  # "the TTP, which is separate from the movement across the border in Afghanistan"
        after = text[m.end : m.end + 40]
        if _REPORTER_PLACE_AFTER.match(after):
            continue  # "the government in Kabul said": where the source is, not the event
        nxt = _NEXT_CAPITAL.match(after)
        if nxt and nxt.group(1).lower() not in _FACILITY_WORDS:
            continue  # a short match inside an unknown longer name ("Kot" of "Kot Katai")
        if _stray_foreign(ctx, m, start, end):
            continue  # "the remote area of Shakardara Road" in a Kohat story: not the Kabul district of that name
        if _street_of_another(ctx, m, end):
            continue  # "a terrorist attack on Miranshah Road in Bannu": a street of Bannu, not the town Miran Shah
        place = _rerank(ctx, m, before)
        flags = 1 if _NEAR_BEFORE.search(before) else 0
        if _AREA_AFTER.match(after) or _UNKNOWN_BEFORE.search(before):
            flags |= 4  # "the X area", "Y's X area", "the area of Hassan Khel, Y": around X, not X itself
        out.append((m.start, m.end, m.text, place, flags))
    for s, e, name in ctx.extra_places:
        if start <= s < end and not any(s < be and bs < e for bs, be in blocked):
            before = text[max(start, s - 45) : s]
            if _LOCATIVE_BEFORE.search(before):
                out.append((s, e, name, None, 0))
    out.sort()
    # "X, near Y": Y is a reference point, not the event location
    marked: list[tuple[int, int, str, Place | None, int]] = []
    for i, c in enumerate(out):
        flags = c[4]
        gap = text[out[i - 1][1] : c[0]] if i > 0 else ""
        if flags & 1 and i > 0 and len(gap) <= _NEAR_GAP and _NEAR_BEFORE.search(gap):
            flags |= 2
        marked.append((c[0], c[1], c[2], c[3], flags))
    return marked


#: At most this many characters between a place and the "near Y" after it that makes Y a reference point:
#: "Mir Ali, near the Afghan border"; a clause further on ("the violence in Balochistan ... in the
#: Rarasham area of Musakhel") names another, finer place.
_NEAR_GAP: Final[int] = 60


_COUNTRY_WORDS: Final[dict[str, re.Pattern[str]]] = {
    "AF": re.compile(r"\bAfghan|\bKabul\b|\bTaliban\s+(?:government|administration|regime|authorities|forces)"),
    "PK": re.compile(r"\bPakistan|\bIslamabad\b"),
}


def _stray_foreign(ctx: Context, m: PlaceMention, start: int, end: int) -> bool:
    """Whether a mention names a locality the gazetteer lacks, not a namesake elsewhere.

    The mention is qualified by a district or province it does not lie in
    ("the general area of Bagh, Khyber District": not the Bagh of Azad
    Kashmir). Or the gazetteer knows the name only in one country, the
    sentence has no word of that country, and either the mention is qualified
    by a place of the other country ("near Gurbaz in the North Waziristan
    region") or it names a street in a story with no other place of that
    country ("the remote area of Shakardara Road" in a Kohat story; Shakardara
    is also a Kabul district).
    """
    if m.best.feature_type in ("country", "border", "region", "province"):
        return False
    qual = _QUALIFIER_AFTER.match(ctx.text, m.end)
    nxt = ctx.mention_at(qual.end()) if qual else None  # the place that qualifies it
    if (
        nxt is not None
        and nxt.best.feature_type in ("province", "district", "tehsil")
        and not any(_nested(p, nxt.best) or distance_km(p, nxt.best) <= _TOWN_IN_DISTRICT_KM for p in m.candidates)
        and (
            not any(p.feature_type in ("province", "district", "tehsil") for p in m.candidates)
            # "in Gulistan, Qila Abdullah district" in a Balochistan story: not the Gulistan district of Farah
            or (nxt.best.country_code == ctx.default_country and m.best.country_code != ctx.default_country)
        )
    ):
        return True  # "the general area of Bagh, Khyber District": not the Bagh of Azad Kashmir, 200 km away
    countries = {p.country_code for p in m.candidates}
    if len(countries) != 1:
        return False
    (cc,) = countries
    if cc not in _COUNTRY_WORDS or _COUNTRY_WORDS[cc].search(ctx.text, start, end):
        return False
    if nxt is not None and nxt.best.country_code not in ("", cc) and nxt.best.feature_type != "country":
        return True
    if not _STREET_AFTER.match(ctx.text, m.end) or cc == ctx.default_country:
        return False
    return not any(
        o is not m and o.best.country_code == cc and o.best.feature_type not in ("country", "border", "region")
        for o in ctx.mentions
    )


#: "X in the Y ...", "X, Y": a qualifier naming the larger place X lies in.
_QUALIFIER_AFTER: Final[re.Pattern[str]] = re.compile(r"(?:\s+in|\s+of|,)\s+(?:the\s+)?")
#: A street or market named after a place: "Shakardara Road", "Kabuli Bazaar".
_STREET_AFTER: Final[re.Pattern[str]] = re.compile(r"\s+(?:Road|Street|Chowk|Bazaar|Market|Avenue)\b")


def _street_of_another(ctx: Context, m: PlaceMention, end: int) -> bool:
    """Whether a mention names a street or market of the place named right after it ("Miranshah Road in Bannu")."""
    street = _STREET_AFTER.match(ctx.text, m.end)
    qual = _QUALIFIER_AFTER.match(ctx.text, street.end()) if street is not None else None
    nxt = ctx.mention_at(qual.end()) if qual is not None else None
    return nxt is not None and nxt.start < end and nxt.best.name != m.best.name


def _rerank(ctx: Context, m: PlaceMention, before: str) -> Place:
    text = ctx.text
    hint = m.type_hint
    after = text[m.end : m.end + 20]
    ha = _HINT_AFTER.search(after)
    hb = _HINT_BEFORE.search(before)
    if hint is None and ha:
        hint = _HINT_TYPES[ha.group(1).lower()]
    elif hint is None and hb:
        hint = _HINT_TYPES[hb.group(1).lower()]
    country = None
    pm = re.search(r"\b(Pakistan|Afghanistan)(?:'s|’s)\s+(?:[a-z][\w-]*\s+){0,3}(?:province\s+of\s+)?$", before)
    if pm:
        country = "PK" if pm.group(1) == "Pakistan" else "AF"
    if hint is None and country is None:
        return m.best
    if country is None and ctx.default_country:
        # "in Musakhail and Qalat districts" in a Balochistan story: a typed name of the article's country first
        country = ctx.default_country
    ranked = ctx.gazetteer.rank(list(m.candidates), feature_type=hint, country=country)
    return ranked[0] if ranked else m.best


def choose_place(ctx: Context, start: int, end: int) -> tuple[Place | None, str, int | None, bool]:
    """The event location of a span: (place, location text, geo_precision, locative found)."""
    cands = _place_candidates(ctx, start, end)
    if not cands:
        return None, "", None, False
    resolved = [c for c in cands if c[3] is not None]
    pool = [c for c in resolved if not c[4] & 2] or resolved
    between = _between_places(ctx, resolved)
    if between is not None:
        return between, between.name, 2, True
    if pool:
        best = min(pool, key=lambda c: (TYPE_RANK.get(c[3].feature_type, 9), c[0]))  # type: ignore[union-attr]
        place = best[3]
        assert place is not None
        precision = place.geo_precision
        if best[4] & 5 and precision == 1:
            precision = 2
        if precision == 1 and _unknown_locality(ctx, start, end):
            precision = 2  # "in the Domel area" of Bannu: a place the gazetteer lacks, near the town it names
        return place, place.name, precision, True
    first = cands[0]
    return None, first[2], None, True


def _between_places(ctx: Context, cands: list[tuple[int, int, str, Place | None, int]]) -> Place | None:
    """A point halfway between two nearby towns ("between Pasni and Ormara", geo_precision 2)."""
    text = ctx.text
    for a, b in itertools.pairwise(cands):
        pa, pb = a[3], b[3]
        if pa is None or pb is None or pa.geo_precision != 1 or pb.geo_precision != 1:
            continue
        if not re.fullmatch(r"\s+and\s+", text[a[1] : b[0]]) or not re.search(r"\bbetween\s+$", text[a[0] - 9 : a[0]]):
            continue
        if pa.country_code != pb.country_code or distance_km(pa, pb) > 150:
            continue
        return Place(
            place_id=f"{pa.place_id}+{pb.place_id}",
            name=f"between {pa.name} and {pb.name}",
            feature_type="town",
            country_code=pa.country_code,
            admin1=pa.admin1 if pa.admin1 == pb.admin1 else "",
            admin2=pa.admin2 if pa.admin2 == pb.admin2 else "",
            lat=round((pa.lat + pb.lat) / 2, 5),
            lon=round((pa.lon + pb.lon) / 2, 5),
            population=0,
            source="midpoint",
        )
    return None


def coordinated_places(ctx: Context, start: int, end: int, chosen: Place) -> tuple[Place, list[Place]]:
    """The chosen place as the list types it, and the places coordinated with it ("in Kunar and Paktika").

    A plural type word after the list ("in Ghazni and Kunar provinces", "the
    Lakki Marwat and Bannu areas") types every name of it, so "Ghazni" is
    read as the province even where the town ranks first; the chosen place
    is typed too ("in Kandahar and Paktia provinces": the province of
    Kandahar, not the city). Each of the others is one incident more.
    """
    cands = _fold_qualifiers(ctx, [c for c in _place_candidates(ctx, start, end) if c[3] is not None and not c[4] & 2])
    idx = next((i for i, c in enumerate(cands) if c[3] == chosen), None)
    if idx is None or is_vague_place(chosen):
        return chosen, []
    run = [idx]
    for step in (-1, 1):
        i = idx
        while 0 <= i + step < len(cands):
            a, b = (cands[i], cands[i + step]) if step == 1 else (cands[i + step], cands[i])
            other = cands[i + step][3]
            assert other is not None
            if other == chosen or not re.fullmatch(r"\s*(?:,|and|&|,\s*and)\s*", ctx.text[a[1] : b[0]]):
                break
            if any(_nested(other, cands[k][3]) for k in run) or _address_comma(ctx, a, b):
                break  # "in Khar, Bajaur District, Khyber Pakhtunkhwa": an address, not a list
            if (
                other.feature_type != chosen.feature_type
                and not _plural_type_after(ctx, cands, i, step)
                and not _enumeration(ctx, cands, idx)
                and not _far_apart(other, chosen)
            ):
                break
            i += step
            run.append(i)
    run.sort()
    if len(run) == 2 and _BETWEEN_BEFORE.search(ctx.text, max(start, cands[run[0]][0] - 40), cands[run[0]][0]):
        return chosen, []  # "in a remote border area between central Daykundi and Ghor provinces": one place
    plural = _plural_type(ctx, cands[run[-1]]) if len(run) > 1 else None
    wanted = _PLURAL_TYPES.get(plural) if plural else None
    extra: list[Place] = []
    typed = chosen
    for i in run:
        p = cands[i][3]
        if wanted is not None and p is not None and p.feature_type != wanted:
            p = ctx.gazetteer.best(cands[i][2], feature_type=wanted, country=p.country_code) or p
        if i == idx:
            typed = p or chosen
        elif p is not None and p != typed and p not in extra and p.name != chosen.name:
            extra.append(p)
    return typed, [p for p in extra if p != typed]


#: Between a place and the province it lies in: "Jalalabad city in Nangarhar", "Alingar district of Laghman".
_QUALIFIER_GAP: Final[re.Pattern[str]] = re.compile(
    r"\s*(?:city|town|district|area|village|tehsil)?\s*(?:in|of),?\s+(?:the\s+)?", re.IGNORECASE
)


def _district_of(place: Place, name: str) -> bool:
    """Whether ``name`` is the district of a place below district level ("Daraban, Dera Ismail Khan")."""
    return place.feature_type not in ("district", "province", "region", "country") and normalize(name) == normalize(
        place.admin2 or "-"
    )


#: Between a province and a place it qualifies: "Balochistan’s Tank".
_POSSESSIVE_GAP: Final[re.Pattern[str]] = re.compile(r"['’]s\s+")


def _fold_qualifiers(ctx: Context, cands: list[tuple[int, int, str, Place | None, int]]) -> list:
    """Fold "X city in Province" into one candidate for X that ends after the province.

    "Province’s X" folds into one candidate for X that starts at the province.

    "in Pul-i-Khumri city in Baghlan, Jalalabad city in Nangarhar, and
    Alingar district in Laghman" is a list of three places, each with its
    province; without the fold the provinces break the list.
    """
    out: list[tuple[int, int, str, Place | None, int]] = []
    i = 0
    while i < len(cands):
        c = cands[i]
        if i + 1 < len(cands):
            q = cands[i + 1]
            gap = ctx.text[c[1] : q[0]]
            if (
                c[3] is not None
                and q[3] is not None
                and (
                    (q[3].feature_type == "province" and _nested(q[3], c[3]))
                    or normalize(q[2])
                    == normalize(c[3].admin1 or "-")  # "in Baghlan": the province, whatever ranks first
                    or _district_of(c[3], q[2])  # "in Daraban, Dera Ismail Khan": a town and its district
                )
                and (_QUALIFIER_GAP.fullmatch(gap) or (gap.strip() == "," and _district_of(c[3], q[2])))
            ):
                out.append((c[0], q[1], c[2], c[3], c[4]))
                i += 2
                continue
            if (
                c[3] is not None
                and q[3] is not None
                and c[3].feature_type in ("province", "country")
                and q[3].feature_type not in ("province", "country")
                and _POSSESSIVE_GAP.fullmatch(gap)
            ):
                # "in Khyber Pakhtunkhwa’s Lakki Marwat and Balochistan’s Tank": the province qualifies the place
                out.append((c[0], q[1], q[2], q[3], q[4]))
                i += 2
                continue
        out.append(c)
        i += 1
    return out


#: Plural type words after a list of places: "in Khost and Paktika provinces".
_PLURAL_TYPE: Final[re.Pattern[str]] = re.compile(
    r"\s+(provinces|districts|areas|towns|cities|villages)\b", re.IGNORECASE
)
_PLURAL_TYPES: Final[dict[str, str | None]] = {
    "provinces": "province",
    "districts": "district",
    "areas": None,
    "towns": "town",
    "cities": "town",
    "villages": "village",
}


def _address_comma(ctx: Context, a: tuple, b: tuple) -> bool:
    """Whether "Town, District" joined by a comma is an address: "in general area Makeen, South Waziristan District".

    The town's own district may disagree with the one written (a town a
    kilometre or two over a simplified district line), so nearness decides.
    """
    town, area = a[3], b[3]
    if town is None or area is None or not re.fullmatch(r"\s*,\s*", ctx.text[a[1] : b[0]]):
        return False
    return (
        town.feature_type in ("town", "city", "village")
        and area.feature_type in ("district", "tehsil")
        and town.country_code == area.country_code
        and distance_km(town, area) <= _TOWN_IN_DISTRICT_KM
    )


def _nested(a: Place, b: Place | None) -> bool:
    """Whether one place lies in the other ("Khar, Bajaur District, Khyber Pakhtunkhwa, Pakistan")."""
    if b is None:
        return False
    for x, y in ((a, b), (b, a)):
        if x.feature_type == "country" and y.country_code == x.country_code:
            return True
        if x.feature_type == "province" and (y.admin1 or "").lower() == x.name.lower():
            return True
        if x.feature_type in ("district", "tehsil") and (y.admin2 or "").lower() == x.name.lower():
            return True
    return False


#: Feature types of the places a list may join although their types differ ("Kandahar province and Kabul").
_LISTABLE: Final[frozenset[str]] = frozenset({"province", "district", "tehsil", "town", "city", "village"})


def _far_apart(a: Place, b: Place) -> bool:
    """Two places of the list that cannot be one scene: not nested and more than 50 km apart."""
    return (
        a.feature_type in _LISTABLE and b.feature_type in _LISTABLE and not _nested(a, b) and distance_km(a, b) > 50.0
    )


def _enumeration(ctx: Context, cands: list, idx: int) -> bool:
    """Whether candidate ``idx`` opens or belongs to an enumeration: "including Kabul, Khost, Jalalabad and Paktika"."""
    lo = hi = idx
    join = re.compile(r"\s*(?:,|and|&|,\s*and)\s*")
    while lo > 0 and join.fullmatch(ctx.text[cands[lo - 1][1] : cands[lo][0]]):
        lo -= 1
    while hi + 1 < len(cands) and join.fullmatch(ctx.text[cands[hi][1] : cands[hi + 1][0]]):
        hi += 1
    lead = ctx.text[max(0, cands[lo][0] - 30) : cands[lo][0]]
    return hi - lo >= 2 or bool(re.search(r"\b(?:including|included|includes|such\s+as)\s+(?:\w+\s+){0,2}$", lead))


def _plural_type_after(ctx: Context, cands: list, i: int, step: int) -> bool:
    """Whether the list holding candidates ``i`` and ``i + step`` ends with a plural type word."""
    k = max(i, i + step)
    while k + 1 < len(cands) and re.fullmatch(r"\s*(?:,|and|&|,\s*and)\s*", ctx.text[cands[k][1] : cands[k + 1][0]]):
        k += 1
    return _plural_type(ctx, cands[k]) is not None


def _plural_type(ctx: Context, cand: tuple) -> str | None:
    """The plural type word right after (or closing) a place mention: "Kunar provinces" gives "provinces"."""
    after = _PLURAL_TYPE.match(ctx.text, cand[1])
    if after is not None:
        return after.group(1).lower()
    inside = _PLURAL_TYPE.search(" " + cand[2])
    return inside.group(1).lower() if inside is not None and inside.end() == len(cand[2]) + 1 else None


def is_vague_place(place: Place | None) -> bool:
    """A place that does not pin an incident down (a country, a border, a region)."""
    return place is None or place.feature_type in ("country", "border", "region")


def distance_km(a: Place, b: Place) -> float:
    """Great-circle distance between two places, in kilometres."""
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dp, dl = p2 - p1, math.radians(b.lon - a.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))
