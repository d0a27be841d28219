"""TimeML export: a document the TempEval-3 tools can read, with the values rashomon found."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from rashomon.extract.time import tag
from rashomon.outputs.timeml import timeml_value, to_timeml
from rashomon.records import Timex


def test_export_is_well_formed_and_keeps_text_and_values():
    text = "Fighting began on 3 May 1915 & lasted <four> days; in the early 1910s nobody expected it."
    timexes = tag(text, "2015-05-03")
    root = ET.fromstring(to_timeml("doc-1", text, timexes, "2015-05-03"))
    body = root.find("TEXT")
    assert "".join(body.itertext()) == text
    tags = {t.text: t.attrib for t in body.iter("TIMEX3")}
    assert tags["3 May 1915"]["value"] == "1915-05-03"
    assert tags["the early 1910s"]["value"] == "191"  # TimeML 1.2.1 writes a decade without the X
    assert tags["the early 1910s"]["mod"] == "START"
    assert root.find("DCT/TIMEX3").get("functionInDocument") == "CREATION_TIME"


def test_unresolved_timex_gets_an_underspecified_value():
    t = Timex(0, 12, "The next day", "DATE", None, anchor="no earlier date")
    assert timeml_value(t) == "XXXX-XX-XX"
    root = ET.fromstring(to_timeml("d", "The next day it rained.", [t], None))
    assert root.find("DCT") is None
    assert root.find("TEXT/TIMEX3").get("value") == "XXXX-XX-XX"


def test_a_range_is_two_timex3s_and_a_holidays_eve_stays():
    """TimeML values have no intervals: a range is written as its two ends. "Christmas Eve" is a date,
    unlike "the eve of" an event."""
    text = "Under the 2001-2005 plan, talks ran Aug. 10 to 12 and will resume on Christmas Eve."
    root = ET.fromstring(to_timeml("d", text, tag(text, "2003-09-01"), "2003-09-01"))
    body = root.find("TEXT")
    assert "".join(body.itertext()) == text
    assert {t.text: t.get("value") for t in body.iter("TIMEX3")} == {
        "2001": "2001", "2005": "2005", "Aug. 10": "2003-08-10", "12": "2003-08-12", "Christmas Eve": "2003-12-24"}


def test_days_later_is_the_stretch_counted_in_timeml_and_the_day_in_rashomon():
    text = "The rebels took the port on July 2. Three days later the navy came. Profit was $3 a year earlier."
    timexes = tag(text, "1998-08-08")
    assert {t.text: t.value for t in timexes}["Three days later"] == "1998-07-05"  # rashomon's own reading
    body = ET.fromstring(to_timeml("d", text, timexes, "1998-08-08")).find("TEXT")
    assert {t.text: (t.get("type"), t.get("value")) for t in body.iter("TIMEX3")} == {
        "July 2": ("DATE", "1998-07-02"), "Three days": ("DURATION", "P3D"), "a year earlier": ("DATE", "1997")}
