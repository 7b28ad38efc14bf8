"""Figures of a comparison between groups (``framing compare``): estimates with intervals, and pair differences.

Each takes a :class:`~framing.compare.Comparison` (or its ``estimates`` /
``comparisons`` table, e.g. read back from ``estimates.csv``) and draws what a
paper shows: :func:`group_estimates` puts several measures on one scale side
by side for every group (loaded terms in the outlets' narration and in their
sources' speech, say); :func:`pair_differences` shows, for one measure, every
pair's difference with its interval, its design and whether it survives the
run's multiple-comparison correction.

>>> import pandas as pd
>>> table = pd.DataFrame({"measure": ["m", "m"], "group": ["left", "right"], "estimate": [1.0, 2.0],
...                       "ci_low": [0.5, 1.5], "ci_high": [1.5, 2.5], "n": [4, 4], "unit": ["articles"] * 2})
>>> group_estimates(table, ["m"]).axes[0].get_yticklabels()[0].get_text()
'left'
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

import pandas as pd

from framing.compare import Comparison
from framing.present.figure_style import (
    MARKERS,
    PALETTE,
    _axes,
    _empty,
    _lines,
    _tick_labels,
    _wrap,
    short_labels,
    style,
)
from framing.problems import FramingError

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["group_estimates", "pair_differences"]

#: A difference is drawn filled when its q-value is below this.
SIGNIFICANT = 0.05


def _table(data: Comparison | pd.DataFrame, name: str) -> pd.DataFrame:
    table = data.tables[name] if isinstance(data, Comparison) else data
    if "measure" not in table.columns:
        raise FramingError(f"expected the {name} table of a comparison (framing compare), with a measure column")
    return table


def _measures_present(table: pd.DataFrame, measures: Sequence[str]) -> None:
    missing = [m for m in measures if m not in set(table["measure"])]
    if missing:
        known = ", ".join(dict.fromkeys(table["measure"].astype(str)))
        raise FramingError(f"the comparison has no measure {', '.join(map(repr, missing))}; its measures are {known}")


def group_estimates(
    data: Comparison | pd.DataFrame, measures: Sequence[str], ax: Axes | None = None, *, xlabel: str = ""
) -> Figure:
    """Every group's estimate of each of ``measures`` with its interval (one row per group, one marker per
    measure), for measures on one scale: ``["loaded_per_1k_narration", "loaded_per_1k_quoted"]``."""
    table = _table(data, "estimates")
    _measures_present(table, measures)
    table = table[table["measure"].isin(measures)]
    groups = list(dict.fromkeys(table["group"].astype(str)))
    with style():
        fig, ax = _axes(ax, len(groups), lines=_lines(groups))
        if table.empty:
            _empty(ax, "no estimates")
            return fig
        step = 0.36 / max(len(measures) - 1, 1)
        for i, measure in enumerate(measures):
            rows = {str(r["group"]): r for r in table[table["measure"] == measure].to_dict(orient="records")}
            offset = (i - (len(measures) - 1) / 2) * step
            for y, group in enumerate(groups):
                row = rows.get(group)
                if row is None or math.isnan(float(row["estimate"])):
                    continue
                if row["ci_low"] == row["ci_low"]:
                    ax.plot([row["ci_low"], row["ci_high"]], [y + offset] * 2, color=PALETTE[i], linewidth=2)
                ax.plot([row["estimate"]], [y + offset], marker=MARKERS[i % len(MARKERS)], color="black", markersize=5)
            ax.plot([], [], marker=MARKERS[i % len(MARKERS)], color=PALETTE[i], label=measure)
        ax.set_yticks(range(len(groups)), _tick_labels(groups))
        ax.set_ylim(len(groups) - 0.5, -0.5)
        ax.set_xlabel(xlabel or "estimate (dot) and 95% interval (bar)")
        ax.legend(loc="upper left", bbox_to_anchor=(0, -0.18 - 0.02 * len(groups)), ncol=min(len(measures), 3))
        by = str(table["by"].iloc[0]) if "by" in table.columns and len(table) else "group"
        ax.set_title(f"By {by}: estimates with 95% intervals", loc="left")
    return fig


def pair_differences(data: Comparison | pd.DataFrame, measure: str, ax: Axes | None = None) -> Figure:
    """Every pair's difference (``group_a − group_b``) in ``measure`` with its interval; filled when its
    q-value is below 0.05 (the correction's family is named in the title), with the design beside it."""
    table = _table(data, "comparisons")
    _measures_present(table, [measure])
    rows = table[table["measure"] == measure].reset_index(drop=True)
    groups = list(dict.fromkeys(map(str, [*rows["group_a"], *rows["group_b"]])))
    names = dict(zip(groups, short_labels(groups), strict=True))
    labels = [f"{names[str(a)]} − {names[str(b)]}" for a, b in zip(rows["group_a"], rows["group_b"], strict=True)]
    if "within" in rows.columns:
        levels = [str(w) for w in rows["within"]]
        labels = [f"{label} ({w})" if w not in ("", "nan") else label for label, w in zip(labels, levels, strict=True)]
    with style():
        fig, ax = _axes(ax, len(rows), lines=_lines(labels))
        for y, (_, row) in enumerate(rows.iterrows()):
            if row["difference"] != row["difference"]:
                continue
            if "ci_low" in rows.columns and row["ci_low"] == row["ci_low"]:
                ax.plot([row["ci_low"], row["ci_high"]], [y, y], color=PALETTE[0], linewidth=2)
            strong = float(row["q_value"]) < SIGNIFICANT if row["q_value"] == row["q_value"] else False
            fill = "black" if strong else "white"
            ax.plot([row["difference"]], [y], marker="o", markersize=6, color="black", markerfacecolor=fill)
            note = f"{row.get('design', '')}, q={float(row['q_value']):.2g}" if row["q_value"] == row["q_value"] else ""
            ax.annotate(note, (1.01, y), xycoords=("axes fraction", "data"), va="center", fontsize=7, color="#555555")
        ax.axvline(0, color="#888888", linewidth=0.8, linestyle=":")
        ax.set_yticks(range(len(rows)), [_wrap(label, 30) for label in labels])
        ax.set_ylim(len(rows) - 0.5, -0.5)
        ax.set_xlabel(f"difference in {measure} (dot) and 95% interval (bar)")
        family = str(rows["family"].iloc[0]) if "family" in rows.columns and len(rows) else ""
        ax.set_title(f"{measure}: filled when q < {SIGNIFICANT} (correction over the {family} family)", loc="left")
    return fig
