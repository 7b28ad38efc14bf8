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

import io
import re
from collections.abc import Callable, Collection, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from framing.compare import similarity
from framing.contract import TableSource, prepare_folder, tables_of
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
from framing.problems import FramingError

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = [
    "FIGURES",
    "HATCHES",
    "LINESTYLES",
    "MARKERS",
    "PALETTE",
    "REUSE_STYLE",
    "STORY_FIGURES",
    "distinctive_words",
    "drawn_figures",
    "figure_png",
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
    "story_names",
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


#: The figures of one story's versions (drawn story by story); the others are drawn once for the whole corpus.
STORY_FIGURES = ("similarity", "reuse_map")

#: Resolution of a figure embedded in the report (PNG at 80 dpi is smaller than SVG for the hatched figures
#: and than PNG at 110 dpi, and still reads on screen; the files of ``--figures`` keep 200 dpi).
REPORT_DPI = 80


def drawn_figures(
    data: TableSource, *, skip: Collection[str] = (), story: str | None = None
) -> Iterator[tuple[str, Figure]]:
    """Every figure of :data:`FIGURES` but those in ``skip`` drawn for ``data``, with its name; each is closed
    when the next is drawn.  ``story`` is the story the figures of :data:`STORY_FIGURES` show."""
    for name, draw in FIGURES.items():
        if name in skip:
            continue
        if name == "similarity" and story is not None and "similarity" in tables_of(data):
            fig = draw(tables_of(data)["similarity"], story=story)  # a similarity table made beforehand
        elif name in STORY_FIGURES and story is not None:
            fig = draw(data, story=story)
        else:
            fig = draw(data)
        try:
            yield name, fig
        finally:
            _pyplot().close(fig)


def figure_png(fig: Figure, *, dpi: int = REPORT_DPI) -> bytes:
    """The PNG of ``fig`` in the shared style, without the metadata that would change from run to run."""
    buffer = io.BytesIO()
    with style():
        fig.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
    return buffer.getvalue()


def story_names(data: TableSource) -> list[str]:
    """The stories of ``data`` in their order (of their first article)."""
    return list(dict.fromkeys(tables_of(data)["articles"]["story"].astype(str)))


def save_figures(
    data: TableSource, folder: str | Path, *, force: bool = False, stories: Sequence[str] | None = None
) -> list[Path]:
    """Write every figure in :data:`FIGURES` as PNG and SVG into ``folder``.

    The figures of the corpus are drawn once (``NAME.png``); those of one story
    (:data:`STORY_FIGURES`) are drawn for each story in ``stories`` (all of
    them by default) as ``NAME-NNN-STORY.png``, ``NNN`` the story's place in
    :func:`story_names` (a result of one story keeps ``NAME.png``).
    """
    names = story_names(data)
    unknown = [story for story in stories or () if story not in names]
    if unknown:
        raise FramingError(
            f"no story {unknown[0]!r} in the results; --figure-stories takes 'all' or story ids from the story "
            f"column of articles.csv, such as {', '.join(names[:3])}"
        )
    target = prepare_folder(Path(folder), force=force)
    written = [p for name, fig in drawn_figures(data, skip=STORY_FIGURES) for p in _save(fig, target / name)]
    tables = {**tables_of(data), "similarity": similarity(data)}  # computed once, not once per story
    for story in names if stories is None else stories:
        stem = "" if len(names) == 1 else f"-{names.index(story) + 1:03d}-{_file_slug(story)}"
        for name, fig in drawn_figures(tables, skip=set(FIGURES) - set(STORY_FIGURES), story=story):
            written += _save(fig, target / f"{name}{stem}")
    return written


def _save(fig: Figure, stem: Path) -> list[Path]:
    paths = []
    with style():
        for suffix, metadata in ((".png", {"Software": None}), (".svg", {"Date": None, "Creator": None})):
            path = stem.with_name(stem.name + suffix)
            fig.savefig(path, metadata=metadata)
            paths.append(path)
    return paths


def _file_slug(name: str) -> str:
    """A story name as part of a file name: letters, digits, ``_`` and ``-`` only, at most 40 characters."""
    return re.sub(r"[^A-Za-z0-9_-]+", "-", name).strip("-")[:40] or "story"
