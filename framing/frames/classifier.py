"""The frame classifier: a scikit-learn estimator over TF-IDF n-grams, single- or multi-label, saved as JSON.

:class:`FrameClassifier` takes texts (a sequence of ``str``) and labels: a
1-D array of labels is single-label (one multinomial logistic regression,
``classes_`` the sorted labels); a 2-D 0/1 array ``(n, k)`` is multi-label
(one class-balanced logistic regression per label, named by ``labels``).
In multi-label mode C and each label's decision threshold are chosen by
inner cross-validation for F1, and a second threshold is calibrated for
paragraph-sized texts.  A numeric 2-D array is accepted too, as
precomputed features (no vocabulary); that is what scikit-learn's estimator
checks feed it.  :func:`load_frame_model` gives the built-in model of the
five generic frames (:data:`GENERIC_FRAMES`), trained by
``scripts/train_frames.py``.

>>> texts = ["taxes and costs rose", "the budget and jobs", "a mother wept", "a child cried"] * 3
>>> model = FrameClassifier(inner_folds=2, min_df=1).fit(texts, ["money", "money", "people", "people"] * 3)
>>> model.predict(["costs of jobs"]).tolist(), model.frames_
(['money'], ('money', 'people'))
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.exceptions import DataConversionWarning
from sklearn.utils.multiclass import check_classification_targets
from sklearn.utils.validation import check_is_fitted, validate_data

from framing.about import __version__
from framing.frames.auxiliary import auxiliary_probabilities, fit_auxiliary
from framing.frames.features import Block, TextFeatures, paragraph_chunks
from framing.frames.fitting import LinearFit, fit_multilabel, fit_single_label, sigmoid, softmax
from framing.problems import FramingError

__all__ = ["FORMAT", "FORMAT_VERSION", "GENERIC_FRAMES", "FrameClassifier", "load_frame_model"]

#: The generic news frames of Semetko & Valkenburg (2000) that the built-in model calls, in column order.
GENERIC_FRAMES = ("resolution", "human_interest", "conflict", "morality", "economic")
FORMAT = "framing-frame-model"
FORMAT_VERSION = 1
RETRAIN = "retrain it with `framing frames train ...` (or scripts/train_frames.py for the built-in model)"


def _texts(X: Any) -> list[str] | None:
    """``X`` as a list of texts, or None when it is numeric (precomputed features)."""
    if isinstance(X, str):
        raise ValueError("X must be a sequence of texts, not one string")
    if isinstance(X, pd.DataFrame) or sp.issparse(X):
        return None
    values = X.tolist() if isinstance(X, np.ndarray | pd.Series) else list(X) if isinstance(X, Sequence) else None
    if values is not None and values and all(isinstance(v, str) for v in values):
        return [str(v) for v in values]
    return None


class FrameClassifier(ClassifierMixin, BaseEstimator):
    """Class-balanced logistic regression on TF-IDF n-grams; see the module docstring for the modes.

    ``C`` None: chosen per label from ``Cs`` by inner cross-validation
    (``inner_folds`` folds, seeded by ``random_state``).  ``word_ngrams`` and
    ``char_ngrams`` (None: no character block) are n-gram ranges;
    ``min_df`` and ``max_features`` prune each block's vocabulary.
    ``paragraph_words``: the size of the chunks the paragraph thresholds are
    calibrated on, for texts without blank-line paragraphs.  ``fit(X, y,
    aux=A)`` with a 0/1 array ``A`` (n, m) of auxiliary targets (e.g. the
    coders' indicator questions) first fits one model per target (``aux_C``)
    and stacks its probability, times ``aux_weight``, as a feature of the
    frame model (out-of-fold probabilities for the training texts).
    """

    def __init__(
        self,
        *,
        labels: tuple[str, ...] | None = None,
        C: float | None = None,
        Cs: tuple[float, ...] = (0.3, 1.0, 3.0, 10.0, 30.0),
        word_ngrams: tuple[int, int] = (1, 2),
        char_ngrams: tuple[int, int] | None = None,
        min_df: int = 2,
        max_features: int | None = 20000,
        sublinear_tf: bool = True,
        class_weight: str | None = "balanced",
        inner_folds: int = 5,
        paragraph_words: int = 60,
        aux_weight: float = 1.0,
        aux_C: float = 3.0,
        random_state: int = 0,
    ) -> None:
        self.labels = labels
        self.C = C
        self.Cs = Cs
        self.word_ngrams = word_ngrams
        self.char_ngrams = char_ngrams
        self.min_df = min_df
        self.max_features = max_features
        self.sublinear_tf = sublinear_tf
        self.class_weight = class_weight
        self.inner_folds = inner_folds
        self.paragraph_words = paragraph_words
        self.aux_weight = aux_weight
        self.aux_C = aux_C
        self.random_state = random_state

    def __sklearn_tags__(self) -> Any:
        tags = super().__sklearn_tags__()
        tags.classifier_tags.multi_label = True
        tags.input_tags.sparse = True
        return tags

    def _blocks(self) -> tuple[Block, ...]:
        blocks: list[Block] = [("word", *self.word_ngrams)]
        if self.char_ngrams is not None:
            blocks.append(("char_wb", *self.char_ngrams))
        return tuple(blocks)

    def _features(self, X: Any, *, reset: bool = False) -> Any:
        texts = _texts(X)
        if texts is None:
            if reset:
                self.features_ = None
            elif self.features_ is not None:
                raise ValueError("this model was trained on texts: pass a sequence of str")
            return validate_data(self, X, reset=reset, accept_sparse="csr", dtype=np.float64)
        if reset:
            self.features_ = TextFeatures.fit(
                texts,
                blocks=self._blocks(),
                min_df=self.min_df,
                max_features=self.max_features,
                sublinear_tf=self.sublinear_tf,
            )
        elif self.features_ is None:
            raise ValueError(f"this model was trained on {self.n_features_in_} numeric features, not texts")
        return self.features_.transform(texts)

    def fit(self, X: Any, y: Any, aux: Any = None) -> FrameClassifier:
        """Learn from texts ``X`` and labels ``y`` (1-D: single-label; 2-D 0/1 ``(n, k)``: multi-label).

        ``aux``: optional 0/1 array (n, m) of auxiliary targets stacked under the frame model.
        """
        if y is None:
            raise ValueError("FrameClassifier requires y to be passed, but the target y is None")
        Y = np.asarray(y)
        if Y.ndim == 2 and Y.shape[1] == 1:
            warnings.warn(
                "A column-vector y was passed when a 1d array was expected; it is taken as 1-D labels",
                DataConversionWarning,
                stacklevel=2,
            )
            Y = Y.ravel()
        check_classification_targets(Y)
        if Y.ndim not in (1, 2) or len(Y) != _length(X) or len(Y) == 0:
            raise ValueError(f"y must be 1-D labels or a 2-D 0/1 array with one row per text; got shape {Y.shape}")
        features = self._stack(self._features(X, reset=True), aux)
        Cs = (float(self.C),) if self.C is not None else tuple(float(c) for c in self.Cs)
        if Y.ndim == 2:
            fitted = self._fit_multilabel(X, features, Y, Cs)
        else:
            if len(np.unique(Y)) < 2:
                raise ValueError(f"y has only one class ({Y[0]!r}): a classifier needs at least two")
            self.classes_ = np.unique(Y)
            self.frames_ = tuple(str(c) for c in self.classes_)
            self.multi_label_ = False
            fitted = fit_single_label(
                features, Y, Cs=Cs, folds=self.inner_folds, random_state=self.random_state,
                class_weight=self.class_weight, names=self.frames_,
            )  # fmt: skip
        self._set_fit(fitted)
        self.provenance_: dict[str, Any] = {}
        return self

    def _fit_multilabel(self, X: Any, features: Any, Y: np.ndarray, Cs: tuple[float, ...]) -> LinearFit:
        if not np.isin(Y, (0, 1)).all():
            raise ValueError("a 2-D y must be a 0/1 indicator array (one column per label)")
        k = Y.shape[1]
        names = tuple(self.labels) if self.labels is not None else tuple(str(i) for i in range(k))
        if len(names) != k:
            raise ValueError(f"labels names {len(names)} labels but y has {k} columns")
        self.frames_ = names
        self.classes_ = np.array(names, dtype=object)
        self.multi_label_ = True
        chunks = None
        texts = _texts(X)
        if texts is not None and self.features_ is not None:
            pieces, owner = [], []
            for i, text in enumerate(texts):
                chunk = paragraph_chunks(text, words=self.paragraph_words)
                pieces.extend(chunk)
                owner.extend([i] * len(chunk))
            chunks = (self._design(self.features_.transform(pieces)), np.asarray(owner))
        return fit_multilabel(
            features, Y.astype(int), chunks=chunks, Cs=Cs, folds=self.inner_folds,
            random_state=self.random_state, class_weight=self.class_weight, names=names,
        )  # fmt: skip

    def _stack(self, features: Any, aux: Any) -> Any:
        """Fit the auxiliary models (if ``aux``) and return the frame model's training design matrix."""
        width = features.shape[1]
        self.aux_coef_, self.aux_intercept_ = np.zeros((0, width)), np.zeros(0)
        if aux is None:
            return features
        A = np.asarray(aux, dtype=float)
        if A.ndim != 2 or A.shape[0] != features.shape[0] or not np.isin(A, (0, 1)).all():
            raise ValueError(f"aux must be a 0/1 array with one row per text; got shape {A.shape}")
        fitted = fit_auxiliary(features, A, C=self.aux_C, folds=self.inner_folds, seed=self.random_state)
        self.aux_coef_, self.aux_intercept_ = fitted.coef, fitted.intercept
        return _hstack(features, self.aux_weight * fitted.out_of_fold)

    def _design(self, features: Any) -> Any:
        """Features plus the weighted auxiliary probabilities (when the model has auxiliary targets)."""
        if self.aux_coef_.shape[0] == 0:
            return features
        return _hstack(
            features, self.aux_weight * auxiliary_probabilities(features, self.aux_coef_, self.aux_intercept_)
        )

    def _set_fit(self, fitted: LinearFit) -> None:
        self.coef_ = fitted.coef
        self.intercept_ = fitted.intercept
        self.thresholds_ = fitted.thresholds
        self.paragraph_thresholds_ = fitted.paragraph_thresholds
        self.chosen_C_ = fitted.chosen_C
        self.error_counts_ = fitted.error_counts

    def _parts_of_features(self, features: Any) -> tuple[np.ndarray, np.ndarray]:
        """The linear score of each text without the intercept: the n-gram part and the auxiliary part."""
        width = features.shape[1]
        text = np.asarray(features @ self.coef_[:, :width].T)
        if self.aux_coef_.shape[0] == 0:
            return text, np.zeros_like(text)
        probability = auxiliary_probabilities(features, self.aux_coef_, self.aux_intercept_)
        return text, self.aux_weight * probability @ self.coef_[:, width:].T

    def evidence_scores(self, X: Any) -> np.ndarray:
        """(n, k): how much each text pushes toward each label, > 0 toward it (use on sentences).

        The linear score without the intercept; the auxiliary part counts from an empty text (whose score is 0).
        """
        check_is_fitted(self, "coef_")
        return self.evidence_of_features(self._features(X))

    def evidence_of_features(self, features: Any) -> np.ndarray:
        """:meth:`evidence_scores` of a matrix of text features already made (``features_.weigh(counts)``)."""
        text, auxiliary = self._parts_of_features(features)
        if self.aux_coef_.shape[0] == 0:
            return text
        width = self.coef_.shape[1] - self.aux_coef_.shape[0]
        empty = self.aux_weight * sigmoid(self.aux_intercept_) @ self.coef_[:, width:].T
        return text + auxiliary - empty

    def scores_of_features(self, features: Any) -> np.ndarray:
        """The linear score without the intercept of a matrix of text features already made (``features_.weigh``):
        what :meth:`proba_of_scores` turns into probabilities."""
        text, auxiliary = self._parts_of_features(features)
        return text + auxiliary

    def proba_of_scores(self, scores: np.ndarray) -> np.ndarray:
        """Probabilities from :meth:`scores_of_features`: the intercept added and the model's link applied."""
        z = scores + self.intercept_
        return sigmoid(z) if self.multi_label_ else softmax(z)

    def predict_proba(self, X: Any) -> np.ndarray:
        """(n, k): single-label, rows sum to 1 over ``classes_``; multi-label, P(label present) per label."""
        check_is_fitted(self, "coef_")
        return self.proba_of_scores(self.scores_of_features(self._features(X)))

    def predict(self, X: Any) -> np.ndarray:
        """Single-label: the most probable label per text; multi-label: (n, k) 0/1 at ``thresholds_``."""
        proba = self.predict_proba(X)
        if self.multi_label_:
            return (proba >= self.thresholds_).astype(int)
        return self.classes_[np.argmax(proba, axis=1)]

    def save(self, path: str | Path, *, provenance: dict[str, Any] | None = None) -> None:
        """Write the fitted model as JSON (no pickle); ``provenance`` replaces ``provenance_`` when given."""
        check_is_fitted(self, "coef_")
        if provenance is not None:
            self.provenance_ = dict(provenance)
        Path(path).write_text(json.dumps(self.to_json(), ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")

    def to_json(self) -> dict[str, Any]:
        """The fitted model as a JSON-ready dict (what :meth:`save` writes)."""
        params = {k: list(v) if isinstance(v, tuple) else v for k, v in self.get_params().items()}
        return {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "framing_version": __version__,
            "params": params,
            "multi_label": bool(self.multi_label_),
            "labels": list(self.frames_),
            "classes": self.classes_.tolist(),
            "thresholds": _floats(self.thresholds_),
            "paragraph_thresholds": _floats(self.paragraph_thresholds_),
            "chosen_C": list(self.chosen_C_),
            "features": self.features_.to_json() if self.features_ is not None else None,
            "n_features_in": None if self.features_ is not None else int(self.n_features_in_),
            "coef": self.coef_.tolist(),
            "aux_coef": self.aux_coef_.tolist(),
            "aux_intercept": self.aux_intercept_.tolist(),
            "intercept": self.intercept_.tolist(),
            "error_counts": self.error_counts_,
            "provenance": self.provenance_,
        }

    def parameters(self) -> dict[str, Any]:
        """What the run manifest records of the model: its settings, frames, thresholds, measured error counts
        and provenance (not its weights)."""
        check_is_fitted(self, "coef_")
        params = {k: list(v) if isinstance(v, tuple) else v for k, v in self.get_params().items()}
        return {
            "params": params,
            "frames": list(self.frames_),
            "multi_label": bool(self.multi_label_),
            "thresholds": _floats(self.thresholds_),
            "paragraph_thresholds": _floats(self.paragraph_thresholds_),
            "error_counts": self.error_counts_,
            "provenance": self.provenance_,
        }

    @classmethod
    def load(cls, path: str | Path) -> FrameClassifier:
        """Read a model written by :meth:`save`; a damaged file or another format version is a FramingError."""
        path = Path(path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise FramingError(f"{path}: no such frame model file; check the path or {RETRAIN}") from None
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
            raise FramingError(f"{path} is not a readable frame model ({error}); {RETRAIN}") from None
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise FramingError(f"{path} is not a framing frame model (no format {FORMAT!r}); {RETRAIN}")
        if data.get("format_version") != FORMAT_VERSION:
            raise FramingError(
                f"{path} is frame model format version {data.get('format_version')!r}, this framing reads "
                f"version {FORMAT_VERSION}; {RETRAIN}"
            )
        try:
            return cls._from_json(data)
        except (KeyError, TypeError, ValueError) as error:
            raise FramingError(
                f"{path} is a damaged frame model ({type(error).__name__}: {error}); {RETRAIN}"
            ) from None

    @classmethod
    def _from_json(cls, data: dict[str, Any]) -> FrameClassifier:
        params: dict[str, Any] = {k: tuple(v) if isinstance(v, list) else v for k, v in data["params"].items()}
        model = cls(**params)
        model.multi_label_ = bool(data["multi_label"])
        model.frames_ = tuple(str(x) for x in data["labels"])
        model.classes_ = np.array(data["classes"], dtype=object if model.multi_label_ else None)
        model.features_ = TextFeatures.from_json(data["features"]) if data["features"] is not None else None
        if model.features_ is None:
            model.n_features_in_ = int(data["n_features_in"])
        model.coef_ = np.asarray(data["coef"], dtype=np.float64)
        model.intercept_ = np.asarray(data["intercept"], dtype=np.float64)
        model.aux_intercept_ = np.asarray(data.get("aux_intercept", []), dtype=np.float64)
        model.thresholds_ = np.array([np.nan if t is None else t for t in data["thresholds"]], dtype=np.float64)
        model.paragraph_thresholds_ = np.array(
            [np.nan if t is None else t for t in data["paragraph_thresholds"]], dtype=np.float64
        )
        model.chosen_C_ = [float(c) for c in data["chosen_C"]]
        model.error_counts_ = {str(k): {str(a): int(b) for a, b in v.items()} for k, v in data["error_counts"].items()}
        model.provenance_ = dict(data["provenance"])
        k = len(model.frames_)
        width = model.features_.n_features if model.features_ is not None else model.n_features_in_
        m = len(model.aux_intercept_)
        model.aux_coef_ = np.asarray(data.get("aux_coef", []), dtype=np.float64).reshape(m, width)
        if model.coef_.shape != (k, width + m) or model.intercept_.shape != (k,) or len(model.thresholds_) != k:
            raise ValueError(f"weights of shape {model.coef_.shape} do not fit {k} labels and {width}+{m} features")
        return model


def _hstack(features: Any, extra: np.ndarray) -> Any:
    if sp.issparse(features):
        return sp.csr_matrix(sp.hstack([features, sp.csr_matrix(extra)], format="csr"))
    return np.hstack([features, extra])


def _length(X: Any) -> int:
    if hasattr(X, "shape"):
        return int(X.shape[0])
    return len(X) if hasattr(X, "__len__") else int(np.asarray(X).shape[0])


def _floats(values: np.ndarray) -> list[float | None]:
    return [None if np.isnan(v) else float(v) for v in values]


@lru_cache(maxsize=1)
def _builtin() -> FrameClassifier:
    text = (resources.files("framing.models") / "generic_frames.json").read_text(encoding="utf-8")
    return FrameClassifier._from_json(json.loads(text))


def load_frame_model(path: str | Path | None = None) -> FrameClassifier:
    """The model at ``path``, or (None) the built-in generic-frames model ``framing/models/generic_frames.json``."""
    if path is not None:
        return FrameClassifier.load(path)
    return _builtin()
