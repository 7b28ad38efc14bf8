"""Statistics with uncertainty for comparing outlets.

>>> low, high = bootstrap_mean_ci([0.1, 0.2, 0.3, 0.4])
>>> 0.1 <= low <= 0.25 <= high <= 0.4
True
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import pandas as pd

from framing.tables import STANCES

__all__ = [
    "BOOTSTRAP_RESAMPLES",
    "BOOTSTRAP_SEED",
    "bootstrap_mean_ci",
    "corpus_speakers",
    "share_of_voice",
    "stance_mix",
]

#: Fixed seed and resample count: intervals are the same on every run.
BOOTSTRAP_SEED = 20231122
BOOTSTRAP_RESAMPLES = 2000


def bootstrap_mean_ci(
    values: Sequence[float],
    *,
    level: float = 0.95,
    resamples: int = BOOTSTRAP_RESAMPLES,
    seed: int = BOOTSTRAP_SEED,
) -> tuple[float, float]:
    """Percentile bootstrap interval of the mean; ``(nan, nan)`` with fewer than two values."""
    data = np.asarray([v for v in values if v == v], dtype=float)
    if data.size < 2:
        return float("nan"), float("nan")
    rng = np.random.default_rng(seed)
    means = data[rng.integers(0, data.size, size=(resamples, data.size))].mean(axis=1)
    tail = (1 - level) / 2
    low, high = np.quantile(means, [tail, 1 - tail])
    return float(low), float(high)


# --- who speaks, and how they are introduced -----------------------------------------------------

_UNRESOLVED = frozenset({"he", "she", "they", "we", "i", "you", "it", "who", "which"})
_QUOTED_RE = re.compile(r"[“\"„«]([^”\"»]*)[”\"»]")


def stance_mix(result, by: str = "source") -> pd.DataFrame:
    """Attributions by reporting-verb stance for each group (``source`` or ``article_id``), tidy.

    One row per group and stance with ``count`` and ``share`` of the
    group's attributions (stances a group never uses get a zero row).

    >>> from framing.pipeline import analyze
    >>> r = analyze([{"id": "a", "source": "W", "text": "T\\n\\nRama insisted it rained. Rama said it rained."}])
    >>> stance_mix(r).query("count > 0")[["group", "stance", "count", "share"]].values.tolist()
    [['W', 'neutral', 1, 0.5], ['W', 'emphatic', 1, 0.5]]
    """
    if by not in ("source", "article_id"):
        raise ValueError(f"by must be 'source' or 'article_id', not {by!r}")
    attributions = result.attributions.merge(result.articles[["article_id", "source"]], on="article_id")
    groups = list(dict.fromkeys(result.articles[by]))
    rows = []
    for group in groups:
        part = attributions[attributions[by] == group]
        total = len(part)
        counts = part["stance"].value_counts()
        for stance in STANCES:
            count = int(counts.get(stance, 0))
            rows.append(
                {
                    "by": by,
                    "group": group,
                    "stance": stance,
                    "count": count,
                    "share": round(count / total, 4) if total else None,
                }
            )
    return pd.DataFrame(rows, columns=["by", "group", "stance", "count", "share"])


def corpus_speakers(speakers: pd.Series) -> pd.Series:
    """Speakers with a lone surname replaced by the one full name it has elsewhere in the corpus.

    An article that only says "Stoltenberg" counts with the others that say
    "Jens Stoltenberg"; a surname shared by two full names stays as it is.

    >>> corpus_speakers(pd.Series(["Jens Stoltenberg", "Stoltenberg", "NATO"])).tolist()
    ['Jens Stoltenberg', 'Jens Stoltenberg', 'NATO']
    """
    full: dict[str, set[str]] = {}
    for name in set(speakers.dropna()):
        words = str(name).split()
        if len(words) >= 2 and all(w[:1].isupper() for w in words):
            full.setdefault(words[-1], set()).add(str(name))
    mapping = {surname: next(iter(names)) for surname, names in full.items() if len(names) == 1}
    return speakers.map(lambda s: mapping.get(s, s) if isinstance(s, str) and " " not in s else s)


def share_of_voice(result) -> pd.DataFrame:
    """Speakers by outlet: attributions, words quoted and direct quotes, tidy.

    Speakers are the normalised names of ``attributions.speaker`` (so
    "Stoltenberg", "Jens Stoltenberg" and "he" count as one); unresolved
    pronouns and attributions with no source are left out.  ``words_quoted``
    counts words inside quotation marks in the content; ``share`` is the
    speaker's part of the outlet's attributions.
    """
    attributions = result.attributions.merge(result.articles[["article_id", "source"]], on="article_id")
    attributions = attributions[
        attributions["speaker"].fillna("").str.strip().ne("")
        & ~attributions["speaker"].fillna("").str.lower().isin(_UNRESOLVED)
    ]
    columns = ["source", "speaker", "attributions", "words_quoted", "direct_quotes", "share"]
    if attributions.empty:
        return pd.DataFrame(columns=columns)
    attributions = attributions.assign(speaker=corpus_speakers(attributions["speaker"]))
    attributions = attributions.assign(
        words_quoted=attributions["content"].map(lambda c: sum(len(q.split()) for q in _QUOTED_RE.findall(str(c)))),
        direct=attributions["kind"].eq("direct").astype(int),
    )
    table = (
        attributions.groupby(["source", "speaker"], sort=False)
        .agg(attributions=("cue", "size"), words_quoted=("words_quoted", "sum"), direct_quotes=("direct", "sum"))
        .reset_index()
    )
    totals = table.groupby("source")["attributions"].transform("sum")
    table["share"] = (table["attributions"] / totals).round(4)
    order = {source: i for i, source in enumerate(dict.fromkeys(result.articles["source"]))}
    table = table.sort_values(
        ["source", "attributions", "speaker"],
        ascending=[True, False, True],
        key=lambda s: s.map(order) if s.name == "source" else s,
    )
    return table[columns].reset_index(drop=True)
