"""Counts as a reader of an unseen account reads them: each count's own fate, pictures and
running tolls that are no toll of the event, and findings that never set the dead beside the
arrested or two unrelated sets of things side by side."""

from __future__ import annotations

from tests.test_claims import claims_of, counts


def test_the_fate_of_a_count_joined_before_is_not_the_next_count_s():
    found = counts("The raid on Dorvask left more than 200 people murdered and hundreds of political prisoners.")
    assert found["200-"].fate == "dead"
    assert found["200-999"].fate != "dead", "the prisoners were not murdered"
    found = counts("The militia killed 40 soldiers and 12 civilians near Velmora.")
    assert found["12"].fate == "dead", "one verb's two objects share its fate"


def test_some_of_the_hostages_who_died_are_dead():
    found = counts("In the end more than 60 of the hostages died in the school at Dorvask.")
    assert found["60-"].fate == "dead"


def test_people_unaccounted_for_are_missing_not_dead():
    found = counts("Thirty people are unaccounted for, the aid group said, and it expects the number of "
                   "people killed or injured to go up.")
    assert found["30"].fate == "missing"


def test_staff_members_are_staff_and_staff_are_civilians():
    found = counts("The shelling of the clinic in Velmora killed 22 people, including 6 clinic staff members.")
    assert found["6"].counted == "people/civilian", "not members of an armed force"
    found = counts("The strike killed 19 staff and patients in the clinic.")
    assert found["19"].counted == "people/civilian", "staff and patients: civilians both"


def test_what_pictures_show_is_no_toll():
    found = counts("Videos and photos of rows of dozens of dead villagers were shared from Dorvask.")
    assert not any(c.fate == "dead" for c in found.values())
    found = counts("Mourners held pictures of some of the 400 people who were killed in Dorvask.")
    assert found["400"].fate == "dead", "the pictured are some of the dead: the toll stands"


def test_a_toll_since_the_outbreak_of_fighting_is_a_running_toll():
    found = counts("The ministry says more than 50,000 people have been killed since the outbreak of the fighting.")
    assert found["50000-"].period is not None, "the toll of years, not of one attack"


def test_a_participle_before_a_noun_is_not_what_is_counted():
    found = [c for c in claims_of("The death of each victim is recorded in more than one sealed police file.")
             if c.attribute == "count"]
    assert not any(c.fate == "dead" and c.counted == "people" for c in found)


def test_the_dead_of_a_strike_told_in_a_subordinate_clause_are_not_the_speaker_s():
    found = counts("Medical charity Healing Hands denied that Northern Front fighters were firing from its hospital "
                   "at government forces before a suspected Freedonian air strike killed at least 19 people in a "
                   "battle to oust the insurgents from Dorvask.")
    assert found["19-"].side_key is None, "not the Northern Front's dead: whose they are is not said"


def test_the_dead_and_the_arrested_are_two_conflicts(compared):
    findings = compared(
        a="Police fired on the marchers in Dorvask on 4 May 1971. Officials said 12 people were killed "
          "and 300 people were arrested.\n",
        b="On 4 May 1971 police fired on the marchers in Dorvask, killing 90 people. "
          "About 2,000 people were arrested that night.\n")
    conflicts = [f for f in findings if f["kind"] == "conflict"]
    for conflict in conflicts:
        values = {c["value"] for c in conflict["claims"]}
        assert not ({12, 90} & values and {300, 2000} & values), "the dead beside the arrested"
    assert any({12, 90} <= {c["value"] for c in f["claims"]} for f in conflicts)


def test_two_sets_of_places_told_of_no_event_are_not_compared(compared):
    findings = compared(
        a="Reports came from at least 12 different locations around the capital.\n",
        b="The inspectors will visit Velmora. The other two locations are being kept secret.\n")
    assert not any(f["kind"] == "conflict" for f in findings)


def test_a_charity_s_staff_among_the_dead_do_not_make_every_toll_the_charity_s(compared):
    findings = compared(
        a="A Freedonian air strike hit the trauma centre of the charity Healing Hands International in Dorvask "
          "on 3 May 2009. The strike killed 42 people, including 14 Healing Hands International staff members.\n",
        b="On 3 May 2009 an air strike on the Healing Hands International trauma centre in Dorvask killed "
          "9 Healing Hands International staff. Freedonian officials later said the strike left 30 people dead.\n")
    conflicts = [f for f in findings if f["kind"] == "conflict"]
    tolls = next(f for f in conflicts if {42, 30} <= {c["value"] for c in f["claims"]})
    assert "Healing Hands" not in tolls["subject"], "the dead are not all the charity's"


def test_a_weapon_fired_with_an_article_is_one_weapon_fired():
    found = counts("The frigate Arlen fired a missile at the Velmoran ferry on Sunday.")
    assert (found["1"].counted, found["1"].fate) == ("weapon/missile", "fired")
    found = counts("The ferry was hit by a rocket from the Arlen.")
    assert found["1"].fate == "hit", "what struck the ferry: one rocket hit, however many were fired"


def test_an_article_where_no_weapon_was_fired_counts_nothing():
    for text in ("The frigate could have fired a missile at the ferry.", "The frigate did not fire a missile.",
                 "A missile attack on Velmora killed three.", "The rebels fired a barrage of rockets at Velmora.",
                 "Gunners on the frigate shot down a missile over Velmora."):
        assert not any(c.counted and c.counted.startswith("weapon") for c in counts(text).values()), text


def test_weapons_fired_and_weapons_that_hit_are_told_apart():
    found = counts("The ferry was sunk by two torpedo missiles fired by the frigate Arlen.")
    assert found["2"].fate == "fired"
    found = counts("The frigate fired four rockets at the ferry. Two rockets struck its stern.")
    assert (found["4"].fate, found["2"].fate) == ("fired", "hit")


def test_a_force_told_in_a_clause_after_its_brigades_is_the_users():
    found = counts("In this offensive the Velmoran rebels had used 18 brigades (each contained 250 people) that "
                   "were totally 4-5 thousand fighters.")
    assert found["4000-5000"].side_key is not None, "the rebels' fighters, whatever the parse hung the clause on"


def test_bodies_found_and_the_dead_one_person_counted_are_at_least_that_many():
    found = counts("Rescuers said 140 bodies had been recovered from the ruins of Dorvask.")
    assert found["140-"].fate == "dead", "at least 140 dead: more may lie unfound"
    found = counts("A photographer told the radio that he had counted 31 dead in the streets of Dorvask.")
    assert "31-" in found, "what one man counted is a lower bound"
    found = counts("The ministry counted 613 dead in Dorvask.")
    assert "613" in found, "an office's count is its toll, not a partial tally"


def test_a_small_number_after_a_definite_word_refers_back_and_one_of_a_denial_counts_nothing():
    found = counts("The massacre of the villagers still clouds relations between the two nations. "
                   "Soldiers killed 40 villagers. \"I don't remember seeing one armed man, dead or alive.\"")
    assert "2" not in found and "1" not in found and "40" in found


def test_a_number_of_charges_counts_no_dead():
    found = counts("Captain Orsk was charged with six specifications of murder after 40 villagers were killed.")
    assert "6" not in found and "40" in found


def test_a_length_that_says_where_a_place_is_measures_nothing_told():
    found = claims_of("What we saw in Halvik, once home to 70,000 people, 30 kilometres inside Tolaria, was grim. "
                      "The gas spread 500 metres on a cold day.")
    assert {c.value for c in found if c.unit == "km"} == set() and {c.value for c in found if c.unit == "m"}


def test_a_count_in_brackets_with_its_own_fate_keeps_it():
    found = counts("Casualties: 16 March: 41 farmhands dead (63 farmhands injured)")
    assert found["63"].fate == "wounded", "the bracket says injured: not dead"


def test_a_number_hyphened_to_a_noun_of_things_counts_no_victims():
    found = counts("The 38-page report on the raid on Dorvask tallied rising casualties since the war began.")
    assert "38" not in found, "a report's pages are no one's casualties"
    found = counts("A 12-man patrol was ambushed near Dorvask.")
    assert "12" in found, "a patrol of twelve men still counts men"


def test_no_death_befalls_buildings():
    found = counts("Hundreds could be dead beneath dozens of wrecked buildings in Dorvask.")
    assert found["24-99"].fate is None, "the buildings were wrecked, not killed"


def test_a_count_in_brackets_takes_no_fate_from_after_the_bracket():
    found = counts("An aide reported the number of Dorvask's dead at 56 (according to another estimate it was 52), "
                   "which was close to the army's losses (33 dead).")
    assert found["52"].fate == "dead", "the other estimate of the dead, not of losses"


def test_the_time_a_deed_ranks_in_is_not_its_length():
    found = claims_of("Operation Iron Gate comprised the most extensive incursions in a decade, the report said.")
    assert not [c for c in found if c.attribute == "duration"], "ranked over a decade, not ten years long"
    found = claims_of("The offensive, the largest in 20 years, lasted six days.")
    assert [c.value for c in found if c.attribute == "duration"] == ["P6D"]


def test_a_distance_from_a_named_town_says_where_a_place_is():
    found = counts("Police said 30 people had died at the mine, 100 km (60 miles) northwest of Velmora City, in Tolan.")
    assert not [c for c in found.values() if c.unit == "km"], "where the mine is, not a distance the event covered"


def test_each_figure_is_on_the_word_of_the_per_phrase_after_it():
    found = claims_of("The village lost 52 dead (at least 27 fighters and 22 civilians) per the Tolan Monitor, "
                      "53 dead (48 fighters and 5 civilians) per the Varnian Army.")
    voices = {c.value: c.voice_text for c in found if c.attribute == "count"}
    assert voices["53"] == voices["5"] == "the Varnian Army"
    assert voices["52"] != "the Varnian Army", "the army gives 53, not 52"


def test_a_part_of_the_dead_is_dead_when_a_count_of_wounded_follows():
    found = counts("Forty people were killed, including seven women and 9 children, and 150 wounded "
                   "including 22 women in Velmora.")
    assert (found["7"].fate, found["9"].fate) == ("dead", "dead"), "the women and children among the dead"
    assert (found["150"].fate, found["22"].fate) == ("wounded", "wounded")


def test_a_bare_number_said_to_be_women_counts_women():
    found = counts("Forty people died in Velmora. Of the dead, 12 were women, and 7 were children.")
    assert (found["12"].counted, found["12"].fate) == ("people/woman", "dead")
    assert found["7"].counted == "people/child"
    found = counts("Forty people died in Velmora. Two of the victims were students from Dorvask.")
    assert found["2"].counted == "people", "victims are no fate: two of them are no count of students"


def test_the_ways_a_band_fled_in_are_no_one_displaced():
    found = counts("The governor said the rebels split into three groups and fled in four directions toward Dorvask.")
    assert not any(c.fate for c in found.values()), "groups and directions are where they went, not who fled"
    found = counts("Each charge cites a number of dead, adding up to the 109 total, and says that he killed them.")
    assert found["109"].fate == "dead", "a total the dead add up to is theirs"
    found = counts("The storm displaced 400 villagers in two districts of Velmora.")
    assert found["400"].fate == "displaced"


def test_those_fired_on_are_not_the_dead_a_qualified_count_after_them_tells():
    found = counts("Police fired on some 2,000 strikers in Dorvask on Monday and killed at least seven, aides said.")
    assert found["~2000"].fate != "dead", "the strikers fired on did not all die"
    assert found["7-"].fate == "dead"


def test_some_of_the_dead_said_to_be_children_count_children():
    found = counts("Forty people died in Velmora. A brother of one of the men said two of the dead were children.")
    assert (found["2"].counted, found["2"].fate) == ("people/child", "dead")


def test_rounds_fired_are_fired_not_a_count_of_those_who_took_part():
    found = counts("Members of the Velmora Guard fired more than 100 high-velocity rounds into crowds in Dorvask.")
    assert (found["100-"].counted, found["100-"].fate) == ("ammunition/round", "fired")
