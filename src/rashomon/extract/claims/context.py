"""One document as the claim readers see it: its parse and records indexed, and whose word a
statement is on (its voice)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from rashomon.extract.claims.words import words
from rashomon.extract.reader import Reader
from rashomon.ingest.parse import text_of
from rashomon.records import Citation, Label, Mention, Quote, Segment, Timex

SPEAKER_TYPES = ("PERSON", "ORG", "GPE", "NORP")


@dataclass(frozen=True)
class Voice:
    """Who a statement is given by: the document, a quote, post or cited work by its index, or a
    party the document attributes it to (its key when named, its words)."""

    kind: str = "document"
    index: int | None = None
    key: str | None = None
    text: str | None = None


class Context:
    """One document's parse, its records indexed, and the helpers every kind of claim needs."""

    def __init__(self, doc: Doc, segments: Sequence[Segment], mentions: Sequence[Mention], labels: Sequence[Label],
                 timexes: Sequence[Timex], quotes: Sequence[Quote], citations: Sequence[Citation],
                 place_keys: frozenset[str], published: str | None):
        self.doc, self.text, self.lex = doc, text_of(doc), words()
        self.reader = Reader(doc, mentions, labels, timexes, place_keys)
        self.segments, self.timexes, self.quotes, self.citations = segments, timexes, quotes, citations
        self.blocked = [(s.start, s.end) for s in segments if s.kind == "boilerplate"]
        self.published = published

    def blocked_at(self, offset: int) -> bool:
        return any(a <= offset < b for a, b in self.blocked)

    def sentence(self, token: Token) -> Span:
        first, last = self.reader.sentence_of[token.i]
        return self.doc[first:last]

    # ------------------------------------------------------------ whose word

    def voice(self, start: int, end: int, token: Token | None) -> Voice:
        """Who gives what stands at text[start:end]: a post, quote or cited work that holds it, a
        party the sentence attributes it to, else the document."""
        for n, seg in enumerate(self.segments):
            if seg.kind == "embedded_post" and seg.start <= start < seg.end:
                return Voice("embedded_post", n, None, seg.author)
        if token is not None and (figure := self.figure_of(token)) is not None:
            return figure
        inside = [(n, q) for n, q in enumerate(self.quotes) if q.start <= start and end <= q.end]
        if inside:
            n, q = min(inside, key=lambda nq: nq[1].end - nq[1].start)
            return Voice("quote", n, q.speaker_key, q.speaker_text)
        for n, c in enumerate(self.citations):
            if c.start <= start < c.end:
                return Voice("citation", n, None, c.title)
        return self.attributed(start, end, token) or self.speaker_tag(start) or Voice()

    def speaker_tag(self, start: int) -> Voice | None:
        """The speaker a transcript or an interview names before the words ("Harwick: The plane was
        tracked at ..."), on the same line and in the same sentence or the one before."""
        line_start = self.text.rfind("\n", 0, start) + 1
        tags = list(re.finditer(r"(?:^|(?<=[.!?”\"]\s))([A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,3}):\s",
                                self.text[line_start:start]))
        if not tags:
            return None
        m = tags[-1]
        who = self.party_in(line_start + m.start(1), line_start + m.end(1))
        return Voice("attributed", None, who, m[1]) if who is not None else None

    def attributed(self, start: int, end: int, token: Token | None) -> Voice | None:
        """A party the sentence gives the statement on: "(Varnian claim)" or ", the official count
        of X" after it, "according to X", or the subject of a verb of saying, claiming or
        estimating that governs it."""
        line_end = self.text.find("\n", end)
        after = self.text[end:min(end + 60, line_end if line_end >= 0 else len(self.text))]
        if (m := re.match(r"[^()\n.;]{0,40}?\(([^()\n]{2,80})\)", after)) and not re.match(
                rf"(?:{'|'.join(map(re.escape, self.lex.inclusion_words))})\b", m[1].strip().lower()):
            inner = m[1].strip()  # not a bracket listing a part of the figure ("(including 9 insurgents)")
            who = self.party_in(end + m.start(1), end + m.end(1))
            sourced = any(w in self.lex.attribution_nouns for w in re.findall(r"[a-z]+", inner.lower()))
            # "7,000 members of the Sorkhanin (SEV)": a bracket naming the party just named glosses it
            glossed = not sourced and who is not None and self.party_in(end, end + m.start(1) - 1) == who
            if not glossed and (who is not None or sourced):
                return Voice("attributed", None, who, inner)
        # "187, the official count of the government": a figure glossed as a party's
        glossed_as = r",\s+(?:the|an?|its|their)\s+(?:[\w-]+\s+){0,2}?([a-z]+)\s+(?:of|by|from)\s+([^,;.\n]{2,60})"
        if (m := re.match(glossed_as, after)) and m[1] in self.lex.attribution_nouns:
            who = self.party_in(end + m.start(2), end + m.end(2))
            return Voice("attributed", None, who, m[2].strip())
        if token is None:
            return None
        sentence = self.sentence(token)
        lowered = sentence.text.lower()
        for first in self._attributions(sentence.start_char, lowered, end):
            who = self.party_in(first, min(first + 60, sentence.end_char))
            if who is not None:
                return Voice("attributed", None, who, self.phrase_at(first))
        head = token
        for _ in range(6):
            if head.head == head:
                break
            clause, head = head.dep_, head.head
            if head.pos_ == "NOUN" and head.lower_ in self.lex.attribution_nouns and clause in ("acl", "relcl"):
                party = self.reader.entity_of(head, depth=1)  # "the Russian theory that the police used gas"
                key = party.key if party is not None and party.type in SPEAKER_TYPES else None
                return Voice("attributed", None, key, self.doc[head.left_edge.i:head.i + 1].text)
            if head.pos_ in ("VERB", "AUX") and (voice := self._figure_stated(head, token)) is not None:
                return voice
            if head.pos_ in ("VERB", "AUX") and (head.lemma_.lower() in self.lex.attribution_verbs or (
                    head.lemma_.lower() in self.lex.figure_verbs and any(
                        c.dep_ == "dobj" and c.lower_ in self.lex.figure_nouns for c in head.children))):
                subject = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                if subject is None and head.dep_ == "acl":
                    subject = head.head  # "Varnian estimates claiming over 1,700 killed": the estimates'
                if subject is not None and subject.lower_ in ("one", "some", "many", "several", "most"):
                    of = next((c for c in subject.children if c.dep_ == "prep" and c.lower_ == "of"), None)
                    subject = next((c for c in of.children if c.dep_ == "pobj"), subject) if of is not None \
                        else subject  # "one of its officials gave the figure as 1,150": its officials
                if subject is not None and subject.i != token.i and subject.pos_ in ("NOUN", "PROPN"):
                    party = self.reader.entity_of(subject)  # "Ostrian officials": Ostria's
                    key = party.key if party is not None and party.type in SPEAKER_TYPES else None
                    phrase = self.doc[subject.left_edge.i:subject.i + 1].text
                    return Voice("attributed", None, key, phrase)
        return None

    def _attributions(self, base: int, lowered: str, end: int) -> list[int]:
        """Where the party of each "according to"/"per" phrase of a sentence begins, the first
        phrase first; where the sentence has several, the first after the figure with no other
        figure between comes first ("40 dead per the monitors, 41 dead per the army": the army's 41)."""
        hits = sorted((base + m.start(), base + m.end()) for phrase in self.lex.attribution_phrases
                      for m in re.finditer(rf"(?<![\w-]){re.escape(phrase)} ", lowered))
        firsts = [base + at + len(p) + 1 for p in self.lex.attribution_phrases if (at := lowered.find(p + " ")) >= 0]
        if len(hits) < 2:
            return firsts
        after = [b for a, b in hits if a >= end and not re.search(r"\d", re.sub(  # figures in brackets are parts
            r"\([^()]*\)|\[[^\[\]]*\]|^[^()]*\)", "", self.text[end:a]))]
        return after[:1] + firsts

    def figure_of(self, token: Token) -> Voice | None:
        """A figure told as a party's figure, count or estimate ("the government's figure of 52
        dead, which witnesses dispute"; "survivors reject the army's count of 52 dead"; "their
        estimate, 52 dead"): that party's, never the source's nor the speaker's who tells it,
        whatever the sentence goes on to say of it."""
        head, below = token, None
        for _ in range(3):
            if head.head == head:
                return None
            clause, below, head = head.dep_, head, head.head
            if head.pos_ == "NOUN" and head.lower_ in self.lex.attribution_nouns and (
                    clause == "appos" or (clause == "prep" and below.lower_ == "of")):
                party = self.reader.entity_of(head, depth=1)
                key = party.key if party is not None and party.type in SPEAKER_TYPES else None
                return Voice("attributed", None, key, self.doc[head.left_edge.i:head.i + 1].text)
        return None

    def _figure_stated(self, verb: Token, token: Token) -> Voice | None:
        """A figure given as what a report or an estimate is, or as where a toll was put: "the
        official police report was of 69 dead", "the death toll was put at 69" (someone put it)."""
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None or subject.i == token.i or subject.pos_ != "NOUN":
            return None
        lemma = verb.lemma_.lower()
        stated = (lemma == "be" and subject.lower_ in self.lex.attribution_nouns) or (
            lemma in self.lex.figure_verbs and subject.dep_ == "nsubjpass" and subject.lower_ in self.lex.figure_nouns)
        if not stated:
            return None
        party = self.reader.entity_of(subject)
        key = party.key if party is not None and party.type in SPEAKER_TYPES else None
        return Voice("attributed", None, key, self.doc[subject.left_edge.i:subject.i + 1].text)

    def phrase_at(self, start: int) -> str:
        """The noun phrase that starts at `start` ("residents and officials in Marzabad province")."""
        span = self.doc.char_span(start, start + 1, alignment_mode="expand")
        if span is None or not len(span):
            return self.text[start:start + 40].split(",")[0].strip()
        head = span[0]
        while head.head != head and head.head.i >= span[0].i and head.dep_ not in ("pobj", "dobj", "nsubj"):
            head = head.head
        return self.doc[span[0].i:head.right_edge.i + 1].text

    def party_in(self, start: int, end: int) -> str | None:
        """The key of the first named party (or nationality) in text[start:end]."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        for t in span or ():
            found = self.reader.entity_of(t, depth=0)
            if found is None or found.type not in SPEAKER_TYPES or re.search(r"[()\[\]]", found.text):
                continue  # not a name the model ran across a bracket ("KIA (Varnian claim)[2")
            if t.lower_ in self.reader.lex.pronouns or span.start_char <= found.start < span.end_char:
                return found.key  # a pronoun's party is named before it; any other is named here, not
        return None  # a name before the words ("KIA (independent estimate)" names no party)
