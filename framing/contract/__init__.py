"""The data contract as code: the tables framing writes, their columns and types, and their files on disk.

Every stage builds its rows with :func:`frame` or :func:`conform`, so every
table has its full header even when empty; :mod:`framing.contract.files`
writes and reads the tables of a results folder, and
:mod:`framing.contract.spreadsheet` exports them for spreadsheets (the CSV rule).

>>> list(frame("problems", []).columns)
['input', 'line', 'severity', 'message']
"""

from __future__ import annotations

from framing.contract.files import (
    FolderTables,
    TableSource,
    TableWriter,
    check_folder,
    prepare_folder,
    read_table,
    read_tables,
    tables_of,
    write_table,
)
from framing.contract.outputs import MANIFEST, FolderLock, OutputFolder, write_complete_manifest
from framing.contract.spreadsheet import FORMULA_STARTS, escape_cell, write_safe_csv, write_xlsx
from framing.contract.tables import (
    ATTRIBUTION_KINDS,
    CONTRACT,
    CORPUS_TABLES,
    EXTRA,
    OPEN_TABLES,
    REUSE,
    ROLES,
    STANCES,
    SUBSTITUTION_KINDS,
    TABLES,
    TYPES,
    VOICES,
    column_kind,
    columns,
    conform,
    frame,
    input_columns,
    typed,
    whole_numbers,
)

__all__ = [
    "ATTRIBUTION_KINDS",
    "CONTRACT",
    "CORPUS_TABLES",
    "EXTRA",
    "FORMULA_STARTS",
    "MANIFEST",
    "OPEN_TABLES",
    "REUSE",
    "ROLES",
    "STANCES",
    "SUBSTITUTION_KINDS",
    "TABLES",
    "TYPES",
    "VOICES",
    "FolderLock",
    "FolderTables",
    "OutputFolder",
    "TableSource",
    "TableWriter",
    "check_folder",
    "column_kind",
    "columns",
    "conform",
    "escape_cell",
    "frame",
    "input_columns",
    "prepare_folder",
    "read_table",
    "read_tables",
    "tables_of",
    "typed",
    "whole_numbers",
    "write_complete_manifest",
    "write_safe_csv",
    "write_table",
    "write_xlsx",
]
