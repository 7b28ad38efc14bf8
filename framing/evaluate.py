"""Measure framing's components against annotated data in a folder the user points to.

``sentence_boundaries`` scores the sentence splitter against CoreNLP's
sentence boundaries for PolNeAR's training texts (``framing eval sentences``).
CoreNLP's splitter ignores paragraph breaks, while framing always ends a
sentence at one, so the headline number counts boundaries *inside*
paragraphs; the score over all boundaries is reported beside it.  A boundary
is compared after stepping back over white space and quote marks, because
the two tools attach a quote mark between sentences ("…lobbyist. ''I had")
to different sides.  Articles are split in two halves by a hash of their
name: the rules were developed looking at errors on ``dev`` only.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from framing.clean import split_blocks
from framing.datasets.corenlp import iter_corenlp
from framing.problems import FramingError
from framing.segment import sentence_spans

__all__ = ["BoundaryScore", "SentenceEvaluation", "half_of", "sentence_boundaries"]

_QUOTES = "'\"”“‘’«»"


@dataclass
class BoundaryScore:
    """Counts of true positive, false positive and false negative boundaries."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, predicted: set[int], gold: set[int]) -> None:
        self.tp += len(predicted & gold)
        self.fp += len(predicted - gold)
        self.fn += len(gold - predicted)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


@dataclass
class SentenceEvaluation:
    """Boundary scores by half (dev, test) and scope (within paragraphs, all)."""

    articles: dict[str, int] = field(default_factory=lambda: {"dev": 0, "test": 0})
    scores: dict[tuple[str, str], BoundaryScore] = field(default_factory=dict)

    def score(self, half: str, scope: str) -> BoundaryScore:
        return self.scores.setdefault((half, scope), BoundaryScore())

    def as_dict(self) -> dict[str, object]:
        return {
            "reference": "CoreNLP sentence boundaries, PolNeAR train split (corenlp-train.tsv.gz)",
            "articles": self.articles,
            "scores": {f"{half}/{scope}": s.as_dict() for (half, scope), s in sorted(self.scores.items())},
        }

    def table(self) -> str:
        lines = [
            "sentence boundaries vs CoreNLP (PolNeAR train)",
            f"{'half':6} {'scope':18} {'articles':>8} {'P':>7} {'R':>7} {'F1':>7}",
        ]
        for (half, scope), s in sorted(self.scores.items()):
            lines.append(f"{half:6} {scope:18} {self.articles[half]:8d} {s.precision:7.4f} {s.recall:7.4f} {s.f1:7.4f}")
        return "\n".join(lines)


def half_of(name: str) -> str:
    """``dev`` or ``test``: a fixed split of articles by a hash of their name."""
    return "dev" if int(hashlib.sha256(name.encode("utf-8")).hexdigest(), 16) % 2 == 0 else "test"


def _back_over_quotes(text: str, position: int) -> int:
    while position > 0 and (text[position - 1].isspace() or text[position - 1] in _QUOTES):
        position -= 1
    return position


def sentence_boundaries(data: Path) -> SentenceEvaluation:
    """Score framing's sentence splitter against CoreNLP on the PolNeAR folder ``data``."""
    reference = data / "corenlp-train.tsv.gz"
    texts = data / "text"
    if not reference.is_file() or not texts.is_dir():
        raise FramingError(
            f"{data} does not look like PolNeAR's training folder: it needs corenlp-train.tsv.gz and text/"
        )
    evaluation = SentenceEvaluation()
    for name, gold_sentences in iter_corenlp(reference):
        path = texts / f"{name}.txt"
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        half = half_of(name)
        evaluation.articles[half] += 1
        blocks = split_blocks(text)
        block_ends = {_back_over_quotes(text, end) for _, end in blocks}
        predicted = {
            _back_over_quotes(text, sentence_end)
            for block_start, block_end in blocks
            for _, sentence_end in sentence_spans(text, block_start, block_end)
        }
        gold = {_back_over_quotes(text, s.end) for s in gold_sentences}
        evaluation.score(half, "all boundaries").add(predicted, gold)
        evaluation.score(half, "within paragraphs").add(predicted - block_ends, gold - block_ends)
    return evaluation
