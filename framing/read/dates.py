"""Find and normalise calendar dates in news text, without guessing.

>>> find_date("Posted November 22, 2023 10:36 am.")
'2023-11-22'
>>> find_date("2023-09-30 10:14:00")
'2023-09-30'
>>> normalize_date("22 Nov. 2023"), normalize_date("sometime")
('2023-11-22', 'sometime')
"""

from __future__ import annotations

import datetime as _dt
import re

from framing.read.lexicon_files import word_weights

__all__ = ["MONTHS", "find_date", "normalize_date"]

#: Month names and their news abbreviations, lower-case, to month numbers (word list ``calendar``).
MONTHS: dict[str, int] = {
    name.lower(): int(number)
    for name, number in word_weights("calendar", "month", "month_ambiguous", "month_abbreviation").items()
}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_YEAR_RE = re.compile(_YEAR)
_PATTERNS = [
    re.compile(rf"\b{_YEAR}-(?P<month_num>\d{{1,2}})-(?P<day>\d{{1,2}})(?!\d)"),
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(rf"\b{_DAY}\s+{_MONTH},?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(rf"\b{_YEAR}/(?P<month_num>\d{{1,2}})/(?P<day>\d{{1,2}})\b"),
]


def find_date(text: str) -> str:
    """The first unambiguous calendar date in ``text`` as ``YYYY-MM-DD``, or ``""``.

    Numeric day/month orders that could be read both ways ("03/04/2023")
    are not guessed.
    """
    if not _YEAR_RE.search(text):
        return ""  # every pattern holds a year
    found: list[tuple[int, str]] = []
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            parts = match.groupdict()
            month = int(parts["month_num"]) if parts.get("month_num") else MONTHS[parts["month"].lower()]
            try:
                date = _dt.date(int(parts["year"]), month, int(parts["day"]))
            except ValueError:
                continue
            found.append((match.start(), date.isoformat()))
    return min(found)[1] if found else ""


def normalize_date(value: str) -> str:
    """``value`` as ``YYYY-MM-DD`` when it holds a date, else unchanged.

    >>> normalize_date("2023-11-22T10:36:00Z")
    '2023-11-22'
    """
    return find_date(value) or value.strip()
