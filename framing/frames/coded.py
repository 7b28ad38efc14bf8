"""Read a researcher's hand-coded file: the texts and the frames the coders gave them.

A coded file is a CSV, TSV or JSONL table with one text per row (an article,
or a paragraph with ``unit="paragraph"``) and its code: one label per row
(single-label), several labels in one cell joined by ``separator``, or one
0/1 (True/False) column per frame (multi-label).  Columns of single coders'
answers (``coder_columns``) are read the same way as the label column; a cell
``NA`` or ``-`` (or an empty cell in single-label files) means that coder did
not code the text.  Mistakes raise :class:`~framing.problems.FramingError`.

>>> import tempfile
>>> path = Path(tempfile.mkdtemp()) / "coded.csv"
>>> rows = ["text,frame", "Talks failed.,conflict", "Prices rose.,economic;conflict", "It rained.,"]
>>> _ = path.write_text("\\n".join(rows) + "\\n", encoding="utf-8")
>>> sample = read_coded(path, text_column="text", label_column="frame")
>>> sample.labels, sample.multi_label, sample.y.tolist()
(('conflict', 'economic'), True, [[1, 0], [1, 1], [0, 0]])
"""

from __future__ import annotations

import difflib
import hashlib
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from framing.problems import FramingError
from framing.read.textio import NotText, decode_bytes

__all__ = ["NOT_CODED", "UNITS", "CodedSample", "read_coded"]

#: What one row of a coded file is.
UNITS = ("article", "paragraph")
#: A coder cell holding one of these (any case) means the coder did not code that text.
NOT_CODED = frozenset({"na", "n/a", "-"})
_TRUE = frozenset({"1", "1.0", "true", "yes", "y", "t"})
_FALSE = frozenset({"0", "0.0", "false", "no", "n", "f"})
_SUFFIXES = {".csv": "csv", ".tsv": "tsv", ".tab": "tsv", ".jsonl": "jsonl", ".ndjson": "jsonl"}


@dataclass(frozen=True)
class CodedSample:
    """The texts of a coded file and their codes, ready for an estimator's ``fit(texts, y)``.

    ``y`` is a 1-D array of label names (single-label) or an ``(n, k)`` 0/1
    indicator whose columns follow ``labels`` (multi-label).  ``coders`` maps a
    coder column to that coder's codes in the same form, with ``None`` (single)
    or a row of NaN (multi) where the coder did not code the text.  ``groups``
    holds each row's article id when paragraphs are grouped by article.
    """

    path: str
    texts: tuple[str, ...]
    labels: tuple[str, ...]
    y: np.ndarray
    multi_label: bool
    unit: str = "article"
    groups: np.ndarray | None = None
    coders: dict[str, np.ndarray] = field(default_factory=dict)
    sha256: str = ""
    label_source: str = ""

    def __len__(self) -> int:
        return len(self.texts)

    @property
    def name(self) -> str:
        """The coded file's name (without its folder)."""
        return Path(self.path).name

    def indicator(self, codes: np.ndarray | None = None) -> np.ndarray:
        """``codes`` (default ``y``) as an ``(n, k)`` float 0/1 matrix over ``labels``, NaN where not coded."""
        codes = self.y if codes is None else codes
        if self.multi_label:
            return np.asarray(codes, dtype=float)
        out = np.full((len(codes), len(self.labels)), np.nan)
        for row, label in enumerate(codes):
            if label is not None:
                out[row] = [float(label == name) for name in self.labels]
        return out

    def label_counts(self) -> dict[str, int]:
        """How many texts are coded with each label."""
        counts = np.nansum(self.indicator(), axis=0)
        return {name: int(count) for name, count in zip(self.labels, counts, strict=True)}


def read_coded(
    path: str | Path,
    *,
    text_column: str,
    label_column: str | None = None,
    label_columns: Sequence[str] | None = None,
    coder_columns: Sequence[str] = (),
    codebook: Sequence[str] | None = None,
    separator: str = ";",
    unit: str = "article",
    article_column: str | None = None,
) -> CodedSample:
    """The coded texts of ``path``; one-line :class:`FramingError` naming the file and the fix when it cannot be.

    Give ``label_column`` (one label per cell, or several joined by
    ``separator``: multi-label) or ``label_columns`` (one 0/1 column per frame).
    ``codebook`` lists the allowed labels, in the order to report them.
    ``article_column`` (paragraph unit only) keeps an article's paragraphs in one
    cross-validation fold.
    """
    path = Path(path)
    _check_options(path, label_column, label_columns, unit, article_column, separator)
    table, digest = _read_table(path, separator)
    columns = list(table.columns)
    _require_column(path, columns, text_column, "--text-column")
    texts = _texts(path, table[text_column], text_column)
    book = tuple(codebook) if codebook else None
    if label_columns:
        for name in label_columns:
            _require_column(path, columns, name, "--label-columns")
        labels = tuple(label_columns)
        _check_codebook(path, labels, book, "--label-columns")
        y = np.column_stack([_flags(path, table[name], name) for name in labels])
        multi, source = True, ",".join(labels)
    else:
        assert label_column is not None
        _require_column(path, columns, label_column, "--label-column")
        cells = [_split(cell, separator) for cell in table[label_column]]
        multi = any(len(parts) > 1 for parts in cells)
        if not multi:
            _no_empty_labels(path, table[label_column], label_column, separator)
        labels = _label_names(path, cells, book, label_column)
        y = _codes(cells, labels, multi)
        source = label_column
    _check_classes(path, y, labels, multi, source)
    coders = {name: _coder(path, table, columns, name, labels, multi, separator) for name in coder_columns}
    groups = None
    if article_column is not None:
        _require_column(path, columns, article_column, "--article-column")
        groups = np.array([str(v).strip() for v in table[article_column]], dtype=object)
    return CodedSample(str(path), texts, labels, y, multi, unit, groups, coders, digest, source)


def _check_options(
    path: Path,
    label_column: str | None,
    label_columns: Sequence[str] | None,
    unit: str,
    article_column: str | None,
    separator: str,
) -> None:
    if (label_column is None) == (not label_columns):
        raise FramingError(
            f"{path}: give either --label-column (one column of labels) or --label-columns (one 0/1 column per "
            "frame), not both and not neither"
        )
    if label_columns and len(set(label_columns)) != len(label_columns):
        raise FramingError(f"{path}: --label-columns names a column twice ({', '.join(label_columns)}); name each once")
    if unit not in UNITS:
        raise FramingError(f"{path}: --unit must be one of {', '.join(UNITS)}, not {unit!r}")
    if article_column is not None and unit != "paragraph":
        raise FramingError(f"{path}: --article-column groups paragraphs by article; use it with --unit paragraph")
    if not separator or separator.isspace():
        raise FramingError(f"{path}: --separator must be a character such as ';', not {separator!r}")


def _read_table(path: Path, separator: str) -> tuple[pd.DataFrame, str]:
    """Every cell of the file as a string (JSON values too; a list joined by ``separator``), and the file's sha256."""
    kind = _SUFFIXES.get(path.suffix.lower())
    if path.is_dir():
        raise FramingError(f"{path} is a folder; give the coded file itself (a .csv, .tsv or .jsonl file)")
    if not path.exists():
        raise FramingError(f"{path} does not exist; check the path of the coded file")
    if kind is None:
        raise FramingError(
            f"{path}: framing reads coded files ending in {', '.join(_SUFFIXES)}; save it as CSV (or rename it)"
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise FramingError(f"{path} cannot be read ({exc.strerror}); check its permissions") from None
    try:
        text = decode_bytes(data, str(path)).text
    except NotText as exc:
        raise FramingError(f"{path} {exc}") from None
    table = _jsonl_table(path, text, separator) if kind == "jsonl" else _csv_table(path, text, kind)
    if table.empty:
        raise FramingError(f"{path} has no rows of coded texts; add them under the header")
    table.columns = [str(name).strip() for name in table.columns]
    return table.fillna(""), hashlib.sha256(data).hexdigest()


def _csv_table(path: Path, text: str, kind: str) -> pd.DataFrame:
    try:
        return pd.read_csv(
            io.StringIO(text), sep="\t" if kind == "tsv" else ",", dtype=str, keep_default_na=False, na_filter=False
        )
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError) as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise FramingError(
            f"{path} cannot be read as {kind.upper()} ({first}); fix the file (a field holding "
            f"{'commas' if kind == 'csv' else 'tabs'}, quotes or line breaks must be quoted)"
        ) from None


def _jsonl_table(path: Path, text: str, separator: str) -> pd.DataFrame:
    records = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            raise FramingError(f"{path} line {number} is not valid JSON ({exc.msg}); fix or remove the line") from None
        if not isinstance(value, dict):
            raise FramingError(f"{path} line {number} is not a JSON object; write one object per coded text")
        records.append({key: _cell(item, separator) for key, item in value.items()})
    return pd.DataFrame.from_records(records)


def _cell(value: object, separator: str) -> str:
    """A JSON value as the text a CSV cell would hold (``true`` -> ``True``, ``null`` -> empty, a list joined)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list):
        return separator.join(_cell(item, separator) for item in value)
    return str(value)


def _require_column(path: Path, columns: list[str], name: str, option: str) -> None:
    """One line naming the closest columns of the file when ``name`` is not one of them."""
    if name in columns:
        return
    lower = {column.lower(): column for column in columns}
    close = difflib.get_close_matches(name.lower(), list(lower), n=3, cutoff=0.6)
    guess = f"did you mean {' or '.join(repr(lower[c]) for c in close)}? " if close else ""
    raise FramingError(
        f"{path} has no column {name!r} ({guess}columns: {', '.join(columns) or 'none'}); name the right one with "
        f"{option}"
    )


def _rows(numbers: Sequence[int], limit: int = 8) -> str:
    """``rows 3, 7, 9`` (1 = the first row after the header), the first ``limit`` of them."""
    shown = ", ".join(str(n) for n in numbers[:limit])
    return f"row{'s' if len(numbers) > 1 else ''} {shown}{', ...' if len(numbers) > limit else ''}"


def _texts(path: Path, column: pd.Series, name: str) -> tuple[str, ...]:
    texts = tuple(str(value).strip() for value in column)
    empty = [number for number, text in enumerate(texts, start=1) if not text]
    if empty:
        raise FramingError(
            f"{path}: {len(empty)} of {len(texts)} texts in column {name!r} are empty ({_rows(empty)}; row 1 is the "
            "first after the header); fill them in or remove those rows"
        )
    return texts


def _split(value: object, separator: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(part.strip() for part in str(value).split(separator) if part.strip()))


def _no_empty_labels(path: Path, column: pd.Series, name: str, separator: str) -> None:
    empty = [number for number, value in enumerate(column, start=1) if not str(value).strip()]
    if empty:
        raise FramingError(
            f"{path}: {len(empty)} of {len(column)} rows have no label in column {name!r} ({_rows(empty)}); "
            f"code them or remove those rows (several labels in one cell are joined by {separator!r})"
        )


def _check_codebook(
    path: Path, used: Sequence[str], codebook: tuple[str, ...] | None, where: str, fix: str = "add them to --codebook"
) -> None:
    if codebook is None:
        return
    unknown = [label for label in dict.fromkeys(used) if label not in codebook]
    if unknown:
        raise FramingError(
            f"{path}: {', '.join(map(repr, unknown))} in {where} {'is' if len(unknown) == 1 else 'are'} not in the "
            f"codebook ({', '.join(codebook)}); correct the codes in the file or {fix}"
        )


def _label_names(
    path: Path, cells: list[tuple[str, ...]], codebook: tuple[str, ...] | None, column: str
) -> tuple[str, ...]:
    used = sorted({label for parts in cells for label in parts})
    _check_codebook(path, used, codebook, f"column {column!r}")
    return codebook if codebook is not None else tuple(used)


def _codes(cells: list[tuple[str, ...]], labels: tuple[str, ...], multi: bool) -> np.ndarray:
    if not multi:
        return np.array([parts[0] for parts in cells], dtype=object)
    return np.array([[int(label in parts) for label in labels] for parts in cells], dtype=int).reshape(-1, len(labels))


def _flags(path: Path, column: pd.Series, name: str) -> np.ndarray:
    """A 0/1 column (1/0, True/False, yes/no) as ints; one line naming the rows that are neither."""
    values = [str(value).strip().lower() for value in column]
    bad = [number for number, value in enumerate(values, start=1) if value not in _TRUE and value not in _FALSE]
    if bad:
        example = str(column.iloc[bad[0] - 1]).strip()
        raise FramingError(
            f"{path}: column {name!r} holds {example!r} ({_rows(bad)}), not 1/0 or True/False; write 1 where the "
            "frame is present and 0 where it is not"
        )
    return np.array([int(value in _TRUE) for value in values], dtype=int)


def _check_classes(path: Path, y: np.ndarray, labels: tuple[str, ...], multi: bool, source: str) -> None:
    """A classifier needs two classes: two labels, and each frame both present and absent (multi-label)."""
    if not multi:
        present = set(y.tolist())
        if len(present) < 2:
            raise FramingError(
                f"{path}: every row of {source!r} has the label {next(iter(present))!r}; a classifier needs at least "
                "two labels: code texts of other frames too"
            )
        missing = [label for label in labels if label not in present]
        if missing:
            raise FramingError(
                f"{path}: codebook label{'s' if len(missing) > 1 else ''} {', '.join(map(repr, missing))} "
                f"{'have' if len(missing) > 1 else 'has'} no coded text; code some or leave it out of --codebook"
            )
        return
    for index, label in enumerate(labels):
        count = int(y[:, index].sum())
        if count in (0, len(y)):
            where = "no text" if count == 0 else f"every text ({count})"
            need = "texts with it" if count == 0 else "texts without it"
            raise FramingError(
                f"{path}: frame {label!r} is coded in {where}, so it has one class only; code {need}, or leave it "
                "out of the labels"
            )


def _coder(
    path: Path, table: pd.DataFrame, columns: list[str], name: str, labels: tuple[str, ...], multi: bool, sep: str
) -> np.ndarray:
    """One coder's codes in the form of ``y``: ``None`` (single) or a NaN row (multi) where not coded."""
    _require_column(path, columns, name, "--coder-column")
    cells = [str(value).strip() for value in table[name]]
    coded = [cell.lower() not in NOT_CODED and (multi or cell != "") for cell in cells]
    parts = [_split(cell, sep) if is_coded else () for cell, is_coded in zip(cells, coded, strict=True)]
    used = [label for labels_of in parts for label in labels_of]
    _check_codebook(
        path,
        used,
        labels,
        f"coder column {name!r}",
        "correct that coder's codes (the labels are those of the label column or --codebook)",
    )
    if not multi:
        several = [number for number, p in enumerate(parts, start=1) if len(p) > 1]
        if several:
            raise FramingError(
                f"{path}: coder column {name!r} has several labels in one cell ({_rows(several)}) but the label column "
                "has one per text; give one label per cell"
            )
        return np.array([p[0] if p else None for p in parts], dtype=object)
    out = np.array([[float(label in p) for label in labels] for p in parts]).reshape(-1, len(labels))
    out[~np.array(coded)] = np.nan
    return out
