"""Newswire conventions of TimeML (issue 18, fourth round), on sentences written for these tests (no
corpus text)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from rashomon.extract.time import find_timexes, tag
from rashomon.outputs.timeml import to_timeml


def parsed(nlp, text: str, published: str) -> dict[str, str | None]:
    return {t.text: t.value for t in find_timexes(nlp(text), (), published)}


def exported(text: str, published: str) -> dict[str, str]:
    root = ET.fromstring(to_timeml("d", text, tag(text, published), published))
    return {t.text or "": t.get("value", "") for t in root.iter("TIMEX3") if t.get("functionInDocument") == "NONE"}


def test_a_present_tense_date_is_not_in_a_past_a_report_mentioned(nlp):
    text = ("The founder of the co-operative was born on March 2, 1931. The new bylaws take effect "
            "on Feb. 1.")
    assert parsed(nlp, text, "2004-11-20")["Feb. 1"] == "2005-02-01"


def test_the_past_still_lends_its_year_to_a_past_tense_date(nlp):
    text = "The dam was finished on March 2, 1931. It flooded the valley on May 9."
    assert parsed(nlp, text, "2004-11-20")["May 9"] == "1931-05-09"


def test_an_anniversary_or_an_eve_is_no_timex3_in_the_timeml_export():
    text = ("Veterans gathered on Sunday for the 60th anniversary of the landing. On the eve of the "
            "parade, the mayor spoke.")
    tags = exported(text, "2004-06-08")
    assert tags == {"Sunday": "2004-06-06"}
    assert any("anniversary" in t.text for t in tag(text, "2004-06-08"))  # rashomon itself keeps it
