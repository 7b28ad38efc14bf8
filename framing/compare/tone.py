"""Tone toward a named entity: the sentiment of the sentences (and quoted contents) that mention it.

``toward(result, "Serbia", aliases=["Serbian", "Belgrade"])`` finds every
body sentence that mentions the entity (token matches of the name and its
aliases, case-insensitive; a two-word person name also matches by surname),
adds the sentences right before and after each mention (``window=1``: they
carry the pronouns that refer back to it), and summarises their VADER
compound scores per article and per outlet, with 95% bootstrap intervals
over sentences.  On BASIL the window raises the rank correlation with the
annotators' feeling toward an entity from 0.09 to 0.20 (see the README).  It also scores the content of
attributions that mention the entity, so that what sources *say* about it is
kept apart from the sentences that carry it.

>>> from framing.run.pipeline import analyze
>>> text = "T\\n\\nSerbia praised the deal. Serbia is calm. Rain fell."
>>> result = analyze([{"id": "a", "source": "Wire", "text": text}])
>>> table = toward(result, "Serbia")
>>> table[["level", "group", "mentions", "sentences"]].values.tolist()
[['article', 'a', 2, 3], ['outlet', 'Wire', 2, 3]]
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from framing.compare.stats import bootstrap_mean_ci
from framing.contract import TableSource, tables_of
from framing.lexicons import Lexicon
from framing.measure.sentiment import sentence_sentiment
from framing.segment import tokenize
from framing.settings import SentimentRules

__all__ = ["TONE_COLUMNS", "mentions", "target_lexicon", "toward"]

TONE_COLUMNS = [
    "target",
    "level",
    "group",
    "mentions",
    "sentences",
    "compound_mean",
    "ci_low",
    "ci_high",
    "neg_share",
    "pos_share",
    "attributions",
    "attribution_compound_mean",
]


def target_lexicon(target: str, aliases: Sequence[str] = ()) -> Lexicon:
    """A lexicon of the entity's names: the target, its aliases, and a person's surname.

    >>> sorted(e.term for e in target_lexicon("Jens Stoltenberg").entries)
    ['Jens Stoltenberg', 'Stoltenberg']
    """
    names = [target, *aliases]
    words = target.split()
    if len(words) == 2 and all(w[:1].isupper() and w.isalpha() for w in words):
        names.append(words[-1])
    unique = list(dict.fromkeys(n.strip() for n in names if n.strip()))
    return Lexicon.from_entries(f"target:{target}", [(name, "target") for name in unique])


def mentions(texts: pd.Series, lexicon: Lexicon) -> pd.Series:
    """Whether each text mentions the entity (as tokens)."""
    return texts.map(lambda text: bool(lexicon.match(tokenize(str(text)), str(text))))


def _summary(compounds: Sequence[float], rules: SentimentRules) -> dict[str, float | int | None]:
    values = [float(v) for v in compounds]
    if not values:
        return {
            "sentences": 0,
            "compound_mean": None,
            "ci_low": None,
            "ci_high": None,
            "neg_share": None,
            "pos_share": None,
        }
    low, high = bootstrap_mean_ci(values)
    return {
        "sentences": len(values),
        "compound_mean": round(float(np.mean(values)), 4),
        "ci_low": None if low != low else round(low, 4),
        "ci_high": None if high != high else round(high, 4),
        "neg_share": round(sum(v <= rules.negative for v in values) / len(values), 4),
        "pos_share": round(sum(v >= rules.positive for v in values) / len(values), 4),
    }


def _near(sentences: pd.DataFrame, named: pd.Series, window: int) -> pd.Series:
    """Sentences within ``window`` sentences of a named one, in the same article."""
    keep = named.copy()
    for step in range(1, window + 1):
        same_before = sentences["article_id"].eq(sentences["article_id"].shift(step))
        same_after = sentences["article_id"].eq(sentences["article_id"].shift(-step))
        keep |= named.shift(step, fill_value=False) & same_before
        keep |= named.shift(-step, fill_value=False) & same_after
    return keep.astype(bool)


def toward(
    data: TableSource,
    target: str,
    aliases: Sequence[str] = (),
    *,
    window: int = 1,
    sentiment: SentimentRules | None = None,
) -> pd.DataFrame:
    """Tone toward ``target`` per article and per outlet (one tidy row each).

    ``mentions``: body sentences that name the entity; ``sentences``: those
    and their neighbours within ``window`` sentences; ``compound_mean``
    with ``ci_low``/``ci_high``: their mean VADER compound and 95% bootstrap
    interval (empty with fewer than two sentences); ``attributions`` and
    ``attribution_compound_mean``: attributions whose content mentions it,
    and the mean compound of those contents.  ``neg_share`` and ``pos_share`` use the cut-offs of
    ``sentiment`` (by default those ``data`` was measured with).
    """
    rules = sentiment or SentimentRules.of(data)
    tables = tables_of(data)
    lexicon = target_lexicon(target, aliases)
    sentences, attributions = tables["sentences"], tables["attributions"]
    articles = tables["articles"].set_index("article_id")
    named = mentions(sentences["text"], lexicon) if len(sentences) else pd.Series(dtype=bool)
    near = _near(sentences, named, window) if len(sentences) else named
    hit = sentences[near] if len(sentences) else sentences
    quoted = attributions[mentions(attributions["content"], lexicon)] if len(attributions) else attributions
    quoted_scores = (
        pd.Series([s["compound"] for s in sentence_sentiment(quoted["content"].tolist())], index=quoted.index)
        if len(quoted)
        else pd.Series(dtype=float)
    )
    rows = []
    for level, key in (("article", "article_id"), ("outlet", "source")):
        groups = list(dict.fromkeys(tables["articles"][key]))
        for group in groups:
            ids = [group] if level == "article" else list(articles.index[articles["source"] == group])
            compounds = hit.loc[hit["article_id"].isin(ids), "compound"].tolist()
            named_here = int(named[sentences["article_id"].isin(ids)].sum()) if len(sentences) else 0
            quoted_here = quoted_scores[quoted["article_id"].isin(ids)] if len(quoted) else quoted_scores
            rows.append(
                {
                    "target": target,
                    "level": level,
                    "group": group,
                    "mentions": named_here,
                    **_summary(compounds, rules),
                    "attributions": len(quoted_here),
                    "attribution_compound_mean": round(float(quoted_here.mean()), 4) if len(quoted_here) else None,
                }
            )
    return pd.DataFrame(rows, columns=TONE_COLUMNS)
