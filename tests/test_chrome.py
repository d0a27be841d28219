"""Page chrome in plain-text copies of web pages: menus, skip links, counters, quote boxes, notices
are boilerplate; the account, its headings, bylines and an encyclopedia's infobox rows are not."""

from __future__ import annotations

from rashomon.ingest.structure import page_date, segment

NEWS_PAGE = """Tuesday, March 5, 2019
HomeWorldAfricaSudan Protests: Security Forces Fire on Marchers in...

Security Forces Fire on Marchers in Khartoum

khartoum protest crowd (2)

Four-minute read

Security forces fired live ammunition at protesters marching on the palace on Monday, killing at least 12 people.

The government said three members of the security forces were wounded and that the marchers had attacked them.

Share this article
Tags: Sudan, Khartoum, Protests
1,204 views
Article ID: 88123
Leave a Reply
Your email address will not be published. Required fields are marked *
Show More
Back to top button
sudanwire.net - news theme by example
"""


def kinds(text: str, **kw) -> list[tuple[str, str]]:
    return [(s.kind, text[s.start:s.end]) for s in segment(text, **kw)]


def kind_of(text: str, line: str, **kw) -> str:
    return next(k for k, t in kinds(text, **kw) if line in t)


def test_news_page_chrome_is_boilerplate_and_the_account_is_not():
    for line in ("HomeWorldAfricaSudan Protests", "khartoum protest crowd (2)", "Four-minute read",
                 "Share this article", "Tags: Sudan", "1,204 views", "Article ID: 88123", "Leave a Reply",
                 "Your email address", "Show More", "Back to top button", "sudanwire.net"):
        assert kind_of(NEWS_PAGE, line) == "boilerplate", line
    assert kind_of(NEWS_PAGE, "Security Forces Fire on Marchers in Khartoum") == "heading"
    assert kind_of(NEWS_PAGE, "Security forces fired live ammunition") == "body"
    assert kind_of(NEWS_PAGE, "The government said three members") == "body"


def test_the_date_line_above_the_page_is_its_dateline_and_its_date():
    segments = segment(NEWS_PAGE)
    line = page_date(segments)
    assert line is not None and (line.kind, line.date) == ("boilerplate", "2019-03-05")
    assert NEWS_PAGE[line.start:line.end] == "Tuesday, March 5, 2019"


def test_labelled_and_bylined_dates_date_the_page_and_a_bare_date_under_a_title_does_not():
    story = "The river rose overnight, and three villages were evacuated by boat."
    labelled = f"News ID: 5521\nPublish Date: 12 May 2021 - 10:05\n\nFloods in the valley\n\n{story}"
    assert page_date(segment(labelled)).date == "2021-05-12"
    bylined = f"THE DELTA\n\nJANE ROE May 12 2021\n\n{story}"
    line = page_date(segment(bylined))
    assert (line.kind, line.date) == ("byline", "2021-05-12")
    subject = "The siege of the port\n\n14 April 1994\n\nThe siege began at dawn, when the first shells fell."
    assert page_date(segment(subject)) is None
    assert kind_of(subject, "14 April 1994") == "body"  # the story's own date: it still sets the narrative


def test_a_wiki_copy_loses_its_furniture_and_keeps_its_infobox_rows_as_body():
    text = ("Skip to main content\n\nSiege of the port\n\nFrom Wikipedia, the free encyclopedia\n"
            "(Redirected from Port siege)\n\nSiege of the port\nPart of the Coastal War\n"
            "LocationPort Amara, Delta Province\nDate3–9 April 1994\nDeaths300+ (Red Cross)[1]\n"
            "480 (government figure)[2]\n\nBackground\n\n[edit]\n\n"
            "The siege began on 3 April 1994, when rebel units cut the coastal road and shelled the harbour.\n")
    for line in ("Skip to main content", "From Wikipedia", "(Redirected from Port siege)", "[edit]"):
        assert kind_of(text, line) == "boilerplate", line
    for row in ("LocationPort Amara", "Date3–9 April 1994", "Deaths300+ (Red Cross)[1]", "480 (government figure)"):
        assert kind_of(text, row) == "body", row  # the page's own claims, for the claim stages to read
    assert kind_of(text, "Background") == "heading"


def test_a_category_menu_above_the_title_goes_with_the_site_slogan_and_the_title_stays():
    menu = "\n".join(["Truth for the Delta", "", "Search in title", "Filter by Categories", "Floods 2019",
                      "Harbour Strike", "Human Rights", "River Commission", "The Delta Summit 2018"])
    text = (menu + "\n\nVillagers Return to the Flooded Valley\n\n"
            "Hundreds of families returned on Sunday to villages the river had flooded a month before.\n")
    for line in ("Truth for the Delta", "Search in title", "Floods 2019", "The Delta Summit 2018"):
        assert kind_of(text, line) == "boilerplate", line
    assert kind_of(text, "Villagers Return to the Flooded Valley") == "heading"


def test_a_list_of_short_lines_inside_the_account_is_not_a_menu():
    text = ("The ministry named the dead on Monday, three days after the attack on the market.\n\n"
            "Amal Haddad\nYusuf Karimi\nLeila Nasser\nOmar Saleh\nSara Tamimi\n\n"
            "Relatives said the list left out at least four people who were still missing in the rubble.\n")
    assert kind_of(text, "Leila Nasser") != "boilerplate"


def test_a_quote_box_with_its_heading_is_boilerplate():
    text = ("The ceasefire held through the night, the monitors reported on Tuesday morning.\n\n"
            "Famous quotes containing the word war:\n\n"
            "    War is the continuation of politics by other means, with a mixture of other means.\n"
            "    Carl von Clausewitz (1780–1831)\n\n"
            "    Older men declare war. But it is youth that must fight and die.\n")
    for line in ("Famous quotes", "War is the continuation", "Carl von Clausewitz (1780–1831)", "Older men declare"):
        assert kind_of(text, line) == "boilerplate", line
    assert kind_of(text, "The ceasefire held") == "body"


def test_pagers_menus_and_a_cut_read_more_at_the_end_are_boilerplate():
    text = ("Liberation of the Town\n\nThe column entered the town at dawn and met no resistance from the garrison.\n\n"
            "Go to next page. Go to previous page.\n\nBack Home Archive\n\n"
            "The garrison had left two days earlier, residents said, taking the town's only fuel truck.\n\nRead Mo")
    for line in ("Go to next page", "Back Home Archive", "Read Mo"):
        assert kind_of(text, line) == "boilerplate", line


def test_site_notices_and_reprint_lines_are_boilerplate():
    text = ("Error message\n\nMissing or incomplete installation of the jQuery plugin! Please read INSTALL.txt first.\n"
            "Daily Courier, 3 March 1992\n\nBy Jane Roe\n\n"
            "Officials said on Monday that the bridge would reopen within a week, once engineers had checked it.\n\n"
            "Materials may be quoted with a hyperlink to the source.\n")
    for line in ("Error message", "Missing or incomplete installation", "hyperlink to the source"):
        assert kind_of(text, line) == "boilerplate", line
    assert kind_of(text, "Daily Courier, 3 March 1992") == "byline"
    assert kind_of(text, "By Jane Roe") == "byline"
    assert page_date(segment(text)).date == "1992-03-03"


def test_words_that_chrome_uses_leave_sentences_alone():
    text = ("Protesters shared videos of the crackdown and asked others to follow the march on Monday.\n"
            "Next steps\n"
            "Show of force\n"
            "More than 100 killed\n"
            "The home ministry said 300 views of the square were recorded by its cameras that night.\n")
    assert all(k != "boilerplate" for k, _ in kinds(text))


def test_a_known_authors_signature_at_the_end_is_a_byline():
    text = ("The deputies are to discuss the situation in the region on Friday, the speaker said.\n"
            "J. Okafor. Lagos\n")
    assert kind_of(text, "J. Okafor. Lagos", author="J. Okafor") == "byline"
    said = "The ministry denied the report.\nAda Okafor said the figures came from the ministry itself.\n"
    assert kind_of(said, "Ada Okafor said", author="Ada Okafor") == "body"  # a sentence about the author
    dated = "October 01, 1988|By Dr. Ada Okafor, Institute of Delta Studies.\n\nThe letter disputes the figures."
    assert kind_of(dated, "By Dr. Ada Okafor", author="Ada Okafor") == "byline"
