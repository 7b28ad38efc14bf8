"""Reading articles from folders, tables and Python objects, and every way input can go wrong."""

from __future__ import annotations

import csv
import json

import pandas as pd
import pytest

import framing.read.stored
from framing.problems import FramingError
from framing.read import Article, ArticlesOnDisk, load, metadata_of, take
from tests.conftest import SEEDS


def write(path, text, encoding="utf-8"):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding) if isinstance(text, str) else text)
    return path


def test_seed_folder_reads_five_articles_with_manifest_sources():
    corpus = load(SEEDS)
    assert [a.article_id for a in corpus][:2] == ["000_54088d3950db1dde", "001_8d5691ca8830ed98"]
    assert len(corpus) == 5
    assert corpus["003_19b3a29b58fb15a2"].source == "Voice of America (voanews)"
    assert {a.story for a in corpus} == {"seeds"}
    assert corpus.problems == []


def test_flat_folder_is_one_story_and_sub_folders_are_stories(tmp_path):
    write(tmp_path / "a.txt", "One.")
    write(tmp_path / "dam" / "b.txt", "Two.")
    write(tmp_path / "dam" / "c.txt", "Three.")
    write(tmp_path / "fire" / "d.txt", "Four.")
    corpus = load(tmp_path)
    assert {a.article_id: a.story for a in corpus} == {
        "a": tmp_path.name,
        "dam/b": "dam",
        "dam/c": "dam",
        "fire/d": "fire",
    }


def test_manifest_gives_metadata_and_reports_unknown_files(tmp_path):
    write(tmp_path / "a.txt", "Text.")
    write(tmp_path / "manifest.csv", "file,source,date,story\na.txt,Wire,2024-01-02,dam\nmissing.txt,X,,\n")
    corpus = load(tmp_path)
    article = corpus["a"]
    assert (article.source, article.date, article.story) == ("Wire", "2024-01-02", "dam")
    assert [(p.severity, p.line) for p in corpus.problems] == [("warning", 3)]
    assert "missing.txt" in corpus.problems[0].message


def test_manifest_without_file_column_is_a_clear_error(tmp_path):
    write(tmp_path / "a.txt", "Text.")
    write(tmp_path / "manifest.csv", "name,source\na.txt,Wire\n")
    with pytest.raises(FramingError, match="needs a 'file' column"):
        load(tmp_path)


def test_other_files_in_a_folder_are_reported_not_silently_skipped(tmp_path):
    write(tmp_path / "a.txt", "Text.")
    write(tmp_path / "notes.docx", b"PK\x03\x04")
    corpus = load(tmp_path)
    assert len(corpus) == 1
    assert "notes.docx" in corpus.problems[0].input and "only .txt" in corpus.problems[0].message


def test_csv_with_default_columns(tmp_path):
    path = write(
        tmp_path / "news.csv",
        "id,text,source,title,date,story\nx,Body one.,AP,T1,2024-01-01,s\ny,Body two.,AFP,T2,,s\n",
    )
    corpus = load(path)
    assert [(a.article_id, a.source, a.title) for a in corpus] == [("x", "AP", "T1"), ("y", "AFP", "T2")]


def test_csv_columns_can_be_renamed(tmp_path):
    path = write(tmp_path / "news.csv", 'doc,body,outlet\n7,"Line one.\nLine two.",Wire\n')
    corpus = load(path, columns={"id": "doc", "text": "body", "source": "outlet"})
    assert (corpus[0].article_id, corpus[0].text, corpus[0].source) == ("7", "Line one.\nLine two.", "Wire")
    assert corpus[0].story == "news"


def test_csv_without_the_text_column_names_the_fix(tmp_path):
    path = write(tmp_path / "news.csv", "id,body\n1,Text\n")
    with pytest.raises(FramingError, match=r"no column 'text' \(columns: id, body\).*--text-column"):
        load(path)


def test_csv_rows_with_empty_text_are_problems_with_their_line(tmp_path):
    path = write(tmp_path / "news.csv", 'id,text\na,"multi\nline"\nb,\nc,Fine.\n')
    corpus = load(path)
    assert [a.article_id for a in corpus] == ["a", "c"]
    assert [(p.line, p.severity) for p in corpus.problems] == [(4, "error")]


def test_duplicate_ids_are_renamed_and_reported(tmp_path):
    path = write(tmp_path / "news.csv", "id,text\na,One.\na,Two.\n")
    corpus = load(path)
    assert [a.article_id for a in corpus] == ["a", "a~2"]
    assert "duplicate id 'a'" in corpus.problems[0].message


def test_csv_in_windows_1252_with_crlf(tmp_path):
    path = write(tmp_path / "news.csv", "id,text\r\na,Caf\u00e9 opens.\r\n", encoding="cp1252")
    corpus = load(path)
    assert corpus[0].text == "Café opens."
    assert corpus.problems[0].severity == "warning" and "cp1252" in corpus.problems[0].message


def test_jsonl_reads_objects_and_reports_bad_lines(tmp_path):
    lines = [
        json.dumps({"id": "a", "text": "One."}),
        "{not json",
        json.dumps([1, 2]),
        json.dumps({"id": "b", "text": "Two."}),
    ]
    path = write(tmp_path / "news.jsonl", "\n".join(lines) + "\n")
    corpus = load(path)
    assert [a.article_id for a in corpus] == ["a", "b"]
    assert [p.line for p in corpus.problems] == [2, 3]


def test_dataframe_and_records_are_read():
    frame = pd.DataFrame({"id": ["a", "b"], "text": ["One.", "Two."], "source": ["X", None]})
    assert [a.source for a in load(frame)] == ["X", ""]
    assert load([{"text": "Only text."}])[0].article_id == "records-1"


def test_text_files_that_are_empty_binary_or_too_big_are_problems(tmp_path):
    write(tmp_path / "good.txt", "Real text.")
    write(tmp_path / "empty.txt", "")
    write(tmp_path / "binary.txt", b"\x00\x01\x02\x03")
    write(tmp_path / "big.txt", "word " * 300)
    corpus = load(tmp_path, max_chars=1000)
    assert [a.article_id for a in corpus] == ["good"]
    messages = {p.input.rsplit("/", 1)[-1]: p.message for p in corpus.problems}
    assert "empty" in messages["empty.txt"]
    assert "binary" in messages["binary.txt"]
    assert "larger than" in messages["big.txt"] and "--max-mb" in messages["big.txt"]


def test_a_fifty_megabyte_file_is_reported_without_being_read(tmp_path):
    big = tmp_path / "dump.txt"
    with big.open("wb") as handle:
        handle.seek(50 * 1024 * 1024 - 1)
        handle.write(b"x")
    write(tmp_path / "article.txt", "A real article.")
    corpus = load(tmp_path)
    assert [a.article_id for a in corpus] == ["article"]
    assert "52.4 MB is larger than the 5 MB limit" in corpus.problems[0].message


def test_utf8_bom_and_crlf_text_file(tmp_path):
    write(tmp_path / "a.txt", b"\xef\xbb\xbfTitle\r\n\r\nBody.\r\n")
    corpus = load(tmp_path)
    assert corpus[0].text == "Title\n\nBody.\n"
    assert corpus.problems == []


def test_folder_without_text_files_is_an_error(tmp_path):
    write(tmp_path / "readme.md", "nothing here")
    with pytest.raises(FramingError, match=r"no \.txt files in .*one article per \.txt file"):
        load(tmp_path)


def test_path_that_does_not_exist_is_an_error(tmp_path):
    with pytest.raises(FramingError, match="does not exist"):
        load(tmp_path / "nope")


def test_unknown_suffix_is_an_error(tmp_path):
    path = write(tmp_path / "a.pdf", b"%PDF")
    with pytest.raises(FramingError, match=r"\.pdf"):
        load(path)


def test_unknown_column_field_is_an_error():
    with pytest.raises(FramingError, match="unknown field 'body'"):
        load([{"text": "x"}], columns={"body": "text"})


def test_article_objects_are_read_as_they_are():

    corpus = load([Article("a", "Text one.", story="s"), Article("b", "Text two.", story="s")])
    assert [a.article_id for a in corpus] == ["a", "b"]


def test_a_list_of_strings_is_a_clear_error():
    with pytest.raises(FramingError, match="holding str; give dicts"):
        load(["just text", "more text"])


def test_parquet_table_is_read_like_a_csv(tmp_path):
    pytest.importorskip("pyarrow", reason="pyarrow is not installed: pip install 'framing-toolkit[parquet]'")
    frame = pd.DataFrame({"doc": ["a", "b"], "body": ["T\n\nIt rained.", "T\n\nIt poured."], "source": ["X", None]})
    frame.to_parquet(tmp_path / "in.parquet")
    corpus = load(tmp_path / "in.parquet", columns={"id": "doc", "text": "body"})
    assert [(a.article_id, a.source, a.story) for a in corpus] == [("a", "X", "in"), ("b", "", "in")]
    assert corpus.inputs[0].path.endswith("in.parquet")
    with pytest.raises(FramingError, match=r"no column 'text'.*--text-column"):
        load(tmp_path / "in.parquet")


def test_broken_parquet_file_is_one_clear_error(tmp_path):
    pytest.importorskip("pyarrow", reason="pyarrow is not installed")
    (tmp_path / "bad.parquet").write_bytes(b"not parquet at all")
    with pytest.raises(FramingError, match="not a readable Parquet file"):
        load(tmp_path / "bad.parquet")


# --- texts left on disk (load(..., keep_texts=False), what framing analyze does) ---------------------------


def _table_inputs(tmp_path):
    """The same articles as JSONL, as CSV with BOM, CRLF and quoted line breaks, as TSV, and as a folder."""
    rows = [
        {"id": "a", "text": "Title\n\nFirst “quoted” line.\nSecond line, café.", "source": "AP", "date": "2024-03-01"},
        {"id": "b", "text": "", "source": "AFP"},
        {"id": "a", "text": "Another body.", "title": "Dup"},
        {"id": "c", "text": "Line one.\r\nLine two.", "story": "s2"},
    ]
    jsonl = "\n".join(json.dumps(r, ensure_ascii=i % 2 == 0) for i, r in enumerate(rows)) + "\n\n{broken\n"
    frame = pd.DataFrame(rows)
    csv_text = frame.to_csv(index=False, lineterminator="\r\n")
    folder = tmp_path / "folder"
    for row in rows[:1] + rows[2:]:
        write(folder / "s" / f"{row['id']}{row.get('title', '')}.txt", row["text"])
    write(folder / "manifest.csv", "file,source\ns/a.txt,AP\n")
    return [
        write(tmp_path / "in.jsonl", jsonl),
        write(tmp_path / "in.csv", b"\xef\xbb\xbf" + csv_text.encode("utf-8")),
        write(tmp_path / "in.tsv", frame.to_csv(index=False, sep="\t")),
        folder,
    ]


def test_texts_left_on_disk_give_the_same_articles_problems_and_inputs(tmp_path):
    for path in _table_inputs(tmp_path):
        held, on_disk = load(path), load(path, keep_texts=False)
        assert isinstance(on_disk.articles, ArticlesOnDisk), path
        assert list(on_disk) == list(held.articles), path
        assert on_disk.problems == held.problems and on_disk.inputs == held.inputs, path
        assert take(on_disk.articles, [2, 0]) == [held[2], held[0]], path
        assert on_disk[-1] == held[-1] and on_disk.articles[1:] == held.articles[1:], path
        assert on_disk[held[1].article_id] == held[1], path


def test_metadata_of_articles_on_disk_reads_no_text(tmp_path):
    path = write(tmp_path / "in.jsonl", json.dumps({"id": "a", "text": "Body.", "source": "AP"}) + "\n")
    articles = load(path, keep_texts=False).articles
    path.unlink()
    assert [(a.article_id, a.source, a.text) for a in metadata_of(articles)] == [("a", "AP", "")]


def test_a_file_changed_after_reading_is_a_clear_error_not_other_text(tmp_path):
    path = write(tmp_path / "in.jsonl", json.dumps({"id": "a", "text": "Body one."}) + "\n")
    articles = load(path, keep_texts=False).articles
    write(path, json.dumps({"id": "a", "text": "Body two, longer."}) + "\n")
    with pytest.raises(FramingError, match=r"in\.jsonl was changed, moved or removed after framing read it"):
        articles[0]
    path.unlink()
    with pytest.raises(FramingError, match=r"in\.jsonl was changed"):
        list(articles)


def test_a_table_that_is_not_utf8_or_splits_lines_at_a_lone_cr_is_held_in_memory(tmp_path):
    cp1252 = write(tmp_path / "old.csv", "id,text\r\na,Caf\u00e9 opens.\r\n", encoding="cp1252")
    lone_cr = write(tmp_path / "mac.jsonl", b'{"id": "a", "text": "One."}\r{"id": "b", "text": "Two."}\n')
    for path, ids in ((cp1252, ["a"]), (lone_cr, ["a", "b"])):
        corpus = load(path, keep_texts=False)
        assert isinstance(corpus.articles, list) and [a.article_id for a in corpus] == ids


def test_a_csv_article_longer_than_the_csv_modules_field_limit_is_read(tmp_path):
    text = "word " * 40_000  # 200,000 characters: csv's default limit is 131,072
    path = write(tmp_path / "long.csv", pd.DataFrame({"id": ["a"], "text": [text]}).to_csv(index=False))
    for keep_texts in (True, False):
        assert load(path, keep_texts=keep_texts)[0].text == text
    assert "200,000 characters is more than the limit of 1,000" in load(path, max_chars=1000).problems[0].message


def test_a_csv_that_the_csv_module_cannot_read_is_a_one_line_error_with_its_line(tmp_path, monkeypatch):

    monkeypatch.setattr(framing.read.stored, "CSV_FIELD_LIMIT", 50)
    previous = csv.field_size_limit(50)
    try:
        path = write(tmp_path / "news.csv", "id,text\na,short\nb," + "x" * 80 + "\n")
        with pytest.raises(FramingError, match=r"news\.csv line 3 cannot be read as CSV \(field larger"):
            load(path)
    finally:
        csv.field_size_limit(previous)
