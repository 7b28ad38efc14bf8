"""Whose voice: which words of a body are the outlet's narration, a source's quoted words, or its reported speech.

Every position of a body has one voice, decided from the attributions the
article already has and its quotation marks:

- ``quoted``: the words inside quotation marks that are a source's: a
  quotation inside an attribution's content (a direct quote, the quoted
  words of a partial one, a continuation with no cue of its own), a
  quotation that abuts a source or cue ("“…,” Pereira said, “…”"), and a
  quotation that makes up whole sentences (a paragraph that is all quote,
  its speaker named in the next sentence).  Quotation marks around a few
  words of the outlet's own sentence and no attribution (scare quotes: the
  so-called “reform”) are not quoted speech.
- ``reported``: the rest of an attribution's content when it is a source's
  indirect speech (:func:`framing.measure.speech.reports_speech`).
- ``narration``: everything else, the source's name and the cue included.

A sentence's voice is ``narration`` unless at least half its words are a
source's (quoted or reported: the source's name and cue alone are not the
sentence's point); then ``quoted`` or ``reported``, whichever has more words
(``quoted`` on a tie).  Words are those :mod:`framing.segment` counts.

>>> from framing.read import Article
>>> from framing.clean import clean
>>> from framing.measure.attribution import find_attributions
>>> from framing.measure.units import body_sentences
>>> text = "T\\n\\nThe so-called “reform” stalled. “We tried,” Pereira said. She said that it was over."
>>> cleaned = clean(Article("a", text))
>>> sentences = body_sentences(cleaned)
>>> body = [(b.start, b.end) for b in cleaned.body]
>>> spans = [(s.start, s.end) for s in sentences]
>>> voices = Voices.of(text, body, spans, find_attributions(text, sentences, body))
>>> [voices.sentence(cleaned.token_index, s.start, s.end)[0] for s in sentences]
['narration', 'quoted', 'reported']
>>> voices.at(text.index("reform")), voices.at(text.index("Pereira")), voices.at(text.index("over"))
('narration', 'narration', 'reported')
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from operator import attrgetter
from typing import NamedTuple, Protocol

from framing.contract import VOICES
from framing.measure.quotes import Quote, find_quotes, quotes_over
from framing.measure.speech import AttributionLike, reports_speech
from framing.segment import TokenIndex

__all__ = ["VOICES", "Attributed", "SentenceVoice", "VoiceSpan", "Voices", "sentence_voice"]

#: Characters that may stand between a quotation and the source or cue it abuts ("“…,” Rama said"); the
#: pattern fails at the first other character, so a far quotation costs no scan of the text between.
_ONLY_JOINERS = re.compile("[ ,:;—–\\-\u00a0]*")
_START = attrgetter("start")
_END = attrgetter("end")


class Attributed(AttributionLike, Protocol):
    """An attribution as voices read it: the content, and where its source and cue are (``None`` when absent)."""

    @property
    def speaker_start(self) -> int | None: ...
    @property
    def speaker_end(self) -> int | None: ...
    @property
    def cue_start(self) -> int | None: ...
    @property
    def cue_end(self) -> int | None: ...


class VoiceSpan(NamedTuple):
    """Characters ``[start, end)`` of a body in one voice (``quoted`` or ``reported``)."""

    start: int
    end: int
    voice: str


class SentenceVoice(NamedTuple):
    """A sentence's voice and its words: all of them, and those quoted and reported (the rest are narration)."""

    voice: str
    words: int
    words_quoted: int
    words_reported: int


def sentence_voice(words: int, quoted: int, reported: int) -> str:
    """The voice of a sentence with ``words`` words, ``quoted`` of them quoted and ``reported`` reported.

    >>> sentence_voice(10, 5, 0), sentence_voice(10, 2, 3), sentence_voice(10, 4, 0), sentence_voice(0, 0, 0)
    ('quoted', 'reported', 'narration', 'narration')
    """
    speech = quoted + reported
    if not words or 2 * speech < words:
        return "narration"
    return "quoted" if quoted >= reported else "reported"


class Voices:
    """The quoted and reported spans of one text, disjoint and in order; every other position is narration."""

    def __init__(self, spans: Sequence[VoiceSpan]):
        self.spans = list(spans)
        self._starts = [s.start for s in self.spans]

    @classmethod
    def of(
        cls,
        text: str,
        paragraphs: Sequence[tuple[int, int]],
        sentences: Sequence[tuple[int, int]],
        attributions: Iterable[Attributed],
        index: TokenIndex | None = None,
    ) -> Voices:
        """The voices of the body of ``text``: ``paragraphs`` and ``sentences`` are the body blocks' and
        sentences' ``(start, end)``, ``attributions`` the article's; ``index`` the text's tokens (made when
        not given)."""
        quotes = find_quotes(text, paragraphs)
        index = index or TokenIndex.of_text(text)
        rows = list(attributions)
        quoted: list[tuple[int, int]] = []
        reported: list[tuple[int, int]] = []
        for row in rows:
            start, end = int(row.content_start), int(row.content_end)
            inside = list(quotes_over(quotes, start, end))
            quoted.extend((max(q.start, start), min(q.end, end)) for q in inside)
            if reports_speech(text, row, inside):
                reported.append((start, end))
        quoted.extend(_beside_cues(text, quotes, rows))
        quoted.extend(_whole_sentences(quotes, sentences, index))
        return cls(_combined(_union(quoted), _union(reported)))

    def at(self, position: int) -> str:
        """The voice at character ``position``."""
        i = bisect_right(self._starts, position) - 1
        if i >= 0 and position < self.spans[i].end:
            return self.spans[i].voice
        return "narration"

    def words(self, index: TokenIndex, start: int, end: int) -> tuple[int, int]:
        """Quoted and reported words (tokens starting) in ``[start, end)``."""
        counts = {"quoted": 0, "reported": 0}
        for span in self.spans[max(0, bisect_right(self._starts, start) - 1) : bisect_left(self._starts, end)]:
            low, high = max(start, span.start), min(end, span.end)
            if low < high:
                counts[span.voice] += index.words(low, high)
        return counts["quoted"], counts["reported"]

    def sentence(self, index: TokenIndex, start: int, end: int) -> SentenceVoice:
        """The voice and word counts of the sentence ``[start, end)``."""
        words = index.words(start, end)
        quoted, reported = self.words(index, start, end)
        return SentenceVoice(sentence_voice(words, quoted, reported), words, quoted, reported)


def _beside_cues(text: str, quotes: Sequence[Quote], rows: Sequence[Attributed]) -> list[tuple[int, int]]:
    """Quotations that abut an attribution's source or cue with only punctuation between ("“…,” X said, “…”")."""
    found = []
    for row in rows:
        starts = [v for v in map(_offset, (row.speaker_start, row.cue_start)) if v is not None]
        ends = [v for v in map(_offset, (row.speaker_end, row.cue_end)) if v is not None]
        if not starts or not ends:
            continue
        frame_start, frame_end = min(starts), max(ends)
        # only the last quotation before the frame and the first after it can abut it: the marks of any
        # other stand between
        last = bisect_right(quotes, frame_start, key=_END) - 1
        if last >= 0 and _ONLY_JOINERS.fullmatch(text, quotes[last].end, frame_start) is not None:
            found.append((quotes[last].start, quotes[last].end))
        following = bisect_left(quotes, frame_end, key=_START)
        if following < len(quotes) and _ONLY_JOINERS.fullmatch(text, frame_end, quotes[following].start) is not None:
            found.append((quotes[following].start, quotes[following].end))
    return found


def _offset(value: object) -> int | None:
    """An offset as a number, or ``None`` when it is not there (``None``, NaN, pandas' NA)."""
    try:
        return int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return None


def _whole_sentences(
    quotes: Sequence[Quote], sentences: Sequence[tuple[int, int]], index: TokenIndex
) -> list[tuple[int, int]]:
    """The parts of quotations in sentences whose every word is inside quotation marks."""
    found = []
    for start, end in sentences:
        parts = [(max(q.start, start), min(q.end, end)) for q in quotes_over(quotes, start, end)]
        words = index.words(start, end)
        if parts and words and sum(index.words(a, b) for a, b in parts) >= words:
            found.extend(parts)
    return found


def _union(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping or touching spans merged, in order."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(s for s in spans if s[0] < s[1]):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _combined(quoted: list[tuple[int, int]], reported: list[tuple[int, int]]) -> list[VoiceSpan]:
    """Quoted and reported spans as one ordered list, quoted winning where they overlap."""
    out = [VoiceSpan(s, e, "quoted") for s, e in quoted]
    quoted_starts, quoted_ends = [s for s, _ in quoted], [e for _, e in quoted]
    for start, end in reported:
        position = start
        # the quoted spans over [start, end) (both lists are merged, so in order and apart)
        for q_start, q_end in quoted[bisect_right(quoted_ends, start) : bisect_left(quoted_starts, end)]:
            if q_end <= position or q_start >= end:
                continue
            if q_start > position:
                out.append(VoiceSpan(position, q_start, "reported"))
            position = max(position, q_end)
        if position < end:
            out.append(VoiceSpan(position, end, "reported"))
    return sorted(out)
