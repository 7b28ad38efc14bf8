"""Grade an assignment notebook: run it, read its ANSWERS, compare them with answers computed from the seeds.

Usage (from the repository root, with framing installed)::

    python examples/assignment/check.py STUDENT.ipynb [--seeds DIR] [--json FILE] [--timeout SECONDS]

The expected answers are computed here, from the seeds, with the installed
framing, so they follow the toolkit when it changes; numbers are compared with
a tolerance and equivalent forms are accepted (any case, a list or a set, a
surname for a full name, a lemma for a verb).  The notebook runs top to bottom
in its own folder with ``FRAMING_SEEDS`` set to the seeds; a cell that raises is
reported with its number and the run goes on, so the other answers are still
graded.  One line per question and a total are printed.

Exit status: 0 when grading completed (whatever the score); 2, with one line,
when the notebook or the seeds are missing or unreadable; 1 when the expected
answers cannot be computed (a broken toolkit, not a student's mistake).

The grading logic is importable: :func:`expected_answers`, :func:`grade`,
:func:`run_notebook`.
"""

from __future__ import annotations

import argparse
import json
import math
import numbers
import os
import re
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import framing

#: Points per question; every question splits its points equally between its parts.
POINTS: dict[str, int] = {
    "q1": 12,
    "q2": 10,
    "q3": 10,
    "q4": 12,
    "q5": 12,
    "q6": 16,
    "q7": 9,
    "q8": 10,
    "q9": 9,
}
#: Absolute tolerances for numeric answers.
TOLERANCE: dict[str, float] = {
    "difference": 0.005,
    "p_value": 0.01,
    "q_value": 0.01,
    "cosine": 0.005,
    "raw_share": 0.005,
    "corrected_share": 0.01,
}
#: The environment variable that tells the notebook where the seeds are.
SEEDS_ENV = "FRAMING_SEEDS"
#: The versions each keyed question asks about.
Q1_VERSIONS = ("000", "002", "003")
Q2_VERSIONS = ("000", "002")
REWRITE, ORIGINAL = "002", "000"
#: The frame whose share over the versions Q9 asks about.
Q9_FRAME = "conflict"

_MARKER = "FRAMING-CHECK-ANSWERS:"
#: Run after the student's cells: prints ANSWERS as JSON, one value at a time so that one odd value spoils no other.
_ANSWERS_CELL = f"""
import json as _check_json


def _check_plain(value):
    if isinstance(value, (set, frozenset)):
        return sorted(value, key=str)
    if hasattr(value, "tolist"):
        return value.tolist()
    return str(value)


_check_answers = {{}}
for _check_key, _check_value in dict(globals().get("ANSWERS") or {{}}).items():
    try:
        _check_answers[str(_check_key)] = _check_json.loads(_check_json.dumps(_check_value, default=_check_plain))
    except Exception as _check_error:
        _check_answers[str(_check_key)] = f"<unreadable value: {{_check_error}}>"
print({_MARKER!r} + _check_json.dumps(_check_answers))
"""


# --- expected answers --------------------------------------------------------------------------------------------


def find_seeds(start: Path) -> Path | None:
    """The ``seeds`` folder (one holding ``manifest.csv``) in ``start`` or the nearest folder above it."""
    start = start.resolve()
    for folder in [start, *start.parents]:
        if (folder / "seeds" / "manifest.csv").is_file():
            return folder / "seeds"
    return None


def expected_answers(seeds: Path) -> dict[str, Any]:
    """Every question's expected answer, computed from the seeds with the installed framing."""
    result = framing.analyze(seeds)
    comparison = framing.compare(result)
    ids = _version_ids(result.articles["article_id"])
    return {
        "q1": _top_speakers(result.attributions, ids),
        "q2": _stoltenberg_verbs(result.attributions, ids),
        "q3": _editorial_additions(result.paragraphs, ids[REWRITE]),
        "q4": _omissions(result.omissions, result.articles, ids),
        "q5": _stance_swaps(result.substitutions, ids),
        "q6": _tone_difference(comparison.comparisons, result.articles, ids),
        "q7": _distinctive(comparison.distinctive_terms, result.articles, ids[REWRITE]),
        "q8": _near_copy(comparison.similarity, ids[ORIGINAL]),
        "q9": _frames(result.frames, result.frame_errors, ids[ORIGINAL]),
    }


def _flag(value: Any) -> bool:
    """A true/false column's value, as read from memory (``True``) or from a CSV file (``"True"``, ``1``)."""
    return str(value).strip().lower() in ("true", "1", "1.0")


def _version_ids(article_ids: Iterable[str]) -> dict[str, str]:
    """Seed article ids by their three-digit prefix: ``{"000": "000_54088d3950db1dde", ...}``."""
    return {str(a)[:3]: str(a) for a in article_ids}


def _require(found: Any, question: str, what: str) -> Any:
    """``found``, unless it is empty: then the toolkit no longer gives what the question needs."""
    if found is None or (hasattr(found, "__len__") and len(found) == 0):
        raise ValueError(f"cannot compute the expected answer to {question}: {what}")
    return found


def _top_speakers(attributions: Any, ids: Mapping[str, str]) -> dict[str, list[str]]:
    """Per version, the speakers with the most attributions (several when they tie)."""
    out = {}
    named = attributions["speaker"].fillna("").astype(str).str.strip().ne("")
    for version in Q1_VERSIONS:
        rows = attributions[(attributions["article_id"] == ids[version]) & named]
        counts = rows["speaker"].value_counts()
        out[version] = _require(sorted(counts[counts == counts.max()].index), "q1", f"no speakers in {version}")
    return out


def _stoltenberg_verbs(attributions: Any, ids: Mapping[str, str]) -> dict[str, dict[str, list[str]]]:
    """Per version, each reporting verb (``cue_lemma``) that cites Stoltenberg, with the forms accepted for it."""
    out = {}
    his = attributions[attributions["speaker"].str.contains("stoltenberg", case=False)]
    for version in Q2_VERSIONS:
        verbs: dict[str, set[str]] = {}
        for lemma, cue in his.loc[his["article_id"] == ids[version], ["cue_lemma", "cue"]].itertuples(index=False):
            verbs.setdefault(_norm(lemma), {_norm(lemma)}).update({_norm(cue), _norm(cue).split()[-1]})
        _require(verbs, "q2", f"Stoltenberg is not cited in {version}")
        out[version] = {lemma: sorted(forms) for lemma, forms in sorted(verbs.items())}
    return out


def _editorial_additions(paragraphs: Any, rewrite: str) -> list[int]:
    rows = paragraphs[
        (paragraphs["article_id"] == rewrite)
        & (paragraphs["role"] == "body")
        & (paragraphs["reuse"] == "novel")
        & paragraphs["editorial"].map(_flag)
    ]
    return _require(sorted(int(p) for p in rows["paragraph"]), "q3", "002 has no novel editorial paragraph")


def _omissions(omissions: Any, articles: Any, ids: Mapping[str, str]) -> dict[str, Any]:
    rows = omissions[(omissions["article_id"] == ids[REWRITE]) & (omissions["ref_article"] == ids[ORIGINAL])]
    quotes = articles.set_index("article_id")["direct_quotes"]
    return {
        "omitted": _require(sorted(int(p) for p in rows["ref_paragraph"]), "q4", "002 omits nothing of 000"),
        "quotes_lost": int(quotes[ids[ORIGINAL]]) - int(quotes[ids[REWRITE]]),
    }


def _stance_swaps(substitutions: Any, ids: Mapping[str, str]) -> list[dict[str, str]]:
    """Reporting-verb swaps between 000 and 002 that change the stance, oriented from 000 to 002."""
    swaps = []
    for row in substitutions[substitutions["kind"] == "reporting_verb"].to_dict(orient="records"):
        pair = (row["article_a"], row["article_b"])
        if pair not in ((ids[ORIGINAL], ids[REWRITE]), (ids[REWRITE], ids[ORIGINAL])):
            continue
        before, after = ("a", "b") if pair[0] == ids[ORIGINAL] else ("b", "a")
        removed, added = (row["removed"], row["added"]) if before == "a" else (row["added"], row["removed"])
        swap = {
            "removed": _norm(removed),
            "added": _norm(added),
            "stance_before": _norm(row[f"category_{before}"]),
            "stance_after": _norm(row[f"category_{after}"]),
        }
        if swap["stance_before"] != swap["stance_after"]:
            swaps.append(swap)
    return _require(swaps, "q5", "no reporting-verb swap between 000 and 002 changes the stance")


def _tone_difference(comparisons: Any, articles: Any, ids: Mapping[str, str]) -> dict[str, Any]:
    source = articles.set_index("article_id")["source"]
    original, rewrite = source[ids[ORIGINAL]], source[ids[REWRITE]]
    rows = comparisons[comparisons["measure"] == "sentiment_mean_narration"]
    for row in rows.to_dict(orient="records"):
        if {row["group_a"], row["group_b"]} == {original, rewrite}:
            sign = 1.0 if row["group_a"] == rewrite else -1.0
            return {
                "difference": sign * float(row["difference"]),
                "p_value": float(row["p_value"]),
                "q_value": float(row["q_value"]),
                "significant": bool(float(row["q_value"]) < 0.05),
            }
    raise ValueError("cannot compute the expected answer to q6: no sentiment_mean_narration comparison of 000 and 002")


def _distinctive(terms: Any, articles: Any, rewrite: str) -> dict[str, Any]:
    group = articles.set_index("article_id")["source"][rewrite]
    rows = terms[terms["group"] == group].sort_values("z", ascending=False)
    _require(rows if len(rows) >= 3 else None, "q7", "fewer than three distinctive terms for 002")
    third = float(rows["z"].iloc[2])
    return {
        "top": [str(t) for t in rows["term"].iloc[:3]],
        "accepted": sorted(str(t) for t in rows.loc[rows["z"] >= third - 1e-9, "term"]),
    }


def _near_copy(similarity: Any, original: str) -> dict[str, Any]:
    rows = _require(similarity[similarity["article_a"] == original], "q8", "000 has no similarity rows")
    best = float(rows["cosine"].max())
    return {
        "article": str(rows.loc[rows["cosine"].idxmax(), "article_b"]),
        "accepted": sorted(str(a) for a in rows.loc[rows["cosine"] >= best - 1e-9, "article_b"]),
        "cosine": best,
    }


def _frames(frames: Any, errors: Any, original: str) -> dict[str, Any]:
    """The frames called present in 000, and the share of the versions with Q9_FRAME present, raw and corrected."""
    articles = frames[frames["paragraph"].isna()]  # the article rows; paragraph rows have a number
    present = articles["present"].map(_flag).astype(bool)
    _require(articles[articles["article_id"] == original], "q9", "frames.csv has no article rows for 000")
    calls = _require(present[articles["frame"] == Q9_FRAME], "q9", f"frames.csv has no {Q9_FRAME} rows")
    row = _require(errors[errors["frame"] == Q9_FRAME], "q9", f"frame_errors has no {Q9_FRAME} row").iloc[0]
    tpr, fpr = float(row["sensitivity"]), float(row["false_positive_rate"])
    raw = float(calls.mean())
    corrected = float(framing.compare.adjusted_share(raw, tpr=tpr, fpr=fpr))
    if not math.isfinite(corrected):
        raise ValueError(f"cannot compute the expected answer to q9: {Q9_FRAME}'s error rates cannot correct a share")
    return {
        "frames": sorted(str(f) for f in articles.loc[(articles["article_id"] == original) & present, "frame"]),
        "raw_share": raw,
        "corrected_share": corrected,
        "sensitivity": tpr,
        "false_positive_rate": fpr,
    }


# --- reading answers ---------------------------------------------------------------------------------------------


def _norm(value: Any) -> str:
    """Text for comparison: case-folded, straight apostrophes, single spaces, ``_`` as a space."""
    text = str(value).replace("’", "'").replace("_", " ")
    return " ".join(text.casefold().split())


def _text(value: Any) -> str | None:
    return _norm(value) if isinstance(value, str) and value.strip() else None


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        return None
    return float(value)


def _integer(value: Any) -> int | None:
    number = _number(value)
    return int(number) if number is not None and math.isfinite(number) and number.is_integer() else None


def _items(value: Any) -> list[Any] | None:
    """A list, tuple or set as a list (a string is not a collection of answers)."""
    return list(value) if isinstance(value, (list, tuple, set, frozenset)) else None


def _by_version(value: Any) -> dict[str, Any] | None:
    """A dict keyed by version, with a full article id as key accepted for its three-digit prefix."""
    if not isinstance(value, Mapping):
        return None
    out = {}
    for key, item in value.items():
        found = re.match(r"\s*(\d{3})", str(key))
        out[found.group(1) if found else str(key)] = item
    return out


def _shown(value: Any, width: int = 60) -> str:
    """``repr(value)``, cut to ``width`` characters."""
    text = repr(value)
    return text if len(text) <= width else text[: width - 1] + "…"


def _kind(value: Any) -> str:
    return "nothing" if value is None else type(value).__name__


# --- grading -----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Mark:
    """The grade of one question: points earned out of possible, and what was expected when wrong."""

    question: str
    points: int
    possible: int
    feedback: str


#: A question's parts: (correct, what was expected when it is not), in equal shares of its points.
Parts = list[tuple[bool, str]]


def grade(answers: Mapping[str, Any], expected: Mapping[str, Any]) -> list[Mark]:
    """One :class:`Mark` per question for the student's ``answers`` (the notebook's ANSWERS dict)."""
    marks = []
    for question, possible in POINTS.items():
        answer = answers.get(question) if isinstance(answers, Mapping) else None
        if answer is None:
            marks.append(Mark(question, 0, possible, f"no answer (ANSWERS[{question!r}] is None or missing)"))
            continue
        parts = GRADERS[question](answer, expected[question])
        right = sum(ok for ok, _ in parts)
        points = possible * right // len(parts)
        wrong = list(dict.fromkeys(why for ok, why in parts if not ok))
        marks.append(Mark(question, points, possible, "correct" if not wrong else "; ".join(wrong)))
    return marks


def _grade_q1(answer: Any, expected: Mapping[str, list[str]]) -> Parts:
    given = _by_version(answer)
    if given is None:
        return [(False, f"expected a dict {{'000': name, '002': name, '003': name}}, got {_kind(answer)}")] * 3
    parts = []
    for version, names in expected.items():
        name = _text(given.get(version))
        ok = name is not None and any(name in (_norm(n), _norm(n).split()[-1]) for n in names)
        parts.append((ok, f"{version}: expected {' or '.join(names)}, got {_shown(given.get(version))}"))
    return parts


def _grade_q2(answer: Any, expected: Mapping[str, Mapping[str, list[str]]]) -> Parts:
    given = _by_version(answer)
    if given is None:
        return [(False, f"expected a dict {{'000': [verbs], '002': [verbs]}}, got {_kind(answer)}")] * 2
    parts = []
    for version, verbs in expected.items():
        items = _items(given.get(version))
        lemmas = [_lemma_of(_text(v), verbs) for v in items] if items is not None else [None]
        ok = None not in lemmas and set(lemmas) == set(verbs)
        parts.append((ok, f"{version}: expected the verbs {', '.join(verbs)}, got {_shown(given.get(version))}"))
    return parts


def _lemma_of(word: str | None, verbs: Mapping[str, list[str]]) -> str | None:
    """The expected verb that ``word`` is a form of ("confirmed" and "has confirmed" for "confirm")."""
    return next((lemma for lemma, forms in verbs.items() if word in forms), None)


def _paragraph_set(value: Any) -> set[int] | None:
    items = _items(value)
    if items is None:
        return None
    numbers_ = [_integer(v) for v in items]
    return None if any(n is None for n in numbers_) else {n for n in numbers_ if n is not None}


def _grade_q3(answer: Any, expected: list[int]) -> Parts:
    given = _paragraph_set(answer)
    if given is None:
        return [(False, f"expected a list of paragraph numbers (int), got {_shown(answer)}")]
    return [(given == set(expected), f"expected the paragraphs {expected}, got {sorted(given)}")]


def _grade_q4(answer: Any, expected: Mapping[str, Any]) -> Parts:
    if not isinstance(answer, Mapping):
        return [(False, f"expected a dict {{'omitted': [int], 'quotes_lost': int}}, got {_kind(answer)}")] * 2
    omitted = _paragraph_set(answer.get("omitted"))
    lost = _integer(answer.get("quotes_lost"))
    return [
        (
            omitted == set(expected["omitted"]),
            f"omitted: expected {expected['omitted']}, got {_shown(answer.get('omitted'))}",
        ),
        (
            lost == expected["quotes_lost"],
            f"quotes_lost: expected {expected['quotes_lost']}, got {_shown(answer.get('quotes_lost'))}",
        ),
    ]


def _same_word(given: str | None, word: str) -> bool:
    """The word as in the table, or its stem as a lemma gives it ("insist" for "insisted")."""
    return given is not None and (
        given == word or (len(given) >= 3 and word.startswith(given) and len(word) - len(given) <= 3)
    )


def _grade_q5(answer: Any, expected: list[dict[str, str]]) -> Parts:
    keys = ("removed", "added", "stance_before", "stance_after")
    if not isinstance(answer, Mapping):
        return [(False, f"expected a dict with keys {', '.join(keys)}, got {_kind(answer)}")] * 4
    best: Parts = []
    for swap in expected:
        parts = [
            (
                _same_word(_text(answer.get(k)), swap[k])
                if k in ("removed", "added")
                else _text(answer.get(k)) == swap[k],
                f"{k}: expected {swap[k]!r}, got {_shown(answer.get(k))}",
            )
            for k in keys
        ]
        if not best or sum(ok for ok, _ in parts) > sum(ok for ok, _ in best):
            best = parts
    return best


def _close(value: Any, target: float, tolerance: float) -> bool:
    number = _number(value)
    return number is not None and abs(number - target) <= tolerance


def _grade_q6(answer: Any, expected: Mapping[str, Any]) -> Parts:
    if not isinstance(answer, Mapping):
        keys = "difference, p_value, q_value, significant"
        return [(False, f"expected a dict with keys {keys}, got {_kind(answer)}")] * 4
    parts = []
    for key in ("difference", "p_value", "q_value"):
        why = f"{key}: expected {expected[key]:.4f} (± {TOLERANCE[key]}), got {_shown(answer.get(key))}"
        if key == "difference" and _close(answer.get(key), -expected[key], TOLERANCE[key]) and expected[key]:
            why += " (the sign is flipped: 002 minus 000)"
        parts.append((_close(answer.get(key), expected[key], TOLERANCE[key]), why))
    significant = answer.get("significant")
    parts.append(
        (
            isinstance(significant, bool) and significant == expected["significant"],
            f"significant: expected {expected['significant']} (is q_value < 0.05?), got {_shown(significant)}",
        )
    )
    return parts


def _grade_q7(answer: Any, expected: Mapping[str, list[str]]) -> Parts:
    items = _items(answer)
    words = list(dict.fromkeys(_text(v) for v in items)) if items is not None else None
    top = ", ".join(expected["top"])
    if words is None or None in words or len(words) > 3:
        return [(False, f"expected a list of three words ({top}), got {_shown(answer)}")] * 3
    parts = [(w in expected["accepted"], f"{w!r} is not among the top three ({top})") for w in words]
    return parts + [(False, f"three words expected, got {len(words)} ({top})")] * (3 - len(words))


def _grade_q8(answer: Any, expected: Mapping[str, Any]) -> Parts:
    if not isinstance(answer, Mapping):
        return [(False, f"expected a dict {{'article': id, 'cosine': float}}, got {_kind(answer)}")] * 2
    article = _text(answer.get("article"))
    ok = article is not None and any(article in (_norm(a), _norm(a)[:3]) for a in expected["accepted"])
    return [
        (
            ok,
            f"article: expected {expected['article'][:3]} ({expected['article']}), got {_shown(answer.get('article'))}",
        ),
        (
            _close(answer.get("cosine"), expected["cosine"], TOLERANCE["cosine"]),
            f"cosine: expected {expected['cosine']:.4f} (± {TOLERANCE['cosine']}), got {_shown(answer.get('cosine'))}",
        ),
    ]


def _grade_q9(answer: Any, expected: Mapping[str, Any]) -> Parts:
    if not isinstance(answer, Mapping):
        form = "{'frames': [names], 'raw_share': float, 'corrected_share': float}"
        return [(False, f"expected a dict {form}, got {_kind(answer)}")] * 3
    items = _items(answer.get("frames"))
    names = [_text(v) for v in items] if items is not None else [None]
    wanted = ", ".join(expected["frames"]) or "none (an empty list)"
    why = f"frames: expected {wanted}, got {_shown(answer.get('frames'))}"
    if None in names:
        why = f"frames: expected a list of frame names ({wanted}), got {_shown(answer.get('frames'))}"
    parts = [(None not in names and set(names) == {_norm(f) for f in expected["frames"]}, why)]
    for key in ("raw_share", "corrected_share"):
        given, target, tolerance = answer.get(key), expected[key], TOLERANCE[key]
        why = f"{key}: expected {target:.4f} (± {tolerance}), got {_shown(given)}"
        if (_number(given) or 0.0) > 1 and _close((_number(given) or 0.0) / 100, target, tolerance):
            why += " (a share is between 0 and 1, not a percentage)"
        elif isinstance(given, list) and len(given) == 1:
            why += " (one number, not a list: take the frame_errors row's values with .iloc[0] or .loc)"
        elif key == "corrected_share" and _close(given, expected["raw_share"], tolerance):
            why += (
                f" (that is the raw share: correct it with framing.compare.adjusted_share, tpr = {Q9_FRAME}'s "
                f"sensitivity {expected['sensitivity']:.3f}, fpr = its false_positive_rate "
                f"{expected['false_positive_rate']:.3f})"
            )
        parts.append((_close(given, target, tolerance), why))
    return parts


GRADERS: dict[str, Callable[[Any, Any], Parts]] = {
    "q1": _grade_q1,
    "q2": _grade_q2,
    "q3": _grade_q3,
    "q4": _grade_q4,
    "q5": _grade_q5,
    "q6": _grade_q6,
    "q7": _grade_q7,
    "q8": _grade_q8,
    "q9": _grade_q9,
}


# --- running the notebook ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    """What running a notebook gave: its ANSWERS (as JSON values) and one line per problem."""

    answers: dict[str, Any]
    problems: list[str]


def read_notebook(path: Path) -> Any:
    """The notebook at ``path``; raises ``ValueError`` with a one-line reason when it cannot be read."""
    import nbformat  # lazy: a dev package, loaded only to read a notebook

    if not path.is_file():
        raise ValueError(f"{path}: no such notebook")
    try:
        notebook = nbformat.read(path, as_version=4)
        nbformat.validate(notebook)
    except Exception as error:
        reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise ValueError(f"{path} is not a readable notebook ({reason})") from None
    return notebook


def run_notebook(notebook: Any, folder: Path, *, seeds: Path, timeout: int = 600, kernel: str = "python3") -> Run:
    """Run ``notebook`` top to bottom in ``folder`` (cell errors do not stop it) and read its ANSWERS."""
    import nbclient  # lazy: a dev package, loaded only to run a notebook
    import nbformat  # lazy: as above

    cells = len(notebook.cells)
    notebook.cells.append(nbformat.v4.new_code_cell(_ANSWERS_CELL))
    started: list[int] = []
    client = nbclient.NotebookClient(
        notebook,
        timeout=timeout,
        kernel_name=kernel,
        allow_errors=True,
        interrupt_on_timeout=True,
        extra_arguments=["--log-level=ERROR"],
        resources={"metadata": {"path": str(folder)}},
        on_cell_start=lambda cell, cell_index: started.append(cell_index + 1),
    )
    problems = []
    try:
        client.execute(env={**os.environ, SEEDS_ENV: str(seeds)})
    except Exception as error:  # a dead kernel, a missing kernel: grade whatever ran
        where = f" in cell {started[-1]}" if started and started[-1] <= cells else ""
        problems.append(f"the notebook stopped{where}: {type(error).__name__}: {_first_line(error)}")
    for number, cell in enumerate(notebook.cells[:cells], start=1):
        for output in cell.get("outputs", []):
            if output.get("output_type") != "error":
                continue
            if output.get("ename") == "KeyboardInterrupt":
                problems.append(f"cell {number} ran longer than {timeout} s and was stopped")
            else:
                problems.append(f"cell {number} raised {output.get('ename')}: {_first_line(output.get('evalue'))}")
    answers = _printed_answers(notebook.cells[cells])
    if answers is None:
        problems.append("could not read ANSWERS from the notebook: every question is graded as unanswered")
    return Run(answers or {}, problems)


def _printed_answers(cell: Any) -> dict[str, Any] | None:
    for output in cell.get("outputs", []):
        for line in str(output.get("text", "")).splitlines():
            if line.startswith(_MARKER):
                try:
                    answers = json.loads(line[len(_MARKER) :])
                except ValueError:
                    return None
                return answers if isinstance(answers, dict) else None
    return None


def _first_line(value: Any) -> str:
    text = re.sub(r"\x1b\[[0-9;]*m", "", str(value or "")).strip()
    return text.splitlines()[0] if text else ""


# --- command line ------------------------------------------------------------------------------------------------


def report(marks: Sequence[Mark], problems: Sequence[str]) -> str:
    """The lines the checker prints: problems, one line per question, the total."""
    lines = list(problems)
    lines += [f"{m.question}  {m.points:>2}/{m.possible:<2}  {m.feedback}" for m in marks]
    lines.append(f"total  {sum(m.points for m in marks)}/{sum(m.possible for m in marks)}")
    return "\n".join(lines)


def _arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Grade an assignment notebook on the framing seeds.")
    parser.add_argument("notebook", type=Path, help="the student's .ipynb file")
    parser.add_argument("--seeds", type=Path, help="the seeds folder (default: the nearest seeds/ above the notebook)")
    parser.add_argument("--json", type=Path, help="also write the grades to this JSON file")
    parser.add_argument("--timeout", type=int, default=600, help="seconds a cell may run (default 600)")
    parser.add_argument("--kernel", default="python3", help="Jupyter kernel to run the notebook with")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Grade one notebook; see the module docstring for the exit status."""
    args = _arguments(argv)
    try:
        notebook = read_notebook(args.notebook)
    except ValueError as error:
        print(f"check.py: {error}", file=sys.stderr)
        return 2
    seeds = args.seeds or find_seeds(args.notebook.parent) or find_seeds(Path(__file__).parent)
    if seeds is None or not (seeds / "manifest.csv").is_file():
        print(
            f"check.py: no seeds folder with manifest.csv at {seeds or 'or above the notebook'}; pass --seeds DIR",
            file=sys.stderr,
        )
        return 2
    try:
        expected = expected_answers(seeds)
    except Exception as error:
        print(f"check.py: cannot compute the expected answers from {seeds}: {_first_line(error)}", file=sys.stderr)
        return 1
    run = run_notebook(
        notebook, args.notebook.resolve().parent, seeds=seeds.resolve(), timeout=args.timeout, kernel=args.kernel
    )
    marks = grade(run.answers, expected)
    print(f"{args.notebook}: graded against {seeds}")
    print(report(marks, run.problems))
    if args.json:
        payload = {
            "notebook": str(args.notebook),
            "seeds": str(seeds),
            "total": sum(m.points for m in marks),
            "possible": sum(m.possible for m in marks),
            "questions": [asdict(m) for m in marks],
            "problems": run.problems,
            "answers": run.answers,
        }
        args.json.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
