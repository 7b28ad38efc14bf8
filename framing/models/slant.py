"""The slant model: a small logistic model that ranks body sentences for a researcher's review.

It is trained on BASIL's informational-bias labels for 2010-2012 by
``scripts/train_slant.py``, its regularisation and decision threshold
chosen by cross-validation grouped by story (2013 is kept for the held-out
report); the weights, the threshold and their provenance (with the
cross-validated and held-out scores) ship in ``framing/models/slant.json``.
The features are made by :func:`framing.align.slant.sentence_features`; a
feature that cannot be computed (NaN: a story with one version has no
context) is read as the training mean.

>>> model = load_slant_model()
>>> len(model.weights) == len(SLANT_FEATURES), 0 < model.threshold < 1
(True, True)
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any

import numpy as np
import pandas as pd

__all__ = ["SLANT_FEATURES", "SlantModel", "load_slant_model"]

#: The features of the slant model, in order; each is documented in ``sentence_features``.
SLANT_FEATURES = (
    "containment",
    "containment_in_article",
    "novel_polarity",
    "quote",
    "quoted_share",
    "attributed",
    "speaker_person",
    "speaker_organisation",
    "loaded",
    "hedges",
    "boosters",
    "valence_words",
    "abs_compound",
    "negativity",
    "person",
    "log_words",
    "position",
)


@dataclass(frozen=True)
class SlantModel:
    """A logistic model over :data:`SLANT_FEATURES` (standardised), with its provenance."""

    means: tuple[float, ...]
    scales: tuple[float, ...]
    weights: tuple[float, ...]
    intercept: float
    threshold: float
    provenance: Mapping[str, Any]

    def score(self, features: pd.DataFrame) -> np.ndarray:
        """``slant`` in [0, 1] for each row of ``features`` (a missing value counts as the training mean)."""
        if features.empty:
            return np.zeros(0)
        values = features[list(SLANT_FEATURES)].to_numpy(dtype=float)
        means = np.asarray(self.means)
        values = np.where(np.isnan(values), means, values)
        z = (values - means) / np.asarray(self.scales)
        return 1 / (1 + np.exp(-(z @ np.asarray(self.weights) + self.intercept)))

    def parameters(self) -> dict[str, Any]:
        """What the run manifest records of the model: its provenance and decision threshold."""
        return {**self.provenance, "threshold": self.threshold}

    def to_json(self) -> str:
        data = {
            "features": list(SLANT_FEATURES),
            "means": list(self.means),
            "scales": list(self.scales),
            "weights": list(self.weights),
            "intercept": self.intercept,
            "threshold": self.threshold,
            "provenance": dict(self.provenance),
        }
        return json.dumps(data, indent=2, sort_keys=True) + "\n"


def load_slant_model(text: str | None = None) -> SlantModel:
    """The slant model shipped with framing (or one given as JSON text)."""
    if text is None:
        text = (resources.files("framing.models") / "slant.json").read_text(encoding="utf-8")
    data = json.loads(text)
    if list(data["features"]) != list(SLANT_FEATURES):
        raise ValueError("the slant model was trained on other features; retrain it with scripts/train_slant.py")
    return SlantModel(
        tuple(data["means"]),
        tuple(data["scales"]),
        tuple(data["weights"]),
        float(data["intercept"]),
        float(data["threshold"]),
        data.get("provenance", {}),
    )
