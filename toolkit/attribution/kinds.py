"""Speaker kinds: what kind of source a speaker mention names, as a registry of small rules.

A mention is read once into a :class:`MentionView` (its head, the names and places in it, the
determiner it starts with); every rule in :data:`KIND_RULES` looks at that view and returns a
kind or None, and the first kind returned wins.  The rules are general, not word lists of
articles:

* a party's name, under any of its names ("Labour", "the Tories"): organization;
* a share with a figure ("Some 87%", "28% of the bosses polled"): the poll, a document;
* a name the apposition calls a company, firm or group: organization;
* a person's name (from the parse and the entity labels) at the head or in apposition: person;
* a determiner and a person noun with no name ("a person at the fundraiser", "one academic",
  "an executive at ..."), or a person noun owned by a named party ("Cruz's lawyers"): anonymous;
* "one of the organisers": anonymous;
* a noun for someone acting for a specific party ("officials", "prosecutors", "aides"): anonymous;
* a generic group ("critics", "many Democrats", "investors"): vague;
* organisations, governments, places, documents from the lexicons and the entity labels.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from .mention_view import (
    DEFINITE,
    MentionView,
    counted_people,
    office_before,
    title_noun,
    trailing_name_start,
)
from .names import organization_alias
from .source_words import agent_noun, norm, person_noun, place_kinds, places, terms

__all__ = [
    "DETERMINERS",
    "demonym_person",
    "KIND_RULES",
    "is_proper",
    "named_entity_in",
    "speaker_kind",
]

DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "both", "its", "their"})
# Determiners that introduce one unidentified member of a class ("a person", "one academic").
_INDEFINITE = frozenset({"a", "an", "one", "another"})
# Generic nouns that make a source anonymous only with a qualifier ("people close to ...").
_GENERIC = frozenset({"people", "person", "someone", "individual", "individuals"})
# Initials of a body have two letters or more ("UN", "WHO", "NATO"); "I" is the pronoun.
_ACRONYM_MIN = 2
QUANTIFIERS = frozenset(
    {"some", "many", "several", "most", "few", "other", "others", "numerous", "various"}
)
TITLES = frozenset(
    ["mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sen", "sen.", "rep", "rep.", "gov", "gov.", "gen", "gen.", "lt", "lt.", "col", "col.", "sir", "dame"]
)
# Words that make "the" + a capitalised word a person: "the Rev Jesse Jackson", "the Duke".
_ADDRESS = frozenset({"rev", "reverend", "lord", "lady", "duke", "duchess", "earl", "baron", "baroness"})
_NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"})


KindRule = Callable[[MentionView], str | None]


def _poll_share(m: MentionView) -> str | None:
    """Type a share of those polled as the poll speaking ("Some 87%", "More than half (54%) of those asked").

    The figure comes from a survey, not from an unspecified crowd; "most people" with no figure
    stays vague.
    """
    return "document" if "%" in m.low or " per cent " in m.lower or "percent" in m.low else None


def _named_body(m: MentionView) -> str | None:
    """"Diageo, the world's biggest spirits company": a name the apposition calls a body.

    The tagger reads many company names as people; the article's own apposition says otherwise.
    """
    h = m.head
    if h.pos_ != "PROPN":
        return None
    for c in h.children:
        if c.dep_ == "appos" and c.pos_ == "NOUN" and norm(c.lemma_) in terms("speaker_organizations"):
            return "organization"
    return None


def _party(m: MentionView) -> str | None:
    """"Labour", "the Tories", "the GOP": a party's name is an organisation, whatever the tagger says."""
    doc = m.head.doc
    return "organization" if organization_alias(doc[m.tokens[0].i : m.tokens[-1].i + 1].text) else None


def _named_person(m: MentionView) -> str | None:
    if m.has_person or (m.first in TITLES and m.head.pos_ == "PROPN"):
        return "person"
    # "MEP Alain Lipietz", "Chief Executive Satya Nadella": a name right after an office's title
    # is a person's, whatever entity label the tagger gave it
    start = trailing_name_start(m.tokens, place_idx=m.place_idx)
    if start is None or not office_before(m.tokens, start, place_idx=m.place_idx):
        return None
    # ... at the head, or ending an apposition ("Another diplomat, former special envoy to
    # Ukraine Kurt Volker"): the description says who, the name which one
    in_appos = any(t.dep_ == "appos" and t.head.i == m.head.i and t.i < m.tokens[start].i <= t.right_edge.i for t in m.tokens)
    return "person" if m.head.i >= m.tokens[start].i or in_appos else None


def _described_person(m: MentionView) -> str | None:
    """"Wikileaks editor-in-chief Kristinn Hrafnsson", "Munster lock Paul O'Connell": a common noun, then a full name.

    The tagger's PERSON on the two or more words that end the mention, right after a lower-case
    noun that describes them, is who the mention is, whatever the parse made its head.
    """
    toks = m.tokens
    k = len(toks)
    while k > 0 and toks[k - 1].ent_type_ == "PERSON":
        k -= 1
    if not 0 < k <= len(toks) - 2 or toks[k].ent_iob_ != "B":
        return None
    before = toks[k - 1]
    return "person" if before.tag_ in ("NN", "NNS") and before.text.islower() else None


def _initialled_name(m: MentionView) -> str | None:
    """"E Hayot", "J. Smith": an initial before a capitalised name is how a person is written.

    Not "A" or "I", which open sentences ("A Labour spokesman"); only a bare name, nothing else.
    """
    toks = [t for t in m.tokens if t.text != "."]
    if not 2 <= len(toks) <= 3 or toks[0].text.rstrip(".") in ("A", "I"):
        return None
    initial = len(toks[0].text.rstrip(".")) == 1 and toks[0].text[:1].isupper()
    rest = all(t.text[:1].isupper() and len(t.text) > 1 and t.is_alpha for t in toks[1:])
    return "person" if initial and rest else None


# Demonyms whose plural is the same word ("the Swiss", "the Chinese", "the French"), and plurals
# ("the Americans"): with "the" they are the people or the government, not one person.
_INVARIANT_DEMONYM_ENDINGS = ("ese", "ch", "sh", "s")


def demonym_person(m: MentionView) -> bool:
    """Tell whether a mention is one person called by nationality ("the American", "the Argentine").

    Sports and feature writing call the person just named by their nationality; the plural
    ("the Americans") and the invariant forms ("the Swiss") stay with their country.  Such a
    person is unnamed: the article names them elsewhere.

    >>> from toolkit.nlp import load_model
    >>> from toolkit.attribution.mention_view import read_mention
    >>> [demonym_person(read_mention(list(load_model()(t)))) for t in ("the American", "the Swiss", "the Americans")]
    [True, False, False]
    """
    if len(m.tokens) != 2 or m.first != "the" or not m.tokens[1].text[:1].isupper():
        return False
    word = m.tokens[1].text
    return place_kinds().get(word) == "demonym" and not word.endswith(_INVARIANT_DEMONYM_ENDINGS)


def _demonym_person(m: MentionView) -> str | None:
    return "person" if demonym_person(m) else None


def _only_places(m: MentionView) -> str | None:
    # "the Kremlin", "Downing Street": the seat of a government speaks as that government, not
    # as the whole country (they are in the place list only to give their country as affiliation)
    if m.head_in("speaker_government") or m.phrase_in("speaker_government"):
        return None
    if m.place_idx and all(
        k in m.place_idx or w in DETERMINERS or m.tokens[k].is_punct or w in ("and", "&")
        for k, w in enumerate(m.low)
    ):
        return "country"
    return None


def _government(m: MentionView) -> str | None:
    return "government" if m.head_in("speaker_government") or m.phrase_in("speaker_government") else None


def _document(m: MentionView) -> str | None:
    # "The New York Post" is a publisher, not a document; capitals alone ("Poll: ...") or a
    # mis-tagged lower-case head ("a Donald Trump tweet") do not make a name
    h = m.head
    proper = h.pos_ == "PROPN" and (
        bool(h.ent_type_) or any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in h.children)
    ) and not h.text.islower()
    return "document" if m.head_in("document_sources") and not proper else None


def _office(m: MentionView) -> str | None:
    """"Its chief executive", "the bank's managing director": an office of one holder is a person.

    The head alone ("executive", "director") is an occupation many hold; the phrase names
    one office, so the mention identifies its holder (unlike "an executive at the bank").
    """
    if m.name_on_head or m.first in _INDEFINITE or m.plural or m.head.pos_ != "NOUN":
        return None
    return "person" if m.phrase_in("speaker_roles") else None


def _unnamed_person(m: MentionView) -> str | None:
    """Find someone left unnamed: "a person at the fundraiser", "one academic", "Cruz's lawyers"."""
    if m.name_on_head or m.head.pos_ != "NOUN" or m.head_in("speaker_organizations"):
        return None
    owner = next((c for c in m.head.children if c.dep_ == "poss" and c.pos_ == "PROPN"), None)
    # an agent noun owned by a named party, or one of a class, is a person ("New York's
    # medical examiner", "a police officer")
    agent = agent_noun(m.head_low) and (owner is not None or m.first in _INDEFINITE)
    if not (person_noun(m.head_low) or agent):
        return None
    if m.first in _INDEFINITE and not m.plural:
        return "anonymous"
    # "Cruz's lawyers", "the minister's aide": people tied to a named party; an office of
    # one holder ("Russia's president") identifies its holder and stays a person
    if owner is not None and not m.head_in("speaker_roles"):
        return "anonymous"
    return None


def _one_of(m: MentionView) -> str | None:
    """"one of the organisers", "one of his aides": one unnamed member of a group of people."""
    h = m.head
    if h.lower_ != "one":
        return None
    for c in h.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            group = next((g for g in c.children if g.dep_ == "pobj"), None)
            if group is not None and group.tag_ == "NNS" and group.pos_ == "NOUN":
                lemma = norm(group.lemma_)
                if person_noun(lemma) or agent_noun(lemma):
                    return "anonymous"
    return None


def _counted_people(m: MentionView) -> str | None:
    """Call an uncounted many vague, like "many MPs": "a string of Tory MPs", "dozens of officials"."""
    group = counted_people(m.head)
    if group is None:
        return None
    lemma = norm(group.lemma_)
    return "vague" if person_noun(lemma) or agent_noun(lemma) or title_noun(group) else None


# Quantifiers that pick an unspecified portion of a group ("many lawmakers", "some officials"):
# a vague source, unlike "other officials" (a further set of specific people).
_PORTION = QUANTIFIERS - {"other", "others"}


def _anonymous(m: MentionView) -> str | None:
    """Find a specific source left unnamed: "officials", "opposition lawmakers", "people familiar with …".

    >>> from toolkit.nlp import load_model
    >>> from toolkit.attribution.mention_view import read_mention
    >>> nlp = load_model()
    >>> [_anonymous(read_mention(list(nlp(t)))) for t in ("Opposition lawmakers", "Many lawmakers", "Other officials")]
    ['anonymous', None, 'anonymous']
    >>> _anonymous(read_mention(list(nlp("Independent analysts and sources in the camp"))))
    'anonymous'
    """
    if m.phrase_in("anonymous_sources"):
        return "anonymous"
    if m.head_in("anonymous_sources") and m.head_low not in _GENERIC and not (m.plural and m.first in _PORTION):
        return "anonymous"
    # "independent analysts and sources in the camp": unnamed sources among those joined (not
    # when someone is named: "Ann Lee and her staff" are hers)
    if m.has_person or m.head.pos_ != "NOUN":
        return None
    listed = terms("anonymous_sources")
    joined = [c for c in m.head.children if c.dep_ == "conj" and c.pos_ == "NOUN"]
    if m.first not in _PORTION and any(norm(c.lemma_) in listed or c.lower_ in listed for c in joined):
        return "anonymous"
    return None


def _vague_word(m: MentionView) -> str | None:
    words = terms("vague_sources")
    if m.first in DEFINITE and not m.plural and (m.head_in("speaker_person_nouns") or agent_noun(m.head_low)):
        return None  # "the American forensics expert": one person the article has in mind ("the public" stays vague)
    if (m.head_in("vague_sources") or m.lower.strip() in words) and m.head.pos_ != "PROPN":
        return "vague"
    return None


def _plural_group(m: MentionView) -> str | None:
    """Find an unnamed part of a group: "some environmental groups", "many Democrats"."""
    head, quantified = m.head, m.first in QUANTIFIERS
    if not m.plural or (head.ent_type_ in ("ORG", "GPE", "PERSON") and not quantified):
        return None
    if m.head_in("speaker_organizations") and not quantified and _defined_bodies(m):
        return "organization"  # "the unions", "Britain's unions": the bodies themselves
    if not quantified and _introduced_group(m):
        return None
    if quantified or (head.pos_ == "NOUN" and not any(_names_something(t) for t in m.tokens)):
        return "vague"
    return None


def _names_something(t: Token) -> bool:
    """Tell whether a proper noun is a name, not a capital the sentence start put there ("Anti-virus firms")."""
    return t.pos_ == "PROPN" and t.is_alpha and (bool(t.ent_type_) or not t.is_sent_start)


def _defined_bodies(m: MentionView) -> bool:
    """Tell whether a plural names the bodies ("the unions"), not their people ("groups of ...")."""
    h = m.head
    if any(c.dep_ == "prep" and c.lower_ == "of" for c in h.children):
        return False  # a partitive: the people in the groups speak, not the bodies
    # a bare plural with only a kind before it ("human rights groups", "anti-virus firms") is
    # some bodies of that kind, unspecified: as vague as "experts"
    return m.first in ("the", "these", "those") or any(c.dep_ == "poss" for c in h.children)


def _organization(m: MentionView) -> str | None:
    if m.titled:
        return None  # "the Mid-Bedfordshire MP", "the Chelsea manager": the label is on the place or club
    return "organization" if m.head.ent_type_ in ("ORG", "NORP") or m.head_in("speaker_organizations") else None


def _place(m: MentionView) -> str | None:
    if m.head.ent_type_ in ("GPE", "LOC") or m.head.text in places():
        return "country" if place_kinds().get(m.head.text) != "demonym" else "vague"
    return None


def _acronym(m: MentionView) -> str | None:
    # "says WHO", "NATO said": one untagged word in capitals is a body's initials, not a person
    # (nor the pronoun "who"); a person's name in capitals is tagged PERSON or has two words
    t = m.head
    one_word = len(m.tokens) == 1 and t.is_alpha and len(t.text) >= _ACRONYM_MIN
    return "organization" if one_word and t.text.isupper() and t.ent_type_ != "PERSON" else None


def _role_or_name(m: MentionView) -> str | None:
    if _definite_proper(m):
        # "the Palace of Westminster", "the Treasury": nobody calls a person "the Smith"; a
        # proper noun after "the" that the tagger names as no one is a body or a place
        return "organization"
    if m.head.pos_ == "PROPN" or m.first in TITLES or (m.head_in("speaker_roles") and not m.plural):
        return "person"
    if m.plural and m.head.pos_ == "NOUN" and not _introduced_group(m):
        return "vague"  # an unnamed group: "investors", "organisers"
    return None


def _introduced_group(m: MentionView) -> bool:
    """Tell whether a plural is a group the article has introduced ("the organisers", "the doctors"), not a crowd."""
    return m.first in DEFINITE and m.first not in QUANTIFIERS and not m.head_in("vague_sources")


def _definite_proper(m: MentionView) -> bool:
    """Tell whether a mention is "the" + an untagged proper noun with no title ("the Palace of Westminster")."""
    return (
        m.first == "the" and m.head.pos_ == "PROPN" and m.head.ent_type_ != "PERSON"
        and not any(w in TITLES or person_noun(w) or w in _ADDRESS for w in m.low)
    )


KIND_RULES: tuple[KindRule, ...] = (
    _party,
    _poll_share,
    _named_body,
    _named_person,
    _described_person,
    _initialled_name,
    _demonym_person,
    _only_places,
    _office,
    # before the unnamed person: "a number of experts" is many, not one
    _counted_people,
    # before the institutions: "a White House official" is one unnamed person, not the office
    _unnamed_person,
    _government,
    _document,
    _one_of,
    _anonymous,
    _vague_word,
    _plural_group,
    _organization,
    _place,
    _acronym,
    _role_or_name,
)


def speaker_kind(m: MentionView) -> str:
    """Return the kind of a mention: the first rule of :data:`KIND_RULES` that decides.

    >>> from toolkit.nlp import load_model
    >>> from toolkit.attribution.mention_view import read_mention
    >>> nlp = load_model()
    >>> [speaker_kind(read_mention(list(nlp(t)))) for t in ("a young woman", "Cruz's lawyers", "critics")]
    ['anonymous', 'anonymous', 'vague']
    """
    return next((k for rule in KIND_RULES if (k := rule(m)) is not None), "unknown")


def named_entity_in(m: MentionView) -> bool:
    """Tell whether an entity label or a proper noun names something in the mention.

    A "proper noun" written in lower case is a tagger slip on headline-ese ("…, says minister"):
    English news capitalises names, so it names no one.
    """
    return any(t.ent_type_ in _NAME_LABELS or is_proper(t) for t in m.tokens)


def is_proper(t: Token) -> bool:
    """Tell whether a token is a proper noun as written (tagged PROPN and not all lower case).

    >>> from toolkit.nlp import load_model
    >>> doc = load_model()("Factory will close, says minister")
    >>> is_proper(doc[-1])
    False
    """
    return t.pos_ == "PROPN" and not t.text.islower()
