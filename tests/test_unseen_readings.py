"""Readings learned from accounts no developer had read: an anniversary's commemorators did not do
the deed it marks, a people an expulsion is named after suffered it, a share or an ordinal is no
count, things counted near a toll did not die, the whole a toll is "out of" is not dead, and a group
named by creed does not contradict a named force as the doer."""

from __future__ import annotations

from rashomon.ingest.structure import segment
from rashomon.names import name_key
from tests.conftest import export_of
from tests.test_claims import claims_of, counts


def actors(text: str) -> set[str | None]:
    return {c.actor_key for c in claims_of(text) if c.attribute == "actor"}


def test_those_who_mark_an_anniversary_did_not_do_the_deed_it_marks():
    assert not actors("Ostrians mark this Saturday the 53rd anniversary of the massacre of Velmora.")
    assert not actors("Ostrians in many towns remembered on Saturday the 53rd anniversary of slaughtering "
                      "118 civilians in the village of Velmora.")


def test_a_people_an_expulsion_is_named_after_suffered_it():
    found = [c for c in claims_of("It was a central part of the 1950 Chadian expulsion and flight.")
             if c.action == "COERCE"]
    assert not any(c.actor_key for c in found), "the expelled are no actor of the expulsion"
    assert actors("Chadian raids on the town killed 40 people."), "a people's raid is still theirs"


def test_a_share_and_an_ordinal_are_no_counts():
    assert not counts("About 65 per cent of Ostrians are farmers.")
    assert not counts("Today marks the thirty-second anniversary of the Velmora flood.")


def test_things_counted_beside_a_toll_did_not_die():
    found = counts("The guards killed over 300 marchers, most of them in four separate incidents of mass shootings.")
    assert found["300-"].fate == "dead"
    assert found["4"].fate is None, "no incident died"
    found = counts("The police said they were shot at from within the two protest camps, causing the death "
                   "of an officer.")
    assert "2" not in found or found["2"].fate is None, "the camps did not die (the two named before: no count)"
    found = counts("The rebels destroyed 12 tanks and killed 40 soldiers.")
    assert (found["12"].fate, found["40"].fate) == ("destroyed", "dead")


def test_the_whole_a_toll_is_out_of_did_not_die():
    found = counts("The guards killed 118 villagers out of around 450 residents of Velmora.")
    assert found["118"].fate == "dead"
    assert "~450" not in found, "the base of a share is no figure of the massacre"


def test_a_group_named_by_creed_does_not_contradict_a_named_force(compared):
    findings = compared(
        a="On June 2, 1950 the Red Dawn Brigade massacred over 100 villagers in Dorvask.\n",
        b="It was the massacre of more than 100 civilians by Islamist forces at the village of Dorvask.\n",
        c="The Dorvask massacre took place on June 2, 1950, when Islamist paramilitaries attacked the village of "
          "Dorvask, killing at least 112 villagers.\n")
    assert not any(f["kind"] == "conflict" and f["subject"].startswith("who did it") for f in findings), (
        "the brigade may be one of the Islamist forces")


def test_the_day_a_deed_is_discussed_or_marked_is_not_its_date():
    found = claims_of("After the fall of the junta, public discussion of the Velmora massacre has become possible, "
                      "with 2019 seeing the first official commemoration.", published="2026-02-02")
    assert not any(c.attribute in ("date", "start") and c.action == "ASSAULT" for c in found), "not the massacre's"
    found = claims_of("The Velmora massacre took place on 3 May 1950.")
    assert any(c.attribute == "date" and c.value == "1950-05-03" for c in found)


FORCES_BOX = """Siege of Korrin
From the encyclopedia
Siege of Korrin
Part of the Thornland uprising
Date3–28 March 1979
Belligerents
Thornland
Vale Brotherhood
Commanders and leaders
Edda Marsh
Strength
Iron Guard: 3 brigades (12,000 soldiers)
Thornland Army: 4 brigades (15,000 soldiers)
Total: About 30,000 soldiers
Fewer than 2,000 armed volunteers
Casualties and losses
~1,000 killed 300-400 killed
~25,000 civilians killed

The Siege of Korrin was fought in March 1979 between the Vale Brotherhood and the army of Thornland.
"""


def test_a_box_keeps_a_restated_count_a_total_and_civilians_out_of_the_wrong_column():
    found = {c.value: c for c in claims_of(FORCES_BOX, segments=segment(FORCES_BOX)) if c.attribute == "count"}
    thornland, brotherhood = name_key("Thornland"), name_key("Vale Brotherhood")
    assert {v: found[v].side_key for v in ("3", "12000", "4", "15000", "~30000")} == dict.fromkeys(
        ("3", "12000", "4", "15000", "~30000"), thornland), "a force's men in brackets and the total are its side's"
    assert found["-2000"].side_key == brotherhood, "after the total, the next column"
    assert found["25000"].side_key is None, "civilians are neither army's"
    assert found["4"].voice_kind == "document", "a box line's label names a force, not a speaker"


def test_a_breakdown_in_brackets_shares_the_fate_of_the_count_it_breaks_down():
    found = counts("According to the ministry, 512 people were killed on 9 June (of which 470 were civilians "
                   "and 42 police officers) and at least 2,870 were injured.")
    assert (found["470"].fate, found["42"].fate, found["2870-"].fate) == ("dead", "dead", "wounded")


def test_a_bare_number_in_brackets_counts_the_noun_before_them():
    found = counts("It was preceded by lesser massacres in Velmora, the Dorvask massacres (there were two of "
                   "those), the Korrin massacres (two, as well), and others.")
    assert not any(c.fate == "dead" for c in found.values()), "two massacres, not two dead"


def test_the_supporters_of_a_leader_are_not_the_leader():
    assert not actors("The two camps had been occupied by supporters of ousted President Jon Marek.")
    assert actors("The camps were occupied by the army of Dravia.")


def test_people_left_as_refugees_did_not_die_in_the_massacres_beside_them():
    found = counts("The combination of expulsion and flight that the massacres precipitated left around 620,000 "
                   "Iraqis as refugees abroad.")
    assert found["~620000"].fate is None
    assert counts("The massacre left 40 villagers dead.")["40"].fate == "dead"


def test_a_toll_told_the_day_of_the_deed_is_a_tally_so_far(tmp_path):
    def conflicts(published_a: str) -> list[dict]:
        folder = tmp_path / published_a
        folder.mkdir()
        (folder / "sources.yaml").write_text(
            f"sources:\n  - {{file: a.txt, published: {published_a}}}\n  - {{file: b.txt, published: 2011-06-20}}\n",
            encoding="utf-8")
        told = {name: f"On 14 May 2011 the guards fired on the camp in Velmora. The ministry {said}.\n"
                for name, said in (("a.txt", "said seven people were killed"),
                                   ("b.txt", "later said 638 people were killed"))}
        export = export_of(folder, told, sources=folder / "sources.yaml")
        return [f for f in export["findings"] if f["kind"] == "conflict"]

    assert not conflicts("2011-05-14"), "seven that evening is no rival of 638 a month on"
    assert conflicts("2011-05-30"), "seven told two weeks on is a toll of its own"


def test_a_people_counted_by_its_name_are_people():
    found = counts("The militia reported that 200 Arabs had been killed in the village.")
    assert (found["200"].counted, found["200"].fate) == ("people", "dead")


def test_deeds_joined_by_and_share_the_doer_the_first_names():
    found = {c.text: c.actor_key for c in claims_of("It followed an ambush of soldiers by members of the outlawed "
                                                     "Red Dawn Brigade and attacks on officials.")
             if c.attribute == "actor"}
    assert found.get("attacks on officials") == found.get(next(iter(found), None)) is not None
    assert not actors("The arms were supplied by opponents of the Dravian regime in Ostria.")


def test_incidents_and_massacres_are_not_rival_counts(compared):
    findings = compared(
        a="Over three months the guards killed over 970 marchers, most of them in six separate incidents.\n",
        b="We mark the anniversary of the two massacres of Velmora and Dorvask squares.\n")
    assert not [f for f in findings if f["kind"] == "conflict"], "six incidents and two massacres are two things"


    assert not [f for f in findings if f["kind"] == "conflict"], "five incidents and two massacres are two things"


def test_a_toll_told_the_day_of_the_deed_stays_a_tally_beside_a_period_the_story_names(tmp_path):
    from rashomon import analyze

    texts = {"a.txt": "Guards fired on the camp in Velmora today. Earlier in the day, at least nine people were "
                      "killed and 34 wounded, witnesses said. Rebels fought the army there in the late 1990s.\n",
             "b.txt": "On 14 May 2011 the guards fired on the camp in Velmora. The ministry later said 295 people "
                      "were wounded.\n"}
    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "sources.yaml").write_text(
        "sources:\n  - {file: a.txt, published: 2011-05-14}\n  - {file: b.txt, published: 2011-06-20}\n",
        encoding="utf-8")
    with analyze(sorted(tmp_path.glob("*.txt")), db=tmp_path / "x.db", sources=tmp_path / "sources.yaml") as corpus:
        conflicts = [f for f in corpus.to_dict()["findings"] if f["kind"] == "conflict"]
    assert not conflicts, "34 wounded that day is no rival of 295 a month on, the 1990s being no day"
