"""Score the built-in generic-frames recipe on the Narrative Frames folder: F1, baselines, alpha, prevalence error.

``framing eval frames DIR`` runs :func:`frames_evaluation`: ``folds``-fold
cross-validation (fixed seed) of the recipe the built-in model is trained
with (:func:`framing.frames.validation.builtin_recipe`, with the coders'
indicator questions as auxiliary targets, on the training folds only).  Its
pooled out-of-fold calls are scored by the frames scorer,
:func:`framing.frames.crossval.score`: per-frame precision, recall, F1 and
macro-F1 with 95% bootstrap intervals (resampling articles), beside two
baselines scored the same way: marking every frame present, and TF-IDF word
1-2-grams with class-balanced logistic regression (C and threshold by inner
cross-validation).  Krippendorff's alpha (nominal) between the model's
out-of-fold calls and the aggregated labels (the scorer's) is set beside
alpha between the coders (each coder's own frame labels).  Prevalence: per frame and per
``mbfc`` group, the true share, the raw share of predicted labels and the
share corrected as ``framing compare`` corrects it
(:func:`framing.compare.adjusted_share`, the raw share where ``tpr - fpr``
is below ``MIN_SEPARATION`` of ``framing/compare/frame_prevalence.py``), with each
article's ``tpr``/``fpr`` those its fold model measured by inner
cross-validation on its own training part (never on the articles it is
scored on).

>>> corrected(0.5, tpr=0.8, fpr=0.2), corrected(0.1, tpr=0.8, fpr=0.2), corrected(0.3, tpr=0.5, fpr=0.45)
(0.5, 0.0, 0.3)
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from framing.compare import adjusted_share
from framing.compare.frame_prevalence import MIN_SEPARATION
from framing.frames import GENERIC_FRAMES
from framing.frames.crossval import nominal_alpha, score
from framing.frames.validation import (
    BASELINE,
    builtin_recipe,
    coded_sample,
    cross_validate_frames,
    pooled_scores,
    recipe_auxiliary,
)
from framing.read.datasets.narrative_frames import read_narrative_frames

__all__ = ["corrected", "frames_evaluation", "frames_table"]

SEED = 0
_CELL = 12  # width of a cell of the F1 table: "[0.61, 0.71]"


def corrected(raw: float, *, tpr: float, fpr: float) -> float:
    """The share ``raw`` corrected for the error rates as ``framing compare`` corrects it (rounded to 4 places)."""
    return round(float(adjusted_share(raw, tpr=tpr, fpr=fpr) if tpr - fpr >= MIN_SEPARATION else raw), 4)


def _rates(counts: dict[str, int]) -> tuple[float, float]:
    positives, negatives = counts["tp"] + counts["fn"], counts["fp"] + counts["tn"]
    return (counts["tp"] / positives if positives else 1.0), (counts["fp"] / negatives if negatives else 0.0)


def _alpha(rows: list[np.ndarray]) -> float | None:
    """Nominal alpha of ``rows`` rounded to 4 places; ``None`` when undefined (JSON has no NaN)."""
    value = nominal_alpha(rows)
    return None if np.isnan(value) else round(value, 4)


def _coder_matrix(coder_frames: pd.DataFrame, ids: list[str], frame: str) -> list[np.ndarray]:
    table = coder_frames.pivot_table(index="coder", columns="article_id", values=frame, aggfunc="first")
    table = table.reindex(columns=ids).astype(float)
    return [table.loc[c].to_numpy() for c in table.index]


def _prevalence(
    groups: pd.Series, Y: np.ndarray, called: np.ndarray, fold: np.ndarray, fold_counts: list[dict]
) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for group in ["all", *sorted(groups.unique())]:
        mask = np.ones(len(groups), dtype=bool) if group == "all" else (groups == group).to_numpy()
        for j, frame in enumerate(GENERIC_FRAMES):
            rates = np.array([_rates(fold_counts[f][frame]) for f in fold[mask]])
            raw = float(called[mask, j].mean())
            share = corrected(raw, tpr=float(rates[:, 0].mean()), fpr=float(rates[:, 1].mean()))
            rows.append(
                {
                    "group": group,
                    "frame": frame,
                    "n_articles": int(mask.sum()),
                    "true": round(float(Y[mask, j].mean()), 4),
                    "raw": round(raw, 4),
                    "corrected": share,
                }
            )
    return rows


def _mae(rows: list[dict[str, Any]]) -> dict[str, dict[str, float]]:
    table = pd.DataFrame(rows)
    out: dict[str, dict[str, float]] = {}
    for group, part in table.groupby("group", sort=False):
        out[str(group)] = {
            "raw": round(float((part["raw"] - part["true"]).abs().mean()), 4),
            "corrected": round(float((part["corrected"] - part["true"]).abs().mean()), 4),
        }
    return out


def frames_evaluation(folder: str | Path, *, folds: int = 5) -> dict[str, Any]:
    """Cross-validate the built-in recipe on a Narrative Frames folder (see the module docstring for what is scored)."""
    data = read_narrative_frames(folder)
    sample = coded_sample(data, folder=folder)
    texts, Y = list(sample.texts), sample.y
    ids = data.articles["article_id"].tolist()
    _, aux = recipe_auxiliary(data)
    recipe = cross_validate_frames(builtin_recipe(), texts, Y, aux=aux, folds=folds, seed=SEED)
    baseline = cross_validate_frames(builtin_recipe(**BASELINE), texts, Y, folds=folds, seed=SEED)
    scored = {
        name: score(sample, called, folds=folds, random_state=SEED)
        for name, called in (("recipe", recipe.called), ("all_present", np.ones_like(Y)), ("tfidf_lr", baseline.called))
    }
    model_alpha = scored["recipe"].as_dict()["krippendorff_alpha"]["model vs coded label"]
    alpha = {
        frame: {"model_vs_labels": model_alpha[frame], "coders": _alpha(_coder_matrix(data.coder_frames, ids, frame))}
        for frame in GENERIC_FRAMES
    }
    prevalence = _prevalence(data.articles["mbfc"], Y, recipe.called, recipe.fold, recipe.fold_counts)
    return {
        "dataset": "narrative_frames",
        "data": Path(folder).resolve().name,
        "n_articles": len(texts),
        "folds": folds,
        "seed": SEED,
        "recipe": pooled_scores(scored["recipe"]),
        "baselines": {name: pooled_scores(scored[name]) for name in ("all_present", "tfidf_lr")},
        "alpha": alpha,
        "prevalence": prevalence,
        "prevalence_mae": _mae(prevalence),
    }


def _interval(low: float | None, high: float | None) -> str:
    return "[" + ", ".join("-" if v is None else f"{v:.2f}" for v in (low, high)) + "]"


def _f1_lines(name: str, result: dict[str, Any]) -> list[str]:
    """The F1 per frame and the macro-F1, and beneath them their 95% intervals."""
    frames = [result["frames"][f] for f in GENERIC_FRAMES]
    values = " ".join(f"{v['f1']:>{_CELL}.3f}" for v in frames)
    intervals = " ".join(f"{_interval(v['f1_lower'], v['f1_upper']):>{_CELL}}" for v in frames)
    macro = _interval(*result["macro_f1_interval"])
    return [
        f"{name:22} {values} {result['macro_f1']:>{_CELL}.3f}",
        f"{'  95% interval':22} {intervals} {macro:>{_CELL}}",
    ]


def frames_table(report: dict[str, Any]) -> str:
    """The frames report as plain text: F1 table with intervals, alpha, prevalence before and after correction."""
    short = {"resolution": "RE", "human_interest": "HI", "conflict": "CO", "morality": "MO", "economic": "EC"}
    head = " ".join(f"{short[f]:>8}" for f in GENERIC_FRAMES)
    resamples = report["recipe"]["bootstrap_resamples"]
    lines = [
        f"Generic frames on {report['data']} ({report['n_articles']} articles), "
        f"{report['folds']}-fold cross-validation, pooled out-of-fold F1",
        f"(beneath each: its 95% interval from {resamples} bootstrap resamples of articles)",
        f"{'':22} " + " ".join(f"{short[f]:>{_CELL}}" for f in GENERIC_FRAMES) + f" {'macro-F1':>{_CELL}}",
        *_f1_lines("built-in recipe", report["recipe"]),
        *_f1_lines("baseline: all present", report["baselines"]["all_present"]),
        *_f1_lines("baseline: TF-IDF + LR", report["baselines"]["tfidf_lr"]),
        "",
        "Krippendorff's alpha (nominal)",
        f"{'':22} {head}",
    ]
    for key, name in (("model_vs_labels", "model vs labels"), ("coders", "between coders")):
        values = [report["alpha"][f][key] for f in GENERIC_FRAMES]
        lines.append(f"{name:22} " + " ".join("       -" if v is None else f"{v:>8.3f}" for v in values))
    lines += ["", "Prevalence: true / raw predicted / corrected (adjusted classify-and-count)"]
    rows = pd.DataFrame(report["prevalence"])
    for group, part in rows.groupby("group", sort=False):
        mae = report["prevalence_mae"][group]
        cells = "  ".join(
            f"{short[str(r.frame)]} {r.true:.2f}/{r.raw:.2f}/{r.corrected:.2f}" for r in part.itertuples(index=False)
        )
        lines.append(
            f"{group:20} n={part['n_articles'].iloc[0]:<4} {cells}  MAE {mae['raw']:.3f} -> {mae['corrected']:.3f}"
        )
    return "\n".join(lines)
