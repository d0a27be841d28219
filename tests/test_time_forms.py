"""The `time` stage on how dates are written and where a time word is no time (issues 15, 18): a season inside
a name, commas between a date's parts; on sentences written for these tests."""

from __future__ import annotations

from .timexes import values


def test_a_season_inside_a_name_is_no_season():
    found = values("Crowds filled the squares before the Winter Revolution on 20 January 2003.", "2010-05-01")
    assert found == {"20 January 2003": "2003-01-20"}, "'the Winter Revolution' names an uprising, not a winter"
    found = values("The Prague Spring ended in August 1968 when the tanks came.", "2010-05-01")
    assert found == {"August 1968": "1968-08"}
    assert values("During the Spring Offensive of 1918 the line broke.") == {"1918": "1918"}


def test_a_season_is_still_a_season_beside_a_year_a_month_or_in_a_heading():
    assert values("They arrived in Spring 2004.")["Spring 2004"] == "2004-SP"
    assert values("He left in the Winter of 1990.")["the Winter of 1990"] == "1990-WI"
    assert values("Last Winter Was Harsh", "2010-05-01")["Last Winter"] == "2009-WI", "a title-case heading"
    assert values("The talks stalled in the winter.", "2010-05-01")["the winter"] == "2009-WI"


def test_commas_between_month_day_and_year_still_make_one_date():
    found = values("The ceasefire was signed on September, 1, 2004 in the capital.", "2010-05-01")
    assert found == {"September, 1, 2004": "2004-09-01"}, "not the month of September alone"
    assert values("In September, 12 people were arrested.", "2010-05-01") == {"September": "2009-09"}


def test_a_clock_time_set_off_from_its_day_by_a_comma_is_two_timexes_on_that_day():
    found = values("The militia took the town around 7 pm, on Monday, July 25, 1966. It left on Tuesday morning.")
    assert found == {"7 pm": "1966-07-25T19:00", "Monday, July 25, 1966": "1966-07-25",
                     "Tuesday morning": "1966-07-26TMO"}
    assert values("The rebels entered the city at 8 p.m. on Sunday.", "1999-05-04") == {
        "8 p.m. on Sunday": "1999-05-02T20:00"}, "without the comma, one TIME as TimeML writes it"


def test_a_month_in_lower_case_beside_its_day_or_year_is_the_month():
    found = values("The clashes in Velmora on 2 may 2014 left nine dead; the report on may 2, 2014 "
                   "followed in march 3, 1998 style.", "2015-01-10")
    assert found == {"2 may 2014": "2014-05-02", "may 2, 2014": "2014-05-02", "march 3, 1998": "1998-03-03"}
    assert values("The coup in august 1988 failed.", "2015-01-10") == {"august 1988": "1988-08"}
    assert values("The siege of Tarnholt lasted since 16 august 2013.", "2015-01-10") == {
        "16 august 2013": "2013-08-16"}
    assert values("The garrison left on the 3rd of march.", "2015-01-10") == {"the 3rd of march": "2014-03-03"}
    assert values("The garrison has held out since 16 august.", "2015-01-10") == {"16 august": "2014-08-16"}
    assert values("They were killed on the night of may 2, 2014 in Velmora.") == {"may 2, 2014": "2014-05-02"}


def test_may_march_and_august_in_lower_case_without_a_day_or_year_stay_words():
    assert values("As many as 12 may have died in Velmora, and 3 may be missing.", "2015-01-10") == {}
    assert values("The cadets march 3 miles a day in the august heat.", "2015-01-10") == {}
    assert values("The elders may march to the square in august company.", "2015-01-10") == {}
