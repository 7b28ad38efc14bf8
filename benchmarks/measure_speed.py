"""Throughput of the measure stage against VADER alone and against a plain NLTK pipeline, in one process.

    .venv/bin/python benchmarks/measure_speed.py [../shared/data/polnear-train] [--limit N]

On PolNeAR's training texts (840 articles), each timed best of three:

- **framing**: ``measure_article`` on every article (cleaning, segmentation,
  VADER, attribution with the learned tagger, lexicon terms: everything
  framing does per article by default);
- **framing, rules**: the same with ``--attribution rules`` (no tagger);
- **VADER alone**: ``polarity_scores`` on the very same body sentences;
- **NLTK pipeline**: what a plain script does with the same body paragraphs:
  NLTK's Punkt splits each into sentences (``sent_tokenize`` without its
  trained English model, which needs a data download), ``NLTKWordTokenizer``
  tokenises each sentence (the tokenizer behind ``word_tokenize``), VADER
  scores it, and the same term lexicons are looked up token by token;
- **tokens**: framing's sentence splitting and tokenisation against
  ``NLTKWordTokenizer`` alone on the same sentences.

``vader_ratio`` = framing / VADER alone: the whole measure stage in units of
VADER's own time on the same sentences (issue 17 aims at 5 at most with the
tagger on); ``vader_ratio_rules`` the same with the rules alone.
``vader_share`` = VADER alone / framing, its inverse (kept for older results).  VADER alone and the NLTK
pipeline run with the collector settings that ``measure_article`` uses
(:func:`framing.measure.article.fewer_collections`), so that all sides are timed
alike.  ``nltk_ratio`` = NLTK pipeline / framing.  ``gc_saving``: the share of framing's time that raising the
collector threshold saves (framing timed again with Python's own threshold).
``step_shares``: each step's share of the time of ``measure_article``'s steps.
Writes ``benchmarks/results/measure_speed.json``.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"

import framing.measure.article  # noqa: E402
from framing.clean import clean  # noqa: E402
from framing.measure.article import fewer_collections, measure_article  # noqa: E402
from framing.measure.attribution import find_attributions  # noqa: E402
from framing.measure.learned_attribution import learned_attributions  # noqa: E402
from framing.measure.sentiment import analyzer  # noqa: E402
from framing.measure.terms import find_terms  # noqa: E402
from framing.measure.units import body_sentences, lexicon_tokens  # noqa: E402
from framing.measure.voice import Voices  # noqa: E402
from framing.read import Article  # noqa: E402
from framing.segment import TokenIndex  # noqa: E402
from framing.segment.boundaries import sentence_spans  # noqa: E402
from framing.segment.tokens import normalize_token, tokenize  # noqa: E402
from framing.settings import Settings, settings_for  # noqa: E402


def best_of(runs: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times)


def step_shares(articles: list[Article], settings: Settings) -> dict[str, float]:
    """Each step of ``measure_article``'s share of the time of all steps, timed one article at a time
    (the steps are called as ``measure_article`` calls them; building the rows is left out)."""
    spent = dict.fromkeys(
        ["clean", "sentences", "vader", "lexicon_tokens", "attribution", "tagger", "voice", "terms"], 0.0
    )
    cues = settings.attribution.cue_lexicon()
    lexicons = [settings.lexicons[name] for name in settings.term_lexicons]
    vader = analyzer()
    for article in articles:
        with fewer_collections():
            times = [time.perf_counter()]
            cleaned = clean(article, settings.clean)
            times.append(time.perf_counter())
            sentences = body_sentences(cleaned)
            times.append(time.perf_counter())
            [vader.polarity_scores(s.text) for s in sentences]
            times.append(time.perf_counter())
            prepared = lexicon_tokens(sentences, [cues, *lexicons])
            times.append(time.perf_counter())
            spans = [(b.start, b.end) for b in cleaned.body]
            attributions = find_attributions(article.text, sentences, spans, settings.attribution, prepared)
            times.append(time.perf_counter())
            if settings.attribution_model is not None:
                attributions = learned_attributions(
                    article.text,
                    sentences,
                    spans,
                    settings.attribution_model,
                    settings.attribution,
                    prepared=prepared,
                    rule_rows=attributions,
                )
            times.append(time.perf_counter())
            index = cleaned.token_index if cleaned.tokens else TokenIndex.of_text(article.text)
            Voices.of(article.text, spans, [(s.start, s.end) for s in sentences], attributions, index)
            times.append(time.perf_counter())
            find_terms(article.text, sentences, lexicons, prepared)
            times.append(time.perf_counter())
        for name, start, end in zip(spent, times, times[1:], strict=False):
            spent[name] += end - start
    total = sum(spent.values())
    return {name: round(seconds / total, 3) for name, seconds in spent.items()}


def main(folder: Path, limit: int | None = None, runs: int = 3, results: Path = RESULTS) -> dict:
    from nltk.tokenize import NLTKWordTokenizer  # lazy: loaded when the benchmark runs, not on import
    from nltk.tokenize.punkt import PunktSentenceTokenizer  # lazy: as above

    paths = sorted((folder / "text").glob("*.txt"))[:limit]
    articles = [Article(p.stem, p.read_text(encoding="utf-8")) for p in paths]
    settings = settings_for(())
    rules_settings = settings_for((), attribution="rules")
    cleaned = [clean(a) for a in articles]
    sentences = [[s.text for s in body_sentences(c)] for c in cleaned]
    blocks = [[(b.start, b.end) for b in c.body] for c in cleaned]
    paragraphs = [[b.text for b in c.body] for c in cleaned]
    count = sum(len(s) for s in sentences)
    vader = analyzer()
    nltk_tokenizer = NLTKWordTokenizer()
    punkt = PunktSentenceTokenizer()
    first_words = {
        name: {normalize_token(e.term.split()[0].split("|")[0].rstrip("*")) for e in settings.lexicons[name].entries}
        for name in settings.term_lexicons
    }

    def framing_run() -> None:
        for article in articles:
            measure_article(article, settings)

    def rules_run() -> None:
        for article in articles:
            measure_article(article, rules_settings)

    def vader_run() -> None:
        with fewer_collections():
            for article_sentences in sentences:
                for sentence in article_sentences:
                    vader.polarity_scores(sentence)

    def nltk_run() -> None:
        with fewer_collections():
            for article_paragraphs in paragraphs:
                for paragraph in article_paragraphs:
                    for sentence in punkt.tokenize(paragraph):
                        tokens = [t.lower() for t in nltk_tokenizer.tokenize(sentence)]
                        vader.polarity_scores(sentence)
                        for words in first_words.values():
                            [t for t in tokens if t in words]

    def framing_tokens() -> None:
        for article, spans in zip(articles, blocks, strict=True):
            for start, end in spans:
                for s, e in sentence_spans(article.text, start, end):
                    tokenize(article.text, s, e)

    def nltk_tokens() -> None:
        for article_sentences in sentences:
            for sentence in article_sentences:
                list(nltk_tokenizer.span_tokenize(sentence))

    def framing_default_gc() -> None:
        threshold = framing.measure.article.MEASURE_GC_THRESHOLD
        framing.measure.article.MEASURE_GC_THRESHOLD = 0  # keeps Python's own threshold
        try:
            framing_run()
        finally:
            framing.measure.article.MEASURE_GC_THRESHOLD = threshold

    framing_run()  # warm caches and lazy imports once
    timings = {
        "framing": best_of(runs, framing_run),
        "framing_rules": best_of(runs, rules_run),
        "framing_default_gc": best_of(runs, framing_default_gc),
        "vader": best_of(runs, vader_run),
        "nltk_pipeline": best_of(runs, nltk_run),
        "framing_tokens": best_of(runs, framing_tokens),
        "nltk_tokens": best_of(runs, nltk_tokens),
    }
    report = {
        "machine": f"{platform.processor() or platform.machine()}, {platform.python_implementation()} "
        f"{platform.python_version()}",
        "articles": len(articles),
        "sentences": count,
        "seconds": {k: round(v, 3) for k, v in timings.items()},
        "articles_per_second": round(len(articles) / timings["framing"], 1),
        "sentences_per_second": round(count / timings["framing"], 1),
        "vader_ratio": round(timings["framing"] / timings["vader"], 3),
        "vader_ratio_rules": round(timings["framing_rules"] / timings["vader"], 3),
        "vader_share": round(timings["vader"] / timings["framing"], 3),
        "nltk_ratio": round(timings["nltk_pipeline"] / timings["framing"], 3),
        "token_ratio": round(timings["nltk_tokens"] / timings["framing_tokens"], 3),
        "gc_saving": round(1 - timings["framing"] / timings["framing_default_gc"], 3),
        "step_shares": step_shares(articles, settings),
    }
    print(
        f"measure stage on {len(articles)} PolNeAR articles ({count} sentences): "
        f"{report['articles_per_second']} articles/s, {report['sentences_per_second']} sentences/s\n"
        f"  framing {timings['framing']:.2f} s (learned attribution), {timings['framing_rules']:.2f} s (rules), "
        f"VADER alone {timings['vader']:.2f} s: {report['vader_ratio']:.2f}x VADER's time with the tagger "
        f"(at most 5 wanted), {report['vader_ratio_rules']:.2f}x with the rules\n"
        f"  NLTK pipeline {timings['nltk_pipeline']:.2f} s: {report['nltk_ratio']:.2f}x framing's time "
        f"(at least 2 wanted)\n"
        f"  tokens: NLTK {timings['nltk_tokens']:.2f} s, framing {timings['framing_tokens']:.2f} s: "
        f"{report['token_ratio']:.2f}x\n"
        f"  raising the collector threshold saves {report['gc_saving']:.0%} of framing's time\n"
        "  steps: " + ", ".join(f"{k} {v:.0%}" for k, v in report["step_shares"].items())
    )
    out = results / "measure_speed.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return report


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", nargs="?", type=Path, default=ROOT.parent / "shared" / "data" / "polnear-train")
    parser.add_argument("--limit", type=int, help="only the first N articles")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if not (args.data / "text").is_dir():
        sys.exit(f"PolNeAR texts not found in {args.data}; pass the polnear-train folder")
    main(args.data, args.limit, args.runs)
