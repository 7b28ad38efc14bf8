"""The lexicons: word lists with categories that anyone can read, edit and swap, matched on tokens.

>>> builtin_lexicon("hedges").name
'hedges'
"""

from __future__ import annotations

from framing.lexicons.lexicon import (
    BARRIER,
    COLUMNS,
    REQUIRED_KEYS,
    Lexicon,
    LexiconEntry,
    LexiconMatch,
    WordPositions,
    builtin_lexicon,
    builtin_lexicon_names,
    load_lexicon,
    matchable_tokens,
)

__all__ = [
    "BARRIER",
    "COLUMNS",
    "REQUIRED_KEYS",
    "Lexicon",
    "LexiconEntry",
    "LexiconMatch",
    "WordPositions",
    "builtin_lexicon",
    "builtin_lexicon_names",
    "load_lexicon",
    "matchable_tokens",
]
