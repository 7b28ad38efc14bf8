"""The compare stage at once: estimates, pairwise comparisons, distinctive terms and similarity, saved together.

>>> import framing
>>> calm = "T\\n\\nTalks went well. Both sides agreed. The minister said it was good."
>>> grim = "T\\n\\nTalks collapsed in chaos. Fury grew. The minister claimed it was a disaster."
>>> result = framing.analyze([{"id": "a", "source": "Wire", "text": calm}, {"id": "b", "source": "B", "text": grim}])
>>> comparison = compare(result)
>>> comparison
Comparison(by='source', estimates=60, comparisons=34, distinctive_terms=4, similarity=2, frame_prevalence=10)
>>> print(comparison.summary())
compared by source: 2 groups
  q-values: Benjamini-Hochberg over every test of the run (7 tests)
  designs: sentences of one article (34 rows)
  no difference with q < 0.05
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from framing.compare.contrasts import comparisons
from framing.compare.frame_prevalence import frame_measures, frame_prevalence
from framing.compare.group_estimates import MIN_ARTICLES, estimates
from framing.compare.grouping import MAX_GROUPS
from framing.compare.matched import MIN_SHARED_STORIES
from framing.compare.measures import article_groups, group_order, measures_for
from framing.compare.stats import BOOTSTRAP_RESAMPLES, PERMUTATION_RESAMPLES
from framing.compare.version_similarity import similarity
from framing.compare.words import distinctive_terms
from framing.contract import TableSource, prepare_folder, tables_of, write_table
from framing.settings import SentimentRules

__all__ = ["Comparison", "compare"]


@dataclass
class Comparison:
    """The compare stage's tables (``estimates``, ``comparisons``, ``distinctive_terms``, ``similarity`` and, for a
    run with frames, ``frame_prevalence``)."""

    tables: dict[str, pd.DataFrame]
    parameters: dict[str, Any]
    notes: list[str] = field(default_factory=list)

    def __getattr__(self, name: str) -> pd.DataFrame:
        tables = self.__dict__.get("tables", {})
        if name in tables:
            return tables[name]
        raise AttributeError(f"Comparison has no table {name!r}; tables are {', '.join(tables)}")

    def __repr__(self) -> str:
        sizes = ", ".join(f"{name}={len(table)}" for name, table in self.tables.items())
        return f"Comparison(by={self.parameters['by']!r}, {sizes})"

    def save(self, out: str | Path, *, force: bool = False) -> list[Path]:
        """Write the tables as CSV and ``comparison.json`` (parameters and notes) into ``out``."""
        folder = prepare_folder(Path(out), force=force)
        written = [write_table(table, folder / f"{name}.csv") for name, table in self.tables.items()]
        info = folder / "comparison.json"
        info.write_text(
            json.dumps(
                {"parameters": self.parameters, "notes": self.notes, "files": [path.name for path in written]},
                indent=2,
                sort_keys=True,
            )
            + "\n",
            encoding="utf-8",
        )
        return [*written, info]

    def summary(self, top: int = 10) -> str:
        """The clearest differences in words: the ``top`` comparisons with a q-value below 0.05.

        Each line gives the direction (which group is higher, or for counts
        the categories that differ most), the design and the family the
        q-value is corrected over.
        """
        table = self.tables["comparisons"]
        parameters = self.parameters
        within = f" within {parameters['within']}" if parameters.get("within") else ""
        lines = [f"compared by {parameters['by']}{within}: {parameters['groups']} groups"]
        if len(table):
            tested = int(table["p_value"].notna().sum())
            lines.append(f"  q-values: {parameters.get('q_values', '')} ({tested} tests)")
            designs = table["design"].value_counts()
            lines.append("  designs: " + ", ".join(f"{name} ({count} rows)" for name, count in designs.items()))
        lines.extend(f"  note: {note}" for note in self.notes)
        strong = table[table["q_value"].astype(float) < 0.05]
        strong = strong.sort_values(["q_value", "p_value", "measure"], kind="stable")
        lines.extend(f"  {_finding(row)}" for row in strong.head(top).to_dict(orient="records"))
        if len(strong) > top:
            lines.append(f"  … and {len(strong) - top} more with q < 0.05 in comparisons.csv")
        if strong.empty and len(table):
            lines.append("  no difference with q < 0.05")
        return "\n".join(lines)


def _finding(row: Mapping[Any, Any]) -> str:
    """One comparisons row in words: direction, design, p, q and effect size."""
    stratum = f" [{row['within']}]" if row.get("within") else ""
    design = f"{row['design']}, {row['n_units']} {row['unit']}"
    numbers = f"p={row['p_value']:.3g}, q={row['q_value']:.3g}"
    if row["effect_measure"] == "cramers_v":
        # the statistic is the share distance only for the permutation tests of articles; else the exact test's own
        by = f" by {row['statistic']:.2f}" if str(row["test"]).startswith("permutation") else f" ({row['test']})"
        return (
            f"{row['measure']}{stratum}: {row['group_a']} vs {row['group_b']} mix differs{by}, "
            f"most in {str(row['categories']).split('; ')[0]} ({design}; {numbers}, V={row['effect_size']:.2f})"
        )
    higher = ">" if row["difference"] > 0 else "<"
    return (
        f"{row['measure']}{stratum}: {row['group_a']} {row['estimate_a']:.3g} {higher} {row['group_b']} "
        f"{row['estimate_b']:.3g} ({design}; {numbers}, {row['effect_measure']}={row['effect_size']:.2f})"
    )


def compare(
    data: TableSource,
    by: str = "source",
    *,
    groups: Mapping[str, Sequence[str]] | None = None,
    prior: str | Mapping[str, float] = "corpus",
    min_articles: int = MIN_ARTICLES,
    level: float = 0.95,
    design: str = "auto",
    family: str = "run",
    within: str | None = None,
    model: str | None = None,
    min_shared: int = MIN_SHARED_STORIES,
    max_groups: int | None = MAX_GROUPS,
    mixed_voices: bool = False,
    keep_stopwords: bool = False,
) -> Comparison:
    """Run the compare stage: estimates, pairwise comparisons, distinctive terms and similarity.

    ``design``, ``family``, ``within``, ``model``, ``min_shared`` and ``max_groups`` are those of
    :func:`framing.compare.comparisons`; ``within`` also splits the estimates.
    ``mixed_voices`` adds the measures that mix the outlet's narration with
    its sources' speech (:func:`framing.compare.measures_for`).  ``keep_stopwords`` keeps the stop words,
    titles and outlet names that the distinctive terms leave out (:func:`framing.compare.distinctive_terms`).
    """
    tables = tables_of(data)
    labels = article_groups(tables, by, groups, max_groups=max_groups)
    measures = {**measures_for(SentimentRules.of(data), mixed_voices=mixed_voices), **frame_measures(tables)}
    shared: dict[str, Any] = {
        "groups": groups,
        "level": level,
        "min_articles": min_articles,
        "within": within,
        "max_groups": max_groups,
        "measures": measures,
    }
    estimate_table = estimates(tables, by, **shared)
    comparison_table = comparisons(
        tables, by, design=design, family=family, model=model, min_shared=min_shared, **shared
    )
    prevalence = frame_prevalence(tables, by, groups=groups, level=level, max_groups=max_groups)
    term_table = distinctive_terms(
        tables, by, groups=groups, prior=prior, max_groups=max_groups, keep_stopwords=keep_stopwords
    )
    notes = list(dict.fromkeys(t.attrs["note"] for t in (comparison_table, term_table) if t.attrs.get("note")))
    parameters = {
        "by": by,
        "within": within or "",
        "groups": len(group_order(labels)),
        "group_definitions": {k: list(v) for k, v in (groups or {}).items()},
        "prior": prior if isinstance(prior, str) else "given",
        "min_articles": min_articles,
        "min_shared_stories": min_shared,
        "max_groups": max_groups,
        "mixed_voices": mixed_voices,
        "keep_stopwords": keep_stopwords,
        "design": design,
        "model": model or "none",
        "level": level,
        "bootstrap_resamples": BOOTSTRAP_RESAMPLES,
        "permutation_resamples": PERMUTATION_RESAMPLES,
        "family": family,
        "q_values": _family_text(family, within),
    }
    return Comparison(
        {
            "estimates": estimate_table,
            "comparisons": comparison_table,
            "distinctive_terms": term_table,
            "similarity": similarity(tables),
            **({"frame_prevalence": prevalence} if len(prevalence) else {}),
        },
        parameters,
        notes,
    )


def _family_text(family: str, within: str | None) -> str:
    """What the q-values were corrected over, in words (``comparison.json``)."""
    if family == "run":
        return "Benjamini-Hochberg over every test of the run"
    return "Benjamini-Hochberg over the pairs of each measure" + (" in each level of within" if within else "")
