"""Claims: what each source states, with the frame that says what it is about and the voice it is
stated in. Sentences from other conflicts than the corpora in ../shared."""

from __future__ import annotations

import pytest

from rashomon.extract.claims import counted_class, find_claims
from rashomon.extract.entities import find_mentions
from rashomon.extract.events import find_events
from rashomon.extract.quantities import find_quantities
from rashomon.extract.quotes import find_quotes
from rashomon.extract.time import find_timexes
from rashomon.ingest.parse import pipeline
from rashomon.pipeline import knowledge
from rashomon.records import Segment


def claims_of(text: str, published: str | None = "2001-06-01"):
    doc = pipeline()(text)
    segments = [Segment("body", 0, len(text))]
    mentions, _ = find_mentions(doc, segments, knowledge())
    timexes = find_timexes(doc, segments, published)
    quantities = find_quantities(doc, segments, timexes)
    quotes = find_quotes(doc, segments, mentions)
    events = find_events(doc, segments, mentions, timexes, quantities, quotes)
    return find_claims(doc, segments, mentions, timexes, quantities, quotes, (), (), events)


def counts(text: str) -> dict[str, object]:
    return {c.value: c for c in claims_of(text) if c.attribute == "count"}


@pytest.mark.parametrize(("head", "expected"), [
    ("civilians", ("people", "civilian")), ("militiamen", ("people", "personnel")), ("KIA", ("people", None)),
    ("tanks", ("vehicle", None)), ("brigades", ("formation", None)), ("children.[4", ("people", "child")),
    ("camels", ("camel", None)),
])
def test_what_a_count_counts(head, expected):
    assert counted_class(head) == expected


def test_a_count_knows_its_fate_and_its_side():
    found = counts("More than 300 Hutu militiamen were killed near Goma, and 40 Congolese soldiers were wounded.")
    killed, wounded = found["300-"], found["40"]
    assert (killed.counted, killed.fate) == ("people/personnel", "dead")
    assert (wounded.counted, wounded.fate) == ("people/personnel", "wounded")
    assert wounded.side_key and killed.side_key and wounded.side_key != killed.side_key


def test_several_fates_at_one_count_are_casualties():
    found = counts("The rebels lost 1,150 KIA, WIA and MIA in the battle for Jaffna.")
    assert found["1150"].fate == "casualties"


def test_those_who_do_the_deed_do_not_suffer_it():
    found = counts("About 500 rebels attacked the town and killed 20 villagers.")
    assert found["~500"].fate is None
    assert found["20"].fate == "dead"
    found = counts("Officials said 1000 people had died in the fighting.")
    assert found["1000"].fate == "dead", "a verb that is their fate is theirs"


def test_all_before_a_count_also_says_how_many_there_were():
    found = [c for c in claims_of("All 180 passengers were killed when the airliner crashed.")
             if c.attribute == "count"]
    assert {(c.counted, c.fate) for c in found} == {("people/passenger", "dead"), ("people/passenger", None)}


@pytest.mark.parametrize(("text", "value", "party"), [
    ("The toll was 2,000 KIA (Red Cross estimate) in the battle.", "2000", "Red Cross estimate"),
    ("According to the Red Cross, 350 civilians were killed in Grozny.", "350", "the Red Cross"),
    ("Chechen officials said 350 civilians were killed in Grozny.", "350", "Chechen officials"),
])
def test_a_figure_keeps_the_party_it_is_attributed_to(text, value, party):
    claim = counts(text)[value]
    assert claim.voice_kind in ("attributed", "quote"), "a party's figure, not the source's own"
    assert party.removeprefix("the ") in claim.voice_text


def test_the_dead_of_an_attack_belong_to_the_side_attacked():
    found = counts("The Ugandan army killed 40 of the enemy near Gulu.")
    assert found["40"].side_key.startswith("!"), "the side opposed to the army's"


def test_a_toll_over_years_is_marked_as_such():
    found = counts("Out of the 9,000 Colombians killed in attacks over the past three decades, 5,000 were soldiers.")
    assert found["9000"].period is not None


def test_an_organisation_called_another_s_armed_wing_is_its_organ():
    organs = [c for c in claims_of("The Irish Republican Army, the armed wing of Sinn Fein, bombed the barracks.")
              if c.attribute == "organ"]
    assert organs and organs[0].actor_key != organs[0].value


def test_a_date_a_sentence_counts_from_does_not_date_the_event():
    dates = [c.value for c in claims_of("The group has carried out attacks against Kenya since the victory of "
                                         "the revolution in 1979. Fighters attacked Garissa on April 2, 2015.")
             if c.attribute in ("date", "start")]
    assert dates == ["2015-04-02"]


@pytest.mark.parametrize("text", [
    "Operation Linda Nchi began on 16 October 2011.",
    "On 16 October 2011, Kenyan troops crossed the border into Somalia.",
])
def test_a_start_is_told_by_a_beginning_or_a_crossing(text):
    starts = [c for c in claims_of(text) if c.attribute == "start"]
    assert [c.value for c in starts] == ["2011-10-16"]
