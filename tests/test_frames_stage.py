"""The frame stage in a run: frames.csv rows and evidence on real text, the error table, --frames, the report."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from framing.cli import main
from framing.contract import frame
from framing.contract.files import read_tables
from framing.frames import GENERIC_FRAMES, FrameClassifier, load_frame_model
from framing.frames.stage import EVIDENCE_CHARS, frame_errors_table, frame_rows
from framing.run.pipeline import analyze
from tests.conftest import HANDWRITTEN_STORY, SEED_IDS, SEEDS

#: A tiny single-label codebook of two frames, written for these tests.
CODED = [
    ("The senators clashed over the bill and the opposition attacked the plan.", "conflict"),
    ("Rival parties fought bitterly and traded accusations in the debate.", "conflict"),
    ("Protesters confronted police as the two sides refused to back down.", "conflict"),
    ("The minister and her critics argued angrily about the vote.", "conflict"),
    ("Leaders of the two factions denounced each other on Tuesday.", "conflict"),
    ("The feud between the unions and the company escalated into a strike.", "conflict"),
    ("The plan will cost taxpayers four billion dollars over a decade.", "economic"),
    ("Prices rose sharply and the budget deficit grew to a record.", "economic"),
    ("The factory closure will cost 2,000 jobs and millions in lost wages.", "economic"),
    ("Investors lost money as the market fell and interest rates climbed.", "economic"),
    ("The tax cut saves families about $1,200 a year, economists said.", "economic"),
    ("Spending on the project rose to $3 million, above the budget.", "economic"),
]


@pytest.fixture(scope="module")
def seeds_result():
    return analyze(SEEDS)


def test_every_article_gets_one_row_per_generic_frame_and_paragraph_rows_follow(seeds_result):
    frames = seeds_result.tables["frames"]
    article_rows = frames[frames["paragraph"].isna()]
    assert len(article_rows) == 5 * len(GENERIC_FRAMES)
    assert set(article_rows["frame"]) == set(GENERIC_FRAMES)
    paragraphs = seeds_result.paragraphs
    body = paragraphs[paragraphs["role"] == "body"]
    assert len(frames) - len(article_rows) == len(body) * len(GENERIC_FRAMES)
    assert frames["probability"].between(0, 1).all()


def test_evidence_names_sentences_of_the_article_that_exist(seeds_result):
    frames = seeds_result.tables["frames"]
    called = frames[frames["present"].eq(True) & frames["paragraph"].isna()]
    assert len(called), "the seeds, a NATO and border story, should carry at least one frame"
    sentences = seeds_result.sentences
    for row in called.to_dict("records"):
        for number, excerpt in re.findall(r's(\d+): "(.*?)"(?:; |$)', row["evidence"]):
            text = sentences[(sentences["article_id"] == row["article_id"]) & (sentences["sentence"] == int(number))]
            assert len(text) == 1
            assert len(excerpt) <= EVIDENCE_CHARS + 1
            assert " ".join(text["text"].iloc[0].split()).startswith(excerpt.rstrip("…"))
    absent = frames[frames["present"].eq(False)]
    assert (absent["evidence"].fillna("") == "").all()


def test_paragraph_calls_use_the_paragraph_thresholds():
    model = load_frame_model()
    text = "Taxes will rise and the plan will cost $4 billion, the budget office said."
    tables = {
        "articles": pd.DataFrame({"article_id": ["a"], "title": [""]}),
        "paragraphs": pd.DataFrame({"article_id": ["a"], "paragraph": [1], "role": ["body"], "text": [text]}),
        "sentences": pd.DataFrame({"article_id": ["a"], "paragraph": [1], "sentence": [0], "text": [text]}),
    }
    rows = [r for r in frame_rows(tables, model) if r["paragraph"] == 1]
    economic = next(r for r in rows if r["frame"] == "economic")
    column = model.frames_.index("economic")
    assert economic["present"] == (economic["probability"] >= model.paragraph_thresholds_[column])


def test_copied_versions_get_the_same_frames(seeds_result):
    frames = seeds_result.tables["frames"]
    calls = frames[frames["paragraph"].isna()].pivot(index="article_id", columns="frame", values="present")
    assert calls.loc[SEED_IDS["ap"]].tolist() == calls.loc[SEED_IDS["republished"]].tolist()


def test_frame_errors_table_gives_the_model_validation_rates():
    table = frame_errors_table(load_frame_model())
    assert list(table["frame"]) == list(GENERIC_FRAMES)
    row = table.iloc[0]
    assert row["sensitivity"] == pytest.approx(
        row["true_positives"] / (row["true_positives"] + row["false_negatives"]), abs=1e-6
    )
    assert frame_errors_table(None).empty


def test_run_without_a_frame_model_has_empty_frames():
    result = analyze(HANDWRITTEN_STORY, frames=None)
    assert result.tables["frames"].empty and result.tables["frame_errors"].empty


def _single_label_model(path):
    texts, labels = zip(*CODED, strict=True)
    model = FrameClassifier(C=10.0, min_df=1, inner_folds=2).fit(list(texts), np.array(labels))
    model.save(path, provenance={"name": "two-frame test codebook"})
    return path


def test_cli_runs_a_codebook_model_like_the_built_in_one(tmp_path):
    model = _single_label_model(tmp_path / "my_frames.json")
    story = tmp_path / "story.csv"
    pd.DataFrame(HANDWRITTEN_STORY).to_csv(story, index=False)
    out = tmp_path / "out"
    assert main(["analyze", str(story), "--out", str(out), "--frames", str(model), "--quiet"]) == 0
    tables = read_tables(out)
    article_rows = tables["frames"][tables["frames"]["paragraph"].isna()]
    assert set(article_rows["frame"]) == {"conflict", "economic"}
    # single-label: exactly one frame per article
    assert article_rows.groupby("article_id")["present"].sum().eq(1).all()
    assert main(["compare", str(out), "--by", "source", "--quiet"]) == 0
    prevalence = pd.read_csv(out / "frame_prevalence.csv")
    assert set(prevalence["frame"]) == {"conflict", "economic"}


def test_cli_without_frames_writes_empty_frame_tables(tmp_path):
    out = tmp_path / "out"
    assert main(["analyze", str(SEEDS), "--out", str(out), "--frames", "none", "--quiet"]) == 0
    assert pd.read_csv(out / "frames.csv").empty


@pytest.mark.parametrize(
    ("content", "message"),
    [("{not json", "not a readable frame model"), ('{"format": "other"}', "not a framing frame model")],
)
def test_cli_refuses_a_damaged_model_file_in_one_line_before_writing(tmp_path, capsys, content, message):
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    out = tmp_path / "out"
    assert main(["analyze", str(SEEDS), "--out", str(out), "--frames", str(bad), "--quiet"]) == 2
    error = capsys.readouterr().err.strip()
    assert message in error and str(bad) in error and len(error.splitlines()) == 1
    assert not out.exists()


def test_report_shows_each_version_frames_with_evidence(seeds_result, tmp_path):
    html = seeds_result.report(tmp_path / "report.html").read_text(encoding="utf-8")
    assert "<h3>Frames</h3>" in html and "why these frames" in html


def test_summary_counts_articles_called_for_each_frame(seeds_result):
    line = next(line for line in seeds_result.summary().splitlines() if line.startswith("frames"))
    assert "conflict" in line and "of 5 articles" in line


def test_frame_rows_of_no_articles_is_empty():
    tables = {name: frame(name, []) for name in ("articles", "paragraphs", "sentences")}
    assert frame_rows(tables, load_frame_model()) == []
