"""People-facing HTML of a comparison: the side-by-side articles and the findings.

In the side-by-side view a matched claim carries the same number and colour on every side; a
claim no other side reports is marked in grey with "only here".  Numbers count from 1; every
text piece is HTML-escaped and carries its offsets (``data-s``/``data-e``: ``text[s:e]``).
Tables go through :func:`toolkit.present.table_html` (re-exported here for the notebooks).
"""

from __future__ import annotations

from html import escape
from typing import Any

from ..palette import GREY, OKABE_ITO
from ..present import table_html
from ..structure import split_lines
from .core import Comparison
from .tables import matched_keys

__all__ = ["MATCH_COLORS", "findings_html", "side_by_side", "table_html"]

# Okabe–Ito hues (colour-blind safe) in a fixed cycle; the number on each mark carries the match
# too, so two matches sharing a colour after the cycle wraps stay distinguishable.
MATCH_COLORS: tuple[str, ...] = tuple(OKABE_ITO[k] for k in (
    "blue", "orange", "bluish_green", "reddish_purple", "sky_blue", "vermillion", "yellow"))
_CSS = """
.cmp-grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(18em,1fr));gap:1em;}
.cmp-side{border:1px solid #ccc;border-radius:6px;padding:.5em .9em;background:#fff;color:#1a1a1a;
 font-family:Georgia,serif;line-height:1.8;max-height:42em;overflow:auto}
.cmp-side h4{font:700 1em/1.3 system-ui,sans-serif;margin:.2em 0 .5em}
.cmp-line{margin:.35em 0;white-space:pre-wrap}.cmp-headline{font-weight:700;font-size:1.1em}
mark.cmp-m{color:inherit;background:transparent;border-bottom:3px solid;padding:0 .1em}
mark.cmp-only{border-bottom:3px dotted GREY}
.cmp-n{font:700 .65rem/1 system-ui,sans-serif;color:#fff;border-radius:.6em;padding:.1em .4em;margin-right:.2em;
 vertical-align:middle}
.cmp-only .cmp-n{color:#1a1a1a;background:#eee;border:1px solid GREY}
.cmp-legend{font:.85em/1.5 system-ui,sans-serif;color:#333;margin:.3em 0}
.toolkit-findings{font:1em/1.5 system-ui,sans-serif}
"""


def _css() -> str:
    return f"<style>{_CSS.replace('GREY', GREY)}</style>"


def _color(match: int) -> str:
    return MATCH_COLORS[(match - 1) % len(MATCH_COLORS)]


def _spans(claim: dict[str, Any]) -> list[tuple[int, int]]:
    spans = claim.get("content_spans")
    pieces = [(int(s), int(e)) for s, e in spans] if spans is not None and len(spans) else []
    return pieces or [(int(claim["content_start"]), int(claim["content_end"]))]


def _article_html(text: str, claims: list[dict[str, Any]], numbers: dict[int, int], label: str) -> str:
    marks = sorted(((s, e, c) for c in claims for s, e in _spans(c) if 0 <= s < e <= len(text)),
                   key=lambda m: (m[0], -m[1]))
    lines = []
    for line in split_lines(text):
        cuts = sorted({line.start, line.end, *(p for s, e, _ in marks for p in (s, e) if line.start < p < line.end)})
        parts = []
        for a, b in zip(cuts, cuts[1:], strict=False):
            piece = f'<span data-s="{a}" data-e="{b}">{escape(text[a:b])}</span>'
            cover = [m for m in marks if m[0] <= a and m[1] >= b]
            if cover:
                s, _e, claim = cover[-1]  # the innermost claim wins where contents nest
                cid = int(claim["claim_id"])
                n = numbers.get(cid)
                badge = ""
                if s == a and s == _spans(claim)[0][0]:  # one badge per claim, at its first piece
                    badge = (f'<span class="cmp-n" style="background:{_color(n)}">{n}</span>' if n
                             else '<span class="cmp-n">only here</span>')
                style = f' style="border-color:{_color(n)}"' if n else ""
                cls = "cmp-m" if n else "cmp-m cmp-only"
                title = f"{'Match ' + str(n) if n else 'Only in ' + label}: claim {cid + 1}, {claim['speaker']}"
                piece = (f'<mark class="{cls}"{style} data-claim="{cid}" data-match="{n or ""}" '
                         f'title="{escape(title)}">{badge}{piece}</mark>')
            parts.append(piece)
        cls = "cmp-line cmp-headline" if line.paragraph_id == 0 else "cmp-line"
        lines.append(f'<div class="{cls}">{"".join(parts)}</div>')
    return "\n".join(lines)


def side_by_side(comparison: Comparison) -> str:
    """HTML of every side's articles next to each other, matched claims numbered and coloured alike.

    >>> import toolkit
    >>> a = toolkit.analyze(["Rain\\nOfficials said it will rain in Rome.", "Storm\\nThe mayor said it will rain in Rome."],
    ...                     progress=False)
    >>> html = side_by_side(toolkit.compare(a, list(a.articles["article_id"]), labels=["A", "B"]))
    >>> html.count('data-match="1"')
    2
    """
    numbers = matched_keys(comparison.matches)
    columns = []
    for label, ids in comparison.sides.items():
        body = []
        for aid in ids:
            claims = comparison.claims[comparison.claims["article_id"] == aid].to_dict("records")
            mine = {int(c["claim_id"]): numbers[(aid, int(c["claim_id"]))] for c in claims
                    if (aid, int(c["claim_id"])) in numbers}
            body.append(_article_html(comparison.analysis.article_text(aid), claims, mine, label))
        columns.append(f'<div class="cmp-side" data-side="{escape(label)}"><h4>{escape(label)}</h4>'
                       + "<hr>".join(body) + "</div>")
    legend = ('<div class="cmp-legend">The same number and colour on both sides: the same claim. '
              '<mark class="cmp-m cmp-only"><span class="cmp-n">only here</span></mark> no other side reports it.</div>')
    return f'{_css()}<div class="toolkit-compare-view">{legend}<div class="cmp-grid">{"".join(columns)}</div></div>'


def findings_html(comparison: Comparison) -> str:
    """Return the findings as an HTML list.

    >>> import toolkit
    >>> a = toolkit.analyze(["A\\nHe said it rained.", "B\\nShe said it snowed."], progress=False)
    >>> "<li>" in findings_html(toolkit.compare(a, list(a.articles["article_id"])))
    True
    """
    items = "".join(f"<li>{escape(f)}</li>" for f in comparison.findings)
    return f'{_css()}<ul class="toolkit-findings">{items}</ul>'
