"""Speaker coreference: merge an article's speaker mentions into distinct speakers.

Rules, in text order (cheap, no model), using only what the article itself says:

* relative pronouns ("who", "which") take their antecedent noun (the parse gives it);
* "he"/"she"/"I" take the nearest compatible person — a person speaker, or a named person the
  reporter mentions outside quotes — in the paragraph and the one before; the two latest
  sentences count as equally near, then subjects and speakers beat other mentions.  Gender must
  agree: "her" never goes to someone the article calls "he" or "Mr" (:mod:`.gender`).  With
  nothing near, a quote continues the latest person speaker;
* "they"/"we" take a group, organisation or plural source; "it" an organisation, document or
  country (speakers, or organisations the reporter names);
* a surname or honorific form ("Peskov", "Mr Blair") joins the person whose full name ends
  with it, unless the genders disagree; the speaker's name is the fullest form the article uses
  anywhere ("Kurt Volker", even when only "Volker" speaks);
* a definite description ("the senator", "the official") joins the latest source with the same
  head noun, then a named person the article gives that title ("Senator Ann Lee"), then the
  most salient person nearby; "the company" / "the report" join the organisation or document the
  article names, else they stay unresolved;
* places that stand for one country ("the US", "Washington") join that country.

An entity that is only pronouns or a generic head the article never ties to a source is
``resolved = False``; its display name says so ("unresolved: he").
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span

from .article_people import ArticlePeople, calls_name, described_name
from .entities import Entity, compatible, names_one_person, person_like
from .gender import PRONOUN_GENDER, decide, mention_votes
from .late_joins import join_later_holders, join_lead_documents
from .mention_view import DEFINITE
from .names import group_name, name_key, person_name, same_person, surname, titles
from .role_holders import (
    RANKS,
    capital_role,
    description_words,
    owned_by_noun,
    owner_words,
    title_words,
)
from .source_words import person_noun
from .spans import CharSpan, TokenRange
from .speakers import MentionInfo, describe

__all__ = ["Mention", "name_key", "person_name", "resolve"]

PERSON_WORDS = frozenset({"he", "she", "him", "her", "his", "i", "me", "my"})
GROUP_WORDS = frozenset({"they", "them", "their", "we", "us", "our"})
THING_WORDS = frozenset({"it", "its"})
_INDEFINITE = frozenset({"a", "an"})  # not "another", "one": those mark a second or one of many
# "Its chief executive", "her spokesman", "our correspondent" (the outlet's own): an owned office is as definite as "the" for finding
# the named person who holds it (only for people: "their campaign" is not a title).
_OWNED = frozenset({"its", "his", "her", "their", "our"})
# Owners a reader can be told by name: "his family" is "Jerry Scoggins' family" in a table of
# speakers ("their" and "its" owners are groups and bodies, whose resolution errs more).
_OWNER_PRONOUNS = frozenset({"his", "her"})
# Kinds a group pronoun ("they") or a thing pronoun ("it") can stand for.
_GROUP_KINDS = frozenset({"organization", "government", "country", "vague", "anonymous", "document"})
# Kinds that may be one person, whose own words can say their gender ("a young woman"); "unknown"
# is a mention the kinds could not place, which a gendered noun shows to be a person.
_PERSON_KINDS = frozenset({"person", "anonymous", "unknown"})
_THING_KINDS = frozenset({"organization", "government", "country", "document"})
# What a following pronoun most often continues, among the two latest sentences: a speaker or
# the subject of a clause (ranking speakers above subjects measured worse on the dev set), then
# any other mention.
_SALIENT, _PLAIN = 2, 1
_SPEAKER = _SALIENT
# How many sentences back a subject or speaker still competes with a nearer plain mention.
_SALIENT_REACH = 2


@dataclass(slots=True)
class Mention:
    """A speaker mention of one claim, with what is known about it."""

    start: int  # token range [start, end) in the doc
    end: int
    info: MentionInfo
    antecedent: TokenRange | None = None  # token range of a relative pronoun's antecedent
    content: tuple[CharSpan, ...] = ()  # character spans of the claim's content


def _clash(a: str, b: str) -> bool:
    return "unknown" not in (a, b) and a != b


# Bodies whose own names carry their head noun ("Indiana State Police", "the Supreme Court"): "the
# police" is only a body named with that word, never the news agency or firm named last.
_NAMED_WITH_HEAD = frozenset({"police", "court", "army", "military", "navy", "embassy", "church", "parliament",
                              "congress", "senate", "legislature", "university", "assembly"})


@dataclass(slots=True)
class _Cand:
    """Something a pronoun or description could refer to: an entity, or a span the reporter names."""

    pos: int
    salience: int
    entity: int | None = None
    span: TokenRange | None = None


def _salience(span: Span) -> int:
    # the subject of the sentence's main clause, not of a clause inside it ("Figgins declined to
    # say whether Thomas slept on the night Epstein died"): Figgins is who the next "he" is
    root = span.root
    verb = root.head
    main = verb.dep_ in ("ROOT", "conj") and (verb.dep_ == "ROOT" or verb.head.dep_ == "ROOT")
    return _SALIENT if root.dep_ in ("nsubj", "nsubjpass") and main else _PLAIN


class _Resolver:
    """Assign mentions to entities, one at a time, in text order."""

    def __init__(self, doc: Doc, mentions: Sequence[Mention], quoted: Callable[[int], bool]) -> None:
        self.doc = doc
        self.art = ArticlePeople(doc, quoted, [(m.start, m.end) for m in mentions])
        self.entities: list[Entity] = []
        self._genders: dict[str, str] = {}  # surname -> gender the article gives it

    # ---------------------------------------------------------------- entity bookkeeping

    def attach(self, e: int, info: MentionInfo, pos: int, k: int | None, span: Span | None) -> int:
        ent = self.entities[e]
        ent.infos.append(info)
        if k is not None:
            ent.members.append(k)
            ent.positions.append(pos)
        ent.last = max(ent.last, pos)
        if span is not None and not info.pronoun:
            name = (person_name(span) or self.art.bare_name(span, info) or described_name(info)
                    if names_one_person(info) else None)
            name = self.art.in_full(name, pos)
            if name is not None and name not in ent.names:
                ent.names.append(name)
                ent.votes += self.art.surname_votes.get(surname(name) or "", [])
            if info.kind in _PERSON_KINDS and not info.plural:
                ent.votes += mention_votes(span)
        elif info.pronoun and info.head in PRONOUN_GENDER:
            ent.votes.append((PRONOUN_GENDER[info.head], "pronoun"))
        return e

    def new(self, info: MentionInfo, pos: int, k: int | None, span: Span | None) -> int:
        self.entities.append(Entity())
        return self.attach(len(self.entities) - 1, info, pos, k, span)

    def gender_of(self, span: Span) -> str:
        # a surname the tagger called ORG ("Bloomberg") is still its bearer's
        key = surname(person_name(span)) or (k if (k := name_key(span.text)) in self.art.surnames else "")
        if key not in self._genders:
            self._genders[key] = decide(self.art.surname_votes.get(key, []))[0]
        return self._genders[key]

    # ---------------------------------------------------------------- matching

    def by_name(self, name: str, gender: str) -> int | None:
        best, best_pos = None, -1
        for e, ent in enumerate(self.entities):
            if ent.last > best_pos and any(same_person(name, n) for n in ent.names) and not _clash(gender, ent.gender) \
                    and not self.art.named_other(name, ent.names, first_use=min(ent.positions, default=None)):
                best, best_pos = e, ent.last
        return best

    def by_body_name(self, name: str) -> int | None:
        """Return the organisation, government or country entity already called ``name``."""
        key = name_key(name)
        speakers = [n for ent in self.entities if ent.kind == "person" for n in ent.names]
        if any(len(name_key(n).split()) > 1 and same_person(name, n) for n in [*self.art.names, *speakers]):
            return None  # the surname of a person the article names in full ("Sobhi Skaik")
        for e, ent in enumerate(self.entities):
            if ent.kind in _THING_KINDS and any(not i.pronoun and calls_name(i.name, key, ent.kind) for i in ent.infos):
                return e
        return None

    def by_description(self, info: MentionInfo) -> int | None:
        best, best_pos = None, -1
        for e, ent in enumerate(self.entities):
            if ent.last > best_pos and any(compatible(info, o) for o in ent.infos):
                best, best_pos = e, ent.last
        return best

    def by_title(self, head: str, pos: int, owner: frozenset[str] = frozenset(), whole: frozenset[str] = frozenset(),
                 rank: frozenset[str] = frozenset()) -> int | None:
        """Return the entity of a named person the article gives this title ("Judge Arthur Engoron" for "the judge").

        A title with an owner ("the chairman of the Conservative Party", "the prime minister's
        spokesman") is only the named holder whose title names that owner too: "Labour party
        chairman Ian McCartney" is not "the chairman of the Commission for Racial Equality".
        An office written in capitals (``whole``: "International Trade Secretary") is only a
        holder given every word of it: an "Ex-Environment Secretary" is someone else.
        """
        if not head:
            return None
        for e, ent in enumerate(self.entities):
            words = {w for i in ent.infos if not i.pronoun for w in (i.descriptor or "").lower().split()}
            if ent.names and head in words and (not owner or owner & words) and whole <= description_words(" ".join(words)) \
                    and words & RANKS == rank:
                return e
        sent = self.art.sent(pos)
        for ent_span in self.art.people:
            if ent_span.start > pos and self.art.sent(ent_span.start) != sent:
                break  # a title given to someone only later is someone else ("another witness, X")
            words = {t.lower_ for t in self.doc[max(0, ent_span.start - 3) : ent_span.start]}
            if ent_span.root.dep_ == "appos":
                words.add(ent_span.root.head.lemma_.lower())
            # "Ann Bell, Acme's chief executive": the title in apposition after the name
            words |= {c.lemma_.lower() for c in ent_span.root.children if c.dep_ == "appos"}
            if head in words and (not owner or owner & title_words(ent_span)) and whole <= description_words(" ".join(title_words(ent_span))) \
                    and words & RANKS == rank:
                return self.from_span(ent_span)
        return None

    def from_span(self, span: Span) -> int:
        """Return the entity of a span the reporter names (a new one unless it matches a speaker)."""
        info = describe(span)
        name = (person_name(span) or self.art.bare_name(span, info)) if info.kind == "person" else None
        if name is None and name_key(span.text) in self.art.surnames:  # a surname the tagger called ORG
            name = self.art.bare_name(span, info)
            info = replace(info, kind="person", named=True, name=name) if name else info
        e = self.by_name(name, self.gender_of(span)) if name else self.by_description(info)
        if e is None:
            e = self.new(info, span.start, None, span)
        return e

    def candidates(self, want: frozenset[str], *, people: bool, documents: bool = False,
                   groups: bool = False) -> list[_Cand]:
        cands = []
        for e, ent in enumerate(self.entities):
            # one unnamed office holder ("the prime minister … He told MPs") is still someone "he" can be
            if ent.kind in want and (ent.resolved or (people and ent.definite)):
                cands += [_Cand(p, _SPEAKER, entity=e) for p in ent.positions]
        pool = self.art.people if people else [*self.art.orgs, *(self.art.places if "country" in want else []),
                                               *(self.art.documents if documents else []),
                                               *(self.art.groups if groups else [])]
        cands += [_Cand(s.start, _salience(s), span=(s.start, s.end)) for s in pool]
        return cands

    def _cand_words(self, c: _Cand) -> set[str]:
        """Return the lower-cased words a candidate is written with (every non-pronoun mention of an entity)."""
        if c.entity is not None:
            infos = [i for i in self.entities[c.entity].infos if not i.pronoun]
            return {w for i in infos for w in f"{i.name} {i.descriptor or ''} {i.head}".lower().split()}
        assert c.span is not None
        return {t.lower_ for t in self.doc[c.span[0] : c.span[1]]}

    def _gender(self, c: _Cand) -> str:
        if c.entity is not None:
            return self.entities[c.entity].gender
        a, b = c.span  # type: ignore[misc]
        return self.gender_of(self.doc[a:b])

    def pick(self, cands: list[_Cand], pos: int, gender: str) -> int | None:
        """Return the entity of the nearest compatible candidate before ``pos``: window, recent sentences, salience."""
        art = self.art
        para, sent = art.para(pos), art.sent(pos)
        before = [c for c in cands if c.pos < pos]
        near = [c for c in before if art.para(c.pos) >= para - 1 and not _clash(gender, self._gender(c))]
        # nothing near: a quote continues the latest compatible speaker
        pool = near or [c for c in before if c.entity is not None and not _clash(gender, self._gender(c))]
        if not pool:
            return None
        best = max(pool, key=lambda c: (self._recent(c, sent), c.salience, c.pos))
        if best.entity is not None:
            return best.entity
        a, b = best.span  # type: ignore[misc]
        return self.from_span(self.doc[a:b])

    def _recent(self, c: _Cand, sent: int) -> bool:
        """Tell whether a candidate is recent enough to compete on salience.

        The sentence before counts for anyone; a subject or speaker one sentence further back
        still outranks a name buried in that sentence ("Tony Blair said … from coma victim Tony
        Bland. “…,” he said").
        """
        back = sent - self.art.sent(c.pos)
        return back <= 1 or (back <= _SALIENT_REACH and c.salience >= _SALIENT)

    # ---------------------------------------------------------------- one mention

    def pronoun(self, m: Mention, k: int) -> int:
        word = m.info.head
        if word in PERSON_WORDS:
            want, people = frozenset({"person", "anonymous"}), True
        elif word in THING_WORDS:
            want, people = _THING_KINDS, False
        else:
            want, people = _GROUP_KINDS | {"person"}, False
        cands = self.candidates(want, people=people, documents=word in THING_WORDS, groups=word in GROUP_WORDS)
        if not people and word in GROUP_WORDS:
            cands = [c for c in cands if c.entity is None or self._group(self.entities[c.entity])]
        if people:
            cands = [c for c in cands if c.entity is None or self._one_person(self.entities[c.entity])]
        if word in THING_WORDS:
            # "… has been taking donations via its website. It urged …": "it" is the owner, not "its website"
            cands = [c for c in cands if c.span is None or self.doc[c.span[0]].lower_ != "its"]
        # "Turnout in New York is low, they say": what a claim talks about is not who makes it
        cands = [c for c in cands if not any(a <= self.doc[c.pos].idx < b for a, b in m.content)]
        e = self.pick(cands, self.anchor(m), PRONOUN_GENDER.get(word, "unknown"))
        if e is None:
            e = self.new(m.info, m.start, k, None)
            self.entities[e].resolved = False
            return e
        return self.attach(e, m.info, m.start, k, None)

    def anchor(self, m: Mention) -> int:
        """Return where a pronoun's claim begins: its quote when that comes first.

        In ``"How risque can I be? … surely I can push it," he said`` the speaker is whoever
        was named just before the quote opened, not before the sentence holding "he".
        """
        if not m.content:
            return m.start
        first = min(a for a, _ in m.content)
        span = self.doc.char_span(first, first + 1, alignment_mode="expand")
        return min(m.start, span.start) if span is not None else m.start

    def _group(self, ent: Entity) -> bool:
        infos = [i for i in ent.infos if not i.pronoun] or ent.infos
        return ent.kind not in ("person", "anonymous") or any(i.plural for i in infos)

    def _one_person(self, ent: Entity) -> bool:
        """Tell whether an entity is a single person: named, or described by a common noun ("a spokesperson", "the judge")."""
        infos = [i for i in ent.infos if not i.pronoun]
        if self._group(ent):
            return False
        return bool(ent.names) or not any(i.named for i in infos)

    def titles_of(self, c: _Cand) -> frozenset[str]:
        """Content words of the titles a candidate is given (its mentions' descriptions, or the words around its name)."""
        if c.entity is not None:
            return frozenset().union(*(description_words(i.descriptor) for i in self.entities[c.entity].infos if not i.pronoun))
        a, b = c.span  # type: ignore[misc]
        return description_words(" ".join(title_words(self.doc[a:b])))

    def office(self, info: MentionInfo, span: Span, pos: int, owner: frozenset[str]) -> int | None:
        """Return the named holder of a definite office ("the senator", "its chief executive"), if the article gives one.

        An office of a named body is not the salient person nearby: it joins its holder by title
        only.  An office written in capitals ("the outgoing European Commissioner") joins its
        holder by its whole title, or the person just named, in this sentence or the one before.
        """
        capital = info.named
        rank = info.modifiers & RANKS
        e = self.by_title(info.head, pos, owner, description_words(info.name) if capital else frozenset(), rank)
        # "His mother", "her spokesman": the person just named is most often the owner, never the holder
        if e is not None or owner or span[0].lower_ in _OWNER_PRONOUNS:
            return e
        cands = self.candidates(frozenset({"person"}), people=True)
        if span[0].lower_ == "its":
            # "Hayao Miyazaki's latest film …, its distributor": "its" is a thing's (the film's), so
            # only a person who spoke may hold the office, not anyone the reporter mentions
            cands = [c for c in cands if c.entity is not None]
        # "the top seed" is not "seventh seed Lopez": a title ranked otherwise is someone else
        cands = [c for c in cands if info.head not in (t := self.titles_of(c)) or (t & RANKS) <= rank]
        if info.modifiers - RANKS and info.head in titles():
            # "the prime minister" is not "Metropolitan Police Commissioner Sir John Stevens": a
            # person titled with another office is not the holder of one named in several words
            cands = [c for c in cands if info.head in (t := self.titles_of(c)) or not any(person_noun(w) for w in t)]
        if capital:  # ... and not someone holding another office of that name ("Ex-Environment Secretary X")
            whole = description_words(info.name)
            cands = [c for c in cands if self.art.sent(c.pos) >= self.art.sent(pos) - 1
                     and (info.head not in (t := self.titles_of(c)) or whole <= t)]
        e = self.pick(cands, pos, decide(mention_votes(span))[0])
        return e if e is not None and self.entities[e].names else None

    def description(self, m: Mention, k: int, span: Span) -> int:
        """Resolve a mention without a personal name: a description, a group, an institution."""
        info = m.info
        e = self.by_description(info)
        if e is not None:
            return self.attach(e, info, m.start, k, span)
        role_word = not info.named or capital_role(info, span)
        definite = span[0].lower_ in DEFINITE and role_word
        owned = span[0].lower_ in _OWNED and role_word
        owner: frozenset[str] = frozenset()
        if (definite or owned) and person_like(info) and not info.plural:
            owner = owner_words(span)
            e = self.office(info, span, m.start, owner)
        elif definite and info.kind in ("organization", "government", "document") and not info.plural:
            # "the companies", "the two firms": many bodies, never the one named last
            named = [c for c in self.candidates(frozenset({info.kind}), people=False)
                     if c.entity is None or any(i.named for i in self.entities[c.entity].infos)]
            if info.kind != "organization":
                named = [c for c in named if c.entity is not None]
            if info.head in _NAMED_WITH_HEAD:
                named = [c for c in named if info.head in self._cand_words(c)]
            e = self.pick(named, m.start, "unknown")
        if e is not None:
            return self.attach(e, info, m.start, k, span)
        e = self.new(info, m.start, k, span)
        ent = self.entities[e]
        ent.resolved = not (definite and not info.named) or info.kind not in ("person", "organization", "government", "document")
        ent.office_of = owner if definite else frozenset()
        one = role_word and not info.plural and (person_like(info) or info.kind == "anonymous")
        ent.definite = one and person_like(info) and (definite or owned or owned_by_noun(span))
        ent.indefinite = one and span[0].lower_ in _INDEFINITE
        if span[0].lower_ in _OWNER_PRONOUNS and len(span) > 1:
            ent.owner, ent.owned = self.owner_of(span[0].lower_, m.start), span[1:].text
        return e

    def owner_of(self, word: str, pos: int) -> int | None:
        """Return the person a possessive pronoun opening a source stands for ("his family", "her lawyer").

        Unlike a speaker pronoun, the owner is often who the claim is about ("Scoggins has died,
        his family said"), so names inside the claim's content count.
        """
        cands = [c for c in self.candidates(frozenset({"person"}), people=True)
                 if c.entity is None or self._one_person(self.entities[c.entity])]
        return self.pick(cands, pos, PRONOUN_GENDER[word])

    def mention(self, m: Mention, k: int) -> int:
        if m.info.pronoun and m.antecedent is not None:
            # keep the pronoun's own text as the mention but the antecedent's description
            span = self.doc[m.antecedent[0] : m.antecedent[1]]
            return self.named_or_described(Mention(m.start, m.end, describe(span)), k, span)
        if m.info.pronoun:
            return self.pronoun(m, k)
        return self.named_or_described(m, k, self.doc[m.start : m.end])

    def named_or_described(self, m: Mention, k: int, span: Span) -> int:
        # coordinated names get their group name below
        name = self.art.in_full(person_name(span), m.start) if names_one_person(m.info) else None
        # a lone capitalised word may be a surname the tagger read as a plural noun ("Mendes could not believe …")
        if name is None and (not m.info.plural or (len(span) == 1 and span[0].text[:1].isupper())):
            name = self.art.bare_name(span, m.info) or self.speaker_surname(span, m.info)
            if name is not None and (m.info.kind != "person" or m.info.plural):
                m = Mention(m.start, m.end, replace(m.info, kind="person", named=True, name=name, plural=False))
        if name is None:
            described = self.description(m, k, span)
            if m.info.plural and self.entities[described].name is None:
                # people named together are named as the mention names them ("Kevin King and
                # Timothy Weeks"), not by the first of them
                named = any(t.ent_type_ == "PERSON" for t in span)
                self.entities[described].name = group_name(span, self.art.full_name) or (span.text if named else None)
            return described
        body = self.by_body_name(name)
        if body is not None:
            # "Diageo, the world's biggest spirits company ... Diageo said": the tagger's
            # PERSON label on the second mention does not make a second speaker
            return self.attach(body, m.info, m.start, k, None)
        votes = mention_votes(span) + self.art.surname_votes.get(surname(name) or "", [])
        e = self.by_name(name, decide(votes)[0])
        if e is None:
            return self.new(m.info, m.start, k, span)
        return self.attach(e, m.info, m.start, k, span)

    def speaker_surname(self, span: Span, info: MentionInfo) -> str | None:
        """Return a bare surname ("Volker said") of a person speaker named in full earlier.

        The tagger's ORG on the surname is the person's, as for names it tags PERSON
        (:meth:`ArticlePeople.bare_name`), also when only the speaker layer saw the full name
        ("former special envoy to Ukraine Kurt Volker", tagged ORG).
        """
        if info.kind not in ("organization", "unknown") or len(span) != 1 or span[0].pos_ != "PROPN":
            return None
        key = name_key(span.text)
        full = {name_key(n) for ent in self.entities if ent.kind == "person"
                for n in ent.names if len(name_key(n).split()) > 1 and surname(n) == key}
        return span.text if len(full) == 1 else None

    def finish(self) -> None:
        for ent in self.entities:
            if ent.names:
                best = max(ent.names, key=lambda n: (len(name_key(n).split()), len(n)))
                ent.name = self.art.full_name(best, first_use=min(ent.positions, default=None))
        for ent in self.entities:
            owner = self.entities[ent.owner].name if ent.owner is not None else None
            if owner and ent.name is None:
                ent.described_as = f"{owner}{'’' if owner.endswith('s') else '’s'} {ent.owned}"


def resolve(
    doc: Doc, mentions: Sequence[Mention], *, quoted: Callable[[int], bool] | None = None
) -> tuple[list[int], list[Entity]]:
    """Assign every mention to an entity; return (entity index per mention, entities).

    ``quoted(char)`` tells whether a character offset lies inside a quotation (names inside
    quotes are not the reporter's and are not candidates for a pronoun).

    >>> from toolkit.nlp import load_model
    >>> doc = load_model()("Dmitry Peskov said no. He said it again.")
    >>> ms = [Mention(0, 2, describe(doc[0:2])), Mention(5, 6, describe(doc[5:6]))]
    >>> assign, entities = resolve(doc, ms)
    >>> assign, entities[0].name
    ([0, 0], 'Dmitry Peskov')
    """
    r = _Resolver(doc, mentions, quoted or (lambda _: False))
    assign = [-1] * len(mentions)
    for k in sorted(range(len(mentions)), key=lambda k: mentions[k].start):
        assign[k] = r.mention(mentions[k], k)
    r.finish()
    join_later_holders(r.entities, r.art, assign)
    join_lead_documents(r.entities, r.art, assign)
    return assign, r.entities
