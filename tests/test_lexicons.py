"""Lexicon files: format, provenance, validation errors, and token matching."""

from __future__ import annotations

import pytest

from framing.contract.tables import STANCES
from framing.lexicons import (
    REQUIRED_KEYS,
    Lexicon,
    WordPositions,
    builtin_lexicon,
    builtin_lexicon_names,
    load_lexicon,
)
from framing.measure.units import Sentence, lexicon_tokens
from framing.problems import FramingError
from framing.segment.tokens import tokenize

HEADER = "".join(f"# {key}: test {key}\n" for key in REQUIRED_KEYS) + "term\tcategory\tweight\tnote\n"


def hits(lexicon: Lexicon, text: str) -> list[tuple[str, str]]:
    return [(m.text, m.entry.category) for m in lexicon.match(tokenize(text), text)]


def write(tmp_path, body: str, header: str = HEADER):
    path = tmp_path / "mine.tsv"
    path.write_text(header + body, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "name", ["reporting_verbs", "loaded", "hedges", "boosters", "boilerplate", "news_agencies", "person_titles"]
)
def test_builtin_lexicons_load_and_name_their_source_and_license(name):
    lexicon = builtin_lexicon(name)
    assert lexicon.name == name
    for key in REQUIRED_KEYS:
        assert lexicon.meta[key].strip(), f"{name} lacks {key}"
    assert len(lexicon) > 0


def test_every_reporting_verb_has_a_stance_from_the_design_vocabulary():
    lexicon = builtin_lexicon("reporting_verbs")
    assert set(lexicon.categories()) == set(STANCES)


def test_reporting_verbs_include_multi_word_cues():
    lexicon = builtin_lexicon("reporting_verbs")
    text = "He called on both sides, expressed concern and, according to aides, insisted."
    found = {m.entry.lemma: m.entry.category for m in lexicon.match(tokenize(text), text)}
    assert found["call on"] == "directive"
    assert found["according to"] == "neutral"
    assert found["insist"] == "emphatic"
    assert "express concern" in found


def test_loaded_lexicon_has_hundreds_of_entries_and_the_classic_terms():
    lexicon = builtin_lexicon("loaded")
    assert len(lexicon) >= 300
    text = (
        "The regime's thugs and a mob slammed the bloody crackdown by malign ultra nationalists, "
        "orchestrating an unprecedented attack."
    )
    matched = {m.text.lower() for m in lexicon.match(tokenize(text), text)}
    for word in [
        "regime",
        "thugs",
        "mob",
        "slammed",
        "bloody",
        "crackdown",
        "malign",
        "ultra nationalists",
        "orchestrating",
        "unprecedented",
    ]:
        assert word in matched, word


def test_matching_is_on_tokens_never_substrings():
    lexicon = Lexicon.from_entries("t", [("war", "conflict")])
    assert hits(lexicon, "The award was a warning about the war.") == [("war", "conflict")]


def test_wildcards_alternatives_and_exact_case():
    lexicon = Lexicon.from_entries("t", [("slam*", "verb"), ("say|said", "cue"), ("=may", "hedge")])
    assert hits(lexicon, "In May they slammed it and said it may fail.") == [
        ("slammed", "verb"),
        ("said", "cue"),
        ("may", "hedge"),
    ]


def test_phrases_match_across_hyphens_and_longest_wins():
    lexicon = Lexicon.from_entries("t", [("ultra nationalist*", "label"), ("nationalist*", "mild")])
    assert hits(lexicon, "ultra-nationalists and nationalists") == [
        ("ultra-nationalists", "label"),
        ("nationalists", "mild"),
    ]


def test_entry_lemma_is_the_first_form():
    lexicon = Lexicon.from_entries("t", [("deny|denies|denied", "denial")])
    assert lexicon.entries[0].lemma == "deny"


def test_add_returns_a_new_lexicon_and_changes_matches():
    base = Lexicon.from_entries("t", [("thug*", "label")])
    bigger = base.add("hooligan*", "label")
    assert hits(base, "hooligans") == []
    assert hits(bigger, "hooligans") == [("hooligans", "label")]
    assert base.sha256 != bigger.sha256


def test_a_user_file_loads(tmp_path):
    lexicon = load_lexicon(write(tmp_path, "regime\tlabel\t2\tnote here\n"))
    assert (lexicon.name, lexicon.entries[0].weight, lexicon.entries[0].note) == ("test name", 2.0, "note here")


def test_missing_header_line_names_the_key(tmp_path):
    path = write(tmp_path, "regime\tlabel\t1\t\n", header="# name: x\nterm\tcategory\tweight\tnote\n")
    with pytest.raises(FramingError, match=r"missing header line.*# version"):
        load_lexicon(path)


def test_wrong_column_header_names_the_line(tmp_path):
    path = write(tmp_path, "", header="".join(f"# {k}: v\n" for k in REQUIRED_KEYS) + "word\tkind\n")
    with pytest.raises(FramingError, match=r"mine.tsv:6: the header row must be"):
        load_lexicon(path)


def test_non_numeric_weight_names_file_and_line(tmp_path):
    with pytest.raises(FramingError, match=r"mine.tsv:7: the weight 'high' is not a number"):
        load_lexicon(write(tmp_path, "regime\tlabel\thigh\t\n"))


def test_spaces_instead_of_tabs_is_explained(tmp_path):
    with pytest.raises(FramingError, match="tabs, not spaces"):
        load_lexicon(write(tmp_path, "regime label 1\n"))


def test_duplicate_terms_name_both_lines(tmp_path):
    with pytest.raises(FramingError, match=r"line 8: the term 'Regime' repeats line 7"):
        load_lexicon(write(tmp_path, "regime\tlabel\t1\t\nRegime\tother\t1\t\n"))


def test_missing_file_and_unknown_builtin_are_clear(tmp_path):
    with pytest.raises(FramingError, match="does not exist"):
        load_lexicon(tmp_path / "nope.tsv")
    with pytest.raises(FramingError, match="no built-in lexicon 'nope'; the built-in lexicons are"):
        builtin_lexicon("nope")


def test_builtin_names_list_the_shipped_files():
    assert {"loaded", "hedges", "boosters", "reporting_verbs"} <= set(builtin_lexicon_names())


def test_a_builtin_lexicon_saved_and_read_back_matches_the_same_text(tmp_path):

    original = builtin_lexicon("loaded")
    copy = load_lexicon(original.add("stormed|storming", "violence_intensity", 2.0, "a note").save(tmp_path / "l.tsv"))
    assert copy.name == "loaded" and copy.version.endswith("+user")
    assert copy.meta["source"] == original.meta["source"]
    assert len(copy) == len(original) + 1
    text = "Gunmen stormed the village and slammed the door in a bloody raid."
    assert [m.text for m in copy.match(tokenize(text), text)] == ["stormed", "slammed", "bloody"]


def test_saving_a_lexicon_where_it_cannot_be_written_is_one_clear_error(tmp_path):

    with pytest.raises(FramingError, match="cannot write the lexicon"):
        Lexicon.from_entries("mine", [("thug*", "pejorative")]).save(tmp_path / "missing" / "mine.tsv")


def test_word_positions_are_found_only_for_the_words_asked_about_and_kept():
    positions = WordPositions(["the", "war", "ended", "the", "war"])
    assert positions.words == {"the", "war", "ended"}
    assert dict(positions.of({"war"})) == {"war": [1, 4]}
    found = positions.of({"the", "peace"})  # a word not in the list occurs nowhere
    assert found["the"] == [0, 3] and found["peace"] == [] and found["war"] == [1, 4]


def test_lexicons_prepared_together_find_what_each_finds_alone():

    text = "Critics slammed the ultra-nationalist war plan. Officials said it may fail, of course."
    first, second = 0, text.index("Officials")
    sentences = [
        Sentence(0, 0, first, second - 1, text[: second - 1], tuple(tokenize(text, first, second - 1))),
        Sentence(1, 0, second, len(text), text[second:], tuple(tokenize(text, second, len(text)))),
    ]
    lexicons = [builtin_lexicon(name) for name in ("loaded", "hedges", "reporting_verbs")]
    shared = lexicon_tokens(sentences, lexicons)
    for lexicon in lexicons:
        alone = lexicon_tokens(sentences).match(lexicon, text)
        assert shared.match(lexicon, text) == alone
        assert alone == [m for s in sentences for m in lexicon.match(s.tokens, text)]
    assert "said" in [m.text for m in shared.match(lexicons[2], text)]
    assert "may" in [m.text for m in shared.match(lexicons[1], text)]
