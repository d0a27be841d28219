"""Places in what `rashomon analyze` exports for news-style text: the whole pipeline, read back
from the JSON export the way a user (and a geoparsing scorer) reads it."""

from __future__ import annotations

import pytest

from rashomon.extract.places import km

from .conftest import export_of

ARTICLES = {
    "us.txt": "Officials in the U.S. said on Monday that talks would resume.\n",
    "georgia-state.txt": "Storms hit Georgia overnight. Roads near Atlanta and Savannah were closed, "
                         "and crews worked across Northeast Georgia on Tuesday.\n",
    "georgia-country.txt": "Protesters filled the streets of Tbilisi. Georgia has asked Moscow to "
                           "withdraw its troops, the government said.\n",
    "police.txt": "The Kentucky State Police arrested a man in Louisville on Friday.\n",
    "front.txt": "Fighters of the Sarhadi Liberation Front crossed the river at dawn.\n",
    "ship.txt": "The cruiser USS Princeton shot down a drone. The Princeton then left the strait.\n",
    "committee.txt": "The Central Committee of Sudanese Doctors said the Rapid Support Forces fired on the "
                     "camp; the African Union condemned it.\n",
    "russian.txt": "Russian officials declined to comment on the report.\n",
    "dateline.txt": "Council backs new budget. MANSFIELD -- The city council voted 6-1 on Monday to "
                    "approve the budget.\n",
    "virginias.txt": "Floods closed roads in West Virginia, while Virginia escaped the worst of the storm.\n",
    "alta.txt": "A couple from Wainwright, Alta. believes the cat found on the train is their pet.\n",
    "kandahar-province.txt": "Shelling was reported across Kandahar province in May 1996.\n",
    "kandahar-city.txt": "Residents of the city of Kandahar gathered at the main square.\n",
    "legislators.txt": "The bill's sponsor, Sen. Mary Okafor, D-Ohio, said it would pass. Rep. Tom Brandt "
                       "(R-Iowa City) voted against it.\n",
    "province-of.txt": "The Province of Manitoba will pay for the new bridge, officials said.\n",
    "dateline-agency.txt": "Storm cleanup begins. CHESTERTOWN, Md. (AP) Crews cleared fallen trees on Monday.\n",
    "dateline-dated.txt": "School board meets. By Ann Lee Staff Reporter May 2, 2011 TOPEKA -- The board voted "
                          "on Monday.\n",
    "dateline-latin1.txt": "Bridge reopens. GREENFIELD \x97 The bridge reopened on Monday.\n",
    "institution.txt": "A barn burned near Champaign overnight, Tolono Fire Chief Dan Ruiz said on Monday.\n",
    "untagged.txt": "Survivors include a daughter, Jo Ames of Coppell; a son, Ray Ames of Dallas.\n",
    "kennel.txt": "Members of the Western Nebraska Kennel Club met in a school gym on Monday.\n",
    "raised-in.txt": "The new fire chief was raised in Oglesby and later moved away.\n",
    "nebraskans.txt": "Nebraskans will pay less for gas this summer, the governor said.\n",
    "province-government.txt": "Negotiators for the Quebec government met union leaders in Montreal on Tuesday.\n",
    "capital-government.txt": "The Tehran government rejected the offer on Monday.\n",
    "state-by-name.txt": "Wildfires spread across Oklahoma on Sunday, forecasters said.\n",
    "town-state.txt": "A rancher who lives near Smyrna, Colo., lost 40 cattle in the blizzard.\n",
    "owner.txt": "Two men were detained in Toronto's Riverdale Park after the match.\n",
    "borough.txt": "The council of Kutztown Borough voted to raise taxes on Monday.\n",
    "mayor.txt": "Westmount Mayor Christina Smith asked for calm.\n",
    "commission.txt": "The European Commission fined the bank on Monday.\n",
    "compound.txt": "Ministers discussed the U.K.-backed plan for the port on Monday.\n",
    "city-and-state.txt": "The former New York Gov. Hugh Carey signed the bill. His successor grew up in "
                          "New York City, in a flat above a bakery.\n",
    "seat.txt": "The envoy flew from Amman to United Nations headquarters in New York on Tuesday to press "
                "for a truce.\n",
    "flights.txt": "The carrier plans daily flights between New York and Chicago from March.\n",
    "states-listed.txt": "Buyers at the Dayton cattle auction came from Kentucky, Montana and Wyoming, "
                         "the owner said.\n",
    "sask.txt": "Hail flattened the wheat near Yorkton, Sask. on Sunday, farmers said.\n",
    "dateline-city.txt": "Stocks slide. NEW YORK (AP) — Shares fell on Monday as traders sold banks.\n",
    "french.txt": "The student, who speaks only French, boarded a flight in Boston, Massachusetts, bound "
                  "for Paris on Friday.\n",
}


@pytest.fixture(scope="module")
def export(tmp_path_factory):
    return export_of(tmp_path_factory.mktemp("news"), ARTICLES)


def entity_at(export, file: str, phrase: str) -> dict:
    """The entity of the export mention that covers `phrase` in `file` best (largest overlap, then
    the tightest span): how score.py and geoparsing scorers read an export."""
    doc = next(d for d in export["documents"] if d["file"].endswith(file))
    start = doc["text"].index(phrase)
    end = start + len(phrase)
    best = max(((min(end, m["end"]) - max(start, m["start"]), m["start"] - m["end"], i, e)
                for i, e in enumerate(export["entities"]) for m in e["mentions"]
                if m["doc"] == doc["id"] and m["start"] < end and start < m["end"]), default=None)
    assert best is not None, f"no mention covers {phrase!r} in {file}"
    return best[3]


def near(entity: dict, lat: float, lon: float, within_km: float) -> bool:
    return entity["lat"] is not None and km(entity["lat"], entity["lon"], lat, lon) <= within_km


def test_an_abbreviation_keeps_its_full_stop_and_its_place(export):
    us = entity_at(export, "us.txt", "U.S.")
    assert "U.S." in [m["text"] for m in us["mentions"]]
    assert near(us, 39.8, -98.5, 500)  # the United States, not a town spelt "Us"


def test_a_state_and_a_country_of_one_name_stay_two_entities(export):
    state = entity_at(export, "georgia-state.txt", "Georgia")
    country = entity_at(export, "georgia-country.txt", "Georgia")
    assert state["id"] != country["id"]
    assert near(state, 33.0, -83.5, 300) and near(country, 42.0, 43.5, 300)


def test_a_part_of_a_place_is_read_as_that_place(export):
    assert near(entity_at(export, "georgia-state.txt", "Northeast Georgia"), 33.0, -83.5, 300)


def test_a_place_inside_an_organisations_name_is_on_the_map_and_the_organisation_stays_the_actor(export):
    kentucky = entity_at(export, "police.txt", "Kentucky")
    assert kentucky["type"] == "GPE" and near(kentucky, 37.5, -85.3, 300)
    police = entity_at(export, "police.txt", "Kentucky State Police")
    assert police["id"] != kentucky["id"] and police["lat"] is None
    arrests = [e for e in export["events"] if e.get("actor") == police["id"]]
    assert arrests, "the organisation, not the state inside its name, is the event's actor"


def test_a_word_in_the_middle_of_an_organisations_name_is_not_a_town(export):
    front = entity_at(export, "front.txt", "Liberation")  # there is a town Libération in France
    assert front["name"] == "Sarhadi Liberation Front" and front["lat"] is None


@pytest.mark.parametrize(("file", "word"), [
    ("police.txt", "Police"),  # a town in Poland
    ("committee.txt", "Central"),  # towns in Brazil and Canada, a region of Ghana
    ("committee.txt", "Rapid"),  # another name of Rapid City
    ("committee.txt", "Union"),  # towns in the United States
])
def test_an_english_word_opening_or_closing_an_organisations_name_is_not_a_town(export, file, word):
    owner = entity_at(export, file, word)
    assert owner["type"] == "ORG" and owner["lat"] is None, owner["name"]


@pytest.mark.parametrize("phrase", ["USS Princeton", "The Princeton"])
def test_a_ship_named_after_a_town_is_not_on_the_map(export, phrase):
    ship = entity_at(export, "ship.txt", phrase)  # Princeton, New Jersey has 30,000 people
    assert ship["lat"] is None and ship["type"] == "ORG", ship


def test_a_country_adjective_stays_an_adjective_and_points_at_its_country(export):
    russian = entity_at(export, "russian.txt", "Russian")
    assert russian["type"] == "NORP" and russian["place_kind"] == "country"
    assert near(russian, 60.0, 100.0, 1500)


def test_a_dateline_is_a_place_mention(export):
    mansfield = entity_at(export, "dateline.txt", "MANSFIELD")
    assert mansfield["lat"] is not None and mansfield["place_kind"] in ("city", "town")


def test_virginia_is_not_short_for_west_virginia(export):
    west = entity_at(export, "virginias.txt", "West Virginia")
    virginia = entity_at(export, "virginias.txt", "while Virginia")
    assert west["id"] != virginia["id"]
    assert near(virginia, 37.5, -78.8, 200) and near(west, 38.6, -80.6, 200)


def test_a_province_abbreviation_the_tagger_cut_resolves(export):
    assert near(entity_at(export, "alta.txt", "Alta"), 54.0, -115.0, 400)  # Alberta, not Alta, Iowa


def test_a_province_and_its_namesake_capital_are_one_entity(export):
    province = entity_at(export, "kandahar-province.txt", "Kandahar")
    city = entity_at(export, "kandahar-city.txt", "Kandahar")
    assert province["id"] == city["id"] and near(city, 31.6, 65.7, 60)


def test_a_legislators_home_after_the_party_letter_is_a_place(export):
    assert near(entity_at(export, "legislators.txt", "Iowa City"), 41.66, -91.53, 30)
    assert near(entity_at(export, "legislators.txt", "Ohio"), 40.3, -82.8, 300)


def test_a_province_named_with_of_is_the_province(export):
    manitoba = entity_at(export, "province-of.txt", "Province of Manitoba")
    assert manitoba["place_kind"] == "admin1" and near(manitoba, 55.0, -97.0, 500)


@pytest.mark.parametrize(("file", "phrase", "lat", "lon"), [
    ("dateline-agency.txt", "CHESTERTOWN", 39.21, -76.07),  # a small town; the agency needs no dash
    ("dateline-dated.txt", "TOPEKA", 39.05, -95.68),  # after the date the report was filed on
])
def test_a_dateline_after_a_date_or_before_an_agency_is_a_place(export, file, phrase, lat, lon):
    assert near(entity_at(export, file, phrase), lat, lon, 30)


def test_a_dateline_whose_dash_was_damaged_is_a_place(export):
    greenfield = entity_at(export, "dateline-latin1.txt", "GREENFIELD")
    assert greenfield["lat"] is not None and [m["text"] for m in greenfield["mentions"]] == ["GREENFIELD"]


def test_a_small_town_opening_the_name_of_its_own_institution_is_a_place(export):
    tolono = entity_at(export, "institution.txt", "Tolono")  # 3,400 people: not a notable town
    assert tolono["type"] == "GPE" and near(tolono, 39.99, -88.26, 20), tolono


def test_a_place_after_a_part_word_opening_an_organisations_name_is_a_place(export):
    assert near(entity_at(export, "kennel.txt", "Nebraska"), 41.5, -99.8, 300)


def test_a_town_the_model_left_untagged_after_a_cue_word_is_a_place(export):
    assert near(entity_at(export, "untagged.txt", "Coppell"), 32.95, -96.99, 20)


def test_a_town_the_model_took_for_a_person_after_in_is_a_place(export):
    # "Oglesby" is typed as a person; "raised in" says it is a place, and a town bears that very name
    assert near(entity_at(export, "raised-in.txt", "Oglesby"), 41.30, -89.06, 20)


def test_the_people_of_a_state_point_at_the_state(export):
    people = entity_at(export, "nebraskans.txt", "Nebraskans")
    assert people["place_kind"] == "admin1" and near(people, 41.5, -99.8, 300), people



def test_a_name_before_a_word_of_a_provinces_offices_is_the_province(export):
    quebec = entity_at(export, "province-government.txt", "Quebec")  # not Québec, the city
    assert quebec["place_kind"] == "admin1" and not near(quebec, 46.81, -71.21, 300), quebec


def test_a_capital_before_the_word_government_stays_the_capital(export):
    tehran = entity_at(export, "capital-government.txt", "Tehran")  # the country's government sits there
    assert tehran["place_kind"] == "city" and near(tehran, 35.69, 51.42, 20), tehran


def test_a_state_is_not_a_city_that_bears_its_name_only_as_another_name(export):
    oklahoma = entity_at(export, "state-by-name.txt", "Oklahoma")  # "Oklahoma" is also Oklahoma City's
    assert oklahoma["place_kind"] == "admin1", oklahoma


def test_a_town_written_with_its_state_after_a_comma_stays_in_that_state(export):
    smyrna = entity_at(export, "town-state.txt", "Smyrna")  # the gazetteer holds Smyrnas in three other states
    assert near(smyrna, 39.0, -105.5, 400), smyrna


def test_a_place_after_a_towns_possessive_is_in_that_town(export):
    park = entity_at(export, "owner.txt", "Riverdale Park")  # a town in Maryland bears that name
    assert near(park, 43.70, -79.40, 30), park


def test_a_town_named_with_the_word_borough_is_the_town(export):
    assert near(entity_at(export, "borough.txt", "Kutztown Borough"), 40.52, -75.78, 10)


def test_a_town_the_model_left_untagged_before_its_mayors_title_is_a_place(export):
    westmount = entity_at(export, "mayor.txt", "Westmount")
    assert westmount["type"] == "GPE" and near(westmount, 45.48, -73.60, 20), westmount


def test_a_continents_adjective_inside_an_organisations_name_points_at_the_continent(export):
    european = entity_at(export, "commission.txt", "European")
    assert european["type"] == "NORP" and european["place_kind"] == "continent", european
    commission = entity_at(export, "commission.txt", "European Commission")
    assert commission["id"] != european["id"] and commission["lat"] is None


def test_an_abbreviated_place_opening_a_hyphened_compound_is_a_place(export):
    uk = entity_at(export, "compound.txt", "U.K.")  # "U.K.-backed" is one token
    assert uk["place_kind"] == "country" and near(uk, 54.0, -2.0, 300), uk


def test_a_city_named_with_its_word_city_is_not_the_state_of_that_name(export):
    city = entity_at(export, "city-and-state.txt", "New York City")
    state = entity_at(export, "city-and-state.txt", "New York Gov")
    assert city["id"] != state["id"] and near(city, 40.71, -74.01, 20), city
    assert state["place_kind"] == "admin1", state


def test_a_bare_namesake_is_the_town_where_a_body_the_story_names_sits(export):
    new_york = entity_at(export, "seat.txt", "New York")  # the United Nations sits in the city
    assert near(new_york, 40.71, -74.01, 20), new_york


def test_a_bare_new_york_with_nothing_else_said_is_the_state(export):
    # both geoparsing corpora's gold put it so; "New York City" names the city
    assert entity_at(export, "flights.txt", "New York")["place_kind"] == "admin1"


def test_a_name_listed_beside_states_is_the_state_not_a_town_of_that_name(export):
    wyoming = entity_at(export, "states-listed.txt", "Wyoming")  # Wyoming, Ohio lies near Dayton
    assert wyoming["place_kind"] == "admin1" and near(wyoming, 43.0, -107.5, 400), wyoming


def test_an_abbreviated_province_the_model_left_untagged_after_a_town_is_a_place(export):
    sask = entity_at(export, "sask.txt", "Sask.")
    assert sask["place_kind"] == "admin1" and near(sask, 54.0, -106.0, 400), sask


def test_an_adjective_of_nationality_without_a_regular_ending_names_the_storys_country(export):
    paris = entity_at(export, "french.txt", "Paris")  # not Paris, Maine, near Boston
    assert near(paris, 48.85, 2.35, 20), paris


def test_a_dateline_names_a_town_not_the_state_of_that_name(export):
    new_york = entity_at(export, "dateline-city.txt", "NEW YORK")  # where the report was filed
    assert near(new_york, 40.71, -74.01, 20), new_york
