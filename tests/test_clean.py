"""Block roles and metadata: the seeds as a reader sees them, and other page shapes."""

from __future__ import annotations

import pytest

from framing.clean import clean, split_blocks
from framing.read import Article, load
from tests.conftest import SEED_IDS, SEEDS

CORPUS = load(SEEDS)


def seed(key):
    return clean(CORPUS[SEED_IDS[key]])


def roles(cleaned):
    return [b.role for b in cleaned.blocks]


def body_texts(cleaned):
    return [b.text for b in cleaned.body]


def test_seed_000_header_body_and_tail():
    cleaned = seed("ap")
    assert roles(cleaned)[:4] == ["title", "byline", "dateline", "dateline"]
    assert cleaned.title.startswith("Albania’s prime minister calls for more NATO troops")
    assert cleaned.byline == "Konstantin Testorides, The Associated Press"
    assert cleaned.credit == "The Associated Press"
    assert cleaned.date == "2023-11-22"
    assert [b.text for b in cleaned.blocks if b.role == "dateline"][1].startswith("Last Updated")
    body = body_texts(cleaned)
    assert len(body) == 13
    assert body[0].startswith("SKOPJE, North Macedonia (AP) —")
    assert body[-1].endswith("Zoran Milanović.")
    first_tail = next(i for i, b in enumerate(cleaned.blocks) if b.text.endswith("Zoran Milanović."))
    assert {b.role for b in cleaned.blocks[first_tail + 1 :]} == {"boilerplate"}


def test_seed_000_other_stories_give_no_sentences_attributions_or_terms(seeds_result):
    ap = SEED_IDS["ap"]
    for table in ("sentences", "attributions", "terms"):
        rows = seeds_result.tables[table]
        texts = rows.loc[rows["article_id"] == ap].to_csv()
        assert "India" not in texts and "Israel" not in texts and "Toronto" not in texts


def test_seed_001_caption_lines_and_story_continues():
    cleaned = seed("republished")
    assert roles(cleaned)[:3] == ["title", "caption", "caption"]
    assert cleaned.blocks[1].text == "Albania's Prime Minister Edi Rama speaks to the media"
    assert cleaned.blocks[2].text.endswith("(AP Photo/Boris Grdanoski)")
    assert len(cleaned.body) == 13
    assert (cleaned.blocks[-1].role, cleaned.blocks[-1].text) == ("boilerplate", "Story Continues")


def test_seed_002_single_newline_paragraphs_and_no_title():
    cleaned = seed("rewrite")
    assert roles(cleaned) == ["body"] * 7
    assert cleaned.title == ""


def test_seed_003_breadcrumb_tags_repeated_headline_and_source_line():
    cleaned = seed("voa")
    assert roles(cleaned)[:3] == ["boilerplate", "boilerplate", "title"]
    assert cleaned.blocks[0].text.startswith("Home »")
    assert cleaned.blocks[1].text == "Balkans Europe News War"
    assert cleaned.title == "NATO Mulls Sending More Troops to Western Balkans Amid Violence"
    body = body_texts(cleaned)
    assert len(body) == 17
    assert "Stoltenberg urged both sides to refocus the dialogue." in body
    source_line = cleaned.blocks[-1]
    assert source_line.text == "Source : voanews" and source_line.role != "body"
    assert cleaned.credit == "Voice of America"


def test_seed_004_byline_date_and_trailing_furniture():
    cleaned = seed("timenews")
    assert roles(cleaned)[:3] == ["title", "byline", "dateline"]
    assert cleaned.byline == "time news"
    assert cleaned.date == "2023-09-30"
    assert len(cleaned.body) == 6
    tail = [(b.role, b.text[:16]) for b in cleaned.blocks[-3:]]
    assert tail == [
        ("boilerplate", "#NATO #send #add"),
        ("boilerplate", "You may also lik"),
        ("boilerplate", "Leave a Comment"),
    ]


@pytest.mark.parametrize("key", sorted(SEED_IDS))
def test_nothing_is_deleted_every_visible_character_is_in_a_block(key):
    article = CORPUS[SEED_IDS[key]]
    covered = set()
    for block in clean(article).blocks:
        assert article.text[block.start : block.end] == block.text
        covered.update(range(block.start, block.end))
    assert all(i in covered for i, char in enumerate(article.text) if not char.isspace())


def make(text, **meta):
    return clean(Article("x", text, **meta))


def test_hard_wrapped_prose_is_one_paragraph():
    text = (
        "Storm hits coast\n\n"
        "The storm reached the coast on Monday night and cut power to\n"
        "thousands of homes, officials said, while crews worked through\n"
        "the night to clear roads blocked by fallen trees.\n"
    )
    cleaned = make(text)
    assert roles(cleaned) == ["title", "body"]
    assert cleaned.body[0].text.count("\n") == 2


def test_caption_in_the_middle_of_the_body():
    text = (
        "Storm hits coast\n\n"
        "The storm reached the coast on Monday night, officials said.\n\n"
        "Crews clear a road in Riverton on Tuesday. (Reuters/Jane Doe Photo)\n\n"
        "Power returned to most homes by Wednesday, the utility said."
    )
    assert roles(make(text)) == ["title", "body", "caption", "body"]


def test_related_list_after_the_article_is_boilerplate_even_with_full_sentences():
    text = (
        "Storm hits coast\n\n"
        "The storm reached the coast on Monday night, officials said.\n\n"
        "Power returned to most homes by Wednesday, the utility said.\n\n"
        "Council approves budget\n\n"
        "The city council approved its budget after a long debate...\n\n"
        "2 hours ago\n\n"
        "School reopens after fire\n\n"
        "Pupils returned to the school on Thursday. Parents were relieved."
    )
    assert roles(make(text)) == ["title", "body", "body"] + ["boilerplate"] * 5


def test_wire_credit_lines_and_reading_time():
    text = (
        "Storm hits coast\n\n"
        "4 min read\n\n"
        "The storm reached the coast on Monday night, officials said.\n\n"
        "(Reporting by Jane Doe; Editing by John Roe)"
    )
    cleaned = make(text)
    assert roles(cleaned) == ["title", "boilerplate", "body", "byline"]


def test_given_title_finds_the_headline_block():
    cleaned = make(
        "Short line\n\nActual Headline Here\n\nBody text that is long enough, officials said.",
        title="Actual Headline Here",
    )
    assert [b.role for b in cleaned.blocks] == ["boilerplate", "title", "body"]


def test_article_that_starts_with_its_first_paragraph_has_no_title():
    text = (
        "Floodwaters rose across the valley on Monday as rain kept falling for a third day, "
        "forcing hundreds of families from their homes, officials said.\n\nMore rain is expected."
    )
    assert roles(make(text)) == ["body", "body"]


def test_dateline_variants():
    for line, date in [
        ("Published: 5 March 2024 18:02 GMT", "2024-03-05"),
        ("Updated Mar. 5, 2024, 6:02 p.m. ET", "2024-03-05"),
    ]:
        cleaned = make(f"Storm hits coast\n\n{line}\n\nThe storm reached the coast on Monday night, officials said.")
        assert roles(cleaned)[1] == "dateline"
        assert cleaned.date == date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a\n\nb", ["a", "b"]),
        ("A\nB", ["A", "B"]),
        ("one,\ncontinued", ["one,\ncontinued"]),
        ("one\nlower continued", ["one\nlower continued"]),
        ("\n\n  \n", []),
    ],
)
def test_split_blocks(text, expected):
    assert [text[s:e] for s, e in split_blocks(text)] == expected


def test_empty_article_has_no_blocks():
    assert make("").blocks == ()
