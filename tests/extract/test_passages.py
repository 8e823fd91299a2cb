"""From sentences to drafts (geo.extract.passages), places (geo.extract.places) and dates of a timeline."""

from __future__ import annotations

import datetime as dt

import pytest

from geo import settings
from geo.articles import Article
from geo.extract import extract_incidents
from geo.gazetteer import Gazetteer
from tests.conftest import _place
from tests.extract.helpers import article, only, run, shown


def test_two_dated_clauses_are_two_incidents(gaz: Gazetteer) -> None:
    text = (
        "Two civilians were killed by a roadside bomb in Quetta on 6 May, "
        "while five people were killed when their bus was hit by a bomb in Peshawar on 7 May."
    )
    found = run(gaz, text)
    assert [(i.event_date, i.location) for i in found] == [("2025-05-06", "Quetta"), ("2025-05-07", "Peshawar")]
    assert not found[1].evidence.startswith(",")


def test_a_range_of_dates_does_not_split(gaz: Gazetteer) -> None:
    found = run(gaz, "Between 6 May and 7 May, militants attacked checkposts in Bannu, killing four soldiers.")
    assert len(found) == 1


def test_a_date_heading_dates_the_paragraphs_below(gaz: Gazetteer) -> None:
    text = (
        "December 19:\n\nFour policemen were martyred in a terrorist attack on a police station in Bannu.\n\n"
        "December 20:\n\nOne soldier lost his life when a suicide bomber rammed a vehicle in Mir Ali."
    )
    found = run(gaz, text, published=dt.date(2023, 1, 30))
    assert [(i.event_date, i.time_precision, i.location) for i in found] == [
        ("2022-12-19", 1, "Bannu"),
        ("2022-12-20", 1, "Mir Ali"),
    ]
    assert all("section heading" in i.notes for i in found)


def test_dated_list_items_are_incidents_each(gaz: Gazetteer) -> None:
    text = (
        "On January 2, 2025, six barbers were killed by gunmen in Mir Ali. "
        "On January 2, 2025, four militants were killed by security forces during an operation in North Waziristan."
    )
    assert len(run(gaz, text)) == 2


def test_a_plural_type_word_types_every_name_of_a_list(gaz: Gazetteer) -> None:
    found = run(gaz, "Drone strikes hit militant hideouts in Khost and Paktika provinces on 3 May 2025.")
    assert sorted(i.location for i in found) == ["Khost", "Paktika"]
    assert all(i.admin1 in ("Khost", "Paktika") for i in found)


def test_the_dateline_places_an_unplaced_incident(gaz: Gazetteer) -> None:
    inc = only(gaz, "QUETTA: A police constable was martyred when a check post came under attack on Tuesday.")
    assert inc.location == "Quetta" and inc.geo_precision == 2


def test_a_year_in_the_title_dates_an_undated_list(gaz: Gazetteer) -> None:
    from geo.articles import Article
    from geo.extract import extract_incidents

    body = "Events\n\n6 January – Militants attacked a checkpost in Bannu, killing four soldiers."
    found = extract_incidents(Article(doc_id="l", text=body, title="2025 in Pakistan"), gaz)
    assert [(i.event_date, i.time_precision) for i in found] == [("2025-01-06", 1)]
    # without a year anywhere there is no date, and no record
    assert extract_incidents(Article(doc_id="l", text=body, title="Events in Pakistan"), gaz) == []


def test_taking_control_of_a_building_is_an_event(gaz: Gazetteer) -> None:
    inc = only(gaz, "On 19 December 2022, detained militants took control of a police building in Bannu.")
    assert inc.event_type == "Battles"


def test_a_since_date_is_not_the_narrative_date(gaz: Gazetteer) -> None:
    text = "The strikes were the first reported since 2022. Mortars fired by the Taliban wounded four people in Kurram."
    found = [i for i in run(gaz, text, published=dt.date(2025, 3, 18)) if "Kurram" in i.location]
    assert [(i.event_date, i.time_precision) for i in found] == [("2025-03-18", 1)]


def test_strikes_on_hideouts_in_a_place_fell_there(gaz: Gazetteer) -> None:
    found = run(gaz, "Pakistan conducted airstrikes on suspected TTP hideouts in Khost on 3 May 2025.")
    assert [i.location for i in found] == ["Khost"]


def test_an_event_in_a_since_clause_is_its_own_incident(gaz: Gazetteer) -> None:
    text = "Today's attack was the first on Kunar since they raided Bajaur last month."
    found = run(gaz, text, published=dt.date(2025, 5, 8))
    assert ("2025-04-01", 3, "Bajaur") in [(i.event_date, i.time_precision, i.location) for i in found]


def test_victims_listed_by_place_are_one_incident_each(gaz: Gazetteer) -> None:
    text = "In separate attacks on Tuesday, militants killed three soldiers in Mir Ali and two policemen in Bannu."
    found = run(gaz, text)
    assert [(i.location, i.fatalities) for i in found] == [("Mir Ali", 3), ("Bannu", 2)]
    assert all(i.actor1 == "Unidentified Armed Group (Pakistan)" for i in found)
    assert found[1].evidence.startswith("two policemen")


def test_a_dateline_is_not_the_place_of_a_first_victim_count(gaz: Gazetteer) -> None:
    text = "QUETTA: One person was killed and seven others injured in Bannu blast on Tuesday, Geo News reported."
    inc = only(gaz, text)
    assert (inc.location, inc.fatalities) == ("Bannu", 1)
    assert inc.evidence.startswith("QUETTA: One person was killed")


def test_a_group_the_victims_belong_to_is_not_another_agent(gaz: Gazetteer) -> None:
    text = (
        "The security forces on Friday killed two terrorists of Balochistan Liberation Front (BLF) amid heavy "
        "exchange of fire during an operation near Bannu."
    )
    inc = only(gaz, text)
    assert inc.evidence.startswith("The security forces on Friday killed two terrorists")


def test_a_separately_reported_incident_stands_alone(gaz: Gazetteer) -> None:
    text = (
        "Gunmen ambushed a police patrol in Peshawar on Monday, killing four officers, police said. "
        "Separately, a roadside bomb killed a child in Bajaur district."
    )
    assert [i.location for i in run(gaz, text)] == ["Peshawar", "Bajaur"]


def test_a_total_since_a_date_is_background(gaz: Gazetteer) -> None:

    found = run(gaz, "Since January, at least 300 people have been killed in attacks in Khyber Pakhtunkhwa.")
    assert all(i.confidence < settings.CONFIDENCE_THRESHOLD and "total since" in i.reason for i in found)
    found = run(gaz, "Between January and March, 300 people were killed in attacks in Khyber Pakhtunkhwa.")
    assert all(i.confidence < settings.CONFIDENCE_THRESHOLD for i in found)


def test_a_possessive_year_does_not_date_the_event(gaz: Gazetteer) -> None:
    text = (
        "A suicide bomber rammed his car into a police station in Bannu, "
        "killing 23 officers in this year's worst attack."
    )
    found = run(gaz, text, published=dt.date(2023, 12, 15))
    assert [(i.time_precision <= 2) for i in found] == [True]


def test_a_weekday_dates_an_undated_page_when_today_is_known(gaz: Gazetteer) -> None:
    from geo.articles import Article
    from geo.extract import extract_incidents

    text = "On Tuesday, April 18, three former soldiers were killed by gunmen in Bannu."
    article = Article(doc_id="w", text=text)
    assert extract_incidents(article, gaz) == []  # no year anywhere, no clock: no date
    found = extract_incidents(article, gaz, today=dt.date(2026, 12, 6))
    assert [(i.event_date, i.time_precision) for i in found] == [("2023-04-18", 1)]  # the latest Tuesday 18 April


def test_a_lead_without_a_date_takes_the_next_sentence_s(gaz: Gazetteer) -> None:
    from geo.articles import Article
    from geo.extract import extract_incidents

    text = (
        "Taliban forces killed eight militants during an operation in Kabul. "
        "The operation was carried out on 11 June 2022 in the city's fourth district."
    )
    found = extract_incidents(Article(doc_id="n", text=text), gaz)
    assert found and found[0].event_date == "2022-06-11" and found[0].evidence.startswith("Taliban forces killed")


def test_a_day_earlier_counts_back_from_the_running_date(gaz: Gazetteer) -> None:
    text = (
        "On Friday, militants attacked a police post in Bannu, killing two officers. "
        "A day earlier, two terrorists were killed in an operation in Bajaur district."
    )
    found = run(gaz, text, published=dt.date(2024, 3, 8))
    assert [(i.event_date, i.location) for i in found] == [("2024-03-08", "Bannu"), ("2024-03-07", "Bajaur")]


def test_an_earlier_event_in_a_trailing_clause_is_its_own_incident(gaz: Gazetteer) -> None:
    text = (
        "A policeman was shot dead in Bannu on Tuesday, a day after two soldiers were killed "
        "in a roadside bomb blast in North Waziristan."
    )
    found = run(gaz, text, published=dt.date(2025, 3, 12))
    got = sorted((i.event_date, i.location, i.fatalities) for i in found)
    assert got == [("2025-03-10", "North Waziristan", 2), ("2025-03-11", "Bannu", 1)]


def test_a_day_after_a_reference_back_is_one_incident(gaz: Gazetteer) -> None:
    text = "Militants attacked a check post in Bannu on Tuesday, killing three policemen, a day after the attack."
    found = run(gaz, text, published=dt.date(2025, 3, 12))
    assert [(i.location, i.fatalities) for i in found] == [("Bannu", 3)]


def test_an_address_is_not_a_list_of_places(gaz: Gazetteer) -> None:
    text = (
        "On 30 July 2023, a suicide bomber killed 40 people at a rally in Mir Ali, "
        "North Waziristan, Khyber Pakhtunkhwa."
    )
    assert [i.location for i in run(gaz, text)] == ["Mir Ali"]


def test_a_background_year_does_not_date_a_later_report(gaz: Gazetteer) -> None:
    text = (
        "In 2009 the army cleared the valley of militants.\n\n"
        "Separately, six militants stormed a checkpoint in Bannu, killing two policemen, officials said."
    )
    found = [i for i in run(gaz, text, published=dt.date(2014, 6, 11)) if i.location == "Bannu"]
    assert [(i.event_date, i.time_precision) for i in found] == [("2014-06-11", 2)]


def test_a_report_without_an_actor_over_two_districts_gives_one_incident_each(gaz: Gazetteer) -> None:
    text = (
        "Security forces killed four militants in North Waziristan on 7 March 2025, the military said. "
        "A day earlier, two terrorists were killed in separate operations in KP's Bajaur and Kohat districts."
    )
    places = sorted(i.location for i in run(gaz, text) if i.event_date == "2025-03-06")
    assert places == ["Bajaur", "Kohat"]


def test_the_next_day_and_days_later_count_on_from_the_running_date(gaz: Gazetteer) -> None:
    text = (
        "On 11 March 2025, militants attacked a train near Quetta, killing 21 people. "
        "The next day, security forces killed 33 militants in Quetta. "
        "Two days later, a bomb killed five people in Peshawar."
    )
    assert [i.event_date for i in run(gaz, text)] == ["2025-03-11", "2025-03-12", "2025-03-13"]


def test_a_year_heading_dates_the_list_below_it(gaz: Gazetteer) -> None:
    text = (
        "== 2024 ==\n\n=== January ===\n\n* 5 January – A bomb killed three people in Quetta.\n"
        "* 9 January – Gunmen killed two policemen in Bannu."
    )
    assert [i.event_date for i in run(gaz, text)] == ["2024-01-05", "2024-01-09"]  # published 2025-05-08


def test_the_year_of_a_yearly_lists_title_dates_its_items(gaz: Gazetteer) -> None:
    items = "\n\n".join(
        f"{d} January – A bomb killed {n} people in {p}."
        for d, n, p in ((5, 3, "Quetta"), (9, 2, "Bannu"), (12, 4, "Kabul"))
    )
    found = extract_incidents(
        Article(doc_id="t", text=items, source="T", url="", published=dt.date(2025, 5, 8), title="Attacks in 2024"), gaz
    )
    assert [i.event_date for i in found] == ["2024-01-05", "2024-01-09", "2024-01-12"]
    news = extract_incidents(
        Article(
            doc_id="t",
            text=items.split("\n\n")[0],
            source="T",
            url="",
            published=dt.date(2025, 5, 8),
            title="Attacks in 2024",
        ),
        gaz,
    )
    assert [i.event_date for i in news] == ["2025-01-05"]  # one dated sentence is not a list


def test_an_unknown_place_before_its_district_gives_the_district(gaz: Gazetteer) -> None:
    inc = only(
        gaz, "On 12 December 2024, militants attacked a police station in Daraban, Kohat District, killing five."
    )
    assert inc.location == "Kohat"


def test_an_encyclopedia_lead_that_names_the_day_of_an_attack_is_an_incident(gaz: Gazetteer) -> None:
    inc = only(gaz, "The Bannu air base attack occurred on 4 November 2023.")
    assert inc.event_date == "2023-11-04"


def test_two_clauses_with_their_own_act_toll_and_place_are_two_incidents(gaz: Gazetteer) -> None:
    text = (
        "On 3 May 2025, 14 soldiers were killed in an ambush in Balochistan while five people were killed "
        "in a bomb attack targeting police in Kohat."
    )
    assert sorted((i.location, i.fatalities) for i in run(gaz, text)) == [("Balochistan", 14), ("Kohat", 5)]


def test_a_list_of_distant_places_of_different_types_gives_one_incident_each(gaz: Gazetteer) -> None:
    text = "On 3 May 2025, Pakistan conducted precision strikes on hideouts in Paktika province and Kabul."
    assert sorted(i.location for i in run(gaz, text)) == ["Kabul", "Paktika"]


def test_each_part_of_a_split_sentence_keeps_its_own_date(gaz: Gazetteer) -> None:
    text = (
        "Earlier this year, in April, 9 passengers were killed in Quetta "
        "and 6 were murdered in the Kohat district in October 2024."
    )
    found = sorted((i.event_date, i.location) for i in run(gaz, text))
    assert found == [("2024-10-01", "Kohat"), ("2025-04-01", "Quetta")]


def test_a_sentence_opening_with_in_and_a_place_is_located_there(gaz: Gazetteer) -> None:
    inc = only(gaz, "In Kohat, a motorcyclist detonated explosives early Thursday, killing two people.")
    assert inc.location == "Kohat"


def test_two_dated_items_of_one_day_in_one_district_with_other_tolls_stay_two(gaz: Gazetteer) -> None:
    text = (
        "On 12 September 2024, at least 13 militants were killed in an encounter in the Badar area of Kurram.\n\n"
        "On 12 September 2024, at least nine militants and one soldier were killed in a clash in the Kalosha area "
        "of Kurram."
    )
    assert len(run(gaz, text)) == 2


def test_blowing_up_a_railway_track_is_a_remote_explosive_incident(gaz: Gazetteer) -> None:
    inc = only(gaz, "On 26 August 2024, militants blew up a railway track near Quetta.")
    assert inc.sub_event_type == "Remote explosive/landmine/IED"


def test_a_place_after_lower_or_upper_is_still_located(gaz: Gazetteer) -> None:
    inc = only(gaz, "On 21 November 2024, gunmen killed 42 passengers in an attack in Lower Kurram district.")
    assert inc.location == "Kurram"


def test_the_first_report_of_a_reaction_story_is_an_incident(gaz: Gazetteer) -> None:
    text = (
        "The governor strongly condemned the attack on the passenger vehicles in Kurram district on Thursday "
        "and expressed his sorrow over the loss of more than 30 lives."
    )
    assert only(gaz, text).location == "Kurram"


def test_days_later_after_the_verb_counts_on(gaz: Gazetteer) -> None:
    text = "On 16 January 2024, Iran struck targets in Quetta. Pakistan retaliated two days later, striking Kabul."
    assert [i.event_date for i in run(gaz, text)] == ["2024-01-16", "2024-01-18"]


def test_a_country_used_as_a_modifier_is_not_the_place(gaz: Gazetteer) -> None:
    inc = only(
        gaz, "On 26 April 2022, a suicide bomber targeted a van near the Kabul-built institute in Quetta, killing four."
    )
    assert inc.location == "Quetta"


def test_a_week_after_counts_back_a_week(gaz: Gazetteer) -> None:
    text = (
        "On 15 October 2021, a suicide bomber killed 47 people at a mosque in Kabul. "
        "It came a week after another bombing killed 50 people in Khost."
    )
    found = sorted((i.event_date, i.time_precision) for i in run(gaz, text))
    assert found == [("2021-10-08", 2), ("2021-10-15", 1)]


def test_a_monitor_list_of_continued_clashes_gives_one_incident_per_province(gaz: Gazetteer) -> None:
    text = (
        "In Afghanistan, the NRF continued to clash with the Taliban in Khost, Paktika, and Kunar provinces "
        "during the past month."
    )
    found = sorted((i.location, i.time_precision) for i in run(gaz, text))
    assert found == [("Khost", 3), ("Kunar", 3), ("Paktika", 3)]


def test_continued_attacks_without_a_list_of_places_stay_a_trend(gaz: Gazetteer) -> None:
    assert run(gaz, "Militants continued to clash with troops in Kunar, officials said on 3 May 2025.") == []


def test_a_list_of_places_each_with_its_province_gives_one_incident_each(gaz: Gazetteer) -> None:
    text = (
        "On 3 May 2025, the Taliban conducted operations against IS in Khost city in Khost, Kabul city in Kabul, "
        "and Quetta city in Balochistan, killing multiple IS militants."
    )
    assert sorted(i.location for i in run(gaz, text)) == ["Kabul", "Khost", "Quetta"]


def test_two_clauses_in_places_far_apart_are_two_incidents_without_two_tolls(gaz: Gazetteer) -> None:
    text = (
        "On 16 July 2025, two policemen were martyred in Kohat district, while a gas pipeline was blown up in Quetta."
    )
    assert sorted(i.location for i in run(gaz, text)) == ["Kohat", "Quetta"]


def test_a_quadcopter_drone_used_to_target_a_vehicle_is_a_drone_strike(gaz: Gazetteer) -> None:
    inc = only(
        gaz,
        "On July 10, 2025, a constable was hurt when militants used a quadcopter drone to target a van in Bannu.",
    )
    assert inc.sub_event_type == "Air/drone strike"


def test_a_counter_terrorism_operation_is_a_clash(gaz: Gazetteer) -> None:
    inc = only(
        gaz, "The joint counter-terrorism operation against terrorists in Bannu concluded on Friday, killing six."
    )
    assert inc.event_type == "Battles"


def test_a_list_of_places_in_a_dated_timeline_item_gives_one_incident_each(gaz: Gazetteer) -> None:
    text = (
        "- October 10–11: Eleven soldiers killed in clashes with militants in Kurram. Early firefights erupt at "
        "multiple border points, including Kunar and Khost provinces."
    )
    found = sorted(i.location for i in run(gaz, text, published=dt.date(2025, 10, 15)))
    assert found == ["Khost", "Kunar", "Kurram"]


def test_a_month_told_paragraphs_after_a_background_date_takes_the_latest_year(gaz: Gazetteer) -> None:
    text = (
        "The TTP ended its ceasefire with the government in November 2022.\n\n"
        "In November, 14 soldiers were killed after militants attacked two vehicles in Quetta."
    )
    found = [i for i in run(gaz, text, published=dt.date(2024, 3, 20)) if i.location == "Quetta"]
    assert [(i.event_date, i.time_precision) for i in found] == [("2023-11-01", 3)]


def test_a_month_heading_dates_its_section_in_a_retrospective(gaz: Gazetteer) -> None:
    text = (
        "A timeline of major attacks on security sites since 2013.\n\n"
        "February 2013\n\n"
        "On Feb 14, a suicide bomber killed 11 people at a security post in Bannu."
    )
    found = [i for i in run(gaz, text, published=dt.date(2023, 2, 19)) if i.location == "Bannu"]
    assert [i.event_date for i in found] == ["2013-02-14"]


def test_a_university_named_after_its_city_places_the_incident_there(gaz: Gazetteer) -> None:
    text = "On 2 May 2025, a suicide bomber killed three people inside University of Peshawar."
    assert [i.location for i in run(gaz, text)] == ["Peshawar"]


def test_an_undated_page_may_tell_a_day_after_the_latest_date_it_gives(gaz: Gazetteer) -> None:
    text = (
        "The December 24, 2024, airstrikes by Pakistan in Paktika killed 46 people.\n\n"
        "The Taliban attacked Pakistani border posts in Khost on December 28, killing two soldiers."
    )
    found = [i for i in run(gaz, text, published=None) if i.location == "Khost"]
    assert [i.event_date for i in found] == ["2024-12-28"]


@pytest.mark.parametrize(
    "text",
    [
        "On 2 May 2025, Taliban forces in Khost were clashing with the NRF.",
        "On 2 May 2025, deadly battles between security forces and militants were reported in Bannu.",
        "On 2 May 2025, a Chinese worker was shot and wounded in Peshawar.",
        "On 2 May 2025, troops and terrorists were fighting fiercely in Bannu.",
    ],
)
def test_more_ways_of_telling_a_clash_or_a_shooting(gaz: Gazetteer, text: str) -> None:
    assert len(run(gaz, text)) == 1


def test_a_place_that_saw_the_attack_is_its_place(gaz: Gazetteer) -> None:
    text = "On Thursday, Bannu district saw one of the deadliest attacks in years when 42 people were martyred."
    assert [(i.location, i.fatalities) for i in run(gaz, text)] == [("Bannu", 42)]


def test_a_state_word_before_the_victims_is_not_the_perpetrator(gaz: Gazetteer) -> None:
    found = run(gaz, "On 2 May 2025, two Army soldiers were killed in a roadside bomb blast in Bannu.")
    assert [(i.location, i.fatalities) for i in found] == [("Bannu", 2)]
    assert found[0].actor1 != "Military Forces of Pakistan"
    assert found[0].actor2 == "Military Forces of Pakistan"
    post = run(gaz, "On 2 May 2025, a police check post came under attack in Bannu, killing a constable.")
    assert post[0].actor1 != "Police Forces of Pakistan"


@pytest.mark.parametrize(
    ("text", "victim"),
    [
        pytest.param(
            "On 2 May 2025, four policemen, including a Deputy Superintendent of Police (DSP), were killed in Bannu.",
            "Police Forces of Pakistan",
            id="an aside before the verb",
        ),
        pytest.param(
            "On 2 May 2025, a police constable in Bannu lost his life in a terrorist attack.",
            "Police Forces of Pakistan",
            id="a place before the verb",
        ),
        pytest.param(
            "On 2 May 2025, two soldiers were among four people martyred when their vehicle was attacked in Bannu.",
            "Military Forces of Pakistan",
            id="among the dead",
        ),
        pytest.param(
            "On 2 May 2025, a police post in Bannu came under attack for the second time in two days.",
            "Police Forces of Pakistan",
            id="a post that came under attack",
        ),
        pytest.param(
            "On 2 May 2025, a suicide bomber rammed his car into a police station's gate in Bannu and five others "
            "opened fire.",
            "Police Forces of Pakistan",
            id="another subject acts after 'and'",
        ),
    ],
)
def test_a_force_that_does_nothing_in_its_clause_is_the_target(gaz: Gazetteer, text: str, victim: str) -> None:
    found = run(gaz, text)
    assert [(i.location, i.actor2) for i in found] == [("Bannu", victim)]
    assert found[0].actor1 != victim


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("On 2 May 2025, security forces in Mir Ali killed four terrorists.", id="a place, then the act"),
        pytest.param(
            "On 2 May 2025, security forces, acting on a tip-off, raided a hideout in Mir Ali, killing four.",
            id="an aside, then the act",
        ),
        pytest.param(
            "On 2 May 2025, the army said that it killed four terrorists in Mir Ali.", id="the army says it acted"
        ),
        pytest.param("On 2 May 2025, an army operation in Mir Ali killed four terrorists.", id="its own operation"),
    ],
)
def test_a_force_that_acts_in_its_clause_is_actor1(gaz: Gazetteer, text: str) -> None:
    found = run(gaz, text)
    assert [(i.location, i.actor1) for i in found] == [("Mir Ali", "Military Forces of Pakistan")]


def test_the_first_of_two_sides_that_clashed_is_actor1(gaz: Gazetteer) -> None:
    found = run(gaz, "On 2 May 2025, the TTP and Pakistani security forces clashed in Mir Ali, killing four.")
    assert [(i.actor1, i.actor2) for i in found] == [("TTP: Tehreek-e-Taliban Pakistan", "Military Forces of Pakistan")]


def test_a_suicide_bomber_who_acts_is_the_perpetrator(gaz: Gazetteer) -> None:
    found = run(gaz, "On 2 May 2025, a suicide bomber targeted a police convoy in Bannu, killing five policemen.")
    assert [(i.location, i.fatalities) for i in found] == [("Bannu", 5)]
    assert found[0].actor1 == "Unidentified Armed Group (Pakistan)"


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("May 2, 2025: Pakistan conducts airstrikes in Khost, killing eight people.", id="present tense"),
        pytest.param("On 2 May 2025, Pakistani airstrikes hit hideouts in Khost, killing eight.", id="the strikes"),
        pytest.param("On 2 May 2025, an IBO was conducted in Mir Ali, killing four terrorists.", id="an operation"),
    ],
)
def test_the_state_that_struck_is_actor1(gaz: Gazetteer, text: str) -> None:
    found = run(gaz, text)
    assert len(found) == 1
    assert found[0].actor1 == "Military Forces of Pakistan"


@pytest.mark.parametrize(
    ("text", "actor1"),
    [
        ("On 2 May 2025, TTP militants attacked a police post in Bannu.", "TTP: Tehreek-e-Taliban Pakistan"),
        (
            "On 2 May 2025, Baloch Liberation Army (BLA) militants killed 23 passengers in Quetta.",
            "BLA: Balochistan Liberation Army",
        ),
    ],
)
def test_a_generic_noun_after_a_group_name_is_that_group(gaz: Gazetteer, text: str, actor1: str) -> None:
    assert [i.actor1 for i in run(gaz, text)] == [actor1]


def test_a_year_a_statistic_is_compared_with_does_not_date_the_narrative(gaz: Gazetteer) -> None:
    text = (
        "The group was involved in 300 events thus far in 2023, more than double the events recorded in all of 2022. "
        "Notably, militants clashed with troops in Bannu on 6 September, killing two soldiers."
    )
    found = run(gaz, text, published=dt.date(2023, 10, 5))
    assert [(i.event_date, i.location) for i in found] == [("2023-09-06", "Bannu")]


def test_a_locality_the_gazetteer_lacks_makes_the_town_a_nearby_point(gaz: Gazetteer) -> None:
    area = run(gaz, "On 2 May 2025 in Bannu, militants attacked a police mobile in the Domel area, killing two.")
    assert [(i.location, i.geo_precision) for i in area] == [("Bannu", 2)]
    town = run(gaz, "On 2 May 2025, militants attacked a police mobile in Bannu, killing two.")
    assert [(i.location, i.geo_precision) for i in town] == [("Bannu", 1)]


def test_a_list_typed_as_provinces_types_its_first_name_too(gaz: Gazetteer) -> None:
    found = run(gaz, "On 2 May 2025, Pakistani airstrikes hit hideouts in Khost and Paktika provinces, killing eight.")
    got = sorted((i.location, i.geo_precision, i.admin1) for i in found)
    assert got == [("Khost", 3, "Khost"), ("Paktika", 3, "Paktika")]


def test_attacks_in_a_list_of_areas_the_gazetteer_lacks_are_one_incident_each(gaz: Gazetteer) -> None:
    found = run(gaz, "On 2 May 2025, similar attacks in the Nasir Bagh and Mattani areas were also foiled.")
    assert sorted((i.location, i.latitude) for i in found) == [("Mattani", None), ("Nasir Bagh", None)]
    one = run(gaz, "On 2 May 2025, 16 terrorists were killed in the Narmikhel and Bakakhel areas of Bannu.")
    assert len(one) == 1  # one operation over two areas


def test_a_joint_toll_over_a_list_of_places_is_divided_among_them(gaz: Gazetteer) -> None:
    text = "On 2 May 2025, two engagements took place in Quetta and Peshawar, leading to the killing of three rebels."
    found = run(gaz, text)
    assert sorted((i.location, i.fatalities) for i in found) == [("Peshawar", 1), ("Quetta", 2)]
    assert all("a joint toll of 3 for 2 places" in i.notes for i in found)


def test_an_unknown_area_of_a_known_place_is_placed_near_it(gaz: Gazetteer) -> None:
    found = run(gaz, "On 2 May 2025, six terrorists were killed in the general area of Hassan Khel, Bannu District.")
    assert [(i.location, i.geo_precision) for i in found] == [("Bannu", 2)]


def test_an_unknown_name_listed_with_a_known_one_takes_no_coordinates_of_its_sibling(gaz: Gazetteer) -> None:
    found = run(gaz, "On 2 May 2025, similar attacks in the Bannu and Mattani areas were also foiled.")
    got = sorted((i.location, i.latitude is None) for i in found)
    assert got == [("Bannu", False), ("Mattani", True)]


def test_a_name_known_only_across_the_border_is_not_placed_there_in_a_home_story(gaz: Gazetteer) -> None:
    """A Pakistani story naming a locality the gazetteer knows only as an Afghan district keeps it in Pakistan."""
    text = (
        "KOHAT: Seven policemen were killed in an attack on a police van in Kohat district on Tuesday. "
        "Police said the terrorists opened fire on the van in the remote area of Kot Road, killing three policemen "
        "on the spot. The wounded were taken to hospitals in Peshawar."
    )
    found = run(gaz, text)
    assert found
    assert all(i.country_code == "PK" and i.location != "Kot" for i in found), [
        (i.location, i.country_code) for i in found
    ]


def test_a_name_qualified_by_a_home_district_is_a_locality_of_that_district(gaz: Gazetteer) -> None:
    text = "On 2 May 2025, militants fired on a patrol near Kot in the North Waziristan district, killing six soldiers."
    found = only(gaz, text)
    assert (found.location, found.country_code) == ("North Waziristan", "PK")


def test_the_same_name_is_the_foreign_place_when_the_story_points_there(gaz: Gazetteer) -> None:
    text = (
        "KABUL: Three Taliban fighters were killed in a roadside bomb blast in the Kot district of Nangarhar "
        "province of Afghanistan on Tuesday, officials in Kabul said."
    )
    found = only(gaz, text)
    assert (found.location, found.country_code) == ("Kot", "AF")


def test_a_country_named_as_the_neighbour_is_not_the_scene(gaz: Gazetteer) -> None:
    found = only(
        gaz,
        "On 2 May 2025, six soldiers were killed in an ambush in the country's northern areas bordering Afghanistan.",
    )
    assert found.location != "Afghanistan"
    assert found.country_code == "PK"


def test_a_killing_by_the_hijackers_is_one_incident_with_its_toll(gaz: Gazetteer) -> None:
    text = (
        "On 11 March 2025, a total of 31 people, including soldiers, staff, and civilians, were killed by militants "
        "who hijacked a train as it traveled through a remote mountain pass in Balochistan."
    )
    found = only(gaz, text)
    assert found.fatalities == 31
    assert "Military Forces" not in found.actor1


def test_killings_and_abductions_of_other_people_stay_two_incidents(gaz: Gazetteer) -> None:
    text = "On 11 March 2025, militants killed two policemen and abducted three engineers in Bannu."
    assert len(run(gaz, text)) == 2


def test_a_name_qualified_by_a_district_it_is_not_in_is_a_locality_of_that_district(gaz: Gazetteer) -> None:
    """'the general area of Chaman, Kurram District': not the Chaman of Balochistan, and not two places."""
    text = "On 27 May 2025, security forces killed seven terrorists in the general area of Chaman, Kurram District."
    found = only(gaz, text)
    assert (found.location, found.fatalities) == ("Kurram", 7)


def test_unknown_areas_of_one_district_are_one_event_there(gaz: Gazetteer) -> None:
    text = (
        "On 14 September 2025, at least 16 terrorists were killed in aerial bombardments in the Narmikhel "
        "and Bakakhel areas of Kurram District."
    )
    found = only(gaz, text)
    assert (found.location, found.fatalities) == ("Kurram", 16)


def test_unknown_areas_without_their_district_are_one_event_each(gaz: Gazetteer) -> None:
    found = run(gaz, "On 2 May 2025, similar attacks in the Nasir Bagh and Mattani areas were also foiled.")
    assert sorted(i.location for i in found) == ["Mattani", "Nasir Bagh"]


def test_a_background_date_sets_no_running_date(gaz: Gazetteer) -> None:
    """'had previously seen ... in July 2023' is background: the blast told next keeps the article's day."""
    text = (
        "On 7 February 2024, twin bombings killed at least 30 people in Balochistan.\n\n"
        "The party had previously seen one of its rallies targeted by a suicide bombing in July 2023.\n\n"
        "The first blast killed at least 16 people outside an election office in Quetta."
    )
    found = [i for i in run(gaz, text, published=dt.date(2024, 2, 8)) if i.location == "Quetta"]
    assert [i.event_date for i in found] == ["2024-02-07"]


def test_recently_after_a_day_keeps_that_day_for_the_next_sentences(gaz: Gazetteer) -> None:
    text = (
        "The group said all the attacks took place on Sunday, February 18, 2024.\n\n"
        "In another attack in Kabul, its fighters targeted a Taliban checkpoint, killing four Taliban members.\n\n"
        "The group said this checkpoint recently harassed civilians.\n\n"
        "In the third attack in Peshawar, its fighters attacked a police post, killing two policemen."
    )
    found = [i for i in run(gaz, text, published=None) if i.location == "Peshawar"]
    assert [(i.event_date, i.time_precision) for i in found] == [("2024-02-18", 1)]


def test_killing_the_people_just_abducted_is_one_incident(gaz: Gazetteer) -> None:
    text = "On 12 April 2024, armed attackers in Quetta kidnapped 9 passengers and later killed them."
    found = only(gaz, text)
    assert found.fatalities == 9


def test_a_trailing_following_clause_with_an_act_of_its_own_is_another_incident(gaz: Gazetteer) -> None:
    text = (
        "A suicide attack killed 12 soldiers in Bannu on Wednesday, following a separate clash that left eight "
        "militants dead in North Waziristan."
    )
    found = run(gaz, text, published=dt.date(2024, 11, 21))
    assert sorted((i.location, i.fatalities) for i in found) == [("Bannu", 12), ("North Waziristan", 8)]


def test_following_the_attack_adds_nothing(gaz: Gazetteer) -> None:
    text = "Militants killed two policemen in Bannu on Wednesday. Police sealed the area, following the attack."
    assert len(run(gaz, text, published=dt.date(2024, 11, 21))) == 1


def test_clashes_over_a_long_list_of_districts_are_one_incident_each(gaz: Gazetteer) -> None:
    text = (
        "On 12 September 2022, the Taliban clashed with the NRF for three days in Darah, Rukha, "
        "Hissa-e-Awal (Khinj), and Bazarak districts."
    )
    got = sorted(i.location for i in run(gaz, text))
    assert got == ["Bazarak", "Darah", "Hissa-e-Awal", "Rukha"]


def test_a_sentence_framed_by_another_country_is_outside_the_region(gaz: Gazetteer) -> None:
    text = (
        "In Bangladesh, the Myanmar military launched cross-border shelling into Chittagong division last week.\n\n"
        "In Afghanistan, the Taliban clashed with the NRF in Kunar province last week, killing five fighters."
    )
    found = run(gaz, text, published=dt.date(2022, 9, 16))
    kept = [i for i in found if i.confidence >= 0.5]
    assert [i.location for i in kept] == ["Kunar"]
    assert "Bangladesh" not in kept[0].evidence


def test_the_place_column_of_a_table_row_after_its_date_is_the_place(gaz: Gazetteer) -> None:
    found = only(gaz, "15 February Kunar Province 30 Unknown 30 Taliban militants were killed by an explosion.")
    assert found.location == "Kunar"


@pytest.mark.parametrize(
    ("sentence", "location"),
    [
        (
            "In October 2024, a fresh tribal conflict in Kurram district claimed the lives of at least 16 people.",
            "Kurram",
        ),
        ("On 13 May 2024, a conflict occurred between the forces of the two sides in Khost.", "Khost"),
        ("The siege of a police station in Bannu on 2 May 2025 left two policemen dead.", "Bannu"),
    ],
)
def test_conflicts_and_sieges_are_events(gaz: Gazetteer, sentence: str, location: str) -> None:
    assert only(gaz, sentence).location == location


def test_an_incident_on_the_heels_of_another_keeps_its_own_date(gaz: Gazetteer) -> None:
    text = (
        "Militants attacked a police station in Peshawar on 15 January 2023, killing three policemen.\n\n"
        "The incident comes on the heels of the siege of a police centre in Bannu last month."
    )
    found = [i for i in run(gaz, text, published=dt.date(2023, 1, 16)) if i.location == "Peshawar"]
    assert [i.event_date for i in found] == ["2023-01-15"]


def test_a_bulleted_year_heads_the_items_below_it_in_an_undated_page(gaz: Gazetteer) -> None:
    text = (
        "The group was founded in February 2023.\n\n"
        "Attacks claimed by the group\n\n"
        "- 2023\n\n"
        "- 6 March – Bolan suicide bombing: A suicide bomber targeted a security vehicle in Quetta, killing nine "
        "security personnel."
    )
    found = only(gaz, text, published=None)
    assert found.event_date == "2023-03-06"


def test_the_area_of_a_district_told_after_a_province_places_the_incident(gaz: Gazetteer) -> None:
    text = (
        "The violence in Balochistan has escalated in recent weeks, with a particularly brutal incident on 2 May "
        "2025 where 23 passengers were killed after being forcibly removed from buses in the Rarasham area of Quetta."
    )
    assert [i.location for i in run(gaz, text)] == ["Quetta"]


def test_a_typed_name_of_two_countries_is_the_article_s_country_s() -> None:
    gaz = Gazetteer(
        [
            _place("t:pk", "Pakistan", "country", "PK", 30.0, 70.0),
            _place("t:bal", "Balochistan", "province", "PK", 28.0, 66.0),
            _place("t:quetta", "Quetta", "town", "PK", 30.18, 66.99, admin1="Balochistan", pop=1_000_000),
            _place("t:qalat-af", "Qalat", "district", "AF", 32.1, 66.9, admin1="Zabul"),
            _place("t:kalat-pk", "Kalat", "district", "PK", 29.0, 66.6, admin1="Balochistan", aliases=("Qalat",)),
        ]
    )
    text = (
        "Militants attacked a checkpost in Quetta, Balochistan, on 1 May 2025, killing two policemen. "
        "On 2 May 2025, militants killed four labourers in Qalat district of the province."
    )
    assert [i.location for i in run(gaz, text)] == ["Quetta", "Kalat"]


@pytest.mark.parametrize(
    "text",
    [
        "On 2 May 2025, two soldiers were killed in a blast in the Bara tehsil (revenue unit) of Bannu.",
        "On 2 May 2025, a blast in the Bara Bazaar of Bannu claimed the lives of three policemen.",
    ],
)
def test_an_unknown_locality_of_a_known_district_is_placed_in_the_district(gaz: Gazetteer, text: str) -> None:
    assert [i.location for i in run(gaz, text)] == ["Bannu"]


def test_the_agent_of_a_later_verb_is_the_perpetrator(gaz: Gazetteer) -> None:
    text = (
        "A policeman was shot dead in Bannu on 1 May 2025. In another attack in Bannu the same night, a constable "
        "was killed when unknown assailants opened fire on him near his house."
    )
    found = run(gaz, text)
    assert [i.actor1 for i in found][-1] == "Unidentified Armed Group (Pakistan)"


def test_a_locality_qualified_by_a_district_of_the_story_s_country_is_not_a_foreign_namesake() -> None:
    gaz = Gazetteer(
        [
            _place("t:pk", "Pakistan", "country", "PK", 30.0, 70.0),
            _place("t:bal", "Balochistan", "province", "PK", 28.0, 66.0),
            _place("t:quetta", "Quetta", "town", "PK", 30.18, 66.99, admin1="Balochistan", pop=1_000_000),
            _place("t:qila", "Qila Abdullah", "district", "PK", 30.7, 66.6, admin1="Balochistan"),
            _place("t:gul-af", "Gulistan", "district", "AF", 32.6, 63.8, admin1="Farah"),
            _place("t:gul-ir", "Golestan", "province", "IR", 37.3, 55.1, aliases=("Gulistan",)),
        ]
    )
    text = "QUETTA: Militants attacked a Levies checkpost in Gulistan, Qila Abdullah district, on 2 May 2025."
    assert [(i.location, i.country) for i in run(gaz, text)] == [("Qila Abdullah", "Pakistan")]


def test_a_perfect_tense_lead_about_one_victim_is_an_incident(gaz: Gazetteer) -> None:
    inc = only(gaz, "Taliban members have shot and killed a former soldier in Bannu.")
    assert inc.location == "Bannu"
    assert only(gaz, "NRF fighters have attacked a Taliban outpost in Bannu.").location == "Bannu"  # one target
    assert not run(gaz, "The Taliban have attacked security forces in Bannu.")  # no figure, no victim: generic


def test_the_previous_day_counts_back_from_the_report_day(gaz: Gazetteer) -> None:
    text = "Officials said on Thursday, May 1, 2025, that militants attacked a checkpost in Bannu the previous day."
    assert only(gaz, text).event_date == "2025-04-30"


def test_an_adjective_inside_opened_fire_keeps_the_trigger(gaz: Gazetteer) -> None:
    text = "On 14 October, Afghan forces opened unprovoked fire on a Pakistani post in North Waziristan."
    found = only(gaz, text, published=dt.date(2025, 10, 15))
    assert (found.event_date, found.location) == ("2025-10-14", "North Waziristan")


def test_further_strikes_that_hit_are_incidents_of_their_own(gaz: Gazetteer) -> None:
    text = (
        "Pakistani forces bombed a house in Khost province late Monday, killing a woman and nine children, "
        "the Taliban said.\n\nHe said further strikes hit Kunar and Paktika provinces, wounding four civilians."
    )
    found = run(gaz, text, published=dt.date(2025, 11, 25))
    assert [i.location for i in found] == ["Khost", "Kunar", "Paktika"]


def test_further_attacks_feared_are_no_incident(gaz: Gazetteer) -> None:
    text = "Officials in Bannu warned on Monday that further attacks could follow in the coming weeks."
    assert run(gaz, text, published=dt.date(2025, 11, 25)) == []


def test_a_town_and_its_district_after_a_comma_are_one_place() -> None:
    # the district shares its name with a town: the name after the comma qualifies the first, it is no second place
    kp, dik = "Khyber Pakhtunkhwa", "Dera Ismail Khan"
    gaz = Gazetteer(
        [
            _place("t:daraban", "Daraban", "town", "PK", 31.73, 70.34, admin1=kp, admin2=dik),
            _place("t:dik", dik, "town", "PK", 31.83, 70.90, admin1=kp, admin2=dik, pop=200_000),
            _place("t:dik-d", dik, "district", "PK", 31.84, 70.59, admin1=kp, admin2=dik),
        ]
    )
    found = only(gaz, "Another police post was attacked in Daraban, Dera Ismail Khan, on Sunday night.")
    assert (found.location, found.geo_precision) == ("Daraban", 1)


def test_two_towns_after_a_comma_are_two_places(gaz: Gazetteer) -> None:
    found = run(gaz, "On 6 May militants attacked police posts in Bannu, Mir Ali and Quetta.")
    assert [i.location for i in found] == ["Bannu", "Mir Ali", "Quetta"]


def test_soldiers_who_embraced_martyrdom_tell_an_incident(gaz: Gazetteer) -> None:
    found = only(gaz, "On 6 May, 12 soldiers embraced martyrdom in a military operation in North Waziristan.")
    assert (found.location, found.fatalities) == ("North Waziristan", 12)


def test_what_the_operation_also_did_belongs_to_the_operation(gaz: Gazetteer) -> None:
    text = (
        "Security forces killed four militants in an intelligence-based operation in Bannu on Tuesday night.\n\n"
        "The military operation also reportedly killed a key commander of the TTP."
    )
    found = only(gaz, text, published=dt.date(2025, 10, 15))
    assert (found.event_date, found.location) == ("2025-10-14", "Bannu")


def test_another_incident_a_told_event_follows_is_an_incident_of_its_own(gaz: Gazetteer) -> None:
    text = (
        "Pakistani forces fired rockets into Kunar province on Thursday night, killing two civilians.\n\n"
        "This attack follows another similar incident earlier this year on January 2, when the Pakistani army "
        "fired multiple mortars into three villages in eastern Khost province."
    )
    found = run(gaz, text, published=dt.date(2025, 1, 11))
    assert [(i.event_date, i.location) for i in found] == [("2025-01-09", "Kunar"), ("2025-01-02", "Khost")]


def test_the_other_attacks_of_a_series_on_the_same_day_are_incidents(gaz: Gazetteer) -> None:
    text = (
        "On 21 April 2022, a powerful bomb rocked a mosque in Kabul, killing at least 31 people.\n\n"
        "The bombing was part of a series of attacks on the same day, including two explosions targeting "
        "Taliban officers in Khost and Paktika."
    )
    found = run(gaz, text, published=None)
    assert [(i.event_date, i.location) for i in found] == [
        ("2022-04-21", "Kabul"),
        ("2022-04-21", "Khost"),
        ("2022-04-21", "Paktika"),
    ]


def test_an_attack_between_two_provinces_is_one_incident(gaz: Gazetteer) -> None:
    text = "Gunmen killed 14 people on Thursday, September 12, in a remote area between Kunar and Paktika provinces."
    found = only(gaz, text, published=dt.date(2024, 9, 13))
    assert (found.location, found.fatalities) == ("Kunar", 14)


def test_a_month_day_with_a_comma_is_no_count_of_events(gaz: Gazetteer) -> None:
    found = only(
        gaz, "On April 21, an attack on a civilian bus in Kabul injured four men.", published=dt.date(2024, 7, 1)
    )
    assert found.confidence >= 0.5, found.reason
    assert (found.event_date, found.location) == ("2024-04-21", "Kabul")


def test_bodies_of_victims_found_tell_an_incident(gaz: Gazetteer) -> None:
    text = (
        "PARACHINAR: The bodies of four drivers, who were part of a convoy carrying essential items, were found "
        "in Bannu on Friday."
    )
    found = only(gaz, text, published=dt.date(2025, 1, 18))
    assert (found.location, found.fatalities) == ("Bannu", 4)


def test_the_day_of_the_most_recent_attack_dates_it(gaz: Gazetteer) -> None:
    text = "The most recent TTP attack, on December 21, led to the deaths of at least 16 soldiers in Bannu."
    found = only(gaz, text, published=dt.date(2025, 1, 3))
    assert (found.event_date, found.time_precision) == ("2024-12-21", 1)


def test_the_body_of_a_missing_policeman_found_tells_an_incident(gaz: Gazetteer) -> None:
    text = "On October 16, the body of a policeman earlier reported as missing was found in Bannu."
    found = only(gaz, text, published=dt.date(2021, 10, 20))
    assert (found.event_date, found.location) == ("2021-10-16", "Bannu")


def test_a_town_and_its_district_after_a_comma_are_an_address(real_gazetteer: Gazetteer) -> None:
    # Makeen lies 2 km over the simplified line into North Waziristan: nearness decides, not the polygon
    text = (
        "Sixteen soldiers were martyred after terrorists attacked a check post in general area Makeen, "
        "South Waziristan District, on Friday."
    )
    inc = only(real_gazetteer, text)
    assert inc.location == "Makeen" and inc.fatalities == 16


def test_general_area_without_in_still_places_the_event(real_gazetteer: Gazetteer) -> None:
    text = (
        "Three soldiers were martyred when terrorists attacked their check-post in Zhob on Saturday while two more "
        "were martyred general area Tank."
    )
    found = run(real_gazetteer, text)
    assert [(i.location, i.fatalities) for i in found] == [("Zhob", 3), ("Tank", 2)]


def test_a_dateline_is_not_a_clause_place_far_from_the_scene(real_gazetteer: Gazetteer) -> None:
    text = (
        "RAWALPINDI: A soldier was martyred and three others were injured after terrorists opened fire at them "
        "during a routine patrolling near Balochistan's Turbat city on Saturday, the military said."
    )
    inc = only(real_gazetteer, text)
    assert inc.location == "Turbat" and inc.evidence.startswith("RAWALPINDI: A soldier was martyred")


def test_a_country_in_a_project_name_is_not_the_scene(real_gazetteer: Gazetteer) -> None:
    text = (
        "On July 9, 2024, four Army soldiers were killed and another three sustained injuries when Baloch "
        "Liberation Army (BLA) cadres attacked a military convoy on the China-Pakistan Economic Corridor (CPEC) "
        "route in Sami area of Kech District."
    )
    found = only(real_gazetteer, text, published=dt.date(2024, 7, 18))
    assert found.location == "Kech" and found.confidence >= 0.5, found.reason


def test_a_police_district_of_a_city_places_the_incident_in_the_city(gaz: Gazetteer) -> None:
    text = "A magnetic IED placed on a security forces vehicle exploded on Monday in PD4 of Kabul city."
    found = only(gaz, text, published=dt.date(2020, 12, 28))
    assert found.location == "Kabul" and found.confidence >= 0.5, found.reason


@pytest.mark.parametrize(
    "text",
    [
        "Four security personnel, including an officer embraced shahadat during a shootout with terrorists.",
        "Four security personnel, including an officer, embraced shahadat during a shootout with terrorists.",
    ],
)
def test_a_toll_with_an_including_aside_with_or_without_its_comma(text: str) -> None:
    from geo.extract.events import fatality_figure

    assert fatality_figure(text)[0] == 4


@pytest.mark.parametrize(
    ("text", "toll"),
    [
        (
            '"Resultantly, two innocent civilian employees of the company, Muhammad Faisal, 35 and Asif Kamran, 29 '
            'who were residents of district Karak embraced shahadat," said the statement.',
            None,  # no count of the dead: not 29, the age of the last one named
        ),
        # a figure after a place and a comma is still a toll
        ("In Khost, 12 people were killed in the strike.", 12),
    ],
)
def test_the_age_of_a_named_victim_is_not_a_toll(text: str, toll: int | None) -> None:
    from geo.extract.events import fatality_figure

    assert fatality_figure(text)[0] == toll


def test_a_perfect_over_a_list_of_verbs_is_a_generic_statement(gaz: Gazetteer) -> None:
    text = "Rights groups say the Taliban have arrested, tortured, and killed former soldiers in Kabul."
    assert run(gaz, text, published=dt.date(2024, 8, 26)) == []


def test_a_sentence_that_opens_with_an_earlier_event_gives_two_incidents(gaz: Gazetteer) -> None:
    text = (
        "QUETTA: Four days after Afghan authorities apologised over cross-border shelling in Khost that claimed "
        "the lives of eight people, armed clashes erupted at the border in Quetta on Thursday, leaving at least "
        "one dead."
    )
    found = run(gaz, text, published=dt.date(2022, 12, 16))
    assert sorted((i.location, i.fatalities) for i in found) == [("Khost", 8), ("Quetta", 1)]


def test_this_year_on_a_page_dated_only_by_its_weekdays_is_that_year(gaz: Gazetteer) -> None:
    text = (
        "On Tuesday, May 16, a drone struck a house in Khost, killing two civilians.\n\n"
        "In March of this year, four militants were killed in another drone attack in Khost city."
    )
    found = extract_incidents(article(text, published=None), gaz, today=dt.date(2023, 12, 1))
    assert sorted((i.event_date, i.time_precision) for i in found) == [("2023-03-01", 3), ("2023-05-16", 1)]


def test_a_type_word_written_before_the_first_name_does_not_hide_it(gaz: Gazetteer) -> None:
    # the army's wording: "in District Kech, Panjgur and Zhob" (the first name is not part of a person's name)
    text = (
        "“On night of 29/30 August, in three separate IBOs in District Gwadar, Quetta, and Chaman, five terrorists "
        "were sent to hell by the security forces, while three terrorists got injured during the intense fire "
        "exchange,” the ISPR added."
    )
    found = run(gaz, text, published=dt.date(2024, 8, 31))
    assert sorted(i.location for i in found) == ["Chaman", "Gwadar", "Quetta"]


def test_the_place_of_the_dead_militants_past_is_not_the_scene(gaz: Gazetteer) -> None:
    text = (
        "Security forces killed two terrorists in an operation in Quetta on Monday, the ISPR said.\n\n"
        "The ISPR said the terrorists were killed in the ensuing exchange of fire who were involved in different "
        "security incidents in District Gwadar and surroundings."
    )
    found = run(gaz, text, published=dt.date(2024, 8, 27))
    assert [i.location for i in found] == ["Quetta"], [(i.location, i.evidence) for i in found]


@pytest.mark.parametrize(
    "past",
    [
        "The terrorists killed in the ensuing exchange of fire were involved in recent firing and attacks on "
        "security forces in District Gwadar, it added.",
        # the sentences after it (a toll of other victims) do not make it an incident
        "According to the ISPR, the militants remained actively involved in numerous terrorist activities "
        "including recent target killings of police in Tank and surrounding areas.\n\n"
        "The statement said sanitisation operation is being carried out to eliminate any other terrorists.\n\n"
        '"Resultantly, two innocent civilian employees of the company embraced shahadat," said the statement.',
    ],
)
def test_the_past_of_the_dead_without_a_relative_pronoun_is_not_the_scene(gaz: Gazetteer, past: str) -> None:
    text = (
        "Security forces killed two terrorists in an operation in Quetta on Monday night, the ISPR said on Tuesday.\n\n"
    )
    text += past
    found = shown(gaz, text, published=dt.date(2024, 8, 27))
    assert [i.location for i in found] == ["Quetta"], [(i.location, i.evidence) for i in found]


def test_the_wounded_of_the_same_attack_told_in_a_second_clause_stay_one_incident(gaz: Gazetteer) -> None:
    text = (
        "On March 30, 2023, four Policemen, including a Deputy Superintendent of Police from Bannu, were killed "
        "while another six Policemen were injured when terrorists attacked a Police check post in Lakki Marwat."
    )
    found = run(gaz, text, published=dt.date(2023, 4, 17))
    assert [(i.location, i.fatalities) for i in found] == [("Lakki Marwat", 4)], [i.evidence for i in found]


def test_a_second_clause_with_its_own_toll_and_place_is_another_incident(gaz: Gazetteer) -> None:
    text = (
        "Four policemen were killed in an ambush in Bannu on Monday while five people were killed in a bomb attack "
        "in Quetta."
    )
    assert sorted(i.location for i in run(gaz, text)) == ["Bannu", "Quetta"]


def test_a_second_clause_whose_count_has_no_noun_is_another_incident(gaz: Gazetteer) -> None:
    # two places 30 km apart: only the toll of each clause tells the two incidents apart
    text = "Some 14 terrorists were killed in Mir Ali, while another 17 were killed in adjoining Bannu."
    found = run(gaz, text, published=dt.date(2025, 9, 15))
    assert sorted((i.location, i.fatalities) for i in found) == [("Bannu", 17), ("Mir Ali", 14)]


def test_places_qualified_by_their_provinces_are_a_list(gaz: Gazetteer) -> None:
    text = (
        "Yesterday, the security forces neutralized 14 terrorists in three separate intelligence-based IBOs in "
        "Khyber Pakhtunkhwa’s "
        "Bannu and Balochistan’s Quetta, according to a statement."
    )
    found = run(gaz, text, published=dt.date(2025, 12, 8))
    assert sorted((i.location, i.fatalities) for i in found) == [("Bannu", 7), ("Quetta", 7)]


def test_lost_their_lives_after_a_mortar_hit_is_a_shelling_with_its_toll(gaz: Gazetteer) -> None:
    text = (
        "On the other hand, four government employees lost their lives and eight others were wounded after a "
        "Taliban mortar hit the building of governor office in Khost province on Sunday."
    )
    inc = only(gaz, text, published=dt.date(2020, 11, 2))
    assert (inc.location, inc.fatalities, inc.sub_event_type) == ("Khost", 4, "Shelling/artillery/missile attack")


def test_fatally_shot_is_a_killing_with_its_toll(gaz: Gazetteer) -> None:
    inc = only(gaz, "Gunmen fatally shot 23 passengers in Quetta on Monday morning, after identifying them.")
    assert (inc.location, inc.fatalities, inc.event_type) == ("Quetta", 23, "Violence against civilians")


def test_a_bomb_planted_on_the_tracks_is_an_explosive_attack(gaz: Gazetteer) -> None:
    text = "On 16th November, unknown assailants planted a bomb on the railway tracks in the Gwadar district."
    inc = only(gaz, text, published=dt.date(2025, 11, 17))
    assert (inc.event_date, inc.location) == ("2025-11-16", "Gwadar")
    assert inc.sub_event_type == "Remote explosive/landmine/IED"


def test_a_planted_bomb_that_was_defused_is_no_attack(gaz: Gazetteer) -> None:
    text = "Militants planted a bomb on a road in Quetta on Sunday, but the bomb disposal squad defused it."
    assert run(gaz, text, published=dt.date(2025, 11, 17)) == []


def test_overnight_beside_the_sentences_month_is_a_time_of_day_not_a_date(gaz: Gazetteer) -> None:
    text = (
        "Earlier in March, two policemen were martyred while one security guard lost his life in separate overnight "
        "attacks in Khyber Pakhtunkhwa's Bannu and Peshawar districts."
    )
    found = run(gaz, text, published=dt.date(2025, 4, 13))
    assert found and {(i.event_date, i.time_precision) for i in found} == {("2025-03-01", 3)}, [
        (i.event_date, i.location) for i in found
    ]


def test_an_overnight_attack_with_no_other_date_is_the_night_before_publication(gaz: Gazetteer) -> None:
    inc = only(gaz, "Militants killed two policemen in an overnight attack on a check post in Bannu.")
    assert inc.event_date == "2025-05-07"


def test_friday_prayers_name_no_date_against_a_week_counted_back(gaz: Gazetteer) -> None:
    text = (
        "A suicide bomber killed 40 worshippers at a Shiite mosque in Quetta on Friday.\n\n"
        "This came just one week after a similar attack which targeted a Shiite mosque in Kabul while people were "
        "holding Friday prayers."
    )
    found = {i.location: i for i in run(gaz, text, published=dt.date(2021, 10, 16))}
    assert found["Quetta"].event_date == "2021-10-15"
    assert (found["Kabul"].event_date, found["Kabul"].time_precision) == ("2021-10-08", 2)


def test_every_place_of_a_list_of_origins_is_an_origin(gaz: Gazetteer) -> None:
    text = (
        "Gunmen stopped a bus on the highway on Friday night, police said.\n\n"
        "Nine passengers were kidnapped from the bus and subsequently shot to death.\n\n"
        "The SSP said the victims were identified and then killed, adding that they hailed from Kabul, Peshawar, "
        "Bannu and Quetta."
    )
    found = run(gaz, text, published=dt.date(2024, 4, 13))
    assert found
    assert not {i.location for i in found} & {"Kabul", "Peshawar", "Bannu", "Quetta"}, [i.location for i in found]


def test_a_day_an_undated_page_cannot_place_is_not_the_next_sentence_date(gaz: Gazetteer) -> None:
    text = (
        "On Wednesday, as many as 12 soldiers were martyred in an attack on a convoy in Bannu.\n\n"
        "Before this, 10 soldiers were martyred in an attack in Quetta in February 2022."
    )
    found = run(gaz, text, published=None)
    assert [(i.event_date, i.location) for i in found] == [("2022-02-01", "Quetta")], [
        (i.event_date, i.evidence) for i in found
    ]


def test_tributes_and_grief_for_an_act_are_a_reaction_not_an_incident(gaz: Gazetteer) -> None:
    text = (
        "Eleven soldiers were martyred in an operation in Kurram on Tuesday night, the ISPR said.\n\n"
        "The attackers fled the area after the fighting, officials said.\n\n"
        "Prime Minister Shahbaz Sharif paid tributes to the country's security forces for killing 19 terrorists "
        "and also expressed grief over the martyrdom of the soldiers, according to a statement."
    )
    found = run(gaz, text, published=dt.date(2025, 10, 8))
    assert len(found) == 1 and "Prime Minister" not in found[0].evidence, [
        (i.location, i.fatalities, i.evidence) for i in found
    ]


def test_the_operation_after_an_attack_is_an_incident_of_its_own(gaz: Gazetteer) -> None:
    text = (
        "On Tuesday, the army said five soldiers were killed in an IED blast in Bannu. "
        "Following the attack, security forces also killed five militants during a clearance operation in Bannu."
    )
    found = run(gaz, text)
    assert [(i.event_type, i.actor1, i.fatalities) for i in found] == [
        ("Explosions/Remote violence", "Unidentified Armed Group (Pakistan)", 5),
        ("Battles", "Military Forces of Pakistan", 5),
    ]


def test_an_operation_prompted_by_an_attack_is_an_incident_of_its_own(gaz: Gazetteer) -> None:
    text = (
        "On Monday, five policemen were martyred when their vehicle was ambushed in Bannu, prompting a "
        "large-scale counter-terrorism operation in which eight terrorists were killed."
    )
    found = run(gaz, text)
    assert [(i.location, i.fatalities) for i in found] == [("Bannu", 5), ("Bannu", 8)]
    assert found[1].actor1 == "Military Forces of Pakistan"


def test_a_street_named_after_a_town_is_in_the_place_named_after_it(gaz: Gazetteer) -> None:
    found = only(gaz, "Two policemen were martyred in a terrorist attack on Mir Ali Road in Bannu on Monday.")
    assert found.location == "Bannu"
    assert only(gaz, "A bomb exploded on Quetta Road in Chaman on Monday, killing two people.").location == "Chaman"
    # a town named before a road of its own stays the place
    assert only(gaz, "Two policemen were martyred in an attack on a road in Kohat on Monday.").location == "Kohat"


def test_a_place_before_an_inverted_attribution_is_the_event_place(gaz: Gazetteer) -> None:
    # ", said the military": a comma closes the reported clause; "the government in Kabul said" names the source
    found = only(gaz, "Security forces killed six terrorists during an operation in Kohat, said the military.")
    assert found.location == "Kohat"
    found = only(gaz, "Six militants were killed in an operation, officials in Quetta said on Monday.")
    assert found.location != "Quetta"


def test_a_day_paragraphs_away_on_an_undated_page_is_not_of_a_background_month(gaz: Gazetteer) -> None:
    text = (
        "On 12 September 2024, militants attacked a checkpost in Kohat, killing two soldiers.\n\n"
        "The group was formed in March 2012 by commanders who split from the TTP.\n\n"
        "Its fighters were blamed for many raids in the years that followed.\n\n"
        "On 5 March, militants attacked a police station in Bannu, killing four policemen."
    )
    found = run(gaz, text, published=None)
    assert [(i.event_date, i.location) for i in found] == [("2024-09-12", "Kohat"), ("2024-03-05", "Bannu")], [
        (i.event_date, i.evidence) for i in found
    ]


def test_the_agent_of_an_earlier_event_after_since_is_not_the_perpetrator(gaz: Gazetteer) -> None:
    found = only(
        gaz,
        "The explosion at a mosque in Kabul on Sunday is the first major attack in the city since the Islamic "
        "State targeted the airport in August.",
        published=dt.date(2021, 10, 4),
    )
    assert found.actor1 == "Unidentified Armed Group (Afghanistan)"


def test_a_weekday_and_day_on_an_undated_page_give_the_year_after_its_latest_date(gaz: Gazetteer) -> None:
    text = (
        "Three of its members were killed in a clash with Taliban forces in August 2023.\n\n"
        "On Thursday evening, November 21, a gunman opened fire on worshippers at a shrine in Kabul, killing ten."
    )
    found = [i for i in run(gaz, text, published=None) if i.fatalities == 10]
    assert [(i.event_date, i.location) for i in found] == [("2024-11-21", "Kabul")]  # 21 November 2023 was a Tuesday
