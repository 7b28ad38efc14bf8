"""Tokens as the lexicon matcher sees them: hyphenated words split into their parts, and the barrier token.

>>> from framing.segment import Token
>>> [t.text for t in matchable_tokens([Token("pro-Kremlin", 0, 11)])]
['pro', 'Kremlin']
"""

from __future__ import annotations

from collections.abc import Sequence
from operator import itemgetter

from framing.segment import Token

__all__ = ["BARRIER", "matchable_tokens"]

_TEXT = itemgetter(0)  # a token's text

#: The text of a token that no lexicon entry matches: put between sentences to keep hits inside them.
BARRIER = "\x00"


def matchable_tokens(tokens: Sequence[Token]) -> list[Token]:
    """Tokens as the matcher sees them: hyphenated words split into their parts.

    >>> from framing.segment import tokenize
    >>> [t.text for t in matchable_tokens(tokenize("ultra-nationalists rose"))]
    ['ultra', 'nationalists', 'rose']
    """
    if "-" not in "".join(map(_TEXT, tokens)):  # the common case, tested in one pass
        return list(tokens)
    out: list[Token] = []
    for token in tokens:
        text = token.text
        if "-" in text.strip("-") and text[0].isalnum():
            offset = token.start
            for part in text.split("-"):
                if part:
                    out.append(Token(part, offset, offset + len(part)))
                offset += len(part) + 1
        else:
            out.append(token)
    return out
