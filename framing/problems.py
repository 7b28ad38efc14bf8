"""Problems with the input, and the one error type a user ever sees.

A problem that framing can work around (an undecodable byte, a duplicate id)
becomes a :class:`Problem` row in ``problems.csv``; a problem it cannot work
around (no input at all) raises :class:`FramingError`, whose message is one
line that names the file and the fix.

>>> Problem("a.txt", None, "error", "file is empty").as_row()
{'input': 'a.txt', 'line': None, 'severity': 'error', 'message': 'file is empty'}
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass

__all__ = ["SEVERITIES", "FramingError", "Problem", "check_bounds", "writable"]

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
        object.__setattr__(self, "input", writable(self.input))  # a file name that is not UTF-8 is still written
        object.__setattr__(self, "message", writable(self.message))

    def as_row(self) -> dict[str, object]:
        return asdict(self)


def writable(text: str) -> str:
    """``text`` as a UTF-8 file can hold it: a file name with bytes that are not UTF-8 (which Python reads as
    lone surrogates) gets backslash escapes for them (``caf\\xe9``), and any other lone surrogate (a JSON
    ``"\\ud800"``) its ``\\ud800`` escape.  Text that is valid already is returned as it is.

    >>> writable("caf\\udce9.txt"), writable("caf\u00e9"), writable("a\\ud800b")
    ('caf\\\\xe9.txt', 'café', 'a\\\\ud800b')
    """
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        pass
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")


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


def check_bounds(
    rules: object,
    *,
    shares: Iterable[str] = (),
    at_least_one: Iterable[str] = (),
    not_negative: Iterable[str] = (),
) -> None:
    """Raise ``ValueError`` naming the first field of ``rules`` out of its bounds: ``shares`` lie in [0, 1],
    ``at_least_one`` are at least 1, ``not_negative`` at least 0.  For the ``__post_init__`` of rule classes.

    >>> @dataclass
    ... class Rules:
    ...     share: float = 1.5
    >>> check_bounds(Rules(), shares=["share"])
    Traceback (most recent call last):
    ValueError: Rules.share must be between 0 and 1, not 1.5
    """
    owner = type(rules).__name__
    for names, low, high, bound in (
        (shares, 0.0, 1.0, "be between 0 and 1"),
        (at_least_one, 1, None, "be at least 1"),
        (not_negative, 0, None, "not be negative"),
    ):
        for name in names:
            value = getattr(rules, name)
            if value < low or (high is not None and value > high):
                raise ValueError(f"{owner}.{name} must {bound}, not {value!r}")
