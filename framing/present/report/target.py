"""Where a report may be written, checked before anything is made (so that a run stops before its analysis, not
after it).

The rules :func:`~framing.present.report.page.write_report` applies: the
path must not be a folder, an existing file is replaced only when framing
wrote it (a report) or ``force`` is given, and the folder of story pages
beside it (``report_files/`` for ``report.html``) must hold only pages
framing wrote.

>>> import tempfile
>>> from pathlib import Path
>>> folder = Path(tempfile.mkdtemp())
>>> check_report_path(folder / "report.html", force=False).name
'report.html'
>>> _ = (folder / "mine.html").write_text("<p>my page</p>", encoding="utf-8")
>>> check_report_path(folder / "mine.html", force=False)  # doctest: +ELLIPSIS
Traceback (most recent call last):
framing.problems.FramingError: ...mine.html exists and is not a framing report; choose a new file name or add \
--force (force=True in Python) to overwrite it
"""

from __future__ import annotations

from pathlib import Path

from framing.problems import FramingError

__all__ = ["GENERATOR", "check_report_path", "is_framing_page", "pages_folder"]

#: The name in the ``generator`` meta tag of every page framing writes: how a rerun knows a page is its own.
GENERATOR = "framing-toolkit"

#: The folder of story pages beside a report too large for one page: ``report.html`` → ``report_files/``.
PAGES_SUFFIX = "_files"


def pages_folder(report: Path) -> Path:
    """Where the story pages of the report ``report`` go (``report_files/`` beside ``report.html``)."""
    return report.with_name(report.stem + PAGES_SUFFIX)


def check_report_path(path: str | Path, *, force: bool) -> Path:
    """``path`` as a :class:`~pathlib.Path` when a report may be written there; else one line saying why not."""
    target = Path(path)
    if target.is_dir():
        raise FramingError(f"{target} is a folder; give a file name for the report, such as {target / 'report.html'}")
    if target.exists() and not force and not is_framing_page(target):
        raise FramingError(
            f"{target} exists and is not a framing report; choose a new file name or add --force "
            "(force=True in Python) to overwrite it"
        )
    existing = next((p for p in target.parents if p.exists()), None)
    if existing is not None and not existing.is_dir():
        raise FramingError(f"{existing} is a file, so the report {target} cannot be written; choose another path")
    folder = pages_folder(target)
    strangers = [p for p in folder.iterdir() if not is_framing_page(p)] if folder.is_dir() else []
    if folder.exists() and (not folder.is_dir() or (strangers and not force)):
        raise FramingError(
            f"{folder} (where a large report puts its story pages) holds files framing did not write; "
            "choose another report name or move them"
        )
    return target


def is_framing_page(path: Path) -> bool:
    """Whether ``path`` is a page that framing wrote (its head names framing as the generator)."""
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
    except OSError:
        return False
    return f'<meta name="generator" content="{GENERATOR} '.encode() in head
