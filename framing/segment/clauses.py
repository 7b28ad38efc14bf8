"""Overlong sentences cut into pieces of at most a given number of words, so that no step costs more than linear.

A "sentence" of thousands of words (a text without full stops, lines apart by
single newlines, words joined by punctuation) would make every per-sentence
step (VADER, the attribution rules and tagger) cost the square of its length.
:func:`bounded_spans` leaves every sentence of at most ``max_words`` words as it
is and cuts a longer one into pieces of at most ``max_words`` words: each piece
ends at the last line break that leaves it at least half the limit, else at the
last clause mark (``;``, ``:``, a dash), else the last comma, else after its
``max_words``-th word.

>>> from framing.segment.tokens import TokenIndex
>>> text = "Rama spoke; the talks ended, and he left.\\nNo one said more"
>>> index = TokenIndex.of_text(text)
>>> [text[s:e] for s, e in bounded_spans(text, [(0, len(text))], index, max_words=8)]
['Rama spoke; the talks ended, and he left.', 'No one said more']
>>> [text[s:e] for s, e in bounded_spans(text, [(0, 41)], index, max_words=4)]
['Rama spoke;', 'the talks ended,', 'and he left.']
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence

from framing.segment.tokens import Token, TokenIndex

__all__ = ["bounded_spans"]

#: Tokens after which a clause ends (a comma ranks below them).
_CLAUSE_MARKS = frozenset({";", ":", "—", "–", "--", "…", "..."})


def bounded_spans(
    text: str, spans: Iterable[tuple[int, int]], index: TokenIndex, max_words: int
) -> list[tuple[int, int]]:
    """``spans`` (``[start, end)`` sentences of ``text``, in order) with every one of more than ``max_words``
    words (:func:`~framing.segment.word_tokens`, counted by ``index``, the tokens of ``text``) cut into pieces
    of at most ``max_words`` words; each piece starts and ends at a token, so no piece has white space at
    either end.  Linear in the length of the spans.
    """
    if max_words < 1:
        raise ValueError(f"max_words must be at least 1, not {max_words}")
    out: list[tuple[int, int]] = []
    for start, end in spans:
        if end - start <= max_words or index.words(start, end) <= max_words:
            out.append((start, end))
            continue
        first, last = index.span(start, end)
        out.extend(_pieces(text, index, first, last, max_words))
    return out


def _pieces(text: str, index: TokenIndex, first: int, last: int, max_words: int) -> list[tuple[int, int]]:
    """``tokens[first:last]`` cut into runs of at most ``max_words`` words, as character spans."""
    tokens, counts = index.tokens, index.counts
    pieces = []
    begin = first
    while counts[last] - counts[begin] > max_words:
        # tokens[begin:hard] hold max_words words and end with the last of them; tokens[begin:after] add
        # the tokens up to the next word (a comma, a closing quote); tokens[begin:least] hold half the words
        hard = bisect_left(counts, counts[begin] + max_words, begin, last + 1)
        after = bisect_left(counts, counts[begin] + max_words + 1, begin, last + 1) - 1
        least = bisect_left(counts, counts[begin] + max(1, max_words // 2), begin, last + 1)
        cut = _best_cut(text, tokens, range(after, least - 1, -1)) or hard
        pieces.append((tokens[begin].start, tokens[cut - 1].end))
        begin = cut
    if begin < last:
        pieces.append((tokens[begin].start, tokens[last - 1].end))
    return pieces


def _best_cut(text: str, tokens: Sequence[Token], cuts: range) -> int:
    """Where to end a piece, of the positions ``cuts`` (last first): the first with a line break before
    ``tokens[cut]``, else the first after a clause mark, else after a comma (0: none of them)."""
    mark = comma = 0
    for cut in cuts:
        before = tokens[cut - 1]
        if "\n" in text[before.end : tokens[cut].start]:
            return cut
        if not mark and before.text in _CLAUSE_MARKS:
            mark = cut
        elif not comma and before.text == ",":
            comma = cut
    return mark or comma
