"""Frame prevalence corrected for the model's errors: the hand-computed case, intervals, contrasts, fallbacks."""

from __future__ import annotations

import pandas as pd
import pytest

from framing.compare import adjusted_share, compare, frame_measures, frame_prevalence
from framing.compare.frame_prevalence import ACC, MIN_SEPARATION, error_rates
from framing.contract import frame

#: tpr = 40 / 50 = 0.8 and fpr = 10 / 50 = 0.2 for conflict; economic has no counts.
ERRORS = [
    {"frame": "conflict", "true_positives": 40, "false_negatives": 10, "false_positives": 10, "true_negatives": 40},
    {"frame": "economic"},
]


def _tables(present_a: list[int], present_b: list[int], *, matched: bool = True) -> dict[str, pd.DataFrame]:
    """Outlet A's and outlet B's articles, the n-th of each in story n (or each in its own story)."""
    articles, frames, sentences = [], [], []
    for outlet, calls in (("A", present_a), ("B", present_b)):
        for i, present in enumerate(calls):
            article_id = f"{outlet}{i}"
            story = f"s{i}" if matched else article_id
            articles.append({"article_id": article_id, "source": outlet, "story": story, "words": 100})
            sentences.append(
                {
                    "article_id": article_id,
                    "paragraph": 1,
                    "sentence": 0,
                    "text": f"{outlet} said talks {i}",
                    "compound": 0.0,
                }
            )
            for name, called in (("conflict", present), ("economic", 1 - present)):
                frames.append(
                    {
                        "article_id": article_id,
                        "paragraph": None,
                        "frame": name,
                        "probability": 0.5,
                        "present": bool(called),
                        "evidence": "",
                    }
                )
            frames.append(
                {
                    "article_id": article_id,
                    "paragraph": 1,
                    "frame": "conflict",
                    "probability": 0.9,
                    "present": True,
                    "evidence": "",
                }
            )
    tables = {
        name: frame(name, [])
        for name in ("paragraphs", "attributions", "terms", "problems", "alignments", "substitutions", "omissions")
    }
    tables["sentences"] = frame("sentences", sentences)
    tables["articles"] = frame("articles", articles)
    tables["frames"] = frame("frames", frames)
    tables["frame_errors"] = frame("frame_errors", ERRORS)
    return tables


def test_adjusted_share_matches_the_hand_computed_correction_and_clips_to_0_1():
    assert adjusted_share(0.6, tpr=0.8, fpr=0.2) == pytest.approx(0.4 / 0.6)
    assert adjusted_share(0.1, tpr=0.8, fpr=0.2) == 0.0
    assert adjusted_share(0.95, tpr=0.8, fpr=0.2) == 1.0


def test_prevalence_is_the_raw_share_corrected_by_the_model_error_rates():
    tables = _tables([1, 1, 1, 0, 0, 1, 1, 0, 1, 0], [0, 0, 1, 0, 0, 0, 1, 0, 0, 0])
    table = frame_prevalence(tables, "source").set_index(["group", "frame"])
    row = table.loc[("A", "conflict")]
    assert row["raw_share"] == pytest.approx(0.6)
    assert row["prevalence"] == pytest.approx((0.6 - 0.2) / (0.8 - 0.2), abs=1e-6)
    assert row["method"] == ACC and row["n_articles"] == 10
    assert row["lower"] <= row["prevalence"] <= row["upper"]
    # B calls conflict in 2 of 10 articles, no more than the false-positive rate: none corrected
    assert table.loc[("B", "conflict"), "prevalence"] == 0.0


def test_interval_widens_when_the_error_rates_are_measured_on_fewer_articles():
    wide = _tables([1, 1, 1, 0, 0, 1, 1, 0, 1, 0] * 3, [0] * 30, matched=False)
    narrow = {
        **wide,
        "frame_errors": frame(
            "frame_errors", [{**ERRORS[0], **{k: v * 20 for k, v in ERRORS[0].items() if k != "frame"}}]
        ),
    }
    few = frame_prevalence(wide, "source").set_index(["group", "frame"]).loc[("A", "conflict")]
    many = frame_prevalence(narrow, "source").set_index(["group", "frame"]).loc[("A", "conflict")]
    assert few["prevalence"] == pytest.approx(many["prevalence"])
    assert few["upper"] - few["lower"] > many["upper"] - many["lower"]


def test_frame_without_error_counts_gives_the_raw_share_and_says_so():
    tables = _tables([1, 0, 1, 0], [0, 0, 1, 1])
    row = frame_prevalence(tables, "source").set_index(["group", "frame"]).loc[("A", "economic")]
    assert row["prevalence"] == row["raw_share"] == 0.5
    assert "no measured error rates" in row["method"]


def test_model_too_weak_to_correct_gives_the_raw_share():
    tables = _tables([1, 0, 1, 0], [0, 0, 1, 1])
    weak = {
        "frame": "conflict",
        "true_positives": 50,
        "false_negatives": 50,
        "false_positives": 48,
        "true_negatives": 52,
    }
    tables["frame_errors"] = frame("frame_errors", [weak])
    assert error_rates(tables)["conflict"] == (50, 50, 48, 52)
    row = frame_prevalence(tables, "source").set_index(["group", "frame"]).loc[("A", "conflict")]
    assert row["prevalence"] == row["raw_share"] and str(MIN_SEPARATION) in row["method"]


def test_paragraph_rows_do_not_count_toward_an_article_prevalence():
    tables = _tables([0, 0, 0, 0], [0, 0, 0, 0])
    table = frame_prevalence(tables, "source")
    assert table.loc[table["frame"] == "conflict", "raw_share"].tolist() == [0.0, 0.0]


def test_compare_contrasts_frames_story_by_story_on_the_corrected_scale():
    tables = _tables([1, 1, 1, 1, 1, 1, 0, 1], [0, 0, 0, 1, 0, 0, 0, 0])
    comparison = compare(tables, "source")
    assert "frame_prevalence" in comparison.tables
    row = comparison.comparisons.set_index("measure").loc["frame_conflict"]
    assert row["design"] == "story-matched"
    assert row["estimate_a"] == pytest.approx((7 / 8 - 0.2) / 0.6)
    assert row["difference"] == pytest.approx((7 / 8 - 1 / 8) / 0.6)
    assert row["p_value"] < 0.05
    assert "corrected" in frame_measures(tables)["frame_conflict"].description


def test_run_without_frames_has_no_frame_prevalence_table():
    tables = _tables([1, 0], [0, 1])
    del tables["frames"]
    assert frame_prevalence(tables, "source").empty
    assert "frame_prevalence" not in compare(tables, "source").tables


def test_model_validated_on_paragraphs_gives_the_share_of_paragraphs():
    tables = _tables([0, 0, 0, 0], [0, 0, 0, 0])
    tables["frame_errors"] = frame("frame_errors", [{**ERRORS[0], "unit": "paragraph"}])
    table = frame_prevalence(tables, "source").set_index(["group", "frame"])
    row = table.loc[("A", "conflict")]
    # every article has one body paragraph called conflict, whatever its article row says
    assert row["raw_share"] == 1.0 and row["unit"] == "paragraphs" and row["n_articles"] == 4
    assert frame_measures(tables)["frame_conflict"].unit == "paragraphs"
