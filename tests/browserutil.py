"""Headless Debian chromium for the browser tests and the docs screenshots (never `playwright install`)."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from toolkit.serve import free_port

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


def classroom_options(*, students: int = 0, lesson: str | Path = "") -> list[str]:
    """The Voilà options ``make classroom STUDENTS=… LESSON=…`` serves with (one definition: the Makefile's)."""
    out = subprocess.run(["make", "-s", "--no-print-directory", "classroom-options", f"STUDENTS={students}",
                          f"LESSON={lesson}"], cwd=Path(__file__).resolve().parents[1], check=True,
                         capture_output=True, text=True).stdout
    return [line for line in out.splitlines() if line.strip()]


def require_chromium() -> None:
    """Skip when chromium is absent locally; fail under CI, where `make browser` must have installed it."""
    if CHROMIUM.exists():
        return
    if os.environ.get("CI"):
        pytest.fail(f"CI is set but {CHROMIUM} is missing: install Debian's chromium (make browser)")
    pytest.skip(f"{CHROMIUM} not installed (make browser); set CI=1 to make this a failure")


def launch(playwright):  # type: ignore[no-untyped-def]
    """Launch Debian's chromium headless with the flags this machine's closed network needs."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)


def stop_server(proc: subprocess.Popen) -> None:
    """Stop a test server and the kernels it started (its own process group)."""
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=10)
    except ProcessLookupError:
        return
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)


def isolated_jupyter_env(tmp: Path) -> dict[str, str]:
    """Environment for a Jupyter/Voilà server that reads nothing of the user's own settings.

    Temporary HOME and Jupyter dirs; kernelspecs only from this interpreter's prefix, and the
    kernelspec's "python" is this interpreter.
    """
    import sys

    return {
        **os.environ,
        "HOME": str(tmp / "home"),
        "JUPYTER_CONFIG_DIR": str(tmp / "jupyter-config"),
        "JUPYTER_DATA_DIR": str(tmp / "jupyter-data"),
        "JUPYTER_RUNTIME_DIR": str(tmp / "jupyter-runtime"),
        "JUPYTER_PATH": str(Path(sys.prefix) / "share" / "jupyter"),
        "JUPYTER_PREFER_ENV_PATH": "1",
        "IPYTHONDIR": str(tmp / "ipython"),
        "JUPYTER_PLATFORM_DIRS": "1",
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    }


@contextlib.contextmanager
def voila_server(
    notebook: str, *, cwd: Path, tmp: Path, env: dict[str, str] | None = None, extra: list[str] | None = None,
    start_timeout: float = 60, front_door: bool = False,
) -> Iterator[dict[str, Any]]:
    """Serve ``notebook`` (relative to ``cwd``) with Voilà on 127.0.0.1 and a free port; stop it (and its kernels) after.

    With ``front_door`` Voilà runs behind ``toolkit.serve`` as ``make classroom`` serves it.
    Yields ``{"url", "log", "proc"}``. Raises RuntimeError with the server log's tail when it does not start.
    """
    import sys
    import time
    import urllib.error
    import urllib.request

    (tmp / "home").mkdir(parents=True, exist_ok=True)
    port = free_port()
    log_path = tmp / "voila.log"
    log = open(log_path, "wb")  # noqa: SIM115 - closed below
    if front_door:
        command = [sys.executable, "-m", "toolkit.serve", f"--port={port}", notebook, *(extra or [])]
    else:
        command = [sys.executable, "-m", "voila", notebook, "--no-browser", f"--port={port}", "--Voila.ip=127.0.0.1",
                   "--ServerApp.port_retries=0", *(extra or [])]
    proc = subprocess.Popen(
        command,
        cwd=cwd, env={**isolated_jupyter_env(tmp), **(env or {})}, stdout=log, stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + start_timeout
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
                raise RuntimeError(f"Voilà did not start:\n{log_path.read_text(errors='replace')[-3000:]}")
            time.sleep(0.3)
        yield {"url": f"{base}/", "log": log_path, "proc": proc}
    finally:
        stop_server(proc)
        log.close()


def failure_evidence(page: Any, folder: Path, *, full_page: bool = False) -> None:
    """Save a screenshot of a failing page next to the server log and say where both are (best effort)."""
    try:
        page.screenshot(path=str(folder / "failure.png"), full_page=full_page, timeout=10_000)
    except Exception as exc:  # noqa: BLE001 - evidence is best effort; the real error follows
        print(f"no screenshot: {exc}")
    print(f"screenshot: {folder / 'failure.png'}\nserver log: {folder / 'voila.log'}")
