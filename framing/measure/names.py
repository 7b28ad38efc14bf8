"""People's names in news text: where a name starts, and one name per person.

News writes a person in full once ("NATO Secretary-General Jens Stoltenberg")
and then by surname ("Stoltenberg") or pronoun ("he").  :func:`person_name`
strips titles from a noun phrase, and :class:`NameRegistry` maps later
mentions to the full name, so that share-of-voice counts one speaker once.

>>> from framing.segment.tokens import tokenize
>>> text = "NATO Secretary-General Jens Stoltenberg"
>>> person_name(tokenize(text), text)
'Jens Stoltenberg'
>>> names = NameRegistry()
>>> names.resolve("Jens Stoltenberg"), names.resolve("Stoltenberg"), names.resolve("Brussels")
('Jens Stoltenberg', 'Jens Stoltenberg', 'Brussels')
"""

from __future__ import annotations

from collections.abc import Sequence

from framing.lexicons import Lexicon, builtin_lexicon
from framing.read.lexicon_files import word_list
from framing.segment.boundaries import SENTENCE_OPENERS
from framing.segment.tokens import Token

__all__ = ["NOT_PERSON_WORDS", "PRONOUNS", "NameRegistry", "is_name_token", "person_name"]

#: Subject pronouns that can stand for a speaker (word list ``person_words``).
PRONOUNS = word_list("person_words", "pronoun")
#: Capitalised words that mark an organisation or a place, not a person ("Ministry of Defense", "North Macedonia").
NOT_PERSON_WORDS = word_list("person_words", "not_person")
_PARTICLES = word_list("person_words", "name_particle")


def is_name_token(text: str) -> bool:
    """A capitalised word that can be part of a person's name (not an acronym like NATO).

    >>> is_name_token("Stoltenberg"), is_name_token("NATO"), is_name_token("U.S.")
    (True, False, False)
    """
    if not text[:1].isupper() or "." in text:
        return False
    if text[1:].islower() or len(text) == 1:
        return True  # the common case, decided without looking at every letter
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and not (len(letters) > 1 and all(c.isupper() for c in letters))


def person_name(tokens: Sequence[Token], text: str, titles: Lexicon | None = None) -> str:
    """The person's name in a noun phrase, without titles; ``""`` if there is none.

    The name is the run of capitalised words after the last title and after
    a possessive ("NATO's Jens Stoltenberg").  One capitalised word counts
    only when a title precedes it ("Sen. Warren").
    """
    titles = titles or builtin_lexicon("person_titles")
    words = [t for t in tokens if t.text != "."]
    cut = 0
    for match in titles.match(words, text):
        after = next((i for i, t in enumerate(words) if t.start >= match.end), len(words))
        if after < len(words) and is_name_token(words[after].text):
            cut = max(cut, after)
    for i, token in enumerate(words):
        if token.text in {"'s", "’s", "'", "’"}:
            cut = max(cut, i + 1)
    rest = words[cut:]
    name: list[Token] = []
    for token in rest:
        if is_name_token(token.text) or (name and token.text.lower() in _PARTICLES):
            name.append(token)
        elif name:
            break
    while name and name[0].text.lower() in SENTENCE_OPENERS:
        name.pop(0)
    while name and name[-1].text.lower() in _PARTICLES:
        name.pop()
    if not name or (len(name) == 1 and cut == 0):
        return ""
    if any(t.text.lower() in NOT_PERSON_WORDS for t in name):
        return ""
    return text[name[0].start : name[-1].end]


class NameRegistry:
    """Full names seen so far in one article; resolves surnames to them."""

    def __init__(self) -> None:
        self._full: list[str] = []

    def add(self, name: str) -> None:
        """Remember a full name (two words or more)."""
        if len(name.split()) >= 2:
            if name in self._full:
                self._full.remove(name)
            self._full.append(name)

    def resolve(self, mention: str) -> str:
        """The full name for a mention: itself if full, the latest full name with that surname, or the mention."""
        words = mention.split()
        if len(words) >= 2:
            self.add(mention)
            return mention
        for name in reversed(self._full):
            if name.split()[-1] == mention:
                return name
        return mention

    def is_person(self, name: str) -> bool:
        """Whether ``name`` is a full name registered here."""
        return name in self._full
