"""CPU of the align stage against the measure stage, in one run of a corpus (issue 18, item 11).

    .venv/bin/python benchmarks/align_measure.py [../shared/data/polnear-train/text] [--story auto|given]
                                                 [--attribution learned|rules] [--limit N] [--profile FILE]

The corpus is read and grouped as ``framing analyze DATA --story auto`` does
it (:func:`framing.run.pipeline.with_found_stories`), cut into the run's
batches of whole stories (:func:`framing.run.engine.story_batches`), and each
batch goes through the two stages one after the other in this one process:

- **measure**: :func:`framing.run.engine.measure_batch` (cleaning, sentences,
  sentiment, attribution with the learned tagger, or the rules alone with
  ``--attribution rules``, terms: every article alone);
- **align**: :func:`framing.align.align_tables` on the batch's measured tables
  (every story's versions lined up, editorial scores, speakers, slant), as
  :func:`framing.run.engine.align_batch` calls it (what that function does
  after it, frames, cross-story signatures and the stories table, is left out).

Each stage's time is CPU time of this process (``time.process_time``),
summed over the batches.  ``align_measure_ratio`` = align / measure (issue 18
aims at 1 at most on PolNeAR with ``--story auto``).  ``--story given`` runs
the folder as it is: a flat folder is then one story of every file.
``--profile FILE`` writes a cProfile of the align stage alone.  Writes
``benchmarks/results/align_measure.json`` (``--out`` to change).
"""

from __future__ import annotations

import argparse
import cProfile
import json
import platform
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"

from framing.align import align_tables  # noqa: E402
from framing.read import Corpus, load  # noqa: E402
from framing.run.engine import MEASURED, concat_parts, measure_batch, story_batches  # noqa: E402
from framing.run.pipeline import with_found_stories  # noqa: E402
from framing.settings import settings_for  # noqa: E402


def stage_seconds(
    corpus: Corpus, *, attribution: str = "learned", profile: cProfile.Profile | None = None
) -> dict[str, Any]:
    """CPU seconds of measure and align over the run's batches, and the counts of what they made."""
    settings = settings_for(attribution=attribution)
    spent = {"measure": 0.0, "align": 0.0}
    counts = {"batches": 0, "stories": 0, "alignments": 0, "largest_story": 0}
    for batch in story_batches(corpus.articles):
        started = time.process_time()
        measured = measure_batch(batch, settings)
        spent["measure"] += time.process_time() - started
        tables = {name: concat_parts([measured[name]]) for name in MEASURED}
        started = time.process_time()
        if profile is not None:
            profile.enable()
        aligned, _problems, _notes = align_tables(tables, settings)
        if profile is not None:
            profile.disable()
        spent["align"] += time.process_time() - started
        sizes = aligned["articles"].groupby("story").size()
        counts["batches"] += 1
        counts["stories"] += len(sizes)
        counts["largest_story"] = max(counts["largest_story"], int(sizes.max()) if len(sizes) else 0)
        counts["alignments"] += len(aligned["alignments"])
    return {"seconds": {k: round(v, 3) for k, v in spent.items()}, **counts}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("data", nargs="?", default=str(ROOT.parent / "shared" / "data" / "polnear-train" / "text"))
    parser.add_argument("--story", choices=["auto", "given"], default="auto")
    parser.add_argument("--attribution", choices=["learned", "rules"], default="learned")
    parser.add_argument("--limit", type=int, default=0, help="only the first N articles")
    parser.add_argument("--profile", help="write a cProfile of the align stage to this file")
    parser.add_argument("--out", default=str(RESULTS / "align_measure.json"))
    args = parser.parse_args()
    corpus = load(args.data)
    if args.limit:
        corpus = Corpus(corpus.articles[: args.limit], list(corpus.problems), list(corpus.inputs))
    if args.story == "auto":
        corpus = with_found_stories(corpus)
    profile = cProfile.Profile() if args.profile else None
    found = stage_seconds(corpus, attribution=args.attribution, profile=profile)
    if profile is not None:
        profile.dump_stats(args.profile)
    seconds = found["seconds"]
    result = {
        "machine": f"{platform.machine()}, {platform.python_implementation()} {platform.python_version()}",
        "data": Path(args.data).name if Path(args.data).name != "text" else Path(args.data).parent.name,
        "story": args.story,
        "attribution": args.attribution,
        "articles": len(corpus.articles),
        **found,
        "align_measure_ratio": round(seconds["align"] / seconds["measure"], 3) if seconds["measure"] else None,
    }
    print(json.dumps(result, indent=2))
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
