"""The per-article function: clean, segment and measure one article into rows of every per-article table.

``measure_article`` is a pure function of one article and the settings, so
it can run in any order or process.

>>> from framing.read import Article
>>> from framing.settings import settings_for
>>> rows = measure_article(Article("a", "Rain\\n\\nThe regime said it was calm.", source="AP"), settings_for())
>>> rows["articles"][0]["attributions"], len(rows["sentences"])
(1, 1)
"""

from __future__ import annotations

import gc
import math
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from framing.clean import CleanArticle, clean
from framing.measure.attribution import Attribution, find_attributions
from framing.measure.learned_attribution import learned_attributions
from framing.measure.sentiment import sentence_sentiment, summarize
from framing.measure.terms import TermHit, find_terms
from framing.measure.units import Sentence, body_sentences, lexicon_tokens
from framing.measure.voice import Voices
from framing.read import Article, normalize_date
from framing.segment import TokenIndex
from framing.settings import Settings

__all__ = ["MEASURE_GC_THRESHOLD", "fewer_collections", "measure_article"]


def _round(value: float) -> float:
    return value if math.isnan(value) else round(value, 6)


def _per_1k(count: int, words: int) -> float:
    return round(1000 * count / words, 6) if words else float("nan")


#: The collector's first-generation threshold while an article is measured (Python's default is 700).
MEASURE_GC_THRESHOLD = 20_000


class _RaisedThreshold:
    """How many blocks (in any thread) run with the threshold raised, and the thresholds to restore."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.depth = 0
        self.saved = gc.get_threshold()

    def enter(self, threshold: int) -> None:
        with self.lock:
            if self.depth == 0:
                self.saved = gc.get_threshold()
                gc.set_threshold(max(threshold, self.saved[0]), *self.saved[1:])
            self.depth += 1

    def exit(self) -> None:
        with self.lock:
            self.depth -= 1
            if self.depth == 0:
                gc.set_threshold(*self.saved)


_RAISED = _RaisedThreshold()


@contextmanager
def fewer_collections(threshold: int | None = None) -> Iterator[None]:
    """Run the block with the cyclic garbage collector's first-generation threshold raised to ``threshold``
    (default :data:`MEASURE_GC_THRESHOLD`, read at each call).

    Measuring one article makes some hundred thousand short-lived tuples and
    lists, and at the default threshold they set off collections that walk
    every long-lived object too; ``benchmarks/measure_speed.py`` times the
    stage with and without (``gc_saving``).  A higher threshold already set stays.  The thresholds come back when the
    last block running ends, also when blocks in several threads (a Dask
    worker's) overlap.

    >>> with fewer_collections(5000):
    ...     gc.get_threshold()[0]
    5000
    """
    _RAISED.enter(MEASURE_GC_THRESHOLD if threshold is None else threshold)
    try:
        yield
    finally:
        _RAISED.exit()


def measure_article(article: Article, settings: Settings) -> dict[str, list[dict[str, Any]]]:
    """Rows of every per-article table for one article: a pure function of its inputs."""
    with fewer_collections():
        return _measure_article(article, settings)


def _measure_article(article: Article, settings: Settings) -> dict[str, list[dict[str, Any]]]:
    cleaned = clean(article, settings.clean)
    text = article.text
    sentences = body_sentences(cleaned, max_words=settings.clean.max_sentence_words)
    ids = {"article_id": article.article_id, "source": _source(article, cleaned)}  # each row's article and outlet
    lexicons = [settings.lexicons[name] for name in settings.term_lexicons]
    # shared by the cue and term lexicons
    prepared = lexicon_tokens(sentences, [settings.attribution.cue_lexicon(), *lexicons])
    body = [(b.start, b.end) for b in cleaned.body]
    attributions = find_attributions(text, sentences, body, settings.attribution, prepared)
    if settings.attribution_model is not None:
        attributions = learned_attributions(
            text,
            sentences,
            body,
            settings.attribution_model,
            settings.attribution,
            prepared=prepared,
            rule_rows=attributions,
        )
    index = cleaned.token_index if cleaned.tokens else TokenIndex.of_text(text)
    voices = Voices.of(text, body, [(s.start, s.end) for s in sentences], attributions, index)
    sentence_rows = _sentence_rows(ids, sentences, voices, index)
    paragraph_rows = _paragraph_rows(article.article_id, cleaned, sentence_rows)
    attribution_rows = _attribution_rows(ids, attributions)
    hits = find_terms(text, sentences, lexicons, prepared, model=settings.loaded_model, voices=voices.spans)
    term_rows = [{**ids, **h._asdict(), "voice": voices.at(h.start)} for h in hits]
    article_row = _article_row(article, cleaned, settings, sentence_rows, paragraph_rows, attributions, hits)
    return {
        "articles": [article_row],
        "paragraphs": paragraph_rows,
        "sentences": sentence_rows,
        "attributions": attribution_rows,
        "terms": term_rows,
    }


def _sentence_rows(
    ids: dict[str, str], sentences: Sequence[Sentence], voices: Voices, index: TokenIndex
) -> list[dict[str, Any]]:
    """One row per body sentence (``ids``: its article and outlet), with its VADER scores, voice and words by voice."""
    scores = sentence_sentiment([s.text for s in sentences])
    return [
        {
            **ids,
            "paragraph": s.paragraph,
            "sentence": s.number,
            "start": s.start,
            "end": s.end,
            "text": s.text,
            "compound": score["compound"],
            "pos": score["pos"],
            "neu": score["neu"],
            "neg": score["neg"],
            **voices.sentence(index, s.start, s.end)._asdict(),
        }
        for s, score in zip(sentences, scores, strict=True)
    ]


def _paragraph_rows(aid: str, cleaned: CleanArticle, sentence_rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per block of the article, with its role, words and mean sentence sentiment."""
    by_paragraph: dict[int, list[float]] = {}
    for row in sentence_rows:
        by_paragraph.setdefault(row["paragraph"], []).append(row["compound"])
    paragraph_rows = []
    for block in cleaned.blocks:
        compounds = by_paragraph.get(block.paragraph, [])
        paragraph_rows.append(
            {
                "article_id": aid,
                "paragraph": block.paragraph,
                "role": block.role,
                "start": block.start,
                "end": block.end,
                "text": block.text,
                "words": cleaned.words_in(block.start, block.end),
                "sentiment_mean": _round(sum(compounds) / len(compounds)) if compounds else None,
                "role_reason": block.reason,
            }
        )
    return paragraph_rows


def _attribution_rows(ids: dict[str, str], attributions: Sequence[Attribution]) -> list[dict[str, Any]]:
    """One row per attribution (``ids``: its article and outlet)."""
    return [
        {
            **ids,
            "paragraph": a.paragraph,
            "sentence": a.sentence,
            "speaker": a.speaker,
            "speaker_start": a.speaker_start,
            "speaker_end": a.speaker_end,
            "cue": a.cue,
            "cue_lemma": a.cue_lemma,
            "cue_start": a.cue_start,
            "cue_end": a.cue_end,
            "stance": a.stance,
            "kind": a.kind,
            "content": a.content,
            "content_start": a.content_start,
            "content_end": a.content_end,
            "speaker_mention": a.speaker_mention,
            "continuation": a.continuation,
        }
        for a in attributions
    ]


def _article_row(
    article: Article,
    cleaned: CleanArticle,
    settings: Settings,
    sentence_rows: Sequence[dict[str, Any]],
    paragraph_rows: Sequence[dict[str, Any]],
    attributions: Sequence[Attribution],
    hits: Sequence[TermHit],
) -> dict[str, Any]:
    """The article's row: its metadata and the article-level measures of its sentences, attributions and hits."""
    words_total = sum(row["words"] for row in paragraph_rows if row["role"] == "body")
    counts = {name: sum(1 for h in hits if h.lexicon == name) for name in settings.term_lexicons}
    return {
        "article_id": article.article_id,
        "story": article.story,
        "source": _source(article, cleaned),
        "title": article.title or cleaned.title,
        "byline": cleaned.byline,
        "date": normalize_date(article.date) if article.date else cleaned.date,
        "words": words_total,
        "sentences": len(sentence_rows),
        "body_paragraphs": len(cleaned.body),
        **summarize([row["compound"] for row in sentence_rows], settings.sentiment),
        "attributions": len(attributions),
        "direct_quotes": sum(1 for a in attributions if a.kind == "direct"),
        "speakers": len({a.speaker for a in attributions if a.speaker}),
        "loaded_per_1k": _per_1k(counts.get("loaded", 0), words_total),
        "hedges_per_1k": _per_1k(counts.get("hedges", 0), words_total),
        "novel_share": None,
        "editorial_paragraphs": None,
        "removed_chars": cleaned.removed_chars,
        "credit": cleaned.credit,
        "url": article.url,
        "boosters_per_1k": _per_1k(counts.get("boosters", 0), words_total),
        **_voice_shares(sentence_rows),
        **article.extra,  # the input's own columns, after framing's (the reader renamed any that collide)
    }


def _voice_shares(sentence_rows: Sequence[dict[str, Any]]) -> dict[str, float]:
    """The shares of the body's words in each voice (empty when the body has no words)."""
    words = sum(row["words"] for row in sentence_rows)
    quoted = sum(row["words_quoted"] for row in sentence_rows)
    reported = sum(row["words_reported"] for row in sentence_rows)
    counts = {"narration": words - quoted - reported, "quoted": quoted, "reported": reported}
    return {f"voice_{name}_share": _round(count / words) if words else float("nan") for name, count in counts.items()}


def _source(article: Article, cleaned: CleanArticle) -> str:
    """The outlet: as given, else the agency credited in the text, else the article id."""
    return article.source or cleaned.credit or article.article_id
