"""The input's own columns beyond framing's fields (an outlet's leaning, a year, a topic), kept with each article.

Every column of a table, record or ``manifest.csv`` that is not one of the
fields framing reads (``id, text, source, title, date, story, url``, or the
columns named for them) is kept with its article as :class:`ExtraColumns` and
written to ``articles.csv`` after framing's own columns, in input order.  A
column named like one framing computes (``words``, ``title`` when the title
comes from another column) is kept as ``input_<name>``, with a warning.  A
column named for a field (``--source-column outlet``) that the input does not
have is a one-line error naming the columns it has.

>>> layout = _ExtraLayout({"id": "id", "text": "text"}, origin="news.jsonl")
>>> extra = layout.extra({"id": "a", "text": "Rain.", "lean": "left", "words": 12, "year": 2012})
>>> dict(extra), [p.message for p in layout.problems]
({'lean': 'left', 'input_words': 12, 'year': 2012}, ["the column 'words' is kept as 'input_words' (framing \
computes a 'words' column)"])
>>> column_error("news.csv", "source", "outlte", ["id", "outlet", "text"])
"news.csv has no column 'outlte' for --source-column; did you mean 'outlet'? (columns: id, outlet, text)"
"""

from __future__ import annotations

import datetime
import difflib
import json
import math
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from framing.contract import columns
from framing.problems import Problem, writable

__all__ = ["EMPTY_EXTRA", "ExtraColumns", "column_error", "plain_value"]

#: Distinct short values a reader shares between articles (so a leaning column holds each string once).
_SHARED_VALUES = 4096


class ExtraColumns(Mapping[str, Any]):
    """An article's own columns, in input order: ``names`` shared by every article of a corpus, ``cells`` (the
    values) its own.

    Values are plain Python values: text, ``int``, ``float``, ``bool`` or
    ``None`` (JSON lists and objects as JSON text, dates as ISO text).

    >>> extra = ExtraColumns(("lean", "year"), ("left", None))
    >>> extra["lean"], extra.get("year"), len(extra), ExtraColumns.of({"lean": "left", "year": None}) == extra
    ('left', None, 2, True)
    """

    __slots__ = ("cells", "names")

    def __init__(self, names: tuple[str, ...] = (), cells: tuple[Any, ...] = ()) -> None:
        if len(cells) != len(names):
            raise ValueError(f"{len(names)} extra column names but {len(cells)} values")
        self.names = names
        self.cells = cells

    @classmethod
    def of(cls, columns: Mapping[str, Any]) -> ExtraColumns:
        """The columns of a mapping, their values made plain (:func:`plain_value`)."""
        return cls(tuple(map(str, columns)), tuple(plain_value(v) for v in columns.values()))

    def __getitem__(self, name: str) -> Any:
        try:
            return self.cells[self.names.index(name)]
        except ValueError:
            raise KeyError(name) from None

    def __iter__(self) -> Iterator[str]:
        return iter(self.names)

    def __len__(self) -> int:
        return len(self.names)

    def __hash__(self) -> int:
        return hash((self.names, self.cells))

    def __repr__(self) -> str:
        return f"ExtraColumns({dict(self)!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (ExtraColumns, (self.names, self.cells))

    def padded(self, names: tuple[str, ...]) -> ExtraColumns:
        """These columns under ``names`` (a superset, in the corpus's order); the ones missing are ``None``."""
        if names == self.names:
            return self
        return ExtraColumns(names, tuple(self.get(name) for name in names))


#: An article without columns of its own.
EMPTY_EXTRA = ExtraColumns()


def plain_value(value: Any) -> Any:
    """``value`` as text, ``int``, ``float``, ``bool`` or ``None`` (missing), the way a table cell writes it.

    >>> import numpy as np
    >>> [plain_value(v) for v in (np.int64(7), float("nan"), np.bool_(True), [1, "a"], datetime.date(2012, 5, 1))]
    [7, None, True, '[1, "a"]', '2012-05-01']
    """
    if isinstance(value, str):
        return writable(value)  # a lone surrogate (a JSON "\\ud800") would stop the table writer
    if value is None or isinstance(value, (bool, int)):
        return value
    if isinstance(value, float):
        return None if math.isnan(value) else value
    if isinstance(value, (list, tuple, dict)):
        return json.dumps(value, ensure_ascii=False, default=str)
    if isinstance(value, (datetime.date, datetime.time)):
        return None if str(value) == "NaT" else value.isoformat()
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    item = getattr(value, "item", None)  # numpy scalars; pandas' NA and NaT are missing
    if callable(item) and getattr(value, "shape", None) == ():
        return plain_value(item())
    if getattr(value, "isoformat", None) is not None and str(value) != "NaT":
        return value.isoformat()
    if str(value) in ("<NA>", "NaT"):
        return None
    try:
        if value != value:
            return None
    except (TypeError, ValueError):
        pass
    return str(value)


def column_error(origin: str, field: str, name: str, available: Iterable[Any]) -> str:
    """One line saying that ``origin`` has no column ``name`` for ``--FIELD-column``, with the closest names."""
    names = [str(n) for n in available if n is not None]
    close = difflib.get_close_matches(name, names, n=1, cutoff=0.6)
    hint = f"; did you mean {close[0]!r}?" if close else ";"
    return f"{origin} has no column {name!r} for --{field}-column{hint} (columns: {', '.join(names) or 'none'})"


class _ExtraLayout:
    """Which columns of the records a reader meets are the input's own, and the name each is written under.

    ``names`` maps each field to the input column read for it; columns met for
    the first time extend the layout (a JSONL line may add a key), so the
    articles read before keep fewer names: :meth:`padded` gives them all.
    """

    def __init__(self, names: Mapping[str, str], *, origin: str) -> None:
        self._fields = frozenset(names.values())
        self._reserved = frozenset(columns("articles"))
        self.origin = origin
        self.problems: list[Problem] = []
        self._index: dict[Any, int] = {}
        self.names: tuple[str, ...] = ()
        self.seen: list[Any] = []  # every column met, fields too, in order (for the errors)
        self._seen_set: set[Any] = set()
        self._shared: dict[tuple[type, Any], Any] = {}

    def add(self, keys: Iterable[Any]) -> None:
        """Take note of the columns ``keys`` (a header, or a record's keys)."""
        for key in keys:
            if key in self._seen_set or key is None:
                continue
            self._seen_set.add(key)
            self.seen.append(key)
            if key in self._fields:
                continue
            self._index[key] = len(self.names)
            self.names = (*self.names, self._output_name(str(key)))

    def _output_name(self, name: str) -> str:
        if not name.strip():  # a column without a name (a spreadsheet's index, a trailing comma)
            name = f"unnamed_{len(self.names) + 1}"
        if name not in self._reserved and name not in self.names:
            return name
        kept = f"input_{name}"
        suffix = 2
        while kept in self._reserved or kept in self.names or kept in self._seen_set:
            kept, suffix = f"input_{name}_{suffix}", suffix + 1
        self.problems.append(
            Problem(
                self.origin,
                None,
                "warning",
                f"the column {name!r} is kept as {kept!r} (framing computes a {name!r} column)",
            )
        )
        return kept

    def extra(self, record: Mapping[Any, Any]) -> ExtraColumns:
        """The record's own columns (those it lacks are ``None``)."""
        if len(record) > len(self._seen_set) or any(key not in self._seen_set for key in record):
            self.add(record)
        if not self.names:
            return EMPTY_EXTRA
        values = [None] * len(self.names)
        for key, position in self._index.items():
            values[position] = self._share(plain_value(record.get(key)))
        return ExtraColumns(self.names, tuple(values))

    def _share(self, value: Any) -> Any:
        """``value``, or the equal value met before (a leaning or a year is then held once, not per article)."""
        if (isinstance(value, str) and len(value) <= 64) or type(value) in (int, float):
            key = (type(value), value)
            if key in self._shared:
                return self._shared[key]
            if len(self._shared) < _SHARED_VALUES:
                self._shared[key] = value
        return value
