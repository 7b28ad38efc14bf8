"""One speaker per person within a story: the versions' speakers merged, and a ``speaker_id`` and ``speaker_kind``
for every attribution.

The measure stage resolves speakers within an article.  Here the versions
of one story are read together: a full name written two ways ("Hillary
Rodham Clinton", "Hillary Clinton") becomes the one written first, a lone
surname that its article could not resolve ("Warren") becomes the one full
name of the story with that surname ("Elizabeth Warren"), and a role noun
("the president") the one holder the story names by title ("President
Obama").  ``speaker_id`` is the speaker's key (:func:`~framing.measure.speaker_id`),
the same for one person in every article and story; the corpus-wide merge of
a surname no story resolved happens where the whole corpus is counted
(:func:`framing.compare.voices.share_of_voice`).

>>> import pandas as pd
>>> rows = pd.DataFrame({"article_id": ["a", "b", "b"], "speaker": ["Elizabeth Warren", "Warren", "he"]})
>>> out = story_speakers(rows, {"a": "s", "b": "s"}, pd.DataFrame(columns=["article_id", "text"]))
>>> for row in out[["speaker", "speaker_id", "speaker_kind"]].values.tolist():
...     print(row)
['Elizabeth Warren', 'elizabeth-warren', 'person']
['Elizabeth Warren', 'elizabeth-warren', 'person']
['he', '', 'pronoun']
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from framing.measure import canonical_name, name_parts, role_holders, role_in, same_person, speaker_id, speaker_kind

__all__ = ["story_speakers"]


def story_speakers(attributions: pd.DataFrame, story_of: Mapping[Any, Any], sentences: pd.DataFrame) -> pd.DataFrame:
    """``attributions`` with the speakers of each story merged (a copy) and ``speaker_id``, ``speaker_kind`` set.

    ``sentences`` (``article_id``, ``text``) give the titles that name the holders of roles.
    """
    out = attributions.copy()
    if out.empty:
        out["speaker_id"] = pd.Series(dtype=object)
        out["speaker_kind"] = pd.Series(dtype=object)
        return out
    stories = out["article_id"].map(story_of)
    texts = sentences.groupby(sentences["article_id"].map(story_of), sort=False)["text"].agg(" ".join)
    speakers = out["speaker"].fillna("").astype(str)
    names = speakers.tolist()
    positions: dict[Any, list[int]] = {}
    for at, story in enumerate(stories.tolist()):
        if not pd.isna(story):
            positions.setdefault(story, []).append(at)
    for story, held in positions.items():  # plain lists: indexing a Series story by story costs more than the work
        mapping = _story_mapping([names[at] for at in held], str(texts.get(story, "")))
        for at in held:
            names[at] = mapping.get(names[at], names[at])
    merged = pd.Series(names, index=speakers.index, dtype=speakers.dtype)
    kinds = merged.map(speaker_kind)
    out["speaker"] = merged.where(merged.ne("") | out["speaker"].notna(), out["speaker"])
    out["speaker_id"] = [speaker_id(s, k) for s, k in zip(merged, kinds, strict=True)]
    out["speaker_kind"] = kinds
    return out


def _story_mapping(speakers: list[str], text: str) -> dict[str, str]:
    """Each speaker of one story to the story's name for it (only those that change)."""
    people: list[str] = []  # the first full name written for each person, in order
    by_surname: dict[str, list[str]] = {}  # the same, by surname: one person is looked for among namesakes only
    mapping: dict[str, str] = {}
    for speaker in dict.fromkeys(speakers):
        if speaker_kind(speaker) != "person" or len(speaker.split()) < 2:
            continue
        first = _first_same(by_surname, speaker)
        if first:
            mapping[speaker] = first
        else:
            people.append(canonical_name(speaker))
            by_surname.setdefault(name_parts(people[-1])[1], []).append(people[-1])
            if people[-1] != speaker:
                mapping[speaker] = people[-1]
    _drop_descriptors(people, mapping)
    by_surname = {}
    for person in people:
        by_surname.setdefault(name_parts(person)[1], []).append(person)
    holders: dict[str, list[tuple[int, str]]] | None = None
    for speaker in dict.fromkeys(speakers):
        words = speaker.split()
        if len(words) == 1 and speaker_kind(speaker) == "name":
            found = set(by_surname.get(name_parts(speaker)[1], []))
            if len(found) == 1:
                mapping[speaker] = found.pop()
        elif role_in(words):
            holders = holders if holders is not None else role_holders(text)
            named = {_first_same(by_surname, n) or n for _, n in holders.get(role_in(words), [])}
            if len(named) == 1:
                mapping[speaker] = named.pop()
    return mapping


def _first_same(by_surname: dict[str, list[str]], name: str) -> str:
    """The first person of the story (``by_surname``: people by surname, in order) who can be ``name``, or ""."""
    return next((p for p in by_surname.get(name_parts(name)[1], []) if same_person(p, name)), "")


def _drop_descriptors(people: list[str], mapping: dict[str, str]) -> None:
    """A name that ends with another person's full name of the story is that person with a descriptor before
    it ("Librarian Sam Ortiz" at the start of a sentence is "Sam Ortiz"): ``people`` and ``mapping`` updated.

    >>> people, mapping = ["Librarian Sam Ortiz", "Sam Ortiz"], {}
    >>> _drop_descriptors(people, mapping); people, mapping
    (['Sam Ortiz'], {'Librarian Sam Ortiz': 'Sam Ortiz'})
    """
    longer = {}
    for person in people:
        words = person.split()
        shorter = next(
            (
                q
                for q in people
                if q != person and 2 <= len(q.split()) < len(words) and words[-len(q.split()) :] == q.split()
            ),
            "",
        )
        if shorter:
            longer[person] = shorter
    for key, value in list(mapping.items()):
        mapping[key] = longer.get(value, value)
    for person, shorter in longer.items():
        mapping[person] = shorter
    people[:] = [p for p in people if p not in longer]
