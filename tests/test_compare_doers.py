"""Who did a deed against the defenceless, when the accounts do not name it alike: a deed named by
its place and by the feature named after that place is one, a deed told again with "the" is where
the text told it before, and an attack with a weapon that strikes all alike is such a deed."""

from __future__ import annotations

from rashomon.names import name_key
from tests.test_events import events


def _doers(findings: list[dict]) -> list[dict]:
    return [f for f in findings if f["kind"] == "conflict" and f["subject"].startswith("who did it")]


def test_a_massacre_named_by_its_village_and_by_the_forest_named_after_it_is_one_deed(compared):
    findings = compared(
        a="The Varn massacre was the killing of 900 prisoners by Ostrian soldiers in the spring of 1950.\n",
        b="The Varn Forest massacre was the killing of 900 prisoners by the Tolarian police in 1950.\n")
    [conflict] = _doers(findings)
    assert conflict["subject"] == "who did it: Varn massacre"
    assert len({c["doc"] for c in conflict["claims"]}) == 2, "each doer stays with the source that names it"


def test_massacres_named_by_two_places_stay_two_deeds(compared):
    findings = compared(
        a="The Varn massacre was the killing of 900 prisoners by Ostrian soldiers in the spring of 1950.\n",
        b="The Dorn Forest massacre was the killing of 900 prisoners by the Tolarian police in 1950.\n")
    assert not _doers(findings)


def test_a_deed_told_again_with_the_is_at_the_place_told_before(nlp):
    text = ("Ostria condemned Tolaria for the attacks on Kirkuk and Erbil. The Tolarian ambassador accused "
            "Ostria of carrying out the chemical attack.")
    found, _ = events(nlp, text)
    again = [e for e in found if e.actor_key == name_key("Ostria") and e.type == "ASSAULT"]
    assert again and all(set(e.place_keys) == {name_key("Kirkuk"), name_key("Erbil")} for e in again)


def test_an_attack_told_with_a_or_before_any_placed_attack_gets_no_place(nlp):
    found, _ = events(nlp, "Ostria carried out the chemical attack. Ostrian jets later attacked Kirkuk.")
    assert not [e for e in found if e.actor_key == name_key("Ostria") and e.place_keys]
    found, _ = events(nlp, "Tolaria condemned the attacks on Kirkuk. Ostria then carried out a chemical attack.")
    assert not [e for e in found if e.actor_key == name_key("Ostria") and e.place_keys]
    found, _ = events(nlp, "Ostria condemned the attacks on Kirkuk. Later Ostria carried out the attacks of June.")
    assert not [e for e in found if e.actor_key == name_key("Ostria") and e.type == "ASSAULT" and e.place_keys], (
        "a deed its words define is told anew")


def test_a_town_gassed_by_one_side_in_one_account_and_by_another_in_another_is_a_doer_conflict(compared):
    findings = compared(
        a="Rwanda condemned Congo for the attacks on Goma. The Congolese ambassador denied the accusation "
          "and accused Mai-Mai militiamen of carrying out the chemical attack.\n",
        b="On 16 May 2012 Congolese jets chemically attacked the city of Goma, killing 5,000 people.\n")
    [conflict] = _doers(findings)
    assert len({c["doc"] for c in conflict["claims"]}) == 2
    blamed = next(c for c in conflict["claims"] if "mai-mai" in str(c["value"]))
    assert blamed["source"]["kind"] == "quote", "the blame is the ambassador's word, not the document's"


def test_a_series_of_killings_carried_out_by_a_force_is_that_force_s_deed(nlp):
    found, _ = events(nlp, "Goma saw a series of massacres of villagers carried out by the Congolese army.")
    [deed] = [e for e in found if e.text.startswith("massacres")]
    assert deed.actor_key == name_key("Congolese")
    found, _ = events(nlp, "The killing of 60 villagers carried out by Mai-Mai militiamen shocked Kinshasa.")
    assert [e.actor_key for e in found if e.text.startswith("The killing")] == [name_key("Mai-Mai")]
    found, _ = events(nlp, "The victims of the massacre were identified by Mai-Mai militiamen.")
    assert not [e for e in found if e.text.endswith("massacre") and e.actor_key], "who names the dead did not kill"


def test_one_who_accepts_others_claims_of_a_deed_is_not_its_doer(nlp):
    text = ("The Marrow Commission cleared the guards of blame. It accepted their claims that they shot at "
            "armed men in Velora.")
    found, _ = events(nlp, text)
    assert not any(e.actor_key == name_key("Marrow Commission") for e in found if e.type == "ASSAULT")


def test_a_reporter_who_saw_people_lying_hit_did_not_hit_them(nlp):
    text = ("Soldiers opened fire in Velora. A Dorvast Radio reporter saw six people lying on the ground, "
            "apparently hit.")
    found, _ = events(nlp, text)
    assert not any(e.actor_key == name_key("Dorvast Radio") for e in found)


def test_deeds_in_a_list_of_charges_are_not_the_prosecutors(nlp):
    text = ("The Marrow Prosecutor's Office opened criminal proceedings on charges of terrorism, encroachment "
            "on the state, murder, disturbances, hostage taking, illegal weapons capture and others.")
    found, _ = events(nlp, text)
    assert not any(e.actor_key == name_key("Marrow Prosecutor's Office") or e.actor_key for e in found
                   if e.type in ("ASSAULT", "OCCUPY"))
