"""Fuzz test (issue 18): small hostile corpora (benchmarks/fuzz.py's strategies: folders of .txt files with odd
names, encodings and bytes, links; CSV and JSONL files with odd cells and broken quotes) are read, and some
analysed, with no exception but a one-line ``FramingError``, and every article put in is read or named in
problems.csv.  Bounded for ``make test``: derandomized, 300 corpora read and 15 analysed; the larger run is
``benchmarks/fuzz.py`` in ``make bench``."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))

import fuzz

BOUNDED = settings(deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck))


@settings(BOUNDED, max_examples=300)
@given(spec=fuzz.corpora_strategy)
def test_every_article_of_a_hostile_corpus_is_read_or_listed_in_problems(spec):
    with tempfile.TemporaryDirectory() as work:
        outcome = fuzz.fuzz_one(spec, Path(work), analyze=False)
    assert not outcome["crash"], outcome["crash"]
    assert outcome["lost"] == []


@settings(BOUNDED, max_examples=15)
@given(spec=fuzz.corpora_strategy, format=st.sampled_from(["csv", "parquet"]))
def test_every_article_of_a_hostile_corpus_is_analysed_or_listed_in_problems(spec, format):
    with tempfile.TemporaryDirectory() as work:
        outcome = fuzz.fuzz_one(spec, Path(work), analyze=True, format=format)
    assert not outcome["crash"], outcome["crash"]
    assert outcome["lost"] == []
