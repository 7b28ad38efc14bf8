"""Nominal cues: a reporting noun with its owner before it and its content after it.

"her claim that she never sent classified material", "Trump’s suggestion
that …", "their criticism of Mr. Cruz", "Clinton's earlier remarks about
trade".  The owner (a possessive pronoun or a name with 's) is the source,
the noun with its modifiers (and "of" or "about", as PolNeAR marks it) the
cue, and the content is the clause after "that" or the noun phrase after
the preposition.  A noun with no owner ("the report", "a claim") is left
out: without one there is no source to name.

>>> from framing.segment import tokenize
>>> tokens = tokenize("He rejected her claim that she never sent classified mail, aides said.")
>>> found = nominal_cue(tokens, 3)
>>> [t.text for t in found.source], [t.text for t in tokens[found.first : found.last + 1]], found.content_first
(['her'], ['claim'], 4)
>>> tokens = tokenize("They were unsparing in their criticism of Mr. Cruz on Sunday.")
>>> found = nominal_cue(tokens, 5)
>>> cue, content = tokens[found.first : found.last + 1], tokens[found.content_first : found.content_end]
>>> [t.text for t in cue], [t.text for t in content]
(['criticism', 'of'], ['Mr', '.', 'Cruz'])
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from framing.measure.attribution_words import CLAUSE_WORDS, FINITE
from framing.models import pos
from framing.segment import Token

__all__ = ["NominalCue", "nominal_cue"]

#: Possessive pronouns that own a reporting noun ("her claim").
POSSESSIVES = frozenset({"his", "her", "their", "its", "my", "our", "your"})
#: Words after the noun that open its content.
_OPENERS = frozenset({"that", "of", "about"})
#: Words that end a noun phrase after "of" or "about": prepositions of an adjunct, conjunctions.
_PHRASE_ENDS = frozenset({"in", "on", "at", "during", "after", "before", "since", "as", "because", "while", "by"})


class NominalCue(NamedTuple):
    """The source tokens, the cue's first and last token, and the content's tokens ``[content_first,
    content_end)`` (``content_end`` is ``None`` for a clause that runs on)."""

    source: Sequence[Token]
    first: int
    last: int
    content_first: int
    content_end: int | None


def nominal_cue(tokens: Sequence[Token], noun: int) -> NominalCue | None:
    """The nominal cue whose noun is token ``noun``, if an owner comes before it and "that", "of" or
    "about" after it."""
    if noun + 2 >= len(tokens) or tokens[noun + 1].text.lower() not in _OPENERS:
        return None
    first = noun
    while first > 0 and pos.tag(tokens[first - 1].text).startswith("JJ") and tokens[first - 1].text.islower():
        first -= 1  # "her earlier claim", "their harsh criticism"
    source = _owner(tokens, first)
    if source is None:
        return None
    opener = tokens[noun + 1].text.lower()
    if opener == "that":
        return NominalCue(source, first, noun, noun + 1, None)
    end = noun + 2
    while end < len(tokens) and not (_ends_phrase(tokens[end]) and not _title_stop(tokens, end)):
        end += 1
    if end == noun + 2:
        return None
    return NominalCue(source, first, noun + 1, noun + 2, end)


def _owner(tokens: Sequence[Token], first: int) -> list[Token] | None:
    """The owner before token ``first``: a possessive pronoun, or a name and its 's ("Trump’s")."""
    if first == 0:
        return None
    before = tokens[first - 1]
    if before.text.lower() in POSSESSIVES:
        return [before]
    if before.text not in {"'s", "’s"} or first < 2:
        return None
    start = first - 2
    while start > 0 and tokens[start - 1].text[:1].isupper() and tokens[start - 1].text.isalpha():
        start -= 1
    owner = list(tokens[start:first])
    return owner if owner[0].text[:1].isupper() else None


def _title_stop(tokens: Sequence[Token], i: int) -> bool:
    """Token ``i`` is the full stop of an abbreviation written against it ("Mr. Cruz")."""
    return (
        tokens[i].text == "."
        and i > 0
        and tokens[i - 1].end == tokens[i].start
        and i + 1 < len(tokens)
        and (tokens[i + 1].text[:1].isupper())
    )


def _ends_phrase(token: Token) -> bool:
    """The token ends the noun phrase after "of" or "about"."""
    word = token.text.lower()
    return (
        word in {",", ";", ":", ".", "!", "?", "—", "–", "(", ")", "and", "but"}
        or word in CLAUSE_WORDS
        or word in _PHRASE_ENDS
        or pos.tag(token.text) in FINITE
    )
