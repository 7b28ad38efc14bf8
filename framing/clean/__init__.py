"""The clean stage: every block of an article's text gets a role, and the metadata in the text is read.

>>> from framing.read import Article
>>> [b.role for b in clean(Article("a", "Rain in Skopje\\n\\nIt rained on Monday, officials said.")).blocks]
['title', 'body']
"""

from __future__ import annotations

from framing.clean.article import CleanArticle, clean
from framing.clean.blocks import Block, split_blocks
from framing.settings import CleanRules
from framing.stage_module import callable_stage

__all__ = ["Block", "CleanArticle", "CleanRules", "clean", "split_blocks"]

# framing.clean(...) runs clean(...): the stage is its main function too
callable_stage(__name__, clean)
