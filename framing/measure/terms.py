"""Lexicon hits in body sentences: loaded words, hedges, boosters, or any lexicon a user brings.

>>> from framing.lexicons import Lexicon
>>> from framing.units import Sentence
>>> from framing.segment import tokenize
>>> text = "Critics slammed the award."
>>> sentence = Sentence(0, 0, 0, len(text), text, tuple(tokenize(text)))
>>> lex = Lexicon.from_entries("loaded", [("slam*", "emotive_verb"), ("war", "conflict")])
>>> [(h.term, h.matched, h.category) for h in find_terms(text, [sentence], [lex])]
[('slam', 'slammed', 'emotive_verb')]
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from framing.lexicons import Lexicon
from framing.units import Sentence

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


def find_terms(text: str, sentences: Sequence[Sentence], lexicons: Sequence[Lexicon]) -> list[TermHit]:
    """All hits of each lexicon in each sentence, in text order, then lexicon order."""
    hits: list[TermHit] = []
    for sentence in sentences:
        for lexicon in lexicons:
            for match in lexicon.match(sentence.tokens, text):
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
