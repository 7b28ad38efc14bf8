"""Lexicons: word lists with categories that anyone can read, edit and swap, and matching them on tokens.

The terms' syntax is in :mod:`framing.lexicons.entries`, the file format in
:mod:`framing.lexicons.files`.

>>> lex = Lexicon.from_entries("demo", [("slam*", "emotive"), ("according to", "neutral")])
>>> from framing.segment import tokenize
>>> text = "Critics slammed it, according to AP."
>>> [(m.text, m.entry.category) for m in lex.match(tokenize(text), text)]
[('slammed', 'emotive'), ('according to', 'neutral')]
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from itertools import chain, compress
from pathlib import Path

import pandas as pd

from framing.lexicons.entries import LexiconEntry, LexiconMatch, compile_entry, entries_hash
from framing.lexicons.matchable import matchable_tokens
from framing.lexicons.matching import Node, StemMemo
from framing.problems import FramingError
from framing.read.lexicon_files import COLUMNS, REQUIRED_KEYS
from framing.segment import Token, normalize_token, normalized_texts

__all__ = ["Lexicon", "WordPositions"]


class Lexicon:
    """A named, versioned word list with categories and provenance.

    Build one with :func:`load_lexicon` (a TSV file), :func:`builtin_lexicon`
    (the files shipped with framing) or :meth:`from_entries` (in code).
    Lexicons do not change; :meth:`add` returns a new one.
    """

    def __init__(
        self,
        entries: Sequence[LexiconEntry],
        *,
        meta: dict[str, str],
        path: str = "",
        sha256: str = "",
    ) -> None:
        self.entries = tuple(entries)
        self.meta = dict(meta)
        self.path = path
        self.sha256 = sha256
        #: The most words any entry has.
        self.longest_entry = max((len(e.words) for e in self.entries), default=0)
        self._root = Node.trie(self.entries)
        self._first = self._root.words
        self._first_exact = self._root.cased
        first_prefixes = {text for text, _exact, _node in self._root.prefixes}
        self._prefix_re = (
            re.compile("|".join(re.escape(p) for p in sorted(first_prefixes, key=len, reverse=True)))
            if first_prefixes
            else None
        )
        self._openers = self._root.openers()
        #: First words that are no entry alone, and the pairs of first and second words they begin.
        self._pair_only = frozenset(w for w, o in self._openers.items() if o.entry is None and o.following is not None)
        self._pairs = frozenset((w, second) for w in self._pair_only for second in self._openers[w].following or ())
        #: The exact-case first words (``=May``) normalized: where to look for them.
        self._cased_forms = frozenset(map(normalize_token, self._first_exact))
        self._stems = StemMemo(self._prefix_re)

    # -- provenance ------------------------------------------------------------
    @property
    def name(self) -> str:
        return self.meta.get("name", "")

    @property
    def version(self) -> str:
        return self.meta.get("version", "")

    def __len__(self) -> int:
        return len(self.entries)

    def __repr__(self) -> str:
        return f"Lexicon({self.name!r}, version={self.version!r}, entries={len(self)})"

    def categories(self) -> list[str]:
        """The categories in the order they first appear."""
        return list(dict.fromkeys(e.category for e in self.entries))

    def provenance(self) -> dict[str, str]:
        """Name, version, source, license, path and checksum, for run manifests."""
        keys = ("name", "version", "description", "source", "license")
        info = {k: self.meta.get(k, "") for k in keys}
        info.update(entries=str(len(self)), sha256=self.sha256, path=self.path)
        return info

    def to_frame(self) -> pd.DataFrame:
        """The entries as a DataFrame with the file's columns."""
        return pd.DataFrame([(e.term, e.category, e.weight, e.note) for e in self.entries], columns=list(COLUMNS))

    # -- building ---------------------------------------------------------------
    @classmethod
    def from_entries(
        cls,
        name: str,
        rows: Iterable[tuple[str, str] | tuple[str, str, float] | tuple[str, str, float, str]],
        **meta: str,
    ) -> Lexicon:
        """A lexicon from ``(term, category[, weight[, note]])`` tuples.

        >>> Lexicon.from_entries("mine", [("thug*", "pejorative")]).categories()
        ['pejorative']
        """
        info = {"name": name, "version": "user", "description": "", "source": "user", "license": ""}
        info.update(meta)
        entries = []
        for number, row in enumerate(rows, start=1):
            term, category, *rest = row
            weight = float(rest[0]) if rest else 1.0  # type: ignore[arg-type]
            note = str(rest[1]) if len(rest) > 1 else ""
            entries.append(compile_entry(term, category, weight, note, number, f"{name} entry {number}"))
        lexicon = cls(entries, meta=info)
        lexicon._check_duplicates(name)
        lexicon.sha256 = entries_hash(lexicon.entries)
        return lexicon

    def add(self, term: str, category: str, weight: float = 1.0, note: str = "") -> Lexicon:
        """A copy of this lexicon with one more entry.

        >>> lex = Lexicon.from_entries("mine", [("thug*", "pejorative")])
        >>> len(lex.add("mob", "pejorative"))
        2
        """
        entry = compile_entry(term, category, weight, note, len(self.entries) + 1, f"{self.name}: added term")
        meta = dict(self.meta, version=f"{self.version}+user")
        lexicon = Lexicon([*self.entries, entry], meta=meta, path=self.path)
        lexicon._check_duplicates(self.name)
        lexicon.sha256 = entries_hash(lexicon.entries)
        return lexicon

    def save(self, path: str | Path) -> Path:
        """Write the lexicon as a TSV file that :func:`load_lexicon` reads back; return the path.

        The header keeps every ``# key: value`` line of the original, so a
        copy edited and saved still says where its entries come from; a
        required key the lexicon lacks is written as "not stated".

        >>> import tempfile, pathlib
        >>> from framing.lexicons.files import load_lexicon
        >>> lex = Lexicon.from_entries("mine", [("thug*", "pejorative")]).add("mob", "pejorative")
        >>> path = lex.save(pathlib.Path(tempfile.mkdtemp()) / "mine.tsv")
        >>> [e.term for e in load_lexicon(path).entries]
        ['thug*', 'mob']
        """
        path = Path(path)
        meta = {**{key: "not stated" for key in REQUIRED_KEYS}, **{k: v for k, v in self.meta.items() if v}}
        lines = [f"# {key}: {line}" for key, value in meta.items() for line in str(value).split("\n")]
        lines.append("\t".join(COLUMNS))
        lines.extend(f"{e.term}\t{e.category}\t{e.weight:g}\t{e.note}" for e in self.entries)
        try:
            path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        except OSError as exc:
            raise FramingError(f"cannot write the lexicon to {path} ({exc.strerror}); choose a writable path") from None
        return path

    def _check_duplicates(self, where: str) -> None:
        seen: dict[tuple, LexiconEntry] = {}
        for entry in self.entries:
            key = entry.words
            if key in seen:
                first = seen[key]
                raise FramingError(
                    f"{where}: line {entry.line}: the term {entry.term!r} repeats line {first.line} "
                    f"({first.term!r}); keep one of them"
                )
            seen[key] = entry

    # -- matching ---------------------------------------------------------------
    def match(self, tokens: Sequence[Token], text: str) -> list[LexiconMatch]:
        """Non-overlapping hits in ``tokens``, longest first, left to right.

        ``tokens`` come from :func:`framing.segment.tokenize` on ``text``;
        the hits carry offsets into ``text``.
        """
        if not tokens:
            return []
        hyphenated = "-" in text[tokens[0].start : tokens[-1].end]
        parts = matchable_tokens(tokens) if hyphenated else list(tokens)
        normalized = normalized_texts(parts)
        if self._prefix_re is None and not self._first_exact and self._openers.keys().isdisjoint(normalized):
            # without wildcard or exact-case first words only a plain first word can begin a hit,
            # and none is here: what match_prepared would find, without its set-up (short texts are many)
            return []
        return self.match_prepared(parts, normalized, text)

    def match_prepared(
        self,
        parts: Sequence[Token],
        normalized: Sequence[str],
        text: str,
        positions: WordPositions | None = None,
    ) -> list[LexiconMatch]:
        """:meth:`match` on tokens already split by :func:`matchable_tokens` and normalized.

        For many lexicons over one text: prepare the tokens once (and pass
        ``positions``, the :class:`WordPositions` of ``normalized``, to find
        where words occur once).  A token whose normalized text is
        :data:`BARRIER` is never part of a hit, so one call can cover several
        sentences without a hit crossing them.
        """
        # the distinct words first (a set, built in C): most texts given to a lexicon hold none of its
        # first words, and then where each word occurs is never needed
        positions = WordPositions(normalized) if positions is None else positions
        present, stemmed = positions.openings(self)
        if not present:
            return []
        openers, cased = self._openers, self._first_exact
        found_at = positions.of(present)
        hits: list[LexiconMatch] = []
        free = 0
        last = len(normalized) - 1
        for i in self._candidates(normalized, found_at, present, stemmed):
            if i < free:
                continue
            word = normalized[i]
            found: tuple[int, int] | None
            if word in stemmed or parts[i].text in cased:
                found = self._root.longest(parts, normalized, i)
            elif word not in openers:
                continue  # the word is written with exact case in the lexicon, but not so here
            else:
                entry, following = openers[word]
                if following is None or (i < last and normalized[i + 1] in following):
                    found = self._root.longest(parts, normalized, i)
                elif entry is None:
                    continue  # no entry is this word alone, and the next word continues none
                else:
                    found = (1, entry)  # this word alone, as the walk would find
            if found is None:
                continue
            length, index = found
            first, end = parts[i], parts[i + length - 1]
            match = (self.entries[index], text[first.start : end.end], first.start, end.end)
            hits.append(tuple.__new__(LexiconMatch, match))  # without the Python-level __new__: hits are many
            free = i + length
        return hits

    def _openings(self, words: AbstractSet[str]) -> tuple[set[str], set[str]]:
        """The (normalized) words among ``words`` that may begin a hit of this lexicon, and those of them that
        begin with the stem of a wildcard first word.

        >>> Lexicon.from_entries("demo", [("slam*", "emotive"), ("war", "conflict")])._openings(
        ...     {"war", "slammed", "peace"})[0] == {"war", "slammed"}
        True
        """
        stemmed = self._stems.words_in(words)
        return (self._openers.keys() & words) | (words & self._cased_forms) | stemmed, stemmed

    def _candidates(
        self, normalized: Sequence[str], positions: Mapping[str, list[int]], present: set[str], stemmed: set[str]
    ) -> list[int]:
        """Where a hit may begin, in order: every occurrence of a ``present`` word, except that a
        word that is no entry alone counts only before a word that can follow it ("of" before
        "course")."""
        paired = (present & self._pair_only) - stemmed - self._cased_forms
        found = list(chain.from_iterable(map(positions.__getitem__, present - paired)))
        pairs, last = self._pairs, len(normalized) - 1
        for word in paired:
            found.extend(i for i in positions[word] if i < last and (word, normalized[i + 1]) in pairs)
        found.sort()
        return found


class WordPositions:
    """Where the words of a list of normalized tokens occur, found only for the words asked about.

    ``words`` are the distinct words; :meth:`of` finds the indices of the
    words asked for, in order, in one pass over the list for all those not
    asked about before.  Asking once for every lexicon's :meth:`first_words`
    costs one pass for all of them.

    >>> positions = WordPositions(["the", "war", "the"])
    >>> sorted(positions.words), positions.of({"the"})["the"]
    (['the', 'war'], [0, 2])
    """

    def __init__(self, normalized: Sequence[str]) -> None:
        self.normalized = normalized
        self.words = set(normalized)
        self._found: dict[str, list[int]] = {}
        self._openings: dict[Lexicon, tuple[set[str], set[str]]] = {}

    def first_words(self, lexicon: Lexicon) -> set[str]:
        """The words here that may begin a hit of ``lexicon`` (:meth:`Lexicon._openings`), worked out once."""
        return self.openings(lexicon)[0]

    def openings(self, lexicon: Lexicon) -> tuple[set[str], set[str]]:
        """:meth:`first_words`, and those of them that begin with a wildcard stem of ``lexicon``."""
        found = self._openings.get(lexicon)
        if found is None:
            found = self._openings[lexicon] = lexicon._openings(self.words)
        return found

    def of(self, wanted: AbstractSet[str]) -> Mapping[str, list[int]]:
        """Where each of ``wanted`` occurs (an empty list for a word that does not), and any word found before."""
        new = wanted - self._found.keys()
        if new:
            found, normalized = self._found, self.normalized
            for word in new:
                found[word] = []
            for i in compress(range(len(normalized)), map(new.__contains__, normalized)):
                found[normalized[i]].append(i)
        return self._found
