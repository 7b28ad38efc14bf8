"""Every evaluation framing has, on the annotated folders under one data root, in one table beside published results.

``framing eval all ROOT`` finds the corpora under ``ROOT`` by their shape
(:func:`find_datasets`), runs each evaluation on the split it reports
(:func:`overview`) and prints one row per headline number with the data, the
split, framing's score and what published systems or simple baselines reach
on that task (:func:`overview_table`).  Published numbers were measured on
the corpora's own test splits, which are not the folders here; they are set
beside framing's to show the distance, not as a matched comparison.

>>> rows = headline_rows({"sentences": {"articles": {"dev": 2, "test": 3},
...     "scores": {"test/within paragraphs": {"f1": 0.98}}}})
>>> rows[0]["framing"], rows[0]["split"]
('0.980', 'test half (3 articles)')
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from framing.evaluate.annotated import basil_evaluation, polnear_evaluation, sentence_boundaries
from framing.evaluate.frames import frames_evaluation
from framing.evaluate.speakers import speakers_evaluation
from framing.problems import FramingError

__all__ = ["PUBLISHED", "find_datasets", "headline_rows", "overview", "overview_table"]

#: Published results beside which framing's numbers are set (each on its corpus's own test split or all of it).
PUBLISHED = {
    "attribution": "exact F1 source / cue / content on PolNeAR test (CofeNet, COLING 2022): rules 10.7 / 22.8 / 5.6, "
    "embedding+CRF 50.6 / 53.4 / 28.6, BiLSTM 71.2 / 67.0 / 62.2, BERT 83.2 / 75.3 / 72.9",
    "informational": "sentence F1 on all of BASIL (van den Berg & Markert 2020): every sentence 0.28, "
    "RoBERTa 0.42, RoBERTa with the other versions as context 0.44",
    "lexical": "share of BASIL's lexical-bias spans hit by lexicon-only methods: 17-61% (Fan et al. 2019); "
    "framing's loaded lexicon was grown on all basil-dev years, so its rows here are in-sample",
    "frames": "baselines scored the same way: every frame present, TF-IDF + logistic regression",
    "sentences": "reference: CoreNLP's sentence boundaries",
    "speakers": "-",
}


def _is_polnear(folder: Path) -> bool:
    return (folder / "attributions").is_dir() and (folder / "text").is_dir()


def _is_basil(folder: Path) -> bool:
    return (folder / "articles").is_dir() and (folder / "annotations").is_dir()


def _is_narrative_frames(folder: Path) -> bool:
    return (folder / "articles.tsv").is_file() and (folder / "annotations.json").is_file()


def find_datasets(root: Path) -> dict[str, Path]:
    """The annotated folders directly under ``root`` (or ``root`` itself), by name: polnear, basil, narrative_frames."""
    if not root.is_dir():
        raise FramingError(f"{root} is not a folder; point to the folder that holds the annotated corpora")
    found: dict[str, Path] = {}
    for folder in [root, *sorted(p for p in root.iterdir() if p.is_dir())]:
        for name, test in (("polnear", _is_polnear), ("basil", _is_basil), ("narrative_frames", _is_narrative_frames)):
            if name not in found and test(folder):
                found[name] = folder
    if not found:
        raise FramingError(
            f"{root} holds no PolNeAR (text/, attributions/), BASIL (articles/, annotations/) or Narrative Frames "
            "(articles.tsv, annotations.json) folder; point to the folder that holds them"
        )
    return found


def overview(root: Path, *, folds: int = 5, progress: Callable[[str], None] | None = None) -> dict[str, Any]:
    """Run every evaluation whose corpus is under ``root``; the reports by name, with the folders used."""
    datasets = find_datasets(root)
    runs: list[tuple[str, str, Callable[[], Any]]] = []
    if "polnear" in datasets:
        folder = datasets["polnear"]
        runs += [
            ("attribution", "polnear", lambda: polnear_evaluation(folder, split="held_out")),
            ("speakers_polnear", "polnear", lambda: speakers_evaluation(folder, split="held_out")),
            ("sentences", "polnear", lambda: sentence_boundaries(folder).as_dict()),
        ]
    if "basil" in datasets:
        runs += [("basil", "basil", lambda: basil_evaluation(datasets["basil"]))]
    if "narrative_frames" in datasets:
        runs += [("frames", "narrative_frames", lambda: frames_evaluation(datasets["narrative_frames"], folds=folds))]
    reports: dict[str, Any] = {"datasets": {name: str(path) for name, path in datasets.items()}}
    for name, _, run in runs:
        if progress is not None:
            progress(name)
        reports[name] = run()
    return reports


def _row(task: str, data: str, split: str, metric: str, value: str, published: str) -> dict[str, str]:
    return {"task": task, "data": data, "split": split, "metric": metric, "framing": value, "published": published}


def _attribution_rows(report: dict[str, Any]) -> list[dict[str, str]]:
    scores = report["scores"]
    split = f"{report['split']} ({report['articles']} articles)"
    exact = " / ".join(f"{100 * scores[r]['exact_f1']:.1f}" for r in ("source", "cue", "content"))
    overlap = " / ".join(f"{100 * scores[r]['overlap_f1']:.1f}" for r in ("source", "cue", "content"))
    return [
        _row("attribution spans", "PolNeAR", split, "exact F1 source / cue / content", exact, PUBLISHED["attribution"]),
        _row("attribution spans", "PolNeAR", split, "overlap F1 source / cue / content", overlap, "-"),
    ]


def _sentence_rows(report: dict[str, Any]) -> list[dict[str, str]]:
    score = report["scores"]["test/within paragraphs"]["f1"]
    split = f"test half ({report['articles']['test']} articles)"
    return [
        _row("sentence boundaries", "PolNeAR", split, "F1 inside paragraphs", f"{score:.3f}", PUBLISHED["sentences"])
    ]


def _frames_rows(report: dict[str, Any]) -> list[dict[str, str]]:
    low, high = report["recipe"]["macro_f1_interval"]
    baselines = report["baselines"]
    value = f"{report['recipe']['macro_f1']:.3f} [{low:.2f}, {high:.2f}]"
    published = (
        f"{PUBLISHED['frames']}: {baselines['all_present']['macro_f1']:.3f}, {baselines['tfidf_lr']['macro_f1']:.3f}"
    )
    split = f"{report['folds']}-fold cross-validation ({report['n_articles']} articles)"
    return [_row("generic frames", "Narrative Frames", split, "macro-F1 [95% interval]", value, published)]


def _speaker_rows(report: dict[str, Any]) -> list[dict[str, str]]:
    split = f"{report['split']} ({report['gold_named_sources']} named sources)"
    value = f"{report['right_person']:.3f}"
    return [_row("who speaks", "PolNeAR", split, "named sources with the right person", value, PUBLISHED["speakers"])]


def _basil_rows(report: dict[str, Any]) -> list[dict[str, str]]:
    groups = {group: tasks for group, tasks in report["scores"].items() if group != "all"}
    rows = []
    years = report.get("years", {})
    cv = report.get("slant_cross_validation") or {}
    if cv:
        split = f"{', '.join(years.get('tuned', []))}, {cv['folds']}-fold CV grouped by story"
        value = f"{cv['f1']:.3f} / {cv['average_precision']:.3f}"
        rows.append(
            _row("informational bias (slant)", "BASIL", split, "sentence F1 / AP", value, PUBLISHED["informational"])
        )
    for group, tasks in groups.items():
        s = tasks["informational"]
        value = f"{s['f1']:.3f} / {s['average_precision']:.3f} (every sentence: F1 {s['baseline_f1']:.3f})"
        label = "held out" if group == "held_out" else "trained on"
        split = f"{', '.join(years.get(group, [group]))} ({label}, {s['sentences']} sentences)"
        rows.append(
            _row("informational bias (slant)", "BASIL", split, "sentence F1 / AP", value, PUBLISHED["informational"])
        )
    loaded = report.get("loaded") or {}
    for group, sets in loaded.get("scores", {}).items():
        years = ", ".join(sorted(loaded["years"][group]))
        for name in ("lexicon", "model", "union"):
            s = sets[name]
            split = f"{years} ({'trained on' if group == 'trained' else 'settings chosen on'}), {name}"
            value = f"{s['span_recall']:.3f} / {s['f1']:.3f}"
            rows.append(
                _row("lexical bias (loaded)", "BASIL", split, "span recall / sentence F1", value, PUBLISHED["lexical"])
            )
    return rows


def headline_rows(reports: dict[str, Any]) -> list[dict[str, str]]:
    """One row per headline number of the reports :func:`overview` made (those present)."""
    makers: dict[str, Callable[[dict[str, Any]], list[dict[str, str]]]] = {
        "attribution": _attribution_rows,
        "basil": _basil_rows,
        "frames": _frames_rows,
        "speakers_polnear": _speaker_rows,
        "sentences": _sentence_rows,
    }
    return [row for name, make in makers.items() if name in reports for row in make(reports[name])]


def overview_table(reports: dict[str, Any]) -> str:
    """The headline rows as plain text: one block per number, the published results beneath it."""
    lines = ["framing against annotated news (held-out parts; published results on the corpora's own test splits)"]
    rows = headline_rows(reports)
    for row, following in zip(rows, [*rows[1:], None], strict=True):
        lines.append(f"{row['task']} — {row['data']}, {row['split']}: {row['metric']} {row['framing']}")
        if row["published"] != "-" and (following is None or following["published"] != row["published"]):
            lines.append(f"    published / baselines: {row['published']}")
    return "\n".join(lines)
