"""Figures that set the outlets side by side: tone, reporting-verb stance, loaded terms, share of voice,
distinctive words and tone along the article.

>>> from framing.run.pipeline import analyze
>>> result = analyze([{"id": "a", "source": "Wire", "text": "T\\n\\nIt was a bloody day, he said."}])
>>> sentiment_by_outlet(result).axes[0].get_xlabel()
'mean sentence sentiment (VADER compound)'
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import pandas as pd

from framing.compare import distinctive_terms, estimates, measures_for
from framing.compare import share_of_voice as voices
from framing.contract import STANCES, TableSource, tables_of
from framing.present.figure_style import (
    LINESTYLES,
    MARKERS,
    PALETTE,
    _axes,
    _empty,
    _figure,
    _fitted_limits,
    _lines,
    _outlet_of,
    _outlet_order,
    _short,
    _tick_labels,
    _wrap,
    bar_style,
    short_labels,
    style,
)
from framing.settings import SentimentRules

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure


#: The two voices the outlet figures set side by side: the outlet's own words, and its sources' speech.
VOICE_SERIES = {
    "narration": ("the outlet's narration", "narration", ("narration",)),
    "quoted": ("sources' quoted and reported speech", "quoted/reported", ("quoted", "reported")),
}


def sentiment_by_outlet(data: TableSource, ax: Axes | None = None) -> Figure:
    """Mean sentence sentiment by outlet with 95% bootstrap intervals, for the outlet's narration and for its
    sources' quoted and reported speech (two rows per outlet, labelled in the legend).

    The intervals are :func:`framing.compare.estimates` of ``sentiment_mean_narration`` and
    ``sentiment_mean_quoted``: they resample an outlet's articles when it has several, else the sentences
    of its one article; the label beside each row says which and how many.  The axis spans the dots and
    intervals (not the whole -1..1 scale, so differences show) and always zero, marked by a dotted line.
    Drawn into your ``ax``, one note a row gives both counts (narration · speech) inside the axes' right edge.
    """
    tables = tables_of(data)
    outlets = _outlet_order(tables)
    shared = ax is not None
    with style():
        fig, ax = _axes(ax, len(outlets), lines=_lines(outlets))
        if tables["sentences"].empty:
            _empty(ax, "no body sentences")
            return fig
        measures = measures_for(SentimentRules.of(data))
        names = {voice: f"sentiment_mean_{voice}" for voice in VOICE_SERIES}
        table = estimates(tables, measures={name: measures[name] for name in names.values()}, max_groups=None)
        notes: dict[int, list[tuple[int, str]]] = {}
        for i, (voice, (label, _, _)) in enumerate(VOICE_SERIES.items()):
            rows = table[table["measure"] == names[voice]].set_index("group").to_dict(orient="index")
            offset = -0.18 if i == 0 else 0.18
            for y, outlet in enumerate(outlets):
                row = rows[outlet]
                if _tone_row(ax, row, y + offset, i):
                    notes.setdefault(y, []).append((int(row["n"]), str(row["unit"])))
                    if not shared:
                        _margin_note(ax, y + offset, "n={} {}".format(*notes[y][-1]))
            ax.plot([], [], marker=MARKERS[i], color=PALETTE[i], linestyle="-" if i == 0 else "--", label=label)
        for y, counts in notes.items() if shared else ():  # one note a row: in a small ax two would collide
            _margin_note(ax, y, _counts_note(counts), inside=True)
        ax.axvline(0, color="#888888", linewidth=0.8, linestyle=":")
        ax.set_yticks(range(len(outlets)), _tick_labels(outlets))
        ax.set_ylim(len(outlets) - 0.5, -0.5)
        shown = table[table["n"] > 0]
        low, high = _fitted_limits([*shown["estimate"], *shown["ci_low"], *shown["ci_high"]])
        ax.set_xlim(low, high + (0.45 * (high - low) if shared else 0.0))  # shared: room for the notes inside
        ax.set_xlabel("mean sentence sentiment (VADER compound)")
        ax.legend(loc="upper left", bbox_to_anchor=(0, -0.18 - 0.02 * len(outlets)), ncol=2)
        ax.set_title("Tone by outlet: its narration and its sources' speech (dot: mean; bar: 95% interval)", loc="left")
    return fig


def _counts_note(counts: list[tuple[int, str]]) -> str:
    """``n=10 · 9 sentences`` for counts of one unit, ``n=4 articles · 9 sentences`` for two.

    >>> _counts_note([(10, "sentences"), (9, "sentences")]), _counts_note([(4, "articles"), (9, "sentences")])
    ('n=10 · 9 sentences', 'n=4 articles · 9 sentences')
    """
    if len({unit for _, unit in counts}) == 1:
        return "n=" + " · ".join(str(n) for n, _ in counts) + f" {counts[0][1]}"
    return "n=" + " · ".join(f"{n} {unit}" for n, unit in counts)


def _tone_row(ax: Axes, row: Mapping[Any, Any], y: float, i: int) -> bool:
    """The dot and interval of one outlet's row ``y`` in voice ``i`` of :data:`VOICE_SERIES`; whether it had any."""
    if not row["n"]:
        return False
    if row["ci_low"] == row["ci_low"]:
        ax.plot(
            [row["ci_low"], row["ci_high"]],
            [y, y],
            color=PALETTE[i],
            linewidth=2,
            linestyle="-" if i == 0 else "--",
            solid_capstyle="butt",
        )
    ax.plot([row["estimate"]], [y], marker=MARKERS[i], color="black", markersize=5, zorder=3)
    return True


def stance_mix(data: TableSource, ax: Axes | None = None) -> Figure:
    """Share of attributions by reporting-verb stance, one stacked bar per outlet."""
    tables = tables_of(data)
    attributions = tables["attributions"].assign(outlet=lambda t: t["article_id"].map(_outlet_of(tables)))
    outlets = _outlet_order(tables)
    shared = ax is not None
    with style():
        fig, ax = _axes(ax, len(outlets), width=7.0, lines=_lines(outlets))
        if attributions.empty:
            _empty(ax, "no attributions found")
            return fig
        counts = pd.crosstab(attributions["outlet"], attributions["stance"]).reindex(index=outlets, fill_value=0)
        present = [s for s in STANCES if s in counts.columns] + [s for s in counts.columns if s not in STANCES]
        shares = counts[present].div(counts[present].sum(axis=1).replace(0, 1), axis=0)
        _stacked_bars(ax, shares, present)
        totals = counts.sum(axis=1)
        for y, outlet in enumerate(outlets):
            _margin_note(ax, y, f"n={int(totals[outlet])}", inside=shared)
        ax.set_yticks(range(len(outlets)), _tick_labels(outlets))
        ax.invert_yaxis()
        ax.set_xlim(0, 1.2 if shared else 1)  # shared: room for the notes inside
        ax.set_xticks([0, 0.25, 0.5, 0.75, 1])
        ax.set_xlabel("share of attributions")
        ax.legend(ncol=min(len(present), 5), loc="upper left", bbox_to_anchor=(0, -0.18 - 0.02 * len(outlets)))
        ax.set_title("Reporting-verb stance by outlet", loc="left")
    return fig


def _margin_note(ax: Axes, y: float, text: str, *, inside: bool = False) -> None:
    """A small grey note right of the axes, level with row ``y`` (how many units a row stands on); ``inside``
    the axes' right edge instead when the figure is drawn into a given ax, so that figures side by side in
    one figure do not run into each other."""
    ax.annotate(
        text,
        (1.0, y),
        xycoords=("axes fraction", "data"),
        xytext=(-3 if inside else 4, 0),
        textcoords="offset points",
        ha="right" if inside else "left",
        va="center",
        fontsize=7,
        color="#555555",
    )


def _stacked_bars(
    ax: Axes,
    values: pd.DataFrame,
    order: list[str],
    positions: list[float] | None = None,
    height: float = 0.8,
    legend: bool = True,
) -> pd.Series:
    """One horizontal bar per row of ``values`` (outlets, at ``positions``, default 0, 1, ...), its columns
    stacked in ``order``, each column its own colour and hatch (:func:`bar_style`; labelled for the legend when
    ``legend``);
    returns where each bar ends."""
    left = pd.Series(0.0, index=values.index)
    for i, column in enumerate(order):
        colour, hatch = bar_style(i)
        ax.barh(
            positions if positions is not None else range(len(values)),
            values[column],
            left=left,
            height=height,
            color=colour,
            hatch=hatch,
            edgecolor="white",
            linewidth=0.5,
            label=column.replace("_", " ") if legend else None,
        )
        left += values[column]
    return left


def loaded_terms(data: TableSource, ax: Axes | None = None) -> Figure:
    """Loaded terms by outlet and lexicon category, for the outlet's narration and for its sources' quoted
    and reported speech: two bars per outlet, each per 1,000 words of its own voice, labelled at its end.
    Every category has its own colour and hatch (:func:`~framing.present.figure_style.bar_style`)."""
    tables = tables_of(data)
    terms = tables["terms"]
    terms = terms[terms["lexicon"] == "loaded"].assign(outlet=lambda t: t["article_id"].map(_outlet_of(tables)))
    outlets = _outlet_order(tables)
    words = _voice_words_by_outlet(tables, outlets)
    with style():
        fig, ax = _axes(ax, len(outlets), width=7.5, lines=_lines(outlets))
        if words.to_numpy().sum() == 0:
            old = "words_quoted" not in tables["sentences"].columns and not tables["sentences"].empty
            _empty(ax, "sentences have no voice columns: analyze again" if old else "no body text")
            return fig
        counts = {}
        for voice, (_, _, voices) in VOICE_SERIES.items():
            part = terms[terms["voice"].isin(voices)] if "voice" in terms.columns else terms.iloc[0:0]
            table = pd.crosstab(part["outlet"], part["category"]) if not part.empty else pd.DataFrame(index=outlets)
            counts[voice] = table.reindex(index=outlets, fill_value=0)
        order = list(pd.concat(counts.values()).fillna(0).sum().sort_values(ascending=False).index)
        right = 0.0
        for i, (voice, (_, short, _)) in enumerate(VOICE_SERIES.items()):
            count = counts[voice].reindex(columns=order, fill_value=0)
            rates = count.mul(1000).div(words[voice].replace(0, float("nan")), axis=0).fillna(0)
            positions = [y + (-0.2 if i == 0 else 0.2) for y in range(len(outlets))]
            ends = _stacked_bars(ax, rates, order, positions=positions, height=0.38, legend=i == 0)
            right = max(right, float(ends.max()))
            for y, outlet in zip(positions, outlets, strict=True):
                terms_n, words_n = int(count.loc[outlet].to_numpy().sum()), int(words[voice][outlet])
                _bar_note(ax, float(ends[outlet]), y, f"{short}: {terms_n} terms / {words_n} words")
        ax.set_yticks(range(len(outlets)), _tick_labels(outlets))
        ax.set_ylim(len(outlets) - 0.5, -0.5)
        ax.set_xlim(0, max(1.0, right * 1.6))
        ax.set_xlabel("loaded terms per 1,000 words of the voice (upper bar: narration; lower: sources' speech)")
        if order:
            ax.legend(ncol=min(len(order), 3), loc="upper left", bbox_to_anchor=(0, -0.18 - 0.02 * len(outlets)))
        ax.set_title("Loaded language by outlet: its narration and its sources' speech", loc="left")
    return fig


def _bar_note(ax: Axes, x: float, y: float, text: str) -> None:
    """A small grey note just right of a bar ending at ``x`` on row ``y``."""
    ax.annotate(text, (x, y), xytext=(4, 0), textcoords="offset points", va="center", fontsize=7, color="#555555")


def _voice_words_by_outlet(tables: Mapping[str, pd.DataFrame], outlets: list[str]) -> pd.DataFrame:
    """Body words of each outlet (rows) in each of :data:`VOICE_SERIES` (columns)."""
    sentences = tables["sentences"]
    if sentences.empty or "words_quoted" not in sentences.columns:
        return pd.DataFrame(0.0, index=outlets, columns=list(VOICE_SERIES))
    outlet = sentences["article_id"].map(_outlet_of(tables))
    speech = sentences["words_quoted"].astype(float).fillna(0) + sentences["words_reported"].astype(float).fillna(0)
    frame = pd.DataFrame({"narration": sentences["words"].astype(float).fillna(0) - speech, "quoted": speech})
    return frame.groupby(outlet).sum().reindex(outlets).fillna(0)


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
        fig, ax = _axes(ax, len(speakers), width=max(5.0, 1.5 * len(outlets) + 3.0), lines=_lines(speakers))
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
        ax.set_xticks(range(len(outlets)), _tick_labels(outlets, 14))
        ax.set_yticks(range(len(speakers)), _tick_labels(speakers, 24))
        ax.xaxis.tick_top()
        ax.grid(False)
        fig.colorbar(image, ax=ax, fraction=0.04, pad=0.02, label="share of the outlet's attributions")
        ax.set_title("Share of voice: who is quoted or paraphrased, by outlet", loc="left", pad=30)
    return fig


def distinctive_words(
    data: TableSource | pd.DataFrame, group: str | None = None, ax: Axes | None = None, top: int = 10
) -> Figure:
    """Words that set outlets apart: log-odds z-scores with an informative Dirichlet prior.

    With two outlets, or a ``group`` named, one panel: the ``top`` words
    leaning to the group (right) and to the others (left).  With more
    outlets and no ``group``, one small panel per outlet with its ``top``
    words.  ``data`` may also be a :func:`framing.compare.distinctive_terms`
    table.  The dashed lines mark |z| = 1.96.  The table leaves out stop words, titles and the outlets'
    own names unless made with ``keep_stopwords=True``.
    """
    table = data if isinstance(data, pd.DataFrame) else distinctive_terms(data, max_groups=None)
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
            _z_bars(ax, words, _short(chosen), _short(str(part["reference"].iloc[0])))
            return fig
        columns = min(4, len(groups))
        rows = -(-len(groups) // columns)
        fig = _figure(3.0 * columns, 0.22 * top * rows + 1.2 * rows)
        for i, (name, title) in enumerate(zip(groups, short_labels(groups), strict=True)):
            panel = fig.add_subplot(rows, columns, i + 1)
            words = table[table["group"] == name].nlargest(top, "z").sort_values("z")
            _z_bars(panel, words, title, None)
        fig.suptitle("Distinctive words of each outlet against all others (log-odds z-score)", x=0.01, ha="left")
    return fig


def _z_bars(ax: Axes, words: pd.DataFrame, group: str, reference: str | None) -> None:
    colours = [PALETTE[0] if z > 0 else PALETTE[1] for z in words["z"]]
    hatches = ["" if z > 0 else "//" for z in words["z"]]
    bars = ax.barh(range(len(words)), words["z"], color=colours, edgecolor="white", linewidth=0.5)
    for bar, hatch in zip(bars, hatches, strict=True):
        bar.set_hatch(hatch)
    ax.set_yticks(range(len(words)), [_short(term) for term in words["term"]])
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


def sentiment_along_article(data: TableSource, ax: Axes | None = None, bins: int = 5) -> Figure:
    """Tone from the top of the article to the bottom: mean sentence sentiment by position, per outlet.

    A sentence's position is its place among the article's body sentences
    (0 = first, 1 = last), cut into ``bins`` equal parts; each outlet's line
    joins the means of its bins; the axis spans the means and zero.  Up to seven outlets share one panel (each
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
        limits = _fitted_limits(means.to_numpy(dtype=float).ravel())
        if len(outlets) <= len(LINESTYLES) or ax is not None:
            fig, ax = _axes(ax, 6, width=6.5)
            for i, (outlet, label) in enumerate(zip(outlets, short_labels(outlets), strict=True)):
                ax.plot(
                    centres,
                    means.loc[outlet].reindex(range(bins)).to_numpy(dtype=float),
                    color=PALETTE[i % len(PALETTE)],
                    linestyle=LINESTYLES[i % len(LINESTYLES)],
                    marker=MARKERS[i % len(MARKERS)],
                    markersize=4,
                    label=label,
                )
            _position_axes(ax, limits)
            ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0))
            ax.set_title("Tone along the article (mean sentence sentiment by position)", loc="left")
            return fig
        columns = 5
        rows = -(-len(outlets) // columns)
        fig = _figure(2.4 * columns, 2.0 * rows + 0.6)
        for i, (outlet, title) in enumerate(zip(outlets, short_labels(outlets), strict=True)):
            panel = fig.add_subplot(rows, columns, i + 1)
            for other in outlets:
                panel.plot(centres, means.loc[other].reindex(range(bins)), color="#cccccc", linewidth=0.6)
            panel.plot(centres, means.loc[outlet].reindex(range(bins)), color=PALETTE[0], marker="o", markersize=3)
            _position_axes(panel, limits, labels=i % columns == 0)
            panel.set_title(_wrap(title, 24), fontsize=8, loc="left")
        fig.suptitle("Tone along the article (mean sentence sentiment by position)", x=0.01, ha="left")
    return fig


def _position_axes(ax: Axes, limits: tuple[float, float], labels: bool = True) -> None:
    """Top to end of the article across, mean compound within ``limits`` (zero in view, dotted) up."""
    ax.axhline(0, color="#888888", linewidth=0.8, linestyle=":")
    ax.set_xlim(0, 1)
    ax.set_ylim(*limits)
    ax.set_xticks([0, 0.5, 1], ["top", "middle", "end"])
    ax.grid(True, axis="y")
    if labels:
        ax.set_ylabel("mean compound")
