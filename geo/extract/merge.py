"""Within-article coreference: the mentions of one incident become one record."""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections.abc import Callable
from typing import Final

from geo import settings
from geo.actors import (
    GENERIC_ARMED,
    GENERIC_CIVILIANS,
    Actor,
)
from geo.dates import ResolvedDate
from geo.extract.actors import attribution_in, is_attributed
from geo.extract.decision import ONGOING
from geo.extract.events import (
    ATTACKER_NOUNS,
    RANGE,
    UNIVERSAL_NOUNS,
    VICTIM_NOUNS,
    classify_event,
    read_fatalities,
    reports_injuries,
    state_explosion,
)
from geo.extract.model import (
    ARTICLE_PLACE_NOTE,
    ATTACK,
    BATTLE,
    CLASS_PRIORITY,
    CLASS_TYPES,
    Context,
    Draft,
    Trigger,
    in_range,
    plural_noun,
)
from geo.extract.places import TYPE_RANK, choose_place, distance_km, is_vague_place
from geo.extract.sentences import Document
from geo.gazetteer import Place, PlaceMention

_FOLLOW_EVENT: Final[re.Pattern[str]] = re.compile(
    r"^\W*(?:the|these|those|this|that)\s+(?:[a-z][\w-]*\s+){0,3}(?:attacks?|strikes?|raids?|blasts?|bombings?|"
    r"explosions?|shelling|assaults?|incidents?|operations?|airstrikes?|ambush|clashes?)\b|^\W*the\s+death\s+toll\b",
    re.IGNORECASE,
)


def harvest_following(ctx: Context, drafts: list[Draft], taken: set[int]) -> None:
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
            if si >= len(doc.spans) or si in taken or not doc.is_prose(si):
                break
            s, e, _ = doc.spans[si]
            sent = text[s:e]
            used = False
            if d.actor1 is None or d.actor1.name == GENERIC_ARMED:
                for a in in_range(ctx.actors, ctx.actor_starts, s, e):
                    if a.actor.name in (GENERIC_CIVILIANS,) or a.is_state_word:
                        continue
                    if is_attributed(text, a, s):
                        d.actor1 = a.actor
                        d.notes.append(f"actor attributed in the following sentence ({a.text})")
                        d.event_type = classify_event(d, text[d.start : d.end], d.triggers[0])
                        used = True
                        break
            follows = _FOLLOW_EVENT.search(sent) is not None
            if follows and _finer_place_from(ctx, d, s, e):
                used = True
            if d.fatalities is None and follows:
                n, note = read_fatalities(sent)
                if n is not None:
                    d.fatalities = n
                    if note:
                        d.notes.append(note)
                    used = True
            if used:
                d.end = e
            elif not follows:
                break


def _finer_place_from(ctx: Context, d: Draft, start: int, end: int) -> bool:
    """Take the place a following sentence gives the incident, when it is finer and inside the one it has.

    "Unidentified gunmen shot dead two policemen in northwest Pakistan's
    Khyber Pakhtunkhwa province. The incident occurred in the Tank district
    of the province": the district places the incident.
    """
    place, loc_text, precision, _found = choose_place(ctx, start, end)
    if place is None or d.place is None or is_vague_place(place) or place.feature_type == "country":
        return False
    if TYPE_RANK.get(place.feature_type, 9) >= TYPE_RANK.get(d.place.feature_type, 9):
        return False
    if not _places_compatible(d.place, place):
        return False
    d.place, d.location_text, d.geo_precision = place, loc_text, precision
    d.notes.append("place from the following sentence")
    return True


# ------------------------------------------------------------ merging
#: How far (in sentences) a report may follow the incident it adds to.
_MERGE_GAP: Final[int] = 3
_WEAK_GAP: Final[int] = 5
_EXPLOSIVE_CLASSES: Final[frozenset[str]] = frozenset({"suicide", "ied", "grenade", "air", "shell"})
_KIND_RANK: Final[dict[str, int]] = {"event": 0, "context": 1, "report": 2, "publication": 3}
_SAME_AREA: Final[re.Pattern[str]] = re.compile(
    r"\b(?:in|at|of)\s+the\s+same\s+(province|district|city|town|area|region)\b", re.IGNORECASE
)


def same_area_cue(seg: str) -> str:
    """The kind of area "in the same province" means ("" when none)."""
    m = _SAME_AREA.search(seg)
    return "" if m is None else m.group(1).lower()


def _area_of(ctx: Context, place: Place | None, kind: str) -> Place | None:
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


def place_from_article(ctx: Context, drafts: list[Draft]) -> None:
    """Give an incident whose sentences name no place the article's place, when it has one.

    An article has a place when its located incidents all lie in one area (the
    same place, nested places or within 40 km: :func:`_places_compatible`); a
    roundup of distant places has none, and its unplaced incidents stay
    unplaced. When no incident is located, the places named in the headline,
    the captions and the dateline stand in (a wire story often names the town
    only in its photo caption: "damaged houses following Tuesday's suicide
    bombing in Bannu"). Countries, borders and regions do not count. An
    incident placed only by its country takes the article's place in that
    country. ``geo_precision`` becomes at least 2 (near the place), and a note
    says the place was inferred.
    """
    located = [
        (d.location_text, d.place)
        for d in drafts
        if d.place is not None and not is_vague_place(d.place) and not d.separate  # not "Separately, ... in X"
    ]
    if not located:
        located = [(m.best.name, m.best) for m in _structure_mentions(ctx) if not is_vague_place(m.best)]
    if not located:
        return
    places = [p for _, p in located]
    if not all(_places_compatible(a, b) for i, a in enumerate(places) for b in places[i + 1 :]):
        return
    anchor_text, place = located[0]
    assert place is not None
    for d in drafts:
        if d.place is not None and not (
            d.place.feature_type == "country" and d.place.country_code == place.country_code
        ):
            continue
        if d.place is None and d.location_text:  # a name the gazetteer does not know
            continue
        if d.country_code and d.country_code != place.country_code:
            continue
        d.place = place
        d.location_text = anchor_text or place.name
        d.geo_precision = max(place.geo_precision or 2, 2)
        d.country_code = d.country_code or place.country_code
        d.notes.append(f"{ARTICLE_PLACE_NOTE} ({anchor_text or place.name})")


def _structure_mentions(ctx: Context) -> list[PlaceMention]:
    """Place mentions of the region in the headline, the captions and the datelines (not inside a date: "March 5")."""
    doc = ctx.doc
    dates = ctx.date_spans
    return [
        m
        for m in ctx.mentions
        if (doc.kind(doc.index(m.start)) in ("title", "caption") or is_dateline(ctx.text, m))
        and m.best.country_code in ("PK", "AF")
        and not any(s < m.end and m.start < e for s, e in dates)
    ]


#: What follows the place of a dateline: "MARDAN:", "PESHAWAR, Pakistan (AP) —", "KABUL -".
_DATELINE_AFTER: Final[re.Pattern[str]] = re.compile(
    r"(?:,\s*(?:Pakistan|Afghanistan)\b)?\s*(?:\((?:AP|AFP|Reuters|APP|PTI|ANI|Xinhua|IANS)\)\s*)?[:—–-]"
)


def is_dateline(text: str, m: PlaceMention) -> bool:
    """Whether a place mention is the dateline of a paragraph ("MARDAN: ...", "KABUL (Reuters) -")."""
    line_start = text.rfind("\n", 0, m.start) + 1
    if text[line_start : m.start].strip() or not m.text.isupper():
        return False
    return bool(_DATELINE_AFTER.match(text, m.end))


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
    return distance_km(a, b) <= 40.0


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


def _group_actor1(group: list[Draft]) -> Actor | None:
    """The perpetrator of a group: the first stated actor; a named group refines an unnamed one."""
    actor: Actor | None = None
    for m in group:
        a = m.actor1
        if a is None or (m.weak and a.is_generic):
            continue
        if actor is None or (actor.name == GENERIC_ARMED and not a.is_state and not a.is_generic):
            actor = a
    return actor


#: A claim of a definite event: "claimed responsibility for the bombing in Bannu" tells no new event.
_CLAIMED_BEFORE: Final[re.Pattern[str]] = re.compile(
    r"\bresponsibility\s+for\s+(?:the|this|that|these|those|its)\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE
)


def claimed(ctx: Context, t: Trigger) -> bool:
    """Whether a noun trigger is the object of a claim of responsibility for a definite event."""
    return t.pos == "n" and bool(_CLAIMED_BEFORE.search(ctx.text[max(0, t.start - 50) : t.start]))


_REGION: Final[frozenset[str]] = frozenset(settings.REGION_COUNTRIES)


def _told_after_another(ctx: Context, d: Draft) -> bool:
    """Whether an event is counted from another one its sentence tells first ("The attacks came three days after")."""
    lo, hi = ctx.doc.spans[d.sent_index][0], ctx.doc.spans[d.sent_index][1]
    count = _COUNTED_AFTER.search(ctx.text, lo, hi)
    if count is None:
        return True
    return any(lo <= t.start < count.start() for t in [*ctx.triggers, *d.triggers])


_COUNTED_AFTER: Final[re.Pattern[str]] = re.compile(
    r"\b(?:a|one|two|three|four|five|six|\d)\s+(?:days?|weeks?)\s+(?:after|before|earlier)\b", re.IGNORECASE
)


#: A sentence that opens on the incident told before: "In this attack, ...", "During the hijacking, ...".
_IN_THE_INCIDENT: Final[re.Pattern[str]] = re.compile(
    r"\W*(?:in|during)\s+(?:the|this|that)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:attack|incident|hijacking|assault|siege|raid|ordeal|standoff|stand-off)\s*,",
    re.IGNORECASE,
)


def _list_key(key: str) -> bool:
    """Whether a split key marks one place of a list its sentence was split on ("in Kech, Gwadar and Barkhan")."""
    return bool(key) and key != "abduction" and not key.startswith("part")


def _of_latest_list(group: list[Draft], d: Draft, latest: int) -> bool:
    """Whether ``d`` and ``group`` are places of lists, the group's told in sentence ``latest`` before ``d``'s."""
    told = max((m.sent_index for m in group if m.sent_index < d.sent_index), default=-2)
    return told == latest and _list_key(d.split_key) and any(_list_key(m.split_key) for m in group)


def _other_part_of_town(a: Draft, b: Draft) -> bool:
    """Whether two drafts are placed in two named parts of a town, each with a toll of its own.

    "One person was killed and six injured in Quetta’s Liaquat Bazaar area"
    and "two people were killed ... in Killi Deba area of Quetta" are two
    incidents, though both are in Quetta on the same day.
    """
    return (
        bool(a.area and b.area and a.area != b.area)
        and None not in (a.fatalities, b.fatalities)
        and (a.fatalities != b.fatalities)
    )


def _compatible(ctx: Context, group: list[Draft], d: Draft, group_actor: Actor | None) -> bool:
    """Whether draft ``d`` can report the same incident as ``group``."""
    # abductions and killings of other people are separate incidents
    g_abduct = any(m.cls == "abduct" for m in group)
    if g_abduct != (d.cls == "abduct"):
        killed = d.fatalities is not None if d.cls != "abduct" else any(m.fatalities is not None for m in group)
        # ... unless the sentence opens on the incident told: "In this attack, at least 64 people ... were killed"
        if killed and not _IN_THE_INCIDENT.match(ctx.text, ctx.doc.spans[d.sent_index][0]):
            return False
    # actors: the two sides of a battle may be named in either order
    battle = d.event_type in (BATTLE, ATTACK) and any(m.event_type == BATTLE for m in group)
    if not _actors_compatible(group_actor, d.actor1):
        sides = [m.actor2 for m in group if m.actor2 is not None]
        either_side = any(_actors_compatible(x, d.actor1) for x in sides) or _actors_compatible(group_actor, d.actor2)
        if not (battle and either_side):
            return False
    # dates: a report date constrains little (a report tells what happened up to three days before it);
    # event dates must agree
    if d.date_kind == "event":
        for m in group:
            if m.date_kind == "report" and m.date.precision == 1:
                # "police said on Wednesday" reports what happened up to three days before, not months before
                lag = (m.date.date - (d.date.date if d.date.precision == 1 else d.date.end)).days
                if not (0 if d.date.precision == 1 else -31) <= lag <= _CLAIM_LAG_DAYS:
                    return False
    for m in group:
        if _stale_for_news(m, d) or _stale_for_news(d, m):
            return False
    if d.date_kind == "report" and d.date.precision == 1:
        for m in group:
            if m.date_kind in ("event", "context") and m.date.precision == 1 and m.date.date > d.date.date:
                # "Officials said on Tuesday six security personnel had been killed in a militant siege" after
                # Wednesday's bombing: a report made before an event cannot tell it
                return False
    # a definite reference a day off is the same incident told overnight: "The IBO was conducted on the night
    # of February 6 and 7" after "security forces neutralised three terrorists ... on Friday" (7 February)
    refers_back = all(t.anaphoric or t.cls == "kill" or claimed(ctx, t) for t in d.triggers) and any(
        t.anaphoric or claimed(ctx, t) for t in d.triggers
    )
    if d.date_kind in ("event", "context"):
        for m in group:
            if m.date_kind not in ("event", "context"):
                continue
            if (
                m.shifted
                and d.date_kind == "context"
                and 0 < (d.date.date - m.date.date).days <= 7
                and not _told_after_another(ctx, m)
            ):
                continue  # the running date is the day the event was counted from ("on Wednesday, a day after")
            overnight = (
                (refers_back or _told_again_overnight(m, d))
                and m.date.precision == d.date.precision == 1
                and _one_day_apart(m, d)
            )
            if not m.date.overlaps(d.date) and not overnight:
                return False
            if (
                m.date_kind == d.date_kind == "event"
                and m.date.precision != d.date.precision
                and not (m.date_vague or d.date_vague)
            ):
                return False
    if any(_other_part_of_town(m, d) for m in group):
        return False
    foreign = {m.country_code for m in [*group, d] if m.country_code and m.country_code not in _REGION}
    if foreign and any(m.country_code != d.country_code for m in group):
        return False  # "In Bangladesh, ..." then "In Afghanistan, ...": items on two countries
    return all(_places_compatible(m.place, d.place) for m in group)


def _stale_for_news(lead: Draft, other: Draft) -> bool:
    """Whether ``other`` is dated too long before a news lead dated by its publication to be its incident.

    "8 BLA terrorists have been killed as they attempted to unleash a fatal
    attack" (no date: the day of publication, 20 March 2024) does not tell
    "In November, 14 Pakistan Army soldiers were killed ... in Gwadar"
    (November 2023): a lead dated by its publication tells the news of
    the last days, not an event months before it.
    """
    if lead.date_kind != "publication" or lead.date.precision != 1 or other.date_kind != "event":
        return False
    return (lead.date.date - other.date.end).days > _NEWS_LAG_DAYS


#: How long before its publication day a lead dated only by that day may tell an incident.
_NEWS_LAG_DAYS: Final[int] = 31


def _other_list_item(ctx: Context, group: list[Draft], d: Draft) -> bool:
    """Whether ``d`` opens a list item of its own after a group told in another list item."""
    doc = ctx.doc
    si = d.sent_index
    para = doc.spans[si][2]
    if doc.kinds[para] != "item" or (si > 0 and doc.spans[si - 1][2] == para):
        return False  # not a list item, or not the first sentence of its item
    if any(doc.spans[m.sent_index][2] == para for m in group):
        return False
    return all(doc.kinds[doc.spans[m.sent_index][2]] == "item" for m in group)


def _in_dated_item(ctx: Context, d: Draft) -> bool:
    """Whether the draft's sentence belongs to a list item or paragraph that opens with its own date."""
    doc = ctx.doc
    para = doc.spans[d.sent_index][2]
    first = d.sent_index
    while first > 0 and doc.spans[first - 1][2] == para:
        first -= 1
    head = ctx.text[doc.spans[first][0] : doc.spans[first][0] + 40]
    return bool(_DATED_OPENING.match(head))


#: A paragraph that opens with its date: "October 10–11:", "- 5 January –", "On 3 May 2025,".
_DATED_OPENING: Final[re.Pattern[str]] = re.compile(
    r"\W{0,3}(?:On\s+)?(?:\d{1,2}(?:[–-]\d{1,2})?\s+[A-Z][a-z]+|[A-Z][a-z]+\s+\d{1,2}(?:[–-]\d{1,2})?)\b"
)


def _dated_report(d: Draft, *, anaphoric_ok: bool = False) -> bool:
    """A report that names its own day: "The Mianwali air base attack occurred on 4 November 2023".

    With ``anaphoric_ok`` a definite mention counts too: the first report of
    an article that only comments on an incident ("The governor condemned
    the attack on the passenger vehicles in Lower Kurram on Thursday").
    """
    return (
        d.date_explicit
        and d.date_kind in ("event", "report")
        and d.date.precision == 1
        and (anaphoric_ok or (d.date_kind == "event" and not all(t.anaphoric for t in d.triggers)))
        and not d.several
    )


def _complete_report(d: Draft) -> bool:
    """A report with a date of its own, a place that pins it down and a toll: it can stand alone."""
    return d.date_explicit and d.date_kind == "event" and not is_vague_place(d.place) and d.fatalities is not None


def _other_toll(group: list[Draft], d: Draft, *, dated: bool = True) -> bool:
    """Whether the group has a toll of its own (and a date, with ``dated``) and none of its tolls is the draft's."""
    tolls = {m.fatalities for m in group if m.fatalities is not None}
    if dated and not any(m.date_explicit and m.date_kind == "event" for m in group):
        return False
    return bool(tolls) and d.fatalities not in tolls


def _one_day_apart(a: Draft, b: Draft) -> bool:
    return abs((a.date.date - b.date.date).days) == 1


def _told_again_overnight(first: Draft, later: Draft) -> bool:
    """Whether ``later``, with no date and no toll of its own, is a day off ``first``: the same night told again.

    "the overnight killing" moves the running date to the eve of "early
    Thursday"; "the labourers were killed by the militants" told after it
    is the Thursday's killing.
    """
    return later.date_kind == "context" and later.fatalities is None and _one_day_apart(first, later)


def _same_day(group: list[Draft], d: Draft) -> bool:
    if d.date_kind not in ("event", "context") or d.date.precision != 1:
        return False
    return any(m.date_kind in ("event", "context") and m.date == d.date for m in group)


#: A number of people ("five to six drivers", "three others").
_VICTIM_COUNT: Final[re.Pattern[str]] = re.compile(
    rf"(?<![\w,.]){RANGE}\s+(?:[\w-]+\s+){{0,2}}?(?:{'|'.join(sorted(VICTIM_NOUNS))}|others)\b", re.IGNORECASE
)


def _concrete(ctx: Context, d: Draft) -> bool:
    """A weak draft that still reports something concrete: a verb and a number of victims."""
    if not any(t.pos == "v" and not t.anaphoric for t in d.triggers):
        return False
    victims = d.fatalities is not None or bool(_VICTIM_COUNT.search(ctx.text[d.start : d.end]))
    if d.date_kind == "publication":
        # a local report with no date of its own: "An explosion in Bajaur has left two policemen martyred"
        return victims and not is_vague_place(d.place)
    return victims


def merge_incidents(ctx: Context, drafts: list[Draft]) -> tuple[list[Draft], set[int]]:
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
    groups: list[list[Draft]] = []
    any_strong = any(not d.weak for d in drafts)
    for d in drafts:
        # "Separately, a roadside bomb killed a child": another incident, even when it lacks an actor or a date
        anaphoric = (d.weak and not d.separate) or all(t.anaphoric for t in d.triggers)
        target: list[Draft] | None = None
        # "have been conducting operations", "has engaged in armed clashes with the Taliban since August 2021":
        # a trend over a period, no detail of one incident
        ongoing = bool(ONGOING.search(ctx.text[d.start : d.end])) or any(
            m.since for m in in_range(ctx.dates, ctx.date_starts, d.start, d.end)
        )
        if (not (d.separate or d.also) or anaphoric) and not d.several and not ongoing:
            order = sorted(groups, key=lambda g: max(m.sent_index for m in g), reverse=True)
            # the latest sentence before this one that told an incident (not a copy of this sentence's list)
            latest = max((m.sent_index for g in groups for m in g if m.sent_index < d.sent_index), default=-1)
            for g in order:
                gap = d.sent_index - max(m.sent_index for m in g)
                if gap > (_WEAK_GAP if anaphoric else _MERGE_GAP):
                    continue
                # only the latest incident takes a report of another day; the places of a list take it from the
                # places of the latest list: "air strikes in Khost and Paktika have led to the loss of six lives"
                # then "Pakistani aircraft targeted civilian homes in Barmal district, Paktika, and Spera district,
                # Khost, around 3am last night"
                if not anaphoric and g is not order[0] and not _same_day(g, d) and not _of_latest_list(g, d, latest):
                    continue
                refers_back = all(t.anaphoric or claimed(ctx, t) for t in d.triggers)
                if not refers_back and all(m.date.precision == 4 for m in g):
                    continue  # background dated by a year only: too vague to join on

                if d.split_key and any(m.sent_index == d.sent_index and m.split_key != d.split_key for m in g):
                    continue  # parts of one sentence split on purpose ("in Kunar and Paktika")
                if d.dated_item and g[0].dated_item and not refers_back:
                    continue  # a list of dated items: "On January 2, ...", "On January 4, ..." are incidents each
                if not refers_back and _other_list_item(ctx, g, d):
                    continue  # the bullets of a factbox are incidents each
                if (
                    any(m.shifted and _told_after_another(ctx, m) for m in g)
                    and not refers_back
                    and not _same_day(g, d)
                ):
                    # "The attacks came three days after a suicide bomber ...": a background incident, closed (the
                    # only event of its sentence is the story: "observed a day of mourning on Wednesday, a day
                    # after a twin suicide bombing")
                    continue
                if (
                    _complete_report(d)
                    and not refers_back
                    and not _same_day(g, d)
                    # "In another encounter ... in general area Maddi, troops neutralised three terrorists" (a place
                    # the gazetteer lacks) then "The security forces on Friday killed at least six terrorists ... in
                    # Karak district": a complete report with a toll of its own is not an unplaced one's detail
                    and _other_toll(g, d, dated=all(m.place is not None for m in g))
                ):
                    continue  # its own date, place and toll, none of them the group's: another incident
                if _compatible(ctx, g, d, _group_actor1(g)):
                    target = g
                    break
        if target is not None:
            target.append(d)
            continue
        if d.weak:
            # "Another attack in Peshawar's Regi Model Town area resulted in the martyrdom of two police officers";
            # "In a separate operation in Spinwam, one more terrorist was eliminated" (a place the gazetteer lacks)
            has_verb = any(t.pos == "v" for t in d.triggers)
            # "In a separate attack in the Jabal al-Saraj district of Parwan province, two Taliban members were
            # injured": injuries are the casualties of an act told once
            hurt = reports_injuries(ctx.text[d.start : d.end])
            separate = d.separate and (
                (d.place is not None and (has_verb or d.fatalities is not None or hurt))
                or (d.fatalities is not None and has_verb)
            )
            first_report = not groups and _dated_report(d, anaphoric_ok=True) and not is_vague_place(d.place)
            # one clause of a sentence split in two: "..., while a gas pipeline was blown up in Lakki Marwat"
            clause = (
                d.split_key.startswith("part")
                and not is_vague_place(d.place)
                and any(t.pos == "v" and not t.anaphoric for t in d.triggers)
            )
            # one place of a list in a timeline item: "Early firefights erupt at multiple border points,
            # including Kunar and Nuristan provinces" under "October 10–11:"
            listed = (
                d.split_key not in ("", "abduction")
                and not d.split_key.startswith("part")
                and d.dated_item is False
                and d.date_kind == "context"
                and _in_dated_item(ctx, d)
                and not is_vague_place(d.place)
                and any(not t.anaphoric for t in d.triggers)
            )
            clause = clause or listed
            # an act that joined no incident before it, at a district or a finer place of its own:
            # "Other clashes led to the death of an officer ... in North Waziristan" (not "multiple attacks")
            own_place = (
                d.place is not None
                and (
                    d.place.feature_type not in ("country", "border", "region", "province")
                    # "Air strikes targeting the border regions of Kunar and Paktika wounded another four
                    # civilians": a province with victims of its own
                    or (d.place.feature_type == "province" and (hurt or d.fatalities is not None))
                )
                and not d.several
                and any(not t.anaphoric for t in d.triggers)
            )
            # an article that tells its incident only in definite mentions, with a toll: "The chief minister
            # condemned the recent explosion near a police van on Malam Jabba Road, which resulted in the
            # martyrdom of a policeman" (no other report of it, no other incident)
            only_telling = not groups and not any_strong and d.fatalities is not None
            if not (
                _concrete(ctx, d) or separate or _dated_report(d) or first_report or clause or own_place or only_telling
            ):
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


def _combine(ctx: Context, group: list[Draft], shared: frozenset[int] | set[int] = frozenset()) -> Draft:
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

    def place_key(m: Draft) -> tuple[int, int, int]:
        assert m.place is not None
        return (TYPE_RANK.get(m.place.feature_type, 9), m.geo_precision or 9, m.start)

    pools = (
        [m for m in group if not is_vague_place(m.place)],
        [m for m in strong if m.place is not None],
        [m for m in group if m.place is not None],
    )
    pool = next((p for p in pools if p), [])
    primary = min(pool, key=place_key) if pool else lead
    out = dataclasses.replace(primary, notes=list(primary.notes), weak=False)

    # date: an event date before a date read from context, a report or the publication
    dated = min(group, key=lambda m: (m.date.precision >= 4, _KIND_RANK[m.date_kind], m.date.precision, m.start))
    # a news lead dated by its publication ("An explosion has left two policemen martyred") keeps that day
    # against a coarser month a later member takes from the narrative ("... killed between August and November")
    first_told = min(group, key=lambda m: m.start)
    if (
        first_told.date_kind == "publication"
        and dated.date_kind == "context"
        and dated.start > first_told.start
        and dated.date.precision > first_told.date.precision
    ):
        dated = first_told
    # "three separate attacks" in February ... "all the attacks took place on Sunday, February 18": a day the
    # narrative gives inside the month an event names is the finer date of that event
    finer = [
        m
        for m in group
        if m.date_kind == "context" and m.date.precision < dated.date.precision and dated.date.contains(m.date)
    ]
    if finer:
        dated = min(finer, key=lambda m: (m.date.precision, m.start))
    out.date, out.date_kind = dated.date, dated.date_kind
    out.date_explicit = any(m.date_explicit for m in group)

    # type: the most specific method named anywhere; fighting if any report says so
    classes = [m.cls for m in group if m.cls in _EXPLOSIVE_CLASSES or (m.cls == "abduct" and not m.weak)]
    if any(m.cls == "abduct" for m in group):
        classes.append("abduct")
    if classes:
        out.cls = min(classes, key=CLASS_PRIORITY.index)
        out.event_type = CLASS_TYPES[out.cls]
        if out.cls == "ied" and state_explosion([t for m in group for t in m.triggers], _group_actor1(group)):
            out.event_type = CLASS_TYPES["shell"]
    elif any(m.event_type == BATTLE for m in group) and not any(
        m.actor2 is not None and m.actor2.name == GENERIC_CIVILIANS for m in group
    ):
        out.event_type = BATTLE
    else:
        out.event_type = next((m.event_type for m in strong if m.event_type != BATTLE), primary.event_type)

    # actors
    actor1 = _group_actor1(group)
    attributed = None
    for m in group:
        attributed = attributed or attribution_in(ctx, *ctx.doc.spans[m.sent_index][:2])
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
        victims = [m for m in figures if m.fat_noun not in ATTACKER_NOUNS] or figures
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

    # evidence: from the lead (when it comes right before the primary sentence), through the primary
    # sentence and the member sentences right after it
    members = {m.sent_index for m in group}
    first = min(members)
    leads = [m for m in group if m.sent_index == first]
    # "eight terrorists were killed during IBOs in KP": a summary; "Pakistan carried out airstrikes deep inside the
    # Afghan border, killing 10 people": one wave of strikes
    plural_lead = any(plural_noun(t) and t.cls not in ("air", "shell") for m in leads for t in m.triggers)
    if (
        first < primary.sent_index
        and not shared & set(range(first, primary.sent_index))
        and not plural_lead  # "eight terrorists were killed during IBOs in KP": a summary, not this incident's lead
        and not any(m.several for m in leads)
    ):
        lead_start = min(m.start for m in group if m.sent_index == first)
        if primary.sent_index - first <= 2:
            out.lead_start = lead_start
        else:
            # a lead told paragraphs before the sentence that places the incident: the evidence starts
            # with it (the first telling), without the sentences in between
            out.lead_span = (lead_start, max(m.end for m in group if m.sent_index == first))
    si = primary.sent_index
    end = primary.end
    while si + 1 in members and si + 1 not in shared and si + 1 - primary.sent_index < 3:
        si += 1
        end = ctx.doc.spans[si][1]
    out.end = end
    # the other sentences merged into the incident further on ("Three blasts in Mazar-i-Sharif killed at least
    # nine", three sentences after the lead) are evidence too, unless another incident also uses them
    for m in group:
        if m.sent_index > si and m.sent_index not in shared and (m.start, m.end) not in out.extra_spans:
            out.extra_spans = [*out.extra_spans, (m.start, m.end)]
    if out.country_code == "" and out.place is not None:
        out.country_code = out.place.country_code
    out.notes.append(f"merged {len(group)} mentions of the incident")
    return out


def _same_victims(a: str, b: str) -> bool:
    """Whether two tolls count the same people ("people" and "persons" do; "people" and "children" do not)."""
    if a == b:
        return True
    return a in UNIVERSAL_NOUNS and b in UNIVERSAL_NOUNS


def drop_coarse_duplicates(drafts: list[Draft]) -> list[Draft]:
    """Drop a vague report of an event that another sentence reports precisely."""
    keep: list[Draft] = []
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


def merge_retellings(ctx: Context, drafts: list[Draft]) -> list[Draft]:
    """Merge an incident that the article tells again further on into its first telling.

    The lead reports "a suicide bomber killed 12 people in Bannu on
    Tuesday"; a later paragraph retells it ("Tuesday's bombing in Bannu
    killed 12"). Inside one article one incident is one record, so a later
    record joins an earlier one when they agree on the day (or, at month
    precision, on the toll), the place (both named and compatible), the
    actors and the kind of event, and nothing marks it as another incident
    ("in a separate attack", "also"). The merged record keeps the first
    record's evidence and offsets, adds the later sentence to its evidence,
    and takes the most precise date and place and the lowest toll.

    Parameters
    ----------
    ctx
        The article's context.
    drafts
        Records after :func:`merge_incidents`, in text order.

    Returns
    -------
    list of Draft
        The records, retellings folded in, in text order.
    """
    return _fold_into_earlier(
        drafts,
        lambda o, d: (
            _told_word_for_word(ctx, o, d)
            or (
                not _other_list_item(ctx, [o], d)
                and _retells(o, d, ctx.text[d.start : d.end], first_text=ctx.text[o.start : o.end])
            )
        ),
    )


def _fold_into_earlier(drafts: list[Draft], same: Callable[[Draft, Draft], bool]) -> list[Draft]:
    """Fold each draft into the latest earlier record that ``same(earlier, draft)`` says it tells again."""
    out: list[Draft] = []
    for d in drafts:
        target = next((o for o in reversed(out) if same(o, d)), None)
        if target is None:
            out.append(d)
        else:
            _fold(target, d)
    return out


def fold_same_day_duplicates(ctx: Context, drafts: list[Draft]) -> list[Draft]:
    """Fold a record into an earlier one of the same day, place and kind of event.

    What :func:`merge_retellings` leaves apart because the two tellings
    differ in how they are dated (a claim's day and the event's, the
    publication and "on Monday") or both say "separately": one article that
    tells two events of one kind at one place on one day with no toll that
    sets them apart ("Separately militants attacked the home of a police
    station chief in Dera Ismail Khan" after "two brothers of a police
    station chief died in a separate attack on his home in Dera Ismail Khan")
    tells one event twice. Ordinals ("the second blast"), days of their own
    that differ, different tolls and the parts of a sentence split on
    purpose keep records apart.
    """
    return _fold_into_earlier(drafts, lambda o, d: _same_day_duplicate(ctx, o, d))


def _same_day_duplicate(ctx: Context, first: Draft, later: Draft) -> bool:
    """Whether ``later`` tells the event of ``first`` again (see :func:`fold_same_day_duplicates`)."""
    if _other_part_of_town(first, later):
        return False
    if first.place is None or first.place != later.place or is_vague_place(first.place):
        return False
    if first.date.precision != 1 or later.date.precision != 1 or abs((later.date.date - first.date.date).days) > 1:
        return False
    if first.date_explicit and later.date_explicit and first.date.date != later.date.date:
        return False  # "On July 18, ... On July 19, ...": two days of their own
    if first.event_type != later.event_type or first.split_key or later.split_key:
        return False
    if first.several or later.several or first.summary or later.summary:
        return False
    if None not in (first.fatalities, later.fatalities) and first.fatalities != later.fatalities:
        return False
    if "abduct" in (first.cls, later.cls) or (later.separate and not first.separate):
        return False  # victims taken one group after another; "In a separate attack in the Jabal al-Saraj district"
    if _other_list_item(ctx, [first], later):
        return False  # the bullets of a factbox
    return not _ORDINAL_EVENT.search(ctx.text, later.start, later.end)


#: An ordinal event: "the second blast", "The third explosion": one of several told in turn.
_ORDINAL_EVENT: Final[re.Pattern[str]] = re.compile(
    r"\b(?:second|third|fourth|fifth|first|latter|former|other)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:attack|blast|explosion|bombing|incident|strike|ambush|raid|clash)\b",
    re.IGNORECASE,
)


def _told_word_for_word(ctx: Context, first: Draft, later: Draft) -> bool:
    """Whether the later record's words were told already in the first one (a paragraph the page repeats)."""
    told = ctx.text[later.start : later.end].strip()
    if len(told) < 40 or first.date != later.date or later.start < first.end or first.split_key or later.split_key:
        return False
    spans = [(first.start, first.end), *first.extra_spans]
    return any(told in ctx.text[a:b] for a, b in spans)


def _retells(first: Draft, later: Draft, later_text: str, *, first_text: str = "") -> bool:
    """Whether ``later`` tells the incident of ``first`` again (``first_text``: the first telling's words)."""
    if _other_part_of_town(first, later):
        return False
    if later.separate or later.also or later.split_key:
        return False
    if first.split_key and not (later.cls == first.cls and _undated_retelling(first, later, later_text)):
        # one part of a sentence split on purpose ("in Kunar and Paktika", an abduction and a killing)
        # takes only an undated retelling of its own kind: "The attackers ... kidnapped nine of them."
        return False
    if first.dated_item and later.dated_item:
        # items of a timeline are incidents each, unless one tells the other's day, place and method again
        # (a district named twice is not enough: a chronicle lists two clashes of one day in one district)
        return (
            first.date == later.date
            and first.date.precision == 1
            and first.place == later.place
            and not is_vague_place(first.place)
            and first.cls == later.cls
            and _actors_compatible(first.actor1, later.actor1)
            and (
                first.place.feature_type not in ("province", "district", "tehsil")
                or None in (first.fatalities, later.fatalities)
                or first.fatalities == later.fatalities
            )
        )
    if _undated_retelling(first, later, later_text):
        return True
    definite = all(t.anaphoric for t in later.triggers)  # told only in definite mentions: "the attack"
    if (
        definite
        and later.date_kind == "event"
        and later.date_explicit
        and (first.date_kind in ("report", "publication") or _CLAIM_LEAD.search(first_text))
        and (is_vague_place(later.place) or _places_compatible(first.place, later.place))
        and _actors_compatible(first.actor1, later.actor1)
        and 0 <= (first.date.date - later.date.date).days <= _CLAIM_LAG_DAYS
        and later.fatalities in (None, first.fatalities)
    ):
        # a claim or report first ("ISIS has claimed responsibility for a deadly attack on a Sufi shrine in
        # Baghlan"), then the attack's own day in a definite mention ("The attack took place on November 21")
        return True
    if is_vague_place(first.place) or is_vague_place(later.place):
        return False
    if not _places_compatible(first.place, later.place):
        return False
    if later.date_kind == "report" and first.date_kind == "event" and first.date.precision == 1:
        # "IS claimed responsibility on September 3" for the bombing of September 2
        lag = (later.date.date - first.date.date).days
        return (
            0 <= lag <= _CLAIM_LAG_DAYS
            and same_toll_or_claim(first, later)
            and _actors_compatible(first.actor1, later.actor1)
        )
    if (first.cls == "abduct" or later.cls == "abduct") and first.cls != later.cls:
        return False
    if (
        "abduct" not in (first.cls, later.cls)
        and first.event_type[0] != later.event_type[0]
        and not (first.cls in _EXPLOSIVE_CLASSES and later.cls in _EXPLOSIVE_CLASSES)
    ):
        return False
    if not _actors_compatible(first.actor1, later.actor1):
        return False
    tolls = (first.fatalities, later.fatalities)
    same_toll = None in tolls or first.fatalities == later.fatalities
    if (
        definite
        and first.place == later.place
        and first.date.overlaps(later.date)
        and later.fatalities in (None, first.fatalities)
    ):
        # "Prime Minister Shehbaz Sharif strongly condemned the attack on Levies post in Kalat, paying tribute
        # to the martyred officer" after the attack told in Kalat: only definite mentions, the same place and day
        return True
    own_dates = first.date_kind == later.date_kind == "event"  # a date from context or publication proves nothing
    if own_dates and first.date.precision == later.date.precision == 1 and first.date.date == later.date.date:
        # a revised toll ("rose to 12") is the same incident; two different tolls otherwise are not,
        # unless the place and the method are the same too ("a suicide bombing ... in Khuzdar" told twice)
        same_act = first.place == later.place and first.cls == later.cls and first.cls != "kill"
        return same_toll or same_act or bool(_REVISED_TOLL.search(later_text))
    if first.date.precision <= 3 and later.date.precision <= 3 and first.date.overlaps(later.date):
        return None not in tolls and first.fatalities == later.fatalities and (own_dates or first.place == later.place)
    return False


#: A claim of an attack told as the lead: its date is the claim's ("ISIS has claimed responsibility for ...").
_CLAIM_LEAD: Final[re.Pattern[str]] = re.compile(r"\bclaim(?:ed|s)\s+responsibility\s+for\b", re.IGNORECASE)
#: A later sentence that opens another incident although it has no date of its own.
_NEW_INCIDENT: Final[re.Pattern[str]] = re.compile(
    r"\b(?:meanwhile|elsewhere|earlier|previously|before\s+that|prior\s+to|last\s+(?:week|month|year)|"
    r"in\s+(?:a|an)\s+(?:other|similar|earlier|unrelated)|similar\s+(?:attack|incident)|"
    r"(?:another|other)\s+(?:attacks?|incidents?|blasts?|explosions?|bombings?|strikes?|ambush|raids?|clash(?:es)?)|"
    r"two\s+days|three\s+days|days?\s+(?:later|after|before))\b",
    re.IGNORECASE,
)


def _undated_retelling(first: Draft, later: Draft, later_text: str) -> bool:
    """Whether a later record with no date of its own tells the incident of ``first`` again.

    An encyclopedia entry or a news story tells its incident in the lead and
    again in its body ("The attack took place near the check-post ...",
    "During the incident, 18 soldiers were killed"). A later record that is
    dated only by the narrative or the publication (no date of its own), in
    the same place or none, with no other toll, kind or perpetrator and no
    cue of another incident ("meanwhile", "earlier", "another attack") is
    the same incident.
    """
    if later.date_kind not in ("context", "publication") or later.date_explicit:
        return False
    if first.date_kind not in ("event", "context") or not (
        first.date.overlaps(later.date)
        or _told_again_overnight(first, later)
        or _told_of_it_after(first, later, later_text)
    ):
        return False
    if _NEW_INCIDENT.search(later_text) or later.several or first.several:
        return False
    placed = not is_vague_place(later.place)
    same_toll = first.fatalities is not None and first.fatalities == later.fatalities
    if placed and is_vague_place(first.place):
        # "Gunmen killed at least 14 people in central Afghanistan" ... "A source in Daykundi said 14 people
        # had been killed": the same toll places the incident told before
        if not same_toll or not _places_compatible(first.place, later.place):
            return False
    elif placed and not _places_compatible(first.place, later.place):
        return False
    if (first.cls == "abduct") != (later.cls == "abduct"):
        return False
    generic = {"attack", "kill"}
    if not (
        first.event_type[0] == later.event_type[0]
        or first.cls in generic
        or later.cls in generic
        or (first.cls in _EXPLOSIVE_CLASSES and later.cls in _EXPLOSIVE_CLASSES)
    ):
        return False
    if _RESPONSE_TO_IT.search(later_text) and _actors_compatible(first.actor1, later.actor2):
        return True  # "Security forces killed six militants in Gwadar after responding to the attack": its end
    if not _actors_compatible(first.actor1, later.actor1):
        return False
    if _BACK_REFERENCE.search(later_text):
        return True  # "killed during the operation": the toll of other victims of the same incident
    return (
        None in (first.fatalities, later.fatalities)
        or first.fatalities == later.fatalities
        or bool(_REVISED_TOLL.search(later_text))
    )


def _told_of_it_after(first: Draft, later: Draft, later_text: str) -> bool:
    """Whether ``later`` names the incident of ``first`` ("killed in the blast") on a running day just after it.

    "However, Abdul Jalil Jan ... said that more than 70 were killed in the
    blast": a statement made the day after the bombing, whose day the
    narrative has moved to, tells the bombing's toll.
    """
    if later.date_kind != "context" or not first.date.precision == later.date.precision == 1:
        return False
    if not 0 < (later.date.date - first.date.end).days <= _CLAIM_LAG_DAYS:
        return False
    ref = _BACK_REFERENCE.search(later_text)
    # "killed in the attacks": the toll of several, not of this one
    return ref is not None and not ref.group().lower().endswith("s")


#: A sentence that names the incident told before: "during the operation", "in the attack", "the incident".
_BACK_REFERENCE: Final[re.Pattern[str]] = re.compile(
    r"\b(?:during|in|after|following|since|throughout|of|from)\s+the\s+(?:[a-z][\w-]*\s+){0,2}?"
    r"(?:attack|operation|incident|blast|explosion|bombing|clash|raid|ambush|assault|hijacking|siege|strike|shootout|"
    r"firefight|encounter|fighting)(?:s|es)?\b(?!\s+(?:on|in|at|near)\s+[A-Z])",
    re.IGNORECASE,
)


#: The forces' answer to the incident told before: "after responding to the attack", "in retaliation for the attack".
_RESPONSE_TO_IT: Final[re.Pattern[str]] = re.compile(
    r"\b(?:(?:responding|responded|response|reacting|reacted|retaliation)\s+(?:to|for)|repulsed|repelled|foiled)\s+"
    r"the\s+(?:[a-z][\w-]*\s+){0,2}?(?:attack|assault|raid|ambush|attackers|militants|terrorists)\b",
    re.IGNORECASE,
)


#: A toll revised in a later report: "the death toll rose to 12".
_REVISED_TOLL: Final[re.Pattern[str]] = re.compile(r"\b(?:toll|rose|risen|climbed|increased|jumped)\b", re.IGNORECASE)


#: A claim or report dated this many days after an incident may still be about it.
_CLAIM_LAG_DAYS: Final[int] = 3


def same_toll_or_claim(first: Draft, later: Draft) -> bool:
    """A later report may give no toll or a claimed, larger one; a smaller, different toll is another event."""
    if first.fatalities is None or later.fatalities is None:
        return True
    return later.fatalities >= first.fatalities


def _fold(base: Draft, other: Draft) -> None:
    """Fold ``other`` (a retelling) into ``base``."""
    finer = other.date.precision < base.date.precision and base.date.contains(other.date)
    # "ISIS has claimed responsibility for a deadly attack ..." (the report's day), then "The attack took place on
    # the evening of November 21": the day the event happened
    event_day = (
        other.date.precision == base.date.precision == 1
        and other.date_kind == "event"
        and other.date_explicit
        and (base.date_kind in ("report", "publication") or base.date.date > other.date.date)
        and 0 <= (base.date.date - other.date.date).days <= _CLAIM_LAG_DAYS
    )
    if finer or event_day:
        base.date, base.date_kind, base.date_explicit = other.date, other.date_kind, other.date_explicit
    if (
        other.place is not None
        and base.place is not None
        and TYPE_RANK.get(other.place.feature_type, 9) < TYPE_RANK.get(base.place.feature_type, 9)
    ):
        base.place, base.location_text, base.geo_precision = other.place, other.location_text, other.geo_precision
    if base.actor1 is None:
        base.actor1 = other.actor1
    elif base.actor1.name == GENERIC_ARMED and other.actor1 is not None and not other.actor1.is_state:
        base.actor1 = other.actor1  # "militants" named later: "... claimed by the TTP"; not the forces responding
    base.actor2 = base.actor2 or other.actor2
    same_victims = base.fatalities is None or _same_victims(base.fat_noun, other.fat_noun)
    lower = other.fatalities is not None and (base.fatalities is None or other.fatalities < base.fatalities)
    if lower and same_victims:
        if base.fatalities is not None:
            base.notes.append("lowest of the tolls reported")
        base.fatalities, base.fat_noun = other.fatalities, other.fat_noun
    base.extra_spans = [*base.extra_spans, (other.start, other.end), *other.extra_spans]  # no shared list
    base.notes.append("told again later in the article")


def actor_from_before(ctx: Context, drafts: list[Draft]) -> None:
    """Give an incident without a named perpetrator the group named just before it, in its paragraph.

    "IS continued a series of bomb attacks in Kabul. At least two Shiite
    civilians were killed by a bomb in the Pul-e-Sokhta area on 6 August."
    The group acts in the first sentence and the second tells one of its
    acts. A named non-state group (not a generic word, not a state force)
    of the incident right before, in the same paragraph and at most two
    sentences back, becomes actor1, with a note.
    """
    doc = ctx.doc
    for prev, d in itertools.pairwise(drafts):
        if d.actor1 is not None and d.actor1.name != GENERIC_ARMED:
            continue
        a = prev.actor1
        if a is None or a.is_state or a.is_generic or a.name == GENERIC_CIVILIANS:
            continue
        if doc.spans[prev.sent_index][2] != doc.spans[d.sent_index][2] or not 0 < d.sent_index - prev.sent_index <= 2:
            continue
        if d.actor2 is not None and d.actor2.name == a.name:
            continue
        d.actor1 = a
        d.notes.append(f"actor named in the sentence before ({a.name})")


#: The perpetrator line of an encyclopedia infobox: "Perpetrators Islamic State", "- Perps: Jamaat-ul-Ahrar".
_PERPETRATOR_LABEL: Final[re.Pattern[str]] = re.compile(
    r"^\W*(?:perp(?:etrator)?s?|attackers?|assailants?|accused|suspected\s+perpetrators?)\b", re.IGNORECASE
)


def actor_from_infobox(ctx: Context, drafts: list[Draft]) -> None:
    """Give incidents without a named perpetrator the one an infobox line names.

    Encyclopedia entries often name the perpetrator only in their infobox
    ("Perpetrators: Islamic State (suspected)"). A named group on such a line
    becomes actor1 of the article's incidents that name no group themselves
    (state forces and generic words are not used), with a note.
    """
    doc = ctx.doc
    lines = [
        (s, e)
        for para, (s, e) in enumerate(_paragraph_spans(doc))
        if doc.kinds[para] == "infobox" and _PERPETRATOR_LABEL.match(ctx.text[s:e])
    ]
    named = [
        a.actor
        for s, e in lines
        for a in in_range(ctx.actors, ctx.actor_starts, s, e)
        if not a.actor.is_state and not a.actor.is_generic and a.actor.name != GENERIC_CIVILIANS
    ]
    if len({a.name for a in named}) != 1:
        return
    actor = named[0]
    for d in drafts:
        if d.actor1 is None or d.actor1.name == GENERIC_ARMED:
            if d.actor2 is not None and d.actor2.name == actor.name:
                continue
            d.actor1 = actor
            d.notes.append(f"actor from the infobox ({actor.name})")


#: Days either side of the claimed incident's date within which the article's other reports share its claim.
_CLAIM_DAYS: Final[int] = 1
#: An attack nobody claimed: "No group has claimed responsibility for Friday's attack".
_NO_CLAIM: Final[re.Pattern[str]] = re.compile(
    r"\b(?:no(?:\s+(?:one|group|organi[sz]ation|militant\s+group))?|nobody)\s+(?:\w+\s+){0,3}?claimed\b"
    r"|\b(?:has|have|had|was|were)\s+not\s+(?:yet\s+)?(?:been\s+)?claimed\b"
    r"|\bnot\s+(?:immediately\s+)?clear\s+who\b|\bsome\s+(?:of\s+them\s+)?claimed\s+by\b",
    re.IGNORECASE,
)
#: The attacks a claim covers, after the group: "claimed responsibility for the attacks", "carried out these attacks".
_CLAIMED_SEVERAL: Final[re.Pattern[str]] = re.compile(
    r"\b(?:the|these|those|both|all|the\s+day's|the\s+day’s)\s+(?:\w+\s+){0,2}?"
    r"(?:attacks|assaults|bombings|blasts|explosions|raids|ambushes)\b",
    re.IGNORECASE,
)
#: Word parts every claim or attribution uses (a cheap test before the per-actor ones).
_CLAIM_WORDS: Final[tuple[str, ...]] = (
    "claim",
    "blam",
    "behind",
    "responsib",
    "attribut",
    "perpetrat",
    "carried out by",
    "accus",
    "suspect",
    "held",
)
#: A blame of a pattern, not of one attack: "most of them blamed on the TTP".
_GENERAL_BLAME: Final[re.Pattern[str]] = re.compile(r"\b(?:most|many|all|some)\s+of\s+(?:them|which|these)\b", re.I)


def actor_from_claim(ctx: Context, drafts: list[Draft]) -> None:
    """Give incidents without a named perpetrator the one group the article says claimed its attacks.

    "In Kalat, militants attacked a Levies station ... The BLA claimed
    responsibility for the attacks": the militants of the day's reports are
    the claimant's. The article must name exactly one non-state group as
    claimant or as the one blamed ("claimed by", "blamed on", "X claimed
    responsibility", "was behind") for several attacks ("for the attacks",
    "these attacks", "both attacks"); its claim covers the reports dated
    within a day of the report it follows (or, before any report, the
    first one). Reports of other days (background, earlier attacks), air
    strikes and reports whose target is the group keep their actor, and a
    note says where the actor came from. An article that also tells of an
    unclaimed attack ("No group has claimed responsibility for Friday's
    attack") and blames of a pattern ("most of them blamed on the TTP",
    "has carried out ...") lend no actor.
    """
    text = ctx.text
    low = text.lower()
    if not drafts or not any(w in low for w in _CLAIM_WORDS):
        return
    claims = []
    for a in ctx.actors:
        if a.actor.is_state or a.actor.is_generic or a.actor.name == GENERIC_CIVILIANS or a.is_state_word:
            continue
        sent_start, sent_end, _ = ctx.doc.spans[ctx.doc.index(a.start)]
        if not is_attributed(text, a, sent_start):
            continue
        if not _CLAIMED_SEVERAL.search(text, a.end, sent_end):
            continue  # a claim of one attack is that attack's (see attribution_in)
        sentence = text[sent_start:sent_end]
        if not (ONGOING.search(sentence) or _GENERAL_BLAME.search(sentence)):
            claims.append(a)
    if len({a.actor.name for a in claims}) != 1 or _NO_CLAIM.search(text):
        return  # no claim, several groups, or an unclaimed attack beside it: a claim covers only its own attack
    actor = claims[0].actor
    anchors = []
    for a in claims:
        told = [d for d in drafts if d.start <= a.start]
        nearest = max(told, key=lambda d: d.start) if told else min(drafts, key=lambda d: d.start)
        anchors.append(nearest.date)
    for d in drafts:
        if d.actor1 is not None and d.actor1.name != GENERIC_ARMED:
            continue
        if d.cls == "air" or (d.actor2 is not None and d.actor2.name == actor.name):
            continue
        if not any(_within_days(d.date, r, _CLAIM_DAYS) for r in anchors):
            continue
        d.actor1 = actor
        d.notes.append(f"actor from the article's claim or attribution ({actor.name})")


def _within_days(a: ResolvedDate, b: ResolvedDate, days: int) -> bool:
    """Whether two dates of day precision lie at most ``days`` apart."""
    return a.precision == 1 and b.precision == 1 and abs((a.date - b.date).days) <= days


def _paragraph_spans(doc: Document) -> list[tuple[int, int]]:
    """(start, end) of every paragraph, from its sentences."""
    out: dict[int, tuple[int, int]] = {}
    for s, e, para in doc.spans:
        lo, hi = out.get(para, (s, e))
        out[para] = (min(lo, s), max(hi, e))
    return [out[k] for k in sorted(out)]
