"""Lexicon entries: one row of a lexicon, its term compiled into the forms the matcher looks for.

Terms are matched on tokens, never on substrings ("war" is not found in
"award"), and case-insensitively.  A term may hold several words
("according to"); within a word

- ``a|b|c`` lists alternative forms (``say|says|said|saying``); the first is
  the entry's lemma,
- a trailing ``*`` matches any ending (``slam*`` finds "slammed"),
- a leading ``=`` matches only that exact case (``=may`` is the hedge, not
  the month "May").

Hyphens count as word breaks on both sides: ``ultra nationalist*`` matches
"ultra nationalists" and "ultra-nationalist".

>>> entry = compile_entry("ultra nationalist*", "loaded", 1.0, "", 1, "demo")
>>> entry.lemma, entry.words[1]
('ultra nationalist', (Form(text='nationalist', prefix=True, exact_case=False),))
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

from framing.lexicons.matchable import matchable_tokens
from framing.problems import FramingError
from framing.segment import normalize_token, tokenize

__all__ = ["Form", "LexiconEntry", "LexiconMatch", "compile_entry", "entries_hash"]


class Form(NamedTuple):
    """One alternative for one word of a term."""

    text: str
    prefix: bool
    exact_case: bool


@dataclass(frozen=True)
class LexiconEntry:
    """One row of a lexicon; ``words`` is the compiled pattern, one tuple of forms per word."""

    term: str
    category: str
    weight: float = 1.0
    note: str = ""
    line: int = 0
    words: tuple[tuple[Form, ...], ...] = field(default=(), repr=False, compare=False)

    @cached_property
    def lemma(self) -> str:
        """The term with each word's first form and no wildcards: ``say`` for ``say|said``."""
        return " ".join(forms[0].text for forms in self.words)


class LexiconMatch(NamedTuple):
    """A hit: the entry, the matched text and its ``[start, end)`` offsets."""

    entry: LexiconEntry
    text: str
    start: int
    end: int


def _compile_term(term: str, where: str) -> tuple[tuple[Form, ...], ...]:
    words: list[tuple[Form, ...]] = []
    for raw in term.split():
        alternatives = raw.split("|")
        if len(alternatives) == 1:
            words.extend(_compile_word(raw, where))
            continue
        forms: list[Form] = []
        for alternative in alternatives:
            parts = _compile_word(alternative, where)
            if len(parts) != 1:
                raise FramingError(
                    f"{where}: the form {alternative!r} in {raw!r} is more than one word; "
                    "alternatives joined by | must be single words (write a separate entry instead)"
                )
            forms.extend(parts[0])
        words.append(tuple(forms))
    if not words:
        raise FramingError(f"{where}: the term is empty; write a word or phrase in the 'term' column")
    return tuple(words)


def _compile_word(raw: str, where: str) -> list[tuple[Form, ...]]:
    exact_case = raw.startswith("=")
    body = raw[1:] if exact_case else raw
    prefix = body.endswith("*")
    body = body.rstrip("*")
    if not body:
        raise FramingError(f"{where}: {raw!r} has no letters; a wildcard needs a stem, as in 'slam*'")
    parts = [t.text for t in matchable_tokens(tokenize(body))]
    compiled: list[tuple[Form, ...]] = []
    for index, part in enumerate(parts):
        is_last = index == len(parts) - 1
        text = part if exact_case else normalize_token(part)
        compiled.append((Form(text, prefix and is_last, exact_case),))
    return compiled


def compile_entry(term: str, category: str, weight: float, note: str, line: int, where: str) -> LexiconEntry:
    """An entry with its term compiled; ``where`` names the row in error messages."""
    term = term.strip()
    category = category.strip()
    if not category:
        raise FramingError(f"{where}: the category is empty; give every term a category")
    return LexiconEntry(term, category, weight, note.strip(), line, _compile_term(term, where))


def entries_hash(entries: Sequence[LexiconEntry]) -> str:
    """The SHA-256 of the entries as rows, the checksum of a lexicon built in code."""
    text = "\n".join(f"{e.term}\t{e.category}\t{e.weight}\t{e.note}" for e in entries)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
