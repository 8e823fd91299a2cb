"""The incident decision (geo.extract.decision): a confidence and its reason for every record."""

from __future__ import annotations

import datetime as dt

import pytest

from geo import settings
from geo.extract.decision import ONGOING
from geo.gazetteer import Gazetteer
from tests.extract.helpers import only, run, shown


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Militants attacked a checkpost in Bannu in 2019, killing four soldiers.", "dated only by a year"),
        (
            "Pakistan saw as many as 245 terror attacks in Khyber Pakhtunkhwa in the first quarter of 2025, "
            "killing 432 people.",
            "background",
        ),
        (
            "The 2025 Khost clashes are a series of armed clashes between Afghan and Pakistani forces in Khost.",
            "background",
        ),
        (
            "Since the US withdrawal, ISIS-K has claimed several attacks against the Taliban in Kabul and Khost.",
            "background",
        ),
        ("On 3 March 2019, militants attacked a checkpost in Bannu, killing four soldiers.", "history"),
        (
            "Islamabad continues to accuse Kabul of failing to prevent militants from the outlawed TTP from "
            "carrying out attacks in Bannu and then seeking refuge in Afghanistan.",
            "prevented or planned",
        ),
    ],
)
def test_background_falls_below_the_threshold(gaz: Gazetteer, text: str, reason: str) -> None:
    found = run(gaz, text, published=dt.date(2025, 5, 8))
    assert found, "kept with its reason, not dropped"
    for inc in found:
        assert inc.confidence < settings.CONFIDENCE_THRESHOLD, (inc.confidence, inc.reason)
        assert reason in inc.reason


@pytest.mark.parametrize(
    "text",
    [
        "Militants attacked a checkpost in Bannu on Tuesday, killing four soldiers.",
        "A roadside bomb killed two policemen in Quetta on 5 May 2025.",
        "Pakistani jets struck Khost overnight, killing eight civilians, Afghan officials said.",
        # a perfect infinitive after a claim tells the act as done, not planned
        "The Counter-Terrorism Department on Saturday claimed to have killed five terrorists in Duki.",
        # an accusation of an act on a named day reports the act
        "The Taliban have accused Pakistan of carrying out an airstrike in Khost province on Thursday.",
        # "liquidated": the kill verb of Afghan and Central Asian reporting
        "An ISKP commander was liquidated in Shakardara district of Kabul province on Tuesday.",
    ],
)
def test_concrete_reports_pass(gaz: Gazetteer, text: str) -> None:
    inc = only(gaz, text)
    assert inc.confidence >= settings.CONFIDENCE_THRESHOLD
    assert inc.reason.startswith("concrete: act")


def test_the_reason_names_what_is_missing(gaz: Gazetteer) -> None:
    inc = only(gaz, "Militants attacked a checkpost on Tuesday.")
    assert "no place" in inc.reason


def test_a_recent_event_is_dated_by_the_month_of_publication(gaz: Gazetteer) -> None:
    text = (
        "In 2025 tensions rose, exacerbated by the recent train hijacking in Balochistan, "
        "which officials blamed on militants."
    )
    inc = only(gaz, text, published=dt.date(2025, 3, 20))
    assert (inc.event_date, inc.time_precision) == ("2025-03-01", 3)
    assert inc.confidence >= settings.CONFIDENCE_THRESHOLD


def test_a_forecast_after_a_concrete_attack_does_not_hide_it(gaz: Gazetteer) -> None:
    text = (
        "On Tuesday, after an attack by the TTP on the police in Quetta, "
        "the minister warned that more attacks are likely."
    )
    found = shown(gaz, text)
    assert [i.location for i in found] == ["Quetta"]


def test_a_summary_of_several_events_over_a_week_is_background(gaz: Gazetteer) -> None:
    text = "Last week was violent. Separatists engaged in armed clashes and explosive attacks in Balochistan."
    for inc in run(gaz, text):
        assert inc.confidence < settings.CONFIDENCE_THRESHOLD and "summary" in inc.reason


def test_an_incident_outside_the_region_is_below_the_threshold(gaz: Gazetteer) -> None:
    inc = only(gaz, "Gunmen killed four people in Kolkata on Tuesday.")
    assert inc.confidence < settings.CONFIDENCE_THRESHOLD and inc.reason.startswith("outside the region")


def test_the_month_may_is_not_the_modal_may(gaz: Gazetteer) -> None:
    inc = only(gaz, "Fifteen people were killed on 2 May in a suicide bombing at a rally in Peshawar.")
    assert (inc.event_date, inc.fatalities) == ("2025-05-02", 15)


def test_not_the_first_time_is_a_pattern_not_an_incident(gaz: Gazetteer) -> None:
    text = "It is not the first time that the BLA has carried out targeted attacks against workers in Quetta."
    assert [i.confidence < 0.5 for i in run(gaz, text)] in ([], [True])


def test_the_lead_that_sums_up_a_round_up_is_not_another_incident(gaz: Gazetteer) -> None:
    text = (
        "At least eight people, including five soldiers and three civilians, were killed in multiple militant "
        "attacks across Khyber Pakhtunkhwa province, officials confirmed on Wednesday.\n\n"
        "In the Kohat district, militants targeted a vehicle carrying soldiers. Four soldiers were killed.\n\n"
        "In Bannu, gunmen shot dead three civilians at a market."
    )
    found = run(gaz, text)
    kept = sorted(i.location for i in found if i.confidence >= settings.CONFIDENCE_THRESHOLD)
    assert kept == ["Bannu", "Kohat"]


def test_an_operation_with_arrests_only_is_not_violence(gaz: Gazetteer) -> None:
    found = run(gaz, "On 3 May 2025, at least five militants were arrested in an IBO in Kohat district.")
    assert [i.reason for i in found] in ([], ["not violence: an operation with arrests only"])


def test_the_martyrdom_of_two_officers_is_a_toll(gaz: Gazetteer) -> None:
    inc = only(gaz, "On 3 May 2025, an attack in Peshawar resulted in the martyrdom of two police officers.")
    assert inc.fatalities == 2


def test_a_lead_over_several_places_that_the_article_then_details_is_a_summary(gaz: Gazetteer) -> None:
    text = (
        "From Kohat to Peshawar, Pakistan has been rocked by massive terrorist attacks on Tuesday.\n\n"
        "In Kohat, militants stormed a police post on Tuesday, killing two policemen.\n\n"
        "In Peshawar, a suicide bomber killed 12 people outside a court on Tuesday."
    )
    kept = sorted(i.location for i in shown(gaz, text))
    assert kept == ["Kohat", "Peshawar"]


def test_the_day_of_a_dated_attempt_is_not_a_count_of_attacks(gaz: Gazetteer) -> None:
    text = "IS-Khorasan claimed responsibility for a December 2 assassination attempt on an envoy in Kabul."
    (inc,) = run(gaz, text, published=dt.date(2022, 12, 5))
    assert inc.confidence >= settings.CONFIDENCE_THRESHOLD, inc.reason


def test_the_search_after_an_attack_is_not_another_incident(gaz: Gazetteer) -> None:
    text = (
        "Gunmen shot dead two policemen escorting polio workers in Kohat on Tuesday.\n\n"
        "A police team rushed to the site and launched a combing operation to nab the culprits."
    )
    assert len(run(gaz, text)) == 1


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "On 7 January 2025, a snowstorm dumped four feet of snow on Kohat, killing 23 tourists.",
            id="a snowstorm is not political violence",
        ),
        pytest.param(
            "Quetta, December 23: Attacks and bombings across Balochistan killed at least 248 civilians in 2024.",
            id="a total over a year",
        ),
        pytest.param(
            "Six terrorist attacks took place in Quetta in October, in which 17 people were killed.",
            id="six terrorist attacks is a count",
        ),
        pytest.param(
            "More than 190 people, mostly soldiers, have been killed in attacks since the start of the year in "
            "Balochistan.",
            id="a running total since the start of the year",
        ),
        pytest.param(
            "In May 2025, about half of the reported attacks were concentrated in Bannu, killing 40 people.",
            id="a share of the reported attacks",
        ),
        pytest.param(
            "Timeline of attacks by the Balochistan Liberation Army in Quetta since 11 March 2025",
            id="a list heading",
        ),
    ],
)
def test_not_an_incident(gaz: Gazetteer, text: str) -> None:
    assert all(i.confidence < settings.CONFIDENCE_THRESHOLD for i in run(gaz, text))


def test_a_bomb_planted_on_a_motorbike_is_not_a_plan(gaz: Gazetteer) -> None:
    found = run(gaz, "On 2 May 2025, a bomb planted on a motorbike killed a soldier and a civilian in Bannu.")
    assert [(i.location, i.fatalities) for i in found] == [("Bannu", 2)]


def test_continued_clashes_with_a_toll_of_their_own_are_an_incident(gaz: Gazetteer) -> None:
    found = run(gaz, "On 2 May 2025, clashes continued in Bannu, resulting in the deaths of two Taliban commanders.")
    assert [(i.location, i.fatalities) for i in found] == [("Bannu", 2)]
    assert run(gaz, "On 2 May 2025, clashes continued in Bannu, residents said.") == []


def test_a_monitor_s_summary_of_attacks_in_a_province_is_background(gaz: Gazetteer) -> None:
    text = (
        "On 7 August 2022, a roadside bomb killed two people in Peshawar.\n\n"
        "Meanwhile, the separatist Baloch Liberation Army (BLA) launched grenade and remote explosive attacks "
        "against state forces in Balochistan."
    )
    found = run(gaz, text)
    kept = [i.location for i in found if i.confidence >= settings.CONFIDENCE_THRESHOLD]
    assert kept == ["Peshawar"]
    assert any(i.location == "Balochistan" and "summary" in i.reason for i in found)


def test_a_light_verb_before_a_bare_event_noun_is_a_first_mention(gaz: Gazetteer) -> None:
    text = "The NRF carried out attacks against the Taliban in Khost, Paktika and Kunar provinces on 15 September 2022."
    assert sorted(i.location for i in run(gaz, text)) == ["Khost", "Kunar", "Paktika"]


@pytest.mark.parametrize(
    "sentence",
    [
        "At least 28 security forces personnel were killed in October, the most deadly month of the year in Bajaur.",
        "The highest number of militants killed in a single month since 2016 was recorded in December 2024, when "
        "security forces neutralised 190 militants in Bannu.",
    ],
)
def test_a_record_over_a_period_is_a_statistic(gaz: Gazetteer, sentence: str) -> None:
    found = run(gaz, sentence, published=dt.date(2025, 2, 1))
    assert all(i.confidence < 0.5 for i in found), [(i.confidence, i.reason) for i in found]


def test_a_trend_since_a_date_adds_nothing_to_the_incident_before_it(gaz: Gazetteer) -> None:
    text = (
        "On 18 February 2024, the group said its fighters attacked a Taliban outpost in Kabul, killing two Taliban "
        "members. The group has engaged in armed clashes with the Taliban since August 2021."
    )
    found = [i for i in run(gaz, text, published=dt.date(2024, 2, 20)) if i.confidence >= 0.5]
    assert len(found) == 1
    assert "since August 2021" not in found[0].evidence


def test_a_wave_of_attacks_on_a_weekday_is_one_dated_incident(gaz: Gazetteer) -> None:
    text = "Balochistan witnessed an unprecedented wave of coordinated terrorist attacks in Quetta on Saturday."
    found = only(gaz, text, published=dt.date(2026, 2, 1))
    assert (found.event_date, found.location) == ("2026-01-31", "Quetta")
    assert found.confidence >= settings.CONFIDENCE_THRESHOLD


def test_a_group_that_has_intensified_its_attacks_tells_a_trend(gaz: Gazetteer) -> None:
    text = (
        "On 18 February 2024, the group's fighters attacked a Taliban checkpoint in Kabul, killing four Taliban "
        "members. "
        "Recently, it has intensified its guerrilla attacks against the Taliban in several provinces, including Kabul."
    )
    found = shown(gaz, text, published=dt.date(2024, 2, 20))
    assert [i.event_date for i in found] == ["2024-02-18"]


@pytest.mark.parametrize(
    "phrase",
    ["it has intensified its guerrilla attacks", "the TTP have stepped up their attacks", "has escalated its raids"],
)
def test_a_stepped_up_campaign_is_ongoing(phrase: str) -> None:
    assert ONGOING.search(phrase)


@pytest.mark.parametrize(
    "sentence",
    [
        "In October 2024, there were three such attacks in Khyber Pakhtunkhwa province, all fatal.",
        "The year 2024 in Kabul was marked by escalating attacks from ISIS-Khorasan.",
    ],
)
def test_such_attacks_and_a_year_marked_by_attacks_are_statistics(gaz: Gazetteer, sentence: str) -> None:
    found = run(gaz, sentence, published=dt.date(2024, 12, 20))
    assert all(i.confidence < settings.CONFIDENCE_THRESHOLD for i in found), [(i.confidence, i.reason) for i in found]


def test_taking_control_of_the_country_is_no_attack(gaz: Gazetteer) -> None:
    found = run(gaz, "The Taliban took control of Afghanistan in August 2021.", published=dt.date(2021, 10, 9))
    assert found == []


def test_a_present_perfect_since_a_year_is_a_trend_not_an_incident(gaz: Gazetteer) -> None:
    text = (
        "On Tuesday, a roadside bomb killed two policemen in Quetta. "
        "The Taliban have battled with IS-K since its emergence in Afghanistan in 2014."
    )
    assert [i.location for i in run(gaz, text)] == ["Quetta"]


@pytest.mark.parametrize(
    "text",
    [
        "Earlier, the blast in the Quetta coal mine took place on 2 May 2025 and claimed the lives of 12 miners.",
        "On 2 May 2025, at least 11 miners were killed in a methane gas explosion at a coal mine in Quetta.",
    ],
)
def test_an_explosion_in_a_mine_with_no_attack_named_is_an_accident(gaz: Gazetteer, text: str) -> None:
    found = run(gaz, text)
    assert found and all(i.confidence < settings.CONFIDENCE_THRESHOLD for i in found)
    assert "mine" in found[0].reason


def test_an_attack_on_a_mine_is_an_incident(gaz: Gazetteer) -> None:
    text = "On 2 May 2025, armed men with rockets and hand grenades attacked coal mines in Quetta, killing 20 miners."
    assert only(gaz, text).confidence >= settings.CONFIDENCE_THRESHOLD


def test_a_tally_over_a_city_and_other_cities_is_background(gaz: Gazetteer) -> None:
    text = "In April 2025, dozens of civilians were killed in Kabul and other cities during Ramzan."
    found = run(gaz, text)
    assert found and all(i.confidence < settings.CONFIDENCE_THRESHOLD for i in found)


def test_a_toll_that_many_of_these_incidents_make_is_a_count(gaz: Gazetteer) -> None:
    text = "In November 2024, 156 civilians were killed in Kabul, with many of these incidents attributed to ISIS-K."
    found = run(gaz, text)
    assert found and all(i.confidence < settings.CONFIDENCE_THRESHOLD for i in found)


def test_background_told_after_a_lead_does_not_make_the_lead_a_summary(gaz: Gazetteer) -> None:
    text = (
        "Afghanistan's Ministry of Defense says its forces carried out coordinated retaliatory strikes overnight "
        "in the eastern provinces of Khost, Paktika and Kunar, amid intensifying clashes with Pakistan.\n\n"
        "The latest operations come amid days of heavy fighting along the Durand Line near Khost.\n\n"
        "The frontier has long been a source of friction between Kabul and Quetta, with disputes over fencing, "
        "shelling and militant activity frequently sparking armed confrontations."
    )
    found = run(gaz, text, published=dt.date(2025, 5, 8))
    kept = sorted(i.location for i in found if i.confidence >= settings.CONFIDENCE_THRESHOLD)
    assert {"Khost", "Kunar", "Paktika"} <= set(kept)


def test_an_earlier_claim_told_after_the_incident_is_background(gaz: Gazetteer) -> None:
    text = (
        "The NRF said its forces attacked a Taliban outpost in Kabul on 2 May 2025, killing three. "
        "The NRF had also reported killing a number of Taliban members in Khost, Paktika and Kunar provinces."
    )
    kept = [i.location for i in shown(gaz, text)]
    assert kept == ["Kabul"]


def test_rocket_propelled_grenades_fired_at_a_post_are_no_grenade_attack(gaz: Gazetteer) -> None:
    text = "On 2 May 2025, NRF forces attacked a Taliban outpost in Kabul and fired four Rocket-Propelled Grenades."
    assert only(gaz, text).sub_event_type != "Grenade"


def test_the_event_an_act_answers_does_not_type_the_act(gaz: Gazetteer) -> None:
    text = "On 2 May 2025, Afghan forces launched border attacks in Khost in response to Sunday's Pakistani airstrikes."
    assert only(gaz, text).sub_event_type != "Air/drone strike"


@pytest.mark.parametrize(
    "text",
    [
        "Locals stood with security forces in Karak on 3 May 2025 to drive back another terrorist attack.",
        "In Bannu, militants attempted to ambush a police checkpost on 3 May 2025, but residents rushed to support "
        "the police, forcing the attackers to retreat.",
        "On 3 May 2025, a soldier on leave faced a siege by armed terrorists at his home in Bannu.",
    ],
)
def test_an_attack_fought_off_is_an_incident(gaz: Gazetteer, text: str) -> None:
    inc = only(gaz, text)
    assert inc.confidence >= settings.CONFIDENCE_THRESHOLD


def test_an_attempt_nobody_fought_is_no_incident(gaz: Gazetteer) -> None:
    assert not run(gaz, "On 3 May 2025 militants in Bannu attempted to attack a checkpost, police said.")


def test_an_attack_set_in_context_is_the_one_told(gaz: Gazetteer) -> None:
    text = (
        "Militants attacked a checkpost in Bannu on 3 May 2025, killing two soldiers. "
        "Saturday's attack comes as terrorism in Khyber Pakhtunkhwa has been rearing its head again."
    )
    found = shown(gaz, text)
    assert [i.location for i in found] == ["Bannu"]


def test_fighting_resumed_on_a_day_is_an_incident(gaz: Gazetteer) -> None:
    text = "On 1 September, talks broke down and fighting resumed as the Taliban attacked positions in Khost."
    found = only(gaz, text, published=dt.date(2021, 9, 20))
    assert (found.event_date, found.location) == ("2021-09-01", "Khost")


def test_an_ongoing_operation_launched_on_a_day_is_an_incident(gaz: Gazetteer) -> None:
    text = "Operation Sarbakaf is an ongoing army-led counterterrorism offensive launched on 29 July 2025 in Bannu."
    found = only(gaz, text, published=None)
    assert (found.event_date, found.location) == ("2025-07-29", "Bannu")


def test_ongoing_attacks_reported_on_a_weekday_are_no_incident(gaz: Gazetteer) -> None:
    assert run(gaz, "Officials said on Monday that the ongoing attacks in Bannu had alarmed residents.") == []


def test_ground_taken_by_force_is_an_incident_but_captured_militants_are_not(gaz: Gazetteer) -> None:
    found = only(gaz, "On 6 August 2021, the Taliban captured two district centres in Paktika.", published=None)
    assert found.location == "Paktika"
    assert run(gaz, "On 6 May police captured two militants in Bannu.") == []


def test_a_claim_lead_about_the_attack_targeting_someone_is_the_first_telling(gaz: Gazetteer) -> None:
    text = (
        "ISIS has claimed responsibility for the deadly suicide attack targeting employees of a directorate "
        "in Kabul.\n\nThe group stated that the attack killed six people."
    )
    found = only(gaz, text, published=dt.date(2024, 9, 3))
    assert found.evidence.startswith("ISIS has claimed responsibility")
    assert (found.location, found.fatalities) == ("Kabul", 6)


def test_storming_back_to_power_is_no_attack(gaz: Gazetteer) -> None:
    text = "Security improved since the Taliban stormed back to power in Kabul in August 2021, but IS is a threat."
    assert run(gaz, text, published=dt.date(2023, 6, 7)) == []


def test_a_kicker_before_the_first_sentence_is_no_incident(gaz: Gazetteer) -> None:
    text = (
        "Pakistan airstrike in Afghanistan: Pakistan has accused Afghanistan of harbouring the TTP. "
        "Pakistan carried out airstrikes in Khost late at night, killing 10 people."
    )
    found = run(gaz, text)
    assert [i.evidence for i in found] == ["Pakistan carried out airstrikes in Khost late at night, killing 10 people."]


def test_a_setting_after_comes_amid_is_no_incident(gaz: Gazetteer) -> None:
    text = (
        "Pakistani jets struck Khost overnight, killing eight civilians, Afghan officials said. "
        "This comes amid an exchange of airstrikes between Pakistan and Afghanistan along the Durand Line in February."
    )
    found = shown(gaz, text)
    assert len(found) == 1 and found[0].location == "Khost", [i.evidence for i in found]


def test_praise_for_an_operation_told_before_is_not_another_incident(gaz: Gazetteer) -> None:
    text = (
        "Three terrorists were killed in an intelligence-based operation in Gwadar on August 19, the military said.\n\n"
        + " ".join(f"Officials met on Monday to discuss the budget, item {k}." for k in range(6))
        + "\n\nThe prime minister commended the security forces for killing the terrorists."
    )
    found = run(gaz, text, published=dt.date(2024, 8, 31))
    assert len(found) == 1, [i.evidence for i in found]
    assert found[0].event_date == "2024-08-19"


def test_a_lead_that_counts_its_places_sums_up_the_items_told_after_it(gaz: Gazetteer) -> None:
    text = (
        "Five terrorists were killed while three others were injured in operations by security forces in three "
        "Balochistan districts, reported a TV channel.\n\n"
        "“On night of 29/30 August, in three separate IBOs in Gwadar, Quetta, and Chaman, five terrorists were sent "
        "to hell by the security forces, while three terrorists got injured during the intense fire exchange,” the "
        "ISPR added."
    )
    found = run(gaz, text, published=dt.date(2024, 8, 31))
    kept = [i for i in found if i.confidence >= settings.CONFIDENCE_THRESHOLD]
    assert sorted(i.location for i in kept) == ["Chaman", "Gwadar", "Quetta"], [i.evidence for i in found]
    lead = next(i for i in found if i not in kept)
    assert "summary" in lead.reason


def test_a_trend_of_attacks_is_no_incident(gaz: Gazetteer) -> None:
    # the verb of the clause tells a change in numbers, not an event
    assert run(gaz, "Incidents of attacks on security forces in Bannu have surged over past two weeks.") == []
    assert run(gaz, "Attacks on police in Lakki Marwat have increased manifold since January.") == []
    # an event noun whose clause tells what happened stays an incident
    found = only(gaz, "Attacks on security forces in Bannu killed two soldiers on Monday.")
    assert (found.location, found.fatalities) == ("Bannu", 2)


def test_a_lead_listing_the_places_of_several_incidents_sums_them_up(gaz: Gazetteer) -> None:
    text = (
        "Five people were killed and two others wounded in several incidents in Bannu, Quetta and Chaman.\n\n"
        "Officials met to discuss the budget. The market reopened. Schools stayed open. Trains ran late.\n\n"
        "According to reports, one man was killed in a hand grenade attack in Bannu on Monday.\n\n"
        "In another incident, gunmen killed two people in Quetta on Monday.\n\n"
        "Two more people were shot dead in Chaman on Monday."
    )
    found = shown(gaz, text, published=dt.date(2021, 5, 4))
    assert [(i.location, i.fatalities) for i in found] == [("Bannu", 1), ("Quetta", 2), ("Chaman", 2)], [
        (i.location, i.evidence) for i in found
    ]


def test_a_toll_of_recent_attacks_in_a_province_sums_up_the_attacks_told_below(gaz: Gazetteer) -> None:
    text = (
        "As many as 16 policemen were killed and 14 others wounded in recent attacks in Khyber Pakhtunkhwa.\n\n"
        "In the latest attack, militants ambushed a police patrol in Bannu on Sunday, killing eight policemen.\n\n"
        "On Friday, gunmen attacked a checkpost in Kohat, killing eight policemen."
    )
    found = shown(gaz, text, published=dt.date(2022, 10, 25))
    assert [i.location for i in found] == ["Bannu", "Kohat"], [(i.location, i.evidence) for i in found]


def test_an_attempt_fought_off_in_the_next_sentence_is_an_incident(gaz: Gazetteer) -> None:
    attempt = "On February 2, terrorists had attempted to attack a security forces camp in Kohat."
    fought = " However, security forces repulsed the attack and killed 20 terrorists."
    found = only(gaz, attempt + fought, published=dt.date(2022, 2, 17))
    assert (found.event_date, found.location) == ("2022-02-02", "Kohat")
    # an attempt nobody answers is a plan, not an incident
    found = run(gaz, attempt + " Officials met on Friday.", published=dt.date(2022, 2, 17))
    assert all(i.confidence < settings.CONFIDENCE_THRESHOLD for i in found), [(i.evidence, i.reason) for i in found]


@pytest.mark.parametrize(
    "accident",
    [
        "Separately, three people were killed and as many injured when wall of an under-construction house "
        "collapsed in Bannu on Monday.",
        "Four people were killed when their van plunged into a ravine near Parachinar on Monday.",
    ],
)
def test_a_death_in_an_accident_is_not_political_violence(gaz: Gazetteer, accident: str) -> None:
    text = "A constable was shot dead by unidentified gunmen in Bannu on Monday. " + accident
    found = shown(gaz, text, published=dt.date(2021, 4, 6))
    assert [i.fatalities for i in found] == [1], [(i.evidence, i.reason) for i in found]
    # a roof that falls in a blast is the blast's
    bombed = "Four people were killed when the roof of a house collapsed after a bomb blast in Bannu on Monday."
    assert only(gaz, bombed, published=dt.date(2021, 4, 6)).confidence >= settings.CONFIDENCE_THRESHOLD


def test_the_span_of_the_war_a_page_is_part_of_does_not_make_its_attack_history(gaz: Gazetteer) -> None:
    text = (
        "September 2016 Kabul bombing\n\n"
        "Part of the War in Afghanistan (2001–2021)\n\n"
        "Explosions in Kabul on September 5, 2016 killed over 41 people and injured 103 others in twin suicide "
        "bombings near the Afghan defense ministry."
    )
    found = shown(gaz, text, published=None)
    assert [(i.event_date, i.location) for i in found] == [("2016-09-05", "Kabul")], [
        (i.event_date, i.reason) for i in run(gaz, text, published=None)
    ]


def test_the_day_of_talks_told_in_passing_does_not_date_the_next_attack(gaz: Gazetteer) -> None:
    text = (
        "Two policemen were killed after their outpost came under attack by a car bomb in Paktika province on "
        "Sunday night.\n\n"
        "On September 12, for the first time in 19 years, a government led peace delegation started direct talks "
        "with the Taliban representatives.\n\n"
        "On the other hand, four government employees lost their lives after a Taliban mortar hit the building of "
        "governor office in Khost province."
    )
    found = run(gaz, text, published=dt.date(2020, 11, 2))
    assert [(i.location, i.event_date) for i in found] == [("Paktika", "2020-11-01"), ("Khost", "2020-11-01")], [
        (i.location, i.event_date, i.notes) for i in found
    ]
