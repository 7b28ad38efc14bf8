"""Loaded word choice beyond the lexicon: the features of every candidate body word and the model's hits.

The ``loaded`` lexicon stays the list researchers read and edit; the
loaded-language model (:mod:`framing.models.loaded_words`, trained on BASIL's
lexical-bias spans by ``scripts/train_loaded.py``) scores every candidate word
of the body from features that hold on unseen text:

- **valence**: the word's VADER valence (absolute, and its sign), and the
  largest of its neighbours';
- **lexicons**: whether the ``loaded`` lexicon (and its weight), ``hedges``,
  ``boosters`` or ``evaluative`` match the word;
- **part of speech** (:func:`framing.models.pos.tag`, coarse: adjective,
  adverb, verb, noun, proper noun);
- **frequency**: the word's Zipf frequency in general English (``wordfreq``),
  and whether it is rare;
- **morphology**: evaluative suffixes (``-ous``, ``-ive``, ``-ly``, ``-ist``,
  ...), hyphenated compounds, length;
- **context**: the word's voice (narration, quoted, reported:
  :mod:`framing.measure.voice`), whether it stands before a person or a
  group (a capitalised name, a role noun, an organisation or anonymous-source
  word), and whether a booster stands before it.

A candidate is a word token of at least three letters that is not a stop
word, a number or the first of a capitalised name run.  Hits at or above the
model's threshold become ``terms.csv`` rows of the lexicon ``loaded_model``
(:func:`model_hits`), except words a ``loaded`` hit already covers: those stay
``loaded`` rows, with the model's score beside them.

>>> from framing.measure.units import Sentence
>>> from framing.segment.tokens import tokenize
>>> text = "The fierce senator ranted about the budget."
>>> sentence = Sentence(0, 0, 0, len(text), text, tuple(tokenize(text)))
>>> words, matrix = candidate_features(text, [sentence])
>>> [token.text for token in words.tokens], matrix.shape[1] == len(FEATURES)
(['fierce', 'senator', 'ranted', 'budget'], True)
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

import numpy as np
from wordfreq import zipf_frequency

from framing.lexicons import Lexicon, builtin_lexicon
from framing.measure.sentiment import analyzer
from framing.measure.units import LexiconTokens, Sentence, lexicon_tokens
from framing.models.loaded_words import LOADED_FEATURES
from framing.models.pos import tag
from framing.read.lexicon_files import word_list
from framing.segment import Token

__all__ = [
    "FEATURES",
    "FEATURE_LEXICONS",
    "Candidates",
    "LexiconHit",
    "candidate_features",
    "lexicon_hits",
    "word_class",
]

#: The features of a candidate word, in the order of :func:`candidate_features`' columns.
FEATURES = LOADED_FEATURES

#: The lexicons whose hits are features, in the order of :data:`FEATURES`.
FEATURE_LEXICONS = ("loaded", "hedges", "boosters", "evaluative", "reporting_verbs")
#: The stances of reporting verbs that are not neutral: their words are ``marked_cue``.
MARKED_STANCES = frozenset({"emotive", "emphatic", "distancing", "denial", "admission", "directive", "endorsing"})
#: A quotation of at most this many words, inside a sentence, makes its words ``short_quote`` (scare quotes,
#: a quoted phrase: "called it “utterly irresponsible”").
SHORT_QUOTE_WORDS = 5
#: The first sentences of a body, the ``lede``.
LEDE_SENTENCES = 3
_OPENING = frozenset({"“", '"'})
_CLOSING = frozenset({"”", '"'})

_SUFFIXES = ("ous", "ive", "ful", "less", "ic", "ish", "able", "ible", "ant", "ent")


class Candidates(NamedTuple):
    """The words the model scores: their tokens and, for each, the index of its sentence in the sentences given."""

    tokens: list[Token]
    sentences: list[int]


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    return word_list("stop_words", "stop")


@lru_cache(maxsize=1)
def _person_words() -> frozenset[str]:
    return word_list("speaker_words", "role_noun", "organisation", "anonymous")


_ENDINGS = (
    ("ied", "y"),
    ("ies", "y"),
    ("ing", ""),
    ("ing", "e"),
    ("ed", ""),
    ("ed", "e"),
    ("d", ""),
    ("es", ""),
    ("s", ""),
    ("ly", ""),
    ("ily", "y"),
)


def _valence(lower: str) -> float:
    """VADER's valence of a word, or of its stem when VADER lists only that ("slammed": "slam")."""
    lexicon = analyzer().lexicon
    if lower in lexicon:
        return float(lexicon[lower])
    for ending, replacement in _ENDINGS:
        if lower.endswith(ending) and len(lower) - len(ending) >= 3:
            stem = lower[: -len(ending)] + replacement
            if stem in lexicon:
                return float(lexicon[stem])
            if ending in ("ed", "ing") and len(stem) > 3 and stem[-1] == stem[-2] and stem[:-1] in lexicon:
                return float(lexicon[stem[:-1]])  # slammed -> slamm -> slam
    return 0.0


@lru_cache(maxsize=200_000)
def _word_features(word: str) -> tuple[float, ...]:
    """The features of a word by itself (lower case): valence, part of speech, frequency and morphology."""
    lower = word.lower()
    valence = _valence(lower) / 4
    pos = tag(word)
    zipf = zipf_frequency(lower, "en")
    return (
        abs(valence),
        float(valence < 0),
        float(valence > 0),
        float(pos.startswith("JJ")),
        float(pos.startswith("RB")),
        float(pos.startswith("VB")),
        float(pos in ("NN", "NNS")),
        float(pos.startswith("NNP")),
        zipf / 8,
        float(zipf < 3.0),
        float(lower.endswith(_SUFFIXES)),
        float(lower.endswith("ly")),
        float(lower.endswith(("ist", "ists", "ism"))),
        float("-" in lower),
        min(len(lower), 15) / 15,
        float(pos in ("JJR", "JJS", "RBR", "RBS")),
        abs(valence) * pos.startswith("JJ"),
        abs(valence) * pos.startswith("VB"),
        abs(valence) * pos.startswith("RB"),
        abs(valence) * pos.startswith("NN"),
    )


@lru_cache(maxsize=200_000)
def _is_candidate(word: str) -> bool:
    return len(word) >= 3 and word.replace("-", "").replace("'", "").isalpha() and word.lower() not in _stop_words()


class LexiconHit(NamedTuple):
    """A hit of a lexicon as the features see it: the lexicon's name, the hit's offsets and its entry's weight."""

    lexicon: str
    start: int
    end: int
    weight: float
    category: str = ""


def lexicon_hits(text: str, prepared: LexiconTokens, lexicons: Sequence[Lexicon]) -> list[LexiconHit]:
    """The hits of ``lexicons`` in the prepared sentences, as :func:`candidate_features` takes them."""
    return [
        LexiconHit(lexicon.name, match.start, match.end, float(match.entry.weight), match.entry.category)
        for lexicon in lexicons
        for match in prepared.match(lexicon, text)
    ]


@lru_cache(maxsize=200_000)
def _word_row(word: str) -> bytes:
    """A token's own features, whether it is a candidate, and whether it names a person or group after a word,
    as the bytes of a row of floats (a text's rows are then joined into one matrix without a Python loop)."""
    row = (
        *_word_features(word),
        float(_is_candidate(word)),
        float(word[:1].isupper() or word.lower() in _person_words()),
    )
    return np.asarray(row, dtype=np.float64).tobytes()


#: Columns of :func:`_word_row`: valence, part of speech (noun, proper noun), candidate, person-like.
_VALENCE, _NOUN, _PROPER, _CANDIDATE, _PERSON = 0, 6, 7, 20, 21


def _marks(tokens: Sequence[Token], hits: Sequence[LexiconHit]) -> dict[str, np.ndarray]:
    """For each lexicon of :data:`FEATURE_LEXICONS`, the weight of the hit over each token (0: none; marked
    stances only for ``reporting_verbs``)."""
    starts = [token.start for token in tokens]
    marks = {name: np.zeros(len(tokens)) for name in FEATURE_LEXICONS}
    for hit in hits:
        covered = marks.get(hit.lexicon)
        if covered is None or (hit.lexicon == "reporting_verbs" and hit.category not in MARKED_STANCES):
            continue
        for j in range(max(0, bisect_right(starts, hit.start) - 1), bisect_left(starts, hit.end)):
            if tokens[j].end > hit.start:
                covered[j] = max(covered[j], hit.weight, 1e-9)
    return marks


def _voice_of(tokens: Sequence[Token], voices: Sequence[tuple[int, int, str]]) -> tuple[np.ndarray, np.ndarray]:
    """Whether each token starts inside a quoted span and inside a reported span of ``voices``."""
    starts = np.fromiter((t.start for t in tokens), dtype=np.int64, count=len(tokens))
    if not voices:
        return np.zeros(len(tokens)), np.zeros(len(tokens))
    span_starts = np.array([v[0] for v in voices])
    span_ends = np.array([v[1] for v in voices])
    kinds = np.array([v[2] for v in voices])
    at = np.searchsorted(span_starts, starts, side="right") - 1
    inside = (at >= 0) & (starts < span_ends[np.maximum(at, 0)])
    kind = np.where(inside, kinds[np.maximum(at, 0)], "narration")
    return (kind == "quoted").astype(float), (kind == "reported").astype(float)


def candidate_features(
    text: str,
    sentences: Sequence[Sentence],
    *,
    voices: Sequence[tuple[int, int, str]] = (),
    hits: Sequence[LexiconHit] | None = None,
) -> tuple[Candidates, np.ndarray]:
    """The candidate words of ``sentences`` and their features (one row each, columns :data:`FEATURES`).

    ``voices``: the quoted and reported spans (``start``, ``end``, ``voice``) of the text (the ``spans``
    of a :class:`~framing.measure.voice.Voices`; the rest is narration); ``hits``: the hits of the lexicons
    of :data:`FEATURE_LEXICONS` (those of the built-in ones when not given; :func:`lexicon_hits`).  The work
    is done on arrays of all tokens at once, each distinct word's own features computed once per process.
    """
    if hits is None:
        lexicons = [builtin_lexicon(name) for name in FEATURE_LEXICONS]
        hits = lexicon_hits(text, lexicon_tokens(sentences, lexicons), lexicons)
    tokens = [token for sentence in sentences for token in sentence.tokens]
    if not tokens:
        return Candidates([], []), np.zeros((0, len(FEATURES)))
    own = np.frombuffer(b"".join([_word_row(token.text) for token in tokens]), dtype=np.float64)
    own = own.reshape(len(tokens), -1)
    sentence = np.repeat(np.arange(len(sentences)), [len(s.tokens) for s in sentences])
    first = np.r_[True, sentence[1:] != sentence[:-1]]
    last = np.r_[sentence[1:] != sentence[:-1], True]
    candidate = own[:, _CANDIDATE] > 0
    valence = own[:, _VALENCE] * candidate
    neighbours = np.maximum(
        np.where(first, 0.0, np.r_[0.0, valence[:-1]]), np.where(last, 0.0, np.r_[valence[1:], 0.0])
    )
    total = np.bincount(sentence, weights=valence, minlength=len(sentences))
    count = np.bincount(sentence, weights=candidate.astype(float), minlength=len(sentences))
    nounish = candidate & ((own[:, _NOUN] + own[:, _PROPER]) > 0)
    marks = _marks(tokens, hits)
    quoted, reported = _voice_of(tokens, voices)
    columns = [
        own[:, :3],
        neighbours,
        *(marks[name] > 0 for name in ("loaded",)),
        marks["loaded"] / 3,
        marks["hedges"] > 0,
        marks["boosters"] > 0,
        marks["evaluative"] > 0,
        own[:, 3:20],
        ~last & np.r_[nounish[1:], False],
        (total[sentence] - valence) / np.maximum(count[sentence] - 1, 1),
        quoted,
        reported,
        ~last & np.r_[own[1:, _PERSON] > 0, False] & (own[:, _PROPER] == 0),
        ~first & np.r_[False, marks["boosters"][:-1] > 0],
        marks["reporting_verbs"] > 0,
        _short_quotes_of(sentences),
        np.array([s.number < LEDE_SENTENCES for s in sentences], dtype=bool)[sentence],
        np.array(["!" in s.text for s in sentences], dtype=bool)[sentence],
    ]
    matrix = np.column_stack([np.asarray(c, dtype=float) for c in columns])[candidate]
    chosen = np.flatnonzero(candidate)
    return Candidates([tokens[i] for i in chosen], sentence[chosen].tolist()), matrix


def _short_quotes_of(sentences: Sequence[Sentence]) -> np.ndarray:
    """Whether each token of ``sentences`` (all in a row) is inside a short quotation (:func:`_short_quotes`)."""
    flags = np.zeros(sum(len(s.tokens) for s in sentences), dtype=bool)
    offset = 0
    for s in sentences:
        if '"' in s.text or "“" in s.text:
            for i in _short_quotes(s.tokens):
                flags[offset + i] = True
        offset += len(s.tokens)
    return flags


def _short_quotes(tokens: Sequence[Token]) -> set[int]:
    """The indexes of the tokens inside quotations of at most :data:`SHORT_QUOTE_WORDS` words in a sentence.

    >>> from framing.segment.tokens import tokenize
    >>> sorted(_short_quotes(tokenize('He called it “utterly irresponsible.” and left.')))
    [4, 5, 6]
    """
    found: set[int] = set()
    opened: int | None = None
    for i, token in enumerate(tokens):
        if opened is None and token.text in _OPENING:
            opened = i
        elif opened is not None and token.text in _CLOSING:
            inside = range(opened + 1, i)
            if 0 < sum(1 for j in inside if tokens[j].text[:1].isalnum()) <= SHORT_QUOTE_WORDS:
                found.update(inside)
            opened = None
    return found


def word_class(word: str) -> str:
    """The coarse part of speech of a word, the ``category`` of its ``loaded_model`` rows.

    >>> word_class("fierce"), word_class("ranted"), word_class("budget")
    ('adjective', 'verb', 'noun')
    """
    pos = tag(word)
    for prefix, name in (("JJ", "adjective"), ("RB", "adverb"), ("VB", "verb"), ("NN", "noun")):
        if pos.startswith(prefix):
            return name
    return "other"
