"""The store's side of `story_years`: what the corpus's accounts date, read as counts the database
makes (one row per document and year, never one per date), and the dates undated accounts could
not anchor, both read a few rows at a time."""

from __future__ import annotations

from collections.abc import Iterator


class Dating:
    """Years the narratives date and the dates left without a year (a mixin of `Store`)."""

    def years_dated(self) -> Iterator[tuple[str, int, int]]:
        """(document, year, how many dates) for the days each document's narrative dates: timexes
        with a value to the day, outside titles, citations, headings and boilerplate."""
        sql = ("SELECT doc, substr(value, 1, 4) AS year, count(*) AS dates FROM timex "
               "WHERE context IS NULL AND value LIKE ? GROUP BY doc, substr(value, 1, 4)")
        for doc, year, dates in self._tuples(sql, ("____-__-__%",)):
            if year.isdigit():
                yield doc, int(year), dates

    def unanchored_undated(self) -> Iterator[tuple[str, str]]:
        """(document, text) of the narrative dates and times left without a value in documents that
        have no date of their own."""
        sql = ("SELECT timex.doc, timex.text FROM timex JOIN document ON document.id = timex.doc "
               "WHERE document.published IS NULL AND timex.value IS NULL AND timex.context IS NULL "
               "AND timex.type IN ('DATE', 'TIME')")
        yield from self._tuples(sql)

    def _tuples(self, sql: str, params: tuple = ()) -> Iterator[tuple]:
        for row in self.dialect.stream(self.db, sql, params):
            yield tuple(row.values()) if isinstance(row, dict) else tuple(row)
