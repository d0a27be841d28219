"""The knowledge files: each has a header saying its format, and YAML reads them as written
(a bare on, off, yes, no or y in a word list would silently become a boolean)."""

from __future__ import annotations

from importlib import resources

import pytest
import yaml

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
