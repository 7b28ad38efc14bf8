"""The slant model's features read a sentence against the story's other versions; the shipped model's provenance."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from framing.align.slant import content_words, sentence_features
from framing.models.slant import SLANT_FEATURES, load_slant_model
from framing.run.pipeline import analyze
from tests.conftest import HANDWRITTEN_STORY

NO_ROWS = pd.DataFrame(columns=["article_id", "sentence", "cue_start", "speaker", "lexicon"])


def sentences(*rows: tuple[str, str]) -> pd.DataFrame:
    """A sentences table of ``(article, text)`` rows, numbered within their article."""
    table = pd.DataFrame(rows, columns=["article_id", "text"])
    table["sentence"] = table.groupby("article_id").cumcount()
    return table.assign(compound=0.0, neg=0.0, words=5, words_quoted=0)


def test_containment_is_the_share_of_content_words_the_other_versions_report():
    table = sentences(
        ("a", "The governor vetoed the budget on Monday."),
        ("a", "Critics called the governor a reckless spender."),
        ("b", "The governor vetoed the state budget."),
    )
    features = sentence_features(table, NO_ROWS, NO_ROWS, story_of={"a": "s", "b": "s"})
    # a0: governor, vetoed, budget, monday -> 3 of 4 in b; a1: critics, called, governor, reckless, spender -> 1 of 5;
    # b0: governor, vetoed, state, budget -> 3 of 4 in a
    assert features["containment"].round(3).tolist() == [0.75, 0.2, 0.75]
    assert features["containment_in_article"].round(3).tolist() == [0.275, -0.275, 0.0]
    assert list(features.columns) == list(SLANT_FEATURES)


def test_a_sentence_without_other_versions_has_no_context_and_scores_as_average():
    table = sentences(("a", "The governor vetoed the budget."), ("b", "The governor vetoed the budget."))
    features = sentence_features(table, NO_ROWS, NO_ROWS, story_of={"a": "s1", "b": "s2"})
    assert features["containment"].isna().all() and features["novel_polarity"].isna().all()
    model = load_slant_model()
    filled = features.copy()
    for name, mean in zip(SLANT_FEATURES, model.means, strict=True):
        filled[name] = filled[name].fillna(mean)
    assert np.allclose(model.score(features), model.score(filled))
    assert not np.isnan(model.score(features)).any()


def test_quotes_speakers_and_lexicon_hits_become_features():
    table = sentences(("a", "“This is a disgrace,” the senator said."), ("a", "The vote is on Friday."))
    table.loc[0, "words_quoted"] = 3
    attributions = pd.DataFrame(
        {"article_id": ["a"], "sentence": [0], "cue_start": [30], "speaker": ["the senator"]}
    ).assign(speaker_kind="person")
    terms = pd.DataFrame({"article_id": ["a"], "sentence": [0], "lexicon": ["loaded"]})
    features = sentence_features(table, attributions, terms)
    first, second = features.iloc[0], features.iloc[1]
    assert (first["quote"], first["quoted_share"], first["attributed"], first["speaker_person"]) == (1, 0.6, 1, 1)
    assert (first["loaded"], second["loaded"], second["quote"], second["attributed"]) == (1, 0, 0, 0)
    assert (first["position"], second["position"]) == (0, 1)
    assert second["log_words"] == pytest.approx(math.log1p(5))


def test_content_words_leave_out_stop_words_and_short_words():
    assert content_words("He is to veto the bill, an aide said.") == ["veto", "bill", "aide"]


def test_the_pipeline_scores_every_body_sentence_with_its_story_as_context():
    result = analyze(HANDWRITTEN_STORY)
    slant = result.sentences["slant"].astype(float)
    assert slant.between(0, 1).all() and slant.nunique() > 1


def test_the_shipped_model_was_tuned_on_2010_to_2012_and_held_2013_out():
    provenance = load_slant_model().provenance
    assert provenance["years"] == ["2010", "2011", "2012"]
    assert provenance["held_out"]["years"] == ["2013"]
    assert provenance["cross_validation"]["grouped_by"] == "story (triplet)"
    assert 0 < provenance["held_out"]["average_precision"] < 1
