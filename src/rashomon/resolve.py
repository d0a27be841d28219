"""Resolve: the corpus-wide step that turns the names each document uses into entities.

Each document gives its mentions keys (see `entities`); equal keys already meet across
documents. This step joins the keys that still name one thing:
- an acronym a document uses without defining it ("MEK") joins the entity that another
  document defined it for ("Mujahedin-e Khalq Organization (MEK)");
- failing that, an acronym joins the one entity whose initials it spells, when only one does.
It then chooses each entity's type (most frequent) and name (the most used full name).
It reads only the compact `name` table, so it reruns over the whole corpus in moments.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass

from .entities import display_name, initials_match, majority_type
from .records import Entity
from .store import Store


@dataclass
class _Group:
    keys: set[str]
    names: Counter
    aliases: set[str]
    types: Counter


def _is_acronym(name: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    return 2 <= len(letters) <= 8 and sum(c.isupper() for c in letters) >= len(letters) - 1 and " " not in name


def resolve(store: Store) -> int:
    """Rebuild the corpus-wide entities from every document's names; returns how many there are."""
    parent: dict[str, str] = {}

    def find(k: str) -> str:
        while parent.setdefault(k, k) != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    names: dict[str, Counter] = defaultdict(Counter)
    aliases: dict[str, set[str]] = defaultdict(set)
    types: dict[str, Counter] = defaultdict(Counter)
    for row in store.rows("name"):
        key = row["id"]
        find(key)
        names[key][row["name"]] += 1
        aliases[key].update(json.loads(row["aliases"]))
        types[key][row["type"]] += 1
    mention_counts = Counter(r["key"] for r in store.rows("mention"))

    # an acronym used bare joins the entity another document defined it for, else the one whose
    # initials it spells
    alias_owner: dict[str, set[str]] = defaultdict(set)
    for key, surfaces in aliases.items():
        for surface in surfaces:
            if surface not in names[key]:
                alias_owner[surface].add(key)
    for key in sorted(names):
        if not all(_is_acronym(n) for n in names[key]):
            continue
        acronym = names[key].most_common(1)[0][0]
        owners = {find(k) for k in alias_owner.get(acronym, ()) if k != key}
        if not owners:
            owners = {find(k) for k, ns in names.items() if k != key and any(
                " " in n or "-" in n for n in ns) and any(initials_match(acronym, _words(n)) for n in ns)}
        if len(owners) == 1:
            parent[find(key)] = owners.pop()

    groups: dict[str, list[str]] = defaultdict(list)
    for key in names:
        groups[find(key)].append(key)
    entities, key_to_entity = [], {}
    for keys in groups.values():
        entity_id = min(keys, key=lambda k: (-mention_counts[k], len(k), k))
        all_names = Counter()
        kinds = Counter()
        for k in keys:
            all_names.update({n: mention_counts[k] or 1 for n in names[k]})
            kinds.update(types[k])
            key_to_entity[k] = entity_id
        full = [n for n in all_names.elements() if not _is_acronym(n)] or list(all_names.elements())
        entities.append(Entity(id=entity_id, type=majority_type(kinds), name=display_name(full)))
    store.replace_entities(sorted(entities, key=lambda e: e.id), key_to_entity)
    return len(entities)


def _words(name: str) -> list[str]:
    return [w for w in name.replace("-", " ").split() if w]

