"""Figures: one function each, an optional ax, empty data, wrapping, deterministic SVG."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pytest

from framing.compare import MAX_GROUPS, distinctive_terms
from framing.present import plot
from framing.run.pipeline import analyze

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


@pytest.mark.parametrize("name", list(plot.FIGURES))
def test_every_figure_returns_its_figure_and_accepts_an_ax(seeds_result, name):
    draw = plot.FIGURES[name]
    own = draw(seeds_result)
    assert own.axes and own.axes[0].get_title(loc="left")
    plt.close(own)
    fig, ax = plt.subplots()
    assert draw(seeds_result, ax=ax) is fig
    plt.close(fig)


def test_distinctive_words_bars_are_the_z_scores_of_the_table(seeds_result):

    table = distinctive_terms(seeds_result)
    fig = plot.distinctive_words(table, group="Unattributed rewrite", top=5)
    ax = fig.axes[0]
    widths = sorted(round(p.get_width(), 6) for p in ax.patches)
    part = table[table["group"] == "Unattributed rewrite"]
    expected = sorted(round(z, 6) for z in [*part.nlargest(5, "z")["z"], *part.nsmallest(5, "z")["z"]])
    assert widths == expected
    assert "albania" in [t.get_text() for t in ax.get_yticklabels()]
    assert {p.get_hatch() or "" for p in ax.patches} == {"", "//"}  # the two sides differ without colour too
    plt.close(fig)


def test_distinctive_words_for_many_outlets_draws_a_panel_each(seeds_result):
    fig = plot.distinctive_words(seeds_result)
    assert len(fig.axes) == 5
    plt.close(fig)


def test_similarity_heatmap_prints_every_cell(seeds_result):
    fig = plot.similarity_heatmap(seeds_result, measure="containment")
    ax = fig.axes[0]
    assert len(ax.texts) == 25
    assert "1.00" in [t.get_text() for t in ax.texts]
    with pytest.raises(ValueError, match="measure must be"):
        plot.similarity_heatmap(seeds_result, measure="jaccard")
    plt.close(fig)


def test_sentiment_along_article_tells_outlets_apart_without_colour(seeds_result):
    fig = plot.sentiment_along_article(seeds_result)
    lines = [line for line in fig.axes[0].lines if line.get_label() and not line.get_label().startswith("_")]
    assert len(lines) == 5
    assert len({(str(line.get_linestyle()), line.get_marker()) for line in lines}) == 5
    plt.close(fig)


def _overlaps(labels) -> bool:
    boxes = [label.get_window_extent() for label in labels if label.get_text()]
    return any(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1 :])


@pytest.fixture(scope="module")
def twenty_outlets():
    stems = ["insisted", "said", "claimed", "admitted", "denied"]
    rows = [
        {
            "id": f"v{i:02d}",
            "story": "floods",
            "source": f"The Very Long Named Regional Evening Chronicle Number {i}",
            "text": (
                f"Floods {i}\n\nRiver levels rose on day {i} as crews worked through the night. "
                f"The mayor {stems[i % 5]} the barriers would hold. Residents were furious and scared.\n\n"
                f"“We lost everything,” a farmer said. Officials said help would come in {i + 2} days."
            ),
        }
        for i in range(20)
    ]
    return analyze(rows)


@pytest.mark.parametrize("draw", [plot.sentiment_by_outlet, plot.stance_mix, plot.loaded_terms])
def test_twenty_outlets_with_long_names_stay_readable(twenty_outlets, draw):
    fig = draw(twenty_outlets)
    fig.canvas.draw()
    labels = fig.axes[0].get_yticklabels()
    assert len([label for label in labels if label.get_text()]) == 20
    assert not _overlaps(labels)
    plt.close(fig)


def test_twenty_versions_get_a_readable_similarity_matrix_and_small_multiples(twenty_outlets):
    fig = plot.similarity_heatmap(twenty_outlets)
    fig.canvas.draw()
    assert not _overlaps(fig.axes[0].get_yticklabels()) and not _overlaps(fig.axes[0].get_xticklabels())
    plt.close(fig)
    fig = plot.sentiment_along_article(twenty_outlets)
    assert len(fig.axes) == 20
    plt.close(fig)


def test_share_of_voice_columns_for_twenty_outlets_do_not_collide(twenty_outlets):
    fig = plot.share_of_voice(twenty_outlets)
    fig.canvas.draw()
    assert len(fig.axes[0].get_xticklabels()) == 20
    assert not _overlaps(fig.axes[0].get_xticklabels())
    plt.close(fig)


def test_figures_draw_for_more_outlets_than_compare_tests_by_default(tmp_path):
    # compare refuses more than MAX_GROUPS groups (the pairs to test grow as their square); a figure tests nothing
    rows = [
        {"id": f"a{i}", "source": f"Outlet {i}", "story": "s", "text": f"Talks {i}\n\nThe minister said taxes rose."}
        for i in range(MAX_GROUPS + 5)
    ]
    written = plot.save_figures(analyze(rows), tmp_path)
    assert len(written) == 2 * len(plot.FIGURES)
