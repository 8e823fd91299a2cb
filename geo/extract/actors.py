"""Actors of an incident: the agent (actor1), the target (actor2) and attributions."""

from __future__ import annotations

import bisect
import re
from typing import Final

from geo.actors import (
    GENERIC_CIVILIANS,
    Actor,
    ActorMention,
)
from geo.extract.model import Context, Trigger, in_range

#: Words after which a bare "X" actor is the agent ("by X").
_BY_BEFORE: Final[re.Pattern[str]] = re.compile(
    r"(?<!\bused\s)(?<!\bowned\s)(?<!\brun\s)(?<!\bmanned\s)(?<!\bguarded\s)(?<!\bescorted\s)(?<!\bled\s)"
    r"(?<!\bbacked\s)(?<!\bsupported\s)(?<!\bfunded\s)(?<!\bcontrolled\s)(?<!\boccupied\s)(?<!\bheaded\s)"
    r"(?<!\boperated\s)(?<!\bfounded\s)(?<!\bbuilt\s)"
    # "attackers stormed the compound but were repelled by Pakistani armed forces": who fought them off, not the
    # perpetrator
    r"(?<!\brepelled\s)(?<!\brepulsed\s)(?<!\bfoiled\s)(?<!\bthwarted\s)(?<!\bintercepted\s)(?<!\bresisted\s)"
    r"\bby\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$",
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
    r"^(?:\s+(?:personnel|troops|soldiers|men|officials|officers|members|jawans|cops|policemen|staff))?"
    r"(?:\s*,[^,.;]{0,40},)?(?:\s+and\s+(?:his|her|their|the|\w+)\s+(?:[\w-]+\s+){0,2}?[\w-]+)?"
    r"\s+(?:(?:were|was|have\s+been|has\s+been|had\s+been|are|got|being)\s+(?:\w+\s+)?"
    r"(?:killed|martyred|injured|wounded|abducted|kidnapped|shot|slain|targeted|attacked|ambushed|taken|hurt|dead|"
    r"beheaded|executed|gunned)\b|(?:\w+\s+)?lost\s+(?:their|his|her)\s+lives|died|perished|succumbed"
    r"|(?:killed|martyred|injured|wounded|hurt)(?:\s*[,.;]|\s+(?:after|in|when|during|and|as|while|by|on)\b)"
    r"|(?:\w+\s+)?came\s+under\s+(?:\w+\s+)?(?:attack|fire|assault))",
    re.IGNORECASE,
)
#: After an actor listed with others: "including soldiers, staff, and civilians, were killed".
_LISTED_VICTIM_AFTER: Final[re.Pattern[str]] = re.compile(
    r"^(?:\s*,\s*(?:and\s+)?[\w-]+(?:\s+[\w-]+)?){1,3}\s*,?\s+(?:were|have\s+been|had\s+been)\s+(?:\w+\s+)?"
    r"(?:killed|martyred|injured|wounded|abducted|kidnapped|shot|slain|targeted|attacked|hurt|dead)\b",
    re.IGNORECASE,
)
#: After an actor: a relative clause that makes it the victim ("Seven policemen who were kidnapped from Bannu").
_VICTIM_CLAUSE_AFTER: Final[re.Pattern[str]] = re.compile(
    r"^\s*,?\s+(?:who|that)\s+(?:were|was|had\s+been|have\s+been|has\s+been)\s+(?:\w+\s+)?"
    r"(?:killed|martyred|injured|wounded|abducted|kidnapped|shot|slain|taken\s+hostage|held\s+hostage)\b",
    re.IGNORECASE,
)
#: After an actor: it is the source of the report, not an actor ("police said", "the Army said on Friday").
_REPORTER_AFTER: Final[re.Pattern[str]] = re.compile(
    r"^(?:\s+\([^)]{1,12}\))?(?:\s+of\s+[\w\s]{1,25}?)?\s+(?:(?:also|later|further|had|has|have)\s+)?"
    r"(?:said|says|told|stated|reported|confirmed|added|announced|spokesm[ae]n|spokesperson|statement|sources?|"
    r"officials?\s+said|officers?\s+said)\b"
    # "the AFF said its fighters targeted ...": the group tells its own act
    r"(?!\s+(?:on\s+\w+\s+)?(?:that\s+)?(?:they|it|we|(?:its|their)\s+(?:forces|fighters|troops|men|members|"
    r"militants|mujahideen))\b)",
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
    r"killed|began|claimed|blamed|said|stated|says|has|had"
    # the present of timelines and headlines: "October 9: Pakistan conducts airstrikes in ..."
    r"|conducts|launches|strikes|hits|carries|targets|bombs|shells|fires|attacks|kills|retaliates|responds)\b",
    re.IGNORECASE,
)
CLAIMANT: Final[re.Pattern[str]] = re.compile(
    r"(?P<who>[A-Z][\w’'-]*(?:\s+(?:[A-Z][\w’'-]*|government|authorities|officials|forces|ministry|military|police))"
    r"{0,3}|officials|police|military|army|locals|residents|sources)"
    r"(?:\s*,\s*who)?\s+(?:reported|claimed|said|stated|confirmed|put)\b"
)


def agent_before(ctx: Context, start: int, pos: int) -> ActorMention | None:
    """The nearest actor before ``pos`` (from ``start``) in an agent role."""
    lo = bisect.bisect_left(ctx.actor_starts, start)
    hi = bisect.bisect_left(ctx.actor_starts, pos)
    for k in range(hi - 1, lo - 1, -1):
        a = ctx.actors[k]
        if is_agent(ctx, a):
            prev = ctx.actors[k - 1] if k > lo else None
            if (
                a.actor.is_generic
                and prev is not None
                and not prev.actor.is_generic
                and not prev.actor.is_state
                and _MODIFIER_GAP.fullmatch(ctx.text, prev.end, a.start) is not None
            ):
                return prev  # "BLA militants killed ...": the group the generic noun belongs to
            return a
    return None


#: Between a group's name and the generic noun it qualifies: "TTP militants", "Baloch Liberation Army (BLA) militants".
_MODIFIER_GAP: Final[re.Pattern[str]] = re.compile(r"\)?\s")


def _in_proper_name(text: str, a: ActorMention) -> bool:
    """A generic word inside a name ("Army Public School", "Police Lines"), or an outlet's name.

    An outlet named after a country is no actor: "sources contacted by
    Afghanistan International", "Pakistan Today reported".
    """
    if a.actor.is_state and _OUTLET_AFTER.match(text, a.end):
        return True
    if not a.actor.is_generic or not a.text[:1].isupper():
        return False
    return bool(re.match(r"\s+[A-Z][a-z]", text[a.end : a.end + 3]))


#: After a country or force: the name of a news outlet or an organisation, not the state acting.
_OUTLET_AFTER: Final[re.Pattern[str]] = re.compile(
    r"\s+(?:International|Today|Times|Observer|Tribune|Post|News|Express|Herald|Television|TV|Radio|Press|"
    r"Broadcasting|Airlines|Cricket|Telegraph|Chronicle|Voice|Journal)\b"
)


def is_agent(ctx: Context, a: ActorMention) -> bool:
    """Whether an actor mention acts (an agent) rather than being a target, victim or source."""
    text = ctx.text
    if a.actor.name == GENERIC_CIVILIANS or _in_proper_name(text, a):
        return False
    head = _head_after(ctx, a)
    if head is not None:
        # "two Army soldiers were killed", "a police check post came under attack": the role is the head's
        return is_agent(ctx, head)
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
            r"\b(?:in|at|near|on|inside|into|across|from|of|to|with|against|for|within|and|between)\s+"
            r"(?:(?:the\s+)?(?:(?:north|south|east|west|central)\w*|restive|neighbou?ring|remote|tribal)[\s-]+){0,2}$",
            before,
            re.I,
        ):
            return False
        return bool(_ACTS_AFTER.search(after))
    if a.actor.is_state and not _STATE_ACTS_AFTER.match(text, a.end) and not _BETWEEN_BEFORE.search(before):
        # "four policemen, including a DSP, were killed", "a police constable in Khyber lost his life":
        # a force that does nothing in its clause is the target, not the perpetrator
        return False
    return not _TARGET_BEFORE.search(before[-25:])


#: Before the first of two sides: "clashes erupted between Pakistani forces and the Taliban".
_BETWEEN_BEFORE: Final[re.Pattern[str]] = re.compile(r"\bbetween\s+(?:the\s+)?$", re.IGNORECASE)

#: After a state force: it acts in its clause ("security forces in Mir Ali killed", "the army launched",
#: "police, acting on a tip-off, raided"), or it qualifies an act of its own ("an army operation", "police firing").
#: Foiling or repulsing an attack is no act of the attack: the attackers are its perpetrators.
_STATE_ACTS_AFTER: Final[re.Pattern[str]] = re.compile(
    r"(?:['’]s|s['’])?(?:\s*\([^)]{1,40}\))?(?:\s*,[^,.;]{1,60},)?"
    r"(?:"
    r"\s+(?:-led\s+|-backed\s+)?(?:operations?|raids?|strikes?|air\s*strikes?|airstrikes?|drones?|jets?|aircraft|"
    r"helicopters?|gunships?|offensive|crackdown|IBOs?|shelling|bombardment|artillery|mortars?|fire|firing|action|"
    r"retaliation|assault|search|sweep|onslaught|campaign|convoy\s+(?:fired|opened))\b"
    r"|(?:\s+(?:said|says|stated|claimed|announced|confirmed)(?:\s+on\s+\w+)?(?:\s+that)?"
    r"\s+(?:it|they|we|(?:its|their)\s+(?:forces|troops|soldiers|personnel)))?"
    r"(?:\s+(?!(?:were|was|is|are|been|being|be|who|whom|which|that|when|after|while|as|because|but|and|or|if|"
    r"had\s+been|have\s+been|has\s+been)\b)[\w'’-]+){0,6}?"
    r"\s+(?:(?:have|has|had|also|then|later|reportedly|allegedly|swiftly|quickly|immediately|successfully|"
    r"subsequently|jointly|again)\s+)*"
    r"(?:killed|shot|arrested|apprehended|detained|launched|conducted|carried|raided|stormed|struck|hit|targeted|"
    r"bombed|shelled|fired|opened|pounded|attacked|ambushed|neutrali[sz]ed|eliminated|destroyed|seized|captured|"
    r"cordoned|besieged|surrounded|entered|crossed|executed|beheaded|abducted|kidnapped|detonated|used|tortured|"
    r"demolished|responded|retaliated|returned|clashed|fought|engaged|exchanged|battled|traded|gunned|mowed|"
    r"kills|launches|conducts|carries|raids|strikes|hits|targets|bombs|shells|fires|opens|attacks|arrests|"
    r"clash|fight|killing|targeting|raiding|conducting|launching|shelling|firing|pounding|began|started|"
    r"faced|initiated|mounted|staged|dropped|pushed|advanced|recaptured|took|intercepted)\b"
    r")",
    re.IGNORECASE,
)


def _head_after(ctx: Context, a: ActorMention) -> ActorMention | None:
    """The actor noun a state word modifies ("Army" in "Army soldiers", "police" in "police check post")."""
    if not a.actor.is_state:
        return None
    k = bisect.bisect_left(ctx.actor_starts, a.end)
    if k >= len(ctx.actors):
        return None
    nxt = ctx.actors[k]
    return nxt if ctx.text[a.end : nxt.start] == " " else None


def _is_source_or_victim(text: str, a: ActorMention) -> bool:
    """Whether an actor mention is the victim or the source of a report, not an agent.

    "23 soldiers were killed", "two policemen lost their lives": victims.
    "police said", "the Army said on Friday", "according to the military",
    "a spokesman for the TTP": sources of the report (a group claiming an
    attack is an attribution, handled elsewhere).
    """
    # "five individuals—three Frontier Corps personnel and two civilians—were killed": an aside set off by dashes
    after = re.sub(r"\s*[—–]\s*", " ", text[a.end : a.end + 60])
    if _VICTIM_AFTER.search(after) or _LISTED_VICTIM_AFTER.search(after) or _VICTIM_CLAUSE_AFTER.search(after):
        return True
    if _REPORTER_AFTER.search(after):
        return True
    if a.actor.is_state and re.match(r"\s+(?:also\s+)?claimed\b(?!\s+responsibility)", after):
        return True
    return bool(_REPORTER_BEFORE.search(text[max(0, a.start - 40) : a.start]))


def choose_actor1(ctx: Context, start: int, end: int, main: Trigger) -> tuple[ActorMention | None, str]:
    """The perpetrator of the event at ``main`` in ``[start, end)`` and a note on how it was found."""
    text = ctx.text
    in_span = in_range(ctx.actors, ctx.actor_starts, start, end)
    by_agents = [a for a in in_span if _BY_BEFORE.search(text[max(start, a.start - 30) : a.start])]
    by_agents = [a for a in by_agents if a.actor.name != GENERIC_CIVILIANS and not _in_proper_name(text, a)]
    if by_agents:
        return min(by_agents, key=lambda a: abs(a.start - main.start)), ""
    agent = agent_before(ctx, start, main.start)
    if agent is not None:
        partner = coordinated_actor(ctx, agent, before=True)
        return (partner or agent), ""
    # "In separate attacks on Tuesday, militants killed ...": the agent of a verb after the noun; "In another
    # attack, a constable was killed when unknown assailants opened fire on him": of the verb that has one
    for verb in (t for t in ctx_triggers(ctx, start, end) if t.pos == "v" and t.start > main.start):
        # "A suicide bomber targeted a convoy": the trigger names the agent of the verb after it
        agent = agent_before(ctx, main.start, verb.start)
        if agent is not None and _SINCE.search(text, main.end, agent.start):
            # "the first major attack in the city since the Islamic State targeted Kabul airport": the agent of
            # the earlier event the sentence measures from
            break
        if agent is not None:
            return agent, ""
    return None, ""


_SINCE: Final[re.Pattern[str]] = re.compile(r"\bsince\b", re.IGNORECASE)


def ctx_triggers(ctx: Context, start: int, end: int) -> list[Trigger]:
    """The triggers found in ``[start, end)``."""
    return [t for t in ctx.triggers if start <= t.start < end]


def choose_actor2(
    ctx: Context, start: int, end: int, main: Trigger, actor1: ActorMention | None
) -> ActorMention | None:
    """The target of the event at ``main``: the actor acted upon, other than ``actor1``."""
    text = ctx.text
    in_span = in_range(ctx.actors, ctx.actor_starts, start, end)
    # passive: "a senior TTP leader ... was killed by Pakistan"
    if re.search(r"\b(?:was|were|been|being)\s+(?:\w+\s+)?$", text[max(start, main.start - 20) : main.start]):
        before = [a for a in in_span if a.end <= main.start and not _same_actor(a, actor1)]
        if before:
            return before[-1]
    after = [
        a
        for a in in_span
        if a.start >= main.end
        and not _same_actor(a, actor1)
        and not _BY_BEFORE.search(text[max(start, a.start - 30) : a.start])
        # "..., according to police", "police said": the source of the report, not the target
        and not _REPORTER_BEFORE.search(text[max(0, a.start - 40) : a.start])
        and not _REPORTER_AFTER.search(text[a.end : a.end + 60])
        and not (
            a.is_state_word
            and not re.search(r"\b(?:on|against|at|targeting)\s+$", text[max(0, a.start - 12) : a.start])
        )
    ]
    named = [a for a in after if not a.is_state_word]
    if named:
        return named[0]
    if after:
        return after[0]
    # "Afghan and Pakistani forces clashed": the second of two sides named together
    other = coordinated_actor(ctx, actor1, before=False) if actor1 is not None else None
    return other or state_victim(ctx, start, end, actor1)


def state_victim(ctx: Context, start: int, end: int, actor1: ActorMention | None) -> ActorMention | None:
    """A state force in ``[start, end)`` that is acted upon: "a police mobile came under attack in Domel".

    The first state force that does not act, is not the source of the report
    and is not the perpetrator named again.
    """
    for a in in_range(ctx.actors, ctx.actor_starts, start, end):
        if not a.actor.is_state or a.is_state_word or _same_actor(a, actor1) or _in_proper_name(ctx.text, a):
            continue
        after = ctx.text[a.end : a.end + 60]
        if _REPORTER_AFTER.search(after) or _REPORTER_BEFORE.search(ctx.text[max(0, a.start - 40) : a.start]):
            continue
        if not is_agent(ctx, a):
            return a
    return None


def coordinated_actor(ctx: Context, a: ActorMention, *, before: bool) -> ActorMention | None:
    """The other side named with ``a`` ("Afghan and Pakistani forces"), before or after it, if any."""
    k = ctx.actors.index(a) if a in ctx.actors else -1
    j = k - 1 if before else k + 1
    if k < 0 or not 0 <= j < len(ctx.actors):
        return None
    other = ctx.actors[j]
    lo, hi = (other.end, a.start) if before else (a.end, other.start)
    if not re.fullmatch(r"\s*(?:and|&)\s*", ctx.text[lo:hi]) or other.actor.name == a.actor.name:
        return None
    if not (other.actor.armed and a.actor.armed) or not (other.actor.is_state or a.actor.is_state):
        return None  # two sides fighting each other, one of them a state force: "the NRF and Taliban forces"
    return other


def _same_actor(a: ActorMention, actor1: ActorMention | None) -> bool:
    """Whether ``a`` names the perpetrator again ("the Pakistani Taliban, known as the TTP")."""
    return actor1 is not None and (a is actor1 or a.actor.name == actor1.actor.name)


ATTRIBUTION: Final[tuple[re.Pattern[str], ...]] = (
    re.compile(r"\b(?:blamed|accused|held|suspected)\s+(?:the\s+)?$", re.IGNORECASE),
    re.compile(r"\battributed\s+(?:[\w-]+\s+){0,4}?to\s+(?:the\s+)?$", re.IGNORECASE),
    re.compile(
        r"\b(?:claimed\s+by|carried\s+out\s+by|perpetrated\s+by|responsibility\s+(?:was\s+)?claimed\s+by)\s+(?:the\s+)?$",
        re.IGNORECASE,
    ),
    re.compile(r"\bblamed\s+on\s+(?:the\s+)?$", re.IGNORECASE),
)
CLAIM_AFTER: Final[re.Pattern[str]] = re.compile(
    r"^\s*(?:(?:has|have|had|later|quickly)\s+)*(?:claimed|accepted|took)\s+responsibility|^\s*(?:was|were)\s+behind\b",
    re.IGNORECASE,
)


def is_attributed(text: str, a: ActorMention, lo: int) -> bool:
    """Whether an actor mention is blamed or credited: "claimed by the BLA", "the TTP claimed responsibility".

    ``lo`` bounds the words looked at before the mention (the start of its
    sentence or span).
    """
    before = text[max(lo, a.start - 40) : a.start]
    return any(rx.search(before) for rx in ATTRIBUTION) or CLAIM_AFTER.search(text[a.end : a.end + 40]) is not None


def attribution_in(ctx: Context, start: int, end: int) -> Actor | None:
    """An actor a span blames or credits: "blamed the TTP", "claimed by ISKP", "X claimed responsibility"."""
    text = ctx.text
    for a in in_range(ctx.actors, ctx.actor_starts, start, end):
        if a.actor.name == GENERIC_CIVILIANS:
            continue
        before = text[max(start, a.start - 40) : a.start]
        if any(rx.search(before) for rx in ATTRIBUTION):
            return a.actor
        if not a.is_state_word and not a.actor.is_generic and CLAIM_AFTER.search(text[a.end : a.end + 40]):
            return a.actor
    return None
