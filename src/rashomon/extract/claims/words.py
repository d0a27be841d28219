"""The words of data/claims.yaml, and how counted things, durations and days are read."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

from rashomon.data import load


@dataclass(frozen=True)
class Words:
    """data/claims.yaml, compiled once."""

    people: frozenset[str]
    part_of: dict[str, str]  # head noun -> part of people ("civilians": civilian)
    kind_of: dict[str, str]  # head noun -> kind of thing ("tanks": vehicle)
    thing_part: dict[str, str]  # head noun -> the thing it is among its kind ("apc": armoured carrier)
    fate_noun: dict[str, str]
    fate_of: dict[str, str]
    fate_wholes: dict[str, frozenset[str]]
    attribution_verbs: frozenset[str]
    attribution_nouns: frozenset[str]
    attribution_phrases: tuple[str, ...]
    inclusion_words: tuple[str, ...]
    not_dating: frozenset[str]
    whole_quantifiers: frozenset[str]
    figure_nouns: frozenset[str]
    measure_nouns: frozenset[str]
    doer_fates: frozenset[str]
    organ_nouns: frozenset[str]
    anniversary_nouns: frozenset[str]
    figure_verbs: frozenset[str]
    strength_verbs: frozenset[str]
    deploy_verbs: frozenset[str]
    distributive_words: frozenset[str]
    giving_types: frozenset[str]
    unreal_modals: frozenset[str]
    leader_verbs: frozenset[str]
    leader_nouns: frozenset[str]
    state_titles: frozenset[str]
    depth_units: frozenset[str]
    depth_words: frozenset[str]
    depth_verbs: frozenset[str]
    route_heads: frozenset[str]
    sequence_words: dict[str, str]  # word -> after or before
    long_event_nouns: frozenset[str]
    people_fates: frozenset[str]
    charge_words: frozenset[str]
    charge_verbs: frozenset[str]
    running_tally: frozenset[str]
    later_acts: frozenset[str]
    commemoration_verbs: frozenset[str]
    other_group_words: frozenset[str]
    thing_fates: frozenset[str]
    membership_nouns: frozenset[str]
    start_nouns: frozenset[str]
    depiction_nouns: frozenset[str]
    befalling_verbs: frozenset[str]
    use_kinds: frozenset[str]  # kinds of things whose counts tell their use (weapons)
    use_fate_of: dict[str, str]  # verb lemma -> what the weapon did (fired, hit)
    use_roles: dict[str, str]  # what a weapon did -> the verb's argument it is (object, subject)
    not_done: frozenset[str]  # words that make a clause's deed unreal ("could", "if")
    body_nouns: frozenset[str]  # "bodies": the dead found, at least that many dead
    tally_verbs: dict[str, str]  # verb lemma -> found or witnessed: "found 40 bodies", "he counted 31 dead"
    position_words: frozenset[str]
    charge_nouns: frozenset[str]
    way_prepositions: frozenset[str]  # "fled in three directions": the way, not who fled


@cache
def words() -> Words:
    data = load("claims.yaml")

    def inverse(table: dict) -> dict[str, str]:
        return {str(w).lower(): name for name, ws in table.items() for w in ws}

    lower = lambda key: frozenset(str(w).lower() for w in data[key])  # noqa: E731
    return Words(lower("people"), inverse(data["people_parts"]), inverse(data["things"]), inverse(data["thing_parts"]),
                 inverse(data["fate_nouns"]), inverse(data["fates"]),
                 {k: frozenset(v) for k, v in data["fate_wholes"].items()},
                 lower("attribution_verbs"), lower("attribution_nouns"),
                 tuple(sorted(data["attribution_phrases"], key=len, reverse=True)),
                 tuple(str(w).lower() for w in data["inclusion_words"]), lower("not_dating"),
                 lower("whole_quantifiers"), lower("figure_nouns"), lower("measure_nouns"),
                 lower("doer_fates"), lower("organ_nouns"), lower("anniversary_nouns"),
                 lower("figure_verbs"), lower("strength_verbs"), lower("deploy_verbs"),
                 lower("distributive_words"), frozenset(data["giving_types"]), lower("unreal_modals"),
                 lower("leader_verbs"), lower("leader_nouns"), lower("state_titles"), frozenset(data["depth"]["units"]),
                 frozenset(data["depth"]["after"]), frozenset(data["depth"]["verbs"]),
                 lower("route_heads"), dict(data["sequence_words"]), lower("long_event_nouns"), lower("people_fates"),
                 lower("charge_words"), lower("charge_verbs"),
                 lower("running_tally"), lower("later_acts"), lower("commemoration_verbs"),
                 lower("other_group_words"), lower("thing_fates"),
                 lower("membership_nouns"), lower("start_nouns"), lower("depiction_nouns"), lower("befalling_verbs"),
                 lower("use_kinds"), inverse(data["use_fates"]), dict(data["use_roles"]), lower("not_done"),
                 lower("body_nouns"), inverse(data["tally_verbs"]), lower("position_words"), lower("charge_nouns"),
                 lower("way_prepositions"))


def singular(word: str) -> str:
    """A head noun's singular as the word lists hold it ("casualties" -> casualty, "brigades" -> brigade)."""
    w = word.lower()
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith("s") and not w.endswith("ss") and len(w) > 3:
        return w[:-1]
    return w


def counted_class(head: str, lex: Words | None = None) -> tuple[str, str | None]:
    """What a count of `head` counts: ("people", part or None) or (kind of thing, the thing among
    its kind or None for the kind as a whole: "tanks" -> ("vehicle", "tank"))."""
    lex = lex or words()
    head = re.sub(r"^\W+|[^\w-].*$", "", head)  # "children.[4": children
    for form in (head.lower(), singular(head)):
        if form in lex.part_of:
            return "people", lex.part_of[form]
        if form in lex.people or form in lex.fate_noun:
            return "people", None
        if form in lex.kind_of:
            return lex.kind_of[form], lex.thing_part.get(form)
    return singular(head), None


def listed(word: str, lex: Words | None = None) -> bool:
    """Whether the lists know what `word` counts: people (or a part of them) or a listed kind of thing."""
    lex = lex or words()
    kind, _ = counted_class(word, lex)
    return kind == "people" or kind in lex.kind_of.values()


def rejoined(first: str, second: str, lex: Words | None = None) -> str | None:
    """A word a scan or a line break split in two, read whole ("civil ians": civilians): the two
    lower-case halves joined, when only the whole is a word the lists know."""
    if not (first.isalpha() and first.islower() and second.islower()) or listed(second, lex):
        return None
    return first + second if listed(first + second, lex) else None


# a duration's own interval in days, from its TIMEX3 value
DURATION = re.compile(r"^P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?"
                      r"(?:T(?:(\d+(?:\.\d+)?)H)?)?$")
DAYS_PER = (365.25, 30.44, 7, 1, 1 / 24)


def duration_days(value: str | None, mod: str | None) -> tuple[float, float] | None:
    """A duration's interval in days: P3D -> (3, 3); "within three days" (EQUAL_OR_LESS) -> (0, 3)."""
    m = DURATION.match(value or "")
    if not m or not any(m.groups()):
        return None
    days = sum(float(g) * per for g, per in zip(m.groups(), DAYS_PER, strict=True) if g)
    low, high = days, days
    if mod in ("EQUAL_OR_LESS", "LESS_THAN"):
        low = 0.0
    elif mod in ("EQUAL_OR_MORE", "MORE_THAN"):
        high = float("inf")
    elif mod == "APPROX":
        low, high = days * 0.75, days * 1.25
    return low, high


def day_number(iso: str | None) -> float | None:
    """An ISO day as a number of days (its proleptic ordinal), for intervals of dates."""
    try:
        return float(dt.date.fromisoformat(iso[:10]).toordinal()) if iso else None
    except ValueError:
        return None
