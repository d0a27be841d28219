"""Frames: which claims are about one thing, so that only those are set side by side.

- counts: what is counted (people, or a kind of thing), in which unit, whose (the side), with
  what fate. A part of people (civilians, personnel) and a fate that is part of another (killed
  among casualties) are compared with their whole as parts: at most as many. A count whose side
  the source does not give joins the one side the corpus counts it for, if there is one;
- start dates: of a named operation, or of an actor's action of one type (joined when a source
  says who launched the operation);
- dates of one actor's action at one place ("the fall of Eslamabad");
- durations of a named operation;
- places: where an actor did something (an advance halted and a road blocked against it are
  where that actor was stopped);
- what one actor did on one day;
- actors: who did a material action to one target or at one place.
Every grouping is a dictionary lookup: the step grows with the number of claims.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections import defaultdict
from dataclasses import replace

from rashomon.corpus.compare import wording
from rashomon.corpus.compare.judge import Findings, Frame, judge, meet, uncorroborated
from rashomon.corpus.compare.said import FATE_WHOLE, WORDING, Said, whole_of

FRAME_WORDS: dict[str, str] = WORDING["frame_words"]
STOPWORDS = frozenset(WORDING["stopwords"])
MATERIAL = frozenset(WORDING["material_actions"])
ONCE = frozenset(WORDING["once_actions"])
ONCE_TARGETS = frozenset(WORDING["once_targets"])
MEASURES = frozenset(WORDING["measures"])


FORCE_OF = {word: kind for kind, words in WORDING["forces"].items() for word in words}


def _force(s: Said) -> str | None:
    """The kind of force a count of personnel is of, by its head noun (state or irregular)."""
    words = re.findall(r"[a-z]+", (s.noun or "").lower())
    head = words[-1] if words else ""
    return FORCE_OF.get(head) or FORCE_OF.get(head[:-1] if head.endswith("s") else head)


def _fate_family(fate: str | None) -> str | None:
    return FATE_WHOLE.get(fate or "", fate)


def counts_alike(a: Said, b: Said) -> bool:
    """Whether two counts can be set side by side: one thing, or a part beside its whole, and not
    told of two incidents: events dated to different days, of different named operations, by
    different actors or at different places; nor a toll of years beside the toll of an event."""
    if (a.day and b.day and not meet(a.day, b.day)) or a.period != b.period:
        return False
    for x, y in ((a.subject, b.subject), (a.side_of_actor, b.side_of_actor), (a.place, b.place)):
        if x and y and x != y:
            return False
    if a.side is None and b.side is None and None not in (force := (_force(a), _force(b))) and force[0] != force[1]:
        return False  # "12 guardsmen" and "28 terrorists": two sides' dead
    return (a.part == b.part and a.fate == b.fate) or whole_of(a, b) or whole_of(b, a)


def _vague(s: Said) -> bool:
    """"half a million people", "several thousand men": how many people, of no side and no fate,
    says too little of what is counted to be set beside another count."""
    return s.kind == "people" and s.part in (None, "man", "woman", "child") and s.fate is None and s.side is None


def counts(claims: list[Said], out: Findings) -> None:
    """Counts by what they count, unit, side and fate family."""
    by_base = defaultdict(list)
    for s in claims:
        if s.attribute != "count" or s.kind is None or _vague(s):
            continue
        if s.unit in MEASURES:  # a distance, height or speed: of one thing, or of one actor's action
            if s.action and s.side_of_actor:
                by_base["measure", s.unit, s.action, s.side_of_actor].append(s)
            else:
                by_base["measure", s.unit, None, None].append(replace(s, side=s.kind))
        else:
            by_base["count", s.kind, s.unit, _fate_family(s.fate)].append(s)
    for base, group in by_base.items():
        by_side = _by_side(group)
        for side, members in by_side.items():
            if base[0] == "measure" and side is None and base[2] is None:
                continue  # measures of nothing named, beside measures of several things: of what is unknown
            frame = _count_frame(base, side, members, out)
            if side is None and len(by_side) > 1:  # whose they are is unknown where several sides are counted:
                judge_or_alone(members, frame, out, _within_one_source)  # only a source's own voices meet
            else:
                judge_or_alone(members, frame, out, counts_alike)


def _within_one_source(a: Said, b: Said) -> bool:
    return a.doc == b.doc and counts_alike(a, b)


def judge_or_alone(claims: list[Said], frame: Frame, out: Findings, comparable) -> None:
    """Judge a frame several voices speak in; what one story alone says is uncorroborated, even
    when it says it twice (its body and a post it carries)."""
    if not _alone(claims):
        judge(claims, frame, out, comparable)
    if len({s.story for s in claims}) < 2:
        uncorroborated(claims, frame, out)


def _alone(claims: list[Said]) -> bool:
    """Whether one story speaks alone in a frame: in one voice, or in copies of one text."""
    return len({s.story for s in claims}) < 2 and len({(s.doc, s.voice) for s in claims}) < 2


def _by_side(group: list[Said]) -> dict[str | None, list[Said]]:
    """Claims by side. Those of the side opposed to X ("!X": the dead of an attack by X) join the
    only other side the group counts, else those without a side; those without a side join the
    only side the group has, if it has one and none of them is known not to be its."""
    sided = defaultdict(list)
    for s in group:
        sided[s.side].append(s)
    unsided = sided.pop(None, [])
    opposed = {key: sided.pop(key) for key in [k for k in sided if k.startswith("!")]}
    not_theirs = set()  # sides some unsided claims are known not to be
    for key, claims in opposed.items():
        others = [side for side in sided if side != key[1:]]
        if len(others) == 1:
            sided[others[0]].extend(claims)
        else:
            unsided.extend(claims)
            not_theirs.add(key[1:])
    if len(sided) == 1 and unsided and next(iter(sided)) not in not_theirs:
        next(iter(sided.values())).extend(unsided)
    elif unsided:
        sided[None] = unsided
    return sided


def _count_frame(base: tuple, side: str | None, members: list[Said], out: Findings) -> Frame:
    whose = f" ({out.name(side)})" if side else ""
    if base[0] == "measure":
        _, unit, action, actor = base
        unit_word = {"length": "km", "speed": "km/h"}.get(unit, unit)
        of = f"{out.name(actor)}'s {action.lower()}" if action else f"the {side}" if side else "something"
        return Frame(f"{unit} of {of} ({unit_word})", "quantity", actor, unit=unit_word)
    _, kind, unit, fate = base
    parts = sorted({s.part for s in members} - {None})
    fates = [s.fate for s in members]
    fate = fate if fate in fates else max(set(fates), key=lambda f: (fates.count(f), str(f)))  # the most told
    heads = [(s.part, words[-1]) for s in members if (words := re.findall(r"[A-Za-z][\w-]*", s.noun or ""))]
    nouns = {p: min((w for part, w in heads if part == p), key=len, default=None) for p in parts}
    if len(parts) == 1 and len({s.part for s in members}) == 1:
        noun = nouns[parts[0]] or wording.counted(kind, parts[0], None)
        return Frame(f"number of {noun}{wording.fated(fate)}{whose}", "quantity", side, unit=unit)
    among = f" ({', '.join(nouns[p] or wording.counted(kind, p, None) for p in parts)} among them)" if parts else ""
    own = [w for part, w in heads if part is None]
    noun = wording.counted(kind, None, None) if kind in ("people", *wording.KINDS) or not own else max(
        set(own), key=own.count)  # a kind no list names, by the sources' own word ("guardsmen")
    return Frame(f"number of {noun}{wording.fated(fate)}{whose}{among}", "quantity", side, unit=unit)


def starts(claims: list[Said], out: Findings, attribute: str = "start") -> None:
    """Start dates of offensives (or, with `attribute` "time", the hour they began): by named
    operation; a launch no name is given for, by the actor that launched it, joined to the one
    operation the corpus says that actor launched, if one."""
    named, unnamed = defaultdict(list), defaultdict(list)
    for s in claims:
        if s.attribute == attribute and s.subject:
            named[s.subject].append(s)
        elif s.attribute == attribute and s.side_of_actor:
            unnamed[s.side_of_actor].append(s)
    launched_by = defaultdict(set)
    for name, said in named.items():
        for s in said:
            if s.side_of_actor:
                launched_by[s.side_of_actor].add(name)
    for actor, said in unnamed.items():
        if len(launched_by[actor]) == 1:
            named[next(iter(launched_by[actor]))].extend(said)
        else:
            named[None, actor] = said
    for key, said in named.items():
        actors = [s.side_of_actor for s in said if s.side_of_actor]
        actor = max(set(actors), key=actors.count) if actors else None
        what = "start date" if attribute == "start" else "hour of the start"
        if isinstance(key, tuple):
            subject, entity = f"{what} of {out.name(actor)}'s {said[0].action.lower()}", actor
        else:
            subject, entity = f"{what} of {out.name(key)}" + (f" ({out.name(actor)})" if actor else ""), key
        named = not isinstance(key, tuple)
        said = _not_its_target(said) if named else said
        frame = Frame(subject, "date" if attribute == "start" else "time", entity, central=True, one_thing=named)
        judge_or_alone(said, frame, out, lambda a, b: True)


def dated_actions(claims: list[Said], out: Findings) -> None:
    """When one side did what happens once: to a place ("the NLA captured Eslamabad on Tuesday")
    or to a thing, a law or a person rather than a place or a party ("Iran accepted Resolution 598
    on 20 July", "the airliner was shot down on 3 July")."""
    by_frame = defaultdict(list)
    for s in claims:
        if s.attribute != "date":
            continue
        if s.place and s.action in ONCE:
            by_frame[s.action, s.place].append(s)
        elif s.target and out.types.get(s.target) in ONCE_TARGETS and s.action in MATERIAL | ONCE:
            by_frame[s.action, s.target].append(s)
    for (action, about), group in by_frame.items():
        for side, members in _by_side([_with_side(s) for s in group]).items():
            if _alone(members):
                continue
            who = out.name(side) if side else "someone"
            frame = Frame(f"date {who} {FRAME_WORDS.get(action.lower(), action.lower())} {out.name(about)}", "date",
                          about)
            judge(members, frame, out, lambda a, b: True)


def _with_side(s: Said) -> Said:
    """A dated action's side is its actor's."""
    return replace(s, side=s.side_of_actor)


def durations(claims: list[Said], out: Findings) -> None:
    """How long a named operation lasted. (The length of fighting told without a name is left out:
    "four hours", "three days" and "eight years" of fighting are seldom of one fight.)"""
    by_name = defaultdict(list)
    for s in claims:
        if s.attribute == "duration" and s.subject:
            by_name[s.subject].append(s)
    for name, said in by_name.items():
        frame = Frame(f"duration of {out.name(name)}", "duration", name, central=True, one_thing=True)
        judge_or_alone(_not_its_target(said), frame, out, _same_actor)


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


def places(claims: list[Said], out: Findings) -> None:
    """Places several sources name for one frame agree; a place only one names is its own."""
    by_frame = defaultdict(list)
    for s in claims:
        if s.attribute == "place" and (frame := _place_frame(s)):
            by_frame[frame].append(s)
    for (verb, actor), said in by_frame.items():
        docs_of = defaultdict(set)
        for s in said:
            docs_of[s.place].add(s.story)
        shared = [p for p, stories in docs_of.items() if len(stories) > 1]
        if not shared:
            continue
        by_event = defaultdict(list)
        for s in said:
            if s.place in shared:
                by_event[s.event or f"{s.doc}:{s.start}"].append(s)
        claims_ = [ss[0].compared(sorted({s.place for s in ss})) for ss in by_event.values()]
        where = ", ".join(out.name(p) for p in shared)
        words = FRAME_WORDS.get(verb, verb)
        out.add("agreement", f"where {out.name(actor)} {words}", "place", actor, claims_,
                f"{len({c.doc for c in claims_})} sources name {where} for where {out.name(actor)} {words}.")


def _content_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]+", text.lower()) if w not in STOPWORDS and len(w) > 2}


def same_day(claims: list[Said], out: Findings) -> None:
    """What one actor (or the country whose organ it is) did on one day, told by several sources:
    the same telling agrees, different tellings (another target, other places) are compatible."""
    by_day = defaultdict(list)
    for s in claims:
        if s.attribute == "date" and s.side_of_actor and s.low is not None and s.low == s.high:
            by_day[s.action, s.side_of_actor, s.value].append(s)
    for (kind, actor, day), said in by_day.items():
        if len({s.story for s in said}) < 2:
            continue
        tellings = {(s.target, s.place) for s in said}
        words = [_content_words(s.text) for s in said]
        alike = all(len(a & b) >= 0.5 * len(a | b) for a in words for b in words)
        verdict = "agreement" if len(tellings) == 1 and alike else "compatible"
        explanation = (f"The sources date {out.name(actor)}'s {kind.lower()} to {wording.date(day)}"
                       + (" and tell it alike." if verdict == "agreement" else
                          "; they tell it in different words, targets or places, which can all be true."))
        out.add(verdict, f"what {out.name(actor)} did on {day} ({kind.lower()})", "occurrence", actor,
                [s.compared(day) for s in said], explanation)


def actors(claims: list[Said], out: Findings) -> None:
    """Who did a material action: several sources naming one actor for one action on one target
    or place agree; an action only one source tells, and no other finding uses, is uncorroborated."""
    by_frame = defaultdict(list)
    for s in claims:
        if s.attribute == "actor" and s.action in MATERIAL and s.side_of_actor and s.side_of_actor not in out.towns:
            by_frame[s.action, s.side_of_actor, s.target or s.place or s.subject].append(s)
    for (action, actor, about), said in by_frame.items():
        stories = {s.story for s in said}
        what = f"{out.name(actor)}: {action.lower()}" + (f" ({out.name(about)})" if about else "")
        if len(stories) > 1 and about:
            out.add("agreement", what, "actor", actor, [s.compared(actor) for s in said],
                    f"{len(stories)} independent sources say {out.name(actor)} did this.")
            continue
        told = defaultdict(list)  # one finding for a telling, however many copies repeat it
        for s in said:
            if s.event not in out.used:
                told[s.story, s.text].append(s)
        for same in told.values():
            first = min(same, key=lambda s: (s.doc != s.story, s.doc))
            copies = len({s.doc for s in same}) - 1
            out.add("uncorroborated", what, "occurrence", actor, [s.compared(action) for s in same],
                    f"Only {out.documents.get(first.doc, first.doc)}"
                    f"{f' (and {copies} republished copies)' if copies else ''} reports this.")


def weekdays(claims: list[Said], out: Findings) -> None:
    """A weekday beside a date it does not fall on: the source contradicts itself."""
    pairs = defaultdict(list)
    for s in claims:
        if s.attribute == "weekday":
            pairs[s.doc, s.start].append(s)
    for (_, _), (date, said) in ((k, v) for k, v in pairs.items() if len(v) == 2):
        weekday = calendar.day_name[dt.date.fromisoformat(said.value).weekday()]
        actual = calendar.day_name[dt.date.fromisoformat(date.value).weekday()]
        out.add("self_contradiction", f"weekday and date: {date.text}", "date", None,
                [date.compared(), said.compared()],
                f"{out.source(date)} writes \u201c{date.text}\u201d, but {wording.date(date.value)} was a {actual}; "
                f"the nearest {weekday} is {wording.date(said.value)}.", central=False)
