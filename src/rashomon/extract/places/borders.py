"""Land borders: a place the text calls a border or a crossing that no gazetteer holds ("the
Parvizi border", "the Torkham crossing") lies on the line two countries share, not in the town
the story names beside it. The lines are the arcs two countries' outlines share in Natural Earth's
1:110m outlines (data/countries-110m.json, TopoJSON; see its README), sampled every
STEP_KM along the way."""

from __future__ import annotations

import json
import math
from collections import Counter
from functools import cache
from itertools import pairwise

import numpy as np

from rashomon import data
from rashomon.extract.places.distance import km, km_to_many

STEP_KM = 2.0  # the line's points are this far apart at most; the outlines are coarser (about 10 km)


@cache
def _border_points() -> tuple[np.ndarray, np.ndarray]:
    """Latitudes and longitudes (radians) of points along every land border."""
    topology = json.loads(data.text("countries-110m.json"))
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    uses: Counter = Counter()
    for geometry in topology["objects"]["countries"]["geometries"]:
        polygons = {"Polygon": [geometry.get("arcs")], "MultiPolygon": geometry.get("arcs")}.get(geometry["type"], [])
        uses.update({i if i >= 0 else ~i for polygon in polygons for ring in polygon for i in ring})
    lats, lons = [], []
    for i, arc in enumerate(topology["arcs"]):
        if uses[i] < 2:
            continue  # a coast, which one country's outline alone follows
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((y * sy + ty, x * sx + tx))
        for (lat1, lon1), (lat2, lon2) in pairwise(points):
            n = max(1, math.ceil(km(lat1, lon1, lat2, lon2) / STEP_KM))
            lats += [lat1 + (lat2 - lat1) * k / n for k in range(n)]
            lons += [lon1 + (lon2 - lon1) * k / n for k in range(n)]
    return np.radians(np.array(lats)), np.radians(np.array(lons))


def nearest_border(lat: float, lon: float, within_km: float) -> tuple[float, float, float] | None:
    """The point of a land border nearest (lat, lon) and how far it is, if within `within_km`."""
    lats, lons = _border_points()
    if not len(lats):
        return None
    far = km_to_many(lat, lon, lats, lons)
    i = int(np.argmin(far))
    if far[i] > within_km:
        return None
    return math.degrees(lats[i]), math.degrees(lons[i]), float(far[i])
