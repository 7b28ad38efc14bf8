"""Readers for the annotated corpora framing is evaluated on (BASIL, PolNeAR, CoreNLP on PolNeAR, Narrative Frames)."""

from __future__ import annotations

from framing.read.datasets import basil, corenlp, narrative_frames, polnear

__all__ = ["basil", "corenlp", "narrative_frames", "polnear"]
