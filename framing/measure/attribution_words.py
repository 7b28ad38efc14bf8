"""The words and part-of-speech tags the attribution rules look up, in one place.

The words come from the word list ``attribution_words``
(``lexicons/word_lists/attribution_words.tsv``), one set per category; the
tag sets are Penn Treebank tags of :mod:`framing.models.pos`.

>>> "also" in SKIP_BEFORE_CUE, "although" in CLAUSE_WORDS, "was" in BE_FORMS
(True, True, True)
"""

from __future__ import annotations

from framing.read.lexicon_files import word_list

__all__ = [
    "ADDRESSEE_CUES",
    "ADJUNCTS_AFTER_CUE",
    "ADJUNCT_WORDS",
    "BE_FORMS",
    "CLAUSE_WORDS",
    "CONTENT_STOPS",
    "FINITE",
    "FUNCTION_WORDS",
    "LY_ADJECTIVES",
    "NOMINAL_BEFORE",
    "NON_SPEECH",
    "NON_SPEECH_PASSIVE",
    "NOT_IN_SOURCE",
    "NP_TAGS",
    "PARENTHETICAL_OPENERS",
    "PUNCT_BOUNDARY",
    "SKIP_BEFORE_CUE",
]


def _words(*categories: str) -> frozenset[str]:
    """Words of the ``attribution_words`` list (``lexicons/word_lists/attribution_words.tsv``)."""
    return word_list("attribution_words", *categories)


#: Auxiliaries and adverbs between a source and its cue ("X has also said").
SKIP_BEFORE_CUE = _words("skip_before_cue")
CLAUSE_WORDS = _words("clause_word")
PARENTHETICAL_OPENERS = _words("parenthetical_opener")
ADJUNCT_WORDS = _words("adjunct_word")
#: Words that open an adjunct after "X said …" (time, place, manner), not the content: "Rama said after a meeting".
ADJUNCTS_AFTER_CUE = _words("adjunct_after_cue")
BE_FORMS = _words("be_form")
#: Words that do not occur inside a source noun phrase ("leaders have stepped up", "counterparts for …").
NOT_IN_SOURCE = _words("not_in_source")
FUNCTION_WORDS = _words("clause_word", "adjunct_word", "determiner")
LY_ADJECTIVES = _words("ly_adjective")
#: Words that, after a comma, start an aside or a contrast that ends a content span.
CONTENT_STOPS = _words("content_stop")
#: Tags of finite verbs: a source noun phrase holds none.
FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})
#: Tags that can make up a noun phrase (for finding a clause's subject).
NP_TAGS = frozenset(
    {"DT", "PDT", "JJ", "JJR", "JJS", "NN", "NNS", "NNP", "NNPS", "PRP", "PRP$", "CD", "POS", "``", "''"}
)
NOMINAL_BEFORE = _words("nominal_before")
PUNCT_BOUNDARY = frozenset(',;:()[]—–-"“”„«»…!?')


def _pairs(category: str) -> frozenset[tuple[str, str]]:
    """The ``lemma word`` terms of a category as pairs."""
    return frozenset(tuple(term.split(maxsplit=1)) for term in _words(category))  # type: ignore[misc]


#: A cue's lemma and the word after it where the cue is not speech or thought ("appeared on Fox News").
NON_SPEECH = _pairs("non_speech")
#: The same in the passive only ("was admitted to the hospital").
NON_SPEECH_PASSIVE = _pairs("non_speech_passive")
#: Cue lemmas that name whom they are told to before the content ("told the crowd that …").
ADDRESSEE_CUES = _words("addressee_cue")
