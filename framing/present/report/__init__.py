"""The HTML report: one self-contained page that shows every finding in the articles' own text."""

from __future__ import annotations

from framing.present.report.page import render_report, write_report

__all__ = ["render_report", "write_report"]
