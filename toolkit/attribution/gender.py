"""Speaker gender as the article signals it, and a first-name guess only as a fallback.

Evidence, best first (:data:`toolkit.types.GENDER_BASES`):

* ``honorific``: an honorific or title before the name ("Mr Blair", "Dame Judi Dench",
  "Prince Harry") or a gendered noun for the person ("spokeswoman Jane Doe", "his wife,
  Ann Lee", "a young woman") — ``gender_words.tsv``;
* ``pronoun``: a pronoun the article uses for the person: one resolved to the speaker, or one
  that unambiguously follows a mention (the only person named in the sentence, and the pronoun is
  a subject or possessive — "Lee said her team ...", "Lee spoke. She said ...");
* ``first name``: the share of women among the bearers of the first name in the
  ``nomquamgender`` reference data (MIT licence, offline), used only when the article says
  nothing and the share is decisive.

Only person speakers get a gender; organisations, countries, documents and groups never do.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import cache
from typing import Any

from spacy.tokens import Doc, Span, Token

from ..lexicons import load_table
from ..types import Gender, GenderBasis

__all__ = [
    "FIRST_NAME_VETO",
    "PRONOUN_GENDER",
    "Vote",
    "decide",
    "first_name_gender",
    "mention_votes",
    "person_votes",
    "word_gender",
]

Vote = tuple[Gender, GenderBasis]

PRONOUN_GENDER: dict[str, Gender] = {
    "he": "male", "him": "male", "his": "male", "himself": "male",
    "she": "female", "her": "female", "hers": "female", "herself": "female",
}
# A first name decides only when at least this share of its bearers in the reference data
# share one gender (nomquamgender's own default cut-off): "Kim" (0.67 female) stays unknown.
FIRST_NAME_CERTAINTY = 0.9
# A first name this one-sided ("Donald", "James": over 99 in 100 bearers share one gender) makes a
# pronoun of the other gender far likelier a coreference slip than the article's word; "Sam"
# (0.93 male) does not, and the article's "she" stands.
FIRST_NAME_VETO = 0.99
# A pronoun majority decides only when it outnumbers the other gender at least this many times:
# one misread "he" among four "she" should not flip the answer, two against two says nothing.
PRONOUN_MAJORITY = 2
# Dependency labels of a pronoun that refers back to the sentence's person: the subject of a
# clause or a possessive ("Lee said her team ..."); an object ("Lee praised her") is someone else.
_SELF_DEPS = frozenset({"nsubj", "nsubjpass", "poss"})


@cache
def _words() -> dict[str, Vote]:
    return {row["word"]: (row["gender"], row["basis"]) for row in load_table("gender_words")}  # type: ignore[misc]


def word_gender(word: str) -> Vote | None:
    """Return the gender an honorific or gendered noun signals, with its basis, or None.

    Gendered nouns count as ``honorific`` evidence: both are the article's own words.

    >>> word_gender("Mr"), word_gender("spokeswoman"), word_gender("spokesperson")
    (('male', 'honorific'), ('female', 'honorific'), None)
    """
    vote = _words().get(word.lower().strip(".’'"))
    if vote is None:
        vote = _words().get(word.lower())
    return (vote[0], "honorific") if vote is not None else None


def decide(votes: Iterable[Vote]) -> Vote:
    """Return the gender the votes support, honorifics and nouns before pronouns.

    >>> decide([("male", "pronoun"), ("female", "honorific")])
    ('female', 'honorific')
    >>> decide([("male", "pronoun"), ("female", "pronoun")])
    ('unknown', 'none')
    """
    by_basis: dict[str, Counter[str]] = {}
    for gender, basis in votes:
        by_basis.setdefault(basis, Counter())[gender] += 1
    for basis in ("honorific", "pronoun", "first name"):
        counts = by_basis.get(basis)
        if not counts:
            continue
        (top, n), *rest = counts.most_common() + [("unknown", 0)]
        if n >= PRONOUN_MAJORITY * rest[0][1] and n > rest[0][1]:
            return top, basis  # type: ignore[return-value]
        return "unknown", "none"  # the article contradicts itself: say nothing
    return "unknown", "none"


@cache
def _model() -> Any:
    # Imported on first use: the package reads 22 MB of reference data when imported, which
    # a run that never needs a first-name guess should not pay for.
    import nomquamgender

    return nomquamgender.NBGC()


def first_name_gender(first: str, *, certainty: float = FIRST_NAME_CERTAINTY) -> Gender:
    """Return the gender a first name suggests when the reference data is decisive, else unknown.

    ``certainty``: the share of its bearers that must share one gender.

    >>> first_name_gender("Jennifer"), first_name_gender("Samuel"), first_name_gender("Kim")
    ('female', 'male', 'unknown')
    >>> first_name_gender("Sam"), first_name_gender("Sam", certainty=FIRST_NAME_VETO)
    ('male', 'unknown')
    """
    if not first or not first[0].isalpha() or len(first) < 2:
        return "unknown"
    pgf = _model().get_pgf([first])[0]
    if pgf != pgf:  # NaN: not in the reference data
        return "unknown"
    if pgf >= certainty:
        return "female"
    if pgf <= 1 - certainty:
        return "male"
    return "unknown"


def mention_votes(tokens: Iterable[Token]) -> list[Vote]:
    """Votes of the honorifics and gendered nouns inside one mention ("a young woman", "Ms Lee").

    >>> import spacy
    >>> mention_votes(spacy.blank("en")("the party chairwoman"))
    [('female', 'honorific')]
    """
    out = []
    for t in tokens:
        vote = word_gender(t.text)
        if vote is not None and (t.i + 1 >= len(t.doc) or t.doc[t.i + 1].text not in ("-", "’s", "'s")):
            out.append(vote)
    return out


def _near_words(ent: Span) -> Iterator[Token]:
    """Yield the words that describe a PERSON entity: the titles before it, its apposition and head."""
    doc = ent.doc
    k = ent.start - 1
    while k >= 0 and k >= ent.start - 3 and (doc[k].pos_ in ("PROPN", "NOUN") or doc[k].text.lower() in ("mr.", "mrs.", "ms.")):
        yield doc[k]
        k -= 1
    yield from (t for t in ent if t.i == ent.start)  # "Mr" tagged inside the entity
    root = ent.root
    if root.dep_ == "appos" or (root.dep_ == "compound" and root.head.pos_ == "NOUN"):
        yield root.head
    yield from (c for c in root.children if c.dep_ == "appos" and c.pos_ == "NOUN")


def person_votes(ents: Sequence[Span], quoted: Callable[[int], bool]) -> Iterator[tuple[Span, Vote]]:
    """Yield ``(PERSON entity, vote)`` for every gender signal the article gives a named person.

    ``ents`` are the article's PERSON entities, in order.  ``quoted(char)`` tells whether a
    character offset is inside a quotation: a pronoun inside a quote is the speaker's, not the
    reporter's, and is not evidence.

    >>> from toolkit.nlp import load_model
    >>> doc = load_model()("Mr Tom Park arrived.")
    >>> [v for _, v in person_votes([e for e in doc.ents if e.label_ == "PERSON"], lambda _: False)][:1]
    [('male', 'honorific')]
    """
    if not ents:
        return
    doc = ents[0].doc
    for ent in ents:
        for t in _near_words(ent):
            vote = word_gender(t.text)
            if vote is not None:
                yield ent, vote
    by_sent: dict[int, list[Span]] = {}
    for ent in ents:
        if not quoted(ent.start_char):
            by_sent.setdefault(ent.sent.start, []).append(ent)
    for group in by_sent.values():
        if len({e[-1].lower_ for e in group}) != 1:
            continue  # two people in the sentence: a pronoun could be either's
        ent = group[0]
        sent = ent.sent
        for t in doc[ent.end : sent.end]:
            if t.lower_ in PRONOUN_GENDER and t.dep_ in _SELF_DEPS and not quoted(t.idx):
                yield ent, (PRONOUN_GENDER[t.lower_], "pronoun")
        if ent.root.dep_ in ("nsubj", "nsubjpass") and sent.end < len(doc):
            yield from ((ent, v) for v in _next_subject(doc, doc[sent.end].sent, quoted))


def _next_subject(doc: Doc, sent: Span, quoted: Callable[[int], bool]) -> Iterator[Vote]:
    """Yield the vote of the subject pronoun opening the next sentence, if no person comes before it."""
    for t in sent:
        if t.ent_type_ == "PERSON" or t.pos_ == "PROPN":
            return
        if t.dep_ in ("nsubj", "nsubjpass"):
            if t.lower_ in PRONOUN_GENDER and not quoted(t.idx):
                yield PRONOUN_GENDER[t.lower_], "pronoun"
            return
