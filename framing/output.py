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

from os import PathLike
from pathlib import Path

import pandas as pd

from framing.problems import FramingError

__all__ = ["MARKER", "prepare_folder", "read_tables", "write_table"]

MARKER = ".framing"
_MARKER_TEXT = "This folder was written by framing; later framing runs may overwrite its files.\n"


def prepare_folder(folder: Path, *, force: bool) -> Path:
    """Create ``folder`` (or check it may be written) and mark it as framing's."""
    if folder.exists() and not folder.is_dir():
        raise FramingError(f"{folder} is a file, not a folder; choose a folder name for the output")
    if folder.exists() and any(folder.iterdir()) and not (folder / MARKER).exists() and not force:
        raise FramingError(
            f"{folder} is not empty and was not written by framing; choose a new folder or add --force to write into it"
        )
    try:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / MARKER).write_text(_MARKER_TEXT, encoding="utf-8")
    except OSError as exc:
        raise FramingError(f"cannot write to {folder} ({exc.strerror}); choose a folder you can write to") from None
    return folder


def write_table(table: pd.DataFrame, path: Path) -> Path:
    """Write ``table`` as UTF-8 CSV with ``\\n`` line ends and empty cells for missing values."""
    table.to_csv(path, index=False, lineterminator="\n", na_rep="", encoding="utf-8")
    return path


#: Columns read back as text, whatever they look like (ids such as "001" must not become numbers).
_TEXT_COLUMNS = frozenset(
    """article_id story source title byline date text speaker speaker_mention cue cue_lemma stance kind content
    term matched lexicon category reuse match_article article_a article_b ref_article origin removed added
    context_a context_b editorial_evidence role input message severity credit url""".split()
)


def read_tables(folder: str | PathLike) -> dict[str, pd.DataFrame]:
    """The tables a framing run wrote into ``folder`` (``articles.csv`` and the rest), by name.

    Only empty cells are missing values (a title "NA" stays text).  A folder
    without ``articles.csv`` gets an error that says what to pass instead.
    """
    folder = Path(folder)
    if not (folder / "articles.csv").is_file():
        raise FramingError(f"{folder} holds no articles.csv; pass the --out folder of a `framing analyze` run")
    tables = {}
    for path in sorted(folder.glob("*.csv")):
        header = pd.read_csv(path, nrows=0).columns
        dtype = {column: str for column in header if column in _TEXT_COLUMNS}
        tables[path.stem] = pd.read_csv(path, dtype=dtype, keep_default_na=False, na_values=[""], encoding="utf-8")
    return tables
