"""Reporting verbs: ``“X,” he said``, ``he said: “X”``, ``X said (that) ...``, ``..., X said``."""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc, Token

from ...types import HEADLINE_ROLES
from .. import cues as C
from ..content_finder import (
    FINITE_TAGS,
    NEGATIONS,
    clause_root,
    content_children,
    content_stance,
    tail_content,
)
from ..context import ArticleContext, Draft, SentenceCues
from ..quote_links import cue_region, quote_links
from ..quotes import Quote
from ..spans import CharSpan, TokenRange, char_span, minus, subtree
from ..speaker_finder import (
    is_participle_cue,
    second_clause,
    speaker_after,
    speaker_before,
    speaker_of,
    stolen_complement,
)

__all__ = ["judging_rule", "verb_rule"]

# Quotations looked at after the content starts when telling indirect from mixed speech: a
# sentence holds far fewer, and the cap keeps a long unclosed run of marks cheap.
_MIXED_LOOKAHEAD = 50


def _direct_spans(art: ArticleContext, before: Quote | None, after: Quote | None) -> list[CharSpan]:
    """Return the linked quotations with every paragraph piece of their runs, in text order."""
    used: list[Quote] = []
    spans: list[CharSpan] = []
    for q in (before, after):
        if q is not None and q not in used:
            used.append(q)
            spans += [sp for sp in art.group_spans(q) if sp not in spans]
    return sorted(spans)


def _parenthetical(doc: Doc, v: Token, speaker: TokenRange | None) -> list[TokenRange]:
    """"..., X said" / "X, he said, Y": the clause the parenthetical cue interrupts."""
    h = v.head
    va, vb = subtree(v)
    if speaker is not None:
        va, vb = min(va, speaker[0]), max(vb, speaker[1])
    prev = doc[va - 1] if va > 0 else None
    # but not a clause after a colon or semicolon
    if prev is not None and prev.text in (":", ";"):
        return []
    ranges = minus(doc, h.left_edge.i, h.right_edge.i + 1, [(va, vb)])
    if not any(doc[i].tag_ in FINITE_TAGS for a, b in ranges for i in range(a, b)):
        return []
    return ranges


# "who asked not to be named", "asked to remain anonymous": the condition of a source's
# anonymity, not something the source says.
_UNNAMED_VERBS = frozenset({"name", "identify", "quote"})


# "not to be named" / "to remain anonymous" are this short; a longer clause says something more.
_REQUEST_WORDS = 6


def _asks_anonymity(doc: Doc, v: Token, ranges: list[TokenRange]) -> bool:
    """Tell whether the content is only a wish not to be named ("who did not want to be named")."""
    if len(ranges) != 1 or ranges[0][1] - ranges[0][0] > _REQUEST_WORDS:
        return False
    words = {doc[i].lemma_.lower() for i in range(*ranges[0])}
    return bool(words & _UNNAMED_VERBS) or "anonymous" in words or "anonymity" in words


def _interrupts(doc: Doc, v: Token, speaker: TokenRange | None) -> bool:
    """Tell whether the cue sits between commas inside its sentence.

    ("The bank, he continued, intervenes ..."): the clause around it is the content even when
    the parse missed its verb.
    """
    a, b = subtree(v)
    if speaker is not None:
        a, b = min(a, speaker[0]), max(b, speaker[1])
    while a < b and doc[a].is_punct:
        a += 1
    while b > a and doc[b - 1].is_punct:
        b -= 1
    sent = v.sent
    return a - 1 > sent.start and b + 1 < sent.end - 1 and doc[a - 1].text == "," and doc[b].text == ","


# Words a parenthetical cue's speaker may run to between its commas ("said Mr Trainor", "agree
# analysts", "he continued"): a name or a short description, never a clause.
_PARENTHETICAL_SPEAKER = 5
_SPEAKER_POS = frozenset({"PROPN", "NOUN", "PRON", "DET", "ADJ", "NUM", "PART"})


def interrupting_cue(doc: Doc, v: Token) -> tuple[TokenRange, list[TokenRange]] | None:
    """Read "X, said Mr Trainor, Y" / "X, he continued, Y": (speaker, the sentence around the commas).

    The cue and its speaker stand alone between two commas inside a sentence; whatever the parse
    made of it, the words on both sides are what was said.

    >>> from toolkit.nlp import load_model
    >>> doc = load_model()("On a larger scale, said Mr Trainor, new chips would help.")
    >>> sp, ranges = interrupting_cue(doc, doc[5])
    >>> doc[sp[0] : sp[1]].text, [doc[a:b].text for a, b in ranges]
    ('Mr Trainor', ['On a larger scale', 'new chips would help'])
    """
    sent = v.sent
    if v.i - 1 <= sent.start or v.i + 1 >= sent.end:
        return None
    open_: int | None
    close: int | None
    if doc[v.i - 1].text == ",":  # "..., said Mr Trainor, ..."
        open_, close = v.i - 1, next((t.i for t in doc[v.i + 1 : v.i + 2 + _PARENTHETICAL_SPEAKER] if t.text == ","), None)
        speaker = (v.i + 1, close) if close is not None else None
    elif doc[v.i + 1].text == ",":  # "..., he continued, ..."
        close = v.i + 1
        open_ = next((t.i for t in reversed(doc[max(sent.start, v.i - 1 - _PARENTHETICAL_SPEAKER) : v.i]) if t.text == ","), None)
        speaker = (open_ + 1, v.i) if open_ is not None else None
    else:
        return None
    if open_ is None or close is None or speaker is None or speaker[0] >= speaker[1]:
        return None
    if not all(doc[i].pos_ in _SPEAKER_POS for i in range(*speaker)):
        return None
    before = [(sent.start, open_)] if open_ > sent.start else []
    end = sent.end - 1 if doc[sent.end - 1].is_punct else sent.end
    if not before or close + 1 >= end:
        return None
    return speaker, [*before, (close + 1, end)]


def _clause_content(
    doc: Doc, v: Token, cue: C.Cue, speaker: TokenRange | None, heads: frozenset[int]
) -> tuple[list[TokenRange], bool]:
    """(content token ranges, whether they were taken loosely from the clause around the cue)."""
    ranges = content_children(v, cue.lemma, cue.stance, heads)
    # "A said X; B said Y": a clause before a semicolon or colon is not B's content
    first = speaker[0] if speaker is not None else v.i
    ranges = [
        (a, b)
        for a, b in ranges
        if b > v.i or not any(doc[i].text in (";", ":") for i in range(b, first))
    ]
    # "..., citing Z" inside the complement is a second claim of the same speaker
    holes = [
        second_clause(doc[h])
        for h in heads
        if h != v.i
        and (is_participle_cue(doc[h]) or doc[h].dep_ == "conj")
        and any(a <= h < b for a, b in ranges)
    ]
    if holes:
        ranges = [r for a, b in ranges for r in minus(doc, a, b, holes)]
    loose = False
    if not ranges and v.dep_ == "parataxis" and (v.head.pos_ in ("VERB", "AUX") or _interrupts(doc, v, speaker)):
        ranges = _parenthetical(doc, v, speaker)
        loose = bool(ranges)
    if not ranges:
        ranges = tail_content(doc, v, speaker)
        loose = bool(ranges)
    return [r for rng in ranges for r in minus(doc, rng[0], rng[1], [])], loose


def _is_mixed(art: ArticleContext, spans: list[CharSpan]) -> bool:
    """Tell whether a quotation opens inside indirect content ("said it was “a hoax”")."""
    a0, b0 = spans[0][0], spans[-1][1]
    nearby = art.quotes[bisect_right(art.qstarts, a0) - 1 :][:_MIXED_LOOKAHEAD]
    return any(a0 <= q.start < b0 for q in nearby if q.start >= a0)


def _final_stance(doc: Doc, v: Token, cue: C.Cue, ranges: list[TokenRange]) -> str:
    stance = content_stance(doc, ranges, cue.stance) if ranges else cue.stance
    negated = any(c.dep_ == "neg" or c.lower_ in NEGATIONS and c.dep_ == "advmod" for c in v.children)
    # "did not say X" neither asserts nor denies X
    return "other" if negated and stance in ("assert", "deny") else stance


def _reduced_passive(v: Token) -> bool:
    """Tell whether a participle is a headline passive with "is" left out ("X accused of Y").

    Its subject is the one the verb acts on (the accused), never the speaker.
    """
    if v.tag_ != "VBN" or v.dep_ not in ("ROOT", "conj"):
        return False
    if any(c.dep_ in ("aux", "auxpass", "agent") for c in v.children):
        return False
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in v.children)


def _in_headline(art: ArticleContext, sentence_id: int) -> bool:
    # Headlines drop "is"; in body text a bare participle with a subject is a misparse
    return any(s.sentence_id == sentence_id and s.role in HEADLINE_ROLES for s in art.sentences)


def _agentless_passive(art: ArticleContext, sent: SentenceCues, cue: C.Cue, v: Token,
                       around: TokenRange | None = None) -> Draft | None:
    """``Mark Meadows accused of timing retirement``: a claim with no named accuser (``around`` the cue, else its subtree)."""
    a, b = around or subtree(v)
    ranges = minus(art.doc, a, b, [(v.i, v.i + 1)])
    if not ranges:
        return None
    spans = [char_span(art.doc, x, y) for x, y in ranges]
    return Draft(sent.sentence_id, cue, None, None, spans, "agentless", cue.stance, agentless=True)


def _passive_acl(v: Token) -> bool:
    """Tell whether a cue is a passive participle right after a noun, before "to be" ("photos alleged to be of her").

    Written so, it reports what is said about the noun ("a man said to be in his 40s"); the noun
    is never the speaker and no one is named.  Read from the words: the parse varies.
    """
    doc = v.doc
    if v.tag_ not in ("VBN", "VBD") or v.i == 0 or v.i + 2 >= len(doc):
        return False
    before, to, verb = doc[v.i - 1], doc[v.i + 1], doc[v.i + 2]
    return (before.tag_ in ("NN", "NNS", "NNP", "NNPS") and to.lower_ == "to" and verb.lower_ in ("be", "have")
            and not any(c.dep_ == "agent" for c in v.children))


def _agentless_acl(art: ArticleContext, sent: SentenceCues, cue: C.Cue, v: Token) -> Draft | None:
    """``topless photos alleged to be of her``: an agentless claim, the noun and its infinitive."""
    noun, verb = art.doc[v.i - 1], art.doc[v.i + 2]
    return _agentless_passive(art, sent, cue, v, (min(noun.left_edge.i, v.i - 1), max(subtree(verb)[1], v.i + 3)))


def _as_clause(v: Token) -> bool:
    return v.dep_ == "advcl" and any(c.lower_ == "as" and c.dep_ == "mark" for c in v.children)


# Dependents that give an "as" clause content of its own: "as he had promised he would" points
# back at something, it says nothing about the clause it modifies.
_OWN_CONTENT_DEPS = frozenset({"ccomp", "xcomp", "dobj", "attr", "oprd"})


def _as_draft(art: ArticleContext, sent: SentenceCues, cue: C.Cue, v: Token, speaker: TokenRange | None) -> Draft | None:
    """``As the committee has pointed out, S``: the clause the "as" clause modifies is what it said.

    Only with a subject of its own ("as argued in the paper" names no speaker) and no content of
    its own.
    """
    doc = art.doc
    own = [c for c in v.children if c.dep_ in _OWN_CONTENT_DEPS and not (c.dep_ == "dobj" and c.lower_ == "it")]
    if speaker is None or own or v.head.i == v.i:
        return None
    a, b = subtree(clause_root(v.head))
    ranges = [
        (x, y)
        for x, y in minus(doc, a, b, [subtree(v)])
        if any(not (doc[i].is_punct or doc[i].dep_ == "cc") for i in range(x, y))
    ]
    if not ranges:
        return None
    spans = [char_span(doc, x, y) for x, y in ranges]
    quote_type = "mixed" if _is_mixed(art, spans) else "indirect"
    stance = content_stance(doc, ranges, cue.stance)
    return Draft(sent.sentence_id, cue, char_span(doc, *speaker), None, spans, quote_type, stance)


def _interrupted_draft(art: ArticleContext, sent: SentenceCues, cue: C.Cue, speaker: TokenRange, ranges: list[TokenRange]) -> Draft:
    doc = art.doc
    spans = [char_span(doc, a, b) for a, b in ranges]
    quote_type = "mixed" if _is_mixed(art, spans) else "indirect"
    return Draft(sent.sentence_id, cue, char_span(doc, *speaker), None, spans, quote_type, content_stance(doc, ranges, cue.stance))


def judging_rule(art: ArticleContext, sent: SentenceCues, cue: C.Cue) -> Draft | None:
    """Pair a verb of judging with its subject and what it judges ("Experts regard X as Y").

    >>> from toolkit.nlp import load_model
    >>> from toolkit.structure import sentences_from_doc
    >>> doc = load_model()("Analysts see the deal as a victory.")
    >>> art = ArticleContext(doc, sentences_from_doc(doc, "a"))
    >>> d = judging_rule(art, SentenceCues(0, frozenset({1})), C.find_cues(doc[:])[0])
    >>> doc.text[slice(*d.speaker)], [doc.text[a:b] for a, b in d.spans]
    ('Analysts', ['the deal as a victory'])
    """
    doc = art.doc
    v = doc[cue.head]
    found = C.judged_as(v)
    if art.quoted(v.idx) or found is None:
        return None
    speaker, antecedent = speaker_of(v, quoted=art.quoted)
    if speaker is None:
        return None
    obj, as_prep = found
    ranges = [(subtree(obj)[0], subtree(as_prep)[1])]
    spans = [char_span(doc, a, b) for a, b in ranges]
    quote_type = "mixed" if _is_mixed(art, spans) else "indirect"
    ante = char_span(doc, *antecedent) if antecedent is not None else None
    return Draft(sent.sentence_id, cue, char_span(doc, *speaker), ante, spans, quote_type, cue.stance)


def _without_doing(v: Token) -> bool:
    """Tell whether the cue is a gerund after "without": something not said, which reports nothing.

    "… can cut crime without asking people to pay more taxes".
    """
    return v.tag_ == "VBG" and v.dep_ == "pcomp" and v.head.lower_ == "without"


# Verbs that, with a name and no object, only say what something is called.
_NAMING_VERBS = frozenset({"call", "name", "dub"})


def _a_naming(v: Token) -> bool:
    """Tell whether the cue only names something: a name after it, no object, nothing said.

    "An umbrella organisation called the Disasters Emergency Committee has been set up"; "Critics called the plan a disaster" has an object and stays a judgement.
    """
    return (
        v.lemma_.lower() in _NAMING_VERBS
        and any(c.dep_ == "oprd" and c.pos_ == "PROPN" for c in v.children)
        and not any(c.dep_ in ("dobj", "ccomp") for c in v.children)
    )


def verb_rule(art: ArticleContext, sent: SentenceCues, cue: C.Cue) -> Draft | None:
    """Pair a reporting verb with its speaker and content (quotation first, then the parse).

    >>> from toolkit.nlp import load_model
    >>> from toolkit.structure import sentences_from_doc
    >>> doc = load_model()("The minister said the talks failed.")
    >>> art = ArticleContext(doc, sentences_from_doc(doc, "a"))
    >>> d = verb_rule(art, SentenceCues(0, frozenset({2})), C.find_cues(doc[:])[0])
    >>> [doc.text[a:b] for a, b in d.spans], d.quote_type
    (['the talks failed'], 'indirect')
    """
    doc = art.doc
    v = doc[cue.head]
    if art.quoted(v.idx):
        return None  # a reporting verb inside a quotation belongs to the quoted speech
    if _reduced_passive(v) and _in_headline(art, sent.sentence_id):
        return _agentless_passive(art, sent, cue, v)
    if _without_doing(v) or _a_naming(v):
        return None
    if _passive_acl(v):
        return _agentless_acl(art, sent, cue, v)
    draft = _verb_draft(art, sent, cue, v)
    if draft is None and (interrupting := interrupting_cue(doc, v)) is not None:
        # the parse made nothing of "X, said Mr Trainor, Y" / "X, he continued, Y"
        return _interrupted_draft(art, sent, cue, *interrupting)
    return draft


def _verb_draft(art: ArticleContext, sent: SentenceCues, cue: C.Cue, v: Token) -> Draft | None:
    doc = art.doc
    speaker, antecedent = speaker_of(v, quoted=art.quoted)
    if _as_clause(v):
        return _as_draft(art, sent, cue, v, speaker)
    before, after = quote_links(art, v, cue_region(doc, v, speaker))
    ranges: list[TokenRange] = []
    loose = False
    if before is not None or after is not None:
        spans, quote_type = _direct_spans(art, before, after), "direct"
    else:
        ranges, loose = _clause_content(doc, v, cue, speaker, sent.heads)
        speaker, ranges = stolen_complement(doc, v, speaker, ranges)
        if speaker is not None:
            ranges = [r for rng in ranges for r in minus(doc, rng[0], rng[1], [speaker, (v.i, v.i + 1)])]
        if not ranges or _asks_anonymity(doc, v, ranges):
            return None
        spans = [char_span(doc, a, b) for a, b in ranges]
        quote_type = "mixed" if _is_mixed(art, spans) else "indirect"
    if speaker is not None and not any(ch.isalpha() for i in range(*speaker) for ch in doc[i].text):
        speaker = None
    if speaker is None:
        speaker = speaker_after(v) if before is not None else None
        speaker = speaker or speaker_before(v)
        if speaker is None:
            return None
    return Draft(
        sent.sentence_id,
        cue,
        char_span(doc, *speaker),
        char_span(doc, *antecedent) if antecedent is not None else None,
        spans,
        quote_type,
        _final_stance(doc, v, cue, ranges),
        loose=quote_type != "direct" and loose,
    )
