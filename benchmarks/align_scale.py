"""How alignment scales with the number of versions of one story, and how right it is.

    .venv/bin/python benchmarks/align_scale.py [../shared/data/polnear-train] [--sizes 25 50 100 200]

Stories of N versions are built from PolNeAR paragraphs by copying, editing,
trimming, merging and extending (``benchmarks/synthetic.py``, true relations
known).  For each N the script measures the align stage alone (the measure
stage runs first, untimed): wall time, peak Python memory (tracemalloc), and
precision and recall of each reuse class of the body paragraphs.  It prints
one table and writes ``benchmarks/results/align_scale.json``.  Times are
only comparable within one run; the ratio column (time per version relative
to the smallest story) shows whether cost grows with the square of N.
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from synthetic import load_paragraphs, make_story  # noqa: E402

from framing.align.stage import align_tables  # noqa: E402
from framing.contract.tables import REUSE, frame  # noqa: E402
from framing.measure.article import measure_article  # noqa: E402
from framing.read import Article  # noqa: E402
from framing.settings import settings_for  # noqa: E402

SEED = 20240501


def build(n_versions: int, pool: list[list[str]], seed: int):
    """A synthetic story as framing articles, plus the true reuse class of every paragraph."""
    story = make_story(f"story{n_versions}", pool, n_versions, random.Random(seed))
    articles = [
        Article(
            f"v{index:03d}", "Synthetic story headline\n\n" + "\n\n".join(p.text for p in version), story=story.name
        )
        for index, version in enumerate(story.versions)
    ]
    return articles, story.truth()


def run(n_versions: int, pool: list[list[str]], seed: int = SEED) -> dict:
    articles, truth = build(n_versions, pool, seed)
    settings = settings_for()
    rows: dict[str, list[dict]] = {}
    for article in articles:
        for table, table_rows in measure_article(article, settings).items():
            rows.setdefault(table, []).extend(table_rows)
    tables = {
        name: frame(name, rows.get(name, []))
        for name in ("articles", "paragraphs", "sentences", "attributions", "terms")
    }
    started = time.perf_counter()
    aligned, _problems, _notes = align_tables(tables, settings)
    seconds = time.perf_counter() - started
    tracemalloc.start()  # a second run for memory: tracing slows Python down, so it is not timed
    align_tables(tables, settings)
    peak = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    body = aligned["paragraphs"][aligned["paragraphs"]["role"] == "body"]
    predicted = {(r["article_id"], r["paragraph"]): r["reuse"] for r in body.to_dict(orient="records")}
    pairs = []
    for index, classes in enumerate(truth):
        paragraphs = sorted(p for a, p in predicted if a == f"v{index:03d}")
        if len(paragraphs) != len(classes):
            raise RuntimeError(f"version {index}: cleaning gave {len(paragraphs)} paragraphs for {len(classes)}")
        pairs.extend((classes[k], predicted[(f"v{index:03d}", p)]) for k, p in enumerate(paragraphs))
    scores = {}
    for name in REUSE:
        tp = sum(1 for t, p in pairs if t == name and p == name)
        n_pred = sum(1 for _t, p in pairs if p == name)
        n_true = sum(1 for t, _p in pairs if t == name)
        scores[name] = {
            "true": n_true,
            "precision": round(tp / n_pred, 3) if n_pred else None,
            "recall": round(tp / n_true, 3) if n_true else None,
        }
    return {
        "versions": n_versions,
        "paragraphs": len(pairs),
        "align_seconds": round(seconds, 3),
        "peak_mb": round(peak, 1),
        "classes": scores,
        "accuracy": round(sum(1 for t, p in pairs if t == p) / len(pairs), 3),
    }


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("polnear", nargs="?", default=str(ROOT.parent / "shared" / "data" / "polnear-train"))
    parser.add_argument("--sizes", nargs="+", type=int, default=[25, 50, 100, 200])
    parser.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "align_scale.json"))
    args = parser.parse_args(argv)
    pool = load_paragraphs(Path(args.polnear))
    results = [run(n, pool) for n in args.sizes]
    base = results[0]["align_seconds"] / results[0]["versions"]
    print("alignment of one story with N versions (synthetic, from PolNeAR paragraphs)")
    header = f"{'N':>4} {'paras':>6} {'seconds':>8} {'s/version':>9} {'ratio':>6} {'peak MB':>8} {'acc':>6}"
    print(header + "  P/R verbatim edited paraphrase novel")
    for r in results:
        per = r["align_seconds"] / r["versions"]
        pr = "  ".join(
            f"{c['precision']:.2f}/{c['recall']:.2f}" if c["true"] and c["precision"] is not None else "   -/-   "
            for c in r["classes"].values()
        )
        print(
            f"{r['versions']:4d} {r['paragraphs']:6d} {r['align_seconds']:8.2f} {per:9.4f} {per / base:6.2f} "
            f"{r['peak_mb']:8.1f} {r['accuracy']:6.3f}  {pr}"
        )
    report = {
        "machine": f"{platform.processor() or platform.machine()}, Python {platform.python_version()}",
        "results": results,
    }
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return report


if __name__ == "__main__":
    main()
