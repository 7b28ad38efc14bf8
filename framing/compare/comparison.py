"""The compare stage at once: estimates, pairwise comparisons, distinctive terms and similarity, saved together.

>>> import framing
>>> calm = "T\\n\\nTalks went well. Both sides agreed. The minister said it was good."
>>> grim = "T\\n\\nTalks collapsed in chaos. Fury grew. The minister claimed it was a disaster."
>>> result = framing.analyze([{"id": "a", "source": "Wire", "text": calm}, {"id": "b", "source": "B", "text": grim}])
>>> compare(result)
Comparison(by='source', estimates=38, comparisons=23, distinctive_terms=10, similarity=2)
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from framing.compare.contrasts import comparisons
from framing.compare.group_estimates import MIN_ARTICLES, estimates
from framing.compare.measures import article_groups, group_order
from framing.compare.stats import BOOTSTRAP_RESAMPLES, PERMUTATION_RESAMPLES
from framing.compare.version_similarity import similarity
from framing.compare.words import distinctive_terms
from framing.contract import TableSource, prepare_folder, tables_of, write_table

__all__ = ["Comparison", "compare"]


@dataclass
class Comparison:
    """The compare stage's tables (``estimates``, ``comparisons``, ``distinctive_terms``, ``similarity``)."""

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
            json.dumps({"parameters": self.parameters, "notes": self.notes}, indent=2, sort_keys=True) + "\n",
            encoding="utf-8",
        )
        return [*written, info]

    def summary(self, top: int = 10) -> str:
        """The clearest differences in words: the ``top`` comparisons with a q-value below 0.05."""
        table = self.tables["comparisons"]
        lines = [f"compared by {self.parameters['by']}: {self.parameters['groups']} groups"]
        lines.extend(f"  note: {note}" for note in self.notes)
        strong = table[table["q_value"].astype(float) < 0.05]
        strong = strong.sort_values(["q_value", "p_value", "measure"], kind="stable")
        for row in strong.head(top).to_dict(orient="records"):
            if row["unit"] == "counts":
                lines.append(
                    f"  {row['measure']}: {row['group_a']} vs {row['group_b']} differ "
                    f"({row['test']}, p={row['p_value']:.3g}, q={row['q_value']:.3g}, V={row['effect_size']:.2f})"
                )
            else:
                lines.append(
                    f"  {row['measure']}: {row['group_a']} {row['estimate_a']:.3g} vs {row['group_b']} "
                    f"{row['estimate_b']:.3g} (p={row['p_value']:.3g}, q={row['q_value']:.3g}, "
                    f"{row['effect_measure']}={row['effect_size']:.2f})"
                )
        if len(strong) > top:
            lines.append(f"  … and {len(strong) - top} more with q < 0.05 in comparisons.csv")
        if strong.empty and len(table):
            lines.append("  no difference with q < 0.05")
        return "\n".join(lines)


def compare(
    data: TableSource,
    by: str = "source",
    *,
    groups: Mapping[str, Sequence[str]] | None = None,
    prior: str | Mapping[str, float] = "corpus",
    min_articles: int = MIN_ARTICLES,
    level: float = 0.95,
) -> Comparison:
    """Run the compare stage: estimates, pairwise comparisons, distinctive terms and similarity."""
    tables = tables_of(data)
    labels = article_groups(tables, by, groups)
    estimate_table = estimates(tables, by, groups=groups, level=level, min_articles=min_articles)
    comparison_table = comparisons(tables, by, groups=groups, min_articles=min_articles)
    term_table = distinctive_terms(tables, by, groups=groups, prior=prior)
    notes = [t.attrs["note"] for t in (comparison_table, term_table) if t.attrs.get("note")]
    notes = list(dict.fromkeys(notes))
    parameters = {
        "by": by,
        "groups": len(group_order(labels)),
        "group_definitions": {k: list(v) for k, v in (groups or {}).items()},
        "prior": prior if isinstance(prior, str) else "given",
        "min_articles": min_articles,
        "level": level,
        "bootstrap_resamples": BOOTSTRAP_RESAMPLES,
        "permutation_resamples": PERMUTATION_RESAMPLES,
        "q_values": "Benjamini-Hochberg over the pairs of each measure",
    }
    return Comparison(
        {
            "estimates": estimate_table,
            "comparisons": comparison_table,
            "distinctive_terms": term_table,
            "similarity": similarity(tables),
        },
        parameters,
        notes,
    )
