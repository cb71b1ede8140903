"""End to end: the classroom in Voilà, as a teacher and a student use it in headless Chromium.

One Voilà server (isolated HOME and Jupyter dirs, 127.0.0.1, a free port, its own process group)
serves both apps from a copy of notebooks/: the teacher pastes an article, analyses it, saves the
lesson, corrects one answer and exports the key; the student opens that lesson, answers one
question right and one wrong, sees the score change and exports their answers.  Lessons go to a
temporary folder.  With ``UPDATE_SCREENSHOTS=1`` it also refreshes docs/classroom.png.
Skips only when chromium is missing and CI is unset.
"""

from __future__ import annotations

import base64
import io
import os
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest
from browserutil import classroom_options, failure_evidence, launch, require_chromium, voila_server

ROOT = Path(__file__).resolve().parents[1]
STUDENT, TEACHER = "03-classroom-exercise.ipynb", "06-classroom-teacher.ipynb"
LESSON = "browser-lesson"
DOCS_SCREENSHOT = ROOT / "docs" / "classroom.png"
# Analysing in a fresh kernel loads the spaCy model first: slow on a busy 2-core machine.
SLOW_MS = 240_000

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def voila(tmp_path_factory):
    require_chromium()
    tmp = tmp_path_factory.mktemp("classroom")
    root, lessons = tmp / "root", tmp / "lessons"
    (root / "notebooks").mkdir(parents=True)
    for name in (STUDENT, TEACHER):
        shutil.copy(ROOT / "notebooks" / name, root / "notebooks" / name)
    (root / "data").symlink_to(ROOT / "data", target_is_directory=True)
    env = {"TOOLKIT_LESSONS": str(lessons), "TOOLKIT_LESSON": LESSON}
    try:
        # Served as `make teacher` and `make classroom` serve them: the teacher's desk with Voilà
        # alone, the students' app with the classroom's options behind toolkit.serve.
        with voila_server(f"notebooks/{TEACHER}", cwd=root, tmp=tmp / "teacher", env=env) as teacher, \
                voila_server(f"notebooks/{STUDENT}", cwd=root, tmp=tmp / "students", env=env,
                             extra=classroom_options(), front_door=True) as students:
            yield {"teacher": teacher["url"], "student": students["url"], "dir": tmp, "lessons": lessons}
    except RuntimeError as exc:
        pytest.fail(str(exc))


def _clean(page) -> str:  # type: ignore[no-untyped-def]
    """The page's text, checked for code and tracebacks."""
    body = page.inner_text("body")
    assert "Traceback" not in body and not re.search(r"^\w*Error\b", body, re.M), body[:2000]
    assert "import " not in body and "_app(" not in body  # Voilà shows no code
    return body


def _link_text(page, selector: str) -> str:  # type: ignore[no-untyped-def]
    href = page.locator(selector).last.get_attribute("href")
    return base64.b64decode(href.split("base64,", 1)[1]).decode("utf-8")


def _score(page) -> tuple[int, int, int]:  # type: ignore[no-untyped-def]
    text = page.locator(".toolkit-score").inner_text()
    m = re.search(r"Score: (\d+) / (\d+) \((\d+) of", text)
    assert m, text
    return int(m.group(1)), int(m.group(2)), int(m.group(3))


def _teacher(page, base: str, article: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(base, timeout=SLOW_MS)
    page.wait_for_selector(".toolkit-teacher .toolkit-picker", timeout=SLOW_MS)
    _clean(page)
    picker = page.locator(".toolkit-teacher .toolkit-picker")
    picker.get_by_role("tab", name="Paste").click()
    picker.locator("textarea").fill(article)
    page.locator(".toolkit-analyse").click()
    page.wait_for_function(
        "() => /claims found/.test(document.querySelector('.toolkit-teacher-status').innerText)", timeout=SLOW_MS)
    assert page.locator(".toolkit-teacher .tk-scorecard table").count() >= 1  # the styled scorecard
    page.locator(".toolkit-lesson-name input").fill(LESSON)
    page.locator(".toolkit-save-lesson").click()
    page.wait_for_function(
        "() => /Saved\\.|could not be saved/.test(document.querySelector('.toolkit-teacher-status').innerText)",
        timeout=SLOW_MS)
    status = page.locator(".toolkit-teacher-status").inner_text()
    assert status.startswith("Saved."), status
    page.wait_for_selector(".toolkit-key-editor .toolkit-key-row", timeout=60_000)
    # One correction: the first claim is hedged after all (the machine said no).
    first = page.locator(".toolkit-key-row").first
    assert first.locator(".toolkit-fix-hedged select").input_value() == "no"
    first.locator(".toolkit-fix-hedged select").select_option("yes")
    page.locator(".toolkit-key-save").click()
    page.wait_for_function(
        "() => /1 claim changed/.test(document.querySelector('.toolkit-key-status').innerText)", timeout=60_000)
    page.locator(".toolkit-key-export").click()
    page.wait_for_selector(".toolkit-key-editor a.toolkit-download", timeout=60_000)
    key = pd.read_csv(io.StringIO(_link_text(page, ".toolkit-key-editor a.toolkit-download")),
                      keep_default_na=False)
    assert key.loc[0, "claim"] == 1 and key.loc[0, "hedged"] == "yes" and key.loc[0, "corrected"] == "hedged"
    assert all(article[r["start"] : r["end"]] == r["text"] for r in key.to_dict("records"))
    _clean(page)


def _student(page, base: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(base, timeout=SLOW_MS)
    page.wait_for_selector(".toolkit-exercise .toolkit-card mark", timeout=SLOW_MS)
    body = _clean(page)
    # The key is not in the student's page, nor the teacher's tools.
    assert page.locator(".toolkit-key-editor, .toolkit-teacher").count() == 0
    assert "Save corrections" not in body and "right_answer" not in page.content()
    assert _score(page)[0] == 0
    page.locator(".toolkit-student input").fill("Ada")
    page.locator(".toolkit-student input").press("Enter")
    card = page.locator(".toolkit-card").first
    # Right, by the teacher's key: the correction made "hedged" yes.
    card.locator(".toolkit-q-hedged").get_by_text("yes", exact=True).click()
    page.wait_for_function("() => /Score: 1 /.test(document.querySelector('.toolkit-score').innerText)",
                           timeout=60_000)
    assert "Right" in card.locator(".toolkit-feedback").inner_text()
    # Wrong: the first claim's source is not "no source given".
    card.locator(".toolkit-q-anonymity").get_by_text("no source given", exact=True).click()
    page.wait_for_function("() => /\\(2 of/.test(document.querySelector('.toolkit-score').innerText)",
                           timeout=60_000)
    score, total, answered = _score(page)
    assert (score, answered) == (1, 2) and total > answered
    assert "Not quite" in card.locator(".toolkit-feedback").inner_text()
    page.wait_for_function("() => /Saved for Ada/.test(document.querySelector('.toolkit-save-status').innerText)",
                           timeout=60_000)
    page.get_by_role("button", name="Export answers (CSV)").click()
    page.wait_for_selector(".toolkit-exercise a.toolkit-download", timeout=60_000)
    answers = pd.read_csv(io.StringIO(_link_text(page, ".toolkit-exercise a.toolkit-download")))
    assert len(answers) == 2 and sorted(answers["correct"].tolist()) == [False, True]  # only what Ada answered
    assert set(answers["student"]) == {"Ada"} and set(answers["score"]) == {1}
    _clean(page)


def test_a_teacher_prepares_and_a_student_answers_in_voila(voila, seed_text, tmp_path):
    from playwright.sync_api import sync_playwright

    screenshot = DOCS_SCREENSHOT if os.environ.get("UPDATE_SCREENSHOTS") else tmp_path / "classroom.png"
    with sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page(viewport={"width": 1280, "height": 1400})
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        console: list[str] = []  # the widget manager logs a kernel-side callback error here
        page.on("console", lambda m: console.append(f"{m.type}: {m.text[:500]}") if m.type == "error" else None)
        try:
            _teacher(page, voila["teacher"], seed_text)
            _student(page, voila["student"])
            page.locator(".toolkit-exercise").screenshot(path=str(screenshot), animations="disabled")
            # Restarting the app (a new page, a new kernel) and typing the same name resumes.
            page.goto(voila["student"], timeout=SLOW_MS)
            page.wait_for_selector(".toolkit-exercise .toolkit-card mark", timeout=SLOW_MS)
            page.locator(".toolkit-student input").fill("ada")
            page.locator(".toolkit-student input").press("Enter")
            page.wait_for_function("() => /Score: 1 .*\\(2 of/.test(document.querySelector('.toolkit-score').innerText)",
                                   timeout=60_000)
            assert not errors, errors
        except Exception:
            failure_evidence(page, voila["dir"], full_page=True)
            print("the two apps' logs:", voila["dir"] / "teacher" / "voila.log", voila["dir"] / "students" / "voila.log")
            print("browser console errors:", *console[-20:], sep="\n")
            raise
        finally:
            browser.close()
    assert screenshot.stat().st_size > 10_000
    assert (voila["lessons"] / LESSON / "answers" / "ada.json").is_file()
