"""Clean one article: split its text into blocks, give each a role, and keep the metadata found in the text.

>>> from framing.read import Article
>>> text = ("Rain in Skopje\\n\\nBy Ana Lee, The Associated Press\\n\\n"
...         "It rained on Monday, officials said.\\n\\nStory continues")
>>> cleaned = clean(Article("a1", text))
>>> [(b.role, b.text) for b in cleaned.blocks]  # doctest: +NORMALIZE_WHITESPACE
[('title', 'Rain in Skopje'), ('byline', 'By Ana Lee, The Associated Press'),
 ('body', 'It rained on Monday, officials said.'), ('boilerplate', 'Story continues')]
>>> cleaned.credit
'The Associated Press'
"""

from __future__ import annotations

from dataclasses import dataclass, field

from framing.clean.blocks import Block, split_blocks
from framing.clean.metadata import metadata
from framing.clean.roles import roles_in_context
from framing.read import Article
from framing.segment import Token, TokenIndex
from framing.settings import CleanRules

__all__ = ["CleanArticle", "clean"]


@dataclass(frozen=True)
class CleanArticle:
    """An article with its blocks and the metadata read from its text."""

    article: Article
    blocks: tuple[Block, ...]
    title: str
    byline: str
    credit: str
    date: str
    #: Every token of the article's text, in order (slice with :func:`framing.segment.tokens_between`).
    tokens: tuple[Token, ...] = ()
    #: The tokens' offsets and word counts, as :func:`clean` found them (see :attr:`token_index`).
    index: TokenIndex | None = field(default=None, repr=False, compare=False)

    @property
    def token_index(self) -> TokenIndex:
        """:attr:`tokens` with their offsets and word counts, to slice and count them."""
        return self.index if self.index is not None else TokenIndex.of(self.tokens)

    def words_in(self, start: int, end: int) -> int:
        """How many words (:func:`framing.segment.word_tokens`) the text has in ``[start, end)``."""
        return self.token_index.words(start, end)

    @property
    def body(self) -> list[Block]:
        return [b for b in self.blocks if b.role == "body"]

    @property
    def removed_chars(self) -> int:
        """Characters in blocks that are not measured (everything but body)."""
        return sum(b.end - b.start for b in self.blocks if b.role != "body")


def clean(article: Article, rules: CleanRules | None = None) -> CleanArticle:
    """Split ``article`` into blocks, give each a role, and read title, byline, credit and date.

    A pure function of the article and the rules.  The title given with the
    article (from a manifest or a table) helps find the headline block.
    """
    rules = rules or CleanRules()
    text = article.text
    spans = split_blocks(text)
    index = TokenIndex.of_text(text)
    tokens = tuple(index.tokens)
    roles = roles_in_context(text, spans, article.title, rules, tokens, index) if spans else []
    blocks = [
        Block(paragraph=i, start=s, end=e, role=role, reason=reason, text=text[s:e])
        for i, ((s, e), (role, reason)) in enumerate(zip(spans, roles, strict=True))
    ]
    meta = metadata(blocks, rules)
    return CleanArticle(article=article, blocks=tuple(blocks), tokens=tokens, index=index, **meta)
