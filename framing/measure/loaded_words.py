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
>>> [w.text for w in words], matrix.shape[1] == len(FEATURES)
(['fierce', 'senator', 'ranted', 'budget'], True)
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
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
    "Candidate",
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
_NOTHING = (0.0,) * 20


class Candidate(NamedTuple):
    """A word the model scores: its sentence (number and paragraph), text and offsets."""

    paragraph: int
    sentence: int
    text: str
    start: int
    end: int


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


def _marks(sentences: Sequence[Sentence], hits: Sequence[LexiconHit]) -> dict[str, dict[int, float]]:
    """For each lexicon of :data:`FEATURE_LEXICONS`, the start of every token a hit overlaps and the hit's weight."""
    tokens = [token for sentence in sentences for token in sentence.tokens]
    starts = [token.start for token in tokens]
    marks: dict[str, dict[int, float]] = {name: {} for name in FEATURE_LEXICONS}
    for hit in hits:
        covered = marks.get(hit.lexicon)
        if covered is None or (hit.lexicon == "reporting_verbs" and hit.category not in MARKED_STANCES):
            continue
        for token in tokens[max(0, bisect_right(starts, hit.start) - 1) : bisect_left(starts, hit.end)]:
            if token.end > hit.start:
                covered[token.start] = max(covered.get(token.start, 0.0), hit.weight)
    return marks


def candidate_features(
    text: str,
    sentences: Sequence[Sentence],
    *,
    voice_at: Callable[[int], str] | None = None,
    hits: Sequence[LexiconHit] | None = None,
) -> tuple[list[Candidate], np.ndarray]:
    """The candidate words of ``sentences`` and their features (one row each, columns :data:`FEATURES`).

    ``voice_at``: the voice at an offset (:meth:`framing.measure.voice.Voices.at`; all narration when not
    given); ``hits``: the hits of the lexicons of :data:`FEATURE_LEXICONS` (those of the built-in ones
    when not given; :func:`lexicon_hits`).
    """
    if hits is None:
        lexicons = [builtin_lexicon(name) for name in FEATURE_LEXICONS]
        hits = lexicon_hits(text, lexicon_tokens(sentences, lexicons), lexicons)
    marks = _marks(sentences, hits)
    loaded, hedges, boosters, evaluative, marked = (marks[name] for name in FEATURE_LEXICONS)
    words: list[Candidate] = []
    rows: list[tuple[float, ...]] = []
    for sentence in sentences:
        tokens = sentence.tokens
        chosen = [i for i, token in enumerate(tokens) if _is_candidate(token.text)]
        own = [_word_features(tokens[i].text) for i in chosen]
        total = sum(features[0] for features in own)
        quoted = _short_quotes(tokens)
        lede = float(sentence.number < LEDE_SENTENCES)
        exclamation = float("!" in sentence.text)
        for i, features in zip(chosen, own, strict=True):
            token = tokens[i]
            before = tokens[i - 1].text if i else ""
            after = tokens[i + 1].text if i + 1 < len(tokens) else ""
            after_features = _word_features(after) if _is_candidate(after) else _NOTHING
            neighbours = max(_word_features(before)[0] if _is_candidate(before) else 0.0, after_features[0])
            voice = voice_at(token.start) if voice_at else "narration"
            before_person = bool(after) and (after[:1].isupper() or after.lower() in _person_words())
            rows.append(
                (
                    *features[:3],
                    neighbours,
                    float(token.start in loaded),
                    loaded.get(token.start, 0.0) / 3,
                    float(token.start in hedges),
                    float(token.start in boosters),
                    float(token.start in evaluative),
                    *features[3:],
                    float(after_features[6] > 0 or after_features[7] > 0),
                    (total - features[0]) / max(len(own) - 1, 1),
                    float(voice == "quoted"),
                    float(voice == "reported"),
                    float(before_person and not features[7]),
                    float(i > 0 and tokens[i - 1].start in boosters),
                    float(token.start in marked),
                    float(i in quoted),
                    lede,
                    exclamation,
                )
            )
            words.append(Candidate(sentence.paragraph, sentence.number, token.text, token.start, token.end))
    matrix = np.asarray(rows, dtype=float).reshape(len(rows), len(FEATURES))
    return words, matrix


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
