"""Claims: pair each reporting cue with its speaker and its content, then build the records.

Constructions (rules over the dependency parse, one pass per sentence; :mod:`.rules`):

* direct quotes next to their attribution: ``“X,” he said``, ``he said: “X”``,
  ``“X,” he said, “Y”`` (two content spans), quotes over several sentences or paragraphs;
* indirect speech: the clausal complement of a reporting verb (``X said (that) ...``), the
  fronted clause of ``..., X said`` / inverted ``..., says US``, objects of denials and
  accusations (``denied asking ...``, ``accused the US of ...``);
* ``according to X, ...`` (the clause it modifies);
* agentless cues: ``reportedly``, ``allegedly``, ``it is said``, ``is said to``;
* headline colons (``Clinton: ...``) and dash attributions (``“...” — Name``).

Then the :mod:`.repair` passes settle words two rules both claimed, and :mod:`.records` merges
the speakers (:mod:`.coref`) and writes the rows.
"""

from __future__ import annotations

from spacy.tokens import Doc

from ..types import Claim, Marker, Sentence, Speaker
from . import cues as C
from .context import ArticleContext, Draft, SentenceCues
from .records import build_records
from .repair import REPAIRS
from .rules import CLAUSE_RULES, HEDGE_RULES, LINE_RULES

__all__ = ["extract_attributions"]


def _hedge_host(art: ArticleContext, cue: C.Cue, verbs: dict[int, Draft], local: list[Draft]) -> Draft | None:
    """Return the claim an agentless cue hedges instead of making its own ("has reportedly said")."""
    if cue.kind == C.ADVERB and art.doc[cue.head].head.i in verbs:
        return verbs[art.doc[cue.head].head.i]
    return None


def _clause_drafts(art: ArticleContext, sent: SentenceCues, found: list[C.Cue]) -> list[Draft]:
    """Run the cue rules of one sentence: clause rules first, then the agentless ones."""
    verbs: dict[int, Draft] = {}  # head token of a reporting verb -> its draft
    local: list[Draft] = []
    for cue in found:
        rule = CLAUSE_RULES.get(cue.kind)
        d = rule(art, sent, cue) if rule is not None else None
        if d is not None:
            local.append(d)
            if cue.kind == C.VERB:
                verbs[cue.head] = d
    for cue in found:
        rule = HEDGE_RULES.get(cue.kind)
        if rule is None:
            continue
        host = _hedge_host(art, cue, verbs, local)
        d = rule(art, sent, cue) if host is None else None
        if host is None and d is not None:
            # an agentless cue inside another agentless claim hedges it ("is said to reportedly")
            host = next((o for o in local if o.agentless and o.spans[0][0] <= cue.start < o.spans[-1][1]), None)
            if host is None:
                local.append(d)
        if host is not None:
            host.hedge_spans.append((cue.start, cue.end))
    return local


def _line_draft(art: ArticleContext, s: Sentence, line_end: int, local: list[Draft]) -> list[Draft]:
    """Add a headline colon or dash credit at the start of a paragraph unless a cue came first."""
    d = next((d for rule in LINE_RULES if (d := rule(art, s, line_end)) is not None), None)
    if d is None:
        return local
    if d.cue.kind == C.COLON and d.spans[-1][1] > s.end:
        # a transcript turn runs to the end of the paragraph: it owns the cues inside it
        local = [o for o in local if o.cue.start > d.spans[-1][1]]
    if not any(o.cue.start < d.cue.start for o in local):
        local.append(d)
    return local


def extract_attributions(
    doc: Doc, sentences: list[Sentence], article_id: str
) -> tuple[list[Claim], list[Speaker], list[Marker]]:
    """Return the claims, speakers and hedge markers of one parsed article.

    >>> from toolkit.nlp import load_model
    >>> from toolkit.structure import sentences_from_doc
    >>> doc = load_model()("Not true, says Russia\\nPutin's spokesman Dmitry Peskov said the reports were false.")
    >>> claims, speakers, _ = extract_attributions(doc, sentences_from_doc(doc, "a"), "a")
    >>> [(c.speaker_text, c.cue_text, c.stance) for c in claims]
    [('Russia', 'says', 'deny'), ("Putin's spokesman Dmitry Peskov", 'said', 'deny')]
    >>> speakers[1].name
    'Dmitry Peskov'
    """
    if not sentences or len(doc) == 0:
        return [], [], []
    art = ArticleContext(doc, sentences)
    drafts: list[Draft] = []
    for s, starts_line, line_end in art.lines():
        span = art.span_of(s)
        if span is None or len(span) == 0:
            continue
        found = C.find_cues(span)
        local = _clause_drafts(art, SentenceCues(s.sentence_id, frozenset(c.head for c in found)), found)
        drafts += _line_draft(art, s, line_end, local) if starts_line else local
    for repair in REPAIRS:
        drafts = repair(art, drafts)
    return build_records(art, article_id, drafts)
