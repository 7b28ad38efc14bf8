"""Each group's estimate of every measure, with a bootstrap interval and the unit it resamples.

Which unit is resampled is decided per group and said in the ``unit``
column: the group's **articles** when it has at least ``min_articles`` of
them, else the **sentences**, **paragraphs** or **attributions** inside its
articles (pooled when there are two), since one article cannot show how an
outlet varies from article to article.

>>> import framing
>>> calm = "T\\n\\nTalks went well. Both sides agreed. The minister said it was good."
>>> grim = "T\\n\\nTalks collapsed in chaos. Fury grew. The minister claimed it was a disaster."
>>> result = framing.analyze([{"id": "a", "source": "Wire", "text": calm}, {"id": "b", "source": "B", "text": grim}])
>>> estimates(result).query("measure == 'sentiment_mean_narration'")[["group", "unit", "n"]].values.tolist()
[['Wire', 'sentences', 2], ['B', 'sentences', 2]]
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from framing.compare.grouping import MAX_GROUPS
from framing.compare.measures import Measure, article_groups, group_order, measures_for
from framing.compare.rounding import rounded
from framing.compare.stats import BOOTSTRAP_RESAMPLES, bootstrap_ratio_ci
from framing.contract import TableSource, tables_of
from framing.settings import SentimentRules

__all__ = [
    "ESTIMATE_COLUMNS",
    "MIN_ARTICLES",
    "NO_UNITS",
    "GroupData",
    "Units",
    "article_values",
    "estimates",
    "units_by_group",
]

#: A group is resampled by article when it has at least this many articles with a value.
MIN_ARTICLES = 3

#: One group's units of a measure: article ids, numerators, denominators (units with a denominator only).
Units = tuple[np.ndarray, np.ndarray, np.ndarray]
NO_UNITS: Units = (np.array([], dtype=object), np.array([], dtype=float), np.array([], dtype=float))


@dataclass
class GroupData:
    """One group's units of one measure, and the level at which it is resampled."""

    numerators: np.ndarray
    denominators: np.ndarray
    articles: int
    unit: str
    note: str = ""

    @classmethod
    def of(cls, units: Units, measure: Measure, min_articles: int) -> GroupData:
        articles, numerators, denominators = units
        present, codes = np.unique(articles, return_inverse=True)
        sums_num = np.bincount(codes, weights=numerators, minlength=present.size)
        sums_den = np.bincount(codes, weights=denominators, minlength=present.size)
        values = measure.scale * sums_num / sums_den
        if present.size >= min_articles:
            return cls(values, np.ones_like(values), present.size, "articles")
        note = f"{present.size} articles pooled: variation between articles is not in the interval"
        return cls(
            numerators * measure.scale, denominators, present.size, measure.unit, note if present.size > 1 else ""
        )

    @property
    def n(self) -> int:
        return int(self.numerators.size)

    @property
    def estimate(self) -> float:
        total = self.denominators.sum()
        return float(self.numerators.sum() / total) if total > 0 else float("nan")

    def unit_values(self) -> np.ndarray:
        return self.numerators / self.denominators


def units_by_group(
    tables: Mapping[str, pd.DataFrame], measure: Measure, labels: pd.Series, units: pd.DataFrame | None = None
) -> dict[str, Units]:
    """The measure's units (made from ``tables`` unless given), split by the group of their article."""
    units = measure.units(tables) if units is None else units
    units = units[units["denominator"] > 0]
    group = units["article_id"].astype(str).map(labels)
    out: dict[str, Units] = {}
    for name, part in units[group.notna()].groupby(group[group.notna()], sort=False):
        out[str(name)] = (
            part["article_id"].to_numpy(dtype=object),
            part["numerator"].to_numpy(dtype=float),
            part["denominator"].to_numpy(dtype=float),
        )
    return out


def article_values(units: Units, scale: float = 1.0) -> tuple[np.ndarray, np.ndarray]:
    """Each article's value of a measure from its units: ``scale * sum(numerators) / sum(denominators)``.

    >>> ids, values = article_values((np.array(["a", "a", "b"]), np.array([1.0, 0, 2]), np.array([1.0, 1, 4])))
    >>> ids.tolist(), values.tolist()
    (['a', 'b'], [0.5, 0.5])
    """
    articles, numerators, denominators = units
    present, codes = np.unique(np.asarray(articles, dtype=str), return_inverse=True)
    sums_num = np.bincount(codes, weights=numerators, minlength=present.size)
    sums_den = np.bincount(codes, weights=denominators, minlength=present.size)
    return present.astype(object), scale * sums_num / sums_den


ESTIMATE_COLUMNS = [
    "measure",
    "by",
    "within",
    "group",
    "articles",
    "n_stories",
    "unit",
    "n",
    "estimate",
    "ci_low",
    "ci_high",
    "level",
    "note",
]


def estimates(
    data: TableSource,
    by: str = "source",
    *,
    groups: Mapping[str, Sequence[str]] | None = None,
    measures: Mapping[str, Measure] | None = None,
    level: float = 0.95,
    min_articles: int = MIN_ARTICLES,
    resamples: int = BOOTSTRAP_RESAMPLES,
    within: str | None = None,
    max_groups: int | None = MAX_GROUPS,
) -> pd.DataFrame:
    """Each group's estimate of every measure with a percentile bootstrap interval, tidy.

    ``unit`` says what was resampled (articles, or the units inside a group's
    one or two articles) and ``n`` how many; ``articles`` and ``n_stories``
    count the group's articles with a value and the stories they cover;
    ``note`` says when there was too little to give an interval.  With
    ``within`` (another column of the articles) each level is estimated
    apart and named in the ``within`` column (empty without it).
    """
    tables = tables_of(data)
    labels = article_groups(tables, by, groups, max_groups=max_groups)
    measures = measures_for(SentimentRules.of(data)) if measures is None else measures
    stories = tables["articles"].set_index(tables["articles"]["article_id"].astype(str))["story"]
    levels = (
        article_groups(tables, within, max_groups=None, option="--within")
        if within
        else pd.Series("", index=labels.index)
    )
    rows = []
    for name, measure in measures.items():
        made = measure.units(tables)
        for stratum in group_order(levels):
            part = labels[labels.index.isin(levels.index[levels == stratum])]
            units = units_by_group(tables, measure, part, made)
            for group in group_order(part):
                group_units = units.get(group, NO_UNITS)
                row = _estimate_row(GroupData.of(group_units, measure, min_articles), measure, level, resamples)
                n_stories = stories.reindex(np.unique(group_units[0].astype(str))).nunique()
                rows.append(
                    {"measure": name, "by": by, "within": stratum, "group": group, **row, "n_stories": n_stories}
                )
    return rounded(pd.DataFrame(rows, columns=ESTIMATE_COLUMNS))


def _estimate_row(part: GroupData, measure: Measure, level: float, resamples: int) -> dict[str, object]:
    low, high = bootstrap_ratio_ci(part.numerators, part.denominators, level=level, resamples=resamples)
    note = part.note
    if part.n == 0:
        note = f"no {measure.unit} to measure"
    elif part.n < 2:
        note = f"one {part.unit[:-1]}: too little for an interval"
    return {
        "articles": part.articles,
        "unit": part.unit,
        "n": part.n,
        "estimate": part.estimate,
        "ci_low": low,
        "ci_high": high,
        "level": level,
        "note": note,
    }
