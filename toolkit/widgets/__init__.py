"""Widgets stage: the sources explorer and the classroom (exercise, lessons, teacher view), for JupyterLab and Voilà.

Each factory returns ``(widget, state)``: the widget to display and an observable state
(a :class:`traitlets.HasTraits`) that mirrors what the user picked and what is shown, so
notebooks and tests can read it or ``state.observe(...)`` it. Widgets only consume the
analysis tables; the highlighted article and the voices chart come from
:mod:`toolkit.highlight` and :mod:`toolkit.charts`.

Output widgets are filled with ``append_display_data`` after resetting ``outputs``
(never ``with out:``): callbacks then render the same way in a kernel, in Voilà and in
pytest, and nothing is lost to whichever cell happens to be executing.

The package is split along its seams: :mod:`.shared` (what every widget reads from an
analysis), :mod:`.explore` (the explorer), :mod:`.answers` (the exercise's answer key and
the student's state), :mod:`.lesson` (a lesson saved on disk: tables, key, corrections,
answers), :mod:`.classroom` (the exercise's cards and the student app), :mod:`.teacher`
(the key editor and the teacher app) and :mod:`.picker` (the one article picker every
notebook and app uses).

>>> import toolkit.widgets as tw
>>> tw.exercise.__module__
'toolkit.widgets.classroom'
"""

from __future__ import annotations

import importlib
from typing import Any

# Names are loaded on first use: the explorer pulls in the highlighter (and so spaCy), which a
# student's classroom session, built from a saved lesson, must not pay for.
_LAZY = {
    "ANONYMITY_CHOICES": "answers",
    "QUESTIONS": "answers",
    "ExerciseState": "answers",
    "answer_key": "answers",
    "ExerciseUI": "classroom",
    "exercise": "classroom",
    "student_app": "classroom",
    "ExplorerState": "explore",
    "ExplorerUI": "explore",
    "claims_html": "explore",
    "explorer": "explore",
    "filter_claims": "explore",
    "Lesson": "lesson",
    "load_lesson": "lesson",
    "save_lesson": "lesson",
    "lessons_dir": "lesson",
    "PickerState": "picker",
    "PickerUI": "picker",
    "article_picker": "picker",
    "follow": "picker",
    "NO_SOURCE": "shared",
    "source_classes": "shared",
    "key_editor": "teacher",
    "teacher_app": "teacher",
}

__all__ = sorted(_LAZY)


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(f"{__name__}.{_LAZY[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
