"""Corpus-wide steps of analyze: stories found from the texts (--story auto) and paragraphs reused across stories."""

from __future__ import annotations

import filecmp

import pandas as pd
import pytest

from framing.cli import main
from framing.contract.files import read_tables
from framing.problems import FramingError
from framing.run.pipeline import analyze, analyze_into
from tests.test_stories import CORPUS

#: The hand-written stories as input records, with no story given.
RECORDS = [
    {"id": a.article_id, "text": (a.title + "\n\n" if a.title else "Untitled\n\n") + a.text, "date": a.date}
    for a, _ in CORPUS
]
TRUTH = {a.article_id: story for a, story in CORPUS}


def _groups(articles: pd.DataFrame) -> set[frozenset[str]]:
    return {frozenset(group["article_id"]) for _, group in articles.groupby("story")}


def test_story_auto_recovers_the_hand_written_stories():
    result = analyze(RECORDS, story="auto")
    truth = {frozenset(a for a, s in TRUTH.items() if s == story) for story in set(TRUTH.values())}
    assert _groups(result.articles) == truth
    assert result.articles["story"].iloc[0] == "auto-0001"
    assert result.options["story"] == "auto" and result.manifest()["parameters"]["story_rules"]["contained"] == 0.5


def test_given_stories_are_kept_unless_auto_is_asked_for():
    given = analyze(RECORDS)  # records without a story column: one story, named after the input
    assert given.articles["story"].nunique() == 1
    assert given.cross_reuse.empty  # one story: nothing can be reused across stories


def test_alignments_stay_inside_the_stories_found():
    result = analyze(RECORDS, story="auto")
    story_of = dict(zip(result.articles["article_id"], result.articles["story"], strict=True))
    alignments = result.alignments
    assert len(alignments)
    assert (alignments["article_a"].map(story_of) == alignments["article_b"].map(story_of)).all()


def test_wire_background_reused_in_a_later_story_is_in_cross_reuse():
    result = analyze(RECORDS, story="auto")
    reuse = result.cross_reuse
    pairs = {frozenset([a, b]) for a, b in zip(reuse["article_a"], reuse["article_b"], strict=True)}
    # the follow-up a month later copies the wire story's last paragraph; budget and schools share background
    assert frozenset(["follow-up", "wire"]) in pairs
    assert frozenset(["budget", "schools"]) in pairs
    assert (reuse["story_a"] != reuse["story_b"]).all()
    both = reuse["article_a"].isin(["follow-up", "wire"]) & reuse["article_b"].isin(["follow-up", "wire"])
    row = reuse[both].iloc[0]
    text = result.paragraphs.set_index(["article_id", "paragraph"])["text"]
    assert text[(row["article_a"], row["paragraph_a"])] == text[(row["article_b"], row["paragraph_b"])]
    assert row["kind"] == "verbatim" and row["similarity"] == 1.0
    assert "independent" not in set(reuse["article_a"]) | set(reuse["article_b"])  # same event, own words: not reuse


def test_story_auto_with_jobs_and_streaming_writes_the_same_files(tmp_path):
    analyze(RECORDS, story="auto").save(tmp_path / "saved")
    analyze_into(RECORDS, tmp_path / "streamed", story="auto", jobs=2)
    names = sorted(p.name for p in (tmp_path / "saved").iterdir())
    assert "cross_reuse.csv" in names
    _match, mismatch, errors = filecmp.cmpfiles(tmp_path / "saved", tmp_path / "streamed", names, shallow=False)
    assert mismatch == [] and errors == []


def test_an_unknown_story_mode_is_one_clear_error(tmp_path, capsys):
    with pytest.raises(FramingError, match=r"'given'.*'auto'"):
        analyze(RECORDS, story="guess")
    pd.DataFrame(RECORDS).to_csv(tmp_path / "in.csv", index=False)
    with pytest.raises(SystemExit) as exit_info:
        main(["analyze", str(tmp_path / "in.csv"), "--out", str(tmp_path / "o"), "--story", "guess"])
    assert exit_info.value.code == 2
    assert "invalid choice: 'guess'" in capsys.readouterr().err


def test_cli_story_auto_writes_found_stories_and_cross_reuse(tmp_path, capsys):
    pd.DataFrame(RECORDS).to_csv(tmp_path / "in.csv", index=False)
    out = tmp_path / "out"
    assert main(["analyze", str(tmp_path / "in.csv"), "--out", str(out), "--story", "auto"]) == 0
    printed = capsys.readouterr().out
    assert "cross_reuse.csv" in printed
    articles = pd.read_csv(out / "articles.csv")
    assert articles["story"].nunique() == len(set(TRUTH.values()))
    reuse = pd.read_csv(out / "cross_reuse.csv")
    assert list(reuse.columns[:6]) == ["story_a", "article_a", "paragraph_a", "story_b", "article_b", "paragraph_b"]
    assert reuse["paragraph_a"].dtype == "int64" and len(reuse) >= 2


def test_cross_reuse_read_back_keeps_numeric_looking_ids_as_text(tmp_path):

    records = [{**r, "id": f"00{i}"} for i, r in enumerate(RECORDS)]
    analyze_into(records, tmp_path / "out", story="auto")
    reuse = read_tables(tmp_path / "out")["cross_reuse"]
    assert len(reuse) and reuse["article_a"].str.startswith("00").all()
    assert reuse["story_a"].str.startswith("auto-").all() and reuse["paragraph_a"].dtype.kind == "i"


def test_summary_counts_cross_story_reuse_and_lists_at_most_twenty_problems(tmp_path):
    result = analyze(RECORDS, story="auto")
    assert "across stories" in result.summary() and "pairs of paragraphs found again" in result.summary()
    duplicated = [{**RECORDS[0], "id": f"copy-{i}"} for i in range(30)]  # 29 exact-duplicate warnings
    summary = analyze(duplicated).summary()
    assert summary.count("warning:") == 20 and "… and 9 more in problems.csv" in summary
