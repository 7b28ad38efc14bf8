"""The matching machinery of a lexicon: the trie its entries compile into, and the memo of wildcard stems.

>>> from framing.lexicons.entries import compile_entry
>>> from framing.segment import normalized_texts, tokenize
>>> root = Node.trie([compile_entry("according to", "neutral", 1.0, "", 1, "demo")])
>>> parts = tokenize("Rain, according to AP.")
>>> root.longest(parts, normalized_texts(parts), 2)  # two words long, entry 0
(2, 0)
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from typing import NamedTuple

from framing.lexicons.entries import Form, LexiconEntry
from framing.segment import Token

__all__ = ["Node", "StemMemo"]


class StemMemo:
    """Which words begin with the stem of a wildcard first word (``slam*``), remembered across texts.

    Testing the distinct words of a text against the stems once, and
    remembering the answer, costs far less than a regular-expression call on
    every token.
    """

    #: Forget everything after this many distinct words, to bound the memory.
    limit = 500_000

    def __init__(self, stems: re.Pattern[str] | None) -> None:
        self.stems = stems
        self.seen: set[str] = set()
        self.hits: set[str] = set()

    def words_in(self, words: AbstractSet[str]) -> set[str]:
        """The words in ``words`` that begin with a stem (an empty set when there are no stems)."""
        if self.stems is None:
            return set()
        unseen = words - self.seen
        if unseen:
            if len(self.seen) > self.limit:
                self.seen.clear()
                self.hits.clear()
            match = self.stems.match
            self.hits.update(word for word in unseen if match(word))
            self.seen.update(unseen)
        return self.hits & words


class _Opener(NamedTuple):
    """A word that begins entries: the entry it is on its own (or ``None``), and the normalized words
    that can come second, or ``None`` when that depends on case or a wildcard (then walk the trie)."""

    entry: int | None
    following: frozenset[str] | None


class Node:
    """A node of the lexicon's trie: the words that may come next, and the entry that may end here."""

    __slots__ = ("cased", "entry", "prefixes", "words")

    def __init__(self) -> None:
        self.words: dict[str, Node] = {}  # normalized word -> next node
        self.cased: dict[str, Node] = {}  # word as written (``=May``) -> next node
        self.prefixes: list[tuple[str, bool, Node]] = []  # (stem, exact case, next node) for ``slam*``
        self.entry: int | None = None  # the first entry (lowest index) that ends here

    @classmethod
    def trie(cls, entries: Sequence[LexiconEntry]) -> Node:
        root = cls()
        for index, entry in enumerate(entries):
            nodes = [root]
            for forms in entry.words:
                nodes = list({id(n): n for n in (node.child(form) for node in nodes for form in forms)}.values())
            for node in nodes:
                if node.entry is None or index < node.entry:
                    node.entry = index
        return root

    def openers(self) -> dict[str, _Opener]:
        """What each normalized word that can begin an entry tells before a walk (see :class:`_Opener`).

        A first word with exact case and a wildcard (``=May*``) may begin a
        hit at any word, so then every word is worth a walk.
        """
        any_word = any(exact for _text, exact, _node in self.prefixes)
        openers: dict[str, _Opener] = {}
        for word, node in self.words.items():
            plain = not (any_word or node.cased or node.prefixes)
            openers[word] = _Opener(node.entry, frozenset(node.words) if plain else None)
        return openers

    def child(self, form: Form) -> Node:
        if form.prefix:
            for text, exact, node in self.prefixes:
                if text == form.text and exact == form.exact_case:
                    return node
            node = Node()
            self.prefixes.append((form.text, form.exact_case, node))
            return node
        table = self.cased if form.exact_case else self.words
        return table.setdefault(form.text, Node())

    def following(self, original: str, normalized: str) -> list[Node]:
        found = []
        node = self.words.get(normalized)
        if node is not None:
            found.append(node)
        if self.cased:
            node = self.cased.get(original)
            if node is not None:
                found.append(node)
        for text, exact, node in self.prefixes:
            if (original if exact else normalized).startswith(text):
                found.append(node)
        return found

    def longest(self, parts: Sequence[Token], normalized: Sequence[str], i: int) -> tuple[int, int] | None:
        """``(length, entry index)`` of the longest entry matching from token ``i`` (the first entry on ties).

        Words of a phrase must be adjacent: a space or a hyphen apart.
        """
        best: tuple[int, int] | None = None
        nodes = [self]
        k = i
        while nodes and k < len(parts):
            token = parts[k]
            if k > i and token.start - parts[k - 1].end > 3:
                break
            if len(nodes) == 1 and not nodes[0].cased and not nodes[0].prefixes:
                # the common case, one node whose next words are plain: a dictionary lookup
                node = nodes[0].words.get(normalized[k])
                nodes = [] if node is None else [node]
            else:
                nodes = [n for node in nodes for n in node.following(token.text, normalized[k])]
            k += 1
            ends = [n.entry for n in nodes if n.entry is not None]
            if ends:
                best = (k - i, min(ends))
        return best
