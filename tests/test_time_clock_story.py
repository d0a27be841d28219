"""The `time` stage on clock times and story time (issue 18): times of day on the day the narrative is
on, and the narrative's own date and year, on sentences written for these tests."""

from __future__ import annotations

from rashomon.extract.time import tag

from .timexes import one, values


def test_military_clock_times_are_times_of_day_not_hours():
    text = ("On 4 May 1982 the destroyer was hit at 1430 hours. The crew left her at 0030 hrs and the tug came "
            "at 02:15 hrs.")
    found = {t.text.rstrip("."): (t.type, t.value) for t in tag(text, "1982-05-10")}
    assert found["1430 hours"] == ("TIME", "1982-05-04T14:30")
    assert found["0030 hrs"] == ("TIME", "1982-05-04T00:30")
    assert found["02:15 hrs"] == ("TIME", "1982-05-04T02:15")
    assert one("The pilots logged 1200 hours of flight time.").type == "DURATION"


def test_oclock_and_the_suns_moments_are_times_on_the_narratives_day():
    text = "The column left the port on 12 March 1951. It reached the river at six o'clock pm and crossed at dawn."
    found = values(text)
    assert found["six o'clock pm"] == "1951-03-12T18:00"
    assert found["dawn"] == "1951-03-12TMO"
    assert "dawn" not in values("It was the dawn of a new age.")


def test_clock_times_are_on_the_day_the_news_story_is_on_not_the_publication_day():
    text = ("The reactor exploded early on Saturday, officials said. The first alarm sounded at 1:23 a.m. "
            "Firemen arrived at 1:28 a.m. and fought the blaze until 5 a.m.")
    found = values(text, "1986-04-28")
    assert found["Saturday"] == "1986-04-26"
    assert found["1:23 a.m."] == "1986-04-26T01:23"
    assert found["5 a.m."] == "1986-04-26T05:00"


def test_an_afternoon_time_in_a_night_sequence_stays_on_that_day():
    text = "On 14 April 1912 the liner struck ice at 11:40 p.m. The warnings had come in at 1:45 p.m. that day."
    assert values(text)["1:45 p.m. that day"] == "1912-04-14T13:45"


def test_a_narrative_line_with_two_clock_times_is_not_a_schedule():
    text = "On 12 March 1951 the column took the bridge at 18:30 and the town at 21:20."
    assert {t.text: t.context for t in tag(text)}["21:20"] is None
    schedule = tag("News bulletins: 00:30 | 05:30 | 11:30 GMT", "2020-01-01")
    assert {t.context for t in schedule} == {"schedule"}


def test_the_next_day_moves_from_the_day_the_story_is_on():
    text = "The ferry capsized on Sunday. Divers reached the hull the next day. Two days later the search ended."
    found = values(text, "1994-10-04")  # a Tuesday; Sunday was 2 October
    assert found["Sunday"] == "1994-10-02"
    assert found["the next day"] == "1994-10-03"
    assert found["Two days later"] == "1994-10-05"
    assert values("On 3 May 1951 the line broke. That night the rain began.")["That night"] == "1951-05-03TNI"


def test_a_year_less_date_takes_the_year_of_a_story_set_years_before_the_page():
    text = ("Last week visitors came back to the zone. Reactor four exploded on April 26, 1986. The fire burned "
            "for days. Crews dropped sand from helicopters. Engineers feared a second blast. Soldiers cleared "
            "the roofs. The town was emptied on April 27.")
    assert values(text, "2021-06-01")["April 27"] == "1986-04-27"


def test_an_undated_account_takes_its_year_from_its_own_story():
    text = ("On Monday, March 5 the column set out at 7 pm. It reached the pass on March 7. "
            "The offensive of March 1951 had been planned since the winter of 1951.")
    found = values(text, None)
    assert found["Monday, March 5"] == "1951-03-05"
    assert found["7 pm."] == "1951-03-05T19:00"
    undated = values("On March 5 the column set out. It had fought in 1944 and in 1951.", None)
    assert undated["March 5"] is None  # the story names two years: no year is clear


def test_a_weekday_is_the_day_a_weekly_account_dates_a_week_before_its_cover_date():
    text = "On Sunday the destroyer was struck. Officials confirmed she was hit on May 2."
    assert values(text, "1982-05-10")["Sunday"] == "1982-05-02"
    assert values("On Sunday the destroyer was struck.", "1982-05-10")["Sunday"] == "1982-05-09"


def test_a_duration_before_an_event_the_account_dates_is_a_day():
    text = "The offensive was launched on March 3, 1951. Two days before the offensive, scouts crossed the ford."
    found = {t.text: (t.type, t.value) for t in tag(text)}
    assert found["Two days"] == ("DATE", "1951-03-01")
    assert one("Two days before the offensive, scouts crossed the ford.").value == "P2D"


def test_dates_told_the_way_pages_and_infoboxes_write_them():
    assert values("Battle of the ridge\nDateMarch 12, 1951 (1951-03-12)")["March 12, 1951"] == "1951-03-12"
    assert values("During the winter of 1951 the line held. The worst attack came on February 25.")[
        "February 25"] == "1951-02-25"
    assert values("The siege (2 August 1990 / 11 Mordad 1369) began on 9 Mordad.")["9 Mordad"] == "1990-07-31"
    assert one("It is a twice-weekly half-hour flight.", which="half-hour").value == "PT30M"


def test_the_small_hours_after_a_night_the_narrative_is_on_fall_on_the_next_day():
    text = ("On the night of 9 November 1938 the mobs burned the synagogues. The fires burned until 4 a.m. "
            "At 3 pm the next afternoon the arrests began.")
    found = {t.text.rstrip("."): (t.type, t.value) for t in tag(text, "2018-11-09")}
    assert found["9 November 1938"] == ("DATE", "1938-11-09")
    assert found["4 a.m"] == ("TIME", "1938-11-10T04:00")
    assert found["3 pm the next afternoon"] == ("TIME", "1938-11-10T15:00")
    evening = "The ship sank on 15 April 1912 at 11:40 p.m. By 2 a.m. the boats were away. At 4 pm a search began."
    assert values(evening)["2 a.m."] == "1912-04-16T02:00"
    assert values(evening)["4 pm"] == "1912-04-15T16:00"  # an afternoon time stays on the day


def test_a_part_of_a_dated_day_is_a_time():
    assert one("The office is closed on the morning of 30 March 2015.").value == "2015-03-30TMO"
    assert one("The office is closed on the morning of 30 March 2015.").text == "the morning of 30 March 2015"


def test_a_weekday_the_sentence_dates_is_that_day_not_the_pages_week():
    text = "On Friday, 14 April 2017, crowds gathered after Friday prayers and marched to the square."
    assert [t.value for t in tag(text, "2024-03-10")] == ["2017-04-14", "2017-04-14"]
    ranged = "The fund bought shares from Friday, 14 April 2017 to Friday at a loss."
    assert [t.value for t in tag(ranged, "2017-05-21")][-1] == "2017-05-19"


def test_a_weekday_in_a_title_is_not_a_day():
    text = "On July 26, the Friday prayer leader of the city spoke. Pupils went to Sunday school."
    assert [t.text for t in tag(text, "2024-07-28")] == ["July 26"]


def test_a_weekday_a_deadline_or_an_earliest_day_names_lies_ahead():
    text = ("The court has given the family until 9 a.m. Tuesday to reply. The delegation could arrive "
            "as early as Thursday.")
    found = values(text, "2003-06-02")  # a Monday
    assert found["9 a.m. Tuesday"] == "2003-06-03T09:00"
    assert found["Thursday"] == "2003-06-05"
    assert values("Until Thursday, the police had not named a suspect.", "2003-06-06")["Thursday"] == "2003-06-05"


def test_a_date_that_names_when_a_thing_happened_does_not_move_the_story():
    text = ("Prosecutors charged two men in the Dec. 21, 1988, bombing of the ferry. The two were freed "
            "after the government agreed in April to hand them over.")
    assert values(text, "1999-06-07")["April"] == "1999-04"
    told = "The ferry was bombed on Dec. 21, 1988. The two were freed after the government agreed in April."
    assert values(told, "1999-06-07")["April"] == "1989-04"


def test_last_month_and_day_is_that_day():
    found = values("He was arrested last Oct. 23 in Lyon. She left last October.", "1999-04-19")
    assert found["Oct. 23"] == "1998-10-23"
    assert found["last October"] == "1998-10"


def test_clock_times_as_posts_and_wires_write_them():
    found = {t.text.rstrip("."): (t.type, t.value) for t in tag("Doors open 3 Oct 10pm and 4 Oct 7.30am", "2013-10-01")}
    assert found == {"3 Oct 10pm": ("TIME", "2013-10-03T22:00"), "4 Oct 7.30am": ("TIME", "2013-10-04T07:30")}
    assert values("Service resumes 21 Apr 1030am", "2013-04-01")["21 Apr 1030am"] == "2013-04-21T10:30"
    utc = values("The quake struck at 18:00 UTC and the tsunami at 0800 GMT.", "2009-06-01")
    assert utc["18:00 UTC"] == "2009-06-01T18:00Z"
    assert utc["0800 GMT"] == "2009-06-01T08:00Z"
    restated = "The blast came at 10:35 a.m. (0735 GMT) on Friday."  # one moment told in two zones
    assert [t.text for t in tag(restated, "1998-08-08")] == ["10:35 a.m.", "Friday"]
    assert values("He was born on February 24 , 1955 in Tyre.")["February 24 , 1955"] == "1955-02-24"
    assert values("The index fell 2.30 points to 1030 at noon.", "2013-04-01").keys() == {"noon"}


def test_a_weekday_closing_a_title_is_not_the_dateline_below_it():
    found = values("Markets to stay closed until Friday\nSeptember 18 , 2008\nTrading stopped.", "2008-09-18")
    assert found["Friday"] == "2008-09-19"
    assert found["September 18 , 2008"] == "2008-09-18"


def test_a_dotted_date_is_day_first():
    assert values("The office closes on 23.03.2015 and 1.4.2015.", "2015-03-01") == {
        "23.03.2015": "2015-03-23", "1.4.2015": "2015-04-01"}
    assert values("Traffic came from 10.1.2015.3 at noon.", "2015-03-01").keys() == {"noon"}


def test_a_weekday_just_after_a_dated_day_of_a_past_year_is_in_that_week():
    text = "The offensive began on Wednesday, 20 July 1988. On Friday the town fell. By Monday the front was quiet."
    found = values(text, "2024-03-10")
    assert found["Friday"] == "1988-07-22"
    assert found["Monday"] == "1988-07-25"
    news = "Shares due Oct. 15, 1999, were priced at 84.90. That is above Thursday's close."
    assert values(news, "1989-10-30")["Thursday"] == "1989-10-26"  # a date ahead is no story


def test_a_day_of_the_month_alone_is_in_the_month_the_story_is_in():
    text = "In July 1988 the offensive stalled. On the 20th the rebels attacked. At 3 pm on the 25th they withdrew."
    found = values(text, "2024-03-10")
    assert found["the 20th"] == "1988-07-20"
    assert found["3 pm on the 25th"] == "1988-07-25T15:00"
    assert values("The vote was held on the 28th.", "2015-03-03")["the 28th"] == "2015-02-28"
    assert values("Payment is due on the 28th.", "2015-03-03")["the 28th"] == "2015-03-28"
    assert set(values("It fell on the 20th day of the siege, in the 20th century.")) == {"the 20th century"}


def test_tonight_is_this_days_night_and_its_clock_times_are_in_the_evening():
    got = values("The vote on the levy is at 7:30 tonight. Protesters gathered tonight outside the hall; "
                 "the mayor said he would speak 2nite.", "2004-03-09")
    assert got["7:30 tonight"] == "2004-03-09T19:30"  # not 07:30: "tonight" says the evening
    assert got["tonight"] == "2004-03-09TNI"  # a part of the day (TIME), as TIMEX3 writes "last night"
    assert got["2nite"] == "2004-03-09TNI"


def test_the_next_morning_is_a_part_of_the_day_after():
    got = values("The levee failed on May 3, 1999. The next morning, crews arrived; the following "
                 "afternoon the water fell.", "2003-01-01")
    assert got["The next morning"] == "1999-05-04TMO"  # a TIME, as "that night" is
    assert got["the following afternoon"] == "1999-05-05TAF"  # the story moved on to the 4th


def test_a_clock_time_in_a_named_zone_is_joined_to_its_day():
    got = values("The debate airs at 8 p.m. Eastern time on Sunday; polls close at 9 p.m. local time "
                 "Tuesday.", "2004-10-20")
    assert set(got) == {"8 p.m. Eastern time on Sunday", "9 p.m. local time Tuesday"}
    assert got["9 p.m. local time Tuesday"].endswith("T21:00")
