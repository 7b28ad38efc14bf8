"""Category counts compared between two groups with the article as unit, and the categories that differ.

Each article's rows of a table (attributions by stance or kind, loaded
terms by category, body paragraphs by reuse class) become its **shares**
of each category; the groups' mixes are compared by the share distance
(half the summed absolute differences of the mean shares, 0–1) with an
omnibus permutation test that moves whole articles (within stories when
the pair is story-matched) and a bootstrap interval over stories or
articles.  ``categories`` names the three categories with the largest
adjusted standardised residuals of the pair's pooled table (a description
of where the difference lies, not a test: +z means more in group a).
The row's ``estimate_a``, ``estimate_b`` and ``difference`` (with its
interval) are the shares of the first of them, the leading category;
``effect_size`` is Cramér's V of the pooled table, also descriptive.
When a group has too few articles (the design "sentences of one article")
the units inside its articles are the units and the pooled table is tested
with :func:`framing.compare.stats.count_test`.

>>> table = pd.DataFrame([[8, 2], [1, 9]], index=["A", "B"], columns=["emphatic", "neutral"])
>>> categories_text(table)
'emphatic 80.0% vs 10.0% (z=+3.1); neutral 20.0% vs 90.0% (z=-3.1)'
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from framing.compare.matched import group_bootstrap_ci, share_distance
from framing.compare.pairs import Pair
from framing.compare.stats import count_test

__all__ = ["COUNTS", "categories_text", "category_counts", "count_row"]

#: Category counts compared between groups: name → (table, column).
COUNTS: dict[str, tuple[str, str]] = {
    "stance": ("attributions", "stance"),
    "attribution_kind": ("attributions", "kind"),
    "loaded_category": ("terms", "category"),
    "reuse": ("paragraphs", "reuse"),
}

#: What one counted row is, by table (the unit of the design "sentences of one article").
COUNTED_UNITS = {"attributions": "attributions", "terms": "loaded terms", "paragraphs": "paragraphs"}


def category_counts(tables: Mapping[str, pd.DataFrame], table: str, column: str) -> pd.DataFrame:
    """Each article's count of each category (articles with at least one counted row; index ``article_id``)."""
    rows = tables[table]
    if table == "terms":
        rows = rows[rows["lexicon"] == "loaded"]
    if table == "paragraphs":
        rows = rows[rows["role"] == "body"]
    rows = rows[rows[column].notna() & rows[column].astype(str).ne("")]
    counts = pd.crosstab(rows["article_id"].astype(str), rows[column].astype(str))
    counts.index.name = "article_id"
    return counts


def _residuals(pooled: pd.DataFrame) -> pd.Series:
    """Adjusted standardised residuals of group a's cells in a 2-row table (categories with counts only)."""
    counts = pooled.loc[:, pooled.sum(axis=0) > 0].to_numpy(dtype=float)
    names = pooled.columns[pooled.sum(axis=0) > 0]
    rows, total = counts.sum(axis=1), counts.sum()
    if counts.shape[1] < 2 or (rows == 0).any():
        return pd.Series(dtype=float)
    columns = counts.sum(axis=0)
    expected = np.outer(rows, columns) / total
    z = (counts[0] - expected[0]) / np.sqrt(expected[0] * (1 - rows[0] / total) * (1 - columns / total))
    order = np.argsort(-np.abs(z).round(9), kind="stable")
    return pd.Series(z[order], index=names[order])


def categories_text(pooled: pd.DataFrame, top: int = 3) -> str:
    """The ``top`` categories by adjusted standardised residual of a 2-row table: shares in a vs b and z for a."""
    z = _residuals(pooled).head(top)
    shares = pooled.div(pooled.sum(axis=1), axis=0)
    return "; ".join(
        f"{name} {shares.iloc[0][str(name)]:.1%} vs {shares.iloc[1][str(name)]:.1%} (z={value:+.1f})"
        for name, value in z.items()
    )


def _cramers_v(pooled: np.ndarray) -> float:
    from scipy import stats as scipy_stats  # lazy: scipy.stats takes ~0.7 s to load; `framing analyze` never needs it

    counts = pooled[:, pooled.sum(axis=0) > 0]
    if counts.shape[1] < 2 or (counts.sum(axis=1) == 0).any():
        return float("nan")
    return float(scipy_stats.contingency.association(counts.astype(int), method="cramer"))


def count_row(name: str, pair: Pair, counts: pd.DataFrame, labels: pd.Series) -> dict[str, Any]:
    """One pair's comparison of one category count (a row of the comparisons table).

    ``estimate_a``/``estimate_b``/``difference`` and the interval are those
    of the share of the **leading category** (the largest residual, first in
    ``categories``); ``statistic`` is the share distance the omnibus test
    uses; ``effect_size`` is Cramér's V of the pooled table.
    """
    group = labels.reindex(counts.index)
    part_a, part_b = counts[group == pair.group_a], counts[group == pair.group_b]
    row = pair.start(name)
    row["effect_measure"] = "cramers_v"
    empty = part_a.empty or part_b.empty
    if empty or (counts.columns[(part_a.sum() + part_b.sum()) > 0]).size < 2:
        if pair.design == "sentences of one article":
            unit = COUNTED_UNITS.get(COUNTS.get(name, ("", ""))[0], "counted rows")
            sizes = (int(part_a.to_numpy().sum()), int(part_b.to_numpy().sum()))
            row.update(unit=unit, n_units=sum(sizes), n_a=sizes[0], n_b=sizes[1])
            row.update(pair.described(part_a.index, part_b.index))
        else:
            row.update(pair.layout(part_a.index, part_b.index))
        missing = pair.group_a if part_a.empty else pair.group_b
        row["note"] = f"no counts in {missing}" if empty else "every count is in one category"
        row["note"] += ": nothing to compare"
        return row
    if pair.design == "sentences of one article":
        row.update(_pooled_units(name, pair, part_a, part_b))
        return row
    shares_a, shares_b = part_a.div(part_a.sum(axis=1), axis=0), part_b.div(part_b.sum(axis=1), axis=0)
    used = set(pair.matched_articles(part_a.index, shares_a, part_b.index, shares_b)[0].tolist())
    pooled = pd.DataFrame([part_a[part_a.index.isin(used)].sum(), part_b[part_b.index.isin(used)].sum()])
    leading = _residuals(pooled).index[0] if used else shares_a.columns[0]
    share = pair.articles_test(part_a.index, shares_a[leading], part_b.index, shares_b[leading])
    tested = pair.articles_test(part_a.index, shares_a.to_numpy(), part_b.index, shares_b.to_numpy())
    row.update(tested, effect_size=_cramers_v(pooled.to_numpy()), categories=categories_text(pooled))
    row.update(
        {key: share[key] for key in ("estimate_a", "estimate_b", "difference", "ci_low", "ci_high") if key in share}
    )
    return row


def _pooled_units(name: str, pair: Pair, part_a: pd.DataFrame, part_b: pd.DataFrame) -> dict[str, Any]:
    """The fallback inside one or two articles per group: counted rows as units, an exact or chi-square test."""
    pooled = pd.DataFrame([part_a.sum(), part_b.sum()])
    table = pooled.to_numpy(dtype=float)
    result = count_test(table.astype(int), resamples=pair.setting.resamples)
    leading = pooled.columns.get_loc(_residuals(pooled).index[0])
    flags = [np.repeat(np.eye(table.shape[1])[:, leading], table[i].astype(int)) for i in (0, 1)]
    low, high = group_bootstrap_ci(
        flags[0], np.ones(flags[0].size), flags[1], np.ones(flags[1].size), level=pair.setting.level
    )
    shares = table / table.sum(axis=1, keepdims=True)
    unit = COUNTED_UNITS.get(COUNTS.get(name, ("", ""))[0], "counted rows")
    return {
        "unit": unit,
        "n_units": int(table.sum()),
        "n_a": int(table[0].sum()),
        "n_b": int(table[1].sum()),
        **pair.described(part_a.index.tolist(), part_b.index.tolist()),
        "estimate_a": float(shares[0, leading]),
        "estimate_b": float(shares[1, leading]),
        "difference": float(shares[0, leading] - shares[1, leading]),
        "ci_low": low,
        "ci_high": high,
        "effect_size": result["cramers_v"],
        "test": result["test"],
        "statistic": float(share_distance(shares[0] - shares[1])),
        "p_value": result["p_value"],
        "categories": categories_text(pooled),
        "note": result["note"],
    }
