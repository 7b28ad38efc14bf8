"""Progress bars for long runs: shown on a terminal or in a notebook, never in scripts' output.

A bar appears only for runs of at least :data:`MIN_ITEMS` items, goes to
standard error, and disappears with ``quiet=True`` (``--quiet``) or when
standard error is neither a terminal nor a notebook.

>>> list(progress([1, 2, 3], total=3, desc="measure", quiet=False))
[1, 2, 3]
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from typing import TypeVar

from tqdm import tqdm

__all__ = ["MIN_ITEMS", "progress"]

#: Fewer items than this finish too fast to need a bar.
MIN_ITEMS = 50

T = TypeVar("T")


def progress(items: Iterable[T], *, total: int, desc: str, quiet: bool) -> Iterator[T] | Iterable[T]:
    """``items``, wrapped in a tqdm bar (items done, rate, time left) when one should be shown."""
    if quiet or total < MIN_ITEMS:
        return items
    shown = sys.stderr.isatty() or _in_notebook()
    return tqdm(items, total=total, desc=desc, unit="article", leave=False, disable=not shown, file=sys.stderr)


def _in_notebook() -> bool:
    shell = sys.modules.get("IPython")
    get_ipython = getattr(shell, "get_ipython", None)
    return bool(get_ipython and type(get_ipython()).__name__ == "ZMQInteractiveShell")
