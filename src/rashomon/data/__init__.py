"""The knowledge shipped in this folder, read one way.

`load(name)` parses a data file once per process and checks it against its schema
(`schemas.py`): a file edited into a shape the code cannot read fails at once, naming the file,
the key and what is wrong (R023), instead of failing as a KeyError deep in a stage. `parse`
checks a user's file of the same kind (a `--kb` knowledge file, a framing lexicon) against the
same schema, under the user's reason code (R101). `text` and `file` give the files no schema
describes (gazetteer tables, the framing model, the base map) as they are.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

import yaml

from rashomon.data.schemas import SCHEMAS
from rashomon.data.shapes import Invalid
from rashomon.errors import INVALID_DATA_FILE, RashomonError


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml's parser where PyYAML has it
    """YAML's safe loader, except that a key given twice in one mapping is an error (YAML would
    keep the last one silently: an entry added twice by hand loses the first)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if isinstance(key, str | int | float) and key in seen:
                raise Invalid(f"line {key_node.start_mark.line + 1}", f"the key {key!r} is given twice")
            seen.add(key)
        return super().construct_mapping(node, deep)


def file(name: str) -> Traversable:
    """Data file `name` of the installed package."""
    return resources.files("rashomon").joinpath("data", name)


def text(name: str) -> str:
    """The text of data file `name`, for files no schema describes (TSV tables, JSON)."""
    return file(name).read_text(encoding="utf-8")


def parse(content: str, schema: str, where: str, code: str = INVALID_DATA_FILE) -> Any:
    """The content of a file of the kind `schema` names ("kb.yaml"), checked against that schema;
    RashomonError `code` naming `where`, the key and what is wrong when it does not fit."""
    shape = SCHEMAS[schema]
    try:
        if schema.endswith(".jsonl"):  # one record a line; lines opening with // are comments
            lines = [(n, line) for n, line in enumerate(content.splitlines(), 1)
                     if line.strip() and not line.startswith("//")]
            records = []
            for n, line in lines:
                records.append(_json_line(line, n))
                shape.check(records[-1], f"line {n}")
            return records
        value = yaml.load(content, Loader=_Loader)
        value = {} if value is None else value  # an empty file: every key missing, or nothing listed
        shape.check(value, "")
        return value
    except yaml.YAMLError as err:
        raise RashomonError(code, f"{where}: not valid YAML ({' '.join(str(err).split())})") from None
    except Invalid as err:
        raise RashomonError(code, f"{where}: {err}") from None


def _json_line(line: str, n: int) -> Any:
    try:
        return json.loads(line)
    except json.JSONDecodeError as err:
        raise Invalid(f"line {n}", f"not valid JSON ({err.msg})") from None


@cache
def load(name: str) -> Any:
    """The parsed content of shipped data file `name` ("events.yaml"), checked against its schema;
    read once per process."""
    return parse(text(name), name, str(file(name)))


def check_all() -> None:
    """Load every shipped data file that has a schema: an edited file that does not fit is said
    before any work."""
    for name in SCHEMAS:
        load(name)
