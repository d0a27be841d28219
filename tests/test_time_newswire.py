"""Newswire conventions of TimeML (issue 18, fourth round), on sentences written for these tests (no
corpus text)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from rashomon.extract.time import tag
from rashomon.outputs.timeml import to_timeml

from .timexes import parsed


def exported(text: str, published: str) -> dict[str, str]:
    root = ET.fromstring(to_timeml("d", text, tag(text, published), published))
    return {t.text or "": t.get("value", "") for t in root.iter("TIMEX3") if t.get("functionInDocument") == "NONE"}


def test_a_present_tense_date_is_not_in_a_past_a_report_mentioned(nlp):
    text = ("The founder of the co-operative was born on March 2, 1931. The new bylaws take effect "
            "on Feb. 1.")
    assert parsed(nlp, text, "2004-11-20")["Feb. 1"] == "2005-02-01"


def test_the_past_still_lends_its_year_to_a_past_tense_date(nlp):
    text = "The dam was finished on March 2, 1931. It flooded the valley on May 9."
    assert parsed(nlp, text, "2004-11-20")["May 9"] == "1931-05-09"


def test_an_anniversary_or_an_eve_is_no_timex3_in_the_timeml_export():
    text = ("Veterans gathered on Sunday for the 60th anniversary of the landing. On the eve of the "
            "parade, the mayor spoke.")
    tags = exported(text, "2004-06-08")
    assert tags == {"Sunday": "2004-06-06"}
    assert any("anniversary" in t.text for t in tag(text, "2004-06-08"))  # rashomon itself keeps it


def spans(text: str, published: str = "2004-11-20") -> dict[str, tuple[str, str | None, str | None]]:
    return {t.text: (t.type, t.value, t.mod) for t in tag(text, published)}


def test_a_preposition_before_a_stretch_of_time_is_no_part_of_it():
    got = spans("Over the past two decades the delta sank; repairs must start within a week, and the "
                "ferry ran over the weekend.")
    assert got["the past two decades"] == ("DURATION", "P20Y", None)  # during them, not more than
    assert got["a week"][:2] == ("DURATION", "P1W")
    assert got["the weekend"][0] == "DATE"
    assert not any(text.lower().startswith(("over", "within")) for text in got)


def test_the_past_and_the_future_leave_in_out():
    got = spans("Floods were rare in the past and may be common in the future.")
    assert got["the past"][1] == "PAST_REF"
    assert got["the future"][1] == "FUTURE_REF"


def test_the_before_a_counted_stretch_is_part_of_it():
    got = spans("Sales fell 4% in the nine months, and the crew rested during the four days at sea.")
    assert got["the nine months"][1] == "P9M"
    assert got["the four days"][1] == "P4D"


def test_a_period_used_as_an_adjective_leaves_the_article_to_its_noun():
    got = spans("The mill posted the third-quarter loss on Friday; the year-ago figure was a profit, "
                "and the third quarter of 2003 was its best.")
    assert got["third-quarter"] == ("DATE", "2004-Q3", None)
    assert "year-ago" in got
    assert "the third quarter of 2003" in got


def test_a_half_or_a_quarter_of_a_year_said_in_words_is_one_timex():
    got = spans("Exports rose in the second half of the year; output grew in the first quarter of this "
                "year and fell in the fourth quarter of last year.")
    assert got["the second half of the year"][:2] == ("DATE", "2004-H2")
    assert got["the first quarter of this year"][:2] == ("DATE", "2004-Q1")
    assert got["the fourth quarter of last year"][:2] == ("DATE", "2003-Q4")
    assert "this year" not in got and "last year" not in got


def test_a_holiday_follows_the_tense_of_its_sentence(nlp):
    got = parsed(nlp, "On New Year's Day, crowds gathered in the square. The market will close on "
                      "Christmas Day.", "2004-10-12")
    assert got["New Year's Day"] == "2004-01-01"
    assert got["Christmas Day"] == "2004-12-25"


def test_a_point_of_a_deictic_period_is_one_timex_with_its_mod():
    got = spans("The ministry will report at the end of the month; the plant opens early next year, the "
                "talks stalled late last week and the deal closes by the end of this year.")
    assert got["the end of the month"] == ("DATE", "2004-11", "END")
    assert got["early next year"] == ("DATE", "2005", "START")
    assert got["late last week"] == ("DATE", "2004-W46", "END")
    assert got["the end of this year"] == ("DATE", "2004", "END")


def test_the_week_or_the_month_alone_is_no_timex():
    got = spans("For the week, the index fell; the month was the wettest on record.")
    assert got == {}


def test_a_number_with_decimals_is_no_year():
    got = spans("The index shed 47 points to close at 2082.1, its lowest close of 2004.")
    assert list(got) == ["2004"]


def test_earlier_or_later_than_the_storys_day_is_part_of_the_anaphor():
    got = spans("The envoy was shot on Oct. 3. Earlier that day, he had met the rebels. He had moved to "
                "the coast in 1990, and later that year he married.")
    assert got["Earlier that day"][1] == "2004-10-03"
    assert got["later that year"][1] == "1990"


def test_a_century_or_decade_named_by_its_place_is_a_date_and_recent_years_a_past_reference():
    text = ("The canal, dug in the last century, will be widened in the next century. Freight fell in the "
            "last decade. In recent years barges came back; in recent months traffic doubled and will grow in "
            "coming years.")
    assert spans(text, "1998-08-08") == {
        "the last century": ("DATE", "18XX", None), "the next century": ("DATE", "20XX", None),
        "the last decade": ("DATE", "198X", None), "recent years": ("DATE", "PAST_REF", None),
        "recent months": ("DURATION", "PXM", None), "coming years": ("DATE", "FUTURE_REF", None)}
