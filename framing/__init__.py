"""framing: compare how news outlets cover the same story.

>>> import framing
>>> result = framing.analyze([
...     {"id": "a", "source": "Wire", "text": "Talks end\\n\\nThe minister insisted talks went well."},
...     {"id": "b", "source": "Daily", "text": "Talks end\\n\\nThe minister claimed talks went well."},
... ])
>>> result.attributions[["article_id", "cue_lemma", "stance"]].values.tolist()
[['a', 'insist', 'emphatic'], ['b', 'claim', 'distancing']]

Every stage is a package of its own, importable from here (ARCHITECTURE.md
draws the floor plan): :mod:`framing.read`, :mod:`framing.segment`,
:mod:`framing.lexicons`, :mod:`framing.clean`, :mod:`framing.measure`,
:mod:`framing.frames`, :mod:`framing.align`, :mod:`framing.stories`, :mod:`framing.compare`,
:mod:`framing.present` and :mod:`framing.run`, with the data contract in
:mod:`framing.contract` and every threshold in :mod:`framing.settings`.
"""

from __future__ import annotations

from framing import (
    align,
    clean,
    compare,
    contract,
    deprecated,
    evaluate,
    frames,
    lexicons,
    measure,
    models,
    present,
    read,
    run,
    segment,
    settings,
    stories,
)
from framing.about import __version__
from framing.lexicons import Lexicon, builtin_lexicon, load_lexicon
from framing.measure import measure_article
from framing.present import plot
from framing.problems import FramingError, Problem
from framing.read import Article, Corpus, load
from framing.run import Result, RunOptions, analyze, analyze_into
from framing.settings import Settings, settings_for

__all__ = [
    "Article",
    "Corpus",
    "FramingError",
    "Lexicon",
    "Problem",
    "Result",
    "RunOptions",
    "Settings",
    "__version__",
    "align",
    "analyze",
    "analyze_into",
    "builtin_lexicon",
    "clean",
    "compare",
    "contract",
    "evaluate",
    "frames",
    "lexicons",
    "load",
    "load_lexicon",
    "measure",
    "measure_article",
    "models",
    "plot",
    "present",
    "read",
    "run",
    "segment",
    "settings",
    "settings_for",
    "stories",
]

# The import paths of framing's first layout keep working, with a warning, until the next release
# (framing/deprecated.py lists them).
deprecated.install()


def __getattr__(name: str) -> object:
    return deprecated.moved_attribute(name)
