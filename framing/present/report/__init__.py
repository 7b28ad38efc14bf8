"""The HTML report: one self-contained page that shows every finding in the articles' own text."""

from __future__ import annotations

from framing.present.report.highlight import Span, highlight
from framing.present.report.layout import Row, layout_rows
from framing.present.report.page import render_report, write_report
from framing.present.report.story import ReportSource
from framing.present.report.target import check_report_path

__all__ = [
    "ReportSource",
    "Row",
    "Span",
    "check_report_path",
    "highlight",
    "layout_rows",
    "render_report",
    "write_report",
]
