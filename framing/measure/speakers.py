"""Speakers as people and organisations: one canonical form and key per person, the kind of a speaker, and the
holders of roles ("President Obama" makes Obama "the president").

News writes one person many ways ("Donald J. Trump", "Mr. Trump", "President
Trump", "Trump"); :func:`canonical_name` drops the middle initials and
suffixes, :func:`speaker_key` makes the key that is the same in every
article ("donald-trump"), and :func:`same_person` says whether two names can
be one person (same surname, compatible first names).  The words come from
the word list ``speaker_words``.

>>> canonical_name("Donald J. Trump"), speaker_key("Donald J. Trump"), speaker_key("the White House")
('Donald Trump', 'donald-trump', 'the-white-house')
>>> same_person("Anthony D. Weiner", "Weiner"), same_person("Hillary Clinton", "Bill Clinton")
(True, False)
>>> speaker_kind("Jens Stoltenberg"), speaker_kind("NATO"), speaker_kind("he"), speaker_kind("officials")
('person', 'organisation', 'pronoun', 'anonymous')
>>> role_holders("President Barack Obama spoke. Sen. Elizabeth Warren did not.")
{'president': [(0, 'Barack Obama')], 'senator': [(30, 'Elizabeth Warren')]}
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from framing.measure.names import (
    _ABBREVIATIONS,
    NAME_SUFFIXES,
    NOT_PERSON_WORDS,
    PRONOUNS,
    _initial,
    _plain,
    canonical_name,
    is_name_token,
    name_parts,
    same_person,
    speaker_key,
)
from framing.models import pos
from framing.read.lexicon_files import word_list

__all__ = [
    "ANONYMOUS_WORDS",
    "HONORIFICS",
    "NAME_SUFFIXES",
    "ORGANISATION_WORDS",
    "ROLE_NOUNS",
    "SPEAKER_KINDS",
    "TIME_WORDS",
    "canonical_name",
    "name_parts",
    "role_holders",
    "role_in",
    "role_of_title",
    "same_person",
    "speaker_id",
    "speaker_key",
    "speaker_kind",
    "titled_name",
]

#: Nouns of an office or role that, after "the", stand for the person holding it ("the president").
ROLE_NOUNS = word_list("speaker_words", "role_noun")
#: Head words and names of organisations that speak ("the White House", "the company").
ORGANISATION_WORDS = word_list("speaker_words", "organisation")
#: Courtesy titles written before a surname ("Mr. Trump").
HONORIFICS = word_list("speaker_words", "honorific")
#: Nouns of time that end an adjunct after a name ("Trump last week").
TIME_WORDS = word_list("speaker_words", "time_word")
#: Nouns of unnamed sources ("officials", "a source").
ANONYMOUS_WORDS = word_list("speaker_words", "anonymous")
#: Lower-case words after the head of a noun phrase ("officials in Belgrade", "the Ministry of Defense").
_HEAD_ENDS = frozenset({"in", "of", "at", "from", "for", "with", "on", "who", "that"})
#: The kinds of speaker, in the order they are tried.
SPEAKER_KINDS = ("pronoun", "name", "person", "organisation", "anonymous", "other")
_ARTICLES = {"the", "a", "an"}


def _is_person_name(words: Sequence[str]) -> bool:
    return (
        1 <= len(words) <= 5
        and all(is_name_token(w) or _initial(w) or _plain(w) in NAME_SUFFIXES for w in words)
        and not any(_plain(w) in NOT_PERSON_WORDS or _plain(w) in ORGANISATION_WORDS for w in words)
    )


def speaker_kind(speaker: str) -> str:
    """``pronoun``, ``name``, ``person``, ``organisation``, ``anonymous`` or ``other`` ("" for no speaker).

    One capitalised word is a ``name``: a surname that no article of the story resolved, or a place.  A name
    of capitalised words is a person unless a word marks an organisation or a place; an acronym
    ("NATO") or a phrase whose head is an organisation word ("the company") is an organisation; a phrase
    whose head is an unnamed source ("senior officials") is anonymous.
    """
    words = speaker.split()
    if not words:
        return ""
    if len(words) == 1 and words[0].lower() in PRONOUNS:
        return "pronoun"
    if len(words) == 1 and is_name_token(words[0]) and words[0].lower() not in ORGANISATION_WORDS:
        if pos.tag(words[0]) != "NNP" or _plain(words[0]) in _ABBREVIATIONS or _plain(words[0]) in HONORIFICS:
            return "other"  # "Republicans", "Critics", a title alone ("Rep")
        return "name"  # "Obama" or "Brussels": a surname no article resolved, or a place
    if _is_person_name(words):
        return "person"
    cut = next((i for i, w in enumerate(words) if i and w in _HEAD_ENDS), len(words))
    head = re.sub(r"['’]s?$", "", _plain(words[cut - 1]))  # "officials in Belgrade": officials
    letters = [c for c in speaker if c.isalpha()]
    if (len(letters) > 1 and speaker.replace(".", "").replace("-", "").isupper()) or head in ORGANISATION_WORDS:
        return "organisation"
    if any(_plain(w) in ORGANISATION_WORDS for w in words) and words[0][:1].isupper():
        return "organisation"  # "Justice Department spokesman" is said for its department
    if head in ANONYMOUS_WORDS:
        return "anonymous"
    return "other"


def role_of_title(title: str) -> str:
    """The role noun a title stands for ("Sen." → "senator", "President" → "president"; "" for none)."""
    plain = _plain(title).replace("-", " ").strip()
    plain = _ABBREVIATIONS.get(plain, plain)
    return plain if plain in ROLE_NOUNS else ""


def role_in(words: Sequence[str]) -> str:
    """The role noun a definite phrase stands for ("the former governor" → "governor", "the company's chief
    executive" → "chief executive"), with its owner when a name owns it ("NATO's secretary general" → "nato
    secretary general"); "" when the phrase is neither "the … ROLE" nor "NAME's … ROLE".

    >>> role_in("the former governor".split()), role_in("NATO’s secretary general".split())
    ('governor', 'nato secretary general')
    """
    if not words or len(words) > 6:
        return ""
    owner = re.sub(r"['’]s$", "", words[0]) if words[0][:1].isupper() and re.search(r"['’]s$", words[0]) else ""
    plain = [_plain(w) for w in words]
    if plain[0] != "the" and not owner:
        return ""
    for size in (3, 2, 1):
        if len(plain) > size and " ".join(plain[-size:]) in ROLE_NOUNS:
            role = role_of_title(" ".join(plain[-size:]))
            return f"{_plain(owner)} {role}" if owner else role
    return ""


#: A run of capitalised words, with "of" inside ("Secretary of State Hillary Clinton", "Sen. Elizabeth Warren").
_RUN_RE = re.compile(r"[A-Z][\w’'.-]*(?:[ \t]+(?:of[ \t]+)?[A-Z][\w’'.-]*)+")


def titled_name(words: Sequence[str]) -> tuple[str, str]:
    """The role and the name of words that hold a title and a name after it ("Controversial Arizona Sheriff Joe
    Arpaio" → ``("sheriff", "Joe Arpaio")``); ``("", "")`` for none.

    >>> titled_name("Secretary of State Hillary Clinton".split())
    ('secretary of state', 'Hillary Clinton')
    """
    _, role, name = _titled(words)
    return role, name


def _titled(words: Sequence[str]) -> tuple[int, str, str]:
    """:func:`titled_name`, with where the title starts in ``words``."""
    for start in range(len(words) - 1):
        for end in range(len(words) - 1, start, -1):
            role = role_of_title(" ".join(words[start:end]))
            name = [w.rstrip(",") for w in words[end:]]
            if role and _is_person_name(name) and not (len(name) == 1 and name[0].lower() in ROLE_NOUNS):
                return start, role, canonical_name(" ".join(name))
    return 0, "", ""


#: A name and the role after it, in apposition ("Tim Cook, Apple's chief executive," "Jerome Powell, the Fed
#: chairman,"): the role is the last one to three lower-case words before the next comma or full stop.
_APPOSITION_RE = re.compile(r"[,;:]? ((?:the |a |an )?(?:[A-Z][\w.-]*(?:['’]s)? )*(?:[a-z-]+ ){0,3}[a-z-]+)[,.]")


def role_holders(text: str) -> dict[str, list[tuple[int, str]]]:
    """Where ``text`` names the holder of a role, by title ("President Obama") or in apposition ("Tim Cook,
    Apple's chief executive"): role noun → [(offset, canonical name), …]; a role an organisation or place
    owns is also listed with its owner ("NATO Secretary-General Jens Stoltenberg": "nato secretary general").

    >>> role_holders("NATO Secretary-General Jens Stoltenberg spoke.")
    {'secretary general': [(0, 'Jens Stoltenberg')], 'nato secretary general': [(0, 'Jens Stoltenberg')]}
    """
    found: dict[str, list[tuple[int, str]]] = {}
    for match in _RUN_RE.finditer(text):
        words = match[0].split()
        start, role, name = _titled(words)
        owners = [_plain(w) for w in words[:start]]
        if not role:
            after = _APPOSITION_RE.match(text, match.end())
            if not (after and text[match.end()] == "," and len(words) >= 2 and _is_person_name(words)):
                continue
            role, name = role_in(["the", *after[1].split()]), canonical_name(match[0])
            owner = re.sub(r"['’]s$", "", after[1].split()[0])
            owners = [_plain(owner)] if role and owner[:1].isupper() else []
        if role:
            for key in (role, *(f"{owner} {role}" for owner in owners)):
                found.setdefault(key, []).append((match.start(), name))
    return found


def speaker_id(speaker: str, kind: str | None = None) -> str:
    """The key that stands for one speaker in every article and story: for a person the first name and the
    surname ("Hillary Rodham Clinton" → "hillary-clinton"), for others the plain phrase; "" for a pronoun or
    no speaker.

    >>> speaker_id("Hillary Rodham Clinton"), speaker_id("Ursula von der Leyen"), speaker_id("The White House")
    ('hillary-clinton', 'ursula-von-der-leyen', 'the-white-house')
    """
    kind = speaker_kind(speaker) if kind is None else kind
    if kind in {"", "pronoun"}:
        return ""
    if kind not in {"person", "name"}:
        return speaker_key(speaker)
    words = canonical_name(speaker).split()
    if len(words) > 2:
        words = [words[0], *[w for w in words[1:-1] if not w[:1].isupper()], words[-1]]
    return speaker_key(" ".join(words))
