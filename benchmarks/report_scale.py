"""The HTML report at scale: its size, time and peak memory for many stories and for one story of many versions.

    .venv/bin/python benchmarks/report_scale.py [DATA] [--stories 40] [--versions 300]

``DATA`` is the annotated data folder (default ``../shared/data``) holding
``basil-dev/`` and ``polnear-train/``.  Two corpora are written to a temporary folder (never into
the repository):

- **basil**: BASIL's 40 dev triplets (120 articles of 40 stories, each
  event told by Fox News, the New York Times and HuffPost);
- **polnear**: the 40 largest stories :func:`framing.stories.find_stories`
  finds among the 840 PolNeAR training articles, at most 3 articles each
  (PolNeAR has only 19 stories of 3 or more, so 99 articles);
- **versions**: one story of 300 lightly varied copies of the AP seed
  (``seeds/000_*.txt``): each copy drops one paragraph and swaps one word.

Each is analysed (with its story column) and reported in a child process,
as ``framing analyze CORPUS --out OUT --report REPORT`` does; the child times
the analysis and the report apart (wall seconds, and the report's CPU
seconds, which a busy machine changes less) and records its peak resident
memory (``ru_maxrss``) before and after the report.  ``report_mb`` is the
size of the report's files (the index page and, for a large report, its
folder of story pages).

Writes ``benchmarks/results/report_scale.json``.
"""

from __future__ import annotations

import argparse
import csv
import json
import platform
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]

#: The child process: analyze, then write the report, timing each and reading the peak memory between them.
CHILD = """
import json, resource, sys, time
from pathlib import Path
import matplotlib
matplotlib.use("Agg")
from framing.run.pipeline import analyze
corpus, report = sys.argv[1], Path(sys.argv[2])
def cpu():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime
started = time.perf_counter()
result = analyze(corpus)
analysed, cpu_analysed = time.perf_counter(), cpu()
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
result.report(report)
done, cpu_done = time.perf_counter(), cpu()
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"analyze_s": analysed - started, "report_s": done - analysed, "report_cpu_s": cpu_done - cpu_analysed,
                  "peak_mb_before_report": before, "peak_mb": after}))
"""


def basil_stories(data: Path) -> list[dict[str, str]]:
    """BASIL's dev triplets: 120 articles of 40 stories (one event told by three outlets)."""
    from framing.read.datasets.basil import read_basil  # lazy: only the benchmark reads BASIL

    return [_row(a, a.story) for a in read_basil(data / "basil-dev").corpus]


def polnear_stories(data: Path, stories: int, per_story: int) -> list[dict[str, str]]:
    """The ``stories`` largest stories :func:`framing.stories.find_stories` finds among the PolNeAR training
    articles (ties by label), at most ``per_story`` articles of each."""
    from framing.read.datasets.polnear import read_polnear  # lazy: only the benchmark reads PolNeAR
    from framing.stories import find_stories  # lazy: as above

    articles = list(read_polnear(data / "polnear-train").corpus)
    members: dict[str, list[Any]] = {}
    for article, label in zip(articles, find_stories(articles), strict=True):
        members.setdefault(label, []).append(article)
    chosen = sorted(members.items(), key=lambda item: (-min(len(item[1]), per_story), item[0]))[:stories]
    return [_row(a, label) for label, group in chosen for a in group[:per_story]]


def _row(article: Any, story: str) -> dict[str, str]:
    return {
        "id": article.article_id,
        "source": article.source,
        "date": article.date,
        "title": article.title,
        "story": story,
        "text": article.text,
    }


def varied_copies(count: int) -> list[dict[str, str]]:
    """``count`` copies of the AP seed, each without one paragraph and with one word swapped."""
    seed = sorted((ROOT / "seeds").glob("000_*.txt"))[0].read_text(encoding="utf-8")
    paragraphs = [p for p in seed.split("\n\n") if p.strip()]
    swaps = [("said", "stated"), ("insisted", "confirmed"), ("tensions", "strains"), ("would", "will")]
    rows = []
    for i in range(count):
        kept = [p for j, p in enumerate(paragraphs) if j == 0 or j != 1 + i % (len(paragraphs) - 1)]
        old, new = swaps[i % len(swaps)]
        text = "\n\n".join(kept).replace(old, new, 1 + i % 3)
        rows.append({"id": f"v{i:03d}", "source": f"Outlet {i % 37}", "story": "one", "text": text})
    return rows


def write_csv(rows: list[dict[str, str]], path: Path) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def report_size(report: Path) -> tuple[int, int]:
    """Bytes of the report's files (in a folder of their own: the page and any story pages) and how many."""
    files = [p for p in report.parent.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)


def run(corpus: Path, folder: Path) -> dict[str, Any]:
    """Analyze ``corpus`` and write its report in a child process; its timings, peak memory and report size."""
    report = folder / "report" / "report.html"
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(corpus), str(report)],
        check=False,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "MPLBACKEND": "Agg"},
    )
    if done.returncode != 0:
        raise SystemExit(f"the child failed on {corpus}:\n{done.stderr}")
    numbers = json.loads(done.stdout.strip().splitlines()[-1])
    size, files = report_size(report)
    return {**{k: round(v, 2) for k, v in numbers.items()}, "report_mb": round(size / 1e6, 2), "report_files": files}


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("data", nargs="?", default=str(ROOT.parent / "shared" / "data"))
    parser.add_argument("--stories", type=int, default=40)
    parser.add_argument("--per-story", type=int, default=3)
    parser.add_argument("--versions", type=int, default=300)
    parser.add_argument("--results", default=str(ROOT / "benchmarks" / "results"))
    args = parser.parse_args(argv)
    out: dict[str, Any] = {"python": platform.python_version(), "machine": platform.machine()}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        data = Path(args.data)
        for name, rows in (
            ("basil", basil_stories(data)),
            ("polnear", polnear_stories(data, args.stories, args.per_story)),
        ):
            corpus = write_csv(rows, folder / f"{name}.csv")
            stories = len({r["story"] for r in rows})
            out[name] = {"articles": len(rows), "stories": stories, **run(corpus, folder / name)}
            print(name, out[name], flush=True)
        if args.versions:
            corpus = write_csv(varied_copies(args.versions), folder / "versions.csv")
            out["versions"] = {"articles": args.versions, "stories": 1, **run(corpus, folder / "b")}
            print("versions", out["versions"], flush=True)
    results = Path(args.results)
    results.mkdir(parents=True, exist_ok=True)
    (results / "report_scale.json").write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    return out


if __name__ == "__main__":
    main()
