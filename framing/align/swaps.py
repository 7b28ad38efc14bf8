"""Word swaps between two aligned sentences: which words one version replaced, added or dropped.

Only close pairs are compared (at least ``SwapRules.min_shared`` of the
shorter sentence's words lie in runs the two share), and only short changes count as swaps: a
replaced, inserted or deleted run of at most ``max_words`` words between
unchanged words.  A rewritten clause yields no swaps.  Inside a longer
replaced run, a reporting verb replaced by another ("insisted after
Wednesday's talks" → "has confirmed") is still reported, because the change
of verb is the finding.

Each swap gets a ``kind`` from the lexicons, first that applies:
``reporting_verb``, ``loaded_term``, ``hedge``, ``number``, ``name``, ``other``.

>>> from framing.lexicons import builtin_lexicon
>>> a = "Stoltenberg insisted that NATO sees no threat."
>>> b = "Stoltenberg confirmed that NATO sees no threat."
>>> [(s.removed, s.added, s.kind, s.category_a, s.category_b) for s in find_swaps(a, b)]
[('insisted', 'confirmed', 'reporting_verb', 'emphatic', 'endorsing')]
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import NamedTuple

from framing.lexicons import Lexicon, builtin_lexicon
from framing.measure.names import is_name_token
from framing.read.lexicon_files import word_list
from framing.segment import Token, normalize_token, tokenize, word_tokens
from framing.segment.words import words_and_negations
from framing.settings import SwapRules

__all__ = ["Swap", "find_swaps", "swap_kind"]

_NUMBER_WORDS = word_list("number_words", "number")


@dataclass(frozen=True)
class Swap:
    """One change: ``removed`` (in sentence a) became ``added`` (in sentence b)."""

    removed: str
    added: str
    kind: str
    category_a: str
    category_b: str
    context_a: str
    context_b: str


def _norm(word: str) -> str:
    word = normalize_token(word)
    return "not" if word == "n't" else word


def _lexicon_hit(lexicon: Lexicon, tokens: list[Token], text: str) -> tuple[str, str] | None:
    matches = lexicon.match(tokens, text) if tokens else []
    return (matches[0].entry.lemma, matches[0].entry.category) if matches else None


def swap_kind(removed: str, added: str, lexicons: Mapping[str, Lexicon]) -> tuple[str, str, str]:
    """The kind of a swap and the lexicon categories of each side (``""`` where none).

    >>> from framing.lexicons import builtin_lexicon
    >>> names = ("reporting_verbs", "loaded", "hedges")
    >>> swap_kind("1,000", "2,000", {n: builtin_lexicon(n) for n in names})
    ('number', '', '')
    """
    sides = []
    for text in (removed, added):
        tokens = tokenize(text)
        sides.append((text, tokens))
    for kind, name in (("reporting_verb", "reporting_verbs"), ("loaded_term", "loaded"), ("hedge", "hedges")):
        lexicon = lexicons.get(name)
        if lexicon is None:
            continue
        hits = [_lexicon_hit(lexicon, tokens, text) for text, tokens in sides]
        if any(hits):
            return kind, hits[0][1] if hits[0] else "", hits[1][1] if hits[1] else ""
    words = [t.text for _text, tokens in sides for t in word_tokens(tokens)]
    if words and any(w[0].isdigit() or w.lower() in _NUMBER_WORDS for w in words):
        return "number", "", ""
    if words and any(is_name_token(w) for w in words):
        return "name", "", ""
    return "other", "", ""


def _context(tokens: list[Token], text: str, start: int, end: int, width: int) -> str:
    """``…left [changed] right…`` around tokens ``start:end`` (an insertion point when start == end)."""
    left = tokens[max(0, start - width) : start]
    right = tokens[end : end + width]
    changed = text[tokens[start].start : tokens[end - 1].end] if end > start else ""
    pieces = []
    if left:
        pieces.append(("…" if start - width > 0 else "") + text[left[0].start : left[-1].end])
    pieces.append(f"[{changed}]")
    if right:
        pieces.append(text[right[0].start : right[-1].end] + ("…" if end + width < len(tokens) else ""))
    return " ".join(pieces)


_PREFIX = {"reporting_verb": "stance", "loaded_term": "loaded", "hedge": "hedge"}


def _label(kind: str, category: str) -> str:
    """``"stance emphatic: "`` before a context, so the table says what the swap changed."""
    return f"{_PREFIX.get(kind, kind)} {category}: " if category else ""


def find_swaps(
    text_a: str,
    text_b: str,
    lexicons: Mapping[str, Lexicon] | None = None,
    rules: SwapRules | None = None,
) -> list[Swap]:
    """Swaps that turn sentence ``text_a`` into sentence ``text_b``; none when they are not close."""
    rules = rules or SwapRules()
    if lexicons is None:
        lexicons = {name: builtin_lexicon(name) for name in ("reporting_verbs", "loaded", "hedges")}
    tokens_a = words_and_negations(text_a)
    tokens_b = words_and_negations(text_b)
    norm_a = [_norm(t.text) for t in tokens_a]
    norm_b = [_norm(t.text) for t in tokens_b]
    if not norm_a or not norm_b:
        return []
    matcher = difflib.SequenceMatcher(None, norm_a, norm_b, autojunk=False)
    shared = sum(block.size for block in matcher.get_matching_blocks())
    if shared < rules.min_shared * min(len(norm_a), len(norm_b)):
        return []
    swaps: list[Swap | None] = []
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            continue
        a, b = _Run(text_a, tokens_a, a1, a2), _Run(text_b, tokens_b, b1, b2)
        if max(a2 - a1, b2 - b1) <= rules.max_words:
            swaps.append(_swap(a, b, lexicons, rules))
        elif op == "replace" and max(a2 - a1, b2 - b1) <= rules.max_verb_run:
            swaps.extend(_verb_swap(a, b, lexicons, rules))
    return [s for s in swaps if s is not None]


class _Run(NamedTuple):
    """Tokens ``start:end`` of a sentence's word tokens: one side of a changed run."""

    text: str
    tokens: list[Token]
    start: int
    end: int

    @property
    def words(self) -> str:
        """The run's text, from its first token to its last (empty for an insertion point)."""
        if self.end <= self.start:
            return ""
        return self.text[self.tokens[self.start].start : self.tokens[self.end - 1].end]

    def context(self, start: int, end: int, rules: SwapRules) -> str:
        return _context(self.tokens, self.text, start, end, rules.context_words)


def _swap(a: _Run, b: _Run, lexicons: Mapping[str, Lexicon], rules: SwapRules) -> Swap | None:
    removed, added = a.words, b.words
    if re.sub(r"\W", "", removed.lower()) == re.sub(r"\W", "", added.lower()):
        return None  # typography only (quote marks, hyphens)
    kind, category_a, category_b = swap_kind(removed, added, lexicons)
    return Swap(
        removed,
        added,
        kind,
        category_a,
        category_b,
        _label(kind, category_a) + a.context(a.start, a.end, rules),
        _label(kind, category_b) + b.context(b.start, b.end, rules),
    )


def _verb_swap(a: _Run, b: _Run, lexicons: Mapping[str, Lexicon], rules: SwapRules) -> list[Swap]:
    """A reporting verb replaced by another inside a longer rewritten run."""
    lexicon = lexicons.get("reporting_verbs")
    if lexicon is None:
        return []
    hits_a = lexicon.match(a.tokens[a.start : a.end], a.text)
    hits_b = lexicon.match(b.tokens[b.start : b.end], b.text)
    if not hits_a or not hits_b or hits_a[0].entry.lemma == hits_b[0].entry.lemma:
        return []
    verb_a, verb_b = hits_a[0], hits_b[0]
    # the tokens the verb overlaps (a hit can lie inside one token: "praised" in "2h-praised")
    ia = [i for i, t in enumerate(a.tokens) if t.end > verb_a.start and t.start < verb_a.end]
    ib = [i for i, t in enumerate(b.tokens) if t.end > verb_b.start and t.start < verb_b.end]
    return [
        Swap(
            verb_a.text,
            verb_b.text,
            "reporting_verb",
            verb_a.entry.category,
            verb_b.entry.category,
            _label("reporting_verb", verb_a.entry.category) + a.context(ia[0], ia[-1] + 1, rules),
            _label("reporting_verb", verb_b.entry.category) + b.context(ib[0], ib[-1] + 1, rules),
        )
    ]
