"""The compare stage: estimates with the right resampling unit, tests, distinctive words, similarity, CLI."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from framing.cli import main
from framing.compare import (
    MEASURES,
    Measure,
    article_groups,
    compare,
    comparisons,
    distinctive_terms,
    estimates,
    similarity,
)
from framing.compare.stats import bh_qvalues
from framing.contract.files import read_tables
from framing.problems import FramingError
from framing.run.pipeline import analyze
from tests.conftest import SEED_IDS, SEEDS

CALM = "Officials met on {day}. The talks were calm and useful. Both sides agreed to meet again, the minister said."
GRIM = "Talks collapsed on {day} amid fury. Critics slammed the failed, chaotic meeting. The minister denied it."
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday"]


@pytest.fixture(scope="module")
def outlets_result():
    """Outlet Calm has four articles, outlet Grim one: articles are resampled for one, sentences for the other."""
    rows = [
        {"id": f"calm{i}", "source": "Calm", "story": f"s{i}", "text": "T\n\n" + CALM.format(day=d)}
        for i, d in enumerate(DAYS)
    ]
    rows.append({"id": "grim", "source": "Grim", "story": "s9", "text": "T\n\n" + GRIM.format(day="Friday")})
    return analyze(rows)


def test_outlet_with_several_articles_resamples_articles_and_one_article_its_sentences(outlets_result):
    table = estimates(outlets_result, measures=MEASURES).query("measure == 'sentiment_mean'").set_index("group")
    assert table.loc["Calm", "unit"] == "articles" and table.loc["Calm", "n"] == 4
    assert table.loc["Grim", "unit"] == "sentences" and table.loc["Grim", "n"] == 3


def test_estimates_equal_the_article_values_of_the_articles_table(seeds_result):
    table = estimates(seeds_result, measures=MEASURES).set_index(["measure", "group"])
    articles = seeds_result.articles.set_index("source")
    for measure in ("sentiment_mean", "sentiment_neg_share", "loaded_per_1k", "hedges_per_1k", "novel_share"):
        for source, value in articles[measure].items():
            assert table.loc[(measure, source), "estimate"] == pytest.approx(float(value), abs=1e-4), measure


def test_every_interval_contains_its_estimate(seeds_result):
    table = estimates(seeds_result).dropna(subset=["ci_low"])
    assert len(table) > 50
    assert ((table["ci_low"] <= table["estimate"] + 1e-9) & (table["estimate"] <= table["ci_high"] + 1e-9)).all()


def test_one_sentence_gets_a_note_instead_of_an_interval():
    result = analyze(
        [
            {"id": "a", "source": "A", "text": "T\n\nIt rained."},
            {"id": "b", "source": "B", "text": "T\n\nIt rained. It poured. Floods came."},
        ]
    )
    row = estimates(result, measures=MEASURES).query("measure == 'sentiment_mean' and group == 'A'").iloc[0]
    assert math.isnan(row["ci_low"]) and "too little" in row["note"]


def test_q_values_are_benjamini_hochberg_within_each_measure_with_the_measure_family(seeds_result):
    table = comparisons(seeds_result, family="measure")
    for _measure, part in table.groupby("measure"):
        expected = bh_qvalues(part["p_value"].astype(float).to_numpy())
        np.testing.assert_allclose(part["q_value"].astype(float), expected, atol=1e-5)


def test_seeds_rewrite_adds_significantly_more_novel_text_than_the_wire(seeds_result):
    table = comparisons(seeds_result, family="measure").query("measure == 'novel_share'")
    row = table.set_index(["group_a", "group_b"]).loc[("The Associated Press", "Unattributed rewrite")]
    assert row["estimate_a"] == 0 and row["estimate_b"] > 0.4
    assert row["q_value"] < 0.05 and row["effect_measure"] == "cohens_h" and row["effect_size"] < -0.8


def test_identical_copies_do_not_differ(seeds_result):
    table = comparisons(seeds_result, measures=MEASURES).set_index(["measure", "group_a", "group_b"])
    row = table.loc[("sentiment_mean", "The Associated Press", "AP copy (unnamed site)")]
    assert row["difference"] == 0 and row["p_value"] > 0.9


def test_stance_counts_get_an_exact_test_when_counts_are_small(seeds_result):
    table = comparisons(seeds_result).query("measure == 'stance'")
    assert len(table) == 10 and (table["unit"] == "attributions").all()
    assert table["test"].str.contains("fisher").all()
    assert table["effect_measure"].eq("cramers_v").all()


def test_one_outlet_says_there_is_nothing_to_compare():
    result = analyze([{"id": "a", "source": "Solo", "text": "T\n\nIt rained. It poured."}])
    table = comparisons(result)
    assert table.empty and "only one source" in table.attrs["note"]
    assert "only one" in distinctive_terms(result).attrs["note"]


def test_a_measure_nobody_has_is_noted_not_tested(story_result):
    table = comparisons(story_result).query("measure == 'stance_admission_share'")
    assert table["p_value"].isna().all()
    assert table["note"].str.contains("nothing to test").all()


def test_distinctive_terms_work_for_two_articles(tmp_path):
    for seed in (SEED_IDS["ap"], SEED_IDS["rewrite"]):
        (tmp_path / f"{seed}.txt").write_bytes((SEEDS / f"{seed}.txt").read_bytes())
    result = analyze(tmp_path)
    table = distinctive_terms(result)
    groups = list(dict.fromkeys(table["group"]))
    assert len(groups) == 2
    rewrite = table[table["group"] == groups[1]]
    assert set(rewrite["reference"]) == {groups[0]}
    assert "albania" in rewrite.nlargest(3, "z")["term"].tolist()
    # two groups: each word's z for one side is minus the other's
    wire = table[table["group"] == groups[0]].set_index("term")["z"]
    assert rewrite.set_index("term")["z"].add(wire, fill_value=0).abs().max() < 1e-5


def test_rewrite_of_seed_002_is_distinguished_by_its_albania_commentary(seeds_result):
    table = distinctive_terms(seeds_result)
    rewrite = table[table["group"] == "Unattributed rewrite"].nlargest(5, "z")["term"].tolist()
    assert "albania" in rewrite


def test_distinctive_terms_prior_choices(seeds_result):
    story = distinctive_terms(seeds_result, prior="story")
    given = distinctive_terms(seeds_result, prior={"the": 1000.0, "albania": 1.0})
    assert set(story["prior"]) == {"story"} and set(given["prior"]) == {"given"}
    with pytest.raises(FramingError, match="prior must be"):
        distinctive_terms(seeds_result, prior="nonsense")


def test_groups_of_outlets_are_compared_as_groups(seeds_result):
    groups = {
        "AP text": ["The Associated Press", "AP copy (unnamed site)"],
        "own reporting": ["Voice of America (voanews)", "Time News"],
    }
    labels = article_groups(seeds_result, groups=groups)
    assert sorted(set(labels)) == ["AP text", "own reporting"] and len(labels) == 4
    table = comparisons(seeds_result, groups=groups)
    assert set(zip(table["group_a"], table["group_b"], strict=True)) == {("AP text", "own reporting")}
    with pytest.raises(FramingError, match="no article has"):
        article_groups(seeds_result, groups={"x": ["Nobody"]})


def test_similarity_sees_the_copy_the_rewrite_and_the_other_reports(seeds_result):
    table = similarity(seeds_result).set_index(["article_a", "article_b"])
    ap, copy, rewrite, voa = (SEED_IDS[k] for k in ("ap", "republished", "rewrite", "voa"))
    assert table.loc[(ap, copy), "cosine"] > 0.99 and table.loc[(copy, ap), "containment"] > 0.95
    assert table.loc[(ap, copy), "shared_paragraphs"] == 1.0
    assert 0.1 < table.loc[(rewrite, ap), "containment"] < table.loc[(copy, ap), "containment"]
    assert table.loc[(voa, ap), "containment"] < 0.1
    assert len(table) == 5 * 4


def test_compare_runs_everything_and_is_reproducible(seeds_result, tmp_path):
    first = compare(seeds_result).save(tmp_path / "a")
    second = compare(seeds_result).save(tmp_path / "b")
    assert [p.name for p in first] == [
        "estimates.csv",
        "comparisons.csv",
        "distinctive_terms.csv",
        "similarity.csv",
        "frame_prevalence.csv",
        "comparison.json",
    ]
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name


def test_custom_measure_is_compared_like_the_built_in_ones(seeds_result):

    def long_sentences(tables):
        sentences = tables["sentences"]
        return pd.DataFrame(
            {
                "article_id": sentences["article_id"],
                "numerator": sentences["text"].str.split().str.len().gt(25).astype(float),
                "denominator": 1.0,
            }
        )

    measures = {
        "long_sentence_share": Measure(
            "long_sentence_share", "sentences over 25 words", "sentences", "share", long_sentences
        ),
        "sentiment_mean": MEASURES["sentiment_mean"],
    }
    table = comparisons(seeds_result, measures=measures)
    assert "long_sentence_share" in set(table["measure"])


def test_cli_compare_reads_a_results_folder_and_writes_the_tables(tmp_path, capsys):
    out = tmp_path / "results"
    assert main(["analyze", "seeds", "--out", str(out), "--quiet"]) == 0
    assert main(["compare", str(out), "--by", "source"]) == 0
    printed = capsys.readouterr().out
    assert "compared by source: 5 groups" in printed and "novel_share" in printed
    for name in ("comparisons.csv", "distinctive_terms.csv", "similarity.csv", "estimates.csv"):
        assert (out / name).is_file()
    tables = read_tables(out)
    assert tables["articles"]["article_id"].str.startswith("00").all()  # ids stay text


def test_cli_compare_groups_and_separate_output_folder(tmp_path, capsys):
    out = tmp_path / "results"
    main(["analyze", "seeds", "--out", str(out), "--quiet"])
    code = main(
        [
            "compare",
            str(out),
            "--group",
            "AP=The Associated Press,AP copy (unnamed site)",
            "--group",
            "VOA=Voice of America (voanews)",
            "--out",
            str(tmp_path / "cmp"),
            "--quiet",
        ]
    )
    assert code == 0 and capsys.readouterr().out == ""
    table = pd.read_csv(tmp_path / "cmp" / "comparisons.csv")
    assert set(table["group_a"]) == {"AP"} and set(table["group_b"]) == {"VOA"}


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--by", "colour"], "no column 'colour'"),
        (["--group", "broken"], "needs a name and values"),
        (["--min-articles", "1"], "at least 2"),
    ],
)
def test_cli_compare_mistakes_are_one_line(tmp_path, capsys, arguments, message):
    out = tmp_path / "results"
    main(["analyze", "seeds", "--out", str(out), "--quiet"])
    assert main(["compare", str(out), *arguments]) == 2
    error = capsys.readouterr().err
    assert message in error and error.count("\n") == 1


def test_cli_compare_of_a_folder_without_results_names_the_fix(tmp_path, capsys):
    assert main(["compare", str(tmp_path)]) == 2
    assert "pass the --out folder of a `framing analyze` run" in capsys.readouterr().err
