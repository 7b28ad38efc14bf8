"""Articles and corpora, and the readers that build them from what users have.

``load`` accepts a folder of ``.txt`` files (each sub-folder is one story; a
flat folder is one story), a ``.txt`` file, a CSV or JSONL file, a pandas
DataFrame or a list of dicts.  An optional ``manifest.csv`` beside text files
gives per-file metadata.  Whatever cannot be read becomes a
:class:`~framing.problems.Problem`; nothing is skipped silently.

>>> corpus = load([{"id": "a", "text": "Rama said it.", "source": "AP"}])
>>> len(corpus), corpus[0].source, corpus[0].story
(1, 'AP', 'records')
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import json
import os
from array import array
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, overload

import pandas as pd

from framing.problems import FramingError, Problem
from framing.read.textio import NotText, binary_kind, decode_bytes, normalize_newlines

__all__ = [
    "DEFAULT_MAX_CHARS",
    "FIELDS",
    "MANIFEST_NAME",
    "Article",
    "ArticlesOnDisk",
    "Corpus",
    "InputFile",
    "load",
    "metadata_of",
    "take",
    "with_stories",
]

#: The fields an input record can carry, and the default column names for them.
FIELDS = ("id", "text", "source", "title", "date", "story", "url")
#: Texts (or files) larger than this are reported in problems.csv, not read:
#: a news article is rarely above 100 kB, a file of 5 MB is usually a dump.
DEFAULT_MAX_CHARS = 5_000_000
#: The optional per-folder metadata file for folders of text files.
MANIFEST_NAME = "manifest.csv"
_MANIFEST_FIELDS = ("source", "title", "date", "url", "story")
_TABLE_SUFFIXES = {".csv": "csv", ".tsv": "tsv", ".jsonl": "jsonl", ".ndjson": "jsonl"}


@dataclass(frozen=True)
class Article:
    """One version of a story, as read: its text and the metadata the user gave."""

    article_id: str
    text: str
    source: str = ""
    title: str = ""
    date: str = ""
    story: str = ""
    url: str = ""
    input: str = ""


@dataclass(frozen=True)
class InputFile:
    """A file that was read, with its checksum for the run manifest."""

    path: str
    sha256: str
    bytes: int


@dataclass
class Corpus:
    """Articles plus the problems met while reading them and the files read.

    ``articles`` is a list, or :class:`ArticlesOnDisk` when the texts were left
    in their files (``load(..., keep_texts=False)``).
    """

    articles: Sequence[Article]
    problems: list[Problem] = field(default_factory=list)
    inputs: list[InputFile] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.articles)

    def __iter__(self) -> Iterator[Article]:
        return iter(self.articles)

    def __getitem__(self, key: int | str) -> Article:
        if isinstance(key, int):
            return self.articles[key]
        ids = [a.article_id for a in metadata_of(self.articles)]
        if key not in ids:
            raise KeyError(f"no article with id {key!r}; ids are {ids[:10]}")
        return self.articles[ids.index(key)]

    def stories(self) -> dict[str, list[Article]]:
        """Articles grouped by story, in input order."""
        groups: dict[str, list[Article]] = {}
        for article in self.articles:
            groups.setdefault(article.story, []).append(article)
        return groups

    def to_frame(self) -> pd.DataFrame:
        """One row per article with its metadata and length (not its text)."""
        rows = [
            {
                "article_id": a.article_id,
                "story": a.story,
                "source": a.source,
                "title": a.title,
                "date": a.date,
                "url": a.url,
                "input": a.input,
                "chars": len(a.text),
            }
            for a in self.articles
        ]
        return pd.DataFrame(rows, columns=["article_id", "story", "source", "title", "date", "url", "input", "chars"])


# --- texts left on disk ----------------------------------------------------------


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


class ArticlesOnDisk(Sequence[Article]):
    """Articles whose texts stay in their files until an article is used: its metadata and where its record is.

    What ``load(path, keep_texts=False)`` gives, and what ``framing analyze``
    holds, so that memory does not grow with the texts of a large corpus.
    Indexing or iterating reads the texts again (:meth:`take` reads many at
    once, in file order); a file changed since it was read is an error.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.jsonl").write_text('{"id": "x", "text": "It rained."}\\n', encoding="utf-8")
    >>> articles = load(folder / "a.jsonl", keep_texts=False).articles
    >>> metadata_of(articles)[0].text, articles[0].text
    ('', 'It rained.')
    """

    def __init__(self, record: _RecordFormat) -> None:
        self._record = record
        self._stubs: list[Article] = []
        self._files: list[_StoredFile] = []
        self._file_of = array("l")
        self._starts = array("q")
        self._ends = array("q")

    def add_file(self, stored: _StoredFile) -> int:
        """Register a file that records are read from; its number, for :meth:`add`."""
        self._files.append(stored)
        return len(self._files) - 1

    def add(self, article: Article, file: int, start: int, end: int) -> None:
        """Keep ``article`` without its text, which is in bytes ``[start, end)`` of file number ``file``."""
        self._stubs.append(replace(article, text=""))
        self._file_of.append(file)
        self._starts.append(start)
        self._ends.append(end)

    @property
    def stubs(self) -> list[Article]:
        """The articles with their metadata and an empty ``text``."""
        return self._stubs

    def __len__(self) -> int:
        return len(self._stubs)

    @overload
    def __getitem__(self, key: int) -> Article: ...
    @overload
    def __getitem__(self, key: slice) -> list[Article]: ...
    def __getitem__(self, key: int | slice) -> Article | list[Article]:
        if isinstance(key, slice):
            return self.take(range(len(self))[key])
        return self.take([range(len(self))[key]])[0]

    def __iter__(self) -> Iterator[Article]:
        step = 256
        for start in range(0, len(self), step):
            yield from self.take(range(start, min(start + step, len(self))))

    def take(self, indices: Iterable[int]) -> list[Article]:
        """The articles at ``indices``, with their texts, in that order."""
        wanted = list(indices)
        by_file: dict[int, list[int]] = {}
        for index in wanted:
            by_file.setdefault(self._file_of[index], []).append(index)
        texts: dict[int, str] = {}
        for number, members in by_file.items():
            stored = self._files[number]
            stored.check()
            with open(stored.path, "rb") as handle:
                for index in sorted(members, key=self._starts.__getitem__):
                    handle.seek(self._starts[index])
                    texts[index] = self._record.text(handle.read(self._ends[index] - self._starts[index]), stored.path)
        return [replace(self._stubs[index], text=texts[index]) for index in wanted]

    def with_stories(self, labels: Sequence[str]) -> ArticlesOnDisk:
        """The same articles with ``labels`` as their stories."""
        relabelled = ArticlesOnDisk(self._record)
        relabelled._files, relabelled._file_of, relabelled._starts, relabelled._ends = (
            self._files,
            self._file_of,
            self._starts,
            self._ends,
        )
        relabelled._stubs = [replace(a, story=label) for a, label in zip(self._stubs, labels, strict=True)]
        return relabelled


def metadata_of(articles: Sequence[Article]) -> Sequence[Article]:
    """``articles`` for their metadata only, without reading texts left on disk (their ``text`` is then empty)."""
    return articles.stubs if isinstance(articles, ArticlesOnDisk) else articles


def take(articles: Sequence[Article], indices: Iterable[int]) -> list[Article]:
    """The articles at ``indices``, in that order (texts left on disk are read in file order)."""
    if isinstance(articles, ArticlesOnDisk):
        return articles.take(indices)
    return [articles[i] for i in indices]


def with_stories(articles: Sequence[Article], labels: Sequence[str]) -> Sequence[Article]:
    """``articles`` with ``labels`` as their stories (texts left on disk stay there)."""
    if isinstance(articles, ArticlesOnDisk):
        return articles.with_stories(labels)
    return [replace(article, story=label) for article, label in zip(articles, labels, strict=True)]


# --- public entry point -------------------------------------------------------


def load(
    data: str | Path | pd.DataFrame | Iterable[Mapping[str, Any]],
    *,
    columns: Mapping[str, str] | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    keep_texts: bool = True,
) -> Corpus:
    """Read articles from a folder, a file, a DataFrame or a list of dicts.

    Parameters
    ----------
    data
        A folder of ``.txt`` files, a ``.txt``, ``.csv``, ``.tsv`` or
        ``.jsonl`` file, a DataFrame, or an iterable of dicts (or of
        :class:`Article` objects).
    columns
        Column names for tables and records, keyed by field: ``{"text":
        "body", "id": "doc_id"}``.  Fields are ``id, text, source, title,
        date, story, url``; each defaults to its own name.
    max_chars
        Larger texts (and files of more bytes) are listed as problems
        instead of being read.
    keep_texts
        ``False`` leaves the texts of a folder of ``.txt`` files and of a
        UTF-8 CSV, TSV or JSONL file in their files, to be read again when
        an article is used (:class:`ArticlesOnDisk`): memory then holds only
        the metadata, however large the corpus.  Other inputs are held in
        memory either way.

    Raises
    ------
    FramingError
        When nothing can be read at all: the path does not exist, a folder
        holds no ``.txt`` file, a table has no text column.

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"doc": ["x", "y"], "body": ["One.", "Two."]})
    >>> [a.article_id for a in load(frame, columns={"id": "doc", "text": "body"})]
    ['x', 'y']
    """
    names = _column_names(columns)
    if isinstance(data, pd.DataFrame):
        records = data.to_dict(orient="records")
        return _from_records(
            _numbered(records), names, origin="DataFrame", default_story="records", max_chars=max_chars
        )
    if isinstance(data, (str, Path)):
        return _load_path(Path(data), names, max_chars, keep_texts)
    if isinstance(data, Mapping):
        raise FramingError("load() got a single dict; pass a list of dicts, one per article")
    if isinstance(data, Iterable):
        items: list[Any] = list(data)
        if items and all(isinstance(item, Article) for item in items):
            return Corpus(items)
        if not all(isinstance(item, Mapping) for item in items):
            kinds = sorted({type(item).__name__ for item in items if not isinstance(item, Mapping)})
            raise FramingError(
                f"load() got a list holding {', '.join(kinds)}; give dicts (one per article) or Article objects"
            )
        return _from_records(_numbered(items), names, origin="records", default_story="records", max_chars=max_chars)
    raise FramingError(
        f"load() cannot read a {type(data).__name__}; give a folder, a .txt/.csv/.jsonl file, "
        "a DataFrame or a list of dicts"
    )


def _column_names(columns: Mapping[str, str] | None) -> dict[str, str]:
    names = {name: name for name in FIELDS}
    for key, value in (columns or {}).items():
        if key not in FIELDS:
            raise FramingError(f"unknown field {key!r} in columns; the fields are {', '.join(FIELDS)}")
        names[key] = value
    return names


def _load_path(path: Path, names: dict[str, str], max_chars: int, keep_texts: bool) -> Corpus:
    if not path.exists():
        raise FramingError(f"{path} does not exist; give a folder of .txt files or a .csv/.jsonl file")
    if path.is_dir():
        return _read_folder(path, max_chars, keep_texts)
    suffix = path.suffix.lower()
    if suffix == ".txt":
        corpus = Corpus([])
        read = _read_text_file(path, path.stem, path.stem, corpus, max_chars)
        if read is None:
            raise FramingError(f"{path} {corpus.problems[-1].message}")
        corpus.articles = [read[0]]
        return corpus
    if suffix in _TABLE_SUFFIXES:
        return _read_table(path, _TABLE_SUFFIXES[suffix], names, max_chars, keep_texts)
    if suffix == ".parquet":
        return _read_parquet(path, names, max_chars)
    raise FramingError(
        f"{path}: framing reads folders of .txt files and .txt, .csv, .tsv, .jsonl or .parquet files, "
        f"not {suffix or 'files without a suffix'}"
    )


# --- folders of text files ----------------------------------------------------


def _read_folder(root: Path, max_chars: int, keep_texts: bool) -> Corpus:
    corpus = Corpus([])
    text_files: list[Path] = []
    for path in sorted(root.rglob("*"), key=lambda p: p.relative_to(root).as_posix()):
        relative = path.relative_to(root)
        if any(part.startswith(".") for part in relative.parts) or path.is_dir():
            continue
        if path.suffix.lower() == ".txt":
            text_files.append(path)
        elif path.name != MANIFEST_NAME:
            corpus.problems.append(
                Problem(
                    str(path),
                    None,
                    "warning",
                    "ignored: only .txt files are read from a folder; convert it to .txt to include it",
                )
            )
    if not text_files:
        raise FramingError(f"no .txt files in {root}; put one article per .txt file there, or give a .csv/.jsonl file")
    metadata = _read_manifests(root, text_files, corpus)
    articles: list[Article] = []
    on_disk = None if keep_texts else ArticlesOnDisk(_RecordFormat("txt"))
    for path in text_files:
        relative = path.relative_to(root)
        article_id = relative.with_suffix("").as_posix()
        story = relative.parent.as_posix() if relative.parent != Path(".") else root.resolve().name
        read = _read_text_file(path, article_id, story, corpus, max_chars)
        if read is None:
            continue
        article = replace(read[0], **metadata.get(path.resolve(), {}))
        if on_disk is None:
            articles.append(article)
        else:
            on_disk.add(article, on_disk.add_file(read[1]), 0, read[1].size)
    corpus.articles = articles if on_disk is None else on_disk
    return corpus


def _read_text_file(
    path: Path, article_id: str, story: str, corpus: Corpus, max_chars: int
) -> tuple[Article, _StoredFile] | None:
    """The article in a ``.txt`` file and the file as it was read, or ``None`` with a problem in ``corpus``."""
    stored = _StoredFile.of(path)
    if stored.size > max_chars:
        corpus.problems.append(
            Problem(
                str(path),
                None,
                "error",
                f"not read: {stored.size / 1e6:.1f} MB is larger than the {max_chars / 1e6:g} MB limit for one "
                "article; split it into one file per article or raise --max-mb",
            )
        )
        return None
    data = path.read_bytes()
    corpus.inputs.append(InputFile(str(path), hashlib.sha256(data).hexdigest(), len(data)))
    try:
        decoded = decode_bytes(data, str(path))
    except NotText as exc:
        corpus.problems.append(Problem(str(path), None, "error", f"not read: the file {exc}"))
        return None
    if decoded.note:
        corpus.problems.append(Problem(str(path), None, "warning", decoded.note))
    return Article(article_id=article_id, text=decoded.text, story=story, input=str(path)), stored


def _read_manifests(root: Path, text_files: list[Path], corpus: Corpus) -> dict[Path, dict[str, str]]:
    """Metadata per text file from every ``manifest.csv`` under ``root``."""
    known = {p.resolve() for p in text_files}
    metadata: dict[Path, dict[str, str]] = {}
    for manifest in sorted(root.rglob(MANIFEST_NAME)):
        data = manifest.read_bytes()
        corpus.inputs.append(InputFile(str(manifest), hashlib.sha256(data).hexdigest(), len(data)))
        try:
            decoded = decode_bytes(data, str(manifest))
        except NotText as exc:
            raise FramingError(f"{manifest} {exc}; it must be a CSV with a 'file' column") from None
        reader = csv.DictReader(io.StringIO(decoded.text))
        header = reader.fieldnames or []
        if "file" not in header:
            raise FramingError(
                f"{manifest} needs a 'file' column naming each .txt file "
                f"(found: {', '.join(header) or 'no header'}); add it or remove the manifest"
            )
        for row in reader:
            line = reader.line_num
            target = (manifest.parent / (row.get("file") or "")).resolve()
            if target not in known:
                corpus.problems.append(
                    Problem(
                        str(manifest),
                        line,
                        "warning",
                        f"names {row.get('file')!r}, which is not a .txt file in the folder",
                    )
                )
                continue
            metadata[target] = {k: (row.get(k) or "").strip() for k in _MANIFEST_FIELDS if (row.get(k) or "").strip()}
    return metadata


# --- tables: CSV, TSV, JSONL, Parquet ------------------------------------------

#: A record of a table: its line number, its fields, and its bytes ``[start, end)`` in the file.
_Numbered = tuple[int, Mapping[Any, Any], int, int]


def _numbered(records: Iterable[Mapping[Any, Any]]) -> Iterator[_Numbered]:
    """Records held in memory, numbered from 1 (they have no bytes in a file)."""
    for number, record in enumerate(records, start=1):
        yield number, record, 0, 0


def _read_parquet(path: Path, names: dict[str, str], max_chars: int) -> Corpus:
    """A Parquet table of articles (one row each), read with pyarrow; columns as for CSV."""
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise FramingError(
            f"{path}: reading Parquet needs pyarrow: pip install 'framing-toolkit[parquet]', or convert it to CSV"
        ) from None
    data = path.read_bytes()
    try:
        table = pq.read_table(io.BytesIO(data)).to_pandas()
    except Exception as exc:  # pyarrow raises several kinds for a broken file
        raise FramingError(f"{path} is not a readable Parquet file ({exc}); check the file or convert it") from None
    if names["text"] not in table.columns:
        raise FramingError(
            f"{path} has no column {names['text']!r} (columns: {', '.join(map(str, table.columns))}); "
            "name the column that holds the article text with --text-column (in Python: columns={'text': NAME})"
        )
    records = (
        {key: (None if value is None or value != value else str(value)) for key, value in row.items()}
        for row in table.to_dict(orient="records")
    )
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
        decoded = decode_bytes(data, str(path))
    except NotText as exc:
        raise FramingError(f"{path} {exc}") from None
    corpus_inputs = [InputFile(str(path), hashlib.sha256(data).hexdigest(), len(data))]
    del data  # a large corpus is held once at a time: bytes, then text, then articles
    problems: list[Problem] = []
    if decoded.note:
        problems.append(Problem(str(path), None, "warning", decoded.note))
    text = decoded.text
    del decoded
    lines = ((line, 0, 0) for line in (_lines(text) if kind == "jsonl" else io.StringIO(text)))
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
        header, records = _csv_records(lines, "\t" if kind == "tsv" else ",", path, names)
    on_disk = None
    if stored is not None:
        on_disk = ArticlesOnDisk(_RecordFormat(kind, names["text"], header))
        on_disk.add_file(stored)
    return _from_records(
        records, names, origin=str(path), default_story=path.stem, max_chars=max_chars, on_disk=on_disk
    )


def _utf8_lines(handle: io.BufferedReader, digest: Any) -> Iterator[tuple[str, int, int]]:
    """Each line of a UTF-8 file with ``\\n`` as its end, and its bytes ``[start, end)``; ``digest`` is fed every byte.

    Raises :class:`_ReadWhole` for what :func:`~framing.textio.decode_bytes` reads otherwise: a file that is
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


class _LineFeed:
    """The text of each line, for :mod:`csv`, remembering where in the file the last one given out ends."""

    def __init__(self, lines: Iterable[tuple[str, int, int]]) -> None:
        self._lines = iter(lines)
        self.end = 0

    def __iter__(self) -> _LineFeed:
        return self

    def __next__(self) -> str:
        text, _start, self.end = next(self._lines)
        return text


def _csv_records(
    lines: Iterable[tuple[str, int, int]], delimiter: str, path: Path, names: dict[str, str]
) -> tuple[tuple[str, ...], Iterator[_Numbered]]:
    """The header of a CSV or TSV table (checked for the text column) and its records, one at a time."""
    _allow_long_fields()
    feed = _LineFeed(lines)
    reader = csv.DictReader(feed, delimiter=delimiter)
    try:
        header = reader.fieldnames or []
    except csv.Error as exc:
        raise FramingError(f"{path} line 1 is not a CSV header ({exc}); fix the file") from None
    if names["text"] not in header:
        flag = "--text-column" if names["text"] == "text" else f"--text-column (now {names['text']!r})"
        raise FramingError(
            f"{path} has no column {names['text']!r} (columns: {', '.join(header) or 'none'}); "
            f"name the column that holds the article text with {flag} (in Python: columns={{'text': NAME}})"
        )

    def records() -> Iterator[_Numbered]:
        previous_end, start = 1, feed.end
        try:
            for row in reader:
                yield previous_end + 1, row, start, feed.end
                previous_end, start = reader.line_num, feed.end
        except csv.Error as exc:
            raise FramingError(
                f"{path} line {previous_end + 1} cannot be read as CSV ({exc}); "
                "fix the file (a field holding commas, quotes or line breaks must be quoted)"
            ) from None

    return tuple(header), records()


#: The longest CSV field read (the csv module's default, 131,072 characters, is shorter than many articles):
#: longer texts than ``max_chars`` are still read, to be reported in problems.csv.
CSV_FIELD_LIMIT = 2**31 - 1


def _allow_long_fields() -> None:
    if csv.field_size_limit() < CSV_FIELD_LIMIT:
        csv.field_size_limit(CSV_FIELD_LIMIT)


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


def _record_text(record: Mapping[Any, Any], text_field: str) -> str:
    """The article text of a record, with ``\\n`` line ends."""
    return normalize_newlines(_as_text(record.get(text_field)))


def _from_records(
    records: Iterable[_Numbered],
    names: dict[str, str],
    *,
    origin: str,
    default_story: str,
    max_chars: int,
    on_disk: ArticlesOnDisk | None = None,
) -> Corpus:
    """The articles of some records; with ``on_disk``, their texts are left in its (only) file."""
    articles: list[Article] = []
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    count = 0
    fields_seen: set[Any] = set()  # while no record has the text field: for the error
    has_text_field = False
    for line, record, start, end in records:
        count += 1
        if not has_text_field:
            has_text_field = names["text"] in record
            fields_seen.update(record)
        where = (origin, line)
        text = _record_text(record, names["text"])
        if not text.strip():
            problems.append(Problem(*where, "error", f"not read: the {names['text']!r} field is empty"))
            continue
        if len(text) > max_chars:
            problems.append(
                Problem(
                    *where,
                    "error",
                    f"not read: {len(text):,} characters is more than the limit of {max_chars:,}; raise --max-mb",
                )
            )
            continue
        article_id = _as_text(record.get(names["id"])).strip() or f"{Path(default_story).name}-{line}"
        if article_id in seen:
            original = article_id
            suffix = 2
            while f"{original}~{suffix}" in seen:
                suffix += 1
            article_id = f"{original}~{suffix}"
            problems.append(
                Problem(
                    *where,
                    "warning",
                    f"duplicate id {original!r} (first at line {seen[original]}); renamed to {article_id!r}",
                )
            )
        seen[article_id] = line
        article = Article(
            article_id=article_id,
            text=text,
            source=_as_text(record.get(names["source"])).strip(),
            title=_as_text(record.get(names["title"])).strip(),
            date=_as_text(record.get(names["date"])).strip(),
            story=_as_text(record.get(names["story"])).strip() or default_story,
            url=_as_text(record.get(names["url"])).strip(),
            input=f"{origin}:{line}",
        )
        if on_disk is None:
            articles.append(article)
        else:
            on_disk.add(article, 0, start, end)
    if count and not has_text_field:
        raise FramingError(
            f"{origin} has no field {names['text']!r} (fields: {', '.join(map(str, sorted(fields_seen))) or 'none'}); "
            "name the field that holds the article text with --text-column (in Python: columns={'text': NAME})"
        )
    if not count:
        raise FramingError(f"{origin} holds no articles; add one row (or line) per article")
    return Corpus(articles if on_disk is None else on_disk, problems)


def _as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value != value:  # NaN from pandas
        return ""
    return str(value)
