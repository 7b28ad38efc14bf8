"""The result of an analysis: the contract's tables, the run manifest, and saving them.

>>> from framing.run.pipeline import analyze
>>> result = analyze([{"id": "a", "text": "Rain\\n\\nIt rained.", "source": "AP"}])
>>> sorted(result.tables)[:3]
['alignments', 'articles', 'attributions']
>>> "articles" in result.summary()
True
"""

from __future__ import annotations

import json
import platform
from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from framing.about import PACKAGES, installed_version
from framing.contract.files import TableWriter, prepare_folder
from framing.lexicons import builtin_lexicon, builtin_lexicon_names
from framing.present.summary import format_summary, summary_counts
from framing.read.corpus import Corpus
from framing.read.lexicon_files import word_list_provenance
from framing.settings import Settings

if TYPE_CHECKING:
    from framing.compare.voices import SpeechCounts

__all__ = ["SUMMARIES", "Result"]


#: Tables derived from the contract's, available as attributes too (``result.share_of_voice``).
SUMMARIES = ("stance_mix", "share_of_voice", "target_tone")


class Result:
    """Tables of one run (``result.articles``, ``result.sentences``, …) and how they were made."""

    def __init__(
        self,
        tables: Mapping[str, pd.DataFrame],
        corpus: Corpus,
        settings: Settings,
        options: dict[str, Any],
        notes: list[str] | None = None,
    ):
        self.tables = tables
        self.corpus = corpus
        self.settings = settings
        self.options = options
        self.notes = list(notes or [])
        self.saved_to: Path | None = None
        #: The summary's numbers when the tables were written as they came (else counted from the tables).
        self.counts: Counter | None = None

    def __getattr__(self, name: str) -> pd.DataFrame:
        tables = self.__dict__.get("tables", {})
        if name in tables:
            return tables[name]
        if name in SUMMARIES and "tables" in self.__dict__:
            summaries = self.summaries()
            if name in summaries:
                return summaries[name]
            raise AttributeError(f"no {name}: analyze with targets={{NAME: [ALIASES]}} (--target) to measure it")
        raise AttributeError(
            f"Result has no table or attribute {name!r}; tables are {', '.join([*tables, *SUMMARIES])}"
        )

    def __repr__(self) -> str:
        sizes = ", ".join(f"{name}={len(table)}" for name, table in self.tables.items())
        where = f", saved to {self.saved_to}" if self.saved_to else ""
        return f"Result({sizes}{where})"

    def _repr_html_(self) -> str:
        """A small table of counts for notebooks (problems and where the files went included)."""
        from html import escape

        cells = "".join(
            f"<tr><td>{escape(name)}</td><td style='text-align:right'>{len(table)}</td></tr>"
            for name, table in self.tables.items()
        )
        problems = self.tables["problems"]
        notes = "".join(
            f"<li>{escape(str(p['severity']))}: {escape(str(p['input']))}: {escape(str(p['message']))}</li>"
            for p in problems.head(10).to_dict(orient="records")
        )
        more = f"<li>… and {len(problems) - 10} more in result.problems</li>" if len(problems) > 10 else ""
        where = f"<p>saved to <code>{escape(str(self.saved_to))}</code></p>" if self.saved_to else ""
        return (
            "<div><strong>framing Result</strong>"
            f"<table><tr><th>table</th><th>rows</th></tr>{cells}</table>"
            + (f"<p>problems:</p><ul>{notes}{more}</ul>" if len(problems) else "<p>no problems</p>")
            + where
            + "</div>"
        )

    # -- provenance ------------------------------------------------------------------
    def manifest(self, counts: Mapping[str, int] | None = None) -> dict[str, Any]:
        """Versions, lexicons, parameters and inputs of this run (no timestamps: reruns are identical).

        ``counts``: the rows written of each table, when they are known (then
        tables streamed to a folder are not read back to count them).
        """
        tables = dict(counts) if counts is not None else {name: len(table) for name, table in self.tables.items()}
        lexicons = {}
        for name, lexicon in sorted(self.settings.lexicons.items()):
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
            "parameters": {**self.settings.parameters(), **self.options},
            "inputs": [{"path": f.path, "sha256": f.sha256, "bytes": f.bytes} for f in self.corpus.inputs],
            "tables": tables,
            "problems": tables["problems"] if "problems" in tables else len(self.tables["problems"]),
        }

    # -- output -------------------------------------------------------------------------
    def save(self, out: str | Path, *, force: bool = False, format: str = "csv") -> list[Path]:
        """Write every table (CSV, or Parquet with ``format="parquet"``) and ``manifest.json``; return the files.

        ``out`` must be new, empty, or a folder framing wrote before; anything
        else needs ``force=True``.
        """
        folder = prepare_folder(Path(out), force=force)
        writer = TableWriter(folder, format)
        for name, table in self.tables.items():
            writer.write(name, table)
        for name, table in self.summaries().items():
            writer.write(name, table)
        written = writer.close()
        self.saved_to = folder
        return [*written, self.write_manifest(folder, writer.counts)]

    def write_manifest(self, folder: Path, counts: Mapping[str, int]) -> Path:
        """Write ``manifest.json`` with the rows written of each table (``counts``)."""
        path = folder / "manifest.json"
        manifest = self.manifest(counts)
        path.write_text(json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
        return path

    def report(self, path: str | Path, *, force: bool = False) -> Path:
        """Write the side-by-side HTML report (one self-contained file) to ``path``; return it."""
        from framing.present.report.page import write_report

        return write_report(self, path, force=force)

    def compare(self, by: str = "source", **options: Any):
        """Compare groups of articles (outlets by default): see :func:`framing.compare.compare`."""
        from framing.compare.groups import compare

        return compare(self, by, **options)

    def summaries(self, counts: SpeechCounts | None = None) -> dict[str, pd.DataFrame]:
        """Tables derived from the contract's: ``stance_mix`` (by outlet and by article),
        ``share_of_voice`` (speaker by outlet) and, for each target, ``target_tone``.

        ``counts``: the :class:`~framing.stats.SpeechCounts` of the attributions, when already made
        (then the attributions are not read).
        """
        from framing.compare.tone import toward
        from framing.compare.voices import share_of_voice, speech_counts, stance_mix

        counts = counts if counts is not None else speech_counts(self.attributions, self.articles)
        out = {
            "stance_mix": pd.concat(
                [stance_mix(self, "source", counts), stance_mix(self, "article_id", counts)], ignore_index=True
            ),
            "share_of_voice": share_of_voice(self, counts),
        }
        targets = self.options.get("targets") or {}
        if targets:
            out["target_tone"] = pd.concat(
                [toward(self, name, aliases) for name, aliases in targets.items()], ignore_index=True
            )
        return out

    def summary(self) -> str:
        """A short plain-text account of the run."""
        counts = self.counts if self.counts is not None else summary_counts(self.tables)
        return format_summary(counts, self.tables["problems"], self.notes)
