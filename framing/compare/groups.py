"""The compare stage: per-outlet estimates with intervals, pairwise tests, distinctive words, similarity.

Every function takes a framing Result (or its tables, or the folder a run
wrote) and returns a tidy DataFrame; :func:`compare` runs them all.

Which unit is resampled is decided per group and said in the ``unit``
column: the group's **articles** when it has at least ``min_articles`` of
them, else the **sentences**, **paragraphs** or **attributions** inside its
articles (pooled when there are two), since one article cannot show how an
outlet varies from article to article.

>>> import framing
>>> calm = "T\\n\\nTalks went well. Both sides agreed. The minister said it was good."
>>> grim = "T\\n\\nTalks collapsed in chaos. Fury grew. The minister claimed it was a disaster."
>>> result = framing.analyze([{"id": "a", "source": "Wire", "text": calm}, {"id": "b", "source": "B", "text": grim}])
>>> estimates(result).query("measure == 'sentiment_mean'")[["group", "unit", "n"]].values.tolist()
[['Wire', 'sentences', 3], ['B', 'sentences', 3]]
>>> comparisons(result).query("measure == 'sentiment_mean'")[["group_a", "group_b", "test"]].values.tolist()
[['Wire', 'B', 'permutation (exact)']]
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from framing.compare.stats import (
    BOOTSTRAP_RESAMPLES,
    PERMUTATION_RESAMPLES,
    bh_qvalues,
    bootstrap_ratio_ci,
    cohens_h,
    count_test,
    hedges_g,
    log_odds_dirichlet,
    permutation_ratio_test,
)
from framing.contract.files import prepare_folder, tables_of, write_table
from framing.contract.tables import STANCES
from framing.problems import FramingError
from framing.segment.words import normalized_words
from framing.settings import SentimentRules

if TYPE_CHECKING:
    from scipy import sparse

__all__ = [
    "COUNTS",
    "MEASURES",
    "MIN_ARTICLES",
    "Comparison",
    "Measure",
    "article_groups",
    "compare",
    "comparisons",
    "distinctive_terms",
    "estimates",
    "measures_for",
    "similarity",
]

#: A group is resampled by article when it has at least this many articles with a value.
MIN_ARTICLES = 3

ESTIMATE_COLUMNS = ["measure", "by", "group", "articles", "unit", "n", "estimate", "ci_low", "ci_high", "level", "note"]
COMPARISON_COLUMNS = [
    "measure",
    "by",
    "group_a",
    "group_b",
    "unit",
    "n_a",
    "n_b",
    "estimate_a",
    "estimate_b",
    "difference",
    "effect_size",
    "effect_measure",
    "test",
    "statistic",
    "p_value",
    "q_value",
    "note",
]
TERM_COLUMNS = [
    "by",
    "group",
    "reference",
    "term",
    "count",
    "count_reference",
    "per_1k",
    "per_1k_reference",
    "log_odds",
    "se",
    "z",
    "prior",
]
SIMILARITY_COLUMNS = [
    "story",
    "article_a",
    "article_b",
    "source_a",
    "source_b",
    "cosine",
    "containment",
    "shared_paragraphs",
]


# --- measures ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Measure:
    """An article-level measure as a ratio of sums over units inside the article.

    ``units(tables)`` gives one row per unit with ``article_id``,
    ``numerator`` and ``denominator``; an article's value is
    ``scale * sum(numerator) / sum(denominator)``.  ``kind`` picks the effect
    size: ``mean`` (Hedges' g), ``share`` (Cohen's h) or ``rate`` (rate ratio).
    """

    name: str
    description: str
    unit: str
    kind: str
    units: Callable[[Mapping[str, pd.DataFrame]], pd.DataFrame]
    scale: float = 1.0


def _unit_frame(article_ids: pd.Series, numerator: Any, denominator: Any) -> pd.DataFrame:
    frame = pd.DataFrame({"article_id": article_ids.astype(str).to_numpy()})
    frame["numerator"] = np.asarray(numerator, dtype=float)
    frame["denominator"] = np.asarray(denominator, dtype=float)
    return frame


def _sentence_measure(value: Callable[[pd.Series], Any]) -> Callable[[Mapping[str, pd.DataFrame]], pd.DataFrame]:
    def units(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
        sentences = tables["sentences"]
        return _unit_frame(sentences["article_id"], value(sentences["compound"].astype(float)), 1.0)

    return units


def _body_paragraphs(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    paragraphs = tables["paragraphs"]
    body = paragraphs[(paragraphs["role"] == "body") & (paragraphs["words"].astype(float) > 0)]
    return body.assign(article_id=body["article_id"].astype(str), paragraph=body["paragraph"].astype(int))


def _paragraph_rate(
    rows: Callable[[Mapping[str, pd.DataFrame]], pd.DataFrame],
) -> Callable[[Mapping[str, pd.DataFrame]], pd.DataFrame]:
    """Hits per body word, with the paragraph as unit (its words the denominator)."""

    def units(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
        body = _body_paragraphs(tables)
        hits = rows(tables)
        counts = (
            hits.assign(article_id=hits["article_id"].astype(str), paragraph=hits["paragraph"].astype(int))
            .groupby(["article_id", "paragraph"])
            .size()
            .rename("hits")
        )
        body = body.join(counts, on=["article_id", "paragraph"])
        return _unit_frame(body["article_id"], body["hits"].fillna(0), body["words"])

    return units


def _lexicon_hits(lexicon: str) -> Callable[[Mapping[str, pd.DataFrame]], pd.DataFrame]:
    return lambda tables: tables["terms"][tables["terms"]["lexicon"] == lexicon]


def _attribution_share(
    value: Callable[[pd.DataFrame], Any],
) -> Callable[[Mapping[str, pd.DataFrame]], pd.DataFrame]:
    def units(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
        attributions = tables["attributions"]
        return _unit_frame(attributions["article_id"], value(attributions), 1.0)

    return units


def _novel_words(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    body = _body_paragraphs(tables)
    body = body[body["reuse"].notna() & body["reuse"].astype(str).ne("")]
    words = body["words"].astype(float)
    return _unit_frame(body["article_id"], words * body["reuse"].eq("novel"), words)


def _editorial(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    body = _body_paragraphs(tables)
    body = body[body["editorial"].notna() & body["editorial"].astype(str).ne("")]
    flags = body["editorial"].map(lambda v: str(v).lower() in ("true", "1", "1.0"))
    return _unit_frame(body["article_id"], flags, 1.0)


def _stance_measure(stance: str) -> Measure:
    return Measure(
        f"stance_{stance}_share",
        f"share of attributions whose reporting verb is {stance.replace('_', ' ')}",
        "attributions",
        "share",
        _attribution_share(lambda a: a["stance"].eq(stance)),
    )


def measures_for(sentiment: SentimentRules | None = None) -> dict[str, Measure]:
    """The article-level measures compared between groups, with the sentiment cut-offs of ``sentiment``.

    Add your own :class:`Measure` to the dict and pass it as ``measures=``.

    >>> measures_for(SentimentRules(negative=-0.5))["sentiment_neg_share"].description
    'share of body sentences with compound ≤ -0.5'
    """
    rules = sentiment or SentimentRules()
    return {
        m.name: m
        for m in [
            Measure(
                "sentiment_mean",
                "mean VADER compound score of body sentences",
                "sentences",
                "mean",
                _sentence_measure(lambda c: c),
            ),
            Measure(
                "sentiment_neg_share",
                f"share of body sentences with compound ≤ {rules.negative}",
                "sentences",
                "share",
                _sentence_measure(lambda c: c <= rules.negative),
            ),
            Measure(
                "sentiment_pos_share",
                f"share of body sentences with compound ≥ {rules.positive}",
                "sentences",
                "share",
                _sentence_measure(lambda c: c >= rules.positive),
            ),
            Measure(
                "loaded_per_1k",
                "loaded terms per 1,000 body words",
                "paragraphs",
                "rate",
                _paragraph_rate(_lexicon_hits("loaded")),
                1000.0,
            ),
            Measure(
                "hedges_per_1k",
                "hedges per 1,000 body words",
                "paragraphs",
                "rate",
                _paragraph_rate(_lexicon_hits("hedges")),
                1000.0,
            ),
            Measure(
                "boosters_per_1k",
                "boosters per 1,000 body words",
                "paragraphs",
                "rate",
                _paragraph_rate(_lexicon_hits("boosters")),
                1000.0,
            ),
            Measure(
                "attributions_per_1k",
                "attributions per 1,000 body words",
                "paragraphs",
                "rate",
                _paragraph_rate(lambda tables: tables["attributions"]),
                1000.0,
            ),
            Measure(
                "direct_quote_share",
                "share of attributions that are direct quotes",
                "attributions",
                "share",
                _attribution_share(lambda a: a["kind"].eq("direct")),
            ),
            *[_stance_measure(stance) for stance in STANCES],
            Measure(
                "novel_share",
                "share of body words in paragraphs no other version of the story has",
                "paragraphs",
                "share",
                _novel_words,
            ),
            Measure(
                "editorial_share",
                "share of body paragraphs scored as editorial commentary",
                "paragraphs",
                "share",
                _editorial,
            ),
        ]
    }


#: The measures with VADER's own cut-offs (:func:`measures_for` with the default :class:`SentimentRules`).
MEASURES: dict[str, Measure] = measures_for()


def article_groups(data: Any, by: str = "source", groups: Mapping[str, Sequence[str]] | None = None) -> pd.Series:
    """The group of each article (index ``article_id``), in order of first appearance.

    ``by`` names a column of the articles table (``source``, ``story``, or one
    you added); ``groups`` gathers its values into named groups, e.g.
    ``{"wire": ["AP", "Reuters"], "partisan": ["Outlet X"]}``; articles in no
    group are left out.

    >>> articles = pd.DataFrame({"article_id": ["a", "b", "c"], "source": ["AP", "Reuters", "Daily"]})
    >>> article_groups({"articles": articles}, groups={"wire": ["AP", "Reuters"]}).tolist()
    ['wire', 'wire']
    """
    articles = tables_of(data)["articles"]
    if by not in articles.columns:
        raise FramingError(f"articles have no column {by!r}; choose --by from {', '.join(map(str, articles.columns))}")
    labels = pd.Series(
        articles[by].fillna("(none)").astype(str).to_numpy(), index=articles["article_id"].astype(str), name="group"
    )
    if groups:
        mapping = {str(value): str(name) for name, values in groups.items() for value in values}
        unknown = sorted(set(mapping) - set(labels))
        if unknown:
            raise FramingError(
                f"groups name {', '.join(map(repr, unknown))}, which no article has as {by}; "
                f"the {by} values are {', '.join(sorted(set(labels)))}"
            )
        labels = labels.map(mapping).dropna()
    return labels


def _group_order(labels: pd.Series) -> list[str]:
    return list(dict.fromkeys(labels))


# --- estimates and pairwise contrasts ------------------------------------------------------------


@dataclass
class _GroupData:
    """One group's units of one measure, and the level at which it is resampled."""

    numerators: np.ndarray
    denominators: np.ndarray
    article_values: np.ndarray
    articles: int
    unit: str
    note: str = ""

    @classmethod
    def of(cls, units: _Units, measure: Measure, min_articles: int) -> _GroupData:
        articles, numerators, denominators = units
        present, codes = np.unique(articles, return_inverse=True)
        sums_num = np.bincount(codes, weights=numerators, minlength=present.size)
        sums_den = np.bincount(codes, weights=denominators, minlength=present.size)
        values = measure.scale * sums_num / sums_den
        if present.size >= min_articles:
            return cls(values, np.ones_like(values), values, present.size, "articles")
        note = f"{present.size} articles pooled: variation between articles is not in the interval"
        return cls(
            numerators * measure.scale,
            denominators,
            values,
            present.size,
            measure.unit,
            note if present.size > 1 else "",
        )

    @property
    def n(self) -> int:
        return int(self.numerators.size)

    @property
    def estimate(self) -> float:
        total = self.denominators.sum()
        return float(self.numerators.sum() / total) if total > 0 else float("nan")

    def unit_values(self) -> np.ndarray:
        return self.numerators / self.denominators


#: One group's units of a measure: article ids, numerators, denominators (units with a denominator only).
_Units = tuple[np.ndarray, np.ndarray, np.ndarray]
_NO_UNITS: _Units = (np.array([], dtype=object), np.array([], dtype=float), np.array([], dtype=float))


def _units_by_group(tables: Mapping[str, pd.DataFrame], measure: Measure, labels: pd.Series) -> dict[str, _Units]:
    """The measure's units, split by the group of their article."""
    units = measure.units(tables)
    units = units[units["denominator"] > 0]
    group = units["article_id"].map(labels)
    out: dict[str, _Units] = {}
    for name, part in units[group.notna()].groupby(group[group.notna()], sort=False):
        out[str(name)] = (
            part["article_id"].to_numpy(dtype=object),
            part["numerator"].to_numpy(dtype=float),
            part["denominator"].to_numpy(dtype=float),
        )
    return out


def estimates(
    data: Any,
    by: str = "source",
    *,
    groups: Mapping[str, Sequence[str]] | None = None,
    measures: Mapping[str, Measure] | None = None,
    level: float = 0.95,
    min_articles: int = MIN_ARTICLES,
    resamples: int = BOOTSTRAP_RESAMPLES,
) -> pd.DataFrame:
    """Each group's estimate of every measure with a percentile bootstrap interval, tidy.

    ``unit`` says what was resampled (articles, or the units inside a group's
    one or two articles) and ``n`` how many; ``note`` says when there was too
    little to give an interval.
    """
    tables = tables_of(data)
    labels = article_groups(tables, by, groups)
    measures = measures_for(SentimentRules.of(data)) if measures is None else measures
    rows = []
    for name, measure in measures.items():
        units = _units_by_group(tables, measure, labels)
        for group in _group_order(labels):
            part = _GroupData.of(units.get(group, _NO_UNITS), measure, min_articles)
            low, high = bootstrap_ratio_ci(part.numerators, part.denominators, level=level, resamples=resamples)
            note = part.note
            if part.n == 0:
                note = f"no {measure.unit} to measure"
            elif part.n < 2:
                note = f"one {part.unit[:-1]}: too little for an interval"
            rows.append(
                {
                    "measure": name,
                    "by": by,
                    "group": group,
                    "articles": part.articles,
                    "unit": part.unit,
                    "n": part.n,
                    "estimate": part.estimate,
                    "ci_low": low,
                    "ci_high": high,
                    "level": level,
                    "note": note,
                }
            )
    return _rounded(pd.DataFrame(rows, columns=ESTIMATE_COLUMNS))


def _effect(measure: Measure, a: _GroupData, b: _GroupData) -> tuple[float, str, str]:
    """Effect size, its name, and a note when it is undefined."""
    if a.unit == "articles" or measure.kind == "mean":
        g = hedges_g(a.unit_values(), b.unit_values())
        return g, "hedges_g", "" if g == g else "no spread within a group: Hedges' g undefined"
    if measure.kind == "share":
        return cohens_h(a.estimate, b.estimate), "cohens_h", ""
    if b.estimate > 0:
        return a.estimate / b.estimate, "rate_ratio", ""
    return float("nan"), "rate_ratio", f"no hits in {b.unit} of the second group: rate ratio undefined"


def comparisons(
    data: Any,
    by: str = "source",
    *,
    groups: Mapping[str, Sequence[str]] | None = None,
    measures: Mapping[str, Measure] | None = None,
    min_articles: int = MIN_ARTICLES,
    resamples: int = PERMUTATION_RESAMPLES,
) -> pd.DataFrame:
    """Every pair of groups on every measure, and on every category count, with tests, tidy.

    Measures: the difference of the estimates, a two-sided permutation test
    (exact when the splits can be enumerated) and an effect size.  Counts
    (:data:`COUNTS`): :func:`framing.stats.count_test`.  ``q_value`` is the
    Benjamini–Hochberg correction over the pairs of one measure.  With one
    group the table is empty and ``attrs["note"]`` says why.
    """
    tables = tables_of(data)
    labels = article_groups(tables, by, groups)
    order = _group_order(labels)
    measures = measures_for(SentimentRules.of(data)) if measures is None else measures
    out = pd.DataFrame(columns=COMPARISON_COLUMNS)
    if len(order) < 2:
        out.attrs["note"] = f"only one {by} ({order[0] if order else 'none'}): nothing to compare"
        return out
    pairs = [(a, b) for i, a in enumerate(order) for b in order[i + 1 :]]
    rows = []
    for measure in measures.values():
        units = _units_by_group(tables, measure, labels)
        for group_a, group_b in pairs:
            rows.append(_contrast(measure, by, group_a, group_b, units, min_articles, resamples))
    for name, (table, column) in COUNTS.items():
        counts = _category_counts(tables, table, column, labels)
        for group_a, group_b in pairs:
            rows.append(_count_row(name, by, group_a, group_b, counts, resamples))
    out = pd.DataFrame(rows, columns=COMPARISON_COLUMNS)
    out["q_value"] = np.nan
    for _name, index in out.groupby("measure", sort=False).groups.items():
        out.loc[index, "q_value"] = bh_qvalues(out.loc[index, "p_value"].astype(float).to_numpy())
    return _rounded(out)


def _contrast(
    measure: Measure,
    by: str,
    group_a: str,
    group_b: str,
    units: Mapping[str, _Units],
    min_articles: int,
    resamples: int,
) -> dict[str, Any]:
    units_a, units_b = units.get(group_a, _NO_UNITS), units.get(group_b, _NO_UNITS)
    by_article = min(len(set(units_a[0])), len(set(units_b[0]))) >= min_articles
    level = min_articles if by_article else 10**9
    a = _GroupData.of(units_a, measure, level)
    b = _GroupData.of(units_b, measure, level)
    row: dict[str, Any] = {
        "measure": measure.name,
        "by": by,
        "group_a": group_a,
        "group_b": group_b,
        "unit": a.unit if a.n else b.unit,
        "n_a": a.n,
        "n_b": b.n,
        "estimate_a": a.estimate,
        "estimate_b": b.estimate,
        "difference": a.estimate - b.estimate,
    }
    notes = [n for n in (a.note, b.note) if n][:1]
    if a.n == 0 or b.n == 0:
        row["note"] = f"no {measure.unit} in {group_a if a.n == 0 else group_b}: nothing to test"
        return row
    if a.n + b.n < 3:
        row["note"] = "too little text for a test (fewer than three units)"
        return row
    if not (a.numerators.any() or b.numerators.any()):
        row["note"] = f"no {measure.name.replace('_', ' ')} in either group: nothing to test"
        return row
    difference, p_value = permutation_ratio_test(
        a.numerators, a.denominators, b.numerators, b.denominators, resamples=resamples
    )
    splits = math.comb(a.n + b.n, a.n)
    effect, effect_measure, effect_note = _effect(measure, a, b)
    row.update(
        effect_size=effect,
        effect_measure=effect_measure,
        test="permutation (exact)" if splits <= resamples + 1 else f"permutation ({resamples} resamples)",
        statistic=difference,
        p_value=p_value,
        note="; ".join([*notes, effect_note] if effect_note else notes),
    )
    return row


#: Category counts compared between groups: name → (table, column).
COUNTS: dict[str, tuple[str, str]] = {
    "stance": ("attributions", "stance"),
    "attribution_kind": ("attributions", "kind"),
    "loaded_category": ("terms", "category"),
    "reuse": ("paragraphs", "reuse"),
}


def _category_counts(tables: Mapping[str, pd.DataFrame], table: str, column: str, labels: pd.Series) -> pd.DataFrame:
    rows = tables[table]
    if table == "terms":
        rows = rows[rows["lexicon"] == "loaded"]
    if table == "paragraphs":
        rows = rows[rows["role"] == "body"]
    rows = rows[rows[column].notna() & rows[column].astype(str).ne("")]
    group = rows["article_id"].astype(str).map(labels)
    return pd.crosstab(group, rows[column].astype(str))


def _count_row(name: str, by: str, group_a: str, group_b: str, counts: pd.DataFrame, resamples: int) -> dict[str, Any]:
    table = counts.reindex(index=[group_a, group_b], fill_value=0)
    n_a, n_b = (int(v) for v in table.sum(axis=1))
    result = count_test(table.to_numpy(), resamples=resamples)
    return {
        "measure": name,
        "by": by,
        "group_a": group_a,
        "group_b": group_b,
        "unit": "counts",
        "n_a": n_a,
        "n_b": n_b,
        "effect_size": result["cramers_v"],
        "effect_measure": "cramers_v",
        "test": result["test"],
        "statistic": result["statistic"],
        "p_value": result["p_value"],
        "note": result["note"],
    }


# --- distinctive words ---------------------------------------------------------------------------


def _article_counts(tables: Mapping[str, pd.DataFrame]) -> tuple[list[str], sparse.csr_matrix, np.ndarray]:
    """Articles, their word counts (articles × vocabulary) and the vocabulary, from body sentences."""
    from sklearn.feature_extraction.text import CountVectorizer  # imported here: scikit-learn is slow to load

    sentences = tables["sentences"]
    texts = sentences.groupby(sentences["article_id"].astype(str), sort=False)["text"].apply(
        lambda t: "\n".join(map(str, t))
    )
    ids = [str(a) for a in tables["articles"]["article_id"]]
    documents = [str(texts.get(a, "")) for a in ids]
    vectorizer = CountVectorizer(analyzer=normalized_words)
    matrix = vectorizer.fit_transform(documents)
    return ids, matrix.tocsr(), vectorizer.get_feature_names_out()


def distinctive_terms(
    data: Any,
    by: str = "source",
    *,
    groups: Mapping[str, Sequence[str]] | None = None,
    prior: str | Mapping[str, float] = "corpus",
    prior_scale: float = 1.0,
    min_count: int = 2,
) -> pd.DataFrame:
    """Words that set each group apart from the others: Monroe et al.'s log-odds with a Dirichlet prior.

    Each group is compared with all other groups together (the ``reference``);
    with two groups that is the pair.  Counts are body-sentence word tokens.
    The prior's pseudo-counts are ``prior_scale`` times the background counts
    of each word: ``"corpus"`` (all articles of the result), ``"story"`` (the
    stories the group's articles belong to) or your own mapping of word to
    count (say, from a large reference corpus).  ``z`` above 1.96 leans to the
    group, below -1.96 to the reference.  Words seen fewer than ``min_count``
    times in the two together are left out.
    """
    tables = tables_of(data)
    labels = article_groups(tables, by, groups)
    order = _group_order(labels)
    out = pd.DataFrame(columns=TERM_COLUMNS)
    if len(order) < 2:
        out.attrs["note"] = f"only one {by} ({order[0] if order else 'none'}): no words to contrast"
        return out
    if prior_scale <= 0:
        raise FramingError(f"prior_scale must be positive, not {prior_scale}")
    ids, matrix, vocabulary = _article_counts(tables)
    article_labels = np.array([labels.get(a, "") for a in ids], dtype=object)
    stories = tables["articles"]["story"].astype(str).to_numpy()
    all_counts = np.asarray(matrix.sum(axis=0)).ravel()
    frames = []
    for group in order:
        in_group = article_labels == group
        in_reference = (article_labels != "") & ~in_group
        counts_a = np.asarray(matrix[in_group].sum(axis=0)).ravel()
        counts_b = np.asarray(matrix[in_reference].sum(axis=0)).ravel()
        background, prior_name = _background(prior, all_counts, matrix, stories, in_group, vocabulary)
        alpha = prior_scale * background
        delta, variance, z = log_odds_dirichlet(counts_a, counts_b, alpha)
        keep = (counts_a + counts_b) >= min_count
        n_a, n_b = counts_a.sum(), counts_b.sum()
        frames.append(
            pd.DataFrame(
                {
                    "by": by,
                    "group": group,
                    "reference": "all others" if len(order) > 2 else next(g for g in order if g != group),
                    "term": vocabulary[keep],
                    "count": counts_a[keep],
                    "count_reference": counts_b[keep],
                    "per_1k": 1000 * counts_a[keep] / max(n_a, 1),
                    "per_1k_reference": 1000 * counts_b[keep] / max(n_b, 1),
                    "log_odds": delta[keep],
                    "se": np.sqrt(variance[keep]),
                    "z": z[keep],
                    "prior": prior_name,
                }
            ).sort_values(["z", "term"], ascending=[False, True])
        )
    out = pd.concat(frames, ignore_index=True)[TERM_COLUMNS]
    return _rounded(out)


def _background(
    prior: str | Mapping[str, float],
    all_counts: np.ndarray,
    matrix: sparse.csr_matrix,
    stories: np.ndarray,
    in_group: np.ndarray,
    vocabulary: np.ndarray,
) -> tuple[np.ndarray, str]:
    if prior == "corpus":
        return all_counts.astype(float), "corpus"
    if prior == "story":
        in_story = np.isin(stories, stories[in_group])
        return np.asarray(matrix[in_story].sum(axis=0)).ravel().astype(float), "story"
    if isinstance(prior, Mapping):
        counts = np.array([float(prior.get(word, 0.0)) for word in vocabulary])
        floor = 0.01 * max(counts.max(initial=0.0), 1.0) / max(len(vocabulary), 1)
        return np.maximum(counts, floor), "given"
    raise FramingError(f"prior must be 'corpus', 'story' or a mapping of word to count, not {prior!r}")


# --- similarity between versions -----------------------------------------------------------------


def similarity(data: Any, *, scope: str = "story", ngram: int = 3) -> pd.DataFrame:
    """How alike each pair of versions is, tidy (one row per ordered pair, both directions).

    ``cosine``: TF-IDF cosine of the body words (idf from all articles);
    ``containment``: share of article_a's word ``ngram``-grams that occur in
    article_b (asymmetric: a short copy is contained in its longer original);
    ``shared_paragraphs``: share of article_a's body paragraphs aligned to
    one of article_b's (empty when the pair was not aligned).  ``scope``
    ``"story"`` pairs versions of the same story, ``"corpus"`` every article.
    """
    if scope not in ("story", "corpus"):
        raise FramingError(f"scope must be 'story' or 'corpus', not {scope!r}")
    from sklearn.feature_extraction.text import TfidfVectorizer

    tables = tables_of(data)
    articles = tables["articles"].assign(article_id=lambda t: t["article_id"].astype(str))
    ids, counts, _vocabulary = _article_counts(tables)
    if not ids:
        return pd.DataFrame(columns=SIMILARITY_COLUMNS)
    weights = TfidfVectorizer(analyzer=lambda tokens: tokens).fit_transform(
        [_tokens_of(counts, i, _vocabulary) for i in range(len(ids))]
    )
    cosine = (weights @ weights.T).toarray()
    grams = _article_ngrams(tables, ids, ngram)
    shared = _shared_paragraphs(tables)
    body_counts = _body_paragraphs(tables).groupby("article_id").size()
    position = {a: i for i, a in enumerate(ids)}
    meta = articles.set_index("article_id")
    rows = []
    scopes = [articles] if scope == "corpus" else [part for _story, part in articles.groupby("story", sort=False)]
    for part in scopes:
        members = list(part["article_id"])
        for a in members:
            for b in members:
                if a == b:
                    continue
                inside = len(grams[a] & grams[b]) / len(grams[a]) if grams[a] else float("nan")
                aligned = shared.get((a, b))
                rows.append(
                    {
                        "story": meta.at[a, "story"] if scope == "story" else "",
                        "article_a": a,
                        "article_b": b,
                        "source_a": meta.at[a, "source"],
                        "source_b": meta.at[b, "source"],
                        "cosine": float(cosine[position[a], position[b]]),
                        "containment": inside,
                        "shared_paragraphs": (
                            len(aligned) / body_counts[a] if aligned is not None and body_counts.get(a) else None
                        ),
                    }
                )
    return _rounded(pd.DataFrame(rows, columns=SIMILARITY_COLUMNS))


def _tokens_of(counts: sparse.csr_matrix, row: int, vocabulary: np.ndarray) -> list[str]:
    start, end = counts.indptr[row], counts.indptr[row + 1]
    return [
        str(vocabulary[j])
        for j, c in zip(counts.indices[start:end], counts.data[start:end], strict=True)
        for _ in range(c)
    ]


def _article_ngrams(tables: Mapping[str, pd.DataFrame], ids: list[str], n: int) -> dict[str, set[tuple[str, ...]]]:
    grams: dict[str, set[tuple[str, ...]]] = {a: set() for a in ids}
    for row in tables["sentences"][["article_id", "text"]].itertuples(index=False):
        words = normalized_words(str(row.text))
        grams[str(row.article_id)].update(tuple(words[i : i + n]) for i in range(len(words) - n + 1))
    return grams


def _shared_paragraphs(tables: Mapping[str, pd.DataFrame]) -> dict[tuple[str, str], set[int]]:
    """For each aligned pair of articles, the paragraphs of the first that match one of the second."""
    shared: dict[tuple[str, str], set[int]] = {}
    alignments = tables["alignments"]
    for a, paragraph_a, b, paragraph_b in zip(
        alignments["article_a"].astype(str),
        alignments["paragraph_a"].astype(int),
        alignments["article_b"].astype(str),
        alignments["paragraph_b"].astype(int),
        strict=True,
    ):
        shared.setdefault((a, b), set()).add(paragraph_a)
        shared.setdefault((b, a), set()).add(paragraph_b)
    stories = tables["articles"].groupby("story")["article_id"].apply(lambda s: [str(a) for a in s])
    for members in stories:
        if any((a, b) in shared for a in members for b in members):
            for a in members:
                for b in members:
                    if a != b:
                        shared.setdefault((a, b), set())
    return shared


# --- everything at once --------------------------------------------------------------------------


@dataclass
class Comparison:
    """The compare stage's tables (``estimates``, ``comparisons``, ``distinctive_terms``, ``similarity``)."""

    tables: dict[str, pd.DataFrame]
    parameters: dict[str, Any]
    notes: list[str] = field(default_factory=list)

    def __getattr__(self, name: str) -> pd.DataFrame:
        tables = self.__dict__.get("tables", {})
        if name in tables:
            return tables[name]
        raise AttributeError(f"Comparison has no table {name!r}; tables are {', '.join(tables)}")

    def __repr__(self) -> str:
        sizes = ", ".join(f"{name}={len(table)}" for name, table in self.tables.items())
        return f"Comparison(by={self.parameters['by']!r}, {sizes})"

    def save(self, out: str | Path, *, force: bool = False) -> list[Path]:
        """Write the tables as CSV and ``comparison.json`` (parameters and notes) into ``out``."""
        folder = prepare_folder(Path(out), force=force)
        written = [write_table(table, folder / f"{name}.csv") for name, table in self.tables.items()]
        info = folder / "comparison.json"
        info.write_text(
            json.dumps({"parameters": self.parameters, "notes": self.notes}, indent=2, sort_keys=True) + "\n",
            encoding="utf-8",
        )
        return [*written, info]

    def summary(self, top: int = 10) -> str:
        """The clearest differences in words: the ``top`` comparisons with a q-value below 0.05."""
        table = self.tables["comparisons"]
        lines = [f"compared by {self.parameters['by']}: {self.parameters['groups']} groups"]
        lines.extend(f"  note: {note}" for note in self.notes)
        strong = table[table["q_value"].astype(float) < 0.05]
        strong = strong.sort_values(["q_value", "p_value", "measure"], kind="stable")
        for row in strong.head(top).to_dict(orient="records"):
            if row["unit"] == "counts":
                lines.append(
                    f"  {row['measure']}: {row['group_a']} vs {row['group_b']} differ "
                    f"({row['test']}, p={row['p_value']:.3g}, q={row['q_value']:.3g}, V={row['effect_size']:.2f})"
                )
            else:
                lines.append(
                    f"  {row['measure']}: {row['group_a']} {row['estimate_a']:.3g} vs {row['group_b']} "
                    f"{row['estimate_b']:.3g} (p={row['p_value']:.3g}, q={row['q_value']:.3g}, "
                    f"{row['effect_measure']}={row['effect_size']:.2f})"
                )
        if len(strong) > top:
            lines.append(f"  … and {len(strong) - top} more with q < 0.05 in comparisons.csv")
        if strong.empty and len(table):
            lines.append("  no difference with q < 0.05")
        return "\n".join(lines)


def compare(
    data: Any,
    by: str = "source",
    *,
    groups: Mapping[str, Sequence[str]] | None = None,
    prior: str | Mapping[str, float] = "corpus",
    min_articles: int = MIN_ARTICLES,
    level: float = 0.95,
) -> Comparison:
    """Run the compare stage: estimates, pairwise comparisons, distinctive terms and similarity."""
    tables = tables_of(data)
    labels = article_groups(tables, by, groups)
    estimate_table = estimates(tables, by, groups=groups, level=level, min_articles=min_articles)
    comparison_table = comparisons(tables, by, groups=groups, min_articles=min_articles)
    term_table = distinctive_terms(tables, by, groups=groups, prior=prior)
    notes = [t.attrs["note"] for t in (comparison_table, term_table) if t.attrs.get("note")]
    notes = list(dict.fromkeys(notes))
    parameters = {
        "by": by,
        "groups": len(_group_order(labels)),
        "group_definitions": {k: list(v) for k, v in (groups or {}).items()},
        "prior": prior if isinstance(prior, str) else "given",
        "min_articles": min_articles,
        "level": level,
        "bootstrap_resamples": BOOTSTRAP_RESAMPLES,
        "permutation_resamples": PERMUTATION_RESAMPLES,
        "q_values": "Benjamini-Hochberg over the pairs of each measure",
    }
    return Comparison(
        {
            "estimates": estimate_table,
            "comparisons": comparison_table,
            "distinctive_terms": term_table,
            "similarity": similarity(tables),
        },
        parameters,
        notes,
    )


def _rounded(table: pd.DataFrame, digits: int = 6) -> pd.DataFrame:
    """Floats rounded, so that tables on disk are byte-identical across platforms' last-bit noise."""
    floats = table.select_dtypes(include="float").columns
    table[floats] = table[floats].round(digits)
    return table
