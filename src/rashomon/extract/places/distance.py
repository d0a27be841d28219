"""Great-circle distances, from one point to another or to many at once."""

from __future__ import annotations

import math

import numpy as np

EARTH_RADIUS_KM = 6371.0
# one name placed this close twice is one place for a reader: a province and its namesake capital
# ("Dalvan"), a city and its state ("New York"); farther apart, two places
SAME_PLACE_KM = 150


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def km_to_many(lat: float, lon: float, lats: np.ndarray, lons: np.ndarray) -> np.ndarray:
    """Great-circle distances in km from one point to many (given in radians)."""
    p1, l1 = math.radians(lat), math.radians(lon)
    a = np.sin((lats - p1) / 2) ** 2 + math.cos(p1) * np.cos(lats) * np.sin((lons - l1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.sqrt(a)))
