"""Write docs/report.png: the report on the bundled article, as headless Chromium renders it.

    .venv/bin/python docs/make_screenshot.py                 # analyse data/russia-china-drones.txt
    .venv/bin/python docs/make_screenshot.py out/report.html  # or shoot an existing report
    .venv/bin/python docs/make_screenshot.py --width 390 --out out/report-phone.png  # at phone width

docs/explorer.png comes from the JupyterLab test, which runs the explorer notebook:
``UPDATE_SCREENSHOTS=1 .venv/bin/python -m pytest tests/test_notebook_browser.py``.

Needs Debian's chromium at /usr/bin/chromium (``make browser``) and the dev extra (playwright);
never runs ``playwright install``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from browserutil import launch  # noqa: E402  (shared with the browser tests)


def shoot(report: Path, out: Path, *, width: int = 1280, height: int = 2400, selector: str | None = None) -> Path:
    """Open ``report`` in headless Chromium, wait for every chart, save a PNG of its top part."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = launch(pw)
        page = browser.new_page(viewport={"width": width, "height": 900}, device_scale_factor=1)
        page.goto(report.resolve().as_uri())
        page.wait_for_function(
            "[...document.querySelectorAll('.nc-chart')].every(e => e.dataset.rendered)", timeout=60_000
        )
        out.parent.mkdir(parents=True, exist_ok=True)
        if selector:
            page.locator(selector).first.screenshot(path=str(out))
        else:
            full = page.evaluate("document.documentElement.scrollHeight")
            page.screenshot(path=str(out), full_page=True,
                            clip={"x": 0, "y": 0, "width": width, "height": min(height, full)})
        browser.close()
    return out


def main(argv: list[str] | None = None) -> int:
    """Build (or take) a report and save its screenshot; returns the exit status."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("report", nargs="?", help="an existing report (default: build one from the seed article)")
    parser.add_argument("--out", default=str(ROOT / "docs" / "report.png"))
    parser.add_argument("--height", type=int, default=2400, help="pixels of the page to keep, from the top")
    parser.add_argument("--width", type=int, default=1280, help="the window's width in pixels (390: a phone)")
    parser.add_argument("--selector", default=None, help="shoot only the first element matching this CSS selector")
    args = parser.parse_args(argv)
    if args.report:
        report = Path(args.report)
    else:
        sys.path.insert(0, str(ROOT))
        from toolkit import analyze
        from toolkit.report import write_report

        analysis = analyze(ROOT / "data" / "russia-china-drones.txt")
        report = write_report(analysis, ROOT / "out" / "report.html")
    path = shoot(report, Path(args.out), width=args.width, height=args.height, selector=args.selector)
    print(f"screenshot written to {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
