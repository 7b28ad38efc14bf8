"""Auxiliary targets stacked under the frame model: one logistic regression per question, its probability a feature.

Coders answer indicator questions ("does the story mention financial
losses?") before a frame is decided; a model per question learns narrower
things than a model per frame.  :func:`fit_auxiliary` fits one
class-balanced logistic regression per auxiliary target and returns, for
the training texts, out-of-fold probabilities (so the frame model learns
how much to trust them on texts they were not fitted on);
:func:`auxiliary_probabilities` gives them for new texts.

>>> X = np.array([[1.0, 0.0], [0.9, 0.1], [0.0, 1.0], [0.1, 0.9]] * 3)
>>> fitted = fit_auxiliary(X, np.array([[1], [1], [0], [0]] * 3), C=1.0, folds=2, seed=0)
>>> bool(auxiliary_probabilities(X[:1], fitted.coef, fitted.intercept)[0, 0] > 0.5)
True
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

from framing.frames.fitting import WEIGHT_DECIMALS, sigmoid

__all__ = ["AuxiliaryFit", "auxiliary_probabilities", "fit_auxiliary"]


@dataclass
class AuxiliaryFit:
    """Weights (targets x features), intercepts, and the out-of-fold probabilities of the training texts."""

    coef: np.ndarray
    intercept: np.ndarray
    out_of_fold: np.ndarray


def _model(X: Any, y: np.ndarray, *, C: float, seed: int) -> tuple[np.ndarray, float]:
    if len(np.unique(y)) < 2:
        prior = (float(np.mean(y)) * len(y) + 0.5) / (len(y) + 1)
        return np.zeros(X.shape[1]), float(np.log(prior / (1 - prior)))
    dual = X.shape[1] > X.shape[0]
    model = LogisticRegression(
        C=C, class_weight="balanced", solver="liblinear", dual=dual, max_iter=5000, random_state=seed
    )
    model.fit(X, y)
    return model.coef_[0], float(model.intercept_[0])


def fit_auxiliary(X: Any, A: np.ndarray, *, C: float, folds: int, seed: int) -> AuxiliaryFit:
    """One model per column of the 0/1 array ``A``; out-of-fold probabilities by stratified ``folds`` folds."""
    n, m = A.shape
    coef, intercept, oof = np.zeros((m, X.shape[1])), np.zeros(m), np.zeros((n, m))
    for j in range(m):
        y = A[:, j].astype(int)
        w, b = _model(X, y, C=C, seed=seed)
        coef[j], intercept[j] = np.round(w, WEIGHT_DECIMALS), round(b, WEIGHT_DECIMALS)
        n_folds = min(folds, int(np.bincount(y, minlength=2).min()))
        if n_folds < 2:
            oof[:, j] = sigmoid(np.asarray(X @ coef[j]).ravel() + intercept[j])
            continue
        for train, test in StratifiedKFold(n_folds, shuffle=True, random_state=seed).split(np.zeros(n), y):
            w, b = _model(X[train], y[train], C=C, seed=seed)
            oof[test, j] = sigmoid(np.asarray(X[test] @ w).ravel() + b)
    return AuxiliaryFit(coef, intercept, oof)


def auxiliary_probabilities(X: Any, coef: np.ndarray, intercept: np.ndarray) -> np.ndarray:
    """(n, m): each auxiliary target's probability for each row of ``X``."""
    return sigmoid(np.asarray(X @ coef.T) + intercept)
