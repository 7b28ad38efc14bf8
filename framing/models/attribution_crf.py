"""The learned attribution tagger's model: a CRF (python-crfsuite) and its provenance.

``attribution_crf.crfsuite`` labels each token's source/cue role and its
content role at once (joint BIO tags over the features of
:mod:`framing.measure.tagger`); ``attribution_crf.json`` says what it was
trained on, with which settings and package versions, and its scores on
held-out PolNeAR articles.  ``scripts/train_attribution.py`` rebuilds both.
The tagger is opened lazily, once per process (a model sent to a worker
process opens it again there).

>>> model = load_attribution_model()
>>> model.tagger().labels()[:1]
['O|O']
>>> model.parameters()["data"]
'PolNeAR training texts (polnear-train), split train'
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import pycrfsuite

__all__ = ["MODEL_FILE", "AttributionModel", "load_attribution_model"]

#: The CRF model file, in ``framing/models``.
MODEL_FILE = "attribution_crf.crfsuite"
_PROVENANCE = "attribution_crf.json"


class AttributionModel:
    """The path of the CRF model file and the provenance; :meth:`tagger` opens it.

    Sent to another process, it carries the path and opens the tagger again there.
    """

    def __init__(self, path: str, provenance: Mapping[str, Any]) -> None:
        self.path = path
        self.provenance = dict(provenance)
        self._open: pycrfsuite.Tagger | None = None

    def tagger(self) -> pycrfsuite.Tagger:
        """The tagger, opened on first use."""
        if self._open is None:
            tagger = pycrfsuite.Tagger()
            tagger.open(self.path)
            self._open = tagger
        return self._open

    def parameters(self) -> dict[str, Any]:
        """What the run manifest records of the model: its provenance."""
        return dict(self.provenance)

    def __getstate__(self) -> dict[str, Any]:
        return {"path": self.path, "provenance": self.provenance}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["path"], state["provenance"])  # type: ignore[misc]

    def __repr__(self) -> str:
        return f"AttributionModel({self.path!r})"


def load_attribution_model(folder: str | Path | None = None) -> AttributionModel:
    """The built-in attribution model (or the one written to ``folder`` by ``scripts/train_attribution.py``)."""
    return _load(str(folder) if folder is not None else None)


@lru_cache(maxsize=4)
def _load(folder: str | None) -> AttributionModel:
    root = Path(folder) if folder is not None else Path(str(resources.files("framing.models")))
    provenance = json.loads((root / _PROVENANCE).read_text(encoding="utf-8"))
    return AttributionModel(str(root / MODEL_FILE), provenance)
