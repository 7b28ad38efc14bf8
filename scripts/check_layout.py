"""Check the floor plan of the framing package: module and function sizes, and imports made inside functions.

    python scripts/check_layout.py            # exit status 1 and one line per problem when a rule is broken

The rules (ARCHITECTURE.md says why):

- a module has at most ``MAX_MODULE_LINES`` lines;
- a function has at most ``MAX_FUNCTION_LINES`` lines of code (its docstring not counted);
- an import inside a function is allowed only for a third-party package loaded lazily on purpose, and says
  why on its line or the line above with a ``# lazy:`` comment; a framing module is never imported there
  (an import made late to hide an import loop is the loop).

The tests, benchmarks, scripts and examples keep the last rule's marker too: an import inside a function
there says why (a dev package, the import a test checks, a module read in a child process).

Import loops and arrows that point upstream are checked by import-linter (``lint-imports``, contracts in
``pyproject.toml``).
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "framing"
MAX_MODULE_LINES = 600
MAX_FUNCTION_LINES = 60
#: Folders outside the package whose imports inside functions must say why, too.
OTHERS = ("tests", "benchmarks", "scripts", "examples")


def _code_lines(node: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    """Lines from the first statement after the docstring to the end of the function."""
    body = node.body
    first = body[0]
    has_docstring = (
        isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str)
    )
    start = body[1].lineno if has_docstring and len(body) > 1 else first.lineno
    return (node.end_lineno or node.lineno) - start + 1


def _inner_imports(node: ast.AST) -> list[ast.Import | ast.ImportFrom]:
    found = []
    for child in ast.walk(node):
        if child is not node and isinstance(child, (ast.Import, ast.ImportFrom)):
            found.append(child)
    return found


def problems_in(path: Path, *, package: bool = True) -> list[str]:
    """The rules ``path`` breaks, one line each (outside the package, ``package=False``: only the marker)."""
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    where = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
    out = []
    if package and len(lines) - 1 > MAX_MODULE_LINES:
        out.append(f"{where}: {len(lines) - 1} lines; split it (at most {MAX_MODULE_LINES})")
    tree = ast.parse(text)
    for node in ast.walk(tree):
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        length = _code_lines(node)
        if package and length > MAX_FUNCTION_LINES:
            out.append(f"{where}:{node.lineno}: {node.name} has {length} lines of code (at most {MAX_FUNCTION_LINES})")
        for imported in _inner_imports(node):
            module = imported.module if isinstance(imported, ast.ImportFrom) else imported.names[0].name
            if package and (module or "").split(".")[0] == "framing":
                out.append(
                    f"{where}:{imported.lineno}: {node.name} imports {module} inside a function; import it at the top"
                )
                continue
            marked = "# lazy:" in lines[imported.lineno - 1] or "# lazy:" in lines[imported.lineno - 2]
            if not marked:
                out.append(
                    f"{where}:{imported.lineno}: {node.name} imports {module} inside a function without a "
                    "'# lazy: why' comment"
                )
    return out


def main() -> int:
    problems = [p for path in sorted(PACKAGE.rglob("*.py")) for p in problems_in(path)]
    for folder in OTHERS:
        problems += [p for path in sorted((ROOT / folder).rglob("*.py")) for p in problems_in(path, package=False)]
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
