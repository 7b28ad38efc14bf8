"""The features the slant model reads for every body sentence (see :mod:`framing.models.slant`).

>>> import pandas as pd
>>> sentences = pd.DataFrame({"article_id": ["a"], "sentence": [0], "text": ["He slammed the plan."],
...                           "compound": [-0.4]})
>>> empty = pd.DataFrame(columns=["article_id", "sentence", "cue_start", "stance", "lexicon"])
>>> sentence_features(sentences, empty, empty)[["person", "negative"]].values.tolist()
[[1.0, 1.0]]
"""

from __future__ import annotations

import math
import re

import pandas as pd

from framing.align.editorial import QUOTE_RE
from framing.measure.sentiment import analyzer
from framing.models.slant import SLANT_FEATURES
from framing.read.lexicon_files import word_list
from framing.segment.words import letter_words
from framing.settings import SentimentRules

__all__ = ["sentence_features"]

#: A pronoun that mentions a person (word list ``person_words``), any case.
_PERSON_RE = re.compile(
    r"\b(?:" + "|".join(sorted(word_list("person_words", "person_pronoun"))) + r")\b", re.IGNORECASE
)


def sentence_features(
    sentences: pd.DataFrame, attributions: pd.DataFrame, terms: pd.DataFrame, sentiment: SentimentRules | None = None
) -> pd.DataFrame:
    """One row of :data:`SLANT_FEATURES` per body sentence (same order as ``sentences``).

    ``context_similarity``: highest similarity to a sentence of another
    version (0 with none); ``novel``: its reuse class is novel; ``quote``:
    holds a quotation mark; ``attributed``: an attribution's cue is in it;
    ``marked_stance``: that cue's stance is not neutral; ``loaded``,
    ``hedges``, ``boosters``, ``evaluative``: lexicon hits; ``valence_words``:
    words in VADER's lexicon; ``abs_compound`` and ``negative`` (at or below
    ``sentiment.negative``): VADER;
    ``log_words``: log(1 + words); ``position``: place in the article (0 to
    1); ``person``: mentions a person by pronoun.
    """
    negative = (sentiment or SentimentRules()).negative
    vader = analyzer().lexicon
    key = list(zip(sentences["article_id"], sentences["sentence"], strict=True))
    cues = attributions[attributions["cue_start"].notna()]
    attributed = set(zip(cues["article_id"], cues["sentence"], strict=True))
    marked = set(
        zip(
            cues.loc[cues["stance"] != "neutral", "article_id"],
            cues.loc[cues["stance"] != "neutral", "sentence"],
            strict=True,
        )
    )
    hits = terms.groupby(["article_id", "sentence", "lexicon"]).size().to_dict()
    total = sentences.groupby("article_id")["sentence"].transform("count")
    rank = sentences.groupby("article_id").cumcount()
    rows = []
    for (article_id, number), text, row_rank, row_total, reuse, similarity, compound in zip(
        key,
        sentences["text"],
        rank,
        total,
        sentences.get("reuse", pd.Series([""] * len(sentences), index=sentences.index)),
        sentences.get("context_similarity", pd.Series([0.0] * len(sentences), index=sentences.index)),
        sentences["compound"],
        strict=True,
    ):
        words = letter_words(str(text))
        rows.append(
            {
                "context_similarity": float(similarity) if similarity == similarity and similarity is not None else 0.0,
                "novel": 1.0 if reuse == "novel" else 0.0,
                "quote": 1.0 if QUOTE_RE.search(str(text)) else 0.0,
                "attributed": 1.0 if (article_id, number) in attributed else 0.0,
                "marked_stance": 1.0 if (article_id, number) in marked else 0.0,
                "loaded": float(hits.get((article_id, number, "loaded"), 0)),
                "hedges": float(hits.get((article_id, number, "hedges"), 0)),
                "boosters": float(hits.get((article_id, number, "boosters"), 0)),
                "evaluative": float(hits.get((article_id, number, "evaluative"), 0)),
                "valence_words": float(sum(1 for w in words if w in vader)),
                "abs_compound": abs(float(compound)),
                "negative": 1.0 if compound <= negative else 0.0,
                "log_words": math.log1p(len(words)),
                "position": row_rank / max(1, row_total - 1),
                "person": 1.0 if _PERSON_RE.search(str(text)) else 0.0,
            }
        )
    return pd.DataFrame(rows, columns=list(SLANT_FEATURES), index=sentences.index)
