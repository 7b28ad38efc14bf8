"""Cost of one long text: a pathological 1 MB text (one sentence, one paragraph, single newlines, odd punctuation)
against a normal 1 MB text of the same words, and one sentence of 4k, 16k and 32k words.

    .venv/bin/python benchmarks/long_text.py [--size 1000000] [--sentences 4000 16000 32000]

Every text is made of the seed articles' body paragraphs (``seeds/``), cycled to
the size asked for:

- **normal**: the paragraphs, a blank line between them;
- **one_paragraph**: the same sentences in one paragraph;
- **no_stops**: one paragraph without full stops, question or exclamation marks: one "sentence";
- **single_newlines**: the words without full stops, nine to a line, lines apart by one newline;
- **no_punctuation**: the words alone, apart by spaces;
- **odd_punctuation**: the words joined by ``;,—:/|-…`` without spaces.

Each text is analysed (``framing.analyze``) in a fresh process that reports its
CPU time and its peak resident memory (``ru_maxrss``); ``per_char`` is CPU
seconds per million characters and ``ratio`` a text's CPU time over the normal
text's.  ``baseline_rss_mb`` is the peak memory of the same process analysing
a one-sentence article (imports and models), to subtract.  Framing cuts a
sentence longer than ``CleanRules.max_sentence_words`` (150) words at line breaks,
then clause marks, then hard (:mod:`framing.segment.clauses`), so that cost is
linear in the text's length.  Writes ``benchmarks/results/long_text.json``.
"""

from __future__ import annotations

import argparse
import json
import platform
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

import framing
from framing.clean import clean
from framing.read import Article

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
RESULTS = ROOT / "benchmarks" / "results" / "long_text.json"
TITLE = "Talks on the border end\n\n"
_SEPARATORS = (";", ",", "—", ":", "/", "|", "-", "…")


def seed_paragraphs() -> list[str]:
    """The body paragraphs of the seed articles (as framing cleans them) of more than twelve words."""
    paragraphs = []
    for path in sorted(SEEDS.glob("*.txt")):
        article = clean(Article(path.stem, path.read_text(encoding="utf-8")))
        paragraphs.extend(b.text.strip() for b in article.body if len(b.text.split()) > 12)
    return paragraphs


def _paragraphs(size: int) -> list[str]:
    """Seed paragraphs cycled until they hold about ``size`` characters."""
    pool = seed_paragraphs()
    chosen: list[str] = []
    total = 0
    while total < size:
        chosen.append(pool[len(chosen) % len(pool)])
        total += len(chosen[-1]) + 2
    return chosen


def _words(size: int) -> list[str]:
    return re.findall(r"\w+", " ".join(_paragraphs(size)))


def normal(size: int) -> str:
    return TITLE + "\n\n".join(_paragraphs(size))


def one_paragraph(size: int) -> str:
    return TITLE + " ".join(_paragraphs(size))


def no_stops(size: int) -> str:
    return TITLE + re.sub(r"[.!?…]", "", " ".join(_paragraphs(size)))


def single_newlines(size: int) -> str:
    words = re.sub(r"[.!?…]", "", " ".join(_paragraphs(size))).split()
    return TITLE + "\n".join(" ".join(words[i : i + 9]) for i in range(0, len(words), 9))


def no_punctuation(size: int) -> str:
    return TITLE + " ".join(_words(size))


def odd_punctuation(size: int) -> str:
    words = _words(size)
    return TITLE + "".join(word + _SEPARATORS[i % len(_SEPARATORS)] for i, word in enumerate(words))


def one_sentence(words: int) -> str:
    """One sentence of ``words`` words (the seeds' words without full stops), ending in one."""
    pool = _words(words * 8)
    return TITLE + " ".join(pool[:words]) + "."


#: The texts to compare, by name: each a function of the size in characters.
KINDS = {
    "normal": normal,
    "one_paragraph": one_paragraph,
    "no_stops": no_stops,
    "single_newlines": single_newlines,
    "no_punctuation": no_punctuation,
    "odd_punctuation": odd_punctuation,
}


def analyze_cost(text: str) -> float:
    """Process CPU seconds of ``framing.analyze`` on one article of ``text`` (after a warm-up)."""
    framing.analyze([{"id": "warm", "source": "Wire", "text": TITLE + "The minister said talks went well."}])
    start = time.process_time()
    framing.analyze([{"id": "long", "source": "Wire", "text": text}])
    return time.process_time() - start


def _child(kind: str, size: int) -> None:
    """Analyse one text in this process and print its CPU time and peak memory as JSON."""
    text = one_sentence(size) if kind == "one_sentence" else KINDS[kind](size)
    seconds = analyze_cost(text) if size else analyze_cost(TITLE + "It rained.")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    row = {"chars": len(text), "words": len(re.findall(r"\w+", text)), "cpu_s": round(seconds, 3), "rss_mb": round(rss)}
    print(json.dumps(row))


def measure(kind: str, size: int) -> dict[str, float]:
    """:func:`_child` in a fresh process."""
    command = [sys.executable, __file__, "--child", kind, str(size)]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1_000_000, help="characters of each text")
    parser.add_argument("--sentences", type=int, nargs="*", default=[4000, 16000, 32000], help="words per sentence")
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        _child(args.child[0], int(args.child[1]))
        return {}
    baseline = measure("normal", 0)
    texts = {kind: measure(kind, args.size) for kind in KINDS}
    for row in texts.values():
        row["per_char"] = round(row["cpu_s"] / row["chars"] * 1e6, 3)
        row["ratio"] = round(row["cpu_s"] / texts["normal"]["cpu_s"], 2)
    sentences = {str(n): measure("one_sentence", n) for n in args.sentences}
    result = {
        "size": args.size,
        "baseline_rss_mb": baseline["rss_mb"],
        "texts": texts,
        "one_sentence": sentences,
        "worst_ratio": max(row["ratio"] for row in texts.values()),
        "python": platform.python_version(),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))
    return result


if __name__ == "__main__":
    main()
