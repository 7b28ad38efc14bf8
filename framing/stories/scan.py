"""One pass over a corpus's texts for :func:`framing.stories.find_stories`: signatures, paragraph keys, word counts.

The articles are read a batch at a time (texts left on disk are read only
then).  Each article's paragraphs get raw MinHash bins; the article's
signature is their minimum, densified.  Paragraphs of at least
``min_words`` words keep their LSH keys (to find shared text), and every
word's document frequency is counted (for the distinctive words).

>>> from framing.read import Article
>>> from framing.settings import StoryRules
>>> from framing.stories.minhash import WordHasher
>>> text = "Talks on the Riverton dam collapsed on Tuesday, the water minister said.\\n\\nThe spillway could fail."
>>> found = scan_texts(InOrder([Article("a", text, title="Dam talks fail")], np.arange(1)), StoryRules(), WordHasher())
>>> found.article_words.tolist(), found.par_words.tolist(), len(found.df_terms)
([16], [12], 13)
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from framing.read import Article, take
from framing.segment.words import word_runs
from framing.settings import StoryRules
from framing.stories.minhash import WordHasher, band_keys, densify, shingles, signatures

__all__ = ["BATCH", "DocumentFrequency", "InOrder", "Scan", "scan_texts", "text_blocks"]

_BLOCK_RE = re.compile(r"\n\s*\n")
#: Articles read at a time (at most 1024: :attr:`DocumentFrequency.SHIFT`).
BATCH = 1000


class InOrder:
    """``articles`` in ``order``, taken a batch at a time (texts left on disk are read only then)."""

    def __init__(self, articles: Sequence[Article], order: np.ndarray) -> None:
        self._articles = articles
        self._order = order

    def __len__(self) -> int:
        return len(self._order)

    def take(self, indices: np.ndarray) -> list[Article]:
        return take(self._articles, self._order[indices].tolist())


def text_blocks(text: str) -> list[str]:
    """Paragraphs: blocks between blank lines, or lines when there is no blank line.

    >>> text_blocks("One.\\n\\nTwo."), text_blocks("One.\\nTwo.")
    (['One.', 'Two.'], ['One.', 'Two.'])
    """
    blocks = _BLOCK_RE.split(text)
    if len(blocks) == 1 and "\n" in text:
        blocks = text.split("\n")
    return blocks


@dataclass
class Scan:
    """What one pass over the texts gives: article signatures, paragraph LSH keys, document frequencies."""

    article_sigs: np.ndarray  # (n, slots) uint32
    article_words: np.ndarray  # (n,) words in the text
    par_article: np.ndarray  # (m,) article of each substantive paragraph
    par_words: np.ndarray  # (m,) its words
    par_block: np.ndarray  # (m,) its number among the article's blocks that hold words
    par_keys: np.ndarray  # (m, bands) uint32 LSH keys
    df_terms: np.ndarray  # sorted word ids (see DocumentFrequency)
    df_counts: np.ndarray  # articles holding each


#: One batch's substantive paragraphs: article (canonical index), words, block number, LSH keys.
_Paragraphs = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]


def scan_texts(
    articles: InOrder, rules: StoryRules, hasher: WordHasher, on_progress: Callable[[int], Any] | None = None
) -> Scan:
    """Read ``articles`` a batch at a time; ``on_progress`` is called with each batch's size."""
    n = len(articles)
    article_sigs = np.empty((n, rules.slots), dtype=np.uint32)
    article_words = np.zeros(n, dtype=np.int64)
    paragraphs: list[_Paragraphs] = []
    df = DocumentFrequency()
    for start in range(0, n, BATCH):
        batch = articles.take(np.arange(start, min(start + BATCH, n)))
        sigs, words, found = _scan_batch(batch, start, rules, hasher, df)
        article_sigs[start : start + len(batch)] = sigs
        article_words[start : start + len(batch)] = words
        if found is not None:
            paragraphs.append(found)
        if on_progress is not None:
            on_progress(len(batch))
    return Scan(article_sigs, article_words, *_joined(paragraphs, rules.bands), *df.result())


def _scan_batch(
    batch: list[Article], start: int, rules: StoryRules, hasher: WordHasher, df: DocumentFrequency
) -> tuple[np.ndarray, np.ndarray, _Paragraphs | None]:
    """One batch (its first article is number ``start``): signatures, words and substantive paragraphs of its
    articles; their words are counted in ``df``."""
    tokens, lengths, blocks_per_article, title_tokens = _batch_words(batch)
    offsets = np.zeros(len(lengths) + 1, dtype=np.int64)
    np.cumsum(lengths, out=offsets[1:])
    hashes = hasher(tokens)
    found, found_offsets = shingles(hashes, offsets, rules.shingle)
    raw = signatures(found, found_offsets, slots=rules.slots, dense=False)
    counts = np.array(blocks_per_article, dtype=np.int64)
    block_article = np.repeat(np.arange(len(batch), dtype=np.int64), counts)
    block_words = np.array(lengths, dtype=np.int64)
    sigs = _article_signatures(raw, counts, rules.slots)
    words = np.bincount(block_article, block_words, minlength=len(batch))
    paragraphs = _substantive_paragraphs(raw, counts, block_article, block_words, start, rules)
    # document frequencies: each distinct word of the text and title counts once per article
    title_lengths = [len(t) for t in title_tokens]
    title_hashes = hasher([w for t in title_tokens for w in t])
    df.add(
        np.concatenate([hashes, title_hashes]),
        np.concatenate([np.repeat(block_article, block_words), np.repeat(np.arange(len(batch)), title_lengths)]),
    )
    return sigs, words, paragraphs


def _joined(paragraphs: list[_Paragraphs], bands: int) -> _Paragraphs:
    """The batches' substantive paragraphs in one set of arrays."""
    if not paragraphs:
        none = np.zeros(0, dtype=np.int64)
        return none, none.copy(), none.copy(), np.zeros((0, bands), dtype=np.uint32)
    article, words, block, keys = zip(*paragraphs, strict=True)
    return np.concatenate(article), np.concatenate(words), np.concatenate(block), np.concatenate(keys)


def _batch_words(batch: list[Article]) -> tuple[list[str], list[int], list[int], list[list[str]]]:
    """The lower-cased words of every paragraph that holds some, in a row; each paragraph's length; each
    article's number of such paragraphs; each article's title words."""
    tokens: list[str] = []
    lengths: list[int] = []
    blocks_per_article: list[int] = []
    title_tokens: list[list[str]] = []
    for article in batch:
        blocks = [word_runs(block.lower()) for block in text_blocks(article.text)]
        blocks = [block for block in blocks if block]
        blocks_per_article.append(len(blocks))
        for block in blocks:
            tokens.extend(block)
            lengths.append(len(block))
        title_tokens.append(word_runs(article.title.lower()))
    return tokens, lengths, blocks_per_article, title_tokens


def _article_signatures(raw: np.ndarray, counts: np.ndarray, slots: int) -> np.ndarray:
    """Article signatures: the minimum over its paragraphs' raw bins (``counts`` paragraphs each), densified."""
    merged = np.full((len(counts), slots), np.uint32(0xFFFFFFFF), dtype=np.uint32)
    has = counts > 0
    if has.any():
        starts = (np.cumsum(counts) - counts)[has]
        merged[has] = np.minimum.reduceat(raw, starts, axis=0)
    return densify(merged)


def _substantive_paragraphs(
    raw: np.ndarray,
    counts: np.ndarray,
    block_article: np.ndarray,
    block_words: np.ndarray,
    start: int,
    rules: StoryRules,
) -> _Paragraphs | None:
    """The paragraphs of at least ``min_words`` words: article, words, block number and LSH keys (None if none)."""
    substantive = block_words >= max(rules.min_words, 1)
    if not substantive.any():
        return None
    keys = band_keys(densify(raw[substantive]), bands=rules.bands, rows=rules.rows)
    block_number = np.arange(len(block_article)) - np.repeat(np.cumsum(counts) - counts, counts)
    return (
        block_article[substantive] + start,
        block_words[substantive],
        block_number[substantive],
        (keys >> np.uint64(32)).astype(np.uint32),
    )


class DocumentFrequency:
    """Counts, for every word, the articles holding it.

    A word is the top 54 bits of its hash (two words share them with odds of
    about 1 in 10**16); the 10 low bits hold the article's number inside its
    batch, so that one sort keeps each (article, word) once.  Batches are
    merged every few batches and at the end.

    >>> df = DocumentFrequency()
    >>> df.add(np.array([7 << 10, 7 << 10, 9 << 10], dtype=np.uint64), np.array([0, 1, 1]))
    >>> terms, counts = df.result()
    >>> terms.tolist(), counts.tolist()
    ([7, 9], [2, 1])
    """

    SHIFT = np.uint64(10)

    def __init__(self) -> None:
        self._parts: list[tuple[np.ndarray, np.ndarray]] = []

    def add(self, hashes: np.ndarray, article: np.ndarray) -> None:
        if not len(hashes):
            return
        if int(article.max()) >= 1 << int(self.SHIFT):
            raise ValueError("a document-frequency batch holds at most 1024 articles")
        keys = np.sort(((hashes >> self.SHIFT) << self.SHIFT) | article.astype(np.uint64))
        keys = keys[np.append(True, keys[1:] != keys[:-1])]  # each (article, word) once
        words = keys >> self.SHIFT  # sorted
        starts = np.flatnonzero(np.append(True, words[1:] != words[:-1]))
        self._parts.append((words[starts], np.diff(np.append(starts, len(words)))))
        if len(self._parts) >= 16:
            self._parts = [self.result()]

    def result(self) -> tuple[np.ndarray, np.ndarray]:
        if not self._parts:
            return np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.int64)
        terms, inverse = np.unique(np.concatenate([t for t, _ in self._parts]), return_inverse=True)
        counts = np.bincount(inverse, np.concatenate([c for _, c in self._parts]), minlength=len(terms))
        return terms, counts.astype(np.int64)

    @classmethod
    def lookup(cls, terms: np.ndarray, counts: np.ndarray, hashes: np.ndarray, *, shifted: bool = False) -> np.ndarray:
        """The document frequency of each word hash, or word id if ``shifted`` (0 for words never seen)."""
        if not len(terms):
            return np.zeros(len(hashes), dtype=np.int64)
        words = hashes if shifted else hashes >> cls.SHIFT
        position = np.minimum(np.searchsorted(terms, words), len(terms) - 1)
        return np.where(terms[position] == words, counts[position], 0)
