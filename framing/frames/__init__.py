"""The frames stage: which frames a text uses, by a trainable scikit-learn classifier saved as JSON.

:class:`FrameClassifier` learns a codebook from coded texts (single- or
multi-label); :func:`load_frame_model` gives the built-in model of the five
generic news frames (:data:`GENERIC_FRAMES`), trained on the Narrative
Frames Corpus by ``scripts/train_frames.py``.  A researcher's own codebook:
:func:`read_coded` reads a hand-coded file, :func:`validate` cross-validates a
classifier on it (scores with intervals, Krippendorff's alpha, error counts)
and :func:`train_codebook` does both and saves the model (``framing frames
train``).  In a run, :func:`frame_rows` gives ``frames.csv`` and
:func:`frame_errors_table` ``frame_errors.csv``.

>>> model = load_frame_model()
>>> model.frames_ == GENERIC_FRAMES, model.predict_proba(["Taxes and costs will rise."]).shape
(True, (1, 5))
"""

from __future__ import annotations

from framing.frames.classifier import FORMAT, FORMAT_VERSION, GENERIC_FRAMES, FrameClassifier, load_frame_model
from framing.frames.coded import CodedSample, read_coded
from framing.frames.crossval import Validation, validate
from framing.frames.features import paragraph_chunks
from framing.frames.stage import frame_errors_table, frame_rows
from framing.frames.training import train_codebook

__all__ = [
    "FORMAT",
    "FORMAT_VERSION",
    "GENERIC_FRAMES",
    "CodedSample",
    "FrameClassifier",
    "Validation",
    "frame_errors_table",
    "frame_rows",
    "load_frame_model",
    "paragraph_chunks",
    "read_coded",
    "train_codebook",
    "validate",
]
