"""Segment text into sentences and tokens with character offsets, offline.

Every span is ``[start, end)`` into the article text as read, so any finding
can be highlighted exactly.  The sentence splitter is rule based and tuned to
news typography: abbreviations ("U.S.", "Mr.", "Sen.", "Nov. 22"),
initials, closing quotes after the full stop, ellipses and datelines such as
"SKOPJE, North Macedonia (AP) —".  Its boundary F1 against CoreNLP is
measured by ``framing eval sentences`` (see the README).

>>> [text for _, _, text in sentences("Mr. Rama met U.S. officials. He left.")]
['Mr. Rama met U.S. officials.', 'He left.']
>>> [t.text for t in tokenize("Kosovo's border wasn't calm.")]
['Kosovo', "'s", 'border', 'was', "n't", 'calm', '.']
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

__all__ = [
    "ABBREVIATIONS",
    "Token",
    "normalize_token",
    "sentence_spans",
    "sentences",
    "tokenize",
    "tokens_between",
    "word_tokens",
]


class Token(NamedTuple):
    """A token: its text and ``[start, end)`` offsets in the article text."""

    text: str
    start: int
    end: int


# --- tokens -----------------------------------------------------------------

_APOS = "'’"
_TOKEN_RE = re.compile(
    r"""
    (?:https?://|www\.)\S+[^\s.,;:!?)\]"'”’]        # URL
  | [\w.+-]+@[\w-]+\.[\w.-]*\w                       # e-mail
  | (?:[A-Za-z]\.){2,}(?![A-Za-z])                   # U.S.  a.m.  D.C.
  | \d+(?:[.,:/-]\d+)*(?:st|nd|rd|th|s|%)?            # 1,000  10:36  2023-09-30  1990s
  | \w+(?=n['’]t\b)                                  # does|n't
  | n['’]t\b                                          # n't
  | ['’](?:s|re|ve|ll|d|m)\b(?=\W|$)                  # 's 're ...
  | \#\w+                                            # hashtag
  | \w+(?:[-'’](?!(?:s|re|ve|ll|d|m)\b)\w+)*         # words, hyphenated and O'Neil
  | \.\.\.|--|\S                                     # punctuation
    """,
    re.VERBOSE,
)


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of ``text[start:end]`` with offsets into ``text``.

    Clitics are split as in the Penn Treebank ("was" + "n't", "Kosovo" + "'s"),
    hyphenated words stay whole ("ultra-nationalist"), numbers keep their
    separators ("1,000", "10:36").

    >>> [t.text for t in tokenize("About 1,000 U.S. troops.")]
    ['About', '1,000', 'U.S.', 'troops', '.']
    """
    end = len(text) if end is None else end
    new = tuple.__new__  # builds the named tuple without the Python-level __new__ call: tokenizing is hot
    return [new(Token, (m.group(), m.start(), m.end())) for m in _TOKEN_RE.finditer(text, start, end)]


def tokens_between(tokens: Sequence[Token], starts: Sequence[int], start: int, end: int) -> list[Token]:
    """The tokens of ``tokens`` (with ``starts`` their start offsets) inside ``[start, end)``.

    Tokenizing a text once and slicing gives the same tokens as tokenizing
    each block or sentence again, since those split at white space.

    >>> text = "It rained. Rama left."
    >>> tokens = tokenize(text)
    >>> [t.text for t in tokens_between(tokens, [t.start for t in tokens], 11, 21)]
    ['Rama', 'left', '.']
    """
    return list(tokens[bisect_left(starts, start) : bisect_left(starts, end)])


_NEGATION_CLITICS = frozenset({"n't", "n’t", "N'T", "N’T"})


def word_tokens(tokens: list[Token]) -> list[Token]:
    """The tokens that are words or numbers (not punctuation or clitics).

    >>> len(word_tokens(tokenize("He didn't go, did he?")))
    5
    """
    return [
        t
        for t in tokens
        if (t.text[0].isalnum() and t.text not in _NEGATION_CLITICS) or (t.text[0] == "#" and len(t.text) > 1)
    ]


@lru_cache(maxsize=200_000)
def normalize_token(text: str) -> str:
    """Lower-case a token and unify curly apostrophes, for matching.

    >>> normalize_token("Kosovo’s")
    "kosovo's"
    """
    return text.lower().replace("’", "'").replace("‘", "'")


# --- sentences ----------------------------------------------------------------

#: Abbreviations by how they behave before a full stop.  ``title``: always
#: followed by a name ("Mr. Rama"); ``before_number``: continues before a
#: digit ("Nov. 22", "No. 1"); ``ambiguous``: ends a sentence only when the
#: next word is a typical sentence opener ("... in Calif. The ...").
ABBREVIATIONS: dict[str, frozenset[str]] = {
    "title": frozenset(
        """mr mrs ms messrs mmes dr prof rev hon pres sen sens rep reps gov govs gen gens lt col capt cmdr
    sgt cpl pvt adm maj brig supt atty msgr fr st ste mt ft sr jr""".split()
    ),
    "before_number": frozenset(
        """jan feb mar apr jun jul aug sep sept oct nov dec no nos vol vols pp fig figs art arts ch sec
    secs""".split()
    ),
    "ambiguous": frozenset(
        """ala ariz ark calif colo conn del fla ga ill ind kan kans ky la md mass mich minn miss mo mont
    neb nev okla ore pa tenn tex va vt wash wis wyo inc corp co ltd bros llc plc etc vs v approx est
    dept univ assn""".split()
    ),
}

#: Closed-class words that typically open a sentence; after an ambiguous
#: abbreviation ("U.S.", "Inc.") a capitalised next word only starts a new
#: sentence when it is one of these.
SENTENCE_OPENERS = frozenset(
    """the a an he she it they we i you his her its their our my your this that these those there here
    but and or so yet nor for if when while as after before since because although though unless
    until once in on at by with from to of into over under during among between about against
    without despite according asked what why how who where which whether still now then also even
    just only meanwhile however instead indeed moreover perhaps maybe yes no not some many most more
    all both each every another other others one two three several few such much any none nobody
    nothing everyone last next first earlier later today tomorrow yesterday""".split()
)

_TERMINATOR_RE = re.compile(r"(?:\.\.\.|…|[.!?])+[\"”’'»)\]]*(?=\s)")
_CLOSERS = "\"”’'»)]"
_OPENERS = "\"“‘'«(["
_PREV_WORD_RE = re.compile(r"[\w.'’-]+$")
#: How far back to look for the word before a full stop (searching from the text's start is quadratic).
_LOOKBACK = 256
_NEXT_WORD_RE = re.compile(r"[\w'’.-]+")
_SPACED_ELLIPSIS_RE = re.compile(r"\.\s\.\s?$")
_INITIAL_RE = re.compile(r"^[A-Z]$")
_DOTTED_RE = re.compile(r"^(?:[A-Za-z]{1,2}\.)+[A-Za-z]{0,2}$")


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
    closed = terminator[-1] in _CLOSERS
    punct = terminator.rstrip(_CLOSERS)
    starts_quote = first in _OPENERS
    word_match = _NEXT_WORD_RE.match(text, nxt + 1 if starts_quote else nxt, limit)
    next_word = word_match.group() if word_match else ""
    opener = starts_quote or next_word.lower() in SENTENCE_OPENERS
    if "?" in punct or "!" in punct:
        return True
    spaced_ellipsis = _SPACED_ELLIPSIS_RE.search(text, max(0, term_start - 4), term_start)
    if punct.startswith("…") or punct.startswith("...") or spaced_ellipsis:
        return starts_quote
    if closed:
        return True
    prev_match = _PREV_WORD_RE.search(text, max(0, term_start - _LOOKBACK), term_start)
    prev = prev_match.group() if prev_match else ""
    prev = prev.lstrip("'’-")
    bare = prev.rstrip(".").lower()
    if _INITIAL_RE.match(prev):
        return False
    if bare in ABBREVIATIONS["title"]:
        return False
    if bare in ABBREVIATIONS["before_number"] and prev[:1].isupper():
        return not first.isdigit() and opener
    if bare in ABBREVIATIONS["ambiguous"] or (_DOTTED_RE.match(prev + ".") and "." in prev):
        return opener
    return True


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
