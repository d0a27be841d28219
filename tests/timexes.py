"""What the time tests read from the tagger: each timex's value by its text, on plain text or on a parse."""

from __future__ import annotations

from rashomon.extract.time import find_timexes, tag


def values(text: str, published: str | None = None) -> dict[str, str | None]:
    return {t.text: t.value for t in tag(text, published)}


def one(text: str, published: str | None = None, which: str | None = None):
    found = [t for t in tag(text, published) if which is None or t.text == which]
    assert found, f"no timex {which!r} in {text!r}: {tag(text, published)}"
    return found[0]


def parsed(nlp, text: str, published: str) -> dict[str, str | None]:
    """Values as the pipeline finds them, on the spaCy parse of `text`."""
    return {t.text: t.value for t in find_timexes(nlp(text), (), published)}
