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

from importlib import resources

import numpy as np

from framing.models.logistic import StandardisedLogistic, fields_from_json

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


class LoadedModel(StandardisedLogistic):
    """A logistic model over some of :data:`LOADED_FEATURES` (``features``, standardised), with its provenance.

    ``threshold``: a word whose score is at least this is a ``loaded_model`` hit.
    """

    def columns(self) -> list[int]:
        """The columns of a full feature matrix this model reads."""
        return [LOADED_FEATURES.index(name) for name in self.features]

    def score(self, matrix: np.ndarray) -> np.ndarray:
        """The score in [0, 1] of each row of ``matrix`` (columns :data:`LOADED_FEATURES`)."""
        return self.probability(matrix[:, self.columns()] if len(matrix) else matrix)


def load_loaded_model(text: str | None = None) -> LoadedModel:
    """The loaded-language model shipped with framing (or one given as JSON text)."""
    if text is None:
        text = (resources.files("framing.models") / "loaded_words.json").read_text(encoding="utf-8")
    return LoadedModel(**fields_from_json(text, known=LOADED_FEATURES, retrain="scripts/train_loaded.py"))
