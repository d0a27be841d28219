"""An outlet's home: several documents of one local paper name the towns around it without their
state, and its ambiguous names are read near there (the "local lexicon"); an outlet whose sure
places lie scattered has none. Through the whole pipeline, read back from the JSON export."""

from __future__ import annotations

import pytest
import yaml

from rashomon.extract.places import Toponym, estimate_places, km, resolve_places
from rashomon.extract.places.homes import Evidence, at_home, home, sure
from rashomon.extract.places.model import Home
from rashomon.extract.places.story import locate
from rashomon.records import Entity, Mention

from .conftest import export_of

HAMBURG_NY = (42.72, -78.83)  # the New York town, 10,000 people; Germany's city has 1.7 million
HAMBURG_GERMANY = (53.55, 10.0)

PAPER = {  # a weekly of western New York: its sure places (East Aurora, Orchard Park, ...) lie together
    "barn.txt": "Barn fire. A barn burned near East Aurora on Tuesday, the Orchard Park fire chief said.\n",
    "board.txt": "Commissioners meet. Lackawanna commissioners met in Cheektowaga to discuss road repairs.\n",
    "council.txt": "Council votes. The Hamburg city council voted on Monday to repave the main square.\n",
    "docks.txt": "Docks. Dock workers in Hamburg and Bremen walked out on Monday.\n",
}
WIRE = {  # an agency: its sure places lie far apart, so it has no home
    "storm.txt": "Storm. Hail fell on East Aurora and Orchard Park overnight, forecasters said.\n",
    "council.txt": "Council votes. The Hamburg city council voted on Monday to repave the main square.\n",
    "quake.txt": "Quake. A strong earthquake shook Kathmandu and Pokhara on Friday.\n",
    "floods.txt": "Floods. Rivers burst their banks in Mandalay and Bago.\n",
}


def _placed(tmp_path, articles: dict[str, str], publisher: str | None) -> dict[tuple[str, str], tuple[float, float]]:
    """(file, name) -> the point the export gives the entity of that mention; with no `publisher`,
    each article comes from an outlet of its own (no outlet has a home, the corpus may)."""
    folder = tmp_path / "articles"
    folder.mkdir()
    manifest = tmp_path / "sources.yaml"
    manifest.write_text(yaml.safe_dump({"sources": [{"file": f"articles/{n}", "publisher": publisher or f"Outlet {i}"}
                                                    for i, n in enumerate(articles)]}))
    export = export_of(folder, articles, sources=manifest)
    files = {d["id"]: d["file"].rsplit("/", 1)[-1] for d in export["documents"]}
    return {(files[m["doc"]], m["text"]): (e["lat"], e["lon"])
            for e in export["entities"] if e.get("lat") is not None for m in e["mentions"]}


def test_a_local_papers_town_named_alone_is_its_own_namesake(tmp_path):
    placed = _placed(tmp_path, PAPER, "Southtowns Ledger")
    assert km(*placed[("council.txt", "Hamburg")], *HAMBURG_NY) < 50


def test_a_story_that_places_the_name_elsewhere_keeps_it(tmp_path):
    placed = _placed(tmp_path, PAPER, "Southtowns Ledger")
    assert km(*placed[("docks.txt", "Hamburg")], *HAMBURG_GERMANY) < 50  # beside Bremen


@pytest.mark.parametrize(("text", "name", "home_point", "own", "country"), [
    ("The council of Hamburg met on Tuesday.", "Hamburg", (42.77, -78.74), (), "US"),  # home: Orchard Park
    ("The council of Hamburg met on Tuesday.", "Hamburg", None, (), "DE"),
    ("The council of Amsterdam met on Tuesday.", "Amsterdam", (42.95, -74.3), (), "NL"),  # beside Amsterdam, NY
    ("The council of Amsterdam met on Tuesday.", "Amsterdam", (42.95, -74.3), ("amsterdam",), "US"),  # its own
])
def test_a_name_readers_anywhere_know_is_read_at_home_only_when_it_is_the_outlets_own(
        text, name, home_point, own, country):
    """A national capital's name (as a country's) is the capital's wherever the outlet is read,
    the "global lexicon", unless the outlet names it in several documents and a place near its
    home bears it; any other name prefers its namesake near the home."""
    start = text.index(name)
    home_at = Home(*home_point, frozenset(own)) if home_point else None
    place = resolve_places([Toponym(name, start, start + len(name))], text, home=home_at)[name]
    assert place.country == country


def test_an_outlet_whose_sure_places_lie_scattered_has_no_home(tmp_path):
    placed = _placed(tmp_path, WIRE, "Wire Service")
    assert km(*placed[("council.txt", "Hamburg")], *HAMBURG_GERMANY) < 50


def test_documents_without_a_publisher_are_read_near_the_home_of_the_corpus_they_make(tmp_path):
    export = export_of(tmp_path, PAPER)
    files = {d["id"]: d["file"].rsplit("/", 1)[-1] for d in export["documents"]}
    hamburgs = {files[m["doc"]]: (e["lat"], e["lon"]) for e in export["entities"] for m in e["mentions"]
                if m["text"] == "Hamburg"}
    assert km(*hamburgs["council.txt"], *HAMBURG_NY) < 50  # the accounts' own region: western New York
    assert km(*hamburgs["docks.txt"], *HAMBURG_GERMANY) < 50  # beside Bremen


@pytest.mark.parametrize(("name", "point", "kind", "expected"), [
    ("Faulkton", (45.03, -99.12), "village", True),  # the only place so named
    ("Hamburg", HAMBURG_NY, "town", False),  # one of many
    ("Spink County", (44.94, -98.35), "admin2", True),
])
def test_a_sure_name_is_one_every_place_of_which_lies_together(name, point, kind, expected):
    assert sure(name, *point, kind) is expected


def _evidence(*documents, names=()) -> list[Evidence]:
    """Evidence of documents given their sure points (one list each) and the names each uses."""
    names = list(names) or [()] * len(documents)
    return [Evidence(frozenset(points), frozenset(n)) for points, n in zip(documents, names, strict=True)]


def test_a_home_needs_places_of_two_documents_near_it():
    near, far = (45.03, -99.12), (27.7, 85.3)
    found = home(_evidence([near], [(45.2, -98.9)], [far]))
    assert found is not None and (found.lat, found.lon) in {near, (45.2, -98.9)}
    assert home(_evidence([near, (45.2, -98.9)], [far])) is None  # one document alone makes no home
    assert home(_evidence([near], [far])) is None


def test_a_home_needs_half_the_documents_with_evidence():
    """A national paper names a few towns of one region among many elsewhere: no home."""
    region = [[(45.03, -99.12)], [(45.2, -98.9)]]
    elsewhere = [[(27.7, 85.3)], [(48.85, 2.35)], [(-33.9, 151.2)], [(35.7, 139.7)], [(19.4, -99.1)]]
    assert home(_evidence(*region, *elsewhere)) is None
    assert home(_evidence(*region, *elsewhere[:2])) is not None


def test_a_name_the_outlet_uses_again_and_again_says_where_it_is_read():
    """One sure place (Orchard Park), and "Hamburg" in three documents: a namesake of it lies near
    Orchard Park, so the outlet is read there; "Amsterdam" (a capital's name) says nothing."""
    orchard_park, kathmandu = (42.77, -78.74), (27.7, 85.3)
    names = [{"orchard park", "hamburg"}, {"hamburg"}, {"hamburg"}, set()]
    found = home(_evidence([orchard_park], [], [], [kathmandu], names=names))
    assert found is not None and (found.lat, found.lon) == orchard_park
    assert found.own == {"hamburg"}  # the outlet's own name: read near it even if readers anywhere knew one
    capital = [{"orchard park", "amsterdam"}, {"amsterdam"}, {"amsterdam"}, set()]
    assert home(_evidence([orchard_park], [], [], [kathmandu], names=capital)) is None


def test_accounts_of_one_region_from_many_outlets_read_a_name_alone_there(tmp_path):
    articles = {name: text for name, text in PAPER.items() if name != "docks.txt"}
    placed = _placed(tmp_path, articles, None)  # the corpus's own home: western New York
    assert km(*placed[("council.txt", "Hamburg")], *HAMBURG_NY) < 50


def test_accounts_of_places_far_apart_give_the_corpus_no_home(tmp_path):
    placed = _placed(tmp_path, WIRE, None)
    assert km(*placed[("council.txt", "Hamburg")], *HAMBURG_GERMANY) < 50


def _provinces(*documents, named_in=None) -> list[Evidence]:
    """Evidence of documents given the provinces each names places in (no sure place) and, in
    `named_in`, the (name, province) pairs each places."""
    named_in = named_in or [()] * len(documents)
    return [Evidence(frozenset(), frozenset(n for n, _ in named), frozenset(provinces), (), frozenset(named))
            for provinces, named in zip(documents, named_in, strict=True)]


def test_an_outlet_whose_documents_name_places_of_one_province_is_read_there():
    """No sure place lies near another (a rural county's towns lie far apart), but most documents
    name places in one province: the outlet's home is that province; an agency's lie in many."""
    nebraska, iowa = ("US", "NE"), ("US", "IA")
    found = home(_provinces({nebraska}, {nebraska, iowa}, {nebraska}, {("FR", "11")}))
    assert found is not None and found.province == nebraska and found.lat is None
    assert home(_provinces({nebraska}, {iowa}, {("FR", "11")}, {("NP", "3")})) is None
    assert home(_provinces({nebraska, iowa}, {nebraska, iowa})) is None  # no province named more often


def test_a_home_point_outside_the_outlets_province_is_dropped():
    """A big city named with no doubt in most documents ("New York City" in a paper of Missouri's
    national news) is not where the outlet is read when most documents name places of Missouri."""
    missouri, new_york_city = ("US", "MO"), (40.71, -74.01)
    documents = [Evidence(frozenset({new_york_city}), frozenset(), frozenset({missouri}),
                          ((new_york_city, ("US", "NY")),)) for _ in range(3)]
    found = home(documents)
    assert found is not None and found.province == missouri and found.lat is None


def test_a_name_placed_in_the_province_in_two_documents_is_the_outlets_own():
    ohio = ("US", "OH")
    named = [{("dublin", ohio)}, {("dublin", ohio)}, {("dublin", ("IE", "L"))}]
    assert home(_provinces({ohio}, {ohio}, {ohio}, named_in=named)).own == {"dublin"}
    once = [{("dublin", ohio)}, set(), {("dublin", ("IE", "L"))}]
    assert home(_provinces({ohio}, {ohio}, {ohio}, named_in=once)).own == frozenset()


@pytest.mark.parametrize(("province", "country", "admin1"), [(("US", "MO"), "US", "MO"), (None, "US", "NE")])
def test_a_name_alone_is_read_in_the_outlets_province(province, country, admin1):
    text = "The Kearney city council met on Tuesday."
    start = text.index("Kearney")
    home_at = Home(None, None, frozenset(), province) if province else None
    place = resolve_places([Toponym("Kearney", start, start + 7)], text, home=home_at)["Kearney"]
    assert (place.country, place.admin1) == (country, admin1)


def test_a_province_named_in_a_local_paper_is_that_province_not_a_town_named_after_it():
    """"Nevada" in a paper of Missouri that also names Missouri is the state, not Nevada, Missouri."""
    text = "The bill was debated by lawmakers in Nevada and in Missouri."
    toponyms = [Toponym(n, text.index(n), text.index(n) + len(n)) for n in ("Nevada", "Missouri")]
    place = resolve_places(toponyms, text, home=Home(None, None, frozenset(), ("US", "MO")))["Nevada"]
    assert (place.admin1, place.place_kind) == ("NV", "admin1")


def test_a_place_estimated_beside_a_name_moved_home_follows_it():
    """"The Cowan Creek, 20 km west of Kearney": estimated from Kearney, Nebraska on a first
    reading; in a paper of Missouri, Kearney is Missouri's, and the creek is estimated again there."""
    text = "Fishing resumed on the Cowan Creek, 20 km west of Kearney, on Saturday."
    town, creek = text.index("Kearney"), text.index("Cowan Creek")
    mentions = [Mention(town, town + 7, "Kearney", "GPE", "kearney"),
                Mention(creek, creek + 11, "Cowan Creek", "LOC", "creek")]
    entities = [Entity("kearney", "GPE", "Kearney"), Entity("creek", "LOC", "Cowan Creek")]
    first = estimate_places(list(locate(entities, mentions, text)[0]), mentions, text)
    placed = {e.id: e for e in first}
    assert placed["kearney"].lat is not None and placed["creek"].radius_km is not None
    moved = {e.id: e for e in at_home(first, mentions, text, Home(None, None, frozenset(), ("US", "MO")))}
    kearney = (moved["kearney"].lat, moved["kearney"].lon)
    assert km(*kearney, placed["kearney"].lat, placed["kearney"].lon) > 200
    assert 10 < km(moved["creek"].lat, moved["creek"].lon, *kearney) < 40
