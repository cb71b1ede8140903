"""Speaker coreference: merge an article's speaker mentions into distinct speakers.

Rules, in text order (cheap, no model):

* relative pronouns ("who", "which") take their antecedent noun (the parse gives it);
* "he"/"she"/"I" take the most recent person: a person speaker, or a PERSON entity that was the
  subject of a more recent sentence;  "they"/"it" the most recent non-person speaker;
* a person's surname alone ("Peskov", "Mr. Obama") joins the person with that surname;
* a short description ("the official", "the defence official", "US officials") joins the most
  recent source with the same head noun whose modifiers include (or are included in) its own;
* places that stand for one country ("the US", "Washington") join that country.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc

from .speakers import MentionInfo, describe

__all__ = ["Entity", "Mention", "resolve"]


@dataclass(slots=True)
class Mention:
    """A speaker mention of one claim, with what is known about it."""

    start: int  # token range [start, end) in the doc
    end: int
    info: MentionInfo
    antecedent: tuple[int, int] | None = None  # token range of a relative pronoun's antecedent


@dataclass(slots=True)
class Entity:
    """A distinct speaker: the infos of its mentions and the mention indexes merged into it."""

    infos: list[MentionInfo] = field(default_factory=list)
    members: list[int] = field(default_factory=list)
    last: int = -1  # token index of the latest mention

    @property
    def kind(self) -> str:
        """Kind of the most informative (non-pronoun) mention."""
        for info in self.infos:
            if not info.pronoun:
                return info.kind
        return self.infos[0].kind if self.infos else "unknown"


def _surname(info: MentionInfo) -> str | None:
    if info.kind != "person" or info.pronoun or not info.name:
        return None
    last = info.name.replace("’s", "").replace("'s", "").split()
    return last[-1].lower().strip(".,") if last else None


def _compatible(a: MentionInfo, b: MentionInfo) -> bool:
    """Tell whether mention ``a`` could be a short or full form of the source of mention ``b``."""
    if a.pronoun or b.pronoun:
        return False
    if a.kind == "person" and b.kind == "person":
        sa, sb = _surname(a), _surname(b)
        return sa is not None and sa == sb
    if a.kind != b.kind:
        return False
    if a.kind == "country":
        return a.affiliation is not None and a.affiliation == b.affiliation
    if a.head != b.head or not a.head or a.plural != b.plural:
        return False
    if a.affiliation and b.affiliation and a.affiliation != b.affiliation:
        return False
    return a.modifiers <= b.modifiers or b.modifiers <= a.modifiers


def _person_subjects(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges of PERSON entities that are clause subjects, in order."""
    return [
        (ent.start, ent.end)
        for ent in doc.ents
        if ent.label_ == "PERSON" and ent.root.dep_ in ("nsubj", "nsubjpass")
    ]


def _recent(subjects: list[tuple[int, int]], after: int, before: int) -> tuple[int, int] | None:
    """Return the latest subject starting in [after, before)."""
    k = bisect_left(subjects, (before, -1)) - 1
    if k >= 0 and subjects[k][0] >= after:
        return subjects[k]
    return None


def resolve(doc: Doc, mentions: Sequence[Mention]) -> tuple[list[int], list[Entity]]:
    """Assign every mention (in text order) to an entity; return (entity index per mention, entities).

    >>> from toolkit.nlp import load_model
    >>> doc = load_model()("Dmitry Peskov said no. He said it again.")
    >>> ms = [Mention(0, 2, describe(doc[0:2])), Mention(5, 6, describe(doc[5:6]))]
    >>> resolve(doc, ms)[0]
    [0, 0]
    """
    entities: list[Entity] = []
    assign: list[int] = []
    subjects = _person_subjects(doc) if any(m.info.pronoun for m in mentions) else []

    def attach(k: int, e: int, info: MentionInfo, pos: int) -> None:
        entities[e].infos.append(info)
        entities[e].members.append(k)
        entities[e].last = max(entities[e].last, pos)
        assign.append(e)

    def new(k: int, info: MentionInfo, pos: int) -> None:
        entities.append(Entity())
        attach(k, len(entities) - 1, info, pos)

    def match(info: MentionInfo) -> int | None:
        best, best_pos = None, -1
        for e, ent in enumerate(entities):
            if ent.last > best_pos and any(_compatible(info, other) for other in ent.infos):
                best, best_pos = e, ent.last
        return best

    for k, m in enumerate(mentions):
        info = m.info
        if info.pronoun and m.antecedent is not None:
            full = describe(doc[m.antecedent[0] : m.antecedent[1]])
            e = match(full)
            if e is None:
                new(k, full, m.start)
            else:
                attach(k, e, full, m.start)
            # keep the pronoun's own text as the mention but the antecedent's description
            continue
        if info.pronoun:
            e = _resolve_pronoun(subjects, m, entities)
            if e is None and info.kind == "person":
                span = _recent(subjects, 0, m.start)
                if span is not None:
                    full = describe(doc[span[0] : span[1]])
                    e = match(full)
                    if e is None:
                        new(k, full, m.start)
                        continue
            if e is None:
                new(k, info, m.start)
            else:
                attach(k, e, info, m.start)
            continue
        e = match(info)
        if e is None:
            new(k, info, m.start)
        else:
            attach(k, e, info, m.start)
    return assign, entities


def _resolve_pronoun(
    subjects: list[tuple[int, int]], m: Mention, entities: list[Entity]
) -> int | None:
    word = m.info.head
    want_person = word in ("he", "she", "him", "her", "i")
    best, best_pos = None, -1
    for e, ent in enumerate(entities):
        is_person = ent.kind == "person"
        if want_person != is_person:
            continue
        if not want_person and word in ("it", "its") and ent.kind in ("anonymous", "vague"):
            continue
        if ent.last > best_pos:
            best, best_pos = e, ent.last
    if want_person:
        # A person named as the subject of a more recent sentence beats an older speaker.
        span = _recent(subjects, best_pos + 1 if best is not None else 0, m.start)
        if span is not None:
            return None
    return best
