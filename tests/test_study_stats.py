"""Statistics that fit a study's design: story-matched tests, intervals, family corrections, strata, mixed model.

Checked against values computed by hand on small matched designs, a simulation of null studies, and end to end
through ``framing compare`` on a hand-written corpus of several stories told by three outlets.
"""

from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd
import pytest

from framing.cli import main
from framing.compare import MEASURES, comparisons, estimates
from framing.compare.contrasts import COMPARISON_COLUMNS, corrected
from framing.compare.matched import blocked_permutation_test, choose_design, story_bootstrap_ci
from framing.compare.mixed import mixed_difference
from framing.compare.pairs import Pair, Setting
from framing.compare.stats import permutation_ratio_test
from framing.contract.files import read_tables
from framing.problems import FramingError
from framing.read.datasets.basil import read_basil
from framing.run.pipeline import analyze

# --- the blocked permutation test, by hand ----------------------------------------------------------------------


def test_sign_flip_test_is_enumerated_exactly_on_a_small_matched_design():
    # four stories, one article per group each; a − b = 1, 2, 3, −0.5 (mean 1.375, sum 5.5).
    # Of the 2⁴ = 16 sign flips, |sum| ≥ 5.5 only for ±(1 + 2 + 3 ± 0.5): 4 of 16, so p = 0.25.
    # The articles are listed out of story order on purpose.
    values = np.array([0.0, 1.0, 3.0, 0.0, 2.0, 0.0, -0.5, 0.0])
    blocks = np.array([0, 0, 2, 2, 1, 1, 3, 3])
    in_a = np.array([False, True, True, False, True, False, True, False])
    difference, p_value, exact = blocked_permutation_test(values, blocks, in_a)
    assert difference == pytest.approx(1.375) and exact
    assert p_value == pytest.approx(4 / 16)


def test_blocked_test_with_two_articles_of_a_group_in_one_story_enumerates_every_relabelling():
    # story 0: a = {4, 2}, b = {1} → 3 − 1 = 2; story 1: a = {3}, b = {0} → 3; statistic (2 + 3) / 2 = 2.5.
    # Story 0 has C(3, 2) = 3 labellings (differences 2, 0.5, −2.5), story 1 has 2 (±3): 6 in all, with means
    # 2.5, −0.5, 1.75, −1.25, 0.25, −2.75; |mean| ≥ 2.5 twice, so p = 2/6.
    values = np.array([4.0, 2.0, 1.0, 3.0, 0.0])
    blocks = np.array([0, 0, 0, 1, 1])
    in_a = np.array([True, True, False, True, False])
    difference, p_value, exact = blocked_permutation_test(values, blocks, in_a)
    assert (difference, exact) == (pytest.approx(2.5), True)
    assert p_value == pytest.approx(2 / 6)


def test_p_value_from_random_relabellings_is_b_plus_one_over_resamples_plus_one_never_zero():
    # 20 stories, a always 5 above b: 2²⁰ sign flips are too many, so 999 random ones; none is as extreme
    # except by chance the all-positive one, so p = (b + 1) / 1000 with b tiny, and never 0.
    values = np.tile([5.0, 0.0], 20) + np.repeat(np.arange(20.0), 2)
    blocks, in_a = np.repeat(np.arange(20), 2), np.tile([True, False], 20)
    difference, p_value, exact = blocked_permutation_test(values, blocks, in_a, resamples=999)
    assert difference == pytest.approx(5.0) and not exact
    assert p_value == pytest.approx(1 / 1000)
    assert blocked_permutation_test(values, blocks, in_a, resamples=999) == (difference, p_value, exact)


def test_independent_articles_are_one_block_and_match_the_two_sample_permutation_test():
    a, b = [1.0, 2.0, 3.0], [7.0, 8.0, 9.0]
    values, in_a = np.array(a + b), np.array([True] * 3 + [False] * 3)
    difference, p_value, exact = blocked_permutation_test(values, np.zeros(6, dtype=int), in_a)
    assert exact and difference == -6.0
    assert p_value == pytest.approx(permutation_ratio_test(a, [1] * 3, b, [1] * 3)[1]) == pytest.approx(0.1)


def test_within_story_bootstrap_interval_resamples_stories():
    # story differences {0, 0, 1}: a resample's mean is 0, 1/3, 2/3 or 1 with chances 8/27, 12/27, 6/27, 1/27
    # (1/27 = 3.7% > 2.5%), so the 95% interval is [0, 1]
    assert story_bootstrap_ci([0.0, 0.0, 1.0]) == (0.0, 1.0)
    # through a Pair: two articles of A in story s1 count once, by their mean (3 − 1 = 2, 1 − 1 = 0, 4 − 4 = 0)
    info = pd.DataFrame(
        {"story": ["s1", "s1", "s1", "s2", "s2", "s3", "s3"], "words": [100, 300, 200, 100, 100, 50, 50]},
        index=["a1", "a1b", "b1", "a2", "b2", "a3", "b3"],
    )
    labels = pd.Series(["A", "A", "B", "A", "B", "A", "B"], index=info.index)
    pair = Pair.of("A", "B", labels, info, Setting(by="source"))
    row = pair.articles_test(["a1", "a1b", "a2", "a3"], [2.0, 4.0, 1.0, 4.0], ["b1", "b2", "b3"], [1.0, 1.0, 4.0])
    assert row["difference"] == pytest.approx(2 / 3)
    assert (row["ci_low"], row["ci_high"]) == story_bootstrap_ci([2.0, 0.0, 0.0])
    assert (row["unit"], row["n_units"], row["n_a"], row["n_b"], row["n_stories"]) == ("stories", 3, 4, 3, 3)
    assert row["words_a"] == pytest.approx(550 / 4) and row["words_b"] == pytest.approx(350 / 3)


def test_design_is_chosen_from_shared_stories_and_article_counts():
    assert choose_design(["s1", "s2", "s9"], ["s1", "s2"]) == "story-matched"
    assert choose_design(["s1", "s2", "s3"], ["s1", "s5", "s6"]) == "independent articles"  # one shared story
    assert choose_design(["s1", "s2", "s3"], ["s1", "s2"], min_shared=3) == "sentences of one article"
    assert choose_design(["s1", "s2", "s3"], ["s1", "s2", "s3"], design="independent") == "independent articles"
    assert choose_design(["s1"], ["s2"], design="matched") == "story-matched"


# --- the family of tests ------------------------------------------------------------------------------------------


def _family_table() -> pd.DataFrame:
    rows = [("m1", 0.01), ("m1", 0.04), ("m2", 0.03), ("m2", 0.20), ("m2", float("nan"))]
    return pd.DataFrame([{"measure": m, "within": "", "p_value": p} for m, p in rows])


def test_benjamini_hochberg_over_the_whole_run_matches_hand_computation():
    # m = 4 p-values: sorted .01 .03 .04 .20; p·m/rank = .04 .06 .0533 .20; the running minimum from the top
    # gives .04 .0533 .0533 .20 (the table lists m1's .01 .04, then m2's .03 .20)
    table = corrected(_family_table(), "run")
    assert table["q_value"].round(4).tolist()[:4] == [0.04, 0.0533, 0.0533, 0.2]
    assert math.isnan(table["q_value"].iloc[4])
    assert set(table["family"]) == {"run"} and set(table["family_tests"]) == {4}


def test_benjamini_hochberg_per_measure_is_the_option():
    # m1: .01·2/1 = .02, .04·2/2 = .04; m2: .03·2/1 = .06, .20
    table = corrected(_family_table(), "measure")
    assert table["q_value"].round(4).tolist()[:4] == [0.02, 0.04, 0.06, 0.2]
    assert table["family_tests"].tolist() == [2, 2, 2, 2, 2]


# --- simulation: the matched test holds its level, the pooled-units test does not ---------------------------------


def test_matched_test_holds_its_false_positive_rate_where_pooled_sentences_do_not():
    rng = np.random.default_rng(15)
    studies, stories, sentences = 400, 10, 20
    story = rng.normal(0, 1.0, (studies, stories, 1, 1))  # stories differ a lot
    article = rng.normal(0, 0.5, (studies, stories, 2, 1))  # each article its own tone, no outlet effect
    noise = rng.normal(0, 1.0, (studies, stories, 2, sentences))
    values = story + article + noise  # study × story × group (a, b) × sentence
    blocks, in_a = np.repeat(np.arange(stories), 2), np.tile([True, False], stories)
    matched, pooled = [], []
    ones = np.ones(stories * sentences)
    for study in values:
        article_means = study.mean(axis=2).reshape(-1)
        matched.append(blocked_permutation_test(article_means, blocks, in_a)[1])
        a, b = study[:, 0].reshape(-1), study[:, 1].reshape(-1)
        pooled.append(permutation_ratio_test(a, ones, b, ones, resamples=999)[1])
    matched_rate, pooled_rate = np.mean(np.array(matched) < 0.05), np.mean(np.array(pooled) < 0.05)
    assert 0.02 <= matched_rate <= 0.09
    assert pooled_rate > 0.15 and pooled_rate > 2.5 * matched_rate


# --- the mixed model ----------------------------------------------------------------------------------------------


def test_mixed_model_agrees_with_the_matched_estimate_on_a_balanced_design():
    rng = np.random.default_rng(3)
    story_effect = np.repeat(rng.normal(0, 2, 8), 2)
    in_a = np.tile([True, False], 8)
    values = story_effect + 0.7 * in_a + rng.normal(0, 0.3, 16)
    blocks = np.repeat(np.arange(8), 2)
    matched, p_value, _ = blocked_permutation_test(values, blocks, in_a)
    fit = mixed_difference(values, blocks, in_a)
    assert fit["mixed_difference"] == pytest.approx(matched, abs=1e-6)
    assert fit["mixed_ci_low"] < matched < fit["mixed_ci_high"]
    assert fit["mixed_p_value"] < 0.05 and p_value < 0.05


# --- end to end: framing compare on several stories told by three outlets ----------------------------------------

CALM = [
    "Officials met on {day} and the talks were calm and useful.",
    "Both sides agreed to meet again, the minister said.",
    "Experts said the plan would probably help residents.",
    "The council welcomed the agreement and praised the steady work.",
]
GRIM = [
    "Talks collapsed on {day} amid fury and chaos.",
    "Critics slammed the failed, reckless meeting, the spokesman claimed.",
    "The minister insisted the disaster was not her fault.",
    "Angry residents warned of a crisis and blasted the shameful plan.",
]
TOPICS = ["the dam", "the bridge", "the school", "the harbour", "the tax", "the park"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]


def _corpus() -> pd.DataFrame:
    rows = []
    for number, (topic, day) in enumerate(zip(TOPICS, DAYS, strict=True)):
        date = "2024-03-05" if number < 3 else "2024-04-09"
        for outlet, lines in (("Calm Post", CALM), ("Grim Daily", GRIM), ("Middle News", CALM[:2] + GRIM[2:])):
            body = " ".join(line.format(day=day) for line in lines[number % 2 :] + lines[: number % 2])
            extra = f" Residents of {topic.split()[-1]} town said they would watch closely." * (1 + number % 3)
            rows.append(
                {
                    "id": f"{outlet.split()[0].lower()}-{number}",
                    "source": outlet,
                    "story": f"story-{number}",
                    "date": date,
                    "text": f"News about {topic}\n\n{body}\n\n{extra.strip()}",
                }
            )
    return pd.DataFrame(rows)


@pytest.fixture(scope="module")
def study(tmp_path_factory):
    folder = tmp_path_factory.mktemp("study")
    _corpus().to_csv(folder / "corpus.csv", index=False)
    assert main(["analyze", str(folder / "corpus.csv"), "--out", str(folder / "results"), "--quiet"]) == 0
    return folder


def test_cli_compare_of_a_multi_story_corpus_is_story_matched(study, capsys):
    out = study / "cmp"
    assert main(["compare", str(study / "results"), "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "designs: story-matched" in printed and "every test of the run" in printed
    table = pd.read_csv(out / "comparisons.csv", keep_default_na=False, na_values=[""])
    assert list(table.columns) == COMPARISON_COLUMNS
    assert set(table["design"]) == {"story-matched"} and set(table["unit"]) == {"stories"}  # rows untested too
    tested = table.dropna(subset=["p_value"])
    assert set(tested["n_units"]) == {6} and set(tested["n_stories"]) == {6}
    # Calm Post has no loaded term: its loaded_category rows match no story and say why
    assert set(table.query("n_units == 0")["note"]) == {"no counts in Calm Post: nothing to compare"}
    assert (tested["p_value"] > 0).all() and set(tested["family"]) == {"run"}
    assert set(tested["family_tests"]) == {len(tested)}
    tone = table.query("measure == 'sentiment_mean_narration'").set_index(["group_a", "group_b"])
    calm_grim = tone.loc[("Calm Post", "Grim Daily")]
    # every story says Calm Post is calmer: all 2⁶ = 64 sign flips enumerated, only the observed and its mirror
    assert calm_grim["difference"] > 0 and calm_grim["p_value"] == pytest.approx(2 / 64)
    assert calm_grim["test"] == "permutation within stories (exact)"
    assert calm_grim["ci_low"] <= calm_grim["difference"] <= calm_grim["ci_high"]
    assert calm_grim["words_a"] > 0 and calm_grim["words_b"] > 0
    info = json.loads((out / "comparison.json").read_text())["parameters"]
    assert info["family"] == "run" and info["design"] == "auto" and info["min_shared_stories"] == 2


def test_count_tests_compare_articles_within_stories_and_name_the_categories(study):
    table = comparisons(read_tables(study / "results")).query("measure == 'stance'")
    row = table.set_index(["group_a", "group_b"]).loc[("Calm Post", "Grim Daily")]
    assert row["unit"] == "stories" and row["test"].startswith("permutation within stories")
    assert row["effect_measure"] == "cramers_v" and 0 < row["effect_size"] <= 1
    assert 0 < row["p_value"] <= 1 and row["statistic"] > 0  # share distance of the stance mixes
    assert row["estimate_a"] - row["estimate_b"] == pytest.approx(row["difference"], abs=1e-6)
    assert row["categories"].count("z=") >= 2


def test_mixed_model_beside_the_matched_rows_agrees_with_them(study):
    table = comparisons(read_tables(study / "results"), model="mixed").query("measure == 'sentiment_mean_narration'")
    assert table["mixed_difference"].notna().all()
    np.testing.assert_allclose(table["mixed_difference"], table["difference"], atol=1e-5)


def test_cli_compare_within_a_column_tests_each_level_apart(study, capsys):
    out = study / "within"
    code = main(["compare", str(study / "results"), "--within", "date", "--family", "measure", "--out", str(out)])
    assert code == 0 and "--within date" in capsys.readouterr().out
    table = pd.read_csv(out / "comparisons.csv", keep_default_na=False, na_values=[""])
    assert set(table["within"]) == {"2024-03-05", "2024-04-09"}
    assert set(table.dropna(subset=["p_value"])["n_stories"]) == {3} and set(table["family"]) == {"measure"}
    tested = table.dropna(subset=["p_value"])
    sizes = tested.groupby(["within", "measure"])["p_value"].transform("size")
    assert (tested["family_tests"] == sizes).all() and sizes.max() == 3  # at most three pairs per measure and level
    estimates_table = pd.read_csv(out / "estimates.csv", keep_default_na=False, na_values=[""])
    assert set(estimates_table["within"]) == {"2024-03-05", "2024-04-09"}
    assert json.loads((out / "comparison.json").read_text())["parameters"]["within"] == "date"


def test_design_independent_ignores_the_stories(study):
    table = comparisons(read_tables(study / "results"), design="independent")
    table = table.query("measure == 'sentiment_mean_narration'")
    assert set(table["design"]) == {"independent articles"} and set(table["unit"]) == {"articles"}
    assert set(table["n_units"]) == {12} and table["test"].str.startswith("permutation of articles").all()


def test_estimates_count_the_stories_of_each_group(study):
    table = estimates(read_tables(study / "results")).query("measure == 'sentiment_mean_narration'")
    assert set(table["n_stories"]) == {6} and set(table["unit"]) == {"articles"}


@pytest.mark.parametrize(
    ("arguments", "message"),
    [(["--family", "story"], "invalid choice"), (["--within", "colour"], "no column 'colour'")],
)
def test_cli_compare_bad_options_are_one_line(study, capsys, arguments, message):
    with pytest.raises(SystemExit) if arguments[0] == "--family" else _no_exit():
        assert main(["compare", str(study / "results"), "--out", str(study / "bad"), *arguments]) == 2
    assert message in capsys.readouterr().err


class _no_exit:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> bool:
        return False


def test_comparisons_refuse_an_unknown_family_in_python(study):
    with pytest.raises(FramingError, match="family must be run or measure"):
        comparisons(read_tables(study / "results"), family="story")


def test_seeds_still_compare_inside_their_one_story(seeds_result):
    table = comparisons(seeds_result, measures=MEASURES)
    assert set(table["design"]) == {"sentences of one article"}
    assert set(table["n_stories"]) == {1}
    assert (table["p_value"].dropna() > 0).all() and set(table["family_tests"]) == {table["p_value"].notna().sum()}
    tone = table.query("measure == 'sentiment_mean'").set_index(["group_a", "group_b"])
    # the README's numbers for the rewrite and VOA, unchanged by the new design rule
    row = tone.loc[("Unattributed rewrite", "Voice of America (voanews)")]
    assert row["p_value"] == pytest.approx(0.0104, abs=0.002) and row["unit"] == "sentences"


def _count_tables(stances_a: dict[str, int], stances_b: dict[str, int]) -> dict[str, pd.DataFrame]:
    """Tables of two one-article outlets whose attributions have the given stance counts (nothing else counted)."""
    articles = pd.DataFrame({"article_id": ["a", "b"], "story": ["s", "s"], "source": ["A", "B"], "words": [900, 800]})
    stances = [("a", s) for s, n in stances_a.items() for _ in range(n)]
    stances += [("b", s) for s, n in stances_b.items() for _ in range(n)]
    attributions = pd.DataFrame(stances, columns=["article_id", "stance"]).assign(kind="indirect")
    terms = pd.DataFrame({"article_id": [], "lexicon": [], "category": []})
    paragraphs = pd.DataFrame({"article_id": [], "role": [], "reuse": []})
    return {"articles": articles, "attributions": attributions, "terms": terms, "paragraphs": paragraphs}


def test_a_tiny_p_value_keeps_its_significant_digits_instead_of_rounding_to_zero():
    # 300 attributions each: 250 neutral vs 20 in one article, a chi-square p far below 1e-6
    tables = _count_tables({"neutral": 250, "emphatic": 50}, {"neutral": 20, "emphatic": 280})
    row = comparisons(tables, measures={}).query("measure == 'stance'").iloc[0]
    assert row["test"] == "chi-square" and row["design"] == "sentences of one article"
    assert 0 < row["p_value"] < 1e-6 and 0 < row["q_value"] < 1e-6
    assert row["unit"] == "attributions" and (row["n_units"], row["n_a"], row["n_b"]) == (600, 300, 300)
    # two categories: their residuals are equal and opposite; the first (by name) leads the row
    assert row["categories"] == "emphatic 16.7% vs 93.3% (z=-18.9); neutral 83.3% vs 6.7% (z=+18.9)"
    assert row["estimate_a"] == pytest.approx(50 / 300, abs=1e-6) and row["estimate_b"] == pytest.approx(
        280 / 300, abs=1e-6
    )
    assert row["ci_low"] < row["difference"] < row["ci_high"]
    assert (row["words_a"], row["words_b"]) == (900, 800)


def test_cli_compare_refuses_fewer_than_two_shared_stories_for_matching(study, capsys):
    assert main(["compare", str(study / "results"), "--min-shared-stories", "1"]) == 2
    error = capsys.readouterr().err
    assert "--min-shared-stories must be at least 2" in error and error.count("\n") == 1


def test_basil_dev_outlets_are_compared_story_by_story_and_the_mixed_model_agrees(data_dir):
    if not (data_dir / "basil-dev").is_dir():
        pytest.skip(f"BASIL dev not found at {data_dir / 'basil-dev'}")
    result = analyze(read_basil(data_dir / "basil-dev").corpus)
    table = comparisons(result, model="mixed")
    big = table[(table["n_a"] >= 30) & (table["n_b"] >= 30)]  # the outlets that cover (nearly) all 40 triplets
    assert len(big) > 0 and set(big["design"]) == {"story-matched"} and set(big["unit"]) == {"stories"}
    tested = table.dropna(subset=["p_value"])
    assert (tested["p_value"] > 0).all() and set(tested["family_tests"]) == {len(tested)}
    # one article per outlet in each triplet: the mixed model's estimate is the mean within-story difference
    fitted = table.dropna(subset=["mixed_difference"])
    assert len(fitted) >= 20
    np.testing.assert_allclose(fitted["mixed_difference"], fitted["difference"], atol=1e-5)
    # and with 37 stories its p-values tell the same story as the permutation tests (not with 3 stories, where
    # the exact permutation p cannot go below 2/2³ = 0.25 while the model's Wald test trusts its normal curve)
    many = fitted[fitted["n_units"] >= 30]
    assert len(many) >= 20 and ((many["mixed_p_value"] < 0.05) == (many["p_value"] < 0.05)).mean() >= 0.9
    assert np.corrcoef(np.log(many["mixed_p_value"]), np.log(many["p_value"]))[0, 1] > 0.95
