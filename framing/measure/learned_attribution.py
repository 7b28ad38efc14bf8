"""Attributions from the learned tagger, combined with the rules: the default way ``attributions.csv`` is made.

The rules (:func:`~framing.measure.attribution.find_attributions`) run
first; their attributions are features of the tagger
(:mod:`framing.measure.tagger`), which labels the cue, source and content
spans of the sentences that can hold an attribution.  The tagger's spans
are the rows' spans (on PolNeAR articles it neither trained nor tuned on it
finds them more often exactly than the rules, see the model's provenance);
the rules link them:

- each cue the tagger finds is a row; its source and content are the
  tagger's spans that overlap the source and content of the rules'
  attribution with that cue, else the nearest ones in its sentence,
  else the rules' own (a source the tagger missed costs 0.004 source exact
  F1 on the dev quarter and names the speaker: linked 0.661 -> 0.668);
  a content that starts inside its cue starts after it;
- a cue that neither the lexicon nor the rules know ("filed the bill")
  needs a content the tagger marks in its sentence (on the dev quarter
  this costs 0.003 source and 0.001 cue exact F1, and keeps rows that are
  not speech out of ``attributions.csv``);
- a cue without any content span gets the rules' content (or the rest of
  its sentence); a content around its source and cue ("“A,” X said. “B.”",
  one span in PolNeAR) is split into the part before them and a
  continuation row, as the rules write it;
- the speaker is the rules' where the source is theirs, else the source
  phrase resolved as the rules resolve it (:func:`~framing.measure.sources.resolve_speaker`);
- a rule attribution whose cue the tagger does not mark is dropped; the
  rules' continuations (a quotation with no cue of its own) stay where no
  row's content covers them.

>>> from framing.read import Article
>>> from framing.clean import clean
>>> from framing.measure.units import body_sentences
>>> from framing.models.attribution_crf import load_attribution_model
>>> text = "Headline\\n\\nPrime Minister Edi Rama said the border was “out of control.”"
>>> cleaned = clean(Article("a", text))
>>> sentences = body_sentences(cleaned)
>>> body = [(b.start, b.end) for b in cleaned.body]
>>> rows = learned_attributions(text, sentences, body, load_attribution_model())
>>> [(a.speaker, a.speaker_mention, a.cue, a.content) for a in rows]
[('Edi Rama', 'Prime Minister Edi Rama', 'said', 'the border was “out of control.”')]
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import replace
from operator import attrgetter
from typing import NamedTuple

from framing.lexicons import LexiconMatch
from framing.measure.attribution import Attribution, find_attributions
from framing.measure.contents import content_after, content_before, content_kind
from framing.measure.cues import cue_matches, token_index
from framing.measure.overlaps import SpanIndex
from framing.measure.quotes import Quote, find_quotes
from framing.measure.sources import SpeakerState, resolve_speaker
from framing.measure.tagger import Passage, joint_spans, passage_features, passages
from framing.measure.units import LexiconTokens, Sentence
from framing.models.attribution_crf import AttributionModel
from framing.settings import AttributionRules

__all__ = ["TaggerInputs", "learned_attributions", "tagged_spans", "tagger_inputs"]

Span = tuple[str, int, int]
_QUOTE_START = attrgetter("start")


class _Context(NamedTuple):
    """What linking a passage's spans needs: the text, the quotations, the rules and their attributions."""

    text: str
    quotes: Sequence[Quote]
    rules: AttributionRules
    rule_rows: Sequence[Attribution]
    state: SpeakerState
    #: The rules' cues, to find the rule of a cue without a scan of every rule.
    rule_cues: SpanIndex


class TaggerInputs(NamedTuple):
    """An article's quotations and the passages the tagger reads, each with its cue hits and the rules'
    attributions near it."""

    quotes: list[Quote]
    passages: list[tuple[Passage, list[LexiconMatch], list[Attribution]]]


def tagger_inputs(
    text: str,
    sentences: Sequence[Sentence],
    paragraphs: Sequence[tuple[int, int]],
    rules: AttributionRules,
    *,
    prepared: LexiconTokens | None,
    rule_rows: Sequence[Attribution],
) -> TaggerInputs:
    """What the tagger reads in an article (training reads the same, ``scripts/train_attribution.py``)."""
    hits = cue_matches(text, sentences, rules.cue_lexicon(), prepared)
    hits_of = {s.number: h for s, h in zip(sentences, hits, strict=True)}
    extents = SpanIndex((min(_starts(r)), max(_ends(r))) for r in rule_rows)
    quotes = find_quotes(text, paragraphs)
    out = []
    for passage in passages(sentences, hits, quotes, max_tokens=rules.max_passage_tokens):
        passage_hits = [h for s in passage.sentences for h in hits_of[s.number]]
        first, last = passage.sentences[0].start, passage.sentences[-1].end
        nearby = [rule_rows[i] for i in extents.overlapping(first, last)]
        out.append((passage, passage_hits, nearby))
    return TaggerInputs(quotes, out)


def tagged_spans(
    passage: Passage,
    hits: Sequence[LexiconMatch],
    quotes: Sequence[Quote],
    rule_rows: Sequence[Attribution],
    model: AttributionModel,
) -> list[Span]:
    """The tagger's spans (role, start, end) in one passage."""
    return joint_spans(model.tagger().tag(passage_features(passage, hits, quotes, rule_rows)), passage.tokens)


def learned_attributions(
    text: str,
    sentences: Sequence[Sentence],
    paragraphs: Sequence[tuple[int, int]],
    model: AttributionModel,
    rules: AttributionRules | None = None,
    *,
    prepared: LexiconTokens | None = None,
    rule_rows: Sequence[Attribution] | None = None,
) -> list[Attribution]:
    """Attributions of the body ``sentences`` from the tagger's spans linked by the rules (module docstring).

    ``rule_rows``: the rules' attributions when the caller has them already.
    """
    rules = rules or AttributionRules()
    if rule_rows is None:
        rule_rows = find_attributions(text, sentences, paragraphs, rules, prepared)
    inputs = tagger_inputs(text, sentences, paragraphs, rules, prepared=prepared, rule_rows=rule_rows)
    cues = SpanIndex((r.cue_start, r.cue_end) for r in rule_rows)
    context = _Context(text, inputs.quotes, rules, rule_rows, SpeakerState(), cues)
    rows: list[Attribution] = []
    for passage, passage_hits, nearby in inputs.passages:
        spans = tagged_spans(passage, passage_hits, inputs.quotes, nearby, model)
        rows.extend(_linked(passage, spans, passage_hits, context))
    covered = SpanIndex((r.content_start, r.content_end) for r in rows)
    for row in rule_rows:
        if row.continuation and not _covered(row, covered):
            rows.append(row)
    return sorted(rows, key=lambda r: (r.sentence, r.cue_start if r.cue_start is not None else r.content_start))


def _covered(row: Attribution, covered: SpanIndex) -> bool:
    """Whether the content of ``row`` overlaps one of the ``covered`` contents."""
    start, end = row.content_start, row.content_end
    return start is not None and end is not None and bool(covered.overlapping(start, end))


def _starts(row: Attribution) -> list[int]:
    return [x for x in (row.speaker_start, row.cue_start, row.content_start) if x is not None]


def _ends(row: Attribution) -> list[int]:
    return [x for x in (row.speaker_end, row.cue_end, row.content_end) if x is not None]


def _overlaps(start: int | None, end: int | None, other_start: int, other_end: int) -> bool:
    return start is not None and end is not None and start < other_end and other_start < end


class _Tagged(NamedTuple):
    """A passage's source and content spans and cue hits, each with an index to find those near a cue
    without a scan of all (a passage may be a paragraph of thousands of words)."""

    sources: list[Span]
    contents: list[Span]
    hits: Sequence[LexiconMatch]
    source_index: SpanIndex
    content_index: SpanIndex
    hit_index: SpanIndex
    content_set: frozenset[Span]

    @classmethod
    def of(cls, spans: Sequence[Span], hits: Sequence[LexiconMatch]) -> _Tagged:
        sources = [s for s in spans if s[0] == "source"]
        contents = [s for s in spans if s[0] == "content"]
        return cls(
            sources,
            contents,
            hits,
            SpanIndex((s, e) for _, s, e in sources),
            SpanIndex((s, e) for _, s, e in contents),
            SpanIndex((h.start, h.end) for h in hits),
            frozenset(contents),
        )


def _linked(passage: Passage, spans: Sequence[Span], hits: Sequence[LexiconMatch], at: _Context) -> list[Attribution]:
    """One attribution per cue span of the passage, with its source and content (module docstring)."""
    tagged = _Tagged.of(spans, hits)
    starts = [s.start for s in passage.sentences]
    rows = []
    for _, cue_start, cue_end in (s for s in spans if s[0] == "cue"):
        sentence = passage.sentences[bisect_right(starts, cue_start) - 1]
        found = at.rule_cues.first(cue_start, cue_end)
        rule = at.rule_rows[found] if found is not None else None
        cue_end = _without_adjunct(cue_end, rule, at.text)
        lexical = rule is not None or bool(tagged.hit_index.overlapping(cue_start, cue_end))
        source = _source_of(sentence, (cue_start, cue_end), tagged, rule)
        if source is None and rule is not None and rule.speaker_start is not None:
            source = rule.speaker_start, rule.speaker_end  # type: ignore[assignment]
        content = _content_of(sentence, (cue_start, cue_end), tagged, rule, at)
        if not lexical and (content is None or ("content", *content) not in tagged.content_set):
            continue  # a cue neither the lexicon nor the rules know, with no content the tagger marks
        if content is not None and cue_start <= content[0] < cue_end:
            content = _after_cue(content, cue_end, at.text)
        content = _over_dashes(content, rule, at.text)
        if content is None:
            continue
        frame = min(cue_start, source[0]) if source else cue_start
        first, rest = _around(content, frame, max(cue_end, source[1] if source else cue_end), at)
        row = _row(sentence, (cue_start, cue_end), source, first, tagged, rule, at)
        rows.append(row)
        if rest is not None:
            rows.append(_continued(row, rest, passage, at))
    return rows


#: Words that open a time or place adjunct after a cue ("insisted after Wednesday's talks that …"): not the cue.
_ADJUNCT_OPENERS = frozenset({"after", "before", "during", "following", "since", "at", "in", "on", "while", "when"})


def _without_adjunct(cue_end: int, rule: Attribution | None, text: str) -> int:
    """The tagger's cue end, or the rules' where the tagger ran the cue on over a time or place adjunct."""
    if rule is None or rule.cue_end is None or cue_end <= rule.cue_end:
        return cue_end
    extra = text[rule.cue_end : cue_end].split()
    return rule.cue_end if extra and extra[0].lower() in _ADJUNCT_OPENERS else cue_end


def _over_dashes(content: tuple[int, int] | None, rule: Attribution | None, text: str) -> tuple[int, int] | None:
    """The rules' content end where the tagger stopped the same content at a dash the rules read past
    ("that NATO has strengthened its presence — established after 1999 — with 1,000 more troops")."""
    if content is None or rule is None or rule.content_start != content[0] or rule.content_end is None:
        return content
    if rule.content_end > content[1] and text[content[1] : rule.content_end].lstrip().startswith(("—", "–")):
        return content[0], rule.content_end
    return content


def _after_cue(content: tuple[int, int], cue_end: int, text: str) -> tuple[int, int] | None:
    """The part of a content after the cue it overlaps ("expressed concern over" and "over the cost")."""
    start = max(content[0], cue_end)
    while start < content[1] and (text[start].isspace() or text[start] in ",:"):
        start += 1
    return (start, content[1]) if start < content[1] else None


def _around(
    content: tuple[int, int], frame_start: int, frame_end: int, at: _Context
) -> tuple[tuple[int, int], tuple[int, int] | None]:
    """A content around its source and cue ("“A,” X said. “B.”", one span in PolNeAR) as its part before
    them and the part after, which becomes a continuation row (as the rules write it)."""
    start, end = content
    if not (start < frame_start and frame_end < end):
        return content, None
    text = at.text
    cut = frame_start
    while cut > start and (text[cut - 1].isspace() or text[cut - 1] in ",—–"):
        cut -= 1
    following = bisect_left(at.quotes, frame_end, key=_QUOTE_START)  # the first quotation after the frame
    if following == len(at.quotes) or at.quotes[following].start >= end or cut <= start:
        return content, None
    return (start, cut), (at.quotes[following].start, end)


def _continued(row: Attribution, content: tuple[int, int], passage: Passage, at: _Context) -> Attribution:
    """The continuation row of ``row`` with ``content`` (the quotation that goes on after its cue)."""
    starts = [s.start for s in passage.sentences]
    sentence = passage.sentences[bisect_right(starts, content[0]) - 1]
    return replace(
        row,
        paragraph=sentence.paragraph,
        sentence=sentence.number,
        speaker_mention="",
        speaker_start=None,
        speaker_end=None,
        cue_start=None,
        cue_end=None,
        kind=content_kind(content[0], content[1], at.quotes, at.text),
        content=at.text[content[0] : content[1]],
        content_start=content[0],
        content_end=content[1],
        continuation=True,
    )


def _source_of(
    sentence: Sentence, cue: tuple[int, int], tagged: _Tagged, rule: Attribution | None
) -> tuple[int, int] | None:
    """The source span of a cue: the tagger's that overlaps the rule's source, else its nearest in the sentence."""
    sources = tagged.sources
    if rule is not None:
        found = tagged.source_index.first(rule.speaker_start, rule.speaker_end)
        if found is not None:
            return sources[found][1], sources[found][2]
    near = [sources[i][1:] for i in tagged.source_index.starting_in(sentence.start, sentence.end)]
    if not near:
        return None
    return min(near, key=lambda span: _gap(span, cue))


def _gap(span: tuple[int, int], other: tuple[int, int]) -> int:
    """Characters between two spans (0 when they touch or overlap)."""
    return max(0, span[0] - other[1], other[0] - span[1])


def _content_of(
    sentence: Sentence, cue: tuple[int, int], tagged: _Tagged, rule: Attribution | None, at: _Context
) -> tuple[int, int] | None:
    """The content span of a cue: the tagger's that overlaps the rule's content most, else its nearest in
    the sentence (after the cue on a tie), else the rule's content, else the rest of the sentence (not a
    content of another sentence: 0.002 content exact F1 less on the dev quarter, but no content of a
    sentence the cue is not in)."""
    contents = tagged.contents
    if rule is not None:
        overlapping = [contents[i][1:] for i in tagged.content_index.overlapping(rule.content_start, rule.content_end)]
        if overlapping:
            return max(overlapping, key=lambda span: min(span[1], rule.content_end) - max(span[0], rule.content_start))
    in_sentence = [contents[i][1:] for i in tagged.content_index.overlapping(sentence.start, sentence.end)]
    if in_sentence:
        return min(in_sentence, key=lambda span: (_gap(span, cue), span[0] < cue[0]))
    if rule is not None:
        return rule.content_start, rule.content_end
    last = token_index(sentence.tokens, cue[1]) - 1
    start, end = content_after(at.text, sentence, last, at.quotes, None)
    if end <= start:
        start, end = content_before(at.text, sentence, cue[0], at.quotes)
    return (start, end) if end > start else None


def _speaker(sentence: Sentence, source: tuple[int, int], at: _Context) -> str:
    """The speaker of a source phrase the rules did not find: resolved as the rules resolve theirs, from the
    phrase before a comma, parenthesis or dash ("Sen. Martin Olsen, who chairs the committee")."""
    first, last = token_index(sentence.tokens, source[0]), token_index(sentence.tokens, source[1])
    phrase = list(sentence.tokens[first:last])
    for i, token in enumerate(phrase[1:], start=1):
        if token.text in {",", "(", "—", "–", "--", "-"}:
            phrase = phrase[:i]
            break
    return resolve_speaker(at.text, phrase, at.state, at.rules) if phrase else at.text[source[0] : source[1]]


def _row(
    sentence: Sentence,
    cue: tuple[int, int],
    source: tuple[int, int] | None,
    content: tuple[int, int],
    tagged: _Tagged,
    rule: Attribution | None,
    at: _Context,
) -> Attribution:
    """The attribution of a cue with its source and content spans."""
    text = at.text
    found = tagged.hit_index.first(*cue)
    hit = tagged.hits[found] if found is not None else None
    if source is None:
        speaker = rule.speaker if rule is not None and rule.speaker_start is None else ""
    elif rule is not None and _overlaps(rule.speaker_start, rule.speaker_end, *source):
        speaker = rule.speaker  # the rules' speaker of the same phrase, resolved as they resolve it
    else:
        speaker = _speaker(sentence, source, at)
    if hit is not None:
        lemma, stance = hit.entry.lemma, hit.entry.category
    elif rule is not None:
        lemma, stance = rule.cue_lemma, rule.stance
    else:
        lemma, stance = text[cue[0] : cue[1]].lower(), "neutral"
    return Attribution(
        paragraph=sentence.paragraph,
        sentence=sentence.number,
        speaker=speaker,
        speaker_mention=text[source[0] : source[1]] if source else "",
        speaker_start=source[0] if source else None,
        speaker_end=source[1] if source else None,
        cue=text[cue[0] : cue[1]],
        cue_lemma=lemma,
        cue_start=cue[0],
        cue_end=cue[1],
        stance=stance,
        kind=content_kind(content[0], content[1], at.quotes, text),
        content=text[content[0] : content[1]],
        content_start=content[0],
        content_end=content[1],
        continuation=False,
    )
