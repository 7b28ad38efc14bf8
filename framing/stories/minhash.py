"""MinHash signatures and LSH banding, vectorised with numpy and identical on every machine.

A text becomes a set of word n-grams ("shingles").  Words are lower-cased
``\\w+`` runs, each hashed once with BLAKE2b (never Python's ``hash()``, which
changes between processes); a shingle's hash combines its words' hashes with
fixed odd multipliers and the splitmix64 finaliser.  Everything after that is
numpy on arrays of texts, so the same input gives the same signatures on any
platform and in any process.

**Signatures** are one-permutation MinHash with optimal densification (Li,
Owen & Zhang, NeurIPS 2012; Shrivastava, ICML 2017): each shingle is hashed
once with a seeded mixer, the hash picks one of ``slots`` bins and the bin
keeps the smallest value; a bin left empty borrows the value of another bin
chosen by a fixed hash of (bin, attempt).  For two sets, each slot is equal
with probability equal to their Jaccard similarity, as with ``slots``
independent permutations, but the cost is one hash per shingle instead of one
per shingle and slot.  Raw (undensified) bins are mergeable: the elementwise
minimum of two texts' raw bins is the raw bins of their union, so an
article's signature is the minimum over its paragraphs' (:func:`densify`
after merging).

**LSH banding**: ``bands`` groups of ``rows`` slots are each hashed to one
key; two texts are candidates when any key is equal.  The chance of that is
``1 - (1 - J**rows)**bands`` for Jaccard ``J``, an S-curve whose midpoint is
about ``(1 / bands) ** (1 / rows)`` (16 bands of 4 rows: 0.50; 16 of 3:
0.40).  :func:`candidate_pairs` sorts each band's keys and pairs equal ones,
so the cost grows with the number of texts plus the number of pairs found,
never with all pairs.  Keys can be made date-aware: texts are bucketed by
period as well, so that only texts within ``window`` days of each other meet.

>>> wire = "Talks on the Riverton dam collapsed on Tuesday after a long night of bargaining, officials said."
>>> copy = wire.replace("officials", "the officials")  # true Jaccard of the 3-word shingles: 0.71
>>> sigs = text_signatures([wire, copy, "Stocks fell sharply in Tokyo on Friday as the yen rose."])
>>> sigs.shape, sigs.dtype
((3, 64), dtype('uint32'))
>>> [round(float(similarity(sigs[0], other)), 2) for other in sigs]
[1.0, 0.61, 0.0]
>>> keys = band_keys(sigs, bands=16, rows=4)
>>> candidate_pairs(keys).pairs.tolist()
[[0, 1]]
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

from framing.segment.words import word_runs

__all__ = [
    "EMPTY",
    "SEED",
    "UNDATED",
    "Candidates",
    "WordHasher",
    "band_keys",
    "candidate_pairs",
    "densify",
    "distinct_counts",
    "mix64",
    "shingles",
    "signatures",
    "similarity",
    "text_signatures",
]

#: The default seed of every hash here; change it to get an independent family of signatures.
SEED = 0x6672616D696E67  # "framing"
#: The value of an empty bin (a text without shingles has only these).
EMPTY = np.uint32(0xFFFFFFFF)
#: The day number of an undated text in :func:`candidate_pairs`.
UNDATED = np.iinfo(np.int64).min

_U64 = np.uint64
_MUL1 = _U64(0xBF58476D1CE4E5B9)
_MUL2 = _U64(0x94D049BB133111EB)
#: Odd multipliers that combine the word hashes of a shingle (position-dependent, so "a b" != "b a").
_POSITION = np.array(
    [0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xD6E8FEB86659FD93, 0xFF51AFD7ED558CCD],
    dtype=np.uint64,
)
_LOW32 = _U64(0xFFFFFFFF)


def mix64(values: np.ndarray) -> np.ndarray:
    """The splitmix64 finaliser on a uint64 array (a bijection that spreads every input bit).

    >>> mix64(np.array([0, 1], dtype=np.uint64)).tolist()
    [0, 6238072747940578789]
    """
    x = np.asarray(values, dtype=np.uint64).copy()
    x ^= x >> _U64(30)
    x *= _MUL1
    x ^= x >> _U64(27)
    x *= _MUL2
    x ^= x >> _U64(31)
    return x


class WordHasher:
    """Stable 64-bit hashes of words (BLAKE2b keyed by ``seed``), cached for one job.

    >>> hasher = WordHasher()
    >>> hasher(["dam", "talks", "dam"]).tolist()[0] == hasher(["dam"]).tolist()[0]
    True
    """

    def __init__(self, seed: int = SEED) -> None:
        self._key = (seed & 0xFFFFFFFFFFFFFFFF).to_bytes(8, "little")
        self._cache: dict[str, int] = {}

    def __call__(self, tokens: Sequence[str]) -> np.ndarray:
        cache = self._cache
        missing = set(tokens).difference(cache)
        for word in missing:
            digest = hashlib.blake2b(word.encode("utf-8"), digest_size=8, key=self._key).digest()
            cache[word] = int.from_bytes(digest, "little")
        return np.fromiter(map(cache.__getitem__, tokens), dtype=np.uint64, count=len(tokens))

    def __len__(self) -> int:
        return len(self._cache)


def _segment_ids(offsets: np.ndarray) -> np.ndarray:
    """For CSR ``offsets``, the segment number of every element."""
    lengths = np.diff(offsets)
    return np.repeat(np.arange(len(lengths), dtype=np.int64), lengths)


def shingles(word_hashes: np.ndarray, offsets: np.ndarray, size: int = 3) -> tuple[np.ndarray, np.ndarray]:
    """Hashes of the word ``size``-grams of several texts given as one CSR array of word hashes.

    ``word_hashes[offsets[i]:offsets[i + 1]]`` are text ``i``'s words.  A
    text with fewer than ``size`` words (but at least one) gets one shingle of
    all its words; a text without words gets none.  Returns the shingle
    hashes (uint64) and their offsets.

    >>> hashes = WordHasher()("a b c d x y".split())
    >>> found, offsets = shingles(hashes, np.array([0, 4, 6]), size=3)
    >>> offsets.tolist()
    [0, 2, 3]
    """
    if size < 1:
        raise ValueError(f"shingle size must be at least 1, not {size}")
    if size > len(_POSITION):
        raise ValueError(f"shingle size must be at most {len(_POSITION)}, not {size}")
    word_hashes = np.asarray(word_hashes, dtype=np.uint64)
    offsets = np.asarray(offsets, dtype=np.int64)
    lengths = np.diff(offsets)
    counts = np.where(lengths >= size, lengths - size + 1, np.minimum(lengths, 1))
    out_offsets = np.zeros(len(lengths) + 1, dtype=np.int64)
    np.cumsum(counts, out=out_offsets[1:])
    out = np.empty(int(out_offsets[-1]), dtype=np.uint64)
    total = len(word_hashes)
    long_texts = lengths >= size
    if total >= size and long_texts.any():
        windows = total - size + 1
        acc = word_hashes[:windows] * _POSITION[0]
        for k in range(1, size):
            acc += word_hashes[k : k + windows] * _POSITION[k]
        ends = np.repeat(offsets[1:], lengths)[:windows]
        valid = np.arange(windows) + size <= ends
        out[np.repeat(long_texts, counts)] = mix64(acc[valid])
    short = (lengths > 0) & ~long_texts
    if short.any():
        values = []
        for start, length in zip(offsets[:-1][short].tolist(), lengths[short].tolist(), strict=True):
            part = word_hashes[start : start + length] * _POSITION[:length]
            values.append(int(np.bitwise_xor.reduce(part)) if length > 1 else int(part[0]))
        out[np.repeat(short, counts)] = mix64(np.array(values, dtype=np.uint64))
    return out, out_offsets


def distinct_counts(hashes: np.ndarray, offsets: np.ndarray) -> np.ndarray:
    """The number of distinct values in each CSR segment (the size of each shingle set).

    >>> distinct_counts(np.array([5, 5, 7, 1], dtype=np.uint64), np.array([0, 3, 4])).tolist()
    [2, 1]
    """
    ids = _segment_ids(np.asarray(offsets, dtype=np.int64))
    if not len(ids):
        return np.zeros(len(offsets) - 1, dtype=np.int64)
    order = np.lexsort((hashes, ids))
    sorted_ids, sorted_hashes = ids[order], np.asarray(hashes)[order]
    new = np.ones(len(order), dtype=bool)
    new[1:] = (sorted_ids[1:] != sorted_ids[:-1]) | (sorted_hashes[1:] != sorted_hashes[:-1])
    return np.bincount(sorted_ids[new], minlength=len(offsets) - 1)


def signatures(
    shingle_hashes: np.ndarray,
    offsets: np.ndarray,
    *,
    slots: int = 64,
    seed: int = SEED,
    dense: bool = True,
) -> np.ndarray:
    """One-permutation MinHash signatures, one row of ``slots`` uint32 values per CSR segment.

    ``dense=False`` returns the raw bins (``EMPTY`` where no shingle fell),
    which can be merged with ``np.minimum`` and densified later.  A text
    without shingles has a row of ``EMPTY``.

    >>> hashes, offsets = shingles(WordHasher()("a b c d e".split()), np.array([0, 5]))
    >>> row = signatures(hashes, offsets, slots=8)[0]
    >>> len(row), bool((row != EMPTY).all())
    (8, True)
    """
    if slots < 1 or slots > 65536:
        raise ValueError(f"slots must be between 1 and 65536, not {slots}")
    offsets = np.asarray(offsets, dtype=np.int64)
    n = len(offsets) - 1
    flat = np.full(n * slots, EMPTY, dtype=np.uint32)
    if len(shingle_hashes):
        h = mix64(np.asarray(shingle_hashes, dtype=np.uint64) ^ _U64(seed & 0xFFFFFFFFFFFFFFFF))
        cells = ((h >> _U64(32)) * _U64(slots)) >> _U64(32)
        cells += _segment_ids(offsets).astype(np.uint64) * _U64(slots)
        values = np.minimum(h & _LOW32, _U64(int(EMPTY) - 1)).astype(np.uint32)
        np.minimum.at(flat, cells.astype(np.int64), values)
    raw = flat.reshape(n, slots)
    return densify(raw, seed=seed) if dense else raw


def densify(raw: np.ndarray, *, seed: int = SEED) -> np.ndarray:
    """Fill the empty bins of raw one-permutation signatures (optimal densification).

    Empty bin ``i`` takes the value of bin ``j = h(i, attempt)`` for the
    first attempt whose bin is not empty in the raw row, with ``h`` the same
    for every text, so that equal slots keep meaning "same minimum".  Rows
    with no shingle at all stay ``EMPTY``.

    >>> raw = np.array([[3, EMPTY, 5, EMPTY]], dtype=np.uint32)
    >>> row = densify(raw)[0]
    >>> set(row.tolist()) <= {3, 5}
    True
    """
    raw = np.asarray(raw, dtype=np.uint32)
    out = raw.copy()
    slots = raw.shape[1]
    empty = raw == EMPTY
    usable = ~empty.all(axis=1)
    rows, cols = np.nonzero(empty & usable[:, None])
    base = _U64(seed & 0xFFFFFFFFFFFFFFFF) ^ _U64(0xD1B54A32D192ED03)
    attempt = 1
    while rows.size and attempt <= 64 * slots:
        keys = (cols.astype(np.uint64) << _U64(32)) | _U64(attempt)
        source = ((mix64(keys ^ base) >> _U64(32)) * _U64(slots)) >> _U64(32)
        values = raw[rows, source.astype(np.int64)]
        found = values != EMPTY
        out[rows[found], cols[found]] = values[found]
        rows, cols = rows[~found], cols[~found]
        attempt += 1
    if rows.size:  # practically unreachable: fall back to the row's smallest value
        smallest = np.where(empty, EMPTY, raw).min(axis=1)
        out[rows, cols] = smallest[rows]
    return out


def band_keys(sigs: np.ndarray, *, bands: int, rows: int, seed: int = SEED) -> np.ndarray:
    """One uint64 key per band: ``bands`` groups of ``rows`` consecutive slots, each hashed.

    >>> sigs = text_signatures(["one two three four", "one two three four"])
    >>> keys = band_keys(sigs, bands=16, rows=4)
    >>> keys.shape, bool((keys[0] == keys[1]).all())
    ((2, 16), True)
    """
    sigs = np.asarray(sigs)
    if bands < 1 or rows < 1 or bands * rows > sigs.shape[1]:
        raise ValueError(f"{bands} bands of {rows} rows need {bands * rows} slots; the signatures have {sigs.shape[1]}")
    keys = np.empty((sigs.shape[0], bands), dtype=np.uint64)
    for band in range(bands):
        acc = np.full(sigs.shape[0], _U64((seed + band * 0x9E3779B97F4A7C15) & 0xFFFFFFFFFFFFFFFF), dtype=np.uint64)
        for row in range(rows):
            acc = mix64(acc ^ sigs[:, band * rows + row].astype(np.uint64))
        keys[:, band] = acc
    return keys


@dataclass(frozen=True)
class Candidates:
    """Candidate pairs ``(i, j)`` with ``i < j`` (sorted, unique) and what was left out.

    ``large_buckets``: buckets with more than ``max_bucket`` members, which
    were skipped (``large="skip"``) or paired only with their smallest member
    (``large="star"``).
    """

    pairs: np.ndarray
    large_buckets: int = 0


def _ranges(starts: np.ndarray, sizes: np.ndarray) -> np.ndarray:
    """The positions ``start, start + 1, ..., start + size - 1`` of every group, concatenated."""
    offset = np.arange(int(sizes.sum()), dtype=np.int64) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    return np.repeat(starts, sizes) + offset


def _within(starts: np.ndarray, sizes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Positions of all pairs inside consecutive groups (``starts``, ``sizes``) of a sorted array."""
    if not len(sizes):
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    offset = np.arange(int(sizes.sum()), dtype=np.int64) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    position = np.repeat(starts, sizes) + offset
    later = np.repeat(sizes, sizes) - 1 - offset
    left = np.repeat(position, later)
    step = np.arange(int(later.sum()), dtype=np.int64) - np.repeat(np.cumsum(later) - later, later)
    return left, left + 1 + step


def _bucket_pairs(
    keys: np.ndarray, items: np.ndarray, max_bucket: int | None, large: str
) -> tuple[np.ndarray, np.ndarray, int]:
    """Item pairs whose keys are equal (one band).

    A bucket larger than ``max_bucket`` is skipped, or with ``large="star"``
    each member is paired with the bucket's smallest item.
    """
    order = np.argsort(keys)
    sorted_keys = keys[order]
    new = np.ones(len(order), dtype=bool)
    new[1:] = sorted_keys[1:] != sorted_keys[:-1]
    starts = np.flatnonzero(new)
    sizes = np.diff(np.append(starts, len(order)))
    keep = sizes >= 2
    starts, sizes = starts[keep], sizes[keep]
    n_large = 0
    hub_left = hub_right = np.zeros(0, dtype=np.int64)
    if max_bucket is not None:
        big = sizes > max_bucket
        n_large = int(big.sum())
        if n_large and large == "star":
            members = order[_ranges(starts[big], sizes[big])]
            hubs = np.minimum.reduceat(items[members], np.cumsum(sizes[big]) - sizes[big])
            hub_left, hub_right = np.repeat(hubs, sizes[big]), items[members]
        starts, sizes = starts[~big], sizes[~big]
    left, right = _within(starts, sizes)
    return (
        np.concatenate([items[order[left]], hub_left]),
        np.concatenate([items[order[right]], hub_right]),
        n_large,
    )


def _period_salt(periods: np.ndarray) -> np.ndarray:
    return mix64(periods.astype(np.uint64) ^ _U64(0xA0761D6478BD642F))


#: Pairs that :func:`candidate_pairs` lets wait before merging them with those found before (at least).
_MERGE_AT = 1_000_000


def candidate_pairs(
    keys: np.ndarray,
    *,
    days: np.ndarray | None = None,
    window: int = 0,
    groups: np.ndarray | None = None,
    max_bucket: int | None = None,
    large: Literal["skip", "star"] = "skip",
) -> Candidates:
    """Pairs of rows of ``keys`` (one column per band) that share a key in some band.

    Parameters
    ----------
    keys
        ``(n, bands)`` integer keys from :func:`band_keys`.
    days, window
        Optional day numbers (``UNDATED`` for none): then only pairs at most
        ``window`` days apart are returned, plus every pair with an undated
        row.  Rows are bucketed by period too (each dated row in its period
        of ``window + 1`` days and the next), so crowded buckets of a long
        time span never meet.
    groups
        Optional group of each row (say, its article): pairs inside one group
        are dropped.
    max_bucket
        A bucket with more rows than this is common text (boilerplate): it is
        skipped (``large="skip"``) or each member is paired only with the
        bucket's smallest row (``large="star"``, enough to join
        near-duplicates transitively); pass rows in a canonical order for
        results that do not depend on input order.

    >>> keys = np.array([[1, 5], [1, 6], [2, 6], [3, 7]], dtype=np.uint64)
    >>> candidate_pairs(keys).pairs.tolist()
    [[0, 1], [1, 2]]
    >>> days = np.array([0, 30, 31, UNDATED])
    >>> candidate_pairs(keys, days=days, window=7).pairs.tolist()
    [[1, 2]]
    """
    keys = np.asarray(keys)
    if keys.ndim != 2:
        raise ValueError(f"keys must be a 2-d array (rows, bands), not {keys.ndim}-d")
    if large not in ("skip", "star"):
        raise ValueError(f"large must be 'skip' or 'star', not {large!r}")
    n = keys.shape[0]
    dated = np.ones(n, dtype=bool) if days is None else np.asarray(days) != UNDATED
    found = _PairCodes(n)
    n_large = 0
    for pass_items, periods in _passes(n, days, window, dated):
        salt = None if periods is None else _period_salt(periods)
        for band in range(keys.shape[1]):
            column = keys[pass_items, band].astype(np.uint64)
            if salt is not None:
                column = mix64(column ^ salt)
            left, right, large_here = _bucket_pairs(column, pass_items, max_bucket, large)
            n_large += large_here
            i, j = np.minimum(left, right), np.maximum(left, right)
            keep = _allowed(i, j, periods, days, window, dated, groups)
            if keep.any():
                found.add(i[keep], j[keep])
    return Candidates(found.pairs(), n_large)


def _passes(
    n: int, days: np.ndarray | None, window: int, dated: np.ndarray
) -> list[tuple[np.ndarray, np.ndarray | None]]:
    """The rows bucketed in each pass, with their periods (None: no periods).

    Without days, one pass of all rows.  With days, the dated rows twice
    (each in its period of ``window + 1`` days and in the next), then, if
    some rows are undated, all rows without periods.
    """
    items = np.arange(n, dtype=np.int64)
    passes: list[tuple[np.ndarray, np.ndarray | None]] = []
    if days is None:
        passes.append((items, None))
    else:
        day_values = np.asarray(days, dtype=np.int64)
        period = day_values[dated] // (window + 1)
        dated_items = items[dated]
        passes.append((np.concatenate([dated_items, dated_items]), np.concatenate([period, period + 1])))
        if not dated.all():
            passes.append((items, None))
    return passes


def _allowed(
    i: np.ndarray,
    j: np.ndarray,
    periods: np.ndarray | None,
    days: np.ndarray | None,
    window: int,
    dated: np.ndarray,
    groups: np.ndarray | None,
) -> np.ndarray:
    """Which pairs ``(i, j)`` of one band are kept: two rows, close enough in days, in different groups."""
    keep = i != j
    if periods is None and days is not None:
        keep &= ~dated[i] | ~dated[j]  # the undated pass only adds pairs with an undated row
    elif days is not None:
        keep &= np.abs(np.asarray(days)[i] - np.asarray(days)[j]) <= window
    if groups is not None:
        keep &= np.asarray(groups)[i] != np.asarray(groups)[j]
    return keep


class _PairCodes:
    """Pairs ``(i, j)`` of ``n`` rows gathered band by band, as codes ``i * n + j``, each kept once."""

    def __init__(self, n: int) -> None:
        self._n = n
        self._codes = np.zeros(0, dtype=np.int64)  # pairs found so far, sorted, each once
        self._found: list[np.ndarray] = []  # found since, to merge into codes
        self._waiting = 0

    def add(self, i: np.ndarray, j: np.ndarray) -> None:
        self._found.append(np.unique(i * self._n + j))
        self._waiting += len(self._found[-1])
        if self._waiting > max(len(self._codes), _MERGE_AT):  # near copies meet in most bands: merged, they count once
            self._codes, self._found, self._waiting = np.unique(np.concatenate([self._codes, *self._found])), [], 0

    def pairs(self) -> np.ndarray:
        """The pairs, sorted: an ``(m, 2)`` int64 array."""
        codes = np.unique(np.concatenate([self._codes, *self._found]))
        n = max(self._n, 1)
        pairs = np.stack([codes // n, codes % n], axis=1) if len(codes) else np.zeros((0, 2), np.int64)
        return pairs.astype(np.int64)


def similarity(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Estimated Jaccard similarity: the share of equal slots (row by row for 2-d input).

    >>> a = np.array([[1, 2, 3, 4], [1, 2, 3, 4]], dtype=np.uint32)
    >>> similarity(a, np.array([[1, 2, 0, 0], [1, 2, 3, 4]], dtype=np.uint32)).tolist()
    [0.5, 1.0]
    """
    return np.mean(np.asarray(a) == np.asarray(b), axis=-1)


def text_signatures(
    texts: Iterable[str], *, size: int = 3, slots: int = 64, seed: int = SEED, batch: int = 5000
) -> np.ndarray:
    """Signatures of plain texts in one call (words, shingles of ``size`` words, ``slots`` slots).

    >>> text_signatures(["a b c", ""]).shape
    (2, 64)
    """
    hasher = WordHasher(seed)
    parts: list[np.ndarray] = []
    chunk: list[list[str]] = []

    def flush() -> None:
        offsets = np.zeros(len(chunk) + 1, dtype=np.int64)
        np.cumsum([len(c) for c in chunk], out=offsets[1:])
        hashes = hasher([w for c in chunk for w in c])
        found, found_offsets = shingles(hashes, offsets, size)
        parts.append(signatures(found, found_offsets, slots=slots, seed=seed))
        chunk.clear()

    for text in texts:
        chunk.append(word_runs(text.lower()))
        if len(chunk) >= batch:
            flush()
    if chunk or not parts:
        flush()
    return np.concatenate(parts)
