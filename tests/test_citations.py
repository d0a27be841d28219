"""Citations: which statements a source backs with a cited work, and which work."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rashomon.extract.citations import find_citations, parse_reference, to_csl
from rashomon.ingest.parse import pipeline
from rashomon.records import Citation, Segment

from .conftest import need_shared
from .seed_gold import seed_scores


def cite(text: str) -> list[Citation]:
    return find_citations(pipeline()(text), [Segment("body", 0, len(text))])


def test_book_with_two_authors_place_publisher_and_page_range():
    c = parse_reference("John Smith and Jane Doe, Rivers of Blood, London: Verso, 2010, pp. 45-47")
    assert c.authors == ("John Smith", "Jane Doe")
    assert (c.title, c.place, c.publisher) == ("Rivers of Blood", "London", "Verso")
    assert (c.year, c.pages) == (2010, "45-47")


def test_newspaper_article_with_day_month_year():
    c = parse_reference("Robert Fisk, Blood on the Sand, The Independent, 3 June 2005")
    assert (c.authors, c.title, c.container) == (("Robert Fisk",), "Blood on the Sand", "The Independent")
    assert (c.year, c.date) == (2005, "2005-06-03")


def test_place_from_the_gazetteer_and_volume():
    c = parse_reference("Hassan Rouhani, National Security and Nuclear Diplomacy, Vol. 2, Mashhad, "
                        "Ferdowsi Press, 2011, p. 9")
    assert (c.volume, c.place, c.publisher, c.pages) == ("2", "Mashhad", "Ferdowsi Press", "9")
    c = parse_reference("Karim Sadjadpour, Reading Khamenei, Rotterdam, Atlas Books, 2009")
    assert c.place == "Rotterdam"  # not in the data file's list: found in GeoNames


def test_author_date_reference():
    c = parse_reference("Abrahamian, 1999")
    assert (c.authors, c.title, c.year) == (("Abrahamian",), None, 1999)


@pytest.mark.parametrize("text", ["SVO", "“Ambush”", "see below", "1965-2005", "in Persian, 2005 words",
                                  "the army, the police, and the militia"])
def test_asides_are_not_references(text):
    assert parse_reference(text) is None


def test_parenthetical_citation_in_a_document_keeps_its_offsets():
    text = ("The siege lasted a month (Ervand Abrahamian, A History of Modern Iran, Cambridge: Cambridge "
            "University Press, 2008, p. 171). Losses (SVO) were high.")
    [c] = cite(text)
    assert text[c.start:c.end] == c.text and c.text.startswith("(Ervand") and c.text.endswith(")")
    assert (c.place, c.publisher) == ("Cambridge", "Cambridge University Press")
    assert (c.pages, c.in_text) == ("171", False)


def test_in_text_citation_names_author_and_title():
    [c] = cite("Ervand Abrahamian describes the purge in his book, Tortured Confessions. It sold well.")
    assert c.in_text and c.authors == ("Ervand Abrahamian",) and c.title == "Tortured Confessions"
    assert c.text.startswith("Ervand Abrahamian") and c.text.endswith("Tortured Confessions")


def test_in_text_citation_with_a_quoted_title():
    [c] = cite("The claim first appeared in the report titled “Massacre at Dawn”, published later.")
    assert c.in_text and c.title == "Massacre at Dawn"


def test_a_report_without_a_title_is_no_citation():
    assert cite("In the report, Varnia said the border was closed.") == []


def test_boilerplate_is_skipped():
    text = "Related: (Jane Roe, Old Wars, Paris, Gallimard, 1990)"
    assert find_citations(pipeline()(text), [Segment("boilerplate", 0, len(text))]) == []


def test_csl_json_items():
    items = to_csl([
        Citation(0, 1, "x", authors=("Reza Tavani",), title="The Long Shadow",
                 container="Varnia Newspaper", year=2005, date="2005-05-14"),
        Citation(0, 1, "x", authors=("Surkhanin-e Varan Organization",), title="Rising and the Fall",
                 volume="3", place="Korsk", publisher="Institute of Regional Studies",
                 year=2006, pages="322"),
        Citation(0, 1, "x", authors=("Reza Tavani",), title="Another Piece", year=2005),
    ])
    first, book, third = items
    assert first["type"] == "article-newspaper" and first["container-title"] == "Varnia Newspaper"
    assert first["author"] == [{"family": "Tavani", "given": "Reza"}]
    assert first["issued"] == {"date-parts": [[2005, 5, 14]]}
    assert book["type"] == "book" and book["author"] == [{"literal": "Surkhanin-e Varan Organization"}]
    assert (book["publisher-place"], book["volume"], book["page"]) == ("Korsk", "3", "322")
    assert len({i["id"] for i in items}) == 3 and third["issued"] == {"date-parts": [[2005]]}


def test_seed_gold_citations():
    need_shared()
    score, misses = seed_scores()["citations"]
    assert score >= 0.9, misses


@settings(deadline=None)  # timing on a shared machine is not what is tested
@given(st.text())
def test_parse_reference_never_raises(text):
    c = parse_reference(text)
    assert c is None or (c.start, c.end, c.text) == (0, len(text), text)


@settings(deadline=None)
@given(st.lists(st.sampled_from(["Ali Rezaei", "The Long War", "Tehran", "Press", "2005", "July 26", "p. 4",
                                 "Vol. 3", "(", ")", ":", "Times", "and"]), max_size=12).map(", ".join))
def test_reference_like_text_parses_into_its_own_fields(text):
    c = parse_reference(text)
    if c is not None:
        for value in (c.title, c.container, c.place, c.publisher, c.volume, c.pages, *c.authors):
            assert value is None or value in text
