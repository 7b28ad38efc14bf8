"""Evaluators: BASIL scoring on a hand-made case, and the real corpora when present."""

from __future__ import annotations

import json

import pytest

from framing.cli import main
from framing.evaluate import basil_scores, basil_sentence_frame
from framing.read.datasets.basil import read_basil
from framing.run.pipeline import analyze


def write_basil(root):
    """Two articles of one triplet (years 2010 and 2013), with known bias labels."""
    articles = {
        "2010/t1_1": ["The senator gave a fierce speech on Monday.", "Her aides left early.", "The vote is on Friday."],
        "2013/t1_2": ["The senator spoke on Monday.", "Critics called it a disgrace.", "The vote is on Friday."],
    }
    spans = {
        "2010/t1_1": [
            {"bias": "lex", "start": 19, "end": 25, "txt": "fierce"},
            {"bias": "inf", "start": 0, "end": 21, "txt": "Her aides left early."},
        ],
        "2013/t1_2": [{"bias": "inf", "start": 0, "end": 29, "txt": "Critics called it a disgrace."}],
    }
    for key, sentences in articles.items():
        year, name = key.split("/")
        (root / "articles" / year).mkdir(parents=True, exist_ok=True)
        (root / "annotations" / year).mkdir(parents=True, exist_ok=True)
        record = {
            "title": "T",
            "date": f"{year}-01-01",
            "source": "nyt",
            "triplet-uuid": "t1",
            "body-paragraphs": [sentences],
        }
        (root / "articles" / year / f"{name}.json").write_text(json.dumps(record))
        annotation = {
            "phrase-level-annotations": [{**s, "quote": "no"} for s in spans[key]],
            "article-level-annotations": {},
        }
        (root / "annotations" / year / f"{name}_ann.json").write_text(json.dumps(annotation))


def test_basil_reader_places_spans_in_the_article_text(tmp_path):
    write_basil(tmp_path)
    data = read_basil(tmp_path)
    assert [a.article_id for a in data.corpus] == ["t1_1", "t1_2"]
    assert {a.story for a in data.corpus} == {"t1"}
    texts = {a.article_id: a.text for a in data.corpus}
    for span in data.spans.to_dict(orient="records"):
        assert texts[span["article_id"]][span["start"] : span["end"]] == span["txt"]
    assert data.sentences["inf"].tolist() == [False, True, False, False, True, False]
    assert data.sentences["lex"].tolist() == [True, False, False, False, False, False]


def test_basil_scores_count_sentences_against_gold(tmp_path):
    write_basil(tmp_path)
    data = read_basil(tmp_path)
    result = analyze(data.corpus)
    frame = basil_sentence_frame(data, result)
    assert frame["framing_row"].notna().all()
    # slant: flag "Her aides left early." (right) and "The vote is on Friday." of t1_2 (wrong)
    wanted = {("t1_1", "Her aides left early."), ("t1_2", "The vote is on Friday.")}
    result.sentences["slant"] = [
        0.9 if (a, t) in wanted else 0.1
        for a, t in zip(result.sentences["article_id"], result.sentences["text"], strict=True)
    ]
    scores = basil_scores(data, result, threshold=0.5)
    inf = scores["all"]["informational"]
    assert (inf.positives, inf.precision, inf.recall) == (2, 0.5, 0.5)
    assert inf.f1 == pytest.approx(0.5)
    assert inf.baseline_f1 == pytest.approx(2 * (2 / 6) / (2 / 6 + 1))
    tuned, held = scores["tuned"]["informational"], scores["held_out"]["informational"]
    assert (tuned.sentences, tuned.recall, held.sentences, held.recall) == (3, 1.0, 3, 0.0)
    lexical = scores["all"]["lexical"]  # "fierce" and "disgrace" are loaded; only "fierce" is gold
    assert (lexical.precision, lexical.recall, lexical.span_recall) == (0.5, 1.0, 1.0)


def test_basil_evaluation_on_the_dev_set(data_dir, tmp_path):

    assert main(["eval", "basil", str(data_dir / "basil-dev"), "--json", str(tmp_path / "b.json")]) == 0
    report = json.loads((tmp_path / "b.json").read_text())
    held = report["scores"]["held_out"]
    assert held["informational"]["f1"] > held["informational"]["baseline_f1"]
    assert held["lexical"]["span_recall"] >= 0.5
    assert held["lexical"]["f1"] >= 0.25


def test_frames_evaluation_cli_writes_the_cross_validated_scores(data_dir, tmp_path, capsys):
    folder = data_dir / "narrative-frames-dev"
    if not folder.is_dir():
        pytest.skip(f"{folder} is absent: the Narrative Frames Corpus is needed")
    out = tmp_path / "frames.json"
    assert main(["eval", "frames", str(folder), "--folds", "2", "--json", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "baseline: all present" in printed and "Krippendorff" in printed and "95% interval" in printed
    scores = json.loads(out.read_text(encoding="utf-8"))
    assert scores["folds"] == 2 and 0 < scores["recipe"]["macro_f1"] <= 1
    low, high = scores["recipe"]["macro_f1_interval"]
    assert 0 <= low <= scores["recipe"]["macro_f1"] <= high <= 1
    conflict = scores["baselines"]["tfidf_lr"]["frames"]["conflict"]
    assert conflict["f1_lower"] <= conflict["f1"] <= conflict["f1_upper"] and conflict["tp"] > 0


def test_frames_evaluation_refuses_one_fold(tmp_path, capsys):
    assert main(["eval", "frames", str(tmp_path), "--folds", "1"]) == 2
    assert "--folds" in capsys.readouterr().err
