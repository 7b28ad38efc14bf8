"""Train framing's slant model on BASIL's informational-bias labels and write framing/models/slant.json.

    .venv/bin/python scripts/train_slant.py ../shared/data/basil-dev

The model is a logistic regression over the interpretable sentence features
of :func:`framing.align.slant.sentence_features`, trained on the years in
``TRAIN_YEARS`` only (the other years stay held out for ``framing eval
basil``).  Positive class: a BASIL sentence holding an informational-bias
span (Fan et al. 2019).  The decision threshold is the one with the best F1
on the training years.  The output file records the data, years, counts and
package versions it came from.
"""

from __future__ import annotations

import sys
from importlib.metadata import version
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import precision_recall_curve

from framing.align.slant import sentence_features
from framing.evaluate import basil_sentence_frame
from framing.models.slant import SLANT_FEATURES, SlantModel
from framing.read.datasets.basil import read_basil
from framing.run.pipeline import analyze
from framing.settings import settings_for

ROOT = Path(__file__).resolve().parents[1]
TRAIN_YEARS = {"2010", "2011"}
C = 0.5


def main(folder: str) -> None:
    data = read_basil(folder, years=TRAIN_YEARS)
    result = analyze(data.corpus, settings=settings_for(slant=False))
    sentences = basil_sentence_frame(data, result)
    features = sentence_features(result.sentences, result.attributions, result.terms)
    framing_rows = result.sentences.assign(**{f: features[f] for f in SLANT_FEATURES})
    gold = sentences.groupby("framing_row")["inf"].max()
    x = framing_rows.loc[gold.index, list(SLANT_FEATURES)].to_numpy(dtype=float)
    y = gold.to_numpy(dtype=int)
    means = x.mean(axis=0)
    scales = x.std(axis=0)
    scales[scales == 0] = 1.0
    model = LogisticRegression(C=C, class_weight="balanced", max_iter=5000).fit((x - means) / scales, y)
    probability = model.predict_proba((x - means) / scales)[:, 1]
    precision, recall, thresholds = precision_recall_curve(y, probability)
    f1 = 2 * precision * recall / np.maximum(precision + recall, 1e-12)
    best = int(np.argmax(f1[:-1]))
    slant = SlantModel(
        tuple(round(float(v), 6) for v in means),
        tuple(round(float(v), 6) for v in scales),
        tuple(round(float(v), 6) for v in model.coef_[0]),
        round(float(model.intercept_[0]), 6),
        round(float(thresholds[best]), 4),
        {
            "data": "BASIL dev (Fan et al., EMNLP 2019), informational-bias sentences",
            "years": sorted(TRAIN_YEARS),
            "sentences": len(y),
            "positives": int(y.sum()),
            "model": f"scikit-learn {version('scikit-learn')} LogisticRegression(C={C}, class_weight='balanced')",
            "train_f1_at_threshold": round(float(f1[best]), 4),
            "script": "scripts/train_slant.py",
        },
    )
    path = ROOT / "framing" / "models" / "slant.json"
    path.write_text(slant.to_json(), encoding="utf-8")
    print(f"wrote {path.relative_to(ROOT)}: training F1 {f1[best]:.3f} at threshold {thresholds[best]:.3f}")
    for name, weight in sorted(zip(SLANT_FEATURES, model.coef_[0], strict=True), key=lambda item: -abs(item[1])):
        print(f"  {name:20} {weight:+.3f}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else str(ROOT.parent / "shared" / "data" / "basil-dev"))
