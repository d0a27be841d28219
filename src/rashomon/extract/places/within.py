"""Places named where no place mention stands: inside an organisation's name ("Kentucky State
Police", "University of Georgia", "the Tolarian Air Force") and in a dateline ("MANSFIELD --",
"BEIRUT (Reuters) -"), where the report was filed."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from rashomon.extract.cut_names import english
from rashomon.extract.entities import is_vessel, mentions_at, name_articles, operation, organisation_word
from rashomon.extract.places.geonames import Gazetteer, gazetteer
from rashomon.extract.places.lookup import big_place, demonym, division_demonym, held, notable
from rashomon.extract.places.model import DIVISIONS
from rashomon.extract.places.rules import fold, rules
from rashomon.ingest.parse import text_of
from rashomon.records import Entity, Mention

# a dateline: a place in capitals opening a line or a sentence, perhaps its state or country and
# an agency, then a dash ("MANSFIELD --", "BEIRUT (Reuters) -", "COLUMBUS, Ohio —"; an agency
# needs none: "COVINGTON, Ky. (AP) A man"), after a line, a sentence or the date it was filed on;
# a dash read as Latin-1 instead of Windows-1252 (\x97, \x96) is a dash; a colon ("AMMAN: The
# body of ...") too, for a notable place only: labels share it ("UPDATE: ...")
_DATELINE = re.compile(
    r"(?:^|(?<=[.!?] )|(?<=\n)|(?<=\d{4} ))[ \t]*([A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3})"
    r"(?=(?:, [A-Z][\w.]*(?: [A-Z][\w.]*)?){0,2} ?(?:\([A-Za-z. ]+\) |(?:\([A-Za-z. ]+\) ?)?"
    r"(?:—|–|--|- |[\x96\x97]|(?P<colon>:)(?= ))))",
    re.MULTILINE,
)
# names the tagger ran together into one mention: "Lubbock to Austin", "Tully or Townsville",
# "Smith - Ohio", "CLIFTON - Bosque County"
_JOINED = re.compile(r"\w (?:and|or|to|&) [A-Z]|\w - [A-Z]|\w, [A-Z]")
# an abbreviated place and a participle in one token: "U.S.-led", "U.K.-based"
_ABBREVIATED_AFTER = re.compile(r", ([A-Z][a-z]{1,4}\.)(?=[\s,;)])")  # "Melville, Sask. believes"
_COMPOUND = re.compile(r"((?:[A-Z]\.){2,})-[a-z]+")
# the words between names the tagger ran together
_JOINERS = frozenset({"and", "or", "to", "&", "-", ","})
# words after a name's head noun ("the Battle of X", "the Mission to Y")
_HEAD_LINKS = frozenset({"of", "for", "to", "at", "on", "in"})
# a legislator's party and home after the name ("Rep. Jo Doe, D-Ohio", "Jo Roe (R-Iowa City)",
# "D-N.Y."): the place after the party's letter, up to three capitalised words
_PARTY_HOME = re.compile(r"\b[A-Z][\w'’.-]*(?:, | \()[DRI]-([A-Z][\w.'’]*(?: [A-Z][\w.'’]*){0,2})")


def within_names(doc, mentions: Sequence[Mention], entities: Sequence[Entity]) -> tuple[list[Mention], list[Entity]]:
    """Places named inside organisations' and events' names (not inside a ship's or a named
    operation's: "Operation Kaman" names no town) and in datelines where no
    mention stands, and acronyms inside names that the document uses alone: new mentions, and an
    entity for each new key. The claim stages do not see
    these mentions: there the organisation is the actor, and a dateline claims nothing."""
    text = text_of(doc)
    inside = names_inside(doc, [(m.start, m.end) for m in mentions if _named_like_organisation(m)])
    filed = [(a, b, "GPE") for a, b in datelines(text) if not any(m.start < b and a < m.end for m in mentions)]
    homes = [(a, b, "GPE") for a, b in (*party_homes(text), *untagged_places(doc), *_compound_heads(doc))]
    homes += [(a, b, "GPE") for a, b in _abbreviated_provinces(text, mentions)]
    named = {(m.start, m.end) for m in mentions}  # "Ostria" of "Ostria's army" is a mention already
    found, new = mentions_at(text, [s for s in (*inside, *filed, *homes) if s[:2] not in named], entities)
    return [*found, *_acronyms_inside(text, mentions)], new


def _abbreviated_provinces(text: str, mentions: Sequence[Mention]) -> list[tuple[int, int]]:
    """The abbreviated province or state the model left untagged after a town and a comma
    ("Melville, Sask. believes", "Gatineau, Que., and"; `admin1_aliases` of places.yaml): (start,
    end) of each, its full stop kept, where no mention stands."""
    gaz, out = gazetteer(), []
    for m in mentions:
        after = _ABBREVIATED_AFTER.match(text, m.end)
        if after is None or any(o.start < after.end(1) and after.start(1) < o.end for o in mentions):
            continue
        rows = gaz.by_exact.get(fold(after.group(1)), ())
        if rows and all(gaz.columns["kind"][r] == "admin1" for r in rows):
            out.append(after.span(1))
    return out


def _compound_heads(doc) -> list[tuple[int, int]]:
    """The place opening a compound the tokenizer kept whole ("U.S.-led", "U.K.-based": an
    abbreviation's full stop keeps the hyphen in one token) when it is a notable place: (start,
    end) of each."""
    out = []
    for token in doc:
        found = _COMPOUND.fullmatch(token.text)
        if found and notable(found.group(1)):
            out.append((token.idx, token.idx + len(found.group(1))))
    return out


def _named_like_organisation(m: Mention) -> bool:
    """Whether a mention's name may hold a place the way an organisation's does: an organisation
    or a building (not a ship), an event (not a named operation: "Operation Kaman" names no
    town; but "Battle for Isfarabad"), or a name of another type that an organisation word
    closes or runs through ("Henrico County Police", "Guernsey County Common Pleas Court" typed as
    places, "Lindsay Police" as a work) or a division word runs through ("Rapides Parish Fire"
    typed as a person), or names the tagger ran together ("Lubbock to Austin" typed as a place)."""
    if m.type in ("ORG", "FAC"):
        return not is_vessel(m.text)
    if m.type == "EVENT":
        return not operation(m.text)
    words = m.text.split()
    kinds = rules().features
    return (any(_institution_word(w) for w in words[1:]) or any(kinds.get(w.lower()) in DIVISIONS for w in words[1:-1])
            or bool(_JOINED.search(m.text)))


def _institution_word(word: str) -> bool:
    """Whether a word is one organisations or a town's own institutions are named with
    ("Police", "Committee"; "Fire", "Library", "Parks")."""
    return organisation_word(word) or word.lower() in rules().institution_words


def party_homes(text: str) -> list[tuple[int, int]]:
    """The places after a legislator's party letter ("Sen. Jo Doe, D-Ohio", "(R-Iowa City)",
    "D-N.Y."): the longest run of the words that the gazetteer holds as a place."""
    gaz, out = gazetteer(), []
    for match in _PARTY_HOME.finditer(text):
        words = match.group(1).split()
        names = (n for size in range(len(words), 0, -1) for n in (" ".join(words[:size]),) for n in (n, n.rstrip(".")))
        name = next((n for n in names if gaz.by_exact.get(fold(n))), None)  # "D-Ohio." ends a sentence
        if name:
            out.append((match.start(1), match.start(1) + len(name)))
    return out


def untagged_places(doc) -> list[tuple[int, int]]:
    """Proper nouns the model left untagged after a cue word ("of Coppell", "from Keller",
    "in Tolono"; `cues` of places.yaml), after "and" that follows a place ("near Morvan and
    Ahar"), or before the title of a town's officer ("Beaconsfield Mayor Jo Roy"; `town_offices`),
    that the gazetteer holds as a town by that very name, unless the name is also an English
    word: (start, end) of each."""
    cues, words = rules().cues - {"and"}, english("noun") | english("adj") | english("verb")
    offices = rules().town_offices
    out, i = [], 0
    while i < len(doc):
        j = i
        while j < len(doc) and j - i < 3 and doc[j].pos_ == "PROPN" and not doc[j].ent_type_:
            j += 1
        end = j - 1 if j - 1 > i and doc[j - 1].lower_ in offices else j  # "Beaconsfield Mayor"
        whole = j > i and (j == len(doc) or doc[j].pos_ != "PROPN" or doc[j].ent_type_ == "PERSON")
        cued = i > 0 and (doc[i - 1].lower_ in cues or (
            doc[i - 1].lower_ == "and" and i > 1 and doc[i - 2].ent_type_ in ("GPE", "LOC")))
        if whole and (cued or end < j) and doc[i].text[:1].isupper():
            name = doc[i:end].text
            if held(name) and name.lower() not in words:
                out.append((doc[i].idx, doc[end - 1].idx + len(doc[end - 1].text)))
        i = max(j, i + 1)
    return out


def own_word(token, name) -> bool:
    """Whether one word of a longer name (a span) is the name's own, not a place in it: its head
    (the word that closes it, or stands before "of": "the Battle of X") when that word says what
    the name names ("Airport", "Mission", "Time", "Battle"; `features` and `name_heads` of
    places.yaml) or is one the same text also writes in lower case ("the mission", "at the time"),
    unless it names a country or a big town ("Nice", "Reading")."""
    after = token.doc[token.i + 1] if token.i + 1 < name.end else None
    if after is not None and after.lower_ not in _HEAD_LINKS:
        return False  # "Mission Police Department": a town may open its institution's name
    word = token.lower_
    if word in rules().features or word in rules().name_heads:
        return True
    return any(t.text == word for t in token.doc) and not big_place(token.text)


def _acronyms_inside(text: str, mentions: Sequence[Mention]) -> list[Mention]:
    """An acronym inside a name that the document also uses on its own ("IRGC" of "IRGC General
    Command"): a mention of what it names there."""
    alone = {m.text: m for m in mentions if re.fullmatch(r"[A-Z]{2,6}", m.text)}
    out = []
    for m in mentions:
        if m.type not in ("ORG", "FAC", "EVENT") or " " not in m.text:
            continue
        for word in re.finditer(r"\b[A-Z]{2,6}\b", m.text):
            if (known := alone.get(word.group())) is not None and known.key != m.key:
                out.append(Mention(m.start + word.start(), m.start + word.end(), word.group(), known.type, known.key))
    return out


def datelines(text: str) -> list[tuple[int, int]]:
    """The places of the datelines in a text ("MANSFIELD --", "BEIRUT (Reuters) -"): where the
    report was filed. A notable place (see `notable`) counts, and so does any town the gazetteer
    holds by that name unless the name is also an English word ("HARWINTON —", not "UPDATE —");
    before a colon, only a notable place that is no English word or is a big place ("AMMAN:",
    not "UPDATE:"; WordNet holds capitals as nouns)."""
    words = english("noun") | english("adj") | english("verb")
    out = []
    for m in _DATELINE.finditer(text):
        name = m.group(1).title()
        english_word = name.lower() in words
        if (notable(name) and (not english_word or big_place(name))) if m.group("colon") else (
                notable(name) or (held(name) and not english_word)):
            out.append(m.span(1))
    return out


def names_inside(doc, spans: Iterable[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """Places named inside the names of organisations and buildings ("Kentucky State Police",
    "CTV Winnipeg", "Conference Board of Canada", "the Tolarian Air Force", "the European
    Parliament"): (start, end, type) of each, for the given spans of `doc`, type GPE for a notable
    place (see `notable`) and NORP for the adjective of a country, a continent or a province."""
    gaz, found = gazetteer(), []
    for start, end in spans:
        span = doc.char_span(start, end, alignment_mode="contract")
        if span is None or len(span) < 2 or span.text.isupper():
            continue
        text = text_of(doc)
        for a, b in sorted(places_in_name(span, gaz)):
            name = text[a:b]
            if name.isupper() and not notable(name, population=None):
                continue  # "UN" in "UN Security Council" is not the village of Un
            found.append((a, b, "GPE" if notable(name) or not _adjective(name, gaz) else "NORP"))
    return found


def _adjective(name: str, gaz: Gazetteer) -> bool:
    """Whether a word is the adjective of a country, or else of a continent or a first-level
    division ("Tolarian", "European", "Texan": `lookup.demonym`, `lookup.division_demonym`)."""
    return bool(demonym(name, gaz) or division_demonym(name, gaz))




def _joined_towns(ent, words: frozenset[str]) -> set[tuple[int, int]]:
    """The towns of names the tagger ran together ("Tully or Townsville", "Haris and Varzaqan",
    "Hornsey, Stoke Newington"): each part, when every part is a town the gazetteer holds by that
    very name and none is an English word ("Smith and Wesson" holds none)."""
    if not _JOINED.search(ent.text):
        return set()
    parts, start = [], 0
    for k, token in enumerate([*ent, None]):
        if token is None or token.lower_ in _JOINERS:
            if k > start:
                parts.append(ent[start:k])
            start = k + 1
    if len(parts) < 2 or not all(p[0].text[:1].isupper() and (held(p.text) or notable(p.text))
                                 and p.text.lower() not in words for p in parts):
        return set()
    return {(p.start_char, p.end_char) for p in parts}


def places_in_name(ent, gaz: Gazetteer) -> set[tuple[int, int]]:
    """Places named inside an organisation's name (a spaCy span): "Gainesville Police Department",
    "University of Georgia", "CBC Toronto", "American Red Cross" (the longest notable runs
    of proper nouns, left to right). A place opens or closes the name (after words of `parts`:
    "Western Nebraska Kennel Club") or follows one of the `name_links` ("of", a hyphen): the
    "Liberation" of "Sarhadi Liberation Front" is not the French town. A town too small to be
    notable counts where it opens the name of an institution, followed by its word or closing
    the name with it ("Tolono Fire Department", "Dover Board of Finance", "Clifton
    Elementary"), unless it is an English word."""

    links, articles, adjectives = rules().name_links, name_articles(), english("adj")
    words = english("noun") | adjectives
    leading = next((k for k, token in enumerate(ent) if token.lower_ not in rules().parts), len(ent))

    def a_place(head) -> bool:
        """"Central" of "Central Committee", "Rapid" of "Rapid Support Forces": an English
        adjective in a name is the name's own word unless it names a country or a big town; a
        word organisations are named with never names a place there ("Liberation" of
        "Liberation Army" is no quarter of Nice), nor an article ("al" of "Jaish al-Adl"), nor a
        short word that is only a town's other name ("Adl" is Adelaide's airport code)."""
        if len(head) == 1 and (organisation_word(head.text) or head[0].lower_ in articles):
            return False  # "Police" of "Kentucky State Police" is not the Polish town
        if len(head) == 1 and head[0].lower_ in adjectives:
            return big_place(head.text)
        if len(head) == 1 and own_word(head[0], ent):
            return False  # "Airport" of "Kuala Lumpur International Airport", "Battle" of "Battle of X"
        if notable(head.text, as_named=len(head.text) <= 3):
            return True
        i, j = head.start - ent.start, head.end - ent.start
        institution = j < len(ent) and (_institution_word(ent[j].text) or _institution_word(ent[-1].text))
        return i <= leading and institution and held(head.text) and head.text.lower() not in words

    def placed(i: int, j: int) -> bool:
        before = i - 2 if i >= 2 and ent[i - 1].lower_ == "the" else i - 1
        return i <= leading or j == len(ent) or ent[before].lower_ in links

    found: set[tuple[int, int]] = _joined_towns(ent, words)
    i = 0
    while i < len(ent):
        for j in range(len(ent), i, -1):
            head = ent[i:j]
            if (
                (j - i) < len(ent)
                and placed(i, j)
                and (
                    (head[0].pos_ == head[-1].pos_ == "PROPN" and a_place(head))
                    or (len(head) == 1 and head[0].pos_ in ("PROPN", "ADJ") and _adjective(head.text, gaz))
                )
            ):
                found.add((head.start_char, head.end_char))
                i = j - 1
                break
        i += 1
    return found
