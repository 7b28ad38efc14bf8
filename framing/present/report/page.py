"""The HTML report: one self-contained page that shows every finding in the articles' own text.

:func:`render_report` returns the page and :func:`write_report` writes it.  For
each story the page has an overview (the versions in story order with their key
numbers, and every figure of :data:`framing.plot.FIGURES` embedded as a PNG
``data:`` URI), then a side-by-side view: one column per version, aligned
paragraphs on one row (:func:`layout_rows`), added paragraphs alone on their
row, and a visible gap where a version lacks what the others carry.  Loaded
terms, other lexicon hits, reporting verbs by stance, speakers, quotations and
word swaps are highlighted in place from the tables' offsets
(:func:`highlight`); editorial paragraphs carry their score and evidence.

The page works offline and runs no code: it has no script at all (the
highlight layers are switched with CSS-only check boxes), a
Content-Security-Policy that allows nothing but inline styles and ``data:``
images, no external address, and every piece of text taken from the articles
or the tables is HTML-escaped.  The same result gives byte-identical HTML.

>>> from framing.run.pipeline import analyze
>>> result = analyze([{"id": "a", "source": "Wire <b>",
...                    "text": "Talks end\\n\\nThe minister insisted the talks were a fiasco."}])
>>> page = render_report(result, figures=False)
>>> "Wire &lt;b&gt;" in page, "Wire <b>" in page
(True, False)
>>> page.count('<mark class="loaded cat-hyperbole_intensifier" title="loaded: hyperbole_intensifier (fiasco)">')
1
"""

from __future__ import annotations

import base64
import colorsys
import functools
import io
import re
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import jinja2
import pandas as pd
from markupsafe import Markup, escape

from framing.problems import FramingError

__all__ = ["Row", "Span", "highlight", "layout_rows", "render_report", "write_report"]

#: The most version columns shown at once; more scroll sideways.
VISIBLE_COLUMNS = 6
#: A paragraph more than this many paragraphs away from the rest of its match group gets a row of its own.
MAX_GAP = 2
#: The mark that tells :func:`write_report` a file is a framing report it may overwrite.
GENERATOR = "framing-toolkit"
#: Resolution of the embedded figures (the files from ``--figures`` keep their own).
FIGURE_DPI = 110

Node = tuple[str, int]

# --- highlighting: spans of text to nested, escaped HTML ---------------------------------------------------

#: Nesting rank of each kind of span: higher ranks win conflicts and sit inside lower ones.
_RANK = {"content": 0, "speaker": 1, "cue": 2, "swap": 3, "lexicon": 4, "loaded": 5}
#: Kinds that may be cut into several elements around others (long spans); all others stay one element.
_SPLITTABLE = frozenset({"content"})


@dataclass(frozen=True)
class Span:
    """A highlight: characters ``[start, end)`` of a text wrapped in ``<tag class=... title=...>``."""

    start: int
    end: int
    kind: str
    classes: str
    title: str
    tag: str = "span"

    @property
    def rank(self) -> int:
        return _RANK.get(self.kind, len(_RANK))

    def crosses(self, other: Span) -> bool:
        """Whether the two overlap without one holding the other."""
        return (self.start < other.start < self.end < other.end) or (other.start < self.start < other.end < self.end)


def highlight(text: str, spans: Iterable[Span]) -> Markup:
    """``text`` HTML-escaped, with every span wrapped in its element, properly nested.

    Spans may overlap.  A long span (a quotation's content) that crosses
    another is cut into several elements around it; a short span (a term, a
    cue, a speaker, a swap) is always exactly one element, widened to cover a
    higher-ranked short span it would otherwise cross.

    >>> str(highlight("a <b> c", [Span(0, 5, "content", "content", "x"), Span(2, 7, "loaded", "loaded", "y", "mark")]))
    '<span class="content" title="x">a </span><mark class="loaded" title="y"><span class="content" \
title="x">&lt;b&gt;</span> c</mark>'
    """
    nested = sorted(_laminar(_clip(spans, len(text))), key=lambda s: (s.start, -s.end, s.rank))
    out: list[str] = []
    position = 0
    stack: list[Span] = []
    for span in nested:
        while stack and stack[-1].end <= span.start:
            position = _close(text, position, stack.pop(), out)
        out.append(str(escape(text[position : span.start])))
        position = span.start
        out.append(f'<{span.tag} class="{escape(span.classes)}" title="{escape(span.title)}">')
        stack.append(span)
    while stack:
        position = _close(text, position, stack.pop(), out)
    out.append(str(escape(text[position:])))
    return Markup("".join(out))


def _close(text: str, position: int, span: Span, out: list[str]) -> int:
    out.append(str(escape(text[position : span.end])))
    out.append(f"</{span.tag}>")
    return span.end


def _clip(spans: Iterable[Span], length: int) -> list[Span]:
    """Spans inside ``[0, length)``, empty ones dropped, and one span (titles joined) for the same place and look."""
    titles: dict[Span, list[str]] = {}
    for span in spans:
        key = replace(span, start=max(0, span.start), end=min(length, span.end), title="")
        if key.start < key.end and span.title not in titles.setdefault(key, []):
            titles[key].append(span.title)
    merged = [replace(key, title=" | ".join(found)) for key, found in titles.items()]
    return sorted(merged, key=lambda s: (s.start, s.end, s.rank, s.classes, s.title))


def _laminar(spans: list[Span]) -> list[Span]:
    """The spans with crossings removed: short ones widened, long ones cut, so that any two nest or are apart."""
    accepted: list[Span] = []
    for span in sorted((s for s in spans if s.kind not in _SPLITTABLE), key=lambda s: -s.rank):
        while crossing := next((a for a in accepted if a.crosses(span)), None):
            span = replace(span, start=min(span.start, crossing.start), end=max(span.end, crossing.end))
        accepted.append(span)
    for span in sorted((s for s in spans if s.kind in _SPLITTABLE), key=lambda s: -s.rank):
        pieces = [span]
        while pieces:
            piece = pieces.pop()
            cut = next(
                (b for a in accepted if a.crosses(piece) for b in (a.start, a.end) if piece.start < b < piece.end), None
            )
            if cut is None:
                accepted.append(piece)
            else:
                pieces += [replace(piece, end=cut), replace(piece, start=cut)]
    return accepted


# --- the side-by-side layout ------------------------------------------------------------------------------


@dataclass
class Row:
    """One row of the side-by-side view: the paragraphs each version shows there, in reading order.

    ``moved`` marks a row of its own for a paragraph whose match lies
    elsewhere in its version's order (a crossing, or a match far from the
    rest of its group).
    """

    cells: dict[str, list[int]]
    moved: bool = False


def layout_rows(
    order: Sequence[str],
    paragraphs: Mapping[str, Sequence[int]],
    pairs: Iterable[tuple[Node, Node]],
    *,
    max_gap: int = MAX_GAP,
) -> list[Row]:
    """Rows of the side-by-side view, each mapping versions to the paragraphs they show there.

    ``order`` are the versions (columns), ``paragraphs`` each version's body
    paragraph numbers in reading order, ``pairs`` the matched paragraphs.
    Matched paragraphs share a row (transitively); a paragraph that condenses
    several others shares a row with all of them, stacked; every column keeps
    its own order, and a paragraph whose match would break that order (a
    crossing, or a match far from the rest of its group) gets a row of its own.

    >>> rows = layout_rows(["a", "b"], {"a": [1, 2, 3], "b": [1, 2]}, [(("a", 1), ("b", 1)), (("a", 3), ("b", 2))])
    >>> [row.cells for row in rows]
    [{'a': [1], 'b': [1]}, {'a': [2]}, {'a': [3], 'b': [2]}]
    """
    position = {(v, p): i for v in order for i, p in enumerate(paragraphs.get(v, ()))}
    edges = sorted({(min(a, b), max(a, b)) for a, b in pairs if a in position and b in position and a[0] != b[0]})
    groups, loose = _groups_without_outliers(position, edges, max_gap)
    blocks = _close_intervals(groups, position)
    rows = _place_blocks(order, paragraphs, blocks)
    return [
        Row(row.cells, moved=row.moved or (len(row.cells) == 1 and _nodes(row) <= loose and not _absorbed(row, blocks)))
        for row in rows
    ]


def _nodes(row: Row) -> set[Node]:
    return {(v, p) for v, numbers in row.cells.items() for p in numbers}


def _absorbed(row: Row, blocks: dict[Node, Node]) -> bool:
    """Whether the row's paragraphs were taken into a block of others (so they did not move)."""
    return any(blocks[node] != node for node in _nodes(row))


class _UnionFind:
    def __init__(self, items: Iterable[Any]):
        self.parent = {item: item for item in items}

    def find(self, item: Any) -> Any:
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def union(self, a: Any, b: Any) -> bool:
        root_a, root_b = self.find(a), self.find(b)
        if root_a == root_b:
            return False
        self.parent[max(root_a, root_b)] = min(root_a, root_b)
        return True


def _groups(nodes: Iterable[Node], edges: Iterable[tuple[Node, Node]]) -> dict[Node, Node]:
    """Each paragraph's group (connected component of the matches), named by its smallest member."""
    sets = _UnionFind(nodes)
    for a, b in edges:
        sets.union(a, b)
    return {node: sets.find(node) for node in sets.parent}


def _groups_without_outliers(
    position: dict[Node, int], edges: list[tuple[Node, Node]], max_gap: int
) -> tuple[dict[Node, Node], set[Node]]:
    """Match groups, after cutting loose paragraphs that lie far from the rest of their group in their version."""
    loose: set[Node] = set()
    while True:
        group = _groups(position, [(a, b) for a, b in edges if a not in loose and b not in loose])
        members: dict[tuple[Node, str], list[Node]] = defaultdict(list)
        for node, root in group.items():
            members[(root, node[0])].append(node)
        outliers = {
            node
            for nodes in members.values()
            for node in _far_from_main_run(sorted(nodes, key=position.__getitem__), position, max_gap)
        }
        if not outliers:
            return group, loose
        loose |= outliers


def _far_from_main_run(nodes: list[Node], position: Mapping[Node, int], max_gap: int) -> list[Node]:
    """Nodes outside the largest run of ``nodes`` in which neighbours lie at most ``max_gap`` paragraphs apart."""
    runs: list[list[Node]] = [[nodes[0]]]
    for node in nodes[1:]:
        if position[node] - position[runs[-1][-1]] > max_gap + 1:
            runs.append([])
        runs[-1].append(node)
    main = max(runs, key=len)
    return [node for run in runs if run is not main for node in run]


def _close_intervals(group: dict[Node, Node], position: dict[Node, int]) -> dict[Node, Node]:
    """Merge groups that interleave within a version, so that each group is one unbroken run in every column."""
    sets = _UnionFind(sorted(set(group.values())))
    at = {(node[0], place): node for node, place in position.items()}
    changed = True
    while changed:
        changed = False
        spans: dict[tuple[Node, str], list[int]] = {}
        for node, place in position.items():
            key = (sets.find(group[node]), node[0])
            low, high = spans.get(key, [place, place])
            spans[key] = [min(low, place), max(high, place)]
        for (root, version), (low, high) in sorted(spans.items()):
            for place in range(low + 1, high):
                changed |= sets.union(root, group[at[(version, place)]])
    return {node: sets.find(root) for node, root in group.items()}


@dataclass(frozen=True)
class _Alone:
    """The block of a paragraph that left its match group's row because its version orders them differently."""

    version: str
    number: int


def _place_blocks(
    order: Sequence[str], paragraphs: Mapping[str, Sequence[int]], block_of: dict[Node, Node]
) -> list[Row]:
    """Order the blocks into rows, version by version, keeping every column in its own reading order.

    Each version in turn: its blocks already placed by earlier versions are
    kept where they are if they follow its order (the heaviest increasing
    subsequence); its paragraphs in the other placed blocks (crossings) leave
    them for rows of their own; new blocks go just before the next kept one.
    """
    cells: dict[Hashable, dict[str, list[int]]] = defaultdict(dict)
    for (version, number), block in block_of.items():
        cells[block].setdefault(version, []).append(number)
    rows: list[Hashable] = []
    for version in order:
        sequence = list(dict.fromkeys(block_of[(version, p)] for p in paragraphs.get(version, ())))
        index = {block: i for i, block in enumerate(rows)}
        placed = [b for b in sequence if b in index]
        kept = set(_increasing(placed, [index[b] for b in placed], [len(cells[b][version]) for b in placed]))
        inserts: dict[int, list[Hashable]] = defaultdict(list)
        pending: list[Hashable] = []
        for block in sequence:
            if block in kept:
                inserts[index[block]] += pending
                pending = []
            elif block in index:
                for number in cells[block].pop(version):
                    cells[_Alone(version, number)] = {version: [number]}
                    pending.append(_Alone(version, number))
            else:
                pending.append(block)
        inserts[len(rows)] += pending
        rows = [b for i, block in enumerate(rows) for b in [*inserts[i], block]] + inserts[len(rows)]
    return [
        Row({v: _in_order(cells[b][v], paragraphs[v]) for v in order if v in cells[b]}, moved=isinstance(b, _Alone))
        for b in rows
        if cells[b]
    ]


def _in_order(numbers: list[int], reading_order: Sequence[int]) -> list[int]:
    rank = {number: i for i, number in enumerate(reading_order)}
    return sorted(numbers, key=rank.__getitem__)


def _increasing(items: Sequence[Hashable], keys: Sequence[int], weights: Sequence[int]) -> list[Hashable]:
    """The heaviest subsequence of ``items`` whose ``keys`` increase (earliest on ties)."""
    if not items:
        return []
    best = list(weights)
    previous = [-1] * len(items)
    for i in range(len(items)):
        for j in range(i):
            if keys[j] < keys[i] and best[j] + weights[i] > best[i]:
                best[i], previous[i] = best[j] + weights[i], j
    i = max(range(len(items)), key=lambda k: (best[k], -k))
    chosen = []
    while i >= 0:
        chosen.append(items[i])
        i = previous[i]
    return chosen[::-1]


# --- page data ---------------------------------------------------------------------------------------------

#: Okabe & Ito (2008) hues, which colour-blind readers can tell apart; each category also gets a line style.
_HUES = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442"]
_LINES = ["solid", "dashed", "dotted", "double"]
_REUSE_TEXT = {
    "verbatim": "the same text",
    "edited": "a lightly edited copy",
    "paraphrase": "a paraphrase",
}


def _slug(value: Any) -> str:
    """A CSS class fragment: lower case letters, digits, ``_`` and ``-`` only."""
    return re.sub(r"[^a-z0-9_-]+", "-", str(value).lower()).strip("-") or "none"


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, float) and value != value) or value is pd.NA or value == ""


def _number(value: Any, digits: int = 2, percent: bool = False) -> str:
    if _blank(value):
        return "–"
    number = float(value)
    return f"{number:.0%}" if percent else f"{number:,.{digits}f}"


def _tint(hue: str, lightness: float = 0.86) -> str:
    red, green, blue = (int(hue[i : i + 2], 16) / 255 for i in (1, 3, 5))
    h, _l, s = colorsys.rgb_to_hls(red, green, blue)
    r, g, b = colorsys.hls_to_rgb(h, lightness, min(1.0, s))
    return "#" + "".join(f"{round(c * 255):02X}" for c in (r, g, b))


def _category_styles(result) -> list[dict[str, str]]:
    """Colour, tint and line style for each loaded-term category (the lexicon's order, then any others)."""
    lexicon = result.settings.lexicons.get("loaded")
    names = list(lexicon.categories()) if lexicon is not None else []
    terms = result.tables["terms"]
    names += sorted(set(terms.loc[terms["lexicon"] == "loaded", "category"].dropna().astype(str)) - set(names))
    styles = []
    for i, name in enumerate(names):
        hue = _HUES[i % len(_HUES)]
        styles.append(
            {
                "name": name,
                "label": name.replace("_", " "),
                "slug": _slug(name),
                "fg": hue,
                "bg": _tint(hue),
                "line": _LINES[(i % len(_HUES) + i // len(_HUES)) % len(_LINES)],
            }
        )
    return styles


@dataclass
class _Story:
    """The tables of one story, indexed for rendering."""

    name: str
    index: int
    articles: pd.DataFrame
    order: list[str]
    texts: dict[str, str]
    paragraphs: pd.DataFrame
    terms: pd.DataFrame
    attributions: pd.DataFrame
    alignments: pd.DataFrame
    substitutions: pd.DataFrame
    omissions: pd.DataFrame
    sentences: pd.DataFrame
    column: dict[str, int] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)

    def anchor(self, article_id: str, paragraph: Any) -> str:
        """The HTML id of a paragraph (made of numbers only, never of the data)."""
        return f"s{self.index}-v{self.column[article_id]}-p{int(paragraph)}"

    def source(self, article_id: str) -> str:
        """The outlet of a version, or its id when it has none."""
        return self.sources.get(article_id) or article_id


def _stories(result) -> list[_Story]:
    from framing.align.story import version_order

    tables = result.tables
    texts = {a.article_id: a.text for a in result.corpus}
    stories = []
    for index, name in enumerate(dict.fromkeys(tables["articles"]["story"].astype(str))):
        articles = tables["articles"][tables["articles"]["story"].astype(str) == name]
        ids = set(articles["article_id"])
        order = version_order(articles)

        def own(table: str, ids: set[str] = ids) -> pd.DataFrame:
            return tables[table][tables[table]["article_id"].isin(ids)]

        def told(table: str, name: str = name) -> pd.DataFrame:
            return tables[table][tables[table]["story"].astype(str) == name]

        story = _Story(
            name=name,
            index=index,
            articles=articles,
            order=order,
            texts={a: texts.get(a, "") for a in order},
            paragraphs=own("paragraphs"),
            terms=own("terms"),
            attributions=own("attributions"),
            sentences=own("sentences"),
            alignments=told("alignments"),
            substitutions=told("substitutions"),
            omissions=told("omissions").reset_index(drop=True),
            column={a: i for i, a in enumerate(order)},
            sources={
                str(a): "" if _blank(s) else str(s)
                for a, s in zip(articles["article_id"], articles["source"], strict=True)
            },
        )
        stories.append(story)
    return stories


# --- spans from the tables ---------------------------------------------------------------------------------


def _term_spans(story: _Story) -> dict[tuple[str, int], list[Span]]:
    spans: dict[tuple[str, int], list[Span]] = defaultdict(list)
    for row in story.terms.to_dict(orient="records"):
        lexicon, category, term = str(row["lexicon"]), str(row["category"]), str(row["term"])
        if lexicon == "loaded":
            span = Span(
                int(row["start"]),
                int(row["end"]),
                "loaded",
                f"loaded cat-{_slug(category)}",
                f"loaded: {category} ({term})",
                "mark",
            )
        else:
            span = Span(
                int(row["start"]),
                int(row["end"]),
                "lexicon",
                f"lexicon lex-{_slug(lexicon)}",
                f"{lexicon}: {category} ({term})",
                "mark",
            )
        spans[(str(row["article_id"]), int(row["paragraph"]))].append(span)
    return spans


def _attribution_spans(story: _Story) -> dict[str, list[Span]]:
    """Speakers, cues and contents of each article's attributions (article offsets)."""
    spans: dict[str, list[Span]] = defaultdict(list)
    for row in story.attributions.to_dict(orient="records"):
        speaker = "" if _blank(row["speaker"]) else str(row["speaker"])
        mention = "" if _blank(row.get("speaker_mention")) else str(row["speaker_mention"])
        cue, stance, kind = str(row["cue"]), str(row["stance"]), str(row["kind"])
        said_by = f" by {speaker}" if speaker else " (no named source)"
        article = spans[str(row["article_id"])]
        if not _blank(row["speaker_start"]) and not _blank(row["speaker_end"]):
            written = f" (as written: {mention})" if mention and mention != speaker else ""
            article.append(
                Span(
                    int(row["speaker_start"]),
                    int(row["speaker_end"]),
                    "speaker",
                    "speaker",
                    f"speaker: {speaker}{written}",
                )
            )
        if not _blank(row["cue_start"]) and not _blank(row["cue_end"]):
            article.append(
                Span(
                    int(row["cue_start"]),
                    int(row["cue_end"]),
                    "cue",
                    f"cue stance-{_slug(stance)}",
                    f"reporting verb: {cue} ({stance}){said_by}",
                )
            )
        if not _blank(row["content_start"]) and not _blank(row["content_end"]):
            label = {"direct": "direct quote", "partial": "partial quote", "indirect": "reported speech (indirect)"}
            continued = " (continues the previous quote)" if row.get("continuation") is True else ""
            article.append(
                Span(
                    int(row["content_start"]),
                    int(row["content_end"]),
                    "content",
                    f"content kind-{_slug(kind)}",
                    f"{label.get(kind, kind)}{said_by}{continued}",
                )
            )
    return spans


def _swap_spans(story: _Story, paragraph_text: Mapping[tuple[str, int], tuple[int, str]]) -> dict[str, list[Span]]:
    """Word swaps, found in their paragraph (in their sentence first) as whole words.

    An occurrence used by one swap is not used again by another swap against
    the same other version (a sentence that drops "and" twice marks both).
    """
    spans: dict[str, list[Span]] = defaultdict(list)
    used: set[tuple[str, str, int, int]] = set()
    sentences = {
        (str(r["article_id"]), int(r["sentence"])): (int(r["start"]), int(r["end"]))
        for r in story.sentences[["article_id", "sentence", "start", "end"]].to_dict(orient="records")
    }
    for row in story.substitutions.to_dict(orient="records"):
        removed = "" if _blank(row["removed"]) else str(row["removed"])
        added = "" if _blank(row["added"]) else str(row["added"])
        title = f"swap: {removed or '∅'} → {added or '∅'} ({row['kind']})"
        for side, other, words, css in (
            ("a", "b", removed, "swap swap-removed"),
            ("b", "a", added, "swap swap-added"),
        ):
            article, paragraph = str(row[f"article_{side}"]), int(row[f"paragraph_{side}"])
            if not words or (article, paragraph) not in paragraph_text:
                continue
            sentence = row.get(f"sentence_{side}")
            within = None if _blank(sentence) else sentences.get((article, int(float(sentence or 0))))
            taken = {(s, e) for a, o, s, e in used if a == article and o == row[f"article_{other}"]}
            found = _find_word(paragraph_text[(article, paragraph)], words, within, taken)
            if found is not None:
                used.add((article, str(row[f"article_{other}"]), *found))
                spans[article].append(Span(*found, "swap", css, title))
    return spans


def _find_word(
    paragraph: tuple[int, str], words: str, within: tuple[int, int] | None, taken: set[tuple[int, int]]
) -> tuple[int, int] | None:
    """Article offsets of the first whole-word occurrence of ``words`` not ``taken`` (in ``within`` first)."""
    start, text = paragraph
    pattern = re.compile(r"(?<!\w)" + re.escape(words) + r"(?!\w)")
    ranges = [within, None] if within else [None]
    for limits in ranges:
        for match in pattern.finditer(text):
            found = (start + match.start(), start + match.end())
            if found in taken:
                continue
            if limits is None or (limits[0] <= found[0] and found[1] <= limits[1]):
                return found
    return None


# --- the side-by-side view ---------------------------------------------------------------------------------


def _body(story: _Story) -> pd.DataFrame:
    paragraphs = story.paragraphs
    return paragraphs[paragraphs["role"] == "body"].sort_values(["article_id", "paragraph"], kind="stable")


def _side_by_side(story: _Story) -> dict[str, Any]:
    body = _body(story)
    numbers = {a: [int(p) for p in body.loc[body["article_id"] == a, "paragraph"]] for a in story.order}
    pairs = [
        ((str(r["article_a"]), int(r["paragraph_a"])), (str(r["article_b"]), int(r["paragraph_b"])))
        for r in story.alignments.to_dict(orient="records")
    ]
    rows = layout_rows(story.order, numbers, pairs)
    partners: dict[Node, list[Node]] = defaultdict(list)
    for a, b in pairs:
        partners[a].append(b)
        partners[b].append(a)
    related = {(a[0], b[0]) for a, b in pairs} | {(b[0], a[0]) for a, b in pairs}
    omitted = _omissions_by_paragraph(story)
    views = _paragraph_views(story, body, omitted)
    row_of = {(v, p): i for i, row in enumerate(rows) for v, ps in row.cells.items() for p in ps}
    for node, view in views.items():
        view["elsewhere"] = [
            {"label": f"¶{p} of {story.source(a)}", "href": "#" + story.anchor(a, p)}
            for a, p in partners[node]
            if row_of.get((a, p)) != row_of.get(node)
        ]
    return {
        "columns": [_column(story, a) for a in story.order],
        "rows": [_row(story, row, views, partners, related, omitted, row_of) for row in rows],
        "wide": len(story.order) > VISIBLE_COLUMNS,
        "width": round(100 * len(story.order) / VISIBLE_COLUMNS),
    }


def _column(story: _Story, article_id: str) -> dict[str, Any]:
    row = story.articles.loc[story.articles["article_id"] == article_id].iloc[0]
    paragraphs = story.paragraphs
    others = paragraphs[(paragraphs["article_id"] == article_id) & (paragraphs["role"] != "body")]
    text = story.texts.get(article_id, "")
    return {
        "source": story.source(article_id),
        "article_id": article_id,
        "date": "" if _blank(row["date"]) else str(row["date"]),
        "blocks": [
            {
                "role": str(r["role"]),
                "number": int(r["paragraph"]),
                "text": text[int(r["start"]) : int(r["end"])] if text else str(r["text"]),
            }
            for r in others.sort_values("paragraph").to_dict(orient="records")
        ],
    }


def _omissions_by_paragraph(story: _Story) -> dict[Node, list[dict[str, Any]]]:
    """For each paragraph, the versions that leave it out (rows of ``omissions``)."""
    out: dict[Node, list[dict[str, Any]]] = defaultdict(list)
    for i, row in enumerate(story.omissions.to_dict(orient="records")):
        if _blank(row["ref_paragraph"]):
            continue
        out[(str(row["ref_article"]), int(row["ref_paragraph"]))].append(
            {"article_id": str(row["article_id"]), "href": f"#om-{story.index}-{i}"}
        )
    return out


def _paragraph_views(
    story: _Story, body: pd.DataFrame, omitted: Mapping[Node, list[dict]]
) -> dict[Node, dict[str, Any]]:
    """What the template shows of each body paragraph: its highlighted text, badges and notes."""
    terms = _term_spans(story)
    attributions = _attribution_spans(story)
    texts: dict[Node, tuple[int, str]] = {}
    for row in body.to_dict(orient="records"):
        article, start, end = str(row["article_id"]), int(row["start"]), int(row["end"])
        full = story.texts.get(article, "")
        texts[(article, int(row["paragraph"]))] = (start, full[start:end] if full else str(row["text"]))
    swaps = _swap_spans(story, texts)
    views = {}
    for row in body.to_dict(orient="records"):
        node = (str(row["article_id"]), int(row["paragraph"]))
        start, text = texts[node]
        end = start + len(text)
        spans = [*terms.get(node, []), *_within(attributions.get(node[0], []), start, end)]
        spans += _within(swaps.get(node[0], []), start, end)
        views[node] = {
            "id": story.anchor(*node),
            "article_id": node[0],
            "number": node[1],
            "html": highlight(text, [replace(s, start=s.start - start, end=s.end - start) for s in spans]),
            "reuse": "" if _blank(row["reuse"]) else str(row["reuse"]),
            "reuse_title": _reuse_title(story, row),
            "editorial": row["editorial"] is True or row["editorial"] == 1,
            "score": _number(row["editorial_score"]),
            "evidence": "" if _blank(row["editorial_evidence"]) else str(row["editorial_evidence"]),
            "omitted_by": [{"label": story.source(o["article_id"]), "href": o["href"]} for o in omitted.get(node, [])],
        }
    return views


def _within(spans: list[Span], start: int, end: int) -> list[Span]:
    """Spans in ``[start, end)``: long ones (contents) wherever they overlap it, short ones if they start in it."""
    return [s for s in spans if (s.kind in _SPLITTABLE and s.start < end and s.end > start) or (start <= s.start < end)]


def _reuse_title(story: _Story, row: Mapping[Any, Any]) -> str:
    reuse = "" if _blank(row["reuse"]) else str(row["reuse"])
    if reuse == "novel":
        return "novel: in no other version of the story (added)"
    if not reuse:
        return ""
    match = ""
    if not _blank(row["match_article"]) and not _blank(row["match_paragraph"]):
        score = "" if _blank(row["match_score"]) else f", score {float(row['match_score']):.2f}"
        match = f" of ¶{int(row['match_paragraph'])} of {story.source(str(row['match_article']))}{score}"
    return f"{reuse}: {_REUSE_TEXT.get(reuse, reuse)}{match}"


def _row(
    story: _Story,
    row: Row,
    views: Mapping[Node, dict[str, Any]],
    partners: Mapping[Node, list[Node]],
    related: set[tuple[str, str]],
    omitted: Mapping[Node, list[dict[str, Any]]],
    row_of: Mapping[Node, int],
) -> dict[str, Any]:
    nodes = sorted(_nodes(row))
    alone = len(row.cells) == 1
    if row.moved:
        kind = "moved"
    elif len(story.order) == 1:
        kind = "single"
    elif alone and all(views[n]["reuse"] in ("novel", "") for n in nodes):
        kind = "added"
    else:
        kind = "shared"
    cells = []
    for version in story.order:
        if version in row.cells:
            paragraphs = [views[(version, p)] for p in row.cells[version]]
            cells.append({"kind": "text", "article_id": version, "paragraphs": paragraphs})
        elif kind == "shared" and any((version, v) in related for v in row.cells):
            cells.append(_gap(story, version, nodes, partners, omitted, row_of))
        else:
            cells.append({"kind": "empty", "article_id": version})
    return {"kind": kind, "cells": cells}


def _gap(
    story: _Story,
    version: str,
    nodes: list[Node],
    partners: Mapping[Node, list[Node]],
    omitted: Mapping[Node, list[dict[str, Any]]],
    row_of: Mapping[Node, int],
) -> dict[str, Any]:
    """A cell for a version that lacks the row's content: where its match went, or that it left it out."""
    elsewhere = sorted({p for n in nodes for p in partners.get(n, []) if p[0] == version and p in row_of})
    omission = next((o["href"] for n in nodes for o in omitted.get(n, []) if o["article_id"] == version), "")
    return {
        "kind": "gap",
        "article_id": version,
        "moved": [{"label": f"¶{node[1]}", "href": "#" + story.anchor(*node)} for node in elsewhere],
        "omission": omission,
    }


# --- overview, figures, tables -----------------------------------------------------------------------------


def _overview(story: _Story) -> list[dict[str, str]]:
    articles = story.articles.set_index("article_id")
    rows = []
    for i, article_id in enumerate(story.order):
        row = articles.loc[article_id]
        rows.append(
            {
                "column": str(i + 1),
                "source": story.source(article_id),
                "article_id": article_id,
                "date": "" if _blank(row["date"]) else str(row["date"]),
                "title": "" if _blank(row["title"]) else str(row["title"]),
                "words": _number(row["words"], 0),
                "sentiment": _number(row["sentiment_mean"]),
                "attributions": _number(row["attributions"], 0),
                "loaded": _number(row["loaded_per_1k"], 1),
                "novel": _number(row["novel_share"], percent=True),
                "editorial": _number(row["editorial_paragraphs"], 0),
            }
        )
    return rows


def _key_numbers(story: _Story) -> list[tuple[str, str]]:
    body = _body(story)
    attributions = story.attributions
    loaded = int((story.terms["lexicon"] == "loaded").sum())
    return [
        ("versions", str(len(story.order))),
        ("body paragraphs", str(len(body))),
        ("attributions", f"{len(attributions)} ({int((attributions['kind'] == 'direct').sum())} direct quotes)"),
        ("loaded terms", str(loaded)),
        ("matched paragraph pairs", str(len(story.alignments))),
        ("word swaps", str(len(story.substitutions))),
        ("left out", str(len(story.omissions))),
        ("editorial paragraphs", str(int(body["editorial"].map(lambda e: e is True or e == 1).sum()))),
    ]


def _story_result(result, story: _Story):
    """A Result holding only this story's tables and articles, for the figure functions."""
    from framing.read import Corpus
    from framing.run.result import Result

    if result.tables["articles"]["story"].astype(str).nunique() <= 1:
        return result
    tables = {
        "articles": story.articles,
        "paragraphs": story.paragraphs,
        "sentences": story.sentences,
        "attributions": story.attributions,
        "terms": story.terms,
        "alignments": story.alignments,
        "substitutions": story.substitutions,
        "omissions": story.omissions,
        "problems": result.tables["problems"],
    }
    corpus = Corpus([a for a in result.corpus if a.article_id in story.column])
    return Result(
        {name: table.reset_index(drop=True) for name, table in tables.items()},
        corpus,
        result.settings,
        result.options,
    )


def _figures(data) -> list[dict[str, str]]:
    """Every figure of :data:`framing.plot.FIGURES`, drawn for ``data`` and embedded as a PNG data URI."""
    import matplotlib.pyplot as plt

    from framing.present.plot import FIGURES, style

    figures = []
    for name, draw in FIGURES.items():
        fig = draw(data)
        try:
            buffer = io.BytesIO()
            with style():
                fig.savefig(buffer, format="png", dpi=FIGURE_DPI, metadata={"Software": None})
        finally:
            plt.close(fig)
        encoded = base64.b64encode(buffer.getvalue()).decode("ascii")
        figures.append({"name": name.replace("_", " "), "uri": f"data:image/png;base64,{encoded}"})
    return figures


def _omission_rows(story: _Story) -> list[dict[str, str]]:
    return [
        {
            "id": f"om-{story.index}-{i}",
            "version": story.source(str(row["article_id"])),
            "source": story.source(str(row["ref_article"])),
            "paragraph": "" if _blank(row["ref_paragraph"]) else f"¶{int(row['ref_paragraph'])}",
            "href": ""
            if _blank(row["ref_paragraph"]) or str(row["ref_article"]) not in story.column
            else "#" + story.anchor(str(row["ref_article"]), row["ref_paragraph"]),
            "present_in": _number(row["present_in"], 0),
            "text": "" if _blank(row["text"]) else str(row["text"]),
        }
        for i, row in enumerate(story.omissions.to_dict(orient="records"))
    ]


def _swap_rows(story: _Story) -> list[dict[str, str]]:
    rows = []
    for row in story.substitutions.to_dict(orient="records"):
        a, b = str(row["article_a"]), str(row["article_b"])
        rows.append(
            {
                "a": f"{story.source(a)} ¶{int(row['paragraph_a'])}",
                "a_href": "#" + story.anchor(a, row["paragraph_a"]) if a in story.column else "",
                "b": f"{story.source(b)} ¶{int(row['paragraph_b'])}",
                "b_href": "#" + story.anchor(b, row["paragraph_b"]) if b in story.column else "",
                "removed": "" if _blank(row["removed"]) else str(row["removed"]),
                "added": "" if _blank(row["added"]) else str(row["added"]),
                "kind": str(row["kind"]),
                "context_a": "" if _blank(row["context_a"]) else str(row["context_a"]),
                "context_b": "" if _blank(row["context_b"]) else str(row["context_b"]),
            }
        )
    return rows


def _story_view(result, story: _Story, figures: bool) -> dict[str, Any]:
    return {
        "name": story.name,
        "anchor": f"story-{story.index}",
        "numbers": _key_numbers(story),
        "overview": _overview(story),
        "figures": _figures(_story_result(result, story)) if figures else [],
        "side_by_side": _side_by_side(story),
        "omissions": _omission_rows(story),
        "swaps": _swap_rows(story),
    }


def _problems(result) -> list[dict[str, str]]:
    return [
        {
            "input": str(row["input"]),
            "line": "" if _blank(row["line"]) else str(int(row["line"])),
            "severity": str(row["severity"]),
            "message": str(row["message"]),
        }
        for row in result.tables["problems"].to_dict(orient="records")
    ]


# --- the page ----------------------------------------------------------------------------------------------

#: Reporting-verb stances: colour and border style of their cue boxes.
STANCE_STYLES = {
    "neutral": ("#999999", "solid"),
    "endorsing": ("#009E73", "solid"),
    "distancing": ("#D55E00", "dashed"),
    "denial": ("#000000", "double"),
    "admission": ("#56B4E9", "dotted"),
    "emphatic": ("#E69F00", "double"),
    "directive": ("#0072B2", "dashed"),
    "emotive": ("#CC79A7", "solid"),
    "private_state": ("#CC79A7", "dotted"),
}


def _stance_styles(result) -> list[dict[str, str]]:
    """Colour and line of each stance: the contract's, then any other that the tables hold."""
    stances = list(STANCE_STYLES)
    stances += sorted(set(result.tables["attributions"]["stance"].dropna().astype(str)) - set(stances))
    styles = []
    for name in stances:
        colour, line = STANCE_STYLES.get(name, ("#555555", "solid"))
        styles.append({"name": name, "label": name.replace("_", " "), "slug": _slug(name), "fg": colour, "line": line})
    return styles


@functools.lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("framing.present.report", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def _version() -> str:
    from framing import __version__

    return __version__


def render_report(result, *, figures: bool = True) -> str:
    """The whole HTML report of ``result`` as one string (deterministic: same result, same bytes).

    Parameters
    ----------
    result
        A :class:`framing.Result`, as returned by :func:`framing.analyze`.
    figures
        Embed the figures of :data:`framing.plot.FIGURES` (drawing them takes
        most of the time); ``False`` leaves them out.
    """
    stories = [_story_view(result, story, figures) for story in _stories(result)]
    articles = result.tables["articles"]
    return (
        _environment()
        .get_template("report.html.j2")
        .render(
            generator=f"{GENERATOR} {_version()}",
            stories=stories,
            article_count=len(articles),
            categories=_category_styles(result),
            stances=_stance_styles(result),
            problems=_problems(result),
            notes=[str(n) for n in result.notes],
        )
    )


def write_report(result, path: str | Path, *, force: bool = False) -> Path:
    """Write the HTML report of ``result`` to ``path`` (a file; its folder is created) and return the path.

    An existing file is overwritten only when framing wrote it (a report) or
    ``force`` is true, so a typo cannot clobber a user's file.

    Raises
    ------
    FramingError
        When ``path`` is a folder, an existing file that is not a framing
        report (without ``force``), or cannot be written.
    """
    target = Path(path)
    if target.is_dir():
        raise FramingError(f"{target} is a folder; give a file name for the report, such as {target / 'report.html'}")
    if target.exists() and not force and not _is_report(target):
        raise FramingError(
            f"{target} exists and is not a framing report; choose a new file name or add --force "
            "(force=True in Python) to overwrite it"
        )
    page = render_report(result)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(page.encode("utf-8"))
    except OSError as exc:
        raise FramingError(f"cannot write {target} ({exc.strerror}); choose a file you can write to") from None
    return target


def _is_report(path: Path) -> bool:
    """Whether ``path`` is a page that framing wrote (its head names framing as the generator)."""
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
    except OSError:
        return False
    return f'<meta name="generator" content="{GENERATOR} '.encode() in head
