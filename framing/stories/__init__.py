"""Stories across a corpus: which articles report the same event, and which paragraphs recur in other stories.

>>> from framing.read import Article
>>> find_stories([Article("a", "It rained all day in the valley.")])
['auto-0001']
"""

from __future__ import annotations

from framing.settings import ReuseRules, StoryRules
from framing.stories.crossreuse import find_cross_story_reuse
from framing.stories.find import find_stories

__all__ = ["ReuseRules", "StoryRules", "find_cross_story_reuse", "find_stories"]
