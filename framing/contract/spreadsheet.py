"""Spreadsheet-safe copies of a run's tables: one ``.xlsx`` workbook, or CSV files escaped for spreadsheets.

**The CSV rule.** The tables framing writes (``articles.csv``,
``attributions.csv``, ``comparisons.csv``, ...) are exact data for pandas, R
and other code: each cell holds what the article or the measure says,
unchanged.  They are not for opening in a spreadsheet.  Excel, LibreOffice
Calc and Google Sheets take a cell that begins with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return for a formula (CSV or formula injection:
OWASP, https://owasp.org/www-community/attacks/CSV_Injection), and news text
can begin so: a quotation ``=cmd|' /C calc'!A0``, a title ``-2+3``, an
outlet name ``@SUM(1+1)``.  For a spreadsheet, export the tables
(``framing export RESULTS --xlsx FILE`` or ``--safe-csv FOLDER``):

- :func:`write_xlsx`: one sheet per table.  Every text cell is a string cell,
  never a formula (``=1+1``) nor an error value (``#N/A``); numbers stay
  numbers (``-0.5``), missing values are empty.  The values are the tables'
  except where Excel cannot hold them: a text over 32,767 characters is cut
  and ends with a note, characters Excel forbids (control characters other
  than tab, line feed and carriage return) become U+FFFD (a carriage return
  reads back as a line feed, as in every XML file), and the sheet
  ``export notes`` lists every such cell; a table over 1,048,575 rows continues
  on sheets ``NAME (2)``, ``NAME (3)``.  The same tables give the same bytes.
- :func:`write_safe_csv`: OWASP's escaping, for spreadsheets that read CSV:
  every field is quoted, and a text cell that begins with one of those
  characters gets a ``'`` in front.  That ``'`` changes the data: read these
  files in a spreadsheet, never back into code.

>>> import tempfile, pathlib, openpyxl
>>> tables = {"articles": pd.DataFrame({"article_id": ["=1+1", "b"], "sentiment_mean": [-0.5, None]})}
>>> path = write_xlsx(tables, pathlib.Path(tempfile.mkdtemp()) / "results.xlsx")
>>> [(c.value, c.data_type) for c in openpyxl.load_workbook(path)["articles"]["A2":"B2"][0]]
[('=1+1', 's'), (-0.5, 'n')]
>>> escape_cell("=1+1"), escape_cell("-0.5"), escape_cell("Rama")
("'=1+1", "'-0.5", 'Rama')
"""

from __future__ import annotations

import csv
import io
import math
import re
import zipfile
from collections.abc import Iterator, Mapping, Sequence
from os import PathLike
from pathlib import Path
from typing import Any

import pandas as pd

from framing.contract.files import FORMATS, TableSource, prepare_folder, read_table, tables_of
from framing.contract.tables import CORPUS_TABLES, TABLES
from framing.problems import FramingError

__all__ = ["FORMULA_STARTS", "escape_cell", "write_safe_csv", "write_xlsx"]

#: A text cell beginning with one of these is taken for a formula by a spreadsheet (OWASP's list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: Excel's limits: characters in a cell, rows in a sheet (one is the header).
MAX_CELL_CHARS = 32_767
MAX_SHEET_ROWS = 1_048_576
#: Characters an .xlsx file cannot hold (openpyxl's list: control characters but tab, line feed, carriage return).
_FORBIDDEN = re.compile(r"[\000-\010\013\014\016-\037]")
#: The time written into the workbook and its zip entries, so that the same tables give the same bytes.
_FIXED_TIME = (2000, 1, 1, 0, 0, 0)
_NOTES = "export notes"


def escape_cell(text: str) -> str:
    """``text`` with a ``'`` in front when it begins with a character of :data:`FORMULA_STARTS` (OWASP)."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def write_safe_csv(data: TableSource, folder: str | PathLike, *, force: bool = False) -> list[Path]:
    """Write every table of ``data`` (a Result, a dict of tables, a results folder) as ``FOLDER/NAME.csv`` with
    OWASP's escaping: every field quoted, text cells that begin like a formula prefixed with ``'``; numbers as
    they are.  ``folder`` is refused when it is the results folder or holds files framing did not write
    (unless ``force``)."""
    tables = _tables(data)
    target = Path(folder)
    if isinstance(data, (str, PathLike)) and target.resolve() == Path(data).resolve():
        raise FramingError(f"--safe-csv {target} is the results folder; give the escaped copies a folder of their own")
    prepare_folder(target, force=force)
    written = []
    for name, table in tables.items():
        escaped = table.copy()
        for column in escaped.columns:
            if not pd.api.types.is_numeric_dtype(escaped[column].dtype):
                escaped[column] = [escape_cell(v) if isinstance(v, str) else v for v in escaped[column]]
        path = target / f"{name}.csv"
        escaped.to_csv(path, index=False, quoting=csv.QUOTE_ALL, lineterminator="\n", na_rep="", encoding="utf-8")
        written.append(path)
    return written


def write_xlsx(data: TableSource, path: str | PathLike, *, force: bool = False) -> Path:
    """Write every table of ``data`` (a Result, a dict of tables, a results folder) into the workbook ``path``,
    one sheet per table, text always as string cells (see the module's docstring).  An existing file is
    replaced only with ``force``."""
    import openpyxl  # lazy: only the spreadsheet export needs openpyxl (0.2 s)

    target = Path(path)
    if target.suffix.lower() != ".xlsx":
        raise FramingError(f"--xlsx {target}: the workbook's name must end in .xlsx")
    if target.exists() and not force:
        raise FramingError(f"{target} exists; choose a new file name or add --force to replace it")
    if target.is_dir():
        raise FramingError(f"--xlsx {target} is a folder; give the workbook a file name ending in .xlsx")
    tables = _tables(data)
    workbook = openpyxl.Workbook(write_only=True)
    notes: list[list[Any]] = []
    for name, table in tables.items():
        names = [str(column) for column in table.columns]
        for part, rows in enumerate(_parts(table), start=1):
            sheet = _Sheet(workbook.create_sheet(name if part == 1 else f"{name} ({part})"), notes)
            sheet.append(names, number=1)
            for number, row in rows:
                sheet.append(row, number=number, names=names)
    if notes:
        sheet = _Sheet(workbook.create_sheet(_NOTES), [])
        for number, note in enumerate([["sheet", "column", "row", "note"], *notes], start=1):
            sheet.append(note, number=number)
    workbook.properties.creator = "framing"
    buffer = io.BytesIO()
    workbook.save(buffer)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.partial")
    partial.write_bytes(_steady(buffer.getvalue()))
    partial.replace(target)
    return target


def _tables(data: TableSource) -> dict[str, pd.DataFrame]:
    """The tables of ``data`` in the contract's order, then the others (comparisons, ...) by name."""
    if isinstance(data, (str, PathLike)):
        folder = Path(data)
        if not folder.is_dir():
            raise FramingError(f"{folder} is not a folder; pass the --out folder of a `framing analyze` run")
        found = {p.stem: p for f in FORMATS for p in sorted(folder.glob(f"*.{f}"))}
        if not found:
            raise FramingError(f"{folder} holds no tables; pass the --out folder of a `framing analyze` run")
        tables: Mapping[str, pd.DataFrame] = {name: read_table(p) for name, p in found.items()}
    else:
        tables = tables_of(data)
    known = [name for name in (*TABLES, *CORPUS_TABLES) if name in tables]
    return {name: tables[name] for name in [*known, *sorted(set(tables) - set(known))]}


def _parts(table: pd.DataFrame) -> Iterator[Iterator[tuple[int, tuple[Any, ...]]]]:
    """The table's rows in sheet-sized parts (each row with its row number on its sheet)."""
    size = MAX_SHEET_ROWS - 1
    for first in range(0, max(len(table), 1), size):
        part = table.iloc[first : first + size]
        yield ((number, row) for number, row in enumerate(part.itertuples(index=False, name=None), start=2))


class _Sheet:
    """Appends rows to one sheet of a write-only workbook: text as string cells, numbers as numbers."""

    def __init__(self, sheet: Any, notes: list[list[Any]]) -> None:
        from openpyxl.cell import WriteOnlyCell  # lazy: as in write_xlsx

        self.sheet = sheet
        self.notes = notes
        self.make_cell = WriteOnlyCell

    def append(self, row: Sequence[Any], *, number: int, names: Sequence[Any] | None = None) -> None:
        names = list(names) if names is not None else [""] * len(row)
        self.sheet.append([self.value(value, number, str(name)) for name, value in zip(names, row, strict=True)])

    def value(self, value: Any, number: int, column: str) -> Any:
        """The workbook's value for one table value: a number, a boolean, empty, or a string cell."""
        if value is None or value is pd.NA or value is pd.NaT:
            return None
        if isinstance(value, bool) or type(value).__name__ == "bool_":
            return bool(value)
        if pd.api.types.is_integer(value):
            return int(value)
        if pd.api.types.is_float(value):
            if math.isnan(value):
                return None
            return float(value) if math.isfinite(value) else self.text(str(float(value)), number, column)
        return self.text(str(value), number, column)

    def text(self, text: str, number: int, column: str) -> Any:
        """A string cell holding ``text``: never a formula or an error value, whatever it begins with."""
        said = []
        if _FORBIDDEN.search(text):
            text = _FORBIDDEN.sub("\ufffd", text)
            said.append("characters an .xlsx cell cannot hold became U+FFFD")
        if len(text) > MAX_CELL_CHARS:
            said.append(f"cut from {len(text):,} characters (Excel holds {MAX_CELL_CHARS:,}); the table has it whole")
            end = " […cut: see export notes]"
            text = text[: MAX_CELL_CHARS - len(end)] + end
        if said:
            self.notes.append([self.sheet.title, column, number, "; ".join(said)])
        cell = self.make_cell(self.sheet, value=None)
        cell._value = text  # set directly: openpyxl would make "=..." a formula and "#N/A" an error value
        cell.data_type = "s"
        return cell


def _steady(workbook: bytes) -> bytes:
    """The workbook's bytes with a fixed time in its properties and zip entries (the same tables, the same file)."""
    year, month, day = _FIXED_TIME[:3]
    stamp = f"{year:04d}-{month:02d}-{day:02d}T00:00:00Z"
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(workbook)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as steady:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                text = re.sub(r"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rf"\g<1>{stamp}", content.decode("utf-8"))
                content = text.encode("utf-8")
            steady.writestr(zipfile.ZipInfo(info.filename, date_time=_FIXED_TIME), content, zipfile.ZIP_DEFLATED)
    return out.getvalue()
