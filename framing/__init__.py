"""framing: compare how news outlets cover the same story.

>>> import framing
>>> result = framing.analyze([
...     {"id": "a", "source": "Wire", "text": "Talks end\\n\\nThe minister insisted talks went well."},
...     {"id": "b", "source": "Daily", "text": "Talks end\\n\\nThe minister claimed talks went well."},
... ])
>>> result.attributions[["article_id", "cue_lemma", "stance"]].values.tolist()
[['a', 'insist', 'emphatic'], ['b', 'claim', 'distancing']]
"""

from __future__ import annotations

from framing.about import __version__
from framing.clean import clean
from framing.compare.groups import compare
from framing.lexicons import Lexicon, builtin_lexicon, load_lexicon
from framing.measure.article import measure_article
from framing.problems import FramingError, Problem
from framing.read.corpus import Article, Corpus, load
from framing.run.pipeline import analyze
from framing.run.result import Result

__all__ = [
    "Article",
    "Corpus",
    "FramingError",
    "Lexicon",
    "Problem",
    "Result",
    "__version__",
    "analyze",
    "builtin_lexicon",
    "clean",
    "compare",
    "load",
    "load_lexicon",
    "measure_article",
]


def __getattr__(name: str) -> object:
    if name == "plot":
        from framing.present import plot  # lazy: matplotlib takes 0.3 s to import and only drawing needs it

        return plot
    raise AttributeError(f"module 'framing' has no attribute {name!r}")
