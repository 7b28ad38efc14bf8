"""PolNeAR: reading brat standoff files, scoring attribution spans, and the real held-out numbers."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from framing.cli import main
from framing.evaluate import polnear_evaluation, polnear_scores, polnear_split
from framing.read.datasets.polnear import read_polnear

TEXT = "Title.\n\nRama said the border was closed. “We will act,” Stoltenberg said.\n"


def write_polnear(root, annotations: str) -> None:
    (root / "text").mkdir()
    (root / "attributions").mkdir()
    (root / "text" / "a.txt").write_text(TEXT)
    (root / "attributions" / "a_b1.ann").write_text(annotations)
    (root / "attributions" / "a_a0.ann").write_text(annotations)
    (root / "metadata.tsv").write_text(
        "compartment\tfilename\tpublisher\tpublication_date\ttitle\ntrain\ta\tnyt\t2016-01-01\tTitle\n"
    )


def span(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


def ann_line(key: str, role: str, part: str) -> str:
    start, end = span(TEXT, part)
    return f"{key}\t{role} {start} {end}\t{part}\n"


ANNOTATIONS = (
    ann_line("T1", "Source", "Rama")
    + ann_line("T2", "Cue", "said")
    + ann_line("T3", "Content", "the border was closed")
    + "E1\tCue:T2 Source:T1 Content:T3\n"
    + ann_line("T4", "Content", "“We will act,”")
    + ann_line("T5", "Source", "Stoltenberg")
    + ann_line("T6", "Cue", "said.")
    + "E2\tContent:T4 Source:T5 Cue:T6\n"
)


def test_reader_uses_the_first_annotator_and_the_metadata(tmp_path):
    write_polnear(tmp_path, ANNOTATIONS)
    data = read_polnear(tmp_path)
    assert data.annotators.to_dict(orient="records") == [{"article_id": "a", "annotator": "a0", "files": 2}]
    article = data.corpus[0]
    assert (article.source, article.date, article.story) == ("nyt", "2016-01-01", "a")
    for row in data.spans.to_dict(orient="records"):
        assert TEXT[row["start"] : row["end"]] == row["text"]


def test_scores_exact_overlap_and_linked(tmp_path):
    write_polnear(tmp_path, ANNOTATIONS)
    data = read_polnear(tmp_path)
    texts = {"a": TEXT}
    start, end = span(TEXT, "the border was closed")
    predicted = pd.DataFrame(
        [
            {
                "article_id": "a",
                "attribution": 0,
                "role": "source",
                "start": span(TEXT, "Rama")[0],
                "end": span(TEXT, "Rama")[1],
            },
            {
                "article_id": "a",
                "attribution": 0,
                "role": "cue",
                "start": span(TEXT, "said")[0],
                "end": span(TEXT, "said")[1],
            },
            {"article_id": "a", "attribution": 0, "role": "content", "start": start, "end": end - len(" closed")},
        ]
    )
    scores = polnear_scores(texts, data.spans, predicted)
    assert (scores["source"].exact_p, scores["source"].exact_r) == (1.0, 0.5)
    assert scores["cue"].exact_f1 == pytest.approx(2 * 1 * 0.5 / 1.5)  # "said." and "said" match after trimming
    assert scores["content"].exact_p == 0.0
    assert scores["content"].overlap_p == pytest.approx(3 / 4)  # "the border was" inside "the border was closed"
    assert scores["linked"] == 0.5


def test_split_is_stable_and_about_one_in_five():
    names = [f"article-{i}" for i in range(1000)]
    held = sum(polnear_split(n) == "held_out" for n in names)
    assert 150 < held < 250
    assert [polnear_split(n) for n in names[:20]] == [polnear_split(n) for n in names[:20]]


def test_held_out_scores_on_polnear(data_dir):

    report = polnear_evaluation(data_dir / "polnear-train", split="held_out")
    scores = report["scores"]
    assert report["articles"] > 150
    assert scores["source"]["exact_f1"] >= 0.55
    assert scores["cue"]["exact_f1"] >= 0.57
    assert scores["content"]["exact_f1"] >= 0.38
    assert scores["linked"] >= 0.55


def test_cli_eval_polnear_on_a_hand_made_folder(tmp_path, capsys):

    root = tmp_path / "data"
    root.mkdir()
    write_polnear(root, ANNOTATIONS)
    assert main(["eval", "polnear", str(root), "--split", "all", "--json", str(tmp_path / "p.json")]) == 0
    printed = capsys.readouterr().out
    assert "first annotator file used" in printed and "linked" in printed
    report = json.loads((tmp_path / "p.json").read_text())
    assert report["scores"]["cue"]["gold"] == 2
    assert report["scores"]["source"]["exact_f1"] == 1.0
