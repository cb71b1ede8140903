"""Extract stage: attribution (who claims what) -> ``claims``, ``speakers`` and hedge ``markers``."""

from __future__ import annotations

from spacy.tokens import Doc

from ..types import Claim, Marker, Sentence, Speaker

__all__ = ["extract_attributions"]


def extract_attributions(
    doc: Doc, sentences: list[Sentence], article_id: str
) -> tuple[list[Claim], list[Speaker], list[Marker]]:
    """Return the claims, speakers and markers of one parsed article (placeholder: none yet)."""
    return [], [], []
