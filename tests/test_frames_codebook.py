"""Your own codebook: reading coded files, cross-validated scores against hand-computed ones, training, the CLI."""

from __future__ import annotations

import csv
import hashlib
import json
from pathlib import Path

import numpy as np
import pytest

from framing.cli import main
from framing.frames.classifier import FrameClassifier
from framing.frames.coded import CodedSample, read_coded
from framing.frames.crossval import Validation, nominal_alpha, score, validate
from framing.frames.training import train_codebook
from framing.problems import FramingError

CONFLICT = [
    "Rival parties clashed over the bill in a bitter fight in parliament.",
    "The opposition attacked the minister and accused him of lying.",
    "Protesters fought with police as the dispute over the law escalated.",
    "The two leaders traded insults in a fierce row over the border.",
    "Unions and bosses clashed again as talks collapsed in acrimony.",
    "Critics slammed the mayor, who hit back at his rivals on Tuesday.",
    "The feud between the senators deepened after a heated debate.",
    "Lawmakers fought over the budget rules in an angry dispute.",
    "The rebels rejected the deal and accused the government of betrayal.",
    "Neighbouring states clashed over water rights in a growing dispute.",
    "The party split as rivals attacked the leader over the vote.",
    "Activists and loggers clashed in a bitter fight over the forest.",
    "The coach and the club's owner traded accusations in a public row.",
    "Opposition leaders vowed to fight the plan and attacked its backers.",
]
ECONOMIC = [
    "The plan will cost taxpayers two billion dollars over ten years.",
    "Prices rose sharply as inflation hit the highest level in a decade.",
    "The factory closure will cut five hundred jobs and hurt the local economy.",
    "Farmers lost millions as the drought pushed up the cost of feed.",
    "The budget deficit widened as tax revenue fell short of forecasts.",
    "Shares fell after the company warned that profits would drop.",
    "Higher interest rates will raise the cost of mortgages for families.",
    "The new tariff could add billions to the price of imported goods.",
    "Investors poured money into solar power as costs fell.",
    "The storm caused damage worth an estimated three billion dollars.",
    "Unemployment fell as the economy added jobs for the sixth month.",
    "The city will spend forty million dollars on new buses.",
    "Exports dropped and the trade deficit grew in the last quarter.",
    "Fuel prices climbed, raising costs for airlines and truckers.",
]
HUMAN = [
    "Maria, a mother of three, wept as she described losing her home.",
    "The boy's grandmother held his photo and said she misses him every day.",
    "A retired teacher told how she survived the flood alone in her attic.",
    "Tears ran down his face as the father spoke about his daughter.",
    "The young nurse said she was heartbroken by the suffering she saw.",
    "A widow recalled the night her husband did not come home.",
    "The little girl hugged her dog after the family was rescued.",
    "An elderly man described his fear as the water rose around him.",
    "She smiled through tears as she met the firefighter who saved her son.",
    "The student said her dream was to become the first doctor in her family.",
    "A grieving mother told of her pain at the funeral of her son.",
    "The farmer's wife said the family had lost everything they loved.",
    "His sister remembered him as a kind boy who loved music.",
    "A refugee father described carrying his baby across the mountains.",
]


def _write_csv(path: Path, header: list[str], rows: list[list[object]]) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def _single_rows() -> list[list[object]]:
    frames = [("conflict", CONFLICT), ("economic", ECONOMIC), ("human_interest", HUMAN)]
    return [[f"{name[:2]}{i}", text, name] for name, texts in frames for i, text in enumerate(texts)]


@pytest.fixture
def single(tmp_path: Path) -> Path:
    """42 texts, one frame each (14 per frame)."""
    return _write_csv(tmp_path / "coded.csv", ["id", "text", "frame"], _single_rows())


@pytest.fixture
def multi(tmp_path: Path) -> Path:
    """The 42 texts plus 8 that join a conflict and an economic sentence: labels joined by ';'."""
    rows = [[i, text, label] for i, (_, text, label) in enumerate(_single_rows())]
    for i in range(8):
        rows.append([100 + i, f"{CONFLICT[i]} {ECONOMIC[i]}", "conflict; economic"])
    return _write_csv(tmp_path / "multi.csv", ["id", "text", "frames"], rows)


def test_read_single_label(single: Path) -> None:
    sample = read_coded(single, text_column="text", label_column="frame")
    assert not sample.multi_label
    assert sample.labels == ("conflict", "economic", "human_interest")
    assert sample.y.shape == (42,) and sample.y[0] == "conflict"
    assert sample.label_counts() == {"conflict": 14, "economic": 14, "human_interest": 14}
    assert sample.sha256 == hashlib.sha256(single.read_bytes()).hexdigest()


def test_read_multi_label_from_separator_and_from_columns(multi: Path, tmp_path: Path) -> None:
    sample = read_coded(multi, text_column="text", label_column="frames")
    assert sample.multi_label and sample.y.shape == (50, 3)
    assert sample.y[-1].tolist() == [1, 1, 0]
    # the same codes as one True/False column per frame, in a TSV file and in a JSONL file with real booleans
    tsv = tmp_path / "columns.tsv"
    with open(tsv, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, delimiter="\t")
        writer.writerow(["text", *sample.labels])
        for text, flags in zip(sample.texts, sample.y, strict=True):
            writer.writerow([text, *("True" if flag else "False" for flag in flags)])
    jsonl = tmp_path / "columns.jsonl"
    jsonl.write_text(
        "".join(
            json.dumps({"text": t, **{n: bool(v) for n, v in zip(sample.labels, f, strict=True)}}) + "\n"
            for t, f in zip(sample.texts, sample.y, strict=True)
        ),
        encoding="utf-8",
    )
    for path in (tsv, jsonl):
        again = read_coded(path, text_column="text", label_columns=list(sample.labels))
        assert again.multi_label and (again.y == sample.y).all() and again.texts == sample.texts


def test_jsonl_lists_of_labels(tmp_path: Path) -> None:
    path = tmp_path / "coded.jsonl"
    lines = [{"text": "Talks failed.", "frames": ["conflict"]}, {"text": "Costs rose in the fight.", "frames": []}]
    lines.append({"text": "Rivals fought over costs.", "frames": ["conflict", "economic"]})
    lines.append({"text": "Prices rose.", "frames": ["economic"]})
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    sample = read_coded(path, text_column="text", label_column="frames", separator="|")
    assert sample.multi_label and sample.y.tolist() == [[1, 0], [0, 0], [1, 1], [0, 1]]


def test_coder_columns_single_and_multi(tmp_path: Path) -> None:
    path = _write_csv(
        tmp_path / "coders.csv",
        ["text", "frame", "ann", "bob"],
        [["a", "x", "x", ""], ["b", "y", "x", "y"], ["c", "y", "NA", "y"]],
    )
    sample = read_coded(path, text_column="text", label_column="frame", coder_columns=["ann", "bob"])
    assert sample.coders["ann"].tolist() == ["x", "x", None]
    assert sample.coders["bob"].tolist() == [None, "y", "y"]
    path = _write_csv(tmp_path / "multi_coders.csv", ["text", "frames", "ann"], [["a", "x;y", "x"], ["b", "", "NA"]])
    sample = read_coded(path, text_column="text", label_column="frames", coder_columns=["ann"])
    assert sample.multi_label
    assert np.isnan(sample.coders["ann"][1]).all() and sample.coders["ann"][0].tolist() == [1.0, 0.0]
    path.write_text("text,frames,ann\na,x;y,z\nb,,x\n", encoding="utf-8")
    with pytest.raises(FramingError, match=r"'z' in coder column 'ann' is not in the codebook \(x, y\)"):
        read_coded(path, text_column="text", label_column="frames", coder_columns=["ann"])


# --- the numbers against a case computed by hand -------------------------------------------------------------------

GOLD = ["a", "a", "a", "a", "b", "b", "b", "c", "c", "c"]
GUESS = ["a", "a", "a", "b", "b", "b", "a", "c", "c", "b"]


def _hand_sample(**changes: object) -> CodedSample:
    fields: dict = {
        "path": "hand.csv",
        "texts": tuple(f"t{i}" for i in range(10)),
        "labels": ("a", "b", "c"),
        "y": np.array(GOLD, dtype=object),
        "multi_label": False,
    }
    fields.update(changes)
    return CodedSample(**fields)


def test_scores_match_a_hand_computed_case() -> None:
    result = score(_hand_sample(), np.array(GUESS, dtype=object), folds=5)
    # a: tp 3, fn 1, fp 1; b: tp 2, fn 1, fp 2; c: tp 2, fn 1, fp 0
    assert result.error_counts == {
        "a": {"tp": 3, "fn": 1, "fp": 1, "tn": 5},
        "b": {"tp": 2, "fn": 1, "fp": 2, "tn": 5},
        "c": {"tp": 2, "fn": 1, "fp": 0, "tn": 7},
    }
    expected = {"a": (0.75, 0.75, 0.75), "b": (0.5, 2 / 3, 4 / 7), "c": (1.0, 2 / 3, 0.8)}
    for frame, (p, r, f1) in expected.items():
        values = result.scores[frame]
        assert (values["precision"], values["recall"], values["f1"]) == pytest.approx((p, r, f1))
        assert values["f1_lower"] <= values["f1"] <= values["f1_upper"]
    assert result.macro_f1["value"] == pytest.approx((0.75 + 4 / 7 + 0.8) / 3)
    assert result.confusion == {
        "a": {"a": 3, "b": 1, "c": 0},
        "b": {"a": 1, "b": 2, "c": 0},
        "c": {"a": 0, "b": 1, "c": 2},
    }
    # alpha: coincidences a-a 6, b-b 4, c-c 4, a-b 2+2, b-c 1+1 (n = 20; n_a 8, n_b 7, n_c 5)
    # D_o = 6/20, D_e = (400 - 64 - 49 - 25) / (20 * 19) = 262/380, alpha = 1 - 2280/5240
    alpha = result.alpha["model vs coded label"]
    assert alpha["all"] == pytest.approx(1 - 2280 / 5240)
    # frame a, present or not: o11 6, o00 10, o10 = o01 2; n1 8, n0 12: alpha = 1 - (4/20) / (192/380)
    assert alpha["a"] == pytest.approx(1 - 1520 / 3840)
    again = score(_hand_sample(), np.array(GUESS, dtype=object), folds=5)
    assert again.as_dict() == result.as_dict()  # the same seed, the same intervals
    json.dumps(result.as_dict())


def test_alpha_between_coders_skips_the_uncoded() -> None:
    # unit 5 has one value only (not pairable); units 1-4: a-a, a-b, b-b, b-b -> n 8, n_a 3, n_b 5
    # D_o = 2/8, D_e = 2 * 3 * 5 / (8 * 7): alpha = 1 - 0.25 / (30/56)
    ann = np.array(["a", "a", "b", "b", None], dtype=object)
    bob = np.array(["a", "b", "b", "b", "a"], dtype=object)
    sample = CodedSample(
        "c.csv", ("t",) * 5, ("a", "b"), np.array(["a", "b", "b", "b", "a"], dtype=object), False,
        coders={"ann": ann, "bob": bob},
    )  # fmt: skip
    result = score(sample, sample.y.copy(), folds=2)
    assert result.alpha["between coders (ann, bob)"]["all"] == pytest.approx(1 - 0.25 / (30 / 56))
    assert result.alpha["model vs bob"]["all"] == pytest.approx(1.0)
    assert nominal_alpha([np.array([1.0, 1.0]), np.array([1.0, 1.0])]) != nominal_alpha([np.array([1.0, 0.0])] * 2)


def test_multi_label_counts_by_hand() -> None:
    gold = np.array([[1, 0], [1, 1], [0, 1], [0, 0]])
    sample = CodedSample("m.csv", ("t",) * 4, ("x", "y"), gold, True)
    result = score(sample, np.array([[1, 1], [0, 1], [0, 1], [0, 0]]), folds=2)
    assert result.error_counts == {"x": {"tp": 1, "fn": 1, "fp": 0, "tn": 2}, "y": {"tp": 2, "fn": 0, "fp": 1, "tn": 1}}
    assert result.confusion is None
    assert result.scores["x"]["recall"] == 0.5 and result.scores["y"]["precision"] == pytest.approx(2 / 3)
    assert "error counts per frame" in result.table()


# --- training ------------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def trained(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Validation]:
    """The 42 single-label texts trained once with the defaults: (coded file, model file, validation)."""
    folder = tmp_path_factory.mktemp("trained")
    coded = _write_csv(folder / "coded.csv", ["id", "text", "frame"], _single_rows())
    out = folder / "mine.json"
    _, validation = train_codebook(coded, text_column="text", label_column="frame", out=out)
    return coded, out, validation


def test_train_single_label_saves_a_model_that_loads(trained: tuple[Path, Path, Validation]) -> None:
    coded, out, validation = trained
    assert validation.macro_f1["value"] >= 0.7, validation.table()
    loaded = FrameClassifier.load(out)
    assert loaded.frames_ == ("conflict", "economic", "human_interest")
    assert loaded.predict(["Prices and costs rose again."]).tolist() == ["economic"]
    assert loaded.error_counts_ == validation.error_counts
    assert sum(loaded.error_counts_["economic"].values()) == 42
    provenance = loaded.provenance_
    assert provenance["coded_file"] == "coded.csv"
    assert provenance["sha256"] == hashlib.sha256(coded.read_bytes()).hexdigest()
    assert provenance["n_units"] == 42 and provenance["label_counts"]["economic"] == 14
    assert provenance["cross_validation"]["macro_f1"]["value"] == round(validation.macro_f1["value"], 4)
    assert "Maria" not in out.read_text(encoding="utf-8")  # the texts are not shipped, only what was learnt


def test_too_few_examples_warning_says_how_many_more(trained: tuple[Path, Path, Validation]) -> None:
    validation = trained[2]
    assert (
        "frame 'economic' has 14 coded articles; code at least 6 more with it "
        "(20 are needed to learn it and validate it with 5 folds)"
    ) in validation.warnings
    assert "warnings" in validation.table()


def test_train_multi_label(multi: Path) -> None:
    model, validation = train_codebook(multi, text_column="text", label_column="frames", folds=4)
    assert model.multi_label_ and validation.multi_label
    assert model.predict(["Rivals clashed over the cost of the tariff."]).shape == (1, 3)
    assert validation.scores["conflict"]["f1"] >= 0.7, validation.table()


def test_paragraphs_grouped_by_article_stay_in_one_fold(tmp_path: Path) -> None:
    rows = [[f"art{i // 2}", text, label] for i, (_, text, label) in enumerate(_single_rows())]
    path = _write_csv(tmp_path / "paragraphs.csv", ["article", "text", "frame"], rows)
    sample = read_coded(path, text_column="text", label_column="frame", unit="paragraph", article_column="article")
    estimator = FrameClassifier(min_df=1, C=1.0, inner_folds=2)
    validation = validate(estimator, sample, folds=3)
    assert validation.n_groups == 21 and "21 articles" in validation.table()
    ungrouped = read_coded(path, text_column="text", label_column="frame", unit="paragraph")
    assert any("not grouped by article" in w for w in validate(estimator, ungrouped, folds=3).warnings)


# --- bad input: one line naming the file and the fix; nothing written ----------------------------------------------


def _cli_error(args: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    assert main(args) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("framing: error: ") and "\n" not in err
    return err


@pytest.mark.parametrize(
    ("rows", "options", "expected"),
    [
        (
            [["Talks failed.", "conflict"]] * 4,
            ["--label-column", "frame"],
            "every row of 'frame' has the label 'conflict'",
        ),
        (
            [["Talks failed.", "conflict"], ["", "economic"], ["Costs rose.", "economic"], [" ", "conflict"]],
            ["--label-column", "frame"],
            "2 of 4 texts in column 'text' are empty (rows 2, 4;",
        ),
        (
            [["Talks failed.", "conflict"], ["A mother wept.", "human"], ["Costs rose.", "economic"]],
            ["--label-column", "frame", "--codebook", "conflict,economic"],
            "'human' in column 'frame' is not in the codebook (conflict, economic)",
        ),
        ([["Talks failed.", "conflict"]], ["--label-column", "frmae"], "no column 'frmae' (did you mean 'frame'?"),
        ([["Talks failed.", "conflict"]], ["--label-column", "code"], "no column 'code' (columns: text, frame)"),
        (
            [["Talks failed.", "conflict"]],
            ["--label-column", "frame", "--text-column", "txet"],
            "no column 'txet' (did you mean 'text'?",
        ),
        (
            [["Talks failed.", "0"], ["Costs rose.", "0"]],
            ["--label-columns", "frame"],
            "frame 'frame' is coded in no text",
        ),
        ([["Talks failed.", "maybe"]], ["--label-columns", "frame"], "column 'frame' holds 'maybe' (row 1)"),
        (
            [["Talks failed.", "conflict"], ["Costs rose.", ""]],
            ["--label-column", "frame"],
            "1 of 2 rows have no label in column 'frame' (row 2)",
        ),
    ],
)
def test_bad_coded_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], rows: list[list[str]], options: list[str], expected: str
) -> None:
    path = _write_csv(tmp_path / "bad.csv", ["text", "frame"], rows)
    out = tmp_path / "model.json"
    err = _cli_error(["frames", "train", str(path), *options, "--out", str(out)], capsys)
    assert str(path) in err and expected in err, err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.csv"]  # nothing written


def test_missing_or_unreadable_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    err = _cli_error(["frames", "train", str(tmp_path / "nope.csv"), "--label-column", "f", "--out", "m.json"], capsys)
    assert "nope.csv does not exist" in err
    binary = tmp_path / "coded.csv"
    binary.write_bytes(b"%PDF-1.7 \x00\x01")
    assert "is a PDF file" in _cli_error(
        ["frames", "train", str(binary), "--label-column", "f", "--out", "m.json"], capsys
    )
    with pytest.raises(FramingError, match="give either --label-column"):
        read_coded(binary, text_column="text")


def test_out_exists_needs_force(single: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "mine.json"
    out.write_text("keep me", encoding="utf-8")
    args = ["frames", "train", str(single), "--label-column", "frame", "--out", str(out)]
    err = _cli_error(args, capsys)
    assert f"{out} exists; pass --force to replace it" in err
    assert out.read_text(encoding="utf-8") == "keep me"


def test_cli_trains_and_writes_a_model(
    single: Path, trained: tuple[Path, Path, Validation], capsys: pytest.CaptureFixture[str]
) -> None:
    out = single.parent / "models" / "mine.json"
    args = ["frames", "train", str(single), "--text-column", "text", "--label-column", "frame", "--out", str(out)]
    assert main(args) == 0
    printed = capsys.readouterr().out
    assert "macro-F1" in printed and "Krippendorff's alpha" in printed and f"model             {out}" in printed
    assert FrameClassifier.load(out).predict(["The rivals clashed in a bitter fight."]).tolist() == ["conflict"]
    assert sorted(p.name for p in out.parent.iterdir()) == ["mine.json"]  # no temporary file left behind
    # deterministic: the same coded file gives the same model, byte for byte, from the CLI and from Python
    assert out.read_bytes() == trained[1].read_bytes()
    out.write_text("old", encoding="utf-8")
    assert main([*args, "--force", "--folds", "1"]) == 2  # a bad option after --force: the old file stays
    assert out.read_text(encoding="utf-8") == "old"
