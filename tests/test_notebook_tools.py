"""`python -m toolkit.notebook_tools strip|check` and the corpus picker used by notebooks/04."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from toolkit.notebook_tools import CORPUS_SEED, KEEP_TAG, corpus_articles, strip_paths

ROOT = Path(__file__).resolve().parents[1]


def _notebook(path: Path) -> Path:
    def code(source, tags=(), count=1, text="out\n"):
        return {
            "cell_type": "code", "execution_count": count, "id": f"c{count}",
            "metadata": {"tags": list(tags), "execution": {"iopub.status.busy": "2026-01-01T00:00:00"}},
            "outputs": [{"output_type": "stream", "name": "stdout", "text": text}],
            "source": source,
        }

    nb = {
        "cells": [
            {"cell_type": "markdown", "id": "m1", "metadata": {}, "source": "# Title"},
            code("print('out')", count=1),
            code("print(2 + 2)", tags=[KEEP_TAG], count=2, text="4\n"),
        ],
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
                     "widgets": {"application/vnd.jupyter.widget-state+json": {"state": {}}}},
        "nbformat": 4, "nbformat_minor": 5,
    }
    path.write_text(json.dumps(nb), encoding="utf-8")
    return path


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "toolkit.notebook_tools", *args],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)


def test_strip_command_strips_all_but_kept_cells(tmp_path):
    path = _notebook(tmp_path / "lesson.ipynb")
    assert _run("check", str(path)).returncode == 1

    done = _run("strip", str(path))
    assert done.returncode == 0, done.stderr
    assert "lesson.ipynb: stripped" in done.stdout

    nb = json.loads(path.read_text(encoding="utf-8"))
    plain, kept = nb["cells"][1], nb["cells"][2]
    assert plain["outputs"] == [] and plain["execution_count"] is None
    assert kept["outputs"][0]["text"] == "4\n" and kept["execution_count"] == 2
    assert "execution" not in plain["metadata"] and "execution" not in kept["metadata"]
    assert "widgets" not in nb["metadata"] and nb["metadata"]["kernelspec"]["name"] == "python3"
    assert nb["cells"][0]["source"] == "# Title" and plain["id"] == "c1"

    assert _run("check", str(path)).returncode == 0
    before = path.read_bytes()
    assert _run("strip", str(path)).stdout == "" and path.read_bytes() == before  # idempotent


def test_strip_reports_bad_input(tmp_path):
    bad = tmp_path / "broken.ipynb"
    bad.write_text("{not json", encoding="utf-8")
    done = _run("strip", str(bad))
    assert done.returncode == 2 and "broken.ipynb: not a readable notebook" in done.stderr


def test_committed_notebooks_are_stripped():
    notebooks = sorted((ROOT / "notebooks").glob("*.ipynb"))
    names = [p.name for p in notebooks]
    assert all(re.match(r"\d\d-[a-z0-9-]+\.ipynb$", n) for n in names), names  # numbered
    assert [n[:3] for n in names][:4] == ["01-", "02-", "03-", "04-"]
    assert strip_paths(notebooks, write=False) == [], "run `make strip-notebooks`"


def test_notebooks_enable_mimetype_renderer_first():
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        nb = json.loads(path.read_text(encoding="utf-8"))
        first = next(c for c in nb["cells"] if c["cell_type"] == "code")
        source = "".join(first["source"])
        assert 'alt.renderers.enable("mimetype")' in source, path.name
        # A bare call as the cell's last line shows "RendererRegistry.enable('mimetype')" in the app.
        assert not source.rstrip().endswith('enable("mimetype")'), f"{path.name}: end the line with ';'"
        assert nb["metadata"]["kernelspec"]["name"] == "python3"


@pytest.fixture()
def corpus(tmp_path):
    for section, n in (("business", 5), ("sport", 3), ("tech", 1)):
        folder = tmp_path / section
        folder.mkdir()
        for i in range(n):
            (folder / f"{section}-{i}.txt").write_text(f"{section} headline {i}\nSomeone said it {i}.\n", encoding="utf-8")
    return tmp_path


def test_corpus_load_problems_are_returned(corpus):
    (corpus / "tech" / "empty.txt").write_text("", encoding="utf-8")
    articles, errors = corpus_articles(corpus)
    assert len(articles) == 9 and errors["message"].str.contains("empty.txt: the file is empty").any()


def test_corpus_limit_is_balanced_across_sections(corpus, monkeypatch):
    monkeypatch.delenv("TOOLKIT_CORPUS_LIMIT", raising=False)
    articles, errors = corpus_articles(corpus)
    assert len(articles) == 9 and errors.empty and not articles.attrs
    picked, _ = corpus_articles(corpus, limit=5)
    assert picked["section"].value_counts().to_dict() == {"business": 2, "sport": 2, "tech": 1}
    ids = picked["article_id"].tolist()
    assert ids == sorted(ids) and ids == corpus_articles(corpus, limit=5)[0]["article_id"].tolist()  # reproducible


def test_corpus_limit_samples_at_random_with_a_fixed_seed(tmp_path):
    # 5 topics x 40 articles; the first files alphabetically would be 00-07 of every topic.
    for section in ("business", "entertainment", "politics", "sport", "tech"):
        (tmp_path / section).mkdir()
        for i in range(40):
            (tmp_path / section / f"{i:02d}.txt").write_text(f"{section} {i}\nA said {i}.\n", encoding="utf-8")
    picked = corpus_articles(tmp_path, limit=40)[0]
    numbers = picked["article_id"].str.split("/").str[1].astype(int)
    assert picked["section"].value_counts().tolist() == [8] * 5
    assert numbers.max() >= 20 and not (numbers < 8).all()  # spread over each topic, not its first files
    again = corpus_articles(tmp_path, limit=40)[0]
    other = corpus_articles(tmp_path, limit=40, seed=CORPUS_SEED + 1)[0]
    assert again.equals(picked) and not other["article_id"].equals(picked["article_id"])


def test_corpus_from_environment(corpus, monkeypatch, tmp_path):
    monkeypatch.setenv("TOOLKIT_CORPUS", str(corpus))
    monkeypatch.setenv("TOOLKIT_CORPUS_LIMIT", "3")
    assert sorted(corpus_articles()[0]["section"]) == ["business", "sport", "tech"]
    monkeypatch.setenv("TOOLKIT_CORPUS_LIMIT", "many")
    with pytest.raises(ValueError, match="TOOLKIT_CORPUS_LIMIT must be a whole number"):
        corpus_articles()
    monkeypatch.delenv("TOOLKIT_CORPUS_LIMIT")
    monkeypatch.setenv("TOOLKIT_CORPUS", str(tmp_path / "nowhere"))
    with pytest.raises(FileNotFoundError, match="nowhere"):
        corpus_articles()


def test_corpus_relative_path_falls_back_to_project_root(monkeypatch, tmp_path):
    monkeypatch.delenv("TOOLKIT_CORPUS", raising=False)
    monkeypatch.chdir(tmp_path)
    assert corpus_articles("data")[0]["article_id"].tolist() == ["russia-china-drones"]
    assert corpus_articles()[0]["article_id"].tolist() == ["russia-china-drones"]
