"""Notebook 05 runs on a second pair: parameters injected after its `parameters` cell (papermill style)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "05-compare-coverage.ipynb"

pytestmark = pytest.mark.slow


def _no_asserts(nb) -> list[str]:
    return [c.source for c in nb.cells if c.cell_type == "code" and "assert " in c.source]


def test_notebook_has_a_parameters_cell_and_no_asserts():
    import nbformat

    nb = nbformat.read(NOTEBOOK, as_version=4)
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1 and "LEFT" in tagged[0].source and "RIGHT" in tagged[0].source
    assert _no_asserts(nb) == []


def test_notebook_runs_on_a_second_pair(tmp_path, seed_text):
    import nbclient
    import nbformat

    lines = seed_text.split("\n")
    left = "\n".join(["Drone claim denied by Moscow and Beijing", *lines[2:12]])
    right = "\n".join(["US says Russia sought Chinese drones", *lines[12:]])
    nb = nbformat.read(NOTEBOOK, as_version=4)
    at = next(i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", []))
    params = f"LEFT = {json.dumps(left)}\nRIGHT = {json.dumps(right)}\nLABELS = ['Paper X', 'Paper Y']"
    nb.cells.insert(at + 1, nbformat.v4.new_code_cell(params, metadata={"tags": ["injected-parameters"]}))
    nbclient.NotebookClient(nb, kernel_name="python3", timeout=300,
                            resources={"metadata": {"path": str(NOTEBOOK.parent)}}).execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    summary = next(c for c in nb.cells if "nbval-check-output" in c.metadata.get("tags", []))
    text = "".join(o.get("text", "") for o in summary.outputs)
    assert text.startswith("sides: Paper X | Paper Y")
    html = "".join(o.get("data", {}).get("text/html", "") for o in outputs)
    assert "toolkit-findings" in html and "Paper Y" in html and 'data-side="Paper X"' in html
    assert "&lt;NA&gt;" not in html and "<NA>" not in html
