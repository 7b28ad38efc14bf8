"""Reading lexicon files: the TSV format every word list of framing is written in.

A lexicon file opens with ``# key: value`` lines (``name``, ``version``,
``description``, ``source``, ``license``; a key may repeat to continue its
value), then a header row ``term  category  weight  note`` and one entry per
row.  :func:`read_lexicon_file` reads one, with errors that name the file,
the line and the fix; :class:`framing.lexicons.Lexicon` compiles it for
matching.

The **word lists** in ``lexicons/word_lists/`` use the same format for the
words the rules look up (stop words, calendar words, the grammar words of
attribution); a word may stand in several categories there.
:func:`word_list` gives a category's words, read once per process.

>>> sorted(word_list("calendar", "relative_day"))
['today', 'yesterday']
>>> word_weights("calendar", "month")["March"]
3.0
"""

from __future__ import annotations

import hashlib
from functools import cache
from importlib import resources
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from framing.problems import FramingError

__all__ = [
    "COLUMNS",
    "REQUIRED_KEYS",
    "WORD_LISTS",
    "LexiconFile",
    "LexiconRow",
    "read_lexicon_file",
    "word_list",
    "word_list_file",
    "word_list_names",
    "word_list_provenance",
    "word_list_table",
    "word_weights",
]

REQUIRED_KEYS = ("name", "version", "description", "source", "license")
COLUMNS = ("term", "category", "weight", "note")
#: The package that holds the lexicon files (the project's ``lexicons/`` folder, installed inside framing).
PACKAGE = "framing.lexicon_files"
#: The folder of word lists inside it.
WORD_LISTS = "word_lists"


class LexiconRow(NamedTuple):
    """One entry as written: its line number, term, category, weight (1 when empty) and note."""

    line: int
    term: str
    category: str
    weight: float
    note: str


class LexiconFile(NamedTuple):
    """A lexicon file as read: its header values, rows, path and the sha256 of its bytes."""

    meta: dict[str, str]
    rows: list[LexiconRow]
    path: str
    sha256: str


def read_lexicon_file(path: str | Path) -> LexiconFile:
    """Read a lexicon TSV file; a malformed file raises :class:`FramingError` naming the file, line and fix."""
    path = Path(path)
    if not path.is_file():
        raise FramingError(f"lexicon {path} does not exist; give the path of a .tsv lexicon file")
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FramingError(f"{path}: a lexicon must be UTF-8 text; re-save it as UTF-8") from None
    meta: dict[str, str] = {}
    header: list[str] | None = None
    rows: list[LexiconRow] = []
    for number, line in enumerate(text.replace("\r\n", "\n").split("\n"), start=1):
        if not line.strip():
            continue
        if line.startswith("#"):
            if header is None and ":" in line:
                key, _, value = line[1:].partition(":")
                key = key.strip().lower()
                meta[key] = f"{meta[key]}\n{value.strip()}" if key in meta else value.strip()
            continue
        fields = line.split("\t")
        if header is None:
            header = _header(fields, line, f"{path}:{number}")
            continue
        rows.append(_row(fields, line, number, f"{path}:{number}"))
    missing = [key for key in REQUIRED_KEYS if not meta.get(key)]
    if missing:
        raise FramingError(
            f"{path}: missing header line(s) {', '.join('# ' + k + ': ...' for k in missing)}; "
            "every lexicon names itself, its version, description, source and license"
        )
    if header is None or not rows:
        raise FramingError(f"{path}: no entries; add a header row 'term<TAB>category<TAB>weight<TAB>note' and entries")
    return LexiconFile(meta, rows, str(path), hashlib.sha256(data).hexdigest())


def _header(fields: list[str], line: str, where: str) -> list[str]:
    header = [f.strip().lower() for f in fields]
    if tuple(header[:4]) != COLUMNS:
        raise FramingError(
            f"{where}: the header row must be 'term<TAB>category<TAB>weight<TAB>note', found {line.strip()!r}"
        )
    return header


def _row(fields: list[str], line: str, number: int, where: str) -> LexiconRow:
    if len(fields) < 2 or not fields[0].strip():
        raise FramingError(
            f"{where}: expected tab-separated term, category, weight, note; found {line.strip()!r} "
            "(separate the columns with tabs, not spaces)"
        )
    fields += [""] * (4 - len(fields))
    weight_text = fields[2].strip()
    try:
        weight = float(weight_text) if weight_text else 1.0
    except ValueError:
        raise FramingError(f"{where}: the weight {weight_text!r} is not a number; write e.g. 1 or 0.5") from None
    return LexiconRow(number, fields[0], fields[1], weight, fields[3])


# --- word lists ---------------------------------------------------------------------------------------


def word_list_names() -> list[str]:
    """Names of the word lists shipped with framing.

    >>> "stop_words" in word_list_names()
    True
    """
    folder = resources.files(PACKAGE) / WORD_LISTS
    return sorted(p.name[: -len(".tsv")] for p in folder.iterdir() if p.name.endswith(".tsv"))


@cache
def word_list_file(name: str) -> LexiconFile:
    """The word list ``name`` as read from ``lexicons/word_lists/NAME.tsv`` (once per process)."""
    if name not in word_list_names():
        raise FramingError(f"no word list {name!r}; the word lists are {', '.join(word_list_names())}")
    with resources.as_file(resources.files(PACKAGE) / WORD_LISTS / f"{name}.tsv") as path:
        return read_lexicon_file(path)


def word_weights(name: str, *categories: str) -> dict[str, float]:
    """The terms of ``categories`` of the word list ``name``, as written, with their weights."""
    file = word_list_file(name)
    known = {row.category.strip() for row in file.rows}
    unknown = [c for c in categories if c not in known]
    if unknown:
        raise FramingError(
            f"word list {name!r} has no category {', '.join(map(repr, unknown))}; its categories are "
            f"{', '.join(sorted(known))}"
        )
    return {row.term.strip(): row.weight for row in file.rows if row.category.strip() in categories}


def word_list(name: str, *categories: str) -> frozenset[str]:
    """The terms of ``categories`` of the word list ``name``, as written in the file.

    >>> "although" in word_list("attribution_words", "clause_word")
    True
    """
    return frozenset(word_weights(name, *categories))


def word_list_provenance() -> dict[str, dict[str, str]]:
    """Name, version, source, license and checksum of every word list, for run manifests."""
    out = {}
    for name in word_list_names():
        file = word_list_file(name)
        info = {key: file.meta.get(key, "") for key in ("version", "description", "source", "license")}
        out[name] = {**info, "sha256": file.sha256, "path": f"framing:lexicons/{WORD_LISTS}/{name}.tsv"}
    return out


def word_list_table(name: str) -> pd.DataFrame:
    """The word list ``name`` as a table with the file's columns (``term``, ``category``, ``weight``, ``note``).

    >>> word_list_table("number_words").head(2)["term"].tolist()
    ['billion', 'dozen']
    """
    rows = word_list_file(name).rows
    return pd.DataFrame([(r.term, r.category, r.weight, r.note) for r in rows], columns=list(COLUMNS))
