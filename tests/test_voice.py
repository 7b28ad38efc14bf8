"""Whose voice: narration, quoted and reported speech in sentences, terms, articles, compare, figures and the report."""

from __future__ import annotations

import importlib.util
import json
import math

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from framing.compare import MEASURES, estimates, measures_for
from framing.contract import VOICES, columns
from framing.measure.speech import is_clause
from framing.present import plot
from framing.present.report import render_report
from framing.run.pipeline import analyze

from .conftest import ROOT, SEED_IDS


def _sentence(result, text: str) -> pd.Series:
    """The one body sentence holding ``text``."""
    sentences = result.sentences
    found = sentences[sentences["text"].str.contains(text, regex=False)]
    assert len(found) >= 1, f"no sentence holds {text!r}"
    return found.iloc[0]


def _voice_of(result, text: str) -> str:
    return str(_sentence(result, text)["voice"])


def _one(text: str, source: str = "Wire"):
    return analyze([{"id": "a", "source": source, "text": text}])


# --- the columns -----------------------------------------------------------------------------------------------


def test_voice_columns_are_in_the_contract():
    assert {"voice", "words", "words_quoted", "words_reported"} <= set(columns("sentences"))
    assert "voice" in columns("terms")
    assert {"voice_narration_share", "voice_quoted_share", "voice_reported_share"} <= set(columns("articles"))


def test_seed_voice_shares_sum_to_one_and_words_add_up(seeds_result):
    articles = seeds_result.articles.set_index("article_id")
    shares = articles[["voice_narration_share", "voice_quoted_share", "voice_reported_share"]].sum(axis=1)
    assert ((shares - 1).abs() < 1e-5).all()
    words = seeds_result.sentences.groupby("article_id")["words"].sum()
    assert (words == articles["words"].reindex(words.index)).all()
    assert set(seeds_result.sentences["voice"]) <= set(VOICES)
    assert set(seeds_result.terms["voice"]) <= set(VOICES)


# --- the seeds -------------------------------------------------------------------------------------------------


def test_stoltenbergs_quotes_are_quoted_speech(seeds_result):
    for quote in (
        "“But what we do see is an increase in tensions, especially in Kosovo,” Stoltenberg said.",
        "We are closely monitoring the situation and we will certainly do what is necessary",
        "“We expect that those who are responsible for this absolutely unacceptable violence are held to account,”",
        "“It is important that it has consequences because we need to do whatever we can",
        "“Stability in the region depends on all sides choosing diplomacy over violence",
    ):
        assert _voice_of(seeds_result, quote) == "quoted", quote


def test_ramas_quoted_words_are_quoted_speech(seeds_result):
    terms = seeds_result.terms
    sentences = seeds_result.sentences
    for article in (SEED_IDS["ap"], SEED_IDS["republished"]):
        row = sentences[(sentences["article_id"] == article) & sentences["text"].str.contains("out of control")].iloc[0]
        assert row["words_quoted"] == 3  # out of control
        assert row["words_reported"] == 5  # Kosovo’s border with Serbia was
        text = seeds_result.corpus[list(SEED_IDS.values()).index(article)].text
        hits = terms[(terms["article_id"] == article) & (terms["start"] == text.index("out of control"))]
        assert list(hits["voice"]) == ["quoted"] * len(hits) and len(hits)


def test_seed_002_closing_commentary_is_the_outlets_narration(seeds_result):
    rewrite = seeds_result.sentences[seeds_result.sentences["article_id"] == SEED_IDS["rewrite"]]
    start = rewrite.index[rewrite["text"].str.startswith("As a member since 2009")][0]
    commentary = rewrite.loc[start:]
    assert len(commentary) == 8
    assert (commentary["voice"] == "narration").all()
    assert (commentary["words_quoted"] + commentary["words_reported"] == 0).all()
    assert any("Albania advocates for a resolution" in t for t in commentary["text"])


def test_reported_speech_in_the_seeds(seeds_result):
    assert _voice_of(seeds_result, "He said that NATO has strengthened its military presence") == "reported"
    assert _voice_of(seeds_result, "Kosovo authorities said that police engaged") == "reported"
    # a fact the outlet states, though a verb of the lexicon is in it
    assert _voice_of(seeds_result, "Serbia doesn’t recognize Kosovo’s formal declaration") == "narration"


# --- other shapes ----------------------------------------------------------------------------------------------


def test_indirect_speech_is_reported_and_a_noun_phrase_object_is_narration():
    result = _one(
        "Dam talks end\n\n"
        "Pereira said that the dam was safe and that repairs would start in May. "
        "The mayor told reporters the council would meet on Thursday. "
        "The union urged workers to stay home. "
        "Critics want a new dam. "
        "The governor expressed concern over the cost of the repairs."
    )
    assert _voice_of(result, "Pereira said that the dam was safe") == "reported"
    assert _voice_of(result, "The mayor told reporters") == "reported"
    assert _voice_of(result, "The union urged workers") == "reported"
    assert _voice_of(result, "Critics want a new dam") == "narration"
    assert _voice_of(result, "The governor expressed concern") == "narration"


def test_a_quote_that_opens_before_its_cue_and_goes_on_after_it_is_quoted():
    text = (
        "Dam talks end\n\n"
        "“We did everything we could,” Water Minister Ana Pereira said, “but the other side walked away.”"
    )
    result = _one(text)
    row = _sentence(result, "We did everything we could")
    assert row["voice"] == "quoted"
    assert row["words_quoted"] == 11  # both parts of the quote, not the speaker and verb
    assert row["words"] == 16


def test_scare_quotes_are_not_quoted_speech():
    result = _one("Dam talks end\n\nThe so-called “reform” of the water board has stalled, and the “deal” is dead.")
    row = _sentence(result, "so-called")
    assert row["voice"] == "narration" and row["words_quoted"] == 0


def test_a_paragraph_that_is_all_quote_with_the_speaker_in_the_next_sentence_is_quoted():
    result = _one(
        "Dam talks end\n\n"
        "“We did everything we could. The other side walked away.”\n\n"
        "That was how Water Minister Ana Pereira put it after the meeting."
    )
    assert _voice_of(result, "We did everything we could") == "quoted"
    assert _voice_of(result, "The other side walked away") == "quoted"
    assert _voice_of(result, "That was how Water Minister") == "narration"


def test_a_quote_continued_in_the_next_paragraph_without_a_cue_is_quoted():
    result = _one(
        "Dam talks end\n\n"
        "“We did everything we could. The other side walked away,” Pereira said.\n\n"
        "“Now the river decides. We will be ready.”\n\n"
        "The river rose overnight."
    )
    assert bool(result.attributions["continuation"].any())
    assert _voice_of(result, "Now the river decides") == "quoted"
    assert _voice_of(result, "We will be ready") == "quoted"
    assert _voice_of(result, "The river rose overnight") == "narration"


def test_headlines_are_not_body_and_have_no_voice():
    result = _one("“We will not leave,” says the mayor\n\nThe council met on Tuesday.")
    assert list(result.sentences["text"]) == ["The council met on Tuesday."]
    assert result.articles["voice_narration_share"].iloc[0] == 1


def test_term_hits_take_the_voice_at_their_own_offset():
    text = "Dam talks end\n\nCritics slammed the plan. “It is a fiasco,” Pereira said. The regime was reckless."
    result = _one(text)
    voices = dict(zip(result.terms["matched"], result.terms["voice"], strict=False))
    assert voices.get("slammed") == "narration"
    assert voices.get("fiasco") == "quoted"
    assert voices.get("reckless") == "narration"


@pytest.mark.parametrize(
    ("words", "private", "expected"),
    [
        ("that the border was calm", False, True),
        ("NATO on Wednesday to further boost its forces", False, True),
        ("deploying additional troops in Kosovo", False, True),
        ("NATO allies , who responded to the fighting , found the violence serious", False, True),
        ("a resolution that respects the rights of Kosovo", False, False),
        ("the importance of a stable and secure Western Balkans", False, False),
        ("it and has since encouraged the population to oppose the government", False, False),
        ("to join the European Union", True, False),
        ("that Russia could try to foment trouble", True, True),
    ],
)
def test_what_reads_as_a_reported_clause(words, private, expected):
    assert is_clause(words.split(), private=private) is expected


# --- compare, figures, report ---------------------------------------------------------------------------------

STORY = [
    {
        "id": "calm",
        "source": "Calm Wire",
        "story": "s",
        "text": "Dam talks\n\nTalks ended on Tuesday without a deal. "
        "“This is a fiasco and it was reckless,” Pereira said.",
    },
    {
        "id": "loud",
        "source": "Loud Daily",
        "story": "s",
        "text": "Dam fiasco\n\nThe reckless talks collapsed in a fiasco on Tuesday. Pereira said the talks had ended.",
    },
]


def test_compare_splits_loaded_terms_by_voice_and_rates_use_the_words_of_that_voice():
    result = analyze(STORY)
    measures = measures_for()
    for name in ("loaded_per_1k_narration", "loaded_per_1k_quoted", "sentiment_mean_narration", "words"):
        assert name in measures
    assert "narration" in measures["loaded_per_1k_narration"].description
    assert "loaded_per_1k" not in measures and "mixes" in MEASURES["loaded_per_1k"].description
    table = estimates(result, measures=measures).set_index(["measure", "group"])["estimate"]
    terms = result.terms[result.terms["lexicon"] == "loaded"]
    sentences = result.sentences.set_index("article_id")
    for article, group in (("calm", "Calm Wire"), ("loud", "Loud Daily")):
        mine = terms[terms["article_id"] == article]
        row = sentences.loc[[article]]
        speech_words = row["words_quoted"].sum() + row["words_reported"].sum()
        narration_words = row["words"].sum() - speech_words
        narration_hits = (mine["voice"] == "narration").sum()
        speech_hits = mine["voice"].isin(["quoted", "reported"]).sum()
        expected = 1000 * narration_hits / narration_words
        assert math.isclose(table[("loaded_per_1k_narration", group)], expected, rel_tol=1e-5)
        if speech_words:
            expected = 1000 * speech_hits / speech_words
            assert math.isclose(table[("loaded_per_1k_quoted", group)], expected, rel_tol=1e-5)
        assert table[("words", group)] == row["words"].sum()
    # the calm wire's loaded words are all its source's: its own narration has none
    assert table[("loaded_per_1k_narration", "Calm Wire")] == 0
    assert table[("loaded_per_1k_quoted", "Calm Wire")] > 0


def test_figures_show_narration_and_sources_speech_labelled():
    result = analyze(STORY)
    fig = plot.sentiment_by_outlet(result)
    labels = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert labels == ["the outlet's narration", "sources' quoted and reported speech"]
    plt.close(fig)
    fig = plot.loaded_terms(result)
    notes = [t.get_text() for t in fig.axes[0].texts]
    assert any(n.startswith("narration:") for n in notes) and any(n.startswith("quoted/reported:") for n in notes)
    plt.close(fig)


def test_report_marks_quoted_and_reported_speech_and_its_legend_says_which():
    result = analyze(STORY)
    page = render_report(result, figures=False)
    assert 'class="content voice-quoted" title="quoted speech by Pereira"' in page
    assert 'class="content voice-reported" title="reported speech by Pereira"' in page
    assert (
        "Unmarked text is the outlet&#39;s own narration" in page
        or "Unmarked text is the outlet's own narration" in page
    )


# --- BASIL ----------------------------------------------------------------------------------------------------


def _voice_basil():
    spec = importlib.util.spec_from_file_location("voice_basil", ROOT / "scripts" / "voice_basil.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_voice_agrees_with_basils_quote_annotation(tmp_path):
    root = tmp_path / "basil"
    (root / "articles" / "2012").mkdir(parents=True)
    (root / "annotations" / "2012").mkdir(parents=True)
    sentences = [
        "The talks collapsed in a shocking fiasco on Tuesday.",
        "“This is a disgrace,” the minister said.",
        "She said the plan was reckless.",
    ]
    article = {
        "title": "T",
        "date": "2012-05-01",
        "source": "fox",
        "triplet-uuid": "t",
        "body-paragraphs": [["Talks on the dam ended."], sentences],
    }
    (root / "articles" / "2012" / "t_1.json").write_text(json.dumps(article))
    spans = [
        {"bias": "lex", "txt": "shocking fiasco", "start": 25, "end": 40, "quote": "no"},
        {"bias": "lex", "txt": "disgrace", "start": 11, "end": 19, "quote": "yes"},
    ]
    (root / "annotations" / "2012" / "t_1_ann.json").write_text(
        json.dumps({"phrase-level-annotations": spans, "article-level-annotations": {}})
    )
    report = _voice_basil().voice_report(root)
    agreement = report["quote_agreement"]
    assert agreement["span_quote_yes"]["quoted"] == 1.0
    assert agreement["span_quote_no"]["narration"] == 1.0
    assert report["loaded_hits"]["hits"] >= 2


def test_voice_on_basil_dev(data_dir):
    folder = data_dir / "basil-dev"
    if not folder.is_dir():
        pytest.skip(f"BASIL dev not found at {folder}")
    report = _voice_basil().voice_report(folder)
    yes = report["quote_agreement"]["span_quote_yes"]
    no = report["quote_agreement"]["span_quote_no"]
    assert yes["quoted"] + yes["reported"] >= 0.85
    assert no["quoted"] <= 0.1
    assert 0.3 <= report["loaded_hits"]["speech_share"] <= 0.7
