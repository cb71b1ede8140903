"""Reporting cues: the words that signal an attribution.

Four families, all found in one linear pass over a parsed sentence:

* reporting verbs from ``toolkit/data/reporting_verbs.tsv`` ("said", "denied", "pointed out");
* "according to";
* agentless hedges: "reportedly", "allegedly" and passive "it is said", "is said to",
  "is believed to" (lemmas in ``toolkit/data/attribution_agentless.txt``);
* a colon after a name at the start of a headline ("Clinton: ...").

The lexicons are read once per process and kept as frozensets / dicts.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.tokens import Span, Token

from ..lexicons import load_table, load_terms

__all__ = ["Cue", "find_cues", "reporting_verbs"]

# Kinds of cue, in the order the extractor prefers them.
VERB = "verb"
ACCORDING = "according_to"
ADVERB = "agentless_adverb"
PASSIVE = "agentless_passive"
COLON = "colon"


@dataclass(frozen=True, slots=True)
class Cue:
    """One reporting cue: its kind, head token and exact character span."""

    kind: str
    head: int  # doc index of the cue's head token (the verb, "according", the adverb)
    start: int
    end: int
    lemma: str
    stance: str


@cache
def reporting_verbs() -> dict[str, str]:
    """Return reporting-verb lemma -> stance, from ``reporting_verbs.tsv`` (multi-word keys kept).

    >>> reporting_verbs()["deny"]
    'deny'
    """
    return {row["lemma"].lower(): row["stance"] or "assert" for row in load_table("reporting_verbs")}


@cache
def _single_verbs() -> frozenset[str]:
    return frozenset(k for k in reporting_verbs() if " " not in k)


@cache
def _particle_verbs() -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for key in reporting_verbs():
        if " " in key:
            verb, prt = key.split(" ", 1)
            out.setdefault(verb, set()).add(prt)
    return {k: frozenset(v) for k, v in out.items()}


@cache
def agentless_lexicon() -> tuple[frozenset[str], frozenset[str]]:
    """Return (agentless adverbs, passive verbs that make agentless cues) from the project lexicon.

    >>> adverbs, passives = agentless_lexicon()
    >>> "reportedly" in adverbs and "say" in passives
    True
    """
    adverbs: set[str] = set()
    passives: set[str] = set()
    for term in load_terms("attribution_agentless"):
        kind, _, word = term.partition(":")
        (adverbs if kind.strip() == "adverb" else passives).add(word.strip())
    return frozenset(adverbs), frozenset(passives)


def _verb_lemma(tok: Token) -> str:
    lemma = tok.lemma_.lower()
    # The small model lemmatises some past forms poorly in headlines ("Slams", "Rips").
    if lemma not in _single_verbs() and tok.lower_ in _single_verbs():
        return tok.lower_
    return lemma


def _is_passive(tok: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children)


def find_cues(sent: Span) -> list[Cue]:
    """Return the reporting cues of one sentence, in text order.

    >>> import spacy
    >>> from toolkit.nlp import load_model
    >>> doc = load_model()("He said it rained. It reportedly rained.")
    >>> [(c.kind, c.lemma) for s in doc.sents for c in find_cues(s)]
    [('verb', 'say'), ('agentless_adverb', 'reportedly')]
    """
    verbs = reporting_verbs()
    single = _single_verbs()
    particles = _particle_verbs()
    adverbs, passives = agentless_lexicon()
    doc = sent.doc
    out: list[Cue] = []
    for tok in sent:
        low = tok.lower_
        if low == "according" and tok.i + 1 < sent.end and doc[tok.i + 1].lower_ == "to":
            nxt = doc[tok.i + 1]
            out.append(Cue(ACCORDING, tok.i, tok.idx, nxt.idx + len(nxt), "according to", "assert"))
            continue
        if low in adverbs and tok.pos_ == "ADV":
            out.append(Cue(ADVERB, tok.i, tok.idx, tok.idx + len(tok), low, "assert"))
            continue
        if tok.pos_ not in ("VERB", "AUX") and not (tok.pos_ in ("NOUN", "PROPN") and tok.dep_ == "ROOT"):
            continue
        lemma = _verb_lemma(tok)
        if tok.pos_ != "VERB" and lemma not in ("say", "tell"):
            continue
        if lemma in passives and _is_passive(tok) and not any(c.dep_ == "agent" for c in tok.children):
            out.append(_passive_cue(tok, lemma))
            continue
        prts = [
            c
            for c in tok.children
            if c.dep_ in ("prt", "prep") and c.i == tok.i + 1 and c.lower_ in particles.get(lemma, ())
        ]
        if prts:
            p = prts[0]
            key = f"{lemma} {p.lower_}"
            start, _ = _verb_group(tok)
            out.append(Cue(VERB, tok.i, start, p.idx + len(p), key, verbs[key]))
            continue
        if lemma in single:
            start, end = _verb_group(tok)
            out.append(Cue(VERB, tok.i, start, end, lemma, verbs[lemma]))
    return out


_GROUP_DEPS = frozenset({"aux", "auxpass", "neg", "advmod"})


def _verb_group(tok: Token) -> tuple[int, int]:
    """Character span of the verb with its auxiliaries and adverbs before it ("has also said")
    and a colon right after it ("said:")."""
    doc = tok.doc
    j = tok.i - 1
    while j >= 0 and doc[j].head.i == tok.i and doc[j].dep_ in _GROUP_DEPS and not doc[j].is_punct:
        j -= 1
    start = doc[j + 1].idx
    end = tok.idx + len(tok)
    if tok.i + 1 < len(doc) and doc[tok.i + 1].text == ":":
        end = doc[tok.i + 1].idx + 1
    return start, end


def _passive_cue(tok: Token, lemma: str) -> Cue:
    """Span "it is said" / "are said to" / "is believed" around a passive verb."""
    doc = tok.doc
    start, end = tok.idx, tok.idx + len(tok)
    expl = [c for c in tok.children if c.dep_ == "nsubjpass" and c.lower_ == "it"]
    auxes = [c for c in tok.children if c.dep_ == "auxpass" and c.i < tok.i]
    if expl:
        start = min(start, expl[0].idx)
    elif auxes:
        start = min(start, auxes[0].idx)
    return Cue(PASSIVE, tok.i, start, end, lemma, "assert")
