"""The run manifest: versions, lexicons, word lists, parameters and inputs of a run, without timestamps.

Two runs with the same inputs, versions and options write the same
``manifest.json``, byte for byte, so a table can always be traced to what
made it.

>>> from framing.settings import settings_for
>>> manifest = build_manifest(settings_for(), {"story": "given"}, [], {"articles": 0, "problems": 0})
>>> manifest["parameters"]["story"], manifest["lexicons"]["loaded"]["path"], manifest["problems"]
('given', 'framing:lexicons/loaded.tsv', 0)
"""

from __future__ import annotations

import platform
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from framing.about import PACKAGES, installed_version
from framing.contract import MANIFEST, write_complete_manifest
from framing.lexicons import builtin_lexicon, builtin_lexicon_names
from framing.read import InputFile
from framing.read.lexicon_files import word_list_provenance
from framing.settings import Settings

__all__ = ["MANIFEST", "build_manifest", "write_manifest"]


def build_manifest(
    settings: Settings, options: Mapping[str, Any], inputs: Sequence[InputFile], counts: Mapping[str, int]
) -> dict[str, Any]:
    """The manifest of a run: ``settings`` and the run's ``options`` (:meth:`RunOptions.manifest`), the input
    files read, and the rows of each table (``counts``)."""
    lexicons = {}
    for name, lexicon in sorted(settings.lexicons.items()):
        info = lexicon.provenance()
        if name in builtin_lexicon_names() and lexicon is builtin_lexicon(name):
            info["path"] = f"framing:lexicons/{name}.tsv"
        lexicons[name] = info
    return {
        "framing": installed_version("framing-toolkit"),
        "python": platform.python_version(),
        "packages": {name: installed_version(name) for name in PACKAGES},
        "lexicons": lexicons,
        "word_lists": word_list_provenance(),
        "parameters": {**settings.parameters(), **options},
        "inputs": [{"path": f.path, "sha256": f.sha256, "bytes": f.bytes} for f in inputs],
        "tables": dict(counts),
        "problems": counts.get("problems", 0),
    }


def write_manifest(folder: Path, manifest: Mapping[str, Any], *, format: str = "csv") -> Path:
    """Write ``manifest`` as ``manifest.json`` in ``folder`` (sorted keys, UTF-8, one trailing newline), marked
    complete, with the tables' ``format``: the last file of a run (:meth:`~framing.contract.OutputFolder.finish`).
    """
    return write_complete_manifest(folder, manifest, format=format)
