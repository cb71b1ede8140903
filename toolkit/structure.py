"""Structure stage: the roles of an article's lines and its sentence table.

Plain-text news is a sequence of lines: a headline, perhaps a one-line standfirst, body
paragraphs, short subheads without final punctuation, and credit or byline lines such as
"(With agency inputs)", "(Reuters)" or "By Jane Doe".  Blank lines only separate paragraphs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from .types import Role, Sentence

__all__ = ["Line", "split_lines", "sentences_from_doc"]

_FINAL_PUNCT = tuple('.!?:;"”’\'…)]')
_CREDIT_RE = re.compile(
    r"""^\(\s*(with\s+(?:agency|additional|wire)?\s*inputs?.*|[A-Z][A-Za-z&.\- ]{1,40}|
        (?:additional\s+)?reporting\s+by.*|inputs?\s+from.*)\s*\)\.?$
      |^(?:with\s+inputs?\s+from|(?:additional\s+)?reporting\s+by|editing\s+by|
         compiled\s+by|source\s*:|photo\s*:|image\s*:|copyright|©)\b.*$""",
    re.IGNORECASE | re.VERBOSE,
)
_BYLINE_RE = re.compile(
    r"^(?:written\s+)?by\s+[A-Z][\w'’.\-]+(?:\s+[A-Z][\w'’.\-]+){0,3}"
    r"(?:\s*(?:,|and|&)\s*[A-Z][\w'’.\-]+(?:\s+[A-Z][\w'’.\-]+){0,3})*(?:\s*,\s*[\w .,'’&\-]{0,60})?$",
    re.IGNORECASE,
)


# Longer than any headline a subeditor writes: a first line this long is a pasted paragraph.
MAX_HEADLINE_WORDS = 40
# Credits ("(Reporting by Jane Doe; editing by ...)") and bylines are short lines; a longer line
# matching their patterns is a sentence that happens to start with "By" or "Source:".
MAX_CREDIT_WORDS = 12
MAX_BYLINE_WORDS = 10
# A standfirst is a sentence-long summary; a short second line is more likely a subhead or a kicker.
MIN_STANDFIRST_WORDS = 8
# A subhead is a few words introducing a longer paragraph.
MAX_SUBHEAD_WORDS = 10
_SENTENCE_END_RE = re.compile(r"[.…][\"”’')\]]*\s*$")


@dataclass(frozen=True, slots=True)
class Line:
    """A non-blank line of the article text and its role."""

    paragraph_id: int
    start: int
    end: int
    role: Role


def _line_role(line: str, index: int, n_lines: int, next_line: str | None) -> Role:
    words = line.split()
    if _CREDIT_RE.match(line) and len(words) <= MAX_CREDIT_WORDS:
        return "credit"
    if index > 0 and len(words) <= MAX_BYLINE_WORDS and _BYLINE_RE.match(line):
        return "byline"
    if index == 0:
        # A lone line ending like a sentence, or a first line far longer than any headline, is a
        # pasted paragraph (or a runaway scraped line), not a headline.
        pasted = n_lines == 1 and _SENTENCE_END_RE.search(line)
        return "body" if pasted or len(words) > MAX_HEADLINE_WORDS else "headline"
    ends_open = not line.rstrip().endswith(_FINAL_PUNCT)
    if index == 1 and ends_open and len(words) >= MIN_STANDFIRST_WORDS and n_lines > 2:
        return "standfirst"
    if (
        ends_open
        and len(words) <= MAX_SUBHEAD_WORDS
        and index < n_lines - 1
        and next_line is not None
        and len(next_line.split()) > len(words)
    ):
        return "subhead"
    return "body"


def split_lines(text: str) -> list[Line]:
    """Return the article's non-blank lines with their roles; offsets exclude surrounding spaces.

    >>> [l.role for l in split_lines("Big news\\nIt happened, she said.\\n(Reuters)")]
    ['headline', 'body', 'credit']
    """
    raw: list[tuple[int, int]] = []
    pos = 0
    for piece in text.splitlines(keepends=True):
        body = piece.rstrip("\r\n")
        stripped = body.strip()
        if stripped:
            lead = len(body) - len(body.lstrip())
            raw.append((pos + lead, pos + lead + len(stripped)))
        pos += len(piece)
    lines: list[Line] = []
    for i, (start, end) in enumerate(raw):
        nxt = text[raw[i + 1][0] : raw[i + 1][1]] if i + 1 < len(raw) else None
        lines.append(Line(i, start, end, _line_role(text[start:end], i, len(raw), nxt)))
    return lines


def sentences_from_doc(doc: Doc, article_id: str, *, lines: list[Line] | None = None) -> list[Sentence]:
    """Build the sentence records of a parsed article; sentences never cross a line.

    ``text[start:end]`` of each record is exactly the sentence (leading/trailing spaces trimmed).

    >>> import spacy
    >>> from toolkit.nlp import ensure_pipeline
    >>> nlp = ensure_pipeline(spacy.blank("en"))
    >>> [s.role for s in sentences_from_doc(nlp("Title\\nBody one. Body two."), "a")]
    ['headline', 'body', 'body']
    """
    text = doc.text
    lines = split_lines(text) if lines is None else lines
    groups: list[tuple[int, list[Token]]] = []  # (line index, tokens)
    li = 0
    for sent in doc.sents:
        tokens = [t for t in sent if not t.is_space]
        if not tokens:
            continue
        # A parser sentence may still straddle lines in odd input; cut it at line ends.
        group: list[Token] = []
        for tok in tokens:
            while li < len(lines) and tok.idx >= lines[li].end:
                if group:
                    groups.append((li, group))
                    group = []
                li += 1
            group.append(tok)
        if group:
            groups.append((li, group))
    return [_make(article_id, i, toks, lines, text) for i, (_, toks) in enumerate(_merge_stray_punct(groups))]


def _merge_stray_punct(groups: list[tuple[int, list[Token]]]) -> list[tuple[int, list[Token]]]:
    """Join punctuation-only "sentences" (a lone opening quote the parser split off) to a neighbour.

    They join the next sentence on the same line, else the previous one; a line of nothing but
    punctuation ("* * *") stays a sentence of its own.
    """
    out: list[tuple[int, list[Token]]] = []
    pending: tuple[int, list[Token]] | None = None

    def settle(item: tuple[int, list[Token]]) -> None:
        if out and out[-1][0] == item[0]:
            out[-1] = (item[0], out[-1][1] + item[1])
        else:
            out.append(item)

    for li, toks in groups:
        if pending is not None:
            if pending[0] == li:
                toks = pending[1] + toks
            else:
                settle(pending)
            pending = None
        if all(t.is_punct for t in toks):
            pending = (li, toks)
        else:
            out.append((li, toks))
    if pending is not None:
        settle(pending)
    return out


def _make(article_id: str, sid: int, toks: list, lines: list[Line], text: str) -> Sentence:
    start = toks[0].idx
    end = toks[-1].idx + len(toks[-1].text)
    line = _line_for(start, lines)
    return Sentence(
        article_id=article_id,
        sentence_id=sid,
        paragraph_id=line.paragraph_id if line else 0,
        role=line.role if line else "body",
        start=start,
        end=end,
        text=text[start:end],
        n_tokens=len(toks),
    )


def _line_for(offset: int, lines: list[Line]) -> Line | None:
    lo, hi = 0, len(lines) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        if offset < lines[mid].start:
            hi = mid - 1
        elif offset >= lines[mid].end:
            lo = mid + 1
        else:
            return lines[mid]
    return lines[hi] if 0 <= hi < len(lines) else None
