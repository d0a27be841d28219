"""Who is speaking: the speaker a subject, an agent or an interview line names.

A speaker is a named thing (the key of the mention that names it), else the words the text uses
("military analysts", "a Reuters photographer"), flagged when they name nobody in particular.
What a noun phrase names, in this order:
- a name on its head ("Halvorsen said", "Korsk Radio vowed");
- the owner of what carries the words ("a Korsk Radio broadcast", "the statements of X",
  "the news agency IRNA", "the newsweekly Marianne");
- the name given with a title or office ("the mayor of Khoraly, Emil Sadov", "the first
  President of Ostria Oskar Dervalov"), else the person the document last named with that
  title ("said the President" after "President Halvorsen");
- for "he" or "she", the person a sentence before it is about: the subject of the nearest clause
  that names a person ("E. Saddov ... called it a tragedy. He said ...");
- a surname alone, for the person the document named in full before ("with Dervalov");
- for "it", the organisation or carrier a clause before it has as subject ("The broadcast said
  ..., which it described as ...").
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from rashomon.extract.quotes.marks import quoted_spans
from rashomon.extract.quotes.words import words
from rashomon.ingest.parse import text_of
from rashomon.records import PLACE_TYPES, Mention

SUBJECTS = ("nsubj", "nsubjpass")
RELATIVE = frozenset({"who", "which", "that"})
NOT_SPEAKERS = frozenset({"NORP", "DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "PERCENT", "MONEY"})
CLAUSES = frozenset({"acl", "relcl", "advcl", "ccomp", "xcomp", "punct", "cc", "conj", "parataxis", "prep"})
POSSESSIVE = ("'s", "’s", "`s", "´s", "'", "’")


@dataclass(frozen=True)
class Speaker:
    key: str | None
    text: str | None
    unnamed: bool = False

    @property
    def known(self) -> bool:
        return self.key is not None or self.text is not None


NOBODY = Speaker(None, None)


def _named(m: Mention) -> Speaker:
    return Speaker(m.key, m.text)


class Speakers:
    """The speakers of one document's phrases: its mentions by token, and the persons it names
    with a title ("President Halvorsen"), so that a bare title can refer back to them."""

    def __init__(self, doc: Doc, mentions: Sequence[Mention], sentence_starts: Sequence[int]):
        self.doc, self.sentence_starts = doc, list(sentence_starts)
        self.at: dict[int, Mention] = {}
        for m in sorted(mentions, key=lambda m: (m.start, -m.end)):
            for t in doc.char_span(m.start, m.end, alignment_mode="expand") or ():
                self.at.setdefault(t.i, m)
        self.persons = sorted((m for m in mentions if m.type == "PERSON"), key=lambda m: m.start)
        self.quoted = quoted_spans(text_of(doc))  # a name inside someone's words is no "he" after them
        # (token, noun, whom it names): "President Halvorsen", "a Korsk Radio broadcast", in text order
        self.titled: list[tuple[int, str, Mention]] = []
        w = words()
        for t in doc:
            lemma = t.lemma_.lower()
            if t.pos_ not in ("NOUN", "PROPN") or t.i in self.at:
                continue
            named = (self.titled_person(t) if lemma in w.roles else
                     self._owner(t) if lemma in w.carrier_nouns else None)
            if named is not None:
                self.titled.append((t.i, lemma, named))

    # ------------------------------------------------------------ phrases

    def phrase(self, head: Token) -> list[Token]:
        """A noun phrase: the head with its modifiers, "of" phrases and appositions, without
        clauses ("cited by X", "who ...") or other prepositional phrases. A name the parser hung
        beside the head ("The Varnian news agency IRNA said") belongs to it."""
        keep, stack = [head], [head]
        while stack:
            for c in stack.pop().children:
                if c.dep_ not in CLAUSES or (c.dep_ == "prep" and c.lower_ == "of"):
                    keep.append(c)
                    stack.append(c)
        last = max(t.i for t in keep)
        for sibling in head.head.children if head.head.i != head.i else ():
            if sibling.dep_ == head.dep_ and sibling.i == last + 1 and sibling.pos_ == "PROPN":
                keep += list(sibling.subtree)
        return sorted(keep, key=lambda t: t.i)

    def _names_in(self, tokens: Sequence[Token], after: int, owners: bool) -> list[Mention]:
        """The mentions among tokens that could be the speaker: after token `after`, or owners
        before it too ("IRNA's report"); never a nationality or a count."""
        found: list[Mention] = []
        for t in tokens:
            m = self.at.get(t.i)
            if m is None or m.type in NOT_SPEAKERS or (found and found[-1] is m):
                continue
            end = self.doc.char_span(m.start, m.end, alignment_mode="expand")
            owner = end is not None and end.end < len(self.doc) and self.doc[end.end].text in POSSESSIVE
            if (t.i > after and (owners or not owner)) or (owners and t.i < after):
                found.append(m)
        return found

    def _owner(self, carrier: Token) -> Mention | None:
        """Whose words a carrier holds: "a Korsk Radio broadcast", "IRNA's report", "the
        statements of X", "the news agency IRNA"."""
        names = self._names_in(self.phrase(carrier), carrier.i, owners=True)
        return names[-1] if names else None

    def titled_person(self, title: Token) -> Mention | None:
        """The person a title names in its own phrase: "the mayor of Khoraly, Emil Sadov",
        "the first President of Ostria Oskar Dervalov", "President Halvorsen"."""
        nxt = self.at.get(title.i + 1) if title.i + 1 < len(self.doc) else None
        if nxt is not None and nxt.type == "PERSON":
            return nxt
        for m in reversed(self._names_in(self.phrase(title), title.i, owners=False)):
            first = self.doc.char_span(m.start, m.end, alignment_mode="expand")
            comma = first is not None and first.start > 0 and self.doc[first.start - 1].text == ","
            if m.type == "PERSON" or (comma and m.type not in PLACE_TYPES):
                return m
        return None

    # ------------------------------------------------------------ speakers

    def of(self, subject: Token, depth: int = 2) -> Speaker:
        """Who a subject (or agent, or holder) token names; NOBODY for a pronoun that names no one."""
        w = words()
        if subject.lower_ in RELATIVE and subject.head.dep_ == "relcl":
            subject = subject.head.head
        subject = self._after_dash(subject)
        if subject.lemma_.lower() in w.partitive_heads and (of := next(
                (g for c in subject.children if c.lower_ == "of" for g in c.children if g.dep_ == "pobj"), None)):
            subject = of  # "a number of witnesses say": the witnesses
        mention = self.at.get(subject.i)
        if mention is not None and (mention.type == "NORP" or mention.type not in NOT_SPEAKERS):
            return _named(mention)  # "the Varnians said"
        if subject.lower_ in w.person_pronouns:
            return self.antecedent(subject, depth)
        if subject.lower_ in w.thing_pronouns:
            return self.speaking_thing(subject, depth)
        if subject.pos_ == "PRON" or subject.tag_ in ("WP", "WDT", "DT"):
            return Speaker(None, subject.text) if subject.lower_ in w.speaking_pronouns else NOBODY
        lemma = subject.lemma_.lower()
        if lemma in w.carrier_nouns or lemma in w.reporting_nouns:
            owner = self._owner(subject)
            if owner is not None:
                return _named(owner)
        if lemma in w.roles:
            person = self.titled_person(subject)
            if person is not None:
                return _named(person)
        if lemma in w.roles or lemma in w.carrier_nouns:
            earlier = self.bearer(subject)
            if earlier is not None:
                return _named(earlier)
        named = self.surname(subject)
        if named is not None:
            return _named(named)
        return Speaker(None, _words(subject), lemma in w.unnamed_sources)

    def surname(self, token: Token) -> Mention | None:
        """A person the document named in full, named again by the last part of the name only
        ("Oskar Dervalov ... an interview with Dervalov"), where no mention says so."""
        if token.pos_ != "PROPN":
            return None
        last = [m for m in self.persons if m.end <= token.idx and m.text.split()[-1] == token.text
                and len(m.text.split()) > 1]
        return last[-1] if last else None

    def _after_dash(self, subject: Token) -> Token:
        """"LONDON — A NATO diplomat ... contends", "KESHVAR, (KNA) The report affirmed": the
        apposition after a dateline's dash, or after its capitals and a comma, is the subject."""
        nxt = subject.i + 1
        dateline = subject.text.isupper() and len(subject.text) > 2 and subject.pos_ == "PROPN"
        if nxt < len(self.doc) and (self.doc[nxt].text in ("—", "–", "--") or (dateline and self.doc[nxt].text == ",")):
            return next((c for c in subject.children if c.dep_ == "appos" and c.i > nxt), subject)
        return subject

    def bearer(self, title: Token) -> Mention | None:
        """Whom the document last named with this title or carrier before it, for a definite one
        ("the President", "said the mayor", "the broadcast said"); never for "a spokesman"."""
        if any(c.dep_ == "det" and c.lower_ not in ("the", "this", "that") for c in title.lefts):
            return None
        lemma = title.lemma_.lower()
        return next((m for i, t, m in reversed(self.titled) if t == lemma and i < title.i), None)

    def antecedent(self, pronoun: Token, depth: int = 2) -> Speaker:
        """The person "he" or "she" stands for: the subject, naming a person, of the nearest
        clause before it (a few sentences back at most), else the nearest person named there."""
        w = words()
        sentence = bisect_right(self.sentence_starts, pronoun.i) - 1
        first = self.sentence_starts[max(0, sentence - w.pronoun_sentences_back)]
        for t in reversed(self.doc[first:pronoun.i]):
            if t.dep_ not in SUBJECTS or t.pos_ == "PRON" or depth == 0 or self._inside_quote(t.idx):
                continue
            found = self.of(t, depth - 1)
            mention = self.at.get(t.i)
            if (mention is not None and mention.type == "PERSON") or (
                    found.key is not None and any(m.key == found.key for m in self.persons)):
                return found
            if mention is None and t.pos_ == "PROPN" and found.known and not found.unnamed:
                return found
        start = self.doc[first].idx
        before = [m for m in self.persons if start <= m.start and m.end <= pronoun.idx
                  and not self._inside_quote(m.start)]
        return _named(before[-1]) if before else Speaker(None, pronoun.text)

    def _inside_quote(self, i: int) -> bool:
        """Whether character i is inside quotation marks ("“... for President X to act,” he said")."""
        k = bisect_right(self.quoted, (i, float("inf"))) - 1
        return k >= 0 and self.quoted[k][0] <= i < self.quoted[k][1]


    def speaking_thing(self, pronoun: Token, depth: int = 2) -> Speaker:
        """What "it" stands for as a speaker: the subject of the nearest clause before it, in its
        sentence or the one before, that is an organisation or what carries words ("The broadcast
        said ..., which it described as ..."); else nobody."""
        sentence = bisect_right(self.sentence_starts, pronoun.i) - 1
        first = self.sentence_starts[max(0, sentence - 1)]
        for t in reversed(self.doc[first:pronoun.i]):
            if t.dep_ not in SUBJECTS or t.pos_ == "PRON" or depth == 0:
                continue
            mention = self.at.get(t.i)
            if (mention is not None and mention.type == "ORG") or t.lemma_.lower() in words().carrier_nouns:
                found = self.of(t, depth - 1)
                return found if found.key is not None else NOBODY
        return NOBODY


def _words(head: Token) -> str:
    """The words of a speaker the text does not name: the head with its modifiers on the left."""
    left = min([head.i, *(t.i for t in head.lefts if t.dep_ not in ("punct", "cc", "det", "poss"))])
    left = min([left, *(t.left_edge.i for t in head.lefts if t.dep_ in ("compound", "amod"))])
    while left < head.i and (head.doc[left].ent_type_ in ("DATE", "TIME") or head.doc[left].is_punct):
        left += 1  # "On 9 May officials said": a date the parse hung on the speaker is no part of it
    return head.doc[left:head.i + 1].text
