"""The tables of each story, indexed for rendering (:class:`_Story`), and the highlight spans they give.

:class:`ReportSource` is what the report reads of a result: its tables, the
articles' texts, the lexicons and the notes (a :class:`framing.Result` is one).

>>> from framing.run.pipeline import analyze
>>> result = analyze([{"id": "a", "source": "Wire", "text": "Talks\\n\\nThe minister said it was a fiasco."}])
>>> story = _stories(result)[0]
>>> story.order, story.source("a"), story.anchor("a", 1)
(['a'], 'Wire', 's0-v0-p1')
>>> [span.title for span in _term_spans(story)[("a", 1)] if span.kind == "loaded"]
['loaded: hyperbole_intensifier (fiasco)']
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import pandas as pd

from framing.align import version_order
from framing.compare.story_table import own_voice_values, story_table
from framing.lexicons import Lexicon
from framing.present.report.highlight import Span
from framing.present.report.rows import _records
from framing.present.report.voice_spans import voice_spans

__all__ = ["ReportSource"]


class _Text(Protocol):
    """An article as the report reads it: its id and its text."""

    @property
    def article_id(self) -> str: ...

    @property
    def text(self) -> str: ...


class _Lexicons(Protocol):
    """Settings as the report reads them: the lexicons, by name."""

    @property
    def lexicons(self) -> Mapping[str, Lexicon]: ...


class ReportSource(Protocol):
    """What the report reads of a result (a :class:`framing.Result` is one)."""

    @property
    def tables(self) -> Mapping[str, pd.DataFrame]: ...

    @property
    def corpus(self) -> Iterable[_Text]: ...

    @property
    def settings(self) -> _Lexicons: ...

    @property
    def notes(self) -> Sequence[str]: ...


def _slug(value: Any) -> str:
    """A CSS class fragment: lower case letters, digits, ``_`` and ``-`` only."""
    return re.sub(r"[^a-z0-9_-]+", "-", str(value).lower()).strip("-") or "none"


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, float) and value != value) or value is pd.NA or value == ""


@dataclass
class _Story:
    """The tables of one story, indexed for rendering."""

    name: str
    index: int
    articles: pd.DataFrame
    order: list[str]
    texts: dict[str, str]
    paragraphs: pd.DataFrame
    terms: pd.DataFrame
    attributions: pd.DataFrame
    alignments: pd.DataFrame
    substitutions: pd.DataFrame
    omissions: pd.DataFrame
    sentences: pd.DataFrame
    column: dict[str, int] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)
    #: Its row of the ``stories`` table (title, dates, outlets, independent, ...).
    about: dict[str, Any] = field(default_factory=dict)
    #: Its versions' rows of ``frames`` (empty for a run without a frame model).
    frames: pd.DataFrame = field(default_factory=pd.DataFrame)
    #: Per version: tone and loaded terms in the outlet's own voice, and the share of sources' speech.
    own_voice: dict[str, tuple[float | None, float | None, float | None]] = field(default_factory=dict)

    def anchor(self, article_id: str, paragraph: Any) -> str:
        """The HTML id of a paragraph (made of numbers only, never of the data)."""
        return f"s{self.index}-v{self.column[article_id]}-p{int(paragraph)}"

    def source(self, article_id: str) -> str:
        """The outlet of a version, or its id when it has none."""
        return self.sources.get(article_id) or article_id


def _stories(result: ReportSource) -> list[_Story]:
    """Every story of ``result`` with its tables (each table split once, so the cost grows with the tables)."""
    tables = result.tables
    texts = {a.article_id: a.text for a in result.corpus}
    # a results folder written before stories.csv existed: its rows are made from the other tables
    about = tables["stories"] if "stories" in tables else story_table(tables)
    about_of = {str(row["story"]): {str(k): v for k, v in row.items()} for row in _records(about)}
    articles_of = _split(tables["articles"], tables["articles"]["story"].astype(str))
    story_of = dict(zip(tables["articles"]["article_id"], tables["articles"]["story"].astype(str), strict=True))
    by_article = {
        name: _split(tables[name], tables[name]["article_id"].map(story_of))
        for name in ("paragraphs", "terms", "attributions", "sentences", "frames")
        if name in tables
    }
    by_story = {name: _split(tables[name], tables[name]["story"].astype(str)) for name in _TOLD}
    voices = _own_voices(tables)
    stories = []
    for index, name in enumerate(articles_of):
        articles = articles_of[name]
        order = version_order(articles)

        def own(table: str, name: str = name) -> pd.DataFrame:
            return by_article[table].get(name, tables[table].iloc[:0])

        def told(table: str, name: str = name) -> pd.DataFrame:
            return by_story[table].get(name, tables[table].iloc[:0])

        story = _Story(
            name=name,
            index=index,
            articles=articles,
            order=order,
            texts={a: texts.get(a, "") for a in order},
            paragraphs=own("paragraphs"),
            terms=own("terms"),
            attributions=own("attributions"),
            sentences=own("sentences"),
            alignments=told("alignments"),
            substitutions=told("substitutions"),
            omissions=told("omissions").reset_index(drop=True),
            column={a: i for i, a in enumerate(order)},
            sources={
                str(a): "" if _blank(s) else str(s)
                for a, s in zip(articles["article_id"], articles["source"], strict=True)
            },
            about=about_of.get(name, {}),
            frames=own("frames") if "frames" in tables else pd.DataFrame(),
            own_voice={a: voices[a] for a in order if a in voices},
        )
        stories.append(story)
    return stories


#: The tables with a ``story`` column that a story's section shows.
_TOLD = ("alignments", "substitutions", "omissions")


def _own_voices(tables: Mapping[str, pd.DataFrame]) -> dict[str, tuple[float | None, float | None, float | None]]:
    """Per article: tone and loaded terms in the outlet's own voice, and the share of sources' speech, by the
    rule of the stories table (:func:`~framing.compare.story_table.own_voice_values`), for all at once."""
    sentences = tables["sentences"]
    if sentences.empty or "voice" not in sentences.columns:
        return {}
    keys = pd.DataFrame({"article_id": tables["articles"]["article_id"]})
    values = own_voice_values({"sentences": sentences, "terms": tables["terms"]}, keys, ["article_id"])
    return {
        str(row["article_id"]): (_value(row["tone"]), _value(row["loaded"]), _value(row["voice"]))
        for row in _records(values)
    }


def _value(number: Any) -> float | None:
    return None if pd.isna(number) else float(number)


def _split(table: pd.DataFrame, keys: pd.Series) -> dict[str, pd.DataFrame]:
    """``table``'s rows by ``keys`` (in the order each key first appears), each part in the table's order."""
    return {str(key): part for key, part in table.groupby(keys.to_numpy(), sort=False)}


# --- spans from the tables ---------------------------------------------------------------------------------


def _term_spans(story: _Story) -> dict[tuple[str, int], list[Span]]:
    spans: dict[tuple[str, int], list[Span]] = defaultdict(list)
    for row in _records(story.terms):
        lexicon, category, term = str(row["lexicon"]), str(row["category"]), str(row["term"])
        if lexicon == "loaded":
            span = Span(
                int(row["start"]),
                int(row["end"]),
                "loaded",
                f"loaded cat-{_slug(category)}",
                f"loaded: {category} ({term})",
                "mark",
            )
        else:
            span = Span(
                int(row["start"]),
                int(row["end"]),
                "lexicon",
                f"lexicon lex-{_slug(lexicon)}",
                f"{lexicon}: {category} ({term})",
                "mark",
            )
        spans[(str(row["article_id"]), int(row["paragraph"]))].append(span)
    return spans


def _attribution_spans(story: _Story) -> dict[str, list[Span]]:
    """Speakers and cues of each article's attributions, and its quoted and reported speech (article offsets)."""
    spans: dict[str, list[Span]] = defaultdict(list)
    for row in _records(story.attributions):
        speaker = "" if _blank(row["speaker"]) else str(row["speaker"])
        mention = "" if _blank(row.get("speaker_mention")) else str(row["speaker_mention"])
        cue, stance = str(row["cue"]), str(row["stance"])
        said_by = f" by {speaker}" if speaker else " (no named source)"
        article = spans[str(row["article_id"])]
        if not _blank(row["speaker_start"]) and not _blank(row["speaker_end"]):
            written = f" (as written: {mention})" if mention and mention != speaker else ""
            article.append(
                Span(
                    int(row["speaker_start"]),
                    int(row["speaker_end"]),
                    "speaker",
                    "speaker",
                    f"speaker: {speaker}{written}",
                )
            )
        if not _blank(row["cue_start"]) and not _blank(row["cue_end"]):
            article.append(
                Span(
                    int(row["cue_start"]),
                    int(row["cue_end"]),
                    "cue",
                    f"cue stance-{_slug(stance)}",
                    f"reporting verb: {cue} ({stance}){said_by}",
                )
            )
    tables = {
        name: _split(table, table["article_id"].astype(str))
        for name, table in (
            ("paragraphs", story.paragraphs),
            ("sentences", story.sentences),
            ("attributions", story.attributions),
        )
    }
    for article_id in story.order:  # whose voice: quoted and reported speech (the rest is the outlet's narration)
        parts = [
            tables[name].get(article_id, table.iloc[:0])
            for name, table in (
                ("paragraphs", story.paragraphs),
                ("sentences", story.sentences),
                ("attributions", story.attributions),
            )
        ]
        spans[article_id].extend(voice_spans(story.texts.get(article_id, ""), *parts))
    return spans


def _swap_spans(story: _Story, paragraph_text: Mapping[tuple[str, int], tuple[int, str]]) -> dict[str, list[Span]]:
    """Word swaps, found in their paragraph (in their sentence first) as whole words.

    An occurrence used by one swap is not used again by another swap against
    the same other version (a sentence that drops "and" twice marks both).
    """
    spans: dict[str, list[Span]] = defaultdict(list)
    used: set[tuple[str, str, int, int]] = set()
    sentences = {
        (str(r["article_id"]), int(r["sentence"])): (int(r["start"]), int(r["end"]))
        for r in _records(story.sentences[["article_id", "sentence", "start", "end"]])
    }
    for row in _records(story.substitutions):
        removed = "" if _blank(row["removed"]) else str(row["removed"])
        added = "" if _blank(row["added"]) else str(row["added"])
        title = f"swap: {removed or '∅'} → {added or '∅'} ({row['kind']})"
        for side, other, words, css in (
            ("a", "b", removed, "swap swap-removed"),
            ("b", "a", added, "swap swap-added"),
        ):
            article, paragraph = str(row[f"article_{side}"]), int(row[f"paragraph_{side}"])
            if not words or (article, paragraph) not in paragraph_text:
                continue
            sentence = row.get(f"sentence_{side}")
            within = None if _blank(sentence) else sentences.get((article, int(float(sentence or 0))))
            taken = {(s, e) for a, o, s, e in used if a == article and o == row[f"article_{other}"]}
            found = _find_word(paragraph_text[(article, paragraph)], words, within, taken)
            if found is not None:
                used.add((article, str(row[f"article_{other}"]), *found))
                spans[article].append(Span(*found, "swap", css, title))
    return spans


def _find_word(
    paragraph: tuple[int, str], words: str, within: tuple[int, int] | None, taken: set[tuple[int, int]]
) -> tuple[int, int] | None:
    """Article offsets of the first whole-word occurrence of ``words`` not ``taken`` (in ``within`` first)."""
    start, text = paragraph
    pattern = re.compile(r"(?<!\w)" + re.escape(words) + r"(?!\w)")
    ranges = [within, None] if within else [None]
    for limits in ranges:
        for match in pattern.finditer(text):
            found = (start + match.start(), start + match.end())
            if found in taken:
                continue
            if limits is None or (limits[0] <= found[0] and found[1] <= limits[1]):
                return found
    return None
