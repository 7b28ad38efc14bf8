"""Run the per-article and per-story work in batches: in this process, in worker processes, or on Dask.

The corpus is cut into **batches of whole stories** (consecutive in story
order, about ``batch_articles`` articles each).  :func:`process_batch`
measures every article of a batch and aligns its stories: a pure function
of the batch and the settings, so batches can run anywhere and in any order.
:func:`run_batches` yields the results in batch order, whatever ran them, so
the tables are the same with one process, several, or a cluster.  At most a
few batches are in flight at once, so memory does not grow with the corpus.

A story larger than a batch is measured in several tasks and aligned in one.

>>> from framing.read import Article
>>> from framing.settings import settings_for
>>> articles = [Article("a", "T\\n\\nIt rained.", story="s1"), Article("b", "T\\n\\nIt poured.", story="s2")]
>>> [len(batch) for batch in story_batches(articles, batch_articles=1)]
[1, 1]
>>> chunks = list(run_batches(story_batches(articles), settings_for(())))
>>> len(chunks), list(chunks[0].tables["articles"]["article_id"])
(1, ['a', 'b'])
"""

from __future__ import annotations

import multiprocessing
import os
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, NamedTuple, overload

import pandas as pd

from framing.align.stage import align_tables
from framing.compare.story_table import story_table
from framing.compare.voices import SpeechCounts, speech_counts
from framing.contract.files import csv_text
from framing.contract.tables import TABLES, conform, frame
from framing.frames import frame_rows
from framing.measure.article import measure_article
from framing.present.summary import summary_counts
from framing.problems import FramingError, Problem, internal_error
from framing.read import Article, metadata_of, take
from framing.run.lifeline import exit_with_parent
from framing.settings import Settings
from framing.stories.crossreuse import SignedParagraphs, sign_paragraphs

__all__ = [
    "BATCH_ARTICLES",
    "Chunk",
    "Runner",
    "concat_parts",
    "measure_batch",
    "process_batch",
    "run_batches",
    "start_runner",
    "story_batches",
]

#: Articles per batch: large enough that a task outweighs its hand-over, small enough to keep workers busy.
BATCH_ARTICLES = 64
#: Tables the measure stage fills, before alignment.
MEASURED = ("articles", "paragraphs", "sentences", "attributions", "terms")


class Chunk(NamedTuple):
    """The tables of one batch (every contract table but ``problems``), its problems and notes, its body
    paragraphs signed for the corpus-wide reuse index and its speech counts (made in the worker, so the main
    process only collects)."""

    tables: dict[str, pd.DataFrame]
    problems: list[Problem]
    notes: list[str]
    reuse: SignedParagraphs | None = None
    #: What the summary tables are made from (:func:`~framing.compare.voices.speech_counts`), counted where the
    #: batch ran.
    speech: SpeechCounts | None = None
    #: With ``run_batches(..., csv=True)``: the tables as CSV text (``tables`` is then empty).
    rendered: Rendered | None = None
    #: The batch's rows of the ``stories`` table (:func:`~framing.compare.story_table.story_table`).
    stories: pd.DataFrame | None = None


class Rendered(NamedTuple):
    """A batch's tables as CSV rows (:func:`framing.contract.files.csv_text`) with their row counts, and the run
    summary's counts: made where the batch ran, so that the main process only appends text to files."""

    text: dict[str, tuple[str, int]]
    counts: Counter


def rendered(chunk: Chunk) -> Chunk:
    """``chunk`` with its tables replaced by :class:`Rendered` CSV text."""
    text = {name: (csv_text(name, table), len(table)) for name, table in chunk.tables.items()}
    return chunk._replace(tables={}, rendered=Rendered(text, summary_counts(chunk.tables)))


class _StoryBatches(Sequence[list[Article]]):
    """Articles grouped by story (stories in order of first appearance), whole stories cut into batches.

    A batch's articles are taken when it is asked for, so that texts left on
    disk (:class:`~framing.read.ArticlesOnDisk`) are read one batch at a time.
    """

    def __init__(self, articles: Sequence[Article], batch_articles: int = BATCH_ARTICLES) -> None:
        self._articles = articles
        stories: dict[str, list[int]] = {}
        for index, article in enumerate(metadata_of(articles)):
            stories.setdefault(article.story, []).append(index)
        self._batches: list[list[int]] = []
        current: list[int] = []
        for members in stories.values():
            if current and len(current) + len(members) > batch_articles:
                self._batches.append(current)
                current = []
            current.extend(members)
        if current:
            self._batches.append(current)

    def __len__(self) -> int:
        return len(self._batches)

    @overload
    def __getitem__(self, key: int) -> list[Article]: ...
    @overload
    def __getitem__(self, key: slice) -> list[list[Article]]: ...
    def __getitem__(self, key: int | slice) -> list[Article] | list[list[Article]]:
        if isinstance(key, slice):
            return [take(self._articles, batch) for batch in self._batches[key]]
        return take(self._articles, self._batches[key])


def story_batches(articles: Sequence[Article], batch_articles: int = BATCH_ARTICLES) -> Sequence[list[Article]]:
    """Articles grouped by story (stories in order of first appearance), whole stories cut into batches; each
    batch's articles are taken when it is used, so texts left on disk are read a batch at a time."""
    return _StoryBatches(articles, batch_articles)


def measure_batch(articles: Sequence[Article], settings: Settings) -> dict[str, pd.DataFrame]:
    """The measure stage's tables for some articles, before alignment, and ``problems`` for any it failed on."""
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in (*MEASURED, "problems")}
    for article in articles:
        try:
            measured = measure_article(article, settings)
        except Exception as exc:  # a bug must not cost the rest of a long run: the article is reported, left out
            rows["problems"].append(internal_error(f"article {article.article_id!r}", "measuring it", exc).as_row())
            continue
        for table, table_rows in measured.items():
            rows[table].extend(table_rows)
    return {name: frame(name, table_rows) for name, table_rows in rows.items()}


def align_batch(measured: Sequence[dict[str, pd.DataFrame]], settings: Settings) -> Chunk:
    """Align the stories of measured tables (whole stories only) into a :class:`Chunk`."""
    tables = {name: concat_parts([m[name] for m in measured]) for name in MEASURED}
    failed = [
        Problem(str(row["input"]), None, str(row["severity"]), str(row["message"]))
        for m in measured
        if "problems" in m
        for row in m["problems"].to_dict("records")
    ]
    tables, problems, notes = align_tables(tables, settings)
    if settings.frame_model is not None:
        tables["frames"] = frame("frames", frame_rows(tables, settings.frame_model))
    problems = [*failed, *problems]
    out = {name: conform(name, tables[name]) if name in tables else frame(name, []) for name in TABLES}
    del out["problems"]
    reuse = sign_paragraphs(body_paragraphs(out), settings.cross_reuse)
    speech = speech_counts(out["attributions"], out["articles"])
    return Chunk(out, problems, notes, reuse, speech, stories=story_table(out, settings.independent))


def body_paragraphs(tables: Mapping[str, pd.DataFrame]) -> Iterator[tuple[str, str, int, str]]:
    """``(story, article_id, paragraph, text)`` of each body paragraph of a batch's tables (for cross-story reuse)."""
    paragraphs = tables["paragraphs"]
    story_of = dict(zip(tables["articles"]["article_id"], tables["articles"]["story"], strict=True))
    body = paragraphs[paragraphs["role"] == "body"]
    for article_id, number, text in zip(body["article_id"], body["paragraph"], body["text"], strict=True):
        yield story_of[article_id], article_id, int(number), text


def concat_parts(parts: Sequence[pd.DataFrame]) -> pd.DataFrame:
    """Parts of one table as one (empty parts left out, so column types do not depend on how work was split)."""
    filled = [part for part in parts if len(part)]
    if len(filled) == 1:
        return filled[0]
    return pd.concat(filled, ignore_index=True) if filled else parts[0]


def process_batch(articles: Sequence[Article], settings: Settings) -> Chunk:
    """Measure the articles of whole stories and align each story: every table of the batch."""
    return align_batch([measure_batch(articles, settings)], settings)


def process_batch_csv(articles: Sequence[Article], settings: Settings) -> Chunk:
    """:func:`process_batch`, its tables as CSV text."""
    return rendered(process_batch(articles, settings))


def align_batch_csv(measured: Sequence[dict[str, pd.DataFrame]], settings: Settings) -> Chunk:
    """:func:`align_batch`, its tables as CSV text."""
    return rendered(align_batch(measured, settings))


# --- running batches in order ---------------------------------------------------------------------

#: Settings of a worker process, set once when it starts (so they are not sent with every task).
_WORKER_SETTINGS: Settings | None = None


def _start_worker(settings: Settings) -> None:
    global _WORKER_SETTINGS
    exit_with_parent()
    _WORKER_SETTINGS = settings


def _in_worker(task: Callable[[Any, Settings], Any], payload: Any) -> Any:
    assert _WORKER_SETTINGS is not None, "worker started without settings"
    return task(payload, _WORKER_SETTINGS)


#: The fix for a script that starts worker processes outside the ``__main__`` guard.
UNGUARDED = 'in a script, call framing with jobs above 1 under `if __name__ == "__main__":`'


def start_runner(settings: Settings, *, jobs: int = 1, client: Any = None) -> Runner:
    """Where batches run: this process (``jobs=1``), ``jobs`` worker processes, started at once, or the Dask
    cluster of ``client``.  Close it when done.

    Start it before reading the corpus: a worker forked later would share all the corpus and
    its pages would count in every worker's resident memory.

    >>> from framing.settings import settings_for
    >>> runner = start_runner(settings_for(()))
    >>> runner.workers
    1
    >>> runner.close()
    """
    if jobs < 1:
        raise FramingError(f"jobs must be at least 1, not {jobs}")
    if client is not None:
        return _DaskRunner(client, settings)
    if jobs > 1:
        if getattr(multiprocessing.current_process(), "_inheriting", False):
            # this is a worker started afresh, running the user's script again before it works: the script
            # starts workers outside ``if __name__ == "__main__":``, and this one would start more
            raise SystemExit(f"framing: {UNGUARDED}")
        return _PoolRunner(jobs, settings)
    return _LocalRunner(settings)


def run_batches(
    batches: Iterable[Sequence[Article]],
    settings: Settings,
    *,
    jobs: int = 1,
    client: Any = None,
    runner: Runner | None = None,
    batch_articles: int = BATCH_ARTICLES,
    on_done: Callable[[int], None] | None = None,
    csv: bool = False,
) -> Iterator[Chunk]:
    """Yield the :class:`Chunk` of each batch, in batch order.

    ``jobs`` > 1 runs batches in that many worker processes; ``client``, a
    ``dask.distributed.Client``, runs them on its cluster; ``runner``, one
    already started (:func:`start_runner`), runs them there and stays open.
    ``on_done`` is called with the number of articles of each finished batch
    (for progress).  ``csv``: chunks come with their tables as CSV text
    (:class:`Rendered`), made by the workers.
    """
    active = runner if runner is not None else start_runner(settings, jobs=jobs, client=client)
    try:
        for size, chunk in _ordered(active, batches, batch_articles, csv):
            if on_done is not None:
                on_done(size)
            yield chunk
    except BrokenProcessPool:
        raise FramingError(
            "a worker process stopped before its work was done: it was killed, perhaps for lack of memory "
            f"(run again with fewer jobs), or it could not start ({UNGUARDED})"
        ) from None
    finally:
        if runner is None:
            active.close()


def _ordered(
    runner: Runner, batches: Iterable[Sequence[Article]], batch_articles: int, csv: bool = False
) -> Iterator[tuple[int, Chunk]]:
    """Each batch's size and result in batch order, with a bounded number of batches in flight (and read)."""
    window: deque[tuple[int, Callable[[], Chunk]]] = deque()
    limit = max(2, 3 * runner.workers)
    for batch in batches:
        window.append((len(batch), _submit(runner, batch, batch_articles, csv)))
        if len(window) >= limit:
            size, result = window.popleft()
            yield size, result()
    while window:
        size, result = window.popleft()
        yield size, result()


def _submit(runner: Runner, batch: Sequence[Article], batch_articles: int, csv: bool = False) -> Callable[[], Chunk]:
    """Start one batch; return a function that waits for its chunk.

    A batch holding one story larger than a batch is measured in parts (in
    parallel where the runner has workers) and aligned in one task.
    """
    if len(batch) <= batch_articles or runner.workers == 1:
        future = runner.submit(process_batch_csv if csv else process_batch, list(batch))
        return future.result
    parts = [list(batch[i : i + batch_articles]) for i in range(0, len(batch), batch_articles)]
    measured = [runner.submit(measure_batch, part) for part in parts]
    align = align_batch_csv if csv else align_batch
    return lambda: runner.submit(align, [m.result() for m in measured]).result()


class Runner:
    """Runs tasks (a function of a payload and the settings) somewhere: see :func:`start_runner`."""

    workers = 1

    def submit(self, task: Callable[[Any, Settings], Any], payload: Any) -> Any:
        raise NotImplementedError

    def close(self) -> None:
        pass


class _LocalRunner(Runner):
    """Runs each task when its result is asked for, in this process."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def submit(self, task: Callable[[Any, Settings], Any], payload: Any) -> Any:
        return _Lazy(lambda: task(payload, self.settings))


class _Lazy:
    def __init__(self, work: Callable[[], Any]) -> None:
        self.work = work

    def result(self) -> Any:
        return self.work()


class _PoolRunner(Runner):
    """Worker processes. Forked workers get the settings once, as they start; workers started afresh
    ("spawn": macOS, Windows) get them with each task, so that what starts them stays small: a worker
    that stops at once (a script without the ``__main__`` guard) leaves it unread, and more than a pipe
    holds would leave this process waiting for ever.  Every worker ends when this process does, even
    killed (:func:`~framing.run.lifeline.exit_with_parent`)."""

    def __init__(self, jobs: int, settings: Settings) -> None:
        self.workers = jobs
        forked = multiprocessing.get_start_method() == "fork"
        self.settings = None if forked else settings
        self.pool: Executor = (
            ProcessPoolExecutor(max_workers=jobs, initializer=_start_worker, initargs=(settings,))
            if forked
            else ProcessPoolExecutor(max_workers=jobs, initializer=exit_with_parent)
        )
        self.pool.submit(os.getpid)  # the first task starts the workers (all of them, where they are forked)

    def submit(self, task: Callable[[Any, Settings], Any], payload: Any) -> Future:
        if self.settings is None:
            return self.pool.submit(_in_worker, task, payload)
        return self.pool.submit(task, payload, self.settings)

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


class _DaskRunner(Runner):
    """Tasks on a Dask cluster; the settings are sent to every worker once."""

    def __init__(self, client: Any, settings: Settings) -> None:
        self.client = client
        self.workers = max(1, len(client.scheduler_info().get("workers", {})))
        [self.settings] = client.scatter([settings], broadcast=True)

    def submit(self, task: Callable[[Any, Settings], Any], payload: Any) -> Any:
        return self.client.submit(task, payload, self.settings, pure=False)
