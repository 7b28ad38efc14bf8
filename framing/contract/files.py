"""Writing results safely: only inside the chosen folder, never over someone else's files.

framing marks each folder it writes with a small ``.framing`` file.  A folder
that exists, is not empty and has no mark is refused unless ``force`` is
given, so a typo in ``--out`` cannot overwrite a user's work.

>>> import tempfile, pathlib
>>> folder = prepare_folder(pathlib.Path(tempfile.mkdtemp()) / "results", force=False)
>>> (folder / MARKER).exists()
True
"""

from __future__ import annotations

import csv
from collections.abc import Iterator, Mapping, Sequence
from os import PathLike
from pathlib import Path
from typing import Any, Protocol, TypeAlias

import pandas as pd

from framing.contract.outputs import (
    MARKER,
    check_folder,
    complete_manifest,
    manifest_format,
    move_into_place,
    prepare_folder,
    run_started,
    temporary_path,
)
from framing.contract.tables import (
    CONTRACT,
    OPEN_TABLES,
    TYPES,
    column_kind,
    columns,
    conform,
    input_columns,
    typed,
    whole_numbers,
)
from framing.problems import FramingError

__all__ = [
    "FORMATS",
    "MARKER",
    "FolderTables",
    "HasTables",
    "TableSource",
    "TableWriter",
    "check_folder",
    "prepare_folder",
    "read_table",
    "read_tables",
    "tables_of",
    "write_table",
]


def write_table(table: pd.DataFrame, path: Path, *, name: str = "", append: bool = False) -> Path:
    """Write ``table`` as UTF-8 CSV with ``\\n`` line ends and empty cells for missing values.

    ``name`` (a contract table) casts columns to the contract's types first,
    so that integers never print as "12.0"; ``append`` adds rows to an
    existing file without repeating the header.
    """
    data = typed(name, table) if name else table
    with open(path, "a" if append else "w", encoding="utf-8", newline="") as file:
        file.write(csv_rows(data, header=not append))
    return path


def csv_rows(table: pd.DataFrame, *, header: bool) -> str:
    r"""``table`` as CSV text with ``\n`` line ends and empty cells for missing values.

    Python's csv writer leaves a bare carriage return unquoted when rows end
    with ``\n``, which would split the row for every reader, so a table with
    one is written with every field quoted.

    >>> csv_rows(pd.DataFrame({"id": ["a", "b"]}), header=False)
    'a\nb\n'
    >>> csv_rows(pd.DataFrame({"id": ["a\rb"]}), header=False)
    '"a\rb"\n'
    """
    text = table.to_csv(None, index=False, lineterminator="\n", na_rep="", header=header)
    if "\r" in text:
        text = table.to_csv(None, index=False, lineterminator="\n", na_rep="", header=header, quoting=csv.QUOTE_ALL)
    return text


def csv_text(name: str, table: pd.DataFrame, *, header: bool = False) -> str:
    """The CSV text :func:`write_table` writes for ``table`` (rows only, unless ``header``), with the contract
    table ``name``'s columns and types: made where a batch ran, so that writing is only appending text.

    >>> csv_text("problems", pd.DataFrame({"input": ["a.txt"], "line": [3.0]}))
    'a.txt,3,,\\n'
    """
    data = typed(name, conform(name, table)) if name in CONTRACT else table
    return csv_rows(data, header=header)


FORMATS = ("csv", "parquet")


class TableWriter:
    """Writes tables into a folder chunk by chunk, as CSV or Parquet, so that no table must fit in memory.

    Every contract table gets its file, with its header even when it has no
    rows.  Each table is written under a temporary name and moved into place
    by :meth:`close` (:func:`~framing.contract.outputs.temporary_path`), so a
    run that stops half-way leaves no table that looks complete.  Parquet
    needs pyarrow (``pip install 'framing-toolkit[parquet]'``).

    >>> import tempfile, pathlib
    >>> writer = TableWriter(pathlib.Path(tempfile.mkdtemp()))
    >>> writer.write("problems", pd.DataFrame({"input": ["a.txt"], "line": [3.0]}))
    >>> len(writer.close()), writer.counts["problems"], writer.counts["articles"]
    (10, 1, 0)
    """

    def __init__(self, folder: Path, format: str = "csv", input_kinds: Mapping[str, str] | None = None) -> None:
        if format not in FORMATS:
            raise FramingError(f"unknown format {format!r}; choose one of {', '.join(FORMATS)}")
        if format == "parquet":
            _require_pyarrow()
        self.folder = folder
        self.format = format
        self.counts: dict[str, int] = {}
        self._parquet: dict[str, Any] = {}
        #: Tables written under their temporary name, not yet moved into place.
        self._open: dict[str, None] = {}
        #: The input's own columns of the articles table and their types (:func:`column_kind`); when not given,
        #: those of the first articles written.
        self.input_kinds: dict[str, str] | None = dict(input_kinds) if input_kinds is not None else None

    def path(self, name: str) -> Path:
        """Where table ``name`` is once complete."""
        return self.folder / f"{name}.{self.format}"

    def _part(self, name: str) -> Path:
        """Where table ``name`` is written until :meth:`close` (a table closed before is not written again)."""
        if name in self.counts and name not in self._open:
            raise ValueError(f"table {name} was closed; write every chunk of a table before closing it")
        self._open[name] = None
        return temporary_path(self.path(name))

    def _open_columns(self, name: str, chunk: pd.DataFrame) -> pd.DataFrame:
        """``chunk`` of a table of :data:`OPEN_TABLES` with the input's own columns of the whole table, in order."""
        if self.input_kinds is None:
            self.input_kinds = {c: column_kind(chunk[c]) for c in input_columns(name, chunk.columns)}
        return chunk.reindex(columns=[*columns(name), *self.input_kinds])

    def write(self, name: str, chunk: pd.DataFrame) -> None:
        """Append ``chunk`` to table ``name`` (contract tables get the contract's columns and types)."""
        if name in CONTRACT:
            chunk = typed(name, conform(name, chunk))
        if name in OPEN_TABLES:
            chunk = self._open_columns(name, chunk)
        if self.format == "csv":
            write_table(chunk, self._part(name), append=name in self.counts)
        else:
            self._write_parquet(name, chunk)
        self.counts[name] = self.counts.get(name, 0) + len(chunk)

    def write_text(self, name: str, text: str, rows: int) -> None:
        """Append rows already made into CSV text by :func:`csv_text` (the header comes first, once)."""
        if self.format != "csv":
            raise FramingError(f"CSV text cannot go into a {self.format} table; write the DataFrame instead")
        first = name not in self.counts
        with self._part(name).open("w" if first else "a", encoding="utf-8", newline="") as handle:
            if first:
                own = list(self.input_kinds or {}) if name in OPEN_TABLES else []
                handle.write(csv_text(name, pd.DataFrame(columns=own), header=True))
            handle.write(text)
        self.counts[name] = self.counts.get(name, 0) + rows

    def close(self) -> list[Path]:
        """Give every contract table not yet written its (empty) file, close the files, move them into place,
        return all paths."""
        for name in CONTRACT:
            if name not in self.counts:
                self.write(name, pd.DataFrame(columns=list(self.input_kinds or {}) if name in OPEN_TABLES else []))
        for writer in self._parquet.values():
            writer.close()
        self._parquet.clear()
        for name in self._open:
            move_into_place(self.path(name))
        self._open.clear()
        return [self.path(name) for name in self.counts]

    def _write_parquet(self, name: str, chunk: pd.DataFrame) -> None:
        import pyarrow as pa  # lazy: pyarrow is optional (pip install 'framing-toolkit[parquet]')
        import pyarrow.parquet as pq  # lazy: as above

        kinds = (self.input_kinds or {}) if name in OPEN_TABLES else {}
        for column, kind in kinds.items():
            if kind == "text":  # mixed values (a number here, a word there) are written as text
                chunk = chunk.copy()
                chunk[column] = pd.Series([_text_or_none(v) for v in chunk[column]], index=chunk.index, dtype=object)
        if name not in self._parquet:
            schema = _arrow_schema(name, chunk, kinds)
            self._parquet[name] = pq.ParquetWriter(self._part(name), schema)
        writer = self._parquet[name]
        writer.write_table(pa.Table.from_pandas(chunk, schema=writer.schema, preserve_index=False))


def _arrow_schema(name: str, chunk: pd.DataFrame, own: Mapping[str, str] | None = None) -> Any:
    import pyarrow as pa  # lazy: pyarrow is optional (pip install 'framing-toolkit[parquet]')

    if name not in CONTRACT:
        return pa.Schema.from_pandas(chunk, preserve_index=False)
    kinds = {"int": pa.int64(), "float": pa.float64(), "bool": pa.bool_()}
    types = {**(own or {}), **TYPES.get(name, {})}
    schema = pa.schema([(column, kinds.get(types.get(column, ""), pa.string())) for column in chunk.columns])
    # pandas reads a whole-number column with a missing value as float unless told: say Int64 (R reads int64 as is)
    ints = [column for column in chunk.columns if types.get(column) == "int"]
    return schema.with_metadata(pa.Schema.from_pandas(chunk[ints].astype("Int64"), preserve_index=False).metadata)


def _text_or_none(value: Any) -> str | None:
    return None if value is None or (isinstance(value, float) and value != value) else str(value)


def _require_pyarrow() -> None:
    try:
        import pyarrow  # noqa: F401  # lazy: pyarrow is optional; this only checks it is installed
    except ImportError:
        raise FramingError(
            "--format parquet needs pyarrow: pip install 'framing-toolkit[parquet]' (or pyarrow), or use --format csv"
        ) from None


#: Columns read back as text, whatever they look like (ids such as "001" must not become numbers).
_TEXT_COLUMNS = frozenset(
    """article_id story source title byline date text speaker speaker_mention cue cue_lemma stance kind content
    term matched lexicon category reuse match_article article_a article_b ref_article origin removed added
    context_a context_b editorial_evidence role input message severity credit url story_a story_b note
    first_date last_date outlets tone_high tone_low loaded_high loaded_low voice_high voice_low""".split()
)


def read_table(path: Path, columns: Sequence[str] | None = None) -> pd.DataFrame:
    """One table a framing run wrote, CSV or Parquet (only ``columns``, when given); ids and text stay text,
    only empty cells are missing, whole numbers are integers (``Int64`` where one is missing)."""
    if path.suffix == ".parquet":
        _require_pyarrow()
        return whole_numbers(path.stem, pd.read_parquet(path, columns=list(columns) if columns is not None else None))
    header = pd.read_csv(path, nrows=0).columns
    own = set(input_columns(path.stem, header))  # the input's own columns come back as written ("007", "2012")
    dtype = {column: str for column in header if column in _TEXT_COLUMNS or column in own}
    wanted = list(columns) if columns is not None else None
    data = pd.read_csv(path, dtype=dtype, usecols=wanted, keep_default_na=False, na_values=[""], encoding="utf-8")
    return whole_numbers(path.stem, data)


class FolderTables(Mapping[str, pd.DataFrame]):
    """The tables of the complete run in a results folder, each read when first asked for (so a large run is not
    read whole).

    Only a folder whose ``manifest.json`` marks the run complete is read
    (:func:`~framing.contract.outputs.complete_manifest`), and only the
    tables it lists, in the format it names.  ``format``: read the tables
    of that format found in ``folder`` without a manifest (a run reading
    back what it has written so far).

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = write_table(pd.DataFrame({"article_id": ["001"]}), folder / "articles.csv")
    >>> FolderTables(folder, format="csv")["articles"]["article_id"].tolist()
    ['001']
    """

    def __init__(
        self,
        folder: str | PathLike,
        columns: Mapping[str, Sequence[str]] | None = None,
        *,
        format: str | None = None,
    ) -> None:
        self.folder = Path(folder)
        #: For some tables, only these columns are read (to save memory where the rest is not needed).
        self.columns = dict(columns or {})
        if format is None and (_has_articles(self.folder) or run_started(self.folder)):
            manifest = complete_manifest(self.folder)
            format = manifest_format(manifest, self.folder)
            names = [str(name) for name in manifest.get("tables", {})]
        else:
            names = sorted(p.stem for p in self.folder.glob(f"*.{format or FORMATS[0]}"))
        found = {name: self.folder / f"{name}.{format}" for name in names}
        self._paths = {name: path for name, path in sorted(found.items()) if path.is_file()}
        if "articles" not in self._paths:
            raise FramingError(f"{self.folder} holds no articles.csv; pass the --out folder of a `framing analyze` run")
        self._cache: dict[str, pd.DataFrame] = {}

    def __getitem__(self, name: str) -> pd.DataFrame:
        if name not in self._cache:
            if name not in self._paths:
                raise KeyError(name)
            self._cache[name] = read_table(self._paths[name], self.columns.get(name))
        return self._cache[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._paths)

    def __len__(self) -> int:
        return len(self._paths)


def _has_articles(folder: Path) -> bool:
    return any((folder / f"articles.{f}").is_file() for f in FORMATS)


def read_tables(folder: str | PathLike) -> dict[str, pd.DataFrame]:
    """The tables a framing run wrote into ``folder`` (``articles.csv`` and the rest, or Parquet), by name.

    Only empty cells are missing values (a title "NA" stays text).  A folder
    without ``articles.csv`` gets an error that says what to pass instead; a
    run that did not finish (no complete ``manifest.json``) one that says to
    run it again.
    """
    return dict(FolderTables(folder))


class HasTables(Protocol):
    """Anything that holds the tables of a run by name, such as a :class:`framing.Result`."""

    @property
    def tables(self) -> Mapping[str, pd.DataFrame]: ...


#: What the compare stage, the figures and tone toward an entity read: a framing Result (or anything with
#: ``tables``), a dict of its tables, or the folder a run wrote.
TableSource: TypeAlias = HasTables | Mapping[str, pd.DataFrame] | str | PathLike


def tables_of(data: TableSource) -> Mapping[str, pd.DataFrame]:
    """The tables of ``data``: a framing Result, a dict of tables, or the folder a run wrote.

    >>> sorted(tables_of({"articles": pd.DataFrame()}))
    ['articles']
    """
    if isinstance(data, Mapping):
        return data
    if isinstance(data, (str, PathLike)):
        return FolderTables(data)
    if hasattr(data, "tables"):
        return data.tables
    raise TypeError("pass a framing Result, a dict of its tables (articles, sentences, ...) or a results folder")
