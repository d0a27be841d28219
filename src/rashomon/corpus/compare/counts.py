"""Counts: how many, of what, whose and with what fate, set side by side (the `counts` and
`depth` families of frames.py).

A count is filed by what is counted (people, or a kind of thing), its unit and its fate family; a
frame's claims are then set apart by side (whose people they are). A part of people (civilians,
personnel) and a fate that is part of another (killed among casualties) are compared with their
whole as parts: at most as many. A count whose side the source does not give joins the one side
the corpus counts it for, if there is one; where several are counted, counts of no side meet only
where no side's own counts are like them. Another event's toll told in passing is judged apart.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable
from functools import lru_cache

from rashomon.corpus.compare import wording
from rashomon.corpus.compare.doers import days_near
from rashomon.corpus.compare.judge import Findings, Frame, judge_or_alone, meet, uncorroborated
from rashomon.corpus.compare.said import FATE_WHOLE, WORDING, Said, part_whole, retold
from rashomon.data import load
from rashomon.extract.claims.words import rejoined, singular, words

ROLES = frozenset(WORDING["role_parts"])
MEASURES = frozenset(WORDING["measures"])
MEASURE_WORDS: dict[str, str] = WORDING["measure_words"]
THINGS = frozenset(load("claims.yaml")["things"])  # kinds of things counted: vehicle, aircraft, ...
MEMBERSHIP = frozenset(load("claims.yaml")["membership_nouns"])  # "crew members": the crew's
DOER_FATES = frozenset(load("claims.yaml")["doer_fates"])  # those who took part: no one's victims

FORCE_OF = {word: kind for kind, words in WORDING["forces"].items() for word in words}


@lru_cache(maxsize=4096)
def _force(noun: str | None) -> str | None:
    """The kind of force a count of personnel is of, by its head noun (state or irregular)."""
    words = re.findall(r"[a-z]+", (noun or "").lower())
    head = words[-1] if words else ""
    return FORCE_OF.get(head) or FORCE_OF.get(head[:-1] if head.endswith("s") else head)


def _fate_family(fate: str | None) -> str | None:
    return FATE_WHOLE.get(fate or "", fate)


def counts_alike(a: Said, b: Said) -> bool:
    """Whether two counts can be set side by side: one thing, or a part beside its whole, and not
    told of two incidents: events dated to different days, of different named operations, by
    different actors or at different places; nor a toll of years beside the toll of an event."""
    return _alike(_alike_key(a), _alike_key(b))


def _alike_key(s: Said) -> tuple:
    """All that `counts_alike` reads of a count: counts with one key are alike to the same counts,
    so that a frame's counts can be looked at key by key, not claim by claim."""
    return s.day, s.period, s.subject, s.side_of_actor, s.place, s.side is None and s.noun, s.part, s.fate


def _alike(a: tuple, b: tuple) -> bool:
    """`counts_alike` on two counts' keys."""
    day, period, subject, actor, place, noun, part, fate = a
    day_b, period_b, subject_b, actor_b, place_b, noun_b, part_b, fate_b = b
    if (day and day_b and not meet(day, day_b)) or period != period_b:
        return False
    for x, y in ((subject, subject_b), (actor, actor_b), (place, place_b)):
        if x and y and x != y:
            return False
    if noun is not False and noun_b is not False and None not in (force := (_force(noun), _force(noun_b))) \
            and force[0] != force[1]:
        return False  # "12 guardsmen" and "28 terrorists": two sides' dead
    return (part == part_b and fate == fate_b) or part_whole(part, fate, part_b, fate_b) or part_whole(
        part_b, fate_b, part, fate)


def _vague(s: Said) -> bool:
    """"half a million people", "several thousand men": how many people, of no side and no fate,
    says too little of what is counted to be set beside another count; nor does a count of a kind
    no list names, told of no event and with no fate ("reports from 12 locations", "two other
    locations are kept secret": two sets of locations, not one)."""
    if s.kind not in ("people", *THINGS) and s.unit is None:
        return s.fate is None and s.action is None
    return s.kind == "people" and s.part in (None, "man", "woman", "child") and s.fate is None and s.side is None


def count_key(s: Said, out: Findings) -> tuple | None:
    """Counts by what they count, unit and fate family; measures (distances, heights, speeds) by
    the action they measure or the thing they are of."""
    if s.attribute != "count" or s.kind in ("depth", "distance") or (
            s.kind is None and s.unit not in MEASURES) or _vague(s):
        return None  # a measure of nothing named ("a speed of 70 km/h") is filed, a bare figure is not
    if s.unit in MEASURES:
        return ("measure", s.unit, s.action, s.side_of_actor) if s.action and s.side_of_actor else (
            "measure", s.unit, None, None)
    return "count", s.kind, s.unit, _fate_family(s.fate)


def judge_counts(base: tuple, group: list[Said], out: Findings) -> None:
    """One count frame, side by side: the counts of each side, those of an unknown side with them
    where the group counts for one side only (else among a source's own voices only)."""
    if base[0] == "measure" and base[2] is None:
        group = retold(group, lambda t: {"side": t.kind})  # the thing measured stands as the side
    if asides := _asides(group):
        for subject in asides:  # another event's toll, told in passing: that story's alone
            aside = [s for s in group if s.subject == subject]
            judge_or_alone(aside, _count_frame(base, subject, aside, out), out, counts_alike)
        group = [s for s in group if s.subject not in asides]
    staff = _employers(group, out) if base[0] == "count" and base[3] not in (None, *DOER_FATES) else set()
    sides = _victims_side(by_side(group, staff), out)
    for side, members in sides.items():
        if base[0] == "measure" and side is None and base[2] is None:
            if len({s.story for s in group}) == 1:  # the only story that measures in this unit: its own
                uncorroborated(members, _count_frame(base, side, members, out), out)
            continue  # measures of nothing named, beside other stories' measures: of what is unknown
        frame = _count_frame(base, side, members, out)
        if side is None and set(sides) - staff - {None}:  # whose they are is unknown where sides are counted:
            judge_or_alone(members, frame, out, _unsided_alike(members, sides, staff))
            _unmet(members, group, frame, out)
        else:
            judge_or_alone(members, frame, out, counts_alike)
            _told_once(base, side, members, out)


def _asides(group: list[Said]) -> set[str]:
    """Named events only one story counts for in a frame, dated away from every day the frame's
    other stories date their counts to ("70 were killed in the capital in February", in an account
    of a fire in May): another event's toll, told in passing, not a figure for what the others
    count."""
    told_by, teller = {}, {}  # a subject, and a day, -> the one story that tells it, or "" for several
    own = defaultdict(set)  # a subject -> the days of its counts
    for s in group:
        if s.subject and told_by.setdefault(s.subject, s.story) != s.story:
            told_by[s.subject] = ""
        if s.day and teller.setdefault(s.day, s.story) != s.story:
            teller[s.day] = ""
        if s.subject and s.day:
            own[s.subject].add(s.day)
    asides = set()
    for subject, story in told_by.items():
        others = [day for day, by in teller.items() if by != story]
        if story and others and own[subject] and not any(days_near(day, others) for day in own[subject]):
            asides.add(subject)
    return asides


def _told_once(base: tuple, side: str | None, members: list[Said], out: Findings) -> None:
    """Counts of one part with one fate ("8,600 soldiers captured") that only one story gives, in a
    frame other stories speak in of other parts or fates: that story's alone, whatever whole they
    were compared with."""
    stories = defaultdict(set)
    for s in members:
        stories[s.part, s.fate].add(s.story)
    if len(stories) < 2 or len({s.story for s in members}) < 2:
        return
    for (part, fate), told in stories.items():
        figures = {s.value for s in members if (s.part, s.fate) == (part, fate)}
        told = told | {s.story for s in members if s.fate == fate and None in (part, s.part) and s.value in figures}
        if len(told) == 1 and fate is not None:  # what befell people; "two streets" is no claim of substance
            alone = [s for s in members if (s.part, s.fate) == (part, fate)]
            uncorroborated(alone, _count_frame(base, side, alone, out), out)


def _unmet(members: list[Said], group: list[Said], frame: Frame, out: Findings) -> None:
    """Counts of no known side, in a frame that counts several sides, that no other story gives
    (no count of its kind meets them): what their story alone says ("killed 275 civilians")."""
    stories = {s.story for s in members}
    if len(stories) < 2:
        return  # judge_or_alone said so already
    met = _met_by(members, group)
    of_story = defaultdict(list)
    for s in members:
        if (s.fate or s.part) and met[_alike_key(s), s.interval] <= {s.story}:
            of_story[s.story].append(s)
    for story in stories:
        if alone := of_story.get(story):
            uncorroborated(alone, frame, out)


def _met_by(members: list[Said], group: list[Said]) -> dict[tuple, set[str]]:
    """For each key and interval of `members`, stories of `group` whose counts are like it and
    meet it (two at most: a claim is met when another story than its own is among them), looked
    up key by key and interval by interval, not claim by claim."""
    cells = defaultdict(set)  # a key and an interval of the group -> up to two of its stories
    for o in group:
        if len(told := cells[_alike_key(o), o.interval]) < 2:
            told.add(o.story)
    met = {}
    for key, interval in {(_alike_key(s), s.interval) for s in members}:
        stories = met[key, interval] = set()
        for (other, at), told in cells.items():
            if len(stories) < 2 and _alike(key, other) and meet(interval, at):
                stories |= told
    return met


def _unsided_alike(members: list[Said], sides: dict[str | None, list[Said]], employers: set[str],
                   ) -> Callable[[Said, Said], bool]:
    """Which counts of no known side meet, in a frame that counts several sides: a source's own
    voices, and the counts of other sources that no side's own counts are like (the passengers'
    dead beside a side's wounded soldiers), so that one side's dead are never set beside what may
    be another's, and of which both or neither are dated (a count dated to an earlier clash beside
    the toll of the day); sides counted only as shares of one toll (`_listed_sides`) and employers
    of some of the dead (`_employers`) are no such side."""
    listed = _listed_sides([s for side, claims in sides.items() if side for s in claims]) | employers
    sided = {_alike_key(s) for side, claims in sides.items() if side and side not in listed for s in claims}
    keys = {_alike_key(s) for s in members}
    ambiguous_keys = {key for key in keys if any(_alike(key, o) for o in sided)}
    ambiguous = {id(s.told) for s in members if _alike_key(s) in ambiguous_keys}

    def alike(a: Said, b: Said) -> bool:
        return counts_alike(a, b) and (a.doc == b.doc or (
            (a.day is None) == (b.day is None) and not {id(a.told), id(b.told)} & ambiguous))
    return alike


def _listed_sides(group: list[Said]) -> set[str]:
    """Sides a group counts only in a list of several sides' shares told at once ("the dead
    included 81 Koreans, 61 Americans and 28 Japanese", "eight Turks and an American were
    killed"): the parts of one toll by whose people they were, not sides whose own counts make
    the counts of no side ambiguous."""
    at = defaultdict(set)  # a claim's place in its document -> the sides counted there
    for s in group:
        if s.side and not s.side.startswith("!"):
            at[s.doc, s.start, s.end].add(s.side)
    alone = {side for sides in at.values() if len(sides) == 1 for side in sides}
    return {side for sides in at.values() if len(sides) > 1 for side in sides} - alone


def _employers(group: list[Said], out: Findings) -> set[str]:
    """Organisations (or anything else named that is no country and no people) counted only for
    their civilians in a toll ("12 of the charity's staff" killed): an employer of some of the
    dead, not a side whose people every toll of the event counts."""
    parts = defaultdict(set)
    for s in group:
        if s.side:
            parts[s.side].add(s.part)
    return {side for side, found in parts.items() if found == {"civilian"} and (
        out.types.get(side) == "ORG" or side in out.towns)}


def by_side(group: list[Said], employers: frozenset[str] | set[str] = frozenset()) -> dict[str | None, list[Said]]:
    """Claims by side. Those of the side opposed to X ("!X": the dead of an attack by X) join the
    only other side the group counts, else those without a side; those without a side join the
    only side the group has, if it has one and none of them is known not to be its, when they count
    people as a whole or in a role that side's counts are in ("1,900 hostages" are not the
    fighters'; `role_parts` in compare.yaml), and it is no employer of some of them (`_employers`)."""
    sided = defaultdict(list)
    for s in group:
        sided[s.side].append(s)
    unsided = sided.pop(None, [])
    opposed = {key: sided.pop(key) for key in [k for k in sided if k.startswith("!")]}
    not_theirs = set()  # sides some unsided claims are known not to be
    for key, claims in opposed.items():
        others = [side for side in sided if side != key[1:] and side not in employers]
        if len(others) == 1:
            sided[others[0]].extend(claims)
        else:
            unsided.extend(claims)
            not_theirs.add(key[1:])
    if len(sided) == 1 and unsided and next(iter(sided)) not in not_theirs | employers:
        theirs = next(iter(sided.values()))
        roles = {s.part for s in theirs} & ROLES
        joins = [s for s in unsided if not (roles and s.part in ROLES and s.part not in roles)]
        theirs.extend(joins)
        joined = {id(s) for s in joins}
        unsided = [s for s in unsided if id(s) not in joined]
    if unsided:
        sided[None] = unsided
    return sided


VICTIMS = (None, "civilian", "child", "woman", "man")  # parts of people no role sets apart: whoever they were
NATIONS = ("GPE", "NORP")


def _victims_side(sided: dict[str | None, list[Said]], out: Findings) -> dict[str | None, list[Said]]:
    """Counts of no side, where several sides are counted, join the one party the frame counts
    people of with their fate if it is a nation counted in no role ("400 Indians were killed" beside
    "400 people were killed"): it says who the people were. Not where another party's are counted
    so ("23 soldiers" of another side), nor a person's ("his relatives"), nor those of its foe."""
    if not (unsided := sided.get(None, [])) or len(sided) < 3:
        return sided
    for fate in {s.fate for s in unsided if s.fate}:
        parties = [side for side, claims in sided.items() if side is not None and out.types.get(side) != "PERSON"
                   and any(s.fate == fate for s in claims)]
        if len(parties) != 1 or not (out.types.get(side := parties[0]) in NATIONS or side.startswith("~")):
            continue
        if any(s.part not in VICTIMS for s in sided[side] if s.fate == fate):
            continue
        joins = [s for s in unsided if s.fate == fate and s.part in VICTIMS and s.side != f"!{side}"]
        sided[side].extend(joins)
        joined = {id(s) for s in joins}
        unsided = [s for s in unsided if id(s) not in joined]
    sided[None] = unsided
    return {side: claims for side, claims in sided.items() if claims}


def _count_frame(base: tuple, side: str | None, members: list[Said], out: Findings) -> Frame:
    whose = f" ({out.name(side)})" if side else ""
    if base[0] == "measure":
        _, unit, action, actor = base
        of = f" of {out.name(actor)}'s {action.lower()}" if action else f" of the {side}" if side else ""
        return Frame(f"{MEASURE_WORDS.get(unit, unit)}{of}", "quantity", actor)  # in each source's unit
    _, kind, unit, fate = base
    parts = sorted({s.part for s in members} - {None})
    fates = [s.fate for s in members]
    told = Counter(fates)
    fate = fate if fate in told else max(told, key=lambda f: (told[f], str(f)))  # the most told
    heads = [(s.part, _head_word(words)) for s in members if (words := re.findall(r"[A-Za-z][\w-]*", s.noun or ""))]
    plurals = {singular(w) for _, w in heads if singular(w) != w.lower()}
    heads = [(part, w) for part, w in heads if w.lower() not in plurals]  # "missiles", not "a missile"'s word
    nouns = {p: min((w for part, w in heads if part == p), key=len, default=None) for p in parts}
    named = {}  # part -> its word, for the findings whose claims count it
    if len(parts) == 1 and len({s.part for s in members}) == 1:
        noun = nouns[parts[0]] or wording.counted(kind, parts[0], None)
    else:
        named = {p: nouns[p] or wording.counted(kind, p, None) for p in parts}
        own = Counter(w for part, w in heads if part is None)
        noun = wording.counted(kind, None, None) if kind == "people" or kind in THINGS or not own else max(
            own, key=lambda w: (own[w], w))  # a kind no list names, by the sources' own word
    if kind == "time":  # "warned the airliner seven times": how often the deed was done
        actions = Counter(s.action.lower() for s in members if s.action)
        did = max(actions, key=lambda a: (actions[a], a)) if actions else None
        noun = f"times {WORDING['frame_words'].get(did, did)}" if did else noun
    by_fate = {f: f"number of {noun}{_fated(noun, f)}{whose}" for f in {*fates, fate}}
    return Frame(by_fate[fate], "quantity", side, unit=unit, by_fate=by_fate, parts=named)


def _fated(noun: str, fate: str | None) -> str:
    """" killed" after the counted noun, unless the noun says it already ("survivors", "casualties")."""
    return "" if fate and words().fate_of.get(noun.lower()) == fate else wording.fated(fate)


def depth_key(s: Said, out: Findings) -> tuple | None:
    """How deep a force went ("advanced 140 kilometers into the country")."""
    return (s.unit,) if s.attribute == "count" and s.kind == "depth" and s.unit in MEASURES else None


def judge_depth(key: tuple, said: list[Said], out: Findings) -> None:
    """The depths of each side's advance, those told of no side (or of a named operation, "Operation
    X pushed 95 miles inside") with the only side there is."""
    sided = retold(said, lambda t: {"side": t.side_of_actor if out.types.get(t.side_of_actor or "") != "EVENT"
                                    else None})
    for side, members in by_side(sided).items():
        whose = f"{out.name(side)}'s advance" if side else "the advance"
        judge_or_alone(members, Frame(f"depth of {whose}", "quantity", side), out, lambda a, b: True)


def distance_key(s: Said, out: Findings) -> tuple | None:
    """How far one place lies from another ("the pass lies 25 km west of X"): by the place
    measured (the claim's side) and the place it is measured from (its place)."""
    if s.attribute == "count" and s.kind == "distance" and s.unit in MEASURES and s.side and s.place:
        return s.side, s.place
    return None


def judge_distance(key: tuple, said: list[Said], out: Findings) -> None:
    """The distances sources give between two places, side by side, in each source's unit."""
    measured, anchor = key
    frame = Frame(f"distance of {out.name(measured)} from {out.name(anchor)}", "quantity", measured)
    judge_or_alone(said, frame, out, lambda a, b: True)


def _head_word(words: list[str]) -> str:
    """The head noun of a count's words, whole when a scan split it ("civil ians": civilians); of
    the first of several joined ("passengers and 15 crew": passengers); with the group a member
    noun is of ("crew members")."""
    words = words[:next((i for i, w in enumerate(words) if i and w.lower() in ("and", "or")), len(words))]
    if len(words) > 1 and singular(words[-1]) in MEMBERSHIP:
        return f"{words[-2]} {words[-1]}"
    return (rejoined(words[-2], words[-1]) if len(words) > 1 else None) or words[-1]
