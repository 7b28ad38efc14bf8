"""A story's units as sparse matrices: TF-IDF cosines of chosen pairs, and the units that share most n-grams.

:func:`framing.align.matching.align_units` links paraphrases by comparing
each cluster representative with the few others that share most of its
n-grams and words (:func:`shared_candidates`), by TF-IDF cosine
(:func:`tfidf_matrix`, :func:`pair_dots`).  Both run on scipy sparse
matrices, in blocks of rows, so that their cost is that of the non-zero
entries and their memory stays bounded however many versions a story has.

The TF-IDF weights are computed one by one in Python's floating point
(sublinear tf, smoothed idf, L2-normalised rows, as scikit-learn's
``TfidfVectorizer(sublinear_tf=True)``), so that they do not depend on
numpy's vectorised logarithm; only the sums of the dot products run in
scipy.  :mod:`framing.align.content`, which scores one pair at a time when
cheaper tests pass, takes the same weights as dicts (:func:`tfidf_weights`,
:func:`dot`).

>>> matrix = tfidf_matrix([["a", "b"], ["a", "c"], ["d"]])
>>> [round(float(x), 3) for x in pair_dots(matrix, [0, 0], [1, 2])]
[0.366, 0.0]
>>> shared_candidates([frozenset({"x", "y"}), frozenset({"x", "y", "z"}), frozenset({"z"})], limit=5)
[[1], [0, 2], [1]]
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from itertools import pairwise

import numpy as np
import scipy.sparse as sp

__all__ = ["binary_matrix", "dot", "pair_dots", "shared_candidates", "tfidf_matrix", "tfidf_weights"]

#: Rows (or pairs) handled per block: bounds the memory of the sparse products.
BLOCK = 4096


def tfidf_weights(documents: Sequence[Sequence[str]]) -> list[dict[str, float]]:
    """L2-normalised TF-IDF weights (sublinear tf, smoothed idf) of token sequences, one dict per document
    (its tokens in the order they first occur).

    >>> weights = tfidf_weights([["a", "b"], ["a", "c"]])
    >>> round(dot(weights[0], weights[1]), 3)
    0.336
    """
    frequency: dict[str, int] = {}
    counted: list[dict[str, int]] = []
    for tokens in documents:
        counts: dict[str, int] = {}
        for token in tokens:
            counts[token] = counts.get(token, 0) + 1
        counted.append(counts)
        for token in counts:
            frequency[token] = frequency.get(token, 0) + 1
    n = len(documents)
    idf = {token: math.log((1 + n) / (1 + df)) + 1 for token, df in frequency.items()}
    out = []
    for counts in counted:
        weights = {token: (1 + math.log(count)) * idf[token] for token, count in counts.items()}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        out.append({token: w / norm for token, w in weights.items()})
    return out


def dot(a: dict[str, float], b: dict[str, float]) -> float:
    """The dot product of two weight dicts (for a single pair; many pairs at once: :func:`pair_dots`)."""
    if len(b) < len(a):
        a, b = b, a
    return sum(weight * b.get(token, 0.0) for token, weight in a.items())


def tfidf_matrix(documents: Sequence[Sequence[str]]) -> sp.csr_matrix:
    """The weights of :func:`tfidf_weights` as a sparse matrix, one row per document."""
    column: dict[str, int] = {}
    indptr, indices, data = [0], list[int](), list[float]()
    for weights in tfidf_weights(documents):
        indices.extend(column.setdefault(token, len(column)) for token in weights)
        data.extend(weights.values())
        indptr.append(len(indices))
    matrix = sp.csr_matrix(
        (np.array(data, dtype=np.float64), np.array(indices, dtype=np.int64), np.array(indptr, dtype=np.int64)),
        shape=(len(documents), len(column)),
    )
    matrix.sort_indices()
    return matrix


def pair_dots(matrix: sp.csr_matrix, left: Sequence[int], right: Sequence[int]) -> np.ndarray:
    """The dot product of row ``left[i]`` with row ``right[i]`` of ``matrix``, for every ``i``."""
    left_rows, right_rows = np.asarray(left, dtype=np.int64), np.asarray(right, dtype=np.int64)
    out = np.zeros(len(left_rows), dtype=np.float64)
    for start in range(0, len(left_rows), BLOCK):
        stop = start + BLOCK
        product = matrix[left_rows[start:stop]].multiply(matrix[right_rows[start:stop]])
        out[start:stop] = np.asarray(product.sum(axis=1)).ravel()
    return out


def binary_matrix(sets: Sequence[Iterable[str]]) -> sp.csr_matrix:
    """One row per set, a 1 in the column of each of its members (``pair_dots`` of two rows: the size of
    their intersection).

    >>> int(pair_dots(binary_matrix([{"a", "b"}, {"b", "c"}]), [0], [1])[0])
    1
    """
    vocabulary: dict[str, int] = {}
    indptr, indices = [0], list[int]()
    for held in sets:
        members = held if isinstance(held, set | frozenset) else set(held)
        indices.extend([vocabulary.setdefault(member, len(vocabulary)) for member in members])
        indptr.append(len(indices))
    matrix = sp.csr_matrix(
        (np.ones(len(indices), dtype=np.float64), np.array(indices, dtype=np.int64), np.array(indptr, dtype=np.int64)),
        shape=(len(sets), len(vocabulary)),
    )
    matrix.sort_indices()
    return matrix


def shared_candidates(
    features: Sequence[Iterable[str]],
    *,
    limit: int,
    common: int = 100,
    keys: Sequence[int] | None = None,
    rows: Sequence[int] | None = None,
) -> list[list[int]]:
    """For each row (or each of ``rows``), the other rows that share most of its features, best first (at most
    ``limit``).

    A feature held by more than ``common`` rows says little about which one
    matches and is not counted.  Ties go to the row of the smaller key
    (``keys``, default the row number).
    """
    n = len(features)
    incidence = binary_matrix(features)
    rare = np.flatnonzero(np.diff(incidence.tocsc().indptr) <= common)
    incidence = incidence[:, rare].tocsr()
    transposed = incidence.T.tocsr()
    order_key = np.arange(n) if keys is None else np.asarray(keys, dtype=np.int64)
    asked = np.arange(n) if rows is None else np.asarray(rows, dtype=np.int64)
    out: list[list[int]] = []
    for start in range(0, len(asked), BLOCK):
        block = asked[start : start + BLOCK]
        shared = (incidence[block] @ transposed).tocoo()
        at, cols, counts = shared.row, shared.col, shared.data
        keep = block[at] != cols
        at, cols, counts = at[keep], cols[keep], counts[keep]
        ranked = np.lexsort((order_key[cols], -counts, at))
        at, cols = at[ranked], cols[ranked]
        bounds = np.searchsorted(at, np.arange(len(block) + 1))
        out.extend(cols[a : min(b, a + limit)].tolist() for a, b in pairwise(bounds.tolist()))
    return out
