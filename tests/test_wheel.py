"""The built wheel carries the lexicons and runs on the seeds from a clean virtual environment."""

from __future__ import annotations

import site
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEEDS


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(ROOT)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    [path] = out.glob("framing_toolkit-*.whl")
    return path


def test_wheel_contains_every_lexicon(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    shipped = {Path(n).name for n in names if n.startswith("framing/lexicon_files/")}
    expected = {p.name for p in (ROOT / "lexicons").glob("*.tsv")}
    assert expected and expected <= shipped


def test_wheel_runs_analyze_from_a_clean_environment(wheel, tmp_path):
    env_dir = tmp_path / "env"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    # The clean environment gets framing from the wheel only; its dependencies (numpy, pandas, ...)
    # are borrowed read-only from this environment, so the test needs no network.
    purelib = Path(sysconfig.get_paths(vars={"base": str(env_dir), "platbase": str(env_dir)})["purelib"])
    deps = [p for p in site.getsitepackages() if Path(p).is_dir()]
    (purelib / "borrowed_dependencies.pth").write_text("\n".join(deps) + "\n")
    install = subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(wheel)],
        capture_output=True,
        text=True,
    )
    assert install.returncode == 0, install.stderr
    where = subprocess.run(
        [
            str(python),
            "-c",
            "import framing, framing.lexicons as l; print(framing.__file__); print(l.builtin_lexicon('loaded')); "
            "print('seeds', len(framing.datasets.seeds()))",
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert where.returncode == 0, where.stderr
    assert str(purelib) in where.stdout and "Lexicon('loaded'" in where.stdout
    assert "seeds 5" in where.stdout  # the seed articles ship in the wheel (framing.datasets.seeds())
    done = subprocess.run(
        [str(env_dir / "bin" / "framing"), "analyze", str(SEEDS), "--out", str(tmp_path / "out")],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert "articles          5 in 1 story" in done.stdout
    assert (tmp_path / "out" / "terms.csv").read_text().count("\n") > 10
