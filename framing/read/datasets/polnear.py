"""Read PolNeAR (Newell, Margolin & Ruths, LREC 2018): attribution relations in political news.

A PolNeAR folder holds ``text/<name>.txt``, ``attributions/<name>_<annotator>.ann``
(brat standoff: ``T`` lines are spans ``Source``, ``Cue``, ``Content``,
``Attribution`` with character offsets, possibly discontinuous as
``start end;start end``; ``E`` lines tie one attribution's spans together)
and ``metadata.tsv``.  :func:`read_polnear` gives a
:class:`~framing.read.Corpus` (each article its own story) and a gold table
of spans with offsets into the same text that ``framing analyze`` measures.

Where an article has several annotators' files (PolNeAR's agreement set),
the alphabetically first annotator is used, and ``annotators`` says which.

>>> import pathlib, tempfile
>>> root = pathlib.Path(tempfile.mkdtemp())
>>> (root / "text").mkdir(); (root / "attributions").mkdir()
>>> _ = (root / "text" / "a.txt").write_text("Title.\\n\\nRama said it rained.")
>>> ann = ("T1\\tSource 8 12\\tRama\\nT2\\tCue 13 17\\tsaid\\nT3\\tContent 18 27\\tit rained\\n"
...        "E1\\tCue:T2 Source:T1 Content:T3\\n")
>>> _ = (root / "attributions" / "a_x1.ann").write_text(ann)
>>> data = read_polnear(root)
>>> data.spans[["role", "start", "end", "text"]].values.tolist()
[['source', 8, 12, 'Rama'], ['cue', 13, 17, 'said'], ['content', 18, 27, 'it rained']]
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from framing.problems import FramingError, Problem
from framing.read.corpus import Article, Corpus

__all__ = ["ROLES", "PolnearData", "read_polnear"]

#: PolNeAR span types framing scores, and the names used in the gold table.
ROLES = {"Source": "source", "Cue": "cue", "Content": "content"}


@dataclass
class PolnearData:
    """A PolNeAR folder as framing sees it.

    ``spans``: one row per gold span (``article_id``, ``attribution``,
    ``role``, ``start``, ``end``, ``text``, ``fragments`` for discontinuous
    spans).  ``annotators``: the annotator file used for each article and
    how many there were.
    """

    corpus: Corpus
    spans: pd.DataFrame
    annotators: pd.DataFrame


def read_polnear(folder: str | Path, *, names: set[str] | None = None) -> PolnearData:
    """Read a PolNeAR folder; ``names`` keeps only those articles."""
    root = Path(folder)
    texts = root / "text"
    annotations = root / "attributions"
    if not texts.is_dir() or not annotations.is_dir():
        raise FramingError(f"{root} does not look like PolNeAR: it needs text/ and attributions/ folders")
    metadata = _metadata(root / "metadata.tsv")
    files: dict[str, list[Path]] = {}
    for path in sorted(annotations.glob("*.ann")):
        name, _, _annotator = path.stem.rpartition("_")
        files.setdefault(name, []).append(path)
    articles: list[Article] = []
    span_rows: list[dict] = []
    used: list[dict] = []
    problems: list[Problem] = []
    for text_path in sorted(texts.glob("*.txt")):
        name = text_path.stem
        if names is not None and name not in names:
            continue
        text = text_path.read_text(encoding="utf-8")
        info = metadata.get(name, {})
        articles.append(
            Article(
                article_id=name,
                text=text,
                source=info.get("publisher", name.split("_")[0]),
                title=info.get("title", ""),
                date=info.get("publication_date", ""),
                story=name,
                input=str(text_path),
            )
        )
        choices = files.get(name, [])
        if not choices:
            problems.append(Problem(str(text_path), None, "warning", "no attribution file"))
            continue
        chosen = choices[0]
        used.append({"article_id": name, "annotator": chosen.stem.rpartition("_")[2], "files": len(choices)})
        span_rows.extend(_spans(name, chosen, text, problems))
    return PolnearData(Corpus(articles, problems), pd.DataFrame(span_rows), pd.DataFrame(used))


def _metadata(path: Path) -> dict[str, dict[str, str]]:
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["filename"]: row for row in csv.DictReader(handle, delimiter="\t")}


def _spans(name: str, path: Path, text: str, problems: list[Problem]) -> list[dict]:
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    links: list[tuple[str, dict[str, str]]] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
        fields = line.split("\t")
        if line.startswith("T") and len(fields) >= 2:
            kind, _, ranges = fields[1].partition(" ")
            try:
                fragments = [(int(a), int(b)) for a, b in (piece.split() for piece in ranges.split(";"))]
            except ValueError:
                problems.append(Problem(str(path), number, "warning", f"unreadable span {fields[1]!r}"))
                continue
            spans[fields[0]] = (kind, fragments)
        elif line.startswith("E") and len(fields) >= 2:
            links.append((fields[0], dict(part.split(":", 1) for part in fields[1].split() if ":" in part)))
    rows = []
    for attribution, parts in links:
        for kind, role in ROLES.items():
            span_id = parts.get(kind)
            if span_id is None or span_id not in spans:
                continue
            fragments = spans[span_id][1]
            start, end = min(a for a, _ in fragments), max(b for _, b in fragments)
            rows.append(
                {
                    "article_id": name,
                    "attribution": attribution,
                    "role": role,
                    "start": start,
                    "end": end,
                    "text": text[start:end],
                    "fragments": ";".join(f"{a} {b}" for a, b in fragments),
                }
            )
    return rows
