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
    '03-classroom-exercise.ipynb': 'check_ui, check = toolkit.exercise(analysis, ARTICLE)\nassert check.total == 4 * len(analysis.claims) == 84\nfor row in check.key.to_dict("records"):\n    for question, widget in check_ui.questions[row["claim_id"]].items():\n        widget.value = row[question]\nassert check.score == check.total and check.answered == check.total\n\nassert (analysis.claims.anonymous).sum() == 6\nassert (key["anonymity"] == "no source given").sum() == 3\nassert (key["denied"] == "yes").sum() >= 1\nassert state.score == 0 and state.answered == 0  # the students\' copy is untouched\nloaded_in_quotes = set(analysis.markers.query("kind == \'loaded\' and inside_content")["text"].str.lower())\nassert {"disinformation", "misinformation"} <= loaded_in_quotes\nassert len(check.results()) == 84 and check.results()["correct"].all()',
    '04-corpus.ipynb': 'limit = os.environ.get("TOOLKIT_CORPUS_LIMIT")\nassert len(analysis.articles) == len(articles) > 0\nif limit:\n    assert len(analysis.articles) <= int(limit)\nassert not (analysis.errors["level"] == "error").any(), analysis.errors\nassert len(analysis.claims) > 0\nassert set(analysis.claims["article_id"]) <= set(analysis.articles["article_id"])\nassert quoted["claims"].is_monotonic_decreasing and quoted["share"].sum() <= 1\n# nobody denies themselves: links between two claims of one speaker are left out\nassert len(edges) <= (analysis.links["relation"] == "denies").sum()\nassert not (edges["denier_key"].notna() & (edges["denier_key"] == edges["denied_key"])).any()\nassert edges["denier"].notna().all()\nif not os.environ.get("TOOLKIT_CORPUS"):  # the bundled article: its figures are known\n    assert len(analysis.claims) == 21 and (analysis.claims.anonymous).sum() == 6\n    assert len(edges) >= 5',
}


def test_notebooks_hold_no_asserts():
    import nbformat

    for path in sorted(NOTEBOOKS.glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        assert not [c.source for c in nb.cells if c.cell_type == "code" and "assert " in c.source], path.name


@pytest.mark.parametrize("name", sorted(CHECKS))
def test_notebook_reproduces_its_results(name):
    import nbclient
    import nbformat

    path = NOTEBOOKS / name
    nb = nbformat.read(path, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(CHECKS[name]))
    nbclient.NotebookClient(
        nb, kernel_name="python3", timeout=600, resources={"metadata": {"path": str(NOTEBOOKS)}}
    ).execute()
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors, errors
