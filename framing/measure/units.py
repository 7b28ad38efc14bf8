"""The units that measuring works on: body sentences with their tokens.

>>> from framing.read import Article
>>> from framing.clean import clean
>>> article = clean(Article("a", "Headline here\\n\\nIt rained. Rama said so."))
>>> [(s.number, s.paragraph, s.text) for s in body_sentences(article)]
[(0, 1, 'It rained.'), (1, 1, 'Rama said so.')]
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from framing.clean import CleanArticle, CleanRules
from framing.lexicons import BARRIER, Lexicon, LexiconMatch, WordPositions, matchable_tokens
from framing.segment import Token, TokenIndex, bounded_spans, normalized_texts, sentence_spans, tokenize

__all__ = ["LexiconTokens", "Sentence", "body_sentences", "lexicon_tokens"]


class Sentence(NamedTuple):
    """A body sentence: its number in the article (from 0), its block, offsets, text and tokens."""

    number: int
    paragraph: int
    start: int
    end: int
    text: str
    tokens: tuple[Token, ...]


def body_sentences(article: CleanArticle, *, max_words: int | None = CleanRules.max_sentence_words) -> list[Sentence]:
    """All sentences of the body blocks, numbered from 0 across the article; a sentence of more than
    ``max_words`` words (by default :attr:`CleanRules.max_sentence_words <framing.settings.CleanRules>`;
    ``None``: no limit) is cut into pieces of at most that many (:func:`~framing.segment.bounded_spans`)."""
    text = article.article.text
    index = article.token_index if article.tokens else TokenIndex.of(tokenize(text))
    out: list[Sentence] = []
    for block in article.body:
        spans = sentence_spans(text, block.start, block.end)
        if max_words is not None:
            spans = bounded_spans(text, spans, index, max_words)
        for start, end in spans:
            first, last = index.span(start, end)
            sentence_tokens = tuple(index.tokens[first:last])
            out.append(Sentence(len(out), block.paragraph, start, end, text[start:end], sentence_tokens))
    return out


class LexiconTokens(NamedTuple):
    """The tokens of some sentences as lexicons see them, prepared once for every lexicon.

    ``parts`` are the tokens with hyphenated words split
    (:func:`~framing.lexicons.matchable_tokens`) and a :data:`~framing.lexicons.BARRIER`
    after each sentence, so that no hit crosses a sentence; ``normalized`` their
    lower-cased texts; ``positions`` where those occur
    (:class:`~framing.lexicons.WordPositions`).
    """

    parts: list[Token]
    normalized: list[str]
    positions: WordPositions

    def match(self, lexicon: Lexicon, text: str) -> list[LexiconMatch]:
        """The hits of ``lexicon`` in all the sentences, in text order (offsets into ``text``)."""
        return lexicon.match_prepared(self.parts, self.normalized, text, self.positions)


def lexicon_tokens(sentences: Sequence[Sentence], lexicons: Sequence[Lexicon] = ()) -> LexiconTokens:
    """The tokens of ``sentences`` prepared for lexicon matching (see :class:`LexiconTokens`).

    ``lexicons``: those that will match these tokens, whose first words are
    then found in one pass for all of them (others still match, at the cost
    of a pass of their own).

    >>> from framing.lexicons import Lexicon
    >>> text = "Critics slammed it. The war ended."
    >>> sentences = [Sentence(0, 0, 0, 19, text[:19], tuple(tokenize(text, 0, 19))),
    ...              Sentence(1, 0, 20, 34, text[20:], tuple(tokenize(text, 20, 34)))]
    >>> lex = Lexicon.from_entries("demo", [("slam*", "emotive"), ("war", "conflict")])
    >>> [m.text for m in lexicon_tokens(sentences).match(lex, text)]
    ['slammed', 'war']
    """
    parts: list[Token] = []
    for sentence in sentences:
        if "-" in sentence.text:  # hyphenated words split into new parts (else no token has a hyphen)
            parts.extend(matchable_tokens(sentence.tokens))
        else:
            parts.extend(sentence.tokens)
        parts.append(Token(BARRIER, sentence.end, sentence.end))
    normalized = normalized_texts(parts)  # the barrier stays itself
    positions = WordPositions(normalized)
    if lexicons:
        positions.of(set().union(*map(positions.first_words, lexicons)))
    return LexiconTokens(parts, normalized, positions)
