"""The floor plan holds: every module imports on its own, no import loop, no upstream arrow, small modules and
functions, imports inside functions only where marked lazy, and the documented names resolve."""

from __future__ import annotations

import importlib.util
import pkgutil
import re
import subprocess
import sys
import warnings
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import framing
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import check_layout

from framing.read import Article

MODULES = sorted(
    {"framing", *(m.name for m in pkgutil.walk_packages(framing.__path__, "framing.") if "lexicon_files" not in m.name)}
)


def _import_alone(module: str) -> tuple[str, int, str]:
    done = subprocess.run([sys.executable, "-c", f"import {module}"], capture_output=True, text=True, timeout=120)
    return module, done.returncode, done.stderr.strip().splitlines()[-1:] and done.stderr.strip().splitlines()[-1]


def test_every_module_imports_in_a_fresh_interpreter():
    with ThreadPoolExecutor(max_workers=2) as pool:
        failed = [(m, err) for m, code, err in pool.map(_import_alone, MODULES) if code != 0]
    assert not failed, failed


def test_the_stage_contracts_hold_no_loop_and_no_upstream_import():
    done = subprocess.run(
        [str(Path(sys.executable).parent / "lint-imports"), "--no-cache"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout[-2000:]
    assert "2 kept, 0 broken" in done.stdout


def test_modules_and_functions_are_small_and_imports_inside_functions_are_marked_lazy():
    assert check_layout.main() == 0


def test_the_layout_check_flags_an_unmarked_import_inside_a_function_and_a_hidden_framing_import(tmp_path):
    module = tmp_path / "probe.py"
    module.write_text(
        "def draw():\n    import matplotlib\n\n\ndef loop():\n    from framing.run import analyze  # lazy: no\n",
        encoding="utf-8",
    )
    problems = check_layout.problems_in(module)
    assert any("imports matplotlib inside a function without a '# lazy: why'" in p for p in problems)
    assert any("imports framing.run inside a function; import it at the top" in p for p in problems)


def test_the_layout_check_flags_a_long_function_but_not_its_docstring(tmp_path):
    module = tmp_path / "probe.py"
    body = "\n".join(f"    x{i} = {i}" for i in range(61))
    module.write_text(f'def long():\n    """Doc.\n\n    More doc.\n    """\n{body}\n', encoding="utf-8")
    assert check_layout.problems_in(module) == [f"{module}:1: long has 61 lines of code (at most 60)"]


def _documented_names() -> tuple[set[str], set[str]]:
    """Every ``framing.x.y`` the README, ARCHITECTURE.md and the docstrings show: the names used as attributes,
    and the modules shown in ``import`` statements."""
    texts = [(ROOT / name).read_text(encoding="utf-8") for name in ("README.md", "ARCHITECTURE.md")]
    texts += [p.read_text(encoding="utf-8") for p in (ROOT / "framing").rglob("*.py") if p.name != "deprecated.py"]
    names, imported = set(), set()
    for text in texts:
        imported.update(re.findall(r"\bimport (framing(?:\.\w+)+)", text))
        names.update(m.rstrip(".") for m in re.findall(r"(?<![\w/.])framing(?:\.\w+)+", text))
    return names - imported, imported


def test_every_dotted_name_the_docs_show_resolves_after_import_framing():
    names, imported = _documented_names()
    unresolved = []
    with warnings.catch_warnings():
        warnings.simplefilter("error", DeprecationWarning)  # the docs show no deprecated path
        for name in sorted(names):
            value: object = framing
            try:
                for part in name.split(".")[1:]:
                    value = getattr(value, part)
            except (AttributeError, DeprecationWarning):
                unresolved.append(name)
        for module in sorted(imported):
            try:
                importlib.import_module(module)
            except (ImportError, DeprecationWarning):
                unresolved.append(module)
    assert unresolved == []


def test_the_old_import_paths_work_with_a_deprecation_warning():
    for old in ("stats", "sentiment", "pipeline"):  # a first import warns
        sys.modules.pop(f"framing.{old}", None)
        framing.__dict__.pop(old, None)
    with pytest.warns(DeprecationWarning, match=r"framing\.stats moved to framing\.compare\.stats"):
        from framing.stats import bootstrap_mean_ci, stance_mix  # type: ignore[import-not-found]  # lazy: the old path must warn
    assert stance_mix is framing.compare.stance_mix and bootstrap_mean_ci is framing.compare.stats.bootstrap_mean_ci
    with pytest.warns(DeprecationWarning, match=r"framing\.sentiment moved"):
        assert framing.sentiment.toward is framing.compare.toward  # type: ignore[attr-defined]
    with pytest.warns(DeprecationWarning, match=r"framing\.pipeline moved"):
        old = importlib.import_module("framing.pipeline")
    assert old.settings_for is framing.settings_for and old.analyze is framing.analyze


def test_an_old_path_names_where_it_moved_when_a_name_is_gone():
    with pytest.warns(DeprecationWarning):
        old = importlib.import_module("framing.output")
    with pytest.raises(AttributeError, match=r"framing\.output moved to framing\.contract, which have no 'nothing'"):
        old.nothing  # noqa: B018


def test_an_unknown_name_is_still_an_attribute_error():
    with pytest.raises(AttributeError, match="has no attribute 'pipelines'"):
        framing.pipelines  # type: ignore[attr-defined]  # noqa: B018
    assert importlib.util.find_spec("framing.pipelines") is None


def test_compare_and_clean_are_stage_packages_and_their_main_functions():

    assert framing.compare.estimates.__module__ == "framing.compare.group_estimates"
    result = framing.analyze([{"id": "a", "source": "W", "text": "T\n\nRama said it rained."}])
    assert list(framing.compare(result).tables) == list(framing.compare.compare(result).tables)
    assert [b.role for b in framing.clean(Article("a", "T\n\nRama said it rained.")).blocks] == ["title", "body"]


def test_every_package_of_framing_is_in_the_wheel():
    tomllib = pytest.importorskip("tomllib", reason="tomllib needs Python 3.11")
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    found = {".".join(path.parent.relative_to(ROOT).parts) for path in (ROOT / "framing").rglob("__init__.py")}
    assert found - listed == set(), "add these packages to [tool.setuptools] packages in pyproject.toml"
