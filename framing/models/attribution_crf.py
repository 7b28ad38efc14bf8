"""The learned attribution tagger's model: two CRFs (python-crfsuite) and their provenance.

``attribution_crf.roles.crfsuite`` labels sources and cues,
``attribution_crf.content.crfsuite`` labels contents (BIO tags over the
features of :mod:`framing.measure.tagger`); ``attribution_crf.json`` says
what they were trained on, with which settings and package versions, and
their scores on held-out PolNeAR articles.  ``scripts/train_attribution.py``
rebuilds all three.  The taggers are opened lazily, once per process (a
model sent to a worker process opens them again there).

>>> model = load_attribution_model()
>>> sorted(model.taggers())
['content', 'roles']
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

__all__ = ["MODEL_FILES", "AttributionModel", "load_attribution_model"]

#: The model files of each tagger, in ``framing/models``.
MODEL_FILES = {"roles": "attribution_crf.roles.crfsuite", "content": "attribution_crf.content.crfsuite"}
_PROVENANCE = "attribution_crf.json"


class AttributionModel:
    """The paths of the two CRF model files and the provenance; :meth:`taggers` opens them.

    Sent to another process, it carries the paths and opens the taggers again there.
    """

    def __init__(self, paths: Mapping[str, str], provenance: Mapping[str, Any]) -> None:
        self.paths = dict(paths)
        self.provenance = dict(provenance)
        self._open: dict[str, pycrfsuite.Tagger] = {}

    def taggers(self) -> dict[str, pycrfsuite.Tagger]:
        """The taggers by name (``roles``, ``content``), opened on first use."""
        if not self._open:
            for name, path in self.paths.items():
                tagger = pycrfsuite.Tagger()
                tagger.open(path)
                self._open[name] = tagger
        return self._open

    def parameters(self) -> dict[str, Any]:
        """What the run manifest records of the model: its provenance."""
        return dict(self.provenance)

    def __getstate__(self) -> dict[str, Any]:
        return {"paths": self.paths, "provenance": self.provenance}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["paths"], state["provenance"])  # type: ignore[misc]

    def __repr__(self) -> str:
        return f"AttributionModel({self.paths!r})"


def load_attribution_model(folder: str | Path | None = None) -> AttributionModel:
    """The built-in attribution model (or the one written to ``folder`` by ``scripts/train_attribution.py``)."""
    return _load(str(folder) if folder is not None else None)


@lru_cache(maxsize=4)
def _load(folder: str | None) -> AttributionModel:
    root = Path(folder) if folder is not None else Path(str(resources.files("framing.models")))
    provenance = json.loads((root / _PROVENANCE).read_text(encoding="utf-8"))
    return AttributionModel({name: str(root / file) for name, file in MODEL_FILES.items()}, provenance)
