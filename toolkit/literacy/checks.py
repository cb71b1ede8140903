"""The ``checks`` table: one row per (article, check), each with a value, severity and explanation.

Checks (stable names; lists of findings go in ``detail`` as a JSON list):

* sources: ``claims_found``, ``named_person_claims``, ``named_institution_claims``,
  ``document_claims``, ``anonymous_claims``, ``vague_claims``, ``agentless_claims`` (counts; the
  share is in ``detail``), ``named_source_share``, ``anonymity_without_reason``,
  ``unattributed_assertions``;
* wording: ``cue_stance_counts``, ``endorsing_cues``, ``doubting_cues``, ``guilt_cues``,
  ``hedging_density``, ``weasel_sentences``, ``doubt_markers_outside_quotes``,
  ``boosters_outside_quotes``, ``loaded_labels_outside_quotes``, ``loaded_labels_inside_quotes``;
* disputes: ``denied_claims``, ``accusations``;
* balance: ``voice_balance``, ``first_last_word``;
* headline vs body: ``headline_stated_as_fact``, ``headline_drops_hedge``,
  ``headline_anonymous_source``;
* credit: ``wire_credit_named``, ``wire_credit_unnamed``.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc

from ..types import Article, Check, Claim, Link, Marker, Sentence, Speaker
from ..types import source_class as types_source_class
from .content import ClaimInfo, affiliation_of, span_terms
from .explain import CHECK_LABELS, explain_check
from .hedging import is_uncertain
from .lexicon import (
    agency_regex,
    anonymity_grant_regex,
    anonymity_reason_regex,
    unnamed_credit_regex,
)
from .markers import ClaimSpans

__all__ = ["CHECK_SECTIONS", "Context", "display_class", "run_checks", "source_class"]

CHECK_SECTIONS: dict[str, tuple[str, ...]] = {
    "Sources": (
        "claims_found",
        "named_source_share",
        "named_person_claims",
        "named_institution_claims",
        "document_claims",
        "anonymous_claims",
        "vague_claims",
        "agentless_claims",
        "anonymity_without_reason",
        "unattributed_assertions",
    ),
    "Wording": (
        "cue_stance_counts",
        "endorsing_cues",
        "doubting_cues",
        "guilt_cues",
        "hedging_density",
        "weasel_sentences",
        "doubt_markers_outside_quotes",
        "boosters_outside_quotes",
        "loaded_labels_outside_quotes",
        "loaded_labels_inside_quotes",
    ),
    "Disputes": ("denied_claims", "accusations"),
    "Balance": ("voice_balance", "first_last_word"),
    "Headline": ("headline_stated_as_fact", "headline_drops_hedge", "headline_anonymous_source"),
    "Credit": ("wire_credit_named", "wire_credit_unnamed"),
}

SOURCE_CLASSES = ("named_person", "named_institution", "document", "anonymous", "vague", "agentless", "unknown")
_INSTITUTION_KINDS = {"organization", "government", "country"}
_DISPLAY = ("headline", "standfirst")
_QUOTE_RE = re.compile(r"[\"“”‘]|(?:^|\s)'|'(?:\s|$)")
_NUMBER_RE = re.compile(r"\d|\b(?:hundreds?|thousands?|millions?|billions?|dozens?|percent)\b", re.I)
_ENTITY_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "DATE", "MONEY", "PERCENT", "CARDINAL", "QUANTITY"}


@dataclass
class Context:
    """Everything the checks of one article look at."""

    article: Article
    doc: Doc | None
    sentences: Sequence[Sentence]
    claims: Sequence[Claim]
    speakers: dict[int, Speaker]
    markers: Sequence[Marker]
    links: Sequence[Link]
    infos: dict[int, ClaimInfo]

    def speaker(self, claim: Claim) -> Speaker | None:
        """Return the speaker record of a claim, if any."""
        return self.speakers.get(claim.speaker_id) if claim.speaker_id is not None else None

    def who(self, claim: Claim) -> str:
        """Return a short name for the source of a claim."""
        sp = self.speaker(claim)
        if sp is not None and sp.name:
            return sp.name
        return claim.speaker_name or claim.speaker_text or (f"nobody ({claim.cue_text})" if claim.cue_text else "nobody")


# The shared source classes (toolkit.types.source_class) under the names of their checks.
_CHECK_CLASS = {
    "named person": "named_person",
    "institution": "named_institution",
    "document": "document",
    "anonymous": "anonymous",
    "vague": "vague",
    "agentless": "agentless",
    "unknown": "unknown",
}


def source_class(claim: Claim, speaker: Speaker | None) -> str:
    """Return the check name of a claim's source class: named_person | named_institution | document | anonymous | vague | agentless | unknown.

    >>> from toolkit.types import Claim, Speaker
    >>> c = Claim("a", 0, 0, 0, "he", 0, 2, "said", 3, 7, "say", "x", 8, 9, ((8, 9),), "indirect", "assert")
    >>> source_class(c, Speaker("a", 0, "Dmitry Peskov", "person", True))
    'named_person'
    """
    return _CHECK_CLASS[display_class(claim, speaker)]


def display_class(claim: Claim, speaker: Speaker | None) -> str:
    """Return the source class of a claim as shown in charts and tables (``toolkit.types.SOURCE_CLASSES``).

    >>> from toolkit.types import Claim
    >>> display_class(Claim("a", 0, 0, None, None, None, None, "reportedly", 3, 13, "reportedly", "x", 0, 1, ((0, 1),), "agentless", "assert", agentless=True), None)
    'agentless'
    """
    agentless = claim.agentless or (claim.speaker_id is None and not claim.speaker_text)
    kind = (speaker.kind if speaker is not None else None) or claim.speaker_kind or "unknown"
    named = speaker.named if speaker is not None else True
    return types_source_class(kind, anonymous=claim.anonymous, agentless=agentless, named=named)


def _snippet(text: str, limit: int = 90) -> str:
    text = " ".join(str(text).split())
    text = text[5:] if text.startswith("that ") else text  # the complementizer, not the claim
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _severity(flag: bool, strong: bool = False) -> str:
    return "warning" if flag and strong else ("notice" if flag else "info")


class _Rows:
    def __init__(self, article_id: str) -> None:
        self.article_id = article_id
        self.rows: list[Check] = []

    def add(self, check: str, value: float | None, detail: Any, severity: str, **facts: Any) -> None:
        if detail is None or isinstance(detail, str):
            text = detail
        else:
            text = json.dumps(detail, ensure_ascii=False)
        value = None if value is None else float(value)
        self.rows.append(
            Check(self.article_id, check, CHECK_LABELS.get(check, check), value, text, severity, explain_check(check, value, **facts))
        )


def _sources(ctx: Context, out: _Rows) -> dict[int, str]:
    classes = {c.claim_id: source_class(c, ctx.speaker(c)) for c in ctx.claims}
    total = len(ctx.claims)
    out.add("claims_found", total, None, "info" if total else "notice")
    counts = Counter(classes.values())
    named = counts["named_person"] + counts["named_institution"] + counts["document"]
    shares = {k: round(counts[k] / total, 3) for k in SOURCE_CLASSES} if total else {}
    share = named / total if total else None
    out.add(
        "named_source_share",
        share,
        shares,
        _severity(share is not None and share < 0.75, share is not None and share < 0.5),
        total=total,
    )
    for cls in SOURCE_CLASSES[:-1]:
        ids = [c for c in ctx.claims if classes[c.claim_id] == cls]
        n = len(ids)
        frac = n / total if total else 0.0
        detail = [f"{ctx.who(c)}: {_snippet(c.content_text, 70)}" for c in ids]
        if cls in ("anonymous", "agentless"):
            sev = _severity(n > 0, n >= 2 and frac >= 0.25)
        elif cls == "vague":
            sev = _severity(n > 0)
        else:
            sev = "info"
        check = f"{cls}_claims"
        out.add(check, n, detail, sev, total=total)
    return classes


def _narration(text: str, start: int, end: int, claim: Claim) -> str:
    """Return the sentence with the claim's content blanked out (grants and reasons are the reporter's words)."""
    chars = list(text[start:end])
    for s, e in claim.content_spans or ((claim.content_start, claim.content_end),):
        for k in range(max(int(s), start), min(int(e), end)):
            chars[k - start] = " "
    return "".join(chars)


def _anonymity(ctx: Context, classes: dict[int, str], out: _Rows) -> set[int]:
    """Anonymous sources whose anonymity the article grants explicitly but without a reason."""
    text = ctx.article.text
    sents = {s.sentence_id: s for s in ctx.sentences}
    groups: dict[Any, list[Claim]] = {}
    for c in ctx.claims:
        if classes.get(c.claim_id) == "anonymous":
            groups.setdefault(c.speaker_id if c.speaker_id is not None else ("claim", c.claim_id), []).append(c)
    flagged: list[str] = []
    claim_ids: set[int] = set()
    for members in groups.values():
        sp = ctx.speaker(members[0])
        granted, reason = False, bool(sp is not None and sp.anonymity_reason)
        for c in members:
            s = sents.get(c.sentence_id)
            sentence = _narration(text, s.start, s.end, c) if s is not None else ""
            granted = granted or bool(anonymity_grant_regex().search(sentence))
            reason = reason or bool(anonymity_reason_regex().search(sentence))
        if granted and not reason:
            flagged.append(ctx.who(members[0]))
            claim_ids |= {c.claim_id for c in members}
    out.add("anonymity_without_reason", len(flagged), flagged, _severity(bool(flagged), True))
    return claim_ids


def _reporter_sentences(ctx: Context, where: ClaimSpans, roles: tuple[str, ...]) -> list[Sentence]:
    return [s for s in ctx.sentences if s.role in roles and not where.covers(s.start, s.end)]


def _has_fact_anchor(ctx: Context, s: Sentence) -> bool:
    if _NUMBER_RE.search(s.text):
        return True
    if ctx.doc is not None:  # annotate() passes a doc only when doc.text == article text
        span = ctx.doc.char_span(s.start, s.end, alignment_mode="expand")
        return span is not None and any(t.ent_type_ in _ENTITY_LABELS for t in span)
    ents, _, _ = span_terms(ctx.article.text, None, [(s.start, s.end)])
    return bool(ents)


def _unattributed(ctx: Context, where: ClaimSpans, out: _Rows) -> None:
    found = [
        s.text
        for s in _reporter_sentences(ctx, where, ("body", "standfirst"))
        if s.n_tokens >= 6 and not s.text.rstrip().endswith("?") and _has_fact_anchor(ctx, s)
    ]
    body = sum(1 for s in ctx.sentences if s.role == "body")
    mostly = len(found) >= 5 and len(found) >= 0.6 * body
    out.add("unattributed_assertions", len(found), found, _severity(bool(found), mostly))
    weasel = [s.text for s in _reporter_sentences(ctx, where, ("body", "standfirst", "headline")) if is_uncertain(s.text)]
    out.add("weasel_sentences", len(weasel), weasel, _severity(bool(weasel)))


def _cues(ctx: Context, out: _Rows) -> None:
    counts = Counter(c.cue_stance or "neutral" for c in ctx.claims)
    evaluative = counts["endorsing"] + counts["doubting"] + counts["guilt"] + counts["belief"]
    out.add("cue_stance_counts", evaluative, {k: counts[k] for k in ("neutral", "endorsing", "doubting", "guilt", "denial", "accusation", "belief")}, _severity(evaluative > 0))
    for cls, check in (("endorsing", "endorsing_cues"), ("doubting", "doubting_cues"), ("guilt", "guilt_cues")):
        hits = [c for c in ctx.claims if c.cue_stance == cls]
        detail = [f"{c.cue_text} ({ctx.who(c)})" for c in hits]
        out.add(check, len(hits), detail, _severity(bool(hits)), items=list(dict.fromkeys(str(c.cue_text) for c in hits)))


def _wording(ctx: Context, out: _Rows) -> None:
    words = ctx.article.n_words or len(ctx.article.text.split())
    hedges = [m.text.lower() for m in ctx.markers if m.kind == "hedge"]
    density = 100 * len(hedges) / words if words else 0.0
    out.add(
        "hedging_density",
        round(density, 3),
        list(dict.fromkeys(hedges)),
        _severity(density >= 1.0, density >= 2.5),
        count=len(hedges),
        items=list(dict.fromkeys(hedges)),
    )
    for kind, check, strong in (
        ("doubt", "doubt_markers_outside_quotes", False),
        ("booster", "boosters_outside_quotes", False),
        ("loaded", "loaded_labels_outside_quotes", False),
    ):
        items = sorted({m.text.lower() for m in ctx.markers if m.kind == kind and not m.inside_content})
        out.add(check, len(items), items, _severity(bool(items), strong), items=items)
    inside = sorted({m.text.lower() for m in ctx.markers if m.kind == "loaded" and m.inside_content})
    out.add("loaded_labels_inside_quotes", len(inside), inside, "info", items=inside)


def _disputes(ctx: Context, out: _Rows) -> None:
    by_id = {c.claim_id: c for c in ctx.claims}
    denied: dict[int, list[str]] = {}
    for link in ctx.links:
        if link.relation == "denies" and link.target_claim_id in by_id and link.claim_id in by_id:
            denied.setdefault(link.target_claim_id, []).append(ctx.who(by_id[link.claim_id]))
    detail = [
        f"{_snippet(by_id[t].content_text, 70)} ({ctx.who(by_id[t])}) — denied by {', '.join(dict.fromkeys(names))}"
        for t, names in sorted(denied.items())
    ]
    deniers = list(dict.fromkeys(n for names in denied.values() for n in names))
    out.add("denied_claims", len(denied), detail, _severity(bool(denied)), by=deniers)
    acc = [c for c in ctx.claims if c.stance == "accuse" or c.cue_stance == "accusation"]
    out.add("accusations", len(acc), [f"{ctx.who(c)}: {_snippet(c.content_text, 70)}" for c in acc], _severity(bool(acc)))


def _side_label(ctx: Context, c: Claim) -> list[str]:
    # A speaker with no stated affiliation is a voice of its own, not part of one "unknown" bloc.
    places = affiliation_of(c, ctx.speaker(c))
    return sorted(places) if places else [ctx.who(c)]


def _describe(who: str, sides: set[str]) -> str:
    label = ", ".join(sorted(sides))
    return who if label == who else f"{who} ({label})"


def _balance(ctx: Context, out: _Rows) -> None:
    voiced = [c for c in ctx.claims if not c.agentless and (c.speaker_id is not None or c.speaker_text)]
    sides: dict[str, dict[str, int]] = {}
    for c in voiced:
        info = ctx.infos.get(c.claim_id)
        for side in _side_label(ctx, c):
            row = sides.setdefault(side, {"claims": 0, "quoted_words": 0})
            row["claims"] += 1
            row["quoted_words"] += info.quoted_words if info else 0
    if not voiced:
        out.add("voice_balance", None, {}, "info", top="Nobody")
        out.add("first_last_word", None, [], "info", first="nobody", last="nobody")
        return
    top = max(sides, key=lambda k: (sides[k]["claims"], sides[k]["quoted_words"]))
    share = sides[top]["claims"] / len(voiced)
    ordered_sides = dict(sorted(sides.items(), key=lambda kv: (-kv[1]["claims"], -kv[1]["quoted_words"], kv[0])))
    out.add("voice_balance", round(share, 3), ordered_sides, _severity(share >= 0.6 and len(voiced) >= 4), top=top)
    ordered = sorted(voiced, key=lambda c: c.cue_start if c.cue_start is not None else c.content_start)
    first, last = ordered[0], ordered[-1]
    f_side, l_side = set(_side_label(ctx, first)), set(_side_label(ctx, last))
    same = len(ordered) > 1 and bool(f_side & l_side)
    desc_f, desc_l = _describe(ctx.who(first), f_side), _describe(ctx.who(last), l_side)
    out.add("first_last_word", 1.0 if same else 0.0, [desc_f, desc_l], _severity(same), first=desc_f, last=desc_l)


def _match(a: ClaimInfo | tuple[set[str], set[str], set[str]], b: ClaimInfo) -> bool:
    ents, words, verbs = (a.entities, a.words, a.verbs) if isinstance(a, ClaimInfo) else a
    if not (set(ents) & b.entities):
        return False
    return bool(set(verbs) & b.verbs) or len(set(words) & b.words) >= 2


def _headline(ctx: Context, where: ClaimSpans, out: _Rows) -> None:
    roles = {s.sentence_id: s.role for s in ctx.sentences}
    body = [c for c in ctx.claims if roles.get(c.sentence_id) == "body" and c.claim_id in ctx.infos]
    display = [c for c in ctx.claims if roles.get(c.sentence_id) in _DISPLAY and c.claim_id in ctx.infos]
    text = ctx.article.text
    as_fact: list[str] = []
    for s in _reporter_sentences(ctx, where, _DISPLAY):
        if _QUOTE_RE.search(s.text):  # 'quoted' words in a headline attribute them to someone
            continue
        ents, words, verbs = span_terms(text, ctx.doc, [(s.start, s.end)])
        if any(_match((ents, set(words), verbs), ctx.infos[c.claim_id]) for c in body):
            as_fact.append(s.text)
    out.add("headline_stated_as_fact", len(as_fact), as_fact, _severity(bool(as_fact), True))
    dropped: list[str] = []
    hedge_words: list[str] = []
    anonymous: list[str] = []
    for h in display:
        matches = [c for c in body if c.claim_id != h.claim_id and _match(ctx.infos[h.claim_id], ctx.infos[c.claim_id])]
        if not h.hedges and not h.agentless:
            hedged = [c for c in matches if c.hedges or c.agentless]
            if hedged:
                dropped.append(f"{_snippet(h.content_text, 70)} — body: {', '.join(hedged[0].hedges) or hedged[0].cue_text}")
                hedge_words += list(hedged[0].hedges) or [str(hedged[0].cue_text)]
        if any(c.anonymous or source_class(c, ctx.speaker(c)) == "anonymous" for c in matches):
            anonymous.append(_snippet(h.content_text, 90))
    out.add("headline_drops_hedge", len(dropped), dropped, _severity(bool(dropped), True), items=list(dict.fromkeys(hedge_words)))
    out.add("headline_anonymous_source", len(anonymous), anonymous, _severity(bool(anonymous), True))


def _credit(ctx: Context, out: _Rows) -> None:
    lines = [s.text for s in ctx.sentences if s.role in ("credit", "byline")]
    first_body = next((s.text for s in ctx.sentences if s.role == "body"), "")
    dateline = re.match(r"^[^\n]{0,60}?\((?P<a>[^)]{1,40})\)\s*[-–—]", first_body)
    named = [m.group(0) for line in lines for m in agency_regex().finditer(line)]
    if dateline and agency_regex().search(dateline.group("a")):
        named.append(agency_regex().search(dateline.group("a")).group(0))  # type: ignore[union-attr]
    unnamed = [line for line in lines if unnamed_credit_regex().search(line) and not agency_regex().search(line)]
    named = list(dict.fromkeys(named))
    out.add("wire_credit_named", 1.0 if named else 0.0, named, "info", items=named)
    out.add("wire_credit_unnamed", 1.0 if unnamed else 0.0, unnamed, _severity(bool(unnamed)))


def run_checks(ctx: Context) -> tuple[list[Check], dict[int, str], set[int]]:
    """Run every check on one article.

    Returns the check rows, each claim's source class, and the claims whose sources were granted
    anonymity without a reason (for the claim flags).
    """
    out = _Rows(ctx.article.article_id)
    where = ClaimSpans(ctx.claims, len(ctx.article.text))
    classes = _sources(ctx, out)
    unexplained = _anonymity(ctx, classes, out)
    _unattributed(ctx, where, out)
    _cues(ctx, out)
    _wording(ctx, out)
    _disputes(ctx, out)
    _balance(ctx, out)
    _headline(ctx, where, out)
    _credit(ctx, out)
    return out.rows, classes, unexplained
