"""Labels: the words a source uses for an actor or an event besides its name.

"the terror group", "the Iraqi dictator" for actors (actors.py); "a terrible human tragedy", "a
proper defensive action", "this unforgivable crime" for events (events.py). Each label keeps its
evidence (the span) and the key of the mention of what it labels, so that the framing view can
set side by side who calls what how. Which nouns describe what is in data/labels.yaml (words.py).
Labels are words, never a verdict on them.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from rashomon.extract.labels.actors import actor_labels
from rashomon.extract.labels.events import event_labels
from rashomon.records import Label, Mention, Segment

__all__ = ["find_labels"]


def find_labels(doc: Doc, mentions: Sequence[Mention], segments: Sequence[Segment] = ()) -> list[Label]:
    """Labels of every actor and event named in `mentions`, in text order, one per (thing, span).

    `doc` is the spaCy Doc of the whole stored text; Label.entity_key is the key of the mention
    of what the label is for. `segments` give the headlines an event label may stand in alone.
    """
    found = {(lab.entity_key, lab.start, lab.end): lab
             for lab in [*actor_labels(doc, mentions), *event_labels(doc, mentions, segments)]}
    return sorted(found.values(), key=lambda lab: (lab.start, lab.end, lab.entity_key))
