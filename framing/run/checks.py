"""Every output path of ``framing analyze`` checked before the input is read, so that a refused ``--figures``
folder or ``--report`` file stops the run at once, not after its analysis has written the tables.

The rules are those the writers apply (:func:`framing.contract.check_folder`
for folders, :func:`framing.present.report.check_report_path` for the
report); nothing is created here.

>>> import tempfile
>>> from pathlib import Path
>>> root = Path(tempfile.mkdtemp())
>>> check_outputs(root / "out", figures=root / "figures", report=root / "report.html", force=False)
>>> check_outputs(root / "out", figures=root / "out", report=None, force=False)
Traceback (most recent call last):
framing.problems.FramingError: --figures and --out are the same folder; give the figures a folder of their own
"""

from __future__ import annotations

from pathlib import Path

from framing.contract import check_folder
from framing.present.report import check_report_path
from framing.problems import FramingError

__all__ = ["check_outputs"]


def check_outputs(out: Path, *, figures: Path | None, report: Path | None, force: bool) -> None:
    """Whether a run may write its tables to ``out``, its figures to ``figures`` and its report to ``report``
    (``None``: not asked for); one line saying why not."""
    check_folder(out, force=force)
    if figures is not None:
        if figures.resolve() == out.resolve():
            raise FramingError("--figures and --out are the same folder; give the figures a folder of their own")
        check_folder(figures, force=force)
    if report is not None:
        check_report_path(report, force=force)
