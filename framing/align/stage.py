"""Run the align stage over all stories of measured tables, then score editorial paragraphs and slant.

It reads the measure stage's tables and returns new ones: the alignment,
substitution and omission tables, and the articles, paragraphs and
sentences tables with their alignment columns filled.

>>> from framing.run import analyze
>>> result = analyze([{"id": "a", "story": "s", "text": "T\\n\\nIt rained in Skopje on Monday, officials said."},
...                   {"id": "b", "story": "s", "text": "T\\n\\nIt rained in Skopje on Monday, officials said."}])
>>> result.paragraphs.loc[result.paragraphs["role"] == "body", "reuse"].tolist()
['verbatim', 'verbatim']
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from framing.align.editorial import editorial_scores
from framing.align.slant import sentence_features
from framing.align.speakers import story_speakers
from framing.align.story import StoryAlignment, align_story
from framing.contract import frame
from framing.problems import Problem, internal_error
from framing.settings import Settings

__all__ = ["align_tables"]

#: The tables made of the rows that the stories give, in the order they are added to the tables.
_ROW_TABLES = ("alignments", "substitutions", "omissions")


def align_tables(
    tables: dict[str, pd.DataFrame], settings: Settings
) -> tuple[dict[str, pd.DataFrame], list[Problem], list[str]]:
    """Tables with the align stage's results, plus problems and notes for the summary."""
    articles, paragraphs, sentences = tables["articles"], tables["paragraphs"], tables["sentences"]
    attributions, terms = tables["attributions"], tables["terms"]
    body = paragraphs[paragraphs["role"] == "body"]
    story_of = dict(zip(articles["article_id"], articles["story"], strict=True))
    aligned, versions = _align_stories(articles, body, sentences, story_of, settings)
    paragraph_updates = aligned.paragraphs
    out = dict(tables)
    out["sentences"] = _fill(sentences, aligned.sentences)
    aligned_body = _fill(body, paragraph_updates)
    editorial = editorial_scores(
        aligned_body,
        out["sentences"],
        attributions,
        terms,
        aligned.related,
        versions=versions,
        story_of=story_of,
        rules=settings.editorial,
    )
    for key, values in editorial.items():
        paragraph_updates.setdefault(key, {}).update(values)
    out["paragraphs"] = _fill(paragraphs, paragraph_updates)
    out["articles"] = _article_columns(articles, out["paragraphs"])
    out["attributions"] = story_speakers(attributions, story_of, sentences)
    if settings.slant_model is not None and len(out["sentences"]):
        features = sentence_features(out["sentences"], out["attributions"], terms, story_of=story_of)
        out["sentences"]["slant"] = np.round(settings.slant_model.score(features), 4)
    for name in _ROW_TABLES:
        out[name] = frame(name, getattr(aligned, name))
    return out, aligned.problems, aligned.notes


def _align_stories(
    articles: pd.DataFrame,
    body: pd.DataFrame,
    sentences: pd.DataFrame,
    story_of: dict[Any, Any],
    settings: Settings,
) -> tuple[StoryAlignment, dict[str, int]]:
    """Every story aligned, the results gathered in one :class:`StoryAlignment` (a story that fails is reported
    among its problems); and, for each article of a story aligned, the story's number of versions."""
    gathered = StoryAlignment()
    versions: dict[str, int] = {}
    body_by, sentences_by = _by_story(body, story_of), _by_story(sentences, story_of)
    for story, story_articles in articles.groupby("story", sort=False):
        ids = set(story_articles["article_id"])
        story_paragraphs = body_by.get(story, body.iloc[:0])
        story_sentences = sentences_by.get(story, sentences.iloc[:0])
        try:
            result = align_story(
                str(story),
                story_articles,
                story_paragraphs,
                story_sentences,
                dict(settings.lexicons),
                settings.align,
                settings.swaps,
                settings.independent,
            )
        except Exception as exc:  # a bug must not cost the rest of a long run: the story is reported, not aligned
            gathered.problems.append(internal_error(f"story {story!r}", "aligning its versions", exc))
            continue
        gathered.paragraphs.update(result.paragraphs)
        gathered.sentences.update(result.sentences)
        for name in _ROW_TABLES:
            getattr(gathered, name).extend(getattr(result, name))
        gathered.problems.extend(result.problems)
        gathered.notes.extend(result.notes)
        gathered.related.update(result.related)
        versions.update(dict.fromkeys(ids, len(ids)))
    return gathered, versions


def _by_story(table: pd.DataFrame, story_of: dict[Any, Any]) -> dict[Any, pd.DataFrame]:
    """The rows of ``table`` split by the story of their article, in one pass (row order kept)."""
    if table.empty:
        return {}
    return dict(tuple(table.groupby(table["article_id"].map(story_of), sort=False)))


def _fill(table: pd.DataFrame, updates: dict[tuple[str, int], dict[str, Any]]) -> pd.DataFrame:
    """``table`` with the columns in ``updates`` set for the rows they name (keyed by article and number)."""
    if table.empty or not updates:
        return table.copy()
    number = "paragraph" if "role" in table.columns else "sentence"
    keys = list(zip(table["article_id"], table[number], strict=True))
    out = table.copy()
    names = sorted({name for values in updates.values() for name in values})
    for name in names:
        values = [updates.get(key, {}).get(name) for key in keys]
        if name not in out.columns:
            out[name] = pd.Series(values, index=out.index, dtype=object)
        else:
            out[name] = pd.Series(
                [v if v is not None else old for v, old in zip(values, out[name], strict=True)],
                index=out.index,
                dtype=object,
            )
    return out


def _article_columns(articles: pd.DataFrame, paragraphs: pd.DataFrame) -> pd.DataFrame:
    """``novel_share`` (share of body words in novel paragraphs) and ``editorial_paragraphs`` per article."""
    body = paragraphs[(paragraphs["role"] == "body") & paragraphs["reuse"].notna()]
    out = articles.copy()
    if body.empty:
        return out
    words = body.groupby("article_id")["words"].sum()
    novel = body[body["reuse"] == "novel"].groupby("article_id")["words"].sum()
    editorial = body[body["editorial"].fillna(False).astype(bool)].groupby("article_id").size()
    aligned = out["article_id"].isin(words.index)
    out["novel_share"] = out["novel_share"].astype(object)
    out["editorial_paragraphs"] = out["editorial_paragraphs"].astype(object)
    out.loc[aligned, "novel_share"] = [
        round(float(novel.get(a, 0)) / float(words[a]), 4) if words[a] else None for a in out.loc[aligned, "article_id"]
    ]
    out.loc[aligned, "editorial_paragraphs"] = [int(editorial.get(a, 0)) for a in out.loc[aligned, "article_id"]]
    return out
