"""Finding place names in a parsed document: the model's places, widened over Persian ezafe
compounds, and names it tagged otherwise or not at all that a cue word, an ezafe or a feature
word marks as places."""

from __future__ import annotations

import re

from rashomon.extract.places.geonames import gazetteer
from rashomon.extract.places.lookup import demonym, division_demonym, notable
from rashomon.extract.places.model import DIVISIONS, SETTLEMENTS, Toponym
from rashomon.extract.places.rules import fold, rules
from rashomon.extract.places.within import datelines, places_in_name
from rashomon.ingest.parse import text_of
from rashomon.kb import KnowledgeBase
from rashomon.records import PLACE_TYPES

_OTHER_LABELS = frozenset({"PERSON", "ORG", "PRODUCT", "WORK_OF_ART"})
_EZAFE_BEFORE = re.compile(r"([A-Z][\w’']*)-(?:e|ye|i)[ -]$")
_EZAFE_AFTER = re.compile(r"^-(?:e|ye|i)[ -][A-Z][\w’']*")
_EZAFE_NAME = re.compile(r"\b[A-Z][\w’']*(?:-(?:e|ye)[ -][A-Z][\w’']*)+")
_FEATURE_NAME = re.compile(r"\b([A-Z][a-z][\w’'-]*(?: [A-Z][\w’'-]+)*) ([A-Za-z]+)\b")


def _ezafe_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a span over a Persian ezafe compound: "Sharq" in "Kalan-e Sharq" becomes the whole."""
    before = _EZAFE_BEFORE.search(text[max(0, start - 40) : start])
    if before:
        start -= len(before.group(0))
    after = _EZAFE_AFTER.match(text[end : end + 40])
    if after:
        end += len(after.group(0))
    return start, end


def find_toponyms(doc, kb: KnowledgeBase | None = None, *, news: bool = False) -> list[Toponym]:
    """Place names in a spaCy Doc, in document order, never overlapping.

    Always: GPE, LOC and FAC entities widened over ezafe compounds; names tagged otherwise
    (or not at all) after a cue word ("captured Kelend", "towards Dalvan") and ezafe
    compounds ("Darpol-e Navar") when the gazetteer or the knowledge file holds them;
    capitalised names before a feature word ("Morvabad pass", "Tarvand River"), kept even
    when they cannot be placed.

    `news=True` follows the convention of geoparsing corpora (LGL, TR-News), which also
    count as toponyms country adjectives ("Tolarian"), a town's name at the head of an
    organisation's ("Gainesville Police Department"), names the tagger took for a person
    or an organisation when the gazetteer holds them as a notable place, and datelines in
    capitals ("MANSFIELD --").
    """
    text, gaz, known_words = text_of(doc), gazetteer(), rules()

    def known(start: int, end: int) -> bool:
        name = text[start:end]
        if gaz.by_exact.get(fold(name)):
            return True
        return kb is not None and any(e.lat is not None for e in kb.candidates(name))

    spans: set[tuple[int, int]] = set()
    for ent in doc.ents:
        start, end = _ezafe_span(text, ent.start_char, ent.end_char)
        if ent.label_ in PLACE_TYPES:
            spans.add((start, end))
        elif ent.label_ in _OTHER_LABELS and not ent.text.isupper():
            cued = ent.start > 0 and doc[ent.start - 1].lower_ in known_words.cues
            if (cued and known(start, end)) or (news and notable(ent.text)):
                spans.add((start, end))
            elif news and ent.label_ == "ORG":
                spans |= places_in_name(ent, gaz)
        elif news and ent.label_ == "NORP" and (demonym(ent.text, gaz) or division_demonym(ent.text, gaz)
                                                 or known(start, end)):
            spans.add((start, end))
    for token in doc:  # proper nouns spaCy left untagged
        if token.ent_type_ or token.pos_ != "PROPN" or token.i == 0:
            continue
        start, end = _ezafe_span(text, token.idx, token.idx + len(token.text))
        cued = doc[token.i - 1].lower_ in known_words.cues and known(start, end)
        if cued or (news and not token.is_sent_start and notable(token.text, 20_000)):
            spans.add((start, end))
    if news:
        spans |= set(datelines(text))
    for match in _EZAFE_NAME.finditer(text):
        if known(match.start(), match.end()):
            spans.add((match.start(), match.end()))
    for match in _FEATURE_NAME.finditer(text):
        word = match.group(2).lower()
        if word not in known_words.features or known_words.features[word] in DIVISIONS + SETTLEMENTS:
            continue
        if known(match.start(), match.end()) or not (
            known(*match.span(1)) or fold(match.group(1)) in known_words.cues
        ):
            spans.add((match.start(), match.end()))  # "Tarvand River"; but "Kalan-e Sharq road" is the town's
    out: list[Toponym] = []
    for start, end in sorted(spans, key=lambda s: (s[0], -s[1])):
        if out and start < out[-1].end:
            continue  # overlapping: keep the first, longest
        out.append(Toponym(text[start:end], start, end))
    return out
