"""How an article's text is read back from its record's bytes, and the file it stays in until then.

A record's text is its text field as a string, with ``\\n`` line ends; a CSV field may be as long as any article.

>>> _record_text({"text": "One\\r\\ntwo", "id": None}, "text"), _as_text(None)
('One\\ntwo', '')
>>> _RecordFormat("jsonl", "text").text(b'{"text": "It rained."}\\n', "news.jsonl")
'It rained.'
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from framing.problems import FramingError
from framing.read.textio import NotText, decode_bytes, normalize_newlines, without_nuls

__all__ = ["CSV_FIELD_LIMIT"]

#: The longest CSV field read (the csv module's default, 131,072 characters, is shorter than many articles):
#: longer texts than ``max_chars`` are still read, to be reported in problems.csv.
CSV_FIELD_LIMIT = 2**31 - 1


_SURROGATE = re.compile("[\ud800-\udfff]")


def _allow_long_fields() -> None:
    if csv.field_size_limit() < CSV_FIELD_LIMIT:
        csv.field_size_limit(CSV_FIELD_LIMIT)


def _as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value != value:  # NaN from pandas
        return ""
    return str(value)


def _record_text(record: Mapping[Any, Any], text_field: str) -> str:
    """The article text of a record, with ``\\n`` line ends (as :func:`_cell_text` gives it)."""
    return _cell_text(record.get(text_field))[0]


def _cell_text(value: Any) -> tuple[str, str]:
    """The article text a record's cell holds, with ``\\n`` line ends and no NUL characters, and a note on what
    was changed (``""`` when nothing was).  A list of strings (a Parquet or JSON column of paragraphs) is joined
    with a blank line between its items; a cell that holds other lists, a mapping or bytes raises
    :class:`~framing.read.textio.NotText` (its Python form is not the article).

    >>> _cell_text(["Rain fell.", "Rivers rose."])
    ('Rain fell.\\n\\nRivers rose.', 'the text is a list of 2 strings; joined as paragraphs (a blank line between)')
    >>> _cell_text({"body": "Rain."})
    Traceback (most recent call last):
    framing.read.textio.NotText: holds a mapping (dict or struct), not text
    """
    note = ""
    if isinstance(value, (list, tuple)) or (hasattr(value, "tolist") and getattr(value, "ndim", 0) == 1):
        items = list(value)
        if not all(isinstance(item, str) for item in items):
            kinds = ", ".join(sorted({type(item).__name__ for item in items if not isinstance(item, str)}))
            raise NotText(f"holds a list of {kinds}, not text")
        value = "\n\n".join(items)
        note = f"the text is a list of {len(items)} strings; joined as paragraphs (a blank line between)"
    elif isinstance(value, Mapping):
        raise NotText("holds a mapping (dict or struct), not text")
    elif isinstance(value, (bytes, bytearray)):
        raise NotText("holds bytes, not text")
    text, removed = without_nuls(_as_text(value))
    if _SURROGATE.search(text):  # a JSON "\\ud800" alone: no file can hold it
        text = _SURROGATE.sub("\ufffd", text)
        removed = "; ".join(part for part in (removed, "lone surrogates replaced by U+FFFD") if part)
    return normalize_newlines(text), "; ".join(part for part in (note, removed) if part)


@dataclass(frozen=True)
class _StoredFile:
    """A file that texts are read back from, as it was when first read (so that a change is noticed)."""

    path: str
    size: int
    mtime_ns: int

    @classmethod
    def of(cls, path: str | Path) -> _StoredFile:
        try:
            status = os.stat(path)
        except OSError:
            return cls(str(path), -1, -1)
        return cls(str(path), status.st_size, status.st_mtime_ns)

    def check(self) -> None:
        if _StoredFile.of(self.path) != self:
            raise FramingError(
                f"{self.path} was changed, moved or removed after framing read it; "
                "run again, and leave the input files as they are until the run ends"
            )


@dataclass(frozen=True)
class _RecordFormat:
    """How to get an article's text back from the bytes of its record: a whole ``.txt`` file, a JSONL line,
    or a CSV/TSV record (with the header read at the top of its file)."""

    kind: str
    text_field: str = ""
    header: tuple[str, ...] = ()

    def text(self, data: bytes, path: str) -> str:
        if self.kind == "txt":
            return decode_bytes(data, path).text
        line = normalize_newlines(data.decode("utf-8"))
        if self.kind == "jsonl":
            record = json.loads(line)
        else:
            delimiter = "\t" if self.kind == "tsv" else ","
            _allow_long_fields()
            record = next(csv.DictReader(io.StringIO(line), fieldnames=list(self.header), delimiter=delimiter))
        return _record_text(record, self.text_field)
