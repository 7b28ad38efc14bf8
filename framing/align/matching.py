"""Line up the versions of a story: what each copied, edited, paraphrased, added and left out.

Units (body paragraphs, or body sentences) of every version of a story are
compared with the units of the other versions using three signals:

- **token edit similarity** (1 - Levenshtein distance over word tokens /
  the longer length): high for copies with small edits;
- **TF-IDF cosine** over word tokens: high for rewrites that keep the words;
- **word n-gram containment**, asymmetric (how much of A is inside B), also
  against the *union* of several units of one version, which finds a
  paragraph that merges several source paragraphs into one.

Each unit gets a ``reuse`` class against the whole story:

=============  ==============================================================
``verbatim``   the same text (white space aside) is in another version
``edited``     a copy with small edits: edit similarity >= ``edited``, or a
               copy cut short (n-gram containment >= ``trimmed``)
``paraphrase`` cosine >= ``close``, or cosine >= ``paraphrase`` with n-gram
               overlap >= ``overlap``, or containment >= ``contained``, or
               the unit and a set of units of one version cover each other's
               n-grams >= ``merged`` (one-to-many)
``novel``      nothing in any other version reaches those thresholds
=============  ==============================================================

Between independent reports, :mod:`framing.align.content` then matches
paragraphs on what they report (``paraphrase``) or on a quotation they
share (``shared_quote``, between ``paraphrase`` and ``novel``).

The thresholds live in :class:`AlignRules`; the README says how they were
calibrated (on synthetic stories with known edits, ``benchmarks/``).

Matches prefer the order of the text: when a version repeats a paragraph,
each copy is matched to the repeat that keeps the sequence.

Scale: copies are first grouped into clusters (each new unit is compared
with cluster representatives found through an n-gram index, not with every
unit), so a story with hundreds of syndicated copies costs about as much per
version as a story with two.

>>> units = [Unit.make(0, "wire", 0, 0, "Rama urged NATO to act on Wednesday."),
...          Unit.make(1, "copy", 1, 0, "Rama urged NATO to act on Wednesday."),
...          Unit.make(2, "blog", 2, 0, "Nothing about that here at all.")]
>>> aligned = align_units(units)
>>> [aligned.reuse[u.uid].reuse for u in units]
['verbatim', 'verbatim', 'novel']
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

import numpy as np
from rapidfuzz.distance import Levenshtein

from framing.align.vectors import binary_matrix, pair_dots, shared_candidates, tfidf_matrix
from framing.segment.words import normalized_words
from framing.settings import AlignRules

__all__ = ["REUSE_ORDER", "AlignedUnits", "Match", "Pair", "Unit", "align_units"]

#: Reuse classes from strongest to weakest.
REUSE_ORDER = ("verbatim", "edited", "paraphrase", "shared_quote", "novel")


@dataclass(frozen=True)
class Unit:
    """One paragraph or sentence of one version: ``version`` is the version's rank in the story."""

    uid: int
    article: str
    version: int
    number: int
    text: str
    key: str
    tokens: tuple[str, ...]
    shingles: frozenset[str]

    @cached_property
    def counts(self) -> tuple[dict[str, int], float]:
        """Token counts and their Euclidean norm (for cosines)."""
        counts: dict[str, int] = defaultdict(int)
        for token in self.tokens:
            counts[token] += 1
        return dict(counts), float(np.sqrt(sum(v * v for v in counts.values())))

    @classmethod
    def make(cls, uid: int, article: str, version: int, number: int, text: str, ngram: int = 3) -> Unit:
        key, tokens, shingles = _unit_words(text, ngram)
        return cls(uid, article, version, number, text, key, tokens, shingles)


@lru_cache(maxsize=8192)  # more than the units of a batch of stories; larger only grows the workers' memory
def _unit_words(text: str, ngram: int) -> tuple[str, tuple[str, ...], frozenset[str]]:
    """A unit's white-space-normalised text, word tokens and shingles (cached: copies share their text)."""
    tokens = tuple(normalized_words(text))
    return " ".join(text.split()), tokens, _shingles(tokens, ngram)


def _shingles(tokens: Sequence[str], n: int) -> frozenset[str]:
    if len(tokens) < n:
        return frozenset(tokens)
    return frozenset(" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


@dataclass(frozen=True)
class Match:
    """A unit's reuse class and its best match in another version (``None`` for novel units)."""

    reuse: str
    match: int | None = None
    score: float | None = None


@dataclass(frozen=True)
class Pair:
    """Two units of different versions that match; ``a`` comes first in story order."""

    a: int
    b: int
    score: float
    reuse: str


@dataclass
class AlignedUnits:
    """The result of :func:`align_units`."""

    units: dict[int, Unit]
    reuse: dict[int, Match]
    pairs: list[Pair]
    cluster: dict[int, int] = field(default_factory=dict)
    links: dict[int, set[int]] = field(default_factory=dict)
    nearest: dict[int, float] = field(default_factory=dict)

    def similarity_to_others(self, uid: int) -> float:
        """The highest similarity of ``uid`` to a unit of another version (1.0 for copies, 0.0 if none)."""
        match = self.reuse[uid]
        if match.reuse in ("verbatim", "edited"):
            return 1.0
        return self.nearest.get(self.cluster.get(uid, uid), 0.0)

    def partners(self, uid: int) -> list[tuple[int, str, float]]:
        """``(unit, reuse, score)`` for every unit matched to ``uid``."""
        out = []
        for pair in self.pairs:
            if pair.a == uid:
                out.append((pair.b, pair.reuse, pair.score))
            elif pair.b == uid:
                out.append((pair.a, pair.reuse, pair.score))
        return out


def edit_similarity(a: Sequence[str], b: Sequence[str]) -> float:
    """1 - token Levenshtein distance / length of the longer sequence.

    >>> round(edit_similarity("a b c d".split(), "a b x d".split()), 2)
    0.75
    """
    return float(Levenshtein.normalized_similarity(a, b))


def copy_similarity(a: Unit, b: Unit, rules: AlignRules) -> float:
    """How much ``a`` and ``b`` look like copies: token edit similarity, or, for a copy cut short,
    the share of the shorter unit's n-grams inside the longer one (when it keeps at least
    ``trim_length`` of the longer one's length)."""
    similarity = edit_similarity(a.tokens, b.tokens)
    if similarity >= rules.edited:
        return similarity
    short, long = (a, b) if len(a.tokens) <= len(b.tokens) else (b, a)
    if len(short.tokens) >= rules.trim_length * len(long.tokens):
        inside = containment(short.shingles, long.shingles)
        if inside >= rules.trimmed:
            return inside
    return similarity


def containment(a: frozenset[str], b: frozenset[str]) -> float:
    """Share of ``a``'s n-grams that are in ``b`` (asymmetric: is A inside B?).

    >>> containment(frozenset({"x", "y"}), frozenset({"x", "z", "w"}))
    0.5
    """
    return len(a & b) / len(a) if a else 0.0


class _Index:
    """An inverted index from n-grams to cluster representatives.

    An n-gram held by more than ``common`` representatives says little about
    which one matches (it is a phrase like "said on Monday") and is skipped
    when proposing candidates, which keeps each query cheap however large
    the story grows.
    """

    def __init__(self, common: int = 100) -> None:
        self._postings: dict[str, list[int]] = defaultdict(list)
        self._common = common

    def add(self, uid: int, shingles: Iterable[str]) -> None:
        for shingle in shingles:
            self._postings[shingle].append(uid)

    def candidates(self, shingles: Iterable[str], limit: int, exclude: Iterable[int] = ()) -> list[int]:
        counts: dict[int, int] = defaultdict(int)
        for shingle in shingles:
            posting = self._postings.get(shingle, ())
            if len(posting) > self._common:
                continue
            for uid in posting:
                counts[uid] += 1
        for uid in exclude:
            counts.pop(uid, None)
        ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        return [uid for uid, _count in ranked[:limit]]


def align_units(units: Sequence[Unit], rules: AlignRules | None = None) -> AlignedUnits:
    """Align the units of one story (all versions, one level: paragraphs or sentences).

    ``units`` must be in story order: by version rank, then position.
    """
    rules = rules or AlignRules()
    by_id = {u.uid: u for u in units}
    cluster_of, members = _copy_clusters(units, rules)
    links, nearest = _paraphrase_links(units, cluster_of, members, rules)
    reuse = {u.uid: _classify(u, by_id, cluster_of, members, links, rules) for u in units}
    _prefer_order(units, by_id, reuse, cluster_of, members)
    pairs = _pairs(units, by_id, cluster_of, members, links, rules)
    return AlignedUnits(by_id, reuse, pairs, cluster_of, links, nearest)


def _copy_clusters(units: Sequence[Unit], rules: AlignRules) -> tuple[dict[int, int], dict[int, list[int]]]:
    """Group verbatim and edited copies; each cluster is named by its first unit (its representative)."""
    exact: dict[str, int] = {}
    cluster_of: dict[int, int] = {}
    members: dict[int, list[int]] = {}
    index = _Index()
    by_id = {u.uid: u for u in units}
    for unit in units:
        if not unit.tokens:
            cluster_of[unit.uid] = unit.uid
            members[unit.uid] = [unit.uid]
            continue
        if unit.key in exact:
            rep = cluster_of[exact[unit.key]]
        else:
            exact[unit.key] = unit.uid
            rep = -1
            best = 0.0
            for candidate in index.candidates(unit.shingles, rules.candidates):
                similarity = copy_similarity(unit, by_id[candidate], rules)
                if similarity >= rules.edited and similarity > best:
                    rep, best = candidate, similarity
            if rep < 0:
                rep = unit.uid
                index.add(rep, unit.shingles)
                members[rep] = []
        cluster_of[unit.uid] = rep
        members[rep].append(unit.uid)
    return cluster_of, members


def _paraphrase_links(
    units: Sequence[Unit], cluster_of: dict[int, int], members: dict[int, list[int]], rules: AlignRules
) -> tuple[dict[int, set[int]], dict[int, float]]:
    """Links between clusters whose texts are paraphrases (one-to-one or merged), computed on representatives.

    Also returns, per representative, its highest TF-IDF cosine to a
    representative with a member in another version (the "nearest" text
    elsewhere in the story, linked or not).  The candidates and their
    cosines come from sparse matrices (:mod:`framing.align.vectors`).
    """
    by_id = {u.uid: u for u in units}
    reps = sorted(uid for uid in members if by_id[uid].tokens)
    nearest: dict[int, float] = {}
    links: dict[int, set[int]] = {rep: set() for rep in members}
    if len(reps) < 2:
        return links, nearest
    found_of = _candidates(reps, by_id, members, rules)
    row = {rep: i for i, rep in enumerate(reps)}
    left = [row[rep] for rep in reps for _ in found_of[rep]]
    right = [row[c] for rep in reps for c in found_of[rep]]
    cosines = pair_dots(tfidf_matrix([by_id[rep].tokens for rep in reps]), left, right)
    passes, common = _passes(cosines, [by_id[rep].shingles for rep in reps], left, right, rules)
    passed, shared, cosine_list, at = passes.tolist(), common.tolist(), cosines.tolist(), 0
    for rep in reps:
        unit, found = by_id[rep], found_of[rep]
        if not found:
            continue
        nearest[rep] = round(max(cosine_list[at : at + len(found)]), 4)
        chosen = {c for c, ok in zip(found, passed[at : at + len(found)], strict=True) if ok}
        # a unit sharing fewer n-grams than a merge needs cannot join one: left out before any set is built
        need = _merge_need(unit, rules)
        pool = [c for c, n in zip(found, shared[at : at + len(found)], strict=True) if n >= need and c not in chosen]
        at += len(found)
        chosen |= _merge(unit, pool, by_id, rules, covered=chosen)
        for candidate in chosen:
            links[rep].add(candidate)
            links[candidate].add(rep)
    return links, nearest


def _passes(
    cosines: np.ndarray, shingles: list[frozenset[str]], left: list[int], right: list[int], rules: AlignRules
) -> tuple[np.ndarray, np.ndarray]:
    """Which pairs (rows ``left[i]``, ``right[i]``) are paraphrases one to one: TF-IDF cosine >= ``close``, or
    n-gram containment of the left one >= ``contained``, or cosine >= ``paraphrase`` with n-gram overlap
    >= ``overlap`` either way; and how many n-grams each pair shares."""
    common = pair_dots(binary_matrix(shingles), left, right)  # shared n-grams (whole numbers)
    sizes = np.array([len(s) for s in shingles], dtype=np.float64)
    size_left, size_right = sizes[left], sizes[right]
    inside = np.divide(common, size_left, out=np.zeros_like(common), where=size_left > 0)
    back = np.divide(common, size_right, out=np.zeros_like(common), where=size_right > 0)
    passes = (
        (cosines >= rules.close)
        | (inside >= rules.contained)
        | ((cosines >= rules.paraphrase) & (np.maximum(inside, back) >= rules.overlap))
    )
    return passes, common


def _candidates(
    reps: list[int], by_id: dict[int, Unit], members: dict[int, list[int]], rules: AlignRules
) -> dict[int, list[int]]:
    """For each representative, those that share most of its n-grams and words, with a member in a version it
    lacks (or all of them, for a cluster spread over several versions)."""
    versions = {rep: {by_id[m].version for m in members[rep]} for rep in reps}
    features = [by_id[rep].shingles | frozenset(by_id[rep].tokens) for rep in reps]
    ranked = shared_candidates(features, limit=rules.candidates * 2, keys=reps)
    found_of: dict[int, list[int]] = {}
    for rep, rows in zip(reps, ranked, strict=True):
        here = versions[rep]
        found_of[rep] = [reps[i] for i in rows if len(here) > 1 or versions[reps[i]] - here]
    return found_of


def _merge_need(unit: Unit, rules: AlignRules) -> float:
    """How many of ``unit``'s n-grams a unit must add to join a merge."""
    return max(rules.merge_min, rules.merge_gain * len(unit.shingles))


def _merge(unit: Unit, candidates: list[int], by_id: dict[int, Unit], rules: AlignRules, covered: set[int]) -> set[int]:
    """Units that together cover ``unit``'s n-grams (a rewrite that condenses several paragraphs).

    Each must add ``merge_gain`` of the unit's n-grams (at least
    ``merge_min``).  With no direct match (``covered`` empty) the merge as
    a whole must also cover ``merged`` of the unit.
    """
    if not unit.shingles:
        return set()
    have = set().union(*(by_id[c].shingles & unit.shingles for c in covered)) if covered else set()
    picked: set[int] = set()
    need = _merge_need(unit, rules)
    pool = list(candidates)
    while pool:
        gains = [(len((by_id[c].shingles & unit.shingles) - have), c) for c in pool]
        gain, best = max(gains, key=lambda item: (item[0], -item[1]))
        if gain < need:
            break
        picked.add(best)
        have |= by_id[best].shingles & unit.shingles
        pool.remove(best)
    if not covered and len(have) / len(unit.shingles) < rules.merged:
        return set()  # a merge of small pieces must cover enough of the unit on its own
    return picked


def _other_versions(uids: Iterable[int], version: int, by_id: dict[int, Unit]) -> list[int]:
    return [m for m in uids if by_id[m].version != version]


def _classify(
    unit: Unit,
    by_id: dict[int, Unit],
    cluster_of: dict[int, int],
    members: dict[int, list[int]],
    links: dict[int, set[int]],
    rules: AlignRules,
) -> Match:
    if not unit.tokens:
        return Match("novel")
    rep = cluster_of[unit.uid]
    copies = _other_versions(members[rep], unit.version, by_id)
    same = [m for m in copies if by_id[m].key == unit.key]
    if same:
        return Match("verbatim", same[0], 1.0)
    if copies:
        scored = [(copy_similarity(unit, by_id[m], rules), m) for m in copies[:20]]
        score, best = max(scored, key=lambda item: (item[0], -item[1]))
        return Match("edited", best, round(score, 4))
    linked = [m for other in sorted(links.get(rep, ())) for m in _other_versions(members[other], unit.version, by_id)]
    if linked:
        scored = [(_cosine(unit, by_id[m]), m) for m in linked[:20]]
        score, best = max(scored, key=lambda item: (item[0], -item[1]))
        return Match("paraphrase", best, round(score, 4))
    return Match("novel")


def _prefer_order(
    units: Sequence[Unit],
    by_id: dict[int, Unit],
    reuse: dict[int, Match],
    cluster_of: dict[int, int],
    members: dict[int, list[int]],
) -> None:
    """Among equally good copies in one version, match each unit to the one that keeps the order.

    A version that repeats a paragraph has several equal matches for it; the
    unit takes the first one after the previous unit's match in that version.
    """
    last: dict[tuple[int, int], int] = {}
    for unit in units:
        match = reuse[unit.uid]
        if match.match is None or match.reuse not in ("verbatim", "edited"):
            continue
        target = by_id[match.match]
        equal = [
            m
            for m in members[cluster_of[unit.uid]]
            if by_id[m].version == target.version and by_id[m].key == target.key
        ]
        after = [m for m in equal if by_id[m].number > last.get((unit.version, target.version), -1)]
        chosen = min(after or equal, key=lambda m: by_id[m].number)
        if chosen != match.match:
            reuse[unit.uid] = Match(match.reuse, chosen, match.score)
        last[(unit.version, target.version)] = by_id[chosen].number


def _cosine(a: Unit, b: Unit) -> float:
    """Cosine of raw token counts (for reporting a paraphrase score; the links used TF-IDF)."""
    counts_a, norm_a = a.counts
    counts_b, norm_b = b.counts
    if len(counts_b) < len(counts_a):
        counts_a, counts_b = counts_b, counts_a
    dot = sum(value * counts_b.get(token, 0) for token, value in counts_a.items())
    return float(dot / (norm_a * norm_b)) if norm_a and norm_b else 0.0


def _pairs(
    units: Sequence[Unit],
    by_id: dict[int, Unit],
    cluster_of: dict[int, int],
    members: dict[int, list[int]],
    links: dict[int, set[int]],
    rules: AlignRules,
) -> list[Pair]:
    """Matched pairs across versions: copies within a cluster, paraphrases between linked clusters.

    Each unit lists at most ``max_links`` partners (the earliest in story
    order), so hundreds of copies do not make the table grow with the square.
    """
    pairs: dict[tuple[int, int], Pair] = {}
    for unit in units:
        rep = cluster_of[unit.uid]
        partners = [m for m in members[rep] if m != unit.uid and by_id[m].version != unit.version]
        for other in partners[: rules.max_links]:
            a, b = sorted((unit.uid, other))
            if (a, b) in pairs:
                continue
            same = by_id[a].key == by_id[b].key
            score = 1.0 if same else round(copy_similarity(by_id[a], by_id[b], rules), 4)
            pairs[(a, b)] = Pair(a, b, score, "verbatim" if same else "edited")
        linked = [m for other in sorted(links.get(rep, ())) for m in members[other] if by_id[m].version != unit.version]
        for other in linked[: rules.max_links]:
            a, b = sorted((unit.uid, other))
            if (a, b) not in pairs:
                pairs[(a, b)] = Pair(a, b, round(_cosine(by_id[a], by_id[b]), 4), "paraphrase")
    return sorted(pairs.values(), key=lambda p: (p.a, p.b))
