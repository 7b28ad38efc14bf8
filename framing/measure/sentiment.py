"""Sentence sentiment with VADER (Hutto & Gilbert 2014), one score per sentence.

VADER's compound score saturates on long texts, so framing never scores a
whole article: it scores each body sentence and aggregates.  The VADER
version is pinned (3.3.2) because scores differ between releases; the run
manifest records it.

>>> scores = sentence_sentiment(["A bloody crackdown.", "A calm day."])
>>> scores[0]["compound"] < 0 < scores[1]["compound"] or scores[1]["compound"] == 0
True
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from framing.settings import SentimentRules

__all__ = [
    "analyzer",
    "sentence_sentiment",
    "summarize",
]


@lru_cache(maxsize=1)
def analyzer() -> SentimentIntensityAnalyzer:
    """The shared VADER analyser (its lexicon is read once per process)."""
    return SentimentIntensityAnalyzer()


def sentence_sentiment(sentences: Sequence[str]) -> list[dict[str, float]]:
    """VADER ``compound``, ``pos``, ``neu`` and ``neg`` for each sentence."""
    vader = analyzer()
    return [vader.polarity_scores(text) for text in sentences]


def summarize(compounds: Sequence[float], rules: SentimentRules | None = None) -> dict[str, float]:
    """Mean compound and the shares of negative and positive sentences (cut-offs in ``rules``; NaN when empty).

    >>> summarize([0.5, -0.5, 0.0])
    {'sentiment_mean': 0.0, 'sentiment_neg_share': 0.333333, 'sentiment_pos_share': 0.333333}
    """
    rules = rules or SentimentRules()
    n = len(compounds)
    if n == 0:
        nan = float("nan")
        return {"sentiment_mean": nan, "sentiment_neg_share": nan, "sentiment_pos_share": nan}
    return {
        "sentiment_mean": round(sum(compounds) / n, 6),
        "sentiment_neg_share": round(sum(1 for c in compounds if c <= rules.negative) / n, 6),
        "sentiment_pos_share": round(sum(1 for c in compounds if c >= rules.positive) / n, 6),
    }
