"""The clause an event is told in, and what the clauses around it tell of it: its date (its own, the
clause it hangs on, what a presumption or a participle explains, a date opening the sentence), whom a
purpose clause says it was aimed at, whether a name typed as an event names a deed at all, the
deed a noun with "the" tells again, and the deeds "these attacks" take up."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc, Token

from rashomon.extract.event_words import Lexicon
from rashomon.extract.reader import Reader
from rashomon.records import Event, Mention

# "these attacks": the deeds just told; a singular "this operation" is left to Reader.named_before
# (it most often names one operation, not the last deed of its kind)
DEMONSTRATIVES = ("these", "those")
# dependents of a verb that belong to another clause, not to this event's span
OTHER_CLAUSES = {"conj", "ccomp", "parataxis", "relcl", "acl", "csubj", "advcl", "cc", "punct"}


def clause(token: Token, sentence: tuple[int, int]) -> list[Token]:
    """The tokens of the event's own clause: the trigger and its dependents, less other clauses
    (a participle without its own subject stays: "utilizing airdrops, the SEV advanced")."""
    out, stack = [], [token]
    while stack:
        t = stack.pop()
        out.append(t)
        for c in t.children:
            if c.dep_ in OTHER_CLAUSES and not (
                    c.dep_ == "advcl" and c.tag_ in ("VBG", "VBN") and not any(
                        g.dep_.startswith("nsubj") for g in c.children)) and not (
                    c.dep_ == "conj" and t.pos_ == "NOUN" and any(n.dep_ == "nummod" for n in c.children)):
                continue  # a list of counts is one phrase ("120 tanks and 400 carriers"), not two clauses
            stack.append(c)
    return sorted((t for t in out if sentence[0] <= t.i < sentence[1] and not t.is_space), key=lambda t: t.i)


def date_of(token: Token, tokens: list[Token], reader: Reader) -> int | None:
    """The index of the event's date: one inside its clause, else the date of the clause it hangs
    on ("on April 18, 1996, when shells hit the base"), else a date opening the sentence; none
    for the topic of a telling ("began research on the massacre in 2015": the research's year)."""
    if _topic_of_telling(token, reader):
        return None
    time = reader.date_for(tokens, token)
    verb = token  # "when the crew decided to abandon ship": the clause of the verb that takes the event's
    while verb.dep_ == "xcomp" and verb.head != verb:
        verb = verb.head
    when = verb.dep_ in ("advcl", "relcl") and any(c.dep_ == "advmod" and c.lower_ == "when" for c in verb.children)
    # "On May 2 the navy sank the cruiser, killing 368": a participle without a subject of its own
    when = when or (token.dep_ == "advcl" and token.tag_ == "VBG"
                     and not any(c.dep_.startswith("nsubj") for c in token.children))
    if time is None and when:  # "on April 18, 1996, when shells hit the base": the date it hangs on
        time = reader.date_at(verb.head)
        time = reader.date_told_before(verb.head) if time is None else time  # "This crime occurred when"
    if time is None and (token.pos_ != "VERB" or when):
        # "marked the beginning of X on July 27"; "took place on April 18, when shells hit the base"
        governor = verb.head
        while governor.pos_ not in ("VERB", "AUX") and governor.head != governor:
            governor = governor.head
        # "blamed the massacre on the militia on May 31": the day of the blaming, not of the massacre
        # "talk of the massacre became open, with 2019 seeing ...": the telling's day
        if governor.pos_ in ("VERB", "AUX") and governor.lemma_.lower() not in (
                reader.lex.accusing_verbs | reader.lex.imputing_verbs.keys()) and not _told_of(token, governor, reader):
            own = {x.i for x in tokens}
            time = reader.date_for([t for t in clause(governor, reader.sentence_of[governor.i]) if t.i not in own]
                                   or tokens)
    # "crashed on 17 May, presumed to have been shot down": what befell the one that crashed, that day
    # (not "was arrested on 5 May, said to have killed 40": what the one arrested had done before)
    befell = any(c.dep_ == "auxpass" for c in token.children)
    told_under = (reader.presumption(token) if befell else None) or (token if _set_off_participle(token) else None)
    if time is None and told_under is not None:
        time = _date_explained(told_under, tokens, reader)
    if time is None and token.dep_ == "conj" and token.head.pos_ == "VERB" and not any(
            c.dep_.startswith("nsubj") for c in token.children):
        # "entered the town at 18:30 and captured it": one doer's two deeds joined by "and", dated once
        own = {x.i for x in tokens}
        time = reader.date_for([t for t in clause(token.head, reader.sentence_of[token.head.i]) if t.i not in own]
                               or tokens)
    if time is None:
        time = reader.opening_date(token)
    return time


def _topic_of_telling(token: Token, reader: Reader) -> bool:
    """Whether an event noun is what a telling the verb takes is on ("began research on the
    massacre", "opened an inquiry into the killings"): the parse may hang the telling's date on it."""
    if token.pos_ != "NOUN" or token.dep_ != "pobj" or token.head.lower_ not in ("on", "into", "about"):
        return False
    verb = token.head.head
    return verb.pos_ == "VERB" and any(c.dep_ == "dobj" and c.lemma_.lower() in reader.lex.hearsay_nouns
                                       for c in verb.children)


def _told_of(token: Token, governor: Token, reader: Reader) -> bool:
    """Whether an event noun reaches its clause's verb through what tells or marks it ("the report
    of the massacre", "the anniversary of the attack"): that clause's date is the telling's."""
    between = token.head
    while between.i != governor.i and between.head.i != between.i:
        if between.pos_ == "NOUN" and between.lemma_.lower() in reader.lex.hearsay_nouns:
            return True
        between = between.head
    return False


def _set_off_participle(token: Token) -> bool:
    """"..., killing all 120 people on board": a participle set off by a comma, without a subject."""
    return (token.dep_ in ("acl", "advcl") and token.tag_ == "VBG" and token.i > 0 and token.nbor(-1).text == ","
            and not any(c.dep_.startswith("nsubj") for c in token.children))


def _date_explained(participle: Token, tokens: list[Token], reader: Reader, depth: int = 2) -> int | None:
    """The date of what a participle without a date tells more of: "crashed on 17 May 1999, presumed to
    have been shot down" (the clause it hangs on), "a flight that crashed on 17 May 1999, presumed to
    have been shot down, killing all aboard" (the clause told before it of the noun it hangs on), and
    through a presumption to what that explains."""
    head = participle.head
    nouns = [head] if head.pos_ in ("NOUN", "PROPN") else [c for c in head.children if c.dep_ == "attr"]
    clauses = [head] if head.pos_ in ("VERB", "AUX") else []
    clauses += [r for n in nouns for r in n.children if r.dep_ == "relcl" and r.i < participle.i]
    own = {x.i for x in tokens}
    for verb in clauses:
        told = [t for t in clause(verb, reader.sentence_of[verb.i]) if t.i not in own]
        if told and (time := reader.date_for(told)) is not None:
            return time
    if depth and (presumed := reader.presumption(head)) is not None:
        return _date_explained(presumed, tokens, reader, depth - 1)
    return None


def aimed_at(token: Token, reader: Reader) -> Mention | None:
    """Whom a purpose clause says the event was aimed at: "a counteroffensive launched on 28 July to
    repel an incursion by X" (the doer of the deed it counters), "to drive out X" (its object). The
    clause may hang on the event's verb or on the copula its noun completes ("Operation Y was a
    counteroffensive launched ..., to repel ...")."""
    if token.lemma_.lower() in reader.lex.countering_verbs and (aimed := _countered(token, reader)) is not None:
        return aimed  # "to repel an incursion by X" itself
    holders = [token] + ([token.head] if token.dep_ == "acl" else [])
    if token.dep_ == "acl" and token.head.dep_ == "attr":
        holders.append(token.head.head)
    for purpose in (c for h in holders for c in h.children if c.dep_ in ("advcl", "xcomp", "relcl")):
        phrasal = " ".join([purpose.lemma_.lower()] + [c.lower_ for c in purpose.children if c.dep_ == "prt"])
        if not any(c.dep_ == "aux" and c.lower_ == "to" for c in purpose.children) or not (
                {purpose.lemma_.lower(), phrasal} & reader.lex.countering_verbs):
            continue
        if (aimed := _countered(purpose, reader)) is not None:
            return aimed
    return None


def _countered(verb: Token, reader: Reader) -> Mention | None:
    """Whom a verb of countering is done against: the doer of the deed its object names ("repel an
    incursion by X", "counter the attack of X"), or its object ("drive out X")."""
    for obj in (c for c in verb.children if c.dep_ == "dobj"):
        by = next((p for c in (*obj.children, *verb.children) if c.dep_ == "prep" and c.lower_ == "by"
                   for p in c.children if p.dep_ == "pobj"), None)  # the parse may hang "by X" on the verb
        if obj.lemma_.lower() in reader.lex.nouns:
            return reader.entity_of(by) if by is not None else reader.entity_of(obj, depth=1, owners_only=True)
        return reader.entity_of(obj)
    return None


def names_a_deed(named: Mention, reader: Reader) -> bool:
    """Whether a name typed as an event holds a word for a deed ("Operation X", "the X massacre",
    "the Battle of X"), and so names the deed itself, not a flight or a voyage it befell."""
    lex = reader.lex
    return any(w in lex.nouns or w in lex.starter_nouns for w in named.text.lower().replace("-", " ").split())


def accused(noun: Token, reader: Reader) -> Token | None:
    """Whom a verb of accusing says did the deed its "of" or "for" phrase names ("accused the army
    of mass murder", "the militia was blamed for the attack"), or whom a word of guilt says did it
    ("the militia was responsible for the attack", "the perpetrators of the attack were
    militiamen"); the noun itself where it names no one, so that the accuser is not taken for the
    doer. A deed blamed on someone ("blamed the massacre on the rebels") was done by them."""
    prep = noun.head
    if noun.dep_ == "dobj" and (by := reader.lex.imputing_verbs.get(prep.lemma_.lower())):
        return next((p for c in (*noun.children, *prep.children) if c.dep_ in ("prep", "dative") and c.lower_ == by
                     for p in c.children if p.dep_ == "pobj" and reader.date_at(p) is None), noun)  # "on" on either
    if noun.dep_ not in ("pobj", "pcomp") or prep.lower_ not in ("of", "for"):
        return None  # "accused the army of mass murder", "accused Varnia of carrying out the attack"
    if prep.head.lemma_.lower() in reader.lex.guilt_words:
        return noun if _pretended(prep.head, reader) else _guilty(prep.head) or noun
    verb, accused = prep.head, None
    if verb.pos_ != "VERB" and verb.dep_ in ("dobj", "nsubjpass"):  # the parse may hang "of" on the accused
        verb, accused = verb.head, verb
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in reader.lex.accusing_verbs:
        return None
    return accused or next((c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")), noun)


def _pretended(word: Token, reader: Reader) -> bool:
    """Whether a word of guilt stands in a pretence the source tells of ("tried to make it appear
    that X was responsible"): no one is named guilty in the source's own word."""
    for verb in [word, *word.ancestors][:5]:
        if verb.lemma_.lower() in reader.lex.pretence or f"{verb.head.lemma_.lower()} {verb.lemma_.lower()}" in (
                reader.lex.pretence):
            return True
    return False


def _guilty(word: Token) -> Token | None:
    """Who a word of guilt is said of: the subject of the clause it completes ("the militia was
    responsible", "the militia were the perpetrators", "the militia was held responsible"), or
    what that clause says it is ("the perpetrators were militiamen")."""
    verb = word.head
    if word.dep_ in ("acomp", "attr", "oprd"):
        return next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if word.dep_ == "nsubj":
        return next((c for c in verb.children if c.dep_ == "attr"), None)
    return None


def told_again(events: list[Event], doc: Doc) -> list[Event]:
    """A deed the text tells again by its noun with "the", at no place and by no name ("condemned
    X for the attacks on A and B ... accused Y of carrying out the chemical attack"), is the last
    one it told with that noun at a place: it is at that place."""
    told, out = {}, []  # a deed noun -> the places of the last deed told with it
    for ev in events:
        span = doc.char_span(ev.trigger, ev.trigger + 1, alignment_mode="expand") if ev.trigger is not None else None
        word = span[0] if span is not None and len(span) else None
        if word is not None and word.pos_ == "VERB":  # "carrying out the attack": the deed is its object
            word = next((c for c in word.children if c.dep_ == "dobj" and c.pos_ == "NOUN"), None)
        if word is not None and word.pos_ == "NOUN" and ev.place_keys:
            told[word.lemma_.lower()] = ev.place_keys
        elif word is not None and word.pos_ == "NOUN" and not ev.name_key and word.lemma_.lower() in told and any(
                c.dep_ == "det" and c.lower_ == "the" for c in word.children) and not any(
                c.dep_ == "prep" for c in word.children):  # "the execution of 900 prisoners": told anew
            ev = replace(ev, place_keys=told[word.lemma_.lower()])
        out.append(ev)
    return out


def taken_up(token: Token, event: Event, before: Sequence[Event], reader: Reader) -> Event:
    """An event noun a plural demonstrative points back with ("... committing acts of violence as they
    fled. The most notorious of these attacks occurred on February 25") is the deed of its kind the
    sentence before or its own told, by the same word if one was a few sentences back ("the two
    massacres of X and Y ... In these two massacres"), else by the one doer of all such deeds there:
    it takes that deed's name, doer and target where it names none."""
    if (token.pos_ != "NOUN" or event.actor_key or event.name_key
            or not any(c.dep_ == "det" and c.lower_ in DEMONSTRATIVES for c in token.children)):
        return event
    kin = [ev for ev in before if ev.start >= reader.since(token, 3) and ev.type == event.type and not ev.negated
           and (ev.source_kind, ev.source_index) == (event.source_kind, event.source_index)]
    word = [ev for ev in kin if (trigger := reader.doc.char_span(ev.trigger, ev.trigger + 1, alignment_mode="expand"))
            and trigger[0].lemma_.lower() == token.lemma_.lower()]
    kin = [ev for ev in kin if ev.start >= reader.since(token, 1)]
    if not word and len({(ev.actor_key, ev.name_key) for ev in kin}) != 1:
        return event  # deeds of its kind by several doers: which it takes up is unsure
    told = (word or kin)[-1]
    return replace(event, actor_key=told.actor_key, target_key=event.target_key or told.target_key,
                   name_key=told.name_key)


def sense(token: Token, kind: str, told: dict[str, str], lex: Lexicon) -> str:
    """The type of an event noun of two senses: the one a word before it gives ("a wildcat strike": a
    protest), else the one its document gave it before (`told`, noun -> type: "the strike" after
    "a wildcat strike"), else `kind`."""
    lemma = token.lemma_.lower()
    if token.pos_ != "NOUN" or (senses := lex.noun_senses.get(lemma)) is None:
        return kind
    given = next((senses[c.lemma_.lower()] for c in token.children
                  if c.dep_ in ("amod", "compound", "poss") and c.lemma_.lower() in senses), None)
    if given is not None:
        told[lemma] = given
    return given or told.get(lemma, kind)


def named_subject(subject: Token, reader: Reader) -> Mention | None:
    """Whom a verb's subject names. An event noun as subject ("the bombing of Varzeh killed 190")
    acts through its owner only, or through the one condemned or accused of it ("condemned X for
    the attacks, which killed 5,000": X's attacks killed)."""
    if subject.lemma_.lower() not in reader.lex.nouns:
        return reader.entity_of(subject)
    found = reader.entity_of(subject, owners_only=True)
    if found is None and (blamed := accused(subject, reader)) is not None and blamed.i != subject.i:
        return reader.entity_of(blamed)
    return found


def listed_after_hearsay(noun: Token, reader: Reader) -> bool:
    """Whether an event noun is a member of a list that a claim or charge heads ("opened proceedings
    on charges of terrorism, encroachment on the state, murder, hostage taking"), however the parse
    hangs the list: back to the claim's noun the words are nouns, their modifiers and commas, no
    verb. The charges are the accused's deeds, not those of who brings them."""
    if noun.dep_ not in ("conj", "appos", "npadvmod"):
        return False
    first = reader.sentence_of[noun.i][0]
    for before in reversed(noun.doc[first:noun.i]):
        if before.pos_ in ("VERB", "AUX"):
            return False
        if before.pos_ == "NOUN" and before.lemma_.lower() in reader.lex.hearsay_nouns:
            return True
    return False

