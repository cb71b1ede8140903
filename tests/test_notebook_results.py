"""The numbered notebooks reproduce their results: each runs in a kernel, then its checks run there.

The checks live here, not in the notebooks: a teacher running a notebook on their own article
must never meet an AssertionError about the bundled article's figures.  Each notebook runs as
it is (on the bundled article, or on ``TOOLKIT_CORPUS`` for notebook 04, as in CI) and the
check code below is appended as one more cell in the same kernel.
"""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"

pytestmark = pytest.mark.slow

CHECKS: dict[str, str] = {
    '01-quickstart.ipynb': 'assert analysis.errors.empty, analysis.errors\nassert len(analysis.claims) == 21\nassert (analysis.claims.anonymous).sum() == 6\nassert (analysis.claims.agentless).sum() == 3\npeskov = analysis.speakers[analysis.speakers["name"].str.contains("Peskov")]\nassert len(peskov) == 1 and "he" in peskov.iloc[0]["mentions"]  # "he" resolved to Dmitry Peskov\nheadline = analysis.claims.iloc[0]\nassert headline["content_text"].startswith("Russia wants armed drones") and headline["speaker_text"] == "US"\ndenied = set(analysis.links.loc[analysis.links["relation"] == "denies", "target_claim_id"])\nassert headline["claim_id"] in denied  # Moscow and Beijing deny the headline\'s claim',
    '02-explore-sources.ipynb': 'assert state.article_id == "russia-china-drones" and state.speaker_id is None\nassert len(state.claims) == state.n_total == len(analysis.claims)\n\npeskov = analysis.speakers.loc[analysis.speakers["name"].str.contains("Peskov"), "speaker_id"].item()\nstate.speaker_id = peskov\nassert ui.speaker.value == peskov\nassert set(state.claims["speaker_name"]) == {"Dmitry Peskov"} and len(state.claims) == 2\ntable = ui.claims_out.outputs[0]["data"]["text/html"]\nassert "independent potential" in table and "spreading disinformation" not in table  # only his claims\n\nstate.speaker_id = None  # back to every speaker\nstate.quote_types = ("agentless",)\nassert len(state.claims) == 3 and (state.claims["hedges"].map(len) > 0).all()\nstate.quote_types = tuple(ui.quote_toggles)\nassert len(state.claims) == len(analysis.claims)',
    # The student app opens the lesson saved by the test (see _prepare): no spaCy in its kernel.
    '03-classroom-exercise.ipynb': 'import sys\nassert "spacy" not in sys.modules  # a student session never loads spaCy\nassert state.total == 84 and state.score == 0 and state.answered == 0\nui.student.value = "Check Student"\nfor row in state.key.to_dict("records"):\n    for question, widget in ui.questions[row["claim_id"]].items():\n        widget.value = row[question]\nassert state.score == state.total and state.answered == state.total\nassert (state.key["anonymity"] == "no source given").sum() == 3\nassert (state.key["denied"] == "yes").sum() >= 1\nassert len(state.results()) == 84 and state.results()["correct"].all()\nassert "right_answer" not in str(ui.children)  # the key is not on the page',
    '06-classroom-teacher.ipynb': 'ui.analyse_button.click()\nanalysis = state.analysis\nassert analysis is not None and len(analysis.claims) == 21, ui.status.value\nassert (analysis.claims.anonymous).sum() == 6\nloaded_in_quotes = set(analysis.markers.query("kind == \'loaded\' and inside_content")["text"].str.lower())\nassert {"disinformation", "misinformation"} <= loaded_in_quotes\nui.lesson_name.value = "check lesson"\nui.save_button.click()\nkey = state.lesson.key()\nassert len(key) == 21 and (key["anonymity"] == "no source given").sum() == 3\neditor = ui.editor_box.children[0]\neditor.fields[0]["hedged"].value = "yes"\neditor.save_button.click()\nassert state.lesson.key().loc[0, "hedged"] == "yes"',
    '04-corpus.ipynb': 'limit = os.environ.get("TOOLKIT_CORPUS_LIMIT")\nassert len(analysis.articles) == len(articles) > 0\nif limit:\n    assert len(analysis.articles) <= int(limit)\nassert not (analysis.errors["level"] == "error").any(), analysis.errors\nassert len(analysis.claims) > 0\nassert set(analysis.claims["article_id"]) <= set(analysis.articles["article_id"])\nassert quoted["claims"].is_monotonic_decreasing and quoted["share"].sum() <= 1\n# nobody denies themselves: links between two claims of one speaker are left out\nassert len(edges) <= (analysis.links["relation"] == "denies").sum()\nassert not (edges["denier_key"].notna() & (edges["denier_key"] == edges["denied_key"])).any()\nassert edges["denier"].notna().all()\nif not os.environ.get("TOOLKIT_CORPUS"):  # the bundled article: its figures are known\n    assert len(analysis.claims) == 21 and (analysis.claims.anonymous).sum() == 6\n    assert len(edges) >= 5',
}


def test_notebooks_hold_no_asserts():
    import nbformat

    for path in sorted(NOTEBOOKS.glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        assert not [c.source for c in nb.cells if c.cell_type == "code" and "assert " in c.source], path.name


def _prepare(name: str, request: pytest.FixtureRequest, lessons: Path) -> None:
    """Save the bundled article as a lesson for the student notebook, as a teacher would first."""
    if name.startswith("03-"):
        from toolkit.widgets.lesson import save_lesson

        save_lesson(request.getfixturevalue("seed_analysis"), "russia-china-drones", folder=lessons)


@pytest.mark.parametrize("name", sorted(CHECKS))
def test_notebook_reproduces_its_results(name, request, tmp_path, monkeypatch):
    import nbclient
    import nbformat

    # Lessons go to a temporary folder (the kernel inherits the environment), never the user's own.
    monkeypatch.setenv("TOOLKIT_LESSONS", str(tmp_path))
    _prepare(name, request, tmp_path)

    path = NOTEBOOKS / name
    nb = nbformat.read(path, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(CHECKS[name]))
    nbclient.NotebookClient(
        nb, kernel_name="python3", timeout=600, resources={"metadata": {"path": str(NOTEBOOKS)}}
    ).execute()
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors, errors
