"""Organs: the army, forces, government or police of a country, a people, a person or a group
("the Tolarian forces", "Varnia's army", "the Army of the Islamic Republic of Varnia", "the Zarani
regime") as entities of their own, never the owner itself.

An organ's key names its kind and its owner's key ("forces@armanan"): accounts that name one
owner's organ of one kind with other words ("Tolarian armed formations", "Tolarian fighters")
meet, and `resolve` joins the organs of owners it joined ("Varnian Army", "Army of the Islamic
Republic of Varnia"). The owner's name stays a mention of its own inside the organ's, and the actor
the claim stages read. The words live in data/entities.yaml (`organs`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from rashomon.data import load
from rashomon.extract.entities import mention_key
from rashomon.names import initials_match
from rashomon.records import PLACE_TYPES, Mention

OWNED = "@"  # joins an organ's kind and its owner's key: "army@aran"
_OWNER_TYPES = ("NORP", "GPE", "PERSON", "ORG")


@cache
def _organs() -> tuple[dict[str, str], re.Pattern]:
    """Each organ word -> its kind, and a pattern that finds the words, longest first."""
    kinds = {str(w).lower(): str(kind) for kind, words in load("entities.yaml")["organs"].items()
             for w in words}
    words = "|".join(re.escape(w).replace(r"\ ", r"[ \t]+") for w in sorted(kinds, key=len, reverse=True))
    return kinds, re.compile(rf"(?i:{words})\b")


def owned_by(key: str) -> tuple[str, str] | None:
    """An organ's kind and its owner's key, or None for a key that names no organ."""
    kind, sep, owner = key.partition(OWNED)
    return (kind, owner) if sep else None


def find_organs(text: str, mentions: Sequence[Mention]) -> tuple[list[Mention], list[Mention]]:
    """Mentions of organs: around their owners' names ("Tolarian forces", "Army of the Islamic
    Republic of Varnia"), or in the place of a name the model or the knowledge file found whole
    ("Varnian Army", "U.S. forces"); and, for these, a mention of the owner inside."""
    kinds, words = _organs()
    out, owners = [], []
    same_text = {m.text: m for m in mentions}
    for m in mentions:
        whole = re.fullmatch(rf"([A-Z][\w’'.-]*(?:[ \t][A-Z][\w’'.-]*)*?)(?:[’']s)?[ \t]+({words.pattern})", m.text)
        like = same_text.get(whole.group(1)) if whole else None  # the owner as the document names it elsewhere
        if m.type in ("ORG", "NORP") and whole and ((like and like.type in ("NORP", "GPE")) or _people(whole.group(1))):
            name = whole.group(1)  # "Varnian Army"; not "Free Syrian Army", an organisation's own name
            owner = Mention(m.start, m.start + len(name), name, like.type if like else "NORP", like.key if like else "")
            owners.append(owner if like else Mention(owner.start, owner.end, name, "NORP", mention_key(name, "NORP")))
            out.append(_organ(text, m.start, m.end, kinds[_spaced(whole.group(2))], owner))
            continue
        if m.type not in _OWNER_TYPES or m.text[:1].isdigit():  # "troops of the 201st Division" are the unit
            continue
        after = re.match(r"(?:[’']s)?[ \t]+", text[m.end:m.end + 4])
        if after and (word := words.match(text, m.end + after.end())):
            out.append(_organ(text, m.start, word.end(), kinds[_spaced(word.group())], m))
        window = max(0, m.start - 40)
        before = re.search(r"\b(\w+(?:[ \t]\w+)?)[ \t]+of[ \t]+(?:the[ \t]+)?$", text[window:m.start])
        if before and (word := words.fullmatch(before.group(1))):
            out.append(_organ(text, window + before.start(1), m.end, kinds[_spaced(word.group())], m))
    kept = [o for o in out if all(x.end <= o.start or o.end <= x.start or _inside(x, o) for x in mentions)]
    kept = _of_the_places_people(text, mentions, kept)
    return kept, [w for w in owners if any(o.start <= w.start and w.end <= o.end for o in kept)]


def _of_the_places_people(text: str, mentions: Sequence[Mention], organs: list[Mention]) -> list[Mention]:
    """Organs of a place, in a document that names one people after that place ("Ogaden Somali
    forces" ... "Ogaden forces"): that people's organs; with two peoples of it, neither."""
    norp = {m.text: m.key for m in mentions if m.type == "NORP"}
    peoples: dict[str, set[str]] = {}  # a place's key -> the peoples the document names after it
    for name, key in {m.text: m.key for m in mentions if m.type in PLACE_TYPES}.items():
        for after in re.finditer(rf"(?<!\w){re.escape(name)}[ \t]([A-Z][\w’'-]+)", text):  # wherever the model cut it
            if after.group(1) in norp or _people(after.group(1)):
                peoples.setdefault(key, set()).add(norp.get(after.group(1)) or mention_key(after.group(1), "NORP"))
    out = []
    for o in organs:
        kind, owner = owned_by(o.key) or ("", "")
        one = peoples.get(owner, set())
        out.append(Mention(o.start, o.end, o.text, o.type, f"{kind}{OWNED}{next(iter(one))}") if len(one) == 1 else o)
    return out


def _inside(x: Mention, o: Mention) -> bool:
    """Whether `x` lies inside `o` (the owner's name inside the organ's, or the organ's own)."""
    return o.start <= x.start and x.end <= o.end


def _people(name: str) -> bool:
    """Whether a name is a country's adjective ("Varnian")."""
    from rashomon.extract.places import gazetteer
    from rashomon.extract.places.lookup import demonym

    return " " not in name and bool(demonym(name, gazetteer()))


def _spaced(words: str) -> str:
    return " ".join(words.lower().split())


def _organ(text: str, start: int, end: int, kind: str, owner: Mention) -> Mention:
    # the people of "Taravakh Tolarian forces" is the last word's: Tolarian
    name = owner.text.split()[-1] if owner.type == "NORP" else owner.text
    owner_key = mention_key(name, owner.type) if name != owner.text or not owner.key else owner.key
    return Mention(start, end, text[start:end], "ORG", f"{kind}{OWNED}{owner_key}")


ORDINAL = re.compile(r"\b(\d+(?:st|nd|rd|th))\b")


@cache
def _units() -> re.Pattern:
    words = "|".join(map(re.escape, load("entities.yaml")["units"]))
    return re.compile(rf"\b(\d+(?:st|nd|rd|th))[ \t]+(?:(?:[A-Z][\w-]*|of|the)[ \t]+){{0,4}}?(?i:({words}))\b")


def find_units(text: str, mentions: Sequence[Mention]) -> tuple[list[Mention], list[Mention]]:
    """Units named by their number: "the 366th CIS regiment" (keyed "366th~regiment"), a name the
    model found whole that opens with a number ("366th Motor Rifle Regtment", keyed "366th~"),
    and "the 366th" alone once the document names a unit so. Returns the mentions and those they
    replace (the model's, of the same span)."""
    out = [Mention(m.start(), m.end(), m.group(), "ORG", f"{m.group(1)}~{m.group(2).lower()}")
           for m in _units().finditer(text)]
    for m in mentions:
        first = m.text.split()[0]
        if m.type in ("ORG", "FAC") and " " in m.text and ORDINAL.fullmatch(first) and not any(
                o.start <= m.start < o.end for o in out):
            out.append(Mention(m.start, m.end, m.text, "ORG", f"{first}~"))
    led, mentions = _led_by_acronyms(mentions)
    numbers = {u.key.split("~")[0] for u in out}
    for alone in re.finditer(r"\bthe[ \t]+(\d+(?:st|nd|rd|th))\b(?![ \t]+(?:[A-Z]|of\b))", text):
        if alone.group(1) in numbers and not any(o.start <= alone.start(1) < o.end for o in out):
            out.append(Mention(alone.start(1), alone.end(1), alone.group(1), "ORG", f"{alone.group(1)}~"))
    out = [o for o in out if all(m.end <= o.start or o.end <= m.start or (o.start <= m.start and m.end <= o.end)
                                 or (m.start <= o.start and o.end <= m.end and m.type != "ORG")
                                 for m in mentions)]  # not across a name ("GC 127th Tarik brigade")
    replaced = [m for m in mentions if any(o.start <= m.start and m.end <= o.end for o in out)]
    return out + [a for a, _ in led], replaced + [m for _, m in led]


def _led_by_acronyms(mentions: Sequence[Mention]) -> tuple[list[tuple[Mention, Mention]], list[Mention]]:
    """A unit's number after the acronym of the organisation it belongs to, which the model read as
    one name ("the IRA 3rd Battalion" after "the Irish Republican Army"): the acronym is a mention
    of that organisation, when one name of the document has its initials. Returns (the acronym's
    mention, the model's mention it cuts) pairs and the mentions without the cut ones."""
    led = []
    for m in mentions:
        head = re.match(r"([A-Z]{2,5})[ \t]+\d+(?:st|nd|rd|th)\b", m.text) if m.type in ("ORG", "FAC") else None
        if head is None:
            continue
        keys = {o.key for o in mentions if o.type in ("ORG", "NORP") and o is not m and o.text != head.group(1)
                and initials_match(head.group(1), re.split(r"[\s-]+", o.text))}
        if len(keys) == 1:
            led.append((Mention(m.start, m.start + len(head.group(1)), head.group(1), "ORG", keys.pop()), m))
    cut = [m for _, m in led]
    return led, [m for m in mentions if m not in cut]
