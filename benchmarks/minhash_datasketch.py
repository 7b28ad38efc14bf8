"""MinHash signatures of the same paragraphs with datasketch and with framing.stories.minhash, timed in one process.

    pip install datasketch   # not a framing dependency
    .venv/bin/python benchmarks/minhash_datasketch.py [--articles 2000] [--polnear DIR]

Both hash the word 3-shingles of every body paragraph of a synthetic corpus
(``synthetic_corpus.py``) into 64 values: datasketch with ``MinHash.bulk``
(64 permutations), framing with one-permutation hashing and densification,
vectorised over all paragraphs (:func:`framing.stories.minhash.text_signatures`,
which also makes the shingles).  Reports the seconds of each (best of three)
and their ratio, and how close each estimate is to the true Jaccard
similarity on pairs of edited paragraphs.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from measure_speed import best_of  # noqa: E402
from synthetic import _edit  # noqa: E402
from synthetic_corpus import load_sentences, make_corpus  # noqa: E402

from framing.segment.words import word_runs  # noqa: E402
from framing.stories.minhash import similarity, text_signatures  # noqa: E402


def shingle_set(text: str) -> set[bytes]:
    tokens = word_runs(text.lower())
    return {" ".join(tokens[i : i + 3]).encode() for i in range(max(len(tokens) - 2, 1))}


def main(articles: int, polnear: Path) -> dict:
    from datasketch import MinHash  # lazy: not a framing dependency; pip install datasketch to compare

    made = list(make_corpus(articles, load_sentences(polnear), seed=1))
    paragraphs = [p for a in made for p in a.paragraphs]
    seconds = {
        "datasketch": best_of(3, lambda: MinHash.bulk([shingle_set(p) for p in paragraphs], num_perm=64)),
        "framing": best_of(3, lambda: text_signatures(paragraphs)),
    }
    rng = random.Random(2)
    pairs = [(p, _edit(_edit(p, rng), rng)) for p in rng.sample(paragraphs, 500)]
    true = np.array([len(shingle_set(a) & shingle_set(b)) / len(shingle_set(a) | shingle_set(b)) for a, b in pairs])
    sketches = MinHash.bulk([shingle_set(t) for pair in pairs for t in pair], num_perm=64)
    datasketch = np.array([sketches[2 * i].jaccard(sketches[2 * i + 1]) for i in range(len(pairs))])
    sigs = text_signatures([t for pair in pairs for t in pair])
    ours = similarity(sigs[0::2], sigs[1::2])
    report = {
        "paragraphs": len(paragraphs),
        "seconds": {k: round(v, 3) for k, v in seconds.items()},
        "ratio": round(seconds["datasketch"] / seconds["framing"], 1),
        "mean_abs_error": {
            "datasketch": round(float(np.mean(np.abs(datasketch - true))), 4),
            "framing": round(float(np.mean(np.abs(ours - true))), 4),
        },
    }
    print(
        f"{len(paragraphs)} paragraphs, 64 values each: datasketch {seconds['datasketch']:.2f} s, "
        f"framing.stories.minhash {seconds['framing']:.2f} s ({report['ratio']}x); "
        "mean |error| of the Jaccard estimate "
        f"on {len(pairs)} edited pairs: datasketch {report['mean_abs_error']['datasketch']}, "
        f"framing {report['mean_abs_error']['framing']}"
    )
    return report


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--polnear", type=Path, default=ROOT.parent / "shared" / "data" / "polnear-train")
    args = parser.parse_args()
    try:
        import datasketch  # noqa: F401  # lazy: optional, only to say it is missing
    except ImportError:
        sys.exit("this comparison needs datasketch: pip install datasketch")
    main(args.articles, args.polnear)
