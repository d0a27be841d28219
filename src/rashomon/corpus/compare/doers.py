"""Doers: who did a deed against people who could not fight back (a massacre, civilians fired on),
the question accounts of a contested event most often answer differently. Such deeds are filed
by the named deed or the place they are told at (compare files a place near the one named deed,
and deeds told of no place, under it), and voices naming doers of different sides conflict."""

from __future__ import annotations

import re
from collections import defaultdict

from rashomon.corpus.compare.judge import Findings
from rashomon.corpus.compare.said import WORDING, Said
from rashomon.extract.organs import owned_by

ONE_SIDED = WORDING["one_sided"]
ONE_SIDED_ACTIONS = frozenset(ONE_SIDED["actions"])
ONE_SIDED_DEEDS = frozenset(ONE_SIDED["deeds"])
ONE_SIDED_WORDS = ONE_SIDED_DEEDS | frozenset(ONE_SIDED["victims"]) | frozenset(ONE_SIDED["weapons"])
SENTENCE = 400  # how far around a claim its sentence is looked for
CATEGORIES = frozenset(ONE_SIDED["categories"])
DEED_DAYS = 31  # a deed at a named deed's place dated further than this from every day given it is another


def days_near(day: tuple[float, float], days: list[tuple[float, float]]) -> bool:
    return any(day[0] - DEED_DAYS <= d[1] and d[0] - DEED_DAYS <= day[1] for d in days)


def one_sided(s: Said) -> bool:
    """Whether a deed befell people who could not fight back: its words name an atrocity ("the X
    massacre", "slaughtered"), defenceless victims ("a column of civilians was fired on") or a
    weapon that strikes all alike ("the chemical attack")."""
    return s.action in ONE_SIDED_ACTIONS and not ONE_SIDED_WORDS.isdisjoint(re.findall(r"[a-z]+", s.text.lower()))


def deed_told(s: Said, out: Findings) -> str | None:
    """The one word for an atrocity ("executions", "massacre") the sentence of a claim uses, in
    the singular: deeds no source names or gives a doer for are met by that word across accounts
    ("The executions began on 27 July" beside "a series of executions, starting on 19 July"), on
    the day each gives (a year names one more than it dates its start: "the 1992 slaughter")."""
    if s.low is None or s.low != s.high:
        return None
    before = out.store.text(s.doc, max(0, s.start - SENTENCE), s.start) or ""
    after = out.store.text(s.doc, s.end, s.end + SENTENCE) or ""
    sentence = re.split(r"[.!?]\s", before)[-1] + s.text + re.split(r"[.!?]\s", after)[0]
    deeds = {re.sub(r"ies$", "y", w).removesuffix("s") for w in re.findall(r"[a-z]+", sentence.lower())
             if w in ONE_SIDED["deeds"] and not w.endswith("ed")}  # the nouns, not "massacred"
    return next(iter(deeds)) if len(deeds) == 1 else None


def perpetrator_key(s: Said, out: Findings) -> tuple | None:
    """Who did a deed against the defenceless: at one named event, or at one place (compare files
    a place near the one such event the corpus names, and deeds told of no place, under it)."""
    if s.attribute != "actor" or not s.side_of_actor or s.side_of_actor in out.towns or not one_sided(s):
        return None
    return ("name", s.subject) if s.subject else ("at", s.place)


def judge_perpetrator(key: tuple, said: list[Said], out: Findings) -> None:
    """Sources that name doers of different sides for one deed conflict: a voice that names only
    one side against a voice that names only another. Each side must be named by a claim tied to
    the deed (by its name or its place), not only by deeds told of nowhere; a deed dated to a day
    the named deed's sources do not give is another deed; a person whose side no source tells
    ("Orlov" beside "the Ostrian Union") names no side."""
    days = list(dict.fromkeys(s.day for s in said if s.subject and s.day))  # the days sources date the named deed to
    said = [s for s in said if not (days and s.day and not days_near(s.day, days))  # another deed
            and out.types.get(s.side_of_actor) != "PERSON"]  # a person of no known side may act for any
    if key == ("at", None) or len({s.story for s in said}) < 2:
        return
    tied = {s.side_of_actor for s in said if s.subject or s.place}
    named_by = defaultdict(set)  # each voice -> the sides it names as doers
    for s in said:
        named_by[s.story, s.voice].add(s.side_of_actor)
    alone = _exclusive({next(iter(sides)) for sides in named_by.values() if len(sides) == 1} & tied, out)
    if len(alone) < 2:
        return
    claims = [s for s in said if s.side_of_actor in alone]
    by_side = defaultdict(list)
    for s in claims:
        by_side[s.side_of_actor].append(s)
    deed = out.name(key[1])
    told = "; ".join(f"{out.name(side)} ({', '.join(dict.fromkeys(out.source(s) for s in ss))})"
                     for side, ss in sorted(by_side.items()))
    out.add("conflict", f"who did it: {deed}", "actor", key[1], claims,
            f"The sources name doers of different sides for {deed}: {told}.", central=True,
            value=lambda s: _doers(s, out))


def _exclusive(sides: set[str], out: Findings) -> set[str]:
    """The sides that exclude each other: a category of people named by creed or ideology
    ("Zionist", "Islamist": `categories` in compare.yaml) and a named force ("the Velmoran Guard")
    may be one, for the force may be of the category; two categories, or two forces or countries,
    are two."""
    groups = {s for s in sides if out.types.get(s) == "NORP" and out.name(s).lower().rstrip("s") in CATEGORIES}
    return set().union(*(part for part in (groups, sides - groups) if len(part) >= 2))


def _doers(s: Said, out: Findings) -> str | list[str]:
    """The doer a claim names: its actor, with the organ the source named it by ("the Chadian
    forces": its armed forces, beside the country) when there is one; read from the store for
    the few claims a conflict lists."""
    entities = {k.key: k.entity for k in out.store.entity_keys(s.doc)}
    organs = [entities[m["key"]] for m in out.store.rows("mention", 'doc = ? AND start >= ? AND "end" <= ?',
                                                          (s.doc, s.start, s.end))
              if (owned := owned_by(m["key"])) and entities.get(owned[1]) == s.actor and m["key"] in entities]
    return list(dict.fromkeys([*organs, s.actor])) if organs else s.actor or s.side_of_actor

