"""How alike the versions of a story are: TF-IDF cosine, word n-gram containment, aligned paragraphs.

>>> import framing
>>> long = "T\\n\\nTalks went well in Geneva on Monday. Both sides agreed to meet again next month."
>>> short = "T\\n\\nTalks went well in Geneva on Monday."
>>> versions = [{"id": "long", "source": "Wire", "text": long}, {"id": "short", "source": "Daily", "text": short}]
>>> result = framing.analyze(versions)
>>> similarity(result)[["article_a", "article_b", "containment"]].values.tolist()
[['long', 'short', 0.454545], ['short', 'long', 1.0]]
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from framing.compare.measures import body_paragraphs
from framing.compare.rounding import rounded
from framing.compare.words import article_counts
from framing.contract import TableSource, tables_of
from framing.problems import FramingError
from framing.segment.words import normalized_words

if TYPE_CHECKING:
    from scipy import sparse

__all__ = ["SIMILARITY_COLUMNS", "similarity"]


SIMILARITY_COLUMNS = [
    "story",
    "article_a",
    "article_b",
    "source_a",
    "source_b",
    "cosine",
    "containment",
    "shared_paragraphs",
]


def similarity(data: TableSource, *, scope: str = "story", ngram: int = 3) -> pd.DataFrame:
    """How alike each pair of versions is, tidy (one row per ordered pair, both directions).

    ``cosine``: TF-IDF cosine of the body words (idf from all articles);
    ``containment``: share of article_a's word ``ngram``-grams that occur in
    article_b (asymmetric: a short copy is contained in its longer original);
    ``shared_paragraphs``: share of article_a's body paragraphs aligned to
    one of article_b's (empty when the pair was not aligned).  ``scope``
    ``"story"`` pairs versions of the same story, ``"corpus"`` every article.
    """
    if scope not in ("story", "corpus"):
        raise FramingError(f"scope must be 'story' or 'corpus', not {scope!r}")
    from sklearn.feature_extraction.text import TfidfVectorizer  # lazy: 0.7 s to load; analyze never needs it

    tables = tables_of(data)
    articles = tables["articles"].assign(article_id=lambda t: t["article_id"].astype(str))
    ids, counts, _vocabulary = article_counts(tables)
    if not ids:
        return pd.DataFrame(columns=SIMILARITY_COLUMNS)
    weights = TfidfVectorizer(analyzer=lambda tokens: tokens).fit_transform(
        [_tokens_of(counts, i, _vocabulary) for i in range(len(ids))]
    )
    cosine = (weights @ weights.T).toarray()
    grams = _article_ngrams(tables, ids, ngram)
    shared = _shared_paragraphs(tables)
    body_counts = body_paragraphs(tables).groupby("article_id").size()
    position = {a: i for i, a in enumerate(ids)}
    meta = articles.set_index("article_id")
    rows = []
    scopes = [articles] if scope == "corpus" else [part for _story, part in articles.groupby("story", sort=False)]
    for part in scopes:
        members = list(part["article_id"])
        for a in members:
            for b in members:
                if a == b:
                    continue
                inside = len(grams[a] & grams[b]) / len(grams[a]) if grams[a] else float("nan")
                aligned = shared.get((a, b))
                rows.append(
                    {
                        "story": meta.at[a, "story"] if scope == "story" else "",
                        "article_a": a,
                        "article_b": b,
                        "source_a": meta.at[a, "source"],
                        "source_b": meta.at[b, "source"],
                        "cosine": float(cosine[position[a], position[b]]),
                        "containment": inside,
                        "shared_paragraphs": (
                            len(aligned) / body_counts[a] if aligned is not None and body_counts.get(a) else None
                        ),
                    }
                )
    return rounded(pd.DataFrame(rows, columns=SIMILARITY_COLUMNS))


def _tokens_of(counts: sparse.csr_matrix, row: int, vocabulary: np.ndarray) -> list[str]:
    start, end = counts.indptr[row], counts.indptr[row + 1]
    return [
        str(vocabulary[j])
        for j, c in zip(counts.indices[start:end], counts.data[start:end], strict=True)
        for _ in range(c)
    ]


def _article_ngrams(tables: Mapping[str, pd.DataFrame], ids: list[str], n: int) -> dict[str, set[tuple[str, ...]]]:
    grams: dict[str, set[tuple[str, ...]]] = {a: set() for a in ids}
    for row in tables["sentences"][["article_id", "text"]].itertuples(index=False):
        words = normalized_words(str(row.text))
        grams[str(row.article_id)].update(tuple(words[i : i + n]) for i in range(len(words) - n + 1))
    return grams


def _shared_paragraphs(tables: Mapping[str, pd.DataFrame]) -> dict[tuple[str, str], set[int]]:
    """For each aligned pair of articles, the paragraphs of the first that match one of the second."""
    shared: dict[tuple[str, str], set[int]] = {}
    alignments = tables["alignments"]
    for a, paragraph_a, b, paragraph_b in zip(
        alignments["article_a"].astype(str),
        alignments["paragraph_a"].astype(int),
        alignments["article_b"].astype(str),
        alignments["paragraph_b"].astype(int),
        strict=True,
    ):
        shared.setdefault((a, b), set()).add(paragraph_a)
        shared.setdefault((b, a), set()).add(paragraph_b)
    stories = tables["articles"].groupby("story")["article_id"].apply(lambda s: [str(a) for a in s])
    for members in stories:
        if any((a, b) in shared for a in members for b in members):
            for a in members:
                for b in members:
                    if a != b:
                        shared.setdefault((a, b), set())
    return shared
