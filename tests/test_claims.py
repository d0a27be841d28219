"""Claims: what each source states, with the frame that says what it is about and the voice it is
stated in. Sentences from other conflicts than the corpora in ../shared."""

from __future__ import annotations

import pytest

from rashomon.extract.claims import counted_class, find_claims
from rashomon.extract.entities import find_mentions
from rashomon.extract.events import find_events
from rashomon.extract.quantities import find_quantities
from rashomon.extract.quotes import find_quotes
from rashomon.extract.time import find_timexes
from rashomon.ingest.parse import pipeline
from rashomon.names import name_key
from rashomon.pipeline import knowledge
from rashomon.records import Segment

from .conftest import export_of


def claims_of(text: str, published: str | None = "2001-06-01", segments: list[Segment] | None = None):
    """The claims of `text`, read as one body segment unless `segments` says otherwise."""
    doc = pipeline()(text)
    segments = segments if segments is not None else [Segment("body", 0, len(text))]
    mentions, _ = find_mentions(doc, segments, knowledge())
    timexes = find_timexes(doc, segments, published)
    quantities = find_quantities(doc, segments, timexes)
    quotes = find_quotes(doc, segments, mentions)
    events = find_events(doc, segments, mentions, timexes, quantities, quotes)
    return find_claims(doc, segments, mentions, timexes, quantities, quotes, (), (), events)


def counts(text: str) -> dict[str, object]:
    return {c.value: c for c in claims_of(text) if c.attribute == "count"}


@pytest.mark.parametrize(("head", "expected"), [
    ("civilians", ("people", "civilian")), ("militiamen", ("people", "personnel")), ("KIA", ("people", "personnel")),
    ("tanks", ("vehicle", "tank")), ("APCs", ("vehicle", "armoured carrier")), ("vehicles", ("vehicle", None)),
    ("brigades", ("formation", "brigade")), ("units", ("formation", None)), ("children.[4", ("people", "child")),
    ("camels", ("camel", None)),
])
def test_what_a_count_counts(head, expected):
    assert counted_class(head) == expected


def test_a_count_knows_its_fate_and_its_side():
    found = counts("More than 300 Hutu militiamen were killed near Goma, and 40 Congolese soldiers were wounded.")
    killed, wounded = found["300-"], found["40"]
    assert (killed.counted, killed.fate) == ("people/personnel", "dead")
    assert (wounded.counted, wounded.fate) == ("people/personnel", "wounded")
    assert wounded.side_key and killed.side_key and wounded.side_key != killed.side_key


def test_several_fates_at_one_count_are_casualties():
    found = counts("The rebels lost 1,150 KIA, WIA and MIA in the battle for Jaffna.")
    assert found["1150"].fate == "casualties"


def test_those_who_do_the_deed_do_not_suffer_it():
    found = counts("About 500 rebels attacked the town and killed 20 villagers.")
    assert found["~500"].fate is None
    assert found["20"].fate == "dead"
    found = counts("Officials said 1000 people had died in the fighting.")
    assert found["1000"].fate == "dead", "a verb that is their fate is theirs"


def test_a_bare_number_a_fate_verb_takes_is_of_that_fate():
    found = counts("When the marchers reached the bridge, troops opened fire, killing 7 and injuring others.")
    assert found["7"].fate == "dead", "the fate of the verb it is the object of, not of the next verb"
    found = counts("Gunmen raided the depot; 12 were killed and 30 wounded.")
    assert (found["12"].fate, found["30"].fate) == ("dead", "wounded"), "a number parts two counts' fates"


def test_the_deed_a_count_is_of_gives_its_fate():
    found = counts("The town marked the site of the shootings of 11 students -- killing three -- by the police.")
    assert (found["11"].fate, found["3"].fate) == ("casualties", "dead"), "eleven shot, of whom three died"


def test_a_count_of_things_has_no_fate_of_people_and_a_charge_is_no_fate():
    found = counts("The massacre took place in two villages near the river.")
    assert found["2"].fate is None, "towns neither die nor are wounded"
    found = counts("A court found three officers and 14 militiamen guilty of murder.")
    assert (found["3"].fate, found["14"].fate) == (None, None), "the charge they were found guilty of"


def test_a_tally_still_running_is_a_lower_bound():
    for text, value in (("The imam had washed the bodies of six slain boys already, he said.", "6-"),
                        ("The militia has killed 30 villagers so far.", "30-")):
        claim = counts(text)[value]
        assert (claim.low, claim.high) == (float(value[:-1]), None), "more may be found: no exact toll"
    assert (claim := counts("Troops killed 30 villagers, who had already fled once.")["30"]).high == 30


def test_all_before_a_count_also_says_how_many_there_were():
    found = [c for c in claims_of("All 180 passengers were killed when the airliner crashed.")
             if c.attribute == "count"]
    assert {(c.counted, c.fate) for c in found} == {("people/passenger", "dead"), ("people/passenger", None)}


@pytest.mark.parametrize(("text", "value", "party"), [
    ("The toll was 2,000 KIA (Red Cross estimate) in the battle.", "2000", "Red Cross estimate"),
    ("According to the Red Cross, 350 civilians were killed in Grozny.", "350", "the Red Cross"),
    ("Chechen officials said 350 civilians were killed in Grozny.", "350", "Chechen officials"),
    ("State radio gave accounts of some 40 villagers as having been killed.", "~40", "State radio"),
])
def test_a_figure_keeps_the_party_it_is_attributed_to(text, value, party):
    claim = counts(text)[value]
    assert claim.voice_kind in ("attributed", "quote"), "a party's figure, not the source's own"
    assert party.removeprefix("the ") in claim.voice_text


def test_the_dead_of_an_attack_belong_to_the_side_attacked():
    found = counts("The Ugandan army killed 40 of the enemy near Gulu.")
    assert found["40"].side_key.startswith("!"), "the side opposed to the army's"


def test_a_toll_over_years_is_marked_as_such():
    found = counts("Out of the 9,000 Colombians killed in attacks over the past three decades, 5,000 were soldiers.")
    assert found["9000"].period is not None


def test_an_organisation_called_another_s_armed_wing_is_its_organ():
    organs = [c for c in claims_of("The Irish Republican Army, the armed wing of Sinn Fein, bombed the barracks.")
              if c.attribute == "organ"]
    assert organs and organs[0].actor_key != organs[0].value


def test_a_date_a_sentence_counts_from_does_not_date_the_event():
    dates = [c.value for c in claims_of("The group has carried out attacks against Kenya since the victory of "
                                         "the revolution in 1979. Fighters attacked Garissa on April 2, 2015.")
             if c.attribute in ("date", "start")]
    assert dates == ["2015-04-02"]


@pytest.mark.parametrize("text", [
    "Operation Linda Nchi began on 16 October 2011.",
    "On 16 October 2011, Kenyan troops crossed the border into Somalia.",
    "The Gedo killings were a series of executions of prisoners across the region, starting on 16 October "
    "2011 and lasting for five months.",
])
def test_a_start_is_told_by_a_beginning_or_a_crossing(text):
    starts = [c for c in claims_of(text) if c.attribute == "start"]
    assert [c.value for c in starts] == ["2011-10-16"]


@pytest.mark.parametrize("text", [
    "The Sudan People's Liberation Army is reported to have about 30,000 troops.",
    "Believed to number about 30,000, the Sudan People's Liberation Army has joined the fighting.",
])
def test_a_force_s_whole_strength_is_told_as_such_and_is_its_own(text):
    found = counts(text)["~30000"]
    assert found.fate == "strength", "the army's size, not those engaged in one action"
    assert found.side_key, "whose army it is"


def test_a_bracket_naming_the_party_just_named_is_no_source():
    found = counts("The army attacked a military force of about 7000 members of the Kurdistan Workers' Party "
                   "(PKK).")["~7000"]
    assert found.voice_kind == "document"
    assert found.side_key, "the PKK's members"


def test_casualties_inflicted_stay_casualties_however_the_sentence_is_parsed():
    found = counts("After having inflicted 12, 000 casualties on the army including many officers — "
                   "the rebels returned to their bases.")
    assert found["12000"].fate == "casualties"


def test_a_number_spaced_after_its_comma_is_parsed_as_the_number_written_plainly():
    def parse(text):
        return [(t.i, t.dep_, t.head.i, t.pos_) for t in pipeline()(text)]
    for spaced, plain in [
        ("After having inflicted 12, 000 casualties on the regime including many officers — the soldiers "
         "of the Varnian Front returned their bases along the frontier.", "12,000"),
        ("The rebels said 14, 000 of their fighters died and 1, 000, 000 people fled.", "14,000"),
    ]:
        written_plainly = spaced.replace(plain.replace(",", ", "), plain).replace("1, 000, 000", "1,000,000")
        assert parse(spaced) == parse(written_plainly)
    assert [t.text for t in pipeline()("They counted 1, 200 and 3, 4, 5 items.") if t.text[0].isdigit()] == [
        "1", "200", "3", "4", "5"], "a list stays a list"


def test_a_possessive_typed_with_an_accent_reads_as_one_typed_with_an_apostrophe():
    # archives of typewritten papers give "the army`s"
    typed = ("The Varnian Front`s July 25 offensive against the regime`s forces took two towns, and "
             "they fought nearly 20,000 of Kamrani´s guards.")
    plain = typed.replace("`s", "'s").replace("´s", "'s")

    def parse(text):
        return [(t.i, t.dep_, t.head.i, t.tag_) for t in pipeline()(text)]
    assert parse(typed) == parse(plain)
    assert [t.text for t in pipeline()(typed)][:3] == ["The", "Varnian", "Front"], "the word is read as itself"
    starts = [c for c in claims_of(typed) if c.attribute == "start"]
    assert [(c.value, typed[c.start:c.end] == c.text) for c in starts] == [("2000-07-25", True)]
    guards = [c for c in claims_of(typed) if c.attribute == "count" and "20000" in str(c.value)]
    assert [g.side_key for g in guards] == [name_key("Kamrani")], "whose guards: the words as typed are found again"


def test_this_operation_is_the_operation_named_before():
    starts = [c for c in claims_of("Operation Moshtarak was planned for months. This operation started on "
                                   "February 13, 2010.") if c.attribute == "start"]
    assert starts and starts[0].subject_key, "the start of Operation Moshtarak"


def test_an_hour_on_the_story_s_day_dates_the_start():
    starts = [c for c in claims_of("On 16 October 2011 the columns gathered. At 4 pm, they crossed the border "
                                   "into Somalia.") if c.attribute == "start"]
    assert "2011-10-16" in {c.value for c in starts}


def test_a_plan_s_date_is_no_date_of_what_happened():
    dates = [c for c in claims_of("According to their timetable, on 3 August 2011 the rebels would have occupied "
                                  "Kismayo at 6 pm.") if c.attribute in ("date", "start")]
    assert dates == []


def test_towns_taken_on_one_day_are_each_dated():
    dates = [c for c in claims_of("The rebels captured two towns, Kismayo and Mogadishu, on Tuesday, 18 October 2011.")
             if c.attribute == "date"]
    assert len({c.place_key for c in dates}) == 2


def test_an_attack_that_took_place_somewhere_is_placed_there():
    dates = [c for c in claims_of("The worst of these attacks occurred on February 25, 2011 in the town of "
                                  "Kismayo.") if c.attribute == "date"]
    assert dates and dates[0].place_key


def test_an_acceptance_is_dated_and_aimed_at_what_was_accepted():
    found = [c for c in claims_of("The rebels attacked soon after Varnia's acceptance of United Nations Security "
                                  "Council Resolution 417 on May 12, 1996.") if c.action == "AGREE"]
    dates = [c for c in found if c.attribute == "date"]
    assert dates and dates[0].value == "1996-05-12" and dates[0].target_key


def test_estimates_a_nationality_claims_are_that_country_s_and_the_dead_are_not_their_killers():
    found = counts("The offensive failed, with Israeli estimates claiming over 2,000 Hezbollah fighters killed.")
    killed = found["2000-"]
    assert killed.voice_kind == "attributed" and killed.voice_key, "on Israel's word"
    assert not (killed.side_key or "").startswith("!"), "the fighters killed are Hezbollah's, not its enemy's"


def test_a_bracket_that_says_estimate_is_a_source_even_beside_a_name():
    found = counts("Casualties and losses\n2,000 KIA (independent estimate)[4]\n")
    assert found["2000"].voice_kind == "attributed"


@pytest.mark.parametrize(("text", "led"), [
    ("Led by General Ratko Mladic, the Bosnian Serb Army entered the town.", True),
    ("Before the attack, Yahya Sinwar told his troops that they would win.", False),
    ("Hamas leader Yahya Sinwar spoke on Sunday.", False),
])
def test_who_leads_is_a_leader_claim(text, led):
    leaders = [c for c in claims_of(text) if c.attribute == "leader"]
    assert leaders and leaders[0].actor_key == leaders[0].value
    if led:
        assert leaders[0].subject_key, "what the person leads, where the sentence names it"


def test_a_man_telling_his_wife_leads_nobody():
    assert not [c for c in claims_of("Yahya Sinwar told his wife nothing.") if c.attribute == "leader"]


def test_a_party_reporting_bare_deaths_reports_its_own():
    found = counts("The offensive failed, though Hezbollah reported around 1,200 deaths. Israel reported 300 enemy "
                   "deaths.")
    assert found["~1200"].side_key and found["~1200"].side_key == found["~1200"].voice_key
    assert found["300"].side_key != found["300"].voice_key, "the enemy's deaths are not Israel's"


def test_an_offensive_named_by_its_day_began_that_day():
    starts = [c for c in claims_of("The rebels' July 25 offensive against Juba failed.") if c.attribute == "start"]
    assert [c.value[5:] for c in starts] == ["07-25"]


def test_the_town_a_force_advanced_towards_and_captured_is_where_it_took_it():
    taken = [c for c in claims_of("After entering the city of Kismayo and capturing it, the rebels advanced towards "
                                  "Mogadishu and captured it on 3 May 2011.") if c.attribute == "date"]
    assert taken and taken[0].place_key == name_key("Mogadishu"), "the town last named, not the first"


def test_an_operation_launched_after_a_run_together_site_name_still_starts():
    starts = [c for c in claims_of("Somali PressSomali News: Operation Linda Nchi was launched on 16 October 2011.")
              if c.attribute == "start"]
    assert [c.value for c in starts] == ["2011-10-16"]


@pytest.mark.parametrize("text", [
    "On 16 October 2011 the columns crossed into Somalia as part of Operation Linda Nchi.",
    "Twelve soldiers were killed during Operation Protective Edge on 20 July 2014.",
])
def test_an_action_told_as_part_of_a_named_operation_is_of_it(text):
    assert any(c.subject_key for c in claims_of(text) if c.attribute in ("start", "date", "count"))


def test_who_stands_for_the_group_not_the_place_the_parser_hung_it_on():
    found = claims_of("Kenya launched a counteroffensive on 18 October 2011 to repel an incursion by fighters of "
                      "al-Shabaab, an armed group operating from bases in Somalia, who had crossed into Kenya two "
                      "days earlier as part of their Operation Nightfall.")
    crossing = [c for c in found if c.attribute == "start" and c.subject_key]
    assert crossing and crossing[0].actor_key != name_key("Somalia"), "Somalia crossed nothing"


def test_a_named_operation_after_before_is_a_time_and_the_apposition_acts():
    found = claims_of("Three days before Operation Granite, the VLO, who had massed their units on the Varnian "
                      "frontier and were supplied with heavy and light arms by Kadir's regime, began invading "
                      "Varnian territory.")
    actors = {c.actor_key for c in found if c.attribute == "actor"}
    assert actors - {name_key("Kadir")}, "the VLO invaded, not the regime that armed it"


def test_a_length_of_time_before_another_event_is_no_duration():
    found = claims_of("Two days before Operation Granite, the Vale Liberation Front began invading Varnian territory.")
    assert not [c for c in found if c.attribute == "duration"], "when it began, not how long it lasted"


@pytest.mark.parametrize("text", [
    "The rebels planned to take Mogadishu within 48 hours.",
    "Their plan envisioned reaching Mogadishu within 48 hours.",
    "Their leader gave a speech, confidently predicting the capture of Mogadishu within 48 hours.",
])
def test_the_time_a_plan_gives_to_reach_a_place_is_a_plan_claim_not_a_duration(text):
    found = claims_of(text)
    plans = [c for c in found if c.attribute == "plan"]
    assert [c.value for c in plans] == ["PT48H"] and plans[0].place_key
    assert not [c for c in found if c.attribute == "duration"]


def test_a_length_of_time_that_reaches_no_planned_place_is_no_plan():
    found = claims_of("The army captured Mogadishu within 48 hours.")
    assert not [c for c in found if c.attribute == "plan"]


@pytest.mark.parametrize("text", [
    "The rebels planned to move from their bases within two days, capture Mogadishu, and overthrow the government.",
    "Their leader gave a speech, predicting the capture of Mogadishu.",
    "Their plan envisioned reaching Mogadishu by the end of the week.",
])
def test_what_a_plan_meant_to_happen_states_nothing_that_did(text):
    assert not [c for c in claims_of(text) if c.attribute in ("actor", "place", "date") and c.action == "OCCUPY"]


def test_a_plan_beside_what_was_done_leaves_the_deed_its_claims():
    found = claims_of("The rebels planned the attack and captured Mogadishu on 3 May 2011.")
    assert [c.value for c in found if c.action == "OCCUPY" and c.attribute == "date"] == ["2011-05-03"]


@pytest.mark.parametrize("text", ["At least 161 civil ians are known to have been killed in the raid.",
                                  "Hundreds of civili ans were killed in the raid."])
def test_a_word_a_scan_split_in_two_is_read_whole(text):
    assert [c.counted for c in claims_of(text) if c.attribute == "count"] == ["people/civilian"]


def test_the_fall_of_a_town_is_dated_by_the_day_beside_it_not_by_the_season():
    dates = [c.value for c in claims_of("The fall of Herat on Wednesday shocked the government.", "2001-06-02")
             if c.attribute == "date"]
    assert dates == ["2001-05-30"]


def test_the_force_an_attack_is_made_by_is_its_own_side():
    found = counts("The offensive was an incursion by approximately 7,000 fighters of the SPLA.")
    assert found["~7000"].side_key == name_key("SPLA")


def test_a_clause_joined_to_another_does_not_take_its_fate():
    found = counts("Other marchers were injured by batons, and two were run down by armoured cars in Sligo.")
    assert found["2"].fate is None, "the two run down were not said to be injured"


def test_a_phrase_of_fate_outranks_its_first_word():
    found = counts("Seven marchers were shot dead in Sligo, and nine were wounded.")
    assert (found["7"].fate, found["9"].fate) == ("dead", "wounded")


def test_the_object_of_a_joined_clause_does_not_take_the_fate_before_it():
    found = counts("The Sligo brigade inflicted 500 casualties, routed more than 14 enemy divisions and withdrew.")
    assert (found["500"].fate, found["14-"].fate) == ("casualties", None)


def test_a_clause_hanging_on_another_does_not_take_its_fate():
    found = counts("The rebels took 10 guards hostage and held the town hall, backed by thousands of supporters.")
    assert (found["10"].fate, found["2000-9999"].fate) == ("held hostage", None)


def test_a_figure_glossed_as_a_partys_count_is_given_on_its_word():
    found = counts("Estimates of those killed range from 187, the official count of the Sligo government, to 5,000.")
    assert (found["187"].voice_kind, found["187"].voice_text) == ("attributed", "the Sligo government")


def test_a_journey_s_route_runs_from_its_origin_through_its_stops_to_its_destination():
    text = ("The airliner was a scheduled flight from Oslo to Helsinki via Stockholm. "
            "In March troops moved from Oslo to Stockholm.")
    routes = [(c.value, c.text) for c in claims_of(text) if c.attribute == "route"]
    assert routes == [(" ".join(name_key(p) for p in ("Oslo", "Stockholm", "Helsinki")),
                       "from Oslo to Helsinki via Stockholm")]


def test_a_force_sent_or_brought_to_a_deed_is_the_sender_s():
    sent = counts("The Tanzanian army sent 900 troops across the Kagera river.")["900"]
    brought = counts("The Sudan People's Liberation Army attacked Juba with 7,500 fighters.")["7500"]
    assert sent.side_key and brought.side_key, "whose force it is"
    assert sent.fate is None and brought.fate is None, "sent is not the army's whole strength"
    met = counts("The Sudan People's Liberation Army clashed with 300 soldiers near Juba.")["300"]
    assert met.side_key is None, "those it clashed with are the other side"


def test_every_count_of_a_list_shares_its_verb_s_owner():
    found = counts("The Sudan People's Liberation Army had 300 tanks, 400 APCs and 150 mortars.")
    assert {found[v].side_key for v in ("300", "400", "150")} == {found["300"].side_key} != {None}
    assert [found[v].counted for v in ("300", "400", "150")] == ["vehicle/tank", "vehicle/armoured carrier",
                                                                 "weapon/mortar"]


def test_what_one_party_gives_another_is_the_receiver_s():
    found = counts("The Sudan People's Liberation Army moved north. The Ugandan government supported them with "
                   "military aid, including 140 tanks and 350 armored personnel carriers.")
    assert found["140"].side_key and found["140"].side_key == found["350"].side_key
    assert "uganda" not in found["140"].side_key


@pytest.mark.parametrize("text", [
    "The rebels used 18 brigades (each contained 200 men) in the offensive on Juba.",
    "Each battalion had 200 men when the rebels attacked Juba.",
    "The rebels attacked Juba with 200 men per battalion.",
])
def test_a_count_of_each_of_several_things_is_no_total(text):
    assert "200" not in counts(text)


def test_a_calibre_is_no_count_nor_a_measure_of_anything():
    found = counts("The Sudan People's Liberation Army had 150 pieces of 60mm mortar.")
    assert found["150"].counted.startswith("weapon")
    assert "60" not in found or found["60"].counted is None


def test_per_a_source_names_the_source_not_each_of_several_things():
    found = counts("At least 52 people died (27 militants and 22 civilians) per the army.\n")
    assert {"27", "22"} <= set(found)


@pytest.mark.parametrize("text", [
    "Ugandan President Yoweri Museveni armed the rebels.",
    "The rebels fought the government of Yoweri Museveni, Uganda's president.",
])
def test_a_head_of_state_leads_the_country_named_on_the_title(text):
    leaders = [(c.value, c.subject_key) for c in claims_of(text) if c.attribute == "leader"]
    assert len(leaders) == 1 and leaders[0][1] and "uganda" in leaders[0][1].replace("q", "g")


def test_a_whole_some_of_which_befell_a_fate_is_how_many_there_were():
    found = counts("Only 12 of the 300 passengers survived, and 40 of the 120 soldiers were wounded.")
    assert (found["12"].fate, found["300"].fate) == ("survived", None)
    assert (found["40"].fate, found["120"].fate) == ("wounded", None)
    assert counts("Fewer than 2,000 made it to Tessa.")["-2000"].fate == "survived"


def test_it_flying_at_a_height_is_the_thing_the_sentence_before_is_about():
    found = counts("The ferry left Tessa at dawn. Its last call was at noon, when it was sailing at 12 knots.")
    assert found["12"].counted == "ferry"


@pytest.mark.parametrize(("text", "value"), [
    ("The shooting divided a nation already torn over the war, in which more than 58,000 Americans died.", "58000-"),
    ("More than 58,000 Americans died in the war.", "58000-"),
    ("The war that killed 300,000 people ended in 1994.", "300000"),
])
def test_the_toll_of_a_war_is_not_the_toll_of_one_attack(text, value):
    assert counts(text)[value].period == "war"


def test_an_attack_during_a_war_has_its_own_toll():
    assert counts("At least 20 people died in the attack on the village during the war.")["20-"].period is None


def test_a_persons_age_is_no_count():
    found = counts("Joseph Mwangi, 44, a welder, told reporters that 12 people were killed in Eldama. "
                   "Mr Peter Otieno (58) said his sons died.")
    assert set(found) == {"12"}, "44 and 58 are ages, not tolls"


def test_the_charged_are_not_the_dead():
    found = counts("Prosecutors dropped murder charges against 120 farmers whose 14 neighbours were shot by soldiers.")
    assert (found["120"].fate, found["14"].fate) == (None, "casualties")
    found = counts("The court decided to charge the 80 dockers in custody with the murder of their 12 comrades.")
    assert (found["80"].fate, found["12"].fate) == (None, "dead")


def test_one_of_something_is_no_count_unless_people_suffered():
    text = ("One witness said that on the one hand the police fired first, and one person was killed in Bor. "
            "Standing amid bodies, one soldier held up a child.")
    found = [(c.counted, c.fate) for c in claims_of(text) if c.attribute == "count"]
    assert found == [("people", "dead")], "a witness, a hand and a soldier are no tally"
    assert counts("Two rebel planes destroyed one army tank near Bor.")["1"].fate == "destroyed"


def test_a_calibre_is_no_count_and_yards_are_a_length():
    found = counts("Rebel 122mm howitzers shelled Bor from positions within 700 yards of the market, killing 9 people.")
    assert {k: c.unit for k, c in found.items()} == {"700": "yd", "9": None}


def test_those_who_lost_their_lives_are_dead():
    found = counts("Four people were shot dead in the square, and 7 lost their lives while trying to escape the blaze.")
    assert found["7"].fate == "dead"


def test_a_name_with_a_prefix_of_stance_is_not_the_party():
    claims = claims_of("Pro-Kenyan protesters attacked the market in Lokichar, and 30 anti-Kenyan rioters were killed.")
    kenya = {name_key("Kenya"), name_key("Kenyan")}
    assert not {c.actor_key for c in claims} & kenya, "the protesters are not Kenya"
    assert not {c.side_key for c in claims} & kenya, "the rioters are not Kenya's"


def test_who_comes_under_attack_is_its_target():
    claims = [c for c in claims_of("The UNICEF station near Goma came under heavy attack on Monday.")
              if c.action == "ASSAULT"]
    assert claims and all((c.actor_key, c.target_key) == (None, name_key("UNICEF")) for c in claims)


def test_those_called_wounded_did_no_deed():
    claims = claims_of("The U.N. is airlifting by helicopter the dead and injured to hospitals in nearby Juba. "
                       "Medics in Bor carried the wounded to the clinic.")
    assert not [c for c in claims if c.action == "ASSAULT"], "airlifting and carrying the wounded hurt no one"


def test_a_country_ranking_a_deed_did_not_do_it():
    claims = claims_of("The militia shelled the market in Bor, killing 9, marking one of Chad's bloodiest massacres. "
                       "Sudan's attack on Abeche killed 4.")
    assert {c.actor_key for c in claims if c.attribute == "actor"} == {name_key("Sudan")}


def test_a_country_ending_an_address_is_no_subject():
    claims = claims_of("The militia shelled the market in Bor, Chad killing 9 civilians and wounding dozens.")
    assert name_key("Chad") not in {c.actor_key for c in claims}, "Chad is where Bor is, not who killed"


def test_a_deed_told_in_a_theory_is_done_by_the_theorys_own_subject_on_the_theorys_word():
    claims = claims_of("Residents still share the Kenyan conspiracy theory that the Somali army used gas to "
                       "deliberately kill people in Garissa.")
    assert {c.actor_key for c in claims} == {name_key("Somali")}, "the army killed in the theory, not Kenya"
    assert {(c.voice_kind, c.voice_text) for c in claims} == {("attributed", "the Kenyan conspiracy theory")}


def test_what_a_place_became_is_not_its_deed():
    claims = claims_of("When the fire was put out, it was clear that the Palace of Culture in Bor had become a new "
                       "Guernica massacre.")
    assert not [c for c in claims if c.attribute == "actor"], "the palace massacred no one"


def test_it_after_according_to_a_party_is_that_party():
    claims = claims_of("Four soldiers of the African Union Mission were also seriously injured. According to Chad, "
                       "it shelled the camp at Bol to cover a commando unit.")
    assert name_key("Chad") in {c.actor_key for c in claims if c.action == "ASSAULT"}



def test_some_of_them_are_of_those_just_counted_not_of_the_last_party():
    found = counts("The Mining Union refused to meet them. During this period ten people were killed. Five of them, "
                   "three strikers and two policemen, were killed in a single clash on 13 August.")
    assert found["5"].side_key is None and found["3"].side_key is None, "the five are not the union's dead"


def test_a_full_stop_after_a_count_ends_the_words_that_tell_its_fate():
    found = counts("On 2 May in Bor riots were killed 30 people, injured about two hundred. Clashes broke out in the "
                   "centre, where police shot and killed several people.")
    assert found["~200"].fate == "wounded", "the next sentence's shootings are not the two hundred's"


def test_people_named_by_their_tie_to_someone_are_people():
    found = counts("Soldiers massacred 14 of his colleagues and 9 of her relatives in Bor.")
    assert (found["14"].counted, found["9"].counted) == ("people", "people")


def test_a_participle_after_a_passive_is_done_by_its_agent():
    claims = claims_of("On April 3, a Kenyan AMISOM compound in the village of Bula was shelled by Ethiopian "
                       "artillery, killing 26 civilians and injuring around 40 others.")
    actors = {c.actor_key for c in claims if c.action == "ASSAULT"}
    assert actors and actors <= {name_key("Ethiopia"), name_key("Ethiopian")}, "the artillery's owner, not Kenya"
    sides = {c.side_key for c in claims if c.attribute == "count"}
    assert not sides & {name_key("Kenya"), name_key("Kenyan")}, "the civilians killed are not the compound's side"


def test_hundreds_of_others_are_people():
    found = counts("Artillery shelled the camp at Bula, killing 26 civilians and wounding hundreds of others.")
    assert (found["200-999"].counted, found["200-999"].fate) == ("people", "wounded")


def test_a_fate_verb_before_another_count_is_that_count_s():
    found = counts("The militia fired shells at a compound, which was sheltering around 800 Kenyan civilians,[2][3] "
                   "killing 106 and injuring around 116.")
    assert (found["~800"].fate, found["106"].fate, found["~116"].fate) == (None, "dead", "wounded")


def test_a_fate_word_before_a_bracketed_figure_stays_the_count_s_own():
    found = counts("Casualties and losses\n23 dead\n52 wounded[3]\n53 dead (48 militants[6] and 5 civilians) per "
                   "the army\n")
    assert (found["52"].fate, found["53"].fate) == ("wounded", "dead")


def test_a_weapon_s_make_is_no_one():
    claims = claims_of("The airliner was shot down over Lake Chad by a Kub missile fired from land held by rebels.")
    assert not [c for c in claims if c.attribute == "actor"], "Kub is a make of missile, not who fired it"


def test_a_country_after_a_place_and_a_comma_is_the_subject_of_a_finite_verb():
    claims = claims_of("Five days after rebels carried out what residents dubbed the Market Massacre at the Bor Hotel, "
                       "Chad shelled Abeche.")
    assert name_key("Chad") in {c.actor_key for c in claims}


def test_a_fate_verb_with_its_own_count_after_a_range_is_that_count_s():
    found = counts("The shelling killed between 1,100 and 1,400 people and injured 3,000 to 4,000 more, most of "
                   "them civilians.")
    assert (found["1100-1400"].fate, found["3000-4000"].fate) == ("dead", "wounded")


def test_a_clause_with_its_own_subject_does_not_give_its_fate_to_the_count_before_it():
    found = counts("The army's figure of 45 dead has now been revised to 62, and the official wounded figure has "
                   "risen from 110 to a confirmed 240 injured.")
    assert (found["45"].fate, found["62"].fate, found["240"].fate) == ("dead", "dead", "wounded")


def test_people_at_a_commemoration_are_no_count_of_the_event():
    for text in ("Thousands of Tamils gathered in Jaffna on Sunday to commemorate the tenth anniversary of the "
                 "shelling.", "Hundreds of people joined in sombre commemorations on Saturday in Jaffna."):
        assert not counts(text), text
    assert counts("About 500 rebels gathered in the forest to attack the town.")["~500"].fate == "took part"


def test_a_later_act_on_an_event_does_not_date_it():
    claims = claims_of("The Vellore massacre took place on 12 June 1996. In 2011 the tribunal recognised the "
                       "Vellore massacre as an act of genocide. On 4 May 2012, a former colonel was found guilty of "
                       "ordering the massacre.")
    assert {c.value for c in claims if c.attribute in ("date", "start")} == {"1996-06-12"}


def test_a_span_of_dates_claims_every_day_of_it():
    dates = [c for c in claims_of("The Vellore shelling was an incident on 15 March-19 March 1996 during a battle "
                                  "in the war.") if c.attribute == "date"]
    assert dates and all(c.high - c.low == 4 for c in dates), "the 16th falls in the span: no clash with it"


def test_a_report_s_figure_is_the_report_s_voice():
    found = counts("New research shows that at least 61 people were killed. The official army report was of 45 dead "
                   "and 120 wounded.")
    assert found["61-"].voice_kind == "document"
    assert (found["45"].voice_kind, found["45"].voice_text) == ("attributed", "The official army report")
    put = counts("The government held an inquiry and the death toll was put at 45.")["45"]
    assert (put.voice_kind, put.fate) == ("attributed", "dead")
    assert counts("The death toll was 45.")["45"].voice_kind == "document"


def test_a_count_before_a_joined_count_keeps_its_fate():
    found = counts("By the evening it was over and 40 villagers and over 20 soldiers were killed.")
    assert (found["40"].fate, found["20-"].fate) == ("dead", "dead")


def analysed_claims(text: str):
    """The claims of `text` as the whole per-document analysis finds them (event names included)."""
    from rashomon.ingest.parse import parse
    from rashomon.pipeline import analyze_document
    from rashomon.records import Source

    return analyze_document(Source(file="x.txt", text=text, sha256="0", published="2001-06-01"),
                            next(iter(parse([text])))).claims


def test_a_capitalised_event_name_is_dated_by_its_verb():
    dated = {(c.value, c.subject_key) for c in analysed_claims(
        "The Bergen Massacre occurred on June 12, 1996, when police fired on a crowd of strikers.")
        if c.attribute == "date"}
    assert ("1996-06-12", None) in dated and any(key for _, key in dated), "the massacre by name is dated"


def test_a_campaign_of_its_own_is_not_the_named_event_before_it():
    claims = analysed_claims("The Bergen Massacre took place in the city of Bergen in June 1996. Earlier that year, "
                             "the dock strike campaign against the port authority had caused riots in the region.")
    named = {c.value for c in claims if c.attribute == "date" and c.subject_key}
    assert named == {"1996-06"}, named


def test_the_fate_of_another_group_after_a_count_is_that_group_s():
    found = counts("Estimates of those killed vary from 210 to 900 or more people and over 700 other people were "
                   "injured.")
    assert (found["210-900"].fate, found["700-"].fate) == ("dead", "wounded")
    found = counts("The official estimate was that 210 people were killed, including 31 children, and another 700 "
                   "injured.")
    assert (found["210"].fate, found["31"].fate, found["700"].fate) == ("dead", "dead", "wounded")


def test_crew_members_are_crew_and_people_aboard_a_downed_plane_suffer_no_thing_s_fate():
    found = counts("The fighter downed an airliner with 120 people aboard. Its 11 crew members were all Greek.")
    assert found["11"].counted == "people/crew"
    assert found["120"].fate is None


def test_activists_are_civilians_and_those_who_rose_up_took_part():
    found = counts("Some 3,000 miners rose up in Tarnow. The police killed 12 activists.")
    assert (found["12"].counted, found["12"].fate) == ("people/civilian", "dead")
    assert found["~3000"].fate == "took part"


def test_counts_in_parentheses_after_a_fate_s_count_share_its_fate():
    found = counts("The clashes left 52 killed (40 rebels, 12 police officers) and 90 wounded (70 rebels, "
                   "20 police officers).")
    assert {v: found[v].fate for v in ("40", "12", "70", "20")} == {
        "40": "dead", "12": "dead", "70": "wounded", "20": "wounded"}


def test_places_someone_comes_from_are_counted_as_theirs():
    found = counts("The convoy was organized by a coalition of charities from 37 countries.")
    assert found["37"].counted == "country/coalition"


def test_parties_joined_to_the_doer_did_the_deed_too():
    text = ("The village of Tolan was captured by Varnian forces and the 212th Motor Rifle Regiment on 3 May 2001. "
            "The Kamrani Front and the Dorvast Brigade attacked the town of Brest.")
    doers = {(c.action, c.value) for c in claims_of(text) if c.attribute == "actor"}
    assert {("OCCUPY", name_key("212th Motor Rifle Regiment")), ("OCCUPY", name_key("Varnian"))} <= doers
    assert {("ASSAULT", name_key("Kamrani Front")), ("ASSAULT", name_key("Dorvast Brigade"))} <= doers


def test_the_number_takes_up_what_befell_whom_from_before():
    text = ("The exact number of prisoners executed is still disputed. The Varnian Bar put the number "
            "at 3,216, and Judge Kamrani put the number between 1,900 and 2,600 in his memoirs, but another "
            "estimate holds that the number exceeded 20,000 in all the prisons of the country together.")
    told = {str(c.value): c.fate for c in claims_of(text) if c.attribute == "count"}
    assert told == {"3216": "dead", "1900-2600": "dead", "20000-": "dead"}
    evidence = [c.text for c in claims_of(text) if c.attribute == "count"]
    assert all(text.find(e) >= 0 and (text.find(e) == 0 or not text[text.find(e) - 1].isalnum()) for e in evidence), \
        "evidence starts on a word"


def test_a_date_of_a_later_act_does_not_date_the_deed_it_is_about():
    text = ("The Varn massacre was a series of executions carried out by the Tolarian police in April 1941. "
            "In November 2010, the Senate approved a declaration blaming General Orsk for ordering the massacre.")
    dated = [c for c in claims_of(text) if c.attribute == "date" and c.value == "2010-11"]
    assert dated and all(c.action != "ASSAULT" for c in dated)  # the approval's and the blame's, not the massacre's


def test_a_date_of_the_clause_dates_a_deed_a_participle_s_phrase_stands_beside():
    found = claims_of("In April 1941, police units led by General Orsk launched a month-long assault on Varn, "
                      "imposing a total siege.")
    dated = {c.action for c in found if c.attribute in ("date", "start") and c.value == "1941-04"}
    assert {"ASSAULT", "BLOCK"} <= dated


def test_a_party_owned_by_a_pronoun_in_according_to_is_read_without_looping(tmp_path):
    data = export_of(tmp_path, {"a.txt": (
        "The army shelled Tarsk on 3 May 1990, killing 40 people. The president condemned the attack, saying it "
        "showed what hatred could do, according to his office.\n")})
    assert any(c["value"] == "40" and c["frame"]["fate"] == "dead" for c in data["claims"]), \
        "the claims stage reads 'according to his office' (it looped back through 'his' and failed)"
