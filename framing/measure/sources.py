"""Sources: the noun phrase that speaks for a cue, and the speaker it names.

The source is found left of the cue ("Prime Minister Edi Rama said"), past
an aside ("X, who …, insisted"), right of it ("“…,” said the minister") or,
for a participle, as the subject of the clause ("The nurse sued, claiming");
:func:`resolve_speaker` then turns the phrase into a speaker: pronouns
resolve to the last person who spoke, surnames to the full name.

>>> from framing.segment import tokenize
>>> from framing.settings import AttributionRules
>>> text = "Prime Minister Edi Rama said it was calm."
>>> source, span = source_left(tokenize(text), 4, set(), AttributionRules())
>>> text[span[0] : span[1]], resolve_speaker(text, source, SpeakerState(), AttributionRules())
('Prime Minister Edi Rama', 'Edi Rama')
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from framing.measure.attribution_words import (
    ADJUNCT_WORDS,
    CLAUSE_WORDS,
    FINITE,
    FUNCTION_WORDS,
    NOT_IN_SOURCE,
    NP_TAGS,
    PARENTHETICAL_OPENERS,
    PUNCT_BOUNDARY,
    SKIP_BEFORE_CUE,
)
from framing.measure.names import (
    _NOT_NAME_TAGS,
    _WEEKDAYS,
    PRONOUNS,
    NameRegistry,
    is_name_token,
    person_name,
)
from framing.measure.quotes import quote_mark
from framing.measure.speakers import (
    HONORIFICS,
    TIME_WORDS,
    canonical_name,
    role_holders,
    role_in,
    role_of_title,
    speaker_kind,
    titled_name,
)
from framing.models import pos
from framing.segment import ABBREVIATIONS, SENTENCE_OPENERS, Token, tokenize
from framing.settings import AttributionRules

__all__ = ["SpeakerState", "clause_subject", "resolve_speaker", "source_left", "source_right"]


def source_left(
    tokens: Sequence[Token], frame: int, cue_starts: set[int], rules: AttributionRules
) -> tuple[list[Token], tuple[int, int]] | None:
    """The noun phrase before the cue, and the source span as PolNeAR marks it, which keeps an aside:
    "NATO Secretary-General Jens Stoltenberg, who attended the meeting, insisted" gives the name
    phrase for the speaker and the whole "NATO … meeting" as the span."""
    end = frame - 1
    if end < 0:
        return None
    if tokens[end].text.lower() in {"who", "which"} and end > 0:
        # "respondents who support Sanders": PolNeAR marks "who"; the speaker is the phrase it refers to
        antecedent = _segment_ending_at(tokens, end - 1 if tokens[end - 1].text != "," else end - 2, cue_starts)
        if _plausible_source(antecedent, rules):
            return antecedent, (tokens[end].start, tokens[end].end)
        return None
    if tokens[end].text == ",":
        head = _parenthetical_subject(tokens, end, cue_starts, rules)
        if head is None:
            return None
        return head, (head[0].start, tokens[end - 1].end)
    segment = _segment_ending_at(tokens, end, cue_starts)
    if not _plausible_source(segment, rules):
        return None
    return segment, (segment[0].start, segment[-1].end)


def _parenthetical_subject(
    tokens: Sequence[Token], comma: int, cue_starts: set[int], rules: AttributionRules
) -> list[Token] | None:
    """For "X, who …, said" find the comma that opens the aside and return X."""
    for i in range(comma - 1, 0, -1):
        if tokens[i].text != ",":
            continue
        opener = tokens[i + 1].text.lower()
        lower_word = tokens[i + 1].text.islower() and opener not in CLAUSE_WORDS
        if opener in PARENTHETICAL_OPENERS or opener.endswith("ing") or lower_word:
            segment = _segment_ending_at(tokens, i - 1, cue_starts)
            if _plausible_source(segment, rules):
                return segment
    return None


def _segment_ending_at(tokens: Sequence[Token], end: int, cue_starts: set[int]) -> list[Token]:
    """The tokens back from ``end`` to a boundary or a cue, without the clause words that open them."""
    start = end
    while start >= 0:
        token = tokens[start]
        if token.start in cue_starts:
            break
        if _is_boundary(token) or quote_mark(tokens, start):
            # "Both Serbia and Kosovo": a name joined to a name is one phrase, not two clauses
            joins_names = (
                token.text.lower() == "and"
                and 0 < start < end + 1
                and is_name_token(tokens[start - 1].text)
                and is_name_token(tokens[start + 1].text)
            )
            if not joins_names:
                break
        start -= 1
    segment = list(tokens[start + 1 : end + 1])
    while segment and segment[0].text.lower() in CLAUSE_WORDS:
        segment = segment[1:]
    return segment


def _is_boundary(token: Token) -> bool:
    """Punctuation or a clause word: a source noun phrase does not run past it."""
    return token.text in PUNCT_BOUNDARY or token.text == "''" or token.text.lower() in CLAUSE_WORDS


def _plausible_source(segment: Sequence[Token], rules: AttributionRules) -> bool:
    """A noun phrase of sensible length whose last word is not a verb form ("engaging", "increased")."""
    if not segment or len(segment) > rules.max_source_tokens:
        return False
    lowered = [t.text.lower() for t in segment]
    if any(word in NOT_IN_SOURCE for word in lowered):
        return False
    if any(pos.tag(t.text) in FINITE for t in segment):
        return False  # "Clinton avoided all": a clause, not a noun phrase
    head = segment[-1].text
    if head.lower() in PRONOUNS or is_name_token(head) or head.isupper():
        return True
    if head[:1].isdigit():
        return len(segment) > 1  # "Six in 10", not a bare number
    return head[:1].isalpha() and not head.lower().endswith(("ing", "ed")) and head.lower() not in FUNCTION_WORDS


def source_right(tokens: Sequence[Token], last: int, rules: AttributionRules) -> list[Token] | None:
    """The noun phrase after the cue in "“…,” said the minister."""
    segment: list[Token] = []
    for i in range(last + 1, len(tokens)):
        token = tokens[i]
        lower = token.text.lower()
        if token.text == "." and _after_title(segment, token):
            segment.append(token)  # "said Sen. Martin Olsen": the full stop of a title
            continue
        if _is_boundary(token) or quote_mark(tokens, i) or lower in ADJUNCT_WORDS or token.text in {".", "!", "?"}:
            break
        segment.append(token)
    if not _plausible_source(segment, rules):
        return None
    return segment


def _after_title(segment: Sequence[Token], stop: Token) -> bool:
    """The full stop ``stop`` closes a title abbreviation written right before it ("Sen.", "Gov.", "Dr.")."""
    return bool(segment) and segment[-1].end == stop.start and segment[-1].text.lower() in ABBREVIATIONS["title"]


def clause_subject(tokens: Sequence[Token], end: int) -> list[Token] | None:
    """The subject of the clause before ``end``: the noun phrase just before its first finite verb
    ("The nurse later sued, claiming …" gives "The nurse")."""
    for i in range(end):
        tag = pos.tag(tokens[i].text)
        if (tag not in FINITE and tag != "VBN") or tokens[i].text.lower() in SKIP_BEFORE_CUE - {"did", "does", "do"}:
            continue
        j = i - 1
        while j >= 0 and (pos.tag(tokens[j].text) == "RB" or tokens[j].text.lower() in SKIP_BEFORE_CUE):
            j -= 1
        chunk_end = j
        while j >= 0 and (pos.tag(tokens[j].text) in NP_TAGS or (j > 0 and _after_title([tokens[j - 1]], tokens[j]))):
            j -= 1  # "Ms. Ortiz": the full stop of a title is part of the phrase
        chunk = list(tokens[j + 1 : chunk_end + 1])
        while chunk and chunk[0].text.lower() in CLAUSE_WORDS:
            chunk = chunk[1:]
        return chunk or None
    return None


_ARTICLES = frozenset({"the", "a", "an"})
#: A title that ends with "of" just before a source phrase ("Secretary of" before "State Hillary Clinton").
_TITLE_OF_RE = re.compile(r"[A-Z][\w.-]* of $")
#: Parts of speech that open an adjunct after a name (prepositions, adverbs).
_ADJUNCT_TAGS = frozenset({"IN", "RB", "RBR", "RBS", "DT"})


@dataclass
class SpeakerState:
    """What the extractor remembers of the speakers while it reads an article."""

    names: NameRegistry = field(default_factory=NameRegistry)
    last_person: str = ""
    #: The last organisation that spoke, for "it".
    last_organisation: str = ""
    #: The holders of roles named so far ("president" → "Barack Obama"), from titles before names.
    roles: dict[str, str] = field(default_factory=dict)
    #: Runs of capitalised words (:data:`_CAPITALISED_RUN_RE`) by their last word, read so far.
    capitalised: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    #: The runs not read yet (``None`` until the first look-up), and the next of them.
    runs: Iterator[re.Match[str]] | None = None
    next_run: re.Match[str] | None = None
    #: Every holder of a role the article names by title, with offsets (read on the first role noun).
    holders: dict[str, list[tuple[int, str]]] | None = None


def resolve_speaker(text: str, source: Sequence[Token], state: SpeakerState, rules: AttributionRules) -> str:
    """The normalised speaker of a source phrase: a full name, a resolved pronoun or role, or the phrase."""
    mention = text[source[0].start : source[-1].end]
    if len(source) == 1 and source[0].text.lower() in PRONOUNS:
        return _pronoun(text, source[0], mention, rules, state)
    role = role_in([t.text for t in source])
    if role:
        return _role_holder(text, role, source[0].start, state) or mention
    if len(source) > 1 and source[-1].text.lower() in PRONOUNS:
        # "whether he", "On Tuesday he"
        return _pronoun(text, source[-1], source[-1].text, rules, state)
    for phrase in (source, _without_adjunct(source)):
        words = [t.text for t in phrase]
        title_before = _TITLE_OF_RE.search(text, max(0, phrase[0].start - 40), phrase[0].start)
        _, titled = titled_name([*(title_before[0].split() if title_before else ()), *words])
        if not titled and len(words) == 2 and words[0].rstrip(".").lower() in HONORIFICS:
            titled = words[1]  # "Mr. Trump"
        name = titled or person_name(phrase, text, rules.title_lexicon())
        if name and _name_is_head(phrase, name, text) and speaker_kind(name) in {"person", "name"}:
            return _named(text, phrase, name, state, rules)
    core = _core(source)
    if len(core) == 1 and is_name_token(core[0].text) and (len(source) == 1 or pos.tag(core[0].text) == "NNP"):
        return _surname(text, core[0], state, rules)  # "Obama", "Plus Obama", "Obama Monday"
    if source[0].text.lower() in {"the", "a", "an"} and len(source) == 1:
        return ""
    if speaker_kind(mention) == "organisation":
        state.last_organisation = mention
    return mention


def _pronoun(text: str, pronoun: Token, mention: str, rules: AttributionRules, state: SpeakerState) -> str:
    """ "he"/"she" stand for the last person who spoke (before anyone spoke, the person named first in the
    last sentence that names one: "Sen. Elizabeth Warren filed the bill. She said …"), "it" for the last
    organisation that spoke; other pronouns stay as ``mention``."""
    word = pronoun.text.lower()
    if word in {"he", "she"}:
        return state.last_person or _person_before(text, pronoun, rules, state) or mention
    if word == "it" and state.last_organisation:
        return state.last_organisation
    return mention


_SENTENCE_END_RE = re.compile(r"[.!?][”\"’']?\s|\n")


def _person_before(text: str, pronoun: Token, rules: AttributionRules, state: SpeakerState) -> str:
    """The person named first in the last sentence before ``pronoun`` that names a person in full; ""."""
    _read_runs(text, pronoun.start, state)
    runs = sorted(span for spans in state.capitalised.values() for span in spans if span[1] <= pronoun.start)
    found: list[tuple[int, int, str]] = []
    for start, end in reversed(runs):
        if found and _SENTENCE_END_RE.search(text, end, found[-1][0]):
            break  # the run is in an earlier sentence than the people found
        name = _run_name(text, start, end, rules)
        if len(name.split()) >= 2 and speaker_kind(name) == "person":
            found.append((start, end, name))
    return state.names.resolve(canonical_name(found[-1][2])) if found else ""


def _without_adjunct(source: Sequence[Token]) -> Sequence[Token]:
    """The phrase without what follows a name as an adjunct ("Rick Santorum on Sunday", "Ted Cruz of Texas",
    "Mr. Rubio only", "Trump last week")."""
    for i in range(1, len(source)):
        word = source[i].text
        time = i + 1 < len(source) and source[i + 1].text.lower() in TIME_WORDS  # "Trump last week"
        if word.islower() and is_name_token(source[i - 1].text) and (pos.tag(word) in _ADJUNCT_TAGS or time):
            # "Ted Cruz of Texas", "Paul D. Ryan of Wisconsin", not "Secretary of State"
            of_after_name = i > 1 and not role_of_title(source[i - 1].text) and source[i - 2].text[:1].isupper()
            if word != "of" or of_after_name:
                return source[:i]
    return source


def _core(source: Sequence[Token]) -> list[Token]:
    """The phrase without an adjunct, the words that open a sentence before a name ("Plus Obama") and weekdays
    after it ("Obama Monday")."""
    core = list(_without_adjunct(source))
    while len(core) > 1 and core[0].text.lower() not in _ARTICLES:
        if core[0].text.lower() not in SENTENCE_OPENERS and pos.known_tag(core[0].text.lower()) not in _NOT_NAME_TAGS:
            break
        core.pop(0)  # but not "The Pentagon"
    while len(core) > 1 and core[-1].text.lower() in _WEEKDAYS:
        core.pop()
    return core


def _name_is_head(source: Sequence[Token], name: str, text: str) -> bool:
    """The name ends the phrase: "a New York tower" names a tower, "the Obama campaign" a campaign."""
    words = [t for t in source if t.text not in {".", ",", "''", "'", "’"}]
    return bool(words) and text[words[-1].start : words[-1].end] == name.split()[-1]


def _named(text: str, source: Sequence[Token], name: str, state: SpeakerState, rules: AttributionRules) -> str:
    """The full name of a named source ("Mr. Trump" → "Donald Trump"), remembering the role its title gives."""
    if len(name.split()) == 1:
        speaker = _surname(text, next(t for t in source if t.text == name), state, rules)
    else:
        speaker = state.names.resolve(canonical_name(name))
    state.names.mark(speaker)
    words = [t.text for t in source]
    before = words[: len(words) - len(name.split())]
    for cut in range(len(before)):
        role = role_of_title(" ".join(before[cut:]))
        if role:
            state.roles[role] = speaker
            break
    return speaker


def _surname(text: str, surname: Token, state: SpeakerState, rules: AttributionRules) -> str:
    """The full name a lone surname stands for: the latest written before it, else the first written after."""
    resolved = state.names.resolve(surname.text)
    if resolved != surname.text:
        return resolved
    full = _full_name_with(text, surname, rules, state)
    if full:
        return state.names.resolve(canonical_name(full))
    return surname.text


def _role_holder(text: str, role: str, at: int, state: SpeakerState) -> str:
    """The person the article names with the title of ``role`` ("the president" after "President Obama"): the
    last named before ``at``, else the first named after it."""
    if state.holders is None:
        state.holders = role_holders(text)
    holders = state.holders.get(role, [])
    before = [name for start, name in holders if start < at]
    holder = state.roles.get(role) or (before[-1] if before else holders[0][1] if holders else "")
    return state.names.resolve(holder) if holder else ""


#: Two to five capitalised words.  The first capital must not follow a word character (a word
#: boundary), tested after the letter so that the search can jump from capital to capital.
_CAPITALISED_RUN_RE = re.compile(r"[A-Z](?<!\w[A-Z])[\w’'.-]*(?:[ \t]+(?P<last>[A-Z][\w’'.-]*)){1,4}")


def _full_name_with(text: str, surname: Token, rules: AttributionRules, state: SpeakerState) -> str:
    """The last full name ending in ``surname`` written before it ("Jens Stoltenberg" for "Stoltenberg"), else
    the first written after it."""
    _read_runs(text, surname.start, state)
    found = [span for span in state.capitalised.get(surname.text, []) if span[1] <= surname.start]
    if not found:
        _read_runs(text, len(text), state)
        found = [span for span in state.capitalised.get(surname.text, []) if span[0] > surname.end][:1]
    for start, end in reversed(found):
        name = _run_name(text, start, end, rules)
        if len(name.split()) >= 2 and name.split()[-1] == surname.text:
            return name
    return ""


def _run_name(text: str, start: int, end: int, rules: AttributionRules) -> str:
    """The person's name in a run of capitalised words, after its title ("Secretary of State Hillary Clinton",
    also when the run starts after "of") and after a full stop that ends a sentence ("… John Kerry. Cowan")."""
    tokens = tokenize(text, start, end)
    for i in range(len(tokens) - 1, 0, -1):
        before = tokens[i - 1].text
        if tokens[i].text == "." and len(before) > 1 and not role_of_title(before) and before.lower() not in HONORIFICS:
            tokens = tokens[i + 1 :]
            break
    if not tokens:
        return ""
    title_before = _TITLE_OF_RE.search(text, max(0, tokens[0].start - 40), tokens[0].start)
    _, name = titled_name([*(title_before[0].split() if title_before else ()), *(t.text for t in tokens)])
    return name or person_name(tokens, text, rules.title_lexicon())


def _read_runs(text: str, until: int, state: SpeakerState) -> None:
    """Read the capitalised runs of ``text`` into ``state`` up to every run that ends by ``until``.

    The runs are found left to right, so those ending by ``until`` come before any other: reading
    stops there and goes on for a later surname, instead of reading the whole text at once.
    """
    if state.runs is None:
        state.runs = _CAPITALISED_RUN_RE.finditer(text)
        state.next_run = next(state.runs, None)
    run = state.next_run
    while run is not None and run.end() <= until:
        # ``last`` holds the last repetition: the run's last word, as splitting the run would give
        state.capitalised.setdefault(run["last"], []).append(run.span())
        run = next(state.runs, None)
    state.next_run = run
