"""Wire credits anywhere in the text: a story is credited to an agency wherever the credit sits.

Forms (the agency names come from ``literacy_news_agencies.txt``):

* a parenthesised credit: a dateline "SEOUL, Aug. 20 (Yonhap) --", "(AP)", "(With inputs from PTI)";
* a copyright line: "© Thomson Reuters 2020", "Copyright 2020 The Associated Press";
* a dash credit ending or opening a line: "— Reuters", "AFP -";
* a contribution line: "Reuters contributed to this report", "Reporting by …; Editing by …";
* any line the structure step marks as a credit or byline.

An agency named in running prose ("sources told Reuters") is a source of a claim, not a credit.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..types import Role, Sentence
from .lexicon import agency_regex, unnamed_credit_regex

__all__ = ["wire_credits"]

_CREDIT_ROLES: tuple[Role, ...] = ("credit", "byline")
_PAREN_RE = re.compile(r"\(([^()\n]{1,60})\)")
_COPYRIGHT_RE = re.compile(r"(?:©|\(c\)|\bcopyright\b)[^\n]{0,60}", re.I)
# A dash and a short capitalised name closing a line: "... said. — Reuters".
_DASH_RE = re.compile(r"(?:^|(?<=[\s.]))[—–-]{1,2}[ \t]*([A-Z][\w .&/-]{0,40}?)[ \t]*(?=\n|$)")
# Words a parenthesised credit may hold besides agency names: "(With inputs from PTI)",
# "(AP Photo/File)"; anything else ("Pennsylvania (PA) lawmakers" aside) is prose.
_CREDIT_WORDS = frozenset(
    {"with", "inputs", "input", "from", "and", "agency", "agencies", "photo", "photos", "file", "staff",
     "reporting", "wire", "wires", "by", "contributed", "report", "reports"}
)
# The credit's key words; the line around them is cut out afterwards (a regex with a bounded
# lead-in before the key words tries 80 characters at every position: quadratic-ish on long texts).
_CONTRIB_KEY_RE = re.compile(r"\b(?:contributed\s+(?:to\s+this\s+report|reporting)|reporting\s+by|editing\s+by|writing\s+by)\b", re.I)
# How far a contribution line reaches before and after its key words.
_CONTRIB_BEFORE = 80
_CONTRIB_AFTER = 120


def _contribution_lines(text: str) -> list[str]:
    """Cut out each contribution line ("Reuters contributed to this report", "Reporting by …").

    >>> _contribution_lines("It rained. Jane Doe contributed to this report.\\nMore.")
    [' Jane Doe contributed to this report.']
    """
    out: list[str] = []
    hi = -1
    for m in _CONTRIB_KEY_RE.finditer(text):
        if m.start() < hi:
            continue  # a second key word inside the line already cut ("Reporting by …; Editing by …")
        lo = max(text.rfind("\n", 0, m.start()), text.rfind(".", 0, m.start())) + 1
        lo = max(lo, m.start() - _CONTRIB_BEFORE)
        nl = text.find("\n", m.end())
        hi = min(nl if nl >= 0 else len(text), m.end() + _CONTRIB_AFTER)
        out.append(text[lo:hi])
    return out


def _credit_only(piece: str) -> bool:
    rest = agency_regex().sub(" ", piece)
    return all(w.lower() in _CREDIT_WORDS for w in re.findall(r"[A-Za-z]+", rest))


def _named(piece: str) -> list[str]:
    return [m.group(0) for m in agency_regex().finditer(piece)]


def wire_credits(text: str, sentences: Sequence[Sentence]) -> tuple[list[str], list[str]]:
    """Return the agencies credited anywhere in ``text`` and the credit lines naming none.

    >>> wire_credits("Storm hits\\nThe storm hit.\\n© Thomson Reuters 2020", [])
    (['Reuters'], [])
    >>> wire_credits("SEOUL, Aug. 20 (Yonhap) -- Talks began.", [])[0]
    ['Yonhap']
    >>> wire_credits("Talks began.\\n(With agency inputs)", [])
    ([], ['(With agency inputs)'])
    """
    text = text or ""
    pieces = [m.group(1) for m in _PAREN_RE.finditer(text) if _credit_only(m.group(1))]
    pieces += [m.group(0) for m in _COPYRIGHT_RE.finditer(text)]
    pieces += [m.group(1) for m in _DASH_RE.finditer(text)]
    contrib = _contribution_lines(text)
    lines = [s.text for s in sentences if s.role in _CREDIT_ROLES]
    named = [n for piece in pieces + contrib + lines for n in _named(piece)]
    candidates = lines + [f"({p})" for p in pieces] + contrib
    unnamed = [c.strip() for c in candidates if unnamed_credit_regex().search(c) and not agency_regex().search(c)]
    return list(dict.fromkeys(named)), list(dict.fromkeys(unnamed))
