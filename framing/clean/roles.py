"""Give every block of an article a role and keep the metadata found in the text.

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

>>> from framing.read import Article
>>> text = ("Rain in Skopje\\n\\nBy Ana Lee, The Associated Press\\n\\n"
...         "It rained on Monday, officials said.\\n\\nStory continues")
>>> cleaned = clean(Article("a1", text))
>>> [(b.role, b.text) for b in cleaned.blocks]  # doctest: +NORMALIZE_WHITESPACE
[('title', 'Rain in Skopje'), ('byline', 'By Ana Lee, The Associated Press'),
 ('body', 'It rained on Monday, officials said.'), ('boilerplate', 'Story continues')]
>>> cleaned.credit
'The Associated Press'
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property

from rapidfuzz import fuzz

from framing.contract.tables import ROLES
from framing.read import Article
from framing.read.dates import MONTHS, find_date
from framing.read.lexicon_files import word_list
from framing.segment.boundaries import sentence_spans
from framing.segment.tokens import Token, TokenIndex, normalize_token, tokenize, word_tokens
from framing.settings import CleanRules

__all__ = ["ROLES", "Block", "CleanArticle", "clean", "split_blocks"]


@dataclass(frozen=True)
class Block:
    """A block of text (a paragraph or a line) with its role and the reason for it."""

    paragraph: int
    start: int
    end: int
    role: str
    reason: str
    text: str


@dataclass(frozen=True)
class CleanArticle:
    """An article with its blocks and the metadata read from its text."""

    article: Article
    blocks: tuple[Block, ...]
    title: str
    byline: str
    credit: str
    date: str
    #: Every token of the article's text, in order (slice with :func:`framing.segment.tokens_between`).
    tokens: tuple[Token, ...] = ()
    #: The tokens' offsets and word counts, as :func:`clean` found them (see :attr:`token_index`).
    index: TokenIndex | None = field(default=None, repr=False, compare=False)

    @property
    def token_index(self) -> TokenIndex:
        """:attr:`tokens` with their offsets and word counts, to slice and count them."""
        return self.index if self.index is not None else TokenIndex.of(self.tokens)

    def words_in(self, start: int, end: int) -> int:
        """How many words (:func:`framing.segment.word_tokens`) the text has in ``[start, end)``."""
        return self.token_index.words(start, end)

    @property
    def body(self) -> list[Block]:
        return [b for b in self.blocks if b.role == "body"]

    @property
    def removed_chars(self) -> int:
        """Characters in blocks that are not measured (everything but body)."""
        return sum(b.end - b.start for b in self.blocks if b.role != "body")


# --- blocks ---------------------------------------------------------------------

_TERMINAL_RE = re.compile(r"[.!?…][\"”’'»)\]]*$")


def split_blocks(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` spans of the blocks of ``text``.

    Blank lines separate blocks.  Inside a run of lines without blank lines
    each line is its own block (sites that use single line breaks between
    paragraphs), unless the run is hard-wrapped prose or a line clearly
    continues on the next (it ends in a comma or the next begins in lower
    case).

    >>> text = "Title\\n\\nOne line.\\nAnother line.\\nwrapped on.\\n"
    >>> [text[s:e] for s, e in split_blocks(text)]
    ['Title', 'One line.', 'Another line.\\nwrapped on.']
    """
    spans: list[tuple[int, int]] = []
    for run in re.finditer(r"[^\n]*\S[^\n]*(?:\n[^\n]*\S[^\n]*)*", text):
        lines = [(m.start() + run.start(), m.end() + run.start()) for m in re.finditer(r"[^\n]+", run.group())]
        lines = [_strip(text, s, e) for s, e in lines]
        if _is_hard_wrapped(text, lines):
            spans.append((lines[0][0], lines[-1][1]))
            continue
        current = lines[0]
        for line in lines[1:]:
            previous_text = text[current[0] : current[1]]
            following = text[line[0] : line[1]]
            if previous_text.rstrip().endswith((",", ";")) or following[:1].islower():
                current = (current[0], line[1])
            else:
                spans.append(current)
                current = line
        spans.append(current)
    return spans


_CLOSING = "\"”’'»)]"


def _ends_sentence(text: str) -> bool:
    """Whether :data:`_TERMINAL_RE` finds a full stop (or "!", "?", "…") with closing marks at the
    end of ``text``: the same test without searching the whole text, except before a final line break
    (where ``$`` also matches)."""
    if text.endswith("\n"):
        return bool(_TERMINAL_RE.search(text))
    return text.rstrip(_CLOSING)[-1:] in (".", "!", "?", "…")


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _is_hard_wrapped(text: str, lines: list[tuple[int, int]]) -> bool:
    """Prose wrapped at a fixed width: at least three lines, most of them cut mid-sentence."""
    if len(lines) < 3:
        return False
    widths = [e - s for s, e in lines[:-1]]
    if max(widths) > 100 or min(widths) < 30:
        return False
    cut = sum(1 for s, e in lines[:-1] if not _ends_sentence(text[s:e]))
    return cut >= 0.6 * (len(lines) - 1)


# --- features of one block ---------------------------------------------------------

_FUNCTION_WORDS = word_list("cleaning_words", "function_word")
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
_CREDIT_LINE_RE = re.compile(
    r"^\s*\(?(?:(?:sources?|credits?|via|courtesy(?: of)?|contributing)\s*:"
    r"|(?:additional |with )?reporting by|editing by|written by|compiled by"
    r"|this (?:article|story|report) (?:first |originally )?appeared (?:in|on)|originally published (?:by|in|on|at))"
    r"\s*(?P<credit>[^\n]+?)\)?\.?\s*$",
    re.IGNORECASE,
)
_BYLINE_RE = re.compile(r"^\s*(?:by|BY|By)\s+(?P<byline>\S.*?)\s*$")
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
_AGENCY_DATELINE_RE = re.compile(r"^[A-Z][\w .,'’-]{1,60}?\s\((?P<agency>[A-Za-z][\w .&-]{0,40})\)\s*[—–-]")


@dataclass(frozen=True)
class _Features:
    """What the rules look at in one block."""

    text: str
    tokens: tuple[Token, ...]
    #: The text the tokens' offsets point into (the article's, or ``text`` itself).
    source: str
    #: How many of the tokens are words (:func:`~framing.segment.word_tokens`).
    n_words: int

    @cached_property
    def words(self) -> tuple[str, ...]:
        return tuple(t.text for t in word_tokens(list(self.tokens)))

    @cached_property
    def lowered(self) -> tuple[str, ...]:
        return tuple(normalize_token(w) for w in self.words)

    @cached_property
    def folded(self) -> str:
        """The text with each run of white space as one space, case-folded."""
        return _fold(self.text)

    @cached_property
    def first_folded(self) -> str:
        """The first word case-folded: when it differs, so does :attr:`folded` (folding maps each
        character on its own and never to or from white space)."""
        words = self.text.split(None, 1)
        return words[0].casefold() if words else ""

    def same_text(self, other: _Features) -> bool:
        """Whether the two blocks have the same text, white space and case aside (a block repeated)."""
        return self.first_folded == other.first_folded and self.folded == other.folded

    @cached_property
    def terminal(self) -> bool:
        return _ends_sentence(self.text)

    @cached_property
    def n_sentences(self) -> int:
        return len(sentence_spans(self.text))

    @cached_property
    def single_line(self) -> bool:
        return "\n" not in self.text

    @cached_property
    def headline_shaped(self) -> bool:
        """At most two sentences, and not the opening "CITY (AP) —" of a news story."""
        return self.n_words > 0 and self.n_sentences <= 2 and not _AGENCY_DATELINE_RE.match(self.text)

    @cached_property
    def title_cased(self) -> bool:
        """Most words long enough to matter start with a capital ("Calls for More NATO Troops")."""
        content = [w for w in self.words if len(w) > 3 and w[:1].isalpha()]
        return bool(content) and sum(1 for w in content if w[:1].isupper()) >= 0.6 * len(content)

    @cached_property
    def headline_like(self) -> bool:
        """Shaped like a headline: short, or without a full stop, or in title case (not a lead sentence).

        A headline with a deck on the next line ("Title;\\nDeck.") is judged by its first line.
        """
        if not self.headline_shaped:
            return False
        first = _features(self.text.split("\n", 1)[0]) if not self.single_line else self
        return first.n_words <= 15 or not first.terminal or first.title_cased

    @cached_property
    def tag_like(self) -> bool:
        """A few capitalised words and nothing else: a section or tag list."""
        return (
            self.single_line
            and 1 <= self.n_words <= 6
            and not self.terminal
            and not any(w in _FUNCTION_WORDS for w in self.lowered)
            and all(w[:1].isupper() or w[:1].isdigit() for w in self.words)
            and not re.search(r"[,:;]", self.text)
        )

    @cached_property
    def teaser(self) -> bool:
        """Text cut off with an ellipsis, as in a list of other stories."""
        return bool(re.search(r"(?:\.\.\.|…)\s*$", self.text)) and not re.search(r"[\"”’]\s*$", self.text)


def _features(
    text: str, tokens: Sequence[Token] | None = None, source: str | None = None, n_words: int | None = None
) -> _Features:
    """Features of a block: ``tokens`` (offsets into ``source``) and ``n_words`` when already known,
    else found here."""
    if tokens is None:
        tokens, source = tokenize(text), text
    if n_words is None:
        n_words = len(word_tokens(list(tokens)))
    return _Features(text, tuple(tokens), source if source is not None else text, n_words)


# --- rules that look at one block ------------------------------------------------------


def _block_role(f: _Features, rules: CleanRules) -> tuple[str, str] | None:
    """The role a block has on its own, with the reason, or ``None`` if it depends on context."""
    if f.n_words == 0:
        return "boilerplate", "no words"
    if f.n_words <= 80 and _may_be_photo_credit(f.text) and _PHOTO_CREDIT_RE.search(f.text):
        return "caption", "photo credit"
    if f.n_words <= rules.meta_max_words + 6 and _CREDIT_LINE_RE.match(f.text):
        return "byline", "credit line"
    if f.n_words <= rules.meta_max_words and _BYLINE_RE.match(f.text) and not f.text.rstrip().endswith("."):
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


def _is_dateline(f: _Features) -> bool:
    date = find_date(f.text)
    if not date and not re.search(r"\b\d{1,2}:\d{2}\b", f.text):
        return False
    rest = [
        w
        for w in f.lowered
        if not (w.rstrip(".") in MONTHS or w in _WEEKDAYS or w in _DATELINE_WORDS or w[:1].isdigit())
    ]
    return len(rest) == 0 and bool(date)


def _boilerplate_phrase(f: _Features, rules: CleanRules) -> str:
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


def _block_features(text: str, spans: list[tuple[int, int]], index: TokenIndex) -> list[_Features]:
    """Features of each block ``text[start:end]``, with the article's tokens sliced and counted."""
    feats = []
    for start, end in spans:
        first, last = index.span(start, end)
        words = index.counts[last] - index.counts[first]
        feats.append(_Features(text[start:end], tuple(index.tokens[first:last]), text, words))
    return feats


def _roles_in_context(
    text: str,
    spans: list[tuple[int, int]],
    given_title: str,
    rules: CleanRules,
    tokens: Sequence[Token],
    index: TokenIndex | None = None,
) -> list[tuple[str, str]]:
    feats = _block_features(text, spans, index if index is not None else TokenIndex.of(tokens))
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
    feats: list[_Features],
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


def _first_after(candidates: list[int], title: int, feats: list[_Features], body_start: int) -> int:
    """Blocks after the headline are body again, except tag lists right below it."""
    after = [i for i in candidates if i > title and not feats[i].tag_like]
    return min(after) if after else body_start


def _find_tail(
    feats: list[_Features], roles: list[tuple[str, str] | None], repeated: list[bool], body_start: int
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


def _fold(text: str) -> str:
    """``text`` with each run of white space as one space, case-folded."""
    return " ".join(text.split()).casefold()


def _similar(a: str, b: str) -> bool:
    return fuzz.ratio(" ".join(a.split()).casefold().rstrip("."), " ".join(b.split()).casefold().rstrip(".")) >= 90


# --- metadata --------------------------------------------------------------------------


def _agency(text: str, rules: CleanRules) -> str:
    matches = rules.agency_lexicon().match(tokenize(text), text)
    return matches[0].entry.category if matches else ""


def _metadata(text: str, blocks: list[Block], rules: CleanRules) -> dict[str, str]:
    title = next((b.text for b in blocks if b.role == "title"), "")
    byline = credit = date = ""
    for block in blocks:
        if block.role == "byline":
            by = _BYLINE_RE.match(block.text)
            credit_line = _CREDIT_LINE_RE.match(block.text)
            if by and not byline:
                byline = by.group("byline").strip()
                credit = credit or _agency(byline, rules)
            elif credit_line and block.reason == "credit line" and not credit:
                value = credit_line.group("credit").strip()
                credit = _agency(value, rules) or value
        elif block.role == "dateline" and not date:
            date = find_date(block.text)
    first_body = next((b for b in blocks if b.role == "body"), None)
    if first_body is not None and not credit:
        match = _AGENCY_DATELINE_RE.match(first_body.text)
        if match:
            credit = _agency(match.group("agency"), rules)
    return {"title": " ".join(title.split()), "byline": byline, "credit": credit, "date": date}


# --- entry point -------------------------------------------------------------------------


def clean(article: Article, rules: CleanRules | None = None) -> CleanArticle:
    """Split ``article`` into blocks, give each a role, and read title, byline, credit and date.

    A pure function of the article and the rules.  The title given with the
    article (from a manifest or a table) helps find the headline block.
    """
    rules = rules or CleanRules()
    text = article.text
    spans = split_blocks(text)
    index = TokenIndex.of_text(text)
    tokens = tuple(index.tokens)
    roles = _roles_in_context(text, spans, article.title, rules, tokens, index) if spans else []
    blocks = [
        Block(paragraph=i, start=s, end=e, role=role, reason=reason, text=text[s:e])
        for i, ((s, e), (role, reason)) in enumerate(zip(spans, roles, strict=True))
    ]
    meta = _metadata(text, blocks, rules)
    return CleanArticle(article=article, blocks=tuple(blocks), tokens=tokens, index=index, **meta)
