"""Issue 18 item 17: the seeds ship in the package, every per-sentence table names the outlet, paragraph
numbers are integers, and `framing --help` loads no stage."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

import framing
from framing import Settings, analyze, cli
from framing.compare import MAX_GROUPS
from framing.contract import TYPES, read_table
from framing.frames.coded import UNITS
from framing.read import load
from framing.run.options import BUILTIN_FRAMES, STORIES
from framing.settings import ATTRIBUTION_MODES
from tests.conftest import ROOT, SEEDS

HEAVY = ("pandas", "numpy", "sklearn", "scipy", "matplotlib")

# A story with a version that copies nothing (match_* empty) and an article whose text is empty (a problem row).
STORY = [
    {"id": "a", "source": "Wire", "story": "talks", "text": "Talks end\n\nThe minister insisted talks went well."},
    {"id": "b", "source": "Daily", "story": "talks", "text": "Talks end\n\nThe minister claimed talks went well."},
    {"id": "c", "source": "Post", "story": "storm", "text": ""},
    {"id": "d", "source": "Post", "story": "storm", "text": "Storm\n\nA storm hit the coast. Officials said it hurt."},
]


# (a) the seeds in the package


def test_seeds_in_the_package_are_the_repository_seeds() -> None:
    packaged = framing.datasets.seeds_folder()
    assert sorted(p.name for p in packaged.iterdir() if p.is_file()) == sorted(p.name for p in SEEDS.iterdir())
    assert all((packaged / p.name).read_bytes() == p.read_bytes() for p in SEEDS.iterdir())
    corpus = framing.datasets.seeds()
    assert len(corpus) == 5 and all(Path(a.input).parent == packaged for a in corpus)
    assert [replace(a, input="") for a in corpus] == [replace(a, input="") for a in load(SEEDS)]


def test_seeds_analyse_outside_the_repository(tmp_path: Path) -> None:
    code = "import framing; r = framing.analyze(framing.datasets.seeds(), progress=False); print(len(r.articles))"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}  # this checkout's framing, run from a folder with no seeds/
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "5"


# (b) the outlet on every row of sentences, attributions and terms


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_sentences_attributions_and_terms_name_the_articles_source(tmp_path: Path, fmt: str) -> None:
    if fmt == "parquet":
        pytest.importorskip("pyarrow")
    result = framing.analyze_into(STORY, tmp_path / "out", framing.RunOptions(progress=False), format=fmt)
    outlets = dict(zip(result.articles["article_id"], result.articles["source"], strict=True))
    for name in ("sentences", "attributions", "terms"):
        for table in (getattr(result, name), read_table(tmp_path / "out" / f"{name}.{fmt}")):
            assert list(table.columns[:2]) == ["article_id", "source"], name
            assert len(table) and table["source"].tolist() == table["article_id"].map(outlets).tolist(), name


def test_a_source_given_by_the_text_reaches_the_sentence_rows() -> None:
    result = framing.analyze([{"id": "x", "text": "Rain\n\nSKOPJE (AP) — It rained, officials said."}], progress=False)
    [outlet] = result.articles["source"]
    assert outlet != "x" and set(result.sentences["source"]) == set(result.attributions["source"]) == {outlet}


# (c) paragraph numbers are integers


def _whole_columns(table: str, data: pd.DataFrame) -> list[str]:
    return [c for c, kind in TYPES.get(table, {}).items() if kind == "int" and c in data.columns]


def _not_integer(table: str, data: pd.DataFrame) -> list[str]:
    return [f"{table}.{c}: {data[c].dtype}" for c in _whole_columns(table, data) if data[c].dtype.kind != "i"]


def test_whole_number_columns_are_integers_in_memory() -> None:
    result = framing.analyze(STORY, progress=False)
    assert [m for name, data in result.tables.items() for m in _not_integer(name, data)] == []
    assert str(result.frames["paragraph"].dtype) == "Int64" and result.frames["paragraph"].isna().any()
    assert str(result.paragraphs["match_paragraph"].dtype) == "Int64"


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_whole_number_columns_are_integers_when_read_back(tmp_path: Path, fmt: str) -> None:
    if fmt == "parquet":
        pytest.importorskip("pyarrow")
    framing.analyze_into(STORY, tmp_path / "out", framing.RunOptions(progress=False), format=fmt)
    read = {p.stem: read_table(p) for p in (tmp_path / "out").glob(f"*.{fmt}")}
    assert [m for name, data in read.items() for m in _not_integer(name, data)] == []
    if fmt == "parquet":  # plain pandas too: the files say the type
        plain = {p.stem: pd.read_parquet(p) for p in (tmp_path / "out").glob("*.parquet")}
        assert [m for name, data in plain.items() for m in _not_integer(name, data)] == []
    else:  # a CSV never holds "3.0" for a paragraph
        frames = pd.read_csv(tmp_path / "out" / "frames.csv", dtype=str, keep_default_na=False)
        assert all(v == "" or v.isdigit() for v in frames["paragraph"])


# (d) `framing --help` loads no stage


def _modules_after(code: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport sys\nprint(' '.join(sys.modules))"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    return set(done.stdout.split("\n")[-2].split())


def test_help_imports_no_pandas_sklearn_or_matplotlib() -> None:
    code = "from framing.cli import main\ntry:\n    main(['--help'])\nexcept SystemExit:\n    pass"
    loaded = _modules_after(code)
    assert "framing.cli" in loaded and [m for m in HEAVY if m in loaded] == []
    assert [m for m in _modules_after("import framing") if m.split(".")[0] in HEAVY] == []


def test_the_package_still_gives_every_public_name() -> None:
    names = [name for name in framing.__all__ if name != "__version__"]
    assert all(getattr(framing, name) is not None for name in names)
    assert set(framing.__all__) <= set(dir(framing))
    assert Settings is framing.settings.Settings and analyze is framing.run.analyze  # imported by name as before
    assert framing.plot is framing.present.plot and framing.datasets is framing.read.datasets
    assert callable(framing.compare) and framing.compare.estimates.__name__ == "estimates"


def test_the_commands_choices_are_the_stages() -> None:
    assert (cli.MAX_GROUPS, cli.UNITS, cli.BUILTIN_FRAMES) == (MAX_GROUPS, UNITS, BUILTIN_FRAMES)
    assert (cli.STORIES, cli.ATTRIBUTION_MODES) == (STORIES, ATTRIBUTION_MODES)


def test_from_framing_datasets_import_seeds_gives_no_deprecation_warning() -> None:
    code = "import warnings; warnings.simplefilter('error'); from framing.datasets import seeds; print(len(seeds()))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "5"
