"""Cost grows with the text's length, not its square: pathological texts (one sentence of thousands of words,
one paragraph, single newlines, no punctuation) cost about what a normal text of the same length costs.

Timings are ratios of process CPU time measured in this one run (issue 18, item 9); the 1 MB version with
peak memory is ``benchmarks/long_text.py``.
"""

from __future__ import annotations

import sys
import time
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import framing
from framing.clean import CleanRules, clean
from framing.measure.attribution import find_attributions
from framing.measure.learned_attribution import tagger_inputs
from framing.measure.units import body_sentences
from framing.read import Article
from framing.segment import TokenIndex, bounded_spans, sentence_spans
from framing.settings import AttributionRules
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))

import long_text

#: Characters of each text: large enough that a quadratic step shows (one 60 KB sentence is ~9,000 words).
SIZE = 60_000
PATHOLOGICAL = ["one_paragraph", "no_stops", "single_newlines", "no_punctuation", "odd_punctuation"]


def _cost(text: str) -> float:
    start = time.process_time()
    framing.analyze([{"id": "long", "source": "Wire", "text": text}])
    return time.process_time() - start


@pytest.fixture(scope="module")
def costs() -> dict[tuple[str, int], float]:
    """CPU seconds of ``analyze`` on each text, at SIZE and twice SIZE, measured in one run."""
    _cost(long_text.normal(2_000))  # warm up: models and lexicons load once
    found = {}
    for size in (SIZE, 2 * SIZE):
        for kind in ["normal", *PATHOLOGICAL]:
            found[kind, size] = _cost(long_text.KINDS[kind](size))
    return found


@pytest.mark.parametrize("kind", PATHOLOGICAL)
def test_a_pathological_text_costs_about_what_a_normal_text_of_its_length_costs(costs, kind):
    ratio = costs[kind, SIZE] / costs["normal", SIZE]
    assert ratio < 3, f"{kind}: {costs[kind, SIZE]:.2f} s against {costs['normal', SIZE]:.2f} s for normal text"


@pytest.mark.parametrize("kind", PATHOLOGICAL)
def test_doubling_a_pathological_text_roughly_doubles_its_cost(costs, kind):
    ratio = costs[kind, 2 * SIZE] / costs[kind, SIZE]
    assert ratio < 3, f"{kind}: {costs[kind, 2 * SIZE]:.2f} s at {2 * SIZE} chars, {costs[kind, SIZE]:.2f} s at {SIZE}"


def test_a_sentence_longer_than_the_cap_is_cut_into_pieces_of_at_most_the_cap():
    text = long_text.one_sentence(1_000)
    cleaned = clean(Article("long", text))
    sentences = body_sentences(cleaned)
    counts = [cleaned.words_in(s.start, s.end) for s in sentences]
    assert len(sentences) > 1 and max(counts) <= CleanRules().max_sentence_words
    assert sum(counts) == 1_000  # no word lost or doubled
    assert all(text[s.start : s.end] == s.text and not s.text[0].isspace() for s in sentences)


def test_an_overlong_sentence_is_cut_at_line_breaks_before_clause_marks():
    text = long_text.single_newlines(20_000)
    cleaned = clean(Article("lines", text))
    sentences = body_sentences(cleaned, max_words=40)
    assert len(sentences) > 10
    assert all(text[s.end] == "\n" for s in sentences[:-1])  # every piece ends at the end of a line


def test_the_seeds_sentences_are_not_cut():
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        cleaned = clean(Article(path.stem, path.read_text(encoding="utf-8")))
        assert body_sentences(cleaned) == body_sentences(cleaned, max_words=None), path.name


@settings(max_examples=200, deadline=None)
@given(
    words=st.lists(st.sampled_from(["Rama", "said", "n't", ",", ";", "—", "\n", "“", "”", ".", "it's", "1,000"])),
    max_words=st.integers(min_value=1, max_value=6),
)
def test_cut_pieces_keep_every_word_once_in_order_and_within_the_cap(words, max_words):
    text = " ".join(words)
    index = TokenIndex.of_text(text)
    spans = sentence_spans(text)
    pieces = bounded_spans(text, spans, index, max_words)
    assert sum(index.words(s, e) for s, e in pieces) == index.words(0, len(text))
    assert all(index.words(s, e) <= max_words or (s, e) in spans for s, e in pieces)
    assert all(a[1] <= b[0] for a, b in pairwise(pieces))
    assert all(s < e and not text[s].isspace() and not text[e - 1].isspace() for s, e in pieces)


def test_the_tagger_reads_no_passage_longer_than_the_cap_in_a_paragraph_of_thousands_of_words():
    text = long_text.no_stops(60_000)
    cleaned = clean(Article("long", text))
    sentences = body_sentences(cleaned)
    rules = AttributionRules()
    body = [(b.start, b.end) for b in cleaned.body]
    rows = find_attributions(text, sentences, body, rules)
    inputs = tagger_inputs(text, sentences, body, rules, prepared=None, rule_rows=rows)
    assert len(inputs.passages) > 1
    assert max(len(passage.tokens) for passage, _, _ in inputs.passages) <= rules.max_passage_tokens
