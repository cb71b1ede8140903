"""Highlighter (``toolkit.highlight``): the article text with speakers, cues, claim contents and hedges marked inline.

In the style of spaCy's displaCy: each span is a ``<mark>`` with a small label at its end, and
hovering a mark shows what it belongs to (claim number, speaker, stance, flags).  Spans that
nest or overlap (a hedge inside a quote, a cue that is also a hedge) are cut at every span
boundary, so the page is always well-formed HTML and each text piece carries the exact offsets
it came from (``data-s``/``data-e``: ``text[s:e]`` is the piece).  Everything taken from the
article or the tables is HTML-escaped.

>>> from toolkit.analysis import Analysis
>>> import pandas as pd
>>> a = Analysis({"articles": pd.DataFrame({"article_id": ["x"], "text": ["<b>Hi</b>"]})})
>>> "&lt;b&gt;Hi&lt;/b&gt;" in highlight(a, "x").html
True
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from html import escape
from typing import Any

import pandas as pd

from .analysis import Analysis
from .palette import HIGHLIGHT_COLORS
from .structure import split_lines
from .types import AGENTLESS, ROLES, MarkerKind, Role

__all__ = ["SPAN_TYPES", "Highlighted", "Mark", "highlight", "highlight_css"]

# The marker kinds drawn in the text, each with its colour in palette.HIGHLIGHT_COLORS; boosters stay unmarked.
_MARKER_KINDS: tuple[MarkerKind, ...] = ("hedge", "doubt", "loaded", "anonymity_reason")
_HEDGE: MarkerKind = "hedge"
# Nesting order, outermost first: a claim's content encloses its hedges, never the reverse.
SPAN_TYPES: tuple[str, ...] = ("content", "speaker", "cue", *_MARKER_KINDS)
DEFAULT_SHOW: tuple[str, ...] = ("speaker", "cue", "content", _HEDGE)
LEGEND: dict[str, str] = {
    "speaker": "who is given as the source",
    "cue": "the reporting word (said, claimed, according to)",
    "content": "what is claimed",
    "hedge": "words that soften or distance (reportedly, may)",
    "doubt": "words casting doubt (so-called, alleged)",
    "loaded": "loaded labels",
    "anonymity_reason": "the reason given for anonymity",
}
_LABELS = {"speaker": "speaker", "cue": "cue", "hedge": "hedge", "doubt": "doubt", "loaded": "loaded",
           "anonymity_reason": "reason"}
# Lines that are not body text get a badge naming their role (headline, credit ...).
_BODY: Role = "body"
_BADGED_ROLES: tuple[Role, ...] = tuple(r for r in ROLES if r != _BODY)
_BORDER = {"content": "border-bottom: 2px solid", "speaker": "border: 1.5px solid", "cue": "border: 1.5px solid",
           "hedge": "border: 1.5px dashed", "doubt": "border: 1.5px dotted", "loaded": "border: 1.5px double",
           "anonymity_reason": "border: 1.5px dotted"}


@dataclass(frozen=True, slots=True)
class Mark:
    """One span to mark: ``text[start:end]``, its type, hover title and end label."""

    kind: str
    start: int
    end: int
    title: str
    label: str = ""
    claim_id: int | None = None
    anchor: str | None = None


@dataclass(frozen=True)
class Highlighted:
    """A highlighted article: ``.html`` (a fragment with its own styles), displayable in Jupyter."""

    article_id: str
    html: str
    marks: tuple[Mark, ...] = ()
    problems: tuple[str, ...] = field(default_factory=tuple)

    def _repr_html_(self) -> str:
        return self.html

    def __str__(self) -> str:
        return self.html


def highlight_css() -> str:
    """Return the style sheet of highlighted articles (class names start with ``nc-``).

    >>> "mark.nc-speaker" in highlight_css()
    True
    """
    rules = [
        ".nc-doc{font-family:Georgia,'Times New Roman',serif;line-height:2.15;color:#1a1a1a;"
        "background:#fff;max-width:50em;padding:.4em 1em}",
        ".nc-meta{font:.8em/1.4 system-ui,sans-serif;color:#444;margin:.2em 0 .6em}",
        ".nc-title{font:700 1.05em/1.4 system-ui,sans-serif;margin:.2em 0}",
        ".nc-line{margin:.45em 0;white-space:pre-wrap}",
        ".nc-role{display:inline-block;font:600 .62rem/1 system-ui,sans-serif;letter-spacing:.06em;"
        "text-transform:uppercase;color:#444;border:1px solid #888;border-radius:3px;padding:2px 4px;"
        "margin-right:.5em;vertical-align:middle;user-select:none}",
        ".nc-role-headline{font-size:1.4em;font-weight:700;line-height:1.9}",
        ".nc-role-standfirst{font-size:1.08em;font-style:italic}",
        ".nc-role-subhead{font-weight:700;font-size:1.06em}",
        ".nc-role-credit,.nc-role-byline{color:#444;font-size:.9em}",
        "mark.nc-m{color:inherit;padding:.08em .12em;border-radius:.25em;"
        "-webkit-box-decoration-break:clone;box-decoration-break:clone}",
        "mark.nc-content{border-radius:0;padding:.12em 0}",
        "mark.nc-speaker{font-weight:600}",
        "mark.nc-cue{font-style:italic}",
        ".nc-l{font:700 .58rem/1 system-ui,sans-serif;letter-spacing:.05em;text-transform:uppercase;"
        "color:#1a1a1a;background:#fff;border-radius:.3em;padding:.12em .3em;margin-left:.25em;"
        "vertical-align:middle;user-select:none;font-style:normal;white-space:nowrap}",
        ".nc-legend{font:.8em/1.9 system-ui,sans-serif;color:#222;margin:.3em 0 .6em}",
        ".nc-legend mark{margin-right:.2em}.nc-legend span.nc-k{margin-right:1em}",
        ".nc-problems{font:.8em/1.4 system-ui,sans-serif;color:#8a3b00}",
    ]
    for kind, (border, tint) in HIGHLIGHT_COLORS.items():
        rules.append(f"mark.nc-{kind}{{background:{tint};{_BORDER[kind]} {border}}}")
        rules.append(f".nc-l-{kind}{{border:1px solid {border}}}")
    return "\n".join(rules)


# ---------------------------------------------------------------- spans from the tables


def _int(value: Any) -> int | None:
    if value is None or pd.isna(value):
        return None
    return int(value)


def _s(value: Any) -> str:
    if value is None or (not isinstance(value, list | tuple) and pd.isna(value)):
        return ""
    return str(value)


def _list(value: Any) -> list[Any]:
    if value is None or isinstance(value, str):
        return [] if not value else [value]
    return list(value) if isinstance(value, Iterable) else []


def _speaker_rows(analysis: Analysis, article_id: str) -> dict[int, dict[str, Any]]:
    spk = analysis.speakers[analysis.speakers["article_id"] == article_id]
    return {int(r["speaker_id"]): r for r in spk.to_dict("records")}


def _claim_title(row: dict[str, Any], speaker: dict[str, Any] | None) -> str:
    who = _s(row.get("speaker_name")) or (_s(speaker.get("name")) if speaker else "") or _s(row.get("speaker_text"))
    kind = _s(row.get("speaker_kind")) or (_s(speaker.get("kind")) if speaker else "")
    if row.get("agentless") or kind == AGENTLESS or not who:
        who, kind = "no named source (agentless)", ""
    parts = [f"Claim {int(row['claim_id']) + 1} — {who}" + (f" ({kind})" if kind else "")]
    details = [f"{k}: {v}" for k, v in (
        ("cue", _s(row.get("cue_text"))),
        ("stance", _s(row.get("stance"))),
        ("cue stance", _s(row.get("cue_stance"))),
        ("quote", _s(row.get("quote_type"))),
        ("hedges", ", ".join(map(str, _list(row.get("hedges"))))),
        ("doubt", ", ".join(map(str, _list(row.get("doubt_markers"))))),
    ) if v]
    if details:
        parts.append("; ".join(details))
    parts.extend(str(e) for e in _list(row.get("explanations")))
    return "\n".join(parts)


@dataclass
class _Collector:
    """Gathers one article's marks; offsets that do not fit the text become problems, not marks."""

    text: str
    show: tuple[str, ...]
    anchor_prefix: str
    marks: list[Mark] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def add(self, kind: str, start: Any, end: Any, title: str, label: str, cid: int | None, what: str,
            anchor: str | None = None) -> None:
        s, e, n = _int(start), _int(end), len(self.text)
        if s is None or e is None:
            return
        if not 0 <= s < e <= n:
            self.problems.append(f"{what}: offsets {s}-{e} do not fit the text (length {n}); not marked")
            return
        self.marks.append(Mark(kind, s, e, title, label, cid, anchor))

    def content(self, row: dict[str, Any], cid: int, title: str) -> None:
        pieces = [p for p in _list(row.get("content_spans")) if len(p) == 2] or [
            (row.get("content_start"), row.get("content_end"))
        ]
        stance = _s(row.get("stance"))
        for i, (s, e) in enumerate(pieces):
            last = i == len(pieces) - 1
            self.add("content", s, e, title, f"claim {cid + 1}" + (f" · {stance}" if stance else "") if last else "",
                     cid, f"claim {cid} content", f"{self.anchor_prefix}claim-{cid}" if i == 0 else None)

    def speaker(self, row: dict[str, Any], cid: int, spk: dict[str, Any] | None) -> None:
        name = (_s(spk.get("name")) if spk else "") or _s(row.get("speaker_name"))
        desc = [x for x in ((_s(spk.get("kind")), _s(spk.get("affiliation")), _s(spk.get("descriptor")))
                            if spk else (_s(row.get("speaker_kind")),)) if x]
        title = f"Speaker of claim {cid + 1}: {name or _s(row.get('speaker_text'))}"
        if desc:
            title += f" ({', '.join(desc)})"
        if spk and _s(spk.get("anonymity_reason")):
            title += f"\nReason given for anonymity: {_s(spk.get('anonymity_reason'))}"
        self.add("speaker", row.get("speaker_start"), row.get("speaker_end"), title, "speaker", cid,
                 f"claim {cid} speaker")

    def cue(self, row: dict[str, Any], cid: int) -> None:
        title = f"Cue of claim {cid + 1}: {_s(row.get('cue_text'))}"
        if _s(row.get("cue_stance")):
            title += f" (a {_s(row.get('cue_stance'))} verb)"
        self.add("cue", row.get("cue_start"), row.get("cue_end"), title, "cue", cid, f"claim {cid} cue")

    def claim_hedges(self, row: dict[str, Any], cid: int, sentence: tuple[int, int]) -> None:
        """Hedges of a claim found in its sentence: for tables whose hedge markers carry no offsets."""
        s0, e0 = sentence
        for hedge in map(str, _list(row.get("hedges"))):
            hit = re.search(re.escape(hedge), self.text[s0:e0], flags=re.IGNORECASE) if hedge else None
            if hit is None:
                self.problems.append(f"claim {cid}: hedge {hedge!r} not found in its sentence; not marked")
                continue
            self.add(_HEDGE, s0 + hit.start(), s0 + hit.end(), f"Hedge of claim {cid + 1}: {hedge}", _HEDGE, cid,
                     f"claim {cid} hedge")

    def marker(self, row: dict[str, Any]) -> None:
        kind = _s(row.get("kind"))
        if kind not in self.show or kind not in _MARKER_KINDS:
            return
        mcid = _int(row.get("claim_id"))
        where = "inside the quoted claim" if row.get("inside_content") else "in the reporter's own words"
        title = f"{kind.replace('_', ' ').capitalize()}: {_s(row.get('text'))} ({where}"
        title += f", claim {mcid + 1})" if mcid is not None else ")"
        self.add(kind, row.get("start"), row.get("end"), title, _LABELS[kind], mcid, f"{kind} marker")


def _collect(
    analysis: Analysis, article_id: str, text: str, show: tuple[str, ...], anchor_prefix: str
) -> tuple[list[Mark], list[str]]:
    found = _Collector(text, show, anchor_prefix)
    speakers = _speaker_rows(analysis, article_id)
    sentences = analysis.sentences[analysis.sentences["article_id"] == article_id]
    sent_span = {int(r.sentence_id): (int(r.start), int(r.end)) for r in sentences.itertuples()}
    markers = analysis.markers[analysis.markers["article_id"] == article_id]
    has_hedge_markers = bool((markers["kind"] == _HEDGE).any())
    for row in analysis.claims[analysis.claims["article_id"] == article_id].to_dict("records"):
        cid = int(row["claim_id"])
        sid = _int(row.get("speaker_id"))
        spk = speakers.get(sid) if sid is not None else None
        if "content" in show:
            found.content(row, cid, _claim_title(row, spk))
        if "speaker" in show:
            found.speaker(row, cid, spk)
        if "cue" in show:
            found.cue(row, cid)
        if _HEDGE in show and not has_hedge_markers:
            found.claim_hedges(row, cid, sent_span.get(int(row["sentence_id"]), (0, len(text))))
    for row in markers.to_dict("records"):
        found.marker(row)
    return _merge(found.marks), found.problems


def _merge(marks: list[Mark]) -> list[Mark]:
    """Merge marks of the same kind over the same span (e.g. one hedge shared by two claims)."""
    out: dict[tuple[str, int, int], Mark] = {}
    for m in marks:
        key = (m.kind, m.start, m.end)
        if key in out:
            old = out[key]
            if m.title not in old.title:
                out[key] = Mark(m.kind, m.start, m.end, old.title + "\n" + m.title,
                                " / ".join(x for x in (old.label, m.label) if x) if m.kind == "content" else old.label,
                                old.claim_id, old.anchor or m.anchor)
        else:
            out[key] = m
    return sorted(out.values(), key=lambda m: (SPAN_TYPES.index(m.kind), m.start, -m.end))


# ---------------------------------------------------------------- rendering


def _segment(text: str, a: int, b: int, active: list[Mark], anchors_done: set[str]) -> str:
    inner = f'<span class="nc-t" data-s="{a}" data-e="{b}">{escape(text[a:b])}</span>'
    for m in reversed(active):  # innermost first
        label = f'<span class="nc-l nc-l-{m.kind}">{escape(m.label)}</span>' if m.label and m.end == b else ""
        attrs = f' title="{escape(m.title)}"'
        if m.claim_id is not None:
            attrs += f' data-claim="{m.claim_id}"'
        if m.anchor and m.start == a and m.anchor not in anchors_done:
            anchors_done.add(m.anchor)
            attrs += f' id="{escape(m.anchor)}"'
        inner = f'<mark class="nc-m nc-{m.kind}"{attrs}>{inner}{label}</mark>'
    return inner


def _render_lines(text: str, marks: list[Mark], roles: dict[int, str]) -> list[str]:
    bounds = sorted({p for m in marks for p in (m.start, m.end)})
    anchors_done: set[str] = set()
    out = []
    for line in split_lines(text):
        role = roles.get(line.paragraph_id, line.role)
        cuts = [line.start, *(p for p in bounds if line.start < p < line.end), line.end]
        pieces = []
        for a, b in zip(cuts, cuts[1:], strict=False):
            active = [m for m in marks if m.start <= a and m.end >= b]
            pieces.append(_segment(text, a, b, active, anchors_done))
        badge = f'<span class="nc-role">{escape(role)}</span>' if role in _BADGED_ROLES else ""
        out.append(
            f'<div class="nc-line nc-role-{escape(role)}" data-role="{escape(role)}" '
            f'data-paragraph="{line.paragraph_id}">{badge}{"".join(pieces)}</div>'
        )
    return out


def _legend(show: Iterable[str]) -> str:
    items = "".join(
        f'<span class="nc-k"><mark class="nc-m nc-{k}">{escape(_LABELS.get(k, "claim"))}</mark>'
        f"{escape(LEGEND[k])}</span>"
        for k in SPAN_TYPES
        if k in show
    )
    return f'<div class="nc-legend">{items}</div>'


def highlight(
    analysis: Analysis,
    article_id: str,
    *,
    show: Iterable[str] = DEFAULT_SHOW,
    css: bool = True,
    anchor_prefix: str | None = None,
) -> Highlighted:
    """Return one article as HTML with its claims' speakers, cues, contents and hedges marked.

    ``show`` picks span types from :data:`SPAN_TYPES` (markers "doubt", "loaded" and
    "anonymity_reason" too).  ``css=False`` leaves the style sheet out (see :func:`highlight_css`),
    for pages that include it once.  Each claim's first content piece gets the id
    ``<anchor_prefix>claim-<claim_id>``.  Offsets that do not fit the text are listed in
    ``.problems`` (and on the page), not silently dropped.

    >>> from toolkit.analysis import Analysis
    >>> import pandas as pd
    >>> a = Analysis({"articles": pd.DataFrame({"article_id": ["x"], "text": ["Rain, she said."]}),
    ...               "claims": pd.DataFrame({"article_id": ["x"], "claim_id": [0], "sentence_id": [0],
    ...                   "cue_start": [10], "cue_end": [14], "cue_text": ["said"],
    ...                   "content_text": ["Rain"], "content_start": [0], "content_end": [4]})})
    >>> h = highlight(a, "x", show=("cue",))
    >>> [(m.kind, m.start, m.end) for m in h.marks]
    [('cue', 10, 14)]
    """
    show_t = (show,) if isinstance(show, str) else tuple(show)
    unknown = [k for k in show_t if k not in SPAN_TYPES]
    if unknown:
        raise ValueError(f"highlight: unknown span type(s) {unknown}; choose from {', '.join(SPAN_TYPES)}")
    text = analysis.article_text(article_id)  # KeyError naming the id when unknown
    prefix = anchor_prefix if anchor_prefix is not None else "nc-" + re.sub(r"[^A-Za-z0-9_-]+", "-", article_id) + "-"
    marks, problems = _collect(analysis, article_id, text, show_t, prefix)
    sents = analysis.sentences[analysis.sentences["article_id"] == article_id]
    roles = {int(p): str(r) for p, r in zip(sents["paragraph_id"], sents["role"], strict=True)}
    art = analysis.articles[analysis.articles["article_id"] == article_id].iloc[0]
    meta = " · ".join(
        escape(_s(art.get(k)))
        for k in ("article_id", "outlet", "section", "byline", "source")
        if _s(art.get(k))
    )
    if not pd.isna(art.get("published")):
        meta += f" · {escape(str(pd.Timestamp(art['published']).date()))}"
    lines = split_lines(text)
    first_line = text[lines[0].start : lines[0].end] if lines else ""
    title = _s(art.get("title"))
    parts = [f"<style>{highlight_css()}</style>"] if css else []
    parts.append(f'<div class="nc-doc" data-article="{escape(article_id)}">')
    parts.append(f'<div class="nc-meta">{meta}</div>')
    if title and title.strip() != first_line.strip():
        parts.append(f'<div class="nc-title">{escape(title)}</div>')
    parts.append(_legend(show_t))
    parts.extend(_render_lines(text, marks, roles))
    if problems:
        items = "".join(f"<li>{escape(p)}</li>" for p in problems)
        parts.append(f'<ul class="nc-problems">{items}</ul>')
    parts.append("</div>")
    return Highlighted(article_id, "\n".join(parts), tuple(marks), tuple(problems))
