"""The frame model's text features: TF-IDF blocks with a vocabulary that fits in a JSON file, and paragraph chunks.

A :class:`TextFeatures` holds one or more blocks (word n-grams, character
n-grams); each block is a fixed vocabulary with its inverse document
frequencies, so the fitted features can be written as plain lists and read
back to the same numbers.  :func:`paragraph_chunks` cuts a text into
paragraph-sized pieces (its own paragraphs when it has blank lines, else
runs of sentences of about ``words`` words).

>>> features = TextFeatures.fit(["the cost rose", "the cost fell", "a protest"], blocks=(("word", 1, 1),), min_df=1)
>>> features.transform(["cost"]).shape, features.names[:2]
((1, 5), ['cost', 'fell'])
>>> paragraph_chunks("One two. Three four.\\n\\nFive.", words=50)
['One two. Three four.', 'Five.']
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.preprocessing import normalize

from framing.segment import sentences

__all__ = ["Block", "TextFeatures", "paragraph_chunks"]

#: A block of n-grams: (analyzer "word" or "char_wb", smallest n, largest n).
Block = tuple[str, int, int]

#: Decimals kept of the inverse document frequencies (so JSON reproduces them exactly).
IDF_DECIMALS = 6


def _vectorizer(block: Block, *, vocabulary: dict[str, int] | None = None, min_df: int = 1) -> CountVectorizer:
    analyzer, low, high = block
    return CountVectorizer(
        analyzer=analyzer,
        ngram_range=(low, high),
        lowercase=True,
        min_df=min_df,
        vocabulary=vocabulary,
        token_pattern=r"(?u)\b\w\w+\b" if analyzer == "word" else None,
        dtype=np.float64,
    )


@dataclass
class TextFeatures:
    """Fixed-vocabulary TF-IDF blocks, concatenated column-wise; rows are L2-normalised per block."""

    blocks: tuple[Block, ...]
    vocabularies: tuple[tuple[str, ...], ...]
    idfs: tuple[np.ndarray, ...]
    sublinear_tf: bool = True

    @classmethod
    def fit(
        cls,
        texts: Sequence[str],
        *,
        blocks: tuple[Block, ...],
        min_df: int = 2,
        max_features: int | None = None,
        sublinear_tf: bool = True,
    ) -> TextFeatures:
        """Learn each block's vocabulary (terms in at least ``min_df`` texts, the ``max_features`` most frequent)."""
        vocabularies: list[tuple[str, ...]] = []
        idfs: list[np.ndarray] = []
        n = len(texts)
        for block in blocks:
            vectorizer = _vectorizer(block, min_df=min(min_df, max(n, 1)))
            counts = vectorizer.fit_transform(texts).tocsc()
            terms = vectorizer.get_feature_names_out()
            df = np.diff(counts.indptr)
            keep = np.arange(len(terms))
            if max_features is not None and len(terms) > max_features:
                order = np.lexsort((np.arange(len(terms)), -df))
                keep = np.sort(order[:max_features])
            idf = np.round(np.log((1 + n) / (1 + df[keep])) + 1, IDF_DECIMALS)
            vocabularies.append(tuple(str(t) for t in terms[keep]))
            idfs.append(idf)
        return cls(tuple(blocks), tuple(vocabularies), tuple(idfs), sublinear_tf)

    @property
    def names(self) -> list[str]:
        """Column names: the terms of each block in order (character n-grams prefixed ``c:``)."""
        out: list[str] = []
        for (analyzer, _, _), vocabulary in zip(self.blocks, self.vocabularies, strict=True):
            out.extend(vocabulary if analyzer == "word" else [f"c:{t}" for t in vocabulary])
        return out

    @property
    def n_features(self) -> int:
        return sum(len(v) for v in self.vocabularies)

    def transform(self, texts: Sequence[str]) -> sp.csr_matrix:
        """The TF-IDF matrix of ``texts`` (one row per text)."""
        parts = []
        for block, vocabulary, idf in zip(self.blocks, self.vocabularies, self.idfs, strict=True):
            vectorizer = _vectorizer(block, vocabulary={t: i for i, t in enumerate(vocabulary)})
            counts = sp.csr_matrix(vectorizer.transform(texts), dtype=np.float64)
            if self.sublinear_tf:
                counts.data = np.log(counts.data) + 1
            parts.append(normalize(counts @ sp.diags(idf), norm="l2"))
        return sp.csr_matrix(sp.hstack(parts, format="csr"))

    def to_json(self) -> dict[str, Any]:
        return {
            "sublinear_tf": self.sublinear_tf,
            "blocks": [
                {"analyzer": b[0], "ngram_range": [b[1], b[2]], "vocabulary": list(v), "idf": idf.tolist()}
                for b, v, idf in zip(self.blocks, self.vocabularies, self.idfs, strict=True)
            ],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> TextFeatures:
        blocks = tuple((str(b["analyzer"]), int(b["ngram_range"][0]), int(b["ngram_range"][1])) for b in data["blocks"])
        vocabularies = tuple(tuple(str(t) for t in b["vocabulary"]) for b in data["blocks"])
        idfs = tuple(np.asarray(b["idf"], dtype=np.float64) for b in data["blocks"])
        if any(len(v) != len(i) for v, i in zip(vocabularies, idfs, strict=True)):
            raise ValueError("a block's vocabulary and idf differ in length")
        return cls(blocks, vocabularies, idfs, bool(data["sublinear_tf"]))


def paragraph_chunks(text: str, *, words: int = 60) -> list[str]:
    """``text`` cut into paragraphs: its blank-line paragraphs, else sentences grouped to about ``words`` words."""
    paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
    if len(paragraphs) > 1:
        return paragraphs
    chunks: list[str] = []
    current: list[str] = []
    size = 0
    for _, _, sentence in sentences(text):
        current.append(sentence)
        size += len(sentence.split())
        if size >= words:
            chunks.append(" ".join(current))
            current, size = [], 0
    if current:
        if chunks and size < words / 3:
            chunks[-1] = chunks[-1] + " " + " ".join(current)
        else:
            chunks.append(" ".join(current))
    return chunks or [text]
