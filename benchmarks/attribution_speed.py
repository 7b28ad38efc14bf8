"""Attribution against VADER on the same sentences, in one process: what each costs per article.

    .venv/bin/python benchmarks/attribution_speed.py [../shared/data/polnear-train]

Both run on the body sentences of every PolNeAR training text (cleaning and
segmentation happen first, untimed); each is timed three times and the best
run counts.  The ratio is attribution time over VADER time: at most 1 means
finding attributions costs no more than scoring sentiment.  Writes
``benchmarks/results/attribution_speed.json``.
"""

from __future__ import annotations

import json
import platform
import sys
from pathlib import Path

from measure_speed import best_of

from framing.clean import clean
from framing.measure.attribution import find_attributions
from framing.measure.sentiment import sentence_sentiment
from framing.measure.units import body_sentences
from framing.read import Article

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"


def main(folder: str, limit: int | None = None, results: Path = RESULTS) -> dict:
    paths = sorted((Path(folder) / "text").glob("*.txt"))[:limit]
    prepared = []
    for path in paths:
        cleaned = clean(Article(path.stem, path.read_text(encoding="utf-8")))
        sentences = body_sentences(cleaned)
        prepared.append((cleaned.article.text, sentences, [(b.start, b.end) for b in cleaned.body]))
    sentence_count = sum(len(s) for _, s, _ in prepared)
    vader = best_of(3, lambda: [sentence_sentiment([x.text for x in s]) for _, s, _ in prepared])
    attribution = best_of(3, lambda: [find_attributions(text, s, p) for text, s, p in prepared])
    report = {
        "machine": f"{platform.processor() or platform.machine()}, Python {platform.python_version()}",
        "articles": len(prepared),
        "sentences": sentence_count,
        "vader_seconds": round(vader, 3),
        "attribution_seconds": round(attribution, 3),
        "attribution_over_vader": round(attribution / vader, 3),
    }
    print(
        f"{report['articles']} articles, {sentence_count} sentences: VADER {vader:.2f} s, "
        f"attribution {attribution:.2f} s, ratio {report['attribution_over_vader']:.2f} (at most 1 wanted)"
    )
    out = results / "attribution_speed.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return report


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else str(ROOT.parent / "shared" / "data" / "polnear-train"))
