"""Colon cues: a speaker's name and a colon before their words, as transcripts and round-ups write them.

"JAKE TAPPER: Donald Trump released a video …" (a transcript's turn: the
content runs to the end of the paragraph), "Pollsters agree - Carl Bialik:
“One of the biggest lessons …”" and "Republican pollster Daron Shaw: “…”"
(the content is the quotation, or the rest of the sentence).  PolNeAR marks
the colon as the cue.  The name must look like one: capitalised words (a
title may come first) or a transcript's capitals, not a label such as
"Update:" or "Editor's Note:".

>>> from framing.measure.units import Sentence
>>> from framing.segment import tokenize
>>> text = "TAPPER: Do you think so? He paused."
>>> sentence = Sentence(0, 0, 0, 24, text[:24], tuple(tokenize(text, 0, 24)))
>>> found = colon_cue(text, sentence, [], paragraph_end=len(text))
>>> [t.text for t in found.source], text[found.cue[0]:found.cue[1]], text[found.content[0]:found.content[1]]
(['TAPPER'], ':', 'Do you think so? He paused.')
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from framing.measure.names import is_name_token
from framing.measure.quotes import Quote, quote_mark
from framing.measure.units import Sentence
from framing.models import pos
from framing.segment import Token

__all__ = ["ColonCue", "colon_cue"]

#: At most this many words name the speaker before the colon.
MAX_NAME_TOKENS = 6
#: Dashes that set a round-up's heading off from the speaker ("Pollsters agree - Carl Bialik: …").
_DASHES = frozenset({"-", "—", "–", "--", "―"})


#: Words of a label before a colon, not a speaker ("Editor's Note:", "Photo:", "Read more:").
_LABELS = frozenset(
    """note update more here photo photos video watch listen read related source sources caption credit
    correction clarification image images advertisement background wait also editor editors disclosure
    warning breaking exclusive analysis opinion summary transcript question answer q a""".split()
)


class ColonCue(NamedTuple):
    """A colon cue: the speaker's tokens, the colon's span and the content's span."""

    source: Sequence[Token]
    cue: tuple[int, int]
    content: tuple[int, int]


def colon_cue(
    text: str, sentence: Sentence, quotes: Sequence[Quote], *, paragraph_end: int, title_case: bool = False
) -> ColonCue | None:
    """The colon cue that opens ``sentence`` (or its part after a dash), if any.

    At the start of a paragraph the content runs to ``paragraph_end`` (a transcript's turn); elsewhere it is
    the quotation that opens after the colon, or the rest of the sentence.  In ``title_case`` (a headline)
    capitalised words after the colon do not make a list of names.
    """
    tokens = sentence.tokens
    colon = next((i for i, t in enumerate(tokens[: MAX_NAME_TOKENS + 8]) if t.text == ":"), None)
    if colon is None or colon + 1 >= len(tokens):
        return None
    dash = max((i for i in range(colon) if tokens[i].text in _DASHES), default=-1)
    source = list(tokens[dash + 1 : colon])
    if not _names_speaker(source):
        return None
    after = tokens[colon + 1]
    if dash < 0 and sentence.start == _line_start(text, sentence.start) and not quote_mark(tokens, colon + 1):
        end = paragraph_end
    else:
        end = sentence.end
        for quote in quotes:
            if quote.start == after.start:
                end = quote.end
                break
    while end > after.start and text[end - 1].isspace():
        end -= 1
    if not _reads_as_speech(tokens[colon + 1 :], title_case=title_case):
        return None
    return ColonCue(source, (tokens[colon].start, tokens[colon].end), (after.start, end))


def _reads_as_speech(words: Sequence[Token], *, title_case: bool = False) -> bool:
    """The words after the colon read as something said: not a number ("Clinton: 1,769"), an address
    ("Twitter: @Milbank"), a list of names ("Iowa: Tim Albrecht, Brad Anderson, …") or a fragment of a
    few words ("Rubio: Finish second.")."""
    texts = [t.text for t in words if t.text[:1].isalnum() or t.text[:1] == "@"]
    if len(texts) < 4 or texts[0][:1].isdigit() or texts[0][:1] == "@":
        return quote_mark(words, 0) and len(texts) > 0
    capitalised = sum(1 for w in texts if w[:1].isupper())
    return title_case or capitalised < 0.7 * len(texts)


def _line_start(text: str, position: int) -> int:
    """Where the line holding ``position`` begins."""
    return text.rfind("\n", 0, position) + 1


def _names_speaker(source: Sequence[Token]) -> bool:
    """Capitalised words that name someone ("Republican pollster Daron Shaw", "Mark Blumenthal and Jon
    Cohen", "JAKE TAPPER"), not a label ("Update", "Editor's Note", "Read more") nor a sentence."""
    words = [t.text for t in source if t.text != "."]
    if not words or len(words) > MAX_NAME_TOKENS or any(w.lower() in _LABELS for w in words):
        return False
    if all(w.isupper() and w.isalpha() and len(w) > 1 for w in words if w != "and"):
        return True  # a transcript: "TAPPER", "JAKE TAPPER"
    if not is_name_token(words[-1]) or pos.known_tag(words[-1]) not in {"", "NNP", "NNPS"}:
        return False
    if pos.known_tag(words[0].lower()) in {"DT", "PDT"} or (
        len(words) == 1 and pos.known_tag(words[0].lower()) == "NNS"
    ):
        return False  # "Another problem for Sanders", "Grandkids"
    names = [w for w in words if is_name_token(w)]
    rest = [w for w in words if not is_name_token(w)]
    return len(names) >= 1 and all(w in {"and", "&"} or w.islower() for w in rest) and len(rest) <= 2
