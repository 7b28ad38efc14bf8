"""The tables a run derives from the contract's at its end: the stance mix, the share of voice and, for each
target, the tone toward it.

They are made once, by the run, from the whole corpus's tables (or, for a
run written as it came, from the speech counts added up batch by batch), so
that showing a result never measures anything.

>>> from framing.run.pipeline import analyze
>>> result = analyze([{"id": "a", "source": "Wire", "text": "T\\n\\nSerbia praised the deal, Rama said."}],
...                  targets={"Serbia": []})
>>> sorted(result.summaries())
['share_of_voice', 'speakers', 'stance_mix', 'target_tone']
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from framing.compare.tone import toward
from framing.compare.voices import SpeechCounts, share_of_voice, speaker_table, speech_counts, stance_mix
from framing.settings import SentimentRules

__all__ = ["summary_tables"]


def summary_tables(
    tables: Mapping[str, pd.DataFrame],
    targets: Mapping[str, Sequence[str]],
    sentiment: SentimentRules,
    counts: SpeechCounts | None = None,
) -> dict[str, pd.DataFrame]:
    """``stance_mix`` (by outlet and by article), ``share_of_voice`` (speaker by outlet), ``speakers`` (every
    speaker string and the corpus-wide speaker it counts as) and, with ``targets``, ``target_tone``.

    ``counts``: the :class:`~framing.compare.voices.SpeechCounts` of the attributions, when already made (then
    the attributions are not read).
    """
    counts = counts if counts is not None else speech_counts(tables["attributions"], tables["articles"])
    out = {
        "stance_mix": pd.concat(
            [stance_mix(tables, "source", counts), stance_mix(tables, "article_id", counts)], ignore_index=True
        ),
        "share_of_voice": share_of_voice(tables, counts),
        "speakers": speaker_table(tables, counts),
    }
    if targets:
        out["target_tone"] = pd.concat(
            [toward(tables, name, aliases, sentiment=sentiment) for name, aliases in targets.items()],
            ignore_index=True,
        )
    return out
