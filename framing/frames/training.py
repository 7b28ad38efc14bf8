"""Train your own frame codebook: read a coded file, cross-validate, fit on all of it, save with provenance.

:func:`train_codebook` is what ``framing frames train`` runs.  The model it
saves carries the file it learnt from (name and sha256), how many texts of
each label, and the whole cross-validation (:mod:`framing.frames.crossval`);
its ``error_counts_`` are the out-of-fold counts that prevalence correction
uses.  Nothing is written when the input is bad or ``out`` exists.

>>> import tempfile
>>> folder = Path(tempfile.mkdtemp())
>>> rows = ["text,frame"] + [f"Taxes and costs rose {i}.,economic" for i in range(6)]
>>> rows += [f"Rivals clashed and fought {i}.,conflict" for i in range(6)]
>>> _ = (folder / "coded.csv").write_text("\\n".join(rows) + "\\n", encoding="utf-8")
>>> model, validation = train_codebook(folder / "coded.csv", text_column="text", label_column="frame",
...                                    folds=2, out=folder / "mine.json", estimator=FrameClassifier(min_df=1))
>>> model.frames_, validation.macro_f1["value"], model.provenance_["label_counts"]
(('conflict', 'economic'), 1.0, {'conflict': 6, 'economic': 6})
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sklearn.base import clone

from framing.frames.classifier import FrameClassifier
from framing.frames.coded import CodedSample, read_coded
from framing.frames.crossval import Validation, validate
from framing.problems import FramingError

__all__ = ["check_out", "provenance_of", "train_codebook"]


def train_codebook(
    path: str | Path,
    *,
    text_column: str = "text",
    label_column: str | None = None,
    label_columns: Sequence[str] | None = None,
    coder_columns: Sequence[str] = (),
    codebook: Sequence[str] | None = None,
    separator: str = ";",
    unit: str = "article",
    article_column: str | None = None,
    folds: int = 5,
    random_state: int = 0,
    out: str | Path | None = None,
    force: bool = False,
    estimator: FrameClassifier | None = None,
) -> tuple[FrameClassifier, Validation]:
    """Cross-validate a :class:`FrameClassifier` on the coded file ``path``, fit it on every text, save it to ``out``.

    The columns and codes are read by :func:`~framing.frames.coded.read_coded`
    (same arguments).  ``estimator`` sets the classifier's parameters (default
    ``FrameClassifier()``; its ``labels`` are set from the file in multi-label
    files).  ``out`` (a ``.json`` file) is refused when it exists unless
    ``force``; it is written last, whole or not at all.
    """
    target = Path(out) if out is not None else None
    if target is not None:
        check_out(target, force=force)
    sample = read_coded(
        path,
        text_column=text_column,
        label_column=label_column,
        label_columns=label_columns,
        coder_columns=coder_columns,
        codebook=codebook,
        separator=separator,
        unit=unit,
        article_column=article_column,
    )
    base = clone(estimator) if estimator is not None else FrameClassifier(random_state=random_state)
    base.set_params(labels=sample.labels if sample.multi_label else None)
    validation = validate(base, sample, folds=folds, random_state=random_state)
    model = clone(base).fit(list(sample.texts), sample.y)
    model.error_counts_ = validation.error_counts
    model.provenance_ = provenance_of(sample, validation, text_column=text_column)
    if target is not None:
        _write(model, target)
    return model, validation


def check_out(out: Path, *, force: bool) -> None:
    """One line saying what to do when ``out`` cannot take the model (checked before any work is done)."""
    if out.suffix.lower() != ".json":
        raise FramingError(f"{out}: the model is saved as JSON; give --out a name ending in .json")
    if out.is_dir():
        raise FramingError(f"{out} is a folder; give --out the name of the model file (my_frames.json)")
    if out.exists() and not force:
        raise FramingError(f"{out} exists; pass --force to replace it, or give another --out")


def provenance_of(sample: CodedSample, validation: Validation, *, text_column: str) -> dict[str, Any]:
    """Where the model comes from: the coded file, its codes and the cross-validated scores (no texts)."""
    return {
        "trained_by": "framing frames train",
        "coded_file": sample.name,
        "sha256": sample.sha256,
        "unit": sample.unit,
        "n_units": len(sample),
        "n_articles": validation.n_groups,
        "text_column": text_column,
        "label_source": sample.label_source,
        "coder_columns": list(sample.coders),
        "multi_label": sample.multi_label,
        "label_counts": sample.label_counts(),
        "cross_validation": validation.as_dict(),
    }


def _write(model: FrameClassifier, out: Path) -> None:
    """Save ``model`` to a temporary file beside ``out`` and move it into place: no half-written model."""
    out.parent.mkdir(parents=True, exist_ok=True)
    name = out.parent / f".{out.stem}.{os.getpid()}.partial.json"  # made like any file: the user's umask applies
    try:
        model.save(name)
        os.replace(name, out)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(name)
