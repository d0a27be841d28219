"""The words the event stage reads (data/events.yaml), indexed for the reader and the events
stage: which verbs and nouns name which kind of event, which start or end one, and the words around
them that change who did it or whether it was done."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.tokens import Token

from rashomon.data import load


@dataclass(frozen=True)
class Lexicon:
    verbs: dict[str, str]
    passive: dict[str, str]
    nouns: dict[str, str]
    starter_verbs: frozenset[str]
    starter_nouns: frozenset[str]
    named_type: str
    place_preps: frozenset[str]
    target_preps: frozenset[str]
    place_object_types: frozenset[str]
    clause_target_types: frozenset[str]
    pronouns: dict[str, tuple[str, ...]]
    country_aliases: frozenset[str]  # other names of countries ("Britain", "East Germany"): never a town
    demonyms: dict[str, str]
    place_references: frozenset[str]
    place_reference_determiners: frozenset[str]
    place_reference_sentences: int
    needs_object: frozenset[str]
    done_with: dict[str, str]  # type -> the type it takes done with something (SUPPORT -> AID)
    dismissing_verbs: frozenset[str]
    evidence_nouns: frozenset[str]
    intransitive_starters: frozenset[str]
    crossing_verbs: frozenset[str]
    frontier_nouns: frozenset[str]
    crossing_type: str
    weapons: frozenset[str]
    happening_verbs: frozenset[str]
    temporal_marks: frozenset[str]
    offset_words: frozenset[str]
    stance_verbs: frozenset[str]
    accusing_verbs: frozenset[str]
    imputing_verbs: dict[str, str]  # verb -> the preposition that names the doer ("blame X on Y")
    guilt_words: frozenset[str]
    pretence: frozenset[str]
    time_prepositions: frozenset[str]
    hearsay_nouns: frozenset[str]
    victim_nouns: frozenset[str]
    follower_nouns: frozenset[str]
    time_nouns: frozenset[str]
    doing_verbs: frozenset[str]
    reflexives: frozenset[str]
    ender_verbs: frozenset[str]
    ender_nouns: frozenset[str]
    intransitive_enders: frozenset[str]
    lasting_verbs: frozenset[str]
    suffering_preps: frozenset[str]
    suffering_nouns: frozenset[str]
    suffering_motion: frozenset[str]
    preventing: frozenset[str]
    stance_prefixes: frozenset[str]
    governing_nouns: frozenset[str]
    presuming_verbs: frozenset[str]
    countering_verbs: frozenset[str]
    naming_nouns: frozenset[str]
    craft_nouns: frozenset[str]
    noun_senses: dict[str, dict[str, str]]  # noun -> word before it -> the type it gives ("wildcat strike")
    thing_pronouns: frozenset[str]

    def phase(self, trigger: Token) -> str | None:
        """What part of an event its trigger word dates: "end" ("ended", "the end of"), "length"
        ("lasted"), else None."""
        lemma = trigger.lemma_.lower()
        if lemma in (self.ender_verbs if trigger.pos_ == "VERB" else self.ender_nouns):
            return "end"
        return "length" if trigger.pos_ == "VERB" and lemma in self.lasting_verbs else None


@cache
def lexicon() -> Lexicon:
    data = load("events.yaml")

    def by_word(table: dict) -> dict[str, str]:
        return {w: kind for kind, words in table.items() for w in words}

    return Lexicon(
        verbs=by_word(data["verbs"]), passive=by_word(data["passive_types"]), nouns=by_word(data["nouns"]),
        starter_verbs=frozenset(data["starters"]["verbs"]), starter_nouns=frozenset(data["starters"]["nouns"]),
        named_type=data["named_event_type"], place_preps=frozenset(data["place_prepositions"]),
        target_preps=frozenset(data["target_prepositions"]),
        place_object_types=frozenset(data["place_object_types"]),
        clause_target_types=frozenset(data["clause_target_types"]),
        pronouns={p: tuple(ts) for p, ts in data["pronouns"].items()},
        demonyms={k: v for k, v in load("demonyms.yaml").items()},
        country_aliases=frozenset(a for names in load("places.yaml")["country_aliases"].values() for a in names) | {
            a for states in load("places.yaml")["historic_states"].values() for names in states for a in names},
        place_references=frozenset(data["place_references"]),
        place_reference_determiners=frozenset(data["place_reference_determiners"]),
        place_reference_sentences=int(data["place_reference_sentences"]),
        needs_object=frozenset(data["needs_object"]), done_with=dict(data["done_with"]),
        dismissing_verbs=frozenset(data["dismissing_verbs"]),
        evidence_nouns=frozenset(data["evidence_nouns"]),
        intransitive_starters=frozenset(data["starters"]["intransitive"]),
        crossing_verbs=frozenset(data["crossing"]["verbs"]), frontier_nouns=frozenset(data["crossing"]["frontiers"]),
        crossing_type=data["crossing"]["type"], weapons=frozenset(data["weapons"]),
        happening_verbs=frozenset(data["happening_verbs"]), temporal_marks=frozenset(data["temporal_marks"]),
        offset_words=frozenset(data["offset_words"]), stance_verbs=frozenset(data["stance_verbs"]),
        accusing_verbs=frozenset(data["accusing_verbs"]), imputing_verbs=dict(data["imputing_verbs"]),
        guilt_words=frozenset(data["guilt_words"]), pretence=frozenset(data["pretence"]),
        time_prepositions=frozenset(data["time_prepositions"]), hearsay_nouns=frozenset(data["hearsay_nouns"]),
        victim_nouns=frozenset(data["victim_nouns"]), follower_nouns=frozenset(data["follower_nouns"]),
        time_nouns=frozenset(data["time_nouns"]), doing_verbs=frozenset(data["doing_verbs"]),
        reflexives=frozenset(data["reflexives"]),
        ender_verbs=frozenset(data["enders"]["verbs"]), ender_nouns=frozenset(data["enders"]["nouns"]),
        intransitive_enders=frozenset(data["enders"]["intransitive"] + data["lasting_verbs"]),
        lasting_verbs=frozenset(data["lasting_verbs"]),
        suffering_preps=frozenset(data["suffering_prepositions"]), suffering_nouns=frozenset(data["suffering_nouns"]),
        suffering_motion=frozenset(data["suffering_motion_verbs"]), preventing=frozenset(data["preventing_verbs"]),
        governing_nouns=frozenset(data["governing_nouns"]),
        presuming_verbs=frozenset(data["presuming_verbs"]), countering_verbs=frozenset(data["countering_verbs"]),
        naming_nouns=frozenset(data["naming_nouns"] + load("entities.yaml")["code_names"]["nouns"]),  # "code name X"
        craft_nouns=frozenset(data["craft_nouns"]),
        noun_senses={noun: by_word(table) for noun, table in data["noun_senses"].items()},
        thing_pronouns=frozenset(data["thing_pronouns"]),
        stance_prefixes=frozenset(load("labels.yaml")["stance_prefixes"]),  # "pro-Moscow protesters" are not Moscow
    )
