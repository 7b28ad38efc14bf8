"""Statistics with uncertainty for comparing outlets.

>>> low, high = bootstrap_mean_ci([0.1, 0.2, 0.3, 0.4])
>>> 0.1 <= low <= 0.25 <= high <= 0.4
True
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

__all__ = ["BOOTSTRAP_RESAMPLES", "BOOTSTRAP_SEED", "bootstrap_mean_ci"]

#: Fixed seed and resample count: intervals are the same on every run.
BOOTSTRAP_SEED = 20231122
BOOTSTRAP_RESAMPLES = 2000


def bootstrap_mean_ci(
    values: Sequence[float],
    *,
    level: float = 0.95,
    resamples: int = BOOTSTRAP_RESAMPLES,
    seed: int = BOOTSTRAP_SEED,
) -> tuple[float, float]:
    """Percentile bootstrap interval of the mean; ``(nan, nan)`` with fewer than two values."""
    data = np.asarray([v for v in values if v == v], dtype=float)
    if data.size < 2:
        return float("nan"), float("nan")
    rng = np.random.default_rng(seed)
    means = data[rng.integers(0, data.size, size=(resamples, data.size))].mean(axis=1)
    tail = (1 - level) / 2
    low, high = np.quantile(means, [tail, 1 - tail])
    return float(low), float(high)
