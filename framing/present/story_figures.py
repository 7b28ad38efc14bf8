"""Figures of one story's versions: the reuse map of their paragraphs and the matrix of their similarity.

>>> from framing.run.pipeline import analyze
>>> result = analyze([{"id": "a", "story": "s", "source": "Wire", "text": "T\\n\\nTalks ended late."},
...                   {"id": "b", "story": "s", "source": "Daily", "text": "T\\n\\nTalks ended late."}])
>>> reuse_map(result).axes[0].get_ylabel()
'body paragraph'
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from framing.align import version_order
from framing.compare import similarity
from framing.contract import TableSource, tables_of
from framing.present.figure_style import PALETTE, _axes, _empty, _figure, _patches, _short, _tick_labels, style

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

#: Colours and hatches of the reuse classes, strongest to weakest.
REUSE_STYLE = {
    "verbatim": (PALETTE[0], ""),
    "edited": (PALETTE[4], "//"),
    "paraphrase": (PALETTE[1], ".."),
    "shared_quote": (PALETTE[3], "oo"),
    "novel": ("#DDDDDD", ""),
}


#: Width of a paragraph's box in the reuse map (a version's column is 1 wide).
_BOX = 0.5

#: Where the reuse map drew each paragraph: (x, y) by (article_id, paragraph).
_Places = dict[tuple[str, int], tuple[float, float]]

#: A line of the reuse map: its left end, its right end and the reuse class.
_Link = tuple[tuple[float, float], tuple[float, float], str]


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
            fig = _figure(max(4.0, 1.6 * len(shown) + 1.5), max(3.0, 0.28 * longest + 2.0))
            ax = fig.add_subplot()
        else:
            fig = ax.get_figure(root=True)  # type: ignore[assignment]
        if body.empty:
            _empty(ax, "no body paragraphs")
            return fig
        place = _draw_paragraphs(ax, body, shown)
        _draw_links(ax, _links(alignments[alignments["story"] == story], place), place)
        _version_axes(ax, story_articles, shown, longest)
        _reuse_legend(ax)
        hidden = len(order) - len(shown)
        title = f"Reuse map of story {_short(str(story))!r}"
        title += f" (first {len(shown)} of {len(order)} versions)" if hidden else ""
        ax.set_title(title, loc="left", pad=28)
    return fig


def _draw_paragraphs(ax: Axes, body: pd.DataFrame, shown: list[str]) -> _Places:
    """One box per body paragraph, a column per version in ``shown``; where each was drawn."""
    width = _BOX
    place: _Places = {}
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
    return place


def _links(alignments: pd.DataFrame, place: _Places) -> list[_Link]:
    """The matched paragraph pairs of ``alignments`` that were both drawn: left end, right end, reuse class."""
    links: list[_Link] = []
    for row in alignments.to_dict(orient="records"):
        a = place.get((row["article_a"], int(row["paragraph_a"])))
        b = place.get((row["article_b"], int(row["paragraph_b"])))
        if a is not None and b is not None:
            links.append((*sorted([a, b]), row["reuse"]))
    return links


def _draw_links(ax: Axes, links: list[_Link], place: _Places) -> None:
    """A line for each link: solid for verbatim and edited reuse, dashed for paraphrase."""
    width = _BOX
    linked = {(a, b) for a, b, _ in links} | {(b, a) for a, b, _ in links}
    for (xa, ya), (xb, yb), reuse in links:
        # a match that passes through a copy in a column between is drawn through that copy only
        between = [p for p in place.values() if xa < p[0] < xb and ((xa, ya), p) in linked and (p, (xb, yb)) in linked]
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


def _version_axes(ax: Axes, story_articles: pd.DataFrame, shown: list[str], longest: int) -> None:
    """Versions named across the top, paragraph numbers down the side, no grid or spines."""
    labels = story_articles.set_index("article_id")["source"]
    ax.set_xticks(range(len(shown)), _tick_labels([f"{labels[a]} ({a[:10]})" for a in shown], 16))
    ax.xaxis.tick_top()
    ax.set_xlim(-0.7, len(shown) - 0.3)
    ax.set_ylim(longest - 0.4, -0.6)
    ax.set_yticks(range(longest), [str(i + 1) for i in range(longest)])
    ax.set_ylabel("body paragraph")
    ax.grid(False)
    for side in ("left", "right", "bottom", "top"):
        ax.spines[side].set_visible(False)


def _reuse_legend(ax: Axes) -> None:
    """The reuse classes and the editorial outline, below the map."""
    handles = [
        _patches().Patch(facecolor=c, hatch=h, edgecolor="#888888", label=name) for name, (c, h) in REUSE_STYLE.items()
    ]
    handles.append(_patches().Patch(facecolor="white", edgecolor="black", linewidth=2, label="editorial (E)"))
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(0, 0), ncol=5, fontsize=7)


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
        fig, ax = _axes(ax, 1) if ax is not None else (_figure(size + 1.0, size), None)
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
        names = _tick_labels([f"{labels.get(v, v)} · {str(v)[:8]}" for v in versions], 40)
        ax.set_xticks(range(len(versions)), names, rotation=90)
        ax.set_yticks(range(len(versions)), names)
        ax.grid(False)
        fig.colorbar(image, ax=ax, fraction=0.04, pad=0.02, label=measure.replace("_", " "))
        title = f"Similarity of the versions of story {_short(str(story))!r} ({measure.replace('_', ' ')})"
        ax.set_title(title, loc="left")
    return fig
