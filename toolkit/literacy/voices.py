"""Who a check may name, and what it may say about them, without stating anything false.

* A speaker the toolkit could not tie to a named source (an unresolved pronoun, a speaker the
  coreference step marks ``resolved=False``, a mention of kind "unknown" such as "the stand")
  is named :data:`UNIDENTIFIED`, never "he".
* The same voice is one voice: claims group by ``speaker_key`` when the speaker layer sets it,
  else by speaker record.
* A passive accusation ("Mark Meadows accused of timing retirement") names the accused, not an
  accuser: with no "by" agent it is agentless.
* "X acknowledged that Y had failed" confirms Y's conduct: it is no confession by X.
* Gender is counted on person speakers only (``speakers.gender``), unknowns said as such.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc

from ..types import FIRST_PERSON, PRONOUNS, Claim, Speaker

__all__ = [
    "UNIDENTIFIED",
    "Voice",
    "accusation_target",
    "display_name",
    "gender_counts",
    "is_possessive_subject",
    "names_a_target",
    "own_conduct",
    "same_voice",
    "voice_key",
    "voice_name",
    "voices",
]

UNIDENTIFIED = "an unnamed speaker"
# Cues whose passive form names the accused as its subject ("X accused of ...", "X is blamed for").
_PASSIVE_LEMMAS = frozenset({"accuse", "charge", "blame", "suspect", "allege", "criticize", "criticise", "condemn", "attack", "slam"})
_AUX_RE = re.compile(r"\b(?:is|are|was|were|be|been|being|has been|have been|had been|got|gets|get)\s*$", re.I)
_PASSIVE_AFTER_RE = re.compile(r"^\s*(?:of|for|over|with|in)\b", re.I)
_BY_AGENT_RE = re.compile(r"^\s*by\b", re.I)
_POSSESSIVE_RE = re.compile(r"^\s*['’]s\s*$")
# Accusation cues that need no named target in their content ("alleged that no checks were made").
_CORE_ACCUSATIONS = frozenset({"accuse", "allege"})
# Object pronouns that stand for someone accused ("attacked him", "blamed them for the delay"); a
# subject pronoun is most often the speaker ("complained they could not find workers").
_ACCUSED_PRONOUNS = frozenset({"him", "her", "them"})
_LEAD_RE = re.compile(r"^\W*(?:that\s+)?", re.I)
_WORD_RE = re.compile(r"[A-Za-z][\w'’-]*")
_DETERMINERS = frozenset({"the", "a", "an", "his", "her", "their", "its", "this", "that"})


def display_name(claim: Claim, speaker: Speaker | None) -> str | None:
    """Return the name a check may show for a claim's source, or None when it is not identified.

    >>> from toolkit.types import Claim, Speaker
    >>> c = Claim("a", 0, 0, 0, "he", 0, 2, "said", 3, 7, "say", "x", 8, 9, ((8, 9),), "indirect", "assert")
    >>> display_name(c, Speaker("a", 0, "he", "person", False)), display_name(c, Speaker("a", 0, "Ann Lee", "person", True))
    (None, 'Ann Lee')
    >>> display_name(c, Speaker("a", 0, "WHO", "organization", True)), display_name(c, Speaker("a", 0, "Who", "person", True))
    ('WHO', None)
    """
    if speaker is not None and (not speaker.resolved or speaker.kind == "unknown"):
        return None  # the speaker layer could not tie it to a source, or tell what it is
    name = (speaker.name if speaker is not None else None) or claim.speaker_name or claim.speaker_text
    # "WHO" in capitals is the body's initials, not the pronoun "who"
    if not name or (" ".join(name.lower().split()) in PRONOUNS and not (len(name) > 1 and name.isupper())):
        return None
    return name


def voice_key(claim: Claim, speaker: Speaker | None) -> str | None:
    """Return the identity a claim's voice is counted under (None when it is not identified).

    >>> from toolkit.types import Claim, Speaker
    >>> c = Claim("a", 0, 0, 3, "Blair", 0, 5, "said", 6, 10, "say", "x", 11, 12, ((11, 12),), "indirect", "assert")
    >>> voice_key(c, Speaker("a", 3, "Tony Blair", "person", True, speaker_key="tony blair"))
    'key:tony blair'
    """
    if display_name(claim, speaker) is None:
        return None
    if speaker is not None and speaker.speaker_key:
        return f"key:{speaker.speaker_key}"
    if claim.speaker_id is not None:
        return f"id:{claim.speaker_id}"
    return f"text:{' '.join(str(claim.speaker_text).lower().split())}"


_HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "prof", "professor"})


def voice_name(claim: Claim, speaker: Speaker | None) -> str | None:
    """Return the identity two claims compare to tell one voice from two (key, else name words).

    >>> from toolkit.types import Claim, Speaker
    >>> c = Claim("a", 0, 0, 0, "Mr Blair", 0, 8, "said", 9, 13, "say", "x", 14, 15, ((14, 15),), "indirect", "assert")
    >>> voice_name(c, Speaker("a", 0, "Mr Blair", "person", True))
    'blair'
    """
    if speaker is not None and speaker.speaker_key:
        return speaker.speaker_key
    name = display_name(claim, speaker)
    if name is None:
        return None
    words = [w for w in _WORD_RE.findall(name.lower().replace("’s", "").replace("'s", "")) if w not in _HONORIFICS]
    words = words[1:] if words and words[0] in _DETERMINERS else words
    return " ".join(words) or None


def same_voice(a: str | None, b: str | None) -> bool:
    """Tell whether two :func:`voice_name` values are one voice ("blair" and "tony blair").

    >>> same_voice("blair", "tony blair"), same_voice("tony blair", "cherie blair"), same_voice(None, None)
    (True, False, False)
    """
    if not a or not b:
        return False
    x, y = a.split(), b.split()
    return a == b or (x[-1] == y[-1] and (set(x) <= set(y) or set(y) <= set(x)))


@dataclass(frozen=True, slots=True)
class Voice:
    """One identified voice of an article: its name and how many claims it has."""

    key: str
    name: str
    claims: int


def voices(claims: Sequence[Claim], speakers: Mapping[int, Speaker]) -> tuple[list[Voice], int]:
    """Return the identified voices, most claims first, and the number of unidentified claims.

    >>> from toolkit.types import Claim
    >>> c = Claim("a", 0, 0, None, "he", 0, 2, "said", 3, 7, "say", "x", 8, 9, ((8, 9),), "indirect", "assert")
    >>> voices([c], {})
    ([], 1)
    """
    counts: Counter[str] = Counter()
    names: dict[str, str] = {}
    unidentified = 0
    for c in claims:
        sp = speakers.get(c.speaker_id) if c.speaker_id is not None else None
        key = voice_key(c, sp)
        if key is None:
            unidentified += 1
            continue
        counts[key] += 1
        names.setdefault(key, display_name(c, sp) or UNIDENTIFIED)
    ordered = sorted(counts, key=lambda k: (-counts[k], names[k]))
    return [Voice(k, names[k], counts[k]) for k in ordered], unidentified


def gender_counts(claims: Sequence[Claim], speakers: Mapping[int, Speaker]) -> dict[str, int]:
    """Count the person speakers of the claims by ``speakers.gender`` (never organisations).

    An anonymous source counts only when the speaker layer gave it a gender ("a young woman").

    >>> from toolkit.types import Claim, Speaker
    >>> c = Claim("a", 0, 0, 0, "Ann Lee", 0, 7, "said", 8, 12, "say", "x", 13, 14, ((13, 14),), "indirect", "assert")
    >>> gender_counts([c], {0: Speaker("a", 0, "Ann Lee", "person", True)})
    {'female': 0, 'male': 0, 'unknown': 1}
    """
    seen: dict[str, str] = {}
    for c in claims:
        sp = speakers.get(c.speaker_id) if c.speaker_id is not None else None
        if sp is None:
            continue
        gender = sp.gender if sp.gender in ("female", "male") else "unknown"
        if sp.kind == "person" or (sp.kind == "anonymous" and gender != "unknown"):
            seen.setdefault(voice_key(c, sp) or f"id:{sp.speaker_id}", gender)
    out = Counter(seen.values())
    return {g: out[g] for g in ("female", "male", "unknown")}


def accusation_target(text: str, claim: Claim) -> str | None:
    """Return the accused when the claim is a passive accusation with no agent, else None.

    In "Mark Meadows accused of timing retirement" the mention before the cue is the accused.

    >>> from toolkit.types import Claim
    >>> t = "Mark Meadows accused of timing retirement"
    >>> c = Claim("a", 0, 0, 0, "Mark Meadows", 0, 12, "accused", 13, 20, "accuse", t[24:], 24, 41, ((24, 41),), "indirect", "accuse")
    >>> accusation_target(t, c)
    'Mark Meadows'
    """
    if claim.speaker_start is None or claim.speaker_end is None or claim.cue_start is None or claim.cue_end is None:
        return None
    if claim.speaker_end > claim.cue_start or (claim.cue_lemma or "").split(" ")[0] not in _PASSIVE_LEMMAS:
        return None
    between = text[claim.speaker_end : claim.cue_start]
    after = text[claim.cue_end : max(claim.cue_end, claim.content_start)] or text[claim.cue_end : claim.cue_end + 6]
    if _BY_AGENT_RE.match(text[claim.cue_end : claim.cue_end + 4]):
        return None
    passive = bool(_AUX_RE.search(between)) or bool(_PASSIVE_AFTER_RE.match(after))
    return claim.speaker_text if passive else None


def is_possessive_subject(text: str, claim: Claim) -> bool:
    """Tell whether the "speaker" only owns the cue word ("Arsenal's attacking talent").

    >>> from toolkit.types import Claim
    >>> t = "Arsenal's attacking talent"
    >>> is_possessive_subject(t, Claim("a", 0, 0, 0, "Arsenal", 0, 7, "attacking", 10, 19, "attack", "talent", 20, 26, ((20, 26),), "indirect", "accuse"))
    True
    """
    if claim.speaker_end is None or claim.cue_start is None or claim.speaker_end > claim.cue_start:
        return False
    return bool(_POSSESSIVE_RE.match(text[claim.speaker_end : claim.cue_start]))


def names_a_target(claim: Claim, entities: frozenset[str]) -> bool:
    """Tell whether an accusation cue has someone to accuse: a core cue, an entity or a person pronoun in its content.

    "blamed a weaker dollar", "attacked a sperm whale" and "charge fees" accuse no one;
    "attacked him" does.

    >>> from toolkit.types import Claim
    >>> c = Claim("a", 0, 0, 0, "It", 0, 2, "blamed", 3, 9, "blame", "a weaker dollar", 10, 25, ((10, 25),), "indirect", "accuse")
    >>> names_a_target(c, frozenset()), names_a_target(c, frozenset({"Russia"}))
    (False, True)
    """
    if (claim.cue_lemma or "").split(" ")[0] in _CORE_ACCUSATIONS or entities:
        return True
    return any(w.lower() in _ACCUSED_PRONOUNS for w in _WORD_RE.findall(claim.content_text))


def _subject_words(text: str, claim: Claim, doc: Doc | None) -> list[str] | None:
    """Return the words of the content's subject, or None when it is a pronoun or cannot be read."""
    start, end = claim.content_start, claim.content_end
    if doc is not None and doc.has_annotation("DEP"):
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            subj = next((t for t in span if t.dep_ in ("nsubj", "nsubjpass") and t.head.i >= span.start), None)
            if subj is None:
                return None
            if subj.pos_ == "PRON":
                return None
            return [t.text.lower() for t in subj.subtree if t.is_alpha and t.lower_ not in _DETERMINERS]
    lead = _LEAD_RE.sub("", text[start:end])
    words = _WORD_RE.findall(lead)[:4]
    if not words or words[0].lower() in PRONOUNS or words[0].lower() in FIRST_PERSON:
        return None
    return [w.lower() for w in words if w.lower() not in _DETERMINERS]


def own_conduct(text: str, claim: Claim, speaker: Speaker | None, doc: Doc | None) -> bool:
    """Tell whether an admission is about the speaker's own conduct (False: someone else's).

    "X acknowledged that the Bureau of Prisons had failed" confirms the Bureau's conduct; a
    pronoun subject ("he had lied", "it was late") is read as the speaker's own.

    >>> from toolkit.types import Claim, Speaker
    >>> t = "Ann Lee acknowledged that the Bureau had failed"
    >>> c = Claim("a", 0, 0, 0, "Ann Lee", 0, 7, "acknowledged", 8, 20, "acknowledge", t[21:], 21, 47, ((21, 47),), "indirect", "assert")
    >>> own_conduct(t, c, Speaker("a", 0, "Ann Lee", "person", True), None)
    False
    """
    subject = _subject_words(text, claim, doc)
    if not subject:
        return True
    mine = " ".join([(speaker.name if speaker else "") or "", claim.speaker_text or "", *(speaker.mentions if speaker else ())])
    own = {w.lower() for w in _WORD_RE.findall(mine)} - _DETERMINERS
    return bool(own & set(subject))
