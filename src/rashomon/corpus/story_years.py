"""Story years: the corpus-wide step that finds the year an undated account is set in when its own
text names none, as a careful reader of the other accounts does.

An account without a date whose narrative names no year ("the town fell at 7 pm on Monday, July 25")
leaves its year-less dates without a value: nothing inside it says the year. Two things outside it
say it together. The corpus's other accounts of the events date their days in some year, most of
them in one; and the weekdays the account gives fall on its dates only in some years (a day of a
month falls on a given weekday once in five to eleven years). The account's year is the year in
which every weekday it gives falls on its date and that more of the other accounts are set in than
all the other such years together; none when no year fits or none stands out so.

The pipeline then analyses the account again with that year (`Source.story_year`), so that its
dates, and the events and claims dated by them, carry it; the date that first takes it says in its
anchor that the year was inferred and from what. What is read are counts the database makes (one row
per document and year) and the undated accounts' dates left without a value, never the texts; an
account already read in its year has no such dates left and is not read again.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date

from rashomon.extract.time import weekday_dates
from rashomon.extract.time.calendars import valid
from rashomon.store import Store

WeekdayDate = tuple[int, int, int]  # month, day, ISO weekday
_READ_AT_MOST = 10_000  # texts of dates whose weekday dates are kept while reading (memory stays flat)


def story_years(store: Store) -> dict[str, int]:
    """The undated accounts whose year their weekdays and the corpus's other accounts give, each with
    that year (document id -> year)."""
    days: dict[str, set[WeekdayDate]] = defaultdict(set)
    read: dict[str, list[WeekdayDate]] = {}  # the same few words ("Monday") recur across a corpus
    for doc, text in store.unanchored_undated():
        if text not in read:
            if len(read) >= _READ_AT_MOST:
                read.clear()
            read[text] = weekday_dates(text)
        if read[text]:
            days[doc].update(read[text])
    if not days:
        return {}
    settings = _settings(store)
    votes = Counter(settings.values())
    years = {}
    for doc, found in days.items():
        others = votes - Counter([settings[doc]]) if doc in settings else votes
        if (year := _fitting_year(found, others)) is not None:
            years[doc] = year
    return years


def _settings(store: Store) -> dict[str, int]:
    """The year each document's narrative is set in: the year most of the days it dates are in (the
    earlier on a tie)."""
    dated: dict[str, Counter] = defaultdict(Counter)
    for doc, year, dates in store.years_dated():
        dated[doc][year] += dates
    return {doc: min(counts, key=lambda y: (-counts[y], y)) for doc, counts in dated.items()}


def _fitting_year(days: set[WeekdayDate], votes: Counter) -> int | None:
    """Of the years accounts are set in (`votes`: how many in each), the one in which every day of
    `days` falls on its weekday, when more accounts are set in it than in the other such years."""
    fitting = Counter({y: n for y, n in votes.items() if all(_falls_on(y, day) for day in days)})
    if not fitting:
        return None
    (year, n), = fitting.most_common(1)
    return year if n * 2 > fitting.total() else None


def _falls_on(year: int, day: WeekdayDate) -> bool:
    m, d, weekday = day
    return valid(year, m, d) and date(year, m, d).isoweekday() == weekday
