"""The reader of one document for the event and claim stages: its parse with its mentions, labels
and timexes indexed by token, and what every clause needs to know about them (the named thing a
noun phrase stands for, a verb's subject, a pronoun's antecedent, the places a phrase names, the
date a clause is given). The words are those of data/events.yaml."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

from spacy.tokens import Doc, Token

from rashomon.data import load
from rashomon.extract.event_words import lexicon
from rashomon.extract.labels.words import is_describing
from rashomon.extract.organs import owned_by
from rashomon.names import name_key
from rashomon.records import PLACE_TYPES, Framing, Label, Mention, Timex

NAMED_THINGS = ("LAW", "WORK_OF_ART", "PRODUCT", "FAC")  # named things a definite noun can take up


class Reader:
    """One document's parse with its mentions, labels and timexes indexed by token."""

    def __init__(self, doc: Doc, mentions: Sequence[Mention], labels: Sequence[Label], timexes: Sequence[Timex],
                 place_keys: frozenset[str]):
        self.doc, self.lex, self.place_keys = doc, lexicon(), place_keys
        # the sentence of every token, computed once (Token.sent walks the Doc at every access)
        self.sentence_of: dict[int, tuple[int, int]] = {
            t.i: (s.start, s.end) for s in doc.sents for t in s}
        self.mention_at: dict[int, Mention] = {}
        dates = [(t.start, t.end) for t in timexes if t.value]
        for m in mentions:
            if any(a <= m.start and m.end <= b for a, b in dates):
                continue  # "12 Mehr 1375": a month of another calendar inside a date, no place
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            for t in span or ():
                self.mention_at.setdefault(t.i, m)
        self.label_at: dict[int, str] = {}
        for lb in labels:
            for t in doc.char_span(lb.start, lb.end, alignment_mode="expand") or ():
                self.label_at.setdefault(t.i, lb.entity_key)
        # a one-word label the document gives one actor only ("hypocrites"): that actor, wherever it stands
        worded: dict[str, set[str]] = {}
        for lb in labels:
            if re.fullmatch(r"[A-Za-z]+", lb.text):
                worded.setdefault(lb.text.lower(), set()).add(lb.entity_key)
        self.label_word: dict[str, str] = {w: next(iter(keys)) for w, keys in worded.items() if len(keys) == 1}
        self.countries = frozenset(name_key(c) for c in (*self.lex.demonyms.values(), *self.lex.country_aliases))
        self.sentence_starts = sorted({start for start, _ in self.sentence_of.values()})
        # the places the document names, no country, in text order
        self.places = sorted((m for m in mentions if self.is_place(m) and m.key not in self.countries),
                             key=lambda m: m.start)
        self._refer_to_places(doc)
        self.all_timexes = timexes
        self.timexes = [(n, t) for n, t in enumerate(timexes)  # dated on the calendar, in the narrative
                        if t.value and t.context is None and ((t.type == "DATE" and t.value[:1].isdigit()) or (
                            t.type == "TIME" and re.match(r"\d{4}-\d{2}-\d{2}T", t.value)))]  # "7 pm, on July 25"
        self.recent: list[Mention] = []  # actors seen so far, for pronouns
        # every noun subject seen so far: (token index, plural, whether a name stands for it)
        self.subjects: list[tuple[int, bool, bool]] = []
        self.named_events = sorted((m for m in mentions if m.type == "EVENT"), key=lambda m: m.start)
        self.named_things = sorted((m for m in mentions if m.type in NAMED_THINGS), key=lambda m: m.start)
        flight = str(load("entities.yaml")["event_names"]["flight"]).lower()
        flights = {m.key: m for m in self.named_events if flight in m.text.lower().split()}
        # the one numbered flight a document names: what "the plane", "an airliner" there stand for
        self.flight = next(iter(flights.values())) if len(flights) == 1 else None
        self.framing: list[Framing] = []  # the document's hedges

    def _refer_to_places(self, doc: Doc) -> None:
        """"the town's hospital": a place noun after a definite determiner stands for the last
        place named a few sentences before (not a country); "the town of X" names X itself; so
        does "it" taken, attacked or entered ("advanced towards X and captured it")."""
        places = self.places
        for token in doc:
            taken = token.lower_ == "it" and token.dep_ == "dobj" and self.lex.verbs.get(
                token.head.lemma_.lower()) in self.lex.place_object_types  # "entered X and captured it"
            if not taken and (token.lemma_.lower() not in self.lex.place_references or token.i in self.mention_at
                              or not any(c.dep_ == "det" and c.lower_ in self.lex.place_reference_determiners
                                         for c in token.lefts)
                              or any(c.dep_ == "prep" and c.lower_ == "of" for c in token.rights)):
                continue
            before = [m for m in places if m.end <= token.idx]
            if not before:
                continue
            place = before[-1]
            if place.start >= self.since(token, self.lex.place_reference_sentences):
                self.mention_at[token.i] = Mention(token.idx, token.idx + len(token.text), token.text,
                                                   place.type, place.key)

    # ------------------------------------------------------------ who

    def entity_of(self, token: Token, depth: int = 2, owners_only: bool = False) -> Mention | None:
        """The named thing a noun phrase stands for: a mention on its head, a label, a pronoun's
        antecedent, or a name or nationality among its modifiers ("SVO forces", "Varnian forces",
        "the crew of X", "officers aboard X"). With `owners_only`, an "of" phrase is not searched
        ("the bombing of Varzeh" is not Varzeh's). A name after "pro-" or "anti-" is a stance, not
        the party ("pro-Moscow protesters" are not Moscow's), and so are those a follower noun is "of"
        ("supporters of X" are not X)."""
        if self.stance_marked(token):
            return None
        if token.i in self.mention_at and not (
                self.mention_at[token.i].type == "NORP" and token.text in self.lex.demonyms):
            return self.mention_at[token.i]
        if token.i in self.label_at:
            return self._by_key(self.label_at[token.i])
        if (named := self.thing_named_before(token)) is not None:
            return named  # "the U.N. resolution" after "Resolution 417": the resolution, not the U.N.
        if token.lower_ in self.lex.thing_pronouns and (craft := self._craft_before(token)) is not None:
            return self.craft_named(craft)  # "fired at it" after "the jetliner": the flight, or no one
        if token.lower_ in self.lex.pronouns:
            if self._unnamed_antecedent(token):
                return None
            wanted, subject = self.lex.pronouns[token.lower_], self._own_subject(token)
            return self._according_to(token, wanted) or next((m for m in reversed(self.recent) if m.type in wanted and (
                subject is None or m.key != subject.key)), None)
        if token.text in self.lex.demonyms:  # "Varnian forces": Varnia, under the key the document's
            country = self.lex.demonyms[token.text]  # own "Varnian" has, which resolve joins to the country
            own = self.mention_at.get(token.i)
            return Mention(token.idx, token.idx + len(token.text), token.text, "GPE",
                           own.key if own is not None else name_key(country))
        if depth == 0:
            return None
        owners_only = owners_only or token.lemma_.lower() in self.lex.follower_nouns  # "supporters of X": not X
        for child in token.children:
            if child.dep_ in ("compound", "amod", "poss", "nmod", "nummod") or (
                    child.dep_ == "prep" and child.lower_ in ("of", "aboard") and not owners_only):
                inner = child if child.dep_ != "prep" else next((c for c in child.children if c.dep_ == "pobj"), None)
                if inner is not None and token.like_num and inner.lower_ in self.lex.pronouns:
                    continue  # "five of them": of the people just counted, not of the last party named
                if inner is not None and (found := self.entity_of(inner, depth - 1)):
                    return found
        return None

    def _craft_before(self, pronoun: Token) -> Token | None:
        """The last word for an aircraft before a thing pronoun that is an object in its sentence
        ("believed the jetliner was hostile and fired two missiles at it", "shot it down"), which the
        pronoun stands for rather than a party named before. A subject is left to the parties ("...
        tracked the airliner; it said it had fired in self-defence")."""
        if pronoun.dep_ not in ("dobj", "pobj", "dative"):
            return None
        first, _ = self.sentence_of[pronoun.i]
        return next((t for t in reversed(self.doc[first:pronoun.i]) if t.pos_ == "NOUN"
                     and t.lemma_.lower() in self.lex.craft_nouns), None)

    def note_subject(self, token: Token, named: bool) -> None:
        """Remember a noun subject, named or not, for the pronouns after it (a word the document
        labels one actor with, "hypocrites", or a word that may describe one, "the rebels", may
        stand for a party named before: "they" after it is left to the parties named)."""
        if token.tag_ in ("NN", "NNS", "NNP", "NNPS"):
            named = named or token.lower_ in self.label_word or is_describing(token)
            self.subjects.append((token.i, token.tag_ in ("NNS", "NNPS"), named))

    def _unnamed_antecedent(self, pronoun: Token) -> bool:
        """Whether a "they" or "it" stands for the unnamed subject before it, not for the last party
        named ("The attackers seized arms. Then they attacked the barracks": not the prosecutor's
        office the text named before): the last noun subject of its number, in its sentence or the
        one before, is one no name stands for."""
        plural = {"they": True, "them": True, "their": True, "it": False, "its": False}.get(pronoun.lower_)
        if plural is None:
            return False
        earliest = bisect_right(self.sentence_starts, pronoun.i) - 2
        earliest = self.sentence_starts[max(0, earliest)]
        last = next((s for s in reversed(self.subjects) if s[0] < pronoun.i and s[1] == plural), None)
        return last is not None and last[0] >= earliest and not last[2]

    def _own_subject(self, pronoun: Token) -> Mention | None:
        """What the subject of a pronoun object's own clause names: "the government supported them"
        cannot mean the government (an object pronoun is never its own clause's subject)."""
        if pronoun.dep_ not in ("dobj", "dative", "pobj"):
            return None
        verb = pronoun.head.head if pronoun.dep_ == "pobj" else pronoun.head
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i != pronoun.i), None)
        if subject is None or subject.lower_ in self.lex.pronouns:
            return None
        return self.entity_of(subject, depth=1, owners_only=True)

    def _according_to(self, pronoun: Token, wanted: tuple[str, ...]) -> Mention | None:
        """The party a sentence's figure or story is given on, when a pronoun after it stands for
        that party: "According to Chad, it had shelled the camp to cover its unit"."""
        first, _ = self.sentence_of[pronoun.i]
        for to in self.doc[first:pronoun.i]:
            if to.lower_ == "to" and to.i > first and self.doc[to.i - 1].lower_ == "according":
                party = next((c for c in to.children if c.dep_ == "pobj"), None)
                if party is not None and party.left_edge.i <= pronoun.i <= party.right_edge.i:
                    continue  # "according to his office": "his" is the party's own, not given on its word
                found = self.entity_of(party, depth=1) if party is not None else None
                if found is not None and found.type in wanted:
                    return found
        return None

    def stance_marked(self, token: Token) -> bool:
        """Whether a name is written with a prefix of stance: "pro-Moscow", "anti-Junta"."""
        i = token.i
        words = [t.lower_ for t in self.doc[max(0, i - 2):i]]
        if words[-1:] == ["-"] and len(words) == 2:
            return words[0] in self.lex.stance_prefixes
        head, _, rest = token.lower_.partition("-")
        return bool(rest) and head in self.lex.stance_prefixes

    def _by_key(self, key: str) -> Mention | None:
        """The mention a label's key names; an organ's owner's for an organ's ("the regime")."""
        found = next((m for m in reversed(self.recent) if m.key == key), None) or next(
            (m for m in self.mention_at.values() if m.key == key), None)
        return found or (self._by_key(owned[1]) if (owned := owned_by(key)) else None)

    def subject(self, verb: Token) -> tuple[Token | None, bool]:
        """The verb's subject token and whether the verb is passive; a verb without one shares
        the subject of the verb it is coordinated with or depends on."""
        if verb.tag_ == "VBN" and verb.dep_ == "acl" and any(c.dep_ == "dobj" for c in verb.children):
            return verb.head, False  # "a strike killed 19 people" parsed as a participle on "strike": it did it
        if _bare_participle(verb) or self._claimed_by_others(verb):
            return None, True
        passive = any(c.dep_ == "auxpass" for c in verb.children) or (verb.tag_ == "VBN" and verb.dep_ == "acl")
        # a participle with a subject but no auxiliary and no object: "claiming 2,000 fighters killed",
        # "50 Killed in Raid"
        passive = passive or (verb.tag_ == "VBN" and any(c.dep_ == "nsubj" for c in verb.children)
                              and not any(c.dep_ in ("aux", "auxpass", "dobj") for c in verb.children))
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass") and not self._address_tail(child):
                if child.tag_ in ("WDT", "WP") and verb.dep_ == "relcl":  # "a flight that was shot down"
                    return self._antecedent(child, verb.head), passive or child.dep_ == "nsubjpass"
                return child, passive or child.dep_ == "nsubjpass"
        if (fronted := self._after_a_fronted_date(verb) or _after_a_fronted_clause(verb)) is not None:
            return fronted, passive
        if (presumed := self.presumption(verb)) is not None and presumed.dep_ == "acl" and (
                presumed.head.pos_ in ("NOUN", "PROPN")):  # "a flight presumed to have been shot down"
            return _said_to_be(presumed.head), passive
        if (kept := self.kept_from(verb)) is not None:
            return kept, passive  # "prevented aid workers from entering the camp": the aid workers enter
        head, seen = verb, 0
        while head.dep_ in ("conj", "advcl", "xcomp", "pcomp", "acl", "relcl", "prep", "pobj") and seen < 4:
            if head.dep_ in ("acl", "relcl") and head.head.pos_ == "NOUN" and head.head.lemma_.lower() in (
                    self.lex.nouns) and (head.tag_ != "VBN" or any(c.dep_ == "dobj" for c in head.children)):
                return head.head, passive  # "condemned X for the attacks that Y says killed 5,000": the attacks
            head, seen = head.head, seen + 1
            if head.pos_ == "NOUN" and head.lemma_.lower() in self.lex.hearsay_nouns:
                return None, passive  # "remembered the anniversary of slaughtering 254": not the doers
            own = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass") and c.tag_ not in ("WDT", "WP")
                        and not self._address_tail(c)), None)
            if head.dep_ in ("relcl", "acl") and head.head.pos_ in ("NOUN", "PROPN") and own is None:
                # not "the theory that the police used gas to kill"; "troops fired on civilians trying
                # to flee": the civilians fled, not the troops
                return _said_to_be(head.head), passive
            for child in head.children:
                if child.dep_ in ("nsubj", "nsubjpass") and not self._address_tail(child):
                    # "was supplied and financed by X": both passive; "X was shelled by Y, killing 26": the
                    # participle shares the passive's roles
                    return child, passive or (child.dep_ == "nsubjpass" and (
                        (verb.dep_ == "conj" and verb.tag_ == "VBN") or verb.tag_ == "VBG"))
        return None, passive

    def kept_from(self, verb: Token) -> Token | None:
        """Whom a verb of preventing keeps from the deed "from" + gerund names ("barred journalists
        from entering": the journalists), else None."""
        keeping = verb.head.head
        if verb.dep_ != "pcomp" or verb.head.lower_ != "from" or keeping.lemma_.lower() not in self.lex.preventing:
            return None
        return next((c for c in keeping.children if c.dep_ == "dobj"), None)

    def presumption(self, verb: Token) -> Token | None:
        """The participle of presumption a deed is told under, without a subject of its own ("crashed
        on 17 May, presumed to have been shot down", "a ship believed to have been torpedoed")."""
        raised = verb
        while raised.dep_ == "xcomp" and raised.head.i != raised.i:
            raised = raised.head
        if raised.i == verb.i or raised.dep_ not in ("advcl", "acl", "conj") or raised.tag_ not in ("VBN", "VBD") or (
                raised.lemma_.lower() not in self.lex.presuming_verbs) or any(
                c.dep_.startswith("nsubj") for c in raised.children):
            return None
        return raised

    def _after_a_fronted_date(self, verb: Token) -> Token | None:
        """"On 9 August 1998 the soldiers fired ...": the parse may take the date and the subject
        after it for one phrase, the object of "On"; the noun after the date, before the verb, is
        the subject."""
        for prep in (c for c in verb.children if c.dep_ == "prep" and c.i < verb.i):
            for noun in (c for c in prep.children if c.dep_ == "pobj" and c.i < verb.i):
                first = noun.left_edge
                if self.date_at(first) is not None and self.date_at(noun) is None and first.i < noun.i:
                    return noun
        return None

    def _claimed_by_others(self, verb: Token) -> bool:
        """Whether a verb tells a claim's content with a pronoun as its subject ("accepted their claims
        that they shot at gunmen"): the pronoun is the claimants', whom the parse does not name; the
        one who accepts, rejects or reports the claim is not the doer."""
        if verb.dep_ not in ("acl", "ccomp") or not any(
                c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in self.lex.pronouns for c in verb.children):
            return False
        claim = verb.head if verb.dep_ == "acl" else next(  # the parse may hang the clause on the verb
            (c for c in verb.head.children if c.dep_ == "dobj" and c.i < verb.i), None)
        return claim is not None and claim.lemma_.lower() in self.lex.hearsay_nouns

    def _antecedent(self, pronoun: Token, head: Token) -> Token:
        """Whom a relative "who" stands for: not a place the parser hung it on ("the group, operating
        from bases in Tolaria, who had crossed ..." is the group), but the nearest noun above it that
        is no place; what "which" stands for: the deed a place it was hung on is of ("the shelling
        of Tarsk, which killed 40": the shelling killed)."""
        if pronoun.lower_ != "who":
            deed = head.head.head if head.dep_ == "pobj" else head  # "the shelling of Tarsk, which killed 40"
            place = (m := self.mention_at.get(head.i)) is not None and self.is_place(m)
            deed_of_place = place and deed.pos_ == "NOUN" and deed.lemma_.lower() in self.lex.nouns
            return deed if deed_of_place else _said_to_be(head)
        found, steps = head, 0
        while steps < 6 and (((m := self.mention_at.get(found.i)) is not None and self.is_place(m))
                             or found.pos_ not in ("NOUN", "PROPN")):
            if found.head is found:
                return head
            found, steps = found.head, steps + 1
        return _said_to_be(found) if steps < 6 else head

    # ------------------------------------------------------------ what, where, when

    def craft_named(self, noun: Token) -> Mention | None:
        """The numbered flight a word for an aircraft stands for ("a Varnian passenger plane was shot
        down" where the document names one flight only, "Flight 412"): what a deed befell."""
        return self.flight if noun.lemma_.lower() in self.lex.craft_nouns and noun.pos_ == "NOUN" else None

    def places_under(self, token: Token, skip_first: bool = False) -> list[Mention]:
        """Place mentions in a phrase and its coordinations, not crossing into another clause."""
        out, stack = [], [token]
        while stack:
            t = stack.pop()
            m = self.mention_at.get(t.i)
            governs = t.dep_ in ("compound", "amod", "nmod", "poss") and (
                t.head.lemma_.lower() in self.lex.governing_nouns)
            if m and m not in out and (self.is_place(m) or self._conjunct_of_place(t)) and not governs:
                out.append(m)  # not "the Kiev authorities": who governs there
            stack += [c for c in t.children if c.pos_ not in ("VERB", "AUX") and c.dep_ != "relcl"]
        return out

    def _address_tail(self, token: Token) -> bool:
        """Whether a place taken for a subject ends an address ("shelled the compound in Qana, Lebanon
        killing 106": the parse made Lebanon the one killing): a place right after another and a comma."""
        here, before = self.mention_at.get(token.i), self.mention_at.get(token.i - 2) if token.i > 1 else None
        return (here is not None and before is not None and self.doc[token.i - 1].text == ","
                and token.head.tag_ == "VBG"  # not "... at the Hotel, Israel targeted X": a finite verb's
                and self.is_place(here) and self.is_place(before))

    def is_place(self, mention: Mention) -> bool:
        return mention.type in PLACE_TYPES or mention.key in self.place_keys

    def named_by_apposition(self, token: Token) -> Mention | None:
        """The named operation an event noun or clause stands beside: "Operation Kaman, a
        counteroffensive that decimated ...", "the anniversary of Operation Kaman — a four-day
        operation"."""
        head = token.head if token.dep_ == "relcl" or (token.pos_ == "VERB" and any(
            c.dep_ == "nsubj" and c.tag_ in ("WDT", "WP") for c in token.children)) else token
        candidates = [head]
        while candidates[-1].dep_ == "appos" and len(candidates) < 4:
            candidates.append(candidates[-1].head)
        if len(candidates) == 1 and head is not token and head.i not in self.mention_at:
            return None
        for candidate in candidates:
            m = self.mention_at.get(candidate.i)
            if m and m.type == "EVENT":
                return m
            of = next((c for c in candidate.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            obj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
            if candidate.lemma_.lower() in self.lex.starter_nouns and obj is not None:
                m = self.mention_at.get(obj.i)
                if m and m.type == "EVENT":
                    return m
        return None

    def event_named(self, token: Token) -> Mention | None:
        """The named event an event noun stands for: its name beside it ("Operation X, a 16-day
        campaign") or a description of it ("the 17-day operation" after "Operation X", see
        `labels`)."""
        if token.i in self.label_at:
            found = self._by_key(self.label_at[token.i])
            if found is not None and found.type == "EVENT":
                return found
        return self.named_by_apposition(token) or self.named_before(token)

    def since(self, token: Token, sentences: int) -> int:
        """Where the text starts that a reference at `token` may reach back over: its own sentence
        and the `sentences` before it (a character offset)."""
        here = bisect_right(self.sentence_starts, token.i) - 1
        return self.doc[self.sentence_starts[max(0, here - sentences)]].idx

    def thing_named_before(self, token: Token) -> Mention | None:
        """A named thing (a law, a work, a ship, a building) a definite noun takes up by its own word:
        "the resolution" after "Resolution 417", "the treaty" after "the Treaty of Kars", within a
        few sentences."""
        return self._taken_up(token, self.named_things)

    def place_named_before(self, token: Token) -> Mention | None:
        """A place (no country) a definite noun takes up by its own word: "this gorge" after "the
        Panjdora Gorge", within a few sentences."""
        return self._taken_up(token, self.places)

    def _taken_up(self, token: Token, named: Sequence[Mention]) -> Mention | None:
        """The last of `named`, a few sentences back, whose name holds the word of a definite noun."""
        if token.pos_ != "NOUN" or not any(c.dep_ == "det" and c.lower_ in self.lex.place_reference_determiners
                                           for c in token.children):
            return None
        earliest, word = self.since(token, 4), token.lemma_.lower()
        return next((m for m in reversed(named) if earliest <= m.start < token.idx
                     and word in re.findall(r"[a-z]+", m.text.lower())), None)

    def named_before(self, token: Token) -> Mention | None:
        """"This operation started on ...", "the offensive was halted": an event noun with a
        demonstrative (or "the", in the next sentence) stands for the named event of its kind the
        text named last, a few sentences before."""
        det = next((c.lower_ for c in token.children if c.dep_ == "det"), None)
        reach = {"this": 4, "that": 4, "the": 1}.get(det or "")
        kind = self.lex.nouns.get(token.lemma_.lower())
        if reach is None or kind is None:
            return None
        earliest = self.since(token, reach)
        for m in reversed(self.named_events):
            if m.start >= token.idx:
                continue
            if m.start < earliest:
                return None
            words = re.findall(r"[a-z]+", m.text.lower())
            if det == "the" and any(c.dep_ == "compound" and c.pos_ in ("NOUN", "PROPN") and c.lower_ not in words
                                    for c in token.children):
                return None  # "the disobedience campaign" after "the X massacre": a campaign of its own
            kinds = {self.lex.nouns[w] for w in words if w in self.lex.nouns}
            return m if not kinds or kind in kinds else None
        return None

    def _conjunct_of_place(self, token: Token) -> bool:
        """In "Hamadan and Morvan", both are places even when the model typed one as a person."""
        linked = [token.head] if token.dep_ == "conj" else []
        linked += [c for c in token.children if c.dep_ == "conj"]
        return any((m := self.mention_at.get(t.i)) and self.is_place(m) for t in linked)

    def timexes_value(self, n: int) -> str | None:
        """The date a timex gives an event: a clock time's day ("7 pm, on July 25")."""
        t = self.all_timexes[n]
        return t.value[:10] if t.type == "TIME" and t.value and re.match(r"\d{4}-\d{2}-\d{2}T", t.value) else t.value

    def date_for(self, tokens: list[Token], word: Token | None = None) -> int | None:
        """The index of the date timex inside the clause's tokens, preferring the earliest, and
        not the event's own `word` read as a date ("the fall of X on Wednesday": no autumn)."""
        lo, hi = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
        inside = [(n, t) for n, t in self.timexes if lo <= t.start and t.end <= hi
                  and not (word is not None and t.start <= word.idx < t.end and _bare(t.text) == word.lower_)]
        return inside[0][0] if inside else None

    def opening_date(self, token: Token) -> int | None:
        """A date that opens the sentence, set off by a comma ("On July 3, 1988, two missiles fired
        from the cruiser destroyed an airliner"), dates what follows it in the sentence."""
        first, _ = self.sentence_of[token.i]
        opening = self.doc[first:min(first + 3, len(self.doc))]
        for n, t in self.timexes:
            if (opening.start_char <= t.start < opening.end_char and t.end <= token.idx
                    and self.doc.text[t.end:t.end + 1] == ","):
                return n
        return None

    def date_told_before(self, verb: Token) -> int | None:
        """"On July 3 a plane was downed. This crime occurred when the cruiser fired": a verb of
        happening whose subject points back with "this" or "that" tells again what the sentence
        before told, whose one date dates it."""
        obj = next((c.lower_ for c in verb.children if c.dep_ == "dobj"), "")
        if not {verb.lemma_.lower(), f"{verb.lemma_.lower()} {obj}"} & self.lex.happening_verbs or not any(
                c.dep_.startswith("nsubj") and any(d.dep_ == "det" and d.lower_ in ("this", "that") for d in c.children)
                for c in verb.children):
            return None
        here = bisect_right(self.sentence_starts, verb.i) - 1
        before = [t for t in self.doc[self.sentence_starts[max(0, here - 1)]:self.sentence_starts[here]]
                  if not t.is_space]
        dates = [n for n, t in self.timexes if before and t.type == "DATE" and before[0].idx <= t.start
                 and t.end <= before[-1].idx + len(before[-1].text)]
        return dates[0] if len(dates) == 1 else None

    def date_at(self, token: Token) -> int | None:
        """The index of the date timex that covers this token, if one does."""
        return next((n for n, t in self.timexes if t.start <= token.idx < t.end), None)

    def duration_for(self, trigger: Token, tokens: list[Token]) -> int | None:
        """The index of a duration timex that says how long this event lasted: inside its clause and
        attached to it, not to another event noun ("the final battle of the eight-year war"); or
        the stretch of time the event noun is "of" ("after three days of fighting")."""
        lo, hi = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
        stretch = trigger.head.head if trigger.dep_ == "pobj" and trigger.head.lower_ == "of" else None
        for n, t in enumerate(self.all_timexes):
            if t.type != "DURATION" or not t.value:
                continue
            if stretch is not None and t.start <= stretch.idx < t.end:
                return n
            if not (lo <= t.start and t.end <= hi):
                continue
            after = self.doc.text[t.end:t.end + 12].split()
            before = self.doc.text[max(0, t.start - 8):t.start].split()
            if (after and after[0].lower().strip(",.") in self.lex.offset_words) or (
                    before and before[-1].lower() in self.lex.offset_words):
                continue  # "two days before the operation", "after three days": when, not how long
            if before and before[-1].lower() == "in" and any(
                    w.tag_ in ("JJS", "RBS") for w in trigger.subtree if w.idx < t.start):
                continue  # "the most extensive incursions in a decade": the time it ranks in, not its length
            span = self.doc.char_span(t.start, t.end, alignment_mode="expand")
            head = span.root if span is not None else None
            while head is not None and head != trigger and head.head != head:
                head = head.head
                if head != trigger and head.lemma_.lower() in self.lex.nouns:
                    head = None
            if head == trigger:
                return n
        return None


def _said_to_be(noun: Token) -> Token:
    """What a noun a copula says something is stands for: "Flight 9 was a passenger flight that was shot
    down": the flight shot down is Flight 9 (the subject), not an unnamed flight; not the "it" of a
    cleft ("it was pro-government forces that carried out the killings": the forces)."""
    if noun.dep_ == "attr" and noun.head.lemma_ == "be":
        return next((c for c in noun.head.children if c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN")), noun)
    return noun


def _bare(text: str) -> str:
    """A phrase without its determiner: "The fall" -> "fall"."""
    return re.sub(r"^(?:the|a|an|this|that)\s+", "", text.lower())


def _after_a_fronted_clause(verb: Token) -> Token | None:
    """"After Varnia accepted the resolution, the group, with Tolarian support, crossed the border": the
    parse may hang the subject on the opening clause's object as an apposition, leaving the verb
    without one. The noun set off by a comma after the opening clause's object is the subject."""
    for clause in (c for c in verb.children if c.dep_ == "advcl" and c.i < verb.i
                   and any(m.dep_ == "mark" for m in c.children)):
        for obj in (c for c in clause.children if c.dep_ == "dobj"):
            for appos in (c for c in obj.children if c.dep_ == "appos" and c.i < verb.i):
                before = appos.left_edge.i - 1
                if before > obj.i and appos.doc[before].text == ",":
                    return appos
    return None


def _bare_participle(verb: Token) -> bool:
    """A past form set off by a comma after a clause, with no subject, auxiliary or object ("saw
    ten people lying on the ground, apparently hit"): a participle telling what befell someone, not
    a deed of the clause's subject, though the parse may tag it a past verb."""
    if verb.dep_ != "advcl" or verb.tag_ not in ("VBD", "VBN") or any(
            c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "dobj") for c in verb.children):
        return False
    before = next((t for t in reversed(verb.doc[max(0, verb.i - 3):verb.i]) if t.pos_ != "ADV"), None)
    return before is not None and before.text == ","

