"""The pipeline: read, clean, segment, measure and align every article into the contract's tables.

:func:`analyze` keeps the tables in memory; :func:`analyze_into` writes them
into a folder as the work proceeds, for corpora that do not fit in memory.
Both read their options from one :class:`~framing.run.options.RunOptions`
(keyword arguments change its fields) and give a
:class:`~framing.run.result.Result`.

>>> result = analyze([{"id": "a", "text": "Rain\\n\\nThe regime said it was calm.", "source": "AP"}])
>>> row = result.articles.iloc[0]
>>> row["source"], row["title"], int(row["attributions"]), int(row["sentences"])
('AP', 'Rain', 1, 1)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeAlias

import pandas as pd

from framing.compare.voices import SpeechCounts, add_speech_counts
from framing.contract import TABLES, FolderTables, OutputFolder, TableWriter, conform, frame, typed
from framing.frames import frame_errors_table
from framing.present.summary import summary_counts
from framing.problems import Problem
from framing.read import Corpus, extra_kinds, load, with_extra_names, with_stories
from framing.run.engine import Chunk, Runner, concat_parts, run_batches, start_runner, story_batches
from framing.run.manifest import build_manifest
from framing.run.options import RunOptions
from framing.run.progress import progress_bar
from framing.run.result import Result
from framing.run.summaries import summary_tables
from framing.settings import Settings, StoryRules
from framing.stories import find_stories
from framing.stories.crossreuse import ReuseIndex

__all__ = ["Input", "analyze", "analyze_into", "with_found_stories"]

#: What a run reads: a :class:`~framing.read.Corpus`, or anything :func:`framing.load` reads (a folder or file
#: path, a DataFrame, a list of records).
Input: TypeAlias = Corpus | str | Path | pd.DataFrame | Sequence[Mapping[str, Any]]

#: How many batches' speech counts a streamed run keeps before adding them up.
SPEECH_PARTS = 64

#: The columns the summary tables (stance mix, share of voice) read at the end of a streamed run: the
#: attributions are counted batch by batch as they come (:class:`~framing.compare.voices.SpeechCounts`), so
#: only the articles' outlets, in order, are read back.
SUMMARY_COLUMNS = {"articles": ["article_id", "source"]}


def analyze(data: Input, options: RunOptions | None = None, **changes: Any) -> Result:
    """Read (if needed), clean, segment, measure and align a corpus; return a :class:`~framing.run.result.Result`.

    ``options`` (:class:`~framing.run.options.RunOptions`) says how; keyword
    arguments change its fields: ``analyze(data, story="auto", jobs=2,
    targets={"Serbia": ["Belgrade"]})``.

    Rows come in story order (stories in order of their first article),
    articles in input order within a story.  ``cross_reuse`` holds the body
    paragraphs found again in other stories (:func:`framing.stories.find_cross_story_reuse`).
    """
    options = RunOptions.with_changes(options, changes)
    with _Run.start(data, options, keep_texts=True) as run:
        reuse = ReuseIndex(run.settings.cross_reuse)
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
    tables["frame_errors"] = frame_errors_table(run.settings.frame_model)
    tables["stories"] = stories_table([c.stories for c in chunks if c.stories is not None])
    tables["problems"] = _problems_table([*run.corpus.problems, *(p for c in chunks for p in c.problems)])
    tables.update(summary_tables(tables, options.manifest()["targets"], run.settings.sentiment))
    counts = {name: len(table) for name, table in tables.items()}
    return Result(
        tables=tables,
        corpus=run.corpus,
        settings=run.settings,
        run_manifest=build_manifest(run.settings, options.manifest(), run.corpus.inputs, counts),
        notes=tuple(note for c in chunks for note in c.notes),
    )


def analyze_into(
    data: Input,
    out: str | Path,
    options: RunOptions | None = None,
    *,
    format: str = "csv",
    force: bool = False,
    **changes: Any,
) -> Result:
    """:func:`analyze`, writing the tables into ``out`` as the work proceeds (for corpora that do not fit in memory).

    Returns a :class:`~framing.run.result.Result` whose tables are read back
    from ``out`` when first used.  The files are the same, byte for byte, as
    ``analyze(...).save(out)`` writes.  ``out`` is locked for the run, the
    tables of framing's previous run there are removed once the input is
    read, and ``manifest.json``, written last, marks the run complete
    (:class:`~framing.contract.OutputFolder`).
    """
    options = RunOptions.with_changes(options, changes)
    with OutputFolder.open(Path(out), force=force) as output:  # locked until the manifest is written
        folder = output.path
        writer = TableWriter(folder, format)
        # texts of files stay on disk until their batch runs: memory does not grow with them
        with _Run.start(data, options, keep_texts=False) as run:
            output.begin()  # the input is read: the previous run's tables go
            writer.input_kinds = extra_kinds(run.corpus.articles)
            written = _write_chunks(run, writer, csv=format == "csv")
        cross_reuse = cross_reuse_table(written.reuse)
        writer.write("cross_reuse", cross_reuse)
        written.counts["cross_reuse"] = len(cross_reuse)
        errors = frame_errors_table(run.settings.frame_model)
        writer.write("frame_errors", errors)
        written.counts["frame_errors"] = len(errors)
        writer.write("stories", stories_table(written.stories))
        writer.write("problems", _problems_table(written.problems))
        writer.close()
        targets = options.manifest()["targets"]
        needed = None if targets else SUMMARY_COLUMNS  # tone toward targets reads whole tables
        speech = add_speech_counts(written.speech)
        so_far = FolderTables(folder, needed, format=format)
        for name, table in summary_tables(so_far, targets, run.settings.sentiment, speech).items():
            writer.write(name, table)
        writer.close()
        manifest = build_manifest(run.settings, options.manifest(), run.corpus.inputs, writer.counts)
        output.finish(manifest, format=format)  # last: the run is complete
    return Result(
        tables=FolderTables(folder),
        corpus=run.corpus,
        settings=run.settings,
        run_manifest=manifest,
        notes=tuple(written.notes),
        counts=written.counts,
        saved_to=folder,
    )


@dataclass
class _Written:
    """What a streamed run keeps of the batches it wrote: the summary's counts, problems, notes, the
    corpus-wide reuse index and the speech counts."""

    reuse: ReuseIndex
    problems: list[Problem]
    counts: Counter
    notes: list[str]
    speech: list[SpeechCounts]
    stories: list[pd.DataFrame]


def _write_chunks(run: _Run, writer: TableWriter, *, csv: bool) -> _Written:
    """Write every batch's tables as they come (CSV text made by the workers, or DataFrames)."""
    written = _Written(ReuseIndex(run.settings.cross_reuse), list(run.corpus.problems), Counter(), [], [], [])
    for chunk in run.chunks(csv=csv):
        if chunk.rendered is not None:  # CSV text made by the workers: only appended here
            for name, (text, rows) in chunk.rendered.text.items():
                writer.write_text(name, text, rows)
            written.counts.update(chunk.rendered.counts)
        else:
            for name, table in chunk.tables.items():
                writer.write(name, table)
            written.counts.update(summary_counts(chunk.tables))
        if chunk.reuse is not None:
            written.reuse.add_signed(chunk.reuse)
        if chunk.stories is not None:
            written.stories.append(chunk.stories)
        if chunk.speech is not None:
            written.speech.append(chunk.speech)
            if len(written.speech) >= SPEECH_PARTS:  # added up now and then: many small tables cost more memory
                written.speech = [add_speech_counts(written.speech)]
        written.problems.extend(chunk.problems)
        written.notes.extend(chunk.notes)
    return written


def _problems_table(problems: Sequence[Problem]) -> pd.DataFrame:
    return frame("problems", [p.as_row() for p in problems])


@dataclass
class _Run:
    """A corpus read, the settings to analyse it with, and the workers that will."""

    corpus: Corpus
    settings: Settings
    #: Where the batches run (:func:`~framing.run.engine.start_runner`); closed when the run's ``with`` block ends.
    runner: Runner
    progress: bool = False

    @classmethod
    def start(cls, data: Input, options: RunOptions, *, keep_texts: bool) -> _Run:
        """Start the workers, then read the corpus (so that workers forked from this process hold none of it)
        and find its stories with ``story="auto"``.  ``keep_texts=False``: texts of files stay there until their
        batch runs (:class:`~framing.read.ArticlesOnDisk`)."""
        settings = options.resolved_settings()
        runner = start_runner(settings, jobs=options.jobs, client=options.client)
        try:
            corpus = (
                data
                if isinstance(data, Corpus)
                else load(data, columns=options.columns, max_chars=options.max_chars, keep_texts=keep_texts)
            )
            if options.story == "auto":
                corpus = with_found_stories(corpus, settings.story_rules, options.progress)
            articles = with_extra_names(corpus.articles)  # every batch writes the same columns
            if articles is not corpus.articles:
                corpus = Corpus(articles, list(corpus.problems), list(corpus.inputs))
        except BaseException:
            runner.close()
            raise
        return cls(corpus, settings, runner, options.progress)

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

    >>> from framing.read import Article
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


def stories_table(parts: Sequence[pd.DataFrame]) -> pd.DataFrame:
    """The ``stories`` table of the batches' rows, in story order, with the contract's columns and types."""
    return typed("stories", conform("stories", concat_parts(parts) if parts else frame("stories", [])))
