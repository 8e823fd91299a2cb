"""The incident decision: whether a trigger and its passage report a concrete incident, with a confidence."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from typing import Final

from geo import settings
from geo.extract.events import fatality_figure
from geo.extract.model import Context, Draft, Trigger, in_range, plural_noun
from geo.extract.places import PAST_OF_THE_DEAD, TYPE_RANK, is_vague_place

#: Markers in the few words before a trigger that block it (negation,
#: modality, plans, threats, generic or aggregate framing).
_PRE_BLOCK: Final[re.Pattern[str]] = re.compile(
    r"\b(?:not|no|never|without|den(?:y|ies|ied|ying)|refut\w+|reject\w*|could|would|will|(?-i:may)|might|must|should|can|"
    r"cannot|shall|threat\w*|vow\w*|warn\w*|plan(?!t)\w*|intend\w*|prevent\w*|thwart\w*|foil\w*|avert\w*|capable|capacity|"
    r"risks?|fears?|feared|possib\w+|potential|future|further|surge|series|wave|spate|rise|increase\w*|decrease\w*|"
    r"drop|decline\w*|number|numbers|history|growing|use|began|begun|continu\w+|resum\w+|such\s+as|accus\w+|ongoing|"
    r"frequent\w*|regular\w*|repeated\w*|recurring|if|unless|whether|any|against\s+terrorism|wave|campaign\s+of|"
    r"responsible\s+for|involvement\s+in|involved\s+in|condemnation|tactics?"
    # praise for an act told before: "commended the security forces for killing the terrorists"
    r"|(?:commend\w*|prais\w+|laud\w*|hail\w*|appreciat\w+|applaud\w*|congratulat\w+)\s+(?:[\w'’-]+\s+){0,6}?for"
    # "This comes amid an exchange of airstrikes ...", "The operations come amid days of heavy fighting": a setting
    r"|(?:comes?|came|coming)\s+amid)\b[^.]*$",
    re.IGNORECASE,
)
#: A reaction to an act told before, anywhere in the clause before the trigger: "paid tributes to the
#: security forces for killing", "expressed grief over the martyrdom of".
_REACTION_BEFORE: Final[re.Pattern[str]] = re.compile(
    r"\b(?:paid\s+(?:rich\s+|glowing\s+|glorious\s+)?tributes?\s+to|salut\w+)\s+(?:[\w'’-]+\s+){0,8}?for\s+$"
    r"|\bexpress\w*\s+(?:\w+\s+)?(?:grief|sorrow|condolences?|sympath\w+)\s+(?:over|on|at|for)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_INFINITIVE: Final[re.Pattern[str]] = re.compile(
    r"\bto\s+(?:(?!the\b|a\b|an\b|these\b|those\b|this\b|its\b|their\b)[\w-]+\s+){0,3}$", re.IGNORECASE
)
#: A perfect infinitive after a claim or report: the act is told as done ("claimed to have killed").
_REPORTED_DONE: Final[re.Pattern[str]] = re.compile(
    r"\b(?:claim(?:ed|s)?|sa(?:id|ys)|reported(?:ly)?|believed|thought|known|confirmed)\s+to\s+have\s+(?:been\s+)?$",
    re.IGNORECASE,
)
_HABITUAL: Final[re.Pattern[str]] = re.compile(r"\b(?:has|have|had)\s+been\s+$|\b(?:is|are)\s+$", re.IGNORECASE)
PERFECT: Final[re.Pattern[str]] = re.compile(r"\b(?:has|have)\s+(?:(?!been\b)\w+\s+)?$", re.IGNORECASE)
_POST_BLOCK: Final[re.Pattern[str]] = re.compile(
    r"^\W*(?:[\w-]+\W+){0,2}?(?:continu\w*|have\s+surged|has\s+surged|surged|rose|risen|increased|doubl\w+|declined|"
    r"decreased|dropped|plots?|plans?|planned|threats?|capabilit\w+|could|would|will|(?-i:may)|might|were\s+thwarted|"
    r"was\s+thwarted|were\s+foiled|was\s+foiled|were\s+averted|policy|policies|campaigns?|tactics?|trend)\b"
    # the search after an attack: "launched a combing operation to nab the culprits"
    r"|^\s*to\s+(?:nab|arrest|hunt\s+down|trace|apprehend|track\s+down|find|catch)\b",
    re.IGNORECASE,
)
#: The verb of a trend further on in the clause of a plural event noun: "attacks on security forces in the North
#: and South Waziristan districts have surged over past two weeks", "... have increased manifold".
_TREND_LATER: Final[re.Pattern[str]] = re.compile(
    r"[^,;:.()]*?\b(?:have|has)\s+(?:(?:also|further|sharply|steadily|significantly)\s+)?(?:surged|increased|"
    r"risen|intensified|escalated|spiked|soared|grown|doubled|tripled|multiplied|declined|decreased|dropped|"
    r"fallen|become\s+(?:more\s+)?(?:frequent|common|routine))\b",
    re.IGNORECASE,
)
#: After "took control of": a change of power, not an attack ("The Taliban took control of Afghanistan").
_POWER_AFTER: Final[re.Pattern[str]] = re.compile(
    r"\s*(?:the\s+)?(?:Afghanistan|Pakistan|country|power|government)\b", re.IGNORECASE
)
#: After "stormed", "swept": into power, not into a place ("the Taliban stormed back to power").
_TO_POWER_AFTER: Final[re.Pattern[str]] = re.compile(r"\s+(?:back\s+)?(?:to|into)\s+power\b", re.IGNORECASE)
#: Aggregates and statistics: not one event (checked when the date is a year).
AGGREGATE: Final[re.Pattern[str]] = re.compile(
    r"\b(?:alone|in\s+total|a\s+total\s+of|so\s+far|per\s*cent|percent|on\s+average|annually|statistics|tally|"
    r"primarily\s+in|mainly\s+in|mostly\s+in|since\s+(?:19|20)\d\d|over\s+the\s+(?:past|last)\s+(?:year|decade|\w+\s+years))\b"
    r"|%|\b(?:over|more\s+than|nearly|almost|some)\s+\d[\d,]*\s+(?:[\w-]+\s+){0,2}?(?:attacks|incidents)\b",
    re.IGNORECASE,
)
#: A determiner NP with only lower-case modifiers: "the strikes", "these attacks".
_NP_WORD: Final[str] = (
    r"(?:(?!(?:in|on|at|of|a|an|by|for|with|to|from|into|during|after|before|and|or|was|were|is|are)\b)[a-z][\w'’-]*\s+)"
)
#: "Tuesday's attack happened in Bannu while ...": the day's event, told before.
_DAY_POSSESSIVE: Final[re.Pattern[str]] = re.compile(
    rf"\b(?-i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:'s|’s)\s+{_NP_WORD}{{0,3}}$", re.IGNORECASE
)
_ANAPHORIC_BEFORE: Final[re.Pattern[str]] = re.compile(
    rf"\b(?:the|these|those|this|that|such|its|their|both|same)\s+{_NP_WORD}{{0,3}}$|{_DAY_POSSESSIVE.pattern}",
    re.IGNORECASE,
)
#: An ordinal or superlative introduces an event: "the first major terror attack of the year took place".
_FIRST_MENTION: Final[re.Pattern[str]] = re.compile(
    r"\bthe\s+(?:first|second|third|fourth|fifth|deadliest|worst|biggest|largest|bloodiest|most\s+\w+)\s+"
    r"(?:[a-z][\w-]*\s+){0,2}$"
    # "two more engagements took place", "said that three further attacks": events added to those told
    r"|\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|several)\s+(?:more|further|additional|other|fresh)\s+"
    r"(?:[a-z][\w-]*\s+)?$"
    # "the ISPR said that security forces ...": "that" joins a report, it does not point back
    r"|\b(?:said|says|stated|reported|added|claimed|confirmed|noted|revealed|announced)\s+that\s+"
    r"(?!(?:the|this|these|those|that|such|its|their)\b)(?:[a-z][\w-]*\s+){0,3}$",
    re.IGNORECASE,
)
SENTENCE_INITIAL_NP: Final[re.Pattern[str]] = re.compile(
    r"^\W*(?:the|these|those|this|that|such|both)\s+(?:[a-z][\w-]*\s+){0,3}$", re.IGNORECASE
)
_BACKREF_BEFORE: Final[re.Pattern[str]] = re.compile(
    r"\b(?:in\s+response\s+to|in\s+retaliation\s+(?:for|to)|in\s+reaction\s+to|following|after|since|amid)\s+"
    r"(?:the|these|those|this|its|their)\s+(?:[a-z][\w-]*\s+){0,3}$",
    re.IGNORECASE,
)
#: An event named as what an act answers: "in response to Sunday's Pakistani airstrikes".
_IN_RESPONSE_TO: Final[re.Pattern[str]] = re.compile(
    r"\b(?:in\s+response\s+to|in\s+retaliation\s+(?:for|to|against)|in\s+reprisal\s+for|to\s+avenge)\s+"
    r"(?:(?:the|these|those|this|its|their|a|an|recent|last\s+\w+['’]s|\w+['’]s)\s+)?(?:[\w-]+\s+){0,3}$",
    re.IGNORECASE,
)
#: A light verb that makes an event noun concrete: "launched mortar attacks".
LIGHT_VERB_BEFORE: Final[re.Pattern[str]] = re.compile(
    r"\b(?:launched|carried\s+out|conducted|mounted|staged|responded\s+with|retaliated\s+with|unleashed|perpetrated|"
    r"claimed(?:\s+responsibility\s+for)?|suffered|came\s+under|met\s+with|was\s+met\s+with|were\s+met\s+with|"
    r"killed\s+in|died\s+in|injured\s+in|wounded\s+in)\s+(?:[\w'’-]+\s+){0,4}?$",
    re.IGNORECASE,
)
_HEDGE: Final[re.Pattern[str]] = re.compile(
    r"\b(?:reportedly|allegedly|claimed|claims|according\s+to|unconfirmed|purportedly)\b", re.IGNORECASE
)


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


def trigger_ok(ctx: Context, t: Trigger, sent_start: int, sent_end: int) -> bool:
    """Filter one trigger: negation, modality, plans, generic framing."""
    text = ctx.text
    cstart = _clause_start(text, sent_start, t.start)
    pre_full = text[max(sent_start, t.start - 80) : t.start]
    pre = text[cstart : t.start]
    # the last few words only
    pre_words = " ".join(pre.split()[-6:]) + (" " if pre.strip() else "")
    post = text[t.end : min(sent_end, t.end + 40)]
    block = _PRE_BLOCK.search(pre_words)
    if (
        block is not None
        and not _PRE_BLOCK.search(pre_words, block.end())  # the only blocking word
        and _block_lifted(ctx, t, block.group(), sent_start=sent_start, sent_end=sent_end)
    ):
        block = None
    if block is None and _REACTION_BEFORE.search(pre):
        return False  # "paid tributes to the country's security forces for killing 19 terrorists": a reaction
    kicker = _KICKER.match(text, sent_start)
    if kicker is not None and t.end <= kicker.end():
        return False  # "Pakistan airstrike in Afghanistan: Pakistan has accused ...": a kicker, the story follows
    if _DISTANCE_FROM.search(pre_full):
        return False  # "a siege ... 70 kilometres (44 miles) northeast of Wednesday's blast": a landmark, not an event
    if t.text.lower().endswith("control of") and _POWER_AFTER.match(text, t.end):
        return False
    if _TO_POWER_AFTER.match(text, t.end):
        return False  # "since the Taliban stormed back to power in August 2021": a change of power, not an attack
    post_block = _POST_BLOCK.search(post)
    if post_block is not None and _CONTINUED.search(post_block.group()) and _toll_after(text, t.end, sent_end):
        post_block = None  # "clashes continued in Yaftal district, resulting in the deaths of two commanders"
    if block is not None or post_block is not None:
        return False
    if t.pos == "n" and plural_noun(t) and _TREND_LATER.match(text, t.end, sent_end):
        return False  # "Incidents of attacks on security forces in the ... districts have surged": a trend
    if _INFINITIVE.search(pre_full[-30:]):
        # "the CTD claimed to have killed five terrorists": an act reported as done, not a plan
        if _REPORTED_DONE.search(pre_full[-40:]):
            return True
        # "continued to clash ... in Panjshir, Takhar and Kapisa provinces": the clashes of a monitor's list
        if _CONTINUED_TO.search(pre_full[-30:]) and _place_list_after(ctx, t.end, sent_end):
            t.pos = "v"  # "to clash": the verb
            return True
        # "locals stood with security forces to drive back another terrorist attack": the attack was made;
        # "militants attempted to ambush the checkpost ..., forcing the attackers to retreat": fought off
        if _REPELLED_TO.search(pre_full[-40:]):
            return True
        if not _ATTEMPTED_TO.search(pre_full[-30:]):
            return False
        if _FOUGHT_OFF.search(text, t.end, sent_end):
            return True
        # ... or in the sentence after it: "terrorists had attempted to attack security forces' camps in Panjgur
        # and Naushki. However, security forces had repulsed both the attacks"
        fought_next = _FOUGHT_OFF_NEXT.match(text, sent_end)
        return fought_next is not None and _FOUGHT_OFF.search(fought_next.group()) is not None
    return not (t.text.lower().endswith("ing") and _HABITUAL.search(pre_full[-20:]))


#: A kicker before a story's first sentence: a few capitalised words and a colon ("Pakistan airstrike in
#: Afghanistan: Pakistan has accused ..."), not a dateline (a place alone, handled as one).
_KICKER: Final[re.Pattern[str]] = re.compile(r"\W*[A-Z][\w'’-]*(?:\s+[\w'’-]+){2,6}:\s+(?=[A-Z])")
#: An event named as the landmark of a distance: "70 kilometres (44 miles) northeast of Wednesday's ".
_DISTANCE_FROM: Final[re.Pattern[str]] = re.compile(
    r"\b(?:km|kms|kilomet(?:re|er)s?|miles?)\)?\s+(?:\([^)]{0,20}\)\s+)?(?:(?:north|south|east|west)\w*\s+)?"
    r"(?:of|from)\s+(?:the\s+(?:site\s+of\s+the\s+)?)?(?:[\w-]+(?:'s|’s)\s+)?(?:[\w-]+\s+)?$",
    re.IGNORECASE,
)


def _toll_after(text: str, start: int, end: int) -> bool:
    """Whether the rest of the sentence gives a death toll of its own."""
    return fatality_figure(text[start:end])[0] is not None


_SERIES: Final[re.Pattern[str]] = re.compile(r"(?:series|wave|spate)\b", re.IGNORECASE)
#: A day named by reference to the one told: "on the same day", "that day".
SAME_DAY: Final[re.Pattern[str]] = re.compile(r"\b(?:on\s+)?(?:the\s+same|that)\s+day\b", re.IGNORECASE)
#: The start of an operation told with its day: "launched on 29 July 2025", "began on 3 May".
_LAUNCHED_ON: Final[re.Pattern[str]] = re.compile(
    r"\W*(?:[\w-]+\W+){0,3}?(?:launched|began|started|initiated)\s+(?:on\s+)?(?=\d|[A-Z])"
)
#: A past-tense verb right after the event noun: the event took place ("further strikes hit", "... killed").
_REALISED_AFTER: Final[re.Pattern[str]] = re.compile(
    r"\s+(?:(?:also|later|then)\s+)?(?:hit|struck|killed|targeted|left|wounded|injured|destroyed|rocked|pounded|"
    r"claimed|took\s+place|were\s+(?:carried\s+out|conducted|reported|launched))\b",
    re.IGNORECASE,
)
_CONTINUED: Final[re.Pattern[str]] = re.compile(r"continu\w*\b", re.IGNORECASE)


def _block_lifted(ctx: Context, t: Trigger, blocker: str, *, sent_start: int, sent_end: int) -> bool:
    """Whether the only blocking word before a trigger is outweighed by what its sentence says.

    * "a series of coordinated attacks ... on the night between August 25 and
      26, 2024": a wave with a day of its own is one dated incident;
    * "the NRF continued to clash with the Taliban in Panjshir, Takhar, Kapisa,
      Badakhshan, and Baghlan provinces during the past month": a monitor's
      list reports the clashes in each place;
    * an accusation of an act on a named day reports the act.
    """
    if _SERIES.match(blocker):
        # "The bombing was part of a series of attacks on the same day, including two explosions in Kunduz"
        return _names_a_day(ctx, sent_start, sent_end) or bool(SAME_DAY.search(ctx.text, sent_start, sent_end))
    if blocker.lower().startswith("resum"):
        # "On 1 September, talks broke down and fighting resumed as the Taliban attacked resistance positions"
        return _names_a_day(ctx, sent_start, sent_end, calendar=True)
    if blocker.lower().startswith("ongoing"):
        # "Operation Sarbakaf is an ongoing ... offensive launched on 29 July 2025 in Bajaur District"
        return bool(_LAUNCHED_ON.match(ctx.text, t.end, sent_end)) and _names_a_day(ctx, t.end, sent_end, calendar=True)
    if blocker.lower().startswith("further") and _REALISED_AFTER.match(ctx.text, t.end, sent_end):
        return True  # "further strikes hit Kunar and Paktika provinces": more events that happened, not a threat
    if _CONTINUED.match(blocker):
        return _place_list_after(ctx, t.end, sent_end)
    if blocker.lower().startswith("accus"):
        # "The Taliban have accused Pakistan of carrying out several explosions in Kabul and Paktika province on
        # Thursday": an accusation of a dated act reports the act (ACLED codes the accused side); a standing charge
        # ("accuses Kabul of sheltering militants who carry out attacks") names no day
        return _names_a_day(ctx, t.end, sent_end)
    return False


_CONTINUED_TO: Final[re.Pattern[str]] = re.compile(r"\bcontinu\w*\s+to\s+$", re.IGNORECASE)
#: Resisting an attack names one that was made: "to drive back another terrorist attack", "to repulse the assault".
_REPELLED_TO: Final[re.Pattern[str]] = re.compile(
    r"\bto\s+(?:drive\s+back|beat\s+back|push\s+back|fend\s+off|fight\s+off|repel|repulse|resist)\s+"
    r"(?:(?:the|an|a|another|this|that|their|its)\s+)?(?:[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)
#: An attempt to attack (checked with :data:`_FOUGHT_OFF`): "militants attempted to ambush the checkpost".
_ATTEMPTED_TO: Final[re.Pattern[str]] = re.compile(r"\b(?:attempted|tried|sought)\s+to\s+$", re.IGNORECASE)
#: The next sentence, when it opens on the answer to the attempt told before: "However, security forces ...".
_FOUGHT_OFF_NEXT: Final[re.Pattern[str]] = re.compile(r"\s*(?:However|But),?\s+[^.;]{0,200}")
#: The attempt was met with force: "forcing the attackers to retreat", "repulsed", "exchange of fire".
_FOUGHT_OFF: Final[re.Pattern[str]] = re.compile(
    r"\b(?:retreat\w*|repuls\w+|repell\w+|fled|flee|fought\s+back|returned\s+fire|retaliat\w+|exchange\s+of\s+fire|"
    r"drove\s+(?:\w+\s+){0,2}away|killed|injured|wounded)\b",
    re.IGNORECASE,
)


def _place_list_after(ctx: Context, start: int, end: int) -> bool:
    """Whether a list of at least three places follows ("in Panjshir, Takhar, and Kapisa provinces")."""
    mentions = in_range(ctx.mentions, ctx.mention_starts, start, end)
    joined = sum(
        1 for a, b in itertools.pairwise(mentions) if re.fullmatch(r"\s*(?:,|,?\s*and)\s*", ctx.text[a.end : b.start])
    )
    return joined >= 2


def _names_a_day(ctx: Context, start: int, end: int, *, calendar: bool = False) -> bool:
    """Whether a sentence names a day: with its year ("on 25 August 2024"), a month and day or a weekday.

    "an unprecedented wave of coordinated terrorist attacks on Saturday": a
    wave with a day of its own is one dated incident. With ``calendar`` only
    a day of the calendar counts, not a weekday.
    """
    return any(
        (m.kind in ("absolute", "partial") and m.day is not None) or (m.kind == "weekday" and not calendar)
        for m in in_range(ctx.dates, ctx.date_starts, start, end)
    )


#: A claim of responsibility just before the event noun: "has claimed responsibility for the deadly ...".
_CLAIMED_FOR: Final[re.Pattern[str]] = re.compile(
    r"\bclaim(?:ed|s|ing)?\s+(?:the\s+)?responsibility\s+for\s+(?:the|this|that)\s+(?:[\w-]+\s+){0,3}$", re.IGNORECASE
)
_DETERMINER: Final[re.Pattern[str]] = re.compile(r"\b(?:the|these|those|this|that|such|its|their|both|same)\b", re.I)


#: A label given to an event already told: "termed the incident a target killing", "called it an act of terror".
_LABEL_BEFORE: Final[re.Pattern[str]] = re.compile(
    r"\b(?:termed|called|described|declared|labell?ed|branded|condemned)\s+(?:the|this|that|it)\s+"
    r"(?:(?:incident|attack|act|killing|blast|assault|bombing)\s+)?(?:as\s+)?(?:an?\s+)?(?:[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)
#: Before a participle used as an adjective: "the three martyred cops", "eight kidnapped workers", "all slain".
_ATTRIBUTIVE_BEFORE: Final[re.Pattern[str]] = re.compile(
    r"\b(?:the|these|those|its|their|our|all|both|\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|"
    r"twelve|several|other)\s+$",
    re.IGNORECASE,
)
_VICTIM_NOUN_AFTER: Final[re.Pattern[str]] = re.compile(
    r"\s+(?:[A-Z][\w-]*\s+){0,2}(?:cops?|policem[ae]n|police\s+(?:officials?|personnel|officers?)|workers?|soldiers?|"
    r"personnel|officials?|officers?|labou?rers?|men|people|persons|passengers|engineers?|employees?|staff|jawans?|"
    r"teachers?|students?|children|victims?|journalists?|tourists|pilgrims|miners|constables?)\b"
)


#: After an event noun, the frame that sets a told event in context: "the attack comes as ...", "came a day after".
_COMES_AFTER: Final[re.Pattern[str]] = re.compile(
    r"\s+(?:comes?|came)\s+(?:as|amid|after|just|barely|only|weeks?|days?|hours?|a\s+(?:day|week|month)|"
    r"on\s+the\s+heels|in\s+the\s+wake|against\s+the\s+backdrop)\b",
    re.IGNORECASE,
)


#: The dead of a funeral, described by what killed them: "funeral prayers of martyrs, who embraced martyrdom in".
_FUNERAL_OF_THOSE_WHO: Final[re.Pattern[str]] = re.compile(
    r"\bfuneral\s+(?:prayers?\s+|rites\s+|services?\s+)?(?:of|for)\s+[^.;:]*?\b(?:who|which|that)\s+[^.;:]*$",
    re.IGNORECASE,
)


def mark_anaphora(ctx: Context, t: Trigger, sent_start: int, sent_end: int) -> None:
    """Mark a noun trigger that refers back to an event already told ("the attack", "these strikes").

    A participle used as an adjective of the victims refers back too: "the
    funeral prayers of the three martyred cops", "recovered eight kidnapped
    workers" tell what followed an event, not the event.
    """
    text = ctx.text
    if _LABEL_BEFORE.search(text[max(sent_start, t.start - 60) : t.start]):
        t.anaphoric = True  # "Police termed the incident a target killing": a label for the event told
        return
    if _FUNERAL_OF_THOSE_WHO.search(text, sent_start, t.start):
        # "The funeral prayers of soldiers who embraced martyrdom in a motorcycle-borne suicide blast in Jani Khel
        # area of Bannu were offered on Friday": the funeral names the attack the article tells
        t.anaphoric = True
        return
    if t.pos == "v" and _ATTRIBUTIVE_BEFORE.search(text[max(sent_start, t.start - 30) : t.start]):
        if _VICTIM_NOUN_AFTER.match(text, t.end):
            t.pos, t.anaphoric = "n", True
        return
    if t.pos != "n":
        return
    if _COMES_AFTER.match(text, t.end):
        # "Thursday's attack comes as terrorism has been rearing its head again": the event told, set in context
        t.anaphoric = True
        return
    pre = text[max(sent_start, t.start - 60) : t.start]
    # "Afghan forces launched border attacks in response to Sunday's Pakistani airstrikes": the event the act
    # answers, named in passing
    t.answered = _IN_RESPONSE_TO.search(pre) is not None
    if not _ANAPHORIC_BEFORE.search(pre) or _FIRST_MENTION.search(pre):
        return
    light = LIGHT_VERB_BEFORE.search(pre)
    if light is not None and not _DETERMINER.search(light.group()):
        return  # "the NRF carried out attacks against the Taliban": a light verb and a bare noun, a first mention
    # new information right after the noun ("the attack in Quetta on Monday") is a first mention
    clause_end = text.find(",", t.end, sent_end)
    clause_end = sent_end if clause_end < 0 else clause_end
    after = text[t.end : min(clause_end, t.end + 60)]
    if re.match(r"\s+of\s+(?:(?:former|senior|the)\s+)?(?:[a-z]+\s+)?[A-Z]", after):
        return  # "the killing of Osama bin Laden": a first mention
    if re.match(r"\s+(?:on|against)\s+(?:a|an)\s+", after):
        return  # "the attack on a checkpost": new information, a first mention
    if _CLAIMED_FOR.search(pre) and re.match(r"\s+(?:targeting|targetting|that\s+killed|which\s+killed)\b", after):
        return  # "ISIS has claimed responsibility for the deadly suicide attack targeting employees of ...": a lead
    first_line = re.match(r"\s+(?:occurred|took\s+place|happened|was\s+carried\s+out)\s+(?:on|in)\s+[\dA-Z]", after)
    if first_line and not _DAY_POSSESSIVE.search(pre):
        return  # "The Mianwali air base attack occurred on 4 November 2023": an encyclopedia's first line
    if re.match(r"\s+(?:in|at|near|on)\s+(?:the\s+)?[A-Z0-9]", after) and not re.match(
        r"\s+on\s+(?:the\s+)?(?:Pakistani|Afghan)", after
    ):
        return
    t.anaphoric = True
    t.backref = bool(_BACKREF_BEFORE.search(pre))


# ------------------------------------------------------------ the decision

#: Counts of events, shares and trends: a statistic, not one incident.
_STATISTIC: Final[re.Pattern[str]] = re.compile(
    r"\b(?:\d[\d,]*|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens|hundreds|scores)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:attacks|incidents|strikes|operations|assaults|bombings|clashes)\b"
    r"|\b(?:half|a\s+third|a\s+quarter|most|many|some|several|the\s+majority)\s+of\s+(?:the|these|those)\s+"
    r"(?:[\w-]+\s+)?(?:attacks|incidents)\b"
    r"|\bdatabase\b|\bdata\s+(?:compiled|collected|released|recorded)\b"
    r"|\bper\s*cent\b|\bpercent\b|%|\b(?:series|wave|spate|string|surge|spike|rise|increase|escalation)\s+(?:of|in)\b"
    r"|\b(?:first|second|third|fourth|last)\s+(?:quarter|half)\b|\bfatalities\s+(?:from|in)\s+terror"
    # a record over a period: "the most deadly month of the year", "the highest number ... in a single month"
    r"|\b(?:most\s+(?:deadly|violent|lethal)|deadliest|bloodiest)\s+(?:month|year|quarter|week)\b"
    r"|\b(?:highest|lowest)\s+(?:number|tally|toll)\s+of\b|\bin\s+a\s+single\s+(?:month|year|quarter)\b"
    # "three such attacks in Khyber Pakhtunkhwa", "the year was marked by escalating attacks"
    r"|\b(?:two|three|several|many|\d+)\s+such\s+(?:attacks|incidents|strikes)\b|\bmarked\s+by\b"
    # "Dozens of civilians were killed in Kabul and other cities during Ramzan": a tally over many places
    r"|\band\s+(?:several\s+|many\s+)?other\s+(?:cities|provinces|districts|towns|areas|regions|parts\s+of)\b",
    re.IGNORECASE,
)
#: A sentence that defines or describes a conflict rather than telling an event.
_DEFINITION: Final[re.Pattern[str]] = re.compile(
    r"^\W*(?:the\s+)?[^.,;]{0,80}?\b(?:is|are|was|were|has\s+been|have\s+been)\s+(?:a|an|the)\s+"
    r"(?:[\w-]+\s+){0,3}?(?:series|campaign|conflict|insurgency|war|wave|string|spate|set|number|pattern|cycle)\b",
    re.IGNORECASE,
)
#: Forecasts, threats and conditionals about violence.
_FORECAST: Final[re.Pattern[str]] = re.compile(
    r"\b(?:pose[sd]?\s+(?:a\s+)?(?:threat|risk|danger)|could|might|would|may\s+(?:be|have)|threaten\w*|warn\w*|"
    r"feared|likely\s+to|expected\s+to|poised\s+to)\b",
    re.IGNORECASE,
)
#: An act named as what is prevented or planned: "failing to prevent militants ... from carrying out attacks".
_UNREALISED: Final[re.Pattern[str]] = re.compile(
    r"\b(?:from|of)\s+(?:carrying\s+out|launching|staging|conducting|mounting|plotting|planning)\s+"
    r"(?:[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)
#: An accusation of an act: "have accused Pakistan of carrying out several explosions".
_ACCUSED_OF: Final[re.Pattern[str]] = re.compile(
    r"\baccus\w+\s+(?:[\w'’-]+\s+){0,4}?of\s+(?:carrying\s+out|launching|conducting|staging|mounting)\s+"
    r"(?:[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)


def _unrealised(ctx: Context, d: Draft, t: Trigger) -> bool:
    """Whether an act is only prevented, planned or feared, not told as done.

    An accusation of carrying out an act on a named day ("accused Pakistan
    of carrying out several explosions in Kabul on Thursday") tells the act.
    """
    before = ctx.text[max(d.start, t.start - 60) : t.start]
    if not _UNREALISED.search(before):
        return False
    return not (_ACCUSED_OF.search(before) and _names_a_day(ctx, t.end, ctx.doc.spans[d.sent_index][1]))


#: A running total: "have been killed", "has claimed", "were killed so far".
_PERFECT_TOTAL: Final[re.Pattern[str]] = re.compile(
    r"\b(?:have|has)\s+(?:been\s+)?(?:killed|martyred|claimed|died|lost|carried\s+out|conducted|staged)\b"
    r"|\bso\s+far\b|\bto\s+date\b",
    re.IGNORECASE,
)
#: Events repeated over time: "twice before", "several times", "repeatedly".
_REPEATED: Final[re.Pattern[str]] = re.compile(
    r"\b(?:twice|thrice|(?:three|four|five|several|many|multiple|numerous)\s+times|repeatedly|time\s+and\s+again)\b",
    re.IGNORECASE,
)
#: Attacks told as a trend: "in recent attacks", "has been targeting", "have carried out".
ONGOING: Final[re.Pattern[str]] = re.compile(
    r"\brecent\b|\b(?:has|have)\s+been\s+\w+ing\b|\b(?:has|have)\s+(?:carried\s+out|conducted|launched|staged)\b"
    r"|\b(?:has|have)\s+(?:intensified|stepped\s+up|escalated|ramped\s+up)\s+(?:its|their|the)\b",
    re.IGNORECASE,
)
#: A security operation named as such ("an IBO", "a search operation", "raids").
_OPERATION: Final[re.Pattern[str]] = re.compile(
    r"(?i:(?:[\w-]+[\s-]+){0,3}operations?|raids?)|IBOs?",
)
#: Arrests: "five militants were arrested", "apprehended", "detained", "taken into custody".
_ARREST: Final[re.Pattern[str]] = re.compile(
    r"\b(?:arrested|apprehended|detained|nabbed|held|taken\s+into\s+custody|captured)\b", re.IGNORECASE
)
#: Natural hazards and accidents: "a snowstorm ... killing 23 tourists", "flash floods killed".
_HAZARD: Final[re.Pattern[str]] = re.compile(
    r"\b(?:snow\s*storms?|blizzards?|avalanches?|floods?|flash\s+floods?|flooding|earthquakes?|quakes?|landslides?|"
    r"heat\s*waves?|storms?|cyclones?|torrential\s+rains?|monsoon\s+rains?|road\s+accidents?|traffic\s+accidents?|"
    r"(?:plane|bus|helicopter|train)\s+crash(?:es)?|stampedes?|gas\s+cylinder|short\s+circuit)\b",
    re.IGNORECASE,
)
#: A claim made before the one the article reports: "The NRF had also reported killing a number of Taliban members".
_EARLIER_CLAIM: Final[re.Pattern[str]] = re.compile(
    r"\bhad\s+(?:also\s+|earlier\s+|previously\s+)+(?:reported|claimed|announced)\s+(?:the\s+)?(?:killing|killed|attacks?)\b",
    re.IGNORECASE,
)
#: An explosion in a mine: "the blast in the Harnai coal mine", "a methane explosion in a coal mine".
_MINE_BLAST: Final[re.Pattern[str]] = re.compile(
    r"\b(?:gas|methane)\s+(?:blasts?|explosions?)\b|\b(?:blasts?|explosions?)\s+(?:\w+\s+){0,4}?(?:coal\s+)?mines?\b",
    re.IGNORECASE,
)
#: Words of an attack that make a blast in a mine an attack on it: "militants blew up", "a bomb planted".
_ATTACK_WORDS: Final[re.Pattern[str]] = re.compile(
    r"\b(?:attack\w*|militants?|terror\w*|insurgents?|gunmen|armed\s+men|bomb\w*|IEDs?|improvised|planted|"
    r"rockets?|grenades?|claimed\s+responsibility|separatists?|miscreants)\b",
    re.IGNORECASE,
)


#: A death by an accident named in the sentence: "killed when wall of an under-construction house collapsed",
#: "drowned", "electrocuted", "the vehicle plunged into a ravine".
_ACCIDENT: Final[re.Pattern[str]] = re.compile(
    r"\b(?:(?:walls?|roofs?|houses?|buildings?|ceilings?|structures?|bridges?|mud\s+houses?)\s+(?:[\w-]+\s+){0,5}?"
    r"(?:collapsed|caved\s+in)|collapse\s+of\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,3}?(?:walls?|roofs?|houses?|buildings?|"
    r"ceilings?|bridges?)|drowned|drowning|electrocut\w+|electric\s+shock|struck\s+by\s+lightning|lightning\s+strikes?|"
    r"(?:vehicle|car|bus|van|coach|truck|jeep|wagon)\s+(?:[\w-]+\s+){0,3}?(?:plunged|skidded|overturned|fell)\s+(?:into|off)"
    r")\b",
    re.IGNORECASE,
)
#: Words of violence that make a collapse or a fall part of an attack: "the roof collapsed after the blast".
_VIOLENCE_WORDS: Final[re.Pattern[str]] = re.compile(
    r"\b(?:fire[ds]?|firing|shot|shoot\w*|gun\w*|blasts?|explo\w+|shell\w*|mortars?|strikes?|struck|"
    r"raid\w*|clash\w*|attack\w*|militants?|terror\w*|insurgents?|armed|bomb\w*|IEDs?|rockets?|grenades?|"
    r"missiles?|drones?|bullet\w*|assailants?|miscreants)\b",
    re.IGNORECASE,
)


def _accident(d: Draft, sentence: str) -> bool:
    """Deaths the sentence puts down to an accident ("killed when a wall collapsed") with no word of violence."""
    if any(t.cls != "kill" for t in d.triggers):
        return False
    return bool(_ACCIDENT.search(sentence)) and not _VIOLENCE_WORDS.search(sentence.replace("lightning", ""))


def _mine_accident(ctx: Context, d: Draft, seg: str) -> bool:
    """An explosion in a mine that no word of an attack explains: an industrial accident, not violence."""
    explosions = [t for t in d.triggers if t.cls == "ied"]
    if not explosions or len(explosions) != len([t for t in d.triggers if t.cls != "kill"]):
        return False
    window = ctx.text[max(0, explosions[0].start - 20) : explosions[0].end + 60]
    return bool(_MINE_BLAST.search(window)) and not _ATTACK_WORDS.search(seg)


#: A total over a whole year: "... resulted in the deaths of 248 civilians in 2025", "during 2024".
_YEAR_TOTAL: Final[re.Pattern[str]] = re.compile(
    r"\b(?:in|during|throughout|over)\s+(?:the\s+year\s+)?(?:19|20)\d\d\b(?!\s*[,-]?\s*(?:\d|[A-Z][a-z]+\s+\d))"
)
#: A list's heading run into the text: "Timeline of attacks by Balochistan Liberation Army in Pakistan".
_LIST_HEADING: Final[re.Pattern[str]] = re.compile(r"\W*(?:timeline|list|chronology)\s+of\b", re.IGNORECASE)
#: The start of a running total: "since the start of the year", "so far this year".
_SINCE_THE_START: Final[re.Pattern[str]] = re.compile(
    r"\bsince\s+the\s+(?:start|beginning)\s+of\s+(?:the|this)\s+(?:year|month)\b|\bso\s+far\s+this\s+(?:year|month)\b"
    # "Since the US withdrawal, ISIS-K has claimed several attacks": a period opened by a change of power
    r"|\bsince\s+(?:the\s+)?(?:[\w.'’-]+\s+){0,3}(?:withdrawal|takeover|take-over|return\s+to\s+power|fall\s+of\s+\w+)\b",
    re.IGNORECASE,
)
#: A pattern told as such: "this is not the first time the BLA has carried out attacks", "yet another".
_NOT_THE_FIRST: Final[re.Pattern[str]] = re.compile(
    r"\bnot\s+the\s+first\s+time\b|\b(?:has|have)\s+(?:repeatedly|often|frequently|long)\b", re.IGNORECASE
)
#: One item of a tally by place: "22 in Khyber", "18 in Peshawar".
_TALLY_ITEM: Final[re.Pattern[str]] = re.compile(r"\b\d[\d,]*\s+(?:[a-z][\w-]*\s+){0,3}?in\s+(?:the\s+)?[A-Z]")
#: Past events retold as background: older than this (days before the reference date) is history.
_HISTORY_DAYS: Final[int] = 3 * 365


def assess(ctx: Context, d: Draft) -> tuple[float, str]:
    """Decide whether a draft reports a concrete incident: a confidence and its reason.

    A concrete incident has a time anchor, a place, a violent act and
    perpetrators or victims (what ACLED codes). Background, analysis,
    statistics, trends, forecasts and past events retold for context get a
    confidence below :data:`geo.settings.CONFIDENCE_THRESHOLD`; the reason says why.

    Parameters
    ----------
    ctx
        The article's context (its reference date).
    d
        A finished draft (after the within-article merge).

    Returns
    -------
    tuple of (float, str)
        The confidence in [0.05, 0.95] and the reason, e.g. ``"concrete:
        act, day, place, actor, toll"`` or ``"background: dated only by a
        year"``.
    """
    seg = ctx.text[d.start : d.end]
    sentence = ctx.text[slice(*ctx.doc.spans[d.sent_index][:2])]
    has_verb = any(t.pos == "v" for t in d.triggers)
    ref = ctx.published_ref
    if d.summary:
        return 0.3, "background: a summary of the incidents the article tells one by one"
    if _LIST_HEADING.match(ctx.text, ctx.doc.spans[d.sent_index][0]):
        return 0.2, "structure: the heading of a list ('Timeline of attacks by ...'), not an incident"
    if _HAZARD.search(ctx.text[max(d.start, d.triggers[0].start - 120) : d.triggers[0].start + 20]):
        return 0.1, "not political violence: a natural hazard or an accident"
    if _accident(d, sentence):
        return 0.1, "not political violence: an accident (a collapse, a drowning, a crash)"
    if _mine_accident(ctx, d, seg):
        return 0.1, "not political violence: an explosion in a mine with no attack named"
    plural_nouns = all(plural_noun(t) for t in d.triggers if t.cls != "kill")
    if plural_nouns and _YEAR_TOTAL.search(seg):
        return 0.25, "background: a total over a year, not one incident"
    operations = all(_OPERATION.fullmatch(t.text) for t in d.triggers)
    if operations and d.fatalities is None and _ARREST.search(seg) and not any(t.pos == "v" for t in d.triggers):
        return 0.3, "not violence: an operation with arrests only"
    if d.date.precision >= 4 and not (d.recent and d.date.inferred):
        return 0.2, "background: dated only by a year"
    if _EARLIER_CLAIM.search(seg):
        return 0.3, "background: an earlier claim ('had also reported killing'), not the incident told"
    if _DEFINITION.search(seg):
        return 0.2, "background: describes a conflict, not one incident"
    if _STATISTIC.search(seg) and not d.date_explicit and d.date.precision >= 2:
        return 0.25, "background: a count or a trend, not one incident"
    if _STATISTIC.search(seg) and d.date.precision >= 3:
        return 0.3, "background: a count or a trend over a month or more"
    if len(_TALLY_ITEM.findall(sentence)) >= 3:
        return 0.3, "background: a tally by place ('29 in Bajaur, 22 in Khyber ...'), not one incident"
    period = any(m.since for m in in_range(ctx.dates, ctx.date_starts, d.start, d.end)) or bool(
        _SINCE_THE_START.search(seg)
    )
    if period and (_PERFECT_TOTAL.search(seg) or d.fatalities is not None):
        return 0.3, "background: a total since a date or over a period, not one incident"
    repeated = _REPEATED.search(seg) and not (d.date_explicit and d.date.precision == 1)
    if repeated or (d.several and d.fatalities is None and not d.split_key):
        return 0.3, "background: several events told together"
    if d.date.precision >= 3 and d.fatalities is not None and d.place is None and d.actor1 is None:
        return 0.35, "background: a toll over a month with no place or actor, not one incident"
    if ref is not None and (ref.date - d.date.end).days > _HISTORY_DAYS:
        return 0.35, "background: history, more than three years before the article"
    main = d.triggers[0]
    lead_in = ctx.text[max(d.start, main.start - 60) : main.start]
    if all(PAST_OF_THE_DEAD.search(ctx.text, ctx.doc.spans[d.sent_index][0], t.start) for t in d.triggers):
        return 0.3, "background: the past of the militants told of ('were involved in recent attacks')"
    if _FORECAST.search(lead_in) and d.fatalities is None and not has_verb:
        return 0.3, "background: a forecast or a threat"
    if d.fatalities is None and all(_unrealised(ctx, d, t) for t in d.triggers):
        return 0.3, "background: an act prevented or planned ('prevent militants from carrying out attacks')"
    plural = all(plural_noun(t) for t in d.triggers)
    if d.fatalities is None and not d.date_explicit and _NOT_THE_FIRST.search(seg):
        return 0.3, "background: a pattern of attacks ('not the first time ... has carried out'), not one incident"
    if plural and d.fatalities is None and ONGOING.search(seg):
        return 0.35, "background: recent or ongoing attacks in general, not one incident"
    broad = d.place is None or (d.geo_precision or 3) >= 3
    listed = bool(d.split_key) and not d.split_key.startswith("part") and d.split_key != "abduction"
    if (
        plural
        and broad
        and not listed
        and d.fatalities is None
        and (not d.date_explicit or d.date_vague)
        and d.date.precision >= 2
    ):
        return 0.35, "background: a summary of several events over a week or more"
    # a monitor's weekly summary: "Baloch separatists engaged in armed clashes and explosive attacks ...
    # in Balochistan" (plural event nouns, a province, no toll, no date of its own, not one of a list of places)
    some_plural = any(t.pos == "n" and plural_noun(t) for t in d.triggers)
    province = d.place is not None and d.place.feature_type in ("province", "region", "country")
    if some_plural and province and d.fatalities is None and not d.date_explicit and not d.split_key:
        return 0.35, "background: a summary of several events over a week or more"
    if d.place is not None and d.place.country_code and d.place.country_code not in settings.REGION_COUNTRIES:
        return 0.4, f"outside the region: {d.place.name} ({d.place.country_code})"
    if d.country_code and d.country_code not in settings.REGION_COUNTRIES:
        return 0.4, f"outside the region: the sentence is about another country ({d.country_code})"
    c = 0.8
    parts = ["act"]
    if d.date_explicit:
        parts.append({1: "day", 2: "week", 3: "month"}.get(d.date.precision, "date"))
    elif d.date_kind == "publication":
        c -= 0.15
        parts.append("date of publication only")
    else:
        c -= 0.05
        parts.append("date from context")
    if d.place is not None and d.place.feature_type != "country":
        parts.append("place")
    else:
        c -= 0.1
        parts.append("no place")
    if d.actor1 is not None:
        parts.append("actor")
    if d.fatalities is not None:
        c += 0.05
        parts.append("toll")
    if d.actor1 is None and d.fatalities is None and (d.place is None or d.place.feature_type == "country"):
        c -= 0.15
        parts.append("no actor or victims")
    if not has_verb:
        c -= 0.05
    if _HEDGE.search(seg):
        c -= 0.05
        parts.append("hedged")
    return round(min(0.95, max(0.05, c)), 2), "concrete: " + ", ".join(parts)


#: Several events named together: "multiple suspected militant attacks", "two separate operations".
_SEVERAL_EVENTS: Final[re.Pattern[str]] = re.compile(
    r"\b(?:multiple|several|separate|coordinated|recent|a\s+(?:string|series|spate|wave|number)\s+of|two|three|four|five|six|"
    r"\d+)\s+"
    r"(?:[\w-]+\s+){0,3}?(?:attacks|incidents|strikes|blasts|explosions|clashes|operations|raids|assaults|ambushes)\b"
    # a count of places: "killed ... in three Balochistan districts", "across two provinces"
    r"|\b(?:in|across)\s+(?:two|three|four|five|six|seven|eight|nine|ten|\d+)\s+"
    r"(?:[\w-]+\s+){0,2}?(?:districts|provinces|areas|cities|towns|regions|parts)\b",
    re.IGNORECASE,
)


def mark_summaries(ctx: Context, drafts: list[Draft]) -> None:
    """Mark the lead of a round-up that sums up the incidents the article then tells one by one.

    "At least eight people were killed in multiple militant attacks across
    Khyber Pakhtunkhwa" followed by the attack in Karak, the one in Peshawar
    and the one in Lakki Marwat: the summary is not a fourth incident. A
    record is a summary when it names several events (or only plural event
    nouns, with no toll), is placed no finer than a province (or names
    several places at once: "From Wana to Islamabad ..."), comes first among
    the reports of its days, and at least two later records of those days
    are placed more finely within its area. A summary split into one record
    per province is marked as a whole.
    """
    for d in drafts:
        seg = ctx.text[d.start : d.end]
        plural_only = d.fatalities is None and all(plural_noun(t) for t in d.triggers)
        if not (_SEVERAL_EVENTS.search(seg) or plural_only):
            continue
        coarse = d.place is None or is_vague_place(d.place) or d.place.feature_type == "province"
        # "From Wana to Islamabad, Pakistan has been rocked by massive terrorist attacks": several places at once
        spread = len({m.best.place_id for m in in_range(ctx.mentions, ctx.mention_starts, d.start, d.end)}) >= 2
        # a summary over two provinces is split into one record per province: their areas count together
        parts = [o for o in drafts if o.sent_index == d.sent_index and o.split_key] if d.split_key else [d]
        part_ids = {id(o) for o in parts}
        # "Five people were killed ... in several incidents in Mashkai, Dera Murad Jamali, Dera Bugti and Buleda",
        # then the incident of each place: one record per place of the list, each told again below
        listed = not coarse and len(parts) >= 2 and _SEVERAL_EVENTS.search(seg) is not None
        if not (coarse or (plural_only and spread) or listed):
            continue
        areas = {o.place.name for o in parts if o.place is not None and not is_vague_place(o.place)}
        finer = [
            o
            for o in drafts
            if id(o) not in part_ids
            and o.start > d.start
            and o.place is not None
            and not is_vague_place(o.place)
            and (
                (o.place.name in areas or (o.place.admin2 or "-") in areas)
                if listed
                else TYPE_RANK.get(o.place.feature_type, 9) < TYPE_RANK.get("province", 9)
                and (not areas or o.place.admin1 in areas or spread)
            )
            and _within_report_lag(o, d)
            and assess(ctx, o)[0] >= settings.CONFIDENCE_THRESHOLD  # an incident, not background told after it
        ]
        if any(o.start < d.start and id(o) not in part_ids and _within_report_lag(o, d) for o in drafts):
            continue  # not the lead of its day's reports
        if len(finer) >= 2:
            for o in parts:
                o.summary = True


def _within_report_lag(o: Draft, d: Draft) -> bool:
    """Whether incident ``o`` falls within the dates a summary ``d`` covers (up to three days before its report)."""
    lo = d.date.date - dt.timedelta(days=3) if d.date.precision == 1 else d.date.date
    return o.date.precision <= d.date.precision and lo <= o.date.date <= d.date.end
