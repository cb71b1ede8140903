"""Check stage: media-literacy checks, claim links and scorecards."""

from __future__ import annotations

from spacy.tokens import Doc

from ..types import Article, Check, Claim, Link, Marker, Sentence, Speaker

__all__ = ["annotate"]


def annotate(
    article: Article,
    doc: Doc,
    sentences: list[Sentence],
    claims: list[Claim],
    speakers: list[Speaker],
    markers: list[Marker],
) -> tuple[list[Claim], list[Marker], list[Link], list[Check]]:
    """Enrich claims and compute links and checks for one article (placeholder: none yet)."""
    return claims, markers, [], []
