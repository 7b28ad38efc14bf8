"""An attribution row: the fields of ``attributions.csv`` as the rules find them, and how rows are made.

>>> row = plain_row("Rama: it is calm.", Sentence(0, 1, 0, 17, "", ()), ("Edi Rama", (0, 4)), ((4, 5), ":", "neutral"),
...                 (6, 16), [])
>>> (row.speaker, row.cue, row.content, row.kind)
('Edi Rama', ':', 'it is calm', 'indirect')
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from framing.measure.contents import content_kind
from framing.measure.quotes import Quote
from framing.measure.units import Sentence

__all__ = ["Attribution", "plain_row"]


@dataclass(frozen=True)
class Attribution:
    """One attribution, with offsets into the article text (``None`` where not applicable)."""

    paragraph: int
    sentence: int
    speaker: str
    speaker_mention: str
    speaker_start: int | None
    speaker_end: int | None
    cue: str
    cue_lemma: str
    cue_start: int | None
    cue_end: int | None
    stance: str
    kind: str
    content: str
    content_start: int
    content_end: int
    continuation: bool = False


def _new_attribution(**fields: object) -> Attribution:
    """``Attribution(**fields)``, given every field in order, without the frozen dataclass's
    ``__init__`` (which sets each field through ``object.__setattr__``, slow for the many rows):
    the instance's ``__dict__`` ends up the same."""
    row = object.__new__(Attribution)
    row.__dict__.update(fields)
    return row


def plain_row(
    text: str,
    sentence: Sentence,
    source: tuple[str, tuple[int, int]],
    cue: tuple[tuple[int, int], str, str],
    content: tuple[int, int],
    quotes: Sequence[Quote],
) -> Attribution:
    """An attribution from its parts: ``source`` (speaker, span), ``cue`` (span, lemma, stance), ``content``."""
    (speaker, (source_start, source_end)), ((cue_start, cue_end), lemma, stance) = source, cue
    start, end = content
    return _new_attribution(
        paragraph=sentence.paragraph,
        sentence=sentence.number,
        speaker=speaker,
        speaker_mention=text[source_start:source_end],
        speaker_start=source_start,
        speaker_end=source_end,
        cue=text[cue_start:cue_end],
        cue_lemma=lemma,
        cue_start=cue_start,
        cue_end=cue_end,
        stance=stance,
        kind=content_kind(start, end, quotes, text),
        content=text[start:end],
        content_start=start,
        content_end=end,
        continuation=False,
    )
