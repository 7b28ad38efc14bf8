"""Stories without labels and reuse across stories: BASIL's triplets, and synthetic corpora with known truth.

    .venv/bin/python benchmarks/stories.py [DATA] [--sizes 1000 10000] [--shuffles 5]

``DATA`` is the annotated data folder (default ``../shared/data``) holding
``basil-dev/`` and ``polnear-train/``.

**BASIL** (Fan et al., EMNLP 2019): the 120 articles of the 40 dev triplets
(the same event told by Fox News, the New York Times and HuffPost; body,
title and date) are shuffled and grouped by
:func:`framing.stories.find_stories`; the adjusted Rand index against the
triplets is reported over several shuffles, with the dates and without them
(content only).

**Synthetic corpora** (``synthetic_corpus.py``: stories of real PolNeAR
sentences with known copies, edits, trims, additions and cross-story copies)
at each size: pairwise precision and recall of "same story" for
``find_stories``, and precision and recall of the cross-story paragraph pairs
for :func:`framing.stories.find_cross_story_reuse` fed with the true
stories, with wall time and peak traced memory of each call.  The whole
pipeline at scale is ``scale.py``.

Prints a summary and writes ``benchmarks/results/stories.json``.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import platform
import random
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.metrics import adjusted_rand_score

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from synthetic_corpus import load_sentences, make_corpus, pair_scores, reuse_truth, story_scores  # noqa: E402

from framing.read import Article  # noqa: E402
from framing.read.datasets.basil import read_basil  # noqa: E402
from framing.stories.crossreuse import find_cross_story_reuse  # noqa: E402
from framing.stories.find import find_stories  # noqa: E402

SEED = 20240607


def measured(call: Callable[[], Any]) -> tuple[Any, float, float]:
    """The result, wall seconds of one run, and peak traced MB of a second run."""
    started = time.perf_counter()
    result = call()
    seconds = time.perf_counter() - started
    tracemalloc.start()
    call()
    peak = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    return result, seconds, peak


def basil(folder: Path, shuffles: int = 5) -> dict[str, Any]:
    """ARI of find_stories against BASIL's triplets over ``shuffles`` shuffles, with and without dates."""
    articles = read_basil(folder).corpus.articles
    out: dict[str, Any] = {"articles": len(articles), "triplets": len({a.story for a in articles})}
    for name, strip in (("with_dates", False), ("without_dates", True)):
        scores, counts = [], []
        for shuffle in range(shuffles):
            order = list(articles)
            random.Random(SEED + shuffle).shuffle(order)
            if strip:
                order = [dataclasses.replace(a, date="") for a in order]
            labels = find_stories(order)
            scores.append(adjusted_rand_score([a.story for a in order], labels))
            counts.append(len(set(labels)))
        out[name] = {"ari_mean": round(float(np.mean(scores)), 4), "ari_min": round(float(np.min(scores)), 4)}
        out[name]["stories_found"] = counts
    return out


def synthetic(sentences: list[str], n_articles: int, seed: int = SEED) -> dict[str, Any]:
    """find_stories and find_cross_story_reuse on a shuffled synthetic corpus, scored against its truth."""
    made = list(make_corpus(n_articles, sentences, seed))
    random.Random(seed).shuffle(made)
    articles = [Article(a.article_id, a.text(), source=a.source, date=a.date, title=a.title) for a in made]
    truth = {a.article_id: {"story": a.story, "lineages": a.lineages, "sentences": a.sentence_ids} for a in made}
    labels, seconds, peak = measured(lambda: find_stories(articles))
    result: dict[str, Any] = {
        "articles": len(articles),
        "stories": len({a.story for a in made}),
        "stories_found": len(set(labels)),
        "seconds": round(seconds, 2),
        "peak_mb": round(peak, 1),
        **story_scores([a.story for a in made], labels),
    }
    records = [(a.story, a.article_id, k + 1, text) for a in made for k, text in enumerate(a.paragraphs)]
    table, seconds, peak = measured(lambda: find_cross_story_reuse(records))
    _within, across = reuse_truth(truth)
    columns = ["article_a", "paragraph_a", "article_b", "paragraph_b"]
    result["reuse"] = {
        "paragraphs": len(records),
        **pair_scores(across, table[columns].itertuples(index=False), truth),
        "seconds": round(seconds, 2),
        "peak_mb": round(peak, 1),
    }
    return result


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--shuffles", type=int, default=5)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "stories.json")
    args = parser.parse_args(argv)
    if not (args.data / "basil-dev").is_dir() or not (args.data / "polnear-train").is_dir():
        raise SystemExit(f"stories: no basil-dev/ and polnear-train/ in {args.data}; give the annotated data folder")
    report: dict[str, Any] = {"machine": f"{platform.machine()}, Python {platform.python_version()}"}
    report["basil"] = basil(args.data / "basil-dev", args.shuffles)
    for name in ("with_dates", "without_dates"):
        part = report["basil"][name]
        print(f"BASIL dev, {name.replace('_', ' ')}: ARI mean {part['ari_mean']:.4f}, min {part['ari_min']:.4f}")
    sentences = load_sentences(args.data / "polnear-train")
    report["synthetic"] = []
    for size in args.sizes:
        part = synthetic(sentences, size)
        report["synthetic"].append(part)
        reuse = part["reuse"]
        print(
            f"synthetic {part['articles']:>6} articles ({part['stories']} stories): same story P "
            f"{part['precision']:.4f} R {part['recall']:.4f} in {part['seconds']:.1f} s, {part['peak_mb']:.0f} MB"
            f" | cross-story reuse ({reuse['true']} true pairs) P {reuse['precision']:.4f} R {reuse['recall']:.4f}"
            f" in {reuse['seconds']:.1f} s, {reuse['peak_mb']:.0f} MB"
        )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return report


if __name__ == "__main__":
    main()
