"""`framing eval all`: finding the corpora under a root, one table of headline numbers beside published results."""

from __future__ import annotations

import json

import pytest

from framing.cli import main
from framing.evaluate import PUBLISHED, find_datasets, headline_rows, overview_table
from framing.problems import FramingError


def _polnear(folder):
    (folder / "text").mkdir(parents=True)
    (folder / "attributions").mkdir()
    return folder


def test_find_datasets_knows_each_corpus_by_its_shape(tmp_path):
    _polnear(tmp_path / "polnear-train")
    (tmp_path / "basil-dev" / "articles").mkdir(parents=True)
    (tmp_path / "basil-dev" / "annotations").mkdir()
    frames = tmp_path / "frames"
    frames.mkdir()
    (frames / "articles.tsv").write_text("x\n", encoding="utf-8")
    (frames / "annotations.json").write_text("{}", encoding="utf-8")
    (tmp_path / "notes").mkdir()
    found = find_datasets(tmp_path)
    assert found == {
        "polnear": tmp_path / "polnear-train",
        "basil": tmp_path / "basil-dev",
        "narrative_frames": frames,
    }


def test_find_datasets_takes_a_corpus_folder_itself(tmp_path):
    assert find_datasets(_polnear(tmp_path / "p")) == {"polnear": tmp_path / "p"}


def test_find_datasets_names_the_folder_when_nothing_is_there(tmp_path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(FramingError, match="holds no PolNeAR"):
        find_datasets(tmp_path)
    with pytest.raises(FramingError, match="is not a folder"):
        find_datasets(tmp_path / "missing")


def test_eval_all_on_a_folder_without_corpora_is_a_one_line_error(tmp_path, capsys):
    assert main(["eval", "all", str(tmp_path)]) == 2
    err = capsys.readouterr().err.strip()
    assert str(tmp_path) in err and len(err.splitlines()) == 1


def test_headline_rows_set_each_number_beside_the_published_results():
    scores = {
        role: {"exact_f1": value, "overlap_f1": value + 0.1}
        for role, value in (("source", 0.6), ("cue", 0.65), ("content", 0.4))
    }
    reports = {
        "attribution": {"split": "held_out", "articles": 171, "scores": scores},
        "speakers_polnear": {"split": "held_out", "gold_named_sources": 10, "right_person": 0.9},
    }
    rows = headline_rows(reports)
    assert [r["metric"] for r in rows] == [
        "exact F1 source / cue / content",
        "overlap F1 source / cue / content",
        "named sources with the right person",
    ]
    assert rows[0]["framing"] == "60.0 / 65.0 / 40.0" and rows[0]["published"] == PUBLISHED["attribution"]
    table = overview_table(reports)
    assert "BiLSTM 71.2 / 67.0 / 62.2" in table and "held_out (171 articles)" in table


def test_eval_all_runs_the_corpora_it_finds_and_writes_every_report(data_dir, tmp_path, capsys):
    root = tmp_path / "root"
    root.mkdir()
    (root / "basil-dev").symlink_to(data_dir / "basil-dev")
    out = tmp_path / "all.json"
    assert main(["eval", "all", str(root), "--json", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "informational bias (slant) — BASIL" in printed and "van den Berg" in printed
    report = json.loads(out.read_text(encoding="utf-8"))
    assert set(report) == {"datasets", "basil"}
    assert report["basil"]["scores"]["held_out"]["informational"]["sentences"] > 500
    assert {"lexicon", "model", "union"} <= set(report["basil"]["loaded"]["scores"]["chosen"])
    assert "settings chosen on), union: span recall / sentence F1" in printed
