"""The course assignment: the checker's grading rules, and the checker on solved, blank and broken notebooks."""

from __future__ import annotations

import contextlib
import copy
import importlib.util
import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
ASSIGNMENT = ROOT / "examples" / "assignment"
STARTER = ASSIGNMENT / "starter.ipynb"
SEEDS = ROOT / "seeds"


def _load_checker() -> ModuleType:
    spec = importlib.util.spec_from_file_location("assignment_check", ASSIGNMENT / "check.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    writes, sys.dont_write_bytecode = sys.dont_write_bytecode, True  # no __pycache__ in examples/
    try:
        spec.loader.exec_module(module)
    finally:
        sys.dont_write_bytecode = writes
    return module


check = _load_checker()

#: Code that answers each question with framing, put in place of the starter's placeholder cells.
SOLUTIONS: dict[str, str] = {
    "q1": """
counts = result.attributions.groupby(["article_id", "speaker"]).size()
ANSWERS["q1"] = {version: counts[ARTICLE[version]].idxmax() for version in ("000", "002", "003")}
""",
    "q2": """
cited = result.attributions[result.attributions["speaker"].str.contains("Stoltenberg")]
ANSWERS["q2"] = {
    version: sorted(set(cited.loc[cited["article_id"] == ARTICLE[version], "cue_lemma"])) for version in ("000", "002")
}
""",
    "q3": """
p = result.paragraphs
body = p[(p["article_id"] == ARTICLE["002"]) & (p["role"] == "body")]
ANSWERS["q3"] = body.loc[(body["reuse"] == "novel") & body["editorial"].eq(True), "paragraph"].tolist()
""",
    "q4": """
o = result.omissions
dropped = o[(o["article_id"] == ARTICLE["002"]) & (o["ref_article"] == ARTICLE["000"])]
quotes = result.articles.set_index("article_id")["direct_quotes"]
ANSWERS["q4"] = {
    "omitted": dropped["ref_paragraph"].tolist(),
    "quotes_lost": quotes[ARTICLE["000"]] - quotes[ARTICLE["002"]],
}
""",
    "q5": """
s = result.substitutions
pair = (s["article_a"] == ARTICLE["000"]) & (s["article_b"] == ARTICLE["002"])
swap = s[pair & (s["kind"] == "reporting_verb") & (s["category_a"] != s["category_b"])].iloc[0]
ANSWERS["q5"] = {
    "removed": swap["removed"],
    "added": swap["added"],
    "stance_before": swap["category_a"],
    "stance_after": swap["category_b"],
}
""",
    "q6": """
source = result.articles.set_index("article_id")["source"]
c = comparison.comparisons
row = c[
    (c["measure"] == "sentiment_mean_narration")
    & (c["group_a"] == source[ARTICLE["000"]])
    & (c["group_b"] == source[ARTICLE["002"]])
].iloc[0]
ANSWERS["q6"] = {
    "difference": -row["difference"],
    "p_value": row["p_value"],
    "q_value": row["q_value"],
    "significant": row["q_value"] < 0.05,
}
""",
    "q7": """
words = comparison.distinctive_terms
rewrite = result.articles.set_index("article_id")["source"][ARTICLE["002"]]
ANSWERS["q7"] = words[words["group"] == rewrite].nlargest(3, "z")["term"].tolist()
""",
    "q8": """
sim = comparison.similarity
closest = sim[sim["article_a"] == ARTICLE["000"]].sort_values("cosine").iloc[-1]
ANSWERS["q8"] = {"article": closest["article_b"], "cosine": closest["cosine"]}
""",
    "q9": """
f = result.frames
calls = f[f["paragraph"].isna()]
raw = calls.loc[calls["frame"] == "conflict", "present"].mean()
errors = result.frame_errors.set_index("frame").loc["conflict"]
ANSWERS["q9"] = {
    "frames": calls.loc[(calls["article_id"] == ARTICLE["000"]) & calls["present"], "frame"].tolist(),
    "raw_share": raw,
    "corrected_share": framing.compare.adjusted_share(
        raw, tpr=errors["sensitivity"], fpr=errors["false_positive_rate"]
    ),
}
""",
}

BROKEN_CELL = 'raise RuntimeError("this cell is broken on purpose")'
WRONG_Q8 = 'ANSWERS["q8"] = {"article": "004", "cosine": 0.5}'


# --- notebooks ---------------------------------------------------------------------------------------------------


def _placeholder(cell: Any) -> str | None:
    """The question whose placeholder ``ANSWERS["qN"] = None`` this cell holds, if any."""
    found = re.search(r'ANSWERS\["(q\d+)"\] = None', cell.source) if cell.cell_type == "code" else None
    return found.group(1) if found else None


def _notebook(replacements: dict[str, str]) -> Any:
    """The starter notebook with the placeholder cells of ``replacements`` replaced by its code."""
    import nbformat  # lazy: a dev package, needed only by the notebook tests

    notebook = nbformat.read(STARTER, as_version=4)
    for cell in notebook.cells:
        question = _placeholder(cell)
        if question in replacements:
            cell.source = replacements[question].strip()
    return notebook


def _cell_number(notebook: Any, question: str) -> int:
    return next(i for i, cell in enumerate(notebook.cells, start=1) if _placeholder(cell) == question)


@pytest.fixture(scope="module")
def kernel() -> None:
    pytest.importorskip("nbclient", reason="nbclient is not installed: the assignment notebooks cannot be run")
    pytest.importorskip("ipykernel", reason="ipykernel is not installed: the assignment notebooks cannot be run")


@pytest.fixture(scope="module")
def expected() -> dict[str, Any]:
    return check.expected_answers(SEEDS)


@pytest.fixture(scope="module")
def solved(kernel: None, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The checker's command line on a fully solved notebook: exit status, printed lines, JSON file."""
    import nbformat  # lazy: a dev package, needed only by the notebook tests

    folder = tmp_path_factory.mktemp("solved")
    path = folder / "solved.ipynb"
    nbformat.write(_notebook(SOLUTIONS), path)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        status = check.main([str(path), "--seeds", str(SEEDS), "--json", str(folder / "grades.json")])
    grades = json.loads((folder / "grades.json").read_text(encoding="utf-8"))
    return {"status": status, "lines": out.getvalue().splitlines(), "json": grades}


@pytest.fixture(scope="module")
def blank(kernel: None, expected: dict[str, Any], tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The unchanged starter, run and graded."""
    folder = tmp_path_factory.mktemp("blank")
    shutil.copy(STARTER, folder / "starter.ipynb")
    run = check.run_notebook(check.read_notebook(folder / "starter.ipynb"), folder, seeds=SEEDS)
    return run, check.grade(run.answers, expected)


@pytest.fixture(scope="module")
def broken(kernel: None, expected: dict[str, Any], tmp_path_factory: pytest.TempPathFactory) -> Any:
    """A solved notebook whose q3 cell raises and whose q8 answer is wrong, run and graded."""
    folder = tmp_path_factory.mktemp("broken")
    notebook = _notebook({**SOLUTIONS, "q3": BROKEN_CELL, "q8": WRONG_Q8})
    run = check.run_notebook(notebook, folder, seeds=SEEDS)
    return run, check.grade(run.answers, expected), _cell_number(_notebook({}), "q3")


def test_solved_notebook_gets_full_marks(solved: dict[str, Any]) -> None:
    assert solved["status"] == 0
    assert solved["json"]["total"] == solved["json"]["possible"] == 100
    assert [q["feedback"] for q in solved["json"]["questions"]] == ["correct"] * len(check.POINTS)
    assert solved["json"]["problems"] == []


def test_checker_prints_one_line_per_question_and_a_total(solved: dict[str, Any]) -> None:
    lines = solved["lines"]
    for question, possible in check.POINTS.items():
        assert any(re.match(rf"{question}\s+{possible}/{possible}\s+correct$", line) for line in lines), question
    assert lines[-1].split() == ["total", "100/100"]


def test_unchanged_starter_gets_zero_without_problems(blank: Any) -> None:
    run, marks = blank
    assert run.problems == []
    assert set(run.answers) == set(check.POINTS)
    assert sum(m.points for m in marks) == 0
    assert all("no answer" in m.feedback for m in marks)


def test_one_wrong_answer_loses_exactly_its_points(broken: Any) -> None:
    _run, marks, _cell = broken
    points = {m.question: m.points for m in marks}
    assert points["q8"] == 0
    assert "expected 001" in next(m.feedback for m in marks if m.question == "q8")
    assert all(points[q] == check.POINTS[q] for q in check.POINTS if q not in ("q3", "q8"))


def test_cell_that_raises_is_reported_and_the_rest_graded(broken: Any) -> None:
    run, marks, cell = broken
    assert run.problems == [f"cell {cell} raised RuntimeError: this cell is broken on purpose"]
    assert next(m.points for m in marks if m.question == "q3") == 0
    assert sum(m.points for m in marks) == 100 - check.POINTS["q3"] - check.POINTS["q8"]


def test_missing_notebook_exits_2_with_one_line(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(ASSIGNMENT / "check.py"), str(tmp_path / "absent.ipynb")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.strip().splitlines() == [f"check.py: {tmp_path / 'absent.ipynb'}: no such notebook"]


def test_unreadable_notebook_exits_2_with_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("nbformat", reason="nbformat is not installed")
    path = tmp_path / "garbled.ipynb"
    path.write_text("{ this is not json", encoding="utf-8")
    assert check.main([str(path), "--seeds", str(SEEDS)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "is not a readable notebook" in err[0]


# --- the committed files -----------------------------------------------------------------------------------------


def test_starter_has_a_placeholder_per_question_and_no_outputs() -> None:
    nbformat = pytest.importorskip("nbformat", reason="nbformat is not installed")
    notebook = nbformat.read(STARTER, as_version=4)
    nbformat.validate(notebook)
    assert sorted(filter(None, map(_placeholder, notebook.cells))) == sorted(check.POINTS)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert all(cell.outputs == [] and cell.execution_count is None for cell in code)


def test_handout_and_starter_state_the_checkers_points() -> None:
    handout = (ASSIGNMENT / "handout.md").read_text(encoding="utf-8")
    starter = STARTER.read_text(encoding="utf-8")
    stated = {f"q{n}": int(p) for n, p in re.findall(r"\*\*Q(\d+) \((\d+) points\)", handout)}
    assert stated == check.POINTS
    assert {f"q{n}": int(p) for n, p in re.findall(r"Q(\d+) \((\d+) points\)", starter)} == check.POINTS
    assert f"({sum(check.POINTS.values())} points)" in handout


# --- expected answers and grading rules --------------------------------------------------------------------------


def test_expected_answers_are_computed_from_the_seeds(expected: dict[str, Any]) -> None:
    assert set(expected) == set(check.POINTS)
    assert {"removed": "insisted", "added": "confirmed"}.items() <= expected["q5"][0].items()
    assert expected["q8"]["article"].startswith("001")
    assert expected["q4"]["quotes_lost"] >= 1 and expected["q3"]
    frames = expected["q9"]
    assert set(frames["frames"]) <= {"resolution", "human_interest", "conflict", "morality", "economic"}
    assert (frames["raw_share"] * 5).is_integer() and 0 <= frames["corrected_share"] <= 1
    tpr, fpr = frames["sensitivity"], frames["false_positive_rate"]
    assert frames["corrected_share"] == pytest.approx(min(1, max(0, (frames["raw_share"] - fpr) / (tpr - fpr))))


#: Expected answers in the checker's shape, written by hand so that the rules are tested apart from the toolkit.
EXPECTED: dict[str, Any] = {
    "q1": {"000": ["Jens Stoltenberg"], "002": ["Edi Rama"], "003": ["Ann Lee", "Jens Stoltenberg"]},
    "q2": {
        "000": {"insist": ["insist", "insisted"], "say": ["said", "say"]},
        "002": {"confirm": ["confirm", "confirmed", "has confirmed"]},
    },
    "q3": [3, 4],
    "q4": {"omitted": [8, 11], "quotes_lost": 2},
    "q5": [{"removed": "insisted", "added": "confirmed", "stance_before": "emphatic", "stance_after": "endorsing"}],
    "q6": {"difference": 0.3218, "p_value": 0.0712, "q_value": 0.178, "significant": False},
    "q7": {
        "top": ["albania", "cultural", "historical"],
        "accepted": ["albania", "cultural", "geopolitical", "historical"],
    },
    "q8": {"article": "001_8d56", "accepted": ["001_8d56"], "cosine": 0.9991},
    "q9": {
        "frames": ["conflict", "resolution"],
        "raw_share": 0.8,
        "corrected_share": 0.5667,
        "sensitivity": 0.912,
        "false_positive_rate": 0.6535,
    },
}

#: Right answers in other forms than the expected ones: sets, tuples, case, surnames, ids, lemmas.
EQUIVALENT: dict[str, Any] = {
    "q1": {"000_54088d3950db1dde": "jens stoltenberg", "002": "Rama", "003": "Ann Lee"},
    "q2": {"000": ("Said", "insisted"), "002": {"has confirmed"}},
    "q3": {4, 3.0},
    "q4": {"omitted": (11, 8), "quotes_lost": 2.0},
    "q5": {"removed": "Insist", "added": "confirmed", "stance_before": "Emphatic", "stance_after": "endorsing "},
    "q6": {"difference": 0.32, "p_value": 0.075, "q_value": 0.17, "significant": False},
    "q7": ["Geopolitical", "albania", "cultural"],
    "q8": {"article": "001", "cosine": 0.999},
    "q9": {"frames": ("Resolution", "CONFLICT "), "raw_share": 0.8004, "corrected_share": 0.558},
}


def _marks(answers: dict[str, Any]) -> dict[str, Any]:
    return {m.question: m for m in check.grade(answers, EXPECTED)}


def test_equivalent_forms_get_full_marks() -> None:
    marks = _marks(EQUIVALENT)
    assert {q: m.feedback for q, m in marks.items()} == {q: "correct" for q in check.POINTS}
    assert sum(m.points for m in marks.values()) == 100


@pytest.mark.parametrize(
    ("question", "answer", "hint"),
    [
        ("q1", ["Jens Stoltenberg", "Edi Rama", "Ann Lee"], "expected a dict"),
        ("q2", {"000": "said, insisted", "002": ["confirm"]}, "000: expected the verbs insist, say"),
        ("q3", "3, 4", "expected a list of paragraph numbers"),
        ("q3", [3, 4.5], "expected a list of paragraph numbers"),
        ("q4", {"omitted": [8, 11], "quotes_lost": True}, "quotes_lost: expected 2"),
        ("q6", {"difference": "0.32", "p_value": 0.0712, "q_value": 0.178, "significant": False}, "difference"),
        ("q6", {"difference": 0.3218, "p_value": 0.0712, "q_value": 0.178, "significant": 0}, "significant"),
        ("q7", "albania cultural historical", "expected a list of three words"),
        ("q8", {"article": 1, "cosine": 0.9991}, "article: expected 001"),
        ("q9", ["conflict", "resolution"], "expected a dict {'frames'"),
        ("q9", {**EQUIVALENT["q9"], "frames": "conflict, resolution"}, "frames: expected a list of frame names"),
        ("q9", {**EQUIVALENT["q9"], "frames": ["conflict", 1]}, "frames: expected a list of frame names"),
        ("q9", {**EQUIVALENT["q9"], "raw_share": "0.8"}, "raw_share: expected 0.8000"),
        ("q9", {**EQUIVALENT["q9"], "corrected_share": [0.5667]}, "one number, not a list"),
    ],
)
def test_wrong_types_are_rejected_with_feedback(question: str, answer: Any, hint: str) -> None:
    mark = _marks({**EQUIVALENT, question: answer})[question]
    assert mark.points < mark.possible
    assert hint in mark.feedback


def test_parts_earn_equal_shares_of_the_points() -> None:
    answers = copy.deepcopy(EQUIVALENT)
    answers["q1"]["002"] = "Jens Stoltenberg"
    answers["q6"]["q_value"] = 0.5
    answers["q7"] = ["albania", "kosovo"]
    answers["q9"]["frames"] = ["conflict"]
    marks = _marks(answers)
    assert (marks["q1"].points, marks["q6"].points, marks["q7"].points, marks["q9"].points) == (8, 12, 3, 6)
    assert "frames: expected conflict, resolution" in marks["q9"].feedback
    assert "002: expected Edi Rama" in marks["q1"].feedback
    assert "q_value: expected 0.1780" in marks["q6"].feedback


def test_flipped_sign_is_explained() -> None:
    answers = {**EQUIVALENT, "q6": {**EQUIVALENT["q6"], "difference": -0.3218}}
    assert "sign is flipped" in _marks(answers)["q6"].feedback


def test_frame_names_with_spaces_or_underscores_and_no_frame_at_all() -> None:
    expected = {**EXPECTED, "q9": {**EXPECTED["q9"], "frames": ["human_interest", "economic"]}}
    answers = {**EQUIVALENT, "q9": {**EQUIVALENT["q9"], "frames": ["Human Interest", "economic"]}}
    assert next(m for m in check.grade(answers, expected) if m.question == "q9").feedback == "correct"
    answers["q9"]["frames"] = {"HUMAN_INTEREST", "Economic"}
    assert next(m for m in check.grade(answers, expected) if m.question == "q9").feedback == "correct"
    nothing = {**EXPECTED, "q9": {**EXPECTED["q9"], "frames": []}}
    answers["q9"]["frames"] = []
    assert next(m for m in check.grade(answers, nothing) if m.question == "q9").feedback == "correct"


def test_shares_as_percentages_or_uncorrected_are_explained() -> None:
    answers = {**EQUIVALENT, "q9": {"frames": ["conflict", "resolution"], "raw_share": 80, "corrected_share": 0.8}}
    mark = _marks(answers)["q9"]
    assert mark.points == 3
    assert "not a percentage" in mark.feedback
    assert "that is the raw share: correct it with framing.compare.adjusted_share" in mark.feedback


def test_more_than_three_words_earn_nothing() -> None:
    mark = _marks({**EQUIVALENT, "q7": ["albania", "cultural", "historical", "geopolitical"]})["q7"]
    assert mark.points == 0


def test_missing_answers_and_a_non_dict_answers_get_zero() -> None:
    assert sum(m.points for m in check.grade({}, EXPECTED)) == 0
    assert sum(m.points for m in check.grade(["not", "a", "dict"], EXPECTED)) == 0  # type: ignore[arg-type]
