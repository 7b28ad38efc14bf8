"""Batches of whole stories, worker processes, Dask, and tables written as they come: same tables every way."""

from __future__ import annotations

import filecmp
import json
import multiprocessing
import os
import signal
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import framing.align.stage
import framing.contract.files
import framing.run.engine
import framing.run.pipeline
from framing.cli import main
from framing.contract.files import read_tables
from framing.problems import FramingError
from framing.read import Article, ArticlesOnDisk, load
from framing.run.engine import BATCH_ARTICLES, run_batches, start_runner, story_batches
from framing.run.pipeline import analyze, analyze_into
from framing.settings import settings_for
from tests.conftest import HANDWRITTEN_STORY, SEEDS

WIRE = (
    "Flood talks\n\nRiver levels rose on {day} as crews worked through the night, officials said.\n\n"
    "“We will hold the line,” Mayor Ana Ruiz said. She insisted the barriers were safe.\n\n"
    "Residents were {mood} and some left their homes, according to the fire service."
)


def _corpus() -> list[Article]:
    """Three stories; the middle one has nine versions, more than a small batch holds."""
    articles = [Article(f"a{i}", WIRE.format(day="Monday", mood="calm"), story="alpha") for i in range(2)]
    articles += [
        Article(f"b{i}", WIRE.format(day="Tuesday", mood=["furious", "scared", "calm"][i % 3]), story="beta")
        for i in range(9)
    ]
    articles += [Article("c0", WIRE.format(day="Friday", mood="tired"), story="gamma")]
    return articles


def _same(left: dict[str, pd.DataFrame], right: dict[str, pd.DataFrame]) -> None:
    assert list(left) == list(right)
    for name in left:
        pd.testing.assert_frame_equal(left[name], right[name], obj=name)


def test_batches_hold_whole_stories_in_order_of_first_appearance():
    articles = [Article("x1", "T", story="x"), Article("y1", "T", story="y"), Article("x2", "T", story="x")]
    assert [[a.article_id for a in b] for b in story_batches(articles, batch_articles=2)] == [["x1", "x2"], ["y1"]]
    big = [Article(f"z{i}", "T", story="z") for i in range(5)]
    assert [len(b) for b in story_batches(big, batch_articles=2)] == [5]  # a story is never split


def test_batches_of_texts_left_on_disk_are_read_one_batch_at_a_time(tmp_path, monkeypatch):
    path = tmp_path / "in.jsonl"
    rows = [{"id": a.article_id, "text": a.text, "story": a.story} for a in _corpus()]
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    articles = load(path, keep_texts=False).articles
    taken: list[int] = []
    real = ArticlesOnDisk.take

    def recording(self, indices):
        indices = list(indices)
        taken.append(len(indices))
        return real(self, indices)

    monkeypatch.setattr(ArticlesOnDisk, "take", recording)
    batches = story_batches(articles, batch_articles=4)
    assert taken == []  # grouping reads no text
    assert [[a.article_id for a in b] for b in batches] == [
        [a.article_id for a in b] for b in story_batches(_corpus(), 4)
    ]
    assert taken == [2, 9, 1]  # one read per batch, when it is used
    settings = settings_for(())
    streamed = list(run_batches(iter(batches), settings, batch_articles=4))  # a one-pass iterator is enough
    held = list(run_batches(story_batches(_corpus(), 4), settings, batch_articles=4))
    for left, right in zip(streamed, held, strict=True):
        _same(left.tables, right.tables)


def test_worker_processes_give_the_same_tables_as_one_process():
    settings = settings_for(())
    batches = story_batches(_corpus(), batch_articles=4)
    one = list(run_batches(batches, settings, batch_articles=4))
    two = list(run_batches(batches, settings, jobs=2, batch_articles=4))  # the nine-version story is split
    assert len(one) == len(two) == 3
    for a, b in zip(one, two, strict=True):
        _same(a.tables, b.tables)
        assert a.notes == b.notes


def test_analyze_with_jobs_matches_and_keeps_story_order():
    serial = analyze(HANDWRITTEN_STORY)
    parallel = analyze(HANDWRITTEN_STORY, jobs=2)
    _same(dict(serial.tables), dict(parallel.tables))
    interleaved = analyze(
        [
            {"id": "x1", "story": "x", "text": "T\n\nA."},
            {"id": "y1", "story": "y", "text": "T\n\nB."},
            {"id": "x2", "story": "x", "text": "T\n\nA."},
        ],
    )
    assert interleaved.articles["article_id"].tolist() == ["x1", "x2", "y1"]


def test_jobs_below_one_is_refused():
    with pytest.raises(FramingError, match="at least 1"):
        analyze(HANDWRITTEN_STORY, jobs=0)


def test_written_as_they_come_equals_saved_at_once(tmp_path):
    analyze(SEEDS).save(tmp_path / "saved")
    streamed = analyze_into(SEEDS, tmp_path / "streamed", jobs=2)
    match, mismatch, errors = filecmp.cmpfiles(
        tmp_path / "saved", tmp_path / "streamed", [p.name for p in (tmp_path / "saved").iterdir()], shallow=False
    )
    assert not mismatch and not errors and "sentences.csv" in match
    assert "attributions      63" in streamed.summary()
    assert len(streamed.articles) == 5  # tables are read back when asked for


def test_integer_columns_never_print_as_floats(tmp_path):
    analyze(SEEDS).save(tmp_path)
    lines = (tmp_path / "attributions.csv").read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    first = next(line for line in lines[1:] if line.split(",")[header.index("speaker_start")])
    assert "." not in first.split(",")[header.index("speaker_start")]


def test_cli_jobs_two_writes_byte_identical_tables(tmp_path):
    assert main(["analyze", str(SEEDS), "--out", str(tmp_path / "one"), "--quiet"]) == 0
    assert main(["analyze", str(SEEDS), "--out", str(tmp_path / "two"), "--jobs", "2", "--quiet"]) == 0
    names = sorted(p.name for p in (tmp_path / "one").iterdir())
    assert names == sorted(p.name for p in (tmp_path / "two").iterdir())
    _match, mismatch, errors = filecmp.cmpfiles(tmp_path / "one", tmp_path / "two", names, shallow=False)
    assert not mismatch and not errors


def test_workers_start_with_the_runner_and_hold_nothing_made_after(monkeypatch):
    runner = start_runner(settings_for(()), jobs=2)
    try:
        monkeypatch.setenv("FRAMING_TEST_LATER", "set after the workers started")
        seen = [runner.submit(os.getenv, "FRAMING_TEST_LATER").result() for _ in range(4)]
    finally:
        runner.close()
    assert "set after the workers started" not in seen


def test_a_worker_killed_mid_run_is_a_one_line_error_not_a_traceback():
    settings = settings_for(())
    runner = start_runner(settings, jobs=2)
    try:
        runner.submit(os.getenv, "HOME").result()  # the workers are up
        for worker in multiprocessing.active_children():  # as the system does when memory runs out
            os.kill(worker.pid, signal.SIGKILL)
        with pytest.raises(FramingError, match=r"worker process stopped.*fewer jobs") as caught:
            list(run_batches(story_batches(_corpus()), settings, runner=runner))
        assert "\n" not in str(caught.value)
    finally:
        runner.close()


SPAWNED_RUN = """
import multiprocessing
import framing.run.pipeline
multiprocessing.set_start_method("spawn", force=True)  # as on macOS and Windows: workers start afresh
{call}
"""


def test_workers_started_afresh_get_the_settings_with_each_task_and_write_the_same_tables(tmp_path):
    out = tmp_path / "spawned"
    call = f"if __name__ == '__main__':\n    framing.run.pipeline.analyze_into({str(SEEDS)!r}, {str(out)!r}, jobs=2)"
    script = tmp_path / "guarded.py"
    script.write_text(SPAWNED_RUN.format(call=call), encoding="utf-8")
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    analyze_into(SEEDS, tmp_path / "here")
    names = sorted(p.name for p in (tmp_path / "here").iterdir() if p.name != "manifest.json")
    _match, mismatch, errors = filecmp.cmpfiles(tmp_path / "here", tmp_path / "spawned", names, shallow=False)
    assert not mismatch and not errors


def test_a_script_without_the_main_guard_stops_with_the_fix_instead_of_hanging(tmp_path):
    script = tmp_path / "unguarded.py"
    script.write_text(
        SPAWNED_RUN.format(call=f"framing.run.pipeline.analyze({str(SEEDS)!r}, jobs=2)"), encoding="utf-8"
    )
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=300)
    assert done.returncode != 0
    assert 'under `if __name__ == "__main__":`' in done.stderr.splitlines()[0]  # what the worker says
    assert "FramingError" in done.stderr and "RuntimeError" not in done.stderr


def test_a_parallel_run_reads_the_corpus_after_its_workers_started(tmp_path, monkeypatch):

    workers_when_read: list[int] = []
    real = framing.run.pipeline.load

    def recording(*args, **kwargs):
        workers_when_read.append(len(multiprocessing.active_children()))
        return real(*args, **kwargs)

    monkeypatch.setattr(framing.run.pipeline, "load", recording)
    analyze_into(SEEDS, tmp_path / "out", jobs=2)
    assert workers_when_read == [2]  # forked before: they do not share the texts


def test_cli_bad_jobs_is_one_line(tmp_path, capsys):
    assert main(["analyze", str(SEEDS), "--out", str(tmp_path / "o"), "--jobs", "0"]) == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_parquet_tables_hold_the_same_data_as_csv(tmp_path):
    pytest.importorskip("pyarrow", reason="pyarrow is not installed: pip install 'framing-toolkit[parquet]'")
    assert main(["analyze", str(SEEDS), "--out", str(tmp_path / "csv"), "--quiet"]) == 0
    assert main(["analyze", str(SEEDS), "--out", str(tmp_path / "pq"), "--format", "parquet", "--quiet"]) == 0
    assert (tmp_path / "pq" / "sentences.parquet").is_file()
    csv, parquet = read_tables(tmp_path / "csv"), read_tables(tmp_path / "pq")
    assert set(csv) == set(parquet)
    for name in ("articles", "attributions", "paragraphs"):
        left, right = csv[name], parquet[name]
        assert list(left.columns) == list(right.columns)
        for column in left.columns:
            assert left[column].astype(str).tolist() == right[column].astype(str).tolist() or (
                pd.to_numeric(left[column], errors="coerce").fillna(-1).tolist()
                == pd.to_numeric(right[column], errors="coerce").fillna(-1).tolist()
            ), (name, column)
    assert main(["compare", str(tmp_path / "pq"), "--quiet"]) == 0


def test_dask_cluster_gives_byte_identical_tables(tmp_path):
    distributed = pytest.importorskip(
        "distributed", reason="dask.distributed is not installed: pip install 'framing-toolkit[dask]'"
    )
    with (
        distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        distributed.Client(cluster) as client,
    ):
        on_cluster = analyze(SEEDS, client=client)
        _same(dict(analyze(SEEDS).tables), dict(on_cluster.tables))
        code = main(
            ["analyze", str(SEEDS), "--out", str(tmp_path / "dask"), "--dask", cluster.scheduler_address, "--quiet"]
        )
        assert code == 0
    assert main(["analyze", str(SEEDS), "--out", str(tmp_path / "local"), "--quiet"]) == 0
    names = sorted(p.name for p in (tmp_path / "local").iterdir())
    _match, mismatch, errors = filecmp.cmpfiles(tmp_path / "local", tmp_path / "dask", names, shallow=False)
    assert not mismatch and not errors


def test_unreachable_dask_scheduler_is_one_line(tmp_path, capsys):
    pytest.importorskip("distributed", reason="dask.distributed is not installed")
    code = main(["analyze", str(SEEDS), "--out", str(tmp_path / "o"), "--dask", "tcp://127.0.0.1:9", "--quiet"])
    assert code == 2
    error = capsys.readouterr().err
    assert "cannot reach a Dask scheduler" in error and error.count("\n") == 1


def test_library_prints_nothing_and_cli_quiet_prints_nothing(tmp_path, capsys):
    rows = [
        {"id": f"n{i}", "story": f"s{i % 7}", "text": f"T\n\nIt rained on day {i}, officials said."} for i in range(60)
    ]
    analyze(rows)
    analyze_into(rows, tmp_path / "lib")
    out = capsys.readouterr()
    assert out.out == "" and out.err == ""  # not a terminal: no progress bar either
    pd.DataFrame(rows).to_csv(tmp_path / "in.csv", index=False)
    assert main(["analyze", str(tmp_path / "in.csv"), "--out", str(tmp_path / "cli"), "--quiet"]) == 0
    out = capsys.readouterr()
    assert out.out == "" and out.err == ""


def test_progress_bars_per_stage_on_a_terminal_only_when_asked(monkeypatch, capsys):
    rows = [
        {"id": f"n{i}", "story": f"s{i % 7}", "text": f"T\n\nIt rained on day {i} in the valley, officials said."}
        for i in range(60)
    ]
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    analyze(rows)
    assert capsys.readouterr().err == ""
    analyze(rows, progress=True, story="auto")
    err = capsys.readouterr().err
    assert "stories" in err and "analyze" in err and "article/s" in err


def test_a_framing_bug_on_one_article_or_story_is_reported_and_the_run_goes_on(monkeypatch):

    measure, align = framing.run.engine.measure_article, framing.align.stage.align_story

    def broken_measure(article, settings):
        if article.article_id == "x2":
            raise IndexError("list index out of range")
        return measure(article, settings)

    def broken_align(story, *args):
        if story == "y":
            raise KeyError("boom")
        return align(story, *args)

    monkeypatch.setattr(framing.run.engine, "measure_article", broken_measure)
    monkeypatch.setattr(framing.align.stage, "align_story", broken_align)
    rows = [
        {"id": "x1", "story": "x", "text": "T\n\nIt rained in the valley, officials said."},
        {"id": "x2", "story": "x", "text": "T\n\nIt rained in the valley, officials said."},
        {"id": "y1", "story": "y", "text": "T\n\nThe dam held, engineers said on Monday."},
        {"id": "y2", "story": "y", "text": "T\n\nThe dam held, engineers said on Monday."},
    ]
    result = analyze(rows)
    assert result.articles["article_id"].tolist() == ["x1", "y1", "y2"]
    messages = result.problems["message"].tolist()
    assert any("article 'x2' while measuring it (IndexError" in m for m in messages)
    assert any("story 'y' while aligning its versions (KeyError" in m for m in messages)
    assert result.alignments.empty or not result.alignments["article_a"].isin(["y1", "y2"]).any()


def test_streaming_reads_back_only_what_the_summaries_need(tmp_path, monkeypatch):

    read: list[str] = []
    real = framing.contract.files.read_table

    def recording(path, *args, **kwargs):
        read.append(Path(path).stem)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(framing.contract.files, "read_table", recording)
    result = analyze_into(SEEDS, tmp_path / "out")
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["tables"]["sentences"] == 89 and manifest["problems"] == 0
    counted_as_written = {"sentences", "paragraphs", "terms", "alignments", "attributions"}
    assert not counted_as_written & set(read), read
    assert result.summary()  # the summary still reads what it needs


@pytest.mark.parametrize("every", [1, 64])
def test_streamed_summaries_are_counted_batch_by_batch_and_match_the_whole_tables(tmp_path, monkeypatch, every):

    monkeypatch.setattr(framing.run.pipeline, "SPEECH_PARTS", every)  # counts added up after every batch, or at the end
    quoted = Article("q", "Flood\n\n“We will hold the line,” Mayor Ana Ruiz said.", source="Wire", story="s0")
    filler = [
        Article(f"f{i}", f"Note {i}\n\nThe river fell on day {i}, the agency said.", source="Wire", story=f"s{i + 1}")
        for i in range(BATCH_ARTICLES)
    ]
    surname = Article("z", "Levee\n\nRuiz insisted the barriers were safe.", source="Daily", story="z")
    articles = [quoted, *filler, surname]
    assert len(story_batches(articles)) == 2  # the surname comes in the second batch, the full name in the first
    analyze_into(articles, tmp_path / "streamed")
    analyze(articles).save(tmp_path / "whole")
    for name in ("stance_mix.csv", "share_of_voice.csv"):
        assert filecmp.cmp(tmp_path / "streamed" / name, tmp_path / "whole" / name, shallow=False), name
    voices = pd.read_csv(tmp_path / "streamed" / "share_of_voice.csv")
    assert ("Daily", "Ana Ruiz") in set(zip(voices["source"], voices["speaker"], strict=True))
