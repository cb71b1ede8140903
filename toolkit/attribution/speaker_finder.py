"""Who speaks: the speaker of a reporting verb, as a token range of the parse."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Token

from . import cues as C
from .mention_trims import trim_mention
from .mention_view import counting_noun
from .source_words import agent_noun, person_noun, terms
from .spans import QUOTE_CHARS, TokenRange, mention_range, subtree, trim

__all__ = [
    "SUBJECT_DEPS",
    "is_participle_cue",
    "second_clause",
    "speaker_after",
    "speaker_before",
    "speaker_of",
    "stolen_complement",
]

SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
# How far up the parse a cue may borrow a speaker ("..., adding that" -> the verb it hangs on):
# three steps covers coordination inside a participle; more climbs into unrelated clauses.
MAX_CLIMB = 3
# Subjects this many tokens apart are one mention ("Moscow, Beijing deny").
SIDE_BY_SIDE = 2

Found = tuple[TokenRange | None, TokenRange | None]
# Entity types that never speak: "on Friday to view", "Tuesday called" are times, not sources.
_NEVER_SPEAKS = frozenset({"DATE", "TIME"})


def _never(_pos: int) -> bool:
    return False


def _mention(tok: Token) -> TokenRange:
    """Return the source mention headed by ``tok``: its noun phrase minus what does not name it."""
    return trim_mention(tok, mention_range(tok))


def is_participle_cue(v: Token) -> bool:
    """Tell whether ``v`` is a comma-led participle ("..., adding that", "..., citing").

    >>> import spacy
    >>> is_participle_cue(spacy.blank("en")("adding")[0])
    False
    """
    if v.tag_ != "VBG" or v.dep_ not in ("advcl", "conj", "xcomp", "acl"):
        return False
    j = v.left_edge.i - 1
    while j > 0 and v.doc[j].text in QUOTE_CHARS:
        j -= 1  # “...,” adding
    return j >= 0 and v.doc[j].text == "," and v.lemma_.lower() in C.reporting_verbs()


def second_clause(v: Token) -> TokenRange:
    """Token range of a coordinated or participle clause with its leading "and" / comma.

    >>> import spacy
    >>> second_clause(spacy.blank("en")("x , and")[2])
    (1, 3)
    """
    doc = v.doc
    a = v.left_edge.i
    while a > 0 and doc[a - 1].lower_ in (",", "and", "but", ";", "while"):
        a -= 1
    return a, v.right_edge.i + 1


def _described_subject(noun: Token) -> Token | None:
    """Return whom a predicate noun describes ("Trump is a liar and bully who pledged ..." -> Trump).

    A relative clause on a common noun after "is" speaks of the copula's subject when that is a
    name or a pronoun; "The winner was Smith, who said ..." keeps Smith (a name is no description).
    """
    while noun.dep_ == "conj" and noun.head.i != noun.i:
        noun = noun.head
    if noun.dep_ != "attr" or noun.pos_ != "NOUN" or noun.head.lemma_ != "be":
        return None
    subjects = [c for c in noun.head.children if c.dep_ == "nsubj" and c.i < noun.i]
    if not subjects or subjects[0].pos_ not in ("PROPN", "PRON") or subjects[0].lower_ in ("it", "this", "that", "what"):
        return None
    return subjects[0]


def _subject_speaker(v: Token, quoted: Callable[[int], bool]) -> Found | None:
    """Return the grammatical subject (or passive agent) of ``v``; None when it has no usable one."""
    for c in v.children:
        if c.dep_ not in SUBJECT_DEPS or quoted(c.idx):
            continue
        if c.dep_ == "nsubjpass" and not C.contracted_perfect(v):
            if c.lower_ == "it":
                continue
            agents = [g for a in v.children if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj"]
            if agents:
                return _mention(agents[0]), None
            continue
        if c.lower_ in ("who", "that", "which") and v.dep_ == "relcl":
            described = _described_subject(v.head)
            if described is not None:
                return (c.i, c.i + 1), _mention(described)
            # the antecedent without the relative clause that holds the cue; "a string of Tory
            # MPs who said": the parse hangs the clause on "MPs", the source is the counted many
            a, b = mention_range(v.head)
            if (counter := counting_noun(v.head)) is not None:
                a = min(a, counter.left_edge.i)
            if a < v.left_edge.i < b:
                a, b = trim(v.doc, a, v.left_edge.i)
            return (c.i, c.i + 1), (a, b)
        a, b = _mention(c)
        # "Moscow, Beijing deny": several subjects side by side are one mention
        for c2 in v.children:
            if c2.dep_ == c.dep_ and c2.i != c.i and not quoted(c2.idx):
                a2, b2 = _mention(c2)
                if b2 >= a - SIDE_BY_SIDE and a2 <= b + SIDE_BY_SIDE:
                    a, b = min(a, a2), max(b, b2)
        return (a, b), None
    for c in v.children:
        if c.dep_ == "agent":
            pobj = [g for g in c.children if g.dep_ == "pobj"]
            if pobj:
                return _mention(pobj[0]), None
    return None


def _is_infinitive(v: Token) -> bool:
    """Tell whether ``v`` is a to-infinitive ("visited the court to view"): its subject is the main clause's."""
    return v.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in v.children)


def _misparsed_coordination(v: Token) -> bool:
    """Tell whether a finite clause hung on a verb is really its second verb.

    "He had promised … and, according to Reuters, once told analysts …": a finite adverbial clause with no subject and no subordinator of its own ("when", "as") can
    only share the subject of the verb it hangs on; the parse lost the "and" in the commas.
    """
    return (
        v.dep_ == "advcl"
        and v.tag_ in ("VBD", "VBZ", "VBP")
        and v.i > v.head.i
        and not any(c.dep_ in ("nsubj", "nsubjpass", "mark", "expl", "csubj") for c in v.children)
        and any(c.dep_ == "cc" for c in v.head.children if c.i < v.i)
    )


# Heads of an extraposed or generic "it" frame: "it is hard to know", "it means admitting".
_IT_FRAMES = frozenset({"be", "mean", "take", "seem"})


def _extraposed(v: Token) -> bool:
    """Tell whether ``v`` completes an "it" frame ("It's hard to know ...", "It means admitting ...").

    The "it" stands for the clause or for nothing; no one is the speaker of "to know".
    """
    head = v.head
    return (
        v.dep_ == "xcomp"
        and head.lemma_.lower() in _IT_FRAMES
        and any(c.dep_ == "nsubj" and c.lower_ == "it" for c in head.children)
    )


def _object_controller(v: Token) -> Token | None:
    """Return the object that does what an infinitive says ("led Ann Lee to announce").

    After an object-control verb (``object_control_verbs.txt``) with a direct object, a
    "to"-infinitive is the object's act: "the defeat prompted the chairman to resign" -- the
    chairman resigns; "used his blog to criticise" keeps its subject.
    """
    head = v.head
    if v.dep_ != "xcomp" or not _is_infinitive(v) or head.lemma_.lower() not in C.object_control_verbs():
        return None
    objs = [c for c in head.children if c.dep_ == "dobj" and c.i < v.i and c.pos_ in ("PROPN", "NOUN", "PRON")]
    return objs[0] if objs and objs[0].lower_ not in ("it", "this", "that") else None


# Verbs that relay someone else's words: "Reuters quoted him as saying ...", "he was cited as
# saying ...".  The one saying is the verb's object (or its passive subject), not the outlet.
_RELAYING_VERBS = frozenset({"quote", "cite", "report"})


def _quoted_as(v: Token) -> Token | None:
    """Return whom an outlet quotes ("Reuters quoted Mr Lee as saying" -> Lee), or None.

    >>> import spacy
    >>> _quoted_as(spacy.blank("en")("saying")[0]) is None
    True
    """
    prep, gov = v.head, v.head.head
    if prep.lower_ != "as" or gov.lemma_.lower() not in _RELAYING_VERBS:
        return None
    return _relayed(gov, prep)


def _relayed(gov: Token, prep: Token) -> Token | None:
    """Return the object (or passive subject) of a relaying verb, before its "as" phrase ``prep``."""
    deps = ("nsubjpass",) if _is_passive_verb(gov) else ("dobj",)
    found = [c for c in gov.children if c.dep_ in deps and c.i < prep.i]
    return found[0] if found and found[0].lower_ not in ("it", "this", "that") else None


def _relaying_object(v: Token) -> Token | None:
    """Whom a relaying verb relays when its "as saying" comes last ("…," Reuters quoted an official as saying).

    >>> import spacy
    >>> _relaying_object(spacy.blank("en")("quoted")[0]) is None
    True
    """
    if v.lemma_.lower() not in _RELAYING_VERBS:
        return None
    for prep in v.children:
        if prep.dep_ == "prep" and prep.lower_ == "as" and any(
            c.dep_ == "pcomp" and c.tag_ == "VBG" and c.lemma_.lower() in C.reporting_verbs() for c in prep.children
        ):
            return _relayed(v, prep)
    return None


def _is_passive_verb(v: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in v.children) and not C.contracted_perfect(v)


def _borrowed_speaker(v: Token, depth: int, quoted: Callable[[int], bool]) -> Found | None:
    """Return the speaker of the verb ``v`` depends on; None when ``v`` depends on none."""
    if depth >= MAX_CLIMB:
        return None
    if v.dep_ == "pcomp" and v.head.dep_ == "prep" and v.head.head.pos_ == "VERB":
        quoted_one = _quoted_as(v)
        if quoted_one is not None:
            return _mention(quoted_one), None
        # "Rubio responded before adding that ...": the one adding is the one responding
        return speaker_of(v.head.head, depth + 1, quoted)
    if v.dep_ not in ("xcomp", "conj", "advcl") or v.head.i == v.i:
        return None
    if v.head.pos_ not in ("VERB", "AUX"):
        return None
    if v.dep_ == "advcl" and v.tag_ != "VBG" and not _is_infinitive(v) and not _misparsed_coordination(v):
        return None, None
    if _extraposed(v):
        return None, None
    controller = _object_controller(v)
    if controller is not None:
        return _mention(controller), None
    if is_participle_cue(v) or (
        v.dep_ == "conj" and v.head.lemma_.lower() not in C.reporting_verbs()
    ):
        # "X said Y has grown, citing Z" / "X said Y and warned Z": the parse may hang the
        # second verb inside Y; its speaker is that of the nearest reporting verb above it
        for anc in v.ancestors:
            if anc.lemma_.lower() in C.reporting_verbs() and anc.pos_ == "VERB":
                return speaker_of(anc, depth + 1, quoted)
    return speaker_of(v.head, depth + 1, quoted)


def _verbless_subject(noun: Token) -> Token:
    """Return the noun a sentence parsed without a verb hangs on, when ``noun`` is inside it.

    In "The Conference Board survey of 5,000 households pointed to ..." the parse makes "survey"
    the root and "pointed" a participle on "households": the cue is the main verb, and the
    whole noun phrase ("The Conference Board survey of …") its subject, not the last noun in it.
    """
    outer = noun
    while outer.dep_ == "pobj" and outer.head.dep_ == "prep" and outer.head.head.pos_ in ("NOUN", "PROPN"):
        outer = outer.head.head
    return outer if outer.dep_ == "ROOT" and outer.i != noun.i else noun


def _noun_head_speaker(v: Token) -> Found:
    """"..., a senior official noted" parsed as a noun with a participle; "says Russia"."""
    head = v.head
    # but not "a stream called Miracle Run"
    acl_ok = v.dep_ != "acl" or not any(c.dep_ in ("oprd", "attr") for c in v.children)
    if not (
        head.i != v.i
        and head.pos_ in ("NOUN", "PROPN")
        and v.dep_ in ("acl", "parataxis", "relcl", "dep")
        and acl_ok
    ):
        return None, None
    head = _verbless_subject(head) if v.dep_ == "acl" else head
    doer = _doer_of_participle(v, head)
    if doer is not None:
        return mention_range(doer), None
    a, b = mention_range(head)
    if v.dep_ == "acl" or head.i > v.i:
        a2, b2 = subtree(v)
        if a2 <= a < b2:
            a = b2
        if a2 < b <= b2:
            b = a2
        a, b = trim(v.doc, a, b)
        if b > a:
            return (a, b), None
    return None, None


# Lexicons whose nouns can be a speaker or a text that speaks ("the report found")
_SPEAKING_THINGS = ("speaker_organizations", "speaker_government", "document_sources")


def _could_speak(noun: Token) -> bool:
    """Tell whether a noun can be who (or what) says something: a name, a person, a body, a text."""
    low, lemma = noun.lower_, noun.lemma_.lower()
    return (
        noun.pos_ in ("PROPN", "PRON")
        or noun.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")
        or person_noun(low)
        or agent_noun(low)
        or lemma in C.speech_vehicles()[0]  # what a speaker issues ("a letter saying")
        or any(low in terms(name) or lemma in terms(name) for name in _SPEAKING_THINGS)
    )


def _doer_of_participle(v: Token, noun: Token) -> Token | None:
    """Return the subject that does a participle cue hung on an object that cannot speak.

    "He visited marginal constituencies pledging to build on …": the parse hangs "pledging" on
    the places he visited; the one pledging is the visitor.
    """
    if v.dep_ != "acl" or v.tag_ != "VBG" or noun.dep_ != "dobj" or _could_speak(noun):
        return None
    return next((c for c in noun.head.children if c.dep_ == "nsubj"), None)


# Prepositions that put a speech vehicle under the verb of its issuer ("said in a statement").
_VEHICLE_PREPS = frozenset({"in", "through", "with"})


def _vehicle_speaker(v: Token, depth: int, quoted: Callable[[int], bool]) -> Found | None:
    """Return the issuer of a speech vehicle ("The campaign issued a statement saying ...").

    The participle hangs on a speech vehicle (``speech_vehicles.txt``); its speaker is the
    subject of the verb that issued it, or the vehicle's owner ("her statement saying").
    """
    nouns, verbs = C.speech_vehicles()
    noun = v.head
    if v.dep_ != "acl" or noun.i == v.i or noun.pos_ != "NOUN" or noun.lemma_.lower() not in nouns:
        return None
    gov: Token | None = noun.head
    if noun.dep_ == "pobj" and noun.head.lower_ in _VEHICLE_PREPS and noun.head.head.pos_ in ("VERB", "AUX"):
        gov = noun.head.head
    elif not (noun.dep_ == "dobj" and noun.head.pos_ == "VERB" and noun.head.lemma_.lower() in verbs):
        gov = None
    if gov is not None and depth < MAX_CLIMB:
        # "The company backtracked, putting out a statement saying ...": an issuing participle
        # has no subject of its own; the one who issued is the main clause's subject.
        found = _subject_speaker(gov, quoted) or _borrowed_speaker(gov, depth + 1, quoted)
        if found is not None and found[0] is not None:
            return found
    owners = [c for c in noun.children if c.dep_ == "poss"]
    return (_mention(owners[0]), None) if owners else None


def speaker_of(v: Token, depth: int = 0, quoted: Callable[[int], bool] = _never) -> Found:
    """(speaker token range, antecedent range for relative pronouns) of a reporting verb.

    ``quoted(char)`` tells whether a position lies inside a quotation: a "subject" inside the
    quote before ``“..., ” said X`` is a misparse, not the speaker.

    >>> from toolkit.nlp import load_model
    >>> doc = load_model()("The minister said it.")
    >>> speaker_of(doc[2])
    ((0, 2), None)
    """
    relayed = _relaying_object(v)
    if relayed is not None:
        return _mention(relayed), None
    found = _subject_speaker(v, quoted)
    if found is None:
        found = _borrowed_speaker(v, depth, quoted)
    if found is None:
        found = _vehicle_speaker(v, depth, quoted)
    if found is None:
        found = _noun_head_speaker(v)
    return found


def speaker_before(v: Token) -> TokenRange | None:
    """Return a name right before the verb that the parse attached elsewhere ("Post Trump said").

    >>> import spacy
    >>> speaker_before(spacy.blank("en")("said")[0]) is None
    True
    """
    doc = v.doc
    j = v.i - 1
    while j >= 0 and doc[j].head.i == v.i and doc[j].dep_ in ("aux", "neg", "advmod"):
        j -= 1
    if (
        j < 0
        or doc[j].pos_ not in ("PROPN", "PRON")
        or doc[j].lower_ in ("it", "that", "which", "what")
        or doc[j].ent_type_ in _NEVER_SPEAKS
    ):
        return None
    if doc[j].pos_ == "PRON":
        return (j, j + 1) if doc[j].lower_ in ("he", "she", "they", "i", "we") else None
    a = j
    while (
        a - 1 >= 0
        and doc[a - 1].pos_ == "PROPN"
        and doc[a - 1].ent_iob_ != "O"
        and doc[a].ent_iob_ == "I"
    ):
        a -= 1
    return a, j + 1


# The parse reads an inverted speaker after a present-tense cue as its object or modifier
# ("“We love cats!” reply Burton and Nick").
_INVERTED_DEPS = frozenset({"dobj", "npadvmod", "attr", "appos", "dep", "nsubj"})


def speaker_after(v: Token) -> TokenRange | None:
    """Return the name right after a cue that follows a quotation and has no subject.

    >>> import spacy
    >>> speaker_after(spacy.blank("en")("said")[0]) is None
    True
    """
    if C.inverted_after_quote(v):
        a, b = mention_range(v.head)
        return v.i + 1, b
    for c in v.rights:
        if c.left_edge.i != v.i + 1:
            break
        if c.dep_ in _INVERTED_DEPS and c.pos_ in ("PROPN", "NOUN", "PRON"):
            return _mention(c)
    return None


def stolen_complement(
    doc: Doc, v: Token, speaker: TokenRange | None, ranges: list[TokenRange]
) -> tuple[TokenRange | None, list[TokenRange]]:
    """Give back a copula's complement that the parse put into the speaker.

    In "It was a mistake officials said" (no comma) the parser reads "a mistake officials" as
    the subject, leaving "It was" without its complement.  A clause ending in a bare copula right
    before the speaker, and a common noun modifying the speaker's head, mark the misparse: the
    words up to that noun complete the content.

    >>> import spacy
    >>> doc = spacy.blank("en")("said")
    >>> stolen_complement(doc, doc[0], None, [])
    (None, [])
    """
    if speaker is None or not ranges:
        return speaker, ranges
    a, b = speaker
    clause = [c for c in v.children if c.dep_ == "ccomp" and c.right_edge.i + 1 == a]
    if not clause or max(r[1] for r in ranges) != a:
        return speaker, ranges
    root = clause[0]
    if root.lemma_ != "be" or any(
        c.dep_ in ("attr", "acomp", "oprd", "xcomp", "ccomp", "prep", "advmod")
        for c in root.children
    ):
        return speaker, ranges
    for i in range(b - 2, a - 1, -1):
        t = doc[i]
        if t.pos_ == "NOUN" and t.dep_ == "compound" and t.head.i < b:
            return (i + 1, b), [(x, i + 1 if y == a else y) for x, y in ranges]
    return speaker, ranges
