"""Claim-to-claim links: who denies, accuses, supports or repeats what.

Rules for a denial ``D`` (stance ``deny``), applied together:

1. *Lead claim.*  A denial with no content of its own ("Not true, says Russia", "Moscow denies
   claim") or one that denies "reports"/"claims" in general answers the article's lead claim: the
   assertions of other sides in the headline.
2. *Anaphora.*  A denial of "such a support" / "this" / "these reports" answers the assertions just
   before it in the same paragraph.
3. *Content.*  Otherwise-unrelated body claims are linked when they come from a source on another
   side, share an entity with the denial, and share its verb ("asked" ~ "asking") or at least two
   content words.  Agentless claims ("it is said") have no side to answer, so only rules 1-2 link
   them; headline and standfirst lines only summarise the body, so rule 3 links body claims.

Accusations link to earlier claims by the accused side that mention the accuser.  No claim denies
or accuses a claim of its own speaker (same record, same ``speaker_key``, or a short form of the
same name): a speaker repeating a denial is not denying themselves.  Two assertions
by the same source with mostly the same words are ``repeats``; by different sources, ``supports``.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..types import HEADLINE_ROLES, Claim, Link, Relation
from .content import META_NOUNS, ClaimInfo
from .voices import same_voice

__all__ = ["link_claims", "link_score"]

# Two assertions say "mostly the same" when they share at least two content words and those
# make up 60 % of the shorter one's: one shared word (a name) is just the same topic.
_MIN_SHARED_WORDS = 2
_MIN_OVERLAP = 0.6
# Different sources saying the same thing need a third shared word before the link reads as
# support rather than coincidence of the topic's vocabulary.
_MIN_SUPPORT_WORDS = 3

# Bounds that keep linking linear in article length: a real article has a few dozen claims, but
# a 5 MB text has tens of thousands, and all-pairs links then took 20 GB. A claim links to its
# best-scoring targets only, among the claims within WINDOW positions (plus the display lines).
MAX_TARGETS = 5
WINDOW = 300


def link_score(a: ClaimInfo, b: ClaimInfo) -> float:
    """Return a 0..1 overlap score of ``a``'s entities and content words found in ``b``.

    >>> x = ClaimInfo(0, 0, 0, "body", frozenset({"Russia"}), frozenset({"ask", "drone"}), frozenset(), frozenset(), "ask", False, 0)
    >>> link_score(x, x)
    1.0
    """
    ent = len(a.entities & b.entities) / len(a.entities) if a.entities else 0.0
    words = len(a.words & b.words) / len(a.words) if a.words else 0.0
    return round(min(1.0, 0.2 + 0.4 * ent + 0.4 * words), 3)


def _same_speaker(a: ClaimInfo, b: ClaimInfo, ca: Claim, cb: Claim) -> bool:
    """One speaker: the same record, the same corpus key, or one name a short form of the other."""
    return (ca.speaker_id is not None and ca.speaker_id == cb.speaker_id) or same_voice(a.voice, b.voice)


def _other_side(a: ClaimInfo, b: ClaimInfo, ca: Claim, cb: Claim) -> bool:
    if _same_speaker(a, b, ca, cb):
        return False
    return not (a.side and b.side and a.side & b.side)


def _content_match(d: ClaimInfo, t: ClaimInfo) -> bool:
    if not (d.entities & t.entities):
        return False
    return bool(d.verbs & t.verbs) or len(d.words & t.words) >= 2


def _has_source(c: Claim) -> bool:
    return not c.agentless and (c.speaker_id is not None or bool(c.speaker_text))


def _is_generic(d: ClaimInfo) -> bool:
    return not d.words or d.first_word in META_NOUNS


def _near(i: int, n: int, display: Sequence[int]) -> list[int]:
    """Return the indices a claim at ``i`` may link to: display lines and claims within ``WINDOW``."""
    lo, hi = max(0, i - WINDOW), min(n, i + WINDOW + 1)
    return sorted({*range(lo, hi), *display} - {i})


def _denial_targets(
    i: int, claims: Sequence[Claim], infos: Sequence[ClaimInfo], near: Sequence[int]
) -> list[int]:
    d, cd = infos[i], claims[i]
    candidates = [j for j in near if claims[j].stance != "deny" and claims[j].stance != "accuse"]
    out: list[int] = []
    if _is_generic(d) or d.role in HEADLINE_ROLES:
        lead = [j for j in candidates if infos[j].role == "headline" and _other_side(d, infos[j], cd, claims[j])]
        if not lead:  # no headline claim: the first assertion by another side
            lead = [j for j in candidates if _other_side(d, infos[j], cd, claims[j])][:1]
        out += lead
    if d.anaphoric:
        out += [
            j
            for j in candidates
            if infos[j].paragraph_id == d.paragraph_id
            and (claims[j].sentence_id < cd.sentence_id or (claims[j].sentence_id == cd.sentence_id and claims[j].content_end <= (cd.cue_start or cd.content_start)))
            and _other_side(d, infos[j], cd, claims[j])
        ]
    if d.words:
        out += [
            j
            for j in candidates
            if infos[j].role == "body"
            and _has_source(claims[j])
            and _other_side(d, infos[j], cd, claims[j])
            and _content_match(d, infos[j])
        ]
    return list(dict.fromkeys(out))


def _accusation_targets(
    i: int, claims: Sequence[Claim], infos: Sequence[ClaimInfo], near: Sequence[int]
) -> list[int]:
    a, ca = infos[i], claims[i]
    accused = a.entities - a.side
    if not accused:
        return []
    out = []
    for j in near:
        c, t = claims[j], infos[j]
        if j == i or c.stance in ("deny", "accuse") or not (t.side & accused):
            continue
        if c.sentence_id > ca.sentence_id:
            continue
        if t.entities & (a.side | a.entities) and _other_side(a, t, ca, c):
            out.append(j)
    return out


def link_claims(claims: Sequence[Claim], infos: Sequence[ClaimInfo]) -> list[Link]:
    """Return the links between the claims of one article (``infos[k]`` describes ``claims[k]``).

    >>> link_claims([], [])
    []
    """
    links: dict[tuple[int, int], Link] = {}

    def add_best(i: int, targets: Sequence[int], relation: Relation) -> None:
        scored = [(link_score(infos[i], infos[j]), j) for j in dict.fromkeys(targets)]
        # best first; ties go to the nearer claim
        if relation in ("denies", "accuses"):  # nobody denies or accuses themselves
            scored = [(sc, j) for sc, j in scored if not _same_speaker(infos[i], infos[j], claims[i], claims[j])]
        for score, j in sorted(scored, key=lambda sj: (-sj[0], abs(sj[1] - i)))[:MAX_TARGETS]:
            key = (claims[i].claim_id, claims[j].claim_id)
            if key[0] != key[1] and key not in links and (key[1], key[0]) not in links:
                links[key] = Link(claims[i].article_id, key[0], key[1], relation, score)

    display = [k for k, info in enumerate(infos) if info.role in HEADLINE_ROLES][:WINDOW]
    for i, c in enumerate(claims):
        if c.stance == "deny":
            add_best(i, _denial_targets(i, claims, infos, _near(i, len(claims), display)), "denies")
        elif c.stance == "accuse":
            add_best(i, _accusation_targets(i, claims, infos, _near(i, len(claims), display)), "accuses")
    asserts = [k for k, c in enumerate(claims) if c.stance not in ("deny", "accuse")]
    related: dict[tuple[int, Relation], list[int]] = {}
    for x, i in enumerate(asserts):
        for j in asserts[max(0, x - WINDOW) : x]:
            a, b = infos[i], infos[j]
            shared = a.words & b.words
            small = min(len(a.words), len(b.words))
            if len(shared) < _MIN_SHARED_WORDS or not small or len(shared) / small < _MIN_OVERLAP or not (a.entities & b.entities):
                continue
            same = _same_speaker(a, b, claims[i], claims[j])
            if same or (a.side and a.side == b.side):
                related.setdefault((i, "repeats"), []).append(j)
            elif len(shared) >= _MIN_SUPPORT_WORDS and not claims[i].agentless and not claims[j].agentless:
                related.setdefault((i, "supports"), []).append(j)
    for (i, relation), targets in related.items():
        add_best(i, targets, relation)
    return sorted(links.values(), key=lambda k: (k.claim_id, k.target_claim_id))
