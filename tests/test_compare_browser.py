"""End to end: Voilà serves 05-compare-coverage.ipynb as an app; headless Chromium checks it renders and reacts.

Voilà runs isolated (temporary HOME and Jupyter dirs, kernelspecs only from this venv) on
127.0.0.1 and a free port, and is stopped with its kernels (its own process group) at the end.
Skips only when chromium is missing and CI is unset.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from browserutil import failure_evidence, launch, require_chromium, voila_server

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = "05-compare-coverage.ipynb"

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def voila(tmp_path_factory):
    require_chromium()
    tmp = tmp_path_factory.mktemp("voila")
    root = tmp / "root"
    (root / "notebooks").mkdir(parents=True)
    shutil.copy(ROOT / "notebooks" / NOTEBOOK, root / "notebooks" / NOTEBOOK)
    shutil.copytree(ROOT / "notebooks" / "examples", root / "notebooks" / "examples")
    (root / "data").symlink_to(ROOT / "data", target_is_directory=True)
    try:
        with voila_server(f"notebooks/{NOTEBOOK}", cwd=root, tmp=tmp) as server:
            yield {"url": server["url"], "dir": tmp}
    except RuntimeError as exc:
        pytest.fail(str(exc))


def test_compare_app_renders_and_reacts_in_voila(voila, seed_text):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page(viewport={"width": 1366, "height": 1800})
        try:
            errors: list[str] = []
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            page.goto(voila["url"], timeout=120_000)
            page.wait_for_selector(".toolkit-compare .toolkit-compare-view mark", timeout=120_000)
            body = page.inner_text("body")
            assert "Traceback" not in body and not re.search(r"^\w*Error\b", body, re.M), body[:2000]
            assert "Same story, different sources?" in body
            assert "import toolkit" not in body  # Voilà shows no code
            status = page.locator(".toolkit-compare-status")
            before = status.inner_text()
            assert "claims in common" in before
            sides = page.locator(".toolkit-compare .cmp-side")
            assert sides.count() == 2
            badge = page.locator(".toolkit-compare .cmp-side").first.locator(".cmp-n").first.inner_text()
            assert badge == "1"
            page.wait_for_selector(".toolkit-compare-charts .vega-embed", timeout=60_000)
            # React: paste a shorter second article and compare again.
            short = "\n".join(seed_text.split("\n")[:6])
            pickers = page.locator(".toolkit-compare .toolkit-picker")
            pickers.nth(1).get_by_role("tab", name="Paste").click()
            pickers.nth(1).locator("textarea").fill(short)
            page.locator(".toolkit-compare-run").click()
            page.wait_for_function(
                "b => { const s = document.querySelector('.toolkit-compare-status'); "
                "return s && s.innerText !== b && /claims in common/.test(s.innerText); }",
                arg=before, timeout=60_000,
            )
            after = status.inner_text()
            assert after != before
            findings = page.locator(".toolkit-compare-findings .toolkit-findings li").all_inner_texts()
            assert findings and all(f.strip().endswith(".") for f in findings)
            assert not errors, errors
        except Exception:
            failure_evidence(page, voila["dir"])
            raise
        finally:
            browser.close()
