"""Measure framing's components against annotated data in a folder the user points to.

``basil_evaluation`` (``framing eval basil``) scores, sentence by sentence,
``slant`` against BASIL's informational-bias labels and ``loaded`` lexicon
hits against its lexical-bias labels, separately for the years the slant
model was trained on (2010-2012, in-sample) and the year it never saw
(2013, held out), beside the model's grouped cross-validation scores on its
training years (from its provenance) and the published contextual models.

``sentence_boundaries`` scores the sentence splitter against CoreNLP's
sentence boundaries for PolNeAR's training texts (``framing eval sentences``).
CoreNLP's splitter ignores paragraph breaks, while framing always ends a
sentence at one, so the headline number counts boundaries *inside*
paragraphs; the score over all boundaries is reported beside it.  A boundary
is compared after stepping back over white space and quote marks, because
the two tools attach a quote mark between sentences ("…lobbyist. ''I had")
to different sides.  Articles are split in two halves by a hash of their
name: the rules were developed looking at errors on ``dev`` only.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from framing.clean import split_blocks
from framing.compare import toward
from framing.evaluate.loaded import loaded_scores, loaded_table
from framing.problems import FramingError
from framing.read.datasets.basil import BasilData, read_basil
from framing.read.datasets.corenlp import iter_corenlp
from framing.read.datasets.polnear import read_polnear
from framing.run.pipeline import analyze
from framing.run.result import Result
from framing.segment import sentence_spans, tokenize

__all__ = [
    "BASIL_TUNED_YEARS",
    "BiasScores",
    "BoundaryScore",
    "SentenceEvaluation",
    "basil_evaluation",
    "basil_scores",
    "basil_sentence_frame",
    "basil_table",
    "half_of",
    "sentence_boundaries",
]

_QUOTES = "'\"”“‘’«»"


@dataclass
class BoundaryScore:
    """Counts of true positive, false positive and false negative boundaries."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, predicted: set[int], gold: set[int]) -> None:
        self.tp += len(predicted & gold)
        self.fp += len(predicted - gold)
        self.fn += len(gold - predicted)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


@dataclass
class SentenceEvaluation:
    """Boundary scores by half (dev, test) and scope (within paragraphs, all)."""

    articles: dict[str, int] = field(default_factory=lambda: {"dev": 0, "test": 0})
    scores: dict[tuple[str, str], BoundaryScore] = field(default_factory=dict)

    def score(self, half: str, scope: str) -> BoundaryScore:
        return self.scores.setdefault((half, scope), BoundaryScore())

    def as_dict(self) -> dict[str, object]:
        return {
            "reference": "CoreNLP sentence boundaries, PolNeAR train split (corenlp-train.tsv.gz)",
            "articles": self.articles,
            "scores": {f"{half}/{scope}": s.as_dict() for (half, scope), s in sorted(self.scores.items())},
        }

    def table(self) -> str:
        lines = [
            "sentence boundaries vs CoreNLP (PolNeAR train)",
            f"{'half':6} {'scope':18} {'articles':>8} {'P':>7} {'R':>7} {'F1':>7}",
        ]
        for (half, scope), s in sorted(self.scores.items()):
            lines.append(f"{half:6} {scope:18} {self.articles[half]:8d} {s.precision:7.4f} {s.recall:7.4f} {s.f1:7.4f}")
        return "\n".join(lines)


def half_of(name: str) -> str:
    """``dev`` or ``test``: a fixed split of articles by a hash of their name."""
    return "dev" if int(hashlib.sha256(name.encode("utf-8")).hexdigest(), 16) % 2 == 0 else "test"


def _back_over_quotes(text: str, position: int) -> int:
    while position > 0 and (text[position - 1].isspace() or text[position - 1] in _QUOTES):
        position -= 1
    return position


def sentence_boundaries(data: Path) -> SentenceEvaluation:
    """Score framing's sentence splitter against CoreNLP on the PolNeAR folder ``data``."""
    reference = data / "corenlp-train.tsv.gz"
    texts = data / "text"
    if not reference.is_file() or not texts.is_dir():
        raise FramingError(
            f"{data} does not look like PolNeAR's training folder: it needs corenlp-train.tsv.gz and text/"
        )
    evaluation = SentenceEvaluation()
    for name, gold_sentences in iter_corenlp(reference):
        path = texts / f"{name}.txt"
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        half = half_of(name)
        evaluation.articles[half] += 1
        blocks = split_blocks(text)
        block_ends = {_back_over_quotes(text, end) for _, end in blocks}
        predicted = {
            _back_over_quotes(text, sentence_end)
            for block_start, block_end in blocks
            for _, sentence_end in sentence_spans(text, block_start, block_end)
        }
        gold = {_back_over_quotes(text, s.end) for s in gold_sentences}
        evaluation.score(half, "all boundaries").add(predicted, gold)
        evaluation.score(half, "within paragraphs").add(predicted - block_ends, gold - block_ends)
    return evaluation


# --- BASIL: informational and lexical bias ----------------------------------------------------

#: BASIL years the slant model was trained and tuned on; scores on the other years (2013) are held out.
BASIL_TUNED_YEARS = ("2010", "2011", "2012")

#: Published sentence-level informational-bias F1 on BASIL with the article and story as context
#: (fine-tuned RoBERTa; van den Berg & Markert 2020), the reference the slant scores are read against.
BASIL_PUBLISHED_F1 = "0.42-0.44"


def basil_sentence_frame(data: BasilData, result: Result) -> pd.DataFrame:
    """BASIL's gold sentences with the framing sentence that covers most of each (``framing_row``)."""
    gold = data.sentences.copy()
    ours = result.sentences
    rows: list[int | None] = []
    by_article = {a: frame for a, frame in ours.groupby("article_id")}
    for article_id, start, end in zip(gold["article_id"], gold["start"], gold["end"], strict=True):
        candidates = by_article.get(article_id)
        best, best_overlap = None, 0
        if candidates is not None:
            for index, s, e in zip(candidates.index, candidates["start"], candidates["end"], strict=True):
                overlap = min(end, e) - max(start, s)
                if overlap > best_overlap:
                    best, best_overlap = int(index), overlap
        rows.append(best)
    gold["framing_row"] = pd.array(rows, dtype="Int64")
    return gold


@dataclass
class BiasScores:
    """Sentence-level precision, recall and F1 (and, for slant, average precision)."""

    sentences: int
    positives: int
    precision: float
    recall: float
    f1: float
    average_precision: float | None = None
    baseline_f1: float | None = None
    span_recall: float | None = None

    def as_dict(self) -> dict[str, float | int | None]:
        return {k: (round(v, 4) if isinstance(v, float) else v) for k, v in self.__dict__.items()}


def _prf(predicted: np.ndarray, gold: np.ndarray) -> tuple[float, float, float]:
    tp = float((predicted & gold).sum())
    precision = tp / predicted.sum() if predicted.sum() else 0.0
    recall = tp / gold.sum() if gold.sum() else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def basil_scores(data: BasilData, result: Result, threshold: float) -> dict[str, dict[str, BiasScores]]:
    """Informational-bias scores of ``slant`` and lexical-bias scores of ``loaded`` hits, by year group."""
    from sklearn.metrics import average_precision_score  # lazy: scikit-learn takes 0.7 s to import

    gold = basil_sentence_frame(data, result)
    slant = result.sentences["slant"].astype(float)
    gold["slant"] = [float(slant[i]) if pd.notna(i) else 0.0 for i in gold["framing_row"]]
    loaded = result.terms[result.terms["lexicon"] == "loaded"]
    hits = {a: list(zip(f["start"], f["end"], strict=True)) for a, f in loaded.groupby("article_id")}
    gold["loaded"] = [
        any(start <= s and e <= end for s, e in hits.get(a, []))
        for a, start, end in zip(gold["article_id"], gold["start"], gold["end"], strict=True)
    ]
    spans = data.spans[data.spans["bias"] == "lex"]
    span_hit = pd.Series(
        [
            any(s < end and start < e for s, e in hits.get(a, []))
            for a, start, end in zip(spans["article_id"], spans["start"], spans["end"], strict=True)
        ],
        index=spans.index,
        dtype=bool,
    )
    year_of = dict(zip(gold["article_id"], gold["year"], strict=False))
    groups = {
        "tuned": lambda y: y in BASIL_TUNED_YEARS,
        "held_out": lambda y: y not in BASIL_TUNED_YEARS,
        "all": lambda y: True,
    }
    out: dict[str, dict[str, BiasScores]] = {}
    for name, keep in groups.items():
        part = gold[gold["year"].map(keep)]
        if part.empty:
            continue
        inf = part["inf"].to_numpy(dtype=bool)
        predicted = part["slant"].to_numpy() >= threshold
        p, r, f = _prf(predicted, inf)
        baseline = _prf(np.ones_like(inf), inf)[2]
        ap = float(average_precision_score(inf, part["slant"])) if inf.any() else 0.0
        lex = part["lex"].to_numpy(dtype=bool)
        lp, lr, lf = _prf(part["loaded"].to_numpy(dtype=bool), lex)
        these = span_hit[spans["article_id"].map(year_of).map(keep).fillna(False).astype(bool)]
        out[name] = {
            "informational": BiasScores(len(part), int(inf.sum()), p, r, f, ap, baseline),
            "lexical": BiasScores(
                len(part), int(lex.sum()), lp, lr, lf, span_recall=float(these.mean()) if len(these) else 0.0
            ),
        }
    return out


def basil_evaluation(folder: Path) -> dict[str, Any]:
    """Run the pipeline on a BASIL folder (each triplet a story) and score slant and loaded terms."""
    data = read_basil(folder)
    result = analyze(data.corpus)
    model = result.settings.slant_model
    if model is None:
        raise FramingError("no slant model is installed; run scripts/train_slant.py")
    scores = basil_scores(data, result, model.threshold)
    return {
        "data": str(folder),
        "articles": len(data.corpus),
        "slant_threshold": model.threshold,
        "slant_trained_on": list(model.provenance.get("years", [])),
        "slant_cross_validation": dict(model.provenance.get("cross_validation", {})),
        "years": {
            "tuned": list(BASIL_TUNED_YEARS),
            "held_out": sorted(set(data.sentences["year"]) - set(BASIL_TUNED_YEARS)),
        },
        "scores": {group: {task: s.as_dict() for task, s in tasks.items()} for group, tasks in scores.items()},
        "entity_tone": basil_entity_tone(data, result),
        "loaded": loaded_scores(data, result),
    }


#: BASIL's article-level feelings toward an entity, as numbers.
FEELINGS = {"str-neg": -2, "neg": -1, "neu": 0, "pos": 1, "str-pos": 2}


def basil_entity_tone(data: BasilData, result: Result) -> dict[str, Any]:
    """Rank correlation of framing's tone toward an entity with BASIL's ``author_feeling_<entity>``.

    For every article and labelled entity (not ``main_event``) the tone is
    :func:`framing.compare.toward`'s article value (mean VADER compound of
    the sentences that mention the entity and their neighbours); pairs where
    the article never names the entity are left out.
    """
    from scipy.stats import spearmanr  # lazy: scipy.stats takes 0.7 s to import

    pairs = []
    for row in data.articles.to_dict(orient="records"):
        article = _only_article(result, row["article_id"])
        for key, value in row.items():
            name, feeling = str(key), str(value)
            if not name.startswith("author_feeling_") or name.endswith("main_event") or feeling not in FEELINGS:
                continue
            entity = name[len("author_feeling_") :].replace("_", " ")
            tone = toward(article, entity)
            found = tone[(tone["level"] == "article") & (tone["mentions"] > 0)]
            if len(found):
                pairs.append((float(found["compound_mean"].iloc[0]), FEELINGS[feeling]))
    if len(pairs) < 3:
        return {"pairs": len(pairs), "spearman": None, "p_value": None}
    rho, p_value = spearmanr([p[0] for p in pairs], [p[1] for p in pairs])
    labels = [p[1] for p in pairs]
    return {
        "pairs": len(pairs),
        "spearman": round(float(rho), 4),
        "p_value": float(f"{p_value:.3g}"),
        "labels": {name: labels.count(value) for name, value in FEELINGS.items() if labels.count(value)},
    }


def _only_article(result: Result, article_id: str) -> dict[str, pd.DataFrame]:
    """The tables of one article of a result (what :func:`framing.compare.tone.toward` reads)."""
    return {
        name: result.tables[name][result.tables[name]["article_id"] == article_id]
        for name in ("sentences", "attributions", "articles")
    }


def basil_table(report: dict[str, Any]) -> str:
    """The BASIL report as a plain-text table."""
    lines = [
        f"BASIL sentence-level bias detection ({report['articles']} articles; slant trained on "
        f"{', '.join(report['slant_trained_on'])}, threshold {report['slant_threshold']})",
        f"{'years':17} {'task':14} {'n':>5} {'pos':>4} {'P':>6} {'R':>6} {'F1':>6} {'AP':>6} "
        f"{'all-F1':>6} {'spanR':>6}",
    ]
    years = report.get("years", {})
    for group, tasks in report["scores"].items():
        label = "-".join(dict.fromkeys([years[group][0], years[group][-1]])) if years.get(group) else group
        label = f"{label} {'held out' if group == 'held_out' else 'trained' if group == 'tuned' else ''}".strip()
        for task, s in tasks.items():
            ap = f"{s['average_precision']:6.3f}" if s["average_precision"] is not None else "     -"
            base = f"{s['baseline_f1']:6.3f}" if s["baseline_f1"] is not None else "     -"
            span = f"{s['span_recall']:6.3f}" if s["span_recall"] is not None else "     -"
            lines.append(
                f"{label:17} {task:14} {s['sentences']:5d} {s['positives']:4d} {s['precision']:6.3f} "
                f"{s['recall']:6.3f} {s['f1']:6.3f} {ap} {base} {span}"
            )
    cv = report.get("slant_cross_validation")
    if cv:
        lines.append(
            f"slant, grouped {cv['folds']}-fold CV by story on {', '.join(report['slant_trained_on'])} "
            f"({cv['repeats']} repeats): P {cv['precision']:.3f} R {cv['recall']:.3f} F1 {cv['f1']:.3f} "
            f"AP {cv['average_precision']:.3f} (all-F1 {cv['all_positive_f1']:.3f}); published contextual models "
            f"(RoBERTa, van den Berg & Markert 2020): F1 {BASIL_PUBLISHED_F1}; slant ranks sentences for reading"
        )
    tone = report.get("entity_tone")
    if tone and tone.get("spearman") is not None:
        lines.append(
            f"tone toward an entity vs author_feeling (Spearman): rho {tone['spearman']:.3f} "
            f"(p {tone['p_value']}, {tone['pairs']} article-entity pairs; labels {tone['labels']})"
        )
    if report.get("loaded"):
        lines.append(loaded_table(report["loaded"]))
    return "\n".join(lines)


# --- PolNeAR: attribution spans ---------------------------------------------------------------

_EDGE = " \t\n.,;:"


def polnear_split(name: str) -> str:
    """``held_out`` for about one article in five (by a hash of its name), ``train`` for the rest."""
    return "held_out" if int(hashlib.sha256(name.encode("utf-8")).hexdigest(), 16) % 5 == 0 else "train"


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    return start, end


def _token_set(starts: np.ndarray, start: int, end: int) -> set[int]:
    return set(np.nonzero((starts >= start) & (starts < end))[0].tolist())


def polnear_predicted_spans(result: Result) -> pd.DataFrame:
    """The spans framing found, in the gold table's shape (``role``, ``start``, ``end``, ``attribution``).

    PolNeAR marks a quotation interrupted by its speaker ("“…,” he said.
    “…”") as one content span running from the first quote to the last;
    framing reports the second part as a ``continuation`` row, so here it is
    folded into the attribution it continues.
    """
    records = result.attributions.to_dict(orient="records")
    merged: list[dict] = []
    for row in records:
        previous = merged[-1] if merged else None
        if (
            row.get("continuation")
            and previous is not None
            and previous["article_id"] == row["article_id"]
            and previous["speaker"] == row["speaker"]
            and row["paragraph"] - previous["paragraph"] <= 1
        ):
            previous["content_end"] = max(previous["content_end"], row["content_end"])
            continue
        merged.append(dict(row))
    rows = []
    for index, row in enumerate(merged):
        for role, start, end in (
            ("source", row["speaker_start"], row["speaker_end"]),
            ("cue", row["cue_start"], row["cue_end"]),
            ("content", row["content_start"], row["content_end"]),
        ):
            if pd.notna(start) and pd.notna(end):
                rows.append(
                    {
                        "article_id": row["article_id"],
                        "attribution": index,
                        "role": role,
                        "start": int(start),
                        "end": int(end),
                    }
                )
    return pd.DataFrame(rows, columns=["article_id", "attribution", "role", "start", "end"])


@dataclass
class SpanScores:
    """Exact and token-overlap precision, recall and F1 for one role."""

    gold: int
    predicted: int
    exact_p: float
    exact_r: float
    exact_f1: float
    overlap_p: float
    overlap_r: float
    overlap_f1: float

    def as_dict(self) -> dict[str, float | int]:
        return {k: (round(v, 4) if isinstance(v, float) else v) for k, v in self.__dict__.items()}


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def polnear_scores(texts: dict[str, str], gold: pd.DataFrame, predicted: pd.DataFrame) -> dict[str, Any]:
    """Span scores per role and the share of gold attributions whose cue and source are found and linked.

    Spans are compared after trimming white space and ``. , ; :`` at their
    edges.  *Exact*: same start and end.  *Overlap*: each predicted span
    scores its best token Jaccard with a gold span of the same role
    (precision is the mean over predicted spans, recall over gold spans).
    """
    starts = {a: np.array([t.start for t in tokenize(text)]) for a, text in texts.items()}
    out: dict[str, Any] = {}
    for role in ("source", "cue", "content"):
        g = {
            (r["article_id"], *_trim(texts[r["article_id"]], r["start"], r["end"]))
            for r in gold[gold["role"] == role].to_dict(orient="records")
        }
        p = {
            (r["article_id"], *_trim(texts[r["article_id"]], r["start"], r["end"]))
            for r in predicted[predicted["role"] == role].to_dict(orient="records")
        }
        g = {s for s in g if s[2] > s[1]}
        p = {s for s in p if s[2] > s[1]}
        hits = len(g & p)
        exact_p = hits / len(p) if p else 0.0
        exact_r = hits / len(g) if g else 0.0
        gold_tokens = {s: _token_set(starts[s[0]], s[1], s[2]) for s in g}
        pred_tokens = {s: _token_set(starts[s[0]], s[1], s[2]) for s in p}
        by_article: dict[str, list] = {}
        for s, tokens in gold_tokens.items():
            by_article.setdefault(s[0], []).append(tokens)
        pred_by_article: dict[str, list] = {}
        for s, tokens in pred_tokens.items():
            pred_by_article.setdefault(s[0], []).append(tokens)

        def best(tokens: set[int], others: list[set[int]]) -> float:
            return max((len(tokens & o) / len(tokens | o) for o in others if tokens & o), default=0.0)

        overlap_p = float(np.mean([best(t, by_article.get(s[0], [])) for s, t in pred_tokens.items()])) if p else 0.0
        overlap_r = (
            float(np.mean([best(t, pred_by_article.get(s[0], [])) for s, t in gold_tokens.items()])) if g else 0.0
        )
        out[role] = SpanScores(
            len(g), len(p), exact_p, exact_r, _f1(exact_p, exact_r), overlap_p, overlap_r, _f1(overlap_p, overlap_r)
        )
    out["linked"] = _linked_share(starts, gold, predicted)
    return out


def _linked_share(starts: dict[str, np.ndarray], gold: pd.DataFrame, predicted: pd.DataFrame) -> float:
    """Share of gold attributions with a cue and a source whose cue and source framing found in one attribution."""

    def spans(table: pd.DataFrame) -> dict[tuple[str, Any], dict[str, set[int]]]:
        out: dict[tuple[str, Any], dict[str, set[int]]] = {}
        for r in table.to_dict(orient="records"):
            out.setdefault((r["article_id"], r["attribution"]), {})[r["role"]] = _token_set(
                starts[r["article_id"]], r["start"], r["end"]
            )
        return out

    gold_attr = {k: v for k, v in spans(gold).items() if "cue" in v and "source" in v}
    pred_attr = spans(predicted)
    by_article: dict[str, list[dict[str, set[int]]]] = {}
    for (article, _), roles in pred_attr.items():
        by_article.setdefault(article, []).append(roles)
    found = 0
    for (article, _), roles in gold_attr.items():
        for candidate in by_article.get(article, []):
            if roles["cue"] & candidate.get("cue", set()) and roles["source"] & candidate.get("source", set()):
                found += 1
                break
    return found / len(gold_attr) if gold_attr else 0.0


def polnear_evaluation(folder: Path, *, split: str = "held_out") -> dict[str, Any]:
    """Run the pipeline on PolNeAR articles of one split and score the attributions against the gold spans."""
    everything = read_polnear(folder)
    names = {a.article_id for a in everything.corpus if split == "all" or polnear_split(a.article_id) == split}
    data = read_polnear(folder, names=names)
    result = analyze(data.corpus)
    texts = {a.article_id: a.text for a in data.corpus}
    scores = polnear_scores(texts, data.spans, polnear_predicted_spans(result))
    several = data.annotators[data.annotators["files"] > 1]
    return {
        "data": str(folder),
        "split": split,
        "articles": len(data.corpus),
        "annotator_choice": "alphabetically first annotator file where an article has several",
        "articles_with_several_annotators": {
            r["article_id"]: r["annotator"] for r in several.to_dict(orient="records")
        },
        "scores": {role: (s.as_dict() if isinstance(s, SpanScores) else round(s, 4)) for role, s in scores.items()},
    }


def polnear_table(report: dict[str, Any]) -> str:
    """The PolNeAR report as a plain-text table."""
    lines = [
        f"PolNeAR attribution spans ({report['split']} split, {report['articles']} articles; "
        f"{len(report['articles_with_several_annotators'])} with several annotators: first annotator file used)",
        f"{'role':8} {'gold':>6} {'pred':>6}  {'exact P':>7} {'R':>6} {'F1':>6}  {'overlap P':>9} {'R':>6} {'F1':>6}",
    ]
    for role in ("source", "cue", "content"):
        s = report["scores"][role]
        lines.append(
            f"{role:8} {s['gold']:6d} {s['predicted']:6d}  "
            f"{s['exact_p']:7.3f} {s['exact_r']:6.3f} {s['exact_f1']:6.3f}  "
            f"{s['overlap_p']:9.3f} {s['overlap_r']:6.3f} {s['overlap_f1']:6.3f}"
        )
    lines.append(f"gold attributions with cue and source found and linked: {report['scores']['linked']:.3f}")
    return "\n".join(lines)
