"""Framing spans: loaded language, name-calling and hedges, on sentences a reader cares about."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rashomon.extract.framing import (
    HEDGE,
    LOADED,
    NAME_CALLING,
    find_framing,
    find_framing_in_text,
    is_hedged,
    load_lexicon,
)
from rashomon.records import Segment

from .conftest import SEEDS


def spans(text: str, technique: str) -> list[str]:
    return [f.text for f in find_framing_in_text(text) if f.technique == technique]


def test_appositive_epithet_is_name_calling():
    text = "The group, a notorious terror cult allied with the regime, launched an attack."
    labels = spans(text, NAME_CALLING)
    assert any("notorious terror cult" in s for s in labels)
    assert not any("launched" in s for s in labels)


def test_label_span_leaves_out_determiner_and_possessor():
    labels = spans("The general and his terror-linked allies crossed the border.", NAME_CALLING)
    assert "terror-linked allies" in labels


def test_premodified_label_keeps_the_name():
    labels = spans("The offensive was carried out solely by SVO terrorists.", NAME_CALLING)
    assert any(s.endswith("terrorists") for s in labels)


def test_emotive_adjective_and_intensifier_are_loaded():
    loaded = spans("It was an utterly brutal campaign against the villages.", LOADED)
    assert any("utterly" in s for s in loaded)
    assert any("brutal" in s for s in loaded)


@pytest.mark.parametrize(
    ("text", "hedge"),
    [
        ("The rebels reportedly fled across the river.", "reportedly"),
        ("The minister allegedly took bribes.", "allegedly"),
        ("The spokesman claimed that the army had withdrawn.", "claimed"),
        ("The commander is said to have resigned in August.", "is said to"),
    ],
)
def test_hedges(text, hedge):
    assert hedge in spans(text, HEDGE)


def test_claimed_lives_is_not_a_hedge():
    assert spans("The storm claimed the lives of twenty people.", HEDGE) == []


@pytest.mark.parametrize(
    "text",
    [
        "The city council approved the budget on Tuesday after a two-hour meeting.",
        "The company reported revenue of 4 billion dollars for the third quarter.",
        "Officials said the road would reopen on Monday morning.",
    ],
)
def test_neutral_news_yields_nothing(text):
    assert find_framing_in_text(text) == []


def test_boilerplate_segments_are_skipped(nlp):
    text = "A brutal war began.\nRelated posts: the brutal regime of the dictator.\n"
    doc = nlp(text)
    cut = text.index("Related")
    segments = (Segment("body", 0, cut), Segment("boilerplate", cut, len(text)))
    found = find_framing(doc, segments)
    assert found, "the body sentence is framed"
    assert all(f.end <= cut for f in found)


def test_lexicon_entries_added_by_a_user_fire(tmp_path, nlp):
    lexicon_file = tmp_path / "framing.yaml"
    lexicon_file.write_text(
        "loaded_language: {words: [gallant], phrases: []}\n"
        "name_calling: {heads: [scoundrel], modifiers: [], phrases: []}\n"
        "hedges: {words: [], phrases: [], verbs: [], verb_object_exceptions: []}\n",
        encoding="utf-8",
    )
    lexicon = load_lexicon(lexicon_file)
    doc = nlp("The gallant soldiers met the old scoundrel at dawn.")
    found = {(f.text, f.technique) for f in find_framing(doc, lexicon=lexicon, use_model=False)}
    assert ("gallant", LOADED) in found
    assert ("old scoundrel", NAME_CALLING) in found


def test_seed_account_labels_found(nlp):
    """The Press TV account (seed B) names its adversaries with labels a reader would flag."""
    path = SEEDS / "002_c729315ab0eb740c.txt"
    if not path.exists():
        pytest.skip(f"{SEEDS} is absent (shared sample corpus not available)")
    text = path.read_text(encoding="utf-8")
    found = find_framing(nlp(text))
    labels = " | ".join(f.text for f in found if f.technique == NAME_CALLING)
    for expected in ("terror cult", "MKO terrorists", "Iraqi dictator"):
        assert expected in labels
    assert any(f.technique == LOADED for f in found)
    assert all(text[f.start : f.end] == f.text for f in found)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.one_of(
            st.sampled_from(
                [
                    "brutal",
                    "reportedly",
                    "terror",
                    "cult",
                    "so-called",
                    "Ba'athist",
                    "is said to",
                    "\n",
                    "notorious",
                    "claimed that",
                    "SVO",
                    "—",
                    "“",
                    "”",
                    "  ",
                    "İ",
                    "e\u0301",
                    "🎥",
                ]
            ),
            st.text(max_size=12),
        ),
        max_size=25,
    ).map(" ".join)
)
def test_offsets_always_index_the_text(text):
    for f in find_framing_in_text(text):
        assert 0 <= f.start < f.end <= len(text)
        assert text[f.start : f.end] == f.text
        assert f.technique in {LOADED, NAME_CALLING, HEDGE}


@pytest.mark.parametrize(
    ("text", "event", "hedged"),
    [
        ("The rebels reportedly fled across the river.", "fled across the river", True),
        ("The spokesman claimed that the army had withdrawn from the town.", "the army had withdrawn", True),
        ("The general is said to have resigned in August.", "resigned in August", True),
        ("The rebels fled after the troops reportedly arrived.", "The rebels fled", False),
        ("The rebels fled across the river.", "fled across the river", False),
    ],
)
def test_hedge_marks_the_event_it_qualifies(nlp, text, event, hedged):
    doc = nlp(text)
    start = text.index(event)
    assert is_hedged(doc, find_framing(doc), start, start + len(event)) is hedged


def _tagger(weights: dict[str, float], **kw):
    from rashomon.extract.framing import TaggerModel

    return TaggerModel((LOADED,), {f: (w,) for f, w in weights.items()}, {LOADED: -6.0}, {LOADED: 0.5}, **kw)


def test_a_tagged_word_with_a_hyphen_is_one_span(nlp):
    doc = nlp("The anti-Western zealots marched on the embassy.")
    found = find_framing(doc, model=_tagger({"w=anti": 9.0, "w=western": 9.0}), lexicon=load_lexicon())
    assert "anti-Western" in [f.text for f in found if f.technique == LOADED]


def test_the_parsers_token_vectors_move_the_tagger(nlp):
    import numpy as np

    from rashomon.extract.framing import tag_probabilities
    from rashomon.extract.vectors import Dense

    doc = nlp("The committee met on Tuesday.")
    width = doc.tensor.shape[1]
    lift = Dense(1, np.zeros((3 * width, 1)), np.ones(1), np.full((1, 1), 12.0))
    plain = tag_probabilities(doc, _tagger({}), load_lexicon())[LOADED]
    lifted = tag_probabilities(doc, _tagger({}, dense=lift), load_lexicon())[LOADED]
    assert max(plain) < 0.01 and min(lifted) > 0.99
    bare = nlp.make_doc("The committee met.")  # no parse, no vectors: the sparse part alone
    assert max(tag_probabilities(bare, _tagger({}, dense=lift), load_lexicon())[LOADED]) < 0.01


def test_the_word_vectors_put_a_word_near_its_kin_and_move_the_tagger(nlp):
    """A loaded word the training articles never had still lands near the ones they had."""
    import numpy as np

    from rashomon.extract.framing import tag_probabilities
    from rashomon.extract.vectors import Dense, load_word_vectors

    words = load_word_vectors()
    doc = nlp("Those thugs and gangsters sat at the table qwzxvbnm.")
    rows = words.of(doc)
    assert rows.shape == (len(doc), words.width) and not rows[-2].any()  # no vector: zeros

    def cos(i: int, j: int) -> float:
        return float(rows[i] @ rows[j] / np.linalg.norm(rows[i]) / np.linalg.norm(rows[j]))

    assert cos(1, 3) > cos(1, 7) + 0.2  # thugs ~ gangsters, not ~ table
    # A layer reading only the word vectors: one unit along "thugs", lifting its score alone.
    inputs = doc.tensor.shape[1] + words.width
    w1 = np.zeros((inputs, 1), dtype=np.float32)
    w1[doc.tensor.shape[1]:, 0] = rows[1] / np.linalg.norm(rows[1]) ** 2
    lift = Dense(0, w1, np.full(1, -0.6, dtype=np.float32), np.full((1, 1), 30.0), words=words)
    scores = tag_probabilities(doc, _tagger({}, dense=lift), load_lexicon())[LOADED]
    assert scores[1] > 0.99 and scores[3] > scores[7] and max(scores[5:]) < 0.01
