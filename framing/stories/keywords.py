"""Each article's most distinctive words, as a short TF-IDF vector, and the cosine of two such vectors.

The vectors link reports of one event by different outlets
(:func:`framing.stories.find_stories`): title words and names weigh more,
stop words and numbers are left out, and the paragraphs an article shares
with another story are left out too.

>>> from framing.read import Article
>>> from framing.settings import StoryRules
>>> from framing.stories.minhash import WordHasher
>>> from framing.stories.scan import InOrder, scan_texts
>>> articles = InOrder([Article("a", "Talks on the Riverton dam collapsed on Tuesday.", title="Riverton dam"),
...                     Article("b", "Riverton dam talks resume after the collapse."),
...                     Article("c", "The central bank raised rates.")], np.arange(3))
>>> hasher, rules = WordHasher(), StoryRules()
>>> terms, weights, offsets = keywords(articles, np.arange(3), scan_texts(articles, rules, hasher), {}, hasher, rules)
>>> offsets.tolist(), np.round(cosines(terms, weights, offsets, np.array([0, 0]), np.array([1, 2])), 2).tolist()
([0, 5, 10, 14], [0.64, 0.0])
"""

from __future__ import annotations

import numpy as np

from framing.read.lexicon_files import word_list
from framing.segment.words import word_runs
from framing.settings import StoryRules
from framing.stories.minhash import WordHasher
from framing.stories.scan import BATCH, DocumentFrequency, InOrder, Scan, text_blocks

__all__ = ["STOP_WORDS", "cosines", "keywords"]

#: Function words (and "said", "says", ...) left out of the distinctive words (word list ``stop_words``); words
#: are ``\\w+`` runs, so contractions appear split ("didn", "t").
STOP_WORDS = word_list("stop_words", "stop")


def keywords(
    articles: InOrder,
    reps: np.ndarray,
    scan: Scan,
    reused: dict[int, set[int]],
    hasher: WordHasher,
    rules: StoryRules,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each node's ``keywords`` most distinctive words: hashes and L2-normalised weights, best first (CSR).

    The blocks in ``reused`` (paragraphs copied from other stories) are left out.
    """
    parts = [
        _keyword_batch(articles, reps[start : start + BATCH], scan, reused, hasher, rules)
        for start in range(0, len(reps), BATCH)
    ]  # batches of at most 1024 articles (DocumentFrequency.SHIFT)
    counts = np.concatenate([np.zeros(1, dtype=np.int64)] + [np.diff(offsets) for _, _, offsets in parts])
    return (
        np.concatenate([terms for terms, _, _ in parts]) if parts else np.zeros(0, dtype=np.uint64),
        np.concatenate([weights for _, weights, _ in parts]) if parts else np.zeros(0),
        np.cumsum(counts),
    )


def _keyword_batch(
    articles: InOrder,
    reps: np.ndarray,
    scan: Scan,
    reused: dict[int, set[int]],
    hasher: WordHasher,
    rules: StoryRules,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Top keywords of at most 1024 articles: words (54-bit ids), L2-normalised weights, offsets."""
    tokens: list[str] = []  # lower-cased, article by article: body, then title
    written: list[str] = []  # the same tokens as written (titles lower-cased: their capitals say nothing)
    lengths: list[int] = []  # body and title lengths, alternating
    for rep, article in zip(reps.tolist(), articles.take(reps), strict=True):
        skip = reused.get(rep)
        if skip:
            blocks = [found for found in map(word_runs, text_blocks(article.text)) if found]
            raw = [word for number, block in enumerate(blocks) if number not in skip for word in block]
        else:
            raw = word_runs(article.text)
        title = list(map(str.lower, word_runs(article.title))) if rules.title_weight else []
        tokens += map(str.lower, raw)
        tokens += title
        written += raw
        written += title
        lengths += (len(raw), len(title))
    n = len(reps)
    empty = (np.zeros(0, dtype=np.uint64), np.zeros(0), np.zeros(n + 1, dtype=np.int64))
    if not tokens:
        return empty
    segments = np.array(lengths, dtype=np.int64)
    is_body = np.repeat(np.tile(np.array([True, False]), n), segments)
    unit = np.where(is_body, 1.0, rules.title_weight)
    other = [word for word in set(tokens) if word in STOP_WORDS or len(word) < 2 or word.isdigit()]
    hashes = hasher(tokens)
    is_cased = hasher(written) != hashes  # the word was written with a capital
    keep = ~np.isin(hashes, hasher(other))
    row = np.repeat(np.arange(n, dtype=np.uint64), segments.reshape(n, 2).sum(axis=1))[keep]
    shift = DocumentFrequency.SHIFT
    keys = ((hashes[keep] >> shift) << shift) | row
    order = np.argsort(keys, kind="stable")
    keys = keys[order]
    if not len(keys):
        return empty
    starts = np.flatnonzero(np.append(True, keys[1:] != keys[:-1]))
    unit, is_cased, is_body = unit[keep][order], is_cased[keep][order], is_body[keep][order]
    frequency = np.add.reduceat(unit, starts)
    capital = np.logical_or.reduceat(is_cased, starts)
    lower = np.logical_or.reduceat(is_body & ~is_cased, starts)
    words, row = keys[starts] >> shift, (keys[starts] & np.uint64((1 << int(shift)) - 1)).astype(np.int64)
    df = DocumentFrequency.lookup(scan.df_terms, scan.df_counts, words, shifted=True)
    idf = np.log((1.0 + len(articles)) / (1.0 + df)) + 1.0
    weight = (1.0 + np.log(np.maximum(frequency, 1.0))) * idf
    weight = np.where(capital & ~lower, weight * rules.name_weight, weight)  # a name: never in lower case
    order = np.lexsort((words, -weight, row))
    row, words, weight = row[order], words[order], weight[order]
    per_row = np.bincount(row, minlength=n)
    rank = np.arange(len(row)) - np.repeat(np.cumsum(per_row) - per_row, per_row)
    top = rank < rules.keywords
    row, words, weight = row[top], words[top], weight[top]
    norms = np.sqrt(np.bincount(row, weight * weight, minlength=n))
    weight = weight / np.where(norms > 0, norms, 1.0)[row]
    offsets = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(row, minlength=n), out=offsets[1:])
    return words, weight, offsets


def cosines(terms: np.ndarray, weights: np.ndarray, offsets: np.ndarray, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Cosine of rows ``i`` and ``j`` of the CSR keyword vectors (already L2-normalised)."""
    from scipy.sparse import csr_matrix  # lazy: scipy.sparse takes a tenth of a second to load

    vocabulary, columns = np.unique(terms, return_inverse=True)
    matrix = csr_matrix((weights, columns, offsets), shape=(len(offsets) - 1, len(vocabulary)))
    out = np.empty(len(i))
    step = 50_000  # pairs at a time: the rows gathered for them are a few tens of MB
    for start in range(0, len(i), step):
        a = matrix[i[start : start + step]]
        b = matrix[j[start : start + step]]
        out[start : start + step] = np.asarray(a.multiply(b).sum(axis=1)).ravel()
    return out
