"""The align stage: reuse classes, merges, omissions, swaps, editorial paragraphs, on the seeds and other shapes."""

from __future__ import annotations

import pytest

from framing.align.matching import Unit, align_units
from framing.align.swaps import find_swaps
from framing.run.pipeline import analyze
from tests.conftest import SEED_IDS

AP, COPY, REWRITE, VOA, TIMENEWS = (SEED_IDS[k] for k in ("ap", "republished", "rewrite", "voa", "timenews"))


def body(result, article_id):
    paragraphs = result.paragraphs
    return paragraphs[(paragraphs["article_id"] == article_id) & (paragraphs["role"] == "body")].reset_index(drop=True)


# --- the seeds ------------------------------------------------------------------------------


def test_seed_ap_story_and_its_republication_align_as_copies(seeds_result):
    ap = body(seeds_result, AP)
    assert len(ap) == 13
    assert set(ap["reuse"]) <= {"verbatim", "edited"}
    assert set(ap["match_article"]) == {COPY}
    assert ap["match_paragraph"].astype(int).tolist() == body(seeds_result, COPY)["paragraph"].tolist()
    first = ap.iloc[0]  # curly versus straight quotes and the dropped "(AP)" are edits, not rewrites
    assert first["reuse"] == "edited" and first["match_score"] > 0.9


def test_seed_rewrite_paraphrases_its_first_half_and_adds_the_rest(seeds_result):
    rewrite = body(seeds_result, REWRITE)
    assert rewrite["reuse"].tolist() == ["paraphrase"] * 3 + ["novel"] * 4
    assert set(rewrite["match_article"].dropna()) <= {AP, COPY}


def test_seed_rewrite_second_paragraph_merges_several_source_paragraphs(seeds_result):
    alignments = seeds_result.alignments
    merged = alignments[
        (alignments["article_a"] == AP) & (alignments["article_b"] == REWRITE) & (alignments["paragraph_b"] == 1)
    ]
    assert len(merged) >= 4  # one rewritten paragraph, four or more AP paragraphs


def test_seed_editorial_paragraphs_are_the_rewrites_commentary(seeds_result):
    rewrite = body(seeds_result, REWRITE)
    assert rewrite["editorial"].tolist()[4:] == [True, True, True]
    assert not rewrite["editorial"].tolist()[0]
    for article_id in (AP, COPY):
        assert not body(seeds_result, article_id)["editorial"].any()
    evidence = rewrite.loc[4, "editorial_evidence"]
    assert "added: in no other version" in evidence and "'rooted in'" in evidence
    assert all(0 <= s <= 1 for s in seeds_result.paragraphs["editorial_score"].dropna())


def test_seed_insisted_becomes_confirmed(seeds_result):
    swaps = seeds_result.substitutions
    verb = swaps[(swaps["removed"] == "insisted") & (swaps["added"] == "confirmed")]
    assert set(verb["article_a"]) <= {AP, COPY} and set(verb["article_b"]) == {REWRITE}
    assert set(verb["kind"]) == {"reporting_verb"}
    row = verb.iloc[0]
    assert row["context_a"].startswith("stance emphatic:") and row["context_b"].startswith("stance endorsing:")
    assert "[insisted]" in row["context_a"] and "[confirmed]" in row["context_b"]


def test_seed_reports_of_other_events_are_mostly_novel(seeds_result):
    # VOA and Time News copy nothing; only their background on the Banjska attack and the 1999 bombing is told
    # by another version too (a paraphrase of its content, framing.align.content), the rest is novel
    for article_id in (VOA, TIMENEWS):
        reuse = body(seeds_result, article_id)["reuse"]
        assert (reuse == "novel").mean() >= 0.6
        assert set(reuse) <= {"novel", "paraphrase"}


def test_seed_omissions_of_the_rewrite_leave_out_merged_paragraphs(seeds_result):
    omissions = seeds_result.omissions
    rewrite = omissions[omissions["article_id"] == REWRITE]
    assert set(rewrite["ref_paragraph"]) == {8, 11, 12, 14, 16}
    assert set(rewrite["ref_article"]) == {AP}  # one row per piece of content, not one per copy
    assert set(rewrite["present_in"]) == {2}
    assert rewrite["text"].str.startswith("“We are cautious").any()
    assert not omissions["article_id"].isin([AP, COPY]).any()


def test_seed_article_columns(seeds_result):
    articles = seeds_result.articles.set_index("article_id")
    assert articles.loc[AP, "novel_share"] == 0 and articles.loc[AP, "editorial_paragraphs"] == 0
    assert 0.4 < articles.loc[REWRITE, "novel_share"] < 0.7
    assert articles.loc[REWRITE, "editorial_paragraphs"] >= 3


def test_seed_sentences_have_reuse_and_slant(seeds_result):
    sentences = seeds_result.sentences
    assert sentences["reuse"].notna().all()
    assert sentences["slant"].between(0, 1).all()
    rewrite = sentences[sentences["article_id"] == REWRITE]
    assert rewrite["reuse"].tolist()[-8:] == ["novel"] * 8


def test_alignment_origin_follows_dates_then_content(seeds_result):
    alignments = seeds_result.alignments
    to_rewrite = alignments[(alignments["article_a"] == AP) & (alignments["article_b"] == REWRITE)]
    assert set(to_rewrite["origin"]) <= {AP, ""}
    assert (to_rewrite["origin"] == AP).any()


# --- other shapes -----------------------------------------------------------------------------

STORY = [
    {
        "id": "wire",
        "story": "flood",
        "date": "2024-05-01",
        "text": "Flood\n\n"
        "Floodwaters rose across the valley on Monday, forcing 2,000 people from their homes, officials said.\n\n"
        "“We have never seen water this high,” said Mayor Lena Ortiz, who toured the shelters.\n\n"
        "The river crested at 9 meters near the old bridge, the weather service said.\n\n"
        "Repairs to the levee were delayed last year because of a budget dispute.",
    },
    {
        "id": "copy",
        "story": "flood",
        "date": "2024-05-01",
        "text": "Flood\n\n"
        "Floodwaters rose across the valley on Monday, forcing 3,000 people from their homes, officials said.\n\n"
        "“We have never seen water this high,” said Mayor Lena Ortiz, who toured the shelters.\n\n"
        "The river crested at 9 meters near the old bridge, the weather service said.",
    },
    {
        "id": "blog",
        "story": "flood",
        "date": "2024-05-02",
        "text": "Flood\n\n"
        "Thousands fled rising water on Monday as the river crested at 9 meters near the old bridge, "
        "forcing 2,000 people from their homes.\n\n"
        "Ultimately, this disaster is rooted in years of neglect, and the council must finally fund the levee "
        "instead of wasting money on vanity projects. Residents deserve better than broken promises.",
    },
]


@pytest.fixture(scope="module")
def flood():
    return analyze(STORY)


def test_number_swap_in_an_edited_copy(flood):
    swaps = flood.substitutions
    numbers = swaps[swaps["kind"] == "number"]
    assert numbers[["removed", "added"]].values.tolist() == [["2,000", "3,000"]]


def test_trimmed_paragraph_is_an_omission_of_the_copy(flood):
    omissions = flood.omissions
    copy = omissions[omissions["article_id"] == "copy"]
    assert copy["text"].tolist() == ["Repairs to the levee were delayed last year because of a budget dispute."]


def test_blog_merges_two_wire_paragraphs_and_adds_commentary(flood):
    blog = body(flood, "blog")
    assert blog["reuse"].tolist() == ["paraphrase", "novel"]
    assert blog["editorial"].tolist() == [False, True]
    alignments = flood.alignments
    merged = alignments[(alignments["article_b"] == "blog") & (alignments["paragraph_b"] == blog.loc[0, "paragraph"])]
    assert {1, 3} <= set(merged.loc[merged["article_a"] == "wire", "paragraph_a"])


def test_one_to_many_merge_in_align_units():
    texts = [
        ("a", 0, "Floodwaters rose across the valley on Monday and forced two thousand people from their homes."),
        ("a", 1, "The river crested at nine meters near the old bridge according to the weather service."),
        ("b", 0, "Floodwaters rose across the valley on Monday. The river crested at nine meters near the old bridge."),
    ]
    units = [Unit.make(i, a, 0 if a == "a" else 1, n, t) for i, (a, n, t) in enumerate(texts)]
    aligned = align_units(units)
    assert aligned.reuse[2].reuse == "paraphrase"
    assert {p.a for p in aligned.pairs if p.b == 2} == {0, 1}


def test_rewritten_clause_yields_no_swaps():
    assert (
        find_swaps("The council approved the budget after a long debate.", "Voters were furious about taxes again.")
        == []
    )


@pytest.mark.parametrize(
    ("a", "b", "kind"),
    [
        ("Critics said the plan was bold.", "Critics said the plan was reckless.", "loaded_term"),
        ("The plan will cost 5 million.", "The plan will cost 7 million.", "number"),
        ("The plan will pass, Ortiz said.", "The plan will pass, Smith said.", "name"),
        ("The plan will pass.", "The plan may pass.", "hedge"),
        ("The council met in the hall.", "The council met in the library.", "other"),
    ],
)
def test_swap_kinds_come_from_the_lexicons(a, b, kind):
    [swap] = find_swaps(a, b)
    assert swap.kind == kind


# --- edge cases -----------------------------------------------------------------------------------


def test_story_with_one_version_has_empty_alignment_columns_and_a_note():
    result = analyze([{"id": "only", "story": "solo", "text": "Title\n\nIt rained all day, officials said."}])
    assert result.paragraphs["reuse"].isna().all()
    assert result.alignments.empty and result.omissions.empty
    assert "story 'solo' has one version" in result.summary()
    assert result.paragraphs.loc[result.paragraphs["role"] == "body", "editorial_score"].notna().all()


def test_exact_duplicates_are_verbatim_and_reported():
    text = "Title\n\nIt rained all day in Riverton, officials said on Monday."
    result = analyze([{"id": "a", "story": "s", "text": text}, {"id": "b", "story": "s", "text": text}])
    assert set(result.paragraphs["reuse"].dropna()) == {"verbatim"}
    [problem] = result.problems.to_dict(orient="records")
    assert problem["input"] == "b" and "exact duplicate of 'a'" in problem["message"]


def test_version_empty_after_cleaning_is_reported_and_others_still_align():
    result = analyze(
        [
            {"id": "a", "story": "s", "text": "Title\n\nIt rained all day in Riverton, officials said on Monday."},
            {"id": "b", "story": "s", "text": "Title\n\nIt rained all day in Riverton, officials said on Monday."},
            {"id": "c", "story": "s", "text": "Share\n\nAdvertisement"},
        ]
    )
    assert "no body text after cleaning" in " ".join(result.problems["message"])
    assert set(result.paragraphs["reuse"].dropna()) == {"verbatim"}


def test_versions_in_other_scripts_are_novel_without_crashing():
    result = analyze(
        [
            {
                "id": "en",
                "story": "s",
                "text": "Title\n\nThe minister resigned on Monday after the vote, officials said.",
            },
            {"id": "ru", "story": "s", "text": "Заголовок\n\nМинистр ушел в отставку в понедельник после голосования."},
            {"id": "zh", "story": "s", "text": "标题\n\n部长在投票后于星期一辞职。"},
        ]
    )
    assert set(result.paragraphs["reuse"].dropna()) == {"novel"}


def test_a_reporting_verb_inside_a_token_of_a_rewritten_run_is_still_a_swap():
    # "2h-praised" is two tokens ("2", "h-praised") and the verb lies inside the second
    a = "In a statement the mayor 2h-praised the plan warmly and at length for the river."
    b = "In a statement the union leader bitterly 2h-denied ever supporting such a plan for the river."
    swaps = find_swaps(a, b)
    verbs = [s for s in swaps if s.kind == "reporting_verb"]
    assert verbs and verbs[0].removed == "praised" and verbs[0].added == "denied"
    assert "h-praised" in verbs[0].context_a
