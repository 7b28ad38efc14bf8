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
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from framing.problems import FramingError
from framing.read.textio import decode_bytes, normalize_newlines

__all__ = ["CSV_FIELD_LIMIT"]

#: The longest CSV field read (the csv module's default, 131,072 characters, is shorter than many articles):
#: longer texts than ``max_chars`` are still read, to be reported in problems.csv.
CSV_FIELD_LIMIT = 2**31 - 1


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
    """The article text of a record, with ``\\n`` line ends."""
    return normalize_newlines(_as_text(record.get(text_field)))


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
