"""Publication figures, one function each; every one takes the result (or a table) and an optional ``ax``.

The figures of outlets side by side are in :mod:`framing.present.outlet_figures`,
those of one story's versions in :mod:`framing.present.story_figures`, and the
shared style (:func:`style`) in :mod:`framing.present.figure_style`: the
Okabe–Ito palette, which colour-blind readers can tell apart, plus hatching so
that bars stay distinct in black and white print; outlet names wrap.
:func:`save_figures` writes PNG and SVG; the SVG is deterministic (fixed hash
salt, no date), so reruns give identical files.  matplotlib is imported only
when a figure is drawn.

>>> from framing.run.pipeline import analyze
>>> result = analyze([{"id": "a", "source": "Wire", "text": "T\\n\\nIt was a bloody day, he said."}])
>>> fig = sentiment_by_outlet(result)
>>> fig.axes[0].get_xlabel()
'mean sentence sentiment (VADER compound)'
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from framing.contract import TableSource, prepare_folder
from framing.present.comparison_figures import group_estimates, pair_differences
from framing.present.figure_style import HATCHES, LINESTYLES, MARKERS, PALETTE, _pyplot, style
from framing.present.frame_figures import frame_prevalence
from framing.present.outlet_figures import (
    distinctive_words,
    loaded_terms,
    sentiment_along_article,
    sentiment_by_outlet,
    share_of_voice,
    stance_mix,
)
from framing.present.story_figures import REUSE_STYLE, reuse_map, similarity_heatmap

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = [
    "FIGURES",
    "HATCHES",
    "LINESTYLES",
    "MARKERS",
    "PALETTE",
    "REUSE_STYLE",
    "distinctive_words",
    "drawn_figures",
    "frame_prevalence",
    "group_estimates",
    "loaded_terms",
    "pair_differences",
    "reuse_map",
    "save_figures",
    "sentiment_along_article",
    "sentiment_by_outlet",
    "share_of_voice",
    "similarity_heatmap",
    "stance_mix",
    "style",
]


#: The figures :func:`save_figures` writes, by file name.
FIGURES: dict[str, Callable[..., Figure]] = {
    "sentiment_by_outlet": sentiment_by_outlet,
    "sentiment_along_article": sentiment_along_article,
    "stance_mix": stance_mix,
    "share_of_voice": share_of_voice,
    "loaded_terms": loaded_terms,
    "distinctive_words": distinctive_words,
    "frame_prevalence": frame_prevalence,
    "similarity": similarity_heatmap,
    "reuse_map": reuse_map,
}


def drawn_figures(data: TableSource, *, skip: Collection[str] = ()) -> Iterator[tuple[str, Figure]]:
    """Every figure of :data:`FIGURES` but those in ``skip`` drawn for ``data``, with its name; each is closed
    when the next is drawn."""
    for name, draw in FIGURES.items():
        if name in skip:
            continue
        fig = draw(data)
        try:
            yield name, fig
        finally:
            _pyplot().close(fig)


def save_figures(data: TableSource, folder: str | Path, *, force: bool = False) -> list[Path]:
    """Write every figure in :data:`FIGURES` as PNG and SVG into ``folder``."""
    target = prepare_folder(Path(folder), force=force)
    written: list[Path] = []
    for name, fig in drawn_figures(data):
        with style():
            for suffix, metadata in ((".png", {"Software": None}), (".svg", {"Date": None, "Creator": None})):
                path = target / f"{name}{suffix}"
                fig.savefig(path, metadata=metadata)
                written.append(path)
    return written
