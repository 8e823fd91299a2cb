"""Dates of an incident: report and claim dates, resolution in text order, the narrative context."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Callable, Iterable
from typing import Final

from geo.articles import Article
from geo.dates import MONTHS, DateMention, ResolvedDate, find_dates, reference_date, resolve_date
from geo.extract.model import Context
from geo.extract.sentences import Document
from geo.urlnumbers import ArticleNumbers

_URL_DATE: Final[re.Pattern[str]] = re.compile(
    r"/(?P<y>20\d\d)/(?P<m>0?[1-9]|1[0-2]|[A-Za-z]{3})(?:/(?P<d>0?[1-9]|[12]\d|3[01]))?(?=/)"
)
#: Other dates in URLs: "...-2024-09-03/", "/21-Jul-2023/", "/en/202409036152" (a day and a sequence number).
_URL_DATE_OTHER: Final[tuple[re.Pattern[str], ...]] = (
    re.compile(r"[/_-](?P<y>20\d\d)-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])(?=[/_.?#-]|$)"),
    re.compile(r"/(?P<d>0?[1-9]|[12]\d|3[01])-(?P<m>[A-Za-z]{3})-(?P<y>20\d\d)(?=[/_.?#-]|$)"),
    re.compile(r"/(?P<y>20[12]\d)(?P<m>0[1-9]|1[0-2])(?P<d>0[1-9]|[12]\d|3[01])\d{0,6}(?=[/?#.]|$)"),
)


def url_date(url: str) -> ResolvedDate | None:
    """The date in an article's URL ("/2022/01/", "/2025/Oct/15/", "-2024-09-03/", "/en/202409036152")."""
    m = _URL_DATE.search(url or "")
    if m is None:
        path = re.sub(r"^\w+://[^/]+", "", url or "")
        m = next((found for p in _URL_DATE_OTHER if (found := p.search(path)) is not None), None)
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


#: A year in a headline: "2024 Kurram attack", "2025 in Pakistan", "Timeline of attacks (2023)".
_TITLE_YEAR: Final[re.Pattern[str]] = re.compile(r"(?<![\d/-])((?:19|20)\d\d)(?![\d/-])")


def title_year(title: str) -> ResolvedDate | None:
    """The end of the year a headline names, as the reference of an article without a date.

    Encyclopedia entries and yearly lists carry no publication date; their
    title names the year ("2025 in Pakistan"), which anchors "6 January"
    in their list items. ``None`` when the title names no single year.
    """
    years = set(_TITLE_YEAR.findall(title or ""))
    if len(years) != 1:
        return None
    return ResolvedDate(dt.date(int(years.pop()), 12, 31), 4, inferred=True)


def undatable(article: Article, *, numbers: ArticleNumbers | None = None) -> bool:
    """Whether nothing dates an article: no publication date, none in its URL or title, no year in its text.

    Such a page ("militants attacked a post on Friday", no year anywhere)
    gives its events no date, so the extractor can report none of them.
    With ``numbers``, a page its URL's article number dates (see
    :mod:`geo.urlnumbers`) is not undatable.
    """
    if article.published is not None or url_date(article.url) is not None or title_year(article.title) is not None:
        return False
    if numbers is not None and numbers.estimate(article.url) is not None:
        return False
    return reference_date(find_dates(article.text), published=None) is None


#: What a group puts out: "a statement", "a video", "a press release".
_STATEMENT: Final[str] = r"(?:statement|video|message|press\s+release|communiqu[eé])"
#: Putting it out: "issued", "released", "posted".
_ISSUED: Final[str] = r"(?:issued|released|posted|published|shared)"
#: A reporting verb right before a date: the date of the report ("said on Friday", "rose to 10 on Friday").
_REPORT_BEFORE_DATE: Final[re.Pattern[str]] = re.compile(
    r"\b(?:said|says|told\s+[\w.]+|reported|stated|announced|confirmed|claimed(?:\s+responsibility)?|added|"
    r"condemned|(?:rose|risen|climbed|jumped|reached|increased)\s+to\s+[\w,]+)"
    r"(?:\s+(?:in\s+a\s+statement|late|early|here|on))*\s*"
    # "said on Wednesday (Nov 20)": the day the weekday names
    r"(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\s*[(,]\s*)?$"
    # "..., said military's media wing on Saturday": the verb before its source, then the day
    r"|\b(?:said|stated|told|added|confirmed|announced|reported)\s+(?:the\s+)?(?:[\w'’.-]+\s+){0,3}?"
    r"(?:wing|spokes(?:man|person|woman)|officials?|police|ministry|department|authorities|sources|agency|office|"
    r"(?-i:ISPR))\s+(?:late\s+|early\s+)?on\s+$"
    # "In a statement on November 23, ISIS announced ...": the day of the statement
    rf"|\b(?:in|via|through)\s+(?:a|an|its|their|his|her)\s+(?:[\w-]+\s+)?(?:post|{_STATEMENT})\s+(?:{_ISSUED}\s+)?on\s+$"
    # "The funeral prayers of soldiers who ... were offered on Friday", "laid to rest on Friday": the day of the
    # funeral, after the act
    r"|\b(?:(?:were|was)\s+(?:offered|held|performed)|laid\s+to\s+rest|buried)(?:\s+[\w'’.-]+){0,4}?\s+on\s+$",
    re.IGNORECASE,
)
#: A dateline before a date: "Shillong, November 27:", "Islamabad [Pakistan], August 1 (ANI):",
#: "Balochistan [Pakistan] July 25 :", "ISLAMABAD, Dec. 4 (Xinhua) --".
_DATELINE_BEFORE: Final[re.Pattern[str]] = re.compile(r"^[A-Z][\w .'’-]{1,30}(?:\s*\[[^\]\n]{1,30}\]\s*,?|\s*,)\s*$")
_DATELINE_AFTER: Final[re.Pattern[str]] = re.compile(r"(?:,?\s*\d{4})?\s*(?:\([\w\s./]{1,20}\))?\s*(?:[:–—]|--)")
#: A reporting verb right after a date: "The group on Saturday claimed responsibility".
_REPORT_AFTER_DATE: Final[re.Pattern[str]] = re.compile(
    r"^(?:\s+(?:night|evening|morning|afternoon))?\s*,?\s*(?:(?:also|strongly|formally|officially|later|again)\s+)*"
    r"(?:said|claimed|condemned|reported|confirmed|announced|stated|denied|blamed|accused)\b(?!\s+to\s+have)"
    # "On Sunday, the AFF issued a statement asserting that ...": the day of the statement
    rf"|^\s*,?\s*(?:the\s+)?(?:[\w'’()-]+\s+){{0,4}}?{_ISSUED}\s+(?:a|an|its)\s+(?:[\w-]+\s+)?{_STATEMENT}\b",
    re.IGNORECASE,
)


def is_report_date(text: str, doc: Document, m: DateMention) -> bool:
    """Whether a date mention dates a report or a claim rather than an event."""
    if m.kind not in ("weekday", "relative", "partial", "absolute"):
        return False
    s_start = doc.spans[doc.index(m.start)][0]
    before = text[max(s_start, m.start - 50) : m.start]
    if m.kind == "relative" and m.relative not in ("today",):
        return False
    if _DATELINE_BEFORE.match(text[s_start : m.start]) and _DATELINE_AFTER.match(text, m.end):
        return True
    return bool(_REPORT_BEFORE_DATE.search(before) or _REPORT_AFTER_DATE.search(text[m.end : m.end + 40]))


#: A date this many days before the running day may be of the background.
_BACKGROUND_JUMP_DAYS: Final[int] = 31
#: Talks, meetings and deals: what a background date of a sentence without violence is often the day of.
_PEACE_PROCESS: Final[re.Pattern[str]] = re.compile(
    r"\b(?:talks|negotiations?|delegations?|meetings?|summit|agreements?|accord|deal|ceasefire|truce|peace\s+process|"
    r"conference|visit(?:ed)?|elections?)\b",
    re.IGNORECASE,
)
#: How long after the latest date it gives an undated page may have been written, for its month-days.
_BOUND_SLACK_DAYS: Final[int] = 60


def resolve_dates(
    dates: list[DateMention],
    doc: Document,
    *,
    published: object,
    reference: ResolvedDate | None,
    today: dt.date | None = None,
    year_of_list: ResolvedDate | None = None,
    reference_is_bound: bool = False,
    reference_slack_days: int = 0,
    event_sentences: frozenset[int] | None = None,
) -> tuple[list[ResolvedDate | None], list[ResolvedDate | None], list[bool]]:
    """Resolve every date in text order; also the context *before* each, and which dates are asides.

    An aside sets no narrative date for the sentences after it: a vague
    "recently" after a day, or a date of the background ("had previously
    seen ... in July 2023").

    A year or month on a heading line of its own ("== 2024 ==", "February
    2013") is the year of the dates without one in its section, not only in
    its paragraph; ``year_of_list`` (see :func:`list_year`) is such a year
    for the whole text. In a dated article without such headings, a month
    or day without a year takes the latest such date before publication
    unless the last date is in its own paragraph: a date told paragraphs
    above is background more often than the year of the narrative.

    A day and month with a weekday but no year anywhere ("on Tuesday, April
    18" in an undated page) takes the latest year, not after ``today``, in
    which that day is that weekday (when ``today`` is given).

    ``reference_is_bound`` says the reference is only the latest date an
    undated page gives (:func:`geo.dates.reference_date`), a lower bound of
    when it was written: a month and day without a year may then fall up to
    two months after it ("The December 24, 2024, airstrikes ..." then "on
    December 28" is 2024, not 2023). ``reference_slack_days`` is the same
    allowance for a reference that is itself uncertain by so many days (a
    publication day estimated from the article number, see
    :mod:`geo.urlnumbers`): "on the night of 7th and 8th April" in a page
    estimated to about 4 April ± 17 days is this April, not last year's.

    ``event_sentences`` are the sentences that name a violent act. The day of
    talks, a meeting or a deal told in a sentence that names none, weeks
    before the running day ("On September 12, ... a government led peace
    delegation started direct talks with the Taliban" after the events of 1
    November), is background too.
    """
    pub = published if isinstance(published, dt.date) else None
    ref = reference
    # an undated page is written on or after the latest date it gives: its month-days may fall a little later
    ref_partial = ref
    slack = _BOUND_SLACK_DAYS if reference_is_bound else reference_slack_days
    # "on Thursday" in an undated page whose latest date is a month or a year it looks back on ("since he came to
    # power in mid-August 2021"): the page is written some time after it, not in it
    weekday_unbound = reference_is_bound and ref is not None and ref.precision >= 3
    if slack and ref is not None and ref.precision == 1:
        ref_partial = ResolvedDate(ref.end + dt.timedelta(days=slack), 1, inferred=True)
    resolved: list[ResolvedDate | None] = []
    contexts: list[ResolvedDate | None] = []
    asides: list[bool] = []
    ctx: ResolvedDate | None = year_of_list
    ctx_para = -1
    ctx_heading = year_of_list is not None  # a year heading ("== 2024 ==") dates its section, not only its paragraph
    sectioned = year_of_list is not None  # a year or month heading has been seen: a timeline or a yearly list
    for k, m in enumerate(dates):
        si = doc.index(m.start)
        sent_start, sent_end, para = doc.spans[si]
        contexts.append(ctx)
        local = para == ctx_para or (ctx_heading and ctx is not None and ctx.precision == 4)
        # a month (and day) with no year, paragraphs away from the last date, in a dated article with no date
        # headings: the latest such day before publication, not the year of a background date told above
        # ("the TTP ended its ceasefire in November 2022." ... "In November, 14 soldiers were killed" in 2024);
        # on an undated page, the latest such day before (a little after) the latest date the page gives
        distant = (
            (pub is not None or reference_is_bound)
            and not local
            and not sectioned
            and m.kind == "partial"
            and m.year_offset is None
        )
        r = resolve_date(
            m,
            context=None if distant else ctx,
            context_local=local,
            reference=ref_partial
            if m.kind == "partial"
            else (None if weekday_unbound and m.kind == "weekday" else ref),
            published=pub,
        )
        if r is None and today is not None and ref is None and ctx is None:
            r = _weekday_year(doc.text, dates, k, today)
        if reference_is_bound and ref is not None and m.kind == "partial" and m.day is not None:
            # "On Thursday evening, November 21" on an undated page whose latest date is August 2023: the first
            # year from the page's latest date on in which that day is that weekday (2024), not the year before it
            r = _weekday_year_after(doc.text, dates, k, ref) or r
        if r is None and ref is None and ctx is not None and m.kind == "partial" and m.year_offset is not None:
            # an undated page dated by its weekdays ("on Tuesday, May 16"): "in March of this year" is of that year
            assert m.month is not None
            r = ResolvedDate(dt.date(ctx.date.year + m.year_offset, m.month, 1), 3, inferred=True)
        resolved.append(r)
        # "the first since 2022" and "more than double the events of all of 2022" set no narrative date
        compared = _COMPARED.search(doc.text, max(0, m.start - 40), m.start) is not None
        # "this checkpoint recently opened fire on ...": a vague time sets no narrative date either (the day told
        # before still dates the sentences after it)
        vague = m.kind == "relative" and m.relative == "recent" and ctx is not None and ctx.precision == 1
        # "... had previously seen one of its rallies targeted by a suicide bombing ... in July 2023": a date of
        # the background sets no narrative date for the events told after it
        previous = ctx is not None and _PREVIOUSLY.search(doc.text, sent_start, m.start) is not None
        if (
            not previous
            and event_sentences is not None
            and r is not None
            and ctx is not None
            and ctx.precision == 1
            and (ctx.date - r.end).days > _BACKGROUND_JUMP_DAYS
            and si not in event_sentences
        ):
            previous = _PEACE_PROCESS.search(doc.text, sent_start, sent_end) is not None
        asides.append(vague or previous)
        if r is not None and not m.future and not m.since and not compared and not vague and not previous:
            heading = r.precision >= 3 and _is_date_heading(doc, para, m)
            ctx, ctx_para = r, para
            ctx_heading = heading and r.precision == 4
            sectioned = sectioned or heading
    return resolved, contexts, asides


#: A clause that tells the background: "had previously seen", "in the past", "had earlier been".
_PREVIOUSLY: Final[re.Pattern[str]] = re.compile(
    r"\b(?:previously|in\s+the\s+past|had\s+(?:earlier|once|also)\s+been|had\s+once)\b", re.IGNORECASE
)

#: Before a year a statistic is compared with: "than in 2022", "compared with 2022", "in all of 2022".
_COMPARED: Final[re.Pattern[str]] = re.compile(
    r"\b(?:than(?:\s+(?:in|during))?|compared\s+(?:to|with)(?:\s+(?:in|during))?|versus|vs\.?|in\s+all\s+of|"
    r"(?:up|down)\s+from|as\s+against)\s+(?:the\s+same\s+period\s+(?:of|in|last)\s+)?$",
    re.IGNORECASE,
)

#: The marks around a heading line: "== 2024 ==", "## 2024", "2024:".
_HEADING_MARKS: Final[str] = "=#*:-–—[] \t"


#: A sentence that introduces a list: "The following is a list of attacks in 2024.", "Attacks in 2023:".
_LIST_INTRO: Final[re.Pattern[str]] = re.compile(
    r"\b(?:(?:a|the)\s+list\s+of|timeline\s+of|chronology\s+of|the\s+following)\b|:\s*$", re.IGNORECASE
)


def _is_date_heading(doc: Document, para: int, m: DateMention) -> bool:
    """Whether a year or month heads a section: a heading line ("== 2024 ==", "February 2013") or a list intro."""
    line_start = doc.text.rfind("\n", 0, m.start) + 1
    line_end = doc.text.find("\n", m.end)
    line = doc.text[line_start : len(doc.text) if line_end < 0 else line_end]
    if doc.kinds[para] not in ("heading", "title"):
        return len(line) <= 200 and bool(_LIST_INTRO.search(line))
    return line.strip(_HEADING_MARKS) == m.text.strip(_HEADING_MARKS)


#: A paragraph that opens with its date: "5 January – ...", "* March 3: ...".
_DATED_OPENING: Final[re.Pattern[str]] = re.compile(r"^[\W\d]{0,6}$")


def list_year(dates: list[DateMention], doc: Document, *, title: str, published: dt.date | None) -> ResolvedDate | None:
    """The year a yearly list's title names, for its dates without a year.

    "Terrorist incidents in Pakistan in 2024" lists "5 January – ..." items
    that belong to 2024 even when the page was published (or last edited)
    in 2025. The title year counts only for a list: at least three
    paragraphs open with a date, the first date of the text has no year,
    and the year is before the publication year.
    """
    year = title_year(title)
    if year is None or not dates or dates[0].year is not None or dates[0].kind != "partial":
        return None
    if published is not None and year.date.year >= published.year:
        return None
    openings = set()
    for m in dates:
        si = doc.index(m.start)
        para_start, _end, para = doc.spans[si]
        first_of_paragraph = si == 0 or doc.spans[si - 1][2] != para
        if first_of_paragraph and _DATED_OPENING.match(doc.text[para_start : m.start]):
            openings.add(para)
    return year if len(openings) >= 3 else None


#: How many years back a weekday-and-day date is looked for.
_WEEKDAY_YEARS: Final[int] = 30


def _weekday_before(text: str, dates: list[DateMention], k: int) -> int | None:
    """The weekday named right before mention ``k`` ("Tuesday, April 18"), if any."""
    prev = dates[k - 1] if k > 0 else None
    if prev is None or prev.kind != "weekday" or not _WEEKDAY_GAP.fullmatch(text[prev.end : dates[k].start]):
        return None
    return prev.weekday


def _weekday_year(text: str, dates: list[DateMention], k: int, today: dt.date) -> ResolvedDate | None:
    """The latest date not after ``today`` with the day, month and weekday mention ``k`` states."""
    m = dates[k]
    if m.month is None or m.day is None or m.year is not None:
        return None
    weekday = m.weekday if m.weekday is not None else _weekday_before(text, dates, k)
    if weekday is None:
        return None
    years = range(today.year, today.year - _WEEKDAY_YEARS, -1)
    return _day_on_weekday(m.month, m.day, weekday, years, lambda day: day <= today)


def _weekday_year_after(text: str, dates: list[DateMention], k: int, bound: ResolvedDate) -> ResolvedDate | None:
    """The first date from ``bound`` on (or a little before it) with the day, month and weekday of mention ``k``."""
    m = dates[k]
    weekday = _weekday_before(text, dates, k)
    if weekday is None:
        return None
    assert m.month is not None
    assert m.day is not None
    earliest = bound.date - dt.timedelta(days=_BOUND_SLACK_DAYS)
    years = range(earliest.year, earliest.year + _WEEKDAY_AHEAD_YEARS)
    return _day_on_weekday(m.month, m.day, weekday, years, lambda day: day >= earliest)


def _day_on_weekday(
    month: int, day: int, weekday: int, years: Iterable[int], allowed: Callable[[dt.date], bool]
) -> ResolvedDate | None:
    """The day and month in the first of ``years`` where it falls on ``weekday`` and is ``allowed``."""
    for year in years:
        try:
            found = dt.date(year, month, day)
        except ValueError:
            continue  # no such day that year (29 February)
        if allowed(found) and found.weekday() == weekday:
            return ResolvedDate(found, 1, inferred=True)
    return None


#: How many years after an undated page's latest date a weekday-and-day date is looked for.
_WEEKDAY_AHEAD_YEARS: Final[int] = 7


#: Between a weekday and its date: "Tuesday, April 18", "Saturday evening, 11th of June".
_WEEKDAY_GAP: Final[re.Pattern[str]] = re.compile(
    r"[\s,]*(?:(?:morning|evening|night|afternoon)[\s,]*)?(?:the\s+)?", re.IGNORECASE
)


def context_index(ctx: Context, pos: int) -> int | None:
    """Index of the last resolved date strictly before ``pos``."""
    i = bisect.bisect_left(ctx.date_starts, pos) - 1
    while i >= 0:
        r = ctx.resolved[i]
        aside = (bool(ctx.asides) and ctx.asides[i]) or _year_possessive(ctx, i)  # "this year's worst attack"
        if r is not None and not ctx.dates[i].future and not ctx.dates[i].since and not aside:
            return i
        i -= 1
    return None


def usable_dates(ctx: Context, start: int, end: int) -> list[int]:
    """Indices of the date mentions inside ``[start, end)`` that can date an event.

    Future dates ("by 2030"), starts of periods ("since November 2022") and
    possessive years ("this year's worst attack") date no event of the span.
    """
    lo = bisect.bisect_left(ctx.date_starts, start)
    hi = bisect.bisect_left(ctx.date_starts, end)
    dates = ctx.dates
    return [
        i
        for i in range(lo, hi)
        if dates[i].end <= end
        and not dates[i].future
        and not dates[i].since
        and not _year_possessive(ctx, i)
        and not _OF_ANOTHER_THING.match(ctx.text, dates[i].end)
    ]


#: A date used as the modifier of something that is not an attack: "the group's August 15 takeover of Kabul",
#: "the February 29 deal", "the May 2023 elections".
_OF_ANOTHER_THING: Final[re.Pattern[str]] = re.compile(
    r"\s+(?:takeover|deal|agreement|accord|ceasefire|truce|withdrawal|pull-?out|visit|meeting|talks|elections?|polls|"
    r"vote|anniversary|deadline|summit|speech|announcement|fall\s+of|return\s+to\s+power)\b",
    re.IGNORECASE,
)


def _year_possessive(ctx: Context, i: int) -> bool:
    """A year named as a possessive: "this year's worst attack", "2023's toll" (a period, not an event date)."""
    r = ctx.resolved[i]
    return r is not None and r.precision >= 4 and ctx.text.startswith(("'s", "’s"), ctx.dates[i].end)


#: Characters a report date counts as further from the trigger than an event date.
REPORT_DATE_PENALTY: Final[int] = 80
#: Relative expressions that name a day ("yesterday"), unlike "this week" or "recently".
DAY_RELATIVES: Final[frozenset[str]] = frozenset({"yesterday", "last night", "overnight", "today"})


#: Words that place an undated event shortly before the article: "the recent hijacking".
_RECENT: Final[re.Pattern[str]] = re.compile(
    r"\b(?:recent(?:ly)?|latest|last\s+week|this\s+week|this\s+month|days\s+ago|a\s+few\s+days)\b", re.IGNORECASE
)


def is_recent(passage: str) -> bool:
    """Whether a passage places its event shortly before the article ("the recent attack")."""
    return bool(_RECENT.search(passage))


def recent_anchor(ctx: Context, context_date: ResolvedDate, passage: str) -> ResolvedDate | None:
    """The month of publication for a "recent" event that only a year of context dates.

    "Tensions exacerbated by the recent Jaffar Express hijacking" in an
    article whose running date is just "2025": the event happened shortly
    before publication, so the month of the publication date (precision 3)
    is closer to the truth than 1 January of the context year. Without a
    stated publication date the year stays.
    """
    ref = ctx.published_ref
    if context_date.precision < 4 or ref is None or not ctx.published_known or not _RECENT.search(passage):
        return None
    if ref.date.year != context_date.date.year:
        return None
    return ResolvedDate(ref.date.replace(day=1), 3, inferred=True)


#: How many paragraphs a heading date ("December 19:") dates.
_HEADING_REACH: Final[int] = 3


def heading_date(ctx: Context, index: int, pos: int) -> bool:
    """Whether date mention ``index`` is the heading of the timeline section that holds ``pos``.

    Timelines and yearly lists put the date on its own line or on a parent
    list item ("December 19:", "March 2025") and the events in the
    paragraphs below it. Such a date is the event date of those paragraphs,
    not background context, as long as no other date comes in between.
    """
    doc = ctx.doc
    head = doc.spans[doc.index(ctx.dates[index].start)][2]
    here = doc.spans[doc.index(pos)][2]
    if doc.kinds[head] not in ("heading", "infobox", "item") or not 0 < here - head <= _HEADING_REACH:
        return False
    line = doc.text[ctx.dates[index].start : ctx.dates[index].end]
    return len(line) >= 3
