"""Cross-validation of the generic-frames recipe on the Narrative Frames Corpus: out-of-fold calls and their scores.

:func:`cross_validate_frames` fits a fresh copy of the classifier on each
training part of ``folds`` shuffled folds (fixed seed) and keeps its
probabilities and calls (at the thresholds it chose on its own training
part) for the held-out articles, with each fold model's own error counts.
Those calls are scored by the one frames scorer,
:func:`framing.frames.crossval.score`, against :func:`coded_sample` (the
corpus's aggregated labels as a :class:`~framing.frames.coded.CodedSample`);
:func:`pooled_scores` lays its numbers out as the frames evaluation and the
built-in model's provenance keep them: per-label precision, recall and F1 of
the pooled out-of-fold calls with 95% bootstrap intervals, tp/fn/fp/tn,
and macro-F1 with its interval.  :func:`builtin_recipe` is the classifier the
built-in generic-frames model is trained with, and :func:`recipe_auxiliary`
the auxiliary targets it is fitted with (the coders' indicator questions).

>>> from framing.frames.crossval import score
>>> sample = CodedSample("x.tsv", ("t",) * 2, ("a", "b"), np.array([[1, 1], [0, 1]]), True)
>>> s = pooled_scores(score(sample, np.array([[1, 0], [0, 1]]), folds=2, n_boot=100))
>>> s["macro_f1"], s["frames"]["b"]["recall"], s["frames"]["b"]["fn"]
(0.8333, 0.5, 1)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.base import clone
from sklearn.model_selection import KFold

from framing.frames.classifier import GENERIC_FRAMES, FrameClassifier
from framing.frames.coded import CodedSample
from framing.frames.crossval import Validation
from framing.read.datasets.narrative_frames import NarrativeFramesData

__all__ = [
    "BASELINE",
    "RECIPE",
    "CrossValidation",
    "builtin_recipe",
    "coded_sample",
    "cross_validate_frames",
    "pooled_scores",
    "recipe_auxiliary",
]

#: The parameters of the built-in generic-frames recipe (chosen by 5-fold cross-validation, see the README).
RECIPE: dict[str, Any] = {
    "labels": GENERIC_FRAMES,
    "C": None,
    "Cs": (0.3, 1.0, 3.0, 10.0, 30.0),
    "word_ngrams": (1, 1),
    "char_ngrams": None,
    "min_df": 2,
    "max_features": 20000,
    "sublinear_tf": True,
    "class_weight": "balanced",
    "inner_folds": 5,
    "paragraph_words": 60,
    "random_state": 0,
}


#: The baseline the recipe is measured against (the data README's): TF-IDF word 1-2-grams (sublinear tf, terms in
#: 2+ texts, the 20,000 most frequent) with class-balanced logistic regression, C and threshold by inner
#: cross-validation, without auxiliary targets (5-fold CV macro-F1 0.583; the README says 0.584).
BASELINE: dict[str, Any] = {**RECIPE, "word_ngrams": (1, 2), "char_ngrams": None, "min_df": 2, "max_features": 20000}


def recipe_auxiliary(data: NarrativeFramesData) -> tuple[list[str], np.ndarray]:
    """The auxiliary targets the built-in recipe stacks: every indicator question (coders' majority yes), by name."""
    targets = data.question_targets
    return [str(c) for c in targets.columns], targets.to_numpy()


def builtin_recipe(**changes: Any) -> FrameClassifier:
    """A fresh classifier with the built-in recipe's parameters (``changes`` override some)."""
    return FrameClassifier(**{**RECIPE, **changes})


@dataclass
class CrossValidation:
    """Out-of-fold probabilities and 0/1 calls (rows = articles, columns = labels) and the fold of each article."""

    proba: np.ndarray
    called: np.ndarray
    fold: np.ndarray
    #: each fold model's own error counts (its inner cross-validation on its training part), by label
    fold_counts: list[dict[str, dict[str, int]]]


def cross_validate_frames(
    model: FrameClassifier,
    texts: Sequence[str],
    Y: np.ndarray,
    *,
    aux: np.ndarray | None = None,
    folds: int = 5,
    seed: int = 0,
) -> CrossValidation:
    """Out-of-fold probabilities and calls of ``model`` (multi-label, ``Y`` 0/1 ``(n, k)``) over shuffled folds.

    ``aux``: the auxiliary targets (n, m) the model is fitted with (their training rows only).
    """
    texts = list(texts)
    n, k = Y.shape
    proba, called, fold = np.zeros((n, k)), np.zeros((n, k), dtype=int), np.zeros(n, dtype=int)
    fold_counts: list[dict[str, dict[str, int]]] = []
    for i, (train, test) in enumerate(KFold(folds, shuffle=True, random_state=seed).split(np.zeros(n))):
        fitted = clone(model).fit([texts[j] for j in train], Y[train], aux=None if aux is None else aux[train])
        held = [texts[j] for j in test]
        proba[test] = fitted.predict_proba(held)
        called[test] = fitted.predict(held)
        fold[test] = i
        fold_counts.append(fitted.error_counts_)
    return CrossValidation(proba, called, fold, fold_counts)


def coded_sample(data: NarrativeFramesData, *, folder: str | Path) -> CodedSample:
    """The articles of a Narrative Frames folder and their aggregated labels (columns :data:`GENERIC_FRAMES`)."""
    return CodedSample(
        path=str(Path(folder) / "articles.tsv"),
        texts=tuple(data.articles["text"].tolist()),
        labels=GENERIC_FRAMES,
        y=data.labels,
        multi_label=True,
        label_source="the Narrative Frames Corpus's aggregated frame labels",
    )


def pooled_scores(validation: Validation) -> dict[str, Any]:
    """The scores of :func:`~framing.frames.crossval.score` as plain JSON values, by label and macro-F1.

    ``frames``: per label precision, recall and F1 with ``*_lower``/``*_upper``
    (95% bootstrap interval; ``None`` where undefined), coded and predicted
    counts and tp/fn/fp/tn; ``macro_f1`` (a number) and ``macro_f1_interval``.
    """
    numbers = validation.as_dict()
    frames = {frame: {**values, **validation.error_counts[frame]} for frame, values in numbers["per_frame"].items()}
    macro = numbers["macro_f1"]
    return {
        "frames": frames,
        "macro_f1": macro["value"],
        "macro_f1_interval": [macro["lower"], macro["upper"]],
        "bootstrap_resamples": validation.n_boot,
    }
