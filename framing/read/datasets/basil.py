"""Read BASIL (Fan et al., EMNLP 2019): the same event told by Fox News, the New York Times and HuffPost.

A BASIL folder holds ``articles/YEAR/<triplet>_<n>.json`` (title, date,
source, ``body-paragraphs`` as lists of sentences) and
``annotations/YEAR/<triplet>_<n>_ann.json`` (phrase-level spans with ``bias``
``lex`` or ``inf``, offsets into one sentence, and article-level feelings).
:func:`read_basil` turns it into a :class:`~framing.read.Corpus` (each
triplet is a story) and gold tables whose offsets point into the same
article text that ``framing analyze`` measures.

>>> import json, pathlib, tempfile
>>> root = pathlib.Path(tempfile.mkdtemp())
>>> (root / "articles" / "2010").mkdir(parents=True); (root / "annotations" / "2010").mkdir(parents=True)
>>> article = {"title": "T", "date": "2010-07-02", "source": "nyt", "triplet-uuid": "t1",
...            "main-entities": ["Ann Lee"], "body-paragraphs": [["Ann Lee won a fierce race.", "She smiled."]]}
>>> _ = (root / "articles" / "2010" / "t1_1.json").write_text(json.dumps(article))
>>> spans = {"phrase-level-annotations": [{"bias": "lex", "start": 13, "end": 19, "txt": "fierce",
...          "quote": "no", "polarity": "neg", "target": "Ann_Lee"}], "article-level-annotations": {}}
>>> _ = (root / "annotations" / "2010" / "t1_1_ann.json").write_text(json.dumps(spans))
>>> data = read_basil(root)
>>> data.sentences[["article_id", "sentence", "lex", "inf"]].values.tolist()
[['t1_1', 0, True, False], ['t1_1', 1, False, False]]
>>> text = data.corpus[0].text
>>> text[data.spans.loc[0, "start"]:data.spans.loc[0, "end"]]
'fierce'
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from framing.problems import FramingError, Problem
from framing.read.corpus import Article, Corpus, InputFile

__all__ = ["SOURCES", "BasilData", "read_basil"]

#: BASIL's source codes and the outlet names framing reports.
SOURCES = {"fox": "Fox News", "nyt": "New York Times", "hpo": "HuffPost"}


@dataclass
class BasilData:
    """A BASIL folder as framing sees it.

    ``corpus``: one article per file, each triplet a story.
    ``sentences``: one row per BASIL sentence with its offsets in the
    article text and whether it holds a lexical (``lex``) or informational
    (``inf``) bias span.  ``spans``: the phrase-level annotations with
    offsets in the article text.  ``articles``: article-level annotations
    (``author_feeling_<entity>`` and so on), one row per article.
    """

    corpus: Corpus
    sentences: pd.DataFrame
    spans: pd.DataFrame
    articles: pd.DataFrame


def read_basil(folder: str | Path, *, years: set[str] | None = None) -> BasilData:
    """Read a BASIL folder; ``years`` keeps only those sub-folders (``{"2012", "2013"}``)."""
    root = Path(folder)
    files = sorted((root / "articles").glob("*/*.json"))
    if not files:
        raise FramingError(f"{root} does not look like BASIL: no articles/YEAR/*.json files; point to the basil folder")
    articles: list[Article] = []
    sentence_rows: list[dict] = []
    span_rows: list[dict] = []
    article_rows: list[dict] = []
    problems: list[Problem] = []
    inputs: list[InputFile] = []
    for path in files:
        year = path.parent.name
        if years is not None and year not in years:
            continue
        record = json.loads(path.read_text(encoding="utf-8"))
        article_id = path.stem
        text, offsets = _article_text(record["body-paragraphs"])
        articles.append(_article(path, record, text))
        inputs.append(InputFile(str(path), "", path.stat().st_size))
        flags = {index: {"lex": False, "inf": False} for index in range(len(offsets))}
        annotation = root / "annotations" / year / f"{article_id}_ann.json"
        if annotation.is_file():
            labels = json.loads(annotation.read_text(encoding="utf-8"))
            article_rows.append({"article_id": article_id, "year": year, **labels.get("article-level-annotations", {})})
            span_rows.extend(_span_rows(labels, annotation, article_id, text, offsets, flags, problems))
        else:
            problems.append(Problem(str(path), None, "warning", f"no annotation file {annotation.name}"))
        for index, (start, end) in enumerate(offsets):
            sentence_rows.append(
                {
                    "article_id": article_id,
                    "year": year,
                    "sentence": index,
                    "start": start,
                    "end": end,
                    "text": text[start:end],
                    **flags[index],
                }
            )
    corpus = Corpus(articles, problems, inputs)
    return BasilData(corpus, pd.DataFrame(sentence_rows), pd.DataFrame(span_rows), pd.DataFrame(article_rows))


def _article(path: Path, record: dict, text: str) -> Article:
    """The article of a BASIL article file, with ``text`` (its paragraphs joined) and outlet names for sources."""
    article_id = path.stem
    code = str(record.get("source", ""))
    return Article(
        article_id=article_id,
        text=text,
        source=SOURCES.get(code.strip().lower(), code),  # a few files write the codes in capitals (FOX, NYT)
        title=record.get("title", ""),
        date=record.get("date", ""),
        story=record.get("triplet-uuid", article_id.rsplit("_", 1)[0]),
        url=record.get("url", ""),
        input=str(path),
    )


def _span_rows(
    labels: dict,
    annotation: Path,
    article_id: str,
    text: str,
    offsets: list[tuple[int, int]],
    flags: dict[int, dict[str, bool]],
    problems: list[Problem],
) -> list[dict]:
    """The phrase-level spans of an annotation file located in the article text; each marks its sentence in
    ``flags``, and a span found in no sentence is a warning in ``problems``."""
    rows: list[dict] = []
    for span in labels.get("phrase-level-annotations", []):
        located = _locate(span, text, offsets)
        if located is None:
            problems.append(
                Problem(str(annotation), None, "warning", f"span {span.get('txt')!r} not found in any sentence")
            )
            continue
        sentence, start, end = located
        flags[sentence][span["bias"]] = True
        rows.append(
            {
                "article_id": article_id,
                "sentence": sentence,
                "start": start,
                "end": end,
                "bias": span["bias"],
                "txt": span.get("txt", ""),
                "quote": span.get("quote", "") == "yes",
                "polarity": span.get("polarity", ""),
                "target": span.get("target", ""),
                "speaker": span.get("speaker", ""),
            }
        )
    return rows


def _article_text(paragraphs: list[list[str]]) -> tuple[str, list[tuple[int, int]]]:
    """Paragraphs joined by blank lines, sentences by spaces; the offsets of every sentence."""
    pieces: list[str] = []
    offsets: list[tuple[int, int]] = []
    cursor = 0
    for number, paragraph in enumerate(paragraphs):
        if number:
            pieces.append("\n\n")
            cursor += 2
        for index, sentence in enumerate(paragraph):
            sentence = " ".join(sentence.split())
            if index:
                pieces.append(" ")
                cursor += 1
            pieces.append(sentence)
            offsets.append((cursor, cursor + len(sentence)))
            cursor += len(sentence)
    return "".join(pieces), offsets


def _locate(span: dict, text: str, offsets: list[tuple[int, int]]) -> tuple[int, int, int] | None:
    """The sentence holding a span and the span's offsets in the article text.

    BASIL gives offsets inside one sentence but not which sentence; the
    sentence is the one whose text at those offsets is the span's text.
    """
    wanted = " ".join(str(span.get("txt", "")).split())
    start, end = int(span.get("start", 0)), int(span.get("end", 0))
    for index, (s, _e) in enumerate(offsets):
        if text[s + start : s + end] == wanted and wanted:
            return index, s + start, s + end
    for index, (s, e) in enumerate(offsets):
        found = text.find(wanted, s, e) if wanted else -1
        if found >= 0:
            return index, found, found + len(wanted)
    return None
