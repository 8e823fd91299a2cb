"""Types shared by the extraction stages: triggers, drafts, the per-article context, the event taxonomy."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Final

from geo.actors import (
    Actor,
    ActorMention,
)
from geo.dates import DateMention, ResolvedDate
from geo.extract.sentences import Document
from geo.gazetteer import Gazetteer, Place, PlaceMention
from geo.urlnumbers import Estimate

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
BATTLE: Final[tuple[str, str]] = ("Battles", "Armed clash")
ATTACK: Final[tuple[str, str]] = ("Violence against civilians", "Attack")


@dataclass(slots=True)
class Trigger:
    """A trigger word in the text: its span, event class and part of speech."""

    start: int
    end: int
    text: str
    cls: str
    pos: str  # "v" verb, "n" noun
    anaphoric: bool = False
    backref: bool = False
    #: the event an act answers ("in response to Sunday's airstrikes"): it does not type the act
    answered: bool = False


def plural_noun(t: Trigger) -> bool:
    """Whether a trigger is a plural event noun ("attacks", "clashes", "strikes").

    Plural agents are not plural events: "Two suicide bombers attacked a
    compound" tells one attack.
    """
    word = t.text.lower()
    return t.pos == "n" and word.endswith("s") and not word.endswith(("bombers", "attackers"))


@dataclass(slots=True)
class Draft:
    """An incident being built (mutable until turned into an Incident)."""

    start: int
    end: int
    sent_index: int
    triggers: list[Trigger]
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
    event_type: tuple[str, str] = ATTACK
    notes: list[str] = field(default_factory=list)
    confidence: float = 0.5
    reason: str = ""  # why the incident decision gave this confidence
    recent: bool = False  # "the recent attack": shortly before the article
    extra_spans: list[tuple[int, int]] = field(default_factory=list)  # retellings of the incident
    several: bool = False  # "55 terror attacks", "two suicide attacks": several events, not a detail of one
    dated_item: bool = False  # the sentence opens with its own date: "On January 4, 2024, ..."
    weak: bool = False  # adds detail to an incident already read; never stands alone
    date_kind: str = "event"  # event | context | report | publication
    fat_noun: str = ""
    separate: bool = False  # "in a separate incident", "another attack"
    also: bool = False  # "air strikes also hit ...": a further incident of the same kind
    split_key: str = ""  # disambiguates incidents read from one span
    date_vague: bool = False  # "this week", "recently": contains finer dates
    same_area: str = ""  # "in the same province": the kind of area of the incident before
    area: str = ""  # a named part of the place the gazetteer lacks: "Killi Deba" of "Killi Deba area of Quetta"
    shifted: bool = False  # dated by a count from the running date: "three days after", "the next day"
    summary: bool = False  # a lead that sums up the incidents told one by one below it
    lead_start: int | None = None  # the evidence starts at the lead told right before the primary sentence
    lead_span: tuple[int, int] | None = None  # a lead told further before: the first telling, then the primary


#: Note on incidents located only by their country (kept, but not mapped).
COUNTRY_ONLY_NOTE: Final[str] = "location given only as the country: not mapped"
#: Note on incidents whose own sentences name no place and that take the article's.
ARTICLE_PLACE_NOTE: Final[str] = "place not stated: the article's place"


def in_range(items: list, starts: list[int], start: int, end: int) -> list:
    """The items (sorted by ``starts``) that lie inside ``[start, end)``."""
    lo = bisect.bisect_left(starts, start)
    hi = bisect.bisect_left(starts, end)
    return [x for x in items[lo:hi] if x.end <= end]


# ------------------------------------------------------------------ helpers
@dataclass(slots=True)
class Context:
    """Everything the scanners found in one article, shared read-only by the stages."""

    text: str
    doc: Document
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
    published_known: bool = False  # the article states its publication date (front matter or URL)
    date_spans: list[tuple[int, int]] = field(default_factory=list)  # every date mention, captions included
    report: list[bool] = field(default_factory=list)
    asides: list[bool] = field(default_factory=list)  # dates that set no running date (a vague "recently", background)
    triggers: list[Trigger] = field(default_factory=list)  # every trigger of the article, in text order
    sent_attr: dict[int, Actor] = field(default_factory=dict)
    #: an undated page's publication day estimated from its URL's article number (see geo.urlnumbers)
    published_estimate: Estimate | None = None

    def mention_at(self, pos: int) -> PlaceMention | None:
        """The place mention that starts exactly at ``pos`` ("Bannu" after "areas of "), if any."""
        k = bisect.bisect_left(self.mention_starts, pos)
        return self.mentions[k] if k < len(self.mentions) and self.mentions[k].start == pos else None
