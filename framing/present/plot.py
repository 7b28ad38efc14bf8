"""Publication figures, one function each; every one takes the result (or a table) and an optional ``ax``.

The style is shared (:func:`style`): the Okabe–Ito palette, which colour-blind
readers can tell apart, plus hatching so that bars stay distinct in black and
white print; outlet names wrap.  :func:`save_figures` writes PNG and SVG; the
SVG is deterministic (fixed hash salt, no date), so reruns give identical files.

>>> from framing.run.pipeline import analyze
>>> result = analyze([{"id": "a", "source": "Wire", "text": "T\\n\\nIt was a bloody day, he said."}])
>>> fig = sentiment_by_outlet(result)
>>> fig.axes[0].get_xlabel()
'mean sentence sentiment (VADER compound)'
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

import pandas as pd

from framing.align import version_order
from framing.compare import MEASURES, distinctive_terms, estimates, similarity
from framing.compare import share_of_voice as voices
from framing.contract import STANCES, TableSource, prepare_folder, tables_of

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "FIGURES",
    "HATCHES",
    "LINESTYLES",
    "MARKERS",
    "PALETTE",
    "distinctive_words",
    "loaded_terms",
    "reuse_map",
    "save_figures",
    "sentiment_along_article",
    "sentiment_by_outlet",
    "share_of_voice",
    "similarity_heatmap",
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
    import matplotlib  # lazy: matplotlib is imported only on a path that draws (0.3 s)

    with matplotlib.rc_context(_RC):  # type: ignore[arg-type]
        yield


def _pyplot() -> ModuleType:
    """``matplotlib.pyplot``, imported the first time a figure is drawn."""
    import matplotlib.pyplot  # lazy: matplotlib is imported only on a path that draws (0.3 s)

    return matplotlib.pyplot


def _patches() -> ModuleType:
    """``matplotlib.patches``, imported the first time a figure is drawn."""
    import matplotlib.patches  # lazy: matplotlib is imported only on a path that draws (0.3 s)

    return matplotlib.patches


def _wrap(label: str, width: int = 18) -> str:
    return textwrap.fill(str(label), width=width, break_long_words=True)


def _lines(labels: list[str]) -> int:
    """The most lines any of the wrapped ``labels`` takes."""
    return max((_wrap(label).count("\n") + 1 for label in labels), default=1)


def _short(label: str, width: int = 28) -> str:
    """``label`` on one line, cut in the middle when longer than ``width`` (both ends tell names apart)."""
    label = " ".join(str(label).split())
    if len(label) <= width:
        return label
    head = (width - 1) // 2
    return f"{label[:head]}…{label[-(width - 1 - head) :]}"


def _axes(ax: Axes | None, n_rows: int, width: float = 6.0, lines: int = 1) -> tuple[Figure, Axes]:
    """The given ax and its figure, or a new figure tall enough for ``n_rows`` labels of ``lines`` lines."""
    if ax is not None:
        return ax.get_figure(root=True), ax  # type: ignore[return-value]
    height = max(2.0, n_rows * max(0.45, 0.19 * lines + 0.12) + 1.2)
    fig = _pyplot().figure(figsize=(width, height))
    return fig, fig.add_subplot()


def _outlet_of(tables: Mapping[str, pd.DataFrame]) -> pd.Series:
    articles = tables["articles"]
    return articles.set_index("article_id")["source"]


def _outlet_order(tables: Mapping[str, pd.DataFrame]) -> list[str]:
    return list(dict.fromkeys(tables["articles"]["source"]))


def _empty(ax: Axes, message: str) -> None:
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes, color="#555555")
    ax.set_xticks([])
    ax.set_yticks([])


def sentiment_by_outlet(data: TableSource, ax: Axes | None = None) -> Figure:
    """Mean sentence sentiment by outlet with 95% bootstrap intervals.

    The intervals are :func:`framing.compare.estimates`: they resample an
    outlet's articles when it has several, else the sentences of its one
    article; the label beside each outlet says which and how many.
    """
    tables = tables_of(data)
    outlets = _outlet_order(tables)
    with style():
        fig, ax = _axes(ax, len(outlets), lines=_lines(outlets))
        if tables["sentences"].empty:
            _empty(ax, "no body sentences")
            return fig
        table = estimates(tables, measures={"sentiment_mean": MEASURES["sentiment_mean"]}).set_index("group")
        for y, outlet in enumerate(outlets):
            row = table.loc[outlet]
            if not row["n"]:
                continue
            if row["ci_low"] == row["ci_low"]:
                ax.plot([row["ci_low"], row["ci_high"]], [y, y], color=PALETTE[0], linewidth=2, solid_capstyle="butt")
            ax.plot([row["estimate"]], [y], marker="o", color="black", markersize=5, zorder=3)
            ax.annotate(
                f"n={int(row['n'])} {row['unit']}",
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
        ax.set_title("Tone by outlet (dots: mean; bars: 95% bootstrap interval)", loc="left")
    return fig


def stance_mix(data: TableSource, ax: Axes | None = None) -> Figure:
    """Share of attributions by reporting-verb stance, one stacked bar per outlet."""
    tables = tables_of(data)
    attributions = tables["attributions"].assign(outlet=lambda t: t["article_id"].map(_outlet_of(tables)))
    outlets = _outlet_order(tables)
    with style():
        fig, ax = _axes(ax, len(outlets), width=7.0, lines=_lines(outlets))
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


def loaded_terms(data: TableSource, ax: Axes | None = None) -> Figure:
    """Loaded terms per 1,000 body words by outlet, stacked by lexicon category."""
    tables = tables_of(data)
    articles = tables["articles"]
    terms = tables["terms"]
    terms = terms[terms["lexicon"] == "loaded"].assign(outlet=lambda t: t["article_id"].map(_outlet_of(tables)))
    outlets = _outlet_order(tables)
    words = articles.groupby("source")["words"].sum().reindex(outlets).fillna(0)
    with style():
        fig, ax = _axes(ax, len(outlets), width=7.0, lines=_lines(outlets))
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


def share_of_voice(data: TableSource | pd.DataFrame, ax: Axes | None = None, top: int = 12) -> Figure:
    """Who speaks in each outlet: the ``top`` speakers' share of each outlet's attributions.

    Each cell is printed (share and count), so the figure reads in black and
    white; the colour scale is cividis, which colour-blind readers can follow.
    """
    table = data if isinstance(data, pd.DataFrame) else voices(data)
    outlets = list(dict.fromkeys(table["source"])) if len(table) else []
    speakers = list(table.groupby("speaker")["attributions"].sum().sort_values(ascending=False).index[:top])
    with style():
        own_figure = ax is None
        fig, ax = _axes(ax, len(speakers), width=max(5.0, 1.5 * len(outlets) + 3.0))
        if own_figure:  # room for the outlet names above the columns
            fig.set_figheight(fig.get_figheight() + 0.17 * _lines(outlets))
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


def reuse_map(data: TableSource, story: str | None = None, ax: Axes | None = None, max_versions: int = 8) -> Figure:
    """Each version a column of its body paragraphs, coloured by reuse class, matched paragraphs joined.

    Editorial paragraphs get a thick outline and an "E".  ``story`` defaults
    to the story with the most versions; at most ``max_versions`` versions
    are drawn (in story order), and the title says when some were left out.
    """
    tables = tables_of(data)
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
            fig = _pyplot().figure(figsize=(max(4.0, 1.6 * len(shown) + 1.5), max(3.0, 0.28 * longest + 2.0)))
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
                    _patches().Rectangle(
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
            _patches().Patch(facecolor=c, hatch=h, edgecolor="#888888", label=name)
            for name, (c, h) in REUSE_STYLE.items()
        ]
        handles.append(_patches().Patch(facecolor="white", edgecolor="black", linewidth=2, label="editorial (E)"))
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(0, 0), ncol=5, fontsize=7)
        hidden = len(order) - len(shown)
        title = f"Reuse map of story {story!r}" + (f" (first {len(shown)} of {len(order)} versions)" if hidden else "")
        ax.set_title(title, loc="left", pad=28)
    return fig


def distinctive_words(
    data: TableSource | pd.DataFrame, group: str | None = None, ax: Axes | None = None, top: int = 10
) -> Figure:
    """Words that set outlets apart: log-odds z-scores with an informative Dirichlet prior.

    With two outlets, or a ``group`` named, one panel: the ``top`` words
    leaning to the group (right) and to the others (left).  With more
    outlets and no ``group``, one small panel per outlet with its ``top``
    words.  ``data`` may also be a :func:`framing.compare.distinctive_terms`
    table.  The dashed lines mark |z| = 1.96.
    """
    table = data if isinstance(data, pd.DataFrame) else distinctive_terms(data)
    groups = list(dict.fromkeys(table["group"])) if len(table) else []
    with style():
        if not groups:
            fig, ax = _axes(ax, 2)
            _empty(ax, "one outlet only: no words to contrast")
            return fig
        if group is not None or len(groups) == 2 or ax is not None:
            chosen = group if group is not None else groups[0]
            if chosen not in groups:
                raise ValueError(f"no outlet {chosen!r}; the outlets are {', '.join(groups)}")
            part = table[table["group"] == chosen]
            words = pd.concat([part.nlargest(top, "z"), part.nsmallest(top, "z")]).drop_duplicates("term")
            words = words.sort_values("z")
            fig, ax = _axes(ax, len(words), width=6.0)
            _z_bars(ax, words, chosen, str(part["reference"].iloc[0]))
            return fig
        columns = min(4, len(groups))
        rows = -(-len(groups) // columns)
        fig = _pyplot().figure(figsize=(3.0 * columns, 0.22 * top * rows + 1.2 * rows))
        for i, name in enumerate(groups):
            panel = fig.add_subplot(rows, columns, i + 1)
            words = table[table["group"] == name].nlargest(top, "z").sort_values("z")
            _z_bars(panel, words, name, None)
        fig.suptitle("Distinctive words of each outlet against all others (log-odds z-score)", x=0.01, ha="left")
        fig.tight_layout()
    return fig


def _z_bars(ax: Axes, words: pd.DataFrame, group: str, reference: str | None) -> None:
    colours = [PALETTE[0] if z > 0 else PALETTE[1] for z in words["z"]]
    hatches = ["" if z > 0 else "//" for z in words["z"]]
    bars = ax.barh(range(len(words)), words["z"], color=colours, edgecolor="white", linewidth=0.5)
    for bar, hatch in zip(bars, hatches, strict=True):
        bar.set_hatch(hatch)
    ax.set_yticks(range(len(words)), list(words["term"]))
    for x in (-1.96, 1.96):
        ax.axvline(x, color="#888888", linewidth=0.7, linestyle="--")
    ax.axvline(0, color="black", linewidth=0.6)
    ax.set_xlabel("log-odds z-score")
    title = _wrap(group, 28) if reference is None else f"{_wrap(group, 28)}  vs  {_wrap(reference, 28)}"
    ax.set_title(title, loc="left", fontsize=9)
    if reference is not None:
        ax.annotate(
            f"← {reference}",
            (0.0, 1.0),
            xycoords="axes fraction",
            xytext=(0, 2),
            textcoords="offset points",
            fontsize=7,
            va="bottom",
            color="#555555",
        )


def similarity_heatmap(
    data: TableSource | pd.DataFrame, story: str | None = None, ax: Axes | None = None, measure: str = "cosine"
) -> Figure:
    """How alike the versions of a story are: a matrix of ``cosine``, ``containment`` or ``shared_paragraphs``.

    Rows are ``article_a``, columns ``article_b``; containment is asymmetric
    (how much of the row version is inside the column version).  Every cell
    is printed, so the figure reads in black and white.  ``data`` may also be
    a :func:`framing.compare.similarity` table.
    """
    table = data if isinstance(data, pd.DataFrame) else similarity(data)
    if measure not in ("cosine", "containment", "shared_paragraphs"):
        raise ValueError(f"measure must be cosine, containment or shared_paragraphs, not {measure!r}")
    if story is None and len(table):
        story = str(table["story"].value_counts().sort_index().idxmax())
    part = table[table["story"].astype(str) == str(story)]
    versions = list(dict.fromkeys([*part["article_a"], *part["article_b"]]))
    labels = dict(zip(part["article_a"], part["source_a"], strict=False))
    with style():
        size = max(4.0, 0.32 * len(versions) + 3.0)
        fig, ax = _axes(ax, 1) if ax is not None else (_pyplot().figure(figsize=(size + 1.0, size)), None)
        if ax is None:
            ax = fig.add_subplot()
        if part.empty:
            _empty(ax, "no story with two versions")
            return fig
        matrix = part.pivot_table(index="article_a", columns="article_b", values=measure, aggfunc="first")
        matrix = matrix.reindex(index=versions, columns=versions)
        values = matrix.to_numpy(dtype=float, copy=True)
        for i in range(len(versions)):
            values[i, i] = 1.0 if measure != "shared_paragraphs" else float("nan")
        image = ax.imshow(values, cmap="cividis", vmin=0, vmax=1, aspect="equal")
        font = 7 if len(versions) <= 10 else 5
        for y in range(len(versions)):
            for x in range(len(versions)):
                value = values[y, x]
                text = "–" if value != value else f"{value:.2f}"
                colour = "black" if value == value and value > 0.6 else "white"
                ax.text(x, y, text, ha="center", va="center", fontsize=font, color=colour)
        names = [f"{_short(labels.get(v, v))} · {str(v)[:8]}" for v in versions]
        ax.set_xticks(range(len(versions)), names, rotation=90)
        ax.set_yticks(range(len(versions)), names)
        ax.grid(False)
        fig.colorbar(image, ax=ax, fraction=0.04, pad=0.02, label=measure.replace("_", " "))
        ax.set_title(f"Similarity of the versions of story {story!r} ({measure.replace('_', ' ')})", loc="left")
    return fig


#: Line styles and markers that tell outlets apart without colour.
LINESTYLES = ["-", "--", ":", "-.", (0, (5, 1, 1, 1)), (0, (1, 1)), (0, (3, 1, 1, 1, 1, 1))]
MARKERS = ["o", "s", "^", "D", "v", "P", "X", "*"]


def sentiment_along_article(data: TableSource, ax: Axes | None = None, bins: int = 5) -> Figure:
    """Tone from the top of the article to the bottom: mean sentence sentiment by position, per outlet.

    A sentence's position is its place among the article's body sentences
    (0 = first, 1 = last), cut into ``bins`` equal parts; each outlet's line
    joins the means of its bins.  Up to seven outlets share one panel (each
    with its own colour, line style and marker); more get one small panel each,
    with the others in grey behind.
    """
    tables = tables_of(data)
    sentences = tables["sentences"]
    outlets = _outlet_order(tables)
    with style():
        if sentences.empty:
            fig, ax = _axes(ax, 2)
            _empty(ax, "no body sentences")
            return fig
        order = sentences.sort_values(["article_id", "sentence"]).copy()
        rank = order.groupby("article_id").cumcount()
        size = order.groupby("article_id")["sentence"].transform("size")
        order["position"] = (rank / (size - 1).where(size > 1, 1)).clip(0, 1)
        order["bin"] = (order["position"] * bins).clip(upper=bins - 1e-9).astype(int)
        order["outlet"] = order["article_id"].map(_outlet_of(tables))
        means = order.groupby(["outlet", "bin"])["compound"].mean().unstack("bin").reindex(outlets)
        centres = [(b + 0.5) / bins for b in range(bins)]
        if len(outlets) <= len(LINESTYLES) or ax is not None:
            fig, ax = _axes(ax, 6, width=6.5)
            for i, outlet in enumerate(outlets):
                ax.plot(
                    centres,
                    means.loc[outlet].reindex(range(bins)).to_numpy(dtype=float),
                    color=PALETTE[i % len(PALETTE)],
                    linestyle=LINESTYLES[i % len(LINESTYLES)],
                    marker=MARKERS[i % len(MARKERS)],
                    markersize=4,
                    label=_wrap(outlet, 30),
                )
            _position_axes(ax)
            ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0))
            ax.set_title("Tone along the article (mean sentence sentiment by position)", loc="left")
            return fig
        columns = 5
        rows = -(-len(outlets) // columns)
        fig = _pyplot().figure(figsize=(2.4 * columns, 2.0 * rows + 0.6))
        for i, outlet in enumerate(outlets):
            panel = fig.add_subplot(rows, columns, i + 1)
            for other in outlets:
                panel.plot(centres, means.loc[other].reindex(range(bins)), color="#cccccc", linewidth=0.6)
            panel.plot(centres, means.loc[outlet].reindex(range(bins)), color=PALETTE[0], marker="o", markersize=3)
            _position_axes(panel, labels=i % columns == 0)
            panel.set_title(_wrap(outlet, 24), fontsize=8, loc="left")
        fig.suptitle("Tone along the article (mean sentence sentiment by position)", x=0.01, ha="left")
        fig.tight_layout()
    return fig


def _position_axes(ax: Axes, labels: bool = True) -> None:
    ax.axhline(0, color="#888888", linewidth=0.8, linestyle=":")
    ax.set_xlim(0, 1)
    ax.set_ylim(-1, 1)
    ax.set_xticks([0, 0.5, 1], ["top", "middle", "end"])
    ax.grid(True, axis="y")
    if labels:
        ax.set_ylabel("mean compound")


#: The figures :func:`save_figures` writes, by file name.
FIGURES: dict[str, Callable[..., Figure]] = {
    "sentiment_by_outlet": sentiment_by_outlet,
    "sentiment_along_article": sentiment_along_article,
    "stance_mix": stance_mix,
    "share_of_voice": share_of_voice,
    "loaded_terms": loaded_terms,
    "distinctive_words": distinctive_words,
    "similarity": similarity_heatmap,
    "reuse_map": reuse_map,
}


def save_figures(data: TableSource, folder: str | Path, *, force: bool = False) -> list[Path]:
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
        _pyplot().close(fig)
    return written
