"""Group articles into stories without labels: versions of one text, and reports of one event.

:func:`find_stories` gives every article a story label (``auto-0001``,
``auto-0002``, ... numbered in the order of each story's first article).
Two kinds of evidence link two articles, and both are found through MinHash
locality-sensitive hashing (:mod:`framing.stories.minhash`), so that only candidate
pairs are ever compared and the cost grows about linearly with the corpus:

1. **Shared text** (copies, edits, trims, additions, syndication).  Every
   paragraph of at least ``min_words`` words gets a MinHash signature; LSH
   on those finds paragraphs that are near-identical across articles.  Two
   articles are *copy-linked* when such paragraphs make up at least
   ``contained`` of one of them, in words and in paragraphs (a containment
   test: a short version cut from a long one, or a long one that adds
   paragraphs to a short one, links; two stories that share one reused
   paragraph do not).  Near-duplicate articles (estimated Jaccard of all
   their shingles at least ``duplicate``) are first collapsed into one node,
   so that a story copied a thousand times costs no more than one copied
   twice.
2. **The same event** (independent reports by different outlets, with
   little shared wording).  Each article's most distinctive words (TF-IDF
   with the corpus's document frequencies; title words and names weigh
   more) form a short vector; LSH on the set of its top words proposes
   pairs, and two articles are *topic-linked* when their cosine reaches
   ``topic_similarity`` and their dates are at most ``topic_days`` apart
   (``undated_similarity`` when either has no date: content only).
   Paragraphs an article shares with an article it is *not* copy-linked to
   (background copied into a different story) are left out of its
   distinctive words, so that one shared paragraph does not look like a
   shared topic.

Stories are then formed by **average linkage** on the links: two groups
merge when at least ``min_link_share`` of the pairs across them are linked,
best-connected groups first (near-duplicates count once).  A chain A~B~C~D, where each article
links only to its neighbours, does not become one story: merging {A, B}
with {C, D} needs two of their four cross pairs linked, not one.

Ties are broken by each article's content (a hash of its id, date, title and
text), never by its position, so shuffling the input changes the labels'
numbers only.

The texts are read once (:mod:`framing.stories.scan`); the distinctive words
are :mod:`framing.stories.keywords`.

>>> from framing.read import Article
>>> wire = "Talks on the Riverton dam collapsed on Tuesday, the water minister said after a long meeting."
>>> more = "Engineers warned that the spillway could fail before the spring floods, a regional report said."
>>> other = "The central bank raised interest rates by half a point on Thursday to slow rising prices."
>>> articles = [Article("a", wire + "\\n\\n" + more, date="2024-03-05"),
...             Article("b", other, date="2024-03-05"),
...             Article("c", wire, date="2024-03-06")]
>>> find_stories(articles)
['auto-0001', 'auto-0002', 'auto-0001']
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import heapq
import logging
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from framing.read import Article, metadata_of, normalize_date
from framing.settings import StoryRules
from framing.stories.keywords import cosines, keywords
from framing.stories.minhash import UNDATED, WordHasher, band_keys, candidate_pairs, signatures, similarity
from framing.stories.scan import InOrder, Scan, scan_texts

__all__ = ["find_stories"]

logger = logging.getLogger(__name__)


def find_stories(
    articles: Sequence[Article], rules: StoryRules | None = None, *, on_progress: Callable[[int], Any] | None = None
) -> list[str]:
    """One story label per article, found from the articles' text and dates alone.

    Parameters
    ----------
    articles
        The articles; ``text``, ``title`` and ``date`` are used (``date`` as
        ``YYYY-MM-DD`` or anything :func:`framing.read.normalize_date`
        understands; other values count as no date).
    rules
        Thresholds (:class:`StoryRules`).
    on_progress
        Called with the number of articles read after each batch (for a progress bar).

    Returns
    -------
    list of str
        ``auto-0001``, ``auto-0002``, ... in the order of each story's first
        article; the same input always gives the same labels, and a shuffled
        input gives the same grouping.

    See Also
    --------
    framing.stories.find_cross_story_reuse : paragraphs reused across the stories found.

    Examples
    --------
    >>> from framing.read import Article
    >>> find_stories([]), find_stories([Article("only", "One article.")])
    ([], ['auto-0001'])
    """
    rules = rules or StoryRules()
    n = len(articles)
    if n == 0:
        return []
    days = np.array([_day_number(a.date) for a in metadata_of(articles)], dtype=np.int64)
    order = _canonical_order(articles, days)
    ordered = InOrder(articles, order)
    days = days[order]
    hasher = WordHasher()
    scan = scan_texts(ordered, rules, hasher, on_progress)
    node_of, reps = _near_duplicates(scan, days, rules)
    node_days = days[reps]
    edges_i, edges_j, strength, reused = _copy_links(scan, node_of, reps, node_days, rules)
    topic_i, topic_j, topic_strength = _topic_links(ordered, reps, node_days, scan, reused, hasher, rules)
    edges_i = np.concatenate([edges_i, topic_i])
    edges_j = np.concatenate([edges_j, topic_j])
    strength = np.concatenate([strength, topic_strength])
    cluster = _average_linkage(len(reps), edges_i, edges_j, strength, rules.min_link_share)
    canonical_story = cluster[node_of]
    story = np.empty(n, dtype=np.int64)
    story[order] = canonical_story
    labels: dict[int, str] = {}
    out = []
    for value in story.tolist():
        if value not in labels:
            labels[value] = f"auto-{len(labels) + 1:04d}"
        out.append(labels[value])
    logger.info(
        "find_stories: %d articles, %d distinct texts, %d links (%d by topic), %d stories",
        n,
        len(reps),
        len(edges_i),
        len(topic_i),
        len(labels),
    )
    return out


# --- preparation ----------------------------------------------------------------


def _day_number(value: str) -> int:
    text = normalize_date(str(value or "").strip())[:10]
    try:
        return _dt.date.fromisoformat(text).toordinal()
    except ValueError:
        return int(UNDATED)


def _canonical_order(articles: Sequence[Article], days: np.ndarray) -> np.ndarray:
    """Articles by date (undated last), then by a hash of their content: independent of input order."""
    keys = []
    for index, article in enumerate(articles):
        content = "\x1f".join((article.article_id, article.date, article.title, article.text))
        digest = hashlib.blake2b(content.encode("utf-8", "surrogatepass"), digest_size=8).digest()
        day = int(days[index])
        keys.append((day == UNDATED, day, digest, index))
    return np.array([key[-1] for key in sorted(keys)], dtype=np.int64)


# --- near-duplicates ------------------------------------------------------------------


def _near_duplicates(scan: Scan, days: np.ndarray, rules: StoryRules) -> tuple[np.ndarray, np.ndarray]:
    """Collapse near-duplicate articles: each article's node, and each node's first article (canonical)."""
    from scipy.sparse import coo_matrix  # lazy: 0.1 s to load; only this step and the cosines need it
    from scipy.sparse.csgraph import connected_components  # lazy: with scipy.sparse

    n = len(days)
    eligible = np.flatnonzero(scan.article_words >= max(rules.min_words, 1))
    pairs = np.zeros((0, 2), dtype=np.int64)
    if len(eligible) > 1:
        keys = band_keys(scan.article_sigs[eligible], bands=rules.bands, rows=rules.rows)
        found = candidate_pairs(
            keys, days=days[eligible], window=rules.copy_days, max_bucket=rules.max_bucket, large="star"
        )
        pairs = eligible[found.pairs]
        if len(pairs):
            same = similarity(scan.article_sigs[pairs[:, 0]], scan.article_sigs[pairs[:, 1]]) >= rules.duplicate
            pairs = pairs[same]
    graph = coo_matrix((np.ones(len(pairs)), (pairs[:, 0], pairs[:, 1])), shape=(n, n))
    _count, component = connected_components(graph, directed=False)
    first = np.full(component.max() + 1, n, dtype=np.int64)
    np.minimum.at(first, component, np.arange(n))
    reps = np.unique(first[component])  # canonical index of each node's first article, in canonical order
    node_of = np.searchsorted(reps, first[component])
    return node_of, reps


# --- copy links ----------------------------------------------------------------------------


def _copy_links(
    scan: Scan, node_of: np.ndarray, reps: np.ndarray, node_days: np.ndarray, rules: StoryRules
) -> tuple[np.ndarray, np.ndarray, np.ndarray, dict[int, set[int]]]:
    """Node pairs whose near-identical paragraphs cover ``contained`` of one of them.

    Also returns the paragraphs reused from other stories: for each article
    (canonical index), the numbers of its blocks that are near-identical to
    a paragraph of an article it is not copy-linked to.  They are background
    copied between different stories, so they are left out of the
    distinctive words (otherwise one shared paragraph would look like a
    shared topic).
    """
    is_rep = np.zeros(len(node_of), dtype=bool)
    is_rep[reps] = True
    rows = np.flatnonzero(is_rep[scan.par_article])
    none: tuple[np.ndarray, np.ndarray, np.ndarray, dict[int, set[int]]] = (
        np.zeros(0, dtype=np.int64),
        np.zeros(0, dtype=np.int64),
        np.zeros(0),
        {},
    )
    if len(rows) < 2:
        return none
    par_node = node_of[scan.par_article[rows]]
    par_words = scan.par_words[rows]
    found = candidate_pairs(
        scan.par_keys[rows],
        days=node_days[par_node],
        window=rules.copy_days,
        groups=par_node,
        max_bucket=rules.max_bucket,
    )
    if found.large_buckets:
        logger.info("find_stories: %d paragraph buckets too common to pair (boilerplate)", found.large_buckets)
    if not len(found.pairs):
        return none
    m = len(reps)
    p, q = found.pairs[:, 0], found.pairs[:, 1]
    # each paragraph counts once per partner node: (paragraph, partner) pairs, then words summed per node pair
    para = np.concatenate([p, q])
    partner = np.concatenate([par_node[q], par_node[p]])
    unique = np.unique(para * m + partner)
    para, partner = unique // m, unique % m
    owner = par_node[para]
    code, inverse = np.unique(owner * m + partner, return_inverse=True)
    covered = np.bincount(inverse, par_words[para]).astype(np.float64)
    covered_paragraphs = np.bincount(inverse).astype(np.float64)
    total = np.bincount(par_node, par_words, minlength=m).astype(np.float64)
    total_paragraphs = np.bincount(par_node, minlength=m).astype(np.float64)
    x, y = code // m, code % m
    # the share of words and the share of paragraphs must both reach `contained`: one long shared paragraph
    # among short ones is not half of an article
    share = np.minimum(covered / total[x], covered_paragraphs / total_paragraphs[x])
    low, high = np.minimum(x, y), np.maximum(x, y)
    pair_code, pair_inverse = np.unique(low * m + high, return_inverse=True)
    best = np.zeros(len(pair_code))
    np.maximum.at(best, pair_inverse, share)
    keep = best >= rules.contained
    pair_best = best[
        np.searchsorted(pair_code, np.minimum(par_node[p], par_node[q]) * m + np.maximum(par_node[p], par_node[q]))
    ]
    foreign = np.unique(np.concatenate([p, q])[np.concatenate([pair_best, pair_best]) < rules.contained])
    reused: dict[int, set[int]] = {}
    for article, block in zip(
        scan.par_article[rows[foreign]].tolist(), scan.par_block[rows[foreign]].tolist(), strict=True
    ):
        reused.setdefault(article, set()).add(block)
    return pair_code[keep] // m, pair_code[keep] % m, best[keep], reused


# --- topic links ----------------------------------------------------------------------------


def _topic_links(
    articles: InOrder,
    reps: np.ndarray,
    node_days: np.ndarray,
    scan: Scan,
    reused: dict[int, set[int]],
    hasher: WordHasher,
    rules: StoryRules,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Node pairs whose distinctive words agree (cosine), on days close enough."""
    none = (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0))
    terms, weights, offsets = keywords(articles, reps, scan, reused, hasher, rules)
    lengths = np.diff(offsets)
    usable = np.flatnonzero(lengths > 0)
    if len(usable) < 2:
        return none
    top = np.minimum(lengths, rules.lsh_keywords)
    keep = np.arange(len(terms)) - np.repeat(offsets[:-1], lengths) < np.repeat(top, lengths)
    lsh_offsets = np.zeros(len(top) + 1, dtype=np.int64)
    np.cumsum(top, out=lsh_offsets[1:])
    sigs = signatures(terms[keep], lsh_offsets, slots=rules.topic_bands)
    keys = band_keys(sigs[usable], bands=rules.topic_bands, rows=1)
    window = rules.topic_days
    found = candidate_pairs(keys, days=node_days[usable], window=window, max_bucket=rules.max_bucket)
    if found.large_buckets:
        logger.info("find_stories: %d keyword buckets too common to pair", found.large_buckets)
    if not len(found.pairs):
        return none
    i, j = usable[found.pairs[:, 0]], usable[found.pairs[:, 1]]
    cosine = cosines(terms, weights, offsets, i, j)
    dated = (node_days[i] != UNDATED) & (node_days[j] != UNDATED)
    needed = np.where(dated, rules.topic_similarity, rules.undated_similarity)
    link = cosine >= needed
    return i[link], j[link], cosine[link]


# --- linkage ---------------------------------------------------------------------------------


def _average_linkage(n: int, i: np.ndarray, j: np.ndarray, strength: np.ndarray, min_share: float) -> np.ndarray:
    """Average linkage on links: merge the two groups with the largest share of linked pairs across them.

    Groups merge while that share is at least ``min_share``; ties go to the
    higher mean link strength, then to the groups holding the earliest nodes.
    Returns, for each node, the smallest node of its group.
    """
    if len(i):
        low, high = np.minimum(i, j), np.maximum(i, j)
        code, inverse = np.unique(low * n + high, return_inverse=True)
        best = np.zeros(len(code))
        np.maximum.at(best, inverse, strength)
        i, j, strength = code // n, code % n, best
    size = [1] * n
    name = list(range(n))
    version = [0] * n
    parent = list(range(n))
    links: dict[int, dict[int, list[float]]] = {}
    heap: list[tuple[float, float, int, int, int, int, int, int]] = []
    for a, b, s in zip(i.tolist(), j.tolist(), strength.tolist(), strict=True):
        stats = [1.0, s]
        links.setdefault(a, {})[b] = stats
        links.setdefault(b, {})[a] = stats
        heap.append((-1.0, -s, a, b, a, b, 0, 0))
    heapq.heapify(heap)
    while heap:
        neg_share, _neg_mean, _na, _nb, x, y, vx, vy = heapq.heappop(heap)
        if version[x] != vx or version[y] != vy:
            continue
        if -neg_share < min_share:
            break
        keep, gone = (x, y) if len(links.get(x, {})) >= len(links.get(y, {})) else (y, x)
        parent[gone] = keep
        size[keep] += size[gone]
        name[keep] = min(name[keep], name[gone])
        version[keep] += 1
        version[gone] = -1
        mine = links.setdefault(keep, {})
        mine.pop(gone, None)
        for other, stats in links.pop(gone, {}).items():
            if other == keep:
                continue
            theirs = links[other]
            del theirs[gone]
            if other in mine:
                mine[other][0] += stats[0]
                mine[other][1] += stats[1]
            else:
                mine[other] = stats
                theirs[keep] = stats
        for other, (count, total) in mine.items():
            share = count / (size[keep] * size[other])
            first, second = sorted((name[keep], name[other]))
            a, b = (keep, other) if name[keep] < name[other] else (other, keep)
            heapq.heappush(heap, (-share, -total / count, first, second, a, b, version[a], version[b]))
    root = np.arange(n)
    for start in range(n):
        top = start
        while parent[top] != top:
            top = parent[top]
        node = start
        while node != top:  # path compression: each chain is walked once
            parent[node], node = top, parent[node]
        root[start] = name[top]
    return root
