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
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from framing.corpus import Corpus
from framing.lexicons import builtin_lexicon, builtin_lexicon_names
from framing.output import TableWriter, prepare_folder
from framing.pipeline import Settings

if TYPE_CHECKING:
    from framing.stats import SpeechCounts

__all__ = ["COUNTS", "PACKAGES", "SUMMARIES", "Result", "format_summary", "summary_counts"]

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
            "framing": _version("framing-toolkit"),
            "python": platform.python_version(),
            "packages": {name: _version(name) for name in PACKAGES},
            "lexicons": lexicons,
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
        from framing.report import write_report

        return write_report(self, path, force=force)

    def compare(self, by: str = "source", **options: Any):
        """Compare groups of articles (outlets by default): see :func:`framing.compare.compare`."""
        from framing.compare import compare

        return compare(self, by, **options)

    def summaries(self, counts: SpeechCounts | None = None) -> dict[str, pd.DataFrame]:
        """Tables derived from the contract's: ``stance_mix`` (by outlet and by article),
        ``share_of_voice`` (speaker by outlet) and, for each target, ``target_tone``.

        ``counts``: the :class:`~framing.stats.SpeechCounts` of the attributions, when already made
        (then the attributions are not read).
        """
        from framing.sentiment import toward
        from framing.stats import share_of_voice, speech_counts, stance_mix

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


#: What the run summary counts (summed over batches of whole stories when tables are written as they come).
COUNTS = (
    "articles",
    "stories",
    "body_paragraphs",
    "sentences",
    "attributions",
    "direct_quotes",
    "loaded_terms",
    "editorial",
    "aligned",
    "verbatim",
    "edited",
    "paraphrase",
    "novel",
)


def summary_counts(tables: Mapping[str, pd.DataFrame]) -> Counter:
    """The numbers of the run summary for some tables (whole stories), to add up over batches."""
    articles, paragraphs = tables["articles"], tables["paragraphs"]
    attributions, terms = tables["attributions"], tables["terms"]
    body = paragraphs[paragraphs["role"] == "body"] if len(paragraphs) else paragraphs
    aligned = body[body["reuse"].notna()] if len(body) else body
    counts: Counter = Counter(dict.fromkeys(COUNTS, 0))
    counts.update(
        {
            "articles": len(articles),
            "stories": articles["story"].nunique() if len(articles) else 0,
            "body_paragraphs": len(body),
            "sentences": len(tables["sentences"]),
            "attributions": len(attributions),
            "direct_quotes": int((attributions["kind"] == "direct").sum()) if len(attributions) else 0,
            "loaded_terms": int((terms["lexicon"] == "loaded").sum()) if len(terms) else 0,
            "editorial": int(body["editorial"].eq(True).sum()) if len(body) else 0,
            "aligned": len(aligned),
        }
    )
    if len(aligned):
        counts.update(aligned["reuse"].value_counts().to_dict())
    if "cross_reuse" in tables:
        counts["cross_reuse"] = len(tables["cross_reuse"])
    return counts


_QUOTED = re.compile(r"'[^']*'")


def grouped_notes(notes: Sequence[str], examples: int = 3) -> list[str]:
    """Notes that differ only in a quoted name (a story's) folded into one line with a count.

    >>> grouped_notes(["story 'a' has one version", "story 'b' has one version", "other"])
    ["story 'a' has one version (and 1 more like it: 'b')", 'other']
    """
    groups: dict[str, list[str]] = {}
    for note in notes:
        groups.setdefault(_QUOTED.sub("'…'", note), []).append(note)
    lines = []
    for members in groups.values():
        if len(members) == 1:
            lines.append(members[0])
            continue
        names = [m for member in members[1 : 1 + examples] for m in _QUOTED.findall(member)[:1]]
        more = ", …" if len(members) - 1 > examples else ""
        lines.append(f"{members[0]} (and {len(members) - 1} more like it: {', '.join(names)}{more})")
    return lines


def format_summary(counts: Mapping[str, int], problems: pd.DataFrame, notes: Sequence[str]) -> str:
    """The run summary printed by ``framing analyze``."""
    stories = counts["stories"]
    reuse = (
        ", ".join(f"{counts[name]} {name}" for name in ("verbatim", "edited", "paraphrase", "novel"))
        if counts["aligned"]
        else "no story with two versions to align"
    )
    lines = [
        f"articles          {counts['articles']} in {stories} {'story' if stories == 1 else 'stories'}",
        f"body paragraphs   {counts['body_paragraphs']}",
        f"sentences         {counts['sentences']}",
        f"attributions      {counts['attributions']} ({counts['direct_quotes']} direct quotes)",
        f"loaded terms      {counts['loaded_terms']}",
        f"reuse             {reuse}",
        f"editorial         {counts['editorial']} paragraphs",
        f"problems          {len(problems)}",
    ]
    if counts.get("stories", 0) > 1 and "cross_reuse" in counts:
        lines.insert(6, f"across stories    {counts['cross_reuse']} pairs of paragraphs found again in another story")
    lines.extend(f"  note: {note}" for note in grouped_notes(notes))
    for problem in problems.head(MAX_PROBLEMS_SHOWN).to_dict(orient="records"):
        line = problem["line"]
        where = f"{problem['input']}:{int(line)}" if pd.notna(line) else str(problem["input"])
        lines.append(f"  {problem['severity']}: {where}: {problem['message']}")
    if len(problems) > MAX_PROBLEMS_SHOWN:
        lines.append(f"  … and {len(problems) - MAX_PROBLEMS_SHOWN} more in problems.csv")
    return "\n".join(lines)


#: The run summary lists this many problems; problems.csv holds them all.
MAX_PROBLEMS_SHOWN = 20


def _version(package: str) -> str:
    try:
        return version(package)
    except PackageNotFoundError:
        return "not installed"
