"""Quotes and reported speech: on whose word a statement rests.

Direct quotes are the stretches between quotation marks, paragraphs set off after a colon, and
the lines of an interview or a transcript ("Question: ...", "Harwick: ..."), each with its speaker
(direct.py, interviews.py). Reported speech is the clause or object of a reporting verb or noun
("predicting the capture of Korsk", "the claim that ...", "according to X", reported.py). Who
speaks is read by speakers.py: a name, a title that names a person ("said the President"), what
carries the words ("a Korsk Radio broadcast"), or an unnamed source ("military analysts"). Word
lists live in data/quotes.yaml.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from rashomon.extract.quotes.direct import Page, direct_quotes
from rashomon.extract.quotes.interviews import interview_lines, line_quotes
from rashomon.extract.quotes.marks import quoted_spans
from rashomon.extract.quotes.reported import reported_speech
from rashomon.extract.quotes.speakers import Speakers
from rashomon.ingest.parse import text_of
from rashomon.records import Mention, Quote, Segment

__all__ = ["find_quotes", "quoted_spans"]


def find_quotes(doc: Doc, segments: Sequence[Segment], mentions: Sequence[Mention]) -> list[Quote]:
    """Direct quotes and reported speech in the non-boilerplate segments, in text order.

    `doc` is the spaCy Doc of the whole stored text; `mentions` give speakers their entity keys.
    Reported speech that falls inside a direct quote is left to the direct quote; one that holds a
    quoted phrase ("said the attack was “a crime”") keeps both.
    """
    found: list[Quote] = []
    sentence_starts = [s.start for s in doc.sents]  # once: Token.sent rescans the whole Doc
    text = text_of(doc)  # and Doc.text joins every token
    speakers = Speakers(doc, mentions, sentence_starts)
    for seg in segments:
        if seg.kind == "boilerplate":
            continue
        page = Page(doc, text, seg, speakers, sentence_starts)
        lines = interview_lines(page)
        page.lines = [(a, b, s) for a, b, s, _ in lines]
        direct, verbs = direct_quotes(page)
        direct += [q for q in line_quotes(page, lines) if not any(d.start <= q.start and q.end <= d.end
                                                                   for d in direct)]
        reported = [q for q in reported_speech(page, verbs)
                    if not any(d.start <= q.start and q.end <= d.end and d.direct for d in direct)]
        found += direct + reported
    return sorted(found, key=lambda q: (q.start, q.end))
