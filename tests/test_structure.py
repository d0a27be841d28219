"""Segments: headings, bylines, body, embedded posts with their own author and date, boilerplate."""

from __future__ import annotations

import itertools

from rashomon.ingest.structure import segment

ACCOUNT = """Floods cut off the northern valley
By Maria Lopez
The river rose two metres overnight on 4 March, officials said, and three villages were evacuated.
What happened next?
Rescue teams reached the last village by boat.
The army has sent 400 soldiers to the valley.
— Civil Protection 🚨 (@CivilProtect) March 5, 2024
📺 Watch live on Channel 4
Residents said the warnings came too late.
Share this article
Related articles
Drought returns to the south
Ministers meet over dam safety
"""


def kinds(text: str, **kw) -> list[tuple[str, str]]:
    return [(s.kind, text[s.start:s.end]) for s in segment(text, **kw)]


def test_each_line_gets_its_role():
    got = kinds(ACCOUNT)
    assert got[0] == ("heading", "Floods cut off the northern valley")
    assert got[1] == ("byline", "By Maria Lopez")
    assert ("heading", "What happened next?") in got
    assert got[2][0] == "body" and got[2][1].startswith("The river rose")


def test_embedded_post_has_its_own_author_handle_and_date():
    posts = [s for s in segment(ACCOUNT) if s.kind == "embedded_post"]
    assert len(posts) == 1
    post = posts[0]
    assert (post.author, post.handle, post.date) == ("Civil Protection", "CivilProtect", "2024-03-05")
    assert ACCOUNT[post.start:post.end].startswith("The army has sent 400 soldiers")
    assert "Rescue teams" not in ACCOUNT[post.start:post.end]


def test_promotion_share_lines_and_related_lists_are_boilerplate():
    boiler = " ".join(t for k, t in kinds(ACCOUNT) if k == "boilerplate")
    for line in ("Watch live on Channel 4", "Share this article", "Related articles", "Drought returns to the south",
                 "Ministers meet over dam safety"):
        assert line in boiler
    assert "Residents said the warnings came too late." not in boiler


def test_a_sentence_with_a_clock_time_stays_body():
    text = "The bridge was secured on March 15 at 10:00 local time, and the road reopened at 14:30 GMT that day."
    assert kinds(text) == [("body", text)]


def test_broadcast_schedule_is_boilerplate():
    text = "Our story tonight\n🗓 Saturday, July 26th\n🕧 00:30 | 05:30 | 11:30 GMT"
    assert [k for k, _ in kinds(text)] == ["heading", "boilerplate"]


def test_known_author_line_is_a_byline():
    text = "Siege of the port\nHarbor Desk Team\nThe siege began at dawn."
    assert kinds(text, author="Harbor Desk Team")[1] == ("byline", "Harbor Desk Team")


def test_segments_are_inside_the_text_and_in_order():
    segs = segment(ACCOUNT)
    assert all(0 <= a.start < a.end <= len(ACCOUNT) for a in segs)
    assert all(a.end <= b.start for a, b in itertools.pairwise(segs))


def test_a_title_that_quotes_someone_is_a_heading_a_quoted_sentence_is_not():
    text = '"Senseless Crime"\n\nBy Ann Smith\n\nThe raid began at dawn.\n\n"We saw nothing."\n'
    got = kinds(text)
    assert ("heading", '"Senseless Crime"') in got or ("heading", "Senseless Crime") in got
    assert not any(k == "heading" and "saw nothing" in t for k, t in got)
