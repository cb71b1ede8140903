"""A saved or fetched news web page -> one clean article (title, body, outlet, byline, date).

trafilatura does the extraction, used as intended: precision-oriented (``favor_precision``),
without comments, with its metadata (title, sitename, author, date) and ``htmldate`` for a date
it misses.  The rules here fix what it leaves, each one using what the page itself says (its site
name, headlines, captions, links), never a list of outlets:

- the title loses a site-name / section / date / author suffix ("… | DW | 19.01.2020");
- a first body line that repeats a headline goes, and so do lines that are captions or credits,
  headlines of other articles (whole-link lines, "Label: headline" teasers), leading promo
  bullets, the furniture lines of ``data/webpage_boilerplate.tsv`` and the teaser block after a
  "More from …" label; a sentence of the article is never dropped (patterns match whole lines);
- a drop cap trafilatura lost ("urkey, Poland" for "Turkey, Poland") is put back from the HTML,
  and so is a dateline lead paragraph that sat in a container of its own;
- table rows are data and go, except prose cells of old table layouts;
- bylines are people's names only (none rather than a wrong one); the outlet is the
  publication's name as a reader writes it (the string rules live in :mod:`toolkit.webmeta`).

Wire datelines ("SAN FRANCISCO (AP) — …") and closing wire credits ("© Thomson Reuters 2020")
are body text and stay: the wire-credit check reads them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from urllib.parse import urlparse

from lxml import html as lxml_html

from .lexicons import load_table
from .types import WebPage
from .webmeta import clean_byline, clean_outlet, clean_title, fold

__all__ = ["extract_article"]

_ARTICLE_TYPES = ("Article", "NewsArticle", "ReportageNewsArticle", "AnalysisNewsArticle",
                  "LiveBlogPosting", "BlogPosting", "OpinionNewsArticle", "Report")
# Containers whose names mark them as not the article (sidebars, widgets, comments): a name
# found only inside them is not the byline.  After Readability.js's unlikelyCandidates.
_OFF_ARTICLE = re.compile(
    r"comment|related|sidebar|widget|module|promo|popular|trending|recommend|dont.?miss|teaser|"
    r"outbrain|taboola|newsletter|footer|\bnav|menu|social|share|sponsor|blogger|community",
    re.IGNORECASE,
)
_BYLINE_ATTR = re.compile(r"byline|author|writer|contributor|creator|sig-line", re.IGNORECASE)
_CAPTION_ATTR = re.compile(r"caption|credit|photo-?desc|image-?desc|media-?desc", re.IGNORECASE)
# Captions/credits longer than this are containers (a whole gallery), not one caption.
MAX_CAPTION_CHARS = 800
# A "Label: headline" teaser has a headline after its label, not a lone "The letter warned:".
MIN_TEASER_WORDS = 3
# Characters of a line compared with the text after a one-letter element to find its drop cap.
DROP_CAP_CONTEXT = 30
# Share of capitalised words in a long unpunctuated line above which it is a run of menu labels
# ("Home News Sports Weather Share Tweet …"); prose, even headline-case, has its small words.
MIN_MENU_CAPITALS = 0.6
# Alt texts this short ("photo", "Jane Doe") could equal a body line by chance.
MIN_ALT_WORDS = 5
# A teaser headline or promo line is short; a longer line is treated as article text.
MAX_TEASER_WORDS = 40
_BULLET = re.compile(r"^\s*(?:[-•*–]\s+)")
_END_PUNCT = ('.', '."', ".”", ".'", ".’", '!', '!"', "!”", ')', '.")')


@dataclass(frozen=True)
class _Facts:
    """What the page says about itself, gathered once from its HTML."""

    domain: str
    site_names: tuple[str, ...]
    headlines: frozenset[str]
    subheads: frozenset[str]
    authors: tuple[str, ...]
    date: str | None
    publisher: str | None
    captions: tuple[str, ...]
    link_texts: frozenset[str]
    teasers: frozenset[str]
    byline_text: tuple[str, ...]
    by_lines: tuple[str, ...]
    leads: tuple[str, ...]
    drop_caps: tuple[tuple[str, str], ...]


def _jsonld_articles(tree: lxml_html.HtmlElement) -> Iterator[dict]:
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text_content() or "null")
        except ValueError:
            continue
        stack = data if isinstance(data, list) else [data]
        while stack:
            obj = stack.pop(0)
            if not isinstance(obj, dict):
                continue
            stack.extend(obj.get("@graph") or [])
            kind = obj.get("@type")
            kinds = kind if isinstance(kind, list) else [kind]
            if any(k in _ARTICLE_TYPES for k in kinds if isinstance(k, str)):
                yield obj


def _person_names(author: object) -> list[str]:
    items = author if isinstance(author, list) else [author]
    return [
        it["name"].strip()
        for it in items
        if isinstance(it, dict) and it.get("@type") in ("Person", None) and isinstance(it.get("name"), str)
    ]


def _meta(tree: lxml_html.HtmlElement, *names: str) -> list[str]:
    out = []
    for name in names:
        out += tree.xpath(f'//meta[@property="{name}" or @name="{name}"]/@content')
    return [v.strip() for v in out if v and v.strip()]


def _off_article(el: lxml_html.HtmlElement) -> bool:
    for anc in el.iterancestors():
        if anc.tag in ("body", "html"):  # their classes describe the page ("one-sidebar"), not a box
            break
        if _OFF_ARTICLE.search(f"{anc.get('class', '')} {anc.get('id', '')}"):
            return True
    return False


_BY_RE = re.compile(r"^\s*By\s+[A-Z]")
# A "By …" line longer than this is a sentence ("By Monday, the river had risen …"), not a byline.
MAX_BYLINE_WORDS = 12


# A wire or place dateline opening a lead: "SAN FRANCISCO (AP) — ", "SEOUL, Aug. 20 (Yonhap) -- ".
_DATELINE_RE = re.compile(
    r"^(?:[A-Z][A-Z.'’ ,-]{2,40}(?:\([A-Za-z. ]{2,20}\))?|[A-Z][\w.'’ ,-]{2,40}\([A-Z][A-Za-z. ]{1,20}\))\s*(?:—|–|--|-)\s+\S"
)
# Old layouts put the article in table cells; a cell this long that ends a sentence is prose, the
# rest of a table (names, figures, e-mail addresses) is data that no sentence analysis can use.
MIN_PROSE_CELL_WORDS = 8
# A lead paragraph is a full sentence or more; a shorter dateline text is a teaser or a slug.
MIN_LEAD_WORDS = 12


def _before_body(tree: lxml_html.HtmlElement, first_line: str) -> tuple[list[str], list[str]]:
    """Read what sits between the page's h1 and its first body paragraph.

    Returns ``("By NAME" lines, dateline lead paragraphs)``: bylines sit there, and so does a
    lead that a layout puts in its own container, where the extractor can lose it.
    """
    start = " ".join(first_line.split())[:40]
    by_lines: list[str] = []
    leads: list[str] = []
    seen_h1 = not tree.xpath("//h1")
    for el in tree.iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag == "h1":
            seen_h1, by_lines, leads = True, [], []
        # Only paragraphs and elements whose own text opens with "By" are read in full, so the
        # walk stays linear on large pages.
        if el.tag != "p" and not (el.text or "").lstrip().startswith("By"):
            continue
        text = " ".join((el.text_content() or "").split())
        if start and el.tag == "p" and text.startswith(start):
            return by_lines, leads
        if seen_h1 and _BY_RE.match(text) and len(text.split()) <= MAX_BYLINE_WORDS:
            by_lines.append(text)
        elif (seen_h1 and el.tag == "p" and _DATELINE_RE.match(text) and len(text.split()) >= MIN_LEAD_WORDS
              and text.endswith(_END_PUNCT) and not _off_article(el)):
            leads.append(text)
    return [], []


def _drop_caps(tree: lxml_html.HtmlElement) -> Iterator[tuple[str, str]]:
    """(letter, text after it) for each element holding one capital letter: a drop cap."""
    for el in tree.iter():
        # An element with several children holds more than one letter; skipping it keeps this linear.
        if not isinstance(el.tag, str) or len(el) > 1 or el.tag in ("body", "html"):
            continue
        letter = el.text_content().strip()
        if len(letter) != 1 or not letter.isupper():
            continue
        nxt = el.getnext()
        after = (el.tail or "") + (nxt.text_content() if nxt is not None and not (el.tail or "").strip() else "")
        yield letter, " ".join(after.split())[:DROP_CAP_CONTEXT * 2]


def _page_facts(tree: lxml_html.HtmlElement, *, url: str | None, sitename: str | None, first_line: str) -> _Facts:
    page_url = url or next(iter(_meta(tree, "og:url")), "") or next(iter(tree.xpath("//link[@rel='canonical']/@href")), "")
    host = urlparse(page_url).hostname or ""
    articles = list(_jsonld_articles(tree))
    authors = [n for obj in articles for n in _person_names(obj.get("author"))]
    dates = [str(obj.get("datePublished"))[:10] for obj in articles if obj.get("datePublished")]
    pubs = [obj["publisher"].get("name") for obj in articles if isinstance(obj.get("publisher"), dict)]
    heads = [str(obj.get("headline")) for obj in articles if obj.get("headline")]
    heads += _meta(tree, "og:title", "twitter:title") + tree.xpath("//title/text()")
    heads += [h.text_content() for h in tree.xpath("//h1")[:4]]
    subheads = [h.text_content() for h in tree.xpath("//h2")[:4]]
    for bad in tree.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    captions = [
        fold(el.text_content())
        for el in tree.xpath("//figcaption|//*[@class or @itemprop]")
        if (el.tag == "figcaption" or _CAPTION_ATTR.search(f"{el.get('class', '')} {el.get('itemprop', '')}"))
        and 0 < len(el.text_content()) <= MAX_CAPTION_CHARS
    ]
    # A list right after a figure is its caption list (the Guardian's inline captions).
    captions += [fold(li.text_content()) for li in tree.xpath("//figure/following-sibling::*[1][self::ul]/li")]
    # An image's alt text repeated as a line is its caption (the Guardian prints it under it).
    captions += [fold(alt) for alt in tree.xpath("//img/@alt") if len(alt.split()) >= MIN_ALT_WORDS]
    links = frozenset(fold(a.text_content()) for a in tree.xpath("//a") if len(a.text_content().split()) >= 3)
    teasers = frozenset(
        fold(p.text_content())
        for p in tree.xpath("//p[strong or b]")
        if len(p) and p[0].tag in ("strong", "b") and (p[0].text_content() or "").strip().endswith(":")
        and not (p.text or "").strip() and not p.text_content().rstrip().endswith(_END_PUNCT)
        and len(p.text_content().split()) - len(p[0].text_content().split()) >= MIN_TEASER_WORDS
    )
    bylines = tuple(
        m for m in _meta(tree, "author", "article:author", "dc.creator", "parsely-author") if "/" not in m
    ) + tuple(
        el.text_content().strip()
        for el in tree.xpath("//*[@class or @id or @rel or @itemprop]")
        if _BYLINE_ATTR.search(" ".join(el.get(a, "") for a in ("class", "id", "rel", "itemprop")))
        and len(el.text_content()) < 200 and not _off_article(el)
    )
    by_lines, leads = _before_body(tree, first_line)
    sites = [*_meta(tree, "og:site_name", "application-name"), *(p for p in pubs if p), sitename or ""]
    return _Facts(
        domain=host.removeprefix("www."),
        site_names=tuple(s for s in dict.fromkeys(sites) if s),
        headlines=frozenset(fold(h) for h in heads if fold(h)),
        subheads=frozenset(fold(h) for h in subheads if fold(h)),
        authors=tuple(authors),
        date=next((d for d in dates if re.match(r"(19[89]\d|20\d\d)-\d\d-\d\d$", d)), None),
        publisher=next((p for p in pubs if p), None),
        captions=tuple(c for c in captions if c),
        link_texts=links,
        teasers=teasers,
        byline_text=bylines,
        by_lines=tuple(by_lines),
        leads=tuple(leads),
        drop_caps=tuple(_drop_caps(tree)),
    )



def _keep_drop_cap(line: str, facts: _Facts) -> str:
    """Put back a first letter that trafilatura lost from a drop-cap element ("urkey" -> "Turkey")."""
    start = " ".join(line.split())[:DROP_CAP_CONTEXT]
    if not line[:1].islower():
        return line
    for letter, after in facts.drop_caps:
        if after.startswith(start):
            return letter + line
    return line


# A line rule: (line, normalised line, facts) -> True when the line is not article text.
LineRule = Callable[[str, str, _Facts], bool]


@cache
def _patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple(
        (re.compile(row["pattern"], re.IGNORECASE), row["kind"]) for row in load_table("webpage_boilerplate")
    )


def _furniture_kind(line: str) -> str | None:
    bare = _BULLET.sub("", line).strip()
    for pattern, kind in _patterns():
        if pattern.fullmatch(bare):
            return kind
    return None


def _is_furniture(line: str, norm: str, facts: _Facts) -> bool:
    return len(norm.split()) <= MAX_TEASER_WORDS and _furniture_kind(line) is not None


def _is_caption(line: str, norm: str, facts: _Facts) -> bool:
    return len(norm.split()) >= 2 and any(norm in cap for cap in facts.captions)


def _is_other_article(line: str, norm: str, facts: _Facts) -> bool:
    """Tell a whole-link line or a "Label: headline" teaser: the headline of another article."""
    if line.rstrip().endswith(_END_PUNCT) or len(norm.split()) > MAX_TEASER_WORDS:
        return False
    bare = fold(_BULLET.sub("", line))
    tail = fold(line.split(":", 1)[1]) if ":" in line[:60] else ""
    return bare in facts.link_texts or bool(tail and tail in facts.link_texts) or bare in facts.teasers


def _is_menu_run(line: str, norm: str, facts: _Facts) -> bool:
    """Tell a run of menu, share and section labels glued into one long line (a paywall page)."""
    words = line.split()
    if len(words) < MAX_TEASER_WORDS or line.rstrip().endswith(_END_PUNCT) or re.search(r"[.!?][\"”’']?\s+[A-Z]", line):
        return False
    return sum(w[:1].isupper() for w in words) / len(words) >= MIN_MENU_CAPITALS


LINE_RULES: tuple[LineRule, ...] = (_is_furniture, _is_caption, _is_other_article, _is_menu_run)


def _clean_lines(lines: list[str], title: str, facts: _Facts) -> list[str]:
    heads = facts.headlines | {fold(title)}
    out: list[str] = []
    in_end_block = False
    for line in lines:
        norm = fold(line)
        if _furniture_kind(line) == "end" and len(norm.split()) <= MAX_TEASER_WORDS:
            in_end_block = True
            continue
        # The page's headline again, (before the body starts) its subheadline, or a drop-cap letter
        # left on a line of its own.
        if len(norm) < 2 or norm in heads or (not out and norm in facts.subheads):
            continue
        # After a "More from …" label, teasers (list items, unpunctuated lines) belong to it.
        if in_end_block and (_BULLET.match(line) or not line.rstrip().endswith(_END_PUNCT)):
            continue
        in_end_block = False
        if any(rule(line, norm, facts) for rule in LINE_RULES):
            continue
        # Promo bullets before the first paragraph summarise the page, they are not its text.
        if not out and _BULLET.match(line):
            continue
        out.append(_keep_drop_cap(line, facts))
    # A dateline lead the extractor lost (it sat in its own container) opens the body again.
    have = " ".join(fold(ln) for ln in out)
    lost = [lead for lead in facts.leads if fold(lead) not in have]
    if lost and not (out and _DATELINE_RE.match(out[0])):
        out.insert(0, lost[0])
    return out


def _untable(line: str) -> str | None:
    """Keep the prose cells of a table row as trafilatura writes it ("| a | b |"); drop data rows.

    >>> _untable("| Aberconwy | Jane Roe | jane.roe@example.org |") is None
    True
    """
    if not line.lstrip().startswith("|"):
        return line
    cells = [c.strip() for c in line.strip().strip("|").split("|")]
    prose = [c for c in cells if len(c.split()) >= MIN_PROSE_CELL_WORDS and c.endswith(_END_PUNCT)]
    return " ".join(prose) or None


def extract_article(html: str, *, url: str | None = None) -> WebPage | None:
    """Extract the article of a news page; None when the page holds no article text.

    >>> page = extract_article("<html><head><title>Dam bursts in the valley | Valley Post</title>"
    ...     "<meta property='og:site_name' content='Valley Post'></head><body><article>"
    ...     "<h1>Dam bursts in the valley</h1><p>A dam burst on Monday, flooding three villages "
    ...     "and forcing hundreds of people from their homes, officials said.</p>"
    ...     "<p>Read more: Storms batter the coast again</p></article></body></html>")
    >>> page.title, page.outlet, page.text.splitlines()[1][:11]
    ('Dam bursts in the valley', 'Valley Post', 'A dam burst')
    """
    import htmldate
    import trafilatura
    from trafilatura.deduplication import LRUCache

    # A fresh cache per page: trafilatura's default one is process-wide, so the same wire story
    # on a third outlet would lose its paragraphs.
    doc = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, favor_precision=True,
        deduplicate=LRUCache(),
    )
    if doc is None:
        return None
    meta = doc if isinstance(doc, dict) else doc.as_dict()
    body = (meta.get("text") or "").strip()
    if not body:
        return None
    tree = lxml_html.fromstring(html)
    raw_lines = [u for u in map(_untable, body.splitlines()) if u]
    first = next((ln for ln in raw_lines if len(ln.split()) > MAX_BYLINE_WORDS), "")
    facts = _page_facts(tree, url=url or meta.get("url"), sitename=meta.get("sitename"), first_line=first)
    not_names = (*facts.site_names, facts.domain)
    raw_title = (meta.get("title") or "").strip()
    authors = (*facts.authors, *(meta.get("author") or "").split("; "))
    title = clean_title(raw_title, site_names=facts.site_names, domain=facts.domain, authors=authors) or None
    lines = _clean_lines(raw_lines, title or "", facts)
    if not lines:
        return None
    text = "\n".join([title, *lines]) if title else "\n".join(lines)
    return WebPage(
        title=title,
        text=text,
        url=meta.get("url") or url,
        published=facts.date or meta.get("date") or htmldate.find_date(html, original_date=True),
        outlet=clean_outlet(facts.site_names, domain=facts.domain),
        byline=_byline(meta.get("author"), facts, not_names),
    )


def _byline(author: str | None, facts: _Facts, not_names: tuple[str, ...]) -> str | None:
    """Take people's names from structured data, else from trafilatura's author.

    trafilatura's author counts only if the page shows it as a byline (not only in a sidebar or
    comment); failing both, the page's visible byline element or "By …" line is read.
    """
    if facts.authors:
        found = clean_byline("; ".join(facts.authors), not_names=not_names)
        if found:
            return found
    found = clean_byline(author, not_names=not_names)
    if found and all(_shown_as_byline(n, facts) for n in found.split("; ")):
        return found
    for text in (*facts.byline_text, *facts.by_lines):
        found = clean_byline(text, not_names=not_names)
        if found:
            return found
    return None


def _shown_as_byline(name: str, facts: _Facts) -> bool:
    return any(name.casefold() in t.casefold() for t in facts.byline_text)
