"""The store's side of `resolve`: the corpus's names read one row per distinct form, not one per
document, and the (document, key) -> entity map written by the database from the groups resolve
made, so that the parent process holds what grows with the names, never what grows with the
documents (a corpus of 100,000 copies of a few accounts has a handful of forms).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from rashomon.records import Entity

# every column of a name row but its place (doc, n): rows that agree on these are one form
FORM = ("id", "type", "name", "aliases", "kb_id", "lat", "lon", "place_kind", "unresolved", "radius_km")


class Grouping:
    """Name forms and the entity map, for `resolve` (a mixin of `Store`)."""

    def _numbered(self) -> str:
        """The name rows, each with its place in the store's order (`seq`: documents in order, then
        each document's names) and how many mentions its document makes of its key (`uses`)."""
        order = self.dialect.order(("doc", "n"))
        return (f"SELECT name.*, row_number() OVER (ORDER BY {order}) AS seq, "
                f"(SELECT count(*) FROM mention m WHERE m.key = name.id AND m.doc = name.doc) AS uses FROM name")

    def name_forms(self) -> Iterator[dict]:
        """Each distinct form of a name (`FORM`), with how many documents' rows have it (`documents`) and
        its weight (`weight`: the mentions of those rows, a row without mentions counting one), in
        the order of its first row. The database groups them: the rows are never in memory."""
        columns = ", ".join(f'"{c}"' for c in FORM)
        sql = (f"SELECT {columns}, count(*) AS documents, "
               f"CAST(sum(CASE WHEN uses = 0 THEN 1 ELSE uses END) AS BIGINT) AS weight, min(seq) AS first_seq "
               f"FROM ({self._numbered()}) AS numbered GROUP BY {columns} ORDER BY first_seq")
        for row in self._execute(sql):
            yield dict(row)

    def organ_owners(self, separator: str) -> Iterator[tuple[tuple, str | None, str | None]]:
        """(the form of an organ's name, as a tuple of `FORM`; the reference and key of its owner's
        name in a document that uses that form, or None and None when the document names no owner),
        each distinct one once, in the order of its first row. An organ's key is its kind, the
        `separator` and its owner's key ("army@varnia")."""
        columns = ", ".join(f'o."{c}"' for c in FORM)
        owner = self.dialect.after("o.id", separator)
        sql = (f"SELECT {columns}, w.kb_id AS owner_ref, w.id AS owner_key, min(o.seq) AS first_seq "
               f"FROM ({self._numbered()}) AS o LEFT JOIN name w ON w.doc = o.doc AND w.id = {owner} "
               f"WHERE o.id LIKE ? GROUP BY {columns}, w.kb_id, w.id ORDER BY first_seq")
        for row in self._execute(sql, (f"%{separator}%",)):
            values = tuple(row.values()) if isinstance(row, dict) else tuple(row)
            yield values[:len(FORM)], values[len(FORM)], values[len(FORM) + 1]

    def replace_entities(self, entities: Iterable[Entity], of_node: dict[tuple[str, str], str],
                         collection_event: str, described: str) -> None:
        """Replace the corpus-wide entities and the map from (document, mention key) to them, in one
        transaction. `of_node`: ("ref", reference) or ("key", key) -> entity; a name row stands for
        its reference's entity when it has one, else its key's. Then a label's key its document has
        no name for ("a tragedy" said of the events at a town, in an account that never names the
        massacre) is the one entity the other documents give that key, when they give one; a label
        for the event of an account that names none (`collection_event`) is the event the most
        documents name (the first by id on a tie), and so is one for an event the account only
        describes at a place (its key holds `described`: "the tragedy" of "the shelling in
        Lebanon") that no document names."""
        with self.dialect.transaction(self.db):
            self._execute("DELETE FROM entity")
            self._execute("DELETE FROM entity_key")
            self._many("INSERT INTO entity VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       [(e.id, e.type, e.name, e.kb_id, e.lat, e.lon, e.place_kind, e.unresolved, e.radius_km)
                        for e in entities])
            self._execute("CREATE TEMP TABLE IF NOT EXISTS node_entity (kind TEXT NOT NULL, value TEXT NOT NULL, "
                          "entity TEXT NOT NULL, PRIMARY KEY (kind, value))")
            self._execute("DELETE FROM node_entity")
            self._many("INSERT INTO node_entity VALUES (?, ?, ?)",
                       [(kind, value, entity) for (kind, value), entity in of_node.items()])
            self._execute(
                "INSERT INTO entity_key (doc, key, entity) SELECT n.doc, n.id, e.entity FROM name n "
                "JOIN node_entity e ON e.kind = CASE WHEN coalesce(n.kb_id, '') = '' THEN 'key' ELSE 'ref' END "
                "AND e.value = CASE WHEN coalesce(n.kb_id, '') = '' THEN n.id ELSE n.kb_id END "
                "WHERE true ON CONFLICT DO NOTHING")
            self._labelled_elsewhere(collection_event, described)
            self._mark_corpus()

    def _labelled_elsewhere(self, collection_event: str, described: str) -> None:
        """Map the keys of labels their documents have no name for (`replace_entities`)."""
        unnamed = "NOT EXISTS (SELECT 1 FROM entity_key k WHERE k.doc = l.doc AND k.key = l.entity_key)"
        top = self._one(f"SELECT k.entity FROM entity_key k JOIN entity e ON e.id = k.entity AND e.type = 'EVENT' "
                        f"GROUP BY k.entity ORDER BY count(DISTINCT k.doc) DESC, {self.dialect.collate('k.entity')} "
                        f"LIMIT 1")
        self._execute(f"INSERT INTO entity_key (doc, key, entity) SELECT DISTINCT l.doc, l.entity_key, one.entity "
                      f"FROM label l JOIN (SELECT key, min(entity) AS entity FROM entity_key GROUP BY key "
                      f"HAVING count(DISTINCT entity) = 1) AS one ON one.key = l.entity_key "
                      f"WHERE l.entity_key <> ? AND {unnamed}", (collection_event,))
        if top is not None:
            self._execute(f"INSERT INTO entity_key (doc, key, entity) SELECT DISTINCT l.doc, l.entity_key, ? "
                          f"FROM label l WHERE (l.entity_key = ? OR l.entity_key LIKE ?) AND {unnamed}",
                          (top[0], collection_event, f"_%{described}_%"))
