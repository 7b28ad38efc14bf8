"""The frame classifier: tiny hand-coded sets, save/load, scikit-learn compatibility, the built-in model, the reader."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.model_selection import GridSearchCV, cross_validate
from sklearn.utils.estimator_checks import parametrize_with_checks

from framing.evaluate.frames import corrected, frames_evaluation, frames_table
from framing.frames import GENERIC_FRAMES, CodedSample, FrameClassifier, load_frame_model, paragraph_chunks
from framing.frames.crossval import score
from framing.frames.validation import pooled_scores
from framing.problems import FramingError
from framing.read.datasets.narrative_frames import read_narrative_frames

DATA = Path(os.environ.get("FRAMING_DATA", Path(__file__).resolve().parents[2] / "shared" / "data"))
FRAMES_DATA = DATA / "narrative-frames-dev"
needs_data = pytest.mark.skipif(
    not (FRAMES_DATA / "articles.tsv").is_file(),
    reason=f"Narrative Frames data not found at {FRAMES_DATA}; set FRAMING_DATA to the folder that holds it",
)

MONEY = [
    "Taxes will rise and the budget deficit will cost families billions.",
    "The plan costs $4 billion and will hurt jobs and wages.",
    "Investors lost money as prices and costs climbed.",
    "The bill raises taxes on companies and their profits.",
    "Energy prices doubled, costing households money.",
    "The budget cuts will save the economy millions of dollars.",
    "Jobs and wages fell as the factory closed and the economy shrank.",
    "Companies expect profits to grow and prices to fall.",
]
PEOPLE = [
    "A mother wept as she described losing her home to the flood.",
    "The child said she was scared and missed her father.",
    "Maria, 72, remembers the day the river took her family's farm.",
    "He cried when he saw his daughter again after the storm.",
    "Neighbours hugged and prayed for the missing boy.",
    "The grieving widow told her story of loss and hope.",
    "A young girl held her mother's hand in the shelter.",
    "The old fisherman said he feared for his grandchildren.",
]
FIGHT = [
    "Republicans and Democrats clashed over the bill in a bitter fight.",
    "Critics attacked the minister, who hit back at her opponents.",
    "The two parties traded accusations and blamed each other.",
    "Protesters confronted police as the dispute escalated.",
    "The senator slammed his rival and vowed to defeat the plan.",
    "Activists sued the company, which fought back in court.",
    "Opponents accused the government of lying to voters.",
    "The feud between the rivals deepened as both sides dug in.",
]
TEXTS = MONEY + PEOPLE + FIGHT
SINGLE = ["money"] * 8 + ["people"] * 8 + ["conflict"] * 8
# multi-label: money, people, conflict; a few texts carry two frames
MULTI = np.array([[1, 0, 0]] * 8 + [[0, 1, 0]] * 8 + [[0, 0, 1]] * 8)
MULTI[[1, 3]] = [[1, 0, 1], [1, 0, 1]]
MULTI[[9, 12]] = [[0, 1, 1], [0, 1, 1]]
LABELS = ("money", "people", "conflict")


def small(**changes: object) -> FrameClassifier:
    return FrameClassifier(**{"inner_folds": 3, "min_df": 1, "Cs": (1.0, 10.0), **changes})


def test_single_label_shapes_and_calls() -> None:
    model = small().fit(TEXTS, SINGLE)
    assert model.classes_.tolist() == ["conflict", "money", "people"] and not model.multi_label_
    proba = model.predict_proba(["The tax will cost jobs.", "She wept for her lost son."])
    assert proba.shape == (2, 3) and np.allclose(proba.sum(axis=1), 1)
    assert model.predict(["The tax will cost jobs.", "She wept for her lost son."]).tolist() == ["money", "people"]
    assert set(model.error_counts_) == {"conflict", "money", "people"}
    assert sum(model.error_counts_["money"].values()) == len(TEXTS)


def test_multi_label_shapes_thresholds_and_evidence() -> None:
    model = small(labels=LABELS).fit(TEXTS, MULTI)
    assert model.multi_label_ and model.frames_ == LABELS
    proba = model.predict_proba(["Prices and taxes rose, costing billions.", "Rivals clashed and blamed each other."])
    assert proba.shape == (2, 3) and ((proba >= 0) & (proba <= 1)).all()
    called = model.predict(["Prices and taxes rose, costing billions.", "Rivals clashed and blamed each other."])
    assert called.shape == (2, 3) and called.dtype.kind == "i"
    assert called[0, 0] == 1 and called[1, 2] == 1
    assert model.thresholds_.shape == (3,) and model.paragraph_thresholds_.shape == (3,)
    assert ((model.thresholds_ > 0) & (model.thresholds_ < 1)).all()
    evidence = model.evidence_scores(["The budget will cost billions of dollars."])
    assert evidence.shape == (1, 3) and evidence[0].argmax() == 0 and evidence[0, 0] > 0
    for counts in model.error_counts_.values():
        assert sum(counts.values()) == len(TEXTS)


def test_auxiliary_targets_stack_and_round_trip(tmp_path: Path) -> None:
    # auxiliary targets: "mentions money words" and "mentions a person crying"
    aux = np.array([[1, 0]] * 8 + [[0, 1]] * 4 + [[0, 0]] * 12)
    model = small(labels=LABELS).fit(TEXTS, MULTI, aux=aux)
    assert model.aux_coef_.shape[0] == 2 and model.coef_.shape[1] == model.features_.n_features + 2
    probe = ["The budget will cost billions.", "The boy cried for his mother."]
    assert model.predict(probe)[0, 0] == 1
    assert model.evidence_scores([""]).tolist() == [[0.0, 0.0, 0.0]]  # an empty text pushes nowhere
    model.save(tmp_path / "aux.json")
    loaded = FrameClassifier.load(tmp_path / "aux.json")
    assert np.array_equal(loaded.predict_proba(probe), model.predict_proba(probe))
    assert np.array_equal(loaded.evidence_scores(probe), model.evidence_scores(probe))
    with pytest.raises(ValueError, match="aux"):
        small(labels=LABELS).fit(TEXTS, MULTI, aux=aux[:-1])


def test_labels_default_and_bad_y() -> None:
    assert small().fit(TEXTS, MULTI).frames_ == ("0", "1", "2")
    with pytest.raises(ValueError, match="one class"):
        small().fit(TEXTS, ["money"] * len(TEXTS))
    with pytest.raises(ValueError, match="labels"):
        small(labels=("a", "b")).fit(TEXTS, MULTI)
    with pytest.raises(ValueError):
        small().fit(TEXTS, SINGLE[:-1])


def test_save_load_round_trip(tmp_path: Path) -> None:
    for y, labels in ((MULTI, LABELS), (SINGLE, None)):
        model = small(labels=labels).fit(TEXTS, y)
        path = tmp_path / "model.json"
        model.save(path, provenance={"data": "hand-written"})
        loaded = FrameClassifier.load(path)
        probe = ["Taxes rose.", "A child cried.", "They fought."]
        assert np.array_equal(model.predict_proba(probe), loaded.predict_proba(probe))
        assert np.array_equal(model.predict(probe), loaded.predict(probe))
        assert loaded.provenance_ == {"data": "hand-written"} and loaded.get_params() == model.get_params()
        np.testing.assert_array_equal(loaded.paragraph_thresholds_, model.paragraph_thresholds_)


def test_bad_model_files_name_the_file(tmp_path: Path) -> None:
    model = small(labels=LABELS).fit(TEXTS, MULTI)
    good = tmp_path / "good.json"
    model.save(good)
    broken = tmp_path / "broken.json"
    broken.write_text(good.read_text()[:500])
    data = json.loads(good.read_text())
    other = tmp_path / "other.json"
    other.write_text(json.dumps({**data, "format_version": 99}))
    damaged = tmp_path / "damaged.json"
    damaged.write_text(json.dumps({**data, "coef": [[1.0]]}))
    foreign = tmp_path / "foreign.json"
    foreign.write_text(json.dumps({"weights": [1]}))
    for path in (broken, other, damaged, foreign, tmp_path / "absent.json"):
        with pytest.raises(FramingError) as error:
            FrameClassifier.load(path)
        message = str(error.value)
        assert str(path) in message and "\n" not in message and "retrain" in message


def test_clone_grid_search_and_cross_validate() -> None:
    model = small()
    assert clone(model).get_params() == model.get_params()
    search = GridSearchCV(model, {"C": [0.5, 5.0]}, cv=3, scoring="f1_macro").fit(TEXTS, SINGLE)
    assert search.best_params_["C"] in (0.5, 5.0)
    result = cross_validate(small(labels=LABELS), TEXTS, MULTI, cv=3, scoring="f1_macro")
    assert len(result["test_score"]) == 3 and (result["test_score"] > 0).all()


def test_numeric_features_and_text_models_do_not_mix() -> None:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(40, 4))
    y = (x[:, 0] > 0).astype(int)
    model = small().fit(x, y)
    assert model.features_ is None and model.n_features_in_ == 4
    assert model.predict(x).shape == (40,)
    with pytest.raises(ValueError, match="numeric features"):
        model.predict(["a text"])
    with pytest.raises(ValueError, match="texts"):
        small().fit(TEXTS, SINGLE).predict(x)


def test_paragraph_chunks() -> None:
    text = " ".join(f"Sentence number {i} has a few words in it." for i in range(30))
    chunks = paragraph_chunks(text, words=60)
    assert len(chunks) > 3 and all(len(c.split()) >= 20 for c in chunks)
    assert paragraph_chunks("First para.\n\nSecond para.") == ["First para.", "Second para."]


# Every check of scikit-learn's suite applies: numeric 2-D arrays are taken as precomputed features
# (documented in framing.frames.classifier), so no check is expected to fail.
EXPECTED_FAILURES: dict[str, str] = {}


@parametrize_with_checks(
    [FrameClassifier(inner_folds=2, Cs=(1.0,))], expected_failed_checks=lambda estimator: EXPECTED_FAILURES
)
def test_sklearn_compatible(estimator: FrameClassifier, check: object) -> None:
    check(estimator)  # type: ignore[operator]


def test_builtin_model_loads_fast_and_calls_sensible_frames() -> None:
    started = time.perf_counter()
    model = FrameClassifier.load(Path(__file__).resolve().parents[1] / "framing" / "models" / "generic_frames.json")
    assert time.perf_counter() - started < 1.0
    assert load_frame_model().frames_ == GENERIC_FRAMES and model.multi_label_
    assert set(model.error_counts_) == set(GENERIC_FRAMES)
    cross_validation = model.provenance_["cross_validation"]
    assert model.provenance_["n_articles"] > 300 and cross_validation["scorer"] == "framing.frames.crossval.score"
    low, high = cross_validation["macro_f1_interval"]
    assert low < cross_validation["macro_f1"] < high
    for frame, counts in model.error_counts_.items():  # the shipped counts are the cross-validation's pooled ones
        assert counts == {key: cross_validation["frames"][frame][key] for key in ("tp", "fn", "fp", "tn")}
    sentences = {
        "economic": "Shares fell and the company lost $3 billion in profits as costs rose and investors sold.",
        "conflict": "Republicans and Democrats clashed bitterly, and critics attacked the senator over the bill.",
        "human_interest": (
            "Maria, 72, told reporters how the flood destroyed the family home where she raised her three children."
        ),
    }
    evidence = model.evidence_scores(list(sentences.values()))
    assert [GENERIC_FRAMES[i] for i in evidence.argmax(axis=1)] == list(sentences)
    assert model.predict_proba(list(sentences.values())).shape == (3, 5)


@needs_data
def test_reader_on_the_data_folder() -> None:
    data = read_narrative_frames(FRAMES_DATA)
    assert len(data.articles) == 343 and list(data.articles.columns[-5:]) == list(GENERIC_FRAMES)
    assert data.articles["conflict"].dtype == bool and abs(data.articles["conflict"].mean() - 0.63) < 0.01
    assert set(data.coder_frames.columns) == {"article_id", "coder", *GENERIC_FRAMES}
    assert data.coder_frames.groupby("article_id").size().min() >= 1
    assert not (data.answers["coder"] < 0).any() and set(data.questions.columns) >= {"co1", "re6", "hi3"}


def test_reader_bad_folders(tmp_path: Path) -> None:
    with pytest.raises(FramingError, match="not a folder"):
        read_narrative_frames(tmp_path / "absent")
    with pytest.raises(FramingError, match=r"articles\.tsv is missing"):
        read_narrative_frames(tmp_path)


def test_evaluation_corrects_prevalence_as_compare_does() -> None:
    # raw share 0.5 with tpr 0.8 and fpr 0.2: (0.5 - 0.2) / (0.8 - 0.2) = 0.5; below fpr clips to 0, above tpr to 1
    assert corrected(0.5, tpr=0.8, fpr=0.2) == pytest.approx(0.5)
    assert corrected(0.44, tpr=0.8, fpr=0.2) == pytest.approx(0.4)
    assert corrected(0.1, tpr=0.8, fpr=0.2) == 0.0 and corrected(0.95, tpr=0.8, fpr=0.2) == 1.0
    # a model that barely separates presence from absence is not corrected (MIN_SEPARATION)
    assert corrected(0.3, tpr=0.5, fpr=0.45) == 0.3


def test_pooled_scores_lay_out_the_scorers_numbers() -> None:
    coded = np.array([[1, 0], [1, 1], [1, 0], [0, 1], [0, 0], [1, 1]])
    called = np.array([[1, 0], [0, 1], [1, 1], [0, 1], [1, 0], [1, 0]])
    scores = pooled_scores(score(CodedSample("x.tsv", ("t",) * 6, ("a", "b"), coded, True), called, folds=2))
    a, b = scores["frames"]["a"], scores["frames"]["b"]
    assert (a["tp"], a["fn"], a["fp"], a["tn"]) == (3, 1, 1, 1) and (b["tp"], b["fn"], b["fp"], b["tn"]) == (2, 1, 1, 2)
    assert a["f1"] == 0.75 and b["f1"] == pytest.approx(2 / 3, abs=1e-4) and a["precision"] == 0.75
    assert scores["macro_f1"] == pytest.approx((0.75 + 2 / 3) / 2, abs=1e-4)
    low, high = scores["macro_f1_interval"]
    assert low <= scores["macro_f1"] <= high and a["f1_lower"] <= a["f1"] <= a["f1_upper"]
    assert scores["bootstrap_resamples"] == 1000 and json.loads(json.dumps(scores)) == scores


@needs_data
def test_frames_evaluation_quick() -> None:
    report = frames_evaluation(FRAMES_DATA, folds=2)
    assert set(report["recipe"]["frames"]) == set(GENERIC_FRAMES)
    assert report["recipe"]["macro_f1"] > report["baselines"]["all_present"]["macro_f1"]
    for values in report["recipe"]["frames"].values():  # pooled out-of-fold F1 with its 95% bootstrap interval
        assert values["f1"] == round(2 * values["tp"] / (2 * values["tp"] + values["fp"] + values["fn"]), 4)
        assert values["f1_lower"] <= values["f1"] <= values["f1_upper"]
    low, high = report["recipe"]["macro_f1_interval"]
    assert low < report["recipe"]["macro_f1"] < high
    assert report["alpha"]["conflict"]["coders"] is not None
    groups = {row["group"] for row in report["prevalence"]}
    assert "all" in groups and "right_bias" in groups
    assert report["prevalence_mae"]["all"]["corrected"] < report["prevalence_mae"]["all"]["raw"]
    table = frames_table(report)
    assert "macro-F1" in table and "baseline: TF-IDF + LR" in table and "95% interval" in table
