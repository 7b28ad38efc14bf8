"""Lexicon hits in body sentences: loaded words, hedges, boosters, or any lexicon a user brings.

>>> from framing.lexicons import Lexicon
>>> from framing.measure.units import Sentence
>>> from framing.segment.tokens import tokenize
>>> text = "Critics slammed the award."
>>> sentence = Sentence(0, 0, 0, len(text), text, tuple(tokenize(text)))
>>> lex = Lexicon.from_entries("loaded", [("slam*", "emotive_verb"), ("war", "conflict")])
>>> [(h.term, h.matched, h.category) for h in find_terms(text, [sentence], [lex])]
[('slam', 'slammed', 'emotive_verb')]
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from typing import NamedTuple

from framing.lexicons import Lexicon
from framing.measure.units import LexiconTokens, Sentence, lexicon_tokens

__all__ = ["TermHit", "find_terms"]


class TermHit(NamedTuple):
    """One lexicon hit: where, which entry (its lemma), the text as written, and the entry's category."""

    paragraph: int
    sentence: int
    term: str
    matched: str
    lexicon: str
    category: str
    weight: float
    start: int
    end: int


def find_terms(
    text: str,
    sentences: Sequence[Sentence],
    lexicons: Sequence[Lexicon],
    prepared: LexiconTokens | None = None,
) -> list[TermHit]:
    """All hits of each lexicon in each sentence, in text order, then lexicon order.

    The sentences' tokens are prepared once (``prepared``, from
    :func:`~framing.measure.units.lexicon_tokens`, when the caller already has them)
    and every lexicon scans them in one pass, with a barrier between
    sentences so that no hit crosses one.
    """
    prepared = lexicon_tokens(sentences) if prepared is None else prepared
    starts = [s.start for s in sentences]
    hits: list[TermHit] = []
    for lexicon in lexicons:
        for match in prepared.match(lexicon, text):
            sentence = sentences[bisect_right(starts, match.start) - 1]
            hits.append(
                TermHit(
                    sentence.paragraph,
                    sentence.number,
                    match.entry.lemma,
                    match.text,
                    lexicon.name,
                    match.entry.category,
                    match.entry.weight,
                    match.start,
                    match.end,
                )
            )
    return sorted(hits, key=lambda h: (h.start, h.end, h.lexicon))
