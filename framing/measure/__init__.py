"""The measure stage: sentiment, attributions and lexicon hits of one article, a pure function of it.

:func:`measure_article` runs every measure on one article; each measure is
also a function of its own (:mod:`framing.measure.attribution`,
:mod:`framing.measure.sentiment`, :mod:`framing.measure.terms`).

>>> from framing.read import Article
>>> from framing.settings import settings_for
>>> measure_article(Article("a", "T\\n\\nRama said it rained."), settings_for())["attributions"][0]["speaker"]
'Rama'
"""

from __future__ import annotations

from framing.measure import attribution, names, quotes, sentiment, speakers, terms, units
from framing.measure.article import measure_article
from framing.measure.speakers import (
    SPEAKER_KINDS,
    canonical_name,
    name_parts,
    role_holders,
    role_in,
    same_person,
    speaker_id,
    speaker_key,
    speaker_kind,
)

__all__ = [
    "SPEAKER_KINDS",
    "attribution",
    "canonical_name",
    "measure_article",
    "name_parts",
    "names",
    "quotes",
    "role_holders",
    "role_in",
    "same_person",
    "sentiment",
    "speaker_id",
    "speaker_key",
    "speaker_kind",
    "speakers",
    "terms",
    "units",
]
