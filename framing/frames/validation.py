"""Cross-validation of a frame classifier: out-of-fold calls, per-label precision/recall/F1 and error counts.

:func:`cross_validate_frames` fits a fresh copy of the classifier on each
training part of ``folds`` shuffled folds (fixed seed) and keeps its
probabilities and calls (at the thresholds it chose on its own training
part) for the held-out articles; :func:`scores` pools those calls into
per-label precision, recall, F1, the macro-F1 and the tp/fn/fp/tn counts.
:func:`builtin_recipe` is the classifier the built-in generic-frames model
is trained with, and :func:`recipe_auxiliary` the auxiliary targets it is
fitted with (the coders' indicator questions).

>>> s = scores(np.array([[1, 0], [0, 1]]), np.array([[1, 1], [0, 1]]), ("a", "b"))
>>> s["macro_f1"], s["frames"]["b"]["recall"]
(0.8334, 0.5)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from sklearn.base import clone
from sklearn.model_selection import KFold

from framing.frames.classifier import GENERIC_FRAMES, FrameClassifier
from framing.frames.fitting import counts_at
from framing.read.datasets.narrative_frames import NarrativeFramesData

__all__ = [
    "BASELINE",
    "RECIPE",
    "CrossValidation",
    "builtin_recipe",
    "cross_validate_frames",
    "recipe_auxiliary",
    "scores",
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


def scores(called: np.ndarray, Y: np.ndarray, names: Sequence[str]) -> dict[str, Any]:
    """Per-label precision, recall, F1 and tp/fn/fp/tn of pooled 0/1 ``called`` against ``Y``; and macro-F1."""
    frames: dict[str, dict[str, float]] = {}
    for j, name in enumerate(names):
        c = counts_at(called[:, j], Y[:, j])
        precision = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
        recall = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        frames[name] = {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4), **c}
    macro = float(np.mean([v["f1"] for v in frames.values()])) if frames else 0.0
    return {"frames": frames, "macro_f1": round(macro, 4)}
