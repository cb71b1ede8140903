"""Who an article names: its people, organisations and places, and the fullest form of each name.

One per-article index the speaker coreference (:mod:`.coref`) reads: named people outside quotes
(pronoun antecedents), organisations and places, the names the article uses in text order, and
how a short form stands for a full one (surname, or a first word for names written surname
first).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Sequence
from functools import cached_property

from spacy.tokens import Doc, Span, Token

from .gender import Vote, person_votes
from .names import (
    HONORIFICS,
    name_key,
    organization_alias,
    person_name,
    same_person,
    surname,
    titles,
    whole_name,
)
from .source_words import agent_noun, person_noun, terms
from .spans import TokenRange
from .speakers import MentionInfo

__all__ = ["PRINCIPAL", "ArticlePeople", "at_place", "calls_name", "described_name", "missed_names", "org_tail", "surname_first"]

# A surname alone names the article's principal bearer of it when that full name is used at
# least this many times as often as any other full name ending with it ("Trump" next to
# "Donald Trump" x6 and "Eric Trump" x1).
PRINCIPAL = 2


class ArticlePeople:
    """Per-article lookups: sentence and paragraph of a token, named people and organisations."""

    def __init__(self, doc: Doc, quoted: Callable[[int], bool], mention_spans: list[TokenRange]) -> None:
        self.doc = doc
        self.sent_starts = [s.start for s in doc.sents]
        text = doc.text
        self.breaks = [m.start() for m in re.finditer(r"\n\s*", text)]  # one per paragraph break
        inside = [False] * len(doc)
        for a, b in mention_spans:
            for i in range(a, b):
                inside[i] = True
        ents = doc.ents  # rebuilt by spaCy on every access: read once
        bodies_named = _mostly_bodies(ents)
        # ... and a party's name ("Labour", tagged PERSON) is nobody's
        named = {(e.start, e.end): None if _company_tail(e[-1]) or _after_body_noun(e) or name_key(e.text) in bodies_named
                 or organization_alias(e.text) else person_name(whole_name(e)) for e in ents if e.label_ == "PERSON"}
        surnames = {k for n in named.values() if (k := surname(n)) is not None}
        missed = missed_names(doc, ents, surnames | _honorific_surnames(doc))
        named |= {(m.start, m.end): m.text for m in missed}
        # "The San Francisco Chronicle … The Chronicle says": the tagger's PERSON on "the" and the
        # end of an organisation's name is that organisation (nobody calls a person "the Juncker")
        org_keys = [name_key(e.text) for e in ents if e.label_ == "ORG"]
        full = [n for n in named.values() if n is not None and len(name_key(n).split()) > 1]
        for (start, end), n in named.items():
            definite = _after_the(doc[start:end])
            if n is not None and definite and org_tail(n, org_keys) and not any(same_person(n, f) for f in full):
                named[start, end] = None
        reporter = [e for e in ents if not quoted(e.start_char) and not inside[e.start]]
        # "the win at Blackburn": a "person" after a preposition of place is a place
        self.people = [
            e for e in reporter
            if e.label_ == "PERSON" and named[e.start, e.end] is not None and not at_place(e)
            and not _modifier(e)  # "Lib Dem plans", "a Linux or Mac version": a modifier, not someone mentioned
        ] + [m for m in missed if not quoted(m.start_char) and not inside[m.start]]
        # "US regulatory approval", "Californian wine": a modifier names nothing that speaks
        bodies = [e for e in reporter if e.root.dep_ not in ("compound", "amod")]
        self.missed = missed
        missed_at = {i for m in missed for i in range(m.start, m.end)}
        self.orgs = [e for e in bodies if e.label_ in ("ORG", "NORP") and e.start not in missed_at]
        self.places = [e for e in bodies if e.label_ == "GPE"]
        self._quoted, self._inside = quoted, inside
        self.names = [n for n in named.values() if n is not None]
        self.name_starts = sorted((a, n) for (a, _), n in named.items() if n is not None)
        self.given_first = surname_first(self.name_starts)
        self.surnames = {k for n in self.names if (k := surname(n)) is not None}
        # a person's surname the tagger read as an organisation ("Skaik said") is still that person,
        # and a pronoun's antecedent ("Corbyn is accused … His refusal …")
        surname_orgs = [e for e in self.orgs if name_key(e.text) in self.surnames]
        self.orgs = [e for e in self.orgs if name_key(e.text) not in self.surnames]
        self.places = [e for e in self.places if name_key(e.text) not in self.surnames]
        # ... and a surname subject it left untagged ("Robben had a scan. ... he told") a candidate
        # (a surname subject the tagger gave another label, "Cueto" as a work of art, counts too)
        taken = {i for e in [*ents, *missed] if e.label_ in ("PERSON", "ORG") for i in range(e.start, e.end)}
        self.people = sorted(
            self.people + [e for e in surname_orgs if e.label_ == "ORG" and not _after_the(e)] + [
                doc[t.i : t.i + 1] for t in doc
                if t.pos_ == "PROPN" and t.dep_ in ("nsubj", "nsubjpass") and t.i not in taken
                and not inside[t.i] and name_key(t.text) in self.surnames and not quoted(t.idx)
            ],
            key=lambda e: e.start,
        )
        self.surname_votes: dict[str, list[Vote]] = {}
        for ent, vote in person_votes([e for e in ents if named.get((e.start, e.end))], quoted):
            key = surname(named[ent.start, ent.end])
            if key:
                self.surname_votes.setdefault(key, []).append(vote)

    @cached_property
    def documents(self) -> list[Span]:
        """Documents the reporter names ("a short statement … was presented"): what a following "It said" may be.

        Read only when an "it" needs an antecedent: most articles never walk their noun chunks.
        """
        return [
            nc for nc in self.doc.noun_chunks
            if nc.root.pos_ == "NOUN" and nc.root.lemma_.lower() in terms("document_sources")
            and nc.root.dep_ in _DOCUMENT_DEPS and not self._quoted(nc.start_char) and not self._inside[nc.root.i]
        ]

    @cached_property
    def groups(self) -> list[Span]:
        """Groups of people the reporter makes the subject of a clause: what a later "they said" may be.

        "Many legal Hispanic workers left the state. … They said …": the group never spoke before.
        Read only when a "they" needs an antecedent.
        """
        return [
            nc for nc in self.doc.noun_chunks
            if nc.root.tag_ == "NNS" and nc.root.dep_ in ("nsubj", "nsubjpass")
            and (person_noun(nc.root.lemma_.lower()) or agent_noun(nc.root.lemma_.lower()))
            and not self._quoted(nc.start_char) and not self._inside[nc.root.i]
        ]

    def sent(self, i: int) -> int:
        """Return the index of the sentence holding token ``i``."""
        return bisect_right(self.sent_starts, i) - 1

    def para(self, i: int) -> int:
        """Return the index of the paragraph holding token ``i``."""
        return bisect_right(self.breaks, self.doc[i].idx)

    def full_name(self, name: str, *, first_use: int | None = None) -> str:
        """Return the fullest form of ``name`` the article uses, when only one person fits.

        ``first_use``: the token where the short form is first used.  With two people of that
        surname, the one the article has introduced by then is meant ("Michael Howard … Mr
        Howard added … Australia's PM, John Howard").
        """
        longer = [n for n in self.names if same_person(name, n) and len(name_key(n)) > len(name_key(name))]
        fullest = [n for n in longer if not any(same_person(n, o) and len(o) > len(n) for o in longer)]
        counts = Counter(name_key(n) for n in fullest).most_common()
        if not counts:
            return name
        key = counts[0][0]
        if len(counts) > 1 and counts[0][1] < PRINCIPAL * counts[1][1]:
            # "Brown" with both "Gordon Brown" and "Nick Brown": only the order of introduction can choose
            keys = {name_key(n) for n in fullest}
            introduced = {name_key(n) for a, n in self.name_starts if a < (first_use or 0) and name_key(n) in keys}
            if len(introduced) != 1:
                return name
            key = introduced.pop()
        return max((n for n in fullest if name_key(n) == key), key=len)

    def named_other(self, name: str, short_forms: Sequence[str], *, first_use: int | None) -> bool:
        """Tell whether someone known only by a surname already stands for another full name.

        "Michael Howard … Mr Howard added" is not the "John Howard" named later.
        """
        if len(name_key(name).split()) < 2 or not short_forms or any(len(name_key(n).split()) > 1 for n in short_forms):
            return False
        meant = self.full_name(short_forms[0], first_use=first_use)
        return len(name_key(meant).split()) > 1 and not same_person(name, meant)

    def in_full(self, name: str | None, pos: int) -> str | None:
        """Return the full name a one-word name at token ``pos`` stands for, when written surname first.

        Of the full names the word begins, the one the article has introduced by ``pos``: news
        names a person in full before shortening the name ("Lee Jae-myung … Lee said … Interior
        Minister Lee Sang-min"); with two introduced, the word stays as written.
        """
        if not name:
            return name
        owners = [full for start, full in self.given_first.get(name_key(name), ()) if start < pos]
        return owners[0] if len(owners) == 1 else name

    def bare_name(self, span: Span, info: MentionInfo) -> str | None:
        """Return a name the tagger missed: "Mr Chakkara", or a surname of a person the article names."""
        inner = next((m for m in self.missed if span.start <= m.start and m.end <= span.end), None)
        if inner is not None:  # "Ashok Vishwanathan of Operation Black Vote, which …": the name the tagger missed
            return inner.text
        words = [t for t in span if t.text not in ("’s", "'s")]
        # "Skaik, of the Turkish Friendship Hospital": the name before an apposition's comma,
        # when it is the surname of someone the article names in full
        comma = next((k for k, t in enumerate(words) if k and t.text == ","), None)
        if comma is not None:
            text = span.doc[words[0].i : words[comma - 1].i + 1].text
            full = [n for n in self.names if len(name_key(n).split()) > 1 and same_person(text, n)]
            return text if full and all(t.text[:1].isupper() for t in words[:comma]) else None
        titled = bool(words) and words[0].lower_.strip(".") in titles()
        while len(words) > 1 and words[0].lower_.strip(".") in titles() | {"the"}:
            words = words[1:]
        # a hyphen joins the parts of one name ("Jean-Claude Juncker")
        parts = [t for t in words if t.text != "-"]
        if not parts or len(parts) > 3 or not all(t.text[:1].isupper() for t in parts):
            return None
        text = span.doc[words[0].i : words[-1].i + 1].text
        known = surname(text) in self.surnames and any(same_person(text, n) for n in self.names)
        return text if known or (titled and info.kind == "person") else None


_PLACE_PREPS = frozenset({"at", "in"})
# A full name is two or three words ("Darleen Druyun", "Eva-Marie Persson", "Hori Te Parata").
_NAME_WORDS = (2, 3)
# ... or one, two or three after the person noun that describes its bearer ("administrator Sloncek").
_TITLED_NAME_WORDS = (1, 2, 3)
_MODIFIER_DEPS = frozenset({"compound", "nmod"})
# Last words of company names that are nobody's surname.
_COMPANY_TAILS = frozenset({"railway", "railways", "airline", "airlines", "airways", "motors", "holdings",
                            "industries", "inc", "ltd", "plc", "corp", "corporation", "group"})
# Where a document the reporter names stands when a later "it" can be it.
_DOCUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "attr"})
_BODY_OR_PLACE = frozenset({"PERSON", "ORG", "NORP", "GPE", "LOC", "FAC"})


def described_name(info: MentionInfo) -> str | None:
    """Return the personal name the mention's description found where the tagger found none.

    "former special envoy to Ukraine Kurt Volker" (tagged ORG): the description splits off
    "Kurt Volker", which a later "Volker said" must find.  An office in capitals, whose head is
    part of the "name", names no one.

    >>> from toolkit.nlp import load_model
    >>> from toolkit.attribution.speakers import describe
    >>> doc = load_model()("Another diplomat, former special envoy to Ukraine Kurt Volker, said so.")
    >>> described_name(describe(doc[0:10]))
    'Kurt Volker'
    """
    if not info.named or not info.name or (info.head in name_key(info.name).split()
                                           and (person_noun(info.head) or info.head in titles())):
        return None  # "The International Trade Secretary": the office is all there is
    parts = info.name.split()
    return info.name if 2 <= len(parts) <= 3 and all(p[:1].isupper() for p in parts) else None


def _name_run(doc: Doc, start: int, end: int) -> bool:
    """Tell whether tokens [start, end) are a run of capitalised proper nouns, as a name is written."""
    return all(doc[i].pos_ == "PROPN" and doc[i].is_title and doc[i].is_alpha for i in range(start, end))


def _modifier(e: Span) -> bool:
    """Tell whether a name modifies a noun, alone or coordinated ("Lib Dem plans", "a Linux or Mac version")."""
    root = e.root
    return root.dep_ in _MODIFIER_DEPS or (root.dep_ == "conj" and root.head.dep_ in _MODIFIER_DEPS)


def _body_word(t: Token) -> bool:
    """Tell whether a word is an organisation's head noun ("band", "group", "railways")."""
    return t.lower_.strip(".") in terms("speaker_organizations")


def _company_tail(t: Token) -> bool:
    """Tell whether a name ends as only a company's does ("Seibu Railways", "Acme Holdings").

    Not every organisation noun: Charlotte Church, Margaret Court and Robert Service are people.
    """
    return t.lower_.strip(".") in _COMPANY_TAILS


def _mostly_bodies(ents: Sequence[Span]) -> set[str]:
    """One-word names the article's tagger calls a body more often than a person ("Korn" 4 ORG, 2 PERSON).

    Unless a person's full name ends in the word ("Montell Figgins … Figgins"): then it is a surname.
    """
    votes: Counter[tuple[str, str]] = Counter()
    full_lasts = set()
    for e in ents:
        key = name_key(e.text)
        if " " in key:
            if e.label_ == "PERSON":
                full_lasts.add(key.rsplit(" ", 1)[1])
        elif e.label_ in ("PERSON", "ORG"):
            votes[key, e.label_] += 1
    return {k for (k, label) in votes if label == "PERSON" and votes[k, "ORG"] > votes[k, "PERSON"] and k not in full_lasts}


def _after_body_noun(e: Span) -> bool:
    """Tell whether a name follows the kind of body it is ("rock group Korn", "the band Korn"): no person's."""
    prev = e.doc[e.start - 1] if e.start else None
    if prev is None or prev.pos_ != "NOUN" or not _body_word(prev):
        return False
    modifies = prev.dep_ == "compound" and e.start <= prev.head.i < e.end
    return modifies or (e.root.dep_ == "appos" and e.root.head.i == prev.i)


def _occupation(t: Token) -> bool:
    return t.lower_ in titles() or person_noun(t.lower_)


# Honorifics written before a surname alone ("Mr Senanayake"); "Sir" and "Lord" take a first name or a title.
_SURNAME_HONORIFICS = HONORIFICS - {"prof", "sir", "dame", "lord", "lady"}


def _honorific_surnames(doc: Doc) -> set[str]:
    """Surnames the article writes after an honorific, whatever the tagger called them ("Mr Senanayake", tagged GPE).

    >>> import spacy
    >>> sorted(_honorific_surnames(spacy.blank("en")("So Mr Senanayake left.")))
    ['senanayake']
    """
    return {
        name_key(doc[t.i + 1].text) for t in doc[:-1]
        if t.lower_.rstrip(".") in _SURNAME_HONORIFICS and doc[t.i + 1].is_title and doc[t.i + 1].is_alpha
    }


def missed_names(doc: Doc, ents: Sequence[Span], surnames: set[str]) -> list[Span]:
    """Full names of people the tagger left untagged or read as a body, whose surname it knows.

    "recruiting Darleen Druyun … Ms Druyun said": two or three capitalised proper nouns that end
    in a surname the article gives a person (``surnames``, from its PERSON names), outside any
    entity; and an organisation-tagged name right after a person noun that modifies it
    ("heptathlon champion Carolina Kluft", "Suprnova administrator Sloncek").  Returned as spans labelled PERSON.

    >>> from toolkit.nlp import load_model
    >>> doc = load_model()("He hired Darleen Druyun in 2002. Ms Druyun said she was sorry.")
    >>> doc.ents = []  # as the tagger sometimes leaves it
    >>> [s.text for s in missed_names(doc, doc.ents, {"druyun"})]
    ['Darleen Druyun']
    """
    # a name inside a "work of art", "product" or "event" is a tagger slip, not a title or a brand;
    # so is a body label on the name's own words ("Montell | Figgins" with Figgins an ORG)
    label_at = {i: e for e in ents if e.label_ in _BODY_OR_PLACE for i in range(e.start, e.end)}

    def free(start: int, end: int) -> bool:
        hit = {label_at[i] for i in range(start, end) if i in label_at}
        # a place label on exactly the name ("Sanjaya Senanayake", GPE) is a tagger slip too
        return all((e.label_ in ("ORG", "NORP") and start <= e.start and e.end <= end)
                   or (e.label_ == "GPE" and (e.start, e.end) == (start, end)) for e in hit)

    out = []
    for e in ents:
        prev = doc[e.start - 1] if e.start else None
        if (e.label_ in ("ORG", "NORP") and e.end - e.start in _TITLED_NAME_WORDS and _name_run(doc, e.start, e.end)
                and prev is not None and prev.pos_ == "NOUN" and prev.dep_ == "compound"
                and e.start <= prev.head.i < e.end and person_noun(prev.lower_)):
            out.append(Span(doc, e.start, e.end, label="PERSON"))
    for t in doc:
        if name_key(t.text) not in surnames or (t.i in label_at and label_at[t.i].label_ == "PERSON"):
            continue
        for n in _NAME_WORDS:
            start = t.i - n + 1
            before = doc[start - 1] if start > 0 else None
            # "Lawyer Montell Figgins" opening a sentence: the capitalised occupation is no name
            lead = before is not None and before.pos_ == "PROPN" and before.is_title and not _occupation(before)
            if (start >= 0 and free(start, t.i + 1) and _name_run(doc, start, t.i + 1)
                    and not lead and not (before is not None and before.lower_ == "the")
                    and not _occupation(doc[start]) and not _body_word(t)):
                out.append(Span(doc, start, t.i + 1, label="PERSON"))
                break
    return sorted(out, key=lambda s: s.start)



def surname_first(named: Sequence[tuple[int, str]]) -> dict[str, list[tuple[int, str]]]:
    """Map a one-word name to the full names it may shorten when the article puts the surname first.

    ``named`` holds (token position, name) in text order; each full name comes with the position
    of its first use. "Yoon Suk Yeol … Yoon said": the article gives the name in full first, then
    shortens it to its first word and never to its last, and no full name ends in that word, so
    the first word is a surname (Korean, Chinese, Vietnamese, Hungarian order). A name shortened
    to its last word too, or a one-word name used before any longer one ("Diageo … Diageo North
    America", the tagger's persons), is left alone. Which owner a use means is decided where it
    is used (:meth:`ArticlePeople.in_full`).

    >>> surname_first([(0, "Yoon Suk Yeol"), (5, "Yoon"), (9, "Lee Jae-myung"), (14, "Lee"), (30, "Lee Sang-min")])
    {'yoon': [(0, 'Yoon Suk Yeol')], 'lee': [(9, 'Lee Jae-myung'), (30, 'Lee Sang-min')]}
    >>> surname_first([(0, "Tony Blair"), (4, "Blair"), (8, "Tony")]), surname_first([(0, "Diageo"), (3, "Diageo North America")])
    ({}, {})
    """
    keys = [(pos, name_key(n), n) for pos, n in named]
    singles: dict[str, int] = {}
    fulls: dict[str, tuple[int, str]] = {}
    for pos, k, n in keys:
        if k and " " not in k:
            singles.setdefault(k, pos)
        elif " " in k:
            fulls.setdefault(k, (pos, n))
    lasts = {k.rsplit(" ", 1)[1] for k in fulls}
    out: dict[str, list[tuple[int, str]]] = {}
    for first, used in singles.items():
        if first in lasts:
            continue
        owners = sorted(v for k, v in fulls.items() if k.split(" ", 1)[0] == first)
        western = any(k.split(" ", 1)[0] == first and k.rsplit(" ", 1)[1] in singles for k in fulls)
        if owners and not western and owners[0][0] < used:
            out[first] = owners
    return out


def org_tail(name: str, org_keys: Sequence[str]) -> bool:
    """Tell whether a one-word name is the last word of an organisation's longer name.

    >>> org_tail("Chronicle", ["the san francisco chronicle"]), org_tail("Chronicle", ["chronicle"])
    (True, False)
    """
    key = name_key(name)
    return " " not in key and any(o != key and calls_name(o, key, "organization") for o in org_keys)


def calls_name(body_name: str | None, key: str, kind: str) -> bool:
    """Tell whether a body's name is the name ``key``, or an organisation's name ends in it.

    A second mention often keeps only the end of an organisation's name ("The San Francisco
    Chronicle … The Chronicle says"), which the tagger then reads as a person.

    >>> calls_name("The San Francisco Chronicle", "chronicle", "organization"), calls_name("Russia", "russia", "country")
    (True, True)
    >>> calls_name("United Kingdom", "kingdom", "country")
    False
    """
    full = name_key(body_name or "")
    return full == key or (kind == "organization" and full.endswith(" " + key))


def _after_the(ent: Span) -> bool:
    """Tell whether a name is written with "the" ("the Statehouse"): nobody calls a person so."""
    doc = ent.doc
    return ent[0].lower_ == "the" or (ent.start > 0 and doc[ent.start - 1].lower_ == "the")


def at_place(ent: Span) -> bool:
    """Tell whether an entity is the object of "at" or "in" ("the win at Blackburn"): a place.

    >>> from toolkit.nlp import load_model
    >>> doc = load_model()("They celebrated the win at Blackburn.")
    >>> at_place(doc[5:6])
    True
    """
    root = ent.root
    return root.dep_ == "pobj" and root.head.lower_ in _PLACE_PREPS
