"""Quotes: on whose word a statement rests, named or not."""

from __future__ import annotations

import re

from rashomon.extract.quotes import find_quotes, quoted_spans
from rashomon.ingest.parse import pipeline
from rashomon.records import Mention, Quote, Segment

from .conftest import need_shared
from .seed_gold import seed_scores


def quotes(text: str, names: dict[str, str] | None = None) -> list[Quote]:
    """Quotes in text, with mentions from spaCy's entities plus `names` (text -> type) by hand."""
    doc = pipeline()(text)
    mentions = [Mention(e.start_char, e.end_char, e.text, e.label_, e.text.lower()) for e in doc.ents]
    for name, etype in (names or {}).items():
        start = text.index(name)
        mentions = [m for m in mentions if m.end <= start or m.start >= start + len(name)]
        mentions.append(Mention(start, start + len(name), name, etype, name.lower()))
    found = find_quotes(doc, [Segment("body", 0, len(text))], mentions)
    assert all(text[q.start:q.end] == q.text for q in found)
    return found


def test_direct_quote_with_speaker_before_it():
    text = ("Mary Jones, a local teacher, recalled: “The sky turned black and everyone ran to the river.” "
            "She left.")
    [q] = quotes(text, {"Mary Jones": "PERSON"})
    assert q.direct and q.text == "The sky turned black and everyone ran to the river."
    assert (q.speaker_key, q.speaker_text, q.unnamed_source) == ("mary jones", "Mary Jones", False)


def test_direct_quote_with_speaker_after_it():
    [q] = quotes('"We will not retreat from the city," General Omar Bashir said on Monday.',
                 {"Omar Bashir": "PERSON"})
    assert q.direct and q.text == "We will not retreat from the city"
    assert q.speaker_key == "omar bashir"


def test_reported_speech_with_a_that_clause():
    [q] = quotes("The defence minister said that the army had withdrawn from the border.")
    assert not q.direct and q.text == "the army had withdrawn from the border"
    assert q.speaker_key is None and "minister" in q.speaker_text and not q.unnamed_source


def test_reported_speech_inherits_the_subject_of_a_participle():
    text = "Commander Ali Vakili addressed his troops, predicting the fall of the city within a week."
    [q] = quotes(text, {"Ali Vakili": "PERSON"})
    assert not q.direct and q.text.startswith("the fall of the city") and q.speaker_key == "ali vakili"


def test_pronoun_speaker_is_the_nearest_person_named_before():
    text = "Hassan Nouri visited the camp. Later he argued that the camp should be closed."
    [q] = quotes(text, {"Hassan Nouri": "PERSON"})
    assert q.speaker_key == "hassan nouri" and q.text == "the camp should be closed"


def test_unnamed_sources_are_flagged():
    found = quotes("Sources said the convoy was hit near the town. Observers described the vote as a sham. "
                   "According to diplomats, the talks collapsed.")
    assert [(q.unnamed_source, q.speaker_text) for q in found] == [
        (True, "Sources"), (True, "Observers"), (True, "diplomats")]
    assert found[1].text == "the vote as a sham"


def test_a_number_of_witnesses_speak_as_witnesses_and_withholding_is_no_speech():
    found = quotes("A number of witnesses say they saw tanks fire on the school. "
                   "The gunmen denied them food and water for two days.")
    assert [(q.speaker_text, q.unnamed_source, q.text) for q in found] == [
        ("witnesses", True, "they saw tanks fire on the school")]


def test_a_date_before_an_unnamed_speaker_is_no_part_of_its_words():
    found = quotes("On 9 May 2011 officials said the bridge had been shelled. "
                   "Yesterday police officers said the road was closed.")
    assert [q.speaker_text for q in found] == ["officials", "police officers"]


def test_impersonal_passive_is_an_unnamed_source():
    [q] = quotes("It was reported that hundreds of prisoners had been executed.")
    assert q.unnamed_source and q.text == "hundreds of prisoners had been executed"


def test_claims_that_are_reported_speech():
    [q] = quotes("The army repeated the claim that the village had been empty.")
    assert not q.direct and q.text == "the village had been empty"


def test_scare_quotes_and_names_are_not_quotes():
    assert quotes("The so-called \"peace plan\" failed. He called it ‘war,’ not peace. "
                  "The plan, dubbed “Spark and War”, was secret.") == []


def test_apostrophes_open_and_close_nothing():
    text = "The SVO’s plan and the rebels’ camp were ‘a disaster for everyone involved’ said one."
    assert [text[s:e] for s, e in quoted_spans(text)] == ["a disaster for everyone involved"]


def test_boilerplate_has_no_quotes():
    text = "“Subscribe to our channel for the latest news,” the site says."
    assert find_quotes(pipeline()(text), [Segment("boilerplate", 0, len(text))], []) == []


def test_seed_gold_quotes():
    need_shared()
    score, misses = seed_scores()["quotes"]
    assert score >= 0.9, misses


def quotes_in(text: str, names: dict[str, str], segments: list[Segment] | None = None) -> list[Quote]:
    """Quotes with the mentions given by hand only (text -> type, every occurrence)."""
    mentions = [Mention(m.start(), m.end(), name, etype, name.lower())
                for name, etype in names.items() for m in re.finditer(re.escape(name), text)]
    found = find_quotes(pipeline()(text), segments or [Segment("body", 0, len(text))], mentions)
    assert all(text[q.start:q.end] == q.text for q in found)
    return found


def said(found: list[Quote]) -> list[tuple[str, str | None, bool]]:
    """(the quote's first words, its speaker's key or words, direct) of each quote."""
    return [(" ".join(q.text.split()[:3]), q.speaker_key or q.speaker_text, q.direct) for q in found]


def test_typewriter_marks_and_a_short_quote_that_is_a_clause():
    text = ("LONDON — A NATO diplomat quoted by Anne Keller (``Allies split over Kosovo``) contends that "
            "the Serbian offensive ``ran out of steam.`` The claim is disputed.")
    found = quotes_in(text, {"Anne Keller": "PERSON", "NATO": "ORG"})
    assert ("ran out of", "NATO diplomat", True) in said(found)
    assert next(q for q in found if q.text.startswith("ran out")).unnamed_source


def test_a_quote_that_ends_its_sentence_is_not_said_by_the_next_one():
    text = ("The agency SANA said that the strike was “an act of aggression against the Syrian people.” "
            "Radio Damascus vowed, “We will answer at a time and place of our choosing.”")
    found = quotes_in(text, {"SANA": "ORG", "Radio Damascus": "ORG"})
    assert [s for _, s, direct in said(found) if direct] == ["sana", "radio damascus"]


def test_a_title_names_the_person_the_document_gave_it_to():
    text = ("President Volodymyr Zelensky visited Bucha on Monday. “What we saw here cannot be forgiven,” "
            "said the President, “and it will not be forgotten.”")
    found = quotes_in(text, {"Volodymyr Zelensky": "PERSON", "Bucha": "GPE"})
    assert {s for _, s, _ in said(found)} == {"volodymyr zelensky"}


def test_a_title_with_the_name_beside_it():
    text = ("The governor of Donetsk, Pavlo Kyrylenko, said that the plant had been shelled twice. "
            "The former President of Georgia Mikheil Saakashvili said in the interview that "
            "“the war had been planned in Moscow months before”.")
    found = quotes_in(text, {"Donetsk": "GPE", "Pavlo Kyrylenko": "PERSON", "Georgia": "GPE",
                             "Mikheil Saakashvili": "PERSON", "Moscow": "GPE"})
    assert ("the plant had", "pavlo kyrylenko", False) in said(found)
    assert ("the war had", "mikheil saakashvili", True) in said(found)


def test_what_carries_the_words_is_its_owners():
    text = ("A Radio Damascus broadcast said the army had retaken the old city of Palmyra. "
            "The broadcast said that 300 of the enemy had been killed. "
            "The statements of Syria's foreign minister, Walid Muallem, referred to the raid: "
            "“This aggression will not go unanswered by the Syrian people.”")
    found = quotes_in(text, {"Radio Damascus": "ORG", "Palmyra": "GPE", "Syria": "GPE",
                             "Walid Muallem": "PERSON"})
    assert [s for _, s, _ in said(found)] == ["radio damascus", "radio damascus", "walid muallem"]


def test_it_is_the_organisation_or_broadcast_before_it():
    text = ("The Interior Ministry issued a statement on Sunday. It said that the border post had been "
            "overrun, in what it described as “a cowardly attack by armed gangs from the north.”")
    found = quotes_in(text, {"Interior Ministry": "ORG"})
    assert {s for _, s, _ in said(found)} == {"interior ministry"}
    assert len([q for q in found if q.direct]) == 1 and len(found) == 2


def test_a_quote_after_a_colon_and_one_left_open():
    text = ("This is confirmed by the German weekly Der Spiegel: “The convoy left Grozny before dawn and "
            "never reached the border\nLater the ministry denied it.")
    [q] = quotes_in(text, {"Der Spiegel": "ORG", "Grozny": "GPE"})
    assert q.direct and q.speaker_key == "der spiegel" and q.text.endswith("reached the border")


def test_a_paragraph_set_off_by_a_colon():
    text = ("On the eve of the offensive, Dzhokhar Dudayev told his fighters:\n\n"
            "We will not be alone; the mountains and the people will fight with us.\n\nThe attack began at dawn.")
    [q] = quotes_in(text, {"Dzhokhar Dudayev": "PERSON"})
    assert q.direct and q.speaker_key == "dzhokhar dudayev" and q.text.startswith("We will not be alone")


def test_he_is_the_person_the_sentence_before_was_about():
    text = ("Ahmed Karimi, the head of the district, called it a catastrophe after a meeting with Omar Haddad. "
            "He said that the town had been cut off since January.")
    found = quotes_in(text, {"Ahmed Karimi": "PERSON", "Omar Haddad": "PERSON"})
    assert ("the town had", "ahmed karimi", False) in said(found)


def test_an_interview_in_questions_and_answers():
    text = ("We print part of journalist Jana Novak's interview with Viktor Orlov, published in May:\n\n"
            "Question: What happened in the village that night, and who gave the order?\n"
            "Answer: The soldiers came at midnight and the villagers fled into the forest.\n\n"
            "Orlov later resigned.")
    found = quotes_in(text, {"Jana Novak": "PERSON", "Viktor Orlov": "PERSON"})
    assert ("What happened in", "jana novak", True) in said(found)
    assert ("The soldiers came", "viktor orlov", True) in said(found)


def test_transcript_lines_name_their_speaker():
    text = ("Flight path.\n\nMorgan: The helicopter was “well outside the agreed corridor” that day.\n"
            "Haddad: The helicopter stayed inside the corridor the whole time.\n")
    found = quotes_in(text, {"Morgan": "PERSON", "Haddad": "PERSON"})
    assert ("well outside the", "morgan", True) in said(found)
    assert ("The helicopter stayed", "haddad", True) in said(found)


def test_a_quote_in_a_headline():
    text = "'Mariupol Will Stand,' Zelensky Says\n\nKyiv, 12 April. The siege went on."
    found = quotes_in(text, {"Zelensky": "PERSON", "Mariupol": "GPE"},
                      [Segment("heading", 0, 36), Segment("body", 38, len(text))])
    assert said(found) == [("Mariupol Will Stand", "zelensky", True)]


def test_a_title_in_quotation_marks_is_no_speech():
    assert quotes_in("The interview ran in “The Caucasus Weekly Review of Books” in 1994.", {}) == []


def test_a_quote_that_runs_over_paragraphs():
    text = ("“We will not leave the city,” the commander, Oleh Marchenko, said on Monday. “Our soldiers know every "
            "street and every cellar here.\n\n“The enemy will pay for every house it takes from us.”\n\n"
            "The shelling went on.")
    found = quotes_in(text, {"Oleh Marchenko": "PERSON"})
    assert [(words, speaker) for words, speaker, _ in said(found)] == [
        ("We will not", "oleh marchenko"), ("Our soldiers know", "oleh marchenko"),
        ("The enemy will", "oleh marchenko")]


def test_a_name_the_parser_hung_on_a_noun_before_it_still_speaks():
    text = ("In his interview with the Polish weekly Polityka Kowalczyk stated that “the shelling of the "
            "village was obviously ordered by someone who wanted power.”")
    found = quotes_in(text, {"Polityka": "ORG", "Kowalczyk": "PERSON"})
    assert ("the shelling of", "kowalczyk", True) in said(found)


def test_who_adds_is_who_said():
    """"X said that the gunmen attacked the posts, adding that ...": the parser hangs "adding" on
    the reported clause, but the words after it are X's too."""
    text = ("Colonel Varga said 600 to 800 men attacked the posts while armed men murdered the families, "
            "stating that relatives of a deputy were among the victims.")
    found = quotes(text, {"Varga": "PERSON"})
    stated = [q for q in found if q.text.startswith("relatives of a deputy")]
    assert stated and all(q.speaker_key == "varga" for q in stated)


def test_an_event_says_nothing():
    """"The Dorsk massacre claimed the lives of over 100 civilians": no one speaks."""
    text = "The Dorsk massacre claimed the lives of over 100 civilians, and the attack claimed the mill."
    assert quotes(text, {"Dorsk massacre": "EVENT"}) == []
    text = "Forces were responsible for the Dorsk massacre that claimed the lives of over 100 civilians."
    assert quotes(text, {"Dorsk massacre": "EVENT"}) == []


def test_a_verb_that_only_sometimes_says_speech_says_it_only_beside_the_quote():
    """"said the fighting had begun at dusk with the use of “tanks, rockets and heavy machine guns”":
    the general's words, not the fighting's; "He began: “...”" is a speaker's."""
    text = ("General Ilse Marr said the fighting had begun at dusk with the use of "
            "\u201ctanks, rockets and heavy machine guns\u201d, and left.")
    found = quotes(text, {"Ilse Marr": "PERSON"})
    [q] = [q for q in found if q.direct]
    assert q.speaker_key == "ilse marr"
    assert any(not r.direct and r.text.startswith("the fighting had begun") and r.speaker_key == "ilse marr"
               for r in found)  # the clause the quoted phrase stands in is reported speech of its own
    text = "Then Omar Vell began: \u201cWe came here to stay and we will not leave the valley.\u201d"
    [q] = quotes(text, {"Omar Vell": "PERSON"})
    assert q.speaker_key == "omar vell"


def test_a_dateline_is_not_the_subject():
    """"KESHVAR, (KNA) The final report of the inquiry affirmed that ...": the report says it,
    not the town of the dateline the parser also hung on the verb."""
    text = ("KESHVAR, (KNA)_The final report of the inquiry affirmed that all the victims were farmers "
            "who had never carried arms.")
    found = quotes(text, {"KESHVAR": "GPE"})
    assert found and all(q.speaker_key != "keshvar" for q in found)


def test_he_after_a_quote_is_not_a_name_inside_it():
    """"“We all waited for President Ilse Marr to release the report,” he said": he is the man
    named before the quote, not the president he speaks of."""
    text = ("Omar Vell lives near the mine. \u201cThis is shocking, we all waited for President Ilse Marr "
            "to release the report to the public,\u201d he said.")
    [q] = [q for q in quotes(text, {"Omar Vell": "PERSON", "Ilse Marr": "PERSON"}) if q.direct]
    assert q.speaker_key == "omar vell"
