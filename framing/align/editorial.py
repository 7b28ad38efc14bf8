"""Which body paragraphs read as added commentary: a score with its evidence.

``editorial_score`` in [0, 1] is a weighted mean of five signals, each in
[0, 1], multiplied by ``attributed_factor`` when the paragraph quotes someone
or reports speech with a neutral reporting verb ("said", "told", "according
to"): commentary is the writer's own voice, while "Albania advocates …" is a
writer's characterisation.  Weights, factor and threshold are
:class:`~framing.settings.EditorialRules`.

- ``added``: the paragraph matches nothing in the other versions, *and* its
  version shares content with another version (a rewrite that added it).
  In a story with one version, or for a version unrelated to the others
  (a report of another event), it is unknown and counts as 0.5;
- ``evaluative``: density of generalising, arguing and judging words
  (``evaluative``, ``loaded`` and ``boosters`` lexicons), 1 at 8 per 100 words;
- ``tone``: distance of its mean sentence sentiment from the rest of its
  story, 1 at one compound unit;
- ``end``: position in the second half of the body, 1 for the last paragraph;
- ``no_anchor``: no numbers, dates or named speakers, the concrete anchors
  of news reporting.

``editorial`` is ``editorial_score >= threshold``; ``editorial_evidence``
names the signals at 0.5 or more, with the words that triggered them.  The
slant of each sentence is scored apart (:mod:`framing.align.slant`).

>>> from framing.settings import EditorialRules
>>> EditorialRules().threshold
0.5
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import pandas as pd

from framing.read.lexicon_files import word_list
from framing.settings import EditorialRules

__all__ = ["QUOTE_RE", "editorial_scores"]

#: A quotation mark: a paragraph holding one quotes someone.
QUOTE_RE = re.compile(r"[“”„\"«»]|''")
#: The concrete anchors of news reporting: a digit, or a day or month named as written (word list ``calendar``).
_ANCHOR_RE = re.compile(
    r"\d|\b(?:"
    + "|".join(sorted(word_list("calendar", "weekday", "month", "relative_day"), key=lambda w: (-len(w), w)))
    + r")\b"
)


def _round(value: float) -> float:
    return round(float(value), 4)


def editorial_scores(
    paragraphs: pd.DataFrame,
    sentences: pd.DataFrame,
    attributions: pd.DataFrame,
    terms: pd.DataFrame,
    related: Mapping[str, set[str]],
    versions: int | Mapping[str, int],
    story_of: Mapping[str, Any] | None = None,
    rules: EditorialRules | None = None,
) -> dict[tuple[str, int], dict[str, Any]]:
    """Editorial score, flag and evidence for the body paragraphs of one or more stories.

    ``related`` maps each article to the versions it shares content with;
    ``versions`` is the number of versions in the story (or, for several
    stories, in each article's story); ``story_of`` gives each article's
    story, so that a paragraph's tone is compared with the rest of its own
    story (one story when omitted); ``rules`` the weights and threshold.
    """
    rules = rules or EditorialRules()
    body = paragraphs[paragraphs["role"] == "body"]
    if body.empty:
        return {}
    grouped = sentences.groupby(["article_id", "paragraph"])["compound"]
    compound, sums, counts = grouped.mean().to_dict(), grouped.sum().to_dict(), grouped.count().to_dict()
    story = sentences["article_id"].map(story_of) if story_of is not None else pd.Series(0, index=sentences.index)
    story_sums = sentences["compound"].groupby(story).sum().to_dict()
    story_counts = sentences["compound"].groupby(story).count().to_dict()
    reported = attributions[(attributions["stance"] == "neutral") & (attributions["speaker"].fillna("") != "")]
    attributed = set(zip(reported["article_id"], reported["paragraph"], strict=True))
    evaluative = terms[terms["lexicon"].isin(rules.lexicons)]
    evaluative_words = evaluative.groupby(["article_id", "paragraph"])["matched"].apply(list).to_dict()
    speakers = attributions[attributions["speaker"].fillna("").str.contains(" ")]
    named = set(zip(speakers["article_id"], speakers["paragraph"], strict=True))
    position = body.groupby("article_id")["paragraph"].rank(method="first") - 1
    count = body.groupby("article_id")["paragraph"].transform("count")
    out: dict[tuple[str, int], dict[str, Any]] = {}
    columns = [body[c].tolist() for c in ("article_id", "paragraph", "text", "words")]
    reuse = body["reuse"].tolist() if "reuse" in body.columns else [None] * len(body)
    for article_id, paragraph, text, words, reused, rank, total in zip(
        *columns, reuse, position.tolist(), count.tolist(), strict=True
    ):
        key = (str(article_id), int(paragraph))
        text = str(text)
        in_story = story_of.get(key[0], 0) if story_of is not None else 0
        story_versions = versions.get(key[0], 1) if isinstance(versions, Mapping) else versions
        signals: dict[str, float] = {}
        words_hit = evaluative_words.get(key, [])
        known = story_versions >= 2 and bool(related.get(key[0]))
        signals["added"] = (1.0 if reused == "novel" else 0.0) if known else 0.5
        signals["evaluative"] = min(1.0, 100 * len(words_hit) / max(1, int(words)) / rules.evaluative_density)
        signals["tone"] = 0.0
        story_count = story_counts.get(in_story, 0)
        if key in compound and story_count > counts[key]:
            baseline = (story_sums[in_story] - float(sums[key])) / (story_count - int(counts[key]))
            signals["tone"] = min(1.0, abs(float(compound[key]) - baseline))
        signals["end"] = max(0.0, (rank / max(1, total - 1) - 0.5) / 0.5) if total > 1 else 0.0
        anchors = len(_ANCHOR_RE.findall(text)) + (1 if key in named else 0)
        signals["no_anchor"] = max(0.0, 1 - anchors / 2)
        voiced = key in attributed or bool(QUOTE_RE.search(text))
        score = sum(rules.weights[name] * value for name, value in signals.items())
        score *= rules.attributed_factor if voiced else 1.0
        out[key] = {
            "editorial_score": _round(score),
            "editorial": bool(score >= rules.threshold),
            "editorial_evidence": _evidence(signals, words_hit, voiced, known),
        }
    return out


def _evidence(signals: Mapping[str, float], words: list[str], voiced: bool, known: bool) -> str:
    parts = []
    if known and signals["added"] >= 0.5:
        parts.append("added: in no other version of the story")
    parts.append("quotes or reports speech (score halved)" if voiced else "no quotation or reported speech")
    if signals["evaluative"] >= 0.5:
        unique = list(dict.fromkeys(w.lower() for w in words))[:4]
        parts.append("evaluative or generalising words: " + ", ".join(f"'{w}'" for w in unique))
    if signals.get("tone", 0) >= 0.5:
        parts.append("tone far from the rest of the story")
    if signals["end"] >= 0.5:
        parts.append("near the end of the article")
    if signals["no_anchor"] >= 0.5:
        parts.append("no numbers, dates or named speakers")
    return "; ".join(parts)


# --- slant ---------------------------------------------------------------------------------
