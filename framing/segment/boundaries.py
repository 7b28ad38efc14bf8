"""Sentence boundaries: split text into sentences with character offsets, offline.

The splitter is rule based and tuned to news typography: abbreviations
("U.S.", "Mr.", "Sen.", "Nov. 22"), initials, closing quotes after the full
stop, ellipses and datelines such as "SKOPJE, North Macedonia (AP) —".  Its
boundary F1 against CoreNLP is measured by ``framing eval sentences`` (see
the README).

>>> [text for _, _, text in sentences("Mr. Rama met U.S. officials. He left.")]
['Mr. Rama met U.S. officials.', 'He left.']
"""

from __future__ import annotations

import re

from framing.read.lexicon_files import word_list

__all__ = ["ABBREVIATIONS", "SENTENCE_OPENERS", "sentence_spans", "sentences"]

#: Abbreviations by how they behave before a full stop (word list ``sentence_words``).  ``title``: always
#: followed by a name ("Mr. Rama"); ``before_number``: continues before a digit ("Nov. 22", "No. 1");
#: ``ambiguous``: ends a sentence only when the next word is a typical sentence opener ("... in Calif. The ...").
ABBREVIATIONS: dict[str, frozenset[str]] = {
    kind: word_list("sentence_words", kind) for kind in ("title", "before_number", "ambiguous")
}

#: Closed-class words that typically open a sentence; after an ambiguous abbreviation ("U.S.", "Inc.") a
#: capitalised next word only starts a new sentence when it is one of these.
SENTENCE_OPENERS = word_list("sentence_words", "opener")

#: A run of full stops, ellipses, "!" and "?" (with closing quotes or brackets) before white space;
#: it begins with a character class, so that the search can skip to the next candidate quickly.
_TERMINATOR_RE = re.compile(r"[.!?…][.!?…]*[\"”’'»)\]]*(?=\s)")
_CLOSERS = "\"”’'»)]"
_OPENERS = "\"“‘'«(["
_PREV_WORD_RE = re.compile(r"[\w.'’-]++$")  # possessive: giving characters back never reaches the end
#: How far back to look for the word before a full stop (searching from the text's start is quadratic).
_LOOKBACK = 256
#: A first, narrower look back that finds almost every word before a full stop.
_NEAR = 24
_NEXT_WORD_RE = re.compile(r"[\w'’.-]+")
_SPACED_ELLIPSIS_RE = re.compile(r"\.\s\.\s?$")
_INITIAL_RE = re.compile(r"^[A-Z]$")
_DOTTED_RE = re.compile(r"^(?:[A-Za-z]{1,2}\.)+[A-Za-z]{0,2}$")


def _word_before(text: str, end: int) -> str:
    """The word (with dots, apostrophes and hyphens) ending at ``end``, at most :data:`_LOOKBACK` long.

    The same as searching ``[\\w.'’-]++$`` in the last ``_LOOKBACK`` characters, but
    searched first in the last :data:`_NEAR`: a search finds the leftmost start, so a
    match that starts after the narrow window's first character is the same match in
    the wide window; only one that reaches that first character needs the wide one.
    """
    lowest = max(0, end - _LOOKBACK)
    near = max(lowest, end - _NEAR)
    match = _PREV_WORD_RE.search(text, near, end)
    if match is not None and match.start() == near and near > lowest:
        match = _PREV_WORD_RE.search(text, lowest, end)
    return match.group() if match else ""


def _is_boundary(text: str, term_start: int, term_end: int, limit: int) -> bool:
    """Decide whether the terminator ``text[term_start:term_end]`` ends a sentence."""
    nxt = term_end
    while nxt < limit and text[nxt].isspace():
        nxt += 1
    if nxt >= limit:
        return True
    first = text[nxt]
    if first.islower():
        return False
    if first == ".":
        return False  # the first dots of ". . ."
    terminator = text[term_start:term_end]
    punct = terminator.rstrip(_CLOSERS)
    starts_quote = first in _OPENERS
    if "?" in punct or "!" in punct:
        return True
    if (
        punct.startswith("…")
        or punct.startswith("...")
        or _SPACED_ELLIPSIS_RE.search(text, max(0, term_start - 4), term_start)
    ):
        return starts_quote
    if terminator[-1] in _CLOSERS:
        return True
    prev = _word_before(text, term_start)
    prev = prev.lstrip("'’-")
    bare = prev.rstrip(".").lower()
    if _INITIAL_RE.match(prev):
        return False
    if bare in ABBREVIATIONS["title"]:
        return False
    if bare in ABBREVIATIONS["before_number"] and prev[:1].isupper():
        return not first.isdigit() and _opens_sentence(text, nxt, limit, starts_quote)
    if bare in ABBREVIATIONS["ambiguous"] or (_DOTTED_RE.match(prev + ".") and "." in prev):
        return _opens_sentence(text, nxt, limit, starts_quote)
    return True


def _opens_sentence(text: str, nxt: int, limit: int, starts_quote: bool) -> bool:
    """Whether the text at ``nxt`` opens a sentence: a quote mark, or a word of :data:`SENTENCE_OPENERS`."""
    if starts_quote:
        return True
    word_match = _NEXT_WORD_RE.match(text, nxt, limit)
    return word_match is not None and word_match.group().lower() in SENTENCE_OPENERS


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """``[start, end)`` spans of the sentences in ``text[start:end]``.

    Leading and trailing white space is excluded from each span; a span
    never crosses ``end`` (callers pass one paragraph at a time).

    >>> text = '“We are cautious,” Stoltenberg said. “We watch.” He left on Nov. 22.'
    >>> [text[s:e] for s, e in sentence_spans(text)]
    ['“We are cautious,” Stoltenberg said.', '“We watch.”', 'He left on Nov. 22.']
    """
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    begin = start
    for match in _TERMINATOR_RE.finditer(text, start, end):
        if _is_boundary(text, match.start(), match.end(), end):
            spans.append((begin, match.end()))
            begin = match.end()
    spans.append((begin, end))
    trimmed = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            trimmed.append((s, e))
    return trimmed


def sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
    """Sentences of ``text[start:end]`` as ``(start, end, text)`` triples.

    >>> sentences("It rained. It stopped.")
    [(0, 10, 'It rained.'), (11, 22, 'It stopped.')]
    """
    return [(s, e, text[s:e]) for s, e in sentence_spans(text, start, end)]
