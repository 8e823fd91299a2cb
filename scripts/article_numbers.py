"""Add dated article numbers to data/article_numbers.csv from dated article files.

``data/article_numbers.csv`` lists news articles whose URL carries a sequential
article number and whose publication date the page states (see
:mod:`geo.urlnumbers`). Rows come from two places: pages looked up by hand
(their ``evidence`` column quotes where the page states its date) and article
files with a ``published:`` date in their front matter, which this script
reads::

    python scripts/article_numbers.py tests/devset/articles/*.md seeds/*.txt

It keeps the existing rows, adds one row per article whose URL has a number
and whose site is already in the table or is given with ``--site``, drops
duplicates (site and number) and writes the table sorted by site and number,
atomically. The evaluation set is never read into the table: it must stay
unseen.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

from geo import settings
from geo.articles import load_articles
from geo.atomic import atomic_path
from geo.urlnumbers import article_number, site_of

FIELDS = ("site", "url", "number", "published", "evidence")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path, help="dated article files (front matter with published:)")
    parser.add_argument("--table", type=Path, default=settings.ARTICLE_NUMBERS_PATH)
    parser.add_argument("--site", action="append", default=[], help="also take articles of this site")
    args = parser.parse_args(argv)
    if any("evalset" in f.parts for f in args.files):
        print("refusing to read the evaluation set into the table", file=sys.stderr)
        return 2
    rows: dict[tuple[str, int], dict[str, str]] = {}
    if args.table.exists():
        with args.table.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                rows[(row["site"], int(row["number"]))] = row
    sites = {site for site, _ in rows} | set(args.site)
    added = 0
    for article in load_articles(args.files):
        site, number = site_of(article.url), article_number(article.url)
        if article.published is None or number is None or site not in sites or (site, number) in rows:
            continue
        rows[(site, number)] = {
            "site": site,
            "url": article.url,
            "number": str(number),
            "published": article.published.isoformat(),
            "evidence": "publication date given on the page (front matter of a dated article file)",
        }
        added += 1
    with atomic_path(args.table) as tmp, tmp.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=FIELDS, lineterminator="\n")
        writer.writeheader()
        for key in sorted(rows):
            writer.writerow({k: rows[key].get(k, "") for k in FIELDS})
    print(f"{args.table}: {len(rows)} rows ({added} added)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
