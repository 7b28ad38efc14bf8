"""Fuzzing the read stage and the pipeline with small hostile corpora; the counts go to the README.

    .venv/bin/python benchmarks/fuzz.py [--corpora 3000] [--analyze-every 10] [--seed 18]

Each corpus is read with ``framing.load``; every ``--analyze-every``-th one is also analysed into a results
folder (``analyze_into``, CSV or Parquet tables).  Counted: corpora, articles put in, articles read, problem
rows, one-line ``FramingError``s (a whole input refused), crashes (any other exception) and articles lost
(neither read nor named in problems.csv).  Writes ``benchmarks/results/fuzz.json``.  ``tests/test_fuzz.py``
runs the same strategies on a few hundred corpora in ``make test``.

A corpus is a folder of ``.txt`` files (odd names, bytes that are not UTF-8, UTF-16/32, binary, empty files,
links that loop, dangle or lead outside), a CSV (odd cells: quotes, commas, line breaks, formulas, NULs; with
a quote added or removed in some), or a JSONL file (odd values: lists, numbers, nulls, lone surrogates, lines
that are not JSON).  ``write_corpus`` writes one and returns what was put in, so that ``lost`` can say which
inputs are neither read nor listed.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import re
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import seed as random_seed
from hypothesis import strategies as st

from framing.problems import FramingError, writable
from framing.read import Corpus, load
from framing.run.pipeline import analyze_into

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"

SENTENCES = [
    "Talks on the Riverton dam collapsed on Tuesday, officials said.",
    "“We did everything we could,” Water Minister Ana Pereira said after the meeting.",
    "Critics slammed the regime's reckless handling of the crisis.",
    'The mayor said: "The spillway could fail."',
    "Engineers have warned that the dam is unsafe, according to a report.",
]
ODD_CELLS = ['"', '""', ",", "\n", "\r", "\r\n", "\t", "=1+2", "@SUM(A1)", " ", 'a"b', '"quoted"', "NaN", "null", ""]
NAME_CHARS = [*"aAbB é-_ ()'字", "\udce9", "\udcff", "\u202e", "\t", "\n", "~2"]
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-32", "utf-16-le", "cp1252", "raw"]

texts = st.one_of(
    st.lists(st.sampled_from(SENTENCES), max_size=4).map(" ".join),
    st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=3).map("\n\n".join),
    st.text(max_size=40),
)
cells = st.one_of(st.sampled_from(ODD_CELLS), st.text(max_size=12), st.sampled_from(SENTENCES))
surrogates = st.characters(categories=["Cs"])
names = st.lists(st.sampled_from(NAME_CHARS), min_size=1, max_size=6).map("".join)


@dataclass
class Written:
    """What was put in: the input path, its kind, and per article the key ``lost`` looks for."""

    path: Path
    kind: str
    #: folder: each file's path (its id if read); table: each record's physical lines (first, last).
    files: list[tuple[Path, str]] = field(default_factory=list)
    records: list[tuple[int, int]] = field(default_factory=list)


def _encode(text: str, how: str, raw: bytes) -> bytes:
    if how == "raw":
        return raw
    return text.encode(how, errors="replace" if how == "cp1252" else "surrogatepass")


@st.composite
def folders(draw: Any) -> dict[str, Any]:
    """A folder: up to 6 files in up to 2 sub-folders, and maybe a link."""
    files = []
    for _ in range(draw(st.integers(1, 6))):
        folder = draw(st.sampled_from(["", "s1", draw(names)]))
        suffix = draw(st.sampled_from([".txt", ".txt", ".txt", ".TXT", ".md", ""]))
        how = draw(st.sampled_from(ENCODINGS))
        files.append((folder, draw(names) + suffix, draw(texts), how, draw(st.binary(max_size=40))))
    link = draw(st.sampled_from([None, None, "loop", "dangling", "outside", "folder"]))
    return {"kind": "folder", "files": files, "link": link}


@st.composite
def tables(draw: Any, kind: str) -> dict[str, Any]:
    """A CSV or JSONL file of up to 6 records with odd cells (and, in some, a quote added or removed)."""
    rows = []
    for _ in range(draw(st.integers(1, 6))):
        ident = draw(st.one_of(cells, surrogates)) if kind == "jsonl" else draw(cells)
        if kind == "jsonl":
            text: Any = draw(st.one_of(texts, st.lists(texts, max_size=3), st.integers(), st.none(), surrogates))
        else:
            text = draw(st.one_of(texts, cells))
        rows.append((ident, text, draw(cells)))
    return {
        "kind": kind,
        "rows": rows,
        "mutation": draw(st.sampled_from([None, None, "add", "remove"])),
        "at": draw(st.integers(0, 10_000)),
        "encoding": draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32", "cp1252"])),
        "garbage": draw(st.one_of(st.none(), st.text(max_size=20))),
    }


corpora_strategy = st.one_of(folders(), tables("csv"), tables("jsonl"))


def write_corpus(spec: dict[str, Any], root: Path) -> Written:
    """Write the corpus ``spec`` (drawn from ``corpora_strategy``) under ``root``."""
    root.mkdir(parents=True, exist_ok=True)
    if spec["kind"] == "folder":
        return _write_folder(spec, root / "in")
    return _write_table(spec, root / f"news.{spec['kind']}")


def _write_folder(spec: dict[str, Any], root: Path) -> Written:
    written = Written(root, "folder")
    root.mkdir(parents=True)
    for folder, name, text, how, raw in spec["files"]:
        path = root / folder / name
        if path.exists() or name in (".", ".."):
            continue
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError:  # a file of that name is there already
            continue
        path.write_bytes(_encode(text, how, raw))
        written.files.append((path, "file"))
    link = spec["link"]
    if link is not None:
        path = root / f"link-{link}.txt"
        target = {
            "loop": path,
            "dangling": root / "nowhere.txt",
            "outside": root.parent / "outside.txt",
            "folder": root.parent,
        }[link]
        if link == "outside":
            target.write_text(SENTENCES[0], encoding="utf-8")
        path.symlink_to(target)
        written.files.append((path, link))
    return written


def _write_table(spec: dict[str, Any], path: Path) -> Written:
    written = Written(path, spec["kind"])
    if spec["kind"] == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(["id", "text", "source"])
        lines = [buffer.getvalue()]
        for row in spec["rows"]:
            buffer.seek(0)
            buffer.truncate()
            writer.writerow(row)
            lines.append(buffer.getvalue())
    else:
        lines = [json.dumps({"id": i, "text": t, "source": s}) + "\n" for i, t, s in spec["rows"]]
        if spec["garbage"] is not None:
            lines.insert(len(lines) // 2, spec["garbage"].replace("\n", " ").replace("\r", " ") + "\n")
    text = "".join(lines)
    text = _mutate(text, spec["mutation"], spec["at"])
    position = len(lines[0]) if spec["kind"] == "csv" else 0
    for line in lines[1:] if spec["kind"] == "csv" else lines:
        first = _breaks(text[:position]) + 1
        position += len(line)
        if line.strip():  # a blank line is no article (the garbage line may be one)
            written.records.append((first, max(first, _breaks(text[:position].rstrip("\r\n")) + 1)))
    encoding = spec["encoding"] if spec["kind"] == "csv" else "utf-8"
    path.write_bytes(text.encode(encoding, errors="replace" if encoding == "cp1252" else "surrogatepass"))
    return written


def _mutate(text: str, mutation: str | None, at: int) -> str:
    """``text`` with a quote added at, or the quote nearest after, position ``at`` removed (length kept the same
    by a space, so that the records keep their places)."""
    if mutation is None:
        return text
    at = at % max(1, len(text))
    if mutation == "add":
        return text[:at] + '"' + text[at + 1 :] if text[at : at + 1] not in ("\r", "\n") else text
    found = text.find('"', at)
    return text if found < 0 else text[:found] + " " + text[found + 1 :]


def _breaks(text: str) -> int:
    return len(re.findall(r"\r\n|\r|\n", text))


def lost(written: Written, corpus: Corpus) -> list[str]:
    """The inputs put in that are neither among ``corpus``'s articles nor named by one of its problems."""
    listed = {p.input for p in corpus.problems}
    if written.kind == "folder":
        ids = {a.article_id for a in corpus.articles}
        missing = []
        for path, how in written.files:
            relative = path.relative_to(written.path)
            if any(part.startswith(".") for part in relative.parts):
                continue  # hidden files are skipped, as documented
            read = how in ("file", "outside") and path.suffix.lower() == ".txt"
            if (
                not (read and writable(relative.with_suffix("").as_posix()) in ids)
                and writable(str(path)) not in listed
            ):
                missing.append(os.fsencode(path).decode("utf-8", "backslashreplace"))
        return missing
    lines = {int(a.input.rsplit(":", 1)[1]) for a in corpus.articles}
    lines |= {p.line for p in corpus.problems if p.line is not None}
    whole_file = any(p.line is None and p.severity == "error" for p in corpus.problems)
    return [
        f"{written.path.name} lines {first}-{last}"
        for first, last in written.records
        if not whole_file and not lines & set(range(first, last + 1))
    ]


def put_in(written: Written) -> int:
    """How many articles (files or records) were put in."""
    return len(written.files) + len(written.records)


def check_analysis(written: Written, corpus: Corpus, out: Path, format: str) -> list[str]:
    """Analyse the input into ``out``; the ids of ``corpus`` that are neither in the articles table nor named
    by a problem row."""
    result = analyze_into(written.path, out, format=format, frames=None, attribution="rules")
    ids = set(result.articles["article_id"].astype(str)) if len(result.articles) else set()
    listed = " ".join(result.problems["input"].astype(str)) if len(result.problems) else ""
    return [a.article_id for a in corpus.articles if a.article_id not in ids and repr(a.article_id) not in listed]


def fuzz_one(spec: dict[str, Any], work: Path, *, analyze: bool, format: str = "csv") -> dict[str, Any]:
    """Write, read (and with ``analyze`` analyse) one corpus; what happened, as counts and messages."""
    written = write_corpus(spec, work)
    outcome: dict[str, Any] = {"articles": put_in(written), "read": 0, "problems": 0, "framing_errors": 0}
    outcome.update(lost=[], crash="")
    try:
        corpus = load(written.path)
        outcome.update(read=len(corpus), problems=len(corpus.problems), lost=lost(written, corpus))
        if analyze and len(corpus):
            outcome["lost"] += check_analysis(written, corpus, work / "out", format)
    except FramingError as exc:
        outcome["framing_errors"] = 1
        if "\n" in str(exc).strip() and "\n" not in str(written.path):
            outcome["crash"] = f"FramingError of several lines: {exc}"
    except Exception as exc:  # the point of fuzzing: any other exception is a crash, counted and shown
        outcome["crash"] = f"{type(exc).__name__}: {exc}"
    return outcome


def run(corpora: int, analyze_every: int, seed: int, work: Path) -> dict[str, Any]:
    """Fuzz ``corpora`` corpora; the counts, and the first few crashes and losses."""
    names = ("corpora", "analyzed", "articles", "read", "problems", "framing_errors", "crashes", "lost")
    totals = dict.fromkeys(names, 0)
    examples: list[str] = []

    @settings(
        max_examples=corpora,
        deadline=None,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(spec=corpora_strategy, format=st.sampled_from(["csv", "parquet"]))
    def one(spec: dict[str, Any], format: str) -> None:
        number = totals["corpora"]
        totals["corpora"] += 1
        folder = work / f"c{number}"
        outcome = fuzz_one(spec, folder, analyze=number % analyze_every == 0, format=format)
        for name in ("articles", "read", "problems", "framing_errors"):
            totals[name] += outcome[name]
        totals["crashes"] += bool(outcome["crash"])
        totals["lost"] += len(outcome["lost"])
        totals["analyzed"] += number % analyze_every == 0
        if (outcome["crash"] or outcome["lost"]) and len(examples) < 10:
            examples.append(f"{outcome['crash']} {outcome['lost']} in {spec!r}"[:2000])
        shutil.rmtree(folder, ignore_errors=True)

    random_seed(seed)(one)()
    return {**totals, "seed": seed, "examples": examples}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpora", type=int, default=3000)
    parser.add_argument("--analyze-every", type=int, default=10, help="analyse every N-th corpus too (default 10)")
    parser.add_argument("--seed", type=int, default=18)
    parser.add_argument("--results", type=Path, default=RESULTS)
    args = parser.parse_args()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as work:
        counts = run(args.corpora, args.analyze_every, args.seed, Path(work))
    counts["seconds"] = round(time.perf_counter() - started, 1)
    counts["command"] = f"benchmarks/fuzz.py --corpora {args.corpora} --analyze-every {args.analyze_every}"
    args.results.mkdir(parents=True, exist_ok=True)
    (args.results / "fuzz.json").write_text(json.dumps(counts, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps({k: v for k, v in counts.items() if k != "examples"}))
    for example in counts["examples"]:
        print(example)


if __name__ == "__main__":
    main()
