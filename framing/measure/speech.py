"""Is an attribution's unquoted content a source's reported speech, or the outlet's narration of an act?

News writing presents what sources say on a scale (Leech & Short 1981,
*Style in Fiction*; Semino & Short 2004): direct speech (quoted words),
indirect speech (a reported clause: "Rama said *that the border was out of
control*", "Rama urged NATO *to boost its forces*") and the narrator's
report of a speech act with a noun-phrase object ("Albania advocates *for a
resolution*", "Sullivan expressed concern *over the deployment*").  Only
indirect speech puts a source's claim in the content; a noun-phrase object
is the outlet's own wording of what happened, so it stays narration.

:func:`reports_speech` says which: the content is indirect speech when it
has a named source and is a clause, read from a context-free part-of-speech
lookup (:mod:`framing.models.pos`):

- it opens with a complementizer ("that", "whether", "how", ...), or
- outside relative clauses ("a resolution that respects ...") and second
  predicates of the main clause ("... it and has since encouraged ..."), it
  holds a finite verb, or
- (not for beliefs and intentions, stance ``private_state``: "want to join"
  is the outlet's report of a wish) it is a non-finite clause: it opens with
  a gerund ("suggested deploying troops") or holds ``to`` + verb ("urged
  NATO to boost").

"According to X" always reports a claim.  A content with no source (a
passive cue: "could be said to be ...", "is expected to ...") is the
outlet's hedged narration.

>>> is_clause("that the border was calm".split())
True
>>> is_clause("a resolution that respects the rights of Kosovo".split())
False
>>> is_clause("NATO to boost its forces".split()), is_clause("to join the union".split(), private=True)
(True, False)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from framing.measure.quotes import Quote, quotes_over
from framing.models import pos
from framing.read.lexicon_files import word_list
from framing.segment import tokenize

__all__ = ["AttributionLike", "is_clause", "reports_speech"]

# The grammar words the rules look up (lower case), from the word list ``attribution_words``.
#: Words that open a reported clause as the content's first word ("that the dam was safe", "whether talks resume").
COMPLEMENTIZERS = word_list("attribution_words", "complementizer")
#: Words that open a relative clause inside a noun phrase ("a resolution that respects ...").
RELATIVE_PRONOUNS = word_list("attribution_words", "relative_pronoun")
#: Conjunctions that, followed by a verb, open a second predicate of the main clause ("it and has encouraged").
COORDINATORS = word_list("attribution_words", "coordinator")
#: Contracted auxiliaries: finite verbs ("they’re", "we’ll").
VERB_CLITICS = word_list("attribution_words", "verb_clitic")
#: Pronouns after which "’s" is "is" or "has", not a possessive ("it’s over").
SUBJECT_PRONOUNS = word_list("attribution_words", "subject_pronoun")
#: Tags after which a verb-tagged word is a noun or adjective ("the need for", "their support").
NOT_BEFORE_VERB = frozenset({"DT", "PDT", "PRP$", "JJ", "JJR", "JJS", "CD", "POS", "’", "TO"})
#: Tags of words after ``to`` that make it a preposition ("to the border", "to them", "to 2024").
NOT_AFTER_TO = frozenset({"DT", "PDT", "PRP", "PRP$", "CD", "NNP", "NNPS", "IN"})
#: Tags of finite verbs.
FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})


class AttributionLike(Protocol):
    """What :func:`reports_speech` reads of an attribution (an :class:`~framing.measure.attribution.Attribution`
    or a row of the attributions table)."""

    @property
    def speaker(self) -> str: ...
    @property
    def stance(self) -> str: ...
    @property
    def cue_lemma(self) -> str: ...
    @property
    def content_start(self) -> int: ...
    @property
    def content_end(self) -> int: ...


def reports_speech(text: str, attribution: AttributionLike, quotes: Sequence[Quote] = ()) -> bool:
    """Whether the unquoted words of ``attribution``'s content are a source's indirect speech (see the module).

    ``quotes``: the quotations in ``text``; their words are left out (they are quoted speech anyway).

    >>> from types import SimpleNamespace as Row
    >>> text = "Pereira said that the dam was safe. Critics want a new dam."
    >>> reports_speech(text, Row(speaker="Pereira", stance="neutral", cue_lemma="say", content_start=13,
    ...                          content_end=34))
    True
    >>> reports_speech(text, Row(speaker="Critics", stance="private_state", cue_lemma="want", content_start=48,
    ...                          content_end=57))
    False
    """
    speaker = attribution.speaker
    if not isinstance(speaker, str) or not speaker.strip():
        return False
    if attribution.cue_lemma == "according to":
        return True
    start, end = int(attribution.content_start), int(attribution.content_end)
    inside = quotes_over(quotes, start, end)
    words = [t.text for t in tokenize(text, start, end) if not any(q.start <= t.start < q.end for q in inside)]
    stance = attribution.stance
    return is_clause(words, private=stance == "private_state", directive=stance == "directive")


def is_clause(words: Sequence[str], private: bool = False, directive: bool = False) -> bool:
    """Whether ``words`` (tokens, punctuation included) read as a reported clause (see the module);
    ``private``: the cue is a belief or intention, which a non-finite clause does not report;
    ``directive``: the cue asks someone to act ("urge", "call on"), whose object is followed by an infinitive."""
    lower = [w.lower() for w in words if w[:1].isalnum() or w[:1] in "'’"]
    if not lower:
        return False
    if lower[-1] in RELATIVE_PRONOUNS:
        return False  # "…, which officials deny": the cue's object is an earlier noun phrase
    if lower[0] in COMPLEMENTIZERS:
        return True
    kept = _main_clause(words)
    tags = [pos.tag(w) for w in kept]
    for i, (word, tag) in enumerate(zip(kept, tags, strict=True)):
        before = tags[i - 1] if i else ""
        if word in VERB_CLITICS or (word in ("’s", "'s") and i and kept[i - 1].lower() in SUBJECT_PRONOUNS):
            return True
        if tag in FINITE and before not in NOT_BEFORE_VERB:
            return True
    if private or not tags:
        return False
    if tags[0] == "VBG":
        return True
    return any(word.lower() == "to" and _infinitive(kept[i + 1 : i + 3], directive) for i, word in enumerate(kept))


def _infinitive(following: Sequence[str], directive: bool) -> bool:
    """Whether the words after a ``to`` are a verb (maybe after one adverb: "to further boost"); after a
    directive cue ("urged both sides to refocus") any lower-case word that is no determiner, pronoun or
    number is taken for one, since the lookup guesses unknown verbs as nouns."""
    for word in following:
        tag = pos.tag(word)
        if tag == "RB":
            continue
        return tag.startswith("VB") or (directive and word[:1].islower() and tag not in NOT_AFTER_TO)
    return False


def _verb_follows(words: Sequence[str], i: int) -> bool:
    """Whether a verb (maybe after one adverb) follows ``words[i]``."""
    for word in words[i + 1 : i + 3]:
        tag = pos.tag(word)
        if tag.startswith("VB") or tag == "MD":
            return True
        if tag != "RB":
            return False
    return False


def _main_clause(words: Sequence[str]) -> list[str]:
    """``words`` without subject relative clauses ("that respects ...", ", who responded ...,") and second
    predicates ("and has since encouraged ..."), each up to the next comma."""
    kept: list[str] = []
    skipping = False
    for i, word in enumerate(words):
        lower = word.lower()
        if skipping:
            skipping = word != ","
            continue
        if i and (lower in RELATIVE_PRONOUNS or lower in COORDINATORS) and _verb_follows(words, i):
            skipping = True
            continue
        kept.append(word)
    return kept
