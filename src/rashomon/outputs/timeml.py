"""TimeML export of one document: inline TIMEX3 tags that the TempEval-3 tools can score.

Values are written in the TimeML 1.2.1 conventions those tools expect: a decade is "198" (not "198X"),
a century "19" (not "19XX"). A timex left unresolved gets an underspecified
value ("XXXX-XX-XX", "PX") so that the file stays valid; the reason stays in rashomon's own export.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

from rashomon.extract.time import tag
from rashomon.records import Timex

#: mod values TimeML 1.2.1 accepts on TIMEX3.
MODS = {"BEFORE", "AFTER", "ON_OR_BEFORE", "ON_OR_AFTER", "LESS_THAN", "MORE_THAN", "EQUAL_OR_LESS",
        "EQUAL_OR_MORE", "START", "MID", "END", "APPROX"}

# characters XML 1.0 forbids even escaped; a scraped text may hold them (a form feed, an ESC)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def escape(text: str) -> str:
    """Text as XML character data: markup escaped, forbidden characters as U+FFFD (one for one,
    so the TEXT keeps the document's length)."""
    return xml_escape(_NOT_XML.sub("\ufffd", text))


_UNRESOLVED = {"DATE": "XXXX-XX-XX", "TIME": "XXXX-XX-XXTXX:XX", "DURATION": "PX", "SET": "PX"}


def timeml_value(timex: Timex) -> str:
    """The TIMEX3 value as TimeML 1.2.1 writes it."""
    value = timex.value
    if value is None:
        return _UNRESOLVED.get(timex.type, "XXXX-XX-XX")
    if re.fullmatch(r"\d{3}X", value):
        return value[:3]
    if re.fullmatch(r"\d{2}XX", value):
        return value[:2]
    return value


# A day told by the event it marks ("the 50th anniversary", "on the eve of the vote"): TimeML annotates
# the event, not a TIMEX3, and rashomon's value (the year of the event commemorated) is not TimeML's.
# A holiday's eve ("Christmas Eve", "New Year's Eve") is a date of its own and stays.
_EVENT_TOLD = re.compile(r"\banniversary\b|\beve\s+of\b", re.I)


# TimeML values have no intervals: a range ("1996-2000", "Aug. 10 to 12") is two TIMEX3s, its ends
_RANGE_GAP = re.compile(r"\s*(?:-|–|—|\bto\b|\buntil\b|\btill\b|\bthrough\b)\s*", re.I)
# "three days later", "a day earlier": TimeML annotates the stretch counted (a DURATION, "three days" P3D)
# and takes the word after it for a signal; rashomon's own export keeps the day it points to. A year or
# a month earlier ("up from $3 a year earlier") is the period compared with, a DATE in TimeML as well.
_COUNTED = re.compile(r"(?P<stretch>.*\b(?:days?|weeks?|hours?|minutes?))\s+(?:later|earlier|afterwards?)", re.I)

Piece = tuple[int, int, str, str | None]  # start, end, type, value of one TIMEX3


def _pieces(t: Timex) -> list[Piece]:
    """The TIMEX3s a timex is written as: a range's two ends when its text parts at a dash or "to"
    after its first end; the stretch counted of "three days later"; else the timex whole."""
    if t.value and (m := _COUNTED.fullmatch(t.text)):
        stretch = m["stretch"]
        counted = [d for d in tag(stretch) if d.type == "DURATION" and (d.start, d.end) == (0, len(stretch))]
        if counted:
            return [(t.start, t.start + len(stretch), "DURATION", counted[0].value)]
    if t.value is None or "/" not in t.value:
        return [(t.start, t.end, t.type, t.value)]
    first, last = t.value.split("/", 1)
    gaps = [m for m in _RANGE_GAP.finditer(t.text) if m.start() > 0 and m.end() < len(t.text)]
    worded = [m for m in gaps if m.group(0).strip()[:1].isalpha() or m.group(0) != m.group(0).strip()]
    gap = worded[0] if len(worded) == 1 else gaps[0] if len(gaps) == 1 else None  # not inside "1998-07-03"
    if gap is None:
        return [(t.start, t.end, t.type, t.value)]
    return [(t.start, t.start + gap.start(), t.type, first), (t.start + gap.end(), t.end, t.type, last)]


def to_timeml(doc_id: str, text: str, timexes: Sequence[Timex], dct: str | None) -> str:
    """A TimeML document: DOCID, DCT (when the publication date is known) and TEXT with TIMEX3 tags.

    `timexes` must not overlap (the time stage never returns overlapping ones); their offsets index `text`.
    """
    parts = ['<?xml version="1.0" ?>', "<TimeML>", f"<DOCID>{escape(doc_id)}</DOCID>"]
    if dct:
        parts.append(f'<DCT><TIMEX3 tid="t0" type="DATE" value={quoteattr(dct)} temporalFunction="false" '
                     f'functionInDocument="CREATION_TIME">{escape(dct)}</TIMEX3></DCT>')
    body, pos = [], 0
    tagged = [t for t in timexes if not _EVENT_TOLD.search(t.text)]
    n = 0
    for t in sorted(tagged, key=lambda t: t.start):
        if t.start < pos:
            raise ValueError(f"timex {t.text!r} at {t.start} overlaps the previous one")
        for start, end, kind, value in _pieces(t):
            n += 1
            attrs = f'tid="t{n}" type="{kind}" value={quoteattr(timeml_value(replace(t, type=kind, value=value)))}'
            if t.mod in MODS:
                attrs += f' mod="{t.mod}"'
            attrs += f' temporalFunction="{"true" if t.anchor else "false"}" functionInDocument="NONE"'
            body.append(escape(text[pos:start]))
            body.append(f"<TIMEX3 {attrs}>{escape(text[start:end])}</TIMEX3>")
            pos = end
    body.append(escape(text[pos:]))
    parts += ["<TEXT>" + "".join(body) + "</TEXT>", "</TimeML>", ""]
    return "\n".join(parts)
