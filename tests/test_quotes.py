"""Quotes: on whose word a statement rests, named or not."""

from __future__ import annotations

from rashomon.extract.quotes import find_quotes, quoted_spans
from rashomon.ingest.parse import pipeline
from rashomon.records import Mention, Quote, Segment

from .conftest import need_shared
from .seed_gold import seed_scores


def quotes(text: str, names: dict[str, str] | None = None) -> list[Quote]:
    """Quotes in text, with mentions from spaCy's entities plus `names` (text -> type) by hand."""
    doc = pipeline()(text)
    mentions = [Mention(e.start_char, e.end_char, e.text, e.label_, e.text.lower()) for e in doc.ents]
    for name, etype in (names or {}).items():
        start = text.index(name)
        mentions = [m for m in mentions if m.end <= start or m.start >= start + len(name)]
        mentions.append(Mention(start, start + len(name), name, etype, name.lower()))
    found = find_quotes(doc, [Segment("body", 0, len(text))], mentions)
    assert all(text[q.start:q.end] == q.text for q in found)
    return found


def test_direct_quote_with_speaker_before_it():
    text = ("Mary Jones, a local teacher, recalled: “The sky turned black and everyone ran to the river.” "
            "She left.")
    [q] = quotes(text, {"Mary Jones": "PERSON"})
    assert q.direct and q.text == "The sky turned black and everyone ran to the river."
    assert (q.speaker_key, q.speaker_text, q.unnamed_source) == ("mary jones", "Mary Jones", False)


def test_direct_quote_with_speaker_after_it():
    [q] = quotes('"We will not retreat from the city," General Omar Bashir said on Monday.',
                 {"Omar Bashir": "PERSON"})
    assert q.direct and q.text == "We will not retreat from the city"
    assert q.speaker_key == "omar bashir"


def test_reported_speech_with_a_that_clause():
    [q] = quotes("The defence minister said that the army had withdrawn from the border.")
    assert not q.direct and q.text == "the army had withdrawn from the border"
    assert q.speaker_key is None and "minister" in q.speaker_text and not q.unnamed_source


def test_reported_speech_inherits_the_subject_of_a_participle():
    text = "Commander Ali Vakili addressed his troops, predicting the fall of the city within a week."
    [q] = quotes(text, {"Ali Vakili": "PERSON"})
    assert not q.direct and q.text.startswith("the fall of the city") and q.speaker_key == "ali vakili"


def test_pronoun_speaker_is_the_nearest_person_named_before():
    text = "Hassan Nouri visited the camp. Later he argued that the camp should be closed."
    [q] = quotes(text, {"Hassan Nouri": "PERSON"})
    assert q.speaker_key == "hassan nouri" and q.text == "the camp should be closed"


def test_unnamed_sources_are_flagged():
    found = quotes("Sources said the convoy was hit near the town. Observers described the vote as a sham. "
                   "According to diplomats, the talks collapsed.")
    assert [(q.unnamed_source, q.speaker_text) for q in found] == [
        (True, "Sources"), (True, "Observers"), (True, "diplomats")]
    assert found[1].text == "the vote as a sham"


def test_impersonal_passive_is_an_unnamed_source():
    [q] = quotes("It was reported that hundreds of prisoners had been executed.")
    assert q.unnamed_source and q.text == "hundreds of prisoners had been executed"


def test_claims_that_are_reported_speech():
    [q] = quotes("The army repeated the claim that the village had been empty.")
    assert not q.direct and q.text == "the village had been empty"


def test_scare_quotes_and_names_are_not_quotes():
    assert quotes("The so-called \"peace plan\" failed. He called it ‘war,’ not peace. "
                  "The plan, dubbed “Spark and War”, was secret.") == []


def test_apostrophes_open_and_close_nothing():
    text = "The MEK’s plan and the rebels’ camp were ‘a disaster for everyone involved’ said one."
    assert [text[s:e] for s, e in quoted_spans(text)] == ["a disaster for everyone involved"]


def test_boilerplate_has_no_quotes():
    text = "“Subscribe to our channel for the latest news,” the site says."
    assert find_quotes(pipeline()(text), [Segment("boilerplate", 0, len(text))], []) == []


def test_seed_gold_quotes():
    need_shared()
    score, misses = seed_scores()["quotes"]
    assert score >= 0.9, misses
