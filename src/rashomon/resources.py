"""Access to the knowledge files shipped in `rashomon/data/` (read once, then cached)."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml


@cache
def load_yaml(name: str) -> Any:
    """The parsed content of data file `name` (e.g. "structure.yaml")."""
    return yaml.safe_load(resources.files("rashomon").joinpath("data", name).read_text(encoding="utf-8"))


def read_text(name: str) -> str:
    """The text of a packaged file, path relative to the package (e.g. "schema.sql")."""
    return resources.files("rashomon").joinpath(name).read_text(encoding="utf-8")
