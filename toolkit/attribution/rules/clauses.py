"""Cues that attribute a clause: ``according to X``, ``X's claim that``, ``X is adamant that``, agentless."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from .. import cues as C
from ..content_finder import clause_root, content_stance
from ..context import ArticleContext, Draft, SentenceCues
from ..spans import TokenRange, char_span, mention_range, minus, subtree
from ..speaker_finder import SUBJECT_DEPS

__all__ = ["according_rule", "adjective_rule", "agentless_rule", "noun_rule"]

# "according to plan", "according to law": no source
_ACCORDING_IDIOMS = frozenset({"plan", "plans", "schedule", "law", "tradition", "custom", "rules"})


def according_rule(art: ArticleContext, sent: SentenceCues, cue: C.Cue) -> Draft | None:
    """``according to X, ...``: X and the clause the phrase modifies.

    >>> from toolkit.nlp import load_model
    >>> from toolkit.structure import sentences_from_doc
    >>> doc = load_model()("According to the police, the man fled.")
    >>> art = ArticleContext(doc, sentences_from_doc(doc, "a"))
    >>> d = according_rule(art, SentenceCues(0, frozenset({0})), C.find_cues(doc[:])[0])
    >>> doc.text[slice(*d.speaker)], [doc.text[a:b] for a, b in d.spans]
    ('the police', ['the man fled'])
    """
    doc = art.doc
    acc, to = doc[cue.head], doc[cue.head + 1]
    if art.quoted(acc.idx):
        return None
    pobj = [c for c in to.children if c.dep_ == "pobj"] or [c for c in acc.children if c.dep_ == "pobj"]
    if not pobj:
        return None
    if pobj[0].lower_ in _ACCORDING_IDIOMS and not any(c.dep_ in ("det", "poss") for c in pobj[0].children):
        return None
    speaker = mention_range(pobj[0])
    prep = subtree(acc)
    if acc.dep_ == "ROOT" or acc.head.i == acc.i:
        return None
    host, prep = _according_host(acc, prep)
    if _reported_speech(host, acc, sent):
        # "'…,' he told settler leaders, according to a statement": the phrase says where the
        # reporter found the words; the one who spoke them is the reporting verb's subject.
        return None
    speaker, prep = _named_apposition(doc, speaker, prep)
    root = clause_root(host)
    a, b = subtree(root)
    holes = [prep]
    for c in root.children:
        ca, cb = subtree(c)
        if (
            (ca, cb) != prep
            and any(ca <= h < cb for h in sent.heads if h != acc.i)
            and c.dep_ in ("advcl", "conj", "ccomp", "parataxis")
        ):
            holes.append((ca, cb))
    ranges = minus(doc, a, b, holes)
    if not ranges:
        return None
    spans = [char_span(doc, x, y) for x, y in ranges]
    stance = content_stance(doc, ranges, "assert")
    return Draft(sent.sentence_id, cue, char_span(doc, *speaker), None, spans, "according_to", stance)


def _reported_speech(host: Token, acc: Token, sent: SentenceCues) -> bool:
    """Tell whether an "according to" phrase tags a speech act whose speaker was named before it.

    "'…,' he told settler leaders, according to a statement": he speaks, the statement is where
    the reporter read it. Not a phrase that opens the clause ("According to Mr Sands, Lord
    Goldsmith had warned …": Sands' account), a belief or wish ("the UK leader wants …") or a
    passive ("According to its website, they have been posted …").
    """
    subjects = [c for c in host.children if c.dep_ == "nsubj"]
    if not subjects and host.dep_ in ("conj", "advcl"):
        subjects = [c for c in host.head.children if c.dep_ == "nsubj"]
    return (
        host.i in sent.heads
        and bool(subjects)
        and subjects[0].i < acc.i
        # a person or body by name or pronoun; "A review of the video showed …, according to court
        # documents" is the documents' account of what the review found
        and subjects[0].pos_ in ("PRON", "PROPN")
        and host.pos_ in ("VERB", "AUX")
        and C.reporting_verbs().get(host.lemma_.lower(), "other") != "other"
        and not any(c.dep_ in ("nsubjpass", "auxpass") for c in host.children)
    )


def _according_host(acc: Token, prep: TokenRange) -> tuple[Token, TokenRange]:
    """Return the verb an "according to X, ..." phrase modifies, and the phrase's token range.

    "According to figures also released on Tuesday, sales were …": the parse hangs the phrase
    on the participle inside it ("released"); what the figures say is the clause after the comma.
    """
    doc = acc.doc
    comma = next((t for t in doc[acc.i : acc.sent.end] if t.text == ","), None)
    head = acc.head
    if comma is not None and acc.i < head.i < comma.i and head.head.i > comma.i and head.dep_ in ("ccomp", "advcl", "acl", "conj"):
        return head.head, (prep[0], comma.i + 1)
    return head, prep


# How many tokens a name in apposition after "according to its lawyer," may run to its closing
# comma ("Emmanuel Gaillard of Shearman and Sterling": six).
_APPOSITION_REACH = 10


def _named_apposition(doc: Doc, speaker: TokenRange, prep: TokenRange) -> tuple[TokenRange, TokenRange]:
    """Widen "according to its lawyer" over the name in apposition after it ("…, Emmanuel Gaillard, …").

    The parse often hangs the name off the comma, outside the phrase, so the name would open the
    content; between two commas, right after the source, a person's name is who the source is.

    >>> from toolkit.nlp import load_model
    >>> doc = load_model()("According to its Paris lawyer, Emmanuel Gaillard of Shearman and Sterling, the claim is based on it.")
    >>> sp, _ = _named_apposition(doc, (2, 5), (0, 5))
    >>> doc[sp[0] : sp[1]].text
    'Emmanuel Gaillard of Shearman and Sterling'
    """
    a, b = speaker
    if b + 1 >= len(doc) or doc[b].text != "," or doc[b + 1].ent_type_ != "PERSON" or doc[b + 1].ent_iob_ != "B":
        return speaker, prep
    end = doc[b].sent.end
    close = next((t.i for t in doc[b + 1 : min(end, b + 1 + _APPOSITION_REACH)] if t.text == ","), None)
    if close is None:
        return speaker, prep
    joined = any(t.dep_ == "appos" and a <= t.head.i < b for t in doc[b + 1 : close])
    # a name the parse left unattached is read on its own: the name, not the office, is who speaks
    return ((a, close) if joined else (b + 1, close)), (prep[0], max(prep[1], close + 1))


def adjective_rule(art: ArticleContext, sent: SentenceCues, cue: C.Cue) -> Draft | None:
    """Pair a belief adjective with the copula's subject and the clause after it ("X is adamant S").

    >>> from toolkit.nlp import load_model
    >>> from toolkit.structure import sentences_from_doc
    >>> doc = load_model()("Officials are confident the bridge will open.")
    >>> art = ArticleContext(doc, sentences_from_doc(doc, "a"))
    >>> d = adjective_rule(art, SentenceCues(0, frozenset({2})), C.find_cues(doc[:])[0])
    >>> doc.text[slice(*d.speaker)], [doc.text[a:b] for a, b in d.spans]
    ('Officials', ['the bridge will open'])
    """
    doc = art.doc
    adj = doc[cue.head]
    found = C.adjective_clause(adj)
    if art.quoted(adj.idx) or found is None:
        return None
    frame, clause = found
    subj = next((c for c in frame.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < adj.i), None)
    if subj is None or (subj.pos_ == "PRON" and subj.lower_ in ("it", "this", "that")):
        return None  # "it is certain that ...": nobody holds the belief
    speaker = mention_range(subj)
    a, b = subtree(clause)
    ranges = minus(doc, a, b, [])
    spans = [char_span(doc, x, y) for x, y in ranges]
    stance = content_stance(doc, ranges, cue.stance)
    return Draft(sent.sentence_id, cue, char_span(doc, *speaker), None, spans, "indirect", stance)


def _noun_owner(n: Token) -> TokenRange | None:
    """Return the source of a reporting noun: its possessor, a "by"/"from" phrase or a name compound."""
    speaker: TokenRange | None = None
    for c in n.children:
        if c.dep_ == "poss":
            # "Trump's claim": the owner as written, with its "'s" but without the noun it owns
            start, _ = mention_range(c)
            marks = [g.i for g in c.children if g.dep_ == "case" and g.i == c.i + 1]
            return start, (marks[0] if marks else c.i) + 1
        if c.dep_ == "prep" and c.lower_ in ("by", "from") and c.i > n.i:
            pobj = [g for g in c.children if g.dep_ == "pobj"]
            if pobj:
                return mention_range(pobj[0])
        if c.dep_ == "compound" and c.ent_type_ in ("ORG", "PERSON", "GPE", "NORP"):
            speaker = (c.left_edge.i, c.i + 1)
    return speaker


def noun_rule(art: ArticleContext, sent: SentenceCues, cue: C.Cue) -> Draft | None:
    """``Trump's claim that ...``, ``a report by the FBI that ...``: the noun's owner and clause.

    >>> from toolkit.nlp import load_model
    >>> from toolkit.structure import sentences_from_doc
    >>> doc = load_model()("Trump's claim that he won is false.")
    >>> art = ArticleContext(doc, sentences_from_doc(doc, "a"))
    >>> cue = next(c for c in C.find_cues(doc[:]) if c.kind == C.NOUN)
    >>> doc.text[slice(*noun_rule(art, SentenceCues(0, frozenset({2})), cue).speaker)]
    "Trump's"
    """
    doc = art.doc
    n = doc[cue.head]
    if art.quoted(n.idx):
        return None
    clause = C.noun_clause(n)
    if clause is None:
        return None
    speaker = _noun_owner(n)
    if speaker is None:
        return _ownerless_noun(art, sent, cue, clause)
    a, b = subtree(clause)
    ranges = minus(doc, a, b, [speaker])
    if not ranges:
        return None
    spans = [char_span(doc, x, y) for x, y in ranges]
    stance = content_stance(doc, ranges, cue.stance)
    binder = _binding_subject(n, speaker)
    antecedent = char_span(doc, *binder) if binder is not None else None
    return Draft(sent.sentence_id, cue, char_span(doc, *speaker), antecedent, spans, "indirect", stance)


# Nouns that report a claim with no owner named ("Claims that the dam leaks are false"); a
# plan, a call or a hope with no owner reports nothing.
_OWNERLESS_STANCES = frozenset({"assert", "accuse", "deny"})


def _ownerless_noun(art: ArticleContext, sent: SentenceCues, cue: C.Cue, clause: Token) -> Draft | None:
    """``Claims that S``, ``the allegation that S``: an agentless claim, with a "that"-clause only."""
    if cue.stance not in _OWNERLESS_STANCES or not any(g.lower_ == "that" and g.dep_ == "mark" for g in clause.children):
        return None
    ranges = minus(art.doc, *subtree(clause), [])
    spans = [char_span(art.doc, x, y) for x, y in ranges]
    stance = content_stance(art.doc, ranges, cue.stance)
    return Draft(sent.sentence_id, cue, None, None, spans, "agentless", stance, agentless=True)


_POSSESSIVE_PRONOUNS = frozenset({"his", "her", "its", "their"})


def _binding_subject(n: Token, owner: TokenRange) -> TokenRange | None:
    """Return the subject a possessive owner refers to ("The minister renewed his vow": the minister).

    A possessive pronoun on the object of a verb nearly always points at that verb's subject.
    """
    doc = n.doc
    if owner[1] - owner[0] != 1 or doc[owner[0]].lower_ not in _POSSESSIVE_PRONOUNS:
        return None
    if n.dep_ != "dobj" or n.head.pos_ not in ("VERB", "AUX"):
        return None
    subj = next((c for c in n.head.children if c.dep_ == "nsubj"), None)
    if subj is None or subj.pos_ == "PRON":
        return None
    return mention_range(subj)


def _passive_clause(t: Token) -> tuple[TokenRange, list[TokenRange]] | None:
    """Return (clause, holes) of a passive cue: ``it is said that X``, ``X is said to Y``, ``..., it is believed``."""
    described = C.as_phrase(t)
    if described is not None:
        return _described_as(t, described)
    ccomps = [c for c in t.children if c.dep_ == "ccomp"]
    xcomps = [c for c in t.children if c.dep_ == "xcomp"]
    subj = [c for c in t.children if c.dep_ == "nsubjpass" and c.lower_ != "it"]
    if ccomps:
        return subtree(ccomps[0]), []
    if xcomps:
        x = xcomps[0]
        a, b = subtree(x)
        if subj:
            a = min(a, subtree(subj[0])[0])
        elif t.dep_ == "conj":
            hs = [c for c in t.head.children if c.dep_ in SUBJECT_DEPS]
            if hs:
                a = min(a, subtree(hs[0])[0])
        holes = [(t.i, t.i + 1)] + [(c.i, c.i + 1) for c in t.children if c.dep_ == "auxpass"]
        holes += [(g.i, g.i + 1) for g in x.children if g.dep_ == "aux" and g.lower_ == "to" and g.i == t.i + 1]
        return (a, b), holes
    if t.dep_ in ("parataxis", "advcl", "conj", "ccomp") and t.head.i != t.i:
        return subtree(t.head), [subtree(t)]
    return None


def _described_as(t: Token, as_prep: Token) -> tuple[TokenRange, list[TokenRange]] | None:
    """``Settlements are seen as an obstacle``: what is described and the description it gets."""
    subj = next((c for c in t.children if c.dep_ == "nsubjpass"), None)
    if subj is not None:
        a = subtree(subj)[0]
    elif t.dep_ == "acl" and t.head.i < t.i:
        a = t.head.left_edge.i  # "the territories, seen as ...": the noun the participle describes
    else:
        return None
    b = subtree(as_prep)[1]
    holes = [(t.i, t.i + 1), (as_prep.i, as_prep.i + 1)]
    holes += [subtree(c) for c in t.children if c.i < as_prep.i and c.dep_ in ("aux", "auxpass", "advmod", "punct")]
    holes += [(i, i + 1) for i in range(a, b) if t.doc[i].head.i == t.head.i and t.dep_ == "acl" and t.doc[i].is_punct]
    return (a, b), holes


def agentless_rule(art: ArticleContext, sent: SentenceCues, cue: C.Cue) -> Draft | None:
    """Make a claim with no speaker from ``reportedly``, ``it is said``, ``is said to``.

    >>> from toolkit.nlp import load_model
    >>> from toolkit.structure import sentences_from_doc
    >>> doc = load_model()("The talks reportedly failed.")
    >>> art = ArticleContext(doc, sentences_from_doc(doc, "a"))
    >>> d = agentless_rule(art, SentenceCues(0, frozenset({2})), C.find_cues(doc[:])[0])
    >>> [doc.text[a:b] for a, b in d.spans], d.agentless
    (['The talks', 'failed'], True)
    """
    doc = art.doc
    t = doc[cue.head]
    if art.quoted(t.idx):
        return None
    if cue.kind == C.ADVERB:
        root = clause_root(t.head) if t.head.i != t.i else t
        found: tuple[TokenRange, list[TokenRange]] | None = (subtree(root), [(t.i, t.i + 1)])
    else:
        found = _passive_clause(t)
    if found is None:
        return None
    (a, b), holes = found
    ranges = minus(doc, a, b, holes)
    if not ranges:
        return None
    spans = [char_span(doc, x, y) for x, y in ranges]
    stance = content_stance(doc, ranges, "assert")
    return Draft(sent.sentence_id, cue, None, None, spans, "agentless", stance, agentless=True)
