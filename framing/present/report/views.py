"""What the template shows: for each story its overview, figures, side-by-side rows, omissions and swaps
(:func:`_story_view`); for the page the category and stance styles and the problems.

Every value is a plain string, number, list or dict (or :class:`markupsafe.Markup`
from :func:`highlight`, the only HTML), ready for the template.

>>> from framing.run.pipeline import analyze
>>> from framing.present.report.story import _stories
>>> result = analyze([{"id": "a", "source": "Wire", "text": "Talks\\n\\nThe minister said it was a fiasco."}])
>>> view = _story_view(result, _stories(result)[0], figures=False)
>>> [cell["kind"] for row in view["side_by_side"]["rows"] for cell in row["cells"]]
['text']
>>> dict(view["numbers"])["loaded terms"]
'1'
"""

from __future__ import annotations

import colorsys
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

import pandas as pd

from framing.present.report.figures import _copying_versions, _similarity_view, _story_figures
from framing.present.report.highlight import _SPLITTABLE, Span, highlight
from framing.present.report.layout import Node, Row, _nodes, layout_rows
from framing.present.report.rows import _records
from framing.present.report.story import (
    ReportSource,
    _attribution_spans,
    _blank,
    _slug,
    _Story,
    _swap_spans,
    _term_spans,
)

#: The most version columns shown at once; more scroll sideways.
VISIBLE_COLUMNS = 6
#: Figures of :data:`~framing.present.plot.FIGURES` a story's section leaves out: frame prevalence by outlet says
#: little with one version per outlet (the section's frames table gives each version's calls and evidence).
STORY_SKIPS = ("frame_prevalence",)
#: Resolution of the embedded figures (the files from ``--figures`` keep their own).
FIGURE_DPI = 110

#: Okabe & Ito (2008) hues, which colour-blind readers can tell apart; each category also gets a line style.
_HUES = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442"]
_LINES = ["solid", "dashed", "dotted", "double"]
_REUSE_TEXT = {
    "verbatim": "the same text",
    "edited": "a lightly edited copy",
    "paraphrase": "a paraphrase",
    "shared_quote": "only a quotation in common with the text",
}


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


# --- numbers and styles ------------------------------------------------------------------------------------


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


def _category_styles(result: ReportSource) -> list[dict[str, str]]:
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


def _stance_styles(result: ReportSource) -> list[dict[str, str]]:
    """Colour and line of each stance: the contract's, then any other that the tables hold."""
    stances = list(STANCE_STYLES)
    stances += sorted(set(result.tables["attributions"]["stance"].dropna().astype(str)) - set(stances))
    styles = []
    for name in stances:
        colour, line = STANCE_STYLES.get(name, ("#555555", "solid"))
        styles.append({"name": name, "label": name.replace("_", " "), "slug": _slug(name), "fg": colour, "line": line})
    return styles


# --- the side-by-side view ---------------------------------------------------------------------------------


def _body(story: _Story) -> pd.DataFrame:
    paragraphs = story.paragraphs
    return paragraphs[paragraphs["role"] == "body"].sort_values(["article_id", "paragraph"], kind="stable")


def _side_by_side(story: _Story) -> dict[str, Any]:
    body = _body(story)
    numbers: dict[str, list[int]] = {a: [] for a in story.order}
    for article, paragraph in zip(body["article_id"], body["paragraph"], strict=True):
        numbers[str(article)].append(int(paragraph))
    records = _records(story.alignments)
    pairs = [
        ((str(r["article_a"]), int(r["paragraph_a"])), (str(r["article_b"]), int(r["paragraph_b"]))) for r in records
    ]
    copied = [pair for pair, r in zip(pairs, records, strict=True) if r.get("origin_basis") != "independent"]
    rows = layout_rows(story.order, numbers, pairs)
    partners: dict[Node, list[Node]] = defaultdict(list)
    for a, b in pairs:
        partners[a].append(b)
        partners[b].append(a)
    # a version lacking a row's content is a gap only beside a version it copies from or is copied by
    related = {(a[0], b[0]) for a, b in copied} | {(b[0], a[0]) for a, b in copied}
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
        "columns": _columns(story),
        "rows": [_row(story, row, views, partners, related, omitted, row_of) for row in rows],
        "wide": len(story.order) > VISIBLE_COLUMNS,
        "width": round(100 * len(story.order) / VISIBLE_COLUMNS),
    }


def _columns(story: _Story) -> list[dict[str, Any]]:
    """Each version's column head: outlet, id, date and the blocks that are not body text."""
    paragraphs = story.paragraphs
    others = paragraphs[paragraphs["role"] != "body"].sort_values("paragraph", kind="stable")
    blocks: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in _records(others):
        article = str(r["article_id"])
        text = story.texts.get(article, "")
        blocks[article].append(
            {
                "role": str(r["role"]),
                "number": int(r["paragraph"]),
                "text": text[int(r["start"]) : int(r["end"])] if text else str(r["text"]),
            }
        )
    dates = {str(a): d for a, d in zip(story.articles["article_id"], story.articles["date"], strict=True)}
    return [
        {
            "source": story.source(article_id),
            "article_id": article_id,
            "date": "" if _blank(dates.get(article_id)) else str(dates[article_id]),
            "blocks": blocks.get(article_id, []),
        }
        for article_id in story.order
    ]


def _omissions_by_paragraph(story: _Story) -> dict[Node, list[dict[str, Any]]]:
    """For each paragraph, the versions that leave it out (rows of ``omissions``)."""
    out: dict[Node, list[dict[str, Any]]] = defaultdict(list)
    for i, row in enumerate(_records(story.omissions)):
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
    for row in _records(body):
        article, start, end = str(row["article_id"]), int(row["start"]), int(row["end"])
        full = story.texts.get(article, "")
        texts[(article, int(row["paragraph"]))] = (start, full[start:end] if full else str(row["text"]))
    swaps = _swap_spans(story, texts)
    copying = _copying_versions(story)
    views = {}
    for row in _records(body):
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
            "reuse_title": _reuse_title(story, row, added=node[0] in copying),
            "editorial": row["editorial"] is True or row["editorial"] == 1,
            "score": _number(row["editorial_score"]),
            "evidence": "" if _blank(row["editorial_evidence"]) else str(row["editorial_evidence"]),
            "omitted_by": [{"label": story.source(o["article_id"]), "href": o["href"]} for o in omitted.get(node, [])],
        }
    return views


def _within(spans: list[Span], start: int, end: int) -> list[Span]:
    """Spans in ``[start, end)``: long ones (contents) wherever they overlap it, short ones if they start in it."""
    return [s for s in spans if (s.kind in _SPLITTABLE and s.start < end and s.end > start) or (start <= s.start < end)]


def _reuse_title(story: _Story, row: Mapping[Any, Any], *, added: bool = True) -> str:
    """A paragraph's reuse badge title; ``added``: its version copies from or is copied by another, so a novel
    paragraph was added (an independent report's own content is novel, not an addition)."""
    reuse = "" if _blank(row["reuse"]) else str(row["reuse"])
    if reuse == "novel":
        return "novel: in no other version of the story" + (" (added)" if added else "")
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
    own = story.own_voice
    rows = []
    for i, article_id in enumerate(story.order):
        row = articles.loc[article_id]
        tone, loaded, speech = own.get(article_id, (None, None, None))
        rows.append(
            {
                "column": str(i + 1),
                "source": story.source(article_id),
                "article_id": article_id,
                "date": "" if _blank(row["date"]) else str(row["date"]),
                "title": "" if _blank(row["title"]) else str(row["title"]),
                "words": _number(row["words"], 0),
                "sentiment": _number(tone),
                "attributions": _number(row["attributions"], 0),
                "loaded": _number(loaded, 1),
                "speech": _number(speech, percent=True),
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
        for i, row in enumerate(_records(story.omissions))
    ]


def _swap_rows(story: _Story) -> list[dict[str, str]]:
    rows = []
    for row in _records(story.substitutions):
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


def _heading(story: _Story) -> dict[str, str]:
    """What the story index and the story's heading say: its title, outlets, versions, dates, whether its
    versions are independent reports (the ``stories`` table)."""
    about = story.about
    first, last = ("" if _blank(about.get(k)) else str(about[k]) for k in ("first_date", "last_date"))
    independent, copied = about.get("independent"), about.get("copied_share")
    share = f"{_number(copied, percent=True)} of the words in verbatim or edited paragraphs"
    kind = "" if _blank(independent) else f"{'independent reports' if independent else 'copies'} ({share})"
    versions = len(story.order)
    return {
        "title": "" if _blank(about.get("title")) else str(about["title"]),
        "outlets": "" if _blank(about.get("outlets")) else str(about["outlets"]),
        "versions": f"{versions} version{'' if versions == 1 else 's'}",
        "dates": "undated" if not first else first if first == last else f"{first} to {last}",
        "kind": kind,
    }


def _frames(story: _Story) -> dict[str, Any]:
    """The versions' frames: per version each frame's probability and whether it is called present, and for the
    present ones the sentences that carry them (``frames.csv`` article rows), linked to their paragraphs."""
    frames = story.frames
    if frames.empty:
        return {"names": [], "rows": []}
    article_rows = frames[frames["paragraph"].isna()]
    names = list(dict.fromkeys(article_rows["frame"].astype(str)))
    paragraph_of = {
        (str(a), int(n)): p
        for a, n, p in zip(
            story.sentences["article_id"], story.sentences["sentence"], story.sentences["paragraph"], strict=True
        )
    }
    rows = []
    for article_id in story.order:
        calls = {str(r["frame"]): r for r in _records(article_rows[article_rows["article_id"] == article_id])}
        cells, evidence = [], []
        for name in names:
            call = calls.get(name)
            present = call is not None and str(call["present"]).lower() in ("true", "1")
            cells.append({"value": _number(call["probability"]) if call else "–", "present": present})
            if present and call is not None and not _blank(call["evidence"]):
                evidence.append(
                    {
                        "frame": name.replace("_", " "),
                        "sentences": _evidence(story, article_id, str(call["evidence"]), paragraph_of),
                    }
                )
        rows.append({"source": story.source(article_id), "cells": cells, "evidence": evidence})
    return {"names": [n.replace("_", " ") for n in names], "rows": rows}


def _evidence(
    story: _Story, article_id: str, text: str, paragraph_of: Mapping[tuple[str, int], Any]
) -> list[dict[str, str]]:
    """Each sentence of an ``evidence`` cell (``s4: "…"; s9: "…"``) with a link to its paragraph."""
    items = []
    for part in text.split('"; s'):
        number, _, excerpt = part.removeprefix("s").partition(": ")
        paragraph = paragraph_of.get((article_id, int(number))) if number.isdigit() else None
        href = "" if _blank(paragraph) or article_id not in story.column else "#" + story.anchor(article_id, paragraph)
        items.append({"text": excerpt.strip().strip('"'), "href": href})
    return items


def _story_view(
    result: ReportSource, story: _Story, figures: bool, similarity: pd.DataFrame | None = None
) -> dict[str, Any]:
    """What the template shows of one story; ``figures``: draw its reuse map where it says something;
    ``similarity``: the run's :func:`~framing.present.report.figures.similarity_table`, for the story's."""
    return {
        "name": story.name,
        "heading": _heading(story),
        "anchor": f"story-{story.index}",
        "numbers": _key_numbers(story),
        "overview": _overview(story),
        "frames": _frames(story),
        "figures": _story_figures(story) if figures else [],
        "similarity": _similarity_view(similarity, story),
        "side_by_side": _side_by_side(story),
        "omissions": _omission_rows(story),
        "swaps": _swap_rows(story),
    }


def _problems(result: ReportSource) -> list[dict[str, str]]:
    return [
        {
            "input": str(row["input"]),
            "line": "" if _blank(row["line"]) else str(int(row["line"])),
            "severity": str(row["severity"]),
            "message": str(row["message"]),
        }
        for row in _records(result.tables["problems"])
    ]
