"""The notebook tutorial runs top to bottom from examples/, does what its text says, and is committed clean."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
TUTORIAL = EXAMPLES / "tutorial.ipynb"


def _snapshot(folder: Path) -> dict[str, float]:
    return {str(p.relative_to(folder)): p.stat().st_mtime for p in folder.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def executed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The tutorial run in examples/ (its temporary folder under pytest's), and examples/ before and after."""
    pytest.importorskip("nbclient", reason="nbclient is not installed: the tutorial notebook cannot be run")
    pytest.importorskip("ipykernel", reason="ipykernel is not installed: the tutorial notebook cannot be run")
    import nbclient  # lazy: a dev package; the tests are skipped without it (importorskip above)
    import nbformat  # lazy: as above

    tmp = tmp_path_factory.mktemp("tutorial")
    before = _snapshot(EXAMPLES)
    notebook = nbformat.read(TUTORIAL, as_version=4)
    client = nbclient.NotebookClient(
        notebook,
        timeout=600,
        kernel_name="python3",
        allow_errors=True,
        extra_arguments=["--log-level=ERROR"],
        resources={"metadata": {"path": str(EXAMPLES)}},
    )
    client.execute(env={**os.environ, "TMPDIR": str(tmp)})
    return {"notebook": notebook, "tmp": tmp, "before": before, "after": _snapshot(EXAMPLES)}


def _outputs(notebook: Any) -> list[dict[str, Any]]:
    return [output for cell in notebook.cells if cell.cell_type == "code" for output in cell.outputs]


def _printed(notebook: Any) -> str:
    return "".join(o.get("text", "") for o in _outputs(notebook) if o.get("output_type") == "stream")


def test_committed_notebook_has_no_outputs() -> None:
    nbformat = pytest.importorskip("nbformat", reason="nbformat is not installed")
    notebook = nbformat.read(TUTORIAL, as_version=4)
    nbformat.validate(notebook)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert code and all(cell.outputs == [] and cell.execution_count is None for cell in code)


def test_every_cell_runs_without_error(executed: dict[str, Any]) -> None:
    errors = [
        f"cell {number}: {output['ename']}: {output['evalue']}"
        for number, cell in enumerate(executed["notebook"].cells, start=1)
        for output in cell.get("outputs", [])
        if output.get("output_type") == "error"
    ]
    assert errors == []


def test_outputs_go_to_a_printed_temporary_folder(executed: dict[str, Any]) -> None:
    found = re.search(r"^outputs: (.+)$", _printed(executed["notebook"]), re.MULTILINE)
    assert found is not None
    out = Path(found.group(1).strip())
    assert out.parent == executed["tmp"] and out.name.startswith("framing-tutorial-")
    assert {"report.html", "loaded.tsv", "my_story.csv", "tables", "figures"} <= {p.name for p in out.iterdir()}


def test_writes_nothing_into_the_repository(executed: dict[str, Any]) -> None:
    assert executed["after"] == executed["before"]


def test_report_is_written_and_its_path_shown(executed: dict[str, Any]) -> None:
    found = re.search(r"^report: (.+)$", _printed(executed["notebook"]), re.MULTILINE)
    assert found is not None
    report = Path(found.group(1).strip())
    assert report.is_file() and report.stat().st_size > 10_000
    assert "<html" in report.read_text(encoding="utf-8")[:500].lower()


def test_added_lexicon_word_raises_loaded_per_1k(executed: dict[str, Any]) -> None:
    printed = _printed(executed["notebook"])
    assert "counted as loaded: False" in printed
    found = re.search(r"Time News loaded_per_1k: ([\d.]+) before, ([\d.]+) after", printed)
    assert found is not None
    assert float(found.group(2)) > float(found.group(1))


def test_figures_are_shown_in_the_notebook(executed: dict[str, Any]) -> None:
    images = [o for o in _outputs(executed["notebook"]) if "image/png" in o.get("data", {})]
    assert len(images) >= 2
    assert any("2 Axes" in o["data"].get("text/plain", "") for o in images)


def test_input_mistake_gives_one_line_framing_error(executed: dict[str, Any]) -> None:
    lines = [line for line in _printed(executed["notebook"]).splitlines() if line.startswith("FramingError:")]
    assert len(lines) == 1
    assert "no column 'text'" in lines[0]
    assert "3 articles read from my_story_body_column.csv" in _printed(executed["notebook"])
