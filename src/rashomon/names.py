"""Name keys: one key for the spellings of a name romanised from Persian or Arabic.

"Massoud Darvani" and "Masoud Darvani", "Surkhanin-e Varan" and "Sorkhanin-e Varan",
"Esfarabad-e Sharq" and "Isfarabad-e Sharq" get the same key; "Varan" and "Varaq" do not.
The key keeps the consonant skeleton and the place of every vowel, and folds only the
variation that romanisation introduces (unwritten short vowels, doubled letters, ezafe,
Arabic article, q/gh/k). The rules live in `data/translit.yaml` so users can extend them.

Equal keys are a necessary condition for two names to be one thing, not a sufficient
one: `same_thing` adds the entity type and the company a name keeps.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache, lru_cache

from rashomon.data import load
from rashomon.records import GROUP_TYPES, PLACE_TYPES

_SEPARATOR = re.compile(r"([\s\-‐‑‒–—/_.,;:()&+]+)")
_POSSESSIVE = re.compile(r"(?<=\w)['’`]s\b|(?<=s)['’](?=\s|$)", re.IGNORECASE)


@dataclass(frozen=True)
class _Rules:
    apostrophes: frozenset[str]
    leading_words: frozenset[str]
    particles: frozenset[str]
    prefixes: frozenset[str]
    titles: frozenset[str]
    word_endings: tuple[tuple[str, str], ...]
    letters: tuple[tuple[re.Pattern[str], str], ...]
    vowel_class: dict[str, str]
    alphabets: tuple[tuple[frozenset[str], dict[str, str]], ...]
    glued_ezafe: tuple[str, ...]
    synonyms: dict[str, str]
    acronym_max: int


@cache
def _rules() -> _Rules:
    raw = load("translit.yaml")
    letters = []
    for src, dst in raw["letters"]:
        anchored = src.endswith("$")
        letters.append((re.compile(re.escape(src.rstrip("$")) + ("$" if anchored else "")), dst))
    return _Rules(
        apostrophes=frozenset(raw["apostrophes"]),
        leading_words=frozenset(raw["leading_words"]),
        particles=frozenset(raw["particles"]),
        prefixes=frozenset(raw["prefixes"]),
        titles=frozenset(raw["titles"]),
        word_endings=tuple((a, b) for a, b in raw["word_endings"]),
        letters=tuple(letters),
        vowel_class={v: cls for cls, vowels in raw["vowel_classes"].items() for v in vowels},
        alphabets=tuple((frozenset(a["marks"]), {str(k): str(v) for k, v in a["letters"].items()})
                        for a in raw["alphabets"]),
        glued_ezafe=tuple(raw["glued_ezafe"]),
        synonyms={str(a): str(b) for a, b in raw["word_synonyms"]},
        acronym_max=int(raw["acronym_max"]),
    )


def unaccented(text: str) -> str:
    """Strip diacritics (Eslām -> Eslam) and other marks that romanisations add or leave out."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _in_english_letters(name: str, rules: _Rules) -> str:
    """A name written in a Latin alphabet whose letters read otherwise ("Xoralı"), spelt as an
    English romanisation would spell it ("Khorali"); other names unchanged."""
    lower = name.lower()
    for marks, letters in rules.alphabets:
        if marks & set(lower):
            out = []
            for ch in name:
                spelt = letters.get(ch.lower(), ch.lower())
                out.append(spelt[:1].upper() + spelt[1:] if ch.isupper() else spelt)
            return "".join(out)
    return name


def _acronym(name: str, rules: _Rules) -> str | None:
    """'SEV', 'SeV', 'U.N.', 'IRGC': the letters in lower case; None when the name is not one."""
    letters = re.sub(r"[.\s]", "", name)
    if not letters.isalpha() or len(letters) > rules.acronym_max:
        return None
    if sum(ch.isupper() for ch in letters) < 2:
        return None
    return letters.lower()


# Class symbols are upper case while rules run, so that no later rule touches them; the key
# spells them in lower case (no folded word keeps a, e, i, o, u or k of its own).
_SPELL = str.maketrans({"A": "a", "O": "u", "X": "kh", "C": "ch", "S": "sh", "Z": "zh", "Q": "q"})


def _fold_word(word: str, rules: _Rules) -> str:
    for ending, replacement in rules.word_endings:
        if word.endswith(ending) and len(word) > len(ending) + 1:
            word = word[: -len(ending)] + replacement
    for pattern, replacement in rules.letters:
        word = pattern.sub(replacement, word)
    folded: list[str] = []
    for ch in word:
        ch = rules.vowel_class.get(ch, ch)
        if not folded or folded[-1] != ch:  # doubled letters and vowel runs of one class
            folded.append(ch)
    return "".join(folded).translate(_SPELL)


def _words(name: str, type: str | None, rules: _Rules) -> list[str]:
    """Split a cleaned name into words, dropping 'the', titles, ezafe and Arabic articles; words
    of one meaning in two languages are spelt alike ("East" as "Sharq")."""
    parts = _SEPARATOR.split(name)
    words = [(w, (parts[i + 1] if i + 1 < len(parts) else "")) for i, w in enumerate(parts) if i % 2 == 0]
    words = [(w, sep) for w, sep in words if w]
    if len(words) > 1 and words[0][0] in rules.leading_words:
        words = words[1:]
    if type == "PERSON":
        while len(words) > 1 and words[0][0] in rules.titles:
            words = words[1:]
    kept: list[str] = []
    for i, (word, sep) in enumerate(words):
        last = i == len(words) - 1
        if i > 0 and not last and word in rules.particles:
            continue  # ezafe: Surkhanin-e Varan
        joined = "-" in sep or "‐" in sep or "‑" in sep
        if not last and word in rules.prefixes and (joined or word in ("al", "el")):
            continue  # Arabic article: al-Nahr, ash-Sham
        word = rules.synonyms.get(word, word)
        if not last and len(word) > (6 if type == "PERSON" else 3) and not joined:  # not "Jane Smith"
            word = next((word[: -len(e)] for e in rules.glued_ezafe
                         if word.endswith(e) and word[-len(e) - 1] not in "aeiouy"), word)
        kept.append(word)
    return kept


def name_key(name: str, type: str | None = None) -> str:
    """The transliteration-aware key of a name: equal for spelling variants of one name.

    `type` is the entity type (PERSON, ORG, GPE, ...); for PERSON, leading titles and ranks
    ("General", "Ayatollah") are dropped. The key is a lower-case string ("Massoud Darvani"
    -> "masuddarvana", "SEV" -> "sev"), empty only for a name with no letters or digits.
    """
    return "".join(_word_keys(name, type))


def word_keys(name: str, type: str | None = None) -> list[str]:
    """The keys of a name's words, in order ("Ali Sayyad Tarani" -> ["ala", "sayad", "tarana"]),
    as `name_key` folds them; an acronym is one word ("SEV" -> ["sev"])."""
    return list(_word_keys(name, type))


@lru_cache(maxsize=8192)  # a corpus names few things many times: resolve keys each name once
def _word_keys(name: str, type: str | None) -> tuple[str, ...]:
    rules = _rules()
    text = _POSSESSIVE.sub("", unaccented(_in_english_letters(name.strip(), rules)))
    first, _, rest = text.partition(" ")
    if rest and first.lower() in rules.leading_words:
        text = rest.strip()
    acronym = _acronym(text, rules)
    if acronym:
        return (acronym,)
    text = "".join(ch for ch in text.lower() if ch not in rules.apostrophes)
    text = re.sub(r"[^\w\s\-‐‑‒–—/_.,;:()&+]", "", text)
    return tuple(key for word in _words(text, type, rules) if (key := _fold_word(word, rules)))


_BONES = str.maketrans({"a": None, "u": None, "g": "q"})


def skeleton(name: str) -> str:
    """A name's consonants in order, with kh, gh, q, k and g as one ("Khoraly", "Khoralu" ->
    "qrl"; "Kelend", "Clend" -> "qlnd"): a looser key, for a name no gazetteer holds to find the
    one place of a story spelt with the same consonants."""
    return re.sub(r"(.)\1+", r"\1", name_key(name).replace("kh", "q").translate(_BONES))


def slug(name: str) -> str:
    """A readable id for a name: its lower-case ASCII words joined by hyphens ("Mosul" ->
    "mosul"). Not for matching: spellings of one name get different slugs but one key."""
    return "-".join(re.findall(r"[a-z0-9]+", unaccented(name).lower()))


@dataclass(frozen=True)
class NameUse:
    """A name as one document uses it: its type and the keys of the entities named beside it."""

    name: str
    type: str | None = None
    context: frozenset[str] = field(default_factory=frozenset)


def _compatible(a: str | None, b: str | None) -> bool:
    if a is None or b is None or a == b:
        return True
    return {a, b} <= PLACE_TYPES or {a, b} <= GROUP_TYPES


def same_thing(a: NameUse, b: NameUse) -> bool:
    """Whether two uses of a name, in two documents, are one real thing.

    Their keys must be equal and their types compatible (GPE, LOC and FAC count as one
    family, ORG and NORP as another). A short single-word name that is spelt differently
    ("Hamid" / "Hamed") is also common as a different thing: when both documents name
    other entities, it needs at least one of them in common.
    """
    key = name_key(a.name, a.type)
    if not key or key != name_key(b.name, b.type) or not _compatible(a.type, b.type):
        return False
    spelt_alike = unaccented(a.name).casefold() == unaccented(b.name).casefold()
    short = " " not in a.name.strip() and len(key) <= 6
    if short and not spelt_alike and a.context and b.context:
        return bool(a.context & b.context)
    return True


def initials_match(acronym: str, words: list[str]) -> bool:
    """Whether the capitals of an acronym are the initials of the words, in order (e.g. "SEV" for
    "Surkhanin-e Varan", "PSOV" for "People's Sorkhanin Organization of Varnia")."""
    letters = [c.lower() for c in acronym if c.isalpha()]
    initials = [w[0].lower() for w in words if w]
    # every letter must be used in order; words may be skipped ("of", "the")
    i = 0
    for initial in initials:
        if i < len(letters) and initial == letters[i]:
            i += 1
    return i == len(letters) and bool(initials) and initials[0] == letters[0]
