"""Order: which of two events came first, as sources tell it ("the offensive took place after Varnia
accepted Resolution 417"; "launched before the talks began"). Sources telling one order agree;
of a named event, which happens once, one telling the other order conflicts with them (two
unnamed attacks, one before and one after, may both have happened). An order only one source
tells is no finding: it is the texture of a story, not a claim readers check on its own."""

from __future__ import annotations

from collections import Counter, defaultdict

from rashomon.corpus.compare.judge import Findings
from rashomon.corpus.compare.said import WORDING, Said

FRAME_WORDS: dict[str, str] = WORDING["frame_words"]


def sequence_key(s: Said, out: Findings) -> tuple | None:
    """A named event, or one side's deed, told beside another event: by the event's name (else
    the side and the deed) and the other event's kind and its target (else its actor)."""
    if s.attribute != "sequence" or not (s.subject or s.side_of_actor) or len(s.value.split()) != 4:
        return None
    _, kind, actor, target = s.value.split()
    other = target if target != "-" else actor
    if other == "-":
        return None
    return ("name", s.subject, kind, other) if s.subject else ("deed", s.side_of_actor, s.action, kind, other)


def judge_sequence(key: tuple, said: list[Said], out: Findings) -> None:
    """Two orders different stories tell of a named event conflict; one order told by several
    agrees."""
    kind, other = key[-2:]
    by_order = defaultdict(list)
    for s in said:
        by_order[s.value.split()[0]].append(s)
    actors = Counter(a for s in said if (a := s.value.split()[2]) not in ("-", other))
    actor = f"{out.name(max(actors, key=lambda a: (actors[a], a)))} " if actors else ""
    deed = out.name(key[1]) if key[0] == "name" else f"{out.name(key[1])}'s {key[2].lower()}"
    event = f"{actor}{FRAME_WORDS.get(kind.lower(), kind.lower())} {out.name(other)}"
    stories = {order: {s.story for s in claims} for order, claims in by_order.items()}
    relation = lambda s: s.value.split()[0]  # noqa: E731
    side = key[1]
    if len(stories) > 1 and len(set().union(*stories.values())) > 1 and key[0] == "name":  # it happened once
        told = "; ".join(f"{order} ({', '.join(dict.fromkeys(out.source(s) for s in claims))})"
                         for order, claims in sorted(by_order.items()))
        out.add("conflict", f"order of {deed} and \u201c{event}\u201d", "sequence", side, said,
                f"The sources put {deed} on both sides of \u201c{event}\u201d: {told}.", value=relation)
        return
    for order, claims in by_order.items():
        if len(stories[order]) > 1:
            out.add("agreement", f"{deed} came {order}: {event}", "sequence", side, claims,
                    f"{len(stories[order])} independent sources put {deed} {order} \u201c{event}\u201d.",
                    value=relation)
