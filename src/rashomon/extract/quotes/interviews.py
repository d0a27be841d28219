"""Interview and transcript lines: "Question: ...", "Response: ...", "Harwick: The plane was ...".

A line that opens with a label and a colon gives the labelled side's words, up to the next label
("Harwick: ... warplane. Lindqvist: ..."). A label that is a person the document knows (a mention
covering the whole label) is that person; an organisation's name there is more often a dateline or
the outlet's own credit ("IRNA: ...") than a speaker. "Question" or "Q" is the
interviewer and "Answer", "A" or "Response" the interviewee, read from the nearest mention of an
interview before the first such line: "Lena Korvina's interview with Dervalov" (the owner asks,
the one it is with answers, unless that one is an outlet: "his interview with the magazine X"),
"X interviewed Y", "Y was interviewed by X". A side the text does not name keeps its label.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from rashomon.extract.quotes.direct import Page
from rashomon.extract.quotes.speakers import NOBODY, SUBJECTS, Speaker
from rashomon.extract.quotes.words import words
from rashomon.records import Quote

# a label at a line's start (group 2), or after a sentence on the same line ("... warplane. Lindqvist: ...")
LABEL = re.compile(r"(?:(?P<line>^)[ \t]*|(?<=[.!?”\"] ))(?P<label>[^\n:.!?“”\"]{1,40}?)[ \t]*:[ \t]+(?=\S)",
                   re.MULTILINE)


def _child(token: Token, deps: tuple[str, ...], preps: tuple[str, ...] = ()) -> Token | None:
    for c in token.children:
        if c.dep_ in deps:
            return c
        if c.dep_ in ("prep", "agent") and c.lower_ in preps:
            return next((g for g in c.children if g.dep_ == "pobj"), None)
    return None


def _is_outlet(page: Page, token: Token) -> bool:
    m = page.speakers.at.get(token.i)
    return token.lemma_.lower() in words().carrier_nouns or (m is not None and m.type == "ORG")


def _sides(page: Page, before: int) -> tuple[Speaker, Speaker]:
    """(interviewer, interviewee) from the last interview named before char offset `before`."""
    w = words()
    doc = page.doc
    for t in reversed([t for t in doc if t.idx < before and t.lemma_.lower() in w.interview_words]):
        if t.pos_ == "NOUN":
            owner, other = _child(t, ("poss",)), _child(t, (), ("with", "of", "to"))
            if other is not None and _is_outlet(page, other):
                owner, other = other, owner
        elif t.pos_ == "VERB":
            subject = next((c for c in t.children if c.dep_ in SUBJECTS), None)
            if subject is not None and subject.dep_ == "nsubjpass":
                owner, other = _child(t, (), ("by",)), subject
            else:
                owner, other = subject, _child(t, ("dobj",))
        else:
            continue
        asks = page.speakers.of(owner) if owner is not None else NOBODY
        answers = page.speakers.of(other) if other is not None else NOBODY
        if asks.known or answers.known:
            return asks, answers
    return NOBODY, NOBODY


def _label_speaker(page: Page, label: re.Match, sides: list[tuple[Speaker, Speaker]]) -> Speaker | None:
    """Who a line label names: a side of the interview, or a person the document knows."""
    w = words()
    side = label["label"].lower().strip()
    if side in w.question_labels or side in w.answer_labels:
        if not sides:
            sides.append(_sides(page, label.start()))
        speaker = sides[0][0] if side in w.question_labels else sides[0][1]
        return speaker if speaker.known else Speaker(None, label["label"])
    named = [x for x in page.speakers.at.values() if x.start == label.start("label") and x.end == label.end("label")]
    return Speaker(named[0].key, named[0].text) if named and named[0].type == "PERSON" else None


def interview_lines(page: Page) -> list[tuple[int, int, Speaker, bool]]:
    """(start, end, speaker, quoted) of the words after each label of the segment, up to the next
    label or the end of the line; `quoted` when a line labelled with a name holds quotation marks
    (its words are then partly the author's: "Harwick: The aircraft was “not in the air corridor”").
    An interview's answers are the interviewee's words, whatever they quote."""
    w = words()
    text, seg = page.text, page.seg
    sides: list[tuple[Speaker, Speaker]] = []
    labels: list[tuple[re.Match, Speaker]] = []
    for m in LABEL.finditer(text, seg.start, seg.end):
        # after a sentence, not at a line's start, a label counts only in a transcript that has one
        if (m["line"] is not None or labels) and (speaker := _label_speaker(page, m, sides)) is not None:
            labels.append((m, speaker))
    out: list[tuple[int, int, Speaker, bool]] = []
    for n, (m, speaker) in enumerate(labels):
        start = m.end()
        end = text.find("\n", start)
        end = seg.end if end < 0 or end > seg.end else end
        if n + 1 < len(labels) and labels[n + 1][0].start("label") < end:
            end = labels[n + 1][0].start("label")
        body = text[start:end].rstrip()
        if len(re.findall(r"\w+", body)) < w.min_quote_words:
            continue
        qa = m["label"].lower().strip() in w.question_labels | w.answer_labels
        quoted = not qa and (any(c in body for c in "“”\"«»") or "``" in body)
        out.append((start, start + len(body), speaker, quoted))
    return out


def line_quotes(page: Page, lines: list[tuple[int, int, Speaker, bool]]) -> list[Quote]:
    """The labelled lines as quotes: direct, unless quotation marks inside mark the speaker's
    own words apart from the rest (then the line is reported, the marked words direct)."""
    return [Quote(a, b, page.text[a:b], s.key, s.text, not quoted, s.unnamed) for a, b, s, quoted in lines]
