"""From a draft to an :class:`geo.incidents.Incident` record."""

from __future__ import annotations

import re
from typing import Final

from geo.actors import (
    COUNTRY_NAMES,
    GENERIC_ARMED,
    GENERIC_CIVILIANS,
    UNIDENTIFIED_ARMED_GROUP,
    resolve_generic,
)
from geo.articles import Article
from geo.extract.events import injuries_only
from geo.extract.model import COUNTRY_ONLY_NOTE, Context, Draft
from geo.incidents import Incident, make_event_id

#: Punctuation and a conjunction that open a clause cut from its sentence.
_CLAUSE_LEAD: Final[re.Pattern[str]] = re.compile(r"^[\s,;:—–-]*(?:(?:and|while|whereas|but)\s+)?")
#: Joins the sentences of one incident told in several places of an article.
EVIDENCE_JOINER: Final[str] = " … "
#: Means only armed groups use: an unnamed suicide bomber or planter of a bomb is an armed group's.
_GROUP_MEANS: Final[frozenset[str]] = frozenset({"suicide", "ied", "grenade"})
#: Means of states: an unnamed air strike or shelling stays without actor1.
_STATE_MEANS: Final[frozenset[str]] = frozenset({"air", "shell"})
UNNAMED_PERPETRATOR_NOTE: Final[str] = "perpetrator not named: an unidentified armed group, as ACLED codes it"


def unnamed_armed_perpetrator(d: Draft) -> bool:
    """Whether a draft with no actor1 is an armed group's act whose group the text does not name.

    ACLED codes an attack by unknown perpetrators with actor1
    "Unidentified Armed Group (<country>)" rather than none: a bombing
    ("an IED blast killed two soldiers"), or an act whose victims are state
    forces or civilians ("two policemen were martyred in an attack"). Air
    strikes and shelling are state means and stay without actor1.
    """
    if d.actor1 is not None or d.cls in _STATE_MEANS:
        return False
    if d.cls in _GROUP_MEANS:
        return True
    victim = d.actor2
    return victim is not None and (victim.is_state or victim.name == GENERIC_CIVILIANS)


def to_incident(ctx: Context, d: Draft, article: Article) -> Incident:
    """The :class:`~geo.incidents.Incident` record of a finished draft."""
    text = ctx.text
    raw = text[d.start : d.end]
    # a clause cut from its sentence starts at its first word ("and two policemen in Bannu": "two ...")
    lead = len(raw) - len(_CLAUSE_LEAD.sub("", raw, count=1))
    start = d.start + lead if d.lead_start is None else min(d.lead_start, d.start)
    evidence = text[start : d.end].rstrip()
    if d.lead_span is not None:
        # the first telling, then the sentence that places the incident; the offsets are the first telling's
        evidence = text[slice(*d.lead_span)].strip() + EVIDENCE_JOINER + evidence.strip()
        start = d.lead_span[0]
        end = d.lead_span[1]
    else:
        end = start + len(evidence)
    # a retelling later in the article adds its sentence; the offsets stay those of the first telling
    for s, e in sorted(set(d.extra_spans)):
        told = text[s:e].strip()
        if told in evidence:
            continue  # the same words told twice (a standfirst repeated in the body): evidence once
        if not start <= s < end and not (d.lead_span is not None and d.start <= s < d.end):
            evidence += EVIDENCE_JOINER + told
    place = d.place
    country_code = d.country_code or (place.country_code if place else "")
    event_country = country_code or ctx.default_country
    year = d.date.date.year
    notes = list(d.notes)
    perpetrator = d.actor1
    if unnamed_armed_perpetrator(d):
        perpetrator = UNIDENTIFIED_ARMED_GROUP
        notes.append(UNNAMED_PERPETRATOR_NOTE)
    actor1, inter1 = ("", None) if perpetrator is None else resolve_generic(perpetrator, event_country, year=year)
    actor2, inter2 = ("", None) if d.actor2 is None else resolve_generic(d.actor2, event_country, year=year)
    if actor2 == actor1 and d.cls != "clash":
        # one side named twice ("Pakistan Army soldiers ... the army") is no second actor; a clash
        # within one force (a mutiny, infighting) keeps both sides
        actor2, inter2 = "", None
    if perpetrator is not None and perpetrator.name == GENERIC_ARMED and actor1.startswith("Unidentified"):
        inter1 = 3
    admin1 = admin2 = ""
    lat = lon = None
    place_id = geocoder = ""
    if place is not None and place.feature_type == "country":
        # a country is no event location: the incident keeps its country but
        # no point (a dot in the middle of the country would mislead the map)
        notes.append(COUNTRY_ONLY_NOTE)
        place = None
    if place is not None:
        admin1 = place.admin1 or (place.name if place.feature_type == "province" else "")
        admin2 = place.admin2 or (place.name if place.feature_type == "district" else "")
        lat, lon = place.lat, place.lon
        place_id, geocoder = place.place_id, "gazetteer"
    event_type, sub_event_type = d.event_type
    time_precision = d.date.precision
    estimate = ctx.published_estimate
    if estimate is not None and d.date.inferred:
        # dated relative to a publication day that is only estimated: a week or a month, not a day
        time_precision = max(time_precision, estimate.time_precision)
        notes.append(estimate.note)
    fatalities = d.fatalities
    if fatalities is None and injuries_only(evidence):
        # "two policemen were injured when ...": ACLED codes 0, nobody is reported dead
        fatalities = 0
        notes.append("injuries only: no deaths reported")
    return Incident(
        event_date=d.date.iso,
        time_precision=time_precision,
        event_type=event_type,
        sub_event_type=sub_event_type,
        doc_id=article.doc_id,
        evidence=evidence,
        char_start=article.body_offset + start,
        char_end=article.body_offset + end,
        actor1=actor1,
        actor2=actor2,
        inter1=inter1,
        inter2=inter2,
        country=COUNTRY_NAMES.get(country_code, ""),
        country_code=country_code,
        admin1=admin1,
        admin2=admin2,
        location=d.location_text,
        latitude=lat,
        longitude=lon,
        geo_precision=d.geo_precision if place is not None else None,
        fatalities=fatalities,
        notes="; ".join(dict.fromkeys(notes)),
        source=article.source,
        source_url=article.url,
        confidence=d.confidence,
        reason=d.reason,
        place_id=place_id,
        geocoder=geocoder,
        event_id=make_event_id(article.doc_id, article.body_offset + start, article.body_offset + end, event_type)
        if not d.split_key
        else make_event_id(
            article.doc_id, article.body_offset + start, article.body_offset + end, f"{event_type}|{d.split_key}"
        ),
    )
