"""The result of an analysis: the contract's tables, the run manifest, and saving them.

>>> from framing.pipeline import analyze
>>> result = analyze([{"id": "a", "text": "Rain\\n\\nIt rained.", "source": "AP"}])
>>> sorted(result.tables)[:3]
['alignments', 'articles', 'attributions']
>>> "articles" in result.summary()
True
"""

from __future__ import annotations

import json
import platform
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import pandas as pd

from framing.corpus import Corpus
from framing.lexicons import builtin_lexicon, builtin_lexicon_names
from framing.output import prepare_folder, write_table
from framing.pipeline import Settings

__all__ = ["PACKAGES", "SUMMARIES", "Result"]

#: Packages whose versions go into the run manifest (results can depend on them).
PACKAGES = (
    "framing-toolkit",
    "numpy",
    "pandas",
    "scipy",
    "scikit-learn",
    "nltk",
    "vaderSentiment",
    "matplotlib",
    "rapidfuzz",
    "jinja2",
    "tqdm",
)


#: Tables derived from the contract's, available as attributes too (``result.share_of_voice``).
SUMMARIES = ("stance_mix", "share_of_voice", "target_tone")


class Result:
    """Tables of one run (``result.articles``, ``result.sentences``, …) and how they were made."""

    def __init__(
        self,
        tables: dict[str, pd.DataFrame],
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
    def manifest(self) -> dict[str, Any]:
        """Versions, lexicons, parameters and inputs of this run (no timestamps: reruns are identical)."""
        lexicons = {}
        for name, lexicon in sorted(self.settings.lexicons.items()):
            info = lexicon.provenance()
            if name in builtin_lexicon_names() and lexicon is builtin_lexicon(name):
                info["path"] = f"framing:lexicons/{name}.tsv"
            lexicons[name] = info
        return {
            "framing": _version("framing-toolkit"),
            "python": platform.python_version(),
            "packages": {name: _version(name) for name in PACKAGES},
            "lexicons": lexicons,
            "parameters": {**self.settings.parameters(), **self.options},
            "inputs": [{"path": f.path, "sha256": f.sha256, "bytes": f.bytes} for f in self.corpus.inputs],
            "tables": {name: len(table) for name, table in self.tables.items()},
            "problems": len(self.tables["problems"]),
        }

    # -- output -------------------------------------------------------------------------
    def save(self, out: str | Path, *, force: bool = False) -> list[Path]:
        """Write every table as CSV plus ``manifest.json`` into ``out``; return the files written.

        ``out`` must be new, empty, or a folder framing wrote before; anything
        else needs ``force=True``.
        """
        folder = prepare_folder(Path(out), force=force)
        tables = {**self.tables, **self.summaries()}
        written = [write_table(table, folder / f"{name}.csv") for name, table in tables.items()]
        manifest = folder / "manifest.json"
        manifest.write_text(
            json.dumps(self.manifest(), indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        self.saved_to = folder
        return [*written, manifest]

    def report(self, path: str | Path, *, force: bool = False) -> Path:
        """Write the side-by-side HTML report (one self-contained file) to ``path``; return it."""
        from framing.report import write_report

        return write_report(self, path, force=force)

    def compare(self, by: str = "source", **options: Any):
        """Compare groups of articles (outlets by default): see :func:`framing.compare.compare`."""
        from framing.compare import compare

        return compare(self, by, **options)

    def summaries(self) -> dict[str, pd.DataFrame]:
        """Tables derived from the contract's: ``stance_mix`` (by outlet and by article),
        ``share_of_voice`` (speaker by outlet) and, for each target, ``target_tone``."""
        from framing.sentiment import toward
        from framing.stats import share_of_voice, stance_mix

        out = {
            "stance_mix": pd.concat(
                [stance_mix(self, by="source"), stance_mix(self, by="article_id")], ignore_index=True
            ),
            "share_of_voice": share_of_voice(self),
        }
        targets = self.options.get("targets") or {}
        if targets:
            out["target_tone"] = pd.concat(
                [toward(self, name, aliases) for name, aliases in targets.items()], ignore_index=True
            )
        return out

    def summary(self) -> str:
        """A short plain-text account of the run."""
        articles = self.tables["articles"]
        paragraphs = self.tables["paragraphs"]
        terms = self.tables["terms"]
        attributions = self.tables["attributions"]
        problems = self.tables["problems"]
        stories = articles["story"].nunique() if len(articles) else 0
        lines = [
            f"articles          {len(articles)} in {stories} {'story' if stories == 1 else 'stories'}",
            f"body paragraphs   {int((paragraphs['role'] == 'body').sum()) if len(paragraphs) else 0}",
            f"sentences         {len(self.tables['sentences'])}",
            f"attributions      {len(attributions)} ({int((attributions['kind'] == 'direct').sum())} direct quotes)",
            f"loaded terms      {int((terms['lexicon'] == 'loaded').sum()) if len(terms) else 0}",
            f"reuse             {self._reuse_summary()}",
            f"editorial         {int(paragraphs['editorial'].fillna(False).astype(bool).sum())} paragraphs",
            f"problems          {len(problems)}",
        ]
        lines.extend(f"  note: {note}" for note in self.notes)
        for problem in problems.to_dict(orient="records"):
            line = problem["line"]
            where = f"{problem['input']}:{int(line)}" if pd.notna(line) else str(problem["input"])
            lines.append(f"  {problem['severity']}: {where}: {problem['message']}")
        return "\n".join(lines)

    def _reuse_summary(self) -> str:
        body = self.tables["paragraphs"]
        body = body[(body["role"] == "body") & body["reuse"].notna()]
        if body.empty:
            return "no story with two versions to align"
        counts = body["reuse"].value_counts()
        return ", ".join(f"{int(counts.get(name, 0))} {name}" for name in ("verbatim", "edited", "paraphrase", "novel"))


def _version(package: str) -> str:
    try:
        return version(package)
    except PackageNotFoundError:
        return "not installed"
