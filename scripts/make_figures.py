"""Regenerate ``figures/`` from ``seeds/``: the research script behind the committed figures.

Run it from the project root after ``make demo`` has set up ``.venv``::

    .venv/bin/python scripts/make_figures.py

Every figure is drawn by a function in :mod:`framing.present.plot` and written as PNG
and SVG; the SVG files are byte-identical from run to run.
"""

from __future__ import annotations

from pathlib import Path

import framing
from framing.present.plot import save_figures

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    result = framing.analyze(ROOT / "seeds")
    for path in save_figures(result, ROOT / "figures"):
        print(path.relative_to(ROOT))


if __name__ == "__main__":
    main()
