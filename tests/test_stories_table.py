"""Stories as units: stories.csv, titles, independent reports against copies, shared quotations, the report's
story index, the seeds and BASIL dev."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from framing.contract import CORPUS_TABLES, REUSE, read_tables
from framing.present.report import write_report
from framing.read.datasets.basil import read_basil
from framing.run.pipeline import analyze, analyze_into
from framing.settings import IndependentRules, settings_for
from tests.conftest import SEED_IDS

#: Two outlets reporting one earthquake on their own: different words, one quotation in common, and each with a
#: paragraph of its own (the Courier's closing commentary, the Herald's school closures).
QUAKE = [
    {
        "id": "courier",
        "story": "quake",
        "source": "Daily Courier",
        "date": "2024-03-04",
        "title": "Earthquake shakes Valdoria, hundreds displaced",
        "text": "Earthquake shakes Valdoria, hundreds displaced\n\n"
        "A magnitude 6.1 earthquake struck the northern province of Valdoria early on Sunday, destroying 140 homes "
        "and forcing about 900 residents into emergency shelters, the regional civil protection agency said.\n\n"
        "Governor Elena Marsh visited the town of Kestrel on Sunday afternoon. “We will rebuild every house that "
        "fell, and nobody will be left without a roof this winter,” she told reporters outside the shelter.\n\n"
        "Seismologists at the national observatory recorded eleven aftershocks during the night, the strongest "
        "measuring 4.3.\n\n"
        "Yet the real scandal is how little anyone in the capital seems to care about a region it has neglected "
        "for decades, a disgrace Governor Marsh will not fix.",
    },
    {
        "id": "herald",
        "story": "quake",
        "source": "Evening Herald",
        "date": "2024-03-05",
        "title": "Valdoria earthquake leaves 900 in shelters",
        "text": "Valdoria earthquake leaves 900 in shelters\n\n"
        "About 900 people spent the night in shelters after a 6.1-magnitude quake hit Valdoria province on Sunday "
        "and wrecked some 140 houses, according to civil protection officials.\n\n"
        "“We will rebuild every house that fell, and nobody will be left without a roof this winter,” Marsh said, "
        "as volunteers handed out blankets.\n\n"
        "The national observatory said eleven aftershocks followed overnight, the largest of magnitude 4.3.\n\n"
        "Schools in the province will stay closed until engineers have inspected every building.",
    },
]

#: A wire story, a copy of it and a rewrite that adds a paragraph of commentary naming the same people.
FLOOD_WIRE = (
    "Flood forces 2,000 from homes in Riverton\n\n"
    "Floodwaters rose across the Riverton valley on Monday, forcing 2,000 people from their homes, officials said.\n\n"
    "“We have never seen water this high,” said Mayor Lena Ortiz, who toured the shelters on Monday evening.\n\n"
    "The river crested at 9 meters near the old bridge, the weather service said."
)
FLOOD = [
    {"id": "wire", "story": "flood", "source": "Wire Agency", "date": "2024-05-01", "text": FLOOD_WIRE},
    {"id": "copy", "story": "flood", "source": "Daily Copy", "date": "2024-05-01", "text": FLOOD_WIRE},
    {
        "id": "rewrite",
        "story": "flood",
        "source": "Opinion Post",
        "date": "2024-05-02",
        "text": "Riverton under water\n\n"
        "Floodwaters rose across the Riverton valley on Monday and forced 2,000 people from their homes, "
        "officials said.\n\n"
        "“We have never seen water this high,” said Mayor Lena Ortiz, who toured the shelters on Monday evening.\n\n"
        "Mayor Lena Ortiz and her council ignored warnings about the Riverton levee for years, and the people of "
        "the valley are paying for their disgraceful neglect.",
    },
]
SOLO = [
    {
        "id": "solo",
        "story": "solo",
        "source": "Lone Times",
        "text": "Budget vote delayed\n\nThe council delayed its budget vote to Friday, the clerk said.",
    }
]
CORPUS = [*QUAKE, *FLOOD, *SOLO]


@pytest.fixture(scope="module")
def result():
    return analyze(CORPUS)


def _body(result, article_id):
    paragraphs = result.paragraphs
    return paragraphs[(paragraphs["article_id"] == article_id) & (paragraphs["role"] == "body")].set_index("paragraph")


# --- stories.csv -------------------------------------------------------------------------------------------


def test_stories_table_has_a_row_per_story_with_its_columns(result):
    stories = result.stories
    assert list(stories.columns) == list(CORPUS_TABLES["stories"])
    assert stories["story"].tolist() == ["quake", "flood", "solo"]
    quake, flood, solo = (row for _, row in stories.iterrows())
    assert (quake["first_date"], quake["last_date"]) == ("2024-03-04", "2024-03-05")
    assert quake["outlets"] == "Daily Courier; Evening Herald"
    assert flood["outlets"] == "Wire Agency; Daily Copy; Opinion Post"
    assert [int(v) for v in stories["versions"]] == [2, 3, 1]
    words = result.articles.groupby("story")["words"].sum()
    assert [int(w) for w in stories["words"]] == [int(words[s]) for s in ("quake", "flood", "solo")]
    assert pd.isna(solo["first_date"]) and solo["outlets"] == "Lone Times"


def test_a_story_of_one_version_has_a_row_without_gaps_or_independence(result):
    solo = result.stories.set_index("story").loc["solo"]
    assert solo["title"] == "Budget vote delayed"
    assert pd.isna(solo["independent"])
    assert all(pd.isna(solo[c]) for c in ("tone_gap", "tone_high", "loaded_gap", "voice_gap", "voice_low"))


def test_independent_reports_are_told_from_copies(result):
    stories = result.stories.set_index("story")
    assert stories.loc["quake", "copied_share"] == 0 and bool(stories.loc["quake", "independent"])
    assert stories.loc["flood", "copied_share"] > 0.5 and not bool(stories.loc["flood", "independent"])


def test_gaps_are_the_largest_differences_between_outlets_in_their_own_voice(result):
    quake = result.stories.set_index("story").loc["quake"]
    source = dict(zip(result.articles["article_id"], result.articles["source"], strict=True))
    ids = ["courier", "herald"]
    sentences = result.sentences
    mine = {a: sentences[sentences["article_id"] == a] for a in ids}
    speech = {a: (mine[a]["words_quoted"] + mine[a]["words_reported"]).sum() for a in ids}
    narration_words = {a: mine[a]["words"].sum() - speech[a] for a in ids}
    tone = {a: mine[a].loc[mine[a]["voice"] == "narration", "compound"].mean() for a in ids}
    loaded = result.terms[(result.terms["lexicon"] == "loaded") & (result.terms["voice"] == "narration")]
    per_1k = {a: 1000 * (loaded["article_id"] == a).sum() / narration_words[a] for a in ids}
    voice = {a: speech[a] / mine[a]["words"].sum() for a in ids}
    for name, values in (("tone", tone), ("loaded", per_1k), ("voice", voice)):
        high, low = sorted(ids, key=values.get, reverse=True)
        assert quake[f"{name}_gap"] == pytest.approx(values[high] - values[low], abs=1e-4)
        assert (quake[f"{name}_high"], quake[f"{name}_low"]) == (source[high], source[low])
    assert quake["loaded_high"] == "Daily Courier"  # "scandal", "disgrace" in its own commentary


def test_titles_are_the_headline_closest_to_the_others_and_deterministic(result):
    stories = result.stories.set_index("story")
    assert stories.loc["flood", "title"] == "Flood forces 2,000 from homes in Riverton"  # the wire and its copy
    assert stories.loc["quake", "title"] == "Earthquake shakes Valdoria, hundreds displaced"  # a tie: the earliest
    reordered = analyze([QUAKE[1], QUAKE[0]]).stories
    assert reordered["title"].tolist() == ["Earthquake shakes Valdoria, hundreds displaced"]  # by date, not input
    undated = [{k: v for k, v in record.items() if k not in ("date", "title")} for record in QUAKE]
    undated = [{**record, "text": record["text"].split("\n\n", 1)[1]} for record in undated]
    title = analyze(undated).stories["title"].item()
    assert title.startswith("A magnitude 6.1 earthquake struck") and title.endswith("…")


def test_streamed_parallel_and_in_memory_runs_write_the_same_stories_table(result, tmp_path):
    result.save(tmp_path / "memory")
    analyze_into(CORPUS, tmp_path / "streamed")
    analyze_into(CORPUS, tmp_path / "parallel", jobs=2)
    expected = (tmp_path / "memory" / "stories.csv").read_bytes()
    assert (tmp_path / "streamed" / "stories.csv").read_bytes() == expected
    assert (tmp_path / "parallel" / "stories.csv").read_bytes() == expected
    back = read_tables(tmp_path / "streamed")["stories"]
    assert back["title"].tolist() == result.stories["title"].tolist()
    assert back["independent"].tolist()[:2] == [True, False]


def test_stories_table_in_parquet(result, tmp_path):
    pytest.importorskip("pyarrow")
    analyze_into(CORPUS, tmp_path / "out", format="parquet")
    stories = pd.read_parquet(tmp_path / "out" / "stories.parquet")
    assert stories["story"].tolist() == ["quake", "flood", "solo"]
    assert stories["versions"].tolist() == [2, 3, 1]


# --- reuse between independent reports ---------------------------------------------------------------------


def test_independent_reports_of_one_event_are_not_additions(result):
    courier, herald = _body(result, "courier"), _body(result, "herald")
    assert courier["reuse"].tolist() == ["paraphrase", "shared_quote", "paraphrase", "novel"]
    assert herald["reuse"].tolist() == ["paraphrase", "shared_quote", "paraphrase", "novel"]
    assert courier.loc[1, "match_article"] == "herald" and int(courier.loc[1, "match_paragraph"]) == 1
    pairs = result.alignments[result.alignments["story"] == "quake"]
    assert set(pairs["origin_basis"]) == {"independent"} and set(pairs["origin"].fillna("")) == {""}
    assert result.omissions[result.omissions["story"] == "quake"].empty  # neither is the other's source


def test_shared_quote_is_a_reuse_class_between_paraphrase_and_novel():
    assert REUSE == ("verbatim", "edited", "paraphrase", "shared_quote", "novel")


def test_a_rewrite_keeps_its_added_commentary_novel_and_copies_keep_their_classes(result):
    assert _body(result, "wire")["reuse"].tolist() == ["verbatim", "verbatim", "verbatim"]
    assert _body(result, "rewrite")["reuse"].tolist() == ["edited", "verbatim", "novel"]
    assert bool(_body(result, "rewrite").loc[3, "editorial"])


def test_the_content_threshold_decides_what_counts_as_the_same_content():
    strict = dataclasses.replace(settings_for(), independent=IndependentRules(content_cosine=0.99))
    courier = _body(analyze(QUAKE, settings=strict), "courier")
    assert courier["reuse"].tolist() == ["novel", "shared_quote", "novel", "novel"]


# --- the report ---------------------------------------------------------------------------------------------


def test_the_report_indexes_stories_by_title(result, tmp_path):
    page = write_report(result, tmp_path / "report.html").read_text(encoding="utf-8")
    index = page[page.index("<nav><h2>Stories</h2>") : page.index("</nav>")]
    assert index.count("<li>") == 3
    assert ">Earthquake shakes Valdoria, hundreds displaced</a>" in index
    assert '<small class="muted story-id">quake</small>' in index
    assert "Daily Courier; Evening Herald · 2 versions · 2024-03-04 to 2024-03-05 · independent reports" in index
    assert "Wire Agency; Daily Copy; Opinion Post · 3 versions · 2024-05-01 to 2024-05-02 · copies" in index
    assert ">Budget vote delayed</a>" in index and "1 version · undated</span>" in index
    assert "<h2>Flood forces 2,000 from homes in Riverton <small" in page
    # an independent report's own paragraph is novel, not an addition; a rewrite's commentary is added
    assert 'title="novel: in no other version of the story">novel<' in page
    assert page.count("novel: in no other version of the story (added)") == 1


# --- the seeds and BASIL ------------------------------------------------------------------------------------


def test_seeds_story_is_not_independent_and_keeps_its_copies_and_commentary(seeds_result):
    story = seeds_result.stories.iloc[0]
    assert story["story"] == "seeds" and int(story["versions"]) == 5
    assert not bool(story["independent"]) and 0.3 < story["copied_share"] < 0.5
    assert story["title"].startswith("Albania’s prime minister calls for more NATO troops")
    paragraphs = seeds_result.paragraphs[seeds_result.paragraphs["role"] == "body"]
    for outlet in ("ap", "republished"):
        assert set(paragraphs.loc[paragraphs["article_id"] == SEED_IDS[outlet], "reuse"]) == {"verbatim", "edited"}
    rewrite = paragraphs[paragraphs["article_id"] == SEED_IDS["rewrite"]]["reuse"].tolist()
    assert rewrite[-4:] == ["novel"] * 4 and rewrite[:3] == ["paraphrase"] * 3


def test_basil_stories_are_independent_and_mostly_told_again_in_other_words(data_dir):
    if not (data_dir / "basil-dev").is_dir():
        pytest.skip(f"BASIL dev not found at {data_dir / 'basil-dev'}")
    result = analyze(read_basil(data_dir / "basil-dev").corpus)
    assert result.stories["independent"].astype(bool).mean() >= 0.95
    body = result.paragraphs[result.paragraphs["role"] == "body"]
    shares = body["reuse"].value_counts(normalize=True)
    assert shares["novel"] < 0.65  # 0.83 before independent reports were matched on content
    assert shares["shared_quote"] > 0.02


WIRE_PARAGRAPHS = [
    "A powerful storm swept through the river valley on Monday, knocking out power to thousands of homes.",
    "The National Weather Service said winds reached 70 miles per hour near the coast before dawn.",
    "Utility crews worked through the day to restore electricity, and schools in three counties closed early.",
]


def test_two_copies_of_a_wire_keep_their_own_additions_novel_however_alike_in_subject():
    # a and b copy different parts of the wire, so they copy nothing from each other, and add alike paragraphs
    wire = "Storm hits valley\n\n" + "\n\n".join(WIRE_PARAGRAPHS)
    a = "Storm hits valley\n\n" + WIRE_PARAGRAPHS[0]
    b = "Storm hits valley\n\n" + "\n\n".join(WIRE_PARAGRAPHS[1:])
    rows = [
        {"id": "wire", "story": "s", "source": "Wire", "date": "2024-01-01", "text": wire},
        {
            "id": "a",
            "story": "s",
            "source": "A",
            "date": "2024-01-02",
            "text": a + "\n\nOfficials in Riverton said 40 homes were damaged and a shelter opened at Lincoln School.",
        },
        {
            "id": "b",
            "story": "s",
            "source": "B",
            "date": "2024-01-02",
            "text": b + "\n\nRiverton's mayor said the storm wrecked 40 homes; Lincoln School became a shelter.",
        },
    ]
    paragraphs = analyze(rows).paragraphs
    added = paragraphs[paragraphs["text"].str.contains("Riverton")]
    assert added["reuse"].tolist() == ["novel", "novel"]


def test_an_independent_report_beside_a_wire_and_its_copy_still_matches_the_wire_on_content():
    wire = "Storm hits valley\n\n" + "\n\n".join(WIRE_PARAGRAPHS)
    own = (
        "Valley storm\n\nThousands of homes in the river valley lost power on Monday when a powerful storm swept "
        "through.\n\nForecasters at the National Weather Service measured winds of 70 miles per hour near the coast."
    )
    rows = [
        {"id": "wire", "story": "s", "source": "Wire", "date": "2024-01-01", "text": wire},
        {"id": "copy", "story": "s", "source": "Copy", "date": "2024-01-02", "text": wire},
        {"id": "own", "story": "s", "source": "Own", "date": "2024-01-02", "text": own},
    ]
    paragraphs = analyze(rows).paragraphs
    mine = paragraphs[(paragraphs["article_id"] == "own") & (paragraphs["role"] == "body")]
    assert set(mine["reuse"]) == {"paraphrase"}
