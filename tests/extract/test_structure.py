"""Document structure (geo.extract.structure) and sentences (geo.extract.sentences)."""

from __future__ import annotations

import pytest

from geo.dates import find_dates
from geo.extract.dates import is_report_date
from geo.extract.sentences import Document
from geo.extract.structure import classify_paragraphs
from geo.extract.triggers import find_triggers
from geo.gazetteer import Gazetteer
from tests.extract.helpers import run


def test_headline_byline_caption_and_prose() -> None:
    paragraphs = [
        "Suicide bombers target security facility in northwest Pakistan, kill 13",
        "Reuters Published 05.03.25, 03:46 PM",
        "People ride motorbikes past damaged houses following Tuesday's suicide bombing in Bannu.",
        "People ride motorbikes past damaged houses following Tuesday's suicide bombing in Bannu. Reuters",
        "Suicide bombers slammed into a security installation in Bannu on Tuesday, killing 13 civilians.",
        "ADVERTISEMENT",
    ]
    kinds = classify_paragraphs(
        paragraphs, title="Suicide bombers target security facility in northwest Pakistan, kill 13"
    )
    assert kinds == ["title", "meta", "caption", "caption", "prose", "boilerplate"]


def test_infobox_lines_of_an_encyclopedia_entry() -> None:
    paragraphs = [
        "Part of the Insurgency in Khyber Pakhtunkhwa",
        "DateFirst phase: 16 March – 19 March 2024[3][4]",
        "Casualties and losses",
        "First phase: 61 killed or wounded[a]",
        "Noor Wali Mehsud",
        "The 2024 skirmishes are a series of armed clashes between Afghanistan and Pakistan.[6]",
    ]
    assert classify_paragraphs(paragraphs) == ["infobox", "infobox", "infobox", "infobox", "heading", "prose"]


def test_list_items_and_headings() -> None:
    paragraphs = [
        "Timeline of attacks",
        "- 2021-2022: Rising skirmishes after the takeover",
        "- 5 January: Militants killed six soldiers in Bannu.",
        "The article continues in a sentence cut off by the excerpt",
    ]
    # the last paragraph may be a sentence cut off by the excerpt: prose, not a heading
    assert classify_paragraphs(paragraphs) == ["title", "heading", "item", "prose"]


def test_a_long_line_without_a_full_stop_is_a_standfirst() -> None:
    kinds = classify_paragraphs(
        [
            "At least 30 people were wounded, said a spokesperson for a nearby hospital, all of them civilians caught",
            "The blast killed 13 people.",
        ]
    )
    assert kinds == ["heading", "prose"]


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("Fighting spread to Khost and Paktika.[6] Later attacks hit Turbat.", 2),
        ("Fighting spread to Khost and Paktika. [6] [7] Later attacks hit Turbat.", 2),
        ("Lt. Gen. Ahmed said the attack in Bannu killed two. Police confirmed it.", 2),
        ("The D.I. Khan attack killed two. It was claimed by the TTP.", 2),
    ],
)
def test_sentence_splitting(text: str, sentences: int) -> None:
    doc = Document(text)
    assert len(doc.spans) == sentences
    assert not any(text[s:e].startswith("[") for s, e, _ in doc.spans)  # reference marks end a sentence


def test_only_prose_reports_incidents() -> None:
    text = "Bombing in Bannu\n\nA bomb killed two people in Bannu on Monday.\n\nSubscribe to our newsletter"
    doc = Document(text, title="Bombing in Bannu")
    assert [doc.is_prose(i) for i in range(len(doc.spans))] == [False, True, False]
    assert [doc.kind(i) for i in range(len(doc.spans))] == ["title", "prose", "boilerplate"]


def test_an_encyclopedia_reference_entry_is_not_an_incident(gaz: Gazetteer) -> None:
    text = (
        "On 7 October 2024, a bomb killed two people near Quetta airport.\n\n"
        '- ↑ "Explosion kills one, injures several, near Quetta airport". Sky News. Retrieved 8 October 2024.'
    )
    assert len(run(gaz, text)) == 1


def test_reference_list_lines_are_boilerplate() -> None:
    kinds = classify_paragraphs(
        [
            "On 7 October 2024, a bomb killed two people near Quetta airport.",
            '- ↑ "Explosion kills one, injures several, near Quetta airport". Sky News. Retrieved 8 October 2024.',
            '^ "Blast near airport". Dawn. Archived from the original on 9 October 2024.',
        ]
    )
    assert kinds[1:] == ["boilerplate", "boilerplate"]


def test_a_stop_run_into_the_next_sentence_still_ends_it() -> None:
    doc = Document("No group has claimed responsibility for the attack.In a separate incident, two men were shot.")
    assert len(doc.spans) == 2


@pytest.mark.parametrize(
    ("text", "date", "report"),
    [
        pytest.param("Shillong, November 27: Two civilians died in Bannu.", "November 27", True, id="dateline"),
        pytest.param(
            "Islamabad [Pakistan], August 1 (ANI): The group claimed the blast.", "August 1", True, id="agency dateline"
        ),
        pytest.param(
            "A suicide attack killed 12 soldiers, the military said on Wednesday (Nov 20).",
            "Nov 20",
            True,
            id="the day of 'said on Wednesday'",
        ),
        pytest.param(
            "Balochistan [Pakistan] July 25 : The BLA said its members killed seven soldiers.",
            "July 25",
            True,
            id="a bracketed dateline without its comma",
        ),
        pytest.param(
            "Islamabad, 15 October (H.S.): Intense fighting erupted along the border on Tuesday night.",
            "15 October",
            True,
            id="an agency with full stops",
        ),
        pytest.param(
            "ISLAMABAD, Dec. 4 (Xinhua) -- Three policemen were killed in a terrorist attack in Nowshera.",
            "Dec. 4",
            True,
            id="a wire dateline with two hyphens",
        ),
        pytest.param(
            "In a statement on November 23, ISIS announced that its operatives targeted the shrine.",
            "November 23",
            True,
            id="the day of a statement",
        ),
        pytest.param(
            "Sixteen soldiers were martyred in Makeen, said military's media wing on Saturday.",
            "Saturday",
            True,
            id="the verb before its source",
        ),
        pytest.param(
            "The PM condemned the attack in Makeen, Dunya News reported here on Saturday.",
            "Saturday",
            True,
            id="reported here",
        ),
        pytest.param(
            "Police said militants attacked a post on Saturday.", "Saturday", False, id="said, then the event"
        ),
        pytest.param("On November 27, two civilians died in Bannu.", "November 27", False, id="an event date"),
        pytest.param("In Bannu, November 27 saw two attacks.", "November 27", False, id="no dateline"),
    ],
)
def test_a_dateline_dates_the_report_not_the_event(text: str, date: str, report: bool) -> None:
    (m,) = [m for m in find_dates(text) if m.text == date]
    assert is_report_date(text, Document(text), m) is report


@pytest.mark.parametrize(
    ("text", "word", "cls"),
    [
        pytest.param("Gunmen shot a policeman in Bannu.", "shot", "attack", id="shot a person"),
        pytest.param("The constable was shot in the leg.", "shot", "attack", id="was shot"),
        pytest.param("Indiscriminate firing by unidentified men killed two.", "firing", "attack", id="firing"),
        pytest.param("Two civilians were caught in crossfire.", "crossfire", "attack", id="crossfire"),
        pytest.param("An encounter ensued where the attackers were fired on.", "encounter", "clash", id="an encounter"),
        pytest.param(
            "Eleven people, including security personnel, were dead in Kalat.", "dead", "kill", id="were dead"
        ),
        pytest.param(
            "It emerged that six bodies were discovered in Bolan.", "bodies were discovered", "kill", id="bodies found"
        ),
    ],
)
def test_more_ways_of_telling_a_violent_act_are_triggers(text: str, word: str, cls: str) -> None:
    assert (word, cls) in [(t.text, t.cls) for t in find_triggers(text)]


def test_a_screenshot_or_a_shot_at_goal_is_no_trigger() -> None:
    assert not [t for t in find_triggers("A screenshot of the shot clock.") if t.text.lower().startswith("shot")]


def test_the_entries_of_a_yearly_list_are_items_without_a_full_stop() -> None:
    lines = [
        "=== January ===",
        "- 3 January - Islamic State terrorists killed 11 coal miners in Machh",
        "- 2 February",
        "  - Raids on two army camps in Panjgur and Nushki",
        "- Further reading",
        "The list continues in a sentence cut off by the excerpt",
    ]
    assert classify_paragraphs(lines) == ["title", "item", "heading", "item", "heading", "prose"]


def test_a_yearly_list_entry_takes_its_day_and_the_place_its_event_is_named_after(gaz: Gazetteer) -> None:
    text = (
        "Events of the year 2022 in Pakistan.\n\n== Events ==\n\n"
        "- 20 January – 2022 Quetta bombing near the main bazaar kills at least 3 people and injures 20.\n"
        "- 25 January – 2022 Bannu district attack\n"
        "- 26 January – 2022 Pakistan Super League opens in Karachi"
    )
    found = run(gaz, text, published=None)
    assert [(i.event_date, i.location) for i in found] == [("2022-01-20", "Quetta"), ("2022-01-25", "Bannu")]
