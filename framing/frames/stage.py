"""The frame stage: each article's and each body paragraph's frames, with the sentences that carry them.

:func:`frame_rows` turns the measured tables of some articles (``articles``,
``paragraphs``, ``sentences``) into rows of ``frames.csv``: one row per
article and frame (``paragraph`` empty), and one per body paragraph and
frame.  An article is read as its title and body sentences, as the model was
trained; a paragraph as its own text, called with the model's paragraph
thresholds (an article threshold does not carry over to a text a tenth as
long; a model trained on coded paragraphs uses its own thresholds there).
``evidence`` names the body sentences that push most toward a frame
called present (``s4: "…"``), so a researcher can check the call.

:func:`frame_error_rows` gives the model's measured error counts per frame
(``frame_errors.csv``): what ``framing compare`` corrects prevalence with.

>>> import pandas as pd
>>> from framing.frames import load_frame_model
>>> tables = {
...     "articles": pd.DataFrame({"article_id": ["a"], "title": ["Budget cuts"]}),
...     "paragraphs": pd.DataFrame({"article_id": ["a"], "paragraph": [1], "role": ["body"],
...                                 "text": ["The plan costs $4 billion and taxes rise."]}),
...     "sentences": pd.DataFrame({"article_id": ["a"], "paragraph": [1], "sentence": [0],
...                                "text": ["The plan costs $4 billion and taxes rise."]}),
... }
>>> rows = frame_rows(tables, load_frame_model())
>>> sorted({row["frame"] for row in rows})[:2], len(rows)
(['conflict', 'economic'], 10)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd
import scipy.sparse as sp

from framing.contract import frame, typed
from framing.frames.classifier import FrameClassifier

__all__ = [
    "EVIDENCE_CHARS",
    "EVIDENCE_SENTENCES",
    "frame_error_rows",
    "frame_errors_table",
    "frame_rows",
    "paragraph_thresholds",
]

#: Sentences named as evidence for a frame present in an article (one for a paragraph).
EVIDENCE_SENTENCES = 2
#: Characters of a sentence quoted in ``evidence`` before it is cut with an ellipsis.
EVIDENCE_CHARS = 90


def frame_rows(tables: Mapping[str, pd.DataFrame], model: FrameClassifier) -> list[dict[str, Any]]:
    """Rows of ``frames.csv`` for the articles of ``tables``: article rows first, then paragraph rows, each article
    in table order and each frame in the model's order.

    Each sentence is counted once (:meth:`~framing.frames.features.TextFeatures.counts`); a paragraph's counts
    are its sentences', an article's its title's and its sentences', weighed as the model weighs a text.
    """
    articles, sentences = tables["articles"], tables["sentences"]
    if articles.empty:
        return []
    if model.features_ is None:
        raise ValueError("this frame model was trained on numeric features, not texts: it cannot read articles")
    paragraphs = tables["paragraphs"]
    body = paragraphs[paragraphs["role"] == "body"] if len(paragraphs) else paragraphs
    texts = sentences["text"].fillna("").astype(str).tolist()
    told = (sentences["sentence"].astype(int).tolist(), texts)
    counts = model.features_.counts(texts)
    evidence = model.evidence_of_features(model.features_.weigh(counts))
    ids = articles["article_id"].astype(str).tolist()
    titles = articles["title"].fillna("").astype(str).tolist() if "title" in articles else [""] * len(ids)
    owners = sentences["article_id"].astype(str).tolist()
    by_article = _positions(owners)
    article_counts = _sums(by_article, ids, counts) + model.features_.counts(titles)
    rows: list[dict[str, Any]] = []
    calls = _calls(model, article_counts, model.thresholds_)
    for aid, (probabilities, present) in zip(ids, calls, strict=True):
        members = by_article.get(aid, [])
        rows.extend(_rows(model, aid, None, probabilities, present, members, evidence, told, EVIDENCE_SENTENCES))
    if len(body):
        keys = [f"{a}\x1f{int(p)}" for a, p in zip(body["article_id"].astype(str), body["paragraph"], strict=True)]
        in_paragraph = _positions([f"{a}\x1f{p}" for a, p in zip(owners, sentences["paragraph"], strict=True)])
        calls = _calls(model, _sums(in_paragraph, keys, counts), paragraph_thresholds(model))
        for key, (probabilities, present) in zip(keys, calls, strict=True):
            aid, _, number = key.partition("\x1f")
            members = in_paragraph.get(key, [])
            rows.extend(_rows(model, aid, int(number), probabilities, present, members, evidence, told, 1))
    return rows


def paragraph_thresholds(model: FrameClassifier) -> np.ndarray:
    """The thresholds for a body paragraph: a model trained on coded paragraphs (``unit`` ``paragraph`` in its
    provenance) uses its own, one trained on articles those calibrated for paragraphs.

    >>> from framing.frames import load_frame_model
    >>> model = load_frame_model()
    >>> bool((paragraph_thresholds(model) == model.paragraph_thresholds_).all())
    True
    """
    provenance = getattr(model, "provenance_", None) or {}
    return model.thresholds_ if provenance.get("unit") == "paragraph" else model.paragraph_thresholds_


def _positions(keys: Sequence[str]) -> dict[str, list[int]]:
    """Row positions of each key, in order."""
    positions: dict[str, list[int]] = {}
    for position, key in enumerate(keys):
        positions.setdefault(key, []).append(position)
    return positions


def _sums(positions: Mapping[str, list[int]], keys: Sequence[str], counts: sp.csr_matrix) -> sp.csr_matrix:
    """For each of ``keys``, the sum of the rows of ``counts`` at its positions (a row of zeros for none)."""
    rows = [row for row, key in enumerate(keys) for _ in positions.get(key, [])]
    columns = [column for key in keys for column in positions.get(key, [])]
    members = sp.csr_matrix((np.ones(len(rows)), (rows, columns)), shape=(len(keys), counts.shape[0]))
    return sp.csr_matrix(members @ counts)


def _calls(
    model: FrameClassifier, counts: sp.csr_matrix, thresholds: np.ndarray
) -> list[tuple[np.ndarray, np.ndarray]]:
    """Each counted text's probability of each frame and whether the frame is called present.

    A multi-label model calls a frame at or above its threshold; a single-label one calls the most probable.
    """
    if counts.shape[0] == 0 or model.features_ is None:
        return []
    scores = model.scores_of_features(model.features_.weigh(counts))
    probabilities = np.round(model.proba_of_scores(scores), 4)
    if model.multi_label_:
        present = probabilities >= np.asarray(thresholds)
    else:
        present = np.zeros_like(probabilities, dtype=bool)
        present[np.arange(len(probabilities)), probabilities.argmax(axis=1)] = True
    return list(zip(probabilities, present, strict=True))


def _rows(
    model: FrameClassifier,
    article_id: str,
    paragraph: int | None,
    probabilities: np.ndarray,
    present: np.ndarray,
    members: Sequence[int],
    evidence: np.ndarray,
    told: tuple[list[int], list[str]],
    keep: int,
) -> list[dict[str, Any]]:
    rows = []
    for column, name in enumerate(model.frames_):
        called = bool(present[column])
        rows.append(
            {
                "article_id": article_id,
                "paragraph": paragraph,
                "frame": name,
                "probability": float(probabilities[column]),
                "present": called,
                "evidence": _evidence(members, evidence[:, column], told, keep) if called else "",
            }
        )
    return rows


def _evidence(members: Sequence[int], scores: np.ndarray, told: tuple[list[int], list[str]], keep: int) -> str:
    """The ``keep`` sentences among ``members`` that push most toward the frame (score above 0), in text order;
    ``told`` holds every sentence's number and text."""
    if not members:
        return ""
    chosen = sorted(members, key=lambda i: (-scores[i], i))[:keep]
    chosen = sorted(i for i in chosen if scores[i] > 0)
    numbers, texts = told
    return "; ".join(f's{int(numbers[i])}: "{_excerpt(texts[i])}"' for i in chosen)


def _excerpt(text: str) -> str:
    """``text`` on one line, cut at a word before :data:`EVIDENCE_CHARS` characters with an ellipsis."""
    line = " ".join(text.split())
    if len(line) <= EVIDENCE_CHARS:
        return line
    return line[:EVIDENCE_CHARS].rsplit(" ", 1)[0] + "…"


def frame_error_rows(model: FrameClassifier) -> list[dict[str, Any]]:
    """One row per frame: the model's thresholds and its measured error counts (``frame_errors.csv``).

    ``sensitivity`` is the share of coded-present units the model calls
    present, ``false_positive_rate`` the share of coded-absent units it calls
    present; empty when the model was not validated.
    """
    rows = []
    provenance = getattr(model, "provenance_", None) or {}
    name = str(provenance.get("name") or provenance.get("coded_file") or "")
    unit = "paragraph" if provenance.get("unit") == "paragraph" else "article"
    for column, frame_name in enumerate(model.frames_):
        counts = model.error_counts_.get(frame_name, {})
        tp, fn, fp, tn = (counts.get(key) for key in ("tp", "fn", "fp", "tn"))
        positives = (tp or 0) + (fn or 0)
        negatives = (fp or 0) + (tn or 0)
        measured = None not in (tp, fn, fp, tn)
        rows.append(
            {
                "frame": frame_name,
                "model": name,
                "unit": unit,
                "threshold": float(model.thresholds_[column]) if model.multi_label_ else float("nan"),
                "paragraph_threshold": float(paragraph_thresholds(model)[column])
                if model.multi_label_
                else float("nan"),
                "true_positives": tp,
                "false_negatives": fn,
                "false_positives": fp,
                "true_negatives": tn,
                "sensitivity": round((tp or 0) / positives, 6) if measured and positives else float("nan"),
                "false_positive_rate": round((fp or 0) / negatives, 6) if measured and negatives else float("nan"),
            }
        )
    return rows


def frame_errors_table(model: FrameClassifier | None) -> pd.DataFrame:
    """``frame_errors.csv`` of ``model`` (no rows without a model), with the contract's columns and types."""
    return typed("frame_errors", frame("frame_errors", frame_error_rows(model) if model is not None else []))
