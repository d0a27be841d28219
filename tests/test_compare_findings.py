"""Findings a reader can take at their word: a conflict on the dead is of the dead alone, a
qualifier one source gives stays its own, a span of days is worded by its ends, and a year the
sources agree on is not repeated beside the day they agree on."""

from __future__ import annotations

import datetime as dt

from rashomon.corpus.compare import wording


def test_a_conflict_on_the_dead_is_worded_and_listed_as_the_dead_alone(compared):
    findings = compared(
        a="The police said 52 people were killed and 140 were wounded when officers fired on the march in Velora.\n",
        b="At least 83 people were killed and at least 260 injured when officers fired on the march in Velora.\n",
        c="The clinic in Velora counted 400 casualties after officers fired on the march.\n")
    conflicts = [f for f in findings if f["kind"] == "conflict" and f["attribute"] == "quantity"]
    dead = next(f for f in conflicts if {52, 83} <= {c["value"] for c in f["claims"]})
    assert "killed" in dead["subject"] and "wounded" not in dead["subject"]
    assert {c["value"] for c in dead["claims"]} == {52, 83}, "no wounded and no casualties figure among the dead"
    assert not any({52, 140} <= {c["value"] for c in f["claims"]} for f in conflicts), "fates not mixed"


def test_a_part_one_source_counts_stays_out_of_the_words_of_a_figure_many_give(compared):
    findings = compared(
        a="The shelling of Dorvast killed 61 people, among them 14 children.\n",
        b="Sixty-one people were killed in the shelling of Dorvast.\n",
        c="The shelling of Dorvast killed 61 people, officials said.\n")
    agreement = next(f for f in findings if f["kind"] == "agreement" and f["attribute"] == "quantity"
                     and {c["value"] for c in f["claims"]} == {61})
    assert "children" not in agreement["subject"]


def test_a_span_of_days_is_worded_by_its_ends(compared):
    findings = compared(
        a="The Corvel massacre was an attack on 15 March-19 March 1991 during the civil war.\n",
        b="The Corvel massacre took place on 16 March 1991.\n")
    dated = [f for f in findings if f["attribute"] == "date" and "Corvel" in f["subject"]]
    assert dated and all(f["kind"] != "conflict" for f in dated)
    assert any("15-19 March 1991" in f["explanation"] for f in dated)
    assert not any("gives 15 March 1991" in f["explanation"] for f in dated)


def test_a_span_across_months_names_its_year_once_and_one_across_years_names_both():
    def said(first, last):
        return wording.span(first.isoformat(), first.toordinal(), last.toordinal())

    assert said(dt.date(1991, 3, 15), dt.date(1991, 3, 19)) == "15-19 March 1991"
    assert said(dt.date(1991, 2, 27), dt.date(1991, 3, 2)) == "27 February-2 March 1991"
    assert said(dt.date(1990, 12, 30), dt.date(1991, 1, 4)) == "30 December 1990-4 January 1991"
    assert said(dt.date(1991, 3, 15), dt.date(1991, 3, 15)) == "15 March 1991", "one day is no span"


def test_a_year_the_sources_agree_on_is_not_repeated_beside_their_day(compared):
    findings = compared(
        a="The Dorvast massacre took place on June 9, 1994, in the village of Dorvast.\n",
        b="The Dorvast massacre took place on June 9, 1994. Survivors of the Dorvast massacre of 1994 still wait.\n",
        c="Survivors of the Dorvast massacre of 1994 still wait for justice.\n")
    agreed = [f["subject"] for f in findings if f["kind"] == "agreement" and "Dorvast" in f["subject"]]
    assert any(s.endswith("9 June 1994") for s in agreed)
    assert not any(s.endswith(": 1994") for s in agreed)
    compatible = next(f for f in findings if f["kind"] == "compatible" and "Dorvast" in f["subject"])
    assert {c["doc"] for c in compatible["claims"] if c["value"] == "1994"} == {
        c["doc"] for f in findings for c in f["claims"] if c["value"] == "1994"}, "the year's sources stay listed"


def test_a_figure_a_source_reports_as_a_partys_to_dispute_it_is_that_partys_word(compared):
    findings = compared(
        a="Troops fired on the march in Velora on 3 May 1987. The government's figure of 52 dead, which witnesses "
          "dispute, was never revised.\n",
        b="On 3 May 1987, troops fired on the march in Velora, killing 52 people.\n",
        c="Survivors reject the army's count of 52 dead in Velora on 3 May 1987 and say 120 people died.\n")
    agreement = next(f for f in findings if f["kind"] == "agreement" and f["subject"].endswith(": 52"))
    assert "a.txt gives it on the word of The government's figure" in agreement["explanation"]
    assert "c.txt gives it on the word of the army's count" in agreement["explanation"]
    conflict = next(f for f in findings if f["kind"] == "conflict" and f["attribute"] == "quantity")
    assert "(citing: The government's figure) gives 52" in conflict["explanation"]
    assert not any("Survivors) gives 52" in f["explanation"] for f in findings), "not the survivors' figure"


def test_a_sides_blows_at_a_named_events_place_that_day_are_dated_with_the_event(compared):
    findings = compared(
        a="The Dorvast massacre took place on June 9, 1994, in the village of Dorvast.\n",
        b="On June 9, 1994, Ruritanian troops opened fire on villagers in Dorvast.\n",
        c="Ruritanian soldiers shelled Dorvast on June 9, 1994, killing dozens.\n",
        d="On June 9, 1994, Ostrian gunboats shelled the port of Kessa. Ostrian gunboats shelled Kessa on June 9, "
          "1994, the navy said.\n",
        e="Ostrian gunboats shelled the port of Kessa on June 9, 1994.\n")
    dated = next(f for f in findings if f["kind"] == "agreement" and f["subject"].startswith("date of Dorvast"))
    assert {c["doc"] for c in dated["claims"]} == {c["doc"] for f in findings for c in f["claims"]
                                                    if "Dorvast" in c["text"] or "Ruritanian" in c["text"]}
    assert not any(f["subject"].startswith("when Ruritania") for f in findings), "one day, one finding"
    assert not any("Kessa" in c["text"] for c in dated["claims"]), "blows struck elsewhere that day are not it"


def test_a_nation_counted_as_the_dead_meets_the_dead_no_side_is_given_for(compared):
    findings = compared(
        a="The shelling of Ardel on 4 May 2003 killed 64 Ostrian civilians and wounded three Danish peacekeepers.\n",
        b="On 4 May 2003, the shelling of Ardel killed 64 people.\n",
        c="The shelling of Ardel on 4 May 2003 killed 64 people. Three Danish peacekeepers were wounded.\n")
    agreement = next(f for f in findings if f["kind"] == "agreement" and "killed (Ostrian)" in f["subject"]
                     and f["subject"].endswith(": 64"))
    assert len({c["doc"] for c in agreement["claims"]}) == 3, "64 Ostrian civilians beside 64 people"


def test_the_dead_of_two_nations_never_meet_through_a_count_of_no_side(compared):
    findings = compared(
        a="The shelling of Ardel on 4 May 2003 killed 64 Ostrian civilians and wounded three Danish peacekeepers.\n",
        b="On 4 May 2003, the shelling of Ardel killed 64 people.\n",
        c="Twelve Ruritanian soldiers were killed in the shelling of Ardel on 4 May 2003.\n")
    for f in findings:
        values = {c["value"] for c in f["claims"]}
        assert not ({12, 64} <= values), f"{f['subject']}: one side's dead beside another's"


def test_a_part_the_fate_names_already_is_not_repeated_in_the_finding_s_words(compared):
    findings = compared(
        a="The Varnian Battalion took over the school in Telsk and 1,900 hostages while wiring the place with "
          "explosives.\n",
        b="TELSK - More than a dozen militants wearing suicide-bomb belts seized a school in Telsk on Wednesday, "
          "taking about 400 hostages.\n")
    conflict = next(f for f in findings if f["kind"] == "conflict")
    assert conflict["subject"] == "number of people held hostage"
