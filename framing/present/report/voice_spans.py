"""Whose voice, as highlights: a source's quoted words and its reported speech; the outlet's narration stays plain.

The spans are :class:`framing.measure.voice.Voices` of the article, made from
the same tables (body paragraphs, sentences, attributions) as the ``voice``
columns of ``sentences.csv`` and ``terms.csv``, so the page marks exactly
what the tables count.

>>> from framing.run.pipeline import analyze
>>> text = "T\\n\\nThe so-called “reform” stalled. “We tried,” Pereira said. Pereira added that it was over."
>>> tables = analyze([{"id": "a", "source": "Wire", "text": text}]).tables
>>> spans = voice_spans(text, tables["paragraphs"], tables["sentences"], tables["attributions"])
>>> [(text[s.start:s.end], s.classes, s.title) for s in spans]
[('“We tried,”', 'content voice-quoted', 'quoted speech by Pereira'), \
('that it was over', 'content voice-reported', 'reported speech by Pereira')]
"""

from __future__ import annotations

from typing import Any, NamedTuple

import pandas as pd

from framing.measure.voice import Voices
from framing.present.report.highlight import Span
from framing.present.report.rows import _records

__all__ = ["voice_spans"]

#: How a span of each voice is titled.
_LABELS = {"quoted": "quoted speech", "reported": "reported speech"}


class _Row(NamedTuple):
    """An attributions row as :class:`~framing.measure.voice.Voices` reads it (missing offsets ``None``)."""

    speaker: str
    stance: str
    cue_lemma: str
    content_start: int
    content_end: int
    speaker_start: int | None
    speaker_end: int | None
    cue_start: int | None
    cue_end: int | None


def voice_spans(text: str, paragraphs: pd.DataFrame, sentences: pd.DataFrame, attributions: pd.DataFrame) -> list[Span]:
    """Highlights of the quoted and reported speech in one article's ``text`` (its tables' rows)."""
    if not text:
        return []
    body = paragraphs[paragraphs["role"] == "body"]
    blocks = [(int(s), int(e)) for s, e in zip(body["start"], body["end"], strict=True)]
    spans = [(int(s), int(e)) for s, e in zip(sentences["start"], sentences["end"], strict=True)]
    rows = [_row(record) for record in _records(attributions)]
    voices = Voices.of(text, blocks, sorted(spans), rows)
    out = []
    for span in voices.spans:
        inside = [r for r in rows if r.content_start < span.end and span.start < r.content_end]
        named = [s for s in dict.fromkeys(r.speaker for r in inside) if s]
        title = _LABELS[span.voice] + (f" by {', '.join(named)}" if named else "")
        out.append(Span(span.start, span.end, "content", f"content voice-{span.voice}", title))
    return out


def _row(record: dict[Any, Any]) -> _Row:
    """A row of the attributions table, typed."""

    def text(name: str) -> str:
        value = record.get(name)
        return value if isinstance(value, str) else ""

    def offset(name: str) -> int | None:
        value = record.get(name)
        return None if value is None or pd.isna(value) else int(value)

    return _Row(
        text("speaker"),
        text("stance"),
        text("cue_lemma"),
        offset("content_start") or 0,
        offset("content_end") or 0,
        offset("speaker_start"),
        offset("speaker_end"),
        offset("cue_start"),
        offset("cue_end"),
    )
