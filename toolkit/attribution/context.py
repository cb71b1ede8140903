"""The article an extraction works on, and the claim drafts the cue rules build from it."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from ..types import Sentence
from .cues import Cue
from .quotes import Quote, find_quotes
from .spans import CharSpan

__all__ = ["ArticleContext", "Draft", "SentenceCues"]


@dataclass(slots=True)
class Draft:
    """A claim under construction; every span is a character span of the article text.

    Rules work on token ranges of the parse and convert at the end (:func:`.spans.char_span`);
    the repair passes and the records only ever see characters.
    """

    sentence_id: int
    cue: Cue
    speaker: CharSpan | None
    # the antecedent of a relative-pronoun speaker ("officials, who said ...")
    antecedent: CharSpan | None
    spans: list[CharSpan]  # content
    quote_type: str
    stance: str
    agentless: bool = False
    # hedges on the cue side ("has reportedly said")
    hedge_spans: list[CharSpan] = field(default_factory=list)
    # content taken from the clause around a parenthetical cue ("..., they said"): a cue with its
    # own subject inside it is a claim of its own, not a nested one
    loose: bool = False


@dataclass(frozen=True, slots=True)
class SentenceCues:
    """One sentence as the cue rules see it: its id and the head tokens of all its cues."""

    sentence_id: int
    heads: frozenset[int]


class ArticleContext:
    """Per-article state: the doc, its quotes, and lookups by character offset.

    >>> import spacy
    >>> from toolkit.types import Sentence
    >>> doc = spacy.blank("en")('He said "yes".')
    >>> art = ArticleContext(doc, [Sentence("a", 0, 0, "body", 0, 14, doc.text, 4)])
    >>> art.quote_at(10).start, art.sentence_of(3)
    (8, 0)
    """

    def __init__(self, doc: Doc, sentences: list[Sentence]) -> None:
        self.doc = doc
        self.text = doc.text
        self.sentences = sentences
        self.quotes = find_quotes(self.text)
        self.qstarts = [q.start for q in self.quotes]
        self.sstarts = [s.start for s in sentences]
        self.groups: dict[int, list[Quote]] = {}
        for q in self.quotes:
            self.groups.setdefault(q.group, []).append(q)

    def sentence_of(self, char: int) -> int:
        """Return the id of the sentence holding the character offset."""
        k = bisect_right(self.sstarts, char) - 1
        return self.sentences[max(k, 0)].sentence_id if self.sentences else 0

    def span_of(self, s: Sentence) -> Span | None:
        """Return the doc span of a sentence (expanded to whole tokens)."""
        return self.doc.char_span(s.start, s.end, alignment_mode="expand")

    def quote_at(self, char: int) -> Quote | None:
        """Return the quotation strictly around the character offset, if any."""
        k = bisect_right(self.qstarts, char) - 1
        if k >= 0 and self.quotes[k].start < char < self.quotes[k].end:
            return self.quotes[k]
        return None

    def quoted(self, char: int) -> bool:
        """Tell whether the character offset lies inside a quotation."""
        return self.quote_at(char) is not None

    def sentence_bounds(self, char: int) -> CharSpan:
        """Return the character span of the sentence holding the offset."""
        k = max(0, bisect_right(self.sstarts, char) - 1)
        s = self.sentences[k]
        return s.start, s.end

    def opens_sentence(self, q: Quote) -> bool:
        """Tell whether a quotation starts its sentence (not a phrase quoted inside one)."""
        start, _ = self.sentence_bounds(q.start)
        return not self.text[start : q.start].strip()

    def group_spans(self, q: Quote) -> list[CharSpan]:
        """Return the spans of every piece of the quotation ``q`` belongs to (paragraph runs)."""
        return [(p.start, p.end) for p in self.groups.get(q.group, [q])]

    def lines(self) -> Iterator[tuple[Sentence, bool, int]]:
        """Yield ``(sentence, starts_its_line, line_end)``; ``line_end`` skips trailing space."""
        line_start, line_end = -1, -1
        for s in self.sentences:
            if s.start >= line_end:
                line_start = s.start
                nl = self.text.find("\n", s.start)
                line_end = len(self.text) if nl < 0 else nl
                while line_end > line_start and self.text[line_end - 1].isspace():
                    line_end -= 1
            yield s, s.start == line_start, line_end
