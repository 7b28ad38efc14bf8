"""Every pair of groups on every measure and every category count, with a test, an effect size and a q-value.

>>> import framing
>>> calm = "T\\n\\nTalks went well. Both sides agreed. The minister said it was good."
>>> grim = "T\\n\\nTalks collapsed in chaos. Fury grew. The minister claimed it was a disaster."
>>> result = framing.analyze([{"id": "a", "source": "Wire", "text": calm}, {"id": "b", "source": "B", "text": grim}])
>>> comparisons(result).query("measure == 'sentiment_mean'")[["group_a", "group_b", "test"]].values.tolist()
[['Wire', 'B', 'permutation (exact)']]
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from framing.compare.group_estimates import MIN_ARTICLES, NO_UNITS, GroupData, Units, units_by_group
from framing.compare.measures import Measure, article_groups, group_order, measures_for
from framing.compare.rounding import rounded
from framing.compare.stats import (
    PERMUTATION_RESAMPLES,
    bh_qvalues,
    cohens_h,
    count_test,
    hedges_g,
    permutation_ratio_test,
)
from framing.contract import TableSource, tables_of
from framing.settings import SentimentRules

__all__ = ["COMPARISON_COLUMNS", "COUNTS", "comparisons"]


COMPARISON_COLUMNS = [
    "measure",
    "by",
    "group_a",
    "group_b",
    "unit",
    "n_a",
    "n_b",
    "estimate_a",
    "estimate_b",
    "difference",
    "effect_size",
    "effect_measure",
    "test",
    "statistic",
    "p_value",
    "q_value",
    "note",
]


#: Category counts compared between groups: name → (table, column).
COUNTS: dict[str, tuple[str, str]] = {
    "stance": ("attributions", "stance"),
    "attribution_kind": ("attributions", "kind"),
    "loaded_category": ("terms", "category"),
    "reuse": ("paragraphs", "reuse"),
}


def comparisons(
    data: TableSource,
    by: str = "source",
    *,
    groups: Mapping[str, Sequence[str]] | None = None,
    measures: Mapping[str, Measure] | None = None,
    min_articles: int = MIN_ARTICLES,
    resamples: int = PERMUTATION_RESAMPLES,
) -> pd.DataFrame:
    """Every pair of groups on every measure, and on every category count, with tests, tidy.

    Measures: the difference of the estimates, a two-sided permutation test
    (exact when the splits can be enumerated) and an effect size.  Counts
    (:data:`COUNTS`): :func:`framing.compare.stats.count_test`.  ``q_value`` is the
    Benjamini–Hochberg correction over the pairs of one measure.  With one
    group the table is empty and ``attrs["note"]`` says why.
    """
    tables = tables_of(data)
    labels = article_groups(tables, by, groups)
    order = group_order(labels)
    measures = measures_for(SentimentRules.of(data)) if measures is None else measures
    out = pd.DataFrame(columns=COMPARISON_COLUMNS)
    if len(order) < 2:
        out.attrs["note"] = f"only one {by} ({order[0] if order else 'none'}): nothing to compare"
        return out
    pairs = [(a, b) for i, a in enumerate(order) for b in order[i + 1 :]]
    rows = []
    for measure in measures.values():
        units = units_by_group(tables, measure, labels)
        for group_a, group_b in pairs:
            rows.append(_contrast(measure, by, group_a, group_b, units, min_articles, resamples))
    for name, (table, column) in COUNTS.items():
        counts = _category_counts(tables, table, column, labels)
        for group_a, group_b in pairs:
            rows.append(_count_row(name, by, group_a, group_b, counts, resamples))
    out = pd.DataFrame(rows, columns=COMPARISON_COLUMNS)
    out["q_value"] = np.nan
    for _name, index in out.groupby("measure", sort=False).groups.items():
        out.loc[index, "q_value"] = bh_qvalues(out.loc[index, "p_value"].astype(float).to_numpy())
    return rounded(out)


def _contrast(
    measure: Measure,
    by: str,
    group_a: str,
    group_b: str,
    units: Mapping[str, Units],
    min_articles: int,
    resamples: int,
) -> dict[str, Any]:
    units_a, units_b = units.get(group_a, NO_UNITS), units.get(group_b, NO_UNITS)
    by_article = min(len(set(units_a[0])), len(set(units_b[0]))) >= min_articles
    level = min_articles if by_article else 10**9
    a = GroupData.of(units_a, measure, level)
    b = GroupData.of(units_b, measure, level)
    row: dict[str, Any] = {
        "measure": measure.name,
        "by": by,
        "group_a": group_a,
        "group_b": group_b,
        "unit": a.unit if a.n else b.unit,
        "n_a": a.n,
        "n_b": b.n,
        "estimate_a": a.estimate,
        "estimate_b": b.estimate,
        "difference": a.estimate - b.estimate,
    }
    notes = [n for n in (a.note, b.note) if n][:1]
    if a.n == 0 or b.n == 0:
        row["note"] = f"no {measure.unit} in {group_a if a.n == 0 else group_b}: nothing to test"
        return row
    if a.n + b.n < 3:
        row["note"] = "too little text for a test (fewer than three units)"
        return row
    if not (a.numerators.any() or b.numerators.any()):
        row["note"] = f"no {measure.name.replace('_', ' ')} in either group: nothing to test"
        return row
    difference, p_value = permutation_ratio_test(
        a.numerators, a.denominators, b.numerators, b.denominators, resamples=resamples
    )
    splits = math.comb(a.n + b.n, a.n)
    effect, effect_measure, effect_note = _effect(measure, a, b)
    row.update(
        effect_size=effect,
        effect_measure=effect_measure,
        test="permutation (exact)" if splits <= resamples + 1 else f"permutation ({resamples} resamples)",
        statistic=difference,
        p_value=p_value,
        note="; ".join([*notes, effect_note] if effect_note else notes),
    )
    return row


def _effect(measure: Measure, a: GroupData, b: GroupData) -> tuple[float, str, str]:
    """Effect size, its name, and a note when it is undefined."""
    if a.unit == "articles" or measure.kind == "mean":
        g = hedges_g(a.unit_values(), b.unit_values())
        return g, "hedges_g", "" if g == g else "no spread within a group: Hedges' g undefined"
    if measure.kind == "share":
        return cohens_h(a.estimate, b.estimate), "cohens_h", ""
    if b.estimate > 0:
        return a.estimate / b.estimate, "rate_ratio", ""
    return float("nan"), "rate_ratio", f"no hits in {b.unit} of the second group: rate ratio undefined"


def _category_counts(tables: Mapping[str, pd.DataFrame], table: str, column: str, labels: pd.Series) -> pd.DataFrame:
    rows = tables[table]
    if table == "terms":
        rows = rows[rows["lexicon"] == "loaded"]
    if table == "paragraphs":
        rows = rows[rows["role"] == "body"]
    rows = rows[rows[column].notna() & rows[column].astype(str).ne("")]
    group = rows["article_id"].astype(str).map(labels)
    return pd.crosstab(group, rows[column].astype(str))


def _count_row(name: str, by: str, group_a: str, group_b: str, counts: pd.DataFrame, resamples: int) -> dict[str, Any]:
    table = counts.reindex(index=[group_a, group_b], fill_value=0)
    n_a, n_b = (int(v) for v in table.sum(axis=1))
    result = count_test(table.to_numpy(), resamples=resamples)
    return {
        "measure": name,
        "by": by,
        "group_a": group_a,
        "group_b": group_b,
        "unit": "counts",
        "n_a": n_a,
        "n_b": n_b,
        "effect_size": result["cramers_v"],
        "effect_measure": "cramers_v",
        "test": result["test"],
        "statistic": result["statistic"],
        "p_value": result["p_value"],
        "note": result["note"],
    }
