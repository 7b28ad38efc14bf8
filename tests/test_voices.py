"""Stance mix, share of voice and tone toward an entity."""

from __future__ import annotations

import pandas as pd
import pytest

from framing.cli import main
from framing.compare.tone import target_lexicon, toward
from framing.compare.voices import corpus_speakers, share_of_voice, stance_mix
from framing.run.pipeline import analyze
from tests.conftest import SEEDS


def test_stance_mix_shares_sum_to_one_per_outlet(seeds_result):
    mix = stance_mix(seeds_result)
    totals = mix.groupby("group")["share"].sum()
    assert all(abs(t - 1) < 1e-3 for t in totals)
    assert set(mix["stance"]) >= {"neutral", "emphatic", "endorsing"}
    by_article = stance_mix(seeds_result, by="article_id")
    assert set(by_article["group"]) == set(seeds_result.articles["article_id"])


def test_share_of_voice_counts_one_speaker_across_name_forms(seeds_result):
    voices = share_of_voice(seeds_result)
    time_news = voices[voices["source"] == "Time News"]
    assert "Jens Stoltenberg" in set(time_news["speaker"])  # the text only says "Stoltenberg"
    assert "Stoltenberg" not in set(voices["speaker"])
    ap = voices[voices["source"] == "The Associated Press"].set_index("speaker")
    assert ap.loc["Jens Stoltenberg", "direct_quotes"] == 2
    assert ap.loc["Jens Stoltenberg", "words_quoted"] > 20
    assert not voices["speaker"].str.lower().isin({"he", "she", "they"}).any()


def test_corpus_speakers_keeps_ambiguous_surnames():
    speakers = pd.Series(["Hillary Clinton", "Bill Clinton", "Clinton"])
    assert corpus_speakers(speakers).tolist() == ["Hillary Clinton", "Bill Clinton", "Clinton"]


def test_target_lexicon_adds_a_persons_surname_only():
    assert sorted(e.term for e in target_lexicon("North Macedonia").entries) == ["Macedonia", "North Macedonia"]
    assert sorted(e.term for e in target_lexicon("NATO", ["the alliance"]).entries) == ["NATO", "the alliance"]


def test_tone_toward_an_entity_per_article_and_outlet(seeds_result):
    table = toward(seeds_result, "Serbia", aliases=["Serbian", "Belgrade"])
    assert set(table["level"]) == {"article", "outlet"}
    voa = table[(table["level"] == "outlet") & (table["group"] == "Voice of America (voanews)")].iloc[0]
    assert voa["mentions"] >= 5 and voa["sentences"] >= voa["mentions"]
    assert voa["ci_low"] <= voa["compound_mean"] <= voa["ci_high"]
    assert voa["attributions"] >= 1


def test_tone_toward_an_absent_entity_is_empty_not_zero(seeds_result):
    table = toward(seeds_result, "Atlantis")
    assert (table["sentences"] == 0).all() and table["compound_mean"].isna().all()


def test_hand_made_tone_is_more_negative_for_the_hostile_outlet():
    stories = [
        {"id": "a", "source": "Kind", "text": "T\n\nThe mayor helped the city. The mayor was praised warmly."},
        {
            "id": "b",
            "source": "Harsh",
            "text": "T\n\nThe mayor failed the city. The mayor was blamed for the disaster.",
        },
    ]
    table = toward(analyze(stories), "the mayor").set_index(["level", "group"])
    assert table.loc[("outlet", "Harsh"), "compound_mean"] < table.loc[("outlet", "Kind"), "compound_mean"]


def test_cli_target_writes_target_tone(tmp_path):
    out = tmp_path / "out"
    assert main(["analyze", str(SEEDS), "--out", str(out), "--target", "Serbia=Serbian,Belgrade", "--quiet"]) == 0
    tone = pd.read_csv(out / "target_tone.csv")
    assert set(tone["target"]) == {"Serbia"}
    assert (out / "share_of_voice.csv").is_file() and (out / "stance_mix.csv").is_file()


def test_cli_target_without_a_name_is_an_error(tmp_path, capsys):
    assert main(["analyze", str(SEEDS), "--out", str(tmp_path / "o"), "--target", "=x"]) == 2
    assert "--target" in capsys.readouterr().err


def test_summary_tables_are_attributes_of_the_result(seeds_result):
    assert list(seeds_result.share_of_voice.columns)[:2] == ["source", "speaker"]
    assert set(seeds_result.stance_mix["stance"]) >= {"neutral", "emphatic"}
    with pytest.raises(AttributeError, match="targets="):
        _ = seeds_result.target_tone
