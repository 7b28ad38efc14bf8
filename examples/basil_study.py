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

import matplotlib
import pandas as pd

from framing import plot
from framing.cli import main as framing_main
from framing.contract import read_table
from framing.read.datasets.basil import read_basil

matplotlib.use("Agg")  # the script draws to a file only

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


def _interval(row: pd.Series, digits: int = 1) -> str:
    return f"{row['estimate']:.{digits}f} [{row['ci_low']:.{digits}f}, {row['ci_high']:.{digits}f}]"


def _by_group(estimates: pd.DataFrame, measure: str, digits: int = 1) -> str:
    rows = estimates[estimates["measure"] == measure]
    return ", ".join(f"{row['group']} {_interval(row, digits)}" for _, row in rows.iterrows())


def _finding(row: pd.Series) -> str:
    direction = "more" if row["difference"] > 0 else "less"
    return (
        f"{row['measure']}: {row['group_a']} {row['estimate_a']:.3g} vs {row['group_b']} {row['estimate_b']:.3g} "
        f"({direction}; difference {row['difference']:.3g}, 95% CI [{row['ci_low']:.3g}, {row['ci_high']:.3g}], "
        f"p = {row['p_value']:.2g}, q = {row['q_value']:.2g})"
    )


def results_paragraph(by_lean: Path) -> str:
    """What a paper would say, from the comparison tables of ``framing compare --by lean``."""
    comparisons = read_table(by_lean / "comparisons.csv")
    estimates = read_table(by_lean / "estimates.csv")
    tested = comparisons.dropna(subset=["p_value"])
    strong = tested[tested["q_value"] < 0.05].sort_values("q_value", kind="stable")
    designs = ", ".join(f"{d} ({n})" for d, n in tested["design"].value_counts().items())
    stories = int(tested["n_stories"].max())
    lines = [
        f"Designs of the {len(tested)} tests: {designs}; up to {stories} stories per pair, each contributing the "
        "difference between its outlets (permutation tests shuffle the labels within stories). q-values are "
        f"Benjamini-Hochberg over all {len(tested)} tests of the run.",
        f"{len(strong)} of {len(tested)} tests have q < 0.05" + (":" if len(strong) else "."),
        *(f"  - {_finding(row)}" for _, row in strong.iterrows()),
        "Loaded terms per 1,000 words, 95% interval, in the outlet's own narration: "
        + _by_group(estimates, "loaded_per_1k_narration")
        + "; in its sources' quoted and reported speech: "
        + _by_group(estimates, "loaded_per_1k_quoted")
        + ".",
        "Share of body words that are sources' speech: " + _by_group(estimates, "quoted_speech_share", 2) + ".",
        "Body words per article: " + _by_group(estimates, "words", 0) + ".",
    ]
    return "\n".join(lines)


def loaded_by_voice_figure(by_lean: Path) -> Path:
    """The figure of loaded terms by lean in each voice, saved as PNG beside the tables."""
    estimates = read_table(by_lean / "estimates.csv")
    fig = plot.group_estimates(
        estimates,
        ["loaded_per_1k_narration", "loaded_per_1k_quoted"],
        xlabel="loaded terms per 1,000 words of that voice (narration; quoted and reported speech)",
    )
    path = by_lean / "loaded_by_voice.png"
    with plot.style():
        fig.savefig(path, metadata={"Software": None})
    return path


def run(basil_folder: Path, out: Path) -> int:
    """Write the coverage CSV, analyse it, compare by lean, print the results paragraph and draw the figure."""
    out.mkdir(parents=True, exist_ok=True)
    csv = out / "coverage.csv"
    coverage_table(basil_folder).to_csv(csv, index=False)
    results, by_lean = out / "results", out / "by_lean"
    status = framing_main(["analyze", str(csv), "--out", str(results), "--force", "--quiet"])
    if status == 0:
        status = framing_main(["compare", str(results), "--by", "lean", "--out", str(by_lean), "--force", "--quiet"])
    if status == 0:
        print(results_paragraph(by_lean))
        print(f"figure: {loaded_by_voice_figure(by_lean)}")
    return status


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("basil", type=Path, help="the BASIL folder (holds articles/ and annotations/)")
    parser.add_argument("out", type=Path, help="folder for the coverage CSV, the tables and the figure")
    args = parser.parse_args(argv)
    return run(args.basil, args.out)


if __name__ == "__main__":
    sys.exit(main())
