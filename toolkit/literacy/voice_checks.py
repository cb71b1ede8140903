"""The rules of the Disputes and Balance checks: who denies, who accuses, who is heard.

Every name they show goes through :mod:`.voices`: an unnamed speaker (:data:`.voices.UNIDENTIFIED`) is never named, a
passive accusation names no accuser, one voice is one voice.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from ..types import Claim
from .content import affiliation_of
from .context import Context, Facts, Rows, excerpt, severity
from .voices import (
    UNIDENTIFIED,
    accusation_target,
    gender_counts,
    is_possessive_subject,
    names_a_target,
    voices,
)

__all__ = ["balance", "disputes"]

# One side holding 60 % of the voiced claims, once there are enough claims (4) to speak of sides.
_DOMINANT_SIDE_SHARE = 0.6
_MIN_VOICED_CLAIMS = 4


def _is_denial(c: Claim) -> bool:
    return c.stance == "deny" or c.cue_stance == "denial"


def _denials(ctx: Context, out: Rows) -> None:
    by_id = {c.claim_id: c for c in ctx.claims}
    denied: dict[int, list[str]] = {}
    linked: set[int] = set()
    for link in ctx.links:
        if link.relation == "denies" and link.target_claim_id in by_id and link.claim_id in by_id:
            denied.setdefault(link.target_claim_id, []).append(ctx.who(by_id[link.claim_id]))
            linked.add(link.claim_id)
    detail = [
        f"{excerpt(by_id[t].content_text)} ({ctx.who(by_id[t])}) — denied by {', '.join(dict.fromkeys(names))}"
        for t, names in sorted(denied.items())
    ]
    # Denials the linker could not tie to a claim still rule out "nobody denies anything"; they
    # are counted, not named: without a target a cue like "denied" is as often an act
    # ("denied them vaccines") as a denial of a claim.
    unlinked = [c for c in ctx.claims if _is_denial(c) and c.claim_id not in linked]
    deniers = list(dict.fromkeys(n for names in denied.values() for n in names))
    out.add("denied_claims", len(denied), detail, severity(bool(denied) or bool(unlinked)), by=deniers, unlinked=len(unlinked))


def _accusers(ctx: Context) -> list[str]:
    """One line per accusation: the accuser (or nobody, for a passive one) and what is alleged."""
    text = ctx.article.text
    rows = []
    for c in ctx.claims:
        if not (c.stance == "accuse" or c.cue_stance == "accusation") or is_possessive_subject(text, c):
            continue
        info = ctx.infos.get(c.claim_id)
        if not names_a_target(c, info.entities if info else frozenset()):
            continue  # "blamed a weaker dollar", "attacked a sperm whale": nobody is accused
        accused = accusation_target(text, c)
        if accused is not None:
            rows.append(f"nobody named: {excerpt(c.content_text)} (against {accused})")
        else:
            rows.append(f"{ctx.who(c)}: {excerpt(c.content_text)}")
    return rows


def disputes(ctx: Context, facts: Facts, out: Rows) -> None:
    """Rows ``denied_claims`` and ``accusations``."""
    _denials(ctx, out)
    acc = _accusers(ctx)
    out.add("accusations", len(acc), acc, severity(bool(acc)))


def _side_label(ctx: Context, c: Claim) -> list[str]:
    # A speaker with no stated affiliation is a voice of its own, not part of one "unknown" bloc.
    places = affiliation_of(c, ctx.speaker(c))
    return sorted(places) if places else [ctx.who(c)]


def _sides(ctx: Context, voiced: list[Claim]) -> dict[str, dict[str, int]]:
    """Claims and quoted words per side (affiliation, or the speaker when none is stated)."""
    sides: dict[str, dict[str, int]] = {}
    for c in voiced:
        info = ctx.infos.get(c.claim_id)
        for side in _side_label(ctx, c):
            row = sides.setdefault(side, {"claims": 0, "quoted_words": 0})
            row["claims"] += 1
            row["quoted_words"] += info.quoted_words if info else 0
    return sides


def _top_side(ctx: Context, voiced: list[Claim]) -> dict[str, Any]:
    """Return the leading stated side, counted only over the claims whose speakers have one."""
    counts: Counter[str] = Counter()
    based = 0
    for c in voiced:
        places = affiliation_of(c, ctx.speaker(c))
        based += bool(places)
        counts.update(places)
    if len(counts) < 2:  # one side alone is no balance to report
        return {}
    (side, n), *rest = counts.most_common()
    if rest and rest[0][1] == n:
        return {}
    return {"side": side, "side_claims": n, "side_base": based}


def _voice_facts(ctx: Context, voiced: list[Claim]) -> tuple[float, dict[str, Any]]:
    ranked, unidentified = voices(voiced, ctx.speakers)
    facts: dict[str, Any] = {"total": len(voiced), "unidentified": unidentified, "genders": gender_counts(voiced, ctx.speakers)}
    if ranked:
        top = ranked[0]
        tied = [v.name for v in ranked if v.claims == top.claims]
        second = ranked[1].claims if len(ranked) > 1 else 0
        facts.update(top=top.name, top_claims=top.claims, tied=tied if len(tied) > 1 else [])
        # The unidentified claims could belong to anyone: only a lead they cannot close is a lead.
        facts["certain"] = top.claims > second + unidentified
    facts.update(_top_side(ctx, voiced))
    share = ranked[0].claims / len(voiced) if ranked else 0.0
    return share, facts


def _body_order(ctx: Context, voiced: list[Claim]) -> list[Claim]:
    role_of = {s.sentence_id: s.role for s in ctx.sentences}
    body = [c for c in voiced if role_of.get(c.sentence_id, "body") == "body"]

    def pos(c: Claim) -> int:
        points = [p for p in (c.speaker_start, c.cue_start, c.content_start) if p is not None]
        return min(points)

    return sorted(body, key=pos)


def balance(ctx: Context, facts: Facts, out: Rows) -> None:
    """Rows ``voice_balance`` (top voice, stated sides, gender of people quoted) and ``first_last_word``."""
    text = ctx.article.text
    # the accused of a passive accusation with no agent ("a film accused of bias") says nothing
    voiced = [c for c in ctx.claims if not c.agentless and (c.speaker_id is not None or c.speaker_text)
              and accusation_target(text, c) is None]
    if not voiced:
        out.add("voice_balance", None, {}, "info", total=0)
        out.add("first_last_word", None, [], "info", first="nobody", last="nobody")
        return
    sides = _sides(ctx, voiced)
    share, vf = _voice_facts(ctx, voiced)
    side_share = vf["side_claims"] / vf["side_base"] if vf.get("side_base") else 0.0
    ordered_sides = dict(sorted(sides.items(), key=lambda kv: (-kv[1]["claims"], -kv[1]["quoted_words"], kv[0])))
    dominant = len(voiced) >= _MIN_VOICED_CLAIMS and max(share, side_share) >= _DOMINANT_SIDE_SHARE
    out.add("voice_balance", round(share, 3), ordered_sides, severity(dominant), **vf)
    ordered = _body_order(ctx, voiced)
    if not ordered:
        out.add("first_last_word", None, [], "info", first="nobody", last="nobody")
        return
    first, last = ordered[0], ordered[-1]
    f_side, l_side = set(_side_label(ctx, first)), set(_side_label(ctx, last))
    unknown = UNIDENTIFIED in f_side | l_side  # two unidentified speakers need not be one side
    same = len(ordered) > 1 and bool(f_side & l_side) and not unknown
    out.add("first_last_word", 1.0 if same else 0.0, [ctx.who(first), ctx.who(last)], severity(same),
            first=ctx.who(first), last=ctx.who(last))
