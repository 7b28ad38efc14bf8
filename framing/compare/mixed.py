"""The optional mixed-effects check: ``value ~ group`` with a random intercept per story (statsmodels MixedLM).

Fitted on the article values a story-matched row uses (REML); its group
coefficient is the model's estimate of ``a − b``.  With one article per
group in every story it equals the mean within-story difference.

>>> import numpy as np
>>> values = np.array([3.0, 1.0, 5.0, 1.0, 4.0, 3.0])
>>> fit = mixed_difference(values, np.array([0, 0, 1, 1, 2, 2]), np.array([True, False] * 3))
>>> round(fit["mixed_difference"], 6)
2.333333
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np

__all__ = ["MIXED_COLUMNS", "mixed_difference"]

#: Columns added to the comparisons table by ``model="mixed"`` (after the others).
MIXED_COLUMNS = ["mixed_difference", "mixed_ci_low", "mixed_ci_high", "mixed_p_value"]


def mixed_difference(
    values: np.ndarray, stories: np.ndarray, in_a: np.ndarray, *, level: float = 0.95
) -> dict[str, Any]:
    """The group coefficient (a − b) of a story random-intercept model, its Wald interval and p-value.

    Values are nan when the model cannot be fitted (no spread, a singular
    design); the fit's convergence warnings are silenced, not its failures.
    """
    from statsmodels.regression.mixed_linear_model import MixedLM  # lazy: ~1 s to import; only --model mixed

    empty = dict.fromkeys(MIXED_COLUMNS, float("nan"))
    y = np.asarray(values, dtype=float)
    if y.size < 4 or np.ptp(y) == 0:
        return empty
    exog = np.column_stack([np.ones(y.size), np.asarray(in_a, dtype=float)])
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            fit = MixedLM(y, exog, groups=np.asarray(stories)).fit(reml=True)
        low, high = np.asarray(fit.conf_int(alpha=1 - level))[1]
        return {
            "mixed_difference": float(fit.fe_params[1]),
            "mixed_ci_low": float(low),
            "mixed_ci_high": float(high),
            "mixed_p_value": float(fit.pvalues[1]),
        }
    except (np.linalg.LinAlgError, ValueError, IndexError):
        return empty
