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

import re
from collections import Counter
from typing import Any

from ..types import (
    AGENTLESS,
    CUE_STANCES,
    FIRST_PERSON_RE,
    HEADLINE_ROLES,
    SOURCE_CLASSES,
    Check,
    Claim,
    CueStance,
    MarkerKind,
    Role,
    Sentence,
    Severity,
    SourceClass,
    Speaker,
    source_class,
)
from .content import ClaimInfo, span_terms
from .context import Context, Facts, Rows, Rule, excerpt, severity
from .credit import wire_credits
from .hedging import is_uncertain
from .lexicon import anonymity_grant_regex, anonymity_reason_regex
from .markers import ClaimSpans, reports_speech
from .quoted import QuotedText
from .voice_checks import balance, disputes

__all__ = ["CHECK_SECTIONS", "RULES", "SOURCE_CHECKS", "Context", "claim_source_class", "run_checks"]

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

# The check of each source class (toolkit.types.SOURCE_CLASSES), named after the class;
# "institution" reads "named_institution" beside "named_person". "unknown" gets no check:
# it means the extractor could not tell, which says nothing about the article.
SOURCE_CHECKS: dict[SourceClass, str] = {
    cls: ("named_" if cls == "institution" else "") + cls.replace(" ", "_") + "_claims"
    for cls in SOURCE_CLASSES
    if cls != "unknown"
}
# Sources a reader can identify and check.
_NAMED: tuple[SourceClass, ...] = ("named person", "institution", "document")
# Below three named claims in four a reader has to take a noticeable share on trust; below
# one in two, most of the story does.
_NAMED_SHARE_NOTICE = 0.75
_NAMED_SHARE_WARNING = 0.5
# One anonymous or agentless claim is common practice; two or more making up a quarter of the
# claims is a pattern worth a warning.
_UNSOURCED_WARNING_COUNT = 2
_UNSOURCED_WARNING_SHARE = 0.25
# Hedges per 100 words: about one is ordinary news caution, two and a half is heavy hedging.
_HEDGING_NOTICE = 1.0
_HEDGING_WARNING = 2.5
# Shorter reporter sentences are mostly transitions ("Here is what we know.").
_MIN_ASSERTION_TOKENS = 6
# The article is "mostly" the reporter's unattributed assertions: at least five, and at
# least 60 % as many as there are body sentences.
_MOSTLY_UNATTRIBUTED_COUNT = 5
_MOSTLY_UNATTRIBUTED_SHARE = 0.6
# Where the reporter's own statements sit: unattributed assertions in the lead and body, and
# weasel wording there and in the headline.
_ASSERTION_ROLES: tuple[Role, ...] = ("body", "standfirst")
_WEASEL_ROLES: tuple[Role, ...] = ("body", "standfirst", "headline")
# A display line attributed by its own form: "…: Wenger", "…, official says" (a reporting verb),
# or a question.
_TRAILING_SOURCE_RE = re.compile(r":\s*(?:[A-Z][\w.'’-]*\s*){1,4}$")
# The verbs headlines attribute with ("…, US says", "X warns …", "Meadows accused of …"); a
# headline's "asks"/"calls for" are mostly actions, so the full reporting-verb list is too wide.
_HEADLINE_CUE_RE = re.compile(
    r"\b(?:says?|said|tells?|told|claims?|claimed|warns?|warned|insists?|insisted|denies|denied|accused|"
    r"alleges?|alleged|admits?|admitted|according\s+to|reportedly|sources?|suggests?|believes?|thinks?|fears?)\b",
    re.IGNORECASE,
)
# Cue stances that evaluate what the speaker said (denial and accusation describe it).
_EVALUATIVE_CUES: tuple[CueStance, ...] = ("endorsing", "doubting", "guilt", "belief")
_QUOTE_RE = re.compile(r"[\"“”‘]|(?:^|\s)'|'(?:\s|$)")
_NUMBER_RE = re.compile(r"\d|\b(?:hundreds?|thousands?|millions?|billions?|dozens?|percent)\b", re.I)
_ENTITY_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "DATE", "MONEY", "PERCENT", "CARDINAL", "QUANTITY"}


def claim_source_class(claim: Claim, speaker: Speaker | None) -> SourceClass:
    """Return the source class of a claim record (:func:`toolkit.types.source_class` of its speaker).

    A claim with neither a speaker record nor a speaker mention is agentless.

    >>> from toolkit.types import Claim, Speaker
    >>> c = Claim("a", 0, 0, 0, "he", 0, 2, "said", 3, 7, "say", "x", 8, 9, ((8, 9),), "indirect", "assert")
    >>> claim_source_class(c, Speaker("a", 0, "Dmitry Peskov", "person", True))
    'named person'
    >>> claim_source_class(Claim("a", 0, 0, None, None, None, None, "reportedly", 3, 13, "reportedly", "x", 0, 1, ((0, 1),), "agentless", "assert", agentless=True), None)
    'agentless'
    """
    agentless = claim.agentless or (claim.speaker_id is None and not claim.speaker_text)
    kind = (speaker.kind if speaker is not None else None) or claim.speaker_kind or "unknown"
    named = speaker.named if speaker is not None else True
    return source_class(kind, anonymous=claim.anonymous, agentless=agentless, named=named)




def _class_key(cls: SourceClass) -> str:
    """Return the key of a class in ``named_source_share``'s detail: its check's name without ``_claims``."""
    return SOURCE_CHECKS.get(cls, f"{cls}_claims").removesuffix("_claims")


def _classseverity(cls: SourceClass, n: int, total: int) -> Severity:
    if cls in ("anonymous", AGENTLESS):
        share = n / total if total else 0.0
        return severity(n > 0, n >= _UNSOURCED_WARNING_COUNT and share >= _UNSOURCED_WARNING_SHARE)
    return severity(n > 0) if cls == "vague" else "info"


def _sources(ctx: Context, facts: Facts, out: Rows) -> None:
    classes = facts.classes
    total = len(ctx.claims)
    out.add("claims_found", total, None, "info" if total else "notice")
    counts = Counter(classes.values())
    shares = {_class_key(k): round(counts[k] / total, 3) for k in SOURCE_CLASSES} if total else {}
    share = sum(counts[k] for k in _NAMED) / total if total else None
    notice = share is not None and share < _NAMED_SHARE_NOTICE
    out.add("named_source_share", share, shares, severity(notice, share is not None and share < _NAMED_SHARE_WARNING), total=total)
    for cls, check in SOURCE_CHECKS.items():
        ids = [c for c in ctx.claims if classes[c.claim_id] == cls]
        detail = [f"{ctx.who(c)}: {excerpt(c.content_text)}" for c in ids]
        out.add(check, len(ids), detail, _classseverity(cls, len(ids), total), total=total)


def _narration(text: str, start: int, end: int, claim: Claim) -> str:
    """Return the sentence with the claim's content blanked out (grants and reasons are the reporter's words)."""
    chars = list(text[start:end])
    for s, e in claim.content_spans or ((claim.content_start, claim.content_end),):
        for k in range(max(int(s), start), min(int(e), end)):
            chars[k - start] = " "
    return "".join(chars)


def _anonymity(ctx: Context, facts: Facts, out: Rows) -> None:
    """Anonymous sources whose anonymity the article grants explicitly but without a reason."""
    text = ctx.article.text
    sents = {s.sentence_id: s for s in ctx.sentences}
    groups: dict[Any, list[Claim]] = {}
    for c in ctx.claims:
        if facts.classes.get(c.claim_id) == "anonymous":
            groups.setdefault(c.speaker_id if c.speaker_id is not None else ("claim", c.claim_id), []).append(c)
    flagged: list[str] = []
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
            facts.unexplained |= {c.claim_id for c in members}
    out.add("anonymity_without_reason", len(flagged), flagged, severity(bool(flagged), True))


def _reporter_sentences(ctx: Context, facts: Facts, roles: tuple[Role, ...]) -> list[Sentence]:
    """Sentences in the reporter's voice: no claim touches them, not mostly a quotation, not in the first person.

    A sentence saying "we" or "our" outside quotation marks is someone speaking whose marks the
    page lost (a web page's block quote), not the reporter.
    """
    return [
        s
        for s in ctx.sentences
        if s.role in roles and not facts.where.covers(s.start, s.end) and not facts.quoted.mostly_quoted(s.start, s.end)
        and not FIRST_PERSON_RE.search(facts.quoted.narration(s.start, s.end))
    ]


def _has_fact_anchor(ctx: Context, s: Sentence) -> bool:
    if _NUMBER_RE.search(s.text):
        return True
    if ctx.doc is not None:  # annotate() passes a doc only when doc.text == article text
        span = ctx.doc.char_span(s.start, s.end, alignment_mode="expand")
        return span is not None and any(t.ent_type_ in _ENTITY_LABELS for t in span)
    ents, _, _ = span_terms(ctx.article.text, None, [(s.start, s.end)])
    return bool(ents)


def _unattributed(ctx: Context, facts: Facts, out: Rows) -> None:
    found = [
        s.text
        for s in _reporter_sentences(ctx, facts, _ASSERTION_ROLES)
        if s.n_tokens >= _MIN_ASSERTION_TOKENS
        and not s.text.rstrip().endswith("?")
        and _has_fact_anchor(ctx, s)
        and not _reports_speech(ctx, facts, s)
    ]
    body = sum(1 for s in ctx.sentences if s.role == "body")
    mostly = len(found) >= _MOSTLY_UNATTRIBUTED_COUNT and len(found) >= _MOSTLY_UNATTRIBUTED_SHARE * body
    out.add("unattributed_assertions", len(found), found, severity(bool(found), mostly))
    weasel = [
        s.text for s in _reporter_sentences(ctx, facts, _WEASEL_ROLES) if is_uncertain(facts.quoted.narration(s.start, s.end))
    ]
    out.add("weasel_sentences", len(weasel), weasel, severity(bool(weasel)))


def _cues(ctx: Context, facts: Facts, out: Rows) -> None:
    counts = Counter(c.cue_stance or "neutral" for c in ctx.claims)
    evaluative = sum(counts[k] for k in _EVALUATIVE_CUES)
    out.add("cue_stance_counts", evaluative, {k: counts[k] for k in CUE_STANCES}, severity(evaluative > 0))
    cue_checks: tuple[tuple[CueStance, str], ...] = (
        ("endorsing", "endorsing_cues"), ("doubting", "doubting_cues"), ("guilt", "guilt_cues")
    )
    for cls, check in cue_checks:
        hits = [c for c in ctx.claims if c.cue_stance == cls]
        detail = [f"{c.cue_text} ({ctx.who(c)})" for c in hits]
        out.add(check, len(hits), detail, severity(bool(hits)), items=list(dict.fromkeys(str(c.cue_text) for c in hits)))


def _wording(ctx: Context, facts: Facts, out: Rows) -> None:
    words = ctx.article.n_words or len(ctx.article.text.split())
    hedges = [m.text.lower() for m in ctx.markers if m.kind == "hedge"]
    density = 100 * len(hedges) / words if words else 0.0
    out.add(
        "hedging_density",
        round(density, 3),
        list(dict.fromkeys(hedges)),
        severity(density >= _HEDGING_NOTICE, density >= _HEDGING_WARNING),
        count=len(hedges),
        items=list(dict.fromkeys(hedges)),
    )
    outside: tuple[tuple[MarkerKind, str], ...] = (
        ("doubt", "doubt_markers_outside_quotes"),
        ("booster", "boosters_outside_quotes"),
        ("loaded", "loaded_labels_outside_quotes"),
    )
    for kind, check in outside:
        items = sorted({m.text.lower() for m in ctx.markers if m.kind == kind and not m.inside_content})
        out.add(check, len(items), items, severity(bool(items)), items=items)
    inside = sorted({m.text.lower() for m in ctx.markers if m.kind == "loaded" and m.inside_content})
    out.add("loaded_labels_inside_quotes", len(inside), inside, "info", items=inside)


def _reports_speech(ctx: Context, facts: Facts, s: Sentence) -> bool:
    # A sentence reporting speech the extractor missed ("The Conservatives say they would ...")
    # is still someone else's claim, not the reporter's.
    return reports_speech(ctx.article.text, s.start, s.end, ctx.doc)



def _attributed_line(text: str) -> bool:
    """Tell whether a display line attributes itself: quoted words, a question, "…: X", "…, X says".

    >>> _attributed_line("Talks will fail, minister says"), _attributed_line("Shock at dip: Wenger")
    (True, True)
    >>> _attributed_line("Russia asked China for drones")
    False
    """
    line = text.strip()
    return bool(
        _QUOTE_RE.search(line) or line.endswith("?") or _TRAILING_SOURCE_RE.search(line) or _HEADLINE_CUE_RE.search(line)
    )


def _match(a: ClaimInfo | tuple[set[str], set[str], set[str]], b: ClaimInfo) -> bool:
    ents, words, verbs = (a.entities, a.words, a.verbs) if isinstance(a, ClaimInfo) else a
    if not (set(ents) & b.entities):
        return False
    return bool(set(verbs) & b.verbs) or len(set(words) & b.words) >= 2


def _claims_in(ctx: Context, roles: tuple[Role, ...]) -> list[Claim]:
    role_of = {s.sentence_id: s.role for s in ctx.sentences}
    return [c for c in ctx.claims if role_of.get(c.sentence_id) in roles and c.claim_id in ctx.infos]


def _headline_as_fact(ctx: Context, facts: Facts, out: Rows) -> None:
    """Display text (headline, standfirst, subheads) stating in the reporter's voice what the body attributes."""
    body = _claims_in(ctx, ("body",))
    as_fact: list[str] = []
    # A display line is judged whole: "Russia asked China for drones: Peskov" may parse as two
    # sentences, and the second attributes the first.
    spans: dict[int, tuple[int, int]] = {}
    for x in ctx.sentences:
        if x.role in HEADLINE_ROLES:
            a, b = spans.get(x.paragraph_id, (x.start, x.end))
            spans[x.paragraph_id] = (min(a, x.start), max(b, x.end))
    lines = {p: ctx.article.text[a:b] for p, (a, b) in spans.items()}
    for s in _reporter_sentences(ctx, facts, HEADLINE_ROLES):
        if _attributed_line(lines.get(s.paragraph_id, s.text)):
            continue
        ents, words, verbs = span_terms(ctx.article.text, ctx.doc, [(s.start, s.end)])
        if any(_match((ents, set(words), verbs), ctx.infos[c.claim_id]) for c in body):
            as_fact.append(s.text)
    out.add("headline_stated_as_fact", len(as_fact), as_fact, severity(bool(as_fact), True))


def _headline_claims(ctx: Context, facts: Facts, out: Rows) -> None:
    """Claims in display text that drop the body's hedge, or rest on the body's anonymous sources."""
    body = _claims_in(ctx, ("body",))
    dropped: list[str] = []
    hedge_words: list[str] = []
    anonymous: list[str] = []
    for h in _claims_in(ctx, HEADLINE_ROLES):
        matches = [c for c in body if c.claim_id != h.claim_id and _match(ctx.infos[h.claim_id], ctx.infos[c.claim_id])]
        if not h.hedges and not h.agentless:
            hedged = [c for c in matches if c.hedges or c.agentless]
            if hedged:
                dropped.append(f"{excerpt(h.content_text)} — body: {', '.join(hedged[0].hedges) or hedged[0].cue_text}")
                hedge_words += list(hedged[0].hedges) or [str(hedged[0].cue_text)]
        if any(c.anonymous or facts.classes.get(c.claim_id) == "anonymous" for c in matches):
            anonymous.append(excerpt(h.content_text))
    out.add("headline_drops_hedge", len(dropped), dropped, severity(bool(dropped), True), items=list(dict.fromkeys(hedge_words)))
    out.add("headline_anonymous_source", len(anonymous), anonymous, severity(bool(anonymous), True))


def _credit(ctx: Context, facts: Facts, out: Rows) -> None:
    named, unnamed = wire_credits(ctx.article.text, ctx.sentences)
    out.add("wire_credit_named", 1.0 if named else 0.0, named, "info", items=named)
    out.add("wire_credit_unnamed", 1.0 if unnamed and not named else 0.0, unnamed, severity(bool(unnamed) and not named))


# Every rule, in the order its rows appear; _anonymity fills facts.unexplained for annotate's flags.
RULES: tuple[Rule, ...] = (
    _sources,
    _anonymity,
    _unattributed,
    _cues,
    _wording,
    disputes,
    balance,
    _headline_as_fact,
    _headline_claims,
    _credit,
)


def run_checks(ctx: Context) -> tuple[list[Check], dict[int, str], set[int]]:
    """Run every rule of :data:`RULES` on one article.

    Returns the check rows, each claim's source class, and the claims whose sources were granted
    anonymity without a reason (for the claim flags).

    >>> from toolkit.types import Article
    >>> rows, classes, unexplained = run_checks(Context(Article("a", "Hi."), None, [], [], {}, [], [], {}))
    >>> rows[0].check, rows[0].value, classes, unexplained
    ('claims_found', 0.0, {}, set())
    """
    out = Rows(ctx.article.article_id)
    classes = {c.claim_id: claim_source_class(c, ctx.speaker(c)) for c in ctx.claims}
    facts = Facts(ClaimSpans(ctx.claims, len(ctx.article.text)), classes, QuotedText(ctx.article.text))
    for rule in RULES:
        rule(ctx, facts, out)
    classes_out: dict[int, str] = dict(facts.classes)  # annotate keeps them as plain strings
    return out.rows, classes_out, facts.unexplained
