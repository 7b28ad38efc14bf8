"""Nominal cues: a reporting noun with its owner before it and a "that" clause after it.

"her claim that she never sent classified material", "Trump’s suggestion
that the election was rigged", "his earlier statements that …".  The owner
(a possessive pronoun or a name with 's) is the source, the noun with its
modifiers the cue, and the clause from "that" the content, as PolNeAR marks
them.  A noun with no owner ("the report that …") or with a phrase after it
("his claims about the court") is left out: there is no source to name, or
the phrase is a topic rather than something said (measured on PolNeAR's
train split, "of" and "about" phrases gained nothing).

>>> from framing.segment import tokenize
>>> tokens = tokenize("He rejected her false claim that she never sent classified mail.")
>>> found = nominal_cue(tokens, 4)
>>> [t.text for t in found.source], [t.text for t in tokens[found.first : found.last + 1]], found.content_first
(['her'], ['false', 'claim'], 5)
>>> nominal_cue(tokenize("The report that the talks failed was wrong."), 1) is None
True
>>> nominal_cue(tokenize("At Wednesday’s talks that NATO held, …"), 3) is None
True
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from framing.measure.names import _WEEKDAYS
from framing.measure.speakers import TIME_WORDS
from framing.models import pos
from framing.segment import Token

__all__ = ["NominalCue", "nominal_cue"]

#: Possessive pronouns that own a reporting noun ("her claim").
POSSESSIVES = frozenset({"his", "her", "their", "its", "my", "our", "your"})
#: Time words that take 's without owning a claim ("today's report that …").
_TIMES = frozenset({"today", "yesterday", "tomorrow", "tonight", "week", "month", "year", "weekend"}) | TIME_WORDS
#: Words after the noun that open its content.
_OPENERS = frozenset({"that"})


class NominalCue(NamedTuple):
    """The source tokens, the cue's first and last token, and the content's first token ("that")."""

    source: Sequence[Token]
    first: int
    last: int
    content_first: int


def nominal_cue(tokens: Sequence[Token], noun: int) -> NominalCue | None:
    """The nominal cue whose noun is token ``noun``, if an owner comes before it and "that" after it."""
    if noun + 2 >= len(tokens) or tokens[noun + 1].text.lower() not in _OPENERS:
        return None
    first = noun
    while first > 0 and pos.tag(tokens[first - 1].text)[:2] in {"JJ", "NN"} and tokens[first - 1].text.islower():
        first -= 1  # "her false claim", "his firm promise"
    source = _owner(tokens, first)
    if source is None:
        return None
    return NominalCue(source, first, noun, noun + 1)


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
    if not owner[0].text[:1].isupper() or owner[-2].text in _WEEKDAYS or owner[-2].text.lower() in _TIMES:
        return None  # "Wednesday’s talks that …": a time owns no claim
    return owner
