"""The `time` stage: find temporal expressions, normalise them TIMEX3-style and anchor them.

A rule-based tagger in the HeidelTime tradition: the rules of `rules.py` (one entry per kind of
expression, written in the families under `patterns/` from the word lists of `data/time.yaml`) find
candidate spans (longest match wins), then one pass in reading order resolves each against what a
historian would use:

- deictic words ("yesterday", "last week", "On this day in 1988") against the publication date,
  or the embedded post's own date for text inside a post;
- year-less and anaphoric expressions ("July 25", "That same day", "Two days later") against the
  narrative: the last date the story itself set (citations, titles and posts do not move it);
- anniversaries back to the year of the event they mark; "the eve of X" to the date the document
  gives for X.

What cannot be anchored keeps value None and says why in `anchor`; nothing is guessed.

Public entry points: `tag(text, published)` works on plain text (no spaCy), `find_timexes(doc,
segments, published)` adds what the document's structure knows (posts, boilerplate, headings);
`interval(value, mod)` gives the days a value spans; `weekday_dates(text)` the year-less dates a
text gives with their weekday (what `corpus.story_years` reads an undated account's year from).
"""

from rashomon.extract.time.calendars import interval
from rashomon.extract.time.tagger import find_timexes, tag, weekday_dates

__all__ = ["find_timexes", "interval", "tag", "weekday_dates"]
