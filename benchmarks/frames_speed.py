"""The frame stage's cost against VADER's on the same articles, and how long the built-in model takes to load.

    .venv/bin/python benchmarks/frames_speed.py [../shared/data/polnear-train] [--limit N]

On PolNeAR's training texts, measured once by ``framing.analyze`` (frames
off), each side timed best of three in one process:

- **frames**: :func:`framing.frames.stage.frame_rows` on the measured tables:
  every article and every body paragraph called for the five frames, with
  evidence sentences scored;
- **VADER**: ``polarity_scores`` on the very same body sentences (what the
  measure stage spends on sentiment).

``frames_per_vader`` = frames / VADER: at most 1 means the frame stage costs
no more than VADER per article (issue 16).  ``load_seconds``: the built-in
model read from its JSON file (best of three, the cache cleared).  Writes
``benchmarks/results/frames_speed.json``.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"

from measure_speed import best_of  # noqa: E402  (benchmarks/ is on the path: this script's folder)

from framing.frames import classifier, frame_rows, load_frame_model  # noqa: E402
from framing.measure.sentiment import analyzer  # noqa: E402
from framing.read import load  # noqa: E402
from framing.run.pipeline import analyze  # noqa: E402


def _load_fresh() -> object:
    classifier._builtin.cache_clear()
    return load_frame_model()


def main(folder: Path, limit: int | None = None, runs: int = 3, results: Path = RESULTS) -> dict:
    corpus = load(folder / "text" if (folder / "text").is_dir() else folder)
    articles = corpus.articles[:limit] if limit else corpus.articles
    tables = analyze(list(articles), frames=None).tables
    model = load_frame_model()
    sentences = tables["sentences"]["text"].astype(str).tolist()
    vader = analyzer()
    frames_seconds = best_of(runs, lambda: frame_rows(tables, model))
    vader_seconds = best_of(runs, lambda: [vader.polarity_scores(s) for s in sentences])
    body = tables["paragraphs"][tables["paragraphs"]["role"] == "body"]
    report = {
        "articles": len(tables["articles"]),
        "body_paragraphs": len(body),
        "sentences": len(sentences),
        "frames_seconds": round(frames_seconds, 4),
        "vader_seconds": round(vader_seconds, 4),
        "frames_per_vader": round(frames_seconds / vader_seconds, 3),
        "frames_ms_per_article": round(1000 * frames_seconds / max(len(tables["articles"]), 1), 3),
        "load_seconds": round(best_of(runs, _load_fresh), 4),
        "model_bytes": (ROOT / "framing" / "models" / "generic_frames.json").stat().st_size,
        "python": platform.python_version(),
    }
    results.mkdir(parents=True, exist_ok=True)
    (results / "frames_speed.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return report


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", nargs="?", type=Path, default=ROOT.parent / "shared" / "data" / "polnear-train")
    parser.add_argument("--limit", type=int, help="only the first N articles")
    arguments = parser.parse_args()
    if not arguments.data.is_dir():
        sys.exit(f"frames_speed: no folder {arguments.data}; give the polnear-train folder")
    print(json.dumps(main(arguments.data, arguments.limit), indent=2))
