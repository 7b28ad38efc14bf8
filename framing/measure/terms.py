"""Lexicon hits in body sentences: loaded words, hedges, boosters, or any lexicon a user brings.

>>> from framing.lexicons import Lexicon
>>> from framing.measure.units import Sentence
>>> from framing.segment.tokens import tokenize
>>> text = "Critics slammed the award."
>>> sentence = Sentence(0, 0, 0, len(text), text, tuple(tokenize(text)))
>>> lex = Lexicon.from_entries("loaded", [("slam*", "emotive_verb"), ("war", "conflict")])
>>> [(h.term, h.matched, h.category) for h in find_terms(text, [sentence], [lex])]
[('slam', 'slammed', 'emotive_verb')]

With the loaded-language model (:mod:`framing.models.loaded_words`), words it
scores at or above its threshold are hits of the lexicon ``loaded_model``
(``category`` is the word's part of speech, ``weight`` 1), and every
``loaded`` hit carries the model's ``score`` of its words too.  A word a
``loaded`` hit covers stays that ``loaded`` row, never a second row:

>>> from framing.models.loaded_words import load_loaded_model
>>> text = "Critics slammed the brazen, appalling award."
>>> sentence = Sentence(0, 0, 0, len(text), text, tuple(tokenize(text)))
>>> hits = find_terms(text, [sentence], [lex], model=load_loaded_model())
>>> [(h.matched, h.lexicon) for h in hits if h.score is not None and h.lexicon == "loaded"]
[('slammed', 'loaded')]
>>> all(h.score >= load_loaded_model().threshold for h in hits if h.lexicon == "loaded_model")
True
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from typing import NamedTuple

import numpy as np

from framing.lexicons import Lexicon, builtin_lexicon
from framing.measure.loaded_words import (
    FEATURE_LEXICONS,
    LexiconHit,
    candidate_features,
    lexicon_hits,
    word_class,
)
from framing.measure.units import LexiconTokens, Sentence, lexicon_tokens
from framing.models.loaded_words import LoadedModel

__all__ = ["MODEL_LEXICON", "TermHit", "find_terms"]

#: The lexicon name of the loaded-language model's hits in ``terms.csv``.
MODEL_LEXICON = "loaded_model"


class TermHit(NamedTuple):
    """One lexicon hit: where, which entry (its lemma), the text as written, and the entry's category.

    ``score``: the loaded-language model's score of the hit's words (their highest), for ``loaded`` and
    ``loaded_model`` hits when the model runs; ``None`` otherwise.
    """

    paragraph: int
    sentence: int
    term: str
    matched: str
    lexicon: str
    category: str
    weight: float
    start: int
    end: int
    score: float | None = None


def find_terms(
    text: str,
    sentences: Sequence[Sentence],
    lexicons: Sequence[Lexicon],
    prepared: LexiconTokens | None = None,
    *,
    model: LoadedModel | None = None,
    voices: Sequence[tuple[int, int, str]] = (),
) -> list[TermHit]:
    """All hits of each lexicon in each sentence, in text order, then lexicon order.

    The sentences' tokens are prepared once (``prepared``, from
    :func:`~framing.measure.units.lexicon_tokens`, when the caller already has them)
    and every lexicon scans them in one pass, with a barrier between
    sentences so that no hit crosses one.  ``model``: the loaded-language model, whose hits are added
    (``voices``: the text's quoted and reported spans, the ``spans`` of a
    :class:`~framing.measure.voice.Voices`, one of its features; all narration when not given).
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
    if model is not None:
        hits = _with_model(text, sentences, hits, lexicons, model, prepared, voices)
    return sorted(hits, key=lambda h: (h.start, h.end, h.lexicon))


def _with_model(
    text: str,
    sentences: Sequence[Sentence],
    hits: list[TermHit],
    lexicons: Sequence[Lexicon],
    model: LoadedModel,
    prepared: LexiconTokens,
    voices: Sequence[tuple[int, int, str]],
) -> list[TermHit]:
    """``hits`` with the model's score on each ``loaded`` hit, and the model's hits no ``loaded`` hit covers."""
    given = {lexicon.name for lexicon in lexicons}
    missing = [builtin_lexicon(name) for name in FEATURE_LEXICONS if name not in given]
    found = [LexiconHit(h.lexicon, h.start, h.end, h.weight, h.category) for h in hits if h.lexicon in FEATURE_LEXICONS]
    found += lexicon_hits(text, prepared, missing)
    words, matrix = candidate_features(text, sentences, voices=voices, hits=found)
    scores = model.score(matrix)
    starts = [token.start for token in words.tokens]
    out = []
    covered: set[int] = set()
    for hit in hits:
        if hit.lexicon == "loaded":
            inside = range(bisect_left(starts, hit.start), bisect_left(starts, hit.end))
            covered.update(inside)
            best = max((float(scores[i]) for i in inside), default=None)
            hit = hit._replace(score=None if best is None else round(best, 4))
        out.append(hit)
    for i in np.flatnonzero(scores >= model.threshold):
        if i in covered:
            continue
        token, sentence = words.tokens[i], sentences[words.sentences[i]]
        out.append(
            TermHit(
                sentence.paragraph,
                sentence.number,
                token.text.lower(),
                token.text,
                MODEL_LEXICON,
                word_class(token.text),
                1.0,
                token.start,
                token.end,
                round(float(scores[i]), 4),
            )
        )
    return out
