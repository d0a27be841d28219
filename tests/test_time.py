"""The `time` stage: timexes found, normalised and anchored as a historian would read them."""

from __future__ import annotations

import re

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from rashomon.extract.time import find_timexes, interval, tag
from rashomon.records import Segment

from .conftest import GOLD, SEEDS
from .timexes import one, parsed, values

# --------------------------------------------------------------------------------------------
# General cases (not from the sample accounts)


def test_absolute_dates_in_both_orders():
    v = values("The treaty was signed on 3 March 1921 and ratified on April 9, 1921.")
    assert v["3 March 1921"] == "1921-03-03"
    assert v["April 9, 1921"] == "1921-04-09"


def test_partial_date_takes_year_from_the_story_not_the_publication_date():
    t = one("The siege began on May 2, 1943. On May 16 the last bunker fell.", "2023-05-16", "May 16")
    assert t.value == "1943-05-16"
    assert "narrative" in t.anchor


def test_partial_date_without_story_year_uses_nearest_publication_year():
    assert one("Talks resume on January 3.", "2024-12-20", "January 3").value == "2025-01-03"


def test_unanchored_expressions_stay_unresolved_with_a_reason():
    t = one("The next day the rebels withdrew.", None, "The next day")
    assert t.value is None and "no" in t.anchor
    t = one("Yesterday the talks collapsed.", None)
    assert t.value is None and "publication date" in t.anchor


def test_anaphoric_moves_from_last_story_date():
    text = ("Fighting broke out on 12 October 1973. Two days later the bridge was taken. "
            "The next day it was lost.")
    v = values(text, "2000-01-01")
    assert v["Two days later"] == "1973-10-14"
    assert v["The next day"] == "1973-10-15"
    week = values("It began on 1 June 1950. The following week talks opened.")["The following week"]
    assert week == "1950-W23"


def test_deictic_against_publication_date():
    v = values("Yesterday the minister resigned; elections are expected next year.", "1998-01-08")
    assert v["Yesterday"] == "1998-01-07"
    assert v["next year"] == "1999"


def test_a_column_titled_today_in_history_dates_nothing():
    v = values("Today in history: On March 9, 1957, police fired on miners at Rakovo.", "2015-03-09")
    assert "Today" not in v, "the title of a calendar column, not the day it was printed"
    assert v["March 9, 1957"] == "1957-03-09"
    assert values("Today the miners marched.", "2015-03-09")["Today"] == "2015-03-09"


def test_this_day_in_year_uses_publication_month_and_day():
    assert one("On this day in 1944, troops landed.", "2024-06-06").value == "1944-06-06"


def test_fuzzy_periods_and_decades():
    t = one("Unrest grew in the late 1960s.")
    assert (t.value, t.mod, t.earliest[:4], t.latest[:4]) == ("196X", "END", "1966", "1969")
    t = one("By early March 2011 the protests had spread.")
    assert (t.value, t.mod) == ("2011-03", "START")
    assert one("It happened in the 19th century.").value == "18XX"


def test_durations():
    v = values("A ten-year truce followed 72 hours of shelling; the siege lasted two and a half years.")
    assert v["ten-year"] == "P10Y"
    assert v["72 hours"] == "PT72H"
    assert v["two and a half years"] == "P2.5Y"
    t = one("The army withdrew within two weeks.")
    assert (t.value, t.type) == ("P2W", "DURATION")


def test_anniversary_resolves_to_the_year_of_the_event():
    t = one("The city marks the 50th anniversary of the flood.", "2023-09-01")
    assert t.value == "1973"
    assert "2023" in t.anchor


def test_an_anniversary_written_in_words_counts_its_tens():
    t = one("Today marks the thirty-second anniversary of the Velmora flood.", "2014-02-02",
            "the thirty-second anniversary")
    assert t.value == "1982"


def test_an_anniversary_is_not_dated_by_another_events_date_further_on():
    text = ("In a report marking the 44th anniversary of the flood, the council said the dam failed "
            "on Dec. 8, 2024, and that the town was rebuilt.")
    assert one(text, "2026-02-02", "the 44th anniversary").value == "1982"
    text = "The town marked the 44th anniversary of the flood on 2 February 2026."
    assert one(text, "2030-05-01", "the 44th anniversary").value.startswith("1982")


def test_eve_of_an_event_the_document_dates():
    text = ("The invasion began on 22 June 1941. On the eve of the invasion, envoys met. "
            "Three days later the city fell.")
    v = values(text)
    assert v["On the eve of the invasion"] == "1941-06-21"
    assert v["Three days later"] == "1941-06-24"


def test_eve_of_an_undated_event_is_not_guessed():
    t = one("On the eve of the summit, ministers met.", "2020-01-01")
    assert t.value is None and "no date" in t.anchor


def test_year_range_in_a_title_is_marked():
    t = one("See his Memoirs of a Life (1901-1980), chapter 2.")
    assert (t.value, t.context) == ("1901/1980", "title")


def test_citation_dates_do_not_move_the_story():
    text = ("The rising began on 2 April 1916. (J. Smith, A History, London, Penguin, 2001, p. 12) "
            "On April 24 the rebels took the post office.")
    found = {t.text: t for t in tag(text)}
    assert found["2001"].context == "citation"
    assert found["April 24"].value == "1916-04-24"


def test_numbers_that_are_not_years():
    found = tag("UN Resolution 417 passed; 1,100 tanks and $2000 were lost.")
    assert not [t for t in found if t.type == "DATE"]


def test_modal_may_is_not_a_month():
    assert not tag("They may return, and troops march on.")


def test_weekday_relative_to_publication():
    assert one("Officials said on Tuesday that talks failed.", "1998-01-08").value == "1998-01-06"


def test_interval_of_values():
    assert interval("1988-07", "MID") == ("1988-07-11", "1988-07-21")
    assert interval("1988-W30") == ("1988-07-25", "1988-07-31")
    assert interval("1988-W30-WE") == ("1988-07-30", "1988-07-31")
    assert interval("P3D") == (None, None)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300),
       st.sampled_from([None, "2025-07-26", "1990-02-28"]))
def test_tag_never_raises_and_offsets_are_inside(text, published):
    for t in tag(text, published):
        assert 0 <= t.start < t.end <= len(text)
        assert text[t.start:t.end] == t.text


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["On", "July", "26", "1988", ",", "the", "next", "day", "early", "1980s",
                                 "Two", "days", "later", "eve", "of", "attack", "37th", "anniversary", "(",
                                 ")", "-", "Tuesday", "this", "in", "\n", "week", "ago", "2005", "noon"]),
                max_size=40))
def test_tag_on_time_words_never_raises(words):
    text = " ".join(words)
    for t in tag(text, "2025-07-26"):
        assert text[t.start:t.end] == t.text


# --------------------------------------------------------------------------------------------
# The sample accounts, against the gold


def _posts(text: str, gold_posts: list[dict]) -> list[Segment]:
    """Embedded posts built by hand: from the gold start to the end of the signature line, plus the
    promotion lines that follow it (they start with a symbol, not a letter)."""
    posts = []
    for p in gold_posts:
        start = text.index(p["starts"])
        sig = re.compile(r"^— .*$", re.M).search(text, start)
        end = sig.end()
        while (nxt := re.compile(r"\n([^\n]*)").match(text, end)) and nxt.group(1)[:1] and \
                not nxt.group(1)[:1].isalnum():
            end = nxt.end()
        posts.append(Segment("embedded_post", start, end, author=p["author"], date=str(p["date"]),
                             handle=p.get("handle")))
    return posts


def _boilerplate(text: str, lines: list[str]) -> list[Segment]:
    return [Segment("boilerplate", i, i + len(line)) for line in lines for i in [text.index(line)]]


def _matched(text: str, gold: list[dict], timexes) -> tuple[int, list[str]]:
    """Gold timexes (text, value) matched one-to-one with an overlapping timex of equal value."""
    options = []
    for g in gold:
        spans = [m.span() for m in re.finditer(re.escape(g["text"]), text)]
        right = [t for t in timexes if str(t.value) == str(g["value"])]
        good = [sp for sp in spans if any(t.start < sp[1] and sp[0] < t.end for t in right)]
        options.append(good)
    owner: dict[tuple[int, int], int] = {}

    def augment(i: int, seen: set) -> bool:
        for sp in options[i]:
            if sp not in seen:
                seen.add(sp)
                if sp not in owner or augment(owner[sp], seen):
                    owner[sp] = i
                    return True
        return False

    for i in range(len(gold)):
        augment(i, set())
    matched = set(owner.values())
    return len(matched), [f"{g['text']} -> {g['value']}" for i, g in enumerate(gold) if i not in matched]


def test_seed_timex_values(nlp):
    if not GOLD.exists():
        pytest.skip(f"gold not found at {GOLD} (../shared is absent)")
    gold = yaml.safe_load(GOLD.read_text("utf-8"))
    docs = gold["documents"]
    sources = {s["file"]: s for s in yaml.safe_load((SEEDS / "sources.yaml").read_text("utf-8"))["sources"]}
    total = right = 0
    misses = []
    for key in ("A", "B"):
        file = docs[key]["file"]
        text = (SEEDS / file).read_text("utf-8")
        published = sources[file].get("published")
        segments = _posts(text, docs[key].get("embedded_posts", []))
        segments += _boilerplate(text, docs[key].get("boilerplate", []))
        timexes = find_timexes(nlp(text), segments, str(published) if published else None)
        for t in timexes:
            assert text[t.start:t.end] == t.text
        n, missed = _matched(text, gold["timex"][key], timexes)
        total += len(gold["timex"][key])
        right += n
        misses += [f"{key}: {m}" for m in missed]
    assert right / total >= 0.9, f"value accuracy {right}/{total}; missed: {misses}"


def test_seed_posts_anchor_on_their_own_date(nlp):
    if not GOLD.exists():
        pytest.skip(f"gold not found at {GOLD} (../shared is absent)")
    gold = yaml.safe_load(GOLD.read_text("utf-8"))
    text = (SEEDS / gold["documents"]["B"]["file"]).read_text("utf-8")
    segments = _posts(text, gold["documents"]["B"]["embedded_posts"])
    found = {t.text: t for t in find_timexes(nlp(text), segments, "2025-07-26")}
    assert found["the 24th martyrdom anniversary"].value == "1999"
    assert "2023-04-11" in found["the 24th martyrdom anniversary"].anchor
    assert found["April 11, 2023"].context == "post_signature"
    assert found["July 27"].value == "1988-07-27"  # the narrative resumes after the posts


def test_ranges_take_the_year_that_closes_them():
    v = values("In 1979 the revolution won. Talks ran from July 20 to July 28, 1988, then July 20-28, 1990.")
    assert v["July 20"] == "1988-07-20"
    assert v["July 20-28, 1990"] == "1990-07-20/1990-07-28"
    t = one("The war (1980–1988) ended.")
    assert (t.value, t.context, t.earliest, t.latest) == ("1980/1988", None, "1980-01-01", "1988-12-31")


def test_news_dates_follow_the_tense_of_their_sentence():
    assert one("She will be named commander in December.", "1998-03-04", "December").value == "1998-12"
    assert one("The company bought the unit in February.", "1989-10-30", "February").value == "1989-02"


def test_broadcast_schedules_are_not_the_story():
    text = "The siege began on 3 May 1915.\n📺 Tune in\n🗓 Saturday, July 26th\n🕧 00:30 | 05:30 | 21:30 GMT\n"
    found = {t.text: t for t in tag(text, "2025-07-23")}
    assert found["Saturday, July 26th"].context == "schedule"
    assert found["05:30"].context == "schedule"
    assert found["3 May 1915"].context is None


def test_weekday_names_pick_the_year_of_a_year_less_date():
    text = "The raid came on July 22, 1988. Watch our film on Saturday, July 26th."
    t = one(text, "2025-07-23", "Saturday, July 26th")
    assert t.value == "2025-07-26"  # July 26, 1988 was a Tuesday
    assert "Saturday" in t.anchor


def test_story_goes_on_from_the_start_of_a_range():
    text = "The siege lasted from 23 August 1942 to 2 February 1943. In mid-September the Germans attacked."
    assert one(text, None, "mid-September").value == "1942-09"


def test_imprint_in_parentheses_is_a_citation():
    t = one("See Beevor, Stalingrad (London: Viking, 1998), p. 45.", None, "1998")
    assert t.context == "citation"


def test_solar_hijri_dates_are_converted():
    v = values("The war began on 14 Aban 1362 and Baran ended on Mehr 12, 1375 SH; the year 1375 SH.")
    assert v["14 Aban 1362"] == "1983-11-05"
    assert v["Mehr 12, 1375 SH"] == "1996-10-03"
    assert v["1375 SH"] == "1996-03-20/1997-03-20"


def test_the_night_of_a_dated_day_is_that_date_not_an_event_called_march():
    found = tag("On the night of March 13, 2019, the fighters crossed the river.", "2019-03-16")
    assert any(t.value == "2019-03-13" and "March 13, 2019" in t.text for t in found)
    assert all(t.value is not None for t in found)


# --------------------------------------------------------------------------------------------
# Tense from the parse: the verb a weekday or a year-less date depends on says which one it is


def test_a_weekday_after_a_future_verb_is_the_next_one(nlp):
    text = ("The talks collapsed on Tuesday. The ministers will meet again on Monday, and the team "
            "planned to leave Nairobi on Thursday.")
    v = parsed(nlp, text, "1998-09-30")  # a Wednesday
    assert v["Tuesday"] == "1998-09-29"
    assert v["Monday"] == "1998-10-05"
    assert v["Thursday"] == "1998-10-01"


def test_an_infinitive_that_happened_with_its_verb_stays_in_the_past(nlp):
    v = parsed(nlp, "Rebels tried to storm the barracks on Friday.", "1998-09-30")
    assert v["Friday"] == "1998-09-25"


def test_a_year_less_date_ahead_of_the_verb_takes_the_coming_year(nlp):
    v = parsed(nlp, "The company agreed to buy the line in February. The pact is effective June 1.",
                "1989-10-30")
    assert v["February"] == "1990-02"
    assert v["June 1"] == "1990-06-01"


def test_the_plain_text_tagger_still_reads_tense_from_nearby_words():
    assert values("The monarch will meet Bush on Thursday.", "1990-08-15")["Thursday"] == "1990-08-16"
    assert values("The king met Bush on Thursday.", "1990-08-15")["Thursday"] == "1990-08-09"


def test_a_weekday_with_a_part_of_the_day_is_a_time():
    t = one("A woman was killed Thursday evening in Brooklyn.", "1998-02-13", "Thursday evening")
    assert (t.type, t.value) == ("TIME", "1998-02-12TEV")


def test_fractions_of_durations():
    v = values("The flight took 5 1/2 hours; a minute and a half later the tower called; they waited "
               "half an hour.", "1998-08-17")
    assert v["5 1/2 hours"] == "PT5H30M"
    assert v["a minute and a half later"] == "PT1M30S"
    assert v["half an hour"] == "PT30M"
    assert values("They left a year and a half ago.", "2000-01-15")["a year and a half ago"] == "1998-07"


def test_years_ago_today_is_that_day():
    v = values("Thirty years ago today, jets bombed the town. Two years ago a memorial opened.", "2018-03-16")
    assert v["Thirty years ago today"] == "1988-03-16"
    assert v["Two years ago"] == "2016"


def test_a_year_less_date_takes_the_year_nearest_the_story():
    v = values("The siege began on Dec. 20, 1987. On Jan. 3 the town fell.")
    assert v["Jan. 3"] == "1988-01-03"


def test_a_news_date_whose_verb_looks_ahead_does_not_borrow_a_past_story_year(nlp):
    text = ("The company was founded on Dec. 20, 1988. They said they expect the sale to be completed "
            "by Dec. 15.")
    assert parsed(nlp, text, "1989-10-31")["Dec. 15"] == "1989-12-15"


def test_the_current_quarter_is_the_publication_dates_and_a_forecast_is_not_the_story_quarter():
    text = ("Profit in the third quarter rose. Analysts see a weaker fourth quarter. The latest quarter "
            "was strong, and the current quarter looks weak.")
    v = values(text, "1989-11-02")
    assert v["The latest quarter"] == "1989-Q3"
    assert v["the current quarter"] == "1989-Q4"


def test_the_year_is_the_year_the_account_is_in():
    v = values("For the year, sales rose. It expects a loss for the full year and in the current fiscal "
               "year.", "1989-11-02")
    assert v["the year"] == "1989"
    assert v["the full year"] == "1989"
    assert v["the current fiscal year"] == "1989"
    end = one("Profit fell by the end of the year.", "1989-10-30", "the end of the year")
    assert (end.value, end.mod) == ("1989", "END")
    # a history (its dates lie years before publication) tells its own year
    history = "The war began in March 1915. In 1916 the front held. By the end of the year, the army was spent."
    assert values(history, "2020-05-01")["the end of the year"] == "1916"


def test_a_year_closed_by_a_date_is_a_duration():
    found = {t.text: t for t in tag("Net income for the year ended March 31 rose; in the fiscal year "
                                    "ending June 30, 1990, it will fall.", "1989-11-01")}
    assert (found["the year"].type, found["the year"].value) == ("DURATION", "P1Y")
    assert (found["the fiscal year"].type, found["the fiscal year"].value) == ("DURATION", "P1Y")
    assert found["March 31"].type == "DATE"


def test_the_past_year_is_last_year():
    assert one("Hate groups grew over the past year.", "1998-03-03", "the past year").value == "1997"
    assert one("This past year we grew.", "2014-06-06", "This past year").value == "2013"


def test_quarters_moved_by_a_year_do_not_become_the_story_quarter():
    text = ("Profit in the third quarter rose to $5 million from $4 million in the year-ago third quarter. "
            "The change could be effective as early as next year's first quarter. Sales for last year's "
            "quarter were $3 million, and a year ago the company lost money.")
    v = values(text, "1989-11-01")
    assert v["the year-ago third quarter"] == "1988-Q3"
    assert v["next year's first quarter"] == "1990-Q1"
    assert v["last year's quarter"] == "1988-Q3"
    assert v["a year ago"] == "1988-Q3"


def test_a_year_named_with_quarter_or_period_is_the_story_quarter_in_that_year():
    v = values("Net rose in the third quarter. It earned $376,000 in the 1988 quarter.", "1989-10-30")
    assert v["the 1988 quarter"] == "1988-Q3"


def test_words_between_number_and_unit_keep_the_duration():
    v = values("The navy may use the base for at least 20 more years. Eight trading days after the crash, "
               "stocks had fallen six straight days.", "1998-02-27")
    assert v["at least 20 more years"] == "P20Y"
    assert v["Eight trading days"] == "P8D"
    assert v["six straight days"] == "P6D"


def test_uncounted_stretches_of_time():
    v = values("Funds may sell junk in the weeks ahead. Over the years many patients died in the "
               "decades-long battle.", "1989-10-27")
    assert v["the weeks ahead"] == "PXW"
    assert v["the years"] == "PXY"
    assert v["decades"] == "PXY"
    assert all(t.text != "a years" for t in tag("It ended a years-long dispute.", "1989-10-27"))


def test_decade_words_and_the_last_such_season():
    assert one("Numbers fell through the nineties.", "1998-03-03", "the nineties").value == "199X"
    assert one("It closed the unit this past spring.", "1989-10-30", "this past spring").value == "1989-SP"
    assert one("It closed the unit this past winter.", "1990-01-30", "this past winter").value == "1989-WI"


def test_an_age_is_not_a_duration():
    assert [t.text for t in tag("Mr. Reupke, 52 years old, resigned after 27 years.", "1989-11-02")] \
        == ["27 years"]


def test_halves_of_a_year():
    t = one("Earnings will be lower for the last half of 1989 and for 1990.", "1989-10-26",
            "the last half of 1989")
    assert (t.value, t.earliest, t.latest) == ("1989-H2", "1989-07-01", "1989-12-31")
    assert one("Sales rose in the first half of this year.", "1990-08-01",
               "the first half of this year").value == "1990-H1"


def test_a_month_mentioned_again_without_tense_keeps_the_year_it_had():
    text = ("The three are expected to join in April, as part of the anniversary. With membership secure, "
            "they can take part in planning for the summit in April.")
    assert [t.value for t in tag(text, "1998-12-05") if t.text == "April"] == ["1999-04", "1999-04"]


# --------------------------------------------------------------------------------------------
# The rule table


def test_every_rule_finds_its_own_example():
    """Each kind of expression is one entry of the table, with an example its pattern must read."""
    from rashomon.extract.time.rules import compiled

    for entry in compiled():
        m = entry.regex.search(entry.rule.example)
        assert m, f"rule {entry.rule.kind} does not match its example {entry.rule.example!r}"
        assert entry.rule.read(m) is not None, f"rule {entry.rule.kind} rejects its example"
        assert any(t.text for t in tag(entry.rule.example, "2001-05-10")), entry.rule.kind


def test_names_and_spellings_of_chat_and_posts():
    """Posts write names in lower case and deictic words short; "may", "march", "sun" stay words."""
    found = values("cant wait for friday nite!! i'll sit my exam monday then off till june", "2013-03-14")
    assert found == {"friday nite": "2013-03-15TNI", "monday": "2013-03-18", "june": "2013-06"}
    assert values("see u 2nite, the party is tmrw and 2day is my bday. 2 wks left", "2013-03-14") == {
        "2nite": "2013-03-14TNI", "tmrw": "2013-03-15", "2day": "2013-03-14", "2 wks": "P2W"}
    assert values("we may march in the sun on sat", "2013-03-14") == {}
    assert values("merry christmas to all my followers", "2013-12-24") == {"christmas": "2013-12-25"}
    assert values("The choir sang christmas carols in the Town Hall.", "2013-12-24") == {}


def test_a_numeric_day_after_a_preposition_and_a_short_weekday_counted_from_now():
    found = values("tickets go on sale on 11/29, the show runs until 24/12; see you next sat", "2011-11-26")
    assert found == {"11/29": "2011-11-29", "24/12": "2011-12-24", "next sat": "2011-12-03"}
    assert values("He served 2 1/2 years and won 3/4 of the vote. We sat down.", "2011-11-26") == {
        "2 1/2 years": "P2.5Y"}
