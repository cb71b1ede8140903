"""Passes over all drafts of an article, in order, after the cue rules have run.

Each rule builds its claim from its own piece of the parse, so two rules can claim the same
words; these passes settle that.  Every pass has one signature, ``(article, drafts) -> drafts``,
and :data:`REPAIRS` lists them in the order they run.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable

from . import cues as C
from .context import ArticleContext, Draft
from .quote_links import ends_sentence, looks_like_title
from .quotes import Quote
from .rules import dash_tail_drafts
from .spans import SPEAKER_EDGE, CharSpan, cut, strip_edges

__all__ = ["REPAIRS", "Repair", "dedupe_quotes", "drop_nested", "sanitize"]

Repair = Callable[[ArticleContext, list[Draft]], list[Draft]]

# A continuation runs on into the next paragraph at most ("X said: ...\n\n“...”"); a
# quotation further away, past another paragraph, has lost its speaker.
_MAX_CONTINUATION_BREAKS = 2


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
        elif host.loose and d.speaker is not None and d.cue.start < host.cue.start:
            # "A said X, but Y, they said": keep A's claim; the outer one is what follows it.
            # A cue after the loose one is inside its content ("Essentially, he says, someone
            # will want to ..."): second-hand, like any nested claim
            out.append(d)
            _trim_after(art.text, host, max(b for _, b in d.spans))
        elif d.agentless:
            host.hedge_spans.append((d.cue.start, d.cue.end))
    return [d for d in out if d.spans]


def add_dash_tails(art: ArticleContext, drafts: list[Draft]) -> list[Draft]:
    """Credit the quotations still unclaimed that end in a dash and a name ("“...” — Name")."""
    taken = {sp for d in drafts for sp in d.spans}
    return drafts + dash_tail_drafts(art, taken)


def _previous_speaker(art: ArticleContext, drafts: list[Draft], q: Quote) -> Draft | None:
    """Return the claim the quotation continues: the one just before it, nothing else between.

    "X said: ... \n\n “...”" and "X told me he was confused. “...”": only space and paragraph
    breaks lie between the previous claim's sentence and the quotation.
    """
    before = [d for d in drafts if d.spans and d.spans[-1][1] <= q.start]
    if not before:
        return None
    prev = max(before, key=lambda d: max(b for _, b in d.spans))
    if prev.speaker is None or prev.agentless or prev.cue.kind == C.COLON:
        return None  # a transcript turn already runs to the end of its paragraph
    _, sent_end = art.sentence_bounds(max(b for _, b in prev.spans) - 1)
    end = max(sent_end, max(b for _, b in prev.spans), prev.cue.end, prev.speaker[1])
    gap = art.text[end : q.start] if end <= q.start else ""
    if gap.strip() or gap.count("\n") > _MAX_CONTINUATION_BREAKS:
        return None
    return prev


def add_continuations(art: ArticleContext, drafts: list[Draft]) -> list[Draft]:
    """Credit a quotation with no cue of its own to the speaker of the claim just before it.

    A news quote often runs on in the next sentence or paragraph without a new "he said".
    After a direct quotation it joins that claim's content (PolNeAR annotates it as one
    attribution); after reported speech ("John told me he was confused. “I think he killed
    me.”", "Ian Harris said the machine would sell.\n\n“They want a taste of Mac.”") it is a
    claim of its own with the previous speaker and no cue (a zero-width
    :data:`~.cues.CONTINUATION` cue). A whole quoted sentence that no cue claims is, by news
    convention, the last speaker's: a new speaker is always named.

    >>> add_continuations(None, [])
    []
    """
    if not drafts:
        return drafts
    taken = {sp for d in drafts for sp in d.spans}
    cue_at = sorted(d.cue.start for d in drafts)
    out = list(drafts)
    for q in art.quotes:
        pieces = art.group_spans(q)
        if (q.start, q.end) != pieces[0] or any(sp in taken for sp in pieces):
            continue
        last = Quote(pieces[-1][0], pieces[-1][1], q.group, True)
        if looks_like_title(art.text, q) or not art.opens_sentence(q) or not ends_sentence(art.text, last):
            continue  # a title, or a phrase quoted inside the reporter's sentence
        s0, _ = art.sentence_bounds(q.start)
        _, s1 = art.sentence_bounds(pieces[-1][1] - 1)
        if cue_at[bisect_right(cue_at, s0 - 1) : bisect_right(cue_at, s1)]:
            continue  # a cue of its own that the rules did not link: not a continuation
        prev = _previous_speaker(art, out, q)
        if prev is None:
            continue
        if prev.quote_type == "direct":
            # “X,” he said. “Y.” -- the quotation runs on: one claim, as PolNeAR annotates it
            prev.spans = sorted(prev.spans + pieces)
            continue
        head = art.doc.char_span(q.start, q.end, alignment_mode="expand")
        cue = C.Cue(C.CONTINUATION, head.start if head is not None else 0, q.start, q.start, "", "assert")
        out.append(Draft(art.sentence_of(q.start), cue, prev.speaker, prev.antecedent, pieces, "direct", "assert"))
    return out


def _closes_at(text: str, end: int, q_end: int) -> bool:
    """Tell whether only punctuation lies between a speaker's end and a quotation's end.

    A quoted title inside the mention ("the hacker known as “Guccifer,”") is part of it.
    """
    return not any(ch.isalnum() for ch in text[end:q_end])


def _clean_speaker(art: ArticleContext, d: Draft, speaker: CharSpan) -> CharSpan | None:
    """Return the speaker without quotations, the cue, separators and quote marks at its edges."""
    s0, s1 = speaker
    lo = max(0, bisect_right(art.qstarts, s0) - 1)
    for q in art.quotes[lo : bisect_right(art.qstarts, s1)]:
        if q.start < s0 < q.end < s1:
            s0 = q.end  # '"...,"Robin Cook said': the quotation is not the speaker
        elif s0 < q.start < s1 < q.end and not _closes_at(art.text, s1, q.end):
            s1 = q.start
    if s0 < d.cue.end and d.cue.start < s1:
        s0, s1 = (s0, d.cue.start) if s0 < d.cue.start else (d.cue.end, s1)
    s0, s1 = strip_edges(art.text, s0, s1, SPEAKER_EDGE, left=True, right=True)
    titled = next((q for q in art.quotes[lo : bisect_right(art.qstarts, s1)] if s0 < q.start < s1 <= q.end and _closes_at(art.text, s1, q.end)), None)
    if titled is not None and not (d.cue.start < titled.end and titled.start < d.cue.end):
        s1 = titled.end  # the quoted title keeps its closing mark
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


def _close_quote(art: ArticleContext, piece: CharSpan) -> CharSpan:
    """Return the piece with the closing mark of a quotation it opened ('called it “a disgrace”').

    The parse ends the content at the last word, leaving the mark (and a comma inside it) out.
    """
    a, b = piece
    q = art.quote_at(b - 1) if b > a else None
    if q is not None and a <= q.start and b < q.end and not any(ch.isalnum() for ch in art.text[b : q.end]):
        return a, q.end
    return piece


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
        pieces = [_close_quote(art, p) for p in _content_pieces(art.text, d.spans, holes)]
        if pieces:
            d.spans = pieces
            out.append(d)
    return out


def by_cue(art: ArticleContext, drafts: list[Draft]) -> list[Draft]:
    """Order the drafts by their cue, the order claims are numbered in."""
    return sorted(drafts, key=lambda d: (d.cue.start, d.cue.end))


REPAIRS: tuple[Repair, ...] = (dedupe_quotes, drop_nested, add_dash_tails, add_continuations, sanitize, by_cue)
