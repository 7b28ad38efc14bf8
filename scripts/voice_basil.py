"""Whose voice on BASIL: how many loaded-term hits are sources' speech, and how framing's voice agrees with
BASIL's own ``quote`` annotation of its bias spans.

Usage::

    PYTHONPATH=. python scripts/voice_basil.py [../shared/data/basil-dev] [--json out.json]

For every BASIL phrase-level span (lexical and informational) the script
finds framing's voice two ways: the ``voice`` of the body sentence holding
the span's start (``sentence``), and the voice of most of the span's own
words (``span``, from the same :class:`framing.measure.voice.Voices` the
tables come from).  Spans outside every body sentence (the first paragraph
read as a headline, for instance) are counted apart.  With ``quote: yes``
the span should be ``quoted`` (or at least a source's: ``quoted`` or
``reported``); with ``quote: no`` it should be ``narration``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pandas as pd

from framing.contract import VOICES
from framing.present.report.voice_spans import voice_spans
from framing.read.datasets.basil import BasilData, read_basil
from framing.run.pipeline import analyze
from framing.segment import TokenIndex

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "basil-dev"


def loaded_hits_by_voice(terms: pd.DataFrame, attributions: pd.DataFrame) -> dict[str, Any]:
    """Loaded-term hits by voice, and the share inside any attribution's content (the issue's measure)."""
    loaded = terms[terms["lexicon"] == "loaded"]
    counts = Counter(loaded["voice"])
    contents = {
        a: list(zip(f["content_start"], f["content_end"], strict=True)) for a, f in attributions.groupby("article_id")
    }
    inside = sum(
        any(s <= start < e for s, e in contents.get(article, []))
        for article, start in zip(loaded["article_id"], loaded["start"], strict=True)
    )
    total = len(loaded)
    return {
        "hits": total,
        **{f"{voice}": counts.get(voice, 0) for voice in VOICES},
        "speech_share": round((counts.get("quoted", 0) + counts.get("reported", 0)) / total, 4) if total else None,
        "inside_attribution_content_share": round(inside / total, 4) if total else None,
    }


def span_voices(data: BasilData, tables: dict[str, pd.DataFrame], texts: dict[str, str]) -> pd.DataFrame:
    """BASIL's spans with framing's ``sentence`` and ``span`` voice (``outside`` when in no body sentence)."""
    rows = []
    for article, spans in data.spans.groupby("article_id"):
        text = texts[str(article)]
        own = {name: t[t["article_id"] == article] for name, t in tables.items()}
        sentences = own["sentences"]
        marks = voice_spans(text, own["paragraphs"], sentences, own["attributions"])
        index = TokenIndex.of_text(text)
        for span in spans.to_dict(orient="records"):
            start, end = int(span["start"]), int(span["end"])
            holding = sentences[(sentences["start"] <= start) & (start < sentences["end"])]
            sentence_voice = str(holding["voice"].iloc[0]) if len(holding) else "outside"
            words = {voice: 0 for voice in VOICES}
            total = index.words(start, end)
            for mark in marks:
                low, high = max(start, mark.start), min(end, mark.end)
                if low < high:
                    words[mark.classes.split("voice-")[-1]] += index.words(low, high)
            words["narration"] = total - words["quoted"] - words["reported"]
            own_voice = max(VOICES, key=lambda v: (words[v], v == "narration")) if total else "narration"
            rows.append(
                {
                    "article_id": article,
                    "bias": span["bias"],
                    "quote": bool(span["quote"]),
                    "sentence": sentence_voice,
                    "span": own_voice if len(holding) else "outside",
                }
            )
    return pd.DataFrame(rows)


def agreement(spans: pd.DataFrame) -> dict[str, Any]:
    """Of the spans with ``quote: yes`` and ``quote: no`` inside body sentences, the share in each voice."""
    out: dict[str, Any] = {}
    for level in ("sentence", "span"):
        for quote, name in ((True, "quote_yes"), (False, "quote_no")):
            part = spans[(spans["quote"] == quote) & (spans[level] != "outside")]
            shares = part[level].value_counts(normalize=True)
            out[f"{level}_{name}"] = {
                "spans": len(part),
                "outside_body": int(((spans["quote"] == quote) & (spans[level] == "outside")).sum()),
                **{voice: round(float(shares.get(voice, 0.0)), 4) for voice in VOICES},
            }
    return out


def voice_report(folder: Path) -> dict[str, Any]:
    """The whole report for a BASIL folder: loaded hits by voice and agreement with BASIL's ``quote``."""
    data = read_basil(folder)
    result = analyze(data.corpus)
    tables = {name: result.tables[name] for name in ("paragraphs", "sentences", "attributions")}
    texts = {a.article_id: a.text for a in data.corpus}
    spans = span_voices(data, tables, texts)
    return {
        "data": str(folder),
        "articles": len(data.corpus),
        "loaded_hits": loaded_hits_by_voice(result.terms, result.attributions),
        "quote_agreement": agreement(spans),
        "by_bias": {bias: agreement(part) for bias, part in spans.groupby("bias")},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT, help="a BASIL folder (basil-dev)")
    parser.add_argument("--json", type=Path, help="also write the report as JSON here")
    args = parser.parse_args(argv)
    report = voice_report(args.folder)
    text = json.dumps(report, indent=2)
    print(text)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
