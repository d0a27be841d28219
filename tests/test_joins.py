"""Cross-document joins (corpus/joins.py): names of one thing that the spelling key cannot see
become one entity; distinct things that share words stay apart."""

from __future__ import annotations

from rashomon.names import skeleton

from .conftest import entities


def test_a_short_name_joins_the_one_longer_name_it_closes(tmp_path):
    found = entities(tmp_path, "The Sudan People's Liberation Army of Sudan attacked Juba on Monday. "
                               "Al Jazeera English aired the report.",
                     "The Liberation Army withdrew from Juba on Tuesday, Al Jazeera said.",
                     "Admiral William J. Fallon Jr. met Muammar Gaddafi in Tripoli.",
                     "William Fallon told reporters that Muammar said nothing.")
    assert found["Liberation Army"]["id"] == found["Sudan People's Liberation Army of Sudan"]["id"]
    assert found["William Fallon"]["id"] == found["William J. Fallon Jr."]["id"]
    assert found["Muammar"]["id"] == found["Muammar Gaddafi"]["id"]
    # a name that opens a longer one is another thing: the channel is not its English service
    assert found["Al Jazeera"]["id"] != found["Al Jazeera English"]["id"]


def test_names_in_another_word_order_or_with_another_acronym_are_one(tmp_path):
    found = entities(tmp_path, "The Syrian Democratic Forces (SDF/QSD) held Raqqa.",
                     "Fighters of the SDF Military Council fought in Raqqa.",
                     "Fighters of the QSD Military Council fought in Kobani.",
                     "Radio Kabul said so on Monday.", "Kabul Radio reported the attack on Tuesday.")
    assert found["SDF Military Council"]["id"] == found["QSD Military Council"]["id"]
    assert found["Radio Kabul"]["id"] == found["Kabul Radio"]["id"]
    assert found["SDF Military Council"]["id"] != found["Syrian Democratic Forces"]["id"]


def test_a_ship_is_one_ship_and_never_the_town_of_its_name(tmp_path):
    found = entities(tmp_path, "The destroyer HMS Sheffield was hit near the Falklands on May 4.",
                     "The H.M.S. Sheffield burned for days.", "The Sheffield sank on May 10.")
    ship = found["HMS Sheffield"]
    assert found["Sheffield"]["id"] == found["H.M.S. Sheffield"]["id"] == ship["id"]
    assert ship["lat"] is None


def test_a_country_its_neighbour_and_its_army_stay_apart(tmp_path):
    found = entities(tmp_path, "Iran and Iraq signed the accord. The Iranian Army moved to the border.",
                     "Iraq protested to Iran on Monday.")
    assert len({found["Iran"]["id"], found["Iraq"]["id"], found["Iranian Army"]["id"]}) == 3


def test_spellings_with_the_same_consonants_share_a_skeleton():
    assert skeleton("Kelend") == skeleton("Clend") == skeleton("Kaland")
    assert skeleton("Karabakh") == skeleton("Karabagh")
    assert skeleton("Iran") != skeleton("Iraq")


def test_a_countrys_forces_are_one_organ_of_it_whatever_words_name_them(tmp_path):
    found = entities(tmp_path, "Georgian forces shelled Tskhinvali on August 7. Georgian armed formations "
                               "withdrew to Gori.",
                     "The Georgian forces retreated. Georgia asked for talks.",
                     "The Free Syrian Army (FSA) attacked Idlib. The Syrian Army withdrew.")
    forces = found["Georgian forces"]
    assert found["Georgian armed formations"]["id"] == forces["id"] != found["Georgia"]["id"]
    assert forces["type"] == "ORG"
    # an organisation named like an organ is no organ of a country, nor the country's army
    assert found["Syrian Army"]["id"] != found["Free Syrian Army"]["id"]


def test_an_acronym_inside_a_longer_name_is_the_acronyms_entity_there(tmp_path):
    found = entities(tmp_path, "The Free Syrian Army (FSA) attacked Idlib. Later the FSA Northern Command said "
                               "it had withdrawn.")
    assert found["FSA"]["id"] == found["Free Syrian Army"]["id"] != found["FSA Northern Command"]["id"]


def test_the_navy_alone_is_the_one_navy_the_corpus_names(tmp_path):
    found = entities(tmp_path, "The cruiser belongs to the United States Navy, officials said on Monday.",
                     "The Navy said the crew had followed orders in the Persian Gulf.")
    assert found["Navy"]["id"] == found["United States Navy"]["id"] != found.get("United States", {}).get("id")


def test_a_regions_acronym_with_its_kind_of_division_is_the_region(tmp_path):
    found = entities(tmp_path, "Fighting spread across South Ossetia in the winter of 1991.",
                     "Villages near Tskhinvali, SOAO, were shelled on Monday.")
    assert found["SOAO"]["id"] == found["South Ossetia"]["id"]


def test_the_bare_word_of_a_corps_is_the_corps_not_a_people(tmp_path):
    found = entities(tmp_path, "Tavrani Guards Corps commanders clashed with the army at the square of Mirzaq and "
                               "opened fire on them. The rebels arrived and intervened, routing the Guards, "
                               "who were forced to flee.",
                     "The Tavrani Guards Corps denied it on Tuesday.")
    assert found["Guards"]["id"] == found["Tavrani Guards Corps"]["id"]


def test_a_units_number_after_its_corps_acronym_leaves_the_acronym_to_the_corps(tmp_path):
    found = entities(tmp_path, "Republican Guard commanders clashed with the army at the square of Mirzaq and "
                               "opened fire on them. The rebels arrived and intervened, routing the Guards, "
                               "including the RG 217th Hamza brigade from Basra's 4th corps, who were forced to flee.")
    assert found["RG"]["id"] == found["Republican Guard"]["id"]
    assert found["217th Hamza brigade"]["id"] != found["Republican Guard"]["id"]


def test_a_code_names_bracket_is_another_name_of_the_operation(tmp_path):
    found = entities(tmp_path, "Under the codename Tufane Sorkh (Red Storm), the rebels started their "
                               "ten day offensive after the government accepted the truce.",
                     "Operation Tufan-e Sorkh began at dawn on a Monday.")
    assert found["Red Storm"]["id"] == found["Operation Tufan-e Sorkh"]["id"]


def test_an_army_named_after_its_owners_possessive_is_found_and_joins_its_full_name(tmp_path):
    found = entities(tmp_path, "On May 3, 1994, bolstered by the support of Sudan’s regime, the SPLM’s Liberation Army "
                               "set out from their bases.",
                     "The Tavrian People's Liberation Army was founded in 1983.")
    assert found["Liberation Army"]["id"] == found["Tavrian People's Liberation Army"]["id"]


def test_a_known_name_in_lower_case_after_an_owner_is_found(tmp_path):
    found = entities(tmp_path, "Clashes spread across the city as Hadi Tavrov`s popular mobilization forces moved "
                               "in. Georgia's security council met on Monday.",
                     "The Popular Mobilization Forces denied it. The United Nations Security Council met.")
    assert found["popular mobilization forces"]["id"] == found["Popular Mobilization Forces"]["id"]
    assert "security council" not in found  # a country's own council, not the UN's


def test_a_description_before_an_agencys_name_joins_accounts_that_write_it_as_a_name(tmp_path):
    found = entities(tmp_path, "The Tavrian news agency ZNA said that the attack was a crime.",
                     "In a later statement, the official Tavrian News Agency said that divers had found wreckage.")
    assert found["ZNA"]["id"] == found["Tavrian News Agency"]["id"]


def test_a_name_in_brackets_after_this_operation_is_the_operations(tmp_path):
    found = entities(tmp_path, "The rebels crossed the river at night. In this operation (Morning Star), the rebels "
                               "had used ten brigades against the town.",
                     "Operation Morning Star ended after four days.")
    assert found["Morning Star"]["id"] == found["Operation Morning Star"]["id"]
    assert found["Morning Star"]["type"] == "EVENT"


def test_names_listed_after_the_towns_of_are_places(tmp_path):
    found = entities(tmp_path, "The army shelled the villages of Tavra and Mirzaq on Monday, and the rebels "
                               "took the towns of Gorazde, Zepa and Vlasenica. Tavra University closed.")
    for name in ("Tavra", "Mirzaq", "Gorazde", "Zepa", "Vlasenica"):
        assert found[name]["type"] in ("GPE", "LOC"), name
    assert found["Tavra University"]["type"] == "ORG"


def test_a_places_forces_are_the_forces_of_the_one_people_named_after_it(tmp_path):
    (one := tmp_path / "one").mkdir()
    (two := tmp_path / "two").mkdir()
    found = entities(one, "Fighting spread across Kosovo in 1998. In February, Kosovo Albanian forces seized the "
                          "town of Tavra. The massacre of civilians in Tavra by Kosovo forces was reported.")
    assert found["Kosovo forces"]["id"] == found["Albanian forces"]["id"]
    found = entities(two, "Fighting spread across Kosovo in 1998. Kosovo Albanian forces and Kosovo Serb forces "
                          "clashed near Tavra, and Kosovo forces withdrew.")
    assert found["Kosovo forces"]["id"] != found["Serb forces"]["id"]  # two peoples of the place: neither


def test_an_acronym_after_a_name_cut_at_in_is_the_organisations_not_the_places(tmp_path):
    found = entities(tmp_path, "Maj. Gen. Ola Berg, head of the United Nations Supervision Mission in Tavria (UNSMT), "
                               "confirmed the deaths on Saturday.",
                     "The UNSMT observers reached the village of Karbi on Sunday.")
    assert found["UNSMT"]["id"] == found["United Nations Supervision Mission"]["id"]
    assert found["UNSMT"]["id"] != found["Tavria"]["id"]


def test_a_datelines_agency_is_not_the_place_and_a_son_is_not_his_father(tmp_path):
    found = entities(tmp_path, "GORI, Georgia (AP) — Mayor Ramon Dizon Jr., son of governor Ramon Dizon Sr., was "
                               "arrested on Monday. AP reporters saw the arrest.",
                     "A court found Ramon Dizon Jr. guilty.")
    assert found["Georgia"]["id"] != found["AP"]["id"]
    assert found["Ramon Dizon Jr."]["id"] != found["Ramon Dizon Sr."]["id"]


def test_a_persons_name_without_the_middle_name_is_the_person(tmp_path):
    found = entities(tmp_path, "Students carried Sandra Lee Tavner to the ambulance on Monday.",
                     "Witnesses said Sandra Tavner was walking to class when she was shot.")
    assert found["Sandra Tavner"]["id"] == found["Sandra Lee Tavner"]["id"]


def test_a_state_that_is_no_more_is_not_the_country_its_adjective_names(tmp_path):
    found = entities(tmp_path, "East Germany's new parliament apologized on Thursday for the deaths.",
                     "The executions had been carried out in autumn 1941 by German sappers near the river. "
                     "German officers watched. Germany later paid.")
    assert found["German"]["id"] == found["Germany"]["id"] and found["German"]["name"] == "Germany"
    assert found["East Germany"]["id"] != found["Germany"]["id"]


def test_a_name_run_into_a_headlines_verb_is_the_entity_named_before_the_verb(tmp_path):
    found = entities(tmp_path, "Velmoran Brotherhood Marks Anniversary of Horrific Tarsk Massacre by Junta Forces\n\n"
                               "Thousands marched in Tarsk on Monday.",
                     "The Velmoran Brotherhood called for a march in Tarsk on Monday.",
                     "The United Nations Relief and Works Agency said the camps were full.")
    assert found["Velmoran Brotherhood Marks Anniversary"]["id"] == found["Velmoran Brotherhood"]["id"]
    assert found["United Nations Relief and Works Agency"]["name"] == "United Nations Relief and Works Agency"
