"""Labels: the words each source uses for an actor besides its name."""

from __future__ import annotations

import re

from rashomon.extract.labels import find_labels
from rashomon.ingest.parse import pipeline
from rashomon.records import Label, Mention, Segment

from .conftest import export_of, need_shared
from .seed_gold import seed_scores


def labels(text: str, names: dict[str, tuple[str, str]], segments: list[Segment] = ()) -> set[tuple[str, str]]:
    """(entity key, label text) pairs; names maps each name in text to (type, key), every occurrence."""
    mentions = [Mention(m.start(), m.end(), name, etype, key)
                for name, (etype, key) in names.items() for m in re.finditer(re.escape(name), text)]
    found: list[Label] = find_labels(pipeline()(text), mentions, segments)
    assert all(text[lab.start:lab.end] == lab.text for lab in found)
    return {(lab.entity_key, lab.text) for lab in found}


def test_apposition():
    text = "Kim Jong Un, the reclusive dictator, inspected the site."
    assert ("kim", "reclusive dictator") in labels(text, {"Kim Jong Un": ("PERSON", "kim")})


def test_nouns_before_a_name():
    text = "The rebel commander Abu Musa fled, and the militant group Ansar Allah took the port."
    found = labels(text, {"Abu Musa": ("PERSON", "musa"), "Ansar Allah": ("ORG", "ansar")})
    assert {("musa", "rebel commander"), ("ansar", "militant group")} <= found


def test_name_inside_a_describing_phrase():
    text = "Hamas militants crossed the fence while the extremist Hamas movement denied it."
    found = labels(text, {"Hamas": ("ORG", "hamas")})
    assert {("hamas", "Hamas militants"), ("hamas", "extremist Hamas movement")} <= found


def test_predicative_as():
    text = "Washington has long portrayed Hezbollah as an Iranian proxy."
    assert ("hezbollah", "Iranian proxy") in labels(text, {"Hezbollah": ("ORG", "hezbollah")})


def test_descriptive_reference_goes_to_the_last_compatible_actor():
    text = ("Viktor Bout met officials of the Taliban in Kabul. Bout later said "
            "the militant group had paid in cash and the ruthless warlord had not.")
    found = labels(text, {"Viktor Bout": ("PERSON", "bout"), "Bout": ("PERSON", "bout"),
                          "Taliban": ("ORG", "taliban"), "Kabul": ("GPE", "kabul")})
    assert ("taliban", "militant group") in found and ("bout", "ruthless warlord") in found


def test_a_country_word_refers_to_a_country_and_a_title_drops_the_hyphen_before_it():
    text = "TESSA, 5 May 2011 — Chile's president called for a new approach to law enforcement in the country."
    found = labels(text, {"TESSA": ("GPE", "tessa"), "Chile": ("GPE", "chile")})
    assert ("tessa", "country") not in found and ("chile", "country") in found
    text = "Survivors criticised then-President Ana Ruiz for her response."
    assert ("ruiz", "President") in labels(text, {"Ana Ruiz": ("PERSON", "ruiz")})


def test_same_noun_wins_over_recency():
    text = ("The Assad regime shelled Homs while the Free Syrian Army held Idlib. "
            "The regime denied it.")
    found = labels(text, {"Assad regime": ("ORG", "assad"), "Free Syrian Army": ("ORG", "fsa")})
    assert ("assad", "regime") in found and ("fsa", "regime") not in found


def test_an_event_word_refers_to_the_code_name_told_in_its_own_sentence():
    text = ("Operation Red Sky was the name the Varnian government gave its counterattack. It lasted a few "
            "days.\nUnder the codename Bright Dawn, the Telskan Front started their ten day operation.")
    names = {"Operation Red Sky": ("EVENT", "red-sky"), "Bright Dawn": ("EVENT", "bright-dawn"),
             "Telskan Front": ("ORG", "front")}
    found = labels(text, names)
    assert ("bright-dawn", "ten day operation") in found and ("red-sky", "ten day operation") not in found
    kinds = labels(text.replace("Bright Dawn,", "Bright Dawn, after the battle of Osgar,"),
                   names | {"battle of Osgar": ("EVENT", "osgar")})
    assert ("osgar", "ten day operation") not in kinds, "a battle is no operation"


def test_a_thing_of_people_described_by_a_common_noun_refers_to_no_one_named():
    text = ("The police opened fire on a crowd of members of the Varnian Front, who were protesting against "
            "passes that restricted black people's movement.")
    assert labels(text, {"Varnian Front": ("ORG", "front")}) == set()


def test_no_labels_for_other_things_or_new_events():
    text = ("The Taliban took the city. Afghan forces retreated. The bombing of the bridge "
            "followed, and the Iranian government protested.")
    found = labels(text, {"Taliban": ("ORG", "taliban")})
    assert found == set()


def test_a_plural_does_not_refer_to_one_person():
    text = "Kadir Varsan spoke. The leaders met later."
    assert labels(text, {"Kadir Varsan": ("PERSON", "varsan")}) == set()


def test_seed_gold_labels():
    need_shared()
    score, misses = seed_scores()["labels"]
    assert score >= 0.8, misses


def test_a_description_used_before_refers_back_however_far():
    text = ("The Syrian dictator Bashar al-Assad spoke in Damascus. Rebels held Idlib. Aid stalled. "
            "Talks failed. Winter came. The ruthless Syrian dictator then ordered new strikes.")
    found = labels(text, {"Bashar al-Assad": ("PERSON", "assad"), "Syrian": ("NORP", "syria"),
                          "Damascus": ("GPE", "damascus"), "Idlib": ("GPE", "idlib")})
    assert ("assad", "ruthless Syrian dictator") in found
    assert not any(key == "syria" for key, _ in found)


# ---------------------------------------------------------------- labels of events


def test_what_a_source_says_the_event_was():
    text = ("The Kramatorsk station attack killed 61 people. “This is a barbaric crime,” the governor said. "
            "Moscow insisted that the army's strike on the station was a legitimate military action.")
    found = labels(text, {"Kramatorsk station attack": ("EVENT", "kramatorsk")})
    assert {("kramatorsk", "barbaric crime"), ("kramatorsk", "legitimate military action")} <= found


def test_what_a_source_casts_the_event_as():
    text = ("The Sumgait pogrom began on 27 February 1988. Armenian sources refer to the pogrom as a genocide "
            "or a massacre. The prosecutor called what had happened, a tragedy of the whole nation.")
    found = labels(text, {"Sumgait pogrom": ("EVENT", "sumgait")})
    assert {("sumgait", "genocide"), ("sumgait", "massacre"), ("sumgait", "tragedy")} <= found


def test_words_that_point_back_at_the_event():
    text = ("The Dorvask attack of 1996 killed hundreds. The disaster shocked the region. After this "
            "unforgivable crime, Telsk tried to justify this hostile act as a mistake.")
    found = labels(text, {"Dorvask attack": ("EVENT", "dorvask")})
    assert {("dorvask", "disaster"), ("dorvask", "unforgivable crime"), ("dorvask", "hostile act"),
            ("dorvask", "mistake")} <= found


def test_a_new_event_or_another_kind_is_not_the_named_one():
    text = ("Operation Desert Storm began in January. In February a massive assault on the town began. "
            "This attack involved heavy bombardment. The Gulf War lasted weeks; before its end the "
            "rebels carried out this major offensive.")
    found = labels(text, {"Operation Desert Storm": ("EVENT", "storm"), "Gulf War": ("EVENT", "gulf")})
    assert not {text for _, text in found} & {"attack", "major offensive", "massive assault"}


def test_a_denied_label_is_no_label():
    text = "The Bucha massacre shocked Europe. It was not a provocation, the mayor said."
    assert ("bucha", "provocation") not in labels(text, {"Bucha massacre": ("EVENT", "bucha")})


def test_a_headline_that_is_only_a_word_for_the_event():
    text = "Terrible Tragedy\n\nAir India Flight 182 broke up over the Atlantic on 23 June 1985."
    found = labels(text, {"Air India Flight 182": ("EVENT", "ai182")},
                   [Segment("heading", 0, 16), Segment("body", 18, len(text))])
    assert ("ai182", "Terrible Tragedy") in found


def test_no_event_labels_without_a_named_event():
    text = "The attack killed dozens. This is a terrible crime, the mayor said."
    assert labels(text, {}) == set()


def test_more_shapes_of_actor_labels():
    text = ("Fighters of the Kurdistan Workers' Party (PKK), an outlawed separatist group based in Iraq, crossed "
            "the border. Ankara formed a rural paramilitary militia known as the Village Guards. "
            "The anti-Turkey militants ambushed a convoy. NATO Secretary-General Jens Stoltenberg met "
            "the Assad regime's envoy later.")
    found = labels(text, {"Kurdistan Workers' Party": ("ORG", "pkk"), "PKK": ("ORG", "pkk"),
                          "Iraq": ("GPE", "iraq"), "Ankara": ("GPE", "turkey"), "Village Guards": ("ORG", "guards"),
                          "Turkey": ("GPE", "turkey"), "Jens Stoltenberg": ("PERSON", "stoltenberg"),
                          "Assad": ("PERSON", "assad"), "NATO": ("ORG", "nato")})
    assert {("pkk", "outlawed separatist group"), ("guards", "rural paramilitary militia"),
            ("guards", "anti-Turkey militants")} <= found
    assert any(key == "stoltenberg" and "Secretary-General" in words for key, words in found)
    assert not any(words.endswith("regime") for key, words in found if key != "assad")


def test_a_word_of_the_event_name_or_about_the_name_is_no_label():
    text = ("Operation Desert Storm began in January. The operation lasted six weeks. "
            "Desert Storm is an English phrase; critics called the operation a slaughter.")
    found = labels(text, {"Operation Desert Storm": ("EVENT", "storm"), "Desert Storm": ("EVENT", "storm")})
    assert ("storm", "slaughter") in found
    assert not {words for _, words in found} & {"operation", "English phrase", "phrase"}


def test_a_nationality_on_words_for_rebels_names_the_group_not_the_country():
    text = ("Heavy fighting was reported, and a group of Rwandan-backed Congolese rebels said they had "
            "taken Goma. But the emergence of the Congolese rebel group, the M23, worries Kinshasa. "
            "Troops clashed with followers of the Houthis, the Yemeni rebel movement.")
    found = labels(text, {"Rwandan": ("NORP", "rwanda"), "Congolese": ("NORP", "congo"), "Goma": ("GPE", "goma"),
                          "M23": ("ORG", "m23"), "Kinshasa": ("GPE", "kinshasa"), "Houthis": ("PERSON", "houthi"),
                          "Yemeni": ("NORP", "yemen")})
    assert {("m23", "Congolese rebel group"), ("m23", "Rwandan-backed Congolese rebels"),
            ("houthi", "Yemeni rebel movement")} <= found
    assert not {key for key, _ in found} & {"congo", "yemen", "rwanda"}


def test_a_capitalised_resistance_after_a_nationality_is_the_group_named_before():
    text = "Leaflets of the Polisario Front were seized. The Sahrawi Resistance says the raid failed."
    found = labels(text, {"Polisario Front": ("ORG", "polisario"), "Sahrawi": ("NORP", "sahrawi")})
    assert ("polisario", "Sahrawi Resistance") in found and not any(k == "sahrawi" for k, _ in found)


def test_hyphenated_titles_and_describing_adjectives_before_a_name():
    text = ("The leaflets showed SNC President-elect Nasr Hariri. They misrepresented a defeat to bolster "
            "the terrorist Assad regime.")
    found = labels(text, {"Nasr Hariri": ("PERSON", "hariri"), "SNC": ("ORG", "snc"),
                          "Assad regime": ("ORG", "assad-regime")})
    assert {("hariri", "SNC President-elect"), ("assad-regime", "terrorist")} <= found


def test_a_common_noun_after_an_alias_marker_in_brackets_is_a_label():
    text = "Leaders of the Lord's Resistance Army (a.k.a. bandits) fled north."
    assert ("lra", "bandits") in labels(text, {"Lord's Resistance Army": ("ORG", "lra")})


def test_a_headline_taken_whole_for_a_title_still_labels_the_event():
    text = ("Monday, May 4, 1970\n\n\"Terrible Tragedy\"\n\nBy Ann Smith\n\n"
            "At first, the Kent State shootings seemed a clash.")
    start = text.index('"Terrible')
    found = labels(text, {"Terrible Tragedy": ("WORK", "terrible-tragedy"), "Kent State shootings": ("EVENT", "kent"),
                          "Ann Smith": ("PERSON", "smith")}, [Segment("heading", start, start + 18)])
    assert ("kent", "Terrible Tragedy") in found


def test_an_account_naming_no_event_labels_the_event_it_describes_at_a_place(tmp_path):
    from rashomon import analyze
    from rashomon.outputs.export import to_dict
    from rashomon.outputs.web.framing import framing
    from rashomon.outputs.web.pages import Pages

    (tmp_path / "a.txt").write_text("Survivors of the Zvornik massacre gathered in Tuzla on Saturday.\n")
    (tmp_path / "b.txt").write_text(
        "More than a hundred died; that is the cost of the seizure of the Bosnian town of Zvornik by Serb "
        "units. The mayor called what had happened, a tragedy without equal. "
        "We answer the statement about the 1992 slaughter of Bosniak villagers in the town of Zvornik.\n")
    with analyze([tmp_path], db=tmp_path / "r.db") as corpus:
        data = to_dict(corpus.store)
        with Pages(corpus.store).reading() as pages:
            view = framing(pages)
    massacre = next(e["id"] for e in data["entities"] if e["type"] == "EVENT" and "Zvornik" in e["name"])
    words = {lab["text"] for lab in data["labels"] if lab["entity"] == massacre}
    assert {"tragedy", "1992 slaughter"} <= words
    table = next(t for t in view["tables"] if t["entity"]["id"] == massacre)  # the framing view shows them too
    assert {"tragedy", "1992 slaughter"} <= {w for c in table["columns"] for w, _ in c["words"]}


def test_an_opposition_named_later_and_what_it_is_known_as():
    text = ("Anti-Zarani rebels strike as talks begin\n\nA Varnian rebel army is striking far inside Varnian "
            "land. Officials said the Free Varnian Army had seized two villages. Last year, the rebels--known "
            "mostly as a secular nationalist guerrilla organization--formed a wing.")
    found = labels(text, {"Zarani": ("PERSON", "zarani"), "Varnian": ("NORP", "varnia"),
                          "Free Varnian Army": ("ORG", "fva")})
    assert {("fva", "Varnian rebel army"), ("fva", "rebels"),
            ("fva", "secular nationalist guerrilla organization")} <= found
    assert not any(key in ("zarani", "varnia") for key, _ in found)  # the rebels are against Zarani, not his


def test_words_before_an_organs_owner_label_the_organ():
    text = "They painted a defeat as a win to prop up the terrorist Zarani regime."
    start = text.index("Zarani")
    mentions = [Mention(start, start + 6, "Zarani", "PERSON", "zarani")]
    regime = Mention(start, start + 13, "Zarani regime", "ORG", "government@zarani")
    found = {(lab.entity_key, lab.text) for lab in find_labels(pipeline()(text), mentions, (), [regime])}
    assert ("government@zarani", "terrorist") in found and ("zarani", "terrorist") not in found


def test_the_attack_a_counter_attack_repelled_is_labelled_by_its_judging_words():
    text = ("In May 1996 the rebels began an armed raid -- Operation Lightning -- into the province. "
            "Government forces mounted a counter-attack known as Operation Shield. "
            "The soldiers soon repelled the ill-conceived and poorly executed attack.")
    found = labels(text, {"Operation Lightning": ("EVENT", "lightning"), "Operation Shield": ("EVENT", "shield")})
    assert not any(key == "shield" and "ill-conceived" in words for key, words in found)
    assert ("lightning", "ill-conceived and poorly executed attack") in found


def test_what_a_designation_names_its_owner():
    text = ("Observers note the VLO's error in leaning on Tolarian patronage, a factor made worse by "
            "their designation as \"bandits\" (haydut) by Varnian authorities.")
    found = labels(text, {"VLO": ("ORG", "vlo"), "Tolarian": ("NORP", "tolaria"), "Varnian": ("NORP", "varnia")})
    assert {("vlo", "bandits"), ("vlo", "haydut")} <= found


def test_what_a_source_turns_an_event_into():
    text = ("The worst defeat of the rebels came during Operation Tempest. Their statements have since "
            "changed it from a plain loss to a \u201chistoric victory\u201d.")
    found = labels(text, {"Operation Tempest": ("EVENT", "tempest")})
    assert ("tempest", "historic victory") in found


def test_a_nationalitys_militants_label_its_forces_not_the_country():
    text = "Officials charged that Serb militants shelled the market."
    start = text.index("Serb")
    serb = Mention(start, start + 4, "Serb", "NORP", "serbia")
    forces = Mention(start, start + 14, "Serb militants", "ORG", "forces@serbia")
    found = {(lab.entity_key, lab.text) for lab in find_labels(pipeline()(text), [serb], (), [forces])}
    assert ("forces@serbia", "Serb militants") in found and ("serbia", "Serb militants") not in found


def test_the_regime_and_the_mullahs_refer_to_the_regime_named_before():
    text = ("The Pahlavi regime jailed the students. Later the regime denied it, "
            "and the mullahs' spokesmen said nothing.")
    start = text.index("Pahlavi")
    owner = Mention(start, start + 7, "Pahlavi", "PERSON", "pahlavi")
    regime = Mention(start, start + 14, "Pahlavi regime", "ORG", "government@pahlavi")
    found = {(lab.entity_key, lab.text) for lab in find_labels(pipeline()(text), [owner], (), [regime])}
    assert {("government@pahlavi", "regime"), ("government@pahlavi", "mullahs")} <= found
    assert not any(key == "pahlavi" for key, _ in found)


def _with_organ(text: str, owner: tuple[str, str, str], organ: tuple[str, str], more: dict | None = None) -> set:
    """Labels of a text naming one owner (name, type, key) with an organ (words, key) around its
    first occurrence, and other names (`more`: name -> (type, key))."""
    name, etype, key = owner
    start = text.index(organ[0])
    mentions = [Mention(start, start + len(name), name, etype, key)]
    mentions += [Mention(m.start(), m.end(), n, t, k)
                 for n, (t, k) in (more or {}).items() for m in re.finditer(re.escape(n), text)]
    around = Mention(start, start + len(organ[0]), organ[0], "ORG", organ[1])
    return {(lab.entity_key, lab.text) for lab in find_labels(pipeline()(text), mentions, (), [around])}


def test_the_mullahs_with_no_government_named_are_the_regime_of_the_ruler_whose_forces_were():
    text = ("In four days the rebels fought Ayatollah Kazemi's forces near the dam. They shook the "
            "country. Years later, the mullahs are still talking about it.")
    found = _with_organ(text, ("Ayatollah Kazemi", "PERSON", "kazemi"), ("Ayatollah Kazemi's forces", "forces@kazemi"))
    assert ("government@kazemi", "mullahs") in found and ("forces@kazemi", "mullahs") not in found


def _ruling(monkeypatch, kinds: tuple[str, ...]) -> None:
    """labels.yaml listing `kinds` as the organs a ruler's regime is keyed by (a junta's army too)."""
    from dataclasses import replace

    from rashomon.extract.labels import actors, regimes, words

    listed = replace(words.heads(), ruling_organs=kinds)
    for module in (actors, regimes):
        monkeypatch.setattr(module, "heads", lambda: listed)


def test_the_mullahs_are_keyed_by_the_first_ruling_organ_listed_when_the_account_names_none(monkeypatch):
    _ruling(monkeypatch, ("government", "army"))
    text = ("In four days the rebels fought Ayatollah Kazemi's forces near the dam. They shook the "
            "country. Years later, the mullahs are still talking about it.")
    found = _with_organ(text, ("Ayatollah Kazemi", "PERSON", "kazemi"), ("Ayatollah Kazemi's forces", "forces@kazemi"))
    assert ("government@kazemi", "mullahs") in found and ("army@kazemi", "mullahs") not in found


def test_the_mullahs_are_keyed_by_the_ruling_organ_the_account_ties_to_their_ruler(monkeypatch):
    _ruling(monkeypatch, ("government", "army"))
    text = ("In four days the rebels fought Ayatollah Kazemi's forces near the dam. Years later, the mullahs "
            "are still talking about it, and Kazemi's army still guards the dam.")
    found = _with_organ(text, ("Ayatollah Kazemi", "PERSON", "kazemi"), ("Ayatollah Kazemi's forces", "forces@kazemi"),
                        {"Kazemi's army": ("ORG", "army@kazemi")})
    assert ("army@kazemi", "mullahs") in found and ("government@kazemi", "mullahs") not in found


def test_a_description_refers_to_the_nearest_name_with_its_noun_an_organs_too():
    text = ("Regime Shakes While Marking Its Survival\n\nEvery year the Zarani regime marks the day. The "
            "exiles call it a victory, while the clerical regime calls it a rout.")
    found = _with_organ(text, ("Zarani", "NORP", "zarani"), ("Zarani regime", "government@zarani"),
                        {"Regime Shakes While Marking Its Survival": ("ORG", "headline")})
    assert ("government@zarani", "clerical regime") in found and ("headline", "clerical regime") not in found


def test_a_capitals_regime_is_the_regimes_name_and_the_enemy_killed_is_not_the_killer():
    text = ("Kuvarian troops held the ridge. Radio Nadir said Nadiria had killed 300 of the enemy, "
            "whom it called forces of the Valdor regime.")
    found = _with_organ(text, ("Valdor", "GPE", "valdor"), ("Valdor regime", "government@valdor"),
                        {"Kuvarian": ("NORP", "kuvaria"), "Nadiria": ("GPE", "nadiria")})
    assert ("government@valdor", "Valdor regime") in found and ("valdor", "Valdor regime") not in found
    assert ("nadiria", "enemy") not in found


def test_a_quoted_headline_over_an_account_naming_no_event_labels_the_collections_event(tmp_path):
    data = export_of(tmp_path, {
        "a.txt": "Survivors of the Dorvask massacre gathered on Saturday.\n",
        "b.txt": "The Dorvask massacre is remembered every year.\n",
        "c.txt": "\"Senseless Crime\"\n\nBy Ann Smith\n\nAt first, the incident seemed like another raid. "
                 "Then the operation of the army began.\n"})
    massacre = next(e["id"] for e in data["entities"] if e["type"] == "EVENT" and "Dorvask" in e["name"])
    doc = next(d["id"] for d in data["documents"] if d["file"].endswith("c.txt"))
    words = {lab["text"] for lab in data["labels"] if lab["doc"] == doc and lab["entity"] == massacre}
    assert {"Senseless Crime", "incident"} <= words
    assert "operation" not in words  # a kind word may name another event of the account's own


def test_a_label_of_an_event_an_account_only_describes_at_a_place_goes_to_the_collections_event(tmp_path):
    data = export_of(tmp_path, {
        "a.txt": "The Osgar massacre killed 40 people.\n",
        "b.txt": "The Osgar massacre is remembered every year.\n",
        "c.txt":
        "ITS credibility badly undermined, Varnia yesterday sought to defend itself against accusations over the "
        "shelling last month of a United Nations base in southern Chad, during which more than 100 civilians "
        "were killed.\n\nVarnia sent an officer for urgent talks at UN headquarters, in the hope of persuading UN "
        "officials finalising a report on the tragedy that their conclusions are wrong.\n"})
    massacre = next(e["id"] for e in data["entities"] if e["type"] == "EVENT" and "Osgar" in e["name"])
    assert [lab["entity"] for lab in data["labels"] if lab["text"] == "tragedy"] == [massacre]


def test_a_description_of_actors_never_means_an_audience_or_a_building():
    text = ("David Nkosi, a driller, told the BBC: \u201cWe were shot for asking for a decent wage.\u201d "
            "At a news conference on Friday, Ms Achieng said police had been forced to open fire. "
            "\u201cThe militant group stormed toward the police, firing shots,\u201d Ms Achieng said. "
            "Anti-government activists retreated to the Trade Unions House. The radicals blocked its exits.")
    found = labels(text, {"David Nkosi": ("PERSON", "nkosi"), "BBC": ("ORG", "bbc"), "Achieng": ("PERSON", "achieng"),
                          "Trade Unions House": ("ORG", "house")})
    assert not {key for key, _ in found} & {"bbc", "house"}, "the BBC was told, the house was blocked"


def test_a_party_is_no_town_medium_or_operation():
    """"the enemy", "the regime", "the army" refer back to a party, never to the town it was pushed
    out of, the radio that reported it or an operation the tagger took for a group."""
    text = ("Valdoria Radio said the Free Army of Kesh had entered Tarnow. The broadcast said the "
            "defenders had pushed the enemy out of Tarnow, and Operation Dawnstar went on. The regime "
            "denied it. In the House of Guilds the radicals beat them. The Nordland News Agency's "
            "correspondent said the army shelled the town. The raid went on, reported the KNA. The army "
            "shelled the square. The shelling of the House of Guilds began. The radicals fled.")
    found = labels(text, {"Valdoria Radio": ("ORG", "radio"), "Free Army of Kesh": ("ORG", "fak"),
                          "Tarnow": ("GPE", "tarnow"), "Operation Dawnstar": ("ORG", "op"),
                          "House of Guilds": ("FAC", "house"), "Nordland News Agency": ("ORG", "agency"),
                          "KNA": ("ORG", "kna")})
    assert not {key for key, _ in found} & {"radio", "tarnow", "op", "house", "agency", "kna"}


def test_an_event_named_to_compare_with_is_not_the_one_told():
    """"has been compared to the 1961 Varna massacre. The massacre occurred ...": the account's
    own event, not the one it is compared with."""
    text = ("The Dorsk massacre was the killing of twelve farmers by the provincial guard. It has been "
            "compared to the 1961 Varna massacre. The massacre occurred on the third day of a strike.")
    found = labels(text, {"Dorsk massacre": ("EVENT", "dorsk"), "Varna massacre": ("EVENT", "varna")})
    assert ("dorsk", "massacre") in found and ("varna", "massacre") not in found


def test_an_event_named_after_the_words_is_no_clue_to_them():
    """"It was a tragic event ... after the Lantern Revolution": an event first named after the
    words, in passing, is not what they are said of."""
    text = ("Eleven people died in the fire at the market. It was a tragic event that shook the nation. "
            "Months before, the Lantern Revolution had toppled the government.")
    found = labels(text, {"Lantern Revolution": ("EVENT", "lantern")})
    assert ("lantern", "tragic event") not in found and ("collection:event", "tragic event") in found



def test_rhetoric_that_stands_for_a_party():
    """"another step of global arrogance": an epithet with no article labels the party named before it."""
    text = "The sinking of the ferry by Nordic pirates was another step in global arrogance confronting the republic."
    found = labels(text, {"Nordic": ("NORP", "nordland")})
    assert ("nordland", "global arrogance") in found


def test_what_and_where_a_place_is_is_no_label():
    """"Tarnow, a village in the south", "Kesh, the regional capital" say what a place is, not what
    a source thinks of it; "Lenz, an anti-government suburb" takes a side."""
    text = ("The shells fell on Tarnow, a village in the south, and on Kesh, the regional capital. "
            "In Lenz, an anti-government suburb of the city, people fled.")
    found = labels(text, {"Tarnow": ("GPE", "tarnow"), "Kesh": ("GPE", "kesh"), "Lenz": ("GPE", "lenz")})
    assert not {k for k, _ in found} & {"tarnow", "kesh"}
    assert ("lenz", "anti-government suburb") in found


def test_a_headline_about_an_account_of_events_labels_no_event():
    heading = "The Government's Account of the Events"
    text = heading + "\n\nThe Lantern Revolution began in May. The army fired on the crowd."
    found = labels(text, {"Lantern Revolution": ("EVENT", "lantern")}, [Segment("heading", 0, len(heading))])
    assert not any(words.endswith("Events") for _, words in found)


def test_a_capital_named_like_its_province_is_no_state():
    """"the enemies of the state" after "in Kabul" is not the city, though a province shares its name."""
    text = "The preacher spoke in Kabul on Friday. He said they make pacts with the enemies of the state."
    found = labels(text, {"Kabul": ("GPE", "kabul")})
    assert ("kabul", "state") not in found


def test_whom_a_description_is_done_to_is_not_who_does_it():
    """"the Valdorians had pushed the enemy out of Tarnow": the enemy is not the Valdorians, nor a
    town the tagger took for a group, nor the body talks were held at."""
    text = ("Talks opened yesterday at the United Nations. The Valdorians had pushed the enemy out "
            "of Tarnow and from Kabul to the north, the radio said. The rebel group is still fighting.")
    found = labels(text, {"United Nations": ("ORG", "un"), "Valdorians": ("NORP", "valdoria"),
                          "Kabul": ("ORG", "kabul")})
    assert not {k for k, _ in found} & {"un", "valdoria", "kabul"}
    text = "Kandahar is 60 miles inside the border. The broadcast said the enemy had fled."
    assert not labels(text, {"Kandahar": ("ORG", "kandahar")})  # a town the tagger took for a group


def test_a_regime_is_no_armed_force():
    """"inflicted losses on the Republican Guard ... shook the regime": a force serves a regime."""
    text = ("The rebels inflicted heavy losses on the Republican Guard of Kesh. Their advance shook the regime.")
    found = labels(text, {"Republican Guard of Kesh": ("ORG", "guard")})
    assert ("guard", "regime") not in found


def test_a_word_for_a_party_in_scare_quotes():
    """"both Kesh soldiers and “counter-revolutionary mercenaries” were attacking": a label of the
    group named before, though it has no article."""
    text = ("The Free Army of Kesh pushed ninety miles into the valley. Later the radio said both Kesh "
            "soldiers and \u201ccounter-revolutionary mercenaries\u201d were mounting the attack.")
    found = labels(text, {"Free Army of Kesh": ("ORG", "fak"), "Kesh": ("GPE", "kesh")})
    assert ("fak", "counter-revolutionary mercenaries") in found


def test_a_country_after_in_is_still_a_party():
    """"the mission in Syria ... violence across the country": the country named after "in"."""
    text = ("The head of the observer mission in Syria spoke from Damascus. The council condemned the "
            "violence. Damascus blamed armed groups for violence across the country.")
    found = labels(text, {"Syria": ("GPE", "syria"), "Damascus": ("GPE", "damascus")})
    assert ("syria", "country") in found


def test_the_army_is_one_named_so():
    """"the army shells a rebel-held area" after an activists' committee is named: not the committee."""
    text = ("The Local Action Committee said forty people died. The pattern is clear: the army shells "
            "the district, then the militias move in.")
    found = labels(text, {"Local Action Committee": ("ORG", "lac")})
    assert ("lac", "army") not in found
    text = ("The Kesh Defense Forces sent tanks. After a column walked into an ambush, the army began to use "
            "bulldozers. Local officials made claims of a “massacre”.")
    found = labels(text, {"Kesh Defense Forces": ("ORG", "kdf"), "Dorsk Massacre": ("EVENT", "dorsk")})
    assert ("kdf", "army") in found
    text = text.replace("The Kesh Defense Forces sent", "The Kesh Defense Forces (KDF) said that the KDF sent")
    found = labels(text, {"Kesh Defense Forces": ("ORG", "kdf"), "KDF": ("ORG", "kdf")})
    assert ("kdf", "army") in found  # "the army" after the acronym of a force named in full


def test_a_group_named_for_its_cause_is_a_party_a_description_refers_to():
    """An event's word inside a group's name ("the Sundra Liberation Front") does not make the
    group an operation: "the rebels" refer back to it."""
    text = "The Sundra Liberation Front seized the dam at Kessel. The rebels held it for a week."
    found = labels(text, {"Sundra Liberation Front": ("ORG", "slf"), "Kessel": ("GPE", "kessel")})
    assert ("slf", "rebels") in found, found


def test_a_possessed_noun_or_what_a_place_is_is_no_label():
    text = "Ravel Ostrin, his counsel and the clerks left. Ravel Ostrin, a ruthless warlord, stayed."
    found = labels(text, {"Ravel Ostrin": ("PERSON", "ostrin")})
    assert ("ostrin", "counsel") not in found and ("ostrin", "ruthless warlord") in found
    text = "The Dorvan Memorial is a memorial to the victims. The army treated towns like Velmar as enemy combatants."
    found = labels(text, {"Dorvan": ("GPE", "dorvan"), "Velmar": ("GPE", "velmar")})
    assert not {lab for lab in found if lab[0] in ("dorvan", "velmar")}


def test_an_event_is_labelled_only_by_words_for_events():
    text = ("The Tarsk massacre was a series of shootings. The Tarsk massacre was a crime against humanity. "
            "The Tarsk massacre was a pivotal moment in the war.")
    found = labels(text, {"Tarsk massacre": ("EVENT", "tarsk~massacre")})
    assert ("tarsk~massacre", "series") not in found and ("tarsk~massacre", "crime") in found
    assert ("tarsk~massacre", "pivotal moment") in found


def test_a_description_refers_to_no_name_that_only_owns_a_thing_or_stands_beside_it():
    text = "The Brenish town was quiet. Its walls still said 'Death to the aggressors.'"
    assert ("brenish", "aggressors") not in labels(text, {"Brenish": ("NORP", "brenish")})
    text = "Witnesses were quoted in a Lantern Watch report. The campaign targeted the rebels in the north."
    assert ("lantern", "rebels") not in labels(text, {"Lantern Watch": ("ORG", "lantern")})
    text = "It came during an offensive by the Marvish Guards and Tolan guerrillas near the lake."
    found = labels(text, {"Marvish Guards": ("ORG", "guards"), "Tolan": ("NORP", "tolan")})
    assert ("guards", "Tolan guerrillas") not in found
    text = "The Vesnian Army held the pass in strength. The Tolan guerrillas took the ridge."
    found = labels(text, {"Vesnian Army": ("ORG", "army@vesnia"), "Tolan": ("NORP", "tolan")})
    assert ("army@vesnia", "Tolan guerrillas") not in found
    text = "Belgor condemned the attack and urged the international community to act."
    assert ("belgor", "international community") not in labels(text, {"Belgor": ("GPE", "belgor")})


def test_a_word_of_mass_killing_never_names_the_war_it_happened_in():
    text = "Hundreds of prisoners were shot during the Orvan War. Vesnia was later blamed for the massacre."
    found = labels(text, {"Orvan War": ("EVENT", "orvan~war"), "Vesnia": ("GPE", "vesnia")})
    assert ("orvan~war", "massacre") not in found


def test_the_same_event_noun_refers_back_before_a_nearer_event():
    text = ("The Dalmor chemical attack, also known as the Dalmor Massacre, killed hundreds. "
            "The attack was part of an attempt to repel Operation Kestrel 4. "
            "It took place two days after the fall of the town. "
            "Doctors said mustard gas was used in the attack. "
            "The incident was later called a genocide.")
    found = labels(text, {"Dalmor Massacre": ("EVENT", "dalmor~massacre"), "Operation Kestrel 4": ("EVENT", "kestrel")})
    assert ("dalmor~massacre", "incident") in found and ("kestrel", "incident") not in found


def test_a_description_in_a_speaker_s_words_refers_to_no_one_named_outside_them():
    text = ("Moscow had long blamed the Tolarians for the killings. 'It is good when the murderers confess "
            "their crime,' Solidarity leader Anton Brel said.")
    found = labels(text, {"Tolarians": ("NORP", "tolaria"), "Solidarity": ("ORG", "solidarity"),
                          "Anton Brel": ("PERSON", "brel")})
    assert not {lab for lab in found if lab[1] == "murderers"}


def test_rebels_are_no_country_the_tagger_took_for_a_body():
    text = "The President of Chile said the revolt in Tessa was over. The rebels fled in three directions."
    found = labels(text, {"Chile": ("ORG", "chile"), "Tessa": ("GPE", "tessa")})
    assert ("chile", "rebels") not in found, "those who rose against the state are not the state"


def test_terrorists_are_no_country_the_tagger_took_for_a_body():
    text = "The President of Chile said the revolt in Tessa was over. The terrorists had taken hostages."
    found = labels(text, {"Chile": ("ORG", "chile"), "Tessa": ("GPE", "tessa")})
    assert ("chile", "terrorists") not in found


def test_rebels_are_not_those_who_speak_of_them():
    text = ("The Velmora Front ruled the valley. Velmora Front officials said the rebels had pounced on their "
            "comrades while they slept.")
    found = labels(text, {"Velmora Front": ("ORG", "front")})
    assert ("front", "rebels") not in found


def test_rebels_are_not_the_party_whose_officials_speak_of_them():
    text = ("The rebels attacked the homes of Velmora Front officials. Velmora officials said the rebels had "
            "pounced on their comrades while they slept.")
    found = labels(text, {"Velmora Front": ("ORG", "front"), "Velmora officials": ("NORP", "velmora")})
    assert ("front", "rebels") not in found


def test_rulers_or_forces_are_not_the_party_named_only_in_the_headline():
    """"Varnian League Marks Anniversary of Massacres by Regime Forces ... executed by forces of the
    military junta": the junta is not the League the headline names; where no ruler is named, no one."""
    heading = "Varnian League Marks Anniversary of Dock Square Massacre by Regime Forces"
    text = heading + ("\n\nToday we mark the anniversary of the massacre in Dock Square, executed by "
                      "forces of the military junta after they seized power by force of arms.")
    found = labels(text, {"Varnian League": ("ORG", "league")}, [Segment("heading", 0, len(heading))])
    assert not {k for k, _ in found} & {"league"}
    text = ("The Varnian League held the square for a month. The army moved in at dawn and "
            "the junta said the square was cleared.")  # named in the body, a party it still is
    found = labels(text.replace("The army", "The Iron Guard"), {"Varnian League": ("ORG", "league"),
                                                                "Iron Guard": ("ORG", "guard")})
    assert ("league", "junta") in found


def test_rulers_or_forces_are_not_the_party_they_set_upon():
    """"Troops fired on supporters of the Freedom Party ... the junta denied it": whom forces act
    against is not the junta or the army that acts."""
    text = ("Troops fired on supporters of the Freedom Party in Tessa on Monday. "
            "The military junta denied that anyone had died.")
    found = labels(text, {"Freedom Party": ("ORG", "party"), "Tessa": ("GPE", "tessa")})
    assert ("party", "military junta") not in found
    text = "Soldiers of the junta arrested leaders of the Freedom Party. The regime called them traitors."
    found = labels(text, {"Freedom Party": ("ORG", "party")})
    assert ("party", "regime") not in found
    text = "Leaders of the Freedom Party were arrested by soldiers in Tessa. The junta called them traitors."
    assert ("party", "junta") not in labels(text, {"Freedom Party": ("ORG", "party")})
