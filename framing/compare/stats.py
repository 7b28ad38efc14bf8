"""Statistics with uncertainty: intervals, tests, corrections, effect sizes and distinctive words.

Small functions on arrays, each returning plain numbers, so that a student
can check them by hand; :mod:`framing.compare` applies them to a result.
Resampling uses a fixed seed, so every run gives the same numbers.

>>> low, high = bootstrap_mean_ci([0.1, 0.2, 0.3, 0.4])
>>> 0.1 <= low <= 0.25 <= high <= 0.4
True
>>> bh_qvalues([0.01, 0.04, 0.03]).round(3).tolist()
[0.03, 0.04, 0.04]
"""

from __future__ import annotations

import itertools
import math
from functools import lru_cache
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

__all__ = [
    "BOOTSTRAP_RESAMPLES",
    "BOOTSTRAP_SEED",
    "MIN_EXPECTED",
    "PERMUTATION_RESAMPLES",
    "bh_qvalues",
    "bootstrap_mean_ci",
    "bootstrap_ratio_ci",
    "cohens_h",
    "count_test",
    "hedges_g",
    "log_odds_dirichlet",
    "percentile_interval",
    "permutation_ratio_test",
]

#: Fixed seed and resample counts: intervals and p-values are the same on every run.
BOOTSTRAP_SEED = 20231122
BOOTSTRAP_RESAMPLES = 2000
PERMUTATION_RESAMPLES = 9999
#: Chi-square is used only when every expected count is at least this (Cochran's rule); else an exact test.
MIN_EXPECTED = 5.0


def bootstrap_ratio_ci(
    numerators: ArrayLike,
    denominators: ArrayLike | None = None,
    *,
    level: float = 0.95,
    resamples: int = BOOTSTRAP_RESAMPLES,
    seed: int = BOOTSTRAP_SEED,
) -> tuple[float, float]:
    """Percentile bootstrap interval of ``sum(numerators) / sum(denominators)``, resampling units.

    Each unit (a sentence, a paragraph, an article) is drawn with its numerator
    and denominator together; without denominators this is the interval of the
    mean.  Fewer than two units give ``(nan, nan)``: there is no spread to measure.

    >>> bootstrap_ratio_ci([1, 1, 1], [2, 2, 2])
    (0.5, 0.5)
    """
    num = np.asarray(numerators, dtype=float)
    den = np.ones_like(num) if denominators is None else np.asarray(denominators, dtype=float)
    keep = ~(np.isnan(num) | np.isnan(den))
    num, den = num[keep], den[keep]
    if num.size < 2 or den.sum() == 0:
        return float("nan"), float("nan")
    rng = np.random.default_rng(seed)
    picks = rng.integers(0, num.size, size=(resamples, num.size))
    totals = den[picks].sum(axis=1)
    ratios = np.divide(num[picks].sum(axis=1), totals, out=np.full(resamples, np.nan), where=totals > 0)
    return percentile_interval(ratios, level)


def percentile_interval(samples: np.ndarray, level: float = 0.95) -> tuple[float, float]:
    """The middle ``level`` of bootstrap ``samples`` (missing ones ignored); ``(nan, nan)`` when all are missing.

    >>> percentile_interval(np.arange(101.0), 0.5)
    (25.0, 75.0)
    """
    if np.isnan(samples).all():
        return float("nan"), float("nan")
    tail = (1 - level) / 2
    low, high = np.nanquantile(samples, [tail, 1 - tail])
    return float(low), float(high)


def bootstrap_mean_ci(
    values: ArrayLike,
    *,
    level: float = 0.95,
    resamples: int = BOOTSTRAP_RESAMPLES,
    seed: int = BOOTSTRAP_SEED,
) -> tuple[float, float]:
    """Percentile bootstrap interval of the mean; ``(nan, nan)`` with fewer than two values."""
    return bootstrap_ratio_ci(values, level=level, resamples=resamples, seed=seed)


def permutation_ratio_test(
    numerators_a: ArrayLike,
    denominators_a: ArrayLike,
    numerators_b: ArrayLike,
    denominators_b: ArrayLike,
    *,
    resamples: int = PERMUTATION_RESAMPLES,
    seed: int = BOOTSTRAP_SEED,
) -> tuple[float, float]:
    """Difference of two ratios of sums and its two-sided permutation p-value.

    Units are shuffled between the groups.  When there are no more distinct
    splits than ``resamples``, every split is enumerated and the p-value is
    exact; otherwise it is ``(1 + hits) / (1 + resamples)`` over random
    splits.  Two-sided as in scipy's ``permutation_test``: twice the smaller
    tail, at most 1.  Returns ``(difference, p_value)``; the p-value is nan
    with fewer than three units or an empty group.

    >>> difference, p = permutation_ratio_test([1, 2], [1, 1], [3, 4], [1, 1])
    >>> difference, round(p, 3)
    (-2.0, 0.333)
    """
    num = np.concatenate([np.asarray(numerators_a, float), np.asarray(numerators_b, float)])
    den = np.concatenate([np.asarray(denominators_a, float), np.asarray(denominators_b, float)])
    n_a, n = np.asarray(numerators_a).size, num.size
    if n_a == 0 or n_a == n:
        return float("nan"), float("nan")
    observed = _ratio_difference(np.arange(n) < n_a, num, den)[0]
    if n < 3:
        return float(observed), float("nan")
    splits, exact = _splits(n_a, n, resamples, seed)
    null = _ratio_difference(splits, num, den)
    tolerance = 1e-12 * max(1.0, abs(observed))
    greater = np.count_nonzero(null >= observed - tolerance)
    less = np.count_nonzero(null <= observed + tolerance)
    total = null.size
    if not exact:
        greater, less, total = greater + 1, less + 1, total + 1
    return float(observed), float(min(1.0, 2 * min(greater, less) / total))


def _ratio_difference(in_a: np.ndarray, num: np.ndarray, den: np.ndarray) -> np.ndarray:
    """``ratio(a) - ratio(b)`` for each row of a boolean matrix saying which units are in group a."""
    in_a = np.atleast_2d(in_a).astype(float)
    in_b = 1.0 - in_a
    with np.errstate(divide="ignore", invalid="ignore"):
        return (in_a @ num) / (in_a @ den) - (in_b @ num) / (in_b @ den)


@lru_cache(maxsize=8)
def _splits(n_a: int, n: int, resamples: int, seed: int) -> tuple[np.ndarray, bool]:
    """Which units go to group a in each split: all splits when few enough, else random ones.

    Cached by size, so that every measure compared on the same units is
    tested against the same splits (and the work is done once).
    """
    if math.comb(n, n_a) <= resamples:
        splits = np.zeros((math.comb(n, n_a), n), dtype=bool)
        for row, chosen in enumerate(itertools.combinations(range(n), n_a)):
            splits[row, list(chosen)] = True
        return splits, True
    order = np.argsort(np.random.default_rng(seed).random((resamples, n)), axis=1)
    return order < n_a, False


def bh_qvalues(p_values: ArrayLike) -> np.ndarray:
    """Benjamini–Hochberg q-values (false discovery rate); missing p-values stay missing.

    >>> bh_qvalues([0.01, float("nan"), 0.02]).tolist()
    [0.02, nan, 0.02]
    """
    from scipy import stats as scipy_stats  # lazy: scipy.stats takes ~0.7 s to load; `framing analyze` never needs it

    p = np.asarray(p_values, dtype=float)
    q = np.full(p.shape, np.nan)
    present = ~np.isnan(p)
    if present.any():
        q[present] = scipy_stats.false_discovery_control(p[present], method="bh")
    return q


def hedges_g(a: ArrayLike, b: ArrayLike) -> float:
    """Standardised mean difference (a − b) with Hedges' small-sample correction; nan when undefined.

    >>> round(hedges_g([1, 2, 3], [3, 4, 5]), 3)
    -1.6
    """
    x, y = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    n_x, n_y = x.size, y.size
    if n_x < 2 or n_y < 2:
        return float("nan")
    pooled = ((n_x - 1) * x.var(ddof=1) + (n_y - 1) * y.var(ddof=1)) / (n_x + n_y - 2)
    if pooled == 0:
        return float("nan")
    correction = 1 - 3 / (4 * (n_x + n_y) - 9)
    return float((x.mean() - y.mean()) / math.sqrt(pooled) * correction)


def cohens_h(p_a: float, p_b: float) -> float:
    """Cohen's h, the difference of two proportions on the arcsine scale (0.2 small, 0.5 medium, 0.8 large).

    >>> round(cohens_h(0.5, 0.25), 3)
    0.524
    """
    if not (0 <= p_a <= 1 and 0 <= p_b <= 1):
        return float("nan")
    return 2 * math.asin(math.sqrt(p_a)) - 2 * math.asin(math.sqrt(p_b))


def count_test(table: Any, *, resamples: int = PERMUTATION_RESAMPLES, seed: int = BOOTSTRAP_SEED) -> dict[str, Any]:
    """Test a contingency table of counts (groups × categories) for a difference in distribution.

    Chi-square when every expected count is at least :data:`MIN_EXPECTED`;
    otherwise Fisher's exact test for a 2×2 table, and for larger tables the
    Fisher–Freeman–Halton exact test estimated from ``resamples`` random
    tables with the same margins.  Categories and groups with no counts are
    dropped first.  The effect size is Cramér's V.  ``p_value`` is nan, with
    a ``note`` saying why, when there is nothing to test.

    >>> count_test([[8, 2], [1, 9]])["test"]
    'fisher exact'
    >>> round(count_test([[8, 2], [1, 9]])["p_value"], 4)
    0.0055
    """
    from scipy import stats as scipy_stats  # lazy: scipy.stats takes ~0.7 s to load; `framing analyze` never needs it

    counts = np.asarray(table, dtype=int)
    counts = counts[counts.sum(axis=1) > 0][:, counts.sum(axis=0) > 0] if counts.size else counts
    out: dict[str, Any] = {"test": "", "statistic": np.nan, "p_value": np.nan, "cramers_v": np.nan, "note": ""}
    if counts.ndim != 2 or counts.shape[0] < 2:
        out["note"] = "a group has no counts: nothing to compare"
        return out
    if counts.shape[1] < 2:
        out["note"] = "every count is in one category: nothing to compare"
        return out
    out["cramers_v"] = float(scipy_stats.contingency.association(counts, method="cramer"))
    expected = scipy_stats.contingency.expected_freq(counts)
    if expected.min() >= MIN_EXPECTED:
        chi2 = scipy_stats.chi2_contingency(counts)
        out.update(test="chi-square", statistic=float(chi2.statistic), p_value=float(chi2.pvalue))
    elif counts.shape == (2, 2):
        fisher = scipy_stats.fisher_exact(counts)
        out.update(test="fisher exact", statistic=float(fisher.statistic), p_value=float(fisher.pvalue))
    else:
        method = scipy_stats.MonteCarloMethod(n_resamples=resamples, rng=np.random.default_rng(seed))
        fisher = scipy_stats.fisher_exact(counts, method=method)
        out.update(
            test="fisher-freeman-halton (monte carlo)",
            statistic=float(np.ravel(fisher.statistic)[0]),
            p_value=float(np.ravel(fisher.pvalue)[0]),
            note=f"expected counts below {MIN_EXPECTED:g}: exact test from {resamples} random tables",
        )
    return out


def log_odds_dirichlet(
    counts_a: np.ndarray, counts_b: np.ndarray, prior: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Log-odds ratio of each word between two groups with an informative Dirichlet prior.

    Monroe, Colaresi & Quinn (2008), "Fightin' Words", eq. 16–22: for word
    ``w`` with counts ``y_a``, ``y_b`` (totals ``n_a``, ``n_b``) and prior
    pseudo-counts ``alpha`` (total ``alpha_0``),
    ``delta = log((y_a+alpha)/(n_a+alpha_0-y_a-alpha)) - log((y_b+alpha)/(n_b+alpha_0-y_b-alpha))``,
    its variance is about ``1/(y_a+alpha) + 1/(y_b+alpha)``, and ``z = delta / sqrt(variance)``.
    Positive values lean to group a.  Vectorised over the vocabulary;
    returns ``(delta, variance, z)``.

    >>> delta, variance, z = log_odds_dirichlet(np.array([3, 1]), np.array([1, 3]), np.array([1.0, 1.0]))
    >>> z.round(3).tolist()
    [1.601, -1.601]
    """
    y_a = np.asarray(counts_a, dtype=float)
    y_b = np.asarray(counts_b, dtype=float)
    alpha = np.asarray(prior, dtype=float)
    alpha_0 = alpha.sum()
    n_a, n_b = y_a.sum(), y_b.sum()
    delta = np.log((y_a + alpha) / (n_a + alpha_0 - y_a - alpha)) - np.log(
        (y_b + alpha) / (n_b + alpha_0 - y_b - alpha)
    )
    variance = 1 / (y_a + alpha) + 1 / (y_b + alpha)
    return delta, variance, delta / np.sqrt(variance)


# --- who speaks, and how they are introduced -----------------------------------------------------
