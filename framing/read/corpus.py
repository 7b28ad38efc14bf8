"""Articles and corpora: what every reader builds and every later stage uses.

A :class:`Corpus` holds its articles in a list, or in :class:`ArticlesOnDisk` when their texts were left in
their files; :func:`metadata_of`, :func:`take` and :func:`with_stories` work on either.

>>> corpus = Corpus([Article("a", "Rama said it.", source="AP", story="records")])
>>> len(corpus), corpus["a"].source, corpus[0].story
(1, 'AP', 'records')
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import overload

import pandas as pd

from framing.contract import column_kind, columns
from framing.problems import FramingError, Problem
from framing.read.extra import EMPTY_EXTRA, ExtraColumns
from framing.read.stored import _RecordFormat, _StoredFile

__all__ = [
    "Article",
    "ArticlesOnDisk",
    "Corpus",
    "InputFile",
    "extra_kinds",
    "extra_names",
    "metadata_of",
    "take",
    "with_extra_names",
    "with_stories",
]


@dataclass(frozen=True)
class Article:
    """One version of a story, as read: its text and the metadata the user gave.

    ``extra`` holds the input's own columns beyond these fields (a leaning, a
    year), written to ``articles.csv`` after framing's columns.
    """

    article_id: str
    text: str
    source: str = ""
    title: str = ""
    date: str = ""
    story: str = ""
    url: str = ""
    input: str = ""
    extra: ExtraColumns = EMPTY_EXTRA


@dataclass(frozen=True)
class InputFile:
    """A file that was read, with its checksum for the run manifest."""

    path: str
    sha256: str
    bytes: int


@dataclass
class Corpus:
    """Articles plus the problems met while reading them and the files read.

    ``articles`` is a list, or :class:`ArticlesOnDisk` when the texts were left
    in their files (``load(..., keep_texts=False)``).
    """

    articles: Sequence[Article]
    problems: list[Problem] = field(default_factory=list)
    inputs: list[InputFile] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.articles)

    def __iter__(self) -> Iterator[Article]:
        return iter(self.articles)

    def __getitem__(self, key: int | str) -> Article:
        if isinstance(key, int):
            return self.articles[key]
        ids = [a.article_id for a in metadata_of(self.articles)]
        if key not in ids:
            raise KeyError(f"no article with id {key!r}; ids are {ids[:10]}")
        return self.articles[ids.index(key)]

    def stories(self) -> dict[str, list[Article]]:
        """Articles grouped by story, in input order."""
        groups: dict[str, list[Article]] = {}
        for article in self.articles:
            groups.setdefault(article.story, []).append(article)
        return groups

    def to_frame(self) -> pd.DataFrame:
        """One row per article with its metadata and length (not its text)."""
        names = ["article_id", "story", "source", "title", "date", "url", "input", "chars"]
        extra = extra_names(self.articles)
        rows = [
            {
                "article_id": a.article_id,
                "story": a.story,
                "source": a.source,
                "title": a.title,
                "date": a.date,
                "url": a.url,
                "input": a.input,
                "chars": len(a.text),
                **{name: a.extra.get(name) for name in extra if name not in names},
            }
            for a in self.articles
        ]
        return pd.DataFrame(rows, columns=[*names, *(name for name in extra if name not in names)])


# --- texts left on disk ----------------------------------------------------------


class ArticlesOnDisk(Sequence[Article]):
    """Articles whose texts stay in their files until an article is used: its metadata and where its record is.

    What ``load(path, keep_texts=False)`` gives, and what ``framing analyze``
    holds, so that memory does not grow with the texts of a large corpus.
    Indexing or iterating reads the texts again (:meth:`take` reads many at
    once, in file order); a file changed since it was read is an error.

    >>> import tempfile
    >>> from pathlib import Path
    >>> from framing.read import load
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.jsonl").write_text('{"id": "x", "text": "It rained."}\\n', encoding="utf-8")
    >>> articles = load(folder / "a.jsonl", keep_texts=False).articles
    >>> metadata_of(articles)[0].text, articles[0].text
    ('', 'It rained.')
    """

    def __init__(self, record: _RecordFormat) -> None:
        self._record = record
        self._stubs: list[Article] = []
        self._files: list[_StoredFile] = []
        self._file_of = array("l")
        self._starts = array("q")
        self._ends = array("q")

    def add_file(self, stored: _StoredFile) -> int:
        """Register a file that records are read from; its number, for :meth:`add`."""
        self._files.append(stored)
        return len(self._files) - 1

    def add(self, article: Article, file: int, start: int, end: int) -> None:
        """Keep ``article`` without its text, which is in bytes ``[start, end)`` of file number ``file``."""
        self._stubs.append(replace(article, text=""))
        self._file_of.append(file)
        self._starts.append(start)
        self._ends.append(end)

    @property
    def stubs(self) -> list[Article]:
        """The articles with their metadata and an empty ``text``."""
        return self._stubs

    def __len__(self) -> int:
        return len(self._stubs)

    @overload
    def __getitem__(self, key: int) -> Article: ...
    @overload
    def __getitem__(self, key: slice) -> list[Article]: ...
    def __getitem__(self, key: int | slice) -> Article | list[Article]:
        if isinstance(key, slice):
            return self.take(range(len(self))[key])
        return self.take([range(len(self))[key]])[0]

    def __iter__(self) -> Iterator[Article]:
        step = 256
        for start in range(0, len(self), step):
            yield from self.take(range(start, min(start + step, len(self))))

    def take(self, indices: Iterable[int]) -> list[Article]:
        """The articles at ``indices``, with their texts, in that order."""
        wanted = list(indices)
        by_file: dict[int, list[int]] = {}
        for index in wanted:
            by_file.setdefault(self._file_of[index], []).append(index)
        texts: dict[int, str] = {}
        for number, members in by_file.items():
            stored = self._files[number]
            stored.check()
            with open(stored.path, "rb") as handle:
                for index in sorted(members, key=self._starts.__getitem__):
                    handle.seek(self._starts[index])
                    texts[index] = self._record.text(handle.read(self._ends[index] - self._starts[index]), stored.path)
        return [replace(self._stubs[index], text=texts[index]) for index in wanted]

    def with_stories(self, labels: Sequence[str]) -> ArticlesOnDisk:
        """The same articles with ``labels`` as their stories."""
        relabelled = ArticlesOnDisk(self._record)
        relabelled._files, relabelled._file_of, relabelled._starts, relabelled._ends = (
            self._files,
            self._file_of,
            self._starts,
            self._ends,
        )
        relabelled._stubs = [replace(a, story=label) for a, label in zip(self._stubs, labels, strict=True)]
        return relabelled

    def pad_extra(self, names: tuple[str, ...]) -> None:
        """Give every article the extra columns ``names`` (those it lacks empty), in place."""
        for index, stub in enumerate(self._stubs):
            if stub.extra.names != names:
                self._stubs[index] = replace(stub, extra=stub.extra.padded(names))


def metadata_of(articles: Sequence[Article]) -> Sequence[Article]:
    """``articles`` for their metadata only, without reading texts left on disk (their ``text`` is then empty)."""
    return articles.stubs if isinstance(articles, ArticlesOnDisk) else articles


def extra_names(articles: Sequence[Article]) -> tuple[str, ...]:
    """The extra columns of ``articles`` (:class:`ExtraColumns`), in order of first appearance.

    >>> extra_names([Article("a", "x", extra=ExtraColumns(("lean",), ("left",))), Article("b", "y")])
    ('lean',)
    """
    names: dict[str, None] = {}
    last: tuple[str, ...] = ()
    for article in metadata_of(articles):
        if article.extra.names is not last and article.extra.names != last:
            last = article.extra.names
            names.update(dict.fromkeys(last))
    return tuple(names)


def with_extra_names(articles: Sequence[Article]) -> Sequence[Article]:
    """``articles``, every one with the same extra columns (:func:`extra_names`; those it lacks empty), so that
    every batch of a run writes the same columns of ``articles.csv``."""
    names = extra_names(articles)
    taken = sorted(set(names) & set(columns("articles")))
    if taken:
        raise FramingError(
            f"the articles' extra columns {', '.join(map(repr, taken))} are named like columns framing computes; "
            "rename them (load() keeps such input columns as input_NAME)"
        )
    stubs = metadata_of(articles)
    if all(article.extra.names == names for article in stubs):
        return articles
    if isinstance(articles, ArticlesOnDisk):
        articles.pad_extra(names)
        return articles
    return [replace(article, extra=article.extra.padded(names)) for article in articles]


def extra_kinds(articles: Sequence[Article]) -> dict[str, str]:
    """The type of each extra column of ``articles`` (``int``, ``float``, ``bool`` or ``text``), in order.

    >>> extra_kinds([Article("a", "x", extra=ExtraColumns(("year",), (2012,))), Article("b", "y")])
    {'year': 'int'}
    """
    stubs = metadata_of(articles)
    return {name: column_kind(a.extra.get(name) for a in stubs) for name in extra_names(articles)}


def take(articles: Sequence[Article], indices: Iterable[int]) -> list[Article]:
    """The articles at ``indices``, in that order (texts left on disk are read in file order)."""
    if isinstance(articles, ArticlesOnDisk):
        return articles.take(indices)
    return [articles[i] for i in indices]


def with_stories(articles: Sequence[Article], labels: Sequence[str]) -> Sequence[Article]:
    """``articles`` with ``labels`` as their stories (texts left on disk stay there)."""
    if isinstance(articles, ArticlesOnDisk):
        return articles.with_stories(labels)
    return [replace(article, story=label) for article, label in zip(articles, labels, strict=True)]
