"""Where a report may be written, checked before anything is made (so that a run stops before its analysis, not
after it).

The rules are :func:`~framing.present.report.page.write_report`'s: the path
must not be a folder, and an existing file is replaced only when framing
wrote it (a report) or ``force`` is given.

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

from framing.present.report.page import _is_report
from framing.problems import FramingError

__all__ = ["check_report_path"]


def check_report_path(path: str | Path, *, force: bool) -> Path:
    """``path`` as a :class:`~pathlib.Path` when a report may be written there; else one line saying why not."""
    target = Path(path)
    if target.is_dir():
        raise FramingError(f"{target} is a folder; give a file name for the report, such as {target / 'report.html'}")
    if target.exists() and not force and not _is_report(target):
        raise FramingError(
            f"{target} exists and is not a framing report; choose a new file name or add --force "
            "(force=True in Python) to overwrite it"
        )
    existing = next((p for p in target.parents if p.exists()), None)
    if existing is not None and not existing.is_dir():
        raise FramingError(f"{existing} is a file, so the report {target} cannot be written; choose another path")
    return target
