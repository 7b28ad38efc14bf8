"""Folders of ``.txt`` files, one article each: each sub-folder is a story, and ``manifest.csv`` gives metadata.

>>> import tempfile
>>> root = Path(tempfile.mkdtemp())
>>> _ = (root / "a.txt").write_text("It rained.", encoding="utf-8")
>>> _ = (root / MANIFEST_NAME).write_text("file,source\\na.txt,AP\\n", encoding="utf-8")
>>> article = _read_folder(root, 1000, True)[0]
>>> article.article_id, article.source, article.text
('a', 'AP', 'It rained.')
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from framing.problems import FramingError, Problem, writable
from framing.read.corpus import Article, ArticlesOnDisk, Corpus, InputFile, with_extra_names
from framing.read.extra import EMPTY_EXTRA, _ExtraLayout
from framing.read.records import FIELDS, check_columns
from framing.read.stored import _RecordFormat, _StoredFile
from framing.read.textio import NotText, decode_bytes
from framing.read.walk import _list_folder, _real

__all__ = ["MANIFEST_NAME"]

#: The optional per-folder metadata file for folders of text files.
MANIFEST_NAME = "manifest.csv"
_MANIFEST_FIELDS = ("source", "title", "date", "url", "story")


def _read_folder(root: Path, max_chars: int, keep_texts: bool, names: Mapping[str, str] | None = None) -> Corpus:
    """The articles of a folder; ``names`` gives the manifest's column for each field (as for tables)."""
    names = dict(names or {field: field for field in FIELDS})
    corpus = Corpus([])
    text_files: list[Path] = []
    listing = _list_folder(root)
    manifests = [path for path in listing.files if path.name == MANIFEST_NAME]
    for path in listing.files:
        if path.suffix.lower() == ".txt":
            text_files.append(path)
        elif path.name != MANIFEST_NAME:
            corpus.problems.append(
                Problem(
                    str(path),
                    None,
                    "warning",
                    "ignored: only .txt files are read from a folder; convert it to .txt to include it",
                )
            )
    corpus.problems.extend(listing.problems)
    if not text_files:
        raise FramingError(f"no .txt files in {root}; put one article per .txt file there, or give a .csv/.jsonl file")
    metadata, layout = _read_manifests(root, text_files, manifests, corpus, names)
    articles: list[Article] = []
    on_disk = None if keep_texts else ArticlesOnDisk(_RecordFormat("txt"))
    seen: set[str] = set()
    for path in text_files:
        relative = path.relative_to(root)
        article_id = _folder_id(path, relative.with_suffix("").as_posix(), seen, corpus)
        story = writable(relative.parent.as_posix() if relative.parent != Path(".") else root.resolve().name)
        read = _read_text_file(path, article_id, story, corpus, max_chars)
        if read is None:
            continue
        fields, row = metadata.get(_real(path), ({}, None))
        extra = EMPTY_EXTRA if row is None and not layout.names else layout.extra(row or {})
        article = replace(read[0], **fields, extra=extra)
        if on_disk is None:
            articles.append(article)
        else:
            on_disk.add(article, on_disk.add_file(read[1]), 0, read[1].size)
    corpus.articles = with_extra_names(articles if on_disk is None else on_disk)
    corpus.problems[:0] = layout.problems
    return corpus


def _folder_id(path: Path, name: str, seen: set[str], corpus: Corpus) -> str:
    """``name`` (an id made of a file name) as a table can hold it, and unique: a warning when the name is not
    UTF-8 (escaped), or when another file has the same id (``a.txt`` and ``a.TXT``: renamed ``a~2``)."""
    shown = writable(name)
    if shown != name:
        message = f"the file name is not valid UTF-8; its id is written as {shown!r} (rename the file to keep it)"
        corpus.problems.append(Problem(str(path), None, "warning", message))
    if shown in seen:
        suffix = 2
        while f"{shown}~{suffix}" in seen:
            suffix += 1
        message = f"another file has the id {shown!r} (the names differ only in the suffix); renamed to "
        corpus.problems.append(Problem(str(path), None, "warning", message + repr(f"{shown}~{suffix}")))
        shown = f"{shown}~{suffix}"
    seen.add(shown)
    return shown


def _read_text_file(
    path: Path, article_id: str, story: str, corpus: Corpus, max_chars: int
) -> tuple[Article, _StoredFile] | None:
    """The article in a ``.txt`` file and the file as it was read, or ``None`` with a problem in ``corpus``."""
    stored = _StoredFile.of(path)
    if stored.size > max_chars:
        corpus.problems.append(
            Problem(
                str(path),
                None,
                "error",
                f"not read: {stored.size / 1e6:.1f} MB is larger than the {max_chars / 1e6:g} MB limit for one "
                "article; split it into one file per article or raise --max-mb",
            )
        )
        return None
    try:
        data = path.read_bytes()
    except OSError as exc:
        message = f"not read: the file cannot be read ({exc.strerror}); check its permissions"
        corpus.problems.append(Problem(str(path), None, "error", message))
        return None
    corpus.inputs.append(InputFile(writable(str(path)), hashlib.sha256(data).hexdigest(), len(data)))
    try:
        decoded = decode_bytes(data, str(path))
    except NotText as exc:
        corpus.problems.append(Problem(str(path), None, "error", f"not read: the file {exc}"))
        return None
    if decoded.note:
        corpus.problems.append(Problem(str(path), None, "warning", decoded.note))
    return Article(article_id=article_id, text=decoded.text, story=story, input=writable(str(path))), stored


def _read_manifests(
    root: Path, text_files: list[Path], manifests: list[Path], corpus: Corpus, names: Mapping[str, str]
) -> tuple[dict[Path, tuple[dict[str, str], dict[str, Any]]], _ExtraLayout]:
    """Per text file, its fields and its whole row from every ``manifest.csv`` under ``root``; and the layout of
    the manifests' own columns (all of them, so that every article gets the same columns)."""
    known = {_real(p) for p in text_files}
    metadata: dict[Path, tuple[dict[str, str], dict[str, Any]]] = {}
    manifests = sorted(manifests)
    layout = _ExtraLayout({**names, "file": "file", "id": "file", "text": "file"}, origin=str(root / MANIFEST_NAME))
    given = {field: names[field] for field in _MANIFEST_FIELDS}
    if manifests:
        layout.origin = str(manifests[0])
    elif any(name != field for field, name in given.items()):
        field = next(field for field, name in given.items() if name != field)
        raise FramingError(
            f"--{field}-column names a column of {MANIFEST_NAME}, and {root} has none; "
            f"add a {MANIFEST_NAME} with a 'file' column and a {given[field]!r} column, or leave the option out"
        )
    for manifest in manifests:
        try:
            data = manifest.read_bytes()
        except OSError as exc:
            raise FramingError(f"{manifest} cannot be read ({exc.strerror}); check its permissions") from None
        corpus.inputs.append(InputFile(writable(str(manifest)), hashlib.sha256(data).hexdigest(), len(data)))
        try:
            decoded = decode_bytes(data, str(manifest))
        except NotText as exc:
            raise FramingError(f"{manifest} {exc}; it must be a CSV with a 'file' column") from None
        reader = csv.DictReader(io.StringIO(decoded.text))
        header = reader.fieldnames or []
        if "file" not in header:
            raise FramingError(
                f"{manifest} needs a 'file' column naming each .txt file "
                f"(found: {', '.join(header) or 'no header'}); add it or remove the manifest"
            )
        layout.add(header)
        for row in reader:
            line = reader.line_num
            target = _real(manifest.parent / (row.get("file") or ""))
            if target not in known:
                corpus.problems.append(
                    Problem(
                        str(manifest),
                        line,
                        "warning",
                        f"names {row.get('file')!r}, which is not a .txt file in the folder",
                    )
                )
                continue
            fields = {k: (row.get(name) or "").strip() for k, name in given.items() if (row.get(name) or "").strip()}
            metadata[target] = (fields, row)
    if manifests:
        check_columns(", ".join(map(str, manifests)), given, layout.seen)
    return metadata, layout
