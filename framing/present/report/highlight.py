"""Highlighting: spans of a text to nested, HTML-escaped markup (:func:`highlight`).

Spans may overlap; the markup is always properly nested, and every character of
the text is escaped.

>>> str(highlight("a <fiasco>", [Span(2, 10, "loaded", "loaded", "loaded term", "mark")]))
'a <mark class="loaded" title="loaded term">&lt;fiasco&gt;</mark>'
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from markupsafe import Markup, escape

__all__ = ["Span", "highlight"]

#: Nesting rank of each kind of span: higher ranks win conflicts and sit inside lower ones.
_RANK = {"content": 0, "speaker": 1, "cue": 2, "swap": 3, "lexicon": 4, "loaded": 5}
#: Kinds that may be cut into several elements around others (long spans); all others stay one element.
_SPLITTABLE = frozenset({"content"})


@dataclass(frozen=True)
class Span:
    """A highlight: characters ``[start, end)`` of a text wrapped in ``<tag class=... title=...>``."""

    start: int
    end: int
    kind: str
    classes: str
    title: str
    tag: str = "span"

    @property
    def rank(self) -> int:
        return _RANK.get(self.kind, len(_RANK))

    def crosses(self, other: Span) -> bool:
        """Whether the two overlap without one holding the other."""
        return (self.start < other.start < self.end < other.end) or (other.start < self.start < other.end < self.end)


def highlight(text: str, spans: Iterable[Span]) -> Markup:
    """``text`` HTML-escaped, with every span wrapped in its element, properly nested.

    Spans may overlap.  A long span (a quotation's content) that crosses
    another is cut into several elements around it; a short span (a term, a
    cue, a speaker, a swap) is always exactly one element, widened to cover a
    higher-ranked short span it would otherwise cross.

    >>> str(highlight("a <b> c", [Span(0, 5, "content", "content", "x"), Span(2, 7, "loaded", "loaded", "y", "mark")]))
    '<span class="content" title="x">a </span><mark class="loaded" title="y"><span class="content" \
title="x">&lt;b&gt;</span> c</mark>'
    """
    nested = sorted(_laminar(_clip(spans, len(text))), key=lambda s: (s.start, -s.end, s.rank))
    out: list[str] = []
    position = 0
    stack: list[Span] = []
    for span in nested:
        while stack and stack[-1].end <= span.start:
            position = _close(text, position, stack.pop(), out)
        out.append(str(escape(text[position : span.start])))
        position = span.start
        out.append(f'<{span.tag} class="{escape(span.classes)}" title="{escape(span.title)}">')
        stack.append(span)
    while stack:
        position = _close(text, position, stack.pop(), out)
    out.append(str(escape(text[position:])))
    return Markup("".join(out))


def _close(text: str, position: int, span: Span, out: list[str]) -> int:
    out.append(str(escape(text[position : span.end])))
    out.append(f"</{span.tag}>")
    return span.end


def _clip(spans: Iterable[Span], length: int) -> list[Span]:
    """Spans inside ``[0, length)``, empty ones dropped, and one span (titles joined) for the same place and look."""
    titles: dict[Span, list[str]] = {}
    for span in spans:
        key = replace(span, start=max(0, span.start), end=min(length, span.end), title="")
        if key.start < key.end and span.title not in titles.setdefault(key, []):
            titles[key].append(span.title)
    merged = [replace(key, title=" | ".join(found)) for key, found in titles.items()]
    return sorted(merged, key=lambda s: (s.start, s.end, s.rank, s.classes, s.title))


def _laminar(spans: list[Span]) -> list[Span]:
    """The spans with crossings removed: short ones widened, long ones cut, so that any two nest or are apart."""
    accepted: list[Span] = []
    for span in sorted((s for s in spans if s.kind not in _SPLITTABLE), key=lambda s: -s.rank):
        while crossing := next((a for a in accepted if a.crosses(span)), None):
            span = replace(span, start=min(span.start, crossing.start), end=max(span.end, crossing.end))
        accepted.append(span)
    for span in sorted((s for s in spans if s.kind in _SPLITTABLE), key=lambda s: -s.rank):
        pieces = [span]
        while pieces:
            piece = pieces.pop()
            cut = next(
                (b for a in accepted if a.crosses(piece) for b in (a.start, a.end) if piece.start < b < piece.end), None
            )
            if cut is None:
                accepted.append(piece)
            else:
                pieces += [replace(piece, end=cut), replace(piece, start=cut)]
    return accepted
