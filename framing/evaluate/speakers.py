"""Score who speaks: the speakers framing resolves against BASIL's quote speakers and PolNeAR's named sources.

BASIL (``framing eval speakers BASIL``): every phrase-level span marked as a
quote whose ``speaker`` is a named person ("Rick_Perry"; not "other_anti",
"Obama_campaign" or "Tea_Party") is matched to the attribution whose content
overlaps it most.  ``coverage`` is the share of those quotes with such an
attribution; of the covered ones, ``right_person`` is the share whose
speaker (its corpus-wide name, as share-of-voice shows it) is the same person
(same surname, compatible first names), ``exact_name`` the share that names
the full name exactly (case, accents, titles and middle initials aside; counted where the gold name has a
first name).
``strings_per_person`` and ``ids_per_person``: for each gold person in a
story, the number of distinct speaker strings and speaker ids among its
covered quotes (1.0 is one person, one speaker).  Years are scored apart:
the rules were tuned on 2010–2011 only.

PolNeAR (``framing eval speakers POLNEAR``): every gold attribution whose
Source span holds a person's name ("Sen. Ted Cruz", "Trump"; pronouns and
descriptions are left out: PolNeAR does not say whom they refer to) is
matched to the predicted attribution whose source overlaps it (else whose
cue does); ``right_person`` is the share of matched ones whose speaker is
that person.  Only the ``held_out`` split is scored by default.

>>> scores = _score([("a", "Rick Perry", "Rick Perry", "rick-perry"), ("a", "Rick Perry", "Perry", "rick-perry")])
>>> scores["right_person"], scores["exact_name"], scores["strings_per_person"], scores["ids_per_person"]
(1.0, 0.5, 2.0, 1.0)
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from framing.compare.voices import corpus_speaker_ids, speaker_names
from framing.evaluate.annotated import polnear_split
from framing.measure import name_parts, same_person, speaker_kind
from framing.measure.names import person_name
from framing.problems import FramingError
from framing.read.datasets.basil import read_basil
from framing.read.datasets.polnear import read_polnear
from framing.run.pipeline import analyze
from framing.segment import tokenize

__all__ = ["basil_speakers", "polnear_speakers", "speakers_evaluation", "speakers_table"]

#: BASIL years the speaker rules were tuned on; the others are a check.
TUNED_YEARS = ("2010", "2011")


def _gold_person(speaker: str) -> str:
    """BASIL's speaker as a person's name ("Rick_Perry" → "Rick Perry"), "" when it is not a named person."""
    name = " ".join(str(speaker).replace("_", " ").split())
    if len(name.split()) < 2 or speaker_kind(name) != "person":
        return ""
    return name


def _corpus_names(attributions: pd.DataFrame) -> pd.DataFrame:
    """Attributions with ``corpus_id`` and ``corpus_name``: the speaker as share-of-voice counts and shows it."""
    spoken = attributions.assign(
        speaker=attributions["speaker"].fillna("").astype(str),
        speaker_id=attributions["speaker_id"].fillna("").astype(str),
    )
    ids = corpus_speaker_ids(spoken)
    names = speaker_names(spoken.assign(speaker_id=ids))
    return spoken.assign(corpus_id=ids, corpus_name=ids.map(lambda i: names.get(i, "") if i else ""))


def _plain_name(name: str) -> tuple[str, str]:
    return name_parts(name)


def _score(rows: Sequence[tuple[str, str, str, str]]) -> dict[str, float | int]:
    """Scores of matched quotes: ``(story, gold person, predicted name, predicted id)`` each."""
    if not rows:
        return {"quotes": 0, "right_person": 0.0, "exact_name": 0.0, "strings_per_person": 0.0, "ids_per_person": 0.0}
    right = sum(same_person(gold, name) and bool(name_parts(name)[0] or name) for _, gold, name, _ in rows)
    full = [(gold, name) for _, gold, name, _ in rows if name_parts(gold)[0]]  # gold that gives a first name
    exact = sum(_plain_name(gold) == _plain_name(name) for gold, name in full)
    strings: dict[tuple[str, str], set[str]] = {}
    ids: dict[tuple[str, str], set[str]] = {}
    for story, gold, name, ident in rows:
        strings.setdefault((story, gold), set()).add(name)
        ids.setdefault((story, gold), set()).add(ident)
    return {
        "quotes": len(rows),
        "right_person": round(right / len(rows), 4),
        "exact_name": round(exact / len(full), 4) if full else 0.0,
        "strings_per_person": round(sum(map(len, strings.values())) / len(strings), 4),
        "ids_per_person": round(sum(map(len, ids.values())) / len(ids), 4),
    }


def basil_speakers(folder: Path) -> dict[str, Any]:
    """The speaker scores on BASIL's named-person quotes, for the tuned years, the others, and all."""
    data = read_basil(folder)
    result = analyze(data.corpus)
    spoken = _corpus_names(result.attributions)
    year_of = dict(zip(data.sentences["article_id"], data.sentences["year"], strict=False))
    story_of = {a.article_id: a.story for a in data.corpus}
    gold = data.spans[data.spans["quote"]].assign(person=lambda t: t["speaker"].map(_gold_person))
    gold = gold[gold["person"].ne("")]
    by_article: dict[Any, pd.DataFrame] = dict(tuple(spoken.groupby("article_id")))
    matched: dict[str, list[tuple[str, str, str, str]]] = {}
    quotes: dict[str, int] = {}
    for span in gold.to_dict(orient="records"):
        part = "tuned" if year_of.get(span["article_id"]) in TUNED_YEARS else "check"
        quotes[part] = quotes.get(part, 0) + 1
        predicted = by_article.get(span["article_id"])
        if predicted is None:
            continue
        overlap = (
            predicted["content_end"].clip(upper=span["end"]) - predicted["content_start"].clip(lower=span["start"])
        ).clip(lower=0)
        if overlap.max() <= 0:
            continue
        best = predicted.iloc[int(overlap.to_numpy().argmax())]
        found = (story_of[span["article_id"]], span["person"], str(best["corpus_name"]), str(best["corpus_id"]))
        matched.setdefault(part, []).append(found)
    report: dict[str, Any] = {"data": str(folder), "tuned_years": list(TUNED_YEARS)}
    for part in ("tuned", "check", "all"):
        rows = matched.get("tuned", []) + matched.get("check", []) if part == "all" else matched.get(part, [])
        total = sum(quotes.values()) if part == "all" else quotes.get(part, 0)
        report[part] = {"gold_quotes": total, "coverage": round(len(rows) / total, 4) if total else 0.0, **_score(rows)}
    return report


def _person_in(mention: str) -> str:
    """The person's name in a PolNeAR source mention ("Sen. Ted Cruz (R-Texas)" → "Ted Cruz"), "" for none."""

    tokens = tokenize(mention)
    name = person_name(tokens, mention)
    if not name:
        words = [t.text for t in tokens]
        if len(words) == 1 and speaker_kind(words[0]) == "name":
            name = words[0]
    head = [t.text for t in tokens if t.text not in {",", ".", "'s", "’s"}]
    if not name or speaker_kind(name) not in {"person", "name"} or not head or head[-1] != name.split()[-1]:
        return ""  # "The New York businessman" names a businessman, not New York
    return name


def polnear_speakers(folder: Path, *, split: str = "held_out") -> dict[str, Any]:
    """The speaker scores on PolNeAR's gold sources that name a person, for one split."""

    everything = read_polnear(folder)
    names = {a.article_id for a in everything.corpus if split == "all" or polnear_split(a.article_id) == split}
    data = read_polnear(folder, names=names)
    spoken = _corpus_names(analyze(data.corpus).attributions)
    by_article: dict[Any, pd.DataFrame] = dict(tuple(spoken.groupby("article_id")))
    spans = data.spans
    gold = 0
    rows: list[tuple[str, str, str, str]] = []
    for (article, _), roles in spans.groupby(["article_id", "attribution"], sort=False):
        source = roles[roles["role"] == "source"]
        if source.empty:
            continue
        person = _person_in(str(source.iloc[0]["text"]))
        if not person:
            continue
        gold += 1
        predicted = by_article.get(article)
        if predicted is None:
            continue
        best = _overlapping(predicted, roles)
        if best is not None:
            rows.append((str(article), person, str(best["corpus_name"] or best["speaker"]), str(best["corpus_id"])))
    scores = _score(rows)
    return {
        "data": str(folder),
        "split": split,
        "gold_named_sources": gold,
        "coverage": round(len(rows) / gold, 4) if gold else 0.0,
        **scores,
    }


def _overlapping(predicted: pd.DataFrame, roles: pd.DataFrame) -> pd.Series | None:
    """The predicted attribution whose source overlaps the gold source, else whose cue overlaps the gold cue."""
    for role, start, end in (("source", "speaker_start", "speaker_end"), ("cue", "cue_start", "cue_end")):
        gold = roles[roles["role"] == role]
        if gold.empty:
            continue
        g_start, g_end = int(gold.iloc[0]["start"]), int(gold.iloc[0]["end"])
        hit = predicted[(predicted[start] < g_end) & (predicted[end] > g_start)]
        if len(hit):
            return hit.iloc[0]
    return None


def speakers_evaluation(folder: Path, *, split: str = "held_out") -> dict[str, Any]:
    """:func:`basil_speakers` for a BASIL folder, :func:`polnear_speakers` for a PolNeAR folder."""
    if (folder / "articles").is_dir():
        return {"dataset": "basil", **basil_speakers(folder)}
    if (folder / "attributions").is_dir():
        return {"dataset": "polnear", **polnear_speakers(folder, split=split)}
    raise FramingError(f"{folder} is neither BASIL (articles/) nor PolNeAR (attributions/); point to one of them")


def speakers_table(report: dict[str, Any]) -> str:
    """The speaker report as plain text."""
    head = (
        f"{'part':8} {'gold':>5} {'coverage':>8} {'right person':>12} {'exact name':>10} "
        f"{'strings/person':>14} {'ids/person':>10}"
    )
    line = (
        "{part:8} {gold:5d} {coverage:8.3f} {right_person:12.3f} {exact_name:10.3f} "
        "{strings_per_person:14.3f} {ids_per_person:10.3f}"
    )
    if report["dataset"] == "basil":
        lines = [f"BASIL quotes with a named person as speaker (tuned on {', '.join(report['tuned_years'])})", head]
        for part in ("tuned", "check", "all"):
            lines.append(line.format(part=part, gold=report[part]["gold_quotes"], **report[part]))
        return "\n".join(lines)
    lines = [f"PolNeAR gold sources naming a person ({report['split']} split)", head]
    lines.append(line.format(part=report["split"], gold=report["gold_named_sources"], **report))
    return "\n".join(lines)
