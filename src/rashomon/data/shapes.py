"""The shapes a data file's values may take, from which `schemas.py` declares each file.

A shape checks a parsed value and raises `Invalid` with the key path and what is wrong
("verbs.ASSAULT[3]: 'Attack' must be lower-case"), so that whoever edits a data file or a
knowledge file learns where and why, instead of meeting a KeyError deep in a stage. Shapes
only check: the value a file gives is the value the code reads.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

LOWER, UPPER = "lower", "upper"


class Invalid(ValueError):
    """A value that does not fit its shape: `where` is its key path in the file."""

    def __init__(self, where: str, problem: str):
        self.where, self.problem = where, problem
        super().__init__(f"{where}: {problem}" if where else problem)


def _kind(value: Any) -> str:
    """What a parsed YAML value is, in the words of a message."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"the boolean {value} (YAML reads yes, no, on, off so: quote the word)"
    if isinstance(value, str):
        return f"text {value!r}"
    if isinstance(value, int | float):
        return f"the number {value}"
    return {list: "a list", dict: "a mapping"}.get(type(value), type(value).__name__)


def _at(where: str, key: Any) -> str:
    return f"{where}[{key}]" if isinstance(key, int) else f"{where}.{key}" if where else str(key)


class Shape:
    """What one value must be; `check` raises Invalid naming `where` when it is not."""

    expected = "a value"

    def check(self, value: Any, where: str) -> None:
        raise NotImplementedError

    def _fail(self, value: Any, where: str) -> Invalid:
        return Invalid(where, f"expected {self.expected}, got {_kind(value)}")


@dataclass(frozen=True)
class Text(Shape):
    """A string, not empty unless `empty`; `case` demands lower or upper case (where the code
    compares folded text), `pattern` a form ("Q123", said in words by `form`), `choices` one of a
    few values (in any case if `any_case`: the code folds it)."""

    case: str | None = None
    pattern: str | None = None
    form: str = ""
    choices: tuple[str, ...] = ()
    any_case: bool = False
    empty: bool = False
    expected = "text"

    def check(self, value: Any, where: str) -> None:
        if not isinstance(value, str) or not (self.empty or value.strip()):
            raise self._fail(value, where)
        if self.case == LOWER and value != value.lower():
            raise Invalid(where, f"{value!r} must be lower-case (the code compares it with folded text)")
        if self.case == UPPER and value != value.upper():
            raise Invalid(where, f"{value!r} must be upper-case")
        if self.pattern and not re.fullmatch(self.pattern, value):
            raise Invalid(where, f"{value!r} is not {self.form or 'of the form ' + self.pattern}")
        if self.choices and (value.upper() if self.any_case else value) not in self.choices:
            raise Invalid(where, f"{value!r} is not one of {', '.join(self.choices)}")


@dataclass(frozen=True)
class Free(Shape):
    """Any value: one that the library it is handed to checks (spaCy's token patterns)."""

    def check(self, value: Any, where: str) -> None:
        return None


@dataclass(frozen=True)
class Regex(Shape):
    """A regular expression that compiles."""

    expected = "a regular expression (text)"

    def check(self, value: Any, where: str) -> None:
        if not isinstance(value, str) or not value:
            raise self._fail(value, where)
        try:
            re.compile(value)
        except re.error as err:
            raise Invalid(where, f"not a valid regular expression ({err})") from None


@dataclass(frozen=True)
class Number(Shape):
    """A number (a whole one if `whole`), optionally within [low, high]."""

    whole: bool = False
    low: float | None = None
    high: float | None = None

    @property
    def expected(self) -> str:
        return "a whole number" if self.whole else "a number"

    def check(self, value: Any, where: str) -> None:
        kinds = (int,) if self.whole else (int, float)
        if isinstance(value, bool) or not isinstance(value, kinds):
            raise self._fail(value, where)
        if (self.low is not None and value < self.low) or (self.high is not None and value > self.high):
            raise Invalid(where, f"{value} is outside {self.low} to {self.high}")


@dataclass(frozen=True)
class Either(Shape):
    """One of several shapes (a number or a word)."""

    shapes: tuple[Shape, ...]

    @property
    def expected(self) -> str:
        return " or ".join(s.expected for s in self.shapes)

    def check(self, value: Any, where: str) -> None:
        for shape in self.shapes:
            try:
                return shape.check(value, where)
            except Invalid:
                continue
        raise self._fail(value, where)


@dataclass(frozen=True)
class ListOf(Shape):
    """A list of items of one shape; `unique`: no item twice."""

    item: Shape
    unique: bool = False
    expected = "a list"

    def check(self, value: Any, where: str) -> None:
        if not isinstance(value, list):
            raise self._fail(value, where)
        seen: set[str] = set()
        for i, item in enumerate(value):
            self.item.check(item, _at(where, i))
            if self.unique:
                if repr(item) in seen:
                    raise Invalid(_at(where, i), f"{item!r} is listed twice")
                seen.add(repr(item))


@dataclass(frozen=True)
class Items(Shape):
    """A short list whose places hold different things ([unit, shift] or [unit, shift, part of
    day]): at least `least` of `items`, each of its place's shape."""

    items: tuple[Shape, ...]
    least: int | None = None

    @property
    def expected(self) -> str:
        least = len(self.items) if self.least is None else self.least
        counts = str(least) if least == len(self.items) else f"{least} to {len(self.items)}"
        return f"a list of {counts} values ({', '.join(s.expected for s in self.items)})"

    def check(self, value: Any, where: str) -> None:
        least = len(self.items) if self.least is None else self.least
        if not isinstance(value, list) or not least <= len(value) <= len(self.items):
            raise self._fail(value, where)
        for i, (item, shape) in enumerate(zip(value, self.items, strict=False)):
            shape.check(item, _at(where, i))


def Words(case: str | None = LOWER) -> ListOf:
    """A list of distinct words or phrases, lower-case unless `case` says otherwise."""
    return ListOf(Text(case), unique=True)


@dataclass(frozen=True)
class Table(Shape):
    """A mapping whose keys are the file's own words (each of shape `key`) to values of one shape."""

    value: Shape
    key: Text = field(default_factory=Text)
    expected = "a mapping"

    def check(self, value: Any, where: str) -> None:
        if not isinstance(value, Mapping):
            raise self._fail(value, where)
        for k, v in value.items():
            if not isinstance(k, str):
                raise Invalid(where, f"the key {k!r} must be text (quote it)")
            self.key.check(k, _at(where, k))
            self.value.check(v, _at(where, k))


@dataclass(frozen=True)
class Record(Shape):
    """A mapping with named keys: each in `fields` is required unless listed in `optional`;
    any other key is an error (a misspelt key would otherwise be ignored)."""

    fields: dict[str, Shape]
    optional: frozenset[str] = frozenset()
    expected = "a mapping"

    def check(self, value: Any, where: str) -> None:
        if not isinstance(value, Mapping):
            raise self._fail(value, where)
        for k in value:
            if k not in self.fields:
                close = difflib.get_close_matches(str(k), self.fields, n=1)
                hint = f" (did you mean {close[0]!r}?)" if close else f" (known keys: {', '.join(self.fields)})"
                raise Invalid(_at(where, k), f"unknown key{hint}")
        for k, shape in self.fields.items():
            if k in value and not (value[k] is None and k in self.optional):  # "wikidata:" left empty
                shape.check(value[k], _at(where, k))
            elif k not in self.optional:
                raise Invalid(_at(where, k), "missing key")
