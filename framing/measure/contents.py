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
from bisect import bisect_left
from collections.abc import Sequence
from operator import attrgetter

from framing.measure.attribution_words import ADJUNCTS_AFTER_CUE, CONTENT_STOPS, FINITE, FUNCTION_WORDS
from framing.measure.quotes import Quote, inside_quote, quote_mark, quotes_over
from framing.measure.units import Sentence
from framing.models import pos
from framing.segment import Token

__all__ = [
    "content_after",
    "content_before",
    "content_comes_before",
    "content_kind",
    "interruption",
    "quotation_before",
]

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


def quotation_before(tokens: Sequence[Token], after: int, frame_start: int) -> bool:
    """True for "“…,” Reid told reporters in Washington." and "“…,” said Sen. Jeff Merkley of Oregon, the
    only …": after a quotation, the words that follow the source and cue (``tokens[after:]``: an addressee,
    an adjunct, an aside) are not the content, unless they hold a quotation, "that" or a colon.

    >>> from framing.segment import tokenize
    >>> tokens = tokenize("“Go,” Reid told reporters in Washington.")
    >>> quotation_before(tokens, 6, tokens[4].start), quotation_before(tokens[4:], 2, tokens[4].start)
    (True, False)
    """
    first = bisect_left(tokens, frame_start, key=_START)
    quoted = quote_mark(tokens, first - 1) or (
        first > 1 and tokens[first - 1].text == "," and quote_mark(tokens, first - 2)
    )
    rest = tokens[after:]
    return quoted and not any(quote_mark(rest, i) or rest[i].text.lower() in {"that", ":"} for i in range(len(rest)))


_START = attrgetter("start")

#: Words that, after "…, X said,", open an aside of the writer's or a new clause, not the rest of the content.
_NOT_CONTINUING = frozenset({"and", "or", "but", "while", "even", "compared", "then", "so", "yet", "adding", "citing"})
#: Parts of speech that open a phrase before "…, X said, …" that is not part of the content ("In the end",
#: "And yet", "Recently").
_OPENING_TAGS = frozenset({"IN", "RB", "CC", "WRB"})
#: Words that end a time phrase ("Six months ago").
_TIME_AFTER = frozenset({"ago", "earlier", "later"})


def interruption(tokens: Sequence[Token], first: int, after: int) -> str | None:
    """How a source and cue set off by commas (tokens ``first`` to ``after - 1``) sit in their content:
    ``"around"`` when they interrupt it ("“The border is calm,” Rama said, “and it will stay calm.”",
    "Nor does she have plans, advisers say, to take cues from them": PolNeAR's content runs from the
    first part to the last), ``"after"`` when an opening phrase comes before them ("In the end, X said,
    voters …": the content follows), ``None`` when they are not set off so.

    Not before an aside of the writer's (", and …", ", citing …"), nor when a quotation ends the part
    before and none opens the part after ("“…,” X said, drawing cheers").  A short adjunct may follow the
    cue ("the minister said on Friday, “…”").

    >>> from framing.segment import tokenize
    >>> interruption(tokenize("“It is calm,” Rama said, “and it will stay so.”"), 6, 8)
    'around'
    >>> interruption(tokenize("In the end, Rama said, voters chose him."), 4, 6)
    'after'
    """
    before = first - 1
    if before > 0 and tokens[before].text == "," and quote_mark(tokens, before - 1):
        before -= 1
    quoted = before > 0 and quote_mark(tokens, before)
    # after a quotation, an adjunct of any length may follow the cue: "“…,” he said of the voters, “…”"
    reach = len(tokens) if quoted else min(after + 5, len(tokens))
    comma = next((i for i in range(after, reach) if tokens[i].text in {",", ":", ";"}), None)
    if before < 1 or comma is None or tokens[comma].text != ",":
        return None
    if any(quote_mark(tokens, i) or tokens[i].text.lower() == "that" for i in range(after, comma)):
        return None
    rest = [t for t in tokens[comma + 1 :] if t.text not in {".", "!", "?"}]
    if not rest:
        return None
    if quoted:
        return "around" if quote_mark(tokens, comma + 1) else None
    head = rest[0].text.lower()
    if tokens[before].text != "," or head in _NOT_CONTINUING or head in CONTENT_STOPS or head.endswith("ing"):
        return None
    opening = tokens[:before]
    short = len(opening) <= 4 and not any(pos.tag(t.text) in FINITE for t in opening)
    introduces = pos.tag(opening[0].text) in _OPENING_TAGS or opening[-1].text.lower() in _TIME_AFTER
    if quote_mark(tokens, comma + 1):
        return "after" if short else None
    return "after" if short and introduces else "around"


def content_before(text: str, sentence: Sentence, frame_start: int, quotes: Sequence[Quote]) -> tuple[int, int]:
    """The content before a speaker and cue that start at ``frame_start``: from the sentence start (past
    a dateline, back to a quotation that opens before it) to the frame, without the comma or dash."""
    end = frame_start
    while end > sentence.start and (text[end - 1].isspace() or text[end - 1] in ",—–"):
        end -= 1
    dateline = _DATELINE_RE.match(text, sentence.start, end)
    start = dateline.end() if dateline else sentence.start
    # only a quotation over the sentence's start or over ``start`` can move it (quotations are apart)
    for quote in quotes_over(quotes, sentence.start, start + 1):
        if quote.start < sentence.start < quote.end or (quote.start <= start < quote.end):
            start = min(start, quote.start)
    return start, end


def quotation_ending_at(text: str, start: int, quotes: Sequence[Quote]) -> tuple[int, int] | None:
    """The quotation that ends right before ``start``, where a sentence that is only a source and cue
    begins ("“…, okay?” Trump said.", which the sentence splitter cuts after the question mark).

    >>> text = "“Is it over?” Trump said."
    >>> quotation_ending_at(text, 14, [Quote(0, 13)])
    (0, 13)
    """
    index = bisect_left(quotes, start, key=_START) - 1
    if index >= 0 and quotes[index].end <= start and not text[quotes[index].end : start].strip():
        return quotes[index].start, quotes[index].end
    return None


def content_after(
    text: str,
    sentence: Sentence,
    last: int,
    quotes: Sequence[Quote],
    stop: int | None,
    *,
    addressee: bool = False,
) -> tuple[int, int]:
    """The content after token ``last`` of the cue frame, to the sentence end or ``stop``, without a
    trailing aside of the writer's; a quotation open at the end runs to its close.

    ``addressee``: the cue names whom it is told to ("told attendees at the gala how …", "urged the
    courts that …"), so a longer phrase may come before the content."""
    tokens = sentence.tokens
    i = last + 1
    window = [t.text.lower() for t in tokens[i : i + 3]]
    opener = _opener_after_object(tokens, i, addressee=addressee)
    if opener is not None:
        i = opener
    elif "that" in window:
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
    last_open = bisect_left(quotes, end, key=_START) - 1  # the only quotation that can be open at ``end``
    if last_open >= 0 and start <= quotes[last_open].start and quotes[last_open].end > end:
        end = quotes[last_open].end
    return start, end


#: Words that open the content after an addressee ("told the crowd that …", "asked him whether …").
_AFTER_ADDRESSEE = frozenset({"that", "how", "whether", "why", "what", "if"})


def _opener_after_object(tokens: Sequence[Token], i: int, *, addressee: bool) -> int | None:
    """Where the content starts after a phrase that follows the cue: past a colon ("wrote on Facebook:
    “…”"), or, for a cue with an ``addressee``, at "that" or a question word ("told French channel BFM TV
    that …").  ``None`` when a comma, a quotation or a finite verb comes first."""
    for j in range(i + 1, min(i + 10, len(tokens))):
        word = tokens[j].text.lower()
        if word == ":":
            return j + 1
        if addressee and word in _AFTER_ADDRESSEE:
            return j
        if word in {",", ";", "—", "–"} or quote_mark(tokens, j) or pos.tag(tokens[j].text) in FINITE:
            return None
    return None


def content_kind(start: int, end: int, quotes: Sequence[Quote], text: str) -> str:
    """``direct``, ``partial`` or ``indirect``: how much of ``text[start:end]`` the ``quotes`` cover."""
    inside = quotes_over(quotes, start, end)
    if not inside:
        return "indirect"
    covered = sum(min(q.end, end) - max(q.start, start) for q in inside)
    span = text[start:end].strip(" ,.—–")
    return "direct" if covered >= len(span) - 1 else "partial"
