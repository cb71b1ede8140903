"""Joins made after the whole article is read: an unnamed source tied to the name given later.

The resolver of :mod:`.coref` reads mentions in text order; these passes then fold an entity
into the one the article turns out to mean — an office into its holder (:mod:`.role_holders`),
a lead's unnamed study into the survey the body names.
"""

from __future__ import annotations

from .article_people import ArticlePeople
from .entities import Entity
from .names import same_person
from .role_holders import Party, description_words, holder, named_after_lead

__all__ = ["join_lead_documents", "join_later_holders"]


def _party(entities: list[Entity], art: ArticlePeople, e: int) -> Party:
    """Return what :mod:`.role_holders` reads about entity ``e``: where it is first named, its titles."""
    ent = entities[e]
    described = [i for i in ent.infos if not i.pronoun]
    words = frozenset().union(*(description_words(i.descriptor if ent.names else i.name) for i in described))
    first = min(ent.positions)
    if ent.names:  # named before it spoke, outside any claim ("… met Curt Hopkins. …")
        first = min([first, *(p.start for p in art.people if any(same_person(p.text, n) for n in ent.names))])
    heads = frozenset(i.head for i in described if not i.plural)
    return Party(e, first, max(ent.positions), bool(ent.names), words, heads, ent.definite, ent.indefinite, not ent.resolved)


def _merge(entities: list[Entity], e: int, f: int, assign: list[int]) -> None:
    """Fold entity ``e`` into entity ``f``; mentions assigned to ``e`` now belong to ``f``."""
    ent, other = entities[e], entities[f]
    other.infos += ent.infos
    other.members += ent.members
    other.positions += ent.positions
    other.votes += ent.votes
    entities[e] = Entity()
    assign[:] = [f if a == e else a for a in assign]


def join_later_holders(entities: list[Entity], art: ArticlePeople, assign: list[int]) -> None:
    """Merge each unnamed office into the person the article names as its holder (:mod:`.role_holders`).

    >>> join_later_holders([], None, [])  # nothing to join
    """
    parties = [_party(entities, art, e) for e, ent in enumerate(entities) if ent.positions]
    for role in parties:
        f = holder(role, parties, art.sent)
        if f is not None:
            _merge(entities, role.index, f, assign)


def join_lead_documents(entities: list[Entity], art: ArticlePeople, assign: list[int]) -> None:
    """Merge a lead's unnamed study or report into the one the body names (:func:`.role_holders.named_after_lead`).

    >>> join_lead_documents([], None, [])  # nothing to join
    """
    findings = [(e, min(ent.positions), any(i.named for i in ent.infos if not i.pronoun))
                for e, ent in enumerate(entities) if ent.positions and ent.kind == "document"]
    for lead in findings:
        f = named_after_lead(lead, findings, art.sent)
        if f is not None:
            _merge(entities, lead[0], f, assign)
