"""The align stage: which paragraphs and sentences of a story's versions match, and how; additions,
omissions, word swaps, editorial paragraphs and slant.

>>> from framing.run import analyze
>>> result = analyze([{"id": "a", "story": "s", "text": "T\\n\\nRama insisted the border was closed."},
...                   {"id": "b", "story": "s", "text": "T\\n\\nRama claimed the border was closed."}])
>>> result.substitutions[["removed", "added", "kind"]].values.tolist()
[['insisted', 'claimed', 'reporting_verb']]
"""

from __future__ import annotations

from framing.align.editorial import editorial_scores
from framing.align.matching import align_units
from framing.align.stage import align_tables
from framing.align.story import align_story, version_order
from framing.align.swaps import find_swaps
from framing.align.unrelated import UNRELATED_MARK
from framing.settings import AlignRules, EditorialRules, SwapRules

__all__ = [
    "UNRELATED_MARK",
    "AlignRules",
    "EditorialRules",
    "SwapRules",
    "align_story",
    "align_tables",
    "align_units",
    "editorial_scores",
    "find_swaps",
    "version_order",
]
