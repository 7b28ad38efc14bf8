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

import re
import unicodedata
from collections.abc import Sequence

from framing.lexicons import Lexicon, builtin_lexicon
from framing.models import pos
from framing.read.lexicon_files import word_list, word_list_table
from framing.segment.boundaries import SENTENCE_OPENERS
from framing.segment.tokens import Token

__all__ = [
    "NAME_SUFFIXES",
    "NOT_PERSON_WORDS",
    "PRONOUNS",
    "NameRegistry",
    "canonical_name",
    "is_name_token",
    "name_parts",
    "person_name",
    "same_person",
    "speaker_key",
]

#: Subject pronouns that can stand for a speaker (word list ``person_words``).
PRONOUNS = word_list("person_words", "pronoun")
#: Capitalised words that mark an organisation or a place, not a person ("Ministry of Defense", "North Macedonia").
NOT_PERSON_WORDS = word_list("person_words", "not_person")
_PARTICLES = word_list("person_words", "name_particle")
_WEEKDAYS = word_list("calendar", "weekday")
#: Parts of speech of a capitalised word that opens a sentence before a name, not part of it ("Plus", "But").
_NOT_NAME_TAGS = frozenset({"CC", "IN", "DT", "RB", "PRP", "WRB", "TO", "UH"})

#: Words after a surname that are not the surname ("Jr.").
NAME_SUFFIXES = word_list("speaker_words", "name_suffix")
_ABBREVIATIONS = {
    str(row.term): str(row.note)
    for row in word_list_table("speaker_words").itertuples()
    if row.category == "role_abbreviation"
}


def _plain(word: str) -> str:
    """A word lower-cased, without full stops and accents ("Sen." → "sen")."""
    word = unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode() or word
    return word.replace(".", "").lower()


def _initial(word: str) -> bool:
    """ "J." or "J": a middle initial."""
    return len(word.rstrip(".")) == 1 and word[:1].isupper()


def canonical_name(name: str) -> str:
    """A person's name without middle initials and suffixes ("Anthony D. Weiner" → "Anthony Weiner").

    >>> canonical_name("Martin Luther King Jr."), canonical_name("J. Russell George")
    ('Martin Luther King', 'J. Russell George')
    """
    words = re.sub(r"['’]s?$", "", name.strip()).replace(",", " ").split()
    while len(words) > 2 and _plain(words[-1]) in NAME_SUFFIXES:
        words.pop()
    if len(words) > 2:
        words = [words[0], *[w for w in words[1:-1] if not _initial(w)], words[-1]]
    return " ".join(words)


def name_parts(name: str) -> tuple[str, str]:
    """The first name and the surname of a person's name, plain (``("", surname)`` for a surname alone)."""
    words = [_plain(w) for w in canonical_name(name).split()]
    words = [w for w in words if w and w not in _ABBREVIATIONS and w not in {"mr", "mrs", "ms", "dr"}]
    if not words:
        return "", ""
    return (words[0] if len(words) > 1 else ""), words[-1]


def speaker_key(speaker: str) -> str:
    """The key of a speaker: its canonical form, plain, words joined by hyphens ("" for no speaker)."""
    plain = _plain(canonical_name(speaker.strip()))
    return "-".join(re.findall(r"[a-z0-9]+", plain.replace("'", "").replace("’", "")))


def _compatible(first_a: str, first_b: str) -> bool:
    """First names that can be one person's: equal, one missing, or one an initial of the other."""
    if not first_a or not first_b or first_a == first_b:
        return True
    return (len(first_a) == 1 and first_b.startswith(first_a)) or (len(first_b) == 1 and first_a.startswith(first_b))


def same_person(a: str, b: str) -> bool:
    """Whether two names can be one person: the same surname and compatible first names."""
    first_a, last_a = name_parts(a)
    first_b, last_b = name_parts(b)
    return bool(last_a) and last_a == last_b and _compatible(first_a, first_b)


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
        elif len(name) == 1 and name[0] is rest[0] and token.text[:1].islower():
            name = []  # a capitalised descriptor before the name: "Tenant organizer Rosa Imani", "Obama aide …"
        elif name:
            break
    while name and (
        name[0].text.lower() in SENTENCE_OPENERS
        or (len(name) > 1 and pos.known_tag(name[0].text.lower()) in _NOT_NAME_TAGS)
    ):
        name.pop(0)  # "But Ryan", "Plus Obama"
    while name and name[-1].text.lower() in _WEEKDAYS:
        name.pop()  # "Obama Monday"
    while name and name[-1].text.lower() in _PARTICLES:
        name.pop()
    if not name or (len(name) == 1 and cut == 0):
        return ""
    if any(t.text.lower() in NOT_PERSON_WORDS for t in name):
        return ""
    return text[name[0].start : name[-1].end]


class NameRegistry:
    """Full names seen so far in one article; resolves surnames and variants to the first written in full.

    >>> names = NameRegistry()
    >>> names.resolve("Hillary Rodham Clinton"), names.resolve("Hillary Clinton"), names.resolve("Clinton")
    ('Hillary Rodham Clinton', 'Hillary Rodham Clinton', 'Hillary Rodham Clinton')
    >>> names.resolve("Bill Clinton"), names.resolve("Clinton")
    ('Bill Clinton', 'Bill Clinton')
    """

    def __init__(self) -> None:
        self._full: list[str] = []
        self._people: set[str] = set()

    def add(self, name: str) -> None:
        """Remember a full name (two words or more) as the latest."""
        if len(name.split()) >= 2:
            if name in self._full:
                self._full.remove(name)
            self._full.append(name)

    def resolve(self, mention: str) -> str:
        """The full name for a mention: the one registered for the same person (the latest with that surname
        for a surname alone), the mention itself when it is a new full name, or the mention."""
        words = mention.split()
        if len(words) >= 2:
            name = next((name for name in self._full if same_person(name, mention)), mention)
            self.add(name)
            return name
        for name in reversed(self._full):
            if name.split()[-1] == mention:
                self.add(name)
                return name
        return mention

    def mark(self, name: str) -> None:
        """Remember ``name`` as a person (a full name, or a surname a title marks: "Sen. Warren")."""
        self._people.add(name)

    def is_person(self, name: str) -> bool:
        """Whether ``name`` is a full name registered here, or marked as a person."""
        return name in self._full or name in self._people
