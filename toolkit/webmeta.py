"""The names a news page gives itself, cleaned: headline, byline people, outlet.

Pure string rules, fed by what the page says about itself (its site names, domain, authors);
:mod:`toolkit.webpage` gathers those from the HTML and calls these.
"""

from __future__ import annotations

import re
from functools import cache

from .lexicons import load_terms

__all__ = ["clean_byline", "clean_outlet", "clean_title", "fold"]

# Title separators: a spaced bar, dash or bullet. A colon is not one: "Coronavirus: New York
# ramps up …" is a kicker that belongs to the headline.
_TITLE_SEP = re.compile(r"\s+[|\-–—·•»/]\s+|\s*\|\s*")
# A suffix is never stripped below this many words of headline (a short headline with a dash,
# "Brexit - what now", keeps its second half unless it names the site).
MIN_TITLE_WORDS = 3
_DATE_RE = re.compile(
    r"^(?:\d{1,4}[./-]\d{1,2}[./-]\d{1,4}|(?:\d{1,2} )?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
    r"(?: \d{1,2},?)?(?: \d{4})?|\d{4})$",
    re.IGNORECASE,
)


def fold(text: str) -> str:
    """Case-, space- and punctuation-folded text, for comparing lines with page elements."""
    return " ".join(re.findall(r"[^\W_]+", text.casefold()))


def _domain_labels(domain: str) -> set[str]:
    return {lab for lab in domain.split(".") if len(lab) > 1 and lab not in ("com", "co", "org", "net", "www")}


def _is_suffix(segment: str, *, site_names: tuple[str, ...], domain: str, authors: tuple[str, ...]) -> bool:
    seg = fold(segment)
    if not seg:
        return True
    names = {fold(s) for s in (*site_names, *authors) if fold(s)}
    squashed = seg.replace(" ", "")
    if any(seg == n or n in seg or (len(seg) > 3 and seg in n) for n in names):
        return True
    if any(lab == squashed or re.search(rf"\b{re.escape(lab)}\b", seg) for lab in _domain_labels(domain)):
        return True
    return bool(_DATE_RE.match(segment.strip())) or all(w in load_terms("webpage_title_sections") for w in seg.split())


def clean_title(title: str, *, site_names: tuple[str, ...] = (), domain: str = "", authors: tuple[str, ...] = ()) -> str:
    """Strip the site-name / section / date / author suffix (or prefix) from a page title.

    >>> clean_title("Floods hit the north | DW | 19.01.2020", site_names=("DW",))
    'Floods hit the north'
    >>> clean_title("Coronavirus: New York ramps up testing - Trinidad and Tobago Newsday", domain="newsday.co.tt")
    'Coronavirus: New York ramps up testing'
    """
    parts = _TITLE_SEP.split(title.strip())

    def suffix(segment: str) -> bool:
        return _is_suffix(segment, site_names=site_names, domain=domain, authors=authors)

    while len(parts) > 1 and suffix(parts[-1]) and len(" ".join(parts[:-1]).split()) >= MIN_TITLE_WORDS:
        parts.pop()
    while len(parts) > 1 and suffix(parts[0]) and len(" ".join(parts[1:]).split()) >= MIN_TITLE_WORDS:
        parts.pop(0)
    # Rejoin what is left with the separators it had ("Biden - Trump debate" stays whole).
    kept = " ".join(parts)
    start = title.find(parts[0])
    end = title.rfind(parts[-1]) + len(parts[-1])
    return title[start:end].strip() if start >= 0 and end > start else kept


@cache
def _byline_rejects() -> frozenset[str]:
    return frozenset(load_terms("webpage_byline_rejects")) | frozenset(load_terms("literacy_news_agencies"))


_NAME_WORD = re.compile(r"^(?:[A-Z][a-zà-ÿ'’]*\.?|[A-Z]\.|(?:Mc|Mac|O['’]|D['’])[A-Z][a-zà-ÿ'’]+|[A-Z][a-zà-ÿ'’]+-[A-Z][a-zà-ÿ'’]+)$")
# Lower-case name particles ("Alejandro de la Garza", "Ludwig van Beethoven").
_PARTICLES = frozenset(("de", "la", "le", "van", "von", "der", "den", "du", "da", "del", "dos", "bin", "al", "el", "ibn", "ter"))


def _person(name: str, *, not_names: frozenset[str]) -> str | None:
    name = re.sub(r"^\s*(?:by|written by|words by|reporting by)\s+", "", name.strip(), flags=re.IGNORECASE)
    name = re.split(r"\s*,\s*|\s+(?:for|in|at)\s+", name, maxsplit=1)[0].strip(" .;:|")
    words = [w.title() if w.isupper() and len(w) > 2 else w for w in name.split()]
    # A trailing agency or site name ("… Associated Press", "CBS News February") is cut off.
    for k in range(1, len(words)):
        if fold(" ".join(words[k:])) in not_names:
            words = words[:k]
            break
    while words and words[-1].casefold().strip(".") in not_names:
        words.pop()
    if not 2 <= len(words) <= 5 or fold(" ".join(words)) in not_names:
        return None
    if any(w.casefold().strip(".") in not_names for w in words):
        return None
    if not all(_NAME_WORD.match(w) or w.casefold() in _PARTICLES for w in words):
        return None
    return " ".join(words)


def clean_byline(raw: str | None, *, not_names: tuple[str, ...] = ()) -> str | None:
    """Keep the people's names of a byline (``"; "``-joined), or None when there are none.

    >>> clean_byline("LISA MASCARO; ERIC TUCKER Associated Press")
    'Lisa Mascaro; Eric Tucker'
    >>> clean_byline("Account You're logged") is None
    True
    """
    if not raw:
        return None
    rejects = _byline_rejects() | {w for n in not_names for w in fold(n).split()} | {fold(n) for n in not_names}
    parts = re.split(r"\s*(?:;|\||&|\band\b|,\s*(?=[A-Z][a-z]+\s+[A-Z]))\s*", raw)
    names = [p for p in (_person(part, not_names=rejects) for part in parts if part.strip()) if p]
    return "; ".join(dict.fromkeys(names)) or None


def clean_outlet(names: tuple[str, ...], *, domain: str = "") -> str | None:
    """Name the publication as a reader writes it, from the page's own site names.

    The first segment of a "Name | Tagline | Section" site name is the name; a name that is only
    a hosting subdomain ("Hosted" on hosted.ap.org) or the bare lower-case domain is passed over.

    >>> clean_outlet(("The Tico Times | Costa Rica News | Travel | Real Estate",))
    'The Tico Times'
    >>> clean_outlet(("Hosted",), domain="hosted.ap.org")
    'AP'
    """
    labels = domain.split(".")
    sub = set(labels[:-2]) - {"www", "en", "m"} if len(labels) > 2 else set()
    for name in names:
        first = _TITLE_SEP.split(name.strip())[0].strip()
        low = first.casefold().replace(" ", "")
        if not first or low in sub or (first.islower() and low in _domain_labels(domain)):
            continue
        return first
    agencies = {a.casefold(): a for a in load_terms("literacy_news_agencies")}
    owner = labels[-2] if len(labels) >= 2 else ""
    return owner.upper() if owner in agencies else (names[0] if names else None)
