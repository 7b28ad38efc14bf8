"""Synthetic stories with known reuse, built from real news paragraphs (PolNeAR).

A story starts from an *origin*: consecutive paragraphs of one PolNeAR
article.  Every other version is made from the origin (or from an earlier
version, as syndication chains do) paragraph by paragraph:

- **copy**: the paragraph unchanged;
- **edit**: one to four small changes (a word replaced, dropped or
  repeated, straight quotes for curly ones), or the last of three or more
  sentences cut;
- **trim**: the paragraph left out (an omission);
- **merge**: two neighbouring paragraphs condensed into one (their first
  sentences joined);
- **extend**: a paragraph from an unrelated article added (an addition).

Each unit's true class against the whole story follows from how it was made:
``verbatim`` if the same text is in another version, ``edited`` if another
version holds an edited copy of the same source paragraph, ``paraphrase``
for merges and their sources, ``novel`` otherwise.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["Paragraph", "SyntheticStory", "load_paragraphs", "make_story"]

_SWAPS = [
    ("said", "stated"),
    ("says", "claims"),
    ("insisted", "confirmed"),
    ("big", "large"),
    ("people", "residents"),
    ("Tuesday", "Wednesday"),
    ("percent", "per cent"),
    ("also", "additionally"),
    ("very", "extremely"),
]


@dataclass
class Paragraph:
    """A synthetic unit: its text, its lineage (copies and edits keep it), the lineages it merges, how it was made."""

    text: str
    lineage: int
    parents: tuple[int, ...] = ()
    how: str = "origin"


@dataclass
class SyntheticStory:
    """Versions (lists of paragraphs) of one story, in the order they were made."""

    name: str
    versions: list[list[Paragraph]] = field(default_factory=list)

    def truth(self) -> list[list[str]]:
        """The true reuse class of every paragraph of every version."""
        out = []
        for v, version in enumerate(self.versions):
            others = [p for w, other in enumerate(self.versions) if w != v for p in other]
            lineages = {p.lineage for p in others}
            classes = []
            for paragraph in version:
                merged_with = set(paragraph.parents) & lineages
                merged_into = any(
                    paragraph.lineage in p.parents or set(paragraph.parents) & set(p.parents) for p in others
                )
                if any(p.text == paragraph.text for p in others):
                    classes.append("verbatim")
                elif paragraph.lineage in lineages:
                    classes.append("edited")
                elif merged_with or merged_into:
                    classes.append("paraphrase")
                else:
                    classes.append("novel")
            out.append(classes)
        return out


def load_paragraphs(polnear: Path, min_words: int = 25) -> list[list[str]]:
    """Body paragraphs of each PolNeAR text (the first line, its title, left out)."""
    articles = []
    for path in sorted((polnear / "text").glob("*.txt")):
        blocks = [b.strip() for b in path.read_text(encoding="utf-8").split("\n\n")][1:]
        blocks = [" ".join(b.split()) for b in blocks if len(b.split()) >= min_words and "<" not in b]
        if len(blocks) >= 6:
            articles.append(blocks)
    return articles


def _edit(text: str, rng: random.Random) -> str:
    sentences = re.findall(r".+?[.!?][\"”’]?(?=\s|$)", text)
    if len(sentences) >= 3 and rng.random() < 0.25:
        return " ".join(sentences[:-1])  # trimmed: the last sentence cut
    words = text.split()
    for _ in range(rng.randint(1, 4)):
        move = rng.random()
        if move < 0.35:
            for old, new in rng.sample(_SWAPS, len(_SWAPS)):
                if re.search(rf"\b{old}\b", " ".join(words)):
                    words = re.sub(rf"\b{old}\b", new, " ".join(words), count=1).split()
                    break
            else:
                i = rng.randrange(len(words))
                words[i] = rng.choice(["reportedly", "officially", "again", "now"]) + " " + words[i]
        elif move < 0.6 and len(words) > 10:
            del words[rng.randrange(1, len(words) - 1)]
        elif move < 0.8:
            words = [w.replace("“", '"').replace("”", '"').replace("’", "'") for w in words]
        else:
            i = rng.randrange(len(words))
            words.insert(i, words[i])
    return " ".join(words)


def _first_sentence(text: str) -> str:
    match = re.match(r"(.+?[.!?][\"”’]?)(\s|$)", text)
    return match.group(1) if match else text


def make_story(
    name: str,
    pool: list[list[str]],
    n_versions: int,
    rng: random.Random,
    *,
    length: int = 10,
    p_copy: float = 0.55,
    p_edit: float = 0.25,
    p_trim: float = 0.1,
    p_merge: float = 0.05,
    p_extend: float = 0.3,
) -> SyntheticStory:
    """One story of ``n_versions`` versions derived from a PolNeAR article."""
    counter = iter(range(10**9))
    source = rng.choice(pool)
    start = rng.randrange(0, max(1, len(source) - length))
    origin = [Paragraph(text, next(counter)) for text in source[start : start + length]]
    story = SyntheticStory(name, [origin])
    for _ in range(n_versions - 1):
        parent = rng.choice(story.versions[: max(1, min(len(story.versions), 3))])
        version: list[Paragraph] = []
        i = 0
        while i < len(parent):
            roll = rng.random()
            paragraph = parent[i]
            if roll < p_copy:
                version.append(Paragraph(paragraph.text, paragraph.lineage, paragraph.parents, "copy"))
            elif roll < p_copy + p_edit:
                version.append(Paragraph(_edit(paragraph.text, rng), paragraph.lineage, paragraph.parents, "edit"))
            elif roll < p_copy + p_edit + p_trim:
                pass
            elif roll < p_copy + p_edit + p_trim + p_merge and i + 1 < len(parent) and not paragraph.parents:
                following = parent[i + 1]
                merged = _first_sentence(paragraph.text) + " " + _first_sentence(following.text)
                version.append(Paragraph(merged, next(counter), (paragraph.lineage, following.lineage), "merge"))
                i += 1
            else:
                version.append(Paragraph(paragraph.text, paragraph.lineage, paragraph.parents, "copy"))
            i += 1
        if rng.random() < p_extend:
            other = rng.choice(pool)
            for text in rng.sample(other, min(len(other), rng.randint(1, 3))):
                version.insert(rng.randint(0, len(version)), Paragraph(text, next(counter), (), "extend"))
        story.versions.append(version)
    return story
