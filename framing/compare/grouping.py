"""Which group each article is in: a column of the articles table, or a time bin of its date, checked for sense.

``--by`` (and ``--within``) may name any column of ``articles.csv``: framing's
own, or one the input carried (a leaning, a year, a topic).  ``year``,
``month`` and ``week`` (ISO 8601 week, ``2012-W05``) come from ``date`` when the
table has no column of that name; an article whose date does not give the bin
goes into the visible group ``(no date)``, never silently out.  A name that is
no column is a one-line error with the closest names; a grouping that cannot
be compared (a group per article, a group per day, more than
:data:`MAX_GROUPS` groups) stops at once with a one-line explanation and what
to do instead, before any statistics run.

>>> articles = pd.DataFrame({"article_id": ["a", "b", "c"], "story": ["s", "s", "s"],
...                          "date": ["2012-05-03", "2013-01-02", ""]})
>>> grouping_labels(articles, "year").tolist()
['2012', '2013', '(no date)']
>>> grouping_labels(articles, "week").tolist()
['2012-W18', '2013-W01', '(no date)']
"""

from __future__ import annotations

import datetime
import difflib
import re
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from framing.problems import FramingError

__all__ = ["MAX_GROUPS", "MISSING_GROUP", "NO_DATE", "TIME_BINS", "check_grouping", "grouping_labels"]

#: The most groups a grouping may make.  Every pair of groups is tested for every measure, so the tests grow as
#: G(G-1)/2: 20 groups are 190 pairs (some 4,000 tests and their permutations); more is rarely a question a
#: paper asks, and is usually a column with a value per article or per day.  ``max_groups=`` changes it.
MAX_GROUPS = 20
#: Time bins derived from ``date`` when the articles table has no column of that name.
TIME_BINS = ("year", "month", "week")
#: The group of articles whose date does not give the time bin (no date, or only a year for ``month``).
NO_DATE = "(no date)"
#: The group of articles with no value in the column.
MISSING_GROUP = "(none)"

_ISO_DATE = re.compile(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


def grouping_labels(articles: pd.DataFrame, by: str, *, option: str = "--by") -> pd.Series:
    """Each article's group by ``by`` as text (index ``article_id``): a column, or a time bin of ``date``.

    A whole number stored as a float (``2012.0``, as pandas reads an integer
    column with gaps) is labelled ``2012``; missing values are :data:`MISSING_GROUP`.
    """
    index = articles["article_id"].astype(str).to_numpy()
    if by in articles.columns:
        return pd.Series([_label(v) for v in articles[by]], index=index, name="group", dtype=object)
    if by in TIME_BINS and "date" in articles.columns:
        return pd.Series([_time_bin(v, by) for v in articles["date"]], index=index, name="group", dtype=object)
    raise FramingError(_unknown_column(by, [str(c) for c in articles.columns], option))


def _label(value: Any) -> str:
    if value is None or (isinstance(value, float) and value != value) or value is pd.NA:
        return MISSING_GROUP
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value)
    return text if text.strip() else MISSING_GROUP


def _time_bin(value: Any, bin: str) -> str:
    """``2012``, ``2012-05`` or ``2012-W18`` for an ISO date (``YYYY[-MM[-DD]]``), else :data:`NO_DATE`."""
    found = _ISO_DATE.match(value) if isinstance(value, str) else None
    if found is None:
        return NO_DATE
    year, month, day = found.groups()
    if bin == "year":
        return year
    if month is None or not 1 <= int(month) <= 12:
        return NO_DATE
    if bin == "month":
        return f"{year}-{int(month):02d}"
    try:
        iso = datetime.date(int(year), int(month), int(day or "")).isocalendar()
    except ValueError:  # no day, or no such day
        return NO_DATE
    return f"{iso[0]}-W{iso[1]:02d}"


def _unknown_column(by: str, names: Sequence[str], option: str) -> str:
    choices = [*names, *(b for b in TIME_BINS if b not in names and "date" in names)]
    close = difflib.get_close_matches(by, choices, n=1, cutoff=0.6)
    hint = f"did you mean {option} {close[0]}? " if close else ""
    return f"articles have no column {by!r} for {option}; {hint}(columns: {', '.join(choices)})"


def check_grouping(
    labels: pd.Series,
    by: str,
    *,
    stories: Mapping[str, str] | None = None,
    max_groups: int | None = MAX_GROUPS,
    option: str = "--by",
) -> None:
    """Stop at once, with a one-line explanation and a suggestion, when ``labels`` cannot be compared.

    Refused: grouping by the article id; more than ``max_groups`` groups
    (``None``: no limit); fewer than two articles a group on average when
    the articles belong to several stories (most groups are then one article
    of one story, and a difference between groups is the difference between
    stories: ``--by date`` on a few stories, say).

    >>> labels = pd.Series([f"2012-05-{d:02d}" for d in range(1, 31)], index=[str(i) for i in range(30)])
    >>> check_grouping(labels, "date")
    Traceback (most recent call last):
    ...
    framing.problems.FramingError: --by date makes 30 groups of 30 articles (1 article a group on average); \
framing compares at most 20 groups (the pairs to test grow as the square of the groups): use --by month, \
--by week or --by year, or gather values into named groups with --group NAME=V1,V2 (repeatable) \
(or raise --max-groups)
    """
    count, articles = labels.nunique(), len(labels)
    gather = "gather values into named groups with --group NAME=V1,V2 (repeatable)"
    if option == "--within":
        gather = "choose a column with fewer values"
    if by == "article_id":
        raise FramingError(
            f"{option} article_id makes a group of every article, which leaves nothing to compare within a group; "
            f"use {option} source (outlets), another column of articles.csv, or {gather}"
        )
    size = f"{count} groups of {articles} articles ({articles / max(count, 1):.3g} article{'s' * (articles != count)} "
    size += "a group on average)"
    if max_groups is not None and count > max_groups:
        raise FramingError(
            f"{option} {by} makes {size}; framing compares at most {max_groups} groups (the pairs to test grow as "
            f"the square of the groups): {_fewer_groups(labels, by, option, gather)} (or raise --max-groups)"
        )
    story_count = len(set(stories.values())) if stories else 0
    if count > 2 and articles < 2 * count and story_count > 1:
        raise FramingError(
            f"{option} {by} makes {size} across {story_count} stories, so most groups are one article and a "
            f"difference between groups would be the difference between stories: "
            f"{_fewer_groups(labels, by, option, gather)}"
        )


def _fewer_groups(labels: pd.Series, by: str, option: str, gather: str) -> str:
    """What to do instead of a grouping with too many groups."""
    if by in ("date", "day") or by.endswith("_date") or _looks_like_days(labels):
        return f"use {option} month, {option} week or {option} year, or {gather}"
    return f"use a column with fewer values (such as {option} source), or {gather}"


def _looks_like_days(labels: pd.Series) -> bool:
    values = [v for v in labels if v not in (MISSING_GROUP, NO_DATE)]
    days = sum(1 for v in values if (found := _ISO_DATE.match(v)) is not None and found.group(3) is not None)
    return bool(values) and days >= 0.8 * len(values)
