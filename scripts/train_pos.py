"""Build framing's part-of-speech lookup from CoreNLP's tags of PolNeAR's training texts.

    .venv/bin/python scripts/train_pos.py ../shared/data/polnear-train

The lookup maps each word seen at least twice to its most frequent Penn
Treebank tag (case kept where it changes the tag, "US" and "us"), plus the
most frequent tag of each three-letter ending for unseen words.  It is a
unigram tagger: no context, about a microsecond a token, which is what the
attribution rules can afford.  Only articles of PolNeAR's ``train`` part
(``framing.evaluate.polnear_split``) are used, so held-out articles stay
unseen.  CoreNLP's tags are machine output (Manning et al. 2014), not gold.
Output: ``framing/models/pos_lookup.tsv.gz`` with its provenance in the
header.
"""

from __future__ import annotations

import gzip
import sys
from collections import Counter, defaultdict
from pathlib import Path

from framing.evaluate import polnear_split
from framing.read.datasets.corenlp import iter_corenlp

ROOT = Path(__file__).resolve().parents[1]


def main(folder: str) -> None:
    words: dict[str, Counter] = defaultdict(Counter)
    endings: dict[str, Counter] = defaultdict(Counter)
    articles = tokens = 0
    for name, sentences in iter_corenlp(Path(folder) / "corenlp-train.tsv.gz"):
        if polnear_split(name) != "train":
            continue
        articles += 1
        for sentence in sentences:
            for token in sentence.tokens:
                tokens += 1
                words[token.word][token.pos] += 1
                if token.word.isalpha() and len(token.word) > 3:
                    endings[token.word[-3:].lower()][token.pos] += 1
    lines = [
        "# name: pos_lookup",
        "# description: most frequent Penn Treebank tag per word (and per 3-letter ending for unseen words)",
        f"# source: CoreNLP tags of the PolNeAR training split, train part only: {articles} articles, {tokens} tokens",
        "# script: scripts/train_pos.py",
        "kind\tkey\ttag\tshare",
    ]
    for word, counts in sorted(words.items()):
        total = sum(counts.values())
        if total < 2:
            continue
        tag, n = counts.most_common(1)[0]
        lines.append(f"word\t{word}\t{tag}\t{n / total:.2f}")
    for ending, counts in sorted(endings.items()):
        total = sum(counts.values())
        if total < 5:
            continue
        tag, n = counts.most_common(1)[0]
        lines.append(f"ending\t{ending}\t{tag}\t{n / total:.2f}")
    out = ROOT / "framing" / "models" / "pos_lookup.tsv.gz"
    with out.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0) as handle:
        handle.write(("\n".join(lines) + "\n").encode("utf-8"))  # mtime=0: the same bytes on every run
    print(f"wrote {out.relative_to(ROOT)}: {len(lines) - 5} entries from {articles} articles")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else str(ROOT.parent / "shared" / "data" / "polnear-train"))
