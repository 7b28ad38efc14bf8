"""Progress bars for long runs: shown on a terminal or in a notebook, never in scripts' output.

A bar appears only when asked for (``progress=True``; the command line asks
unless ``--quiet``), for runs of at least :data:`MIN_ITEMS` articles, on
standard error, and only when that is a terminal or a notebook.

>>> with progress_bar(3, desc="stories", show=False) as bar:
...     bar.update(3)
"""

from __future__ import annotations

import sys
from typing import Any

from tqdm import tqdm

__all__ = ["MIN_ITEMS", "progress_bar"]

#: Fewer items than this finish too fast to need a bar.
MIN_ITEMS = 50


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
