"""Sentences and tokens: news typography, offsets, and clitics."""

from __future__ import annotations

import pytest

from framing.segment.boundaries import sentence_spans, sentences
from framing.segment.tokens import normalize_token, tokenize, word_tokens


def split(text: str) -> list[str]:
    return [t for _, _, t in sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("U.S. officials met. They left.", ["U.S. officials met.", "They left."]),
        ("He moved to the U.S. The move was sudden.", ["He moved to the U.S.", "The move was sudden."]),
        ("Mr. Rama and Sen. Warren spoke. Then they ate.", ["Mr. Rama and Sen. Warren spoke.", "Then they ate."]),
        (
            "The talks were held on Nov. 22 in Skopje. It rained.",
            ["The talks were held on Nov. 22 in Skopje.", "It rained."],
        ),
        ("Gov. J. K. Smith of Calif. spoke.", ["Gov. J. K. Smith of Calif. spoke."]),
        (
            "SKOPJE, North Macedonia (AP) — Rama urged NATO. He left.",
            ["SKOPJE, North Macedonia (AP) — Rama urged NATO.", "He left."],
        ),
        ("“We are cautious.” Stoltenberg said more.", ["“We are cautious.”", "Stoltenberg said more."]),
        ("“Is it over?” she asked. Nobody knew.", ["“Is it over?” she asked.", "Nobody knew."]),
        ('"We will win," he said. "They will not."', ['"We will win," he said.', '"They will not."']),
        ("They waited … and waited. Then it ended.", ["They waited … and waited.", "Then it ended."]),
        ("It was 10 a.m. Monday when he came.", ["It was 10 a.m. Monday when he came."]),
        ("Profits rose 3.5 percent. Shares fell.", ["Profits rose 3.5 percent.", "Shares fell."]),
        ("He said . . . nothing. Then he left.", ["He said . . . nothing.", "Then he left."]),
        ("No. 10 said no. Downing Street agreed.", ["No. 10 said no.", "Downing Street agreed."]),
    ],
)
def test_sentences_respect_news_typography(text, expected):
    assert split(text) == expected


def test_sentence_spans_are_offsets_into_the_text():
    text = "  First one.  Second one!\n"
    spans = sentence_spans(text)
    assert [text[s:e] for s, e in spans] == ["First one.", "Second one!"]


def test_sentence_spans_stay_inside_the_given_range():
    text = "Title\n\nBody one. Body two.\n\nTail."
    start = text.index("Body")
    end = text.index("\n\nTail")
    assert [text[s:e] for s, e in sentence_spans(text, start, end)] == ["Body one.", "Body two."]


def test_a_sentence_without_final_punctuation_is_kept():
    assert split("A headline without a full stop") == ["A headline without a full stop"]


def test_tokens_carry_offsets_that_slice_the_text():
    text = "Kosovo’s border wasn’t “out of control,” 1,000 U.S. troops said."
    for token in tokenize(text):
        assert text[token.start : token.end] == token.text


def test_clitics_are_split_like_the_penn_treebank():
    assert [t.text for t in tokenize("Kosovo's border wasn't calm")] == ["Kosovo", "'s", "border", "was", "n't", "calm"]


def test_numbers_abbreviations_and_hyphenated_words_stay_whole():
    texts = [t.text for t in tokenize("About 1,000 U.S. troops, 10:36 am, ultra-nationalist 2023-09-30")]
    assert texts == ["About", "1,000", "U.S.", "troops", ",", "10:36", "am", ",", "ultra-nationalist", "2023-09-30"]


def test_word_tokens_leave_out_punctuation_and_clitics():
    assert [t.text for t in word_tokens(tokenize("He didn't go, did he?"))] == ["He", "did", "go", "did", "he"]


def test_normalize_token_unifies_apostrophes_and_case():
    assert normalize_token("Kosovo’S") == "kosovo's"
