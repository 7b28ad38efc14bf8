"""Loading lexicons: a TSV file compiled for matching, and the lexicons shipped with framing.

A lexicon is a TSV file.  It opens with ``# key: value`` lines (``name``,
``version``, ``description``, ``source``, ``license``; a key may repeat to
continue its value on a new line), then a header row
``term  category  weight  note`` and one entry per row
(:func:`framing.read.lexicon_files.read_lexicon_file` reads it).

>>> builtin_lexicon("hedges").name
'hedges'
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from framing.lexicons.entries import compile_entry
from framing.lexicons.lexicon import Lexicon
from framing.problems import FramingError
from framing.read.lexicon_files import PACKAGE, read_lexicon_file

__all__ = ["builtin_lexicon", "builtin_lexicon_names", "load_lexicon"]


def load_lexicon(path: str | Path) -> Lexicon:
    """Read a lexicon TSV file (:func:`~framing.read.lexicon_files.read_lexicon_file`) and compile it for
    matching; a malformed file raises an error naming file, line and fix.

    >>> load_lexicon(builtin_lexicon("hedges").path).name
    'hedges'
    """
    file = read_lexicon_file(path)
    entries = [
        compile_entry(row.term, row.category, row.weight, row.note, row.line, f"{file.path}:{row.line}")
        for row in file.rows
    ]
    lexicon = Lexicon(entries, meta=file.meta, path=file.path, sha256=file.sha256)
    lexicon._check_duplicates(file.path)
    return lexicon


def builtin_lexicon_names() -> list[str]:
    """Names of the lexicons shipped with framing.

    >>> "loaded" in builtin_lexicon_names()
    True
    """
    folder = resources.files(PACKAGE)
    return sorted(p.name[: -len(".tsv")] for p in folder.iterdir() if p.name.endswith(".tsv"))


_CACHE: dict[str, Lexicon] = {}


def builtin_lexicon(name: str) -> Lexicon:
    """A lexicon shipped with framing, by name (read once, then cached).

    >>> builtin_lexicon("reporting_verbs").name
    'reporting_verbs'
    """
    if name not in _CACHE:
        names = builtin_lexicon_names()
        if name not in names:
            raise FramingError(f"no built-in lexicon {name!r}; the built-in lexicons are {', '.join(names)}")
        with resources.as_file(resources.files(PACKAGE) / f"{name}.tsv") as path:
            _CACHE[name] = load_lexicon(path)
    return _CACHE[name]
