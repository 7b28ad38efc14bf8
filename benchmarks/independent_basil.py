"""Independent reports on BASIL dev: how body paragraphs are classed, and how IndependentRules were set.

    .venv/bin/python benchmarks/independent_basil.py [../shared/data/basil-dev]

BASIL tells each event in three outlets (Fox News, the New York Times,
HuffPost) that report it on their own.  The script prints, as JSON:

- ``reuse``: the share of body paragraphs in each reuse class, and the
  ``stories`` with their ``independent`` flag;
- ``calibration``: for each ``content_cosine``, the share of paragraphs whose
  best content match (with ``min_shared`` pieces) passes it among the other
  outlets of their own event, and among the articles of another event (the
  next story in id order, a report of something else): the second is the
  rate of false matches.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

from framing.align.content import StoryContent
from framing.align.matching import Unit
from framing.read.datasets.basil import read_basil
from framing.run.pipeline import analyze
from framing.settings import IndependentRules

ROOT = Path(__file__).resolve().parents[1]
COSINES = (0.1, 0.15, 0.2, 0.25, 0.3)

Paragraph = tuple[str, int, str]


def _best(own: list[Paragraph], others: list[Paragraph], rules: IndependentRules) -> list[float]:
    """Each of ``own``'s paragraphs: its highest content cosine with one of ``others`` (0 when none passes)."""
    units = [Unit.make(i, a, 0 if i < len(own) else 1, n, t) for i, (a, n, t) in enumerate(own + others)]
    story = StoryContent(units, rules)
    best = []
    for i in range(len(own)):
        scores = [story.same_content(i, j) for j in range(len(own), len(units))]
        best.append(max([s for s in scores if s is not None], default=0.0))
    return best


def calibration(paragraphs: dict[str, list[Paragraph]], min_shared: int) -> dict[str, dict[str, float]]:
    rules = IndependentRules(content_cosine=0.0, min_shared=min_shared)
    stories = sorted(paragraphs)
    same: list[float] = []
    other: list[float] = []
    for k, story in enumerate(stories):
        for article in sorted({a for a, _, _ in paragraphs[story]}):
            own = [p for p in paragraphs[story] if p[0] == article]
            same += _best(own, [p for p in paragraphs[story] if p[0] != article], rules)
            other += _best(own, paragraphs[stories[(k + 1) % len(stories)]], rules)
    same_array, other_array = np.array(same), np.array(other)
    return {
        str(c): {
            "own_event": round(float(np.mean(same_array >= c)), 4),
            "another_event": round(float(np.mean(other_array >= c)), 4),
        }
        for c in COSINES
    }


def main(folder: str) -> dict:
    result = analyze(read_basil(folder).corpus)
    body = result.paragraphs[result.paragraphs["role"] == "body"]
    story_of = dict(zip(result.articles["article_id"], result.articles["story"], strict=True))
    paragraphs: dict[str, list[Paragraph]] = defaultdict(list)
    for article, number, text in zip(body["article_id"], body["paragraph"], body["text"], strict=True):
        paragraphs[story_of[article]].append((article, int(number), text))
    stories = result.stories
    return {
        "paragraphs": len(body),
        "reuse": {k: round(float(v), 4) for k, v in body["reuse"].value_counts(normalize=True).items()},
        "stories": len(stories),
        "independent": int(stories["independent"].fillna(False).astype(bool).sum()),
        "copied_share_max": float(stories["copied_share"].max()),
        "calibration": {f"min_shared={m}": calibration(paragraphs, m) for m in (2, 3)},
    }


if __name__ == "__main__":
    folder = sys.argv[1] if len(sys.argv) > 1 else str(ROOT.parent / "shared" / "data" / "basil-dev")
    print(json.dumps(main(folder), indent=2))
