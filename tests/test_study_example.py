"""The worked study of the README: examples/basil_study.py on BASIL dev (skipped without it), and its parts."""

from __future__ import annotations

import sys

import pandas as pd
import pytest

from tests.conftest import DATA, ROOT

sys.path.insert(0, str(ROOT / "examples"))
import basil_study

BASIL = DATA / "basil-dev"


@pytest.fixture(scope="module")
def study(tmp_path_factory):
    if not (BASIL / "articles").is_dir():
        pytest.skip(f"BASIL not found at {BASIL}; set FRAMING_DATA to the folder holding basil-dev/")
    out = tmp_path_factory.mktemp("basil_study")
    assert basil_study.run(BASIL, out) == 0
    return out


def test_the_coverage_csv_carries_the_researchers_columns(study):
    coverage = pd.read_csv(study / "coverage.csv")
    assert {"story", "source", "lean", "year"} <= set(coverage.columns)
    assert set(coverage["lean"]) == {"left", "center", "right"} and coverage["story"].nunique() == 40
    articles = pd.read_csv(study / "results" / "articles.csv")
    assert list(articles.columns[-2:]) == ["lean", "year"] and articles["year"].dtype.kind == "i"


def test_every_lean_pair_is_compared_story_by_story_over_the_run_family(study):
    table = pd.read_csv(study / "by_lean" / "comparisons.csv", keep_default_na=False, na_values=[""])
    tested = table.dropna(subset=["p_value"])
    assert set(tested["design"]) == {"story-matched"} and tested["n_stories"].max() == 40
    assert set(tested["family"]) == {"run"} and set(tested["family_tests"]) == {len(tested)}
    assert (tested["p_value"] > 0).all()


def test_the_results_paragraph_states_the_design_the_correction_and_both_voices(study, capsys):
    text = basil_study.results_paragraph(study / "by_lean")
    assert "story-matched" in text and "Benjamini-Hochberg over all" in text
    assert "own narration" in text and "quoted and reported speech" in text
    assert (study / "by_lean" / "loaded_by_voice.png").stat().st_size > 10_000
