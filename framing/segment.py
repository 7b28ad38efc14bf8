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
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import lru_cache
from itertools import accumulate, compress, repeat
from operator import attrgetter, itemgetter, sub
from typing import Any, NamedTuple

__all__ = [
    "ABBREVIATIONS",
    "Token",
    "TokenIndex",
    "is_word",
    "normalize_token",
    "normalized_texts",
    "sentence_spans",
    "sentences",
    "token_starts",
    "tokenize",
    "tokens_between",
    "word_counts",
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
#: :data:`_TOKEN_RE` for :func:`tokenize`: each token with the white space before it, and two
#: shortcuts tried first for the commonest tokens, which give what the full pattern gives: a run of
#: ASCII letters that nothing could extend (no word character, ".", "+", "@", an apostrophe, ":" or
#: "-" after it, so no URL, e-mail, abbreviation, clitic or hyphenated word), and a character that no
#: alternative but the last can begin (not a word character, ".", "+", an apostrophe, "#" or "-").
_SPACED_TOKEN_RE = re.compile(
    r"\s*(?:[A-Za-z]++(?![\w.+@'’:-])|[^\w\s.+'’\#-]|" + _TOKEN_RE.pattern + ")",
    re.VERBOSE,
)
_FIRST = itemgetter(0)  # a token's text
_START = attrgetter("start")


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of ``text[start:end]`` with offsets into ``text``.

    Clitics are split as in the Penn Treebank ("was" + "n't", "Kosovo" + "'s"),
    hyphenated words stay whole ("ultra-nationalist"), numbers keep their
    separators ("1,000", "10:36").

    >>> [t.text for t in tokenize("About 1,000 U.S. troops.")]
    ['About', '1,000', 'U.S.', 'troops', '.']
    """
    end = len(text) if end is None else end
    return list(_make_tokens(*_token_fields(text, start, end)))


def _token_fields(text: str, start: int, end: int) -> tuple[list[str], list[int], list[int]]:
    """The texts, start and end offsets of the tokens of ``text[start:end]``.

    Tokenizing is hot, so no Python loop: each match is a token with the white space
    before it, and the running lengths of the matches are where the tokens end.
    """
    spaced = _SPACED_TOKEN_RE.findall(text, start, end)
    texts = list(map(str.lstrip, spaced))
    ends = list(accumulate(map(len, spaced), initial=start))[1:]
    starts = list(map(sub, ends, map(len, texts)))
    return texts, starts, ends


def _make_tokens(texts: list[str], starts: list[int], ends: list[int]) -> Iterator[Token]:
    """Tokens from their fields, without the Python-level ``Token.__new__`` (tokens are many)."""
    return map(tuple.__new__, repeat(Token), zip(texts, starts, ends, strict=True))


def token_starts(tokens: Sequence[Token]) -> list[int]:
    """The start offsets of ``tokens``, for :func:`tokens_between`.

    >>> token_starts(tokenize("It rained."))
    [0, 3, 9]
    """
    return list(map(_START, tokens))


class TokenIndex:
    """A text's tokens with their texts, start offsets and running word counts, to slice and count
    them without another pass over the tokens.

    >>> index = TokenIndex.of_text("It rained. Rama left.")
    >>> index.span(11, 21), index.words(11, 21), index.texts[3:5]
    ((3, 6), 2, ['Rama', 'left'])
    """

    def __init__(self, tokens: Sequence[Token], texts: list[str] | None = None, starts: list[int] | None = None):
        self.tokens = tokens
        #: The tokens' texts.
        self.texts = list(map(_FIRST, tokens)) if texts is None else texts
        #: :func:`token_starts` of ``tokens``.
        self.starts = token_starts(tokens) if starts is None else starts
        #: Running word counts (:func:`word_counts`): ``counts[j] - counts[i]`` words in ``tokens[i:j]``.
        self.counts = list(accumulate(map(_IS_WORD.__getitem__, self.texts), initial=0))

    @classmethod
    def of(cls, tokens: Sequence[Token]) -> TokenIndex:
        """The index of tokens already made."""
        return cls(tokens)

    @classmethod
    def of_text(cls, text: str) -> TokenIndex:
        """Tokenize ``text`` (as :func:`tokenize`) and index the tokens."""
        texts, starts, ends = _token_fields(text, 0, len(text))
        return cls(tuple(_make_tokens(texts, starts, ends)), texts, starts)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """``(first, last)``: ``tokens[first:last]`` are the tokens inside ``[start, end)``."""
        return bisect_left(self.starts, start), bisect_left(self.starts, end)

    def words(self, start: int, end: int) -> int:
        """How many words (:func:`word_tokens`) lie inside ``[start, end)``."""
        first, last = self.span(start, end)
        return self.counts[last] - self.counts[first]


def tokens_between(tokens: Sequence[Token], starts: Sequence[int], start: int, end: int) -> list[Token]:
    """The tokens of ``tokens`` (with ``starts`` their start offsets) inside ``[start, end)``.

    Tokenizing a text once and slicing gives the same tokens as tokenizing
    each block or sentence again, since those split at white space.

    >>> text = "It rained. Rama left."
    >>> tokens = tokenize(text)
    >>> [t.text for t in tokens_between(tokens, token_starts(tokens), 11, 21)]
    ['Rama', 'left', '.']
    """
    return list(tokens[bisect_left(starts, start) : bisect_left(starts, end)])


_NEGATION_CLITICS = frozenset({"n't", "n’t", "N'T", "N’T"})


def word_tokens(tokens: list[Token]) -> list[Token]:
    """The tokens that are words or numbers (not punctuation or clitics).

    >>> len(word_tokens(tokenize("He didn't go, did he?")))
    5
    """
    return list(compress(tokens, map(_IS_WORD.__getitem__, map(_FIRST, tokens))))


def word_counts(tokens: Sequence[Token]) -> list[int]:
    """Running counts of words: element ``i`` is how many of ``tokens[:i]`` are words (see :func:`word_tokens`).

    The words among ``tokens[i:j]`` number ``counts[j] - counts[i]``.

    >>> word_counts(tokenize("He didn't go."))
    [0, 1, 2, 2, 3, 3]
    """
    return TokenIndex(tokens).counts


def is_word(text: str) -> bool:
    """Whether a token's text is a word or number (see :func:`word_tokens`).

    >>> is_word("Rama"), is_word("n't"), is_word("#tag"), is_word(",")
    (True, False, True, False)
    """
    return (text[0].isalnum() and text not in _NEGATION_CLITICS) or (text[0] == "#" and len(text) > 1)


@lru_cache(maxsize=200_000)
def normalize_token(text: str) -> str:
    """Lower-case a token and unify curly apostrophes, for matching.

    >>> normalize_token("Kosovo’s")
    "kosovo's"
    """
    return text.lower().replace("’", "'").replace("‘", "'")


def normalized_texts(tokens: Iterable[Token]) -> list[str]:
    """:func:`normalize_token` of each token's text.

    >>> normalized_texts(tokenize("Kosovo’s Border"))
    ['kosovo', "'s", 'border']
    """
    return list(map(_NORMALIZED.__getitem__, map(_FIRST, tokens)))


class _Memo(dict):
    """``function`` of each key, computed when first asked for and then kept (a plain dictionary
    lookup, cheaper than calling an ``lru_cache``d function on every token); forgets all at ``limit`` keys."""

    def __init__(self, function: Callable[[str], Any], limit: int = 500_000) -> None:
        super().__init__()
        self.function = function
        self.limit = limit

    def __missing__(self, key: str) -> Any:
        if len(self) >= self.limit:
            self.clear()
        value = self[key] = self.function(key)
        return value


_IS_WORD = _Memo(is_word)
_NORMALIZED = _Memo(normalize_token)


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
