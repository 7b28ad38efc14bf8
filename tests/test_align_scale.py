"""Align at scale (issue 18, items 11 and 12): sparse cosines give the links a plain computation gives, and a
story of unrelated texts is reported with a suggestion to group them by content."""

from __future__ import annotations

import math
import random
import sys
from collections import Counter
from pathlib import Path

from framing.align.matching import Unit, _copy_clusters, _merge, align_units
from framing.align.unrelated import UNRELATED_MARK, median_similarity
from framing.align.vectors import pair_dots, shared_candidates, tfidf_matrix
from framing.read import load
from framing.read.datasets.basil import read_basil
from framing.run import analyze
from framing.settings import AlignRules
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))

import align_measure

SEEDS = ROOT / "seeds"

#: A story of four versions: a wire text, a light edit, a rewrite that keeps most words, one that condenses two
#: paragraphs into one, and a version about something else.
STORY = {
    "wire": [
        "Albania's prime minister Edi Rama urged NATO allies on Wednesday to send more troops to the border.",
        "Rama said the alliance had strengthened its presence in the region since the spring.",
        "The talks in Brussels ended without a joint statement, officials said.",
        "Serbia's president Aleksandar Vucic called the request a provocation and recalled his envoy.",
    ],
    "edit": [
        "Albanian prime minister Edi Rama urged NATO allies on Wednesday to send more troops to the border.",
        "Rama said the alliance had strengthened its presence in the region since the spring.",
        "Serbian president Aleksandar Vucic called the request a provocation and recalled his envoy at once.",
    ],
    "rewrite": [
        "On Wednesday NATO allies were urged by Edi Rama, Albania's premier, to send troops to the border.",
        "The Brussels talks ended with no joint statement; the alliance has strengthened its regional presence.",
        "Vucic, Serbia's president, recalled his envoy, calling the request a provocation.",
    ],
    "other": [
        "Heavy rain flooded the valley roads overnight and forecasters expect more storms on Friday.",
        "The football club sacked its coach after a fourth defeat in a row.",
    ],
}


def story_units() -> list[Unit]:
    units, uid = [], 0
    for version, (article, paragraphs) in enumerate(STORY.items()):
        for number, text in enumerate(paragraphs):
            units.append(Unit.make(uid, article, version, number, text))
            uid += 1
    return units


def reference_tfidf(documents: dict[int, tuple[str, ...]]) -> dict[int, dict[str, float]]:
    """TF-IDF as the textbook says (sublinear tf, smoothed idf, L2 norm), as plain dicts."""
    df = Counter(token for tokens in documents.values() for token in set(tokens))
    idf = {token: math.log((1 + len(documents)) / (1 + n)) + 1 for token, n in df.items()}
    out = {}
    for key, tokens in documents.items():
        weights = {t: (1 + math.log(c)) * idf[t] for t, c in Counter(tokens).items()}
        norm = math.sqrt(sum(w * w for w in weights.values()))
        out[key] = {t: w / norm for t, w in weights.items()}
    return out


def reference_links(units: list[Unit], rules: AlignRules) -> tuple[dict[int, set[int]], dict[int, float]]:
    """The paraphrase links and nearest cosines computed straightforwardly: every representative against every
    other one that shares a word or n-gram and has a member in another version, cosines as dict products."""
    by_id = {u.uid: u for u in units}
    _clusters, members = _copy_clusters(units, rules)
    reps = [r for r in members if by_id[r].tokens]
    vectors = reference_tfidf({r: by_id[r].tokens for r in reps})
    versions = {r: {by_id[m].version for m in members[r]} for r in reps}
    links: dict[int, set[int]] = {r: set() for r in members}
    nearest = {}
    for rep in reps:
        unit, features = by_id[rep], by_id[rep].shingles | frozenset(by_id[rep].tokens)
        found = [
            c
            for c in reps
            if c != rep
            and features & (by_id[c].shingles | frozenset(by_id[c].tokens))
            and (versions[c] - versions[rep] or len(versions[rep]) > 1)
        ]
        if not found:
            continue
        cosines = {c: sum(w * vectors[c].get(t, 0.0) for t, w in vectors[rep].items()) for c in found}
        nearest[rep] = round(max(cosines.values()), 4)
        chosen = set()
        for c in found:
            shared = len(unit.shingles & by_id[c].shingles)
            inside, back = shared / len(unit.shingles), shared / len(by_id[c].shingles)
            if (
                cosines[c] >= rules.close
                or inside >= rules.contained
                or (cosines[c] >= rules.paraphrase and max(inside, back) >= rules.overlap)
            ):
                chosen.add(c)
        chosen |= _merge(unit, [c for c in found if c not in chosen], by_id, rules, covered=chosen)  # same code
        for c in chosen:
            links[rep].add(c)
            links[c].add(rep)
    return links, nearest


def test_sparse_links_are_those_of_a_plain_computation_on_a_hand_written_story():
    units, rules = story_units(), AlignRules()
    aligned = align_units(units, rules)
    links, nearest = reference_links(units, rules)
    assert aligned.links == links
    assert aligned.nearest == nearest
    assert any(links.values())  # the story has paraphrase links to compare, not only copies and novel text


def test_sparse_cosines_match_dict_cosines_for_every_pair():
    units = story_units()
    documents = {u.uid: u.tokens for u in units}
    vectors = reference_tfidf(documents)
    matrix = tfidf_matrix(list(documents.values()))
    left, right = zip(*[(a, b) for a in range(len(units)) for b in range(len(units))], strict=True)
    dots = pair_dots(matrix, left, right)
    for a, b, value in zip(left, right, dots, strict=True):
        expected = sum(w * vectors[b].get(t, 0.0) for t, w in vectors[a].items())
        assert abs(value - expected) < 1e-12


def test_shared_candidates_rank_by_shared_features_then_key_and_skip_common_ones():
    rng = random.Random(3)
    features = [frozenset(rng.sample("abcdefghijklmnop", 5)) | {"everywhere"} for _ in range(40)]
    keys = [100 + 2 * i for i in range(40)]
    found = shared_candidates(features, limit=7, common=30, keys=keys)
    for i, held in enumerate(features):
        counts = {j: len((held & other) - {"everywhere"}) for j, other in enumerate(features) if j != i}
        expected = sorted((j for j, n in counts.items() if n), key=lambda j: (-counts[j], keys[j]))[:7]
        assert found[i] == expected
    assert shared_candidates(features, limit=7, common=30, keys=keys, rows=[5, 2]) == [found[5], found[2]]


UNRELATED = {
    "rain.txt": "Floods in the valley\n\nHeavy rain flooded the valley roads overnight, and forecasters said more "
    "storms would reach the coast on Friday.\n\nFarmers in the lowlands moved their cattle to higher fields.",
    "coach.txt": "Club sacks coach\n\nThe football club sacked its coach after a fourth defeat in a row, the "
    "chairman told supporters.\n\nThe assistant coach will lead training until the end of the season.",
    "court.txt": "Mayor's appeal fails\n\nThe appeals court upheld the fraud conviction of the former mayor, "
    "who had taken bribes from builders.\n\nHis lawyers said they would go to the supreme court.",
    "bread.txt": "A better loaf\n\nKnead the dough for ten minutes, then let it rise in a warm kitchen until "
    "it has doubled.\n\nBake the loaf in a hot oven for forty minutes.",
}


def test_a_folder_of_unrelated_texts_is_reported_as_one_and_the_summary_suggests_story_auto(tmp_path):
    folder = tmp_path / "mixed"
    folder.mkdir()
    for name, text in UNRELATED.items():
        (folder / name).write_text(text, encoding="utf-8")
    result = analyze(folder)
    problems = result.tables["problems"]
    rows = problems[problems["message"].str.contains(UNRELATED_MARK, regex=False)]
    assert len(rows) == 1
    row = rows.iloc[0]
    assert row["input"] == "mixed" and row["severity"] == "warning"
    assert "story 'mixed'" in row["message"] and "--story auto" in row["message"]
    lines = [line for line in result.summary().splitlines() if "--story auto" in line]
    assert len(lines) == 1 and "'mixed'" in lines[0]


def test_a_real_multi_outlet_story_gets_no_unrelated_warning():
    result = analyze(SEEDS)
    assert result.tables["articles"]["story"].nunique() == 1
    assert not result.tables["problems"]["message"].str.contains(UNRELATED_MARK, regex=False).any()
    assert "--story auto" not in result.summary()


def _body(text: str) -> list[str]:
    return [p for p in text.split("\n\n") if p.strip()][1:]


def test_unrelated_rule_separates_basil_stories_from_a_flat_polnear_folder(data_dir):
    rules = AlignRules()
    basil: dict[str, list[list[str]]] = {}
    for article in read_basil(data_dir / "basil-dev").corpus.articles:
        basil.setdefault(str(article.story), []).append(_body(article.text))
    assert min(median_similarity(versions) for versions in basil.values()) >= rules.unrelated
    polnear = [_body(a.text) for a in load(Path(data_dir) / "polnear-train" / "text").articles]
    assert median_similarity(polnear) < rules.unrelated


def test_align_measure_benchmark_times_both_stages_in_one_run():
    found = align_measure.stage_seconds(load(SEEDS))
    assert found["seconds"]["measure"] > 0 and found["seconds"]["align"] > 0
    assert found["stories"] == 1 and found["largest_story"] == 5 and found["alignments"] > 0
