"""The lexicons: word lists with categories that anyone can read, edit and swap, matched on tokens.

>>> builtin_lexicon("hedges").name
'hedges'
"""

from __future__ import annotations

from framing.lexicons.entries import LexiconEntry, LexiconMatch
from framing.lexicons.files import builtin_lexicon, builtin_lexicon_names, load_lexicon
from framing.lexicons.lexicon import Lexicon, WordPositions
from framing.lexicons.matchable import BARRIER, matchable_tokens
from framing.read.lexicon_files import COLUMNS, REQUIRED_KEYS

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
