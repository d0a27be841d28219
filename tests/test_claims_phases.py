"""When an event ended and how long it lasted: words of ending and lasting, and a reference page's
summary box. Sentences and boxes written for these tests, about other conflicts than the corpora
in ../shared."""

from __future__ import annotations

from rashomon.ingest.parse import pipeline
from rashomon.ingest.structure import segment
from rashomon.names import name_key
from tests.conftest import export_of
from tests.test_claims import claims_of as read_claims
from tests.test_compare import kinds

BOX = """Operation Granite Shield
From the encyclopedia
Operation Granite Shield
Part of the Thornland War
Date11–16 April 1996
(6 days)
Location
Southern Thornland
Operation Granite Shield was an offensive of the Thornland army against the Vale militia in 1996.
"""
SHIELD = name_key("Granite Shield")  # a named operation is keyed without its "Operation"


def claims_of(text: str, published: str | None = "2001-06-01"):
    """The claims of `text` with its parts told apart (a page's headings, its box, its body)."""
    return read_claims(text, published, segments=segment(text))


def told(claims, *attributes: str) -> dict[str, list[tuple[str, str | None]]]:
    out: dict[str, list[tuple[str, str | None]]] = {}
    for c in claims:
        if c.attribute in attributes:
            out.setdefault(c.attribute, []).append((c.value, c.subject_key))
    return out


def test_a_summary_box_dates_the_start_end_and_length_of_the_event_its_page_is_titled_by():
    claims = [c for c in claims_of(BOX) if c.start < BOX.index("Location")]
    found = told(claims, "start", "end", "duration", "date")
    assert found == {"start": [("1996-04-11", SHIELD)],
                     "end": [("1996-04-16", SHIELD)],
                     "duration": [("P6D", SHIELD)]}
    evidence = {c.attribute: c.text for c in claims}
    assert evidence == {"start": "Date11–16 April 1996", "end": "Date11–16 April 1996", "duration": "(6 days)"}


def test_a_box_of_one_day_gives_the_events_date_and_a_page_titled_by_no_event_gives_nothing():
    one_day = BOX.replace("Date11–16 April 1996\n(6 days)", "Date3 July 1988")
    in_box = [c for c in claims_of(one_day) if c.start < one_day.index("Location")]
    assert told(in_box, "date", "start", "end") == {"date": [("1988-07-03", SHIELD)]}
    untitled = BOX.replace("Operation Granite Shield\n", "Thornland\n")
    assert told(claims_of(untitled)[:3], "start", "end", "duration") == {}


def test_a_box_titled_by_another_name_than_the_page_dates_nothing_of_the_page_s_event():
    other = BOX.replace("From the encyclopedia\nOperation Granite Shield\n", "Vale Dockers Strike\n")
    assert told(claims_of(other)[:3], "start", "end", "duration") == {}, "the strike's days, not the operation's"
    one_word = BOX.replace("From the encyclopedia\nOperation Granite Shield\n", "Offensive\n")
    assert told(claims_of(one_word), "start")["start"] == [("1996-04-11", SHIELD)], "a kind of box, not another"


def test_a_label_run_into_its_value_is_read_apart():
    doc = pipeline()("Date3 July 1988\nOperatorThorn Air\nAircraft typeAirbus A300")
    assert [t.text for t in doc][:4] == ["Date", "3", "July", "1988"]
    assert "Operator" in [t.text for t in doc] and "Thorn" in [t.text for t in doc]
    assert "Airbus" in [t.text for t in doc]


def test_what_ended_on_a_day_ended_then_and_what_lasted_has_a_length_and_no_date():
    found = told(claims_of("Operation Granite Shield ended on 16 April 1996.\n"
                           "Operation Granite Shield lasted six days, from 11 April 1996.\n"),
                 "start", "end", "date", "duration")
    assert found == {"end": [("1996-04-16", SHIELD)],
                     "duration": [("P6D", SHIELD)]}


def test_the_thing_that_ended_is_not_dated_by_its_ending_nor_by_another_sentences_date():
    found = told(claims_of("The siege of Marlow ended on 29 February 1996.\n"
                           "Aid arrived on 2 March 1996, after the end of the war.\n"), "date", "end")
    assert found["end"] == [("1996-02-29", None)]
    assert ("1996-02-29", None) not in found.get("date", [])
    assert len(found["end"]) == 1, "the end of the war is not dated by the day aid arrived"


def test_two_end_dates_for_one_operation_conflict(compared):
    findings = compared(
        a=BOX,
        b="The Thornland army ended Operation Granite Shield on 17 April 1996 after a ceasefire.\n")
    conflict = [f for f in kinds(findings)["conflict"] if f["subject"].startswith("end date")]
    assert conflict and "Granite Shield" in conflict[0]["subject"]
    assert sorted(c["value"] for c in conflict[0]["claims"]) == ["1996-04-16", "1996-04-17"]


def test_days_of_fighting_are_how_long_the_fighting_went_on():
    found = told(claims_of("The Vale militia held the Marlow gorge, and after three days of fighting, they withdrew.\n"
                           "This operation started on 3 May 1996 and it was ended within two days.\n"),
                 "duration")
    assert [value for value, _ in found["duration"]] == ["P3D", "P2D"]


def test_days_of_fighting_told_without_a_name_sit_beside_the_named_operation_and_never_clash(compared):
    findings = compared(
        a=BOX,
        b="The Vale militia held the Marlow gorge, and after three days of fighting, they withdrew.\n",
        c="In nine days of intense combat, the Thornland army took the Marlow gorge.\n")
    beside = [f for f in findings if f["attribute"] == "duration" and "Granite Shield" in f["subject"]]
    assert {f["kind"] for f in beside} >= {"compatible"}
    assert "conflict" not in {f["kind"] for f in beside}, "nine days of combat and a six-day operation can both be true"
    compatible = next(f for f in beside if f["kind"] == "compatible")
    assert sorted(c["value"] for c in compatible["claims"]) == ["P3D", "P6D", "P9D"]


SIDES_BOX = """Battle of Korrin Ford
From the encyclopedia
Battle of Korrin Ford
Part of the Thornland War
Date2–5 May 1996
Belligerents
Vale Liberation Front
 Thornland
Commanders and leaders
Edda Marsh
Strength
4,000 fighters[1]

90 tanks
unknown number of guns
60,000 soldiers
250 tanks
Casualties and losses

800 to 1,100 KIA (Thornish claim)[2]
650 KIA (Front claim)[3]
1,000 KIA (independent estimate)[4]

70 tanks destroyed
120 KIA (Thornish claim)[5]

The Battle of Korrin Ford was fought in May 1996 between the Vale Liberation Front and the army of Thornland.
"""


def sides(text: str) -> dict[str, str | None]:
    return {c.value: c.side_key for c in claims_of(text) if c.attribute == "count"}


def test_a_battle_box_gives_each_column_of_strength_and_losses_to_its_side_in_the_parties_order():
    found = sides(SIDES_BOX)
    front, thornland = name_key("Vale Liberation Front"), name_key("Thornland")
    assert {v: found[v] for v in ("4000", "90", "800-1100", "650", "1000", "70")} == dict.fromkeys(
        ("4000", "90", "800-1100", "650", "1000", "70"), front)  # the first column: the Front's
    assert {v: found[v] for v in ("60000", "250", "120")} == dict.fromkeys(("60000", "250", "120"), thornland)


def test_a_battle_box_names_its_commanders_as_leaders():
    leaders = [(c.value, c.text) for c in claims_of(SIDES_BOX) if c.attribute == "leader"]
    assert leaders == [(name_key("Edda Marsh"), "Edda Marsh")]


def test_a_box_whose_columns_cannot_be_told_gives_no_side():
    three = SIDES_BOX.replace(" Thornland\nCommanders", " Thornland\n Marland\nCommanders")
    assert set(sides(three).values()) == {None}  # three parties: which column is whose is unknown
    one_column = SIDES_BOX.replace("60,000 soldiers\n250 tanks\n", "").replace("70 tanks destroyed\n120 KIA "
                                                                              "(Thornish claim)[5]\n", "")
    assert set(sides(one_column).values()) == {None}  # one column: it may be either side's


def test_a_bracket_naming_no_party_attributes_a_figure_to_no_one(tmp_path):
    claims = export_of(tmp_path, {"box.txt": SIDES_BOX})["claims"]
    voices = {c["value"]: c["voice"] for c in claims if c["attribute"] == "count"}
    assert (voices["1000"]["party"], voices["1000"]["text"]) == (None, "independent estimate")  # not "KIA"


def test_a_bracket_listing_a_part_of_the_figure_is_no_source_and_a_massacre_of_people_kills_them():
    text = ("Deaths45 (including 9 militia fighters)[1]\n"
            "The Tessa massacre was the massacre of 38 villagers by the Northern Liberation Front.\n")
    counts = {c.value: c for c in claims_of(text) if c.attribute == "count" and c.fate is not None}
    assert counts["45"].voice_kind == "document"  # "(including ...)" says what the 45 hold, not who says it
    assert counts["38"].fate == "dead"


def test_a_semicolon_ends_the_clause_whose_fate_a_count_takes():
    fates = {c.value: c.fate for c in claims_of("Hundreds Held in Tessa School; 8 Killed\n") if c.attribute == "count"}
    assert fates == {"200-999": None, "8": "dead"}


def test_a_measure_befalls_no_one():
    claims = claims_of("The airliner lost contact about 50 km from the border.\n")
    assert [(c.value, c.unit, c.fate) for c in claims if c.attribute == "count"] == [("~50", "km", None)]


def test_a_fate_word_modifying_another_noun_befalls_no_one():
    counts = {c.value: c.fate for c in claims_of("A total of 32 militants had staged the hostage seizure in Tessa.\n")
              if c.attribute == "count"}
    assert counts == {"32": None}


def test_an_anniversary_without_a_year_gives_the_day_of_the_start_in_the_year_the_text_gives():
    text = ("Tessa (TP) - Sunday, July 26, is the anniversary of Operation Granite Shield, carried out by the army.\n"
            "Operation Granite Shield was launched on July 27, 1996, in the west.\n"
            "The militia was disarmed in 2003 and its leaders were tried in 2009 and in 2012.\n")
    undated = claims_of(text, published=None)  # an account of several years: "Sunday, July 26" has none
    assert sorted(told(undated, "start")["start"]) == [("1996-07-26", SHIELD), ("1996-07-27", SHIELD)]
