"""The word lists of data/quotes.yaml, read once."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from rashomon.data import load


@dataclass(frozen=True)
class Words:
    """The word lists of data/quotes.yaml (its header says what each holds)."""

    clause_verbs: frozenset[str]
    object_verbs: frozenset[str]
    quote_verbs: frozenset[str]
    reporting_nouns: frozenset[str]
    unnamed_sources: frozenset[str]
    partitive_heads: frozenset[str]
    naming_words: frozenset[str]
    min_quote_words: int
    min_clause_words: int
    person_pronouns: frozenset[str]
    thing_pronouns: frozenset[str]
    speaking_pronouns: frozenset[str]
    pronoun_sentences_back: int
    roles: frozenset[str]
    carrier_nouns: frozenset[str]
    question_labels: frozenset[str]
    answer_labels: frozenset[str]
    interview_words: frozenset[str]
    framing_verbs: frozenset[str]


@cache
def words() -> Words:
    data = load("quotes.yaml")
    lower = lambda key: frozenset(str(w).lower() for w in data[key])  # noqa: E731
    return Words(
        clause_verbs=lower("clause_verbs"), object_verbs=lower("object_verbs"),
        quote_verbs=lower("quote_verbs") | lower("clause_verbs") | lower("object_verbs"),
        reporting_nouns=lower("reporting_nouns"), unnamed_sources=lower("unnamed_sources"),
        partitive_heads=lower("partitive_heads"),
        naming_words=lower("naming_words"), min_quote_words=int(data["min_quote_words"]),
        min_clause_words=int(data["min_clause_words"]),
        person_pronouns=lower("person_pronouns"), thing_pronouns=lower("thing_pronouns"),
        speaking_pronouns=lower("speaking_pronouns"), pronoun_sentences_back=int(data["pronoun_sentences_back"]),
        roles=lower("roles"), carrier_nouns=lower("carrier_nouns"), question_labels=lower("question_labels"),
        answer_labels=lower("answer_labels"), interview_words=lower("interview_words"),
        framing_verbs=lower("framing_verbs"))
