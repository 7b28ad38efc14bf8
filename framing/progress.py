"""Progress bars for long runs: shown on a terminal or in a notebook, never in scripts' output.

A bar appears only for runs of at least :data:`MIN_ITEMS` items, goes to
standard error, and disappears with ``quiet=True`` (``--quiet``) or when
standard error is neither a terminal nor a notebook.

>>> list(progress([1, 2, 3], total=3, desc="measure", quiet=False))
[1, 2, 3]
>>> with progress_bar(3, desc="stories", show=False) as bar:
...     bar.update(3)
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from typing import Any, TypeVar

from tqdm import tqdm

__all__ = ["MIN_ITEMS", "progress", "progress_bar"]

#: Fewer items than this finish too fast to need a bar.
MIN_ITEMS = 50

T = TypeVar("T")


def progress(items: Iterable[T], *, total: int, desc: str, quiet: bool) -> Iterator[T] | Iterable[T]:
    """``items``, wrapped in a tqdm bar (items done, rate, time left) when one should be shown."""
    if quiet or total < MIN_ITEMS:
        return items
    shown = sys.stderr.isatty() or _in_notebook()
    return tqdm(items, total=total, desc=desc, unit="article", leave=False, disable=not shown, file=sys.stderr)


class _NoBar:
    """What :func:`progress_bar` gives when no bar is shown: counts nothing, prints nothing."""

    def update(self, n: int = 1) -> None:
        """Ignore ``n`` items done."""

    def close(self) -> None:
        """Nothing to close."""

    def __enter__(self) -> _NoBar:
        return self

    def __exit__(self, *exc: object) -> None:
        return None


def progress_bar(total: int, *, desc: str, show: bool) -> Any:
    """A bar to ``update(n)`` as articles are done (tqdm: done, rate, time left), or one that does nothing.

    Shown only when ``show``, for at least :data:`MIN_ITEMS` articles, and when standard error is a
    terminal or a notebook.  Use it as a context manager, or call ``close()``.
    """
    if not show or total < MIN_ITEMS or not (sys.stderr.isatty() or _in_notebook()):
        return _NoBar()
    return tqdm(total=total, desc=desc, unit="article", leave=False, file=sys.stderr)


def _in_notebook() -> bool:
    shell = sys.modules.get("IPython")
    get_ipython = getattr(shell, "get_ipython", None)
    return bool(get_ipython and type(get_ipython()).__name__ == "ZMQInteractiveShell")
