"""Sentiment per sentence and lexicon hits on body text."""

from __future__ import annotations

import math

from framing.about import installed_version
from framing.measure.sentiment import sentence_sentiment, summarize
from tests.conftest import SEED_IDS


def test_vader_is_the_pinned_release():
    assert installed_version("vaderSentiment") == "3.3.2"


def test_each_sentence_gets_its_own_scores(seeds_result):
    sentences = seeds_result.sentences
    assert {"compound", "pos", "neu", "neg"} <= set(sentences.columns)
    first = sentences.iloc[0]
    assert first["compound"] == sentence_sentiment([first["text"]])[0]["compound"]


def test_article_sentiment_is_the_mean_of_sentence_scores_not_one_saturated_score(seeds_result):
    articles = seeds_result.articles.set_index("article_id")
    sentences = seeds_result.sentences
    for article_id in SEED_IDS.values():
        compounds = sentences.loc[sentences["article_id"] == article_id, "compound"]
        assert math.isclose(articles.loc[article_id, "sentiment_mean"], round(compounds.mean(), 6), abs_tol=1e-6)
    whole = sentence_sentiment([" ".join(sentences.loc[sentences["article_id"] == SEED_IDS["voa"], "text"])])[0]
    assert abs(whole["compound"]) > 0.9  # one score over a whole article saturates


def test_summarize_empty_is_nan():
    assert all(math.isnan(v) for v in summarize([]).values())


def test_terms_are_body_tokens_with_offsets(seeds_result):
    terms = seeds_result.terms
    texts = {a.article_id: a.text for a in seeds_result.corpus}
    for row in terms.itertuples():
        assert texts[row.article_id][row.start : row.end] == row.matched
    assert set(terms["lexicon"]) == {"loaded", "hedges", "boosters", "evaluative", "loaded_model"}
    paragraphs = seeds_result.paragraphs.set_index(["article_id", "paragraph"])
    assert set(paragraphs.loc[list(zip(terms["article_id"], terms["paragraph"], strict=True)), "role"]) == {"body"}


def test_loaded_rate_counts_hits_per_thousand_body_words(seeds_result):
    articles = seeds_result.articles.set_index("article_id")
    terms = seeds_result.terms
    for article_id in SEED_IDS.values():
        loaded = ((terms["article_id"] == article_id) & (terms["lexicon"] == "loaded")).sum()
        expected = round(1000 * loaded / articles.loc[article_id, "words"], 6)
        assert articles.loc[article_id, "loaded_per_1k"] == expected


def test_month_may_is_not_a_hedge(seeds_result):
    terms = seeds_result.terms
    assert not ((terms["matched"] == "May") & (terms["lexicon"] == "hedges")).any()


def test_handwritten_story_loaded_words(story_result):
    terms = story_result.terms
    tabloid = set(terms.loc[(terms["article_id"] == "tabloid") & (terms["lexicon"] == "loaded"), "matched"].str.lower())
    assert {"slammed", "regime", "reckless", "shocking", "fiasco"} <= tabloid
    wire = terms.loc[(terms["article_id"] == "wire") & (terms["lexicon"] == "loaded")]
    assert len(wire) <= 1
