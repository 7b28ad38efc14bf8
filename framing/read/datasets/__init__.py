"""Readers for the annotated corpora framing is evaluated on (BASIL, PolNeAR, CoreNLP's annotation of PolNeAR)."""

from __future__ import annotations

from framing.read.datasets import basil, corenlp, polnear

__all__ = ["basil", "corenlp", "polnear"]
