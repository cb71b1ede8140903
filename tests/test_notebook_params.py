"""Every notebook runs on an article that is not the bundled one, with two articles in ``data/``.

A teacher's own article must never meet an error.  Each ``notebooks/*.ipynb`` (a glob: notebooks
added later are included) is copied into a temporary project whose ``data/`` holds two short
synthetic articles on one event (neither is the bundled article), and run with nbclient in one
kernel.  Its parameters are injected papermill-style: a cell tagged ``injected-parameters``
right after the cell tagged ``parameters``.  Any error output fails the test, and no output may
mention the bundled article's drones (which would mean the notebook ignored its parameters).
"""

from __future__ import annotations

import ast
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))

pytestmark = pytest.mark.slow

OUTLET_A = """Dock workers strike over pay, union says
Hundreds of dock workers walked out at the port of Eastham on Tuesday, the union said.
"We have waited two years for a fair offer," said Maria Lopez, the union's regional secretary.
The port authority said the offer on the table was generous and that talks would resume on Friday.
A spokesman for the shipping firms, who asked not to be named, said ships were already being diverted.
It is said that the strike could last for weeks, according to people familiar with the talks.
"""
OUTLET_B = """Port strike diverts ships
Ships were diverted from Eastham on Tuesday as dock workers went on strike.
The port authority denied that the pay offer was unfair, a statement said.
Union official Maria Lopez told reporters that members had waited two years for a fair offer.
Local businesses reportedly fear losses if the dispute is not settled quickly.
"""
ARTICLES = {"dock-strike.txt": OUTLET_A, "port-strike.txt": OUTLET_B}
LESSON = "dock-strike-lesson"
# A word of the bundled article that neither synthetic article holds.
BUNDLED_WORD = "drone"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("project")
    (root / "data").mkdir()
    for name, text in ARTICLES.items():
        (root / "data" / name).write_text(text, encoding="utf-8")
    (root / "notebooks").mkdir()
    # The students' app opens a lesson a teacher saved: one saved from the first synthetic article.
    import toolkit
    from toolkit.widgets.lesson import save_lesson

    analysis = toolkit.analyze(root / "data" / next(iter(ARTICLES)), progress=False)
    save_lesson(analysis, str(analysis.articles["article_id"].iloc[0]), name=LESSON, folder=root / "lessons")
    return root


def _parameters(source: str) -> dict[str, Any]:
    """The names a parameters cell assigns, with their default values (None when not a literal)."""
    out: dict[str, Any] = {}
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    try:
                        out[target.id] = ast.literal_eval(node.value)
                    except ValueError:
                        out[target.id] = None
    return out


def _article(default: Any, name: str) -> str:
    """The other article, in the form the notebook's default takes: a path, or a bare name in data/."""
    bare = isinstance(default, str) and "/" not in default and not Path(default).suffix
    return Path(name).stem if bare else f"../data/{name}"


def _injected(defaults: dict[str, Any], project: Path) -> dict[str, Any]:
    first, second = ARTICLES
    values = {
        "LESSON": LESSON,
        "LESSONS": str(project / "lessons"),
        "ARTICLE": _article(defaults.get("ARTICLE"), first),
        "LEFT": _article(defaults.get("LEFT"), first),
        "RIGHT": _article(defaults.get("RIGHT"), second),
        "CORPUS": "../data",
        "DATA_DIR": "../data",
    }
    return {k: v for k, v in values.items() if k in defaults}


def test_notebooks_are_found():
    assert len(NOTEBOOKS) >= 5, NOTEBOOKS


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_runs_on_another_article(path: Path, project: Path, monkeypatch: pytest.MonkeyPatch):
    import nbclient
    import nbformat

    nb = nbformat.read(path, as_version=4)
    tagged = [i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1, f"{path.name}: tag exactly one cell `parameters` (papermill convention)"
    values = _injected(_parameters(nb.cells[tagged[0]].source), project)
    assert values, f"{path.name}: its parameters cell names no article (ARTICLE, LEFT/RIGHT, CORPUS or LESSON)"
    injected = nbformat.v4.new_code_cell("\n".join(f"{k} = {v!r}" for k, v in values.items()))
    injected.metadata["tags"] = ["injected-parameters"]
    nb.cells.insert(tagged[0] + 1, injected)

    where = project / "notebooks"
    if (ROOT / "notebooks" / "examples").is_dir() and not (where / "examples").exists():
        shutil.copytree(ROOT / "notebooks" / "examples", where / "examples")
    # Notebook 04 reads its corpus from the environment when no parameter names one.
    monkeypatch.setenv("TOOLKIT_CORPUS", str(project / "data"))
    monkeypatch.setenv("TOOLKIT_CORPUS_LIMIT", "2")
    nbclient.NotebookClient(nb, kernel_name="python3", timeout=600, allow_errors=True,
                            resources={"metadata": {"path": str(where)}}).execute()

    outputs = [(c.get("id"), o) for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    errors = [f"{cid}: {o.get('ename')}: {o.get('evalue')}" for cid, o in outputs if o.output_type == "error"]
    assert not errors, errors
    texts = [str(o.get("text", "")) + str(o.get("data", {})) for _, o in outputs]
    assert not [t[:200] for t in texts if BUNDLED_WORD in t.lower()], "the notebook analysed the bundled article"
    # Apps draw into widgets: their text is in the widget state nbclient stores with the notebook.
    state = json.dumps(nb.metadata.get("widgets", {}))
    assert BUNDLED_WORD not in state.lower(), "a widget shows the bundled article"
    assert "There is no lesson" not in state
    if "LESSON" in values:
        assert "Lopez" in state, "the students' app did not open the saved lesson"
