"""The offline base map: Natural Earth country outlines (data/countries-110m.json, TopoJSON)
as GeoJSON for Leaflet, converted once per process. See data/countries-110m.README."""

from __future__ import annotations

import json
from functools import cache
from itertools import pairwise

from rashomon import data

PRECISION = 3  # decimal degrees kept: about 100 m, far finer than the 1:110m outlines


def _arcs(topology: dict) -> list[list[list[float]]]:
    """The topology's arcs as absolute coordinates (TopoJSON stores quantized deltas)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    out = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append([round(x * sx + tx, PRECISION), round(y * sy + ty, PRECISION)])
        out.append(points)
    return out


def _ring(indexes: list[int], arcs: list[list[list[float]]]) -> list[list[float]]:
    ring: list[list[float]] = []
    for i in indexes:
        points = arcs[i] if i >= 0 else arcs[~i][::-1]
        ring.extend(points[1:] if ring else points)
    return unwrapped(ring)


def unwrapped(ring: list[list[float]]) -> list[list[float]]:
    """A ring that crosses the antimeridian (Russia, Fiji) drawn without a stray line across the
    map: each point's longitude is moved by 360 degrees to lie next to the one before. A ring
    around a pole (Antarctica) is already closed along the pole's edge, off the map."""
    if not any(abs(a[0] - b[0]) > 180 and not abs(a[1]) == abs(b[1]) == 90 for a, b in pairwise(ring)):
        return ring
    out = [ring[0]]
    for lon, lat in ring[1:]:
        shift = round((out[-1][0] - lon) / 360) * 360
        out.append([lon + shift, lat])
    return out


def to_geojson(topology: dict, name: str) -> dict:
    """One object of a TopoJSON topology as a GeoJSON FeatureCollection."""
    arcs = _arcs(topology)
    features = []
    for geometry in topology["objects"][name]["geometries"]:
        kind = geometry.get("type")
        if kind == "Polygon":
            coordinates = [_ring(r, arcs) for r in geometry["arcs"]]
        elif kind == "MultiPolygon":
            coordinates = [[_ring(r, arcs) for r in polygon] for polygon in geometry["arcs"]]
        else:
            continue
        features.append({"type": "Feature", "id": geometry.get("id"), "properties": geometry.get("properties", {}),
                         "geometry": {"type": kind, "coordinates": coordinates}})
    return {"type": "FeatureCollection", "features": features}


@cache
def countries() -> str:
    """The country outlines as GeoJSON text."""
    topology = json.loads(data.text("countries-110m.json"))
    return json.dumps(to_geojson(topology, "countries"), separators=(",", ":"))
