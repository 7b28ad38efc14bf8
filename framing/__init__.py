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
:mod:`framing.datasets` (``framing.datasets.seeds()``) holds the five seed articles and the
readers of the annotated corpora.

The stages are imported when a name is first used (:data:`LAZY`), not by ``import framing``:
``framing --help`` then needs no pandas, scikit-learn or matplotlib.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from framing import deprecated
from framing.about import __version__
from framing.problems import FramingError, Problem

if TYPE_CHECKING:  # the names LAZY loads, for type checkers
    from framing import (
        align,
        clean,
        compare,
        contract,
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
    from framing.lexicons import Lexicon, builtin_lexicon, load_lexicon
    from framing.measure import measure_article
    from framing.present import plot
    from framing.read import Article, Corpus, datasets, load
    from framing.run import Result, RunOptions, analyze, analyze_into
    from framing.settings import Settings, settings_for

#: Each public name imported on first use, and the module that holds it (``None``: the name is that module).
LAZY: dict[str, tuple[str, str | None]] = {
    **{
        stage: (f"framing.{stage}", None)
        for stage in (
            "align",
            "clean",
            "compare",
            "contract",
            "evaluate",
            "frames",
            "lexicons",
            "measure",
            "models",
            "present",
            "read",
            "run",
            "segment",
            "settings",
            "stories",
        )
    },
    "datasets": ("framing.read.datasets", None),
    "plot": ("framing.present.plot", None),
    "Lexicon": ("framing.lexicons", "Lexicon"),
    "builtin_lexicon": ("framing.lexicons", "builtin_lexicon"),
    "load_lexicon": ("framing.lexicons", "load_lexicon"),
    "measure_article": ("framing.measure", "measure_article"),
    "Article": ("framing.read", "Article"),
    "Corpus": ("framing.read", "Corpus"),
    "load": ("framing.read", "load"),
    "Result": ("framing.run", "Result"),
    "RunOptions": ("framing.run", "RunOptions"),
    "analyze": ("framing.run", "analyze"),
    "analyze_into": ("framing.run", "analyze_into"),
    "Settings": ("framing.settings", "Settings"),
    "settings_for": ("framing.settings", "settings_for"),
}

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
    "datasets",
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


def __getattr__(name: str) -> Any:
    """A public name of :data:`LAZY`, imported now; or an old module's stand-in (:mod:`framing.deprecated`)."""
    if name not in LAZY:
        return deprecated.moved_attribute(name)
    module_name, attribute = LAZY[name]
    module = importlib.import_module(module_name)
    value = module if attribute is None else getattr(module, attribute)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *LAZY})
