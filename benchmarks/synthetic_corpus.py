"""A synthetic corpus of many stories with known relations, built from real news sentences (PolNeAR).

    .venv/bin/python benchmarks/synthetic_corpus.py N OUT.jsonl [--polnear DIR] [--seed S]

Every paragraph is new: three sentences of PolNeAR's body text (see
:func:`load_sentences`), dealt so that stories close in time never share a
sentence (:class:`_Maker`) and stories never share a paragraph by accident,
even at 100,000 articles.  A story starts from an *origin* of 5 to 9 such
paragraphs and a date in 2023 (stories in date order, about equally many a
day); its other versions (1 to 7 more, dated the
same day or up to two days later, each from a different outlet) are made
paragraph by paragraph from the origin or an earlier version:

- **copy**: the paragraph unchanged;
- **edit**: a word replaced, dropped, added or repeated, or quotes
  straightened (:func:`synthetic._edit`);
- **trim**: the paragraph left out;
- **addition**: a new paragraph inserted.

Some versions also carry a **cross-story copy**: a paragraph of another,
earlier story copied unchanged (wire copy reused in an unrelated
follow-up).  The JSONL has one article per line (``id, text, source, date,
title, story``); the truth file beside it (``OUT.truth.json``) lists each
article's story and, per body paragraph, its *lineage* (copies and edits of
one paragraph share it) and whether it is a cross-story copy, so that story
finding and reuse detection can be scored.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

from sklearn.metrics.cluster import pair_confusion_matrix

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from synthetic import _edit  # noqa: E402

__all__ = [
    "SyntheticArticle",
    "load_sentences",
    "make_corpus",
    "pair_scores",
    "reuse_truth",
    "story_scores",
    "write_corpus",
]

SEED = 20231122
OUTLETS = [f"Outlet {i:02d}" for i in range(1, 41)]


@dataclass
class SyntheticArticle:
    """One version: id, story, outlet, date, title and body paragraphs with their lineage ids."""

    article_id: str
    story: str
    source: str
    date: str
    title: str
    paragraphs: list[str] = field(default_factory=list)
    lineages: list[int] = field(default_factory=list)
    cross_story: list[bool] = field(default_factory=list)
    #: For each paragraph, the pool numbers of the sentences it was made of (edits keep them).
    sentence_ids: list[list[int]] = field(default_factory=list)

    def text(self) -> str:
        return "\n\n".join([self.title, *self.paragraphs])

    def record(self, with_story: bool = True) -> dict[str, str]:
        out = {"id": self.article_id, "text": self.text(), "source": self.source, "date": self.date}
        out["title"] = self.title
        if with_story:
            out["story"] = self.story
        return out


def load_sentences(polnear: Path, min_words: int = 12, max_words: int = 30) -> list[str]:
    """Distinct sentences of PolNeAR's body paragraphs of ``min_words`` to ``max_words`` words (no headlines).

    With three such sentences per paragraph, two paragraphs that share one sentence by chance (the pool is
    reused many times over in a large corpus) stay far from near-identical: their word shingles overlap
    by at most 30 / (30 + 2 * 12 + 2 * 12) = 0.38.
    """
    sentences: list[str] = []
    for path in sorted((polnear / "text").glob("*.txt")):
        for block in path.read_text(encoding="utf-8").split("\n\n")[1:]:
            block = " ".join(block.split())
            if "<" in block:
                continue
            for sentence in re.findall(r".+?[.!?][\"”’]?(?=\s+[A-Z“\"]|$)", block):
                if min_words <= len(sentence.split()) <= max_words:
                    sentences.append(sentence.strip())
    return sorted(set(sentences))


class _Maker:
    """Draws new paragraphs (three sentences each) and lineage numbers.

    Sentences are dealt from the shuffled pool like cards, reshuffled when it
    runs out, so a sentence comes back only after every other one has been
    used: stories made one after another (and so dated close together) never
    share a sentence by chance, as unrelated reports in the same week do not.
    """

    def __init__(self, sentences: list[str], rng: random.Random) -> None:
        self.sentences = list(sentences)
        self.rng = rng
        self.next_lineage = 0
        self._deck: list[int] = []
        #: The sentences (pool numbers) of each lineage.
        self.sentences_of: dict[int, list[int]] = {}

    def paragraph(self) -> tuple[str, int]:
        drawn: list[int] = []
        while len(drawn) < 3:
            if not self._deck:
                self._deck = list(range(len(self.sentences)))
                self.rng.shuffle(self._deck)
            sentence = self._deck.pop()
            if sentence not in drawn:
                drawn.append(sentence)
        self.next_lineage += 1
        self.sentences_of[self.next_lineage] = drawn
        return " ".join(self.sentences[i] for i in drawn), self.next_lineage


def make_corpus(n_articles: int, sentences: list[str], seed: int = SEED) -> Iterator[SyntheticArticle]:
    """``n_articles`` articles in stories of 1 to 8 versions, story after story."""
    rng = random.Random(seed)
    maker = _Maker(sentences, rng)
    made = 0
    story_number = 0
    origins: list[tuple[list[str], list[int]]] = []  # earlier stories' origins, for cross-story copies
    while made < n_articles:
        story_number += 1
        story = f"story-{story_number:06d}"
        day = made * 365 // n_articles  # stories in date order over 2023, versions up to two days later
        origin_paragraphs = [maker.paragraph() for _ in range(rng.randint(5, 9))]
        texts = [t for t, _ in origin_paragraphs]
        lineages = [lin for _, lin in origin_paragraphs]
        title = " ".join(texts[0].split()[:10]).rstrip(",.;:")
        outlets = rng.sample(OUTLETS, 8)
        versions = [
            SyntheticArticle(f"{story}-v1", story, outlets[0], _date(day), title, texts, lineages, [False] * len(texts))
        ]
        for v in range(2, min(rng.randint(1, 8), n_articles - made) + 1):
            parent = rng.choice(versions[-3:])
            version = SyntheticArticle(f"{story}-v{v}", story, outlets[v - 1], _date(day + rng.randint(0, 2)), title)
            for text, lineage, crossed in zip(parent.paragraphs, parent.lineages, parent.cross_story, strict=True):
                roll = rng.random()
                if roll < 0.6:
                    version.paragraphs.append(text)
                elif roll < 0.85:
                    version.paragraphs.append(_edit(text, rng))
                else:
                    continue  # trimmed
                version.lineages.append(lineage)
                version.cross_story.append(crossed)
            if rng.random() < 0.3:
                text, lineage = maker.paragraph()
                at = rng.randint(0, len(version.paragraphs))
                version.paragraphs.insert(at, text)
                version.lineages.insert(at, lineage)
                version.cross_story.insert(at, False)
            if origins and rng.random() < 0.1:
                other_texts, other_lineages = rng.choice(origins[-500:])
                k = rng.randrange(len(other_texts))
                at = rng.randint(0, len(version.paragraphs))
                version.paragraphs.insert(at, other_texts[k])
                version.lineages.insert(at, other_lineages[k])
                version.cross_story.insert(at, True)
            if not version.paragraphs:
                continue
            versions.append(version)
        origins.append((texts, lineages))
        for version in versions:
            version.sentence_ids = [maker.sentences_of[lineage] for lineage in version.lineages]
        yield from versions
        made += len(versions)


def _date(day: int) -> str:
    month_days = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    day = min(day, 364)
    month = 0
    while day >= month_days[month]:
        day -= month_days[month]
        month += 1
    return f"2023-{month + 1:02d}-{day + 1:02d}"


def write_corpus(n_articles: int, out: Path, polnear: Path, seed: int = SEED, *, with_story: bool = True) -> Path:
    """Write ``n_articles`` articles as JSONL to ``out`` and their truth to ``out.truth.json``; return ``out``.

    ``with_story=False`` leaves the story out of the JSONL (for story finding to recover).
    """
    sentences = load_sentences(polnear)
    truth: dict[str, dict] = {}
    with out.open("w", encoding="utf-8") as handle:
        for article in make_corpus(n_articles, sentences, seed):
            handle.write(json.dumps(article.record(with_story), ensure_ascii=False) + "\n")
            truth[article.article_id] = {
                "story": article.story,
                "lineages": article.lineages,
                "cross_story": article.cross_story,
                "sentences": article.sentence_ids,
            }
    Path(f"{out}.truth.json").write_text(json.dumps(truth), encoding="utf-8")
    return out


# --- scoring against the truth ---------------------------------------------------------------


def story_scores(truth: list[str], found: list[str]) -> dict[str, float]:
    """Pairwise precision and recall of "same story" (from the contingency table, never all pairs)."""
    (_tn, fp), (fn, tp) = pair_confusion_matrix(truth, found) // 2
    return {
        "precision": round(float(tp / (tp + fp)) if tp + fp else 1.0, 4),
        "recall": round(float(tp / (tp + fn)) if tp + fn else 1.0, 4),
    }


def reuse_truth(truth: dict) -> tuple[set, set]:
    """Pairs of paragraphs ``((article, paragraph), (article, paragraph))`` that share a lineage (copies and
    edits of one paragraph): within one story, and across stories.  Paragraph 0 is the title."""
    by_lineage: dict[int, list[tuple[str, int, str]]] = defaultdict(list)
    for article, info in truth.items():
        for k, lineage in enumerate(info["lineages"]):
            by_lineage[lineage].append((article, k + 1, info["story"]))
    within, across = set(), set()
    for members in by_lineage.values():
        for (a, pa, sa), (b, pb, sb) in combinations(members, 2):
            pair = tuple(sorted([(a, pa), (b, pb)]))
            (within if sa == sb else across).add(pair)
    return within, across


def pair_scores(true: set, found: Iterable[tuple[str, int, str, int]], truth: dict | None = None) -> dict[str, float]:
    """Precision and recall of paragraph pairs ``(article_a, paragraph_a, article_b, paragraph_b)``.

    With ``truth``, a found pair outside ``true`` whose paragraphs share a sentence of the pool (dealt
    again after the whole pool was used: at 100,000 articles, stories months apart share sentences)
    is real shared text, not an error: it counts as correct and is reported as ``shared_sentence``.
    """
    pairs = {tuple(sorted([(a, int(pa)), (b, int(pb))])) for a, pa, b, pb in found}
    hits = len(true & pairs)
    chance = 0
    if truth is not None:
        for (a, pa), (b, pb) in pairs - true:
            if set(truth[a]["sentences"][pa - 1]) & set(truth[b]["sentences"][pb - 1]):
                chance += 1
    return {
        "precision": round((hits + chance) / len(pairs), 4) if pairs else 1.0,
        "recall": round(hits / len(true), 4) if true else 1.0,
        "true": len(true),
        "found": len(pairs),
        "shared_sentence": chance,
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--polnear", type=Path, default=ROOT.parent / "shared" / "data" / "polnear-train")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--no-story", action="store_true", help="leave the story out (to test --story auto)")
    args = parser.parse_args()
    if not (args.polnear / "text").is_dir():
        sys.exit(f"PolNeAR texts not found in {args.polnear}; pass --polnear DIR")
    print(write_corpus(args.n, args.out, args.polnear, args.seed, with_story=not args.no_story))
