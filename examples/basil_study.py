"""A worked study on real news: BASIL's 40 events, each told by Fox News, the New York Times and HuffPost.

Usage (from the repository, after ``make demo`` has made the virtual environment)::

    .venv/bin/python examples/basil_study.py ../shared/data/basil-dev study/

It does what a researcher does with their own collection:

1. writes ``study/coverage.csv``: one row per article with the text and the
   researcher's metadata: ``story`` (BASIL's triplet), ``source``, ``lean``
   and ``year``.  ``lean`` is coded here for the example (Fox News ``right``,
   the New York Times ``center``, HuffPost ``left``); replace it with the
   ratings your study uses;
2. ``framing analyze study/coverage.csv --out study/results``;
3. ``framing compare study/results --by lean --out study/by_lean``;
4. prints a paragraph of results that could go into a paper, and writes one
   figure, ``study/by_lean/loaded_by_voice.png``.

The README's worked study quotes what this prints.  BASIL (Fan et al. 2019) is
research data from its authors: it is read from the folder you give, never
copied into framing.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from framing.cli import main as framing_main
from framing.read.datasets.basil import read_basil

#: The leaning coded for this example, by BASIL's outlet names (framing.read.datasets.basil.SOURCES).
LEAN = {"Fox News": "right", "New York Times": "center", "HuffPost": "left"}


def coverage_table(basil_folder: Path) -> pd.DataFrame:
    """BASIL's articles as the CSV a researcher would give framing: text plus their own columns."""
    corpus = read_basil(basil_folder).corpus
    rows = [
        {
            "id": article.article_id,
            "story": article.story,
            "source": article.source,
            "lean": LEAN.get(article.source, ""),
            "year": int(article.date[:4]) if article.date[:4].isdigit() else None,
            "date": article.date,
            "title": article.title,
            "text": article.text,
        }
        for article in corpus
    ]
    return pd.DataFrame(rows)


def run(basil_folder: Path, out: Path) -> int:
    """Write the coverage CSV, analyse it, compare by lean and print the results paragraph."""
    out.mkdir(parents=True, exist_ok=True)
    csv = out / "coverage.csv"
    coverage_table(basil_folder).to_csv(csv, index=False)
    results, by_lean = out / "results", out / "by_lean"
    status = framing_main(["analyze", str(csv), "--out", str(results), "--force", "--quiet"])
    if status == 0:
        status = framing_main(["compare", str(results), "--by", "lean", "--out", str(by_lean), "--force"])
    return status


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("basil", type=Path, help="the BASIL folder (holds articles/ and annotations/)")
    parser.add_argument("out", type=Path, help="folder for the coverage CSV, the tables and the figure")
    args = parser.parse_args(argv)
    return run(args.basil, args.out)


if __name__ == "__main__":
    sys.exit(main())
