"""Measure framing's components against annotated data in a folder the user points to.

:mod:`~framing.evaluate.annotated` scores the sentence splitter, the bias
detectors on BASIL and the attribution spans on PolNeAR;
:mod:`~framing.evaluate.speakers` scores who speaks (BASIL's quote speakers,
PolNeAR's named sources); :mod:`~framing.evaluate.frames` cross-validates the
built-in generic-frames recipe on the Narrative Frames Corpus;
:mod:`~framing.evaluate.overview` runs them all under one data root.

>>> half_of("a") in {"dev", "test"}
True
"""

from __future__ import annotations

from framing.evaluate.annotated import (
    BASIL_TUNED_YEARS,
    BiasScores,
    BoundaryScore,
    SentenceEvaluation,
    basil_evaluation,
    basil_scores,
    basil_sentence_frame,
    basil_table,
    half_of,
    polnear_evaluation,
    polnear_predicted_spans,
    polnear_scores,
    polnear_split,
    polnear_table,
    sentence_boundaries,
)
from framing.evaluate.frames import frames_evaluation, frames_table
from framing.evaluate.overview import PUBLISHED, find_datasets, headline_rows, overview, overview_table
from framing.evaluate.speakers import basil_speakers, polnear_speakers, speakers_evaluation, speakers_table

__all__ = [
    "BASIL_TUNED_YEARS",
    "PUBLISHED",
    "BiasScores",
    "BoundaryScore",
    "SentenceEvaluation",
    "basil_evaluation",
    "basil_scores",
    "basil_sentence_frame",
    "basil_speakers",
    "basil_table",
    "find_datasets",
    "frames_evaluation",
    "frames_table",
    "half_of",
    "headline_rows",
    "overview",
    "overview_table",
    "polnear_evaluation",
    "polnear_predicted_spans",
    "polnear_scores",
    "polnear_speakers",
    "polnear_split",
    "polnear_table",
    "sentence_boundaries",
    "speakers_evaluation",
    "speakers_table",
]
