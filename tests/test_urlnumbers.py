"""Estimating when an undated page was published from the article number in its URL (geo.urlnumbers)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from geo import settings
from geo.articles import Article, load_articles
from geo.errors import ReferenceDataError
from geo.extract import extract_incidents
from geo.urlnumbers import Anchor, ArticleNumbers, article_number, load_article_numbers, read_anchors, site_of
from tests.extract.helpers import make_gazetteer

D = dt.date


def _dawn() -> ArticleNumbers:
    return ArticleNumbers(
        [
            Anchor("dawn.com", 1885873, D(2025, 1, 17)),
            Anchor("dawn.com", 1900641, D(2025, 3, 27)),
            Anchor("dawn.com", 1921234, D(2025, 6, 20)),
            Anchor("dawn.com", 1947242, D(2025, 10, 7)),
        ]
    )


@pytest.mark.parametrize(
    ("url", "site", "number"),
    [
        ("https://www.dawn.com/news/1892352/levies-personnel-martyred", "dawn.com", 1892352),
        ("https://thenews.com.pk/print/1032385-two-cops-martyred", "thenews.com.pk", 1032385),
        ("https://tribune.com.pk/story/2561462/attacks-in-k-p?amp=1", "tribune.com.pk", 2561462),
        ("https://www.ariananews.af/?p=596839", "ariananews.af", 596839),
        ("https://www.trtworld.com:443/article/14587612", "trtworld.com", 14587612),
        ("https://afintl.com/en/202409036152", "afintl.com", None),
        ("https://www.aljazeera.com/news/2024/9/3/blast-in-kabul", "aljazeera.com", None),
        ("https://www.thenews.pk/print/1384750-fighting-terrorism", "thenews.com.pk", 1384750),
        ("https://gandhara.rferl.org/a/afghans-flock-to-borders/31438491.html", "rferl.org", 31438491),
        ("https://m.dawn.com/news/1892352", "dawn.com", 1892352),
        ("not a url", "", None),
    ],
)
def test_site_and_article_number(url: str, site: str, number: int | None) -> None:
    assert site_of(url) == site
    assert article_number(url) == number


def test_a_number_between_two_anchors_is_interpolated() -> None:
    est = _dawn().estimate("https://www.dawn.com/news/1892352/x")
    assert est is not None
    # the uncertainty grows with the 69 days between the two anchors around the number, by the site's own
    # leave-one-out miss per day of gap (at least 3 %)
    assert est.day == D(2025, 2, 16) and est.plus_minus_days == 2 and est.time_precision == 2
    assert "dawn.com 1892352" in est.note


def test_a_number_far_outside_the_anchors_or_of_an_unknown_site_is_not_dated() -> None:
    table = _dawn()
    assert table.estimate("https://www.dawn.com/news/1500000/x") is None  # years before the first anchor
    assert table.estimate("https://www.dawn.com/news/1950000/x") is not None  # a few days past the last one
    assert table.estimate("https://www.example.com/news/1892352/x") is None
    assert table.estimate("https://www.dawn.com/trending") is None


def test_a_site_whose_numbers_are_not_in_sequence_is_not_used() -> None:
    dates = [D(2023, 1, 1), D(2020, 1, 1), D(2024, 6, 1), D(2019, 3, 1), D(2022, 1, 1)]
    table = ArticleNumbers([Anchor("ndtv.com", n, d) for n, d in zip((10, 20, 30, 40, 50), dates, strict=True)])
    assert table.sites == []
    assert ArticleNumbers([Anchor("x.com", 1, D(2024, 1, 1))]).sites == []  # too few anchors


def test_the_shipped_table_dates_the_large_pakistani_dailies() -> None:
    table = load_article_numbers()
    assert {"dawn.com", "thenews.com.pk"} <= set(table.sites)


def test_no_evaluation_article_dates_itself_through_the_shipped_table() -> None:
    # the evaluation set must stay unseen: none of its pages may be an anchor of the table
    anchors = {(anchor.site, anchor.number) for anchor in read_anchors(settings.ARTICLE_NUMBERS_PATH)}
    articles = load_articles(sorted((Path(__file__).parent / "evalset" / "articles").glob("*.md")))
    leaked = [a.url for a in articles if (site_of(a.url or ""), article_number(a.url or "")) in anchors]
    assert len(articles) > 300
    assert leaked == []


def test_a_malformed_table_names_its_file_line_and_field(tmp_path: Path) -> None:
    path = tmp_path / "numbers.csv"
    path.write_text("site,url,number,published,evidence\ndawn.com,u,12345,2025-13-01,x\n", encoding="utf-8")
    with pytest.raises(ReferenceDataError, match=r"numbers\.csv, line 2, field 'published'"):
        read_anchors(path)
    with pytest.raises(ReferenceDataError, match="cannot read"):
        read_anchors(tmp_path / "missing.csv")


def test_an_undated_page_is_dated_from_its_article_number_at_week_precision() -> None:
    gaz = make_gazetteer()
    text = "Two policemen were martyred in a suicide attack on a check-post in Bannu on Thursday evening."
    page = Article(doc_id="p", text=text, source="Dawn", url="https://www.dawn.com/news/1892352/x", published=None)
    assert extract_incidents(page, gaz) == []  # nothing dates it without the table
    (found,) = extract_incidents(page, gaz, numbers=_dawn())
    assert found.time_precision == 2
    assert D(2025, 2, 10) <= D.fromisoformat(found.event_date) <= D(2025, 2, 16)
    assert "estimated from the article number" in found.notes
    dated = Article(doc_id="q", text=text, source="Dawn", url=page.url, published=D(2025, 2, 14))
    (exact,) = extract_incidents(dated, gaz, numbers=_dawn())
    assert (exact.event_date, exact.time_precision) == ("2025-02-13", 1)  # a stated date wins


@pytest.mark.parametrize(
    ("url", "day"),
    [
        ("https://www.hindustantimes.com/world-news/is-claims-bombing-101739635643038.html", D(2025, 2, 15)),
        ("https://www.livemint.com/news/world/pakistan-biggest-blasts-11690780957280.html", D(2023, 7, 31)),
    ],
)
def test_a_site_that_writes_the_creation_time_into_its_numbers_is_dated_by_it(url: str, day: dt.date) -> None:
    est = ArticleNumbers([]).estimate(url)
    assert est is not None and (est.day, est.plus_minus_days) == (day, 1)
    assert ArticleNumbers([]).estimate("https://www.hindustantimes.com/india-news/story-12345.html") is None


def test_a_site_whose_numbers_grow_unevenly_gets_a_wide_uncertainty_or_none() -> None:
    even = [Anchor("a.com", 10000 * k, D(2024, 1, 1) + dt.timedelta(days=10 * k)) for k in range(1, 9)]
    est = ArticleNumbers(even).estimate("https://a.com/news/45000")
    assert est is not None and est.day == D(2024, 2, 15) and est.plus_minus_days == 2
    jumps = (0, 100, 110, 300, 310, 500, 510, 700)  # numbers given out in batches
    uneven = [Anchor("b.com", 10000 * (k + 1), D(2024, 1, 1) + dt.timedelta(days=j)) for k, j in enumerate(jumps)]
    assert ArticleNumbers(uneven).estimate("https://b.com/news/45000") is None  # misses its own anchors by weeks


def test_a_missing_table_dates_nothing_with_a_warning(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    table = load_article_numbers(tmp_path / "absent.csv")
    assert table.sites == [] and "no table of dated article numbers" in caplog.text
