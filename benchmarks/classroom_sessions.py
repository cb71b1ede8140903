"""A whole class on one machine: N student sessions against one local Voilà server.

Serves the student app (default ``notebooks/03-classroom-exercise.ipynb``) with Voilà on
127.0.0.1 and prints, for N = 1, 10, 30 by default:

* memory per student session: the resident memory (RSS and, where the kernel allows, PSS,
  which shares common pages fairly) of each kernel the server started;
* time to the first card, for N students arriving at the same moment. In a classroom each
  student's page is drawn by the student's own device; here only one real Chromium page is
  opened (``--clients one-browser``, the default) while N - 1 *protocol students*
  (``benchmarks/classroom_client.py``) make the same requests a page makes — the page, every
  script and style sheet a real page of this app fetched, the kernel's websocket, the widget
  states — so the server and its kernels carry the whole class. The browser page's time is the
  figure a student sees; the protocol students' times are the server's share. Before the class
  arrives, one browser page opens alone ("alone") and records the assets a page fetches. With
  ``--arrival-window S`` the students arrive at random moments within S seconds instead (a class
  told to open the link), each timed from its own arrival.
  ``--clients all-browsers`` opens N Chromium pages instead (all rendering on these 2 cores too,
  so that figure is pessimistic for a class on its own devices).

The server gets the options ``make classroom`` gives it (``make classroom-options``). With
``--preheat`` (the default, as ``make classroom STUDENTS=N`` serves it) Voilà keeps a pool of kernels
that have already run the notebook (N + 1 here: one for the page opened alone), so a student's
page only connects to one. The pool is ready when the server and all its kernels are idle.

    .venv/bin/python benchmarks/classroom_sessions.py --lesson PATH [--n 1 10 30] [--no-preheat]
        [--clients one-browser|all-browsers] [--arrival-window SECONDS]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import random
import re
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable
from pathlib import Path
from typing import Any, TypeVar

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from browserutil import CHROMIUM, LAUNCH_ARGS, classroom_options, voila_server  # noqa: E402
from classroom_client import protocol_student  # noqa: E402

CARD_CLASS = "toolkit-card"
CARD = f".{CARD_CLASS}"
# The pool is ready when the server and every kernel each use less than 5 % of one core over two
# seconds, twice in a row: running a notebook keeps a kernel near 100 % and the server is busy
# while it starts kernels and sends them cells, while an idle kernel's heartbeat stays under 1 %.
# (A sum over the processes fails both ways: counting kernels alone fired after 8 s with 30
# kernels still to run the notebook, and 31 idle heartbeats add up to about 10 %.)
IDLE_WINDOW_S = 2.0
IDLE_CPU_PERCENT = 5.0
IDLE_WINDOWS = 2
# Arrival moments within --arrival-window are drawn with this seed, so runs are comparable.
ARRIVAL_SEED = 15
T = TypeVar("T")
# What a page fetches from the server before it can draw (no API calls, no websocket).
ASSET_TYPES = ("script", "stylesheet", "font", "image")
# Server log lines printed per run when something went wrong: enough to see the cause, not a flood.
MAX_COMPLAINTS = 15


def _kernels(server: psutil.Process) -> list[psutil.Process]:
    out = []
    for child in server.children(recursive=True):
        try:
            if "ipykernel" in " ".join(child.cmdline()):
                out.append(child)
        except psutil.Error:
            continue
    return out


def _servers(top: psutil.Process) -> list[psutil.Process]:
    """The serving processes: Voilà, and the front door in front of it when there is one (not the kernels)."""
    kernels = _kernels(top)  # once: each call reads every child's command line
    return [p for p in [top, *top.children(recursive=True)] if p not in kernels]


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


async def _open(browser: Any, url: str, timeout_ms: int, assets: list[str] | None = None) -> tuple[float, Any]:
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    page = await context.new_page()
    if assets is not None:
        origin = url.rstrip("/")

        def record(request: Any) -> None:
            if request.resource_type in ASSET_TYPES and request.url.startswith(origin):
                assets.append(request.url[len(origin):])

        page.on("requestfinished", record)
    start = time.perf_counter()
    try:
        await page.goto(url, timeout=timeout_ms)
        await page.wait_for_selector(CARD, timeout=timeout_ms)
    except Exception:  # noqa: BLE001 - a page that never shows a card is counted, not fatal
        return float("nan"), context
    return time.perf_counter() - start, context


async def _after(delay: float, job: Awaitable[T]) -> T:
    await asyncio.sleep(delay)
    return await job


async def _run(url: str, n: int, timeout_ms: int, *, clients: str, server: psutil.Process,
               arrival_s: float = 0.0) -> dict[str, list[float]]:
    from playwright.async_api import async_playwright

    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        try:
            assets: list[str] = []
            alone, first = await _open(browser, url, timeout_ms, assets)
            contexts = [first]
            if clients == "all-browsers":
                pages = await asyncio.gather(*(_open(browser, url, timeout_ms) for _ in range(n)))
                contexts += [c for _, c in pages]
                times = {"alone": [alone], "browser": [t for t, _ in pages], "protocol": []}
            else:
                # Each student arrives at a random moment of the window (all at once when it is 0);
                # the browser page arrives in its middle, when most of the class is arriving too.
                rng = random.Random(ARRIVAL_SEED)
                page = asyncio.ensure_future(_after(arrival_s / 2, _open(browser, url, timeout_ms)))
                students = await asyncio.gather(
                    *(_after(rng.uniform(0, arrival_s),
                             protocol_student(url, assets=assets, card_class=CARD_CLASS, timeout=timeout_ms / 1000))
                      for _ in range(n - 1)))
                seen, context = await page
                contexts.append(context)
                times = {"alone": [alone], "browser": [seen], "protocol": list(students)}
            # Memory while every student is connected: Voilà shuts a kernel down when its page closes.
            times["rss"], times["pss"] = _memory_mb(_kernels(server))
            for context in contexts:
                await context.close()
            return times
        finally:
            await browser.close()


def _busy(procs: list[psutil.Process]) -> float:
    for proc in procs:
        with contextlib.suppress(psutil.Error):
            proc.cpu_percent(None)
    time.sleep(IDLE_WINDOW_S)
    busiest = 0.0
    for proc in procs:
        with contextlib.suppress(psutil.Error):
            busiest = max(busiest, proc.cpu_percent(None))
    return busiest


def _wait_for_pool(server: psutil.Process, size: int, timeout: float) -> float:
    """Wait until ``size`` kernels exist and the server and each kernel are idle (the notebook has run)."""
    start = time.perf_counter()
    idle = 0
    while time.perf_counter() - start < timeout and idle < IDLE_WINDOWS:
        kernels = _kernels(server)
        if len(kernels) < size:
            time.sleep(0.5)
            continue
        idle = idle + 1 if _busy([*_servers(server), *kernels]) < IDLE_CPU_PERCENT else 0
    return time.perf_counter() - start


def measure(notebook: Path, lesson: Path, n: int, *, preheat: bool, timeout_s: float,
            clients: str = "one-browser", arrival_s: float = 0.0, front_door: bool = True) -> dict[str, object]:
    """Serve the student app for ``n`` students (and one page opened alone) and return the figures of one run."""
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        root = tmp / "root"
        (root / "notebooks").mkdir(parents=True)
        shutil.copy(notebook, root / "notebooks" / notebook.name)
        (root / "data").symlink_to(ROOT / "data", target_is_directory=True)  # notebooks that read ../data
        env = {"TOOLKIT_LESSON": str(lesson)}
        extra = classroom_options(students=n + 1 if preheat else 0, lesson=lesson)
        with voila_server(f"notebooks/{notebook.name}", cwd=root, tmp=tmp, env=env, extra=extra,
                          front_door=front_door) as server:
            proc = psutil.Process(server["proc"].pid)
            warm = _wait_for_pool(proc, n + 1, timeout_s) if preheat else 0.0
            load = os.getloadavg()[0]
            times = asyncio.run(_run(server["url"], n, int(timeout_s * 1000), clients=clients, server=proc,
                                 arrival_s=arrival_s))
            server_rss = sum(p.memory_info().rss for p in _servers(proc)) / 2**20
            complaints = _complaints(Path(server["log"]))
    return {"n": n, "warm_s": warm, "load_before": load, **times, "server_mb": server_rss, "complaints": complaints}


def _complaints(log: Path) -> list[str]:
    """The server log's errors and tracebacks (kernels' known TCP warning left out), so a missing card has a cause."""
    lines = log.read_text(encoding="utf-8", errors="replace").splitlines()
    bad = [line for line in lines if re.search(r"ERROR|Traceback|Error:|Exception", line)]
    return bad[:MAX_COMPLAINTS]


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
    parser.add_argument("--clients", choices=("one-browser", "all-browsers"), default="one-browser")
    parser.add_argument("--arrival-window", type=float, default=0.0,
                        help="students arrive at random moments within this many seconds (0: all at once)")
    parser.add_argument("--server", choices=("front-door", "voila"), default="front-door",
                        help="serve as make classroom does (Voilà behind toolkit.serve) or with Voilà alone")
    parser.add_argument("--timeout", type=float, default=300, help="seconds per page and for the kernel pool")
    args = parser.parse_args()
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} cores")
    print(f"notebook {args.notebook.name}, lesson {args.lesson}, preheated kernels: {args.preheat}, "
          f"clients: {args.clients}, arrivals within {args.arrival_window:g} s, server: {args.server}")
    for n in args.n:
        r = measure(args.notebook, args.lesson.resolve(), n, preheat=args.preheat, timeout_s=args.timeout,
                    clients=args.clients, arrival_s=args.arrival_window, front_door=args.server == "front-door")
        rss, pss = r["rss"], r["pss"]
        print(f"N={n:>2}: kernels {len(rss)} (pool ready after {r['warm_s']:.0f} s, load then "  # type: ignore[arg-type]
              f"{r['load_before']:.2f}) | RSS per session MB {_fmt(rss)} | PSS per session MB {_fmt(pss)} | "  # type: ignore[arg-type]
              f"server {r['server_mb']:.0f} MB")
        print(f"      first card s: one page alone {_fmt(r['alone'])} | {n} students: "  # type: ignore[arg-type]
              f"browser page {_fmt(r['browser'])} | protocol students {_fmt(r['protocol'])}")  # type: ignore[arg-type]
        print(f"      load average now: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        for line in r["complaints"]:  # type: ignore[attr-defined]
            print(f"      server log: {line[:300]}")


if __name__ == "__main__":
    main()
