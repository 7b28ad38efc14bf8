"""Paragraphs reused across stories: kinds, same-story pairs left out, caps on boilerplate, synthetic truth."""

from __future__ import annotations

import random
import sys
import time

import pandas as pd
import pytest

from framing.settings import ReuseRules
from framing.stories.crossreuse import COLUMNS, find_cross_story_reuse
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from synthetic_corpus import load_sentences, make_corpus, pair_scores, reuse_truth

WIRE = (
    "The Riverton dam supplies drinking water to about 200,000 people and irrigates most of the Calder Valley, one "
    "of the country's main fruit-growing regions."
)
EDITED = WIRE.replace("about 200,000", "roughly 200,000").replace("main", "leading")
CUT = (
    "Engineers have warned that the spillway could fail during the spring floods. The regional authority has "
    "asked for money to repair it. Work could start in May if the ministry agrees to pay for it."
)
OTHER = [
    "The council approved a budget on Monday that raises local property taxes by four percent this year.",
    "Three primary schools in the valley will close next summer because there are too few pupils to keep them open.",
    "A freight train carrying timber derailed near the border, blocking the only railway line into the valley.",
]

RECORDS = [
    ("dam", "wire", 0, "Talks on the Riverton dam collapsed on Tuesday after a long night of bargaining."),
    ("dam", "wire", 1, WIRE),
    ("dam", "wire", 2, CUT),
    ("dam", "copy", 1, WIRE),  # the same story: never reported
    ("follow-up", "repairs", 4, WIRE),  # verbatim in another story
    ("budget", "council", 2, EDITED),  # edited in a third story
    ("budget", "council", 3, CUT.rsplit(" Work", 1)[0]),  # the last sentence cut
    ("budget", "council", 0, OTHER[0]),
    ("schools", "board", 0, OTHER[1]),
    ("rail", "train", 0, OTHER[2]),
    ("rail", "train", 1, "He declined to comment."),  # too short to say anything
]


def _pairs(table: pd.DataFrame) -> set[tuple[str, int, str, int]]:
    return {(r.article_a, r.paragraph_a, r.article_b, r.paragraph_b) for r in table.itertuples()}


def test_columns_and_kinds():
    table = find_cross_story_reuse(RECORDS)
    assert list(table.columns) == COLUMNS
    verbatim = table[table["kind"] == "verbatim"]
    assert set(verbatim["similarity"]) == {1.0}
    assert _pairs(verbatim) == {("copy", 1, "repairs", 4), ("wire", 1, "repairs", 4)}  # "dam" sorts first
    edited = table[(table["article_a"] == "council") & (table["paragraph_a"] == 2)]
    assert set(edited["kind"]) == {"edited"} and set(edited["article_b"]) == {"copy", "repairs", "wire"}
    assert edited["similarity"].between(0.4, 0.99).all()


def test_a_paragraph_cut_short_is_found_by_containment():
    table = find_cross_story_reuse(RECORDS)
    assert ("council", 3, "wire", 2) in _pairs(table)


def test_only_pairs_in_different_stories_and_no_unrelated_pairs():
    table = find_cross_story_reuse(RECORDS)
    assert (table["story_a"] != table["story_b"]).all()
    assert (table["story_a"] < table["story_b"]).all()
    involved = set(table["article_a"]) | set(table["article_b"])
    assert not involved & {"board", "train"}
    assert len(table) == 6  # repairs x (wire, copy); council 2 x (wire, copy, repairs); council 3 x wire 2


def test_short_paragraphs_are_skipped_and_counted():
    table = find_cross_story_reuse(RECORDS)
    assert table.attrs["skipped_short"] == 1
    assert table.attrs["paragraphs"] == len(RECORDS)


def test_deterministic_and_independent_of_input_order():
    first = find_cross_story_reuse(RECORDS)
    for seed in range(3):
        shuffled = list(RECORDS)
        random.Random(seed).shuffle(shuffled)
        pd.testing.assert_frame_equal(find_cross_story_reuse(iter(shuffled)), first)


def test_boilerplate_pairs_are_capped_and_reported():
    rng = random.Random(2)
    footer = "Copyright 2024 Riverton Gazette. All rights reserved. This material may not be published or broadcast."
    records = []
    for k in range(400):
        body = " ".join(f"w{rng.randrange(10_000)}" for _ in range(40))
        records += [(f"s{k}", f"a{k}", 0, body), (f"s{k}", f"a{k}", 1, footer)]
    started = time.perf_counter()
    table = find_cross_story_reuse(records, ReuseRules(max_partners=10))
    assert time.perf_counter() - started < 3
    assert table.attrs["capped_paragraphs"] == 400 and table.attrs["max_partners"] == 10
    assert 400 * 10 / 2 <= len(table) <= 400 * 10  # not 400 * 399 / 2
    assert table["note"].str.startswith("capped at 10 partners per paragraph").all()
    assert set(table["paragraph_a"]) == {1}


def test_near_identical_boilerplate_variants_make_no_candidate_explosion():
    footer = "Follow the Riverton Gazette on social media for more news about the valley, reporter number {}."
    records = [(f"s{k}", f"a{k}", 0, footer.format(k)) for k in range(3000)]
    started = time.perf_counter()
    table = find_cross_story_reuse(records, ReuseRules(max_partners=5, max_bucket=100))
    assert time.perf_counter() - started < 5
    assert table.attrs["common_buckets"] > 0
    assert len(table) <= 3000 * 5
    assert (table["kind"] == "edited").all()


def test_empty_input_and_bad_records():
    table = find_cross_story_reuse([])
    assert list(table.columns) == COLUMNS and table.empty
    assert find_cross_story_reuse([("s", "a", 0, "")]).empty
    with pytest.raises(TypeError, match="story, article_id, paragraph_number, text"):
        find_cross_story_reuse([("s", "a", "text only")])  # type: ignore[list-item]
    with pytest.raises(ValueError, match="similarity"):
        ReuseRules(similarity=2.0)


def test_synthetic_cross_story_copies_precision_and_recall(data_dir):

    if not (data_dir / "polnear-train").is_dir():
        pytest.skip(f"PolNeAR not found at {data_dir / 'polnear-train'}")
    made = list(make_corpus(1500, load_sentences(data_dir / "polnear-train"), seed=5))
    records = [(a.story, a.article_id, k + 1, text) for a in made for k, text in enumerate(a.paragraphs)]
    table = find_cross_story_reuse(records)
    _within, across = reuse_truth({a.article_id: {"story": a.story, "lineages": a.lineages} for a in made})
    scores = pair_scores(
        across, table[["article_a", "paragraph_a", "article_b", "paragraph_b"]].itertuples(index=False)
    )
    assert scores["true"] > 300
    assert scores["precision"] >= 0.95 and scores["recall"] >= 0.95


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("similarity", -0.1, "ReuseRules.similarity must be between 0 and 1, not -0.1"),
        ("max_partners", 0, "ReuseRules.max_partners must be at least 1, not 0"),
        ("min_words", -3, "ReuseRules.min_words must not be negative, not -3"),
    ],
)
def test_reuse_rules_out_of_bounds_name_the_field_and_value(field, value, message):
    with pytest.raises(ValueError, match=message.replace(".", r"\.")):
        ReuseRules(**{field: value})


def test_a_capped_paragraph_lists_its_most_similar_near_copy_first():
    words = (
        "The regional water authority said on Thursday that the Riverton dam would stay closed for repairs "
        "until the end of the summer, after engineers found cracks in the spillway during a routine inspection "
        "last month, and that farmers in the Calder Valley would receive compensation for the lost irrigation "
        "water this season."
    ).split()
    one_change = [*words[:10], "remain", *words[11:]]
    four_changes = list(words)
    for position, word in ((20, "spotted"), (30, "scheduled"), (40, "growers"), (50, "payments")):
        four_changes[position] = word
    records = [
        ("s1", "wire", 0, " ".join(words)),
        ("s2", "close", 0, " ".join(one_change)),
        ("s3", "loose", 0, " ".join(four_changes)),
    ]
    table = find_cross_story_reuse(records, ReuseRules(max_partners=1))
    assert set(table["kind"]) == {"edited"}
    # with room for one partner, the wire copy and its one-word edit list each other, not the looser rewrite
    assert ("wire", 0, "close", 0) in _pairs(table)
    assert table["similarity"].max() == table.loc[table["article_b"] == "close", "similarity"].max()
