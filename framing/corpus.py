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

import csv
import hashlib
import io
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pandas as pd

from framing.problems import FramingError, Problem
from framing.textio import NotText, decode_bytes

__all__ = [
    "DEFAULT_MAX_CHARS",
    "FIELDS",
    "MANIFEST_NAME",
    "Article",
    "Corpus",
    "InputFile",
    "load",
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
    """Articles plus the problems met while reading them and the files read."""

    articles: list[Article]
    problems: list[Problem] = field(default_factory=list)
    inputs: list[InputFile] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.articles)

    def __iter__(self) -> Iterator[Article]:
        return iter(self.articles)

    def __getitem__(self, key: int | str) -> Article:
        if isinstance(key, int):
            return self.articles[key]
        for article in self.articles:
            if article.article_id == key:
                return article
        raise KeyError(f"no article with id {key!r}; ids are {[a.article_id for a in self.articles][:10]}")

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


# --- public entry point -------------------------------------------------------


def load(
    data: str | Path | pd.DataFrame | Iterable[Mapping[str, Any]],
    *,
    columns: Mapping[str, str] | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
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
        return _from_records(records, names, origin="DataFrame", default_story="records", max_chars=max_chars)
    if isinstance(data, (str, Path)):
        return _load_path(Path(data), names, max_chars)
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
        return _from_records(items, names, origin="records", default_story="records", max_chars=max_chars)
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


def _load_path(path: Path, names: dict[str, str], max_chars: int) -> Corpus:
    if not path.exists():
        raise FramingError(f"{path} does not exist; give a folder of .txt files or a .csv/.jsonl file")
    if path.is_dir():
        return _read_folder(path, max_chars)
    suffix = path.suffix.lower()
    if suffix == ".txt":
        corpus = Corpus([])
        article = _read_text_file(path, path.stem, path.stem, corpus, max_chars)
        if article is None:
            raise FramingError(f"{path} {corpus.problems[-1].message}")
        corpus.articles.append(article)
        return corpus
    if suffix in _TABLE_SUFFIXES:
        return _read_table(path, _TABLE_SUFFIXES[suffix], names, max_chars)
    if suffix == ".parquet":
        return _read_parquet(path, names, max_chars)
    raise FramingError(
        f"{path}: framing reads folders of .txt files and .txt, .csv, .tsv, .jsonl or .parquet files, "
        f"not {suffix or 'files without a suffix'}"
    )


# --- folders of text files ----------------------------------------------------


def _read_folder(root: Path, max_chars: int) -> Corpus:
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
    for path in text_files:
        relative = path.relative_to(root)
        article_id = relative.with_suffix("").as_posix()
        story = relative.parent.as_posix() if relative.parent != Path(".") else root.resolve().name
        article = _read_text_file(path, article_id, story, corpus, max_chars)
        if article is None:
            continue
        corpus.articles.append(replace(article, **metadata.get(path.resolve(), {})))
    return corpus


def _read_text_file(path: Path, article_id: str, story: str, corpus: Corpus, max_chars: int) -> Article | None:
    size = path.stat().st_size
    if size > max_chars:
        corpus.problems.append(
            Problem(
                str(path),
                None,
                "error",
                f"not read: {size / 1e6:.1f} MB is larger than the {max_chars / 1e6:g} MB limit for one article; "
                "split it into one file per article or raise --max-mb",
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
    return Article(article_id=article_id, text=decoded.text, story=story, input=str(path))


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
    records = [
        {key: (None if value is None or value != value else str(value)) for key, value in row.items()}
        for row in table.to_dict(orient="records")
    ]
    corpus = _from_records(records, names, origin=str(path), default_story=path.stem, max_chars=max_chars)
    corpus.inputs = [InputFile(str(path), hashlib.sha256(data).hexdigest(), len(data))]
    return corpus


def _read_table(path: Path, kind: str, names: dict[str, str], max_chars: int) -> Corpus:
    data = path.read_bytes()
    try:
        decoded = decode_bytes(data, str(path))
    except NotText as exc:
        raise FramingError(f"{path} {exc}") from None
    corpus_inputs = [InputFile(str(path), hashlib.sha256(data).hexdigest(), len(data))]
    del data  # a large corpus is held once at a time: bytes, then text, then records
    problems: list[Problem] = []
    if decoded.note:
        problems.append(Problem(str(path), None, "warning", decoded.note))
    text = decoded.text
    del decoded
    if kind == "jsonl":
        records, lines = _jsonl_records(text, path, problems)
    else:
        records, lines = _csv_records(text, "\t" if kind == "tsv" else ",", path, names)
    del text
    corpus = _from_records(records, names, origin=str(path), default_story=path.stem, max_chars=max_chars, lines=lines)
    corpus.problems[:0] = problems
    corpus.inputs = corpus_inputs
    return corpus


def _csv_records(text: str, delimiter: str, path: Path, names: dict[str, str]) -> tuple[list[dict], list[int]]:
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    header = reader.fieldnames or []
    if names["text"] not in header:
        flag = "--text-column" if names["text"] == "text" else f"--text-column (now {names['text']!r})"
        raise FramingError(
            f"{path} has no column {names['text']!r} (columns: {', '.join(header) or 'none'}); "
            f"name the column that holds the article text with {flag} (in Python: columns={{'text': NAME}})"
        )
    records, lines = [], []
    previous_end = 1
    for row in reader:
        records.append(row)
        lines.append(previous_end + 1)
        previous_end = reader.line_num
    return records, lines


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


def _jsonl_records(text: str, path: Path, problems: list[Problem]) -> tuple[list[dict], list[int]]:
    records, lines = [], []
    for number, line in enumerate(_lines(text), start=1):
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
        records.append(value)
        lines.append(number)
    return records, lines


def _from_records(
    records: Sequence[Mapping[Any, Any]],
    names: dict[str, str],
    *,
    origin: str,
    default_story: str,
    max_chars: int,
    lines: list[int] | None = None,
) -> Corpus:
    corpus = Corpus([])
    if records and not any(names["text"] in record for record in records):
        keys = sorted({key for record in records for key in record})
        raise FramingError(
            f"{origin} has no field {names['text']!r} (fields: {', '.join(map(str, keys)) or 'none'}); "
            "name the field that holds the article text with --text-column (in Python: columns={'text': NAME})"
        )
    if not records:
        raise FramingError(f"{origin} holds no articles; add one row (or line) per article")
    seen: dict[str, int] = {}
    for index, record in enumerate(records):
        line = lines[index] if lines else index + 1
        where = (origin, line)
        text = _as_text(record.get(names["text"]))
        if not text.strip():
            corpus.problems.append(Problem(*where, "error", f"not read: the {names['text']!r} field is empty"))
            continue
        if len(text) > max_chars:
            corpus.problems.append(
                Problem(
                    *where,
                    "error",
                    f"not read: {len(text):,} characters is more than the limit of {max_chars:,}; raise --max-mb",
                )
            )
            continue
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        article_id = _as_text(record.get(names["id"])).strip() or f"{Path(default_story).name}-{line}"
        if article_id in seen:
            original = article_id
            suffix = 2
            while f"{original}~{suffix}" in seen:
                suffix += 1
            article_id = f"{original}~{suffix}"
            corpus.problems.append(
                Problem(
                    *where,
                    "warning",
                    f"duplicate id {original!r} (first at line {seen[original]}); renamed to {article_id!r}",
                )
            )
        seen[article_id] = line
        corpus.articles.append(
            Article(
                article_id=article_id,
                text=text,
                source=_as_text(record.get(names["source"])).strip(),
                title=_as_text(record.get(names["title"])).strip(),
                date=_as_text(record.get(names["date"])).strip(),
                story=_as_text(record.get(names["story"])).strip() or default_story,
                url=_as_text(record.get(names["url"])).strip(),
                input=f"{origin}:{line}",
            )
        )
    return corpus


def _as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value != value:  # NaN from pandas
        return ""
    return str(value)
