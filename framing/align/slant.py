"""The features the slant model reads for every body sentence (see :mod:`framing.models.slant`).

Most features read the sentence alone (its lexicon hits, VADER scores,
quotes and attributions); three read it against the story's other
versions: how much of its content the others report too (``containment``),
the same relative to the rest of its article (``containment_in_article``),
and how polar the content is that the others leave out (``novel_polarity``).

>>> import pandas as pd
>>> sentences = pd.DataFrame({"article_id": ["a", "b"], "sentence": [0, 0],
...                           "text": ["He slammed the reckless plan.", "He presented the plan."],
...                           "compound": [-0.4, 0.0], "neg": [0.5, 0.0], "words": [5, 4], "words_quoted": [0, 0]})
>>> empty = pd.DataFrame(columns=["article_id", "sentence", "cue_start", "speaker", "lexicon"])
>>> features = sentence_features(sentences, empty, empty, story_of={"a": "s", "b": "s"})
>>> features[["person", "negativity", "containment"]].round(2).values.tolist()
[[1.0, 0.5, 0.33], [1.0, 0.0, 0.5]]
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from framing.align.editorial import QUOTE_RE
from framing.measure import speaker_kind
from framing.measure.sentiment import analyzer
from framing.models.slant import SLANT_FEATURES
from framing.read.lexicon_files import word_list
from framing.segment.words import letter_words

__all__ = ["content_words", "sentence_features"]

#: A pronoun that mentions a person (word list ``person_words``), any case.
_PERSON_RE = re.compile(
    r"\b(?:" + "|".join(sorted(word_list("person_words", "person_pronoun"))) + r")\b", re.IGNORECASE
)
#: Words that carry no content of their own (word list ``stop_words``).
_STOP = word_list("stop_words", "stop")


def content_words(text: str) -> list[str]:
    """The lower-cased words of ``text`` that can carry its content: not stop words, three letters or more.

    >>> content_words("The senator said he would veto it.")
    ['senator', 'veto']
    """
    return [w for w in letter_words(text) if len(w) > 2 and w not in _STOP]


def sentence_features(
    sentences: pd.DataFrame,
    attributions: pd.DataFrame,
    terms: pd.DataFrame,
    *,
    story_of: Mapping[Any, Any] | None = None,
) -> pd.DataFrame:
    """One row of :data:`SLANT_FEATURES` per body sentence (same order as ``sentences``).

    ``containment``: share of the sentence's content words found anywhere in
    the story's other versions (``story_of`` maps article to story; missing
    — NaN — with no other version, which the model reads as average);
    ``containment_in_article``: that share minus its article's mean;
    ``novel_polarity``: (1 - containment) × abs_compound.  ``quote``: holds
    a quotation mark; ``quoted_share``: share of its words in quotes;
    ``attributed``: an attribution's cue is in it; ``speaker_person``,
    ``speaker_organisation``: an attribution of the sentence has a speaker
    of that kind; ``loaded``, ``hedges``, ``boosters``: lexicon hits;
    ``valence_words``: words in VADER's lexicon; ``abs_compound`` and
    ``negativity`` (VADER's ``neg`` share); ``person``: mentions a person
    by pronoun; ``log_words``: log(1 + words); ``position``: place in the
    article (0 to 1).
    """
    vader = analyzer().lexicon
    key = list(zip(sentences["article_id"], sentences["sentence"], strict=True))
    attributed, kinds = _attribution_sets(attributions)
    hits = terms.groupby(["article_id", "sentence", "lexicon"]).size().to_dict() if len(terms) else {}
    texts = [str(text) for text in sentences["text"]]
    words = [letter_words(text) for text in texts]
    out = pd.DataFrame(index=sentences.index)
    out["containment"] = _containment(sentences, story_of or {})
    article_mean = out.groupby(sentences["article_id"])["containment"].transform("mean")
    out["containment_in_article"] = out["containment"] - article_mean
    out["abs_compound"] = sentences["compound"].astype(float).abs()
    out["novel_polarity"] = (1 - out["containment"]) * out["abs_compound"]
    out["quote"] = [1.0 if QUOTE_RE.search(text) else 0.0 for text in texts]
    quoted = _column(sentences, "words_quoted") / _column(sentences, "words").where(lambda n: n > 0)
    out["quoted_share"] = quoted.fillna(0.0)
    out["attributed"] = [1.0 if k in attributed else 0.0 for k in key]
    for kind in ("person", "organisation"):
        out[f"speaker_{kind}"] = [1.0 if (*k, kind) in kinds else 0.0 for k in key]
    for lexicon in ("loaded", "hedges", "boosters"):
        out[lexicon] = [float(hits.get((*k, lexicon), 0)) for k in key]
    out["valence_words"] = [float(sum(1 for w in found if w in vader)) for found in words]
    out["negativity"] = _column(sentences, "neg")
    out["person"] = [1.0 if _PERSON_RE.search(text) else 0.0 for text in texts]
    out["log_words"] = [math.log1p(len(found)) for found in words]
    total = sentences.groupby("article_id")["sentence"].transform("count")
    out["position"] = sentences.groupby("article_id").cumcount() / (total - 1).clip(lower=1)
    return out.reindex(columns=list(SLANT_FEATURES)).astype(float)


def _column(table: pd.DataFrame, name: str) -> pd.Series:
    """``table[name]`` as floats (zeros where the table lacks the column)."""
    if name not in table.columns:
        return pd.Series(0.0, index=table.index)
    return pd.Series(pd.to_numeric(table[name], errors="coerce"), index=table.index, dtype=float).fillna(0.0)


def _attribution_sets(attributions: pd.DataFrame) -> tuple[set[tuple[Any, Any]], set[tuple[Any, Any, str]]]:
    """The sentences holding an attribution's cue, and ``(article, sentence, kind)`` of their speakers (the
    align stage's ``speaker_kind`` where the table has it, else :func:`framing.measure.speaker_kind`)."""
    cues = attributions[attributions["cue_start"].notna()]
    attributed = set(zip(cues["article_id"], cues["sentence"], strict=True))
    if "speaker_kind" in cues.columns:
        kind_of = [str(k) if isinstance(k, str) else "" for k in cues["speaker_kind"]]
    else:
        kind_of = [speaker_kind(str(s)) if isinstance(s, str) and s else "" for s in cues["speaker"]]
    kinds = set(zip(cues["article_id"], cues["sentence"], kind_of, strict=True))
    return attributed, kinds


def _containment(sentences: pd.DataFrame, story_of: Mapping[Any, Any]) -> np.ndarray:
    """Share of each sentence's content words found in the other versions of its story (NaN without any)."""
    words = [content_words(str(text)) for text in sentences["text"]]
    vocabulary: dict[Any, set[str]] = {}
    for article_id, found in zip(sentences["article_id"], words, strict=True):
        vocabulary.setdefault(article_id, set()).update(found)
    versions: dict[Any, list[Any]] = {}
    for article_id in vocabulary:
        story = story_of.get(article_id)
        if story is not None:
            versions.setdefault(story, []).append(article_id)
    others: dict[Any, set[str]] = {}
    for article_id in vocabulary:
        story = story_of.get(article_id)
        siblings = [a for a in versions.get(story, []) if a != article_id] if story is not None else []
        if siblings:
            others[article_id] = set().union(*(vocabulary[a] for a in siblings))
    out = np.full(len(words), np.nan)
    for index, (article_id, found) in enumerate(zip(sentences["article_id"], words, strict=True)):
        elsewhere = others.get(article_id)
        if elsewhere is not None and found:
            out[index] = sum(1 for w in found if w in elsewhere) / len(found)
    return out
