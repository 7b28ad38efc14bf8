"""CSV, TSV, JSONL and Parquet files of articles, one row (or line) each; UTF-8 files are streamed line by line.

>>> import tempfile
>>> from framing.read.records import FIELDS
>>> path = Path(tempfile.mkdtemp()) / "news.csv"
>>> _ = path.write_bytes(b"id,text\\na,It rained.\\n")
>>> corpus = _read_table(path, "csv", {name: name for name in FIELDS}, 1000, True)
>>> corpus[0].article_id, corpus[0].text, corpus.inputs[0].bytes
('a', 'It rained.', 21)
"""

from __future__ import annotations

import codecs
import hashlib
import io
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from framing.problems import FramingError, Problem
from framing.read.corpus import ArticlesOnDisk, Corpus, InputFile
from framing.read.csv_rows import _csv_records
from framing.read.records import _from_records, _Numbered, _numbered, check_columns
from framing.read.stored import _RecordFormat, _StoredFile
from framing.read.textio import NotText, binary_kind, decode_bytes


def _read_parquet(path: Path, names: dict[str, str], max_chars: int) -> Corpus:
    """A Parquet table of articles (one row each), read with pyarrow; columns as for CSV."""
    try:
        import pyarrow.parquet as pq  # lazy: pyarrow is optional (pip install 'framing-toolkit[parquet]')
    except ImportError:
        raise FramingError(
            f"{path}: reading Parquet needs pyarrow: pip install 'framing-toolkit[parquet]', or convert it to CSV"
        ) from None
    data = path.read_bytes()
    try:
        table = pq.read_table(io.BytesIO(data))
    except Exception as exc:  # pyarrow raises several kinds for a broken file
        raise FramingError(f"{path} is not a readable Parquet file ({exc}); check the file or convert it") from None
    if names["text"] not in table.column_names:
        raise FramingError(
            f"{path} has no column {names['text']!r} (columns: {', '.join(map(str, table.column_names))}); "
            "name the column that holds the article text with --text-column (in Python: columns={'text': NAME})"
        )
    check_columns(str(path), names, table.column_names)
    table = table.drop([c for c in table.column_names if c.startswith("__index_level_")])  # pandas' saved index
    records = table.to_pylist()  # Python values: an integer column stays integers, with None where missing
    del table
    corpus = _from_records(_numbered(records), names, origin=str(path), default_story=path.stem, max_chars=max_chars)
    corpus.inputs = [InputFile(str(path), hashlib.sha256(data).hexdigest(), len(data))]
    return corpus


class _ReadWhole(Exception):
    """The file is not plain UTF-8 read line by line the same way as whole: it is decoded whole instead."""


def _read_table(path: Path, kind: str, names: dict[str, str], max_chars: int, keep_texts: bool) -> Corpus:
    """A CSV, TSV or JSONL file, streamed line by line; decoded whole (and held in memory) when it is not UTF-8."""
    try:
        return _stream_table(path, kind, names, max_chars, keep_texts)
    except _ReadWhole:
        pass
    data = path.read_bytes()
    try:
        decoded = decode_bytes(data, str(path), keep_newlines=kind != "jsonl")  # csv knows quoted line breaks
    except NotText as exc:
        raise FramingError(f"{path} {exc}") from None
    corpus_inputs = [InputFile(str(path), hashlib.sha256(data).hexdigest(), len(data))]
    del data  # a large corpus is held once at a time: bytes, then text, then articles
    problems: list[Problem] = []
    if decoded.note:
        problems.append(Problem(str(path), None, "warning", decoded.note))
    text = decoded.text
    del decoded
    lines = ((line, 0, 0) for line in (_lines(text) if kind == "jsonl" else io.StringIO(text, newline="")))
    corpus = _table_corpus(path, kind, lines, names, max_chars, problems, None)
    corpus.problems[:0] = problems
    corpus.inputs = corpus_inputs
    return corpus


def _stream_table(path: Path, kind: str, names: dict[str, str], max_chars: int, keep_texts: bool) -> Corpus:
    stored = _StoredFile.of(path)
    digest = hashlib.sha256()
    problems: list[Problem] = []
    with open(path, "rb") as handle:
        lines = _utf8_lines(handle, digest)
        corpus = _table_corpus(path, kind, lines, names, max_chars, problems, None if keep_texts else stored)
    if _StoredFile.of(path) != stored:
        raise FramingError(f"{path} changed while framing read it; run again when nothing writes to it")
    corpus.problems[:0] = problems
    corpus.inputs = [InputFile(str(path), digest.hexdigest(), stored.size)]
    return corpus


def _table_corpus(
    path: Path,
    kind: str,
    lines: Iterable[tuple[str, int, int]],
    names: dict[str, str],
    max_chars: int,
    problems: list[Problem],
    stored: _StoredFile | None,
) -> Corpus:
    """The articles of a table's lines (with their bytes in the file); texts left there when ``stored`` is given."""
    header: tuple[str, ...] = ()
    if kind == "jsonl":
        records = _jsonl_records(lines, path, problems)
    else:
        header, records = _csv_records(lines, "\t" if kind == "tsv" else ",", str(path), names, problems)
    on_disk = None
    if stored is not None:
        on_disk = ArticlesOnDisk(_RecordFormat(kind, names["text"], header))
        on_disk.add_file(stored)
    return _from_records(
        records, names, origin=str(path), default_story=path.stem, max_chars=max_chars, on_disk=on_disk, listed=problems
    )


def _utf8_lines(handle: io.BufferedReader, digest: Any) -> Iterator[tuple[str, int, int]]:
    """Each line of a UTF-8 file with ``\\n`` as its end, and its bytes ``[start, end)``; ``digest`` is fed every byte.

    Raises :class:`_ReadWhole` for what :func:`~framing.read.textio.decode_bytes` reads otherwise: a file that is
    empty, binary, UTF-16 or not UTF-8, or has a line break made of ``\\r`` alone.
    """
    head = handle.read(8192)
    handle.seek(0)
    if binary_kind(head) or head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise _ReadWhole
    position = 0
    blank = True
    for raw in handle:
        start = position
        position += len(raw)
        digest.update(raw)
        if start == 0 and raw.startswith(codecs.BOM_UTF8):
            raw, start = raw[3:], 3
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise _ReadWhole from None
        if "\r" in line:
            if line.find("\r") != len(line) - 2 or not line.endswith("\r\n"):
                raise _ReadWhole
            line = line[:-2] + "\n"
        blank = blank and not line.strip()
        yield line, start, position
    if blank:
        raise _ReadWhole


def _lines(text: str) -> Iterator[str]:
    """The lines of ``text`` one at a time (``text.split("\\n")`` would hold a copy of a large file at once)."""
    start = 0
    while True:
        end = text.find("\n", start)
        if end < 0:
            yield text[start:]
            return
        yield text[start:end]
        start = end + 1


def _jsonl_records(lines: Iterable[tuple[str, int, int]], path: Path, problems: list[Problem]) -> Iterator[_Numbered]:
    for number, (line, start, end) in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(
                Problem(str(path), number, "error", f"not read: not valid JSON ({exc.msg}); fix or remove the line")
            )
            continue
        if not isinstance(value, dict):
            problems.append(
                Problem(str(path), number, "error", "not read: each line must be a JSON object, one article per line")
            )
            continue
        yield number, value, start, end
