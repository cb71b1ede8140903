"""Trims of a speaker mention: what the parse hangs on a source's noun phrase but does not name it.

:func:`.spans.mention_range` spans the noun phrase the news convention calls the source
("Rick Wilson, a Florida-based Republican strategist").  The parse also hangs on that phrase
clauses that are something else: a claim of its own ("Podesta, who said the project was
vetted, said ..."), a circumstance ("Clinton, speaking to reporters on her plane, said ..."),
a focus adverb ("even the organiser said").  Each trim is one small rule with one signature,
``(head token, token range) -> token range``; :func:`trim_mention` runs them in order.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from . import cues as C
from .spans import TokenRange, trim

__all__ = ["MENTION_TRIMS", "MentionTrim", "trim_mention"]

MentionTrim = Callable[[Token, TokenRange], TokenRange]

# Focus adverbs in front of a source narrow or stress it ("even the organiser", "only 7 percent");
# the source is the phrase after them.
_FOCUS = frozenset({"even", "only", "just", "also", "too"})
# Clausal complements: a relative clause whose reporting verb has one reports a claim of its own.
_CLAIM_DEPS = frozenset({"ccomp", "xcomp"})


def _cut_right(head: Token, rng: TokenRange, clause: Token) -> TokenRange:
    """Cut ``rng`` before ``clause`` (a dependent right of ``head``) and its leading comma."""
    a, b = rng
    start = clause.left_edge.i
    if not (head.i < start < b):
        return rng
    a2, b2 = trim(head.doc, a, start)
    return (a2, b2) if b2 > a2 else rng


def drop_claim_clause(head: Token, rng: TokenRange) -> TokenRange:
    """Drop a relative clause that reports a claim of its own ("Podesta, who said X, said Y").

    The clause is another attribution (its speaker is "who"), so it is not part of this one's
    source.

    >>> from toolkit.nlp import load_model
    >>> doc = load_model()("Podesta, who said the project was vetted, said he was unaware.")
    >>> doc[slice(*drop_claim_clause(doc[0], (0, 8)))].text
    'Podesta'
    """
    for c in head.rights:
        if (
            c.dep_ == "relcl"
            and c.lemma_.lower() in C.reporting_verbs()
            and any(g.dep_ in _CLAIM_DEPS for g in c.children)
        ):
            return _cut_right(head, rng, c)
    return rng


def drop_participle(head: Token, rng: TokenRange) -> TokenRange:
    """Drop a participle set off by a comma ("Clinton, speaking to reporters, said").

    It tells the circumstance of the statement, not who the source is.

    >>> from toolkit.nlp import load_model
    >>> doc = load_model()("Sherman, speaking of politicians, said the plan would fail.")
    >>> doc[slice(*drop_participle(doc[0], (0, 5)))].text
    'Sherman'
    """
    doc = head.doc
    for c in head.rights:
        edge = c.left_edge.i
        if (
            c.dep_ in ("acl", "advcl")
            and c.tag_ in ("VBG", "VBN")
            and edge > head.i
            and doc[edge - 1].text == ","
        ):
            return _cut_right(head, rng, c)
    return rng


def drop_focus_adverb(head: Token, rng: TokenRange) -> TokenRange:
    """Drop a focus adverb in front of the source ("even the organiser", "only 7 percent").

    >>> from toolkit.nlp import load_model
    >>> doc = load_model()("Even the organiser said the rules were unfair.")
    >>> doc[slice(*drop_focus_adverb(doc[2], (0, 3)))].text
    'the organiser'
    """
    a, b = rng
    doc = head.doc
    if b - a > 1 and doc[a].lower_ in _FOCUS and doc[a].i != head.i and doc[a].pos_ == "ADV":
        return a + 1, b
    return rng


# Dashes that end a dateline ("WASHINGTON (AP) —", "New York (AFP) –").
_DATELINE_DASHES = frozenset({"—", "–", "--", "-"})


def drop_dateline(head: Token, rng: TokenRange) -> TokenRange:
    """Drop a dateline the parse made the head ("CLEVELAND (UPI) — Michael Mukasey told").

    A place heading the mention with a name in apposition after a dash is the dateline; the
    source is the name after the dash.

    >>> from toolkit.nlp import load_model
    >>> doc = load_model()("CLEVELAND (UPI) — Former Attorney General Michael Mukasey told delegates so.")
    >>> doc[slice(*drop_dateline(doc[0], (0, 9)))].text
    'Former Attorney General Michael Mukasey'
    """
    if head.ent_type_ not in ("GPE", "LOC") and not head.text.isupper():
        return rng
    doc = head.doc
    for c in head.rights:
        if c.dep_ != "appos":
            continue
        dashes = [i for i in range(head.i + 1, c.left_edge.i) if doc[i].text in _DATELINE_DASHES]
        if dashes:
            return trim(doc, dashes[-1] + 1, max(rng[1], c.right_edge.i + 1))
    return rng


# Prepositions of the speech event the parse hangs on its speaker ("on Monday", "in an interview").
_EVENT_PREPS = frozenset({"on", "in", "via", "during", "at"})
# Times named by a common noun ("Trump at the time said"), which entity labels miss.
_EVENT_TIMES = frozenset({"time", "moment"})


def drop_event_phrase(head: Token, rng: TokenRange) -> TokenRange:
    """Drop a phrase of time or medium hung on the source ("Comey, on Monday", "Trump in his speech").

    When it was said and through what belong to the statement, not to who made it.

    >>> from toolkit.nlp import load_model
    >>> doc = load_model()("The mayor in an interview said the bridge would reopen.")
    >>> doc[slice(*drop_event_phrase(doc[1], (0, 5)))].text
    'The mayor'
    """
    nouns, _ = C.speech_vehicles()
    for c in head.rights:
        if c.dep_ != "prep" or c.lower_ not in _EVENT_PREPS or c.right_edge.i + 1 < rng[1]:
            continue
        pobj = [g for g in c.children if g.dep_ == "pobj"]
        if pobj and (
            pobj[0].ent_type_ in ("DATE", "TIME") or pobj[0].lemma_.lower() in nouns | _EVENT_TIMES
        ):
            return _cut_right(head, rng, c)
    return rng


# Floating quantifiers after a source ("Richards and Menendez both stressed"): they count the
# source, they do not name it.
_FLOATING = frozenset({"both", "all", "each", "alone"})


def drop_floating_quantifier(head: Token, rng: TokenRange) -> TokenRange:
    """Drop a quantifier floated after the source ("Ann Lee and Bo Chen both said").

    >>> from toolkit.nlp import load_model
    >>> doc = load_model()("Ann Lee and Bo Chen both said the plan would fail.")
    >>> doc[slice(*drop_floating_quantifier(doc[1], (0, 6)))].text
    'Ann Lee and Bo Chen'
    """
    a, b = rng
    last = head.doc[b - 1]
    if b - a > 1 and last.lower_ in _FLOATING and last.i > head.i:
        return trim(head.doc, a, b - 1)
    return rng


MENTION_TRIMS: tuple[MentionTrim, ...] = (
    drop_floating_quantifier,
    drop_dateline,
    drop_claim_clause,
    drop_participle,
    drop_event_phrase,
    drop_focus_adverb,
)


def trim_mention(head: Token, rng: TokenRange) -> TokenRange:
    """Run every trim of :data:`MENTION_TRIMS` over the mention ``rng`` headed by ``head``.

    >>> import spacy
    >>> trim_mention(spacy.blank("en")("officials")[0], (0, 1))
    (0, 1)
    """
    for rule in MENTION_TRIMS:
        rng = rule(head, rng)
    return rng
