"""Story-matched and independent-article statistics on arrays: blocked permutation tests and bootstraps.

Two groups of articles are compared by the **mean within-block difference**:
each block (a story covered by both groups; or one block holding every
article when the articles are independent) contributes the mean value of
its group-a articles minus the mean of its group-b articles, and the
statistic is the mean of those differences over blocks.  An outlet with
several articles in one story is thus weighted once, by the mean of its
articles.  The test shuffles the group labels of the articles **within
each block** (a blocked permutation test: with one article per group per
story it flips the sign of each story's difference; with one block it is
the usual two-sample permutation test); every relabelling is enumerated
when there are at most ``resamples`` of them (the observed one is among
them, so p is never 0), otherwise ``resamples`` random ones give
``p = (b + 1) / (B + 1)``.  Intervals resample whole stories (matched) or
whole articles within each group (independent).

Because the statistic is linear in the labels, all relabellings of a
measure are one matrix product: fast for hundreds of articles.

Values may be one number per article or a row of category shares per
article; for rows the statistic is the share distance, half the sum of the
absolute differences of the mean shares (0 = same mix, 1 = no category in
common), and the test is an omnibus test of the whole distribution.

Two stories, each with one article of each group (a − b = 2 and 4): the
mean difference is 3 and the 2² = 4 sign flips give ±3, ±1, so p = 2/4.

>>> blocks, in_a = np.array([0, 0, 1, 1]), np.array([True, False, True, False])
>>> blocked_permutation_test(np.array([3.0, 1.0, 5.0, 1.0]), blocks, in_a)
(3.0, 0.5, True)
"""

from __future__ import annotations

import itertools
import math
from functools import lru_cache

import numpy as np
from numpy.typing import ArrayLike

from framing.compare.stats import BOOTSTRAP_RESAMPLES, BOOTSTRAP_SEED, PERMUTATION_RESAMPLES, percentile_interval

__all__ = [
    "DESIGNS",
    "MIN_SHARED_STORIES",
    "block_means",
    "blocked_permutation_test",
    "choose_design",
    "group_bootstrap_ci",
    "share_distance",
    "story_bootstrap_ci",
]

#: A pair of groups is compared story by story when at least this many stories have articles from both.
MIN_SHARED_STORIES = 2

#: The designs a comparisons row can have, as written in its ``design`` column.
DESIGNS = ("story-matched", "independent articles", "sentences of one article")


def choose_design(
    stories_a: ArrayLike,
    stories_b: ArrayLike,
    *,
    design: str = "auto",
    min_articles: int = 3,
    min_shared: int = MIN_SHARED_STORIES,
) -> str:
    """The design of a comparison of two groups, from the stories of their articles (one entry per article).

    ``auto``: **story-matched** when at least ``min_shared`` stories have
    articles from both groups; else **independent articles** when both
    groups have at least ``min_articles`` articles; else **sentences of one
    article** (the units inside each group's one or two articles).
    ``matched`` always matches (a row without enough shared stories says
    so); ``independent`` never does.

    >>> choose_design(["s1", "s2"], ["s1", "s2"])
    'story-matched'
    >>> choose_design(["s1", "s2", "s3"], ["s4", "s5", "s6"])
    'independent articles'
    >>> choose_design(["s1"], ["s1"])
    'sentences of one article'
    """
    a, b = np.asarray(stories_a, dtype=object), np.asarray(stories_b, dtype=object)
    shared = len(set(a.tolist()) & set(b.tolist()))
    if design == "matched" or (design == "auto" and shared >= min_shared):
        return "story-matched"
    if design not in ("auto", "independent"):
        raise ValueError(f"design must be auto, matched or independent, not {design!r}")
    if min(a.size, b.size) >= min_articles:
        return "independent articles"
    return "sentences of one article"


def block_means(values: ArrayLike, blocks: ArrayLike, in_a: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    """Each block's mean value of its group-a articles and of its group-b articles (blocks as codes 0..S-1).

    >>> a, b = block_means([1.0, 3.0, 2.0, 6.0], [0, 0, 0, 1], [True, True, False, False])
    >>> a.tolist(), b.tolist()
    ([2.0, nan], [2.0, 6.0])
    """
    x = np.asarray(values, dtype=float)
    codes, mask = np.asarray(blocks, dtype=int), np.asarray(in_a, dtype=bool)
    size = int(codes.max()) + 1 if codes.size else 0
    means = []
    for chosen in (mask, ~mask):
        sums = np.zeros((size, *x.shape[1:]))
        np.add.at(sums, codes[chosen], x[chosen])
        counts = np.bincount(codes[chosen], minlength=size).astype(float)
        counts = counts.reshape(-1, *([1] * (x.ndim - 1)))
        with np.errstate(divide="ignore", invalid="ignore"):
            means.append(sums / counts)
    return means[0], means[1]


def share_distance(differences: np.ndarray) -> np.ndarray:
    """Half the sum of absolute differences of shares along the last axis (total variation distance).

    >>> float(share_distance(np.array([0.5, -0.25, -0.25])))
    0.5
    """
    return 0.5 * np.abs(differences).sum(axis=-1)


def _weights(blocks: np.ndarray, in_a: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per-article weights ``w`` and ``c`` with statistic ``labels @ (x * w) - sum(x * c)`` for any relabelling.

    In block ``s`` with ``n_a`` and ``n_b`` articles of each group and ``S``
    blocks, ``mean_a - mean_b = (A_s (1/n_a + 1/n_b) - T_s / n_b)``, where
    ``A_s`` is the sum over the articles labelled a and ``T_s`` the block's total.
    """
    size = int(blocks.max()) + 1
    n_a = np.bincount(blocks, weights=in_a.astype(float), minlength=size)[blocks]
    n_b = np.bincount(blocks, weights=(~in_a).astype(float), minlength=size)[blocks]
    return (1 / n_a + 1 / n_b) / size, 1 / (n_b * size)


def _statistic(labels: np.ndarray, x: np.ndarray, w: np.ndarray, c: np.ndarray) -> np.ndarray:
    """The mean within-block difference for each row of ``labels`` (a number, or a share distance for rows)."""
    weighted = x * w.reshape(-1, *([1] * (x.ndim - 1)))
    offset = (x * c.reshape(-1, *([1] * (x.ndim - 1)))).sum(axis=0)
    rows = np.atleast_2d(labels)
    step = max(1, 2_000_000 // max(1, rows.shape[1]))  # a few MB of floats at a time, however many articles
    difference = np.concatenate([rows[i : i + step].astype(float) @ weighted for i in range(0, rows.shape[0], step)])
    return difference - offset if x.ndim == 1 else share_distance(difference - offset)


def blocked_permutation_test(
    values: ArrayLike,
    blocks: ArrayLike,
    in_a: ArrayLike,
    *,
    resamples: int = PERMUTATION_RESAMPLES,
    seed: int = BOOTSTRAP_SEED,
) -> tuple[float, float, bool]:
    """The mean within-block difference (a − b), its two-sided blocked permutation p-value, and whether exact.

    ``blocks`` are codes 0..S-1 and every block must hold articles of both
    groups.  Two-sided: relabellings whose statistic is at least as far
    from 0 as the observed one.  With rows of shares (2-D ``values``) the
    statistic is the share distance (see :func:`share_distance`).
    """
    x = np.asarray(values, dtype=float)
    codes, mask = np.asarray(blocks, dtype=int), np.asarray(in_a, dtype=bool)
    w, c = _weights(codes, mask)
    observed = float(_statistic(mask, x, w, c)[0])
    draws, exact = _relabellings(codes.tobytes(), mask.tobytes(), resamples, seed)
    null = _statistic(draws, x, w, c)
    tolerance = 1e-9 * max(1.0, abs(observed))
    hits = int(np.count_nonzero(np.abs(null) >= abs(observed) - tolerance))
    p_value = hits / null.shape[0] if exact else (hits + 1) / (null.shape[0] + 1)
    return observed, float(min(1.0, p_value)), exact


@lru_cache(maxsize=2)
def _relabellings(blocks_bytes: bytes, labels_bytes: bytes, resamples: int, seed: int) -> tuple[np.ndarray, bool]:
    """Group-a labels of every relabelling within blocks when few enough (exact), else ``resamples`` random ones.

    Cached by design, so that the measures of one pair share the same relabellings (and the work).
    """
    blocks = np.frombuffer(blocks_bytes, dtype=int)
    labels = np.frombuffer(labels_bytes, dtype=bool)
    members = [np.flatnonzero(blocks == s) for s in range(int(blocks.max()) + 1)]
    counts = [math.comb(m.size, int(labels[m].sum())) for m in members]
    if math.prod(counts) <= resamples:
        per_block = []
        for m in members:
            choices = list(itertools.combinations(m.tolist(), int(labels[m].sum())))
            table = np.zeros((len(choices), blocks.size), dtype=bool)
            for row, chosen in enumerate(choices):
                table[row, list(chosen)] = True
            per_block.append(table)
        grid = np.indices(counts).reshape(len(counts), -1)
        draws = np.zeros((grid.shape[1], blocks.size), dtype=bool)
        for table, picks in zip(per_block, grid, strict=True):
            draws |= table[picks]
        return draws, True
    order = np.argsort(blocks, kind="stable")
    keys = blocks[order] + np.random.default_rng(seed).random((resamples, blocks.size))
    shuffled = labels[order][np.argsort(keys, axis=1)]
    draws = np.empty_like(shuffled)
    draws[:, order] = shuffled
    return draws, False


def story_bootstrap_ci(
    differences: ArrayLike,
    *,
    level: float = 0.95,
    resamples: int = BOOTSTRAP_RESAMPLES,
    seed: int = BOOTSTRAP_SEED,
) -> tuple[float, float]:
    """Percentile bootstrap interval of the mean of per-story differences, resampling whole stories.

    Rows of share differences (2-D) give the interval of the share distance
    of their mean.  Fewer than two stories give ``(nan, nan)``.

    >>> story_bootstrap_ci([2.0, 2.0, 2.0])
    (2.0, 2.0)
    """
    d = np.asarray(differences, dtype=float)
    if d.shape[0] < 2:
        return float("nan"), float("nan")
    picks = np.random.default_rng(seed).integers(0, d.shape[0], size=(resamples, d.shape[0]))
    means = d[picks].mean(axis=1)
    return percentile_interval(means if d.ndim == 1 else share_distance(means), level)


def group_bootstrap_ci(
    numerators_a: ArrayLike,
    denominators_a: ArrayLike,
    numerators_b: ArrayLike,
    denominators_b: ArrayLike,
    *,
    level: float = 0.95,
    resamples: int = BOOTSTRAP_RESAMPLES,
    seed: int = BOOTSTRAP_SEED,
) -> tuple[float, float]:
    """Percentile bootstrap interval of ``ratio(a) - ratio(b)``, resampling each group's units apart.

    A unit is an article (denominator 1) or a sentence, paragraph or
    attribution (its numerator and denominator drawn together).  Rows of
    numerators (2-D: counts or shares per category) give the interval of
    the share distance.  A group with fewer than two units gives ``(nan, nan)``.

    >>> group_bootstrap_ci([1.0, 1.0], [1, 1], [0.0, 0.0], [1, 1])
    (1.0, 1.0)
    """
    rng = np.random.default_rng(seed)
    ratios = []
    for num, den in ((numerators_a, denominators_a), (numerators_b, denominators_b)):
        n, d = np.asarray(num, dtype=float), np.asarray(den, dtype=float)
        if n.shape[0] < 2:
            return float("nan"), float("nan")
        picks = rng.integers(0, n.shape[0], size=(resamples, n.shape[0]))
        totals = d[picks].sum(axis=1).reshape(-1, *([1] * (n.ndim - 1)))
        with np.errstate(divide="ignore", invalid="ignore"):
            ratios.append(n[picks].sum(axis=1) / totals)
    difference = ratios[0] - ratios[1]
    return percentile_interval(difference if difference.ndim == 1 else share_distance(difference), level)
