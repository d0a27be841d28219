"""Labels of actors: the words a source uses for an actor besides its name ("the terror group").

Five shapes, all read from the parse: appositions ("the SVO, a notorious terror cult"), nouns
before a name ("the Tolarian dictator Kadir"), a name inside a descriptive phrase ("SVO terrorists",
"the terrorist SVO group"), predicatives ("envisioning SVO as a Western puppet") and descriptive
references after an actor was named ("the terror group", "the regime"), attached to the most
recent actor of a compatible type. Names that are themselves descriptions ("the Ba'athist
regime") count too. Which head nouns describe which entity types is in data/labels.yaml.
Labels are words, never a verdict on them.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from functools import cache

from spacy.tokens import Doc, Span, Token

from rashomon.data import load
from rashomon.extract.labels import sides
from rashomon.extract.labels import words as shared
from rashomon.extract.labels.regimes import government
from rashomon.extract.labels.words import compared, event_kind, heads, is_describing, lemma, noun_of, phrase, types
from rashomon.extract.organs import owned_by
from rashomon.extract.places.geonames import gazetteer
from rashomon.extract.places.lookup import NOTABLE_TOWN, notable
from rashomon.extract.places.model import SETTLEMENTS
from rashomon.extract.places.rules import fold
from rashomon.records import PLACE_TYPES, Label, Mention, Segment

NATIONALITY = frozenset({"NORP", "GPE"})
COUNTRIES = frozenset(load("demonyms.yaml").values())  # the countries the nationality list knows


class _Index:
    """Which mention covers which token, for one document."""

    def __init__(self, doc: Doc, mentions: Sequence[Mention], organs: Sequence[Mention] = (),
                 segments: Sequence[Segment] = ()):
        self.doc, self.mentions, self.segments = doc, sorted(mentions, key=lambda m: (m.start, m.end)), segments
        self.organs = sorted(organs, key=lambda m: (m.start, m.end))  # around their owners' names
        self.sentence_starts = [s.start_char for s in doc.sents]  # once: Token.sent rescans the Doc
        self.at: dict[int, Mention] = {}
        self.words_of: dict[str, set[str]] = {}  # the words of all the names of one thing ("IDF", "Defense Forces")
        for m in self.mentions:
            self.words_of.setdefault(m.key, set()).update(re.findall(r"\w+", m.text.lower()))
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            for t in span if span is not None else ():
                self.at.setdefault(t.i, m)

    def span(self, m: Mention) -> Span | None:
        return self.doc.char_span(m.start, m.end, alignment_mode="expand")


def _label(m: Mention, span: Span) -> Label:
    return Label(m.key, span.start_char, span.end_char, span.text)


def _premodifiers(m: Mention, span: Span) -> Span | None:
    """"the Tolarian dictator Kadir", "terrorist group SEV": a describing noun just before the name."""
    doc = span.doc
    noun = doc[span.start - 1] if span.start else None
    first = span.start - 1
    if noun is not None and first >= 2 and doc[first - 1].text == "-":  # "President-elect", "ex-leader"
        joined = f"{doc[first - 2].lower_}-{noun.lower_}"
        wanted = heads().types_of.get(joined, frozenset())
        if (m.type in wanted or ("PERSON" in wanted and m.type == "ORG")) and noun.pos_ in ("NOUN", "PROPN"):
            return _widened(doc, first - 2, span.start)
    title = noun is not None and m.type == "PERSON" and noun.pos_ in ("NOUN", "PROPN")  # "NCRI President X"
    adjective = noun is not None and noun.pos_ == "ADJ" and noun.text.islower()  # "the terrorist Assad regime"
    if noun is None or m.type not in types(noun) or not (is_describing(noun) or title or adjective):
        return None
    return _widened(doc, first, span.start)


def _widened(doc: Doc, first: int, end: int) -> Span:
    """The describing words before a name from `first`, with the modifiers on their left."""
    while first > 0 and doc[first - 1].pos_ in ("ADJ", "NOUN", "PROPN", "VERB", "PUNCT") and (
            doc[first - 1].dep_ in ("amod", "compound", "npadvmod", "nmod")
            or doc[first - 1].text == "-") and doc[first - 1].text not in ",;:()":
        first -= 1
    while first < end - 1 and doc[first].text == "-":
        first += 1  # "then-President X": the title, not the hyphen of a word left out
    return doc[first:end]


def _describing_head(idx: _Index, m: Mention, span: Span) -> Span | None:
    """"SVO terrorists", "the terrorist SVO group": the name modifies a describing noun."""
    root = span.root
    head = root.head
    if (root.dep_ in ("compound", "amod", "nmod", "npadvmod") and head.i >= span.end
            and is_describing(head) and m.type in types(head) and head.i not in idx.at
            and not (m.type in NATIONALITY and _opposing(phrase(head))) and not _against(span[0])):
        return phrase(head)  # not "anti-Zarani rebels", whom Zarani is the target of
    return None


def _opposing(words: Span) -> bool:
    """"the Varnian rebel group", "Congolese rebels", "the Syrian opposition": words for those who
    oppose a state from within its people, whom a nationality on them does not name."""
    return any(lemma(t) in heads().opposition_nouns or t.lower_ in heads().opposition_nouns for t in words)


def _adjacent(span: Span, child: Token) -> bool:
    """Whether only punctuation or a parenthesis ("the SVO (PSOV), a cult"), perhaps with a word that
    opens another name ("(a.k.a. the hypocrites)"), separates name and phrase."""
    first = _unmarked(child).i
    between = span.doc[span.end:first].text_with_ws if first > span.end else ""
    between = span.doc[span.end - 1].whitespace_ + between
    markers = "|".join(re.escape(w) for w in sorted(heads().alias_markers, key=len, reverse=True))
    return bool(re.fullmatch(rf"\s*(?:\([^()]*\)\s*)?[,(—–-]\s*(?:(?:{markers})\s*)?(?:(?:a|an|the)\s+)?",
                             between, re.IGNORECASE))


def _bracketed_alias(span: Span) -> Token | None:
    """"the Lord's Resistance Army (a.k.a. the bandits)": the common noun closing a bracket that
    opens with a word for another name, right after the name."""
    doc, h = span.doc, heads()
    if span.end + 2 >= len(doc) or doc[span.end].text != "(" or not (
            doc[span.end + 1].lower_ in h.alias_markers or doc[span.end + 1].lower_ + "." in h.alias_markers):
        return None
    close = next((t.i for t in doc[span.end + 2:span.end + 10] if t.text == ")"), None)
    last = doc[close - 1] if close is not None else None
    return last if last is not None and last.pos_ == "NOUN" and last.text.islower() else None


def _unmarked(child: Token) -> Token:
    """The first word of an appositive's phrase after any word that opens another name."""
    doc, i = child.doc, child.left_edge.i
    while i < child.i and (doc[i].is_punct or doc[i].lower_ in heads().alias_markers
                           or doc[i].lower_ + "." in heads().alias_markers):
        i += 1
    return doc[i]


def _appositions(idx: _Index, m: Mention, span: Span) -> list[Span]:
    """"the SVO, a notorious terror cult": a common noun in apposition to the name, also where
    the parser hung it on a word before ("fighters of the Surkhanin-e Varan (SEV), an exiled
    Varnian opposition group")."""
    out = []
    for token in span:
        for child in token.children:
            if (child.dep_ == "appos" and child.pos_ == "NOUN" and child.text.islower()
                    and child.i >= span.end and child.i not in idx.at and _adjacent(span, child)
                    and not shared.of_its_own(child) and (m.type in types(child) or "," in span.doc[
                        span.end:child.i].text)  # "the UN (UN) medical investigation": no apposition
                    and _says_more_than_where(m, phrase(child, stop=_unmarked(child).i))):
                out.append(phrase(child, stop=_unmarked(child).i))
    doc, end = span.doc, span.end
    marked = _bracketed_alias(span)
    if marked is not None and marked.i not in idx.at:
        out.append(phrase(marked, stop=_unmarked(marked).i))
    comma = span.start - 1 - (span.start > 0 and doc[span.start - 1].lower_ == "the")
    described = doc[comma - 1] if comma > 0 and doc[comma].text == "," else None
    if (described is not None and span.root.dep_ == "appos" and is_describing(described)
            and described.i not in idx.at):  # "the Congolese rebel group, the M23": the name after its description
        out.append(phrase(described))
    if end < len(doc) and doc[end].text == "(":
        end = next((t.i + 1 for t in doc[end:end + 8] if t.text == ")"), end)
    if not out and end + 1 < len(doc) and doc[end].text == ",":
        head = next((t for t in doc[end + 1:end + 8] if t.dep_ == "appos"), None)
        if (head is not None and head.pos_ == "NOUN" and head.text.islower() and head.head.i < span.start
                and head.left_edge.i == end + 1 and (m.type in types(head) or _opposing(phrase(head)))
                and head.i not in idx.at):
            out.append(phrase(head, stop=end + 1))
    return out


def _says_more_than_where(m: Mention, words: Span) -> bool:
    """Whether an apposition to a place is a label: a word for a party ("the occupier", "the
    rogue state") or one that takes sides ("an anti-government suburb"), not what and where the
    place is ("a village in the south", "the regional capital", "southeast of the port")."""
    if m.type not in PLACE_TYPES:
        return True
    return m.type in types(words.root) or any(_against(t) for t in words)


def _known_as(idx: _Index, m: Mention, span: Span) -> Span | None:
    """"a Tolaria-based paramilitary wing known as the Varan Liberation Army": a describing
    noun that the name is given to."""
    h, root = heads(), span.root
    verb = root.head.head if root.dep_ == "pobj" and root.head.lower_ in h.predicative_preps else (
        root.head if root.dep_ == "oprd" else None)
    if verb is None or verb.lemma_.lower() not in h.naming_verbs or verb.dep_ != "acl":
        return None
    noun = verb.head
    if is_describing(noun) and m.type in types(noun) and noun.i not in idx.at:
        return phrase(noun)
    return None


def _predicatives(idx: _Index, m: Mention, span: Span) -> list[Span]:
    """"envisioning SVO as a Western puppet", "the SVO is a cult": what the name is cast as (not
    what the name itself is: "Kaman is an Arabic word"; not what a place is: "X is a memorial to";
    not one of its own: "X as its residents")."""
    h, root, out = heads(), span.root, []
    holders = [root, root.head] if root.dep_ in ("dobj", "nsubjpass") else [root]
    for holder in holders:
        for prep in holder.children:
            if prep.dep_ == "prep" and prep.lower_ in h.predicative_preps and prep.i > root.i:
                out += [o for o in prep.children if o.dep_ == "pobj" and o.pos_ == "NOUN"]
    if root.dep_ == "nsubj" and root.head.lemma_ == "be":
        out += [a for a in root.head.children if a.dep_ == "attr" and a.pos_ == "NOUN" and a.i not in idx.at]
    return [phrase(o) for o in out if lemma(o) not in h.name_nouns and not shared.of_its_own(o)
            and _says_more_than_where(m, phrase(o)) and (m.type != "PERSON" or types(o))]  # a person is cast as
    # one of a kind ("a dictator"), never as a memorial or combatants (a place the model took for a person)


def _descriptive_name(span: Span) -> Span | None:
    """"the Ba'athist regime", "the eight-year imposed war": a name whose head is a describing noun."""
    if is_describing(span.root) and len(span) > 1:
        return phrase(span.root, stop=span.start)
    return None


def _referent(idx: _Index, head: Token, words: Span, described: Sequence[tuple[int, str, Mention]]
              ) -> Mention | None:
    """The actor a descriptive phrase refers back to: the last one named before it with the same
    noun in its name, else the last one the document already described with that noun ("the
    Tolarian dictator" after "Tolarian dictator Kadir Varsan", however far back), else the last one,
    a few sentences back at most, of a type the noun can describe. Words for an opposition
    ("the Varnian rebel group") refer to a group, never to a nationality, and may refer forward
    to the group the account names or describes with the same words later ("A Varnian rebel
    army ... the Varan Liberation Army")."""
    h, wanted, noun = heads(), types(head), noun_of(head)
    if head.tag_ in ("NNS", "NNPS"):
        wanted = wanted - {"PERSON"}  # "the rebels" are no one person
    opposing = _opposing(words)
    alike = _described_alike(idx, words, described) if opposing else None
    if alike is not None:
        return alike
    opened = shared.quote_opening(words)  # in quoted words, only one the quotation names: "'Death to the
    before = [m for m in idx.mentions if opened <= m.start and m.end <= words.start_char]  # aggressors'"
    if (told := _event_told_just_before(idx, head, before)) is not None:
        return told
    bare = not any(t.i in idx.at for t in words)  # "the regime", not "the Tolarian regime"
    organs = [o for o in idx.organs if o.end <= words.start_char and bare]
    # the nearest name with the noun or organ named with it ("the regime" after "the Zarani regime":
    for m in sorted([*before, *organs], key=lambda m: m.end, reverse=True):  # the regime, not Zarani)
        span = idx.span(m)
        if span is not None and any(lemma(t) == noun for t in span) and not (
                m.type == "EVENT" and compared(idx.doc, m)):  # not the massacre it was compared to
            return m
    earlier = [m for start, said, m in described if said == noun and start < words.start_char]
    if earlier:
        return earlier[-1]
    if noun in h.same_head_only_nouns:  # "the army" is one named so, here or later ("a rebel army")
        return _named_later(idx, words, noun) if opposing else None
    own_name = not opposing and any(
        (t.ent_type_ in NATIONALITY or (t.i in idx.at and idx.at[t.i].type in NATIONALITY))
        and not _against(t) for t in words if t.i != head.i)
    sentence = bisect_right(idx.sentence_starts, head.idx) - 1
    first = idx.sentence_starts[max(0, sentence - h.max_sentences_back)]
    speakers = _speakers(idx, head) if opposing else set()
    for m in reversed(before):
        if m.start < first:
            break
        if m.type not in wanted or m.type in h.same_head_only or (opposing and m.type in NATIONALITY) or (
                (opposing or head.tag_ in ("NNS", "NNPS")) and m.type == "ORG" and _country(m.text, strict=True)):
            continue  # "the rebels", "the terrorists" are no country the tagger took for a body ("the President of X")
        if noun in h.force_nouns and not _armed(idx, m):
            continue  # "the army" is a force named before ("the Defense Forces"), not a committee
        if _town(m.text, m.type) and not _country(m.text, strict=noun in h.country_nouns):
            continue  # "the country", "the regime", "the enemy" are no town
        if opposing and (m.key in speakers or speakers & set(m.text.lower().split())):
            continue  # "Baath officials said the rebels pounced": the rebels are not the Baath
        if not (_audience_or_site(idx, m) or _medium_or_event(idx, m) or _opposite(head, m)
                or _armed_for_a_regime(idx, noun, m) or _owner_of_a_thing(idx, m) or _coordinated(idx, head, m)
                or _other_people(idx, words, m) or sides.unfitting(idx.span(m), noun, idx.segments, _armed(idx, m))):
            return m if m.type == "PERSON" or not own_name else None
    return _named_later(idx, words, noun) if opposing else None


def _event_told_just_before(idx: _Index, head: Token, before: Sequence[Mention]) -> Mention | None:
    """"Under the codename Red Dawn, the front started their ten-day operation": an event word
    refers to the event named earlier in its own sentence whose name says no other kind, rather
    than to one named sentences before with the same word ("Operation X ... the operation")."""
    kind = event_kind(head)
    if "EVENT" not in types(head) or kind is None:
        return None
    opening = idx.sentence_starts[bisect_right(idx.sentence_starts, head.idx) - 1]
    for m in reversed(before):
        if m.start < opening:
            return None
        span = idx.span(m)
        if m.type == "EVENT" and span is not None and not compared(idx.doc, m) and all(
                event_kind(t) in (None, kind) for t in span):
            return m
    return None


@cache
def _town(name: str, etype: str) -> bool:
    """Whether a name is a place's, whatever the tagger took it for ("from Kaland" typed a group)."""
    return etype in PLACE_TYPES or notable(name, as_named=True)


@cache
def _country(name: str, strict: bool) -> bool:
    """Whether a place can be a party a description names by type alone: a country (`strict`),
    else a country or a division no notable town shares its name with, never a town ("the enemy"
    is not the town it was pushed out of, "the state" not a capital named like its province)."""
    name = re.sub(r"^the\s+", "", name, flags=re.IGNORECASE)
    if name.title() in COUNTRIES:
        return True
    gaz = gazetteer()
    rows = [(gaz.columns["kind"][r], gaz.columns["pop"][r]) for r in gaz.by_exact.get(fold(name), ())]
    if any(kind == "country" for kind, _ in rows):
        return True
    return not strict and any(kind not in SETTLEMENTS for kind, _ in rows) and not any(
        kind in SETTLEMENTS and pop >= NOTABLE_TOWN for kind, pop in rows)


def _medium_or_event(idx: _Index, m: Mention) -> bool:
    """Whether a name is one of a medium ("Korsk Radio", "the BBC's correspondent") or an
    operation the tagger took for a group ("Operation Dawn"): the source of a report or the
    event, never the actor a description ("the army", "the militia") refers back to."""
    span, h = idx.span(m), heads()
    if span is None:
        return False
    words = [t for t in span if t.lower_ != "the"]
    # an event's word opens or heads an operation's name ("Operation Dawn"), not a group's ("Liberation Front")
    kind = words and {words[0].lower_, span.root.lower_} & h.event_kinds.keys()
    if kind or any(lemma(t) in h.media_words for t in span):
        return True
    doc = idx.doc
    owned = doc[span.end + 1] if span.end + 1 < len(doc) and doc[span.end].norm_ == "'s" else None
    verb = span.root.head  # "the AP reported", ", reported the AP" (which the parser takes for an object)
    reporting = verb.lemma_.lower() in h.media_verbs and (span.root.dep_ == "nsubj" or (
        span.root.dep_ == "dobj" and verb.i > 0 and doc[verb.i - 1].is_punct))
    return reporting or (owned is not None and (lemma(owned) in h.media_words or lemma(owned) in h.press_roles))


def _audience_or_site(idx: _Index, m: Mention) -> bool:
    """Whether a name is one a description of actors cannot mean: whom a speaker told ("told the
    BBC") or a building or site ("the Trade Centre")."""
    span, h = idx.span(m), heads()
    if span is None:
        return False
    root = span.root
    verb = root.head.head if root.dep_ == "pobj" and root.head.lower_ == "to" else root.head
    told = root.dep_ in ("dobj", "dative", "pobj") and verb.lemma_.lower() in h.audience_verbs
    where = m.type not in PLACE_TYPES and root.dep_ == "pobj" and (  # "talks at the United Nations", and
        root.head.lower_ == "at" or (root.head.lower_ in h.place_preps and notable(m.text)))  # "from Kaland",
    # which the tagger took for a group (a place proper is a party as a country: see _country)
    return told or where or any(t.lower_ in h.building_nouns for t in (span[0], span.root, span[-1]))


def _owner_of_a_thing(idx: _Index, m: Mention) -> bool:
    """Whether a name only says whose or what kind a place, a report or a title is ("a Kurdish
    town", "a Human Rights Watch report", "Solidarity leader Anton Brel"): named so, it is no
    actor a later description refers back to ("Tolarian forces", "Nordic pirates" are)."""
    span, h = idx.span(m), heads()
    if span is None or span.root.dep_ not in ("amod", "compound", "nmod"):
        return False
    thing = span.root.head
    if thing.i < span.end or thing.pos_ != "NOUN":
        return False
    titled = thing.i + 1 in idx.at and idx.at[thing.i + 1].type == "PERSON"
    return titled or lemma(thing) in h.place_nouns | h.press_roles | h.media_words | h.building_nouns


def _other_people(idx: _Index, words: Span, m: Mention) -> bool:
    """Whether a description names a people and the actor is another's ("Kurdish guerrillas" are
    not "the Tolarian Army")."""
    said = {idx.at[t.i].key for t in words if t.i in idx.at and idx.at[t.i].type in NATIONALITY}
    owned = owned_by(m.key)
    theirs = {owned[1]} if owned and owned[1] else ({m.key} if m.type in NATIONALITY else set())
    return bool(said and theirs and not said & theirs)


def _coordinated(idx: _Index, head: Token, m: Mention) -> bool:
    """Whether a description and a name are joined by "and" ("by the Revolutionary Guards and
    Kurdish guerrillas"): two parties, never one."""
    span = idx.span(m)
    if span is None:
        return False
    root = span.root
    return (head.dep_ == "conj" and span.start <= head.head.i < span.end) or (
        root.dep_ == "conj" and root.head.i == head.i)


def _armed_for_a_regime(idx: _Index, noun: str, m: Mention) -> bool:
    """Whether a word for those who rule ("the regime", "the junta") would go to an armed force
    ("the Revolutionary Guards", "the 5th Brigade"): a force serves a regime, it is none."""
    return noun in heads().ruling_heads and _armed(idx, m)


def _armed(idx: _Index, m: Mention) -> bool:
    """Whether a name is an armed force's: it, or another name of the document for the same thing
    ("IDF" for "Israel Defense Forces"), has a word of `armed_words` ("Defense Forces")."""
    armed = heads().armed_words
    return any(w in armed or w.removesuffix("s") in armed for w in idx.words_of.get(m.key, ()))


def _opposite(head: Token, m: Mention) -> bool:
    """Whether a name is the subject of the verb a description is the object of: "the Varnians
    pushed the enemy out", "had killed 4,500 of the enemy" (the enemy is not the Varnians)."""
    if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.pos_ == "NUM":
        head = head.head.head  # "killed 4,500 of the enemy": the number stands in the description's place
    verb = head.head.head if head.dep_ == "pobj" else head.head
    if head.dep_ not in ("dobj", "pobj") or verb.pos_ not in ("VERB", "AUX"):
        return False
    return any(c.left_edge.idx <= m.start < c.right_edge.idx + len(c.right_edge)
               for c in verb.children if c.dep_ in ("nsubj", "nsubjpass"))


def _speakers(idx: _Index, head: Token) -> set[str]:
    """The keys of the names in the subjects of the verbs whose clauses hold a description, and
    the proper nouns there ("X officials said the rebels had attacked": X): no one calls himself
    so in his own words."""
    verb = head.head
    while verb.head.i != verb.i and verb.pos_ not in ("VERB", "AUX"):
        verb = verb.head
    subjects = [c for v in (verb, *verb.ancestors) for c in v.children
                if c.dep_ in ("nsubj", "nsubjpass") and c.i != head.i and not c.is_ancestor(head)]
    words = [t for c in subjects for t in c.subtree]
    return {idx.at[t.i].key for t in words if t.i in idx.at} | {t.lower_ for t in words if t.pos_ == "PROPN"}


def _described_alike(idx: _Index, words: Span, described: Sequence[tuple[int, str, Mention]]
                     ) -> Mention | None:
    """The group the account describes with the same opposition word beside its name ("the
    Varnian rebel group, the Sourkhaneen"), the nearest such description before, else after."""
    said = {lemma(t) for t in words} & heads().opposition_nouns
    alike = [(start, m) for start, _, m in described
             if m.type not in NATIONALITY and start != words.start_char and said & _opposition_words(idx, start)]
    before = [m for start, m in alike if start < words.start_char]
    after = [m for start, m in alike if start > words.start_char]
    return before[-1] if before else after[0] if after else None


def _named_later(idx: _Index, words: Span, noun: str) -> Mention | None:
    """The group an opposition's words refer forward to: the first named later with the same noun."""
    for m in idx.mentions:
        span = idx.span(m) if m.start >= words.end_char else None
        if span is not None and m.type not in NATIONALITY and any(lemma(t) == noun for t in span):
            return m
    return None


def _opposition_words(idx: _Index, start: int) -> set[str]:
    """The opposition words of the label that starts at `start`."""
    token = next((t for t in idx.doc if t.idx == start), None)
    if token is None:
        return set()
    return {lemma(t) for t in idx.doc[token.i:token.i + 6]} & heads().opposition_nouns


def _against(token: Token) -> bool:
    """"anti-Varnia terrorists", "pro-Moscow separatists": the name is whom they stand against or
    for, not their own."""
    doc = token.doc
    before = [doc[i].lower_ for i in range(max(0, token.i - 2), token.i)]
    return any(w.rstrip("-") in heads().stance_prefixes for w in before) or any(
        token.lower_.startswith(p + "-") for p in heads().stance_prefixes)


def _descriptive_references(doc: Doc, idx: _Index, taken: set[int],
                             described: Sequence[tuple[int, str, Mention]]) -> list[Label]:
    """"the terror group", "the Tolarian dictator", "his terror-linked allies" after the actor was named.
    Only definite phrases refer back; one with its own complement ("the bombing of Varzeh") is a
    description of something else."""
    h, out = heads(), []
    for token in doc:
        if token.i in idx.at or token.i in taken or not (is_describing(token) or _opposition_name(idx, token)):
            continue
        lefts, rights = list(token.lefts), list(token.rights)
        words = phrase(token)
        national = _opposing(words) and any(t.i in idx.at and idx.at[t.i].type in NATIONALITY for t in words)
        if any(c.i in idx.at and idx.at[c.i].type in types(token) and not national
               for c in lefts if c.dep_ in ("compound", "amod", "nmod")):
            continue  # "SVO terrorists" describes the SVO (see _describing_head); "Tolarian dictator" not Tolaria
        if any(c.i in idx.at and idx.at[c.i].type in ("PERSON", "ORG")
               for c in lefts if c.dep_ in ("compound", "nmod")):
            continue  # "the Zarani regime" is Zarani's, not the last group named before it
        if any(c.dep_ == "prep" and c.lower_ in ("of", "on", "against", "in", "by") for c in rights):
            continue
        if any(c.dep_ == "poss" and c.pos_ == "NOUN" for c in lefts):
            continue  # "black people's movement", "the country's rulers": a thing of those, no one named
        if lemma(token) not in h.epithets and any(c.lower_ in h.unnamed_adjectives for c in lefts
                                                   if c.dep_ in ("amod", "compound")):
            continue  # "the international community" is no one actor the text names ("global arrogance" is)
        if token.tag_ in ("NNS", "NNPS") and lemma(token) in h.ruling_nouns:
            ruling = government(idx.mentions, idx.organs, token) if any(c.lower_ in h.definite for c in lefts) else None
            out += [_label(ruling, words)] if ruling is not None else []
            continue
        if token.tag_ in ("NNS", "NNPS") and lemma(token) not in h.member_nouns:
            continue
        quoted = shared.scare_quoted(words) and not types(token) <= h.same_head_only  # a party's, not "a “massacre”"
        if not (national or lemma(token) in h.epithets or quoted or any(
                c.lower_ in h.definite or c.dep_ == "poss" for c in lefts)):
            continue  # "a group" introduces one; "Varnian rebels" are the one group the account names
        referent = _referent(idx, token, words, described)
        if referent is not None and (referent.type in types(token) or (
                _opposing(words) and referent.type not in NATIONALITY)):
            out += [_label(referent, words), *(_label(referent, s) for s in _known_as_description(token))]
    return out


def _known_as_description(token: Token) -> list[Span]:
    """"the rebels--known primarily as an Islamic socialist guerrilla organization": what a
    described actor is further known as."""
    h = heads()
    return [phrase(o) for verb in token.children if verb.dep_ == "acl" and verb.lemma_.lower() in h.naming_verbs
            for prep in verb.children if prep.dep_ == "prep" and prep.lower_ in h.predicative_preps
            for o in prep.children if o.dep_ == "pobj" and is_describing(o)]


def _designations(doc: Doc, idx: _Index) -> list[Label]:
    """"their designation as "traitors" (khaenin)", "the SVO's listing as a terrorist group":
    what its owner is named, and another word for it in brackets right after."""
    out = []
    for token in doc:
        after = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if (lemma(token) not in heads().designation_nouns or after is None
                or after.lower_ not in heads().predicative_preps):
            continue
        owner = next((c for c in token.lefts if c.dep_ == "poss"), None)
        named = _owner(idx, owner) if owner is not None else None
        said = next((t for t in after.children if t.dep_ == "pobj" and t.pos_ == "NOUN"), None)
        if named is None or said is None:
            continue
        out.append(_label(named, phrase(said)))
        gloss = _bracketed_word(doc, said.i + 1)
        out += [_label(named, gloss)] if gloss is not None else []
    return out


def _bracketed_word(doc: Doc, i: int) -> Span | None:
    """"(khaenin)" at token i, after any closing quotation mark: one lower-case word in brackets."""
    while i < len(doc) and doc[i].is_quote:
        i += 1
    if i + 2 < len(doc) and doc[i].text == "(" and doc[i + 2].text == ")" and doc[i + 1].text.islower():
        return doc[i + 1:i + 2]
    return None


def _owner(idx: _Index, owner: Token) -> Mention | None:
    """Whom a possessive names: its name, or for "their" or "its" the last group named before
    it in its sentence or the one before (not a nationality said of something else), for "his"
    or "her" the last person."""
    if owner.i in idx.at:
        return idx.at[owner.i]
    wanted = {"his": ("PERSON",), "her": ("PERSON",)}.get(owner.lower_, ("ORG", "NORP", "GPE"))
    sentence = bisect_right(idx.sentence_starts, owner.idx) - 1
    first = idx.sentence_starts[max(0, sentence - 1)]
    for m in reversed([m for m in idx.mentions if first <= m.start and m.end <= owner.idx]):
        span = idx.span(m)
        if m.type in wanted and span is not None and span.root.pos_ != "ADJ":
            return m
    return None


def _opposition_name(idx: _Index, token: Token) -> bool:
    """"the Varnian Resistance": an opposition word capitalised after a nationality, a description
    all the same."""
    before = idx.at.get(token.i - 1)
    return lemma(token) in heads().opposition_nouns and before is not None and before.type in NATIONALITY


def actor_labels(doc: Doc, mentions: Sequence[Mention], organs: Sequence[Mention] = (),
                 segments: Sequence[Segment] = ()) -> list[Label]:
    """Labels for every actor named in `mentions`, in text order, one per (actor, span).

    `doc` is the spaCy Doc of the whole stored text; Label.entity_key is the mention's key. The
    words before an organ's owner are the organ's ("the terrorist Zarani regime": the regime's).
    """
    idx, labels = _Index(doc, mentions, organs, segments), []
    organ_at = {o.start: o for o in organs}
    described: list[tuple[int, str, Mention]] = []  # (start, head noun, actor) of every label found
    for m in idx.mentions:
        span = idx.span(m)
        if span is None:
            continue
        before = _premodifiers(m, span)
        organ = organ_at.get(m.start)
        if before is not None and organ is not None and organ.end > m.end:
            labels.append(_label(organ, before))
            before = None
        described_head = _describing_head(idx, m, span)
        if (described_head is not None and organ is not None and organ.end >= described_head.end_char
                and m.type in NATIONALITY and (lemma(described_head.root) in heads().member_nouns
                                               or organ.end == described_head.end_char)):
            labels.append(_label(organ, described_head))  # "Tolarian militants" are forces, not Tolaria;
            # "the Telsk regime" is the regime's name, no word for Telsk
            described_head = None
        cast = _predicatives(idx, m, span)  # "the massacre was a pivotal moment": a judged word fits an event
        found = [before, described_head, _descriptive_name(span), _known_as(idx, m, span), *_appositions(idx, m, span)]
        kept = [s for s in (shared.after_bracket(f) for f in [*found, *cast] if f is not None)
                if len(s) and s.text.strip() and shared.fits_kind(m, s, judged=s in cast)]
        labels += [_label(m, s) for s in kept]
        described += [(s.start_char, noun_of(s.root), m) for s in kept]
    taken = {t.i for lab in labels for t in doc.char_span(lab.start, lab.end, alignment_mode="expand") or ()}
    labels += _descriptive_references(doc, idx, taken, sorted(described, key=lambda d: d[0]))
    labels += _designations(doc, idx)
    unique = {(lab.entity_key, lab.start, lab.end): lab for lab in labels}
    return sorted(unique.values(), key=lambda lab: (lab.start, lab.end, lab.entity_key))
