"""From a sentence and its triggers to draft incidents (one per event the sentence reports)."""

from __future__ import annotations

import bisect
import calendar
import dataclasses
import datetime as dt
import itertools
import logging
import re
from typing import Final

from geo.actors import STATE_FORCES, ActorMention
from geo.dates import ResolvedDate, count_word
from geo.extract.actors import agent_before, attribution_in, choose_actor1, choose_actor2, is_agent
from geo.extract.dates import (
    DAY_RELATIVES,
    REPORT_DATE_PENALTY,
    context_index,
    heading_date,
    is_recent,
    recent_anchor,
    usable_dates,
)
from geo.extract.decision import (
    AGGREGATE,
    LIGHT_VERB_BEFORE,
    PERFECT,
    SAME_DAY,
    SENTENCE_INITIAL_NP,
    mark_anaphora,
    trigger_ok,
)
from geo.extract.events import classify_event, fatality_figure
from geo.extract.merge import claimed, is_dateline, same_area_cue
from geo.extract.model import CLASS_PRIORITY, Context, Draft, Trigger, in_range, plural_noun
from geo.extract.places import choose_place, coordinated_places, country_hint, distance_km, is_vague_place
from geo.gazetteer import Place

logger = logging.getLogger(__name__)


def sentence_incidents(ctx: Context, si: int, triggers: list[Trigger]) -> list[Draft]:
    """The draft incidents sentence ``si`` reports, from its triggers."""
    text, doc = ctx.text, ctx.doc
    s_start, s_end, _para = doc.spans[si]
    kept: list[Trigger] = []
    for t in triggers:
        if not trigger_ok(ctx, t, s_start, s_end):
            continue
        mark_anaphora(ctx, t, s_start, s_end)
        kept.append(t)
    if not kept:
        return []
    # a sentence opening with an anaphoric event NP ("Those raids, which ...
    # killed") only adds detail to an event already read
    first = kept[0]
    fresh = [t for t in kept if not t.anaphoric]
    initial_np = first.anaphoric and not first.backref and SENTENCE_INITIAL_NP.search(text[s_start : first.start])
    if initial_np and (other := _another_event_drafts(ctx, si, kept)) is not None:
        return other
    if initial_np or not fresh:
        # only anaphoric mentions ("the attack", "the blast"): detail for an
        # incident already read (place, date, toll), never an incident of its own
        (_s, _e, date_idx), *_rest = _split_by_dates(ctx, s_start, s_end, kept)
        return _build_draft(ctx, si, s_start, s_end, kept, date_idx, group_start=s_start, weak=True)
    groups = _group_triggers(ctx, fresh, s_start, s_end)
    out: list[Draft] = []
    for g_start, g_end, g_trigs in groups:
        for sub_start, sub_end, date_idx in _split_by_dates(ctx, g_start, g_end, g_trigs):
            parts = _split_by_earlier_event(ctx, sub_start, sub_end, g_trigs)
            earlier = len(parts) > 1
            if not earlier:
                parts = _split_by_victim_places(ctx, sub_start, sub_end, g_trigs)
            if len(parts) == 1:
                parts = _split_by_clause_places(ctx, sub_start, sub_end, g_trigs)
            for k, (v_start, v_end) in enumerate(parts):
                if earlier and k == 1:
                    # "..., a day after two soldiers were killed in ...": its own date, else counted back
                    part_date = _part_date(ctx, v_start, v_end, None)
                else:
                    part_date = _part_date(ctx, v_start, v_end, date_idx) if len(parts) > 1 else date_idx
                drafts = _build_draft(ctx, si, v_start, v_end, g_trigs, part_date, group_start=g_start)
                for d in drafts:
                    if len(parts) > 1 and not d.split_key:
                        d.split_key = f"part{k}"  # one incident per part: never merged with the others
                out.extend(drafts)
    return out


def _another_event_drafts(ctx: Context, si: int, kept: list[Trigger]) -> list[Draft] | None:
    """The drafts of a sentence about an event already told that names another one of its own, or ``None``.

    "This attack follows another similar incident earlier this year on
    January 2, when the Pakistani army fired multiple mortars into three
    villages"; "The bombing was part of a series of attacks on the same day,
    including two explosions ... in Kunduz and Khogyani": the head (the event
    told) only adds detail, the tail is an incident of its own.
    """
    text = ctx.text
    s_start, s_end, _para = ctx.doc.spans[si]
    if (another := _ANOTHER_EVENT.search(text, s_start, s_end)) is not None:
        cut, fresh_from = another.start(), another.end()
    elif (series := _SERIES_INCLUDING.search(text, s_start, s_end)) is not None:
        cut = fresh_from = series.start(1)
    else:
        return None
    if not any(t.start >= fresh_from and not t.anaphoric for t in kept):
        return None
    head = [t for t in kept if t.start < cut]
    tail = [t for t in kept if t.start >= cut]
    out: list[Draft] = []
    if head:
        (_s, _e, head_date), *_rest = _split_by_dates(ctx, s_start, cut, head)
        out.extend(_build_draft(ctx, si, s_start, cut, head, head_date, group_start=s_start, weak=True))
    drafts = _build_draft(ctx, si, cut, s_end, tail, _part_date(ctx, cut, s_end, None), group_start=cut)
    for d in drafts:
        d.split_key = d.split_key or "part1"
    return out + drafts


#: "... killed three soldiers in North Waziristan and two policemen in Bannu": a second count and place.
_VICTIM_PLACE_JOIN: Final[re.Pattern[str]] = re.compile(
    r"\s*,?\s+and\s+(?=(?:at\s+least\s+)?(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|a|an)\s+"
    r"(?:[\w-]+\s+){0,3}?(?:in|at|near)\s+(?:the\s+)?[A-Z])"
)


#: The conjunction that opens a later part of a list: ", and".
_LIST_AND: Final[re.Pattern[str]] = re.compile(r"^\s*,?\s*and\s+")


def _split_by_victim_places(ctx: Context, start: int, end: int, trigs: list[Trigger]) -> list[tuple[int, int]]:
    """One span per (victims, place) pair of a list: "killed three soldiers in A and two policemen in B".

    Each part after the first lacks the verb; :func:`_build_draft` reads its
    toll with the verb of the first part. A part must name a place of its own.
    """
    text = ctx.text
    first = min((t.start for t in trigs if start <= t.start < end), default=start)
    cuts = [m.start() for m in _VICTIM_PLACE_JOIN.finditer(text, first, end)]
    if not cuts:
        return [(start, end)]
    bounds = [start, *cuts, end]
    spans = list(itertools.pairwise(bounds))
    # every part names a place of its own, a dateline is none: "QUETTA: One person was killed and seven others
    # injured in Turbat blast" names one place
    if not all(
        any(not is_dateline(ctx.text, m) for m in in_range(ctx.mentions, ctx.mention_starts, lo, hi))
        for lo, hi in spans
    ):
        return [(start, end)]
    return spans


#: A perfect tense over a list of past participles: "have arrested, tortured, and " (before "killed").
_PERFECT_LIST: Final[re.Pattern[str]] = re.compile(
    r"\b(?:has|have)\s+(?:[a-z]+ed,\s+){1,4}(?:and\s+)?$|\b(?:has|have)\s+[a-z]+ed\s+and\s+$"
)
#: After an event already told: another one of its own ("This attack follows another similar incident ...").
_ANOTHER_EVENT: Final[re.Pattern[str]] = re.compile(
    r"\b(?:follows|followed|comes\s+after|came\s+after|after)\s+(?:another|an\s+earlier|a\s+similar|a\s+previous)\b"
    r"(?:\s+[\w-]+){0,3}?\s+(?:incident|attack|strike|assault|shelling|bombing|blast)\b",
    re.IGNORECASE,
)
#: The other events of a series the event told was part of: "The bombing was part of a series of attacks on the
#: same day, including two explosions targeting Taliban officers in Kunduz and Khogyani District".
_SERIES_INCLUDING: Final[re.Pattern[str]] = re.compile(
    r"\bpart\s+of\s+an?\s+(?:series|wave|string|spate)\s+of\s+[^.;]{0,60}?\b(including)\b", re.IGNORECASE
)
#: A sentence that opens with an earlier event: "Four days after ...", "A day after ...", "Hours after ...".
_EARLIER_LEAD: Final[re.Pattern[str]] = re.compile(
    r"\W*(?:[A-Z][A-Za-z .]{1,30}:\s*)?(?:just\s+|only\s+|barely\s+)?(?:(?:a|an|one|two|three|four|five|six|seven|"
    r"a\s+few|\d+)\s+)?(?:hours?|days?|weeks?)\s+after\s+",
    re.IGNORECASE,
)
#: ", a day after ...", ", days after ...", ", hours after ...": an earlier event told in a trailing clause.
_EARLIER_EVENT: Final[re.Pattern[str]] = re.compile(
    r"(?:,\s*|\s+)(?:just\s+|only\s+|barely\s+|nearly\s+|almost\s+|less\s+than\s+|more\s+than\s+)?"
    r"(?:(?:a|an|one|two|three|four|five|six|seven|a\s+few|few|several|\d+)\s+)?(?:hours?|days?|weeks?)\s+after\s+"
    # "..., following a separate clash that left eight dead", "following an attack a day earlier in Khyber Pakhtunkhwa"
    r"|,\s*(?:just\s+)?following\s+(?=(?:a|an|another|earlier|separate)\b)"
    # a later one: "..., prompting a large-scale counter-terrorism operation in which eight terrorists were killed"
    r"|,\s*(?:prompting|triggering|sparking|leading\s+to)\s+(?=(?:a|an)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:operations?|offensive|raids?|crackdown|search|clash(?:es)?|gunfight|exchange\s+of\s+fire)\s+"
    r"(?:in\s+which|during\s+which|that|which)\b)",
    re.IGNORECASE,
)


def _split_by_earlier_event(ctx: Context, start: int, end: int, trigs: list[Trigger]) -> list[tuple[int, int]]:
    """Two spans when a trailing clause tells an earlier event of its own.

    "A policeman was shot dead in Bannu on Tuesday, a day after two soldiers
    were killed in a roadside blast in North Waziristan": two incidents. The
    main clause and the trailing one must each hold an act that is not a
    reference back ("a day after the attack" adds nothing); the trailing
    clause is dated by its own date or counted back from the main one.
    """
    lead = _EARLIER_LEAD.match(ctx.text, start, end)
    if lead is not None:
        # "Four days after Afghan authorities apologised over cross-border shelling that claimed the lives of
        # eight people, armed clashes erupted ... on Thursday": the earlier event first, then the one told
        comma = ctx.text.find(", ", lead.end(), end)
        if comma > 0:
            parts = ((start, comma), (comma + 2, end))
            fresh = all(any(lo <= t.start < hi and not t.anaphoric for t in trigs) for lo, hi in parts)
            if fresh:
                return list(parts)
    m = _EARLIER_EVENT.search(ctx.text, start, end)
    if m is None:
        return [(start, end)]
    parts = ((start, m.start()), (m.start(), end))
    fresh = all(any(lo <= t.start < hi and not t.anaphoric for t in trigs) for lo, hi in parts)
    return list(parts) if fresh else [(start, end)]


#: After a weekday: a prayer ("Friday prayers"), not a date of its own.
_PRAYER_AFTER: Final[re.Pattern[str]] = re.compile(r"\s+(?:prayers?|sermon|congregation)\b", re.IGNORECASE)


def _time_of_day(ctx: Context, i: int) -> bool:
    """Whether date mention ``i`` is "overnight": a time of day, which dates an event only when nothing else does."""
    return ctx.dates[i].kind == "relative" and ctx.dates[i].relative == "overnight"


def _part_date(ctx: Context, start: int, end: int, date_idx: int | None) -> int | None:
    """The date of one part of a split sentence: its own date when it names one ("... in October 2023")."""
    reports = ctx.report
    precision = {
        i: r.precision
        for i in usable_dates(ctx, start, end)
        if (r := ctx.resolved[i]) is not None and not (reports and reports[i])
    }
    if not precision:
        return date_idx
    finest = min(precision, key=lambda i: (precision[i], i))
    if date_idx in precision and precision[date_idx] <= precision[finest]:
        return date_idx
    if date_idx is not None and ctx.dates[date_idx].kind in ("absolute", "partial") and _time_of_day(ctx, finest):
        return date_idx  # a time of day ("in separate overnight attacks") beside the sentence's date (see below)
    return finest


#: A clause that adds the wounded of the same act: "(while) another six policemen were injured when ...".
_MORE_HURT: Final[re.Pattern[str]] = re.compile(
    r"(?:another|other)\s+(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|several|dozens)?\s*"
    r"(?:[\w-]+\s+){0,3}?(?:were|was)\s+(?:also\s+)?(?:injured|wounded|hurt)\b",
    re.IGNORECASE,
)
#: Victims of one clause: "14 soldiers were killed", "killing five people".
_CLAUSE_TOLL: Final[re.Pattern[str]] = re.compile(
    r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a\s+dozen|dozens)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:people|persons|civilians|soldiers|troops|policemen|police|officers|personnel|militants|terrorists|insurgents|"
    r"attackers|children|women|men|workers|labou?rers|passengers|members|fighters|guards)\b"
    # a count without its noun: "while another 17 were killed in adjoining Bannu district"
    r"|\b(?:another|other)\s+(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+(?:were|have\s+been|"
    r"had\s+been)\s+(?:also\s+)?(?:killed|martyred|shot\s+dead|gunned\s+down|eliminated|neutrali[sz]ed)\b",
    re.IGNORECASE,
)


def _split_by_clause_places(ctx: Context, start: int, end: int, trigs: list[Trigger]) -> list[tuple[int, int]]:
    """One span per clause when two clauses each tell an act and a place of their own.

    "14 soldiers were killed in an ambush in Balochistan Province while five
    people were killed in a bomb attack targeting police in Dera Ismail Khan":
    two incidents in one sentence. Each clause needs a toll of its own, or
    else places (districts or finer) far apart from the other clause's:
    "two policemen were martyred in Dera Ismail Khan, while a gas pipeline
    was blown up in Lakki Marwat".
    """
    text = ctx.text
    for m in _CLAUSE_JOIN.finditer(text, start, end):
        parts = ((start, m.start()), (m.end(), end))
        acts = all(any(lo <= t.start < hi and not t.anaphoric for t in trigs) for lo, hi in parts)
        if not acts or not all(in_range(ctx.mentions, ctx.mention_starts, lo, hi) for lo, hi in parts):
            continue
        if _MORE_HURT.match(text, m.end()):
            continue  # "four policemen were killed while another six were injured when ... attacked": one act
        tolls = all(_CLAUSE_TOLL.search(text, lo, hi) for lo, hi in parts)
        # without a toll in each, the clauses must at least name places far apart: "two policemen were
        # martyred in Dera Ismail Khan, while a gas pipeline was blown up in Lakki Marwat"
        places = [_clause_places(ctx, lo, hi) for lo, hi in parts]
        apart = all(places) and not any(_near(a, b) for a in places[0] for b in places[1])
        if tolls or apart:
            return [(start, m.start()), (m.start(), end)]
    return [(start, end)]


def _clause_places(ctx: Context, start: int, end: int) -> list[Place]:
    """The district-level or finer places named in a clause (not countries, provinces or regions)."""
    return [
        m.best
        for m in in_range(ctx.mentions, ctx.mention_starts, start, end)
        if m.best.feature_type not in ("country", "province", "region", "border") and not is_dateline(ctx.text, m)
    ]


def _near(a: Place, b: Place) -> bool:
    """Whether two places could be one scene (the same, nested, or within 40 km)."""
    if (
        a == b
        or (a.admin2 and a.admin2 == b.admin2)
        or a.name in (b.admin2, b.admin1)
        or b.name in (a.admin2, a.admin1)
    ):
        return True
    return distance_km(a, b) <= 40.0


#: Between a verb and a group its victims belong to: "killed [two terrorists of ]BLF", "arrested [five members of
#: the banned ]TTP". The group is the object's, not another agent.
_MEMBERS_OF: Final[re.Pattern[str]] = re.compile(
    r"\s+(?:at\s+least\s+)?(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|several|dozens|scores|a\s+number)"
    r"\s+(?:[\w-]+\s+){0,2}?(?:of|from|belonging\s+to|linked\s+(?:to|with)|affiliated\s+with)\s+(?:the\s+)?"
    r"(?:(?:banned|proscribed|outlawed)\s+)?",
    re.IGNORECASE,
)


def _abbreviated(ctx: Context, a: ActorMention) -> ActorMention | None:
    """The mention an abbreviation in brackets follows: "Balochistan Liberation Front" for "(BLF)"."""
    if not ctx.text[max(0, a.start - 2) : a.start].endswith("("):
        return None
    before = [m for m in in_range(ctx.actors, ctx.actor_starts, max(0, a.start - 80), a.start) if m.end <= a.start]
    if before and before[-1].actor.name == a.actor.name and not ctx.text[before[-1].end : a.start - 1].strip():
        return before[-1]
    return None


def _group_triggers(
    ctx: Context, trigs: list[Trigger], s_start: int, s_end: int
) -> list[tuple[int, int, list[Trigger]]]:
    """Split a sentence's triggers into events: a new one starts when another agent acts."""
    text = ctx.text
    groups: list[list[Trigger]] = [[trigs[0]]]
    agents: list[str | None] = []
    first_agent = agent_before(ctx, s_start, trigs[0].start)
    agents.append(first_agent.actor.name if first_agent else None)
    for t in trigs[1:]:
        prev = groups[-1][-1]
        between_agents = []
        for a in in_range(ctx.actors, ctx.actor_starts, prev.end, t.start):
            # "Balochistan Liberation Front (BLF)": the abbreviation has the role of the name it follows
            head = _abbreviated(ctx, a) or a
            if head is not a and not is_agent(ctx, head):
                continue
            if is_agent(ctx, a) and not (prev.pos == "v" and _MEMBERS_OF.fullmatch(text, prev.end, head.start)):
                between_agents.append(a)
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
    out: list[tuple[int, int, list[Trigger]]] = []
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


def _split_by_dates(ctx: Context, start: int, end: int, trigs: list[Trigger]) -> list[tuple[int, int, int | None]]:
    """One (start, end, date index) per event; several explicit years joined by "and" split."""
    idx = usable_dates(ctx, start, end)
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
    clauses = _split_by_clause_dates(ctx, start, end, trigs, idx)
    if clauses:
        return clauses
    # the date nearest to the main trigger, explicit mentions preferred
    main = trigs[0]
    best: int | None = None
    best_key: tuple[int, int] | None = None
    # a report date ("said on Friday") loses to an event date ("overnight")
    for i in idx:
        m = ctx.dates[i]
        if ctx.resolved[i] is None:
            continue
        penalty = REPORT_DATE_PENALTY if ctx.report and ctx.report[i] else 0
        if re.match(r"['’]s\b", ctx.text[m.end : m.end + 3]):
            penalty += REPORT_DATE_PENALTY  # "Sunday's airstrikes": the date of another event named in passing
        r = ctx.resolved[i]
        if r.precision == 4 and any(
            (o := ctx.resolved[j]) is not None and o.precision < 4 and o.date.year == r.date.year for j in idx
        ):
            # "20 January – 2022 Lahore bombing near Anarkali Bazaar kills ...": the year of the event's
            # name loses to the day of that year
            penalty += REPORT_DATE_PENALTY
        if (
            m.kind == "relative"
            and m.relative == "recent"
            and any(
                (o := ctx.resolved[j]) is not None and o.precision == 1 and ctx.dates[j].kind != "relative" for j in idx
            )
        ):
            # "The most recent TTP attack, on December 21, ...": a vague time loses to the day the span names
            penalty += REPORT_DATE_PENALTY
        key = (int(m.since), abs(m.start - main.start) + penalty)
        if best_key is None or key < best_key:
            best, best_key = i, key
    return [(start, end, best)]


#: A clause boundary between two events of one sentence: ", while", "; ", ", and", ", whereas".
_CLAUSE_JOIN: Final[re.Pattern[str]] = re.compile(
    r"(?:,\s*|;\s*|\s+)(?:while|whereas|and\s+(?=(?:on|in|at|last|two|three|a\s+day)\b)|but|meanwhile|"
    r"since\s+(?=(?:they|he|she|it|the|militants|insurgents|[A-Z])))\s*|;\s+",
    re.IGNORECASE,
)


def _blank_dates(ctx: Context, start: int, end: int) -> str:
    """``text[start:end]`` with its date mentions blanked: "since its emergence in 2014" gives no figure."""
    seg = ctx.text[start:end]
    lo = bisect.bisect_left(ctx.date_starts, start)
    for m in ctx.dates[lo:]:
        if m.start >= end:
            break
        a, b = m.start - start, min(m.end, end) - start
        seg = seg[:a] + " " * (b - a) + seg[b:]
    return seg


#: One victim or target right after the verb: "have shot and killed a former soldier", "have attacked a Taliban
#: outpost" (a news lead in the perfect tense).
_ONE_VICTIM: Final[re.Pattern[str]] = re.compile(
    r"\s+(?:a|an)\s+(?:[\w-]+\s+){0,3}?(?:soldier|policeman|police\s+officer|officer|commander|leader|man|woman|boy|"
    r"girl|child|civilian|cleric|scholar|journalist|teacher|doctor|official|elder|student|driver|shopkeeper|"
    r"resident|judge|lawyer|politician|activist|worker|outpost|post|checkpost|checkpoint|convoy|vehicle|station|camp|base|"
    r"mosque|school|office|market|bus)\b",
    re.IGNORECASE,
)
#: A number in figures or words ("has left two policemen martyred" is a report, not a generic statement).
_A_NUMBER: Final[re.Pattern[str]] = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?|scores)\b", re.IGNORECASE
)
#: A count of several events before an event noun: "55 terror attacks", "two suicide attacks".
#: A day after its month: "a December 2 assassination attempt" names a date, not two attempts.
_MONTH_DAY_BEFORE: Final[re.Pattern[str]] = re.compile(
    rf"\b(?:{'|'.join(calendar.month_name[1:])})\s+\d{{1,2}},?\s+(?:[a-z-]+\s+){{0,2}}$"
)


def _several_before(before: str, t: Trigger) -> bool:
    """Whether a count before an event noun makes it several events ("two suicide attacks", "55 attacks")."""
    if not _SEVERAL.search(before):
        return False
    return not (_MONTH_DAY_BEFORE.search(before) and not plural_noun(t))


_SEVERAL: Final[re.Pattern[str]] = re.compile(
    r"\b(?:(?!(?:19|20)\d\d\b)\d[\d,]*|two|three|four|five|six|seven|eight|nine|ten|dozens\s+of|hundreds\s+of|several|"
    r"multiple|numerous|scores\s+of)\s+(?-i:[a-z-]+\s+){0,2}$",
    re.IGNORECASE,
)
#: What may come before a date that opens a sentence: "On ", "- ", "(a) ", a bullet.
_OPENING: Final[re.Pattern[str]] = re.compile(r"\W*(?:on|in|by|late|early|from)?\s*", re.IGNORECASE)


def _split_by_clause_dates(
    ctx: Context, start: int, end: int, trigs: list[Trigger], idx: list[int]
) -> list[tuple[int, int, int | None]]:
    """One span per clause when a sentence tells two events with dates of their own.

    "Two civilians were killed by a bomb on 6 August, while five were killed
    when their bus was hit on 7 August": two incidents, one per clause. A
    clause boundary (", while", "; ", ", and on ...") must lie between the
    two dates, each clause must hold a trigger, and the dates must differ.
    Ranges ("between May and July") and report dates do not split.
    """
    text = ctx.text
    own = [
        i
        for i in idx
        if ctx.resolved[i] is not None
        and ctx.resolved[i].precision <= 3  # type: ignore[union-attr]
        and not ctx.dates[i].since
        and not (ctx.report and ctx.report[i])
    ]
    if any(ctx.dates[i].kind in ("absolute", "partial") for i in own):
        # "Earlier in March, two policemen were martyred while one security guard lost his life in separate
        # overnight attacks": a time of day beside the sentence's own date, not another day counted from publication
        own = [i for i in own if not _time_of_day(ctx, i)]
    if len(own) < 2:
        return []
    if len({(ctx.resolved[i].date, ctx.resolved[i].precision) for i in own}) < len(own):  # type: ignore[union-attr]
        return []
    cuts: list[int] = []
    for a, b in itertools.pairwise(own):
        gap = text[ctx.dates[a].end : ctx.dates[b].start]
        if re.search(
            r"\b(?:between|from|to|until|till)\b", text[max(start, ctx.dates[a].start - 10) : ctx.dates[a].start] + gap
        ):
            return []
        joins = list(_CLAUSE_JOIN.finditer(gap))
        if not joins:
            return []
        cut = ctx.dates[a].end + joins[-1].start()
        # the clause break must lie before the second clause's first trigger
        later = [t for t in trigs if t.start >= cut]
        if not later:
            return []
        cuts.append(cut)
    bounds = [start, *cuts, end]
    out: list[tuple[int, int, int | None]] = []
    for (lo, hi), i in zip(itertools.pairwise(bounds), own, strict=True):
        if not any(lo <= t.start < hi for t in trigs):
            return []
        out.append((lo, hi, i))
    return out


#: How many sentences ahead a lead without any date may look for one.
_NEXT_DATE_SENTENCES: Final[int] = 2


def _next_date(ctx: Context, pos: int) -> ResolvedDate | None:
    """The first event date in the next sentences, for a lead with no date and nothing before it."""
    doc = ctx.doc
    si = doc.index(max(0, pos - 1))
    last = min(len(doc.spans) - 1, si + _NEXT_DATE_SENTENCES)
    for i in usable_dates(ctx, pos, doc.spans[last][1]):
        r = ctx.resolved[i]
        if r is not None and r.precision <= 3 and not (ctx.report and ctx.report[i]):
            return r
    return None


#: "a day earlier", "two days before", "three days after <the event>": counted from the running date.
_DAYS_BACK: Final[re.Pattern[str]] = re.compile(
    r"\b(a|one|two|three|four|five|six|\d)\s+(days?|weeks?)\s+(earlier|before|after|prior\s+to)\b"
    r"|\bthe\s+(?:previous\s+(?:day|night|evening)|day\s+before|night\s+before|day\s+prior)\b",
    re.IGNORECASE,
)
#: "the next day", "the following morning", "two days later", "a week later": counted on from the running date.
_DAYS_ON: Final[re.Pattern[str]] = re.compile(
    r"\bthe\s+(?:next|following)\s+(?:day|morning|evening|night|afternoon)\b"
    r"|\b(?P<n>a|one|two|three|four|five|six|\d)\s+(?P<unit>days?|weeks?)\s+later\b",
    re.IGNORECASE,
)


def _days_back(date: ResolvedDate, seg: str, main: Trigger) -> ResolvedDate | None:
    """The running day date moved by "a day earlier", "three days after <this event>" or "the next day"."""
    if date.precision != 1:
        return None
    m = _DAYS_BACK.search(seg)
    on = _DAYS_ON.search(seg)
    if on is not None and (m is None or on.start() < m.start()):
        if on.group("n") is None:
            return ResolvedDate(date.date + dt.timedelta(days=1), 1, inferred=True)
        word = on.group("n").lower()
        n = count_word(word)
        if on.group("unit").lower().startswith("week"):
            return ResolvedDate(date.date + dt.timedelta(days=7 * n), 2, inferred=True)
        return ResolvedDate(date.date + dt.timedelta(days=n), 1, inferred=True)
    if m is None:
        return None
    if m.group(1) is None:
        return ResolvedDate(date.date - dt.timedelta(days=1), 1, inferred=True)
    word = m.group(1).lower()
    n = count_word(word)
    if m.group(3).lower() == "after" and seg.find(main.text) < m.end():
        return None  # "the attack came three days after ...": the later event, already dated
    if m.group(2).lower().startswith("week"):
        # "It came a week after another bombing": about a week before, week precision
        return ResolvedDate(date.date - dt.timedelta(days=7 * n), 2, inferred=True)
    return ResolvedDate(date.date - dt.timedelta(days=n), 1, inferred=True)


def _para_of(ctx: Context, date_index: int) -> int:
    """The paragraph of a date mention."""
    return ctx.doc.spans[ctx.doc.index(ctx.dates[date_index].start)][2]


def _news_week(ctx: Context, context_year: ResolvedDate, *, other_paragraph: bool = False) -> ResolvedDate | None:
    """The week of publication (precision 2) for an undated sentence of a news report whose running date is a year.

    The running year is the publication's, or a bare year of background in an
    earlier paragraph ("In 2009 the army ... " does not date a later report).
    """
    ref = ctx.published_ref
    if not ctx.published_known or ref is None or ref.precision > 1:
        return None
    if ref.date.year != context_year.date.year and not (other_paragraph and context_year.date.year < ref.date.year):
        return None
    return ResolvedDate(ref.date, 2, inferred=True)


#: A killing of the people just abducted: "kidnapped 9 passengers and later killed them", "executed the hostages".
_KILLED_THE_ABDUCTED: Final[re.Pattern[str]] = re.compile(
    r"\b(?:killed|executed|shot(?:\s+dead)?|murdered|beheaded|gunned\s+down)\s+(?:all\s+)?(?:of\s+)?"
    r"(?:them|him|her|the\s+(?:hostages|abductees|captives|kidnapped|abducted))\b",
    re.IGNORECASE,
)
#: Countries outside the region a monitor's overview frames a sentence with ("In Bangladesh, ...").
_FOREIGN_COUNTRIES: Final[dict[str, str]] = {
    "india": "IN",
    "bangladesh": "BD",
    "sri lanka": "LK",
    "nepal": "NP",
    "myanmar": "MM",
    "bhutan": "BT",
    "maldives": "MV",
    "iran": "IR",
    "iraq": "IQ",
    "syria": "SY",
    "china": "CN",
    "tajikistan": "TJ",
    "uzbekistan": "UZ",
    "turkmenistan": "TM",
}
_FOREIGN_FRAME: Final[re.Pattern[str]] = re.compile(
    r"\W*In\s+(" + "|".join(n.title() for n in _FOREIGN_COUNTRIES) + r")\s*,", re.IGNORECASE
)
#: The agent described by a relative clause: "by militants who hijacked", "the gunmen who had abducted".
_RELATIVE_AGENT: Final[re.Pattern[str]] = re.compile(
    r"\b(?:by|the)\s+(?:[\w-]+\s+){0,3}?(?:who|that|which)\s+(?:had\s+|have\s+|earlier\s+)?$", re.IGNORECASE
)


def _build_draft(
    ctx: Context,
    si: int,
    start: int,
    end: int,
    trigs: list[Trigger],
    date_idx: int | None,
    *,
    group_start: int,
    weak: bool = False,
) -> list[Draft]:
    """The incident(s) one span reports (several when it names coordinated places).

    A span that lacks what makes a report concrete (no actor, no place, no
    date of its own) gives a *weak* draft: it can add detail to an incident
    read before it, but never stands alone.
    """
    text = ctx.text
    in_span = [t for t in trigs if start <= t.start < end] or trigs
    # the event an act answers ("in response to Sunday's airstrikes") does not type the act
    cls = min((t.cls for t in ([t for t in in_span if not t.answered] or in_span)), key=CLASS_PRIORITY.index)
    main = next((t for t in in_span if t.cls != "kill"), in_span[0])
    seg = text[start:end]

    # --- concreteness: a noun-only event needs a date, a place or a light verb
    has_verb = any(t.pos == "v" for t in in_span)
    explicit_date = date_idx is not None
    light = any(LIGHT_VERB_BEFORE.search(text[max(start, t.start - 50) : t.start]) for t in in_span)

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
        date_vague = ctx.dates[date_idx].kind == "relative" and ctx.dates[date_idx].relative not in DAY_RELATIVES
        if date is not None and date.precision == 4:
            # "2023 Kabul airport bombing: ..." under a "1 January:" heading: the heading dates it
            hi = context_index(ctx, start)
            head = None if hi is None or not heading_date(ctx, hi, start) else ctx.resolved[hi]
            if head is not None and head.precision < 4 and head.date.year == date.date.year:
                date = head
                notes.append("date from the section heading")
    if date is None:
        ci = context_index(ctx, start)
        date = None if ci is None else ctx.resolved[ci]
        explicit_date = False
        if date is not None and ci is not None and heading_date(ctx, ci, start):
            # a timeline: "December 19:" heads the paragraphs it dates
            explicit_date = True
            notes.append("date from the section heading")
        elif (
            date is not None
            and ci is not None
            and date.precision == 4
            and (week := _news_week(ctx, date, other_paragraph=_para_of(ctx, ci) != ctx.doc.spans[si][2])) is not None
        ):
            # a news report's undated sentence after "in 2023": the week of publication, not 1 January
            date = week
            date_kind = "publication"
            notes.append("no date of its own: the week of publication")
        elif date is not None:
            notes.append("date from preceding context")
            date_kind = "report" if ctx.report and ci is not None and ctx.report[ci] else "context"
        elif ctx.published_ref is not None and (ctx.published_known or ctx.published_ref.precision == 1):
            date = ctx.published_ref
            date_kind = "publication"
            notes.append("date from publication/reference date")
    # "On Wednesday, as many as 12 soldiers ..." in an undated page: a day the page cannot place, not the date of
    # the next sentence's event ("Before this, 10 personnel were martyred ... in February 2022")
    if date is None and not any(m.kind == "weekday" for m in in_range(ctx.dates, ctx.date_starts, start, end)):
        nxt = _next_date(ctx, end)
        if nxt is not None:
            # an undated page whose lead has no date: "He announced the operation was carried out this Saturday"
            date, date_kind = nxt, "context"
            notes.append("date from the next sentence")
    if date is None:
        logger.debug("no date for trigger %r", main.text)
        return []
    anchor = next((t for t in in_span if not t.anaphoric), main)  # "The attacks came a day after ... raids"
    # "stated on Thursday, September 5, that the conflict occurred the previous day": counted from the report's day
    # "a similar attack ... while people were holding Friday prayers": the day of the week of a prayer names no date
    prayer_day = date_idx is not None and _PRAYER_AFTER.match(ctx.text, ctx.dates[date_idx].end) is not None
    shifted = _days_back(date, seg, anchor) if not explicit_date or prayer_day or date_kind == "report" else None
    # "observed a day of mourning on Wednesday, a day after a twin suicide bombing": the day dates the mourning;
    # the bombing is a day before it
    after = _DAYS_BACK.search(seg) if explicit_date and date_idx is not None else None
    if (
        after is not None
        and date_idx is not None
        and (after.group(3) or "").lower() == "after"
        and ctx.dates[date_idx].end <= start + after.start()
        and anchor.start >= start + after.end()
    ):
        shifted = _days_back(date, seg, anchor)
    if shifted is not None and shifted.date > date.date and claimed(ctx, anchor):
        shifted = None  # "The following day, the Islamic State claimed responsibility for the bombing": the claim's day
    if shifted is not None:
        # another day than the running one: an incident of its own, dated by the count
        date, date_kind = shifted, "event"
        notes.append("days counted from the running date")
    recent = recent_anchor(ctx, date, seg) if date.inferred or not explicit_date else None
    if recent is not None:
        date, date_kind = recent, "publication"
        notes.append("a recent event: the month of publication")
    if date.precision == 4 and AGGREGATE.search(seg):
        return []
    if date.precision <= 3 and AGGREGATE.search(seg) and not has_verb:
        return []
    first_verb = next((t for t in in_span if t.pos == "v"), main)
    before_verb = text[max(start, first_verb.start - 60) : first_verb.start]
    # "the Taliban have arrested, tortured, and killed former soldiers": a perfect over a list of verbs
    perfect = PERFECT.search(before_verb[-25:]) or _PERFECT_LIST.search(before_verb)
    one_victim = _ONE_VICTIM.match(text, first_verb.end) is not None
    # present perfect with no figure and no date: a generic statement; but "Taliban members have shot and killed
    # a former soldier in Pol-e-Khomri" is a news lead about one victim
    if (
        perfect
        and not explicit_date
        and not _A_NUMBER.search(_blank_dates(ctx, start, end))
        and not weak
        and not one_victim
    ):
        return []

    # --- places
    place, loc_text, precision, locative_found = choose_place(ctx, start, end)
    around = text[max(start, main.start - 30) : min(end, main.end + 25)]
    # "air strikes also hit ...": another incident; "he also confirmed ...": only another statement
    also = bool(_ALSO_CUE.search(around)) and not _ALSO_SAID.search(around) and not _ALSO_RELATIVE.search(around)
    if also and _EVENT_ALSO.search(text, max(start, main.start - 60), main.start):
        also = False  # "The military operation also reportedly killed a key commander": more of the event told
    if locative_found and _FURTHER_BEFORE.search(text, max(start, main.start - 25), main.start):
        also = True  # "further strikes hit Kunar and Paktika provinces": more events of the kind just told
    if locative_found and _ADDITIONALLY.match(text, start):
        also = True  # "Additionally, 10 security personnel were martyred in a gun attack in Kalat"
    if not has_verb and not explicit_date and not locative_found and not light:
        weak = True

    # --- actors
    actor1, actor1_note = choose_actor1(ctx, min(start, group_start), end, main)
    if actor1_note:
        notes.append(actor1_note)
    actor2 = choose_actor2(ctx, start, end, main, actor1)
    first_verb_trigger = next((t for t in in_span if t.pos == "v" and t.start < main.start), None)
    if actor2 is None and first_verb_trigger is not None:
        # "Security forces killed eight TTP militants in an intelligence-based operation": the verb's object
        actor2 = choose_actor2(ctx, start, main.start, first_verb_trigger, actor1)
    attributed = None
    if actor1 is None:
        attributed = attribution_in(ctx, start, end)
        if attributed is not None:
            notes.append("actor attributed in the same sentence")
    # "In Bannu, a police mobile came under attack in the Domel area": a placed attack on a named force
    victim = place is not None and actor2 is not None and actor2.actor.is_state and not actor2.is_state_word
    if actor1 is None and attributed is None and not victim and (place is None or not (explicit_date or also)):
        # no actor and no place, or no actor and no date of its own: a detail
        # of another report or a general statement
        weak = True
    if actor1 is None and attributed is None and _STATE_OPERATION.search(main.text):
        # "an IBO was conducted in the general area of Mir Ali": ACLED codes the state's forces as actor1
        attributed = STATE_FORCES
        notes.append("a security operation: the state's forces")

    verbless = not any(start <= t.start < end for t in trigs)  # "and two policemen in Bannu", after "killed ..."
    verb = next((t for t in trigs if t.cls == "kill" and t.pos == "v"), main)
    fatalities, fat_note, fat_noun = fatality_figure(f"{verb.text} {_LIST_AND.sub('', seg)}" if verbless else seg)
    if fat_note:
        notes.append(fat_note)

    country = place.country_code if place is not None else ""
    framed = _FOREIGN_FRAME.match(text, ctx.doc.spans[si][0])
    if framed is not None:
        # "In Bangladesh, the Myanmar military launched cross-border shelling ...": a monitor's item on another
        # country, whatever its place names
        country = _FOREIGN_COUNTRIES[framed.group(1).lower()]
    if not country:
        country = country_hint(seg, actor2)
    draft = Draft(
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
        separate=_separate_cue(text, start, seg) or shifted is not None,
        shifted=shifted is not None,
        also=also,
        date_vague=date_vague,
        recent=is_recent(seg),
        several=any(_several_before(text[max(start, t.start - 30) : t.start], t) for t in in_span if t.pos == "n")
        and all(t.pos == "n" for t in in_span),
        dated_item=date_idx is not None
        and date_kind == "event"
        and bool(_OPENING.fullmatch(text[ctx.doc.spans[si][0] : ctx.dates[date_idx].start])),
        same_area=same_area_cue(seg),
        area=_named_area(seg),
    )
    draft.event_type = classify_event(draft, seg, main)
    out = [draft]
    # killings and abductions of other people in one report: two incidents
    others = [t for t in in_span if t.cls != "abduct"]
    # ... unless the abductors are the killers: "31 people were killed by militants who hijacked a train"
    abductors = any(
        t.cls == "abduct" and _RELATIVE_AGENT.search(text[max(start, t.start - 40) : t.start]) for t in in_span
    )
    # ... or the killed are the abducted: "armed attackers kidnapped 9 passengers and later killed them"
    abductors = abductors or bool(_KILLED_THE_ABDUCTED.search(seg))
    if cls == "abduct" and others and fatalities is not None and not weak and not abductors:
        other_cls = min((t.cls for t in others), key=CLASS_PRIORITY.index)
        killing = dataclasses.replace(draft, cls=other_cls, notes=list(notes), triggers=others)
        draft.split_key = "abduction"
        killing.event_type = classify_event(killing, seg, next((t for t in others if t.cls != "kill"), others[0]))
        draft.fatalities, draft.fat_noun = None, ""
        out = [killing, draft]
    # "air strikes also hit Kunar and Paktika": one incident per place (a weak report too:
    # "two terrorists were killed in Khyber and Dera Ismail Khan districts")
    if place is not None:
        typed, extra = coordinated_places(ctx, start, end, place)
        if extra:
            if typed != place:
                # "in Kandahar and Paktia provinces": the province of Kandahar, not the city
                draft.place, draft.location_text, draft.geo_precision = typed, typed.name, typed.geo_precision
                place = typed
            copies = []
            for p in extra:
                # a town of the list keeps what the span says of it ("the Lakki Marwat and Bannu areas": 2)
                p_precision = p.geo_precision if p.geo_precision > 1 or place.geo_precision > 1 else precision
                c = dataclasses.replace(
                    draft,
                    place=p,
                    location_text=p.name,
                    geo_precision=p_precision,
                    notes=list(notes),
                    split_key=p.place_id,
                )
                copies.append(c)
            draft.split_key = place.place_id
            out.extend(copies)
    out.extend(_unknown_listed_places(ctx, draft, start, end, notes, taken={d.location_text.lower() for d in out}))
    split = [d for d in out if d.split_key and d.split_key != "abduction"]
    if len(split) > 1 and draft.fatalities:
        # "two engagements in Khyber and Bannu districts, resulting in the killing of three militants": one
        # toll for all the places. Copied to each it would be counted once per place; ACLED divides it
        # evenly among the events, the remainder going to the first ones.
        total, k = draft.fatalities, len(split)
        for i, d in enumerate(split):
            d.fatalities = total // k + (1 if i < total % k else 0)
            d.notes.append(f"a joint toll of {total} for {k} places, divided evenly")
    return out


#: A list of names typed by a plural word: "in the Nasir Bagh and Mattani areas", "in Yaftal and Raghistan districts".
#: A place name of a list, with an alternative name in brackets: "Hissa-e-Awal (Khinj)".
_NAME: Final[str] = r"(?-i:[A-Z][\w'’-]+)(?:[ -](?-i:[A-Z][\w'’-]+))?(?:\s+\((?-i:[A-Z][\w'’ -]{1,30})\))?"
_NAMED_LIST: Final[re.Pattern[str]] = re.compile(
    rf"\b(?:in|at)\s+(?:the\s+)?(?P<list>{_NAME}(?:,\s+{_NAME})*,?\s+and\s+{_NAME})\s+"
    r"(?:areas|districts|villages|tehsils|towns|localities)\b",
    re.IGNORECASE,
)
_LIST_SPLIT: Final[re.Pattern[str]] = re.compile(r",\s*(?:and\s+)?|\s+and\s+")
_POSSESSOR: Final[re.Pattern[str]] = re.compile(r"^[\w-]+(?:'s|’s)\s+")
_DIRECTION: Final[re.Pattern[str]] = re.compile(r"North|South|East|West|Upper|Lower|Central")


def _in_one_district(ctx: Context, pos: int) -> bool:
    """Whether a list of areas ending at ``pos`` is placed in one district: "... areas of Bannu District"."""
    q = _OF_PLACE.match(ctx.text, pos)
    district = ctx.mention_at(q.end()) if q else None
    return district is not None and district.best.feature_type in ("district", "tehsil")


_OF_PLACE: Final[re.Pattern[str]] = re.compile(r"\s+(?:of|in)\s+(?:the\s+)?")


def _unknown_listed_places(
    ctx: Context, draft: Draft, start: int, end: int, notes: list[str], *, taken: set[str]
) -> list[Draft]:
    """One incident per name of a typed list that the gazetteer does not know.

    "Similar attacks in the Nasir Bagh and Mattani areas were also foiled":
    one incident each, located by name only (no coordinates; an online
    geocoder may resolve them), or near the place the span names, with
    geo_precision 2. The names the gazetteer knows are split by
    :func:`geo.extract.places.coordinated_places`. The draft itself takes
    the first unknown name when it has no place of its own.
    """
    m = _NAMED_LIST.search(ctx.text, start, end)
    if m is None:
        return []
    # "16 terrorists were killed in the Narmikhel and Bakakhel areas": one operation over two areas; but
    # "clashing with the NRF for three days in Darah, Rukha, Unaba ... districts": the clashes of each
    long_list = len(_LIST_SPLIT.split(m.group("list"))) >= 3 and any(
        t.pos == "v" and t.cls != "kill" for t in draft.triggers
    )
    if not any(t.pos == "n" and plural_noun(t) for t in draft.triggers) and not long_list:
        return []
    known = in_range(ctx.mentions, ctx.mention_starts, m.start("list"), m.end())
    if not known and _in_one_district(ctx, m.end()):
        return []  # "in the Speena Shaga and Bagdi areas of Upper Kurram": localities of one district, one event
    names: list[str] = []
    pos = m.start("list")
    for item in _LIST_SPLIT.split(m.group("list")):
        at = ctx.text.find(item, pos)
        pos = at + len(item)
        part = _POSSESSOR.sub("", item)  # "Balochistan’s Kech": Kech
        part = re.sub(r"\s+\([^)]*\)$", "", part)  # "Hissa-e-Awal (Khinj)": the name before the bracket
        at += len(item) - len(part)
        if _DIRECTION.fullmatch(part):
            continue  # "the North and South Waziristan districts": two names of one list, told elliptically
        whole = any(k.start <= at and at + len(part) <= k.end for k in known)  # not "Bagh" of "Nasir Bagh"
        if part and not whole and part.lower() not in taken:
            names.append(part)
    if not names:
        return []
    out: list[Draft] = []
    base = draft.place
    if base is not None and any(k.best.name == base.name for k in known):
        base = None  # a sibling of the list ("in Yaftal and Raghistan districts"), not a place around it
    for k, name in enumerate(names):
        if k == 0 and draft.place is None:
            c = draft
        else:
            c = dataclasses.replace(draft, notes=list(notes), split_key=f"name:{name.lower()}")
            out.append(c)
        c.location_text = name
        c.split_key = f"name:{name.lower()}"
        if base is not None and not is_vague_place(base):
            c.geo_precision = 2
            c.notes.append(f"place: near {base.name} ({name} is not in the gazetteer)")
        else:
            c.place, c.geo_precision = None, None
    if draft.place is None and not draft.split_key:
        draft.split_key = f"name:{names[0].lower()}"
    return out


#: A named part of a town: "in Killi Deba area of Quetta", "in Quetta’s Liaquat Bazaar area".
_AREA_NAME: Final[str] = r"(?-i:[A-Z][\w'’-]+)(?:\s+(?-i:[A-Z][\w'’-]+)){0,2}"
_NAMED_AREA: Final[re.Pattern[str]] = re.compile(
    rf"\b(?:in|at|near)\s+(?:the\s+)?(?P<a>{_AREA_NAME})\s+(?:area|locality|neighbou?rhood|mohallah)\s+(?:of|in)\s+"
    rf"|['’]s\s+(?P<b>{_AREA_NAME})\s+(?:area|locality|neighbou?rhood|mohallah)\b",
    re.IGNORECASE,
)


def _named_area(seg: str) -> str:
    """The named part of a town an incident is placed in ("Killi Deba" of "in Killi Deba area of Quetta"), or ""."""
    m = _NAMED_AREA.search(seg)
    return "" if m is None else (m.group("a") or m.group("b")).lower()


#: A security operation: "an IBO", "intelligence-based operations", "a clearance operation".
_STATE_OPERATION: Final[re.Pattern[str]] = re.compile(r"(?-i:IBOs?)|operations?$", re.IGNORECASE)

#: A cue of the form "the second attack": its ordinal and its event noun.
_ORDINAL_CUE: Final[re.Pattern[str]] = re.compile(r"the\s+(\w+)\s+(?:[\w-]+\s+){0,2}?(\w+)$", re.IGNORECASE)


def _separate_cue(text: str, start: int, seg: str) -> bool:
    """Whether a span starting at ``start`` opens another incident ("separately", "another attack", "the second blast").

    An ordinal the article has used before points back: "In the second
    militant attack carried out in ... Awaran" then "six personnel were
    killed in the second attack" tells the second attack again.
    """
    for m in _SEPARATE_CUE.finditer(seg):
        if _MORE_VICTIMS.match(m.group()) and _IN_THE_EVENT.search(seg, m.end()):
            continue  # "Another five soldiers were wounded in the attack in Bannu district": more victims of it
        ordinal = _ORDINAL_CUE.match(m.group())
        if ordinal is not None:
            stem = re.escape(ordinal.group(2).lower()[:5])
            told = re.compile(rf"\b{ordinal.group(1)}\s+(?:[\w-]+\s+){{0,2}}?{stem}", re.IGNORECASE)
            if told.search(text, 0, start):
                continue
        return True
    return False


_SEPARATE_CUE: Final[re.Pattern[str]] = re.compile(
    r"\b(?:separate(?:ly)?\s+(?:incidents?|attacks?|operations?|clash(?:es)?|developments?|raids?|strikes?)|separately"
    r"|another\s+(?:[\w-]+\s+){0,3}?(?:attack|incident|blast|explosion|bombing|strike|ambush|raid|clash|operation|"
    r"engagement|encounter|IBO|assault|shooting|killing)|(?:second|third)\s+incident"
    # "The second attack occurred nearly three hours later", "In the third attack in Pul-e-Khomri": the next item
    r"|\bthe\s+(?:second|third|fourth|fifth|sixth)\s+(?:[\w-]+\s+){0,2}?(?:attack|blast|explosion|bombing|strike|"
    r"ambush|raid|clash|assault|operation|engagement)\b"
    r"|a\s+similar\s+(?:attack|incident)"
    # "Following the attack, security forces also killed at least five militants during a clearance operation":
    # the state's response, an event of its own
    r"|^\W*(?:following|after)\s+the\s+(?:[\w-]+\s+){0,2}?(?:attack|blast|explosion|bombing|ambush|incident|assault),?\s+"
    r"(?:the\s+)?(?:security\s+forces|troops|soldiers|police|army|military|(?-i:CTD|FC))\b"
    r"|^\W*earlier\s+(?:in\s+the\s+(?:day|morning|evening|week)|on\s+\w+day|that\s+day|today)"
    r"|^\W*(?:on|later\s+on|earlier\s+on)\s+the\s+same\s+day\b"
    # "The incident comes on the heels of the siege of the Bannu CTD centre last month": an earlier incident
    r"|\bon\s+the\s+heels\s+of\b"
    r"|^\W*another\s+(?:[\w-]+\s+){0,2}?"
    r"(?:policem[ae]n|constables?|soldiers?|officers?|civilians?|persons?|person|man|woman|child|boy|girl)"
    r"|^\W*also\s+(?:on\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|overnight))\b",
    re.IGNORECASE,
)
#: The "another <victims>" cue: "Another five soldiers ...".
_MORE_VICTIMS: Final[re.Pattern[str]] = re.compile(r"\W*another\s", re.IGNORECASE)
#: A definite mention of the event just told, as where the victims fell: "in the attack", "during the blast".
_IN_THE_EVENT: Final[re.Pattern[str]] = re.compile(
    r"\b(?:in|during)\s+the\s+(?:[a-z][\w-]*\s+){0,2}?(?:attack|blast|explosion|bombing|ambush|assault|incident|"
    r"shooting|firing|clash|raid)\b"
)
_ALSO_CUE: Final[re.Pattern[str]] = re.compile(r"\balso\b", re.IGNORECASE)
#: A definite event as the subject of "also": "The military operation also reportedly killed ...".
_EVENT_ALSO: Final[re.Pattern[str]] = re.compile(
    r"\b(?:the|this|that)\s+(?:[\w-]+\s+){0,2}?(?:operations?|attacks?|assault|strikes?|offensive|raids?|clash(?:es)?|"
    r"fighting|blast|explosion|bombing|ambush|engagement)\s+(?:has\s+|had\s+)?also\s+(?:\w+\s+)?$",
    re.IGNORECASE,
)
#: Just before the event noun: events of the kind just told, not the same one ("further strikes hit ...").
_FURTHER_BEFORE: Final[re.Pattern[str]] = re.compile(r"\b(?:further|more|additional|fresh)\s+(?:[a-z-]+\s+)?$")
#: A sentence that opens with a further item: "Additionally, ...", "In addition to this, ...".
_ADDITIONALLY: Final[re.Pattern[str]] = re.compile(
    r"\W*(?:additionally|in\s+addition(?:\s+to\s+(?:this|that))?|moreover|furthermore)\b", re.IGNORECASE
)

#: "the assassination, which also killed Ahmadi's driver": more victims of the event just named, not another one.
_ALSO_RELATIVE: Final[re.Pattern[str]] = re.compile(r"\b(?:which|that)\s+also\b", re.IGNORECASE)
_ALSO_SAID: Final[re.Pattern[str]] = re.compile(
    r"\balso\s+(?:said|says|confirmed|reported|told|added|stated|noted|claimed|announced|mentioned)\b", re.IGNORECASE
)


#: A sentence that opens on the day just told: "The same day, a soldier lost his life ...".
_SAME_DAY_OPENING: Final[re.Pattern[str]] = re.compile(r"\W*" + SAME_DAY.pattern, re.IGNORECASE)


def date_same_day(ctx: Context, drafts: list[Draft]) -> None:
    """Date "The same day, ..." by the day the sentence before counted ("two days after ... Mamond").

    The running date is the article's day; a day counted back from it
    ("The incident comes just two days after a vehicle ... came under
    attack") is the one "the same day" points to.
    """
    shifted = [d for d in drafts if d.shifted]
    for d in drafts:
        # the day counted in one of the two sentences before ("... two days after ... Mamond. Seven policemen were
        # martyred in the incident. The same day, ...")
        prev = next((p for p in reversed(shifted) if 1 <= d.sent_index - p.sent_index <= 2), None)
        if prev is None or d.shifted or d.date_kind != "context" or d.date_explicit:
            continue
        if _SAME_DAY_OPENING.match(ctx.text, ctx.doc.spans[d.sent_index][0]):
            d.date, d.date_kind = prev.date, "event"
            d.notes.append("'the same day' as the incident told before")
