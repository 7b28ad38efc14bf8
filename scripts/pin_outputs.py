"""The outputs of framing on the seeds, pinned: sha256 of every table, figure and the report.

    python scripts/pin_outputs.py          # rewrite tests/pinned/seeds.json from this code's outputs

``tests/test_pinned_outputs.py`` runs the same commands and compares.  Rewrite
the pinned hashes only in a commit that says why the outputs changed.  The
manifest is pinned without what depends on the machine (paths, the versions
of Python and of the packages): its parameters, lexicons, word lists and
table sizes.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PINNED = ROOT / "tests" / "pinned" / "seeds.json"
#: Every run pinned, as the arguments of the ``framing`` command (OUT stands for the output folder).
RUNS = {
    "analyze": [
        "analyze",
        "seeds",
        "--out",
        "OUT/tables",
        "--figures",
        "OUT/figures",
        "--report",
        "OUT/report.html",
        "--target",
        "Serbia=Serbian,Belgrade",
        "--quiet",
    ],
    "compare": ["compare", "OUT/tables", "--by", "source", "--out", "OUT/comparison", "--quiet"],
}


def run_all(out: Path) -> None:
    """Run every command of :data:`RUNS` into ``out``."""
    for arguments in RUNS.values():
        command = [sys.executable, "-m", "framing.cli", *(a.replace("OUT", str(out)) for a in arguments)]
        subprocess.run(command, cwd=ROOT, check=True, capture_output=True, text=True)


def stable_manifest(path: Path) -> dict:
    """The parts of a manifest that do not depend on the machine."""
    manifest = json.loads(path.read_text(encoding="utf-8"))
    lexicons = {name: {k: v for k, v in info.items() if k != "path"} for name, info in manifest["lexicons"].items()}
    keep = {"parameters": manifest["parameters"], "lexicons": lexicons, "word_lists": manifest["word_lists"]}
    return {**keep, "tables": manifest["tables"], "problems": manifest["problems"]}


def fingerprint(out: Path) -> dict:
    """sha256 of every output file under ``out`` (by relative path), and the stable part of each manifest."""
    files = {}
    for path in sorted(p for p in out.rglob("*") if p.is_file()):
        name = path.relative_to(out).as_posix()
        if name.endswith("manifest.json"):
            files[name] = stable_manifest(path)
        else:
            files[name] = hashlib.sha256(path.read_bytes()).hexdigest()
    return files


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        run_all(Path(folder))
        PINNED.write_text(json.dumps(fingerprint(Path(folder)), indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {PINNED.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
