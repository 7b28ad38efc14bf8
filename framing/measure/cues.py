"""Cues: which reporting-verb hits can start an attribution, and the tokens around a cue that the rules read.

A cue is a hit of the ``reporting_verbs`` lexicon.  It counts when it is a
verb, not a noun ("his claims") or part of a capitalised name; its *frame*
is the cue as PolNeAR marks it, with the auxiliaries, negation and adverbs
before the verb ("has not commented", "also said").

>>> from framing.segment import tokenize
>>> tokens = tokenize("Rama has also said it was calm.")
>>> first = token_index(tokens, 14)  # "said"
>>> first, cue_frame(tokens, first), passive(tokens, first), nominal(tokens, first)
(3, 1, False, False)
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from itertools import pairwise
from operator import attrgetter

from framing.lexicons import Lexicon, LexiconMatch
from framing.measure.attribution_words import (
    BE_FORMS,
    FINITE,
    FUNCTION_WORDS,
    LY_ADJECTIVES,
    NOMINAL_BEFORE,
    NON_SPEECH,
    NON_SPEECH_PASSIVE,
    NOT_IN_SOURCE,
    SKIP_BEFORE_CUE,
)
from framing.measure.names import _WEEKDAYS
from framing.measure.quotes import Quote, inside_quote, quote_mark
from framing.measure.speakers import TIME_WORDS
from framing.measure.units import LexiconTokens, Sentence, lexicon_tokens
from framing.models import pos
from framing.segment import Token

__all__ = [
    "after_be",
    "after_quote",
    "cue_frame",
    "cue_matches",
    "next_sibling",
    "nominal",
    "non_speech",
    "passive",
    "preposition_after",
    "token_index",
    "trailing_adjunct_end",
    "usable_cues",
]


def cue_matches(
    text: str, sentences: Sequence[Sentence], cues: Lexicon, prepared: LexiconTokens | None
) -> list[list[LexiconMatch]]:
    """The cue lexicon's hits in each sentence, found in one pass over all of them.

    The hits go to sentences by their offsets, which needs the sentences in
    text order; in any other order each sentence is matched on its own.
    """
    if any(a.end > b.start for a, b in pairwise(sentences)):
        return [cues.match(sentence.tokens, text) for sentence in sentences]
    prepared = lexicon_tokens(sentences) if prepared is None else prepared
    starts = [sentence.start for sentence in sentences]
    grouped: list[list[LexiconMatch]] = [[] for _ in sentences]
    for match in prepared.match(cues, text):
        grouped[bisect_right(starts, match.start) - 1].append(match)
    return grouped


def usable_cues(
    cues: Sequence[LexiconMatch], sentence: Sentence, quotes: Sequence[Quote], *, title_case: bool = False
) -> list[LexiconMatch]:
    """Cue matches that can start an attribution: outside quotations, not a capitalised name ("Secretary of
    State") unless the sentence is in ``title_case`` (a headline: "Pence Endorses Paul Ryan")."""
    usable = []
    last = sentence.tokens[-1].start if sentence.tokens else sentence.end
    for cue in cues:
        if inside_quote(cue.start, quotes) or cue.start > last:  # past the last token's start: inside that token
            continue
        at_start = cue.start == sentence.start or sentence.text[: cue.start - sentence.start].strip() in {"“", '"', "‘"}
        if (cue.text[:1].isupper() and not at_start and not title_case) or non_speech(sentence.tokens, cue):
            continue
        usable.append(cue)
    return usable


def non_speech(tokens: Sequence[Token], cue: LexiconMatch) -> bool:
    """The cue word in a sense that is not speech or thought, by the word after it ("appeared on Fox News",
    "showed up", "was admitted to the hospital"; word list ``attribution_words``, ``non_speech``)."""
    last = token_index(tokens, cue.end)
    if last >= len(tokens):
        return False
    pair = (cue.entry.lemma, tokens[last].text.lower())
    return pair in NON_SPEECH or (pair in NON_SPEECH_PASSIVE and passive(tokens, token_index(tokens, cue.start)))


def nominal(tokens: Sequence[Token], first: int) -> bool:
    """The cue word is a noun here: "his claims", "an early tweet", "the latest report"."""
    if first == 0:
        return False
    previous = tokens[first - 1].text.lower()
    if previous in NOMINAL_BEFORE:
        return True
    tag = pos.tag(tokens[first].text)
    if not tag.startswith("NN") or previous in SKIP_BEFORE_CUE:
        return False
    if previous in {"'s", "’s"}:
        return True  # "Trump's comments"
    previous_tag = pos.tag(tokens[first - 1].text)
    if tag == "NN" and previous_tag in {"NN", "NNS", "JJ"} and tokens[first - 1].text.islower():
        return True  # "a press call", "his tax plan"
    if first + 1 < len(tokens) and pos.tag(tokens[first + 1].text) in FINITE and tokens[first + 1].text.islower():
        return True  # the head of a subject: "Abortion rights advocates said", "the claims were false"
    before = tokens[first - 2].text.lower() if first >= 2 else ""
    return previous_tag[:2] in {"JJ", "NN"} and before in NOMINAL_BEFORE  # "his latest claim", "the TV show"


def _adverb(word: str) -> bool:
    """An -ly adverb ("wrongly", "repeatedly"), not an -ly adjective ("early", "daily")."""
    return word.endswith("ly") and word.isalpha() and len(word) > 4 and word not in LY_ADJECTIVES


def cue_frame(tokens: Sequence[Token], first: int) -> int | None:
    """The first token of the cue as PolNeAR marks it: auxiliaries, negation and adverbs before the
    verb ("has not commented", "also said", "wrongly claimed") and an infinitive's governing verb
    ("declined to comment", "went on to say").  ``None`` for "to" + verb with no governing verb."""
    j = first - 1
    while j >= 0:
        word = tokens[j].text.lower()
        if word in SKIP_BEFORE_CUE or word in BE_FORMS or _adverb(word):
            j -= 1
            continue
        if word == "to":
            governor = j - 1
            if (
                governor >= 0
                and tokens[governor].text.isalpha()
                and tokens[governor].text.islower()
                and (tokens[governor].text.lower() not in FUNCTION_WORDS | NOT_IN_SOURCE)
                and not _noun_after_modifier(tokens, governor)
            ):
                j = governor - 1
                if j >= 0 and tokens[j].text.lower() == "on" and governor - 1 >= 0:  # "went on to say"
                    j -= 1
                continue
            return None
        break
    return j + 1


def _noun_after_modifier(tokens: Sequence[Token], i: int) -> bool:
    """Token ``i`` is a noun after a determiner or a modifier ("the reason to", "social issues to", "an
    action figure to"): not a verb that governs an infinitive cue."""
    if i == 0 or not pos.tag(tokens[i].text).startswith("NN"):
        return False
    before = tokens[i - 1].text
    return before.lower() in NOMINAL_BEFORE or (before.islower() and pos.tag(before)[:2] in {"JJ", "NN"})


#: Prepositions that PolNeAR counts as part of the cue when the content follows them ("talked about the
#: deal", "called for a ban", "spoke of reforms"); "on", "at", "in", "by", "from" more often open an
#: adjunct (measured on PolNeAR's train split).
_CUE_PREPOSITIONS = frozenset({"about", "of", "for", "against", "over", "with"})


def preposition_after(tokens: Sequence[Token], last: int) -> int:
    """The last token of the cue with a preposition right after it that opens the content ("talked about
    the deal", "called for a ban"): ``last + 1``; else ``last``.  Not an adjunct before a clause or a
    quotation ("argued with Rubio that …"), nor a time ("spoke over the weekend").

    >>> from framing.segment import tokenize
    >>> preposition_after(tokenize("He talked about the deal."), 1)
    2
    >>> preposition_after(tokenize("He argued with Rubio that …"), 1)
    1
    """
    following = last + 1
    if following + 1 >= len(tokens) or tokens[following].text.lower() not in _CUE_PREPOSITIONS:
        return last
    ahead = tokens[following + 1 : following + 9]
    if any(t.text.lower() in {"that", ":"} or quote_mark(ahead, i) for i, t in enumerate(ahead)):
        return last
    if ahead[0].text in _WEEKDAYS or ahead[0].text.lower() in TIME_WORDS:
        return last
    return following


def passive(tokens: Sequence[Token], first: int) -> bool:
    """ "could be said to …", "was told": a form of *be* before a past participle."""
    j = first - 1
    while j >= 0 and tokens[j].text.lower() in SKIP_BEFORE_CUE:
        j -= 1
    return j >= 0 and tokens[j].text.lower() in BE_FORMS - {"'s", "’s"} and not tokens[first].text.endswith("ing")


def after_be(tokens: Sequence[Token], first: int) -> bool:
    """A form of *be* before the cue, past auxiliaries and adverbs ("is also saying")."""
    j = first - 1
    while j >= 0 and tokens[j].text.lower() in SKIP_BEFORE_CUE:
        j -= 1
    return j >= 0 and tokens[j].text.lower() in BE_FORMS


def after_quote(tokens: Sequence[Token], boundary: int | None) -> bool:
    """The cue follows a closing quote mark, possibly with a comma: "“…,” said X" or "“…”, said X"."""
    if boundary is None:
        return False
    if tokens[boundary].text in _CLOSING or (tokens[boundary].text == "'" and quote_mark(tokens, boundary)):
        return True
    return tokens[boundary].text == "," and boundary > 0 and after_quote(tokens, boundary - 1)


_CLOSING = frozenset({"”", '"', "''", "»", "“"})


def trailing_adjunct_end(tokens: Sequence[Token], last: int, end: int) -> int:
    """In "…, Rama said on Wednesday." PolNeAR's cue runs to the sentence end when a short adjunct
    ("in a statement", "Saturday", "with a smile") is all that follows."""
    rest = [t for t in tokens[last + 1 :] if t.text not in {".", "!", "?", "”", '"'}]
    if 0 < len(rest) <= 4 and not any(t.text in {",", ";", ":"} for t in rest):
        return rest[-1].end
    return end


def next_sibling(tokens: Sequence[Token], cues: Sequence[LexiconMatch], cue: LexiconMatch) -> int | None:
    """Where the content of ``cue`` must stop: before a later "according to", or before a cue
    of the same speaker joined by a comma, "and" or "but" (", and added: …", ", saying …")."""
    for later in sorted((c for c in cues if c.start > cue.end), key=lambda c: c.start):
        if later.entry.lemma == "according to":
            return _back_over_joiners(tokens, later.start)
        index = token_index(tokens, later.start)
        frame = cue_frame(tokens, index)
        start = tokens[frame if frame is not None else index]
        j = token_index(tokens, start.start) - 1
        joined = j >= 0 and (
            tokens[j].text.lower() in {"and", "but"}
            or (tokens[j].text in {",", ";"} and later.text.lower().endswith("ing"))
        )
        if joined:
            return _back_over_joiners(tokens, start.start)
    return None


def _back_over_joiners(tokens: Sequence[Token], offset: int) -> int:
    """``offset`` moved back over the commas, dashes and "and" that join a cue to the one before."""
    index = token_index(tokens, offset)
    while index > 0 and (
        tokens[index - 1].text in {",", ";", "—", "–"} or tokens[index - 1].text.lower() in {"and", "but"}
    ):
        index -= 1
    return tokens[index].start if index < len(tokens) else offset


def token_index(tokens: Sequence[Token], offset: int) -> int:
    """Index of the first token starting at or after ``offset`` (``len(tokens)`` if none)."""
    return bisect_left(tokens, offset, key=_START)


_START = attrgetter("start")
