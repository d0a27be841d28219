"""Toponym resolution against the offline gazetteer, with the story as context."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from rashomon.extract.places import Place, Toponym, find_toponyms, gazetteer, km, resolve_places
from rashomon.extract.places.model import Home
from rashomon.kb import load_kb
from rashomon.outputs.geojson import to_geojson
from rashomon.records import Entity

from .conftest import GOLD, SEEDS, entities, need_shared

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def user_kb():
    return load_kb([DATA / "kermanshah_kb.yaml"])


def toponyms(text: str, *names: str) -> list[Toponym]:
    """Every occurrence of each name in the text, as a toponym."""
    out = []
    for name in names:
        start = text.find(name)
        while start >= 0:
            out.append(Toponym(name, start, start + len(name)))
            start = text.find(name, start + 1)
    return out


def near(place: Place, lat: float, lon: float, km_: float) -> bool:
    return place.resolved and km(place.lat, place.lon, lat, lon) <= km_


def test_delhi_in_an_ontario_story_is_the_ontario_town():
    text = (
        "In Ontario the storm reached Simcoe and then Delhi, "
        "before it was stopped east of the town."
    )
    places = resolve_places(toponyms(text, "Ontario", "Simcoe", "Delhi"), text)
    assert near(places["Delhi"], 42.85, -80.50, 10), places["Delhi"]
    assert places["Delhi"].country == "CA"


def test_delhi_alone_is_indias_capital():
    text = "Talks were held in Delhi on Monday."
    place = resolve_places(toponyms(text, "Delhi"), text)["Delhi"]
    assert place.country == "IN" and near(place, 28.65, 77.23, 25)


def test_washington_alone_is_the_capital_not_a_village_of_that_name():
    # the villages called Washington near Rome, Georgia were all flagged "capital" once
    text = ("The premier was toppled in a coup backed by the United States and Britain. The Shah "
            "left for Rome. Washington acknowledged its role in 2013.")
    place = resolve_places(toponyms(text, "Washington", "Rome", "United States", "Britain"), text)["Washington"]
    assert place.country == "US" and near(place, 38.9, -77.04, 25)


@pytest.mark.parametrize(
    ("name", "lat", "lon", "tolerance"),
    [
        ("Isfahan", 32.65, 51.67, 15),
        ("Mashhad", 36.30, 59.61, 15),
        ("Shiraz", 29.61, 52.53, 15),
        ("Ahvaz", 31.32, 48.68, 15),
        ("Albania", 41.0, 20.0, 200),
        ("Kerman", 30.28, 57.08, 60),
    ],
)
def test_well_known_places_resolve(name, lat, lon, tolerance):
    text = f"Reports from {name} and Iran."
    assert near(resolve_places(toponyms(text, name, "Iran"), text)[name], lat, lon, tolerance)


def test_province_named_as_such_resolves_to_the_province():
    text = "Forces shelled towns in southern Fars province."
    place = resolve_places(toponyms(text, "Fars"), text)["Fars"]
    assert place.place_kind == "admin1" and near(place, 29.4, 53.4, 150)
    text = "The offensive began in Isfahan province."
    place = resolve_places(toponyms(text, "Isfahan province"), text)["Isfahan province"]
    assert place.place_kind == "admin1" and near(place, 32.6, 52.5, 60)


def test_city_wins_over_same_named_province_without_a_feature_word():
    text = "Protests spread to Tehran."
    assert resolve_places(toponyms(text, "Tehran"), text)["Tehran"].place_kind == "city"


def test_small_feature_unresolved_with_reason_unless_the_kb_knows_it(user_kb):
    text = "IRGC troops blocked the road at Hassanabad pass near the Ravand River."
    names = toponyms(text, "Hassanabad pass", "Ravand River")
    places = resolve_places(names, text)
    assert places["Ravand River"].reason == "R103" and not places["Ravand River"].resolved
    assert places["Hassanabad pass"].reason == "R103"
    with_kb = resolve_places(names, text, user_kb)
    assert with_kb["Hassanabad pass"].place_kind == "pass" and with_kb["Hassanabad pass"].kb_id
    assert with_kb["Ravand River"].reason == "R103"


def test_unknown_name_is_kept_with_a_reason():
    text = "They met in Qwxzvbk."
    place = resolve_places(toponyms(text, "Qwxzvbk"), text)["Qwxzvbk"]
    assert place.reason == "R102" and place.lat is None and place.name == "Qwxzvbk"


def test_a_town_named_after_a_feature_is_still_the_town():
    text = "Police in Mount Pleasant, Michigan, said the road was closed."
    place = resolve_places(toponyms(text, "Mount Pleasant", "Michigan"), text)["Mount Pleasant"]
    assert place.country == "US" and place.admin1 == "MI"


def test_country_adjective_points_at_the_country():
    text = "Iraqi artillery fired across the border."
    assert resolve_places(toponyms(text, "Iraqi"), text)["Iraqi"].country == "IQ"


@pytest.mark.parametrize(("text", "word", "kind", "where"), [
    ("Many Nebraskans will pay less tax next year.", "Nebraskans", "admin1", ("US", "NE")),
    ("Albertans go to the polls on Monday.", "Albertans", "admin1", ("CA", "01")),
    ("The Kansan rancher sold his herd.", "Kansan", "admin1", ("US", "KS")),
    ("African ministers met on Friday.", "African", "continent", ("", None)),
    ("Moroccan police seized the boat.", "Moroccan", "country", ("MA", None)),
    ("Sicilian officials denied the report.", "Sicilian", "admin1", ("IT", "15")),
])
def test_an_adjective_of_a_division_or_continent_points_there_when_it_names_no_country(text, word, kind, where):
    place = resolve_places(toponyms(text, word), text)[word]
    assert place.place_kind == kind and (place.country or "", place.admin1) == where, place


def test_an_adjective_of_an_era_is_no_division():
    text = "They bought a Victorian house on the hill."
    assert resolve_places(toponyms(text, "Victorian"), text)["Victorian"].place_kind != "admin1"


def test_state_named_nearby_picks_the_local_town():
    text = "PARIS, Ill. — The Paris Public Library will offer a workshop for Illinois job seekers."
    place = resolve_places(toponyms(text, "Paris", "Illinois"), text)["Paris"]
    assert place.country == "US" and place.admin1 == "IL"


@pytest.mark.parametrize(("text", "town", "county", "state"), [
    ("Paris police and Lamar County deputies searched the house.", "Paris", "Lamar County", "TX"),
    ("A Cairo man was arrested by Alexander County deputies.", "Cairo", "Alexander County", "IL"),
    ("Lebanon police and Wilson County deputies searched the area.", "Lebanon", "Wilson County", "TN"),
    ("Toledo police and Lucas County deputies searched the area.", "Toledo", "Lucas County", "OH"),
])
def test_a_small_town_and_its_county_together_win_over_big_namesakes_apart(text, town, county, state):
    places = resolve_places(toponyms(text, town, county), text)
    assert (places[town].country, places[town].admin1) == ("US", state), places[town]
    assert (places[county].country, places[county].admin1) == ("US", state), places[county]



def test_one_name_written_twice_does_not_confirm_itself():
    # a dateline in capitals and the name in the story are one name: each alone would be the big
    # namesake in Oregon, and it must not count as the other's neighbour there
    text = "Fair opens. MINEOLA -- The Mineola fair opens Friday, and shuttles will run from Grand Saline."
    places = resolve_places(toponyms(text, "MINEOLA", "Mineola", "Grand Saline"), text)
    assert places["Mineola"].admin1 == places["MINEOLA"].admin1 == "TX", places

@pytest.mark.parametrize("text", [
    "Deputies searched the woods in Hardin and Tyler counties on Monday.",
    "Deputies searched the woods in Tyler, Hardin or Jasper counties on Monday.",
])
def test_names_listed_before_a_plural_feature_word_are_each_that_kind(text):
    # "Hardin" alone is a village and "Tyler" a city; "Hardin and Tyler counties" are two counties
    places = resolve_places(toponyms(text, "Hardin", "Tyler"), text)
    assert places["Hardin"].place_kind == places["Tyler"].place_kind == "admin2", places
    assert km(places["Hardin"].lat, places["Hardin"].lon, places["Tyler"].lat, places["Tyler"].lon) < 100


def test_a_province_is_found_by_its_name_without_the_word_for_province():
    # GeoNames writes "Anhui Sheng" and "Gansu Sheng" (sheng: province); the news writes "Anhui"
    text = "Factories closed in Anhui and Gansu after the floods."
    places = resolve_places(toponyms(text, "Anhui", "Gansu"), text)
    assert all(p.place_kind == "admin1" and p.country == "CN" for p in places.values()), places


@pytest.mark.parametrize(("text", "name", "country"), [
    ("Crews cleared fallen trees in Dublin on Monday, sheriff's deputies said.", "Dublin", "US"),
    ("Crews cleared fallen trees in Dublin on Monday, officials said.", "Dublin", "IE"),
    ("A man was charged after a fight at a bar in Perth, RCMP said. Const. Jo Lee said he was held.", "Perth", "CA"),
    ("A man was charged after a fight at a bar in Perth, police said.", "Perth", "AU"),
])
def test_a_countrys_institutions_named_in_the_story_choose_its_namesake(text, name, country):
    assert resolve_places(toponyms(text, name), text)[name].country == country


def test_a_namesake_far_from_every_country_the_story_names_loses_to_one_beside_them():
    # Bethlehem is also a bigger town in South Africa; the story names Egypt and Israel
    text = "Aid convoys waited at the Egyptian border as Israeli officials said Bethlehem would get more fuel."
    assert resolve_places(toponyms(text, "Bethlehem"), text)["Bethlehem"].country == "PS"


def test_big_places_named_together_stay_the_big_places():
    text = "Talks in Paris and London ended without a deal."
    places = resolve_places(toponyms(text, "Paris", "London"), text)
    assert places["Paris"].country == "FR" and places["London"].country == "GB"


def test_gazetteer_holds_old_and_alternate_names():
    gaz = gazetteer()
    exact, _ = gaz.find("Bombay")  # Mumbai's name until 1995
    assert any(gaz.columns["name"][row] == "Mumbai" for row in exact)
    assert len(gaz) > 200_000


def test_find_toponyms_widens_ezafe_names_and_finds_untagged_towns(nlp, user_kb):
    text = (
        "Starting from the Masjed-e Soleyman road, the column advanced towards Bandar-e Anzali. "
        "After occupying Rasht, the column pushed towards Lahijan but was halted at the bridge."
    )
    found = {t.text for t in find_toponyms(nlp(text), user_kb)}
    assert {"Masjed-e Soleyman", "Bandar-e Anzali", "Rasht", "Lahijan"} <= found
    for t in find_toponyms(nlp(text), user_kb):
        assert text[t.start : t.end] == t.text


def test_sample_accounts_places_resolve(nlp, user_kb):
    need_shared()
    gold = yaml.safe_load(GOLD.read_text("utf-8"))["places"]
    found = good = 0
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text("utf-8")
        names = find_toponyms(nlp(text), user_kb)
        places = resolve_places(names, text, user_kb)
        for g in gold:
            for variant in g["variants"]:
                start = text.find(variant)
                while start >= 0:
                    found += 1
                    over = [t for t in names if t.start < start + len(variant) and start < t.end]
                    good += bool(over) and near(places[over[0].text], g["lat"], g["lon"], g["tolerance_km"])
                    start = text.find(variant, start + 1)
    assert found > 20 and good / found >= 0.9, (good, found)


def test_geojson_has_one_point_per_resolved_place():
    entities = [
        Entity(
            id="e1",
            type="GPE",
            name="Esfarabad-e Sharq",
            aliases=("Isfarabad",),
            lat=33.5218,
            lon=47.81403,
            place_kind="town",
        ),
        Entity(id="e2", type="LOC", name="Tarvand River"),
        Entity(id="e3", type="ORG", name="SEV", kb_id="kb:sev"),
    ]
    collection = to_geojson(entities)
    assert collection["type"] == "FeatureCollection" and len(collection["features"]) == 1
    feature = collection["features"][0]
    assert feature["geometry"] == {"type": "Point", "coordinates": [47.81403, 33.5218]}
    assert feature["properties"] == {
        "id": "e1",
        "name": "Esfarabad-e Sharq",
        "aliases": ["Isfarabad"],
        "place_kind": "town",
        "kb_id": None,
        "estimated": False,  # where the gazetteer says, not estimated from the text
        "radius_km": None,
    }
    as_dicts = to_geojson([{"id": "x", "name": "Morvan", "lat": 37.12, "lon": 45.61, "aliases": []}])
    assert as_dicts["features"][0]["geometry"]["coordinates"] == [45.61, 37.12]


def test_locate_puts_place_entities_on_the_map(user_kb):
    from rashomon.extract.places import locate
    from rashomon.records import Mention

    text = "After taking Delhi the column pushed towards Simcoe and the Tarvand River."
    spans = [
        ("Delhi", "delhi", "GPE"),
        ("Simcoe", "simcoe", "GPE"),
        ("the Tarvand River", "tarvand", "LOC"),
        ("column", "column", "ORG"),
    ]
    mentions = [Mention(text.index(s), text.index(s) + len(s), s, t, k) for s, k, t in spans]
    entities = [Entity(id=k, type=t, name=s) for s, k, t in spans]
    located, reasons = locate(entities, mentions, text, user_kb)
    by_id = {e.id: e for e in located}
    assert near(Place("x", by_id["delhi"].lat, by_id["delhi"].lon), 42.85, -80.50, 10)
    assert by_id["delhi"].kb_id.startswith("geonames:") and by_id["delhi"].place_kind
    assert by_id["simcoe"].lat is not None
    assert by_id["tarvand"].lat is None and reasons == {"tarvand": "R103"}
    assert by_id["column"] == entities[3]


def test_a_county_named_as_such_is_not_its_namesake_capital_far_away():
    from rashomon.extract.places import locate
    from rashomon.records import Mention

    text = ("Floods closed roads across Washington County on Monday. Washington officials opened a shelter, "
            "and Washington police warned drivers.")
    spans = [(m.start(), m.end()) for m in re.finditer(r"Washington(?: County)?", text)]
    mentions = [Mention(a, b, text[a:b], "GPE", "washington") for a, b in spans]
    located, _ = locate([Entity(id="washington", type="GPE", name="Washington")], mentions, text)
    assert located[0].place_kind == "admin2"  # a county of that name, not the national capital


def test_a_place_no_gazetteer_holds_is_put_where_its_text_says_and_marked_estimated(tmp_path):
    from rashomon.outputs.geojson import to_geojson

    found = entities(tmp_path, "The convoy was stopped at the Tangi Gorge between Gardez and Khost on Monday. "
                               "Later the rebels withdrew to the Sabari pass, 40 kilometres north of Khost.")
    gorge, gardez, khost = found["Tangi Gorge"], found["Gardez"], found["Khost"]
    assert km(gorge["lat"], gorge["lon"], (gardez["lat"] + khost["lat"]) / 2, (gardez["lon"] + khost["lon"]) / 2) < 5
    assert gorge["radius_km"] and gardez["radius_km"] is None  # the town is where the gazetteer says
    sabari = found["Sabari pass"]
    assert abs(km(sabari["lat"], sabari["lon"], khost["lat"], khost["lon"]) - 40) < 3 and sabari["lat"] > khost["lat"]
    feature = next(f for f in to_geojson([gorge])["features"])
    assert feature["properties"]["estimated"] and feature["properties"]["radius_km"] == gorge["radius_km"]


def test_a_namesake_far_from_where_the_text_puts_the_place_gives_way_to_the_texts_estimate(tmp_path):
    found = entities(tmp_path, "Troops held Gardez and Khost on Sunday. The rebels then settled in the Springfield "
                               "area, some 20 kilometres from Khost, and shelled the road.")
    area, khost = found["Springfield"], found["Khost"]
    assert area["radius_km"] and km(area["lat"], area["lon"], khost["lat"], khost["lon"]) < 30


def test_a_border_no_gazetteer_holds_is_put_on_the_land_border_near_the_town_named_beside_it(tmp_path):
    from rashomon.extract.places.borders import nearest_border

    found = entities(tmp_path, "On Monday the convoy crossed the Zarghun Khel border near Miranshah and drove on "
                               "towards Bannu.")
    crossing, town = found["Zarghun Khel"], found["Miranshah"]
    assert crossing["radius_km"] and nearest_border(crossing["lat"], crossing["lon"], 1.0) is not None
    assert 5 < km(crossing["lat"], crossing["lon"], town["lat"], town["lon"]) < 60


def test_a_village_the_text_places_in_a_province_is_put_there_even_when_taken_for_a_person(tmp_path):
    found = entities(tmp_path, "Troops held Kandahar. Shells fell on Zirak Kalay, a village near the border in "
                               "Kandahar province, on Tuesday.")
    village, city = found["Zirak Kalay"], found["Kandahar"]
    assert village["type"] == "GPE" and village["radius_km"]
    assert km(village["lat"], village["lon"], city["lat"], city["lon"]) < 150


def test_a_name_the_text_does_not_call_a_place_is_not_put_on_the_map(tmp_path):
    found = entities(tmp_path, "Protesters in Kabul marched against the Islamic Emirate on Friday.")
    assert found["Islamic Emirate"]["lat"] is None



def _lookup_in_child(name: str) -> tuple[float, float]:
    place = gazetteer().place(next(iter(gazetteer().find(name)[0])))
    return place.lat, place.lon


def test_the_gazetteer_is_a_file_that_forked_workers_read_on_their_own():
    import multiprocessing

    gaz = gazetteer()
    assert gaz.path.suffix == ".sqlite" and len(gaz) > 250_000
    here = _lookup_in_child("Winnipeg")  # the parent's connection, opened before the fork
    with multiprocessing.get_context("fork").Pool(1) as pool:
        assert pool.apply(_lookup_in_child, ("Winnipeg",)) == here


def test_places_the_tagger_ran_into_one_name_are_each_a_place(nlp):
    from rashomon.extract.places import within_names
    from rashomon.records import Mention

    text = "A veteran will bike from Lubbock to Austin this spring."
    doc = nlp(text)
    start = text.index("Lubbock")
    joined = Mention(start, text.index(" this"), "Lubbock to Austin", "GPE", "e1")  # one mention, two places
    found, _ = within_names(doc, [joined], [])
    assert {m.text for m in found} >= {"Lubbock", "Austin"}


@pytest.mark.parametrize(("text", "place"), [
    ("Bridge reopens. AMMAN: The bridge over the valley reopened on Monday.", "AMMAN"),
    ("UPDATE: The bridge over the valley reopened on Monday.", None),
])
def test_a_notable_place_before_a_colon_opening_a_report_is_its_dateline(text, place):
    from rashomon.extract.places import datelines

    assert [text[a:b] for a, b in datelines(text)] == ([place] if place else [])


def test_a_small_towns_dateline_with_its_abbreviated_word_is_the_town():
    # GeoNames calls the village "Saint Jacob"; the paper writes "ST. JACOB"
    from rashomon.extract.places import datelines

    text = "Levee work begins. ST. JACOB — Crews began work on the levee on Monday."
    assert [text[a:b] for a, b in datelines(text)] == ["ST. JACOB"]


@pytest.mark.parametrize(("text", "placed"), [
    ("Crews from Valley Mills helped firefighters in Clifton and Meridian, Texas.", True),
    ("Valley Mills spoke at the rally in Paris.", False),  # far from the story's place: a person
])
def test_a_village_taken_for_a_person_is_placed_only_amid_the_storys_places(text, placed):
    from rashomon.extract.places import locate_entities
    from rashomon.records import Mention

    names = [("Valley Mills", "PERSON"), ("Clifton", "GPE"), ("Meridian", "GPE"), ("Texas", "GPE"), ("Paris", "GPE")]
    found = [(n, t, text.find(n)) for n, t in names if n in text]
    mentions = [Mention(at, at + len(n), n, t, f"e{i}") for i, (n, t, at) in enumerate(found)]
    entities = [Entity(id=f"e{i}", type=t, name=n) for i, (n, t, _) in enumerate(found)]
    village = locate_entities(entities, mentions, text)[0][0]  # 1,200 people: not a notable town
    if placed:
        assert village.lat is not None and km(village.lat, village.lon, 31.66, -97.47) < 20, village
    else:
        assert village.lat is None, village


@pytest.mark.parametrize(("text", "province", "expected"), [
    ("Hennepin commissioners approved the budget on Tuesday.", ("US", "MN"), ("MN", "admin2")),  # a paper of it
    ("Hennepin commissioners approved the budget on Tuesday.", None, ("IL", "village")),  # alone: the town
    ("Commissioners in Hennepin and Ramsey approved the budget.", None, ("MN", "admin2")),  # beside its neighbour
])
def test_a_county_named_without_its_division_word_is_read_where_the_story_is(text, province, expected):
    """Local news names its county bare ("Hennepin" for Hennepin County); the county is weighed
    below the town of that very name, so the story or the outlet's province decides."""
    toponyms = [Toponym(n, text.index(n), text.index(n) + len(n)) for n in ("Hennepin", "Ramsey") if n in text]
    home = Home(None, None, frozenset(), province) if province else None
    place = resolve_places(toponyms, text, home=home)["Hennepin"]
    assert (place.admin1, place.place_kind) == expected


@pytest.mark.parametrize(("name", "towns"), [
    ("Cardwell or Babinda", ["Cardwell", "Babinda"]),  # two small towns of Queensland the tagger ran together
    ("Smith and Wesson", []),  # "smith" is an English word: a company, no towns
])
def test_towns_the_tagger_ran_together_are_each_a_place(name, towns):
    from rashomon.extract.places.within import names_inside
    from rashomon.ingest.parse import pipeline

    text = f"Police said the van was seen between {name} on Friday."
    doc = pipeline()(text)
    start = text.index(name)
    found = names_inside(doc, [(start, start + len(name))])
    assert [text[a:b] for a, b, _ in sorted(found)] == towns


def test_a_town_the_model_left_untagged_after_and_and_a_place_is_a_place():
    from rashomon.extract.places.within import untagged_places
    from rashomon.ingest.parse import pipeline

    text = "Tremors were felt near Tabriz and Marand, but no damage was reported."
    doc = pipeline()(text)
    doc.ents = [e for e in doc.ents if e.text != "Marand"]  # as the model leaves it at times
    assert (text.index("Marand"), text.index("Marand") + 6) in untagged_places(doc)
    doc.ents = []  # after "and" that follows no place, a name is no place ("Smith and Marand")
    assert (text.index("Marand"), text.index("Marand") + 6) not in untagged_places(doc)


def test_the_gazetteer_cache_keeps_what_another_version_may_be_reading_and_clears_what_is_left_over(tmp_path):
    import os
    import time

    from rashomon.extract.places import geonames

    now = time.time()
    files = {"gazetteer-v10-aaaa.sqlite": now, "gazetteer-v9-bbbb.sqlite": now - 8 * 86400,
             "gazetteer-v9-bbbb.lock": now - 8 * 86400, "gazetteer-v10-cccc.sqlite": now - 3600,
             "gazetteer-v10-aaaa.123.tmp": now - 2 * 3600, "gazetteer-v10-aaaa.456.tmp": now - 60}
    for name, written in files.items():
        (tmp_path / name).write_bytes(b"")
        os.utime(tmp_path / name, (written, written))
    geonames._clear_stale(tmp_path / "gazetteer-v10-aaaa.sqlite")
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "gazetteer-v10-aaaa.456.tmp",  # a build going on now
        "gazetteer-v10-aaaa.sqlite",
        "gazetteer-v10-cccc.sqlite",  # another installed version's, used an hour ago
    ]
