"""The small learned models' common form: a logistic model over standardised features, saved as JSON.

The slant model and the loaded-language model are both this: each feature is
centred on its training mean and divided by its training scale, a missing
value counts as the mean, and the score is the logistic of the weighted sum.

>>> model = StandardisedLogistic(("a", "b"), (0.0, 1.0), (1.0, 2.0), (1.0, -1.0), 0.0, 0.5, {"data": "toy"})
>>> [round(float(p), 3) for p in model.probability(np.array([[0.0, 1.0], [2.0, float("nan")]]))]
[0.5, 0.881]
>>> StandardisedLogistic(**fields_from_json(model.to_json(), known=("a", "b"), retrain="a script")) == model
True
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

__all__ = ["StandardisedLogistic", "fields_from_json"]


@dataclass(frozen=True)
class StandardisedLogistic:
    """A logistic model over ``features`` (standardised by ``means`` and ``scales``), with its provenance.

    ``threshold``: a row whose score is at least this counts as a hit.
    """

    features: tuple[str, ...]
    means: tuple[float, ...]
    scales: tuple[float, ...]
    weights: tuple[float, ...]
    intercept: float
    threshold: float
    provenance: Mapping[str, Any]

    def probability(self, values: np.ndarray) -> np.ndarray:
        """The score in [0, 1] of each row of ``values`` (columns ``features``; a missing value is the mean)."""
        if not len(values):
            return np.zeros(0)
        means = np.asarray(self.means)
        z = (np.where(np.isnan(values), means, values) - means) / np.asarray(self.scales)
        return 1 / (1 + np.exp(-(z @ np.asarray(self.weights) + self.intercept)))

    def parameters(self) -> dict[str, Any]:
        """What the run manifest records of the model: its provenance and decision threshold."""
        return {**self.provenance, "threshold": self.threshold}

    def to_json(self) -> str:
        data = {
            "features": list(self.features),
            "means": list(self.means),
            "scales": list(self.scales),
            "weights": list(self.weights),
            "intercept": self.intercept,
            "threshold": self.threshold,
            "provenance": dict(self.provenance),
        }
        return json.dumps(data, indent=2, sort_keys=True) + "\n"


def fields_from_json(text: str, *, known: Sequence[str], retrain: str) -> dict[str, Any]:
    """The fields of a model saved by :meth:`StandardisedLogistic.to_json`; a feature not in ``known`` is an
    error that says to retrain it with ``retrain``."""
    data = json.loads(text)
    unknown = [name for name in data["features"] if name not in known]
    if unknown:
        raise ValueError(f"the model uses unknown features {unknown}; retrain it with {retrain}")
    return {
        "features": tuple(data["features"]),
        "means": tuple(data["means"]),
        "scales": tuple(data["scales"]),
        "weights": tuple(data["weights"]),
        "intercept": float(data["intercept"]),
        "threshold": float(data["threshold"]),
        "provenance": data.get("provenance", {}),
    }
