"""Metadata flows through: the input's own columns reach articles.csv unchanged and can group a comparison;
misspelt columns and groupings that cannot be compared stop at once with one line."""

from __future__ import annotations

import csv
import json

import pandas as pd
import pytest

import framing
import framing.run.pipeline
from framing.cli import main
from framing.compare import article_groups
from framing.compare.grouping import MAX_GROUPS, NO_DATE
from framing.contract import columns, read_tables
from framing.problems import FramingError
from framing.read import Article, ExtraColumns, load
from framing.read.datasets.basil import read_basil
from framing.run.engine import story_batches
from tests.conftest import DATA, ROOT, SEEDS

#: Three stories, each told by three invented outlets of known leaning.
OUTLETS = {"Daily Shout": ("right", "slammed", "chaos"), "Wire Service": ("center", "said", "talks"),
           "Riverton Gazette": ("left", "said", "residents")}  # fmt: skip
EVENTS = {
    "dam": ("2012-03-05", "Talks on the Riverton dam {verb} on Tuesday, officials {said}. Engineers warned of {word}."),
    "strike": ("2013-06-11", "Teachers walked out in Lakeside on Monday, union leaders {said}. Parents feared {word}."),
    "budget": ("2013-11-20", "The council passed the budget late on Friday, the mayor {said}. Critics saw {word}."),
}


def study_rows(*, with_year: bool = True, with_date: bool = False) -> list[dict[str, str]]:
    """One row per version: ``id, story, source, lean, year, text`` (and ``date``)."""
    rows = []
    for story, (date, sentence) in EVENTS.items():
        for number, (outlet, (lean, verb, word)) in enumerate(OUTLETS.items()):
            said = "claimed" if lean == "right" else "said"
            body = sentence.format(verb="collapsed" if lean == "right" else "ended", said=said, word=word)
            extra = f" The {outlet} {verb} the {word} in a second paragraph about {story}." * (number + 1)
            row = {"id": f"{story}-{number}", "story": story, "source": outlet, "lean": lean}
            if with_year:
                row["year"] = date[:4]
            if with_date:
                row["date"] = date
            row["text"] = f"{story.title()} news\n\n{body}\n\n{extra.strip()}"
            rows.append(row)
    return rows


def write_csv(path, rows):
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def one_line_error(capsys) -> str:
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err, err
    return err


# --- extra columns kept, with their types ---------------------------------------------------------------------


def test_csv_columns_come_after_framings_own_as_written(tmp_path):
    rows = [{**row, "code": f"00{i}", "note": "" if i else "first"} for i, row in enumerate(study_rows())]
    out = tmp_path / "out"
    assert main(["analyze", str(write_csv(tmp_path / "news.csv", rows)), "--out", str(out), "--quiet"]) == 0
    header = (out / "articles.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
    assert header == [*columns("articles"), "lean", "year", "code", "note"]
    written = pd.read_csv(out / "articles.csv", dtype=str, keep_default_na=False)
    assert written["code"].tolist()[:3] == ["000", "001", "002"]  # not 0, 1, 2
    assert written["note"].tolist()[:2] == ["first", ""]
    back = read_tables(out)["articles"]
    assert back["code"].iloc[1] == "001" and back["year"].iloc[0] == "2012"


def test_jsonl_integers_and_booleans_keep_their_type_with_gaps(tmp_path):
    lines = [
        {"id": "a", "text": "T\n\nRain fell in Skopje, officials said.", "year": 2012, "front_page": True},
        {"id": "b", "text": "T\n\nSun shone in Tirana, officials said.", "front_page": False},
        {"id": "c", "text": "T\n\nSnow fell in Sofia.", "year": 2013, "score": 0.5, "tags": ["a", "b"]},
    ]
    path = tmp_path / "news.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    result = framing.analyze(path)
    assert result.articles["year"].tolist() == [2012, None, 2013]
    assert result.articles["front_page"].tolist() == [True, False, None]
    out = tmp_path / "out"
    assert main(["analyze", str(path), "--out", str(out), "--quiet"]) == 0
    text = (out / "articles.csv").read_text(encoding="utf-8").splitlines()
    assert text[0].endswith(",year,front_page,score,tags")
    assert text[1].endswith(",2012,True,,")
    assert text[2].endswith(",,False,,")
    assert text[3].endswith(',2013,,0.5,"[""a"", ""b""]"')


def test_parquet_input_keeps_integer_and_boolean_columns(tmp_path):
    pytest.importorskip("pyarrow")
    frame = pd.DataFrame(
        {
            "id": ["a", "b"],
            "text": ["T\n\nRain fell, officials said.", "T\n\nSun shone, officials said."],
            "year": pd.array([2012, None], dtype="Int64"),
            "paywall": [True, False],
        }
    )
    frame.to_parquet(tmp_path / "news.parquet")
    out = tmp_path / "out"
    assert main(["analyze", str(tmp_path / "news.parquet"), "--out", str(out), "--quiet"]) == 0
    lines = (out / "articles.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0].endswith(",year,paywall") and lines[1].endswith(",2012,True") and lines[2].endswith(",,False")


def test_parquet_output_types_each_column_with_mixed_values_as_text(tmp_path):
    pytest.importorskip("pyarrow")
    lines = [
        {"id": "a", "text": "T\n\nRain fell, officials said.", "year": 2012, "issue": 7, "flag": True},
        {"id": "b", "text": "T\n\nSun shone, officials said.", "year": None, "issue": "7b", "flag": None},
    ]
    path = tmp_path / "news.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["analyze", str(path), "--out", str(out), "--format", "parquet", "--quiet"]) == 0
    import pyarrow.parquet as pq  # lazy: pyarrow is optional

    schema = pq.read_schema(out / "articles.parquet")
    assert str(schema.field("year").type) == "int64"
    assert str(schema.field("issue").type) == "string" and str(schema.field("flag").type) == "bool"
    assert pq.read_table(out / "articles.parquet").column("issue").to_pylist() == ["7", "7b"]


def test_manifest_columns_of_a_folder_are_kept(tmp_path):
    folder = tmp_path / "news"
    (folder / "dam").mkdir(parents=True)
    for row in study_rows()[:3]:
        (folder / "dam" / f"{row['id']}.txt").write_text(row["text"], encoding="utf-8")
    manifest = "file,source,lean,year\n" + "".join(
        f"{row['id']}.txt,{row['source']},{row['lean']},{row['year']}\n" for row in study_rows()[:3]
    )
    (folder / "dam" / "manifest.csv").write_text(manifest, encoding="utf-8")
    corpus = load(folder, keep_texts=False)
    expected = [{"lean": row["lean"], "year": row["year"]} for row in study_rows()[:3]]
    assert [dict(a.extra) for a in corpus.articles.stubs] == expected
    result = framing.analyze(folder)
    assert result.articles[["source", "lean", "year"]].values.tolist()[0] == ["Daily Shout", "right", "2012"]


def test_seed_manifest_note_reaches_articles(seeds_result):
    assert seeds_result.articles.columns[-1] == "note"
    assert seeds_result.articles["note"].str.startswith("No byline").sum() == 1


def test_dataframe_integer_column_with_a_gap_is_not_a_float():
    frame = pd.DataFrame(study_rows()[:2]).assign(year=[2012.0, None], share=[0.25, None])
    result = framing.analyze(frame)
    assert result.articles["year"].tolist() == [2012, None]
    assert result.articles["share"].tolist() == [0.25, None]
    assert result.articles["lean"].tolist() == ["right", "center"]


def test_a_column_named_like_one_framing_computes_is_kept_under_input_name(tmp_path):
    rows = [{**row, "words": "999", "title": "Given"} for row in study_rows()[:2]]
    path = write_csv(tmp_path / "news.csv", rows)
    result = framing.analyze(path, columns={"title": "lean"})
    assert result.articles["input_words"].tolist() == ["999", "999"]
    assert result.articles["words"].tolist() != [999, 999]
    assert result.articles["title"].tolist() == ["right", "center"]  # the title comes from the column named for it
    assert result.articles["input_title"].tolist() == ["Given", "Given"]
    messages = result.problems["message"].tolist()
    assert "the column 'words' is kept as 'input_words' (framing computes a 'words' column)" in messages


def test_hand_made_articles_may_not_reuse_framings_column_names():
    article = Article("a", "T\n\nRain fell.", extra=ExtraColumns(("words",), (3,)))
    with pytest.raises(FramingError, match="named like columns framing computes"):
        framing.analyze([article, Article("b", "T\n\nSun.")])


def test_streamed_in_batches_and_two_jobs_the_tables_are_the_same(tmp_path, monkeypatch):
    rows = study_rows()
    rows[4]["year"] = ""  # a gap inside one batch
    path = tmp_path / "news.jsonl"
    lines = [{**row, "year": int(row["year"]) if row["year"] else None, "rank": i} for i, row in enumerate(rows)]
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    framing.analyze(path).save(tmp_path / "memory")
    monkeypatch.setattr(framing.run.pipeline, "story_batches", lambda articles: story_batches(articles, 2))
    for jobs in ("1", "2"):
        assert main(["analyze", str(path), "--out", str(tmp_path / jobs), "--jobs", jobs, "--quiet"]) == 0
    memory = (tmp_path / "memory" / "articles.csv").read_bytes()
    assert (tmp_path / "1" / "articles.csv").read_bytes() == memory == (tmp_path / "2" / "articles.csv").read_bytes()
    assert b",2013,4\n" not in memory and ",,4\n" in memory.decode()


# --- grouping by the input's columns and by time bins ---------------------------------------------------------


@pytest.fixture(scope="module")
def study_folder(tmp_path_factory):
    """The three-story, three-outlet study (with a ``lean`` column, dates, no year column, and a ``desk`` column with
    a value per article) analysed by the CLI."""
    root = tmp_path_factory.mktemp("study")
    rows = [{**row, "desk": f"{row['story']}/{row['source']}"} for row in study_rows(with_year=False, with_date=True)]
    path = write_csv(root / "study.csv", rows)
    assert main(["analyze", str(path), "--out", str(root / "results"), "--quiet"]) == 0
    return root / "results"


def test_compare_by_year_derived_from_dates_end_to_end(study_folder, tmp_path):
    assert "year" not in read_tables(study_folder)["articles"].columns
    assert main(["compare", str(study_folder), "--by", "year", "--out", str(tmp_path / "c"), "--quiet"]) == 0
    estimates = pd.read_csv(tmp_path / "c" / "estimates.csv", dtype={"group": str})
    assert set(estimates["group"]) == {"2012", "2013"}
    assert set(estimates["by"]) == {"year"}


def test_compare_by_a_leaning_column_of_the_input(study_folder, tmp_path):
    assert main(["compare", str(study_folder), "--by", "lean", "--out", str(tmp_path / "c"), "--quiet"]) == 0
    estimates = pd.read_csv(tmp_path / "c" / "estimates.csv")
    assert set(estimates["group"]) == {"right", "center", "left"}
    counts = estimates.drop_duplicates("group").set_index("group")["articles"]
    assert counts.to_dict() == {"right": 3, "center": 3, "left": 3}


def test_three_outlets_over_three_stories_still_compare_by_source(study_folder, tmp_path):
    assert main(["compare", str(study_folder), "--out", str(tmp_path / "c"), "--quiet"]) == 0
    assert set(pd.read_csv(tmp_path / "c" / "estimates.csv")["group"]) == set(OUTLETS)


def test_a_year_column_of_the_input_wins_over_the_date(tmp_path):
    rows = study_rows(with_year=True, with_date=True)
    for row in rows:
        row["year"] = "Y" + row["year"]
    articles = pd.DataFrame(rows).rename(columns={"id": "article_id"})
    assert set(article_groups({"articles": articles}, "year")) == {"Y2012", "Y2013"}


def test_time_bins_iso_weeks_months_and_a_visible_no_date_group():
    articles = pd.DataFrame(
        {
            "article_id": ["a", "b", "c", "d", "e"],
            "story": ["s"] * 5,
            "date": ["2012-12-31", "2013-01-02", "2012-12-30", "", "2012"],
        }
    )
    assert article_groups({"articles": articles}, "week").tolist() == [
        "2013-W01",
        "2013-W01",
        "2012-W52",
        NO_DATE,
        NO_DATE,
    ]
    assert article_groups({"articles": articles}, "month").tolist() == [
        "2012-12",
        "2013-01",
        "2012-12",
        NO_DATE,
        NO_DATE,
    ]
    assert article_groups({"articles": articles}, "year").tolist() == ["2012", "2013", "2012", NO_DATE, "2012"]


def test_parquet_results_group_whole_numbers_without_a_decimal(tmp_path):
    articles = pd.DataFrame({"article_id": ["a", "b", "c"], "story": ["s"] * 3, "year": [2012.0, None, 2013.0]})
    assert article_groups({"articles": articles}, "year").tolist() == ["2012", "(none)", "2013"]


# --- one-line errors for misspelt columns ---------------------------------------------------------------------


def test_misspelt_compare_by_names_the_closest_column(study_folder, capsys):
    assert main(["compare", str(study_folder), "--by", "laen"]) == 2
    err = one_line_error(capsys)
    assert "no column 'laen' for --by; did you mean --by lean?" in err and "source" in err


@pytest.mark.parametrize("field", ["id", "source", "title", "date", "story", "url"])
def test_misspelt_column_option_of_a_table_is_one_line_naming_the_columns(tmp_path, capsys, field):
    rows = [{**row, "outlet": row["source"]} for row in study_rows()[:2]]
    path = write_csv(tmp_path / "news.csv", rows)
    assert main(["analyze", str(path), "--out", str(tmp_path / "out"), f"--{field}-column", "outlte"]) == 2
    err = one_line_error(capsys)
    assert f"has no column 'outlte' for --{field}-column; did you mean 'outlet'?" in err
    assert "(columns: id, story, source, lean, year, text, outlet)" in err
    assert not (tmp_path / "out" / "articles.csv").exists()


def test_misspelt_text_column_is_one_line(tmp_path, capsys):
    path = write_csv(tmp_path / "news.csv", study_rows()[:2])
    assert main(["analyze", str(path), "--out", str(tmp_path / "out"), "--text-column", "txet"]) == 2
    assert "no column 'txet'" in one_line_error(capsys)


def test_source_column_is_read_and_a_misspelt_one_no_longer_makes_each_article_its_own_outlet(tmp_path, capsys):
    lines = [{"id": r["id"], "outlet": r["source"], "text": r["text"]} for r in study_rows()]
    path = tmp_path / "news.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    assert main(["analyze", str(path), "--out", str(tmp_path / "out"), "--source-column", "Outlet"]) == 2
    assert "did you mean 'outlet'?" in one_line_error(capsys)
    result = framing.analyze(path, columns={"source": "outlet"})
    assert result.articles["source"].nunique() == 3


def test_misspelt_column_of_a_folder_manifest(tmp_path, capsys):
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.txt").write_text("T\n\nRain fell, officials said.", encoding="utf-8")
    (tmp_path / "news" / "manifest.csv").write_text("file,outlet\na.txt,AP\n", encoding="utf-8")
    assert main(["analyze", str(tmp_path / "news"), "--out", str(tmp_path / "out"), "--source-column", "outlte"]) == 2
    assert "did you mean 'outlet'?" in one_line_error(capsys)
    assert framing.analyze(tmp_path / "news", columns={"source": "outlet"}).articles["source"].tolist() == ["AP"]


def test_misspelt_column_of_a_dataframe():
    with pytest.raises(FramingError, match="did you mean 'source'"):
        load(pd.DataFrame(study_rows()[:1]), columns={"source": "sourse"})


# --- groupings that cannot be compared stop at once ------------------------------------------------------------


def test_a_group_per_day_is_refused_with_coarser_bins_suggested(capsys, tmp_path):
    rows = []
    for day in range(1, 31):
        for outlet in ("A", "B"):
            rows.append(
                {"article_id": f"{day}{outlet}", "story": f"s{day}", "source": outlet, "date": f"2012-05-{day:02d}"}
            )
    articles = pd.DataFrame(rows)
    with pytest.raises(FramingError) as caught:
        article_groups({"articles": articles}, "date")
    message = str(caught.value)
    assert "--by date makes 30 groups of 60 articles" in message and "\n" not in message
    assert "use --by month, --by week or --by year" in message and "--group NAME=V1,V2" in message
    assert article_groups({"articles": articles}, "month").nunique() == 1
    assert article_groups({"articles": articles}, "source").nunique() == 2


def test_grouping_by_article_id_is_refused_through_the_cli(study_folder, capsys):
    assert main(["compare", str(study_folder), "--by", "article_id"]) == 2
    assert "--by article_id makes a group of every article" in one_line_error(capsys)


def test_a_distinct_value_per_article_across_stories_is_refused(study_folder, capsys):
    assert main(["compare", str(study_folder), "--by", "desk"]) == 2
    err = one_line_error(capsys)
    assert "across 3 stories, so most groups are one article" in err


def test_more_groups_than_max_groups_is_refused_and_gathering_them_works():
    articles = pd.DataFrame({"article_id": list("abcdefgh"), "story": ["s"] * 8, "topic": list("aabbccdd")})
    with pytest.raises(FramingError, match="at most 3 groups"):
        article_groups({"articles": articles}, "topic", max_groups=3)
    gathered = article_groups({"articles": articles}, "topic", {"ab": ["a", "b"], "cd": ["c", "d"]}, max_groups=3)
    assert gathered.tolist() == ["ab"] * 4 + ["cd"] * 4
    assert article_groups({"articles": articles}, "topic", max_groups=None).nunique() == 4
    assert MAX_GROUPS >= 12  # a study of a dozen outlets must be comparable


def test_within_strata_name_their_option():
    articles = pd.DataFrame({"article_id": list("abc"), "story": ["s"] * 3, "year": [2012, 2013, 2014]})
    with pytest.raises(FramingError, match="for --within; did you mean --within year"):
        article_groups({"articles": articles}, "yaer", option="--within")
    with pytest.raises(FramingError, match="--within year makes 3 groups"):
        article_groups({"articles": articles}, "year", max_groups=2, option="--within")


def test_the_seeds_still_compare_by_source(seeds_result):
    labels = article_groups(seeds_result, "source")
    assert labels.nunique() == 5 and len(labels) == 5
    comparison = framing.compare(seeds_result, "source")
    assert len(comparison.tables["estimates"]) > 0


def test_the_seeds_compare_through_the_cli(tmp_path):
    out = tmp_path / "results"
    assert main(["analyze", str(SEEDS), "--out", str(out), "--quiet"]) == 0
    assert main(["compare", str(out), "--by", "source", "--quiet"]) == 0
    assert pd.read_csv(out / "estimates.csv")["group"].nunique() == 5


def test_basil_compares_by_outlet_and_year_but_refuses_a_group_per_date(tmp_path, capsys):
    basil = DATA / "basil-dev"
    if not (basil / "articles").is_dir():
        pytest.skip(f"BASIL not found at {basil}; set FRAMING_DATA to the folder holding basil-dev/")
    corpus = read_basil(basil).corpus
    articles = corpus.to_frame()
    by_source = article_groups({"articles": articles}, "source")
    assert by_source.value_counts().to_dict() == {"New York Times": 40, "Fox News": 40, "HuffPost": 40}
    assert article_groups({"articles": articles}, "year").nunique() == 4
    out = tmp_path / "basil"
    framing.analyze_into(corpus, out)
    assert main(["compare", str(out), "--by", "date"]) == 2
    assert "--by date makes 60 groups of 120 articles" in one_line_error(capsys)
    assert main(["compare", str(out), "--by", "article_id"]) == 2
    assert "article_id makes a group of every article" in one_line_error(capsys)
    assert main(["compare", str(out), "--by", "source", "--out", str(tmp_path / "c"), "--quiet"]) == 0
    estimates = pd.read_csv(tmp_path / "c" / "estimates.csv")
    assert estimates.drop_duplicates("group").set_index("group")["articles"].to_dict() == {
        "New York Times": 40,
        "Fox News": 40,
        "HuffPost": 40,
    }


def test_a_column_without_a_name_gets_one(tmp_path):
    path = tmp_path / "news.csv"
    path.write_text(',id,lean,text\n0,a,left,"T\n\nRain fell, officials said."\n', encoding="utf-8")
    assert list(framing.analyze(path).articles.columns[-2:]) == ["unnamed_1", "lean"]


def test_groups_gather_the_values_of_a_time_bin():
    articles = pd.DataFrame(
        {"article_id": list("abcd"), "story": list("ssst"), "date": ["2010-01-02", "2011-03-04", "2012-05-06", ""]}
    )
    labels = article_groups({"articles": articles}, "year", {"early": ["2010", "2011"], "late": ["2012"]})
    assert labels.to_dict() == {"a": "early", "b": "early", "c": "late"}


@pytest.mark.parametrize(
    ("target", "option", "message"),
    [
        ("seeds", "--text-column", "--text-column cannot apply: "),
        ("seeds", "--id-column", "is a folder: each .txt file is an article's text"),
        ("seeds/000_54088d3950db1dde.txt", "--source-column", "is one .txt file: it has no columns"),
    ],
)
def test_a_column_option_the_input_cannot_have_is_a_one_line_error(tmp_path, capsys, target, option, message):
    code = main(["analyze", str(ROOT / target), "--out", str(tmp_path / "out"), option, "body"])
    err = capsys.readouterr().err
    assert code == 2 and message in err and err.count("\n") == 1 and "Traceback" not in err
