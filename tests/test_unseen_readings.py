"""Readings learned from accounts no developer had read: an anniversary's commemorators did not do
the deed it marks, a people an expulsion is named after suffered it, a share or an ordinal is no
count, things counted near a toll did not die, the whole a toll is "out of" is not dead, and a group
named by creed does not contradict a named force as the doer."""

from __future__ import annotations

from tests.test_claims import claims_of, counts


def actors(text: str) -> set[str | None]:
    return {c.actor_key for c in claims_of(text) if c.attribute == "actor"}


def test_those_who_mark_an_anniversary_did_not_do_the_deed_it_marks():
    assert not actors("Ostrians mark this Saturday the 68th anniversary of the massacre of Velmora.")
    assert not actors("Ostrians in many towns remembered on Saturday the 68th anniversary of slaughtering "
                      "254 civilians in the village of Velmora.")


def test_a_people_an_expulsion_is_named_after_suffered_it():
    found = [c for c in claims_of("It was a central part of the 1948 Palestinian expulsion and flight.")
             if c.action == "COERCE"]
    assert not any(c.actor_key for c in found), "the expelled are no actor of the expulsion"
    assert actors("Iraqi raids on the town killed 40 people."), "a people's raid is still theirs"


def test_a_share_and_an_ordinal_are_no_counts():
    assert not counts("About 65 per cent of Ostrians are farmers.")
    assert not counts("Today marks the thirty-second anniversary of the Velmora flood.")


def test_things_counted_beside_a_toll_did_not_die():
    found = counts("The guards killed over 300 marchers, most of them in four separate incidents of mass shootings.")
    assert found["300-"].fate == "dead"
    assert found["4"].fate is None, "no incident died"
    found = counts("The police said they were fired at from inside the two protest camps, causing the death "
                   "of an officer.")
    assert found["2"].fate is None
    found = counts("The rebels destroyed 12 tanks and killed 40 soldiers.")
    assert (found["12"].fate, found["40"].fate) == ("destroyed", "dead")


def test_the_whole_a_toll_is_out_of_did_not_die():
    found = counts("The guards killed 254 villagers out of around 600 residents of Velmora.")
    assert found["254"].fate == "dead"
    assert found["~600"].fate is None


def test_a_group_named_by_creed_does_not_contradict_a_named_force(compared):
    findings = compared(
        a="On April 9, 1950 the Red Dawn Brigade massacred over 100 villagers in Dorvask.\n",
        b="It was the massacre of more than 100 civilians by Zionist forces at the village of Dorvask.\n",
        c="The Dorvask massacre took place on April 9, 1950, when Zionist paramilitaries attacked the village of "
          "Dorvask, killing at least 107 villagers.\n")
    assert not any(f["kind"] == "conflict" and f["subject"].startswith("who did it") for f in findings), (
        "the brigade may be one of the Zionist forces")
