"""Events told indirectly (issue 15): a deed under a presumption or in a participle takes the date of
what it explains; a named flight a deed befell is its target; a start told with its means is placed
where the means was done. Sentences written for these tests."""

from __future__ import annotations

import pytest

from rashomon.data import load
from rashomon.names import name_key

from .conftest import export_of
from .test_events import events


def test_a_presumed_deed_takes_the_date_of_what_it_explains(nlp):
    found, _ = events(nlp, "The airliner crashed near Kandi on 4 May 1999, believed to have been hit by a missile.")
    [hit] = [e for e in found if e.type == "ASSAULT"]
    assert hit.date == "1999-05-04"
    found, _ = events(nlp, "The ferry sank off Corfu on 2 June 1946, thought to have been struck by a mine, "
                           "killing 40 passengers.")
    assert {e.text.split()[0]: e.date for e in found if e.type == "ASSAULT"} == {
        "to": "1946-06-02", "killing": "1946-06-02"}


def test_a_clause_of_intent_is_no_presumption_and_gets_no_date(nlp):
    found, _ = events(nlp, "The rebels retreated from Tuzla on 5 May 1995, determined to attack again.")
    [attack] = [e for e in found if e.type == "ASSAULT"]
    assert attack.date is None, "what they meant to do next did not happen that day"


def test_a_flight_that_crashed_presumed_shot_down_is_the_target_on_that_day(tmp_path):
    found = export_of(tmp_path, {"a.txt": (
        "Pan Am Flight 73 was a scheduled passenger flight from Rome to Nairobi that crashed on 4 May 1999, "
        "presumed to have been shot down, killing all 120 people on board.\n")})["events"]
    shot = next(e for e in found if "shot down" in e["text"])
    assert (shot["target"], shot["date"]) == ("pan-am-flight-73", "1999-05-04")
    killing = next(e for e in found if e["text"].startswith("killing"))
    assert killing["date"] == "1999-05-04"


def test_a_named_flight_shot_down_is_the_target_not_only_a_name(tmp_path):
    found = export_of(tmp_path, {"a.txt": (
        "Pan Am Flight 73 was a scheduled passenger flight from Rome to Nairobi that was shot down on 4 May 1999 "
        "by two missiles fired by the frigate Al Hani.\n")})["events"]
    shot = next(e for e in found if "shot down" in e["text"])
    assert (shot["actor"], shot["target"], shot["date"]) == ("al-hani", "pan-am-flight-73", "1999-05-04")


def test_an_operation_launched_stays_the_name_not_the_target(nlp):
    found, _ = events(nlp, "Operation Thunder was launched by Ruritania on 3 March 2022.")
    launch = next(e for e in found if e.name_key)
    assert launch.name_key == name_key("Thunder") or launch.name_key == name_key("Operation Thunder")
    assert launch.target_key is None


def test_a_start_told_with_its_means_is_where_the_means_was_done(nlp):
    found, _ = events(nlp, "On 3 May 1995 the rebels started their united operation by attacking Sarajevo.")
    start = next(e for e in found if e.text.startswith("On 3 May"))
    assert name_key("Sarajevo") in start.place_keys and start.date == "1995-05-03"


def test_a_purpose_clause_names_whom_the_event_was_aimed_at(nlp):
    text = ("Operation Thunder was a counteroffensive launched by Ruritanian forces on 3 May 1995, to repel an "
            "incursion by about 7,000 fighters of the Northern Liberation Front (NLF), an exiled opposition group.")
    found, _ = events(nlp, text)
    launched = next(e for e in found if e.text.startswith("launched"))
    front = name_key("Northern Liberation Front")
    assert (launched.actor_key, launched.target_key, launched.date) == (name_key("Ruritanian"), front, "1995-05-03")
    repel = next(e for e in found if e.text.startswith("to repel"))
    assert repel.target_key == front
    found, _ = events(nlp, "Ruritanian forces launched an offensive on 3 May 1995 to protect the Northern "
                           "Liberation Front.")
    assert all(e.target_key is None for e in found), "a purpose of protecting names no target"


def test_an_offensive_launched_under_a_code_name_is_that_named_operation(tmp_path):
    found = export_of(tmp_path, {"a.txt": (
        "On Monday 5 June 1995, the Northern Liberation Front launched its greatest offensive under the code name "
        "“Operation Desert Wind”. The attack carried the Front 170 kilometres inside Ruritania.\n")})["events"]
    launched = next(e for e in found if "launched" in e["text"])
    assert (launched["actor"], launched["name"], launched["date"]) == (
        "northern-liberation-front", "operation-desert-wind", "1995-06-05")


def test_a_code_name_in_quotes_names_the_operation_whatever_the_model_typed_it(nlp):
    found, _ = events(nlp, "On Monday 5 June 1995, the Northern Liberation Front launched its greatest offensive "
                           "under the code name “Desert Wind “. The attack carried the Front 170 kilometres inside "
                           "Ruritania.")
    launched = next(e for e in found if "launched" in e.text)
    assert launched.name_key == name_key("Desert Wind")


@pytest.mark.parametrize("noun", load("entities.yaml")["code_names"]["nouns"])
def test_an_offensive_launched_under_any_code_name_noun_is_that_named_operation(nlp, noun):
    found, _ = events(nlp, f"On Monday 5 June 1995, the Northern Liberation Front launched an offensive under the "
                           f"{noun} “Desert Wind”. The attack carried the Front 170 kilometres inside Ruritania.")
    launched = next(e for e in found if "launched" in e.text)
    assert launched.name_key == name_key("Desert Wind")


def test_what_one_arrested_is_said_to_have_done_is_not_dated_by_the_arrest(nlp):
    found, _ = events(nlp, "The commander was arrested in Tuzla on 5 May 1995, said to have killed 40 villagers.")
    killed = next(e for e in found if "killed" in e.text)
    assert killed.date is None, "the killing came before the arrest; the text does not date it"


def test_the_it_of_a_cleft_is_not_who_did_it(nlp):
    found, _ = events(nlp, "The Chadian government blamed the massacre on the rebels, while activists maintained that "
                           "it was pro-government militias that carried out the killings of 40 people.")
    killings = [e for e in found if "killings" in e.text]
    assert killings and all(e.actor_key != name_key("Chadian") for e in killings), "the government denied it"


def test_a_plane_shot_at_is_the_one_flight_the_text_names(tmp_path):
    data = export_of(tmp_path, {
        "a.txt": "On 4 May 1999 the frigate Al Hani fired a missile at a Greek passenger plane flying from Athens to "
                 "Cairo. The flight number was Flight 412.\n",
        "b.txt": "On 4 May 1999 the frigate Al Hani fired a missile at a Greek passenger plane. Flight 412 and "
                 "Flight 97 were in the air that morning.\n"})
    file_of = {d["id"]: d["file"].rsplit("/", 1)[-1] for d in data["documents"]}
    fired = {file_of[e["doc"]]: e["target"] for e in data["events"] if e["text"].startswith("On 4 May")}
    assert fired["a.txt"] == "flight-412", "the plane is the flight the account names"
    assert fired["b.txt"] != "flight-412", "with two flights named, the plane is neither for sure"


def test_it_after_a_word_for_an_aircraft_is_that_aircraft_not_a_party_named_before(tmp_path):
    data = export_of(tmp_path, {"a.txt": (
        "Tolan Air Flight 212 was shot down on 4 May 1999. Admiral Dorn of Varnia said the Varnian frigate Kestrel, "
        "which was battling two gunboats, believed the jetliner was an attacking fighter and fired two missiles "
        "at it.\n")})
    [fired] = [e for e in data["events"] if e["text"].startswith("fired two")]
    assert fired["target"] == "tolan-air-flight-212", "'it' is the jetliner, the flight the account names"


def test_it_as_a_subject_after_a_word_for_an_aircraft_is_still_the_party(tmp_path):
    data = export_of(tmp_path, {"a.txt": (
        "Tolan Air Flight 212 was shot down on 4 May 1999. Varnia tracked the airliner for an hour; it said it "
        "had fired in self-defence.\n")})
    [fired] = [e for e in data["events"] if "fired in self-defence" in e["text"]]
    assert fired["actor"] == "varnia", "who said it had fired is the party, not the airliner"


def test_research_on_a_massacre_dates_the_research_not_the_massacre(nlp):
    found, _ = events(nlp, "The two historians began research on the Velmora massacre in 2015 and have "
                           "returned many times.")
    assert not any(e.type == "ASSAULT" and e.date == "2015" for e in found), "the massacre was not in 2015"

    found, _ = events(nlp, "The pair began serious research on the massacre in 2015 and have returned to "
                           "Velmora many times to visit the community.")
    assert not any(e.date == "2015" for e in found), "the year of the research"
