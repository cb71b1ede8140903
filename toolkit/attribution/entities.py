"""Speakers as coreference builds them: an :class:`Entity` per source, and :func:`compatible`.

:func:`compatible` tells when two descriptions can be one source.  Split from :mod:`.coref`, which resolves mentions into these entities.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .gender import Vote, decide
from .mention_view import DEFINITE
from .names import acronym_of, organization_alias
from .source_words import agent_noun, person_noun, terms
from .speakers import MentionInfo

__all__ = ["Entity", "compatible", "names_one_person", "person_like"]

# Words that introduce a document without telling it from another ("a new report", "the latest poll").
_INTRODUCING = frozenset({"new", "recent", "latest", "fresh", "last", "published", "released"})


@dataclass(slots=True)
class Entity:
    """A distinct speaker: the infos of its mentions and the mention indexes merged into it."""

    infos: list[MentionInfo] = field(default_factory=list)
    members: list[int] = field(default_factory=list)
    last: int = -1  # token index of the latest mention
    names: list[str] = field(default_factory=list)  # personal names of its mentions
    votes: list[Vote] = field(default_factory=list)  # gender signals the article gives it
    positions: list[int] = field(default_factory=list)  # token index of every mention
    name: str | None = None  # the fullest personal name the article uses for it
    resolved: bool = True
    office_of: frozenset[str] = frozenset()  # whose office a definite description names ("of the commission")
    definite: bool = False  # one unnamed person described as the holder of one office ("the", "its", "X's")
    indefinite: bool = False  # one unnamed person introduced with "a" / "an" ("a transit chief")
    owner: int | None = None  # the entity "his"/"her" in its description stands for ("his family")
    owned: str = ""  # the description after that pronoun ("family")
    described_as: str | None = None  # the description with the owner named ("Jerry Scoggins' family")

    @property
    def kind(self) -> str:
        """Kind of the most informative (non-pronoun) mention.

        One person the article only ever describes as the holder of some body's office and never
        ties to a name ("the prime minister's official spokesman", "the chairman of the
        commission": ``office_of`` set) is an anonymous source: the reader is told whose office
        it is but not who speaks, also when it is written in capitals ("The United Nations High
        Commissioner for Human Rights").  A bare office ("the minister") or one
        owned by the body just named ("its chief executive") stays its holder, a person.
        """
        described = [i for i in self.infos if not i.pronoun]
        if not described:
            return self.infos[0].kind if self.infos else "unknown"
        kind = described[0].kind
        if self.names and kind in ("organization", "unknown"):
            kind = "person"  # "Montell Figgins, who represents …" read as a body once; a personal name says who
        unnamed = not self.names and all(not i.plural and (person_noun(i.head) or agent_noun(i.head)) for i in described)
        if kind == "person" and unnamed and self.office_of:
            return "anonymous"
        # "The man said …", "the woman told police": a person the article describes, never names
        # and never ties to a named one is an unnamed source, as "a man" is
        # (only the plain person nouns: "the minister" holds an office, "the spokesman" speaks for a body)
        plain = not self.names and all(_plain_person(i) for i in described)
        return "anonymous" if kind in ("person", "unknown") and plain else kind

    @property
    def gender(self) -> str:
        """The gender the article's signals so far give it (or "unknown")."""
        return decide(self.votes)[0]


def _plain_person(info: MentionInfo) -> bool:
    """Tell whether a mention is "the" and plain words for one person ("the man", "the young woman").

    Any capitalised word after the determiner may be a name the tagger missed ("American
    Airlines' parent AMR"): such a mention is not plain.
    """
    words = info.name.split()
    return (
        not info.plural and not info.named and info.head in terms("speaker_person_nouns")
        and len(words) > 1 and words[0].lower() in DEFINITE and all(w.islower() for w in words[1:])
    )


def _coordinated(name: str | None) -> bool:
    # "&" joins the words of one name ("Food & Agriculture Organisation", "Ernst & Young")
    return bool(name) and "and" in name.lower().split()  # type: ignore[union-attr]


def compatible(a: MentionInfo, b: MentionInfo) -> bool:
    """Tell whether description ``a`` could be a short or full form of description ``b``."""
    if a.pronoun or b.pronoun or a.kind != b.kind:
        return False
    if a.kind == "country":
        return a.affiliation is not None and a.affiliation == b.affiliation
    if a.kind in ("organization", "government") and (acronym_of(a.name, b.name) or acronym_of(b.name, a.name)):
        return True  # "the UN's Food & Agriculture Organisation" … "The FAO"
    if _coordinated(a.name) != _coordinated(b.name):
        return False  # "the Conservatives" is not "the Conservatives and Lib Dems"
    if a.kind == "organization" and (alias := organization_alias(a.name)) is not None:
        return alias == organization_alias(b.name)  # "the Tories" … "the Conservatives"
    if a.head != b.head or not a.head or a.plural != b.plural:
        return False
    if a.affiliation and b.affiliation and a.affiliation != b.affiliation:
        return False
    ma, mb = a.modifiers, b.modifiers
    if a.kind == "document":  # "a new poll … the BBC poll": one poll, introduced then named
        ma, mb = ma - _INTRODUCING, mb - _INTRODUCING
    return ma <= mb or mb <= ma


def names_one_person(info: MentionInfo) -> bool:
    """Tell whether a mention can carry one person's name.

    A group's mention names its members, not the group: "Hansen and his collaborators"
    includes Hansen and is not Hansen.

    >>> names_one_person(MentionInfo("person", True, "Ann Lee", None, None, False, "lee", False, frozenset()))
    True
    """
    return info.kind == "person" and not info.plural


def person_like(info: MentionInfo) -> bool:
    """Tell whether a mention is a person, or one the kinds left open whose head names one.

    ("the record holder", "the 30-year-old").

    >>> person_like(MentionInfo("unknown", False, "the record holder", None, None, False, "holder", False, frozenset()))
    True
    """
    if info.kind == "person":
        return True
    return info.kind == "unknown" and (person_noun(info.head) or agent_noun(info.head) or info.head == "old")
