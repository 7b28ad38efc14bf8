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

__all__ = ["TITLE_WORDS", "own_voice_values", "story_table"]

#: Words of the body a story with no headline is titled by.
TITLE_WORDS = 12
_COPIES = ("verbatim", "edited")


def story_table(tables: Mapping[str, pd.DataFrame], rules: IndependentRules | None = None) -> pd.DataFrame:
    """The ``stories`` table of some tables holding whole stories (a batch of a run, or all of it)."""
    rules = rules or IndependentRules()
    articles = tables["articles"]
    if articles.empty:
        return frame("stories", [])
    # an article with no source stands for itself, as in the report
    outlet = articles["source"].where(
        articles["source"].fillna("").astype(str).str.strip() != "", articles["article_id"]
    )
    keys = pd.DataFrame({"article_id": articles["article_id"], "story": articles["story"], "source": outlet})
    gaps = _outlet_gaps(own_voice_values(tables, keys, ["story", "source"]))
    body = _body_by_article(tables["paragraphs"])
    members: dict[Any, list[dict[str, Any]]] = {}
    columns = [articles[c].tolist() for c in ("article_id", "story", "title", "date")] + [outlet.tolist()]
    for article_id, story, title, date, source in zip(*columns, strict=True):
        member = {"article_id": article_id, "title": title, "date": date, "source": source}
        members.setdefault(story, []).append(member)
    rows = [
        _story_row(str(story), _in_story_order(own), body, gaps.get(story, {}), rules) for story, own in members.items()
    ]
    return frame("stories", rows)


def _in_story_order(members: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A story's articles in story order (:func:`~framing.align.version_order`: by date, then input order)."""
    return list(members[i] for i in _ranks(members))


def _ranks(members: list[dict[str, Any]]) -> list[int]:
    order = version_order(
        pd.DataFrame({"article_id": [str(m["article_id"]) for m in members], "date": [m["date"] for m in members]})
    )
    position = {str(m["article_id"]): i for i, m in enumerate(members)}
    return [position[a] for a in order]


def _body_by_article(paragraphs: pd.DataFrame) -> dict[str, tuple[int, int, str]]:
    """Per article: body words, words in copied (verbatim or edited) paragraphs, and the first body paragraph."""
    body = paragraphs[paragraphs["role"] == "body"].sort_values(["article_id", "paragraph"], kind="stable")
    if body.empty:
        return {}
    words = body["words"].astype(float)
    copied = words.where(body["reuse"].isin(_COPIES), 0.0) if "reuse" in body else words * 0
    ids = body["article_id"].astype(str)
    totals = words.groupby(ids, sort=False).sum()
    copies = copied.groupby(ids, sort=False).sum()
    first = body["text"].groupby(ids, sort=False).first()
    return {a: (int(totals[a]), int(copies[a]), str(first[a])) for a in totals.index}


def _story_row(
    story: str,
    members: list[dict[str, Any]],
    body: Mapping[str, tuple[int, int, str]],
    gaps: Mapping[str, Any],
    rules: IndependentRules,
) -> dict[str, Any]:
    """A story's row: ``members`` its articles in story order, ``body`` every article's body words, copied
    words and first paragraph, ``gaps`` its outlets' largest differences."""
    order = [str(m["article_id"]) for m in members]
    dates = sorted(str(m["date"]) for m in members if not pd.isna(m["date"]) and str(m["date"]))
    outlets = list(dict.fromkeys(str(m["source"]) for m in members))
    words = sum(body.get(a, (0, 0, ""))[0] for a in order)
    copied = sum(body.get(a, (0, 0, ""))[1] for a in order)
    share = round(copied / words, 4) if words else None
    row: dict[str, Any] = {
        "story": story,
        "title": _title(members, body),
        "first_date": dates[0] if dates else None,
        "last_date": dates[-1] if dates else None,
        "outlets": "; ".join(outlets),
        "versions": len(order),
        "words": words,
        "copied_share": share,
        "independent": (share <= rules.copied_share) if share is not None and len(order) > 1 else None,
    }
    for name in ("tone", "loaded", "voice"):
        row.update(gaps.get(name) or _gap(name, {}))
    return row


def _title(members: list[dict[str, Any]], body: Mapping[str, tuple[int, int, str]]) -> str:
    """The headline closest to the others (ties: the earliest), or the first words of the earliest body."""
    titles = [" ".join(str(m["title"]).split()) for m in members if not pd.isna(m["title"]) and str(m["title"]).strip()]
    if titles:
        words = [set(normalized_words(t)) for t in titles]

        def closeness(i: int) -> float:
            others = [_jaccard(words[i], w) for j, w in enumerate(words) if j != i]
            return sum(others) / len(others) if others else 0.0

        return titles[max(range(len(titles)), key=lambda i: (closeness(i), -i))]
    for member in members:
        found = body.get(str(member["article_id"]))
        if found:
            first = found[2].split()
            return " ".join(first[:TITLE_WORDS]) + (" …" if len(first) > TITLE_WORDS else "")
    return ""


def _outlet_gaps(values: pd.DataFrame) -> dict[Any, dict[str, dict[str, Any]]]:
    """Per story, the tone, loaded-language and voice gaps between its outlets (:func:`_gap`)."""
    by_story: dict[Any, dict[str, dict[Any, float]]] = {}
    for record in values[["story", "source", "tone", "loaded", "voice"]].to_dict(orient="records"):
        measures = by_story.setdefault(record["story"], {"tone": {}, "loaded": {}, "voice": {}})
        for name, found in measures.items():
            if not pd.isna(record[name]):
                found[record["source"]] = float(record[name])
    return {
        story: {name: _gap(name, found) for name, found in measures.items()} for story, measures in by_story.items()
    }


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


def _gap(name: str, values: Mapping[Any, float]) -> dict[str, Any]:
    """``{name}_gap``, ``{name}_high`` and ``{name}_low``: the largest difference between two outlets."""
    if len(values) < 2:
        return {f"{name}_gap": None, f"{name}_high": None, f"{name}_low": None}
    ranked = sorted(values.items(), key=lambda item: (-item[1], str(item[0])))
    (high, top), (low, bottom) = ranked[0], ranked[-1]
    return {f"{name}_gap": round(float(top - bottom), 4), f"{name}_high": high, f"{name}_low": low}


def own_voice_values(tables: Mapping[str, pd.DataFrame], keys: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """Per group of ``keys`` columns ``by`` (``keys`` holds each article's ``article_id`` and those columns),
    in the outlet's own voice: ``tone`` (mean compound of the narration sentences) and ``loaded`` (loaded terms
    in narration per 1,000 narration words); and ``voice`` (share of body words that are sources' quoted or
    reported speech).  One rule for the stories table and the report's versions table.
    """
    keyed = [name for name in keys.columns if name != "article_id"]  # keys' values win (sentences carry a source)
    sentences = tables["sentences"].drop(columns=keyed, errors="ignore").merge(keys, on="article_id")
    speech = sentences["words_quoted"].astype(float) + sentences["words_reported"].astype(float)
    sentences = sentences.assign(speech=speech, narration=sentences["words"].astype(float) - speech)
    out = sentences.groupby(by, sort=False)[["words", "speech", "narration"]].sum().astype(float)
    narration = sentences[sentences["voice"] == "narration"]
    out["tone"] = narration.groupby(by, sort=False)["compound"].mean()
    terms = tables["terms"]
    own = terms[(terms["lexicon"] == "loaded") & (terms["voice"] == "narration")]
    loaded = own.drop(columns=keyed, errors="ignore").merge(keys, on="article_id").groupby(by).size()
    out["loaded"] = 1000 * loaded.reindex(out.index).fillna(0) / out["narration"].where(out["narration"] > 0)
    out["voice"] = out["speech"] / out["words"].where(out["words"] > 0)
    return out.reset_index()
