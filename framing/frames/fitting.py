"""Fit the frame model's linear weights: C and decision thresholds chosen by inner cross-validation.

Multi-label: one class-balanced logistic regression per label; for each
label the C (from a grid) and the article threshold that give the best F1
on out-of-fold probabilities; the paragraph threshold is the one for which
"some paragraph chunk of the article reaches it" best matches the article
label, on the same out-of-fold models.  Single-label: one multinomial
logistic regression, C by out-of-fold macro-F1.

>>> best_threshold(np.array([0.1, 0.4, 0.6, 0.9]), np.array([0, 0, 1, 1]))
(1.0, 0.51)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import KFold, StratifiedKFold

__all__ = ["LinearFit", "best_threshold", "counts_at", "fit_multilabel", "fit_single_label", "sigmoid", "softmax"]

#: Thresholds tried for each label.
GRID = np.round(np.arange(0.05, 0.951, 0.01), 2)
#: Decimals kept of the weights (so JSON reproduces them exactly and the file stays small).
WEIGHT_DECIMALS = 6

#: A feature matrix: a dense array or a scipy sparse matrix.
Matrix = Any


@dataclass
class LinearFit:
    """Weights (labels x features), intercepts, thresholds, chosen C and out-of-fold error counts."""

    coef: np.ndarray
    intercept: np.ndarray
    thresholds: np.ndarray
    paragraph_thresholds: np.ndarray
    chosen_C: list[float]
    error_counts: dict[str, dict[str, int]] = field(default_factory=dict)


def sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -500, 500)))


def softmax(z: np.ndarray) -> np.ndarray:
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def best_threshold(p: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """(best F1, threshold): the middle of the grid thresholds that tie for the best F1 of ``p >= t``."""
    y = np.asarray(y).astype(bool)
    pred = p[:, None] >= GRID[None, :]
    tp = (pred & y[:, None]).sum(axis=0)
    fp = (pred & ~y[:, None]).sum(axis=0)
    fn = (~pred & y[:, None]).sum(axis=0)
    f1 = np.where(tp > 0, 2 * tp / np.maximum(2 * tp + fp + fn, 1), 0.0)
    best = np.flatnonzero(f1 == f1.max())
    return float(f1.max()), float(GRID[best[len(best) // 2]])


def counts_at(called: np.ndarray, y: np.ndarray) -> dict[str, int]:
    """tp/fn/fp/tn of 0/1 calls against 0/1 labels."""
    c, t = np.asarray(called).astype(bool), np.asarray(y).astype(bool)
    return {
        "tp": int((c & t).sum()),
        "fn": int((~c & t).sum()),
        "fp": int((c & ~t).sum()),
        "tn": int((~c & ~t).sum()),
    }


def _binary(X: Matrix, y: np.ndarray, *, C: float, class_weight: str | None, seed: int) -> tuple[np.ndarray, float]:
    """Weights and intercept of one label; a label with one value in ``y`` gets zero weights and its prior."""
    if len(np.unique(y)) < 2:
        prior = (float(np.mean(y)) * len(y) + 0.5) / (len(y) + 1)
        return np.zeros(X.shape[1]), float(np.log(prior / (1 - prior)))
    # liblinear's dual solver: ~30x faster than lbfgs when features outnumber texts, as with n-grams
    model = LogisticRegression(
        C=C,
        class_weight=class_weight,
        solver="liblinear",
        dual=X.shape[1] > X.shape[0],
        max_iter=5000,
        random_state=seed,
    )
    model.fit(X, y)
    return model.coef_[0], float(model.intercept_[0])


def _chunk_max(scores: np.ndarray, owner: np.ndarray, n: int) -> np.ndarray:
    out = np.full(n, -np.inf)
    np.maximum.at(out, owner, scores)
    return out


def fit_multilabel(
    X: Matrix,
    Y: np.ndarray,
    *,
    chunks: tuple[Matrix, np.ndarray] | None,
    Cs: Sequence[float],
    folds: int,
    random_state: int,
    class_weight: str | None,
    names: Sequence[str],
) -> LinearFit:
    """One logistic regression per column of ``Y``; ``chunks`` = (paragraph-chunk features, owning row)."""
    n, k = Y.shape
    n_folds = min(folds, n)
    oof = {C: np.zeros((n, k)) for C in Cs}
    chunk_oof = {C: np.full((n, k), -np.inf) for C in Cs}
    if n_folds >= 2:
        for train, test in KFold(n_folds, shuffle=True, random_state=random_state).split(np.zeros(n)):
            in_test = np.isin(chunks[1], test) if chunks is not None else None
            for C in Cs:
                for j in range(k):
                    w, b = _binary(X[train], Y[train, j], C=C, class_weight=class_weight, seed=random_state)
                    oof[C][test, j] = sigmoid(X[test] @ w + b)
                    if chunks is not None and in_test is not None:
                        scores = sigmoid(chunks[0][in_test] @ w + b)
                        best = _chunk_max(scores, chunks[1][in_test], n)[test]
                        chunk_oof[C][test, j] = best
    coef, intercept = np.zeros((k, X.shape[1])), np.zeros(k)
    thresholds, paragraph, chosen = np.full(k, 0.5), np.full(k, 0.5), []
    counts: dict[str, dict[str, int]] = {}
    for j in range(k):
        scored = [(best_threshold(oof[C][:, j], Y[:, j]), C) for C in Cs] if n_folds >= 2 else [((0.0, 0.5), Cs[0])]
        (_, threshold), C = max(scored, key=lambda s: (s[0][0], -s[1]))
        chosen.append(float(C))
        coef[j], intercept[j] = _binary(X, Y[:, j], C=C, class_weight=class_weight, seed=random_state)
        if n_folds >= 2:
            thresholds[j] = threshold
            counts[names[j]] = counts_at(oof[C][:, j] >= threshold, Y[:, j])
            paragraph[j] = best_threshold(chunk_oof[C][:, j], Y[:, j])[1] if chunks is not None else threshold
    return LinearFit(
        np.round(coef, WEIGHT_DECIMALS), np.round(intercept, WEIGHT_DECIMALS), thresholds, paragraph, chosen, counts
    )


def _multinomial(X: Matrix, y: np.ndarray, *, C: float, class_weight: str | None) -> tuple[np.ndarray, np.ndarray]:
    """Weights (classes x features) whose softmax is the model's probability, also for two classes."""
    model = LogisticRegression(C=C, class_weight=class_weight, max_iter=2000)
    model.fit(X, y)
    if model.coef_.shape[0] == 1:
        return np.vstack([-model.coef_[0] / 2, model.coef_[0] / 2]), np.array([-1.0, 1.0]) * model.intercept_[0] / 2
    return model.coef_, model.intercept_


def fit_single_label(
    X: Matrix,
    y: np.ndarray,
    *,
    Cs: Sequence[float],
    folds: int,
    random_state: int,
    class_weight: str | None,
    names: Sequence[str],
) -> LinearFit:
    """One multinomial logistic regression over the classes of ``y`` (column order = sorted classes)."""
    classes, codes = np.unique(y, return_inverse=True)
    k = len(classes)
    n_folds = min(folds, int(np.bincount(codes).min()))
    scored: list[tuple[float, float, np.ndarray]] = []
    if n_folds >= 2 and len(Cs) > 0:
        splitter = StratifiedKFold(n_folds, shuffle=True, random_state=random_state)
        for C in Cs:
            called = np.zeros(len(y), dtype=int)
            for train, test in splitter.split(np.zeros(len(y)), codes):
                w, b = _multinomial(X[train], codes[train], C=C, class_weight=class_weight)
                called[test] = np.argmax(np.asarray(X[test] @ w.T) + b, axis=1)
            scored.append((float(f1_score(codes, called, average="macro")), -C, called))
    C = -max(scored, key=lambda s: (s[0], s[1]))[1] if scored else float(Cs[0])
    counts: dict[str, dict[str, int]] = {}
    if scored:
        called = max(scored, key=lambda s: (s[0], s[1]))[2]
        counts = {names[i]: counts_at(called == i, codes == i) for i in range(k)}
    coef, intercept = _multinomial(X, codes, C=C, class_weight=class_weight)
    nan = np.full(k, np.nan)
    return LinearFit(
        np.round(coef, WEIGHT_DECIMALS), np.round(intercept, WEIGHT_DECIMALS), nan, nan.copy(), [float(C)], counts
    )
