"""The knowledge file: shipped default plus user files, found by any spelling of a name."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from rashomon.errors import RashomonError
from rashomon.kb import load_kb

DATA = Path(__file__).parent / "data"


def test_default_names_the_un_by_every_usual_name():
    kb = load_kb()
    for name in ("United Nations", "UN", "U.N.", "the UN"):
        entity = kb.lookup(name)
        assert entity is not None and entity.id == "un", name
    assert kb.lookup("UN").kb_id == "Q1065"


def test_group_found_under_acronyms_and_transliterations():
    kb = load_kb()
    for name in ("MEK", "MKO", "PMOI", "Mujahedin-e Khalq", "Mojahedin-e Khalq", "Mujahideen-e Khalq"):
        entity = kb.lookup(name, "ORG")
        assert entity is not None and entity.id == "mek", name


def test_type_must_fit():
    kb = load_kb()
    assert kb.lookup("Hezbollah", "ORG").id == "hezbollah"
    assert kb.lookup("Hezbollah", "PERSON") is None


def test_default_entries_are_well_formed():
    raw = yaml.safe_load((Path(__file__).parents[1] / "src/rashomon/data/kb.yaml").read_text("utf-8"))
    ids = [e["id"] for e in raw["entities"]]
    assert len(ids) == len(set(ids))
    kb = load_kb()
    assert len(kb) == len(ids)
    for entity in kb.entities:
        assert entity.wikidata is None or re.fullmatch(r"Q\d+", entity.wikidata), entity
        assert (entity.lat is None) == (entity.lon is None), entity
        if entity.lat is not None:
            assert -90 <= entity.lat <= 90 and -180 <= entity.lon <= 180, entity


def test_user_file_adds_places_and_overrides_by_id(tmp_path):
    user = tmp_path / "mine.yaml"
    user.write_text(
        "entities:\n"
        "  - {id: un, type: ORG, name: The United Nations Organisation, aliases: [UNO]}\n"
        "  - {id: my_pass, type: LOC, name: Chaharzebar pass, aliases: [Chahar Zaber Gorge],"
        " lat: 34.22, lon: 46.8, place_kind: pass}\n",
        encoding="utf-8",
    )
    kb = load_kb([user])
    assert kb.get("un").name == "The United Nations Organisation"
    assert kb.lookup("UN") is None or kb.lookup("UN").source == str(user)
    place = kb.lookup("Chahar Zaber Gorge")
    assert place.id == "my_pass" and place.place_kind == "pass"
    assert kb.lookup("Chaharzebar pass").lat == pytest.approx(34.22)
    assert kb.lookup("Chaharzebar pass").kb_id == "kb:my_pass"
    assert place in kb.places()


def test_user_entry_wins_a_tie_with_the_default(tmp_path):
    user = tmp_path / "mine.yaml"
    user.write_text("entities:\n  - {id: un_band, type: ORG, name: UN, aliases: [U.N.]}\n", encoding="utf-8")
    assert load_kb([user]).lookup("UN").id == "un_band"


def test_bad_user_files_name_the_file(tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("entities: [ {id: x, type: ORG", encoding="utf-8")
    with pytest.raises(RashomonError) as err:
        load_kb([broken])
    assert err.value.code == "R101" and "broken.yaml" in str(err.value)
    missing_name = tmp_path / "no_name.yaml"
    missing_name.write_text("entities:\n  - {id: x, type: ORG}\n", encoding="utf-8")
    with pytest.raises(RashomonError, match=r"no_name\.yaml"):
        load_kb([missing_name])
    with pytest.raises(RashomonError, match=r"absent\.yaml"):
        load_kb([tmp_path / "absent.yaml"])


def test_test_only_file_loads():
    kb = load_kb([DATA / "kermanshah_kb.yaml"])
    assert kb.lookup("Hassanabad pass").place_kind == "pass"
