"""Offices and their holders: how a described source ("the campaign's director") is tied to a name.

The words of a described office (:func:`owner_words`, :func:`title_words`, :func:`capital_role`)
and the rules that find, after the whole article is read, which named person an unnamed office
turns out to be.  News often describes a source first and names them a sentence or two later,
or repeats the description with the name further down:

* "… criticised by the group's chief. Carib Chief Charles Williams said …", "A California transit
  chief says … . Interim BART Police Chief Ed Alvarez told reporters …" — the next sentence names
  someone with that title (:func:`titled_next_sentence`);
* "China's ambassador to Britain accused … . … China's ambassador to Britain Liu Xiaming said"
  — the whole description comes back with a name (:func:`description_repeated`);
* "… the campaign's director told the BBC. Curt Hopkins said …" — the next person the article
  names, with no title of their own, speaks right after the office (:func:`introduced_next`);
* "A judge has warned … . Charles Harris said …" — a lead describes its source and the next
  sentence names them (:func:`identified_after_lead`).

Each rule has one signature, ``(role, later, sentence_of) -> indexes it picks``; :func:`holder`
takes the first rule that picks exactly one named speaker.  Only the first rule reads an
indefinite description ("a transit chief"), and never for a holder introduced as "another …" or
"other …": that announces someone new.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from spacy.tokens import Span

from .names import HONORIFICS, titles
from .source_words import agent_noun, person_noun
from .speakers import MentionInfo

__all__ = [
    "HOLDER_RULES",
    "RANKS",
    "Party",
    "capital_role",
    "description_repeated",
    "description_words",
    "holder",
    "identified_after_lead",
    "introduced_next",
    "named_after_lead",
    "owned_by_noun",
    "owner_words",
    "title_words",
    "titled_next_sentence",
]

# Words that rank a title ("the top seed", "seventh seed Lopez", "the second seed"): two
# holders of one title ranked differently are two people.
RANKS = frozenset({"top", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
                   "ninth", "tenth", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10"})
# How far before a name its title may begin ("Liberal Democrat foreign affairs spokesman Menzies
# Campbell": five words of title); further back is the sentence, not the title.
TITLE_REACH = 6
# How many sentences after an office a bare name may be introduced and still be its holder:
# news names the source at once or after one sentence of background ("… its chief executive
# has said. The company is due to … . However, Lakshmi Mittal has told investors …").
INTRODUCED_WITHIN = 2
# Sentences that make up a lead: the headline (sentence 0) and the body's first sentence.
LEAD_SENTENCES = 2
# A repeated description must say more than its head noun: "the spokesman" comes back for
# anyone, "China's ambassador to Britain" for one person.
MIN_DESCRIPTION_WORDS = 2
# A holder introduced with these words is a second holder of the title, not the first one.
_ANOTHER = frozenset({"another", "other"})
_WORD_RE = re.compile(r"[^\W\d_]+")
_FUNCTION_WORDS = frozenset({"the", "a", "an", "its", "his", "her", "their", "our", "of", "to", "for", "at", "in", "s", "and"})


def description_words(text: str | None) -> frozenset[str]:
    """Return the lower-case content words of a description.

    >>> sorted(description_words("China’s ambassador to Britain"))
    ['ambassador', 'britain', 'china']
    """
    return frozenset(w for w in _WORD_RE.findall((text or "").lower()) if w not in _FUNCTION_WORDS)


def owner_words(span: Span) -> frozenset[str]:
    """Content words of whom a described office belongs to: its possessor or its "of"/"for" phrase.

    >>> from toolkit.nlp import load_model
    >>> doc = load_model()("The chairman of the Conservative Party said no. Its chief executive agreed.")
    >>> sorted(owner_words(doc[0:6])), sorted(owner_words(doc[9:12]))
    (['conservative', 'party'], [])
    """
    out: set[str] = set()
    for c in span.root.children:
        noun_owner = c.dep_ == "poss" and c.pos_ in ("NOUN", "PROPN")
        if noun_owner or (c.dep_ == "prep" and c.lower_ in ("of", "for")):
            out |= {t.lower_ for t in c.subtree if t.is_alpha and not t.is_stop and span.start <= t.i < span.end}
    return frozenset(out)


def owned_by_noun(span: Span) -> bool:
    """Tell whether a mention's office belongs to a noun it opens with ("China's ambassador").

    >>> from toolkit.nlp import load_model
    >>> doc = load_model()("China's ambassador said no.")
    >>> owned_by_noun(doc[0:3]), owned_by_noun(doc[2:3])
    (True, False)
    """
    return any(c.dep_ == "poss" and c.pos_ in ("NOUN", "PROPN") and c.i >= span.start for c in span.root.children)


def title_words(ent: Span) -> set[str]:
    """Lower-case words of the title around a named person: the words before it and its apposition.

    >>> from toolkit.nlp import load_model
    >>> doc = load_model()("Labour chairman Ian McCartney said no.")
    >>> sorted(title_words(doc[2:4]))
    ['chairman', 'labour']
    """
    doc = ent.doc
    words = {t.lower_ for t in doc[max(0, ent.start - TITLE_REACH) : ent.start]}
    for c in ent.root.children:
        if c.dep_ == "appos":
            words |= {t.lower_ for t in c.subtree}
    if ent.root.dep_ == "appos":
        words |= {t.lower_ for t in ent.root.head.subtree if t.i < ent.start}
    return words


def capital_role(info: MentionInfo, span: Span) -> bool:
    """Tell whether a "named" person mention is an office written in capitals ("The International Trade Secretary").

    The tagger's proper-noun tags make it look named, but no one is named in it.

    >>> from toolkit.nlp import load_model
    >>> from toolkit.attribution.speakers import describe
    >>> doc = load_model()("The Lord Chancellor said no. Lord Falconer agreed.")
    >>> capital_role(describe(doc[0:3]), doc[0:3]), capital_role(describe(doc[6:8]), doc[6:8])
    (True, False)
    """
    if info.kind != "person" or not info.named or any(t.ent_type_ == "PERSON" for t in span):
        return False
    return person_noun(info.head) or info.head in titles()


@dataclass(frozen=True, slots=True)
class Party:
    """What the rules read about one speaker entity of an article."""

    index: int
    first: int  # token index of the first time the article mentions it
    last: int  # token index of its latest mention
    named: bool  # it has a personal name
    words: frozenset[str]  # content words of its descriptions (titles, appositions)
    heads: frozenset[str]  # head nouns of its single-person descriptions
    definite: bool  # an unnamed single person described as one office ("the", "its", "X's")
    indefinite: bool  # an unnamed single person introduced with "a" / "an" ("a transit chief")
    unresolved: bool  # coreference left it without a source


Rule = Callable[[Party, Sequence[Party], Callable[[int], int]], list[int]]


def _one_head(role: Party) -> str | None:
    return next(iter(role.heads)) if len(role.heads) == 1 else None


def titled_next_sentence(role: Party, later: Sequence[Party], sentence_of: Callable[[int], int]) -> list[int]:
    """Named people of the very next sentence with the office's title ("… the group's chief. Carib Chief Charles Williams said").

    >>> r = Party(0, 3, 3, False, frozenset({"group", "chief"}), frozenset({"chief"}), True, False, True)
    >>> o = Party(1, 9, 9, True, frozenset({"carib", "chief"}), frozenset(), False, False, False)
    >>> titled_next_sentence(r, [o], lambda i: i // 6), titled_next_sentence(r, [o], lambda i: i // 3)
    ([1], [])
    """
    head = _one_head(role)
    if not (role.unresolved or role.indefinite) or head is None:
        return []
    return [p.index for p in later if head in p.words and not p.words & _ANOTHER and sentence_of(p.first) - sentence_of(role.last) == 1]


def description_repeated(role: Party, later: Sequence[Party], sentence_of: Callable[[int], int]) -> list[int]:
    """Named people whose own description holds the office's whole description ("China's ambassador to Britain Liu Xiaming").

    >>> r = Party(0, 3, 3, False, frozenset({"china", "ambassador", "britain"}), frozenset({"ambassador"}), True, False, False)
    >>> o = Party(1, 40, 40, True, frozenset({"china", "ambassador", "britain"}), frozenset(), False, False, False)
    >>> bare = Party(2, 40, 40, True, frozenset({"ambassador"}), frozenset(), False, False, False)
    >>> description_repeated(r, [o, bare], lambda i: i)
    [1]
    """
    if not role.definite or len(role.words) < MIN_DESCRIPTION_WORDS:
        return []
    return [p.index for p in later if role.words <= p.words]


def _untitled(party: Party) -> bool:
    """No office among its own descriptions: only a name, perhaps with an honorific ("Lord Falconer")."""
    return not any(person_noun(w) or agent_noun(w) or w in titles() for w in party.words - HONORIFICS)


def introduced_next(role: Party, later: Sequence[Party], sentence_of: Callable[[int], int]) -> list[int]:
    """Pick the next person the article names, when untitled and within :data:`INTRODUCED_WITHIN` sentences.

    >>> r = Party(0, 3, 3, False, frozenset({"campaign", "director"}), frozenset({"director"}), True, False, True)
    >>> o = Party(1, 9, 9, True, frozenset(), frozenset(), False, False, False)
    >>> introduced_next(r, [o], lambda i: i // 6), introduced_next(r, [o], lambda i: i // 2)
    ([1], [])
    """
    if not role.definite or not later:
        return []
    nearest = min(later, key=lambda p: p.first)
    gap = sentence_of(nearest.first) - sentence_of(role.last)
    return [nearest.index] if 1 <= gap <= INTRODUCED_WITHIN and _untitled(nearest) else []


def identified_after_lead(role: Party, later: Sequence[Party], sentence_of: Callable[[int], int]) -> list[int]:
    """Pick the person named in the sentence after a lead that described them ("A judge has said … . Charles Harris said …").

    The delayed-identification lead: news opens on "a prospective candidate", "a judge", and
    names them in the next sentence.  Only the headline and the first sentence of the body
    (:data:`LEAD_SENTENCES`) qualify; later, "a spokesman" is an unnamed source kept unnamed.

    >>> r = Party(0, 3, 3, False, frozenset({"judge"}), frozenset({"judge"}), False, True, False)
    >>> o = Party(1, 9, 9, True, frozenset(), frozenset(), False, False, False)
    >>> identified_after_lead(r, [o], lambda i: i // 6), identified_after_lead(r, [o], lambda i: 3 + i // 6)
    ([1], [])
    """
    if not role.indefinite or not later or sentence_of(role.first) >= LEAD_SENTENCES:
        return []
    nearest = min(later, key=lambda p: p.first)
    gap = sentence_of(nearest.first) - sentence_of(role.last)
    return [nearest.index] if gap == 1 and _untitled(nearest) and not nearest.words & _ANOTHER else []


HOLDER_RULES: tuple[Rule, ...] = (titled_next_sentence, description_repeated, introduced_next, identified_after_lead)


def holder(role: Party, parties: Sequence[Party], sentence_of: Callable[[int], int]) -> int | None:
    """Return the index of the named speaker an unnamed office is, when one rule picks out exactly one.

    Only people the article first names after the office spoke count: someone named before
    would have been found by the title and salience rules of :mod:`.coref`.

    >>> r = Party(0, 3, 3, False, frozenset({"campaign", "director"}), frozenset({"director"}), True, False, True)
    >>> holder(r, [r, Party(1, 9, 9, True, frozenset(), frozenset(), False, False, False)], lambda i: i // 6)
    1
    """
    if role.named or _one_head(role) is None:
        return None
    later = [p for p in parties if p.index != role.index and p.named and p.first > role.last]
    for rule in HOLDER_RULES:
        found = rule(role, later, sentence_of)
        if len(found) == 1:
            return found[0]
        if found:
            return None  # two people fit: not ours to choose
    return None


def named_after_lead(lead: tuple[int, int, bool], findings: Sequence[tuple[int, int, bool]],
                     sentence_of: Callable[[int], int]) -> int | None:
    """Return the named study or report an unnamed one in the lead turns out to be.

    Business and science news opens on "A new study says …" or "Research suggests …" and names
    the work further down ("The Incomes Data Services survey found …"). Each finding is
    ``(index, first token, named)``; the lead's is the body's first document speaker when the next
    one to speak is named. An unnamed one in between is another finding, and stops it.

    >>> named_after_lead((0, 3, False), [(0, 3, False), (1, 40, True)], lambda i: i // 20)
    1
    >>> named_after_lead((0, 3, False), [(0, 3, False), (2, 30, False), (1, 40, True)], lambda i: i // 20) is None
    True
    """
    index, first, named = lead
    if named or sentence_of(first) >= LEAD_SENTENCES:
        return None
    after = sorted((f for f in findings if f[1] > first and f[0] != index), key=lambda f: f[1])
    return after[0][0] if after and after[0][2] else None
