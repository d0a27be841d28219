"""Frames: which claims are about one thing, so that only those are set side by side.

Each family of frames (FAMILIES, at the end) says which group a claim is filed under (its
`key`) and how one group is judged; compare files every claim by key in the store and judges the
groups one at a time, so the step grows with the number of claims, never their square.
- counts: what is counted, in which unit, whose (the side), with what fate (counts.py);
- start dates and hours: of a named operation, or of the launch of an actor (filed under the one
  operation the corpus says that actor launched);
- dates of what happens once ("the fall of Esfarabad", "Varnia accepted Resolution 417"), and of
  named events that happen once ("the X massacre"), with the attacks told at their place;
- durations of a named operation;
- plans' timetables: how long a plan gave to reach one place;
- places: where an actor did something (an advance halted and a road blocked against it are
  where that actor was stopped);
- how deep each side's advance went, and how far one place lies from another (counts.py);
- what one actor did on one day, fighting told with no doer, weekdays beside dates they do not
  fall on (days.py);
- actors: who did a material action to one target or at one place;
- leaders: a person several sources name as leading or commanding;
- routes: where a journey went from, through and to;
- order: which of two events came first (order.py);
- who did a deed against the defenceless, at one named event or place.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from itertools import groupby, pairwise

from rashomon.corpus.compare.counts import (
    by_side,
    count_key,
    depth_key,
    distance_key,
    judge_counts,
    judge_depth,
    judge_distance,
)
from rashomon.corpus.compare.days import (
    FIGHTING,
    FRAME_WORDS,
    day_key,
    judge_day,
    judge_weekday,
    occurrence_named,
    weekday_key,
)
from rashomon.corpus.compare.doers import days_near, deed_told, judge_perpetrator, one_sided, perpetrator_key
from rashomon.corpus.compare.judge import (
    DAY_COUNTS,
    Findings,
    Frame,
    alone,
    judge,
    judge_or_alone,
    meet,
)
from rashomon.corpus.compare.order import judge_sequence, sequence_key
from rashomon.corpus.compare.said import WORDING, Said, retold

MATERIAL = frozenset(WORDING["material_actions"])
ONCE = frozenset(WORDING["once_actions"])
ONCE_TARGETS = frozenset(WORDING["once_targets"])


# what a start-like attribute dates, and the kind of value it compares
STARTS = {"start": ("start date", "date"), "time": ("hour of the start", "time"), "end": ("end date", "date")}


def start_key(attribute: str):
    """Start dates (or, with `attribute` "time", the hour; "end", the last day) of offensives: by
    named operation, or by the actor of a launch no name is given for (compare files those under
    the one operation the corpus says that actor launched, when there is one)."""
    def key(s: Said, out: Findings) -> tuple | None:
        if s.attribute != attribute:
            return None
        if s.subject:
            return "name", s.subject
        if s.side_of_actor:
            return "actor", s.side_of_actor
        return ("deed", deed) if attribute == "start" and (deed := deed_told(s, out)) else None
    return key


def judge_starts(attribute: str):
    def judge_group(key: tuple, said: list[Said], out: Findings) -> None:
        actors = Counter(s.side_of_actor for s in said if s.side_of_actor)
        actor = max(actors, key=lambda a: (actors[a], a)) if actors else None
        what, kind = STARTS[attribute]
        named = key[0] == "name"
        if named:
            subject, entity = f"{what} of {out.name(key[1])}" + (f" ({out.name(actor)})" if actor else ""), key[1]
        elif key[0] == "deed":  # "the executions began on 27 July", no source naming them or their doer
            plural = re.sub(r"y$", "ie", key[1]) + "s"
            subject, entity = f"{what} of the {plural} (told without a name)", None
        else:
            subject, entity = f"{what} of {out.name(actor)}'s {said[0].action.lower()}", actor
        said = _not_its_target(said) if named else said
        frame = Frame(subject, kind, entity, central=True, one_thing=named)
        judge_or_alone(said, frame, out, lambda a, b: True)
    return judge_group


def once_key(s: Said, out: Findings) -> tuple | None:
    """When one side did what happens once: to a place ("the VLA captured Esfarabad on Tuesday")
    or to a thing, a law or a person rather than a place or a party ("Varnia accepted Resolution 417
    on 20 July", "the airliner was shot down on 3 July")."""
    if s.attribute != "date":
        return None
    if s.place and s.action in ONCE:
        return s.action, s.place
    if s.target and out.types.get(s.target) in ONCE_TARGETS and s.action in MATERIAL | ONCE:
        return s.action, s.target
    return None


def judge_once(key: tuple, group: list[Said], out: Findings) -> None:
    action, about = key
    for side, members in by_side(retold(group, lambda t: {"side": t.side_of_actor})).items():
        if alone(members):
            continue
        who = out.name(side) if side else "someone"
        frame = Frame(f"date {who} {FRAME_WORDS.get(action.lower(), action.lower())} {out.name(about)}", "date",
                      about)
        judge(members, frame, out, lambda a, b: True)


def occurrence_key(s: Said, out: Findings) -> tuple | None:
    """The date of a named event that happens once ("the X massacre on 26 February"), and of a
    material action at a place (compare files it under the one such event the corpus names at
    that place; an attack at a place no such event is named at may be one of many), and of a deed
    against the defenceless told of no place (filed under the one such deed the corpus names)."""
    if s.attribute != "date" or s.low is None:
        return None
    if s.subject:
        return ("name", s.subject) if occurrence_named(s.subject, out) else None
    if s.place:
        return ("at", s.place) if s.action in MATERIAL - ONCE else None
    return ("at", None) if one_sided(s) else None


def judge_occurrence(key: tuple, said: list[Said], out: Findings) -> None:
    """The dates of a named event, and of deeds at its place within a month of them (years apart,
    a deed at one town is another); a deed told of no place or name beside them is of it only where
    its date meets one of theirs ("last week" beside "26 February"): it can agree, never clash."""
    if key[0] != "name":
        return
    named = list(dict.fromkeys(s.interval for s in said if s.subject))  # each day once: copies repeat theirs
    told = [s for s in said if s.subject or (s.place and (not named or days_near(s.interval, named)))]
    days = {t.interval for t in told}
    loose = [s for s in said if not (s.subject or s.place) and any(meet(s.interval, day) for day in days)]
    frame = Frame(f"date of {out.name(key[1])}", "date", key[1], central=True, one_thing=True)
    judge_or_alone(told + loose, frame, out, lambda a, b: True)


def duration_key(s: Said, out: Findings) -> tuple | None:
    """How long a named operation lasted; and days of fighting told without a name ("after three
    days of fighting"), which compare files under the event most sources date (compare._file)
    and which are left out where the corpus names none ("three days" and "eight years" of
    fighting are seldom of one fight)."""
    if s.attribute != "duration":
        return None
    if s.subject:
        return "name", s.subject
    if s.action in FIGHTING and s.low is not None and s.low <= DAY_COUNTS:
        return FIGHTING_KEY
    return None


FIGHTING_KEY = ("fighting", "")


def judge_duration(key: tuple, said: list[Said], out: Findings) -> None:
    """The length of a named event; days of fighting told beside it are a looser measure (other
    start and end points, either side's fighting): they agree or differ with it, never clash."""
    if key[0] != "name":
        return
    named = [s for s in said if s.subject]
    loose = retold([s for s in said if not s.subject],
                   lambda t: {"low": None, "high": None, "actor": None, "side_of_actor": None})
    frame = Frame(f"duration of {out.name(key[1])}", "duration", key[1], central=True, one_thing=True)
    judge_or_alone((_not_its_target(named) if named else []) + loose, frame, out, _same_actor)


def plan_key(s: Said, out: Findings) -> tuple | None:
    """How long a plan gave to reach one place ("to take the capital within 48 hours")."""
    return (s.place,) if s.attribute == "plan" and s.place else None


def judge_plan(key: tuple, said: list[Said], out: Findings) -> None:
    """A plan to reach one place has one timetable: two lengths in one voice contradict it."""
    frame = Frame(f"time planned to reach {out.name(key[0])}", "duration", key[0], one_thing=True)
    judge_or_alone(said, frame, out, lambda a, b: True)


def _not_its_target(said: list[Said]) -> list[Said]:
    """The claims of a named operation, less those whose actor is the side the operation is
    against: "their ten-day operation", said of the side Operation X targets, is not X's."""
    targets = {s.target for s in said if s.target}
    return [s for s in said if not (s.side_of_actor and s.side_of_actor in targets)] or said


def _same_actor(a: Said, b: Said) -> bool:
    """Whether two claims can tell one thing: not when they name different actors for it."""
    return not (a.side_of_actor and b.side_of_actor and a.side_of_actor != b.side_of_actor)


def _place_frame(s: Said) -> tuple[str, str] | None:
    """What an event says an actor did, so that two ways of telling it meet: the advance that "was
    halted" and the road "blocked" against it are both where that actor was stopped."""
    if s.action == "HALTED" and s.side_of_actor:
        return "stopped", s.side_of_actor
    if s.action == "BLOCK" and s.target:
        return "stopped", s.target
    return (s.action.lower(), s.side_of_actor) if s.side_of_actor and s.action else None


def place_key(s: Said, out: Findings) -> tuple | None:
    """Where an actor did something; places several sources name for one frame agree."""
    return _place_frame(s) if s.attribute == "place" else None


def judge_places(key: tuple, said: list[Said], out: Findings) -> None:
    verb, actor = key
    docs_of = defaultdict(set)
    for s in said:
        docs_of[s.place].add(s.story)
    shared = [p for p, stories in docs_of.items() if len(stories) > 1]
    if not shared:
        return
    by_event = defaultdict(list)
    for s in said:
        if s.place in shared:
            by_event[s.event or f"{s.doc}:{s.start}"].append(s)
    places = {event: sorted({s.place for s in ss}) for event, ss in by_event.items()}
    firsts = [ss[0] for ss in by_event.values()]
    where = ", ".join(out.name(p) for p in shared)
    words = FRAME_WORDS.get(verb, verb)
    out.add("agreement", f"where {out.name(actor)} {words}", "place", actor, firsts,
            f"{len({s.doc for s in firsts})} sources name {where} for where {out.name(actor)} {words}.",
            value=lambda s: places[s.event or f"{s.doc}:{s.start}"])


def actor_key(s: Said, out: Findings) -> tuple | None:
    """Who did a material action, to one target or at one place."""
    if s.attribute == "actor" and s.action in MATERIAL and s.side_of_actor and s.side_of_actor not in out.towns:
        return s.action, s.side_of_actor, s.target or s.place or s.subject
    return None


def judge_actor(key: tuple, said: list[Said], out: Findings) -> None:
    """Several sources naming one actor agree; an action only one source tells, and no other
    finding uses, is uncorroborated (once, however many copies repeat it)."""
    action, actor, about = key
    stories = {s.story for s in said}
    what = f"{out.name(actor)}: {action.lower()}" + (f" ({out.name(about)})" if about else "")
    if len(stories) > 1 and about:
        out.add("agreement", what, "actor", actor, said,
                f"{len(stories)} independent sources say {out.name(actor)} did this{out.citing(said)}.",
                value=lambda s: actor)
        return
    used = out.used(s.event for s in said if s.told.event is not None)
    alone = sorted((s for s in said if s.event not in used), key=lambda s: s.story)
    for _, of_story in groupby(alone, key=lambda s: s.story):  # story by story: never all the stories at once
        told = defaultdict(list)
        for s in of_story:
            told[s.text].append(s)
        for same in told.values():
            first = min(same, key=lambda s: (s.doc != s.story, s.doc))
            copies = len({s.doc for s in same}) - 1
            out.add("uncorroborated", what, "occurrence", actor, same,
                    f"Only {out.documents.get(first.doc, first.doc)}"
                    f"{f' (and {copies} republished copies)' if copies else ''} reports this.", value=lambda s: action)


def leader_key(s: Said, out: Findings) -> tuple | None:
    """Who led or commanded: a person several sources name as a leader (of whatever each says). A
    head of state named by their title ("President X", "Varnia's leader X") leads a country, which
    is no claim about the events (it makes their deeds the country's, see said.sides)."""
    country = s.subject is not None and out.types.get(s.subject) == "GPE" and s.subject not in out.towns
    return (s.actor,) if s.attribute == "leader" and s.actor and not country else None


def judge_leader(key: tuple, said: list[Said], out: Findings) -> None:
    """A leader several stories name agree; one story alone says nothing worth a finding (a name
    with a title is no claim of substance)."""
    if len({s.story for s in said}) < 2:
        return
    led = Counter(s.subject for s in said if s.subject)
    of = f" of {out.name(max(led, key=lambda e: (led[e], e)))}" if led else ""
    stories = len({s.story for s in said})
    out.add("agreement", f"leader{of}: {out.name(key[0])}", "actor", key[0], said,
            f"{stories} sources name {out.name(key[0])} as the leader or commander{of}.", value=lambda s: key[0])


def route_key(s: Said, out: Findings) -> tuple | None:
    """Where a journey went: every route of the corpus in one frame, judged leg by leg."""
    return ("route",) if s.attribute == "route" else None


def judge_routes(key: tuple, said: list[Said], out: Findings) -> None:
    """A leg of a route (from one place to the next) that several stories give agree; routes that
    differ are not set against each other (one journey's route or another's, a leg or the whole)."""
    legs = defaultdict(list)
    for s in said:
        stops = s.value.split()
        for leg in pairwise(stops):
            legs[leg].append(s)
        if len(stops) > 2:
            legs[stops[0], stops[-1]].append(s)  # "from A to C via B" also goes from A to C
    for (start, end), claims in legs.items():
        stories = len({s.story for s in claims})
        if stories > 1:
            route = f"{out.name(start)} to {out.name(end)}"
            out.add("agreement", f"route: {route}", "place", end, claims,
                    f"{stories} independent sources give a journey from {route}.", value=lambda s: s.value.split())


@dataclass(frozen=True)
class Family:
    """A kind of frame: the group a claim is filed under (`key`: None when it is none of this
    kind), and how one group is judged."""

    name: str
    key: Callable[[Said, Findings], tuple | None]
    judge: Callable[[tuple, list[Said], Findings], None]


# in the order they are judged: `actor` last, as it reads which events the others used
FAMILIES = (
    Family("start", start_key("start"), judge_starts("start")),
    Family("time", start_key("time"), judge_starts("time")),
    Family("end", start_key("end"), judge_starts("end")),
    Family("duration", duration_key, judge_duration),
    Family("plan", plan_key, judge_plan),
    Family("once", once_key, judge_once),
    Family("occurrence", occurrence_key, judge_occurrence),
    Family("place", place_key, judge_places),
    Family("day", day_key, judge_day),
    Family("count", count_key, judge_counts),
    Family("depth", depth_key, judge_depth),
    Family("distance", distance_key, judge_distance),
    Family("weekday", weekday_key, judge_weekday),
    Family("route", route_key, judge_routes),
    Family("sequence", sequence_key, judge_sequence),
    Family("leader", leader_key, judge_leader),
    Family("perpetrator", perpetrator_key, judge_perpetrator),
    Family("actor", actor_key, judge_actor),
)
