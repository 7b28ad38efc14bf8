"""Which of many spans overlap a span, found by bisection instead of a scan of all of them.

Linking an article's attributions asks, for each cue or passage, which of the
article's other spans overlap it; a scan of every span each time costs the
square of the article's length.  :class:`SpanIndex` sorts the spans once and
answers each question from those that start within the longest span's length.

>>> index = SpanIndex([(10, 20), (None, None), (0, 5), (18, 30)])
>>> index.overlapping(15, 19), index.first(4, 12), index.overlapping(5, 10), index.starting_in(0, 18)
([0, 3], 0, [], [0, 2])
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable

__all__ = ["SpanIndex"]


class SpanIndex:
    """Spans ``(start, end)`` (``None`` for a span that is not there), to find those overlapping ``[start, end)``."""

    def __init__(self, spans: Iterable[tuple[int | None, int | None]]) -> None:
        present = sorted((s, e, i) for i, (s, e) in enumerate(spans) if s is not None and e is not None)
        self._starts = [s for s, _, _ in present]
        self._spans = present
        self._longest = max((e - s for s, e, _ in present), default=0)

    def overlapping(self, start: int | None, end: int | None) -> list[int]:
        """The positions (in the order given) of the spans with ``span_start < end`` and ``start < span_end``
        (none when ``start`` or ``end`` is ``None``)."""
        if start is None or end is None:
            return []
        low = bisect_left(self._starts, start - self._longest)
        high = bisect_left(self._starts, end)
        return sorted(i for s, e, i in self._spans[low:high] if s < end and start < e)

    def starting_in(self, start: int, end: int) -> list[int]:
        """The positions (in the order given) of the spans that start in ``[start, end)``."""
        low, high = bisect_left(self._starts, start), bisect_left(self._starts, end)
        return sorted(i for _, _, i in self._spans[low:high])

    def first(self, start: int | None, end: int | None) -> int | None:
        """The first position (in the order given) of a span overlapping ``[start, end)``; ``None`` if none."""
        found = self.overlapping(start, end)
        return found[0] if found else None
