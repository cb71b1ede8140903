"""Reporting cues: the words that signal an attribution.

Four families, all found in one linear pass over a parsed sentence:

* reporting verbs from ``toolkit/data/reporting_verbs.tsv`` ("said", "denied", "pointed out");
* "according to";
* agentless hedges: "reportedly", "allegedly" and passive "it is said", "is said to",
  "is believed to" (lemmas in ``toolkit/data/attribution_agentless.txt``);
* a colon after a name at the start of a headline ("Clinton: ...");
* belief adjectives with a clause ("is adamant that", ``attribution_adjectives.txt``).

The lexicons are read once per process and kept as frozensets / dicts.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.strings import get_string_id
from spacy.tokens import Span, Token

from ..lexicons import load_table, load_terms

__all__ = ["Cue", "adjective_clause", "as_phrase", "belief_adjectives", "content_stance_terms", "contracted_perfect", "find_cues", "frames", "judged_as", "judging_verbs", "object_control_verbs", "reporting_verbs", "speech_vehicles"]

# Kinds of cue, in the order the extractor prefers them.
VERB = "verb"
ACCORDING = "according_to"
ADVERB = "agentless_adverb"
PASSIVE = "agentless_passive"
COLON = "colon"
NOUN = "noun"
ADJECTIVE = "adjective"
# "Experts regard X as Y": an active verb of judging with its object and "as" phrase.
JUDGING = "judging"
DASH = "dash"
# A quotation with no cue of its own that continues the previous speaker (zero-width cue).
CONTINUATION = "continuation"


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
    return {
        row["lemma"].lower(): row["stance"] or "assert" for row in load_table("reporting_verbs")
    }


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
        if kind.strip() != "as":
            (adverbs if kind.strip() == "adverb" else passives).add(word.strip())
    return frozenset(adverbs), frozenset(passives)


@cache
def judging_verbs() -> frozenset[str]:
    """Return the verbs whose agentless passive with "as" attributes a description ("is seen as").

    >>> "see" in judging_verbs(), "say" in judging_verbs()
    (True, False)
    """
    out = set()
    for term in load_terms("attribution_agentless"):
        kind, _, word = term.partition(":")
        if kind.strip() == "as":
            out.add(word.strip())
    return frozenset(out)


def judged_as(tok: Token) -> tuple[Token, Token] | None:
    """Return (object, "as") of an active verb of judging ("Experts regard X as Y"), if any.

    The object is a noun or a gerund after the verb; the parse hangs "as" on either.

    >>> import spacy
    >>> judged_as(spacy.blank("en")("regard")[0]) is None
    True
    """
    if _is_passive(tok):
        return None
    obj = next((c for c in tok.children if c.dep_ in ("dobj", "xcomp") and c.i > tok.i), None)
    if obj is None:
        return None
    prep = next(
        (c for c in (*tok.children, *obj.children) if c.dep_ == "prep" and c.lower_ == "as" and c.i > obj.i and c.n_rights > 0),
        None,
    )
    return None if prep is None else (obj, prep)


def as_phrase(tok: Token) -> Token | None:
    """Return the "as" of an agentless passive description ("are seen as an obstacle"), if any.

    A passive ("is seen as") or a bare participle on a noun ("the town, described as ...");
    with a "by" agent the describer is named and the verb is a cue of its own.

    >>> import spacy
    >>> as_phrase(spacy.blank("en")("seen")[0]) is None
    True
    """
    # the parse may hang the "by" phrase on the description ("described as “X” by the agency")
    if tok.tag_ != "VBN" or any(c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by") for c in tok.subtree):
        return None
    if not (_is_passive(tok) or tok.dep_ == "acl"):
        return None
    return next(
        # "as an obstacle", "as vital to ...": the description hangs on "as"
        (c for c in tok.children if c.dep_ == "prep" and c.lower_ == "as" and c.n_rights > 0),
        None,
    )


@cache
def reporting_nouns() -> dict[str, str]:
    """Return reporting noun -> claim stance, from ``attribution_nouns.txt``.

    >>> reporting_nouns()["denial"]
    'deny'
    """
    out: dict[str, str] = {}
    for term in load_terms("attribution_nouns"):
        stance, _, word = term.partition(":")
        out[word.strip()] = stance.strip()
    return out


@cache
def belief_adjectives() -> dict[str, str]:
    """Return belief adjective -> claim stance, from ``attribution_adjectives.txt``.

    >>> belief_adjectives()["adamant"], belief_adjectives()["doubtful"]
    ('assert', 'question')
    """
    out: dict[str, str] = {}
    for term in load_terms("attribution_adjectives"):
        stance, _, word = term.partition(":")
        out[word.strip()] = stance.strip()
    return out


def adjective_clause(tok: Token) -> tuple[Token, Token] | None:
    """Return (copula clause, content clause) of a belief adjective ("is adamant (that) S").

    The parse hangs the clause on the adjective or on its copula, and reads "is concerned" as
    a passive; the clause must follow the adjective.

    >>> import spacy
    >>> adjective_clause(spacy.blank("en")("adamant")[0]) is None
    True
    """
    doc = tok.doc
    if tok.dep_ == "acomp":
        frame = tok.head
    elif any(c.dep_ == "auxpass" and c.lemma_ == "be" for c in tok.children):
        frame = tok  # "is concerned the laws would ...": read as a passive verb
    elif tok.i > 0 and doc[tok.i - 1].lemma_ == "be" and doc[tok.i - 1].pos_ == "AUX":
        frame = doc[tok.i - 1]  # "is adamant journalists must ...": the adjective misread as a modifier
    else:
        return None
    for h in (tok, frame):
        clause = next((c for c in h.children if c.dep_ == "ccomp" and c.i > tok.i), None)
        if clause is not None:
            return frame, clause
    return None


@cache
def object_control_verbs() -> frozenset[str]:
    """Return the lemmas of object-control verbs ("led X to announce"), ``object_control_verbs.txt``.

    >>> "prompt" in object_control_verbs(), "use" in object_control_verbs()
    (True, False)
    """
    return frozenset(load_terms("object_control_verbs"))


@cache
def speech_vehicles() -> tuple[frozenset[str], frozenset[str]]:
    """Return (vehicle nouns, issuing verb lemmas) from ``speech_vehicles.txt``.

    >>> nouns, verbs = speech_vehicles()
    >>> "statement" in nouns, "issue" in verbs
    (True, True)
    """
    table: dict[str, set[str]] = {"noun": set(), "verb": set()}
    for term in load_terms("speech_vehicles"):
        kind, _, word = term.partition(":")
        table[kind.strip()].add(word.strip())
    return frozenset(table["noun"]), frozenset(table["verb"])


@cache
def frames() -> dict[str, frozenset[str]]:
    """Return frame -> verbs (object / addressee / infinitive) from ``attribution_frames.txt``.

    >>> "tell" in frames()["addressee"]
    True
    """
    out: dict[str, set[str]] = {}
    for term in load_terms("attribution_frames"):
        frame, _, verb = term.partition(":")
        out.setdefault(frame.strip(), set()).add(verb.strip())
    return {k: frozenset(v) for k, v in out.items()}


@cache
def content_stance_terms() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """Return (truth words whose negation denies, falsity words, accusation words).

    >>> truth, false, accuse = content_stance_terms()
    >>> "true" in truth
    True
    """
    groups: dict[str, set[str]] = {"truth": set(), "false": set(), "accuse": set()}
    for term in load_terms("attribution_content_stance"):
        kind, _, word = term.partition(":")
        groups.get(kind.strip(), set()).add(word.strip())
    return frozenset(groups["truth"]), frozenset(groups["false"]), frozenset(groups["accuse"])


def noun_clause(tok: Token) -> Token | None:
    """Return the "that"-clause or "to"-infinitive a reporting noun introduces, if any."""
    for c in tok.rights:
        if c.dep_ in ("acl", "ccomp", "appos", "relcl") and c.pos_ in ("VERB", "AUX"):
            marks = [g for g in c.children if g.dep_ in ("mark", "aux")]
            introduced = any(g.lower_ == "that" and g.dep_ == "mark" for g in marks) or any(
                g.lower_ == "to" and g.i < c.i for g in marks
            )
            # "the claim that he made" is a relative clause, not the content
            relative = any(
                g.dep_ in ("dobj", "nsubj", "nsubjpass") and g.lower_ == "that" for g in c.children
            )
            if introduced and not relative:
                return c
    return _misattached_infinitive(tok)


def _misattached_infinitive(tok: Token) -> Token | None:
    """Return a "to"-infinitive right after an object noun that the parse hung on the verb.

    In "renewed his vow to cut taxes" the parser often reads "to cut" as the purpose of
    "renewed"; right after the reporting noun it is the noun's content.
    """
    head = tok.head
    if tok.dep_ != "dobj" or tok.right_edge.i != tok.i:
        return None
    for c in head.rights:
        to = c.i - 1
        if (
            c.dep_ in ("advcl", "xcomp")
            and c.tag_ == "VB"
            and to == tok.i + 1
            and tok.doc[to].lower_ == "to"
            and tok.doc[to].head.i == c.i
        ):
            return c
    return None


def _noun_has_clause(tok: Token) -> bool:
    return noun_clause(tok) is not None


@cache
def _candidate_ids() -> frozenset[int]:
    """Return the string ids of every word that can start a cue (lemmas and lower-case forms)."""
    words: set[str] = {"according"}
    words.update(k.split()[0] for k in reporting_verbs())
    words.update(reporting_nouns())
    words.update(belief_adjectives())
    adverbs, passives = agentless_lexicon()
    words.update(adverbs)
    words.update(passives)
    words.update(judging_verbs())
    return frozenset(get_string_id(w) for w in words)


def _verb_lemma(tok: Token) -> str:
    lemma = tok.lemma_.lower()
    # The small model lemmatises some past forms poorly in headlines ("Slams", "Rips").
    if lemma not in _single_verbs() and tok.lower_ in _single_verbs():
        return tok.lower_
    return lemma


def contracted_perfect(tok: Token) -> bool:
    """Tell whether a verb the parse read as passive is "has" contracted ("He's said he will ...").

    "'s" before a past participle with a clause of its own is "has", not "is": an active verb
    whose "passive subject" is its speaker.

    >>> import spacy
    >>> contracted_perfect(spacy.blank("en")("said")[0])
    False
    """
    aux = [c for c in tok.children if c.dep_ == "auxpass"]
    return (
        len(aux) == 1
        and aux[0].lower_ in ("'s", "’s")
        # "it's said that ...": the impersonal passive stays agentless
        and any(
            c.dep_ in ("nsubj", "nsubjpass")
            and c.pos_ in ("PRON", "PROPN", "NOUN")
            and c.lower_ not in ("it", "this", "that")
            for c in tok.children
        )
        and any(c.dep_ == "ccomp" for c in tok.children)
    )


def _is_passive(tok: Token) -> bool:
    if contracted_perfect(tok):
        return False
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
    nouns = reporting_nouns()
    wanted = _candidate_ids()
    doc = sent.doc
    out: list[Cue] = []
    for tok in sent:
        # cheap integer test first: most tokens are no cue at all
        if tok.lower not in wanted and tok.lemma not in wanted:
            continue
        low = tok.lower_
        if low == "according" and tok.i + 1 < sent.end and doc[tok.i + 1].lower_ == "to":
            nxt = doc[tok.i + 1]
            out.append(Cue(ACCORDING, tok.i, tok.idx, nxt.idx + len(nxt), "according to", "assert"))
            continue
        if low in adverbs and tok.pos_ == "ADV":
            out.append(Cue(ADVERB, tok.i, tok.idx, tok.idx + len(tok), low, "assert"))
            continue
        if low in belief_adjectives() and tok.pos_ in ("ADJ", "VERB") and adjective_clause(tok) is not None:
            stance = belief_adjectives()[low]
            out.append(Cue(ADJECTIVE, tok.i, tok.idx, tok.idx + len(tok), low, stance))
            continue
        if tok.pos_ == "NOUN" and low in nouns and _noun_has_clause(tok):
            out.append(
                Cue(NOUN, tok.i, tok.idx, tok.idx + len(tok), tok.lemma_.lower(), nouns[low])
            )
            continue
        if tok.pos_ not in ("VERB", "AUX") and not (
            tok.pos_ in ("NOUN", "PROPN") and tok.dep_ == "ROOT"
        ) and not inverted_after_quote(tok):
            continue
        lemma = _verb_lemma(tok)
        if tok.pos_ != "VERB" and lemma not in ("say", "tell") and not inverted_after_quote(tok):
            continue
        if lemma in judging_verbs() and as_phrase(tok) is not None:
            out.append(_passive_cue(tok, lemma))
            continue
        if lemma in judging_verbs() and judged_as(tok) is not None:
            start, end = _verb_group(tok)
            out.append(Cue(JUDGING, tok.i, start, end, lemma, "assert"))
            continue
        if (
            lemma in passives
            and _is_passive(tok)
            and not any(c.dep_ == "agent" for c in tok.children)
        ):
            out.append(_passive_cue(tok, lemma))
            continue
        prts = [
            c
            for c in tok.children
            if c.dep_ in ("prt", "prep")
            and c.i == tok.i + 1
            and c.lower_ in particles.get(lemma, ())
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


_CLOSING_MARKS = frozenset({'"', "”", "»", "''"})


def inverted_after_quote(tok: Token) -> bool:
    """Tell whether a present-tense cue right after a quotation was read as a name's modifier.

    ("“We love cats!” reply Burton and Nick": the parse makes "reply" a compound of "Burton").

    >>> import spacy
    >>> inverted_after_quote(spacy.blank("en")('"Hi" reply')[2])
    False
    """
    return (
        tok.dep_ == "compound"
        and tok.pos_ == "NOUN"
        and tok.head.pos_ == "PROPN"
        and tok.head.i > tok.i
        and tok.i > 0
        and tok.doc[tok.i - 1].text in _CLOSING_MARKS
    )


_GROUP_DEPS = frozenset({"aux", "auxpass", "neg", "advmod"})


def _verb_group(tok: Token) -> tuple[int, int]:
    """Return the character span of a verb with the auxiliaries and adverbs before it.

    "has also said" is one cue, and so is "said:" with its colon.
    """
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
    """Span "it is said" / "are said" / "is believed" around a passive verb."""
    start, end = tok.idx, tok.idx + len(tok)
    expl = [c for c in tok.children if c.dep_ == "nsubjpass" and c.lower_ == "it"]
    auxes = [c for c in tok.children if c.dep_ == "auxpass" and c.i < tok.i]
    if expl:
        start = min(start, expl[0].idx)
    elif auxes:
        start = min(start, auxes[0].idx)
    return Cue(PASSIVE, tok.i, start, end, lemma, "assert")
