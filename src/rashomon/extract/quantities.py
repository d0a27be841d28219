"""Quantities: how many, how far, how long, as each source states it.

A number is read with the words that bound it ("over 4,800" is a lower bound, "about 500" an
estimate, "hundreds" the interval 200..999), its unit ("kilometers" -> km) and, from the noun
phrase around it, what is counted ("7,500 SVO members" -> "SVO members"). Dates, years, clock
times, ordinals and numbers that name things ("Resolution 417", "p. 400") are not quantities:
the time stage reads the former, the latter are names. The words live in data/quantities.yaml.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache

from spacy.tokens import Doc, Token

from rashomon.data import load
from rashomon.ingest.parse import text_of
from rashomon.records import Quantity, Segment, Timex


@dataclass(frozen=True)
class Lexicon:
    """The words of data/quantities.yaml, compiled once."""

    number_words: dict[str, float]
    multipliers: dict[str, float]
    vague: dict[str, tuple[float, float]]
    vague_prefixes: dict[str, float]
    qualifiers: dict[str, str]
    suffix_qualifiers: dict[str, str]
    unit_of: dict[str, str]
    identifier_words: frozenset[str]
    not_counted: frozenset[str]
    months: frozenset[str]
    time_relations: frozenset[str]
    time_units: frozenset[str]
    multiplicatives: frozenset[str]
    ordinal_words: frozenset[str]
    counted_plurals: frozenset[str]
    year_openers: frozenset[str]
    clock_words: frozenset[str]
    day_parts: tuple[str, ...]
    frequency_words: frozenset[str]
    comparatives: frozenset[str]
    change_verbs: frozenset[str]
    pattern: re.Pattern


def _alternation(words) -> str:
    """A regex alternation of phrases, longest first, with flexible inner spaces."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


@cache
def lexicon() -> Lexicon:
    data = load("quantities.yaml")
    number_words = {str(k).lower(): float(v) for k, v in data["number_words"].items()}
    multipliers = {str(k).lower(): float(v) for k, v in data["multipliers"].items()}
    vague = {str(k).lower(): (float(v[0]), float(v[1])) for k, v in data["vague"].items()}
    prefixes = {str(k).lower(): float(v) for k, v in data["vague_prefixes"].items()}
    qualifiers = {str(k).lower(): str(v) for k, v in data["qualifiers"].items()}
    suffixes = {str(k).lower(): str(v) for k, v in data["suffix_qualifiers"].items()}
    unit_of = {str(form).lower(): str(unit) for unit, forms in data["units"].items() for form in forms}
    word = rf"(?:{_alternation(set(number_words) | set(multipliers))})"
    # "4,800", "55, 000" (a group after ", " that opens with 0 continues the number: no list item does),
    # "5 000" (groups of three set apart by a space, as South African and European texts write them)
    digits = (r"(?:\d{1,3}(?:,\d{3}|, 0\d{2})+(?:\.\d+)?|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d,.])"
              r"|\d+(?:\.\d+)?)(?!\d)(?!(?:st|nd|rd|th)\b)"
              r"(?![:/]\d)")
    single = rf"(?:{digits}(?:\s+(?:{_alternation(multipliers)})\b)?|{word}(?:(?:\s+and\s+|[\s-]+){word})*\b)"
    vague_few = _alternation(p for p in prefixes if not p.endswith(" of"))
    vague_re = (rf"(?:(?:{_alternation(prefixes)})\s+)?(?:{_alternation(vague)})\b"
                rf"|(?:{vague_few})\s+(?:{_alternation(k for k in multipliers if len(k) > 2)})\b")
    unit_forms = sorted(unit_of, key=len, reverse=True)
    symbols = [f for f in unit_forms if not f[0].isalnum()]
    words = [f for f in unit_forms if f[0].isalnum()]
    pattern = re.compile(
        rf"(?<![\w$€£.,/:@#-])"
        rf"(?P<qual>(?:{_alternation(qualifiers)})\s+)?"
        rf"(?P<cur>[$€£])?"
        rf"(?:(?:between|from)\s+)?"
        rf"(?P<num>{vague_re}|{single})"
        # a range's first end may carry a footnote marker: "460[2] to 3,500[3]"
        rf"(?:(?P<unit1>[\s-]?(?:{_alternation(words)})(?!\w))?(?:\[\w{{1,3}}\])*\s*(?:-|–|—|to|and)\s*"
        rf"(?P<num2>{single}))?"
        rf"(?P<suffix>\s*(?:{_alternation(suffixes)}))?"
        rf"(?P<unit>\s*(?:{_alternation(symbols)})|[\s-]?(?:{_alternation(words)})(?!\w))?"
        rf"(?!\w)",  # "10am", "1990s", "F16" are no amounts
        re.IGNORECASE,
    )
    return Lexicon(number_words, multipliers, vague, prefixes, qualifiers, suffixes, unit_of,
                   frozenset(w.lower() for w in data["identifier_words"]),
                   frozenset(w.lower() for w in data["not_counted"]),
                   frozenset(m.lower() for m in data["months"]),
                   frozenset(w.lower() for w in data["time_relations"]), frozenset(data["time_units"]),
                   frozenset(w.lower() for w in data["multiplicatives"]),
                   frozenset(w.lower() for w in data["ordinal_words"]),
                   frozenset(w.lower() for w in data["counted_plurals"]),
                   frozenset(w.lower() for w in data["year_openers"]),
                   frozenset(w.lower() for w in data["clock_words"]),
                   tuple(" ".join(w.lower().split()) for w in data["day_parts"]),
                   frozenset(data["frequency_words"]), frozenset(data["comparatives"]),
                   frozenset(w.lower() for w in data["change_verbs"]), pattern)


def _number(text: str, lex: Lexicon) -> float | None:
    """The value of one number written in digits and/or words ("4.5 million", "two hundred and fifty")."""
    text = re.sub(r"(?<=\d)[ \u00a0\u202f](?=\d{3}\b)", "", text)  # "5 000": one number
    text = " ".join(re.sub(r", (?=0\d\d)", ",", text.lower()).replace("-", " ").split())
    if m := re.fullmatch(r"([\d,]+(?:\.\d+)?)(?: (\w+))?", text):
        value = float(m[1].replace(",", ""))
        return value * lex.multipliers.get(m[2], 1.0) if m[2] else value
    total = current = 0.0
    rest = text
    while rest:
        rest = rest.removeprefix("and ").strip()
        key = next((k for k in sorted(lex.number_words, key=len, reverse=True)
                    if rest == k or rest.startswith(k + " ")), None)
        if key is not None:
            current += lex.number_words[key]
        else:
            key = next((k for k in lex.multipliers if rest == k or rest.startswith(k + " ")), None)
            if key is None:
                return None
            current = max(current, 1.0) * lex.multipliers[key]
            if lex.multipliers[key] >= 1000:
                total, current = total + current, 0.0
        rest = rest[len(key):].strip()
    return total + current


def _multiplier(text: str, lex: Lexicon) -> float | None:
    """The factor a number ends with ("5 thousand": 1000), if any."""
    last = text.lower().split()[-1] if text.split() else ""
    return lex.multipliers.get(last)


def _vague(text: str, lex: Lexicon) -> tuple[float, float] | None:
    """The interval of a plural round number ("hundreds", "tens of thousands", "several hundred")."""
    words = " ".join(text.lower().split())
    for prefix, factor in sorted(lex.vague_prefixes.items(), key=lambda kv: -len(kv[0])):
        if words.startswith(prefix + " "):
            rest = words[len(prefix) + 1:]
            if rest in lex.vague:
                low, high = lex.vague[rest]
                return (low * factor, (high + 1) * factor - 1) if factor > 1 else (low, high)
            if rest in lex.multipliers:
                return 2 * lex.multipliers[rest], 10 * lex.multipliers[rest] - 1
    return lex.vague.get(words)


def _words_before(text: str, start: int, n: int = 1) -> list[str]:
    return re.findall(r"[\w’']+", text[max(0, start - 40):start].lower())[-n:]


def _words_after(text: str, end: int) -> list[str]:
    return re.findall(r"[\w’']+", text[end:end + 40].lower())


def _is_name_or_date(text: str, m: re.Match, lex: Lexicon) -> bool:
    """Whether a matched number is a year, a day of a date, an identifier or a multiplier, not an amount."""
    num = m["num"]
    before = _words_before(text, m.start())
    after = re.match(r"\s*[-\s]?([\w’']+)", text[m.end("num2") if m["num2"] else m.end("num"):])
    next_word = after[1].lower() if after else ""
    month_next = next_word in lex.months and after[1][:1].isupper()  # "500 may have died": no month
    if (before and before[0] in lex.months) or (month_next and not m["unit"]):
        return True
    ranged = m[0].lower().startswith(("between", "from"))  # "the number between 2,800 and 3,800"
    if not m["qual"] and not m["cur"] and not ranged and before and before[0] in lex.identifier_words and (
            num[:1].isdigit() or next_word not in lex.frequency_words):
        return True  # "Flight 412", "Resolution 417"; not "warned the flight seven times"
    if next_word in lex.multiplicatives and not m["unit"] and not _how_often(text, m, next_word, lex):
        return True
    if next_word in lex.ordinal_words and text[m.end():m.end() + 1] == "-":
        return True  # "the thirty-second anniversary": an ordinal
    is_year = [bool(re.fullmatch(r"1\d{3}|20\d{2}", x or "")) for x in (num, m["num2"])]
    if (is_year[0] and not m["unit"] and not m["qual"] and not m["cur"] and (m["num2"] is None or is_year[1])
            and not (_plural_follows(next_word, lex) and not (before and before[0] in lex.year_openers))):
        return True  # "in 1988", "the 1988 elections"; but "1000 Ostrians", "1200 troops" count
    if _footnote(text, m) or _clock_time(text, m, lex):
        return True
    return num.lower() == "one" and not m["unit"] and next_word in ("of", "another", "")


def _how_often(text: str, m: re.Match, word: str, lex: Lexicon) -> bool:
    """Whether "N times" says how often something was done ("warned the flight seven times"), not
    by how much one thing exceeds another ("seven times more", "three times as many")."""
    after = re.findall(r"[\w’']+", text[m.end():m.end() + 40].lower())[1:2]
    return word in lex.frequency_words and not (after and (after[0] in lex.comparatives or after[0].endswith("er")))


def _clock_time(text: str, m: re.Match, lex: Lexicon) -> bool:
    """An hour, not an amount: "5 pm", "0835 GMT", "at 1.40 in the afternoon" (a part of the day
    after an hour with its minutes; "killed 3 in the morning" counts three)."""
    if m["num2"] or m["unit"] or not re.fullmatch(r"\d{1,2}(?:\.\d\d)?|[0-2]\d[0-5]\d", m["num"]):
        return False
    if re.fullmatch(r"(?:[01]?\d|2[0-3])\.[0-5]\d", m["num"]) and _words_before(text, m.start()) == ["at"]:
        return True  # "at 16.10 the shooting began": an hour with its minutes
    after = text[m.end():m.end() + 20].lower()
    word = re.match(r"\s*([a-z’'.]+)", after)
    if word and (word[1] in lex.clock_words or word[1].rstrip(".") in lex.clock_words):
        return True
    rest = " ".join(after.split())
    return "." in m["num"] and any(rest.startswith(part) for part in lex.day_parts)


def _plural_follows(word: str, lex: Lexicon) -> bool:
    return word in lex.counted_plurals or (len(word) > 3 and word.endswith("s") and word not in lex.not_counted)


def _footnote(text: str, m: re.Match) -> bool:
    """A reference mark, not an amount: "[2]" anywhere, "(149)" after the end of a sentence or
    before the start of the next."""
    before, after = text[max(0, m.start() - 2):m.start()], text[m.end():m.end() + 3]
    if before.endswith("[") and after.startswith("]"):
        return True
    if before.endswith("(") and after.startswith(")") and m["num"].isdigit():
        said_before = text[:m.start() - 1].rstrip()[-1:] in ".!?\"”’'"
        return said_before or bool(re.match(r"\)\s+[A-Z]", text[m.end():m.end() + 3]))
    return False


def _change_to(text: str, m: re.Match, lex: Lexicon) -> bool:
    """Whether "by N to M" after a verb of change tells the change and the figure it reached ("the
    toll rose by 11 to 187"), not a range ("killed by 30 to 40 gunmen", "cut by 5 to 10 percent")."""
    if not m["num2"] or m["unit"] or m["unit1"] or _words_before(text, m.start(), 2)[-1:] != ["by"]:
        return False
    if not re.fullmatch(r"\s*to\s*", text[m.end("num"):m.start("num2")], re.IGNORECASE):
        return False
    low, high = _number(m["num"], lex), _number(m["num2"], lex)
    verb = _words_before(text, m.start(), 2)[:1]
    return bool(set(verb) & lex.change_verbs) and low is not None and high is not None and high > 2 * low


def _matches(text: str, lex: Lexicon):
    """The pattern's matches, a day after its month kept apart from a number that follows
    ("on May 13 500 people fled": 500, not 13,500)."""
    pos = 0
    while m := lex.pattern.search(text, pos):
        group = re.match(r"\d{1,3}[ \u00a0\u202f](?=\d{3})", m["num"])
        if group and m.start("num") == m.start() and set(_words_before(text, m.start())) & lex.months:
            pos = m.start() + group.end()
            continue
        yield m
        pos = m.end()


def parse_quantity(text: str) -> list[Quantity]:
    """Every amount written in `text`, read from the words alone: value or low/high, unit, approx.

    Offsets are into `text`; `counted` is left None (it needs the parse, see find_quantities).
    Never raises: text with no amount gives [].
    """
    lex, found = lexicon(), []
    for m in _matches(text, lex):
        if _is_name_or_date(text, m, lex):
            continue
        if _change_to(text, m, lex):
            at = m.start("num2")
            found.extend(replace(q, start=q.start + at, end=q.end + at) for q in parse_quantity(text[at:m.end()]))
            continue  # "the toll rose by 11 to 187": 187, the change is no end of a range
        qual = lex.qualifiers.get(" ".join(m["qual"].lower().split())) if m["qual"] else None
        suffix = lex.suffix_qualifiers.get(" ".join(m["suffix"].lower().split())) if m["suffix"] else None
        unit_text = (m["unit"] or m["unit1"] or "").strip(" -\t\n").lower()
        unit = lex.unit_of.get(" ".join(unit_text.split())) or lex.unit_of.get(m["cur"] or "")
        if unit in lex.time_units and set(_words_after(text, m.end())[:1]) & lex.time_relations:
            continue  # "two days later" is a point in time
        value = low = high = None
        approx = False
        interval = _vague(m["num"], lex)
        if interval:
            low, high, approx = interval[0], interval[1], True
            top = _number(m["num2"], lex) if m["num2"] else None
            if top is not None and top > high:
                high = top  # "from several hundred to 7,000": a vague low end, the high end said
        elif m["num2"]:
            low, high = _number(m["num"], lex), _number(m["num2"], lex)
            factor = _multiplier(m["num2"], lex)
            if low is not None and factor and not _multiplier(m["num"], lex) and low * factor <= (high or 0):
                low *= factor  # "4-5 thousand": both ends are thousands
            if low is None or high is None or high < low:
                continue
        else:
            value = _number(m["num"], lex)
            if value is None:
                continue
        kind = qual or suffix
        if value is not None and kind == "low":
            value, low = None, value
        elif value is not None and kind == "high":
            value, high = None, value
        elif kind == "approx":
            approx = True
        found.append(Quantity(m.start(), m.end(), m[0], value=value, low=low, high=high,
                              unit=unit, approx=approx))
    rows = _table_rows(text)  # a row's value is read with its label, in place of the bare number
    found = [q for q in found if not any(r.start < q.end and q.start < r.end for r in rows)]
    return sorted(found + rows, key=lambda q: q.start)


# a row of an infobox copied as plain text: a label run into its number ("Passengers274", "Deaths200+")
TABLE_ROW = re.compile(r"^(?P<label>[A-Z][a-z]+(?: [a-z]+){0,3})(?P<num>\d{1,3}(?:,\d{3})+|\d+)(?P<plus>\+)?"
                       r"(?=[\s(\[]|$)", re.MULTILINE)


# a further value of the row above, on a line of its own: "485 (Ostrian parliament figure)[3]"
ROW_VALUE = re.compile(r"\n(?P<num>\d{1,3}(?:,\d{3})+|\d+)(?P<plus>\+)?(?=\s*(?:[(\[]|$))", re.MULTILINE)


def _table_rows(text: str) -> list[Quantity]:
    """Counts in infobox rows, the label being what is counted ("Fatalities290": 290 fatalities),
    and in the lines below a row that give another value of it ("485 (parliament figure)")."""
    out, months = [], lexicon().months
    for m in TABLE_ROW.finditer(text):
        if (re.findall(r"[a-z]+", text[m.end():m.end() + 12].lower()) or [""])[0] in months:
            continue  # "Date3 July 1988": a date, which the time stage reads
        label, line_end = m["label"].lower(), text.find("\n", m.end())
        for row in [m, *_row_values(text, line_end)]:
            number = float(row["num"].replace(",", ""))
            value, low = (None, number) if row["plus"] else (number, None)
            out.append(Quantity(row.start("num"), row.end(), text[row.start("num"):row.end()], value=value,
                                low=low, counted=label))
    return out


def _row_values(text: str, at: int):
    """The value lines that follow one another from offset `at` (a line break)."""
    while at >= 0 and (m := ROW_VALUE.match(text, at)):
        yield m
        at = text.find("\n", m.end())


def _phrase(first: Token, last: Token) -> tuple[int, int] | None:
    """Token indices of the first and last token of a phrase, or None when they are out of order."""
    return (first.i, last.i) if first.i <= last.i else None


def _counted_noun(doc: Doc, number: Token, end_char: int, lex: Lexicon) -> tuple[int, int] | None:
    """The noun phrase a number counts: its head noun with the modifiers after the number and the
    nouns joined to it by a bare "and"/"or" ("tanks and military vehicles")."""
    after = [t for t in doc[number.i + 1:number.i + 12] if t.idx >= end_char]
    while after and after[0].lower_ in lex.not_counted and after[0].lower_ != "of":
        after = after[1:]
    if not after:
        return None
    if after[0].lower_ == "of":  # "hundreds of civilians", "thousands of them"
        obj = next((c for c in after[0].children if c.dep_ == "pobj"), None)
        if obj is None or obj.pos_ == "PRON":
            return None
        head = obj
        first = next((t for t in after[1:] if t.pos_ not in ("DET",)), obj)
    else:
        head = number.head if number.dep_ in ("nummod", "quantmod", "amod", "compound") else None
        if head is not None and any(t.text in ",;:" for t in doc[number.i + 1:head.i]):
            head = None  # "more than 250, half of them children": the comma ends what the number counts
        if head is None or head.i <= number.i or head.pos_ not in ("NOUN", "PROPN"):
            head = None
            for t in after:  # no usable parse: the run of modifiers and nouns after the number
                if t.pos_ in ("NOUN", "PROPN"):
                    head = t
                elif head is not None or t.pos_ not in ("ADJ", "PUNCT", "VERB") or t.text in ",;:.":
                    break
            if head is None:
                return None
        first = after[0]
    if head.ent_type_ in ("DATE", "TIME"):
        return None  # "rose to 358 yesterday": when, not what is counted
    last = head
    for conj in head.conjuncts:
        between = doc[last.i + 1:conj.left_edge.i]
        if conj.i > last.i and len(between) == 1 and between[0].dep_ == "cc":
            last = conj
        else:
            break
    return _phrase(first, last)


def _verbs(doc: Doc, verb: Token) -> str:
    """A verb with the verbs joined to it ("killed or injured")."""
    last = max([verb, *[c for c in verb.conjuncts if c.i > verb.i]], key=lambda t: t.i)
    return doc[verb.i:last.i + 1].text


def _counted(doc: Doc, q: Quantity, lex: Lexicon) -> str | None:
    """What a quantity counts, from the parse: a noun phrase, or the passive verbs a bare number is
    subject of ("over 4,800 were killed or injured" -> "killed or injured"; "1.7 million took part"
    -> None)."""
    span = doc.char_span(q.start, q.end, alignment_mode="expand")
    if span is None:
        return None
    numbers = [t for t in span if t.like_num or t.lower_ in lex.vague or t.lower_ in lex.multipliers]
    if not numbers:
        return None
    number, nxt = numbers[-1], doc[span.end] if span.end < len(doc) else None
    if q.unit and q.unit not in ("USD", "EUR", "GBP", "IRR") and (nxt is None or nxt.lower_ != "of"):
        return None
    if nxt is not None and nxt.lower_ != "of":
        # what befell them ("over 4,800 were killed or injured"), not what they did ("took part")
        if number.dep_ in ("nsubj", "nsubjpass") and number.head.pos_ == "VERB":
            return _verbs(doc, number.head) if number.head.tag_ == "VBN" else None
        if nxt.pos_ in ("AUX", "VERB"):  # a bare number as subject that the parse attached elsewhere
            verb = next((t for t in doc[nxt.i:nxt.i + 4] if t.pos_ == "VERB"), None)
            return _verbs(doc, verb) if verb is not None and verb.tag_ == "VBN" else None
    found = _counted_noun(doc, number, q.end, lex)
    return doc[found[0]:found[1] + 1].text if found else None


def _is_date_entity(no_counts: list[tuple[int, int]], q: Quantity) -> bool:
    """Whether the span lies in a date, a clock time or a map position (`no_counts`: their
    character spans) and carries no unit of duration."""
    if q.unit in lexicon().time_units:
        return False
    return any(start < q.end and q.start < end for start, end in no_counts)


def find_quantities(doc: Doc, segments: Sequence[Segment], timexes: Sequence[Timex] = ()) -> list[Quantity]:
    """Quantities in the non-boilerplate segments of a document, with what each counts.

    `doc` is the spaCy Doc of the whole stored text; offsets are into doc.text. A number inside
    one of the `timexes` (the `time` stage's) that is a date or a time ("12 Mehr") is no count.
    """
    lex, found, text = lexicon(), [], text_of(doc)
    # spaCy's dates and times (Doc.ents too), less a bare number under 1000 it took for a year or a
    # day ("put the death toll at 87, a figure ..."); map positions ("42°25′46″N")
    no_counts = [(e.start_char, e.end_char) for e in doc.ents if e.label_ in ("DATE", "TIME")
                 and not (e.text.isdigit() and len(e.text) < 4)]
    no_counts += [(t.start, t.end) for t in timexes if t.type in ("DATE", "TIME")]
    no_counts += [m.span() for m in re.finditer(load("quantities.yaml")["coordinates"], text)]
    # a model's number, which spaCy reads as a product ("a Boeing 777", "the 777-200ER")
    no_counts += [(t.idx, t.idx + len(t)) for t in doc if t.like_num and t.ent_type_ == "PRODUCT"]
    for seg in segments:
        if seg.kind == "boilerplate":
            continue
        for q in parse_quantity(text[seg.start:seg.end]):
            q = replace(q, start=q.start + seg.start, end=q.end + seg.start)
            if _is_date_entity(no_counts, q):
                continue
            span = doc.char_span(q.start, q.end, alignment_mode="expand")
            if span is not None and q.text.lower() == "one" and span[-1].dep_ not in ("nummod",):
                continue
            found.append(replace(q, counted=q.counted or _counted(doc, q, lex)))
    # an infobox's rows may fall in several segments (a label line read as a heading): read them
    # over the whole text, each in place of the bare number the segment gave
    rows = {q.start: q for q in _table_rows(text)}
    return [rows.get(q.start, q) if not q.counted or q.counted[:1] in "([" else q for q in found]
