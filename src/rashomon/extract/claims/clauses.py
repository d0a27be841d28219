"""Where the words that tell a count's fate begin and end: the clause the count sits in, less a
clause joined to it before or after that tells of other people."""

from __future__ import annotations

import re

from spacy.tokens import Token

from rashomon.extract.quantities import lexicon


def clause_start(number: Token, sentence_start: int) -> int:
    """Where the words before a count that may tell its fate begin: at the clause the count sits
    in, when that clause hangs on or is joined to another ("others were injured, and two were run
    down": the two were not said to be injured; "inflicted 500 casualties, routed 14 divisions";
    "took 10 hostages and held the town, backed by thousands of supporters"), else at the
    sentence's start."""
    verb = number.head
    while verb.head.i != verb.i and verb.pos_ not in ("VERB", "AUX"):
        verb = verb.head
    if verb.pos_ == "VERB" and verb.dep_ in ("conj", "acl", "relcl", "advcl"):
        return max(sentence_start, verb.left_edge.idx)
    return sentence_start


def next_clause(number: Token, after: int) -> int:
    """Where a clause joined to the count's own and with a subject of its own begins, past `after`
    (the count's end); else a large offset. A subject that is itself a count leaves the words to
    the "#" that stands for it ("left 106 civilians and more than 300 injured")."""
    verb = number
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    starts = [c.left_edge.idx for c in verb.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") and any(
        s.dep_ in ("nsubj", "nsubjpass") and not s.like_num and not any(n.dep_ == "nummod" for n in s.children)
        for s in c.children) and c.left_edge.idx >= after]
    return min(starts, default=1 << 30)


def in_brackets(text: str, start: int) -> bool:
    """Whether a bracket opened on the line of `start` is still open at it."""
    opened = text.rfind("(", max(0, start - 120), start)
    return opened >= 0 and not {")", "\n"} & set(text[opened:start])


def fate_before_parenthesis(text: str, start: int, fate_of: dict[str, str]) -> str | None:
    """The fate of a count in parentheses after a fate's count ("41 killed (37 soldiers, 4 police
    officers)": the four were killed), by the word before the parenthesis, or by the clause before
    it when the parenthesis breaks that count down ("638 were killed on 14 May (of which 595 were
    civilians)"); else None, and None where the parenthesis gives its count a fate of its own ("34
    dead (78 injured)": the 78 are the wounded)."""
    opened = text.rfind("(", max(0, start - 80), start)
    if opened < 0 or {")", "\n"} & set(text[opened:start]):
        return None
    closed = text.find(")", start, start + 80)
    if closed >= 0 and any(word in fate_of for word in re.findall(r"[a-z]+", text[start:closed].lower())):
        return None
    breakdown = re.match(r"\(\s*(?:of which|of whom|among them|including)\b", text[opened:start], re.IGNORECASE)
    lead = re.findall(r"[a-z]+", text[max(0, opened - (60 if breakdown else 20)):opened].lower())
    for word in reversed(lead[-6:] if breakdown else lead[-1:]):
        if word in fate_of:
            return fate_of[word]
    return None


def count_follows(words: list[str]) -> bool:
    """Whether words read with numbers as "#" open with a count, perhaps after its qualifier ("#
    ...", "at least # ...", "up to # ...")."""
    qualifiers = lexicon().qualifiers
    return any(words[n:n + 1] == ["#"] and (n == 0 or " ".join(words[:n]) in qualifiers) for n in range(4))
