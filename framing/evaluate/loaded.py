"""Score loaded-language hits against BASIL's lexical-bias spans: the lexicon alone, the model alone, both.

``loaded_evaluation`` (for ``framing eval``) runs the pipeline on a BASIL
folder with the loaded-language model on and scores, for the years the
model was trained on and the years its settings were chosen on (named in the
model's provenance), three sets of hits:

- ``lexicon``: the ``loaded`` lexicon's rows of ``terms.csv``;
- ``model``: the words the model scores at or above its threshold (the
  ``loaded_model`` rows and the ``loaded`` rows whose ``score`` reaches it);
- ``union``: both, as ``terms.csv`` gives them.

Two scores each: ``span_recall``, the share of lexical-bias spans that a hit
overlaps, and sentence-level precision, recall and F1, where a BASIL
sentence is positive when it holds a lexical-bias span and predicted when a
hit lies inside it.

>>> import pandas as pd
>>> from framing.read import Corpus
>>> from framing.read.datasets.basil import BasilData
>>> sentences = pd.DataFrame({"article_id": ["a", "a"], "year": ["2010", "2010"], "start": [0, 10],
...                           "end": [9, 20], "lex": [True, False]})
>>> spans = pd.DataFrame({"article_id": ["a"], "start": [2], "end": [6], "bias": ["lex"]})
>>> data = BasilData(Corpus([]), sentences, spans, pd.DataFrame())
>>> scores = hit_scores(data, {"a": [(3, 5), (12, 14)]}, {"2010"})
>>> scores["span_recall"], scores["precision"], scores["recall"]
(1.0, 0.5, 1.0)
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from framing.problems import FramingError
from framing.read.datasets.basil import BasilData, read_basil
from framing.run.pipeline import analyze
from framing.run.result import Result

__all__ = ["HIT_SETS", "hit_scores", "loaded_evaluation", "loaded_scores", "loaded_table", "term_hits"]

#: The sets of hits scored, in report order.
HIT_SETS = ("lexicon", "model", "union")


def hit_scores(data: BasilData, hits: Mapping[str, Sequence[tuple[int, int]]], years: Collection[str]) -> dict:
    """Span recall and sentence-level precision, recall and F1 of ``hits`` (offsets by article) in ``years``."""
    sentences = data.sentences[data.sentences["year"].isin(set(years))]
    articles = set(sentences["article_id"])
    spans = data.spans[(data.spans["bias"] == "lex") & data.spans["article_id"].isin(articles)]
    found = [
        any(s < end and start < e for s, e in hits.get(a, ()))
        for a, start, end in zip(spans["article_id"], spans["start"], spans["end"], strict=True)
    ]
    predicted = np.array(
        [
            any(start <= s and e <= end for s, e in hits.get(a, ()))
            for a, start, end in zip(sentences["article_id"], sentences["start"], sentences["end"], strict=True)
        ],
        dtype=bool,
    )
    gold = sentences["lex"].to_numpy(dtype=bool)
    tp = int((predicted & gold).sum())
    precision = tp / predicted.sum() if predicted.sum() else 0.0
    recall = tp / gold.sum() if gold.sum() else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "articles": len(articles),
        "spans": len(spans),
        "span_recall": round(float(np.mean(found)) if found else 0.0, 4),
        "sentences": len(sentences),
        "positives": int(gold.sum()),
        "predicted": int(predicted.sum()),
        "precision": round(float(precision), 4),
        "recall": round(float(recall), 4),
        "f1": round(float(f1), 4),
    }


def term_hits(terms: pd.DataFrame, threshold: float) -> dict[str, dict[str, list[tuple[int, int]]]]:
    """The offsets of each set of :data:`HIT_SETS` in ``terms.csv`` rows, by article."""
    scores = pd.to_numeric(terms.get("score", pd.Series(np.nan, index=terms.index)), errors="coerce")
    chosen = {
        "lexicon": terms["lexicon"] == "loaded",
        "model": terms["lexicon"].isin(["loaded", "loaded_model"]) & (scores >= threshold),
        "union": terms["lexicon"].isin(["loaded", "loaded_model"]),
    }
    out: dict[str, dict[str, list[tuple[int, int]]]] = {}
    for name, keep in chosen.items():
        rows = terms[keep]
        out[name] = {
            str(a): list(zip(f["start"].astype(int), f["end"].astype(int), strict=True))
            for a, f in rows.groupby("article_id")
        }
    return out


def loaded_evaluation(folder: str | Path) -> dict[str, Any]:
    """Run the pipeline on a BASIL folder and score the lexicon, the model and both against lexical bias."""
    data = read_basil(folder)
    return {"data": str(folder), **loaded_scores(data, analyze(data.corpus))}


def loaded_scores(data: BasilData, result: Result) -> dict[str, Any]:
    """:func:`loaded_evaluation`'s scores for a BASIL folder already read and analysed (``framing eval basil``)."""
    model = result.settings.loaded_model
    if model is None:
        raise FramingError("no loaded-language model is installed; run scripts/train_loaded.py DATA")
    groups = {
        "trained": list(model.provenance.get("train_years", [])),
        "chosen": list(model.provenance.get("choice_years", [])),
    }
    hits = term_hits(result.terms, model.threshold)
    return {
        "articles": len(data.corpus),
        "threshold": model.threshold,
        "years": groups,
        "scores": {
            group: {name: hit_scores(data, hits[name], years) for name in HIT_SETS}
            for group, years in groups.items()
            if years
        },
    }


def loaded_table(report: dict[str, Any]) -> str:
    """The report of :func:`loaded_evaluation` as a plain-text table."""
    lines = [
        f"BASIL lexical bias: loaded lexicon, loaded-language model (threshold {report['threshold']}) and both "
        f"({report['articles']} articles)",
        f"{'years':22} {'hits':8} {'spans':>5} {'spanR':>6} {'sents':>5} {'pos':>4} {'pred':>5} {'P':>6} {'R':>6} "
        f"{'F1':>6}",
    ]
    for group, sets in report["scores"].items():
        label = f"{group} ({', '.join(sorted(report['years'][group]))})"
        for name, s in sets.items():
            lines.append(
                f"{label:22} {name:8} {s['spans']:5d} {s['span_recall']:6.3f} {s['sentences']:5d} {s['positives']:4d} "
                f"{s['predicted']:5d} {s['precision']:6.3f} {s['recall']:6.3f} {s['f1']:6.3f}"
            )
    return "\n".join(lines)
