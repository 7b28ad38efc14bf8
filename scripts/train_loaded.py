"""Train framing's loaded-language model on BASIL's lexical-bias spans and write framing/models/loaded_words.json.

    .venv/bin/python scripts/train_loaded.py ../shared/data/basil-dev

Every candidate body word (:func:`framing.measure.loaded_words.candidate_features`)
of BASIL's articles is an example, positive when it lies inside a
lexical-bias span (``bias == "lex"``, Fan et al. 2019).  The logistic model is
fitted on ``TRAIN_YEARS`` (2010-2011) only; its regularisation ``C`` and its
threshold are chosen on ``CHOICE_YEARS`` (2012-2013) by the model's own
sentence-level F1 there (a sentence is predicted when a word of it scores at
or above the threshold).  The model leaves out the ``loaded`` lexicon's own
features (``EXCLUDED``): the lexicon was checked against all four years of
BASIL dev, so a model leaning on it would look better on 2012-2013 than on
unseen text, and its job is to find the words the lexicon lacks (its hits on
words the lexicon has stay ``loaded`` rows anyway).  The output records the
data, years, counts, package versions and the scores on both year groups;
reruns give the same bytes.
"""

from __future__ import annotations

import sys
from importlib.metadata import version
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

from framing.clean import clean
from framing.evaluate.loaded import hit_scores
from framing.lexicons import Lexicon
from framing.measure.attribution import find_attributions
from framing.measure.loaded_words import FEATURE_LEXICONS, Candidates, candidate_features, lexicon_hits
from framing.measure.units import body_sentences, lexicon_tokens
from framing.measure.voice import Voices
from framing.models.loaded_words import LOADED_FEATURES, LoadedModel
from framing.read import Article
from framing.read.datasets.basil import BasilData, read_basil
from framing.settings import Settings, settings_for

ROOT = Path(__file__).resolve().parents[1]
TRAIN_YEARS = ("2010", "2011")
CHOICE_YEARS = ("2012", "2013")
EXCLUDED = ("loaded", "loaded_weight")
C_GRID = (0.01, 0.03, 0.1, 0.3, 1.0, 3.0)
THRESHOLDS = tuple(round(0.5 + 0.01 * i, 2) for i in range(50))
SMOOTH = 2


def article_words(article: Article, settings: Settings) -> tuple[Candidates, np.ndarray, list]:
    """The candidate words of an article, their features, and the ``loaded`` lexicon's hits (as measure makes them)."""
    cleaned = clean(article, settings.clean)
    text = article.text
    sentences = body_sentences(cleaned)
    lexicons: list[Lexicon] = [settings.lexicons[name] for name in FEATURE_LEXICONS]
    prepared = lexicon_tokens(sentences, [settings.attribution.cue_lexicon(), *lexicons])
    body = [(b.start, b.end) for b in cleaned.body]
    attributions = find_attributions(text, sentences, body, settings.attribution, prepared)
    spans = [(s.start, s.end) for s in sentences]
    voices = Voices.of(text, body, spans, attributions, cleaned.token_index)
    hits = lexicon_hits(text, prepared, lexicons)
    words, matrix = candidate_features(text, sentences, voices=voices.spans, hits=hits)
    return words, matrix, [(h.start, h.end) for h in hits if h.lexicon == "loaded"]


def examples(data: BasilData, settings: Settings) -> dict[str, dict]:
    """Each article's words, features, labels (inside a lexical-bias span) and lexicon hits."""
    lex = data.spans[data.spans["bias"] == "lex"]
    spans = {a: list(zip(f["start"], f["end"], strict=True)) for a, f in lex.groupby("article_id")}
    year = dict(zip(data.sentences["article_id"], data.sentences["year"], strict=False))
    out = {}
    for article in data.corpus:
        words, matrix, loaded = article_words(article, settings)
        inside = spans.get(article.article_id, [])
        labels = np.array([any(s < w.end and w.start < e for s, e in inside) for w in words.tokens], dtype=bool)
        out[article.article_id] = {
            "year": year[article.article_id],
            "words": words,
            "x": matrix,
            "y": labels,
            "loaded": loaded,
        }
    return out


def fit(articles: dict[str, dict], columns: list[int], c: float) -> tuple[LogisticRegression, np.ndarray, np.ndarray]:
    """The logistic model on the training years' words (standardised features), with the means and scales."""
    train = [a for a in articles.values() if a["year"] in TRAIN_YEARS]
    x = np.vstack([a["x"][:, columns] for a in train])
    y = np.concatenate([a["y"] for a in train])
    means, scales = x.mean(axis=0), x.std(axis=0)
    scales[scales == 0] = 1.0
    model = LogisticRegression(C=c, class_weight="balanced", max_iter=10000).fit((x - means) / scales, y)
    return model, means, scales


def model_hits(articles: dict[str, dict], scores: dict[str, np.ndarray], threshold: float) -> dict[str, list]:
    return {
        aid: [(w.start, w.end) for w, s in zip(a["words"].tokens, scores[aid], strict=True) if s >= threshold]
        for aid, a in articles.items()
    }


def choose(data: BasilData, articles: dict[str, dict], columns: list[int]) -> tuple[float, float, float]:
    """``C`` and the threshold with the best sentence F1 of the model alone on the choice years, smoothed: each
    threshold's F1 is the mean over it and the ``SMOOTH`` thresholds on either side (one word more or less
    moves single thresholds' F1 by chance)."""
    best: tuple[float, float, float] = (-1.0, 0.0, 0.0)
    for c in C_GRID:
        model, means, scales = fit(articles, columns, c)
        scores = {aid: _proba(model, (a["x"][:, columns] - means) / scales) for aid, a in articles.items()}
        f1 = [hit_scores(data, model_hits(articles, scores, t), CHOICE_YEARS)["f1"] for t in THRESHOLDS]
        for i, threshold in enumerate(THRESHOLDS):
            smoothed = float(np.mean(f1[max(0, i - SMOOTH) : i + SMOOTH + 1]))
            if smoothed > best[0]:
                best = (smoothed, c, threshold)
            print(f"  C {c:<5} threshold {threshold:.2f}: F1 {f1[i]:.3f}, smoothed {smoothed:.3f}", file=sys.stderr)
    return best[1], best[2], best[0]


def _proba(model: LogisticRegression, x: np.ndarray) -> np.ndarray:
    return model.predict_proba(x)[:, 1] if len(x) else np.zeros(0)


def report(data: BasilData, articles: dict[str, dict], scores: dict[str, np.ndarray], threshold: float) -> dict:
    """Lexicon alone, model alone and union on both year groups."""
    lexicon = {aid: a["loaded"] for aid, a in articles.items()}
    model = model_hits(articles, scores, threshold)
    union = {aid: lexicon[aid] + model[aid] for aid in articles}
    return {
        "-".join((years[0], years[-1])): {
            name: {k: v for k, v in hit_scores(data, hits, years).items() if k in ("span_recall", "f1", "spans")}
            for name, hits in (("lexicon", lexicon), ("model", model), ("union", union))
        }
        for years in (TRAIN_YEARS, CHOICE_YEARS)
    }


def main(folder: str) -> None:
    data = read_basil(folder, years=set(TRAIN_YEARS + CHOICE_YEARS))
    articles = examples(data, settings_for(slant=False, loaded_model=False))
    names = [name for name in LOADED_FEATURES if name not in EXCLUDED]
    columns = [LOADED_FEATURES.index(name) for name in names]
    c, threshold, smoothed = choose(data, articles, columns)
    fitted, means, scales = fit(articles, columns, c)
    scores = {aid: _proba(fitted, (a["x"][:, columns] - means) / scales) for aid, a in articles.items()}
    train = [a for a in articles.values() if a["year"] in TRAIN_YEARS]
    model = LoadedModel(
        tuple(names),
        tuple(round(float(v), 6) for v in means),
        tuple(round(float(v), 6) for v in scales),
        tuple(round(float(v), 6) for v in fitted.coef_[0]),
        round(float(fitted.intercept_[0]), 6),
        threshold,
        {
            "data": "BASIL dev (Fan et al., EMNLP 2019), words inside lexical-bias spans (bias == 'lex')",
            "train_years": list(TRAIN_YEARS),
            "choice_years": list(CHOICE_YEARS),
            "words": int(sum(len(a["y"]) for a in train)),
            "positives": int(sum(a["y"].sum() for a in train)),
            "model": f"scikit-learn {version('scikit-learn')} LogisticRegression(C={c}, class_weight='balanced')",
            "chosen_by": f"sentence F1 of the model alone on the choice years, mean over thresholds +-{SMOOTH / 100}",
            "chosen_f1": round(smoothed, 4),
            "packages": {name: version(name) for name in ("scikit-learn", "vaderSentiment", "wordfreq")},
            "scores": report(data, articles, scores, threshold),
            "script": "scripts/train_loaded.py",
        },
    )
    path = ROOT / "framing" / "models" / "loaded_words.json"
    path.write_text(model.to_json(), encoding="utf-8")
    print(f"wrote {path.relative_to(ROOT)}: C {c}, threshold {threshold}")
    for group, sets in model.provenance["scores"].items():
        for name, s in sets.items():
            print(f"  {group} {name:8} span recall {s['span_recall']:.3f} sentence F1 {s['f1']:.3f}")
    for name, weight in sorted(zip(names, fitted.coef_[0], strict=True), key=lambda item: -abs(item[1])):
        print(f"  {name:20} {weight:+.3f}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else str(ROOT.parent / "shared" / "data" / "basil-dev"))
