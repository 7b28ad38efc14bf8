"""The result of a run: its tables and manifest, held as they were made, and ways to save and show them.

A :class:`Result` measures nothing: the run made every table, the summaries
(``stance_mix``, ``share_of_voice``, ``target_tone``) included, before the
result was built.

>>> from framing.run.pipeline import analyze
>>> result = analyze([{"id": "a", "text": "Rain\\n\\nIt rained.", "source": "AP"}])
>>> sorted(result.tables)[:3], result.manifest()["tables"]["articles"]
(['alignments', 'articles', 'attributions'], 1)
>>> "articles" in result.summary()
True
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

import pandas as pd

from framing.compare import Comparison, compare
from framing.contract import OutputFolder, TableWriter
from framing.present.report import write_report
from framing.present.summary import format_summary, summary_counts
from framing.read import Corpus
from framing.settings import Settings

__all__ = ["SUMMARIES", "Result"]

#: Tables derived from the contract's, made at the end of a run and available as attributes too
#: (``result.share_of_voice``); ``target_tone`` only when targets were given.
SUMMARIES = ("stance_mix", "share_of_voice", "speakers", "target_tone")


@dataclass(frozen=True)
class Result:
    """The tables of one run (``result.articles``, ``result.sentences``, …), its manifest, and what made them.

    Attributes
    ----------
    tables
        Every table by name: the contract's, ``cross_reuse``, ``stories``, ``problems`` and the summaries.
    corpus, settings
        The articles read and the settings they were measured with.
    run_manifest
        What :meth:`manifest` returns and ``manifest.json`` holds.
    notes
        Notes for the run summary (a story with one version, ...).
    counts
        The run summary's numbers when the tables were written as they came (else counted from the tables).
    saved_to
        The folder the tables were written to as they came (:func:`~framing.run.pipeline.analyze_into`).
    """

    tables: Mapping[str, pd.DataFrame]
    corpus: Corpus
    settings: Settings
    run_manifest: Mapping[str, Any]
    notes: tuple[str, ...] = ()
    counts: Counter | None = None
    saved_to: Path | None = None

    def __getattr__(self, name: str) -> pd.DataFrame:
        tables = self.__dict__.get("tables", {})
        if name in tables:
            return tables[name]
        if name in SUMMARIES:
            raise AttributeError(f"no {name}: analyze with targets={{NAME: [ALIASES]}} (--target) to measure it")
        raise AttributeError(f"Result has no table or attribute {name!r}; tables are {', '.join(tables)}")

    @property
    def options(self) -> dict[str, Any]:
        """The run's options as the manifest records them (``max_chars``, ``columns``, ``targets``, ``story``)."""
        parameters = self.run_manifest["parameters"]
        return {name: parameters[name] for name in ("max_chars", "columns", "targets", "story")}

    def manifest(self) -> dict[str, Any]:
        """Versions, lexicons, word lists, parameters, inputs and table sizes of this run (no timestamps: reruns
        are identical)."""
        return dict(self.run_manifest)

    def summaries(self) -> dict[str, pd.DataFrame]:
        """The tables derived from the contract's (:data:`SUMMARIES`) that this run made."""
        return {name: self.tables[name] for name in SUMMARIES if name in self.tables}

    def __repr__(self) -> str:
        sizes = ", ".join(f"{name}={len(table)}" for name, table in self.tables.items())
        where = f", saved to {self.saved_to}" if self.saved_to else ""
        return f"Result({sizes}{where})"

    def _repr_html_(self) -> str:
        """A small table of counts for notebooks (problems and where the files went included)."""
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

    def save(self, out: str | Path, *, force: bool = False, format: str = "csv") -> list[Path]:
        """Write every table (CSV, or Parquet with ``format="parquet"``) and ``manifest.json``; return the files.

        ``out`` must be new, empty, or a folder framing wrote before; anything
        else needs ``force=True``.  As in a run, the folder is locked while it
        is written, the tables of framing's previous run there are removed and
        ``manifest.json`` comes last (:class:`~framing.contract.OutputFolder`).
        """
        here = self.saved_to is not None and Path(out).resolve() == self.saved_to.resolve()
        tables = dict(self.tables) if here else self.tables  # read before the folder's tables are removed
        with OutputFolder.open(Path(out), force=force) as output:
            writer = TableWriter(output.path, format)
            output.begin()
            for name, table in tables.items():
                writer.write(name, table)
            written = writer.close()
            return [*written, output.finish(self.run_manifest, format=format)]

    def report(self, path: str | Path, *, force: bool = False) -> Path:
        """Write the side-by-side HTML report to ``path`` (one file; a large one an index, with a page per story in
        ``NAME_files/`` beside it); return it."""
        return write_report(self, path, force=force)

    def compare(self, by: str = "source", **options: Any) -> Comparison:
        """Compare groups of articles (outlets by default): see :func:`framing.compare.compare`."""
        return compare(self, by, **options)

    def summary(self) -> str:
        """A short plain-text account of the run."""
        counts = self.counts if self.counts is not None else summary_counts(self.tables)
        return format_summary(counts, self.tables["problems"], self.notes)
