"""framing on synthetic corpora of 1,000 to 100,000 articles: time, memory, story finding and reuse scored.

    .venv/bin/python benchmarks/scale.py [--sizes 1000 10000 100000] [--jobs 2] [--polnear DIR]

For each size N, ``benchmarks/synthetic_corpus.py`` writes N articles
(stories of 1 to 8 versions with known copies, edits, trims, additions and
cross-story copies; the story is *not* in the input).  The script then runs

    framing analyze corpus.jsonl --out OUT --story auto --jobs J --quiet

as a separate process, sampling the resident memory of that process and its
workers together every 0.2 s, and scores the tables it wrote against the truth:

- story finding: pairwise precision and recall of "same story";
- reuse within stories: the pairs of paragraphs that share a lineage (a copy
  or an edit of the same paragraph) against ``alignments.csv``;
- reuse across stories: the cross-story copies against ``cross_reuse.csv``.

Writes ``benchmarks/results/scale.json``.
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from itertools import combinations
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from synthetic_corpus import write_corpus  # noqa: E402

FRAMING = str(Path(sys.executable).with_name("framing"))


def run_measured(command: list[str]) -> tuple[float, float]:
    """Run ``command``; return wall seconds and the peak resident memory (MB) of it and its children."""
    import psutil

    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    watched = psutil.Process(process.pid)
    peak = 0
    while process.poll() is None:
        try:
            members = [watched, *watched.children(recursive=True)]
            peak = max(peak, sum(m.memory_info().rss for m in members if m.is_running()))
        except psutil.Error:
            pass
        time.sleep(0.2)
    if process.returncode:
        raise SystemExit(f"{' '.join(command)} failed with status {process.returncode}")
    return time.perf_counter() - started, peak / 2**20


def pair_scores(truth: set, found: set) -> dict[str, float]:
    hits = len(truth & found)
    return {
        "precision": round(hits / len(found), 4) if found else 1.0,
        "recall": round(hits / len(truth), 4) if truth else 1.0,
        "true": len(truth),
        "found": len(found),
    }


def story_pairs(labels: dict[str, str]) -> set[tuple[str, str]]:
    groups: dict[str, list[str]] = defaultdict(list)
    for article, label in labels.items():
        groups[label].append(article)
    return {tuple(sorted(p)) for members in groups.values() for p in combinations(sorted(members), 2)}


def reuse_truth(truth: dict) -> tuple[set, set]:
    """Paragraph pairs sharing a lineage: within one true story, and across stories (cross-story copies)."""
    by_lineage: dict[int, list[tuple[str, int, str]]] = defaultdict(list)
    for article, info in truth.items():
        for k, lineage in enumerate(info["lineages"]):
            by_lineage[lineage].append((article, k + 1, info["story"]))  # paragraph 0 is the title
    within, across = set(), set()
    for members in by_lineage.values():
        for (a, pa, sa), (b, pb, sb) in combinations(members, 2):
            pair = tuple(sorted([(a, pa), (b, pb)]))
            (within if sa == sb else across).add(pair)
    return within, across


def found_pairs(table: pd.DataFrame) -> set:
    """Paragraph pairs of a table with article_a, paragraph_a, article_b, paragraph_b."""
    columns = [table[c] for c in ("article_a", "paragraph_a", "article_b", "paragraph_b")]
    return {tuple(sorted([(x, int(px)), (y, int(py))])) for x, px, y, py in zip(*columns, strict=True)}


def score(out: Path, truth: dict) -> dict:
    articles = pd.read_csv(out / "articles.csv", usecols=["article_id", "story"], dtype=str)
    found_labels = dict(zip(articles["article_id"], articles["story"], strict=True))
    true_labels = {a: info["story"] for a, info in truth.items()}
    within, across = reuse_truth(truth)
    alignments = pd.read_csv(out / "alignments.csv", usecols=["article_a", "paragraph_a", "article_b", "paragraph_b"])
    result = {
        "stories": pair_scores(story_pairs(true_labels), story_pairs(found_labels)),
        "reuse_within": pair_scores(within, found_pairs(alignments)),
    }
    cross = out / "cross_reuse.csv"
    if cross.is_file():
        table = pd.read_csv(cross, usecols=["article_a", "paragraph_a", "article_b", "paragraph_b"])
        result["reuse_across"] = pair_scores(across, found_pairs(table))
    return result


def main(sizes: list[int], jobs: int, polnear: Path, work: Path) -> dict:
    rows = []
    for n in sizes:
        corpus = write_corpus(n, work / f"corpus-{n}.jsonl", polnear, with_story=False)
        truth = json.loads(Path(f"{corpus}.truth.json").read_text(encoding="utf-8"))
        out = work / f"out-{n}"
        command = [FRAMING, "analyze", str(corpus), "--out", str(out), "--story", "auto", "--jobs", str(jobs)]
        seconds, peak = run_measured([*command, "--quiet", "--force"])
        scores = score(out, truth)
        row = {"articles": n, "jobs": jobs, "seconds": round(seconds, 1), "peak_mb": round(peak), **scores}
        rows.append(row)
        parts = [f"{n:>7} articles: {seconds:7.1f} s, peak {peak:6.0f} MB"]
        for name in ("stories", "reuse_within", "reuse_across"):
            if name in scores:
                parts.append(f"{name} P {scores[name]['precision']:.3f} R {scores[name]['recall']:.3f}")
        print("; ".join(parts), flush=True)
    report = {
        "machine": f"{platform.processor() or platform.machine()}, Python {platform.python_version()}",
        "runs": rows,
    }
    target = ROOT / "benchmarks" / "results" / "scale.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return report


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--polnear", type=Path, default=ROOT.parent / "shared" / "data" / "polnear-train")
    parser.add_argument("--work", type=Path, help="folder for the corpora and outputs (default: a temporary one)")
    args = parser.parse_args()
    if not (args.polnear / "text").is_dir():
        sys.exit(f"PolNeAR texts not found in {args.polnear}; pass --polnear DIR")
    if args.work:
        args.work.mkdir(parents=True, exist_ok=True)
        main(args.sizes, args.jobs, args.polnear, args.work)
    else:
        with tempfile.TemporaryDirectory(prefix="framing-scale-") as folder:
            main(args.sizes, args.jobs, args.polnear, Path(folder))
