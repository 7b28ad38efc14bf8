"""How often news paragraphs are called editorial: the false-positive side of the editorial score.

    .venv/bin/python benchmarks/editorial_polnear.py [../shared/data/polnear-train]

Every PolNeAR training text is analysed as a story of its own (one version,
so the ``added`` signal is unknown), and the script reports the share of body
paragraphs flagged editorial, by publisher.  PolNeAR is 2016 campaign
coverage from seven US publishers; most of it is reporting, some of it
analysis and opinion, so the rate is an upper bound on false positives.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pandas as pd

from framing.read import Article, Corpus
from framing.run.pipeline import analyze

ROOT = Path(__file__).resolve().parents[1]


def main(folder: str) -> dict:
    texts = sorted((Path(folder) / "text").glob("*.txt"))
    corpus = Corpus(
        [Article(p.stem, p.read_text(encoding="utf-8"), source=p.stem.split("_")[0], story=p.stem) for p in texts]
    )
    result = analyze(corpus)
    body = result.paragraphs[result.paragraphs["role"] == "body"].merge(
        result.articles[["article_id", "source"]], on="article_id"
    )
    by_source = body.groupby("source")["editorial"].agg(lambda s: float(pd.Series(s).astype(bool).mean()))
    report = {
        "paragraphs": len(body),
        "editorial_share": round(float(body["editorial"].astype(bool).mean()), 4),
        "by_publisher": {k: round(v, 4) for k, v in by_source.items()},
    }
    print(f"PolNeAR train: {report['paragraphs']} body paragraphs, {report['editorial_share']:.1%} flagged editorial")
    for source, share in report["by_publisher"].items():
        print(f"  {source:14} {share:.1%}")
    out = ROOT / "benchmarks" / "results" / "editorial_polnear.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return report


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else str(ROOT.parent / "shared" / "data" / "polnear-train"))
