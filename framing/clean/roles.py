"""Give every block of an article a role, with the reason for it.

Roles are ``title``, ``byline``, ``dateline``, ``caption``, ``body`` and
``boilerplate``.  Nothing is deleted: every block stays, with its role and the
reason for it, and only ``body`` blocks are measured later.

The rules look at the shape of lines and blocks, never at particular
articles:

- *lines*: a "By …" line, a line that is only a date and time, a photo
  credit "(AP Photo/…)", a "Source: …" credit, hashtags, a breadcrumb
  "Home » …", a time-ago marker "28m ago", page furniture from the
  ``boilerplate`` lexicon ("Story continues", "You may also like");
- *neighbours*: a line repeated at once (a headline shown twice in a link
  list), a short line that begins the caption below it;
- *position*: the headline is the first headline-shaped block; a list of
  other stories after the article (opened by a "related" header, a
  repeated headline or a time-ago marker, with the headlines and teasers
  around it) is boilerplate to the end.

>>> from framing.clean.blocks import split_blocks
>>> from framing.segment import tokenize
>>> text = ("Rain in Skopje\\n\\nBy Ana Lee, The Associated Press\\n\\n"
...         "It rained on Monday, officials said.\\n\\nStory continues")
>>> roles_in_context(text, split_blocks(text), "", CleanRules(), tokenize(text))
[('title', 'headline'), ('byline', "'By' line"), ('body', 'text'), ('boilerplate', 'page furniture')]
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rapidfuzz import fuzz

from framing.clean.blocks import Features, block_features
from framing.read import find_date
from framing.read.dates import MONTHS
from framing.read.lexicon_files import word_list
from framing.segment import Token, TokenIndex
from framing.settings import CleanRules

__all__ = ["BYLINE_RE", "CREDIT_LINE_RE", "roles_in_context"]

_PHOTO_CREDIT_RE = re.compile(
    r"\((?:[A-Z][\w.&/ -]{0,30} )?(?:Photo|Photograph|Image|Foto)s?\b[^)]*\)"
    r"|\b(?:Photo|Photograph|Image|Picture)s?\s*(?:credit|courtesy)?\s*:"
    r"|\((?:Photo|Image)s? (?:by|courtesy|credit)\b"
    r"|^(?:FILE|IMAGE|PHOTO)\s*[-–—]"
    r"|\bGetty Images\s*\)?$"
)
#: Every alternative of :data:`_PHOTO_CREDIT_RE` contains one of these words: a quick test before the search.
_PHOTO_WORDS = ("Photo", "Image", "Foto", "Picture", "FILE", "IMAGE", "PHOTO")
_PHOTO_WORDS_RE = re.compile("|".join(_PHOTO_WORDS))
CREDIT_LINE_RE = re.compile(
    r"^\s*\(?(?:(?:sources?|credits?|via|courtesy(?: of)?|contributing)\s*:"
    r"|(?:additional |with )?reporting by|editing by|written by|compiled by"
    r"|this (?:article|story|report) (?:first |originally )?appeared (?:in|on)|originally published (?:by|in|on|at))"
    r"\s*(?P<credit>[^\n]+?)\)?\.?\s*$",
    re.IGNORECASE,
)
BYLINE_RE = re.compile(r"^\s*(?:by|BY|By)\s+(?P<byline>\S.*?)\s*$")
_DATELINE_WORDS = word_list("cleaning_words", "dateline_word")
_WEEKDAYS = frozenset(day.lower() for day in word_list("calendar", "weekday", "weekday_abbreviation"))
_TIME_AGO_RE = re.compile(
    r"^\s*(?:updated\s*:?\s*)?(?:\d+\s*(?:s|sec|secs|seconds?|m|min|mins|minutes?|h|hr|hrs|hours?|d|days?|w|wks?|weeks?"
    r"|mo|mos|months?|y|yrs?|years?)|an?\s+(?:second|minute|hour|day|week|month|year))\s+ago\s*$"
    r"|^\s*(?:just now|yesterday)\s*$",
    re.IGNORECASE,
)
_READING_TIME_RE = re.compile(r"^\s*\d+\s*(?:-|–)?\s*min(?:ute)?s?\.?\s+(?:read|watch|listen)\s*$", re.IGNORECASE)
_BREADCRUMB_SEPARATORS_RE = re.compile(r"\s[»›→>]\s|\s/\s")


# --- rules that look at one block ------------------------------------------------------


def _block_role(f: Features, rules: CleanRules) -> tuple[str, str] | None:
    """The role a block has on its own, with the reason, or ``None`` if it depends on context."""
    if f.n_words == 0:
        return "boilerplate", "no words"
    if f.n_words <= 80 and _may_be_photo_credit(f.text) and _PHOTO_CREDIT_RE.search(f.text):
        return "caption", "photo credit"
    if f.n_words <= rules.meta_max_words + 6 and CREDIT_LINE_RE.match(f.text):
        return "byline", "credit line"
    if f.n_words <= rules.meta_max_words and BYLINE_RE.match(f.text) and not f.text.rstrip().endswith("."):
        return "byline", "'By' line"
    if f.n_words <= rules.meta_max_words and _is_dateline(f):
        return "dateline", "date and time only"
    hashtags = sum(1 for w in f.words if w.startswith("#")) if "#" in f.text else 0
    if hashtags >= 2 and hashtags >= 0.5 * f.n_words:
        return "boilerplate", "hashtags"
    if _TIME_AGO_RE.match(f.text):
        return "boilerplate", "time-ago marker"
    if _READING_TIME_RE.match(f.text):
        return "boilerplate", "reading time"
    if f.n_words <= 30 and f.single_line and not f.terminal and _BREADCRUMB_SEPARATORS_RE.search(f.text):
        parts = [p for p in re.split(r"\s[»›→>/]\s", f.text) if p.strip()]
        if len(parts) >= 2 and (len(parts) >= 3 or len(parts[0].split()) <= 2):
            return "boilerplate", "breadcrumb"
    phrase = _boilerplate_phrase(f, rules)
    if phrase:
        return "boilerplate", phrase
    return None


def _may_be_photo_credit(text: str) -> bool:
    return _PHOTO_WORDS_RE.search(text) is not None


def _is_dateline(f: Features) -> bool:
    date = find_date(f.text)
    if not date and not re.search(r"\b\d{1,2}:\d{2}\b", f.text):
        return False
    rest = [
        w
        for w in f.lowered
        if not (w.rstrip(".") in MONTHS or w in _WEEKDAYS or w in _DATELINE_WORDS or w[:1].isdigit())
    ]
    return len(rest) == 0 and bool(date)


def _boilerplate_phrase(f: Features, rules: CleanRules) -> str:
    """The boilerplate lexicon category that this block shows, as a reason, or ``""``."""
    tokens = f.tokens
    lexicon = rules.boilerplate_lexicon()
    if not tokens or f.n_words > max(lexicon.longest_entry, rules.short_block_words):
        return ""  # too long to be one phrase of the list, or a short block opening with one
    words_only = [t for t in tokens if t.text[0].isalnum() or t.text in "©"]
    matches = lexicon.match(tokens, f.source)
    for match in matches:
        category = match.entry.category
        if category in ("ui", "related"):
            whole = len(words_only) and match.start <= words_only[0].start and match.end >= words_only[-1].end
            if whole:
                return "page furniture" if category == "ui" else "related-stories header"
        elif category == "lead_in" and match.start == tokens[0].start and f.n_words <= rules.short_block_words:
            return "page furniture"
    return ""


# --- rules that look at neighbours and position -------------------------------------------


def roles_in_context(
    text: str,
    spans: list[tuple[int, int]],
    given_title: str,
    rules: CleanRules,
    tokens: Sequence[Token],
    index: TokenIndex | None = None,
) -> list[tuple[str, str]]:
    """The ``(role, reason)`` of each block of ``spans``: the role it has on its own, else the one its
    neighbours and its position give it; ``index`` is the ``tokens``' :class:`~framing.segment.TokenIndex`
    when already built."""
    feats = block_features(text, spans, index if index is not None else TokenIndex.of(tokens))
    roles: list[tuple[str, str] | None] = [_block_role(f, rules) for f in feats]
    n = len(spans)

    # A line repeated at once is a link shown twice (image alt text and headline).
    repeated = [False] * n
    for i in range(1, n):
        if feats[i].same_text(feats[i - 1]):
            repeated[i - 1] = repeated[i] = True

    # A short line that begins the caption next to it is that caption's headline.
    for i in range(n):
        if roles[i] is None and feats[i].n_words >= 3:
            for j in (i - 1, i + 1):
                neighbour = roles[j] if 0 <= j < n else None
                neighbour_is_caption = neighbour is not None and neighbour[0] == "caption"
                if neighbour_is_caption and feats[j].text.startswith(feats[i].text.rstrip(" .…")):
                    roles[i] = ("caption", "begins the caption next to it")

    title_index, body_start = _find_title(feats, roles, repeated, given_title, rules)
    for i in range(body_start):
        if roles[i] is None:
            if i == title_index:
                roles[i] = ("title", "headline")
            elif feats[i].tag_like:
                roles[i] = ("boilerplate", "section or tag list")
            elif title_index is not None and feats[i].same_text(feats[title_index]):
                roles[i] = ("boilerplate", "repeats the headline")
            else:
                roles[i] = ("boilerplate", "above the headline")

    tail = _find_tail(feats, roles, repeated, body_start)
    for i in range(n):
        if i >= tail:
            reason = "list of other stories after the article"
            current = roles[i]
            roles[i] = ("boilerplate", current[1] if current is not None and current[0] == "boilerplate" else reason)
        elif roles[i] is None:
            roles[i] = ("body", "text")
    return [r for r in roles if r is not None]


def _find_title(
    feats: list[Features],
    roles: list[tuple[str, str] | None],
    repeated: list[bool],
    given_title: str,
    rules: CleanRules,
) -> tuple[int | None, int]:
    """The index of the headline block (or ``None``) and of the first block after the header."""
    candidates: list[int] = []
    body_start = len(feats)
    for i, f in enumerate(feats):
        if roles[i] is not None:
            continue
        if given_title and _similar(f.text, given_title):
            candidates.append(i)
            continue
        if f.headline_like and f.n_words <= rules.title_max_words and len(candidates) < 3 and not repeated[i]:
            candidates.append(i)
            continue
        body_start = i
        break
    if not candidates:
        return None, body_start
    header_text = " ".join(f.text for f, r in zip(feats[:body_start], roles[:body_start], strict=True) if r is not None)
    if given_title:
        matching = [i for i in candidates if _similar(feats[i].text, given_title)]
        if matching:
            title = matching[0]
            return title, _first_after(candidates, title, feats, body_start)
        return None, candidates[0] if not feats[candidates[0]].tag_like else body_start
    echoed = [i for i in candidates if feats[i].n_words >= 3 and feats[i].text in header_text]
    # a tag line ("Balkans Europe News War") gives way to a headline below it, not to a sentence
    headlines = [i for i in candidates if not feats[i].tag_like and not feats[i].terminal]
    first = candidates[0]
    title = echoed[0] if echoed else headlines[0] if feats[first].tag_like and headlines else first
    return title, _first_after(candidates, title, feats, body_start)


def _first_after(candidates: list[int], title: int, feats: list[Features], body_start: int) -> int:
    """Blocks after the headline are body again, except tag lists right below it."""
    after = [i for i in candidates if i > title and not feats[i].tag_like]
    return min(after) if after else body_start


def _find_tail(
    feats: list[Features], roles: list[tuple[str, str] | None], repeated: list[bool], body_start: int
) -> int:
    """Index of the first block of a list of other stories after the article, or ``len(feats)``."""
    body_seen = False
    for i in range(body_start, len(feats)):
        role = roles[i]
        opens_list = repeated[i] or (role is not None and role[1] in ("related-stories header", "time-ago marker"))
        if opens_list and body_seen:
            start = i
            while (
                start - 1 > body_start
                and roles[start - 1] is None
                and (feats[start - 1].teaser or (feats[start - 1].headline_shaped and not feats[start - 1].terminal))
            ):
                start -= 1
            return start
        if role is None:
            body_seen = True
    return len(feats)


def _similar(a: str, b: str) -> bool:
    return fuzz.ratio(" ".join(a.split()).casefold().rstrip("."), " ".join(b.split()).casefold().rstrip(".")) >= 90
