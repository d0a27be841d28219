"""Comparing sources: conflicts, compatible values, agreement, uncorroborated claims, and no
conflict drawn where a reader would reject it."""

from __future__ import annotations

import pytest

from rashomon import analyze
from rashomon.outputs.export import to_dict


def kinds(findings: list[dict]) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for f in findings:
        out.setdefault(f["kind"], []).append(f)
    return out


def test_two_start_dates_for_one_operation_conflict(compared):
    findings = compared(
        a="The Northern Liberation Front launched Operation Dawn on May 3, 2001, attacking Herat.\n",
        b="On May 4, 2001, fighters of the Northern Liberation Front launched Operation Dawn.\n")
    conflict = kinds(findings)["conflict"][0]
    assert "Dawn" in conflict["subject"]
    assert sorted(c["value"] for c in conflict["claims"]) == ["2001-05-03", "2001-05-04"]
    assert "cannot both be true" in conflict["explanation"]
    assert findings[0] is conflict, "conflicts come first"


def test_a_month_and_a_day_inside_it_are_compatible(compared):
    findings = compared(
        a="The Northern Liberation Front launched Operation Dawn in May 2001.\n",
        b="On May 4, 2001, the Northern Liberation Front launched Operation Dawn.\n")
    assert "conflict" not in kinds(findings)
    compatible = kinds(findings)["compatible"][0]
    assert {c["value"] for c in compatible["claims"]} == {"2001-05", "2001-05-04"}


def test_towns_both_sources_name_agree(compared):
    findings = compared(
        a="In 2014 the Islamic State captured Mosul and Tikrit after a week of fighting.\n",
        b="Islamic State fighters occupied Tikrit and Mosul, residents said.\n")
    agreement = next(f for f in findings if f["kind"] == "agreement" and f["attribute"] == "place")
    values = {v for c in agreement["claims"] for v in c["value"]}
    assert values == {"mosul", "tikrit"}
    assert len({c["doc"] for c in agreement["claims"]}) == 2


def test_one_source_dating_two_launches_differently_draws_no_conflict(compared):
    findings = compared(
        a=("The Northern Liberation Front launched an offensive on May 3, 2001.\n"
           "The Northern Liberation Front launched another offensive on June 9, 2001.\n"),
        b="The Northern Liberation Front launched an offensive on May 20, 2001.\n")
    assert "conflict" not in kinds(findings)


def test_a_claim_only_one_source_makes_is_uncorroborated(compared):
    findings = compared(
        a="The Northern Liberation Front launched Operation Dawn on May 3, 2001.\n",
        b="On May 3, 2001 the Northern Liberation Front launched Operation Dawn. It killed 40 civilians in Herat.\n")
    alone = [f for f in kinds(findings)["uncorroborated"] if any("40 civilians" in c["text"] for c in f["claims"])]
    assert alone and all(c["doc"] == alone[0]["claims"][0]["doc"] for f in alone for c in f["claims"])
    assert kinds(findings)["agreement"][0]["attribute"] == "date"


def test_every_claim_is_verbatim_evidence(compared, tmp_path):
    compared(a="The Northern Liberation Front launched Operation Dawn on May 3, 2001.\n",
             b="On May 4, 2001 the Northern Liberation Front launched Operation Dawn.\n")
    with analyze([], db=tmp_path / "c.db") as corpus:
        data = to_dict(corpus.store)
    texts = {d["id"]: d["text"] for d in data["documents"]}
    for f in data["findings"]:
        for c in f["claims"]:
            assert texts[c["doc"]][c["start"]:c["end"]] == c["text"]


def test_a_countrys_ministry_and_the_country_acting_on_one_day_are_compared(compared):
    findings = compared(
        a="The Russian Defence Ministry struck the railway station in Kramatorsk on April 8, 2022.\n",
        b="On April 8, 2022, Russia struck Kramatorsk with a missile, officials said.\n")
    same_day = [f for f in findings if f["subject"].startswith("what Russia did on 8 April 2022")]
    assert same_day and same_day[0]["kind"] in ("agreement", "compatible")
    assert len({c["doc"] for c in same_day[0]["claims"]}) == 2


def test_two_tellings_of_one_actors_deed_agree_on_its_day_and_differ_compatibly_in_their_words(compared):
    findings = compared(
        a="The Russian Defence Ministry struck the railway station in Kramatorsk on April 8, 2022.\n",
        b="On April 8, 2022, Russia struck Kramatorsk with a missile, officials said.\n")
    day = [f for f in kinds(findings)["agreement"] if f["attribute"] == "date" and "8 April 2022" in f["subject"]]
    assert day and day[0]["subject"] == "when Russia attacked: 8 April 2022"
    assert {c["value"] for c in day[0]["claims"]} == {"2022-04-08"} and len({c["doc"] for c in day[0]["claims"]}) == 2
    assert any(f["subject"].startswith("what Russia did on 8 April 2022") for f in kinds(findings)["compatible"])


def test_an_operation_launched_in_the_passive_and_one_begun_by_name_conflict_on_their_dates(compared):
    findings = compared(
        a="The fighting followed Operation Protective Edge, a military campaign launched by Israel on "
          "July 8, 2014 against Hamas.\n",
        b="Israel had begun Operation Protective Edge on July 7, 2014, after rockets hit Sderot.\n")
    conflict = next(f for f in findings if f["kind"] == "conflict" and f["attribute"] == "date")
    assert "Protective Edge" in conflict["subject"]
    assert sorted(c["value"] for c in conflict["claims"]) == ["2014-07-07", "2014-07-08"]


def test_a_description_of_a_named_operation_carries_its_duration(compared):
    findings = compared(
        a="Operation Protective Edge, a 50-day campaign, began in July 2014.\n",
        b="Israel launched Operation Protective Edge in July 2014. The 51-day operation ended on August 26.\n")
    conflict = next(f for f in findings if f["attribute"] == "duration")
    assert conflict["kind"] == "conflict" and "Protective Edge" in conflict["subject"]
    assert sorted(c["value"] for c in conflict["claims"]) == ["P50D", "P51D"]


@pytest.mark.parametrize(("a", "b", "part", "kind"), [
    ("On May 2, 2015, the airstrike killed 45 civilians in Saada.\n",
     "Officials said 40 people were killed in the airstrike on Saada.\n", "civilians", "conflict"),
    ("The bombing killed 12 soldiers at the checkpoint near Saada.\n",
     "Officials said 30 people were killed in the bombing near Saada.\n", "soldiers", "compatible"),
    ("In July 1995 more than 8,000 men and boys were executed near Zepa.\n",  # men and boys: people
     "Around 7,000 men were killed near Zepa, investigators said.\n", "men among", "compatible"),
])
def test_a_part_counted_above_its_whole_conflicts_below_it_is_compatible(compared, a, b, part, kind):
    findings = compared(a=a, b=b)
    counts = [f for f in findings if f["attribute"] == "quantity" and part in f["subject"]]
    assert counts and counts[0]["kind"] == kind
    assert len({c["doc"] for c in counts[0]["claims"]}) == 2


def test_counts_of_the_dead_meet_whatever_verb_tells_them(compared):
    findings = compared(
        a="Doctors said at least 118 people were killed when troops stormed the camp in Khartoum.\n",
        b="The inquiry put the death toll at 87, a figure the opposition rejects.\n")
    counts = [f for f in findings if f["attribute"] == "quantity" and f["kind"] != "uncorroborated"]
    assert counts and counts[0]["kind"] == "conflict"
    assert sorted((c["value"], c["low"], c["high"]) for c in counts[0]["claims"]) == [
        (87, 87, 87), (118, 118, None)], "the figure as written, its interval beside it"


def test_parties_giving_crowd_figures_conflict_and_agree_figure_by_figure(compared):
    findings = compared(
        a="Organisers said about 250,000 people marched on Sunday. Police said 40,000 people attended.\n",
        b="Police estimated that 40,000 people joined the march, while organisers claimed 250,000 took part. "
          "Researchers put the crowd at 90,000.\n")
    counts = [f for f in findings if f["attribute"] == "quantity"]
    conflict = next(f for f in counts if f["kind"] == "conflict")
    assert {c["value"] for c in conflict["claims"]} == {40000, 250000, 90000}
    assert "Organisers" in conflict["explanation"] and "Police" in conflict["explanation"]
    agreed = {f["subject"] for f in counts if f["kind"] == "agreement"}
    assert any("40,000" in s for s in agreed) and any("250,000" in s for s in agreed)


def test_the_crew_and_the_sailors_of_one_ship_are_counted_alike(compared):
    findings = compared(
        a="On May 2, 1982, 323 of her crew were killed when the cruiser was torpedoed.\n",
        b="The sinking of the cruiser killed 368 sailors, the navy said.\n")
    counts = [f for f in findings if f["attribute"] == "quantity" and f["kind"] == "conflict"]
    assert counts and sorted(c["value"] for c in counts[0]["claims"]) == [323, 368]


def test_peacekeepers_and_soldiers_deployed_are_counted_alike(compared):
    findings = compared(a="Some 400 Dutch peacekeepers were stationed in the enclave.\n",
                        b="About 600 Dutch soldiers had been deployed in the enclave.\n")
    conflict = next(f for f in findings if f["attribute"] == "quantity" and f["kind"] == "conflict")
    assert sorted(c["value"] for c in conflict["claims"]) == [400, 600]


def test_counts_of_the_dead_on_two_different_days_are_two_incidents(compared):
    findings = compared(
        a="On March 3, 2016, an airstrike killed 12 people in the market of Idlib.\n",
        b="On March 9, 2016, a car bomb killed 40 people near the market of Idlib.\n")
    assert not any(f["kind"] == "conflict" for f in findings)


def test_two_parties_one_source_cites_conflict(compared):
    findings = compared(a="The rebels said 40 of their fighters died at Jaffna. The army said 300 rebel fighters "
                          "were killed at Jaffna.\n",
                        b="The battle for Jaffna lasted three days.\n")
    conflict = next(f for f in findings if f["kind"] == "conflict" and f["attribute"] == "quantity")
    assert {c["value"] for c in conflict["claims"]} == {40, 300}
    assert len({c["doc"] for c in conflict["claims"]}) == 1, "one source, two voices"


def test_the_dead_of_each_side_are_counted_apart(compared):
    findings = compared(
        a="On May 3, 2001, 300 Tamil fighters were killed at Elephant Pass.\n",
        b="On May 3, 2001, 45 Sri Lankan soldiers were killed at Elephant Pass.\n")
    assert not any(f["kind"] == "conflict" for f in findings)


def test_the_dead_of_an_attack_are_the_side_opposed_to_its_author(compared):
    findings = compared(
        a="The Ugandan army killed 120 of the enemy near Gulu.\n",
        b="About 300 LRA fighters were killed near Gulu. At least 15 Ugandan soldiers "
          "died near Gulu.\n")
    conflict = next(f for f in findings if f["kind"] == "conflict" and f["attribute"] == "quantity")
    assert {c["value"] for c in conflict["claims"]} >= {120, 300}
    assert 15 not in {c["value"] for c in conflict["claims"]}


def test_republished_copies_count_as_one_story(compared):
    story = ("Militiamen attacked the village of Kibeho on April 22, 1995, and killed 330 people, the United "
             "Nations said in a statement released in Kigali on Sunday evening after an inquiry.\n")
    findings = compared(a=story, b="From our wire service:\n" + story,
                        c="On April 22, 1995, 4,000 people were killed at Kibeho, aid workers said.\n")
    conflict = next(f for f in findings if f["kind"] == "conflict" and f["attribute"] == "quantity")
    assert "3 sources, 2 independent" in conflict["explanation"]
    assert not any(f["kind"] == "agreement" and f["attribute"] == "quantity" for f in findings), \
        "a copy does not corroborate its original"


def test_one_source_giving_two_start_dates_of_a_named_operation_contradicts_itself(compared):
    findings = compared(a="Operation Linda Nchi began on 16 October 2011. Kenya launched Operation Linda Nchi "
                          "on 14 October 2011.\n",
                        b="Operation Linda Nchi began on 16 October 2011.\n")
    itself = next(f for f in findings if f["kind"] == "self_contradiction")
    assert {c["value"] for c in itself["claims"]} == {"2011-10-14", "2011-10-16"}
    assert "16 October 2011" in itself["explanation"], "values in plain words"


def test_counts_whose_side_is_unknown_where_two_sides_are_counted_are_not_set_against_other_sources(compared):
    findings = compared(
        a="On May 3, 2001, 300 Tamil fighters were killed near Jaffna. 45 Sri Lankan soldiers died near Jaffna.\n",
        b="On May 3, 2001, some 900 were killed near Jaffna.\n")
    assert not any(f["kind"] == "conflict" for f in findings)


def test_a_weekday_beside_a_date_it_does_not_fall_on_is_a_self_contradiction(compared):
    findings = compared(a="On Monday, March 15, 2011, the rebels crossed the border near Saloum.\n",
                        b="On Sunday, March 13, 2011, the rebels crossed the border near Saloum.\n")
    itself = [f for f in findings if f["kind"] == "self_contradiction"]
    assert len(itself) == 1, "Sunday, March 13, 2011 was a Sunday"
    assert {c["value"] for c in itself[0]["claims"]} == {"2011-03-15", "2011-03-14"}
    assert "was a Tuesday" in itself[0]["explanation"]


def test_the_hour_an_offensive_began_is_compared(compared):
    findings = compared(a="On May 3, 2001, at 14:30, the Northern Front crossed the border.\n",
                        b="On May 3, 2001, at 4 pm, the Northern Front crossed the border.\n")
    conflict = next(f for f in findings if f["kind"] == "conflict" and f["attribute"] == "time")
    assert {c["value"] for c in conflict["claims"]} == {"2001-05-03T14:30", "2001-05-03T16:00"}
    assert "3 May 2001, 14:30" in conflict["explanation"]


def test_an_anniversary_gives_the_day_and_month_of_what_it_marks(compared):
    findings = compared(a="Sunday, July 26, is the anniversary of Operation Dawn. Operation Dawn was launched on "
                          "July 27, 2001, in Kandahar province.\n",
                        b="Operation Dawn was launched on July 27, 2001.\n")
    itself = [f for f in findings if f["kind"] == "self_contradiction"]
    assert len(itself) == 1, "no weekday is checked against a date whose year the text does not give"
    assert {c["value"] for c in itself[0]["claims"]} == {"2001-07-26", "2001-07-27"}


def test_two_sources_counting_days_one_apart_are_compatible_one_source_is_not(compared):
    findings = compared(a="Operation Dawn, a three-day offensive, began on May 3, 2001. The four-day offensive "
                          "shattered the rebel lines.\n",
                        b="Operation Dawn, a four-day offensive, began on May 3, 2001.\n")
    durations = [f for f in findings if f["attribute"] == "duration"]
    assert {f["kind"] for f in durations} >= {"self_contradiction", "compatible"}
    assert not any(f["kind"] == "conflict" for f in durations), "three days and four days: counted from other days"


def test_copies_of_one_story_raise_one_finding_not_a_pile(compared):
    story = ("Militiamen attacked the village of Kibeho on April 22, 1995, and killed 330 people, the United "
             "Nations said in a statement released in Kigali on Sunday evening after an inquiry.\n")
    findings = compared(**{f"copy{n}": f"Posted by reader {n}:\n{story}" for n in range(6)})
    toll = [f for f in findings if f["kind"] == "uncorroborated" and f["attribute"] == "quantity"]
    assert len(toll) == 1 and len({c["doc"] for c in toll[0]["claims"]}) == 6, "the toll once, with its copies"
    assert "5 republished copies" in toll[0]["explanation"]
    assert not any(f["kind"] == "agreement" for f in findings)


def test_a_named_massacre_and_an_attack_at_its_place_on_another_day_conflict(compared):
    findings = compared(
        a="The Kismayo massacre was the killing of at least 40 villagers on 26 February 2011.\n",
        b="In the winter of 2011 the militia went on the offensive. The worst of these attacks occurred on "
          "February 25, 2011 in the town of Kismayo.\n")
    conflicts = [f for f in kinds(findings).get("conflict", []) if f["attribute"] == "date"]
    assert conflicts and sorted({c["value"] for c in conflicts[0]["claims"]}) == ["2011-02-25", "2011-02-26"]


def test_a_force_s_strength_and_the_force_it_sent_are_not_compared(compared):
    findings = compared(
        a="The Sudan People's Liberation Army is reported to have about 30,000 troops.\n",
        b="About 7,000 troops of the Sudan People's Liberation Army attacked Juba on 3 May 2011.\n")
    assert not [f for f in findings if f["kind"] == "conflict"]


def test_the_resolution_is_the_resolution_named_before_and_its_acceptance_dates_conflict(compared):
    findings = compared(
        a="The offensive came after Jordan accepted U.N. resolution 242, calling for peace. Jordan accepted "
          "the U.N. resolution on November 18, 1967.\n",
        b="Jordan had accepted Resolution 242 on 22 November 1967.\n")
    conflicts = [f for f in kinds(findings).get("conflict", []) if f["attribute"] == "date"]
    assert conflicts and sorted({c["value"] for c in conflicts[0]["claims"]}) == ["1967-11-18", "1967-11-22"]


def test_a_commander_two_sources_name_is_an_agreement(compared):
    findings = compared(
        a="Led by General Ratko Mladic, the Bosnian Serb Army entered the town on 11 July 1995.\n",
        b="Bosnian Serb units under General Ratko Mladic overran the enclave.\n")
    agreed = [f for f in kinds(findings).get("agreement", []) if f["subject"].startswith("leader")]
    assert agreed and len({c["doc"] for c in agreed[0]["claims"]}) == 2
    assert "Mladic" in agreed[0]["subject"]


def test_a_toll_of_no_side_no_other_source_gives_is_uncorroborated_beside_sided_tolls(compared):
    findings = compared(
        a="On 3 May 2011 the shelling of Kismayo killed 275 civilians, including children.\n",
        b="On 3 May 2011, 40 Kenyan soldiers were killed near Kismayo.\n",
        c="On 3 May 2011, 12 Somali fighters were killed near Kismayo.\n",
        d="On 3 May 2011, 30 people were killed in Kismayo.\n")
    alone = [f for f in kinds(findings).get("uncorroborated", []) if any(c["value"] == 275 for c in f["claims"])]
    assert alone, "what one story alone says, though other stories count other sides' dead"


def test_occupants_are_everyone_aboard_and_passengers_given_otherwise_conflict(compared):
    findings = compared(
        a="Flight 101 was shot down on 3 May 2011.\nOccupants290\nPassengers274\nCrew16\n",
        b="All 290 passengers were killed when Flight 101 was shot down on 3 May 2011.\n")
    conflicts = kinds(findings).get("conflict", [])
    assert conflicts and sorted(c["value"] for c in conflicts[0]["claims"]) == [274, 290]


def test_the_time_a_plan_gave_to_reach_a_place_is_compared_and_is_no_duration(compared):
    findings = compared(
        a="On the eve of the offensive, the rebel leader gave a speech, predicting the capture of Juba within "
          "48 hours.\n",
        b="The rebels planned to move from their bases within 33 hours and capture Juba.\n",
        c="Their plan envisioned reaching Juba within 48 hours. In their delusion, they aimed to cross the "
          "river in five stages within 33 hours to reach Juba.\n")
    planned = [f for f in findings if f["subject"].startswith("time planned to reach")]
    by_kind = {f["kind"]: f for f in planned}
    assert set(by_kind) >= {"conflict", "self_contradiction", "agreement"}
    assert {c["value"] for c in by_kind["conflict"]["claims"]} == {"PT48H", "PT33H"}
    assert not [f for f in findings if f["attribute"] == "duration" and not f["subject"].startswith("time planned")]


def test_measures_are_told_in_each_source_s_unit_and_the_speed_is_of_what_was_just_measured(compared):
    findings = compared(
        a="General Smith: The convoy was tracked at more than 50 m.p.h., a speed typical of a military column.\n"
          "Colonel Jones: The speed was between 20 m.p.h. and 30 m.p.h.\n"
          "General Smith: The helicopter was flying at between 7,000 and 9,000 feet.\n"
          "Colonel Jones: The helicopter was at 10,000 feet and climbing.\n")
    conflicts = {f["subject"]: f for f in kinds(findings).get("conflict", [])}
    assert set(conflicts) == {"speed of the convoy", "distance or height of the helicopter"}
    height = conflicts["distance or height of the helicopter"]["explanation"]
    assert "7,000 to 9,000 ft" in height and "10,000 ft" in height and "km" not in height


def test_depths_of_one_side_s_advance_are_compared_and_a_town_s_distance_is_no_depth(compared):
    findings = compared(
        a="The SPLA advanced 140 kilometers into Sudanese territory, capturing Yei.\n",
        b="The attack carried the SPLA 170 kilometres inside Sudan, to the gates of Juba. "
          "The town of Yei lies 25 km from the border.\n")
    depths = [f for f in findings if f["subject"].startswith("depth of")]
    assert [f["kind"] for f in depths] == ["conflict"]
    assert sorted(c["value"] for c in depths[0]["claims"]) == [140, 170]


def test_a_word_a_scan_split_is_whole_in_the_finding_s_words(compared):
    findings = compared(a="On 3 May 2011 at least 161 civil ians were killed in Kismayo.\n",
                        b="On 3 May 2011 about 90 civilians were killed in Kismayo.\n")
    subjects = {f["subject"] for f in findings if f["kind"] == "conflict"}
    assert subjects and all("ians" not in s.replace("civilians", "") for s in subjects)


def test_hostages_of_no_side_are_not_the_fighters_and_a_side_known_by_its_adjective_has_its_countrys_name(
        compared):
    findings = compared(
        a="On 3 May 2011, 32 Chechen militants seized the school in Tessa and held 1,100 hostages.\n",
        b="Officials said 35 Chechen militants seized the school. They held 1,900 hostages in the gym.\n")
    militants = [f for f in findings if f["subject"].startswith("number of militants")]
    assert militants and militants[0]["subject"].startswith("number of militants (Chechnya)")
    assert all(c["value"] not in ("1100", "1900") for f in militants for c in f["claims"])


def test_a_frame_of_several_parts_names_each_part_once(compared):
    findings = compared(
        a="All 283 passengers and 15 crew were killed when the airliner was shot down over Tessa.\n",
        b="The crash killed all 298 aboard, 283 passengers and 15 crew.\n")
    subjects = {f["subject"] for f in findings if f["attribute"] == "quantity"}
    assert any("(crew, passengers among them)" in s for s in subjects), subjects


def test_one_source_giving_a_named_operation_two_start_days_contradicts_itself(compared):
    findings = compared(a="Operation Granite was launched on July 26, 1996. "
                          "Operation Granite began on July 27, 1996.\n")
    [found] = kinds(findings)["self_contradiction"]
    assert sorted(c["value"] for c in found["claims"]) == ["1996-07-26", "1996-07-27"]


def _doers(findings: list[dict]) -> list[dict]:
    return [f for f in findings if f["kind"] == "conflict" and f["attribute"] == "actor"]


def test_sources_naming_doers_of_different_sides_for_a_massacre_near_one_place_conflict(compared):
    findings = compared(
        a="The Goma massacre was the killing of 60 civilians by Mai-Mai militiamen on 3 May 2012.\n",
        b="A column of refugees was fired on in Gisenyi by Congolese soldiers.\n",
        c="Mai-Mai militiamen slaughtered women and children in Goma.\n")
    conflict = _doers(findings)[0]
    assert "Goma massacre" in conflict["subject"]
    by_doc = {c["doc"]: c["value"] for c in conflict["claims"]}
    values = [v if isinstance(v, list) else [v] for v in by_doc.values()]
    assert len(by_doc) == 3 and any("mai-mai" in v for v in values)
    assert any("congolese-soldiers" in v for v in values), "the doer as the source names it, beside its side"
    assert findings.index(conflict) < min(i for i, f in enumerate(findings) if f["kind"] != "conflict")


def test_doers_of_one_side_and_deeds_against_fighters_or_told_of_no_place_draw_no_doer_conflict(compared):
    findings = compared(
        a="The Goma massacre was the killing of 60 civilians by Mai-Mai militiamen on 3 May 2012.\n",
        b="Congolese soldiers attacked Mai-Mai positions in Goma.\n",
        c="Congolese soldiers massacred villagers.\n",
        d="Mai-Mai fighters slaughtered women and children in Goma.\n")
    assert not _doers(findings)


def test_a_toll_that_rose_to_a_figure_may_rise_again_and_meets_a_later_higher_one(compared):
    findings = compared(
        a="On 4 May 2011 the death toll in the siege of the Kismayo hospital rose to 123.\n",
        b="On 9 May 2011 officials said 131 people were killed in the siege of the Kismayo hospital.\n")
    assert not [f for f in findings if f["kind"] == "conflict"]
    assert [f for f in findings if f["kind"] == "compatible" and f["attribute"] == "quantity"]


def test_sources_giving_one_leg_of_a_journey_agree_and_other_routes_draw_no_conflict(compared):
    findings = compared(
        a="Flight 212 was a scheduled passenger flight from Oslo to Tromso via Bergen.\n",
        b="The airliner, flying from Bergen (western Norway) to Tromso, vanished from radar.\n",
        c="The plane disappeared on the way from Stavanger to Tromso.\n")
    [route] = [f for f in findings if f["subject"].startswith("route")]
    assert route["kind"] == "agreement" and route["subject"] == "route: Bergen to Tromso"
    assert [c["value"] for c in route["claims"]] == [["oslo", "bergen", "tromso"], ["bergen", "tromso"]]
    assert not [f for f in findings if f["kind"] == "conflict"]


def test_a_massacre_one_party_blames_on_another_side_conflicts_with_the_doer_others_name(compared):
    findings = compared(
        a="The Goma massacre took place on 3 May 2012. The Congolese government blamed the Goma massacre on "
          "Mai-Mai militiamen.\n",
        b="The Goma massacre was carried out by Congolese army troops, the United Nations said.\n")
    [conflict] = _doers(findings)
    by_doc = {c["doc"]: c for c in conflict["claims"]}
    blamed = next(c for c in by_doc.values() if c["value"] == "mai-mai")
    assert blamed["source"]["kind"] == "quote", "the blame is the government's word, not the document's"


def test_a_part_and_fate_only_one_source_counts_is_uncorroborated_beside_the_whole_others_count(compared):
    findings = compared(
        a="During the offensive 300 Chadian soldiers were killed and 1,200 Chadian soldiers were captured.\n",
        b="During the offensive 350 Chadian soldiers were killed.\n")
    alone = [f for f in findings if f["kind"] == "uncorroborated" and f["attribute"] == "quantity"]
    assert [(f["subject"].split(" (")[0], [c["value"] for c in f["claims"]]) for f in alone] == [
        ("number of soldiers captured", [1200.0])]


def test_a_measure_of_nothing_named_that_only_one_story_gives_is_uncorroborated(compared):
    findings = compared(
        a="Their plan was to reach the capital within two days, keeping a speed of 60 kilometers per hour.\n",
        b="The rebels attacked the capital on 4 May 2011.\n")
    assert [(f["subject"], [c["value"] for c in f["claims"]]) for f in findings
            if f["kind"] == "uncorroborated" and f["attribute"] == "quantity"] == [("speed", [60.0])]


def test_a_massacre_told_of_no_place_is_dated_beside_the_named_one_only_where_its_date_meets_theirs(compared):
    findings = compared(
        a="The Goma massacre was the killing of 60 civilians by Mai-Mai militiamen on 3 May 2012.\n",
        b="Witnesses said Mai-Mai militiamen slaughtered women and children in May 2012.\n",
        c="Mai-Mai militiamen also massacred villagers in 1998.\n")
    dated = [f for f in findings if f["subject"] == "date of Goma massacre"]
    assert [f["kind"] for f in dated] == ["compatible"]
    assert sorted({c["value"] for c in dated[0]["claims"]}) == ["2012-05", "2012-05-03"]


def test_a_massacre_at_the_same_town_years_before_is_another_deed_and_draws_no_conflict(compared):
    findings = compared(
        a="The Goma massacre was the killing of 60 civilians by Mai-Mai militiamen on 3 May 2012.\n",
        b="Congolese soldiers massacred villagers in Goma on 9 August 1998.\n",
        c="Mai-Mai militiamen slaughtered women and children in Goma on 3 May 2012.\n")
    assert not [f for f in findings if f["kind"] == "conflict"]


def test_tanks_and_carriers_are_counted_apart_and_tanks_against_tanks(compared):
    findings = compared(
        a="The Ugandan government supported the Lord's Resistance Army with 120 tanks and 400 armored personnel "
          "carriers.\n",
        b="The Lord's Resistance Army attacked Gulu with 300 tanks and 400 APCs.\n")
    conflict = next(f for f in findings if f["kind"] == "conflict" and f["attribute"] == "quantity")
    assert sorted(c["value"] for c in conflict["claims"]) == [120, 300], "tanks against tanks, not carriers"
    assert any(f["kind"] == "agreement" and [c["value"] for c in f["claims"]] == [400, 400] for f in findings)


def test_the_troops_a_head_of_state_sends_are_the_country_s(compared):
    findings = compared(a="On 3 May 1979, Tanzanian President Julius Nyerere sent 9,000 troops into Kagera.\n",
                        b="On 3 May 1979, Tanzania sent 12,000 troops into Kagera.\n")
    conflict = next(f for f in findings if f["kind"] == "conflict" and f["attribute"] == "quantity")
    assert sorted(c["value"] for c in conflict["claims"]) == [9000, 12000]
    assert not any(f["subject"].startswith("leader") for f in findings), "a title is no finding"


def test_sources_ordering_a_named_operation_after_an_event_agree_and_before_it_conflict(compared):
    findings = compared(
        a="Operation Granite Shield was launched after Ruritania accepted Resolution 412.\n",
        b="The Northern Front launched Operation Granite Shield after Ruritania's acceptance of Resolution 412.\n",
        c="Operation Granite Shield was launched before Ruritania accepted Resolution 412.\n")
    order = [f for f in findings if f["attribute"] == "sequence"]
    assert [f["kind"] for f in order] == ["conflict"], order
    assert sorted(c["value"] for c in order[0]["claims"]) == ["after", "after", "before"]


def test_unnamed_deeds_before_and_after_an_event_may_both_have_happened(compared):
    findings = compared(a="The Northern Front shelled Tessa after Ruritania accepted Resolution 412.\n",
                        b="The Northern Front shelled Tessa after Ruritania's acceptance of Resolution 412.\n",
                        c="The Northern Front shelled Tessa before Ruritania accepted Resolution 412.\n")
    order = [f for f in findings if f["attribute"] == "sequence"]
    assert [f["kind"] for f in order] == ["agreement"]


def test_an_agreement_names_the_fate_of_the_figure_agreed_on(compared):
    findings = compared(a="On 16 August 2012 police shot dead 34 miners at the Koppie hill and arrested 259 miners.\n",
                        b="On 16 August 2012, 34 miners were killed at the Koppie hill and 259 miners were arrested.\n")
    agreed = {f["subject"] for f in findings if f["kind"] == "agreement" and f["attribute"] == "quantity"}
    assert agreed == {"number of miners killed: 34", "number of miners captured: 259"}


def test_an_attack_whose_doer_no_source_names_is_dated_alike_by_its_sources(compared):
    findings = compared(
        a="Three fishermen were killed on 9 March 2003 when their boat was shelled near Port Delmar.\n",
        b="On 9 March 2003, shelling killed three fishermen off Port Delmar, witnesses said.\n")
    day = [f for f in kinds(findings).get("agreement", []) if f["attribute"] == "date"]
    assert [f["subject"] for f in day] == ["when someone attacked: 9 March 2003"]
    assert len({c["doc"] for c in day[0]["claims"]}) == 2
    assert "doer they do not name" in day[0]["explanation"]


def test_an_attack_told_without_a_doer_joins_the_one_side_said_to_attack_that_day(compared):
    findings = compared(
        a="Three fishermen were killed on 9 March 2003 when their boat was shelled near Port Delmar.\n",
        b="On 9 March 2003, shelling killed three fishermen off Port Delmar, witnesses said.\n",
        c="The Coastal Guard of Varnia shelled a fishing boat on 9 March 2003.\n")
    day = [f for f in kinds(findings).get("agreement", []) if f["attribute"] == "date"]
    assert len(day) == 1 and day[0]["subject"].endswith("attacked: 9 March 2003")
    assert "someone" not in day[0]["subject"]
    assert len({c["doc"] for c in day[0]["claims"]}) == 3


def test_a_warship_and_its_country_are_one_side_for_the_fighting_of_their_day(compared):
    findings = compared(
        a="On 4 May 1990, fighting broke out in the Strait of Varnia.\n",
        b="A U.S. warship shot down a Varnian ferry on 4 May 1990.\n",
        c="On 4 May 1990 the USS Calloway fired two missiles at a Varnian ferry.\n")
    day = [f for f in kinds(findings).get("agreement", []) if f["attribute"] == "date" and "4 May 1990" in f["subject"]]
    assert [f["subject"] for f in day] == ["when USS Calloway attacked: 4 May 1990"]
    assert len({c["doc"] for c in day[0]["claims"]}) == 3, "the fighting with no doer is the ship's"


def test_a_deed_told_again_as_this_crime_takes_the_date_of_the_sentence_before(compared):
    findings = compared(
        a="On 4 May 1990, a Varnian ferry vanished off Kessa. This crime occurred when the USS Calloway fired a "
          "torpedo at the ferry.\n",
        b="The USS Calloway fired a torpedo at the ferry on 4 May 1990.\n")
    day = [f for f in kinds(findings).get("agreement", []) if f["attribute"] == "date" and "4 May 1990" in f["subject"]]
    assert day and any("when the USS Calloway fired" in c["text"] for c in day[0]["claims"])
    assert len({c["doc"] for c in day[0]["claims"]}) == 2


def test_two_start_days_of_unnamed_executions_conflict_and_are_no_sides_fighting(compared):
    findings = compared(
        a="The executions of political prisoners in Ostria were a series of killings, starting on 3 June 1975.\n",
        b="The executions in Ostria likely began on June 12, 1975, in Marrow prison.\n",
        c="On June 12, 1975, the Ostrian Guards attacked rebels near Kessa.\n")
    conflict = [f for f in kinds(findings).get("conflict", []) if "executions" in f["subject"]]
    assert conflict and {c["value"] for c in conflict[0]["claims"]} == {"1975-06-03", "1975-06-12"}
    assert not any("executions" in c["text"] for f in findings if f["subject"].startswith("when ")
                   for c in f["claims"]), "killing prisoners is no blow of the Guards' fighting that day"


def test_an_attack_on_the_day_of_a_named_massacre_is_not_dated_apart_from_it(compared):
    findings = compared(
        a="The Delmar massacre took place on 9 March 2003, when gunmen killed 30 villagers.\n",
        b="On 9 March 2003, gunmen killed 30 villagers in the hills, witnesses said.\n",
        c="Survivors of the Delmar massacre of 9 March 2003 gathered on Sunday.\n")
    subjects = [f["subject"] for f in findings if f["attribute"] == "date"]
    assert not [s for s in subjects if s.startswith("when someone")], subjects


def test_blows_told_without_a_doer_on_a_named_massacres_day_are_dated_with_it_not_with_a_side(compared):
    findings = compared(
        a="The Dorvast massacre took place on June 9, 1994.\n",
        b="On June 9, 1994, the shelling went on until nightfall.\n",
        c="On June 9, 1994, Kessan fighters fought Ruritanian troops in the hills.\n")
    dated = next(f for f in findings if f["kind"] == "agreement" and f["subject"].startswith("date of Dorvast"))
    assert any("shelling" in c["text"] for c in dated["claims"])
    assert not any(f["subject"].startswith("when Kessan") for f in findings), "the shelling is not the Kessans'"


def test_another_events_toll_told_in_passing_is_not_set_beside_the_toll_of_this_one(compared):
    findings = compared(
        a="A fire in the Port Delmar market killed 12 people. It was the worst loss of life in the city since more "
          "than 40 people were killed during the Vela Square massacre on 20 January 2003.\n",
        b="On 9 March 2003, 14 people were killed in a fire at the Port Delmar market.\n")
    conflict = [f for f in kinds(findings).get("conflict", []) if f["attribute"] == "quantity"]
    assert conflict and sorted(c["value"] for c in conflict[0]["claims"]) == [12, 14]
    aside = [f for f in findings if any(c["value"] == 40 for c in f["claims"])]
    assert [(f["kind"], f["subject"]) for f in aside] == [
        ("uncorroborated", "number of people killed (Vela Square massacre)")]


def test_an_actor_finding_says_which_source_gives_it_on_someone_elses_word(compared):
    findings = compared(
        a="The Varnian army shelled the village of Kessel on 3 June 2011.\n",
        b="The Varnian army shelled Kessel, the Kessel council said on Monday.\n")
    actor = [f for f in kinds(findings).get("agreement", []) if f["attribute"] == "actor"]
    assert actor and "on the word of" in actor[0]["explanation"], [f["explanation"] for f in findings]


def test_a_toll_told_with_its_shares_by_nationality_meets_other_sources_tolls(compared):
    findings = compared(
        a=("Naval commandos stormed the ferry Aurora off Port Selin on 4 June 2011. Seven people were killed. "
           "The dead were five Norwegians and two Danes, and four Danish sailors were wounded.\n"),
        b="Twelve people were killed when naval commandos stormed the ferry Aurora on 4 June 2011.\n")
    conflicts = [f for f in kinds(findings).get("conflict", []) if {c["value"] for c in f["claims"]} == {7.0, 12.0}]
    assert conflicts and "killed" in conflicts[0]["subject"]


def test_tolls_of_no_side_do_not_meet_across_sources_where_a_side_s_own_dead_are_counted(compared):
    findings = compared(
        a=("Naval commandos stormed the ferry Aurora off Port Selin on 4 June 2011. Seven people were killed. "
           "Eight Danish sailors were killed in the fighting.\n"),
        b="Twelve people were killed when naval commandos stormed the ferry Aurora on 4 June 2011.\n")
    assert not [f for f in kinds(findings).get("conflict", []) if {c["value"] for c in f["claims"]} >= {7.0, 12.0}]


def test_a_count_told_after_a_dated_clause_is_of_that_day(compared):
    findings = compared(
        a="On 3 May 2004 the police fired on marchers in Selin; two wounded people were wrongly reported dead.\n",
        b="On 9 May 2004 the police wounded 40 people in Selin.\n")
    assert not [f for f in kinds(findings).get("conflict", []) if {c["value"] for c in f["claims"]} >= {2.0, 40.0}]
