"""Small versions of the benchmarks, so that they keep working (timings are not tested)."""

from __future__ import annotations

import random
import sys

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))

import json

import align_scale
import attribution_speed
import frames_speed
import jobs_speed
import main_memory
import measure_speed
import scale
import stories
import summary
from synthetic import load_paragraphs, make_story
from synthetic_corpus import reuse_truth, write_corpus


def test_synthetic_story_truth_follows_how_versions_were_made(data_dir):
    pool = load_paragraphs(data_dir / "polnear-train")
    story = make_story("s", pool, 6, random.Random(1))
    truth = story.truth()
    assert len(truth) == 6 and all(len(t) == len(v) for t, v in zip(truth, story.versions, strict=True))
    origin_texts = {p.text for p in story.versions[0]}
    for version, classes in zip(story.versions[1:], truth[1:], strict=True):
        for paragraph, reuse in zip(version, classes, strict=True):
            if paragraph.text in origin_texts:
                assert reuse == "verbatim"


def test_align_scale_smoke(data_dir):
    pool = load_paragraphs(data_dir / "polnear-train")
    result = align_scale.run(8, pool, seed=7)
    assert result["versions"] == 8
    assert result["accuracy"] >= 0.9
    assert result["classes"]["verbatim"]["recall"] == 1.0


def test_attribution_speed_smoke(data_dir, tmp_path):

    report = attribution_speed.main(str(data_dir / "polnear-train"), limit=5, results=tmp_path)
    assert report["articles"] == 5 and report["sentences"] > 0
    assert report["attribution_seconds"] > 0 and report["vader_seconds"] > 0


def test_measure_speed_smoke_reports_the_ratios(data_dir, tmp_path):

    report = measure_speed.main(data_dir / "polnear-train", limit=5, runs=1, results=tmp_path)
    assert report["articles"] == 5 and report["sentences"] > 0
    assert 0 < report["vader_share"] < 1 and report["nltk_ratio"] > 0
    assert (tmp_path / "measure_speed.json").is_file()


def test_synthetic_corpus_truth_matches_the_written_articles(data_dir, tmp_path):

    corpus = write_corpus(120, tmp_path / "c.jsonl", data_dir / "polnear-train", with_story=False)
    records = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines()]
    truth = json.loads((tmp_path / "c.jsonl.truth.json").read_text(encoding="utf-8"))
    assert len(records) == len(truth) == 120 and "story" not in records[0]
    for record in records[:20]:
        paragraphs = record["text"].split("\n\n")[1:]  # after the title
        assert len(paragraphs) == len(truth[record["id"]]["lineages"])
    within, across = reuse_truth(truth)
    assert within and all(a[0] != b[0] for a, b in across)


def test_jobs_scale_stories_and_summary_smoke(data_dir, tmp_path):

    jobs = jobs_speed.main(40, 2, data_dir / "polnear-train", tmp_path, results=tmp_path, runs=1)
    assert jobs["identical_tables"] and jobs["speedup"] > 0
    run = scale.main([80], 2, data_dir / "polnear-train", tmp_path, results=tmp_path)["runs"][0]
    assert run["articles"] == 80 and run["peak_mb"] > 0
    assert 0 < run["peak_worker_mb"] < run["peak_mb"] and 0 < run["peak_pss_mb"] <= run["peak_mb"]
    assert run["stories"]["precision"] >= 0.9 and run["stories"]["recall"] >= 0.9
    memory = main_memory.main([80], data_dir / "polnear-train", tmp_path, results=tmp_path)["runs"][0]
    assert memory["articles"] == 80 and all(memory[f"{what}_mb"] >= 0 for what in main_memory.MEASURES)
    found = stories.main([str(data_dir), "--sizes", "150", "--shuffles", "1", "--out", str(tmp_path / "stories.json")])
    assert found["synthetic"][0]["articles"] == 150
    rows = summary.main(tmp_path)
    assert any(row[0].startswith("--jobs 2") for row in rows) and any("BASIL" in row[0] for row in rows)
    assert any(row[0].startswith("  main process, 80 articles") for row in rows)


def test_frames_speed_smoke_reports_the_ratio_to_vader(data_dir, tmp_path):
    report = frames_speed.main(data_dir / "polnear-train", limit=5, runs=1, results=tmp_path)
    assert report["articles"] == 5 and report["frames_per_vader"] > 0 and report["load_seconds"] > 0
    assert (tmp_path / "frames_speed.json").is_file()
