"""The HTML report: layout of the versions, highlights from the tables' offsets, escaping, determinism, writing."""

from __future__ import annotations

import base64
import re
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest

from framing.align.story import version_order
from framing.present.plot import FIGURES, STORY_FIGURES
from framing.present.report import Row, Span, highlight, layout_rows, render_report, write_report
from framing.present.report.figures import ONE_STORY_SKIPS
from framing.problems import FramingError
from framing.run.pipeline import analyze
from tests.conftest import SEED_IDS

#: The figures of the corpus, drawn once: all but a story's own (and frame prevalence when there is one story).
CORPUS_FIGURES = [name for name in FIGURES if name not in STORY_FIGURES]
ONE_STORY_FIGURES = [name for name in CORPUS_FIGURES if name not in ONE_STORY_SKIPS]
AP, COPY, REWRITE = SEED_IDS["ap"], SEED_IDS["republished"], SEED_IDS["rewrite"]
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


# --- a small DOM from the standard library's parser ----------------------------------------------------------


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    parent: Element | None = None
    children: list[Element | str] = field(default_factory=list)

    @property
    def classes(self) -> list[str]:
        return self.attrs.get("class", "").split()

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def iter(self):
        for child in self.children:
            if isinstance(child, Element):
                yield child
                yield from child.iter()

    def select(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> list[Element]:
        return [
            e
            for e in self.iter()
            if (tag is None or e.tag == tag)
            and (cls is None or cls in e.classes)
            and all(e.attrs.get(k.replace("_", "-")) == v for k, v in attrs.items())
        ]

    def ancestor(self, tag: str, cls: str | None = None) -> Element:
        node = self.parent
        while node is not None and (node.tag != tag or (cls is not None and cls not in node.classes)):
            node = node.parent
        assert node is not None, f"no <{tag}> around <{self.tag}>"
        return node


class Tree(HTMLParser):
    """Parses a page into :class:`Element` objects and records every end tag that does not close the open element."""

    def __init__(self, page: str):
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.stack = [self.root]
        self.errors: list[str] = []
        self.feed(page)
        self.close()
        if len(self.stack) != 1:
            self.errors.append(f"unclosed: {[e.tag for e in self.stack[1:]]}")

    def handle_starttag(self, tag, attrs):
        element = Element(tag, {k: v or "" for k, v in attrs}, parent=self.stack[-1])
        self.stack[-1].children.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if self.stack[-1].tag != tag:
            self.errors.append(f"</{tag}> closes <{self.stack[-1].tag}>")
            return
        self.stack.pop()

    def handle_data(self, data):
        self.stack[-1].children.append(data)


@pytest.fixture(scope="module")
def seeds_page(seeds_result) -> str:
    return render_report(seeds_result)


@pytest.fixture(scope="module")
def seeds_tree(seeds_page) -> Tree:
    return Tree(seeds_page)


def _paragraph(tree: Tree, article: str, number: int) -> Element:
    [found] = tree.root.select("div", "para", data_article=article, data_paragraph=str(number))
    return found


def _body_terms(result, lexicon_is_loaded: bool):
    body = result.paragraphs.loc[result.paragraphs["role"] == "body", ["article_id", "paragraph"]]
    terms = result.terms.merge(body, on=["article_id", "paragraph"])
    return terms[(terms["lexicon"] == "loaded") == lexicon_is_loaded]


# --- the seeds ---------------------------------------------------------------------------------------------


def test_seeds_report_has_one_column_per_version_in_story_order(seeds_result, seeds_tree):
    headers = [th.attrs["data-article"] for th in seeds_tree.root.select("th") if "data-article" in th.attrs]
    assert headers == version_order(seeds_result.articles)
    assert len(headers) == 5


def test_page_is_well_formed_with_properly_nested_highlights(seeds_tree):
    assert seeds_tree.errors == []


def test_every_loaded_body_term_is_one_mark_with_its_category(seeds_result, seeds_page, seeds_tree):
    loaded = _body_terms(seeds_result, True)
    assert seeds_page.count('class="loaded') == len(loaded) == 30
    marks = seeds_tree.root.select("mark", "loaded")
    texts = {a.article_id: a.text for a in seeds_result.corpus}
    found = Counter((m.ancestor("div", "para").attrs["data-article"], m.text(), m.attrs["title"]) for m in marks)
    expected = Counter(
        (row.article_id, texts[row.article_id][row.start : row.end], f"loaded: {row.category} ({row.term})")
        for row in loaded.itertuples()
    )
    assert found == expected
    assert all(f"cat-{m.attrs['title'].split(': ')[1].split(' (')[0]}" in m.classes for m in marks)


def test_other_lexicon_hits_get_a_lighter_class_of_their_own(seeds_result, seeds_tree):
    others = _body_terms(seeds_result, False)
    marks = seeds_tree.root.select("mark", "lexicon")
    assert len(marks) == len(others) > 0
    assert not any("loaded" in m.classes for m in marks)
    assert {m.attrs["title"].split(":")[0] for m in marks} == set(others["lexicon"])


def test_cues_are_boxed_by_stance_and_speakers_marked(seeds_result, seeds_tree):
    attributions = seeds_result.attributions.dropna(subset=["cue_start"])
    cues = seeds_tree.root.select("span", "cue")
    assert len(cues) == len(attributions)
    stoltenberg = _paragraph(seeds_tree, AP, 9)
    [cue] = [c for c in stoltenberg.select("span", "cue") if c.text() == "insisted"]
    assert "stance-emphatic" in cue.classes and "reporting verb: insisted (emphatic)" in cue.attrs["title"]
    speakers = [s.text() for s in stoltenberg.select("span", "speaker")]
    assert "NATO Secretary-General Jens Stoltenberg, who attended the meeting in North Macedonia’s capital, Skopje" in (
        speakers
    )


def test_direct_quotes_are_told_apart_from_reported_speech(seeds_result, seeds_tree):
    quote = _paragraph(seeds_tree, AP, 10)
    direct = "".join(s.text() for s in quote.select("span", "voice-quoted"))
    assert direct == "“But what we do see is an increase in tensions, especially in Kosovo,”"
    reported = _paragraph(seeds_tree, AP, 11).select("span", "voice-reported")
    assert reported and all("reported speech" in s.attrs["title"] for s in reported)


def test_ap_and_its_copy_share_rows(seeds_result, seeds_tree):
    pairs = seeds_result.alignments.query("article_a == @AP and article_b == @COPY")
    assert len(pairs) == 13
    for row in pairs.itertuples():
        a = _paragraph(seeds_tree, AP, row.paragraph_a).ancestor("tr")
        b = _paragraph(seeds_tree, COPY, row.paragraph_b).ancestor("tr")
        assert a is b, (row.paragraph_a, row.paragraph_b)
        assert "row-shared" in a.classes


def test_a_merged_paragraph_sits_beside_all_it_condenses(seeds_tree):
    row = _paragraph(seeds_tree, REWRITE, 1).ancestor("tr")
    [ap_cell] = row.select("td", data_article=AP)
    assert [int(p.attrs["data-paragraph"]) for p in ap_cell.select("div", "para")] == [5, 6, 7, 8, 9, 10]


def test_rewrite_additions_stand_alone_and_are_marked_editorial(seeds_result, seeds_tree):
    body = seeds_result.paragraphs.query("article_id == @REWRITE and role == 'body'")
    for number in body["paragraph"].tolist()[-4:]:
        paragraph = _paragraph(seeds_tree, REWRITE, number)
        row = paragraph.ancestor("tr")
        assert "row-added" in row.classes
        assert [c.attrs["data-article"] for c in row.select("td", "cell")] == [REWRITE]
        assert not row.select("td", "gap")
        assert "editorial" in paragraph.classes
        evidence = body.loc[body["paragraph"] == number, "editorial_evidence"].item()
        [badge] = paragraph.select("span", "editorial-badge")
        assert evidence in badge.attrs["title"]
        [details] = paragraph.select("details", "evidence")
        assert evidence in details.text()


def test_ap_editorial_free_and_rewrite_has_exactly_four_editorial_paragraphs(seeds_tree):
    editorial = [p.attrs["data-article"] for p in seeds_tree.root.select("div", "editorial")]
    assert editorial.count(REWRITE) == 4
    assert AP not in editorial


def test_a_visible_gap_where_the_rewrite_lacks_ap_paragraphs(seeds_result, seeds_tree):
    omissions = seeds_result.omissions.query("article_id == @REWRITE and ref_article == @AP")
    for number in [11, 12, 16]:
        assert number in omissions["ref_paragraph"].tolist()
        row = _paragraph(seeds_tree, AP, number).ancestor("tr")
        [gap] = row.select("td", "gap", data_article=REWRITE)
        assert "not in this version" in gap.text()
        [link] = gap.select("a")
        [target] = seeds_tree.root.select("tr", id=link.attrs["href"][1:])
        assert target.text().endswith(omissions.loc[omissions["ref_paragraph"] == number, "text"].item())


def test_unrelated_versions_leave_blank_cells_not_gaps(seeds_tree):
    # VOA and Time News copy nothing from AP (they tell some of its background in other words, which puts a
    # paragraph of theirs on an AP row now and then): where they lack a row's content the cell is blank, not a gap
    others = {SEED_IDS["timenews"], SEED_IDS["voa"]}
    for number in (11, 12, 14):
        row = _paragraph(seeds_tree, AP, number).ancestor("tr")
        assert {c.attrs["data-article"] for c in row.select("td", "gap")} <= {REWRITE}
        empty = {c.attrs["data-article"] for c in row.select("td", "empty")}
        assert empty <= others
    assert {c.attrs["data-article"] for c in _paragraph(seeds_tree, AP, 12).ancestor("tr").select("td", "empty")}


def test_insisted_confirmed_swap_is_highlighted_on_both_sides(seeds_tree):
    title = "swap: insisted → confirmed (reporting_verb)"
    [removed] = [s for s in _paragraph(seeds_tree, AP, 9).select("span", "swap-removed") if s.attrs["title"] == title]
    [added] = [s for s in _paragraph(seeds_tree, REWRITE, 1).select("span", "swap-added") if s.attrs["title"] == title]
    assert (removed.text(), added.text()) == ("insisted", "confirmed")


def test_paragraph_text_is_the_article_text_unchanged(seeds_result, seeds_tree):
    texts = {a.article_id: a.text for a in seeds_result.corpus}
    for row in seeds_result.paragraphs.query("role == 'body'").itertuples():
        [text] = _paragraph(seeds_tree, row.article_id, row.paragraph).select("div", "para-text")
        assert text.text() == texts[row.article_id][row.start : row.end]


def test_non_body_blocks_are_listed_collapsed_per_version(seeds_result, seeds_tree):
    others = seeds_result.paragraphs.query("article_id == @AP and role != 'body'")
    [header] = seeds_tree.root.select("th", data_article=AP)
    [blocks] = header.select("details", "blocks")
    assert "open" not in blocks.attrs
    assert len(blocks.select("li")) == len(others)
    assert {r.text() for r in blocks.select("span", "role")} == set(others["role"])


def test_overview_lists_versions_with_their_numbers(seeds_result, seeds_tree):
    [table] = seeds_tree.root.select("table", "overview")
    rows = [[td.text() for td in tr.select("td")] for tr in table.select("tr")[1:]]
    assert [r[2] for r in rows] == version_order(seeds_result.articles)
    ap = next(r for r in rows if r[2] == AP)
    assert ap[1] == "The Associated Press" and ap[3] == "2023-11-22" and ap[5] == "420"


def test_every_figure_is_embedded_as_a_png_data_uri(seeds_tree):
    # the corpus's figures once, then the story's reuse map: three of its versions copy, some of it verbatim
    images = seeds_tree.root.select("img")
    names = [*ONE_STORY_FIGURES, "reuse_map"]
    assert [i.attrs["alt"] for i in images] == [f"figure: {name.replace('_', ' ')}" for name in names]
    [story] = seeds_tree.root.select("section", "story")
    assert [i.attrs["alt"] for i in story.select("img")] == ["figure: reuse map"]
    for image in images:
        prefix, data = image.attrs["src"].split(",", 1)
        assert prefix == "data:image/png;base64"
        assert base64.b64decode(data)[:8] == b"\x89PNG\r\n\x1a\n"


def test_page_loads_nothing_from_outside_and_runs_no_script(seeds_page, seeds_tree):
    elements = list(seeds_tree.root.iter())
    addresses = [e.attrs[a] for e in elements for a in ("src", "href") if a in e.attrs]
    assert addresses and not [a for a in addresses if re.match(r"\s*(https?:|//)", a, re.I)]
    assert all(a.startswith(("#", "data:image/png;base64,")) for a in addresses)
    assert not seeds_tree.root.select("script") and "<script" not in seeds_page
    assert not [(e.tag, a) for e in elements for a in e.attrs if a.startswith("on")]
    [policy] = seeds_tree.root.select("meta", http_equiv="Content-Security-Policy")
    assert "default-src 'none'" in policy.attrs["content"] and "img-src data:" in policy.attrs["content"]
    assert "@import" not in seeds_page and "url(" not in seeds_page


def test_same_result_gives_byte_identical_pages(seeds_result, seeds_page):
    assert render_report(seeds_result) == seeds_page


# --- escaping -------------------------------------------------------------------------------------------------

HOSTILE_TEXT = (
    "Headline with <i>markup</i>\n\n"
    'Critics slammed the plan as a fiasco <script>alert(1)</script> & "quotes" <b>bold</b>.\n\n'
    "“It will not work,” the minister said of the <img src=x onerror=alert(2)> plan."
)


@pytest.fixture(scope="module")
def hostile():
    result = analyze(
        [
            {
                "id": 'x"><script>alert(3)</script>',
                "source": "<b>Outlet</b> & Co",
                "title": "</title><script>alert(4)</script>",
                "story": "<story>",
                "text": HOSTILE_TEXT,
            }
        ]
    )
    page = render_report(result, figures=False)
    return result, page, Tree(page)


def test_article_markup_shows_as_characters(hostile):
    _result, page, tree = hostile
    assert tree.errors == []
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&amp; " in page and "&#34;quotes&#34;" in page and " &lt;b&gt;" in page and "&lt;/b&gt;" in page
    [paragraph] = [p for p in tree.root.select("div", "para-text") if "fiasco" in p.text()]
    assert paragraph.text() == HOSTILE_TEXT.split("\n\n")[1]
    assert tree.root.select("mark", "loaded")  # highlighting happened around the escaped text


def test_no_markup_or_handler_from_the_data_reaches_the_page(hostile):
    _result, page, tree = hostile
    assert not tree.root.select("script") and not tree.root.select("b") and not tree.root.select("img")
    assert not [a for e in tree.root.iter() for a in e.attrs if a.startswith("on")]
    assert "<script" not in page and "<b>" not in page and "<img" not in page
    assert "&lt;b&gt;Outlet&lt;/b&gt; &amp; Co" in page
    assert [th.attrs["data-article"] for th in tree.root.select("th") if "data-article" in th.attrs] == [
        'x"><script>alert(3)</script>'
    ]


# --- other shapes of corpus -----------------------------------------------------------------------------------


def test_one_article_corpus_renders_one_column_without_gaps():
    result = analyze([{"id": "only", "source": "Wire", "text": "Talks end\n\nTalks ended.\n\nThe minister said so."}])
    tree = Tree(render_report(result))
    assert tree.errors == []
    assert len([th for th in tree.root.select("th") if "data-article" in th.attrs]) == 1
    rows = tree.root.select("tr", "row")
    assert len(rows) == 2 and all("row-single" in r.classes for r in rows)
    assert not tree.root.select("td", "gap")
    assert len(tree.root.select("img")) == len(ONE_STORY_FIGURES)
    assert not tree.root.select("table", "similarity")  # one version: nothing to compare


def test_stories_with_no_alignment_render_with_each_paragraph_alone():
    unrelated = [
        {"id": "a", "story": "one", "source": "A", "text": "Rain\n\nIt rained in Riverton on Monday."},
        {"id": "b", "story": "one", "source": "B", "text": "Stocks\n\nMarkets fell sharply in Tokyo."},
        {"id": "c", "story": "two", "source": "C", "text": "Sun\n\nThe sun shone all week."},
    ]
    result = analyze(unrelated)
    assert result.alignments.empty
    tree = Tree(render_report(result))
    assert tree.errors == []
    stories = tree.root.select("section", "story")
    # each story is headed by its title (the earliest headline when none is closer to the others), its id beside
    assert [s.select("h2")[0].text() for s in stories] == ["Rain story one", "Sun story two"]
    # the corpus's figures are drawn once, not per story; stories of two unrelated versions get no figure
    assert [len(s.select("img")) for s in stories] == [0, 0]
    [corpus] = tree.root.select("section", "corpus-figures")
    # three outlets over two stories cannot be compared: those figures are named with the reason, not drawn
    missing = corpus.select("figure", "not-drawn")
    assert missing and all("not drawn, because" in f.text() for f in missing)
    assert len(corpus.select("img")) + len(missing) == len(corpus.select("figure")) == len(CORPUS_FIGURES)
    assert len(corpus.select("img")) == len(tree.root.select("img"))
    [similarity] = stories[0].select("table", "similarity")
    assert [td.text() for td in similarity.select("td")] == ["1", "A", "–", "0.11", "2", "B", "0.11", "–"]
    first = stories[0]
    assert [r.classes for r in first.select("tr", "row")] == [["row", "row-added"], ["row", "row-added"]]
    assert not first.select("td", "gap")


def test_a_paragraph_out_of_order_gets_its_own_row_marked_moved():
    one = "Talks on the Riverton dam collapsed on Tuesday after nine hours of negotiation."
    two = "Engineers have warned for years that the old spillway could fail in a flood."
    three = "The regional council will meet on Friday to discuss emergency housing for residents."
    result = analyze(
        [
            {"id": "a", "story": "dam", "date": "2024-03-05", "text": f"Dam\n\n{one}\n\n{two}\n\n{three}"},
            {"id": "b", "story": "dam", "date": "2024-03-06", "text": f"Dam\n\n{one}\n\n{three}\n\n{two}"},
        ]
    )
    tree = Tree(render_report(result, figures=False))
    order = {(p.attrs["data-article"], p.text()[-20:]): i for i, p in enumerate(tree.root.select("div", "para"))}
    rows = tree.root.select("tr", "row")
    moved = [r for r in rows if "row-moved" in r.classes]
    assert len(moved) == 1 and len(rows) == 4
    [paragraph] = moved[0].select("div", "para")
    assert paragraph.attrs["data-article"] == "b" and "moved: matches" in paragraph.text()
    [gap] = tree.root.select("td", "gap")
    assert gap.attrs["data-article"] == "b" and "elsewhere (moved)" in gap.text()
    for version in "ab":  # each column keeps its own order
        places = [i for (v, _), i in sorted(order.items(), key=lambda kv: kv[1]) if v == version]
        assert places == sorted(places)


def test_more_than_six_versions_scroll_sideways():
    text = "Dam\n\nTalks on the Riverton dam collapsed on Tuesday, officials said."
    result = analyze([{"id": f"v{i}", "story": "dam", "text": text} for i in range(7)])
    tree = Tree(render_report(result, figures=False))
    [table] = tree.root.select("table", "sbs")
    assert table.attrs["style"] == "width: 117%"
    assert len(table.select("th")) == 7 and len(table.select("tr", "row-shared")) == 1


# --- the parts ------------------------------------------------------------------------------------------------


def test_layout_stacks_a_merge_and_cuts_loose_a_far_match():
    rows = layout_rows(["a", "b"], {"a": [1, 2, 3], "b": [1]}, [(("a", 1), ("b", 1)), (("a", 3), ("b", 1))])
    assert rows == [Row({"a": [1, 2, 3], "b": [1]})]
    far = layout_rows(["a", "b"], {"a": list(range(8)), "b": [0]}, [(("a", 0), ("b", 0)), (("a", 7), ("b", 0))])
    assert far[0] == Row({"a": [0], "b": [0]}) and far[-1] == Row({"a": [7]}, moved=True) and len(far) == 8
    assert not any(row.moved for row in far[:-1])


def test_layout_keeps_every_column_in_order_when_matches_cross():
    pairs = [(("a", 1), ("b", 1)), (("a", 2), ("b", 3)), (("a", 3), ("b", 2))]
    rows = layout_rows(["a", "b"], {"a": [1, 2, 3], "b": [1, 2, 3]}, pairs)
    for version in "ab":
        assert [p for row in rows for p in row.cells.get(version, [])] == [1, 2, 3]
    assert rows == [Row({"a": [1], "b": [1]}), Row({"a": [2]}), Row({"a": [3], "b": [2]}), Row({"b": [3]}, moved=True)]


def test_highlight_keeps_short_spans_whole_and_cuts_long_ones():
    html = highlight(
        "he said <it> was bad",
        [
            Span(0, 14, "content", "content kind-direct", "quote"),
            Span(9, 20, "loaded", "loaded cat-x", "loaded: x (bad)", "mark"),
            Span(3, 7, "cue", "cue stance-neutral", "cue"),
            Span(5, 11, "swap", "swap", "swap"),
        ],
    )
    tree = Tree(str(html))
    assert tree.errors == []
    assert len(tree.root.select("mark", "loaded")) == 1 and len(tree.root.select("span", "swap")) == 1
    assert len(tree.root.select("span", "content")) > 1
    assert tree.root.text() == "he said <it> was bad"
    assert "<it>" not in html and "&lt;" in html and "&gt;" in html


# --- writing --------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def small_result():
    return analyze([{"id": "a", "source": "Wire", "text": "Talks end\n\nThe minister insisted talks were a fiasco."}])


def test_write_report_creates_the_folder_and_overwrites_its_own_report(small_result, tmp_path):
    path = write_report(small_result, tmp_path / "new" / "folder" / "report.html")
    assert path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert write_report(small_result, path) == path


def test_write_report_refuses_to_clobber_a_file_it_did_not_write(small_result, tmp_path):
    notes = tmp_path / "notes.html"
    notes.write_text("<p>my notes</p>", encoding="utf-8")
    with pytest.raises(FramingError, match=r"notes\.html exists and is not a framing report.*--force"):
        write_report(small_result, notes)
    assert notes.read_text(encoding="utf-8") == "<p>my notes</p>"
    write_report(small_result, notes, force=True)
    assert "framing report" in notes.read_text(encoding="utf-8")


def test_write_report_refuses_a_folder(small_result, tmp_path):
    with pytest.raises(FramingError, match="is a folder; give a file name"):
        write_report(small_result, tmp_path)
