"""Speed-up of ``framing analyze --jobs 2`` over ``--jobs 1``, and that both write the same tables.

    .venv/bin/python benchmarks/jobs_speed.py [--articles 2000] [--jobs 2] [--polnear DIR]

A synthetic corpus (``benchmarks/synthetic_corpus.py``, stories given) is
analysed by the command line with one worker and with ``--jobs``; each run is
timed twice and the faster counts.  The speed-up is the ratio of the two wall
times; the tables of both runs are compared byte for byte.  Writes
``benchmarks/results/jobs_speed.json``.
"""

from __future__ import annotations

import argparse
import filecmp
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"
sys.path.insert(0, str(ROOT / "benchmarks"))

from synthetic_corpus import write_corpus  # noqa: E402

FRAMING = str(Path(sys.executable).with_name("framing"))


def timed(command: list[str], runs: int = 2) -> float:
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        best = min(best, time.perf_counter() - started)
    return best


def main(articles: int, jobs: int, polnear: Path, work: Path, results: Path = RESULTS, runs: int = 2) -> dict:
    corpus = write_corpus(articles, work / "corpus.jsonl", polnear)
    seconds = {}
    for n in (1, jobs):
        out = work / f"jobs-{n}"
        command = [FRAMING, "analyze", str(corpus), "--out", str(out), "--jobs", str(n), "--quiet", "--force"]
        seconds[n] = timed(command, runs)
    names = sorted(p.name for p in (work / "jobs-1").iterdir())
    _same, different, errors = filecmp.cmpfiles(work / "jobs-1", work / f"jobs-{jobs}", names, shallow=False)
    report = {
        "machine": f"{platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}",
        "articles": articles,
        "jobs": jobs,
        "seconds": {str(k): round(v, 2) for k, v in seconds.items()},
        "speedup": round(seconds[1] / seconds[jobs], 2),
        "identical_tables": not different and not errors,
    }
    print(
        f"{articles} articles: --jobs 1 {seconds[1]:.1f} s, --jobs {jobs} {seconds[jobs]:.1f} s: "
        f"speed-up {report['speedup']:.2f} (at least 1.8 wanted on two cores); "
        f"tables {'identical' if report['identical_tables'] else 'DIFFERENT: ' + ', '.join(different + errors)}"
    )
    target = results / "jobs_speed.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return report


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--polnear", type=Path, default=ROOT.parent / "shared" / "data" / "polnear-train")
    args = parser.parse_args()
    if not (args.polnear / "text").is_dir():
        sys.exit(f"PolNeAR texts not found in {args.polnear}; pass --polnear DIR")
    with tempfile.TemporaryDirectory(prefix="framing-jobs-") as folder:
        main(args.articles, args.jobs, args.polnear, Path(folder))
