"""Who speaks: attributions counted by speaker and by stance, per outlet and per article.

:func:`speech_counts` counts a batch's attributions (so a streamed run adds
counts up batch by batch); :func:`stance_mix` and :func:`share_of_voice`
turn the counts into the summary tables.

>>> from framing.run.pipeline import analyze
>>> result = analyze([{"id": "a", "source": "Wire", "text": "T\\n\\nRama said it rained. Rama said it stopped."}])
>>> share_of_voice(result)[["source", "speaker", "attributions"]].values.tolist()
[['Wire', 'Rama', 2]]
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

import pandas as pd

from framing.contract import STANCES, TableSource, tables_of
from framing.measure import name_parts, speaker_id, speaker_kind
from framing.read.lexicon_files import word_list

__all__ = [
    "SpeechCounts",
    "add_speech_counts",
    "corpus_speaker_ids",
    "corpus_speakers",
    "share_of_voice",
    "speaker_names",
    "speaker_table",
    "speech_counts",
    "stance_mix",
]

#: Speakers left as a pronoun (word list ``person_words``).
_UNRESOLVED = word_list("person_words", "unresolved_speaker")


_QUOTED_RE = re.compile(r"[“\"„«]([^”\"»]*)[”\"»]")


class SpeechCounts(NamedTuple):
    """What :func:`stance_mix` and :func:`share_of_voice` are made from, for any part of the attributions.

    ``stances``: attributions per article and stance (``article_id``, ``stance``, ``count``);
    ``voices``: per outlet and speaker as written (``source``, ``speaker``, ``attributions``,
    ``words_quoted``, ``direct_quotes``).  Counts of parts add up (:func:`add_speech_counts`), so a
    streamed run counts each batch where it ran instead of reading the attributions back at the end.
    """

    stances: pd.DataFrame
    voices: pd.DataFrame


_VOICE_COUNTS = ["attributions", "words_quoted", "direct_quotes"]
_VOICE_KEYS = ["source", "speaker_id", "speaker"]


def speech_counts(attributions: pd.DataFrame, articles: pd.DataFrame) -> SpeechCounts:
    """The :class:`SpeechCounts` of ``attributions`` (``articles`` give each article's ``source``).

    >>> from framing.run.pipeline import analyze
    >>> r = analyze([{"id": "a", "source": "W", "text": "T\\n\\nRama insisted it rained. Rama said “it rained”."}])
    >>> counts = speech_counts(r.attributions, r.articles)
    >>> counts.voices.values.tolist()
    [['W', 'rama', 'Rama', 2, 2, 1]]
    """
    stances = attributions.groupby(["article_id", "stance"], sort=False, dropna=False).size().rename("count")
    spoken = attributions.drop(columns="source", errors="ignore").merge(
        articles[["article_id", "source"]], on="article_id"
    )
    spoken = spoken[
        spoken["speaker"].fillna("").str.strip().ne("") & ~spoken["speaker"].fillna("").str.lower().isin(_UNRESOLVED)
    ]
    ids = spoken["speaker_id"] if "speaker_id" in spoken.columns else spoken["speaker"].map(speaker_id)
    spoken = spoken.assign(
        speaker_id=ids.fillna("").astype(str),
        words_quoted=spoken["content"].map(lambda c: sum(len(q.split()) for q in _QUOTED_RE.findall(str(c)))),
        direct=spoken["kind"].eq("direct").astype(int),
    )
    spoken = spoken[spoken["speaker_id"].ne("")]
    voices = spoken.groupby(_VOICE_KEYS, sort=False).agg(
        attributions=("direct", "size"), words_quoted=("words_quoted", "sum"), direct_quotes=("direct", "sum")
    )
    return SpeechCounts(stances.reset_index(), voices.reset_index())


def add_speech_counts(parts: Sequence[SpeechCounts]) -> SpeechCounts:
    """The counts of all the parts together (parts with no rows are left out, so that types stay whole numbers).

    >>> one = SpeechCounts(pd.DataFrame({"article_id": ["a"], "stance": ["neutral"], "count": [2]}),
    ...                    pd.DataFrame({"source": ["W"], "speaker_id": ["rama"], "speaker": ["Rama"],
    ...                                  "attributions": [2], "words_quoted": [3], "direct_quotes": [1]}))
    >>> add_speech_counts([one, one]).voices.values.tolist()
    [['W', 'rama', 'Rama', 4, 6, 2]]
    """
    stances = [p.stances for p in parts if len(p.stances)]
    voices = [p.voices for p in parts if len(p.voices)]
    if len(stances) > 1:
        together = pd.concat(stances, ignore_index=True)
        stances = [together.groupby(["article_id", "stance"], sort=False, dropna=False)["count"].sum().reset_index()]
    if len(voices) > 1:
        together = pd.concat(voices, ignore_index=True)
        voices = [together.groupby(_VOICE_KEYS, sort=False)[_VOICE_COUNTS].sum().reset_index()]
    return SpeechCounts(
        stances[0] if stances else pd.DataFrame(columns=["article_id", "stance", "count"]),
        voices[0] if voices else pd.DataFrame(columns=[*_VOICE_KEYS, *_VOICE_COUNTS]),
    )


def stance_mix(data: TableSource, by: str = "source", counts: SpeechCounts | None = None) -> pd.DataFrame:
    """Attributions by reporting-verb stance for each group (``source`` or ``article_id``), tidy.

    One row per group and stance with ``count`` and ``share`` of the
    group's attributions (stances a group never uses get a zero row).
    ``counts``: the :class:`SpeechCounts` of ``data``, when already made.

    >>> from framing.run.pipeline import analyze
    >>> r = analyze([{"id": "a", "source": "W", "text": "T\\n\\nRama insisted it rained. Rama said it rained."}])
    >>> stance_mix(r).query("count > 0")[["group", "stance", "count", "share"]].values.tolist()
    [['W', 'neutral', 1, 0.5], ['W', 'emphatic', 1, 0.5]]
    """
    if by not in ("source", "article_id"):
        raise ValueError(f"by must be 'source' or 'article_id', not {by!r}")
    tables = tables_of(data)
    counts = counts if counts is not None else speech_counts(tables["attributions"], tables["articles"])
    articles = tables["articles"][["article_id", "source"]]
    stances = counts.stances.merge(articles, on="article_id")
    groups = list(dict.fromkeys(articles[by]))
    per_stance = stances.groupby([by, "stance"])["count"].sum().to_dict()
    totals = stances.groupby(by)["count"].sum().to_dict()
    rows = []
    for group in groups:
        total = totals.get(group, 0)
        for stance in STANCES:
            count = int(per_stance.get((group, stance), 0))
            rows.append(
                {
                    "by": by,
                    "group": group,
                    "stance": stance,
                    "count": count,
                    "share": round(count / total, 4) if total else None,
                }
            )
    return pd.DataFrame(rows, columns=["by", "group", "stance", "count", "share"])


def corpus_speakers(speakers: pd.Series) -> pd.Series:
    """Speakers with a lone surname replaced by the one full name it has elsewhere in the corpus.

    An article that only says "Stoltenberg" counts with the others that say
    "Jens Stoltenberg"; a surname shared by two full names stays as it is.

    >>> corpus_speakers(pd.Series(["Jens Stoltenberg", "Stoltenberg", "NATO"])).tolist()
    ['Jens Stoltenberg', 'Jens Stoltenberg', 'NATO']
    """
    names = speakers.fillna("").astype(str)
    ids = names.map(speaker_id)
    merged = corpus_speaker_ids(pd.DataFrame({"speaker_id": ids, "speaker": names}))
    shown = speaker_names(pd.DataFrame({"speaker_id": merged, "speaker": names}))
    return pd.Series([shown.get(i, s) if i else s for i, s in zip(merged, speakers, strict=True)], index=speakers.index)


def corpus_speaker_ids(voices: pd.DataFrame) -> pd.Series:
    """``speaker_id`` with a lone surname's id replaced by the id of the one person in the corpus with that
    surname (two people with the surname: left as it is), for rows with ``speaker_id`` and ``speaker``."""
    kinds = voices["speaker"].map(speaker_kind)
    people = voices.loc[kinds.isin(["person", "name"]), ["speaker_id", "speaker"]].drop_duplicates()
    full: dict[str, set[str]] = {}
    for ident, name in zip(people["speaker_id"], people["speaker"], strict=True):
        first, last = name_parts(name)
        if first and "-" in ident:
            full.setdefault(last, set()).add(ident)
    mapping: dict[str, str] = {}
    for ident, name in zip(people["speaker_id"], people["speaker"], strict=True):
        first, last = name_parts(name)
        if not first and len(full.get(last, ())) == 1:
            mapping[ident] = next(iter(full[last]))
    return voices["speaker_id"].map(lambda i: mapping.get(i, i))


def speaker_names(voices: pd.DataFrame, weights: pd.Series | None = None) -> dict[str, str]:
    """The name shown for each ``speaker_id``: the speaker string written most (weighted by ``weights``),
    a full name before a lone surname, ties to the first written."""
    weight = weights if weights is not None else pd.Series(1, index=voices.index)
    table = pd.DataFrame({"id": voices["speaker_id"], "name": voices["speaker"], "w": weight})
    table["words"] = table["name"].map(lambda n: min(len(str(n).split()), 2))
    totals = table.groupby(["id", "name"], sort=False).agg(w=("w", "sum"), words=("words", "first")).reset_index()
    totals = totals.sort_values(["id", "words", "w"], ascending=[True, False, False], kind="stable")
    return dict(zip(totals.drop_duplicates("id")["id"], totals.drop_duplicates("id")["name"], strict=True))


def _voices_by_person(data: TableSource, counts: SpeechCounts | None) -> pd.DataFrame:
    """The speech counts' ``voices`` (made from ``data`` unless given) with each speaker's ``corpus_id``."""
    if counts is None:
        tables = tables_of(data)
        counts = speech_counts(tables["attributions"], tables["articles"])
    voices = counts.voices
    return voices if voices.empty else voices.assign(corpus_id=corpus_speaker_ids(voices))


def speaker_table(data: TableSource, counts: SpeechCounts | None = None) -> pd.DataFrame:
    """Every speaker string of the attributions (pronouns left unresolved aside) with the speaker it counts as
    across the corpus: ``speaker`` and ``speaker_id`` as in ``attributions``, ``corpus_id`` (the id
    share-of-voice counts by: a lone surname merged with the one person of the corpus who has it), ``name``
    (the name shown for it), ``kind``, ``attributions`` and ``outlets``.

    >>> from framing.run.pipeline import analyze
    >>> r = analyze([{"id": "a", "story": "s", "source": "A", "text": "T\\n\\nSen. Elizabeth Warren said no."},
    ...              {"id": "b", "story": "t", "source": "B", "text": "T\\n\\nWarren said no again."}])
    >>> speaker_table(r)[["speaker", "speaker_id", "corpus_id"]].values.tolist()
    [['Elizabeth Warren', 'elizabeth-warren', 'elizabeth-warren'], ['Warren', 'warren', 'elizabeth-warren']]
    """
    columns = ["speaker", "speaker_id", "corpus_id", "name", "kind", "attributions", "outlets"]
    voices = _voices_by_person(data, counts)
    if voices.empty:
        return pd.DataFrame(columns=columns)
    shown = speaker_names(voices.assign(speaker_id=voices["corpus_id"]), voices["attributions"])
    table = (
        voices.groupby(["speaker", "speaker_id", "corpus_id"], sort=False)
        .agg(attributions=("attributions", "sum"), outlets=("source", "nunique"))
        .reset_index()
    )
    table["name"] = table["corpus_id"].map(shown)
    table["kind"] = table["speaker"].map(speaker_kind)
    table = table.sort_values(["attributions", "speaker"], ascending=[False, True], kind="stable")
    return table[columns].reset_index(drop=True)


def share_of_voice(data: TableSource, counts: SpeechCounts | None = None) -> pd.DataFrame:
    """Speakers by outlet: attributions, words quoted and direct quotes, tidy.

    Speakers are counted by ``speaker_id`` (so "Stoltenberg", "Jens Stoltenberg", "Mr. Stoltenberg" and a
    resolved "he" count as one; a lone surname counts with the one person of the corpus who has it), and
    shown by the name written most for them; unresolved pronouns and attributions with no source are left
    out.  ``words_quoted`` counts words inside quotation marks in the content; ``share`` is the speaker's
    part of the outlet's attributions.  ``counts``: the :class:`SpeechCounts` of ``data``, when already made.
    """
    tables = tables_of(data)
    columns = ["source", "speaker", "speaker_id", "attributions", "words_quoted", "direct_quotes", "share"]
    voices = _voices_by_person(tables, counts)
    if voices.empty:
        return pd.DataFrame(columns=columns)
    voices = voices.assign(speaker_id=voices["corpus_id"])
    shown = speaker_names(voices, voices["attributions"])
    table = voices.groupby(["source", "speaker_id"], sort=False)[_VOICE_COUNTS].sum().reset_index()
    table["speaker"] = table["speaker_id"].map(shown)
    totals = table.groupby("source")["attributions"].transform("sum")
    table["share"] = (table["attributions"] / totals).round(4)
    order = {source: i for i, source in enumerate(dict.fromkeys(tables["articles"]["source"]))}
    table = table.sort_values(
        ["source", "attributions", "speaker"],
        ascending=[True, False, True],
        key=lambda s: s.map(order) if s.name == "source" else s,
    )
    return table[columns].reset_index(drop=True)
