"""Actor alias table: press names of armed actors mapped to ACLED-style names.

The table maps the many spellings used by the press ("TTP", "Tehrik-i-Taliban",
"Pakistani Taliban", "Fitna al-Khawarij") to one canonical, ACLED-style actor
name with its ACLED ``inter`` code and home country. Matching is regex based
(no statistical model) and runs once per article over the whole text.

ACLED ``inter`` codes: 1 state forces, 2 rebel groups, 3 political militias,
4 identity militias, 5 rioters, 6 protesters, 7 civilians, 8 external/other
forces (e.g. a foreign state's military acting in another country).

Three kinds of entries exist:

* named actors (``TTP: Tehreek-e-Taliban Pakistan``, ``BLA: ...``);
* *state words*: a country or capital name ("Pakistan", "Kabul") is an actor
  only when it acts in a violent sentence (subject or ``by X``); the extractor
  decides, this module only tags them with ``is_state_word``;
* *generic* words ("security forces", "militants", "civilians") whose country
  is filled in from the event location by :func:`resolve_generic`.

Examples
--------
>>> [m.actor.name for m in find_actors("The Pakistani Taliban claimed the bombing.")]
['TTP: Tehreek-e-Taliban Pakistan']
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from geo.dates import WordStart, scan_words

logger = logging.getLogger(__name__)

#: ISO2 code to the country name used in ACLED actor names.
COUNTRY_NAMES: Final[dict[str, str]] = {
    "PK": "Pakistan",
    "AF": "Afghanistan",
    "IN": "India",
    "IR": "Iran",
    "CN": "China",
    "US": "United States",
    "TJ": "Tajikistan",
    "UZ": "Uzbekistan",
    "TM": "Turkmenistan",
}

#: Canonical names (module constants so callers and tests can refer to them).
PAK_MILITARY: Final[str] = "Military Forces of Pakistan"
PAK_POLICE: Final[str] = "Police Forces of Pakistan"
AFG_MILITARY: Final[str] = "Military Forces of Afghanistan (2021-): Afghan Taliban"
AFG_TALIBAN_INSURGENCY: Final[str] = "Afghan Taliban (insurgency, pre-2021)"
#: ACLED's name of the Islamic Republic's forces, for "Afghan forces" before the Taliban took power.
AFG_REPUBLIC_MILITARY: Final[str] = "Military Forces of Afghanistan (2004-2021)"
#: "Afghan forces", "Kabul": the Afghan state, whoever held it at the time.
AFG_STATE: Final[str] = "Military Forces of Afghanistan"
TTP: Final[str] = "TTP: Tehreek-e-Taliban Pakistan"
BLA: Final[str] = "BLA: Balochistan Liberation Army"
ISK: Final[str] = "IS-K: Islamic State Khorasan Province"
TJP: Final[str] = "TJP: Tehreek-e-Jihad Pakistan"
US_MILITARY: Final[str] = "Military Forces of the United States"
IND_MILITARY: Final[str] = "Military Forces of India"
IRN_MILITARY: Final[str] = "Military Forces of Iran"

#: Placeholders resolved with the event country by :func:`resolve_generic`.
GENERIC_MILITARY: Final[str] = "<state military>"
GENERIC_POLICE: Final[str] = "<state police>"
GENERIC_ARMED: Final[str] = "<unidentified armed group>"
GENERIC_CIVILIANS: Final[str] = "<civilians>"


@dataclass(frozen=True, slots=True)
class Actor:
    """A canonical actor.

    Attributes
    ----------
    name
        ACLED-style canonical name (or a generic placeholder).
    inter
        ACLED inter code of the actor acting at home (1-8).
    country
        ISO2 home country ('' when unknown or generic).
    armed
        Whether the actor is an armed force or group (not civilians).
    """

    name: str
    inter: int
    country: str = ""
    armed: bool = True

    @property
    def is_state(self) -> bool:
        """True for state military and police forces."""
        return self.inter == 1 or self.name in (GENERIC_MILITARY, GENERIC_POLICE)

    @property
    def is_generic(self) -> bool:
        """True for placeholders that need an event country."""
        return self.name.startswith("<")


@dataclass(frozen=True, slots=True)
class ActorMention:
    """One actor mention in a text.

    Attributes
    ----------
    start, end
        Offsets of the mention in the text.
    text
        The words as written.
    actor
        The canonical actor.
    is_state_word
        True for bare country/capital names ("Pakistan", "Kabul"), which are
        actors only when they act in a violent sentence.
    """

    start: int
    end: int
    text: str
    actor: Actor
    is_state_word: bool = False


_PAK = Actor(PAK_MILITARY, 1, "PK")
_PAK_POLICE = Actor(PAK_POLICE, 1, "PK")
_AFG = Actor(AFG_MILITARY, 1, "AF")
_AFG_STATE = Actor(AFG_STATE, 1, "AF")
_TTP = Actor(TTP, 2, "PK")
_BLA = Actor(BLA, 2, "PK")
_ISK = Actor(ISK, 2, "AF")
_TJP = Actor(TJP, 2, "PK")
_US = Actor(US_MILITARY, 8, "US")
_IND = Actor(IND_MILITARY, 1, "IN")
_IRN = Actor(IRN_MILITARY, 1, "IR")
_GEN_MIL = Actor(GENERIC_MILITARY, 1)
#: The state's forces, whose country the event location gives (an operation told with no agent).
STATE_FORCES: Final[Actor] = _GEN_MIL
_GEN_POL = Actor(GENERIC_POLICE, 1)
_GEN_ARMED = Actor(GENERIC_ARMED, 3)
#: An armed group the text does not name, whose country the event location gives (:func:`resolve_generic`).
UNIDENTIFIED_ARMED_GROUP: Final[Actor] = _GEN_ARMED
_GEN_CIV = Actor(GENERIC_CIVILIANS, 7, armed=False)

_FORCES = (
    r"(?:military|army|armed\s+forces|security\s+forces|security\s+personnel|forces|troops|soldiers|"
    r"air\s+force|aircraft|jets|fighter\s+jets|warplanes|drones?|helicopters?|gunships|"
    r"paramilitary(?:\s+forces)?|frontier\s+corps|border\s+forces|border\s+guards|"
    r"artillery|personnel|defen[cs]e\s+(?:ministry|forces)|commandos|military\s+aircraft"
    # the strikes name who struck: "Pakistani airstrikes targeted ...", "US drone strikes"
    r"|air[\s-]?strikes?|air[\s-]?raids?|drone\s+strikes?|aerial\s+(?:strikes?|bombardment))"
)

#: (pattern, actor) in priority order: longer, more specific names first.
#: Every pattern is matched case-insensitively except where ``(?-i:...)`` says.
ALIASES: Final[tuple[tuple[str, Actor], ...]] = (
    # -- named armed groups
    (r"t[ae]hr[ei]+k[\s-]*(?:[ei]|al)?[\s-]*j[ei]had(?:[\s-]+pakistan)?|(?-i:TJP)", Actor(TJP, 2, "PK")),
    (
        r"tehr[ei]+k[\s-]*(?:[ei]|al)?[\s-]*taliban(?:[\s-]+pakistan)?|tahr[ei]+k[\s-]*(?:[ei])?[\s-]*taliban"
        r"|pakistani\s+taliban|pakistan\s+taliban|(?-i:TTP)|fitna[\s-]+al[\s-]+khawarij|khawarij|khwarij",
        _TTP,
    ),
    (r"jama'?at[\s-]*ul[\s-]*ahrar|(?-i:JuA)", Actor("JuA: Jamaat-ul-Ahrar (TTP faction)", 2, "PK")),
    (r"hizb[\s-]*ul[\s-]*ahrar|(?-i:HuA)", Actor("HuA: Hizbul Ahrar (TTP faction)", 2, "PK")),
    (
        r"(?:hafiz\s+)?gul\s+baha?d[ua]r(?:\s+(?:group|faction|network))?|(?-i:HGB)",
        Actor("Hafiz Gul Bahadur Group", 2, "PK"),
    ),
    (r"lashkar[\s-]+e[\s-]+jhangvi(?:[\s-]+al[\s-]+alami)?|(?-i:LeJ)", Actor("LeJ: Lashkar-e-Jhangvi", 3, "PK")),
    (r"lashkar[\s-]+e[\s-]+islam(?:i)?|(?-i:LeI)", Actor("LeI: Lashkar-e-Islam", 2, "PK")),
    (r"baloch\s+raaji\s+aajoi\s+sangar|(?-i:BRAS)", Actor("BRAS: Baloch Raaji Aajoi Sangar", 2, "PK")),
    (r"zainab[iy]+o?un(?:\s+brigade)?", Actor("Zainabiyoun Brigade", 3, "PK")),
    (r"balochistan\s+liberation\s+army|baloch\s+liberation\s+army|(?-i:BLA)|majeed\s+brigade", _BLA),
    (
        r"balochistan\s+liberation\s+front|baloch\s+liberation\s+front|(?-i:BLF)",
        Actor("BLF: Balochistan Liberation Front", 2, "PK"),
    ),
    (
        r"islamic\s+state(?:\s+of)?[\s-]+(?:khorasan|khurasan)(?:\s+province)?(?:\s+\((?-i:IS-?KP?)\)(?:\s+province)?)?"
        r"|(?-i:ISIS-K|IS-KP|IS-K|ISKP|ISK|ISIS-KP)|(?-i:IS)-(?:khorasan|khurasan)|daesh(?:[\s-]+khorasan)?"
        r"|(?-i:Islamic\s+State)(?:\s+group)?|(?-i:ISIS|ISIL)|soldiers\s+of\s+the\s+(?:caliphate|khilafah?|khilafat)"
        r"|(?-i:IS)(?=-(?:claimed|planted|linked|affiliated|led)|\s+(?:claimed|militants?|fighters?|group|affiliate|"
        r"jihadists?|gunmen|bombers?|cell|has|have|had|said|says|was|were|continued|carried|launched|targeted|"
        r"attacked|killed|bombed|struck|stormed)\b)|(?<=\bby\s)(?-i:IS)\b",
        _ISK,
    ),
    (r"haqqani\s+network", Actor("Haqqani Network", 2, "AF")),
    # -- Afghan armed opposition to the Taliban (2021-)
    (
        r"national\s+resistance\s+front(?:\s+of\s+afghanistan)?|(?-i:NRF)\b",
        Actor("NRF: National Resistance Front", 2, "AF"),
    ),
    (r"afghan(?:istan)?\s+freedom\s+front|(?-i:AFF)\b", Actor("AFF: Afghanistan Freedom Front", 2, "AF")),
    (r"al[\s-]+qa[ei]?da|al[\s-]+qaida|(?-i:AQIS)", Actor("al-Qaeda", 2, "")),
    (r"jaish[\s-]+(?:e[\s-]+)?muhammad|jaish[\s-]+e[\s-]+mohammed|(?-i:JeM)", Actor("JeM: Jaish-e-Mohammed", 2, "PK")),
    (r"lashkar[\s-]+e[\s-]+tayy?(?:i)?ba|(?-i:LeT)", Actor("LeT: Lashkar-e-Taiba", 2, "PK")),
    (r"jaish\s+al[\s-]+adl", Actor("Jaish al-Adl", 2, "IR")),
    # -- Afghan Taliban / Afghan state (2021-)
    (
        r"afghan\s+taliban|islamic\s+emirate(?:\s+of\s+afghanistan)?|(?-i:IEA)|taliban\s+"
        r"(?:government|regime|authorities|forces|fighters|administration|officials|security\s+forces)",
        _AFG,
    ),
    (
        r"afghan(?:istan(?:'s|’s)?)?\s+(?:defen[cs]e\s+ministry|ministry\s+of\s+defen[cs]e|defen[cs]e\s+minist\w+"
        r"|border\s+forces|security\s+forces|forces|military|army|troops|soldiers|border\s+guards)",
        _AFG_STATE,
    ),
    (r"(?-i:Taliban)", _AFG),
    # -- Pakistani state
    (
        r"(?:khyber\s+pakhtunkhwa|balochistan|punjab|sindh|islamabad)\s+police|pakistani\s+police|(?-i:CTD)|counter[\s-]terrorism\s+department|levies",
        _PAK_POLICE,
    ),
    (
        r"pakistan(?:i|'s|’s)?\s+" + _FORCES + r"|(?-i:ISPR)|inter[\s-]services\s+public\s+relations|(?-i:FC)\b"
        r"|frontier\s+corps|pakistan\s+air\s+force|(?-i:PAF)|pakistani\s+government|pakistan\s+government",
        _PAK,
    ),
    # -- other states
    (
        r"(?:u\.?s\.?|united\s+states|american)(?:[\s-]+led)?\s+"
        + _FORCES
        + r"|(?-i:CIA)|(?-i:US|U\.S\.)[\s-]+led|(?-i:NATO)",
        _US,
    ),
    (r"indian\s+" + _FORCES + r"|india(?:'s|’s)\s+" + _FORCES, _IND),
    (r"iranian\s+" + _FORCES + r"|iran(?:'s|’s)\s+" + _FORCES + r"|(?-i:IRGC)|revolutionary\s+guards?", _IRN),
    # -- generic words; country filled in from the event location
    (
        r"police(?:\s+(?:officers?|personnel|station|post|van|mobile|constables?))?|policem[ae]n|constables?|cops",
        _GEN_POL,
    ),
    (
        r"security\s+(?:forces|personnel|officials)|security\s+check\s*posts?|check\s*posts?|soldiers|troops|servicem[ae]n"
        r"|military\s+(?:personnel|outposts?|posts?|sites?|convoy|installations?|camps?)|(?:border\s+)?outposts?|army"
        # "outside the military airport in Kabul", "the military hospital": a place, not the forces
        r"|military(?!\s+(?:airport|air\s*base|airbase|hospital|academy|college|school|cantonment|courts?|compound"
        r"|headquarters|base)\b)"
        r"|(?-i:SFs)",
        _GEN_MIL,
    ),
    (
        r"(?:unidentified\s+|unknown\s+|armed\s+|lone\s+)?gunm[ae]n|(?:unidentified\s+|unknown\s+)?assailants?|attackers?"
        r"|(?:unidentified|unknown|masked)\s+(?:persons|men|individuals)|armed\s+(?:persons|individuals)"
        r"|(?:suspected\s+)?militants|terrorists|insurgents|suicide\s+bomber|armed\s+men|miscreants|rebels|separatists",
        _GEN_ARMED,
    ),
    (
        r"civilians|villagers|passengers|students|children|women|worshippers|labou?rers|workers|residents|tribesmen"
        r"|(?:chinese|foreign)\s+nationals|nationals|refugees|pilgrims|afghans",
        _GEN_CIV,
    ),
)

#: Bare country and capital names: actors only when they act.
STATE_WORDS: Final[tuple[tuple[str, Actor], ...]] = (
    (r"(?-i:Pakistan|Islamabad|Rawalpindi)", _PAK),
    (r"(?-i:Afghanistan|Kabul)", _AFG_STATE),
    (r"(?-i:India|New Delhi)", _IND),
    (r"(?-i:Iran|Tehran)", _IRN),
    (r"(?-i:United States|Washington|US|U\.S\.)", _US),
)

_ENTRIES: Final[tuple[tuple[str, Actor, bool], ...]] = tuple(
    [(p, a, False) for p, a in ALIASES] + [(p, a, True) for p, a in STATE_WORDS]
)

#: One alternation with a named group per entry, compiled once.
_ACTOR_RE: Final[re.Pattern[str]] = re.compile(
    "|".join(rf"(?P<a{i}>(?<![\w-])(?:{p})(?![\w]))" for i, (p, _a, _s) in enumerate(_ENTRIES)),
    re.IGNORECASE,
)

_CIVILIAN_COUNTRY_WORDS: Final[dict[str, str]] = {"chinese": "CN", "afghans": "AF"}

#: First three letters (lower case) of every word an alias can begin with;
#: keep in sync with :data:`ALIASES` and :data:`STATE_WORDS` (a test checks
#: that every alias in the table is found).
ACTOR_KEYS: Final[frozenset[str]] = frozenset(
    [
        "mas",
        "teh",
        "tjp",
        "tah",
        "pak",
        "ttp",
        "fit",
        "kha",
        "khw",
        "jam",
        "jua",
        "hiz",
        "hua",
        "gul",
        "hgb",
        "lei",
        "bra",
        "rai",
        "zai",
        "isl",
        "haf",
        "nrf",
        "aff",
        "las",
        "lej",
        "bal",
        "bla",
        "maj",
        "blf",
        "isl",
        "isi",
        "is",
        "isk",
        "dae",
        "haq",
        "al",
        "aqi",
        "jai",
        "jem",
        "let",
        "afg",
        "iea",
        "tal",
        "khy",
        "pun",
        "sin",
        "ctd",
        "cou",
        "lev",
        "isp",
        "int",
        "fc",
        "fro",
        "paf",
        "u",
        "us",
        "uni",
        "ame",
        "cia",
        "nat",
        "ind",
        "ira",
        "irg",
        "rev",
        "pol",
        "con",
        "cop",
        "sec",
        "che",
        "sol",
        "tro",
        "ser",
        "mil",
        "bor",
        "out",
        "arm",
        "unk",
        "gun",
        "ass",
        "att",
        "sus",
        "ter",
        "ins",
        "sui",
        "mis",
        "reb",
        "sep",
        "civ",
        "vil",
        "pas",
        "stu",
        "chi",
        "wom",
        "wor",
        "lab",
        "res",
        "tri",
        "for",
        "ref",
        "pil",
        "raw",
        "kab",
        "new",
        "was",
    ]
)


#: The state forces a nationality adjective names in an elliptic pair ("Afghan and Pakistani forces").
_DEMONYM_FORCES: Final[dict[str, Actor]] = {
    "afghan": _AFG_STATE,
    "pakistani": _PAK,
    "pakistan": _PAK,
    "indian": _IND,
    "iranian": _IRN,
}
_ELLIPTIC_FORCES: Final[re.Pattern[str]] = re.compile(
    r"\b(Afghan|Pakistani|Pakistan|Indian|Iranian)\s+and\s+(?:the\s+)?(?:Afghan|Pakistani|Indian|Iranian)\s+"
    + _FORCES
    + r"\b"
)


def find_actors(
    text: str, *, start: int = 0, end: int | None = None, words: Sequence[WordStart] | None = None
) -> list[ActorMention]:
    """Find every actor mention in ``text`` (one regex pass).

    Parameters
    ----------
    text
        Any text (usually a whole article).
    start, end
        Slice of ``text`` to scan (offsets stay relative to ``text``).
    words
        The words of the whole ``text``, found once for every scanner
        (:func:`geo.dates.word_starts`).

    Returns
    -------
    list of ActorMention
        In text order, non-overlapping; the most specific alias wins.
    """
    out: list[ActorMention] = []
    for m in scan_words(_ACTOR_RE, text, ACTOR_KEYS, start=start, end=end, words=words):
        idx = int(m.lastgroup[1:]) if m.lastgroup else -1
        if idx < 0:
            continue
        _pattern, actor, state_word = _ENTRIES[idx]
        if actor is _GEN_CIV:
            low = m.group().lower().split()[0]
            if low in _CIVILIAN_COUNTRY_WORDS:
                actor = Actor(GENERIC_CIVILIANS, 7, _CIVILIAN_COUNTRY_WORDS[low], armed=False)
        out.append(ActorMention(m.start(), m.end(), m.group(), actor, state_word))
    # "Afghan and Pakistani forces": the first adjective names a force of its own
    for m in _ELLIPTIC_FORCES.finditer(text, start, len(text) if end is None else end):
        first = _DEMONYM_FORCES.get(m.group(1).lower())
        if first is not None and not any(a.start <= m.start(1) < a.end for a in out):
            out.append(ActorMention(m.start(1), m.end(1), m.group(1), first, False))
    out.sort(key=lambda a: a.start)
    return out


def canonical_actor(name: str) -> Actor | None:
    """Map one press name to its canonical actor.

    Parameters
    ----------
    name
        An actor name as written ("Pakistani Taliban", "ISKP", "Kabul").

    Returns
    -------
    Actor or None
        ``None`` when the name is not in the alias table.

    Examples
    --------
    >>> canonical_actor("Tehrik-i-Taliban Pakistan").name
    'TTP: Tehreek-e-Taliban Pakistan'
    >>> canonical_actor("Daesh").name
    'IS-K: Islamic State Khorasan Province'
    """
    found = find_actors(name.strip())
    if not found:
        return None
    return found[0].actor


def resolve_generic(actor: Actor, country: str, *, year: int | None = None) -> tuple[str, int]:
    """Turn an actor into its final ACLED name and inter code for one event.

    Parameters
    ----------
    actor
        The actor (possibly a generic placeholder).
    country
        ISO2 code of the event country ('' when unknown).
    year
        Year of the event: the Afghan Taliban were a rebel group before 2021.

    Returns
    -------
    tuple of (str, int)
        Name and inter code. A state force acting outside its country gets
        inter 8 (external forces), as in ACLED.
    """
    cname = COUNTRY_NAMES.get(country or "", "")
    if actor.name == GENERIC_MILITARY:
        if country == "PK" or not country:
            return PAK_MILITARY, 1
        if country == "AF":
            return AFG_MILITARY, 1
        return f"Military Forces of {cname}", 1
    if actor.name == GENERIC_POLICE:
        if country == "PK" or not country:
            return PAK_POLICE, 1
        return f"Police Forces of {cname}", 1
    if actor.name == GENERIC_ARMED:
        return f"Unidentified Armed Group ({cname or 'Pakistan'})", 3
    if actor.name == GENERIC_CIVILIANS:
        home = actor.country or country
        return f"Civilians ({COUNTRY_NAMES.get(home, 'Pakistan')})", 7
    if actor.name == AFG_MILITARY and year is not None and year < 2021:
        return AFG_TALIBAN_INSURGENCY, 2
    if actor.name == AFG_STATE:
        # the state's forces: the Islamic Republic's before 15 August 2021, the Taliban's after
        name = AFG_REPUBLIC_MILITARY if year is not None and year < 2021 else AFG_MILITARY
        return name, (8 if country and country != actor.country else 1)
    if actor.inter in (1, 8) and actor.country and country and actor.country != country:
        return actor.name, 8
    if actor.name == US_MILITARY:
        return actor.name, 8
    return actor.name, actor.inter
