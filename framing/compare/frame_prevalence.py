"""How often each group uses each frame, corrected for the frame model's measured errors.

Counting the articles a classifier calls present (``raw_share``) is biased
whenever the classifier errs: a frame called at a low threshold is overcounted,
a rare frame missed is undercounted.  With the model's sensitivity ``tpr``
(share of coded-present articles it calls present) and false-positive rate
``fpr`` (share of coded-absent articles it calls present), measured by
cross-validation when the model was trained (``frame_errors.csv``), the
**adjusted classify-and-count** estimate (Forman 2008; Hopkins & King 2010)
is ``(raw_share - fpr) / (tpr - fpr)``, clipped to [0, 1].

The interval resamples whole stories within the group (articles of one story
are not independent) and, in the same replicate, the validation counts
behind ``tpr`` and ``fpr`` (binomially), so it carries both the sampling of
articles and the uncertainty of the error rates.  Contrasts between groups
are the ``frame_*`` measures of ``comparisons.csv`` (:func:`frame_measures`):
each article counts ``(present - fpr) / (tpr - fpr)``, so a group's mean is
its corrected share, and the story-matched test of the difference is the
test of the raw difference, which does not depend on the error rates.

A model trained on coded paragraphs (``unit`` ``paragraph`` in
``frame_errors.csv``) is validated on paragraphs, so its prevalence is the
share of body paragraphs, still resampled story by story.

A hand-computed case: 6 of 10 articles called present, tpr 0.8, fpr 0.2:
(0.6 − 0.2) / (0.8 − 0.2) = 0.667.

>>> round(adjusted_share(0.6, tpr=0.8, fpr=0.2), 3)
0.667
>>> adjusted_share(0.1, tpr=0.8, fpr=0.2)
0.0
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from framing.compare.grouping import MAX_GROUPS
from framing.compare.measures import Measure, article_groups, group_order
from framing.compare.pairs import article_info
from framing.compare.stats import BOOTSTRAP_RESAMPLES, BOOTSTRAP_SEED, percentile_interval
from framing.contract import TableSource, tables_of

__all__ = [
    "MIN_SEPARATION",
    "PREVALENCE_COLUMNS",
    "adjusted_share",
    "article_frames",
    "error_rates",
    "frame_measures",
    "frame_prevalence",
    "model_unit",
]

#: Below this ``tpr - fpr`` the model barely tells a frame's presence from its absence and the correction would
#: divide by almost nothing: the raw share is given, and ``method`` says so.
MIN_SEPARATION = 0.1

#: The columns of ``frame_prevalence.csv``; ``unit`` says what the shares count: ``articles``, or ``paragraphs``
#: for a model trained on coded paragraphs (``framing frames train --unit paragraph``).
PREVALENCE_COLUMNS = ["group", "frame", "prevalence", "lower", "upper", "raw_share", "method", "n_articles", "unit"]

ACC = "adjusted classify-and-count"


def adjusted_share(raw_share: float | np.ndarray, *, tpr: Any, fpr: Any) -> Any:
    """The share corrected for misclassification, ``(raw_share - fpr) / (tpr - fpr)`` clipped to [0, 1]."""
    with np.errstate(divide="ignore", invalid="ignore"):
        corrected = (np.asarray(raw_share, dtype=float) - fpr) / (np.asarray(tpr, dtype=float) - fpr)
    clipped = np.clip(corrected, 0.0, 1.0)
    return float(clipped) if np.ndim(clipped) == 0 else clipped


def model_unit(tables: Mapping[str, pd.DataFrame]) -> str:
    """What the frame model was trained and validated on (``frame_errors``' ``unit``): ``article`` or ``paragraph``."""
    errors = tables.get("frame_errors")
    if errors is None or errors.empty or "unit" not in errors.columns:
        return "article"
    return "paragraph" if str(errors["unit"].iloc[0]) == "paragraph" else "article"


def article_frames(tables: Mapping[str, pd.DataFrame], unit: str = "article") -> pd.DataFrame:
    """The calls of ``frames`` at ``unit``: its article rows (paragraph empty), or its paragraph rows, as
    ``article_id``, ``frame`` and ``present`` (0/1)."""
    frames = tables.get("frames")
    if frames is None or frames.empty:
        return pd.DataFrame(columns=["article_id", "frame", "present"])
    rows = frames[frames["paragraph"].isna() if unit == "article" else frames["paragraph"].notna()]
    present = rows["present"].map(lambda v: str(v).strip().lower() in ("true", "1", "1.0")).astype(float)
    return pd.DataFrame(
        {
            "article_id": rows["article_id"].astype(str).to_numpy(),
            "frame": rows["frame"].astype(str).to_numpy(),
            "present": present.to_numpy(),
        }
    )


def error_rates(tables: Mapping[str, pd.DataFrame]) -> dict[str, tuple[int, int, int, int]]:
    """Each frame's validation counts ``(tp, fn, fp, tn)`` from ``frame_errors``; frames without counts are left out."""
    errors = tables.get("frame_errors")
    if errors is None or errors.empty:
        return {}
    counts = {}
    for row in errors.to_dict("records"):
        values = [row.get(k) for k in ("true_positives", "false_negatives", "false_positives", "true_negatives")]
        if all(v is not None and pd.notna(v) and str(v) != "" for v in values):
            tp, fn, fp, tn = (int(float(str(v))) for v in values)
            if tp + fn and fp + tn:
                counts[str(row["frame"])] = (tp, fn, fp, tn)
    return counts


def _rates(counts: tuple[int, int, int, int] | None) -> tuple[float, float] | None:
    if counts is None:
        return None
    tp, fn, fp, tn = counts
    tpr, fpr = tp / (tp + fn), fp / (fp + tn)
    return (tpr, fpr) if tpr - fpr >= MIN_SEPARATION else None


def frame_prevalence(
    data: TableSource,
    by: str = "source",
    *,
    groups: Mapping[str, Sequence[str]] | None = None,
    level: float = 0.95,
    resamples: int = BOOTSTRAP_RESAMPLES,
    max_groups: int | None = MAX_GROUPS,
    seed: int = BOOTSTRAP_SEED,
) -> pd.DataFrame:
    """Each group's corrected prevalence of each frame with its interval (``frame_prevalence.csv``).

    ``method`` is ``adjusted classify-and-count`` when the model's error
    rates are known and separate presence from absence, else ``raw share``
    with the reason.  Empty (with its columns) when the run has no frames.
    """
    tables = tables_of(data)
    unit = model_unit(tables)
    calls = article_frames(tables, unit)
    if calls.empty:
        return pd.DataFrame(columns=PREVALENCE_COLUMNS)
    labels = article_groups(tables, by, groups, max_groups=max_groups)
    stories = article_info(tables["articles"])["story"]
    counts = error_rates(tables)
    rng = np.random.default_rng(seed)
    rows = []
    for frame_name in dict.fromkeys(calls["frame"]):
        chosen = calls[calls["frame"] == frame_name].set_index("article_id")["present"]
        for group in group_order(labels):
            members = chosen[chosen.index.isin(labels.index[labels == group])]
            row = _prevalence_row(group, frame_name, members, stories, counts.get(frame_name), rng, level, resamples)
            rows.append({**row, "n_articles": int(members.index.nunique()), "unit": f"{unit}s"})
    return pd.DataFrame(rows, columns=PREVALENCE_COLUMNS)


def _prevalence_row(
    group: str,
    frame_name: str,
    present: pd.Series,
    stories: pd.Series,
    counts: tuple[int, int, int, int] | None,
    rng: np.random.Generator,
    level: float,
    resamples: int,
) -> dict[str, Any]:
    n = len(present)
    raw = float(present.mean()) if n else float("nan")
    row = {"group": group, "frame": frame_name, "raw_share": _round(raw), "n_articles": n}
    rates = _rates(counts)
    if counts is None:
        method = "raw share (the model has no measured error rates)"
    elif rates is None:
        method = f"raw share (the model's tpr - fpr is below {MIN_SEPARATION}: too weak to correct)"
    else:
        method = ACC
    if n == 0:
        return {**row, "prevalence": float("nan"), "lower": float("nan"), "upper": float("nan"), "method": method}
    story_of = stories.reindex(present.index).fillna("").to_numpy()
    _, codes = np.unique(story_of, return_inverse=True)
    sums = np.bincount(codes, weights=present.to_numpy())
    sizes = np.bincount(codes).astype(float)
    picks = rng.integers(0, sums.size, size=(resamples, sums.size))
    shares = sums[picks].sum(axis=1) / sizes[picks].sum(axis=1)
    if rates is None or counts is None:
        estimate, samples = raw, shares
    else:
        tp, fn, fp, tn = counts
        tpr = rng.binomial(tp + fn, rates[0], size=resamples) / (tp + fn)
        fpr = rng.binomial(fp + tn, rates[1], size=resamples) / (fp + tn)
        estimate = adjusted_share(raw, tpr=rates[0], fpr=rates[1])
        samples = adjusted_share(shares, tpr=tpr, fpr=fpr)
        samples = np.where(tpr - fpr > 0, samples, np.nan)
    lower, upper = percentile_interval(samples[~np.isnan(samples)], level) if n > 1 else (float("nan"), float("nan"))
    return {**row, "prevalence": _round(estimate), "lower": _round(lower), "upper": _round(upper), "method": method}


def _round(value: float) -> float:
    return value if value != value else round(float(value), 6)


def frame_measures(data: TableSource) -> dict[str, Measure]:
    """A ``frame_NAME`` measure per frame of the run's ``frames`` table, for :func:`~framing.compare.comparisons`:
    each article counts ``(present - fpr) / (tpr - fpr)``, so group means are corrected shares (raw shares when
    the error rates are unknown or too weak)."""
    tables = tables_of(data)
    unit = model_unit(tables)
    calls = article_frames(tables, unit)
    counts = error_rates(tables)
    measures = {}
    for frame_name in dict.fromkeys(calls["frame"]):
        rates = _rates(counts.get(frame_name))
        how = "corrected for the frame model's errors (adjusted classify-and-count)" if rates else "as called"
        measures[f"frame_{frame_name}"] = Measure(
            f"frame_{frame_name}",
            f"share of {unit}s with the {frame_name.replace('_', ' ')} frame, {how}",
            f"{unit}s",
            "share",
            _frame_units(frame_name, rates, unit),
        )
    return measures


def _frame_units(frame_name: str, rates: tuple[float, float] | None, unit: str) -> Any:
    def units(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
        calls = article_frames(tables, unit)
        chosen = calls[calls["frame"] == frame_name]
        values = chosen["present"].to_numpy(dtype=float)
        if rates is not None:
            values = (values - rates[1]) / (rates[0] - rates[1])
        return pd.DataFrame({"article_id": chosen["article_id"].to_numpy(), "numerator": values, "denominator": 1.0})

    return units
