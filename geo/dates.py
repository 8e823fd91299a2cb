"""Date expressions in news text and their resolution to ACLED dates.

:func:`find_dates` finds date expressions in one regex pass ("On December
21", "2nd January 2025", "December 28th", "In October 2024", "in April",
"in 2009", "on Wednesday", "last month", "this year", "recent").
:func:`resolve_date` turns one into an :class:`ResolvedDate` (a date plus an
ACLED ``time_precision``: 1 day, 2 week, 3 month, 4 year), using

* the article's publication date, when known;
* the *context*: the last date resolved before the expression in the text
  (a narrative moves forward: "In October 2024 ... On December 21" is 2024);
* the *reference*: the publication date, or else the latest date the article
  mentions (news refers to the recent past: a bare "in October" in an
  article whose latest date is 2025 is October 2025).

A day is never invented: "In October 2024" has month precision and is coded
as the 1st of the month; a year alone is coded as January 1st.

Examples
--------
>>> [m.text for m in find_dates("On December 21, 2024 and in early October")]
['December 21, 2024', 'early October']
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import logging
import re
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from typing import Final

logger = logging.getLogger(__name__)

MONTHS: Final[dict[str, int]] = {name.lower(): i for i, name in enumerate(calendar.month_name) if name} | {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
WEEKDAYS: Final[dict[str, int]] = {name.lower(): i for i, name in enumerate(calendar.day_name)}

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?"
    # headings of wire factboxes and timelines: "MARCH 11, 2025"
    r"|JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER)"
)
_DAY = r"(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:19[0-9]{2}|20[0-9]{2})"
#: The verbs among the count words: after "in" a year stays a year ("an attack in Peshawar in 2014 killed 150").
_COUNT_VERBS = r"were|was|died|killed"
_COUNT_NOUNS = (
    r"people|persons|soldiers|troops|militants|civilians|fighters|families|km|kilometres|kilometers|"
    r"miles|men|police|personnel|refugees|houses|rupees|members|attacks|deaths|casualties|incidents|"
    r"terrorists|acres|tons|tonnes|students|votes|seats|points|words|passengers|workers|labou?rers|children|women|"
    r"policemen|officers|officials|others|insurgents|attackers|guards|pilgrims|worshippers|tourists|employees|"
    + _COUNT_VERBS
)

_DATE_RE: Final[re.Pattern[str]] = re.compile(
    rf"""
    (?P<iso>\b(?P<iy>{_YEAR})-(?P<im>0[1-9]|1[0-2])-(?P<id>0[1-9]|[12][0-9]|3[01])\b)
  | (?P<dmy>\b(?P<d1>{_DAY})(?:\s+of)?\s+(?P<m1>{_MONTH}),?\s+(?P<y1>{_YEAR})\b)
  | (?P<dmy2>\b(?P<d11>{_DAY})\s+(?P<m11>{_MONTH})\s+(?P<y11>[12][0-9])(?=\s*,\s*[A-Za-z]))
  | (?P<mdy>\b(?P<m2>{_MONTH})\s+(?P<d2>{_DAY}),?\s+(?P<y2>{_YEAR})\b)
  | (?P<my>\b(?:(?P<mod3>early|mid|late|end\s+of|the\s+end\s+of|beginning\s+of)[\s-]+)?
        (?P<m3>{_MONTH}),?\s+(?P<y3>{_YEAR})\b)
  | (?P<mly>\b(?:(?:in|In|of|since|Since|during|During|by|By)\s+)?
        (?P<mly_body>(?:(?:early|mid|late|the\s+end\s+of|end\s+of)[\s-]+)?
        (?P<m9>{_MONTH})\s+(?:of\s+)?(?P<r9>last|this|the\s+previous|previous)\s+year)\b)
  | (?P<dm>\b(?P<d4>{_DAY})(?:\s+of)?\s+(?P<m4>{_MONTH})\b)
  | (?P<md>\b(?P<m5>{_MONTH})\s+(?P<d5>{_DAY})\b(?![,.]?\d)(?!\s*,?\s*{_YEAR}\b))
  | (?P<mh>(?:(?<=\n)|\A)(?P<m10>{_MONTH})(?=[ \t]*:?[ \t]*(?:\n|\Z)))
  | (?P<mo>\b(?:in|In|on|On|of|by|By|and|since|Since|from|From|until|during|During|last|Last|this|This
        |between|Between)\s+
        (?P<mo_body>(?:(?P<mod6>early|mid|late|the\s+end\s+of|the\s+beginning\s+of|end\s+of)[\s-]+)?
        (?P<m6>{_MONTH}))\b(?!\s*,?\s*{_YEAR}\b)(?!\s+{_DAY}\b(?!\s*(?:{_COUNT_NOUNS})\b)))
  | (?P<yr>(?<![\d,.$₨])(?<!Rs\.\s)(?<!Rs\s)\b(?P<y7>{_YEAR})\b
        (?![,.]\d)(?![ \t]*(?:-|–)[ \t]*\d)
        (?:(?<=[iI]n\s\d{{4}})(?=\s+(?:{_COUNT_VERBS})\b)|(?!\s+(?:{_COUNT_NOUNS})\b))(?!%))
  | (?P<wd>\b(?P<w8>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)
  | (?P<rel>\b(?:(?i:yesterday|last\s+night|this\s+morning|today|tonight|earlier\s+this\s+week|this\s+week|last\s+week
        |earlier\s+this\s+month|this\s+month|last\s+month|earlier\s+this\s+year|this\s+year|last\s+year
        |the\s+past\s+week|the\s+past\s+month|recent(?!\s+(?:years?|months|weeks|decades?|times|history|past|memory|trends?))|recently|overnight|(?:over|during|at)\s+the\s+weekend|last\s+weekend
        |this\s+weekend|the\s+weekend|(?:a|one|two|three|four|five|six|seven|eight|nine|ten|[1-9]|[12]\d)\s+days?\s+ago
        |(?:a|one|two|three|four|five|six|[1-6])\s+(?:weeks?|months?)\s+ago|a\s+fortnight\s+ago))\b)
    """,
    re.VERBOSE,
)

#: Words before a year that make it a future or deadline, not an event date.
_FUTURE_BEFORE: Final[re.Pattern[str]] = re.compile(
    r"(?:\bby|\buntil|\btill|\bvision|\btarget|\bbefore|\bahead\s+of|\bplan|\bplanned\s+for|\bscheduled\s+for)\s+$",
    re.IGNORECASE,
)
#: A clause right after a date that tells what happened then: ", when ...".
_WHEN_AFTER: Final[re.Pattern[str]] = re.compile(r"\s*,?\s+when\b")
#: A date match that starts with "since" ("Since January").
_SINCE_PREFIX: Final[re.Pattern[str]] = re.compile(r"(?:since|between|from)\s", re.IGNORECASE)
#: Words before a date that make it the start of a period ("since 2022").
_SINCE_BEFORE: Final[re.Pattern[str]] = re.compile(
    r"(?:\bsince|\bbetween|\bfrom)\s+$|\bsince\s+(?:a|an|the|its|their)\s+(?:[\w'’().-]+\s+){0,14}$", re.IGNORECASE
)
#: Words before a date that open a period with no end: "since 2022", "since the takeover in 2021".
_OPEN_SINCE_BEFORE: Final[re.Pattern[str]] = re.compile(
    r"\bsince\s+$|\bsince\s+(?:a|an|the|its|their)\s+(?:[\w'’().-]+\s+){0,14}$", re.IGNORECASE
)
#: A change of power just before a date: "after the Taliban returned to power in August 2021", "following the
#: withdrawal of U.S.-led forces in 2021". The date starts the present period; it dates no incident told after it.
_TAKEOVER_BEFORE: Final[re.Pattern[str]] = re.compile(
    r"\b(?:(?:returned|return|came|swept|rose|back)\s+to\s+power|(?:seized|took|seizure\s+of|takeover\s+of)\s+power|"
    r"takeover|take-over|fall\s+of\s+(?:Kabul|the\s+(?:republic|government))|"
    r"(?:withdrawal|pull-?out|exit|departure)\s+of\s+(?:the\s+)?(?:U\.?S\.?|US|American|foreign|NATO|international|Western)"
    r"(?:[\s-]+led)?\s+(?:and\s+\w+\s+)?(?:forces|troops|military))\s+(?:[\w'’().,-]+\s+){0,8}$",
    re.IGNORECASE,
)
#: A sentence end inside the text before a date (a full stop not inside an abbreviation such as "U.S.").
_SENTENCE_END: Final[re.Pattern[str]] = re.compile(r"[.!?](?=\s*$|\s+[\"“'‘(]?[A-Z0-9])")


_TOKEN_RE: Final[re.Pattern[str]] = re.compile(r"[A-Za-z0-9]+")


def word_key(token: str) -> str:
    """Dispatch key of a word: its first three characters, lower-cased."""
    return token[:3].lower()


#: One word of a text for :func:`scan_words`: its offset, its :func:`word_key` and whether it begins with a digit.
WordStart = tuple[int, str, bool]


def word_starts(text: str) -> list[WordStart]:
    """The words of ``text`` as :func:`scan_words` tries them, found once for all its scanners."""
    # the words are ASCII letters and digits: a digit sorts before every letter
    return [(m.start(), (w := m.group())[:3].lower(), w[0] <= "9") for m in _TOKEN_RE.finditer(text)]


def scan_words(
    pattern: re.Pattern[str],
    text: str,
    keys: Collection[str],
    *,
    start: int = 0,
    end: int | None = None,
    digits: bool = False,
    words: Sequence[WordStart] | None = None,
) -> Iterator[re.Match[str]]:
    """Leftmost, non-overlapping matches of ``pattern`` tried at word starts only.

    Equivalent to ``pattern.finditer`` for a pattern whose matches always
    begin a word whose :func:`word_key` is in ``keys``, but much faster on
    long alternations: Python's ``re`` tries every alternative at every
    character, this tries them only where a listed word begins.

    Parameters
    ----------
    pattern
        Compiled pattern, tried with ``pattern.match(text, pos)``.
    text
        The text.
    keys
        :func:`word_key` values of the words a match can begin with.
    start, end
        Slice of ``text`` to scan.
    digits
        Also try at every word that begins with a digit.
    words
        The words of the whole ``text`` (:func:`word_starts`), when several
        scanners read it; used only to scan the whole text.

    Yields
    ------
    re.Match
    """
    stop = len(text) if end is None else end
    last = -1
    if words is not None and start == 0 and end is None:
        for pos, key, digit in words:
            if pos < last or not (key in keys or (digits and digit)):
                continue
            m = pattern.match(text, pos, stop)
            if m is not None and m.end() > pos:
                last = m.end()
                yield m
        return
    for tok in _TOKEN_RE.finditer(text, start, stop):
        pos = tok.start()
        if pos < last:
            continue
        word = tok.group()
        if not (word[:3].lower() in keys or (digits and word[0].isdigit())):
            continue
        m = pattern.match(text, pos, stop)
        if m is not None and m.end() > pos:
            last = m.end()
            yield m


#: Words a date expression can begin with (see :func:`scan_words`).
_DATE_KEYS: Final[frozenset[str]] = frozenset(
    {word_key(m) for m in MONTHS}
    | {word_key(d) for d in WEEKDAYS}
    | {
        word_key(w)
        for w in [
            "in",
            "of",
            "on",
            "by",
            "and",
            "since",
            "from",
            "until",
            "during",
            "last",
            "this",
            "between",
            "early",
            "mid",
            "late",
            "end",
            "the",
            "beginning",
            "yesterday",
            "today",
            "tonight",
            "earlier",
            "recent",
            "recently",
            "overnight",
            "over",
            "at",
            "a",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
        ]
    }
)


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression found in a text.

    Attributes
    ----------
    start, end
        Offsets in the text.
    text
        The expression as written.
    kind
        ``"absolute"`` (has a year), ``"partial"`` (month and/or day without
        year), ``"weekday"`` or ``"relative"``.
    year, month, day
        What the text states (``None`` when not stated).
    weekday
        0 = Monday ... 6 = Sunday for weekday expressions.
    relative
        Normalised relative expression ("last month", "recent"...).
    future
        True when the year is a deadline ("by 2030") rather than a date.
    since
        True for the start of a period ("since 2022", "between X and Y").
    open_since
        True for the start of a period with no end ("since 2022", "since
        the takeover in 2021"), not for a range ("between X and Y").
    year_offset
        For a month named relative to the year ("December last year"): the
        year relative to the publication year (-1 last year, 0 this year).
    """

    start: int
    end: int
    text: str
    kind: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    relative: str | None = None
    future: bool = False
    since: bool = False
    open_since: bool = False
    year_offset: int | None = None

    @property
    def precision(self) -> int:
        """ACLED precision of what the text states (1 day, 3 month, 4 year)."""
        if self.day is not None:
            return 1
        if self.month is not None:
            return 3
        return 4


@dataclass(frozen=True, slots=True)
class ResolvedDate:
    """A calendar date with its ACLED ``time_precision``.

    Attributes
    ----------
    date
        The coded date (1st of month for month precision, Jan 1st for year).
    precision
        1 day, 2 week, 3 month, 4 year.
    inferred
        True when the year (or the whole date) came from context.
    """

    date: dt.date
    precision: int
    inferred: bool = False

    @property
    def iso(self) -> str:
        """``YYYY-MM-DD``."""
        return self.date.isoformat()

    @property
    def end(self) -> dt.date:
        """Last day of the interval the precision implies."""
        d = self.date
        if self.precision == 4:
            return dt.date(d.year, 12, 31)
        if self.precision == 3:
            return dt.date(d.year, d.month, calendar.monthrange(d.year, d.month)[1])
        if self.precision == 2:
            return d + dt.timedelta(days=6)
        return d

    def contains(self, other: ResolvedDate) -> bool:
        """Whether ``other``'s interval lies inside this one."""
        return self.date <= other.date and other.end <= self.end

    def overlaps(self, other: ResolvedDate) -> bool:
        """Whether the two intervals overlap."""
        return self.date <= other.end and other.date <= self.end


_COUNTS: Final[dict[str, int]] = {
    "a": 1,
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
}


def count_word(token: str) -> int:
    """The number a count word or digits name: "two" 2, "a" 1, "10" 10 (``token`` lower-case)."""
    return int(token) if token.isdigit() else _COUNTS[token]


def _month(token: str) -> int:
    return MONTHS[token.lower().rstrip(".")]


def _day(token: str) -> int:
    return int(re.sub(r"\D", "", token))


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def find_dates(text: str, *, words: Sequence[WordStart] | None = None) -> list[DateMention]:
    """Find date expressions in ``text``.

    Parameters
    ----------
    text
        Any text (usually a whole article).
    words
        Its words, found once for every scanner (:func:`word_starts`).

    Returns
    -------
    list of DateMention
        In text order, non-overlapping.

    Examples
    --------
    >>> m = find_dates("Pakistan launched mortar attacks on 2nd January 2025.")[0]
    >>> (m.year, m.month, m.day, m.kind)
    (2025, 1, 2, 'absolute')
    """
    out: list[DateMention] = []
    for m in scan_words(_DATE_RE, text, _DATE_KEYS, digits=True, words=words):
        g = m.groupdict()
        start, end = m.start(), m.end()
        before = text[max(0, start - 25) : start]
        future = bool(_FUTURE_BEFORE.search(before))
        # the month pattern may take "Since" into its match ("Since January"): check the match too
        # "since the Pakistani Taliban unilaterally ended a cease-fire ... in November 2022": a clause
        # opened by "since" dates the start of a period (within the sentence)
        window = text[max(0, start - 110) : start]
        clause = window[ends[-1].end() :] if (ends := list(_SENTENCE_END.finditer(window))) else window
        since = bool(_SINCE_BEFORE.search(clause) or _SINCE_PREFIX.match(m.group()) or _TAKEOVER_BEFORE.search(clause))
        if since and _WHEN_AFTER.match(text, end):
            since = False  # "since December 2024, when a similar attack left 16 soldiers dead": that event's date
        open_since = since and bool(_OPEN_SINCE_BEFORE.search(clause) or m.group()[:6].lower() == "since ")
        kw = {"future": future, "since": since, "open_since": open_since}
        if g["iso"]:
            mention = DateMention(start, end, m.group(), "absolute", int(g["iy"]), int(g["im"]), int(g["id"]), **kw)
        elif g["dmy"]:
            mention = DateMention(start, end, m.group(), "absolute", int(g["y1"]), _month(g["m1"]), _day(g["d1"]), **kw)
        elif g["dmy2"]:
            # the army's press releases: "On 28 May 25, five terrorists ..." (a two-digit year)
            year = 2000 + int(g["y11"])
            mention = DateMention(start, end, m.group(), "absolute", year, _month(g["m11"]), _day(g["d11"]), **kw)
        elif g["mdy"]:
            mention = DateMention(start, end, m.group(), "absolute", int(g["y2"]), _month(g["m2"]), _day(g["d2"]), **kw)
        elif g["my"]:
            mention = DateMention(start, end, m.group(), "absolute", int(g["y3"]), _month(g["m3"]), **kw)
        elif g["mly"]:
            start = m.start("mly_body")
            offset = 0 if g["r9"] == "this" else -1
            mention = DateMention(
                start, end, text[start:end], "partial", None, _month(g["m9"]), year_offset=offset, **kw
            )
        elif g["dm"]:
            mention = DateMention(start, end, m.group(), "partial", None, _month(g["m4"]), _day(g["d4"]), **kw)
        elif g["md"]:
            if g["m5"] == "May" and not re.search(
                r"\b(?:on|On|of|since|until|by|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?)\s+$", before
            ):
                continue  # "May 5 people die" is rare, but "may" is a modal: be strict ("Saturday, May 25" is a date)
            mention = DateMention(start, end, m.group(), "partial", None, _month(g["m5"]), _day(g["d5"]), **kw)
        elif g["mh"]:
            # a month on a line of its own: the heading of a list by month ("January", "February")
            mention = DateMention(start, end, m.group(), "partial", None, _month(g["m10"]), **kw)
        elif g["mo"]:
            start = m.start("mo_body")
            mention = DateMention(start, end, text[start:end], "partial", None, _month(g["m6"]), **kw)
        elif g["yr"]:
            mention = DateMention(start, end, m.group(), "absolute", int(g["y7"]), **kw)
        elif g["wd"]:
            # "last Thursday": the Thursday of the week before, not yesterday (which a report calls "Thursday")
            last = "last" if re.search(r"\blast\s+$", text[max(0, start - 6) : start], re.IGNORECASE) else None
            mention = DateMention(
                start, end, m.group(), "weekday", weekday=WEEKDAYS[g["w8"].lower()], relative=last, **kw
            )
        else:
            rel = re.sub(r"\s+", " ", m.group().lower())
            rel = {"recently": "recent", "tonight": "today", "this morning": "today"}.get(rel, rel)
            if rel.endswith("weekend"):
                rel = "last weekend" if rel.startswith("last") else "weekend"
            elif rel == "a fortnight ago":
                rel = "2 weeks ago"
            elif rel.endswith("ago"):
                count, unit = rel.split()[:2]
                rel = f"{count_word(count)} {unit.rstrip('s')}s ago"  # "2 days ago", "1 weeks ago", "3 months ago"
            mention = DateMention(start, end, m.group(), "relative", relative=rel, **kw)
        if (
            mention.month is not None
            and mention.day is not None
            and _safe_date(mention.year or 2000, mention.month, mention.day) is None
        ):
            continue
        if (
            out
            and out[-1].since
            and re.fullmatch(r"\s*(?:and|to|until|till|-|–)\s*", text[out[-1].end : mention.start])
        ):
            mention = dataclasses.replace(mention, since=True)  # "between January and March": the whole period
        out.append(mention)
    return _day_ranges(text, out)


#: The first day of a range before "26 August 2024": "25–26 August", "from 11 to 12 March".
_RANGE_FIRST_DAY: Final[re.Pattern[str]] = re.compile(
    r"(?:(?<![\d,.])(\d{1,2})(?:st|nd|rd|th)?\s*[–/-]\s*"
    r"|\b(?:on|between|from|of)\s+(\d{1,2})(?:st|nd|rd|th)?\s+(?:to|and)\s+)$",
    re.IGNORECASE,
)
#: The end of a range after "August 25": "–26, 2024", " and 26, 2024".
_RANGE_LAST_DAY: Final[re.Pattern[str]] = re.compile(
    r"\s*(?:–|-|to|and|/)\s*(\d{1,2})(?:st|nd|rd|th)?(?:,\s*|\s+)((?:19|20)\d\d)\b"
)


#: The end of a range without a year after "October 23": " and 24,", "–24 in".
_RANGE_LAST_DAY_BARE: Final[re.Pattern[str]] = re.compile(
    r"\s*(?:–|-|to|and|/)\s*(\d{1,2})(?:st|nd|rd|th)?(?=\s*[,.;:)]|\s+(?:at|in|on|when|during|near)\b)"
)


def _day_ranges(text: str, mentions: list[DateMention]) -> list[DateMention]:
    """Date ranges of days as their first day: "25–26 August 2024", "August 25 and 26, 2024".

    An event over a night or two days ("on the night between August 25 and
    26, 2024") is dated, as ACLED does for a multi-day event's first
    report, by the day it began; the year after the range belongs to it
    rather than being a date of its own.
    """
    out: list[DateMention] = []
    skip_until = -1
    for m in mentions:
        if m.start < skip_until:
            continue
        if m.day is not None and m.kind in ("absolute", "partial"):
            first = _RANGE_FIRST_DAY.search(text, max(0, m.start - 20), m.start)
            day = int(first.group(1) or first.group(2)) if first is not None else 0
            if first is not None and 0 < day < m.day:
                begin = first.start(1) if first.group(1) else first.start(2)
                short = m.day - day <= 3  # a night or a few days: the event's date, not a period
                m = dataclasses.replace(
                    m,
                    start=begin,
                    text=text[begin : m.end],
                    day=day,
                    since=m.since and not short,
                    open_since=m.open_since and not short,
                )
            elif m.kind == "partial" and m.year is None:
                last = _RANGE_LAST_DAY.match(text, m.end)
                if last is not None and int(last.group(1)) > m.day:
                    short = int(last.group(1)) - m.day <= 3
                    m = dataclasses.replace(
                        m,
                        end=last.end(),
                        text=text[m.start : last.end()],
                        kind="absolute",
                        year=int(last.group(2)),
                        since=m.since and not short,
                        open_since=m.open_since and not short,
                    )
                    skip_until = last.end()
                elif m.since:
                    # "on the night between October 23 and 24, ...": a night, not a period
                    bare = _RANGE_LAST_DAY_BARE.match(text, m.end)
                    if bare is not None and 0 < int(bare.group(1)) - m.day <= 3:
                        m = dataclasses.replace(m, since=False, open_since=False)
        out.append(m)
    return out


def mention_interval(mention: DateMention) -> ResolvedDate | None:
    """The date an absolute mention states, without any context.

    Parameters
    ----------
    mention
        A date mention.

    Returns
    -------
    ResolvedDate or None
        ``None`` unless the mention has a year.
    """
    if mention.year is None:
        return None
    if mention.month is None:
        return ResolvedDate(dt.date(mention.year, 1, 1), 4)
    if mention.day is None:
        return ResolvedDate(dt.date(mention.year, mention.month, 1), 3)
    d = _safe_date(mention.year, mention.month, mention.day)
    return None if d is None else ResolvedDate(d, 1)


def reference_date(mentions: list[DateMention], *, published: dt.date | None) -> ResolvedDate | None:
    """The date bare and relative expressions are resolved against.

    Parameters
    ----------
    mentions
        Every date mention of the article.
    published
        Publication date, when known: it wins.

    Returns
    -------
    ResolvedDate or None
        The publication date (day precision), else the latest absolute date
        the article mentions (its own precision; deadlines such as "by 2030"
        and the starts of open periods such as "since the takeover in 2021"
        are ignored: a page is written long after the start of what it calls
        a period, so that year dates none of its events), else ``None``.
    """
    if published is not None:
        return ResolvedDate(published, 1)
    best: ResolvedDate | None = None
    for m in mentions:
        if m.future or m.open_since:
            continue
        r = mention_interval(m)
        if r is None:
            continue
        if best is None or (r.date, -r.precision) > (best.date, -best.precision):
            best = r
    return best


def _latest_on_or_before(month: int, day: int, limit: dt.date) -> dt.date | None:
    year = limit.year
    for y in (year, year - 1):
        d = _safe_date(y, month, day)
        if d is not None and d <= limit:
            return d
    return None


def _choose_year(
    month: int,
    day: int | None,
    *,
    context: ResolvedDate | None,
    context_local: bool,
    reference: ResolvedDate | None,
) -> int | None:
    probe_day = day or 1
    if context is not None and (context_local or context.precision <= 3):
        year = context.date.year
        if context.precision <= 3 and (month, probe_day) < (context.date.month, context.date.day if day else 1):
            # the narrative moves forward: December 28 after January 2 is next year,
            # unless that would be after the reference date
            nxt = _safe_date(year + 1, month, probe_day)
            if reference is not None and nxt is not None and nxt <= reference.end:
                return year + 1
        here = _safe_date(year, month, probe_day)
        if context.precision <= 3 and reference is not None and here is not None and here > reference.end:
            return year - 1  # "between October 2024 and January 2025 ... December 21"
        return year  # a year heading ("- 2023" over "- 6 March – Bolan suicide bombing") dates its section
    if reference is not None:
        d = _latest_on_or_before(month, probe_day, reference.end)
        return d.year if d is not None else None
    if context is not None:
        return context.date.year
    return None


def resolve_date(
    mention: DateMention,
    *,
    context: ResolvedDate | None = None,
    context_local: bool = False,
    reference: ResolvedDate | None = None,
    published: dt.date | None = None,
) -> ResolvedDate | None:
    """Resolve one date mention to a calendar date with ACLED precision.

    Parameters
    ----------
    mention
        The expression.
    context
        The last date resolved before the mention in the text.
    context_local
        Whether ``context`` is close (same paragraph): a year-only context
        then gives the year of a bare month ("In 2009 ... in May").
    reference
        See :func:`reference_date`.
    published
        Publication date, for weekdays and relative expressions.

    Returns
    -------
    ResolvedDate or None
        ``None`` when the text and its context do not determine a date.

    Examples
    --------
    >>> ctx = ResolvedDate(dt.date(2024, 10, 1), 3)
    >>> m = find_dates("On December 21, the TTP attacked")[0]
    >>> resolve_date(m, context=ctx, context_local=True).iso
    '2024-12-21'
    """
    if mention.kind == "absolute":
        return mention_interval(mention)
    if mention.kind == "partial" and mention.year_offset is not None:
        assert mention.month is not None
        anchor = published.year if published is not None else (reference.date.year if reference else None)
        if anchor is None:
            return None
        return ResolvedDate(dt.date(anchor + mention.year_offset, mention.month, 1), 3, inferred=True)
    if mention.kind == "partial":
        assert mention.month is not None
        year = _choose_year(
            mention.month, mention.day, context=context, context_local=context_local, reference=reference
        )
        if year is None:
            return None
        if mention.day is None:
            return ResolvedDate(dt.date(year, mention.month, 1), 3, inferred=True)
        d = _safe_date(year, mention.month, mention.day)
        return None if d is None else ResolvedDate(d, 1, inferred=True)
    if mention.kind == "weekday":
        anchor = published
        if anchor is None and context is not None and context.precision == 1:
            anchor = context.date
        assert mention.weekday is not None
        if anchor is None:
            return _weekday_in_reference(mention.weekday, reference)
        delta = (anchor.weekday() - mention.weekday) % 7
        if mention.relative == "last" and anchor is published and delta < 2:
            delta += 7
        return ResolvedDate(anchor - dt.timedelta(days=delta), 1, inferred=True)
    rel = mention.relative or ""
    if published is None and rel.endswith(" ago") and context is not None and context.precision == 1:
        # "Two weeks ago, ISIS-K claimed ..." in an undated page: counted back from the day told before, like a
        # weekday, at no finer than week precision
        return _ago(rel, context.date, coarsest=2)
    return _resolve_relative(rel, published=published, reference=reference)


def _weekday_in_reference(weekday: int, reference: ResolvedDate | None) -> ResolvedDate | None:
    """A weekday with no publication date: the reference period, coarsened.

    Against a reference day (the latest date the article gives) the weekday
    is the one on or before it, at week precision; against a reference
    month (e.g. a date in the page's URL) it is that month.
    """
    if reference is None or reference.precision == 4:
        return None
    if reference.precision == 1:
        delta = (reference.date.weekday() - weekday) % 7
        return ResolvedDate(reference.date - dt.timedelta(days=delta), 2, inferred=True)
    return ResolvedDate(reference.date.replace(day=1), 3, inferred=True)


def _resolve_relative(rel: str, *, published: dt.date | None, reference: ResolvedDate | None) -> ResolvedDate | None:
    if published is not None:
        p = published
        if rel in ("yesterday", "last night", "overnight"):
            # an overnight event began the evening before the report
            return ResolvedDate(p - dt.timedelta(days=1), 1, inferred=True)
        if rel.endswith(" ago"):
            return _ago(rel, p)
        if rel == "weekend":
            # the last Saturday on or before publication
            return ResolvedDate(p - dt.timedelta(days=(p.weekday() - 5) % 7), 2, inferred=True)
        if rel == "last weekend":
            # a weekend over: written on a Saturday or Sunday, the one before ("Last weekend" in a Sunday paper)
            back = (p.weekday() - 5) % 7 + (7 if p.weekday() >= 5 else 0)
            return ResolvedDate(p - dt.timedelta(days=back), 2, inferred=True)
        if rel == "today":
            return ResolvedDate(p, 1, inferred=True)
        if rel in ("this week", "earlier this week", "the past week"):
            return ResolvedDate(p - dt.timedelta(days=6), 2, inferred=True)
        if rel == "last week":
            return ResolvedDate(p - dt.timedelta(days=10), 2, inferred=True)
        if rel in ("this month", "earlier this month", "recent"):
            return ResolvedDate(p.replace(day=1), 3, inferred=True)
        if rel == "last month":
            prev = p.replace(day=1) - dt.timedelta(days=1)
            return ResolvedDate(prev.replace(day=1), 3, inferred=True)
        if rel == "the past month":
            # the 30 days before the report: the month most of them fall in
            mid = p - dt.timedelta(days=15)
            return ResolvedDate(mid.replace(day=1), 3, inferred=True)
        if rel in ("this year", "earlier this year"):
            return ResolvedDate(dt.date(p.year, 1, 1), 4, inferred=True)
        if rel == "last year":
            return ResolvedDate(dt.date(p.year - 1, 1, 1), 4, inferred=True)
        return None
    if reference is None:
        return None
    r = reference
    if rel in ("this year", "earlier this year", "recent"):
        if rel == "recent" and r.precision <= 3:
            return ResolvedDate(r.date.replace(day=1), 3, inferred=True)
        return ResolvedDate(dt.date(r.date.year, 1, 1), 4, inferred=True)
    if rel == "last year":
        return ResolvedDate(dt.date(r.date.year - 1, 1, 1), 4, inferred=True)
    if rel in ("this month", "earlier this month") and r.precision <= 3:
        return ResolvedDate(r.date.replace(day=1), 3, inferred=True)
    if rel.endswith(" ago") and not rel.endswith("days ago") and r.precision == 1:
        # "two weeks ago" on an undated page: counted back from the latest day it gives, a lower bound
        # of when it was written, at no finer than week precision
        return _ago(rel, r.date, coarsest=2)
    return None


def _ago(rel: str, day: dt.date, *, coarsest: int = 1) -> ResolvedDate:
    """Count "3 days ago", "2 weeks ago" or "1 months ago" back from ``day``.

    A count of days up to six names the day; more days, or weeks, name
    the week (ACLED time_precision 2); months name the month (3). The
    precision is no finer than ``coarsest``.
    """
    count, unit = int(rel.split()[0]), rel.split()[1]
    if unit == "days":
        back, precision = day - dt.timedelta(days=count), 1 if count <= 6 else 2
    elif unit == "weeks":
        back, precision = day - dt.timedelta(days=7 * count), 2
    else:
        month = day.month - count
        back, precision = dt.date(day.year + (month - 1) // 12, (month - 1) % 12 + 1, 1), 3
    return ResolvedDate(back, max(precision, coarsest), inferred=True)
