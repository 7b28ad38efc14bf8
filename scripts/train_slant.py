"""Train framing's slant model on BASIL's informational-bias labels and write framing/models/slant.json.

    .venv/bin/python scripts/train_slant.py ../shared/data/basil-dev

The model is a logistic regression over the interpretable sentence features
of :func:`framing.align.slant.sentence_features` (the sentence read alone
and against the story's other versions), trained on the years in
``TRAIN_YEARS`` only.  Positive class: a BASIL sentence holding an
informational-bias span (Fan et al. 2019); one row per BASIL sentence, with
the features of the framing sentence that covers most of it.

Choices are made by cross-validation grouped by story (a triplet's three
versions are always in the same fold), ``REPEATS`` times with fixed seeds:
the regularisation ``C`` from ``C_GRID`` with the best mean average
precision, then the decision threshold, the median over repeats of the
threshold with the best F1 on the out-of-fold scores.  The years in
``HELD_OUT_YEARS`` are read only after the model is fixed, to record its
held-out scores.  Reruns write the same bytes.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from importlib.metadata import version
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score, precision_recall_curve

from framing.align.slant import sentence_features
from framing.evaluate import basil_sentence_frame
from framing.models.slant import SLANT_FEATURES, SlantModel
from framing.read.datasets.basil import read_basil
from framing.run.pipeline import analyze
from framing.settings import settings_for

ROOT = Path(__file__).resolve().parents[1]
TRAIN_YEARS = ("2010", "2011", "2012")
HELD_OUT_YEARS = ("2013",)
C_GRID = (0.01, 0.1, 1.0)
FOLDS = 5
REPEATS = 4


def basil_rows(folder: str, years: tuple[str, ...]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Features, labels and story of every BASIL sentence of ``years`` that a framing sentence covers."""
    data = read_basil(folder, years=set(years))
    result = analyze(data.corpus, settings=settings_for(slant=False))
    story_of = dict(zip(result.articles["article_id"], result.articles["story"], strict=True))
    features = sentence_features(result.sentences, result.attributions, result.terms, story_of=story_of)
    gold = basil_sentence_frame(data, result)
    gold = gold[gold["framing_row"].notna()]
    rows = gold["framing_row"].astype(int).to_numpy()
    x = features.loc[rows, list(SLANT_FEATURES)].to_numpy(dtype=float)
    return x, gold["inf"].to_numpy(dtype=int), gold["article_id"].map(story_of).to_numpy()


def standardiser(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Means and scales of the columns of ``x`` (missing values left out; a constant column scales by 1)."""
    means = np.nanmean(x, axis=0)
    scales = np.nanstd(x, axis=0)
    scales[scales == 0] = 1.0
    return means, scales


def fit(x: np.ndarray, y: np.ndarray, c: float) -> SlantModel:
    """A slant model fitted on ``x`` and ``y`` (threshold and provenance filled in later)."""
    means, scales = standardiser(x)
    z = (np.where(np.isnan(x), means, x) - means) / scales
    model = LogisticRegression(C=c, class_weight="balanced", max_iter=5000).fit(z, y)
    return SlantModel(
        SLANT_FEATURES,
        tuple(round(float(v), 6) for v in means),
        tuple(round(float(v), 6) for v in scales),
        tuple(round(float(v), 6) for v in model.coef_[0]),
        round(float(model.intercept_[0]), 6),
        0.5,
        {},
    )


def score(model: SlantModel, x: np.ndarray) -> np.ndarray:
    means = np.asarray(model.means)
    z = (np.where(np.isnan(x), means, x) - means) / np.asarray(model.scales)
    return 1 / (1 + np.exp(-(z @ np.asarray(model.weights) + model.intercept)))


def best_f1(y: np.ndarray, p: np.ndarray) -> tuple[float, float]:
    """The best F1 over thresholds of ``p`` and that threshold."""
    precision, recall, thresholds = precision_recall_curve(y, p)
    f1 = 2 * precision * recall / np.maximum(precision + recall, 1e-12)
    best = int(np.argmax(f1[:-1]))
    return float(f1[best]), float(thresholds[best])


def prf(y: np.ndarray, p: np.ndarray, threshold: float) -> dict[str, float]:
    predicted = p >= threshold
    tp = float((predicted & (y == 1)).sum())
    precision = tp / float(predicted.sum()) if predicted.sum() else 0.0
    recall = tp / float(y.sum()) if y.sum() else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def grouped_folds(groups: np.ndarray, seed: int) -> np.ndarray:
    """The fold of every row: stories shuffled with ``seed`` and dealt into ``FOLDS`` folds."""
    stories = np.random.default_rng(seed).permutation(np.unique(groups))
    fold_of = {story: index % FOLDS for index, story in enumerate(stories)}
    return np.array([fold_of[g] for g in groups])


def out_of_fold(x: np.ndarray, y: np.ndarray, groups: np.ndarray, c: float) -> list[np.ndarray]:
    """Out-of-fold scores, one array per repeat of the grouped cross-validation."""
    repeats = []
    for seed in range(REPEATS):
        fold = grouped_folds(groups, seed)
        scores = np.zeros(len(y))
        for index in range(FOLDS):
            inside = fold != index
            scores[~inside] = score(fit(x[inside], y[inside], c), x[~inside])
        repeats.append(scores)
    return repeats


def cross_validate(x: np.ndarray, y: np.ndarray, groups: np.ndarray) -> tuple[float, float, dict]:
    """The chosen C and threshold, and the cross-validated scores (means over repeats)."""
    table = {}
    for c in C_GRID:
        repeats = out_of_fold(x, y, groups, c)
        table[c] = (float(np.mean([average_precision_score(y, s) for s in repeats])), repeats)
        print(f"  C={c}: grouped-CV AP {table[c][0]:.3f}")
    c = max(C_GRID, key=lambda value: (round(table[value][0], 4), -value))
    repeats = table[c][1]
    best = [best_f1(y, s) for s in repeats]
    threshold = round(float(np.median([t for _, t in best])), 4)
    at = [prf(y, s, threshold) for s in repeats]
    scores = {
        "folds": FOLDS,
        "repeats": REPEATS,
        "grouped_by": "story (triplet)",
        "average_precision": round(table[c][0], 4),
        "best_f1": round(float(np.mean([f for f, _ in best])), 4),
        **{k: round(float(np.mean([a[k] for a in at])), 4) for k in ("precision", "recall", "f1")},
        "all_positive_f1": round(float(2 * y.mean() / (1 + y.mean())), 4),
    }
    return c, threshold, scores


def main(folder: str) -> None:
    x, y, groups = basil_rows(folder, TRAIN_YEARS)
    print(f"training years {', '.join(TRAIN_YEARS)}: {len(y)} sentences, {int(y.sum())} positive")
    c, threshold, cv = cross_validate(x, y, groups)
    model = fit(x, y, c)
    hx, hy, _ = basil_rows(folder, HELD_OUT_YEARS)
    held = score(model, hx)
    held_out = {
        "years": list(HELD_OUT_YEARS),
        "sentences": len(hy),
        "positives": int(hy.sum()),
        "average_precision": round(float(average_precision_score(hy, held)), 4),
        **prf(hy, held, threshold),
        "all_positive_f1": round(float(2 * hy.mean() / (1 + hy.mean())), 4),
    }
    provenance = {
        "data": "BASIL dev (Fan et al., EMNLP 2019), informational-bias sentences",
        "years": list(TRAIN_YEARS),
        "sentences": len(y),
        "positives": int(y.sum()),
        "model": f"scikit-learn {version('scikit-learn')} LogisticRegression(C={c}, class_weight='balanced')",
        "chosen_by": f"C from {list(C_GRID)} by grouped-CV average precision; threshold: median best-F1 threshold",
        "cross_validation": cv,
        "held_out": held_out,
        "script": "scripts/train_slant.py",
    }
    slant = replace(model, threshold=threshold, provenance=provenance)
    path = ROOT / "framing" / "models" / "slant.json"
    path.write_text(slant.to_json(), encoding="utf-8")
    print(f"wrote {path.relative_to(ROOT)}: C {c}, threshold {threshold}")
    print(f"grouped CV {', '.join(TRAIN_YEARS)}: {cv}")
    print(f"held out {', '.join(HELD_OUT_YEARS)}: {held_out}")
    for name, weight in sorted(zip(SLANT_FEATURES, model.weights, strict=True), key=lambda item: -abs(item[1])):
        print(f"  {name:24} {weight:+.3f}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else str(ROOT.parent / "shared" / "data" / "basil-dev"))
