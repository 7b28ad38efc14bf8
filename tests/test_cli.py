"""The command line end to end: outputs, summary, exit codes and one-line errors."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

import framing.run.engine
from framing.cli import main
from tests.conftest import SEEDS


def run(*args: str) -> subprocess.CompletedProcess:
    """Run ``python -m framing.cli`` as a user would (a real process, real exit status)."""
    return subprocess.run([sys.executable, "-m", "framing.cli", *args], capture_output=True, text=True, timeout=300)


def test_analyze_seeds_writes_tables_figures_and_prints_a_summary(tmp_path):
    out, figures = tmp_path / "results", tmp_path / "figures"
    done = run("analyze", str(SEEDS), "--out", str(out), "--figures", str(figures))
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    for line in [
        "articles          5 in 1 story",
        "body paragraphs   56",
        "problems          0",
        "tables ",
        "figures ",
    ]:
        assert line in done.stdout
    for name in ["articles", "paragraphs", "sentences", "attributions", "terms", "problems"]:
        assert (out / f"{name}.csv").is_file()
    assert json.loads((out / "manifest.json").read_text())["packages"]["vaderSentiment"] == "3.3.2"
    assert {p.suffix for p in figures.iterdir() if not p.name.startswith(".")} == {".png", ".svg"}


def test_missing_input_is_one_line_naming_the_fix(tmp_path):
    done = run("analyze", str(tmp_path / "nowhere"), "--out", str(tmp_path / "out"))
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1
    assert "does not exist" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "out").exists()


def test_folder_without_text_files_exits_non_zero(tmp_path, capsys):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "notes.md").write_text("x")
    assert main(["analyze", str(tmp_path / "in"), "--out", str(tmp_path / "out")]) == 2
    assert "no .txt files" in capsys.readouterr().err


def test_an_input_file_changed_during_the_run_stops_it_with_one_line(tmp_path, capsys, monkeypatch):

    path = tmp_path / "news.jsonl"
    path.write_text(json.dumps({"id": "a", "text": "Rama said it rained."}) + "\n", encoding="utf-8")
    real = framing.run.engine.take

    def edited_first(articles, indices):  # someone saves the file after framing has read it
        path.write_text(json.dumps({"id": "a", "text": "Rama said it poured all day."}) + "\n", encoding="utf-8")
        return real(articles, indices)

    monkeypatch.setattr(framing.run.engine, "take", edited_first)
    assert main(["analyze", str(path), "--out", str(tmp_path / "out"), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "news.jsonl was changed, moved or removed after framing read it" in err


def test_csv_without_text_column_names_the_option(tmp_path, capsys):
    path = tmp_path / "news.csv"
    path.write_text("id,body\n1,Some text here.\n")
    assert main(["analyze", str(path), "--out", str(tmp_path / "out")]) == 2
    assert "--text-column" in capsys.readouterr().err
    assert main(["analyze", str(path), "--out", str(tmp_path / "out"), "--text-column", "body", "--quiet"]) == 0
    assert (tmp_path / "out" / "articles.csv").read_text().count("\n") == 2


def test_bad_inputs_are_listed_in_problems_and_the_summary(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text("Headline\n\nThe minister said the dam was safe.")
    (folder / "empty.txt").write_text("")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02")
    # the same story as good.txt (two unrelated texts would add a warning that they are not one story)
    (folder / "windows.txt").write_bytes(
        "Caf\u00e9 news\r\n\r\nThe minister said the dam by the caf\u00e9 was safe.".encode("cp1252")
    )
    assert main(["analyze", str(folder), "--out", str(tmp_path / "out")]) == 0
    printed = capsys.readouterr().out
    assert "problems          3" in printed
    assert "empty.txt" in printed and "binary.txt" in printed and "cp1252" in printed
    problems = (tmp_path / "out" / "problems.csv").read_text()
    assert problems.count("\n") == 4


def test_all_inputs_unreadable_writes_problems_and_exits_non_zero(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "empty.txt").write_text("")
    assert main(["analyze", str(folder), "--out", str(tmp_path / "out")]) == 2
    assert "no article could be read" in capsys.readouterr().err
    assert "empty" in (tmp_path / "out" / "problems.csv").read_text()


def test_refuses_a_non_empty_folder_it_did_not_create(tmp_path, capsys):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "thesis.docx").write_text("precious")
    assert main(["analyze", str(SEEDS), "--out", str(out)]) == 2
    assert "--force" in capsys.readouterr().err
    assert sorted(p.name for p in out.iterdir()) == ["thesis.docx"]
    assert main(["analyze", str(SEEDS), "--out", str(out), "--force", "--quiet"]) == 0
    assert (out / "thesis.docx").read_text() == "precious"


def test_reruns_into_its_own_folder_without_force(tmp_path):
    out = tmp_path / "results"
    assert main(["analyze", str(SEEDS), "--out", str(out), "--quiet"]) == 0
    assert main(["analyze", str(SEEDS), "--out", str(out), "--quiet"]) == 0


def test_writes_nothing_outside_the_output_folders(tmp_path):
    work = tmp_path / "work"
    shutil.copytree(SEEDS, work / "seeds")
    before = {p for p in work.rglob("*")}
    done = subprocess.run(
        [sys.executable, "-m", "framing.cli", "analyze", "seeds", "--out", "out", "--quiet"],
        cwd=work,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    new = {p for p in work.rglob("*")} - before
    assert all(p == work / "out" or (work / "out") in p.parents for p in new)


def test_user_lexicon_option_changes_the_terms(tmp_path):
    lexicon = tmp_path / "mine.tsv"
    lexicon.write_text(
        "# name: places\n# version: 1\n# description: d\n# source: s\n# license: CC0\n"
        "term\tcategory\tweight\tnote\nKosovo\tplace\t1\t\n"
    )
    assert main(["analyze", str(SEEDS), "--out", str(tmp_path / "out"), "--lexicon", str(lexicon), "--quiet"]) == 0
    assert ",places,place," in (tmp_path / "out" / "terms.csv").read_text()


def test_malformed_user_lexicon_is_one_line_with_file_and_line(tmp_path, capsys):
    lexicon = tmp_path / "bad.tsv"
    lexicon.write_text("# name: x\nterm\tcategory\tweight\tnote\nfoo\tbar\t1\t\n")
    assert main(["analyze", str(SEEDS), "--out", str(tmp_path / "out"), "--lexicon", str(lexicon)]) == 2
    err = capsys.readouterr().err
    assert "bad.tsv" in err and "missing header" in err and err.count("\n") == 1


def test_figures_and_tables_in_one_folder_is_refused(tmp_path, capsys):
    assert main(["analyze", str(SEEDS), "--out", str(tmp_path / "x"), "--figures", str(tmp_path / "x")]) == 2
    assert "--figures and --out" in capsys.readouterr().err


def test_lexicons_command_lists_builtins(capsys):
    assert main(["lexicons"]) == 0
    listing = capsys.readouterr().out
    assert "reporting_verbs" in listing and "loaded" in listing


def test_version_flag(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.startswith("framing ")


def test_eval_sentences_reports_f1(data_dir, tmp_path, capsys):
    assert main(["eval", "sentences", str(data_dir / "polnear-train"), "--json", str(tmp_path / "s.json")]) == 0
    scores = json.loads((tmp_path / "s.json").read_text())["scores"]
    assert scores["test/within paragraphs"]["f1"] >= 0.97
    assert scores["test/all boundaries"]["f1"] >= 0.97


def test_analyze_without_figures_or_report_does_not_import_matplotlib(tmp_path):
    code = (
        "import sys; from framing.cli import main; "
        f"code = main(['analyze', {str(SEEDS)!r}, '--out', {str(tmp_path / 'out')!r}, '--quiet']); "
        "print(code, 'matplotlib' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert done.stdout.split() == ["0", "False"], done.stderr
