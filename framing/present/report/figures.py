"""The report's figures and similarity tables: the corpus's figures drawn once, a story's only where they say something.

The figures of outlets side by side (every figure of
:data:`framing.present.plot.FIGURES` but :data:`~framing.present.plot.STORY_FIGURES`)
are drawn once, from the whole result (:func:`_corpus_figures`), and embedded
as PNG ``data:`` URIs at :data:`~framing.present.plot.REPORT_DPI` (smaller than
SVG for the hatched figures).  A story gets its reuse map only when at least
:data:`REUSE_MAP_VERSIONS` of its versions copy from one another, some of it
verbatim or lightly edited (:func:`_story_figures`); its versions' similarity is a small table of
numbers, not a figure (:func:`_similarity_view`), up to
:data:`SIMILARITY_VERSIONS` versions.

>>> from framing.run.pipeline import analyze
>>> from framing.present.report.story import _stories
>>> text = "Talks\\n\\nThe minister said the talks ended late on Tuesday in the capital."
>>> result = analyze([{"id": i, "story": "s", "source": i.upper(), "text": text} for i in "ab"])
>>> view = _similarity_view(similarity_table(result), _stories(result)[0])
>>> view["labels"], [[cell["text"] for cell in row["cells"]] for row in view["rows"]]
(['1', '2'], [['–', '1.00'], ['1.00', '–']])
>>> _story_figures(_stories(result)[0])  # two versions: the side-by-side view says it all
[]
"""

from __future__ import annotations

import base64
from collections.abc import Mapping
from typing import Any

import pandas as pd

from framing.compare import similarity
from framing.present.plot import FIGURES, STORY_FIGURES, drawn_figures, figure_png
from framing.present.report.story import ReportSource, _Story
from framing.problems import FramingError

#: A story's reuse map is drawn when at least this many of its versions take part in copied paragraphs and some
#: paragraph is copied verbatim or lightly edited (otherwise the side-by-side view and the similarity table
#: show all the map would).
REUSE_MAP_VERSIONS = 3
#: A story's similarity table is shown up to this many versions (``similarity.csv`` from ``framing compare`` has all).
SIMILARITY_VERSIONS = 12
#: Figures left out when the result holds one story: frame prevalence by outlet says little with one version per
#: outlet (the story's frames table gives each version's calls and evidence).
ONE_STORY_SKIPS = ("frame_prevalence",)


def _uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def _corpus_figures(result: ReportSource) -> list[dict[str, str]]:
    """Every figure of the corpus, drawn once from the whole result; a figure whose comparison the corpus does
    not allow (a :class:`~framing.problems.FramingError`) is named with the reason instead."""
    stories = result.tables["articles"]["story"].astype(str).nunique()
    skip = {*STORY_FIGURES, *(ONE_STORY_SKIPS if stories <= 1 else ())}
    figures = []
    for wanted in [name for name in FIGURES if name not in skip]:
        label = wanted.replace("_", " ")
        try:
            figures += [
                {"name": label, "uri": _uri(figure_png(fig)), "note": ""}
                for _name, fig in drawn_figures(result.tables, skip=set(FIGURES) - {wanted})
            ]
        except FramingError as exc:
            figures.append({"name": label, "uri": "", "note": str(exc)})
    return figures


def _copying_versions(story: _Story) -> set[str]:
    """The versions that copy from, or are copied by, another version of the story (not independent reports)."""
    alignments = story.alignments
    if alignments.empty:
        return set()
    independent = alignments["origin_basis"].astype(str) == "independent" if "origin_basis" in alignments else False
    copied = alignments[~independent] if "origin_basis" in alignments else alignments
    return set(copied["article_a"].astype(str)) | set(copied["article_b"].astype(str))


def _story_figures(story: _Story) -> list[dict[str, str]]:
    """The story's reuse map, when enough of its versions copy from one another for it to show a lineage."""
    copies = story.alignments["reuse"].isin(["verbatim", "edited"]).any() if len(story.alignments) else False
    if not copies or len(_copying_versions(story)) < REUSE_MAP_VERSIONS:
        return []
    tables = {
        "articles": story.articles.reset_index(drop=True),
        "paragraphs": story.paragraphs.reset_index(drop=True),
        "alignments": story.alignments.reset_index(drop=True),
    }
    skip = set(FIGURES) - {"reuse_map"}
    return [
        {"name": name.replace("_", " "), "uri": _uri(figure_png(fig))}
        for name, fig in drawn_figures(tables, skip=skip, story=story.name)
    ]


def similarity_table(result: ReportSource) -> pd.DataFrame:
    """How alike the versions of each story are (:func:`framing.compare.similarity`), computed once, for the
    stories whose table the report shows: those of more than :data:`SIMILARITY_VERSIONS` versions are left out
    (their pairs grow as the square of their versions; the TF-IDF weights then come from the other articles)."""
    articles = result.tables["articles"]
    sizes = articles.groupby(articles["story"].astype(str))["article_id"].transform("size")
    shown = articles[sizes <= SIMILARITY_VERSIONS]
    if shown.empty:
        return pd.DataFrame(columns=["story", "article_a", "article_b", "cosine"])
    return similarity({**result.tables, "articles": shown})


def _similarity_view(table: pd.DataFrame | None, story: _Story) -> dict[str, Any] | None:
    """The story's versions' cosine similarity as a small table (rows and columns in story order)."""
    if table is None or not 2 <= len(story.order) <= SIMILARITY_VERSIONS:
        return None
    part = table[table["story"].astype(str) == story.name]
    values: Mapping[tuple[str, str], float] = {
        (str(a), str(b)): float(c) for a, b, c in zip(part["article_a"], part["article_b"], part["cosine"], strict=True)
    }
    rows = []
    for i, a in enumerate(story.order):
        cells = []
        for b in story.order:
            value = values.get((a, b), float("nan")) if a != b else float("nan")
            if value == value:
                cells.append({"text": f"{value:.2f}", "shade": max(0, min(9, int(value * 10)))})
            else:
                cells.append({"text": "–", "shade": -1})
        rows.append({"label": str(i + 1), "source": story.source(a), "cells": cells})
    return {"labels": [str(i + 1) for i in range(len(story.order))], "rows": rows}
