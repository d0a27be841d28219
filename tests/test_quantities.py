"""Quantities: what a reader needs to compare "over 4,800" with "about 5,000"."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rashomon.extract.quantities import find_quantities, parse_quantity
from rashomon.ingest.parse import pipeline
from rashomon.records import Segment

from .conftest import need_shared
from .seed_gold import seed_scores


def one(text: str):
    found = parse_quantity(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(("text", "value", "low", "high", "unit", "approx"), [
    ("more than 1,200 people", None, 1200, None, None, False),
    ("at least 35 soldiers", None, 35, None, None, False),
    ("up to 300 troops", None, None, 300, None, False),
    ("nearly 40 km inside the border", 40, None, None, "km", True),
    ("some 12 miles", 12, None, None, "mi", True),
    ("between 30 and 50 tanks", None, 30, 50, None, False),
    ("tens of thousands of refugees", None, 20000, 99999, None, True),
    ("dozens of homes", None, 24, 99, None, True),
    ("several hundred fighters", None, 200, 999, None, True),
    ("two hundred and fifty prisoners", 250, None, None, None, False),
    ("a dozen villages", 12, None, None, None, False),
    ("about three dozen bodies", 36, None, None, None, True),
    ("half a dozen soldiers", 6, None, None, None, False),
    ("several dozen wounded", None, 24, 119, None, True),
    ("2.5 million barrels", 2_500_000, None, None, None, False),
    ("$3 billion in aid", 3_000_000_000, None, None, "USD", False),
    ("40 tons of ammunition", 40, None, None, "t", False),
    ("500 or more detainees", None, 500, None, None, False),
    ("within 72 hours", 72, None, None, "hour", False),
    ("inflicted 55, 000 casualties", 55_000, None, None, None, False),
    ("a force of 4-5 thousand men", None, 4000, 5000, None, False),
    ("officials said 1500 Tamils died", 1500, None, None, None, False),
    ("at between 300 m.p.h. and 350 m.p.h. over the sea", None, 300, 350, "mph", False),
    ("the toll exceeded 9,000", None, 9000, None, None, False),
    ("half a million people fled", 500_000, None, None, None, False),
    ("Kagame put the number between 2,800 and 3,800", None, 2800, 3800, None, False),
    ("as many as 500-1000 may have died", None, 500, 1000, None, False),
    ("estimates range from several hundred to 6,000 people", None, 200, 6000, None, True),
])
def test_values_qualifiers_and_units(text, value, low, high, unit, approx):
    q = one(text)
    assert (q.value, q.low, q.high, q.unit, q.approx) == (value, low, high, unit, approx)
    assert text[q.start:q.end] == q.text


@pytest.mark.parametrize("text", [
    "On 12 March 2003 the 3rd brigade moved at 14:30.",
    "Resolution 242 was cited on p. 17 of Vol. 2.",
    "In 1991 the war ended; see pic.twitter.com/x9Y8z7 and @user2024.",
    "One of the officers left. It was a three-fold increase.",
    "Two days later the talks resumed.",
    "the 1982 elections were held under martial law",
    "It was a rout (BBC claim)[12] and a defeat.[3]",
    "as the minister put it in his memoir.” (214) In fact the war went on.",
    "Footnote 28: There are no exact figures for the dead.",
    "The army cut the number of victims by at least one third.",
    "Two thirds of the town was burnt and a quarter of it razed.",
    "The troops opened fire at 2.15 in the afternoon.",
    "Sirens sounded at 10:05 am (0705 GMT) across the province.",
    "By 6 pm the square was empty.",
    "Prices rose three times more than wages, and the toll was ten times higher.",
    "Today marks the thirty-second anniversary of the Velmora flood.",
])
def test_dates_times_ordinals_and_identifiers_are_not_quantities(text):
    assert parse_quantity(text) == []


def body_quantities(text: str):
    """The quantities of `text`, parsed by the pipeline's spaCy and read as one body segment."""
    return find_quantities(pipeline()(text), [Segment("body", 0, len(text))])


def test_counted_comes_from_the_noun_phrase():
    text = ("Rebels seized 40 armored vehicles and helicopters near the dam. Thousands of refugees "
            "crossed the river, and some 300 were wounded. Officials counted 18 dead civilians.")
    found = {q.text: q.counted for q in body_quantities(text)}
    assert found == {"40": "armored vehicles and helicopters", "Thousands": "refugees",
                     "some 300": "wounded", "18": "dead civilians"}


def test_what_follows_a_comma_or_names_a_day_is_not_what_a_number_counts():
    text = "The toll was more than 250, more than half of them children. It rose to 358 yesterday."
    found = {q.text: q.counted for q in body_quantities(text)}
    assert found == {"more than 250": None, "rose to 358": None}


def test_a_models_number_is_no_count_and_nautical_miles_are_a_length():
    text = "The Boeing 777 carried 240 people and vanished 30 nmi from the coast."
    found = {q.text: q.unit for q in body_quantities(text)}
    assert found == {"240": None, "30 nmi": "nmi"}


def test_a_map_position_is_no_count():
    text = ("Coordinates: 51°30′26″N 7°27′56″W / 51.50722°N 7.46556°W / 51.50722; -7.46556\n"
            "The village lies 12 miles west of the port.")
    assert [q.text for q in body_quantities(text)] == ["12 miles"]


def test_boilerplate_segments_have_no_quantities():
    text = "Police said 12 people died.\nSubscribe now: 50 articles for 5 dollars."
    cut = text.index("\n") + 1
    doc = pipeline()(text)
    found = find_quantities(doc, [Segment("body", 0, cut), Segment("boilerplate", cut, len(text))])
    assert [q.text for q in found] == ["12"]
    assert all(doc.text[q.start:q.end] == q.text for q in found)


def test_seed_gold_quantities():
    need_shared()
    score, misses = seed_scores()["quantities"]
    assert score >= 0.9, misses


@given(st.text())
def test_parse_quantity_never_raises_and_offsets_hold(text):
    for q in parse_quantity(text):
        assert 0 <= q.start < q.end <= len(text)
        assert text[q.start:q.end] == q.text
        assert q.low is None or q.high is None or q.low <= q.high


@given(st.lists(st.sampled_from(["over", "about", "up to", "hundreds", "of", "1,300", "4.5", "million",
                                 "km", "tanks", "July", "26", "1988", "two", "-", "thousand", " ", ","]))
       .map(" ".join))
def test_parse_quantity_on_number_like_text(text):
    for q in parse_quantity(text):
        assert text[q.start:q.end] == q.text
        assert q.value is not None or q.low is not None or q.high is not None


def test_a_number_inside_a_date_of_the_time_stage_is_no_count():
    from rashomon.extract.time import find_timexes

    text = "Varnians remember 12 Mehr, when 200 people died in Korsk."
    doc = pipeline()(text)
    segments = [Segment("body", 0, len(text))]
    found = find_quantities(doc, segments, find_timexes(doc, segments, "2020-01-01"))
    assert [q.text for q in found] == ["200"]


def test_what_a_bare_number_did_is_not_what_it_counts():
    text = "Organisers claimed 1.7 million took part, and some 300 were wounded."
    found = {q.text: q.counted for q in body_quantities(text)}
    assert found == {"1.7 million": None, "some 300": "wounded"}


def test_an_infobox_row_counts_what_its_label_names():
    text = "Flight 801\nPassengers254\nFatalities228\nDeaths100+ (Red Cross)[2]\n"
    found = {(q.text, q.value, q.low, q.counted) for q in parse_quantity(text)}
    assert found == {("254", 254, None, "passengers"), ("228", 228, None, "fatalities"),
                     ("100+", None, 100, "deaths")}


def test_a_range_whose_first_end_carries_a_footnote_marker_is_one_range():
    found = parse_quantity("Deaths: 1,200[4] to 2,750[5] (number disputed)")
    assert [(q.low, q.high) for q in found] == [(1200, 2750)], "one disputed range, not two tolls"


def test_a_time_zone_offset_is_no_count():
    assert parse_quantity("The raid lasted from 10:00 a.m. to 3:00 p.m. (UTC +5).") == []


def test_a_count_in_the_morning_is_still_a_count():
    assert [q.value for q in parse_quantity("The patrol killed 3 in the morning and 5 at night.")] == [3, 5]


def test_how_often_a_deed_was_done_is_counted():
    text = "Officials said the frigate warned the Tolan flight seven times that it was entering a hostile zone."
    assert [(q.text, q.value, q.counted) for q in body_quantities(text)] == [("seven", 7.0, "times")]


def test_thousands_set_apart_by_a_space_are_one_number():
    found = parse_quantity("Some 2 000 marchers gathered, and later a crowd of 5 000 people faced the guards.")
    assert [q.value for q in found] == [2000, 5000]


def test_a_day_after_its_month_is_no_part_of_the_number_that_follows():
    assert [q.value for q in parse_quantity("On May 13 500 people fled Velmora.")] == [500]


def test_an_hour_with_its_minutes_after_at_is_no_count():
    assert parse_quantity("At 16.10 the firing began in Dorun Street.") == []


def test_a_toll_that_rose_by_some_to_a_figure_is_that_figure():
    found = parse_quantity("The governor said the toll had risen by 12 to 164, and the riot was put down "
                           "by 30 to 40 guards.")
    assert [(q.value, q.low, q.high) for q in found] == [(164, None, None), (None, 30, 40)]
