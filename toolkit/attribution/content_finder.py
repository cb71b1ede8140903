"""What is said: the content of a reporting cue from the parse, and the stance it takes."""

from __future__ import annotations

from functools import cache

from spacy.tokens import Doc, Token

from ..lexicons import load_terms
from . import cues as C
from .source_words import terms
from .spans import QUOTE_CHARS, TokenRange, subtree

__all__ = [
    "FINITE_TAGS",
    "action_objects",
    "NEGATIONS",
    "OBJECT_STANCES",
    "clause_root",
    "content_children",
    "content_stance",
    "tail_content",
]

NEGATIONS = frozenset({"not", "n't", "never", "no"})
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
# Verbs whose direct object is the content ("denied the report", "accused X of Y").
OBJECT_STANCES = frozenset({"deny", "accuse"})
# Pronoun objects that point back at content elsewhere ("said it"), never content themselves.
_EMPTY_OBJECTS = frozenset({"it", "this", "that", "so", "nothing", "something"})
_REFLEXIVES = frozenset({"myself", "yourself", "himself", "herself", "itself", "ourselves", "yourselves", "themselves"})
# A clause walk this many steps up reaches the verb in any news sentence; deeper is a misparse.
_MAX_CLAUSE_CLIMB = 6
# Stance words count near the start of the content only: a negation 60 tokens in is about
# something else the speaker said.
_STANCE_WINDOW = 60


# Verbs for which a picture object is something shown, not something said.
_SHOWING = frozenset({"show", "post"})
# "show" + a noun is a finding only when data shows it ("figures show a rise"); a person or a
# body showing something displays a quality or an object ("she has shown no partisanship", "the
# firm showed a profit").  Besides the document nouns, the words for results that news lets speak.
_SHOWING_DATA = frozenset({"result", "test", "finding", "number", "trend", "sign", "evidence", "indicator"})


@cache
def action_objects() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """Return (media, procedural, granted) objects that make a cue an action (``attribution_action_objects``).

    >>> media, procedure, granted = action_objects()
    >>> "photo" in media and "amendment" in procedure and "bail" in granted
    True
    """
    groups: dict[str, set[str]] = {"media": set(), "procedure": set(), "grant": set()}
    for term in load_terms("attribution_action_objects"):
        kind, _, word = term.partition(":")
        groups[kind.strip()].add(word.strip())
    return frozenset(groups["media"]), frozenset(groups["procedure"]), frozenset(groups["grant"])


# Verbs that also mean "not give" ("denied bail", "refused entry").
_WITHHOLDING = frozenset({"deny", "refuse"})


def _object_content(v: Token, base: str, stance: str, objs: list[Token]) -> list[TokenRange] | None:
    """Return the direct object as content ("denied the report"); None when the verb takes none."""
    addressee = C.frames()["addressee"]
    if base in addressee or not objs or not (stance in OBJECT_STANCES or base in C.frames()["object"]):
        return None
    o = objs[0]
    # "called it “a disgrace”": the pronoun with what it is called is the content
    named = next((c for c in v.children if c.dep_ in ("oprd", "xcomp") and c.i > o.i), None)
    if o.pos_ == "PRON" and o.lower_ in _EMPTY_OBJECTS and named is None:
        return []
    if base == "show" and not _shown_by_data(v):
        return []
    media, procedure, granted = action_objects()
    # PolNeAR counts "released a video" as attributing the video; posting or showing pictures
    # is an action ("posted photos of the flood")
    actions = (media if base in _SHOWING else frozenset()) | (procedure if stance == "deny" else frozenset())
    actions |= granted if base in _WITHHOLDING else frozenset()
    if o.lemma_.lower() in actions and not any(c.dep_ in ("acl", "relcl", "ccomp") for c in o.children):
        return []  # "posted photos", "rejected separate amendments": an action, not speech
    a, b = subtree(o)
    for c in v.children:
        if c.i > o.i and (
            c.dep_ in ("oprd", "xcomp", "ccomp")
            or (c.dep_ == "prep" and c.lower_ in ("of", "for", "as"))
        ):
            b = max(b, subtree(c)[1])
    return [(a, b)]


def _shown_by_data(v: Token) -> bool:
    """Tell whether what "shows" is data or a document ("figures show a rise"), or left unsaid.

    >>> from toolkit.nlp import load_model
    >>> doc = load_model()("Figures show a rise. She has shown no partisanship.")
    >>> _shown_by_data(doc[1]), _shown_by_data(doc[7])
    (True, False)
    """
    subj = next((c for c in v.children if c.dep_ == "nsubj"), None)
    if subj is None and v.dep_ in ("acl", "relcl"):
        subj = v.head  # "a report showing a rise", "figures which show a rise"
    if subj is None:
        return True
    if subj.dep_ == "nsubj" and subj.lower_ in ("which", "that") and v.dep_ == "relcl":
        subj = v.head
    words = {subj.lemma_.lower(), subj.lower_}  # the lexicon lists plurals ("figures", "data")
    return bool(words & (terms("document_sources") | _SHOWING_DATA))


def _finds_itself(v: Token) -> bool:
    """Tell whether "find" has a reflexive object, as object or as its clause's subject ("found themselves …")."""
    return any(
        c.lower_ in _REFLEXIVES or (c.dep_ == "ccomp" and any(g.dep_ == "nsubj" and g.lower_ in _REFLEXIVES for g in c.children))
        for c in v.children if c.dep_ in ("dobj", "ccomp")
    )


def _gerund_subject_clause(v: Token, xcomps: list[Token]) -> Token | None:
    """Return the gerund that opens a clause the parse broke ("MPs say allowing the evidence would remove …").

    The parser reads the gerund as the verb's own complement and its object as the subject of
    the finite clause hung below it; the whole stretch is what is said.
    """
    for x in xcomps:
        # an object of its own makes it a real participle ("told cheering teachers that …")
        if x.tag_ != "VBG" or x.i != v.i + 1 or any(c.dep_ == "dobj" for c in x.children):
            continue
        if any(g.dep_ == "ccomp" and any(s.dep_ in ("nsubj", "nsubjpass") for s in g.children) for g in x.children):
            return x
    return None


def content_children(v: Token, lemma: str, stance: str, cue_heads: frozenset[int]) -> list[TokenRange]:
    """Token ranges of the content of reporting verb ``v`` from its dependents.

    >>> from toolkit.nlp import load_model
    >>> doc = load_model()("She said the war was over.")
    >>> content_children(doc[1], "say", "assert", frozenset({1}))
    [(2, 6)]
    """
    if lemma.split()[0] == "find" and _finds_itself(v):
        return []  # "the hosts soon found themselves a goal down": where they ended up, not a finding
    ranges = [_with_subject(v, c) for c in v.children if c.dep_ == "ccomp"]
    if ranges:
        return ranges
    clause = _addressee_clause(v, lemma)
    if clause is not None:
        return [subtree(clause)]
    # "said in a release that ...": the parse hangs the clause on the medium's noun
    for c in v.children:
        if c.dep_ == "prep" and c.i > v.i:
            clauses = [C.noun_clause(p) for p in c.children if p.dep_ == "pobj"]
            if clauses and clauses[0] is not None and _that_clause(clauses[0]):
                return [subtree(clauses[0])]
    base = lemma.split()[0]
    # "continued to argue that ...": the inner cue makes its own claim
    xcomps = [
        c
        for c in v.children
        if c.dep_ == "xcomp"
        and not (c.i in cue_heads and any(g.dep_ == "ccomp" for g in c.children))
    ]
    objs = [c for c in v.children if c.dep_ in ("dobj", "attr", "oprd")]
    # ("He was accused by critics of lying": what is said is the "of" phrase, found below)
    holders = [v] + [p for a in v.children if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj"]
    said_of = any(c.dep_ == "prep" and c.lower_ in ("of", "for", "about") for h in holders for c in h.children)
    if not objs and not said_of and any(c.dep_ == "agent" for c in v.children):
        # "Those conclusions are disputed by Michael Mann": the passive subject is what he disputes
        # -- unless that subject reports a claim of its own ("Grant's claim that ... was rejected
        # by the court"): the inner claim stands, the verdict on it is not a second one here
        objs = [c for c in v.children if c.dep_ == "nsubjpass" and c.lower_ not in ("it", "this", "that")
                and not any(t.i in cue_heads for t in c.subtree)]
    found = _object_content(v, base, stance, objs)
    if found is not None:
        return found
    gerund = _gerund_subject_clause(v, xcomps)
    if gerund is not None:
        return [subtree(gerund)]
    if xcomps and (base in C.frames()["infinitive"] or stance in OBJECT_STANCES):
        x = xcomps[0]
        a, b = subtree(x)
        if objs and objs[0].i < x.i:
            a = min(a, subtree(objs[0])[0])
        return [(a, b)]
    if base in ("call", "point") or stance in OBJECT_STANCES:
        for c in v.children:
            if c.dep_ == "prep" and c.lower_ in ("for", "about", "on", "of", "to"):
                pobjs = [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
                if pobjs:
                    a, b = subtree(pobjs[0])
                    return [(a, _infinitive_end(v, max(b, c.right_edge.i + 1)))]
    return []


def _addressee_clause(v: Token, lemma: str) -> Token | None:
    """Return a "that"-clause the parse hung on a relative clause of the addressee.

    "told teachers who filled the lawn that the state should pay": a relative clause whose own
    verb reports nothing does not take a "that"-clause; the reporting verb does.
    """
    if lemma.split()[0] not in C.frames()["addressee"]:
        return None
    for o in v.children:
        if o.dep_ not in ("dobj", "dative") or o.i < v.i:
            continue
        for rc in o.children:
            if rc.dep_ == "relcl" and rc.lemma_.lower() not in C.reporting_verbs():
                found = next((g for g in rc.rights if g.dep_ == "ccomp" and _that_clause(g)), None)
                if found is not None:
                    return found
    return None


def _that_clause(clause: Token) -> bool:
    # "argued against the use of it to catch criminals": an infinitive on a noun is no report
    return any(g.lower_ == "that" and g.dep_ == "mark" for g in clause.children)


def _infinitive_end(v: Token, b: int) -> int:
    """Return the end of content that runs on into an infinitive the parse hung on the verb.

    "called for X to be afforded due process": the infinitive is what X is called on to do;
    "called for athletes found guilty to be banned": a participle right after X describes X.
    """
    for c in v.children:
        if c.dep_ in ("advcl", "xcomp") and c.left_edge.i == b and (
            # (the tagger often reads such a participle as a past tense: no subject tells it apart)
            (c.tag_ in ("VBN", "VBD") and not any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children))
            or any(g.lower_ == "to" and g.dep_ == "aux" for g in c.children)
        ):
            return c.right_edge.i + 1
    return b


def _with_subject(v: Token, clause: Token) -> TokenRange:
    """Return the complement clause with a subject the parse hung on the verb instead.

    "estimated “between 100,000 and 200,000” could die": a clause after the verb with no
    subject of its own takes the words between the verb and it as its subject.
    """
    a, b = subtree(clause)
    if clause.i < v.i or any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in clause.children):
        return a, b
    between = [c for c in v.children if v.i < c.i < a and c.dep_ in ("prep", "dobj", "npadvmod", "nummod")]
    if between:
        a = min(a, subtree(between[0])[0])
        doc = v.doc
        if a - 1 > v.i and doc[a - 1].text in QUOTE_CHARS:
            a -= 1  # keep the opening mark with the quoted words
    return a, b


def clause_root(tok: Token) -> Token:
    """Walk up from ``tok`` to the verb (or sentence root) whose clause it belongs to.

    >>> import spacy
    >>> clause_root(spacy.blank("en")("Hi")[0]).text
    'Hi'
    """
    t = tok
    for _ in range(_MAX_CLAUSE_CLIMB):
        if t.pos_ in ("VERB", "AUX") or t.head.i == t.i:
            return t
        t = t.head
    return t


def content_stance(doc: Doc, ranges: list[TokenRange], stance: str) -> str:
    """Refine an assertive stance from the content: "... were not true" denies, "lies" accuses.

    >>> from toolkit.nlp import load_model
    >>> doc = load_model()("He said the reports were not true.")
    >>> content_stance(doc, [(2, 7)], "assert")
    'deny'
    """
    if stance != "assert":
        return stance
    truth, false, accuse = C.content_stance_terms()
    for a, b in ranges:
        for i in range(a, min(b, a + _STANCE_WINDOW)):
            t = doc[i]
            low = t.lower_
            if low in truth and any(c.lower_ in NEGATIONS for c in t.children):
                return "deny"
            if low in truth and t.head.i != t.i and any(c.lower_ in NEGATIONS for c in t.head.children):
                return "deny"
            if low in false and t.dep_ in ("acomp", "attr", "ROOT", "ccomp", "conj"):
                return "deny"
            if t.lemma_.lower() in accuse or low in accuse:
                return "accuse"
    return stance


def tail_content(doc: Doc, v: Token, speaker: TokenRange | None) -> list[TokenRange]:
    """``CONTENT, X said.`` when the parse did not link them: the clause before the comma.

    >>> import spacy
    >>> doc = spacy.blank("en")("said")
    >>> tail_content(doc, doc[0], None)
    []
    """
    sent = v.sent
    first = speaker[0] if speaker is not None and speaker[0] < v.i else v.i
    # the cue clause must end the sentence
    last = max(v.right_edge.i, speaker[1] - 1 if speaker else v.i)
    for i in range(last + 1, sent.end):
        if not (doc[i].is_punct or doc[i].is_space):
            return []
    j = first - 1
    while j >= sent.start and (doc[j].is_space or doc[j].text in QUOTE_CHARS):
        j -= 1
    if j < sent.start or doc[j].text not in (",", "—", "–", "-"):
        return []
    if j - sent.start < 2 or not any(doc[i].tag_ in FINITE_TAGS for i in range(sent.start, j)):
        return []  # "Before dropping out, Cruz responded": a phrase, not a reported clause
    return [(sent.start, j)]
