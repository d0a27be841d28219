"""Places that are places: what the whole pipeline puts on the map for names that only look like
places (a common word inside a longer name, a group the knowledge file knows, an airport named
after its town), read back from the JSON export."""

from __future__ import annotations

import pytest

from rashomon.extract.places import km

from .conftest import export_of

ARTICLES = {
    "mons.txt": "The Battle of Mons was fought in August 1914. British troops met the German army near Mons "
                "in Belgium. The battle lasted a day.\n",
    "aceh.txt": "Monitors of the Aceh Monitoring Mission arrived in Banda Aceh on Monday. The mission will "
                "stay for a year.\n",
    "tsunami.txt": "Date 26 December 2004 (Indochina Time)\nThe wave struck Banda Aceh first.\n",
    "dhaka.txt": "The Dhaka Chamber of Commerce said on Sunday that commerce in Bangladesh had slowed since "
                 "the strike began.\n",
    "gaza.txt": "2014 Gaza War\nBelligerents\nIsrael\nHamas\nPalestinian Islamic Jihad\nCommanders\n",
    "jakarta.txt": "The Boeing 737 left Jakarta on a domestic flight to Pangkal Pinang Airport and crashed into "
                   "the Java Sea near Karawang, a regency in West Java.\n",
    "zirak.txt": "Shells fell on Zirak, a village in Kandahar Province, on Tuesday.\n",
    "kalat.txt": "Kalat is located in Afghanistan. Fighting near Kalat went on for days.\n",
    "schiphol.txt": "The plane left Amsterdam Airport Schiphol for Nairobi on Sunday.\n",
    "square.txt": "Protesters filled Sukhbaatar Square on Tuesday.\n\nPolice in Ulaanbaatar said 30 people were "
                  "held. Ulaanbaatar was calm on Wednesday.\n",
    "forest.txt": "WARSAW (AP) _ Rangers found the graves of 40 soldiers in the Białowieża Forest on Monday.\n",
    "softsign.txt": "MINSK (AP) _ Rangers found the graves of 40 soldiers in the Motal Forest on Monday.\n",
    "wood.txt": "WARSAW (AP) _ Rangers found the graves of 40 soldiers in the Zorlak Forest on Monday.\n",
    "states.txt": "East Germany and the Soviet Union signed the Velmor pact. Germany and Russia later rejected it. "
                  "Soviet envoys said so.\n",
    "engineers.txt": "Soldiers from the Army fired on the crowd in Leeds, a witness said. The Army said on Monday "
                     "that its engineers had rebuilt the bridge.\n",
}


@pytest.fixture(scope="module")
def export(tmp_path_factory):
    return export_of(tmp_path_factory.mktemp("kinds"), ARTICLES)


def placed_names(export, file: str) -> dict[str, dict]:
    """The entities a document's mentions put on the map, by each mention's text."""
    doc = next(d for d in export["documents"] if d["file"].endswith(file))
    return {m["text"]: e for e in export["entities"] if e["lat"] is not None
            for m in e["mentions"] if m["doc"] == doc["id"]}


@pytest.mark.parametrize(("file", "word"), [
    ("mons.txt", "Battle"),  # a town in East Sussex: the word that names the event
    ("aceh.txt", "Mission"),  # towns in Texas and British Columbia: the word that names the body
    ("tsunami.txt", "Time"),  # a town in Norway: the word that names the time zone
    ("dhaka.txt", "Commerce"),  # a city in California: the text writes "commerce" as a common word
    ("jakarta.txt", "Airport"),  # a place in Hawaii: the feature word of the airport's name
    ("engineers.txt", "Army"),  # a village in Northern Ireland is spelt alike: the word names a body
])
def test_the_word_that_heads_a_longer_name_is_no_town_in_it(export, file, word):
    assert word not in placed_names(export, file)


def test_the_places_of_those_texts_are_still_on_the_map(export):
    mons, aceh = placed_names(export, "mons.txt")["Mons"], placed_names(export, "aceh.txt")["Banda Aceh"]
    assert km(mons["lat"], mons["lon"], 50.45, 3.95) < 20
    assert km(aceh["lat"], aceh["lon"], 5.55, 95.32) < 20


def test_a_group_the_knowledge_file_knows_is_no_town_of_that_other_name(export):
    # Hamm in Germany is also written "Hamas" in GeoNames
    assert "Hamas" not in placed_names(export, "gaza.txt")
    assert "Israel" in placed_names(export, "gaza.txt")


def test_an_airport_named_after_its_town_is_at_that_town_not_where_the_flight_crashed(export):
    airport = placed_names(export, "jakarta.txt")["Pangkal Pinang Airport"]
    assert km(airport["lat"], airport["lon"], -2.13, 106.11) < 25  # Pangkalpinang, not Karawang
    assert airport["radius_km"]


@pytest.mark.parametrize(("file", "name", "lat", "lon", "within_km"), [
    ("zirak.txt", "Zirak", 31.3, 65.8, 300),  # not the Zirak of Iran: the text puts it in Kandahar
    ("kalat.txt", "Kalat", 32.1, 66.9, 50),  # Qalat in Afghanistan, not Kalat in Pakistan
])
def test_a_place_the_text_says_lies_in_a_province_or_country_is_put_there(export, file, name, lat, lon, within_km):
    place = placed_names(export, file)[name]
    assert km(place["lat"], place["lon"], lat, lon) < within_km, place


@pytest.mark.parametrize(("file", "name", "lat", "lon"), [
    ("schiphol.txt", "Amsterdam Airport Schiphol", 52.37, 4.89),  # named after Amsterdam, its word mid-name
    ("square.txt", "Sukhbaatar Square", 47.92, 106.92),  # a square lies in the story's town
    ("forest.txt", "Białowieża Forest", 52.70, 23.85),  # a wood by its village, not at the dateline's city
    ("softsign.txt", "Motal Forest", 52.31, 25.61),  # the gazetteer writes the village Motal' (a soft sign)
])
def test_a_spot_named_after_or_inside_a_town_is_put_at_that_town(export, file, name, lat, lon):
    spot = placed_names(export, file)[name]
    assert km(spot["lat"], spot["lon"], lat, lon) < 25 and spot["radius_km"], spot


def test_a_place_only_the_dateline_stands_by_is_not_put_at_the_dateline(export):
    wood = placed_names(export, "wood.txt").get("Zorlak Forest")
    assert wood is None or km(wood["lat"], wood["lon"], 52.23, 21.01) > 50, wood  # nothing else is known of it


def test_a_state_that_is_no_more_is_on_the_map_but_not_the_country_of_its_bare_name(export):
    placed = placed_names(export, "states.txt")
    assert placed["East Germany"]["id"] != placed["Germany"]["id"] and placed["East Germany"]["lat"] is not None
    assert placed["Soviet Union"]["id"] != placed["Russia"]["id"]
    assert placed["Soviet"]["id"] == placed["Soviet Union"]["id"]  # the adjective names the state, not Russia


def _located(text: str, *names: str) -> dict[str, object]:
    """The entities of the names (each typed a place by the model, first occurrence), on the map."""
    from rashomon.extract.places import locate_entities
    from rashomon.records import Entity, Mention

    mentions = [Mention(text.find(n), text.find(n) + len(n), n, "GPE", f"e{i}") for i, n in enumerate(names)]
    entities = [Entity(id=f"e{i}", type="GPE", name=n) for i, n in enumerate(names)]
    return {e.name: e for e in locate_entities(entities, mentions, text)[0]}


def test_a_name_spelt_like_a_far_town_abroad_is_not_put_there():
    # "Baddawi" is spelt like a village in Turkey; the camp near Tripoli is in no gazetteer
    found = _located("Shelling hit Nahr al-Bared and Baddawi near Tripoli, Lebanon.", "Baddawi", "Tripoli", "Lebanon")
    assert found["Baddawi"].lat is None and found["Tripoli"].lat is not None


def test_the_end_of_a_name_joined_by_a_particle_is_no_town_of_its_own():
    found = _located("Floods hit Lanao del Sur on Monday, officials in Manila said.", "Sur", "Manila")
    assert found["Sur"].lat is None, found["Sur"]  # not Sur in Oman
    assert found["Manila"].lat is not None
