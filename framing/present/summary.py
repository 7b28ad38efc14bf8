"""The run summary that ``framing analyze`` prints, and the counts it is made of.

>>> from framing.contract.tables import frame
>>> tables = {name: frame(name, []) for name in ("articles", "paragraphs", "sentences", "attributions", "terms")}
>>> print(format_summary(summary_counts(tables), frame("problems", []), []).splitlines()[0])
articles          0 in 0 stories
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence

import pandas as pd

from framing.align import UNRELATED_MARK

__all__ = ["COUNTS", "MAX_PROBLEMS_SHOWN", "format_summary", "grouped_notes", "summary_counts"]

#: What the run summary counts (summed over batches of whole stories when tables are written as they come).
COUNTS = (
    "articles",
    "stories",
    "body_paragraphs",
    "sentences",
    "attributions",
    "direct_quotes",
    "loaded_terms",
    "editorial",
    "aligned",
    "verbatim",
    "edited",
    "paraphrase",
    "shared_quote",
    "novel",
)


def summary_counts(tables: Mapping[str, pd.DataFrame]) -> Counter:
    """The numbers of the run summary for some tables (whole stories), to add up over batches."""
    articles, paragraphs = tables["articles"], tables["paragraphs"]
    attributions, terms = tables["attributions"], tables["terms"]
    body = paragraphs[paragraphs["role"] == "body"] if len(paragraphs) else paragraphs
    aligned = body[body["reuse"].notna()] if len(body) else body
    counts: Counter = Counter(dict.fromkeys(COUNTS, 0))
    counts.update(
        {
            "articles": len(articles),
            "stories": articles["story"].nunique() if len(articles) else 0,
            "body_paragraphs": len(body),
            "sentences": len(tables["sentences"]),
            "attributions": len(attributions),
            "direct_quotes": int((attributions["kind"] == "direct").sum()) if len(attributions) else 0,
            "loaded_terms": int((terms["lexicon"] == "loaded").sum()) if len(terms) else 0,
            "editorial": int(body["editorial"].eq(True).sum()) if len(body) else 0,
            "aligned": len(aligned),
        }
    )
    if len(aligned):
        counts.update(aligned["reuse"].value_counts().to_dict())
    if "cross_reuse" in tables:
        counts["cross_reuse"] = len(tables["cross_reuse"])
    frames = tables.get("frames")
    if frames is not None and len(frames):
        called = frames[frames["paragraph"].isna()]
        counts["framed_articles"] = called["article_id"].nunique()
        for name, present in zip(called["frame"], called["present"].eq(True), strict=True):
            counts[f"{FRAME_COUNT}{name}"] += int(present)
    return counts


#: The prefix of a frame's count in :func:`summary_counts` (articles the model calls present).
FRAME_COUNT = "frame:"


_QUOTED = re.compile(r"'[^']*'")


def grouped_notes(notes: Sequence[str], examples: int = 3) -> list[str]:
    """Notes that differ only in a quoted name (a story's) folded into one line with a count.

    >>> grouped_notes(["story 'a' has one version", "story 'b' has one version", "other"])
    ["story 'a' has one version (and 1 more like it: 'b')", 'other']
    """
    groups: dict[str, list[str]] = {}
    for note in notes:
        groups.setdefault(_QUOTED.sub("'…'", note), []).append(note)
    lines = []
    for members in groups.values():
        if len(members) == 1:
            lines.append(members[0])
            continue
        names = [m for member in members[1 : 1 + examples] for m in _QUOTED.findall(member)[:1]]
        more = ", …" if len(members) - 1 > examples else ""
        lines.append(f"{members[0]} (and {len(members) - 1} more like it: {', '.join(names)}{more})")
    return lines


def format_summary(counts: Mapping[str, int], problems: pd.DataFrame, notes: Sequence[str]) -> str:
    """The run summary printed by ``framing analyze``."""
    stories = counts["stories"]
    reuse = (
        ", ".join(f"{counts[name]} {name}" for name in ("verbatim", "edited", "paraphrase", "shared_quote", "novel"))
        if counts["aligned"]
        else "no story with two versions to align"
    )
    lines = [
        f"articles          {counts['articles']} in {stories} {'story' if stories == 1 else 'stories'}",
        f"body paragraphs   {counts['body_paragraphs']}",
        f"sentences         {counts['sentences']}",
        f"attributions      {counts['attributions']} ({counts['direct_quotes']} direct quotes)",
        f"loaded terms      {counts['loaded_terms']}",
        f"reuse             {reuse}",
        f"editorial         {counts['editorial']} paragraphs",
        f"problems          {len(problems)}",
    ]
    frames = [(name.removeprefix(FRAME_COUNT), n) for name, n in counts.items() if name.startswith(FRAME_COUNT)]
    if frames:
        calls = ", ".join(f"{name.replace('_', ' ')} {n}" for name, n in frames)
        lines.insert(
            6,
            f"frames            {calls} (of {counts['framed_articles']} articles, as called; corrected "
            "shares: framing compare)",
        )
    if counts.get("stories", 0) > 1 and "cross_reuse" in counts:
        lines.insert(6, f"across stories    {counts['cross_reuse']} pairs of paragraphs found again in another story")
    unrelated = problems["message"].astype(str).str.contains(UNRELATED_MARK, regex=False)
    lines[6:6] = [f"  warning: {m}" for m in problems.loc[unrelated, "message"].head(MAX_PROBLEMS_SHOWN)]  # under reuse
    problems = problems[~unrelated]
    lines.extend(f"  note: {note}" for note in grouped_notes(notes))
    for problem in problems.head(MAX_PROBLEMS_SHOWN).to_dict(orient="records"):
        line = problem["line"]
        where = f"{problem['input']}:{int(line)}" if pd.notna(line) else str(problem["input"])
        lines.append(f"  {problem['severity']}: {where}: {problem['message']}")
    if len(problems) > MAX_PROBLEMS_SHOWN:
        lines.append(f"  … and {len(problems) - MAX_PROBLEMS_SHOWN} more in problems.csv")
    return "\n".join(lines)


#: The run summary lists this many problems; problems.csv holds them all.
MAX_PROBLEMS_SHOWN = 20
