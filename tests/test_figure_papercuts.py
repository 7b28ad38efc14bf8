"""Issue 18, items 13 and 16: figures that stay readable on real corpora.

Long outlet names are shortened for drawing; the tone axis fits the data; every loaded-language category has its
own style; the distinctive words leave out function words, titles and the outlets' own names; "n=" notes do not
collide when figures share one figure; legends stay inside the saved figure.
"""

from __future__ import annotations

import csv

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from matplotlib.image import imread
from matplotlib.text import Text

from framing.cli import main
from framing.compare import distinctive_terms, estimates, measures_for
from framing.lexicons import builtin_lexicon
from framing.present import plot
from framing.present.figure_style import LABEL_WIDTH, short_labels
from framing.run.pipeline import analyze
from framing.settings import SentimentRules

#: 3,000 characters; a second name differs from it only in the middle, so shortening alone would make them equal.
LONG_NAME = ("The Evening Chronicle of the Upper Valley " * 80)[:3000]
TWIN_NAME = LONG_NAME[:1500] + "X" + LONG_NAME[1501:]


def _story(sources: list[str]) -> list[dict[str, str]]:
    texts = [
        "Talks on the Riverton dam collapsed on Tuesday, officials said. “We did everything we could,” Water "
        "Minister Ana Pereira said. Critics slammed the reckless handling of the talks.",
        "Talks on the Riverton dam collapsed on Tuesday. Pereira insisted the dam was safe, engineers said. "
        "“The spillway could fail,” an engineer warned.",
        "Negotiations over the Riverton dam ended on Tuesday without a deal, officials said. Pereira said "
        "repairs would start in May. Residents said they feared for their homes.",
    ]
    return [
        {"id": f"v{i}", "story": "dam", "source": source, "text": f"Dam talks\n\n{texts[i % 3]}"}
        for i, source in enumerate(sources)
    ]


@pytest.fixture(scope="module")
def long_names():
    return analyze(_story([LONG_NAME, TWIN_NAME, "Wire"]))


def _tick_texts(fig) -> list[str]:
    return [t.get_text() for ax in fig.axes for t in [*ax.get_xticklabels(), *ax.get_yticklabels()] if t.get_text()]


def test_short_labels_cut_long_names_and_keep_them_apart():
    labels = short_labels([LONG_NAME, TWIN_NAME, "Wire", LONG_NAME])
    assert all(len(label) <= LABEL_WIDTH for label in labels)
    assert labels[2] == "Wire" and labels[0] == labels[3]
    assert len(set(labels)) == 3


@pytest.mark.parametrize("name", list(plot.FIGURES))
def test_a_3000_character_outlet_name_is_shortened_in_every_figure(long_names, name):
    fig = plot.FIGURES[name](long_names)
    fig.canvas.draw()
    ticks = _tick_texts(fig)
    assert all(len(text.replace("\n", "")) <= LABEL_WIDTH for text in ticks), max(ticks, key=len)[:80]
    texts = [t.get_text() for t in fig.findobj(Text)]
    assert max(len(text) for text in texts) < 200  # titles and legends too
    width, height = fig.get_size_inches()
    assert width < 20 and height < 20
    plt.close(fig)


def test_figures_of_a_comparison_shorten_group_names():
    table = pd.DataFrame(
        {
            "measure": ["m", "m"],
            "group": [LONG_NAME, TWIN_NAME],
            "estimate": [1.0, 2.0],
            "ci_low": [0.5, 1.5],
            "ci_high": [1.5, 2.5],
            "n": [4, 4],
            "unit": ["articles"] * 2,
        }
    )
    fig = plot.group_estimates(table, ["m"])
    ticks = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert len(set(ticks)) == 2 and all(len(t.replace("\n", "")) <= LABEL_WIDTH for t in ticks)
    plt.close(fig)


# --- the tone axis fits the data ----------------------------------------------------------------------------


def test_sentiment_axis_fits_the_intervals_and_keeps_zero_in_view(seeds_result):
    fig = plot.sentiment_by_outlet(seeds_result)
    ax = fig.axes[0]
    low, high = ax.get_xlim()
    measures = measures_for(SentimentRules.of(seeds_result))
    names = ["sentiment_mean_narration", "sentiment_mean_quoted"]
    table = estimates(seeds_result, measures={n: measures[n] for n in names}, max_groups=None)
    values = [0.0, *pd.concat([table["estimate"], table["ci_low"], table["ci_high"]]).dropna()]
    assert low <= min(values) and high >= max(values)
    assert high - low <= 1.3 * (max(values) - min(values))  # not the fixed -1..1
    assert any(list(line.get_xdata()) == [0, 0] for line in ax.get_lines())  # zero is marked
    plt.close(fig)


# --- loaded-language categories ----------------------------------------------------------------------------


EVERY_CATEGORY = (
    "Critics called it cronyism and a bogus deal after the bloody clashes. The senator railed against the "
    "scourge of corruption amid an uproar. Residents were shocked by the malign scheme and the outrageous "
    "pacification campaign, and opponents of the death tax were furious."
)


def test_every_loaded_category_gets_its_own_colour_and_hatch():
    result = analyze(
        [
            {"id": "a", "source": "Wire", "text": f"Clashes\n\n{EVERY_CATEGORY}"},
            {"id": "b", "source": "Daily", "text": f"Clashes\n\n“{EVERY_CATEGORY}” a senator said."},
        ]
    )
    categories = builtin_lexicon("loaded").categories()
    assert set(result.terms.query("lexicon == 'loaded'")["category"]) == set(categories)
    fig = plot.loaded_terms(result)
    handles = fig.axes[0].get_legend().legend_handles
    styles = {(tuple(h.get_facecolor()), h.get_hatch() or "") for h in handles}
    assert len(handles) == len(categories) == len(styles)
    plt.close(fig)


# --- distinctive words --------------------------------------------------------------------------------------


HERALD = [
    "Mr. Pereira is the minister, the Herald has learned. Mr. Pereira is under pressure. "
    "The Herald understands the budget is late and the dam is leaking.",
    "Mr. Costa is the mayor, the Herald reports. Mr. Costa is angry that the budget is late. "
    "The Herald can reveal the reservoir is low.",
]
POST = [
    "Pereira, a minister, faced pressure over the leaking dam. Engineers inspected the spillway on Monday. "
    "Farmers feared floods across the valley.",
    "Costa, the mayor, demanded answers about the reservoir. Engineers warned of floods in the valley. "
    "Farmers held a meeting on Monday.",
]


def _outlets() -> list[dict[str, str]]:
    rows = [{"id": f"h{i}", "source": "Valley Herald", "text": f"Dam\n\n{t}"} for i, t in enumerate(HERALD)]
    return rows + [{"id": f"p{i}", "source": "Wire Post", "text": f"Dam\n\n{t}"} for i, t in enumerate(POST)]


def test_distinctive_words_leave_out_function_words_titles_and_outlet_names_by_default():
    result = analyze(_outlets())
    kept = distinctive_terms(result, keep_stopwords=True).query("group == 'Valley Herald'")
    assert {"mr", "is", "herald"} <= set(kept.nlargest(4, "z")["term"])  # without the filter they top the list
    table = distinctive_terms(result).query("group == 'Valley Herald'")
    assert not {"mr", "is", "herald", "valley", "the", "wire", "post"} & set(table["term"])
    assert {"budget", "late"} <= set(table.nlargest(6, "z")["term"])
    both = table.merge(kept, on="term", suffixes=("", "_kept"))
    assert len(both) == len(table) and (both["z"] == both["z_kept"]).all()  # the filter only hides rows
    fig = plot.distinctive_words(result)
    assert "mr" not in [t.get_text() for t in fig.axes[0].get_yticklabels()]
    plt.close(fig)


def test_cli_compare_keeps_the_stop_words_when_asked(tmp_path, capsys):
    corpus = tmp_path / "corpus.csv"
    with corpus.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=["id", "source", "text"])
        writer.writeheader()
        writer.writerows(_outlets())
    out = tmp_path / "out"
    assert main(["analyze", str(corpus), "--out", str(out), "--quiet"]) == 0
    assert main(["compare", str(out), "--quiet"]) == 0
    assert "mr" not in set(pd.read_csv(out / "distinctive_terms.csv")["term"])
    assert main(["compare", str(out), "--quiet", "--keep-stopwords", "--out", str(tmp_path / "kept")]) == 0
    assert "mr" in set(pd.read_csv(tmp_path / "kept" / "distinctive_terms.csv")["term"])


# --- figures sharing one figure, and legends --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("shape", "size", "tight"), [((1, 2), (12, 4), True), ((2, 1), (7, 8), False), ((2, 1), (6.4, 4.8), True)]
)
def test_n_labels_do_not_collide_when_two_figures_share_one_figure(seeds_result, shape, size, tight):
    fig, axes = plt.subplots(*shape, figsize=size)
    plot.sentiment_by_outlet(seeds_result, ax=axes[0])
    plot.stance_mix(seeds_result, ax=axes[1])
    if tight:
        fig.tight_layout()
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    notes = [t for ax in axes for t in ax.texts if t.get_text().startswith("n=")]
    boxes = [t.get_window_extent(renderer) for t in notes]
    others = [t for ax in axes for t in [*ax.get_yticklabels(), *ax.get_xticklabels(), ax.title] if t.get_text()]
    assert len(notes) == 10  # one a row: five outlets in each figure
    assert not any(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1 :])
    assert not any(box.overlaps(other.get_window_extent(renderer)) for box in boxes for other in others)
    assert all(fig.bbox.x0 <= box.x0 and box.x1 <= fig.bbox.x1 for box in boxes)
    plt.close(fig)


@pytest.mark.filterwarnings("ignore:The figure layout has changed to tight")
@pytest.mark.parametrize("tight", [False, True])
@pytest.mark.parametrize(
    "name", ["sentiment_by_outlet", "stance_mix", "loaded_terms", "sentiment_along_article", "reuse_map"]
)
def test_the_legend_lies_inside_the_saved_figure(seeds_result, tmp_path, name, tight):
    fig = plot.FIGURES[name](seeds_result)
    if tight:
        fig.tight_layout()
    path = tmp_path / "figure.png"
    fig.savefig(path, dpi=fig.dpi, bbox_inches=None)
    height, width = imread(path).shape[:2]
    box = fig.axes[0].get_legend().get_window_extent()
    assert box.x0 >= 0 and box.y0 >= 0 and box.x1 <= width + 1 and box.y1 <= height + 1, (box, width, height)
    plt.close(fig)
