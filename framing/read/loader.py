"""``load``: what the user has (a folder, a file, a DataFrame, a list of dicts) handed to the reader for it.

``load`` accepts a folder of ``.txt`` files (each sub-folder is one story; a
flat folder is one story), a ``.txt`` file, a CSV, TSV, JSONL or Parquet file,
a pandas DataFrame or a list of dicts.  An optional ``manifest.csv`` beside
text files gives per-file metadata.  Whatever cannot be read becomes a
:class:`~framing.problems.Problem`; nothing is skipped silently: a CSV row
whose quote is never closed (and each row it swallowed), a sub-folder or
file that cannot be read, a link that loops or leads nowhere (see
``csv_rows.py`` and ``walk.py``).  An input that cannot be read at all is a
one-line :class:`~framing.problems.FramingError`.

Ids are kept exactly as given (spaces, tabs and carriage returns too), so
that they join back to the user's own data; an empty id becomes
``FILE-LINE``.  The other fields lose surrounding spaces, and their line
ends become ``\\n`` like the texts'.  What no UTF-8 table can hold (a file
name with bytes that are not UTF-8, a lone surrogate in a JSON string) is
written with backslash escapes (``caf\\xe9``), with a warning.

>>> corpus = load([{"id": "a", "text": "Rama said it.", "source": "AP"}])
>>> len(corpus), corpus[0].source, corpus[0].story
(1, 'AP', 'records')
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from framing.problems import FramingError
from framing.read.corpus import Article, Corpus
from framing.read.folders import _read_folder, _read_text_file
from framing.read.records import FIELDS, _from_records, _numbered, check_columns
from framing.read.table_files import _read_parquet, _read_table

__all__ = ["DEFAULT_MAX_CHARS", "load"]

#: Texts (or files) larger than this are reported in problems.csv, not read:
#: a news article is rarely above 100 kB, a file of 5 MB is usually a dump.
DEFAULT_MAX_CHARS = 5_000_000
_TABLE_SUFFIXES = {".csv": "csv", ".tsv": "tsv", ".jsonl": "jsonl", ".ndjson": "jsonl"}


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
        check_columns("the DataFrame", names, data.columns)
        records = _whole_numbers(data).to_dict(orient="records")
        return _from_records(
            _numbered(records), names, origin="DataFrame", default_story="records", max_chars=max_chars
        )
    if isinstance(data, (str, Path)):
        _check_columns_apply(Path(data), columns or {})
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


def _whole_numbers(data: pd.DataFrame) -> pd.DataFrame:
    """``data`` with each float column that holds only whole numbers and gaps as integers: pandas makes an
    integer column float when a value is missing, and a year must not come out as ``2012.0``.

    >>> _whole_numbers(pd.DataFrame({"year": [2012.0, None], "share": [0.5, None]})).dtypes.astype(str).tolist()
    ['Int64', 'float64']
    """
    columns = {}
    for name in data.columns:
        column = data[name]
        if column.dtype.kind == "f" and column.isna().any() and column.notna().any():
            present = column.dropna()
            if bool(((present % 1) == 0).all()) and bool((present.abs() < 2**53).all()):
                columns[name] = column.astype("Int64")
    if not columns:
        return data
    data = data.copy(deep=False)
    for name, column in columns.items():
        data[name] = column
    return data


def _check_columns_apply(path: Path, columns: Mapping[str, str]) -> None:
    """A column option that the input cannot have is a one-line error, never silently ignored: a folder's
    texts are its .txt files (named by their file), and a single .txt file has no columns at all."""
    if path.is_dir():
        ignored = sorted(set(columns) & {"id", "text"})
        where = f"{path} is a folder: each .txt file is an article's text and its name the id (a manifest.csv "
        where += "beside the files gives source, title, date, url, story and your own columns)"
    elif path.suffix.lower() == ".txt":
        ignored = sorted(columns)
        where = f"{path} is one .txt file: it has no columns (give a folder with a manifest.csv, or a CSV)"
    else:
        return
    if ignored:
        options = ", ".join(f"--{name}-column" for name in ignored)
        raise FramingError(f"{options} cannot apply: {where}")


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
        return _read_folder(path, max_chars, keep_texts, names)
    try:
        return _load_file(path, names, max_chars, keep_texts)
    except OSError as exc:  # no permission, a file that vanished: one line, never a traceback
        raise FramingError(f"{path} cannot be read ({exc.strerror or exc}); check that it is a readable file") from None


def _load_file(path: Path, names: dict[str, str], max_chars: int, keep_texts: bool) -> Corpus:
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
