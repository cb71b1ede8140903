"""End to end: JupyterLab runs 02-explore-sources.ipynb in headless Chromium; the speaker filter drives the views.

JupyterLab runs isolated (temporary HOME and Jupyter config/data/runtime dirs; kernelspecs only
from this venv, so `python3` is this interpreter) on a copy of the notebook, so the repository's
notebook is never saved over. Skips only when chromium is missing and CI is unset.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from browserutil import launch, require_chromium, stop_server

from toolkit.serve import free_port

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = "02-explore-sources.ipynb"
# The docs screenshot is refreshed only on request, so a test run leaves the checkout clean.
DOCS_SCREENSHOT = ROOT / "docs" / "explorer.png"

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """A JupyterLab server on 127.0.0.1 with a token, serving a copy of notebooks/ and data/."""
    require_chromium()
    tmp = tmp_path_factory.mktemp("lab")
    root, home = tmp / "root", tmp / "home"
    (root / "notebooks").mkdir(parents=True)
    home.mkdir()
    shutil.copy(ROOT / "notebooks" / NOTEBOOK, root / "notebooks" / NOTEBOOK)
    (root / "data").symlink_to(ROOT / "data", target_is_directory=True)
    config_dir = tmp / "jupyter-config"
    # Start the notebook's kernel without asking, and never fetch news (no network in tests).
    for plugin, values in {
        "notebook-extension/tracker": {"autoStartDefaultKernel": True},
        "apputils-extension/notification": {"fetchNews": "false", "checkForUpdates": False},
    }.items():
        target = config_dir / "lab" / "user-settings" / "@jupyterlab" / f"{plugin}.jupyterlab-settings"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(values))
    env = {
        **os.environ,
        "HOME": str(home),
        "JUPYTER_CONFIG_DIR": str(config_dir),
        "JUPYTER_DATA_DIR": str(tmp / "jupyter-data"),
        # Kernelspecs only from this environment: `python3` is this venv's ipykernel.
        "JUPYTER_PATH": str(Path(sys.prefix) / "share" / "jupyter"),
        "JUPYTER_PREFER_ENV_PATH": "1",
        "JUPYTER_RUNTIME_DIR": str(tmp / "jupyter-runtime"),
        "IPYTHONDIR": str(tmp / "ipython"),
        "JUPYTER_PLATFORM_DIRS": "1",
    }
    env.pop("JUPYTER_PATH", None)
    env.pop("TOOLKIT_CORPUS", None)
    port, token = free_port(), secrets.token_hex(16)
    log = open(tmp / "lab.log", "wb")  # noqa: SIM115 - closed in the teardown below
    proc = subprocess.Popen(
        [
            # -m jupyterlab, not -m jupyter lab: the latter execs the jupyter-lab script, whose
            # shebang may name another environment (a copied venv), and its kernels import that toolkit.
            sys.executable, "-m", "jupyterlab", "--no-browser",
            "--ip=127.0.0.1", f"--port={port}", f"--IdentityProvider.token={token}",
            f"--ServerApp.root_dir={root}", "--LabApp.expose_app_in_browser=True",
            "--LabApp.news_url=None", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
            "--LabApp.extension_manager=readonly", "--ServerApp.port_retries=0",
            *(["--allow-root"] if os.geteuid() == 0 else []),  # CI containers run as root
        ],
        cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                log.flush()
                pytest.fail(f"JupyterLab did not start:\n{(tmp / 'lab.log').read_text(errors='replace')[-3000:]}")
            time.sleep(0.3)
        with urllib.request.urlopen(f"{base}/api/kernelspecs?token={token}", timeout=5) as r:
            spec = json.load(r)["kernelspecs"]["python3"]["spec"]
        # "python" in the native spec means the server's own interpreter: this venv's.
        assert spec["argv"][0] in ("python", sys.executable), spec["argv"]
        yield {"url": f"{base}/lab/tree/notebooks/{NOTEBOOK}?token={token}", "dir": tmp}
    finally:
        stop_server(proc)
        log.close()


# Every explorer chart's drawing must lie inside its pane, the pane inside the explorer, and the
# explorer inside the notebook's visible width: then nothing is clipped at that window size.
CHARTS_INSIDE = """() => {
    const box = e => e.getBoundingClientRect();
    const inside = (a, b) => a.left >= b.left - 1 && a.right <= b.right + 1;
    const explorer = document.querySelector('.toolkit-explorer');
    const scroller = explorer.closest('.jp-WindowedPanel-outer, .jp-Notebook') || document.documentElement;
    const drawn = [...document.querySelectorAll('.toolkit-explorer-chart svg.marks, .toolkit-explorer-chart canvas')];
    if (!drawn.length) return 'no chart drawn';
    for (const d of drawn) {
        const pane = d.closest('.toolkit-explorer-chart');
        if (box(d).width < 200) return `chart only ${box(d).width} px wide`;
        if (!inside(box(d), box(pane))) return `chart ${JSON.stringify(box(d))} outside its pane ${JSON.stringify(box(pane))}`;
        if (!inside(box(pane), box(explorer))) return `pane outside the explorer`;
    }
    if (!inside(box(explorer), box(scroller))) return `explorer ${box(explorer).right} px past the notebook ${box(scroller).right}`;
    if (box(explorer).right > window.innerWidth) return `explorer past the window`;
    return 'ok';
}"""


def assert_charts_fit(page, width: int, height: int) -> None:
    """Resize the window and wait until every explorer chart lies inside its container."""
    page.set_viewport_size({"width": width, "height": height})
    try:
        page.wait_for_function(f"() => ({CHARTS_INSIDE})() === 'ok'", timeout=10_000)
    except Exception:
        raise AssertionError(f"at {width}x{height}: {page.evaluate(CHARTS_INSIDE)}; " + page.evaluate("document.querySelector('.toolkit-explorer-chart').outerHTML.slice(0, 1500)")) from None


def _rows(page) -> int:
    return page.locator(".toolkit-explorer-claims table.toolkit-claims-table tbody tr").count()


def test_explorer_runs_in_jupyterlab_and_filters_by_speaker(lab, tmp_path):
    from playwright.sync_api import sync_playwright

    screenshot = DOCS_SCREENSHOT if os.environ.get("UPDATE_SCREENSHOTS") else tmp_path / "explorer.png"

    with sync_playwright() as p:
        browser = launch(p)
        # Tall enough for the whole explorer, so its screenshot is not cut by the notebook's scroll box.
        page = browser.new_page(viewport={"width": 1366, "height": 2400})
        try:
            errors: list[str] = []
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            page.goto(lab["url"], timeout=30_000)
            page.wait_for_function(
                "() => window.jupyterapp && document.querySelector('.jp-Notebook .jp-Cell')", timeout=30_000
            )
            # Run only once the kernel is connected and idle: earlier, "Run All" can be dropped.
            page.wait_for_function(
                """() => {
                    const panel = window.jupyterapp.shell.currentWidget;
                    const kernel = panel && panel.sessionContext && panel.sessionContext.session
                        && panel.sessionContext.session.kernel;
                    return !!kernel && kernel.connectionStatus === 'connected' && kernel.status === 'idle';
                }""",
                timeout=30_000,
            )
            # Fire and forget: the command's promise settles only when every cell has run.
            page.evaluate("() => { window.jupyterapp.commands.execute('notebook:run-all-cells'); }")
            explorer = page.locator(".toolkit-explorer")
            explorer.wait_for(timeout=45_000)
            page.wait_for_function(
                """() => {
                    const prompts = [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')];
                    return prompts.length > 0 && prompts.every(p => /\\[\\d+\\]/.test(p.textContent));
                }""",
                timeout=45_000,
            )
            outputs = page.locator(".jp-OutputArea-output").all_inner_texts()
            tracebacks = [t for t in outputs if "Traceback" in t or re.search(r"^\w*Error\b", t, re.M)]
            assert not tracebacks, tracebacks[0][:2000]

            claims, article = page.locator(".toolkit-explorer-claims"), page.locator(".toolkit-explorer-article")
            page.wait_for_selector(".toolkit-explorer-claims table.toolkit-claims-table")
            page.wait_for_selector(".toolkit-explorer-article mark")
            page.wait_for_selector(".toolkit-explorer-chart svg, .toolkit-explorer-chart canvas", timeout=20_000)
            rows_before, claims_before, article_before = _rows(page), claims.inner_text(), article.inner_html()
            assert rows_before >= 10
            explorer.evaluate("el => el.scrollIntoView({block: 'start'})")
            explorer.screenshot(path=str(screenshot), animations="disabled")
            # The voices chart fits its pane from a small laptop to a wide screen (issue 15).
            for size in ((1366, 768), (1024, 768), (1920, 1080)):
                assert_charts_fit(page, *size)
            page.set_viewport_size({"width": 1366, "height": 2400})

            select = page.locator(".toolkit-speaker select")
            # ipywidgets writes option labels with non-breaking spaces.
            labels = [t.replace("\xa0", " ") for t in select.locator("option").all_inner_texts()]
            assert labels[0].startswith("All speakers")
            index = next((i for i, t in enumerate(labels) if "Peskov" in t), 1)
            pick = labels[index]
            select.select_option(index=index)
            page.wait_for_function(
                # > 0: while the pane re-renders it is empty for a moment.
                "n => { const k = document.querySelectorAll('.toolkit-explorer-claims tbody tr').length; return k !== n && k > 0; }",
                arg=rows_before, timeout=15_000,
            )
            # the pane re-renders in steps: wait until the picked speaker's rows are its text
            page.wait_for_function(
                "name => (document.querySelector('.toolkit-explorer-claims')?.innerText || '').replace(/\u00a0/g, ' ').includes(name)",
                arg=pick.rsplit(" (", 1)[0], timeout=15_000,
            )

            rows_after, claims_after, article_after = _rows(page), claims.inner_text(), article.inner_html()
            claims_after = claims_after.replace("\xa0", " ")
            n_claims = int(re.search(r"\((\d+)\)$", pick).group(1))
            assert rows_after == n_claims < rows_before
            assert claims_after != claims_before and pick.rsplit(" (", 1)[0] in claims_after
            assert article_after != article_before
            assert page.locator(".toolkit-summary").inner_text().replace("\xa0", " ").startswith(f"{n_claims} of {rows_before}")
            assert not errors, errors
        except Exception:
            # Leave evidence for CI logs: what the page showed, and the server's log.
            page.screenshot(path=str(lab["dir"] / "failure.png"), full_page=True)
            print(f"screenshot: {lab['dir'] / 'failure.png'}\nserver log: {lab['dir'] / 'lab.log'}")
            raise
        finally:
            browser.close()
    assert screenshot.stat().st_size > 10_000
