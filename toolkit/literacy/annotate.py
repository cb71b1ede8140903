"""Check stage for one article: enrich claims, add markers, link claims, run the checks.

:func:`annotate` records no errors itself: if a step fails it raises, and the pipeline's one
guard (:func:`toolkit.pipeline.guard`) turns that into an ``errors`` row of stage "check" for
this article, which keeps its sentences, claims and speakers.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from typing import Any, Final

from spacy.tokens import Doc

from ..types import (
    AGENTLESS,
    Article,
    Check,
    Claim,
    CueStance,
    Link,
    Marker,
    MarkerKind,
    Relation,
    Sentence,
    SourceClass,
    Speaker,
    Stance,
)
from .checks import Context, run_checks
from .checks import claim_source_class as display_class
from .content import claim_info
from .explain import claim_explanation
from .hedging import claim_hedges
from .links import link_claims
from .markers import find_markers, merge_markers
from .stance import cue_stance
from .voices import own_conduct

__all__ = ["annotate"]

_CUE_FLAGS: dict[CueStance, tuple[str, str]] = {
    "endorsing": ("endorsing_cues", "endorsing_cue"),
    "doubting": ("doubting_cues", "doubting_cue"),
    "guilt": ("guilt_cues", "guilt_cue"),
    "belief": ("cue_stance_counts", "belief_cue"),
}
_SOURCE_FLAGS: dict[SourceClass, tuple[str, str]] = {
    "anonymous": ("anonymous_claims", "anonymous_source"),
    "vague": ("vague_claims", "vague_source"),
    AGENTLESS: ("agentless_claims", "agentless"),
}
_UNKNOWN: Final[SourceClass] = "unknown"
_DENIES: Final[Relation] = "denies"
_ACCUSE: Final[Stance] = "accuse"
_ACCUSATION: Final[CueStance] = "accusation"
_DOUBT: Final[MarkerKind] = "doubt"
_LOADED: Final[MarkerKind] = "loaded"
_GUILT: Final[CueStance] = "guilt"
# "X acknowledged that Y had failed" presents Y's conduct as fact: it vouches, it confesses nothing.
_CONFIRMS: Final[CueStance] = "endorsing"


def _with_cue_stance(c: Claim) -> Claim:
    return dataclasses.replace(c, cue_stance=c.cue_stance or cue_stance(c.cue_lemma or c.cue_text, c.stance))


def _with_marker_words(c: Claim, markers: Sequence[Marker]) -> Claim:
    """Return the claim with the hedges, doubt markers and loaded terms found in and around it."""
    doubts = tuple(dict.fromkeys(m.text for m in markers if m.kind == _DOUBT and m.claim_id == c.claim_id))
    loaded: list[str] = []
    for m in markers:
        if m.kind != _LOADED:
            continue
        if m.claim_id == c.claim_id:
            loaded.append(m.text if m.inside_content else f"{m.text} (reporter)")
        elif m.claim_id is None and m.sentence_id == c.sentence_id and not m.inside_content:
            loaded.append(f"{m.text} (reporter)")
    return dataclasses.replace(
        c, doubt_markers=doubts, loaded_terms=tuple(dict.fromkeys(loaded)), hedges=claim_hedges(c.claim_id, markers)
    )


def _flags(
    c: Claim,
    who: str,
    source: str,
    unexplained: set[int],
    denied_by: dict[int, list[str]],
    denies: dict[int, list[str]],
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    found: list[tuple[str, str, dict[str, Any]]] = []
    source_flag = _SOURCE_FLAGS.get(source)  # type: ignore[call-overload]
    if source_flag is not None:
        check, key = source_flag
        found.append((check, key, {"who": who, "cue": c.cue_text or ""}))
    if c.claim_id in unexplained:
        found.append(("anonymity_without_reason", "anonymity_without_reason", {"who": who}))
    if c.hedges and source != AGENTLESS:
        found.append(("hedging_density", "hedged", {"hedges": list(c.hedges)}))
    cue_flag = _CUE_FLAGS.get(c.cue_stance)  # type: ignore[call-overload]
    if cue_flag is not None:
        check, key = cue_flag
        found.append((check, key, {"cue": c.cue_text or c.cue_lemma or ""}))
    if c.doubt_markers:
        found.append(("doubt_markers_outside_quotes", "doubt_marker", {"items": list(c.doubt_markers)}))
    reporter = [t.removesuffix(" (reporter)") for t in c.loaded_terms if t.endswith(" (reporter)")]
    quoted = [t for t in c.loaded_terms if not t.endswith(" (reporter)")]
    if reporter:
        found.append(("loaded_labels_outside_quotes", "loaded_label_reporter", {"items": reporter}))
    if quoted:
        found.append(("loaded_labels_inside_quotes", "loaded_label_quoted", {"items": quoted}))
    if c.claim_id in denied_by:
        found.append(("denied_claims", "denied", {"by": list(dict.fromkeys(denied_by[c.claim_id]))}))
    if c.claim_id in denies:
        found.append(("denied_claims", "denial", {"targets": denies[c.claim_id]}))
    if c.stance == _ACCUSE or c.cue_stance == _ACCUSATION:
        found.append(("accusations", "accusation", {}))
    flags: list[str] = []
    texts: list[str] = []
    for check, key, facts in found:
        if check in flags:
            continue
        flags.append(check)
        texts.append(claim_explanation(key, **facts))
    return tuple(flags), tuple(texts)


def annotate(
    article: Article,
    doc: Doc | None,
    sentences: list[Sentence],
    claims: list[Claim],
    speakers: list[Speaker],
    markers: list[Marker],
) -> tuple[list[Claim], list[Marker], list[Link], list[Check]]:
    """Enrich the claims of one article and compute its markers, links and checks.

    >>> from toolkit.types import Article, Sentence
    >>> sents = [Sentence("a", 0, 0, "headline", 0, 5, "Title", 1), Sentence("a", 1, 1, "body", 6, 22, "The regime fell.", 4)]
    >>> claims, markers, links, checks = annotate(Article("a", "Title\\nThe regime fell."), None, sents, [], [], [])
    >>> sorted(m.text for m in markers), len(checks) > 20
    (['regime'], True)
    """
    text = article.text or ""
    # Doc.text rebuilds the whole article from its tokens: compare once here, so the helpers
    # below can trust any doc they get (per-claim comparisons made long articles quadratic).
    if doc is not None and doc.text != text:
        doc = None
    sentences = list(sentences or [])
    speaker_by_id = {s.speaker_id: s for s in speakers or []}
    claims = [_classified(c, speaker_by_id) for c in sorted(claims or [], key=lambda c: c.claim_id)]
    claims = [_confession_read(c, text, doc, speaker_by_id) for c in claims]
    found = find_markers(article.article_id, text, sentences, claims, doc=doc)
    markers = merge_markers(markers or [], found)
    claims = [_with_marker_words(c, markers) for c in claims]
    by_sentence = {s.sentence_id: s for s in sentences}
    infos = [
        claim_info(c, text, doc, by_sentence, speaker_by_id.get(c.speaker_id) if c.speaker_id is not None else None)
        for c in claims
    ]
    links = link_claims(claims, infos)
    ctx = Context(article, doc, sentences, claims, speaker_by_id, markers, links, {i.claim_id: i for i in infos})
    checks, classes, unexplained = run_checks(ctx)
    return _flagged(ctx, claims, links, classes, unexplained), markers, links, checks


def _classified(c: Claim, speaker_by_id: Mapping[int, Speaker]) -> Claim:
    """Return the claim with its cue stance and the display source class of its speaker."""
    c = _with_cue_stance(c)
    return dataclasses.replace(c, source_class=display_class(c, speaker_by_id.get(c.speaker_id)))  # type: ignore[arg-type]


def _confession_read(c: Claim, text: str, doc: Doc | None, speaker_by_id: Mapping[int, Speaker]) -> Claim:
    """Return the claim with a guilt cue about someone else's conduct read as a confirmation."""
    if c.cue_stance != _GUILT or own_conduct(text, c, speaker_by_id.get(c.speaker_id) if c.speaker_id is not None else None, doc):
        return c
    return dataclasses.replace(c, cue_stance=_CONFIRMS)


def _flagged(
    ctx: Context, claims: list[Claim], links: list[Link], classes: Mapping[int, str], unexplained: set[int]
) -> list[Claim]:
    """Return the claims with the names and explanations of the checks each triggers."""
    by_id = {c.claim_id: c for c in claims}
    denied_by: dict[int, list[str]] = {}
    denies: dict[int, list[str]] = {}
    for link in links:
        if link.relation == _DENIES and link.claim_id in by_id and link.target_claim_id in by_id:
            denied_by.setdefault(link.target_claim_id, []).append(ctx.who(by_id[link.claim_id]))
            denies.setdefault(link.claim_id, []).append(by_id[link.target_claim_id].content_text)  # cut by claim_explanation
    out = []
    for c in claims:
        flags, texts = _flags(c, ctx.who(c), classes.get(c.claim_id, _UNKNOWN), unexplained, denied_by, denies)
        out.append(dataclasses.replace(c, flags=flags, explanations=texts))
    return out
