"""An undated account whose text names no year takes the year its story is set in (issue 18, story
time): the year in which its weekdays fall on its dates and that the corpus's other accounts are set
in. Invented events, written for these tests; the real pipeline and a real SQLite store."""

from __future__ import annotations

import pytest

from rashomon import analyze
from rashomon.extract.time import find_timexes, tag, weekday_dates

from .conftest import export_of

# 14 March fell on a Thursday in 2013 and 2019 (and 1991, 1996, 2002, 2024), never in 2018
DATED_2019 = ("Dam burst floods Varnholm\n\nThe Oslen dam burst on March 12, 2019, after a week of rain. The river "
              "reached the lower town of Varnholm two days later, officials said on March 15, 2019.")
OTHER_2019 = ("Varnholm counts the cost\n\nOn March 14, 2019, the water reached Varnholm. The mayor ordered the lower "
              "town cleared on March 16, 2019.")
UNDATED = ("The night the river came\n\nThe water reached the lower town around 5 pm on Thursday, March 14. The "
           "mayor spoke of it at the March 22 Friday council meeting. By Saturday morning the streets were empty.")


def _timexes(export: dict, name: str) -> dict[str, dict]:
    doc = next(d["id"] for d in export["documents"] if d["file"].endswith(name))
    return {t["text"]: t for t in export["timexes"] if t["doc"] == doc}


def test_an_undated_account_takes_the_year_of_the_corpus_its_weekdays_fit(tmp_path):
    export = export_of(tmp_path, {"a.txt": DATED_2019, "b.txt": OTHER_2019, "c.txt": UNDATED})
    found = _timexes(export, "c.txt")
    first = found["5 pm on Thursday, March 14"]
    assert first["value"] == "2019-03-14T17:00"
    assert "inferred" in first["anchor"] and "2019" in first["anchor"]  # the reader sees where the year came from
    assert found["March 22 Friday"]["value"] == "2019-03-22"
    # the later meeting is a thing the account names, not where its story is: Saturday is the 14th's week's
    assert found["Saturday morning"]["value"] == "2019-03-16TMO"
    undated = next(d for d in export["documents"] if d["file"].endswith("c.txt"))
    assert undated["published"] is None  # the account's own date stays unknown: only its story's year is read


def test_the_claims_of_an_undated_account_carry_the_inferred_year(tmp_path):
    seized = ("Rebels seize Kessa\n\nThe Northern Front rebels captured the port of Kessa on March 12, 2019, the "
              "army said on March 13, 2019.")
    undated = ("The night Kessa fell\n\nThe Northern Front captured the port of Kessa at 6 am on Tuesday, March 12, "
               "after a night of shelling.")
    export = export_of(tmp_path, {"a.txt": seized, "b.txt": OTHER_2019, "c.txt": undated})
    doc = next(d["id"] for d in export["documents"] if d["file"].endswith("c.txt"))
    assert {c["value"] for c in export["claims"] if c["doc"] == doc and c["attribute"] == "date"} == {"2019-03-12"}


def test_no_year_is_taken_when_the_weekdays_do_not_fit_the_corpus(tmp_path):
    wrong = "The water reached the lower town around 5 pm on Monday, March 14. By Wednesday the streets were empty."
    export = export_of(tmp_path, {"a.txt": DATED_2019, "b.txt": OTHER_2019, "c.txt": wrong})
    found = _timexes(export, "c.txt")
    assert found["5 pm on Monday, March 14"]["value"] is None  # 14 March 2019 was a Thursday
    assert found["Wednesday"]["value"] is None


def test_no_year_is_taken_when_the_corpus_is_split_between_two_fitting_years(tmp_path):
    dated_2013 = ("Floods in Kessa\n\nThe Kessa embankment gave way on March 13, 2013. The water reached the "
                  "harbour on March 14, 2013.")
    export = export_of(tmp_path, {"a.txt": DATED_2019, "b.txt": dated_2013, "c.txt": UNDATED})
    assert _timexes(export, "c.txt")["5 pm on Thursday, March 14"]["value"] is None


def test_a_store_built_over_several_runs_gives_the_year_once_the_corpus_tells_it(tmp_path):
    (tmp_path / "c.txt").write_text(UNDATED, encoding="utf-8")
    db = tmp_path / "r.db"
    with analyze([tmp_path / "c.txt"], db=db) as corpus:
        alone = _timexes(corpus.to_dict(), "c.txt")["5 pm on Thursday, March 14"]
    assert alone["value"] is None  # alone, nothing says the year
    for name, text in (("a.txt", DATED_2019), ("b.txt", OTHER_2019)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    with analyze([tmp_path / "a.txt", tmp_path / "b.txt"], db=db) as corpus:
        assert _timexes(corpus.to_dict(), "c.txt")["5 pm on Thursday, March 14"]["value"] == "2019-03-14T17:00"
        assert corpus.counts()["document"] == 3
    with analyze([tmp_path], db=db, force=True) as corpus:  # analysed again from scratch: found again
        assert _timexes(corpus.to_dict(), "c.txt")["5 pm on Thursday, March 14"]["value"] == "2019-03-14T17:00"


def test_a_story_year_gives_year_less_dates_their_year_and_says_it_was_inferred(nlp):
    found = {t.text: t for t in find_timexes(nlp(UNDATED), (), None, story_year=2019)}
    assert found["5 pm on Thursday, March 14"].value == "2019-03-14T17:00"
    assert "inferred" in found["5 pm on Thursday, March 14"].anchor
    assert {t.text: t.value for t in tag(UNDATED)}["5 pm on Thursday, March 14"] is None


def test_the_accounts_own_year_and_date_outweigh_a_story_year():
    own = "In 1996 the river rose again. The water reached the town on Thursday, March 14."
    assert {t.text: t.value for t in tag(own, None, story_year=2019)}["Thursday, March 14"] == "1996-03-14"
    dated = {t.text: t.value for t in tag("The water reached the town on Thursday, March 14.", "2024-03-20",
                                          story_year=2019)}
    assert dated["Thursday, March 14"] == "2024-03-14"


@pytest.mark.parametrize("text, weekday", [("on 5 August, Friday", "Friday"), ("on 25 July (Monday)", "Monday"),
                                           ("at the August 5 Friday prayer", "Friday")])
def test_a_weekday_after_its_date_belongs_to_the_date(text, weekday):
    (timex,) = [t for t in tag(text, "2022-09-01") if t.type == "DATE"]
    assert weekday in timex.text
    assert timex.value in ("2022-08-05", "2022-07-25")


def test_the_day_a_span_runs_to_does_not_move_the_narrative():
    text = ("On 3 May 1951 the siege began. The fighting lasted from Tuesday morning until Friday evening. "
            "The first assault came at 6 am on Tuesday, and the second on Wednesday morning.")
    found = {t.text: t.value for t in tag(text)}  # 3 May 1951 was a Thursday
    assert found["Tuesday morning"] == "1951-05-08TMO"
    assert found["Friday evening"] == "1951-05-11TEV"
    assert found["6 am on Tuesday"] == "1951-05-08T06:00"
    assert found["Wednesday morning"] == "1951-05-09TMO"


def test_weekday_dates_are_the_year_less_dates_given_with_their_weekday():
    assert weekday_dates(UNDATED) == [(3, 14, 4), (3, 22, 5)]
    assert weekday_dates("On Thursday, March 14, 2019, and on March 15 the town flooded.") == []


def test_a_postgresql_store_gives_the_same_year(tmp_path, pg):
    for name, text in (("a.txt", DATED_2019), ("b.txt", OTHER_2019), ("c.txt", UNDATED)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    with analyze([tmp_path], db=pg) as corpus:
        assert _timexes(corpus.to_dict(), "c.txt")["5 pm on Thursday, March 14"]["value"] == "2019-03-14T17:00"
