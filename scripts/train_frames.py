"""Train the built-in generic-frames model on the Narrative Frames folder and write framing/models/generic_frames.json.

    .venv/bin/python scripts/train_frames.py ../shared/data/narrative-frames-dev [--out PATH]

The recipe is :data:`framing.frames.validation.RECIPE`, with the coders'
indicator questions as auxiliary targets stacked under the frame model
(:func:`framing.frames.validation.recipe_auxiliary`).  Before the final
fit on all articles, 5-fold cross-validation (fixed seed) measures it, scored
by the frames scorer (:func:`framing.frames.crossval.score`): per frame
precision, recall and F1 and the macro-F1 of the pooled out-of-fold calls,
with 95% bootstrap intervals (resampling articles), and the out-of-fold
error counts (tp/fn/fp/tn at each fold model's own thresholds) that
prevalence correction uses; the shipped model's ``error_counts`` are those
counts.
The provenance holds no date, so a rerun writes the same bytes.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import time
from importlib.metadata import version
from pathlib import Path

from framing.frames import GENERIC_FRAMES
from framing.frames.crossval import score
from framing.frames.validation import (
    RECIPE,
    builtin_recipe,
    coded_sample,
    cross_validate_frames,
    pooled_scores,
    recipe_auxiliary,
)
from framing.read.datasets.narrative_frames import read_narrative_frames

ROOT = Path(__file__).resolve().parents[1]
FOLDS = 5
SEED = 0


def main(folder: str, out: Path) -> None:
    started = time.perf_counter()
    data = read_narrative_frames(folder)
    sample = coded_sample(data, folder=folder)
    texts, Y = list(sample.texts), sample.y
    questions, aux = recipe_auxiliary(data)
    out_of_fold = cross_validate_frames(builtin_recipe(), texts, Y, aux=aux, folds=FOLDS, seed=SEED)
    validation = score(sample, out_of_fold.called, folds=FOLDS, random_state=SEED)
    metrics = pooled_scores(validation)
    model = builtin_recipe().fit(texts, Y, aux=aux)
    model.error_counts_ = validation.error_counts
    recipe = {k: list(v) if isinstance(v, tuple) else v for k, v in RECIPE.items()}
    provenance = {
        "data": Path(folder).resolve().name,
        "n_articles": len(texts),
        "articles_sha256": hashlib.sha256((Path(folder) / "articles.tsv").read_bytes()).hexdigest(),
        "prevalence": {f: round(float(Y[:, j].mean()), 4) for j, f in enumerate(GENERIC_FRAMES)},
        "recipe": recipe,
        "auxiliary_targets": {
            "questions": questions,
            "target": "1 where at least half of the article's coders answered yes",
        },
        "chosen_C": dict(zip(GENERIC_FRAMES, model.chosen_C_, strict=True)),
        "sklearn": version("scikit-learn"),
        "cross_validation": {
            "folds": FOLDS,
            "seed": SEED,
            "pooled_out_of_fold": True,
            "scorer": "framing.frames.crossval.score",
            "intervals": "95% percentile bootstrap, resampling articles",
            **metrics,
        },
        "error_counts": "out-of-fold counts of the cross-validation above, at each fold model's thresholds",
        "script": "scripts/train_frames.py",
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    model.save(out, provenance=provenance)
    per_frame = "  ".join(f"{f} {metrics['frames'][f]['f1']:.3f}" for f in GENERIC_FRAMES)
    print(json.dumps({"macro_f1": metrics["macro_f1"], "interval": metrics["macro_f1_interval"]}), per_frame)
    print(f"wrote {out} ({out.stat().st_size / 1e6:.2f} MB) in {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", help="the Narrative Frames folder (articles.tsv, annotations.json)")
    parser.add_argument("--out", type=Path, default=ROOT / "framing" / "models" / "generic_frames.json")
    arguments = parser.parse_args()
    main(arguments.data, arguments.out)
