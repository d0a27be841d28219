"""Days: what was done on which day. An actor's deeds of one day, which several sources date
alike; fighting told on a day with no doer named (compare files it with the one side said to
fight that day); and weekdays beside dates they do not fall on."""
from __future__ import annotations

import calendar
import datetime as dt
import re
from collections import Counter

from rashomon.corpus.compare import wording
from rashomon.corpus.compare.judge import Findings
from rashomon.corpus.compare.said import WORDING, Said

FRAME_WORDS: dict[str, str] = WORDING["frame_words"]
STOPWORDS = frozenset(WORDING["stopwords"])
FIGHTING = frozenset(WORDING["fighting_actions"])
STRIKING = frozenset(WORDING["striking_actions"])  # blows struck: fighting with no doer joins their side
OCCURRENCE = frozenset(WORDING["occurrence_nouns"])
ATROCITY = frozenset(WORDING["one_sided"]["deeds"])  # deeds done to those who cannot fight back


def _content_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]+", text.lower()) if w not in STOPWORDS and len(w) > 2}


def day_key(s: Said, out: Findings) -> tuple | None:
    """What one actor (or the country whose organ it is) did on one day; and blows told on one day
    with no doer ("four students were killed on May 4"; not a town's fall, nor an atrocity, "the
    executions began", which is no fighting), which compare files under the one named event dated
    to that day, else with the one side the corpus says fought then, if there is one
    (compare._file_days)."""
    if s.attribute != "date" or s.low is None or s.low != s.high:
        return None
    if s.side_of_actor:
        return s.action, s.side_of_actor, s.value
    if s.subject and occurrence_named(s.subject, out):
        return None
    if ATROCITY.intersection(re.findall(r"[a-z]+", s.text.lower())):
        return None  # "the executions began on 27 July": killing captives is no blow of a fight
    if s.action in STRIKING or (s.action is None and s.subject):  # a fight, or a day a table gives a thing
        return "", None, s.value
    return None


def occurrence_named(entity: str, out: Findings) -> bool:
    """Whether a name is that of an event that happens once ("the X massacre")."""
    return bool(set(re.findall(r"[a-z]+", out.name(entity).lower())) & OCCURRENCE)


def judge_day(key: tuple, said: list[Said], out: Findings) -> None:
    """Told by several sources: they agree on the day; different tellings of it (another target,
    other places, other words) are compatible besides."""
    kind, actor, day = key
    stories = {s.story for s in said}
    if len(stories) < 2:
        return
    if not kind:  # fighting whose doer no source names: told in the words most of its claims use
        actions = Counter(s.action for s in said if s.action)
        kind = actions.most_common(1)[0][0] if actions else "ASSAULT"
    tellings = {(s.target, s.place) for s in said}
    words = list({frozenset(_content_words(s.text)) for s in said})  # each telling once: copies repeat theirs
    alike = all(len(a & b) >= 0.5 * len(a | b) for i, a in enumerate(words) for b in words[i + 1:])
    did = FRAME_WORDS.get(kind.lower(), f"did it ({kind.lower()})")
    whose = f"{out.name(actor)}'s {kind.lower()}" if actor else f"{kind.lower()} whose doer they do not name"
    out.add("agreement", f"when {out.name(actor)} {did}: {wording.date(day)}", "date", actor,
            said, f"{len(stories)} independent sources date {whose} to "
                  f"{wording.date(day)}" + (" and tell it alike." if len(tellings) == 1 and alike else "."),
            value=lambda s: day)
    if actor and (len(tellings) > 1 or not alike):
        out.add("compatible", f"what {out.name(actor)} did on {wording.date(day)} ({kind.lower()})", "occurrence",
                actor, said, f"The sources date {out.name(actor)}'s {kind.lower()} to {wording.date(day)}; "
                             "they tell it in different words, targets or places, which can all be true.",
                value=lambda s: day)


def weekday_key(s: Said, out: Findings) -> tuple | None:
    """A weekday beside a date it does not fall on: the source contradicts itself."""
    return (s.doc, s.start) if s.attribute == "weekday" else None


def judge_weekday(key: tuple, said: list[Said], out: Findings) -> None:
    if len(said) != 2:
        return
    date, told = sorted(said, key=lambda s: s.n)
    weekday = calendar.day_name[dt.date.fromisoformat(told.value).weekday()]
    actual = calendar.day_name[dt.date.fromisoformat(date.value).weekday()]
    out.add("self_contradiction", f"weekday and date: {date.text}", "date", None,
            [date, told],
            f"{out.source(date)} writes \u201c{date.text}\u201d, but {wording.date(date.value)} was a {actual}; "
            f"the nearest {weekday} is {wording.date(told.value)}.", central=False)
