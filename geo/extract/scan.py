"""One pass of each scanner over an article: the :class:`~geo.extract.model.Context` every stage reads."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Final

from geo.actors import find_actors
from geo.articles import Article
from geo.dates import ResolvedDate, WordStart, find_dates, reference_date
from geo.extract.dates import is_report_date, list_year, resolve_dates, title_year, url_date
from geo.extract.model import Context, Trigger
from geo.extract.places import dominant_country, find_border_place, nlp_places
from geo.extract.sentences import Document
from geo.gazetteer import Gazetteer
from geo.urlnumbers import ArticleNumbers, Estimate

#: Paragraph kinds whose dates do not set the narrative date (boilerplate, bylines, photo captions).
_UNDATED_KINDS: Final[frozenset[str]] = frozenset({"boilerplate", "meta", "caption"})
#: An encyclopedia's "Part of ..." line: the wider conflict, with its span of years.
_PART_OF: Final[re.Pattern[str]] = re.compile(r"\s*Part\s+of\b")


def scan_article(
    article: Article,
    doc: Document,
    gazetteer: Gazetteer,
    *,
    triggers: list[Trigger],
    nlp: object | None = None,
    today: dt.date | None = None,
    numbers: ArticleNumbers | None = None,
    words: Sequence[WordStart] | None = None,
) -> Context:
    """Find every date, actor and place mention of ``article`` once and resolve its dates.

    Parameters
    ----------
    article
        The article; its publication date (or the date in its URL) anchors
        relative dates.
    doc
        The sentence index of ``article.text``.
    gazetteer
        Offline place index; :meth:`Gazetteer.find_mentions` is called once.
    triggers
        The article's event triggers (:func:`geo.extract.triggers.find_triggers`).
    nlp
        Optional spaCy pipeline for place names outside the gazetteer.
    today
        Upper bound for a year inferred from a weekday ("Tuesday, April 18"
        in an undated page); ``None`` infers no such year.
    numbers
        Dated article numbers of news sites: an undated page whose URL has
        neither a date nor a known site's number keeps no reference day;
        with one, its publication day is estimated (:mod:`geo.urlnumbers`).
    words
        The words of the text (:func:`geo.dates.word_starts`), found once
        for the date, actor and trigger scanners.

    Returns
    -------
    Context
        Mentions sorted by offset, with their start offsets for bisection.
    """
    text = article.text
    # headings, list headings and infobox lines date what follows ("December 19:"); bylines and captions do not
    every_date = find_dates(text, words=words)
    dates = [d for d in every_date if doc.kind(doc.index(d.start)) not in _UNDATED_KINDS]
    actors = find_actors(text, words=words)
    mentions = gazetteer.find_mentions(text)
    extra_places = nlp_places(nlp, text, mentions) if nlp is not None else []
    # the span of the war a page is part of ("Part of the War in Afghanistan (2001–2021)") is not a date of the page
    reference = reference_date(
        [d for d in dates if not _PART_OF.match(text, doc.spans[doc.index(d.start)][0])], published=article.published
    )
    known = article.published is not None
    bound = False
    estimate: Estimate | None = None
    if article.published is None:
        from_url = url_date(article.url)
        if from_url is None and numbers is not None and (estimate := numbers.estimate(article.url)) is not None:
            # "thenews.com.pk/print/1032385-...": about 20 January 2023, from the site's dated article numbers
            from_url = ResolvedDate(estimate.day, 1, inferred=True)
        if from_url is not None and (reference is None or from_url.end >= reference.date):
            reference, known = from_url, True
        elif reference is None:
            reference = title_year(article.title)
        else:
            bound = True
    yearly = list_year(dates, doc, title=article.title, published=article.published)
    resolved, contexts, asides = resolve_dates(
        dates,
        doc,
        published=article.published,
        reference=reference,
        today=today,
        year_of_list=yearly,
        reference_is_bound=bound,
        reference_slack_days=estimate.plus_minus_days if estimate is not None and known else 0,
        event_sentences=frozenset(doc.index(t.start) for t in triggers),
    )
    return Context(
        text=text,
        doc=doc,
        dates=dates,
        date_starts=[d.start for d in dates],
        resolved=resolved,
        contexts=contexts,
        asides=asides,
        actors=actors,
        actor_starts=[a.start for a in actors],
        mentions=mentions,
        mention_starts=[m.start for m in mentions],
        extra_places=extra_places,
        gazetteer=gazetteer,
        border_place=find_border_place(gazetteer),
        default_country=dominant_country(mentions),
        published_ref=reference,
        published_known=known,
        date_spans=[(d.start, d.end) for d in every_date],
        triggers=triggers,
        report=[is_report_date(text, doc, m) for m in dates],
        published_estimate=estimate if known and estimate is not None else None,
    )
