"""Attributions with no reporting verb: a speaker's name and a colon ("JAKE TAPPER: …") and quotations that
continue the previous speaker ("“…,” he said. “…”").

>>> from framing.read import Article
>>> from framing.clean import clean
>>> from framing.measure.units import body_sentences
>>> text = "Headline\\n\\nMATTHEWS: Well, speculation is bad for all of us."
>>> cleaned = clean(Article("a", text))
>>> [row] = colon_rows(text, body_sentences(cleaned), [(b.start, b.end) for b in cleaned.body], [], [],
...                    SpeakerState(), AttributionRules())
>>> row.speaker, row.cue, row.content
('MATTHEWS', ':', 'Well, speculation is bad for all of us.')
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from framing.measure.attribution_row import Attribution, plain_row
from framing.measure.colons import colon_cue
from framing.measure.quotes import Quote, inside_quote
from framing.measure.sources import SpeakerState, resolve_speaker
from framing.measure.units import Sentence
from framing.settings import AttributionRules

__all__ = ["byline_rows", "colon_rows", "continuations"]

#: A dash and a name that sign a quotation: "“…” ― Michelle Marks", a paragraph "-Michelle Marks".
_SIGNATURE_RE = re.compile(r"[-—―–]{1,2}\s*((?:[A-Z][\w.'’-]*\s+){0,4}[A-Z][\w'’-]+)[.\s]*$")


def byline_rows(
    text: str, sentences: Sequence[Sentence], quotes: Sequence[Quote], state: SpeakerState, rules: AttributionRules
) -> list[Attribution]:
    """A quotation signed with a dash and a name, in its sentence or the paragraph after it ("“…” ― Michelle
    Marks"): the name is the source, the dash the cue, the quotation the content.

    >>> from framing.segment import tokenize
    >>> text = "“Stop it now.”\\n\\n-Michelle Marks"
    >>> sentence = Sentence(0, 1, 16, len(text), text[16:], tuple(tokenize(text, 16, len(text))))
    >>> [(r.speaker, r.cue, r.content) for r in byline_rows(text, [sentence], [Quote(0, 14)], SpeakerState(),
    ...                                                     AttributionRules())]
    [('Michelle Marks', '-', '“Stop it now.”')]
    """
    found: list[Attribution] = []
    for sentence in sentences:
        signed = _SIGNATURE_RE.search(text, sentence.start, sentence.end)
        if signed is None or inside_quote(signed.start(), quotes):
            continue
        before = text[: signed.start()].rstrip()
        quote = next((q for q in reversed(quotes) if q.end == len(before)), None)
        if quote is None:
            continue
        name = [t for t in sentence.tokens if signed.start(1) <= t.start < signed.end(1)]
        if not name:
            continue
        speaker = resolve_speaker(text, name, state, rules)
        dash_end = signed.start() + len(text[signed.start() : signed.start(1)].rstrip())
        found.append(
            plain_row(
                text,
                sentence,
                (speaker, (name[0].start, name[-1].end)),
                ((signed.start(), dash_end), "-", "neutral"),
                (quote.start, quote.end),
                quotes,
            )
        )
    return found


def colon_rows(
    text: str,
    sentences: Sequence[Sentence],
    paragraphs: Sequence[tuple[int, int]],
    quotes: Sequence[Quote],
    rows: Sequence[Attribution],
    state: SpeakerState,
    rules: AttributionRules,
    *,
    title_case: bool = False,
) -> list[Attribution]:
    """Colon cues ("JAKE TAPPER: …", "Pollster Daron Shaw: “…”") in sentences with no attribution of their
    own, outside quotations (:func:`~framing.measure.colons.colon_cue`)."""
    taken = {r.sentence for r in rows if not r.continuation}
    ends = sorted(end for _, end in paragraphs)
    found: list[Attribution] = []
    for sentence in sentences:
        if sentence.number in taken or ":" not in sentence.text or inside_quote(sentence.start, quotes):
            continue
        paragraph_end = next((end for end in ends if end >= sentence.end), sentence.end)
        cue = colon_cue(text, sentence, quotes, paragraph_end=paragraph_end, title_case=title_case)
        if cue is None or inside_quote(cue.cue[0], quotes):
            continue
        speaker = resolve_speaker(text, cue.source, state, rules)
        source_span = (cue.source[0].start, cue.source[-1].end)
        found.append(plain_row(text, sentence, (speaker, source_span), (cue.cue, ":", "neutral"), cue.content, quotes))
    return found


def continuations(
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
