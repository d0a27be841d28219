"""Direct quotes: the words between quotation marks, a paragraph set off after a colon, and who
says them.

A quoted stretch is a quote when it is long enough to be speech, or a clause of its own ("``took
a shellacking``"); a short phrase after "dubbed" or "so-called" is a name, not speech. A quote
opened and never closed counts when a colon or a reporting verb opens it ("wrote to X saying
"at least ..."). A paragraph ending in a colon after a reporting verb ("Darvani told his troops:")
sets off the next paragraph as that speaker's words.

The speaker is the subject of a reporting verb in the same sentence, before the quote or just
after it when the quote does not end the sentence ("“...,” Halvorsen said"; not "“....” Korsk Radio
vowed, “...”"); else, after a colon, the subject or agent of the clause that opens it ("This is
confirmed by the newsweekly Marianne: “...”"); else the speaker of the interview line it is on;
else the speaker of the quote it goes on from: the one before it in the same paragraph, or the
one left open at the end of the paragraph before (a quote running over paragraphs leaves each
but the last open).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from rashomon.extract.quotes.marks import quote_marks
from rashomon.extract.quotes.speakers import NOBODY, SUBJECTS, Speaker, Speakers
from rashomon.extract.quotes.words import words
from rashomon.records import Quote, Segment

ENDS_SENTENCE = ".!?…"
MARKS = frozenset("`\"“”‘’«»„'")
BESIDE = 3  # tokens from a quote within which a verb like "began" introduces it


@dataclass
class Page:
    """One segment of one document, as the direct-quote reader walks it."""

    doc: Doc
    text: str
    seg: Segment
    speakers: Speakers
    sentence_starts: list[int]
    lines: Sequence[tuple[int, int, Speaker]] = ()  # interview lines: (start, end, speaker)

    def sentence_of(self, token: Token) -> int:
        return self.sentence_starts[bisect_right(self.sentence_starts, token.i) - 1]

    def paragraph_of(self, at: int) -> int:
        return self.text.rfind("\n", self.seg.start, at) + 1


def subject_of(verb: Token) -> Token | None:
    """The subject of a verb, inherited from the verb it hangs on for participles and conjuncts.
    A main verb left without one takes the first subject before it that the parser hung on
    another verb ("A U.S. official cited by X (``...``) contends that"), else the name right
    before it, which the parser hung on a noun before ("the magazine Vecherny Kolokol Dervalov
    stated")."""
    for _ in range(3):
        subjects = [c for c in verb.children if c.dep_ in SUBJECTS]
        if subjects:  # of two, the nearer: "DAMASCUS, (SANA) The report affirmed" is the report's
            return max(subjects, key=lambda c: (c.i < verb.i, c.i if c.i < verb.i else -c.i))
        if verb.head.i == verb.i:
            before = verb.doc[verb.i - 1] if verb.i else None
            return next((t for t in verb.doc[verb.left_edge.i:verb.i] if t.dep_ in SUBJECTS
                         and t.pos_ in ("NOUN", "PROPN")),
                        before if before is not None and before.pos_ == "PROPN" else None)
        if verb.dep_ not in ("advcl", "xcomp", "conj", "acl"):
            return None
        verb = verb.head
    return None


def _agent(verb: Token) -> Token | None:
    """The agent of a passive verb ("confirmed by X")."""
    return next((g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)


def _is_quote_verb(token: Token) -> bool:
    """A reporting verb; in a headline's title case the tagger may call it a name ("Halvorsen Says")."""
    lemma = token.lemma_.lower()
    if token.pos_ in ("VERB", "AUX"):
        return lemma in words().quote_verbs
    return token.pos_ == "PROPN" and token.lower_.endswith("s") and token.lower_[:-1] in words().quote_verbs


def _says(page: Page, candidates: Sequence[Token], beside: frozenset[int] = frozenset()
          ) -> tuple[Speaker, Token | None]:
    """The speaker of the first reporting verb (or "according to") among candidates; a verb that
    says speech only now and then ("began") counts only among the tokens `beside` the quote."""
    for verb in candidates:
        if verb.lemma_.lower() in words().framing_verbs and verb.i not in beside:
            continue
        if _is_quote_verb(verb):
            subject = subject_of(verb)
            if subject is not None:
                return page.speakers.of(subject), verb
        if verb.lower_ == "according":
            obj = next((t for c in verb.children for t in c.children if t.dep_ == "pobj"), None)
            if obj is not None:
                return page.speakers.of(obj), verb
    return NOBODY, None


def _opened_by_colon(page: Page, before: Sequence[Token]) -> Speaker:
    """After a colon: the named subject, or agent, of the nearest clause before it."""
    for verb in before:
        if verb.pos_ not in ("VERB", "AUX"):
            continue
        holder = _agent(verb) or subject_of(verb)
        if holder is None:
            continue
        speaker = page.speakers.of(holder)
        if speaker.key is not None or speaker.unnamed:
            return speaker
    return NOBODY


def _speaker(page: Page, start: int, end: int, closed: bool = True) -> tuple[Speaker, Token | None]:
    """Who says the quote inside [start, end), and the reporting verb that says so; the words
    after a quote never closed belong to the next line."""
    doc = page.doc
    opening = doc.char_span(start - 1, start, alignment_mode="expand")
    before: list[Token] = []
    lead = opening.start - 1 if opening is not None else -1
    while lead >= 0 and doc[lead].text in MARKS:  # ``...``: the parser splits the marks
        lead -= 1
    if lead >= 0:
        before = [doc[i] for i in range(lead, page.sentence_of(doc[lead]) - 1, -1)]
    inner = page.text[start:end].rstrip()
    closing = doc.char_span(end, end + 1, alignment_mode="expand")
    tail: list[Token] = []
    if closed and closing is not None and not (inner[-1:] in ENDS_SENTENCE and not _continues(doc, closing.end)):
        for t in doc[closing.end:closing.end + 8]:
            if (t.is_sent_start and tail) or t.text in ".!?()" or "\n" in t.text:
                break
            tail.append(t)
    beside = frozenset(t.i for t in [*tail[:BESIDE], *before[:BESIDE]])
    speaker, verb = _says(page, tail + before, beside)
    if not speaker.known and before and before[0].text in (":", "—"):
        speaker = _opened_by_colon(page, before[1:])
    if not speaker.known:
        speaker = next((s for a, b, s in page.lines if a <= start < b), NOBODY)
    return speaker, verb


def _reports_more(verb: Token, start: int) -> bool:
    """Whether the clause a verb reports begins before the quote, which is then a phrase quoted
    inside it ("said the fighting had begun with “tanks and rockets”"): the clause is reported
    speech of its own."""
    clause = next((c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i), None)
    first = next((t for t in clause.subtree if not (t.is_punct or t.dep_ == "mark")), None) if clause else None
    return first is not None and first.idx < start - 1


def _continues(doc: Doc, i: int) -> bool:
    """Whether the sentence goes on after a quote that ends in ! or ? ("“Why?” he asked")."""
    return i < len(doc) and doc[i].text[:1].islower()


def _is_speech(page: Page, start: int, end: int, headline: bool) -> bool:
    """Long enough to be speech, or a clause of its own; not a name after "dubbed"."""
    w = words()
    inner = page.text[start:end]
    n_words = len(re.findall(r"\w+", inner))
    lead = re.findall(r"[\w-]+", page.text[max(page.seg.start, start - 30):start - 1].lower())[-2:]
    if set(lead) & w.naming_words and n_words < 2 * w.min_quote_words:
        return False
    if n_words >= w.min_quote_words:
        return True
    if n_words < w.min_clause_words:
        return False
    return headline or _has_verb(page, start, end)


def _has_verb(page: Page, start: int, end: int) -> bool:
    span = page.doc.char_span(start, end, alignment_mode="expand")
    return any(t.pos_ in ("VERB", "AUX") for t in span or ())


def _opened_unclosed(page: Page, start: int, end: int) -> bool:
    """An unclosed quote counts when a colon, a comma or a reporting verb opens it, or when the
    next paragraph opens with a quotation mark: a quote that runs on over paragraphs leaves each
    but the last open."""
    following = page.text[end:page.seg.end].lstrip()
    if following[:1] in MARKS - {"”", "’", "»"}:
        return True
    opening = page.doc.char_span(start - 1, start, alignment_mode="expand")
    if opening is None or opening.start == 0:
        return False
    lead = page.doc[opening.start - 1]
    return lead.text in (":", ",") or _is_quote_verb(lead)


def _goes_on(page: Page, before: Quote, start: int) -> bool:
    """Whether a quote goes on from the quote before it: in the same paragraph, or in the next
    one when the one before ran to the end of its paragraph unclosed."""
    if page.paragraph_of(before.start) == page.paragraph_of(start):
        return True
    return page.text[before.end:start].strip(" \t\n“\"‘«`'") == "" and page.text[before.end:before.end + 1] != "”"


def direct_quotes(page: Page) -> tuple[list[Quote], set[int]]:
    """The direct quotes of one segment, and the reporting verbs that introduce them."""
    text, seg = page.text, page.seg
    headline = seg.kind == "heading"
    closed, unclosed = quote_marks(text[seg.start:seg.end], headline)
    spans = [(s + seg.start, e + seg.start, True) for s, e in closed]
    spans += [(s + seg.start, e + seg.start, False) for s, e in unclosed]
    found: list[Quote] = []
    verbs: set[int] = set()
    for start, end, was_closed in sorted(spans):
        while end > start and text[end - 1] in ",;: ":
            end -= 1  # “We will not retreat,” he said
        if not _is_speech(page, start, end, headline) or (not was_closed and not _opened_unclosed(page, start, end)):
            continue
        speaker, verb = _speaker(page, start, end, was_closed)
        if headline and not speaker.known:
            continue
        if verb is not None and not _reports_more(verb, start):
            verbs.add(verb.i)
        if not speaker.known and found and _goes_on(page, found[-1], start):
            last = found[-1]
            speaker = Speaker(last.speaker_key, last.speaker_text, last.unnamed_source)
        if not speaker.known and verb is None and not _has_verb(page, start, end):
            continue  # a title or a term in quotation marks: “Svobodnaya Pochta (Free Post)”
        found.append(Quote(start, end, text[start:end], speaker.key, speaker.text, True, speaker.unnamed))
    return found + _set_off(page, found), verbs


def _set_off(page: Page, quoted: Sequence[Quote]) -> list[Quote]:
    """Paragraphs set off after a colon: "Masoud Darvani told his troops:" and then his words."""
    text, seg, out = page.text, page.seg, []
    for m in re.finditer(r":[ \t]*\n\s*\n?", text[seg.start:seg.end]):
        colon = seg.start + m.start()
        start = seg.start + m.end()
        end = text.find("\n", start)
        end = seg.end if end < 0 or end > seg.end else end
        body = text[start:end].rstrip()
        if (len(re.findall(r"\w+", body)) < words().min_quote_words or body[:1] in "“\"‘«`„"
                or any(q.start <= start < q.end or start <= q.start < start + len(body) for q in quoted)
                or any(a <= start < b for a, b, _ in page.lines)):
            continue
        token = page.doc.char_span(colon, colon + 1, alignment_mode="expand")
        if token is None:
            continue
        before = [page.doc[i] for i in range(token.start - 1, page.sentence_of(page.doc[token.start]) - 1, -1)]
        speaker, _ = _says(page, before)
        if speaker.known:
            out.append(Quote(start, start + len(body), body, speaker.key, speaker.text, True, speaker.unnamed))
    return out
