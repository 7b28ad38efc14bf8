"""The article-level measures compared between groups, and the group each article belongs to.

A :class:`Measure` is a ratio of sums over units inside an article (sentences,
body paragraphs or attributions); :func:`measures_for` lists the built-in
ones and :func:`article_groups` says which group each article is in.

>>> MEASURES["loaded_per_1k"].unit, MEASURES["loaded_per_1k"].kind, MEASURES["loaded_per_1k"].scale
('paragraphs', 'rate', 1000.0)
>>> list(MEASURES)[:3]
['sentiment_mean', 'sentiment_neg_share', 'sentiment_pos_share']
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeAlias

import numpy as np
import pandas as pd

from framing.compare.grouping import MAX_GROUPS, check_grouping, grouping_labels
from framing.contract import STANCES, TableSource, tables_of
from framing.problems import FramingError
from framing.settings import SentimentRules

__all__ = [
    "MEASURES",
    "Measure",
    "UnitBuilder",
    "article_groups",
    "body_paragraphs",
    "group_order",
    "measures_for",
]

#: What makes a measure's units from the tables: one row per unit, ``article_id``, ``numerator``, ``denominator``.
UnitBuilder: TypeAlias = Callable[[Mapping[str, pd.DataFrame]], pd.DataFrame]


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
    units: UnitBuilder
    scale: float = 1.0


def _unit_frame(article_ids: pd.Series, numerator: Any, denominator: Any) -> pd.DataFrame:
    frame = pd.DataFrame({"article_id": article_ids.astype(str).to_numpy()})
    frame["numerator"] = np.asarray(numerator, dtype=float)
    frame["denominator"] = np.asarray(denominator, dtype=float)
    return frame


def _sentence_measure(value: Callable[[pd.Series], Any]) -> UnitBuilder:
    def units(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
        sentences = tables["sentences"]
        return _unit_frame(sentences["article_id"], value(sentences["compound"].astype(float)), 1.0)

    return units


def body_paragraphs(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """The body paragraphs that have words, with ``article_id`` as text and ``paragraph`` as a number."""
    paragraphs = tables["paragraphs"]
    body = paragraphs[(paragraphs["role"] == "body") & (paragraphs["words"].astype(float) > 0)]
    return body.assign(article_id=body["article_id"].astype(str), paragraph=body["paragraph"].astype(int))


def _paragraph_rate(rows: UnitBuilder) -> UnitBuilder:
    """Hits per body word, with the paragraph as unit (its words the denominator)."""

    def units(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
        body = body_paragraphs(tables)
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


def _lexicon_hits(lexicon: str) -> UnitBuilder:
    return lambda tables: tables["terms"][tables["terms"]["lexicon"] == lexicon]


def _attribution_share(value: Callable[[pd.DataFrame], Any]) -> UnitBuilder:
    def units(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
        attributions = tables["attributions"]
        return _unit_frame(attributions["article_id"], value(attributions), 1.0)

    return units


def _novel_words(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    body = body_paragraphs(tables)
    body = body[body["reuse"].notna() & body["reuse"].astype(str).ne("")]
    words = body["words"].astype(float)
    return _unit_frame(body["article_id"], words * body["reuse"].eq("novel"), words)


def _editorial(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    body = body_paragraphs(tables)
    body = body[body["editorial"].notna() & body["editorial"].astype(str).ne("")]
    flags = body["editorial"].map(lambda v: str(v).lower() in ("true", "1", "1.0"))
    return _unit_frame(body["article_id"], flags, 1.0)


#: The voices of a source's speech (``voice`` of sentences and terms), against the outlet's ``narration``.
SPEECH = ("quoted", "reported")


def _voice_sentences(tables: Mapping[str, pd.DataFrame], voices: Sequence[str]) -> pd.DataFrame:
    """The body sentences whose ``voice`` is one of ``voices`` (none from a results folder made before voices)."""
    sentences = tables["sentences"]
    if "voice" not in sentences.columns:
        return sentences.iloc[0:0]
    return sentences[sentences["voice"].isin(voices)]


def _sentence_voice_measure(value: Callable[[pd.Series], Any], voices: Sequence[str]) -> UnitBuilder:
    def units(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
        sentences = _voice_sentences(tables, voices)
        return _unit_frame(sentences["article_id"], value(sentences["compound"].astype(float)), 1.0)

    return units


def _voice_words(sentences: pd.DataFrame, voices: Sequence[str]) -> pd.Series:
    """Each sentence's words in ``voices`` (narration: the words neither quoted nor reported)."""
    columns = {"quoted": "words_quoted", "reported": "words_reported"}
    if not {"words", *columns.values()} <= set(sentences.columns):
        return pd.Series(0.0, index=sentences.index)
    counts = {name: sentences[column].astype(float).fillna(0) for name, column in columns.items()}
    counts["narration"] = sentences["words"].astype(float).fillna(0) - counts["quoted"] - counts["reported"]
    return sum((counts[v] for v in voices), pd.Series(0.0, index=sentences.index))


def _voice_rate(lexicon: str, voices: Sequence[str]) -> UnitBuilder:
    """Hits of ``lexicon`` in ``voices`` per word of those voices, with the body paragraph as unit."""

    def units(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
        sentences = tables["sentences"]
        keys = {"article_id": sentences["article_id"].astype(str), "paragraph": sentences["paragraph"].astype(int)}
        frame = pd.DataFrame({**keys, "words": _voice_words(sentences, voices)})
        words = frame.groupby(["article_id", "paragraph"])["words"].sum()
        terms = tables["terms"]
        if "voice" in terms.columns:
            terms = terms[(terms["lexicon"] == lexicon) & terms["voice"].isin(voices)]
        else:
            terms = terms.iloc[0:0]
        hits = terms.groupby([terms["article_id"].astype(str), terms["paragraph"].astype(int)]).size()
        hits = hits.reindex(words.index, fill_value=0)
        return _unit_frame(words.index.get_level_values("article_id").to_series(), hits, words)

    return units


def _speech_words(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Words of sources' speech (quoted or reported) over all body words, with the body paragraph as unit."""
    sentences = tables["sentences"]
    frame = pd.DataFrame(
        {
            "article_id": sentences["article_id"].astype(str),
            "paragraph": sentences["paragraph"].astype(int),
            "speech": _voice_words(sentences, SPEECH),
            "words": _voice_words(sentences, ("narration", *SPEECH)),
        }
    )
    sums = frame.groupby(["article_id", "paragraph"])[["speech", "words"]].sum()
    return _unit_frame(sums.index.get_level_values("article_id").to_series(), sums["speech"], sums["words"])


def _article_words(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Each article's body words, one unit per article."""
    articles = tables["articles"]
    return _unit_frame(articles["article_id"], articles["words"].astype(float).fillna(0), 1.0)


def _voice(voices: Sequence[str]) -> str:
    """How a description names ``voices``."""
    if tuple(voices) == ("narration",):
        return "in the outlet's own narration (sources' quoted and reported speech left out)"
    return "in sources' quoted and reported speech"


def _voice_rows(rules: SentimentRules) -> list[tuple[Any, ...]]:
    """The measures split by voice: the outlet's narration, and sources' quoted and reported speech."""
    narration, speech = ("narration",), SPEECH
    rows: list[tuple[Any, ...]] = [
        (
            "sentiment_mean_narration",
            f"mean VADER compound score of body sentences {_voice(narration)}",
            "sentences",
            "mean",
            _sentence_voice_measure(lambda c: c, narration),
        ),
        (
            "sentiment_neg_share_narration",
            f"share of body sentences {_voice(narration)} with compound ≤ {rules.negative}",
            "sentences",
            "share",
            _sentence_voice_measure(lambda c: c <= rules.negative, narration),
        ),
        (
            "sentiment_pos_share_narration",
            f"share of body sentences {_voice(narration)} with compound ≥ {rules.positive}",
            "sentences",
            "share",
            _sentence_voice_measure(lambda c: c >= rules.positive, narration),
        ),
        (
            "sentiment_mean_quoted",
            f"mean VADER compound score of body sentences {_voice(speech)} (half their words or more)",
            "sentences",
            "mean",
            _sentence_voice_measure(lambda c: c, speech),
        ),
    ]
    for lexicon, plural in (("loaded", "loaded terms"), ("hedges", "hedges"), ("boosters", "boosters")):
        for suffix, voices in (("narration", narration), ("quoted", speech)):
            words = "narration" if suffix == "narration" else "quoted and reported"
            rows.append(
                (
                    f"{lexicon}_per_1k_{suffix}",
                    f"{plural} {_voice(voices)}, per 1,000 {words} words",
                    "paragraphs",
                    "rate",
                    _voice_rate(lexicon, voices),
                    1000.0,
                )
            )
    rows.append(
        (
            "quoted_speech_share",
            "share of body words that are sources' quoted or reported speech (the rest is the outlet's narration)",
            "paragraphs",
            "share",
            _speech_words,
        )
    )
    rows.append(("words", "body words per article (all voices)", "articles", "mean", _article_words))
    return rows


def _sentences(kind: str, value: Callable[[pd.Series], Any]) -> tuple[str, str, UnitBuilder, float]:
    """Unit, kind, units and scale of a measure of body sentences' VADER compound scores."""
    return "sentences", kind, _sentence_measure(value), 1.0


def _per_1k_words(rows: UnitBuilder) -> tuple[str, str, UnitBuilder, float]:
    """Unit, kind, units and scale of a count of ``rows`` per 1,000 body words."""
    return "paragraphs", "rate", _paragraph_rate(rows), 1000.0


def _attributions(value: Callable[[pd.DataFrame], Any]) -> tuple[str, str, UnitBuilder, float]:
    """Unit, kind, units and scale of a share of attributions."""
    return "attributions", "share", _attribution_share(value), 1.0


def _paragraphs(units: UnitBuilder) -> tuple[str, str, UnitBuilder, float]:
    """Unit, kind, units and scale of a share over body paragraphs."""
    return "paragraphs", "share", units, 1.0


def _stance_is(stance: str) -> Callable[[pd.DataFrame], Any]:
    return lambda attributions: attributions["stance"].eq(stance)


#: What the description of a measure over all voices says (the names kept from before voices were told apart).
MIXED_VOICES = "all voices: mixes the outlet's narration with sources' quoted and reported speech"


def measures_for(sentiment: SentimentRules | None = None, *, mixed_voices: bool = False) -> dict[str, Measure]:
    """The article-level measures compared between groups, with the sentiment cut-offs of ``sentiment``.

    Add your own :class:`Measure` to the dict and pass it as ``measures=``.

    Tone, loaded terms, hedges and boosters come for the outlet's own voice
    (``*_narration``) and for sources' quoted and reported speech
    (``*_quoted``), each rate per 1,000 words of its own voice.  With
    ``mixed_voices=True`` the measures that mix the voices come too
    (``sentiment_mean``, ``loaded_per_1k``, ... as in ``articles.csv``;
    ``framing compare --mixed-voices``): they are left out by default, since
    they partly measure whom an outlet quotes, and every extra test makes the
    run's multiple-comparison correction stricter.

    >>> measures_for(SentimentRules(negative=-0.5))["sentiment_neg_share_narration"].description[-67:]
    "(sources' quoted and reported speech left out) with compound ≤ -0.5"
    """
    rules = sentiment or SentimentRules()
    neg, pos = rules.negative, rules.positive
    mixed = f" ({MIXED_VOICES})"
    mixed_rows = [  # name, description, and unit, kind, units and scale
        ("sentiment_mean", f"mean VADER compound score of body sentences{mixed}", *_sentences("mean", lambda c: c)),
        (
            "sentiment_neg_share",
            f"share of body sentences with compound ≤ {neg}{mixed}",
            *_sentences("share", lambda c: c <= neg),
        ),
        (
            "sentiment_pos_share",
            f"share of body sentences with compound ≥ {pos}{mixed}",
            *_sentences("share", lambda c: c >= pos),
        ),
        ("loaded_per_1k", f"loaded terms per 1,000 body words{mixed}", *_per_1k_words(_lexicon_hits("loaded"))),
        ("hedges_per_1k", f"hedges per 1,000 body words{mixed}", *_per_1k_words(_lexicon_hits("hedges"))),
        ("boosters_per_1k", f"boosters per 1,000 body words{mixed}", *_per_1k_words(_lexicon_hits("boosters"))),
    ]
    rows = [
        *(mixed_rows if mixed_voices else []),
        *_voice_rows(rules),
        ("attributions_per_1k", "attributions per 1,000 body words", *_per_1k_words(lambda t: t["attributions"])),
        (
            "direct_quote_share",
            "share of attributions that are direct quotes",
            *_attributions(lambda a: a["kind"].eq("direct")),
        ),
        *[
            (
                f"stance_{s}_share",
                f"share of attributions whose reporting verb is {s.replace('_', ' ')}",
                *_attributions(_stance_is(s)),
            )
            for s in STANCES
        ],
        (
            "novel_share",
            "share of body words in paragraphs no other version of the story has",
            *_paragraphs(_novel_words),
        ),
        ("editorial_share", "share of body paragraphs scored as editorial commentary", *_paragraphs(_editorial)),
    ]
    return {row[0]: Measure(*row) for row in rows}


#: Every built-in measure with VADER's own cut-offs, the mixed-voice ones included; ``compare`` compares
#: :func:`measures_for` (the voices apart) unless told otherwise.
MEASURES: dict[str, Measure] = measures_for(mixed_voices=True)


def article_groups(
    data: TableSource,
    by: str = "source",
    groups: Mapping[str, Sequence[str]] | None = None,
    *,
    max_groups: int | None = MAX_GROUPS,
    option: str = "--by",
) -> pd.Series:
    """The group of each article (index ``article_id``), in order of first appearance.

    ``by`` names a column of the articles table (``source``, ``story``, or one
    the input carried, such as a leaning), or ``year``, ``month`` or ``week``
    of its ``date`` (:mod:`framing.compare.grouping`); ``groups`` gathers its
    values into named groups, e.g. ``{"wire": ["AP", "Reuters"], "partisan":
    ["Outlet X"]}``; articles in no group are left out.  A misspelt column, or
    a grouping with more than ``max_groups`` groups (``None``: no limit) or a
    group per article, is a one-line :class:`FramingError` naming ``option``
    (``--by``, ``--within``) and what to do instead.

    >>> articles = pd.DataFrame({"article_id": ["a", "b", "c"], "source": ["AP", "Reuters", "Daily"]})
    >>> article_groups({"articles": articles}, groups={"wire": ["AP", "Reuters"]}).tolist()
    ['wire', 'wire']
    """
    articles = tables_of(data)["articles"]
    labels = grouping_labels(articles, by, option=option)
    if groups:
        mapping = {str(value): str(name) for name, values in groups.items() for value in values}
        unknown = sorted(set(mapping) - set(labels))
        if unknown:
            raise FramingError(
                f"groups name {', '.join(map(repr, unknown))}, which no article has as {by}; "
                f"the {by} values are {', '.join(sorted(set(labels)))}"
            )
        labels = labels.map(mapping).dropna()
    stories = None
    if "story" in articles.columns:
        story_of = dict(zip(articles["article_id"].astype(str), articles["story"].astype(str), strict=True))
        stories = {article: story_of[article] for article in labels.index}
    check_grouping(labels, by, stories=stories, max_groups=max_groups, option=option)
    return labels


def group_order(labels: pd.Series) -> list[str]:
    """The groups of ``labels`` (from :func:`article_groups`) in order of first appearance."""
    return list(dict.fromkeys(labels))
