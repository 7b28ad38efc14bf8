"""One Settings owns every rule; the manifest records every field; word lists come from files; run options."""

from __future__ import annotations

import dataclasses
import json

import pytest

import framing
from framing.problems import FramingError
from framing.read.lexicon_files import word_list, word_list_names, word_list_provenance, word_weights
from framing.run import RunOptions
from framing.settings import EditorialRules, SentimentRules, Settings, settings_for
from tests.conftest import HANDWRITTEN_STORY


def test_parameters_hold_every_field_of_every_rule_so_a_new_field_cannot_be_left_out():
    settings = settings_for()
    parameters = settings.parameters()
    fields = [f.name for f in dataclasses.fields(Settings) if f.name != "lexicons"]
    assert list(parameters) == fields
    for name in fields:
        rule = getattr(settings, name)
        if dataclasses.is_dataclass(rule) and name not in ("slant_model", "loaded_model", "attribution_model"):
            kept = [f.name for f in dataclasses.fields(rule) if not f.metadata.get("lexicon")]
            assert sorted(parameters[name]) == sorted(kept), name


def test_a_rule_field_that_holds_a_lexicon_is_recorded_with_the_lexicons_not_the_parameters():
    parameters = settings_for().parameters()
    assert "boilerplate" not in parameters["clean"] and "cues" not in parameters["attribution"]
    assert parameters["clean"] == {
        "title_max_words": 25,
        "short_block_words": 15,
        "meta_max_words": 14,
        "max_sentence_words": 150,
    }


def test_the_sentiment_cut_offs_drive_the_article_shares_and_the_compared_measures():
    strict = dataclasses.replace(settings_for(), sentiment=SentimentRules(positive=0.9, negative=-0.9))
    default = framing.analyze(HANDWRITTEN_STORY)
    changed = framing.analyze(HANDWRITTEN_STORY, settings=strict)
    assert (changed.articles["sentiment_neg_share"] <= default.articles["sentiment_neg_share"]).all()
    assert changed.articles["sentiment_neg_share"].sum() < default.articles["sentiment_neg_share"].sum()
    assert changed.manifest()["parameters"]["sentiment"] == {"positive": 0.9, "negative": -0.9}
    measure = "measure == 'sentiment_neg_share_narration'"
    shares = framing.compare.estimates(changed).query(measure)["estimate"]
    assert shares.sum() < framing.compare.estimates(default).query(measure)["estimate"].sum()


def test_the_editorial_threshold_is_a_setting():
    never = dataclasses.replace(settings_for(), editorial=EditorialRules(threshold=1.0))
    result = framing.analyze(HANDWRITTEN_STORY, settings=never)
    assert not result.paragraphs["editorial"].eq(True).any()
    assert result.manifest()["parameters"]["editorial"]["threshold"] == 1.0


@pytest.mark.parametrize(
    ("rules", "message"),
    [
        (lambda: SentimentRules(positive=-0.5, negative=0.5), "negative <= positive"),
        (lambda: EditorialRules(threshold=2.0), "EditorialRules.threshold must be between 0 and 1"),
        (lambda: EditorialRules(weights={"added": 1.0}), "must weigh exactly added, end, evaluative"),
    ],
)
def test_rules_out_of_bounds_say_which_field(rules, message):
    with pytest.raises(ValueError, match=message):
        rules()


def test_word_lists_are_read_from_their_files():
    assert "stop_words" in word_list_names() and "said" in word_list("stop_words", "stop")
    assert word_weights("calendar", "month_abbreviation")["Sept"] == 9.0
    assert "after" in word_list("attribution_words", "clause_word") & word_list("attribution_words", "adjunct_word")


def test_an_unknown_word_list_or_category_is_one_line_naming_the_choices():
    with pytest.raises(FramingError, match="no word list 'stopwords'; the word lists are attribution_words"):
        word_list("stopwords", "stop")
    with pytest.raises(FramingError, match="word list 'calendar' has no category 'months'; its categories are month"):
        word_list("calendar", "months")


def test_every_word_list_names_its_source_and_licence_and_the_manifest_records_its_checksum(tmp_path):
    provenance = word_list_provenance()
    assert sorted(provenance) == word_list_names()
    assert all(info["source"] and info["license"] and len(info["sha256"]) == 64 for info in provenance.values())
    result = framing.analyze(HANDWRITTEN_STORY)
    result.save(tmp_path / "out")
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["word_lists"] == provenance


def test_run_options_come_as_one_object_or_as_keywords():
    options = RunOptions(story="auto", targets={"Pereira": []})
    by_object = framing.analyze(HANDWRITTEN_STORY, options)
    by_keywords = framing.analyze(HANDWRITTEN_STORY, story="auto", targets={"Pereira": []})
    assert by_object.manifest() == by_keywords.manifest()
    assert by_object.options["story"] == "auto" and "target_tone" in by_object.tables


def test_an_unknown_run_option_is_a_type_error_listing_the_options():
    with pytest.raises(TypeError, match=r"unknown option 'jbos'; the options are lexicons, columns"):
        framing.analyze(HANDWRITTEN_STORY, jbos=2)


def test_a_bad_run_option_value_is_one_line():
    with pytest.raises(FramingError, match=r"story must be 'given' .* not 'guess'"):
        framing.analyze(HANDWRITTEN_STORY, story="guess")
    with pytest.raises(FramingError, match="jobs must be at least 1, not 0"):
        RunOptions(jobs=0)


def test_a_result_is_a_frozen_holder_that_measures_nothing_when_shown():
    result = framing.analyze(HANDWRITTEN_STORY)
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.tables = {}  # type: ignore[misc]
    assert result.summaries()["share_of_voice"] is result.tables["share_of_voice"]
    with pytest.raises(AttributeError, match="analyze with targets"):
        result.target_tone  # noqa: B018
