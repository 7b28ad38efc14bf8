"""The five seed articles, shipped inside the package: one story (NATO, Kosovo and Serbia, 2023) in five versions.

``seeds()`` reads them as ``framing.load`` reads the repository's ``seeds/``
folder (the same files, copied into ``framing/read/datasets/seeds/``), so a
tutorial or a test runs wherever framing is installed:
``framing.analyze(framing.datasets.seeds())``.  ``seeds_folder()`` is the
folder itself, for the command line (``framing analyze FOLDER``).

>>> corpus = seeds()
>>> len(corpus), corpus[0].source, corpus[0].story
(5, 'The Associated Press', 'seeds')
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from framing.read.corpus import Corpus
from framing.read.loader import load

__all__ = ["seeds", "seeds_folder"]


def seeds_folder() -> Path:
    """The installed folder of the seed articles: five ``.txt`` files and their ``manifest.csv``."""
    return Path(str(resources.files("framing.read.datasets") / "seeds"))


def seeds() -> Corpus:
    """The five seed articles, read from :func:`seeds_folder` (their story is ``seeds``, as in ``seeds/``)."""
    return load(seeds_folder())
