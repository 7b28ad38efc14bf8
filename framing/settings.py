"""Settings: everything a measurement depends on besides the article, in one place.

Every threshold of every stage lives in one rule class here, documented with
how it was calibrated; :class:`Settings` holds one of each and the lexicons.
The run manifest records :meth:`Settings.parameters`, which is derived from
the fields, so a rule added later is recorded too.

Change a threshold by replacing a rule in the built-in settings:

>>> from dataclasses import replace
>>> settings = replace(settings_for(), editorial=EditorialRules(threshold=0.6))
>>> settings.parameters()["editorial"]["threshold"], settings.parameters()["clean"]["title_max_words"]
(0.6, 25)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields, is_dataclass
from pathlib import Path
from typing import Any

from framing.lexicons import Lexicon, builtin_lexicon, load_lexicon
from framing.models.attribution_crf import AttributionModel, load_attribution_model
from framing.models.loaded_words import LoadedModel, load_loaded_model
from framing.models.slant import SlantModel, load_slant_model
from framing.problems import FramingError, check_bounds

__all__ = [
    "ATTRIBUTION_MODES",
    "RULE_LEXICONS",
    "TERM_LEXICONS",
    "AlignRules",
    "AttributionRules",
    "CleanRules",
    "EditorialRules",
    "IndependentRules",
    "ReuseRules",
    "SentimentRules",
    "Settings",
    "StoryRules",
    "SwapRules",
    "settings_for",
]

#: Built-in lexicons whose hits become rows of ``terms.csv``.
TERM_LEXICONS = ("loaded", "hedges", "boosters", "evaluative")
#: Built-in lexicons that drive the rules (cleaning, attribution).
RULE_LEXICONS = ("reporting_verbs", "person_titles", "boilerplate", "news_agencies")

#: Metadata of a rule field that holds a lexicon (``None``: the built-in one): the manifest records lexicons
#: apart, with their versions and checksums, so :meth:`Settings.parameters` leaves these fields out.
LEXICON = {"lexicon": True}


# --- clean ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CleanRules:
    """Thresholds of the cleaning rules, to change without reading the code.

    ``title_max_words``: a headline has at most this many words.
    ``short_block_words``: a ``lead_in`` phrase marks boilerplate only in a
    block at most this long.  ``meta_max_words``: bylines, datelines and
    credit lines are at most this long.  ``max_sentence_words``: a body
    sentence longer than this is measured as pieces of at most this many
    words, cut at line breaks, then clause marks, then hard
    (:func:`framing.segment.bounded_spans`), so that a text without full stops
    costs what a normal text of its length costs; no sentence of PolNeAR's
    29,285 or BASIL's 2,788 body sentences is that long (the longest, a list
    of 148 names, is PolNeAR's; three more reach 100 to 136 words).
    """

    title_max_words: int = 25
    short_block_words: int = 15
    meta_max_words: int = 14
    max_sentence_words: int = 150
    boilerplate: Lexicon | None = field(default=None, metadata=LEXICON)
    agencies: Lexicon | None = field(default=None, metadata=LEXICON)

    def __post_init__(self) -> None:
        check_bounds(self, at_least_one=("max_sentence_words",))

    def boilerplate_lexicon(self) -> Lexicon:
        return self.boilerplate or builtin_lexicon("boilerplate")

    def agency_lexicon(self) -> Lexicon:
        return self.agencies or builtin_lexicon("news_agencies")


# --- measure -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SentimentRules:
    """When a sentence's VADER compound score counts as positive or negative.

    ``positive`` (0.05) and ``negative`` (-0.05) are VADER's own cut-offs
    (Hutto & Gilbert 2014): a compound at or above ``positive`` is positive,
    at or below ``negative`` negative.  They make ``sentiment_pos_share`` and
    ``sentiment_neg_share`` and the shares of tone toward an entity.
    """

    positive: float = 0.05
    negative: float = -0.05

    @classmethod
    def of(cls, data: object) -> SentimentRules:
        """The rules ``data`` (a framing Result) was measured with; the defaults for tables without settings."""
        settings = getattr(data, "settings", None)
        return getattr(settings, "sentiment", None) or cls()

    def __post_init__(self) -> None:
        if not -1 <= self.negative <= self.positive <= 1:
            raise ValueError(
                f"SentimentRules: need -1 <= negative <= positive <= 1, not {self.negative} and {self.positive}"
            )


@dataclass(frozen=True)
class AttributionRules:
    """Lexicons and limits of the attribution rules.

    ``max_source_tokens``: a source noun phrase longer than this is not
    believed.  ``max_passage_tokens``: the attribution tagger reads a run of
    sentences of one paragraph (a passage) of at most this many tokens; a
    longer run is cut between sentences, so that the tagger's memory stays
    bounded in a paragraph of thousands of words (PolNeAR's longest passage
    has 340 tokens).  ``cues`` and ``titles`` default to the built-in
    ``reporting_verbs`` and ``person_titles`` lexicons.
    """

    max_source_tokens: int = 14
    max_passage_tokens: int = 1000
    cues: Lexicon | None = field(default=None, metadata=LEXICON)
    titles: Lexicon | None = field(default=None, metadata=LEXICON)

    def __post_init__(self) -> None:
        check_bounds(self, at_least_one=("max_passage_tokens",))

    def cue_lexicon(self) -> Lexicon:
        return self.cues or builtin_lexicon("reporting_verbs")

    def title_lexicon(self) -> Lexicon:
        return self.titles or builtin_lexicon("person_titles")


# --- align ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AlignRules:
    """Thresholds of alignment (all similarities are in [0, 1]).

    ``edited``: token edit similarity at or above which a unit is an edited
    copy; a copy cut short is also an edited copy when at least ``trimmed``
    of its n-grams are in the longer text and it keeps ``trim_length`` of
    its length.  A pair is a paraphrase when its TF-IDF cosine reaches ``close``,
    or reaches ``paraphrase`` while the two share at least ``overlap`` of
    either one's n-grams (so that a shared topic alone is not enough).  ``contained``:
    share of a unit's n-grams found in one unit of another version.
    ``merged``: share of a unit's n-grams covered by several units of one
    version together (one-to-many).  ``merge_gain``: share of new n-grams
    each unit must add to join a merge (at least ``merge_min`` n-grams).
    ``ngram``: n-gram length.  ``candidates``: units scored per unit (the
    index proposes them).  ``max_links``: partners listed per unit.
    ``related``: share of paragraphs two versions must share to be
    versions of each other (for omissions).
    ``unrelated`` (0.15): a story whose versions' median pairwise cosine of
    content-word counts is below this gets a warning in ``problems.csv``
    and the run summary suggesting ``--story auto``
    (:mod:`framing.align.unrelated`).  Calibrated on BASIL dev, whose 40
    stories are real reports of one event by three outlets (lowest median
    0.21, median 0.44), and PolNeAR's 840 training texts read as one flat
    folder (0.10); random sets of PolNeAR texts are flagged at 0.15 in 79%
    of cases for 3 texts, 94% for 10.
    """

    edited: float = 0.80
    trimmed: float = 0.90
    trim_length: float = 0.5
    paraphrase: float = 0.40
    overlap: float = 0.10
    close: float = 0.60
    contained: float = 0.30
    merged: float = 0.40
    merge_gain: float = 0.10
    merge_min: int = 3
    ngram: int = 3
    candidates: int = 30
    max_links: int = 20
    related: float = 0.30
    unrelated: float = 0.15


@dataclass(frozen=True)
class IndependentRules:
    """Independent reports of one event: when a paragraph tells what another version tells in other words, when
    two versions only share a quotation, and when a story's versions are independent reports (see
    :mod:`framing.align.content`).

    Between two versions that copy nothing from each other (not related by ``AlignRules.related``), a body
    paragraph left ``novel`` by the copy rules is a ``paraphrase`` of a paragraph of the other version when
    the two have a TF-IDF cosine of at least ``content_cosine`` over their *content words* outside quotation
    marks (stop words out, numbers in; idf over the story's paragraphs) and share at least ``min_shared``
    separate pieces of content, counted both ways and the fewer kept (a run of shared words, such as a full
    name, counts once); failing that, it is ``shared_quote`` when a run of ``quote_words`` words it quotes is
    in the other paragraph.  A pair the copy rules call a paraphrase is ``shared_quote`` when a quoted run is
    all it shares (no content match outside the quotes).  ``content_cosine`` (0.15) and ``min_shared`` (3)
    were set on BASIL dev (40 events, each told by three independent outlets; 1,816 body paragraphs) so that
    a paragraph's best match among the articles of *another* event passes for under 1% of paragraphs (0.9%;
    its best match among the other outlets of its own event: 31%).  With 0.2: 0.5% and 21%; with 0.1: 2.4%
    and 47%; with ``min_shared`` 2 and 0.15: 2.3% and 41%.  ``quote_words`` (5): shorter runs ("out of
    control and") are common phrases.

    A story's versions are ``independent`` (``stories.csv``) when at most ``copied_share`` (0.25) of its body
    words are in ``verbatim`` or ``edited`` paragraphs: copies of one text share most of their words,
    independent reports of one event few (BASIL dev: at most 0.18 in each of the 40 events, median 0; the
    seeds, two AP copies, a rewrite and two other reports: 0.40).
    """

    content_cosine: float = 0.15
    min_shared: int = 3
    quote_words: int = 5
    copied_share: float = 0.25

    def __post_init__(self) -> None:
        check_bounds(
            self,
            shares=("content_cosine", "copied_share"),
            at_least_one=("min_shared", "quote_words"),
        )


@dataclass(frozen=True)
class SwapRules:
    """When a pair of sentences is compared and what counts as a swap."""

    min_shared: float = 0.5
    max_words: int = 3
    max_verb_run: int = 15
    context_words: int = 6


@dataclass(frozen=True)
class EditorialRules:
    """How paragraphs that read as added commentary are scored (see :mod:`framing.align.editorial`).

    ``editorial_score`` is the weighted mean of five signals in [0, 1]
    (``weights``: ``added`` 0.45, ``evaluative`` 0.30, ``tone`` 0.10,
    ``end`` 0.05, ``no_anchor`` 0.10), multiplied by ``attributed_factor``
    (0.5) when the paragraph quotes someone or reports speech with a neutral
    verb; a paragraph is ``editorial`` at ``threshold`` (0.5) or more.  The
    ``evaluative`` signal counts hits of the ``lexicons`` (evaluative, loaded,
    boosters) and is 1 at ``evaluative_density`` (8) hits per 100 words.
    The weights were set by hand from what the signals mean and checked, not
    fitted, on the seeds, hand-written stories and PolNeAR (the README gives
    the share of PolNeAR news paragraphs flagged).
    """

    weights: Mapping[str, float] = field(
        default_factory=lambda: {"added": 0.45, "evaluative": 0.30, "tone": 0.10, "end": 0.05, "no_anchor": 0.10}
    )
    attributed_factor: float = 0.5
    threshold: float = 0.5
    lexicons: tuple[str, ...] = ("evaluative", "loaded", "boosters")
    evaluative_density: float = 8.0

    def __post_init__(self) -> None:
        check_bounds(self, shares=("attributed_factor", "threshold"))
        signals = {"added", "evaluative", "tone", "end", "no_anchor"}
        if set(self.weights) != signals:
            raise ValueError(f"EditorialRules.weights must weigh exactly {', '.join(sorted(signals))}")


# --- stories -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class StoryRules:
    """Thresholds and sizes of :func:`find_stories` (similarities are in [0, 1]).

    Shared text
        ``shingle`` (3): words per shingle.  ``slots`` (64): MinHash slots
        (one-permutation bins) per paragraph and per article.  ``bands`` (16)
        and ``rows`` (4): LSH banding of those signatures; paragraphs whose
        shingles have Jaccard similarity J become candidates with probability
        ``1 - (1 - J**4)**16``: 0.64 at J = 0.5, 0.99 at 0.7, 1 for copies.
        ``min_words`` (8): paragraphs shorter than this (bylines, datelines,
        "Read more") are not matched and do not count in the containment;
        articles shorter than this are never near-duplicates.
        ``duplicate`` (0.8): estimated Jaccard of two articles' shingles at
        or above which they are near-duplicates, handled as one.
        ``contained`` (0.5): for a copy link, the paragraphs of one article
        (of ``min_words`` or more) that are near-identical to paragraphs of
        the other must make up at least this share of it, counted both in
        words and in paragraphs (so one long shared paragraph among short
        ones is not enough).  A version cut to half of its source, or a
        source extended to twice its length, has 1.0; an article sharing one
        paragraph of four with another story has 0.25.  ``copy_days`` (14):
        copy links and near-duplicates need dates at most this many days
        apart.

    The same event
        ``keywords`` (40): distinctive words kept per article (TF-IDF:
        ``(1 + ln tf) * (ln((1 + N) / (1 + df)) + 1)``, with document
        frequencies over the N articles given, stop words and numbers left
        out).  ``title_weight`` (2.0): a title word counts as this many
        occurrences.  ``name_weight`` (1.5): factor for names (words written
        with a capital and never in lower case in the article).
        ``lsh_keywords`` (20) and ``topic_bands`` (32): LSH on the set of the
        top ``lsh_keywords`` words, one slot per band, so a pair whose sets
        have Jaccard J becomes a candidate with probability
        ``1 - (1 - J)**32`` (0.96 at J = 0.1, the usual overlap of two
        outlets' reports of one event).  ``topic_similarity`` (0.2): cosine
        of the keyword vectors for a topic link between articles at most
        ``topic_days`` (4) days apart (BASIL dev's triplets: ARI 1.0 at 0.15
        and 0.2, 0.96 at 0.25; 100,000 synthetic articles about one
        election: 0.15 merged unrelated same-week stories, pairwise
        precision 0.93, against 0.97 at 0.2).  ``undated_similarity`` (0.22): the
        cosine needed when either article has no date (content only, so it
        must be stricter).

    Linkage
        ``min_link_share`` (0.5): two groups of articles merge when at least
        this share of the article pairs across them are linked (average
        linkage on links; 0.5 lets a third report join two linked ones
        through one link, but stops chains).  ``max_bucket`` (200): an LSH
        bucket of paragraphs or keywords with more members than this (within
        one date window) is common text, such as an outlet's footer: it
        proposes no pairs (the number of such buckets is logged), so the
        pairs grow linearly with the corpus.  Near-duplicate articles are
        still found in such buckets (each member is checked against the
        bucket's earliest article), so a story copied verbatim thousands of
        times stays one story.
    """

    shingle: int = 3
    slots: int = 64
    bands: int = 16
    rows: int = 4
    min_words: int = 8
    duplicate: float = 0.8
    contained: float = 0.5
    copy_days: int = 14
    keywords: int = 40
    title_weight: float = 2.0
    name_weight: float = 1.5
    lsh_keywords: int = 20
    topic_bands: int = 32
    topic_similarity: float = 0.2
    topic_days: int = 4
    undated_similarity: float = 0.22
    min_link_share: float = 0.5
    max_bucket: int = 200

    def __post_init__(self) -> None:
        check_bounds(
            self,
            shares=("duplicate", "contained", "topic_similarity", "undated_similarity", "min_link_share"),
            at_least_one=("shingle", "slots", "bands", "rows", "keywords", "lsh_keywords", "topic_bands", "max_bucket"),
            not_negative=("min_words", "copy_days", "topic_days", "title_weight", "name_weight"),
        )
        if self.bands * self.rows > self.slots:
            raise ValueError(
                f"StoryRules: {self.bands} bands x {self.rows} rows need {self.bands * self.rows} slots, "
                f"more than slots={self.slots}"
            )


@dataclass(frozen=True)
class ReuseRules:
    """Parameters of :func:`find_cross_story_reuse`.

    ``shingle`` (3): words per shingle.  ``slots`` (64): MinHash slots per
    paragraph, of which the 16 low bits are kept (a chance match costs
    1/65536); the estimated Jaccard similarity has a standard error of at
    most 0.063 (``sqrt(J * (1 - J) / 64)``).  ``bands`` (21) and ``rows`` (3): LSH banding; a pair of
    paragraphs with Jaccard J becomes a candidate with probability
    ``1 - (1 - J**3)**21``: 0.75 at 0.4, 0.94 at 0.5, 0.99 at 0.6.
    ``min_words`` (10): shorter paragraphs are skipped (datelines, credit
    lines and stock phrases that recur by chance).  ``similarity`` (0.5):
    estimated Jaccard at or above which two paragraphs are near-identical.
    ``contained`` (0.8) and ``min_length_ratio`` (0.5): a pair is also
    near-identical when the estimated share of the shorter paragraph's
    shingles inside the longer one reaches ``contained`` and the shorter has
    at least ``min_length_ratio`` of the longer one's shingles (a paragraph
    cut short).  ``max_partners`` (25): each paragraph is paired with at
    most this many paragraphs of other stories, the most similar first (its
    own text's copies, then the nearest texts), each text's copies in
    (story, article, paragraph) order.  ``max_bucket`` (500): an LSH bucket
    with more distinct texts than this pairs each with the bucket's first
    text only (enough to find a family of near-copies, and linear).
    """

    shingle: int = 3
    slots: int = 64
    bands: int = 21
    rows: int = 3
    min_words: int = 10
    similarity: float = 0.5
    contained: float = 0.8
    min_length_ratio: float = 0.5
    max_partners: int = 25
    max_bucket: int = 500

    def __post_init__(self) -> None:
        check_bounds(
            self,
            shares=("similarity", "contained", "min_length_ratio"),
            at_least_one=("shingle", "slots", "bands", "rows", "max_partners", "max_bucket"),
            not_negative=("min_words",),
        )
        if self.bands * self.rows > self.slots:
            raise ValueError(
                f"ReuseRules: {self.bands} bands x {self.rows} rows need {self.bands * self.rows} slots, "
                f"more than slots={self.slots}"
            )


# --- all of them ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Settings:
    """Everything a measurement depends on besides the article: the lexicons and the rules of every stage.

    Build it with :func:`settings_for`; change a rule with
    ``dataclasses.replace(settings, swaps=SwapRules(max_words=2))``.  Each
    field is recorded in the run manifest under its own name.
    """

    lexicons: Mapping[str, Lexicon]
    term_lexicons: tuple[str, ...] = TERM_LEXICONS
    clean: CleanRules = field(default_factory=CleanRules)
    sentiment: SentimentRules = field(default_factory=SentimentRules)
    attribution: AttributionRules = field(default_factory=AttributionRules)
    align: AlignRules = field(default_factory=AlignRules)
    swaps: SwapRules = field(default_factory=SwapRules)
    editorial: EditorialRules = field(default_factory=EditorialRules)
    #: Independent reports of one event: same content in other words, shared quotations (``shared_quote``).
    independent: IndependentRules = field(default_factory=IndependentRules)
    #: The slant model (``None`` leaves the ``slant`` column empty).
    slant_model: SlantModel | None = None
    #: The loaded-language model: words it scores at or above its threshold become ``terms.csv`` rows of the
    #: lexicon ``loaded_model``, and ``loaded`` rows carry its ``score`` (``None``: neither).
    loaded_model: LoadedModel | None = None
    #: The learned attribution tagger combined with the rules (``None``: the rules alone, ``--attribution rules``).
    attribution_model: AttributionModel | None = None
    #: The frame model (a :class:`framing.frames.FrameClassifier`; ``None`` leaves ``frames.csv`` empty).  The run
    #: loads the built-in one unless told otherwise (``RunOptions.frames``, ``--frames``).
    frame_model: Any = None
    #: How stories are found with ``story="auto"`` (``--story auto``).
    story_rules: StoryRules = field(default_factory=StoryRules)
    #: How paragraphs reused across stories are found (``cross_reuse.csv``).
    cross_reuse: ReuseRules = field(default_factory=ReuseRules)

    def parameters(self) -> dict[str, Any]:
        """The settings as plain values, for the run manifest: every field but the lexicons (recorded apart)."""
        return {f.name: _plain(getattr(self, f.name)) for f in fields(self) if f.name != "lexicons"}


def _plain(value: Any) -> Any:
    """A rule as JSON-ready values: what an object says of itself (``parameters()``, a learned model's
    provenance), dataclasses as dicts (without their lexicons), tuples as lists."""
    if callable(getattr(value, "parameters", None)):
        return value.parameters()
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value) if not f.metadata.get("lexicon")}
    if isinstance(value, Mapping):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, (tuple, list)):
        return [_plain(item) for item in value]
    return value


#: How attributions are found: the learned tagger combined with the rules (the default), or the rules alone.
ATTRIBUTION_MODES = ("learned", "rules")


def settings_for(
    lexicons: Sequence[Lexicon | str | Path] = (),
    *,
    slant: bool = True,
    loaded_model: bool = True,
    attribution: str = "learned",
) -> Settings:
    """Settings with the built-in lexicons, replaced or extended by the user's.

    A user lexicon whose ``name`` is that of a built-in one replaces it (a
    new ``loaded`` list); any other name adds a lexicon whose hits go to
    ``terms.csv``.  ``slant=False`` leaves the slant model out,
    ``loaded_model=False`` the loaded-language model and
    ``attribution="rules"`` the attribution model (:data:`ATTRIBUTION_MODES`).
    """
    if attribution not in ATTRIBUTION_MODES:
        raise FramingError(f"attribution must be 'learned' or 'rules', not {attribution!r}")
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
        clean=CleanRules(boilerplate=chosen["boilerplate"], agencies=chosen["news_agencies"]),
        attribution=AttributionRules(cues=chosen["reporting_verbs"], titles=chosen["person_titles"]),
        slant_model=load_slant_model() if slant else None,
        loaded_model=load_loaded_model() if loaded_model else None,
        attribution_model=load_attribution_model() if attribution == "learned" else None,
    )
