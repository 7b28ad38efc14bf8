"""The shared look of the figures: palette, hatches, line styles, rc settings, and the axes helpers.

The style (:func:`style`) is the Okabe–Ito palette, which colour-blind readers
can tell apart, plus hatching so that bars stay distinct in black and white
print; its SVG is deterministic (fixed hash salt, no date).  matplotlib is
imported only when a figure is drawn (:func:`_pyplot`), since it takes 0.3 s.

>>> PALETTE[0], _wrap("Voice of America (voanews)")
('#0072B2', 'Voice of America\\n(voanews)')
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from types import ModuleType
from typing import TYPE_CHECKING, Any

import pandas as pd

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

#: Okabe & Ito (2008) colour-blind-safe palette, plus grey.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000", "#999999"]
HATCHES = ["", "//", "..", "xx", "\\\\", "--", "++", "oo", "**"]

_RC: dict[str, Any] = {
    "font.size": 9,
    "axes.titlesize": 10,
    "axes.labelsize": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.grid.axis": "x",
    "grid.color": "#dddddd",
    "grid.linewidth": 0.6,
    "legend.frameon": False,
    "legend.fontsize": 8,
    "hatch.linewidth": 0.6,
    "svg.hashsalt": "framing",
    "svg.fonttype": "path",
    "figure.dpi": 100,
    "savefig.dpi": 200,
    "savefig.bbox": "tight",
}


@contextmanager
def style() -> Iterator[None]:
    """The shared figure style (use ``with style(): ...`` around your own plots too)."""
    import matplotlib  # lazy: matplotlib is imported only on a path that draws (0.3 s)

    with matplotlib.rc_context(_RC):  # type: ignore[arg-type]
        yield


def _pyplot() -> ModuleType:
    """``matplotlib.pyplot``, imported the first time a figure is drawn."""
    import matplotlib.pyplot  # lazy: matplotlib is imported only on a path that draws (0.3 s)

    return matplotlib.pyplot


def _patches() -> ModuleType:
    """``matplotlib.patches``, imported the first time a figure is drawn."""
    import matplotlib.patches  # lazy: matplotlib is imported only on a path that draws (0.3 s)

    return matplotlib.patches


def _wrap(label: str, width: int = 18) -> str:
    return textwrap.fill(str(label), width=width, break_long_words=True)


def _lines(labels: list[str]) -> int:
    """The most lines any of the ``labels`` takes once shortened and wrapped (:func:`_tick_labels`)."""
    return max((label.count("\n") + 1 for label in _tick_labels(labels)), default=1)


#: The most characters a drawn label (an outlet, source, story or speaker name) keeps.
LABEL_WIDTH = 30


def _short(label: str, width: int = LABEL_WIDTH) -> str:
    """``label`` on one line, cut in the middle when longer than ``width`` (both ends tell names apart)."""
    label = " ".join(str(label).split())
    if len(label) <= width:
        return label
    head = (width - 1) // 2
    return f"{label[:head]}…{label[-(width - 1 - head) :]}"


def short_labels(labels: Iterable[object], width: int = LABEL_WIDTH) -> list[str]:
    """``labels`` as drawn: each on one line and at most ``width`` characters (cut in the middle), and names
    that differ still differ after the cut (a number in brackets tells apart those that would not).

    >>> short_labels(["Wire", "The Evening Chronicle (North) of the Upper Valley",
    ...               "The Evening Chronicle (South) of the Upper Valley"])
    ['Wire', 'The Evening Ch…he Upper Valley', 'The Evening … Upper Valley (2)']
    """
    names = [str(label) for label in labels]
    drawn: dict[str, str] = {}
    taken: set[str] = set()
    for name in dict.fromkeys(names):
        label, number = _short(name, width), 1
        while label in taken:
            number += 1
            label = f"{_short(name, width - len(f' ({number})'))} ({number})"
        drawn[name] = label
        taken.add(label)
    return [drawn[name] for name in names]


def _tick_labels(labels: Iterable[object], width: int = 18) -> list[str]:
    """``labels`` shortened (:func:`short_labels`) and wrapped at ``width`` characters, for tick labels."""
    return [_wrap(label, width) for label in short_labels(labels)]


def _figure(width: float, height: float) -> Figure:
    """A new figure laid out by matplotlib's constrained layout, so legends and notes outside the axes stay
    inside the figure however it is saved (``tight_layout`` clipped them)."""
    fig = _pyplot().figure(figsize=(width, height), layout="constrained")
    fig.get_layout_engine().set(w_pad=0.08, h_pad=0.08)  # inches of margin
    return fig  # type: ignore[no-any-return]


def _axes(ax: Axes | None, n_rows: int, width: float = 6.0, lines: int = 1) -> tuple[Figure, Axes]:
    """The given ax and its figure, or a new figure tall enough for ``n_rows`` labels of ``lines`` lines."""
    if ax is not None:
        return ax.get_figure(root=True), ax  # type: ignore[return-value]
    height = max(2.0, n_rows * max(0.45, 0.19 * lines + 0.12) + 1.2)
    fig = _figure(width, height)
    return fig, fig.add_subplot()


def _fitted_limits(values: Iterable[float], *, low: float = -1.0, high: float = 1.0) -> tuple[float, float]:
    """Axis limits around ``values`` and zero with a margin, within ``low``..``high`` (a scale's own ends).

    >>> _fitted_limits([0.1, 0.3])
    (-0.03, 0.33)
    """
    finite = [float(v) for v in values if v == v]
    smallest, largest = min([0.0, *finite]), max([0.0, *finite])
    margin = 0.1 * (largest - smallest) or 0.1
    return max(low, round(smallest - margin, 6)), min(high, round(largest + margin, 6))


def _outlet_of(tables: Mapping[str, pd.DataFrame]) -> pd.Series:
    articles = tables["articles"]
    return articles.set_index("article_id")["source"]


def _outlet_order(tables: Mapping[str, pd.DataFrame]) -> list[str]:
    return list(dict.fromkeys(tables["articles"]["source"]))


def _empty(ax: Axes, message: str) -> None:
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes, color="#555555")
    ax.set_xticks([])
    ax.set_yticks([])


#: Line styles and markers that tell outlets apart without colour.
LINESTYLES = ["-", "--", ":", "-.", (0, (5, 1, 1, 1)), (0, (1, 1)), (0, (3, 1, 1, 1, 1, 1))]
MARKERS = ["o", "s", "^", "D", "v", "P", "X", "*"]


def bar_style(i: int) -> tuple[str, str]:
    """The colour and hatch of the ``i``-th category of bars: distinct for the first 81 categories (a colour
    comes back only with another hatch), so bars stay apart in colour and in black and white.

    >>> len({bar_style(i) for i in range(len(PALETTE) * len(HATCHES))})
    81
    """
    turn = i // len(PALETTE)
    return PALETTE[i % len(PALETTE)], HATCHES[(i + turn) % len(HATCHES)]
