"""How a run reads its input and where it runs: one options object for :func:`~framing.run.pipeline.analyze`
and :func:`~framing.run.pipeline.analyze_into`.

Keyword arguments of ``analyze`` change the fields of :class:`RunOptions`, so
``analyze(data, jobs=2)`` is ``analyze(data, RunOptions(jobs=2))``; a script
can keep one ``RunOptions`` and pass it to every run.

>>> options = RunOptions.with_changes(None, {"story": "auto", "jobs": 2})
>>> options.story, options.jobs, options.manifest()["story"]
('auto', 2, 'auto')
>>> RunOptions(story="guess")
Traceback (most recent call last):
framing.problems.FramingError: story must be 'given' (the input's stories) or 'auto' (found), not 'guess'
>>> RunOptions(targets={"Serbia": ["*"]})
Traceback (most recent call last):
framing.problems.FramingError: target:Serbia entry 2: '*' has no letters; a wildcard needs a stem, as in 'slam*'
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from framing.compare import target_lexicon
from framing.frames import FrameClassifier, load_frame_model
from framing.lexicons import Lexicon
from framing.models.attribution_crf import load_attribution_model
from framing.problems import FramingError
from framing.read import DEFAULT_MAX_CHARS
from framing.settings import ATTRIBUTION_MODES, Settings, settings_for

__all__ = ["BUILTIN_FRAMES", "STORIES", "RunOptions"]

#: ``RunOptions.frames`` (``--frames``) for the frame model shipped with framing: the five generic news frames.
BUILTIN_FRAMES = "builtin"

#: Where the stories come from: the input's own (its story column, or one per folder), or found from the texts.
STORIES = ("given", "auto")


@dataclass(frozen=True)
class RunOptions:
    """How to read the input, which settings to measure with, and where to run.

    Attributes
    ----------
    lexicons
        Lexicons (objects or TSV paths) that replace built-in ones of the
        same name or add new term lexicons.
    columns, max_chars
        Passed to :func:`framing.load`: the input's column names
        (``{"text": "body"}``) and the size above which an article is skipped
        (and reported).
    settings
        Full control over lexicons and rules (see :func:`framing.settings.settings_for`);
        replaces ``lexicons`` when given.
    targets
        Entities to measure tone toward, with their aliases:
        ``{"Serbia": ["Serbian", "Belgrade"]}`` (see :func:`framing.compare.toward`).
    story
        ``"given"``: the stories the input names (its story column, or one
        per folder); ``"auto"``: found from the texts and dates
        (:func:`framing.stories.find_stories` with ``settings.story_rules``),
        labelled ``auto-0001``, ``auto-0002``, ...
    progress
        Show a progress bar per stage on standard error (when it is a
        terminal or a notebook); library calls print nothing by default.
    jobs
        Worker processes for the per-article and per-story work; the tables
        are the same for any number.  (On macOS and Windows, call it under
        ``if __name__ == "__main__":`` in a script.)
    client
        A ``dask.distributed.Client``: run the same work on its cluster instead.
    frames
        The frame model for ``frames.csv``: ``"builtin"`` (the five generic
        news frames, :func:`framing.frames.load_frame_model`), the path of a
        model trained on your own codebook (``framing frames train``), a
        :class:`~framing.frames.FrameClassifier`, or ``None`` for no frames.
        A ``settings`` with its own ``frame_model`` keeps it.
    attribution
        ``"learned"`` (the attribution tagger combined with the rules,
        :mod:`framing.measure.learned_attribution`) or ``"rules"`` (the rules
        alone, faster).  With ``"learned"``, a ``settings`` without an
        ``attribution_model`` gets the built-in one.
    """

    lexicons: Sequence[Lexicon | str | Path] = ()
    columns: Mapping[str, str] | None = None
    max_chars: int = DEFAULT_MAX_CHARS
    settings: Settings | None = None
    targets: Mapping[str, Sequence[str]] | None = None
    story: str = "given"
    progress: bool = False
    jobs: int = 1
    client: Any = None
    frames: str | Path | FrameClassifier | None = BUILTIN_FRAMES
    attribution: str = "learned"

    def __post_init__(self) -> None:
        if self.attribution not in ATTRIBUTION_MODES:
            raise FramingError(f"attribution must be 'learned' or 'rules', not {self.attribution!r}")
        if self.story not in STORIES:
            raise FramingError(f"story must be 'given' (the input's stories) or 'auto' (found), not {self.story!r}")
        if self.jobs < 1:
            raise FramingError(f"jobs must be at least 1, not {self.jobs}")
        for name, aliases in (self.targets or {}).items():
            target_lexicon(name, aliases)  # a name or alias the lexicon refuses stops the run before it reads

    @classmethod
    def with_changes(cls, options: RunOptions | None, changes: Mapping[str, Any]) -> RunOptions:
        """``options`` (or the defaults) with the fields named in ``changes`` replaced; an unknown name is a
        ``TypeError`` that lists the known ones."""
        names = [f.name for f in fields(cls)]
        unknown = sorted(set(changes) - set(names))
        if unknown:
            raise TypeError(f"unknown option {', '.join(map(repr, unknown))}; the options are {', '.join(names)}")
        return replace(options or cls(), **changes)

    def resolved_settings(self) -> Settings:
        """The settings to measure with: ``settings``, or the built-in ones with ``lexicons`` swapped in."""
        settings = (
            self.settings if self.settings is not None else settings_for(self.lexicons, attribution=self.attribution)
        )
        if self.attribution == "rules" and settings.attribution_model is not None:
            settings = replace(settings, attribution_model=None)
        elif self.attribution == "learned" and settings.attribution_model is None:
            settings = replace(settings, attribution_model=load_attribution_model())
        if settings.frame_model is not None or self.frames is None:
            return settings
        model = self.frames if isinstance(self.frames, FrameClassifier) else load_frame_model(self._frames_path())
        return replace(settings, frame_model=model)

    def _frames_path(self) -> Path | None:
        return None if self.frames == BUILTIN_FRAMES else Path(str(self.frames))

    def manifest(self) -> dict[str, Any]:
        """The options that shape the tables, as the run manifest records them (where a run ran does not)."""
        return {
            "max_chars": self.max_chars,
            "columns": dict(self.columns or {}),
            "targets": {name: list(aliases) for name, aliases in (self.targets or {}).items()},
            "story": self.story,
            "frames": self.frames if self.frames is None or isinstance(self.frames, str) else _frames_name(self.frames),
        }


def _frames_name(frames: Path | FrameClassifier) -> str:
    """How the manifest names a frame model given as a path (its file name) or an object (its class)."""
    return Path(frames).name if isinstance(frames, Path) else type(frames).__name__
