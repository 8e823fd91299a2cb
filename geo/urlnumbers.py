"""When an undated news page was published, estimated from the article number in its URL.

Many news sites number their articles in sequence (``dawn.com/news/1892352``,
``thenews.com.pk/print/1032385-...``, ``amu.tv/146504``). A copy of such a
page without its date can still be dated: between two articles of the same
site whose publication dates are known, the numbers grow almost linearly with
time. The table of those dated articles ("anchors") is
``data/article_numbers.csv``; each row names the page and where its date is
stated. A site's numbers are used only when its anchors really are in
sequence (dates rise with the numbers).

The estimate is a day with an uncertainty in days. It is never passed off as a
publication date: events dated relative to it get a coarser ACLED
``time_precision`` (a week or a month) and a note.

Examples
--------
>>> import datetime as dt
>>> table = ArticleNumbers(
...     [
...         Anchor("dawn.com", 1885873, dt.date(2025, 1, 17)),
...         Anchor("dawn.com", 1900641, dt.date(2025, 3, 27)),
...         Anchor("dawn.com", 1921234, dt.date(2025, 6, 20)),
...         Anchor("dawn.com", 1947242, dt.date(2025, 10, 7)),
...     ]
... )
>>> est = table.estimate("https://www.dawn.com/news/1892352/levies-personnel-martyred")
>>> est.day.isoformat(), est.plus_minus_days
('2025-02-16', 2)
"""

from __future__ import annotations

import bisect
import csv
import dataclasses
import datetime as dt
import functools
import itertools
import logging
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Final
from urllib.parse import SplitResult, urlsplit

from geo import settings
from geo.errors import ReferenceDataError

logger = logging.getLogger(__name__)

#: A run of digits that can be an article number (not a year, not a compact date such as 20240903).
_NUMBER: Final[re.Pattern[str]] = re.compile(r"(?<![\d])(\d{5,10})(?![\d])")
_COMPACT_DATE: Final[re.Pattern[str]] = re.compile(r"20\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d*")
#: The fewest anchors a site needs before its numbers are trusted.
MIN_ANCHORS: Final[int] = 4
#: At most this share of neighbouring anchors may run backwards in time (a date stamped a few days late).
MAX_INVERSIONS: Final[float] = 0.1
#: The uncertainty grows with the gap between the two anchors around a number: at least 3 % of it, more for a
#: site whose own anchors are missed by more (leave-one-out).
_GAP_SHARE: Final[float] = 0.03
#: A site whose anchors are missed by more than this share of the gap is not used (its numbers are not one series).
MAX_SHARE: Final[float] = 0.25
#: How far past its first or last anchor a site's numbers are extrapolated.
MAX_EXTRAPOLATION_DAYS: Final[int] = 45
#: Estimates less certain than this are not used.
MAX_UNCERTAINTY_DAYS: Final[int] = 31
#: Other hosts of a site that share its numbers: The News moved from thenews.com.pk to thenews.pk.
SITE_ALIASES: Final[dict[str, str]] = {
    "thenews.pk": "thenews.com.pk",
    # RFE/RL's Gandhara pages share the article numbers of rferl.org ("gandhara.rferl.org/a/.../31438491.html")
    "gandhara.rferl.org": "rferl.org",
}
#: Sites whose article number is a prefix and the creation time in milliseconds since 1970 (UTC):
#: hindustantimes.com "...-101739635643038.html" (10 + 1739635643038: 15 February 2025), livemint.com
#: "...-11690780957280.html" (1 + 1690780957280: 31 July 2023).
EPOCH_MS_SITES: Final[dict[str, str]] = {"hindustantimes.com": "10", "livemint.com": "1"}
_EPOCH_MS: Final[re.Pattern[str]] = re.compile(r"(?<!\d)(\d{14,15})(?:\.html?)?(?![\d])")


@dataclasses.dataclass(frozen=True)
class Anchor:
    """An article of a site whose number and publication date are known."""

    site: str
    number: int
    published: dt.date
    url: str = ""


@dataclasses.dataclass(frozen=True)
class Estimate:
    """An estimated publication day.

    Attributes
    ----------
    day
        The estimated day.
    plus_minus_days
        Its uncertainty, in days either way.
    site, number
        The site and the article number the estimate comes from.
    """

    day: dt.date
    plus_minus_days: int
    site: str
    number: int

    @property
    def time_precision(self) -> int:
        """The ACLED ``time_precision`` of a date told relative to this day: 2 (a week) or 3 (a month)."""
        return 2 if self.plus_minus_days <= 7 else 3

    @property
    def note(self) -> str:
        """What a record dated from the estimate says about it."""
        return (
            f"publication date estimated from the article number ({self.site} {self.number}): "
            f"about {self.day.isoformat()} ± {self.plus_minus_days} days"
        )


def _split(url: str) -> SplitResult | None:
    """The parts of an absolute URL (scheme and host present), else ``None``."""
    try:
        parts = urlsplit((url or "").strip())
    except ValueError:
        return None
    return parts if parts.scheme and parts.netloc else None


def site_of(url: str) -> str:
    """The site of a URL: its host, lower-case, without ``www.`` or a port."""
    parts = _split(url)
    if parts is None or not parts.hostname:
        return ""
    host = parts.hostname
    for prefix in ("www.", "m.", "amp.", "mobile."):
        host = host.removeprefix(prefix)
    return SITE_ALIASES.get(host, host)


def article_number(url: str) -> int | None:
    """The article number in a URL: the first run of 5 to 10 digits in its path (or a ``?p=`` query).

    >>> article_number("https://www.thenews.com.pk/print/1032385-two-cops-martyred")
    1032385
    >>> article_number("https://www.ariananews.af/?p=596839")
    596839
    >>> article_number("https://afintl.com/en/202409036152") is None  # a day and a sequence: a date, no number
    True
    """
    parts = _split(url)
    if parts is None:
        return None
    p = re.search(r"(?:^|&)p=(\d{4,10})(?:&|$)", parts.query)
    for token in [*_NUMBER.findall(parts.path), *([p.group(1)] if p else [])]:
        if not _COMPACT_DATE.fullmatch(token):
            return int(token)
    return None


class ArticleNumbers:
    """Dated article numbers per site, and the estimates they give.

    Parameters
    ----------
    anchors
        Articles whose number and date are known. Sites with fewer than
        :data:`MIN_ANCHORS` anchors, whose dates do not rise with their
        numbers, or whose interpolation misses their own anchors by more than
        :data:`MAX_UNCERTAINTY_DAYS` (leave-one-out), are left out (and logged).
    """

    def __init__(self, anchors: Iterable[Anchor]) -> None:
        by_site: dict[str, dict[int, dt.date]] = {}
        for a in anchors:
            by_site.setdefault(a.site, {})[a.number] = a.published
        self._sites: dict[str, list[tuple[int, dt.date]]] = {}
        self._share: dict[str, float] = {}  # a site's typical miss per day of gap: leave-one-out on its anchors
        for site, numbers in by_site.items():
            rows = sorted(numbers.items())
            if len(rows) < MIN_ANCHORS:
                continue
            backwards = sum(1 for (_, d0), (_, d1) in itertools.pairwise(rows) if (d1 - d0).days < -3)
            if backwards > MAX_INVERSIONS * (len(rows) - 1):
                logger.info("%s: article numbers out of sequence (%d of %d): not used", site, backwards, len(rows))
                continue
            share = _leave_one_out_share(rows)
            if share > MAX_SHARE:
                logger.info("%s: article numbers miss their own dates by %.0f%% of the gap: unused", site, 100 * share)
                continue
            self._sites[site] = rows
            self._share[site] = share

    @property
    def sites(self) -> list[str]:
        """The sites whose numbers can date a page."""
        return sorted(self._sites)

    def estimate(self, url: str) -> Estimate | None:
        """The estimated publication day of the page at ``url``, or ``None``.

        ``None`` when the site is unknown, the URL has no article number, the
        number lies too far outside the site's anchors or the estimate is
        less certain than :data:`MAX_UNCERTAINTY_DAYS`.
        """
        site = site_of(url)
        if site in EPOCH_MS_SITES:
            return _epoch_estimate(url, site)
        rows = self._sites.get(site)
        number = article_number(url)
        if rows is None or number is None:
            return None
        numbers = [n for n, _ in rows]
        i = _bisect(numbers, number)
        if 0 < i < len(rows):
            (n0, d0), (n1, d1) = rows[i - 1], rows[i]
            gap = (d1 - d0).days
            day = _interpolate(number, (n0, d0), (n1, d1))
            pm = max(2, round(self._share[site] * gap))
        else:
            # past the first or last anchor: the rate of the two nearest, a little way only
            (n0, d0), (n1, d1) = (rows[0], rows[1]) if i == 0 else (rows[-2], rows[-1])
            rate = max((d1 - d0).days, 1) / max(n1 - n0, 1)
            base_n, base_d = (n0, d0) if i == 0 else (n1, d1)
            beyond = round(rate * (number - base_n))
            if abs(beyond) > MAX_EXTRAPOLATION_DAYS:
                return None
            day = base_d + dt.timedelta(days=beyond)
            pm = max(3, round(self._share[site] * (d1 - d0).days)) + abs(beyond) // 3
        if pm > MAX_UNCERTAINTY_DAYS:
            return None
        return Estimate(day, pm, site, number)


def _interpolate(number: int, low: tuple[int, dt.date], high: tuple[int, dt.date]) -> dt.date:
    """The day of ``number`` on the straight line between two dated article numbers."""
    (n0, d0), (n1, d1) = low, high
    return d0 + dt.timedelta(days=round((d1 - d0).days * (number - n0) / (n1 - n0)))


def _leave_one_out_share(rows: list[tuple[int, dt.date]]) -> float:
    """How far a site's interpolation misses its own anchors, as a share of the gap it interpolates across.

    Each inner anchor is estimated from its two neighbours; the miss is
    divided by the days between them, and the 80th percentile of those shares
    is returned. A site whose numbers grow unevenly (several series, batches
    of numbers) gets a wide uncertainty.
    """
    shares = []
    for (n0, d0), (n1, d1), (n2, d2) in zip(rows, rows[1:], rows[2:], strict=False):
        span = (d2 - d0).days
        if n2 == n0 or span <= 0:
            continue
        shares.append(abs((_interpolate(n1, (n0, d0), (n2, d2)) - d1).days) / span)
    if not shares:
        return _GAP_SHARE
    shares.sort()
    return max(_GAP_SHARE, shares[min(len(shares) - 1, int(0.8 * len(shares)))])


def _epoch_estimate(url: str, site: str) -> Estimate | None:
    """The day a site that writes its creation time into the article number made the page (± 1 day: time zones)."""
    prefix = EPOCH_MS_SITES[site]
    parts = _split(url)
    for token in _EPOCH_MS.findall(parts.path if parts is not None else ""):
        if token.startswith(prefix) and len(token) == len(prefix) + 13:
            day = dt.datetime.fromtimestamp(int(token[len(prefix) :]) / 1000, tz=dt.UTC).date()
            if dt.date(2010, 1, 1) <= day <= dt.date(2040, 1, 1):
                return Estimate(day, 1, site, int(token))
    return None


def _bisect(numbers: list[int], number: int) -> int:
    """Index of the first anchor number >= ``number``; the first anchor itself counts as inside the range."""
    return max(bisect.bisect_left(numbers, number), 1 if numbers and number == numbers[0] else 0)


def read_anchors(path: Path) -> list[Anchor]:
    """Read an anchors CSV (``site,url,number,published,evidence``).

    Raises
    ------
    ReferenceDataError
        When the file is missing or a row is malformed (naming the file, line and field).
    """
    try:
        handle = path.open(encoding="utf-8", newline="")
    except OSError as exc:
        msg = f"{path}: cannot read the article-number table ({exc.strerror})"
        raise ReferenceDataError(msg) from exc
    out: list[Anchor] = []
    with handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            try:
                number = int(row["number"])
            except (KeyError, TypeError, ValueError):
                msg = f"{path}, line {line}, field 'number': not an article number: {row.get('number')!r}"
                raise ReferenceDataError(msg) from None
            try:
                published = dt.date.fromisoformat((row.get("published") or "").strip())
            except ValueError:
                msg = f"{path}, line {line}, field 'published': not an ISO date: {row.get('published')!r}"
                raise ReferenceDataError(msg) from None
            site = (row.get("site") or "").strip().lower().removeprefix("www.")
            if not site:
                msg = f"{path}, line {line}, field 'site': empty"
                raise ReferenceDataError(msg)
            out.append(Anchor(site, number, published, (row.get("url") or "").strip()))
    return out


@functools.lru_cache(maxsize=4)
def load_article_numbers(path: Path = settings.ARTICLE_NUMBERS_PATH) -> ArticleNumbers:
    """The shipped table of dated article numbers (``data/article_numbers.csv``), read once per path.

    A missing table (a data folder of one's own without it) dates no page
    by its number, with a warning; a malformed one raises
    :class:`~geo.errors.ReferenceDataError` naming the line and field.
    """
    if not path.exists():
        logger.warning("%s: no table of dated article numbers; undated pages are not dated by their URL", path)
        return ArticleNumbers([])
    return ArticleNumbers(read_anchors(path))
