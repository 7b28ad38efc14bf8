"""The pipeline: read, clean, segment and measure every article into the contract's tables.

``measure_article`` is a pure function of one article and the settings, so
it can run in any order or process.  ``analyze`` runs it over a corpus and
returns a :class:`~framing.result.Result`.

>>> result = analyze([{"id": "a", "text": "Rain\\n\\nThe regime said it was calm.", "source": "AP"}])
>>> row = result.articles.iloc[0]
>>> row["source"], row["title"], int(row["attributions"]), int(row["sentences"])
('AP', 'Rain', 1, 1)
"""

from __future__ import annotations

import gc
import math
import threading
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from framing.clean import CleanArticle, CleanRules, clean
from framing.corpus import DEFAULT_MAX_CHARS, Article, Corpus, load, with_stories
from framing.crossreuse import ReuseIndex, ReuseRules
from framing.dates import normalize_date
from framing.editorial import load_slant_model
from framing.engine import Chunk, Runner, concat_parts, run_batches, start_runner, story_batches
from framing.lexicons import Lexicon, builtin_lexicon, load_lexicon
from framing.measure.attribution import AttributionRules, find_attributions
from framing.measure.sentiment import sentence_sentiment, summarize
from framing.measure.terms import find_terms
from framing.output import FolderTables, TableWriter, prepare_folder
from framing.problems import FramingError
from framing.progress import progress_bar
from framing.stage_align import AlignSettings
from framing.stats import SpeechCounts, add_speech_counts
from framing.stories import StoryRules, find_stories
from framing.tables import TABLES, conform, frame
from framing.units import body_sentences, lexicon_tokens

__all__ = [
    "RULE_LEXICONS",
    "TERM_LEXICONS",
    "Settings",
    "analyze",
    "analyze_into",
    "measure_article",
    "settings_for",
]

#: Built-in lexicons whose hits become rows of ``terms.csv``.
TERM_LEXICONS = ("loaded", "hedges", "boosters", "evaluative")
#: Built-in lexicons that drive the rules (cleaning, attribution).
RULE_LEXICONS = ("reporting_verbs", "person_titles", "boilerplate", "news_agencies")


@dataclass(frozen=True)
class Settings:
    """Everything a measurement depends on besides the article: lexicons and rule thresholds."""

    lexicons: Mapping[str, Lexicon]
    term_lexicons: tuple[str, ...] = TERM_LEXICONS
    clean_rules: CleanRules = field(default_factory=CleanRules)
    attribution_rules: AttributionRules = field(default_factory=AttributionRules)
    align: AlignSettings = field(default_factory=AlignSettings)
    #: How stories are found with ``story="auto"`` (``--story auto``).
    story_rules: StoryRules = field(default_factory=StoryRules)
    #: How paragraphs reused across stories are found (``cross_reuse.csv``).
    reuse_rules: ReuseRules = field(default_factory=ReuseRules)

    def parameters(self) -> dict[str, Any]:
        """The settings as plain values, for the run manifest."""
        return {
            "term_lexicons": list(self.term_lexicons),
            "clean": {
                "title_max_words": self.clean_rules.title_max_words,
                "short_block_words": self.clean_rules.short_block_words,
                "meta_max_words": self.clean_rules.meta_max_words,
            },
            "attribution": {"max_source_tokens": self.attribution_rules.max_source_tokens},
            "align": asdict(self.align.rules),
            "swaps": asdict(self.align.swaps),
            "slant_model": dict(self.align.slant.provenance) if self.align.slant else None,
            "cross_reuse": asdict(self.reuse_rules),
        }


def settings_for(lexicons: Sequence[Lexicon | str | Path] = (), *, slant: bool = True) -> Settings:
    """Settings with the built-in lexicons, replaced or extended by the user's.

    A user lexicon whose ``name`` is that of a built-in one replaces it (a
    new ``loaded`` list); any other name adds a lexicon whose hits go to
    ``terms.csv``.
    """
    chosen: dict[str, Lexicon] = {name: builtin_lexicon(name) for name in TERM_LEXICONS + RULE_LEXICONS}
    term_names = list(TERM_LEXICONS)
    for item in lexicons:
        lexicon = item if isinstance(item, Lexicon) else load_lexicon(item)
        if lexicon.name not in chosen:
            term_names.append(lexicon.name)
        chosen[lexicon.name] = lexicon
    return Settings(
        lexicons=chosen,
        term_lexicons=tuple(term_names),
        clean_rules=CleanRules(boilerplate=chosen["boilerplate"], agencies=chosen["news_agencies"]),
        attribution_rules=AttributionRules(cues=chosen["reporting_verbs"], titles=chosen["person_titles"]),
        align=AlignSettings(slant=load_slant_model() if slant else None),
    )


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
    cleaned = clean(article, settings.clean_rules)
    text = article.text
    sentences = body_sentences(cleaned)
    scores = sentence_sentiment([s.text for s in sentences])
    aid = article.article_id

    sentence_rows: list[dict[str, Any]] = [
        {
            "article_id": aid,
            "paragraph": s.paragraph,
            "sentence": s.number,
            "start": s.start,
            "end": s.end,
            "text": s.text,
            "compound": score["compound"],
            "pos": score["pos"],
            "neu": score["neu"],
            "neg": score["neg"],
        }
        for s, score in zip(sentences, scores, strict=True)
    ]
    by_paragraph: dict[int, list[float]] = {}
    for row in sentence_rows:
        by_paragraph.setdefault(row["paragraph"], []).append(row["compound"])

    paragraph_rows = []
    words_total = 0
    for block in cleaned.blocks:
        words = cleaned.words_in(block.start, block.end)
        compounds = by_paragraph.get(block.paragraph, [])
        if block.role == "body":
            words_total += words
        paragraph_rows.append(
            {
                "article_id": aid,
                "paragraph": block.paragraph,
                "role": block.role,
                "start": block.start,
                "end": block.end,
                "text": block.text,
                "words": words,
                "sentiment_mean": _round(sum(compounds) / len(compounds)) if compounds else None,
                "role_reason": block.reason,
            }
        )

    lexicons = [settings.lexicons[name] for name in settings.term_lexicons]
    # shared by the cue and term lexicons
    prepared = lexicon_tokens(sentences, [settings.attribution_rules.cue_lexicon(), *lexicons])
    attributions = find_attributions(
        text, sentences, [(b.start, b.end) for b in cleaned.body], settings.attribution_rules, prepared
    )
    attribution_rows = [
        {
            "article_id": aid,
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

    hits = find_terms(text, sentences, lexicons, prepared)
    term_rows = [{"article_id": aid, **h._asdict()} for h in hits]
    counts = {name: sum(1 for h in hits if h.lexicon == name) for name in settings.term_lexicons}

    article_row = {
        "article_id": aid,
        "story": article.story,
        "source": _source(article, cleaned),
        "title": article.title or cleaned.title,
        "byline": cleaned.byline,
        "date": normalize_date(article.date) if article.date else cleaned.date,
        "words": words_total,
        "sentences": len(sentences),
        "body_paragraphs": len(cleaned.body),
        **summarize([row["compound"] for row in sentence_rows]),
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
    }
    return {
        "articles": [article_row],
        "paragraphs": paragraph_rows,
        "sentences": sentence_rows,
        "attributions": attribution_rows,
        "terms": term_rows,
    }


def _source(article: Article, cleaned: CleanArticle) -> str:
    """The outlet: as given, else the agency credited in the text, else the article id."""
    return article.source or cleaned.credit or article.article_id


def analyze(
    data: Corpus | str | Path | pd.DataFrame | Sequence[Mapping[str, Any]],
    *,
    lexicons: Sequence[Lexicon | str | Path] = (),
    columns: Mapping[str, str] | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    settings: Settings | None = None,
    targets: Mapping[str, Sequence[str]] | None = None,
    story: str = "given",
    progress: bool = False,
    jobs: int = 1,
    client: Any = None,
):
    """Read (if needed), clean, segment, measure and align a corpus; return a :class:`~framing.result.Result`.

    Parameters
    ----------
    data
        A :class:`~framing.corpus.Corpus` or anything :func:`framing.load` reads.
    lexicons
        Lexicons (objects or TSV paths) that replace built-in ones of the
        same name or add new term lexicons.
    columns, max_chars
        Passed to :func:`framing.load`.
    settings
        Full control over lexicons and rules (see :func:`settings_for`);
        replaces ``lexicons`` when given.
    targets
        Entities to measure tone toward, with their aliases:
        ``{"Serbia": ["Serbian", "Belgrade"]}`` (see :func:`framing.sentiment.toward`).
    story
        ``"given"``: the stories the input names (its story column, or one
        per folder); ``"auto"``: found from the texts and dates
        (:func:`framing.stories.find_stories` with ``settings.story_rules``),
        labelled ``auto-0001``, ``auto-0002``, ...
    progress
        Show a progress bar per stage on standard error (when it is a
        terminal or a notebook); library calls print nothing by default.
    jobs
        Worker processes for the per-article and per-story work; the tables
        are the same for any number.  (On macOS and Windows, call it under
        ``if __name__ == "__main__":`` in a script.)
    client
        A ``dask.distributed.Client``: run the same work on its cluster instead.

    Rows come in story order (stories in order of their first article),
    articles in input order within a story.  ``cross_reuse`` holds the body
    paragraphs found again in other stories (:func:`framing.crossreuse.find_cross_story_reuse`).
    """
    from framing.result import Result

    with _Run.start(data, lexicons, columns, max_chars, settings, targets, story, progress, jobs, client) as run:
        reuse = ReuseIndex(run.settings.reuse_rules)
        chunks = []
        for chunk in run.chunks():
            if chunk.reuse is not None:
                reuse.add_signed(chunk.reuse)
            chunks.append(chunk._replace(reuse=None, speech=None))  # the summaries are made from the whole tables
    tables = {
        name: conform(name, concat_parts([c.tables[name] for c in chunks])) if chunks else frame(name, [])
        for name in TABLES
        if name != "problems"
    }
    tables["cross_reuse"] = cross_reuse_table(reuse)
    problems = [*run.corpus.problems, *(p for c in chunks for p in c.problems)]
    tables["problems"] = frame("problems", [p.as_row() for p in problems])
    return Result(
        tables=tables,
        corpus=run.corpus,
        settings=run.settings,
        options=run.options,
        notes=[note for c in chunks for note in c.notes],
    )


def analyze_into(
    data: Corpus | str | Path | pd.DataFrame | Sequence[Mapping[str, Any]],
    out: str | Path,
    *,
    format: str = "csv",
    force: bool = False,
    lexicons: Sequence[Lexicon | str | Path] = (),
    columns: Mapping[str, str] | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    settings: Settings | None = None,
    targets: Mapping[str, Sequence[str]] | None = None,
    story: str = "given",
    progress: bool = False,
    jobs: int = 1,
    client: Any = None,
):
    """:func:`analyze`, writing the tables into ``out`` as the work proceeds (for corpora that do not fit in memory).

    Returns a :class:`~framing.result.Result` whose tables are read back from
    ``out`` when first used.  The files are the same, byte for byte, as
    ``analyze(...).save(out)`` writes.
    """
    from framing.result import Result, summary_counts

    # texts of files stay on disk until their batch runs: memory does not grow with them
    run_start = _Run.start(
        data, lexicons, columns, max_chars, settings, targets, story, progress, jobs, client, keep_texts=False
    )
    with run_start as run:
        folder = prepare_folder(Path(out), force=force)
        writer = TableWriter(folder, format)
        counts: Counter = Counter()
        problems = list(run.corpus.problems)
        notes: list[str] = []
        reuse = ReuseIndex(run.settings.reuse_rules)
        speech: list[SpeechCounts] = []
        for chunk in run.chunks(csv=format == "csv"):
            if chunk.rendered is not None:  # CSV text made by the workers: only appended here
                for name, (text, rows) in chunk.rendered.text.items():
                    writer.write_text(name, text, rows)
                counts.update(chunk.rendered.counts)
            else:
                for name, table in chunk.tables.items():
                    writer.write(name, table)
                counts.update(summary_counts(chunk.tables))
            if chunk.reuse is not None:
                reuse.add_signed(chunk.reuse)
            if chunk.speech is not None:
                speech.append(chunk.speech)
                if len(speech) >= SPEECH_PARTS:  # added up now and then: many small tables cost more memory
                    speech = [add_speech_counts(speech)]
            problems.extend(chunk.problems)
            notes.extend(chunk.notes)
    cross_reuse = cross_reuse_table(reuse)
    writer.write("cross_reuse", cross_reuse)
    counts["cross_reuse"] = len(cross_reuse)
    writer.write("problems", frame("problems", [p.as_row() for p in problems]))
    writer.close()
    needed = None if run.options["targets"] else SUMMARY_COLUMNS  # tone toward targets reads whole tables
    result = Result(FolderTables(folder, needed), run.corpus, run.settings, run.options, notes)
    for name, table in result.summaries(add_speech_counts(speech)).items():
        writer.write(name, table)
    writer.close()
    result.write_manifest(folder, writer.counts)
    result.tables = FolderTables(folder)
    result.counts = counts
    result.saved_to = folder
    return result


#: How many batches' speech counts a streamed run keeps before adding them up.
SPEECH_PARTS = 64

#: The columns the summary tables (stance mix, share of voice) read at the end of a streamed run: the
#: attributions are counted batch by batch as they come (:class:`~framing.stats.SpeechCounts`), so only the
#: articles' outlets, in order, are read back.
SUMMARY_COLUMNS = {"articles": ["article_id", "source"]}


@dataclass
class _Run:
    """A corpus read, the settings and options to analyse it with, and the workers that will."""

    corpus: Corpus
    settings: Settings
    options: dict[str, Any]
    #: Where the batches run (:func:`~framing.engine.start_runner`); closed when the run's ``with`` block ends.
    runner: Runner
    progress: bool = False

    @classmethod
    def start(
        cls,
        data: Any,
        lexicons: Sequence[Lexicon | str | Path],
        columns: Mapping[str, str] | None,
        max_chars: int,
        settings: Settings | None,
        targets: Mapping[str, Sequence[str]] | None,
        story: str = "given",
        show_progress: bool = False,
        jobs: int = 1,
        client: Any = None,
        keep_texts: bool = True,
    ) -> _Run:
        """Start the workers, then read the corpus (so that workers forked from this process hold none of it)
        and find its stories with ``story="auto"``.  ``keep_texts=False``: texts of files stay there until their
        batch runs (:class:`~framing.corpus.ArticlesOnDisk`)."""
        if story not in ("given", "auto"):
            raise FramingError(f"story must be 'given' (the input's stories) or 'auto' (found), not {story!r}")
        settings = settings if settings is not None else settings_for(lexicons)
        runner = start_runner(settings, jobs=jobs, client=client)
        try:
            corpus = (
                data
                if isinstance(data, Corpus)
                else load(data, columns=columns, max_chars=max_chars, keep_texts=keep_texts)
            )
            options: dict[str, Any] = {
                "max_chars": max_chars,
                "columns": dict(columns or {}),
                "targets": {name: list(aliases) for name, aliases in (targets or {}).items()},
                "story": story,
            }
            if story == "auto":
                corpus = with_found_stories(corpus, settings.story_rules, show_progress)
                options["story_rules"] = asdict(settings.story_rules)
        except BaseException:
            runner.close()
            raise
        return cls(corpus, settings, options, runner, show_progress)

    def chunks(self, *, csv: bool = False) -> Iterator[Chunk]:
        """The tables of every batch of stories, in order (as CSV text with ``csv``), with a progress bar."""
        batches = story_batches(self.corpus.articles)
        with progress_bar(len(self.corpus), desc="analyze", show=self.progress) as bar:
            yield from run_batches(batches, self.settings, runner=self.runner, on_done=bar.update, csv=csv)

    def __enter__(self) -> _Run:
        return self

    def __exit__(self, *exc: object) -> None:
        self.runner.close()


def with_found_stories(corpus: Corpus, rules: StoryRules | None = None, show_progress: bool = False) -> Corpus:
    """``corpus`` with each article's story replaced by the one :func:`~framing.stories.find_stories` gives.

    >>> corpus = Corpus([Article("a", "It rained all day in the valley.", story="x")])
    >>> with_found_stories(corpus).articles[0].story
    'auto-0001'
    """
    with progress_bar(len(corpus), desc="stories", show=show_progress) as bar:
        labels = find_stories(corpus.articles, rules, on_progress=bar.update)
    return Corpus(with_stories(corpus.articles, labels), list(corpus.problems), list(corpus.inputs))


def cross_reuse_table(index: ReuseIndex) -> pd.DataFrame:
    """The ``cross_reuse`` table of an index fed with each batch's signed body paragraphs (contract columns)."""
    return conform("cross_reuse", index.table())
