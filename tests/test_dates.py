"""Tests of date expressions and their resolution (geo.dates)."""

from __future__ import annotations

import datetime as dt

import pytest

from geo.dates import (
    _DATE_KEYS,
    _DATE_RE,
    ResolvedDate,
    find_dates,
    reference_date,
    resolve_date,
    scan_words,
)


def _one(text: str):
    found = find_dates(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("On 2nd January 2025 the army", (2025, 1, 2)),
        ("on December 21, 2024, militants", (2024, 12, 21)),
        ("the 21st of March 2023 blast", (2023, 3, 21)),
        ("dated 2024-05-07 in the report", (2024, 5, 7)),
        ("In October 2024, a leader", (2024, 10, None)),
        ("in 2009 and", (2009, None, None)),
    ],
)
def test_absolute_dates(text: str, expected: tuple[int, int | None, int | None]) -> None:
    m = _one(text)
    assert (m.year, m.month, m.day) == expected
    assert m.kind == "absolute"


def test_numbers_that_are_not_years() -> None:
    assert find_dates("a 2,570 km border and 1,081 deaths, Rs. 15,000, 2000 troops") == []


def test_modal_may_is_not_a_month() -> None:
    assert [m.text for m in find_dates("It May 5 people; on May 5 they")] == ["May 5"]


def test_month_precision_is_never_a_day() -> None:
    r = resolve_date(_one("In October 2024, a leader"))
    assert r is not None
    assert (r.iso, r.precision) == ("2024-10-01", 3)


def test_bare_date_follows_the_narrative_context() -> None:
    ctx = ResolvedDate(dt.date(2024, 10, 1), 3)
    r = resolve_date(_one("On December 28th, however"), context=ctx, context_local=False)
    assert r is not None and (r.iso, r.precision, r.inferred) == ("2024-12-28", 1, True)


def test_bare_month_uses_the_latest_year_of_the_article() -> None:
    text = "In early October, fighting. In 2025 alone, over 600 were killed. In 2024 they moved."
    mentions = find_dates(text)
    ref = reference_date(mentions, published=None)
    assert ref is not None and ref.date.year == 2025
    r = resolve_date(mentions[0], reference=ref)
    assert r is not None and (r.iso, r.precision) == ("2025-10-01", 3)


def test_narrative_rolls_over_into_next_year_only_up_to_the_reference() -> None:
    ctx = ResolvedDate(dt.date(2024, 12, 24), 1)
    ref = ResolvedDate(dt.date(2025, 1, 10), 1)
    r = resolve_date(_one("on January 3 the army"), context=ctx, context_local=True, reference=ref)
    assert r is not None and r.iso == "2025-01-03"
    # going back in the same month stays in the same year
    r = resolve_date(_one("on December 21 the army"), context=ctx, context_local=True, reference=ref)
    assert r is not None and r.iso == "2024-12-21"


def test_weekday_against_publication_date() -> None:
    published = dt.date(2025, 3, 13)  # a Thursday
    r = resolve_date(_one("said on Tuesday that"), published=published)
    assert r is not None and (r.iso, r.precision) == ("2025-03-11", 1)


def test_weekday_without_anchor_is_unresolved() -> None:
    assert resolve_date(_one("said on Wednesday that")) is None


@pytest.mark.parametrize(
    ("text", "iso", "precision"),
    [
        ("killed yesterday in", "2025-03-12", 1),
        ("last month, gunmen", "2025-02-01", 3),
        ("this year, attacks", "2025-01-01", 4),
        ("the recent hijacking", "2025-03-01", 3),
    ],
)
def test_relative_dates(text: str, iso: str, precision: int) -> None:
    r = resolve_date(_one(text), published=dt.date(2025, 3, 13))
    assert r is not None and (r.iso, r.precision) == (iso, precision)


def test_deadline_years_do_not_set_the_reference() -> None:
    mentions = find_dates("In 2023 an attack. The plan runs until 2030.")
    assert mentions[1].future
    ref = reference_date(mentions, published=None)
    assert ref is not None and ref.date.year == 2023


def test_reference_ignores_the_start_of_an_open_period() -> None:
    # an undated page: "since ... in 2021" is the start of a period, not the year the page was written
    text = "The strike occurred on September 15. Attacks have surged since the Taliban regained control in 2021."
    mentions = find_dates(text)
    assert mentions[-1].since and mentions[-1].open_since
    assert reference_date(mentions, published=None) is None
    acronym = find_dates("Attacks rose since the banned Tehreek-i-Taliban Pakistan (TTP) broke a ceasefire in 2022.")
    assert acronym[0].open_since  # a parenthesised acronym inside the clause
    # a range ("between X and Y") is bounded: its end still dates the page
    ranged = find_dates("Tensions rose between October 2024 and January 2025.")
    assert all(m.since and not m.open_since for m in ranged)
    ref = reference_date(ranged, published=None)
    assert ref is not None and (ref.date.year, ref.date.month) == (2025, 1)


def test_may_after_a_weekday_is_the_month() -> None:
    found = find_dates("He was shot and killed on Saturday, May 25, in the Silo neighborhood.")
    assert [(m.kind, m.month, m.day) for m in found if m.kind == "partial"] == [("partial", 5, 25)]
    assert not find_dates("Officials May 12 said.")  # "may" the modal stays no month


def test_scan_words_equals_finditer() -> None:
    text = (
        "Between October 2024 and January 2025, on 2nd January 2025, in mid-October, late May 2023, "
        "on Monday, yesterday, 2024-01-05, the 21st of December, in 2009 and in 2013, recently."
    )
    a = [(m.start(), m.end()) for m in _DATE_RE.finditer(text)]
    b = [(m.start(), m.end()) for m in scan_words(_DATE_RE, text, _DATE_KEYS, digits=True)]
    assert a == b


@pytest.mark.parametrize(
    ("text", "iso", "precision"),
    [
        ("Two days ago, gunmen fired", "2025-03-11", 1),
        ("A day ago, a convoy", "2025-03-12", 1),
        ("were shot overnight in", "2025-03-12", 1),
        ("casualties over the weekend", "2025-03-08", 2),
        ("the weekend raid", "2025-03-08", 2),
        ("Ten days ago, a convoy", "2025-03-03", 2),
        ("Two weeks ago, ISIS-K claimed", "2025-02-27", 2),
        ("a fortnight ago, gunmen", "2025-02-27", 2),
        ("Three months ago, a blast", "2024-12-01", 3),
    ],
)
def test_relative_days_overnight_and_weekend(text: str, iso: str, precision: int) -> None:
    r = resolve_date(_one(text), published=dt.date(2025, 3, 13))  # a Thursday
    assert r is not None and (r.iso, r.precision) == (iso, precision)


def test_month_named_against_last_year() -> None:
    m = _one("In November last year, a bomb")
    assert m.text == "November last year" and m.year_offset == -1
    r = resolve_date(m, published=dt.date(2025, 3, 13))
    assert r is not None and (r.iso, r.precision) == ("2024-11-01", 3)
    r = resolve_date(_one("in June this year the army"), published=dt.date(2025, 8, 2))
    assert r is not None and (r.iso, r.precision) == ("2025-06-01", 3)


def test_weeks_ago_in_an_undated_page_counts_back_from_the_day_told_before() -> None:
    # "... on Monday afternoon, September 2 ... Two weeks ago, ISIS-K claimed an explosion in Nangarhar"
    context = ResolvedDate(dt.date(2024, 9, 2), 1)
    r = resolve_date(_one("Two weeks ago, ISIS-K claimed"), context=context)
    assert r is not None and (r.iso, r.precision) == ("2024-08-19", 2)
    assert resolve_date(_one("Two weeks ago, ISIS-K claimed")) is None  # nothing to count from


def test_weekday_without_publication_date_falls_back_to_the_reference_period() -> None:
    m = _one("said on Friday that")
    month = ResolvedDate(dt.date(2023, 6, 1), 3)
    r = resolve_date(m, reference=month)
    assert r is not None and (r.iso, r.precision) == ("2023-06-01", 3)
    day = ResolvedDate(dt.date(2023, 6, 14), 1)  # a Wednesday
    r = resolve_date(m, reference=day)
    assert r is not None and (r.iso, r.precision) == ("2023-06-09", 2)
    assert resolve_date(m, reference=ResolvedDate(dt.date(2023, 1, 1), 4)) is None


def test_a_since_clause_starts_a_period() -> None:
    from geo.dates import find_dates

    text = (
        "The province has borne the brunt of violence since the Pakistani Taliban unilaterally ended a "
        "cease-fire with the government in November 2022. On 5 May 2024 militants attacked a post."
    )
    assert [(d.text, d.since) for d in find_dates(text)] == [("November 2022", True), ("5 May 2024", False)]
    assert find_dates("Since January, 300 people have been killed.")[0].since


def test_an_abbreviation_does_not_end_a_since_clause() -> None:
    # "U.S.-led" holds full stops: the clause still opens with "since"
    text = "Attacks have risen since the closure of the U.S. consulate's visa office in August 2021."
    assert find_dates(text)[0].since


@pytest.mark.parametrize(
    "text",
    [
        "Attacks on the border rose after the Taliban returned to power in August 2021.",
        "The group has grown stronger following the withdrawal of foreign forces in 2021.",
        "Relations soured after the Taliban takeover of Kabul in August 2021.",
    ],
)
def test_a_change_of_power_starts_a_period(text: str) -> None:
    assert find_dates(text)[0].since


def test_a_sentence_end_before_a_date_closes_the_since_clause() -> None:
    text = "Attacks have increased since the Taliban intensified their offensive.\n\nLast week, a post was attacked."
    assert not find_dates(text)[-1].since


def test_a_day_and_month_before_a_count_is_a_date() -> None:
    from geo.dates import find_dates

    assert [(d.month, d.day) for d in find_dates("On January 30, 14 people were killed.")] == [(1, 30)]


def test_recent_years_is_no_date() -> None:
    from geo.dates import find_dates

    assert [d.text for d in find_dates("one of the deadliest attacks in recent years")] == []
    assert [d.text for d in find_dates("after the recent attack")] == ["recent"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("On the night of 25–26 August 2024, attacks", ("25–26 August 2024", 2024, 8, 25)),
        ("on the night between August 25 and 26, 2024, resulting", ("August 25 and 26, 2024", 2024, 8, 25)),
        ("From 11 to 12 March 2025, the army", ("11 to 12 March 2025", 2025, 3, 11)),
        ("on 11-12 March", ("11-12 March", None, 3, 11)),
        ("killed 5 and 26 August 2024", ("26 August 2024", 2024, 8, 26)),  # a count, not a first day
    ],
)
def test_a_range_of_days_is_dated_by_its_first_day(text: str, expected: tuple[str, int | None, int, int]) -> None:
    (m,) = find_dates(text)
    assert (m.text, m.year, m.month, m.day) == expected


def test_a_month_before_a_count_is_a_month() -> None:
    (m,) = find_dates("Earlier, in April, 9 passengers were killed")
    assert (m.text, m.month, m.day) == ("April", 4, None)


def test_a_month_a_comma_and_a_count_of_anything_is_a_month() -> None:
    (m,) = find_dates("In November, 14 Pakistan Army soldiers were killed")
    assert (m.text, m.month, m.day) == ("November", 11, None)
    assert [x.day for x in find_dates("On November 14 the army said")] == [14]


def test_an_upper_case_heading_date_is_a_date() -> None:
    (m,) = find_dates("MARCH 11, 2025\n\nA total of 31 people were killed")
    assert (m.year, m.month, m.day) == (2025, 3, 11)


def test_a_month_on_a_line_of_its_own_is_a_heading_date() -> None:
    found = find_dates("Major blasts in 2023.\n\nJanuary\n\nA bomb went off.\n\nFebruary:\n\nMay you live long.")
    assert [(m.text, m.month) for m in found] == [("2023", None), ("January", 1), ("February", 2)]


def test_since_a_date_when_something_happened_dates_that_event() -> None:
    (m,) = find_dates("the deadliest attack since December 2024, when a similar attack left 16 soldiers dead")
    assert (m.month, m.since) == (12, False)


def test_a_night_between_two_days_is_a_date_not_a_period() -> None:
    (m,) = find_dates("attacks in Quetta on the night between August 25 and 26, 2024, killing 74")
    assert (m.day, m.since) == (25, False)


def test_a_night_between_two_days_without_a_year_is_not_a_period() -> None:
    (m,) = find_dates("conducted on the night between October 23 and 24, the ISPR said")
    assert (m.day, m.since) == (23, False)
    (m,) = find_dates("between October 2 and 24, 30 attacks were reported")
    assert m.since


def test_last_weekday_is_the_week_before_not_yesterday() -> None:
    text = "The Taliban cancelled a visit due to last Thursday's strikes, and met on Thursday."
    mentions = find_dates(text)
    published = dt.date(2024, 5, 17)  # a Friday
    got = [resolve_date(m, context=None, reference=None, published=published) for m in mentions]
    assert [r.date for r in got if r is not None] == [dt.date(2024, 5, 9), dt.date(2024, 5, 16)]


def test_a_year_after_in_before_a_verb_of_the_toll_is_a_year() -> None:
    text = "after an attack on a school in Peshawar in 2014 killed more than 150 people"
    assert [(m.text, m.year) for m in find_dates(text)] == [("2014", 2014)]
    assert find_dates("Some 2014 were killed.") == []  # a count, not a year


@pytest.mark.parametrize(
    ("url", "iso"),
    [
        ("https://afintl.com/en/202409036152", "2024-09-03"),
        ("https://www.nation.com.pk/21-Jul-2023/two-killed", "2023-07-21"),
        ("https://www.reuters.com/world/asia-pacific/blast-kills-two-2024-09-03/", "2024-09-03"),
        ("https://www.aljazeera.com/news/2024/9/3/blast-in-kabul", "2024-09-03"),
    ],
)
def test_dates_in_urls(url: str, iso: str) -> None:
    from geo.extract.dates import url_date

    found = url_date(url)
    assert found is not None and found.iso == iso


@pytest.mark.parametrize(
    "url", ["https://www.dawn.com/news/1892352/x", "https://www.dawn.com/news/2010512", "https://amu.tv/146504/"]
)
def test_article_numbers_are_not_dates(url: str) -> None:
    from geo.extract.dates import url_date

    assert url_date(url) is None


def test_a_month_day_may_fall_inside_the_uncertainty_of_an_estimated_publication_day() -> None:
    from geo.extract.dates import resolve_dates
    from geo.extract.sentences import Document

    text = "On the night of 7th April, the security forces conducted an operation."
    dates, doc = find_dates(text), Document(text)
    about = ResolvedDate(dt.date(2022, 4, 4), 1, inferred=True)  # estimated from the article number, ± 17 days
    exact, _, _ = resolve_dates(dates, doc, published=None, reference=about)
    assert exact[0] is not None and exact[0].iso == "2021-04-07"  # an exact day: the April before it
    loose, _, _ = resolve_dates(dates, doc, published=None, reference=about, reference_slack_days=17)
    assert loose[0] is not None and loose[0].iso == "2022-04-07"


def test_a_date_that_modifies_a_takeover_or_a_deal_dates_no_attack() -> None:
    from geo.extract import extract_incidents
    from tests.extract.helpers import article, make_gazetteer

    text = (
        "Gunmen stormed a military hospital in Kabul on Tuesday, killing 19 people. IS claimed that one of those "
        "killed in the hospital attack was a senior Taliban commander who had played a leading role in the "
        "group's August 15 takeover of Kabul."
    )
    found = extract_incidents(article(text, published=dt.date(2021, 11, 3)), make_gazetteer())
    assert [i.event_date for i in found] == ["2021-11-02"]


def test_last_weekend_in_a_weekend_paper_is_the_weekend_before() -> None:
    m = _one("Last weekend, three soldiers were martyred")
    sunday, thursday = dt.date(2021, 8, 8), dt.date(2021, 8, 12)
    r = resolve_date(m, published=sunday)
    assert r is not None and (r.iso, r.precision) == ("2021-07-31", 2)
    r = resolve_date(m, published=thursday)
    assert r is not None and (r.iso, r.precision) == ("2021-08-07", 2)
    r = resolve_date(_one("casualties over the weekend"), published=sunday)
    assert r is not None and r.iso == "2021-08-07"  # "the weekend" in a Sunday paper: this one


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("On 28 May 25, five terrorists were sent to hell", ("28 May 25", 2025, 5, 28)),
        ("On 3 March 24, security forces conducted an IBO", ("3 March 24", 2024, 3, 3)),
        ("On 28 May, 25 people were killed", ("28 May", None, 5, 28)),
        ("on 12 August 20 people died", ("12 August", None, 8, 12)),
    ],
)
def test_a_two_digit_year_of_a_press_release_is_read_only_before_a_comma(
    text: str, found: tuple[str, int | None, int, int]
) -> None:
    m = find_dates(text)[0]
    assert (m.text, m.year, m.month, m.day) == found


def test_the_words_found_once_give_every_scanner_the_same_matches() -> None:
    from geo.actors import find_actors
    from geo.dates import word_starts
    from geo.extract.triggers import find_triggers

    text = (
        "PESHAWAR, Dec. 4 (Xinhua) -- Militants of the TTP attacked a police post in Bannu on 3 December 2024, "
        "killing 4 policemen; a day earlier, 12 soldiers embraced martyrdom in North Waziristan. "
        "Überall: the Afghan Taliban said on Tuesday that Pakistani jets struck Khost at 3am."
    )
    words = word_starts(text)
    assert find_dates(text, words=words) == find_dates(text)
    assert find_actors(text, words=words) == find_actors(text)
    assert [(t.start, t.cls, t.pos) for t in find_triggers(text, words=words)] == [
        (t.start, t.cls, t.pos) for t in find_triggers(text)
    ]
    assert len(find_dates(text)) >= 3 and len(find_triggers(text)) >= 4
