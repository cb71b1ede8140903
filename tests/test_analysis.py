from pathlib import Path

import pandas as pd

from toolkit import Analysis, analyze
from toolkit.types import SCHEMAS, schema_markdown


def test_every_table_follows_schema(seed_analysis):
    for name, df in seed_analysis.tables.items():
        assert list(df.columns)[: len(SCHEMAS[name])] == list(SCHEMAS[name]), name
        for col, (dtype, _) in SCHEMAS[name].items():
            assert str(df[col].dtype).startswith(dtype.split("[")[0]), (name, col, df[col].dtype)


def test_parquet_round_trip(seed_analysis, tmp_path):
    seed_analysis.to_parquet(tmp_path)
    back = Analysis.read_parquet(tmp_path)
    for name in seed_analysis.tables:
        pd.testing.assert_frame_equal(seed_analysis.tables[name], back.tables[name], check_dtype=True)


def test_readme_documents_every_table():
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    assert schema_markdown() in readme


def test_errors_do_not_lose_other_articles(nlp):
    a = analyze(["Head\nBody text here.", "   ", "/no/such/file.txt"], nlp=nlp)
    assert len(a.articles) == 1
    assert len(a.errors) == 2
    assert set(a.errors["stage"]) == {"load"}
