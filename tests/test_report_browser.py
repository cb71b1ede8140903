"""The report in a real browser: every chart draws, nothing logs an error, injected markup stays text.

Runs Debian's chromium through Playwright (never ``playwright install``).  Skips only when
chromium is absent and ``CI`` is unset; under CI a missing browser fails the test.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from browserutil import launch, require_chromium
from synthetic_analysis import make_analysis

from toolkit.report import write_report

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser():
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = launch(pw)
        yield b
        b.close()


def open_report(browser, path: Path, width: int = 1280) -> tuple[object, list[str], list[str]]:
    """Open a report with all network access blocked; return the page, console problems and requests."""
    page = browser.new_page(viewport={"width": width, "height": 900})
    problems: list[str] = []
    requests: list[str] = []
    page.on("console", lambda m: problems.append(f"{m.type}: {m.text}") if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: problems.append(f"pageerror: {e}"))

    def route(r):
        if r.request.url == path.resolve().as_uri():
            r.continue_()
        else:
            requests.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.goto(path.resolve().as_uri())
    page.wait_for_function(
        "[...document.querySelectorAll('.nc-chart')].every(e => e.dataset.rendered)", timeout=60_000
    )
    return page, problems, requests


def check_page(page, problems, requests, n_charts: int) -> None:
    states = page.eval_on_selector_all(".nc-chart", "els => els.map(e => e.dataset.rendered)")
    assert states == ["ok"] * n_charts
    drawn = page.eval_on_selector_all(
        ".nc-chart", "els => els.map(e => e.querySelectorAll('svg *').length + e.querySelectorAll('canvas').length)"
    )
    assert len(drawn) == n_charts and all(n > 10 for n in drawn), drawn
    marks = page.eval_on_selector_all(".nc-chart svg", "els => els.map(e => e.querySelectorAll('.role-mark path').length)")
    assert all(m > 0 for m in marks)
    assert problems == []
    assert requests == [], "the report must not fetch anything"
    assert page.evaluate("window.__pwned") is None
    assert page.evaluate("document.querySelectorAll('img, iframe, object, embed').length") == 0


def test_synthetic_corpus_report_renders_and_stays_inert(browser, tmp_path):
    path = write_report(make_analysis(), tmp_path / "corpus.html")
    page, problems, requests = open_report(browser, path)
    n = page.evaluate("document.querySelectorAll('.nc-chart').length")
    assert n == 20
    check_page(page, problems, requests, n)
    # The injected tags are visible as text, not elements.
    text = page.inner_text("#article-0 .nc-doc")
    assert "<script>window.__pwned=1</script>" in text
    assert '<img src=x onerror="window.__pwned=2">' in text
    assert page.evaluate("document.querySelectorAll('main script').length") == page.evaluate(
        "document.querySelectorAll('.nc-chart').length"
    ), "only the JSON chart specs live inside <main>"
    # Hovering a claim-map mark shows the claim text in the tooltip, escaped, with no execution.
    fig = page.locator('figure[data-chart="claim_map"]').first
    fig.scroll_into_view_if_needed()
    symbols = fig.locator("svg .mark-symbol.role-mark path")
    assert symbols.count() == 6
    symbols.nth(0).hover(force=True)
    page.wait_for_selector("#vg-tooltip-element.visible", timeout=5_000)
    tip = page.inner_text("#vg-tooltip-element")
    assert "<script>window.__pwned=1</script>" in tip
    assert page.evaluate("document.querySelectorAll('#vg-tooltip-element script').length") == 0
    assert page.evaluate("window.__pwned") is None
    page.close()


def test_seed_report_renders(browser, seed_analysis, tmp_path):
    from toolkit import charts

    path = write_report(seed_analysis, tmp_path / "seed.html")
    page, problems, requests = open_report(browser, path)
    aid = str(seed_analysis.articles["article_id"][0])
    expected = list(charts.article_charts(seed_analysis, aid))
    assert page.eval_on_selector_all(".nc-chart", "els => els.map(e => e.dataset.chart)") == expected
    check_page(page, problems, requests, len(expected))
    headline = page.inner_text('.nc-line[data-role="headline"]')
    assert "Russia wants armed drones from China" in headline
    if os.environ.get("NC_SCREENSHOT"):
        page.screenshot(path=os.environ["NC_SCREENSHOT"], full_page=False)
    page.close()


# Every chart's drawing (its SVG) as a box, with the boxes of its figure and its section card.
CHART_BOXES = """els => els.map(f => {
    const box = e => { const r = e.getBoundingClientRect(); return [r.left, r.right, r.width]; };
    return {chart: f.dataset.chart, svg: box(f.querySelector('svg')), figure: box(f), card: box(f.closest('section'))};
})"""


def assert_fits(page, width: int) -> None:
    """No sideways page scroll, and every chart's SVG inside its figure and its card."""
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    boxes = page.eval_on_selector_all(".nc-chart", CHART_BOXES)
    assert boxes
    for b in boxes:
        (sl, sr, sw), (fl, fr, _), (cl, cr, _) = b["svg"], b["figure"], b["card"]
        assert sw > 100, b  # drawn, not collapsed to nothing
        assert fl - 1 <= sl and sr <= fr + 1, f"{b['chart']}: SVG outside its figure at {width} px: {b}"
        assert cl <= sl and sr <= cr, f"{b['chart']}: SVG outside its card at {width} px: {b}"


@pytest.mark.parametrize("width", [390, 1280])
def test_report_fits_phone_and_desktop(browser, seed_analysis, tmp_path, width):
    path = write_report(make_analysis(), tmp_path / "corpus.html")
    seed = write_report(seed_analysis, tmp_path / "seed.html")
    for report in (path, seed):
        page, problems, requests = open_report(browser, report, width)
        check_page(page, problems, requests, page.evaluate("document.querySelectorAll('.nc-chart').length"))
        assert_fits(page, width)
        # The scorecard reflows on a phone: each check a card of stacked cells, the explanation
        # as wide as the card (never one word a line); on a desktop it stays a table.
        row = page.locator("#article-0 table.tk-card tbody tr").first
        display = row.evaluate("r => getComputedStyle(r).display")
        assert display == ("block" if width < 640 else "table-row")
        explained = page.locator("#article-0 table.tk-card td.tk-wrap").first
        card_width = page.evaluate("document.querySelector('#article-0').getBoundingClientRect().width")
        share = explained.evaluate("e => e.getBoundingClientRect().width") / card_width
        assert share > (0.8 if width < 640 else 0.3), share
        page.close()
