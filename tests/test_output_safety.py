"""The output folder is safe: one run at a time, complete runs only, no stale tables, no orphaned workers, and
options checked before the input is read (issue 18, items 1–4 and 8)."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

import framing.run.pipeline
from framing.cli import main
from framing.contract import read_tables
from framing.problems import FramingError
from framing.run import analyze_into
from tests.conftest import HANDWRITTEN_STORY, SEEDS

#: Options that make a run quicker where what is measured does not matter.
FAST = ["--attribution", "rules", "--frames", "none"]

fcntl = pytest.importorskip("fcntl", reason="the lock tests hold the lock with fcntl (POSIX)")


def cli(*args: str) -> subprocess.CompletedProcess:
    """``python -m framing.cli`` as a user runs it (a real process, real exit status and standard error)."""
    return subprocess.run([sys.executable, "-m", "framing.cli", *args], capture_output=True, text=True, timeout=300)


def tables_in(folder: Path) -> list[str]:
    """The table files (and manifest) in ``folder``, by name."""
    if not folder.exists():
        return []
    return sorted(p.name for p in folder.iterdir() if p.suffix in (".csv", ".parquet", ".json"))


@pytest.fixture(scope="module")
def seeds_run(tmp_path_factory) -> Path:
    """A complete run of the seeds (CSV), to copy from."""
    out = tmp_path_factory.mktemp("seeds") / "results"
    assert main(["analyze", str(SEEDS), "--out", str(out), "--quiet", *FAST]) == 0
    return out


def copy_run(source: Path, tmp_path: Path) -> Path:
    out = tmp_path / "copy"
    shutil.copytree(source, out)
    return out


# --- 1. one run at a time -----------------------------------------------------------------------


def test_a_second_run_into_a_locked_folder_stops_at_once_with_one_line_naming_it(tmp_path, capsys):
    out = tmp_path / "out"
    out.mkdir()
    (out / ".framing").write_text("framing\n", encoding="utf-8")
    with (out / ".framing.lock").open("a") as held:  # another run holds the folder
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        code = main(["analyze", str(SEEDS), "--out", str(out), "--quiet"])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and str(out) in err and "another framing run" in err
    assert tables_in(out) == []


def test_two_processes_into_one_folder_one_stops_and_the_other_writes_every_row(tmp_path, capsys):
    corpus = write_corpus(tmp_path / "corpus.jsonl", copies=40)
    out = tmp_path / "out"
    command = [sys.executable, "-m", "framing.cli", "analyze", str(corpus), "--out", str(out), "--quiet"]
    first = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for(lambda: (out / ".framing").exists() or first.poll() is not None)
        running = first.poll() is None
        second = main(command[3:])  # this process: it starts at once, while the first runs
    finally:
        first.wait(timeout=300)
    assert first.returncode == 0
    if not running:
        pytest.skip("the first run ended before the second began")
    err = capsys.readouterr().err
    assert second == 2 and err.count("\n") == 1 and str(out) in err
    assert len(pd.read_csv(out / "articles.csv")) == 40 * len(HANDWRITTEN_STORY)


def test_a_lock_file_left_by_a_killed_run_does_not_block_the_next(tmp_path, seeds_run):
    out = copy_run(seeds_run, tmp_path)
    (out / ".framing.lock").write_text("", encoding="utf-8")  # left behind: nobody holds it
    assert main(["analyze", str(SEEDS), "--out", str(out), "--quiet", "--attribution", "rules"]) == 0
    assert not (out / ".framing.lock").exists()


# --- 2. complete runs only ----------------------------------------------------------------------


def test_compare_refuses_tables_without_a_manifest_with_one_line(tmp_path, seeds_run):
    out = copy_run(seeds_run, tmp_path)
    (out / "manifest.json").unlink()  # a run killed before its end: tables, no manifest
    done = cli("compare", str(out), "--out", str(tmp_path / "cmp"))
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert str(out) in done.stderr and "did not finish" in done.stderr and "analyze" in done.stderr
    with pytest.raises(FramingError, match="did not finish"):
        read_tables(out)


def test_a_manifest_not_marked_complete_is_refused_and_an_older_one_without_the_mark_is_read(tmp_path, seeds_run):
    out = copy_run(seeds_run, tmp_path)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["complete"] is True
    (out / "manifest.json").write_text(json.dumps({**manifest, "complete": False}), encoding="utf-8")
    with pytest.raises(FramingError, match="did not finish"):
        read_tables(out)
    older = {k: v for k, v in manifest.items() if k not in ("complete", "format")}  # written before the mark
    (out / "manifest.json").write_text(json.dumps(older), encoding="utf-8")
    assert len(read_tables(out)["articles"]) == 5


def test_a_run_that_fails_midway_leaves_no_table_under_its_final_name_and_no_manifest(tmp_path, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("killed")

    monkeypatch.setattr(framing.run.pipeline, "summary_tables", broken)
    out = tmp_path / "out"
    with pytest.raises(RuntimeError):
        analyze_into(HANDWRITTEN_STORY, out, attribution="rules")
    assert "manifest.json" not in tables_in(out)
    assert not [p.name for p in out.iterdir() if "tmp" in p.name]  # temporary files removed
    with pytest.raises(FramingError, match="did not finish"):
        read_tables(out)


def test_a_killed_run_leaves_a_folder_compare_refuses(tmp_path):
    corpus = write_corpus(tmp_path / "corpus.jsonl", copies=20)
    out = tmp_path / "out"
    command = [sys.executable, "-m", "framing.cli", "analyze", str(corpus), "--out", str(out), "--quiet"]
    run = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_for(lambda: len(list(out.glob("*"))) > 2 or run.poll() is not None)  # tables being written
    run.send_signal(signal.SIGKILL)
    run.wait(timeout=60)
    if (out / "manifest.json").exists():
        pytest.skip("the run finished before it was killed")
    done = cli("compare", str(out), "--out", str(tmp_path / "cmp"))
    assert done.returncode == 2 and done.stderr.count("\n") == 1 and "did not finish" in done.stderr
    assert "articles.csv" not in tables_in(out)  # still under its temporary name


# --- 3. no stale tables -------------------------------------------------------------------------


def test_a_rerun_removes_the_tables_the_previous_run_wrote_and_keeps_the_users_files(tmp_path):
    out = tmp_path / "out"
    options = ["--quiet", *FAST]
    assert main(["analyze", str(SEEDS), "--out", str(out), "--target", "Serbia", *options]) == 0
    assert (out / "target_tone.csv").is_file()
    (out / "my_notes.csv").write_text("note\nmine\n", encoding="utf-8")
    (out / "readme.txt").write_text("mine", encoding="utf-8")
    assert main(["analyze", str(SEEDS), "--out", str(out), *options]) == 0
    assert not (out / "target_tone.csv").exists()
    assert (out / "my_notes.csv").read_text(encoding="utf-8") == "note\nmine\n"
    assert (out / "readme.txt").is_file()
    assert main(["analyze", str(SEEDS), "--out", str(out), "--format", "parquet", *options]) == 0
    assert not list(out.glob("articles.csv")) and (out / "articles.parquet").is_file()
    assert (out / "my_notes.csv").is_file()


def test_a_rerun_removes_the_comparison_tables_of_the_previous_results(tmp_path):
    out = tmp_path / "out"
    options = ["--quiet", *FAST]
    assert main(["analyze", str(SEEDS), "--out", str(out), *options]) == 0
    assert main(["compare", str(out), "--by", "source"]) == 0
    assert (out / "comparisons.csv").is_file() and (out / "comparison.json").is_file()
    assert main(["analyze", str(SEEDS), "--out", str(out), *options]) == 0
    assert not (out / "comparisons.csv").exists() and not (out / "comparison.json").exists()
    assert not (out / "estimates.csv").exists()


def test_compare_reads_the_format_the_manifest_names_not_an_old_parquet(tmp_path):
    options = ["--quiet", *FAST]
    old, new = tmp_path / "old", tmp_path / "new"
    assert main(["analyze", str(SEEDS), "--out", str(old), "--format", "parquet", *options]) == 0
    story = tmp_path / "story.jsonl"
    story.write_text("".join(json.dumps(row) + "\n" for row in HANDWRITTEN_STORY), encoding="utf-8")
    assert main(["analyze", str(story), "--out", str(new), *options]) == 0
    for path in old.glob("*.parquet"):  # left by an older framing that did not remove them
        shutil.copy(path, new / path.name)
    assert sorted(read_tables(new)["articles"]["article_id"]) == sorted(row["id"] for row in HANDWRITTEN_STORY)


# --- 4. workers die with their parent -----------------------------------------------------------


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads the process table in /proc (Linux)")
def test_workers_exit_when_the_main_process_is_killed(tmp_path):
    corpus = write_corpus(tmp_path / "corpus.jsonl", copies=30)
    command = [sys.executable, "-m", "framing.cli", "analyze", str(corpus), "--out", str(tmp_path / "out")]
    run = subprocess.Popen([*command, "--quiet", "--jobs", "2"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_for(lambda: len(children(run.pid)) >= 2 or run.poll() is not None)
    workers = children(run.pid)
    assert len(workers) >= 2, "the run ended before its workers were seen"
    run.send_signal(signal.SIGKILL)
    run.wait(timeout=60)
    wait_for(lambda: not [pid for pid in workers if alive(pid)], seconds=30)
    orphans = [pid for pid in workers if alive(pid)]
    for pid in orphans:  # do not leave them running when the test fails
        os.kill(pid, signal.SIGKILL)
    assert orphans == []


def children(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def alive(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie waiting to be reaped has stopped)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] not in ("Z", "X")


# --- 8. options checked before the input is read ------------------------------------------------


def test_an_invalid_target_alias_is_found_before_the_input_is_read(tmp_path, capsys):
    out = tmp_path / "out"
    code = main(["analyze", str(tmp_path / "not-there"), "--out", str(out), "--target", "Serbia=*", "--quiet"])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "'*'" in err and "not-there" not in err
    assert not out.exists()


def test_a_figures_path_that_is_a_file_is_found_before_any_table_is_written(tmp_path, capsys):
    out, figures = tmp_path / "out", tmp_path / "figures.png"
    figures.write_text("not a folder", encoding="utf-8")
    code = main(["analyze", str(SEEDS), "--out", str(out), "--figures", str(figures), "--quiet"])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and str(figures) in err
    assert tables_in(out) == []


def test_a_figures_folder_of_someone_else_is_found_before_any_table_is_written(tmp_path, capsys):
    out, figures = tmp_path / "out", tmp_path / "photos"
    figures.mkdir()
    (figures / "holiday.jpg").write_bytes(b"\xff\xd8")
    code = main(["analyze", str(SEEDS), "--out", str(out), "--figures", str(figures), "--quiet"])
    assert code == 2 and str(figures) in capsys.readouterr().err
    assert tables_in(out) == [] and sorted(p.name for p in figures.iterdir()) == ["holiday.jpg"]


@pytest.mark.parametrize("kind", ["folder", "user file"])
def test_a_refused_report_path_is_found_before_any_table_is_written(tmp_path, capsys, kind):
    out, report = tmp_path / "out", tmp_path / "report.html"
    if kind == "folder":
        report.mkdir()
    else:
        report.write_text("<p>my own page</p>", encoding="utf-8")
    code = main(["analyze", str(SEEDS), "--out", str(out), "--report", str(report), "--quiet"])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and str(report) in err
    assert tables_in(out) == []


# --- helpers ------------------------------------------------------------------------------------


def write_corpus(path: Path, *, copies: int) -> Path:
    """The hand-written story told again under ``copies`` story names (real text, enough to keep workers busy)."""
    rows = [
        {**row, "id": f"{row['id']}-{n}", "story": f"{row['story']}-{n}"}
        for n in range(copies)
        for row in HANDWRITTEN_STORY
    ]
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


def wait_for(condition, seconds: float = 120) -> None:
    """Poll ``condition`` every 50 ms until it holds or ``seconds`` pass (a deadline, not a measurement)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and not condition():
        time.sleep(0.05)
