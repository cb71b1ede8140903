import re

import pandas as pd
import pytest

from toolkit import analyze
from toolkit.load import InputNotFoundError, LoadError, load_articles, load_with_errors
from toolkit.types import SCHEMAS


def check_schema(df, table):
    assert list(df.columns)[: len(SCHEMAS[table])] == list(SCHEMAS[table])
    for col, (dtype, _) in SCHEMAS[table].items():
        assert str(df[col].dtype) == dtype or (dtype == "string" and str(df[col].dtype).startswith("string")), col


def test_txt_file_verbatim(tmp_path, seed_text):
    p = tmp_path / "a.txt"
    p.write_bytes(seed_text.encode("utf-8"))
    df = load_articles(p)
    check_schema(df, "articles")
    assert df.loc[0, "text"] == seed_text
    assert df.loc[0, "article_id"] == "a"
    assert df.loc[0, "title"].startswith("Russia wants armed drones")
    assert df.loc[0, "n_words"] == len(seed_text.split())


def test_folder_recursive_ids_and_section(tmp_path):
    (tmp_path / "business").mkdir()
    (tmp_path / "business" / "001.txt").write_text("Head\nBody.")
    (tmp_path / "sport" / "x").mkdir(parents=True)
    (tmp_path / "sport" / "x" / "002.txt").write_text("Head2\nBody2.")
    (tmp_path / "ignored.bin").write_bytes(b"\x00\x01")
    df = load_articles(tmp_path)
    assert df["article_id"].tolist() == ["business/001", "sport/x/002"]
    assert df["section"].tolist() == ["business", "sport/x"]
    df2 = load_articles(str(tmp_path / "*" / "*.txt"))
    assert df2["article_id"].tolist() == ["001"]


def test_csv_jsonl_parquet_and_aliases(tmp_path):
    pd.DataFrame({"id": ["x1", "x2"], "Text": ["A\nB.", "C\nD."], "date": ["2022-03-14", "bad"], "author": ["Jo", None]}).to_csv(
        tmp_path / "a.csv", index=False
    )
    df = load_articles(tmp_path / "a.csv")
    assert df["article_id"].tolist() == ["x1", "x2"]
    assert str(df.loc[0, "published"].date()) == "2022-03-14"
    assert pd.isna(df.loc[1, "published"])
    assert df.loc[0, "byline"] == "Jo"
    (tmp_path / "b.jsonl").write_text('{"text": "Head\\nOne."}\nnot json\n{"text": "Head\\nTwo."}\n')
    with_errors = load_articles(tmp_path / "b.jsonl")
    assert with_errors["article_id"].tolist() == ["b-1", "b-3"]
    errs = with_errors.attrs["errors"]
    assert "line 2" in errs.loc[0, "message"]
    pd.DataFrame({"text": ["P\nQ."], "article_id": ["pq"]}).to_parquet(tmp_path / "c.parquet")
    assert load_articles(tmp_path / "c.parquet")["article_id"].tolist() == ["pq"]


def test_raw_string_and_dataframe_content_hash_ids():
    a = load_articles("Headline\nSome body text.")
    b = load_articles("Headline\nSome body text.")
    assert a.loc[0, "article_id"] == b.loc[0, "article_id"]
    assert len(a.loc[0, "article_id"]) == 12
    df = load_articles(pd.DataFrame({"text": ["X\nY.", "Z\nW."], "topic": ["t1", "t2"]}))
    assert df["section"].tolist() == ["t1", "t2"]
    assert df["article_id"].is_unique


def test_html_through_trafilatura(tmp_path):
    html = """<html><head><title>Peskov denies report</title><meta name="author" content="Jane Doe">
    <meta property="article:published_time" content="2022-03-14"></head><body><article>
    <h1>Peskov denies report</h1><p>Dmitry Peskov said reports Russia had asked China for help were not true.</p>
    <p>"Russia possesses its own potential," he said, according to the transcript of the call.</p>
    <script>alert(1)</script></article></body></html>"""
    (tmp_path / "p.html").write_text(html)
    df = load_articles(tmp_path / "p.html")
    assert df.loc[0, "title"] == "Peskov denies report"
    assert df.loc[0, "text"].startswith("Peskov denies report\n")
    assert "alert" not in df.loc[0, "text"]
    assert df.loc[0, "byline"] == "Jane Doe"
    assert str(df.loc[0, "published"].date()) == "2022-03-14"


def test_url_ok_and_failures(server):
    df = load_articles(f"{server}/ok")
    assert df.loc[0, "title"] == "Local story"
    assert df.loc[0, "url"] == f"{server}/ok"
    assert "bridge would reopen" in df.loc[0, "text"]
    with pytest.raises(LoadError, match="HTTP 404"):
        load_articles(f"{server}/missing")
    arts, errs = load_with_errors([f"{server}/ok", f"{server}/broken", f"{server}/slow"], timeout=1)
    assert len(arts) == 1
    msgs = errs["message"].tolist()
    assert any("HTTP 500" in m for m in msgs)
    assert any("timed out" in m for m in msgs)


def test_bad_inputs_single_raise_naming_input(tmp_path):
    with pytest.raises(LoadError, match="nope.txt: no such file"):
        load_articles(tmp_path / "nope.txt")
    (tmp_path / "empty.txt").write_text("")
    with pytest.raises(LoadError, match="empty.txt: the file is empty"):
        load_articles(tmp_path / "empty.txt")
    pd.DataFrame({"body": ["x"]}).to_csv(tmp_path / "notext.csv", index=False)
    with pytest.raises(LoadError, match="notext.csv: no 'text' column"):
        load_articles(tmp_path / "notext.csv")
    with pytest.raises(LoadError, match="<dataframe>: no 'text' column"):
        load_articles(pd.DataFrame({"a": [1]}))
    (tmp_path / "bin.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    with pytest.raises(LoadError, match="bin.txt: looks like a binary file"):
        load_articles(tmp_path / "bin.txt")


def test_one_failing_input_raises_a_typed_error_naming_it(tmp_path, nlp):
    # Issue 13: a single input that gives nothing raises at once, for load_articles and analyze alike.
    missing = tmp_path / "nope.txt"
    pd.DataFrame({"body": ["x"], "id": [1]}).to_parquet(tmp_path / "notext.parquet")
    for load in (load_articles, lambda s: analyze(s, nlp=nlp, progress=False)):
        for given in (missing, str(missing)):
            with pytest.raises(FileNotFoundError, match=f"^{re.escape(str(missing))}: no such file or folder$") as info:
                load(given)
            # Also a LoadError (a ValueError), for code that caught those before.
            assert isinstance(info.value, InputNotFoundError) and isinstance(info.value, LoadError)
        with pytest.raises(ValueError, match=r"^<dataframe>: no 'text' column \(columns are: body, id\)$"):
            load(pd.DataFrame({"body": ["x"], "id": [1]}))
        with pytest.raises(ValueError, match=r"notext\.parquet: no 'text' column \(columns are: body, id\)$"):
            load(tmp_path / "notext.parquet")
        with pytest.raises(LoadError, match="the folder holds no"):
            load(_empty_dir(tmp_path))
        with pytest.raises(LoadError, match=r"\*\.nomatch: the pattern matched no files$"):
            load(str(tmp_path / "*.nomatch"))


def _empty_dir(tmp_path):
    d = tmp_path / "empty-folder"
    d.mkdir(exist_ok=True)
    return d


def test_several_inputs_keep_their_error_rows(tmp_path, nlp):
    # A folder whose every file fails, and a list with a missing file: rows, no exception.
    (tmp_path / "f").mkdir()
    pd.DataFrame({"body": ["x"]}).to_csv(tmp_path / "f" / "a.csv", index=False)
    (tmp_path / "f" / "b.txt").write_text("")
    for load in (load_articles, lambda s: analyze(s, nlp=nlp, progress=False)):
        result = load(tmp_path / "f")
        errs = result.attrs["errors"] if isinstance(result, pd.DataFrame) else result.errors
        assert sorted(errs["source"]) == [str(tmp_path / "f" / "a.csv"), str(tmp_path / "f" / "b.txt")]
        result = load([tmp_path / "nope.txt", "Head\nBody text."])
        errs = result.attrs["errors"] if isinstance(result, pd.DataFrame) else result.errors
        assert errs["message"].tolist() == [f"{tmp_path / 'nope.txt'}: no such file or folder"]
    # A glob keeps going past a file that fails (it once stopped at the first bad table).
    (tmp_path / "g").mkdir()
    pd.DataFrame({"body": ["x"]}).to_csv(tmp_path / "g" / "a.csv", index=False)
    pd.DataFrame({"text": ["Head\nBody."]}).to_csv(tmp_path / "g" / "b.csv", index=False)
    arts, errs = load_with_errors(str(tmp_path / "g" / "*.csv"))
    assert arts["article_id"].tolist() == ["b-2"]
    assert errs["source"].tolist() == [str(tmp_path / "g" / "a.csv")]


def test_one_failing_input_raises_before_the_model_loads(monkeypatch, tmp_path):
    import toolkit.corpus.engines as engines

    def no_model():
        raise AssertionError("the model was loaded for an input that cannot load")

    monkeypatch.setattr(engines, "load_model", no_model)
    with pytest.raises(FileNotFoundError, match="nope.txt"):
        analyze(tmp_path / "nope.txt", progress=False)


def test_bad_inputs_many_become_error_rows(tmp_path):
    (tmp_path / "good.txt").write_text("Head\nBody text.")
    (tmp_path / "empty.txt").write_text("   \n")
    pd.DataFrame({"body": ["x"]}).to_csv(tmp_path / "notext.csv", index=False)
    (tmp_path / "latin.txt").write_bytes("Caf\u00e9 owner says\nIt is fine.".encode("cp1252"))
    df = load_articles(tmp_path)
    assert sorted(df["article_id"]) == ["good", "latin"]
    assert df.set_index("article_id").loc["latin", "text"].startswith("Café")
    errs = df.attrs["errors"]
    assert len(errs) == 3
    assert set(errs["level"]) == {"error", "warning"}
    assert any("Windows-1252" in m for m in errs["message"])
    assert any("only whitespace" in m for m in errs["message"])


def test_duplicate_ids_renamed_with_warning():
    df = load_articles(pd.DataFrame({"id": ["a", "a"], "text": ["One\nx.", "Two\ny."]}), on_error="collect")
    assert df["article_id"].tolist() == ["a", "a~2"]
    assert "duplicate article_id 'a'" in df.attrs["errors"].loc[0, "message"]


def test_load_errors_survive_pickling_across_processes():
    # Worker processes (n_process=2, dask) send exceptions back pickled.
    import pickle

    from toolkit.load import FetchError, InputNotFoundError

    fetch = pickle.loads(pickle.dumps(FetchError("u: timed out", url="http://x.org/a", timed_out=True)))
    assert isinstance(fetch, FetchError) and isinstance(fetch, ConnectionError)
    assert (str(fetch), fetch.url, fetch.timed_out, fetch.status) == ("u: timed out", "http://x.org/a", True, None)
    missing = pickle.loads(pickle.dumps(InputNotFoundError("/no/such: no such file", source="/no/such")))
    assert isinstance(missing, FileNotFoundError) and missing.source == "/no/such"
