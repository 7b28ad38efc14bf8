"""Publication figures, one function each; every one takes the result (or a table) and an optional ``ax``.

The style is shared (:func:`style`): the Okabe–Ito palette, which colour-blind
readers can tell apart, plus hatching so that bars stay distinct in black and
white print; outlet names wrap.  :func:`save_figures` writes PNG and SVG; the
SVG is deterministic (fixed hash salt, no date), so reruns give identical files.

>>> from framing.pipeline import analyze
>>> result = analyze([{"id": "a", "source": "Wire", "text": "T\\n\\nIt was a bloody day, he said."}])
>>> fig = sentiment_by_outlet(result)
>>> fig.axes[0].get_xlabel()
'mean sentence sentiment (VADER compound)'
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import matplotlib
import matplotlib.patches

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from framing.output import prepare_folder
from framing.stats import bootstrap_mean_ci
from framing.tables import STANCES

__all__ = [
    "FIGURES",
    "HATCHES",
    "PALETTE",
    "loaded_terms",
    "save_figures",
    "sentiment_by_outlet",
    "stance_mix",
    "style",
]

#: Okabe & Ito (2008) colour-blind-safe palette, plus grey.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000", "#999999"]
HATCHES = ["", "//", "..", "xx", "\\\\", "--", "++", "oo", "**"]

_RC: dict[str, Any] = {
    "font.size": 9,
    "axes.titlesize": 10,
    "axes.labelsize": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.grid.axis": "x",
    "grid.color": "#dddddd",
    "grid.linewidth": 0.6,
    "legend.frameon": False,
    "legend.fontsize": 8,
    "hatch.linewidth": 0.6,
    "svg.hashsalt": "framing",
    "svg.fonttype": "path",
    "figure.dpi": 100,
    "savefig.dpi": 200,
    "savefig.bbox": "tight",
}


@contextmanager
def style() -> Iterator[None]:
    """The shared figure style (use ``with style(): ...`` around your own plots too)."""
    with matplotlib.rc_context(_RC):  # type: ignore[arg-type]
        yield


def _wrap(label: str, width: int = 18) -> str:
    return textwrap.fill(str(label), width=width, break_long_words=True)


def _tables(data) -> dict[str, pd.DataFrame]:
    if hasattr(data, "tables"):
        return data.tables
    if isinstance(data, dict):
        return data
    raise TypeError("pass a framing Result or a dict of its tables (articles, sentences, ...)")


def _axes(ax: Axes | None, n_rows: int, width: float = 6.0) -> tuple[Figure, Axes]:
    if ax is not None:
        return ax.get_figure(root=True), ax  # type: ignore[return-value]
    height = max(2.0, 0.45 * n_rows + 1.2)
    fig = plt.figure(figsize=(width, height))
    return fig, fig.add_subplot()


def _outlet_of(tables: dict[str, pd.DataFrame]) -> pd.Series:
    articles = tables["articles"]
    return articles.set_index("article_id")["source"]


def _outlet_order(tables: dict[str, pd.DataFrame]) -> list[str]:
    return list(dict.fromkeys(tables["articles"]["source"]))


def _empty(ax: Axes, message: str) -> None:
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes, color="#555555")
    ax.set_xticks([])
    ax.set_yticks([])


def sentiment_by_outlet(data, ax: Axes | None = None) -> Figure:
    """Mean sentence sentiment by outlet with 95% bootstrap intervals (resampling sentences)."""
    tables = _tables(data)
    sentences = tables["sentences"].assign(outlet=lambda t: t["article_id"].map(_outlet_of(tables)))
    outlets = _outlet_order(tables)
    with style():
        fig, ax = _axes(ax, len(outlets))
        if sentences.empty:
            _empty(ax, "no body sentences")
            return fig
        for y, outlet in enumerate(outlets):
            values = sentences.loc[sentences["outlet"] == outlet, "compound"].tolist()
            if not values:
                continue
            mean = sum(values) / len(values)
            low, high = bootstrap_mean_ci(values)
            if low == low:
                ax.plot([low, high], [y, y], color=PALETTE[0], linewidth=2, solid_capstyle="butt")
            ax.plot([mean], [y], marker="o", color="black", markersize=5, zorder=3)
            ax.annotate(
                f"n={len(values)}",
                (1.0, y),
                xycoords=("axes fraction", "data"),
                xytext=(4, 0),
                textcoords="offset points",
                va="center",
                fontsize=7,
                color="#555555",
            )
        ax.axvline(0, color="#888888", linewidth=0.8, linestyle=":")
        ax.set_yticks(range(len(outlets)), [_wrap(o) for o in outlets])
        ax.invert_yaxis()
        ax.set_xlim(-1, 1)
        ax.set_xlabel("mean sentence sentiment (VADER compound)")
        ax.set_title("Tone by outlet (dots: mean; bars: 95% bootstrap interval over sentences)", loc="left")
    return fig


def stance_mix(data, ax: Axes | None = None) -> Figure:
    """Share of attributions by reporting-verb stance, one stacked bar per outlet."""
    tables = _tables(data)
    attributions = tables["attributions"].assign(outlet=lambda t: t["article_id"].map(_outlet_of(tables)))
    outlets = _outlet_order(tables)
    with style():
        fig, ax = _axes(ax, len(outlets), width=7.0)
        if attributions.empty:
            _empty(ax, "no attributions found")
            return fig
        counts = pd.crosstab(attributions["outlet"], attributions["stance"]).reindex(index=outlets, fill_value=0)
        present = [s for s in STANCES if s in counts.columns] + [s for s in counts.columns if s not in STANCES]
        shares = counts[present].div(counts[present].sum(axis=1).replace(0, 1), axis=0)
        left = pd.Series(0.0, index=outlets)
        for i, stance in enumerate(present):
            ax.barh(
                range(len(outlets)),
                shares[stance],
                left=left,
                color=PALETTE[i % len(PALETTE)],
                hatch=HATCHES[i % len(HATCHES)],
                edgecolor="white",
                linewidth=0.5,
                label=stance.replace("_", " "),
            )
            left += shares[stance]
        totals = counts.sum(axis=1)
        for y, outlet in enumerate(outlets):
            ax.annotate(
                f"n={int(totals[outlet])}",
                (1.0, y),
                xycoords=("axes fraction", "data"),
                xytext=(4, 0),
                textcoords="offset points",
                va="center",
                fontsize=7,
                color="#555555",
            )
        ax.set_yticks(range(len(outlets)), [_wrap(o) for o in outlets])
        ax.invert_yaxis()
        ax.set_xlim(0, 1)
        ax.set_xlabel("share of attributions")
        ax.legend(ncol=min(len(present), 5), loc="upper left", bbox_to_anchor=(0, -0.18 - 0.02 * len(outlets)))
        ax.set_title("Reporting-verb stance by outlet", loc="left")
    return fig


def loaded_terms(data, ax: Axes | None = None) -> Figure:
    """Loaded terms per 1,000 body words by outlet, stacked by lexicon category."""
    tables = _tables(data)
    articles = tables["articles"]
    terms = tables["terms"]
    terms = terms[terms["lexicon"] == "loaded"].assign(outlet=lambda t: t["article_id"].map(_outlet_of(tables)))
    outlets = _outlet_order(tables)
    words = articles.groupby("source")["words"].sum().reindex(outlets).fillna(0)
    with style():
        fig, ax = _axes(ax, len(outlets), width=7.0)
        if words.sum() == 0:
            _empty(ax, "no body text")
            return fig
        counts = pd.crosstab(terms["outlet"], terms["category"]) if not terms.empty else pd.DataFrame(index=outlets)
        counts = counts.reindex(index=outlets, fill_value=0)
        rates = counts.mul(1000).div(words.replace(0, float("nan")), axis=0).fillna(0)
        order = list(rates.sum().sort_values(ascending=False).index)
        left = pd.Series(0.0, index=outlets)
        for i, category in enumerate(order):
            ax.barh(
                range(len(outlets)),
                rates[category],
                left=left,
                color=PALETTE[i % len(PALETTE)],
                hatch=HATCHES[i % len(HATCHES)],
                edgecolor="white",
                linewidth=0.5,
                label=category.replace("_", " "),
            )
            left += rates[category]
        for y, outlet in enumerate(outlets):
            ax.annotate(
                f"{int(counts.loc[outlet].to_numpy().sum())} terms / {int(words[outlet])} words",
                (left[outlet], y),
                xytext=(4, 0),
                textcoords="offset points",
                va="center",
                fontsize=7,
                color="#555555",
            )
        ax.set_yticks(range(len(outlets)), [_wrap(o) for o in outlets])
        ax.invert_yaxis()
        ax.set_xlim(0, max(1.0, float(left.max()) * 1.35))
        ax.set_xlabel("loaded terms per 1,000 body words")
        if order:
            ax.legend(ncol=min(len(order), 4), loc="upper left", bbox_to_anchor=(0, -0.18 - 0.02 * len(outlets)))
        ax.set_title("Loaded language by outlet and category", loc="left")
    return fig


def share_of_voice(data, ax: Axes | None = None, top: int = 12) -> Figure:
    """Who speaks in each outlet: the ``top`` speakers' share of each outlet's attributions.

    Each cell is printed (share and count), so the figure reads in black and
    white; the colour scale is cividis, which colour-blind readers can follow.
    """
    from framing.stats import share_of_voice as voices

    table = voices(data) if hasattr(data, "tables") else data
    outlets = list(dict.fromkeys(table["source"])) if len(table) else []
    speakers = list(table.groupby("speaker")["attributions"].sum().sort_values(ascending=False).index[:top])
    with style():
        fig, ax = _axes(ax, len(speakers), width=max(5.0, 1.3 * len(outlets) + 3.0))
        if table.empty:
            _empty(ax, "no attributed speakers")
            return fig
        shares = table.pivot_table(index="speaker", columns="source", values="share", fill_value=0.0)
        counts = table.pivot_table(index="speaker", columns="source", values="attributions", fill_value=0)
        shares = shares.reindex(index=speakers, columns=outlets, fill_value=0.0)
        counts = counts.reindex(index=speakers, columns=outlets, fill_value=0)
        image = ax.imshow(
            shares.to_numpy(), cmap="cividis", vmin=0, vmax=max(0.01, float(shares.to_numpy().max())), aspect="auto"
        )
        values = shares.to_numpy(dtype=float)
        numbers = counts.to_numpy(dtype=int)
        for y in range(len(speakers)):
            for x in range(len(outlets)):
                share = float(values[y, x])
                colour = "white" if share < 0.6 * float(values.max()) else "black"
                ax.text(x, y, f"{share:.0%}\n({numbers[y, x]})", ha="center", va="center", fontsize=7, color=colour)
        ax.set_xticks(range(len(outlets)), [_wrap(o, 14) for o in outlets])
        ax.set_yticks(range(len(speakers)), [_wrap(s, 24) for s in speakers])
        ax.xaxis.tick_top()
        ax.grid(False)
        fig.colorbar(image, ax=ax, fraction=0.04, pad=0.02, label="share of the outlet's attributions")
        ax.set_title("Share of voice: who is quoted or paraphrased, by outlet", loc="left", pad=30)
    return fig


#: Colours and hatches of the reuse classes, strongest to weakest.
REUSE_STYLE = {
    "verbatim": (PALETTE[0], ""),
    "edited": (PALETTE[4], "//"),
    "paraphrase": (PALETTE[1], ".."),
    "novel": ("#DDDDDD", ""),
}


def reuse_map(data, story: str | None = None, ax: Axes | None = None, max_versions: int = 8) -> Figure:
    """Each version a column of its body paragraphs, coloured by reuse class, matched paragraphs joined.

    Editorial paragraphs get a thick outline and an "E".  ``story`` defaults
    to the story with the most versions; at most ``max_versions`` versions
    are drawn (in story order), and the title says when some were left out.
    """
    from framing.versions import version_order

    tables = _tables(data)
    articles, paragraphs, alignments = tables["articles"], tables["paragraphs"], tables["alignments"]
    if story is None and len(articles):
        story = str(articles["story"].value_counts().sort_index().idxmax())
    story_articles = articles[articles["story"] == story]
    order = version_order(story_articles)
    shown = order[:max_versions]
    body = paragraphs[(paragraphs["role"] == "body") & paragraphs["article_id"].isin(shown)]
    longest = int(body.groupby("article_id").size().max()) if len(body) else 0
    with style():
        if ax is None:
            fig = plt.figure(figsize=(max(4.0, 1.6 * len(shown) + 1.5), max(3.0, 0.28 * longest + 2.0)))
            ax = fig.add_subplot()
        else:
            fig = ax.get_figure(root=True)  # type: ignore[assignment]
        if body.empty:
            _empty(ax, "no body paragraphs")
            return fig
        width = 0.5
        place: dict[tuple[str, int], tuple[float, float]] = {}
        for x, article_id in enumerate(shown):
            rows = body[body["article_id"] == article_id].sort_values("paragraph")
            for y, row in enumerate(rows.to_dict(orient="records")):
                reuse = str(row["reuse"]) if isinstance(row.get("reuse"), str) else "novel"
                colour, hatch = REUSE_STYLE.get(reuse, REUSE_STYLE["novel"])
                editorial = bool(row.get("editorial")) if row.get("editorial") == row.get("editorial") else False
                ax.add_patch(
                    matplotlib.patches.Rectangle(
                        (x - width / 2, y - 0.4),
                        width,
                        0.8,
                        facecolor=colour,
                        hatch=hatch,
                        edgecolor="black" if editorial else "white",
                        linewidth=2.0 if editorial else 0.5,
                    )
                )
                if editorial:
                    ax.text(x + width / 2 + 0.04, y, "E", va="center", ha="left", fontsize=8, fontweight="bold")
                place[(article_id, int(row["paragraph"]))] = (x, y)
        links = []
        for row in alignments[alignments["story"] == story].to_dict(orient="records"):
            a = place.get((row["article_a"], int(row["paragraph_a"])))
            b = place.get((row["article_b"], int(row["paragraph_b"])))
            if a is not None and b is not None:
                links.append((*sorted([a, b]), row["reuse"]))
        linked = {(a, b) for a, b, _ in links} | {(b, a) for a, b, _ in links}
        for (xa, ya), (xb, yb), reuse in links:
            # a match that passes through a copy in a column between is drawn through that copy only
            between = [
                p for p in place.values() if xa < p[0] < xb and ((xa, ya), p) in linked and (p, (xb, yb)) in linked
            ]
            if between:
                continue
            ax.plot(
                [xa + width / 2, xb - width / 2],
                [ya, yb],
                color="#555555",
                linewidth=0.6,
                alpha=0.7,
                linestyle="-" if reuse in ("verbatim", "edited") else "--",
                zorder=0,
            )
        labels = story_articles.set_index("article_id")["source"]
        ax.set_xticks(range(len(shown)), [_wrap(f"{labels[a]} ({a[:10]})", 16) for a in shown])
        ax.xaxis.tick_top()
        ax.set_xlim(-0.7, len(shown) - 0.3)
        ax.set_ylim(longest - 0.4, -0.6)
        ax.set_yticks(range(longest), [str(i + 1) for i in range(longest)])
        ax.set_ylabel("body paragraph")
        ax.grid(False)
        for side in ("left", "right", "bottom", "top"):
            ax.spines[side].set_visible(False)
        handles = [
            matplotlib.patches.Patch(facecolor=c, hatch=h, edgecolor="#888888", label=name)
            for name, (c, h) in REUSE_STYLE.items()
        ]
        handles.append(
            matplotlib.patches.Patch(facecolor="white", edgecolor="black", linewidth=2, label="editorial (E)")
        )
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(0, 0), ncol=5, fontsize=7)
        hidden = len(order) - len(shown)
        title = f"Reuse map of story {story!r}" + (f" (first {len(shown)} of {len(order)} versions)" if hidden else "")
        ax.set_title(title, loc="left", pad=28)
    return fig


#: The figures :func:`save_figures` writes, by file name.
FIGURES: dict[str, Callable[..., Figure]] = {
    "sentiment_by_outlet": sentiment_by_outlet,
    "stance_mix": stance_mix,
    "share_of_voice": share_of_voice,
    "loaded_terms": loaded_terms,
    "reuse_map": reuse_map,
}


def save_figures(data, folder: str | Path, *, force: bool = False) -> list[Path]:
    """Write every figure in :data:`FIGURES` as PNG and SVG into ``folder``."""
    target = prepare_folder(Path(folder), force=force)
    written: list[Path] = []
    for name, draw in FIGURES.items():
        fig = draw(data)
        with style():
            for suffix, metadata in ((".png", {"Software": None}), (".svg", {"Date": None, "Creator": None})):
                path = target / f"{name}{suffix}"
                fig.savefig(path, metadata=metadata)
                written.append(path)
        plt.close(fig)
    return written
