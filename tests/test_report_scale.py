"""The report at scale: its size grows with the stories, not faster; a large one is an index and a page per story.

Thirty short stories of three versions each (a wire text, a copy with a word
swapped, and another outlet's own report of the event), written here.  Sizes,
never times, are asserted (speed is in ``benchmarks/report_scale.py``).
"""

from __future__ import annotations

import re

import pytest

from framing.cli import main
from framing.present.report import render_report, write_report
from framing.present.report.page import ONE_FILE_STORIES
from framing.problems import FramingError
from framing.run.pipeline import analyze

TOWNS = ["Riverton", "Lakeside", "Hillford", "Marsh End", "Oakvale", "Stonebridge", "Ashby", "Fernwood", "Glenmore"]
THINGS = ["bridge", "hospital wing", "school", "water plant", "library", "rail depot", "market hall"]
OFFICIALS = ["Mayor Ana Ruiz", "Councillor Tom Beck", "Minister Lea Novak", "Governor Sam Okafor", "Judge Ida Holm"]


def _story(n: int) -> list[dict[str, str]]:
    town, thing, official = TOWNS[n % len(TOWNS)], THINGS[n % len(THINGS)], OFFICIALS[n % len(OFFICIALS)]
    cost = 10 + 7 * n
    paragraphs = [
        f"{town} {thing} plan number {n} stalls",
        f"Plans for a new {thing} in {town} stalled on Tuesday after a vote of {n + 4} to {n + 3}, officials said.",
        f"{official} insisted the {thing} would cost no more than {cost} million and called the delay a disgrace.",
        f"Critics said the project number {n} was a reckless waste and urged the council to hold a public inquiry.",
        f"Residents of {town} have waited {n + 2} years for the {thing}, which was first promised in {1990 + n}.",
        f"The council will meet again on Friday to discuss the budget for the {thing}, a spokesman said.",
    ]
    copy = [p.replace("insisted", "said") for p in paragraphs]
    own = [
        f"Vote delays {town} {thing}",
        f"Councillors in {town} narrowly rejected the {thing} budget this week, leaving the scheme in limbo.",
        f"Many residents told our reporter they doubt the {thing} will ever be built.",
    ]
    return [
        {
            "id": f"s{n:02d}-wire",
            "story": f"s{n:02d}",
            "source": "Wire",
            "date": "2024-05-01",
            "text": _join(paragraphs),
        },
        {"id": f"s{n:02d}-copy", "story": f"s{n:02d}", "source": "Daily", "date": "2024-05-02", "text": _join(copy)},
        {"id": f"s{n:02d}-own", "story": f"s{n:02d}", "source": "Herald", "date": "2024-05-02", "text": _join(own)},
    ]


def _join(paragraphs: list[str]) -> str:
    return "\n\n".join(paragraphs)


STORIES = 30


@pytest.fixture(scope="module")
def results():
    """The first half of the stories, and all of them."""
    rows = [row for n in range(STORIES) for row in _story(n)]
    return analyze(rows[: 3 * STORIES // 2]), analyze(rows)


@pytest.fixture(scope="module")
def reports(results, tmp_path_factory):
    """The reports of the first half of the stories and of all of them, with figures."""
    half, whole = results
    folder = tmp_path_factory.mktemp("reports")
    return write_report(half, folder / "half.html"), write_report(whole, folder / "report.html")


def _size(report) -> int:
    pages = report.with_name(report.stem + "_files")
    return report.stat().st_size + sum(p.stat().st_size for p in pages.glob("*") if p.is_file())


def test_report_size_grows_linearly_with_the_stories(reports):
    small, large = (_size(report) for report in reports)
    assert large / small < 2.5
    # each added story of three short versions costs its text and markup, not figures of its own
    assert (large - small) / (STORIES - STORIES // 2) < 60_000


def test_a_report_of_few_stories_is_one_page_with_the_corpus_figures_once(reports):
    one = reports[0]
    assert not one.with_name("half_files").exists()
    page = one.read_text(encoding="utf-8")
    assert page.count('<section class="story"') == STORIES // 2 <= ONE_FILE_STORIES
    corpus = page[page.index('<section class="corpus-figures"') : page.index("</section>")]
    assert corpus.count("<img") == page.count("<img") >= 5


def test_a_report_of_many_stories_is_an_index_and_one_page_per_story(reports):
    index = reports[1]
    assert ONE_FILE_STORIES < STORIES
    page = index.read_text(encoding="utf-8")
    pages = sorted(index.with_name("report_files").glob("*.html"))
    assert [p.name for p in pages] == [f"story-{n:04d}.html" for n in range(1, STORIES + 1)]
    assert '<section class="story"' not in page
    assert re.findall(r'<li><a href="(report_files/story-\d{4}\.html)">', page) == [
        f"report_files/{p.name}" for p in pages
    ]
    assert page.count('<img src="data:image/png;base64,') >= 5  # the corpus's figures, drawn once, on the index
    story = pages[0].read_text(encoding="utf-8")
    assert '<a href="../report.html">All stories</a>' in story and story.count('<section class="story"') == 1
    assert "<img" not in story  # two versions copy: the side-by-side view and the similarity table say it all
    assert '<table class="similarity">' in story


def test_a_smaller_rerun_removes_the_story_pages_it_no_longer_writes(results, tmp_path):
    half, whole = results
    write_report(whole, tmp_path / "report.html", figures=False)
    write_report(half, tmp_path / "report.html", figures=False)
    assert not (tmp_path / "report_files").exists()


def test_a_large_report_keeps_the_files_of_others_beside_it(results, tmp_path):
    _half, whole = results
    (tmp_path / "report_files").mkdir()
    (tmp_path / "report_files" / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(FramingError, match=r"report_files .*holds files framing did not write"):
        write_report(whole, tmp_path / "report.html", figures=False)
    assert (tmp_path / "report_files" / "notes.txt").read_text(encoding="utf-8") == "mine"


@pytest.fixture(scope="module")
def corpus_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("corpus") / "stories.csv"
    rows = [row for n in range(3) for row in _story(n)]
    lines = ["id,story,source,date,text"] + [
        ",".join([r["id"], r["story"], r["source"], r["date"], '"' + r["text"] + '"']) for r in rows
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_cli_draws_the_story_figures_of_every_story(corpus_file, tmp_path):
    figures = tmp_path / "figures"
    assert (
        main(["analyze", str(corpus_file), "--out", str(tmp_path / "out"), "--figures", str(figures), "--quiet"]) == 0
    )
    names = {p.name for p in figures.glob("*.png")}
    for story in ("001-s00", "002-s01", "003-s02"):
        assert {f"reuse_map-{story}.png", f"similarity-{story}.png"} <= names
    assert "sentiment_by_outlet.png" in names and not any(n.startswith("sentiment_by_outlet-") for n in names)


def test_cli_draws_the_story_figures_of_the_stories_asked_for(corpus_file, tmp_path, capsys):
    figures = tmp_path / "figures"
    args = ["analyze", str(corpus_file), "--out", str(tmp_path / "out"), "--figures", str(figures), "--quiet"]
    assert main([*args, "--figure-stories", "s02"]) == 0
    assert sorted(p.name for p in figures.glob("reuse_map*.png")) == ["reuse_map-003-s02.png"]
    assert main([*args, "--force", "--figure-stories", "s09"]) == 2
    assert "no story 's09'" in capsys.readouterr().err


def test_a_story_of_many_versions_gets_no_similarity_table_and_costs_no_pairs():
    text = _join(_story(1)[0]["text"].split("\n\n")[:3])
    result = analyze([{"id": f"v{i:02d}", "story": "big", "source": f"Outlet {i}", "text": text} for i in range(13)])
    page = render_report(result, figures=False)
    assert page.count('<td class="cell"') == 13 * 2 and '<table class="similarity">' not in page
