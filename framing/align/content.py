"""Independent reports of one event: paragraphs that tell the same content in other words, or share a quote.

The copy rules of :mod:`framing.align.matching` find text one version took
from another.  Two outlets that report one event on their own share few
word sequences, so nearly all of their paragraphs would come out ``novel``,
as if each outlet had added its whole account.  Between two versions that
copy nothing from each other (no copying relation), a paragraph still
``novel`` is compared with the other version's paragraphs on what it
reports rather than how it words it:

- ``paraphrase``: the two share the content words of one account (TF-IDF
  cosine over content words outside quotation marks of at least
  ``content_cosine``, and at least ``min_shared`` separate pieces of shared
  content: :func:`shared_pieces`, where a full name counts once);
- ``shared_quote``: nothing else, but a run of ``quote_words`` words the
  paragraph quotes is in the other paragraph (both give one source's words);
- ``novel`` otherwise: content the other versions do not report.

Between a version and its source (a copy or a rewrite) nothing changes: a
paragraph a rewrite added stays ``novel``.  And a pair the copy rules call a
paraphrase only because both hold one long quotation (two outlets quoting one
press conference) is ``shared_quote`` (:meth:`StoryContent.only_quote`): it
does not make the two versions copies of each other.  Thresholds are
:class:`~framing.settings.IndependentRules`.

>>> units = [Unit.make(0, "a", 0, 0, 'Rama met Vucic on Monday to open 12 border posts. "We will build the road '
...                    'together," he said.'),
...          Unit.make(1, "b", 1, 0, 'Talks were short. "We will build the road together," the Serbian leader said.'),
...          Unit.make(2, "b", 1, 1, "On Monday the Albanian premier hosted Vucic; the two agreed to open 12 new "
...                    "border posts, Rama's office said."),
...          Unit.make(3, "b", 1, 2, "Critics call the whole affair a costly stunt.")]
>>> found = content_matches(StoryContent(units), [1, 2, 3], related=set())
>>> {uid: (m.reuse, m.match) for uid, m in sorted(found.items())}
{1: ('shared_quote', 0), 2: ('paraphrase', 0)}
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from framing.align.matching import Match, Unit
from framing.align.vectors import dot, shared_candidates, tfidf_weights
from framing.measure.quotes import find_quotes
from framing.read.lexicon_files import word_list
from framing.segment.words import normalized_words
from framing.settings import IndependentRules

__all__ = ["StoryContent", "content_matches", "content_words", "shared_pieces"]

#: Function words (and "said", "says", ...), left out of a paragraph's content words (word list ``stop_words``).
_STOP_WORDS = frozenset(word_list("stop_words", "stop"))


@dataclass(frozen=True)
class _Content:
    """What a unit reports: its words outside quotes, the content words among them, the word runs it quotes
    and all its word runs."""

    said: tuple[str, ...]
    words: tuple[str, ...]
    quoted: frozenset[str]
    runs: frozenset[str]


def content_words(text: str) -> list[str]:
    """The content words of ``text`` outside quotation marks (lower case, stop words out, numbers kept).

    >>> content_words('The minister said "we will win" in 3 towns.')
    ['minister', '3', 'towns']
    """
    return [w for w in _unquoted_words(text) if w not in _STOP_WORDS and (len(w) > 1 or w.isdigit())]


@lru_cache(maxsize=8192)  # a paragraph's words are read for the story check and again for matching
def _unquoted_words(text: str) -> tuple[str, ...]:
    kept, last = [], 0
    for quote in find_quotes(text, [(0, len(text))]):
        kept.append(text[last : quote.start])
        last = quote.end
    kept.append(text[last:])
    return tuple(normalized_words(" ".join(kept)))


def shared_pieces(words: Sequence[str], other: Iterable[str]) -> int:
    """How many separate pieces of ``words`` are in ``other``: a run of consecutive shared words counts once
    (a full name, "Serbian President Aleksandar Vucic", is one piece, not four), and a run counts only if it
    brings a shared word not counted before (a name said twice is one piece).

    >>> shared_pieces("serbian president aleksandar vucic met vucic police".split(),
    ...               {"vucic", "aleksandar", "president", "serbian", "police"})
    2
    """
    held, counted, pieces = set(other), set[str](), 0
    run: list[str] = []
    for word in [*words, ""]:
        if word and word in held:
            run.append(word)
            continue
        if run and set(run) - counted:
            pieces += 1
            counted.update(run)
        run = []
    return pieces


def _runs(words: Sequence[str], n: int) -> set[str]:
    return {" ".join(words[i : i + n]) for i in range(len(words) - n + 1)}


@lru_cache(maxsize=8192)  # as matching's unit words: copies share their text
def _content(text: str, n: int) -> _Content:
    quoted: set[str] = set()
    for quote in find_quotes(text, [(0, len(text))]):
        quoted |= _runs(normalized_words(text[quote.start : quote.end]), n)
    said = _unquoted_words(text)
    words = tuple(w for w in said if w not in _STOP_WORDS and (len(w) > 1 or w.isdigit()))
    return _Content(tuple(said), words, frozenset(quoted), frozenset(_runs(normalized_words(text), n)))


class StoryContent:
    """What each unit of one story reports (content words outside quotes, quoted runs), indexed for matching."""

    def __init__(self, units: Sequence[Unit], rules: IndependentRules | None = None) -> None:
        self.rules = rules or IndependentRules()
        self.units = {u.uid: u for u in units}
        self.content = {u.uid: _content(u.text, self.rules.quote_words) for u in units}
        worded = [uid for uid, found in self.content.items() if found.words]
        self.vectors = dict(zip(worded, tfidf_weights([self.content[uid].words for uid in worded]), strict=True))
        self.holders: dict[str, list[int]] = defaultdict(list)
        for uid, found in self.content.items():
            for run in found.runs:
                self.holders[run].append(uid)

    def proposals(self, uids: Sequence[int], limit: int) -> dict[int, list[int]]:
        """For each of ``uids``, the units sharing most of its content words, best first (at most ``limit``)."""
        everyone = list(self.content)
        row = {uid: i for i, uid in enumerate(everyone)}
        found = shared_candidates(
            [self.content[uid].words for uid in everyone],
            limit=limit,
            keys=everyone,
            rows=[row[uid] for uid in uids],
        )
        return {uid: [everyone[i] for i in rows] for uid, rows in zip(uids, found, strict=True)}

    def same_content(self, a: int, b: int) -> float | None:
        """The content cosine of ``a`` and ``b`` when they tell the same content (the rules' thresholds)."""
        one, other = self.content[a], self.content[b]
        if not one.words or not other.words:
            return None
        cosine = dot(self.vectors[a], self.vectors[b])  # the cheaper test first
        if cosine < self.rules.content_cosine:
            return None
        # pieces in the words as written (a stop word ends a piece), the fewer of the two ways
        pieces = min(shared_pieces(one.said, other.words), shared_pieces(other.said, one.words))
        return round(cosine, 4) if pieces >= self.rules.min_shared else None

    def quoted_share(self, a: int, b: int) -> float:
        """Share of the runs ``a`` quotes that are in ``b`` (0 when it quotes nothing as long)."""
        quoted = self.content[a].quoted
        return len(quoted & self.content[b].runs) / len(quoted) if quoted else 0.0

    def only_quote(self, a: int, b: int) -> bool:
        """Whether all ``a`` and ``b`` share is a quotation: a quoted run in common, and no shared content."""
        shares_quote = self.quoted_share(a, b) > 0 or self.quoted_share(b, a) > 0
        return shares_quote and self.same_content(a, b) is None


def content_matches(
    story: StoryContent,
    novel: Iterable[int],
    related: set[tuple[str, str]],
    candidates: int = 60,
) -> dict[int, Match]:
    """New classes for the ``novel`` units that report what a unit of an independent version reports.

    ``story``: the content of a story's units (one level); ``novel``: the
    uids still ``novel`` after the copy rules; ``related``: ``(derived,
    source)`` article pairs that copy (no content match is made between
    them, nor between two versions that both copy some version);
    ``candidates``: units scored per unit (proposed by shared content words).
    """
    by_id = story.units
    derived = {article for article, _source in related}

    def independent(a: Unit, b: Unit) -> bool:
        # two versions that each copy another version are two copies of one text, not two reports: what one
        # adds and the other does not is an addition, however alike in subject (many copies would otherwise
        # find chance matches among their additions)
        return (
            a.article != b.article
            and (a.article, b.article) not in related
            and (b.article, a.article) not in related
            and not (a.article in derived and b.article in derived)
        )

    out: dict[int, Match] = {}
    asked = list(novel)
    proposals = story.proposals(asked, candidates)
    for uid in asked:
        unit, found, proposed = by_id[uid], story.content[uid], proposals[uid]
        scored = [(story.same_content(uid, c), c) for c in proposed if independent(unit, by_id[c])]
        passing = [(score, c) for score, c in scored if score is not None]
        if passing:
            score, best = max(passing, key=lambda item: (item[0], -item[1]))
            out[uid] = Match("paraphrase", best, score)
            continue
        holders = {o for run in found.quoted for o in story.holders.get(run, ()) if independent(unit, by_id[o])}
        if holders:
            best = min(holders, key=lambda o: (-story.quoted_share(uid, o), o))
            out[uid] = Match("shared_quote", best, round(story.quoted_share(uid, best), 4))
    return out
