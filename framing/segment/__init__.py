"""The segment stage: tokens and sentences with character offsets into the article text.

Every stage that splits text into words calls this package: :func:`tokenize`
for tokens with offsets, and the named word shapes of :mod:`framing.segment.words`
where a stage needs plain words.  :func:`bounded_spans` cuts a sentence of more
words than a limit into pieces (:mod:`framing.segment.clauses`), so that no
per-sentence step costs more than linear time.

>>> [t.text for t in tokenize("It rained.")], sentences("It rained. It stopped.")[1]
(['It', 'rained', '.'], (11, 22, 'It stopped.'))
"""

from __future__ import annotations

from framing.segment.boundaries import ABBREVIATIONS, SENTENCE_OPENERS, sentence_spans, sentences
from framing.segment.clauses import bounded_spans
from framing.segment.tokens import (
    Token,
    TokenIndex,
    is_word,
    normalize_token,
    normalized_texts,
    token_starts,
    tokenize,
    tokens_between,
    word_counts,
    word_tokens,
)

__all__ = [
    "ABBREVIATIONS",
    "SENTENCE_OPENERS",
    "Token",
    "TokenIndex",
    "bounded_spans",
    "is_word",
    "normalize_token",
    "normalized_texts",
    "sentence_spans",
    "sentences",
    "token_starts",
    "tokenize",
    "tokens_between",
    "word_counts",
    "word_tokens",
]
