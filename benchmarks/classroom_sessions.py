"""A whole class on one machine: N student sessions against one local Voilà server.

Serves the student app (default ``notebooks/03-classroom-exercise.ipynb``) with Voilà on
127.0.0.1, opens N pages in headless Chromium (one browser context each, like N students) and
prints, for N = 1, 10, 30 by default:

* memory per student session: the resident memory (RSS and, where the kernel allows, PSS,
  which shares common pages fairly) of each kernel the server started;
* time to the first card: from ``page.goto`` to the first exercise card on screen, for every
  page when all N open at once ("together", the start of a lesson) and for one more student
  joining a class of N - 1 already working ("one more"); "together" opens N - 1 pages at once
  (one page when N = 1).

With ``--preheat`` (the default, as ``make classroom`` serves it) Voilà keeps a pool of N kernels
that have already run the notebook, so a student's page only connects to one.  Both the server
and the N browsers run on this machine, so at N = 30 the browsers' own rendering competes with
the server for the 2 cores: the "together" figure is pessimistic for a class on its own devices.

    .venv/bin/python benchmarks/classroom_sessions.py --lesson PATH [--n 1 10 30] [--no-preheat]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from browserutil import CHROMIUM, LAUNCH_ARGS, voila_server  # noqa: E402

# A kernel pool that refills after a student takes a kernel would start new kernels in the
# middle of the measurement (and of a lesson): a class has a fixed size, so it never refills.
NO_REFILL_SECONDS = 3600
CARD = ".toolkit-card"
# A pool is ready when its kernels together use less than a tenth of one core over two seconds:
# running a notebook keeps a kernel near 100 %, an idle kernel's heartbeat stays well under 1 %.
IDLE_WINDOW_S = 2.0
IDLE_CPU_PERCENT = 10.0


def _kernels(server: psutil.Process) -> list[psutil.Process]:
    out = []
    for child in server.children(recursive=True):
        try:
            if "ipykernel" in " ".join(child.cmdline()):
                out.append(child)
        except psutil.Error:
            continue
    return out


def _memory_mb(procs: list[psutil.Process]) -> tuple[list[float], list[float]]:
    rss, pss = [], []
    for proc in procs:
        try:
            info = proc.memory_full_info()
        except psutil.Error:
            continue
        rss.append(info.rss / 2**20)
        if getattr(info, "pss", None):
            pss.append(info.pss / 2**20)
    return rss, pss


async def _open(browser, url: str, timeout_ms: int) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    page = await context.new_page()
    start = time.perf_counter()
    try:
        await page.goto(url, timeout=timeout_ms)
        await page.wait_for_selector(CARD, timeout=timeout_ms)
    except Exception:  # noqa: BLE001 - a page that never shows a card is counted, not fatal
        return float("nan"), context
    return time.perf_counter() - start, context


async def _run(url: str, n: int, timeout_ms: int) -> dict[str, list[float]]:
    from playwright.async_api import async_playwright

    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        try:
            together = await asyncio.gather(*(_open(browser, url, timeout_ms) for _ in range(max(n - 1, 1))))
            one_more = [] if n == 1 else [await _open(browser, url, timeout_ms)]
            times = {"together": [t for t, _ in together], "one_more": [t for t, _ in one_more]}
            for _, context in [*together, *one_more]:
                await context.close()  # type: ignore[attr-defined]
            return times
        finally:
            await browser.close()


def _wait_for_pool(server: psutil.Process, size: int, timeout: float) -> float:
    """Wait until ``size`` kernels exist and all have finished running the notebook (they go idle)."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        kernels = _kernels(server)
        if len(kernels) >= size:
            for k in kernels:
                k.cpu_percent(None)
            time.sleep(IDLE_WINDOW_S)
            busy = sum(k.cpu_percent(None) for k in kernels if k.is_running())
            if busy < IDLE_CPU_PERCENT:
                break
        else:
            time.sleep(0.5)
    return time.perf_counter() - start


def measure(notebook: Path, lesson: Path, n: int, *, preheat: bool, timeout_s: float) -> dict[str, object]:
    """Serve the student app for ``n`` students and return the figures of one run."""
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        root = tmp / "root"
        (root / "notebooks").mkdir(parents=True)
        shutil.copy(notebook, root / "notebooks" / notebook.name)
        (root / "data").symlink_to(ROOT / "data", target_is_directory=True)  # notebooks that read ../data
        env = {"TOOLKIT_LESSON": str(lesson)}
        extra = []
        if preheat:
            extra = ["--preheat_kernel=True", f"--pool_size={n}",
                     f"--VoilaKernelManager.fill_delay={NO_REFILL_SECONDS}",
                     f"--VoilaKernelManager.default_env_variables={{'TOOLKIT_LESSON': '{lesson}'}}"]
        with voila_server(f"notebooks/{notebook.name}", cwd=root, tmp=tmp, env=env, extra=extra) as server:
            proc = psutil.Process(server["proc"].pid)
            warm = _wait_for_pool(proc, n, timeout_s) if preheat else 0.0
            times = asyncio.run(_run(server["url"], n, int(timeout_s * 1000)))
            rss, pss = _memory_mb(_kernels(proc))
            server_rss = proc.memory_info().rss / 2**20
    return {"n": n, "warm_s": warm, **times, "rss": rss, "pss": pss, "server_mb": server_rss}


def _fmt(values: list[float]) -> str:
    shown = [v for v in values if v == v]  # NaN: no card within the timeout
    if not values:
        return "-"
    failed = len(values) - len(shown)
    tail = f" ({failed} of {len(values)} pages showed no card in time)" if failed else ""
    if not shown:
        return "no card" + tail
    return f"median {statistics.median(shown):.1f}, max {max(shown):.1f}" + tail


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--notebook", type=Path, default=ROOT / "notebooks" / "03-classroom-exercise.ipynb")
    parser.add_argument("--lesson", type=Path, required=True, help="a saved lesson folder (the teacher app saves one)")
    parser.add_argument("--n", type=int, nargs="+", default=[1, 10, 30])
    parser.add_argument("--no-preheat", dest="preheat", action="store_false")
    parser.add_argument("--timeout", type=float, default=300, help="seconds per page and for the kernel pool")
    args = parser.parse_args()
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} cores")
    print(f"notebook {args.notebook.name}, lesson {args.lesson}, preheated kernels: {args.preheat}")
    for n in args.n:
        r = measure(args.notebook, args.lesson.resolve(), n, preheat=args.preheat, timeout_s=args.timeout)
        rss, pss = r["rss"], r["pss"]
        print(f"N={n:>2}: kernels {len(rss)} (pool ready after {r['warm_s']:.0f} s) | "  # type: ignore[arg-type]
              f"RSS per session MB {_fmt(rss)} | PSS per session MB {_fmt(pss)} | "  # type: ignore[arg-type]
              f"server {r['server_mb']:.0f} MB")
        print(f"      first card s: together {_fmt(r['together'])} | one more {_fmt(r['one_more'])}")  # type: ignore[arg-type]
        print(f"      load average now: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
