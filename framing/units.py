"""The units that measuring works on: body sentences with their tokens.

>>> from framing.corpus import Article
>>> from framing.clean import clean
>>> article = clean(Article("a", "Headline here\\n\\nIt rained. Rama said so."))
>>> [(s.number, s.paragraph, s.text) for s in body_sentences(article)]
[(0, 1, 'It rained.'), (1, 1, 'Rama said so.')]
"""

from __future__ import annotations

from typing import NamedTuple

from framing.clean import CleanArticle
from framing.segment import Token, sentence_spans, tokenize, tokens_between

__all__ = ["Sentence", "body_sentences"]


class Sentence(NamedTuple):
    """A body sentence: its number in the article (from 0), its block, offsets, text and tokens."""

    number: int
    paragraph: int
    start: int
    end: int
    text: str
    tokens: tuple[Token, ...]


def body_sentences(article: CleanArticle) -> list[Sentence]:
    """All sentences of the body blocks, numbered from 0 across the article."""
    text = article.article.text
    tokens = article.tokens or tuple(tokenize(text))
    starts = [t.start for t in tokens]
    out: list[Sentence] = []
    for block in article.body:
        for start, end in sentence_spans(text, block.start, block.end):
            sentence_tokens = tuple(tokens_between(tokens, starts, start, end))
            out.append(Sentence(len(out), block.paragraph, start, end, text[start:end], sentence_tokens))
    return out
