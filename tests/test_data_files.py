"""The knowledge files: each has a header saying its format and fits its schema (data/schemas.py);
a file edited out of shape is said in one line naming the file, the key and what is wrong, for
the shipped files (R023) as for the user's knowledge file (R101)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from importlib import resources

import pytest
import yaml

from rashomon import data
from rashomon.data.schemas import SCHEMAS
from rashomon.errors import RashomonError

from .conftest import ROOT

DATA = resources.files("rashomon").joinpath("data")
YAML_FILES = sorted(p.name for p in DATA.iterdir() if p.name.endswith(".yaml"))


def booleans(value, path="") -> list[str]:
    if isinstance(value, bool):
        return [path]
    if isinstance(value, dict):
        return [b for k, v in value.items() for b in booleans(k, path) + booleans(v, f"{path}/{k}")]
    if isinstance(value, list):
        return [b for v in value for b in booleans(v, path)]
    return []


@pytest.mark.parametrize("name", YAML_FILES)
def test_data_file_has_a_header_and_no_accidental_booleans(name):
    text = DATA.joinpath(name).read_text(encoding="utf-8")
    assert text.startswith("#"), f"{name} must open with a comment saying its format and sources"
    assert booleans(yaml.safe_load(text)) == [], f"{name}: quote the words YAML reads as booleans"


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_every_shipped_data_file_fits_its_schema(name):
    assert data.load(name)


def test_every_yaml_data_file_has_a_schema():
    assert set(YAML_FILES) <= set(SCHEMAS)


def edited(name: str, change) -> str:
    """The text of shipped data file `name` after `change` edits its parsed content."""
    content = yaml.safe_load(DATA.joinpath(name).read_text(encoding="utf-8"))
    change(content)
    return yaml.safe_dump(content, allow_unicode=True)


def fault(text: str, schema: str) -> str:
    with pytest.raises(RashomonError) as err:
        data.parse(text, schema, f"my-{schema}")
    assert err.value.code == "R023"
    return str(err.value)


def test_a_value_of_the_wrong_type_is_named_by_file_and_key():
    text = edited("events.yaml", lambda d: d.update(place_reference_sentences="three"))
    assert fault(text, "events.yaml") == (
        "[R023] my-events.yaml: place_reference_sentences: expected a whole number, got text 'three'")
    text = edited("events.yaml", lambda d: d["verbs"]["ASSAULT"].append(12))
    assert "my-events.yaml: verbs.ASSAULT[" in fault(text, "events.yaml")


def test_an_unknown_key_is_named_with_the_key_it_may_be_meant_for():
    text = edited("quotes.yaml", lambda d: d.update(quote_verb=["utter"]))
    assert fault(text, "quotes.yaml") == "[R023] my-quotes.yaml: quote_verb: unknown key (did you mean 'quote_verbs'?)"


def test_a_missing_key_is_named():
    text = edited("claims.yaml", lambda d: d.pop("figure_nouns"))
    assert fault(text, "claims.yaml") == "[R023] my-claims.yaml: figure_nouns: missing key"
    text = edited("places.yaml", lambda d: d["estimates"].pop("near_km"))
    assert fault(text, "places.yaml") == "[R023] my-places.yaml: estimates.near_km: missing key"


def test_words_the_code_folds_must_be_lower_case_and_listed_once():
    text = edited("labels.yaml", lambda d: d["member_nouns"].append("Member"))
    assert "member_nouns[" in fault(text, "labels.yaml") and "'Member' must be lower-case" in fault(text, "labels.yaml")
    text = edited("labels.yaml", lambda d: d["member_nouns"].append(d["member_nouns"][0]))
    assert "is listed twice" in fault(text, "labels.yaml")


def test_a_key_given_twice_is_an_error_not_a_silent_overwrite():
    text = DATA.joinpath("demonyms.yaml").read_text(encoding="utf-8") + "Afghan: Pakistan\n"
    message = fault(text, "demonyms.yaml")
    assert "my-demonyms.yaml: line " in message and "'Afghan' is given twice" in message


def test_a_pattern_that_does_not_compile_is_named():
    text = edited("structure.yaml", lambda d: d.update(page_number="^(page"))
    assert "my-structure.yaml: page_number: not a valid regular expression" in fault(text, "structure.yaml")


def test_an_edited_shipped_file_stops_analyze_in_one_line(tmp_path):
    """A user who edits a data file of the installed package learns what is wrong before any work."""
    package = tmp_path / "src" / "rashomon"
    shutil.copytree(ROOT / "src" / "rashomon", package, ignore=shutil.ignore_patterns("__pycache__"))
    events = package / "data" / "events.yaml"
    events.write_text(events.read_text(encoding="utf-8").replace("weapons:", "weapon:"), encoding="utf-8")
    (tmp_path / "a.txt").write_text("Rebels attacked the town of Kidal on 3 May 2012.\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "rashomon.cli", "analyze", str(tmp_path / "a.txt"),
                          "--db", str(tmp_path / "d.db")], capture_output=True, text=True,
                         env={"PYTHONPATH": str(tmp_path / "src"), "PATH": "/usr/bin:/bin", "COLUMNS": "500"})
    assert run.returncode == 2, run.stderr
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in run.stderr
    assert "[R023]" in lines[0] and "events.yaml: weapon: unknown key (did you mean 'weapons'?)" in lines[0]
    assert not (tmp_path / "d.db").exists()


def test_the_files_name_only_what_the_others_define():
    """A type or unit one file names and another defines, misspelt, would never match: none is."""
    events = data.load("events.yaml")
    types = {*events["verbs"], *events["nouns"], *events["passive_types"]}
    compare = data.load("compare.yaml")
    assert {*compare["material_actions"], *compare["once_actions"], *events["place_object_types"],
            *events["clause_target_types"], events["named_event_type"], events["crossing"]["type"]} <= types
    units = data.load("quantities.yaml")["units"]
    assert set(data.load("quantities.yaml")["time_units"]) <= set(units) and set(compare["conversions"]) <= set(units)
