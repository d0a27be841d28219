"""Framing: loaded language, name-calling and hedges, as spans a reader can check.

Two sources of spans, both knowledge in data files so a user can extend them without Python:
- the lexicon and rules in `data/framing.yaml` (loaded words, label nouns and their modifiers,
  hedges), which fire wherever they match;
- a small token tagger in `data/framing_model.json`, trained on the PTC training articles
  (SemEval-2020 Task 11) by `benchmarks/ptc_train.py`, which adds the loaded words and labels the
  lexicon does not list: a logistic regression over sparse features (the word, its neighbours,
  tags, lexicon classes, quotation marks) plus one small hidden layer over the parser's own
  contextual token vectors (Doc.tensor) and static word vectors (data/word_vectors.npz, see
  extract/vectors.py), which carry it to words the training articles never had. Tokens it scores
  above the technique's threshold are joined into spans, through a hyphen or apostrophe inside a
  word ("anti-Western"), a label up to its noun. With the tagger on, a loaded word from the
  lexicon stands only where the tagger gives it some support in context; labels and hedges always
  come from the rules too.

Technique names follow SemEval-2020 Task 11 ("Loaded_Language", "Name_Calling,Labeling");
"Hedge" marks words that distance the writer from a claim ("reportedly", "is said to").
Nothing here is a verdict: a span says which words a source chose, not whether they are fair.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from itertools import repeat
from pathlib import Path

import numpy as np
from spacy.attrs import (
    DEP,
    ENT_TYPE,
    HEAD,
    IS_PUNCT,
    IS_SPACE,
    IS_TITLE,
    IS_UPPER,
    LEMMA,
    LOWER,
    SENT_START,
    SHAPE,
    TAG,
)
from spacy.tokens import Doc, Token

from rashomon.data import file, load, parse
from rashomon.extract.vectors import Dense, load_word_vectors
from rashomon.ingest.parse import pipeline, text_of
from rashomon.records import Framing, Segment

LOADED = "Loaded_Language"
NAME_CALLING = "Name_Calling,Labeling"
HEDGE = "Hedge"
TECHNIQUES = (LOADED, NAME_CALLING, HEDGE)

MODEL_PATH = Path(str(file("framing_model.json")))  # written by benchmarks/ptc_train.py

# Clause-taking dependents that make "claim"/"allege" a hedge on what follows.
_CLAUSAL = {"ccomp", "xcomp", "auxpass", "nsubjpass"}
# Function words a tagger span does not start or end with ("a Western puppet in" -> "Western puppet").
_EDGE_POS = frozenset({"ADP", "AUX", "CCONJ", "DET", "PART", "PRON", "SCONJ"})
# Tokens a label noun phrase may span: the head's left modifiers of these relations.
_NP_MODIFIERS = {"amod", "compound", "nmod", "npadvmod", "advmod", "poss", "case", "punct", "hmod"}


@dataclass(frozen=True)
class Lexicon:
    """The contents of `framing.yaml`: single words by lemma, phrases as one regex per technique."""

    loaded: frozenset[str]
    label_heads: frozenset[str]
    label_modifiers: frozenset[str]
    label_modifier_phrases: re.Pattern[str] | None
    hedge_words: frozenset[str]
    hedge_verbs: frozenset[str]
    hedge_verb_exceptions: frozenset[str]
    phrases: tuple[tuple[str, re.Pattern[str]], ...]


@dataclass(frozen=True)
class TaggerModel:
    """Logistic-regression weights over the string features of `token_features`.

    `weights[feature]` holds one weight per entry of `techniques`, so a token is scored for every
    technique in one pass over its features.
    """

    techniques: tuple[str, ...]
    weights: dict[str, tuple[float, ...]]
    bias: dict[str, float]
    threshold: dict[str, float]
    # A span grows over neighbours scoring at least hysteresis * threshold; a lexicon hit stands
    # when some token of it scores at least gate[technique] * threshold (the word is loaded *here*).
    # Label rules are gated loosely (0.5 in the shipped model, against 0.0 before the word vectors:
    # 0.5 of a threshold of 0.25 is a probability of 0.125): a source calling a group "terrorists" is
    # a label whatever the training corpus's annotators thought of that word in American politics,
    # but a rule's span whose every token the tagger scores below that in its context is dropped.
    hysteresis: float = 0.5
    gate: dict[str, float] = field(default_factory=dict)
    # A hidden layer over the parser's contextual token vectors (Doc.tensor) and static word vectors
    # of the token and its neighbours: it knows words the sparse features never saw. None: sparse
    # features only.
    dense: Dense | None = None
    noun_phrases: bool = False  # a name-calling span grows to the noun its last word modifies

    @cached_property
    def by_template(self) -> tuple[dict[str, dict[str | None, int]], np.ndarray]:
        """The weights as a matrix (row 0 all zero) and, per template (the part before the first
        "="), a map from value to row: scoring then needs no string building per token."""
        rows: dict[str, dict[str | None, int]] = {}
        matrix = [(0.0,) * len(self.techniques)]
        for feature, values in self.weights.items():
            template, sep, value = feature.partition("=")
            rows.setdefault(template, {})[value if sep else None] = len(matrix)
            matrix.append(values)
        return rows, np.array(matrix, dtype=np.float64)


def _phrase_regex(phrases: Iterable[str]) -> re.Pattern[str] | None:
    """One case-insensitive regex matching any phrase on word boundaries, apostrophes either way."""
    alts = []
    for phrase in sorted(set(phrases), key=len, reverse=True):
        words = [re.escape(w).replace("'", "['’]") for w in phrase.split()]
        alts.append(r"\s+".join(words))
    if not alts:
        return None
    return re.compile(r"(?<![\w-])(?:" + "|".join(alts) + r")(?![\w-])", re.IGNORECASE)


def _is_phrase(entry: str) -> bool:
    return not entry.isalpha()


@lru_cache(maxsize=4)
def load_lexicon(path: Path | None = None) -> Lexicon:
    """The framing lexicon: data/framing.yaml, or a file of its format at `path`; entries with
    spaces, hyphens or apostrophes match as phrases."""
    data = load("framing.yaml") if path is None else parse(path.read_text("utf-8"), "framing.yaml", str(path))
    ll, nc, hd = data["loaded_language"], data["name_calling"], data["hedges"]

    def words(entries: Iterable[str]) -> frozenset[str]:
        return frozenset(e.lower() for e in entries if not _is_phrase(e))

    def phrases(entries: Iterable[str]) -> list[str]:
        return [e.lower() for e in entries if _is_phrase(e)]

    compiled = []
    for technique, entries in (
        (LOADED, phrases(ll["words"]) + ll.get("phrases", [])),
        (NAME_CALLING, phrases(nc["heads"]) + nc.get("phrases", [])),
        (HEDGE, phrases(hd["words"]) + hd.get("phrases", [])),
    ):
        regex = _phrase_regex(entries)
        if regex is not None:
            compiled.append((technique, regex))
    return Lexicon(
        loaded=words(ll["words"]),
        label_heads=words(nc["heads"]),
        label_modifiers=words(nc["modifiers"]),
        label_modifier_phrases=_phrase_regex(phrases(nc["modifiers"])),
        hedge_words=words(hd["words"]),
        hedge_verbs=frozenset(hd.get("verbs", [])),
        hedge_verb_exceptions=frozenset(hd.get("verb_object_exceptions", [])),
        phrases=tuple(compiled),
    )


@lru_cache(maxsize=4)
def load_model(path: Path = MODEL_PATH) -> TaggerModel | None:
    """Read the tagger weights; None when the file is absent (the lexicon still works)."""
    if not path.exists():
        return None
    return tagger_from_json(json.loads(path.read_text(encoding="utf-8")))


def tagger_from_json(data: dict) -> TaggerModel:
    """Build the tagger from the JSON structure that `benchmarks/ptc_train.py` writes."""
    return TaggerModel(
        techniques=tuple(data["techniques"]),
        weights={feature: tuple(values) for feature, values in data["weights"].items()},
        bias=data["bias"],
        threshold=data["threshold"],
        hysteresis=data.get("hysteresis", 0.5),
        gate=data.get("gate", {}),
        dense=_dense_from_json(data.get("dense")),
        noun_phrases=bool(data.get("noun_phrases", False)),
    )


def _dense_from_json(dense: dict | None) -> Dense | None:
    """The hidden layer; `word_vectors: true` adds the packaged static word vectors to its inputs."""
    if not dense:
        return None
    weights = (np.array(dense[k], dtype=np.float32) for k in ("w1", "b1", "w2"))
    return Dense(int(dense["window"]), *weights, words=load_word_vectors() if dense.get("word_vectors") else None)


def _key(token: Token) -> str:
    return token.lemma_.lower()


def token_classes(doc: Doc, lexicon: Lexicon) -> list[tuple[str, ...]]:
    """Which lexicon lists each token belongs to, by lower-cased form or lemma.

    LL loaded word, NCh label noun, NCm label modifier, H hedge word: triggers for the rules and
    features for the tagger.
    """
    lists = (
        ("LL", lexicon.loaded),
        ("NCh", lexicon.label_heads),
        ("NCm", lexicon.label_modifiers),
        ("H", lexicon.hedge_words),
    )
    lowers, lemmas = _words(doc)
    return [
        tuple(name for name, words in lists if lower in words or lemma in words)
        for lower, lemma in zip(lowers, lemmas, strict=True)
    ]


def _words(doc: Doc) -> tuple[list[str], list[str]]:
    """Lower-cased forms and lemmas of all tokens, read as arrays (a Token per access is slow)."""
    names = doc.vocab.strings
    table = doc.to_array([LOWER, LEMMA]).tolist()
    return [names[r[0]] for r in table], [names[r[1]].lower() for r in table]


def token_features(
    doc: Doc, lexicon: Lexicon, classes: list[tuple[str, ...]] | None = None
) -> list[list[str]]:
    """String features per token for the tagger: the word, its neighbours, tags and lexicon classes.

    A feature is "template=value" ("w-1=the"), or the bare template for flags ("cap").
    """
    rows: list[list[str]] = [[] for _ in range(len(doc))]
    for template, values in _feature_columns(doc, lexicon, classes):
        for row, value in zip(rows, values, strict=True):
            if value is not _ABSENT:
                row.append(template if value is None else template + "=" + value)
    return rows


_ABSENT = object()  # a template that does not apply to the token; None is a flag that does


def _feature_columns(
    doc: Doc, lexicon: Lexicon, classes: list[tuple[str, ...]] | None = None
) -> list[tuple[str, list]]:
    """The features of `token_features` column by column: (template, one value per token).

    Scoring a whole column at once keeps the per-token cost to a dictionary look-up.
    """
    if classes is None:
        classes = token_classes(doc, lexicon)
    n = len(doc)
    # Attribute arrays instead of Token objects: building a Token per access dominates the cost.
    names = doc.vocab.strings
    seen: dict[int, str] = {0: ""}

    def name(key: int) -> str:
        if key not in seen:
            seen[key] = names[key]
        return seen[key]

    table = doc.to_array([LOWER, LEMMA, TAG, DEP, ENT_TYPE, IS_TITLE, SENT_START, IS_UPPER, SHAPE]).tolist()
    heads = [i + h for i, h in enumerate(doc.to_array([HEAD]).astype("int64").tolist())]
    lowers = [name(r[0]) for r in table]
    lemmas = [name(r[1]).lower() for r in table]
    tags = [name(r[2]) for r in table]
    # How many listed loaded words share the token's sentence: loaded words come in clusters.
    loaded_in_sentence = [""] * n
    start = 0
    for end in [i for i in range(1, n) if table[i][6] == 1] + [n]:
        count = str(min(3, sum("LL" in classes[j] for j in range(start, end))))
        loaded_in_sentence[start:end] = [count] * (end - start)
        start = end
    before, after = ["<s>"], ["</s>"]
    prev_lemmas = (before + lemmas)[:n]
    next_lemmas = (lemmas + after)[1:]
    columns: list[tuple[str, list]] = [
        ("b", [None] * n),
        ("w", lowers),
        ("l", lemmas),
        ("t", tags),
        ("s", [w[-3:] for w in lowers]),
        ("d", [name(r[3]) for r in table]),
        ("e", [name(r[4]) for r in table]),
        ("hl", [lemmas[h] for h in heads]),
        ("w-1", (before + lowers)[:n]),
        ("w+1", (lowers + after)[1:]),
        ("t-1", (before + tags)[:n]),
        ("t+1", (tags + after)[1:]),
        ("l-1|l", [p + "|" + w for p, w in zip(prev_lemmas, lemmas, strict=True)]),
        ("l|l+1", [w + "|" + x for w, x in zip(lemmas, next_lemmas, strict=True)]),
        ("l-2", (before * 2 + lemmas)[:n]),
        ("l+2", (lemmas + after * 2)[2:]),
        ("p3", [w[:3] for w in lowers]),
        ("sh", [name(r[8]) for r in table]),
        ("sll", loaded_in_sentence),
        ("q", [None if inside else _ABSENT for inside in _quoted(lowers)]),
        ("cap", [None if r[5] and r[6] != 1 else _ABSENT for r in table]),
        ("upper", [None if r[7] and len(w) > 1 else _ABSENT for r, w in zip(table, lowers, strict=True)]),
    ]
    for c in ("LL", "NCh"):
        columns.append(
            ("head" + c, [None if h != i and c in classes[h] else _ABSENT for i, h in enumerate(heads)])
        )
    for c in ("LL", "NCh", "NCm", "H"):
        here = [c if c in found else _ABSENT for found in classes]
        columns.append(("x", here))
        columns.append(("x-1", [_ABSENT, *here][:n]))
        columns.append(("x+1", [*here, _ABSENT][1:]))
    return columns


def _quoted(lowers: Sequence[str]) -> list[bool]:
    """Whether each token stands inside quotation marks (reset at each line): a source's quoted
    words are often the loaded ones ("a 'cancer'")."""
    out, inside = [], False
    for word in lowers:
        if "\n" in word:
            inside = False
        if word in ("\"", "“", "”", "``", "''"):
            inside = word in ("“", "``") or (word == "\"" and not inside)
            out.append(False)
            continue
        out.append(inside)
    return out


def tag_probabilities(
    doc: Doc, model: TaggerModel, lexicon: Lexicon, classes: list[tuple[str, ...]] | None = None
) -> dict[str, list[float]]:
    """P(token inside a span of the technique) for every token and every technique of the model."""
    techniques = model.techniques
    rows, matrix = model.by_template
    index = [
        list(map(to_row.get, values, repeat(0)))  # map: the look-up loop runs in C
        for template, values in _feature_columns(doc, lexicon, classes)
        if (to_row := rows.get(template))
    ]
    z = np.tile(np.array([model.bias[t] for t in techniques]), (len(doc), 1))
    if index and len(doc):
        z += matrix[np.array(index, dtype=np.int64)].sum(axis=0)
    if model.dense is not None and model.dense.applies(doc):
        z += model.dense.scores(doc)
    p = 1.0 / (1.0 + np.exp(-np.clip(z, -30.0, 30.0)))
    return {t: p[:, k].tolist() for k, t in enumerate(techniques)}


def _trim(doc: Doc, start: int, end: int, pos: frozenset[str] = frozenset()) -> tuple[int, int] | None:
    """Token range [start, end) without punctuation, spaces or parts of speech `pos` at either edge;
    None if nothing is left."""

    def edge(token: Token) -> bool:
        return token.is_punct or token.is_space or token.pos_ in pos

    while start < end and edge(doc[start]):
        start += 1
    while end > start and edge(doc[end - 1]):
        end -= 1
    return (start, end) if start < end else None


def _runs(flags: Sequence[bool]) -> list[tuple[int, int]]:
    runs, start = [], None
    for i, on in enumerate([*flags, False]):
        if on and start is None:
            start = i
        elif not on and start is not None:
            runs.append((start, i))
            start = None
    return runs


def _to_head_noun(doc: Doc, end: int) -> int:
    """A label ends in its noun: "despotic" grows to "despotic leader" (over the modifiers between)."""
    last = doc[end - 1]
    head = last.head
    if last.dep_ in ("amod", "compound", "nmod", "advmod") and head.pos_ in ("NOUN", "PROPN") and (
            end <= head.i < end + 3):
        return head.i + 1
    return end


def _glue(doc: Doc, skip: Sequence[bool]) -> list[int]:
    """Punctuation inside a word ("anti-Israel", "so-called", "Trump's"): no space on either
    side and a word on both; a span runs through it."""
    return [t.i for t in doc[1:-1] if skip[t.i] and not t.is_space and not doc[t.i - 1].whitespace_
            and not t.whitespace_ and not skip[t.i - 1] and not skip[t.i + 1]]


def model_spans(doc: Doc, probs: dict[str, list[float]], model: TaggerModel) -> list[tuple[int, int, str]]:
    """Token spans (start, end, technique): runs of tokens scoring above the threshold, grown over
    neighbours scoring above hysteresis * threshold."""
    spans = []
    skip = [bool(space or punct) for space, punct in doc.to_array([IS_SPACE, IS_PUNCT]).tolist()]
    glue = _glue(doc, skip)
    for i in glue:
        skip[i] = False
    for technique, scores in probs.items():
        scores = list(scores)
        for i in glue:  # "anti-Israel": the hyphen is as loaded as the weaker of its two sides
            scores[i] = min(scores[i - 1], scores[i + 1])
        cut = model.threshold[technique]
        low = cut * model.hysteresis
        flags = [p >= cut and not sk for p, sk in zip(scores, skip, strict=True)]
        for start, end in _runs(flags):
            while start > 0 and scores[start - 1] >= low and not skip[start - 1]:
                start -= 1
            while end < len(doc) and scores[end] >= low and not skip[end]:
                end += 1
            if technique == NAME_CALLING and model.noun_phrases:
                end = _to_head_noun(doc, end)
            trimmed = _trim(doc, start, end, _EDGE_POS)
            # A lone "very" or "most" says nothing to a reader, whatever the tagger scored it.
            if trimmed and not all(t.is_stop for t in doc[trimmed[0] : trimmed[1]]):
                spans.append((*trimmed, technique))
    return spans


def _label_span(head: Token) -> tuple[int, int] | None:
    """The label noun phrase around `head`: its adjacent left modifiers and the head.

    Determiners and possessors stay out ("his terror-linked allies" -> "terror-linked allies"),
    and so does a modifier holding a possessive ("Tolarian dictator Kadir Varsan's regime").
    """
    start = head.i
    for child in reversed(list(head.lefts)):
        if child.dep_ not in _NP_MODIFIERS or child.right_edge.i != start - 1:
            break
        if any(t.dep_ in {"case", "poss"} for t in child.subtree):
            break
        start = child.left_edge.i
    return _trim(head.doc, start, head.i + 1)


def _modified_noun(token: Token) -> Token | None:
    """The noun a label modifier belongs to ("terror" in "terror-linked allies" -> "allies")."""
    for _ in range(3):
        if token.dep_ not in _NP_MODIFIERS or token.head.i <= token.i:
            return None
        token = token.head
        if token.pos_ in {"NOUN", "PROPN"}:
            return token
    return None


def _is_hedging_verb(token: Token, lexicon: Lexicon) -> bool:
    if _key(token) not in lexicon.hedge_verbs or token.pos_ != "VERB":
        return False
    deps = {c.dep_ for c in token.children}
    objects = {_key(c) for c in token.children if c.dep_ == "dobj"}
    if objects & lexicon.hedge_verb_exceptions:
        return False
    return bool(deps & _CLAUSAL) or token.dep_ == "acl"


def lexicon_spans(
    doc: Doc, lexicon: Lexicon, classes: list[tuple[str, ...]] | None = None, text: str | None = None
) -> list[tuple[int, int, str]]:
    """Token spans (start, end, technique) the lexicon and its rules find.

    `text` is the Doc's text (parse.text_of) when the caller has it already.
    """
    if classes is None:
        classes = token_classes(doc, lexicon)
    if text is None:
        text = text_of(doc)
    spans = []
    _, lemmas = _words(doc)
    for i, found_in in enumerate(classes):
        if not found_in and lemmas[i] not in lexicon.hedge_verbs:
            continue
        tok = doc[i]
        if "LL" in found_in:
            spans.append((tok.i, tok.i + 1, LOADED))
        if "H" in found_in or _is_hedging_verb(tok, lexicon):
            spans.append((tok.i, tok.i + 1, HEDGE))
        head = None
        if "NCh" in found_in and tok.pos_ in {"NOUN", "PROPN"}:
            head = tok
        elif "NCm" in found_in:
            head = _modified_noun(tok)
        if head is not None:
            found = _label_span(head)
            if found:
                spans.append((*found, NAME_CALLING))
    for m in lexicon.label_modifier_phrases.finditer(text) if lexicon.label_modifier_phrases else ():
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        head = _modified_noun(span.root) if span is not None else None
        if head is not None and (found := _label_span(head)):
            spans.append((*found, NAME_CALLING))
    for technique, regex in lexicon.phrases:
        for m in regex.finditer(text):
            span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
            if span is not None:
                spans.append((span.start, span.end, technique))
    return spans


def _merge(spans: Iterable[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Merge overlapping or touching token spans of the same technique."""
    merged: list[tuple[int, int, str]] = []
    for start, end, technique in sorted(spans, key=lambda s: (s[2], s[0], s[1])):
        if merged and merged[-1][2] == technique and start <= merged[-1][1]:
            last = merged[-1]
            merged[-1] = (last[0], max(last[1], end), technique)
        else:
            merged.append((start, end, technique))
    return merged


def find_framing(
    doc: Doc,
    segments: Sequence[Segment] = (),
    *,
    lexicon: Lexicon | None = None,
    model: TaggerModel | None = None,
    use_model: bool = True,
) -> list[Framing]:
    """Loaded-language, name-calling and hedge spans in a parsed document, in text order.

    `doc` is the spaCy Doc of the whole document text; spans overlapping a boilerplate segment
    are dropped (menus and promotions are not the account). `lexicon` and `model` default to the
    packaged data files; `use_model=False` gives the lexicon and rules alone.
    """
    lexicon = lexicon or load_lexicon()
    if use_model and model is None:
        model = load_model()
    text = text_of(doc)
    classes = token_classes(doc, lexicon)
    found = lexicon_spans(doc, lexicon, classes, text)
    if use_model and model is not None:
        probs = tag_probabilities(doc, model, lexicon, classes)
        found = [
            (start, end, technique)
            for start, end, technique in found
            if technique not in probs
            or max(probs[technique][start:end]) >= model.gate.get(technique, 0.0) * model.threshold[technique]
        ]
        found += model_spans(doc, probs, model)
    boiler = [(s.start, s.end) for s in segments if s.kind == "boilerplate"]
    out = []
    for start, end, technique in _merge(found):
        span = doc[start:end]
        cs, ce = span.start_char, span.end_char
        if any(cs < b_end and b_start < ce for b_start, b_end in boiler):
            continue
        out.append(Framing(start=cs, end=ce, text=text[cs:ce], technique=technique))
    out.sort(key=lambda f: (f.start, f.end, TECHNIQUES.index(f.technique)))
    return out


def find_framing_in_text(text: str) -> list[Framing]:
    """Parse `text` with Rashomon's pipeline and find its framing spans (for scripts and tests)."""
    return find_framing(pipeline()(text))


def is_hedged(doc: Doc, framing: Iterable[Framing], start: int, end: int) -> bool:
    """Whether a Hedge span in `framing` qualifies the stretch [start, end) of `doc` (an event).

    The hedge qualifies it when the word the hedge governs or modifies is the stretch's head word
    or dominates it: "the rebels reportedly fled", "he claimed that the army withdrew", "is said
    to have resigned". A hedge in another clause ("fled after troops reportedly arrived") does not.
    """
    event = doc.char_span(start, end, alignment_mode="expand")
    if event is None or not len(event):
        return False
    root = event.root
    for f in framing:
        if f.technique != HEDGE:
            continue
        hedge = doc.char_span(f.start, f.end, alignment_mode="expand")
        if hedge is None or not len(hedge):
            continue
        governor = hedge.root
        if governor.dep_ in {"advmod", "amod", "npadvmod"}:
            governor = governor.head
        if governor == root or governor.is_ancestor(root):
            return True
    return False
