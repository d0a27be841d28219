"""The schema of each data file in this folder: its keys, what each holds, which words must be
lower-case (those the code matches against folded text). A file's header says what its keys
mean; this says what they must be. `rashomon.data.load` checks a file against its schema once
per process."""

from __future__ import annotations

from rashomon.data.shapes import UPPER, Either, Free, Items, ListOf, Number, Record, Regex, Shape, Table, Text, Words
from rashomon.records import KB_TYPES

WORD, NAME = Text("lower"), Text()
COUNTRY = Text(pattern=r"[A-Z]{2}", form="a country code (IR)")
WHOLE, NUMBER = Number(whole=True), Number()
TYPES = Words(UPPER)  # entity types (ORG, GPE, ...) or event types (ASSAULT, ...)
PATTERNS = ListOf(Regex(), unique=True)
GROUPS = Table(Words(), key=NAME)  # a name (a type, a kind, a part) -> the words of it
PAIR = Items((Text(empty=True), Text(empty=True)))  # [from, to]
SHIFT = Items((Text(UPPER), WHOLE, Text(UPPER)), least=2)  # [TIMEX3 unit, shift, part of day]: ["D", -1]

CITATIONS = Record({
    "page_cues": Words(), "volume_cues": Words(), "issue_cues": Words(), "publisher_words": Words(),
    "container_words": Words(), "places": Words(None), "gazetteer_min_population": WHOLE,
    "corporate_words": Words(), "work_nouns": Table(WORD, key=WORD),
    "in_text_patterns": ListOf(Record({"pattern": Regex(), "author": Text(choices=("before", "possessor", "after"))})),
    "title_small_words": Words(), "months": Table(WHOLE, key=WORD),
})

CLAIMS = Record({
    "people": Words(), "people_parts": GROUPS, "things": GROUPS, "thing_parts": GROUPS, "fate_nouns": GROUPS,
    "fates": GROUPS,
    "fate_wholes": GROUPS, "attribution_verbs": Words(), "figure_verbs": Words(), "attribution_nouns": Words(),
    "attribution_phrases": Words(),
    "inclusion_words": Words(), "not_dating": Words(), "whole_quantifiers": Words(), "figure_nouns": Words(),
    "measure_nouns": Words(), "doer_fates": Words(), "organ_nouns": Words(), "anniversary_nouns": Words(),
    "unreal_modals": Words(), "strength_verbs": Words(), "deploy_verbs": Words(),
    "distributive_words": Words(), "giving_types": Words(None),
    "leader_verbs": Words(), "leader_nouns": Words(), "state_titles": Words(),
    "route_heads": Words(), "long_event_nouns": Words(),
    "sequence_words": Table(Text(choices=("after", "before")), key=WORD),
    "people_fates": Words(), "charge_words": Words(), "charge_nouns": Words(), "charge_verbs": Words(),
    "running_tally": Words(), "later_acts": Words(), "commemoration_verbs": Words(),
    "other_group_words": Words(), "thing_fates": Words(),
    "membership_nouns": Words(), "start_nouns": Words(), "depiction_nouns": Words(), "befalling_verbs": Words(),
    "use_kinds": Words(), "use_fates": GROUPS, "use_roles": Table(Text(choices=("object", "subject")), key=WORD),
    "not_done": Words(), "body_nouns": Words(), "tally_verbs": GROUPS,
    "position_words": Words(), "way_prepositions": Words(),
    "depth": Record({"units": Words(None), "after": Words(), "verbs": Words()}),
    "plans": Record({"prepositions": Words(), "verbs": Words(), "nouns": Words(), "goals": Words()}),
})

COMPARE = Record({
    "stopwords": Words(), "frame_words": Table(NAME, key=WORD), "material_actions": TYPES, "fighting_actions": TYPES,
    "striking_actions": TYPES, "once_actions": TYPES,
    "once_targets": TYPES, "forces": GROUPS,
    "role_parts": Words(), "force_parts": Words(), "fate_wholes": GROUPS, "growing_fates": Words(), "measures": Words(),
    "state_bodies": Words(), "operation_nouns": Words(),
    "navy_prefixes": Table(COUNTRY, key=NAME),
    "conversions": Table(Items((WORD, Number(low=0))), key=NAME), "occurrence_nouns": Words(),
    "measure_words": Table(NAME, key=WORD),
    "one_sided": Record({"actions": TYPES, "deeds": Words(), "victims": Words(), "weapons": Words(),
                         "categories": Words()}),
})

DEMONYMS = Table(NAME, key=NAME)  # "Varnian": Varnia

ENTITIES = Record({
    "types": Table(Text(UPPER), key=Text(UPPER)), "leading_words": Words(), "lower_case_name_openers": Words(),
    "hyphen_prefixes": Words(), "leading_prepositions": Words(), "inner_prepositions": Words(),
    "organisation_kinds": Words(), "titles": Words(), "ezafe_particles": Words(), "hyphen_connectors": Words(),
    "place_words": Words(),
    "organisation_words": Words(), "lower_case_name_words": Words(), "place_kind_words": Words(),
    "natural_place_words": Words(),
    "name_place_words": Words(), "name_tails": Words(), "vessel_prefixes": Words(None), "possessive_names": Words(),
    "event_words": Words(), "event_openers": Words(), "other_place_words": Words(), "not_names": Words(),
    "work_titles": PATTERNS,
    "event_descriptions": Record({"heads": Words(), "not_the_same": Words()}),
    "event_names": Record({"heads": Table(WORD, key=WORD), "ordinals": Words(), "flight": WORD,
                           "facilities": Words(), "openers": Words()}),
    "glosses": Record({"markers": Words(), "languages": Words(None), "linkers": Words(), "naming_verbs": Words()}),
    "code_names": Record({"nouns": Words(), "verbs": Words()}),
    "organs": GROUPS, "units": Words(), "division_acronyms": Words(None), "listing_place_words": Words(),
})

EXCERPTS = Record({"dangling": Words(), "negations": Words()})

EVENTS = Record({
    "verbs": Table(Words(), key=Text(UPPER)), "done_with": Table(Text(UPPER), key=Text(UPPER)),
    "needs_object": Words(), "passive_types": Table(Words(), key=Text(UPPER)),
    "nouns": Table(Words(), key=Text(UPPER)),
    "starters": Record({"verbs": Words(), "nouns": Words(), "intransitive": Words()}),
    "enders": Record({"verbs": Words(), "nouns": Words(), "intransitive": Words()}), "lasting_verbs": Words(),
    "crossing": Record({"verbs": Words(), "frontiers": Words(), "type": Text(UPPER)}),
    "named_event_type": Text(UPPER), "place_prepositions": Words(), "target_prepositions": Words(),
    "place_object_types": TYPES, "clause_target_types": TYPES, "place_references": Words(),
    "place_reference_determiners": Words(), "place_reference_sentences": WHOLE,
    "pronouns": Table(TYPES, key=WORD), "weapons": Words(), "happening_verbs": Words(), "temporal_marks": Words(),
    "offset_words": Words(), "stance_verbs": Words(), "accusing_verbs": Words(),
    "imputing_verbs": Table(WORD, key=WORD), "time_prepositions": Words(),
    "hearsay_nouns": Words(), "victim_nouns": Words(), "follower_nouns": Words(), "time_nouns": Words(),
    "doing_verbs": Words(), "reflexives": Words(), "guilt_words": Words(), "pretence": Words(),
    "dismissing_verbs": Words(),
    "evidence_nouns": Words(), "preventing_verbs": Words(), "suffering_prepositions": Words(),
    "suffering_nouns": Words(), "suffering_motion_verbs": Words(),
    "governing_nouns": Words(), "presuming_verbs": Words(), "countering_verbs": Words(), "naming_nouns": Words(),
    "craft_nouns": Words(), "thing_pronouns": Words(), "noun_senses": Table(Table(Words(), key=Text(UPPER)), key=WORD),
})

FRAMING = Record({
    "version": WHOLE,
    "loaded_language": Record({"words": Words(), "phrases": Words()}, optional=frozenset({"phrases"})),
    "name_calling": Record({"heads": Words(), "modifiers": Words(), "phrases": Words()},
                           optional=frozenset({"phrases"})),
    "hedges": Record({"words": Words(), "phrases": Words(), "verbs": Words(), "verb_object_exceptions": Words()},
                     optional=frozenset({"phrases", "verbs", "verb_object_exceptions"})),
}, optional=frozenset({"version"}))

KB_ENTITY = Record({
    "id": Either((NAME, WHOLE)), "type": Text(choices=KB_TYPES, any_case=True), "name": NAME,
    "aliases": ListOf(NAME), "wikidata": Text(pattern=r"Q\d+", form="a Wikidata id (Q1065)"),
    "lat": Number(low=-90, high=90), "lon": Number(low=-180, high=180), "place_kind": NAME,
    "country": Text(pattern=r"[A-Za-z]{2}", form="a two-letter country code (IR)"), "seat": NAME,
}, optional=frozenset({"aliases", "wikidata", "lat", "lon", "place_kind", "country", "seat"}))
KB = Record({"entities": ListOf(KB_ENTITY)}, optional=frozenset({"entities"}))

LABELS = Record({
    "heads": Table(Words(), key=Text(UPPER)), "member_nouns": Words(), "same_head_only": TYPES,
    "same_head_only_nouns": Words(), "max_sentences_back": WHOLE, "country_nouns": Words(),
    "definite": Words(), "predicative_preps": Words(),
    "event_kinds": GROUPS, "event_judgements": Words(), "casting_verbs": Words(), "pointing": Words(),
    "happening_verbs": Words(), "naming_verbs": Words(), "stance_prefixes": Words(), "name_nouns": Words(),
    "copulas": Words(), "among_words": Words(), "opposition_nouns": Words(), "alias_markers": Words(),
    "designation_nouns": Words(), "neutral_adjectives": Words(), "countering_verbs": Words(), "turning_verbs": Words(),
    "ruling_nouns": Words(), "ruling_organs": Words(), "audience_verbs": Words(), "building_nouns": Words(),
    "media_words": Words(), "press_roles": Words(), "comparison_words": Words(), "epithets": Words(),
    "place_preps": Words(), "media_verbs": Words(), "ruling_heads": Words(), "armed_words": Words(),
    "force_nouns": Words(), "owning_pronouns": Words(), "unnamed_adjectives": Words(),
    "deed_judgements": Words(), "place_nouns": Words(), "party_verbs": Words(),
})

DIVISION = Text(pattern=r"[A-Z]{2}\.\w+", form="a country and division code (US.CA)")
COUNTRY_OR_DIVISION = Text(pattern=r"[A-Z]{2}(\.\w+)?", form="a country or a division code (GB, US.TX)")
PLACES = Record({
    "features": Table(WORD, key=WORD), "plurals": Table(WORD, key=WORD), "opening_features": Words(),
    "one_spot": ListOf(Words()),
    "name_links": Words(), "parts": Words(), "before_of": Words(),
    "country_aliases": Table(Words(None), key=COUNTRY), "historic_states": Table(ListOf(Words(None)), key=COUNTRY),
    "cues": Words(), "institution_words": Words(),
    "country_cues": Table(Words(None), key=COUNTRY),
    "admin1_aliases": Table(Words(None), key=DIVISION), "division_words": Words(),
    "demonym_endings": ListOf(PAIR), "demonyms": Table(Either((COUNTRY_OR_DIVISION, NAME)), key=NAME),
    "era_adjectives": Words(),
    "name_abbreviations": Table(WORD, key=WORD), "person_cues": Words(), "name_heads": Words(),
    "name_particles": Words(), "polity_words": Words(), "town_offices": Words(),
    "estimates": Record({
        "directions": Table(NUMBER, key=WORD), "units": Table(NUMBER, key=WORD), "near": Words(),
        "within": Words(), "border": Words(), "place_cues": Words(), "move_cues": Words(),
        "step_km": NUMBER, "near_km": NUMBER, "alone_km": NUMBER, "at_namesake": Words(),
        "facility_qualifiers": Words(), "in_town": Words()}),
})

QUANTITIES = Record({
    "number_words": Table(NUMBER, key=WORD), "multipliers": Table(NUMBER, key=WORD),
    "vague": Table(Items((NUMBER, NUMBER)), key=WORD), "vague_prefixes": Table(NUMBER, key=WORD),
    "qualifiers": Table(WORD, key=WORD), "units": Table(Words(None), key=NAME), "identifier_words": Words(),
    "coordinates": Regex(),
    "suffix_qualifiers": Table(WORD, key=WORD), "not_counted": Words(), "months": Words(), "time_relations": Words(),
    "time_units": Words(), "multiplicatives": Words(),
    "frequency_words": Words(), "comparatives": Words(), "year_openers": Words(), "counted_plurals": Words(),
    "clock_words": Words(), "day_parts": Words(), "ordinal_words": Words(), "change_verbs": Words(),
})

QUOTES = Record({
    "clause_verbs": Words(), "object_verbs": Words(), "quote_verbs": Words(), "reporting_nouns": Words(),
    "unnamed_sources": Words(), "partitive_heads": Words(), "naming_words": Words(), "min_quote_words": WHOLE,
    "min_clause_words": WHOLE,
    "person_pronouns": Words(), "thing_pronouns": Words(), "speaking_pronouns": Words(),
    "pronoun_sentences_back": WHOLE, "roles": Words(), "carrier_nouns": Words(), "question_labels": Words(),
    "answer_labels": Words(), "interview_words": Words(), "framing_verbs": Words(),
})

STRUCTURE = Record({
    "post_signatures": PATTERNS, "post_max_lines_above": WHOLE, "post_continuation": PATTERNS,
    "boilerplate_lines": PATTERNS, "site_domains": Words(), "site_credit_max_words": WHOLE, "counter_words": Words(),
    "nav_words": Words(), "nav_filler": Words(), "nav_max_words": WHOLE, "menu_min_lines": WHOLE,
    "menu_max_words": WHOLE, "site_header_max_lines": WHOLE, "chrome_neighbour_max_words": WHOLE,
    "quote_attribution": Regex(), "link_list_headings": PATTERNS, "byline_lines": PATTERNS, "byline_max_line": WHOLE,
    "dateline_labels": Regex(), "dateline_filler": Regex(), "dateline_name": Regex(), "dateline_max_line": WHOLE,
    "heading_max_words": WHOLE, "heading_question_max_words": WHOLE, "title_case_small": Words(),
    "running_head_share": NUMBER, "running_head_lines": WHOLE, "page_number": Regex(),
    "infobox_fields": Words(None), "infobox_dates": Words(None),
    "infobox_sides": Record({"parties": Words(None), "leaders": Words(None), "by_side": Words(None),
                                     "totals": Words(None)}),
})

TIME = Record({
    "months": Table(WHOLE, key=WORD), "weekdays": Table(WHOLE, key=WORD), "weekday_offices": Words(),
    "numbers": Table(Either((WHOLE, NAME)), key=WORD), "ordinals": Table(WHOLE, key=WORD),
    "units": Table(Text(UPPER), key=WORD), "unit_adjectives": Words(), "plural_after": Words(),
    "halves": Table(WHOLE, key=WORD), "quarters": Table(WHOLE, key=WORD), "bare_month_words": Words(),
    "lower_case_names": Words(), "clock_cues": Words(), "fraction_nouns": Words(),
    "game_words": Words(), "not_decades": Words(), "press_after": Words(), "tonight_words": Words(),
    "decade_words": Table(WHOLE, key=WORD),
    "seasons": Table(Text(UPPER), key=WORD), "noun_seasons": Words(), "season_name_words": Words(),
    "parts_of_day": Table(Text(UPPER), key=WORD), "day_marks": Table(Text(UPPER), key=WORD),
    "fuzzy": Record({"point": Table(Text(UPPER), key=WORD), "amount": Table(Text(UPPER), key=WORD)}),
    "references": Table(Text(UPPER), key=WORD), "deictic": Table(SHIFT, key=WORD),
    "current_periods": Table(Text(UPPER), key=WORD), "year_shifts": Table(WHOLE, key=WORD),
    "closing_words": Words(), "closing_units": Words(), "anaphoric": Table(SHIFT, key=WORD), "later_words": Words(),
    "earlier_words": Words(), "ago_words": Words(), "ahead_words": Words(), "to_the_day": Words(),
    "column_titles": Words(), "onset_verbs": Words(),
    "looking_ahead": Words(), "scheduled_verbs": Words(),
    "done_infinitive": Words(), "ahead_adjectives": Words(), "modals_ahead": Words(),
    "event_nouns": Words(), "event_offsets": Table(WHOLE, key=WORD), "set_words": Table(Text(UPPER), key=WORD),
    "holidays": Table(Text(pattern=r"\d\d-(\d\d|(MO|TU|WE|TH|FR|SA|SU)[1-5L])",
                           form="MM-DD or MM- and a weekday's nth or last (11-TH4, 05-MOL)"), key=WORD),
    "solar_hijri_months": Table(WHOLE, key=WORD),
})

TRANSLIT = Record({
    "apostrophes": NAME, "leading_words": Words(), "particles": Words(), "glued_ezafe": Words(), "prefixes": Words(),
    "titles": Words(), "word_endings": ListOf(PAIR), "letters": ListOf(PAIR), "vowel_classes": Table(WORD, key=NAME),
    "alphabets": ListOf(Record({"marks": NAME, "letters": Table(WORD, key=WORD)})),
    "word_synonyms": ListOf(PAIR), "acronym_max": WHOLE,
})

# one spaCy entity-ruler pattern a line (entity_patterns.jsonl)
ENTITY_PATTERN = Record({"label": Text(UPPER), "pattern": Either((NAME, ListOf(Table(Free(), key=Text(UPPER)))))})

SCHEMAS: dict[str, Shape] = {
    "citations.yaml": CITATIONS, "claims.yaml": CLAIMS, "compare.yaml": COMPARE, "demonyms.yaml": DEMONYMS,
    "entities.yaml": ENTITIES, "events.yaml": EVENTS, "excerpts.yaml": EXCERPTS, "framing.yaml": FRAMING, "kb.yaml": KB,
    "labels.yaml": LABELS, "places.yaml": PLACES, "quantities.yaml": QUANTITIES, "quotes.yaml": QUOTES,
    "structure.yaml": STRUCTURE, "time.yaml": TIME, "translit.yaml": TRANSLIT,
    "entity_patterns.jsonl": ENTITY_PATTERN,  # each line
}
