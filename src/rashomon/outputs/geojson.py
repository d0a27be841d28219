"""GeoJSON export: the resolved places of a corpus as a FeatureCollection (RFC 7946),
for `rashomon export --format geojson` and any web map."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from rashomon.records import Entity


def _field(entity: Entity | Mapping, name: str):
    return entity.get(name) if isinstance(entity, Mapping) else getattr(entity, name)


def to_geojson(entities: Iterable[Entity | Mapping]) -> dict:
    """A FeatureCollection with one Point per entity that has coordinates; entities
    without them (unresolved places, people, groups) are left out.

    Accepts `records.Entity` objects or the entity dicts of the JSON export. Properties:
    id, name, aliases, place_kind, kb_id, and for a place estimated from its text alone
    `estimated: true` and `radius_km`. Coordinates are [lon, lat] as RFC 7946 orders them.
    """
    features = []
    for entity in entities:
        lat, lon = _field(entity, "lat"), _field(entity, "lon")
        if lat is None or lon is None:
            continue
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [round(float(lon), 6), round(float(lat), 6)]},
                "properties": {
                    "id": _field(entity, "id"),
                    "name": _field(entity, "name"),
                    "aliases": list(_field(entity, "aliases") or ()),
                    "place_kind": _field(entity, "place_kind"),
                    "kb_id": _field(entity, "kb_id"),
                    "estimated": _field(entity, "radius_km") is not None,
                    "radius_km": _field(entity, "radius_km"),
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}
