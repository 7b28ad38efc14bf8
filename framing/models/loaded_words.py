"""The loaded-language model: a small logistic model that scores a body word as loaded or subjective word choice.

It is trained on BASIL's lexical-bias spans of 2010-2011 by
``scripts/train_loaded.py`` (its settings and threshold chosen on 2012-2013);
the weights and their provenance ship in ``framing/models/loaded_words.json``.
The features of a word are made by
:func:`framing.measure.loaded_words.candidate_features`, whose columns are
:data:`LOADED_FEATURES`; a model uses those it names, so it can leave some out.

>>> model = load_loaded_model()
>>> set(model.features) <= set(LOADED_FEATURES), 0 < model.threshold < 1
(True, True)
>>> import numpy as np
>>> model.score(np.zeros((2, len(LOADED_FEATURES)))).shape
(2,)
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any

import numpy as np

__all__ = ["LOADED_FEATURES", "LoadedModel", "load_loaded_model"]

#: Every feature :func:`framing.measure.loaded_words.candidate_features` makes, in its column order.
LOADED_FEATURES = (
    "valence",
    "negative",
    "positive",
    "neighbour_valence",
    "loaded",
    "loaded_weight",
    "hedge",
    "booster",
    "evaluative",
    "adjective",
    "adverb",
    "verb",
    "noun",
    "proper",
    "zipf",
    "rare",
    "evaluative_suffix",
    "ly",
    "ist_ism",
    "hyphenated",
    "length",
    "degree",
    "valence_adjective",
    "valence_verb",
    "valence_adverb",
    "valence_noun",
    "before_noun",
    "sentence_valence",
    "quoted",
    "reported",
    "before_person",
    "after_booster",
    "marked_cue",
    "short_quote",
    "lede",
    "exclamation",
)


@dataclass(frozen=True)
class LoadedModel:
    """A logistic model over some of :data:`LOADED_FEATURES` (``features``, standardised), with its provenance.

    ``threshold``: a word whose score is at least this is a ``loaded_model`` hit.
    """

    features: tuple[str, ...]
    means: tuple[float, ...]
    scales: tuple[float, ...]
    weights: tuple[float, ...]
    intercept: float
    threshold: float
    provenance: Mapping[str, Any]

    def columns(self) -> list[int]:
        """The columns of a full feature matrix this model reads."""
        return [LOADED_FEATURES.index(name) for name in self.features]

    def score(self, matrix: np.ndarray) -> np.ndarray:
        """The score in [0, 1] of each row of ``matrix`` (columns :data:`LOADED_FEATURES`)."""
        if not len(matrix):
            return np.zeros(0)
        z = (matrix[:, self.columns()] - np.asarray(self.means)) / np.asarray(self.scales)
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


def load_loaded_model(text: str | None = None) -> LoadedModel:
    """The loaded-language model shipped with framing (or one given as JSON text)."""
    if text is None:
        text = (resources.files("framing.models") / "loaded_words.json").read_text(encoding="utf-8")
    data = json.loads(text)
    unknown = [name for name in data["features"] if name not in LOADED_FEATURES]
    if unknown:
        raise ValueError(
            f"the loaded-language model uses unknown features {unknown}; retrain it with scripts/train_loaded.py"
        )
    return LoadedModel(
        tuple(data["features"]),
        tuple(data["means"]),
        tuple(data["scales"]),
        tuple(data["weights"]),
        float(data["intercept"]),
        float(data["threshold"]),
        data.get("provenance", {}),
    )
