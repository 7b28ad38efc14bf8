"""The frame figure: how often each group uses each frame, corrected for the model's errors, with intervals.

:func:`frame_prevalence` draws ``frame_prevalence.csv`` (from ``framing
compare``, a :class:`~framing.compare.Comparison`, or computed by outlet
from a run's tables): one row per frame, one marker per group, the corrected
prevalence as a filled marker with its 95% interval and the raw share of
articles called present as a hollow one, so the reader sees how much the
correction moved it.

>>> import pandas as pd
>>> table = pd.DataFrame({"group": ["A", "B"], "frame": ["conflict"] * 2, "prevalence": [0.4, 0.7],
...                       "lower": [0.2, 0.5], "upper": [0.6, 0.9], "raw_share": [0.5, 0.8],
...                       "method": ["adjusted classify-and-count"] * 2, "n_articles": [10, 12]})
>>> frame_prevalence(table).axes[0].get_yticklabels()[0].get_text()
'conflict'
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from framing.compare import Comparison
from framing.compare import frame_prevalence as prevalence_table
from framing.contract import TableSource
from framing.present.figure_style import MARKERS, PALETTE, _axes, _empty, short_labels, style
from framing.problems import FramingError

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["frame_prevalence"]


def _prevalence(data: TableSource | Comparison | pd.DataFrame) -> pd.DataFrame:
    """The ``frame_prevalence`` table of ``data``: given, a comparison's, or computed by outlet from a run."""
    if isinstance(data, pd.DataFrame):
        if "prevalence" not in data.columns:
            raise FramingError("expected a frame_prevalence table (framing compare), with a prevalence column")
        return data
    if isinstance(data, Comparison):
        return data.tables.get("frame_prevalence", pd.DataFrame(columns=["group", "frame", "prevalence"]))
    return prevalence_table(data, "source", max_groups=None)


def frame_prevalence(data: TableSource | Comparison | pd.DataFrame, ax: Axes | None = None) -> Figure:
    """Each group's prevalence of each frame: corrected (filled, with its 95% interval) and raw (hollow)."""
    table = _prevalence(data)
    frames = list(dict.fromkeys(table["frame"].astype(str)))
    groups = list(dict.fromkeys(table["group"].astype(str)))
    with style():
        fig, ax = _axes(ax, max(len(frames), 1) * max(1, (len(groups) + 2) // 3))
        if table.empty:
            _empty(ax, "no frames (run without a frame model)")
            return fig
        step = 0.7 / max(len(groups), 1)
        for i, (group, label) in enumerate(zip(groups, short_labels(groups), strict=True)):
            rows = table[table["group"].astype(str) == group]
            colour, marker = PALETTE[i % len(PALETTE)], MARKERS[i % len(MARKERS)]
            for row in rows.to_dict(orient="records"):
                y = frames.index(str(row["frame"])) + (i - (len(groups) - 1) / 2) * step
                if row["lower"] == row["lower"]:
                    ax.plot([row["lower"], row["upper"]], [y, y], color=colour, linewidth=2)
                ax.plot([row["raw_share"]], [y], marker=marker, color=colour, markerfacecolor="white", markersize=5)
                ax.plot([row["prevalence"]], [y], marker=marker, color=colour, markersize=6)
            ax.plot([], [], marker=marker, color=colour, label=f"{label} (n={int(rows['n_articles'].max())})")
        ax.set_yticks(range(len(frames)), [f.replace("_", " ") for f in frames])
        ax.set_ylim(len(frames) - 0.5, -0.5)
        ax.set_xlim(-0.02, 1.02)
        ax.set_xlabel("share of articles: corrected (filled, 95% interval) and as called (hollow)")
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=7, frameon=False)
        ax.set_title("Frames by group, corrected for the model's errors", loc="left")
    return fig
