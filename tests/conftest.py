"""Shared fixtures: the seed articles, a hand-written multi-outlet story, the annotated data folder, and the
attributions of a hand-written body."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from framing.clean import clean
from framing.measure.attribution import find_attributions
from framing.measure.units import body_sentences
from framing.read import Article
from framing.run.pipeline import analyze

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
DATA = Path(os.environ.get("FRAMING_DATA", ROOT.parent / "shared" / "data"))

SEED_IDS = {
    "ap": "000_54088d3950db1dde",
    "republished": "001_8d5691ca8830ed98",
    "rewrite": "002_bf5fc222d0da8d07",
    "voa": "003_19b3a29b58fb15a2",
    "timenews": "004_e11777c47123277c",
}

#: A small story told by three invented outlets, written for the tests.
HANDWRITTEN_STORY = [
    {
        "id": "wire",
        "source": "Wire Service",
        "date": "2024-03-05",
        "story": "dam",
        "text": (
            "Dam talks collapse as flooding fears grow\n\n"
            "By Maria Lopez, Reuters\n\n"
            "RIVERTON (Reuters) — Talks on the Riverton dam collapsed on Tuesday, officials said.\n\n"
            "“We did everything we could,” Water Minister Ana Pereira said after the meeting. "
            "“The other side walked away.”\n\n"
            "Pereira insisted that the dam was safe. She said repairs would start in May.\n\n"
            "Engineers have warned that the spillway could fail, according to a report by the regional authority."
        ),
    },
    {
        "id": "tabloid",
        "source": "Daily Shout",
        "date": "2024-03-06",
        "story": "dam",
        "text": (
            "DAM DISASTER: Talks implode\n\n"
            "Talks on the crumbling Riverton dam imploded on Tuesday in a shocking fiasco.\n\n"
            "Water Minister Ana Pereira claimed the dam was safe, "
            "but critics slammed her regime’s reckless handling.\n\n"
            "“The other side walked away,” she whined."
        ),
    },
    {
        "id": "local",
        "source": "Riverton Gazette",
        "date": "2024-03-05",
        "story": "dam",
        "text": (
            "Riverton dam talks end without deal\n\n"
            "Posted March 5, 2024 6:02 pm\n\n"
            "Negotiations over the Riverton dam ended on Tuesday without an agreement.\n\n"
            "Residents said they feared for their homes. Some may leave, a neighbourhood group said.\n\n"
            "Read more: Riverton council meets Thursday\n\n"
            "You may also like\n\n"
            "Riverton council meets Thursday\n\n"
            "Council members will debate the budget...\n\n"
            "3h ago"
        ),
    },
]


@pytest.fixture(scope="session")
def seeds_result():
    """The seeds analysed once for the whole session (tests must not change it)."""
    return analyze(SEEDS)


@pytest.fixture(scope="session")
def story_result():
    """The hand-written three-outlet story, analysed once."""
    return analyze(HANDWRITTEN_STORY)


@pytest.fixture
def data_dir() -> Path:
    """The annotated corpora folder; tests that need it skip when it is absent."""
    if not (DATA / "polnear-train").is_dir():
        pytest.skip(f"annotated data not found at {DATA}; set FRAMING_DATA to the folder holding polnear-train/")
    return DATA


def attributions(body: str):
    """Attributions in a one-headline article whose body is ``body``, each span checked against the text."""
    text = "Headline\n\n" + body
    cleaned = clean(Article("t", text))
    rows = find_attributions(text, body_sentences(cleaned), [(b.start, b.end) for b in cleaned.body])
    for row in rows:
        if row.speaker_start is not None:
            assert text[row.speaker_start : row.speaker_end] == row.speaker_mention
        if row.cue_start is not None:
            assert text[row.cue_start : row.cue_end] == row.cue
        assert text[row.content_start : row.content_end] == row.content
    return rows
