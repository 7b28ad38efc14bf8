"""Compare variants of the generic-frames recipe by 5-fold cross-validation on the Narrative Frames folder.

    .venv/bin/python scripts/frames_experiments.py DATA [VARIANT ...] [--seeds 0 1] [--without-questions]

Each variant changes some parameters of :data:`framing.frames.validation.RECIPE`
(fitted with the indicator questions as auxiliary targets, as the built-in
model is, unless ``--without-questions``);
each is scored by pooled out-of-fold macro-F1 over 5 shuffled folds, for
each seed (the fold split and the inner folds both change with it), so a
difference can be set beside the spread from the split alone.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

import numpy as np
from joblib import Parallel, delayed

from framing.frames import GENERIC_FRAMES
from framing.frames.coded import CodedSample
from framing.frames.crossval import score
from framing.frames.validation import (
    builtin_recipe,
    coded_sample,
    cross_validate_frames,
    pooled_scores,
    recipe_auxiliary,
)
from framing.read.datasets.narrative_frames import read_narrative_frames

VARIANTS: dict[str, dict[str, Any]] = {
    "recipe": {},
    "bigrams": {"word_ngrams": (1, 2)},
    "trigrams": {"word_ngrams": (1, 3)},
    "raw_tf": {"sublinear_tf": False},
    "char_3_5": {"char_ngrams": (3, 5)},
    "min_df_3": {"min_df": 3},
    "min_df_5": {"min_df": 5},
    "max_5k": {"max_features": 5000},
    "max_50k": {"max_features": 50000},
    "C_fixed_3": {"C": 3.0},
    "no_balance": {"class_weight": None},
    "Cs_wide": {"Cs": (0.1, 0.3, 1.0, 3.0, 10.0, 30.0, 100.0)},
    "aux_weight_0.5": {"aux_weight": 0.5},
    "aux_weight_2": {"aux_weight": 2.0},
    "aux_C_1": {"aux_C": 1.0},
    "aux_C_10": {"aux_C": 10.0},
}


def run(name: str, sample: CodedSample, aux: np.ndarray | None, seed: int) -> tuple[str, int, dict[str, Any]]:
    model = builtin_recipe(**VARIANTS[name], random_state=seed)
    validation = cross_validate_frames(model, sample.texts, sample.y, aux=aux, folds=5, seed=seed)
    return name, seed, pooled_scores(score(sample, validation.called, folds=5, random_state=seed))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data")
    parser.add_argument("variants", nargs="*", default=list(VARIANTS))
    parser.add_argument("--seeds", nargs="+", type=int, default=[0, 1])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--without-questions", action="store_true", help="no auxiliary targets (the first recipe)")
    arguments = parser.parse_args()
    data = read_narrative_frames(arguments.data)
    sample = coded_sample(data, folder=arguments.data)
    aux = None if arguments.without_questions else recipe_auxiliary(data)[1]
    results = []
    jobs = (delayed(run)(name, sample, aux, seed) for name in arguments.variants for seed in arguments.seeds)
    for name, seed, result in Parallel(n_jobs=arguments.jobs, return_as="generator")(jobs):
        print(json.dumps({"variant": name, "seed": seed, "macro_f1": result["macro_f1"]}), flush=True)
        results.append((name, seed, result))
    for name in arguments.variants:
        mine = [r for n, _, r in results if n == name]
        macro = [r["macro_f1"] for r in mine]
        frames = {f: round(float(np.mean([r["frames"][f]["f1"] for r in mine])), 3) for f in GENERIC_FRAMES}
        summary = {"variant": name, "mean_macro_f1": round(float(np.mean(macro)), 4), "by_seed": macro, **frames}
        print(json.dumps(summary))


if __name__ == "__main__":
    main()
