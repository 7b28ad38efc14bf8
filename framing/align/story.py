"""The align stage: every story's versions lined up, as rows of the contract's tables.

For each story this runs :func:`framing.align.align_units` on body
paragraphs and on body sentences, then:

- gives every body paragraph and sentence its ``reuse`` class and best match;
  a paragraph whose sentences were taken into another version (split or
  merged differently) is a paraphrase of the paragraphs that hold them;
- lists matched paragraph pairs (``alignments``) with the likely origin:
  the earlier version when dates say so, else the version whose shared text
  contains the other's as a whole (a condensed rewrite sits inside its
  source; copies of equal length say nothing);
- lists omissions: content that a version's source carries and the version
  lacks, decided against the whole story (one row per piece of content, not
  per pair, and never for content merged into a neighbouring paragraph);
- lists word swaps between each sentence and its best match in another
  version (:mod:`framing.align.swaps`);
- reports stories with a single version, versions with no body text, exact
  duplicates, and stories whose versions share almost nothing
  (:mod:`framing.align.unrelated`).

>>> from framing.run import analyze
>>> result = analyze([{"id": "a", "story": "s", "text": "T\\n\\nRama insisted the border was closed on Monday."},
...                   {"id": "b", "story": "s", "text": "T\\n\\nRama claimed the border was closed on Monday."}])
>>> result.substitutions[["removed", "added", "kind"]].values.tolist()
[['insisted', 'claimed', 'reporting_verb']]
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from framing.align.content import StoryContent, content_matches
from framing.align.matching import AlignedUnits, Match, Unit, align_units, containment
from framing.align.swaps import find_swaps
from framing.align.unrelated import unrelated_versions
from framing.lexicons import Lexicon
from framing.problems import Problem
from framing.settings import AlignRules, IndependentRules, SwapRules

__all__ = ["StoryAlignment", "align_story", "version_order"]


@dataclass
class StoryAlignment:
    """Rows and column updates that the align stage produces for one story (or, gathered, for all)."""

    paragraphs: dict[tuple[str, int], dict[str, Any]] = field(default_factory=dict)
    sentences: dict[tuple[str, int], dict[str, Any]] = field(default_factory=dict)
    alignments: list[dict[str, Any]] = field(default_factory=list)
    substitutions: list[dict[str, Any]] = field(default_factory=list)
    omissions: list[dict[str, Any]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    related: dict[str, set[str]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def version_order(articles: pd.DataFrame) -> list[str]:
    """Article ids of one story in story order: dated versions by date, then undated ones in input order."""
    ids = [str(a) for a in articles["article_id"]]
    dates = ["" if pd.isna(d) else str(d) for d in articles["date"]]
    ranked = sorted(range(len(ids)), key=lambda i: (not dates[i], dates[i], i))
    return [ids[i] for i in ranked]


def _units(rows: pd.DataFrame, number_column: str, order: dict[str, int], rules: AlignRules) -> list[Unit]:
    """The rows as units, in story order (version rank, then number)."""
    found = [
        (order[str(article_id)], int(number), str(article_id), str(text))
        for article_id, number, text in zip(rows["article_id"], rows[number_column], rows["text"], strict=True)
        if str(article_id) in order
    ]
    found.sort(key=lambda item: (item[0], item[1]))
    return [
        Unit.make(uid, article_id, rank, number, text, rules.ngram)
        for uid, (rank, number, article_id, text) in enumerate(found)
    ]


def align_story(
    story: str,
    articles: pd.DataFrame,
    paragraphs: pd.DataFrame,
    sentences: pd.DataFrame,
    lexicons: Mapping[str, Lexicon],
    rules: AlignRules | None = None,
    swap_rules: SwapRules | None = None,
    independent_rules: IndependentRules | None = None,
) -> StoryAlignment:
    """Align the versions of one story.

    ``articles`` are the story's rows of the articles table, ``paragraphs``
    and ``sentences`` its *body* rows.  Paragraphs of versions that copy
    nothing from each other are matched on content too (:mod:`framing.align.content`).
    """
    rules = rules or AlignRules()
    out = StoryAlignment()
    order_ids = _versions_with_body(story, articles, paragraphs, out)
    if len(order_ids) < 2:
        out.notes.append(f"story {story!r} has one version with body text: nothing to align")
        return out
    warning = unrelated_versions(story, _bodies(paragraphs, order_ids), rules)
    if warning is not None:
        out.problems.append(warning)
    order = {article_id: rank for rank, article_id in enumerate(order_ids)}
    dates = dict(zip(articles["article_id"], articles["date"].fillna(""), strict=True))
    _report_duplicates(story, order_ids, paragraphs, out)

    sentence_units = _units(sentences, "sentence", order, rules)
    sentence_aligned = align_units(sentence_units, rules)
    paragraph_units = _units(paragraphs, "paragraph", order, rules)
    paragraph_aligned = align_units(paragraph_units, rules)
    paragraph_of = dict(
        zip(zip(sentences["article_id"], sentences["sentence"], strict=True), sentences["paragraph"], strict=True)
    )

    lifted = _lift_sentence_pairs(sentence_aligned, paragraph_aligned, paragraph_of)
    pairs = _paragraph_pairs(paragraph_aligned, lifted)
    out.paragraphs = _paragraph_columns(paragraph_units, paragraph_aligned, lifted)
    out.sentences = _sentence_columns(sentence_units, sentence_aligned)

    content = StoryContent(paragraph_units, independent_rules)
    quoted = {key for key, (_score, reuse) in pairs.items() if reuse == "paraphrase" and content.only_quote(*key)}
    relations = _relations(paragraph_units, {k: v for k, v in pairs.items() if k not in quoted}, dates, rules)
    pairs = _only_quoted(pairs, quoted, paragraph_aligned, out.paragraphs, relations)
    novel = [u.uid for u in paragraph_units if out.paragraphs[(u.article, u.number)]["reuse"] == "novel"]
    found = content_matches(content, novel, relations, rules.candidates * 2)
    matched = _add_content_matches(found, paragraph_aligned, out.paragraphs, pairs)
    # matched on content, or sharing only a quote, between versions that copy nothing from each other
    independent = {key for key, (_score, reuse) in matched.items() if reuse == "shared_quote" or key not in pairs}
    out.alignments = _alignment_rows(story, matched, paragraph_aligned, dates, relations, independent)
    out.related = {a: {b for (x, b) in relations if x == a} for a in order_ids}
    out.omissions = _omissions(story, paragraph_units, pairs, relations, order)  # copies only: no chains of content
    out.substitutions = _substitutions(story, sentence_aligned, paragraph_of, lexicons, swap_rules)
    return out


def _versions_with_body(story: str, articles: pd.DataFrame, paragraphs: pd.DataFrame, out: StoryAlignment) -> list[str]:
    """The story's article ids in story order, without those that have no body paragraph (reported in ``out``)."""
    order_ids = version_order(articles)
    with_body = set(paragraphs["article_id"])
    empty = [a for a in order_ids if a not in with_body]
    for article_id in empty:
        out.problems.append(
            Problem(
                article_id,
                None,
                "warning",
                f"no body text after cleaning; it takes no part in aligning story {story!r}",
            )
        )
    return [a for a in order_ids if a not in empty]


def _bodies(paragraphs: pd.DataFrame, order_ids: Sequence[str]) -> list[list[str]]:
    """The body paragraphs' texts of each version, in the order of ``order_ids``."""
    texts: dict[str, list[str]] = {article_id: [] for article_id in order_ids}
    for article_id, text in zip(paragraphs["article_id"], paragraphs["text"], strict=True):
        texts.get(str(article_id), []).append(str(text))
    return list(texts.values())


def _paragraph_columns(
    units: Sequence[Unit], aligned: AlignedUnits, lifted: dict[int, dict[int, float]]
) -> dict[tuple[str, int], dict[str, Any]]:
    """Each body paragraph's reuse class and best match; a novel paragraph whose sentences were taken into
    other paragraphs (``lifted``) is a paraphrase of the one holding most of its words."""
    columns = {}
    for unit in units:
        match = aligned.reuse[unit.uid]
        reuse, partner, score = match.reuse, match.match, match.score
        if reuse == "novel" and lifted.get(unit.uid):
            partner, score = max(lifted[unit.uid].items(), key=lambda item: (item[1], -item[0]))
            reuse = "paraphrase"
        columns[(unit.article, unit.number)] = _match_columns(reuse, partner, score, aligned, "paragraph")
    return columns


def _only_quoted(
    pairs: Mapping[tuple[int, int], tuple[float, str]],
    quoted: set[tuple[int, int]],
    aligned: AlignedUnits,
    columns: dict[tuple[str, int], dict[str, Any]],
    relations: set[tuple[str, str]],
) -> dict[tuple[int, int], tuple[float, str]]:
    """The ``quoted`` paraphrase pairs (their only overlap is a quotation) between versions that copy nothing
    from each other become ``shared_quote`` (between a version and its source, the quote is copied text); so
    does a paraphrase paragraph left with no other match (its columns are changed in place)."""

    def unrelated(key: tuple[int, int]) -> bool:
        a, b = aligned.units[key[0]].article, aligned.units[key[1]].article
        return (a, b) not in relations and (b, a) not in relations

    out = {
        key: (score, "shared_quote" if key in quoted and unrelated(key) else reuse)
        for key, (score, reuse) in pairs.items()
    }
    kept = {uid for key, (_score, reuse) in out.items() if reuse != "shared_quote" for uid in key}
    only = {uid for key, (_score, reuse) in out.items() if reuse == "shared_quote" for uid in key}
    for uid in sorted(only - kept):
        unit = aligned.units[uid]
        values = columns[(unit.article, unit.number)]
        if values["reuse"] == "paraphrase":
            values["reuse"] = "shared_quote"
    return out


def _add_content_matches(
    found: Mapping[int, Match],
    aligned: AlignedUnits,
    columns: dict[tuple[str, int], dict[str, Any]],
    pairs: Mapping[tuple[int, int], tuple[float, str]],
) -> dict[tuple[int, int], tuple[float, str]]:
    """Paragraphs matched on content (``paraphrase`` or ``shared_quote``) get their columns; returns ``pairs``
    with theirs added (for the alignments table)."""
    out = dict(pairs)
    for uid, match in sorted(found.items()):
        unit = aligned.units[uid]
        columns[(unit.article, unit.number)] = _match_columns(
            match.reuse, match.match, match.score, aligned, "paragraph"
        )
        if match.match is not None:
            out.setdefault((min(uid, match.match), max(uid, match.match)), (match.score or 0.0, match.reuse))
    return out


def _sentence_columns(units: Sequence[Unit], aligned: AlignedUnits) -> dict[tuple[str, int], dict[str, Any]]:
    """Each body sentence's reuse class, best match and similarity to the other versions."""
    columns = {}
    for unit in units:
        match = aligned.reuse[unit.uid]
        found = _match_columns(match.reuse, match.match, match.score, aligned, "sentence")
        found["context_similarity"] = aligned.similarity_to_others(unit.uid)
        columns[(unit.article, unit.number)] = found
    return columns


def _alignment_rows(
    story: str,
    pairs: Mapping[tuple[int, int], tuple[float, str]],
    aligned: AlignedUnits,
    dates: Mapping[str, str],
    relations: set[tuple[str, str]],
    independent: set[tuple[int, int]],
) -> list[dict[str, Any]]:
    """One row per matched paragraph pair, with its likely origin (none for the ``independent`` pairs, matched
    on content between versions that copy nothing from each other)."""
    rows = []
    for (a, b), (score, reuse) in sorted(pairs.items()):
        unit_a, unit_b = aligned.units[a], aligned.units[b]
        related = (unit_a.article, unit_b.article) in relations or (unit_b.article, unit_a.article) in relations
        if (a, b) in independent and not related:
            origin, basis = "", "independent"
        else:
            origin, basis = _origin(unit_a.article, unit_b.article, dates, relations)
        rows.append(
            {
                "story": story,
                "article_a": unit_a.article,
                "paragraph_a": unit_a.number,
                "article_b": unit_b.article,
                "paragraph_b": unit_b.number,
                "score": score,
                "reuse": reuse,
                "origin": origin,
                "origin_basis": basis,
            }
        )
    return rows


def _report_duplicates(story: str, order_ids: list[str], paragraphs: pd.DataFrame, out: StoryAlignment) -> None:
    seen: dict[str, str] = {}
    texts: dict[str, list[str]] = {}
    for article_id, text in zip(paragraphs["article_id"], paragraphs["text"], strict=True):
        texts.setdefault(article_id, []).append(" ".join(str(text).split()))
    for article_id in order_ids:
        body = "\n".join(texts.get(article_id, []))
        if body in seen:
            out.problems.append(
                Problem(
                    article_id,
                    None,
                    "warning",
                    f"exact duplicate of {seen[body]!r} in story {story!r} (same body text); "
                    "both kept, all paragraphs verbatim",
                )
            )
        else:
            seen[body] = article_id


def _match_columns(reuse: str, partner: int | None, score: float | None, aligned: AlignedUnits, level: str) -> dict:
    other = aligned.units[partner] if partner is not None else None
    return {
        "reuse": reuse,
        "match_article": other.article if other else None,
        f"match_{level}": other.number if other else None,
        "match_score": score,
    }


def _lift_sentence_pairs(
    sentences: AlignedUnits, paragraphs: AlignedUnits, paragraph_of: dict[tuple[str, int], int]
) -> dict[int, dict[int, float]]:
    """Paragraph pairs implied by matched sentences, scored by the share of a paragraph's words they hold."""
    uid_of = {(u.article, u.number): u.uid for u in paragraphs.units.values()}
    matched_words: dict[tuple[int, int], int] = defaultdict(int)
    for pair in sentences.pairs:
        a, b = sentences.units[pair.a], sentences.units[pair.b]
        pa = uid_of.get((a.article, paragraph_of[(a.article, a.number)]))
        pb = uid_of.get((b.article, paragraph_of[(b.article, b.number)]))
        if pa is None or pb is None:
            continue
        matched_words[(pa, pb)] += len(a.tokens)
        matched_words[(pb, pa)] += len(b.tokens)
    lifted: dict[int, dict[int, float]] = defaultdict(dict)
    for (pa, pb), words in matched_words.items():
        share = words / max(1, len(paragraphs.units[pa].tokens))
        lifted[pa][pb] = round(min(1.0, share), 4)
    return lifted


def _paragraph_pairs(
    aligned: AlignedUnits, lifted: dict[int, dict[int, float]]
) -> dict[tuple[int, int], tuple[float, str]]:
    pairs = {(p.a, p.b): (p.score, p.reuse) for p in aligned.pairs}
    for pa, partners in lifted.items():
        for pb, share in partners.items():
            key = (min(pa, pb), max(pa, pb))
            if key not in pairs:
                pairs[key] = (share, "paraphrase")
    return pairs


def _origin(a: str, b: str, dates: Mapping[str, str], relations: set[tuple[str, str]]) -> tuple[str, str]:
    """The likely origin of a matched pair: the earlier version, else the source version by content."""
    date_a, date_b = dates.get(a, ""), dates.get(b, "")
    if date_a and date_b and date_a != date_b:
        return (a if date_a < date_b else b), "date"
    a_from_b, b_from_a = (a, b) in relations, (b, a) in relations
    if a_from_b != b_from_a:
        return (b if a_from_b else a), "content"
    return "", ""


def _relations(
    units: Sequence[Unit],
    pairs: Mapping[tuple[int, int], tuple[float, str]],
    dates: Mapping[str, str],
    rules: AlignRules,
) -> set[tuple[str, str]]:
    """``(derived, source)`` version pairs: versions that share enough paragraphs, with the direction of copying.

    The source is the earlier version by date; with no dates, the version
    whose shared text contains the other's; when neither says, both ways.
    """
    by_id = {u.uid: u for u in units}
    count: dict[str, int] = defaultdict(int)
    text_of: dict[str, set[str]] = defaultdict(set)
    for unit in units:
        count[unit.article] += 1
        text_of[unit.article] |= unit.shingles
    shared: dict[tuple[str, str], set[int]] = defaultdict(set)
    for a, b in pairs:
        ua, ub = by_id[a], by_id[b]
        shared[(ua.article, ub.article)].add(a)
        shared[(ub.article, ua.article)].add(b)

    def inside(x: str, y: str) -> float:
        """How much of x's shared paragraphs lies in y's text as a whole (merges and splits included)."""
        held = frozenset().union(*(by_id[u].shingles for u in shared[(x, y)]))
        return containment(held, frozenset(text_of[y]))

    relations: set[tuple[str, str]] = set()
    for (x, y), units_x in shared.items():
        if x > y:
            continue
        share_x = len(units_x) / count[x]
        share_y = len(shared[(y, x)]) / count[y]
        if max(share_x, share_y) < rules.related:
            continue
        date_x, date_y = dates.get(x, ""), dates.get(y, "")
        if date_x and date_y and date_x != date_y:
            relations.add((y, x) if date_x < date_y else (x, y))
            continue
        x_in_y, y_in_x = inside(x, y), inside(y, x)
        if x_in_y - y_in_x >= 0.1:
            relations.add((x, y))  # x's shared text sits inside y's: x was made from y
        elif y_in_x - x_in_y >= 0.1:
            relations.add((y, x))
        else:
            relations.update({(x, y), (y, x)})
    return relations


def _omissions(
    story: str,
    units: Sequence[Unit],
    pairs: Mapping[tuple[int, int], tuple[float, str]],
    relations: set[tuple[str, str]],
    order: Mapping[str, int],
) -> list[dict[str, Any]]:
    """Content a version's sources carry and the version lacks, one row per piece of content."""
    by_id = {u.uid: u for u in units}
    parent = {u.uid: u.uid for u in units}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        parent[find(a)] = find(b)
    components: dict[int, list[int]] = defaultdict(list)
    for unit in units:
        components[find(unit.uid)].append(unit.uid)
    sources_of: dict[str, list[str]] = defaultdict(list)
    for derived, source in sorted(relations, key=lambda r: (order[r[0]], order[r[1]])):
        sources_of[derived].append(source)
    rows = []
    for root in sorted(components, key=lambda r: min(components[r])):
        members = [by_id[m] for m in components[root]]
        carriers = {m.article for m in members}
        for derived in sorted(sources_of, key=order.__getitem__):
            if derived in carriers:
                continue
            held = [m for m in members if m.article in sources_of[derived]]
            if not held:
                continue
            reference = min(held, key=lambda m: (order[m.article], m.number))
            rows.append(
                {
                    "story": story,
                    "article_id": derived,
                    "ref_article": reference.article,
                    "ref_paragraph": reference.number,
                    "text": reference.text,
                    "present_in": len(carriers),
                }
            )
    return sorted(rows, key=lambda r: (order[r["article_id"]], order[r["ref_article"]], r["ref_paragraph"]))


def _substitutions(
    story: str,
    aligned: AlignedUnits,
    paragraph_of: Mapping[tuple[str, int], int],
    lexicons: Mapping[str, Lexicon],
    swap_rules: SwapRules | None,
) -> list[dict[str, Any]]:
    """Swaps between each sentence and its best match (one comparison per sentence, however many copies)."""
    rows = []
    compared: set[tuple[int, int]] = set()
    for uid, match in sorted(aligned.reuse.items()):
        if match.match is None or match.reuse == "verbatim":
            continue
        first, second = sorted((uid, match.match))
        if (first, second) in compared:
            continue
        compared.add((first, second))
        a, b = aligned.units[first], aligned.units[second]
        for swap in find_swaps(a.text, b.text, lexicons, swap_rules):
            rows.append(
                {
                    "story": story,
                    "article_a": a.article,
                    "paragraph_a": paragraph_of[(a.article, a.number)],
                    "article_b": b.article,
                    "paragraph_b": paragraph_of[(b.article, b.number)],
                    "removed": swap.removed,
                    "added": swap.added,
                    "kind": swap.kind,
                    "context_a": swap.context_a,
                    "context_b": swap.context_b,
                    "sentence_a": a.number,
                    "sentence_b": b.number,
                    "category_a": swap.category_a,
                    "category_b": swap.category_b,
                }
            )
    return rows
