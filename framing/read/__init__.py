"""The read stage: articles from folders, CSV, TSV, JSONL, Parquet or Python records, and annotated datasets.

>>> corpus = load([{"id": "a", "text": "Rain fell.", "source": "AP"}])
>>> corpus["a"].source
'AP'
"""

from __future__ import annotations

from framing.read import datasets
from framing.read.corpus import (
    Article,
    ArticlesOnDisk,
    Corpus,
    InputFile,
    extra_kinds,
    extra_names,
    metadata_of,
    take,
    with_extra_names,
    with_stories,
)
from framing.read.dates import find_date, normalize_date
from framing.read.extra import ExtraColumns
from framing.read.folders import MANIFEST_NAME
from framing.read.loader import DEFAULT_MAX_CHARS, load
from framing.read.records import FIELDS

__all__ = [
    "DEFAULT_MAX_CHARS",
    "FIELDS",
    "MANIFEST_NAME",
    "Article",
    "ArticlesOnDisk",
    "Corpus",
    "ExtraColumns",
    "InputFile",
    "datasets",
    "extra_kinds",
    "extra_names",
    "find_date",
    "load",
    "metadata_of",
    "normalize_date",
    "take",
    "with_extra_names",
    "with_stories",
]
