"""Check stage for one article: enrich claims, add markers, link claims, run the checks.

:func:`annotate` never raises: a stage that fails on odd input leaves its output empty and adds
a ``literacy_error`` row to ``checks`` naming the stage and the error, so the article keeps its
other results and the failure stays visible.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from spacy.tokens import Doc

from ..types import Article, Check, Claim, Link, Marker, Sentence, Speaker
from .checks import Context, display_class, run_checks
from .content import ClaimInfo, claim_info
from .explain import claim_explanation
from .hedging import claim_hedges
from .links import link_claims
from .markers import find_markers, merge_markers
from .stance import cue_stance

__all__ = ["annotate"]

T = TypeVar("T")

_CUE_FLAGS = {
    "endorsing": ("endorsing_cues", "endorsing_cue"),
    "doubting": ("doubting_cues", "doubting_cue"),
    "guilt": ("guilt_cues", "guilt_cue"),
    "belief": ("cue_stance_counts", "belief_cue"),
}
_SOURCE_FLAGS = {
    "anonymous": ("anonymous_claims", "anonymous_source"),
    "vague": ("vague_claims", "vague_source"),
    "agentless": ("agentless_claims", "agentless"),
}


def _safe(errors: list[str], stage: str, fn: Callable[[], T], default: T) -> T:
    try:
        return fn()
    except Exception as exc:  # noqa: BLE001 - odd input must not lose the article
        errors.append(f"{stage}: {type(exc).__name__}: {exc}")
        return default


def _snippet(text: str, limit: int = 60) -> str:
    text = " ".join(str(text).split())
    text = text[5:] if text.startswith("that ") else text  # the complementizer, not the claim
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _with_cue_stance(c: Claim) -> Claim:
    return dataclasses.replace(c, cue_stance=c.cue_stance or cue_stance(c.cue_lemma or c.cue_text, c.stance))


def _claim_words(c: Claim, markers: Sequence[Marker]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    doubts = tuple(dict.fromkeys(m.text for m in markers if m.kind == "doubt" and m.claim_id == c.claim_id))
    loaded: list[str] = []
    for m in markers:
        if m.kind != "loaded":
            continue
        if m.claim_id == c.claim_id:
            loaded.append(m.text if m.inside_content else f"{m.text} (reporter)")
        elif m.claim_id is None and m.sentence_id == c.sentence_id:
            loaded.append(f"{m.text} (reporter)")
    return doubts, tuple(dict.fromkeys(loaded))


def _flags(
    c: Claim,
    who: str,
    source: str,
    unexplained: set[int],
    denied_by: dict[int, list[str]],
    denies: dict[int, list[str]],
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    found: list[tuple[str, str, dict[str, Any]]] = []
    if source in _SOURCE_FLAGS:
        check, key = _SOURCE_FLAGS[source]
        found.append((check, key, {"who": who, "cue": c.cue_text or ""}))
    if c.claim_id in unexplained:
        found.append(("anonymity_without_reason", "anonymity_without_reason", {"who": who}))
    if c.hedges and source != "agentless":
        found.append(("hedging_density", "hedged", {"hedges": list(c.hedges)}))
    if c.cue_stance in _CUE_FLAGS:
        check, key = _CUE_FLAGS[c.cue_stance]
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
    if c.stance == "accuse" or c.cue_stance == "accusation":
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
    errors: list[str] = []
    text = article.text or ""
    # Doc.text rebuilds the whole article from its tokens: compare once here, so the helpers
    # below can trust any doc they get (per-claim comparisons made long articles quadratic).
    if doc is not None and doc.text != text:
        doc = None
    claims = sorted(claims or [], key=lambda c: c.claim_id)
    sentences = list(sentences or [])
    speaker_by_id = {s.speaker_id: s for s in speakers or []}
    claims = _safe(errors, "cue stance", lambda: [_with_cue_stance(c) for c in claims], claims)
    claims = _safe(
        errors,
        "source class",
        lambda: [dataclasses.replace(c, source_class=display_class(c, speaker_by_id.get(c.speaker_id))) for c in claims],  # type: ignore[arg-type]
        claims,
    )
    no_markers: list[Marker] = []
    found = _safe(errors, "markers", lambda: find_markers(article.article_id, text, sentences, claims, doc=doc), no_markers)
    markers = _safe(errors, "markers", lambda: merge_markers(markers or [], found), list(markers or []))
    claims = _safe(
        errors,
        "claim words",
        lambda: [dataclasses.replace(c, doubt_markers=(w := _claim_words(c, markers))[0], loaded_terms=w[1], hedges=claim_hedges(c.claim_id, markers)) for c in claims],
        claims,
    )
    by_sentence = {s.sentence_id: s for s in sentences}

    def infos_() -> list[ClaimInfo]:
        return [
            claim_info(c, text, doc, by_sentence, speaker_by_id.get(c.speaker_id) if c.speaker_id is not None else None)
            for c in claims
        ]

    no_infos: list[ClaimInfo] = []
    info_list = _safe(errors, "claim content", infos_, no_infos)
    links: list[Link] = []
    if len(info_list) == len(claims):
        links = _safe(errors, "links", lambda: link_claims(claims, info_list), [])
    infos = {i.claim_id: i for i in info_list}
    ctx = Context(article, doc, sentences, claims, speaker_by_id, markers, links, infos)
    no_checks: tuple[list[Check], dict[int, str], set[int]] = ([], {}, set())
    checks, classes, unexplained = _safe(errors, "checks", lambda: run_checks(ctx), no_checks)

    def flag_all() -> list[Claim]:
        by_id = {c.claim_id: c for c in claims}
        denied_by: dict[int, list[str]] = {}
        denies: dict[int, list[str]] = {}
        for link in links:
            if link.relation == "denies" and link.claim_id in by_id and link.target_claim_id in by_id:
                denied_by.setdefault(link.target_claim_id, []).append(ctx.who(by_id[link.claim_id]))
                denies.setdefault(link.claim_id, []).append(_snippet(by_id[link.target_claim_id].content_text))
        out = []
        for c in claims:
            flags, texts = _flags(c, ctx.who(c), classes.get(c.claim_id, "unknown"), unexplained, denied_by, denies)
            out.append(dataclasses.replace(c, flags=flags, explanations=texts))
        return out

    claims = _safe(errors, "claim flags", flag_all, claims)
    for err in errors:
        checks.append(
            Check(
                article.article_id,
                "literacy_error",
                "Check stage problem",
                None,
                err,
                "warning",
                "Part of the media-literacy check failed on this article, so some results are missing — treat them with care.",
            )
        )
    return claims, markers, links, checks
