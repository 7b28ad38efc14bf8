"""Split text into tokens with character offsets, offline.

Every span is ``[start, end)`` into the article text as read, so any finding
can be highlighted exactly.

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
    "Token",
    "TokenIndex",
    "is_word",
    "normalize_token",
    "normalized_texts",
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
