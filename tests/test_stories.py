"""Stories without labels: hand-written multi-outlet stories, determinism, scale guards, BASIL and synthetic data."""

from __future__ import annotations

import dataclasses
import json
import random
import sys
import time

import pytest
from sklearn.metrics import adjusted_rand_score

import framing.stories.find as story_finding
from framing.read import Article, load
from framing.read.datasets.basil import read_basil
from framing.settings import StoryRules
from framing.stories.find import find_stories
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from synthetic_corpus import load_sentences, make_corpus, story_scores

DAM = [
    "Talks on the future of the Riverton dam collapsed on Tuesday after negotiators for the regional water "
    "authority and the Calder Valley farmers' union failed to agree on how much water should be released this spring.",
    "Water Minister Ana Pereira said after the meeting that her ministry had done everything it could. “The other "
    "side walked away from a fair offer,” she told reporters outside the authority's headquarters.",
    "The union's leader, Tomas Brandt, accused the ministry of ignoring farmers whose fields have been dry for two "
    "seasons and said his members would protest at the dam on Friday.",
    "Engineers have warned that the spillway of the sixty-year-old dam could fail during the spring floods unless "
    "repairs begin within weeks, according to a report by the regional authority.",
    "Pereira insisted that the dam was safe for now and said repair work would start in May, whatever the outcome "
    "of the negotiations with the farmers.",
    "The Riverton dam supplies drinking water to about 200,000 people and irrigates most of the Calder Valley, one "
    "of the country's main fruit-growing regions.",
]
LOCAL = [
    "In Riverton itself, shop owners said they feared a repeat of the 2019 floods, when the river burst its banks "
    "and closed the town centre for a week.",
    "The town council will hold an emergency meeting on Thursday evening to discuss the talks, the mayor's office "
    "said in a short statement.",
]
INDEPENDENT = [
    "Negotiations between the Riverton dam authority and Calder Valley growers ended without a deal on Tuesday, "
    "leaving this spring's water releases in doubt.",
    "Farmers' union head Tomas Brandt blamed Water Minister Ana Pereira, saying her ministry never took the "
    "growers' losses seriously. Brandt promised a protest at the dam this Friday.",
    "Pereira, for her part, called the union's demands unrealistic and said the ministry's offer remained on the "
    "table for anyone willing to return to the negotiating table.",
    "A recent authority report found that the aging dam's spillway may not survive the spring floods without urgent "
    "repairs to its concrete.",
]
FOLLOW_UP = [
    "Repair crews began work on the Riverton dam's spillway on Monday, weeks after engineers warned it could fail, "
    "Water Minister Ana Pereira announced.",
    "The work, which will cost about 40 million, is expected to take most of the summer and will close the road "
    "across the dam to traffic.",
    "Pereira said the ministry had chosen a contractor after an emergency tender and that the dam's reservoir would "
    "be lowered by two metres during the repairs.",
    DAM[5],  # background copied from the wire story a month earlier
]
BACKGROUND = (
    "Riverton, a town of 40,000 on the Calder river, has lost a fifth of its population since the textile mills "
    "closed in the 1990s, according to census figures."
)
BUDGET = [
    "The Riverton council approved a budget on Monday that raises local property taxes by four percent and cuts "
    "spending on street lighting and parks.",
    "Mayor Julia Okafor said the tax rise was painful but unavoidable after two years of falling revenue from "
    "business rates.",
    BACKGROUND,
    "Opposition councillors voted against the plan, arguing that the cuts to parks would hurt families who cannot "
    "afford to travel.",
]
SCHOOLS = [
    "Three primary schools in the Calder Valley will close next summer because there are too few pupils to keep "
    "them open, the education board decided on Monday.",
    "Parents at Millbrook primary, the oldest of the three, said they would challenge the decision in court and "
    "accused the board of ignoring rural families.",
    BACKGROUND,
    "The board said pupils would be offered places at a new school in the valley, with free buses for children who "
    "live more than two miles away.",
]


CHAIN = [
    "The harbour master closed the northern port to cargo ships after a storm damaged two loading cranes overnight.",
    "A violinist from the city orchestra won first prize at an international competition in Vienna this weekend.",
    "Scientists measuring the Aletsch glacier found it had lost more ice this summer than in any year on record.",
    "Voters in the mountain district will choose a new mayor in March after the incumbent resigned over an audit.",
    "The health agency approved a nasal flu vaccine for children aged two to six, starting with the autumn season.",
    "A freight train carrying timber derailed near the border, blocking the only railway line into the valley.",
    "Organisers of the summer jazz festival said ticket sales had doubled after they moved it to the riverside park.",
]


def _article(article_id: str, paragraphs: list[str], date: str, title: str = "") -> Article:
    return Article(article_id, "\n\n".join(paragraphs), date=date, title=title)


#: The hand-written corpus and the story each article belongs to.
CORPUS = [
    (_article("wire", DAM, "2024-03-05", "Riverton dam talks collapse"), "dam"),
    (_article("copy", DAM, "2024-03-05", "Riverton dam talks collapse"), "dam"),
    (
        _article(
            "edited",
            [DAM[0].replace("collapsed", "broke down"), *DAM[1:4], DAM[4].replace("said", "stated")],
            "2024-03-06",
        ),
        "dam",
    ),
    (_article("trimmed", DAM[:3], "2024-03-06", "Dam talks fail"), "dam"),
    (_article("extended", DAM + LOCAL, "2024-03-06", "Dam talks collapse, Riverton fears floods"), "dam"),
    (_article("independent", INDEPENDENT, "2024-03-05", "No deal on Riverton dam as farmers plan protest"), "dam"),
    (_article("follow-up", FOLLOW_UP, "2024-04-08", "Repairs begin on Riverton dam spillway"), "follow-up"),
    (_article("budget", BUDGET, "2024-03-12", "Riverton council raises taxes"), "budget"),
    (_article("budget-short", BUDGET[:3], "2024-03-13"), "budget"),
    (_article("schools", SCHOOLS, "2024-03-12", "Three valley schools to close"), "schools"),
    (_article("schools-copy", SCHOOLS, "2024-03-12", "Three valley schools to close"), "schools"),
]
ARTICLES = [article for article, _ in CORPUS]
TRUTH = {article.article_id: story for article, story in CORPUS}


def _grouping(articles: list[Article], labels: list[str]) -> set[frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for article, label in zip(articles, labels, strict=True):
        groups.setdefault(label, set()).add(article.article_id)
    return {frozenset(group) for group in groups.values()}


def _story_of(labels: list[str], articles: list[Article]) -> dict[str, str]:
    return {article.article_id: label for article, label in zip(articles, labels, strict=True)}


def test_hand_written_stories_are_found_exactly():
    labels = find_stories(ARTICLES)
    truth: dict[str, set[str]] = {}
    for article_id, story in TRUTH.items():
        truth.setdefault(story, set()).add(article_id)
    assert _grouping(ARTICLES, labels) == {frozenset(group) for group in truth.values()}


def test_copies_edits_trims_and_extensions_join_the_wire_story():
    story = _story_of(find_stories(ARTICLES), ARTICLES)
    assert {story[name] for name in ("wire", "copy", "edited", "trimmed", "extended")} == {story["wire"]}


def test_independent_report_of_the_same_event_joins_by_topic():
    story = _story_of(find_stories(ARTICLES), ARTICLES)
    assert story["independent"] == story["wire"]


def test_same_topic_a_month_later_is_another_story_even_with_a_copied_paragraph():
    story = _story_of(find_stories(ARTICLES), ARTICLES)
    assert story["follow-up"] != story["wire"]


def test_two_stories_sharing_one_paragraph_do_not_merge():
    story = _story_of(find_stories(ARTICLES), ARTICLES)
    assert story["budget"] == story["budget-short"]
    assert story["schools"] == story["schools-copy"]
    assert story["budget"] != story["schools"]


def test_labels_are_numbered_in_order_of_first_article():
    labels = find_stories(ARTICLES)
    assert labels[0] == "auto-0001"
    seen: list[str] = []
    for label in labels:
        if label not in seen:
            seen.append(label)
    assert seen == [f"auto-{k:04d}" for k in range(1, len(seen) + 1)]


def test_same_input_same_labels_and_shuffled_input_same_grouping():
    first = find_stories(ARTICLES)
    assert find_stories(ARTICLES) == first
    expected = _grouping(ARTICLES, first)
    for seed in range(3):
        shuffled = list(ARTICLES)
        random.Random(seed).shuffle(shuffled)
        assert _grouping(shuffled, find_stories(shuffled)) == expected


def test_stories_found_from_texts_left_on_disk_are_the_same(tmp_path):
    path = tmp_path / "in.jsonl"
    rows = [{"id": a.article_id, "text": a.text, "title": a.title, "date": a.date} for a in ARTICLES]
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    assert find_stories(load(path, keep_texts=False).articles) == find_stories(ARTICLES)


def test_empty_and_single_article():
    assert find_stories([]) == []
    assert find_stories([ARTICLES[0]]) == ["auto-0001"]


def test_articles_without_text_stay_alone_and_do_not_break_the_rest():
    empty = [Article("e1", ""), Article("e2", "   \n\n  ", date="2024-03-05"), Article("e3", "", date="2024-03-05")]
    articles = ARTICLES[:2] + empty
    labels = find_stories(articles)
    assert labels[0] == labels[1]
    assert len(set(labels[2:])) == 3 and labels[0] not in labels[2:]


def test_undated_articles_are_grouped_by_content():
    undated = [dataclasses.replace(article, date="") for article in ARTICLES]
    story = _story_of(find_stories(undated), undated)
    assert {story[name] for name in ("wire", "copy", "edited", "trimmed", "extended")} == {story["wire"]}
    assert story["budget"] != story["schools"]
    mixed = [*ARTICLES[:1], dataclasses.replace(ARTICLES[3], date="not a date")]  # the trimmed copy, undated
    assert len(set(find_stories(mixed))) == 1


def test_a_chain_of_overlapping_articles_does_not_become_one_story():
    # seven unrelated paragraphs; article k holds paragraphs k, k+1, k+2: neighbours share two of three
    chain = [_article(f"a{k}", CHAIN[k : k + 3], "2024-05-01") for k in range(5)]
    labels = find_stories(chain)
    assert len(set(labels)) > 1
    assert labels[0] != labels[4]
    assert labels[0] == labels[1]


def test_many_near_identical_boilerplate_paragraphs_make_no_candidate_explosion(monkeypatch):

    found: list[int] = []
    original = story_finding.candidate_pairs

    def counting(*args, **kwargs):
        result = original(*args, **kwargs)
        found.append(len(result.pairs))
        return result

    monkeypatch.setattr(story_finding, "candidate_pairs", counting)
    rng = random.Random(3)
    vocabulary = [f"w{k}" for k in range(5000)]
    articles = []
    n = 1500
    for k in range(n):
        body = " ".join(rng.choice(vocabulary) for _ in range(60))
        footer = f"Copyright 2024 Riverton Gazette. All rights reserved. This material may not be published {k % 5}."
        articles.append(_article(f"n{k}", [body, footer], f"2024-03-{1 + k % 20:02d}"))
    started = time.perf_counter()
    labels = find_stories(articles)
    assert time.perf_counter() - started < 5
    assert len(set(labels)) == n  # the shared footer links nothing
    # buckets of more than max_bucket paragraphs are skipped: pairs grow linearly, far from all n * (n - 1) / 2
    assert max(found) <= StoryRules().max_bucket * n / 2
    assert max(found) < 0.05 * n * (n - 1) / 2


def test_rules_are_checked():
    with pytest.raises(ValueError, match="contained"):
        StoryRules(contained=1.5)
    with pytest.raises(ValueError, match="slots"):
        StoryRules(bands=40, rows=4)


def test_basil_dev_triplets_are_found(data_dir):

    if not (data_dir / "basil-dev").is_dir():
        pytest.skip(f"BASIL dev not found at {data_dir / 'basil-dev'}")
    articles = list(read_basil(data_dir / "basil-dev").corpus.articles)
    random.Random(7).shuffle(articles)
    labels = find_stories(articles)
    assert adjusted_rand_score([a.story for a in articles], labels) >= 0.95


def test_synthetic_stories_pairwise_precision_and_recall(data_dir):

    if not (data_dir / "polnear-train").is_dir():
        pytest.skip(f"PolNeAR not found at {data_dir / 'polnear-train'}")
    made = list(make_corpus(600, load_sentences(data_dir / "polnear-train"), seed=11))
    random.Random(5).shuffle(made)
    articles = [Article(a.article_id, a.text(), date=a.date, title=a.title) for a in made]
    scores = story_scores([a.story for a in made], find_stories(articles))
    assert scores["precision"] >= 0.95 and scores["recall"] >= 0.95


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("topic_similarity", 1.2, "StoryRules.topic_similarity must be between 0 and 1, not 1.2"),
        ("keywords", 0, "StoryRules.keywords must be at least 1, not 0"),
        ("copy_days", -1, "StoryRules.copy_days must not be negative, not -1"),
        ("name_weight", -0.5, "StoryRules.name_weight must not be negative, not -0.5"),
        ("bands", 40, "40 bands x 4 rows need 160 slots, more than slots=64"),
    ],
)
def test_story_rules_out_of_bounds_name_the_field_and_value(field, value, message):
    with pytest.raises(ValueError, match=message.replace(".", r"\.")):
        StoryRules(**{field: value})
