"""The rows of a CSV or TSV table, each checked against the lines it was read from.

A row whose quote is never closed swallows the rows after it: Python's
:mod:`csv` reader (lenient, as spreadsheets write files) reads on until some
later quote closes it, and the fields after that become the row's source or
date (``aides said."``).  Each record is therefore checked again, strictly,
on its own physical lines: a record whose quoting is broken, or that has more
fields than the header, is

* **not read** when it runs over several lines (each of them is listed in
  ``problems.csv``: the row whose quote is open, and every line it took in);
* read, with a warning naming its line, when it is one line (a stray quote
  or an unquoted comma: nothing was taken from another row).

A quoted field that legitimately holds line breaks passes the strict check
and is read as it is.

>>> from framing.problems import Problem
>>> problems: list[Problem] = []
>>> lines = ['id,text\\n', 'a,"Rain fell.\\n', 'b,"Sun, said aides."\\n', 'c,Snow.\\n']
>>> header, rows = _csv_records(((line, 0, 0) for line in lines), ",", "news.csv", {"text": "text"}, problems)
>>> [(line, row["id"]) for line, row, _, _ in rows]
[(4, 'c')]
>>> [(p.line, p.severity) for p in problems]
[(2, 'error'), (3, 'error')]
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from framing.problems import FramingError, Problem
from framing.read.records import _Numbered, check_columns
from framing.read.stored import _allow_long_fields

_QUOTE_HINT = "a field holding the delimiter, quotes or line breaks must be quoted, with its quotes doubled"


class _LineFeed:
    """The text of each line, for :mod:`csv`, remembering where in the file the last one given out ends and the
    lines given out since :meth:`take` was last called (the record the reader is on)."""

    def __init__(self, lines: Iterable[tuple[str, int, int]]) -> None:
        self._lines = iter(lines)
        self.end = 0
        self._taken: list[str] = []

    def __iter__(self) -> _LineFeed:
        return self

    def __next__(self) -> str:
        text, _start, self.end = next(self._lines)
        self._taken.append(text)
        return text

    def take(self) -> list[str]:
        """The lines given out since the last call, without the blank lines the reader skipped before a record."""
        taken, self._taken = self._taken, []
        while len(taken) > 1 and not taken[0].strip("\r\n"):
            del taken[0]
        return taken


def _csv_records(
    lines: Iterable[tuple[str, int, int]],
    delimiter: str,
    origin: str,
    names: Mapping[str, str],
    problems: list[Problem],
) -> tuple[tuple[str, ...], Iterator[_Numbered]]:
    """The header of a CSV or TSV table (checked for the text column) and its records, one at a time; the rows
    that are not read (or read with a doubt) are added to ``problems`` as they are met."""
    _allow_long_fields()
    feed = _LineFeed(lines)
    reader = csv.DictReader(feed, delimiter=delimiter)
    try:
        header = reader.fieldnames or []
    except csv.Error as exc:
        raise FramingError(f"{origin} line 1 is not a CSV header ({exc}); fix the file") from None
    if names["text"] not in header:
        flag = "--text-column" if names["text"] == "text" else f"--text-column (now {names['text']!r})"
        raise FramingError(
            f"{origin} has no column {names['text']!r} (columns: {', '.join(map(_shown, header)) or 'none'}); "
            f"name the column that holds the article text with {flag} (in Python: columns={{'text': NAME}})"
        )
    check_columns(origin, names, header)

    def records() -> Iterator[_Numbered]:
        start = feed.end
        feed.take()
        last = 1
        try:
            for row in reader:
                own = feed.take()
                last = reader.line_num
                first = last - len(own) + 1
                trouble = _trouble(own, row, len(header), delimiter)
                if trouble:
                    problems.extend(_row_problems(origin, first, last, trouble))
                if not trouble or first == last:
                    yield first, row, start, feed.end
                start = feed.end
        except csv.Error as exc:
            raise FramingError(
                f"{origin} line {last + 1} cannot be read as CSV ({exc}); fix the file ({_QUOTE_HINT})"
            ) from None

    return tuple(header), records()


def _shown(name: str) -> str:
    """A column name for a one-line message: as it is, or as a Python string when it holds a line break.

    >>> print(_shown("text"), _shown("id\\ntext"))
    text 'id\\ntext'
    """
    return repr(name) if "\n" in name or "\r" in name else name


def _trouble(lines: list[str], row: Mapping[Any, Any], width: int, delimiter: str) -> str:
    """What is wrong with a record read from ``lines`` (``""`` when nothing is): broken quoting, more fields
    than the header's ``width`` (the lenient reader keeps them under the key ``None``), or, over several lines,
    fewer fields than the header while a line inside it, read alone, has a whole row's.

    >>> _trouble(['a,"Rain," he said\\n'], {"id": "a", "text": "Rain, he said"}, 2, ",")
    'its quoting is broken (\\',\\' expected after \\'"\\')'
    >>> _trouble(['a,Rain, he said\\n'], {"id": "a", "text": "Rain", None: [" he said"]}, 2, ",")
    'it has 3 fields for the 2 columns of the header'
    """
    if any('"' in line for line in lines):
        try:
            for _ in csv.reader(lines, delimiter=delimiter, strict=True):
                pass
        except csv.Error as exc:
            return f"its quoting is broken ({exc})"
    extra = row.get(None)
    if extra:
        return f"it has {width + len(extra)} fields for the {width} columns of the header"
    if len(lines) > 1 and any(value is None for value in row.values()):  # fewer fields than the header
        for line in lines[1:]:
            if len(next(csv.reader([line], delimiter=delimiter), [])) >= width:
                return "it has fewer fields than the header, and a line inside it has as many as a row"
    return ""


def _row_problems(origin: str, first: int, last: int, trouble: str) -> list[Problem]:
    """The rows of ``problems.csv`` for a record on lines ``first``..``last`` that is not right."""
    if first == last:
        return [Problem(origin, first, "warning", f"read, but {trouble}; check the row ({_QUOTE_HINT})")]
    head = Problem(
        origin,
        first,
        "error",
        f"not read: the row of this line runs on to line {last} and {trouble}: a quote opened in it is probably "
        f"never closed, so the rows after it were swallowed; close the quote ({_QUOTE_HINT})",
    )
    taken = [
        Problem(origin, line, "error", f"not read: taken into the row of line {first}, whose quote is not closed")
        for line in range(first + 1, last + 1)
    ]
    return [head, *taken]
