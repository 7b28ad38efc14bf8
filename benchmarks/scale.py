"""framing on synthetic corpora of 1,000 to 100,000 articles: time, memory, story finding and reuse scored.

    .venv/bin/python benchmarks/scale.py [--sizes 1000 10000 100000] [--jobs 2] [--polnear DIR]

For each size N, ``benchmarks/synthetic_corpus.py`` writes N articles
(stories of 1 to 8 versions with known copies, edits, trims, additions and
cross-story copies; the story is *not* in the input).  The script then runs

    framing analyze corpus.jsonl --out OUT --story auto --jobs J --quiet

as a separate process, sampling its memory every 0.2 s: the resident memory of
the process and its workers summed (``peak_mb``, the figure the targets are
about; pages the processes share count once in each), their proportional set
sizes summed (``peak_pss_mb``: shared pages counted once, what the run really
takes) and the largest worker's (``peak_worker_mb``).  It then scores the
tables the run wrote against the truth:

- story finding: pairwise precision and recall of "same story";
- reuse: every pair of paragraphs that share a lineage (a copy or an edit of
  the same paragraph, in one story or across stories) against the pairs of
  ``alignments.csv`` and ``cross_reuse.csv`` together;
- and each part alone: pairs within a true story against ``alignments.csv``,
  and cross-story copies against ``cross_reuse.csv``.

A found pair outside the truth whose paragraphs share a sentence is real
shared text, so it counts as correct and is reported as ``shared_sentence``.
This happens when a true story was split in two (its copies then sit in
``cross_reuse.csv``), or when the sentence pool was dealt again: at 100,000
articles the 16,151 sentences come round every two weeks or so.

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
from pathlib import Path

import pandas as pd
import psutil

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"
sys.path.insert(0, str(ROOT / "benchmarks"))

from synthetic_corpus import pair_scores, reuse_truth, story_scores, write_corpus  # noqa: E402

FRAMING = str(Path(sys.executable).with_name("framing"))


def run_measured(command: list[str]) -> tuple[float, dict[str, float]]:
    """Run ``command``; return wall seconds and peaks of memory (MB), sampled every 0.2 s: ``peak`` the resident
    memory of it and its children summed (pages they share count in each), ``pss`` their proportional set
    sizes summed (shared pages counted once, where the system tells), ``worker`` the largest child's."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    watched = psutil.Process(process.pid)
    peaks = {"peak": 0.0, "pss": 0.0, "worker": 0.0}
    while process.poll() is None:
        try:
            children = [c for c in watched.children(recursive=True) if c.is_running()]
            rss = [m.memory_info().rss for m in (watched, *children)]
            peaks["peak"] = max(peaks["peak"], sum(rss))
            peaks["worker"] = max(peaks["worker"], *rss[1:], 0)
            peaks["pss"] = max(peaks["pss"], sum(getattr(m.memory_full_info(), "pss", 0) for m in (watched, *children)))
        except psutil.Error:
            pass
        time.sleep(0.2)
    if process.returncode:
        raise SystemExit(f"{' '.join(command)} failed with status {process.returncode}")
    return time.perf_counter() - started, {name: value / 2**20 for name, value in peaks.items()}


def score(out: Path, truth: dict) -> dict:
    """Story finding and reuse (within and across stories) in the tables at ``out`` against the truth."""
    articles = pd.read_csv(out / "articles.csv", usecols=["article_id", "story"], dtype=str)
    found = dict(zip(articles["article_id"], articles["story"], strict=True))
    ids = sorted(truth)
    within, across = reuse_truth(truth)
    pairs = ["article_a", "paragraph_a", "article_b", "paragraph_b"]
    alignments = pd.read_csv(out / "alignments.csv", usecols=pairs)
    cross = pd.read_csv(out / "cross_reuse.csv", usecols=pairs)
    found_pairs = pd.concat([alignments[pairs], cross[pairs]], ignore_index=True)
    return {
        "stories": story_scores([truth[a]["story"] for a in ids], [found[a] for a in ids]),
        "reuse": pair_scores(within | across, found_pairs.itertuples(index=False), truth),
        "reuse_within": pair_scores(within, alignments[pairs].itertuples(index=False), truth),
        "reuse_across": pair_scores(across, cross[pairs].itertuples(index=False), truth),
    }


def main(sizes: list[int], jobs: int, polnear: Path, work: Path, results: Path = RESULTS) -> dict:
    rows = []
    for n in sizes:
        corpus = write_corpus(n, work / f"corpus-{n}.jsonl", polnear, with_story=False)
        truth = json.loads(Path(f"{corpus}.truth.json").read_text(encoding="utf-8"))
        out = work / f"out-{n}"
        command = [FRAMING, "analyze", str(corpus), "--out", str(out), "--story", "auto", "--jobs", str(jobs)]
        seconds, memory = run_measured([*command, "--quiet", "--force"])
        scores = score(out, truth)
        row = {
            "articles": n,
            "jobs": jobs,
            "seconds": round(seconds, 1),
            "peak_mb": round(memory["peak"]),
            "peak_pss_mb": round(memory["pss"]),
            "peak_worker_mb": round(memory["worker"]),
            **scores,
        }
        rows.append(row)
        parts = [
            f"{n:>7} articles: {seconds:7.1f} s, peak {memory['peak']:6.0f} MB (PSS {memory['pss']:.0f} MB, "
            f"largest worker {memory['worker']:.0f} MB)"
        ]
        for name in ("stories", "reuse", "reuse_within", "reuse_across"):
            if name in scores:
                parts.append(f"{name} P {scores[name]['precision']:.3f} R {scores[name]['recall']:.3f}")
        print("; ".join(parts), flush=True)
    report = {
        "machine": f"{platform.processor() or platform.machine()}, Python {platform.python_version()}",
        "runs": rows,
    }
    target = results / "scale.json"
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
