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
    assert conflict["subject"] in ("number of people held hostage", "number of hostages"), conflict["subject"]
    assert sorted(c["value"] for c in conflict["claims"]) == [400, 1900], "the dozen militants held no one"


def test_what_a_named_operation_did_is_the_deed_of_the_side_that_runs_it(compared):
    findings = compared(
        a="The Varnian Front launched Operation Blue Kite on 3 May 2001 and captured the towns of Tolan and Brest.\n",
        b="On 3 May 2001 the Varnian Front began Operation Blue Kite. The Varnian Front occupied Tolan and Brest.\n",
        c="Operation Blue Kite liberated the towns of Tolan and Brest within a day.\n")
    occupied = next(f for f in findings if f["kind"] == "agreement" and f["subject"].startswith("where Varnian Front"))
    assert {c["doc"] for c in occupied["claims"]} == {c["doc"] for f in findings for c in f["claims"]}, \
        "the operation's towns are the front's, in all three accounts"
    assert not any(f["subject"].startswith("Operation Blue Kite:") for f in findings), "an operation is no doer"


def test_one_missile_fired_clashes_with_two_fired_but_not_with_one_that_hit(compared):
    findings = compared(
        a="The frigate Arlen fired two missiles at the Velmoran ferry on 3 May 2001.\n",
        b="On 3 May 2001 the frigate Arlen fired a missile at the Velmoran ferry.\n",
        c="The Velmoran ferry was hit by a missile from the frigate Arlen on 3 May 2001.\n")
    weapons = [f for f in findings if "missile" in f["subject"]]
    conflict = next(f for f in weapons if f["kind"] == "conflict")
    assert sorted(c["value"] for c in conflict["claims"]) == [1, 2], "the hit is no count of what was fired"
    fired = {c["doc"] for c in conflict["claims"] if c["value"] == 2}
    compatible = [f for f in weapons if f["kind"] == "compatible"]
    assert any(fired <= {c["doc"] for c in f["claims"]} and {c["value"] for c in f["claims"]} == {1, 2}
               for f in compatible), f"two fired and one hit can both be true: {compatible}"


def test_two_distances_between_the_same_two_places_clash(compared):
    findings = compared(
        a="The rebels were stopped at the Velmor pass. This pass lies 18 kilometers west of Tabriz.\n",
        b="The army held the Velmor pass, located 27 kilometers away from Tabriz, for a week.\n")
    conflict = next(f for f in findings if f["kind"] == "conflict" and "distance" in f["subject"])
    assert sorted(c["value"] for c in conflict["claims"]) == [18, 27]
    assert "Tabriz" in conflict["subject"] and "Velmor" in conflict["subject"]


def test_a_sources_own_figures_that_can_all_be_true_are_read_side_by_side(compared):
    findings = compared(
        a="The mayor of Dorvask said 900 people had died in the attack. An editor said 140 bodies had been "
          "recovered so far, and a photographer said he had counted 31 dead.\n",
        b="The attack on Dorvask on 2 March 2001 killed 300 people, officials said.\n")
    own = [f for f in findings if f["kind"] == "compatible" and {c["doc"] for c in f["claims"]} == {
        next(c["doc"] for f2 in findings for c in f2["claims"] if c["value"] == 900)}]
    assert any({c["value"] for c in f["claims"]} == {900, 140, 31} for f in own), own


def test_a_plane_named_by_its_make_is_the_one_flight_the_accounts_name(compared):
    findings = compared(
        a="On 3 May 2001 the Varnian frigate Kestrel shot down Tolan Air Flight 212 over the strait.\n",
        b="On Sunday the frigate Kestrel was battling gunboats. The Tolanian Airbus was apparently hit by a "
          "missile from the Kestrel at about 10:54 a.m.\n")
    struck = [f for f in findings if f["subject"].startswith("Kestrel: assault")]
    assert struck and struck[0]["kind"] == "agreement" and "Flight 212" in struck[0]["subject"]
    assert len({c["doc"] for c in struck[0]["claims"]}) == 2


def test_the_killed_in_action_are_counted_as_the_forces_they_served_in(compared):
    findings = compared(
        a="The battle of Merrow ended on 3 May 1951. The Ostrian command said that 300 Ostrian soldiers were "
          "killed in the battle of Merrow.\n",
        b="In the battle of Merrow, which ended on 3 May 1951, the Ostrian army lost 350 KIA, according to a "
          "Velish estimate.\n")
    conflict = next(f for f in findings if f["kind"] == "conflict" and f["attribute"] == "quantity")
    assert {c["value"] for c in conflict["claims"]} == {300, 350}, "350 killed in action are soldiers, not a whole"
    assert "KIA" not in conflict["subject"], "the part is named by what was counted, not by its fate"


def test_a_sides_unnamed_assault_told_after_an_event_is_its_one_named_operation(compared):
    findings = compared(
        a="The Velish Front launched Operation Redfern on 3 May 1950, after Ostria accepted Resolution 412.\n",
        b="The Velish Front, having allied with the rebels, timed their assault immediately after Ostria's "
          "acceptance of Resolution 412 on 1 May 1950.\n")
    order = next(f for f in findings if f["attribute"] == "sequence")
    assert order["kind"] == "agreement" and "Operation Redfern came after" in order["subject"]
    assert len({c["doc"] for c in order["claims"]}) == 2, "the front's assault is the operation it launched"


def test_an_operation_named_with_its_word_after_the_code_name_is_the_operation_not_its_doer(compared):
    findings = compared(
        a="Operation Varosh began on 11 March 1962, when the army attacked rebel camps near Delin.\n",
        b="The Varosh operation began on 12 March 1962, when the army attacked rebel camps near Delin.\n")
    conflict = next(f for f in findings if f["kind"] == "conflict")
    assert conflict["subject"] == "start date of Operation Varosh"
    assert len({c["doc"] for c in conflict["claims"]}) == 2
    assert not any("Operation Varosh's" in f["subject"] for f in findings), "an operation does no deed of its own"


def test_a_sources_own_figures_are_listed_once(compared):
    findings = compared(
        a="Residents of Dorvask say thousands of people are missing. Toma Velk, an aide to the governor, said "
          "more than 3,000 people were missing.\n",
        b="The flood in Dorvask on 2 March 2001 killed 300 people, officials said.\n")
    missing = [f for f in findings if f["kind"] == "compatible" and "missing" in f["subject"]]
    assert len(missing) == 1, missing


def test_another_events_toll_is_set_apart_beside_counts_dated_to_a_year(compared):
    findings = compared(
        a="Dozens of people were killed in Dorvask on 2 May 2014 when the hall burned, the deadliest day since "
          "more than 70 people were killed on Harbour Square during the Velmora Uprising in Tolan on 20 February "
          "2014.\n",
        b="In 2014, 48 people were killed in Dorvask, the report said.\n",
        c="They mourn the 48 people who were killed in the hall in Dorvask on May 2, 2014.\n",
        d="The fire in the hall in Dorvask killed 41 people, the city said.\n")
    clashes = [f for f in findings if f["kind"] in ("conflict", "compatible")]
    assert not any(c["value"] == 70 for f in clashes for c in f["claims"]), clashes


def test_the_forces_hurt_and_the_marchers_hurt_are_no_agreement_however_alike_the_figure(compared):
    findings = compared(
        a="Police fired on the march in Velora on Sunday. The army said two soldiers had been hurt.\n",
        b="Police fired on the march in Velora on Sunday. Two people were injured when vehicles struck them.\n",
        c="Police fired on the march in Velora on Sunday. Two marchers were wounded by the police.\n")
    agreements = [f for f in findings if f["kind"] == "agreement" and f["attribute"] == "quantity"]
    assert not any("soldiers" in c["text"] for f in agreements for c in f["claims"])
    assert any({c["doc"] for c in f["claims"]} >= {"b", "c"} or len(f["claims"]) >= 2 for f in agreements), \
        "the two and the two marchers, both victims, still agree"
