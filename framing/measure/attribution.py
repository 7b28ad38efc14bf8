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

This module reads an article cue by cue; the rules it applies live in
:mod:`~framing.measure.cues` (which hits are cues, and their frame),
:mod:`~framing.measure.sources` (the source and its speaker) and
:mod:`~framing.measure.contents` (the content and its kind).

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

from collections.abc import Sequence
from typing import NamedTuple

from framing.lexicons import LexiconMatch
from framing.measure.attribution_row import Attribution, _new_attribution, plain_row
from framing.measure.attribution_words import ADDRESSEE_CUES, CLAUSE_WORDS, NP_TAGS, PUNCT_BOUNDARY
from framing.measure.contents import (
    content_after,
    content_before,
    content_comes_before,
    content_kind,
    interruption,
    quotation_before,
    quotation_ending_at,
)
from framing.measure.cues import (
    after_be,
    after_quote,
    cue_frame,
    cue_matches,
    next_sibling,
    nominal,
    passive,
    preposition_after,
    token_index,
    trailing_adjunct_end,
    usable_cues,
)
from framing.measure.nominal_cues import POSSESSIVES, nominal_cue
from framing.measure.quotes import Quote, find_quotes, quote_mark
from framing.measure.sources import (
    SpeakerState,
    _plausible_source,
    clause_subject,
    resolve_speaker,
    source_left,
    source_right,
)
from framing.measure.uncued import byline_rows, colon_rows, continuations
from framing.measure.units import LexiconTokens, Sentence
from framing.models import pos
from framing.segment import ABBREVIATIONS, Token, tokenize
from framing.settings import AttributionRules

__all__ = ["Attribution", "find_attributions", "headline_sentences"]


def find_attributions(
    text: str,
    sentences: Sequence[Sentence],
    paragraphs: Sequence[tuple[int, int]],
    rules: AttributionRules | None = None,
    prepared: LexiconTokens | None = None,
    *,
    headline: Sequence[Sentence] = (),
) -> list[Attribution]:
    """Attributions in the body ``sentences`` of ``text`` (``paragraphs`` are the body blocks).

    ``prepared``: the sentences' tokens from :func:`~framing.measure.units.lexicon_tokens`,
    when the caller already has them.  ``headline``: the headline's sentences
    (:func:`headline_sentences`), read first and in title case ("Pence Endorses Paul Ryan",
    "Trump: ‘We will win’"); their rows have sentence number -1.
    """
    rules = rules or AttributionRules()
    quotes = find_quotes(text, paragraphs)
    state = SpeakerState()
    rows: list[Attribution] = []
    if headline:
        head_quotes = find_quotes(text, [(s.start, s.end) for s in headline])
        for sentence, found in zip(headline, cue_matches(text, headline, rules.cue_lexicon(), None), strict=True):
            rows.extend(_rows_of_sentence(text, sentence, found, head_quotes, state, rules, title_case=True))
        ends = [(s.start, s.end) for s in headline]
        rows.extend(colon_rows(text, headline, ends, head_quotes, rows, state, rules, title_case=True))
    matches = cue_matches(text, sentences, rules.cue_lexicon(), prepared)
    for sentence, sentence_matches in zip(sentences, matches, strict=True):
        if sentence_matches:
            rows.extend(_rows_of_sentence(text, sentence, sentence_matches, quotes, state, rules))
    rows.extend(colon_rows(text, sentences, paragraphs, quotes, rows, state, rules))
    rows.extend(byline_rows(text, sentences, quotes, state, rules))
    rows.extend(continuations(text, sentences, quotes, rows))
    return sorted(rows, key=lambda r: (r.sentence, r.cue_start if r.cue_start is not None else r.content_start or 0))


def headline_sentences(text: str, start: int, end: int) -> list[Sentence]:
    """The headline ``text[start:end]`` as sentences for :func:`find_attributions` (number -1, paragraph 0),
    one per line ("Fed governor champions low rates; \\nTaking other countries into account …").

    >>> text = "Pence Endorses Paul Ryan.\\n\\nThe body."
    >>> rows = find_attributions(text, [], [], headline=headline_sentences(text, 0, 25))
    >>> [(r.speaker, r.cue, r.content, r.sentence) for r in rows]
    [('Pence', 'Endorses', 'Paul Ryan', -1)]
    """
    found: list[Sentence] = []
    position = start
    for line in text[start:end].split("\n"):
        stripped = line.strip()
        if stripped:
            first = position + line.index(stripped)
            last = first + len(stripped)
            found.append(Sentence(-1, 0, first, last, stripped, tuple(tokenize(text, first, last))))
        position += len(line) + 1
    return found


def _rows_of_sentence(
    text: str,
    sentence: Sentence,
    sentence_matches: Sequence[LexiconMatch],
    quotes: Sequence[Quote],
    state: SpeakerState,
    rules: AttributionRules,
    *,
    title_case: bool = False,
) -> list[Attribution]:
    """The attributions of one sentence's cue hits (``title_case``: a headline's capitalised cues count)."""
    cues = usable_cues(sentence_matches, sentence, quotes, title_case=title_case)
    verbal = {c.start for c in cues if not nominal(sentence.tokens, token_index(sentence.tokens, c.start))}
    in_sentence: list[Attribution] = []
    for cue in cues:
        if cue.start not in verbal:
            owned = _nominal_row(text, sentence, cue, quotes, state, rules)
            if owned is not None:
                in_sentence.append(owned)
            continue
        row = _attribution(text, sentence, cue, cues, verbal, quotes, in_sentence, state, rules)
        if row is not None:
            in_sentence.append(row)
            if state.names.is_person(row.speaker):
                state.last_person = row.speaker
    return _absorbed_removed(in_sentence)


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


class _Cue(NamedTuple):
    """A verbal cue in its sentence: the match, its first and last token, and the sentence's usable cues and
    the article's quotations."""

    text: str
    sentence: Sentence
    match: LexiconMatch
    first: int
    last: int
    cues: Sequence[LexiconMatch]
    quotes: Sequence[Quote]


def _attribution(
    text: str,
    sentence: Sentence,
    cue: LexiconMatch,
    cues: Sequence[LexiconMatch],
    verbal: set[int],
    quotes: Sequence[Quote],
    earlier: Sequence[Attribution],
    state: SpeakerState,
    rules: AttributionRules,
) -> Attribution | None:
    """One attribution for ``cue`` (a verbal use; ``verbal`` holds the starts of all verbal cues)."""
    tokens = sentence.tokens
    last = token_index(tokens, cue.end) - 1
    with_preposition = preposition_after(tokens, last)
    if with_preposition != last:  # "talked about the deal": the preposition is part of the cue
        cue = cue._replace(end=tokens[with_preposition].end, text=text[cue.start : tokens[with_preposition].end])
    at = _Cue(text, sentence, cue, token_index(tokens, cue.start), with_preposition, cues, quotes)
    if passive(tokens, at.first):
        return _unnamed_source(at)
    if _opening_participle(tokens, at.first):
        return _participle_clause(at)
    if cue.entry.lemma == "according to":
        return _according_to(at, state, rules)
    frame = cue_frame(tokens, at.first)
    if frame is None:
        return None
    progressive = tokens[at.first].text.lower().endswith("ing") and not after_be(tokens, at.first) and frame == at.first
    if not progressive:
        found = source_left(tokens, frame, verbal - {cue.start}, rules)
        if found is not None:
            source, source_span = found
            return _with_source(at, frame, source, source_span, False, state, rules)
        if _speaker_may_follow(tokens, frame, at.first):
            right = source_right(tokens, at.last, rules)
            if right is not None:
                return _with_source(at, frame, right, (right[0].start, right[-1].end), True, state, rules)
    if progressive:
        row = _noun_with_participle(at, frame, verbal - {cue.start}, state, rules)
        if row is not None:
            return row
    return _without_source(at, frame, progressive, earlier, state, rules)


def _noun_with_participle(
    at: _Cue, frame: int, cue_starts: set[int], state: SpeakerState, rules: AttributionRules
) -> Attribution | None:
    """A participle right after the noun it describes: the noun phrase is the source ("ads attacking
    candidates", "with Gov. Martin O’Malley calling Trump a fascist", "staff members suggesting …")."""
    tokens = at.sentence.tokens
    if frame == 0 or not pos.tag(tokens[frame - 1].text).startswith("NN"):
        return None
    start = frame - 1
    while start > 0 and tokens[start - 1].start not in cue_starts and _in_noun_phrase(tokens, start - 1):
        start -= 1  # back to a verb, a preposition or punctuation: "the head of [the Super PAC] backing …"
    source = list(tokens[start:frame])
    if not _plausible_source(source, rules):
        return None
    speaker = resolve_speaker(at.text, source, state, rules)
    span = (source[0].start, source[-1].end)
    return _row(at, (tokens[frame].start, at.match.end), span, speaker, *_content_following(at, at.last))


def _in_noun_phrase(tokens: Sequence[Token], i: int) -> bool:
    """Token ``i`` can be part of a noun phrase before a participle: a noun-phrase tag, or a title's full
    stop ("Gov. Martin O’Malley")."""
    token = tokens[i]
    if token.text == ".":
        return i > 0 and tokens[i - 1].end == token.start and tokens[i - 1].text.lower() in ABBREVIATIONS["title"]
    return pos.tag(token.text) in NP_TAGS - {"``", "''"} and token.text.lower() not in CLAUSE_WORDS


def _unnamed_source(at: _Cue) -> Attribution | None:
    """A passive cue ("is expected to win", "was asked whether …"): an attribution with no named source."""
    tokens = at.sentence.tokens
    frame = cue_frame(tokens, at.first)
    if frame is None or frame == at.first:
        return None
    return _row(at, (tokens[frame].start, at.match.end), None, "", *_content_following(at, at.last))


#: Words before a participle that opens a sentence ("When asked whether …, she said").
_BEFORE_OPENING_PARTICIPLE = frozenset({"when", "if", "once", "after", "before", "while", "as"})


def _opening_participle(tokens: Sequence[Token], first: int) -> bool:
    """The cue is a past participle that opens the sentence's first clause ("Asked whether he would run, Cruz
    said …", "When pressed on the issue, …")."""
    word = tokens[first].text
    if not word.lower().endswith("ed") or not any(t.text == "," for t in tokens[first + 1 :]):
        return False
    return first == 0 or (first == 1 and tokens[0].text.lower() in _BEFORE_OPENING_PARTICIPLE)


def _participle_clause(at: _Cue) -> Attribution | None:
    """A participle clause that opens the sentence: PolNeAR marks no source, and the content up to the
    clause's comma ("Asked [whether he would run], Cruz said …")."""
    tokens = at.sentence.tokens
    comma = next(i for i in range(at.last + 1, len(tokens)) if tokens[i].text == ",")
    if comma == at.last + 1:
        return None
    cue_span = (tokens[at.first].start, at.match.end)
    return _row(at, cue_span, None, "", tokens[at.last + 1].start, tokens[comma - 1].end)


def _speaker_may_follow(tokens: Sequence[Token], frame: int, first: int) -> bool:
    """The cue frame follows a closing quote ("“…,” said X") or opens the sentence: the source may come after."""
    boundary = frame - 1 if frame > 0 else None
    return after_quote(tokens, boundary) or (boundary is None and first == 0)


def _with_source(
    at: _Cue,
    frame: int,
    source: Sequence[Token],
    source_span: tuple[int, int],
    inverted: bool,
    state: SpeakerState,
    rules: AttributionRules,
) -> Attribution | None:
    """The attribution of a source phrase left of the cue, or right of it (``inverted``); none when the
    phrase names no speaker."""
    speaker = resolve_speaker(at.text, source, state, rules)
    if not speaker:
        return None
    content, cue_end = _placed_content(at, frame, source_span, inverted)
    return _row(at, (at.sentence.tokens[frame].start, cue_end), source_span, speaker, *content)


def _placed_content(at: _Cue, frame: int, source_span: tuple[int, int], inverted: bool) -> tuple[tuple[int, int], int]:
    """The content of a cue with a source, before or after the source and cue, and where the cue ends
    (past a trailing adjunct when the content comes before: "…, Rama said on Wednesday.")."""
    tokens, cue = at.sentence.tokens, at.match
    end_of_frame = source_span[1] if inverted else cue.end
    start_of_frame = tokens[frame].start if inverted else source_span[0]
    after_index = token_index(tokens, end_of_frame)
    earlier_cue = any(c.end <= start_of_frame for c in at.cues if c.start != cue.start)
    cue_end = cue.end
    interrupted = interruption(tokens, token_index(tokens, start_of_frame), after_index)
    if interrupted == "around" and not any(c.end <= start_of_frame for c in _verbal(at) if c.start != cue.start):
        start = content_before(at.text, at.sentence, start_of_frame, at.quotes)[0]
        content = (start, _content_following(at, after_index - 1)[1])
    elif (
        interrupted != "after"
        and not earlier_cue
        and content_comes_before(tokens, after_index, start_of_frame, at.sentence)
    ):
        content = content_before(at.text, at.sentence, start_of_frame, at.quotes)
        if not inverted:
            cue_end = trailing_adjunct_end(tokens, at.last, cue.end)
    elif interrupted != "after" and not earlier_cue and quotation_before(tokens, after_index, start_of_frame):
        content = content_before(at.text, at.sentence, start_of_frame, at.quotes)
    else:
        content = _content_following(at, after_index - 1)
        if content[1] <= content[0] and start_of_frame > at.sentence.start:
            content = content_before(at.text, at.sentence, start_of_frame, at.quotes)
        elif content[1] <= content[0]:
            content = quotation_ending_at(at.text, at.sentence.start, at.quotes) or content
    return content, cue_end


def _verbal(at: _Cue) -> list[LexiconMatch]:
    """The sentence's cues used as verbs."""
    return [c for c in at.cues if not nominal(at.sentence.tokens, token_index(at.sentence.tokens, c.start))]


def _without_source(
    at: _Cue,
    frame: int,
    progressive: bool,
    earlier: Sequence[Attribution],
    state: SpeakerState,
    rules: AttributionRules,
) -> Attribution | None:
    """A cue with no source phrase of its own: a participle takes the subject of its clause ("The nurse
    later sued, claiming …"), a cue joined to an earlier one in the sentence takes its speaker ("…, and
    added", ", saying …")."""
    tokens = at.sentence.tokens
    token_before = tokens[frame - 1].text if frame > 0 else ""
    takes_clause = any(
        tokens[i].text.lower() in {"that", ":"} or quote_mark(tokens, i)
        for i in range(at.last + 1, min(at.last + 5, len(tokens)))
    )
    coordinated = token_before.lower() in _COORDINATORS and not progressive
    participle = tokens[at.first].text.endswith("ing") and token_before == ","
    cue_span = (tokens[frame].start, at.match.end)
    if not earlier and (participle or coordinated):
        subject = clause_subject(tokens, frame - 1)
        if subject:
            speaker = resolve_speaker(at.text, subject, state, rules)
            span = (subject[0].start, subject[-1].end)
            return _row(at, cue_span, span, speaker, *_content_following(at, at.last))
    if earlier and (coordinated or participle or (takes_clause and token_before == ",")):
        return _row(at, cue_span, _span_of(earlier[-1]), earlier[-1].speaker, *_content_following(at, at.last))
    return None


#: Conjunctions that join a second predicate to a clause ("X declined to comment but said …").
_COORDINATORS = frozenset({"and", "but"})


def _span_of(row: Attribution) -> tuple[int, int] | None:
    """The source span of ``row``, if it has one."""
    if row.speaker_start is None or row.speaker_end is None:
        return None
    return row.speaker_start, row.speaker_end


def _content_following(at: _Cue, last: int) -> tuple[int, int]:
    """The content after token ``last``, stopped before a sibling cue (:func:`~framing.measure.cues.next_sibling`)."""
    stop = next_sibling(at.sentence.tokens, at.cues, at.match)
    addressee = at.match.entry.lemma in ADDRESSEE_CUES
    return content_after(at.text, at.sentence, last, at.quotes, stop, addressee=addressee)


def _according_to(at: _Cue, state: SpeakerState, rules: AttributionRules) -> Attribution | None:
    """ "According to X, …" and "…, according to X.": the source follows the cue, the content is the rest."""
    text, sentence, cue = at.text, at.sentence, at.match
    tokens = sentence.tokens
    source: list[Token] = []
    for token in tokens[at.last + 1 :]:
        if token.text in PUNCT_BOUNDARY or token.text in {".", "!", "?"}:
            break
        source.append(token)
    if not source or len(source) > rules.max_source_tokens:
        return None
    speaker = resolve_speaker(text, source, state, rules)
    after = token_index(tokens, source[-1].end)
    rest = [t for t in tokens[after:] if t.text not in {",", ".", "!", "?"}]
    if rest:
        start = rest[0].start
        end = sentence.end
        while end > start and text[end - 1] in ".!?":
            end -= 1
    else:
        start, end = content_before(text, sentence, cue.start, at.quotes)
    span = (source[0].start, source[-1].end)
    return _row(at, (cue.start, cue.end), span, speaker, start, end)


def _row(
    at: _Cue,
    frame: tuple[int, int],
    source_span: tuple[int, int] | None,
    speaker: str,
    content_start: int,
    content_end: int,
) -> Attribution | None:
    """The attribution of ``at`` with the cue frame ``frame``; none when the content is empty."""
    if content_end <= content_start:
        return None
    text, cue = at.text, at.match
    return _new_attribution(
        paragraph=at.sentence.paragraph,
        sentence=at.sentence.number,
        speaker=speaker,
        speaker_mention=text[source_span[0] : source_span[1]] if source_span else "",
        speaker_start=source_span[0] if source_span else None,
        speaker_end=source_span[1] if source_span else None,
        cue=text[frame[0] : frame[1]],
        cue_lemma=cue.entry.lemma,
        cue_start=frame[0],
        cue_end=frame[1],
        stance=cue.entry.category,
        kind=_kind(at, frame, source_span, content_start, content_end),
        content=text[content_start:content_end],
        content_start=content_start,
        content_end=content_end,
        continuation=False,
    )


_QUOTE_CHARACTERS = frozenset("“”„«»\"'")


def _kind(at: _Cue, frame: tuple[int, int], source_span: tuple[int, int] | None, start: int, end: int) -> str:
    """The content's kind; a content that its source and cue interrupt ("“…,” X said, “…”") is read
    without them."""
    low = min(frame[0], source_span[0]) if source_span else frame[0]
    high = max(frame[1], source_span[1]) if source_span else frame[1]
    if not start < low < high < end:
        return content_kind(start, end, at.quotes, at.text)
    comma = at.text.find(",", high, end)
    if comma >= 0 and not any(c in _QUOTE_CHARACTERS for c in at.text[high:comma]):
        high = comma + 1  # past an adjunct: "X said on Friday, …"
    kinds = {content_kind(start, low, at.quotes, at.text), content_kind(high, end, at.quotes, at.text)}
    return kinds.pop() if len(kinds) == 1 else "partial"


def _nominal_row(
    text: str,
    sentence: Sentence,
    cue: LexiconMatch,
    quotes: Sequence[Quote],
    state: SpeakerState,
    rules: AttributionRules,
) -> Attribution | None:
    """The attribution of a cue word used as a noun with an owner ("her claim that …", "Trump’s suggestion
    that …"; :func:`~framing.measure.nominal_cues.nominal_cue`)."""
    tokens = sentence.tokens
    found = nominal_cue(tokens, token_index(tokens, cue.end) - 1)
    if found is None:
        return None
    content = content_after(text, sentence, found.last, quotes, None)
    if content[1] <= content[0]:
        return None
    owner = found.source
    if len(owner) == 1 and owner[0].text.lower() in POSSESSIVES:
        pronoun = {"his": "he", "her": "she"}.get(owner[0].text.lower())
        speaker = (state.last_person if pronoun else "") or owner[0].text
    else:
        speaker = resolve_speaker(text, owner[:-1], state, rules)
    source_span = (owner[0].start, owner[-1].end)
    cue_span = (tokens[found.first].start, tokens[found.last].end)
    return plain_row(
        text, sentence, (speaker, source_span), (cue_span, cue.entry.lemma, cue.entry.category), content, quotes
    )
