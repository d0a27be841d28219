"""The knowledge file: shipped default plus user files, found by any spelling of a name."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from rashomon.cli import app
from rashomon.errors import RashomonError
from rashomon.kb import load_kb

from .conftest import EXAMPLES

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
        "  - {id: my_pass, type: LOC, name: Panjdara pass, aliases: [Panj Dara Gorge],"
        " lat: 33.91, lon: 47.3, place_kind: pass}\n",
        encoding="utf-8",
    )
    kb = load_kb([user])
    assert kb.get("un").name == "The United Nations Organisation"
    assert kb.lookup("UN") is None or kb.lookup("UN").source == str(user)
    place = kb.lookup("Panj Dara Gorge")
    assert place.id == "my_pass" and place.place_kind == "pass"
    assert kb.lookup("Panjdara pass").lat == pytest.approx(33.91)
    assert kb.lookup("Panjdara pass").kb_id == "kb:my_pass"
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
    with pytest.raises(RashomonError, match=r"no_name\.yaml: entities\[0\]\.name: missing key"):
        load_kb([missing_name])
    with pytest.raises(RashomonError, match=r"absent\.yaml"):
        load_kb([tmp_path / "absent.yaml"])


def test_test_only_file_loads():
    kb = load_kb([DATA / "kermanshah_kb.yaml"])
    assert kb.lookup("Hassanabad pass").place_kind == "pass"


@pytest.mark.parametrize(("entry", "why"), [
    ("{id: p, type: LOC, name: Zard Pass, lat: N, lon: 46.8}", "entities[1].lat: expected a number, got text 'N'"),
    ("{id: p, type: LOC, name: Zard Pass, alias: [Zard]}", "entities[1].alias: unknown key (did you mean 'aliases'?)"),
    ("{id: p, type: PLACE, name: Zard Pass}", "entities[1].type: 'PLACE' is not one of PERSON, ORG"),
    ("{id: p, type: LOC, name: Zard Pass, lat: 134.2, lon: 46.8}", "entities[1].lat: 134.2 is outside -90 to 90"),
])
def test_a_bad_knowledge_file_is_a_one_line_usage_error(tmp_path, entry, why):
    mine = tmp_path / "mine.yaml"
    mine.write_text(f"entities:\n  - {{id: ok, type: ORG, name: Ok Group}}\n  - {entry}\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["analyze", str(EXAMPLES), "--kb", str(mine), "--db", str(tmp_path / "d.db")])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: [R101] {mine}: {why}"), result.output
    assert not (tmp_path / "d.db").exists()


def test_a_user_file_may_write_the_type_in_lower_case_and_leave_optional_keys_empty(tmp_path):
    mine = tmp_path / "mine.yaml"
    mine.write_text("entities:\n  - {id: 7, type: org, name: Seventh Group, wikidata: , aliases: }\n", encoding="utf-8")
    entity = load_kb([mine], default=False).lookup("Seventh Group")
    assert entity.id == "7" and entity.type == "ORG" and entity.wikidata is None and entity.aliases == ()
