"""Who says what, with which verb: attributions in body text.

An attribution is a *cue* (a reporting verb or phrase from the
``reporting_verbs`` lexicon, which also gives its stance), a *source* (who
speaks) and the *content* (what is attributed).  The rules cover the shapes
news writing uses:

- "X said (that) …", "X, who …, insisted …", "X has also suggested …"
- "“…,” X said." and "“…,” said X." (quote first, speaker after)
- "according to X, …" and "…, according to X."
- partial quotes ("was “out of control,” Rama said"), quotes that run over
  several sentences or paragraphs, and a quote with no cue of its own, which
  continues the previous speaker (``continuation`` is True);
- pronouns ("He said …") resolve to the last person who spoke, surnames to
  the full name ("Stoltenberg" → "Jens Stoltenberg").

``kind`` is ``direct`` when the content is all quotation, ``partial`` when
it contains a quotation, ``indirect`` otherwise.

>>> from framing.read import Article
>>> from framing.clean import clean
>>> from framing.measure.units import body_sentences
>>> text = "Headline\\n\\nPrime Minister Edi Rama said the border was “out of control.” He said more."
>>> cleaned = clean(Article("a", text))
>>> rows = find_attributions(text, body_sentences(cleaned), [(b.start, b.end) for b in cleaned.body])
>>> [(a.speaker, a.cue, a.stance, a.kind) for a in rows]
[('Edi Rama', 'said', 'neutral', 'partial'), ('Edi Rama', 'said', 'neutral', 'indirect')]
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from operator import attrgetter

from framing.lexicons import Lexicon, LexiconMatch
from framing.measure.names import PRONOUNS, NameRegistry, is_name_token, person_name
from framing.measure.quotes import OPEN_QUOTES, STRAIGHT_QUOTE, Quote, find_quotes, inside_quote
from framing.measure.units import LexiconTokens, Sentence, lexicon_tokens
from framing.models import pos
from framing.read.lexicon_files import word_list
from framing.segment.tokens import Token, tokenize
from framing.settings import AttributionRules

__all__ = ["Attribution", "Quote", "find_attributions", "find_quotes"]


def _words(*categories: str) -> frozenset[str]:
    """Words of the ``attribution_words`` list (``lexicons/word_lists/attribution_words.tsv``)."""
    return word_list("attribution_words", *categories)


#: Auxiliaries and adverbs between a source and its cue ("X has also said").
_SKIP_BEFORE_CUE = _words("skip_before_cue")
_CLAUSE_WORDS = _words("clause_word")
_PARENTHETICAL_OPENERS = _words("parenthetical_opener")
_ADJUNCT_WORDS = _words("adjunct_word")
#: Words that open an adjunct after "X said …" (time, place, manner), not the content: "Rama said after a meeting".
_ADJUNCTS_AFTER_CUE = _words("adjunct_after_cue")
#: "SKOPJE, North Macedonia (AP) — " or "RIVERTON — " opening a story: not part of any content.
_DATELINE_RE = re.compile(r"[A-Z][A-Z.'’-]+(?:[ ,][\w.'’-]+){0,5}?(?:\s\([^)]{1,40}\))?\s[—–]\s")
_BE_FORMS = _words("be_form")
#: Words that do not occur inside a source noun phrase ("leaders have stepped up", "counterparts for …").
_NOT_IN_SOURCE = _words("not_in_source")
_FUNCTION_WORDS = _words("clause_word", "adjunct_word", "determiner")
_LY_ADJECTIVES = _words("ly_adjective")
#: Words that, after a comma, start an aside or a contrast that ends a content span.
_CONTENT_STOPS = _words("content_stop")
#: Tags of finite verbs: a source noun phrase holds none.
_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})
#: Tags that can make up a noun phrase (for finding a clause's subject).
_NP_TAGS = frozenset(
    {"DT", "PDT", "JJ", "JJR", "JJS", "NN", "NNS", "NNP", "NNPS", "PRP", "PRP$", "CD", "POS", "``", "''"}
)
_NOMINAL_BEFORE = _words("nominal_before")
_PUNCT_BOUNDARY = frozenset(',;:()[]—–-"“”„«»…!?')


@dataclass(frozen=True)
class Attribution:
    """One attribution, with offsets into the article text (``None`` where not applicable)."""

    paragraph: int
    sentence: int
    speaker: str
    speaker_mention: str
    speaker_start: int | None
    speaker_end: int | None
    cue: str
    cue_lemma: str
    cue_start: int | None
    cue_end: int | None
    stance: str
    kind: str
    content: str
    content_start: int
    content_end: int
    continuation: bool = False


# --- attributions ---------------------------------------------------------------------


@dataclass
class _State:
    """What the extractor remembers while it reads an article."""

    names: NameRegistry = field(default_factory=NameRegistry)
    last_person: str = ""
    #: Runs of capitalised words (:data:`_CAPITALISED_RUN_RE`) by their last word, read so far.
    capitalised: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    #: The runs not read yet (``None`` until the first look-up), and the next of them.
    runs: Iterator[re.Match[str]] | None = None
    next_run: re.Match[str] | None = None
    rows: list[Attribution] = field(default_factory=list)


def find_attributions(
    text: str,
    sentences: Sequence[Sentence],
    paragraphs: Sequence[tuple[int, int]],
    rules: AttributionRules | None = None,
    prepared: LexiconTokens | None = None,
) -> list[Attribution]:
    """Attributions in the body ``sentences`` of ``text`` (``paragraphs`` are the body blocks).

    ``prepared``: the sentences' tokens from :func:`~framing.measure.units.lexicon_tokens`,
    when the caller already has them.
    """
    rules = rules or AttributionRules()
    quotes = find_quotes(text, paragraphs)
    state = _State()
    matches = _cue_matches(text, sentences, rules.cue_lexicon(), prepared)
    for sentence, sentence_matches in zip(sentences, matches, strict=True):
        if not sentence_matches:
            continue
        cues = usable_cues(sentence_matches, sentence, quotes)
        if not cues:
            continue
        verbal = {c.start for c in cues if not _nominal(sentence.tokens, _token_index(sentence.tokens, c.start))}
        in_sentence: list[Attribution] = []
        for cue in cues:
            if cue.start not in verbal:
                continue
            row = _attribution(text, sentence, cue, cues, verbal, quotes, in_sentence, state, rules)
            if row is not None:
                in_sentence.append(row)
                if state.names.is_person(row.speaker):
                    state.last_person = row.speaker
        state.rows.extend(_absorbed_removed(in_sentence))
    state.rows.extend(_continuations(text, sentences, quotes, state.rows))
    return sorted(
        state.rows, key=lambda r: (r.sentence, r.cue_start if r.cue_start is not None else r.content_start or 0)
    )


def _cue_matches(
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


def _absorbed_removed(rows: list[Attribution]) -> list[Attribution]:
    """Drop an attribution whose cue lies inside a longer cue ("declined" in "declined to comment on")."""

    def inside(a: Attribution, b: Attribution) -> bool:
        return (
            a is not b
            and a.cue_start is not None
            and b.cue_start is not None
            and b.cue_start <= a.cue_start
            and a.cue_end <= b.cue_end  # type: ignore[operator]
            and (b.cue_end - b.cue_start) > (a.cue_end - a.cue_start)  # type: ignore[operator]
        )

    if len(rows) < 2:
        return rows
    return [a for a in rows if not any(inside(a, b) for b in rows)]


def _token_index(tokens: Sequence[Token], offset: int) -> int:
    """Index of the first token starting at or after ``offset`` (``len(tokens)`` if none)."""
    return bisect_left(tokens, offset, key=_START)


_START = attrgetter("start")


def _attribution(
    text: str,
    sentence: Sentence,
    cue: LexiconMatch,
    cues: Sequence[LexiconMatch],
    verbal: set[int],
    quotes: Sequence[Quote],
    earlier: Sequence[Attribution],
    state: _State,
    rules: AttributionRules,
) -> Attribution | None:
    """One attribution for ``cue`` (a verbal use; ``verbal`` holds the starts of all verbal cues)."""
    tokens = sentence.tokens
    first = _token_index(tokens, cue.start)
    last = _token_index(tokens, cue.end) - 1
    lemma = cue.entry.lemma
    if _passive(tokens, first):
        # "is expected to win", "was asked whether …": an attribution with no named source
        frame = _cue_frame(tokens, first)
        if frame is None or frame == first:
            return None
        content = _content_after(text, sentence, last, quotes, _next_sibling(tokens, cues, cue))
        return _row(text, sentence, cue, (tokens[frame].start, cue.end), None, "", quotes, *content)
    if lemma == "according to":
        return _according_to(text, sentence, cue, first, last, quotes, state, rules)
    frame = _cue_frame(tokens, first)
    if frame is None:
        return None
    progressive = tokens[first].text.lower().endswith("ing") and not _after_be(tokens, first) and frame == first
    cue_starts = verbal - {cue.start}
    found = None if progressive else _source_left(tokens, frame, cue_starts, rules)
    source, source_span = found if found else (None, None)
    inverted = False
    if source is None:
        boundary = frame - 1 if frame > 0 else None
        token_before = tokens[boundary].text if boundary is not None else ""
        if not progressive and (_after_quote(tokens, boundary) or (boundary is None and first == 0)):
            source = _source_right(tokens, last, rules)
            inverted = source is not None
            source_span = (source[0].start, source[-1].end) if source else None
        takes_clause = any(
            t.text.lower() == "that" or t.text[:1] in OPEN_QUOTES + STRAIGHT_QUOTE + ":"
            for t in tokens[last + 1 : last + 5]
        )
        coordinated = token_before == "and" and not progressive
        participle = tokens[first].text.endswith("ing") and token_before == ","
        if source is None and not earlier and participle:
            subject = _clause_subject(tokens, frame - 1)
            if subject:
                speaker = _speaker(text, subject, state, rules)
                span = (subject[0].start, subject[-1].end)
                content = _content_after(text, sentence, last, quotes, _next_sibling(tokens, cues, cue))
                return _row(text, sentence, cue, (tokens[frame].start, cue.end), span, speaker, quotes, *content)
        if source is None and earlier and (coordinated or participle or (takes_clause and token_before == ",")):
            inherited = earlier[-1]
            return _row(
                text,
                sentence,
                cue,
                (tokens[frame].start, cue.end),
                None,
                inherited.speaker,
                quotes,
                *_content_after(text, sentence, last, quotes, _next_sibling(tokens, cues, cue)),
            )
    if source is None:
        return None
    speaker = _speaker(text, source, state, rules)
    if not speaker:
        return None
    assert source_span is not None
    end_of_frame = source_span[1] if inverted else cue.end
    start_of_frame = tokens[frame].start if inverted else source_span[0]
    after_index = _token_index_after(tokens, end_of_frame)
    earlier_cue = any(c.end <= start_of_frame for c in cues if c.start != cue.start)
    cue_end = cue.end
    if not earlier_cue and _content_comes_before(tokens, after_index, start_of_frame, sentence):
        content = _content_before(text, sentence, start_of_frame, quotes)
        if not inverted:
            cue_end = _trailing_adjunct_end(tokens, last, cue.end)
    else:
        content = _content_after(text, sentence, after_index - 1, quotes, _next_sibling(tokens, cues, cue))
        if content[1] <= content[0] and start_of_frame > sentence.start:
            content = _content_before(text, sentence, start_of_frame, quotes)
    return _row(text, sentence, cue, (tokens[frame].start, cue_end), source_span, speaker, quotes, *content)


def _trailing_adjunct_end(tokens: Sequence[Token], last: int, end: int) -> int:
    """In "…, Rama said on Wednesday." PolNeAR's cue runs to the sentence end when a short adjunct
    ("in a statement", "Saturday", "with a smile") is all that follows."""
    rest = [t for t in tokens[last + 1 :] if t.text not in {".", "!", "?", "”", '"'}]
    if 0 < len(rest) <= 4 and not any(t.text in {",", ";", ":"} for t in rest):
        return rest[-1].end
    return end


def _next_sibling(tokens: Sequence[Token], cues: Sequence[LexiconMatch], cue: LexiconMatch) -> int | None:
    """Where the content of ``cue`` must stop: before a later "according to", or before a cue
    of the same speaker joined by a comma or "and" (", and added: …", ", saying …")."""
    for later in sorted((c for c in cues if c.start > cue.end), key=lambda c: c.start):
        if later.entry.lemma == "according to":
            return _back_over_joiners(tokens, later.start)
        index = _token_index(tokens, later.start)
        frame = _cue_frame(tokens, index)
        start = tokens[frame if frame is not None else index]
        j = _token_index(tokens, start.start) - 1
        joined = j >= 0 and (
            tokens[j].text.lower() == "and" or (tokens[j].text in {",", ";"} and later.text.lower().endswith("ing"))
        )
        if joined:
            return _back_over_joiners(tokens, start.start)
    return None


def _back_over_joiners(tokens: Sequence[Token], offset: int) -> int:
    index = _token_index(tokens, offset)
    while index > 0 and (tokens[index - 1].text in {",", ";", "—", "–"} or tokens[index - 1].text.lower() == "and"):
        index -= 1
    return tokens[index].start if index < len(tokens) else offset


def usable_cues(cues: Sequence[LexiconMatch], sentence: Sentence, quotes: Sequence[Quote]) -> list[LexiconMatch]:
    """Cue matches that can start an attribution: outside quotations, not a capitalised name ("Secretary of State")."""
    usable = []
    last = sentence.tokens[-1].start if sentence.tokens else sentence.end
    for cue in cues:
        if inside_quote(cue.start, quotes) or cue.start > last:  # past the last token's start: inside that token
            continue
        at_start = cue.start == sentence.start or sentence.text[: cue.start - sentence.start].strip() in {"“", '"', "‘"}
        if cue.text[:1].isupper() and not at_start:
            continue
        usable.append(cue)
    return usable


def _nominal(tokens: Sequence[Token], first: int) -> bool:
    """The cue word is a noun here: "his claims", "an early tweet", "the latest report"."""
    if first == 0:
        return False
    previous = tokens[first - 1].text.lower()
    if previous in _NOMINAL_BEFORE:
        return True
    tag = pos.tag(tokens[first].text)
    if not tag.startswith("NN") or previous in _SKIP_BEFORE_CUE:
        return False
    if previous in {"'s", "’s"}:
        return True  # "Trump's comments"
    previous_tag = pos.tag(tokens[first - 1].text)
    if tag == "NN" and previous_tag in {"NN", "NNS", "JJ"} and tokens[first - 1].text.islower():
        return True  # "a press call", "his tax plan"
    before = tokens[first - 2].text.lower() if first >= 2 else ""
    return previous_tag.startswith("JJ") and before in _NOMINAL_BEFORE


def _adverb(word: str) -> bool:
    """An -ly adverb ("wrongly", "repeatedly"), not an -ly adjective ("early", "daily")."""
    return word.endswith("ly") and word.isalpha() and len(word) > 4 and word not in _LY_ADJECTIVES


def _cue_frame(tokens: Sequence[Token], first: int) -> int | None:
    """The first token of the cue as PolNeAR marks it: auxiliaries, negation and adverbs before the
    verb ("has not commented", "also said", "wrongly claimed") and an infinitive's governing verb
    ("declined to comment", "went on to say").  ``None`` for "to" + verb with no governing verb."""
    j = first - 1
    while j >= 0:
        word = tokens[j].text.lower()
        if word in _SKIP_BEFORE_CUE or word in _BE_FORMS or _adverb(word):
            j -= 1
            continue
        if word == "to":
            governor = j - 1
            if (
                governor >= 0
                and tokens[governor].text.isalpha()
                and tokens[governor].text.islower()
                and (tokens[governor].text.lower() not in _FUNCTION_WORDS | _NOT_IN_SOURCE)
            ):
                j = governor - 1
                if j >= 0 and tokens[j].text.lower() == "on" and governor - 1 >= 0:  # "went on to say"
                    j -= 1
                continue
            return None
        break
    return j + 1


def _clause_subject(tokens: Sequence[Token], end: int) -> list[Token] | None:
    """The subject of the clause before ``end``: the noun phrase just before its first finite verb
    ("The nurse later sued, claiming …" gives "The nurse")."""
    for i in range(end):
        tag = pos.tag(tokens[i].text)
        if (tag not in _FINITE and tag != "VBN") or tokens[i].text.lower() in _SKIP_BEFORE_CUE - {"did", "does", "do"}:
            continue
        j = i - 1
        while j >= 0 and (pos.tag(tokens[j].text) == "RB" or tokens[j].text.lower() in _SKIP_BEFORE_CUE):
            j -= 1
        chunk_end = j
        while j >= 0 and pos.tag(tokens[j].text) in _NP_TAGS:
            j -= 1
        chunk = list(tokens[j + 1 : chunk_end + 1])
        while chunk and chunk[0].text.lower() in _CLAUSE_WORDS:
            chunk = chunk[1:]
        return chunk or None
    return None


def _passive(tokens: Sequence[Token], first: int) -> bool:
    """ "could be said to …", "was told": a form of *be* before a past participle."""
    j = first - 1
    while j >= 0 and tokens[j].text.lower() in _SKIP_BEFORE_CUE:
        j -= 1
    return j >= 0 and tokens[j].text.lower() in _BE_FORMS - {"'s", "’s"} and not tokens[first].text.endswith("ing")


def _after_be(tokens: Sequence[Token], first: int) -> bool:
    j = first - 1
    while j >= 0 and tokens[j].text.lower() in _SKIP_BEFORE_CUE:
        j -= 1
    return j >= 0 and tokens[j].text.lower() in _BE_FORMS


def _after_quote(tokens: Sequence[Token], boundary: int | None) -> bool:
    """The cue follows a closing quote mark, possibly with a comma: "“…,” said X" or "“…”, said X"."""
    if boundary is None:
        return False
    closing = {"”", '"', "''", "»", "“"}
    if tokens[boundary].text in closing:
        return True
    return tokens[boundary].text == "," and boundary > 0 and tokens[boundary - 1].text in closing


def _boundary_before(tokens: Sequence[Token], first: int) -> int | None:
    j = first - 1
    while j >= 0 and (
        tokens[j].text.lower() in _SKIP_BEFORE_CUE
        or (tokens[j].text.lower() in _BE_FORMS and tokens[first].text.endswith("ing"))
    ):
        j -= 1
    return j if j >= 0 else None


def _is_boundary(token: Token) -> bool:
    return token.text in _PUNCT_BOUNDARY or token.text == "''" or token.text.lower() in _CLAUSE_WORDS


def _source_left(
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


def _plausible_source(segment: Sequence[Token], rules: AttributionRules) -> bool:
    """A noun phrase of sensible length whose last word is not a verb form ("engaging", "increased")."""
    if not segment or len(segment) > rules.max_source_tokens:
        return False
    lowered = [t.text.lower() for t in segment]
    if any(word in _NOT_IN_SOURCE for word in lowered):
        return False
    if any(pos.tag(t.text) in _FINITE for t in segment):
        return False  # "Clinton avoided all": a clause, not a noun phrase
    head = segment[-1].text
    if head.lower() in PRONOUNS or is_name_token(head) or head.isupper():
        return True
    if head[:1].isdigit():
        return len(segment) > 1  # "Six in 10", not a bare number
    return head[:1].isalpha() and not head.lower().endswith(("ing", "ed")) and head.lower() not in _FUNCTION_WORDS


def _segment_ending_at(tokens: Sequence[Token], end: int, cue_starts: set[int]) -> list[Token]:
    start = end
    while start >= 0:
        token = tokens[start]
        if token.start in cue_starts:
            break
        if _is_boundary(token):
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
    while segment and segment[0].text.lower() in _CLAUSE_WORDS:
        segment = segment[1:]
    return segment


def _parenthetical_subject(
    tokens: Sequence[Token], comma: int, cue_starts: set[int], rules: AttributionRules
) -> list[Token] | None:
    """For "X, who …, said" find the comma that opens the aside and return X."""
    for i in range(comma - 1, 0, -1):
        if tokens[i].text != ",":
            continue
        opener = tokens[i + 1].text.lower()
        lower_word = tokens[i + 1].text.islower() and opener not in _CLAUSE_WORDS
        if opener in _PARENTHETICAL_OPENERS or opener.endswith("ing") or lower_word:
            segment = _segment_ending_at(tokens, i - 1, cue_starts)
            if _plausible_source(segment, rules):
                return segment
    return None


def _source_right(tokens: Sequence[Token], last: int, rules: AttributionRules) -> list[Token] | None:
    """The noun phrase after the cue in "“…,” said the minister."""
    segment: list[Token] = []
    for token in tokens[last + 1 :]:
        lower = token.text.lower()
        if _is_boundary(token) or lower in _ADJUNCT_WORDS or token.text in {".", "!", "?"}:
            break
        segment.append(token)
    if not _plausible_source(segment, rules):
        return None
    return segment


def _speaker(text: str, source: Sequence[Token], state: _State, rules: AttributionRules) -> str:
    """The normalised speaker of a source phrase: a full name, a resolved pronoun, or the phrase."""
    mention = text[source[0].start : source[-1].end]
    if len(source) == 1 and source[0].text.lower() in PRONOUNS:
        if source[0].text.lower() in {"he", "she"} and state.last_person:
            return state.last_person
        return mention
    name = person_name(source, text, rules.title_lexicon())
    if name:
        return state.names.resolve(name)
    if len(source) == 1 and is_name_token(source[0].text):
        resolved = state.names.resolve(source[0].text)
        if resolved == mention:
            full = _earlier_full_name(text, source[0], rules, state)
            if full:
                state.names.add(full)
                return full
        return resolved
    if source[0].text.lower() in {"the", "a", "an"} and len(source) == 1:
        return ""
    return mention


#: Two to five capitalised words.  The first capital must not follow a word character (a word
#: boundary), tested after the letter so that the search can jump from capital to capital.
_CAPITALISED_RUN_RE = re.compile(r"[A-Z](?<!\w[A-Z])[\w’'.-]*(?:[ \t]+(?P<last>[A-Z][\w’'.-]*)){1,4}")


def _earlier_full_name(text: str, surname: Token, rules: AttributionRules, state: _State) -> str:
    """The last full name ending in ``surname`` written before it ("Jens Stoltenberg" for "Stoltenberg")."""
    _read_runs(text, surname.start, state)
    found = [span for span in state.capitalised.get(surname.text, []) if span[1] <= surname.start]
    if not found:
        return ""
    start, end = found[-1]
    tokens = tokenize(text, start, end)
    name = person_name(tokens, text, rules.title_lexicon())
    return name if len(name.split()) >= 2 and name.split()[-1] == surname.text else ""


def _read_runs(text: str, until: int, state: _State) -> None:
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


def _token_index_after(tokens: Sequence[Token], offset: int) -> int:
    return _token_index(tokens, offset)


def _content_comes_before(tokens: Sequence[Token], after: int, frame_start: int, sentence: Sentence) -> bool:
    """True for "…, Rama said after a meeting.": nothing but an adjunct follows the speaker and cue."""
    if frame_start <= sentence.start:
        return False
    rest = [t for t in tokens[after:] if t.text not in {".", "!", "?"}]
    if not rest:
        return True
    head = rest[0].text.lower()
    if head in {"that", ":"} or rest[0].text[0] in OPEN_QUOTES + STRAIGHT_QUOTE:
        return False
    if head == ",":
        return len(rest) < 2 or rest[1].text[0] not in OPEN_QUOTES + STRAIGHT_QUOTE
    return head in _ADJUNCTS_AFTER_CUE or (len(rest) <= 2 and not rest[0].text[0].isupper())


def _content_before(text: str, sentence: Sentence, frame_start: int, quotes: Sequence[Quote]) -> tuple[int, int]:
    end = frame_start
    while end > sentence.start and (text[end - 1].isspace() or text[end - 1] in ",—–"):
        end -= 1
    dateline = _DATELINE_RE.match(text, sentence.start, end)
    start = dateline.end() if dateline else sentence.start
    for quote in quotes:
        if quote.start < sentence.start < quote.end or (quote.start <= start < quote.end):
            start = min(start, quote.start)
    return start, end


def _content_after(
    text: str, sentence: Sentence, last: int, quotes: Sequence[Quote], stop: int | None = None
) -> tuple[int, int]:
    tokens = sentence.tokens
    i = last + 1
    window = [t.text.lower() for t in tokens[i : i + 3]]
    if "that" in window:
        # "said that …", "told reporters that …", "warned both that …" (not "a resolution that …"):
        # the content starts at "that", as PolNeAR marks it
        before = window[: window.index("that")]
        if not any(word in _FUNCTION_WORDS for word in before):
            i += len(before)
    while i < len(tokens) and tokens[i].text in {",", ":", "—", "–"}:
        i += 1
    if i >= len(tokens):
        return sentence.end, sentence.end
    start = tokens[i].start
    end = sentence.end if stop is None else stop
    for j in range(i + 3, len(tokens) - 1):
        # a trailing aside or contrast is the writer's, not the content: ", a provision that …", ", but …"
        if tokens[j].end > end:
            break
        if (
            tokens[j].text == ","
            and tokens[j + 1].text.lower() in _CONTENT_STOPS
            and not inside_quote(tokens[j].start, quotes)
        ):
            end = tokens[j].start
            break
    while end > start and (text[end - 1] in ".!?, " and not inside_quote(end - 1, quotes)):
        end -= 1
    for quote in quotes:
        if start <= quote.start < end and quote.end > end:
            end = quote.end
    return start, end


def _kind(start: int, end: int, quotes: Sequence[Quote], text: str) -> str:
    inside = [q for q in quotes if q.start < end and q.end > start]
    if not inside:
        return "indirect"
    covered = sum(min(q.end, end) - max(q.start, start) for q in inside)
    span = text[start:end].strip(" ,.—–")
    return "direct" if covered >= len(span) - 1 else "partial"


def _row(
    text: str,
    sentence: Sentence,
    cue: LexiconMatch,
    frame: tuple[int, int],
    source_span: tuple[int, int] | None,
    speaker: str,
    quotes: Sequence[Quote],
    content_start: int,
    content_end: int,
) -> Attribution | None:
    if content_end <= content_start:
        return None
    return _new_attribution(
        paragraph=sentence.paragraph,
        sentence=sentence.number,
        speaker=speaker,
        speaker_mention=text[source_span[0] : source_span[1]] if source_span else "",
        speaker_start=source_span[0] if source_span else None,
        speaker_end=source_span[1] if source_span else None,
        cue=text[frame[0] : frame[1]],
        cue_lemma=cue.entry.lemma,
        cue_start=frame[0],
        cue_end=frame[1],
        stance=cue.entry.category,
        kind=_kind(content_start, content_end, quotes, text),
        content=text[content_start:content_end],
        content_start=content_start,
        content_end=content_end,
        continuation=False,
    )


def _new_attribution(**fields: object) -> Attribution:
    """``Attribution(**fields)``, given every field in order, without the frozen dataclass's
    ``__init__`` (which sets each field through ``object.__setattr__``, slow for the many rows):
    the instance's ``__dict__`` ends up the same."""
    row = object.__new__(Attribution)
    row.__dict__.update(fields)
    return row


def _according_to(
    text: str,
    sentence: Sentence,
    cue: LexiconMatch,
    first: int,
    last: int,
    quotes: Sequence[Quote],
    state: _State,
    rules: AttributionRules,
) -> Attribution | None:
    tokens = sentence.tokens
    source: list[Token] = []
    for token in tokens[last + 1 :]:
        if token.text in _PUNCT_BOUNDARY or token.text in {".", "!", "?"}:
            break
        source.append(token)
    if not source or len(source) > rules.max_source_tokens:
        return None
    speaker = _speaker(text, source, state, rules)
    after = _token_index_after(tokens, source[-1].end)
    rest = [t for t in tokens[after:] if t.text not in {",", ".", "!", "?"}]
    if rest:
        start = rest[0].start
        end = sentence.end
        while end > start and text[end - 1] in ".!?":
            end -= 1
    else:
        start, end = _content_before(text, sentence, cue.start, quotes)
    span = (source[0].start, source[-1].end)
    return _row(text, sentence, cue, (cue.start, cue.end), span, speaker, quotes, start, end)


def _continuations(
    text: str, sentences: Sequence[Sentence], quotes: Sequence[Quote], rows: Sequence[Attribution]
) -> list[Attribution]:
    """Quotations with no cue of their own that open a sentence: the previous speaker goes on."""
    covered = [(r.content_start, r.content_end) for r in rows]
    found: list[Attribution] = []
    ordered = sorted(rows, key=lambda r: r.content_start)
    opening: dict[int, Sentence] = {}
    for s in sentences:
        opening.setdefault(s.start, s)  # the first sentence starting there, as a search in order finds
    for quote in quotes:
        # both tests only skip the quote, so the cheap one goes first
        sentence = opening.get(quote.start)
        if sentence is None or text[quote.end : sentence.end].strip(" .,!?"):
            continue  # words after the quote ("…,” she whined.) are an attribution of their own
        if any(s <= quote.start and quote.end <= e for s, e in covered):
            continue
        before = [r for r in ordered if r.content_end <= quote.start and sentence.paragraph - r.paragraph <= 1]
        if not before:
            continue
        previous = before[-1]
        if any(
            r is not previous and r.cue_start is not None and previous.content_end <= r.cue_start < quote.start
            for r in rows
        ):
            continue
        found.append(
            Attribution(
                paragraph=sentence.paragraph,
                sentence=sentence.number,
                speaker=previous.speaker,
                speaker_mention="",
                speaker_start=None,
                speaker_end=None,
                cue=previous.cue,
                cue_lemma=previous.cue_lemma,
                cue_start=None,
                cue_end=None,
                stance=previous.stance,
                kind="direct",
                content=text[quote.start : quote.end],
                content_start=quote.start,
                content_end=quote.end,
                continuation=True,
            )
        )
    return found
