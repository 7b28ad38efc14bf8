"""What the main process of ``framing analyze`` holds for a corpus read from a file, and story finding's peak.

    .venv/bin/python benchmarks/main_memory.py [--sizes 10000 100000] [--polnear DIR]

For each size N, ``benchmarks/synthetic_corpus.py`` writes N articles as
JSONL (without their stories), and three fresh processes each measure one
thing (resident memory from ``/proc/self/status``, peak from ``ru_maxrss``):

- ``texts_held_mb``: the memory ``framing.load(path)`` adds, texts held;
- ``texts_on_disk_mb``: the same with ``keep_texts=False``, what ``framing
  analyze`` does (each article's metadata and the place of its record);
- ``find_stories_peak_mb``: the peak of ``find_stories`` on the latter,
  above the memory of the loaded corpus.

Writes ``benchmarks/results/main_memory.json``.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"
sys.path.insert(0, str(ROOT / "benchmarks"))

from synthetic_corpus import write_corpus  # noqa: E402

MEASURES = ("texts_held", "texts_on_disk", "find_stories_peak")


def resident_mb() -> float:
    status = Path("/proc/self/status").read_text(encoding="utf-8")
    return int(status.split("VmRSS:")[1].split()[0]) / 1024


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(what: str, corpus: Path) -> float:
    """One measure (MB), in this process: call it in a fresh one (``--child``)."""
    # lazy: framing is imported in the measuring child (a fresh process) only, as `framing analyze` has it
    # imported before it reads; the parent that starts the children stays small
    import framing.run.pipeline  # noqa: F401  # lazy: as said above
    from framing.read import load  # lazy: as above
    from framing.stories.find import find_stories  # lazy: as above

    before = resident_mb()
    loaded = load(corpus, keep_texts=what == "texts_held")
    if what != "find_stories_peak":
        return resident_mb() - before
    base = peak_mb()
    find_stories(loaded.articles)
    return peak_mb() - base


def main(sizes: list[int], polnear: Path, work: Path, results: Path = RESULTS) -> dict:
    rows = []
    for n in sizes:
        corpus = write_corpus(n, work / f"corpus-{n}.jsonl", polnear, with_story=False)
        row: dict[str, float] = {"articles": n}
        for what in MEASURES:
            done = subprocess.run(
                [sys.executable, __file__, "--child", what, str(corpus)], capture_output=True, text=True, check=True
            )
            row[f"{what}_mb"] = round(float(done.stdout))
        rows.append(row)
        print(
            f"{n:>7} articles: texts held {row['texts_held_mb']} MB, left on disk {row['texts_on_disk_mb']} MB; "
            f"find_stories peak {row['find_stories_peak_mb']} MB above the loaded corpus",
            flush=True,
        )
    report = {"machine": f"{platform.machine()}, Python {platform.python_version()}", "runs": rows}
    target = results / "main_memory.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return report


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        print(measure(sys.argv[2], Path(sys.argv[3])))
        sys.exit()
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10000, 100000])
    parser.add_argument("--polnear", type=Path, default=ROOT.parent / "shared" / "data" / "polnear-train")
    args = parser.parse_args()
    if not (args.polnear / "text").is_dir():
        sys.exit(f"PolNeAR texts not found in {args.polnear}; pass --polnear DIR")
    with tempfile.TemporaryDirectory(prefix="framing-memory-") as folder:
        main(args.sizes, args.polnear, Path(folder))
