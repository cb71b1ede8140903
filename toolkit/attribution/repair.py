"""Passes over all drafts of an article, in order, after the cue rules have run.

Each rule builds its claim from its own piece of the parse, so two rules can claim the same
words; these passes settle that.  Every pass has one signature, ``(article, drafts) -> drafts``,
and :data:`REPAIRS` lists them in the order they run.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable

from .context import ArticleContext, Draft
from .rules import dash_tail_drafts
from .spans import SPEAKER_EDGE, CharSpan, cut, strip_edges

__all__ = ["REPAIRS", "Repair", "dedupe_quotes", "drop_nested", "sanitize"]

Repair = Callable[[ArticleContext, list[Draft]], list[Draft]]


def _quote_distance(d: Draft, sp: CharSpan) -> int:
    # prefer the cue that follows the quote closely, else the nearer cue
    return (d.cue.start - sp[1]) if d.cue.start >= sp[1] else (sp[0] - d.cue.end) + 1


def dedupe_quotes(art: ArticleContext, drafts: list[Draft]) -> list[Draft]:
    """Give a quotation claimed by two cues to the nearer one ("“X,” he said" wins).

    >>> dedupe_quotes(None, [])
    []
    """
    owner: dict[CharSpan, Draft] = {}
    for d in drafts:
        if d.quote_type != "direct":
            continue
        for sp in d.spans:
            prev = owner.get(sp)
            if prev is None or _quote_distance(d, sp) < _quote_distance(prev, sp):
                owner[sp] = d
    out = []
    for d in drafts:
        if d.quote_type == "direct":
            keep = [sp for sp in d.spans if owner.get(sp) is d]
            if not keep:
                continue
            d.spans = keep
        out.append(d)
    return out


def _host_of(d: Draft, by_sentence: dict[int, list[Draft]]) -> Draft | None:
    """Return the claim (this sentence or the one before) whose content holds ``d``'s cue."""
    for sid in (d.sentence_id - 1, d.sentence_id):
        for o in by_sentence.get(sid, ()):
            if (
                o is not d
                and o.spans
                and not o.agentless
                and any(a <= d.cue.start and d.cue.end <= b for a, b in o.spans)
            ):
                return o
    return None


def _trim_after(text: str, host: Draft, end: int) -> None:
    """Cut the host's content to what follows ``end`` (and its separators)."""
    trimmed = []
    for a, b in host.spans:
        a = max(a, end)
        while a < b and (text[a].isspace() or text[a] in ",;:—–-"):
            a += 1
        if b > a and any(ch.isalnum() for ch in text[a:b]):
            trimmed.append((a, b))
    host.spans = trimmed


def drop_nested(art: ArticleContext, drafts: list[Draft]) -> list[Draft]:
    """Drop claims reported inside another claim's content ("US says [Russia wants drones]").

    The reporter attributes the outer claim only; the inner speaker is quoted second-hand, so
    listing it as a source would overstate who speaks in the article.  An agentless cue inside
    another claim ("said the talks reportedly failed") becomes a hedge of that claim.

    >>> drop_nested(None, [])
    []
    """
    by_sentence: dict[int, list[Draft]] = {}
    for d in drafts:
        by_sentence.setdefault(d.sentence_id, []).append(d)
    out = []
    for d in drafts:
        if not d.spans:
            continue  # emptied by an earlier trim
        host = _host_of(d, by_sentence)
        if host is None:
            out.append(d)
        elif host.loose and d.speaker is not None:
            # "A said X, but Y, they said": keep A's claim; the outer one is what follows it
            out.append(d)
            _trim_after(art.text, host, max(b for _, b in d.spans))
        elif d.agentless:
            host.hedge_spans.append((d.cue.start, d.cue.end))
    return [d for d in out if d.spans]


def add_dash_tails(art: ArticleContext, drafts: list[Draft]) -> list[Draft]:
    """Credit the quotations still unclaimed that end in a dash and a name ("“...” — Name")."""
    taken = {sp for d in drafts for sp in d.spans}
    return drafts + dash_tail_drafts(art, taken)


def _clean_speaker(art: ArticleContext, d: Draft, speaker: CharSpan) -> CharSpan | None:
    """Return the speaker without quotations, the cue, separators and quote marks at its edges."""
    s0, s1 = speaker
    lo = max(0, bisect_right(art.qstarts, s0) - 1)
    for q in art.quotes[lo : bisect_right(art.qstarts, s1)]:
        if q.start < s0 < q.end < s1:
            s0 = q.end  # '"...,"Robin Cook said': the quotation is not the speaker
        elif s0 < q.start < s1 < q.end:
            s1 = q.start
    if s0 < d.cue.end and d.cue.start < s1:
        s0, s1 = (s0, d.cue.start) if s0 < d.cue.start else (d.cue.end, s1)
    s0, s1 = strip_edges(art.text, s0, s1, SPEAKER_EDGE, left=True, right=True)
    return (s0, s1) if any(ch.isalnum() for ch in art.text[s0:s1]) else None


def _content_pieces(text: str, spans: list[CharSpan], holes: list[CharSpan]) -> list[CharSpan]:
    """Return the content spans minus the holes, touching pieces merged."""
    pieces: list[CharSpan] = []
    for piece in sorted(spans):
        for x, y in cut(text, piece, holes):
            if pieces and x <= pieces[-1][1]:
                pieces[-1] = (pieces[-1][0], max(pieces[-1][1], y))
            else:
                pieces.append((x, y))
    return pieces


def sanitize(art: ArticleContext, drafts: list[Draft]) -> list[Draft]:
    """Make who, how and what of every claim disjoint; drop claims left without a speaker or content.

    A misparse can hand the same words to two rules ("have a car near Athens said": Athens is
    both inside the clause and the speaker).  Whatever the rule, the speaker never crosses a
    quotation's edge or the cue, nor carries quote marks or separators at its ends; content
    pieces never cover the speaker or (when there is a speaker) the cue, and never overlap.

    >>> sanitize(None, [])
    []
    """
    out: list[Draft] = []
    for d in drafts:
        holes: list[CharSpan] = []
        if d.speaker is not None:
            speaker = _clean_speaker(art, d, d.speaker)
            if speaker is None:
                continue
            d.speaker = speaker
            holes = [speaker, (d.cue.start, d.cue.end)]
        pieces = _content_pieces(art.text, d.spans, holes)
        if pieces:
            d.spans = pieces
            out.append(d)
    return out


def by_cue(art: ArticleContext, drafts: list[Draft]) -> list[Draft]:
    """Order the drafts by their cue, the order claims are numbered in."""
    return sorted(drafts, key=lambda d: (d.cue.start, d.cue.end))


REPAIRS: tuple[Repair, ...] = (dedupe_quotes, drop_nested, add_dash_tails, sanitize, by_cue)
