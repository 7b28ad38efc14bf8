"""Stories whose versions share almost nothing: a folder of unrelated texts read as one story.

A flat folder of ``.txt`` files is one story unless ``--story auto`` groups
it.  When its texts report different events, aligning them as versions of
one story costs much and labels chance overlaps as reuse.  This module
measures how much a story's versions share: the cosine of each pair of
versions' content-word counts (body paragraphs, words outside quotation
marks, stop words out: :func:`framing.align.content.content_words`), and the
median over the pairs.  Below ``AlignRules.unrelated`` the story gets a
warning in ``problems.csv`` that suggests ``--story auto`` (or naming the
stories), and the run summary says so.  The story is still aligned.

A story of many versions is not compared pair by pair: each version is
compared with the next :data:`PARTNERS` versions in story order (wrapping
around), which estimates the median at a cost that grows linearly.

>>> weather = ["Heavy rain flooded the valley roads overnight, and forecasters expect more storms on Friday."]
>>> court = ["The appeals court upheld the fraud conviction of the former mayor on Tuesday."]
>>> rain = ["Storms flooded valley roads overnight; schools in the capital stayed shut."]
>>> round(median_similarity([weather, court]), 2), round(median_similarity([weather, rain]), 2)
(0.0, 0.53)
>>> unrelated_versions("s", [weather, court]).message[:60]
"story 's': its 2 versions share almost no content (median co"
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations

import numpy as np
import scipy.sparse as sp

from framing.align.content import content_words
from framing.align.vectors import pair_dots
from framing.problems import Problem
from framing.settings import AlignRules

__all__ = ["PARTNERS", "UNRELATED_MARK", "median_similarity", "unrelated_versions"]

#: In a story of more versions than twice this, each version is compared with this many others.
PARTNERS = 32

#: The words that open the problem row's advice (the run summary finds the row by them).
UNRELATED_MARK = "share almost no content"


def version_pairs(count: int) -> tuple[list[int], list[int]]:
    """The pairs of versions compared: all of them, or each with the next :data:`PARTNERS` (wrapping around).

    >>> version_pairs(3)
    ([0, 0, 1], [1, 2, 2])
    """
    if count <= 2 * PARTNERS:
        pairs = list(combinations(range(count), 2))
    else:
        steps = range(1, PARTNERS + 1)
        pairs = sorted({(min(i, (i + s) % count), max(i, (i + s) % count)) for i in range(count) for s in steps})
    return [a for a, _ in pairs], [b for _, b in pairs]


def median_similarity(versions: Sequence[Sequence[str]]) -> float:
    """The median, over pairs of versions, of the cosine of their content-word counts (``versions``: each
    version's body paragraphs)."""
    vocabulary: dict[str, int] = {}
    indptr, indices = [0], list[int]()
    for paragraphs in versions:
        indices.extend(vocabulary.setdefault(w, len(vocabulary)) for text in paragraphs for w in content_words(text))
        indptr.append(len(indices))
    counts = sp.csr_matrix(
        (np.ones(len(indices)), np.array(indices, dtype=np.int64), np.array(indptr, dtype=np.int64)),
        shape=(len(versions), len(vocabulary)),
    )
    counts.sum_duplicates()
    norms = np.sqrt(np.asarray(counts.multiply(counts).sum(axis=1)).ravel())
    normalised = sp.csr_matrix(sp.diags(np.divide(1.0, norms, out=np.zeros_like(norms), where=norms > 0)) @ counts)
    left, right = version_pairs(len(versions))
    return float(np.median(pair_dots(normalised, left, right))) if left else 1.0


def unrelated_versions(
    story: str, versions: Sequence[Sequence[str]], rules: AlignRules | None = None
) -> Problem | None:
    """A warning when the versions of ``story`` (``versions``: each one's body paragraphs) share almost nothing,
    else ``None``."""
    rules = rules or AlignRules()
    if len(versions) < 2:
        return None
    similarity = median_similarity(versions)
    if similarity >= rules.unrelated:
        return None
    return Problem(
        story,
        None,
        "warning",
        f"story {story!r}: its {len(versions)} versions {UNRELATED_MARK} (median content-word similarity "
        f"{similarity:.2f}, under {rules.unrelated}): they look like unrelated texts, and their reuse labels "
        "say little; if they are not one story, run with `--story auto` to group them by content, or name "
        "their stories (sub-folders, a story column)",
    )
