"""Figures of a comparison: group estimates side by side, and pair differences marked by the run's correction."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import pytest

import framing
from framing import plot
from framing.problems import FramingError
from tests.conftest import ROOT

STUDY = ROOT / "examples" / "study" / "coverage.csv"


@pytest.fixture(scope="module")
def by_lean():
    return framing.analyze(STUDY).compare("lean")


def test_group_estimates_draw_one_interval_per_group_and_measure(by_lean):
    measures = ["loaded_per_1k_narration", "loaded_per_1k_quoted"]
    fig = plot.group_estimates(by_lean, measures)
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["center", "left", "right"]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == measures
    estimates = by_lean.estimates[by_lean.estimates["measure"].isin(measures)]
    intervals = [line for line in ax.get_lines() if len(line.get_xdata()) == 2]
    assert len(intervals) == estimates["ci_low"].notna().sum()


def test_pair_differences_fill_exactly_the_pairs_below_the_q_threshold(by_lean):
    fig = plot.pair_differences(by_lean, "quoted_speech_share")
    rows = by_lean.comparisons.query("measure == 'quoted_speech_share'")
    dots = [line for line in fig.axes[0].get_lines() if line.get_marker() == "o"]
    filled = sum(line.get_markerfacecolor() == "black" for line in dots)
    assert len(dots) == rows["difference"].notna().sum()
    assert filled == (rows["q_value"].astype(float) < 0.05).sum()
    assert "run family" in fig.axes[0].get_title(loc="left")


def test_an_unknown_measure_names_the_ones_there_are(by_lean):
    with pytest.raises(FramingError, match=r"no measure 'loaded_per_1k'.*loaded_per_1k_narration"):
        plot.group_estimates(by_lean, ["loaded_per_1k"])
