"""Figures: one function each, an optional ax, empty data, wrapping, deterministic SVG."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pytest

from framing import plot
from framing.pipeline import analyze

FIGURE_FUNCTIONS = [plot.sentiment_by_outlet, plot.stance_mix, plot.loaded_terms]


@pytest.mark.parametrize("draw", FIGURE_FUNCTIONS)
def test_each_figure_draws_into_a_given_ax(seeds_result, draw):
    fig, ax = plt.subplots()
    returned = draw(seeds_result, ax=ax)
    assert returned is fig
    labels = [t.get_text().replace("\n", " ") for t in ax.get_yticklabels()]
    assert "Voice of America (voanews)" in labels
    plt.close(fig)


def test_long_outlet_names_wrap(seeds_result):
    fig = plot.sentiment_by_outlet(seeds_result)
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert any("\n" in label for label in labels)
    assert max(len(line) for label in labels for line in label.split("\n")) <= 18
    plt.close(fig)


def test_stance_bars_sum_to_one_per_outlet(seeds_result):
    fig = plot.stance_mix(seeds_result)
    ax = fig.axes[0]
    widths: dict[float, float] = {}
    for patch in ax.patches:
        widths[round(patch.get_y(), 3)] = widths.get(round(patch.get_y(), 3), 0) + patch.get_width()
    assert all(abs(total - 1) < 1e-9 for total in widths.values())
    assert len({patch.get_hatch() for patch in ax.patches}) > 1  # readable without colour
    plt.close(fig)


def test_empty_results_draw_a_message_not_an_error():
    result = analyze([{"id": "a", "source": "X", "text": "Headline only"}])
    for draw in FIGURE_FUNCTIONS:
        fig = draw(result)
        assert fig.axes[0].texts
        plt.close(fig)


def test_saved_svg_is_identical_across_runs(seeds_result, tmp_path):
    first = plot.save_figures(seeds_result, tmp_path / "a")
    second = plot.save_figures(seeds_result, tmp_path / "b")
    assert {p.suffix for p in first} == {".png", ".svg"}
    for a, b in zip(first, second, strict=True):
        if a.suffix == ".svg":
            assert a.read_bytes() == b.read_bytes(), a.name


def test_reuse_map_draws_one_box_per_body_paragraph_and_marks_editorial(seeds_result):
    fig = plot.reuse_map(seeds_result)
    ax = fig.axes[0]
    boxes = [p for p in ax.patches if p.get_width() == 0.5]
    body = seeds_result.paragraphs[seeds_result.paragraphs["role"] == "body"]
    assert len(boxes) == len(body)
    assert sum(1 for t in ax.texts if t.get_text() == "E") == int(body["editorial"].sum())
    assert len(ax.lines) >= 13  # the AP story joined to its copy, paragraph by paragraph
    plt.close(fig)


def test_reuse_map_shows_at_most_the_requested_versions():
    versions = [
        {"id": f"v{i}", "story": "s", "text": f"T\n\nThe dam held on Monday, officials said. Version {i}."}
        for i in range(10)
    ]
    result = analyze(versions)
    fig = plot.reuse_map(result, max_versions=8)
    assert len(fig.axes[0].get_xticklabels()) == 8
    assert "first 8 of 10 versions" in fig.axes[0].get_title(loc="left")
    plt.close(fig)
