"""Extract ACLED-style incident records from one news article.

:func:`extract_incidents` is a pure per-document function: no I/O, no global
state; the gazetteer (and an optional spaCy pipeline) are passed in. The
default path is rule based (regular expressions and lexicons), so it needs no
statistical model and runs well above 50,000 words per second.

Pipeline for one article
------------------------
1. One pass of each scanner over the whole text: sentences and paragraphs,
   boilerplate paragraphs (newsletter ads, author bios), event triggers,
   date expressions (:mod:`geo.dates`), actor mentions (:mod:`geo.actors`)
   and place mentions (:meth:`geo.gazetteer.Gazetteer.find_mentions`, called
   once per article and mapped to sentences by offsets).
2. Dates are resolved in text order: each expression is read against the
   last date before it (the narrative context) and a reference date (the
   publication date, or else the latest date the article mentions).
3. Per sentence, triggers ("attacked", "airstrikes", "mortar attacks",
   "killed", "abducted"...) are filtered: negated, modal, planned,
   threatened, generic ("a surge in attacks"), aggregate ("In 2025 alone,
   over 600 ... were killed") and anaphoric ("the strikes", "these attacks")
   triggers make no incident. The remaining triggers are grouped into events
   (a new group starts when another actor acts, e.g. "after they killed 26
   civilians in April, India struck ..."); a group with several explicit
   years joined by "and" is split into one incident per year.
4. Each event gets: the event type (trigger class, refined by actors: two
   state forces fighting is a battle, a non-state group killing soldiers
   without an exchange of fire is coded as an attack), actor1 (the ``by X``
   agent, else the nearest acting actor before the trigger, else an
   attribution in the next sentences: "X blamed the TTP for the attack"),
   actor2, fatalities (the most conservative figure), the location (places
   in a locative role, the most specific wins; reference points after
   "X, near Y" and origins such as "based across the border" are ignored),
   the date, evidence and character offsets, and a confidence.
5. Coarse duplicates (a lead sentence summarising an event that a later
   sentence reports with a finer date) are dropped.
6. Mentions of one incident are merged (:func:`_merge_incidents`): a news
   story tells an incident over several sentences (lead, place, toll, claim,
   "the attack", "the blast"). Sentences that only refer back, or lack an
   actor and a place, are *weak*: they add detail to the incident before
   them but never stand alone. A report joins an incident when its actor,
   date, place and kind do not contradict it; "in a separate incident",
   "another attack" and "... also ..." start a new one. The merged record
   takes the most specific place, date and method, the lowest toll given for
   the same victims, and the sentence that names the incident with its place
   as evidence. Report and claim dates ("said on Friday", "on Saturday
   claimed") lose to event dates ("on Thursday", "overnight").

Coding conventions that follow the project's gold annotation rather than
the letter of the ACLED codebook are documented where they are applied
(see ``_event_type``).
"""

from __future__ import annotations

import bisect
import dataclasses
import itertools
import logging
import math
import re
from dataclasses import dataclass, field
from typing import Final

from geo.actors import (
    COUNTRY_NAMES,
    GENERIC_ARMED,
    GENERIC_CIVILIANS,
    Actor,
    ActorMention,
    find_actors,
    resolve_generic,
)
from geo.articles import Article
from geo.dates import DateMention, ResolvedDate, find_dates, reference_date, resolve_date, scan_words
from geo.gazetteer import Gazetteer, Place, PlaceMention
from geo.incidents import Incident, make_event_id

logger = logging.getLogger(__name__)

# ------------------------------------------------------------------ lexicons
#: Event classes, most specific first: the first class of a group wins.
CLASS_PRIORITY: Final[tuple[str, ...]] = (
    "suicide",
    "ied",
    "grenade",
    "air",
    "shell",
    "abduct",
    "clash",
    "attack",
    "kill",
)

#: ACLED (event_type, sub_event_type) of each trigger class.
CLASS_TYPES: Final[dict[str, tuple[str, str]]] = {
    "suicide": ("Explosions/Remote violence", "Suicide bomb"),
    "ied": ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    "grenade": ("Explosions/Remote violence", "Grenade"),
    "air": ("Explosions/Remote violence", "Air/drone strike"),
    "shell": ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    "abduct": ("Violence against civilians", "Abduction/forced disappearance"),
    "clash": ("Battles", "Armed clash"),
    "attack": ("Violence against civilians", "Attack"),
    "kill": ("Violence against civilians", "Attack"),
}
_BATTLE: Final[tuple[str, str]] = ("Battles", "Armed clash")
_ATTACK: Final[tuple[str, str]] = ("Violence against civilians", "Attack")

_TRIGGER_PATTERNS: Final[tuple[tuple[str, str, str], ...]] = (
    # (class, part of speech, pattern)
    (
        "suicide",
        "n",
        r"suicide[\s-]+(?:bomb(?:ing|ings|ers?|s)?|attacks?|attackers?|blasts?|car\s+bomb(?:ing)?|vests?|explosions?)"
        r"|self[\s-]detonat\w*",
    ),
    (
        "suicide",
        "v",
        r"blew\s+(?:himself|herself|themselves)\s+up|detonated\s+(?:his|her|their)\s+(?:explosive|suicide)\s+vests?"
        r"|detonated\s+(?:himself|herself|themselves)"
        r"|rammed\s+(?:an?\s+|his\s+|their\s+)?(?:explosives?|bomb)[\s-]+(?:laden|packed|filled|rigged)\s+"
        r"(?:vehicle|car|truck|van|pickup|motorcycle)",
    ),
    ("grenade", "v", r"(?:hurled|lobbed|threw)\s+(?:a\s+)?(?:hand\s+)?grenades?"),
    ("grenade", "n", r"(?:hand[\s-])?grenade(?:\s+attacks?|s)?"),
    (
        "air",
        "v",
        r"(?:jets|aircraft|warplanes|drones?|helicopters?|gunships?|planes)\s+(?:\w+\s+){0,2}?"
        r"(?:bombed|bombarded|struck|pounded|targeted|attacked|fired\s+(?:at|on))",
    ),
    (
        "air",
        "n",
        r"air[\s-]?strikes?|air[\s-]?raids?|aerial\s+(?:attacks?|strikes?|bombard\w*|bombings?|raids?)"
        r"|drone\s+(?:strikes?|attacks?)|quadcopter\s+(?:attacks?|strikes?)|air\s+bombard\w*",
    ),
    (
        "ied",
        "n",
        r"(?:roadside|remote[\s-]+controll?ed|remote[\s-]+control|car|truck|magnetic|sticky|motorcycle|bicycle|time|planted|"
        r"improvised)\s+bombs?|remote[\s-]+control(?:led)?\s+(?:blasts?|explosions?|explosive\s+devices?|devices?|IEDs?)"
        r"|improvised\s+explosive\s+devices?|(?-i:IEDs?|VBIEDs?)|land[\s-]?mines?"
        r"|(?:bomb|explosive)\s+(?:blasts?|explosions?|attacks?)|blasts?|explosions?|bombings?",
    ),
    ("ied", "v", r"explod(?:ed|es)|went\s+off|detonated"),
    ("shell", "v", r"shelled|bombarded|fired\s+(?:mortars?|rockets?|missiles?|artillery|shells)"),
    (
        "shell",
        "n",
        r"shelling|mortar\s+(?:shells?|fire|attacks?|rounds?|strikes?)|mortars|artillery\s+(?:fire|shelling|strikes?|attacks?)"
        r"|rocket\s+(?:attacks?|fire|strikes?)|missile\s+(?:strikes?|attacks?|fire)|bombardments?",
    ),
    (
        "abduct",
        "v",
        r"abducted|kidnapp?ed|hijacked|took\s+(?:\w+\s+){0,3}?hostage|taken\s+hostage|held\s+hostage"
        r"|(?:took|taken|whisked|carried|dragged)\s+away\s+(?=(?:\w+\s+){0,2}?(?:others|people|persons|passengers|men|"
        r"women|children|workers|officials|teachers|drivers|soldiers|policemen|labou?rers|travell?ers|them)\b)",
    ),
    ("abduct", "n", r"abductions?|kidnappings?|hijackings?|hostage[\s-]taking"),
    (
        "clash",
        "v",
        r"clashed|exchanged\s+fire|traded\s+fire|engaged\s+(?:the\s+)?(?:militants|terrorists|attackers|security\s+forces|troops)",
    ),
    (
        "clash",
        "n",
        r"clash(?:es)?|exchanges?\s+of\s+fire|gun[\s-]?fights?|fire[\s-]?fights?|gun\s+battles?|skirmish(?:es)?"
        r"|shoot[\s-]?outs?|(?:heavy\s+)?fighting\s+(?:broke\s+out|erupted)|cross[\s-]border\s+fir(?:e|ing)"
        r"|(?<=\bin\s)an\s+encounter|(?<=\bduring\s)an\s+encounter|offensives?",
    ),
    (
        "attack",
        "v",
        r"attacked|assaulted|ambushed|raided|stormed|struck|targeted|opened\s+fire|fired\s+(?:at|on|upon)|retaliated",
    ),
    (
        "attack",
        "n",
        r"(?:armed|gun|terrorist|militant|terror)\s+attacks?|attacks?|assaults?|ambush(?:es)?|raids?"
        r"|(?:cross[\s-]border|retaliatory|precision|military|militant|terrorist|targeted|punitive)\s+strikes?|strikes?",
    ),
    (
        "kill",
        "v",
        r"killed|killing|kills|murdered|assassinated|beheaded|executed|martyred|slain|shot\s+dead|gunned\s+down"
        r"|shot\s+and\s+killed|lynched",
    ),
    ("kill", "n", r"killings?|assassinations?|murders?|beheadings?|massacres?"),
)
#: First three letters of every word a trigger can begin with (see scan_words).
_TRIGGER_KEYS: Final[frozenset[str]] = frozenset(
    [
        "sui",
        "sel",
        "ble",
        "det",
        "hur",
        "lob",
        "thr",
        "han",
        "gre",
        "jet",
        "air",
        "war",
        "dro",
        "hel",
        "gun",
        "pla",
        "aer",
        "qua",
        "roa",
        "rem",
        "car",
        "tru",
        "mag",
        "sti",
        "mot",
        "bic",
        "tim",
        "imp",
        "ied",
        "vbi",
        "lan",
        "bom",
        "exp",
        "bla",
        "wen",
        "she",
        "fir",
        "mor",
        "art",
        "roc",
        "mis",
        "abd",
        "kid",
        "hij",
        "too",
        "tak",
        "hos",
        "cla",
        "exc",
        "tra",
        "eng",
        "sho",
        "ski",
        "hea",
        "fig",
        "cro",
        "an",
        "att",
        "ass",
        "amb",
        "rai",
        "sto",
        "str",
        "tar",
        "ope",
        "ret",
        "arm",
        "ram",
        "whi",
        "dra",
        "off",
        "ter",
        "mil",
        "pre",
        "pun",
        "kil",
        "mur",
        "beh",
        "exe",
        "mar",
        "sla",
        "lyn",
        "mas",
    ]
)
_TRIGGER_ENTRIES: Final[tuple[tuple[str, str], ...]] = tuple((c, pos) for c, pos, _ in _TRIGGER_PATTERNS)
_TRIGGER_RE: Final[re.Pattern[str]] = re.compile(
    "|".join(rf"(?P<t{i}>\b(?:{p})\b)" for i, (_c, _pos, p) in enumerate(_TRIGGER_PATTERNS)),
    re.IGNORECASE,
)

#: A word right before a trigger that makes it a non-violent or metaphorical use.
_NON_EVENT_BEFORE: Final[re.Pattern[str]] = re.compile(
    r"\b(?:heart|cyber|panic|verbal|media|diplomatic|political|scathing|hunger|labou?r|general|wheel[\s-]jam|"
    r"shutter[\s-]down|lucky|counter|pre[\s-]?emptive|anti)[\s-]+$",
    re.IGNORECASE,
)
#: Markers in the few words before a trigger that block it (negation,
#: modality, plans, threats, generic or aggregate framing).
_PRE_BLOCK: Final[re.Pattern[str]] = re.compile(
    r"\b(?:not|no|never|without|den(?:y|ies|ied|ying)|refut\w+|reject\w*|could|would|will|may|might|must|should|can|"
    r"cannot|shall|threat\w*|vow\w*|warn\w*|plan\w*|intend\w*|prevent\w*|thwart\w*|foil\w*|avert\w*|capable|capacity|"
    r"risks?|fears?|feared|possib\w+|potential|future|further|surge|series|wave|spate|rise|increase\w*|decrease\w*|"
    r"drop|decline\w*|number|numbers|history|growing|use|began|begun|continu\w+|resum\w+|such\s+as|accus\w+|ongoing|"
    r"frequent\w*|regular\w*|repeated\w*|recurring|if|unless|whether|any|against\s+terrorism|wave|campaign\s+of|"
    r"responsible\s+for|involvement\s+in|condemnation|tactics?)\b[^.]*$",
    re.IGNORECASE,
)
_INFINITIVE: Final[re.Pattern[str]] = re.compile(
    r"\bto\s+(?:(?!the\b|a\b|an\b|these\b|those\b|this\b|its\b|their\b)[\w-]+\s+){0,3}$", re.IGNORECASE
)
_HABITUAL: Final[re.Pattern[str]] = re.compile(r"\b(?:has|have|had)\s+been\s+$|\b(?:is|are)\s+$", re.IGNORECASE)
_PERFECT: Final[re.Pattern[str]] = re.compile(r"\b(?:has|have)\s+(?:(?!been\b)\w+\s+)?$", re.IGNORECASE)
_POST_BLOCK: Final[re.Pattern[str]] = re.compile(
    r"^\W*(?:[\w-]+\W+){0,2}?(?:continu\w*|have\s+surged|has\s+surged|surged|rose|risen|increased|doubl\w+|declined|"
    r"decreased|dropped|plots?|plans?|planned|threats?|capabilit\w+|could|would|will|may|might|were\s+thwarted|"
    r"was\s+thwarted|were\s+foiled|was\s+foiled|were\s+averted|policy|policies|campaigns?|tactics?|trend)\b",
    re.IGNORECASE,
)
#: Aggregates and statistics: not one event (checked when the date is a year).
_AGGREGATE: Final[re.Pattern[str]] = re.compile(
    r"\b(?:alone|in\s+total|a\s+total\s+of|so\s+far|per\s*cent|percent|on\s+average|annually|statistics|tally|"
    r"primarily\s+in|mainly\s+in|mostly\s+in|since\s+(?:19|20)\d\d|over\s+the\s+(?:past|last)\s+(?:year|decade|\w+\s+years))\b"
    r"|%|\b(?:over|more\s+than|nearly|almost|some)\s+\d[\d,]*\s+(?:[\w-]+\s+){0,2}?(?:attacks|incidents)\b",
    re.IGNORECASE,
)
#: A determiner NP with only lower-case modifiers: "the strikes", "these attacks".
_NP_WORD: Final[str] = (
    r"(?:(?!(?:in|on|at|of|a|an|by|for|with|to|from|into|during|after|before|and|or|was|were|is|are)\b)[a-z][\w'’-]*\s+)"
)
_ANAPHORIC_BEFORE: Final[re.Pattern[str]] = re.compile(
    rf"\b(?:the|these|those|this|that|such|its|their|both|same)\s+{_NP_WORD}{{0,3}}$", re.IGNORECASE
)
_SENTENCE_INITIAL_NP: Final[re.Pattern[str]] = re.compile(
    r"^\W*(?:the|these|those|this|that|such|both)\s+(?:[a-z][\w-]*\s+){0,3}$", re.IGNORECASE
)
_BACKREF_BEFORE: Final[re.Pattern[str]] = re.compile(
    r"\b(?:in\s+response\s+to|in\s+retaliation\s+(?:for|to)|in\s+reaction\s+to|following|after|since|amid)\s+"
    r"(?:the|these|those|this|its|their)\s+(?:[a-z][\w-]*\s+){0,3}$",
    re.IGNORECASE,
)
#: A light verb that makes an event noun concrete: "launched mortar attacks".
_LIGHT_VERB_BEFORE: Final[re.Pattern[str]] = re.compile(
    r"\b(?:launched|carried\s+out|conducted|mounted|staged|responded\s+with|retaliated\s+with|unleashed|perpetrated|"
    r"claimed(?:\s+responsibility\s+for)?|suffered|came\s+under|met\s+with|was\s+met\s+with|were\s+met\s+with|"
    r"killed\s+in|died\s+in|injured\s+in|wounded\s+in)\s+(?:[\w'’-]+\s+){0,4}?$",
    re.IGNORECASE,
)
#: Words after which a bare "X" actor is the agent ("by X").
_BY_BEFORE: Final[re.Pattern[str]] = re.compile(
    r"(?<!\bused\s)(?<!\bowned\s)(?<!\brun\s)(?<!\bmanned\s)(?<!\bguarded\s)(?<!\bescorted\s)(?<!\bled\s)"
    r"(?<!\bbacked\s)(?<!\bsupported\s)(?<!\bfunded\s)(?<!\bcontrolled\s)(?<!\boccupied\s)(?<!\bheaded\s)"
    r"(?<!\boperated\s)(?<!\bfounded\s)(?<!\bbuilt\s)\bby\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)
_TARGET_BEFORE: Final[re.Pattern[str]] = re.compile(
    r"\b(?:on|against|at|targeting|targeted|attacked|killed|killing|ambushed|of|hit|struck|shelled|bombed|"
    r"abducted|kidnapped|with)\s+(?:the\s+|a\s+|an\s+)?"
    r"(?:(?!(?:when|while|after|as|before|because|since|and|but|then)\b)[\w'’-]+\s+){0,2}$",
    re.IGNORECASE,
)
#: After an actor: it is the victim ("23 soldiers were killed", "eight soldiers lost their lives").
_VICTIM_AFTER: Final[re.Pattern[str]] = re.compile(
    r"^(?:\s*,[^,.;]{0,40},)?(?:\s+and\s+(?:his|her|their|the|\w+)\s+(?:[\w-]+\s+){0,2}?[\w-]+)?"
    r"\s+(?:(?:were|was|have\s+been|has\s+been|had\s+been|are|got|being)\s+(?:\w+\s+)?"
    r"(?:killed|martyred|injured|wounded|abducted|kidnapped|shot|slain|targeted|attacked|ambushed|taken|hurt|dead|"
    r"beheaded|executed|gunned)\b|(?:\w+\s+)?lost\s+(?:their|his|her)\s+lives|died|perished|succumbed"
    r"|(?:killed|martyred|injured|wounded|hurt)(?:\s*[,.;]|\s+(?:after|in|when|during|and|as|while|by|on)\b))",
    re.IGNORECASE,
)
#: After an actor: it is the source of the report, not an actor ("police said", "the Army said on Friday").
_REPORTER_AFTER: Final[re.Pattern[str]] = re.compile(
    r"^(?:\s+\([^)]{1,12}\))?(?:\s+of\s+[\w\s]{1,25}?)?\s+(?:(?:also|later|further|had|has|have)\s+)?"
    r"(?:said|says|told|stated|reported|confirmed|added|announced|spokesm[ae]n|spokesperson|statement|sources?|"
    r"officials?\s+said|officers?\s+said)\b(?!\s+(?:on\s+\w+\s+)?(?:that\s+)?(?:they|it|its\s+forces|we)\b)",
    re.IGNORECASE,
)
#: Before an actor: it is the source of the report ("according to the police", "per the police").
_REPORTER_BEFORE: Final[re.Pattern[str]] = re.compile(
    r"\b(?:according\s+to|as\s+per|per|quoting|citing|spokesm[ae]n\s+(?:for|of)|spokesperson\s+(?:for|of))\s+"
    r"(?:the\s+)?(?:[\w'’-]+\s+){0,2}$",
    re.IGNORECASE,
)
_TARGET_AFTER: Final[re.Pattern[str]] = re.compile(
    r"^\s*(?:targets?|hideouts?|camps?|positions?|bases?|leaders?|chief|commanders?|founder|members?|spokesm[ae]n|"
    r"sanctuar\w+|fighters\s+in|presence|havens?|emir|head)\b",
    re.IGNORECASE,
)
#: After a bare country name: it acts ("Pakistan launched", "India struck").
_ACTS_AFTER: Final[re.Pattern[str]] = re.compile(
    r"^\s*(?:(?:has|had|have|then|also|reportedly|allegedly|later|again|subsequently|itself)\s+)*"
    r"(?:\w+ed|struck|hit|launched|responded|retaliated|carried|conducted|bombed|shelled|fired|targeted|attacked|"
    r"killed|began|claimed|blamed|said|stated|says|has|had)\b",
    re.IGNORECASE,
)
_CLASH_CUE: Final[re.Pattern[str]] = re.compile(
    r"\bboth\s+sides\b|exchange\w*\s+(?:of\s+)?fire|gun\s*battle|fire\s*fight|\bclash|retaliatory\s+fire|repulsed|"
    r"repelled|infiltration|fired\s+back|returned\s+fire|return\s+fire|retaliatory\s+action|offensive|(?:intelligence[\s-]based|security|military|search|clearance|counter[\s-]terrorism|"
    r"sanitisation|sanitization)\s+operations?|(?-i:IBO)|\bencounter\b",
    re.IGNORECASE,
)
_MILITANT_WORDS: Final[str] = (
    r"(?:militants|terrorists|attackers|insurgents|assailants|khawarij|kharijis|fighters|infiltrators|rebels)"
)
#: The people killed are the militants ("killing 15 militants", "8 terrorists were killed").
_MILITANT_VICTIMS: Final[re.Pattern[str]] = re.compile(
    rf"\b(?:killing|killed|kills|eliminat\w+|neutrali[sz]\w+|deaths?\s+of|bodies\s+of)\s+"
    rf"(?:(?!(?:when|while|after|as|before|because|since|but|then)\b)[\w,-]+\s+){{0,3}}?{_MILITANT_WORDS}\b"
    rf"|\b{_MILITANT_WORDS}\s+(?:were\s+|have\s+been\s+|had\s+been\s+)?(?:killed|eliminated|neutrali[sz]ed|dead)\b",
    re.IGNORECASE,
)
_AIR_CONTEXT: Final[re.Pattern[str]] = re.compile(
    r"\b(?:air|aerial|jets?|aircraft|warplanes?|drones?|helicopters?)\b", re.IGNORECASE
)
_CIVILIAN_TARGET: Final[re.Pattern[str]] = re.compile(
    r"\b(?:villages?|homes?|houses?|markets?|mosques?|schools?|hospitals?|bazaars?|civilians?|passengers?|"
    r"wedding|funeral|shrine|church|bus|vehicles?)\b",
    re.IGNORECASE,
)
_HEDGE: Final[re.Pattern[str]] = re.compile(
    r"\b(?:reportedly|allegedly|claimed|claims|according\s+to|unconfirmed|purportedly)\b", re.IGNORECASE
)

# --------------------------------------------------------------- fatalities
_NUMBER_WORDS: Final[dict[str, int]] = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "a dozen": 12,
    "dozen": 12,
    "dozens": 12,
    "dozens of": 12,
    "scores": 20,
    "scores of": 20,
    "hundreds": 100,
    "hundreds of": 100,
}
_NUM: Final[str] = (
    r"(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-](?:one|two|three|four|five|six|"
    r"seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    r"sixteen|seventeen|eighteen|nineteen|a\s+dozen|dozens(?:\s+of)?|scores(?:\s+of)?|hundreds(?:\s+of)?)"
)
_QUAL: Final[str] = r"(?:(?:at\s+least|over|more\s+than|nearly|around|about|some|up\s+to|as\s+many\s+as|almost)\s+)?"
_RANGE: Final[str] = rf"(?P<n>{_NUM})(?:\s*(?:to|-|–|or)\s*(?P<n2>{_NUM}))?"
_FATALITY_RES: Final[tuple[re.Pattern[str], ...]] = (
    re.compile(
        rf"\b(?:killing|killed|kills|kill|martyring|martyred|slaying|claim(?:ed|ing)\s+the\s+lives\s+of)\s+(?:all\s+|of\s+)?"
        rf"{_QUAL}{_RANGE}\b"
        r"(?!\s*(?:%|per\s*cent|years?\b|km\b))",
        re.IGNORECASE,
    ),
    re.compile(
        rf"\b(?:death|deaths|lives|bodies)\s+of\s+{_QUAL}{_RANGE}\b",
        re.IGNORECASE,
    ),
    re.compile(rf"\bdeath\s+toll\s+(?:\w+\s+){{0,3}}?(?:to|at|of)\s+{_QUAL}{_RANGE}\b", re.IGNORECASE),
    re.compile(
        rf"\bdeath\s+toll\b[^.;:]{{0,160}}?\b(?:rose|risen|climbed|jumped|reached|increased|stands|stood|mounted|"
        rf"went\s+up|has\s+risen)\s+to\s+{_QUAL}{_RANGE}\b",
        re.IGNORECASE,
    ),
    re.compile(rf"\bclaim(?:ed|ing)\s+{_QUAL}{_RANGE}\s+lives\b", re.IGNORECASE),
    re.compile(
        rf"(?<![\w,.])(?:{_QUAL}){_RANGE}\s+(?:(?!\d)[\w-]+,?\s+){{0,8}}?(?:lost\s+(?:their|his|her)\s+lives|perished)\b",
        re.IGNORECASE,
    ),
    re.compile(
        rf"(?<![\w,.])(?:{_QUAL}){_RANGE}\s+(?:[\w-]+\s+){{0,4}}?(?:were|was|have\s+been|had\s+been|are|got|being)\s+"
        r"(?:\w+\s+)?(?:killed|martyred|slain|shot\s+dead|gunned\s+down|dead|executed|beheaded)\b",
        re.IGNORECASE,
    ),
    re.compile(
        rf"(?<![\w,.])(?:{_QUAL}){_RANGE}\s+(?:[\w-]+\s+){{0,3}}?(?:dead|deaths|fatalities|died|killed|martyred|bodies)\b",
        re.IGNORECASE,
    ),
    re.compile(rf"\b(?:leaving|left)\s+{_QUAL}{_RANGE}\s+(?:[\w-]+\s+){{0,3}}?(?:dead|killed)\b", re.IGNORECASE),
)
#: Words naming who died; a figure's noun is the first of them after the number.
_VICTIM_NOUNS: Final[frozenset[str]] = frozenset(
    [
        "people",
        "persons",
        "person",
        "individuals",
        "civilians",
        "passengers",
        "soldiers",
        "troops",
        "personnel",
        "policemen",
        "policeman",
        "police",
        "officers",
        "officer",
        "officials",
        "official",
        "children",
        "boys",
        "girls",
        "women",
        "men",
        "minors",
        "students",
        "workers",
        "labourers",
        "laborers",
        "drivers",
        "guards",
        "bodyguards",
        "villagers",
        "worshippers",
        "pilgrims",
        "tribesmen",
        "militants",
        "terrorists",
        "attackers",
        "insurgents",
        "fighters",
        "assailants",
        "gunmen",
        "khawarij",
        "members",
        "cadets",
        "constables",
        "commandos",
        "nationals",
        "engineers",
        "teachers",
        "afghans",
        "pakistanis",
        "lives",
        "dead",
    ]
)
#: Nouns that count everybody: comparable with each other.
_UNIVERSAL_NOUNS: Final[frozenset[str]] = frozenset({"people", "persons", "person", "individuals", "lives", "dead", ""})
#: Nouns of attackers: their deaths are left out when the victims' toll is also given.
_ATTACKER_NOUNS: Final[frozenset[str]] = frozenset(
    {"militants", "terrorists", "attackers", "insurgents", "fighters", "assailants", "gunmen", "khawarij", "members"}
)
_WORD_RE: Final[re.Pattern[str]] = re.compile(r"[A-Za-z]+")
#: A claimant or reporting verb between two figures: two accounts, not two groups of victims.
_ACCOUNT_BREAK: Final[re.Pattern[str]] = re.compile(
    r"\b(?:said|says|claimed|claiming|reported|according|told|stated|while|whereas|as)\b", re.IGNORECASE
)

_MONTH_WORDS: Final[str] = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b"
)
_MONTH_NEAR_AFTER: Final[re.Pattern[str]] = re.compile(rf"(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH_WORDS}")
_MONTH_NEAR_BEFORE: Final[re.Pattern[str]] = re.compile(rf"{_MONTH_WORDS}\.?\s+$")
_SINGLE_VICTIM: Final[re.Pattern[str]] = re.compile(
    r"\b(?:a|an|one)\s+(?:[\w'’-]+,?\s+){0,6}?(?:was|has\s+been|had\s+been)\s+(?:\w+\s+)?"
    r"(?:killed|martyred|assassinated|shot\s+dead|gunned\s+down|beheaded|executed)\b",
    re.IGNORECASE,
)
_NAMED_VICTIM: Final[re.Pattern[str]] = re.compile(
    r"\b(?:killed|killing|assassinated|murdered|eliminated|shot\s+dead)\s+(?:(?:his|their|the)\s+[a-z]+\s+)?"
    r"(?-i:[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*)\b(?!\s+(?:district|province|city|town|village|area|tehsil))",
    re.IGNORECASE,
)
_CLAIMANT: Final[re.Pattern[str]] = re.compile(
    r"(?P<who>[A-Z][\w’'-]*(?:\s+(?:[A-Z][\w’'-]*|government|authorities|officials|forces|ministry|military|police))"
    r"{0,3}|officials|police|military|army|locals|residents|sources)"
    r"(?:\s*,\s*who)?\s+(?:reported|claimed|said|stated|confirmed|put)\b"
)

# ----------------------------------------------------------------- places
_TYPE_RANK: Final[dict[str, int]] = {
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
_LOCATIVE_BEFORE: Final[re.Pattern[str]] = re.compile(
    r"(?:\b(?:in|at|near|on|upon|inside|into|across|within|around|outside|over|along|between|and|towards?|"
    r"(?:province|district|city|town|village|vicinity|outskirts|suburbs?|area|areas|parts?|region|tehsil|"
    r"valley|capital)\s+of|close\s+to|adjacent\s+to|bordering|hit|hitting|struck|striking|bombed|bombarded|shelled|"
    r"targeted|targeting|attacked|raided|stormed|pounded)\s+(?:the\s+)?(?:(?:[a-z][\w-]*|[A-Z][\w-]*(?:'s|’s))\s+){0,3}"
    r"|(?:'s|’s)\s+(?:[a-z][\w-]*\s+){0,2})$"
)
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
#: After a place: it is where the source speaks from ("the government in Kabul said").
_REPORTER_PLACE_AFTER: Final[re.Pattern[str]] = re.compile(
    r"\s*,?\s+(?:(?:also|later)\s+)?(?:said|says|reported|stated|told|announced|confirmed)\b", re.IGNORECASE
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
_BORDER_RE: Final[re.Pattern[str]] = re.compile(
    r"\b(?:Pakistan(?:'s|’s)\s+(?:western|north[\s-]?western|porous|\w+)?\s*border|Afghanistan(?:'s|’s)\s+"
    r"(?:eastern|south[\s-]?eastern|southern)\s+border|(?:Durand\s+Line"
    r"|the\s+border(?!\s+(?:with|between)\s+(?:Iran|India|China))))"
)
_BORDER_NAMES: Final[tuple[str, ...]] = ("Afghanistan-Pakistan border", "Durand Line", "Pakistan-Afghanistan border")

# --------------------------------------------------------------- sentences
_SENT_BOUNDARY: Final[re.Pattern[str]] = re.compile(r"(?<=[.!?])[\"”’)\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])")
_ABBREV: Final[frozenset[str]] = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "gen",
        "lt",
        "col",
        "maj",
        "capt",
        "sgt",
        "st",
        "no",
        "nos",
        "vs",
        "etc",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "prof",
        "rev",
        "hon",
        "govt",
        "dept",
        "inc",
        "ltd",
        "co",
        "corp",
        "est",
        "approx",
        "fig",
        "rs",
        "sr",
        "jr",
        "maj.gen",
        "brig",
        "cdr",
        "adm",
    ]
)
_INITIALS: Final[re.Pattern[str]] = re.compile(r"(?:^|\s)(?:[A-Za-z]\.)*[A-Za-z]\.$")
_BOILERPLATE: Final[re.Pattern[str]] = re.compile(
    r"whatsapp|subscribe|newsletter|follow\s+(?:us|our)|sign\s+up|all\s+rights\s+reserved|click\s+here|"
    r"read\s+more|also\s+read|related\s+(?:articles?|posts?|stories)|^\s*photo\s*:|\|\s*photo\s*:|copyright|©|"
    r"advertisement|\bfee\s*:|course\s+start|enrol|register\s+now|share\s+this|visiting\s+fellow|"
    r"is\s+(?:a|an)\s+(?:journalist|researcher|analyst|fellow|professor|writer)\b|researching|weitere\s+beiträge|"
    r"cookie|privacy\s+policy|terms\s+of\s+use|download\s+the\s+app",
    re.IGNORECASE,
)


@dataclass(slots=True)
class _Trigger:
    start: int
    end: int
    text: str
    cls: str
    pos: str  # "v" verb, "n" noun
    anaphoric: bool = False
    backref: bool = False


@dataclass(slots=True)
class _Draft:
    """An incident being built (mutable until turned into an Incident)."""

    start: int
    end: int
    sent_index: int
    triggers: list[_Trigger]
    cls: str
    date: ResolvedDate
    date_explicit: bool
    actor1: Actor | None = None
    actor2: Actor | None = None
    place: Place | None = None
    location_text: str = ""
    geo_precision: int | None = None
    country_code: str = ""
    fatalities: int | None = None
    event_type: tuple[str, str] = _ATTACK
    notes: list[str] = field(default_factory=list)
    confidence: float = 0.5
    weak: bool = False  # adds detail to an incident already read; never stands alone
    date_kind: str = "event"  # event | context | report | publication
    fat_noun: str = ""
    separate: bool = False  # "in a separate incident", "another attack"
    also: bool = False  # "air strikes also hit ...": a further incident of the same kind
    split_key: str = ""  # disambiguates incidents read from one span
    date_vague: bool = False  # "this week", "recently": contains finer dates
    same_area: str = ""  # "in the same province": the kind of area of the incident before


#: Note on incidents located only by their country (kept, but not mapped).
COUNTRY_ONLY_NOTE: Final[str] = "location given only as the country: not mapped"
#: Note on incidents whose own sentences name no place and that take the article's.
ARTICLE_PLACE_NOTE: Final[str] = "place not stated: the article's place"

#: A line ending like this closes its sentence; anything else may be hard-wrapped.
_LINE_END: Final[re.Pattern[str]] = re.compile(r"[.!?:;\"”’)\]]\s*$")
#: Hard-wrapped prose lines are long; headings and bylines are short.
_WRAP_MIN_CHARS: Final[int] = 50


def _logical_lines(text: str, lines: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join hard-wrapped lines (Markdown, e-mail) back into their paragraph line.

    A line continues the previous one when the previous one does not end a
    sentence and either the line starts in lower case, or the document is
    hard-wrapped (most lines stop mid-sentence) and the previous line is
    long. Blank lines always separate. Offsets stay offsets into ``text``:
    the joined span simply includes the newline, which sentence splitting
    treats as a space.
    """
    # a document is hard-wrapped when most of its lines stop mid-sentence;
    # otherwise (one paragraph per line) a line without a full stop is a heading
    body = [text[s:e].rstrip() for s, e in lines if text[s:e].strip()]
    open_lines = sum(1 for ln in body if len(ln) >= _WRAP_MIN_CHARS and not _LINE_END.search(ln))
    wrapped = len(body) >= 2 and open_lines >= 0.5 * len(body)
    out: list[tuple[int, int]] = []
    for start, end in lines:
        line = text[start:end]
        if out and line.strip():
            pstart, pend = out[-1]
            prev = text[pstart:pend].rstrip()
            first = line.lstrip()[:1]
            joined = first.islower() or (wrapped and len(prev) >= _WRAP_MIN_CHARS)
            if prev and not _LINE_END.search(prev) and joined:
                out[-1] = (pstart, end)
                continue
        out.append((start, end))
    return out


class _Doc:
    """Sentence and paragraph index of one text."""

    def __init__(self, text: str) -> None:
        self.text = text
        spans: list[tuple[int, int, int]] = []  # (start, end, paragraph)
        para = 0
        pos = 0
        boiler: list[bool] = []
        lines: list[tuple[int, int]] = []
        for raw in text.split("\n"):
            lines.append((pos, pos + len(raw)))
            pos += len(raw) + 1
        for lstart, lend in _logical_lines(text, lines):
            line = text[lstart:lend]
            if not line.strip():
                continue
            boiler.append(bool(_BOILERPLATE.search(line)))
            s = lstart
            for m in _SENT_BOUNDARY.finditer(line):
                cut = lstart + m.start()
                before = text[s:cut].rstrip('"”’)]')
                last = before.rsplit(None, 1)[-1] if before.split() else ""
                token = last.rstrip(".!?").lower()
                if token in _ABBREV or (len(token) <= 3 and _INITIALS.search(before[-6:])):
                    continue
                spans.append((s, cut, para))
                s = lstart + m.end()
            if s < lend:
                spans.append((s, lend, para))
            para += 1
        self.spans = spans
        self.starts = [s for s, _, _ in spans]
        self.boiler = boiler

    def index(self, pos: int) -> int:
        """Index of the sentence containing ``pos``."""
        return max(0, bisect.bisect_right(self.starts, pos) - 1)

    def is_boilerplate(self, i: int) -> bool:
        """Whether sentence ``i`` belongs to a boilerplate paragraph."""
        return self.boiler[self.spans[i][2]]


def _in_range(items: list, starts: list[int], start: int, end: int) -> list:
    lo = bisect.bisect_left(starts, start)
    hi = bisect.bisect_left(starts, end)
    return [x for x in items[lo:hi] if x.end <= end]


def _to_int(token: str) -> int | None:
    t = re.sub(r"\s+", " ", token.strip().lower())
    if t[0].isdigit():
        try:
            return int(t.replace(",", ""))
        except ValueError:
            return None
    if t in _NUMBER_WORDS:
        return _NUMBER_WORDS[t]
    parts = re.split(r"[\s-]", t)
    if len(parts) == 2 and parts[0] in _NUMBER_WORDS and parts[1] in _NUMBER_WORDS:
        return _NUMBER_WORDS[parts[0]] + _NUMBER_WORDS[parts[1]]
    return None


# ------------------------------------------------------------------ public
def extract_incidents(article: Article, gazetteer: Gazetteer, *, nlp: object | None = None) -> list[Incident]:
    """Extract the concrete violent incidents reported by one article.

    Parameters
    ----------
    article
        The article (its ``published`` date may be ``None``).
    gazetteer
        Offline place index; :meth:`Gazetteer.find_mentions` is called once.
    nlp
        Optional spaCy ``Language``. When given, its GPE/LOC/FAC entities
        that the gazetteer does not know become *unresolved* location names
        (``location`` set, no coordinates, ``geocoder=""``) for incidents
        with no gazetteer place, so an online geocoder can resolve them
        later. The default path (``None``) needs no statistical model.

    Returns
    -------
    list of Incident
        In text order. ``event_date`` is ISO with ACLED ``time_precision``;
        ``char_start``/``char_end`` are offsets into the file (front matter
        included); ``fatalities`` is ``None`` when the text gives no figure.

    Notes
    -----
    Pure function: no I/O and no global state; safe to map over partitions
    of a corpus in parallel.
    """
    text = article.text
    if not text.strip():
        return []
    doc = _Doc(text)
    if not doc.spans:
        return []
    triggers = _find_triggers(text)
    if not triggers:
        return []
    dates = find_dates(text)
    actors = find_actors(text)
    mentions = gazetteer.find_mentions(text)
    extra_places = _nlp_places(nlp, text, mentions) if nlp is not None else []

    dates = [d for d in dates if not doc.is_boilerplate(doc.index(d.start))]
    reference = reference_date(dates, published=article.published)
    if article.published is None:
        from_url = _url_date(article.url)
        if from_url is not None and (reference is None or from_url.end >= reference.date):
            reference = from_url
    resolved, contexts = _resolve_dates(dates, doc, published=article.published, reference=reference)
    date_starts = [d.start for d in dates]
    actor_starts = [a.start for a in actors]
    mention_starts = [m.start for m in mentions]
    trig_starts = [t.start for t in triggers]
    border_place = _border_place(gazetteer)
    default_country = _dominant_country(mentions)
    ctx = _Ctx(
        text=text,
        doc=doc,
        dates=dates,
        date_starts=date_starts,
        resolved=resolved,
        contexts=contexts,
        actors=actors,
        actor_starts=actor_starts,
        mentions=mentions,
        mention_starts=mention_starts,
        extra_places=extra_places,
        gazetteer=gazetteer,
        border_place=border_place,
        default_country=default_country,
        published_ref=reference,
        report=[_is_report_date(text, doc, m) for m in dates],
    )

    drafts: list[_Draft] = []
    by_sentence: dict[int, list[_Trigger]] = {}
    for t in triggers:
        by_sentence.setdefault(doc.index(t.start), []).append(t)
    del trig_starts
    for si in sorted(by_sentence):
        if doc.is_boilerplate(si):
            continue
        drafts.extend(_sentence_incidents(ctx, si, by_sentence[si]))

    strong = _drop_coarse_duplicates([d for d in drafts if not d.weak])
    drafts = [d for d in drafts if d.weak or d in strong]
    drafts, taken = _merge_incidents(ctx, drafts)
    _harvest_following(ctx, drafts, taken)
    _place_from_article(drafts)
    return [_to_incident(ctx, d, article) for d in drafts]


# ------------------------------------------------------------------ helpers
@dataclass(slots=True)
class _Ctx:
    text: str
    doc: _Doc
    dates: list[DateMention]
    date_starts: list[int]
    resolved: list[ResolvedDate | None]
    contexts: list[ResolvedDate | None]
    actors: list[ActorMention]
    actor_starts: list[int]
    mentions: list[PlaceMention]
    mention_starts: list[int]
    extra_places: list[tuple[int, int, str]]
    gazetteer: Gazetteer
    border_place: Place | None
    default_country: str
    published_ref: ResolvedDate | None
    report: list[bool] = field(default_factory=list)
    sent_attr: dict[int, Actor] = field(default_factory=dict)


def _nlp_places(nlp: object, text: str, mentions: list[PlaceMention]) -> list[tuple[int, int, str]]:
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


def _find_triggers(text: str) -> list[_Trigger]:
    out: list[_Trigger] = []
    for m in scan_words(_TRIGGER_RE, text, _TRIGGER_KEYS):
        idx = int(m.lastgroup[1:]) if m.lastgroup else -1
        if idx < 0:
            continue
        cls, pos = _TRIGGER_ENTRIES[idx]
        word = m.group()
        if pos == "v" and word.lower() == "killing":
            prev = text[max(0, m.start() - 12) : m.start()].lower().split()
            if prev and prev[-1] in ("the", "a", "and", "targeted", "brutal"):
                pos = "n"
        if _NON_EVENT_BEFORE.search(text[max(0, m.start() - 20) : m.start()]):
            continue
        out.append(_Trigger(m.start(), m.end(), word, cls, pos))
    return out


_URL_DATE: Final[re.Pattern[str]] = re.compile(
    r"/(?P<y>20\d\d)/(?P<m>0?[1-9]|1[0-2]|[A-Za-z]{3})(?:/(?P<d>0?[1-9]|[12]\d|3[01]))?(?=/)"
)


def _url_date(url: str) -> ResolvedDate | None:
    """The date in an article's URL ("/2022/01/", "/2025/Oct/15/"), when there is one."""
    import datetime as dt

    from geo.dates import MONTHS

    m = _URL_DATE.search(url or "")
    if m is None:
        return None
    month_token = m.group("m")
    month = int(month_token) if month_token.isdigit() else MONTHS.get(month_token.lower())
    if month is None:
        return None
    year = int(m.group("y"))
    if m.group("d"):
        try:
            return ResolvedDate(dt.date(year, month, int(m.group("d"))), 1, inferred=True)
        except ValueError:
            return None
    return ResolvedDate(dt.date(year, month, 1), 3, inferred=True)


#: A reporting verb right before a date: the date of the report ("said on Friday", "rose to 10 on Friday").
_REPORT_BEFORE_DATE: Final[re.Pattern[str]] = re.compile(
    r"\b(?:said|says|told\s+[\w.]+|reported|stated|announced|confirmed|claimed(?:\s+responsibility)?|added|"
    r"condemned|(?:rose|risen|climbed|jumped|reached|increased)\s+to\s+[\w,]+)"
    r"(?:\s+(?:in\s+a\s+statement|late|early|on))*\s*$",
    re.IGNORECASE,
)
#: A reporting verb right after a date: "The group on Saturday claimed responsibility".
_REPORT_AFTER_DATE: Final[re.Pattern[str]] = re.compile(
    r"^(?:\s+(?:night|evening|morning|afternoon))?\s*,?\s*(?:(?:also|strongly|formally|officially|later|again)\s+)*"
    r"(?:said|claimed|condemned|reported|confirmed|announced|stated|denied|blamed|accused)\b(?!\s+to\s+have)",
    re.IGNORECASE,
)


def _is_report_date(text: str, doc: _Doc, m: DateMention) -> bool:
    """Whether a date mention dates a report or a claim rather than an event."""
    if m.kind not in ("weekday", "relative", "partial", "absolute"):
        return False
    s_start = doc.spans[doc.index(m.start)][0]
    before = text[max(s_start, m.start - 50) : m.start]
    if m.kind == "relative" and m.relative not in ("today",):
        return False
    return bool(_REPORT_BEFORE_DATE.search(before) or _REPORT_AFTER_DATE.search(text[m.end : m.end + 40]))


def _resolve_dates(
    dates: list[DateMention], doc: _Doc, *, published: object, reference: ResolvedDate | None
) -> tuple[list[ResolvedDate | None], list[ResolvedDate | None]]:
    """Resolve every date in text order; also the context *before* each."""
    import datetime as dt

    pub = published if isinstance(published, dt.date) else None
    ref = reference
    resolved: list[ResolvedDate | None] = []
    contexts: list[ResolvedDate | None] = []
    ctx: ResolvedDate | None = None
    ctx_para = -1
    for m in dates:
        para = doc.spans[doc.index(m.start)][2]
        contexts.append(ctx)
        r = resolve_date(m, context=ctx, context_local=(para == ctx_para), reference=ref, published=pub)
        resolved.append(r)
        if r is not None and not m.future:
            ctx, ctx_para = r, para
    return resolved, contexts


def _context_before(ctx: _Ctx, pos: int) -> ResolvedDate | None:
    """The last resolved date strictly before ``pos``."""
    i = _context_index(ctx, pos)
    return None if i is None else ctx.resolved[i]


def _context_index(ctx: _Ctx, pos: int) -> int | None:
    """Index of the last resolved date strictly before ``pos``."""
    i = bisect.bisect_left(ctx.date_starts, pos) - 1
    while i >= 0:
        r = ctx.resolved[i]
        if r is not None and not ctx.dates[i].future:
            return i
        i -= 1
    return None


def _border_place(gazetteer: Gazetteer) -> Place | None:
    for name in _BORDER_NAMES:
        for p in gazetteer.lookup(name):
            if p.feature_type == "border":
                return p
    return None


def _dominant_country(mentions: list[PlaceMention]) -> str:
    counts: dict[str, int] = {}
    for m in mentions:
        cc = m.best.country_code
        if cc in ("PK", "AF"):
            counts[cc] = counts.get(cc, 0) + 1
    if not counts:
        return "PK"
    return max(counts, key=lambda c: (counts[c], c == "PK"))


def _clause_start(text: str, sent_start: int, pos: int) -> int:
    """Start of the clause holding ``pos`` (after the last , ; : ( or who/which/that)."""
    seg = text[sent_start:pos]
    best = -1
    for ch in (",", ";", ":", "(", "—", "–"):
        best = max(best, seg.rfind(ch))
    for word in (" who ", " which ", " that ", " while ", " but ", " yet "):
        k = seg.rfind(word)
        if k >= 0:
            best = max(best, k + len(word) - 1)
    return sent_start + best + 1


def _trigger_ok(ctx: _Ctx, t: _Trigger, sent_start: int, sent_end: int) -> bool:
    """Filter one trigger: negation, modality, plans, generic framing."""
    text = ctx.text
    cstart = _clause_start(text, sent_start, t.start)
    pre_full = text[max(sent_start, t.start - 80) : t.start]
    pre = text[cstart : t.start]
    # the last few words only
    pre_words = " ".join(pre.split()[-6:]) + (" " if pre.strip() else "")
    post = text[t.end : min(sent_end, t.end + 40)]
    if _PRE_BLOCK.search(pre_words) or _POST_BLOCK.search(post):
        return False
    if _INFINITIVE.search(pre_full[-30:]):
        return False
    return not (t.text.lower().endswith("ing") and _HABITUAL.search(pre_full[-20:]))


def _mark_anaphora(ctx: _Ctx, t: _Trigger, sent_start: int, sent_end: int) -> None:
    if t.pos != "n":
        return
    text = ctx.text
    pre = text[max(sent_start, t.start - 60) : t.start]
    if not _ANAPHORIC_BEFORE.search(pre):
        return
    # new information right after the noun ("the attack in Quetta on Monday") is a first mention
    clause_end = text.find(",", t.end, sent_end)
    clause_end = sent_end if clause_end < 0 else clause_end
    after = text[t.end : min(clause_end, t.end + 60)]
    if re.match(r"\s+of\s+(?:(?:former|senior|the)\s+)?(?:[a-z]+\s+)?[A-Z]", after):
        return  # "the killing of Osama bin Laden": a first mention
    if re.match(r"\s+(?:on|against)\s+(?:a|an)\s+", after):
        return  # "the attack on a checkpost": new information, a first mention
    if re.match(r"\s+(?:in|at|near|on)\s+(?:the\s+)?[A-Z0-9]", after) and not re.match(
        r"\s+on\s+(?:the\s+)?(?:Pakistani|Afghan)", after
    ):
        return
    t.anaphoric = True
    t.backref = bool(_BACKREF_BEFORE.search(pre))


def _sentence_incidents(ctx: _Ctx, si: int, triggers: list[_Trigger]) -> list[_Draft]:
    text, doc = ctx.text, ctx.doc
    s_start, s_end, _para = doc.spans[si]
    kept: list[_Trigger] = []
    for t in triggers:
        if not _trigger_ok(ctx, t, s_start, s_end):
            continue
        _mark_anaphora(ctx, t, s_start, s_end)
        kept.append(t)
    if not kept:
        return []
    # a sentence opening with an anaphoric event NP ("Those raids, which ...
    # killed") only adds detail to an event already read
    first = kept[0]
    fresh = [t for t in kept if not t.anaphoric]
    initial_np = first.anaphoric and not first.backref and _SENTENCE_INITIAL_NP.search(text[s_start : first.start])
    if initial_np or not fresh:
        # only anaphoric mentions ("the attack", "the blast"): detail for an
        # incident already read (place, date, toll), never an incident of its own
        (_s, _e, date_idx), *_rest = _split_by_dates(ctx, s_start, s_end, kept)
        return _build_draft(ctx, si, s_start, s_end, kept, date_idx, group_start=s_start, weak=True)
    groups = _group_triggers(ctx, fresh, s_start, s_end)
    out: list[_Draft] = []
    for g_start, g_end, g_trigs in groups:
        for sub_start, sub_end, date_idx in _split_by_dates(ctx, g_start, g_end, g_trigs):
            out.extend(_build_draft(ctx, si, sub_start, sub_end, g_trigs, date_idx, group_start=g_start))
    return out


def _agent_before(ctx: _Ctx, start: int, pos: int) -> ActorMention | None:
    """The nearest actor before ``pos`` (from ``start``) in an agent role."""
    lo = bisect.bisect_left(ctx.actor_starts, start)
    hi = bisect.bisect_left(ctx.actor_starts, pos)
    for a in reversed(ctx.actors[lo:hi]):
        if _is_agent(ctx, a):
            return a
    return None


def _in_proper_name(text: str, a: ActorMention) -> bool:
    """A generic word inside a name ("Army Public School", "Police Lines")."""
    if not a.actor.is_generic or not a.text[:1].isupper():
        return False
    return bool(re.match(r"\s+[A-Z][a-z]", text[a.end : a.end + 3]))


def _is_agent(ctx: _Ctx, a: ActorMention) -> bool:
    text = ctx.text
    if a.actor.name == GENERIC_CIVILIANS or _in_proper_name(text, a):
        return False
    before = text[max(0, a.start - 40) : a.start]
    after = text[a.end : a.end + 30]
    if _BY_BEFORE.search(before):
        return True
    if _is_source_or_victim(text, a):
        return False
    if _TARGET_AFTER.search(after):
        return False
    if a.is_state_word:
        if re.search(
            r"\b(?:in|at|near|on|inside|into|across|from|of|to|with|against|for|within|and|between)\s+$", before, re.I
        ):
            return False
        return bool(_ACTS_AFTER.search(after))
    return not _TARGET_BEFORE.search(before[-25:])


def _is_source_or_victim(text: str, a: ActorMention) -> bool:
    """Whether an actor mention is the victim or the source of a report, not an agent.

    "23 soldiers were killed", "two policemen lost their lives": victims.
    "police said", "the Army said on Friday", "according to the military",
    "a spokesman for the TTP": sources of the report (a group claiming an
    attack is an attribution, handled elsewhere).
    """
    after = text[a.end : a.end + 60]
    if _VICTIM_AFTER.search(after):
        return True
    if _REPORTER_AFTER.search(after):
        return True
    if a.actor.is_state and re.match(r"\s+(?:also\s+)?claimed\b(?!\s+responsibility)", after):
        return True
    return bool(_REPORTER_BEFORE.search(text[max(0, a.start - 40) : a.start]))


def _group_triggers(
    ctx: _Ctx, trigs: list[_Trigger], s_start: int, s_end: int
) -> list[tuple[int, int, list[_Trigger]]]:
    """Split a sentence's triggers into events: a new one starts when another agent acts."""
    text = ctx.text
    groups: list[list[_Trigger]] = [[trigs[0]]]
    agents: list[str | None] = []
    first_agent = _agent_before(ctx, s_start, trigs[0].start)
    agents.append(first_agent.actor.name if first_agent else None)
    for t in trigs[1:]:
        prev = groups[-1][-1]
        between_agents = [a for a in _in_range(ctx.actors, ctx.actor_starts, prev.end, t.start) if _is_agent(ctx, a)]
        new_agent = None
        for a in between_agents:
            gap = text[a.end : t.start]
            if len(gap.split()) <= 3 and not re.search(r"[,;]", gap):
                new_agent = a
        if new_agent is not None and agents[-1] is not None and new_agent.actor.name != agents[-1] and t.cls != "kill":
            groups.append([t])
            agents.append(new_agent.actor.name)
        else:
            groups[-1].append(t)
    if len(groups) == 1:
        return [(s_start, s_end, groups[0])]
    out: list[tuple[int, int, list[_Trigger]]] = []
    bounds = [s_start]
    for a, b in itertools.pairwise(groups):
        lo, hi = a[-1].end, b[0].start
        seg = text[lo:hi]
        cut = max(seg.rfind(","), seg.rfind(";"))
        bounds.append(lo + cut + 1 if cut >= 0 else lo + len(seg) - len(seg.lstrip()))
    bounds.append(s_end)
    for i, g in enumerate(groups):
        out.append((bounds[i], bounds[i + 1], g))
    return out


def _usable_dates(ctx: _Ctx, start: int, end: int) -> list[int]:
    lo = bisect.bisect_left(ctx.date_starts, start)
    hi = bisect.bisect_left(ctx.date_starts, end)
    return [i for i in range(lo, hi) if ctx.dates[i].end <= end and not ctx.dates[i].future]


#: Characters a report date counts as further from the trigger than an event date.
_REPORT_DATE_PENALTY: Final[int] = 80


def _split_by_dates(ctx: _Ctx, start: int, end: int, trigs: list[_Trigger]) -> list[tuple[int, int, int | None]]:
    """One (start, end, date index) per event; several explicit years joined by "and" split."""
    idx = _usable_dates(ctx, start, end)
    explicit = [
        i
        for i in idx
        if ctx.dates[i].kind == "absolute" and not ctx.dates[i].since and ctx.dates[i].start > trigs[0].start
    ]
    if len(explicit) >= 2:
        vals = [ctx.resolved[i] for i in explicit]
        distinct = len({(v.date, v.precision) for v in vals if v is not None}) == len(explicit)
        joins = all(
            re.search(r"\band\b", ctx.text[ctx.dates[a].end : ctx.dates[b].start])
            for a, b in itertools.pairwise(explicit)
        )
        if distinct and joins:
            out: list[tuple[int, int, int | None]] = []
            s = start
            for k, i in enumerate(explicit):
                if k + 1 < len(explicit):
                    nxt = explicit[k + 1]
                    seg = ctx.text[ctx.dates[i].end : ctx.dates[nxt].start]
                    m = list(re.finditer(r"\band\b", seg))
                    cut = ctx.dates[i].end + m[0].start()
                    out.append((s, cut, i))
                    s = cut
                else:
                    out.append((s, end, i))
            return out
    # the date nearest to the main trigger, explicit mentions preferred
    main = trigs[0]
    best: int | None = None
    best_key: tuple[int, int] | None = None
    # a report date ("said on Friday") loses to an event date ("overnight")
    for i in idx:
        m = ctx.dates[i]
        if ctx.resolved[i] is None:
            continue
        penalty = _REPORT_DATE_PENALTY if ctx.report and ctx.report[i] else 0
        key = (int(m.since), abs(m.start - main.start) + penalty)
        if best_key is None or key < best_key:
            best, best_key = i, key
    return [(start, end, best)]


def _build_draft(
    ctx: _Ctx,
    si: int,
    start: int,
    end: int,
    trigs: list[_Trigger],
    date_idx: int | None,
    *,
    group_start: int,
    weak: bool = False,
) -> list[_Draft]:
    """The incident(s) one span reports (several when it names coordinated places).

    A span that lacks what makes a report concrete (no actor, no place, no
    date of its own) gives a *weak* draft: it can add detail to an incident
    read before it, but never stands alone.
    """
    text = ctx.text
    in_span = [t for t in trigs if start <= t.start < end] or trigs
    cls = min((t.cls for t in in_span), key=CLASS_PRIORITY.index)
    main = next((t for t in in_span if t.cls != "kill"), in_span[0])
    seg = text[start:end]

    # --- concreteness: a noun-only event needs a date, a place or a light verb
    has_verb = any(t.pos == "v" for t in in_span)
    explicit_date = date_idx is not None
    light = any(_LIGHT_VERB_BEFORE.search(text[max(start, t.start - 50) : t.start]) for t in in_span)

    # --- date
    notes: list[str] = []
    date: ResolvedDate | None = None
    date_kind = "event"
    date_vague = False
    if date_idx is not None:
        date = ctx.resolved[date_idx]
        if date is not None and date.inferred:
            notes.append("year inferred from article context")
        if ctx.report and ctx.report[date_idx]:
            date_kind = "report"
        date_vague = ctx.dates[date_idx].kind == "relative" and ctx.dates[date_idx].relative not in _DAY_RELATIVES
    if date is None:
        ci = _context_index(ctx, start)
        date = None if ci is None else ctx.resolved[ci]
        explicit_date = False
        if date is not None:
            notes.append("date from preceding context")
            date_kind = "report" if ctx.report and ci is not None and ctx.report[ci] else "context"
        elif ctx.published_ref is not None:
            date = ctx.published_ref
            date_kind = "publication"
            notes.append("date from publication/reference date")
    if date is None:
        logger.debug("no date for trigger %r", main.text)
        return []
    if date.precision == 4 and _AGGREGATE.search(seg):
        return []
    if date.precision <= 3 and _AGGREGATE.search(seg) and not has_verb:
        return []
    first_verb = next((t for t in in_span if t.pos == "v"), main)
    perfect = _PERFECT.search(text[max(start, first_verb.start - 25) : first_verb.start])
    if perfect and not explicit_date and not re.search(r"\d", seg) and not weak:
        return []  # present perfect with no figure and no date: a generic statement

    # --- places
    place, loc_text, precision, locative_found = _choose_place(ctx, start, end)
    also = bool(_ALSO_CUE.search(text[max(start, main.start - 30) : min(end, main.end + 25)]))
    if not has_verb and not explicit_date and not locative_found and not light:
        weak = True

    # --- actors
    actor1, actor1_note = _choose_actor1(ctx, min(start, group_start), end, main)
    if actor1_note:
        notes.append(actor1_note)
    actor2 = _choose_actor2(ctx, start, end, main, actor1)
    attributed = None
    if actor1 is None:
        attributed = _attribution_in(ctx, start, end)
        if attributed is not None:
            notes.append("actor attributed in the same sentence")
    if actor1 is None and attributed is None and (place is None or not (explicit_date or also)):
        # no actor and no place, or no actor and no date of its own: a detail
        # of another report or a general statement
        weak = True

    fatalities, fat_note, fat_noun = _fatality_figure(seg)
    if fat_note:
        notes.append(fat_note)

    country = place.country_code if place is not None else ""
    if not country:
        country = _country_hint(seg, actor2)
    draft = _Draft(
        start=start,
        end=end,
        sent_index=si,
        triggers=in_span,
        cls=cls,
        date=date,
        date_explicit=explicit_date,
        actor1=actor1.actor if actor1 else attributed,
        actor2=actor2.actor if actor2 else None,
        place=place,
        location_text=loc_text,
        geo_precision=precision,
        country_code=country,
        fatalities=fatalities,
        notes=notes,
        weak=weak,
        date_kind=date_kind,
        fat_noun=fat_noun,
        separate=bool(_SEPARATE_CUE.search(seg)),
        also=also,
        date_vague=date_vague,
        same_area=_same_area(seg),
    )
    draft.event_type = _event_type(draft, seg, main)
    draft.confidence = _confidence(draft, seg, has_verb)
    out = [draft]
    # killings and abductions of other people in one report: two incidents
    others = [t for t in in_span if t.cls != "abduct"]
    if cls == "abduct" and others and fatalities is not None and not weak:
        other_cls = min((t.cls for t in others), key=CLASS_PRIORITY.index)
        killing = dataclasses.replace(draft, cls=other_cls, notes=list(notes), triggers=others)
        draft.split_key = "abduction"
        killing.event_type = _event_type(killing, seg, next((t for t in others if t.cls != "kill"), others[0]))
        draft.fatalities, draft.fat_noun = None, ""
        out = [killing, draft]
    # "air strikes also hit Kunar and Paktika": one incident per place
    if not weak and place is not None:
        extra = _coordinated_places(ctx, start, end, place)
        if extra:
            copies = []
            for p in extra:
                c = dataclasses.replace(draft, place=p, location_text=p.name, notes=list(notes), split_key=p.place_id)
                copies.append(c)
            draft.split_key = place.place_id
            out.extend(copies)
    return out


def _country_hint(seg: str, actor2: ActorMention | None) -> str:
    if actor2 is not None and actor2.actor.country:
        return actor2.actor.country
    if re.search(r"\bPakistan(?:i|'s|’s)?\b", seg) and not re.search(r"\bAfghan", seg):
        return "PK"
    if re.search(r"\bAfghan(?:istan)?(?:'s|’s)?\b", seg) and not re.search(r"\bPakistan", seg):
        return "AF"
    return ""


def _place_candidates(ctx: _Ctx, start: int, end: int) -> list[tuple[int, int, str, Place | None, int]]:
    """(start, end, text, place, flags) of locative place mentions; flags: 1 near, 2 demoted."""
    text = ctx.text
    out: list[tuple[int, int, str, Place | None, int]] = []
    blocked = [(d.start, d.end) for d in ctx.dates if start <= d.start < end]
    blocked += [
        (a.start, a.end)
        for a in _in_range(ctx.actors, ctx.actor_starts, start, end)
        if not a.is_state_word or _is_agent(ctx, a)
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
    for m in _in_range(ctx.mentions, ctx.mention_starts, start, end):
        if any(m.start < be and bs < m.end for bs, be in blocked):
            continue
        if m.text.lower() in _DEMONYMS:
            continue
        before = text[max(start, m.start - 45) : m.start]
        prev_word = before.split()[-1] if before.split() else ""
        if (
            prev_word[:1].isupper()
            and prev_word.lower() not in _NAME_WORDS
            and not prev_word.endswith(("'s", "’s"))
            and not re.search(r"[,.;:]$", prev_word)
            and prev_word.lower() not in ("in", "on", "at", "near")
        ):
            continue  # part of a person or organisation name ("Imran Khan")
        if _ORIGIN_BEFORE.search(before) and not re.search(r"\b(?:in|near|at|on)\s+$", before[-8:]):
            continue
        if not _LOCATIVE_BEFORE.search(before):
            continue
        after = text[m.end : m.end + 40]
        if _REPORTER_PLACE_AFTER.match(after):
            continue  # "the government in Kabul said": where the source is, not the event
        nxt = _NEXT_CAPITAL.match(after)
        if nxt and nxt.group(1).lower() not in _FACILITY_WORDS:
            continue  # a short match inside an unknown longer name ("Kot" of "Kot Katai")
        place = _rerank(ctx, m, before)
        flags = 1 if _NEAR_BEFORE.search(before) else 0
        if _AREA_AFTER.match(after):
            flags |= 4  # "the X area", "Y's X area": around X, not X itself
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
        if flags & 1 and i > 0 and _NEAR_BEFORE.search(text[out[i - 1][1] : c[0]]):
            flags |= 2
        marked.append((c[0], c[1], c[2], c[3], flags))
    return marked


def _rerank(ctx: _Ctx, m: PlaceMention, before: str) -> Place:
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
    ranked = ctx.gazetteer.rank(list(m.candidates), feature_type=hint, country=country)
    return ranked[0] if ranked else m.best


def _choose_place(ctx: _Ctx, start: int, end: int) -> tuple[Place | None, str, int | None, bool]:
    cands = _place_candidates(ctx, start, end)
    if not cands:
        return None, "", None, False
    resolved = [c for c in cands if c[3] is not None]
    pool = [c for c in resolved if not c[4] & 2] or resolved
    between = _between_places(ctx, resolved)
    if between is not None:
        return between, between.name, 2, True
    if pool:
        best = min(pool, key=lambda c: (_TYPE_RANK.get(c[3].feature_type, 9), c[0]))  # type: ignore[union-attr]
        place = best[3]
        assert place is not None
        precision = place.geo_precision
        if best[4] & 5 and precision == 1:
            precision = 2
        return place, place.name, precision, True
    first = cands[0]
    return None, first[2], None, True


def _between_places(ctx: _Ctx, cands: list[tuple[int, int, str, Place | None, int]]) -> Place | None:
    """A point halfway between two nearby towns ("between Pasni and Ormara", geo_precision 2)."""
    text = ctx.text
    for a, b in itertools.pairwise(cands):
        pa, pb = a[3], b[3]
        if pa is None or pb is None or pa.geo_precision != 1 or pb.geo_precision != 1:
            continue
        if not re.fullmatch(r"\s+and\s+", text[a[1] : b[0]]) or not re.search(r"\bbetween\s+$", text[a[0] - 9 : a[0]]):
            continue
        if pa.country_code != pb.country_code or _km(pa, pb) > 150:
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


def _choose_actor1(ctx: _Ctx, start: int, end: int, main: _Trigger) -> tuple[ActorMention | None, str]:
    text = ctx.text
    in_span = _in_range(ctx.actors, ctx.actor_starts, start, end)
    by_agents = [a for a in in_span if _BY_BEFORE.search(text[max(start, a.start - 30) : a.start])]
    by_agents = [a for a in by_agents if a.actor.name != GENERIC_CIVILIANS]
    if by_agents:
        return min(by_agents, key=lambda a: abs(a.start - main.start)), ""
    agent = _agent_before(ctx, start, main.start)
    if agent is not None:
        return agent, ""
    # "TTP militants attacked" where the agent follows a leading adverbial
    return None, ""


def _choose_actor2(ctx: _Ctx, start: int, end: int, main: _Trigger, actor1: ActorMention | None) -> ActorMention | None:
    text = ctx.text
    in_span = _in_range(ctx.actors, ctx.actor_starts, start, end)
    # passive: "a senior TTP leader ... was killed by Pakistan"
    if re.search(r"\b(?:was|were|been|being)\s+(?:\w+\s+)?$", text[max(start, main.start - 20) : main.start]):
        before = [a for a in in_span if a.end <= main.start and a is not actor1]
        if before:
            return before[-1]
    after = [
        a
        for a in in_span
        if a.start >= main.end
        and a is not actor1
        and not _BY_BEFORE.search(text[max(start, a.start - 30) : a.start])
        and not (
            a.is_state_word
            and not re.search(r"\b(?:on|against|at|targeting)\s+$", text[max(0, a.start - 12) : a.start])
        )
    ]
    named = [a for a in after if not a.is_state_word]
    if named:
        return named[0]
    return after[0] if after else None


def _figure_noun(seg: str, pos: int) -> str:
    """The victim noun of the figure ending at ``pos`` ("" when none is near)."""
    for k, w in enumerate(_WORD_RE.finditer(seg, pos, pos + 60)):
        word = w.group().lower()
        if word in _VICTIM_NOUNS:
            return word
        if k >= 4:
            break
    return ""


def _fatalities(seg: str) -> tuple[int | None, str]:
    """The most conservative death toll a text span states, and a note."""
    value, note, _noun = _fatality_figure(seg)
    return value, note


def _fatality_figure(seg: str) -> tuple[int | None, str, str]:
    """The death toll of a span, a note and the noun of the victims counted.

    Several figures joined in one list ("two soldiers and three civilians")
    are summed; figures of two accounts ("15 civilians were killed, officials
    said, as the army claimed killing 40 fighters") are not. Attackers killed
    are left out when the victims' toll is also given.
    """
    values: list[tuple[int, int, str]] = []
    for rx in _FATALITY_RES:
        for m in rx.finditer(seg):
            n = _to_int(m.group("n"))
            if n is None or 1900 <= n <= 2100 or n > 100_000:
                continue
            if _MONTH_NEAR_AFTER.match(seg, m.end("n")) or _MONTH_NEAR_BEFORE.search(seg[: m.start("n")][-12:]):
                continue  # a day of the month, not a toll
            if m.group("n2"):
                n2 = _to_int(m.group("n2"))
                if n2 is not None:
                    n = min(n, n2)
            end = m.end("n2") if m.group("n2") else m.end("n")
            values.append((m.start("n"), n, _figure_noun(seg, end)))
    note = ""
    if not values:
        if _SINGLE_VICTIM.search(seg):
            return 1, "", "<one>"
        nm = _NAMED_VICTIM.search(seg)
        if nm and not re.search(r"\b(?:Pakistan|Afghanistan|India|Iran|China)\b", nm.group()):
            return 1, "one named victim", "<one>"
        return None, "", ""
    # the same figure read twice by two patterns counts once
    uniq: dict[int, tuple[int, str]] = {}
    for pos, n, noun in sorted(values):
        if not any(abs(pos - p) <= 2 for p in uniq):
            uniq[pos] = (n, noun)
    victims = {p: v for p, v in uniq.items() if v[1] not in _ATTACKER_NOUNS}
    if victims:
        uniq = victims
    order = sorted(uniq)
    nums = [uniq[p][0] for p in order]
    noun = uniq[order[0]][1]
    joined = len(nums) > 1 and all(
        re.search(r"\band\b|,", seg[a:b]) and not _ACCOUNT_BREAK.search(seg[a:b]) for a, b in itertools.pairwise(order)
    )
    if joined and len(set(nums)) > 1:
        value = sum(nums)
        note = "fatalities summed over reported groups"
    else:
        value = min(nums)
    first_pos = min(uniq)
    claims = [c for c in _CLAIMANT.finditer(seg) if c.start() < first_pos]
    claim = claims[-1] if claims else None
    if re.search(r"\ballegedly\b", seg, re.I):
        note = "fatalities alleged"
    if claim:
        who = claim.group("who")
        if who.lower() not in ("the", "it", "this", "that"):
            note = f"fatalities per {who} claim"
    return value, note, noun


def _event_type(d: _Draft, seg: str, main: _Trigger) -> tuple[str, str]:
    """ACLED type of a draft.

    Notes
    -----
    Explosive and abduction triggers decide on their own. For attacks and
    killings the actors decide, following the project's gold annotation:

    * two state forces fighting, an explicit exchange of fire or casualties
      on both sides, or the attackers themselves killed: Battles/Armed clash;
    * a state force killing militants (an operation, a raid): Armed clash,
      but a targeted killing of one leader is an Attack;
    * a state force striking ("struck") with no civilian target: a strike
      (air/drone if aircraft are mentioned, else shelling/missile);
    * a non-state group killing soldiers or civilians with no exchange of
      fire: Violence against civilians/Attack (one-sided attack). Strict
      ACLED would code attacks on security forces as Battles; the gold
      annotation of this project codes them as attacks.
    """
    cls = d.cls
    if cls == "ied" and _state_explosion(d.triggers, d.actor1):
        return CLASS_TYPES["air"] if _AIR_CONTEXT.search(seg) else CLASS_TYPES["shell"]
    if cls not in ("attack", "kill"):
        return CLASS_TYPES[cls]
    a1, a2 = d.actor1, d.actor2
    a1_state = a1 is not None and a1.is_state
    a2_state = a2 is not None and a2.is_state
    a2_armed = a2 is not None and a2.armed and a2.name != GENERIC_CIVILIANS
    civ_target = (a2 is not None and a2.name == GENERIC_CIVILIANS) or bool(
        _CIVILIAN_TARGET.search(seg[main.end - d.start :] if main.end - d.start < len(seg) else "")
    )
    if a1_state and a2_state and a1 is not None and a2 is not None and a1.country != a2.country:
        return _BATTLE
    if _CLASH_CUE.search(seg):
        return _BATTLE
    victims_militants = bool(_MILITANT_VICTIMS.search(seg))
    if a1 is not None and not a1_state and victims_militants and a2_state:
        return _BATTLE  # the attackers were killed: fighting
    if a1_state:
        if ("struck" in main.text.lower() or "strike" in main.text.lower()) and not civ_target:
            return CLASS_TYPES["air"] if _AIR_CONTEXT.search(seg) else CLASS_TYPES["shell"]
        if d.fatalities == 1 or re.search(r"\b(?:leader|commander|chief)\b", seg, re.I):
            return _ATTACK
        if civ_target:
            return _ATTACK
        if a2_armed or victims_militants or a2 is None:
            return _BATTLE
    return _ATTACK


_GENERIC_EXPLOSION: Final[re.Pattern[str]] = re.compile(r"(?:blasts?|explosions?|explod\w+|bombings?)", re.IGNORECASE)


def _state_explosion(triggers: list[_Trigger], actor1: Actor | None) -> bool:
    """Explosions a state force is credited with are strikes, not planted bombs.

    "explosions in Kabul that were blamed on Pakistan": a state does not
    plant roadside bombs across a border; unless the text names a planted
    device, an explosion caused by a state military is a strike.
    """
    if actor1 is None or not actor1.is_state or actor1.is_generic:
        return False
    ied = [t for t in triggers if t.cls == "ied"]
    return bool(ied) and all(_GENERIC_EXPLOSION.fullmatch(t.text) for t in ied)


def _confidence(d: _Draft, seg: str, has_verb: bool) -> float:
    c = 0.5
    c += 0.1 if d.date_explicit else -0.1
    if d.place is not None:
        c += 0.1 if (d.geo_precision or 3) <= 2 else 0.05
    if d.actor1 is not None:
        c += 0.1
    if d.fatalities is not None:
        c += 0.05
    if not has_verb:
        c -= 0.1
    if _HEDGE.search(seg):
        c -= 0.05
    return round(min(0.95, max(0.05, c)), 2)


_ATTRIBUTION: Final[tuple[re.Pattern[str], ...]] = (
    re.compile(r"\b(?:blamed|accused|held|suspected)\s+(?:the\s+)?$", re.IGNORECASE),
    re.compile(r"\battributed\s+(?:[\w-]+\s+){0,4}?to\s+(?:the\s+)?$", re.IGNORECASE),
    re.compile(
        r"\b(?:claimed\s+by|carried\s+out\s+by|perpetrated\s+by|responsibility\s+(?:was\s+)?claimed\s+by)\s+(?:the\s+)?$",
        re.IGNORECASE,
    ),
    re.compile(r"\bblamed\s+on\s+(?:the\s+)?$", re.IGNORECASE),
)
_SEPARATE_CUE: Final[re.Pattern[str]] = re.compile(
    r"\b(?:separate(?:ly)?\s+(?:incidents?|attacks?|operations?|clash(?:es)?|developments?|raids?|strikes?)|separately"
    r"|another\s+(?:attack|incident|blast|explosion|bombing|strike|ambush|raid|clash)|(?:second|third)\s+incident"
    r"|a\s+similar\s+(?:attack|incident))\b",
    re.IGNORECASE,
)
_ALSO_CUE: Final[re.Pattern[str]] = re.compile(r"\balso\b", re.IGNORECASE)
_CLAIM_AFTER: Final[re.Pattern[str]] = re.compile(
    r"^\s*(?:(?:has|have|had|later|quickly)\s+)*(?:claimed|accepted|took)\s+responsibility|^\s*(?:was|were)\s+behind\b",
    re.IGNORECASE,
)
_FOLLOW_EVENT: Final[re.Pattern[str]] = re.compile(
    r"^\W*(?:the|these|those|this|that)\s+(?:[a-z][\w-]*\s+){0,3}(?:attacks?|strikes?|raids?|blasts?|bombings?|"
    r"explosions?|shelling|assaults?|incidents?|operations?|airstrikes?|ambush|clashes?)\b|^\W*the\s+death\s+toll\b",
    re.IGNORECASE,
)


def _harvest_following(ctx: _Ctx, drafts: list[_Draft], taken: set[int]) -> None:
    """Attribution and fatalities from the next sentences of an incident.

    "The Pakistani government blamed the TTP for the attack." gives actor1;
    "Those raids ... drew a rebuke from the Afghan Taliban, who reported 46
    civilian deaths" gives fatalities. Evidence then covers both sentences.
    """
    text, doc = ctx.text, ctx.doc
    for d in drafts:
        last_in_sentence = all(o.sent_index != d.sent_index or o.end <= d.end for o in drafts)
        if not last_in_sentence:
            continue
        for k in (1, 2):
            si = d.sent_index + k
            if si >= len(doc.spans) or si in taken or doc.is_boilerplate(si):
                break
            s, e, _ = doc.spans[si]
            sent = text[s:e]
            used = False
            if d.actor1 is None or d.actor1.name == GENERIC_ARMED:
                for a in _in_range(ctx.actors, ctx.actor_starts, s, e):
                    if a.actor.name in (GENERIC_CIVILIANS,) or a.is_state_word:
                        continue
                    before = text[max(s, a.start - 40) : a.start]
                    if any(rx.search(before) for rx in _ATTRIBUTION) or _CLAIM_AFTER.search(text[a.end : a.end + 40]):
                        d.actor1 = a.actor
                        d.notes.append(f"actor attributed in the following sentence ({a.text})")
                        d.event_type = _event_type(d, text[d.start : d.end], d.triggers[0])
                        used = True
                        break
            if d.fatalities is None and _FOLLOW_EVENT.search(sent):
                n, note = _fatalities(sent)
                if n is not None:
                    d.fatalities = n
                    if note:
                        d.notes.append(note)
                    used = True
            if used:
                d.end = e
            elif not _FOLLOW_EVENT.search(sent):
                break


def _attribution_in(ctx: _Ctx, start: int, end: int) -> Actor | None:
    """An actor a span blames or credits: "blamed the TTP", "claimed by ISKP", "X claimed responsibility"."""
    text = ctx.text
    for a in _in_range(ctx.actors, ctx.actor_starts, start, end):
        if a.actor.name == GENERIC_CIVILIANS:
            continue
        before = text[max(start, a.start - 40) : a.start]
        if any(rx.search(before) for rx in _ATTRIBUTION):
            return a.actor
        if not a.is_state_word and not a.actor.is_generic and _CLAIM_AFTER.search(text[a.end : a.end + 40]):
            return a.actor
    return None


def _coordinated_places(ctx: _Ctx, start: int, end: int, chosen: Place) -> list[Place]:
    """Other places coordinated with the chosen one ("in Kunar and Paktika"): one incident each."""
    cands = [c for c in _place_candidates(ctx, start, end) if c[3] is not None and not c[4] & 2]
    idx = next((i for i, c in enumerate(cands) if c[3] == chosen), None)
    if idx is None or _vague(chosen):
        return []
    run = [idx]
    for step in (-1, 1):
        i = idx
        while 0 <= i + step < len(cands):
            a, b = (cands[i], cands[i + step]) if step == 1 else (cands[i + step], cands[i])
            other = cands[i + step][3]
            assert other is not None
            if other.feature_type != chosen.feature_type or other == chosen:
                break
            if not re.fullmatch(r"\s*(?:,|and|&|,\s*and)\s*", ctx.text[a[1] : b[0]]):
                break
            i += step
            run.append(i)
    extra: list[Place] = []
    for i in sorted(run):
        p = cands[i][3]
        if p is not None and p != chosen and p not in extra:
            extra.append(p)
    return extra


# ------------------------------------------------------------ merging
#: How far (in sentences) a report may follow the incident it adds to.
_MERGE_GAP: Final[int] = 3
_WEAK_GAP: Final[int] = 5
_EXPLOSIVE_CLASSES: Final[frozenset[str]] = frozenset({"suicide", "ied", "grenade", "air", "shell"})
_KIND_RANK: Final[dict[str, int]] = {"event": 0, "context": 1, "report": 2, "publication": 3}
#: Relative expressions that name a day ("yesterday"), unlike "this week" or "recently".
_DAY_RELATIVES: Final[frozenset[str]] = frozenset({"yesterday", "last night", "overnight", "today"})
_SAME_AREA: Final[re.Pattern[str]] = re.compile(
    r"\b(?:in|at|of)\s+the\s+same\s+(province|district|city|town|area|region)\b", re.IGNORECASE
)


def _same_area(seg: str) -> str:
    """The kind of area "in the same province" means ("" when none)."""
    m = _SAME_AREA.search(seg)
    return "" if m is None else m.group(1).lower()


def _area_of(ctx: _Ctx, place: Place | None, kind: str) -> Place | None:
    """The province (or district, town) of a place: "the same province" as an incident before."""
    if place is None or not kind:
        return None
    if kind in ("province", "region"):
        if place.feature_type == "province":
            return place
        name, ftype = place.admin1, "province"
    elif kind == "district":
        if place.feature_type == "district":
            return place
        name, ftype = place.admin2, "district"
    else:
        return place
    if not name:
        return None
    found = ctx.gazetteer.lookup(name, feature_type=ftype, country=place.country_code)
    return next((p for p in found if p.feature_type == ftype), None)


def _place_from_article(drafts: list[_Draft]) -> None:
    """Give an incident whose sentences name no place the article's place, when it has one.

    An article has a place when its located incidents all lie in one area (the
    same place, nested places or within 40 km: :func:`_places_compatible`); a
    roundup of distant places has none, and its unplaced incidents stay
    unplaced. Countries, borders and regions do not count. The incident keeps
    a country of its own when that differs; ``geo_precision`` becomes at
    least 2 (near the place), and a note says the place was inferred.
    """
    located = [(d, d.place) for d in drafts if d.place is not None and not _vague(d.place)]
    if not located:
        return
    places = [p for _, p in located]
    if not all(_places_compatible(a, b) for i, a in enumerate(places) for b in places[i + 1 :]):
        return
    anchor, place = located[0]
    for d in drafts:
        if d.place is not None or d.location_text:  # placed, or a name the gazetteer does not know
            continue
        if d.country_code and d.country_code != place.country_code:
            continue
        d.place = place
        d.location_text = anchor.location_text
        d.geo_precision = max(anchor.geo_precision or 2, 2)
        d.country_code = d.country_code or anchor.country_code
        d.notes.append(f"{ARTICLE_PLACE_NOTE} ({anchor.location_text or place.name})")


def _vague(place: Place | None) -> bool:
    """A place that does not pin an incident down (a country, a border, a region)."""
    return place is None or place.feature_type in ("country", "border", "region")


def _km(a: Place, b: Place) -> float:
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dp, dl = p2 - p1, math.radians(b.lon - a.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))


def _places_compatible(a: Place | None, b: Place | None) -> bool:
    """Whether two places can be the scene of one incident (same, nested or near)."""
    if a is None or b is None or a == b:
        return True
    if a.feature_type in ("border", "region") or b.feature_type in ("border", "region"):
        return True
    if a.country_code and b.country_code and a.country_code != b.country_code:
        return False
    if a.feature_type == "country" or b.feature_type == "country":
        return True
    for x, y in ((a, b), (b, a)):
        if x.feature_type == "province" and y.admin1 and y.admin1.lower() == x.name.lower():
            return True
        if x.feature_type in ("district", "tehsil") and y.admin2 and y.admin2.lower() == x.name.lower():
            return True
    return _km(a, b) <= 40.0


def _actor_key(actor: Actor | None) -> tuple[str, str] | None:
    if actor is None or actor.name == GENERIC_CIVILIANS:
        return None
    if actor.is_state:
        return ("state", actor.country or "?")
    if actor.is_generic:
        return ("armed", "?")
    return ("armed", actor.name)


def _actors_compatible(a: Actor | None, b: Actor | None) -> bool:
    ka, kb = _actor_key(a), _actor_key(b)
    if ka is None or kb is None:
        return True
    return ka[0] == kb[0] and (ka[1] == kb[1] or "?" in (ka[1], kb[1]))


def _group_actor1(group: list[_Draft]) -> Actor | None:
    """The perpetrator of a group: the first stated actor; a named group refines an unnamed one."""
    actor: Actor | None = None
    for m in group:
        a = m.actor1
        if a is None or (m.weak and a.is_generic):
            continue
        if actor is None or (actor.name == GENERIC_ARMED and not a.is_state and not a.is_generic):
            actor = a
    return actor


def _compatible(group: list[_Draft], d: _Draft, group_actor: Actor | None) -> bool:
    """Whether draft ``d`` can report the same incident as ``group``."""
    # abductions and killings of other people are separate incidents
    g_abduct = any(m.cls == "abduct" for m in group)
    if g_abduct != (d.cls == "abduct"):
        killed = d.fatalities is not None if d.cls != "abduct" else any(m.fatalities is not None for m in group)
        if killed:
            return False
    # actors: the two sides of a battle may be named in either order
    battle = d.event_type in (_BATTLE, _ATTACK) and any(m.event_type == _BATTLE for m in group)
    if not _actors_compatible(group_actor, d.actor1):
        sides = [m.actor2 for m in group if m.actor2 is not None]
        either_side = any(_actors_compatible(x, d.actor1) for x in sides) or _actors_compatible(group_actor, d.actor2)
        if not (battle and either_side):
            return False
    # dates: a report date constrains nothing; event dates must agree
    if d.date_kind in ("event", "context"):
        for m in group:
            if m.date_kind not in ("event", "context"):
                continue
            if not m.date.overlaps(d.date):
                return False
            if (
                m.date_kind == d.date_kind == "event"
                and m.date.precision != d.date.precision
                and not (m.date_vague or d.date_vague)
            ):
                return False
    return all(_places_compatible(m.place, d.place) for m in group)


def _same_day(group: list[_Draft], d: _Draft) -> bool:
    if d.date_kind not in ("event", "context") or d.date.precision != 1:
        return False
    return any(m.date_kind in ("event", "context") and m.date == d.date for m in group)


#: A number of people ("five to six drivers", "three others").
_VICTIM_COUNT: Final[re.Pattern[str]] = re.compile(
    rf"(?<![\w,.]){_RANGE}\s+(?:[\w-]+\s+){{0,2}}?(?:{'|'.join(sorted(_VICTIM_NOUNS))}|others)\b", re.IGNORECASE
)


def _concrete(ctx: _Ctx, d: _Draft) -> bool:
    """A weak draft that still reports something concrete: a verb and a number of victims."""
    if not any(t.pos == "v" and not t.anaphoric for t in d.triggers):
        return False
    if d.date_kind == "publication":
        return False
    return d.fatalities is not None or bool(_VICTIM_COUNT.search(ctx.text[d.start : d.end]))


def _merge_incidents(ctx: _Ctx, drafts: list[_Draft]) -> tuple[list[_Draft], set[int]]:
    """Merge the mentions of one incident in an article into one record.

    A news story tells one incident over several sentences: the lead, the
    place, the toll, the claim ("the attack", "the blast"). A draft joins an
    earlier incident when nothing contradicts it (actor, date, place, kind)
    and it follows closely; anaphoric and weak drafts only ever join.
    "In a separate incident", "another attack" and "... also ..." start a
    new incident.

    Returns
    -------
    tuple
        The merged drafts in text order, and the sentences they used.
    """
    groups: list[list[_Draft]] = []
    for d in drafts:
        anaphoric = d.weak or all(t.anaphoric for t in d.triggers)
        target: list[_Draft] | None = None
        if not (d.separate or d.also) or anaphoric:
            order = sorted(groups, key=lambda g: max(m.sent_index for m in g), reverse=True)
            for rank, g in enumerate(order):
                gap = d.sent_index - max(m.sent_index for m in g)
                if gap > (_WEAK_GAP if anaphoric else _MERGE_GAP):
                    continue
                if not anaphoric and rank > 0 and not _same_day(g, d):
                    continue
                refers_back = all(t.anaphoric for t in d.triggers)
                if not refers_back and all(m.date.precision == 4 for m in g):
                    continue  # background dated by a year only: too vague to join on

                if _compatible(g, d, _group_actor1(g)):
                    target = g
                    break
        if target is not None:
            target.append(d)
            continue
        if d.weak:
            if not _concrete(ctx, d):
                continue
            d.weak = False
        if d.place is None and d.same_area and groups:
            last = max(groups, key=lambda g: max(m.sent_index for m in g))
            area = _area_of(ctx, _combine(ctx, last).place, d.same_area)
            if area is not None:
                d.place, d.location_text, d.geo_precision = area, area.name, area.geo_precision
                d.country_code = area.country_code
                d.notes.append(f"place: the same {d.same_area} as the incident before")
        if d.also and d.actor1 is None and groups:
            last = max(groups, key=lambda g: max(m.sent_index for m in g))
            d.actor1 = _group_actor1(last)
            if d.actor1 is not None:
                d.notes.append("actor of the incident reported before")
        groups.append([d])
    taken = {m.sent_index for g in groups for m in g}
    uses: dict[int, int] = {}
    for g in groups:
        for si in {m.sent_index for m in g}:
            uses[si] = uses.get(si, 0) + 1
    shared = {si for si, n in uses.items() if n > 1}
    merged = [_combine(ctx, g, shared) for g in groups]
    merged.sort(key=lambda m: (m.start, m.split_key))
    return merged, taken


def _combine(ctx: _Ctx, group: list[_Draft], shared: frozenset[int] | set[int] = frozenset()) -> _Draft:
    """One record from the mentions of one incident.

    The most specific place, date and type win; the toll is the lowest
    figure given for the same victims; the evidence is the sentence that
    describes the incident with its place, plus the sentences right after it
    that add to it (but not those ``shared`` with another incident).
    """
    if len(group) == 1:
        return group[0]
    strong = [m for m in group if not m.weak]
    lead = strong[0] if strong else group[0]

    def place_key(m: _Draft) -> tuple[int, int, int]:
        assert m.place is not None
        return (_TYPE_RANK.get(m.place.feature_type, 9), m.geo_precision or 9, m.start)

    pools = (
        [m for m in group if not _vague(m.place)],
        [m for m in strong if m.place is not None],
        [m for m in group if m.place is not None],
    )
    pool = next((p for p in pools if p), [])
    primary = min(pool, key=place_key) if pool else lead
    out = dataclasses.replace(primary, notes=list(primary.notes), weak=False)

    # date: an event date before a date read from context, a report or the publication
    dated = min(group, key=lambda m: (_KIND_RANK[m.date_kind], m.date.precision, m.start))
    out.date, out.date_kind = dated.date, dated.date_kind
    out.date_explicit = any(m.date_explicit for m in group)

    # type: the most specific method named anywhere; fighting if any report says so
    classes = [m.cls for m in group if m.cls in _EXPLOSIVE_CLASSES or (m.cls == "abduct" and not m.weak)]
    if any(m.cls == "abduct" for m in group):
        classes.append("abduct")
    if classes:
        out.cls = min(classes, key=CLASS_PRIORITY.index)
        out.event_type = CLASS_TYPES[out.cls]
        if out.cls == "ied" and _state_explosion([t for m in group for t in m.triggers], _group_actor1(group)):
            out.event_type = CLASS_TYPES["shell"]
    elif any(m.event_type == _BATTLE for m in group):
        out.event_type = _BATTLE
    else:
        out.event_type = next((m.event_type for m in strong if m.event_type != _BATTLE), primary.event_type)

    # actors
    actor1 = _group_actor1(group)
    attributed = None
    for m in group:
        attributed = attributed or _attribution_in(ctx, *ctx.doc.spans[m.sent_index][:2])
    if attributed is not None and (
        actor1 is None or (actor1.name == GENERIC_ARMED and not attributed.is_state and not attributed.is_generic)
    ):
        actor1 = attributed
        out.notes.append("actor from a claim or attribution")
    out.actor1 = actor1
    actor2 = next((m.actor2 for m in [primary, *group] if m.actor2 is not None and m.actor2 != actor1), None)
    out.actor2 = actor2

    # fatalities: the lowest figure given for the same victims as the first figure
    figures = [m for m in group if m.fatalities is not None]
    if figures:
        victims = [m for m in figures if m.fat_noun not in _ATTACKER_NOUNS] or figures
        base = victims[0]
        same = [m for m in victims if _same_victims(base.fat_noun, m.fat_noun)]
        best = min(same, key=lambda m: m.fatalities or 0)
        out.fatalities = best.fatalities
        out.notes = [n for n in out.notes if not n.startswith("fatalities")]
        out.notes.extend(n for n in best.notes if n.startswith("fatalities"))
        if len({m.fatalities for m in same}) > 1:
            out.notes.append("lowest of the tolls reported")
    else:
        out.fatalities = None

    # evidence: the primary sentence and the member sentences right after it
    members = {m.sent_index for m in group}
    si = primary.sent_index
    end = primary.end
    while si + 1 in members and si + 1 not in shared and si + 1 - primary.sent_index < 3:
        si += 1
        end = ctx.doc.spans[si][1]
    out.end = end
    if out.country_code == "" and out.place is not None:
        out.country_code = out.place.country_code
    out.notes.append(f"merged {len(group)} mentions of the incident")
    out.confidence = max(m.confidence for m in group)
    return out


def _same_victims(a: str, b: str) -> bool:
    """Whether two tolls count the same people ("people" and "persons" do; "people" and "children" do not)."""
    if a == b:
        return True
    return a in _UNIVERSAL_NOUNS and b in _UNIVERSAL_NOUNS


def _drop_coarse_duplicates(drafts: list[_Draft]) -> list[_Draft]:
    """Drop a vague report of an event that another sentence reports precisely."""
    keep: list[_Draft] = []
    for d in drafts:
        dup = False
        for o in drafts:
            if o is d or d.actor1 is None or o.actor1 != d.actor1 or o.event_type != d.event_type:
                continue
            if not (d.date.precision > o.date.precision and d.date.contains(o.date)):
                continue
            if d.place is not None and (o.place is None or o.place.country_code != d.place.country_code):
                continue
            if d.place is not None and d.place.feature_type != "country" and d.place != o.place:
                continue
            if d.fatalities is not None and d.fatalities != o.fatalities:
                continue
            dup = True
            break
        if not dup:
            keep.append(d)
    return keep


def _to_incident(ctx: _Ctx, d: _Draft, article: Article) -> Incident:
    text = ctx.text
    raw = text[d.start : d.end]
    lead = len(raw) - len(raw.lstrip())
    start = d.start + lead
    evidence = text[start : d.end].rstrip()
    end = start + len(evidence)
    place = d.place
    country_code = d.country_code or (place.country_code if place else "")
    event_country = country_code or ctx.default_country
    year = d.date.date.year
    actor1, inter1 = ("", None) if d.actor1 is None else resolve_generic(d.actor1, event_country, year=year)
    actor2, inter2 = ("", None) if d.actor2 is None else resolve_generic(d.actor2, event_country, year=year)
    if d.actor1 is not None and d.actor1.name == GENERIC_ARMED and actor1.startswith("Unidentified"):
        inter1 = 3
    admin1 = admin2 = ""
    lat = lon = None
    place_id = geocoder = ""
    notes = list(d.notes)
    if place is not None and place.feature_type == "country":
        # a country is no event location: the incident keeps its country but
        # no point (a dot in the middle of the country would mislead the map)
        notes.append(COUNTRY_ONLY_NOTE)
        place = None
    if place is not None:
        admin1 = place.admin1 or (place.name if place.feature_type == "province" else "")
        admin2 = place.admin2 or (place.name if place.feature_type == "district" else "")
        lat, lon = place.lat, place.lon
        place_id, geocoder = place.place_id, "gazetteer"
    event_type, sub_event_type = d.event_type
    return Incident(
        event_date=d.date.iso,
        time_precision=d.date.precision,
        event_type=event_type,
        sub_event_type=sub_event_type,
        doc_id=article.doc_id,
        evidence=evidence,
        char_start=article.body_offset + start,
        char_end=article.body_offset + end,
        actor1=actor1,
        actor2=actor2,
        inter1=inter1,
        inter2=inter2,
        country=COUNTRY_NAMES.get(country_code, ""),
        country_code=country_code,
        admin1=admin1,
        admin2=admin2,
        location=d.location_text,
        latitude=lat,
        longitude=lon,
        geo_precision=d.geo_precision if place is not None else None,
        fatalities=d.fatalities,
        notes="; ".join(dict.fromkeys(notes)),
        source=article.source,
        source_url=article.url,
        confidence=d.confidence,
        place_id=place_id,
        geocoder=geocoder,
        event_id=make_event_id(article.doc_id, article.body_offset + start, article.body_offset + end, event_type)
        if not d.split_key
        else make_event_id(
            article.doc_id, article.body_offset + start, article.body_offset + end, f"{event_type}|{d.split_key}"
        ),
    )
