"""MinHash signatures and LSH banding: stable values, unbiased estimates, date-aware buckets, caps."""

from __future__ import annotations

import os
import random
import subprocess
import sys

import numpy as np
import pytest

import framing.stories.minhash
from framing.segment.words import word_runs
from framing.stories.minhash import (
    EMPTY,
    UNDATED,
    WordHasher,
    band_keys,
    candidate_pairs,
    densify,
    shingles,
    signatures,
    similarity,
    text_signatures,
)
from tests.conftest import ROOT

TEXTS = [
    "Talks on the Riverton dam collapsed on Tuesday after a long night of bargaining, officials said.",
    "Talks on the Riverton dam collapsed on Tuesday after a long night of bargaining, the officials said.",
    "Stocks fell sharply in Tokyo on Friday as the yen rose against the dollar.",
]


def test_signatures_are_the_same_in_another_process_and_hash_seed():
    here = text_signatures(TEXTS)
    code = (
        "import sys; from framing.stories.minhash import text_signatures; "
        "print(text_signatures(sys.argv[1:]).tobytes().hex())"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    out = subprocess.run(
        [sys.executable, "-c", code, *TEXTS], capture_output=True, text=True, env=env, cwd=ROOT, check=True
    )
    assert out.stdout.strip() == here.tobytes().hex()


def test_signature_values_are_fixed():
    # BLAKE2b word hashes and numpy arithmetic on uint64: the same numbers on every platform.  A change here
    # changes every signature ever computed, so it must be deliberate.
    assert WordHasher()(["dam"]).tolist() == [7239846149742970360]
    assert text_signatures(["one two three four five"])[0][:4].tolist() == [
        292593889,
        1875351409,
        1519820070,
        1875351409,
    ]
    assert word_runs("Rama’s aide didn't say.".lower()) == ["rama", "s", "aide", "didn", "t", "say"]


def test_estimated_jaccard_is_close_to_the_true_one():
    rng = random.Random(0)
    vocabulary = [f"w{k}" for k in range(400)]
    errors = []
    for _ in range(300):
        a = [rng.choice(vocabulary) for _ in range(rng.choice([5, 20, 80]))]
        b = list(a)
        for _ in range(rng.randint(0, len(a))):
            b[rng.randrange(len(b))] = rng.choice(vocabulary)
        sa, sb = (set(zip(t, t[1:], t[2:], strict=False)) for t in (a, b))
        truth = len(sa & sb) / len(sa | sb)
        sigs = text_signatures([" ".join(a), " ".join(b)])
        errors.append(float(similarity(sigs[0], sigs[1])) - truth)
    assert abs(np.mean(errors)) < 0.01
    assert np.mean(np.abs(errors)) < 0.05


def test_short_texts_get_one_shingle_and_empty_texts_none():
    hashes = WordHasher()(["a", "b", "c", "d"])
    found, offsets = shingles(hashes, np.array([0, 0, 2, 4]), size=3)
    assert offsets.tolist() == [0, 0, 1, 2]
    sigs = signatures(found, offsets, slots=16)
    assert (sigs[0] == EMPTY).all() and (sigs[1] != EMPTY).all()
    assert (densify(np.full((1, 8), EMPTY, dtype=np.uint32)) == EMPTY).all()


def test_raw_bins_merge_into_the_signature_of_the_union():
    hasher = WordHasher()
    parts = [word_runs("talks on the dam collapsed on tuesday"), word_runs("engineers warned the spillway could fail")]
    hashes = hasher(parts[0] + parts[1])
    found, offsets = shingles(hashes, np.array([0, len(parts[0]), len(parts[0]) + len(parts[1])]))
    raw = signatures(found, offsets, dense=False)
    whole = signatures(found, np.array([0, len(found)]))
    assert (densify(np.minimum(raw[0], raw[1])[None, :]) == whole).all()


def test_candidate_pairs_come_from_equal_band_keys():
    sigs = text_signatures(TEXTS)
    keys = band_keys(sigs, bands=16, rows=4)
    assert candidate_pairs(keys).pairs.tolist() == [[0, 1]]
    with pytest.raises(ValueError, match="slots"):
        band_keys(sigs, bands=32, rows=4)


def test_date_window_groups_and_undated_rows():
    keys = np.zeros((5, 2), dtype=np.uint64)  # all in one bucket
    days = np.array([100, 103, 140, UNDATED, 141])
    pairs = candidate_pairs(keys, days=days, window=7).pairs.tolist()
    assert pairs == [[0, 1], [0, 3], [1, 3], [2, 3], [2, 4], [3, 4]]
    grouped = candidate_pairs(keys, groups=np.array([0, 0, 1, 1, 2])).pairs.tolist()
    assert [0, 1] not in grouped and [2, 3] not in grouped and [0, 4] in grouped


def test_pairs_merged_while_the_bands_are_read_are_every_pair_once(monkeypatch):

    rng = np.random.default_rng(7)
    keys = rng.integers(0, 40, size=(300, 8)).astype(np.uint64)  # many rows share keys in several bands
    days = np.where(rng.random(300) < 0.1, UNDATED, rng.integers(0, 60, size=300))
    expected = {
        (a, b)
        for a in range(300)
        for b in range(a + 1, 300)
        if (keys[a] == keys[b]).any() and (UNDATED in (days[a], days[b]) or abs(days[a] - days[b]) <= 7)
    }
    monkeypatch.setattr(framing.stories.minhash, "_MERGE_AT", 1)  # merge after every band
    pairs = candidate_pairs(keys, days=days, window=7).pairs
    assert {tuple(pair) for pair in pairs.tolist()} == expected and len(pairs) == len(expected)
    assert (np.diff(pairs[:, 0] * 300 + pairs[:, 1]) > 0).all()  # sorted, each once


def test_large_buckets_are_skipped_or_starred_never_squared():
    keys = np.zeros((1000, 3), dtype=np.uint64)
    keys[:, 2] = np.arange(1000)  # one band with unique keys
    skipped = candidate_pairs(keys, max_bucket=50)
    assert len(skipped.pairs) == 0 and skipped.large_buckets == 2
    starred = candidate_pairs(keys, max_bucket=50, large="star")
    assert len(starred.pairs) == 999 and (starred.pairs[:, 0] == 0).all()
