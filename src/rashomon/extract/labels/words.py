"""The nouns of data/labels.yaml and the phrase helpers the label readers share."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Span, Token

from rashomon.data import load
from rashomon.records import Mention


@dataclass(frozen=True)
class Heads:
    """data/labels.yaml (its header says what each list holds)."""

    types_of: dict[str, frozenset[str]]  # head noun lemma -> the entity types it can describe
    member_nouns: frozenset[str]
    same_head_only: frozenset[str]
    same_head_only_nouns: frozenset[str]
    max_sentences_back: int
    country_nouns: frozenset[str]
    definite: frozenset[str]
    predicative_preps: frozenset[str]
    event_kinds: dict[str, str]  # event noun -> its group of near synonyms
    event_judgements: frozenset[str]
    casting_verbs: frozenset[str]
    happening_verbs: frozenset[str]
    pointing: frozenset[str]
    naming_verbs: frozenset[str]
    stance_prefixes: frozenset[str]
    name_nouns: frozenset[str]
    opposition_nouns: frozenset[str]
    alias_markers: frozenset[str]
    designation_nouns: frozenset[str]
    neutral_adjectives: frozenset[str]
    countering_verbs: frozenset[str]
    turning_verbs: frozenset[str]
    copulas: frozenset[str]
    among_words: frozenset[str]
    ruling_nouns: frozenset[str]
    ruling_organs: tuple[str, ...]  # in the file's order: the first keys a regime no organ names
    audience_verbs: frozenset[str]
    building_nouns: frozenset[str]
    media_words: frozenset[str]
    press_roles: frozenset[str]
    comparison_words: frozenset[str]
    epithets: frozenset[str]
    place_preps: frozenset[str]
    media_verbs: frozenset[str]
    ruling_heads: frozenset[str]
    armed_words: frozenset[str]
    force_nouns: frozenset[str]
    owning_pronouns: frozenset[str]
    unnamed_adjectives: frozenset[str]
    deed_judgements: frozenset[str]
    place_nouns: frozenset[str]
    party_verbs: frozenset[str]


@cache
def heads() -> Heads:
    data = load("labels.yaml")
    types_of: dict[str, set[str]] = {}
    for etype, nouns in data["heads"].items():
        for noun in nouns:
            types_of.setdefault(str(noun).lower(), set()).add(str(etype))
    lower = lambda key: frozenset(str(w).lower() for w in data[key])  # noqa: E731
    return Heads({k: frozenset(v) for k, v in types_of.items()}, lower("member_nouns"),
                 frozenset(str(t) for t in data["same_head_only"]), lower("same_head_only_nouns"),
                 int(data["max_sentences_back"]), lower("country_nouns"), lower("definite"), lower("predicative_preps"),
                 {str(w).lower(): str(group) for group, words in data["event_kinds"].items() for w in words},
                 lower("event_judgements"), lower("casting_verbs"), lower("happening_verbs"), lower("pointing"),
                 lower("naming_verbs"), lower("stance_prefixes"), lower("name_nouns"),
                 lower("opposition_nouns"), lower("alias_markers"),
                 lower("designation_nouns"), lower("neutral_adjectives"), lower("countering_verbs"),
                 lower("turning_verbs"), lower("copulas"), lower("among_words"),
                 lower("ruling_nouns"), tuple(str(w).lower() for w in data["ruling_organs"]),
                 lower("audience_verbs"), lower("building_nouns"),
                 lower("media_words"), lower("press_roles"), lower("comparison_words"),
                 lower("epithets"), lower("place_preps"),
                 lower("media_verbs"), lower("ruling_heads"), lower("armed_words"),
                 lower("force_nouns"), lower("owning_pronouns"), lower("unnamed_adjectives"),
                 lower("deed_judgements"), lower("place_nouns"),
                 lower("party_verbs"))


def types(token: Token) -> frozenset[str]:
    """Entity types a noun can describe (by lemma, then surface form; the last part of a hyphenated
    noun counts: "counter-offensive" -> offensive)."""
    h = heads()
    for form in (token.lemma_.lower(), token.lower_, token.lower_.rsplit("-", 1)[-1]):
        if form in h.types_of:
            return h.types_of[form]
    return frozenset()


def is_describing(token: Token) -> bool:
    """A common noun that can describe an actor ("group", "dictator"); a lower-case word the
    tagger took for a name ("the resistance army") counts too."""
    return token.pos_ in ("NOUN", "PROPN") and token.text[:1].islower() and bool(types(token))


def lemma(token: Token) -> str:
    return token.lemma_.lower().rsplit("-", 1)[-1]


def noun_of(token: Token) -> str:
    """A head noun as a description refers back by: its lemma, with the word a hyphen split from it
    ("counter-attack" is no "attack")."""
    doc = token.doc
    if token.i >= 2 and doc[token.i - 1].text == "-" and not doc[token.i - 1].whitespace_:
        return f"{doc[token.i - 2].lower_}-{lemma(token)}"
    return lemma(token)


def of_its_own(noun: Token) -> bool:
    """"Orsk, his counsel", "Dorvask as its residents": a noun owned by a third person's
    possessive names someone of the name's, not the name itself."""
    return any(c.dep_ == "poss" and c.lower_ in heads().owning_pronouns for c in noun.lefts)


def fits_kind(m: Mention, words: Span, judged: bool = False) -> bool:
    """Whether words can be a label of what the name is: an event's are words for events ("a
    series of executions" is no label of the massacre; "a crime against humanity" is), or, what a
    source says it was (`judged`), any word an adjective judges ("a pivotal moment")."""
    return m.type != "EVENT" or is_event_word(words.root) or "EVENT" in types(words.root) or (
        judged and any(c.dep_ == "amod" and c.pos_ == "ADJ" and c.lower_ not in heads().neutral_adjectives
                       for c in words.root.lefts))


def _event_forms(token: Token) -> tuple[str, ...]:
    return token.lemma_.lower(), token.lower_, lemma(token)


def is_event_word(token: Token) -> bool:
    """A noun that says what an event was ("tragedy", "crime", "offensive", "defensive action")."""
    h = heads()
    return token.pos_ in ("NOUN", "PROPN") and any(
        f in h.event_kinds or f in h.event_judgements for f in _event_forms(token))


def event_kind(token: Token) -> str | None:
    """The group of an event noun that says what kind of event it was ("offensive" -> operation);
    None for a judgement ("tragedy") or any other word."""
    return next((heads().event_kinds[f] for f in _event_forms(token) if f in heads().event_kinds), None)


def phrase(head: Token, stop: int | None = None) -> Span:
    """A noun with its modifiers on the left, without determiners or pronoun possessives."""
    first = head.left_edge.i if stop is None else max(head.left_edge.i, stop)
    doc = head.doc
    while first < head.i and (doc[first].dep_ in ("det", "punct", "case", "cc", "predet")
                              or (doc[first].dep_ == "poss" and doc[first].tag_ in ("PRP$", "WP$"))):
        first += 1
    return doc[first:head.i + 1]


def compared(doc: Doc, m: Mention) -> bool:
    """An event named to compare the account's own with ("has been compared to the 1960 massacre",
    "the worst since the 1976 uprising", "a new Guernica massacre"): the account is not about it,
    and "the massacre" after it does not refer to it (data/labels.yaml `comparison_words`)."""
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return False
    root, words = span.root, heads().comparison_words
    if any(c.dep_ in ("det", "amod") and c.lower_ in words for c in root.lefts):
        return True
    prep = root.head if root.dep_ == "pobj" else None
    return prep is not None and (prep.lower_ in words or (
        prep.head.lemma_.lower() in words and prep.lower_ in ("to", "with")))


def scare_quoted(words: Span) -> bool:
    """"both Tolarian soldiers and “counter-revolutionary mercenaries”": a describing phrase alone in
    quotation marks is someone's word for a party already named, with or without an article."""
    doc = words.doc
    return (words.start > 0 and words.end < len(doc) and doc[words.start - 1].is_quote
            and doc[words.end].is_quote)


def quote_opening(words: Span) -> int:
    """Where the quotation a description stands in opens (its sentence's quotation marks before it
    are odd in number), else 0: a description in a speaker's words refers to no one named outside
    them ("'It is good when the murderers confess,' Solidarity's leader said"); scare quotes
    around the description alone are no speaker's words."""
    marks = [t for t in words.sent if t.i < words.start and t.is_quote and t.text not in ("'s", "’s")]
    return marks[-1].idx if len(marks) % 2 and marks[-1].i != words.start - 1 else 0


def after_bracket(words: Span) -> Span:
    """A label's words after a bracket it closes ("(aka SEV, PSOV) terrorist group": "terrorist
    group"): the bracket holds other names, not the label."""
    close = [t.i for t in words if t.text == ")"]
    if close and words.text.count(")") > words.text.count("("):
        return words.doc[close[-1] + 1:words.end]
    return words
