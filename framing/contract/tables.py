"""The data contract: which tables framing writes and their columns.

Required columns come first, in the order of DESIGN.md; the few extra
columns framing adds come after them.  :func:`frame` turns rows into a
DataFrame with exactly these columns, so every table has its full header
even when it has no rows.

>>> list(frame("problems", []).columns)
['input', 'line', 'severity', 'message']
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

__all__ = [
    "ATTRIBUTION_KINDS",
    "CONTRACT",
    "CORPUS_TABLES",
    "EXTRA",
    "OPEN_TABLES",
    "REUSE",
    "ROLES",
    "STANCES",
    "SUBSTITUTION_KINDS",
    "TABLES",
    "TYPES",
    "VOICES",
    "column_kind",
    "columns",
    "conform",
    "frame",
    "input_columns",
    "typed",
    "whole_numbers",
]

#: The vocabularies of the contract's categorical columns.
ROLES = ("title", "byline", "dateline", "caption", "body", "boilerplate")
REUSE = ("verbatim", "edited", "paraphrase", "shared_quote", "novel")
ATTRIBUTION_KINDS = ("direct", "partial", "indirect")
STANCES = (
    "neutral",
    "endorsing",
    "distancing",
    "denial",
    "admission",
    "emphatic",
    "directive",
    "emotive",
    "private_state",
)
SUBSTITUTION_KINDS = ("reporting_verb", "loaded_term", "hedge", "number", "name", "other")
#: Whose words: the outlet's own narration, a source's quoted words, a source's reported (indirect) speech.
VOICES = ("narration", "quoted", "reported")

CONTRACT: dict[str, list[str]] = {
    "articles": """article_id story source title byline date words sentences body_paragraphs sentiment_mean
    sentiment_neg_share sentiment_pos_share attributions direct_quotes speakers loaded_per_1k
    hedges_per_1k novel_share editorial_paragraphs removed_chars""".split(),
    "paragraphs": """article_id paragraph role start end text words sentiment_mean reuse match_article
    match_paragraph match_score editorial_score editorial editorial_evidence""".split(),
    "sentences": """article_id source paragraph sentence start end text compound pos neu neg""".split(),
    "attributions": """article_id source paragraph sentence speaker speaker_start speaker_end cue cue_lemma cue_start
    cue_end stance kind content content_start content_end""".split(),
    "terms": """article_id source paragraph sentence term matched lexicon category start end""".split(),
    "alignments": ["story", "article_a", "paragraph_a", "article_b", "paragraph_b", "score", "reuse"],
    "substitutions": """story article_a paragraph_a article_b paragraph_b removed added kind context_a
    context_b""".split(),
    "omissions": ["story", "article_id", "ref_article", "ref_paragraph", "text", "present_in"],
    "frames": ["article_id", "paragraph", "frame", "probability", "present", "evidence"],
    "problems": ["input", "line", "severity", "message"],
}

#: Columns framing adds after the required ones, and why.
EXTRA: dict[str, dict[str, str]] = {
    "articles": {
        "credit": "news agency or source credited in the text (byline, '(AP)' dateline, 'Source:' line)",
        "url": "the article's address, when the input gave one",
        "boosters_per_1k": "booster words per 1,000 body words",
        "voice_narration_share": "share of body words in the outlet's own narration (not quoted or reported speech)",
        "voice_quoted_share": "share of body words inside a source's quotation marks (direct and partial quotes)",
        "voice_reported_share": "share of body words in a source's indirect (reported) speech: 'X said that ...'",
    },
    "paragraphs": {"role_reason": "which cleaning rule gave the role"},
    "sentences": {
        "reuse": "verbatim, edited, paraphrase or novel against the other versions of the story",
        "match_article": "the version holding the best match",
        "match_sentence": "the best match's sentence number",
        "match_score": "similarity to the best match (edit similarity for copies, cosine for paraphrases)",
        "context_similarity": "highest similarity to any sentence of another version (0 with none)",
        "slant": "0-1 score ranking sentences for review (model trained on BASIL informational bias)",
        "voice": "whose words: narration (the outlet's own), quoted or reported (a source's), by most words",
        "words": "body words in the sentence",
        "words_quoted": "its words inside a source's quotation marks",
        "words_reported": "its words in a source's indirect speech (narration = words - quoted - reported)",
    },
    "alignments": {
        "origin": "the version the shared text probably comes from (empty when neither date nor text says)",
        "origin_basis": "'date' (the earlier version) or 'content' (the version whose text contains the other's); "
        "'independent' for a pair matched on what it reports between versions that copy nothing from each other",
    },
    "substitutions": {
        "sentence_a": "sentence number in article_a",
        "sentence_b": "sentence number in article_b",
        "category_a": "lexicon category of the removed words (a stance for reporting verbs)",
        "category_b": "lexicon category of the added words",
    },
    "attributions": {
        "speaker_mention": "the source as written at speaker_start:speaker_end ('He', 'NATO Secretary-General …')",
        "continuation": "True for a quotation with no cue of its own that continues the previous speaker",
        "speaker_id": "the same key for one speaker in every article and story: a person's first name and surname "
        "('donald-trump'), else the speaker's words ('the-white-house'); empty for a pronoun left unresolved. A "
        "surname no version of its story resolves keeps its own key ('warren'); speakers.csv gives the corpus-wide "
        "speaker it counts as in share_of_voice",
        "speaker_kind": "person (a full name), name (one capitalised word: a surname no version of the story resolves, "
        "or a place), organisation, anonymous ('officials', 'a source'), pronoun (left unresolved) or other",
    },
    "terms": {
        "weight": "the lexicon entry's weight",
        "voice": "whose words the hit is in: narration (the outlet's own), quoted or reported (a source's)",
        "score": "the loaded-language model's score of the hit's words (0-1; their highest) on loaded rows and on "
        "loaded_model rows (words the model scores at or above its threshold that the loaded lexicon lacks; their "
        "category is the word's part of speech); empty for other lexicons or with the model off",
    },
}

#: The tables made batch by batch (whole stories at a time), in the order they are written.
TABLES = tuple(CONTRACT)

#: Tables framing adds that need the whole corpus, made after the per-story work, with each column's meaning.
CORPUS_TABLES: dict[str, dict[str, str]] = {
    "cross_reuse": {
        "story_a": "story of the first paragraph (the pair's paragraphs are in different stories)",
        "article_a": "its article",
        "paragraph_a": "its paragraph number",
        "story_b": "story of the second paragraph",
        "article_b": "its article",
        "paragraph_b": "its paragraph number",
        "similarity": "1.0 for the same words, else the estimated Jaccard similarity of word 3-shingles",
        "kind": "verbatim (the same words) or edited",
        "note": "empty, or how a very common paragraph's pairs were capped",
    },
    "frame_errors": {
        "frame": "a frame of the frame model (frames.csv)",
        "model": "the model's name (its provenance)",
        "unit": "what the model was trained and validated on: article, or paragraph (then frame prevalence counts "
        "body paragraphs)",
        "threshold": "probability at or above which an article is called present",
        "paragraph_threshold": "the same for a body paragraph (calibrated apart)",
        "true_positives": "cross-validated counts when the model was trained: coded present, called present",
        "false_negatives": "coded present, called absent",
        "false_positives": "coded absent, called present",
        "true_negatives": "coded absent, called absent",
        "sensitivity": "true_positives / (true_positives + false_negatives): the tpr of the prevalence correction",
        "false_positive_rate": "false_positives / (false_positives + true_negatives): its fpr",
    },
    "stories": {
        "story": "the story id",
        "title": "the versions' headline closest to the others (ties: the earliest version's), else the first "
        "words of the earliest body",
        "first_date": "the earliest date of its versions (empty when none is dated)",
        "last_date": "the latest date of its versions",
        "outlets": "its distinct sources, in story order, joined with '; '",
        "versions": "how many articles tell it",
        "words": "body words of all its versions together",
        "copied_share": "share of those words in verbatim or edited paragraphs (copies of another version)",
        "independent": "True when its versions are independent reports (copied_share <= "
        "IndependentRules.copied_share), False for copies of one text; empty with one version",
        "tone_gap": "largest difference between two outlets in the mean compound of their own (narration) sentences",
        "tone_high": "the outlet with the highest mean compound",
        "tone_low": "the outlet with the lowest",
        "loaded_gap": "largest difference between two outlets in loaded terms per 1,000 words of their own narration",
        "loaded_high": "the outlet with the most loaded terms per 1,000 words",
        "loaded_low": "the outlet with the fewest",
        "voice_gap": "largest difference between two outlets in the share of body words in quoted or reported speech",
        "voice_high": "the outlet that quotes most",
        "voice_low": "the outlet that quotes least",
    },
}

_TYPES_TEXT = {
    "articles": """int: words sentences body_paragraphs attributions direct_quotes speakers editorial_paragraphs
    removed_chars; float: sentiment_mean sentiment_neg_share sentiment_pos_share loaded_per_1k hedges_per_1k
    novel_share boosters_per_1k voice_narration_share voice_quoted_share voice_reported_share""",
    "paragraphs": "int: paragraph start end words match_paragraph; float: sentiment_mean match_score editorial_score; "
    "bool: editorial",
    "sentences": """int: paragraph sentence start end match_sentence words words_quoted words_reported; float: compound
    pos neu neg match_score context_similarity slant""",
    "attributions": """int: paragraph sentence speaker_start speaker_end cue_start cue_end content_start content_end;
    bool: continuation""",
    "terms": "int: paragraph sentence start end; float: weight score",
    "alignments": "int: paragraph_a paragraph_b; float: score",
    "substitutions": "int: paragraph_a paragraph_b sentence_a sentence_b",
    "omissions": "int: ref_paragraph present_in",
    "frames": "int: paragraph; float: probability; bool: present",
    "frame_errors": "int: true_positives false_negatives false_positives true_negatives; float: threshold "
    "paragraph_threshold sensitivity false_positive_rate",
    "problems": "int: line",
    "cross_reuse": "int: paragraph_a paragraph_b; float: similarity",
    "stories": "int: versions words; float: copied_share tone_gap loaded_gap voice_gap; bool: independent",
}


def _parse_types(text: str) -> dict[str, str]:
    types: dict[str, str] = {}
    for part in text.split(";"):
        kind, _, names = part.partition(":")
        types.update(dict.fromkeys(names.split(), kind.strip()))
    return types


#: The type of every non-text column (``int``, ``float`` or ``bool``); all others are text.  Integers and
#: booleans may be missing, so they are written as whole numbers ("12", never "12.0") or True/False, or empty.
TYPES: dict[str, dict[str, str]] = {name: _parse_types(text) for name, text in _TYPES_TEXT.items()}

_PANDAS_TYPES = {"int": "Int64", "bool": "boolean", "float": "float64"}


def typed(table: str, data: pd.DataFrame) -> pd.DataFrame:
    """``data`` with its columns cast to the contract's types (a copy), so every write formats them alike.

    >>> typed("problems", pd.DataFrame({"line": [3.0, None]}))["line"].tolist()
    [3, <NA>]
    """
    casts = {c: _PANDAS_TYPES[kind] for c, kind in TYPES.get(table, {}).items() if c in data.columns}
    return data.astype(casts) if casts else data


def whole_numbers(table: str, data: pd.DataFrame) -> pd.DataFrame:
    """``data`` with the contract's whole-number columns as integers: ``int64``, or pandas' nullable ``Int64``
    where a value is missing (a paragraph number is never 3.0); a column holding other values is left as it is.

    >>> data = whole_numbers("frames", pd.DataFrame({"paragraph": [None, 2.0], "probability": [0.5, 1.0]}))
    >>> [str(t) for t in data.dtypes], data["paragraph"].tolist()
    (['Int64', 'float64'], [<NA>, 2])
    """
    casts = {}
    for name, kind in TYPES.get(table, {}).items():
        if kind != "int" or name not in data.columns:
            continue
        column = data[name]
        given = column.notna()
        if not pd.api.types.is_integer_dtype(column.dtype):
            values = pd.to_numeric(column, errors="coerce")
            if values[given].isna().any() or (values[given] % 1 != 0).any():
                continue  # not whole numbers: left as they are
        wanted = "int64" if given.all() else "Int64"
        if str(column.dtype) != wanted:
            casts[name] = wanted
    return data.astype(casts) if casts else data


def columns(table: str) -> list[str]:
    """All columns of ``table``: the contract's, then framing's extras."""
    if table in CORPUS_TABLES:
        return list(CORPUS_TABLES[table])
    if table not in CONTRACT:
        raise KeyError(f"unknown table {table!r}; the tables are {', '.join([*TABLES, *CORPUS_TABLES])}")
    return CONTRACT[table] + list(EXTRA.get(table, {}))


#: Tables that also keep the input's own columns (a leaning, a year: any column of the input beyond the fields
#: framing reads), after the contract's and framing's columns, in input order, with their values unchanged.
OPEN_TABLES = ("articles",)


def input_columns(table: str, names: Iterable[Any]) -> list[str]:
    """The input's own columns among ``names``: for a table of :data:`OPEN_TABLES`, those not among its columns.

    >>> input_columns("articles", ["article_id", "lean", "words", "year"]), input_columns("terms", ["lean"])
    (['lean', 'year'], [])
    """
    if table not in OPEN_TABLES:
        return []
    known = set(columns(table))
    return [name for name in names if name not in known]


def column_kind(values: Iterable[Any]) -> str:
    """The type of a column of the input's own values: ``int``, ``float``, ``bool`` or ``text`` (mixed, or none).

    >>> column_kind([2012, None, 2013]), column_kind([1, 2.5]), column_kind([True, None]), column_kind([1, "x"])
    ('int', 'float', 'bool', 'text')
    """
    kinds = {"bool" if isinstance(v, bool) else type(v).__name__ for v in values if v is not None and v == v}
    if kinds == {"bool"} or kinds == {"int"}:
        return kinds.pop()
    return "float" if kinds and kinds <= {"int", "float"} else "text"


def conform(table: str, data: pd.DataFrame) -> pd.DataFrame:
    """``data`` with exactly the table's columns, in order (missing ones empty), its whole numbers as integers
    (:func:`whole_numbers`); a table of :data:`OPEN_TABLES` keeps the input's own columns after them.

    >>> list(conform("problems", pd.DataFrame({"message": ["m"], "input": ["a.txt"]})).columns)
    ['input', 'line', 'severity', 'message']
    """
    ordered = data.reindex(columns=[*columns(table), *input_columns(table, data.columns)]).reset_index(drop=True)
    return whole_numbers(table, ordered)


def frame(table: str, rows: Iterable[Mapping[str, Any]]) -> pd.DataFrame:
    """A DataFrame of ``rows`` with the table's columns in order (missing values empty); a table of
    :data:`OPEN_TABLES` keeps the input's own keys of the rows after them, their values as given (an integer
    beside a missing value stays an integer).

    >>> frame("articles", [{"article_id": "a", "year": 2012}, {"article_id": "b"}])["year"].tolist()
    [2012, None]
    """
    rows = list(rows)
    names = columns(table)
    own = input_columns(table, dict.fromkeys(key for row in rows for key in row)) if table in OPEN_TABLES else []
    data = pd.DataFrame.from_records(rows, columns=names)
    for name in own:
        data[name] = pd.Series([row.get(name) for row in rows], index=data.index, dtype=object)
    return data.reset_index(drop=True)
