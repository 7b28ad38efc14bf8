"""Split an article's text into blocks, and the features of a block that the role rules look at.

A block is a paragraph or a line: blank lines separate blocks, and so do
single line breaks, unless the lines are hard-wrapped prose or one clearly
continues on the next (see :func:`split_blocks`).

>>> text = "Rain in Skopje\\n\\nIt rained on Monday,\\nofficials said."
>>> spans = split_blocks(text)
>>> [(f.text, f.n_words, f.terminal) for f in block_features(text, spans, TokenIndex.of_text(text))]
[('Rain in Skopje', 3, False), ('It rained on Monday,\\nofficials said.', 6, True)]
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from framing.read.lexicon_files import word_list
from framing.segment import Token, TokenIndex, normalize_token, sentence_spans, tokenize, word_tokens

__all__ = ["AGENCY_DATELINE_RE", "Block", "Features", "block_features", "split_blocks"]


@dataclass(frozen=True)
class Block:
    """A block of text (a paragraph or a line) with its role and the reason for it."""

    paragraph: int
    start: int
    end: int
    role: str
    reason: str
    text: str


_TERMINAL_RE = re.compile(r"[.!?…][\"”’'»)\]]*$")


def split_blocks(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` spans of the blocks of ``text``.

    Blank lines separate blocks.  Inside a run of lines without blank lines
    each line is its own block (sites that use single line breaks between
    paragraphs), unless the run is hard-wrapped prose or a line clearly
    continues on the next (it ends in a comma or the next begins in lower
    case).

    >>> text = "Title\\n\\nOne line.\\nAnother line.\\nwrapped on.\\n"
    >>> [text[s:e] for s, e in split_blocks(text)]
    ['Title', 'One line.', 'Another line.\\nwrapped on.']
    """
    spans: list[tuple[int, int]] = []
    for run in re.finditer(r"[^\n]*\S[^\n]*(?:\n[^\n]*\S[^\n]*)*", text):
        lines = [(m.start() + run.start(), m.end() + run.start()) for m in re.finditer(r"[^\n]+", run.group())]
        lines = [_strip(text, s, e) for s, e in lines]
        if _is_hard_wrapped(text, lines):
            spans.append((lines[0][0], lines[-1][1]))
            continue
        current = lines[0]
        for line in lines[1:]:
            previous_text = text[current[0] : current[1]]
            following = text[line[0] : line[1]]
            if previous_text.rstrip().endswith((",", ";")) or following[:1].islower():
                current = (current[0], line[1])
            else:
                spans.append(current)
                current = line
        spans.append(current)
    return spans


_CLOSING = "\"”’'»)]"


def _ends_sentence(text: str) -> bool:
    """Whether :data:`_TERMINAL_RE` finds a full stop (or "!", "?", "…") with closing marks at the
    end of ``text``: the same test without searching the whole text, except before a final line break
    (where ``$`` also matches)."""
    if text.endswith("\n"):
        return bool(_TERMINAL_RE.search(text))
    return text.rstrip(_CLOSING)[-1:] in (".", "!", "?", "…")


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _is_hard_wrapped(text: str, lines: list[tuple[int, int]]) -> bool:
    """Prose wrapped at a fixed width: at least three lines, most of them cut mid-sentence."""
    if len(lines) < 3:
        return False
    widths = [e - s for s, e in lines[:-1]]
    if max(widths) > 100 or min(widths) < 30:
        return False
    cut = sum(1 for s, e in lines[:-1] if not _ends_sentence(text[s:e]))
    return cut >= 0.6 * (len(lines) - 1)


# --- features of one block ---------------------------------------------------------

_FUNCTION_WORDS = word_list("cleaning_words", "function_word")
AGENCY_DATELINE_RE = re.compile(r"^[A-Z][\w .,'’-]{1,60}?\s\((?P<agency>[A-Za-z][\w .&-]{0,40})\)\s*[—–-]")


@dataclass(frozen=True)
class Features:
    """What the rules look at in one block."""

    text: str
    tokens: tuple[Token, ...]
    #: The text the tokens' offsets point into (the article's, or ``text`` itself).
    source: str
    #: How many of the tokens are words (:func:`~framing.segment.word_tokens`).
    n_words: int

    @cached_property
    def words(self) -> tuple[str, ...]:
        return tuple(t.text for t in word_tokens(list(self.tokens)))

    @cached_property
    def lowered(self) -> tuple[str, ...]:
        return tuple(normalize_token(w) for w in self.words)

    @cached_property
    def folded(self) -> str:
        """The text with each run of white space as one space, case-folded."""
        return _fold(self.text)

    @cached_property
    def first_folded(self) -> str:
        """The first word case-folded: when it differs, so does :attr:`folded` (folding maps each
        character on its own and never to or from white space)."""
        words = self.text.split(None, 1)
        return words[0].casefold() if words else ""

    def same_text(self, other: Features) -> bool:
        """Whether the two blocks have the same text, white space and case aside (a block repeated)."""
        return self.first_folded == other.first_folded and self.folded == other.folded

    @cached_property
    def terminal(self) -> bool:
        return _ends_sentence(self.text)

    @cached_property
    def n_sentences(self) -> int:
        return len(sentence_spans(self.text))

    @cached_property
    def single_line(self) -> bool:
        return "\n" not in self.text

    @cached_property
    def headline_shaped(self) -> bool:
        """At most two sentences, and not the opening "CITY (AP) —" of a news story."""
        return self.n_words > 0 and self.n_sentences <= 2 and not AGENCY_DATELINE_RE.match(self.text)

    @cached_property
    def title_cased(self) -> bool:
        """Most words long enough to matter start with a capital ("Calls for More NATO Troops")."""
        content = [w for w in self.words if len(w) > 3 and w[:1].isalpha()]
        return bool(content) and sum(1 for w in content if w[:1].isupper()) >= 0.6 * len(content)

    @cached_property
    def headline_like(self) -> bool:
        """Shaped like a headline: short, or without a full stop, or in title case (not a lead sentence).

        A headline with a deck on the next line ("Title;\\nDeck.") is judged by its first line.
        """
        if not self.headline_shaped:
            return False
        first = _features(self.text.split("\n", 1)[0]) if not self.single_line else self
        return first.n_words <= 15 or not first.terminal or first.title_cased

    @cached_property
    def tag_like(self) -> bool:
        """A few capitalised words and nothing else: a section or tag list."""
        return (
            self.single_line
            and 1 <= self.n_words <= 6
            and not self.terminal
            and not any(w in _FUNCTION_WORDS for w in self.lowered)
            and all(w[:1].isupper() or w[:1].isdigit() for w in self.words)
            and not re.search(r"[,:;]", self.text)
        )

    @cached_property
    def teaser(self) -> bool:
        """Text cut off with an ellipsis, as in a list of other stories."""
        return bool(re.search(r"(?:\.\.\.|…)\s*$", self.text)) and not re.search(r"[\"”’]\s*$", self.text)


def _features(
    text: str, tokens: Sequence[Token] | None = None, source: str | None = None, n_words: int | None = None
) -> Features:
    """Features of a block: ``tokens`` (offsets into ``source``) and ``n_words`` when already known,
    else found here."""
    if tokens is None:
        tokens, source = tokenize(text), text
    if n_words is None:
        n_words = len(word_tokens(list(tokens)))
    return Features(text, tuple(tokens), source if source is not None else text, n_words)


def block_features(text: str, spans: list[tuple[int, int]], index: TokenIndex) -> list[Features]:
    """Features of each block ``text[start:end]``, with the article's tokens sliced and counted."""
    feats = []
    for start, end in spans:
        first, last = index.span(start, end)
        words = index.counts[last] - index.counts[first]
        feats.append(Features(text[start:end], tuple(index.tokens[first:last]), text, words))
    return feats


def _fold(text: str) -> str:
    """``text`` with each run of white space as one space, case-folded."""
    return " ".join(text.split()).casefold()
