"""The import paths of framing's first layout, kept working for one release with a ``DeprecationWarning``.

framing's flat modules moved into one folder per pipeline stage
(ARCHITECTURE.md).  A script that still says ``from framing.pipeline import
analyze`` or ``framing.stats.stance_mix`` keeps working: the old module name
gives a stand-in whose names come from the modules that hold them now, and a
warning says where to import them from.  This module goes in the next release.

>>> import sys, warnings
>>> _ = sys.modules.pop("framing.stats", None)  # a first import warns
>>> with warnings.catch_warnings(record=True) as caught:
...     warnings.simplefilter("always")
...     from framing.stats import stance_mix
>>> stance_mix.__module__, caught[0].category.__name__
('framing.compare.voices', 'DeprecationWarning')
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import sys
import warnings
from types import ModuleType
from typing import Any

__all__ = ["ALIASES", "MOVED", "install"]

#: Each old module, and the modules that hold its names now (looked up in this order).
MOVED: dict[str, tuple[str, ...]] = {
    "framing.pipeline": ("framing.run.pipeline", "framing.settings", "framing.measure.article", "framing.run.options"),
    "framing.engine": ("framing.run.engine",),
    "framing.result": ("framing.run.result", "framing.present.summary", "framing.about", "framing.run.manifest"),
    "framing.progress": ("framing.run.progress",),
    "framing.corpus": ("framing.read",),
    "framing.textio": ("framing.read.textio",),
    "framing.dates": ("framing.read.dates",),
    "framing.datasets.basil": ("framing.read.datasets.basil",),
    "framing.datasets.polnear": ("framing.read.datasets.polnear",),
    "framing.datasets.corenlp": ("framing.read.datasets.corenlp",),
    "framing.units": ("framing.measure.units",),
    "framing.pos": ("framing.models.pos",),
    "framing.versions": ("framing.align.story",),
    "framing.stage_align": ("framing.align.stage",),
    "framing.swaps": ("framing.align.swaps", "framing.settings"),
    "framing.editorial": ("framing.align.editorial", "framing.models.slant", "framing.align.slant"),
    "framing.crossreuse": ("framing.stories.crossreuse", "framing.settings"),
    "framing.minhash": ("framing.stories.minhash",),
    "framing.stats": ("framing.compare.stats", "framing.compare.voices"),
    "framing.sentiment": ("framing.compare.tone",),
    "framing.tables": ("framing.contract",),
    "framing.output": ("framing.contract",),
    "framing.plot": ("framing.present.plot",),
    "framing.report": ("framing.present.report",),
}


class _Moved(ModuleType):
    """A stand-in for an old module: its names are looked up in the modules that hold them now."""

    def __init__(self, name: str, targets: tuple[str, ...]) -> None:
        super().__init__(name, f"Moved: use {', '.join(targets)} (the old path goes in the next release).")
        self.__targets = [importlib.import_module(target) for target in targets]

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        for target in self.__targets:
            if hasattr(target, name):
                return getattr(target, name)
        places = ", ".join(t.__name__ for t in self.__targets)
        raise AttributeError(f"{self.__name__} moved to {places}, which have no {name!r}")

    def __dir__(self) -> list[str]:
        return sorted({name for target in self.__targets for name in dir(target)})


#: Short public paths that stay (no warning): ``from framing.datasets import seeds``.
ALIASES: dict[str, tuple[str, ...]] = {"framing.datasets": ("framing.read.datasets",)}


class _MovedFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Finds the old module names of :data:`MOVED` and the paths of :data:`ALIASES` (and only those) and loads
    their stand-ins."""

    def find_spec(self, fullname: str, path: Any = None, target: Any = None) -> importlib.machinery.ModuleSpec | None:
        if fullname not in MOVED and fullname not in ALIASES:
            return None
        return importlib.machinery.ModuleSpec(fullname, self)

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType:
        if spec.name in ALIASES:
            return _Moved(spec.name, ALIASES[spec.name])
        warnings.warn(_message(spec.name), DeprecationWarning, stacklevel=2)  # the import machinery's frames skipped
        return _Moved(spec.name, MOVED[spec.name])

    def exec_module(self, module: ModuleType) -> None:
        """Nothing to run: the stand-in reads its names from the new modules."""


_FINDER = _MovedFinder()


def install() -> None:
    """Let the old import paths be found (once per process; ``import framing`` calls it)."""
    if _FINDER not in sys.meta_path:
        sys.meta_path.append(_FINDER)


def moved_attribute(name: str) -> ModuleType:
    """The stand-in of the old module ``framing.<name>``, for that name used without importing it."""
    old = f"framing.{name}"
    if old not in MOVED:
        raise AttributeError(f"module 'framing' has no attribute {name!r}")
    with warnings.catch_warnings():  # warned below, where the caller used the name
        warnings.simplefilter("ignore", DeprecationWarning)
        module = importlib.import_module(old)
    warnings.warn(_message(old), DeprecationWarning, stacklevel=3)
    return module


def _message(old: str) -> str:
    return f"{old} moved to {', '.join(MOVED[old])}; import from there (the old path works until the next release)"
