"""The seed articles (``seeds()``) and readers for the annotated corpora framing is evaluated on (BASIL, PolNeAR,
CoreNLP on PolNeAR, Narrative Frames).

>>> len(seeds())
5
"""

from __future__ import annotations

from framing.read.datasets import basil, corenlp, narrative_frames, polnear
from framing.read.datasets.seed_articles import seeds, seeds_folder

__all__ = ["basil", "corenlp", "narrative_frames", "polnear", "seeds", "seeds_folder"]
