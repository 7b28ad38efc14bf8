"""Words in the shapes the stages need, all made here so that "a word" means one thing per shape.

:func:`framing.segment.tokens.tokenize` gives tokens with offsets; these
functions give plain words for the stages that count or compare them:

- :func:`normalized_words`: the lower-cased word tokens (no punctuation, no
  clitics) that alignment and distinctive words compare;
- :func:`word_runs`: runs of word characters (``\\w+``), the cheap shape of
  story finding and MinHash shingles (an apostrophe splits "didn't");
- :func:`letter_words`: lower-cased runs of ASCII letters and apostrophes,
  the shape the slant model was trained on;
- :func:`words_and_negations`: word tokens plus negation clitics, so that
  "doesn't" and "does not" compare equal in word swaps.

>>> text = "Kosovo’s PM didn't say: “No.”"
>>> normalized_words(text), word_runs(text)[:4], letter_words(text)[:3]
(['kosovo', 'pm', 'did', 'say', 'no'], ['Kosovo', 's', 'PM', 'didn'], ['kosovo', 's', 'pm'])
"""

from __future__ import annotations

import re

from framing.segment.tokens import Token, normalize_token, tokenize, word_tokens

__all__ = ["letter_words", "normalized_words", "word_runs", "words_and_negations"]

_RUN_RE = re.compile(r"\w+")
_LETTERS_RE = re.compile(r"[a-z']+")
_NEGATIONS = frozenset({"n't", "n’t"})


def normalized_words(text: str) -> list[str]:
    """The lower-cased word tokens of ``text`` (:func:`~framing.segment.tokens.word_tokens`), curly
    apostrophes straightened.

    >>> normalized_words("Rama’s aide didn't say.")
    ['rama', 'aide', 'did', 'say']
    """
    return [normalize_token(t.text) for t in word_tokens(tokenize(text))]


def word_runs(text: str) -> list[str]:
    """Runs of word characters (``\\w+``), case kept: punctuation and white space never matter, and an
    apostrophe splits a word ("didn't" -> "didn", "t") the same way in every version of a text.

    >>> word_runs("Rama’s aide didn't say.")
    ['Rama', 's', 'aide', 'didn', 't', 'say']
    """
    return _RUN_RE.findall(text)


def letter_words(text: str) -> list[str]:
    """Lower-cased runs of the letters a-z and straight apostrophes (digits and other letters split them).

    >>> letter_words("He didn't pay €5,000 to Müller.")
    ['he', "didn't", 'pay', 'to', 'm', 'ller']
    """
    return _LETTERS_RE.findall(text.lower())


def words_and_negations(text: str) -> list[Token]:
    """The tokens of ``text`` that begin with a letter or digit, and the negation clitics ("n't").

    >>> [t.text for t in words_and_negations("It doesn't, he said.")]
    ['It', 'does', "n't", 'he', 'said']
    """
    return [t for t in tokenize(text) if t.text[0].isalnum() or t.text.lower() in _NEGATIONS]
