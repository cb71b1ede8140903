"""Extract stage: attribution (who claims what) -> ``claims``, ``speakers`` and hedge ``markers``.

Stages, one module each: :mod:`.cues` (reporting cues) -> :mod:`.quotes` (direct quotations)
-> :mod:`.extract` (claims: speaker, cue, content) -> :mod:`.speakers` (mention kinds) ->
:mod:`.coref` (merging mentions into speakers).
"""

from __future__ import annotations

from .extract import extract_attributions
from .speakers import classify_mention

__all__ = ["classify_mention", "extract_attributions"]
