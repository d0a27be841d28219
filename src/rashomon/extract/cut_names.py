"""Names the model cut short, ran into a people's adjective or a headline's verb, or typed against
their own words: "the Varnian Operation Dalir 7" tagged only up to "Operation" is the operation
"Operation Dalir 7" of Varnia's side; "Korrin Forest" taken for an organisation is a place; "Red
Crescent Condemns Killings" is the Red Crescent."""

from __future__ import annotations

import re
from functools import cache

from rashomon.data import load


@cache
def peoples() -> frozenset[str]:
    """The adjectives of nationality (data/demonyms.yaml)."""
    return frozenset(load("demonyms.yaml"))


def operation_cut(text: str, start: int, end: int, openers: frozenset[str]) -> tuple[int, int] | None:
    """"the Varnian Operation Dalir 7" tagged only up to "Operation" (one of `openers`, data/
    entities.yaml `event_openers`): the operation's whole name, without the words before it (its
    side's), or None for a name that is not cut so."""
    words = text[start:end].split()
    if len(words) < 2 or words[-1].lower() not in openers:
        return None
    rest = re.match(r"[ \t]+[A-Z0-9][\w’'-]*(?:[ \t]+(?:[A-Z][\w’'-]*|\d+\b))*", text[end:end + 60])
    return (end - len(words[-1]), end + rest.end()) if rest else None


@cache
def _natural_words() -> frozenset[str]:
    return frozenset(str(w).lower() for w in load("entities.yaml")["natural_place_words"])


def natural_place(name: str) -> bool:
    """Whether a name of two words or more ends in a word of a natural place ("Korrin Forest",
    "Lake Varzan Khan" does not; data/entities.yaml `natural_place_words`)."""
    words = name.split()
    return len(words) > 1 and words[-1].lower() in _natural_words()


@cache
def _ordinals() -> frozenset[str]:
    return frozenset(str(w).lower() for w in load("entities.yaml")["event_names"]["ordinals"])


def titles_only(name: str, titles: frozenset[str]) -> bool:
    """Whether a name is only ranks and titles, perhaps with an ordinal ("First Lieutenant",
    "Major-General"): no one's name (data/entities.yaml `titles`)."""
    words = [w.strip(".") for w in re.split(r"[\s-]+", name.lower()) if w]
    return bool(words) and all(w in titles or w in _ordinals() for w in words)


def counted_thing(text: str, start: int, surface: str) -> bool:
    """Whether a name the model found is a counted noun after its number, capitalised in a table or
    a heading ("200 Tanks destroyed", "12 Soldiers"): what was counted, no one's name."""
    from rashomon.extract.claims.words import listed  # the claims' word lists; their package reads names

    number = re.match(r"\d[\d,.]*[ \t]+", surface)
    word = surface[number.end():] if number else surface
    return " " not in word and bool(number or re.search(r"\d[\d,.]*[ \t]+$", text[max(0, start - 12):start])) and (
        listed(word))


@cache
def english(pos: str) -> frozenset[str]:
    """English words of a part of speech ("adj": "central", "rapid"; "noun": "navy", "army"),
    from the WordNet-derived lemma index that the English pipeline's lemmatizer ships; empty
    when the pipeline has none."""
    from rashomon.ingest.parse import pipeline

    nlp = pipeline()
    try:
        index = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
        return frozenset(index.get(nlp.vocab.strings[pos], ()))
    except (KeyError, ValueError):
        return frozenset()


def verb_cuts(name: str) -> list[int]:
    """Where a name the model ran into a headline's verb may end ("Velmoran Brotherhood Marks
    Anniversary", "Red Crescent Condemns Killings"): before each capitalised word after two words
    or more that is a verb's third person ("Marks", "Condemns") and has more words after it; the
    caller says whether the words before it are a name of their own."""
    verbs, out = english("verb"), []
    for word in re.finditer(r"(?<= )[A-Z][a-z]+s(?= [A-Z])", name):
        low = word.group().lower()
        if len(name[:word.start()].split()) >= 2 and any(
                stem in verbs for stem in (low[:-1], low[:-2] if low.endswith("es") else "")):
            out.append(word.start() - 1)
    return out


def headline_verb_cut(text: str, start: int, end: int) -> int | None:
    """Where an organisation's name run into a headline's verb ends (see `verb_cuts`): when the
    words before the verb are named on their own elsewhere in the text (not "Relief and Works
    Agency", "General Motors")."""
    for cut in verb_cuts(text[start:end]):
        alone = rf"\b{re.escape(text[start:start + cut])}\b(?! [A-Z])"  # not inside a longer name
        if any(not (start <= m.start() < end) for m in re.finditer(alone, text)):
            return start + cut
    return None
