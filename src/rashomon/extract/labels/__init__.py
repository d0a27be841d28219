"""Labels: the words a source uses for an actor or an event besides its name.

"the terror group", "the Tolarian dictator" for actors (actors.py); "a terrible human tragedy", "a
proper defensive action", "this unforgivable crime" for events (events.py). Each label keeps its
evidence (the span) and the key of the mention of what it labels, so that the framing view can
set side by side who calls what how. Which nouns describe what is in data/labels.yaml (words.py).
Labels are words, never a verdict on them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from spacy.tokens import Doc

from rashomon.extract.labels.actors import actor_labels
from rashomon.extract.labels.events import event_labels
from rashomon.extract.labels.words import heads
from rashomon.records import Label, Mention, Segment

__all__ = ["find_labels"]


def find_labels(doc: Doc, mentions: Sequence[Mention], segments: Sequence[Segment] = (),
                organs: Sequence[Mention] = ()) -> list[Label]:
    """Labels of every actor and event named in `mentions`, in text order, one per (thing, span).

    `doc` is the spaCy Doc of the whole stored text; Label.entity_key is the key of the mention
    of what the label is for. `organs` are the mentions of organs around their owners' ("the
    Zarani regime" around "Zarani"), which words before the owner label. `segments` give the
    headlines an event label may stand in alone.
    The word of an event's own name that says its kind ("the operation" for "Operation Kaman")
    refers to it without labelling it; a judgement in its name stays a label ("the massacre").
    """
    kinds = heads().event_kinds
    own = defaultdict(set)  # the kind words of each event's own names: "the operation" refers to "Operation X"
    for m in mentions:
        if m.type == "EVENT":
            own[m.key].update(w.lower() for w in m.text.split() if w.lower() in kinds)
    found = {(lab.entity_key, lab.start, lab.end): lab
             for lab in [*actor_labels(doc, mentions, organs, segments), *event_labels(doc, mentions, segments)]
             if not (len(lab.text.split()) == 1 and lab.text.lower() in own[lab.entity_key])}
    return sorted(found.values(), key=lambda lab: (lab.start, lab.end, lab.entity_key))
