"""The slant model: a small logistic model that ranks body sentences for a researcher's review.

It is trained on BASIL's informational-bias labels for 2010-2011 by
``scripts/train_slant.py``; the weights and their provenance ship in
``framing/models/slant.json``.  The features are made by
:func:`framing.align.slant.sentence_features`.

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
    "context_similarity",
    "novel",
    "quote",
    "attributed",
    "marked_stance",
    "loaded",
    "hedges",
    "boosters",
    "evaluative",
    "valence_words",
    "abs_compound",
    "negative",
    "log_words",
    "position",
    "person",
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
        """``slant`` in [0, 1] for each row of ``features``."""
        if features.empty:
            return np.zeros(0)
        values = features[list(SLANT_FEATURES)].to_numpy(dtype=float)
        z = (values - np.asarray(self.means)) / np.asarray(self.scales)
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
