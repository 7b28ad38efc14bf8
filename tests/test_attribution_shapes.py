"""Attribution rules on hand-written sentences of several shapes each (not PolNeAR's): each rule must hold
on text it was not tuned on."""

from __future__ import annotations

import pytest

from framing.measure.attribution import find_attributions, headline_sentences
from tests.conftest import attributions


def triples(body: str) -> list[tuple[str, str, str]]:
    return [(r.speaker_mention, r.cue, r.content) for r in attributions(body)]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "''We will win,'' said Tim Selaty, an organizer.",
            [("Tim Selaty", "said", "''We will win,''")],
        ),
        ("''It is over,'' Ms. Gil said on Friday.", [("Ms. Gil", "said on Friday", "''It is over,''")]),
        ("The mayor said: ''We will rebuild.''", [("The mayor", "said", "''We will rebuild.''")]),
    ],
)
def test_doubled_apostrophes_are_quote_marks(body, expected):
    assert triples(body) == expected


@pytest.mark.parametrize(
    ("body", "content"),
    [
        ("“It is calm,” Rama said, “and it will stay so.”", "“It is calm,” Rama said, “and it will stay so.”"),
        ("“It is calm,” said the minister, “for now.”", "“It is calm,” said the minister, “for now.”"),
        (
            "''We lost,'' the coach said after the game, ''but we learned.''",
            "''We lost,'' the coach said after the game, ''but we learned.''",
        ),
        (
            "The new budget, officials said, would cut the deficit by half.",
            "The new budget, officials said, would cut the deficit by half",
        ),
    ],
)
def test_a_source_and_cue_that_interrupt_their_content(body, content):
    [row] = attributions(body)
    assert row.content == content
    assert row.kind in {"direct", "indirect"}  # the interrupting source and cue do not make it partial


@pytest.mark.parametrize(
    ("body", "content"),
    [
        ("In the end, Mr. Rosenthal said, union voters always come home.", "union voters always come home"),
        ("Six months ago, the senator said, the media ignored him.", "the media ignored him"),
        ("Recently, she said, the mood has changed.", "the mood has changed"),
    ],
)
def test_after_a_short_opening_phrase_the_content_follows(body, content):
    [row] = [r for r in attributions(body) if r.cue == "said"]
    assert row.content == content


@pytest.mark.parametrize(
    ("body", "cue", "content"),
    [
        ("“Lay off him,” Harry Reid told reporters in Washington.", "told", "“Lay off him,”"),
        ("“We should go,” said Sen. Jeff Merkley of Oregon, a close ally.", "said", "“We should go,”"),
        ("“It is done,” the mayor wrote to the council on Monday.", "wrote", "“It is done,”"),
    ],
)
def test_after_a_quotation_the_words_after_the_cue_are_not_the_content(body, cue, content):
    [row] = attributions(body)
    assert (row.cue, row.content) == (cue, content)


def test_a_sentence_of_only_a_source_and_cue_takes_the_quotation_before_it():
    [row] = attributions("“Is it over, ma’am?” Trump said.")
    assert (row.speaker, row.content, row.kind) == ("Trump", "“Is it over, ma’am?”", "direct")
    [row] = attributions("“Who knows?” asked the minister.")
    assert (row.speaker_mention, row.content) == ("the minister", "“Who knows?”")


@pytest.mark.parametrize(
    ("body", "source", "cue", "content"),
    [
        (
            "A spokesman declined to comment on the audit but said the books were in order.",
            "A spokesman",
            "said",
            "the books were in order",
        ),
        ("The governor toured the plant and said the jobs would stay.", "The governor", "said", "the jobs would stay"),
        (
            "Ms. Ortiz visited the school, but warned that funds were short.",
            "Ms. Ortiz",
            "warned",
            "that funds were short",
        ),
    ],
)
def test_a_second_predicate_takes_the_subject_of_its_clause(body, source, cue, content):
    rows = [r for r in attributions(body) if r.cue == cue]
    assert [(r.speaker_mention, r.content) for r in rows] == [(source, content)]


@pytest.mark.parametrize(
    "body",
    [
        "Abortion rights advocates said the ruling changed little.",
        "Party activists said the vote was close.",
        "Consumer advocates warned that prices would rise.",
    ],
)
def test_a_cue_word_that_heads_the_subject_is_a_noun(body):
    [row] = attributions(body)
    assert row.speaker_mention == body.split(" said")[0].split(" warned")[0]


@pytest.mark.parametrize(
    "body",
    [
        "He appeared on the TV show on Sunday.",
        "The candidate appeared at a rally in Ohio.",
        "The senator was admitted to the hospital on Friday.",
        "Hundreds of voters showed up early.",
        "There is no doubt about the result.",
        "All the more reason to consider the plan.",
        "Children use an action figure to bash the house.",
    ],
)
def test_cue_words_in_a_sense_that_is_not_speech(body):
    assert attributions(body) == []


def test_cue_words_keep_their_speech_sense():
    assert [r.cue for r in attributions("He admitted to using a private server.")] == ["admitted"]
    assert [r.cue for r in attributions("Clinton appeared to soften her stance.")] == ["appeared"]


@pytest.mark.parametrize(
    ("body", "cue", "content"),
    [
        ("Trump talked about the wall with reporters.", "talked about", "the wall with reporters"),
        ("She called for a ban on assault weapons.", "called for", "a ban on assault weapons"),
        ("The union argued against the merger.", "argued against", "the merger"),
        ("He argued with Rubio that taxes were too high.", "argued", "with Rubio that taxes were too high"),
    ],
)
def test_a_preposition_that_opens_the_content_is_part_of_the_cue(body, cue, content):
    [row] = attributions(body)
    assert (row.cue, row.content) == (cue, content)


@pytest.mark.parametrize(
    ("body", "content"),
    [
        ("He told the crowd at the annual gala how he saved the hotel.", "how he saved the hotel"),
        ("Valls told French channel BFM TV that the driver had fired.", "that the driver had fired"),
        ("She asked the committee whether the funds were spent.", "whether the funds were spent"),
        ("Trump wrote on Facebook: “Anyone can do it.”", "“Anyone can do it.”"),
    ],
)
def test_the_content_after_an_addressee_or_a_colon(body, content):
    [row] = attributions(body)
    assert row.content == content


@pytest.mark.parametrize(
    ("body", "speaker", "content"),
    [
        ("JAKE TAPPER: Donald Trump released a video today. Do you agree?", "JAKE TAPPER", None),
        (
            "Lessons of the night - Carl Bialik: “One lesson was a simple one.” More followed.",
            "Carl Bialik",
            "“One lesson was a simple one.”",
        ),
        ("Matthews: Well, speculation is bad for all of us.", "Matthews", "Well, speculation is bad for all of us."),
    ],
)
def test_colon_cues(body, speaker, content):
    [row] = [r for r in attributions(body) if r.cue == ":"]
    assert row.speaker_mention == speaker
    assert row.content == (content or body[len(speaker) + 2 :])


@pytest.mark.parametrize(
    "body",
    [
        "Editor's Note: The following is an excerpt of a longer essay.",
        "Photo: A crowd gathers in Des Moines before the caucus.",
        "Clinton: 1,769.",
        "Iowa: Tim Albrecht, Brad Anderson, Rob Barron, Jeff Boeyink.",
        "Rubio: Finish second.",
        "The plan has three parts: taxes, spending and the debt.",
    ],
)
def test_a_colon_after_a_label_or_before_a_list_is_no_cue(body):
    assert [r for r in attributions(body) if r.cue == ":"] == []


@pytest.mark.parametrize(
    ("body", "source", "cue"),
    [
        ("Aides rejected her claim that the server was secure.", "her", "claim"),
        ("Trump’s suggestion that the vote was rigged drew rebukes.", "Trump’s", "suggestion"),
        ("Voters doubted his firm promise that taxes would fall.", "his", "firm promise"),
    ],
)
def test_nominal_cues_with_an_owner_and_a_that_clause(body, source, cue):
    rows = [r for r in attributions(body) if r.cue == cue]
    assert [(r.speaker_mention, r.content.split()[0]) for r in rows] == [(source, "that")]


def test_nominal_cues_without_an_owner_or_a_that_clause_are_no_attribution():
    assert attributions("The report that the talks failed was wrong.") == []
    assert attributions("His claims about the court were false.") == []


@pytest.mark.parametrize(
    ("body", "cue", "content"),
    [
        ("Asked why he had not endorsed her, Sanders shrugged.", "Asked", "why he had not endorsed her"),
        ("When asked about the wall, Trump smiled.", "asked about", "the wall"),
        ("Pressed on the budget, the senator walked away.", "Pressed", "on the budget"),
    ],
)
def test_a_participle_that_opens_the_sentence_has_no_source(body, cue, content):
    [row] = [r for r in attributions(body) if r.cue == cue]
    assert (row.speaker_start, row.content) == (None, content)


@pytest.mark.parametrize(
    ("body", "source", "cue"),
    [
        ("Others went further, with Gov. Martin O’Malley calling Trump a fascist.", "Gov. Martin O’Malley", "calling"),
        ("The head of the Super PAC backing Jeb Bush resigned.", "the Super PAC", "backing"),
        ("The emails included staff members suggesting a new tactic.", "staff members", "suggesting"),
    ],
)
def test_a_participle_after_its_noun_takes_the_noun_phrase_as_source(body, source, cue):
    [row] = [r for r in attributions(body) if r.cue == cue]
    assert row.speaker_mention == source


def test_a_time_owns_no_claim():
    assert [r.cue for r in attributions("At Wednesday’s talks that ended late, nothing was agreed.")] == []
    assert [r.cue for r in attributions("Today's reports that the vote failed were wrong.")] == []


def test_a_quotation_signed_with_a_dash_in_the_next_paragraph():
    body = (
        "The senator spoke at length about the border and the budget on Monday.\n\n"
        "“Stop it now and go home to your families.”\n\n-Michelle Marks\n\n"
        "The crowd cheered loudly for several minutes after that."
    )
    [row] = [r for r in attributions(body) if r.cue == "-"]
    assert (row.speaker, row.content) == ("Michelle Marks", "“Stop it now and go home to your families.”")


@pytest.mark.parametrize(
    ("headline", "expected"),
    [
        ("Pence Endorses Paul Ryan With Trump’s Blessing.", ("Pence", "Endorses")),
        ("Rush Limbaugh Explains The Democrats’ Opposition.", ("Rush Limbaugh", "Explains")),
        ("Carly Fiorina: ‘Bill Clinton Is Fair Game.’", ("Carly Fiorina", ":")),
        ("Justice vows to be more careful with her opinions.", ("Justice", "vows")),
    ],
)
def test_headline_attributions_in_title_case(headline, expected):
    text = headline + "\n\nThe body of the story follows here."
    rows = find_attributions(text, [], [], headline=headline_sentences(text, 0, len(headline)))
    assert [(r.speaker_mention, r.cue) for r in rows][:1] == [expected]
    assert all(r.sentence == -1 for r in rows)


def test_headline_words_that_are_no_cue():
    for headline in ("Bernie Sanders Beats Hillary Clinton In Oklahoma.", "Secretary of State Visits Paris."):
        text = headline + "\n\nThe body."
        assert find_attributions(text, [], [], headline=headline_sentences(text, 0, len(headline))) == []
