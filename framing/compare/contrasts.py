"""Every pair of groups on every measure and every category count, with a design, a test, an interval and a q-value.

Each pair gets a design (:func:`framing.compare.matched.choose_design`):
**story-matched** when the two groups cover at least two of the same
stories (each shared story contributes the difference between the groups'
mean article values in it; the test shuffles labels within stories; the
interval resamples stories), **independent articles** when each group has
at least ``min_articles`` articles, else **sentences of one article** (the
sentences, paragraphs or attributions inside each group's one or two
articles, as ``unit`` says).  In a story-matched row ``estimate_a`` and
``estimate_b`` are the means over the shared stories of each group's mean
article value in the story (so they differ from the ``estimates`` table,
which takes every article), and articles of stories only one group covers
are left out.  Category counts use the article as unit
(:mod:`framing.compare.counts`).  ``q_value`` is Benjamini–Hochberg over
the whole family of tests the run reports (``family="run"``, the default)
or over the pairs of one measure (``family="measure"``); ``family`` and
``family_tests`` say which and how many.  ``within`` repeats everything
inside each level of another column; rows carry the level in ``within``.

Columns: the grouping (``measure by within group_a group_b``); the design
(``design unit n_units n_a n_b n_stories``: ``n_a``/``n_b`` are the
articles of each group used, or the units inside them for the sentences
design; ``n_stories`` the stories they span); ``words_a``/``words_b``, the
groups' mean words per article; ``estimate_a estimate_b difference ci_low
ci_high`` (the interval of ``difference``; for counts, the shares of the
leading category); ``effect_size effect_measure test statistic p_value
family family_tests q_value`` (for counts ``statistic`` is the share
distance the omnibus test uses); ``categories`` (counts: where they
differ); ``note``.  ``model="mixed"`` adds :data:`framing.compare.mixed.MIXED_COLUMNS`
at the end, filled for story-matched measures: a check beside the
permutation test, not a test of its own (its p-values are in no family).

>>> import framing
>>> calm = "T\\n\\nTalks went well. Both sides agreed. The minister said it was good."
>>> grim = "T\\n\\nTalks collapsed in chaos. Fury grew. The minister claimed it was a disaster."
>>> result = framing.analyze([{"id": "a", "source": "Wire", "text": calm}, {"id": "b", "source": "B", "text": grim}])
>>> comparisons(result).query("measure == 'sentiment_mean_narration'")[["design", "unit", "test"]].values.tolist()
[['sentences of one article', 'sentences', 'permutation of sentences (exact)']]
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from framing.compare.counts import COUNTS, category_counts, count_row
from framing.compare.group_estimates import MIN_ARTICLES, NO_UNITS, GroupData, Units, article_values, units_by_group
from framing.compare.grouping import MAX_GROUPS
from framing.compare.matched import MIN_SHARED_STORIES, group_bootstrap_ci
from framing.compare.measures import Measure, article_groups, group_order, measures_for
from framing.compare.mixed import MIXED_COLUMNS, mixed_difference
from framing.compare.pairs import Pair, Setting, article_info
from framing.compare.rounding import rounded
from framing.compare.stats import PERMUTATION_RESAMPLES, bh_qvalues, cohens_h, hedges_g, permutation_ratio_test
from framing.contract import TableSource, tables_of
from framing.problems import FramingError
from framing.settings import SentimentRules

__all__ = ["COMPARISON_COLUMNS", "COUNTS", "FAMILIES", "comparisons", "strata"]

COMPARISON_COLUMNS = [
    "measure",
    "by",
    "within",
    "group_a",
    "group_b",
    "design",
    "unit",
    "n_units",
    "n_a",
    "n_b",
    "n_stories",
    "words_a",
    "words_b",
    "estimate_a",
    "estimate_b",
    "difference",
    "ci_low",
    "ci_high",
    "effect_size",
    "effect_measure",
    "test",
    "statistic",
    "p_value",
    "family",
    "family_tests",
    "q_value",
    "categories",
    "note",
]

#: The families a q-value can be corrected over: every test of the run, or the pairs of one measure.
FAMILIES = ("run", "measure")


def comparisons(
    data: TableSource,
    by: str = "source",
    *,
    groups: Mapping[str, Sequence[str]] | None = None,
    measures: Mapping[str, Measure] | None = None,
    min_articles: int = MIN_ARTICLES,
    resamples: int = PERMUTATION_RESAMPLES,
    design: str = "auto",
    family: str = "run",
    within: str | None = None,
    model: str | None = None,
    level: float = 0.95,
    min_shared: int = MIN_SHARED_STORIES,
    max_groups: int | None = MAX_GROUPS,
) -> pd.DataFrame:
    """Every pair of groups on every measure and category count (in each level of ``within``), tidy.

    ``design``: ``auto`` (story-matched when a pair shares at least
    ``min_shared`` stories), ``matched`` or ``independent``.  ``family``:
    ``run`` or ``measure``.  ``model="mixed"`` adds a story random-intercept
    model's estimate beside each story-matched measure.  With fewer than two
    groups (in every stratum) the table is empty and ``attrs["note"]`` says why.
    """
    _check_choices(design, family, model)
    tables = tables_of(data)
    labels = article_groups(tables, by, groups, max_groups=max_groups)
    measures = measures_for(SentimentRules.of(data)) if measures is None else measures
    info = article_info(tables["articles"])
    units = {name: measure.units(tables) for name, measure in measures.items()}
    counts = {name: category_counts(tables, table, column) for name, (table, column) in COUNTS.items()}
    rows: list[dict[str, Any]] = []
    notes = []
    for stratum, part in strata(tables, labels, within):
        order = group_order(part)
        where = f" in {within}={stratum}" if within else ""
        if len(order) < 2:
            notes.append(f"only one {by} ({order[0] if order else 'none'}){where}: nothing to compare")
            continue
        setting = Setting(by, stratum, design, min_articles, min_shared, resamples, level, model)
        pairs = [Pair.of(a, b, part, info, setting) for i, a in enumerate(order) for b in order[i + 1 :]]
        splits = {name: units_by_group(tables, measure, part, units[name]) for name, measure in measures.items()}
        # pair by pair, so that a pair's measures reuse its relabellings; the rows are listed measure by measure
        by_pair = [
            [_measure_row(measure, pair, splits[name]) for name, measure in measures.items()]
            + [count_row(name, pair, table, part) for name, table in counts.items()]
            for pair in pairs
        ]
        rows.extend(row for rows_of_measure in zip(*by_pair, strict=True) for row in rows_of_measure)
    columns = COMPARISON_COLUMNS + (MIXED_COLUMNS if model == "mixed" else [])
    out = pd.DataFrame(rows, columns=columns)
    for column in ("n_units", "n_a", "n_b", "n_stories"):
        out[column] = out[column].astype("Int64")
    if notes:
        out.attrs["note"] = "; ".join(notes)
    out = corrected(out, family)
    p_columns = [c for c in ("p_value", "q_value", "mixed_p_value") if c in out]
    exact = out[p_columns].astype(float).copy()
    out = rounded(out)
    for column in p_columns:  # significant digits, not decimals: a tiny p-value never prints as 0
        out[column] = exact[column].map(lambda v: float(f"{v:.6g}"))
    return out


def _check_choices(design: str, family: str, model: str | None) -> None:
    if design not in ("auto", "matched", "independent"):
        raise FramingError(f"design must be auto, matched or independent, not {design!r}")
    if family not in FAMILIES:
        raise FramingError(f"family must be run or measure, not {family!r}")
    if model not in (None, "mixed"):
        raise FramingError(f"model must be mixed or none, not {model!r}")


def strata(
    tables: Mapping[str, pd.DataFrame], labels: pd.Series, within: str | None
) -> Iterator[tuple[str, pd.Series]]:
    """``("", labels)`` without ``within``; else each level of ``within`` with the labels of its articles."""
    if not within:
        yield "", labels
        return
    levels = article_groups(tables, within, max_groups=None, option="--within")
    for level in group_order(levels):
        members = levels.index[levels == level]
        yield level, labels[labels.index.isin(members)]


def corrected(table: pd.DataFrame, family: str = "run") -> pd.DataFrame:
    """``q_value`` by Benjamini–Hochberg over each family of ``table``'s p-values, with ``family`` and its size.

    ``run``: every row is one family; ``measure``: the rows of one measure
    (in one ``within`` level).  Rows without a p-value are in no family.
    """
    p_values = table["p_value"].astype(float)
    if family == "run":
        keys = pd.Series("run", index=table.index)
    else:
        keys = table["within"].astype(str) + "\x1f" + table["measure"].astype(str)
    table["family"] = family
    table["q_value"] = np.nan
    table["family_tests"] = 0
    for _key, index in table.groupby(keys, sort=False).groups.items():
        table.loc[index, "q_value"] = bh_qvalues(p_values[index].to_numpy())
        table.loc[index, "family_tests"] = int(p_values[index].notna().sum())
    table["family_tests"] = table["family_tests"].astype(int)
    return table


def _measure_row(measure: Measure, pair: Pair, units: Mapping[str, Units]) -> dict[str, Any]:
    units_a, units_b = units.get(pair.group_a, NO_UNITS), units.get(pair.group_b, NO_UNITS)
    if pair.design == "sentences of one article":
        return _units_row(measure, pair, units_a, units_b)
    row = pair.start(measure.name)
    ids_a, values_a = article_values(units_a, measure.scale)
    ids_b, values_b = article_values(units_b, measure.scale)
    if ids_a.size == 0 or ids_b.size == 0:
        row.update(pair.layout(ids_a, ids_b))
        row["note"] = f"no {measure.unit} in {pair.group_b if ids_a.size else pair.group_a}: nothing to test"
        return row
    if not (values_a.any() or values_b.any()):
        row.update(pair.layout(ids_a, ids_b))
        row["note"] = f"no {measure.name.replace('_', ' ')} in either group: nothing to test"
        return row
    row.update(pair.articles_test(ids_a, values_a, ids_b, values_b))
    if "p_value" in row:
        _, values, blocks, in_a = pair.matched_articles(ids_a, values_a, ids_b, values_b)
        g = hedges_g(values[in_a], values[~in_a])
        row.update(effect_size=g, effect_measure="hedges_g")
        if g != g:
            row["note"] = "no spread within a group: Hedges' g undefined"
        if pair.setting.model == "mixed" and pair.design == "story-matched":
            row.update(mixed_difference(values, blocks, in_a, level=pair.setting.level))
    return row


def _units_row(measure: Measure, pair: Pair, units_a: Units, units_b: Units) -> dict[str, Any]:
    """The fallback inside one or two articles per group: their sentences, paragraphs or attributions as units."""
    a = GroupData.of(units_a, measure, 10**9)
    b = GroupData.of(units_b, measure, 10**9)
    row = pair.start(measure.name)
    row.update(
        unit=measure.unit,
        n_units=a.n + b.n,
        n_a=a.n,
        n_b=b.n,
        **pair.described(sorted(set(units_a[0].tolist())), sorted(set(units_b[0].tolist()))),
        estimate_a=a.estimate,
        estimate_b=b.estimate,
        difference=a.estimate - b.estimate,
    )
    notes = [n for n in (a.note, b.note) if n][:1]
    if a.n == 0 or b.n == 0:
        row["note"] = f"no {measure.unit} in {pair.group_a if a.n == 0 else pair.group_b}: nothing to test"
        return row
    if a.n + b.n < 3:
        row["note"] = "too little text for a test (fewer than three units)"
        return row
    if not (a.numerators.any() or b.numerators.any()):
        row["note"] = f"no {measure.name.replace('_', ' ')} in either group: nothing to test"
        return row
    resamples = pair.setting.resamples
    difference, p_value = permutation_ratio_test(
        a.numerators, a.denominators, b.numerators, b.denominators, resamples=resamples
    )
    exact = math.comb(a.n + b.n, a.n) <= resamples + 1
    low, high = group_bootstrap_ci(a.numerators, a.denominators, b.numerators, b.denominators, level=pair.setting.level)
    effect, effect_measure, effect_note = _effect(measure, a, b)
    row.update(
        ci_low=low,
        ci_high=high,
        effect_size=effect,
        effect_measure=effect_measure,
        test=f"permutation of {measure.unit} ({'exact' if exact else f'{resamples} resamples'})",
        statistic=difference,
        p_value=p_value,
        note="; ".join([*notes, effect_note] if effect_note else notes),
    )
    return row


def _effect(measure: Measure, a: GroupData, b: GroupData) -> tuple[float, str, str]:
    """Effect size, its name, and a note when it is undefined."""
    if measure.kind == "mean":
        g = hedges_g(a.unit_values(), b.unit_values())
        return g, "hedges_g", "" if g == g else "no spread within a group: Hedges' g undefined"
    if measure.kind == "share":
        return cohens_h(a.estimate, b.estimate), "cohens_h", ""
    if b.estimate > 0:
        return a.estimate / b.estimate, "rate_ratio", ""
    return float("nan"), "rate_ratio", f"no hits in {b.unit} of the second group: rate ratio undefined"
