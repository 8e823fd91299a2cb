"""Extract ACLED-style incident records from one news article.

:func:`extract_incidents` is a pure per-document function: no I/O, no global
state; the gazetteer (and an optional spaCy pipeline) are passed in. The
default path is rule based (regular expressions and lexicons), so it needs no
statistical model and runs well above 50,000 words per second.

The stages, in the order :func:`extract_incidents` runs them, one module each:

1. :mod:`~geo.extract.structure` and :mod:`~geo.extract.sentences`: the
   document's structure (title and headings, datelines, infobox-like lines,
   captions, list items, reference markers, boilerplate) and its sentences.
2. :mod:`~geo.extract.scan`: one pass of each scanner over the whole text:
   event triggers (:mod:`~geo.extract.triggers`), date expressions
   (:mod:`geo.dates`, resolved in text order by :mod:`~geo.extract.dates`
   against the narrative date and the publication date), actor mentions
   (:mod:`geo.actors`) and place mentions (the gazetteer, once per article).
3. :mod:`~geo.extract.passages`: per sentence, the triggers that survive the
   incident decision (:mod:`~geo.extract.decision`: negated, modal, planned,
   generic, aggregate, anaphoric or background triggers make no incident)
   are grouped into events; each event becomes a draft with its actors
   (:mod:`~geo.extract.actors`), place (:mod:`~geo.extract.places`), event
   type and fatalities (:mod:`~geo.extract.events`) and date; a sentence
   opening "The same day" takes the day counted just before it.
4. :mod:`~geo.extract.merge`: within-article coreference. A news story tells
   an incident over several sentences (lead, place, toll, claim, "the
   attack"); they become one record with the most specific place and date,
   the most conservative toll and all evidence; a last pass folds an event
   told twice on one day at one place into one record.
5. :mod:`~geo.extract.decision` marks the lead that sums up a round-up told
   one by one below it, scores every record (confidence and reason) and
   :mod:`~geo.extract.records` turns it into an
   :class:`~geo.incidents.Incident`.

Coding conventions are documented where they are applied (see
:func:`geo.extract.events.classify_event`).
"""

from __future__ import annotations

import datetime as dt
import logging

from geo.articles import Article
from geo.dates import word_starts
from geo.extract.dates import undatable
from geo.extract.decision import assess, mark_summaries
from geo.extract.merge import (
    actor_from_before,
    actor_from_claim,
    actor_from_infobox,
    drop_coarse_duplicates,
    fold_same_day_duplicates,
    harvest_following,
    merge_incidents,
    merge_retellings,
    place_from_article,
)
from geo.extract.model import ARTICLE_PLACE_NOTE, COUNTRY_ONLY_NOTE, Draft, Trigger
from geo.extract.passages import date_same_day, sentence_incidents
from geo.extract.records import to_incident
from geo.extract.scan import scan_article
from geo.extract.sentences import Document
from geo.extract.triggers import find_triggers
from geo.gazetteer import Gazetteer
from geo.incidents import Incident
from geo.urlnumbers import ArticleNumbers

__all__ = ["ARTICLE_PLACE_NOTE", "COUNTRY_ONLY_NOTE", "extract_incidents", "undatable"]

logger = logging.getLogger(__name__)


def extract_incidents(
    article: Article,
    gazetteer: Gazetteer,
    *,
    nlp: object | None = None,
    today: dt.date | None = None,
    numbers: ArticleNumbers | None = None,
) -> list[Incident]:
    """Extract the concrete violent incidents reported by one article.

    Parameters
    ----------
    article
        The article (its ``published`` date may be ``None``).
    gazetteer
        Offline place index; :meth:`Gazetteer.find_mentions` is called once.
    nlp
        Optional spaCy ``Language``. When given, its GPE/LOC/FAC entities
        that the gazetteer does not know become *unresolved* location names
        (``location`` set, no coordinates, ``geocoder=""``) for incidents
        with no gazetteer place, so an online geocoder can resolve them
        later. The default path (``None``) needs no statistical model.
    today
        The extraction date, the upper bound of a year inferred from a
        weekday in an undated page ("on Tuesday, April 18"); ``None`` (the
        default) infers none, so the result never depends on the clock.
    numbers
        Dated article numbers of news sites (:func:`geo.urlnumbers.load_article_numbers`):
        a page with no date of its own is dated from the number in its URL
        when its site is known; events dated relative to that estimate get
        a week or a month as ``time_precision`` and a note. ``None`` (the
        default) estimates nothing.

    Returns
    -------
    list of Incident
        In text order. ``event_date`` is ISO with ACLED ``time_precision``;
        ``char_start``/``char_end`` are offsets into the file (front matter
        included); ``fatalities`` is ``None`` when the text gives no figure
        and 0 when it says nobody died ("causing no casualties") or reports
        injuries only ("two policemen were injured").

    Notes
    -----
    Pure function: no I/O and no global state; safe to map over partitions
    of a corpus in parallel. An article that nothing dates (see
    :func:`undatable`) gives no incident; a warning on the module's logger
    says so.
    """
    text = article.text
    if not text.strip():
        return []
    doc = Document(text, title=article.title)
    words = word_starts(text)  # read once by the trigger, date and actor scanners
    triggers = find_triggers(text, words=words)
    if not doc.spans or not triggers:
        return []
    ctx = scan_article(article, doc, gazetteer, triggers=triggers, nlp=nlp, today=today, numbers=numbers, words=words)

    by_sentence: dict[int, list[Trigger]] = {}
    for t in triggers:
        by_sentence.setdefault(doc.index(t.start), []).append(t)
    drafts: list[Draft] = []
    for si in sorted(by_sentence):
        if doc.is_prose(si):
            drafts.extend(sentence_incidents(ctx, si, by_sentence[si]))
    if not drafts and undatable(article, numbers=numbers):
        # nothing is dropped silently: an undated page ("on Friday", no year) gives its events no date
        events = sum(1 for si in by_sentence if doc.is_prose(si))
        logger.warning(
            "%s: %d sentences tell violent events, but the article has no publication date and its text no year: "
            "none can be dated (give it a `published:` date in its front matter)",
            article.doc_id,
            events,
        )

    date_same_day(ctx, drafts)
    strong = drop_coarse_duplicates([d for d in drafts if not d.weak])
    drafts = [d for d in drafts if d.weak or d in strong]
    drafts, taken = merge_incidents(ctx, drafts)
    harvest_following(ctx, drafts, taken)
    actor_from_before(ctx, drafts)
    actor_from_infobox(ctx, drafts)
    actor_from_claim(ctx, drafts)
    place_from_article(ctx, drafts)
    drafts = merge_retellings(ctx, drafts)
    drafts = fold_same_day_duplicates(ctx, drafts)
    mark_summaries(ctx, drafts)
    for d in drafts:
        d.confidence, d.reason = assess(ctx, d)
    return [to_incident(ctx, d, article) for d in drafts]
