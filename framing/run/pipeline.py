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

from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from framing.compare.voices import SpeechCounts, add_speech_counts
from framing.contract.files import FolderTables, TableWriter, prepare_folder
from framing.contract.tables import TABLES, conform, frame
from framing.lexicons import Lexicon
from framing.problems import FramingError
from framing.read.corpus import DEFAULT_MAX_CHARS, Corpus, load, with_stories
from framing.run.engine import Chunk, Runner, concat_parts, run_batches, start_runner, story_batches
from framing.run.progress import progress_bar
from framing.settings import Settings, StoryRules, settings_for
from framing.stories.crossreuse import ReuseIndex
from framing.stories.find import find_stories

__all__ = ["analyze", "analyze_into", "with_found_stories"]


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
    from framing.run.result import Result

    with _Run.start(data, lexicons, columns, max_chars, settings, targets, story, progress, jobs, client) as run:
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
    from framing.present.summary import summary_counts
    from framing.run.result import Result

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
        reuse = ReuseIndex(run.settings.cross_reuse)
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

    >>> from framing.read.corpus import Article
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
