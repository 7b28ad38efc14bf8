"""Contents: where the words attributed to a source begin and end, and whether they are quoted.

The content follows the cue ("Rama said that the border was calm") or, when
nothing but an adjunct follows the speaker and cue, comes before them ("The
border was calm, Rama said on Wednesday").  Its *kind* is ``direct`` when it
is all quotation, ``partial`` when it holds a quotation, ``indirect``
otherwise.

>>> from framing.measure.units import Sentence
>>> from framing.segment import tokenize
>>> text = "Rama said that the border was “calm.”"
>>> sentence = Sentence(0, 0, 0, len(text), text, tuple(tokenize(text)))
>>> start, end = content_after(text, sentence, 1, [], None)
>>> text[start:end], content_kind(start, end, [Quote(30, 37)], text)
('that the border was “calm.”', 'partial')
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from framing.measure.attribution_words import ADJUNCTS_AFTER_CUE, CONTENT_STOPS, FUNCTION_WORDS
from framing.measure.quotes import Quote, inside_quote, quote_mark
from framing.measure.units import Sentence
from framing.segment import Token

__all__ = ["content_after", "content_before", "content_comes_before", "content_kind"]

#: "SKOPJE, North Macedonia (AP) — " or "RIVERTON — " opening a story: not part of any content.
_DATELINE_RE = re.compile(r"[A-Z][A-Z.'’-]+(?:[ ,][\w.'’-]+){0,5}?(?:\s\([^)]{1,40}\))?\s[—–]\s")


def content_comes_before(tokens: Sequence[Token], after: int, frame_start: int, sentence: Sentence) -> bool:
    """True for "…, Rama said after a meeting.": nothing but an adjunct follows the speaker and cue."""
    if frame_start <= sentence.start:
        return False
    rest = [t for t in tokens[after:] if t.text not in {".", "!", "?"}]
    if not rest:
        return True
    head = rest[0].text.lower()
    if head in {"that", ":"} or quote_mark(rest, 0):
        return False
    if head == ",":
        return len(rest) < 2 or not quote_mark(rest, 1)
    return head in ADJUNCTS_AFTER_CUE or (len(rest) <= 2 and not rest[0].text[0].isupper())


def content_before(text: str, sentence: Sentence, frame_start: int, quotes: Sequence[Quote]) -> tuple[int, int]:
    """The content before a speaker and cue that start at ``frame_start``: from the sentence start (past
    a dateline, back to a quotation that opens before it) to the frame, without the comma or dash."""
    end = frame_start
    while end > sentence.start and (text[end - 1].isspace() or text[end - 1] in ",—–"):
        end -= 1
    dateline = _DATELINE_RE.match(text, sentence.start, end)
    start = dateline.end() if dateline else sentence.start
    for quote in quotes:
        if quote.start < sentence.start < quote.end or (quote.start <= start < quote.end):
            start = min(start, quote.start)
    return start, end


def content_after(
    text: str, sentence: Sentence, last: int, quotes: Sequence[Quote], stop: int | None
) -> tuple[int, int]:
    """The content after token ``last`` of the cue frame, to the sentence end or ``stop``, without a
    trailing aside of the writer's; a quotation open at the end runs to its close."""
    tokens = sentence.tokens
    i = last + 1
    window = [t.text.lower() for t in tokens[i : i + 3]]
    if "that" in window:
        # "said that …", "told reporters that …", "warned both that …" (not "a resolution that …"):
        # the content starts at "that", as PolNeAR marks it
        before = window[: window.index("that")]
        if not any(word in FUNCTION_WORDS for word in before):
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
            and tokens[j + 1].text.lower() in CONTENT_STOPS
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


def content_kind(start: int, end: int, quotes: Sequence[Quote], text: str) -> str:
    """``direct``, ``partial`` or ``indirect``: how much of ``text[start:end]`` the ``quotes`` cover."""
    inside = [q for q in quotes if q.start < end and q.end > start]
    if not inside:
        return "indirect"
    covered = sum(min(q.end, end) - max(q.start, start) for q in inside)
    span = text[start:end].strip(" ,.—–")
    return "direct" if covered >= len(span) - 1 else "partial"
