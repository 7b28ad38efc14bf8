"""The compare stage: per-group estimates with intervals, pairwise tests, distinctive words, similarity,
who speaks, tone toward an entity, and how often each group uses each frame.

>>> import framing
>>> result = framing.analyze([{"id": "a", "source": "Wire", "text": "T\\n\\nTalks went well."},
...                           {"id": "b", "source": "Daily", "text": "T\\n\\nTalks collapsed in chaos."}])
>>> sorted(compare(result).tables)
['comparisons', 'distinctive_terms', 'estimates', 'frame_prevalence', 'similarity']
"""

from __future__ import annotations

from framing.compare import matched, stats
from framing.compare.comparison import Comparison, compare
from framing.compare.contrasts import COUNTS, comparisons
from framing.compare.frame_prevalence import adjusted_share, frame_measures, frame_prevalence
from framing.compare.group_estimates import estimates
from framing.compare.grouping import MAX_GROUPS
from framing.compare.measures import MEASURES, Measure, article_groups, measures_for
from framing.compare.tone import target_lexicon, toward
from framing.compare.version_similarity import similarity
from framing.compare.voices import share_of_voice, stance_mix
from framing.compare.words import distinctive_terms
from framing.stage_module import callable_stage

__all__ = [
    "COUNTS",
    "MAX_GROUPS",
    "MEASURES",
    "Comparison",
    "Measure",
    "adjusted_share",
    "article_groups",
    "compare",
    "comparisons",
    "distinctive_terms",
    "estimates",
    "frame_measures",
    "frame_prevalence",
    "matched",
    "measures_for",
    "share_of_voice",
    "similarity",
    "stance_mix",
    "stats",
    "target_lexicon",
    "toward",
]

# framing.compare(...) runs compare(...): the stage is its main function too
callable_stage(__name__, compare)
