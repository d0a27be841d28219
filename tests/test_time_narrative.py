"""Story time in narrative news (issue 18, seventh round): seasons, periods and sets told inside a story
set in another year, on sentences written for these tests (no corpus text)."""

from __future__ import annotations

from .timexes import parsed, values


def test_that_summer_is_the_storys_summer_and_the_next_spring_the_one_after_it():
    got = values("In March 1995 the quarry flooded. That summer the owners sold it, and the next spring "
                 "the new owners drained it. The previous fall a dam had failed.", "2001-10-26")
    assert got["That summer"] == "1995-SU"
    assert got["the next spring"] == "1996-SP"
    assert got["The previous fall"] == "1995-FA"  # the story moved to 1996 with "the next spring"


def test_that_winter_after_a_january_date_is_the_winter_it_falls_in():
    got = values("The ferry sank in January 1990. That winter, the strait froze twice.", "2001-10-26")
    assert got["That winter"] == "1989-WI"
    got = values("The ferry sank in October 1990. That winter, the strait froze twice.", "2001-10-26")
    assert got["That winter"] == "1990-WI"


def test_a_season_counted_from_a_year_alone_moves_by_years():
    got = values("The tannery closed in 1991. The following summer it was sold.", "2001-10-26")
    assert got["The following summer"] == "1992-SU"


def test_the_fall_in_a_story_set_years_before_publication_is_the_storys_fall(nlp):
    got = parsed(nlp, "In May 1990 the painter left for Lisbon. By the fall he was back in his studio.",
                 "2001-10-26")
    assert got["the fall"] == "1990-FA"


def test_the_spring_a_sentence_looks_ahead_to_is_the_next_one(nlp):
    got = parsed(nlp, "The county board will vote on the levy in the spring.", "2001-10-26")
    assert got["the spring"] == "2002-SP"
    got = parsed(nlp, "The county board voted on the levy in the spring.", "2001-10-26")
    assert got["the spring"] == "2001-SP"


def test_every_summer_is_a_set_of_summers():
    got = values("Every summer the family rented the same cabin, and each winter they skated on the pond.",
                 "2001-10-26")
    assert got["Every summer"] == "XXXX-SU"
    assert got["each winter"] == "XXXX-WI"


def test_that_friday_is_the_friday_of_the_week_the_story_is_on():
    got = values("The dock strike began on June 3, 1996. That Friday, the port authority gave in.", "2001-10-26")
    assert got["That Friday"] == "1996-06-07"
    got = values("The barge ran aground on Saturday, Aug. 9, 1997. That Thursday, pilots had warned of fog.",
                 "2001-10-26")
    assert got["That Thursday"] == "1997-08-07"
    got = values("The council said that Friday's vote would stand.", "2001-10-26")
    assert "that Friday" not in got and got["Friday"] == "2001-10-26"


def test_the_end_of_the_month_told_just_after_a_month_is_that_months_end(nlp):
    got = parsed(nlp, "The hearings opened in June. By the end of the month, the panel had heard 40 witnesses.",
                 "2001-10-26")
    assert got["the end of the month"] == "2001-06"
    got = parsed(nlp, "The hearings opened in June. By the end of the month, the panel will have heard them all.",
                 "2001-10-26")
    assert got["the end of the month"] == "2001-10"


def test_weekends_and_every_other_week_are_sets():
    got = values("The flea market opens on weekends, the choir sings every other week, and every weekend "
                 "the ferry runs late.", "2001-10-26")
    assert got["weekends"] == "XXXX-WXX-WE"
    assert got["every other week"] == "P2W"
    assert got["every weekend"] == "XXXX-WXX-WE"


def test_a_clock_time_in_the_present_is_not_on_a_background_day_of_a_news_report(nlp):
    got = parsed(nlp, "The cannery, which opened on March 3, 1994, employs 300 people. Crews arrive at 7 a.m.",
                 "2001-10-26")
    assert got["7 a.m."] == "2001-10-26T07:00"
    got = parsed(nlp, "The cannery burned on Saturday. Firefighters arrived at 11:30 p.m.", "2001-10-26")
    assert got["11:30 p.m."] == "2001-10-20T23:30"


def test_the_fall_of_a_city_is_no_season():
    got = values("Reporters announced the fall. The fall of the port was swift. Shares that fall are sold. "
                 "In the fall the cannery closed.", "2001-10-26")
    assert list(got) == ["the fall"] and got["the fall"] == "2001-FA"


def test_the_month_before_counts_from_last_month_and_a_year_names_no_month(nlp):
    got = parsed(nlp, "The foreman, hired in 1992, quit last month. The month before, the owner had sold the "
                 "mill.", "2001-10-26")
    assert got["last month"] == "2001-09"
    assert got["The month before"] == "2001-08"
    got = values("The levee broke in 1993. The year after, the valley was replanted. The month after the "
                 "flood, aid came.", "2001-10-26")
    assert got["The year after"] == "1994"
    assert got["The month after"] is None  # not November 2001: the story named no month


def test_hours_and_minutes_uncounted_are_durations():
    got = values("The crews dug for hours. Within minutes the shaft was dark.", "2001-10-26")
    assert got["hours"] == "PTXH"
    assert got["minutes"] == "PTXM"


def test_a_season_with_its_year_puts_the_story_in_its_months():
    got = values("The siege began in June 1941. In the spring of 1942 the relief column set out, and by the "
                 "summer it had broken through. In July the last guns fell silent.", "2009-01-01")
    assert got["the summer"] == "1942-SU"
    assert got["July"] == "1942-07"


def test_a_month_opening_a_range_takes_the_closing_months_year():
    got = values("The campaign lasted from March to October 1812, the blockade from November to February 1855.",
                 "2009-01-01")
    assert got["March"] == "1812-03"
    assert got["November"] == "1854-11"


def test_today_in_a_history_is_no_date_of_its_story():
    got = values("The camp opened on 3 March 1944. Today it is a museum. The following year, the camp was "
                 "liberated.", "2009-01-01")
    assert got["The following year"] == "1945"


def test_a_year_less_month_after_the_report_came_back_to_the_present_is_a_recent_one(nlp):
    # a background paragraph set decades back, then the report's own present: "in late October" is last
    # October, not the October of the background's year
    text = ("The cooperative was founded on March 4, 1961, by twelve families. "
            "Kaplan has asked the court to return the land to its members. "
            "His brother drowned in late October when their boat capsized off the cape.")
    got = parsed(nlp, text, "2000-04-01")
    assert got["late October"] == "1999-10"
    # without the present-tense sentence the story is still the background's
    got = parsed(nlp, "The cooperative was founded on March 4, 1961, by twelve families. "
                      "Its first harvest was lost in late May when the river flooded.", "2000-04-01")
    assert got["late May"] == "1961-05"


def test_a_speakers_present_does_not_end_the_background(nlp):
    # an interview's "we" or a question is not the report speaking of its own time
    text = ("The ferry sank on April 2, 1952. Question: What do you remember? "
            "We have kept the photographs taken on April 9.")
    assert parsed(nlp, text, "2000-04-01")["April 9"] == "1952-04-09"


def test_a_bare_season_after_a_preposition_is_that_season(nlp):
    got = parsed(nlp, "The ferry service was suspended in winter. The county will decide by spring whether "
                      "to restore it, and the pier stays closed until autumn.", "2003-11-20")
    assert got["winter"] == "2002-WI"  # told as past: the last winter begun by publication
    assert got["spring"] == "2004-SP"  # looked ahead to
    assert "autumn" in got
    # a season word qualifying a noun is no time
    assert parsed(nlp, "He sells boots in winter sports shops and bottles in spring water.", "2003-11-20") == {}


def test_a_schedule_told_in_the_present_lies_ahead(nlp):
    # written on Thursday 2003-11-20
    got = parsed(nlp, "The harbor festival opens Saturday and the fishing season ends in May.", "2003-11-20")
    assert got["Saturday"] == "2003-11-22"
    assert got["May"] == "2004-05"
    # a past verb, or a present verb no schedule holds, keeps the last such day
    got = parsed(nlp, "The festival opened Saturday. The mayor says Saturday was a success.", "2003-11-20")
    assert set(got.values()) == {"2003-11-15"}
