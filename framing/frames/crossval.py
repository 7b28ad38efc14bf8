"""Cross-validate a frame classifier on coded texts: per-frame precision, recall and F1 with intervals, agreement.

:func:`validate` predicts every coded text with a model that never saw it
(out-of-fold, ``folds`` folds, stratified by label; an article's paragraphs stay
in one fold) and :func:`score` turns those predictions into the numbers a
content analysis reports: per-frame precision, recall and F1 with 95%
bootstrap intervals (resampling texts, or articles when paragraphs are
grouped), macro-F1, Krippendorff's alpha (nominal) between the model and the
coded labels, each coder and among the coders, a confusion table, the error
counts that prevalence correction needs, and warnings when a frame has too
few examples.

The rule for "too few": a frame needs at least :data:`MIN_EXAMPLES` coded
texts with it and as many without it, and at least :data:`PER_TEST_FOLD` of
each per test fold (``4 * folds``), whichever is more: 20 for 5 folds.  Fewer
and its F1 swings by tens of points between resamples, and the classifier has
too few words of it to learn from.

>>> import numpy as np
>>> from framing.frames.coded import CodedSample
>>> gold = np.array(["a", "a", "a", "b", "b", "b"], dtype=object)
>>> sample = CodedSample("x.csv", ("t",) * 6, ("a", "b"), gold, False)
>>> result = score(sample, np.array(["a", "a", "b", "b", "b", "a"], dtype=object), folds=2)
>>> round(result.scores["a"]["f1"], 3), result.error_counts["a"]
(0.667, {'tp': 2, 'fn': 1, 'fp': 1, 'tn': 2})
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import krippendorff
import numpy as np
from sklearn.base import clone
from sklearn.model_selection import StratifiedGroupKFold, StratifiedKFold

from framing.frames.coded import CodedSample
from framing.problems import FramingError

__all__ = ["MIN_EXAMPLES", "N_BOOT", "PER_TEST_FOLD", "Validation", "nominal_alpha", "out_of_fold", "score", "validate"]

#: Coded texts a frame needs, with it and without it, to be learnt and validated.
MIN_EXAMPLES = 20
#: ... and at least this many of each in every test fold.
PER_TEST_FOLD = 4
#: Bootstrap resamples behind every interval.
N_BOOT = 1000
_METRICS = ("precision", "recall", "f1")
_HEADINGS = {"precision": "precision", "recall": "recall", "f1": "F1"}


@dataclass(frozen=True)
class Validation:
    """Cross-validated scores of a frame classifier on a coded sample (see the module's docstring)."""

    path: str
    labels: tuple[str, ...]
    multi_label: bool
    unit: str
    n_units: int
    n_groups: int | None
    folds: int
    random_state: int
    n_boot: int
    scores: dict[str, dict[str, float]]
    macro_f1: dict[str, float]
    alpha: dict[str, dict[str, float]]
    confusion: dict[str, dict[str, int]] | None
    error_counts: dict[str, dict[str, int]]
    warnings: tuple[str, ...]
    predictions: np.ndarray = field(repr=False, compare=False)

    def as_dict(self) -> dict[str, Any]:
        """The numbers as plain JSON values (rounded to 4 decimals; ``None`` where undefined)."""
        return {
            "file": _short(self.path),
            "unit": self.unit,
            "n_units": self.n_units,
            "n_articles": self.n_groups,
            "multi_label": self.multi_label,
            "labels": list(self.labels),
            "folds": self.folds,
            "random_state": self.random_state,
            "bootstrap_resamples": self.n_boot,
            "per_frame": {frame: _rounded(values) for frame, values in self.scores.items()},
            "macro_f1": _rounded(self.macro_f1),
            "krippendorff_alpha": {name: _rounded(values) for name, values in self.alpha.items()},
            "confusion": self.confusion,
            "error_counts": self.error_counts,
            "warnings": list(self.warnings),
        }

    def table(self) -> str:
        """The scores for the terminal: per frame, agreement, confusion, error counts and warnings."""
        units = f"{self.unit}s" if self.n_groups is None else f"{self.unit}s of {self.n_groups} articles"
        resampled = "articles" if self.n_groups is not None else f"{self.unit}s"
        lines = [
            f"cross-validation of {_short(self.path)}: {self.folds} folds over {self.n_units} {units}; "
            f"[95% intervals] from {self.n_boot} bootstrap resamples of {resampled}",
            *self._score_lines(),
            "",
            *self._alpha_lines(),
            "",
            *self._confusion_lines(),
        ]
        if self.warnings:
            lines += ["", "warnings", *(f"  - {text}" for text in self.warnings)]
        return "\n".join(line.rstrip() for line in lines)

    def _width(self) -> int:
        return max(12, *(len(label) for label in self.labels))

    def _score_lines(self) -> list[str]:
        width = self._width()
        header = f"{'frame':{width}} {'coded':>6} {'predicted':>9}  " + "  ".join(
            f"{_HEADINGS[m]:18}" for m in _METRICS
        )
        lines = [header]
        for frame in self.labels:
            values = self.scores[frame]
            cells = "  ".join(_interval(values, metric) for metric in _METRICS)
            lines.append(f"{frame:{width}} {int(values['coded']):6d} {int(values['predicted']):9d}  {cells}")
        lines.append(f"{'macro-F1':{width}} {'':6} {'':9}  {'':18}  {'':18}  {_interval(self.macro_f1, '')}")
        return lines

    def _alpha_lines(self) -> list[str]:
        width = max(28, *(len(name) for name in self.alpha))
        columns = ["all", *self.labels]
        lines = [
            "Krippendorff's alpha (nominal; 1 = perfect agreement, 0 = chance)",
            f"  {'':{width}} " + " ".join(f"{c[:10]:>10}" for c in columns),
        ]
        for name, values in self.alpha.items():
            lines.append(f"  {name:{width}} " + " ".join(f"{_number(values.get(c)):>10}" for c in columns))
        return lines

    def _confusion_lines(self) -> list[str]:
        width = self._width()
        lines = []
        if self.confusion is not None:
            lines.append("confusion (rows: coded label, columns: predicted, out of fold)")
            lines.append(f"  {'':{width}} " + " ".join(f"{c[:10]:>10}" for c in self.labels))
            for frame in self.labels:
                row = self.confusion[frame]
                lines.append(f"  {frame:{width}} " + " ".join(f"{row[c]:10d}" for c in self.labels))
            lines.append("")
        lines.append("error counts per frame, out of fold (used to correct prevalence)")
        lines.append(f"  {'frame':{width}} {'tp':>6} {'fn':>6} {'fp':>6} {'tn':>6}")
        for frame in self.labels:
            counts = self.error_counts[frame]
            lines.append(f"  {frame:{width}} " + " ".join(f"{counts[k]:6d}" for k in ("tp", "fn", "fp", "tn")))
        return lines


def _short(path: str) -> str:
    return path.replace("\\", "/").rsplit("/", 1)[-1]


def _number(value: float | None) -> str:
    return "-" if value is None or not np.isfinite(value) else f"{value:.2f}"


def _interval(values: dict[str, float], metric: str) -> str:
    key = metric or "value"
    prefix = f"{metric}_" if metric else ""
    return f"{values[key]:.2f} [{_number(values[prefix + 'lower'])}, {_number(values[prefix + 'upper'])}]".ljust(18)


def _rounded(values: dict[str, float]) -> dict[str, float | int | None]:
    out: dict[str, float | int | None] = {}
    for key, value in values.items():
        if value is None or not np.isfinite(value):
            out[key] = None
        elif key in ("coded", "predicted"):
            out[key] = int(value)
        else:
            out[key] = round(float(value), 4)
    return out


def validate(
    estimator: Any, sample: CodedSample, *, folds: int = 5, random_state: int = 0, n_boot: int = N_BOOT
) -> Validation:
    """Cross-validate ``estimator`` (any scikit-learn classifier of texts) on ``sample``.

    Each text is predicted by a clone of ``estimator`` fitted on the other
    folds; :func:`score` then gives the numbers.  Same ``random_state``, same
    folds and intervals, run after run.
    """
    predicted = out_of_fold(estimator, sample, folds=folds, random_state=random_state)
    return score(sample, predicted, folds=folds, random_state=random_state, n_boot=n_boot)


def out_of_fold(estimator: Any, sample: CodedSample, *, folds: int = 5, random_state: int = 0) -> np.ndarray:
    """The prediction of every text of ``sample`` by a clone of ``estimator`` that was not fitted on it."""
    texts = list(sample.texts)
    predicted = np.zeros_like(sample.y) if sample.multi_label else np.empty(len(texts), dtype=object)
    for train, test in _splits(sample, folds, random_state):
        _check_training_fold(sample, train, folds)
        model = clone(estimator).fit([texts[i] for i in train], sample.y[train])
        predicted[test] = np.asarray(model.predict([texts[i] for i in test]), dtype=predicted.dtype)
    return predicted


def _splits(sample: CodedSample, folds: int, random_state: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """Stratified folds (by label; multi-label: by each text's rarest frame), grouped by article when given."""
    if folds < 2:
        raise FramingError(f"{sample.path}: --folds must be at least 2, not {folds}")
    n_units = len(sample) if sample.groups is None else len(set(sample.groups.tolist()))
    if n_units < folds:
        what = "texts" if sample.groups is None else "articles"
        raise FramingError(
            f"{sample.path} has {n_units} {what}, too few for {folds}-fold cross-validation; code more or use fewer "
            "--folds"
        )
    strata = _strata(sample)
    positions = np.arange(len(sample))
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="The least populated class", category=UserWarning)
        if sample.groups is None:
            splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=random_state)
            return list(splitter.split(positions, strata))
        grouped = StratifiedGroupKFold(n_splits=folds, shuffle=True, random_state=random_state)
        return list(grouped.split(positions, strata, sample.groups))


def _strata(sample: CodedSample) -> np.ndarray:
    if not sample.multi_label:
        return np.asarray([str(label) for label in sample.y])
    counts = sample.y.sum(axis=0)
    order = np.argsort(counts, kind="stable")  # rarest frame first
    strata = []
    for row in sample.y:
        present = [index for index in order if row[index]]
        strata.append(sample.labels[present[0]] if present else "")
    return np.asarray(strata)


def _check_training_fold(sample: CodedSample, train: np.ndarray, folds: int) -> None:
    """One line naming the frame when a training fold has texts of one class only: it cannot be learnt."""
    if sample.multi_label:
        present = sample.y[train].sum(axis=0)
        for index, label in enumerate(sample.labels):
            if present[index] in (0, len(train)):
                coded = int(sample.y[:, index].sum())
                few = min(coded, len(sample) - coded)
                side = "texts with it" if coded == few else "texts without it"
                raise FramingError(
                    f"{sample.path}: frame {label!r} has only {few} {side}, too few for {folds}-fold cross-validation; "
                    f"code at least {_needed(folds) - few} more, or use fewer --folds"
                )
    elif len(set(sample.y[train].tolist())) < 2:
        raise FramingError(
            f"{sample.path}: a training fold has one label only; code more texts of each label or use fewer --folds"
        )


def _needed(folds: int) -> int:
    return max(MIN_EXAMPLES, PER_TEST_FOLD * folds)


def score(
    sample: CodedSample, predicted: np.ndarray, *, folds: int, random_state: int = 0, n_boot: int = N_BOOT
) -> Validation:
    """The validation numbers of out-of-fold ``predicted`` codes (same form as ``sample.y``) against the coded ones."""
    gold = sample.indicator()
    guess = sample.indicator(predicted)
    counts = np.stack([gold * guess, gold * (1 - guess), (1 - gold) * guess, (1 - gold) * (1 - guess)], axis=1)
    totals = counts.sum(axis=0).astype(int)  # (4, k): tp, fn, fp, tn
    error_counts = {
        frame: {key: int(totals[row, index]) for row, key in enumerate(("tp", "fn", "fp", "tn"))}
        for index, frame in enumerate(sample.labels)
    }
    replicates = _bootstrap(counts, sample.groups, n_boot, random_state)
    point = _metrics(totals[None].astype(float))
    scores: dict[str, dict[str, float]] = {}
    for index, frame in enumerate(sample.labels):
        values = {
            "coded": float(totals[0, index] + totals[1, index]),
            "predicted": float(totals[0, index] + totals[2, index]),
        }
        for metric in _METRICS:
            low, high = _percentiles(replicates[metric][:, index])
            values |= {metric: float(point[metric][0, index]), f"{metric}_lower": low, f"{metric}_upper": high}
        scores[frame] = values
    with np.errstate(invalid="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # a resample where every frame's F1 is undefined
        macro = np.nanmean(replicates["f1"], axis=1)
    low, high = _percentiles(macro)
    return Validation(
        path=sample.path,
        labels=sample.labels,
        multi_label=sample.multi_label,
        unit=sample.unit,
        n_units=len(sample),
        n_groups=None if sample.groups is None else len(set(sample.groups.tolist())),
        folds=folds,
        random_state=random_state,
        n_boot=n_boot,
        scores=scores,
        macro_f1={"value": float(point["f1"].mean()), "lower": float(low), "upper": float(high)},
        alpha=_alphas(sample, predicted),
        confusion=None if sample.multi_label else _confusion(sample.y, predicted, sample.labels),
        error_counts=error_counts,
        warnings=_warnings(sample, totals, folds),
        predictions=predicted,
    )


def _percentiles(values: np.ndarray) -> tuple[float, float]:
    """The 2.5th and 97.5th percentiles of the defined ``values`` (NaN when none is)."""
    defined = values[np.isfinite(values)]
    if not len(defined):
        return float("nan"), float("nan")
    low, high = np.percentile(defined, [2.5, 97.5])
    return float(low), float(high)


def _bootstrap(counts: np.ndarray, groups: np.ndarray | None, n_boot: int, seed: int) -> dict[str, np.ndarray]:
    """Each metric per frame in ``n_boot`` resamples of the units (of whole articles when ``groups`` is given)."""
    if groups is not None:
        _, codes = np.unique(groups.astype(str), return_inverse=True)
        units = np.zeros((int(codes.max()) + 1, *counts.shape[1:]))
        np.add.at(units, codes, counts)
        counts = units
    rng = np.random.default_rng(seed)
    n = len(counts)
    sums = np.empty((n_boot, *counts.shape[1:]))
    for b in range(n_boot):
        weights = np.bincount(rng.integers(0, n, n), minlength=n)
        sums[b] = np.tensordot(weights, counts, axes=1)
    return _metrics(sums, undefined=np.nan)  # a resample without a predicted (or coded) text says nothing


def _metrics(sums: np.ndarray, undefined: float = 0.0) -> dict[str, np.ndarray]:
    """Precision, recall and F1 from summed ``(r, 4, k)`` counts (tp, fn, fp, tn); ``undefined`` where 0/0."""
    tp, fn, fp = sums[:, 0], sums[:, 1], sums[:, 2]
    return {
        "precision": _ratio(tp, tp + fp, undefined),
        "recall": _ratio(tp, tp + fn, undefined),
        "f1": _ratio(2 * tp, 2 * tp + fp + fn, undefined),
    }


def _ratio(top: np.ndarray, bottom: np.ndarray, undefined: float) -> np.ndarray:
    return np.divide(top, bottom, out=np.full(top.shape, undefined), where=bottom > 0)


def _confusion(gold: np.ndarray, predicted: np.ndarray, labels: Sequence[str]) -> dict[str, dict[str, int]]:
    table = {row: dict.fromkeys(labels, 0) for row in labels}
    for coded, guess in zip(gold, predicted, strict=True):
        table[coded][guess] += 1
    return table


def nominal_alpha(rows: Sequence[np.ndarray]) -> float:
    """Krippendorff's alpha (nominal) of ``rows`` (one per coder, NaN where not coded); NaN when undefined.

    >>> round(nominal_alpha([np.array([1, 1, 0, 0.0]), np.array([1, 0, 0, 0.0])]), 4)
    0.5333
    """
    data = np.vstack([np.asarray(row, dtype=float) for row in rows])
    if len(np.unique(data[~np.isnan(data)])) < 2:
        return float("nan")  # every answer the same: agreement by chance cannot be told from agreement
    with np.errstate(divide="ignore", invalid="ignore"):
        try:
            return float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))
        except (ValueError, ZeroDivisionError):
            return float("nan")


def _alphas(sample: CodedSample, predicted: np.ndarray) -> dict[str, dict[str, float]]:
    """Alpha per frame (present or not) and over all frames, model against the labels and each coder, and coders."""
    model = _for_alpha(sample, predicted)
    out = {"model vs coded label": _alpha_row([_for_alpha(sample, sample.y), model], sample.labels)}
    coders = {name: _for_alpha(sample, codes) for name, codes in sample.coders.items()}
    for name, codes in coders.items():
        out[f"model vs {name}"] = _alpha_row([codes, model], sample.labels)
    if len(coders) >= 2:
        out[f"between coders ({', '.join(coders)})"] = _alpha_row(list(coders.values()), sample.labels)
    return out


def _for_alpha(sample: CodedSample, codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``(indicator (n, k), nominal code per unit)``: single-label codes are label indices, NaN where not coded."""
    indicator = sample.indicator(codes)
    if sample.multi_label:
        return indicator, indicator.ravel()
    index = {label: float(i) for i, label in enumerate(sample.labels)}
    return indicator, np.array([index[c] if c is not None else np.nan for c in codes])


def _alpha_row(coders: list[tuple[np.ndarray, np.ndarray]], labels: Sequence[str]) -> dict[str, float]:
    row = {"all": nominal_alpha([nominal for _, nominal in coders])}
    for index, frame in enumerate(labels):
        row[frame] = nominal_alpha([indicator[:, index] for indicator, _ in coders])
    return row


def _warnings(sample: CodedSample, totals: np.ndarray, folds: int) -> tuple[str, ...]:
    """Frames with too few examples (and how many more to code), frames never predicted, ungrouped paragraphs."""
    need = _needed(folds)
    out = []
    for index, frame in enumerate(sample.labels):
        coded = int(totals[0, index] + totals[1, index])
        without = len(sample) - coded
        if coded < need:
            out.append(
                f"frame {frame!r} has {coded} coded {sample.unit}s; code at least {need - coded} more with it "
                f"({need} are needed to learn it and validate it with {folds} folds)"
            )
        if without < need:
            out.append(
                f"frame {frame!r} is missing from only {without} coded {sample.unit}s; code at least {need - without} "
                f"more without it ({need} are needed to validate it with {folds} folds)"
            )
        if totals[0, index] + totals[2, index] == 0:
            out.append(f"the model never predicted {frame!r} out of fold; its precision is undefined (shown as 0)")
    if sample.unit == "paragraph" and sample.groups is None:
        out.append(
            "paragraphs are not grouped by article (--article-column): paragraphs of one article may fall in both "
            "training and test folds, which flatters the scores"
        )
    return tuple(out)
