"""The side-by-side layout: which paragraphs of a story's versions share a row (:func:`layout_rows`).

Matched paragraphs share a row, every column keeps its reading order, and a
paragraph whose match would break that order gets a row of its own.

>>> [row.cells for row in layout_rows(["a", "b"], {"a": [1, 2], "b": [1]}, [(("a", 2), ("b", 1))])]
[{'a': [1]}, {'a': [2], 'b': [1]}]
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

__all__ = ["MAX_GAP", "Node", "Row", "layout_rows"]

#: A paragraph more than this many paragraphs away from the rest of its match group gets a row of its own.
MAX_GAP = 2

#: A paragraph: its version (article id) and its number.
Node = tuple[str, int]


@dataclass
class Row:
    """One row of the side-by-side view: the paragraphs each version shows there, in reading order.

    ``moved`` marks a row of its own for a paragraph whose match lies
    elsewhere in its version's order (a crossing, or a match far from the
    rest of its group).
    """

    cells: dict[str, list[int]]
    moved: bool = False


def layout_rows(
    order: Sequence[str],
    paragraphs: Mapping[str, Sequence[int]],
    pairs: Iterable[tuple[Node, Node]],
    *,
    max_gap: int = MAX_GAP,
) -> list[Row]:
    """Rows of the side-by-side view, each mapping versions to the paragraphs they show there.

    ``order`` are the versions (columns), ``paragraphs`` each version's body
    paragraph numbers in reading order, ``pairs`` the matched paragraphs.
    Matched paragraphs share a row (transitively); a paragraph that condenses
    several others shares a row with all of them, stacked; every column keeps
    its own order, and a paragraph whose match would break that order (a
    crossing, or a match far from the rest of its group) gets a row of its own.

    >>> rows = layout_rows(["a", "b"], {"a": [1, 2, 3], "b": [1, 2]}, [(("a", 1), ("b", 1)), (("a", 3), ("b", 2))])
    >>> [row.cells for row in rows]
    [{'a': [1], 'b': [1]}, {'a': [2]}, {'a': [3], 'b': [2]}]
    """
    position = {(v, p): i for v in order for i, p in enumerate(paragraphs.get(v, ()))}
    edges = sorted({(min(a, b), max(a, b)) for a, b in pairs if a in position and b in position and a[0] != b[0]})
    groups, loose = _groups_without_outliers(position, edges, max_gap)
    blocks = _close_intervals(groups, position)
    rows = _place_blocks(order, paragraphs, blocks)
    return [
        Row(row.cells, moved=row.moved or (len(row.cells) == 1 and _nodes(row) <= loose and not _absorbed(row, blocks)))
        for row in rows
    ]


def _nodes(row: Row) -> set[Node]:
    return {(v, p) for v, numbers in row.cells.items() for p in numbers}


def _absorbed(row: Row, blocks: dict[Node, Node]) -> bool:
    """Whether the row's paragraphs were taken into a block of others (so they did not move)."""
    return any(blocks[node] != node for node in _nodes(row))


class _UnionFind:
    def __init__(self, items: Iterable[Any]):
        self.parent = {item: item for item in items}

    def find(self, item: Any) -> Any:
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def union(self, a: Any, b: Any) -> bool:
        root_a, root_b = self.find(a), self.find(b)
        if root_a == root_b:
            return False
        self.parent[max(root_a, root_b)] = min(root_a, root_b)
        return True


def _groups(nodes: Iterable[Node], edges: Iterable[tuple[Node, Node]]) -> dict[Node, Node]:
    """Each paragraph's group (connected component of the matches), named by its smallest member."""
    sets = _UnionFind(nodes)
    for a, b in edges:
        sets.union(a, b)
    return {node: sets.find(node) for node in sets.parent}


def _groups_without_outliers(
    position: dict[Node, int], edges: list[tuple[Node, Node]], max_gap: int
) -> tuple[dict[Node, Node], set[Node]]:
    """Match groups, after cutting loose paragraphs that lie far from the rest of their group in their version."""
    loose: set[Node] = set()
    while True:
        group = _groups(position, [(a, b) for a, b in edges if a not in loose and b not in loose])
        members: dict[tuple[Node, str], list[Node]] = defaultdict(list)
        for node, root in group.items():
            members[(root, node[0])].append(node)
        outliers = {
            node
            for nodes in members.values()
            for node in _far_from_main_run(sorted(nodes, key=position.__getitem__), position, max_gap)
        }
        if not outliers:
            return group, loose
        loose |= outliers


def _far_from_main_run(nodes: list[Node], position: Mapping[Node, int], max_gap: int) -> list[Node]:
    """Nodes outside the largest run of ``nodes`` in which neighbours lie at most ``max_gap`` paragraphs apart."""
    runs: list[list[Node]] = [[nodes[0]]]
    for node in nodes[1:]:
        if position[node] - position[runs[-1][-1]] > max_gap + 1:
            runs.append([])
        runs[-1].append(node)
    main = max(runs, key=len)
    return [node for run in runs if run is not main for node in run]


def _close_intervals(group: dict[Node, Node], position: dict[Node, int]) -> dict[Node, Node]:
    """Merge groups that interleave within a version, so that each group is one unbroken run in every column."""
    sets = _UnionFind(sorted(set(group.values())))
    at = {(node[0], place): node for node, place in position.items()}
    changed = True
    while changed:
        changed = False
        spans: dict[tuple[Node, str], list[int]] = {}
        for node, place in position.items():
            key = (sets.find(group[node]), node[0])
            low, high = spans.get(key, [place, place])
            spans[key] = [min(low, place), max(high, place)]
        for (root, version), (low, high) in sorted(spans.items()):
            for place in range(low + 1, high):
                changed |= sets.union(root, group[at[(version, place)]])
    return {node: sets.find(root) for node, root in group.items()}


@dataclass(frozen=True)
class _Alone:
    """The block of a paragraph that left its match group's row because its version orders them differently."""

    version: str
    number: int


def _place_blocks(
    order: Sequence[str], paragraphs: Mapping[str, Sequence[int]], block_of: dict[Node, Node]
) -> list[Row]:
    """Order the blocks into rows, version by version, keeping every column in its own reading order.

    Each version in turn: its blocks already placed by earlier versions are
    kept where they are if they follow its order (the heaviest increasing
    subsequence); its paragraphs in the other placed blocks (crossings) leave
    them for rows of their own; new blocks go just before the next kept one.
    """
    cells: dict[Hashable, dict[str, list[int]]] = defaultdict(dict)
    for (version, number), block in block_of.items():
        cells[block].setdefault(version, []).append(number)
    rows: list[Hashable] = []
    for version in order:
        sequence = list(dict.fromkeys(block_of[(version, p)] for p in paragraphs.get(version, ())))
        index = {block: i for i, block in enumerate(rows)}
        placed = [b for b in sequence if b in index]
        kept = set(_increasing(placed, [index[b] for b in placed], [len(cells[b][version]) for b in placed]))
        inserts: dict[int, list[Hashable]] = defaultdict(list)
        pending: list[Hashable] = []
        for block in sequence:
            if block in kept:
                inserts[index[block]] += pending
                pending = []
            elif block in index:
                for number in cells[block].pop(version):
                    cells[_Alone(version, number)] = {version: [number]}
                    pending.append(_Alone(version, number))
            else:
                pending.append(block)
        inserts[len(rows)] += pending
        rows = [b for i, block in enumerate(rows) for b in [*inserts[i], block]] + inserts[len(rows)]
    return [
        Row({v: _in_order(cells[b][v], paragraphs[v]) for v in order if v in cells[b]}, moved=isinstance(b, _Alone))
        for b in rows
        if cells[b]
    ]


def _in_order(numbers: list[int], reading_order: Sequence[int]) -> list[int]:
    rank = {number: i for i, number in enumerate(reading_order)}
    return sorted(numbers, key=rank.__getitem__)


def _increasing(items: Sequence[Hashable], keys: Sequence[int], weights: Sequence[int]) -> list[Hashable]:
    """The heaviest subsequence of ``items`` whose ``keys`` increase (earliest on ties)."""
    if not items:
        return []
    best = list(weights)
    previous = [-1] * len(items)
    for i in range(len(items)):
        for j in range(i):
            if keys[j] < keys[i] and best[j] + weights[i] > best[i]:
                best[i], previous[i] = best[j] + weights[i], j
    i = max(range(len(items)), key=lambda k: (best[k], -k))
    chosen = []
    while i >= 0:
        chosen.append(items[i])
        i = previous[i]
    return chosen[::-1]
