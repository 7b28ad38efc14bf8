"""Paragraphs reused across different stories: wire copy in an unrelated follow-up, corpus-wide.

:func:`find_cross_story_reuse` takes body paragraphs as ``(story, article_id,
paragraph_number, text)`` and returns one row per pair of near-identical
paragraphs in *different* stories.  It uses the MinHash/LSH machinery of
:mod:`framing.stories.minhash` on arrays, so that 800,000 paragraphs take a
couple of minutes and a few hundred MB, never a comparison of all pairs:

1. paragraphs shorter than ``min_words`` words are skipped (a short line
   such as "He declined to comment." recurs everywhere by chance);
2. identical texts (the same words in the same order; case, punctuation and
   white space aside) are handled once: each distinct text gets a signature;
3. LSH bands propose pairs of distinct texts (bands are sorted and equal
   keys grouped, in numpy; a bucket of more than ``max_bucket`` texts, such
   as variants of a footer, pairs each only with its first text, and
   ``attrs["common_buckets"]`` counts such buckets); a pair is
   near-identical when its estimated Jaccard similarity of word shingles
   reaches ``similarity``, or when the shorter text lies inside the longer
   (estimated containment ``contained``, with at least
   ``min_length_ratio`` of its length: a paragraph whose last sentence was
   cut);
4. each paragraph is paired with the occurrences of its own text and of its
   near-identical texts in other stories, most similar first, at most
   ``max_partners`` of them.  A very common paragraph (boilerplate) would
   otherwise make pairs with the square of its count: its rows say so in
   ``note``, and ``DataFrame.attrs["capped_paragraphs"]`` counts such
   paragraphs.

>>> wire = "The dam on the Riverton river could fail within weeks, engineers warned in a report on Tuesday."
>>> rows = [("dam", "wire", 3, wire), ("dam", "copy", 3, wire),
...         ("budget", "council", 7, wire.replace("Tuesday", "Monday")),
...         ("budget", "council", 8, "Too short."), ("zoo", "z", 0, "A panda cub was born at the city zoo overnight.")]
>>> table = find_cross_story_reuse(rows)
>>> table[["story_a", "article_a", "paragraph_a", "story_b", "article_b", "paragraph_b", "kind"]].values.tolist()
[['budget', 'council', 7, 'dam', 'copy', 3, 'edited'], ['budget', 'council', 7, 'dam', 'wire', 3, 'edited']]
>>> table.attrs["skipped_short"]
1
"""

from __future__ import annotations

import hashlib
import logging
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from itertools import islice
from typing import Any

import numpy as np
import pandas as pd

from framing.contract import columns, typed
from framing.segment.words import word_runs
from framing.settings import ReuseRules
from framing.stories.minhash import WordHasher, band_keys, candidate_pairs, distinct_counts, shingles, signatures

__all__ = ["COLUMNS", "ReuseIndex", "SignedParagraphs", "find_cross_story_reuse", "sign_paragraphs"]

logger = logging.getLogger(__name__)

#: The columns of the returned table, in order.
COLUMNS = columns("cross_reuse")
_BATCH = 5_000


def find_cross_story_reuse(
    paragraphs: Iterable[tuple[Any, Any, int, str]], rules: ReuseRules | None = None
) -> pd.DataFrame:
    """Pairs of near-identical paragraphs in different stories.

    Parameters
    ----------
    paragraphs
        ``(story, article_id, paragraph_number, text)`` for each body
        paragraph (story and article are compared as strings).
    rules
        Parameters (:class:`ReuseRules`).

    Returns
    -------
    pandas.DataFrame
        One row per pair, with the columns of :data:`COLUMNS`: the two
        paragraphs (``a`` is the one whose ``(story, article, paragraph)``
        sorts first), ``similarity`` (1.0 for identical text, else the
        estimated Jaccard similarity of word 3-shingles), ``kind``
        (``verbatim`` when the words are the same, ``edited`` otherwise) and
        ``note`` (empty, or why a common paragraph's pairs were capped).
        Rows are sorted by the ``a`` then the ``b`` paragraph.
        ``attrs`` holds ``paragraphs``, ``skipped_short``,
        ``distinct_texts``, ``capped_paragraphs``, ``max_partners``,
        ``common_buckets`` and ``rules``.

    See Also
    --------
    framing.stories.find_stories : the stories, when the corpus has none.

    Examples
    --------
    >>> text = "Engineers warned that the spillway of the Riverton dam could fail during the spring floods."
    >>> table = find_cross_story_reuse([("dam", "wire", 4, text), ("repairs", "follow-up", 9, text)])
    >>> table[["article_a", "paragraph_a", "article_b", "paragraph_b", "similarity", "kind"]].values.tolist()
    [['wire', 4, 'follow-up', 9, 1.0, 'verbatim']]
    """
    index = ReuseIndex(rules)
    index.add(paragraphs)
    return index.table()


@dataclass
class _Occurrences:
    """Paragraphs kept, in input order: story and article codes (in string order), number, text key."""

    story: np.ndarray
    article: np.ndarray
    number: np.ndarray
    key: np.ndarray
    story_names: list[str]
    article_names: list[str]


@dataclass
class SignedParagraphs:
    """Some paragraphs reduced to what :class:`ReuseIndex` keeps: made where the paragraphs are (say, a
    worker process, by :func:`sign_paragraphs`) and added to the index elsewhere (:meth:`ReuseIndex.add_signed`)."""

    stories: list[str]
    articles: list[str]
    numbers: list[int]
    keys: np.ndarray  # uint64 key of each paragraph's words (identical texts share it)
    sigs: np.ndarray  # (n, slots) uint16: the low 16 bits of each MinHash value
    sizes: np.ndarray  # int32: distinct shingles
    bands: np.ndarray  # (n, bands) uint32 LSH keys
    count: int  # paragraphs given, short ones included
    skipped: int  # paragraphs shorter than ``min_words``


_HASHER = WordHasher()  # word hashes are the same everywhere; one cache per process


def sign_paragraphs(
    paragraphs: Iterable[tuple[Any, Any, int, str]], rules: ReuseRules | None = None
) -> SignedParagraphs:
    """Key and sign ``(story, article_id, paragraph_number, text)`` records for a :class:`ReuseIndex`.

    >>> signed = sign_paragraphs([("s", "a", 1, "Too short."), ("s", "a", 2, " ".join(["word"] * 12))])
    >>> signed.count, signed.skipped, signed.sigs.shape
    (2, 1, (1, 64))
    """
    rules = rules or ReuseRules()
    stories: list[str] = []
    articles: list[str] = []
    numbers: list[int] = []
    keys: list[int] = []
    batch: list[list[str]] = []
    count = skipped = 0
    for record in paragraphs:
        try:
            story, article, number, text = record
        except (TypeError, ValueError):
            raise TypeError(
                f"each paragraph must be (story, article_id, paragraph_number, text), not {record!r:.80}"
            ) from None
        count += 1
        tokens = word_runs(str(text or "").lower())
        if len(tokens) < rules.min_words:
            skipped += 1
            continue
        digest = hashlib.blake2b(" ".join(tokens).encode("utf-8"), digest_size=8).digest()
        keys.append(int.from_bytes(digest, "little"))
        stories.append(str(story))
        articles.append(str(article))
        numbers.append(int(number))
        batch.append(tokens)
    offsets = np.zeros(len(batch) + 1, dtype=np.int64)
    np.cumsum([len(tokens) for tokens in batch], out=offsets[1:])
    hashes = _HASHER([word for tokens in batch for word in tokens])
    found, found_offsets = shingles(hashes, offsets, rules.shingle)
    sigs = signatures(found, found_offsets, slots=rules.slots)
    bands = band_keys(sigs, bands=rules.bands, rows=rules.rows) if len(batch) else np.zeros((0, rules.bands), np.uint64)
    return SignedParagraphs(
        stories,
        articles,
        numbers,
        np.array(keys, dtype=np.uint64),
        (sigs & 0xFFFF).astype(np.uint16),
        distinct_counts(found, found_offsets).astype(np.int32),
        (bands >> np.uint64(32)).astype(np.uint32),
        count,
        skipped,
    )


class ReuseIndex:
    """Paragraphs added a batch at a time (only numbers are kept: text keys, signatures, LSH keys, shingle
    counts), then :meth:`table` of the pairs across stories: :func:`find_cross_story_reuse` in steps, so a
    corpus can be fed as it is analysed.

    >>> text = "Engineers warned that the spillway of the Riverton dam could fail during the spring floods."
    >>> index = ReuseIndex()
    >>> index.add([("dam", "wire", 4, text)])
    >>> index.add([("repairs", "follow-up", 9, text)])
    >>> len(index.table())
    1
    """

    def __init__(self, rules: ReuseRules | None = None) -> None:
        self.rules = rules or ReuseRules()
        self.count = 0
        self.skipped = 0
        self._story: dict[str, int] = {}
        self._article: dict[str, int] = {}
        self._story_codes = array("q")
        self._article_codes = array("q")
        self._numbers = array("q")
        self._keys = array("Q")
        self._sigs: list[np.ndarray] = []
        self._sizes: list[np.ndarray] = []
        self._bands: list[np.ndarray] = []
        self._done = False

    def add(self, paragraphs: Iterable[tuple[Any, Any, int, str]]) -> None:
        """Add ``(story, article_id, paragraph_number, text)`` records."""
        iterator = iter(paragraphs)
        while batch := list(islice(iterator, _BATCH)):
            self.add_signed(sign_paragraphs(batch, self.rules))

    def add_signed(self, signed: SignedParagraphs) -> None:
        """Add paragraphs signed by :func:`sign_paragraphs` (with the same rules)."""
        if self._done:
            raise RuntimeError("ReuseIndex.table() was called already; make a new index to add paragraphs")
        self.count += signed.count
        self.skipped += signed.skipped
        if not signed.numbers:
            return
        self._keys.extend(signed.keys.tolist())
        self._story_codes.extend(self._story.setdefault(story, len(self._story)) for story in signed.stories)
        self._article_codes.extend(self._article.setdefault(article, len(self._article)) for article in signed.articles)
        self._numbers.extend(signed.numbers)
        self._sigs.append(signed.sigs)
        self._sizes.append(signed.sizes)
        self._bands.append(signed.bands)

    def table(self) -> pd.DataFrame:
        """The pairs of near-identical paragraphs in different stories (see :func:`find_cross_story_reuse`).

        Called once: the index hands its arrays over to the result.
        """
        self._done = True
        rules = self.rules
        occurrences = self._occurrences()
        attrs: dict[str, Any] = {
            "paragraphs": self.count,
            "skipped_short": self.skipped,
            "distinct_texts": 0,
            "capped_paragraphs": 0,
            "max_partners": rules.max_partners,
            "common_buckets": 0,
            "rules": asdict(rules),
        }
        if not len(occurrences.key):
            return _frame(None, attrs)
        keys, first, text_of = np.unique(occurrences.key, return_index=True, return_inverse=True)
        attrs["distinct_texts"] = len(keys)
        sigs, sizes, bands = self._distinct(first)
        found = candidate_pairs(bands, max_bucket=rules.max_bucket, large="star")
        attrs["common_buckets"] = found.large_buckets
        near_a, near_b, near_sim = _near_pairs(found.pairs, sigs, sizes, rules)
        rows = _expand(occurrences, text_of.ravel(), near_a, near_b, near_sim, rules.max_partners)
        attrs["capped_paragraphs"] = rows.capped
        logger.info(
            "find_cross_story_reuse: %d paragraphs (%d too short), %d distinct texts, %d near pairs, %d rows",
            self.count,
            self.skipped,
            len(keys),
            len(near_a),
            len(rows.x),
        )
        return _frame(rows, attrs, occurrences)

    def _occurrences(self) -> _Occurrences:
        stories = sorted(self._story)
        articles = sorted(self._article)
        story_rank = np.empty(len(stories), dtype=np.int64)
        story_rank[[self._story[s] for s in stories]] = np.arange(len(stories))
        article_rank = np.empty(len(articles), dtype=np.int64)
        article_rank[[self._article[a] for a in articles]] = np.arange(len(articles))
        return _Occurrences(
            story_rank[np.frombuffer(self._story_codes, dtype=np.int64)] if stories else np.zeros(0, np.int64),
            article_rank[np.frombuffer(self._article_codes, dtype=np.int64)] if articles else np.zeros(0, np.int64),
            np.frombuffer(self._numbers, dtype=np.int64),
            np.frombuffer(self._keys, dtype=np.uint64),
            stories,
            articles,
        )

    def _distinct(self, first: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Signatures, shingle counts and LSH keys of the rows ``first`` (one per distinct text), in that order.

        Batches are released as they are read, so the paragraphs' arrays are
        never held twice.
        """
        order = np.argsort(first)
        wanted = first[order]
        sigs = np.empty((len(first), self.rules.slots), dtype=np.uint16)
        sizes = np.empty(len(first), dtype=np.int32)
        bands = np.empty((len(first), self.rules.bands), dtype=np.uint32)
        start = 0
        while self._sigs:
            part_sigs, part_sizes, part_bands = self._sigs.pop(0), self._sizes.pop(0), self._bands.pop(0)
            end = start + len(part_sigs)
            low, high = np.searchsorted(wanted, [start, end])
            rows, target = wanted[low:high] - start, order[low:high]
            sigs[target], sizes[target], bands[target] = part_sigs[rows], part_sizes[rows], part_bands[rows]
            start = end
        return sigs, sizes, bands


def _near_pairs(
    pairs: np.ndarray, sigs: np.ndarray, sizes: np.ndarray, rules: ReuseRules
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Candidate pairs of distinct texts that are near-identical, with their estimated Jaccard similarity."""
    a, b = pairs[:, 0], pairs[:, 1]
    jaccard = np.empty(len(a))
    step = 50_000
    for start in range(0, len(a), step):
        part = slice(start, start + step)
        jaccard[part] = np.mean(sigs[a[part]] == sigs[b[part]], axis=1)
    small = np.minimum(sizes[a], sizes[b]).astype(np.float64)
    large = np.maximum(sizes[a], sizes[b]).astype(np.float64)
    inside = jaccard * (small + large) / ((1.0 + jaccard) * np.maximum(small, 1.0))
    keep = (jaccard >= rules.similarity) | ((inside >= rules.contained) & (small >= rules.min_length_ratio * large))
    return a[keep], b[keep], jaccard[keep]


@dataclass
class _Rows:
    """Occurrence pairs ``x`` < ``y`` (canonical order), their similarity, kind and each side's partner count."""

    x: np.ndarray
    y: np.ndarray
    similarity: np.ndarray
    verbatim: np.ndarray
    partners: np.ndarray  # per occurrence: paragraphs of other stories near-identical to it
    capped: int


def _expand(
    occurrences: _Occurrences,
    text_of: np.ndarray,
    near_a: np.ndarray,
    near_b: np.ndarray,
    near_sim: np.ndarray,
    cap: int,
) -> _Rows:
    """Occurrence pairs in different stories, each occurrence listing at most ``cap`` partners.

    An occurrence's partners are the occurrences of its own text, then of
    its near-identical texts (most similar first), in other stories, each
    text's occurrences in (story, article, paragraph) order; a pair is kept
    when either side lists the other.
    """
    n_occ = len(text_of)
    n_texts = int(text_of.max()) + 1
    canonical = np.lexsort((occurrences.number, occurrences.article, occurrences.story))
    rank = np.empty(n_occ, dtype=np.int64)
    rank[canonical] = np.arange(n_occ)
    by_text = canonical[np.argsort(text_of[canonical], kind="stable")]  # grouped by text, canonical inside
    starts = np.searchsorted(text_of[by_text], np.arange(n_texts + 1))
    story = occurrences.story
    near_rows, near_texts, similarities = _most_similar_first(near_a, near_b, near_sim)
    first_story = np.minimum.reduceat(story[by_text], starts[:-1])
    last_story = np.maximum.reduceat(story[by_text], starts[:-1])
    active = set(np.flatnonzero(first_story != last_story).tolist()) | set(near_rows)
    listed = _Listed(n_occ)
    story_of = story.tolist()
    for text in sorted(active):
        lo, hi = near_rows.get(text, (0, 0))
        partner_texts = [(1.0, text), *zip(similarities[lo:hi], near_texts[lo:hi], strict=True)]
        blocks: list[_Block] = []
        for sim, other in partner_texts:
            members = by_text[starts[other] : starts[other + 1]]
            blocks.append((sim, other == text, members.tolist(), story[members].tolist()))
        for x in by_text[starts[text] : starts[text + 1]].tolist():
            listed.add(x, story_of[x], blocks, cap)
    return listed.rows(rank, cap)


def _most_similar_first(
    near_a: np.ndarray, near_b: np.ndarray, near_sim: np.ndarray
) -> tuple[dict[int, tuple[int, int]], list[int], list[float]]:
    """Each text's near-identical texts, most similar first (then by number): rows ``lo:hi`` of the texts and
    similarities returned, by text (texts without near-identical ones are left out)."""
    near_from = np.concatenate([near_a, near_b])
    near_text = np.concatenate([near_b, near_a])
    similarity = np.concatenate([near_sim, near_sim])
    order = np.lexsort((near_text, -similarity, near_from))
    with_near, first_near = np.unique(near_from[order], return_index=True)
    bounds = np.append(first_near, len(order)).tolist()
    near_rows = {text: (bounds[i], bounds[i + 1]) for i, text in enumerate(with_near.tolist())}
    return near_rows, near_text[order].tolist(), similarity[order].tolist()


#: A partner text's occurrences: its similarity, whether it is the occurrence's own text, the occurrences (in
#: canonical order) and their stories.
_Block = tuple[float, bool, list[int], list[int]]


class _Listed:
    """The partners listed by each occurrence, gathered as pairs ``(x, y)`` with similarity and kind."""

    def __init__(self, n_occ: int) -> None:
        self.xs, self.ys, self.sims, self.verbatim = array("q"), array("q"), array("d"), array("b")
        self.partners = np.zeros(n_occ, dtype=np.int64)

    def add(self, x: int, own: int, blocks: list[_Block], cap: int) -> None:
        """List at most ``cap`` partners of occurrence ``x`` (of story ``own``) from ``blocks``, in order."""
        total = listed = 0
        for sim, same, members, member_story in blocks:
            low, high = bisect_left(member_story, own), bisect_right(member_story, own)  # x's own story skipped
            total += len(members) - (high - low)
            need = cap - listed
            if need > 0:
                chosen = members[: min(low, need)]
                chosen += members[high : high + need - len(chosen)]
                listed += len(chosen)
                self.xs.extend([x] * len(chosen))
                self.ys.extend(chosen)
                self.sims.extend([sim] * len(chosen))
                self.verbatim.extend([same] * len(chosen))
        self.partners[x] = total

    def rows(self, rank: np.ndarray, cap: int) -> _Rows:
        """The pairs listed, each once, ``x`` before ``y`` in canonical order (``rank``), sorted."""
        n_occ = len(self.partners)
        x = np.frombuffer(self.xs, dtype=np.int64)
        y = np.frombuffer(self.ys, dtype=np.int64)
        swap = rank[x] > rank[y]
        x, y = np.where(swap, y, x), np.where(swap, x, y)
        code = rank[x] * n_occ + rank[y]
        _, keep = np.unique(code, return_index=True)  # sorted by (rank of x, rank of y)
        return _Rows(
            x[keep],
            y[keep],
            np.frombuffer(self.sims, dtype=np.float64)[keep],
            np.frombuffer(self.verbatim, dtype=np.int8)[keep].astype(bool),
            self.partners,
            int((self.partners > cap).sum()),
        )


def _frame(rows: _Rows | None, attrs: dict[str, Any], occurrences: _Occurrences | None = None) -> pd.DataFrame:
    if rows is None or occurrences is None or not len(rows.x):
        empty = typed("cross_reuse", pd.DataFrame({name: pd.Series(dtype=object) for name in COLUMNS}))
        empty.attrs.update(attrs)
        return empty
    x, y = rows.x, rows.y
    stories = np.array(occurrences.story_names, dtype=object)
    articles = np.array(occurrences.article_names, dtype=object)
    cap = attrs["max_partners"]
    notes = np.full(len(x), "", dtype=object)
    for index in np.flatnonzero((rows.partners[x] > cap) | (rows.partners[y] > cap)).tolist():
        counts = (("a", rows.partners[x[index]]), ("b", rows.partners[y[index]]))
        parts = [f"{side} has {count}" for side, count in counts if count > cap]
        notes[index] = f"capped at {cap} partners per paragraph: {', '.join(parts)}"
    frame = pd.DataFrame(
        {
            "story_a": stories[occurrences.story[x]],
            "article_a": articles[occurrences.article[x]],
            "paragraph_a": occurrences.number[x],
            "story_b": stories[occurrences.story[y]],
            "article_b": articles[occurrences.article[y]],
            "paragraph_b": occurrences.number[y],
            "similarity": np.round(rows.similarity, 4),
            "kind": np.where(rows.verbatim, "verbatim", "edited").astype(object),
            "note": notes,
        }
    )
    frame.attrs.update(attrs)
    return frame
