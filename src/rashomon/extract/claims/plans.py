"""Plans' timetables: how long a plan gave to reach a goal ("they planned to take the capital within
48 hours"). Sources often disagree on what a side meant to do as much as on what it did, and the
length of time a plan gave is no length of anything that happened, so it is a claim of its own,
`plan`, whose place is the goal."""

from __future__ import annotations

import re

from spacy.tokens import Token

from rashomon.data import load
from rashomon.extract.claims.context import Context
from rashomon.extract.claims.words import duration_days
from rashomon.records import Claim

WORDS = load("claims.yaml")["plans"]
PREPOSITIONS, GOALS = frozenset(WORDS["prepositions"]), frozenset(WORDS["goals"])
PLAN_VERBS, PLAN_NOUNS = frozenset(WORDS["verbs"]), frozenset(WORDS["nouns"])


def plan_claims(ctx: Context) -> list[Claim]:
    """Every length of time, after "within" or "in", that a word of planning governs and whose
    clause names a place to reach: a `plan` claim, its value the length, its place the goal, its
    actor the planner when the text names one."""
    out = []
    for n, t in enumerate(ctx.timexes):
        if t.type != "DURATION" or ctx.blocked_at(t.start) or (days := duration_days(t.value, None)) is None:
            continue
        prep = _preposition(ctx, t.start, t.end)
        plan = _plan_word(prep.head) if prep is not None else None
        goal = _goal(ctx, plan) if plan is not None else None
        if goal is None:
            continue
        first = min(plan.left_edge.idx if plan.pos_ == "NOUN" else plan.idx, prep.idx, goal.start)
        last = max(t.end, goal.end)
        voice = ctx.voice(first, last, plan)
        planner = _planner(ctx, plan)
        out.append(Claim(start=first, end=last, text=ctx.text[first:last], attribute="plan", value=t.value,
                         low=days[0], high=days[1], actor_key=planner, place_key=goal.key, timex=n,
                         voice_kind=voice.kind, voice_index=voice.index, voice_key=voice.key,
                         voice_text=voice.text))
    return out


def planned(token: Token) -> bool:
    """Whether an event's word tells what a plan meant to happen, not what happened: "planned to
    capture X", "predicting the capture of X", "their plan foresaw reaching X", "the plan to
    take X" (and a bare verb listed after the plan's infinitive: "planned to move ..., capture X")."""
    for _ in range(3):
        head = token.head
        if head == token:
            return False
        lemma = head.lemma_.lower()
        if token.dep_ == "acl" and head.pos_ == "NOUN" and lemma in PLAN_NOUNS:
            return True
        if head.pos_ == "VERB" and lemma in PLAN_VERBS and token.dep_ in ("xcomp", "ccomp", "dobj", "conj"):
            return token.dep_ != "conj" or (token.tag_ in ("VB", "VBP") and head.tag_ not in ("VB", "VBP"))
        if token.dep_ not in ("xcomp", "conj", "dobj", "prep", "pobj"):
            return False
        token = head
    return False


def _preposition(ctx: Context, start: int, end: int) -> Token | None:
    """The "within" or "in" a length of time follows (or opens)."""
    span = ctx.doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    for token in (span[0], span[0].nbor(-1) if span[0].i > 0 else None):
        if token is not None and token.lower_ in PREPOSITIONS and token.dep_ == "prep":
            return token
    return None


def _plan_word(token: Token) -> Token | None:
    """The word of planning the clause of `token` hangs from, a few steps up the parse: "planned
    to move ... within", "predicting the capture ... within", "their plan foresaw reaching"."""
    for _ in range(4):
        lemma = token.lemma_.lower()
        if (token.pos_ == "VERB" and lemma in PLAN_VERBS) or (token.pos_ == "NOUN" and lemma in PLAN_NOUNS):
            return token
        if token.pos_ == "VERB" and any(c.dep_ == "nsubj" and c.lemma_.lower() in PLAN_NOUNS for c in token.children):
            return token  # "their plan foresaw reaching X": the plan's verb
        if token.head == token:
            return None
        token = token.head
    return None


def _goal(ctx: Context, plan: Token):
    """The place the plan means to reach: the object of a word of reaching in the plan's clause
    ("reach X", "the capture of X", "to take X"), one place only."""
    places = {}
    for token in plan.subtree:
        if token.lemma_.lower() not in GOALS:
            continue
        objects = [c for c in token.children if c.dep_ in ("dobj", "pobj")] + [
            g for c in token.children if c.dep_ == "prep" and c.lower_ in ("of", "on", "to", "in", "into")
            for g in c.children if g.dep_ == "pobj"]
        for obj in objects:
            found = ctx.reader.entity_of(obj, depth=0)
            if found is not None and ctx.reader.is_place(found):
                places[found.key] = found
    return next(iter(places.values())) if len(places) == 1 else None


def _planner(ctx: Context, plan: Token) -> str | None:
    """Who made the plan, when named: the subject of its verb (or of the clause it hangs on), or
    the owner of the plan ("the group's plan", "their plan envisioned")."""
    token = plan
    for _ in range(3):
        owners = [c for c in token.children if c.dep_ in ("nsubj", "poss")]
        owners = [o for c in owners for o in ([p for p in c.children if p.dep_ == "poss"]
                                              if c.lemma_.lower() in PLAN_NOUNS else [c])]
        for owner in owners:
            found = ctx.reader.entity_of(owner)
            if found is not None and found.type in ("PERSON", "ORG", "GPE", "NORP") and not re.search(
                    r"[()\[\]]", found.text):
                return found.key
        if token.head == token or token.dep_ not in ("advcl", "xcomp", "acl", "conj"):
            return None
        token = token.head
    return None
