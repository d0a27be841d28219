"""Events: who did what to whom, where and when, as one source tells it.

Each clause whose verb (or event noun: "the bombing of Varzeh") is in data/events.yaml becomes
an event with a PLOVER type, read off spaCy's dependency parse:
- actor: the subject, or the agent of a passive; a subject shared with a coordinated or
  governing verb ("pushed ... but was halted"); "SVO forces" and "Varnian forces" name the SVO
  and Varnia (data/demonyms.yaml); a pronoun or a descriptive reference ("the group", see
  `labels`) stands for the actor it refers to;
- target, places (every place of a coordination), the named operation it launches or begins,
  the date (a timex attached to the clause), the quantities inside the clause;
- the source it rests on: a quote, a cited work, an embedded post or the document itself;
- negation, and hedging: a Hedge span of the `framing` stage that governs the clause.
Boilerplate yields no events.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc, Token

from rashomon.extract.event_clauses import (
    accused,
    aimed_at,
    clause,
    date_of,
    listed_after_hearsay,
    named_subject,
    names_a_deed,
    sense,
    taken_up,
    told_again,
)
from rashomon.extract.event_words import Lexicon, lexicon
from rashomon.extract.framing import is_hedged
from rashomon.extract.reader import Reader
from rashomon.ingest.parse import text_of
from rashomon.names import name_key
from rashomon.records import (
    GROUP_TYPES,
    PLACE_TYPES,
    Citation,
    Event,
    Framing,
    Label,
    Mention,
    Quantity,
    Quote,
    Segment,
    Timex,
)

ACTOR_TYPES = ("PERSON", "ORG", "GPE", "NORP")


def _trigger_type(token: Token, lex: Lexicon) -> tuple[str, Token | None] | None:
    """The event type of a verb or noun, and for a starter ("launched X") the object it starts."""
    lemma = token.lemma_.lower()
    particle = next((c.lower_ for c in token.children if c.dep_ == "prt"), None)
    phrasal = f"{lemma} {particle}" if particle else None
    if token.pos_ == "VERB":
        if _people_so_called(token):
            return None  # "carried the wounded", "airlifting the dead and injured": people, no deed
        passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in token.children)
        if passive and lemma in lex.passive:
            return lex.passive[lemma], None
        if lemma in lex.starter_verbs | lex.ender_verbs | lex.intransitive_enders or phrasal in lex.starter_verbs:
            obj = next((c for c in token.children if c.dep_ in ("dobj", "attr", "nsubjpass")), None)  # "X was launched"
            if obj is None and token.dep_ == "acl" and token.tag_ == "VBN":
                obj = token.head  # "a campaign launched by Israel on April 11"
            elif obj is None and lemma in lex.intransitive_starters | lex.intransitive_enders:  # "X began on 26 July"
                obj = next((c for c in token.children if c.dep_ == "nsubj"), None)
                if obj is None and token.dep_ == "advcl" and token.tag_ == "VBG":
                    # "The X killings were a series of executions, starting on 19 July": the subject it hangs on
                    obj = next((c for c in token.head.children if c.dep_ == "nsubj"), None)
            if obj is not None and obj.lower_ in ("it", "this") and token.dep_ == "conj":
                # "The offensive began on 3 May and it was ended within three days": what began
                obj = next((c for c in token.head.children if c.dep_ in ("nsubj", "nsubjpass")), obj)
            return ("?", obj) if obj is not None else None
        if lemma in lex.crossing_verbs and _crosses_a_border(token, lex):
            return lex.crossing_type, token  # crossing the border opens an incursion
        kind = lex.verbs.get(phrasal) or lex.verbs.get(lemma)
        if kind and lemma in lex.needs_object and not passive and not any(c.dep_ == "dobj" for c in token.children):
            return None  # "the cruiser sank": no attack
        if kind and lemma in lex.dismissing_verbs and any(
                c.dep_ == "dobj" and (c.tag_ == "PRP" or c.ent_type_ == "PERSON") for c in token.children):
            return None  # "refused to fire him": dismissed, not shot at
        if kind in lex.done_with and any(c.dep_ == "prep" and c.lower_ == "with" for c in token.children):
            kind = lex.done_with[kind]  # "supported them with arms": material aid
        return (kind, None) if kind else None
    if token.pos_ in ("NOUN", "PROPN"):
        if lemma in lex.starter_nouns | lex.ender_nouns:
            of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            obj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
            return ("?", obj) if obj is not None else None
        if lemma in lex.nouns and token.pos_ == "NOUN" and token.dep_ != "compound":
            return lex.nouns[lemma], None
        if lemma in lex.nouns and token.pos_ == "PROPN" and token.dep_ in ("nsubj", "nsubjpass"):
            return lex.nouns[lemma], None  # "The X Massacre occurred on ...": its name's own noun
    return None


def _people_so_called(verb: Token) -> bool:
    """Whether a participle names the people it befell ("the wounded", "some of the injured", "the
    dead and injured"): it has a determiner, or stands where a noun does, or is joined to a noun
    phrase that has one, and has no subject or object of its own."""
    if verb.tag_ != "VBN" or any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "dobj") for c in verb.children):
        return False
    if any(c.dep_ == "det" for c in verb.children) or verb.dep_ in ("dobj", "pobj", "nsubj"):
        return True
    before = verb.doc[verb.i - 2] if verb.i >= 2 and verb.doc[verb.i - 1].dep_ == "cc" else None
    return before is not None and before.dep_ in ("dobj", "pobj", "nsubj") and any(
        c.dep_ == "det" for c in before.children)


def _crosses_a_border(verb: Token, lex: Lexicon) -> bool:
    """"crossed the border", "crossed into western Varnia": a crossing that opens an incursion."""
    for child in verb.children:
        if child.dep_ == "dobj" and child.lemma_.lower() in lex.frontier_nouns:
            return True
        if child.dep_ == "prep" and child.lower_ == "into":
            return True
    return False


def find_events(doc: Doc, segments: Sequence[Segment], mentions: Sequence[Mention], timexes: Sequence[Timex] = (),
                quantities: Sequence[Quantity] = (), quotes: Sequence[Quote] = (), citations: Sequence[Citation] = (),
                labels: Sequence[Label] = (), place_keys: frozenset[str] = frozenset(),
                framing: Sequence[Framing] = ()) -> list[Event]:
    """Events in `doc`, in text order, with every reference given as an entity key or an index into
    the document's own timexes and quantities. `place_keys` are the keys of entities known to be
    places, whatever type the model gave a mention of them."""
    reader, lex = Reader(doc, mentions, labels, timexes, place_keys), lexicon()
    reader.framing = [f for f in framing if f.technique == "Hedge"]
    text = text_of(doc)
    blocked = [(s.start, s.end) for s in segments if s.kind in ("boilerplate", "byline", "heading")]
    posts = [(n, s) for n, s in enumerate(segments) if s.kind == "embedded_post"]
    events, senses = [], {}  # noun of two senses -> the type this document gave it
    for token in doc:
        if token.dep_ in ("nsubj", "nsubjpass") and token.lower_ not in lex.pronouns:
            subject = reader.entity_of(token, depth=1, owners_only=True)
            if subject is not None and subject.type in ACTOR_TYPES:
                reader.recent.append(subject)
            reader.note_subject(token, subject is not None)
        if any(a <= token.idx < b for a, b in blocked):
            continue
        found = _trigger_type(token, lex)
        if not found or _inside_a_name(token, reader) or any(
                c.dep_ == "dobj" and c.lower_ in lex.reflexives for c in token.children):
            continue  # "shot himself in the foot": no deed against another
        kind, started = found
        kind, name = sense(token, kind, senses, lex), None
        if token.pos_ == "PROPN":  # the head noun of a name: the named event, if it is one
            name = reader.mention_at.get(token.i)
            if name is None or name.type != "EVENT" or name.end != token.idx + len(token.text):
                continue
        if started is not None:
            named = reader.mention_at.get(started.i)
            if named and named.type == "EVENT":
                kind, name = lex.named_type, named
            elif started.lemma_.lower() in lex.nouns:
                kind = sense(started, lex.nouns[started.lemma_.lower()], senses, lex)
                name = reader.event_named(started)  # "a campaign launched ...", beside its name
            elif started is not token and started.pos_ == "NOUN" and started.lemma_.lower() in lex.verbs:
                kind, started = lex.verbs[started.lemma_.lower()], None  # "opened fire": the firing itself
            elif started is not token:  # a crossing starts itself
                continue
        event = _event(token, kind, name, reader, text, quantities, quotes, citations, posts)
        event = taken_up(token, event, events, reader)
        events.append(replace(event, onset=started is not None and lex.phase(token) is None))
    return _share_operation_roles(told_again(events, doc))


def _told_as_time_or_hearsay(noun: Token, verb: Token, reader: Reader) -> bool:
    """Whether an event noun hangs on its clause's verb through a time ("during the month of the
    battle", "from the start of the war") or a claim of it ("found claims of a massacre baseless",
    one of a list of charges): then the verb's subject, who visited or found, did not do it."""
    if noun.lemma_.lower() in reader.lex.time_nouns and noun.head.pos_ == "ADP":
        return True  # "from the start of the war": the starting point of a time, no deed of the subject
    between = noun.head
    while between.i != verb.i and between.head.i != between.i:
        if (between.pos_ == "ADP" and between.lower_ in reader.lex.time_prepositions) or (
                between.pos_ == "NOUN" and between.lemma_.lower() in reader.lex.hearsay_nouns | reader.lex.time_nouns):
            return True
        between = between.head
    return listed_after_hearsay(noun, reader)


def _befalls_subject(token: Token, reader: Reader) -> bool:
    """Whether an event noun befalls its clause's subject ("came under attack", "victims of pogroms",
    "walked into an ambush")."""
    verb = token.head.head.lemma_.lower()
    return token.dep_ == "pobj" and (token.head.lower_ in reader.lex.suffering_preps or (
        token.head.lower_ in ("of", "to") and verb in reader.lex.suffering_nouns) or (
        token.head.lower_ == "into" and verb in reader.lex.suffering_motion))


def _country(named: Mention, reader: Reader) -> str:
    """A party's key, a nationality's as its country's ("Israeli" and "Israel" are one side)."""
    country = reader.lex.demonyms.get(named.text)
    return name_key(country) if country else named.key


def _inside_a_name(token: Token, reader: Reader) -> bool:
    """A word joined by a hyphen inside a name is part of the name ("the Organisation for Security
    and Co-operation in Europe", "the Special Anti-Terrorism Unit"), not something that happened."""
    named = reader.mention_at.get(token.i)
    return (named is not None and named.type != "EVENT" and token.i > 1 and token.nbor(-1).text == "-"
            and token.nbor(-1).idx + 1 == token.idx)


def placed_by_name(events: Sequence[Event], mentions: Sequence[Mention], place_keys: frozenset[str]) -> list[Event]:
    """Events of a named event that happened at one place ("the X massacre") are at that place
    when the text gives no other: the place named inside the event's name (`mentions` holds the
    names nested in others, which the events stage does not read)."""
    inside = defaultdict(list)
    named = [m for m in mentions if m.type == "EVENT"]
    for m in mentions:
        if m.type in PLACE_TYPES or m.key in place_keys:
            for name in named:
                if name.start <= m.start and m.end <= name.end and m.key not in inside[name.key]:
                    inside[name.key].append(m.key)
    return [replace(ev, place_keys=tuple(inside[ev.name_key])) if ev.name_key and not ev.place_keys
            and len(inside.get(ev.name_key, ())) == 1 else ev for ev in events]


def _share_operation_roles(events: list[Event]) -> list[Event]:
    """Events of one named operation in one document share its actor and target where the document
    gives only one of each, in one voice: "Varnian forces launched Operation Kaman, a
    counteroffensive that decimated the SVO" tells who launched it against whom; who a quote says
    did it is the quote's word, not the document's."""
    actors, targets = defaultdict(set), defaultdict(set)
    for ev in events:
        if ev.name_key and not ev.negated:  # "no evidence that X shelled it" tells no role
            actors[_told_by(ev)].add(ev.actor_key)
            targets[_told_by(ev)].add(ev.target_key)
    out = []
    for ev in events:
        if ev.name_key:
            actor = ev.actor_key or _only(actors[_told_by(ev)])
            target = ev.target_key or _only(targets[_told_by(ev)] - {actor})
            ev = replace(ev, actor_key=actor, target_key=target if target != actor else None)
        out.append(ev)
    return out


def _told_by(ev: Event) -> tuple:
    """A named operation as one voice tells it: a quote's roles are not the document's."""
    return ev.name_key, ev.source_kind, ev.source_index


def _only(keys: set[str | None]) -> str | None:
    named = keys - {None}
    return next(iter(named)) if len(named) == 1 else None


def _event(token: Token, kind: str, name: Mention | None, reader: Reader, text: str,
           quantities: Sequence[Quantity], quotes: Sequence[Quote], citations: Sequence[Citation],
           posts: list[tuple[int, Segment]]) -> Event:
    tokens = clause(token, reader.sentence_of[token.i])
    actor, target, name = _actor(token, kind, name, reader)
    if actor is not None and set(re.findall(r"[a-z]+", actor.text.lower())) & reader.lex.craft_nouns:
        actor = None  # "the airliner exploded in the sky, killing all on board": an aircraft does no deed
    if actor is None and token.pos_ == "VERB" and token.lemma_.lower() in reader.lex.starter_verbs:
        actor = _launcher(token, reader)
    places, target = _places(token, kind, name, target, reader)
    if actor is not None and actor in places:
        places.remove(actor)
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    time = date_of(token, tokens, reader)
    if name is None:
        name = reader.event_named(token) or _launching(token, reader) or _part_of(token, reader)
    if actor is not None and target is not None and actor.key == target.key:
        target = None  # "blamed the massacre on the militia": the one it is blamed on did it
    if actor is not None and target is not None and _country(actor, reader) == _country(target, reader):
        # one side cannot be both: a verb's subject did it ("X launched its offensive": not against X);
        # an event noun's "against X" names the target ("attacks against X", in X's words)
        actor, target = (actor, None) if token.pos_ == "VERB" else (None, target)
    if target is None and (aimed := aimed_at(token, reader)) is not None and (
            actor is None or _country(aimed, reader) != _country(actor, reader)):
        target = aimed
    if kind in reader.lex.clause_target_types and target is None:
        target = next((m for t in tokens if (m := reader.entity_of(t, depth=0)) and m.type in GROUP_TYPES
                       and (actor is None or _country(m, reader) != _country(actor, reader))), None)
    source_kind, source_index = _source(token, quotes, citations, posts)
    return Event(
        start=start, end=end, text=text[start:end], type=kind,
        actor_key=actor.key if actor else None, target_key=target.key if target else None,
        place_keys=tuple(dict.fromkeys(p.key for p in places)), name_key=name.key if name else None,
        time=time, date=reader.timexes_value(time) if time is not None else None,
        duration=reader.duration_for(token, tokens),
        quantities=tuple(n for n, q in enumerate(quantities) if start <= q.start and q.end <= end),
        source_kind=source_kind, source_index=source_index,
        negated=any(c.dep_ == "neg" for c in token.children) or _no_evidence_of(token, reader) or (
            reader.kept_from(token) is not None),  # "kept the agency from entering": it did not enter
        hedged=is_hedged(reader.doc, reader.framing, start, end), trigger=token.idx)


def _launcher(verb: Token, reader: Reader) -> Mention | None:
    """Whose operation a starter verb launched, when its subject names no one: "... started their
    united operation" (the owner of what was started)."""
    started = next((c for c in verb.children if c.dep_ == "dobj"), None)
    owner = next((c for c in started.children if c.dep_ == "poss"), None) if started is not None else None
    found = reader.entity_of(owner, depth=0) if owner is not None else None
    return found if found is not None and found.type in ACTOR_TYPES else None


def _no_evidence_of(token: Token, reader: Reader) -> bool:
    """Whether the event is what "no evidence" or "no sign" is of ("no evidence that the army
    shelled the town", "no traces that could indicate that shelling had killed them", "found no
    sign of an attack"): denied, not told."""
    head = token
    for _ in range(5):
        if head.dep_ not in ("nsubj", "nsubjpass", "ccomp", "acl", "relcl", "pobj", "prep", "mark") or (
                head.head.i == head.i):
            return False
        head = head.head
        if head.pos_ == "NOUN" and head.lemma_.lower() in reader.lex.evidence_nouns and any(
                c.dep_ in ("det", "neg") and c.lower_ == "no" for c in head.children):
            return True
    return False


def _actor(token: Token, kind: str, name: Mention | None, reader: Reader,
           ) -> tuple[Mention | None, Mention | None, Mention | None]:
    """Who acted, whom a passive names as the target, and the named event when the one who seems
    to act is a named operation ("Operation X decimated ..."): (actor, target, name)."""
    actor = target = None
    if token.pos_ == "VERB" and (blamed := accused(token, reader)) is not None and blamed.i != token.i:
        return reader.entity_of(blamed), None, name  # "accused Varnia of carrying out the attack": Varnia did
    if token.pos_ == "VERB":
        subject, passive = reader.subject(token)
        if subject is not None and subject.left_edge.i > 0 and (
                reader.doc[subject.left_edge.i - 1].lower_ in reader.lex.temporal_marks) and (
                (named := reader.entity_of(subject, depth=0)) is None or named.type == "EVENT"):
            # "Two days before Operation X, the group began ...": the name is a time, the apposition acts
            # ("after Varnia accepted the resolution": Varnia acts)
            subject = next((c for c in subject.children if c.dep_ == "appos"), None)
        doer = subject.head if subject is not None and passive and subject.head.i != token.i else token
        agent = next((p for verb in (token, *token.conjuncts, doer) for c in verb.children if c.dep_ == "agent"
                      for p in c.children if p.dep_ == "pobj"), None)  # "supplied and financed by X": X's;
        # or the agent of the passive a participle hangs on ("X was shelled by Y, killing 26")
        subject_entity = named_subject(subject, reader) if subject is not None else None
        if passive and subject is not None and (flight := reader.craft_named(subject)) is not None:
            subject_entity = flight  # "a Varnian passenger plane was shot down": the flight the text names
        if kind in reader.lex.passive.values() or not passive:  # "the advance was halted": its owner acted
            actor = subject_entity
        else:  # a participle on a passive ("X was shelled by Y, killing 26") has its own object as target
            actor, target = _agent(agent, reader), subject_entity if doer.i == token.i or token.tag_ != "VBG" else None
        if actor is not None and actor.type == "EVENT":  # "Operation X decimated ...": part of X
            name, actor = name or actor, None
        if actor is not None and actor.type in ("LAW", "WORK"):
            actor = None  # "banned by the Geneva Convention": a text binds, it does not act
        if target is not None and target.type == "EVENT":  # "Operation X was launched": X is no target;
            # "Flight 9 was shot down": a name without a word for a deed names what the deed befell
            befell = not names_a_deed(target, reader) and token.lemma_.lower() not in (
                reader.lex.starter_verbs | reader.lex.ender_verbs)
            name, target = name or target, target if befell else None
        return actor, target, name
    # an event noun: who it was done by ("the capture of the town by X"), its owner ("the SVO's
    # attack", "Tolarian raids"), else the clause's subject
    by = _by(token)
    if by is None and token.dep_ == "conj" and token.head.lemma_.lower() in reader.lex.nouns and (
            token.head.pos_ == "NOUN"):
        by = _by(token.head)  # "an ambush of soldiers by X and attacks on officials": X's both
    actor = _agent(by if by is not None else _victims_by(token, reader, name is not None), reader) or reader.entity_of(
        token, depth=1, owners_only=True)
    if actor is not None and actor.type == "EVENT":  # "the Kaman operation": its name
        name, actor = name or actor, None
    if by is None and actor is not None and _suffered_by_its_people(token, actor, reader):
        return None, actor, name  # "the 1948 Ostrian expulsion": Ostrians were expelled
    if actor is not None and _superlative(token) and (reader.is_place(actor) or actor.key in reader.countries):
        return None, target, name  # "..., marking one of Chad's bloodiest massacres": where it ranks
    if (actor is not None and reader.is_place(actor) and actor.key not in reader.countries
            and actor.text not in reader.lex.demonyms):
        actor = None  # "the Dorvask attack": where it happened; a town does not act
    if actor is None and (blamed := accused(token, reader)) is not None:
        return (reader.entity_of(blamed) if blamed.i != token.i else None), target, name
    if actor is None:
        head = token  # the noun's own clause: a copula's ("X said the attack was a crime": not X's attack)
        while head.dep_ not in ("ROOT",) and head.pos_ not in ("VERB", "AUX"):
            head = head.head
        if (head.pos_ == "VERB" and head.lemma_.lower() in reader.lex.doing_verbs
                and (blamed := accused(head, reader)) is not None and blamed.i != head.i):
            return reader.entity_of(blamed), target, name  # "accused Varnia of carrying out the attack"
        judged = head.lemma_.lower() in reader.lex.stance_verbs or _told_as_time_or_hearsay(token, head, reader) or (
            token.lemma_.lower() in reader.lex.hearsay_nouns)  # "X marked the anniversary of ...": not its doer
        subject, passive = reader.subject(head) if head.pos_ in ("VERB", "AUX") and not judged else (None, False)
        if subject is not None and _befalls_subject(token, reader):
            return None, reader.entity_of(subject), name
        if subject is not None and (passive or subject.i == token.i or subject.is_ancestor(token)
                                    or subject.lemma_.lower() in reader.lex.nouns or token.dep_ == "attr"):
            subject = None  # "the fall of Herat shocked Kabul", "the X massacre was the murder of ...":
            # the event itself is the subject; "towns that were placed under siege" suffered it; "the
            # hall had become a new massacre": what it is likened to, not what it did
        actor = reader.entity_of(subject) if subject is not None else None
        if actor is not None and (actor.type not in ACTOR_TYPES or (
                reader.is_place(actor) and _country(actor, reader) not in reader.countries)):
            actor = None  # "Operation X marked the final battle of the war": not the war's actor; a town
    return actor, target, name


def _suffered_by_its_people(noun: Token, owner: Mention, reader: Reader) -> bool:
    """Whether a deed noun's nationality or people before it ("the Ostrian expulsion") are those it
    befell: so for the deeds of victim_nouns, never for an owner's "'s"."""
    return noun.lemma_.lower() in reader.lex.victim_nouns and any(
        c.dep_ in ("amod", "compound") and (m := reader.entity_of(c, depth=0)) is not None and m.key == owner.key
        for c in noun.children)


def _by(noun: Token) -> Token | None:
    """Who an event noun says did it ("the capture of the town by X"): X."""
    return next((p for c in noun.children if c.dep_ == "prep" and c.lower_ == "by" for p in c.children
                 if p.dep_ == "pobj"), None)


def _superlative(noun: Token) -> bool:
    """Whether an event noun is ranked among others ("the country's worst attack", "bloodiest")."""
    return any(c.tag_ == "JJS" or c.lower_ == "worst" or (c.pos_ == "ADJ" and c.lower_.endswith("iest"))
               for c in noun.children)


def _launching(token: Token, reader: Reader) -> Mention | None:
    """"crossed the border, thus initiating Operation X", "..., marking the beginning of Operation
    X": a participle that starts a named operation names the event it hangs on."""
    for child in token.children:
        if child.dep_ not in ("advcl", "xcomp", "conj") or child.tag_ != "VBG":
            continue
        obj = next((c for c in child.children if c.dep_ == "dobj"), None)
        if obj is not None and child.lemma_.lower() not in reader.lex.starter_verbs:
            # "marking the beginning of X": a starter noun's "of" names what it starts
            of = next((c for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            starts = obj.lemma_.lower() in reader.lex.starter_nouns and of is not None
            obj = next((c for c in of.children if c.dep_ == "pobj"), None) if starts else None
        if obj is not None:
            named = reader.mention_at.get(obj.i)
            if named is not None and named.type == "EVENT":
                return named
    return None


def _part_of(token: Token, reader: Reader) -> Mention | None:
    """"crossed the border as part of Operation X", "killed during Operation X": the named event
    an action is said to be part of; "launched an offensive under the code name X": its name."""
    started = [c for c in token.children if c.dep_ == "dobj"]
    for prep in (c for t in (token, *started) for c in t.children if c.dep_ == "prep"):
        objects = [c for c in prep.children if c.dep_ == "pobj"]
        if prep.lower_ == "as":  # "as part of X"
            objects = [p for o in objects if o.lower_ == "part" for of in o.children
                       if of.dep_ == "prep" and of.lower_ == "of" for p in of.children if p.dep_ == "pobj"]
        elif prep.lower_ == "under":  # "under the code name X", "under the name X"; X with the noun before it
            objects = [n for o in objects if o.lemma_.lower() in reader.lex.naming_nouns
                       for n in o.children if n.dep_ in ("appos", "compound", "npadvmod", "attr")] + [
                o for o in objects if any(c.dep_ == "nmod" and c.lemma_.lower() in reader.lex.naming_nouns
                                          for c in o.children)]  # "the code-name “X”"
        elif prep.lower_ not in ("during", "in"):
            continue
        for obj in objects:
            named = reader.mention_at.get(obj.i)  # a code name is the operation's, whatever the model typed it
            if named is not None and (named.type == "EVENT" or prep.lower_ == "under"):
                return named
    return None


def _victims_by(noun: Token, reader: Reader, named: bool) -> Token | None:
    """"the murder of 613 civilians by X", "the killing of hundreds, possibly 600 villagers, by X":
    the parse hangs the agent on the victims inside the event noun's phrase, not on the noun; so
    too "(a series of) executions of 900 officers carried out by X" (a participle of doing), where
    X is named, not only described, and the noun is no named event's ("the anniversary of
    Operation Y carried out by X": Y's doer)."""
    of = noun.head if noun.dep_ == "pobj" and noun.head.lower_ == "of" else None
    whole = of.head if of is not None and of.head.pos_ == "NOUN" else noun
    for verb in () if named else whole.subtree:
        if verb.dep_ == "acl" and verb.lemma_.lower() in reader.lex.doing_verbs and verb.head.pos_ == "NOUN" and (
                _in_phrase(verb.head, whole)):
            agent = next((p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"), None)
            if agent is not None and any(t.i in reader.mention_at or t.text in reader.lex.demonyms
                                         for t in agent.subtree):
                return agent
    for prep in noun.subtree:
        if prep.dep_ != "prep" or prep.lower_ != "by" or prep.head.pos_ not in ("NOUN", "PROPN", "NUM"):
            continue
        between = prep.head
        while between.i != noun.i and between.pos_ not in ("VERB", "AUX"):
            between = between.head
        if between.i == noun.i:  # no clause of its own between ("the men who were shot by X")
            return next((p for p in prep.children if p.dep_ == "pobj"), None)
    return None


def _in_phrase(word: Token, noun: Token) -> bool:
    """Whether `word` is `noun` or a noun below it with no clause between ("executions of officers")."""
    while word.i != noun.i and word.pos_ not in ("VERB", "AUX") and word.head.i != word.i:
        word = word.head
    return word.i == noun.i


def _agent(agent: Token | None, reader: Reader) -> Mention | None:
    """Who did what a passive says was done "by" someone; a weapon is no one: "shot down by two
    missiles fired from the USS Kestrel" was done by the ship the missiles came from."""
    if agent is None:
        return None
    if agent.lemma_.lower() not in reader.lex.weapons:
        return reader.entity_of(agent)
    for token in agent.subtree:
        if token.dep_ in ("prep", "agent") and token.lower_ in ("from", "by"):  # "missiles fired by X"
            source = next((c for c in token.children if c.dep_ == "pobj"), None)
            if source is not None and (found := reader.entity_of(source)) is not None:
                return found
    owner = next((c for c in agent.children if c.dep_ in ("amod", "compound", "poss", "nmod")
                  and c.text in reader.lex.demonyms), None)  # not "a Buk missile": a make, no one
    return reader.entity_of(owner, depth=0) if owner is not None else None  # "Ethiopian artillery": Ethiopia's


def _places(token: Token, kind: str, name: Mention | None, target: Mention | None, reader: Reader,
            ) -> tuple[list[Mention], Mention | None]:
    """The places of the event, from its object and prepositions (and those of the object a
    starter verb launches), and its target when one of them names it."""
    lex = reader.lex
    lemma = token.lemma_.lower()
    places: list[Mention] = []
    started = next((c for c in token.children if c.dep_ in ("dobj", "attr")), None) if token.pos_ == "VERB" else None
    children = list(token.children) + ([c for c in started.children if c.dep_ == "prep"]
                                       if started is not None else [])
    if (verb := _happening(token, lex)) is not None:  # "the attack took place in X"
        children += [c for c in verb.children if c.dep_ == "prep"]
    for child in children:
        if child.dep_ == "dobj" and child.lemma_.lower() in lex.frontier_nouns:
            # "crossed the Parvizi border": the name on a frontier is where it was crossed, whatever
            # the model typed it
            named = [m for c in child.children if c.dep_ == "compound" and (m := reader.mention_at.get(c.i))
                     and m.type != "NORP"]
            places += [m for m in named if m not in places]
        elif child.dep_ == "dobj":
            obj = reader.entity_of(child, depth=1, owners_only=True)
            if obj and reader.is_place(obj) and kind in lex.place_object_types:
                places += [p for p in reader.places_under(child) if p not in places]
            elif obj and target is None and obj is not name and lemma not in lex.starter_verbs:
                target = obj  # (what a starter verb's object belongs to launched it: "started their operation")
            else:
                places += [p for p in reader.places_under(child) if p not in places]
        elif child.dep_ == "prep" and child.lower_ == "by" and (means := _means(child)) is not None:
            # "started their operation by attacking X": where the means of it was done
            places += [p for o in means.children if o.dep_ == "dobj" for p in reader.places_under(o) if p not in places]
        elif child.dep_ == "prep":
            for pobj in (c for c in child.children if c.dep_ == "pobj"):
                entity = (reader.craft_named(pobj) if child.lower_ in lex.target_preps else None) or reader.entity_of(
                    pobj, depth=1)  # "fired a missile at a Varnian passenger plane": the flight the text names
                country = entity is not None and entity.key in reader.countries
                if target is None and entity and (child.lower_ == "against" or (
                        child.lower_ in lex.target_preps and (not reader.is_place(entity) or country))):
                    target = entity
                elif child.lower_ in lex.place_preps or (child.lower_ == "of" and token.pos_ == "NOUN"):
                    found = reader.places_under(pobj)  # "in Herat"; "the fall of Herat"
                    # "against X"; "the acceptance of Resolution 242": what an event noun is done to
                    patient = child.lower_ in lex.target_preps or (
                        child.lower_ == "of" and token.pos_ == "NOUN" and entity is not None and entity.type != "EVENT")
                    if patient and target is None and entity and not found:
                        target = entity
                    places += [p for p in found if p not in places]
    return places, target


def _means(by: Token) -> Token | None:
    """The gerund of "by attacking X", "by shelling the town": how the event was done."""
    return next((c for c in by.children if c.dep_ == "pcomp" and c.tag_ == "VBG"), None)


def _happening(token: Token, lex: Lexicon) -> Token | None:
    """The verb that says an event noun happened ("the attack occurred", "the worst of these
    attacks took place"), whose prepositions then place the event."""
    noun = token
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.dep_ in ("nsubj", "nsubjpass"):
        noun = noun.head.head  # "the most notorious of these attacks"
    if token.pos_ != "NOUN" or noun.dep_ not in ("nsubj", "nsubjpass"):
        return None
    verb = noun.head
    obj = next((c.lower_ for c in verb.children if c.dep_ == "dobj"), "")
    lemma = verb.lemma_.lower()
    return verb if lemma in lex.happening_verbs or f"{lemma} {obj}" in lex.happening_verbs else None


def _source(token: Token, quotes: Sequence[Quote], citations: Sequence[Citation],
            posts: list[tuple[int, Segment]]) -> tuple[str, int | None]:
    """What the event rests on: the innermost of an embedded post, a cited work and a quote
    around it, else the document itself."""
    source_kind, source_index = "document", None
    for n, quote in enumerate(quotes):
        if quote.start <= token.idx < quote.end:
            source_kind, source_index = "quote", n
    for n, cit in enumerate(citations):
        if cit.start <= token.idx < cit.end:
            source_kind, source_index = "citation", n
    for n, seg in posts:
        if seg.start <= token.idx < seg.end:
            source_kind, source_index = "embedded_post", n
    return source_kind, source_index
