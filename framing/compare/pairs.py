"""One pair of groups compared with articles as units: its design, the articles it uses, its test and interval.

A :class:`Pair` knows each article's story and length; :meth:`Pair.articles_test`
takes the article values of a measure (one number, or a row of category
shares, per article) and gives the row's estimates, interval and test for
the pair's design (:func:`framing.compare.matched.choose_design`).

>>> import pandas as pd
>>> info = pd.DataFrame({"story": ["s1", "s1", "s2", "s2"], "words": [100, 300, 200, 200]},
...                     index=["a1", "b1", "a2", "b2"])
>>> labels = pd.Series(["A", "B", "A", "B"], index=info.index)
>>> pair = Pair.of("A", "B", labels, info, Setting(by="source"))
>>> pair.design
'story-matched'
>>> row = pair.articles_test(["a1", "a2"], [3.0, 5.0], ["b1", "b2"], [1.0, 1.0])
>>> row["difference"], row["p_value"], row["n_stories"], row["words_a"]
(3.0, 0.5, 2, 150.0)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

from framing.compare.matched import (
    MIN_SHARED_STORIES,
    block_means,
    blocked_permutation_test,
    choose_design,
    group_bootstrap_ci,
    story_bootstrap_ci,
)
from framing.compare.stats import PERMUTATION_RESAMPLES

__all__ = ["MIN_STORIES_FOR_TEST", "Pair", "Setting", "article_info"]

#: A story-matched row is tested only when at least this many stories have values from both groups.
MIN_STORIES_FOR_TEST = 2


@dataclass(frozen=True)
class Setting:
    """How a run compares: the grouping, the stratum, the design rule, resamples, level and optional model."""

    by: str
    within: str = ""
    design: str = "auto"
    min_articles: int = 3
    min_shared: int = MIN_SHARED_STORIES
    resamples: int = PERMUTATION_RESAMPLES
    level: float = 0.95
    model: str | None = None


def article_info(articles: pd.DataFrame) -> pd.DataFrame:
    """Each article's ``story`` (its own id when it has none) and ``words``, indexed by ``article_id``."""
    ids = articles["article_id"].astype(str)
    story = articles["story"].astype("string").fillna("") if "story" in articles else pd.Series("", index=ids.index)
    story = story.where(story.str.len() > 0, "(article) " + ids)
    words = pd.to_numeric(articles.get("words", pd.Series(np.nan, index=ids.index)), errors="coerce")
    return pd.DataFrame({"story": story.to_numpy(dtype=object), "words": words.to_numpy(dtype=float)}, index=ids)


@dataclass(frozen=True)
class Pair:
    """Two groups, the design they are compared with, and each article's story and words."""

    group_a: str
    group_b: str
    design: str
    info: pd.DataFrame
    setting: Setting

    @classmethod
    def of(cls, group_a: str, group_b: str, labels: pd.Series, info: pd.DataFrame, setting: Setting) -> Pair:
        stories = info["story"]
        design = choose_design(
            stories.reindex(labels.index[labels == group_a]).to_numpy(),
            stories.reindex(labels.index[labels == group_b]).to_numpy(),
            design=setting.design,
            min_articles=setting.min_articles,
            min_shared=setting.min_shared,
        )
        return cls(group_a, group_b, design, info, setting)

    def start(self, measure: str) -> dict[str, Any]:
        """The first columns of a row of this pair: measure, grouping, stratum, groups and design."""
        s = self.setting
        return {
            "measure": measure,
            "by": s.by,
            "within": s.within,
            "group_a": self.group_a,
            "group_b": self.group_b,
            "design": self.design,
        }

    def described(self, ids_a: ArrayLike, ids_b: ArrayLike) -> dict[str, Any]:
        """Stories spanned and mean words per article of the articles a row uses."""
        a, b = np.asarray(ids_a, dtype=str), np.asarray(ids_b, dtype=str)
        words = self.info["words"]
        return {
            "n_stories": int(self.info["story"].reindex(np.concatenate([a, b])).nunique()),
            "words_a": float(words.reindex(a).mean()) if a.size else float("nan"),
            "words_b": float(words.reindex(b).mean()) if b.size else float("nan"),
        }

    def matched_articles(
        self, ids_a: ArrayLike, values_a: ArrayLike, ids_b: ArrayLike, values_b: ArrayLike
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Article ids, values, block codes and group-a flags of the articles the design uses.

        Story-matched: the articles of stories with articles of both groups,
        blocked by story; otherwise every article, in one block.
        """
        ids = np.concatenate([np.asarray(ids_a, dtype=object), np.asarray(ids_b, dtype=object)])
        values = np.concatenate([np.asarray(values_a, dtype=float), np.asarray(values_b, dtype=float)])
        in_a = np.arange(ids.size) < np.asarray(ids_a).shape[0]
        if self.design != "story-matched":
            return ids, values, np.zeros(ids.size, dtype=int), in_a
        stories = self.info["story"].reindex(ids).to_numpy(dtype=object)
        both = set(stories[in_a].tolist()) & set(stories[~in_a].tolist())
        keep = np.array([s in both for s in stories], dtype=bool)
        _, blocks = np.unique(stories[keep].astype(str), return_inverse=True)
        return ids[keep], values[keep], blocks.astype(int), in_a[keep]

    def layout(self, ids_a: ArrayLike, ids_b: ArrayLike) -> dict[str, Any]:
        """``unit``, ``n_units``, ``n_a``, ``n_b``, ``n_stories`` and words per article of the articles used."""
        a, b = np.asarray(ids_a, dtype=object), np.asarray(ids_b, dtype=object)
        ids, _, blocks, in_a = self.matched_articles(a, np.zeros(a.size), b, np.zeros(b.size))
        matched = self.design == "story-matched"
        return {
            "unit": "stories" if matched else "articles",
            "n_units": (int(blocks.max()) + 1 if blocks.size else 0) if matched else int(ids.size),
            "n_a": int(in_a.sum()),
            "n_b": int((~in_a).sum()),
            **self.described(ids[in_a], ids[~in_a]),
        }

    def articles_test(
        self, ids_a: ArrayLike, values_a: ArrayLike, ids_b: ArrayLike, values_b: ArrayLike
    ) -> dict[str, Any]:
        """Estimates, difference, interval and blocked permutation test of article values (numbers or share rows).

        For rows of shares ``estimate_a``/``estimate_b`` are left out and
        ``difference`` is the share distance.
        """
        s = self.setting
        ids, values, blocks, in_a = self.matched_articles(ids_a, values_a, ids_b, values_b)
        out = self.layout(ids_a, ids_b)
        n_blocks = int(blocks.max()) + 1 if blocks.size else 0
        if self.design == "story-matched" and n_blocks < MIN_STORIES_FOR_TEST:
            shared = f"{n_blocks} {'story has' if n_blocks == 1 else 'stories have'} a value for both groups"
            out["note"] = f"only {shared}: a story-matched test needs {MIN_STORIES_FOR_TEST}"
            return out
        if out["n_a"] == 0 or out["n_b"] == 0 or ids.size < 3:
            out["note"] = "too few articles with a value for a test (fewer than three, or none in a group)"
            return out
        mean_a, mean_b = block_means(values, blocks, in_a)
        if self.design == "story-matched":
            interval = story_bootstrap_ci(mean_a - mean_b, level=s.level)
        else:
            interval = group_bootstrap_ci(
                values[in_a], np.ones(out["n_a"]), values[~in_a], np.ones(out["n_b"]), level=s.level
            )
        statistic, p_value, exact = blocked_permutation_test(values, blocks, in_a, resamples=s.resamples)
        if values.ndim == 1:
            out.update(estimate_a=float(mean_a.mean()), estimate_b=float(mean_b.mean()))
        where = "within stories" if self.design == "story-matched" else "of articles"
        out.update(
            difference=statistic,
            ci_low=interval[0],
            ci_high=interval[1],
            statistic=statistic,
            p_value=p_value,
            test=f"permutation {where} ({'exact' if exact else f'{s.resamples} resamples'})",
        )
        return out
