"""The frames stage: which frames a text uses, by a trainable scikit-learn classifier saved as JSON.

:class:`FrameClassifier` learns a codebook from coded texts (single- or
multi-label); :func:`load_frame_model` gives the built-in model of the five
generic news frames (:data:`GENERIC_FRAMES`), trained on the Narrative
Frames Corpus by ``scripts/train_frames.py``.

>>> model = load_frame_model()
>>> model.frames_ == GENERIC_FRAMES, model.predict_proba(["Taxes and costs will rise."]).shape
(True, (1, 5))
"""

from __future__ import annotations

from framing.frames.classifier import FORMAT, FORMAT_VERSION, GENERIC_FRAMES, FrameClassifier, load_frame_model
from framing.frames.features import paragraph_chunks

__all__ = ["FORMAT", "FORMAT_VERSION", "GENERIC_FRAMES", "FrameClassifier", "load_frame_model", "paragraph_chunks"]
