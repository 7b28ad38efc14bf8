"""The learned attribution tagger: its model, its sequences and features, its rows, and how a run chooses it."""

from __future__ import annotations

import pickle
import sys
from dataclasses import replace

import pytest

from framing.clean import clean
from framing.cli import build_parser
from framing.measure.article import measure_article
from framing.measure.attribution import find_attributions
from framing.measure.learned_attribution import learned_attributions, tagger_inputs
from framing.measure.tagger import joint_labels, joint_spans, labels_of, passage_features, passages, spans_of
from framing.measure.units import body_sentences
from framing.models.attribution_crf import MODEL_FILE, load_attribution_model
from framing.problems import FramingError
from framing.read import Article
from framing.run.options import RunOptions
from framing.segment import tokenize
from framing.settings import settings_for
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))

import train_attribution


def _rows(text: str) -> list:
    cleaned = clean(Article("a", text))
    sentences = body_sentences(cleaned)
    body = [(b.start, b.end) for b in cleaned.body]
    return learned_attributions(text, sentences, body, load_attribution_model())


def test_model_is_small_and_says_what_it_was_trained_on():
    model = load_attribution_model()
    assert (ROOT / "framing" / "models" / MODEL_FILE).stat().st_size < 6_000_000
    provenance = model.parameters()
    assert provenance["split"].startswith("polnear_split(name) == 'train'")
    assert provenance["articles"] > 600 and provenance["crf_params"]["c1"] > 0
    assert set(provenance["held_out_scores"]) >= {"source", "cue", "content"}
    assert provenance["package_versions"]["python-crfsuite"]


def test_model_travels_to_worker_processes():
    model = pickle.loads(pickle.dumps(load_attribution_model()))
    assert "B-cue|O" in model.tagger().labels()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Headline\n\nPrime Minister Edi Rama said the border was “out of control.”",
            ("Edi Rama", "Prime Minister Edi Rama", "said"),
        ),
        (
            "Headline\n\n“We will not pay for the wall,” the Mexican president told reporters on Friday.",
            ("the Mexican president", "the Mexican president", "told"),
        ),
        (
            "Headline\n\nThe plan will cost billions, according to a report by the budget office.",
            ("a report by the budget office", "a report by the budget office", "according to"),
        ),
    ],
)
def test_learned_rows_find_source_cue_and_content(text, expected):
    rows = _rows(text)
    assert len(rows) == 1
    row = rows[0]
    assert (row.speaker, row.speaker_mention, row.cue) == expected
    assert row.content and text[row.content_start : row.content_end] == row.content


def test_only_sentences_that_can_hold_an_attribution_are_tagged():
    text = "Headline\n\nIt rained all day. The river rose.\n\nThe mayor said the dam would hold. It rained."
    cleaned = clean(Article("a", text))
    sentences = body_sentences(cleaned)
    rules = settings_for(attribution="rules").attribution
    body = [(b.start, b.end) for b in cleaned.body]
    rule_rows = find_attributions(text, sentences, body, rules)
    inputs = tagger_inputs(text, sentences, body, rules, prepared=None, rule_rows=rule_rows)
    assert [p.sentences[0].text for p, _, _ in inputs.passages] == ["The mayor said the dam would hold."]
    passage, hits, nearby = inputs.passages[0]
    features = passage_features(passage, hits, inputs.quotes, nearby)
    said = features[2]
    assert {"w=said", "B-lex", "B-rcue", "-1I-rsrc", "+1B-rcon"} <= set(said)
    assert passages(sentences, [[] for _ in sentences]) == []
    quoted = "Headline\n\n“It rained. The river rose. We are safe,” the mayor said. It rained."
    cleaned = clean(Article("a", quoted))
    sentences = body_sentences(cleaned)
    body = [(b.start, b.end) for b in cleaned.body]
    inputs = tagger_inputs(quoted, sentences, body, rules, prepared=None, rule_rows=[])
    assert [len(p.sentences) for p, _, _ in inputs.passages] == [3]  # the quotation's middle sentence too


def test_labels_and_spans_are_inverse():
    text = "“It is over,” Rama said."
    tokens = tokenize(text)
    gold = [("cue", 19, 23), ("source", 14, 18), ("content", 0, 13)]
    labels = labels_of(tokens, gold)
    assert sorted(spans_of(labels, tokens)) == sorted(gold)
    joint = joint_labels(labels_of(tokens, gold[:2]), labels_of(tokens, gold[2:]))
    assert joint[0] == "O|B-content" and sorted(joint_spans(joint, tokens)) == sorted(gold)


def test_run_options_choose_learned_or_rules():
    assert RunOptions().resolved_settings().attribution_model is not None
    assert RunOptions(attribution="rules").resolved_settings().attribution_model is None
    rules_only = settings_for(attribution="rules")
    assert RunOptions(settings=rules_only).resolved_settings().attribution_model is not None
    with pytest.raises(FramingError, match="'learned' or 'rules'"):
        RunOptions(attribution="neural")
    with pytest.raises(FramingError, match="'learned' or 'rules'"):
        settings_for(attribution="neural")
    args = build_parser().parse_args(["analyze", "in", "--out", "out", "--attribution", "rules"])
    assert args.attribution == "rules"


def test_measure_article_uses_the_model_and_rules_keep_the_old_rows():
    article = Article("a", "Rain\n\nThe regime said it was calm. “We are ready,” the minister said.")
    learned = measure_article(article, settings_for())["attributions"]
    rules = measure_article(article, replace(settings_for(), attribution_model=None))["attributions"]
    assert [r["cue"] for r in learned] == [r["cue"] for r in rules] == ["said", "said"]


def test_training_script_trains_on_a_tiny_fixture(tmp_path):
    data = tmp_path / "polnear"
    (data / "text").mkdir(parents=True)
    (data / "attributions").mkdir()
    text = "Title.\n\nRama said it rained. Smith said it was calm."
    (data / "text" / "a.txt").write_text(text)
    ann = "T1\tSource 8 12\tRama\nT2\tCue 13 17\tsaid\nT3\tContent 18 27\tit rained\nE1\tCue:T2 Source:T1 Content:T3\n"
    (data / "attributions" / "a_x1.ann").write_text(ann)
    items = train_attribution.sequences(data, {"a"})
    assert items and items[0]["labels"][:3] == ["B-source|O", "B-cue|O", "O|B-content"]
    counts = train_attribution.train(items, tmp_path, {**train_attribution.PARAMS, "max_iterations": 5})
    assert counts["sequences"] == 1 and (tmp_path / MODEL_FILE).is_file()


@pytest.mark.parametrize(
    "sentence",
    [
        "The minister insisted after Monday's meeting that the plan was sound.",
        "The governor said on Tuesday that the bridge would reopen.",
    ],
)
def test_learned_cue_does_not_run_on_over_a_time_adjunct(sentence):
    settings = settings_for()
    rows = measure_article(Article("a", f"Headline\n\n{sentence}"), settings)["attributions"]
    cues = [row["cue"] for row in rows if row["cue"]]
    assert cues and all(not cue.endswith(("meeting", "Tuesday")) for cue in cues)
