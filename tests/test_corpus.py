"""Corpus scale: streaming loader, resumable Parquet store, DuckDB queries, process pool, Dask."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import toolkit
from toolkit import analyze, open_store, query
from toolkit.cli import main
from toolkit.corpus import CorpusStore, analyze_corpus, arrow_schema, to_arrow
from toolkit.load import iter_load, load_with_errors
from toolkit.types import SCHEMAS, TABLES, frame

ARTICLES = [
    "Russia denies drone claims\nMoscow said on Monday that the report was false. "
    '"We have never supplied drones," a spokesman told reporters.',
    "Minister warns of cuts\nThe finance minister warned that spending may fall next year, "
    "according to officials who asked not to be named.",
    "Club signs striker\nThe club confirmed the signing on Friday.\nThe player said he was delighted.",
    "Storm hits coast\nHeavy rain flooded roads, police said. Residents were reportedly evacuated.",
    "Firm reports profits\nProfits rose 15%, the company said in a statement.",
    "Court rejects appeal\nJudges rejected the appeal. Lawyers for the defendant said they would "
    "consider their options.",
]


def _corpus(tmp_path, n=None):
    folder = tmp_path / "corpus"
    for i, text in enumerate(ARTICLES[:n]):
        sub = folder / ("world" if i % 2 else "business")
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"a{i}.txt").write_text(text, encoding="utf-8")
    return folder


def _canon(df: pd.DataFrame) -> pd.DataFrame:
    """Rows in a stable order so two engines' tables can be compared."""
    keys = [c for c in df.columns if SCHEMAS_KEYS.get(c)]
    return df.sort_values(keys, kind="stable").reset_index(drop=True) if len(df) else df.reset_index(drop=True)


SCHEMAS_KEYS = {
    c: True
    for c in ("article_id", "sentence_id", "claim_id", "speaker_id", "start", "check", "target_claim_id", "source", "message")
}


def assert_same_tables(a, b):
    for t in TABLES:
        pd.testing.assert_frame_equal(_canon(a.tables[t]), _canon(b.tables[t]), obj=t)


# ---------------------------------------------------------------------------- streaming loader


def test_iter_load_streams_same_ids_as_load_with_errors(tmp_path):
    folder = _corpus(tmp_path)
    (folder / "business" / "empty.txt").write_text("", encoding="utf-8")
    dup = ["Same\nText.", "Same\nText.", folder, str(folder / "world" / "*.txt")]
    whole, whole_err = load_with_errors(dup)
    chunks = list(iter_load(dup, chunk_size=2))
    assert len(chunks) > 2
    assert all(len(a) <= 2 for a, _ in chunks[:-1])
    streamed = pd.concat([a for a, _ in chunks], ignore_index=True)
    pd.testing.assert_frame_equal(streamed, whole)
    streamed_err = pd.concat([e for _, e in chunks], ignore_index=True)
    assert sorted(streamed_err["message"]) == sorted(whole_err["message"])
    assert any("duplicate article_id" in m for m in streamed_err["message"])


def test_iter_load_pulls_generator_lazily():
    pulled = []

    def gen():
        for i in range(10):
            pulled.append(i)
            yield f"Head {i}\nBody {i}."

    it = iter_load(gen(), chunk_size=3)
    first, _ = next(it)
    assert len(first) == 3
    assert len(pulled) == 3


# ---------------------------------------------------------------------------- store


def test_store_equals_in_memory_and_reads_lazily(tmp_path, nlp):
    folder = _corpus(tmp_path)
    mem = analyze(folder, nlp=nlp, progress=False)
    stored = analyze(folder, nlp=nlp, store=tmp_path / "store", progress=False)
    assert isinstance(stored, toolkit.Analysis)
    assert_same_tables(mem, stored)

    fresh = open_store(tmp_path / "store")
    assert fresh.tables._cache == {}  # nothing read yet
    assert repr(fresh).startswith(f"StoreAnalysis(articles={len(ARTICLES)}, sentences={len(mem.sentences)}")
    assert fresh.tables._cache == {}  # repr counts from Parquet footers
    assert fresh.article_text("business/a0") == ARTICLES[0]
    assert list(fresh.tables._cache) == []
    assert fresh.sentences.equals(stored.sentences)
    assert list(fresh.tables._cache) == ["sentences"]
    with pytest.raises(KeyError, match="nope"):
        fresh.article_text("nope")


def test_store_parts_have_the_fixed_schema(tmp_path, nlp):
    analyze_corpus(_corpus(tmp_path), nlp=nlp, store=tmp_path / "s", progress=False, part_size=2)
    for t in TABLES:
        for part in (tmp_path / "s" / t).glob("part-*.parquet"):
            schema = pq.read_schema(part)
            assert schema.names[: len(SCHEMAS[t])] == list(SCHEMAS[t])
            for f in arrow_schema(t):
                assert schema.field(f.name).type == f.type, (t, f.name)


def test_to_arrow_types_empty_list_columns():
    claims = frame([], "claims")
    tab = to_arrow(claims, "claims")
    assert tab.schema.field("hedges").type == pa.list_(pa.string())
    arts = pd.DataFrame({"article_id": ["x"], "text": ["T"], "topic": [None]})
    tab = to_arrow(arts, "articles")
    assert tab.schema.field("topic").type == pa.string()  # all-null extra column does not become null-typed


def test_store_is_written_incrementally_while_streaming(tmp_path, nlp, monkeypatch):
    pulled = []
    seen_at_write = []

    def gen():
        for i in range(12):
            pulled.append(i)
            yield pd.DataFrame({"article_id": [f"g{i}"], "text": [f"Head {i}\nThe minister said it rained."]})

    real_write = CorpusStore.write

    def spy(self, tables):
        seen_at_write.append((len(pulled), len(tables["articles"])))
        return real_write(self, tables)

    monkeypatch.setattr(CorpusStore, "write", spy)
    a = analyze_corpus(gen(), nlp=nlp, store=tmp_path / "s", progress=False, batch_size=2, part_size=4)
    assert len(a.articles) == 12
    # parts of 4 articles were written while the source still had articles to give
    assert [n for _, n in seen_at_write] == [4, 4, 4]
    assert seen_at_write[0][0] < 12
    assert len(list((tmp_path / "s" / "articles").glob("part-*.parquet"))) == 3


def test_resume_skips_stored_articles_and_load_errors(tmp_path, nlp):
    folder = _corpus(tmp_path)
    files = sorted(folder.rglob("*.txt"))
    store = tmp_path / "s"
    first = analyze([*files[:3], "/no/such/file.txt"], nlp=nlp, store=store, progress=False)
    assert len(first.articles) == 3
    assert len(first.errors) == 1
    again = analyze([*files, "/no/such/file.txt"], nlp=nlp, store=store, progress=False)
    assert len(again.articles) == len(ARTICLES)
    assert again.articles["article_id"].is_unique
    assert len(again.errors) == 1  # the missing file is reported once, not once per run
    for t in ("sentences",):
        assert not again.tables[t].duplicated(["article_id", "sentence_id"]).any()
    mem = analyze([*files, "/no/such/file.txt"], nlp=nlp, progress=False)
    assert_same_tables(mem, again)


def test_crash_mid_part_resumes_cleanly(tmp_path, nlp, monkeypatch):
    folder = _corpus(tmp_path)
    store = tmp_path / "s"
    clean = analyze(folder, nlp=nlp, progress=False)
    real = pq.write_table
    calls = {"articles": 0}

    def crashing(table, where, *args, **kwargs):
        if "articles" in str(where):
            calls["articles"] += 1
            if calls["articles"] == 2:
                # a torn write: half a file under the temporary name, then the process dies
                where.write(b"PAR1\x00\x00")
                raise KeyboardInterrupt("simulated crash")
        return real(table, where, *args, **kwargs)

    monkeypatch.setattr(pq, "write_table", crashing)
    with pytest.raises(KeyboardInterrupt):
        analyze_corpus(folder, nlp=nlp, store=store, progress=False, batch_size=2, part_size=2)
    monkeypatch.setattr(pq, "write_table", real)

    leftovers = list(store.rglob(".tmp-*"))
    assert leftovers, "the simulated crash should leave a temporary file"
    orphan = sorted((store / "sentences").glob("part-*.parquet"))
    assert len(orphan) == 2  # sentences of the crashed part were written, its articles were not
    half = open_store(store)
    assert len(half.articles) == 2
    assert set(half.sentences["article_id"]) == set(half.articles["article_id"])  # orphan part ignored

    done = analyze_corpus(folder, nlp=nlp, store=store, progress=False, batch_size=2, part_size=2)
    assert not list(store.rglob(".tmp-*"))
    assert_same_tables(clean, done)


def test_store_refuses_a_folder_that_is_not_a_store(tmp_path, nlp):
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(FileExistsError, match=str(tmp_path)):
        analyze("Head\nBody.", nlp=nlp, store=tmp_path, progress=False)
    with pytest.raises(FileNotFoundError, match="no such store"):
        open_store(tmp_path / "missing")
    with pytest.raises(FileNotFoundError, match="not a toolkit store"):
        open_store(tmp_path)


def test_open_store_reads_a_to_parquet_folder(tmp_path, nlp):
    a = analyze(ARTICLES[:2], nlp=nlp, progress=False)
    a.to_parquet(tmp_path / "t")
    assert_same_tables(a, open_store(tmp_path / "t"))


# ---------------------------------------------------------------------------- DuckDB


def test_query_joins_views_named_after_tables(tmp_path, nlp):
    folder = _corpus(tmp_path)
    stored = analyze(folder, nlp=nlp, store=tmp_path / "s", progress=False)
    got = query(
        tmp_path / "s",
        "SELECT a.section, count(*) AS n FROM sentences s JOIN articles a USING (article_id) "
        "WHERE s.role = 'body' GROUP BY a.section ORDER BY a.section",
    )
    sents = stored.sentences.merge(stored.articles[["article_id", "section"]], on="article_id")
    want = sents[sents["role"] == "body"].groupby("section").size()
    assert got["section"].tolist() == want.index.tolist()
    assert got["n"].tolist() == want.tolist()
    for t in TABLES:  # every table is a view, even the empty ones, with the schema's columns
        cols = query(tmp_path / "s", f"SELECT * FROM {t} LIMIT 0").columns.tolist()
        assert cols[: len(SCHEMAS[t])] == list(SCHEMAS[t])
    n = query(stored, "SELECT count(*) AS n FROM claims c JOIN speakers p USING (article_id, speaker_id)")
    assert int(n["n"].iloc[0]) == int(stored.claims["speaker_id"].notna().sum())
    mem = analyze(ARTICLES[:2], nlp=nlp, progress=False)
    assert query(mem, "SELECT count(*) AS n FROM articles")["n"].tolist() == [2]


# ---------------------------------------------------------------------------- engines


def test_process_pool_equals_single_process(tmp_path, nlp):
    one = analyze(ARTICLES, nlp=nlp, progress=False, batch_size=2)
    two = analyze(ARTICLES, nlp=nlp, progress=False, batch_size=2, n_process=2)
    for t in TABLES:  # same order too, not only the same rows
        pd.testing.assert_frame_equal(one.tables[t], two.tables[t], obj=t)


def test_dask_engine_equals_local_engine(tmp_path, nlp):
    from distributed import Client, LocalCluster

    folder = _corpus(tmp_path)
    local = analyze(folder, nlp=nlp, store=tmp_path / "local", progress=False, batch_size=2)
    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    with cluster, Client(cluster) as client:
        remote = analyze(folder, store=tmp_path / "dask", engine="dask", client=client, progress=False, batch_size=2)
        # the model is loaded once per worker process, not once per batch
        loads = client.run(lambda: __import__("toolkit.nlp").nlp.load_model.cache_info().misses)
    assert set(loads.values()) <= {0, 1} and sum(loads.values()) >= 1
    assert len(remote.articles) == len(ARTICLES)
    assert_same_tables(local, remote)


def test_bad_engine_and_batch_size_are_named():
    with pytest.raises(ValueError, match="engine"):
        analyze("Head\nBody.", engine="spark", progress=False)
    with pytest.raises(ValueError, match="batch_size"):
        analyze("Head\nBody.", batch_size=0, progress=False)


# ---------------------------------------------------------------------------- progress and CLI


def test_progress_counts_processed_and_skipped(tmp_path, nlp, monkeypatch):
    import tqdm.auto

    bars = []

    class FakeBar:
        def __init__(self, total=None, **kwargs):
            self.total, self.n, self.closed = total, 0, False
            bars.append(self)

        def update(self, n):
            self.n += n

        def set_postfix(self, **kwargs):
            self.postfix = kwargs

        def close(self):
            self.closed = True

    monkeypatch.setattr(tqdm.auto, "tqdm", FakeBar)
    analyze_corpus(ARTICLES[:2], nlp=nlp, store=tmp_path / "s", batch_size=1)
    analyze_corpus(ARTICLES, nlp=nlp, store=tmp_path / "s", batch_size=1)
    analyze_corpus(ARTICLES, nlp=nlp, progress=False)
    assert [(b.total, b.n, b.closed) for b in bars] == [(2, 2, True), (len(ARTICLES), len(ARTICLES), True)]
    assert bars[1].postfix["skipped"] == 2


def test_cli_writes_a_resumable_store_and_csv(tmp_path, capsys):
    folder = _corpus(tmp_path, n=2)
    out = tmp_path / "store"
    assert main(["analyze", str(folder), "--out", str(out), "--no-progress"]) == 0
    assert "2 article(s)" in capsys.readouterr().out
    (folder / "business" / "extra.txt").write_text("Extra\nMore news said here.", encoding="utf-8")
    assert main(["analyze", str(folder), "--out", str(out), "--no-progress"]) == 0
    assert "3 article(s)" in capsys.readouterr().out
    assert len(open_store(out).articles) == 3
    assert main(["analyze", str(folder), "--out", str(tmp_path / "csv"), "--format", "csv", "--no-progress"]) == 0
    assert len(pd.read_csv(tmp_path / "csv" / "articles.csv")) == 3
    assert main(["analyze", "/no/such/folder", "--out", str(tmp_path / "bad"), "--no-progress"]) == 1
    assert capsys.readouterr().err == "error: /no/such/folder: no such file or folder\n"


def test_store_lock_refuses_a_second_writer_but_not_a_dead_one(tmp_path, nlp):
    import socket

    store = tmp_path / "s"
    analyze(ARTICLES[:1], nlp=nlp, store=store, progress=False)
    assert not (store / ".lock").exists()  # released after the run
    (store / ".lock").write_text(f"{socket.gethostname()} 1", encoding="utf-8")  # pid 1 is alive
    with pytest.raises(RuntimeError, match="another analyze run"):
        analyze(ARTICLES[:2], nlp=nlp, store=store, progress=False)
    (store / ".lock").write_text(f"{socket.gethostname()} 999999999", encoding="utf-8")  # no such pid
    assert len(analyze(ARTICLES[:2], nlp=nlp, store=store, progress=False).articles) == 2


def test_store_refuses_a_to_parquet_folder(tmp_path, nlp):
    analyze(ARTICLES[:1], nlp=nlp, progress=False).to_parquet(tmp_path / "t")
    with pytest.raises(FileExistsError, match="not a toolkit store"):
        analyze(ARTICLES[:1], nlp=nlp, store=tmp_path / "t", progress=False)


def test_a_text_that_breaks_the_parser_costs_only_itself(nlp, monkeypatch):
    import toolkit.corpus.engines as corpus

    real = corpus.parse_texts

    def fragile(model, texts, **kwargs):
        for doc in real(model, texts, **kwargs):
            if "POISON" in doc.text:
                raise RuntimeError("parser blew up")
            yield doc

    monkeypatch.setattr(corpus, "parse_texts", fragile)
    a = analyze([*ARTICLES[:3], "Bad\nPOISON here."], nlp=nlp, progress=False, batch_size=4)
    assert len(a.articles) == 4
    assert a.sentences["article_id"].nunique() == 3
    err = a.errors[a.errors["stage"] == "parse"]
    assert len(err) == 1 and "parser blew up" in err["message"].iloc[0]


def test_analyze_accepts_a_load_articles_result_with_its_errors(nlp, tmp_path):
    import toolkit

    for i in range(5):
        (tmp_path / f"a{i}.txt").write_text(f"Headline {i}\nThe minister said the plan would work, officials said.")
    (tmp_path / "empty.txt").write_text("")
    articles = toolkit.load_articles(tmp_path)
    assert len(articles.attrs["errors"]) == 1
    a = toolkit.analyze(articles, nlp=nlp, progress=False, batch_size=2)
    assert len(a.articles) == 5
    assert a.errors["source"].str.endswith("empty.txt").tolist() == [True]
    assert a.articles.attrs == {}


def test_a_failing_single_input_leaves_no_empty_store_folder(tmp_path):
    import toolkit

    target = tmp_path / "new-store"
    with pytest.raises(FileNotFoundError):
        toolkit.analyze(tmp_path / "no-such-article.txt", store=target, progress=False)
    assert not target.exists()
    existing = tmp_path / "kept"
    existing.mkdir()
    with pytest.raises(FileNotFoundError):
        toolkit.analyze(tmp_path / "no-such-article.txt", store=existing, progress=False)
    assert existing.is_dir()  # a folder the user made is never removed
