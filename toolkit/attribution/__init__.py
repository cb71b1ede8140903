"""Extract stage: attribution (who claims what) -> ``claims``, ``speakers`` and hedge ``markers``.

Modules in the order data flows through them: :mod:`.cues` (reporting cues and the attribution
lexicons) -> :mod:`.quotes` (direct quotations) -> :mod:`.context` (the article and the claim
``Draft``) -> :mod:`.rules` (one rule per kind of cue, using :mod:`.speaker_finder`,
:mod:`.content_finder`, :mod:`.quote_links` and the geometry of :mod:`.spans`) -> :mod:`.repair`
(ordered passes over all drafts) -> :mod:`.records` (rows; speakers merged by :mod:`.coref`, kinds
from :mod:`.speakers`, which reads each mention once (:mod:`.mention_view`) and runs the rules
of :mod:`.kinds`; hedges from :mod:`.hedges`).  :mod:`.extract` runs them in that order.
"""

from __future__ import annotations

from .extract import extract_attributions
from .speakers import classify_mention

__all__ = ["classify_mention", "extract_attributions"]
