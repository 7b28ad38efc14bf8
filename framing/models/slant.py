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

from importlib import resources

import numpy as np
import pandas as pd

from framing.models.logistic import StandardisedLogistic, fields_from_json

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


class SlantModel(StandardisedLogistic):
    """A logistic model over :data:`SLANT_FEATURES` (standardised), with its provenance."""

    def score(self, features: pd.DataFrame) -> np.ndarray:
        """``slant`` in [0, 1] for each row of ``features`` (a missing value counts as the training mean)."""
        if features.empty:
            return np.zeros(0)
        return self.probability(features[list(self.features)].to_numpy(dtype=float))


def load_slant_model(text: str | None = None) -> SlantModel:
    """The slant model shipped with framing (or one given as JSON text)."""
    if text is None:
        text = (resources.files("framing.models") / "slant.json").read_text(encoding="utf-8")
    fields = fields_from_json(text, known=SLANT_FEATURES, retrain="scripts/train_slant.py")
    if fields["features"] != SLANT_FEATURES:
        raise ValueError("the slant model was trained on other features; retrain it with scripts/train_slant.py")
    return SlantModel(**fields)
