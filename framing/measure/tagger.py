"""The attribution tagger's sequences: which sentences it reads, each token's features, and spans from its labels.

A learned tagger (a CRF, :mod:`framing.measure.learned_attribution`) labels
the tokens of a run of sentences as the *cue*, *source* or *content* of an
attribution (BIO tags; one joint label per token, its source/cue label and
its content label, :func:`joint_labels`).  It reads only the sentences that
can hold one: a hit of the ``reporting_verbs`` lexicon, a quote mark, a
colon or "according", or inside a quotation (a paragraph's consecutive ones
as one sequence).  Each token's features are few, as the time of building
and tagging them grows with their number: its word, shape, suffix and part
of speech (:mod:`framing.models.pos`), the cue lexicon's hit and stance,
whether it is inside a quotation, its role in the rules' attributions
(:func:`~framing.measure.attribution.find_attributions`), and the word, part
of speech and marks of the tokens just before and after it.

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
from itertools import pairwise
from typing import NamedTuple

from framing.lexicons import LexiconMatch
from framing.measure.attribution import Attribution
from framing.measure.quotes import Quote, quotes_over
from framing.measure.units import Sentence
from framing.models import pos
from framing.segment import Token

__all__ = [
    "ROLES",
    "Passage",
    "joint_labels",
    "joint_spans",
    "labels_of",
    "passage_features",
    "passages",
    "spans_of",
    "word_features",
]

#: The roles the tagger labels, as ``framing eval polnear`` scores them.
ROLES = ("source", "cue", "content")

_QUOTE_MARKS = frozenset('“”"„«»‟')


class Passage(NamedTuple):
    """A run of body sentences the tagger reads as one sequence (a paragraph's), with their tokens."""

    sentences: tuple[Sentence, ...]
    tokens: tuple[Token, ...]


def _candidate(sentence: Sentence, hits: Sequence[LexiconMatch], quotes: Sequence[Quote]) -> bool:
    """A sentence that can hold an attribution: a cue lexicon hit, a quote mark, a colon, "according", or
    a sentence inside a quotation (the middle of a quotation over three sentences)."""
    if hits:
        return True
    text = sentence.text
    if ":" in text or "according" in text or any(mark in text for mark in _QUOTE_MARKS):
        return True
    return bool(quotes_over(quotes, sentence.start, sentence.end))


def passages(
    sentences: Sequence[Sentence],
    hits: Sequence[Sequence[LexiconMatch]],
    quotes: Sequence[Quote] = (),
    *,
    max_tokens: int | None = None,
) -> list[Passage]:
    """The runs of candidate sentences (:func:`_candidate`) in a paragraph; ``hits`` are each sentence's
    cue lexicon hits, ``quotes`` the article's quotations.  A run that would grow past ``max_tokens``
    tokens (:attr:`~framing.settings.AttributionRules.max_passage_tokens`) ends before the sentence that
    would pass it: the tagger's memory grows with the longest passage it reads."""
    out: list[Passage] = []
    group: list[Sentence] = []
    size = 0
    for sentence, sentence_hits in zip(sentences, hits, strict=True):
        wanted = _candidate(sentence, sentence_hits, quotes)
        full = max_tokens is not None and size + len(sentence.tokens) > max_tokens
        if group and (not wanted or group[-1].paragraph != sentence.paragraph or full):
            out.append(Passage(tuple(group), tuple(t for s in group for t in s.tokens)))
            group, size = [], 0
        if wanted:
            group.append(sentence)
            size += len(sentence.tokens)
    if group:
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
    return list(_word(word)[0])


@lru_cache(maxsize=65536)
def _word(word: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """A word's features as the token itself, as the token after it sees it, and as the token before it."""
    lower = word.lower()
    tag = pos.tag(word)
    own = (f"w={lower}", f"shape={_shape(word)}", f"suf={lower[-3:]}", f"pos={tag}")
    return own, (f"-1w={lower}", f"-1pos={tag}"), (f"1w={lower}", f"1pos={tag}")


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
    for quote in quotes_over(quotes, first, last):  # the article's quotations: most are elsewhere
        mark(quote.start, quote.end, "quote")
    for row in rules:
        mark(row.cue_start, row.cue_end, "rcue")
        mark(row.speaker_start, row.speaker_end, "rsrc")
        mark(row.content_start, row.content_end, "rcon")
        if row.continuation:
            mark(row.content_start, row.content_end, "rcont")
    return marks


_EDGE_BEFORE, _EDGE_AFTER = ("-1edge",), ("1edge",)


def passage_features(
    passage: Passage,
    hits: Sequence[LexiconMatch],
    quotes: Sequence[Quote],
    rules: Sequence[Attribution],
) -> list[list[str]]:
    """Each token's features in ``passage``: its own, its marks (:func:`_marks`), its neighbours' words,
    parts of speech and marks, and its word pairs with them (source exact F1 +0.005 on the dev quarter)."""
    tokens = passage.tokens
    marks = _marks(tokens, hits, quotes, rules)
    offset = 0  # the passage's tokens are its sentences' tokens, one sentence after the other
    for sentence in passage.sentences:
        if sentence.tokens:
            marks[offset].append("sent_start")
            marks[offset + len(sentence.tokens) - 1].append("sent_end")
        offset += len(sentence.tokens)
    words = [_word(t.text) for t in tokens]
    before = [_EDGE_BEFORE] + [w[1] for w in words[:-1]]
    after = [w[2] for w in words[1:]] + [_EDGE_AFTER]
    lows = [w[0][0][2:] for w in words]
    pairs = [f"{a}|{b}" for a, b in pairwise(lows)]  # a token's bigram with the next
    left = [()] + [(f"-bi={p}",) for p in pairs]
    right = [(f"+bi={p}",) for p in pairs] + [()]
    seen_after = [()] + [[f"-1{m}" for m in found if m[0] != "E"] for found in marks[:-1]]
    seen_before = [[f"+1{m}" for m in found if m[0] != "E"] for found in marks[1:]] + [()]
    return [
        [*w[0], *m, *b, *a, *sa, *sb, *lf, *rt]
        for w, m, b, a, sa, sb, lf, rt in zip(
            words, marks, before, after, seen_after, seen_before, left, right, strict=True
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


def joint_labels(roles: Sequence[str], contents: Sequence[str]) -> list[str]:
    """One label per token from its source/cue label and its content label (``B-cue|I-content``): one CRF
    labels both, as a content can hold a source and a cue."""
    return [f"{role}|{content}" for role, content in zip(roles, contents, strict=True)]


def joint_spans(labels: Sequence[str], tokens: Sequence[Token]) -> list[tuple[str, int, int]]:
    """The spans of :func:`joint_labels` labels: sources and cues, then contents."""
    pairs = [label.partition("|") for label in labels]
    return spans_of([p[0] for p in pairs], tokens) + spans_of([p[2] for p in pairs], tokens)
