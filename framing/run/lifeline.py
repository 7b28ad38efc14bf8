"""Worker processes end with the process that started them, even when it is killed (as the out-of-memory killer
does): a worker left behind would hold its memory for ever, waiting for work that never comes.

:func:`exit_with_parent` runs in each worker as it starts.  On Linux the
kernel sends the worker ``SIGKILL`` when its parent dies
(``prctl(PR_SET_PDEATHSIG)``); everywhere, a watchdog thread ends the worker
when its parent has gone (its parent process id changed, or the parent's
sentinel says it has stopped).

>>> import os
>>> parent_gone(os.getppid(), None)
False
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import sys
import threading
from multiprocessing.process import BaseProcess

__all__ = ["POLL_SECONDS", "exit_with_parent", "parent_gone"]

#: How often the watchdog looks whether the parent is still there.
POLL_SECONDS = 0.5
#: ``PR_SET_PDEATHSIG`` of ``<linux/prctl.h>``.
_PR_SET_PDEATHSIG = 1
#: ``SIGKILL``: a signal a worker busy in C code cannot ignore or delay.
_SIGKILL = 9


def exit_with_parent() -> None:
    """Make this process (a worker) end when its parent does: the kernel's death signal on Linux, and a
    watchdog thread on every system."""
    parent_pid = os.getppid()
    parent = multiprocessing.parent_process()
    _death_signal()
    if parent_gone(parent_pid, parent):  # the parent died before the signal was asked for
        os._exit(1)
    threading.Thread(target=_watch, args=(parent_pid, parent), name="framing-lifeline", daemon=True).start()


def parent_gone(parent_pid: int, parent: BaseProcess | None) -> bool:
    """Whether the parent this process had (``parent_pid``, and the ``parent`` multiprocessing knows) is gone."""
    if os.getppid() != parent_pid:  # an orphan is given to another parent (init, or a subreaper)
        return True
    return parent is not None and not parent.is_alive()


def _watch(parent_pid: int, parent: BaseProcess | None) -> None:
    """End this process as soon as its parent is gone (``os._exit``: no clean-up waits for a dead parent)."""
    stop = threading.Event()
    while not stop.wait(POLL_SECONDS):
        if parent_gone(parent_pid, parent):
            os._exit(1)


def _death_signal() -> None:
    """Ask the Linux kernel to kill this process when its parent dies (nothing elsewhere, or if it cannot)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)  # the C library this Python runs on
        libc.prctl(_PR_SET_PDEATHSIG, _SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # no libc to call (a static or unusual build): the watchdog remains
        pass
