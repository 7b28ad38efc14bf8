"""The attribution tagger's sequences: which paragraphs it reads, each token's features, and spans from its labels.

A learned tagger (a CRF, :mod:`framing.measure.learned_attribution`) labels
the tokens of a paragraph as the *cue*, *source* or *content* of an
attribution (BIO tags).  It reads only paragraphs that can hold one: a
sentence with a hit of the ``reporting_verbs`` lexicon, a quote mark, a
colon or "according".  Each token's features are its word, shape, suffix and
part of speech (:mod:`framing.models.pos`), the cue lexicon's hit and stance,
whether it is inside a quotation, its role in the rules' attributions
(:func:`~framing.measure.attribution.find_attributions`), and the same of its
neighbours.

>>> from framing.segment import tokenize
>>> text = "Rama said it rained."
>>> tokens = tokenize(text)
>>> spans_of(["B-source", "B-cue", "B-content", "I-content", "O"], tokens)
[('source', 0, 4), ('cue', 5, 9), ('content', 10, 19)]
>>> word_features("Rama")[:3]
['w=rama', 'shape=Xx', 'suf=ama']
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

from framing.lexicons import LexiconMatch
from framing.measure.attribution import Attribution
from framing.measure.quotes import Quote
from framing.measure.units import Sentence
from framing.models import pos
from framing.segment import Token

__all__ = ["ROLES", "Passage", "labels_of", "passage_features", "passages", "spans_of", "word_features"]

#: The roles the tagger labels, as ``framing eval polnear`` scores them.
ROLES = ("source", "cue", "content")

_QUOTE_MARKS = frozenset('“”"„«»‟')


class Passage(NamedTuple):
    """A run of body sentences the tagger reads as one sequence (a paragraph's), with their tokens."""

    sentences: tuple[Sentence, ...]
    tokens: tuple[Token, ...]


def _candidate(sentence: Sentence, hits: Sequence[LexiconMatch]) -> bool:
    """A sentence that can hold an attribution: a cue lexicon hit, a quote mark, a colon, "according"."""
    if hits:
        return True
    text = sentence.text
    return ":" in text or "according" in text or any(mark in text for mark in _QUOTE_MARKS)


def passages(sentences: Sequence[Sentence], hits: Sequence[Sequence[LexiconMatch]]) -> list[Passage]:
    """The paragraphs (as runs of ``sentences``) with at least one candidate sentence; ``hits`` are each
    sentence's cue lexicon hits."""
    out: list[Passage] = []
    group: list[Sentence] = []
    wanted = False
    for sentence, sentence_hits in zip(sentences, hits, strict=True):
        if group and group[-1].paragraph != sentence.paragraph:
            if wanted:
                out.append(Passage(tuple(group), tuple(t for s in group for t in s.tokens)))
            group, wanted = [], False
        group.append(sentence)
        wanted = wanted or _candidate(sentence, sentence_hits)
    if group and wanted:
        out.append(Passage(tuple(group), tuple(t for s in group for t in s.tokens)))
    return out


def _shape(word: str) -> str:
    """A short shape: ``Xx`` (capitalised), ``x``, ``X`` (all capitals), ``d`` (digits), else the word
    itself when it is punctuation, else ``o``."""
    if word.isalpha():
        if word.islower():
            return "x"
        if word.isupper():
            return "X" if len(word) > 1 else "Xx"
        return "Xx" if word[0].isupper() else "xX"
    if word[:1].isdigit():
        return "d"
    if not any(c.isalnum() for c in word):
        return word[:3]
    return "o"


@lru_cache(maxsize=65536)
def word_features(word: str) -> list[str]:
    """The features of a word without context: lower-cased form, shape, suffix, part of speech."""
    lower = word.lower()
    tag = pos.tag(word)
    return [f"w={lower}", f"shape={_shape(word)}", f"suf={lower[-3:]}", f"pos={tag}", f"pos2={tag[:2]}"]


@lru_cache(maxsize=131072)
def _neighbour_features(word: str, offset: int) -> tuple[str, str]:
    """A neighbour's word and part of speech as features of the token ``offset`` tokens away."""
    return f"{offset}w={word.lower()}", f"{offset}pos={pos.tag(word)}"


@lru_cache(maxsize=131072)
def _bigram(first: str, second: str, side: str = "-") -> str:
    """Two neighbouring words as one feature, of the second token (``-``) or the first (``+``)."""
    return f"{side}bi={first.lower()}|{second.lower()}"


def _marks(
    tokens: Sequence[Token],
    hits: Sequence[LexiconMatch],
    quotes: Sequence[Quote],
    rules: Sequence[Attribution],
) -> list[list[str]]:
    """Each token's marks from the lexicon, the quotations and the rules' attributions."""
    marks: list[list[str]] = [[] for _ in tokens]
    starts = [t.start for t in tokens]
    first, last = (starts[0], tokens[-1].end) if tokens else (0, 0)

    def mark(start: int | None, end: int | None, name: str) -> None:
        if start is None or end is None or end <= first or start >= last:
            return
        inside = range(bisect_left(starts, start), bisect_left(starts, end))
        for n, i in enumerate(inside):
            marks[i].append(("B-" if n == 0 else "I-") + name)
        if inside:
            marks[inside[-1]].append("E-" + name)

    for hit in hits:
        mark(hit.start, hit.end, "lex")
        mark(hit.start, hit.end, "lex:" + hit.entry.category)
        mark(hit.start, hit.end, "lemma:" + hit.entry.lemma)
    for quote in quotes:
        mark(quote.start, quote.end, "quote")
    for row in rules:
        mark(row.cue_start, row.cue_end, "rcue")
        mark(row.speaker_start, row.speaker_end, "rsrc")
        mark(row.content_start, row.content_end, "rcon")
        if row.continuation:
            mark(row.content_start, row.content_end, "rcont")
    return marks


def passage_features(
    passage: Passage,
    hits: Sequence[LexiconMatch],
    quotes: Sequence[Quote],
    rules: Sequence[Attribution],
) -> list[list[str]]:
    """Each token's features in ``passage``: its own, its marks (:func:`_marks`), and its neighbours'."""
    tokens = passage.tokens
    marks = _marks(tokens, hits, quotes, rules)
    for sentence in passage.sentences:
        if sentence.tokens:
            marks[tokens.index(sentence.tokens[0])].append("sent_start")
            marks[tokens.index(sentence.tokens[-1])].append("sent_end")
    texts = [t.text for t in tokens]
    n = len(texts)
    edges = {offset: [(f"{offset}edge",)] * min(abs(offset), n) for offset in (-2, -1, 1, 2)}
    before2 = edges[-2] + [_neighbour_features(w, -2) for w in texts[:-2]]
    before1 = edges[-1] + [_neighbour_features(w, -1) for w in texts[:-1]]
    after1 = [_neighbour_features(w, 1) for w in texts[1:]] + edges[1]
    after2 = [_neighbour_features(w, 2) for w in texts[2:]] + edges[2]
    seen_after = [tuple(f"-1{m}" for m in found if m[0] != "E") for found in marks]  # as the next token sees them
    seen_before = [tuple(f"+1{m}" for m in found if m[0] != "E") for found in marks]
    left = [()] + [(_bigram(a, b), *seen) for a, b, seen in zip(texts, texts[1:], seen_after, strict=False)]
    right = [(_bigram(a, b, "+"), *seen) for a, b, seen in zip(texts, texts[1:], seen_before[1:], strict=False)] + [()]
    return [
        [*word_features(w), *m, *b2, *b1, *a1, *a2, *lf, *rt]
        for w, m, b2, b1, a1, a2, lf, rt in zip(
            texts, marks, before2, before1, after1, after2, left, right, strict=True
        )
    ]


def labels_of(tokens: Sequence[Token], spans: Sequence[tuple[str, int, int]]) -> list[str]:
    """BIO labels of ``tokens`` for gold ``spans`` (role, start, end); a token in two spans keeps the first
    given (callers order them by priority)."""
    labels = ["O"] * len(tokens)
    starts = [t.start for t in tokens]
    for role, start, end in spans:
        inside = range(bisect_left(starts, start), bisect_left(starts, end))
        if not inside or any(labels[i] != "O" for i in inside):
            continue
        for n, i in enumerate(inside):
            labels[i] = ("B-" if n == 0 else "I-") + role
    return labels


def spans_of(labels: Sequence[str], tokens: Sequence[Token]) -> list[tuple[str, int, int]]:
    """The spans (role, start, end) of BIO ``labels`` over ``tokens``; an ``I-`` after another role starts one."""
    out: list[tuple[str, int, int]] = []
    role = ""
    start = end = 0
    for label, token in zip(labels, tokens, strict=True):
        kind, _, name = label.partition("-")
        if kind == "I" and name == role:
            end = token.end
            continue
        if role:
            out.append((role, start, end))
            role = ""
        if kind in {"B", "I"}:
            role, start, end = name, token.start, token.end
    if role:
        out.append((role, start, end))
    return out
