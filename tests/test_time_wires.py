"""Wire-service conventions (issue 18, sixth round), on sentences written for these tests (no corpus
text)."""

from __future__ import annotations

from .timexes import parsed, values


def test_a_fraction_before_what_it_counts_is_no_date():
    got = values("The charter was amended by 2/3 majority, and by 3/4 vote in the lower house. "
                 "Filing closes on 11/29.", "2003-10-02")
    assert "2/3" not in got and "3/4" not in got
    assert got["11/29"] == "2003-11-29"


def test_a_second_verb_shares_the_tense_of_the_first(nlp):
    got = parsed(nlp, "The envoys will arrive in the capital and meet the premier on Monday.", "1999-03-10")
    assert got["Monday"] == "1999-03-15"
    got = parsed(nlp, "The envoys arrived in the capital and met the premier on Monday.", "1999-03-10")
    assert got["Monday"] == "1999-03-08"


def test_a_wire_dateline_a_day_before_publication_dates_the_reporters_today():
    text = ("LIMA, June 3 (Andina) -- The copper mine reopened today, the ministry said. Miners had "
            "marched on the capital yesterday.")
    got = values(text, "2001-06-04")
    assert got["today"] == "2001-06-03"
    assert got["yesterday"] == "2001-06-02"
    assert values("The copper mine reopened today.", "2001-06-04")["today"] == "2001-06-04"


def test_a_quarter_of_a_game_is_no_quarter_of_the_year():
    got = values("The Hawks scored twice in the second quarter and led 14-3 at halftime.", "2002-11-17")
    assert "the second quarter" not in got
    assert values("Profit rose 8% in the second quarter.", "2002-11-17")["the second quarter"] == "2002-Q2"


def test_a_game_clock_is_no_time_of_day_and_a_zone_is_written_in_capitals():
    got = values("With 2:35 left, the kicker made it. The quake hit at 8:30 last night and again at "
                 "10 p.m. tonight.", "2002-11-17")
    assert not any(text.startswith("2:35") for text in got)
    assert got["8:30 last night"] == "2002-11-16T20:30"
    assert got["10 p.m. tonight"] == "2002-11-17T22:00"


def test_decades_as_american_papers_write_them():
    got = values("In the 60's and 70's the mill ran day and night; since the early 80's, and through "
                 "the 1980's and 1990's, it has stood idle. Fans of the '70s and '80s came.", "1999-05-02")
    assert got["the 60's"] == "196X" and got["70's"] == "197X"
    assert got["the early 80's"] == "198X" and got["1990's"] == "199X"
    assert got["'80s"] == "198X"


def test_a_count_in_the_sixties_is_no_decade():
    got = values("Highs will be in the 60s on Sunday. The coach, in his 60's, retired.", "1999-05-02")
    assert not any("60" in text for text in got)


def test_a_news_reports_dates_of_this_year_run_on_in_this_year():
    got = values("The mill closed in January. It reopened on Aug. 17 after repairs.", "1998-11-21")
    assert got["Aug. 17"] == "1998-08-17"
    got = values("The strike began on Dec. 20, 1997. On Jan. 3, talks resumed.", "1998-11-21")
    assert got["Jan. 3"] == "1998-01-03"


def test_a_stretch_from_now_is_counted_ahead_of_publication():
    got = values("A year from now the old pier will be gone, and two weeks from today the council votes.",
                 "1998-11-21")
    assert got["A year from now"] == "1999"
    assert got["two weeks from today"] == "1998-W49"


def test_high_school_in_the_sixties_is_a_decade():
    assert values("She went to high school in the 60's, then moved west.", "1998-11-21")["the 60's"] == "196X"


def test_a_company_that_scored_gains_in_a_quarter_is_in_the_year():
    got = values("The chain scored a 20% gain in the third quarter, helped by overtime cuts.", "2002-11-17")
    assert got["the third quarter"] == "2002-Q3"


def test_a_text_opening_with_its_full_date_and_a_dash_is_told_on_that_day():
    text = ("(Tuesday, May 4, 1971, 3:10 p.m. local time; during the Velmora strike) — Guards fired on "
            "striking miners today, killing 12.")
    assert values(text, "2021-05-04")["today"] == "1971-05-04", "a retelling put online fifty years on"
    assert values("Guards fired on striking miners today (Velmora, 1971).", "2021-05-04")["today"] == "2021-05-04"
