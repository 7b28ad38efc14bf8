"""Read CoreNLP's condensed token file that ships with PolNeAR's training split.

The file (``corenlp-train.tsv.gz``) holds one token per line,
``start<TAB>end<TAB>word<TAB>lemma<TAB>pos<TAB>ner``, a blank line after each
sentence and ``### <name>`` before each article.  Offsets point into
``text/<name>.txt``.  It is machine output (not gold) but a good reference for
sentence boundaries and for training a part-of-speech tagger.

>>> import gzip, io, tempfile, os
>>> raw = "### a\\n0\\t2\\tHi\\thi\\tUH\\tO\\n2\\t3\\t.\\t.\\t.\\tO\\n\\n"
>>> path = os.path.join(tempfile.mkdtemp(), "c.tsv.gz")
>>> with gzip.open(path, "wt") as f:
...     _ = f.write(raw)
>>> [(s.start, s.end) for s in read_corenlp(path)["a"]]
[(0, 3)]
"""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

__all__ = ["CoreNLPSentence", "CoreNLPToken", "iter_corenlp", "read_corenlp"]


@dataclass(frozen=True)
class CoreNLPToken:
    """One token as CoreNLP tagged it."""

    start: int
    end: int
    word: str
    lemma: str
    pos: str
    ner: str


@dataclass(frozen=True)
class CoreNLPSentence:
    """A sentence: its tokens, and its span from the first to the last token."""

    tokens: tuple[CoreNLPToken, ...]

    @property
    def start(self) -> int:
        return self.tokens[0].start

    @property
    def end(self) -> int:
        return self.tokens[-1].end


def iter_corenlp(path: str | Path) -> Iterator[tuple[str, list[CoreNLPSentence]]]:
    """Yield ``(article_name, sentences)`` from a CoreNLP token file, in file order."""
    name: str | None = None
    sentences: list[CoreNLPSentence] = []
    tokens: list[CoreNLPToken] = []
    opener = gzip.open if str(path).endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as handle:
        for line_no, line in enumerate(handle, start=1):
            line = line.rstrip("\n")
            if line.startswith("### "):
                if tokens:
                    sentences.append(CoreNLPSentence(tuple(tokens)))
                    tokens = []
                if name is not None:
                    yield name, sentences
                name, sentences = line[4:].strip(), []
            elif line.startswith("#"):
                continue
            elif not line:
                if tokens:
                    sentences.append(CoreNLPSentence(tuple(tokens)))
                    tokens = []
            else:
                fields = line.split("\t")
                if len(fields) != 6:
                    raise ValueError(
                        f"{path}:{line_no}: expected 6 tab-separated fields "
                        f"(start, end, word, lemma, pos, ner), found {len(fields)}"
                    )
                start, end, word, lemma, pos, ner = fields
                tokens.append(CoreNLPToken(int(start), int(end), word, lemma, pos, ner))
    if tokens:
        sentences.append(CoreNLPSentence(tuple(tokens)))
    if name is not None:
        yield name, sentences


def read_corenlp(path: str | Path) -> dict[str, list[CoreNLPSentence]]:
    """All articles of a CoreNLP token file, keyed by article name."""
    return dict(iter_corenlp(path))
