"""Words that set a group apart: log-odds with a Dirichlet prior over body-sentence word counts.

>>> import framing
>>> calm = "T\\n\\nTalks went well. Both sides agreed. The minister said it was good."
>>> grim = "T\\n\\nTalks collapsed in chaos. Fury grew. The minister claimed it was a disaster."
>>> result = framing.analyze([{"id": "a", "source": "Wire", "text": calm}, {"id": "b", "source": "B", "text": grim}])
>>> distinctive_terms(result, min_count=1).query("group == 'B'")["term"].head(3).tolist()
['chaos', 'claimed', 'collapsed']
>>> distinctive_terms(result, min_count=1, keep_stopwords=True).query("group == 'B'")["term"].head(3).tolist()
['a', 'chaos', 'claimed']
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from framing.compare.grouping import MAX_GROUPS
from framing.compare.measures import article_groups, group_order
from framing.compare.rounding import rounded
from framing.compare.stats import log_odds_dirichlet
from framing.contract import TableSource, tables_of
from framing.lexicons import builtin_lexicon
from framing.problems import FramingError
from framing.read.lexicon_files import word_list
from framing.segment.words import normalized_words

if TYPE_CHECKING:
    from scipy import sparse

__all__ = ["TERM_COLUMNS", "article_counts", "distinctive_terms", "left_out_words"]


def article_counts(tables: Mapping[str, pd.DataFrame]) -> tuple[list[str], sparse.csr_matrix, np.ndarray]:
    """Articles, their word counts (articles × vocabulary) and the vocabulary, from body sentences."""
    from sklearn.feature_extraction.text import CountVectorizer  # lazy: 0.7 s to load; analyze never needs it

    sentences = tables["sentences"]
    texts = sentences.groupby(sentences["article_id"].astype(str), sort=False)["text"].apply(
        lambda t: "\n".join(map(str, t))
    )
    ids = [str(a) for a in tables["articles"]["article_id"]]
    documents = [str(texts.get(a, "")) for a in ids]
    vectorizer = CountVectorizer(analyzer=normalized_words)
    matrix = vectorizer.fit_transform(documents)
    return ids, matrix.tocsr(), vectorizer.get_feature_names_out()


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


def distinctive_terms(
    data: TableSource,
    by: str = "source",
    *,
    groups: Mapping[str, Sequence[str]] | None = None,
    prior: str | Mapping[str, float] = "corpus",
    prior_scale: float = 1.0,
    min_count: int = 2,
    max_groups: int | None = MAX_GROUPS,
    keep_stopwords: bool = False,
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

    So are, unless ``keep_stopwords`` (``framing compare --keep-stopwords``),
    the words that tell house style rather than framing (:func:`left_out_words`):
    stop words, titles written before names ("mr", "sen") and the words of
    the groups' and outlets' own names.  They still count in every total, so
    the rows that stay have the same ``z`` either way.
    """
    tables = tables_of(data)
    labels = article_groups(tables, by, groups, max_groups=max_groups)
    order = group_order(labels)
    out = pd.DataFrame(columns=TERM_COLUMNS)
    if len(order) < 2:
        out.attrs["note"] = f"only one {by} ({order[0] if order else 'none'}): no words to contrast"
        return out
    if prior_scale <= 0:
        raise FramingError(f"prior_scale must be positive, not {prior_scale}")
    ids, matrix, vocabulary = article_counts(tables)
    article_labels = np.array([labels.get(a, "") for a in ids], dtype=object)
    stories = tables["articles"]["story"].astype(str).to_numpy()
    all_counts = np.asarray(matrix.sum(axis=0)).ravel()
    hidden = frozenset() if keep_stopwords else left_out_words([*order, *tables["articles"]["source"].dropna()])
    shown = np.array([word not in hidden for word in vocabulary], dtype=bool)
    frames = []
    for group in order:
        in_group = article_labels == group
        in_reference = (article_labels != "") & ~in_group
        counts_a = np.asarray(matrix[in_group].sum(axis=0)).ravel()
        counts_b = np.asarray(matrix[in_reference].sum(axis=0)).ravel()
        background, prior_name = _background(prior, all_counts, matrix, stories, in_group, vocabulary)
        alpha = prior_scale * background
        delta, variance, z = log_odds_dirichlet(counts_a, counts_b, alpha)
        keep = ((counts_a + counts_b) >= min_count) & shown
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
    return rounded(out)


def left_out_words(names: Iterable[object] = ()) -> frozenset[str]:
    """The words :func:`distinctive_terms` leaves out by default: the word list ``stop_words``, the titles
    written before names (the honorifics of the ``person_titles`` lexicon and the title abbreviations of the
    word list ``sentence_words``) and the words of ``names`` (the groups' and outlets' own names).

    >>> sorted({"is", "mr", "sen", "herald", "valley"} & left_out_words(["Valley Herald"]))
    ['herald', 'is', 'mr', 'sen', 'valley']
    """
    own = {word for name in dict.fromkeys(map(str, names)) for word in normalized_words(name)}
    return _function_words() | own


@cache
def _function_words() -> frozenset[str]:
    """Stop words and titles before names (:func:`left_out_words`), read once."""
    honorifics = [e for e in builtin_lexicon("person_titles").entries if e.category == "honorific"]
    titles = {form.text.lower() for e in honorifics if len(e.words) == 1 for form in e.words[0]}
    return word_list("stop_words", "stop") | word_list("sentence_words", "title") | titles


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
