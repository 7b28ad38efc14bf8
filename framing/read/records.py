"""Articles from records (a table's rows, a list of dicts): fields by column name, unique ids, problems listed.

>>> names = {name: name for name in FIELDS}
>>> records = [{"id": "a", "text": "Rain."}, {"id": "a", "text": "Sun."}, {"id": "b", "text": " "}]
>>> corpus = _from_records(_numbered(records), names, origin="records", default_story="records", max_chars=100)
>>> [a.article_id for a in corpus], [p.message for p in corpus.problems]
(['a', 'a~2'], ["duplicate id 'a' (first at line 1); renamed to 'a~2'", "not read: the 'text' field is empty"])
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from framing.problems import FramingError, Problem, writable
from framing.read.corpus import Article, ArticlesOnDisk, Corpus, with_extra_names
from framing.read.extra import _ExtraLayout, column_error
from framing.read.stored import _as_text, _cell_text
from framing.read.textio import NotText, normalize_newlines

__all__ = ["FIELDS", "check_columns"]

#: The fields an input record can carry, and the default column names for them.
FIELDS = ("id", "text", "source", "title", "date", "story", "url")

#: A record of a table: its line number, its fields, and its bytes ``[start, end)`` in the file.
_Numbered = tuple[int, Mapping[Any, Any], int, int]


def _numbered(records: Iterable[Mapping[Any, Any]]) -> Iterator[_Numbered]:
    """Records held in memory, numbered from 1 (they have no bytes in a file)."""
    for number, record in enumerate(records, start=1):
        yield number, record, 0, 0


def _from_records(
    records: Iterable[_Numbered],
    names: dict[str, str],
    *,
    origin: str,
    default_story: str,
    max_chars: int,
    on_disk: ArticlesOnDisk | None = None,
    listed: Sequence[Problem] = (),
) -> Corpus:
    """The articles of some records; with ``on_disk``, their texts are left in its (only) file.  ``listed``: the
    reader's problems so far (no record at all is an error only when it listed none: lines it could not read)."""
    articles: list[Article] = []
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    count = 0
    layout = _ExtraLayout(names, origin=origin)
    for line, record, start, end in records:
        count += 1
        extra = layout.extra(record)
        where = (origin, line)
        text = _checked_text(record.get(names["text"]), names["text"], where, max_chars, problems)
        if text is None:
            continue
        article_id = _as_text(record.get(names["id"]))  # kept as given, spaces too: an id must round-trip
        article_id = _writable_id(
            article_id if article_id.strip() else f"{Path(default_story).name}-{line}", where, problems
        )
        article_id = _unique_id(article_id, seen, where, problems)
        seen[article_id] = line
        article = Article(
            article_id=article_id,
            text=text,
            source=_field(record, names["source"]),
            title=_field(record, names["title"]),
            date=_field(record, names["date"]),
            story=_field(record, names["story"]) or writable(default_story),
            url=_field(record, names["url"]),
            input=f"{origin}:{line}",
            extra=extra,
        )
        if on_disk is None:
            articles.append(article)
        else:
            on_disk.add(article, 0, start, end)
    if count and names["text"] not in layout.seen:
        raise FramingError(
            f"{origin} has no field {names['text']!r} (fields: {', '.join(map(str, sorted(layout.seen, key=str)))}); "
            "name the field that holds the article text with --text-column (in Python: columns={'text': NAME})"
        )
    if not count and not listed:
        raise FramingError(f"{origin} holds no articles; add one row (or line) per article")
    check_columns(origin, names, layout.seen)
    read = articles if on_disk is None else on_disk
    return Corpus(with_extra_names(read), [*layout.problems, *problems])


def _checked_text(
    value: Any, field: str, where: tuple[str, int], max_chars: int, problems: list[Problem]
) -> str | None:
    """The article text in a record's cell, or ``None`` with an error in ``problems`` (a note when it was changed)."""
    try:
        text, note = _cell_text(value)
    except NotText as exc:
        problems.append(Problem(*where, "error", f"not read: the {field!r} field {exc}"))
        return None
    if not text.strip():
        problems.append(Problem(*where, "error", f"not read: the {field!r} field is empty"))
        return None
    if len(text) > max_chars:
        message = f"not read: {len(text):,} characters is more than the limit of {max_chars:,}; raise --max-mb"
        problems.append(Problem(*where, "error", message))
        return None
    if note:
        problems.append(Problem(*where, "warning", note))
    return text


def check_columns(origin: str, names: Mapping[str, str], available: Iterable[Any]) -> None:
    """A one-line error when a column named for a field (``--source-column outlet``) is not among ``available``.

    Only names given instead of the default (the field's own name) are checked: a table without a ``url``
    column is fine, one without the ``outlet`` column the user named is a mistake.

    >>> check_columns("news.csv", {"source": "outlet"}, ["id", "text", "outlet"])
    >>> check_columns("news.csv", {"source": "outlte"}, ["id", "text", "outlet"])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    framing.problems.FramingError: news.csv has no column 'outlte' for --source-column; did you mean 'outlet'? ...
    """
    available = list(available)
    present = set(available)
    for field, name in names.items():
        if name != field and name not in present:
            message = column_error(origin, field, name, available)
            raise FramingError(f"{message} (in Python: columns={{{field!r}: NAME}})")


def _field(record: Mapping[Any, Any], name: str) -> str:
    """A metadata field of a record (source, title, ...) as text: stripped, with ``\\n`` line ends (a lone
    ``\\r`` would end a table's row in many CSV readers) and writable (:func:`~framing.problems.writable`).

    >>> _field({"source": " AP\\r\\nWire "}, "source")
    'AP\\nWire'
    """
    return writable(normalize_newlines(_as_text(record.get(name))).strip())


def _writable_id(article_id: str, where: tuple[str, int], problems: list[Problem]) -> str:
    """``article_id`` as a table can hold it (:func:`~framing.problems.writable`), with a warning when it changed."""
    shown = writable(article_id)
    if shown != article_id:
        problems.append(Problem(*where, "warning", f"the id holds lone surrogates; it is written as {shown!r}"))
    return shown


def _unique_id(article_id: str, seen: dict[str, int], where: tuple[str, int], problems: list[Problem]) -> str:
    """``article_id``, or ``article_id~2`` (``~3``, ...) with a warning when an earlier record has it."""
    if article_id in seen:
        original = article_id
        suffix = 2
        while f"{original}~{suffix}" in seen:
            suffix += 1
        article_id = f"{original}~{suffix}"
        problems.append(
            Problem(
                *where,
                "warning",
                f"duplicate id {original!r} (first at line {seen[original]}); renamed to {article_id!r}",
            )
        )
    return article_id
