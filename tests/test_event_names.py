"""Named events (extract/event_names.py) and glosses (extract/glosses.py): events named after a
place, a people or a number are entities with their mentions; another name given in brackets is
a name of the same thing."""

from __future__ import annotations

import pytest

from rashomon.data import load
from rashomon.extract.glosses import find_glosses
from rashomon.extract.places import km
from rashomon.records import Mention

from .conftest import entities


def test_an_event_named_after_a_place_is_one_event_under_words_of_one_kind(tmp_path):
    found = entities(tmp_path, "The Srebrenica massacre of July 1995 shocked Europe.",
                     "Survivors of the Srebrenica genocide gathered in Potocari on Saturday.")
    event = found["Srebrenica massacre"]
    assert event["type"] == "EVENT" and found["Srebrenica genocide"]["id"] == event["id"]
    assert found["Srebrenica"]["id"] != event["id"]  # the town stays a place of its own
    assert found["Srebrenica"]["lat"] is not None


def test_a_war_named_after_two_countries_is_neither_country(tmp_path):
    found = entities(tmp_path, "During the Ethiopia-Eritrea war, Ethiopia took Badme.",
                     "The Ethiopia–Eritrea War ended in 2000. Eritrea signed in Algiers.")
    war = found["Ethiopia-Eritrea war"]
    assert found["Ethiopia–Eritrea War"]["id"] == war["id"] != found["Ethiopia"]["id"]
    assert found["Eritrea"]["id"] != war["id"]


def test_a_numbered_flight_is_one_event_under_its_code_too(tmp_path):
    found = entities(tmp_path, "Pan Am Flight 103 exploded over Lockerbie; PA103 had left London.",
                     "Relatives of those killed on Pan Am flight 103 met in Syracuse.")
    flight = found["Pan Am Flight 103"]
    assert found["PA103"]["id"] == found["Pan Am flight 103"]["id"] == flight["id"]
    assert flight["type"] == "EVENT"


def test_a_resolution_named_with_its_body_is_the_resolution(tmp_path):
    found = entities(tmp_path, "Israel accepted U.N. Security Council Resolution 242 in 1967.",
                     "Resolution 242 called for a withdrawal.")
    assert found["U.N. Security Council Resolution 242"]["id"] == found["Resolution 242"]["id"]


def test_another_name_in_brackets_is_a_name_of_the_same_thing(tmp_path):
    found = entities(tmp_path, "Operation Peace Spring (Turkish: Barış Pınarı Harekâtı) began in October. "
                               "The army named it Operation Barış Pınarı (Peace Spring).",
                     "The Islamic Movement of Uzbekistan (formerly Islamic Renaissance Party) said so.",
                     "BEIRUT (Reuters) - Talks began on Monday. Reuters said more.")
    spring = found["Operation Peace Spring"]["id"]
    assert found["Barış Pınarı Harekâtı"]["id"] == spring
    assert found["Islamic Renaissance Party"]["id"] == found["Islamic Movement of Uzbekistan"]["id"]
    assert found["Reuters"]["id"] != found["BEIRUT"]["id"]  # a dateline's agency is no gloss


def test_a_resolution_written_in_lower_case_or_with_a_footnote_is_the_resolution(tmp_path):
    found = entities(tmp_path, "Acceptance of resolution 2254 followed in December.",
                     "The talks went on under the United Nations Security Council Resolution 2254.[4][5] "
                     "Syria said so.")
    assert found["resolution 2254"]["id"] == found["United Nations Security Council Resolution 2254"]["id"]


def test_a_memorial_named_after_an_event_is_a_place_where_its_text_puts_it(tmp_path):
    found = entities(tmp_path, "Visitors laid flowers at the Srebrenica Genocide Memorial in Tuzla on Saturday.")
    memorial, town = found["Srebrenica Genocide Memorial"], found["Tuzla"]
    assert memorial["type"] == "FAC" and memorial["radius_km"]
    assert km(memorial["lat"], memorial["lon"], town["lat"], town["lon"]) < 1


def test_a_unit_named_by_its_number_is_one_unit_under_its_other_names(tmp_path):
    found = entities(tmp_path, "Troops of the 201st Motor Rifle Division entered Dushanbe. Tanks of the 201st "
                               "led the column.",
                     "The 201st Division of the Russian army stayed in Tajikistan.")
    unit = found["201st Motor Rifle Division"]["id"]
    assert found["201st"]["id"] == found["201st Division"]["id"] == unit


def test_a_war_described_by_how_long_it_lasted_is_the_war_the_corpus_names(tmp_path):
    found = entities(tmp_path, "In the wake of a two-year war with Eritrea, Ethiopia faced a renewed threat on its "
                               "northern border.",
                     "The Ethiopia-Eritrea war ended in 2000.")
    assert found["two-year war"]["id"] == found["Ethiopia-Eritrea war"]["id"]


@pytest.mark.parametrize("word", [*load("entities.yaml")["code_names"]["nouns"],
                                  *load("entities.yaml")["code_names"]["verbs"]])
def test_every_code_name_word_makes_its_bracket_another_name_of_the_operation(word):
    text = f"The rebels attacked at dawn, {word} Tufane Sorkh (Red Storm), and held the pass."
    at = text.index("Tufane")
    name = Mention(at, at + len("Tufane Sorkh"), "Tufane Sorkh", "PERSON", "tufane sorkh")
    found, _ = find_glosses(text, [name])
    assert [(g.text, g.type) for g in found if g.text == "Red Storm"] == [("Red Storm", "EVENT")]
    assert len({g.key for g in found}) == 1, "the code name and its bracket are one operation"

