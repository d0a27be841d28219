"""Recurring times and the TimeML normalisations of issue 18's tuning round, on sentences written for
these tests (no corpus text)."""

from __future__ import annotations

from rashomon.extract.time import tag

from .timexes import parsed


def found(text: str, published: str | None = "2011-06-15") -> dict[str, tuple[str, str | None]]:
    return {t.text: (t.type, t.value) for t in tag(text, published)}


def test_plural_weekdays_and_months_after_each_are_sets_not_one_day():
    got = found("The market opens on Sundays, the choir sings on Thursday nights, and each April the "
                "river floods the lower fields.")
    assert got["Sundays"] == ("SET", "XXXX-WXX-7")
    assert got["Thursday nights"] == ("SET", "XXXX-WXX-4TNI")
    assert got["each April"] == ("SET", "XXXX-04")
    assert "April" not in got  # not the April of the publication year


def test_every_weekday_with_a_part_of_the_day_keeps_the_part():
    assert found("Volunteers patrol the camp every Friday evening.")["every Friday evening"] == (
        "SET", "XXXX-WXX-5TEV")


def test_a_weekday_named_in_the_plural_after_the_is_no_set():
    got = found("The Sundays of that summer were quiet; on Sunday the rain came.")
    assert all(kind != "SET" for kind, _ in got.values())
    assert got["Sunday"] == ("DATE", "2011-06-12")


def test_the_day_before_an_event_after_a_date_restates_that_date():
    got = found("Fishermen last saw the ferry on May 4, the day before the storm reached the coast.")
    assert got["the day"] == ("DATE", "2011-05-04")
    assert "the day before" not in got


def test_the_day_before_a_gerund_is_no_day_counted_from_the_story():
    got = found("The envoy landed in the capital on June 2 and spent an hour there later in the day "
                "before flying on to the coast.")
    assert got["June 2"] == ("DATE", "2011-06-02")
    assert not any(text.startswith("the day") for text in got)


def test_the_day_before_still_counts_from_the_story_when_it_closes_the_phrase():
    got = found("The ceasefire began on March 9. The day before, both sides had shelled the town.")
    assert got["The day before"] == ("DATE", "2011-03-08")


def test_a_weekday_on_a_noun_under_a_verb_that_looks_ahead_is_the_next_one(nlp):
    # published on a Monday: the stop lies ahead because the trip is scheduled, not because of any word
    # next to the weekday
    text = ("The minister is scheduled to spend three hours in Dakar, Senegal, her first stop Thursday "
            "morning, and then two hours in Bamako.")
    assert parsed(nlp, text, "2011-06-13")["Thursday morning"] == "2011-06-16TMO"


def test_a_weekday_on_a_noun_under_a_past_verb_stays_the_last_one(nlp):
    text = "The opposition condemned Thursday's verdict in a statement."
    assert parsed(nlp, text, "2011-06-13")["Thursday"] == "2011-06-09"


def test_the_previous_and_the_following_weekday_count_from_the_day_the_story_is_on():
    got = found("The strike began on Tuesday, March 8, 2011. The following Monday the mines closed, and "
                "output fell by half from the previous Tuesday.")
    assert got["The following Monday"] == ("DATE", "2011-03-14")
    assert got["the previous Tuesday"] == ("DATE", "2011-03-08")


def test_a_count_of_units_or_so_ago_is_a_date():
    assert found("A week or so ago, the council approved the plan.")["A week or so ago"] == ("DATE", "2011-W23")


def test_a_range_of_months_without_a_year_is_in_one_year():
    got = found("Grain output in the January-October period was the highest on record.", "1999-11-10")
    assert got["January"] == ("DATE", "1999-01")  # not the January still to come
    assert got["October"] == ("DATE", "1999-10")
    winter = found("The camp was cut off from November to February.", "1999-03-20")
    assert winter["November"] == ("DATE", "1998-11") and winter["February"] == ("DATE", "1999-02")


def test_the_same_period_in_another_year_is_the_period_the_account_named_last():
    got = found("In the first half of this year, rice exports rose 12 percent over the same period last "
                "year.", "1999-11-10")
    assert got["the first half of this year"] == ("DATE", "1999-H1")
    assert got["the same period last year"] == ("DATE", "1998-H1")
    month = found("Arrivals in October were up from the same month a year earlier.", "1999-11-10")
    assert month["the same month a year earlier"] == ("DATE", "1998-10")
    quarter = found("The mill earned $4 million in the third quarter, up from $3 million in the quarter a year "
                    "ago.", "1999-11-10")
    assert quarter["the quarter a year ago"] == ("DATE", "1998-Q3")


def test_a_decade_written_with_an_apostrophe_after_early_mid_or_late_is_the_decade():
    got = found("Prices rose in the late 1970's and again in the mid-1980's.")
    assert got["the late 1970's"] == ("DATE", "197X")
    assert got["the mid-1980's"] == ("DATE", "198X")


def test_a_number_of_years_written_in_words_is_no_year():
    got = found("The temple has more than two thousand years of history; it was rebuilt in nineteen "
                "ninety-six.")
    assert "two thousand" not in got
    assert got["nineteen ninety-six"] == ("DATE", "1996")


def test_a_quarter_not_yet_begun_told_as_done_is_last_years():
    assert found("The carmaker reported a loss for the fourth quarter.", "2011-01-20")["the fourth quarter"] == (
        "DATE", "2010-Q4")
    assert found("The carmaker will report a loss in the fourth quarter.", "2011-01-20")["the fourth quarter"] == (
        "DATE", "2011-Q4")


def test_a_season_told_as_done_is_the_last_one_begun():
    assert found("The mill closed in the fall.", "1999-02-10")["the fall"] == ("DATE", "1998-FA")
    assert found("The mill will close in the fall.", "1999-02-10")["the fall"] == ("DATE", "1999-FA")


def test_may_after_a_preposition_is_the_month_but_not_a_name_or_the_verb():
    got = found("The company disclosed in May that it had been approached by a buyer.", "1999-10-30")
    assert got["May"] == ("DATE", "1999-05")
    assert found("The report was written by May Lindqvist; we may never know.", "1999-10-30") == {}


def test_a_rate_is_no_length_of_time():
    got = found("The ferry line runs four crossings a week and expects to save $3 million a year, though "
                "repairs took a week.")
    assert list(got) == ["a week"]  # only the repairs' week is a duration
    assert got["a week"] == ("DURATION", "P1W")


def test_a_march_with_a_name_after_it_is_an_event_not_the_month():
    got = found("Thousands joined the March for Peace on the bridge; in March the talks resumed.", "1999-05-02")
    assert list(got.values()) == [("DATE", "1999-03")]


def test_a_month_of_last_year_is_one_date():
    assert found("The dam failed in March of last year.", "1999-05-02")["March of last year"] == ("DATE", "1998-03")


def test_the_years_that_followed_are_an_uncounted_stretch():
    got = found("The rebels landed in 1956, and in the years that followed they held the hills.")
    assert got["the years that followed"] == ("DURATION", "PXY")


def test_a_part_of_the_day_with_early_mid_or_late_is_a_time():
    got = found("By mid-afternoon yesterday the river had crested; later this afternoon the road reopens.")
    assert got["mid-afternoon yesterday"] == ("TIME", "2011-06-14TAF")
    assert got["later this afternoon"] == ("TIME", "2011-06-15TAF")
    story = found("The raid began on June 3, 2010. By late afternoon the town had fallen.")
    assert story["late afternoon"] == ("TIME", "2010-06-03TAF")  # the day the story is on
    mods = {t.text: t.mod for t in tag("By mid-afternoon yesterday the river had crested.", "2011-06-15")}
    assert mods["mid-afternoon yesterday"] == "MID"


def test_a_month_sets_the_story_that_the_following_month_counts_from():
    got = found("In March, the mill received an offer. The following month, it was sold.", "1999-10-27")
    assert got["March"] == ("DATE", "1999-03")
    assert got["The following month"] == ("DATE", "1999-04")


def test_one_day_after_a_modal_is_some_time_ahead_not_a_day_long():
    got = tag("Officials say the port could one day rival the capital; the repairs will take one day.", "2011-06-15")
    assert [(t.text, t.type, t.value) for t in got] == [("one day", "DATE", "FUTURE_REF"),
                                                        ("one day", "DURATION", "P1D")]


def test_the_future_of_something_is_no_reference_to_the_future():
    got = found("Delegates argued over the future of the province but agreed to meet in the future.")
    assert list(got) == ["the future"]  # TimeML leaves the preposition out of the span


def test_a_deictic_word_capitalised_inside_a_sentence_is_a_name():
    got = found('The minister told "This Week With Anna Holm" that the talks had stalled, and said on '
                'Radio Today that "this week" was decisive.')
    assert list(got) == ["this week"]
    assert found('He said: "Today we vote."')["Today"] == ("DATE", "2011-06-15")


def test_a_newspaper_named_by_how_often_it_appears_is_no_frequency():
    for text in ("The ruling party daily Vanguardia said the vote was fair.",
                 "The talks were reported by the Harbor Daily on Monday.",
                 "A Lisbon weekly said the minister had resigned.",
                 "A Moroccan weekly reported that the minister had resigned."):
        assert not [t for t in tag(text, "2003-05-06") if t.type == "SET"], text
    for text in ("The ferry makes daily crossings to the island.", "Inspectors visit the port daily.",
                 "The ministry's daily briefing was cancelled.", "They visit the Louvre daily.",
                 "Daily and Weekly Prizes"):
        assert [t.value for t in tag(text, "2003-05-06") if t.type == "SET"] in (["P1D"], ["P1D", "P1W"]), text
