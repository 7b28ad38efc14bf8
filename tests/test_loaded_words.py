"""The loaded-language model: its features, its hits in terms.csv beside the lexicon's, and its evaluation."""

from __future__ import annotations

import json
import math
from dataclasses import replace

import numpy as np
import pytest

from framing.evaluate.loaded import HIT_SETS, loaded_evaluation, loaded_table, term_hits
from framing.lexicons import Lexicon
from framing.measure.loaded_words import FEATURES, candidate_features
from framing.measure.terms import MODEL_LEXICON, find_terms
from framing.measure.units import Sentence
from framing.models.loaded_words import LOADED_FEATURES, load_loaded_model
from framing.run.pipeline import analyze
from framing.segment import tokenize
from framing.settings import settings_for
from tests.conftest import HANDWRITTEN_STORY
from tests.test_evaluate import write_basil


def _sentence(text: str) -> Sentence:
    return Sentence(0, 0, 0, len(text), text, tuple(tokenize(text)))


def _features(text: str) -> dict[str, dict[str, float]]:
    words, matrix = candidate_features(text, [_sentence(text)])
    return {w.text: dict(zip(FEATURES, row, strict=True)) for w, row in zip(words.tokens, matrix, strict=True)}


def test_candidates_leave_out_function_words_and_numbers():
    words, matrix = candidate_features("The 12 senators and a US aide slammed it.", [_sentence("x")])
    assert matrix.shape == (0, len(FEATURES))
    text = "The 12 senators and a US aide slammed it."
    words, matrix = candidate_features(text, [_sentence(text)])
    assert [w.text for w in words.tokens] == ["senators", "aide", "slammed"]
    assert matrix.shape == (3, len(FEATURES))


def test_features_read_valence_lexicons_part_of_speech_and_context():
    features = _features("Critics called it “utterly irresponsible” and the senator complained about a regime.")
    assert features["irresponsible"]["short_quote"] == 1 and features["utterly"]["short_quote"] == 1
    assert features["senator"]["short_quote"] == 0
    assert features["complained"]["marked_cue"] == 1 and features["complained"]["verb"] == 1
    assert features["regime"]["loaded"] == 1 and features["regime"]["loaded_weight"] > 0
    assert features["irresponsible"]["valence"] > 0 and features["irresponsible"]["negative"] == 1
    assert features["utterly"]["adverb"] == 1 and features["utterly"]["ly"] == 1
    assert 0 < features["senator"]["zipf"] < features["called"]["zipf"]


def test_valence_of_an_inflected_word_comes_from_its_stem():
    assert _features("Critics slammed it.")["slammed"]["valence"] > 0


def test_the_shipped_model_is_small_and_records_what_it_was_trained_on():
    model = load_loaded_model()
    assert set(model.features) <= set(LOADED_FEATURES)
    assert "loaded" not in model.features  # the lexicon's own hits are not a feature (see train_loaded.py)
    assert model.provenance["train_years"] == ["2010", "2011"]
    assert model.provenance["choice_years"] == ["2012", "2013"]
    assert set(model.provenance["scores"]) == {"2010-2011", "2012-2013"}
    assert model.parameters()["threshold"] == model.threshold
    assert load_loaded_model(model.to_json()) == model
    with pytest.raises(ValueError, match="unknown features"):
        load_loaded_model(json.dumps({**json.loads(model.to_json()), "features": ["nope"]}))


def test_model_hits_sit_beside_the_lexicon_and_never_double_a_loaded_hit():
    text = "Critics slammed the brazen, appalling award in a fierce, unhinged rant."
    lexicon = Lexicon.from_entries("loaded", [("slam*", "emotive_verb")])
    model = replace(load_loaded_model(), threshold=0.5)
    hits = find_terms(text, [_sentence(text)], [lexicon], model=model)
    loaded = [h for h in hits if h.lexicon == "loaded"]
    found = [h for h in hits if h.lexicon == MODEL_LEXICON]
    assert [h.matched for h in loaded] == ["slammed"] and loaded[0].score is not None
    assert found and all(h.score >= 0.5 and h.weight == 1.0 for h in found)
    assert "slammed" not in {h.matched for h in found}
    assert {h.category for h in found} <= {"adjective", "adverb", "verb", "noun", "other"}
    assert [h.start for h in hits] == sorted(h.start for h in hits)
    without = find_terms(text, [_sentence(text)], [lexicon])
    assert [h.score for h in without] == [None]


def test_pipeline_writes_scored_rows_and_the_model_can_be_switched_off(story_result):
    terms = story_result.terms
    assert "score" in terms.columns
    assert (terms["lexicon"] == MODEL_LEXICON).any()
    model = story_result.settings.loaded_model
    assert (terms.loc[terms["lexicon"] == MODEL_LEXICON, "score"] >= model.threshold).all()
    assert terms.loc[terms["lexicon"] == "loaded", "score"].notna().all()
    assert terms.loc[terms["lexicon"] == "hedges", "score"].isna().all()
    assert story_result.settings.parameters()["loaded_model"]["threshold"] == model.threshold
    off = analyze(HANDWRITTEN_STORY, settings=settings_for(loaded_model=False))
    assert not (off.terms["lexicon"] == MODEL_LEXICON).any()
    assert off.terms["score"].isna().all()
    same = off.terms[["article_id", "start", "lexicon"]].values.tolist()
    assert same == terms.loc[terms["lexicon"] != MODEL_LEXICON, ["article_id", "start", "lexicon"]].values.tolist()


def test_term_hits_split_lexicon_model_and_union(story_result):
    hits = term_hits(story_result.terms, story_result.settings.loaded_model.threshold)
    assert set(hits) == set(HIT_SETS)
    for article, spans in hits["lexicon"].items():
        assert set(spans) <= set(hits["union"][article])


def test_loaded_evaluation_on_a_small_basil_folder(tmp_path):
    write_basil(tmp_path)
    report = loaded_evaluation(tmp_path)
    assert set(report["scores"]) == {"trained", "chosen"}
    trained = report["scores"]["trained"]
    assert trained["lexicon"]["spans"] == 1 and trained["union"]["span_recall"] >= trained["lexicon"]["span_recall"]
    assert "union" in loaded_table(report)


def test_loaded_evaluation_on_basil_matches_the_model_provenance(data_dir):
    folder = data_dir / "basil-dev"
    if not folder.is_dir():
        pytest.skip(f"BASIL not found at {folder}")
    report = loaded_evaluation(folder)
    recorded = load_loaded_model().provenance["scores"]
    for group, years in (("trained", "2010-2011"), ("chosen", "2012-2013")):
        for name in HIT_SETS:
            measured = report["scores"][group][name]
            assert math.isclose(measured["span_recall"], recorded[years][name]["span_recall"], abs_tol=0.02)
            assert math.isclose(measured["f1"], recorded[years][name]["f1"], abs_tol=0.02)
    assert np.isfinite(report["scores"]["chosen"]["union"]["f1"])
