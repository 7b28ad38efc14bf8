"""Stories as units: one row per story with its title, dates, outlets, size, whether its versions are
independent reports, and its largest differences between outlets (``stories.csv``).

- ``title``: the headline closest to the others (highest mean word overlap,
  Jaccard over :func:`~framing.segment.words.normalized_words`, with the
  other versions' headlines); ties go to the earliest version in story order
  (:func:`~framing.align.version_order`: by date, then input order).  With no
  headline, the first words of the earliest version's body.
- ``independent``: at most ``IndependentRules.copied_share`` of the story's
  body words are in ``verbatim`` or ``edited`` paragraphs (empty for a story
  with one version).
- the gaps between its outlets (an outlet's versions pooled), in the
  outlet's own voice: tone (mean compound of its narration sentences),
  loaded language (``loaded`` terms in narration per 1,000 narration words);
  and voice (share of body words that are sources' quoted or reported
  speech).  Each gap names the outlet highest and lowest; empty with one
  outlet.

>>> from framing.run import analyze
>>> result = analyze([{"id": "a", "story": "s", "source": "Wire", "title": "Rain hits Skopje",
...                    "text": "Rain hits Skopje\\n\\nA disastrous storm hit Skopje on Monday."},
...                   {"id": "b", "story": "s", "source": "Daily", "title": "Storm in Skopje",
...                    "text": "Storm in Skopje\\n\\nA storm hit Skopje on Monday, officials said."}])
>>> row = result.stories.iloc[0]
>>> row["title"], row["outlets"], int(row["versions"]), row["loaded_high"], row["loaded_low"]
('Rain hits Skopje', 'Wire; Daily', 2, 'Wire', 'Daily')
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from framing.align import version_order
from framing.contract import frame
from framing.segment.words import normalized_words
from framing.settings import IndependentRules

__all__ = ["TITLE_WORDS", "story_table"]

#: Words of the body a story with no headline is titled by.
TITLE_WORDS = 12
_COPIES = ("verbatim", "edited")


def story_table(tables: Mapping[str, pd.DataFrame], rules: IndependentRules | None = None) -> pd.DataFrame:
    """The ``stories`` table of some tables holding whole stories (a batch of a run, or all of it)."""
    rules = rules or IndependentRules()
    articles = tables["articles"]
    if articles.empty:
        return frame("stories", [])
    paragraphs = tables["paragraphs"]
    body = paragraphs[paragraphs["role"] == "body"]
    # an article with no source stands for itself, as in the report
    outlet = articles["source"].where(
        articles["source"].fillna("").astype(str).str.strip() != "", articles["article_id"]
    )
    keys = pd.DataFrame({"article_id": articles["article_id"], "story": articles["story"], "source": outlet})
    values = dict(tuple(_outlet_values(tables, keys).groupby("story", sort=False)))
    story_of = dict(zip(keys["article_id"], keys["story"], strict=True))
    bodies = dict(tuple(body.groupby(body["article_id"].map(story_of), sort=False))) if len(body) else {}
    source_of = dict(zip(keys["article_id"], keys["source"], strict=True))
    rows = []
    for story, members in articles.groupby("story", sort=False):
        order = version_order(members)
        own_values = values.get(story, pd.DataFrame(columns=["source"])).set_index("source")
        own_body = bodies.get(story, body.iloc[:0])
        rows.append(
            _story_row(str(story), members.set_index("article_id").loc[order], own_body, own_values, source_of, rules)
        )
    return frame("stories", rows)


def _story_row(
    story: str,
    members: pd.DataFrame,
    own: pd.DataFrame,
    values: pd.DataFrame,
    source_of: Mapping[str, str],
    rules: IndependentRules,
) -> dict[str, Any]:
    """A story's row: ``members`` its articles in story order, ``own`` its body paragraphs, ``values`` its
    outlets' tone, loaded-language rate and quoted share (indexed by outlet)."""
    order = [str(a) for a in members.index]
    dates = sorted(str(d) for d in members["date"] if not pd.isna(d) and str(d))
    outlets = list(dict.fromkeys(source_of[a] for a in order))
    words = int(own["words"].sum())
    copied = int(own.loc[own["reuse"].isin(_COPIES), "words"].sum()) if "reuse" in own else 0
    share = round(copied / words, 4) if words else None
    row: dict[str, Any] = {
        "story": story,
        "title": _title(members, own, order),
        "first_date": dates[0] if dates else None,
        "last_date": dates[-1] if dates else None,
        "outlets": "; ".join(outlets),
        "versions": len(order),
        "words": words,
        "copied_share": share,
        "independent": (share <= rules.copied_share) if share is not None and len(order) > 1 else None,
    }
    for name in ("tone", "loaded", "voice"):
        row.update(_gap(name, values[name].dropna() if name in values else pd.Series(dtype=float)))
    return row


def _title(members: pd.DataFrame, body: pd.DataFrame, order: list[str]) -> str:
    """The headline closest to the others (ties: the earliest), or the first words of the earliest body."""
    titles = [" ".join(str(t).split()) for t in members["title"] if not pd.isna(t) and str(t).strip()]
    if titles:
        words = [set(normalized_words(t)) for t in titles]

        def closeness(i: int) -> float:
            others = [_jaccard(words[i], w) for j, w in enumerate(words) if j != i]
            return sum(others) / len(others) if others else 0.0

        return titles[max(range(len(titles)), key=lambda i: (closeness(i), -i))]
    for article_id in order:
        texts = body.loc[body["article_id"] == article_id].sort_values("paragraph")["text"]
        if len(texts):
            first = str(texts.iloc[0]).split()
            return " ".join(first[:TITLE_WORDS]) + (" …" if len(first) > TITLE_WORDS else "")
    return ""


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


def _gap(name: str, values: pd.Series) -> dict[str, Any]:
    """``{name}_gap``, ``{name}_high`` and ``{name}_low``: the largest difference between two outlets."""
    if len(values) < 2:
        return {f"{name}_gap": None, f"{name}_high": None, f"{name}_low": None}
    ranked = sorted(values.items(), key=lambda item: (-item[1], str(item[0])))
    (high, top), (low, bottom) = ranked[0], ranked[-1]
    return {f"{name}_gap": round(float(top - bottom), 4), f"{name}_high": high, f"{name}_low": low}


def _outlet_values(tables: Mapping[str, pd.DataFrame], keys: pd.DataFrame) -> pd.DataFrame:
    """Per story and outlet (``keys``: each article's story and outlet), in the outlet's own voice: mean
    compound of its narration sentences and loaded terms per 1,000 narration words; and the share of its body
    words that are sources' quoted or reported speech."""
    sentences = tables["sentences"].merge(keys, on="article_id")
    speech = sentences["words_quoted"].astype(float) + sentences["words_reported"].astype(float)
    sentences = sentences.assign(speech=speech, narration=sentences["words"].astype(float) - speech)
    by_outlet = sentences.groupby(["story", "source"], sort=False)
    out = by_outlet[["words", "speech", "narration"]].sum().astype(float)
    narration = sentences[sentences["voice"] == "narration"]
    out["tone"] = narration.groupby(["story", "source"], sort=False)["compound"].mean()
    terms = tables["terms"]
    own = terms[(terms["lexicon"] == "loaded") & (terms["voice"] == "narration")]
    loaded = own.merge(keys, on="article_id").groupby(["story", "source"]).size()
    out["loaded"] = 1000 * loaded.reindex(out.index).fillna(0) / out["narration"].where(out["narration"] > 0)
    out["voice"] = out["speech"] / out["words"].where(out["words"] > 0)
    return out.reset_index()
