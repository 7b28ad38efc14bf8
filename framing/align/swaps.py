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
        if max(a2 - a1, b2 - b1) <= rules.max_words:
            swaps.append(_swap(text_a, text_b, tokens_a, tokens_b, a1, a2, b1, b2, lexicons, rules))
        elif op == "replace" and max(a2 - a1, b2 - b1) <= rules.max_verb_run:
            swaps.extend(_verb_swap(text_a, text_b, tokens_a, tokens_b, a1, a2, b1, b2, lexicons, rules))
    return [s for s in swaps if s is not None]


def _swap(text_a, text_b, tokens_a, tokens_b, a1, a2, b1, b2, lexicons, rules) -> Swap | None:
    removed = text_a[tokens_a[a1].start : tokens_a[a2 - 1].end] if a2 > a1 else ""
    added = text_b[tokens_b[b1].start : tokens_b[b2 - 1].end] if b2 > b1 else ""
    if re.sub(r"\W", "", removed.lower()) == re.sub(r"\W", "", added.lower()):
        return None  # typography only (quote marks, hyphens)
    kind, category_a, category_b = swap_kind(removed, added, lexicons)
    return Swap(
        removed,
        added,
        kind,
        category_a,
        category_b,
        _label(kind, category_a) + _context(tokens_a, text_a, a1, a2, rules.context_words),
        _label(kind, category_b) + _context(tokens_b, text_b, b1, b2, rules.context_words),
    )


def _verb_swap(text_a, text_b, tokens_a, tokens_b, a1, a2, b1, b2, lexicons, rules) -> list[Swap]:
    """A reporting verb replaced by another inside a longer rewritten run."""
    lexicon = lexicons.get("reporting_verbs")
    if lexicon is None:
        return []
    span_a = tokens_a[a1:a2]
    span_b = tokens_b[b1:b2]
    hits_a = lexicon.match(span_a, text_a)
    hits_b = lexicon.match(span_b, text_b)
    if not hits_a or not hits_b or hits_a[0].entry.lemma == hits_b[0].entry.lemma:
        return []
    verb_a, verb_b = hits_a[0], hits_b[0]
    # the tokens the verb overlaps (a hit can lie inside one token: "praised" in "2h-praised")
    ia = [i for i, t in enumerate(tokens_a) if t.end > verb_a.start and t.start < verb_a.end]
    ib = [i for i, t in enumerate(tokens_b) if t.end > verb_b.start and t.start < verb_b.end]
    return [
        Swap(
            verb_a.text,
            verb_b.text,
            "reporting_verb",
            verb_a.entry.category,
            verb_b.entry.category,
            _label("reporting_verb", verb_a.entry.category)
            + _context(tokens_a, text_a, ia[0], ia[-1] + 1, rules.context_words),
            _label("reporting_verb", verb_b.entry.category)
            + _context(tokens_b, text_b, ib[0], ib[-1] + 1, rules.context_words),
        )
    ]
