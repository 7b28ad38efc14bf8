"""The present stage: the run summary (:mod:`framing.present.summary`), publication figures
(:mod:`framing.present.plot`) and the side-by-side HTML report (:mod:`framing.present.report`).

Importing it does not import matplotlib: the figure functions load it when they draw.
"""

from __future__ import annotations

from framing.present import plot, report, summary

__all__ = ["plot", "report", "summary"]
