"""The tables of the data contract, reproducibility, and swapping lexicons."""

from __future__ import annotations

import gc
import json

import pytest

from framing.contract.tables import CONTRACT, columns
from framing.lexicons import Lexicon
from framing.measure.article import fewer_collections
from framing.run.pipeline import analyze
from tests.conftest import HANDWRITTEN_STORY, SEED_IDS, SEEDS


@pytest.mark.parametrize("table", list(CONTRACT))
def test_every_table_has_the_contract_columns_first_and_in_order(seeds_result, table):
    frame = seeds_result.tables[table]
    assert list(frame.columns[: len(CONTRACT[table])]) == CONTRACT[table]
    own = ["note"] if table == "articles" else []  # the seeds' manifest.csv has a column of its own (issue 15)
    assert list(frame.columns) == [*columns(table), *own]


def test_alignment_columns_are_filled_for_body_paragraphs_only(seeds_result):
    paragraphs = seeds_result.paragraphs
    body = paragraphs[paragraphs["role"] == "body"]
    assert body["reuse"].notna().all() and body["editorial_score"].notna().all()
    assert paragraphs.loc[paragraphs["role"] != "body", ["reuse", "editorial_score"]].isna().all().all()
    for table in ("alignments", "substitutions", "omissions"):
        assert not seeds_result.tables[table].empty


def test_seed_articles_row(seeds_result):
    articles = seeds_result.articles.set_index("article_id")
    ap = articles.loc[SEED_IDS["ap"]]
    assert (ap["source"], ap["byline"], ap["date"], ap["body_paragraphs"]) == (
        "The Associated Press",
        "Konstantin Testorides, The Associated Press",
        "2023-11-22",
        13,
    )
    assert articles.loc[SEED_IDS["timenews"], "date"] == "2023-09-30"
    assert articles["body_paragraphs"].tolist() == [13, 13, 7, 17, 6]
    assert (articles["removed_chars"] > 0).sum() == 4  # only 002 is all body


def test_paragraph_rows_keep_every_block_with_its_role(seeds_result):
    paragraphs = seeds_result.paragraphs
    ap = paragraphs[paragraphs["article_id"] == SEED_IDS["ap"]]
    assert ap["paragraph"].tolist() == list(range(len(ap)))
    assert ap["role"].value_counts().to_dict() == {
        "boilerplate": 31,
        "body": 13,
        "dateline": 2,
        "title": 1,
        "byline": 1,
    }
    assert ap.loc[ap["role"] != "body", "sentiment_mean"].isna().all()


def test_sentences_only_come_from_body_paragraphs(seeds_result):
    paragraphs = seeds_result.paragraphs.set_index(["article_id", "paragraph"])
    keys = list(zip(seeds_result.sentences["article_id"], seeds_result.sentences["paragraph"], strict=True))
    assert set(paragraphs.loc[keys, "role"]) == {"body"}
    texts = {a.article_id: a.text for a in seeds_result.corpus}
    for row in seeds_result.sentences.itertuples():
        assert texts[row.article_id][row.start : row.end] == row.text


def test_same_input_gives_byte_identical_tables(tmp_path):
    first = analyze(SEEDS).save(tmp_path / "one")
    second = analyze(SEEDS).save(tmp_path / "two")
    for a, b in zip(first, second, strict=True):
        assert a.name == b.name
        assert a.read_bytes() == b.read_bytes(), a.name


def test_manifest_records_versions_lexicons_parameters_and_inputs(tmp_path):
    analyze(SEEDS).save(tmp_path / "out")
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
    assert manifest["packages"]["vaderSentiment"] == "3.3.2"
    assert manifest["lexicons"]["loaded"]["sha256"]
    assert manifest["lexicons"]["loaded"]["path"] == "framing:lexicons/loaded.tsv"
    assert len(manifest["inputs"]) == 6 and all(len(i["sha256"]) == 64 for i in manifest["inputs"])
    assert manifest["parameters"]["term_lexicons"] == ["loaded", "hedges", "boosters", "evaluative"]
    assert manifest["parameters"]["align"]["edited"] == 0.8
    assert manifest["parameters"]["slant_model"]["years"] == ["2010", "2011", "2012"]


def test_a_user_lexicon_with_a_builtin_name_replaces_it():
    mine = Lexicon.from_entries("loaded", [("dam*", "infrastructure")])
    result = analyze(HANDWRITTEN_STORY, lexicons=[mine])
    loaded = result.terms[result.terms["lexicon"] == "loaded"]
    assert set(loaded["category"]) == {"infrastructure"}
    assert result.manifest()["lexicons"]["loaded"]["version"] == "user"


def test_a_user_lexicon_with_a_new_name_adds_a_term_list():
    water = Lexicon.from_entries("water", [("flood*", "hazard"), ("spillway", "structure")])
    result = analyze(HANDWRITTEN_STORY, lexicons=[water])
    assert set(result.terms["lexicon"]) >= {"loaded", "water"}
    assert "spillway" in set(result.terms.loc[result.terms["lexicon"] == "water", "matched"])


def test_handwritten_story_metadata_and_attributions(story_result):
    articles = story_result.articles.set_index("article_id")
    assert articles.loc["wire", "credit"] == "Reuters"
    assert articles.loc["wire", "byline"] == "Maria Lopez, Reuters"
    assert articles.loc["local", "body_paragraphs"] == 2
    rows = story_result.attributions
    wire = rows[rows["article_id"] == "wire"]
    assert {"Ana Pereira", "officials", "a report by the regional authority"} <= set(wire["speaker"])
    assert wire.loc[wire["cue"] == "insisted", "speaker"].tolist() == ["Ana Pereira"]
    tabloid = rows[rows["article_id"] == "tabloid"]
    assert tabloid.loc[tabloid["cue"] == "claimed", "stance"].tolist() == ["distancing"]


def test_measuring_raises_the_collection_threshold_only_while_it_runs():

    before = gc.get_threshold()
    with fewer_collections(50_000):
        assert gc.get_threshold() == (max(50_000, before[0]), *before[1:])
    assert gc.get_threshold() == before
    gc.set_threshold(90_000, *before[1:])  # a user's own higher threshold is kept
    try:
        with fewer_collections(50_000):
            assert gc.get_threshold()[0] == 90_000
    finally:
        gc.set_threshold(*before)


def test_overlapping_measurements_restore_the_threshold_when_the_last_ends():

    before = gc.get_threshold()
    first, second = fewer_collections(50_000), fewer_collections(50_000)
    first.__enter__()
    second.__enter__()  # another thread starts an article before the first ends
    first.__exit__(None, None, None)
    assert gc.get_threshold()[0] == max(50_000, before[0])  # the second is still measuring
    second.__exit__(None, None, None)
    assert gc.get_threshold() == before
