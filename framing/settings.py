"""Settings: everything a measurement depends on besides the article, in one object.

:class:`Settings` holds the lexicons and the rules of every stage; the run
manifest records :meth:`Settings.parameters`, so a table can always be
traced to the thresholds that made it.  :func:`settings_for` gives the
built-in settings, with the user's lexicons swapped in.

>>> settings = settings_for()
>>> settings.parameters()["clean"]["title_max_words"]
25
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from framing.align.stage import AlignSettings
from framing.clean.roles import CleanRules
from framing.lexicons.lexicon import Lexicon, builtin_lexicon, load_lexicon
from framing.measure.attribution import AttributionRules
from framing.models.slant import load_slant_model
from framing.stories.crossreuse import ReuseRules
from framing.stories.find import StoryRules

__all__ = ["RULE_LEXICONS", "TERM_LEXICONS", "Settings", "settings_for"]

#: Built-in lexicons whose hits become rows of ``terms.csv``.
TERM_LEXICONS = ("loaded", "hedges", "boosters", "evaluative")


#: Built-in lexicons that drive the rules (cleaning, attribution).
RULE_LEXICONS = ("reporting_verbs", "person_titles", "boilerplate", "news_agencies")


@dataclass(frozen=True)
class Settings:
    """Everything a measurement depends on besides the article: lexicons and rule thresholds."""

    lexicons: Mapping[str, Lexicon]
    term_lexicons: tuple[str, ...] = TERM_LEXICONS
    clean_rules: CleanRules = field(default_factory=CleanRules)
    attribution_rules: AttributionRules = field(default_factory=AttributionRules)
    align: AlignSettings = field(default_factory=AlignSettings)
    #: How stories are found with ``story="auto"`` (``--story auto``).
    story_rules: StoryRules = field(default_factory=StoryRules)
    #: How paragraphs reused across stories are found (``cross_reuse.csv``).
    reuse_rules: ReuseRules = field(default_factory=ReuseRules)

    def parameters(self) -> dict[str, Any]:
        """The settings as plain values, for the run manifest."""
        return {
            "term_lexicons": list(self.term_lexicons),
            "clean": {
                "title_max_words": self.clean_rules.title_max_words,
                "short_block_words": self.clean_rules.short_block_words,
                "meta_max_words": self.clean_rules.meta_max_words,
            },
            "attribution": {"max_source_tokens": self.attribution_rules.max_source_tokens},
            "align": asdict(self.align.rules),
            "swaps": asdict(self.align.swaps),
            "slant_model": dict(self.align.slant.provenance) if self.align.slant else None,
            "cross_reuse": asdict(self.reuse_rules),
        }


def settings_for(lexicons: Sequence[Lexicon | str | Path] = (), *, slant: bool = True) -> Settings:
    """Settings with the built-in lexicons, replaced or extended by the user's.

    A user lexicon whose ``name`` is that of a built-in one replaces it (a
    new ``loaded`` list); any other name adds a lexicon whose hits go to
    ``terms.csv``.
    """
    chosen: dict[str, Lexicon] = {name: builtin_lexicon(name) for name in TERM_LEXICONS + RULE_LEXICONS}
    term_names = list(TERM_LEXICONS)
    for item in lexicons:
        lexicon = item if isinstance(item, Lexicon) else load_lexicon(item)
        if lexicon.name not in chosen:
            term_names.append(lexicon.name)
        chosen[lexicon.name] = lexicon
    return Settings(
        lexicons=chosen,
        term_lexicons=tuple(term_names),
        clean_rules=CleanRules(boilerplate=chosen["boilerplate"], agencies=chosen["news_agencies"]),
        attribution_rules=AttributionRules(cues=chosen["reporting_verbs"], titles=chosen["person_titles"]),
        align=AlignSettings(slant=load_slant_model() if slant else None),
    )
