"""Statistical primitives checked against values computed by hand on small inputs."""

from __future__ import annotations

import math

import numpy as np
import pytest

from framing.compare.stats import (
    bh_qvalues,
    bootstrap_mean_ci,
    bootstrap_ratio_ci,
    cohens_h,
    count_test,
    hedges_g,
    log_odds_dirichlet,
    permutation_ratio_test,
)


def test_bh_qvalues_match_hand_computation():
    # sorted p: 0.01 0.02 0.03 0.04 0.20 (m = 5); p * m / rank: .05 .05 .05 .05 .20; running minimum from the top
    q = bh_qvalues([0.04, 0.01, 0.20, 0.03, 0.02])
    assert q.round(6).tolist() == [0.05, 0.05, 0.2, 0.05, 0.05]


def test_bh_qvalues_keep_missing_p_values_missing_and_ignore_them_in_m():
    q = bh_qvalues([0.01, float("nan"), 0.04])
    assert q[0] == pytest.approx(0.02) and math.isnan(q[1]) and q[2] == pytest.approx(0.04)


def test_exact_permutation_p_value_matches_enumeration_by_hand():
    # a = {1, 2, 3}, b = {7, 8, 9}: of the C(6, 3) = 20 splits only the observed one and its mirror
    # are as extreme, so the two-sided p is 2 * (1 / 20) = 0.1
    difference, p = permutation_ratio_test([1, 2, 3], [1, 1, 1], [7, 8, 9], [1, 1, 1])
    assert difference == -6.0
    assert p == pytest.approx(0.1)


def test_permutation_test_of_a_ratio_uses_the_denominators():
    # 2 hits in 100 words against 2 hits in 10 words: the rate difference, not the count difference
    difference, _ = permutation_ratio_test([1, 1], [50, 50], [1, 1], [5, 5])
    assert difference == pytest.approx(0.02 - 0.2)


def test_permutation_test_with_random_splits_is_reproducible_and_never_zero():
    a, b = list(range(30)), list(range(100, 130))
    first = permutation_ratio_test(a, [1] * 30, b, [1] * 30, resamples=999)
    second = permutation_ratio_test(a, [1] * 30, b, [1] * 30, resamples=999)
    assert first == second
    assert first[1] == pytest.approx(2 / 1000)  # (0 + 1) / (999 + 1), doubled for two sides


def test_permutation_test_with_too_few_units_gives_no_p_value():
    assert math.isnan(permutation_ratio_test([1], [1], [2], [1])[1])
    assert math.isnan(permutation_ratio_test([], [], [2, 3], [1, 1])[0])


def test_bootstrap_interval_of_two_values_spans_them():
    # resampled means of {0, 1} are 0, 0.5 or 1 with chances 1/4, 1/2, 1/4: the 95% interval is [0, 1]
    assert bootstrap_mean_ci([0.0, 1.0]) == (0.0, 1.0)


def test_bootstrap_interval_is_the_percentile_interval_of_resampled_ratios():
    low, high = bootstrap_ratio_ci([0, 0, 0, 1], [1, 1, 1, 1])
    # resampled shares of one 1 among four draws: 0 (p = .316), .25 (.422), .5 (.211), .75 (.047), 1 (.004)
    assert low == 0.0 and high == 0.75


def test_bootstrap_interval_needs_two_units():
    assert all(math.isnan(v) for v in bootstrap_ratio_ci([3.0], [1.0]))


def test_hedges_g_and_cohens_h_match_hand_computation():
    # means 2 and 4, pooled sd 1, correction 1 - 3 / (4 * 6 - 9) = 0.8
    assert hedges_g([1, 2, 3], [3, 4, 5]) == pytest.approx(-1.6)
    assert cohens_h(0.5, 0.25) == pytest.approx(2 * math.asin(math.sqrt(0.5)) - 2 * math.asin(0.5))
    assert math.isnan(hedges_g([1, 1], [1, 1]))


def test_fisher_exact_for_small_two_by_two_tables():
    # [[3, 0], [0, 3]]: P(observed) = 1 / C(6, 3) = 0.05, the mirror table is as extreme: p = 0.1
    result = count_test([[3, 0], [0, 3]])
    assert result["test"] == "fisher exact"
    assert result["p_value"] == pytest.approx(0.1)
    assert result["cramers_v"] == pytest.approx(1.0)


def test_chi_square_when_every_expected_count_is_large_enough():
    # expected 15 in every cell; X2 = 4 * 5**2 / 15 = 6.667 without, 5.4 with Yates' correction (|d| - .5)
    result = count_test([[20, 10], [10, 20]])
    assert result["test"] == "chi-square"
    assert result["statistic"] == pytest.approx(4 * 4.5**2 / 15)
    assert result["cramers_v"] == pytest.approx(math.sqrt((4 * 25 / 15) / 60))


def test_larger_sparse_tables_get_a_monte_carlo_exact_test_with_a_note():
    result = count_test([[5, 0, 1], [0, 4, 2]])
    assert result["test"].startswith("fisher-freeman-halton")
    assert 0 < result["p_value"] < 0.05
    assert "expected counts below 5" in result["note"]


def test_count_test_says_why_when_there_is_nothing_to_test():
    assert "one category" in count_test([[3, 0], [2, 0]])["note"]
    assert "no counts" in count_test([[3, 2], [0, 0]])["note"]
    assert math.isnan(count_test([[3, 0], [2, 0]])["p_value"])


def test_log_odds_with_dirichlet_prior_matches_monroe_formula_by_hand():
    y_a, y_b, alpha = np.array([3, 1]), np.array([1, 3]), np.array([1.0, 1.0])
    delta, variance, z = log_odds_dirichlet(y_a, y_b, alpha)
    # word 0: log(4 / 2) - log(2 / 4) = 2 log 2; variance 1/4 + 1/2
    assert delta[0] == pytest.approx(2 * math.log(2))
    assert variance[0] == pytest.approx(0.75)
    assert z[0] == pytest.approx(2 * math.log(2) / math.sqrt(0.75))
    assert z[1] == pytest.approx(-z[0])


def test_log_odds_shrinks_rare_words_more_than_frequent_ones():
    # the same 2:1 ratio, seen 3 times or 300 times: the frequent word is far more certain
    _, _, z = log_odds_dirichlet(np.array([2, 200, 1000]), np.array([1, 100, 1000]), np.array([1.0, 1.0, 1.0]))
    assert abs(z[1]) > 5 * abs(z[0])
