"""Widgets stage: the sources explorer and the classroom exercise, for JupyterLab.

Each factory returns ``(widget, state)``: the widget to display and an observable state
(a :class:`traitlets.HasTraits`) that mirrors what the user picked and what is shown, so
notebooks and tests can read it or ``state.observe(...)`` it. Widgets only consume the
analysis tables; the highlighted article and the voices chart come from
:mod:`toolkit.highlight` and :mod:`toolkit.charts`.

Output widgets are filled with ``append_display_data`` after resetting ``outputs``
(never ``with out:``): callbacks then render the same way in a kernel, in Voilà and in
pytest, and nothing is lost to whichever cell happens to be executing.

The package is split along its seams: :mod:`.shared` (what both widgets read from an
analysis), :mod:`.explore` (the explorer), :mod:`.answers` (the exercise's answer key and
the student's state), :mod:`.classroom` (the exercise's cards and navigation) and :mod:`.picker`
(the one article picker every notebook and app uses).
"""

from __future__ import annotations

from .answers import ANONYMITY_CHOICES, QUESTIONS, ExerciseState, answer_key
from .classroom import ExerciseUI, exercise
from .explore import ExplorerState, ExplorerUI, claims_html, explorer, filter_claims
from .picker import PickerState, PickerUI, article_picker, follow
from .shared import NO_SOURCE, source_classes

__all__ = [
    "ANONYMITY_CHOICES",
    "NO_SOURCE",
    "QUESTIONS",
    "ExerciseState",
    "ExerciseUI",
    "ExplorerState",
    "ExplorerUI",
    "PickerState",
    "PickerUI",
    "answer_key",
    "article_picker",
    "claims_html",
    "exercise",
    "explorer",
    "filter_claims",
    "follow",
    "source_classes",
]
