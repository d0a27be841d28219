"""Count claims: how many of what, with what fate, whose, on whose word."""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import pairwise

from spacy.tokens import Token

from rashomon.extract.claims.bounds import is_lower_bound
from rashomon.extract.claims.clauses import (
    clause_start,
    count_follows,
    fate_before_parenthesis,
    in_brackets,
    next_clause,
)
from rashomon.extract.claims.context import SPEAKER_TYPES, Context
from rashomon.extract.claims.exclusions import (
    at_commemoration,
    bracketed_noun,
    counts_nothing,
    is_age,
    is_base_of_share,
    is_charged,
    is_depicted,
    is_each,
    is_reference,
    is_size_of_thing,
    left_as,
    the_way_it_went,
)
from rashomon.extract.claims.measures import is_depth, measured, places_a_place, places_apart
from rashomon.extract.claims.periods import period
from rashomon.extract.claims.topics import is_fate_noun, participle_fate, said_to_be, topic
from rashomon.extract.claims.uses import use_fate
from rashomon.extract.claims.words import counted_class, rejoined, singular, words
from rashomon.extract.quantities import lexicon
from rashomon.names import name_key
from rashomon.records import Claim, Event, Quantity


def count_claims(ctx: Context, n: int, q: Quantity, event: Event | None, event_n: int | None) -> list[Claim]:
    """The claims a quantity makes: how many of what, with what fate, whose, on whose word; and
    with "all" before it ("all 143 passengers died"), how many there were."""
    if (q.unit or "") in lexicon().time_units:
        return []
    span = ctx.doc.char_span(q.start, q.end, alignment_mode="expand")
    if span is None or is_age(ctx, span) or is_size_of_thing(ctx, q, span[-1]) or is_reference(ctx, q, span[-1]):
        return []
    number = span[-1]
    # an infobox row's label, before its number or on the row above ("Deaths200+ ... \n485 (...)")
    label = bool(q.counted) and q.counted.lower() in ctx.text[max(0, q.start - 120):q.start].lower() and (
        ctx.text.find(q.counted, q.end, q.end + 120) < 0)
    head = None if label else _counted_head(ctx, q, number)  # an infobox row's label is no phrase to parse
    head = _noun_head(ctx, head) if head is not None else None
    if q.value is not None and is_lower_bound(ctx, number, head):  # "180 bodies recovered so far": at least 180
        q = replace(q, value=None, low=q.value, high=None, approx=False)
    if (head is not None and (is_each(ctx, head) or singular(head.lower_) in ctx.lex.charge_nouns)) or any(
            is_depicted(ctx, t) or is_base_of_share(t) for t in (number, head) if t is not None):
        return []  # "brigades, each of 200 men": one of them; "photos of dozens of dead people": what pictures
        # show; "six specifications of murder": charges; "254 villagers out of 600": the whole a share is of
    counted, part, fate, side = _counted(ctx, q, label, head, number)
    if head is None and counted is None and (bracketed := bracketed_noun(ctx.text, q.start)):
        counted, part = counted_class(bracketed, ctx.lex)  # "the Korrin massacres (two, as well)"
    if head is not None and part is None and counted not in (None, "people"):
        part = _origin_of(ctx, head)
    owner, strength = _owner(ctx, head if head is not None else number)
    if side is None and event is not None and event.type in ctx.lex.giving_types and (
            counted in ctx.lex.kind_of.values()):
        owner = event.target_key  # "supported them with 120 tanks": the tanks are the receiver's
    side = side or owner
    fate = _fate(ctx, q, head, number, counted, fate, strength)
    if _suffered_nothing(ctx, head, number, fate) or (counted == "people" and fate in ctx.lex.thing_fates) or (
            the_way_it_went(ctx, head, counted)):
        fate = None
    if q.unit or (counted in ctx.lex.kind_of.values() and fate in ctx.lex.people_fates):
        fate = None  # a measure befalls no one ("lost contact about 50 km from the border"), a town dies not
    if counted is None and fate is not None and not q.unit:
        counted = "people"  # "the toll at 87", "1,263 KIA"
    if counts_nothing(ctx, q, counted, fate) or (fate in (None, *ctx.lex.doer_fates) and at_commemoration(
            ctx, head if head is not None else number)):
        return []  # "thousands gathered to mourn the dead": no count of the event
    apart = None  # the two places a distance lies between ("the pass lies 25 km west of X")
    if counted is None and q.unit not in (None, "USD", "EUR", "GBP", "IRR", "percent", "deg"):
        apart = places_apart(ctx, q, number) if not is_depth(ctx, q, number) else None
        if apart is None and not is_depth(ctx, q, number) and places_a_place(ctx, q, number):
            return []  # "Dorvasq, 25 kilometres inside Tolaria": where the town is
        counted = "distance" if apart else "depth" if is_depth(ctx, q, number) else measured(ctx, number)
    if event is not None and side is not None and side == event.actor_key and fate is not None and (
            fate not in ctx.lex.doer_fates):
        side = None  # what an attack inflicts falls on the other side ("X killed 120 of the enemy")
    if side is None and fate is not None and fate not in ctx.lex.doer_fates:
        side = _party(ctx, head, _inflicted_on(ctx, number) or _suffered_from(event))
    if fate in ctx.lex.use_roles:
        side = None  # whose the weapons are is the deed's doer ("SM-2 missiles from the ship": no side's people)
    place = event.place_keys[0] if event and event.place_keys else None
    if apart is not None:
        side, place = apart  # the place whose distance it is, and the place it is measured from
    low, high = _amount(q)
    voice = ctx.voice(q.start, q.end, number)
    if side is None and voice.key and head is not None and is_fate_noun(ctx, head) and head.dep_ == "dobj" \
            and head.head.lemma_.lower() in ctx.lex.attribution_verbs and not any(
                c.dep_ in ("compound", "amod", "poss") for c in head.children):
        side = voice.key  # "the group reported 1,200 deaths": its own, when it says no other side's
    evidence = (event.start, event.end, event.text) if event is not None and event.end - event.start < 300 \
        else _phrase_around(ctx, q, head)
    base = dict(attribute="count", value=_number_text(q), low=low, high=high, counted=counted,
                counted_text=q.counted, fate=fate, side_key=side, unit=q.unit, period=period(ctx, number),
                subject_key=event.name_key if event else None, actor_key=event.actor_key if event else None,
                action=event.type if event else None, target_key=event.target_key if event else None,
                place_key=place,
                voice_kind=voice.kind, voice_index=voice.index,
                voice_key=voice.key, voice_text=voice.text, event=event_n, quantity=n)
    base["counted"] = f"{counted}/{part}" if part else counted  # "people/civilian", "vehicle"
    claims = [Claim(start=evidence[0], end=evidence[1], text=evidence[2], **base)]
    if fate is not None and _whole(ctx, q):
        claims.append(Claim(start=evidence[0], end=evidence[1], text=evidence[2], **base | {"fate": None}))
    return claims


def _fate(ctx: Context, q: Quantity, head: Token | None, number: Token, counted: str | None, fate: str | None,
          strength: bool) -> str | None:
    """What befell the counted, or what they did: the counted noun's own fate first ("1,263 KIA"),
    then the verb it is the object or passive subject of ("killed 13 marchers"), then the fate
    words around, unless those list fates a bare number is its own head ("opened fire, killing six
    and wounding 20": six dead); a force's whole strength ("the army has 10,000 troops"); what
    weapons did ("fired two missiles")."""
    if strength:
        fate = fate or "strength"
    else:
        fate = fate or _verb_fate(ctx, head if head is not None else number) or _deed_fate(ctx, head)
        if fate is None and head is not None and head.dep_ == "pobj" and head.head.head.i == number.i:
            fate = _verb_fate(ctx, number)  # "330 of the hostages died": the verb is the number's
        listed = _fates(ctx, q, number)
        if fate is None and ((counted in ctx.lex.kind_of.values() and listed not in ctx.lex.thing_fates)
                             or left_as(ctx, head)):
            listed = None  # "most of them in three distinct clashes": no clash died
        fate = fate if fate and listed != "casualties" else (listed or fate)
    return use_fate(ctx, head, number) or fate


def _counted(ctx: Context, q: Quantity, label: bool, head: Token | None, number: Token,
             ) -> tuple[str | None, str | None, str | None, str | None]:
    """What a count counts, its part, the fate its own words give and whose they are: by an
    infobox row's label, the counted noun, or the noun a bare number is said of."""
    counted, part, fate, side = None, None, None, None
    if label:
        counted, part = counted_class(q.counted, ctx.lex)
        fate = ctx.lex.fate_noun.get(q.counted.lower())
    elif head is not None:
        named_people = not _demonym(ctx, head) and _a_people(ctx, head)
        counted, part = ("people", None) if named_people or _demonym(ctx, head) else _class_of(ctx, head)
        if part and any(_other_part(ctx, c, counted, part) for c in head.children  # the words the number is of
                        if c.dep_ == "conj" and not any(n.dep_ == "nummod" for n in c.children)):
            part = None  # "men and boys", "tanks and vehicles": several parts (not "106 women and 63 children")
        fate = ctx.lex.fate_noun.get(head.lower_) or ctx.lex.fate_noun.get(singular(head.lower_))
        side = _people_side(ctx, head) if named_people else _side(ctx, head)
    elif q.counted and not q.unit:  # "over 3,900 were killed or hurt": the verbs counted
        counted = "people"
    said_of = topic(ctx, number)  # "casualties numbered roughly 300", "put the death toll at 64"
    if said_of is not None:
        fate = fate or ctx.lex.fate_noun.get(said_of.lower_) or ctx.lex.fate_noun.get(singular(said_of.lower_)) or (
            participle_fate(ctx, said_of))
        side = side or _side(ctx, said_of)
        counted = counted or "people"
    whole = next((p for c in number.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children
                  if p.dep_ == "pobj"), None)  # "two of the dead", not "two of the victims": no fate, no toll
    if (whole is None or is_fate_noun(ctx, whole)) and (head is None or head.head.head.i == number.i) and (
            attr := said_to_be(number)) is not None and (of := _class_of(ctx, attr))[0] == "people" and of[1]:
        counted, part = of  # "Of the dead, 31 were women", "two of the dead were children"
    return counted, part, fate, side


def _origin_of(ctx: Context, head: Token) -> str | None:
    """Whose places of origin a count counts ("NGOs from 37 countries": the NGOs'), by their kind."""
    owner = head.head.head
    if head.dep_ == "pobj" and head.head.lower_ == "from" and owner.pos_ in ("NOUN", "PROPN") and owner.i != head.i:
        return counted_class(owner.lemma_ if owner.pos_ == "NOUN" else owner.text, ctx.lex)[0]
    return None


def _other_part(ctx: Context, token: Token, counted: str, part: str) -> bool:
    """Whether a word counts another part of the same kind: "boys" beside "men"; "vehicles" (the
    whole kind) beside "tanks"."""
    kind, other = counted_class(token.text, ctx.lex)
    return kind == counted and other != part and (other is not None or kind != "people")


def _class_of(ctx: Context, head: Token) -> tuple[str, str | None]:
    """What a head noun counts; a word a scan or a line break split in two is read whole when
    only its whole is a word the lists know ("161 civil ians", "hundreds of Ostrian civili ans")."""
    found = counted_class(head.lemma_ if head.pos_ == "NOUN" else head.text, ctx.lex)
    if head.lemma_.lower() in ctx.lex.membership_nouns:  # "14 staff members": staff
        body = [counted_class(c.text, ctx.lex) for c in head.children if c.dep_ == "compound" and c.i < head.i]
        found = next((kind_part for kind_part in body if kind_part[0] == "people" and kind_part[1]), found)
    before = head.nbor(-1) if head.i > 0 else None
    if before is not None and before.idx + len(before.text) + 1 == head.idx and (
            whole := rejoined(before.text, head.text, ctx.lex)):
        return counted_class(whole, ctx.lex)
    return found


def _counted_head(ctx: Context, q: Quantity, number: Token) -> Token | None:
    """The head noun of what a quantity counts (its `counted` phrase in the text after it)."""
    counted = re.sub(r"^[(\[][^)\]]*[)\]]\s*(?=\w)", "", q.counted or "")  # "90 (80mm) mortars": mortars
    if not counted or counted[:1] in "([":  # "485 (Ostrian parliament figure)": a source, not a noun
        return None
    at = ctx.text.find(counted, q.end, q.end + 120)
    if at < 0:  # an infobox label before the number
        at = ctx.text.rfind(counted, max(0, q.start - 80), q.start + 1)
        if at < 0 and counted.lower() in ctx.text[max(0, q.start - 80):q.start].lower():
            at = ctx.text.lower().rfind(counted.lower(), max(0, q.start - 80), q.start + 1)
    if at < 0:
        return None
    span = ctx.doc.char_span(at, at + len(counted), alignment_mode="expand")
    if span is None or not len(span):
        return None
    if span[0].tag_ in ("VBN", "VBD"):  # "over nine hundred killed, among them ...": the verb is counted
        first = span[0]  # unless it modifies a noun after it ("more than one declassified record")
        return first.head if first.dep_ == "amod" and first.head.i > first.i and first.head.pos_ == "NOUN" else first
    nouns = [t for t in span if t.pos_ in ("NOUN", "PROPN")]
    return span.root if span.root.pos_ in ("NOUN", "PROPN") else (nouns[-1] if nouns else span[-1])


def _side(ctx: Context, head: Token) -> str | None:
    """Whose the counted are: a nationality or name on or around the head noun ("Varnian soldiers",
    "SEV troops", "members of the SVO", "fighters from the PSOV", "the VLA casualties"), or the
    nationality the head itself is ("1,000 Ostrians"). A name the model ran into a fate noun
    ("KIA") or a bracket is no side."""
    if (country := _demonym(ctx, head)) is not None:
        return country
    labelled = ctx.reader.label_at.get(head.i)  # "28 terrorists": the group the source calls so
    if labelled is not None and any(m.key == labelled and m.type in ("ORG", "NORP") for m in ctx.reader.recent):
        return labelled
    for child in head.children:
        inner = child
        if child.dep_ == "prep" and child.lower_ in ("of", "from"):
            inner = next((c for c in child.children if c.dep_ == "pobj"), None)
        elif child.dep_ not in ("compound", "amod", "poss", "nmod"):
            continue
        if inner is None:
            continue
        if (country := _demonym(ctx, inner)) is not None:
            return country
        found = ctx.reader.entity_of(inner, depth=1)
        if found is not None and found.type in SPEAKER_TYPES and not re.search(r"[()\[\]]", found.text):
            return found.key
    return None


def _owner(ctx: Context, token: Token) -> tuple[str | None, bool]:
    """Whose force a count is, from the clause it is said in, and whether it is told as the force's
    whole strength: "the VLA is said to have some 9,000 troops", "thought to number some
    9,000, the VLA ..." (strength), "the VLA forces, put at almost 6,000 fighters, ..."."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head  # "had 300 tanks, 400 APCs and ...": every count of a list is the verb's
    verb = token.head.head if token.dep_ == "pobj" else token.head
    if token.dep_ == "attr" and verb.lemma_ == "be" and (said_of := _relative_head(verb)) is not None:
        token = said_of  # "used 25 brigades that were 4,000 men in all": whose the brigades are
        verb = token.head.head if token.dep_ == "pobj" else token.head
    if verb.pos_ not in ("VERB", "AUX") or token.dep_ not in ("dobj", "attr", "pobj", "npadvmod", "oprd"):
        return None, False
    strength = verb.lemma_.lower() in ctx.lex.strength_verbs
    if not strength and not _deployed(ctx, token, verb) and not (
            verb.dep_ == "acl" and verb.lemma_.lower() in ctx.lex.attribution_verbs):
        return None, False
    for _ in range(4):
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None and verb.dep_ == "acl":
            subject = verb.head  # "the VLA forces, estimated at ...": the noun the clause is said of
        if subject is not None:
            return _side_of(ctx, subject), strength
        if verb.dep_ not in ("xcomp", "advcl", "conj", "ccomp") or verb.head.i == verb.i:
            break
        verb = verb.head  # "thought to number some 9,000, the VLA has joined ...": the main clause's subject
    return None, strength


def _relative_head(verb: Token) -> Token | None:
    """The noun a relative clause is said of: its head, or, where the parse hung the clause on the
    main verb ("used 25 brigades (each of 200 men) that were 4,000 in all"), that verb's object
    just before the clause's "that" or "which"."""
    if verb.dep_ == "relcl":
        return verb.head
    pronoun = next((c for c in verb.children if c.dep_ == "nsubj" and c.tag_ == "WDT"), None)
    if verb.dep_ != "ccomp" or pronoun is None:
        return None
    objects = [c for c in verb.head.children if c.dep_ == "dobj" and c.i < pronoun.i]
    return objects[-1] if objects else None


def _deployed(ctx: Context, token: Token, verb: Token) -> bool:
    """Whether the counted are a force the verb's subject brings: the object of a verb of deploying
    ("sent 7,000 troops"), or the object of "with" on a deed done to someone ("attacked the town
    with 7,500 fighters"; "clashed with 300 soldiers" names the other side)."""
    deploying = verb.lemma_.lower() in ctx.lex.deploy_verbs
    if token.dep_ == "dobj":
        return deploying
    return token.dep_ == "pobj" and token.head.lower_ == "with" and token.head.head.i == verb.i and (
        deploying or any(c.dep_ == "dobj" for c in verb.children))


def _side_of(ctx: Context, noun: Token) -> str | None:
    """The side a noun names: a nationality, a party named by it, or the party its own words name
    ("the VLA forces")."""
    if (country := _demonym(ctx, noun)) is not None:
        return country
    found = ctx.reader.entity_of(noun, depth=1)
    if found is not None and found.type in SPEAKER_TYPES and not re.search(r"[()\[\]]", found.text):
        return found.key
    return _side(ctx, noun) or ctx.reader.label_word.get(noun.lower_)  # "hypocrites had used ...", as labelled


def _party(ctx: Context, head: Token | None, side: str | None) -> str | None:
    """The side of the dead a deed befell, unless it is the people the count names ("200 Arabs were
    killed": the deed's target, no party; see _people_side)."""
    if head is not None and side == getattr(ctx.reader.mention_at.get(head.i), "key", "") and (
            _a_people(ctx, head) and not _demonym(ctx, head)):
        return None
    return side


def _people_side(ctx: Context, head: Token) -> str | None:
    """The side of a people counted by its name: the country a nationality before it names
    ("Palestinian Arabs": Palestine's), else none; a people is no party of its own."""
    demonyms = ctx.reader.lex.demonyms
    return next((name_key(demonyms[c.text]) for c in head.children if c.dep_ in ("amod", "compound")
                 and c.text in demonyms), None)


def _a_people(ctx: Context, token: Token) -> bool:
    """Whether a plural noun names a people, a faith or a kin group the model tags as such ("254
    Palestinian Arabs", "40 Kurds", "300 Alawites"): people, though no country's nationals."""
    named = ctx.reader.mention_at.get(token.i)
    return named is not None and named.type == "NORP" and (token.tag_ in ("NNPS", "NNS") or token.text.endswith("s"))


def _demonym(ctx: Context, token: Token) -> str | None:
    """The key of the country a nationality word stands for, adjective or noun ("Varnian",
    "Ostrians"): the key of the document's own mention of the word when it has one (as the events
    stage keys "Varnian forces", so that resolve joins both to the country), else the country's."""
    if not token.text[:1].isupper() or ctx.reader.stance_marked(token):
        return None  # "pro-Moscow protesters" are no one's nationals
    demonyms = ctx.reader.lex.demonyms
    country = demonyms.get(token.text) or demonyms.get(token.text[:-1] if token.text.endswith("s") else "")
    if not country:
        return None
    own = ctx.reader.mention_at.get(token.i)
    return own.key if own is not None and own.type in ("NORP", "GPE") else name_key(country)


def _noun_head(ctx: Context, head: Token) -> Token | None:
    """The counted noun itself: "SEV troops" is troops, not SEV; a participle taken for a noun
    ("4,500 Reported Killed") counts nothing named."""
    if head.tag_ in ("VBN", "VBD", "VBG"):
        return None
    nxt = ctx.doc[head.i + 1] if head.i + 1 < len(ctx.doc) else None
    if head.pos_ == "PROPN" and nxt is not None and nxt.pos_ == "NOUN" and nxt.dep_ != "compound" \
            and _demonym(ctx, head) is None:
        return nxt
    return head


def _inflicted_on(ctx: Context, number: Token) -> str | None:
    """"inflicting more than 3,900 casualties on the front": the side is the one the losses fall on."""
    verb = number.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head != verb:
        verb = verb.head
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("on", "upon", "among")):
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            found = ctx.reader.entity_of(pobj, depth=1)
            if found is not None and found.type in SPEAKER_TYPES:
                return found.key
    return None


def _suffered_from(event: Event | None) -> str | None:
    """Whose the dead or wounded of an event are when the source does not say: the target's, or
    else the side opposed to the one that inflicted them ("the Varnians had killed 3,500 of the
    enemy": "!" and the actor's key, read by compare as the one side the corpus opposes to it)."""
    if event is None:
        return None
    if event.target_key:
        return event.target_key
    return f"!{event.actor_key}" if event.actor_key else None


def _fates(ctx: Context, q: Quantity, number: Token) -> str | None:
    """What befell the counted, by the fate words nearest the count in its sentence (after it
    first, then before it): several fates side by side ("killed and wounded", "KIA, WIA, MIA,
    POW") are casualties; the counts in parentheses after a fate's count are of that fate ("41
    killed (37 soldiers, 4 police officers) and 253 wounded (...)")."""
    if fate := fate_before_parenthesis(ctx.text, q.start, ctx.lex.fate_of):
        return fate
    sentence = ctx.sentence(number)
    end = sentence.end_char
    if end <= q.end + 1 and ctx.text[q.end:end].strip() not in (".", "!", "?"):
        # the model ended the sentence at the number (an infobox row), not a full stop: its line
        line_end = ctx.text.find("\n", q.end)
        end = line_end if line_end >= 0 else len(ctx.text)
    # a semicolon ends a clause the parse may join ("Hundreds Held in School; 8 Killed"), and so
    # does a clause joined with a subject of its own ("69 dead is now put at 80, and the injured
    # figure has risen to 297": the 80 are not the injured)
    closed = ctx.text.find(")", q.end, end) if in_brackets(ctx.text, q.start) else -1
    end = closed if closed >= 0 else end  # "dead at 56 (another estimate: 52), beside 33 losses": the bracket's
    after = _words(ctx, q.end, min(end, next_clause(number, q.end)), first_clause=True)[:14]
    if "#" in after and {"whose", "who", "which", "that", "while", "whereas"} & set(after[:after.index("#")]):
        after = after[:after.index("#")]  # a clause's count's fate ("120 farmers whose 14 neighbours were shot")
    # "800 sheltering,[2] killing 106", "killed 3,200 people and injured 7,000 more": the verb's
    # fate is the count's after it (not "53 dead (48")
    verbs_of_counts = [i for i, w in enumerate(after[:-1]) if count_follows(after[i + 1:]) and w in ctx.lex.fate_of
                       and (w.endswith("ing") or (i > 0 and after[i - 1] in ("and", "or")))]  # "killed at least #"
    after = after[:verbs_of_counts[0]] if verbs_of_counts else after
    # "killed 379 and left another 1,200 injured", "379 killed and over 1,200 other people injured":
    # the fate after a count of another group is that group's
    apart = ctx.lex.other_group_words
    # and a count with a fate word straight after it has its own ("69 were killed, including eight
    # women, and 180 wounded": the eight are dead)
    others = [i for i, w in enumerate(after) if w == "#" and (
              (i > 0 and after[i - 1] in apart) or set(after[i + 1:i + 2]) & (apart | set(ctx.lex.fate_of)))]
    after = after[:others[0]] if others else after
    before = _words(ctx, clause_start(number, sentence.start_char), q.start, first_clause=False)[-10:]
    if "#" in before and {"and", "or"} & set(before[(last := len(before) - before[::-1].index("#")):]):
        before = before[:last - 1]  # "300 people murdered and hundreds of prisoners": the fate of the 300
    fate_of = ctx.lex.fate_of

    def hits(ws: list[str]) -> list[tuple[int, str]]:
        """(position, fate) of the fate words and two-word phrases in ws."""
        triples = {i: fate_of[p] for i in range(len(ws) - 2) if (p := " ".join(ws[i:i + 3])) in fate_of}
        pairs = {i: fate_of[f"{a} {b}"] for i, (a, b) in enumerate(pairwise(ws)) if f"{a} {b}" in fate_of
                 and not {i, i - 1} & set(triples)} | triples  # "lost their lives" is dead, not lost
        covered = {i + k for i in pairs for k in range(3 if i in triples else 2)}
        words = {i: fate_of[w] for i, w in enumerate(ws) if w in fate_of and i not in covered}
        charged = {i for i in pairs | words if i > 1 and ws[i - 1] == "of" and ws[i - 2] in ctx.lex.charge_words}
        # a phrase over its words: "shot dead" is dead, not shot; "guilty of murder" is a charge
        return sorted((k, v) for k, v in (pairs | words).items() if k not in charged)

    words, found = after, hits(after)
    if not found:
        words, found = before, hits(before)[::-1]  # nearest first
    if not found:
        return None
    listed = {found[0][1]}  # fates in one list with the first: "killed and wounded", "KIA, WIA, MIA"
    for (i, _), (j, fate) in pairwise(found):
        between = words[min(i, j) + 1:max(i, j)]
        if not (all(w in ("and", "or", "nor") for w in between) and abs(j - i) <= 2):
            break
        listed.add(fate)
    if "dead" in listed and len(listed & ctx.lex.fate_wholes.get("casualties", frozenset())) > 1:
        return "casualties"  # a list without the dead ("hundreds wounded, missing") is the first fate's
    return found[0][1]


def _words(ctx: Context, start: int, end: int, first_clause: bool) -> list[str]:
    """The words of text[start:end] in lower case, up to a semicolon (`first_clause`) or from the
    last one, less the nouns that only modify another noun ("the hostage seizure", "hostage-takers":
    no one was taken hostage). A number is "#": it parts two fates of two counts ("12 were killed
    and 40 wounded": the twelve are dead, not casualties)."""
    text = ctx.text[start:end]
    cut = text.find(";") if first_clause else text.rfind(";")
    if cut >= 0:
        start, end = (start, start + cut) if first_clause else (start + cut + 1, end)
    span = ctx.doc.char_span(start, end, alignment_mode="contract")
    return [w for t in span or () if not (t.dep_ == "compound" and t.head.i > t.i and t.head.pos_ == "NOUN")
            for w in (["#"] if t.like_num and t.pos_ == "NUM" else re.findall(r"[a-z]+", t.lower_))]


def _verb_fate(ctx: Context, head: Token) -> str | None:
    """The fate a verb gives the counted it takes as object or passive subject ("killed 13
    marchers", "13 marchers were killed"), or as the subject of a verb that befalls its subject
    ("330 of them died"; not "gunmen shot at the crowd")."""
    verb = head.head
    befalls = head.dep_ == "nsubj" and verb.lemma_.lower() in ctx.lex.befalling_verbs
    if (head.dep_ not in ("dobj", "nsubjpass") and not befalls) or verb.pos_ != "VERB":
        return None
    particle = next((c.lower_ for c in verb.children if c.dep_ in ("prt", "acomp", "advmod", "oprd")), None)
    for form in ([f"{verb.lower_} {particle}"] if particle else []) + [verb.lower_, verb.lemma_.lower()]:
        if form in ctx.lex.fate_of:
            return ctx.lex.fate_of[form]
    return None


def _deed_fate(ctx: Context, head: Token | None) -> str | None:
    """The fate a deed's noun gives those it is "of" ("the shootings of 13 students, killing four":
    thirteen shot, not dead; "the killing of 40 villagers")."""
    if head is None or head.dep_ != "pobj" or head.head.lower_ != "of":
        return None
    deed = head.head.head  # or what became of them: "the bodies of 80 villagers", "the deaths of 40"
    return (ctx.lex.fate_of.get(deed.lower_) or ctx.lex.fate_noun.get(deed.lower_)) if deed.pos_ == "NOUN" else None


def _suffered_nothing(ctx: Context, head: Token | None, number: Token, fate: str | None) -> bool:
    """Whether the counted suffered no fate the words around tell: they did the deed ("7,000 fighters
    attacked and killed 50"), are the whole some of whom it befell ("12 of the 300 passengers were
    killed": the 300 are how many there were), or are charged with it ("murder charges against 270")."""
    if is_charged(ctx, head if head is not None else number):
        return True
    return head is not None and fate not in ctx.lex.doer_fates and not is_fate_noun(ctx, head) and (
        _doer(head) or _whole_of_a_part(head, number))


def _doer(head: Token) -> bool:
    """Whether the counted do the deed rather than suffer it: the agent of a passive ("shot down by
    two missiles") or the subject of an active verb ("7,000 fighters attacked and killed 50"), but
    not of a verb that is itself their fate ("1,000 people died")."""
    if head.dep_ == "pobj" and head.head.lower_ == "by" and head.head.dep_ == "agent":
        return True
    verb = head.head
    return (head.dep_ == "nsubj" and verb.pos_ == "VERB" and not any(c.dep_ == "auxpass" for c in verb.children)
            and verb.lower_ not in words().fate_of and verb.lemma_.lower() not in words().fate_of)  # "1000 died"


def _whole_of_a_part(head: Token, number: Token) -> bool:
    """Whether a count is the whole another number is part of: the 300 of "12 of the 300 passengers"."""
    of = head.head
    return number.head.i == head.i and head.dep_ == "pobj" and of.lower_ == "of" and of.head.i != number.i and (
        of.head.like_num or of.head.pos_ == "NUM")


def _whole(ctx: Context, q: Quantity) -> bool:
    """Whether "all" (or "the entire") stands before the count: it then gives the whole number."""
    before = re.findall(r"[a-z]+", ctx.text[max(0, q.start - 20):q.start].lower())[-2:]
    return bool(set(before) & ctx.lex.whole_quantifiers)


def _amount(q: Quantity) -> tuple[float | None, float | None]:
    """A count's interval: exact, bounded, or widened by a tenth when it is an estimate."""
    if q.value is not None:
        if q.approx:
            return q.value * 0.9, q.value * 1.1
        return q.value, q.value
    return q.low, q.high


def _number_text(q: Quantity) -> str:
    """The count's value as stated: a number ("~" before an estimate), or low-high (either may be empty)."""
    def fmt(x: float | None) -> str:
        return "" if x is None else (str(int(x)) if float(x).is_integer() else str(x))

    if q.value is not None:
        return ("~" if q.approx else "") + fmt(q.value)
    return f"{fmt(q.low)}-{fmt(q.high)}"


def _phrase_around(ctx: Context, q: Quantity, head: Token | None) -> tuple[int, int, str]:
    """Evidence for a count outside any event: the count with the clause it sits in, on one line."""
    span = ctx.doc.char_span(q.start, q.end, alignment_mode="expand")
    if span is None:
        return q.start, q.end, q.text
    sentence = ctx.sentence(span[-1])
    start, end = sentence.start_char, sentence.end_char
    line_start = ctx.text.rfind("\n", 0, q.start) + 1
    line_end = ctx.text.find("\n", q.end)
    start, end = max(start, line_start), min(end, line_end if line_end >= 0 else end)
    if end - start > 240:  # a long sentence: the words around the count, whole words
        start = max(start, q.start - 80)
        end = min(end, max(q.end, head.idx + len(head.text) if head is not None else q.end) + 120)
        words = ctx.doc.char_span(start, end, alignment_mode="contract")
        if words is not None and len(words):
            start, end = min(words.start_char, q.start), max(words.end_char, q.end)
    text = ctx.text[start:end]
    trimmed = text.strip()
    start += len(text) - len(text.lstrip())
    return start, start + len(trimmed), trimmed
