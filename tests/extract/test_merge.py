"""Within-article coreference (geo.extract.merge): one record per incident per article."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from geo.articles import Article
from geo.extract import extract_incidents
from geo.extract.records import EVIDENCE_JOINER
from geo.gazetteer import Gazetteer
from tests.extract.helpers import article, only, run, shown


def test_a_retelling_later_in_the_article_is_the_same_incident(gaz: Gazetteer) -> None:
    lead = "A suicide bomber killed 12 people at a market in Quetta on Tuesday, police said."
    filler = " ".join(f"Officials met on Monday to discuss the budget, item {k}." for k in range(6))
    retold = "The Quetta bombing on Tuesday killed 12 people and injured 30."
    found = run(gaz, f"{lead}\n\n{filler}\n\n{retold}")
    assert len(found) == 1, [i.evidence for i in found]
    inc = found[0]
    assert inc.evidence.startswith(lead)
    assert EVIDENCE_JOINER + retold in inc.evidence
    assert "told again later in the article" in inc.notes
    text = article(f"{lead}\n\n{filler}\n\n{retold}").text
    assert text[inc.char_start : inc.char_end] == lead  # offsets: the first telling


def test_the_lowest_toll_and_the_finest_place_win(gaz: Gazetteer) -> None:
    text = (
        "Militants ambushed a convoy in Kurram on 16 January 2025, killing 12 people.\n\n"
        + " ".join(f"The market reopened on Monday, shop {k}." for k in range(6))
        + "\n\nThe ambush near Parachinar on 16 January 2025 killed 10 people, the death toll rose."
    )
    found = run(gaz, text)
    assert len(found) == 1
    assert found[0].fatalities == 10
    assert found[0].location == "Parachinar"


def test_two_attacks_on_one_day_in_distant_places_stay_two(gaz: Gazetteer) -> None:
    text = (
        "A bomb killed two people in Quetta on Tuesday.\n\n"
        + " ".join(f"The market reopened on Monday, shop {k}." for k in range(6))
        + "\n\nA bomb killed five people in Peshawar on Tuesday."
    )
    assert sorted(i.location for i in run(gaz, text)) == ["Peshawar", "Quetta"]


def test_different_tolls_on_one_day_in_one_place_stay_two(gaz: Gazetteer) -> None:
    text = (
        "A bomb killed two people in Quetta on Tuesday.\n\n"
        + " ".join(f"The market reopened on Monday, shop {k}." for k in range(6))
        + "\n\nGunmen shot dead five people in Quetta on Tuesday."
    )
    assert len(run(gaz, text)) == 2


def test_the_group_named_in_the_sentence_before_is_the_actor(gaz: Gazetteer) -> None:
    text = (
        "The TTP attacked a checkpost in Bannu on 3 May 2025, killing two soldiers. "
        "Gunmen killed a police officer in Peshawar on 4 May 2025."
    )
    found = run(gaz, text)
    assert [i.actor1 for i in found] == ["TTP: Tehreek-e-Taliban Pakistan"] * 2
    assert "actor named in the sentence before" in found[1].notes


def test_a_state_force_named_before_is_not_inherited(gaz: Gazetteer) -> None:
    text = (
        "Security forces killed five militants in Bannu on 3 May 2025. "
        "Gunmen killed a police officer in Peshawar on 4 May 2025."
    )
    assert run(gaz, text)[1].actor1 != run(gaz, text)[0].actor1


def test_the_infobox_perpetrator_names_an_unattributed_attack(gaz: Gazetteer) -> None:
    text = (
        "2024 Quetta bombing\n\nDate: 9 November 2024\nPerpetrators: Balochistan Liberation Army\n\n"
        "On 9 November 2024, a suicide bomber killed 26 people at the railway station in Quetta."
    )
    inc = only(gaz, text)
    assert inc.actor1 == "BLA: Balochistan Liberation Army"
    assert "actor from the infobox" in inc.notes


def test_a_local_report_without_a_date_of_its_own_is_kept(gaz: Gazetteer) -> None:
    import datetime as dt

    found = run(
        gaz, "An explosion in Bajaur district has left two policemen martyred.", published=dt.date(2021, 11, 13)
    )
    assert [(i.event_date, i.location, i.fatalities) for i in found] == [("2021-11-13", "Bajaur", 2)]


def test_a_claim_dated_the_next_day_joins_the_attack(gaz: Gazetteer) -> None:
    text = (
        "On 2 September 2024, a suicide bomber killed six people in Kabul.\n\n"
        + " ".join(f"The market reopened on Monday, shop {k}." for k in range(6))
        + "\n\nIslamic State claimed responsibility on 3 September 2024 for the attack in Kabul."
    )
    found = run(gaz, text)
    assert len(found) == 1 and found[0].event_date == "2024-09-02"


def test_a_claim_made_the_following_day_is_dated_by_the_attack_it_claims(gaz: Gazetteer) -> None:
    text = (
        "On 1 January 2023, a bombing at a checkpoint outside the military airport in Kabul killed and injured "
        "several people. [1] [2] The following day, the Islamic State claimed responsibility for the bombing on "
        "Telegram, claiming to have killed 20 people."
    )
    found = run(gaz, text)
    assert len(found) == 1, [i.evidence for i in found]
    assert found[0].event_date == "2023-01-01" and found[0].fatalities == 20
    assert found[0].evidence.startswith("On 1 January 2023") and found[0].evidence.endswith("20 people.")


def test_plural_attackers_in_the_lead_still_open_the_evidence(gaz: Gazetteer) -> None:
    text = (
        "Two suicide bombers attacked a compound housing a police station in northwest Pakistan on Thursday, "
        "killing at least one police officer, police said. The attack occurred in Bannu, the police chief said."
    )
    inc = only(gaz, text)
    assert inc.location == "Bannu" and inc.evidence.startswith("Two suicide bombers attacked")


def test_the_same_day_is_the_day_counted_just_before(gaz: Gazetteer) -> None:
    text = (
        "Three policemen were martyred in an attack on a checkpost in Kohat on Wednesday, officials said. "
        "The incident comes just two days after a police vehicle came under attack in Bajaur. "
        "Seven policemen were martyred in the incident. "
        "The same day, a soldier was killed in an exchange of fire with militants in Bannu."
    )
    found = run(gaz, text, published=dt.date(2024, 1, 11))
    assert sorted((i.event_date, i.location) for i in found) == [
        ("2024-01-08", "Bajaur"),
        ("2024-01-08", "Bannu"),
        ("2024-01-10", "Kohat"),
    ]


def test_who_repelled_the_attackers_is_not_their_actor(gaz: Gazetteer) -> None:
    inc = only(gaz, "On Tuesday, attackers stormed a compound in Bannu but were repelled by Pakistani armed forces.")
    assert inc.actor1 != "Military Forces of Pakistan" and inc.actor2 == "Military Forces of Pakistan"


def test_a_lead_about_one_wave_of_airstrikes_opens_the_evidence(real_gazetteer: Gazetteer) -> None:
    lead = "Pakistan carried out airstrikes deep inside the Afghan border late at night, killing 10 people."
    text = (
        f"{lead} The cricket board said three of its players were among the dead. The board condemned the attack. "
        "A security official said the strikes were precise. Meanwhile, a Taliban official reported that Pakistan "
        "carried out airstrikes on three locations in Afghanistan's Paktika province."
    )
    inc = only(real_gazetteer, text, published=dt.date(2025, 10, 18))
    assert inc.location == "Paktika" and inc.evidence.startswith(lead)


def test_a_report_made_before_an_event_does_not_tell_it(gaz: Gazetteer) -> None:
    text = (
        "A suicide bomber killed four people at a police checkpoint in Bannu on Wednesday, officials said. "
        "Another five people were wounded in the blast. Officials said on Tuesday six security personnel had been "
        "killed in a militant siege on an oil and gas site around 70 kilometres (44 miles) northeast of Wednesday's "
        "blast."
    )
    found = run(gaz, text, published=dt.date(2023, 5, 24))
    assert sorted((i.event_date, i.fatalities) for i in found) == [("2023-05-23", 6), ("2023-05-24", 4)]


_FILLER = " ".join(f"Officials met to discuss the budget, item {k}." for k in range(4))


def test_an_undated_retelling_with_the_toll_of_other_victims_is_the_same_incident(gaz: Gazetteer) -> None:
    lead = "Militants attacked a passenger train near Quetta on 11 March 2025, killing 26 people."
    body = "During the attack, 18 soldiers who were travelling on leave were killed by the gunmen in Quetta."
    inc = only(gaz, f"{lead}\n\n{_FILLER}\n\n{body}")
    assert inc.fatalities == 26  # the soldiers are some of the victims, not a lower count of the same people
    assert body in inc.evidence


def test_an_undated_sentence_that_opens_another_incident_stays_apart(gaz: Gazetteer) -> None:
    lead = "Militants attacked a passenger train near Quetta on 11 March 2025, killing 26 people."
    other = "Meanwhile, gunmen shot dead a shopkeeper in Quetta."
    assert len(run(gaz, f"{lead}\n\n{_FILLER}\n\n{other}")) == 2


def test_an_undated_retelling_in_another_place_stays_apart(gaz: Gazetteer) -> None:
    lead = "Militants attacked a passenger train near Quetta on 11 March 2025, killing 26 people."
    other = "Gunmen shot dead a shopkeeper in Peshawar, killing him on the spot."
    assert sorted(i.location for i in run(gaz, f"{lead}\n\n{_FILLER}\n\n{other}")) == ["Peshawar", "Quetta"]


def test_another_victim_is_another_incident(gaz: Gazetteer) -> None:
    lead = "Gunmen shot dead three policemen in Bannu on Sunday, officials said."
    other = "Another police constable was shot dead by unidentified attackers in Bannu while leaving his home."
    assert len(run(gaz, f"{lead}\n\n{other}")) == 2


def test_a_complete_report_with_another_toll_does_not_join_the_incident_before(gaz: Gazetteer) -> None:
    text = (
        "A suicide bomber killed five soldiers in Quetta on Thursday, officials said on Friday.\n\n"
        "Another blast near the border killed six labourers on Thursday night.\n\n"
        "Fifteen people were killed on 2 May in a suicide bombing at a rally in Peshawar."
    )
    found = run(gaz, text)
    assert sorted(i.fatalities or 0 for i in found) == [5, 6, 15]
    assert [i.location for i in found if i.fatalities == 15] == ["Peshawar"]


def test_an_incident_counted_back_from_the_running_date_stands_apart(gaz: Gazetteer) -> None:
    text = (
        "Militants attacked a police station in Bannu early Friday, killing four officers.\n\n"
        "The attacks came three days after a suicide bomber rammed his car into a police post in Kurram, "
        "killing 23 soldiers.\n\n"
        "Local police said two officers were wounded in the attack on the police station in Bannu."
    )
    found = sorted((i.event_date, i.location, i.fatalities) for i in run(gaz, text))
    assert found == [("2025-04-29", "Kurram", 23), ("2025-05-02", "Bannu", 4)]  # published Thursday 2025-05-08


def test_another_operation_is_another_incident_and_a_report_does_not_take_an_older_day(gaz: Gazetteer) -> None:
    text = (
        "Gunmen killed seven people at a peace committee office in Bannu, police said on Thursday.\n\n"
        "On 1 May 2025, the military said, troops killed eleven militants in an operation in Bajaur.\n\n"
        "In another intelligence-based operation in Bannu on 1 May 2025, troops killed twelve more militants."
    )
    found = sorted((i.event_date, i.location, i.fatalities) for i in run(gaz, text))
    assert found == [("2025-05-01", "Bajaur", 11), ("2025-05-01", "Bannu", 12), ("2025-05-08", "Bannu", 7)]


def test_another_operation_on_the_same_day_in_the_same_district_is_another_incident(gaz: Gazetteer) -> None:
    text = (
        "Troops killed eleven militants in an intelligence-based operation in Bannu on Thursday, the military said.\n\n"
        "In another intelligence-based operation conducted in Bannu, troops neutralised twelve more militants."
    )
    assert len(run(gaz, text)) == 2


def test_on_the_same_day_opens_another_incident(gaz: Gazetteer) -> None:
    text = (
        "In Kohat, unidentified gunmen shot dead a policeman on Sunday. On the same day, a person was killed "
        "when a roadside bomb went off in Kohat."
    )
    assert len(run(gaz, text)) == 2


def test_an_undated_retelling_joins_one_part_of_a_split_sentence(gaz: Gazetteer) -> None:
    text = (
        "On 12 April 2025, armed men stopped a bus near Quetta, kidnapped nine passengers and killed them.\n\n"
        "The attackers checked the identity cards of the passengers and kidnapped nine of them."
    )
    assert len(run(gaz, text)) <= 2  # the killing and the abduction; the retelling is neither a third


def test_the_bullets_of_a_factbox_are_incidents_each(gaz: Gazetteer) -> None:
    text = (
        "DECEMBER 2022\n\n"
        "* Three attackers were killed on 12 December 2022 after gunmen opened fire inside a hotel in Kabul.\n\n"
        "* Gunmen attacked Pakistan's embassy in Kabul, killing two security guards."
    )
    assert len(run(gaz, text)) == 2


def test_the_evidence_starts_at_the_lead_told_right_before_the_placed_sentence(gaz: Gazetteer) -> None:
    lead = "An explosion on Thursday at a funeral service killed 11 people, officials said."
    placed = "The explosion took place inside a mosque in Kabul, locals said."
    inc = only(gaz, f"{lead}\n\n{placed}")
    assert inc.location == "Kabul"
    assert inc.evidence.startswith(lead) and placed in inc.evidence


def test_a_report_does_not_absorb_an_incident_months_older(gaz: Gazetteer) -> None:
    text = (
        "Gunmen shot dead a police constable escorting polio workers in Kohat, police said on Wednesday.\n\n"
        "In September 2024, militants killed two polio workers in Kohat."
    )
    found = sorted(i.event_date[:7] for i in run(gaz, text))
    assert found == ["2024-09", "2025-05"]


def test_a_definite_reference_dated_the_night_before_is_the_same_incident(gaz: Gazetteer) -> None:
    text = (
        "Security forces neutralised three terrorists during an intelligence-based operation in North Waziristan "
        "on Friday, the military said.\n\n"
        "The IBO was conducted on the night of May 1 and 2 in the general area of Mir Ali."
    )
    inc = only(gaz, text)  # published Thursday 2025-05-08: Friday is 2 May
    assert inc.location == "Mir Ali"


def test_a_separate_operation_with_a_toll_in_an_unknown_place_is_another_incident(gaz: Gazetteer) -> None:
    text = (
        "Security forces killed six terrorists in an operation in North Waziristan on Tuesday.\n\n"
        "In a separate operation in Spinwam, one more terrorist was eliminated."
    )
    assert sorted(i.fatalities or 0 for i in run(gaz, text)) == [1, 6]


def test_another_official_is_another_source_not_another_incident(gaz: Gazetteer) -> None:
    text = (
        "Pakistani aircraft bombed a village in Khost on Friday night, killing 14 people, an official said.\n\n"
        "Another official in the province said that Pakistani aircraft bombarded four villages in Khost."
    )
    assert len(run(gaz, text)) == 1


def test_a_lead_dated_by_publication_keeps_its_day_against_a_later_month_of_the_narrative(gaz: Gazetteer) -> None:
    text = (
        "An explosion in Bannu has left two policemen martyred.\n\n"
        "Militant attacks rose sharply in August.\n\n"
        "The dead policemen were deputed near a dam in Bannu, police said, adding that the bomb was detonated "
        "by remote control."
    )
    found = run(gaz, text, published=dt.date(2021, 11, 13))
    assert [(i.event_date, i.time_precision) for i in found] == [("2021-11-13", 1)]


def test_additionally_with_a_place_of_its_own_is_a_further_incident(gaz: Gazetteer) -> None:
    text = (
        "On 26 August 2024, militants killed 23 passengers in attacks on civilians in Balochistan. "
        "Additionally, ten policemen were martyred in a gun attack in Quetta."
    )
    assert sorted(i.location for i in run(gaz, text)) == ["Balochistan", "Quetta"]


def test_an_unattributed_act_at_a_place_of_its_own_is_another_incident(gaz: Gazetteer) -> None:
    text = (
        "Militants attacked a police post in Bannu on Tuesday, killing two policemen, officials said.\n\n"
        "Other clashes led to the death of an officer and injuries to four others in North Waziristan."
    )
    found = run(gaz, text, published=dt.date(2025, 3, 12))
    assert [(i.event_date, i.location) for i in found] == [("2025-03-11", "Bannu"), ("2025-03-11", "North Waziristan")]


def test_several_unattributed_attacks_at_places_are_no_incident(gaz: Gazetteer) -> None:
    text = (
        "Militants attacked a police post in Bannu on Tuesday, killing two policemen, officials said.\n\n"
        "Since then, multiple other attacks were reported, including in Quetta and Peshawar."
    )
    found = run(gaz, text, published=dt.date(2025, 3, 12))
    assert [i.location for i in found] == ["Bannu"]


def test_a_lead_told_paragraphs_before_the_place_starts_the_evidence(gaz: Gazetteer) -> None:
    lead = (
        "Gunmen killed at least 14 people in central Afghanistan on Thursday, the interior ministry said, "
        "in an attack claimed by the Islamic State group."
    )
    filler = "The victims were travelling home. Their families had gathered to receive them."
    placed = "The attack took place in Khost, where 14 people were killed and four wounded."
    found = run(gaz, f"{lead}\n\n{filler}\n\n{placed}", published=dt.date(2024, 9, 13))
    assert [(i.location, i.fatalities) for i in found] == [("Khost", 14)]
    assert found[0].evidence == lead + EVIDENCE_JOINER + placed  # the first telling, not the sentences between
    assert (found[0].char_start, found[0].char_end) == (0, len(lead))


def test_a_separate_attack_with_only_injuries_is_its_own_incident(gaz: Gazetteer) -> None:
    """'In a separate attack in <district of province>, two were injured': the casualties of another act."""
    text = (
        "In Kunar, the group said its fighters attacked a Taliban checkpoint on Thursday, killing four Taliban "
        "members. In a separate attack in the Shigal district of Kunar province, two Taliban members were injured."
    )
    found = run(gaz, text)
    assert len(found) == 2, [i.evidence for i in found]
    assert found[1].evidence.startswith("In a separate attack")
    assert found[1].fatalities == 0


def test_victims_named_in_an_aside_in_dashes_are_victims_and_counted(gaz: Gazetteer) -> None:
    """'five individuals—three FC personnel and two civilians—were killed' retells the lead, with its toll."""
    text = (
        "On 16 March 2025, a suicide bomber targeted a convoy of buses carrying security forces in Quetta. "
        "Official reports confirm that five individuals—three Frontier Corps personnel and two civilians—were killed, "
        "with over 30 others injured."
    )
    found = only(gaz, text)
    assert found.fatalities == 5
    assert "Military Forces" not in found.actor1


def test_a_relative_clause_with_also_adds_victims_to_the_event_named(gaz: Gazetteer) -> None:
    text = (
        "A suicide bomber on Tuesday drove a car filled with explosives into the governor's vehicle in Quetta. "
        "The Islamic State claimed responsibility for the assassination, which also killed the governor's driver."
    )
    assert len(run(gaz, text, published=dt.date(2025, 5, 8))) == 1


def test_a_lead_counted_back_from_the_report_day_is_the_story_its_retellings_join(gaz: Gazetteer) -> None:
    """'observed a day of mourning on Wednesday, a day after a twin suicide bombing': Tuesday, and one record."""
    text = (
        "PESHAWAR, Pakistan (AP) — A city in northwestern Pakistan observed a day of mourning on Wednesday, a day "
        "after a twin suicide bombing targeted a military base in Bannu and killed 18 people.\n\n"
        "A militant group linked with the Pakistani Taliban claimed responsibility for the bombing in Bannu.\n\n"
        "Other attackers stormed the base and set off a firefight with troops."
    )
    found = run(gaz, text, published=dt.date(2025, 3, 5))
    assert [(i.event_date, i.fatalities) for i in found] == [("2025-03-04", 18)]
    assert "Military Forces" not in found[0].actor1


def test_an_event_counted_from_another_stays_closed_to_the_running_date(gaz: Gazetteer) -> None:
    text = (
        "Militants attacked a police post in Bannu on Tuesday, killing two policemen. The attack came three days "
        "after a suicide bomber killed five soldiers in Quetta. Police said the attackers fled."
    )
    found = run(gaz, text, published=dt.date(2025, 5, 8))
    assert sorted((i.event_date, i.location) for i in found) == [("2025-05-03", "Quetta"), ("2025-05-06", "Bannu")]


def test_an_abduction_and_its_recovery_are_one_incident_where_it_happened(gaz: Gazetteer) -> None:
    text = (
        "Seven policemen who were kidnapped from Khyber Pakhtunkhwa's Bannu district a day ago were safely recovered "
        "on Tuesday, according to the district police officer.\n\n"
        "Unknown armed men had kidnapped the police officials from a check post earlier on Monday night, in the Wazir "
        "subdivision of Bannu district."
    )
    found = only(gaz, text, published=dt.date(2024, 11, 19))
    assert (found.event_date, found.location) == ("2024-11-18", "Bannu")
    assert "Police Forces" not in found.actor1


def test_victims_named_by_a_participle_tell_the_aftermath_not_an_incident(gaz: Gazetteer) -> None:
    text = (
        "Three policemen were martyred when militants attacked a check post in Kohat district on Thursday night. "
        "The funeral prayers of the three martyred cops were offered at the police lines this morning."
    )
    assert len(run(gaz, text, published=dt.date(2025, 2, 7))) == 1


def test_every_sentence_merged_into_an_incident_is_evidence(gaz: Gazetteer) -> None:
    """A toll sentence told a few sentences after the lead joins its evidence, and 'Three blasts' is no toll."""
    text = (
        "Three blasts ripped through minibuses in Quetta on Wednesday.\n\n"
        "A spokesman said the blasts happened at rush hour. Witnesses said the minibuses burned.\n\n"
        "Three blasts in Quetta killed at least nine people and injured 15, the spokesman added."
    )
    found = only(gaz, text, published=dt.date(2025, 5, 8))
    assert found.fatalities == 9
    assert "killed at least nine people" in found.evidence


def test_a_possessive_year_sets_no_running_date(gaz: Gazetteer) -> None:
    """'this year's worst attack' names a period: the next undated account keeps the day told before."""
    text = (
        "Militants attacked a police headquarters in Quetta early Friday, killing four officers, officials said.\n\n"
        "It was this year's worst attack on the police in the province.\n\n"
        "In a separate attack, two policemen were martyred when gunmen opened fire on a check post in Bannu."
    )
    found = [i for i in run(gaz, text, published=dt.date(2023, 12, 16)) if i.location == "Bannu"]
    assert [(i.event_date, i.time_precision) for i in found] == [("2023-12-15", 1)]


def test_a_label_for_the_incident_tells_no_new_one(gaz: Gazetteer) -> None:
    text = (
        "Unknown assailants killed two people in Quetta on Saturday. Police termed the incident a target killing, "
        "though no group has claimed responsibility for the attack.\n\n"
        "Powerful explosions rocked Peshawar on Saturday, but no casualties were reported."
    )
    found = run(gaz, text, published=dt.date(2025, 2, 23))
    assert sorted(i.location for i in found) == ["Peshawar", "Quetta"]
    assert all("termed" not in i.evidence or i.location == "Quetta" for i in found)


def test_an_outlet_named_after_a_country_is_no_actor(gaz: Gazetteer) -> None:
    text = (
        "The Afghanistan Freedom Front announced on Wednesday that it targeted a Taliban convoy in Kabul city, "
        "killing three Taliban members. Several sources contacted by Afghanistan International reported hearing "
        "the sound of a powerful explosion in Kabul earlier that day."
    )
    found = only(gaz, text, published=dt.date(2024, 5, 30))
    assert "Military Forces of Afghanistan" not in found.actor1


def test_more_events_reported_after_that_are_incidents_of_their_own(gaz: Gazetteer) -> None:
    text = (
        "Security forces killed eleven terrorists in an intelligence-based operation in North Waziristan on "
        "Thursday, the ISPR said. The ISPR further said that two more engagements took place between security "
        "forces and the terrorists in Bajaur and Lakki Marwat districts, resulting in the killing of five terrorists."
    )
    assert sorted(i.location for i in run(gaz, text)) == ["Bajaur", "Lakki Marwat", "North Waziristan"]


def test_a_day_the_narrative_gives_inside_the_month_of_a_lead_dates_the_incident(gaz: Gazetteer) -> None:
    text = (
        "KABUL – The AFF claimed to have killed nine Taliban members in three separate attacks in Kabul.\n\n"
        "In statements on Monday, the AFF said that all the attacks took place on Sunday, June 1.\n\n"
        "In the first attack in Kabul, the AFF said that its fighters executed a targeted operation, killing three "
        "Taliban members."
    )
    page = Article(doc_id="t", text=text, source="T", url="https://example.org/2025/06/aff-attacks/", published=None)
    found = extract_incidents(page, gaz)
    assert next((i.event_date, i.time_precision) for i in found) == ("2025-06-01", 1)


def test_a_group_that_says_its_fighters_acted_is_the_perpetrator(gaz: Gazetteer) -> None:
    found = only(gaz, "On 4 May 2025, the AFF said its fighters targeted a Taliban checkpoint in Kabul, killing four.")
    assert found.actor1 == "AFF: Afghanistan Freedom Front"


def test_the_sentence_after_that_says_where_the_incident_occurred_places_it(gaz: Gazetteer) -> None:
    text = (
        "Unidentified gunmen on Tuesday shot dead two policemen escorting a team of polio workers in northwest "
        "Pakistan's Khyber Pakhtunkhwa province, police said. The incident occurred in the Bajaur district of the "
        "province bordering Afghanistan."
    )
    found = only(gaz, text)
    assert (found.location, found.admin1) == ("Bajaur", "Khyber Pakhtunkhwa")


def test_a_statement_that_names_the_incident_again_tells_no_new_one(gaz: Gazetteer) -> None:
    text = (
        "The National Resistance Front (NRF), an armed anti-Taliban group, and Salahuddin Rabbani, the leader of "
        "Jamiat-e-Islami, stated that the Thursday explosion was a result of internal rifts within the Taliban."
    )
    assert run(gaz, text) == []


def test_the_forces_response_to_an_attack_is_the_same_incident_and_not_its_perpetrator(gaz: Gazetteer) -> None:
    text = (
        "On 2 May 2025, in Gwadar, militants attacked a camp accommodating migrant workers, killing 11 people, "
        "a senior police officer said. Security forces killed six militants in Gwadar after responding to the "
        "attack, he said."
    )
    found = only(gaz, text)
    assert (found.location, found.actor1) == ("Gwadar", "Unidentified Armed Group (Pakistan)")


_TWO_ATTACKS = (
    "Militants attacked a police station in Quetta on 3 May 2025, killing two policemen.\n\n"
    "In Bannu, militants stormed a checkpost on 3 May 2025 and killed a soldier.\n\n"
    + " ".join(f"Officials met on Monday to discuss the budget, item {k}." for k in range(6))
    + "\n\nThe BLA claimed responsibility for the attacks."
)


def test_a_claim_of_the_attacks_names_the_militants_of_that_day(gaz: Gazetteer) -> None:
    found = run(gaz, _TWO_ATTACKS + "\n\nMilitants killed a shopkeeper in Peshawar on 20 April 2025.")
    by_place = {i.location: i for i in found}
    assert by_place["Quetta"].actor1 == by_place["Bannu"].actor1 == "BLA: Balochistan Liberation Army"
    assert "the article's claim" in str(by_place["Bannu"].notes)
    assert by_place["Peshawar"].actor1 != "BLA: Balochistan Liberation Army"  # another day: not covered


def test_a_claim_of_one_attack_or_beside_an_unclaimed_one_lends_no_actor(gaz: Gazetteer) -> None:
    single = _TWO_ATTACKS.replace("for the attacks", "for the Quetta attack")
    assert {i.location: i.actor1 for i in run(gaz, single)}["Bannu"] != "BLA: Balochistan Liberation Army"
    unclaimed = _TWO_ATTACKS + " No group has claimed the Bannu raid."
    assert {i.location: i.actor1 for i in run(gaz, unclaimed)}["Bannu"] != "BLA: Balochistan Liberation Army"


def test_a_sentence_told_twice_is_evidence_once(gaz: Gazetteer) -> None:
    told = "These attacks came days after the BLA killed nine passengers in Quetta on 10 July."
    text = f"{told}\n\nOfficials gave no further details of the attacks.\n\nMore follows. {told}"
    (found,) = [i for i in run(gaz, text, published=dt.date(2025, 7, 17)) if i.location == "Quetta"]
    assert found.evidence.count("nine passengers") == 1


def test_condemnations_and_tributes_after_the_attack_told_are_part_of_its_record(real_gazetteer: Gazetteer) -> None:
    # The Nation, 17 February 2025 (development article 485): one attack, then only reactions to it
    text = (Path(__file__).parent.parent / "data" / "kalat_attack_reactions.txt").read_text(encoding="utf-8")
    found = only(real_gazetteer, text, published=dt.date(2025, 2, 17))
    assert "condemned" in found.evidence and found.fatalities == 1


def test_an_article_that_tells_its_incident_only_in_a_condemnation_still_reports_it(gaz: Gazetteer) -> None:
    text = (
        "Peshawar - The chief minister has condemned the recent explosion near a police van in Bannu, which "
        "resulted in the martyrdom of a policeman and injuries to four others.\n\n"
        "He extended his condolences to the bereaved family."
    )
    found = only(gaz, text, published=dt.date(2024, 9, 23))
    assert (found.location, found.fatalities) == ("Bannu", 1)
    assert run(gaz, "The minister condemned the recent explosion in Bannu.", published=dt.date(2024, 9, 23)) == []


def test_a_paragraph_the_page_repeats_is_one_record(gaz: Gazetteer) -> None:
    told = "On July 6, 2024, one soldier was killed when militants planted explosives in a bunker in Bannu."
    text = f"{told}\n\nOn July 9, 2024, two policemen were injured in a blast in Quetta.\n\n{told}"
    found = run(gaz, text, published=dt.date(2024, 7, 18))
    assert [i.location for i in found] == ["Bannu", "Quetta"]


def test_a_claim_lead_and_the_attack_s_own_day_told_later_are_one_record(gaz: Gazetteer) -> None:
    text = (
        "KABUL, AFGHANISTAN – The Islamic State (ISIS) has claimed responsibility for a deadly attack on a Sufi "
        "shrine in Khost province, which killed at least 10 people.\n\n"
        "In a statement on November 23, ISIS announced that its operatives targeted the shrine.\n\n"
        "The attack took place on the evening of November 21, when unidentified gunmen opened fire on worshippers."
    )
    found = only(gaz, text, published=dt.date(2024, 11, 24))
    assert (found.event_date, found.location, found.fatalities) == ("2024-11-21", "Khost", 10)


def test_an_undated_page_is_not_dated_in_the_month_it_looks_back_on(gaz: Gazetteer) -> None:
    text = (
        "Thursday's attack in Kabul killed three people, including the governor, police said. "
        "He is the most senior Taliban figure assassinated since he came to power in mid-August 2021."
    )
    found = run(gaz, text, published=None)
    assert not any(i.event_date.startswith("2021-08") for i in found), [(i.event_date, i.evidence) for i in found]


def test_a_retelling_a_day_off_the_lead_after_an_overnight_reaction_is_the_same_incident(gaz: Gazetteer) -> None:
    # "the overnight killing" moves the running date to the eve of "early Thursday"; the later sentence, with no
    # date or toll of its own, tells the same killing again
    text = (
        "At least six labourers were killed in Gwadar early Thursday after gunmen stopped a bus.\n\n"
        "The president condemned the overnight killing of passengers.\n\n"
        '"The terrorists are the enemies of the country," he said.\n\n'
        '"We will never allow them to succeed," the prime minister added.\n\n'
        "As per reports, the labourers were taken off the bus and were killed by the militants."
    )
    found = run(gaz, text, published=dt.date(2025, 3, 27))
    assert len(found) == 1, [(i.event_date, i.evidence) for i in found]
    assert found[0].event_date == "2025-03-27"
    assert found[0].fatalities == 6


def test_a_report_a_day_off_with_its_own_toll_stays_another_incident(gaz: Gazetteer) -> None:
    text = (
        "At least six labourers were killed in Gwadar early Thursday after gunmen stopped a bus.\n\n"
        "The president condemned the overnight killing of passengers.\n\n"
        '"The terrorists are the enemies of the country," he said.\n\n'
        '"We will never allow them to succeed," the prime minister added.\n\n'
        "Militants killed two policemen in Quetta."
    )
    assert len(run(gaz, text, published=dt.date(2025, 3, 27))) == 2


def test_an_ordinal_the_article_used_before_points_back_to_that_incident(gaz: Gazetteer) -> None:
    text = (
        "The BLF said the first attack was carried out on July 15, when a bomb hit a convoy in Quetta.\n\n"
        "In the second militant attack carried out in Chaman on July 16, its fighters ambushed a patrol.\n\n"
        "The BLF said its operatives ambushed Pakistani troops.\n\n"
        "The outfit also said that six personnel, including a major, were killed in the second attack."
    )
    found = run(gaz, text, published=dt.date(2025, 7, 17))
    assert sorted((i.location, i.fatalities) for i in found) == [("Chaman", 6), ("Quetta", None)], [
        (i.location, i.evidence) for i in found
    ]


def test_a_second_attack_not_told_before_is_another_incident(gaz: Gazetteer) -> None:
    text = (
        "A bomb hit a police convoy in Quetta on July 15, killing two policemen.\n\n"
        "The second attack took place in Chaman, where gunmen killed four soldiers."
    )
    assert sorted(i.location for i in run(gaz, text, published=dt.date(2025, 7, 17))) == ["Chaman", "Quetta"]


def test_the_days_attack_named_by_its_weekday_points_back_to_the_lead(gaz: Gazetteer) -> None:
    text = (
        "PESHAWAR, Pakistan (AP) — A suicide bomber detonated his explosive-laden vehicle at a security post in "
        "Bannu, killing 12 soldiers, officials said Wednesday.\n\n"
        + " ".join(f"Officials met to discuss the budget, item {k}." for k in range(6))
        + "\n\nTuesday's attack happened in Bannu while the country's leadership was meeting in Islamabad."
    )
    found = run(gaz, text, published=dt.date(2024, 11, 20))
    assert len(found) == 1, [i.evidence for i in found]
    assert found[0].fatalities == 12


def test_killings_told_in_the_hijacking_just_told_are_that_incident(gaz: Gazetteer) -> None:
    text = (
        "In March this year, the Baloch Liberation Army hijacked the Jaffar Express near Quetta.\n\n"
        "The train with nine coaches was heading from Quetta to Peshawar when gunmen fired on it.\n\n"
        "In this attack, at least 64 people, including soldiers on leave, were killed by the Baloch fighters."
    )
    found = run(gaz, text, published=dt.date(2025, 11, 17))
    assert len(found) == 1, [i.evidence for i in found]
    assert found[0].fatalities == 64
    assert found[0].sub_event_type == "Abduction/forced disappearance"


def test_a_killing_after_an_abduction_with_its_own_opening_stays_another_incident(gaz: Gazetteer) -> None:
    text = (
        "Gunmen abducted six labourers in Quetta on Monday, police said.\n\n"
        "Separately, militants killed two policemen in Quetta on Monday."
    )
    assert len(run(gaz, text, published=dt.date(2025, 11, 18))) == 2


def test_a_statement_issued_the_next_day_tells_the_attack_of_the_day_before(gaz: Gazetteer) -> None:
    text = (
        "The Afghanistan Freedom Front (AFF) has claimed responsibility for an attack on a Taliban convoy in Kabul "
        "on Saturday evening, resulting in the deaths of three Taliban members.\n\n"
        "On Sunday, the AFF issued a statement asserting that Taliban forces had been ambushed in Kabul."
    )
    found = run(gaz, text, published=dt.date(2025, 2, 9))
    assert [(i.event_date, i.location) for i in found] == [("2025-02-08", "Kabul")], [i.evidence for i in found]


def test_a_funeral_names_the_day_of_the_funeral_not_of_the_attack(gaz: Gazetteer) -> None:
    text = (
        "BANNU: Funeral prayers of the soldiers who embraced martyrdom in an attack on a check post in Bannu were "
        "offered in the cantonment on Sunday.\n\n"
        "On Saturday, militants attacked a security forces check post in Bannu, killing 16 soldiers."
    )
    found = run(gaz, text, published=dt.date(2024, 12, 22))
    assert [(i.event_date, i.location, i.fatalities) for i in found] == [("2024-12-21", "Bannu", 16)], [
        (i.event_date, i.evidence) for i in found
    ]


def test_a_funeral_lead_at_another_place_names_the_attack_told_below(gaz: Gazetteer) -> None:
    text = (
        "BANNU: The funeral prayers of the soldiers who embraced martyrdom while fighting terrorists in Mir Ali, "
        "North Waziristan were offered at Bannu.\n\n"
        "A day earlier, a Pakistan Army major and a soldier embraced martyrdom during a firing exchange in North "
        "Waziristan district."
    )
    found = shown(gaz, text, published=dt.date(2023, 9, 2))
    assert [(i.event_date, i.location) for i in found] == [("2023-09-01", "North Waziristan")], [
        (i.event_date, i.location, i.evidence) for i in found
    ]


def test_each_place_of_a_list_joins_the_same_place_of_the_list_before(gaz: Gazetteer) -> None:
    text = (
        "The Taliban spokesperson revealed that air strikes in Khost and Paktika have led to the loss of six "
        "lives.\n\n"
        "Pakistani aircraft targeted civilian homes in Paktika and Khost around 3am last night, he said on X."
    )
    found = shown(gaz, text, published=dt.date(2024, 3, 18))
    assert sorted(i.location for i in found) == ["Khost", "Paktika"], [(i.location, i.evidence) for i in found]


def test_two_named_parts_of_a_town_with_tolls_of_their_own_are_two_incidents(gaz: Gazetteer) -> None:
    text = (
        "In a deadly explosion, one person was killed and six injured in Quetta’s Liaquat Bazaar area on Tuesday.\n\n"
        "In an attack late on Tuesday night, two people were killed and three injured in explosions inside two "
        "houses in Killi Deba area of Quetta."
    )
    found = run(gaz, text, published=dt.date(2024, 8, 14))
    assert sorted((i.location, i.fatalities) for i in found) == [("Quetta", 1), ("Quetta", 2)], [
        (i.fatalities, i.evidence) for i in found
    ]
    # the same part of the town with a revised toll is the same incident
    again = text.replace("Killi Deba area of Quetta", "Quetta’s Liaquat Bazaar area")
    assert len(run(gaz, again, published=dt.date(2024, 8, 14))) == 1


def test_strikes_that_wound_people_in_a_province_of_their_own_are_an_incident(gaz: Gazetteer) -> None:
    text = (
        "Pakistani jets bombed the house of a resident in Khost province on Monday, killing ten people, the "
        "Taliban spokesman said.\n\n"
        "Air strikes targeting the border regions of Kunar wounded another four civilians, he added."
    )
    found = run(gaz, text, published=dt.date(2025, 11, 25))
    assert sorted(i.location for i in found) == ["Khost", "Kunar"], [(i.location, i.evidence) for i in found]


def test_a_lead_dated_by_its_publication_does_not_tell_an_event_months_before(gaz: Gazetteer) -> None:
    text = (
        "Eight BLA terrorists have been killed as they attempted to unleash a fatal attack in Gwadar.\n\n"
        "In November, 14 soldiers were killed after militants attacked two vehicles of security forces in Gwadar."
    )
    found = run(gaz, text, published=dt.date(2024, 3, 20))
    assert [(i.event_date, i.fatalities) for i in found] == [("2024-03-20", 8), ("2023-11-01", 14)], [
        (i.event_date, i.evidence) for i in found
    ]
    # told within the month before the publication, the lead and the dated sentence stay one incident
    text = (
        "Eight terrorists have been killed as they attempted to unleash a fatal attack in Gwadar.\n\n"
        "On March 18, eight militants were killed in Gwadar when they attacked the port complex."
    )
    assert len(run(gaz, text, published=dt.date(2024, 3, 20))) == 1


def test_a_complete_report_with_a_toll_of_its_own_does_not_join_an_unplaced_incident(gaz: Gazetteer) -> None:
    text = (
        "In another encounter that took place in general area Maddi, troops effectively neutralised three "
        "terrorists, the ISPR said on Sunday.\n\n"
        "The security forces on Friday killed at least six terrorists during an intelligence-based operation in "
        "Bannu district, said the military's media wing."
    )
    found = run(gaz, text, published=dt.date(2025, 2, 23))
    assert sorted(i.fatalities for i in found) == [3, 6], [(i.location, i.evidence) for i in found]


def test_another_victims_of_the_attack_are_not_another_incident(gaz: Gazetteer) -> None:
    text = (
        "Nine soldiers were killed when a suicide bomber on a motorcycle set off his explosives next to a convoy "
        "in northwestern Pakistan on August 31, the military said.\n\n"
        "Another five soldiers were wounded in the attack in Bannu district, the military said in a statement."
    )
    found = only(gaz, text, published=dt.date(2023, 9, 1))
    assert (found.location, found.fatalities) == ("Bannu", 9)
    # "another" victims with no mention of the attack told: another incident
    text = text.replace("in the attack in Bannu district", "in a blast in Bannu district")
    assert len(run(gaz, text, published=dt.date(2023, 9, 1))) == 2


def test_a_toll_given_the_next_day_for_the_blast_told_is_its_toll(gaz: Gazetteer) -> None:
    text = (
        "The death toll from a suicide bombing at a political rally in Bajaur on Sunday rose to 45, officials said.\n\n"
        "Police said on Monday that the bomber was a member of the Islamic State group.\n\n"
        + " ".join(f"The party held talks on Monday, item {k}." for k in range(6))
        + "\n\nHowever, a spokesman for the party said that more than 70 were killed in the blast."
    )
    found = only(gaz, text, published=dt.date(2023, 7, 31))
    assert (found.event_date, found.fatalities) == ("2023-07-30", 45)


def test_one_event_told_twice_on_one_day_at_one_place_is_one_record(gaz: Gazetteer) -> None:
    text = (
        "Militants killed four policemen in Bannu on Monday, police said.\n\n"
        "Two brothers of a police station chief died in a separate attack on his home in Kohat on Monday.\n\n"
        + " ".join(f"Officials met to discuss the budget, item {k}." for k in range(6))
        + "\n\nSeparately, militants attacked the home of a police station chief in Kohat, killing his two brothers."
    )
    found = run(gaz, text, published=dt.date(2014, 9, 16))
    assert sorted((i.location, i.fatalities) for i in found) == [("Bannu", 4), ("Kohat", 2)], [
        (i.location, i.evidence) for i in found
    ]


def test_the_second_blast_of_a_day_at_one_place_is_another_record(gaz: Gazetteer) -> None:
    text = (
        "A bomb exploded in Kabul on Saturday morning, wounding two people.\n\n"
        + " ".join(f"Officials met to discuss the budget, item {k}." for k in range(6))
        + "\n\nThe second blast went off in Kabul an hour later, wounding two people."
    )
    assert len(run(gaz, text, published=dt.date(2020, 8, 22))) == 2
