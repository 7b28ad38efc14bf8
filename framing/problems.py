"""Problems with the input, and the one error type a user ever sees.

A problem that framing can work around (an undecodable byte, a duplicate id)
becomes a :class:`Problem` row in ``problems.csv``; a problem it cannot work
around (no input at all) raises :class:`FramingError`, whose message is one
line that names the file and the fix.

>>> Problem("a.txt", None, "error", "file is empty").as_row()
{'input': 'a.txt', 'line': None, 'severity': 'error', 'message': 'file is empty'}
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

__all__ = ["SEVERITIES", "FramingError", "Problem"]

#: ``error``: the input (or part of it) was not analysed;
#: ``warning``: it was analysed, but something was changed or guessed.
SEVERITIES = ("error", "warning")


@dataclass(frozen=True)
class Problem:
    """One row of ``problems.csv``: which input, which line, how bad, and why."""

    input: str
    line: int | None
    severity: str
    message: str

    def __post_init__(self) -> None:
        if self.severity not in SEVERITIES:
            raise ValueError(f"severity must be one of {SEVERITIES}, not {self.severity!r}")

    def as_row(self) -> dict[str, object]:
        return asdict(self)


def internal_error(what: str, doing: str, exc: BaseException) -> Problem:
    """The problem row for a framing bug met while ``doing`` something to ``what``: the run goes on without it.

    >>> internal_error("article 'a1'", "measuring it", IndexError("list index out of range")).message[:61]
    "framing failed on article 'a1' while measuring it (IndexError"
    """
    return Problem(
        input=what,
        line=None,
        severity="error",
        message=f"framing failed on {what} while {doing} ({type(exc).__name__}: {exc}); it is left out; "
        "please report this as a framing bug with the text",
    )


class FramingError(Exception):
    """A mistake in what the user asked for; the message says how to fix it.

    The command line prints it as one line and exits with status 2, never
    with a traceback.
    """
