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


def _readme_section(title: str) -> str:
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    body = readme.split(f"\n## {title}\n\n", 1)[1]
    return body.split("\n## ", 1)[0]


def test_readme_tables_section_is_the_rendered_schema():
    # Regenerate with: python -m toolkit schema
    assert _readme_section("Tables") == schema_markdown()


def test_schema_is_derived_from_the_records():
    import dataclasses

    from toolkit.types import RECORDS, ROLES, SOURCE_CLASSES, STAGES

    for name, record in RECORDS.items():
        assert list(SCHEMAS[name]) == [f.name for f in dataclasses.fields(record)], name
    # Vocabulary columns document exactly the values the code uses.
    assert SCHEMAS["sentences"]["role"][1] == " | ".join(ROLES) + "."
    assert " | ".join(SOURCE_CLASSES) in SCHEMAS["claims"]["source_class"][1]
    assert SCHEMAS["errors"]["stage"][1] == " | ".join(STAGES) + "."


def test_tables_are_attributes_seen_by_dir():
    from toolkit.types import TABLES

    a = Analysis()
    assert set(TABLES) <= set(dir(a))
    assert {n for n in vars(Analysis) if not n.startswith("_") and isinstance(getattr(a, n), pd.DataFrame)} == set(TABLES)
    assert "claims" in (Analysis.claims.__doc__ or "")
    a.links = a.links.head(0)
    assert a.tables["links"] is a.links


def test_pipeline_readme_names_every_layer():
    from test_architecture import LAYERS

    section = _readme_section("Pipeline")
    for names in LAYERS:
        for name in names - {"", "__main__"}:
            assert f"`{name}" in section, name


def test_a_failing_check_stage_is_one_errors_row_and_keeps_the_claims(nlp, monkeypatch):
    import toolkit.literacy as literacy

    def broken(*args, **kwargs):
        raise ValueError("check blew up")

    monkeypatch.setattr(literacy, "annotate", broken)
    a = analyze(["Head\nThe minister said the plan would work.", "Other\nNothing to see here."], nlp=nlp, progress=False)
    assert len(a.articles) == 2 and len(a.claims) >= 1
    assert a.checks.empty and a.links.empty
    assert a.errors["stage"].tolist() == ["check", "check"]
    assert a.errors["message"].str.startswith("check failed: ValueError: check blew up").all()
