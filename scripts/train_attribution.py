"""Train the learned attribution tagger on PolNeAR's training split and write it to framing/models.

    .venv/bin/python scripts/train_attribution.py ../shared/data/polnear-train [--dev] [--c1 X --c2 Y]

One CRF (python-crfsuite) over the features of ``framing.measure.tagger``
labels each token's source/cue role and its content role at once (joint
BIO labels, ``framing.measure.tagger.joint_labels``).  Gold
spans are PolNeAR's (first annotator file, as ``framing eval polnear``
reads them).  The articles are those with
``framing.evaluate.polnear_split(name) == "train"``; the ``held_out`` ones
are only scored, after training, with the pipeline as ``framing eval
polnear DATA --split held_out`` runs it, and the scores go into the
provenance (``attribution_crf.json``).

``--dev`` is how the settings were tuned: it trains on three quarters of
the train split and scores the tagger's spans on the other quarter (a hash
of the name, :func:`dev_part`), writing nothing to the package.

Reruns give the same bytes: the articles are read in name order and
crfsuite's L-BFGS training has no randomness.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd
import pycrfsuite

from framing.about import installed_version
from framing.clean import clean
from framing.evaluate import polnear_evaluation, polnear_split
from framing.evaluate.annotated import polnear_scores
from framing.measure.attribution import find_attributions
from framing.measure.learned_attribution import tagger_inputs
from framing.measure.tagger import joint_labels, joint_spans, labels_of, passage_features
from framing.measure.units import body_sentences, lexicon_tokens
from framing.models.attribution_crf import MODEL_FILE
from framing.read.datasets.polnear import read_polnear
from framing.settings import settings_for

ROOT = Path(__file__).resolve().parents[1]
MODELS = ROOT / "framing" / "models"

#: The CRF settings chosen on the dev quarter of the train split (``--dev``).
PARAMS = {"c1": 2.0, "c2": 0.005, "max_iterations": 150, "feature.possible_transitions": True}
#: Where two gold spans claim a token, the first listed keeps it: cues before sources; the outermost content.
PRIORITY = {"roles": ("cue", "source"), "content": ("content",)}


def dev_part(name: str) -> bool:
    """One training article in four, by a hash of its name: the dev part ``--dev`` scores."""
    return int(hashlib.sha256(f"dev:{name}".encode()).hexdigest(), 16) % 4 == 0


def _gold(spans: pd.DataFrame, text: str, roles: Sequence[str]) -> list[tuple[str, int, int]]:
    """The gold spans of ``roles`` in priority order (trimmed as the evaluation trims them)."""
    edge = " \t\n.,;:"
    rows = []
    for r in spans.to_dict(orient="records"):
        if r["role"] not in roles:
            continue
        start, end = r["start"], r["end"]
        while start < end and text[start] in edge:
            start += 1
        while end > start and text[end - 1] in edge:
            end -= 1
        rows.append((r["role"], start, end))
    return sorted(rows, key=lambda s: (roles.index(s[0]), -(s[2] - s[1]), s[1]))


def sequences(folder: Path, names: set[str]) -> list[dict[str, Any]]:
    """For each article: its passages' features and gold (joint) labels."""
    settings = settings_for(attribution="rules")
    rules = settings.attribution
    data = read_polnear(folder, names=names)
    out = []
    for article in sorted(data.corpus, key=lambda a: a.article_id):
        cleaned = clean(article, settings.clean)
        sentences = body_sentences(cleaned)
        body = [(b.start, b.end) for b in cleaned.body]
        prepared = lexicon_tokens(sentences, [rules.cue_lexicon()])
        rule_rows = find_attributions(article.text, sentences, body, rules, prepared)
        inputs = tagger_inputs(article.text, sentences, body, rules, prepared=prepared, rule_rows=rule_rows)
        gold = data.spans[data.spans["article_id"] == article.article_id] if len(data.spans) else data.spans
        golds = {name: _gold(gold, article.text, roles) for name, roles in PRIORITY.items()}
        for passage, hits, nearby in inputs.passages:
            out.append(
                {
                    "article_id": article.article_id,
                    "tokens": passage.tokens,
                    "features": passage_features(passage, hits, inputs.quotes, nearby),
                    "labels": joint_labels(*(labels_of(passage.tokens, golds[name]) for name in PRIORITY)),
                }
            )
    return out


def train(items: list[dict[str, Any]], out: Path, params: dict[str, Any]) -> dict[str, int]:
    """Train the tagger into ``out``; the number of sequences and tokens trained on."""
    trainer = pycrfsuite.Trainer(verbose=False)
    for item in items:
        trainer.append(item["features"], item["labels"])
    trainer.set_params(params)
    trainer.train(str(out / MODEL_FILE))
    return {"sequences": len(items), "tokens": sum(len(i["tokens"]) for i in items)}


def dev_scores(folder: Path, items: list[dict[str, Any]], models: Path) -> dict[str, Any]:
    """The tagger's spans on ``items`` scored against PolNeAR's gold spans, as ``framing eval polnear`` scores."""
    names = {i["article_id"] for i in items}
    data = read_polnear(folder, names=names)
    tagger = pycrfsuite.Tagger()
    tagger.open(str(models / MODEL_FILE))
    rows = []
    for item in items:
        for role, start, end in joint_spans(tagger.tag(item["features"]), item["tokens"]):
            rows.append({"article_id": item["article_id"], "attribution": 0, "role": role, "start": start, "end": end})
    texts = {a.article_id: a.text for a in data.corpus}
    scores = polnear_scores(
        texts, data.spans, pd.DataFrame(rows, columns=["article_id", "attribution", "role", "start", "end"])
    )
    return {role: s.as_dict() for role, s in scores.items() if role != "linked"}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", type=Path, help="the polnear-train folder")
    parser.add_argument("--dev", action="store_true", help="train on 3/4 of the train split, score the other 1/4")
    parser.add_argument(
        "--scores-only", action="store_true", help="keep the model, score it again on held_out (after a code change)"
    )
    parser.add_argument("--c1", type=float, default=PARAMS["c1"])
    parser.add_argument("--c2", type=float, default=PARAMS["c2"])
    args = parser.parse_args(argv)
    params = {**PARAMS, "c1": args.c1, "c2": args.c2}
    names = {p.stem for p in (args.data / "text").glob("*.txt") if polnear_split(p.stem) == "train"}
    if args.dev:
        fit = sequences(args.data, {n for n in names if not dev_part(n)})
        dev = sequences(args.data, {n for n in names if dev_part(n)})
        with tempfile.TemporaryDirectory() as tmp:
            train(fit, Path(tmp), params)
            print(json.dumps({"params": params, "dev": dev_scores(args.data, dev, Path(tmp))}, indent=2))
        return 0
    if args.scores_only:
        provenance = json.loads((MODELS / "attribution_crf.json").read_text())
        return _score_held_out(args.data, provenance)
    counts = train(sequences(args.data, names), MODELS, params)
    provenance = {
        "data": "PolNeAR training texts (polnear-train), split train",
        "split": "polnear_split(name) == 'train'; tuned on its dev quarter (dev_part); held_out only scored",
        "articles": len(names),
        **counts,
        "crf_params": params,
        "package_versions": {"python-crfsuite": installed_version("python-crfsuite")},
        "cite": "Newell, Margolin & Ruths, LREC 2018 (PolNeAR)",
    }
    (MODELS / "attribution_crf.json").write_text(json.dumps(provenance, indent=2, sort_keys=True) + "\n")
    return _score_held_out(args.data, provenance)


def _score_held_out(folder: Path, provenance: dict[str, Any]) -> int:
    """Score the model in the package on the held_out split as ``framing eval polnear`` does; write the
    scores into its provenance."""
    provenance["held_out_scores"] = polnear_evaluation(folder, split="held_out")["scores"]
    provenance["held_out_command"] = "framing eval polnear DATA --split held_out"
    (MODELS / "attribution_crf.json").write_text(json.dumps(provenance, indent=2, sort_keys=True) + "\n")
    print(json.dumps(provenance, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
