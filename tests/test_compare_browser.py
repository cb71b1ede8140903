"""End to end: Voilà serves 05-compare-coverage.ipynb as an app; headless Chromium checks it renders and reacts.

Voilà runs isolated (temporary HOME and Jupyter dirs, kernelspecs only from this venv) on
127.0.0.1 and a free port, and is stopped with its kernels (its own process group) at the end.
Skips only when chromium is missing and CI is unset.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from browserutil import free_port, launch, require_chromium, stop_server

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = "05-compare-coverage.ipynb"

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def voila(tmp_path_factory):
    require_chromium()
    tmp = tmp_path_factory.mktemp("voila")
    root, home = tmp / "root", tmp / "home"
    (root / "notebooks").mkdir(parents=True)
    home.mkdir()
    shutil.copy(ROOT / "notebooks" / NOTEBOOK, root / "notebooks" / NOTEBOOK)
    shutil.copytree(ROOT / "notebooks" / "examples", root / "notebooks" / "examples")
    (root / "data").symlink_to(ROOT / "data", target_is_directory=True)
    env = {
        **os.environ,
        "HOME": str(home),
        "JUPYTER_CONFIG_DIR": str(tmp / "jupyter-config"),
        "JUPYTER_DATA_DIR": str(tmp / "jupyter-data"),
        "JUPYTER_RUNTIME_DIR": str(tmp / "jupyter-runtime"),
        "JUPYTER_PATH": str(Path(sys.prefix) / "share" / "jupyter"),
        "JUPYTER_PREFER_ENV_PATH": "1",
        "IPYTHONDIR": str(tmp / "ipython"),
        "JUPYTER_PLATFORM_DIRS": "1",
        # The kernelspec says "python": make it this interpreter.
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    port = free_port()
    log = open(tmp / "voila.log", "wb")  # noqa: SIM115 - closed in the teardown below
    proc = subprocess.Popen(
        [sys.executable, "-m", "voila", f"notebooks/{NOTEBOOK}", "--no-browser", f"--port={port}",
         "--Voila.ip=127.0.0.1", "--ServerApp.port_retries=0"],
        cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"{base}/voila/static/", timeout=2):
                    break
            except urllib.error.HTTPError:
                break  # the server answers: it is up
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                log.flush()
                pytest.fail(f"Voilà did not start:\n{(tmp / 'voila.log').read_text(errors='replace')[-3000:]}")
            time.sleep(0.3)
        yield {"url": f"{base}/", "dir": tmp}
    finally:
        stop_server(proc)
        log.close()


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
            try:
                page.screenshot(path=str(voila["dir"] / "failure.png"), timeout=10_000)
            except Exception as exc:  # noqa: BLE001 - evidence is best effort; the real error follows
                print(f"no screenshot: {exc}")
            print(f"screenshot: {voila['dir'] / 'failure.png'}\nserver log: {voila['dir'] / 'voila.log'}")
            raise
        finally:
            browser.close()
