"""Labels: the words each source uses for an actor besides its name."""

from __future__ import annotations

import re

from rashomon.extract.labels import find_labels
from rashomon.ingest.parse import pipeline
from rashomon.records import Label, Mention

from .conftest import need_shared
from .seed_gold import seed_scores


def labels(text: str, names: dict[str, tuple[str, str]]) -> set[tuple[str, str]]:
    """(entity key, label text) pairs; names maps each name in text to (type, key), every occurrence."""
    mentions = [Mention(m.start(), m.end(), name, etype, key)
                for name, (etype, key) in names.items() for m in re.finditer(re.escape(name), text)]
    found: list[Label] = find_labels(pipeline()(text), mentions)
    assert all(text[lab.start:lab.end] == lab.text for lab in found)
    return {(lab.entity_key, lab.text) for lab in found}


def test_apposition():
    text = "Kim Jong Un, the reclusive dictator, inspected the site."
    assert ("kim", "reclusive dictator") in labels(text, {"Kim Jong Un": ("PERSON", "kim")})


def test_nouns_before_a_name():
    text = "The rebel commander Abu Musa fled, and the militant group Ansar Allah took the port."
    found = labels(text, {"Abu Musa": ("PERSON", "musa"), "Ansar Allah": ("ORG", "ansar")})
    assert {("musa", "rebel commander"), ("ansar", "militant group")} <= found


def test_name_inside_a_describing_phrase():
    text = "Hamas militants crossed the fence while the extremist Hamas movement denied it."
    found = labels(text, {"Hamas": ("ORG", "hamas")})
    assert {("hamas", "Hamas militants"), ("hamas", "extremist Hamas movement")} <= found


def test_predicative_as():
    text = "Washington has long portrayed Hezbollah as an Iranian proxy."
    assert ("hezbollah", "Iranian proxy") in labels(text, {"Hezbollah": ("ORG", "hezbollah")})


def test_descriptive_reference_goes_to_the_last_compatible_actor():
    text = ("Viktor Bout met officials of the Taliban in Kabul. Bout later said "
            "the militant group had paid in cash and the ruthless warlord had not.")
    found = labels(text, {"Viktor Bout": ("PERSON", "bout"), "Bout": ("PERSON", "bout"),
                          "Taliban": ("ORG", "taliban"), "Kabul": ("GPE", "kabul")})
    assert ("taliban", "militant group") in found and ("bout", "ruthless warlord") in found


def test_same_noun_wins_over_recency():
    text = ("The Assad regime shelled Homs while the Free Syrian Army held Idlib. "
            "The regime denied it.")
    found = labels(text, {"Assad regime": ("ORG", "assad"), "Free Syrian Army": ("ORG", "fsa")})
    assert ("assad", "regime") in found and ("fsa", "regime") not in found


def test_no_labels_for_other_things_or_new_events():
    text = ("The Taliban took the city. Afghan forces retreated. The bombing of the bridge "
            "followed, and the Iranian government protested.")
    found = labels(text, {"Taliban": ("ORG", "taliban")})
    assert found == set()


def test_a_plural_does_not_refer_to_one_person():
    text = "Saddam Hussein spoke. The leaders met later."
    assert labels(text, {"Saddam Hussein": ("PERSON", "saddam")}) == set()


def test_seed_gold_labels():
    need_shared()
    score, misses = seed_scores()["labels"]
    assert score >= 0.8, misses


def test_a_description_used_before_refers_back_however_far():
    text = ("The Syrian dictator Bashar al-Assad spoke in Damascus. Rebels held Idlib. Aid stalled. "
            "Talks failed. Winter came. The ruthless Syrian dictator then ordered new strikes.")
    found = labels(text, {"Bashar al-Assad": ("PERSON", "assad"), "Syrian": ("NORP", "syria"),
                          "Damascus": ("GPE", "damascus"), "Idlib": ("GPE", "idlib")})
    assert ("assad", "ruthless Syrian dictator") in found
    assert not any(key == "syria" for key, _ in found)
