"""Events read off the parse: type, actor, target, places, name, date, source, negation."""

from __future__ import annotations

from rashomon.extract.entities import find_mentions
from rashomon.extract.events import find_events
from rashomon.extract.time import find_timexes
from rashomon.ingest.parse import pipeline
from rashomon.ingest.structure import segment
from rashomon.names import name_key
from rashomon.pipeline import knowledge
from rashomon.records import PLACE_TYPES, Mention, Segment

from .conftest import export_of


def events(nlp, text: str, published: str | None = None):
    doc = nlp(text)
    segments = segment(text)
    mentions, names = find_mentions(doc, segments)
    timexes = find_timexes(doc, segments, published)
    places = frozenset(e.id for e in names if e.type in PLACE_TYPES)
    found = find_events(doc, segments, mentions, timexes, place_keys=places)
    for ev in found:
        assert text[ev.start:ev.end] == ev.text
    return found, timexes


def test_capture_of_two_towns_with_its_date(nlp):
    text = "Fighters of the Northern Liberation Front (NLF) captured Mosul and Tikrit on June 10, 2014."
    found, _ = events(nlp, text)
    occupy = next(e for e in found if e.type == "OCCUPY")
    assert occupy.actor_key == name_key("Northern Liberation Front")
    assert set(occupy.place_keys) == {name_key("Mosul"), name_key("Tikrit")}
    assert occupy.date == "2014-06-10"


def test_launch_of_a_named_operation_by_a_nation_adjective(nlp):
    found, _ = events(nlp, "Russian forces launched Operation Thunder against Ukraine on March 3, 2022.")
    launch = next(e for e in found if e.name_key)
    # the actor is the document's "Russian", which the corpus-wide resolve joins to Russia
    assert (launch.type, launch.actor_key, launch.target_key) == ("ASSAULT", name_key("Russian"), name_key("Ukraine"))
    assert launch.name_key == name_key("Thunder") and launch.onset and launch.date == "2022-03-03"


def test_a_halted_advance_is_the_advancing_side_halted(nlp):
    text = "The Northern Liberation Front pushed towards Kabul but was halted at the Salang Pass."
    found, _ = events(nlp, text)
    halted = next(e for e in found if e.type == "HALTED")
    assert halted.actor_key == name_key("Northern Liberation Front")
    assert halted.place_keys and halted.place_keys[0].startswith(name_key("Salang"))


def test_event_noun_with_its_place(nlp):
    found, _ = events(nlp, "Residents described the shelling of Sarajevo by government artillery.")
    shelling = next(e for e in found if e.type == "ASSAULT")
    assert name_key("Sarajevo") in shelling.place_keys


def test_negation_and_the_voice_of_an_embedded_post(nlp):
    text = ("The army did not attack the village of Kafr Nabl.\n"
            "Our fighters destroyed three tanks near Idlib today.\n"
            "— Free Army Media (@FreeArmyMedia) March 5, 2016\n")
    found, _ = events(nlp, text, published="2016-03-06")
    attack = next(e for e in found if e.type == "ASSAULT" and e.negated)
    assert attack.source_kind == "document"
    destroyed = next(e for e in found if "destroyed" in e.text)
    assert destroyed.source_kind == "embedded_post" and not destroyed.negated


def test_boilerplate_yields_no_events(nlp):
    found, _ = events(nlp, "Related posts\nRebels attacked the airport in Kandahar")
    assert found == []


def test_the_town_stands_for_the_town_named_before(nlp):
    text = ("Government troops shelled the city of Homs in Syria for a week. Later the army's attack on "
            "the city's main hospital killed nine people.")
    found, _ = events(nlp, text)
    attack = next(e for e in found if e.text.startswith("Later the army's attack"))
    assert attack.place_keys == (name_key("Homs"),)  # the city, not the country named after it


def test_events_of_one_operation_share_who_and_against_whom(nlp):
    text = ("Kenyan forces launched Operation Linda Nchi, a campaign that destroyed the al-Shabaab militia "
            "within ten days.")
    found, _ = events(nlp, text)
    named = [e for e in found if e.name_key == name_key("Linda Nchi")]
    assert named and all(e.actor_key == name_key("Kenyan") for e in named)
    assert len(named) == 3 and all(e.target_key == name_key("al-Shabaab") for e in named)


def test_a_when_clause_takes_the_date_it_hangs_on(nlp):
    found, _ = events(nlp, "The massacre took place on May 4, 1996, when Tolarian jets bombed Dorvask.")
    bombed = next(e for e in found if "bombed" in e.text)
    assert bombed.date == "1996-05-04"


def test_a_when_clause_dates_the_action_its_verb_takes(nlp):
    text = "The rebels defended the port until 4 May 1951, when the Northern Front decided to withdraw from Kessa."
    found, _ = events(nlp, text)
    withdraw = next(e for e in found if "withdraw" in e.text)
    assert withdraw.type == "RETREAT" and withdraw.date == "1951-05-04"


def test_a_ship_that_sank_is_no_attack_a_ship_sunk_is_and_its_toll_takes_the_date(nlp):
    found, _ = events(nlp, "On May 2, 1982, the navy sank the cruiser, killing 300 sailors. "
                           "A fishing boat sank in the storm.")
    assert not any("boat sank" in e.text for e in found)
    sunk = next(e for e in found if "sank the cruiser" in e.text)
    killing = next(e for e in found if e.text.startswith("killing"))
    assert sunk.type == killing.type == "ASSAULT" and killing.date == "1982-05-02"


def test_a_date_opening_the_sentence_dates_its_events(nlp):
    found, _ = events(nlp, "On July 3, 1988, two missiles fired from the cruiser destroyed an airliner.")
    destroyed = next(e for e in found if "destroyed" in e.text)
    assert destroyed.date == "1988-07-03"


def test_an_event_at_a_time_of_a_dated_day_is_on_that_day(nlp):
    text = "Fighters of the Northern Liberation Front captured Mosul on the morning of June 10, 2014."
    found, timexes = events(nlp, text)
    assert [(t.type, t.value) for t in timexes] == [("TIME", "2014-06-10TMO")]
    assert next(e for e in found if e.type == "OCCUPY").date == "2014-06-10"


def test_a_footnote_mark_after_a_full_stop_ends_the_sentence():
    doc = pipeline()("Artillery fired on the border, allowing the towns to be taken by the rebels.[2] After "
                     "entering Yei, the rebels advanced towards Juba and captured it.")
    sentences = [s.text for s in doc.sents]
    assert any(s.startswith("After entering") for s in sentences)
    assert "rebels." not in [t.text for t in doc], "the word is read as itself, without the full stop"


def test_what_missiles_did_was_done_by_whoever_fired_them(nlp):
    found, _ = events(nlp, "The airliner was shot down on 3 May 2011 by two missiles fired by the USS Hawk.")
    assert next(e for e in found if e.type == "ASSAULT").actor_key == name_key("USS Hawk")


def test_officers_aboard_a_ship_act_for_it(nlp):
    found, _ = events(nlp, "Officers aboard the USS Hawk fired two missiles at the airliner on 3 May 2011.")
    assert next(e for e in found if e.type == "ASSAULT").actor_key == name_key("USS Hawk")


def test_the_agent_the_parse_hangs_on_the_victims_is_the_events_doer(nlp):
    found, _ = events(nlp, "The massacre was the murder of hundreds of ethnic Tessan civilians by the Northern "
                           "Liberation Front in the town of Tessa.")
    murder = next(e for e in found if e.type == "ASSAULT" and "murder" in e.text)
    assert murder.actor_key == name_key("Northern Liberation Front")
    found, _ = events(nlp, "The murder of the men who had been arrested by the Northern Liberation Front "
                           "shocked Tessa.")
    assert next(e for e in found if e.type == "ASSAULT").actor_key is None  # the Front arrested them


def test_the_accused_not_the_accuser_did_the_deed_and_a_name_holds_no_deed(nlp):
    found, _ = events(nlp, "The Thornish ambassador accused the Northern Liberation Front of mass murder.")
    murder = next(e for e in found if e.type == "ASSAULT")
    assert murder.actor_key == name_key("Northern Liberation Front")
    found, _ = events(nlp, "Monitors of the Organisation for Peace and Co-operation in Thornland left Tessa.")
    assert not any(e.text.endswith("operation") for e in found)


def test_whom_a_deed_is_blamed_on_or_held_responsible_for_did_it(nlp):
    front = name_key("Northern Liberation Front")
    for text in ("The Thornish government said the Northern Liberation Front was responsible for the massacre.",
                 "Witnesses alleged that the Northern Liberation Front were the perpetrators of the killings.",
                 "The perpetrators of the massacre were the Northern Liberation Front, witnesses said.",
                 "The Thornish government blamed the massacre on the Northern Liberation Front."):
        found, _ = events(nlp, text)
        deed = next(e for e in found if e.type == "ASSAULT")
        assert (deed.actor_key, deed.target_key) == (front, None), text


def test_the_day_a_deed_is_blamed_on_someone_is_not_the_day_of_the_deed(nlp):
    found, _ = events(nlp, "The Thornish government blamed the massacre in Tessa on the Northern Liberation "
                           "Front on June 2, 2013.", "2013-06-03")
    blame, deed = next(e for e in found if e.type == "ACCUSE"), next(e for e in found if e.type == "ASSAULT")
    assert (blame.date, deed.date) == ("2013-06-02", None)


def test_to_fire_someone_is_to_dismiss_him_not_to_shoot(nlp):
    found, _ = events(nlp, "The Thornish premier refused to fire him after the raid on Tessa.")
    assert [e.text for e in found if e.type == "ASSAULT"] == ["the raid on Tessa"]
    found, _ = events(nlp, "Thornish soldiers fired on the crowd.")
    assert [e.type for e in found] == ["ASSAULT"]


def test_what_there_is_no_evidence_of_is_denied(nlp):
    for text in ("There is no evidence that Thornish forces shelled Tessa.",
                 "There were no traces that could indicate that bombing by Thornish forces had led to the deaths.",
                 "Monitors found no sign of an attack by the Northern Liberation Front."):
        found, _ = events(nlp, text)
        assert [e.negated for e in found if e.type == "ASSAULT"] == [True], text
    found, _ = events(nlp, "Monitors found evidence that Thornish forces shelled Tessa.")
    assert [e.negated for e in found if e.type == "ASSAULT"] == [False]


def test_whoever_visits_during_a_battle_or_doubts_a_massacre_did_neither(nlp):
    for text in ("The Thornish envoy visited Tessa during the month of the battle.",
                 "The Northern Liberation Front found claims of a massacre to be baseless.",
                 "Tessa was one of several towns that were placed under siege.",
                 "Chile said the camp had served as a base for attacks against Chilean civilians."):
        found, _ = events(nlp, text)
        assert [e.actor_key for e in found if e.type in ("FIGHT", "ASSAULT", "BLOCK")] == [None], text


def test_an_event_noun_is_done_by_whom_its_by_phrase_names(nlp):
    found, _ = events(nlp, "This is the toll of the capture of the town of Srebrenica by Bosnian Serb forces.")
    capture = next(e for e in found if e.type == "OCCUPY")
    assert capture.actor_key is not None and capture.actor_key != name_key("Srebrenica")


def test_a_border_crossing_is_placed_at_the_name_on_the_border(nlp):
    found, _ = events(nlp, "On 3 May 2011 the rebels crossed the Kapoeta border into Sudan.")
    crossing = next(e for e in found if e.onset)
    assert name_key("Kapoeta") in crossing.place_keys and crossing.target_key != name_key("Kapoeta")


def test_a_crossing_marking_the_beginning_of_an_operation_is_of_it(nlp):
    found, _ = events(nlp, "At 4 pm on 3 May 2011, the rebels crossed the border, marking the beginning of "
                           "Operation Thunder.")
    crossing = next(e for e in found if e.type == "MOBILIZE")
    assert crossing.name_key == name_key("Thunder")


def test_a_town_named_on_a_massacre_is_where_it_happened_not_who_did_it(nlp):
    text = "The Dorvask massacre was the mass murder of at least 4,000 Varnians. Tolarian raids hit the town."
    doc = nlp(text)
    segments = segment(text)
    mentions, _ = find_mentions(doc, segments)
    found = find_events(doc, segments, mentions, place_keys=frozenset({name_key("Dorvask")}))
    assert [e.actor_key for e in found if e.text in ("The Dorvask massacre", "Tolarian raids")] == [
        None, name_key("Tolarian")]
    murder = next(e for e in found if e.text.startswith("the mass murder"))
    assert murder.actor_key is None, "the massacre that is the subject is the event itself, not its author"


def test_who_recognizes_or_condemns_a_massacre_did_not_commit_it(nlp):
    found, _ = events(nlp, "In 2005 Bosnia recognized the massacre as a genocide. Serbia condemned the attack. "
                           "Bosnian sources refer to the massacre as a genocide (Bosnian: genocid). The "
                           "Ugandan peacekeepers did not prevent the massacre.")
    assert {e.actor_key for e in found if e.type == "ASSAULT"} == {None}
    found, _ = events(nlp, "Prime Minister Anton Velk also recalled the massacre, saying the attack showed what "
                           "hatred could do.")
    assert {e.actor_key for e in found if e.type == "ASSAULT"} == {None}, "who recalls a deed did not do it"


def test_who_condemns_a_deed_did_not_do_it_the_one_condemned_for_it_did(nlp):
    found, _ = events(nlp, "The Nordland Republic, the Red Cross and Ostria all condemned Velmora Wednesday for the "
                           "attacks on Tarsk that Ostria claims killed at least 5,000 people and injured 5,000 more.")
    assaults = [e for e in found if e.type == "ASSAULT"]
    assert {e.text.split()[0] for e in assaults} == {"the", "killed", "injured"}
    assert {e.actor_key for e in assaults} == {name_key("Velmora")}


def test_which_after_a_deed_of_a_place_is_the_deed_not_the_place(nlp):
    found, _ = events(nlp, "The Nordland Republic condemned Ostria for the shelling of Velmora, which killed 40 "
                           "villagers.")
    killed = next(e for e in found if e.text.startswith("which killed"))
    assert killed.actor_key == name_key("Ostria")  # the shelling killed, not Velmora, not the condemner


def test_a_town_taken_up_by_the_town_is_never_a_country_named_by_another_name(nlp):
    found, _ = events(nlp, "Velmoran jets dropped gas on Tarsk and Vell. Jon Marek, the Velmoran ambassador to "
                           "Britain, denied it and said that Peru had used gas when it occupied the towns last week.")
    occupy = next(e for e in found if e.type == "OCCUPY")
    assert name_key("Britain") not in occupy.place_keys


def test_the_subject_after_a_fronted_date_is_the_doer_not_the_target(nlp):
    found, _ = events(nlp, "On 9 August 1998 Congolese soldiers massacred villagers in Goma.")
    [assault] = [e for e in found if e.type == "ASSAULT"]
    assert (assault.actor_key, assault.target_key) == (name_key("Congolese"), None)


def test_the_subject_after_a_fronted_clause_is_the_doer_though_the_parse_hangs_it_on_the_clause(nlp):
    found, _ = events(nlp, "After Varnia accepted Resolution 417, the VLO,  with the use of 18 infantry brigades and "
                           "the support of the Telskan army, on Monday, May 13, 1996, at 14:30, crossed the Osgar "
                           "border, thus initiating Operation Bright Dawn.")
    crossing = [e for e in found if "crossed" in e.text]
    assert crossing and {e.actor_key for e in crossing} == {name_key("VLO")}
    accepting = [e for e in found if e.type == "AGREE"]
    assert accepting and {e.actor_key for e in accepting} == {name_key("Varnia")}


def test_who_a_source_it_quotes_says_did_a_named_deed_is_not_lent_to_its_own_telling(tmp_path):
    export = export_of(tmp_path, {"a.txt": "The governor said that Mai-Mai militiamen carried out the Goma massacre. "
                                           "The Goma massacre left 60 villagers dead.\n"})
    named = [e for e in export["events"] if e["name"]]
    assert {(e["source"]["kind"], e["actor"]) for e in named} == {("quote", "mai-mai"), ("document", None)}


def test_verbs_joined_in_the_passive_share_their_agent(nlp):
    found, _ = events(nlp, "The Northern Liberation Front is supplied and financed by Ruritania.")
    aid = [e for e in found if e.type == "AID"]
    assert len(aid) == 2
    front = name_key("Northern Liberation Front")
    assert {(e.actor_key, e.target_key) for e in aid} == {(name_key("Ruritania"), front)}


def test_support_given_with_something_is_material_aid(nlp):
    found, _ = events(nlp, "The Northern Liberation Front moved south. The Ruritanian government supported them "
                           "with tanks and money.")
    aid = next(e for e in found if e.type != "MOBILIZE")
    assert aid.type == "AID" and aid.actor_key == name_key("Ruritanian")
    assert aid.target_key == name_key("Northern Liberation Front"), "them: not the government itself"


def test_whose_operation_was_started_launched_it_and_is_not_its_target(nlp):
    found, _ = events(nlp, "The Northern Liberation Front crossed the river. On 25 July 1988, the rebels and the "
                           "Ruritanian military started their united operation.")
    start = next(e for e in found if e.text.startswith("On 25 July"))
    assert start.actor_key == name_key("Northern Liberation Front")
    assert start.target_key is None



def test_a_name_inside_a_date_is_no_place_of_the_event(nlp):
    text = "At 14:30 on 12 Mehr 1375, the Northern Liberation Front attacked Tessa."
    doc, segments = nlp(text), segment(text)
    mentions, _ = find_mentions(doc, segments)
    at = text.index("Mehr")  # a gazetteer that knows a village of that name makes it a place
    mentions = sorted([*mentions, Mention(at, at + 4, "Mehr", "GPE", name_key("Mehr"))], key=lambda m: m.start)
    timexes = find_timexes(doc, segments, None)
    attack = next(e for e in find_events(doc, segments, mentions, timexes) if e.type == "ASSAULT")
    assert name_key("Mehr") not in attack.place_keys


def test_a_capital_naming_a_government_is_no_place_of_the_deed(nlp):
    found, _ = events(nlp, "From three to five people were killed in Lagos in the clashes with opponents of "
                           "the current Abuja authorities.")
    killed = [e for e in found if e.type == "ASSAULT"]
    assert killed and killed[0].place_keys == (name_key("Lagos"),), "Abuja names who governs, not where they died"


def test_two_deeds_of_one_doer_joined_by_and_share_the_date_told_once(nlp):
    found, _ = events(nlp, "The rebels entered the town of Varel on 4 May 2001 and captured it after a short fight. "
                           "The army shelled Osk in March 1999, and the rebels seized it in June 2001.")
    captured = next(e for e in found if e.text.startswith("captured"))
    assert captured.type == "OCCUPY" and captured.date == "2001-05-04"
    seized = next(e for e in found if "seized" in e.text)
    assert seized.date == "2001-06", "a deed with its own subject and date keeps them"


def test_opening_fire_is_the_firing_itself():
    text = "On 12 June 1996 the Norwegian police opened fire on a crowd of strikers in Bergen."
    doc = pipeline()(text)
    segments = [Segment("body", 0, len(text))]
    mentions, _ = find_mentions(doc, segments, knowledge())
    found = find_events(doc, segments, mentions, find_timexes(doc, segments, "2001-06-01"))
    fired = [e for e in found if e.type == "ASSAULT"]
    assert fired and fired[0].time is not None and not fired[0].onset, "a dated attack, not the start of one"


def test_those_who_became_victims_of_a_deed_suffered_it(nlp):
    found, _ = events(nlp, "Both Varnians and Tolanis became victims of pogroms. The convoy of the Kamrani Front was "
                           "the target of an ambush near Brest.")
    assert [(e.actor_key, e.target_key) for e in found if e.type == "ASSAULT"] == [
        (None, name_key("Varnians")), (None, name_key("Kamrani Front"))]


def test_an_uprising_named_after_a_town_the_model_missed_is_a_named_event(tmp_path):
    found = export_of(tmp_path, {"a.txt": "The Shkoder uprising started on 3 April 1918, and the uprising ended on "
                                          "6 April 1918.\n"})["events"]
    named = [e for e in found if e["name"]]
    assert named and {e["name"] for e in named} == {"shkoder-uprising"}
    assert {e["date"] for e in named} == {"1918-04-03", "1918-04-06"}
    assert any(e["type"] == "PROTEST" for e in found), "an uprising is told as one"


def test_who_says_what_an_attack_was_did_not_do_it(nlp):
    found, _ = events(nlp, "The Ostrian news agency OPA said that the attack on the ferry was among the worst "
                           "crimes of its kind.")
    attack = next(e for e in found if e.text.startswith("the attack"))
    assert attack.actor_key is None, "the agency reports it; it is not the attacker"


def test_an_aircraft_that_exploded_did_not_kill_those_on_board(nlp):
    found, _ = events(nlp, "Tolan said the Airbus A300 exploded in the sky, killing all 98 people on board.")
    killing = next(e for e in found if e.text.startswith("killing"))
    assert killing.actor_key is None


def test_the_accused_of_doing_a_deed_did_it_not_the_accuser(nlp):
    text = "Dorin Malek, the Vesnian envoy, denied the charge and accused Tolaria of carrying out the gas attack."
    found, _ = events(nlp, text)
    assert {e.actor_key for e in found if e.type == "ASSAULT"} == {name_key("Tolaria")}


def test_a_deed_done_to_oneself_is_no_deed_against_another(nlp):
    found, _ = events(nlp, "One Tolarian private shot himself in the foot so he would not take part.")
    assert not [e for e in found if e.type == "ASSAULT"]



def test_the_start_of_a_war_is_a_time_and_no_deed_of_the_clause_s_subject(nlp):
    found, _ = events(nlp, "From the start of the Orvan war Tolan fighters accepted money from Vesnia.")
    assert not [e for e in found if e.type in ("FIGHT", "ASSAULT") and e.text.startswith("the start")
                and e.actor_key]


def test_a_shooting_is_a_deed_and_a_pretended_guilt_names_no_doer(nlp):
    text = ("A commission reported on the shooting of Tolarian prisoners in the Varn forest by the Ostrian "
            "invaders. The Ostrians had tried to make it appear that the Tolarian police was responsible for "
            "the shooting of the 900 victims.")
    found, _ = events(nlp, text)
    shootings = [e for e in found if e.text.startswith("the shooting")]
    assert [e.actor_key for e in shootings] == [name_key("Ostrian"), None], "the pretence names no one guilty"
    assert shootings[0].type == "ASSAULT"


def test_a_column_that_walked_into_an_ambush_suffered_it(nlp):
    found, _ = events(nlp, "After a Varnian column walked into an ambush near Dorvask, the army brought up tanks.")
    ambush = next(e for e in found if "ambush" in e.text)
    assert ambush.actor_key is None, "the column was ambushed: it did not ambush anyone"


def test_those_kept_from_entering_are_the_ones_who_would_enter(nlp):
    found, _ = events(nlp, "Varnian troops are still preventing the Tolan Relief Agency from entering the camp.")
    entering = next(e for e in found if "entering" in e.text)
    assert entering.actor_key == name_key("Tolan Relief Agency")
    assert entering.negated, "kept out: the agency did not enter"


def test_likening_or_tolerating_a_massacre_is_not_doing_it(nlp):
    found, _ = events(nlp, "The Varnian Foreign Ministry drew a parallel between the fire and the massacre in Dorvask.")
    assert all(e.actor_key is None for e in found if "massacre" in e.text)
    found, _ = events(nlp, "Unable to tolerate the daily murder of its citizens, Varnia launched Operation Iron Gate.")
    assert all(e.actor_key is None for e in found if "murder" in e.text)


def test_these_attacks_are_the_deeds_just_told_and_take_their_doer(nlp):
    found, _ = events(nlp, "During the winter of 1994, the Northern Liberation Front shelled villages across the "
                           "valley, forcing villagers to flee. The most notorious of these attacks occurred on March 3 "
                           "in Kelm.")
    these = next(e for e in found if e.text == "these attacks")
    assert these.actor_key == name_key("Northern Liberation Front")
    found, _ = events(nlp, "The Northern Liberation Front raided a police station in Tessa. The mayor spoke on the "
                           "radio. Nobody was hurt. Residents say these attacks must stop.")
    these = next(e for e in found if e.text == "these attacks")
    assert these.actor_key is None, "a deed told by another word three sentences back is too far to be taken up"
    found, _ = events(nlp, "Crowds marked the anniversary of the two massacres of Kelm and Tessa squares. Valdorian "
                           "troops shelled the palace of President Dorn. In these two massacres, thousands died.")
    these = next(e for e in found if e.text == "these two massacres")
    assert these.actor_key != name_key("Valdorian"), "the massacres it points back at by their word, not the shelling"


def test_a_wildcat_strike_is_a_protest_and_the_strike_of_its_document_stays_one(nlp):
    found, _ = events(nlp, "The miners launched a wildcat strike at the Korvel mine near Delin on 10 May 2011. "
                           "The strike ended in June.")
    strikes = [e for e in found if "strike" in e.text.lower()]
    assert strikes and all(e.type == "PROTEST" for e in strikes), [(e.text, e.type) for e in strikes]
    found, _ = events(nlp, "An air strike on Delin killed 12 people on 3 March 2011.")
    assert all(e.type == "ASSAULT" for e in found if "strike" in e.text)


def test_they_after_an_unnamed_subject_is_not_the_party_named_before(nlp):
    text = ("The Dorvan Prosecutor's Office opened a case on Monday. The attackers seized forty rifles from the "
            "depot. Then they attacked the barracks and killed two guards.")
    found, _ = events(nlp, text)
    attack = next(e for e in found if e.type == "ASSAULT")
    assert attack.actor_key is None, "the attackers did it, not the office that tells of it"


def test_they_after_a_named_subject_is_that_party(nlp):
    text = "The Velmora Liberation Front seized forty rifles from the depot. Then they attacked the barracks."
    found, _ = events(nlp, text)
    attack = next(e for e in found if e.type == "ASSAULT")
    assert attack.actor_key == name_key("Velmora Liberation Front")


def test_those_trying_to_flee_flee_not_the_troops_who_fired_on_them(nlp):
    found, _ = events(nlp, "A news agency reported that Dorvan troops had fired on civilians trying to flee into "
                           "neighbouring Tessaland to escape the violence.")
    fled = [e for e in found if e.type == "RETREAT"]
    assert fled and all(e.actor_key != name_key("Dorvan") for e in fled)
