"""A fast part-of-speech lookup: each word's most frequent Penn Treebank tag.

No context is used, so "report" is always a noun; in exchange a tag costs a
dictionary lookup, which the attribution rules can afford on every token.
The table was built by ``scripts/train_pos.py`` from CoreNLP's tags of
PolNeAR's training texts (its provenance is in the file's header).

>>> [tag(w) for w in ["The", "senator", "said", "quickly", "Stoltenberg", "blorfing"]]
['DT', 'NN', 'VBD', 'RB', 'NNP', 'VBG']
>>> is_verb("said"), is_noun("tweet")
(True, True)
"""

from __future__ import annotations

import gzip
from functools import lru_cache
from importlib import resources

__all__ = ["is_noun", "is_verb", "known_tag", "provenance", "tag"]


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, str], dict[str, str], str]:
    words: dict[str, str] = {}
    endings: dict[str, str] = {}
    header = []
    table = resources.files("framing.models") / "pos_lookup.tsv.gz"
    with resources.as_file(table) as path, gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#"):
                header.append(line[1:].strip())
                continue
            kind, key, value, _share = line.rstrip("\n").split("\t")
            if kind == "word":
                words[key] = value
            elif kind == "ending":
                endings[key] = value
    return words, endings, "\n".join(header)


@lru_cache(maxsize=65536)
def tag(word: str) -> str:
    """The most frequent tag of ``word`` (exact case, then lower case, then its ending, then a guess)."""
    words, endings, _ = _table()
    found = words.get(word) or words.get(word.lower())
    if found:
        return found
    if word[:1].isupper():
        return "NNP"
    if word[:1].isdigit():
        return "CD"
    if not word[:1].isalnum():
        return word[:1]
    return endings.get(word[-3:].lower(), "NN")


def known_tag(word: str) -> str:
    """The most frequent tag of ``word`` as written when the lookup has it, else ``""`` (no guess from the
    ending: "carver" is not a preposition because "over" is).

    >>> known_tag("but"), known_tag("zzzq")
    ('CC', '')
    """
    return _table()[0].get(word, "")


def is_verb(word: str) -> bool:
    """Tagged as a verb (VB, VBD, VBG, VBN, VBP, VBZ) or modal."""
    found = tag(word)
    return found.startswith("VB") or found == "MD"


def is_noun(word: str) -> bool:
    """Tagged as a noun (NN, NNS, NNP, NNPS)."""
    return tag(word).startswith("NN")


def provenance() -> str:
    """The header of the lookup table: what it was built from."""
    return _table()[2]
