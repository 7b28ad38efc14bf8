"""Quotations in news text: curly, straight and doubled-apostrophe quote marks, over paragraphs.

>>> text = 'He said: “It is over.” Then: "Not yet," she said.'
>>> [text[q.start:q.end] for q in find_quotes(text, [(0, len(text))])]
['“It is over.”', '"Not yet,"']
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from operator import attrgetter

from framing.segment import Token

__all__ = [
    "CLOSE_QUOTES",
    "OPEN_QUOTES",
    "STRAIGHT_QUOTE",
    "Quote",
    "find_quotes",
    "inside_quote",
    "quote_mark",
    "quotes_over",
]

OPEN_QUOTES = "“„«‟"
CLOSE_QUOTES = "”»"
STRAIGHT_QUOTE = '"'
_OPENING_CONTEXT = " \t\n([{—–-/"
#: A quote mark: ``''`` or one of the quote characters, each its own alternative (alternatives that
#: all begin with a literal character let the search skip quickly to the next mark).
_MARK_RE = re.compile("|".join(["''", *map(re.escape, OPEN_QUOTES + CLOSE_QUOTES + STRAIGHT_QUOTE)]))


@dataclass(frozen=True)
class Quote:
    """A quotation ``[start, end)``, marks included; one that the text never closes ends where the next
    quotation opens or where its paragraph ends."""

    start: int
    end: int


def inside_quote(position: int, quotes: Sequence[Quote]) -> bool:
    """Whether ``position`` lies strictly inside one of ``quotes`` (which are in text order)."""
    index = bisect_left(quotes, position, key=_START) - 1
    return index >= 0 and quotes[index].start < position < quotes[index].end


_START = attrgetter("start")
_END = attrgetter("end")


def quotes_over(quotes: Sequence[Quote], start: int, end: int) -> Sequence[Quote]:
    """The quotations of ``quotes`` (in text order and apart, as :func:`find_quotes` gives them) that overlap
    ``[start, end)``, found by bisection: a scan of every quotation for every sentence or attribution would
    cost the square of the article's length.

    >>> quotes = [Quote(0, 5), Quote(10, 20), Quote(30, 40)]
    >>> quotes_over(quotes, 4, 31), quotes_over(quotes, 5, 10)
    ([Quote(start=0, end=5), Quote(start=10, end=20), Quote(start=30, end=40)], [])
    """
    return quotes[bisect_right(quotes, start, key=_END) : bisect_left(quotes, end, key=_START)]


_MARKS = OPEN_QUOTES + CLOSE_QUOTES + STRAIGHT_QUOTE + "“"


def quote_mark(tokens: Sequence[Token], i: int) -> bool:
    """Token ``i`` is a double quote mark: a quote character, or one of the two apostrophes of ``''`` (which
    the tokenizer splits: "''I'll go,'' said Ms. Gil").

    >>> from framing.segment import tokenize
    >>> tokens = tokenize("''Go,'' he said of the candidates' views.")
    >>> [i for i in range(len(tokens)) if quote_mark(tokens, i)]
    [0, 1, 4, 5]
    """
    if not 0 <= i < len(tokens):
        return False
    text = tokens[i].text
    if text[:1] in _MARKS:
        return True
    if text != "'":
        return False
    return (i > 0 and tokens[i - 1].text == "'" and tokens[i - 1].end == tokens[i].start) or (
        i + 1 < len(tokens) and tokens[i + 1].text == "'" and tokens[i].end == tokens[i + 1].start
    )


def find_quotes(text: str, paragraphs: Sequence[tuple[int, int]]) -> list[Quote]:
    """Quotations in the given paragraphs, in order.

    Curly and straight double quotes (and ``''`` used as a quote mark) are
    read; a paragraph that ends inside a quotation continues it when the next
    paragraph opens with a quote mark (the news convention for long quotes).

    >>> text = '“One. Two.\\n\\n“Three,” he said. “Four.”'
    >>> [text[q.start:q.end] for q in find_quotes(text, [(0, 10), (12, len(text))])]
    ['“One. Two.\\n\\n“Three,”', '“Four.”']
    """
    quotes: list[Quote] = []
    open_at: int | None = None
    for number, (start, end) in enumerate(paragraphs):
        for mark in _MARK_RE.finditer(text, start, end):
            i, width = mark.start(), mark.end() - mark.start()
            opening = _is_opening(text, i, width, start)
            if opening and open_at is None:
                open_at = i
            elif opening and open_at is not None and i == start:
                pass  # the opening mark of a paragraph that continues a quote
            elif opening and open_at is not None:
                quotes.append(Quote(open_at, _rstrip(text, i)))
                open_at = i
            elif open_at is not None:
                quotes.append(Quote(open_at, i + width))
                open_at = None
        if open_at is not None:
            following = paragraphs[number + 1][0] if number + 1 < len(paragraphs) else None
            continues = (
                following is not None
                and _is_opening(text, following, 1, following)
                and (text[following] in OPEN_QUOTES + STRAIGHT_QUOTE + "'")
            )
            if not continues:
                quotes.append(Quote(open_at, end))
                open_at = None
    return quotes


def _is_opening(text: str, i: int, width: int, paragraph_start: int) -> bool:
    char = text[i]
    if char in OPEN_QUOTES:
        return True
    if char in CLOSE_QUOTES:
        return False
    before = text[i - 1] if i > paragraph_start else " "
    after = text[i + width] if i + width < len(text) else " "
    return (before in _OPENING_CONTEXT or i == paragraph_start) and not after.isspace()


def _rstrip(text: str, end: int) -> int:
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end
