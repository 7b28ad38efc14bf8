"""Small versions of the benchmarks, so that they keep working (timings are not tested)."""

from __future__ import annotations

import random
import sys

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))

import align_scale
from synthetic import load_paragraphs, make_story


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


def test_attribution_speed_smoke(data_dir):
    import attribution_speed

    report = attribution_speed.main(str(data_dir / "polnear-train"), limit=5)
    assert report["articles"] == 5 and report["sentences"] > 0
    assert report["attribution_seconds"] > 0 and report["vader_seconds"] > 0
