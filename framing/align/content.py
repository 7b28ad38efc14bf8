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
paragraph a rewrite added stays ``novel``.  Thresholds are
:class:`~framing.settings.IndependentRules`.

>>> units = [Unit.make(0, "a", 0, 0, 'Rama met Vucic on Monday to open 12 border posts. "We will build the road '
...                    'together," he said.'),
...          Unit.make(1, "b", 1, 0, 'Talks were short. "We will build the road together," the Serbian leader said.'),
...          Unit.make(2, "b", 1, 1, "On Monday the Albanian premier hosted Vucic; the two agreed to open 12 new "
...                    "border posts, Rama's office said."),
...          Unit.make(3, "b", 1, 2, "Critics call the whole affair a costly stunt.")]
>>> found = content_matches(units, [1, 2, 3], related=set())
>>> {uid: (m.reuse, m.match) for uid, m in sorted(found.items())}
{1: ('shared_quote', 0), 2: ('paraphrase', 0)}
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from framing.align.matching import Match, Unit, _dot, _Index, _tfidf
from framing.measure.quotes import find_quotes
from framing.read.lexicon_files import word_list
from framing.segment.words import normalized_words
from framing.settings import IndependentRules

__all__ = ["content_matches", "content_words", "shared_pieces"]

#: Function words (and "said", "says", ...), left out of a paragraph's content words (word list ``stop_words``).
_STOP_WORDS = frozenset(word_list("stop_words", "stop"))


@dataclass(frozen=True)
class _Content:
    """What a unit reports: its content words outside quotes, the word runs it quotes and all its word runs."""

    words: tuple[str, ...]
    quoted: frozenset[str]
    runs: frozenset[str]


def content_words(text: str) -> list[str]:
    """The content words of ``text`` outside quotation marks (lower case, stop words out, numbers kept).

    >>> content_words('The minister said "we will win" in 3 towns.')
    ['minister', '3', 'towns']
    """
    kept, last = [], 0
    for quote in find_quotes(text, [(0, len(text))]):
        kept.append(text[last : quote.start])
        last = quote.end
    kept.append(text[last:])
    return [w for w in normalized_words(" ".join(kept)) if w not in _STOP_WORDS and (len(w) > 1 or w.isdigit())]


def shared_pieces(words: Sequence[str], other: Iterable[str]) -> int:
    """How many separate pieces of ``words`` are in ``other``: a run of consecutive shared words counts once
    (a full name, "Serbian President Aleksandar Vucic", is one piece, not four), and a run counts only if it
    brings a shared word not counted before (a name said twice is one piece).

    >>> shared_pieces("serbian president aleksandar vucic met vucic police".split(),
    ...               {"vucic", "aleksandar", "president", "serbian", "police"})
    2
    """
    held, counted, pieces = set(other), set(), 0
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


def _content(unit: Unit, n: int) -> _Content:
    quoted: set[str] = set()
    for quote in find_quotes(unit.text, [(0, len(unit.text))]):
        quoted |= _runs(normalized_words(unit.text[quote.start : quote.end]), n)
    return _Content(tuple(content_words(unit.text)), frozenset(quoted), frozenset(_runs(unit.tokens, n)))


def content_matches(
    units: Sequence[Unit],
    novel: Iterable[int],
    related: set[tuple[str, str]],
    rules: IndependentRules | None = None,
    candidates: int = 60,
) -> dict[int, Match]:
    """New classes for the ``novel`` units that report what a unit of an independent version reports.

    ``units``: a story's units (one level) in story order; ``novel``: the uids
    still ``novel`` after the copy rules; ``related``: ``(derived, source)``
    article pairs that copy (no content match is made between them);
    ``candidates``: units scored per unit (proposed by shared content words).
    """
    rules = rules or IndependentRules()
    by_id = {u.uid: u for u in units}
    content = {u.uid: _content(u, rules.quote_words) for u in units}
    vectors = _tfidf({uid: found.words for uid, found in content.items() if found.words})
    index, quote_index = _Index(), defaultdict(list)
    for uid, found in content.items():
        index.add(uid, set(found.words))
        for run in found.runs:
            quote_index[run].append(uid)

    def independent(a: Unit, b: Unit) -> bool:
        return (
            a.article != b.article and (a.article, b.article) not in related and (b.article, a.article) not in related
        )

    out: dict[int, Match] = {}
    for uid in novel:
        unit, found = by_id[uid], content[uid]
        proposed = [
            c for c in index.candidates(set(found.words), candidates, exclude=[uid]) if independent(unit, by_id[c])
        ]
        scored = []
        for other in proposed:
            shared = shared_pieces(found.words, content[other].words)
            cosine = _dot(vectors[uid], vectors[other])
            if shared >= rules.min_shared and cosine >= rules.content_cosine:
                scored.append((round(cosine, 4), other))
        if scored:
            score, best = max(scored, key=lambda item: (item[0], -item[1]))
            out[uid] = Match("paraphrase", best, score)
            continue
        holders = {o for run in found.quoted for o in quote_index.get(run, ()) if independent(unit, by_id[o])}
        quoted = _quoted_in(found.quoted, quote_index, holders)
        if quoted is not None:
            out[uid] = quoted
    return out


def _quoted_in(quoted: frozenset[str], quote_index: dict[str, list[int]], allowed: set[int]) -> Match | None:
    """``shared_quote`` with the unit holding most of the quoted runs (scored by their share), or ``None``."""
    if not quoted:
        return None
    holding: dict[int, int] = defaultdict(int)
    for run in quoted:
        for other in quote_index.get(run, ()):
            holding[other] += 1
    ranked = sorted(((count, -other) for other, count in holding.items() if other in allowed), reverse=True)
    if not ranked:
        return None
    count, other = ranked[0]
    return Match("shared_quote", -other, round(count / len(quoted), 4))
